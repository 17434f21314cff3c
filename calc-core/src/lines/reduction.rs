//! The 六税两费 reduction (the "six taxes and two surcharges" halving of small-scale and small
//! low-profit taxpayers): the reduction of each month, the share a line keeps, and its warning.

use super::months::{count, month_start};
use super::{Ctx, Trace};
use crate::params::{Found, ParamId, Params};
use rust_decimal::Decimal;

/// The reduction of each month (0 where none) and the parameter behind it.
pub(super) type Reductions<'a> = ([Decimal; 12], [Option<Found<'a>>; 12]);

/// The 六税两费 reduction of each month of `year` (0 where none) and the parameter behind it.
pub(super) fn reductions<'a>(
    params: &Params<'a>,
    year: i32,
    small_scale: bool,
    slpe: bool,
) -> Reductions<'a> {
    let mut reduction = [Decimal::ZERO; 12];
    let mut reduction_src: [Option<Found<'a>>; 12] = [None; 12];
    for m in 0..12 {
        let d = month_start(year, m);
        let a = if small_scale {
            params.find(ParamId::SmallScaleReduction, d)
        } else {
            None
        };
        let b = if slpe {
            params.find(ParamId::SlpeReduction, d)
        } else {
            None
        };
        // Both reductions apply once; if they differ (overrides), the larger.
        let pick = match (a, b) {
            (Some(x), Some(y)) => Some(if y.decimal() > x.decimal() { y } else { x }),
            (x, y) => x.or(y),
        };
        if let Some(f) = pick {
            reduction[m] = f.decimal().min(Decimal::ONE);
            reduction_src[m] = Some(f);
        }
    }
    (reduction, reduction_src)
}

impl Ctx<'_> {
    /// Records the reduction parameters used over `months` and returns Σ (1 − reduction) over them.
    pub fn keep_share(&self, months: &[bool; 12], trace: &mut Trace) -> Decimal {
        if !self.reduced_in(months) {
            // No reduction in these months (and so no parameter to record): the month count.
            return Decimal::from(count(months));
        }
        if !self.explain {
            // The same reduction in every counted month (the usual case): k × (1 − r), the
            // same value as the sum.
            let mut counted = months
                .iter()
                .zip(&self.reduction)
                .filter(|(c, _)| **c)
                .map(|(_, r)| r);
            if let Some(first) = counted.next() {
                let key = first.serialize();
                if counted.all(|r| r.serialize() == key) {
                    if let Some(k) =
                        (Decimal::ONE - first).checked_mul(Decimal::from(count(months)))
                    {
                        return k;
                    }
                }
            }
        }
        let mut sum = Decimal::ZERO;
        for ((counted, r), src) in months.iter().zip(&self.reduction).zip(&self.reduction_src) {
            if *counted {
                sum += Decimal::ONE - r;
                if let Some(f) = src {
                    trace.param(f);
                }
            }
        }
        sum
    }

    /// Whether a 六税两费 reduction applies in any of `months`.
    pub fn reduced_in(&self, months: &[bool; 12]) -> bool {
        (0..12).any(|m| months[m] && !self.reduction[m].is_zero())
    }

    /// The 六税两费 reduction the taxpayer qualifies for whose value is unknown in some month of
    /// the year because the region has no pack giving it (SPEC §12.6), if any: the lines it
    /// enters are then `missing_input`. The same for every request of the year and kind of
    /// taxpayer when the parameters are the built-in ones.
    pub fn unpacked_reduction(&self) -> Option<ParamId> {
        let t = self.req.taxpayer.as_ref()?;
        let small_scale = t.vat == Some(crate::request::VatKind::SmallScale);
        let slpe = t.small_low_profit == Some(true);
        let find = || {
            [
                (small_scale, ParamId::SmallScaleReduction),
                (slpe, ParamId::SlpeReduction),
            ]
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, id)| id)
            .find(|id| {
                self.params.unpacked(*id)
                    && (0..12).any(|m| self.params.find(*id, month_start(self.year, m)).is_none())
            })
        };
        match self.plan {
            Some(plan) => *plan.unpacked_reduction
                [usize::from(small_scale) | usize::from(slpe) << 1]
                .get_or_init(find),
            None => find(),
        }
    }

    /// The warning of a line that applied a 六税两费 reduction in some of `months` (none when it
    /// applied none), from the weakest parameter value behind it: an unverified value (the years
    /// each province chose its rate) → Yunnan's notice was not found; a secondary one (the
    /// national halving from 2023) → the document it rests on; a verified one → no warning.
    pub fn reduction_warning(&self, months: &[bool; 12], trace: &mut Trace) {
        trace.warn_if(|| {
            let weakest = (0..12)
                .filter(|&m| months[m] && !self.reduction[m].is_zero())
                .filter_map(|m| self.reduction_src[m].as_ref())
                .min_by_key(|f| f.entry.confidence)?;
            match weakest.entry.confidence {
                crate::params::Confidence::Verified => None,
                // (`Other` never comes from a parameter file: they are read with this version's names.)
                crate::params::Confidence::Unverified | crate::params::Confidence::Other(_) => Some((
                    "按“六税两费”减半计算：云南省执行比例未见原文（参数置信度：未核实）".into(),
                    "halved under the 'six taxes and two surcharges' reduction: Yunnan's notice was not found (parameter unverified)".into(),
                )),
                c @ crate::params::Confidence::Secondary => {
                    let cite = &weakest.entry.citation;
                    Some((
                        format!("按“六税两费”减半计算：{}（参数置信度：{}）", cite.document, c.zh()),
                        format!(
                            "halved under the 'six taxes and two surcharges' reduction: {}; parameter {}",
                            cite.title_en.as_deref().unwrap_or(&cite.document),
                            c.as_str()
                        ),
                    ))
                }
            }
        });
    }
}
