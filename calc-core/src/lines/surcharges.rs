//! `vat_surcharges` — 附加税费（城市维护建设税、教育费附加、地方教育附加）.
//!
//! > 城市维护建设税以纳税人依法实际缴纳的增值税、消费税税额为计税依据。
//! > — 《城市维护建设税法》第二条；教育费附加、地方教育附加同
//!
//! *The surcharges ride on the VAT actually paid*, so exempting the VAT (art.一(一)) exempts them
//! too. Value = 4.1's exact VAT × (city rate + 3% + 2%), × (1 − reduction) for a small taxpayer
//! (SPEC §4.2). Its status follows the VAT line.

use super::vat::VatDetail;
use super::LineDoc;
use super::{pct, yuan, Ctx, LineId, LineOut};
use crate::error::Error;
use crate::error::OrOverflow;
use crate::money::Exact;
use crate::params::ParamId;
use crate::request::{LocationClass, VatKind};
use crate::statement::Status;
use rust_decimal::Decimal;

/// What `vat_surcharges` computes, on which article (`tuoyu explain vat_surcharges`).
pub(crate) const DOC: LineDoc = LineDoc {
    article: "《城市维护建设税法》第二条；教育费附加、地方教育附加 / City Maintenance Tax Law art.2",
    quote_zh: "城市维护建设税以纳税人依法实际缴纳的增值税、消费税税额为计税依据。",
    quote_en: "The city maintenance and construction tax is levied on the VAT and consumption tax the taxpayer actually pays according to law.",
    computes_zh: "随免征增值税一并免除的附加税费；base = 增值税（未舍入）",
    computes_en: "The surcharges that would ride on the exempted VAT; base = the VAT (exact).",
    formula: "VAT × (national.surcharge.city_rate.<urban|town|other> + national.surcharge.education_rate + national.surcharge.local_education_rate) × (1 − yunnan.small_scale_reduction / yunnan.slpe_reduction for a small taxpayer)",
};

const PATH: &str = "revenue.childcare";

pub(crate) fn line(
    ctx: &Ctx<'_>,
    vat: &LineOut,
    detail: Option<&VatDetail>,
) -> Result<LineOut, Error> {
    let mut out = LineOut::new(LineId::VatSurcharges, ctx.explain);
    out.trace.basis_if_empty(|| ctx.vat_basis());
    if vat.status != Status::Applies {
        out.status = vat.status;
        out.trace.reasons = vat.trace.reasons.clone();
        if vat.status == Status::NotApplicable {
            out.trace.note(|| {
                (
                    "随增值税免征行：不适用".into(),
                    "follows the VAT line: not applicable".into(),
                )
            });
        }
        ctx.filing_warning(&mut out);
        ctx.vat_law_note(&mut out);
        return Ok(out);
    }
    let Some(detail) = detail else { return Ok(out) };
    let d = ctx.ref_date();
    let class = ctx.req.facility.location_class.unwrap_or_default();
    let city_id = match class {
        LocationClass::Urban => ParamId::SurchargeCityUrban,
        LocationClass::Town => ParamId::SurchargeCityTown,
        LocationClass::Other => ParamId::SurchargeCityOther,
    };
    let city = ctx.params.at(city_id, d)?;
    let edu = ctx.params.at(ParamId::SurchargeEducation, d)?;
    let local = ctx.params.at(ParamId::SurchargeLocalEducation, d)?;
    for f in [&city, &edu, &local] {
        out.trace.param(f);
    }
    let rate = city.decimal() + edu.decimal() + local.decimal();
    out.base = Some(detail.total.rounded().or_overflow(PATH)?);
    let reduced = ctx.reduced_in(&ctx.eligible);
    let value = match (&detail.kind, &detail.monthly) {
        (VatKind::SmallScale, Some(monthly)) => {
            let mut sum = Exact::zero();
            // The previous month's VAT, reduction and surcharge term: the same month after
            // month for an annual amount, so multiplied once.
            let mut prev: Option<([u8; 16], [u8; 16], Decimal)> = None;
            for (m, v) in monthly.iter().enumerate() {
                if ctx.eligible[m] {
                    if let Some(f) = &ctx.reduction_src[m] {
                        out.trace.param(f);
                    }
                    if let Some((num, den)) = v {
                        let (n, r) = (num.serialize(), ctx.reduction[m].serialize());
                        let term = match prev {
                            Some((pn, pr, t)) if pn == n && pr == r => t,
                            _ => {
                                let keep = Decimal::ONE - ctx.reduction[m];
                                rate.checked_mul(keep)
                                    .and_then(|x| num.checked_mul(x))
                                    .or_overflow(PATH)?
                            }
                        };
                        prev = Some((n, r, term));
                        sum.add_frac(term, *den).or_overflow(PATH)?;
                    }
                }
            }
            sum
        }
        _ => {
            // Annual VAT: the reduction is averaged over the eligible months.
            let keep = ctx.keep_share(&ctx.eligible, &mut out.trace);
            let eligible_months = Decimal::from(ctx.eligible_months);
            detail
                .total
                .times(rate.checked_mul(keep).or_overflow(PATH)?)
                .or_overflow(PATH)?
                .over(eligible_months)
                .or_overflow(PATH)?
        }
    };
    out.trace
        .explain(|trace| explain(trace, &detail.total, &value, [&city, &edu, &local], reduced))?;
    ctx.reduction_warning(&ctx.eligible, &mut out.trace);
    out.set_amount(&value, PATH)?;
    if out.amount.is_zero() {
        out.trace.note_zero(|| {
            (
                "增值税为0，附加税费为0".into(),
                "the VAT is 0, so are the surcharges".into(),
            )
        });
    }
    ctx.filing_warning(&mut out);
    ctx.vat_law_note(&mut out);
    Ok(out)
}

/// The step of the line (it formats rates and divides for the text).
fn explain(
    trace: &mut super::Trace,
    vat: &Exact,
    value: &Exact,
    [city, edu, local]: [&crate::params::Found<'_>; 3],
    reduced: bool,
) -> Result<(), Error> {
    let vat_exact = vat.value().or_overflow(PATH)?;
    let v = value.value().or_overflow(PATH)?;
    let (c, e, l) = (
        pct(city.decimal()),
        pct(edu.decimal()),
        pct(local.decimal()),
    );
    trace.step(|| {
        (
            format!(
                "附加税费 = 增值税 {} × (城建税 {c} + 教育费附加 {e} + 地方教育附加 {l}){} = {}",
                yuan(vat_exact),
                if reduced {
                    " × (1 − 六税两费减征)"
                } else {
                    ""
                },
                yuan(v)
            ),
            format!(
                "Surcharges = VAT {} × (city tax {c} + education {e} + local education {l}){} = {}",
                yuan(vat_exact),
                if reduced {
                    " × (1 − 'six taxes' reduction)"
                } else {
                    ""
                },
                yuan(v)
            ),
        )
    });
    Ok(())
}
