//! `household` — what a family pays for a place after the public benefits for children under 3
//! (SPEC §12.4).
//!
//! > 对符合条件的3周岁以下婴幼儿，每孩每年发放补贴3600元，至其年满3周岁。
//! > — 《育儿补贴制度实施方案》（2025年7月，自2025年1月1日起）
//!
//! > 纳税人照护3岁以下婴幼儿子女的相关支出，按照每个婴幼儿每月2000元的标准定额扣除。
//! > — 《国务院关于提高个人所得税有关专项附加扣除标准的通知》（国发〔2023〕13号）；
//! > 2022年为每月1000元（国发〔2022〕8号）
//!
//! *A family receives the national childcare subsidy (育儿补贴, 3,600 a year per child under 3,
//! from 2025) and may deduct 2,000 a month per child under 3 from its taxable income (1,000 in
//! 2022).* For operators telling parents the net price, and for parents:
//!
//! - a child's **months under 3** in the year run from the month of birth through the month
//!   before the month of the third birthday, counted inside the year;
//! - **subsidy** = `national.household.childcare_subsidy_annual` / 12 for each such month in
//!   force (from 2025-01; a month before adds 0, with a note). Not taxable;
//! - **deduction** = `national.household.iit_infant_deduction_monthly` of each such month in
//!   force × `iit_deduction_share` (1, or 0.5 when both parents split it); **tax saved** =
//!   deduction × the family's own `iit_marginal_rate` (0 gives 0, with a note);
//! - **fees** = `monthly_fee × months_enrolled`; **net cost** = fees − subsidy − tax saved, which
//!   may be negative (said, never clamped).
//!
//! Each figure is rounded once, per child and for the totals, from exact values.
//!
//! ```
//! use calc_core::{assess, Request};
//!
//! let req = Request::from_json(r#"{
//!   "schema": "tuoyu.request.v1", "year": 2026,
//!   "facility": { "legal_form": "enterprise", "community_based": true,
//!                 "service_modes": ["full_day"], "filed_with_health_commission": true },
//!   "household": { "children": [ { "birth_date": "2024-05-15" } ], "monthly_fee": "2000",
//!                  "iit_marginal_rate": "0.1" }
//! }"#)?;
//! let h = assess(&req)?.household.expect("requested");
//! assert_eq!(h.children[0].months_under_3, 12);
//! assert_eq!(h.totals.subsidy.to_string(), "3600.00");
//! assert_eq!(h.totals.tax_saved.to_string(), "2400.00"); // 2,000 × 12 × 10%
//! assert_eq!(h.totals.net_cost.to_string(), "18000.00"); // 24,000 − 3,600 − 2,400
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::error::Error;
use crate::error::OrOverflow;
use crate::fee_benchmark::check_money;
use crate::lines::{count, month_start, months_label, pct, plain, yuan, Ctx, Trace};
use crate::money::{round_money, Dec, Exact};
use crate::params::ParamId;
use crate::statement::{Basis, ParamUse, Text};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

const P: &str = "household";

/// Request section `household` (SPEC §12.4): a typical family's children and fee.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct HouseholdRequest {
    /// The family's children (none: the section holds the fees only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Child>,
    /// The facility's monthly fee for the place (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_fee: Option<Dec>,
    /// Months enrolled in the year, 0–12 (default 12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months_enrolled: Option<u32>,
    /// The family's own marginal income tax rate, 0–0.45 (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iit_marginal_rate: Option<Dec>,
    /// Share of the deduction this parent takes: 1, or 0.5 when both parents split it
    /// (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iit_deduction_share: Option<Dec>,
}

/// A child of the family.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Child {
    /// Date of birth (`YYYY-MM-DD`), not after 31 December of the assessed year.
    #[serde(deserialize_with = "crate::date::deserialize")]
    pub birth_date: NaiveDate,
}

impl HouseholdRequest {
    /// Checks the section against the assessed year.
    ///
    /// # Errors
    /// The first problem, with its path (e.g. `household.children[1].birth_date`).
    pub fn validate(&self, year: i32) -> Result<(), Error> {
        for (i, c) in self.children.iter().enumerate() {
            if c.birth_date.year() > year {
                return Err(Error::new(
                    &format!("{P}.children[{i}].birth_date"),
                    &format!("出生日期不能晚于 {year}-12-31"),
                    &format!("must not be after {year}-12-31"),
                ));
            }
        }
        if let Some(d) = &self.monthly_fee {
            check_money("household.monthly_fee", d.0)?;
        }
        if self.months_enrolled.is_some_and(|m| m > 12) {
            return Err(Error::new(
                "household.months_enrolled",
                "必须是 0 至 12 之间的整数",
                "must be a whole number from 0 to 12",
            ));
        }
        if let Some(Dec(r)) = self.iit_marginal_rate {
            if r.is_sign_negative() && !r.is_zero() || r > Decimal::new(45, 2) {
                return Err(Error::new(
                    "household.iit_marginal_rate",
                    "边际税率以小数表示，在 0 至 0.45 之间（\"0.1\" 即 10%）",
                    "is a fraction between 0 and 0.45 (\"0.1\" means 10%)",
                ));
            }
        }
        if let Some(Dec(s)) = self.iit_deduction_share {
            if s != Decimal::ONE && s != Decimal::new(5, 1) {
                return Err(Error::new(
                    "household.iit_deduction_share",
                    "只能是 1（一方全额扣除）或 0.5（双方各扣一半）",
                    "must be 1 (one parent takes it all) or 0.5 (both parents split it)",
                ));
            }
        }
        Ok(())
    }
}

/// One child's figures for the year.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildResult {
    /// Date of birth.
    #[serde(deserialize_with = "crate::date::deserialize")]
    pub birth_date: NaiveDate,
    /// Months of the year in which the child is under 3.
    pub months_under_3: u32,
    /// Childcare subsidy of the year.
    pub subsidy: Dec,
    /// Income tax deduction of the year (after the share).
    pub deduction: Dec,
    /// Tax saved by the deduction at the family's marginal rate.
    pub tax_saved: Dec,
}

/// The family's totals.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HouseholdTotals {
    /// Fees of the year: monthly fee × months enrolled.
    pub fees: Dec,
    /// Subsidies of all children.
    pub subsidy: Dec,
    /// Tax saved for all children.
    pub tax_saved: Dec,
    /// What the family pays: fees − subsidy − tax saved (may be negative).
    pub net_cost: Dec,
}

/// Result section `household` (SPEC §12.4).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HouseholdResult {
    /// Per child.
    pub children: Vec<ChildResult>,
    /// Totals.
    pub totals: HouseholdTotals,
    /// The formula with the actual numbers.
    pub steps: Vec<Text>,
    /// Legal basis.
    pub basis: Vec<Basis>,
    /// Parameters used.
    pub parameters: Vec<ParamUse>,
    /// Notes (months before a benefit began, a zero marginal rate, a negative net cost).
    pub notes: Vec<Text>,
}

/// The months of `year` in which a child born on `birth` is under 3: from the month of birth
/// through the month before the month of the third birthday.
#[must_use]
pub fn months_under_3(birth: NaiveDate, year: i32) -> [bool; 12] {
    // Months counted from year 0: birth month b, third-birthday month b + 36 (excluded).
    let b = i64::from(birth.year()) * 12 + i64::from(birth.month0());
    std::array::from_fn(|m| {
        let k = i64::from(year) * 12 + m as i64;
        k >= b && k < b + 36
    })
}

pub(crate) fn compute(r: &HouseholdRequest, ctx: &Ctx<'_>) -> Result<HouseholdResult, Error> {
    r.validate(ctx.year)?;
    let mut trace = Trace::new(ctx.explain);
    let rate = r.iit_marginal_rate.map_or(Decimal::ZERO, |d| d.0);
    let share = r.iit_deduction_share.map_or(Decimal::ONE, |d| d.0);
    let twelve = Decimal::from(12);
    let (mut subsidy_all, mut tax_all) = (Exact::zero(), Exact::zero());
    let mut children = Vec::with_capacity(r.children.len());
    let (mut before_subsidy, mut before_deduction) = ([false; 12], [false; 12]);
    for (i, c) in r.children.iter().enumerate() {
        let under = months_under_3(c.birth_date, ctx.year);
        let (mut subsidy, mut deduction) = (Exact::zero(), Exact::zero());
        for m in (0..12).filter(|m| under[*m]) {
            let d = month_start(ctx.year, m);
            match ctx.params.find(ParamId::HouseholdChildcareSubsidyAnnual, d) {
                Some(f) => {
                    trace.param(&f);
                    subsidy.add_frac(f.decimal(), twelve).or_overflow(P)?;
                }
                None => before_subsidy[m] = true,
            }
            match ctx
                .params
                .find(ParamId::HouseholdIitInfantDeductionMonthly, d)
            {
                Some(f) => {
                    trace.param(&f);
                    let v = f.decimal().checked_mul(share).or_overflow(P)?;
                    deduction.add(&Exact::of(v)).or_overflow(P)?;
                }
                None => before_deduction[m] = true,
            }
        }
        let tax = deduction.times(rate).or_overflow(P)?;
        let months = count(&under);
        if trace.on() {
            let (s, dd, tx) = (
                subsidy.value().or_overflow(P)?,
                deduction.value().or_overflow(P)?,
                tax.value().or_overflow(P)?,
            );
            let (mz, me) = months_label(&under);
            let birth = c.birth_date;
            // Named as people count them (孩子 1, Child 1), not by the JSON path
            // `children[0]`: paths are for errors, which name the field.
            let n = i + 1;
            trace.step(|| {
                (
                    format!("孩子 {n}（{birth} 出生）：本年未满3周岁的月份 {mz}（{months}个月）；育儿补贴 {}；专项附加扣除 {}（分摊比例 {}）；节税 = {} × 边际税率 {} = {}", yuan(s), yuan(dd), plain(share), yuan(dd), pct(rate), yuan(tx)),
                    format!("Child {n} (born {birth}): months under 3 this year {me} ({months}); childcare subsidy {}; income tax deduction {} (share {}); tax saved = {} × marginal rate {} = {}", yuan(s), yuan(dd), plain(share), yuan(dd), pct(rate), yuan(tx)),
                )
            });
        }
        subsidy_all.add(&subsidy).or_overflow(P)?;
        tax_all.add(&tax).or_overflow(P)?;
        children.push(ChildResult {
            birth_date: c.birth_date,
            months_under_3: months,
            subsidy: Dec(subsidy.rounded().or_overflow(P)?),
            deduction: Dec(deduction.rounded().or_overflow(P)?),
            tax_saved: Dec(tax.rounded().or_overflow(P)?),
        });
    }
    let fee = r.monthly_fee.map_or(Decimal::ZERO, |d| d.0);
    let enrolled = r.months_enrolled.unwrap_or(12);
    let fees = fee.checked_mul(Decimal::from(enrolled)).or_overflow(P)?;
    let mut net = Exact::of(fees);
    net.add(&subsidy_all.times(Decimal::NEGATIVE_ONE).or_overflow(P)?)
        .or_overflow(P)?;
    net.add(&tax_all.times(Decimal::NEGATIVE_ONE).or_overflow(P)?)
        .or_overflow(P)?;
    let totals = HouseholdTotals {
        fees: Dec(round_money(fees)),
        subsidy: Dec(subsidy_all.rounded().or_overflow(P)?),
        tax_saved: Dec(tax_all.rounded().or_overflow(P)?),
        net_cost: Dec(net.rounded().or_overflow(P)?),
    };
    if trace.on() {
        let (f, s, tx, nc) = (
            totals.fees.0,
            totals.subsidy.0,
            totals.tax_saved.0,
            totals.net_cost.0,
        );
        trace.step(|| {
            (
                format!("保育费 = 月费 {} × {enrolled} 个月 = {}；家长实付 = {} − 育儿补贴 {} − 节税 {} = {}", plain(fee), yuan(f), yuan(f), yuan(s), yuan(tx), yuan(nc)),
                format!("Fees = monthly fee {} × {enrolled} months = {}; the family pays {} − subsidy {} − tax saved {} = {}", plain(fee), yuan(f), yuan(f), yuan(s), yuan(tx), yuan(nc)),
            )
        });
        if count(&before_subsidy) > 0 {
            let (mz, me) = months_label(&before_subsidy);
            trace.note(|| {
                (
                    format!("{mz}：育儿补贴自2025年1月1日起发放，此前月份按0计"),
                    format!(
                        "{me}: the childcare subsidy is paid from 2025-01-01; earlier months add 0"
                    ),
                )
            });
        }
        if count(&before_deduction) > 0 {
            let (mz, me) = months_label(&before_deduction);
            trace.note(|| {
                (
                    format!("{mz}：3岁以下婴幼儿照护专项附加扣除自2022年1月1日起实施，此前月份按0计"),
                    format!("{me}: the income tax deduction for infant care applies from 2022-01-01; earlier months add 0"),
                )
            });
        }
        if rate.is_zero() && !r.children.is_empty() {
            trace.note(|| {
                (
                    "未填写家庭的个人所得税边际税率，节税按0计；有工资薪金所得的家庭请填写，例如 0.1 即 10%".into(),
                    "no marginal income tax rate of the family given: the tax saved is 0; a family with taxable wages should enter it, e.g. 0.1 for 10%".into(),
                )
            });
        }
        if totals.net_cost.0.is_sign_negative() && !totals.net_cost.0.is_zero() {
            trace.note(|| {
                (
                    "补贴和节税超过保育费：家长实付为负数（净收益）".into(),
                    "the subsidy and tax saved exceed the fees: the net cost is negative (a net gain)".into(),
                )
            });
        }
        trace.basis_if_empty(|| {
            vec![
                Basis {
                    document: "《育儿补贴制度实施方案》（中共中央办公厅 国务院办公厅，2025年7月）".into(),
                    title_en: Some("Implementation plan of the childcare subsidy system (General Offices of the CPC Central Committee and the State Council, July 2025)".into()),
                    article_en: Some("3,600 a year per child under 3, from 2025-01-01".into()),
                    article: "每孩每年3600元，至年满3周岁；自2025年1月1日起 / 3,600 a year per child under 3, from 2025-01-01".into(),
                    window: None,
                },
                Basis {
                    document: "国发〔2022〕8号；国发〔2023〕13号".into(),
                    title_en: Some("State Council Guofa [2022] No. 8; Guofa [2023] No. 13 (income tax deduction for care of children under 3)".into()),
                    article_en: Some("infant-care deduction, 1,000 a month in 2022, 2,000 from 2023".into()),
                    article: "3岁以下婴幼儿照护专项附加扣除：2022年每月1000元，2023年起每月2000元 / infant-care deduction, 1,000 a month in 2022, 2,000 from 2023".into(),
                    window: None,
                },
            ]
        });
    }
    let explained = trace.explained();
    Ok(HouseholdResult {
        children,
        totals,
        steps: explained.steps,
        basis: explained.basis,
        parameters: explained.params,
        notes: explained.notes,
    })
}
