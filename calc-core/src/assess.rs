//! Assessing a request: every line in order, the totals and the statement warnings.

use crate::error::Error;
use crate::lines::{self, Ctx, LineId, LineOut};
use crate::money::{Dec, Overflow};
use crate::params::{parse_overrides, Confidence, Params, Store};
use crate::request::Request;
use crate::statement::{Beneficiary, Line, ParamUse, Statement, Status, Warning, STATEMENT_SCHEMA};
use rust_decimal::Decimal;

/// Every line computed, plus what claim verification needs.
pub(crate) struct Computed {
    pub lines: Vec<LineOut>,
    pub eligible_months: u32,
    /// `not_in_force` or `not_eligible` when the community preferences do not reach this
    /// facility and year at all (for claim items against a `not_applicable` CIT line).
    pub community: Option<(Status, Vec<crate::statement::Reason>)>,
    pub fee_benchmark: Option<crate::fee_benchmark::FeeBenchmarkResult>,
    pub capacity: Option<crate::capacity::CapacityResult>,
    pub donations: Option<crate::donations::DonationsResult>,
}

impl Computed {
    pub fn line(&self, id: LineId) -> Option<&LineOut> {
        self.lines.iter().find(|l| l.id == id)
    }
}

/// Computes the lines: every line with its explanation for a statement (`explain`), or — for
/// claim verification — only the five lines a claim is checked against, without any text.
pub(crate) fn compute(req: &Request, explain: bool) -> Result<Computed, Error> {
    let store = Store::embedded();
    if store.all().is_empty() {
        return Err(Error::store_failed());
    }
    let overrides = parse_overrides(&req.parameters)?;
    let ctx = Ctx::new(req, Params::new(store, &overrides), explain);
    let (vat, detail) = lines::vat::line(&ctx)?;
    let mut out = Vec::with_capacity(LineId::ALL.len());
    if explain {
        let sur = lines::surcharges::line(&ctx, &vat, detail.as_ref())?;
        out.push(vat);
        out.push(sur);
        out.push(lines::cit::line(&ctx)?);
        out.push(lines::property::owned(&ctx)?);
        out.push(lines::property::leased(&ctx)?);
        out.push(lines::land_use::line(&ctx, false)?);
        out.push(lines::land_use::line(&ctx, true)?);
        out.push(lines::deed::line(&ctx)?);
        out.push(lines::fees::registration(&ctx)?);
        out.push(lines::fees::farmland(&ctx)?);
        out.push(lines::fees::land_reclamation(&ctx)?);
        out.push(lines::fees::land_idle(&ctx)?);
        out.push(lines::fees::infrastructure(&ctx)?);
        out.push(lines::fees::air_defence(&ctx)?);
        out.extend(lines::utilities::lines(&ctx)?);
    } else {
        out.push(vat);
        out.push(lines::cit::line(&ctx)?);
        out.push(lines::property::owned(&ctx)?);
        out.push(lines::land_use::line(&ctx, false)?);
        out.push(lines::deed::line(&ctx)?);
    }
    for l in &mut out {
        if l.status != Status::Applies {
            l.amount = Decimal::ZERO;
        }
        if matches!(l.status, Status::NotEligible | Status::NotInForce) {
            l.base = None;
        }
        if l.status == Status::Applies && l.amount.is_zero() && l.t.notes.is_empty() {
            l.t.note(|| {
                (
                    "条件满足，但计算结果为0（相关输入为0）".into(),
                    "the conditions hold but the value is 0 (the inputs are 0)".into(),
                )
            });
        }
    }
    let community = if ctx.em == 0 {
        let mut probe = LineOut::new(LineId::CitIncomeReduction, false);
        ctx.not_in_force(&mut probe, None);
        Some((Status::NotInForce, probe.t.reasons))
    } else if !ctx.failed.is_empty() {
        Some((Status::NotEligible, ctx.failed.clone()))
    } else {
        None
    };
    let fee_benchmark = req
        .fee_benchmark
        .as_ref()
        .map(|r| crate::fee_benchmark::compute(r, &ctx))
        .transpose()?;
    let capacity = req
        .capacity
        .as_ref()
        .map(|r| crate::capacity::compute(r, &ctx))
        .transpose()?;
    let donations = req
        .donations
        .as_ref()
        .map(|r| crate::donations::compute(r, &ctx))
        .transpose()?;
    Ok(Computed {
        lines: out,
        eligible_months: ctx.em,
        community,
        fee_benchmark,
        capacity,
        donations,
    })
}

/// Assesses a request: the statement with every line of SPEC §4, explained.
///
/// # Errors
/// [`Error`] for an invalid request (validated again here) or an overflow.
pub fn assess(req: &Request) -> Result<Statement, Error> {
    req.validate()?;
    let c = compute(req, true)?;
    let mut total = Decimal::ZERO;
    let mut total_landlord = Decimal::ZERO;
    let mut warnings: Vec<Warning> = Vec::new();
    let mut lines = Vec::with_capacity(c.lines.len());
    for l in c.lines {
        if l.status == Status::Applies {
            let t = match l.id.beneficiary() {
                Beneficiary::Facility => &mut total,
                Beneficiary::Landlord => &mut total_landlord,
            };
            *t = t
                .checked_add(l.amount)
                .ok_or(Overflow)
                .map_err(|_| Error::overflow(""))?;
            for p in &l.t.params {
                param_warning(&mut warnings, p);
            }
        }
        lines.push(Line {
            id: l.id.as_str().to_string(),
            label_zh: l.id.label_zh().to_string(),
            label_en: l.id.label_en().to_string(),
            status: l.status,
            amount: Dec(crate::money::round_money(l.amount)),
            base: l.base.map(|b| Dec(crate::money::round_money(b))),
            beneficiary: l.id.beneficiary(),
            steps: l.t.steps,
            basis: l.t.basis,
            parameters: l.t.params,
            reasons: l.t.reasons,
            warnings: l.t.warnings,
            notes: l.t.notes,
        });
    }
    let section_params = c
        .fee_benchmark
        .iter()
        .flat_map(|s| s.parameters.iter())
        .chain(c.capacity.iter().flat_map(|s| s.parameters.iter()))
        .chain(c.donations.iter().flat_map(|s| s.parameters.iter()));
    for p in section_params {
        param_warning(&mut warnings, p);
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
        fee_benchmark: c.fee_benchmark,
        capacity: c.capacity,
        donations: c.donations,
    })
}

fn param_warning(out: &mut Vec<Warning>, p: &ParamUse) {
    if out.iter().any(|w| w.parameter == p.id) {
        return;
    }
    if p.overridden {
        out.push(Warning {
            parameter: p.id.clone(),
            zh: format!("参数 {} 已被请求覆盖为 {}（非官方数值）", p.id, p.value),
            en: format!(
                "parameter {} is overridden by the request to {} (not an official figure)",
                p.id, p.value
            ),
        });
    } else if p.confidence != Confidence::Verified {
        out.push(Warning {
            parameter: p.id.clone(),
            zh: format!(
                "参数 {} = {} 的来源置信度为“{}”：{}",
                p.id,
                p.value,
                p.confidence.zh(),
                p.source.document
            ),
            en: format!(
                "parameter {} = {} is {}: {}",
                p.id,
                p.value,
                p.confidence.as_str(),
                p.source.document
            ),
        });
    }
}
