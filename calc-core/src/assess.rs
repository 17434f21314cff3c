//! Assessing a request: every line in order, the totals and the statement warnings.

use crate::error::Error;
use crate::error::OrOverflow;
use crate::lines::{self, Ctx, LineId, LineOut};
use crate::money::Dec;
use crate::params::{parse_overrides, Confidence, Params, Store};
use crate::request::{Request, Tenure};
use crate::statement::{Beneficiary, Line, ParamUse, Statement, Status, Warning, STATEMENT_SCHEMA};
use rust_decimal::Decimal;

/// Every line computed, plus what claim verification needs.
pub(crate) struct Computed {
    pub lines: Vec<LineOut>,
    pub eligible_months: u32,
    /// `not_in_force` or `not_eligible` when the community preferences do not reach this
    /// facility and year at all (for claim items against a `not_applicable` CIT line).
    /// Borrowed from the year plan when there is one.
    pub community: Option<(
        Status,
        std::borrow::Cow<'static, [crate::statement::Reason]>,
    )>,
    // Boxed: sections are rare and large, and `Computed` is moved on every claim.
    pub fee_benchmark: Option<Box<crate::fee_benchmark::FeeBenchmarkResult>>,
    pub capacity: Option<Box<crate::capacity::CapacityResult>>,
    pub donations: Option<Box<crate::donations::DonationsResult>>,
    pub household: Option<Box<crate::household::HouseholdResult>>,
    /// Sections with no result for the year (a figure they need has no value in force).
    pub sections_not_in_force: Vec<crate::statement::SectionStatus>,
}

/// What a computation is for, and so what it builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A statement: every line and section, explained.
    Explain,
    /// Claim verification: the five lines a claim is checked against, their statuses, the
    /// amounts compared (the VAT and CIT lines' bases, not their taxes) — no text, no sections;
    /// the leased lines are computed for their errors only.
    Verify,
    /// Every line's status and amount and the sections, without any text: the figures of
    /// [`amounts`], and what a claim's verification runs again when [`Mode::Verify`] skips
    /// something that can refuse the request (a claim is judged only if [`assess`] accepts it).
    Check,
}

/// Computes the lines for `mode`.
pub(crate) fn compute(req: &Request, mode: Mode) -> Result<Computed, Error> {
    compute_in(Store::embedded(), req, mode)
}

/// Computes the lines for `mode` with the parameters of `store`.
pub(crate) fn compute_in(store: &Store, req: &Request, mode: Mode) -> Result<Computed, Error> {
    if store.all().is_empty() {
        return Err(Error::store_failed());
    }
    let explain = mode == Mode::Explain;
    let overrides = parse_overrides(&req.parameters)?;
    // A scenario that does not reach the year changes nothing (SPEC §12.3): no extension.
    let extensions = req
        .scenario
        .filter(|s| s.active_in(req.year))
        .map(|s| crate::params::scenario_extensions(store, s.extend_community_to))
        .unwrap_or_default();
    let params = Params::new(store, &overrides)
        .with_extensions(&extensions)
        .in_region(req.facility.region_code());
    let mut ctx = Ctx::new(req, params, explain);
    let mut out = match mode {
        Mode::Explain | Mode::Check => statement_lines(&ctx)?,
        Mode::Verify => claimed_lines(&ctx)?,
    };
    mark_unpacked_reductions(&ctx, &mut out);
    let scenario = req.scenario.filter(|s| s.active_in(req.year));
    for l in &mut out {
        if let Some(s) = &scenario {
            scenario_warning(l, s, ctx.eligible_months);
        }
        if l.status != Status::Applies {
            l.amount = Decimal::ZERO;
        }
        if matches!(l.status, Status::NotEligible | Status::NotInForce) {
            l.base = None;
        }
        if l.status == Status::Applies && l.amount.is_zero() && l.trace.notes_len() == 0 {
            l.trace.note_zero(|| {
                (
                    "条件满足，但计算结果为0（相关输入为0）".into(),
                    "the conditions hold but the value is 0 (the inputs are 0)".into(),
                )
            });
        }
    }
    let has_sections = req.fee_benchmark.is_some()
        || req.capacity.is_some()
        || req.donations.is_some()
        || req.household.is_some();
    // Without sections the context is done with: its failed conditions are moved, not copied.
    let lines_only = mode == Mode::Verify || !has_sections;
    let community = if ctx.eligible_months == 0 {
        Some((Status::NotInForce, ctx.year_not_in_force_list()))
    } else if ctx.failed.is_empty() {
        None
    } else if lines_only {
        Some((Status::NotEligible, std::mem::take(&mut ctx.failed)))
    } else {
        Some((Status::NotEligible, ctx.failed.clone()))
    };
    if lines_only {
        return Ok(Computed {
            lines: out,
            eligible_months: ctx.eligible_months,
            community,
            fee_benchmark: None,
            capacity: None,
            donations: None,
            household: None,
            sections_not_in_force: Vec::new(),
        });
    }
    let mut not_in_force = Vec::new();
    let fee_benchmark = req
        .fee_benchmark
        .as_ref()
        .map(|r| crate::fee_benchmark::compute(r, &ctx))
        .map(|res| section("fee_benchmark", res, &ctx, &mut not_in_force))
        .transpose()?
        .flatten();
    let capacity = req
        .capacity
        .as_ref()
        .map(|r| crate::capacity::compute(r, &ctx))
        .map(|res| section("capacity", res, &ctx, &mut not_in_force))
        .transpose()?
        .flatten();
    let donations = req
        .donations
        .as_ref()
        .map(|r| crate::donations::compute(r, &ctx))
        .map(|res| section("donations", res, &ctx, &mut not_in_force))
        .transpose()?
        .flatten();
    let household = req
        .household
        .as_ref()
        .map(|r| crate::household::compute(r, &ctx))
        .map(|res| section("household", res, &ctx, &mut not_in_force))
        .transpose()?
        .flatten();
    Ok(Computed {
        lines: out,
        eligible_months: ctx.eligible_months,
        community,
        fee_benchmark,
        capacity,
        donations,
        household,
        sections_not_in_force: not_in_force,
    })
}

/// Every line of the statement, in order.
fn statement_lines(ctx: &Ctx<'_>) -> Result<Vec<LineOut>, Error> {
    // A declared nursery's VAT lines may rest on VAT Law art.24(7) (SPEC §12.2).
    let vat_ctx = ctx.for_vat_law();
    let vctx = vat_ctx.as_ref().unwrap_or(ctx);
    // A local figure the region has no pack for makes its line `missing_input` (SPEC §12.6).
    let local = |id: LineId, r: Result<LineOut, Error>| unpacked_line(ctx, id, r);
    let mut out = Vec::with_capacity(LineId::ALL.len());
    let (vat, detail) = lines::vat::line(vctx)?;
    let sur = lines::surcharges::line(vctx, &vat, detail.as_deref())?;
    out.push(vat);
    out.push(sur);
    out.push(lines::cit::line(ctx)?);
    out.push(local(LineId::PropertyTax, lines::property::owned(ctx))?);
    out.push(local(
        LineId::PropertyTaxLeased,
        lines::property::leased(ctx),
    )?);
    out.push(lines::land_use::line(ctx, false)?);
    out.push(lines::land_use::line(ctx, true)?);
    out.push(local(LineId::DeedTax, lines::deed::line(ctx))?);
    out.push(lines::fees::registration(ctx)?);
    out.push(lines::fees::farmland(ctx)?);
    out.push(lines::fees::land_reclamation(ctx)?);
    out.push(lines::fees::land_idle(ctx)?);
    out.push(lines::fees::infrastructure(ctx)?);
    out.push(lines::fees::air_defence(ctx)?);
    match lines::utilities::lines(ctx) {
        Err(e) if ctx.params.unpacked_in(&e).is_some() => {
            for id in UTILITY_LINES {
                out.push(local(id, Err(e.clone()))?);
            }
        }
        r => out.extend(r?),
    }
    Ok(out)
}

/// The five lines a claim is checked against (SPEC §8), each as far as the figure compared:
/// the VAT and CIT lines stop at their bases (`lines::vat::base`, `lines::cit::base`), the
/// taxes behind them are not computed.
fn claimed_lines(ctx: &Ctx<'_>) -> Result<Vec<LineOut>, Error> {
    let vat_ctx = ctx.for_vat_law();
    let vctx = vat_ctx.as_ref().unwrap_or(ctx);
    let local = |id: LineId, r: Result<LineOut, Error>| unpacked_line(ctx, id, r);
    // The list of a claim verified before on this thread, when it was given back
    // ([`recycle_lines`]): one allocation fewer per claim.
    let mut out = SPARE_LINES.with_borrow_mut(std::mem::take);
    out.reserve(5);
    out.push(lines::vat::base(vctx)?);
    out.push(lines::cit::base(ctx)?);
    out.push(local(LineId::PropertyTax, lines::property::owned(ctx))?);
    out.push(lines::land_use::line(ctx, false)?);
    out.push(local(LineId::DeedTax, lines::deed::line(ctx))?);
    // The leased lines are never claimed, but they can refuse the request (a rent that
    // overflows): computed here — and dropped — so that verification refuses what `assess`
    // refuses without computing every line a second time.
    let req = ctx.req;
    if req
        .properties
        .iter()
        .any(|p| p.tenure == Some(Tenure::Leased))
    {
        local(LineId::PropertyTaxLeased, lines::property::leased(ctx))?;
    }
    if req.land.iter().any(|p| p.tenure == Some(Tenure::Leased)) {
        lines::land_use::line(ctx, true)?;
    }
    Ok(out)
}

thread_local! {
    /// An empty list of lines, kept for the next claim verified on this thread.
    static SPARE_LINES: std::cell::RefCell<Vec<LineOut>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Gives a claim's list of lines back, emptied, for the next claim on this thread.
pub(crate) fn recycle_lines(mut lines: Vec<LineOut>) {
    lines.clear();
    if lines.capacity() <= 8 {
        SPARE_LINES.with_borrow_mut(|spare| *spare = lines);
    }
}

/// The utility lines, in statement order.
const UTILITY_LINES: [LineId; 4] = [
    LineId::UtilityElectricity,
    LineId::UtilityGas,
    LineId::UtilityWater,
    LineId::UtilityBroadband,
];

/// A line's result; or, when it needs a local figure that the request's region has no pack for
/// (SPEC §12.6), the line as `missing_input` naming the figure's generic id — the request may
/// supply it as an override. Any other error refuses the request.
fn unpacked_line(ctx: &Ctx<'_>, id: LineId, r: Result<LineOut, Error>) -> Result<LineOut, Error> {
    let e = match r {
        Ok(l) => return Ok(l),
        Err(e) => e,
    };
    let Some(param) = ctx.params.unpacked_in(&e) else {
        return Err(e);
    };
    let mut out = LineOut::new(id, ctx.explain);
    mark_unpacked(&mut out, param, &e);
    Ok(out)
}

/// Makes a line `missing_input` for a local figure its region has no pack for.
fn mark_unpacked(out: &mut LineOut, param: crate::params::ParamId, e: &Error) {
    out.amount = Decimal::ZERO;
    out.base = None;
    out.mark_missing(&format!("parameters.{}", param.generic_id()));
    let (zh, en) = (e.message_zh().to_string(), e.message_en().to_string());
    out.trace.note(|| (zh, en));
}

/// The lines a 六税两费 reduction enters (SPEC §4.2, §4.4, §4.5): when the taxpayer qualifies
/// for a reduction in a month of the year and the region has no pack giving the province's
/// reduction for that month, an applying line's figure is unknown — `missing_input`.
fn mark_unpacked_reductions(ctx: &Ctx<'_>, out: &mut [LineOut]) {
    let Some(param) = ctx.unpacked_reduction() else {
        return;
    };
    let date = lines::month_start(ctx.year, 0);
    let e = Error::no_local_parameter(param, ctx.params.region().code, date);
    for l in out.iter_mut().filter(|l| {
        l.status == Status::Applies
            && matches!(
                l.id,
                LineId::VatSurcharges
                    | LineId::PropertyTax
                    | LineId::PropertyTaxLeased
                    | LineId::LandUseTax
                    | LineId::LandUseTaxLeased
            )
    }) {
        mark_unpacked(l, param, &e);
    }
}

/// The warning of a line whose figure depends on the scenario (SPEC §12.3): a community line
/// with months in the extended window, or any line that used an extended value.
fn scenario_warning(l: &mut LineOut, s: &crate::request::Scenario, eligible_months: u32) {
    let community = !matches!(
        l.id,
        LineId::UtilityElectricity
            | LineId::UtilityGas
            | LineId::UtilityWater
            | LineId::UtilityBroadband
    );
    let used = l
        .trace
        .explained
        .as_ref()
        .is_some_and(|x| x.params.iter().any(|p| p.scenario));
    if l.status == Status::NotApplicable || !(used || (community && eligible_months > 0)) {
        return;
    }
    let to = s.extend_community_to;
    l.trace.warn(|| {
        (
            format!("情景假设：本行假设社区托育优惠及相关参数延续至 {to}，该延续尚未公布，结果不是现行规定"),
            format!("scenario: this line assumes the community preferences and their figures are extended to {to}; no such extension is published, so this is not the law in force"),
        )
    });
}

/// A section's result; or, when a parameter it needs has no value in force on the section's
/// date (31 December of the year), `None` and the section's `not_in_force` status with the
/// reason — that is the year's fact, not an input error, and the statement still comes out.
/// Any other error refuses the request.
fn section<T>(
    name: &str,
    result: Result<T, Error>,
    ctx: &Ctx<'_>,
    not_in_force: &mut Vec<crate::statement::SectionStatus>,
) -> Result<Option<Box<T>>, Error> {
    let e = match result {
        Ok(r) => return Ok(Some(Box::new(r))),
        Err(e) => e,
    };
    if ctx.params.unpacked_in(&e).is_some() {
        not_in_force.push(crate::statement::SectionStatus {
            section: name.to_string(),
            status: Status::MissingInput,
            reasons: vec![crate::statement::Reason {
                zh: format!("本部分不计算：{}", e.message_zh()),
                en: format!("not computed: {}", e.message_en()),
                basis: None,
            }],
        });
        return Ok(None);
    }
    let date = crate::fee_benchmark::as_of(ctx)?;
    let Some(id) = e
        .path()
        .strip_prefix("parameters.")
        .and_then(crate::params::ParamId::from_id)
        .filter(|id| ctx.params.find(*id, date).is_none())
    else {
        return Err(e);
    };
    let series = Store::embedded().series(id);
    let label_zh = series.map_or("", |s| s.label_zh.as_str());
    let label_en = series.map_or("", |s| s.label_en.as_str());
    let first = series
        .and_then(|s| s.entries.first())
        .map(|e| e.valid_from.to_string())
        .unwrap_or_default();
    not_in_force.push(crate::statement::SectionStatus {
        section: name.to_string(),
        status: Status::NotInForce,
        reasons: vec![crate::statement::Reason {
            zh: format!(
                "本部分不计算：所需参数“{label_zh}”（{}）在 {date} 没有有效值（数据自 {first} 起）",
                id.as_str()
            ),
            en: format!(
                "not computed for {}: the parameter \"{label_en}\" ({}) has no value in force on {date} (its values start on {first})",
                ctx.year,
                id.as_str()
            ),
            basis: None,
        }],
    });
    Ok(None)
}

/// Assesses a request: the statement with every line of SPEC §4, explained.
///
/// # Errors
/// [`Error`] for an invalid request (validated again here) or an overflow.
pub fn assess(req: &Request) -> Result<Statement, Error> {
    assess_in(Store::embedded(), req)
}

/// Assesses a request with the parameters of `store` instead of the built-in ones — for
/// instance with a region pack being tried before it is added to the data
/// ([`Store::with_pack_toml`], `docs/JURISDICTIONS.md`).
///
/// ```
/// use calc_core::params::Store;
/// let pack = r#"
/// [region]
/// code = "440000"
/// name_zh = "示例省"
/// name_en = "Example Province"
/// prefix = "example"
///
/// [[parameter]]
/// id = "example.deed_tax.rate"
/// label_zh = "契税税率（示例）"
/// label_en = "Deed tax rate (example)"
/// unit = "ratio"
/// admissible = { min = "0", max = "1" }
///
/// [[parameter.values]]
/// from = "2021-09-01"
/// value = "0.04"
/// confidence = "unverified"
/// document = "示例文件"
/// article = "示例条款"
/// url_note = "示例：无原文 / an example: no text"
/// "#;
/// let store = Store::embedded().with_pack_toml(pack).unwrap();
/// let req: calc_core::Request = serde_json::from_str(r#"{"schema": "tuoyu.request.v1",
///   "year": 2026, "facility": {"legal_form": "enterprise", "community_based": true,
///   "service_modes": ["full_day"], "filed_with_health_commission": true, "region": "440305"},
///   "acquisitions": [{"kind": "house", "price": "1000000", "date": "2026-03-01"}]}"#).unwrap();
/// let s = calc_core::assess_in(&store, &req).unwrap();
/// let deed = s.line(calc_core::LineId::DeedTax).unwrap();
/// assert_eq!(deed.amount.to_string(), "40000.00");
/// assert_eq!(deed.parameters[0].id, "example.deed_tax.rate");
/// ```
///
/// # Errors
/// As [`assess`].
pub fn assess_in(store: &Store, req: &Request) -> Result<Statement, Error> {
    req.validate()?;
    let c = compute_in(store, req, Mode::Explain)?;
    let mut total = Decimal::ZERO;
    let mut total_landlord = Decimal::ZERO;
    let mut warnings: Vec<Warning> = Vec::new();
    let mut lines = Vec::with_capacity(c.lines.len());
    for l in c.lines {
        add_to_totals(&l, &mut total, &mut total_landlord)?;
        if l.status == Status::Applies {
            if let Some(x) = &l.trace.explained {
                for p in &x.params {
                    param_warning(&mut warnings, p);
                }
            }
        }
        let reasons = l.trace.reasons;
        let explained = l.trace.explained.map(|b| *b).unwrap_or_default();
        let zero_reason = (l.status == Status::Applies
            && crate::money::round_money(l.amount).is_zero())
        .then(|| {
            explained
                .zero_note
                .and_then(|i| explained.notes.get(i))
                .or(explained.notes.last())
        })
        .flatten()
        .cloned();
        lines.push(Line {
            id: l.id,
            label_zh: l.id.label_zh().to_string(),
            label_en: l.id.label_en().to_string(),
            status: l.status,
            amount: Dec(crate::money::round_money(l.amount)),
            base: l.base.map(|b| Dec(crate::money::round_money(b))),
            beneficiary: l.id.beneficiary(),
            steps: explained.steps,
            basis: explained.basis,
            parameters: explained.params,
            reasons,
            warnings: explained.warnings,
            notes: explained.notes,
            zero_reason,
            how_to_claim: (l.status == Status::Applies).then(|| l.id.how_to_claim().to_output()),
        });
    }
    let section_params = c
        .fee_benchmark
        .iter()
        .flat_map(|s| s.parameters.iter())
        .chain(c.capacity.iter().flat_map(|s| s.parameters.iter()))
        .chain(c.donations.iter().flat_map(|s| s.parameters.iter()))
        .chain(c.household.iter().flat_map(|s| s.parameters.iter()));
    for p in section_params {
        param_warning(&mut warnings, p);
    }
    if let Some(s) = req.scenario.filter(|s| s.active_in(req.year)) {
        let to = s.extend_community_to;
        warnings.push(Warning {
            parameter: "scenario.extend_community_to".into(),
            zh: format!("本结果为情景测算：假设 2027-12-31 到期的社区托育优惠延续至 {to}（尚未公布）"),
            en: format!("a scenario: assumes the community preferences ending 2027-12-31 are extended to {to} (not published)"),
        });
    }
    Ok(Statement {
        schema: STATEMENT_SCHEMA.to_string(),
        year: req.year,
        facility_name: req.facility.name.clone(),
        eligible_months: c.eligible_months,
        lines,
        total: Dec(crate::money::round_money(total)),
        total_landlord: Dec(crate::money::round_money(total_landlord)),
        warnings,
        fee_benchmark: c.fee_benchmark.map(|b| *b),
        capacity: c.capacity.map(|b| *b),
        donations: c.donations.map(|b| *b),
        household: c.household.map(|b| *b),
        sections_not_in_force: c.sections_not_in_force,
    })
}

/// Adds an applying line to the total of whoever benefits from it (SPEC §4.9).
fn add_to_totals(
    l: &LineOut,
    total: &mut Decimal,
    total_landlord: &mut Decimal,
) -> Result<(), Error> {
    if l.status != Status::Applies {
        return Ok(());
    }
    // The lines calc-core computes are the facility's or the landlord's, never `Other`.
    let sum = match l.id.beneficiary() {
        Beneficiary::Landlord => total_landlord,
        Beneficiary::Facility | Beneficiary::Other(_) => total,
    };
    *sum = sum.checked_add(l.amount).or_overflow("")?;
    Ok(())
}

fn param_warning(out: &mut Vec<Warning>, param: &ParamUse) {
    if out.iter().any(|w| w.parameter == param.id) {
        return;
    }
    if param.overridden {
        out.push(Warning {
            parameter: param.id.clone(),
            zh: format!(
                "参数 {} 已被请求覆盖为 {}（非官方数值）",
                param.id, param.value
            ),
            en: format!(
                "parameter {} is overridden by the request to {} (not an official figure)",
                param.id, param.value
            ),
        });
    } else if param.confidence != Confidence::Verified {
        out.push(Warning {
            parameter: param.id.clone(),
            zh: format!(
                "参数 {} = {} 的来源置信度为“{}”：{}",
                param.id,
                param.value,
                param.confidence.zh(),
                param.source.document
            ),
            en: format!(
                "parameter {} = {} is {}: {}",
                param.id,
                param.value,
                param.confidence.as_str(),
                param
                    .source
                    .title_en
                    .as_deref()
                    .unwrap_or(&param.source.document)
            ),
        });
    }
}

/// The figures of a statement without its explanation: each line's status, amount and base, and
/// the totals — for services that only need the numbers (sweeps, dashboards, bulk runs).
///
/// ```
/// use calc_core::{amounts, assess, Request};
///
/// let req = Request::from_json(r#"{"schema": "tuoyu.request.v1", "year": 2026,
///   "facility": {"legal_form": "enterprise", "community_based": true,
///                "service_modes": ["full_day"], "filed_with_health_commission": true},
///   "taxpayer": {"vat": "general"},
///   "revenue": {"childcare": "1060000", "input_vat_on_childcare": "0"}}"#)?;
/// let (figures, st) = (amounts(&req)?, assess(&req)?);
/// assert_eq!(figures.total, st.total.0);
/// assert!(figures.lines.iter().zip(&st.lines).all(|(a, l)| a.id == l.id && a.amount == l.amount.0));
/// # Ok::<(), calc_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amounts {
    /// The assessed year.
    pub year: i32,
    /// Months of the year inside a community window.
    pub eligible_months: u32,
    /// Every line of SPEC §4, in statement order.
    pub lines: Vec<LineAmount>,
    /// Sum of the facility's applying lines.
    pub total: Decimal,
    /// Sum of the landlord's applying lines.
    pub total_landlord: Decimal,
}

/// One line of [`Amounts`]: the same status, amount and base as the statement's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineAmount {
    /// The line.
    pub id: LineId,
    /// Its status.
    pub status: Status,
    /// The amount, rounded to 0.01 (0 unless the line applies).
    pub amount: Decimal,
    /// The base (`R`, the CIT reduction), rounded to 0.01, where the line has one.
    pub base: Option<Decimal>,
}

/// Computes every line's status and amount without building any explanation text: the figures
/// of [`assess`], several times faster. It fails exactly when [`assess`] fails (the request's sections
/// are computed for their errors, not returned).
///
/// ```
/// let req: calc_core::Request = serde_json::from_str(r#"{
///   "schema": "tuoyu.request.v1", "year": 2026,
///   "facility": {"legal_form": "enterprise", "community_based": true,
///                "service_modes": ["full_day"], "filed_with_health_commission": true},
///   "taxpayer": {"vat": "general"},
///   "revenue": {"childcare": "1200000"}
/// }"#).unwrap();
/// let a = calc_core::amounts(&req).unwrap();
/// let st = calc_core::assess(&req).unwrap();
/// assert_eq!(a.total, st.total.0);
/// assert_eq!(a.lines[0].amount.to_string(), "67924.53"); // 1,200,000 × 6% / 1.06
/// ```
///
/// # Errors
/// [`Error`] for an invalid request or an overflow, as [`assess`].
pub fn amounts(req: &Request) -> Result<Amounts, Error> {
    req.validate()?;
    let c = compute(req, Mode::Check)?;
    let mut total = Decimal::ZERO;
    let mut total_landlord = Decimal::ZERO;
    let mut lines = Vec::with_capacity(c.lines.len());
    for l in c.lines {
        add_to_totals(&l, &mut total, &mut total_landlord)?;
        lines.push(LineAmount {
            id: l.id,
            status: l.status,
            amount: crate::money::round_money(l.amount),
            base: l.base.map(crate::money::round_money),
        });
    }
    Ok(Amounts {
        year: req.year,
        eligible_months: c.eligible_months,
        lines,
        total: crate::money::round_money(total),
        total_landlord: crate::money::round_money(total_landlord),
    })
}
