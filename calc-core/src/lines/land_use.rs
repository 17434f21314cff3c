//! `land_use_tax` and `land_use_tax_leased` — 城镇土地使用税免征.
//!
//! > 二、……自有或其通过承租、无偿使用等方式取得并用于提供社区养老、托育、家政服务的房产、
//! > 土地，免征房产税、城镇土地使用税。
//! > — 财政部等六部门公告2019年第76号；2026年第7号（同文）
//!
//! *Land used for community childcare is exempt from urban land use tax.* Each plot:
//! `area × tax per m² × months / 12`; owned and free-use plots are the facility's (halved for a
//! small taxpayer), leased ones the landlord's (SPEC §4.5). The tax per m² is an input, checked
//! against the large-city band.

use super::property::gate_items;
use super::{count, months_label, plain, yuan, Ctx, LineId, LineOut};
use super::{LineDoc, Procedure};
use crate::error::Error;
use crate::error::OrOverflow;
use crate::money::Exact;
use crate::params::Confidence;
use crate::params::{ParamId, Value};
use crate::request::Tenure;
use crate::statement::Status;
use rust_decimal::Decimal;
/// What `land_use_tax` computes, on which article (`tuoyu explain land_use_tax`).
pub(crate) const DOC: LineDoc = LineDoc {
    article: "二 / art.2",
    quote_zh: "……用于提供社区养老、托育、家政服务的……土地，免征……城镇土地使用税。",
    quote_en: "… land … used to provide community elderly-care, childcare and domestic services … is exempt from … urban land use tax.",
    computes_zh: "自有、无偿使用土地的城镇土地使用税",
    computes_en: "Urban land use tax on owned and free-use land.",
    formula: "Σ area m² × tax per m² × months / 12 × (1 − yunnan.small_scale_reduction / yunnan.slpe_reduction for a small taxpayer); tax per m² checked against national.land_use_tax.large_city_band",
};

/// What `land_use_tax_leased` computes, on which article (`tuoyu explain land_use_tax_leased`).
pub(crate) const DOC_LEASED: LineDoc = LineDoc {
    article: "二 / art.2",
    quote_zh: "……通过承租……取得……的……土地，免征……城镇土地使用税。",
    quote_en: "… land … obtained … by lease … is exempt from … urban land use tax.",
    computes_zh: "承租土地的城镇土地使用税（出租方受益；不减半）",
    computes_en: "Urban land use tax on leased land (saved by the landlord; never halved).",
    formula: "Σ area m² × tax per m² × months / 12",
};

/// How the land use tax exemption is claimed (general practice, unverified).
pub(crate) const HOW_TO_CLAIM: Procedure = Procedure {
    zh: "城镇土地使用税申报时填报减免税（承租土地由出租方申报享受），土地用于社区托育的证明留存备查。具体办理程序未查到原文，以主管税务机关要求为准。",
    en: "Report the exemption on the land use tax return (the landlord for leased land); keep proof that the land is used for community childcare. The procedure was not found in the texts: ask the tax office.",
    document: "财政部 税务总局 国家发展改革委 民政部 商务部 国家卫生健康委公告2026年第7号",
    title_en: "MOF/STA/NDRC/MCA/MOFCOM/NHC Announcement No. 7 of 2026 (community services preferences extended)",
    article: "第二条（无办理程序条款）",
    article_en: "art. 2 (no procedure clause)",
    url: None,
    url_note: Some("公告2026年第7号无办理程序条款，办理程序的原文未找到，无网址（docs/RESEARCH.md §1.1） / Announcement No. 7 of 2026 has no procedure clause and no text of the procedure was found: no address (docs/RESEARCH.md §1.1)"),
    confidence: Confidence::Unverified,
};

const PATH: &str = "land";

pub(crate) fn line(ctx: &Ctx<'_>, leased: bool) -> Result<LineOut, Error> {
    let id = if leased {
        LineId::LandUseTaxLeased
    } else {
        LineId::LandUseTax
    };
    let mut out = ctx.community_line(id, "二");
    let items = ctx
        .req
        .land
        .iter()
        .enumerate()
        .filter(|(_, p)| (p.tenure == Some(Tenure::Leased)) == leased)
        .map(|(i, p)| (i, p.used_from, p.used_to));
    let what = if leased {
        ("承租的土地", "leased land")
    } else {
        ("自有或无偿使用的土地", "owned or free-use land")
    };
    if let Some(items) = gate_items(ctx, &mut out, what, items) {
        compute(ctx, &mut out, &items, leased)?;
    }
    out.trace.basis_if_empty(|| ctx.basis_for("二"));
    ctx.filing_warning(&mut out);
    Ok(out)
}

fn compute(
    ctx: &Ctx<'_>,
    out: &mut LineOut,
    items: &[super::property::Item],
    leased: bool,
) -> Result<(), Error> {
    let land = &ctx.req.land;
    for it in items {
        let plot = &land[it.index];
        if plot.area_m2.is_none() {
            out.mark_missing(&format!("land[{}].area_m2", it.index));
        }
        if plot.tax_per_m2.is_none() {
            out.mark_missing(&format!("land[{}].tax_per_m2", it.index));
        }
    }
    if out.status != Status::Applies {
        return Ok(());
    }
    let band = ctx
        .params
        .at(ParamId::LandUseLargeCityBand, ctx.ref_date())?;
    out.trace.param(&band);
    let (lo, hi) = match band.entry.value {
        Value::Band { min, max } => (min, max),
        _ => (Decimal::ZERO, Decimal::MAX),
    };
    let mut total = Exact::zero();
    // The months of the items that took the reduction (for its warning).
    let mut reduced = [false; 12];
    for it in items {
        let plot = &land[it.index];
        let (area, rate) = (
            plot.area_m2.map(|d| d.0).unwrap_or_default(),
            plot.tax_per_m2.map(|d| d.0).unwrap_or_default(),
        );
        if rate < lo || rate > hi {
            out.trace.warn(|| {
                (
                    format!("地块 {} 的每平方米年税额 {} 不在大城市税额幅度 {}—{} 元/㎡·年 内（晋宁所属城市规模本身也不确定），仍按所填税额计算", it.index + 1, plain(rate), plain(lo), plain(hi)),
                    format!("Plot {}: tax per m² per year {} is outside the large-city band {}–{} yuan/m²/year (Jinning's city-size class is itself uncertain); computed as given", it.index + 1, plain(rate), plain(lo), plain(hi)),
                )
            });
        }
        let k = count(&it.months);
        let keep = if leased {
            Decimal::from(k)
        } else {
            ctx.keep_share(&it.months, &mut out.trace)
        };
        if !leased {
            reduced
                .iter_mut()
                .zip(&it.months)
                .for_each(|(r, m)| *r |= m);
        }
        let num = area
            .checked_mul(rate)
            .and_then(|x| x.checked_mul(keep))
            .or_overflow(PATH)?;
        let v = Exact::frac(num, Decimal::from(12)).or_overflow(PATH)?;
        total.add(&v).or_overflow(PATH)?;
        out.trace.try_step(|| {
            let vv = v.value().or_overflow(PATH)?;
            let (mz, me) = months_label(&it.months);
            let half = !leased && ctx.reduced_in(&it.months);
            Ok::<_, Error>((
                format!(
                    "地块 {}：面积 {} ㎡ × {} 元/㎡ × {k}/12（{mz}）{} = {}",
                    it.index + 1,
                    plain(area),
                    plain(rate),
                    if half {
                        " × (1 − 六税两费减征)"
                    } else {
                        ""
                    },
                    yuan(vv)
                ),
                format!(
                    "Plot {}: {} m² × {} yuan/m² × {k}/12 ({me}){} = {}",
                    it.index + 1,
                    plain(area),
                    plain(rate),
                    if half {
                        " × (1 − 'six taxes' reduction)"
                    } else {
                        ""
                    },
                    yuan(vv)
                ),
            ))
        })?;
    }
    ctx.reduction_warning(&reduced, &mut out.trace);
    if leased {
        out.trace.note(|| {
            (
                "承租土地的城镇土地使用税纳税人是出租方：免税降低的是出租方的税负，不减半".into(),
                "for leased land the landlord is the taxpayer: the exemption lowers the landlord's tax, and is not halved".into(),
            )
        });
    }
    out.trace.note(|| {
        (
            "昆明/晋宁土地等级税额未查到：tax_per_m2 由用户填写".into(),
            "Kunming/Jinning land grades were not found: tax_per_m2 is the user's figure".into(),
        )
    });
    out.set_amount(&total, PATH)
}
