//! `fee_benchmark` — 收费参考标准 (SPEC §5).
//!
//! > （十五）加强婴幼儿照护服务收费监管与引导。非营利性婴幼儿照护服务机构收费标准参考《云南省定价目录》中的公办幼儿园收费标准及定价方式确定；营利性婴幼儿照护服务机构收费标准实行市场调节，综合考虑服务成本、市场需求、社会承受能力以及机构发展需要等因素合理确定，明码标价并向社会公示。
//! > — 昆明市晋宁区促进3岁以下婴幼儿照护服务发展实施方案（征求意见稿）四（十五）
//!
//! *Non-profit facilities set their fees by reference to the public-kindergarten fee standard and
//! its pricing method; for-profit facilities set market prices and must post them publicly.*
//!
//! The full-day monthly benchmark `F` comes from one of two methods:
//! - `reference`: the public-kindergarten care fee of a grade (`kunming.kindergarten_fee_by_grade`,
//!   the 2013 Kunming table, outdated) or a `fee` given directly, × (1 + `upward_float`);
//! - `cost` (发改价格〔2024〕1477号: price from the service cost after government inputs and
//!   donations): `max(0, cost − subsidies − donations) / children / charging months ×
//!   cost_recovery_share`.
//!
//! The four service modes are derived from the exact `F`, each rounded once: full day `F`; half
//! day `F × half_day_hours / full_day_hours`; hourly `F / (days_per_month × full_day_hours)`;
//! temporary (per day) `F / days_per_month`. Proposed fees are checked against the rounded
//! benchmarks. For a for-profit facility (`non_profit: false`) every figure is information only:
//! never a cap.
//!
//! ```
//! use calc_core::{assess, Request};
//!
//! let req = Request::from_json(r#"{
//!   "schema": "tuoyu.request.v1", "year": 2026,
//!   "facility": { "legal_form": "enterprise", "community_based": true,
//!                 "service_modes": ["full_day"], "filed_with_health_commission": true },
//!   "fee_benchmark": { "reference": { "grade": 4, "upward_float": "0.10" },
//!                      "proposed": { "full_day": "180" } }
//! }"#)?;
//! let fb = assess(&req)?.fee_benchmark.expect("requested");
//! assert_eq!(fb.full_day_monthly.to_string(), "165.00"); // 150 × (1 + 10%)
//! assert_eq!(fb.modes.hourly.to_string(), "0.84"); // 165 ÷ (21.75 × 9)
//! let check = fb.checks.full_day.expect("proposed");
//! assert_eq!(check.excess.to_string(), "15.00");
//! assert_eq!(check.excess_pct.map(|p| p.to_string()).as_deref(), Some("9.09")); // 15 ÷ 165
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::error::Error;
use crate::error::OrOverflow;
use crate::lines::{pct, plain, yuan, Ctx, Trace};
use crate::money::{round_money, Dec, Exact, MAX_INPUT};
use crate::params::{Found, ParamId, Value};
use crate::statement::{Basis, ParamUse, Text};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

const SECTION: &str = "fee_benchmark";
const PLAN: &str = "昆明市晋宁区促进3岁以下婴幼儿照护服务发展实施方案（征求意见稿）";
const NDRC_1477: &str = "国家发展改革委 国家卫生健康委《关于进一步完善价格形成机制、支持普惠托育服务体系建设的通知》（发改价格〔2024〕1477号）";

/// How the full-day monthly benchmark is found.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeMethod {
    /// By reference to the public-kindergarten fee standard (参考公办幼儿园收费标准).
    Reference,
    /// From the service cost after government inputs and donations (成本法).
    Cost,
}

impl FeeMethod {
    fn as_str(self) -> &'static str {
        match self {
            FeeMethod::Reference => "reference",
            FeeMethod::Cost => "cost",
        }
    }
}

/// Request section `fee_benchmark` (SPEC §5).
///
/// `method` may be left out when only one of `reference` and `cost` is given.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FeeBenchmarkRequest {
    /// Non-profit facility (default true); false → the figures are information only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_profit: Option<bool>,
    /// `reference` or `cost`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<FeeMethod>,
    /// Inputs of the reference method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<ReferenceInput>,
    /// Inputs of the cost method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<CostInput>,
    /// Days of care charged per month (default `national.days_per_month`, 21.75).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_per_month: Option<Dec>,
    /// Hours of a full day (default `national.fee_benchmark.full_day_hours`, 9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_day_hours: Option<Dec>,
    /// Hours of a half day (default `national.fee_benchmark.half_day_hours`, 4.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub half_day_hours: Option<Dec>,
    /// The fees the facility proposes to charge, to check against the benchmarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed: Option<ProposedFees>,
}

/// The reference method: a kindergarten grade or a fee, and an upward float.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ReferenceInput {
    /// Kindergarten grade, 1 (lowest fee) to 4, in `kunming.kindergarten_fee_by_grade`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<u32>,
    /// A reference full-day monthly fee given directly instead of `grade`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Dec>,
    /// Upward float as a fraction (`"0.10"` = 10%), 0–1; default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upward_float: Option<Dec>,
}

/// The cost method (普惠托育 pricing): annual cost, what covers it, and who pays.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CostInput {
    /// Annual operating cost of the care service.
    pub annual_operating_cost: Dec,
    /// Government subsidies of the year (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub government_subsidies: Option<Dec>,
    /// Donations received for the service in the year (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub donations: Option<Dec>,
    /// Children enrolled (at least 1).
    pub enrolled_children: u32,
    /// Months charged in the year, 1–12 (default 12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charging_months: Option<u32>,
    /// Share of the net cost recovered through fees (default 1 = break-even).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_recovery_share: Option<Dec>,
}

/// Fees the facility proposes, one per service mode (each optional).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ProposedFees {
    /// Full day, per month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_day: Option<Dec>,
    /// Half day, per month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub half_day: Option<Dec>,
    /// Per hour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly: Option<Dec>,
    /// Temporary care, per day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary: Option<Dec>,
}

/// Checks that a money field is not negative and not above [`MAX_INPUT`].
pub(crate) fn check_money(path: &str, d: Decimal) -> Result<(), Error> {
    if d.is_sign_negative() && !d.is_zero() {
        return Err(Error::new(path, "不能为负数", "must not be negative"));
    }
    if d > MAX_INPUT {
        return Err(Error::new(
            path,
            "数值过大（上限 10^15）",
            "is too large (at most 10^15)",
        ));
    }
    Ok(())
}

fn check_opt(path: &str, d: Option<&Dec>) -> Result<(), Error> {
    d.map_or(Ok(()), |d| check_money(path, d.0))
}

fn check_positive(path: &str, d: Option<&Dec>, max: i64) -> Result<(), Error> {
    if let Some(Dec(d)) = d {
        if *d <= Decimal::ZERO || *d > Decimal::from(max) {
            return Err(Error::new(
                path,
                &format!("必须大于 0 且不超过 {max}"),
                &format!("must be above 0 and at most {max}"),
            ));
        }
    }
    Ok(())
}

impl FeeBenchmarkRequest {
    /// The method: as given, or the only one whose inputs are given.
    ///
    /// # Errors
    /// When the method cannot be told, or its inputs are missing.
    pub fn method(&self) -> Result<FeeMethod, Error> {
        let m = match (self.method, &self.reference, &self.cost) {
            (Some(m), ..) => m,
            (None, Some(_), None) => FeeMethod::Reference,
            (None, None, Some(_)) => FeeMethod::Cost,
            (None, Some(_), Some(_)) => {
                return Err(Error::new(
                    "fee_benchmark.method",
                    "同时给出了 reference 和 cost，请指明 method（\"reference\" 或 \"cost\"）",
                    "both reference and cost are given: say which with method (\"reference\" or \"cost\")",
                ))
            }
            (None, None, None) => {
                return Err(Error::new(
                    "fee_benchmark.method",
                    "缺少测算方法：请给出 reference（参考公办幼儿园收费）或 cost（成本法）",
                    "no method: give reference (public-kindergarten fee) or cost (cost method)",
                ))
            }
        };
        match m {
            FeeMethod::Reference if self.reference.is_none() => Err(Error::new(
                "fee_benchmark.reference",
                "method 为 reference 时必填",
                "is required when method is reference",
            )),
            FeeMethod::Cost if self.cost.is_none() => Err(Error::new(
                "fee_benchmark.cost",
                "method 为 cost 时必填",
                "is required when method is cost",
            )),
            _ => Ok(m),
        }
    }

    /// Checks the section: the method and its inputs, signs and ranges.
    ///
    /// # Errors
    /// The first problem, with its path (e.g. `fee_benchmark.reference.grade`).
    pub fn validate(&self) -> Result<(), Error> {
        self.method()?;
        if let Some(r) = &self.reference {
            match (r.grade, &r.fee) {
                (Some(_), Some(_)) => {
                    return Err(Error::new(
                        "fee_benchmark.reference",
                        "grade（等级）与 fee（直接给出的收费）只能给出其一",
                        "give grade or fee, not both",
                    ))
                }
                (None, None) => {
                    return Err(Error::new(
                        "fee_benchmark.reference.grade",
                        "请给出幼儿园等级 grade（1—4）或直接给出收费 fee",
                        "give a kindergarten grade (1–4) or a fee",
                    ))
                }
                (Some(0), None) => {
                    return Err(Error::new(
                        "fee_benchmark.reference.grade",
                        "等级从 1 开始（1—4）",
                        "grades start at 1 (1–4)",
                    ))
                }
                _ => {}
            }
            check_opt("fee_benchmark.reference.fee", r.fee.as_ref())?;
            if let Some(Dec(f)) = r.upward_float {
                if f.is_sign_negative() && !f.is_zero() || f > Decimal::ONE {
                    return Err(Error::new(
                        "fee_benchmark.reference.upward_float",
                        "上浮比例以小数表示，在 0 至 1 之间（\"0.10\" 即上浮10%）",
                        "is a fraction between 0 and 1 (\"0.10\" means 10% up)",
                    ));
                }
            }
        }
        if let Some(c) = &self.cost {
            check_money(
                "fee_benchmark.cost.annual_operating_cost",
                c.annual_operating_cost.0,
            )?;
            check_opt(
                "fee_benchmark.cost.government_subsidies",
                c.government_subsidies.as_ref(),
            )?;
            check_opt("fee_benchmark.cost.donations", c.donations.as_ref())?;
            check_opt(
                "fee_benchmark.cost.cost_recovery_share",
                c.cost_recovery_share.as_ref(),
            )?;
            if c.enrolled_children == 0 {
                return Err(Error::new(
                    "fee_benchmark.cost.enrolled_children",
                    "至少为 1",
                    "must be at least 1",
                ));
            }
            if c.charging_months.is_some_and(|m| !(1..=12).contains(&m)) {
                return Err(Error::new(
                    "fee_benchmark.cost.charging_months",
                    "必须在 1 至 12 之间",
                    "must be between 1 and 12",
                ));
            }
        }
        check_positive(
            "fee_benchmark.days_per_month",
            self.days_per_month.as_ref(),
            31,
        )?;
        check_positive(
            "fee_benchmark.full_day_hours",
            self.full_day_hours.as_ref(),
            24,
        )?;
        check_positive(
            "fee_benchmark.half_day_hours",
            self.half_day_hours.as_ref(),
            24,
        )?;
        if let Some(p) = &self.proposed {
            check_opt("fee_benchmark.proposed.full_day", p.full_day.as_ref())?;
            check_opt("fee_benchmark.proposed.half_day", p.half_day.as_ref())?;
            check_opt("fee_benchmark.proposed.hourly", p.hourly.as_ref())?;
            check_opt("fee_benchmark.proposed.temporary", p.temporary.as_ref())?;
        }
        Ok(())
    }
}

/// The benchmark of each service mode, rounded once from the exact full-day `F`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Modes {
    /// 全日托, per month: `F`.
    pub full_day: Dec,
    /// 半日托, per month: `F × half_day_hours / full_day_hours`.
    pub half_day: Dec,
    /// 计时托, per hour: `F / (days_per_month × full_day_hours)`.
    pub hourly: Dec,
    /// 临时托, per day: `F / days_per_month`.
    pub temporary: Dec,
}

/// A service mode (art.三: 全日托、半日托、计时托、临时托).
#[derive(Debug, Clone, Copy)]
enum Mode {
    FullDay,
    HalfDay,
    Hourly,
    Temporary,
}

impl Mode {
    /// JSON key, Chinese and English names.
    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Mode::FullDay => ("full_day", "全日托", "full day"),
            Mode::HalfDay => ("half_day", "半日托", "half day"),
            Mode::Hourly => ("hourly", "计时托", "hourly"),
            Mode::Temporary => ("temporary", "临时托", "temporary"),
        }
    }
}

/// Outcome of checking a proposed fee.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckResult {
    /// At or below the benchmark.
    Within,
    /// Above the benchmark.
    Above,
    /// For-profit facility: market price, the comparison is for information only.
    InformationOnly,
}

/// A proposed fee against its benchmark.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    /// The proposed fee, rounded to 0.01.
    pub proposed: Dec,
    /// The mode's rounded benchmark.
    pub benchmark: Dec,
    /// `within`, `above`, or `information_only` (for-profit).
    pub result: CheckResult,
    /// Yuan above the benchmark (`"0.00"` when not above).
    pub excess: Dec,
    /// `excess / benchmark × 100`, rounded to 0.01; `null` when the benchmark is 0 and the fee
    /// is above it.
    pub excess_pct: Option<Dec>,
}

/// The checks of the proposed fees, one per mode proposed.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Checks {
    /// Full day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_day: Option<Check>,
    /// Half day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub half_day: Option<Check>,
    /// Hourly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly: Option<Check>,
    /// Temporary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary: Option<Check>,
}

/// Result section `fee_benchmark` (SPEC §5).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeeBenchmarkResult {
    /// `reference` or `cost`.
    pub method: FeeMethod,
    /// Whether the facility is non-profit.
    pub non_profit: bool,
    /// True for a for-profit facility: the benchmarks are information, never a cap.
    pub information_only: bool,
    /// The full-day monthly benchmark `F`, rounded.
    pub full_day_monthly: Dec,
    /// The benchmark of each service mode.
    pub modes: Modes,
    /// The proposed fees checked.
    pub checks: Checks,
    /// Days per month used.
    pub days_per_month: Dec,
    /// Hours of a full day used.
    pub full_day_hours: Dec,
    /// Hours of a half day used.
    pub half_day_hours: Dec,
    /// The formula with the actual numbers.
    pub steps: Vec<Text>,
    /// Notes.
    pub notes: Vec<Text>,
    /// Warnings (an outdated table, fees above the benchmark).
    pub warnings: Vec<Text>,
    /// Legal basis.
    pub basis: Vec<Basis>,
    /// Parameters used.
    pub parameters: Vec<ParamUse>,
}

/// The date whose figures a section uses: 31 December of the assessed year.
pub(crate) fn as_of(ctx: &Ctx<'_>) -> Result<NaiveDate, Error> {
    NaiveDate::from_ymd_opt(ctx.year, 12, 31).ok_or_else(|| {
        Error::new(
            "year",
            "必须在 2000 至 2100 之间",
            "must be between 2000 and 2100",
        )
    })
}

/// A request figure, or the parameter's when the request has none (recorded then).
fn figure(
    given: Option<&Dec>,
    id: ParamId,
    date: NaiveDate,
    ctx: &Ctx<'_>,
    trace: &mut Trace,
) -> Result<Decimal, Error> {
    if let Some(Dec(d)) = given {
        return Ok(*d);
    }
    let f = ctx.params.at(id, date)?;
    trace.param(&f);
    let d = f.decimal();
    if d <= Decimal::ZERO {
        return Err(param_error(&f, "必须大于 0", "must be above 0"));
    }
    Ok(d)
}

fn param_error(f: &Found<'_>, zh: &str, en: &str) -> Error {
    Error::new(
        &format!("parameters.{}", f.id.as_str()),
        &format!("取值 {} 无法使用：{zh}", f.entry.value.display()),
        &format!("value {} cannot be used: {en}", f.entry.value.display()),
    )
}

/// Computes the fee benchmark section.
pub(crate) fn compute(r: &FeeBenchmarkRequest, ctx: &Ctx<'_>) -> Result<FeeBenchmarkResult, Error> {
    r.validate()?;
    let date = as_of(ctx)?;
    let method = r.method()?;
    let non_profit = r.non_profit.unwrap_or(true);
    let mut trace = Trace::new(ctx.explain);
    let mut basis = vec![Basis {
        document: PLAN.to_string(),
        title_en: Some("Kunming Jinning District plan to promote care for children under 3 (draft for comment)".to_string()),
        article: "四（十五）".to_string(),
        article_en: Some("section 4(15)".to_string()),
        window: None,
    }];

    let f = match method {
        FeeMethod::Reference => {
            let input = r
                .reference
                .as_ref()
                .ok_or_else(|| Error::new("fee_benchmark.reference", "必填", "is required"))?;
            reference(input, date, ctx, &mut trace)?
        }
        FeeMethod::Cost => {
            let input = r
                .cost
                .as_ref()
                .ok_or_else(|| Error::new("fee_benchmark.cost", "必填", "is required"))?;
            basis.push(Basis {
                document: NDRC_1477.to_string(),
                title_en: Some("NDRC/NHC Fagaijiage [2024] No. 1477 (price formation for affordable childcare)".to_string()),
                article: "按照服务成本扣除政府投入和社会无偿捐赠后确定收费标准".to_string(),
                article_en: Some("fees are set from the cost of the service less government funding and donations".to_string()),
                window: None,
            });
            cost(input, &mut trace)?
        }
    };
    let other = match method {
        FeeMethod::Reference if r.cost.is_some() => Some("cost"),
        FeeMethod::Cost if r.reference.is_some() => Some("reference"),
        _ => None,
    };
    if let Some(o) = other {
        trace.note(|| {
            (
                format!("已按 method = {} 测算，{o} 部分未使用", method.as_str()),
                format!(
                    "computed with method = {}; the {o} inputs are not used",
                    method.as_str()
                ),
            )
        });
    }

    // Service time: request fields win over the parameters.
    let days = figure(
        r.days_per_month.as_ref(),
        ParamId::DaysPerMonth,
        date,
        ctx,
        &mut trace,
    )?;
    let full_h = figure(
        r.full_day_hours.as_ref(),
        ParamId::FullDayHours,
        date,
        ctx,
        &mut trace,
    )?;
    let half_h = figure(
        r.half_day_hours.as_ref(),
        ParamId::HalfDayHours,
        date,
        ctx,
        &mut trace,
    )?;
    if half_h > full_h {
        return Err(Error::new(
            "fee_benchmark.half_day_hours",
            &format!(
                "半日托时长 {} 不能超过全日托时长 {}",
                plain(half_h),
                plain(full_h)
            ),
            &format!(
                "half-day hours {} must not exceed full-day hours {}",
                plain(half_h),
                plain(full_h)
            ),
        ));
    }
    const P: &str = "fee_benchmark";
    let full = f.rounded().or_overflow(P)?;
    let half = f
        .times(half_h)
        .and_then(|x| x.over(full_h))
        .and_then(|x| x.rounded())
        .or_overflow(P)?;
    let day_hours = days.checked_mul(full_h).or_overflow(P)?;
    let hourly = f.over(day_hours).and_then(|x| x.rounded()).or_overflow(P)?;
    let temporary = f.over(days).and_then(|x| x.rounded()).or_overflow(P)?;
    trace.step(|| {
        (
            format!(
                "全日托（月）= F = {}；半日托（月）= F × {} ÷ {} = {}；计时托（小时）= F ÷ ({} × {}) = {}；临时托（日）= F ÷ {} = {}（均由精确的 F 计算、各舍入一次）",
                yuan(full), plain(half_h), plain(full_h), yuan(half), plain(days), plain(full_h), yuan(hourly), plain(days), yuan(temporary)
            ),
            format!(
                "full day (month) = F = {}; half day (month) = F × {} ÷ {} = {}; hourly = F ÷ ({} × {}) = {}; temporary (day) = F ÷ {} = {} (each from the exact F, rounded once)",
                yuan(full), plain(half_h), plain(full_h), yuan(half), plain(days), plain(full_h), yuan(hourly), plain(days), yuan(temporary)
            ),
        )
    });
    if r.days_per_month.is_none() || r.full_day_hours.is_none() || r.half_day_hours.is_none() {
        trace.note(|| {
            (
                "月计费天数和全日、半日服务时长未在请求中给出的，按参数取值（时长为假设值）；可在收费基准中填写每月天数、全日托小时数、半日托小时数".into(),
                "days per month and full/half-day hours not given in the request come from the parameters (the hours are assumptions); give the days per month and the full-day and half-day hours of the fee benchmark to use your own".into(),
            )
        });
    }

    let modes = Modes {
        full_day: Dec(full),
        half_day: Dec(half),
        hourly: Dec(hourly),
        temporary: Dec(temporary),
    };
    let mut checks = Checks::default();
    let mut above = Vec::new();
    if let Some(p) = &r.proposed {
        let items = [
            (
                Mode::FullDay,
                p.full_day.as_ref(),
                full,
                &mut checks.full_day,
            ),
            (
                Mode::HalfDay,
                p.half_day.as_ref(),
                half,
                &mut checks.half_day,
            ),
            (Mode::Hourly, p.hourly.as_ref(), hourly, &mut checks.hourly),
            (
                Mode::Temporary,
                p.temporary.as_ref(),
                temporary,
                &mut checks.temporary,
            ),
        ];
        for (mode, proposed, bench, slot) in items {
            let (key, zh, en) = mode.names();
            let Some(Dec(proposed)) = proposed else {
                continue;
            };
            let c = check(*proposed, bench, non_profit)?;
            if c.result == CheckResult::Above {
                above.push(key);
            }
            trace.step(|| {
                let pct_zh = c
                    .excess_pct
                    .map_or_else(|| "—".to_string(), |p| format!("{p}%"));
                (
                    format!(
                        "{zh}：拟收费 {} 对比参考标准 {} → {}（超出 {} 元，{}）",
                        c.proposed,
                        c.benchmark,
                        match c.result {
                            CheckResult::Within => "未超出",
                            CheckResult::Above => "超出",
                            CheckResult::InformationOnly => "仅供参考",
                        },
                        c.excess,
                        pct_zh
                    ),
                    format!(
                        "{en}: proposed {} against benchmark {} → {} (excess {} yuan, {})",
                        c.proposed,
                        c.benchmark,
                        match c.result {
                            CheckResult::Within => "within",
                            CheckResult::Above => "above",
                            CheckResult::InformationOnly => "information only",
                        },
                        c.excess,
                        pct_zh
                    ),
                )
            });
            *slot = Some(c);
        }
    }
    if !above.is_empty() {
        let list = above.join(", ");
        trace.warn(|| {
            (
                format!("拟收费超出参考标准：{list}。非营利性机构收费应参考公办幼儿园收费标准及定价方式确定（区实施方案四（十五））"),
                format!("proposed fees above the benchmark: {list}. A non-profit facility's fees are set by reference to the public-kindergarten fee standard and pricing method (district plan §4(15))"),
            )
        });
    }
    if non_profit {
        trace.note(|| {
            (
                "参考标准依区实施方案四（十五）测算，未查到具体的收费上限数值（晋宁、昆明的普惠托育基准价及浮动幅度均未查到），结果供参考，以价格主管部门核定为准".into(),
                "the benchmark follows district plan §4(15); no numeric fee cap was found (Kunming's base fee and float for affordable childcare were not found), so it is a reference: the price department's approved figures prevail".into(),
            )
        });
    } else {
        trace.note(|| {
            (
                "营利性机构收费实行市场调节：以上数字仅供参考，不是收费上限；收费应明码标价并向社会公示（区实施方案四（十五））".into(),
                "for-profit facility: fees are market prices. These figures are information only, never a cap; fees must be clearly marked and posted publicly (prices marked and made public, district plan §4(15))".into(),
            )
        });
    }

    let explained = trace.explained();
    Ok(FeeBenchmarkResult {
        method,
        non_profit,
        information_only: !non_profit,
        full_day_monthly: Dec(full),
        modes,
        checks,
        days_per_month: Dec(days.normalize()),
        full_day_hours: Dec(full_h.normalize()),
        half_day_hours: Dec(half_h.normalize()),
        steps: explained.steps,
        notes: explained.notes,
        warnings: explained.warnings,
        basis,
        parameters: explained.params,
    })
}

/// `F` by the reference method: the grade's fee (or `fee`) × (1 + upward float).
fn reference(
    r: &ReferenceInput,
    date: NaiveDate,
    ctx: &Ctx<'_>,
    trace: &mut Trace,
) -> Result<Exact, Error> {
    let float = r.upward_float.map_or(Decimal::ZERO, |d| d.0);
    let (base, label_zh, label_en) = match (r.grade, r.fee) {
        (Some(grade), None) => {
            let f = ctx.params.at(ParamId::KindergartenFeeByGrade, date)?;
            trace.param(&f);
            let Value::Table(table) = &f.entry.value else {
                return Err(param_error(
                    &f,
                    "应为按等级排列的收费表",
                    "must be a table by grade",
                ));
            };
            let fee = usize::try_from(grade)
                .ok()
                .and_then(|g| g.checked_sub(1))
                .and_then(|i| table.get(i))
                .copied()
                .ok_or_else(|| {
                    Error::new(
                        "fee_benchmark.reference.grade",
                        &format!("等级必须在 1 至 {} 之间", table.len()),
                        &format!("must be between 1 and {}", table.len()),
                    )
                })?;
            let table_text = f.entry.value.display();
            let (from, overridden) = (f.entry.valid_from, f.overridden);
            if !overridden {
                trace.warn(|| {
                    (
                        format!("昆明公办幼儿园保育费标准（{table_text} 元/月，{from} 起）为2013年数据，已过时，其后的调整未查到；请以现行标准核对，或直接填写参照收费（现行收费）"),
                        format!("the Kunming public-kindergarten care fee table ({table_text} yuan a month, from {from}) dates from 2013 and is outdated; later adjustments were not found. Check the current standard, or give the current fee directly as the reference fee"),
                    )
                });
            }
            trace.note(|| {
                (
                    "公办幼儿园保育费适用于3—6岁幼儿，此处按区实施方案四（十五）作为托育收费的参考".into(),
                    "the public-kindergarten care fee is for children aged 3–6; district plan §4(15) makes it the reference for childcare fees".into(),
                )
            });
            (
                fee,
                format!("{grade}级公办幼儿园保育费"),
                format!("grade {grade} public-kindergarten care fee"),
            )
        }
        (None, Some(Dec(fee))) => {
            trace.note(|| {
                (
                    "参考收费由请求直接给出（reference.fee），未使用2013年收费表".into(),
                    "the reference fee is given directly (reference.fee); the 2013 table is not used".into(),
                )
            });
            (
                fee,
                "直接给出的参考收费".to_string(),
                "reference fee given".to_string(),
            )
        }
        _ => {
            return Err(Error::new(
                "fee_benchmark.reference",
                "grade 与 fee 须给出且只给出其一",
                "give exactly one of grade and fee",
            ))
        }
    };
    let factor = Decimal::ONE.checked_add(float).or_overflow(SECTION)?;
    let f = base.checked_mul(factor).or_overflow(SECTION)?;
    trace.step(|| {
        (
            format!(
                "全日托月基准 F = {label_zh} {} 元 × (1 + 上浮 {}) = {}",
                plain(base),
                pct(float),
                yuan(f)
            ),
            format!(
                "full-day monthly benchmark F = {label_en} {} × (1 + float {}) = {}",
                plain(base),
                pct(float),
                yuan(f)
            ),
        )
    });
    Ok(Exact::of(f))
}

/// `F` by the cost method: `max(0, cost − subsidies − donations) × share / (children × months)`.
fn cost(c: &CostInput, trace: &mut Trace) -> Result<Exact, Error> {
    const P: &str = "fee_benchmark.cost";
    let cost = c.annual_operating_cost.0;
    let subsidies = c.government_subsidies.map_or(Decimal::ZERO, |d| d.0);
    let donations = c.donations.map_or(Decimal::ZERO, |d| d.0);
    let months = c.charging_months.unwrap_or(12);
    let share = c.cost_recovery_share.map_or(Decimal::ONE, |d| d.0);
    let children = Decimal::from(c.enrolled_children);
    let net = cost
        .checked_sub(subsidies)
        .and_then(|x| x.checked_sub(donations))
        .or_overflow(P)?;
    let net = net.max(Decimal::ZERO);
    let den = children.checked_mul(Decimal::from(months)).or_overflow(P)?;
    let per_child = Exact::frac(net, den).or_overflow(P)?;
    let f = per_child.times(share).or_overflow(P)?;
    let per_child_r = per_child.rounded().or_overflow(P)?;
    let f_r = f.rounded().or_overflow(P)?;
    trace.step(|| {
        (
            format!(
                "每生每月成本 = max(0, 年运营成本 {} − 政府补助 {} − 社会捐赠 {}) ÷ {} 名幼儿 ÷ {} 个收费月 = {} ÷ {} ≈ {}",
                plain(cost), plain(subsidies), plain(donations), c.enrolled_children, months, plain(net), plain(den), yuan(per_child_r)
            ),
            format!(
                "cost per child-month = max(0, annual cost {} − subsidies {} − donations {}) ÷ {} children ÷ {} charging months = {} ÷ {} ≈ {}",
                plain(cost), plain(subsidies), plain(donations), c.enrolled_children, months, plain(net), plain(den), yuan(per_child_r)
            ),
        )
    });
    trace.step(|| {
        (
            format!(
                "全日托月基准 F = 每生每月成本 × 成本回收比例 {} = {}（精确值参与后续计算）",
                plain(share),
                yuan(f_r)
            ),
            format!(
                "full-day monthly benchmark F = cost per child-month × recovery share {} = {} (the exact value is carried forward)",
                plain(share),
                yuan(f_r)
            ),
        )
    });
    if net.is_zero() {
        trace.note(|| {
            (
                "政府补助与捐赠已覆盖全部运营成本，成本法基准为 0".into(),
                "subsidies and donations cover the whole operating cost: the cost-method benchmark is 0".into(),
            )
        });
    }
    if c.charging_months.is_none() {
        trace.note(|| {
            (
                "未给出收费月数，按 12 个月计".into(),
                "charging_months not given: 12 months assumed".into(),
            )
        });
    }
    if share > Decimal::ONE {
        trace.note(|| {
            (
                format!("成本回收比例 {} 高于 1：收费高于扣除政府投入和捐赠后的成本", plain(share)),
                format!("recovery share {} is above 1: the fee exceeds the cost net of government inputs and donations", plain(share)),
            )
        });
    }
    trace.note(|| {
        (
            "成本法依据发改价格〔2024〕1477号：普惠托育收费以服务成本扣除政府投入和社会无偿捐赠后确定；云南由州（市）价格主管部门会同卫生健康部门制定基准收费和浮动幅度，昆明的标准未查到".into(),
            "cost method per NDRC/NHC Fagaijiage [2024] No. 1477: affordable childcare fees follow the service cost after government inputs and donations; in Yunnan each prefecture sets the base fee and float, and Kunming's was not found".into(),
        )
    });
    Ok(f)
}

/// A proposed fee against its rounded benchmark.
fn check(proposed: Decimal, bench: Decimal, non_profit: bool) -> Result<Check, Error> {
    const P: &str = "fee_benchmark.proposed";
    let proposed = round_money(proposed);
    let diff = proposed.checked_sub(bench).or_overflow(P)?;
    let excess = round_money(diff.max(Decimal::ZERO));
    let result = if !non_profit {
        CheckResult::InformationOnly
    } else if diff > Decimal::ZERO {
        CheckResult::Above
    } else {
        CheckResult::Within
    };
    let excess_pct = if excess.is_zero() {
        Some(round_money(Decimal::ZERO))
    } else if bench.is_zero() {
        None
    } else {
        let num = excess.checked_mul(Decimal::ONE_HUNDRED).or_overflow(P)?;
        Some(
            Exact::frac(num, bench)
                .and_then(|e| e.rounded())
                .or_overflow(P)?,
        )
    };
    Ok(Check {
        proposed: Dec(proposed),
        benchmark: Dec(bench),
        result,
        excess: Dec(excess),
        excess_pct: excess_pct.map(Dec),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn within_has_zero_excess_and_pct() {
        let c = check(d("900"), d("1000.00"), true).unwrap();
        assert_eq!(c.result, CheckResult::Within);
        assert_eq!(c.excess.to_string(), "0.00");
        assert_eq!(c.excess_pct.unwrap().to_string(), "0.00");
    }

    #[test]
    fn above_pct_is_rounded_half_away_from_zero() {
        // 1 / 8 × 100 = 12.5 exactly; 1 / 3 × 100 = 33.333… → 33.33.
        let c = check(d("9"), d("8.00"), true).unwrap();
        assert_eq!(c.excess_pct.unwrap().to_string(), "12.50");
        let c = check(d("4"), d("3.00"), true).unwrap();
        assert_eq!(c.excess_pct.unwrap().to_string(), "33.33");
        let c = check(d("2.005"), d("1.60"), true).unwrap();
        // proposed rounds to 2.01; excess 0.41; 0.41 / 1.6 × 100 = 25.625 → 25.63.
        assert_eq!(c.excess.to_string(), "0.41");
        assert_eq!(c.excess_pct.unwrap().to_string(), "25.63");
    }

    #[test]
    fn for_profit_is_information_only() {
        let c = check(d("2000"), d("1000.00"), false).unwrap();
        assert_eq!(c.result, CheckResult::InformationOnly);
        assert_eq!(c.excess.to_string(), "1000.00");
    }

    #[test]
    fn zero_benchmark_has_no_pct() {
        let c = check(d("5"), d("0.00"), true).unwrap();
        assert_eq!(c.result, CheckResult::Above);
        assert_eq!(c.excess_pct, None);
    }
}
