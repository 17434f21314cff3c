//! `deed_tax` — 契税免征.
//!
//! > （三）承受房屋、土地用于提供社区养老、托育、家政服务的，免征契税。
//! > — 财政部等六部门公告2019年第76号；2026年第7号（同文）
//!
//! *Acquiring a house or land for community childcare is exempt from deed tax.* Each acquisition
//! dated in the year and in a window counts `price × rate`; never halved (SPEC §4.6).

use super::{pct, plain, yuan, Ctx, LineId, LineOut};
use super::{LineDoc, Procedure};
use crate::error::Error;
use crate::error::OrOverflow;
use crate::money::Exact;
use crate::params::Confidence;
use crate::params::ParamId;
use crate::statement::Status;
use chrono::Datelike;
/// What `deed_tax` computes, on which article (`tuoyu explain deed_tax`).
pub(crate) const DOC: LineDoc = LineDoc {
    article: "一（三） / art.1(3)",
    quote_zh: "承受房屋、土地用于提供社区养老、托育、家政服务的，免征契税。",
    quote_en: "Houses and land acquired to provide community elderly-care, childcare and domestic services are exempt from deed tax.",
    computes_zh: "承受房屋、土地的契税；base = 计入的成交价合计",
    computes_en:
        "Deed tax on houses and land acquired for community childcare; base = the counted prices.",
    formula: "Σ price × yunnan.deed_tax.rate, for acquisitions dated in the year and in a window",
};

/// How the deed tax exemption is claimed (general practice, unverified).
pub(crate) const HOW_TO_CLAIM: Procedure = Procedure {
    zh: "契税申报时申请免征，提交房屋、土地用于社区托育的说明；资料留存备查。具体办理程序未查到原文，以主管税务机关要求为准。",
    en: "Claim the exemption when filing the deed tax, with a statement that the house or land is for community childcare; keep the documents. The procedure was not found in the texts: ask the tax office.",
    document: "财政部 税务总局 国家发展改革委 民政部 商务部 国家卫生健康委公告2026年第7号",
    title_en: "MOF/STA/NDRC/MCA/MOFCOM/NHC Announcement No. 7 of 2026 (community services preferences extended)",
    article: "第一条第（三）项（无办理程序条款）",
    article_en: "art. 1(3) (no procedure clause)",
    url: None,
    url_note: Some("公告2026年第7号无办理程序条款，办理程序的原文未找到，无网址（docs/RESEARCH.md §1.1） / Announcement No. 7 of 2026 has no procedure clause and no text of the procedure was found: no address (docs/RESEARCH.md §1.1)"),
    confidence: Confidence::Unverified,
};

const PATH: &str = "acquisitions";

pub(crate) fn line(ctx: &Ctx<'_>) -> Result<LineOut, Error> {
    let mut out = ctx.community_line(LineId::DeedTax, "一（三）");
    compute(ctx, &mut out)?;
    ctx.filing_warning(&mut out);
    Ok(out)
}

fn compute(ctx: &Ctx<'_>, out: &mut LineOut) -> Result<(), Error> {
    let acq = &ctx.req.acquisitions;
    if acq.is_empty() {
        out.set_not_applicable(
            "请求中没有购置房屋、土地（acquisitions）",
            "the request has no acquisitions",
        );
        return Ok(());
    }
    // Counted, not collected (no allocation per request): the loops below walk the list again.
    let in_year = |a: &crate::request::Acquisition| a.date.is_some_and(|d| d.year() == ctx.year);
    let (mut n_in_year, mut n_undated, mut n_in_window) = (0usize, 0usize, 0usize);
    let mut first_in_year = None;
    for (i, a) in acq.iter().enumerate() {
        match a.date {
            Some(d) if d.year() == ctx.year => {
                n_in_year += 1;
                first_in_year.get_or_insert(d);
                n_in_window += usize::from(ctx.in_window(d));
            }
            Some(d) => out.trace.note(|| {
                // Named as people count them (购置 1, Acquisition 1); paths are for errors.
                let n = i + 1;
                (
                    format!("购置 {n} 的日期 {d} 不在{}年，未计入", ctx.year),
                    format!(
                        "Acquisition {n} is dated {d}, outside {}: not counted",
                        ctx.year
                    ),
                )
            }),
            None => n_undated += 1,
        }
    }
    if n_in_year == 0 && n_undated == 0 {
        out.status = Status::NotApplicable;
        return Ok(());
    }
    // An undated acquisition cannot be in a window when no month of the year is: the year is
    // out of force before any condition or missing date is looked at (status order, SPEC §4).
    if n_in_window == 0 && (n_undated == 0 || ctx.eligible_months == 0) {
        ctx.not_in_force(out, first_in_year);
        return Ok(());
    }
    if !ctx.failed.is_empty() {
        ctx.not_eligible(out);
        return Ok(());
    }
    for (i, a) in acq.iter().enumerate() {
        if a.date.is_none() {
            out.mark_missing(&format!("acquisitions[{i}].date"));
        }
    }
    for (i, a) in acq.iter().enumerate() {
        if a.price.is_none()
            && a.date
                .is_some_and(|d| d.year() == ctx.year && ctx.in_window(d))
        {
            out.mark_missing(&format!("acquisitions[{i}].price"));
        }
    }
    if out.status != Status::Applies {
        return Ok(());
    }
    let mut total = Exact::zero();
    let mut base = rust_decimal::Decimal::ZERO;
    for (i, a) in acq.iter().enumerate().filter(|(_, a)| in_year(a)) {
        let Some(d) = a.date else { continue };
        if !ctx.in_window(d) {
            out.trace.note(|| {
                let n = i + 1;
                (
                    format!("购置 {n} 的日期 {d} 不在优惠执行期内，未计入"),
                    format!("Acquisition {n} is dated {d}, outside the windows: not counted"),
                )
            });
            continue;
        }
        let rate = ctx.params.at(ParamId::DeedTaxRate, d)?;
        out.trace.param(&rate);
        let price = a.price.map(|p| p.0).unwrap_or_default();
        base = base.checked_add(price).or_overflow(PATH)?;
        let v = price.checked_mul(rate.decimal()).or_overflow(PATH)?;
        total.add(&Exact::of(v)).or_overflow(PATH)?;
        let n = i + 1;
        out.trace.step(|| {
            (
                format!(
                    "购置 {n}（{d}）：成交价 {} × 契税税率 {} = {}",
                    plain(price),
                    pct(rate.decimal()),
                    yuan(v)
                ),
                format!(
                    "Acquisition {n} ({d}): price {} × deed tax rate {} = {}",
                    plain(price),
                    pct(rate.decimal()),
                    yuan(v)
                ),
            )
        });
    }
    out.base = Some(crate::money::round_money(base));
    out.trace.note(|| {
        (
            "契税不适用“六税两费”减半".into(),
            "deed tax is not one of the halved 'six taxes'".into(),
        )
    });
    out.set_amount(&total, PATH)
}
