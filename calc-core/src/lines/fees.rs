//! The six fee waivers of art.一(四), one line each.
//!
//! > （四）用于提供社区养老、托育、家政服务的房产、土地，免征不动产登记费、耕地开垦费、土地复垦费、
//! > 土地闲置费；用于提供社区养老、托育、家政服务的建设项目，免征城市基础设施配套费；确因地质条件等
//! > 原因无法修建防空地下室的，免征防空地下室易地建设费。
//! > — 财政部等六部门公告2019年第76号；2026年第7号（同文）
//!
//! *Buildings and land for community childcare are exempt from the registration, farmland
//! reclamation, land reclamation and land idle fees; construction projects from the
//! infrastructure fee; and, where geology prevents a civil-air-defence basement, from the
//! off-site construction fee* (SPEC §4.7). A fee item with a `date` counts only if the date is in
//! the year and in a window; without one, if the year has an eligible month.

use super::{pct, plain, yuan, Ctx, LineId, LineOut};
use super::{LineDoc, Procedure};
use crate::error::Error;
use crate::error::OrOverflow;
use crate::money::{Dec, Exact};
use crate::params::Confidence;
use crate::params::ParamId;
use crate::statement::Status;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
/// What `registration_fee` computes, on which article (`tuoyu explain registration_fee`).
pub(crate) const DOC_REGISTRATION: LineDoc = LineDoc {
    article: "一（四） / art.1(4)",
    quote_zh: "用于提供社区养老、托育、家政服务的房产、土地，免征不动产登记费……",
    quote_en: "Buildings and land used to provide community elderly-care, childcare and domestic services are exempt from the real estate registration fee …",
    computes_zh: "不动产登记费",
    computes_en: "Real estate registration fee.",
    formula: "registrations × national.fees.registration.non_residential + residential registrations × national.fees.registration.residential",
};

/// What `farmland_reclamation_fee` computes, on which article (`tuoyu explain farmland_reclamation_fee`).
pub(crate) const DOC_FARMLAND_RECLAMATION: LineDoc = LineDoc {
    article: "一（四） / art.1(4)",
    quote_zh: "……免征……耕地开垦费……",
    quote_en: "… exempt from … the farmland reclamation fee …",
    computes_zh: "耕地开垦费",
    computes_en: "Farmland reclamation fee.",
    formula: "area m² × rate per m²",
};

/// What `land_reclamation_fee` computes, on which article (`tuoyu explain land_reclamation_fee`).
pub(crate) const DOC_LAND_RECLAMATION: LineDoc = LineDoc {
    article: "一（四） / art.1(4)",
    quote_zh: "……免征……土地复垦费……",
    quote_en: "… exempt from … the land reclamation fee …",
    computes_zh: "土地复垦费",
    computes_en: "Land reclamation fee.",
    formula: "the amount due",
};

/// What `land_idle_fee` computes, on which article (`tuoyu explain land_idle_fee`).
pub(crate) const DOC_LAND_IDLE: LineDoc = LineDoc {
    article: "一（四） / art.1(4)",
    quote_zh: "……免征……土地闲置费。",
    quote_en: "… exempt from … the land idle fee.",
    computes_zh: "土地闲置费（闲置满一年时）",
    computes_en: "Land idle fee (when idle over one year).",
    formula: "land price × national.fees.land_idle_ratio",
};

/// What `infrastructure_fee` computes, on which article (`tuoyu explain infrastructure_fee`).
pub(crate) const DOC_INFRASTRUCTURE: LineDoc = LineDoc {
    article: "一（四） / art.1(4)",
    quote_zh: "用于提供社区养老、托育、家政服务的建设项目，免征城市基础设施配套费。",
    quote_en: "Construction projects used to provide community elderly-care, childcare and domestic services are exempt from the urban infrastructure fee.",
    computes_zh: "城市基础设施配套费",
    computes_en: "Urban infrastructure fee.",
    formula: "floor area m² × rate per m²",
};

/// What `air_defence_fee` computes, on which article (`tuoyu explain air_defence_fee`).
pub(crate) const DOC_AIR_DEFENCE: LineDoc = LineDoc {
    article: "一（四） / art.1(4)",
    quote_zh: "确因地质条件等原因无法修建防空地下室的，免征防空地下室易地建设费。",
    quote_en: "Where a civil air defence basement truly cannot be built because of geological conditions or similar reasons, the civil air defence off-site construction fee is waived.",
    computes_zh: "防空地下室易地建设费（仅当地质条件无法修建时）",
    computes_en:
        "Civil air defence off-site construction fee (only where geology prevents the basement).",
    formula: "basement area m² × rate per m²",
};

/// How the fee waivers are obtained (general practice, unverified).
pub(crate) const HOW_TO_CLAIM: Procedure = Procedure {
    zh: "办理不动产登记、用地、报建等手续时，向收费部门（不动产登记、自然资源、住建、人防等）申请免收，出示托育机构资质和用途说明。具体办理程序未查到原文，以收费部门要求为准。",
    en: "When registering, obtaining land or building permits, ask the collecting office (registration, natural resources, housing, civil air defence) to waive the fee, showing the facility's qualification and the intended use. The procedure was not found in the texts: ask the office.",
    document: "财政部 税务总局 国家发展改革委 民政部 商务部 国家卫生健康委公告2026年第7号",
    title_en: "MOF/STA/NDRC/MCA/MOFCOM/NHC Announcement No. 7 of 2026 (community services preferences extended)",
    article: "第一条第（四）项（无办理程序条款）",
    article_en: "art. 1(4) (no procedure clause)",
    url: None,
    url_note: Some("公告2026年第7号无办理程序条款，办理程序的原文未找到，无网址（docs/RESEARCH.md §1.1） / Announcement No. 7 of 2026 has no procedure clause and no text of the procedure was found: no address (docs/RESEARCH.md §1.1)"),
    confidence: Confidence::Unverified,
};

const ARTICLE: &str = "一（四）";

/// The gate of a fee item: dated in another year → `not_applicable`; in the year but outside
/// the windows (or an undated item in a year without eligible month) → `not_in_force`; then
/// eligibility. Returns whether to go on.
fn gate(ctx: &Ctx<'_>, out: &mut LineOut, date: Option<NaiveDate>, path: &str) -> bool {
    match date {
        Some(d) if d.year() != ctx.year => {
            out.not_applicable_because(|| {
                (
                    format!("{path}.date = {d}，不在{}年", ctx.year),
                    format!("{path}.date = {d} is not in {}", ctx.year),
                )
            });
            false
        }
        Some(d) if !ctx.in_window(d) => {
            ctx.not_in_force(out, Some(d));
            false
        }
        Some(_) => {
            if ctx.failed.is_empty() {
                true
            } else {
                ctx.not_eligible(out);
                false
            }
        }
        None => ctx.gate(out),
    }
}

fn value(d: Option<Dec>) -> Option<Decimal> {
    d.map(|x| x.0)
}

fn finish(ctx: &Ctx<'_>, mut out: LineOut) -> LineOut {
    ctx.filing_warning(&mut out);
    out
}

fn product(
    out: &mut LineOut,
    a: Decimal,
    b: Decimal,
    path: &'static str,
) -> Result<Decimal, Error> {
    let v = a.checked_mul(b).or_overflow(path)?;
    out.set_amount(&Exact::of(v), path)?;
    if out.amount.is_zero() {
        out.trace.note_zero(|| {
            (
                "所填数量或单价为0，免收金额为0".into(),
                "the quantity or rate given is 0, so nothing is waived".into(),
            )
        });
    }
    Ok(v)
}

/// `registration_fee` — 不动产登记费: registrations × the fee per registration.
pub(crate) fn registration(ctx: &Ctx<'_>) -> Result<LineOut, Error> {
    let mut out = ctx.community_line(LineId::RegistrationFee, ARTICLE);
    let f = ctx.req.fees.as_ref();
    let (nr, r) = (
        f.and_then(|f| f.registrations),
        f.and_then(|f| f.registrations_residential),
    );
    if nr.is_none() && r.is_none() {
        out.set_not_applicable(
            "请求中没有不动产登记（fees.registrations）",
            "the request has no registrations (fees.registrations)",
        );
        return Ok(finish(ctx, out));
    }
    if !ctx.gate(&mut out) {
        return Ok(finish(ctx, out));
    }
    let d = ctx.ref_date();
    let fnr = ctx.params.at(ParamId::FeeRegistrationNonResidential, d)?;
    let fr = ctx.params.at(ParamId::FeeRegistrationResidential, d)?;
    let (nr, r) = (
        Decimal::from(nr.unwrap_or(0)),
        Decimal::from(r.unwrap_or(0)),
    );
    if !nr.is_zero() {
        out.trace.param(&fnr);
    }
    if !r.is_zero() {
        out.trace.param(&fr);
    }
    let v = nr
        .checked_mul(fnr.decimal())
        .and_then(|a| r.checked_mul(fr.decimal()).and_then(|b| a.checked_add(b)));
    let v = v.or_overflow("fees.registrations")?;
    out.trace.step(|| {
        (
            format!(
                "非住宅 {} 件 × {} 元 + 住宅 {} 件 × {} 元 = {}",
                nr,
                plain(fnr.decimal()),
                r,
                plain(fr.decimal()),
                yuan(v)
            ),
            format!(
                "{} non-residential × {} yuan + {} residential × {} yuan = {}",
                nr,
                plain(fnr.decimal()),
                r,
                plain(fr.decimal()),
                yuan(v)
            ),
        )
    });
    out.set_amount(&Exact::of(v), "fees.registrations")?;
    if out.amount.is_zero() {
        out.trace
            .note_zero(|| ("登记件数为0".into(), "no registrations".into()));
    }
    Ok(finish(ctx, out))
}

/// A fee the request gives as one item (`fees.…`, with an optional date): the five fees of
/// art.一(四) after the registration fee share this shape. No item → `not_applicable`; then the
/// gate of the item's date; then the fee's own rule.
struct FeeItem {
    /// The line.
    line: LineId,
    /// Where the item sits in the request.
    path: &'static str,
    /// The fee's name, for the note when the request has no such item.
    name_zh: &'static str,
}

/// `area m² × rate per m²`: the farmland reclamation, infrastructure and air defence fees.
struct AreaRate {
    /// The item.
    item: FeeItem,
    /// The request fields of the area and the rate (named when missing).
    area_field: &'static str,
    rate_field: &'static str,
    /// What the area is, ahead of its figure in the step (empty: the plain area).
    area_zh: &'static str,
    area_en: &'static str,
}

const FARMLAND: AreaRate = AreaRate {
    item: FeeItem {
        line: LineId::FarmlandReclamationFee,
        path: "fees.farmland_reclamation",
        name_zh: "耕地开垦费",
    },
    area_field: "fees.farmland_reclamation.area_m2",
    rate_field: "fees.farmland_reclamation.rate_per_m2",
    area_zh: "",
    area_en: "",
};

const INFRASTRUCTURE: AreaRate = AreaRate {
    item: FeeItem {
        line: LineId::InfrastructureFee,
        path: "fees.infrastructure",
        name_zh: "城市基础设施配套费",
    },
    area_field: "fees.infrastructure.floor_area_m2",
    rate_field: "fees.infrastructure.rate_per_m2",
    area_zh: "建筑面积 ",
    area_en: "Floor area ",
};

const AIR_DEFENCE: AreaRate = AreaRate {
    item: FeeItem {
        line: LineId::AirDefenceFee,
        path: "fees.air_defence",
        name_zh: "防空地下室易地建设费",
    },
    area_field: "fees.air_defence.basement_area_m2",
    rate_field: "fees.air_defence.rate_per_m2",
    area_zh: "应建防空地下室面积 ",
    area_en: "Basement area ",
};

const LAND_RECLAMATION: FeeItem = FeeItem {
    line: LineId::LandReclamationFee,
    path: "fees.land_reclamation",
    name_zh: "土地复垦费",
};

const LAND_IDLE: FeeItem = FeeItem {
    line: LineId::LandIdleFee,
    path: "fees.land_idle",
    name_zh: "土地闲置费",
};

impl FeeItem {
    /// The line when the request has no such item: not applicable.
    fn absent(&self, ctx: &Ctx<'_>, mut out: LineOut) -> LineOut {
        out.set_not_applicable(
            &format!("请求中没有{}（{}）", self.name_zh, self.path),
            &format!("the request has no {}", self.path),
        );
        finish(ctx, out)
    }

    /// The line of item `input` (dated by `date`): absent → not applicable; then the gate; then `rule`.
    fn line<X>(
        &self,
        ctx: &Ctx<'_>,
        input: Option<&X>,
        date: impl Fn(&X) -> Option<NaiveDate>,
        rule: impl FnOnce(&mut LineOut, &X) -> Result<(), Error>,
    ) -> Result<LineOut, Error> {
        let mut out = ctx.community_line(self.line, ARTICLE);
        let Some(input) = input else {
            return Ok(self.absent(ctx, out));
        };
        if gate(ctx, &mut out, date(input), self.path) {
            rule(&mut out, input)?;
        }
        Ok(finish(ctx, out))
    }
}

impl AreaRate {
    /// `area × rate` into `out`, or the first of the two that is missing.
    fn apply(&self, out: &mut LineOut, area: Option<Dec>, rate: Option<Dec>) -> Result<(), Error> {
        match (value(area), value(rate)) {
            (Some(a), Some(r)) => {
                let v = product(out, a, r, self.item.path)?;
                out.trace.step(|| {
                    (
                        format!(
                            "{}{} ㎡ × {} 元/㎡ = {}",
                            self.area_zh,
                            plain(a),
                            plain(r),
                            yuan(v)
                        ),
                        format!(
                            "{}{} m² × {} yuan/m² = {}",
                            self.area_en,
                            plain(a),
                            plain(r),
                            yuan(v)
                        ),
                    )
                });
            }
            (None, _) => out.mark_missing(self.area_field),
            (Some(_), None) => out.mark_missing(self.rate_field),
        }
        Ok(())
    }
}

/// `farmland_reclamation_fee` — 耕地开垦费: area × rate.
pub(crate) fn farmland(ctx: &Ctx<'_>) -> Result<LineOut, Error> {
    let fee = &FARMLAND;
    let input = ctx
        .req
        .fees
        .as_ref()
        .and_then(|f| f.farmland_reclamation.as_ref());
    fee.item.line(
        ctx,
        input,
        |input| input.date,
        |out, input| fee.apply(out, input.area_m2, input.rate_per_m2),
    )
}

/// `land_reclamation_fee` — 土地复垦费: the amount.
pub(crate) fn land_reclamation(ctx: &Ctx<'_>) -> Result<LineOut, Error> {
    let input = ctx
        .req
        .fees
        .as_ref()
        .and_then(|f| f.land_reclamation.as_ref());
    LAND_RECLAMATION.line(
        ctx,
        input,
        |input| input.date,
        |out, input| {
            match value(input.amount) {
                Some(a) => {
                    let v = product(out, a, Decimal::ONE, LAND_RECLAMATION.path)?;
                    out.trace.step(|| {
                        (
                            format!("应缴土地复垦费 {}", yuan(v)),
                            format!("Land reclamation fee due {}", yuan(v)),
                        )
                    });
                }
                None => out.mark_missing("fees.land_reclamation.amount"),
            }
            Ok(())
        },
    )
}

/// `land_idle_fee` — 土地闲置费: land price × 20%, only when idle over one year (decided before
/// the item's date: land not idle a year owes no such fee at all).
pub(crate) fn land_idle(ctx: &Ctx<'_>) -> Result<LineOut, Error> {
    let mut out = ctx.community_line(LAND_IDLE.line, ARTICLE);
    let Some(input) = ctx.req.fees.as_ref().and_then(|f| f.land_idle.as_ref()) else {
        return Ok(LAND_IDLE.absent(ctx, out));
    };
    if input.idle_over_one_year == Some(false) {
        out.status = Status::NotApplicable;
        out.trace.reason(
            "土地未闲置满一年，不产生土地闲置费".into(),
            "the land has not been idle for over one year: no land idle fee arises".into(),
            Some(crate::statement::Basis {
                document: "《闲置土地处置办法》（国土资源部令第53号）".into(),
                title_en: Some("Measures for the Disposal of Idle Land (MLR Order No. 53)".into()),
                article: "第十四条".into(),
                article_en: Some("art. 14".into()),
                window: None,
            }),
        );
        return Ok(finish(ctx, out));
    }
    if gate(ctx, &mut out, input.date, LAND_IDLE.path) {
        match (input.idle_over_one_year, value(input.land_price)) {
            (None, _) => out.mark_missing("fees.land_idle.idle_over_one_year"),
            (_, None) => out.mark_missing("fees.land_idle.land_price"),
            (Some(_), Some(p)) => {
                let ratio = ctx.params.at(
                    ParamId::FeeLandIdleRatio,
                    input.date.unwrap_or(ctx.ref_date()),
                )?;
                out.trace.param(&ratio);
                let v = product(&mut out, p, ratio.decimal(), LAND_IDLE.path)?;
                out.trace.step(|| {
                    (
                        format!(
                            "土地价款 {} × {} = {}",
                            plain(p),
                            pct(ratio.decimal()),
                            yuan(v)
                        ),
                        format!(
                            "Land price {} × {} = {}",
                            plain(p),
                            pct(ratio.decimal()),
                            yuan(v)
                        ),
                    )
                });
            }
        }
    }
    Ok(finish(ctx, out))
}

/// `infrastructure_fee` — 城市基础设施配套费: floor area × rate.
pub(crate) fn infrastructure(ctx: &Ctx<'_>) -> Result<LineOut, Error> {
    let fee = &INFRASTRUCTURE;
    let input = ctx
        .req
        .fees
        .as_ref()
        .and_then(|f| f.infrastructure.as_ref());
    fee.item.line(
        ctx,
        input,
        |input| input.date,
        |out, input| fee.apply(out, input.floor_area_m2, input.rate_per_m2),
    )
}

/// `air_defence_fee` — 防空地下室易地建设费: basement area × rate, only where geology prevents the
/// basement.
pub(crate) fn air_defence(ctx: &Ctx<'_>) -> Result<LineOut, Error> {
    let fee = &AIR_DEFENCE;
    let input = ctx.req.fees.as_ref().and_then(|f| f.air_defence.as_ref());
    fee.item.line(ctx, input, |input| input.date, |out, input| match input.geology_prevents_basement {
        Some(false) => {
            out.status = Status::NotEligible;
            let basis = ctx.basis_for(ARTICLE).last().cloned();
            out.trace.reason(
                "只有确因地质条件等原因无法修建防空地下室的，才免征易地建设费".into(),
                "the off-site fee is waived only where geology or similar reasons prevent building the basement".into(),
                basis,
            );
            Ok(())
        }
        None => {
            out.mark_missing("fees.air_defence.geology_prevents_basement");
            Ok(())
        }
        Some(true) => fee.apply(out, input.basement_area_m2, input.rate_per_m2),
    })
}
