//! `cit_income_reduction` — 企业所得税：收入减按90%计入收入总额.
//!
//! > （二）提供社区养老、托育、家政服务取得的收入，在计算应纳税所得额时，减按90%计入收入总额。
//! > — 财政部等六部门公告2019年第76号；2026年第7号（同文）
//!
//! *Community childcare revenue counts at 90% in total revenue for corporate income tax.* The
//! reduction `base` = 10% of `R` (减计收入); the saving is `tax(TI) − tax(TI − base)`, with the
//! small low-profit scale up to the 3,000,000 cap and 25% above it (SPEC §4.3).

use super::vat::eligible_revenue;
use super::{month_end, pct, yuan, Ctx, LineId, LineOut};
use super::{LineDoc, Procedure};
use crate::error::Error;
use crate::error::OrOverflow;
use crate::money::{Exact, Overflow};
use crate::params::Confidence;
use crate::params::{Found, ParamId, Value};
use rust_decimal::Decimal;
/// What `cit_income_reduction` computes, on which article (`tuoyu explain cit_income_reduction`).
pub(crate) const DOC: LineDoc = LineDoc {
    article: "一（二） / art.1(2)",
    quote_zh: "提供社区养老、托育、家政服务取得的收入，在计算应纳税所得额时，减按90%计入收入总额。",
    quote_en: "Income from providing community elderly-care, childcare and domestic services is counted at 90% in total revenue when taxable income is computed.",
    computes_zh: "收入减按90%计入收入总额；base = 减计收入 = R × 10%（申报核对的是 base，不是节税额）",
    computes_en: "Revenue counted at 90%; base = the reduction = 10% of R (claims are checked against the base, not the tax saved).",
    formula: "base = R × (1 − national.community.income_inclusion_ratio); saving = tax(TI) − tax(TI − base); tax(x) = 0 for x ≤ 0; small low-profit and x ≤ national.cit.slpe_income_cap: national.cit.slpe_schedule; else national.cit.rate × x (the cliff at the cap is real)",
};

/// How the CIT reduction is claimed: 自行判别、申报享受、相关资料留存备查.
pub(crate) const HOW_TO_CLAIM: Procedure = Procedure {
    zh: "自行判别、申报享受、相关资料留存备查：企业所得税预缴和年度汇算清缴申报时填报减计收入（收入的10%），托育服务资质、社区场所和收入核算资料留存备查。",
    en: "Judge eligibility yourself, claim it on the return, keep the documents for inspection: report the reduced revenue (10% of the revenue) on the provisional and annual CIT returns; keep the service qualification, premises and revenue accounts.",
    document: "国家税务总局公告2018年第23号《企业所得税优惠政策事项办理办法》",
    title_en: "STA Announcement No. 23 of 2018 (Measures for handling enterprise income tax preferences)",
    article: "第四条 企业享受优惠事项采取“自行判别、申报享受、相关资料留存备查”的办理方式",
    article_en: "art. 4: enterprises enjoy preferences by \"judging eligibility themselves, claiming on the return, and keeping the documents for inspection\"",
    url: Some("https://www.jinchutou.com/shtml/b98e21f065b391e36c9135cfd8ed8ac9.html"),
    url_note: None,
    confidence: Confidence::Verified,
};

const PATH: &str = "income_tax.taxable_income";

/// The reduction base `(1 − ratio) × R` (exact), when `R` is known.
pub(crate) fn reduction_base(
    ctx: &Ctx<'_>,
    trace: &mut super::Trace,
) -> Result<Option<Exact>, Error> {
    let Some(childcare) = ctx.req.revenue.as_ref().and_then(|r| r.childcare.as_ref()) else {
        return Ok(None);
    };
    let mut base = Exact::zero();
    ctx.by_entry(ParamId::IncomeInclusionRatio, childcare, |f, num, den| {
        trace.param(&f);
        let share = Decimal::ONE - f.decimal();
        base.add_frac(num.checked_mul(share).or_overflow(PATH)?, den)
            .or_overflow(PATH)
    })?;
    Ok(Some(base))
}

/// The tax rule of the year.
struct TaxRule<'a> {
    slpe: bool,
    cap: Option<Found<'a>>,
    schedule: Option<Found<'a>>,
    rate: Found<'a>,
}

impl TaxRule<'_> {
    fn uses_scale(&self, income: Decimal) -> bool {
        self.slpe && self.cap.is_some_and(|c| income <= c.decimal())
    }

    /// `tax(income)`: 0 for income ≤ 0; the small low-profit marginal scale up to the cap; otherwise
    /// the standard rate on the whole amount.
    fn tax(&self, income: Decimal) -> Result<Decimal, Overflow> {
        if income <= Decimal::ZERO {
            return Ok(Decimal::ZERO);
        }
        if self.uses_scale(income) {
            if let Some(Value::Schedule(brackets)) = self.schedule.as_ref().map(|s| &s.entry.value)
            {
                let mut tax = Decimal::ZERO;
                let mut lo = Decimal::ZERO;
                for b in brackets {
                    let hi = b.up_to.map_or(income, |u| u.min(income));
                    if hi > lo {
                        tax = tax
                            .checked_add((hi - lo).checked_mul(b.rate).ok_or(Overflow)?)
                            .ok_or(Overflow)?;
                    }
                    match b.up_to {
                        Some(u) if u < income => lo = u,
                        _ => return Ok(tax),
                    }
                }
                return Ok(tax);
            }
        }
        income.checked_mul(self.rate.decimal()).ok_or(Overflow)
    }

    fn describe(&self, income: Decimal) -> (String, String) {
        if income <= Decimal::ZERO {
            (
                "所得额不大于0，税额为0".into(),
                "income not above 0: no tax".into(),
            )
        } else if self.uses_scale(income) {
            let s = self
                .schedule
                .as_ref()
                .map(|s| s.entry.value.display())
                .unwrap_or_default();
            (
                format!("小型微利企业分段税率 {s}"),
                format!("small low-profit scale {s}"),
            )
        } else {
            let r = pct(self.rate.decimal());
            (format!("税率 {r}"), format!("rate {r}"))
        }
    }
}

/// The CIT line: the reduction (its base) and the tax it saves.
pub(crate) fn line(ctx: &Ctx<'_>) -> Result<LineOut, Error> {
    let (mut out, reduction) = reduction(ctx)?;
    if let Some((ti, base)) = reduction {
        saving(ctx, ti, &base, &mut out)?;
    }
    ctx.filing_warning(&mut out);
    Ok(out)
}

/// The line as far as its base, the reduction: what a claim's `cit_income_reduction` is
/// compared with (claim verification; the tax saved is not computed).
pub(crate) fn base(ctx: &Ctx<'_>) -> Result<LineOut, Error> {
    Ok(reduction(ctx)?.0)
}

/// The line up to its base: the reduction `(1 − ratio) × R` as the line's base, and the
/// taxable income `TI` with it when the saving can be computed.
fn reduction(ctx: &Ctx<'_>) -> Result<(LineOut, Option<(Decimal, Exact)>), Error> {
    let mut out = ctx.community_line(LineId::CitIncomeReduction, "一（二）");
    let Some(it) = &ctx.req.income_tax else {
        // Claims check the base even without an income_tax section (SPEC §4.3).
        // (Not when the facility or year is outside the preferences: such a base would
        // invite a claim that can only be refused.)
        if ctx.eligible_months > 0 && ctx.failed.is_empty() {
            let mut scratch = super::Trace::default();
            if let Some(b) = reduction_base(ctx, &mut scratch)? {
                out.base = Some(b.rounded().or_overflow(PATH)?);
            }
        }
        let out = out.not_applicable(
            "未填写企业所得税部分",
            "the corporate income tax section is not filled in",
        );
        return Ok((out, None));
    };
    if !ctx.gate(&mut out) {
        return Ok((out, None));
    }
    let base = reduction_base(ctx, &mut out.trace)?;
    if let Some(b) = &base {
        out.base = Some(b.rounded().or_overflow(PATH)?);
    }
    let Some(ti) = it.taxable_income.map(|d| d.0) else {
        out.mark_missing(PATH);
        return Ok((out, None));
    };
    let Some(base) = base else {
        out.mark_missing("revenue.childcare");
        return Ok((out, None));
    };
    Ok((out, Some((ti, base))))
}

/// The tax the reduction saves: `tax(TI) − tax(TI − base)`.
fn saving(ctx: &Ctx<'_>, ti: Decimal, base: &Exact, out: &mut LineOut) -> Result<(), Error> {
    let year_end = month_end(ctx.year, 11);
    let slpe = ctx
        .req
        .taxpayer
        .as_ref()
        .and_then(|t| t.small_low_profit)
        .unwrap_or(false);
    let rule = TaxRule {
        slpe,
        cap: if slpe {
            Some(ctx.params.at(ParamId::CitSlpeIncomeCap, year_end)?)
        } else {
            None
        },
        schedule: if slpe {
            Some(ctx.params.at(ParamId::CitSlpeSchedule, year_end)?)
        } else {
            None
        },
        rate: ctx.params.at(ParamId::CitRate, year_end)?,
    };
    let b = base.value().or_overflow(PATH)?;
    let after = ti.checked_sub(b).or_overflow(PATH)?;
    let tax_before = rule.tax(ti).or_overflow(PATH)?;
    let tax_after = rule.tax(after).or_overflow(PATH)?;
    let saving = tax_before.checked_sub(tax_after).or_overflow(PATH)?;

    // Record what the computation used.
    if ti > Decimal::ZERO {
        let scale_used = rule.uses_scale(ti) || (after > Decimal::ZERO && rule.uses_scale(after));
        let rate_used = !rule.uses_scale(ti) || (after > Decimal::ZERO && !rule.uses_scale(after));
        if let Some(c) = &rule.cap {
            out.trace.param(c);
        }
        if scale_used {
            if let Some(s) = &rule.schedule {
                out.trace.param(s);
            }
        }
        if rate_used {
            out.trace.param(&rule.rate);
        }
    }

    // The steps below need R again and describe both taxes: only when explaining (claim
    // verification runs without explanations and must not pay for text it never prints).
    out.trace.explain(|trace| {
        let r_v = eligible_revenue(
            ctx,
            ctx.req
                .revenue
                .as_ref()
                .and_then(|r| r.childcare.as_ref())
                .or_overflow(PATH)?,
        )?
        .value()
        .or_overflow(PATH)?;
        let ratio = ctx
            .params
            .at(ParamId::IncomeInclusionRatio, ctx.ref_date())
            .map(|f| pct(f.decimal()))
            .unwrap_or_default();
        trace.step(|| {
            (
                format!("减计收入 = R {} × (1 − {ratio}) = {}", yuan(r_v), yuan(b)),
                format!(
                    "Revenue not counted = R {} × (1 − {ratio}) = {}",
                    yuan(r_v),
                    yuan(b)
                ),
            )
        });
        let (dz, de) = rule.describe(ti);
        trace.step(|| {
            (
                format!(
                    "未减计时应纳税所得额 TI = {}，应纳税额 tax(TI) = {}（{dz}）",
                    yuan(ti),
                    yuan(tax_before)
                ),
                format!(
                    "Taxable income without the reduction TI = {}, tax(TI) = {} ({de})",
                    yuan(ti),
                    yuan(tax_before)
                ),
            )
        });
        let (az, ae) = rule.describe(after);
        trace.step(|| {
            (
                format!(
                    "减计后应纳税所得额 TI − 减计收入 = {}，应纳税额 = {}（{az}）",
                    yuan(after),
                    yuan(tax_after)
                ),
                format!(
                    "Taxable income after the reduction TI − base = {}, tax = {} ({ae})",
                    yuan(after),
                    yuan(tax_after)
                ),
            )
        });
        Ok::<_, Error>(())
    })?;
    out.trace.step(|| {
        (
            format!(
                "节税额 = {} − {} = {}",
                yuan(tax_before),
                yuan(tax_after),
                yuan(saving)
            ),
            format!(
                "Saving = {} − {} = {}",
                yuan(tax_before),
                yuan(tax_after),
                yuan(saving)
            ),
        )
    });
    if let Some(cap) = &rule.cap {
        let c = cap.decimal();
        if ti > c && after <= c {
            out.trace.note(|| {
                (
                    format!("临界点：减计使应纳税所得额从 {} 降至 {}，不超过小型微利企业上限 {}，全部所得改按小型微利企业税率计算，节税额因此远大于 减计收入 × 25%", yuan(ti), yuan(after), yuan(c)),
                    format!("Cliff: the reduction brings taxable income from {} to {}, within the small low-profit cap of {}, so the whole income changes rate and the saving far exceeds base × 25%", yuan(ti), yuan(after), yuan(c)),
                )
            });
        } else if ti > c {
            out.trace.note(|| {
                (
                    format!("减计后应纳税所得额 {} 仍超过小型微利企业上限 {}，按 25% 计算", yuan(after), yuan(c)),
                    format!("After the reduction taxable income {} is still above the small low-profit cap of {}: taxed at 25%", yuan(after), yuan(c)),
                )
            });
        }
    }
    if ti <= Decimal::ZERO {
        out.trace.note_zero(|| {
            (
                format!("本年亏损（应纳税所得额 {}），节税额为0；可结转以后年度弥补的亏损增加 {}", yuan(ti), yuan(b)),
                format!("A loss year (taxable income {}): no saving now; the loss carried forward grows by {}", yuan(ti), yuan(b)),
            )
        });
    } else if after <= Decimal::ZERO {
        out.trace.note(|| {
            (
                format!("减计收入超过应纳税所得额：本年不再纳税，亏损增加 {}", yuan(-after)),
                format!("The reduction exceeds taxable income: no tax this year, and a loss of {} to carry forward", yuan(-after)),
            )
        });
    }
    if ctx
        .req
        .taxpayer
        .as_ref()
        .and_then(|t| t.small_low_profit)
        .is_none()
    {
        out.trace.warn(|| {
            (
                "未填是否小型微利企业，已按“否”计算".into(),
                "Small low-profit enterprise not stated: taken as \"no\"".into(),
            )
        });
    }
    out.trace.note(|| {
        (
            "事业单位、社会组织的服务收费收入同样缴纳企业所得税；小型微利企业身份按用户申报".into(),
            "public institutions and social organisations also pay CIT on service-fee income; the small low-profit flag is as stated by the user".into(),
        )
    });
    out.set_amount(&Exact::of(saving), PATH)?;
    Ok(())
}
