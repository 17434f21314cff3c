//! `donations` — 公益性捐赠税前扣除 (SPEC §7).
//!
//! > 社会力量开展婴幼儿照护服务公益性捐赠，符合税法有关条件的，可按照公益性捐赠企业所得税税前扣除的有关规定进行税前扣除。
//! > — 昆明市晋宁区促进3岁以下婴幼儿照护服务发展实施方案（征求意见稿）五（三）
//!
//! > 第九条 企业发生的公益性捐赠支出，在年度利润总额12%以内的部分，准予在计算应纳税所得额时扣除；超过年度利润总额12%的部分，准予结转以后三年内在计算应纳税所得额时扣除。
//! > — 《中华人民共和国企业所得税法》（2017年修正）
//!
//! *A company's qualified public-interest donations to childcare are deductible up to 12% of its
//! annual total profit; the excess carries forward for three years.*
//!
//! Amounts carried forward are used first, oldest first, then this year's (财税〔2018〕15号). An
//! amount from year `Y` is usable up to `Y + 3`; still unused then, it is listed as `expired` in
//! that year's result. Profit ≤ 0 → nothing is deductible and this year's donation carries
//! forward whole. Tax saved = deductible × `donor_rate` (default: the statutory `national.cit.rate`, 25%, never
//! a request's override of it — that is the facility's rate, not the donor's).
//!
//! ```
//! use calc_core::{assess, Request};
//!
//! let req = Request::from_json(r#"{
//!   "schema": "tuoyu.request.v1", "year": 2026,
//!   "facility": { "legal_form": "enterprise", "community_based": true,
//!                 "service_modes": ["full_day"], "filed_with_health_commission": true },
//!   "donations": { "annual_total_profit": "500000", "this_year_qualified": "40000",
//!                  "carried_forward": [ { "year": 2023, "amount": "20000" },
//!                                       { "year": 2024, "amount": "30000" } ] }
//! }"#)?;
//! let d = assess(&req)?.donations.expect("requested");
//! assert_eq!(d.cap.to_string(), "60000.00"); // 12% of 500,000
//! assert_eq!(d.deductible.to_string(), "60000.00"); // 2023, then 2024, then 10,000 of 2026
//! assert_eq!(d.remaining[0].amount.to_string(), "30000.00");
//! assert_eq!(d.remaining[0].last_usable_year, 2029);
//! assert_eq!(d.tax_saved.to_string(), "15000.00"); // × 25%
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::error::Error;
use crate::error::OrOverflow;
use crate::fee_benchmark::{as_of, check_money};
use crate::lines::{pct, plain, yuan, Ctx, Trace};
use crate::money::{round_money, Dec, MAX_INPUT};
use crate::params::{Found, ParamId};
use crate::statement::{Basis, ParamUse, Text};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

const P: &str = "donations";

/// Request section `donations` (SPEC §7): the donor's profit and qualified donations.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DonationsRequest {
    /// The donor's annual total profit (年度利润总额, accounting profit; may be a loss).
    pub annual_total_profit: Dec,
    /// Qualified public-interest donations made in the assessed year (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub this_year_qualified: Option<Dec>,
    /// The donor's income tax rate, 0–1 (default `national.cit.rate`, 25%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub donor_rate: Option<Dec>,
    /// Unused amounts of earlier years, carried forward.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried_forward: Vec<CarriedForward>,
}

/// An unused amount of an earlier year.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CarriedForward {
    /// The year of the donation (before the assessed year).
    pub year: i32,
    /// The amount still unused.
    pub amount: Dec,
}

impl DonationsRequest {
    /// Checks the section: amounts not negative, rate 0–1, carried-forward years before `year`.
    ///
    /// # Errors
    /// The first problem, with its path (e.g. `donations.carried_forward[1].year`).
    pub fn validate(&self, year: i32) -> Result<(), Error> {
        if self.annual_total_profit.0.abs() > MAX_INPUT {
            return Err(Error::new(
                "donations.annual_total_profit",
                "数值过大（上限 10^15）",
                "is too large (at most 10^15)",
            ));
        }
        if let Some(d) = &self.this_year_qualified {
            check_money("donations.this_year_qualified", d.0)?;
        }
        if let Some(Dec(r)) = self.donor_rate {
            if r.is_sign_negative() && !r.is_zero() || r > Decimal::ONE {
                return Err(Error::new(
                    "donations.donor_rate",
                    "税率以小数表示，在 0 至 1 之间（\"0.25\" 即 25%）",
                    "is a fraction between 0 and 1 (\"0.25\" means 25%)",
                ));
            }
        }
        for (i, c) in self.carried_forward.iter().enumerate() {
            if c.year >= year {
                return Err(Error::new(
                    &format!("donations.carried_forward[{i}].year"),
                    &format!("结转捐赠的年度 {} 必须早于评估年度 {year}（本年的捐赠请填入本年符合条件的捐赠）", c.year),
                    &format!("the year {} of a carried-forward amount must be before the assessed year {year} (this year's donations go in this year's qualifying donations)", c.year),
                ));
            }
            check_money(
                &format!("donations.carried_forward[{i}].amount"),
                c.amount.0,
            )?;
        }
        Ok(())
    }
}

/// An amount used this year, by the year it comes from.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Used {
    /// The year of the donation.
    pub year: i32,
    /// The amount deducted this year.
    pub amount: Dec,
}

/// An amount not used this year, by the year it comes from.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unused {
    /// The year of the donation.
    pub year: i32,
    /// The amount.
    pub amount: Dec,
    /// The last year in which it may be deducted (`year + 3`).
    pub last_usable_year: i32,
}

/// Result section `donations` (SPEC §7).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DonationsResult {
    /// The donor's annual total profit.
    pub annual_total_profit: Dec,
    /// The deduction limit: 12% of the profit, 0 when the profit is not positive.
    pub cap: Dec,
    /// The amounts usable this year: carried forward and not expired, plus this year's.
    pub available: Dec,
    /// Deducted this year: the usable amounts up to the cap.
    pub deductible: Dec,
    /// Whether the cap held back some usable amount.
    pub cap_binding: bool,
    /// Used this year, per source year, oldest first.
    pub used: Vec<Used>,
    /// Left to carry forward, per source year, with the last year each may be used.
    pub remaining: Vec<Unused>,
    /// Unused in their last usable year (this year): lost from now on.
    pub expired: Vec<Unused>,
    /// Given as carried forward but past their last usable year already: not used.
    pub already_expired: Vec<Unused>,
    /// The donor's income tax rate applied.
    pub donor_rate: Dec,
    /// Tax saved: `deductible × donor_rate`.
    pub tax_saved: Dec,
    /// The formula with the actual numbers.
    pub steps: Vec<Text>,
    /// Notes.
    pub notes: Vec<Text>,
    /// Legal basis.
    pub basis: Vec<Basis>,
    /// Parameters used.
    pub parameters: Vec<ParamUse>,
}

fn param_error(f: &Found<'_>, zh: &str, en: &str) -> Error {
    Error::new(
        &format!("parameters.{}", f.id.as_str()),
        &format!("取值 {} 无法使用：{zh}", f.entry.value.display()),
        &format!("value {} cannot be used: {en}", f.entry.value.display()),
    )
}

fn add(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
    a.checked_add(b).or_overflow(P)
}

/// Computes the donations section.
pub(crate) fn compute(r: &DonationsRequest, ctx: &Ctx<'_>) -> Result<DonationsResult, Error> {
    r.validate(ctx.year)?;
    let date = as_of(ctx)?;
    let mut trace = Trace::new(ctx.explain);
    let year = ctx.year;
    let profit = r.annual_total_profit.0;
    let this_year = r.this_year_qualified.map_or(Decimal::ZERO, |d| d.0);

    let cap_f = ctx.params.at(ParamId::DonationProfitCapRatio, date)?;
    trace.param(&cap_f);
    let ratio = cap_f.decimal();
    let years_f = ctx.params.at(ParamId::DonationCarryForwardYears, date)?;
    trace.param(&years_f);
    let span = years_f.decimal();
    if !span.fract().is_zero() || span > Decimal::ONE_HUNDRED {
        return Err(param_error(
            &years_f,
            "必须是 0 至 100 之间的整数",
            "must be a whole number from 0 to 100",
        ));
    }
    let span = i32::try_from(span).map_err(|_| {
        param_error(
            &years_f,
            "必须是 0 至 100 之间的整数",
            "must be a whole number from 0 to 100",
        )
    })?;
    let rate = match r.donor_rate {
        Some(Dec(d)) => d,
        None => {
            // SPEC §7: the donor's rate defaults to the statutory 25% — the donor is another
            // taxpayer, so an override of this facility's `national.cit.rate` does not reach it.
            let f = crate::params::Params::new(crate::params::Store::embedded(), &[])
                .at(ParamId::CitRate, date)?;
            trace.param(&f);
            f.decimal()
        }
    };

    let cap = profit
        .max(Decimal::ZERO)
        .checked_mul(ratio)
        .or_overflow(P)?;
    if profit > Decimal::ZERO {
        trace.step(|| {
            (
                format!(
                    "扣除限额 = 年度利润总额 {} × {} = {}",
                    plain(profit),
                    pct(ratio),
                    yuan(cap)
                ),
                format!(
                    "cap = annual total profit {} × {} = {}",
                    plain(profit),
                    pct(ratio),
                    yuan(cap)
                ),
            )
        });
    } else {
        trace.step(|| {
            (
                format!("年度利润总额 {} ≤ 0：扣除限额为 0，本年不能扣除，本年捐赠全额结转", plain(profit)),
                format!("annual total profit {} ≤ 0: the cap is 0, nothing is deductible and this year's donation carries forward whole", plain(profit)),
            )
        });
    }

    // Per source year, oldest first; this year's donation last.
    // A short list kept sorted by year (a map's code costs the browser build more than this).
    let mut sources: Vec<(i32, Decimal)> = Vec::new();
    for c in &r.carried_forward {
        let i = match sources.binary_search_by_key(&c.year, |s| s.0) {
            Ok(i) => i,
            Err(i) => {
                sources.insert(i, (c.year, Decimal::ZERO));
                i
            }
        };
        sources[i].1 = add(sources[i].1, c.amount.0)?;
    }
    if !this_year.is_zero() || sources.is_empty() {
        match sources.binary_search_by_key(&year, |s| s.0) {
            Ok(i) => sources[i].1 = this_year,
            Err(i) => sources.insert(i, (year, this_year)),
        }
    }

    let mut room = cap;
    let mut available = Decimal::ZERO;
    let mut deductible = Decimal::ZERO;
    let (mut used, mut remaining, mut expired, mut already_expired) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for &(from, amount) in &sources {
        let last = from.checked_add(span).or_overflow(P)?;
        if last < year {
            if !amount.is_zero() {
                already_expired.push(Unused {
                    year: from,
                    amount: Dec(round_money(amount)),
                    last_usable_year: last,
                });
                trace.step(|| {
                    (
                        format!("{from}年结转 {}：最迟应在 {last} 年扣除，已过期，不得扣除", yuan(amount)),
                        format!("{from} carried forward {}: last usable in {last}, already expired, not deductible", yuan(amount)),
                    )
                });
            }
            continue;
        }
        available = add(available, amount)?;
        let use_now = amount.min(room);
        room -= use_now;
        deductible = add(deductible, use_now)?;
        let rest = amount - use_now;
        if !use_now.is_zero() {
            used.push(Used {
                year: from,
                amount: Dec(round_money(use_now)),
            });
        }
        let (label_zh, label_en) = if from == year {
            (
                format!("{from}年（本年）捐赠"),
                format!("{from} (this year) donation"),
            )
        } else {
            (format!("{from}年结转"), format!("{from} carried forward"))
        };
        let fate = if rest.is_zero() {
            ("".to_string(), "".to_string())
        } else if last == year {
            expired.push(Unused {
                year: from,
                amount: Dec(round_money(rest)),
                last_usable_year: last,
            });
            (
                format!("，未扣除的 {} 于本年到期作废", yuan(rest)),
                format!("; the unused {} expires this year", yuan(rest)),
            )
        } else {
            remaining.push(Unused {
                year: from,
                amount: Dec(round_money(rest)),
                last_usable_year: last,
            });
            (
                format!("，余 {} 结转（最迟 {last} 年）", yuan(rest)),
                format!("; {} carries forward (until {last})", yuan(rest)),
            )
        };
        trace.step(|| {
            (
                format!(
                    "{label_zh} {}（最迟 {last} 年扣除）：扣除 {}，剩余限额 {}{}",
                    yuan(amount),
                    yuan(use_now),
                    yuan(room),
                    fate.0
                ),
                format!(
                    "{label_en} {} (usable until {last}): deduct {}, cap left {}{}",
                    yuan(amount),
                    yuan(use_now),
                    yuan(room),
                    fate.1
                ),
            )
        });
    }
    let cap_binding = available > cap;
    let tax_saved = deductible.checked_mul(rate).or_overflow(P)?;
    trace.step(|| {
        (
            format!(
                "本年可扣除 {}；节税 = {} × 税率 {} = {}",
                yuan(deductible),
                yuan(deductible),
                pct(rate),
                yuan(tax_saved)
            ),
            format!(
                "deductible this year {}; tax saved = {} × rate {} = {}",
                yuan(deductible),
                yuan(deductible),
                pct(rate),
                yuan(tax_saved)
            ),
        )
    });
    trace.note(|| {
        (
            "仅限通过公益性社会组织或县级以上人民政府及其部门进行的、用于婴幼儿照护服务的公益性捐赠；直接捐给机构的不属于公益性捐赠，程序无法核实，请自行确认".into(),
            "only qualified public-interest donations (through a qualified public-interest organisation or a government body at county level or above) count; a gift made directly to a facility does not. The program cannot check this".into(),
        )
    });
    trace.note(|| {
        (
            "限额按会计上的年度利润总额计算，不是应纳税所得额；节税按捐赠方的适用税率估算（小型微利企业可填写捐赠方适用税率）".into(),
            "the cap is on the accounting annual total profit, not taxable income; the saving uses the donor's rate (a small low-profit enterprise may give the donor's rate)".into(),
        )
    });
    let basis = vec![
        Basis {
            document: "《中华人民共和国企业所得税法》（2017年修正）".to_string(),
            title_en: Some("Enterprise Income Tax Law (2017 amendment)".to_string()),
            article: "第九条".to_string(),
            article_en: Some("art. 9".to_string()),
            window: None,
        },
        Basis {
            document: "财政部 税务总局《关于公益性捐赠支出企业所得税税前结转扣除有关政策的通知》（财税〔2018〕15号）".to_string(),
            title_en: Some("MOF/STA Caishui [2018] No. 15 (carrying forward charitable donations for enterprise income tax)".to_string()),
            article: "先扣除以前年度结转的捐赠支出，再扣除当年发生的捐赠支出".to_string(),
            article_en: Some("donations carried forward from earlier years are deducted first, then those of the year".to_string()),
            window: None,
        },
        Basis {
            document: "昆明市晋宁区促进3岁以下婴幼儿照护服务发展实施方案（征求意见稿）".to_string(),
            title_en: Some("Kunming Jinning District plan to promote care for children under 3 (draft for comment)".to_string()),
            article: "五（三）".to_string(),
            article_en: Some("section 5(3)".to_string()),
            window: None,
        },
    ];
    let explained = trace.explained();
    Ok(DonationsResult {
        annual_total_profit: Dec(round_money(profit)),
        cap: Dec(round_money(cap)),
        available: Dec(round_money(available)),
        deductible: Dec(round_money(deductible)),
        cap_binding,
        used,
        remaining,
        expired,
        already_expired,
        donor_rate: Dec(rate.normalize()),
        tax_saved: Dec(round_money(tax_saved)),
        steps: explained.steps,
        notes: explained.notes,
        basis,
        parameters: explained.params,
    })
}
