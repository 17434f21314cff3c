//! The year-plan cache: what every request of a year shares when it overrides no parameter,
//! built once per year.

use super::months::{month_end, month_start, YEARS};
use super::reduction::{reductions, Reductions};
use crate::error::Error;
use crate::params::{Found, ParamId, Params};
use crate::statement::{Basis, Reason};

/// What every request of a year shares when it overrides no parameter: the community windows,
/// the eligible months and the 六税两费 reductions for each kind of taxpayer. Built once per
/// year and reused by every request of that year.
pub(super) struct YearPlan {
    pub(super) year: i32,
    pub(super) windows: Vec<Found<'static>>,
    pub(super) eligible: [bool; 12],
    /// Indexed by `small_scale as usize | (slpe as usize) << 1`.
    pub(super) reductions: [Reductions<'static>; 4],
    /// The year's `not_in_force` reason, built when first needed.
    pub(super) not_in_force: std::sync::OnceLock<Reason>,
    /// The first basis of art.三 in the year (what a failed condition of art.三 cites), built
    /// when first needed.
    pub(super) eligibility_basis: std::sync::OnceLock<Option<Basis>>,
    /// The failed conditions of art.三 for each kind of facility (see
    /// [`super::Ctx::failed_key`]), built when first needed: a claim's report copies them from
    /// here instead of building its own.
    pub(super) failed: [std::sync::OnceLock<Vec<Reason>>; 6],
    /// The first and last basis of art.一 in the year (what a `not_in_force` reason cites), built
    /// when first needed.
    pub(super) in_force_basis: std::sync::OnceLock<(Option<Basis>, Option<Basis>)>,
    /// [`super::Ctx::unpacked_reduction`] per kind of taxpayer, indexed as `reductions`.
    pub(super) unpacked_reduction: [std::sync::OnceLock<Option<ParamId>>; 4],
    /// The eligible months grouped by the entry in force, per parameter, built when first needed.
    groups: Vec<std::sync::OnceLock<Result<MonthGroups, Error>>>,
}

type MonthGroups = Vec<(Found<'static>, [bool; 12])>;

impl YearPlan {
    pub(super) fn cached(year: i32) -> Option<&'static YearPlan> {
        static PLANS: std::sync::OnceLock<Vec<std::sync::OnceLock<YearPlan>>> =
            std::sync::OnceLock::new();
        let i = usize::try_from(year.checked_sub(*YEARS.start())?).ok()?;
        let slot = PLANS
            .get_or_init(|| YEARS.map(|_| std::sync::OnceLock::new()).collect())
            .get(i)?;
        Some(slot.get_or_init(|| {
            let params = Params::new(crate::params::Store::embedded(), &[]);
            let (windows, eligible) = community_months(&params, year);
            YearPlan {
                year,
                windows,
                eligible,
                reductions: std::array::from_fn(|k| {
                    reductions(&params, year, k & 1 == 1, k & 2 == 2)
                }),
                not_in_force: std::sync::OnceLock::new(),
                eligibility_basis: std::sync::OnceLock::new(),
                failed: Default::default(),
                unpacked_reduction: Default::default(),
                in_force_basis: std::sync::OnceLock::new(),
                groups: ParamId::ALL
                    .iter()
                    .map(|_| std::sync::OnceLock::new())
                    .collect(),
            }
        }))
    }
}

/// The eligible months of `year` grouped by the entry of `id` in force in them.
pub(super) fn month_groups<'a>(
    params: &Params<'a>,
    year: i32,
    eligible: &[bool; 12],
    id: ParamId,
) -> Result<Vec<(Found<'a>, [bool; 12])>, Error> {
    let mut groups: Vec<(Found<'a>, [bool; 12])> = Vec::with_capacity(2);
    for (m, _) in eligible.iter().enumerate().filter(|(_, e)| **e) {
        let d = month_start(year, m);
        let g = match groups.iter().position(|(f, _)| f.entry.covers(d)) {
            Some(g) => g,
            None => {
                groups.push((params.at(id, d)?, [false; 12]));
                groups.len() - 1
            }
        };
        groups[g].1[m] = true;
    }
    Ok(groups)
}

impl YearPlan {
    /// The eligible months grouped by the entry of `id` in force in them.
    pub(super) fn groups(&self, id: ParamId) -> Result<&[(Found<'static>, [bool; 12])], Error> {
        let params = Params::new(crate::params::Store::embedded(), &[]);
        match self
            .groups
            .get(id as usize)
            .map(|g| g.get_or_init(|| month_groups(&params, self.year, &self.eligible, id)))
        {
            Some(Ok(g)) => Ok(g),
            Some(Err(e)) => Err(e.clone()),
            None => Err(Error::no_parameter(id.as_str(), month_start(self.year, 0))),
        }
    }
}

/// The community windows overlapping `year` and the months they cover.
pub(super) fn community_months<'a>(params: &Params<'a>, year: i32) -> (Vec<Found<'a>>, [bool; 12]) {
    let windows: Vec<Found<'a>> = params
        .overlapping(
            ParamId::CommunityInForce,
            month_start(year, 0),
            month_end(year, 11),
        )
        .into_iter()
        .filter(|f| f.flag())
        .collect();
    let mut eligible = [false; 12];
    for (m, e) in eligible.iter_mut().enumerate() {
        let (a, b) = (month_start(year, m), month_end(year, m));
        *e = windows.iter().any(|f| f.entry.overlaps(a, b));
    }
    (windows, eligible)
}
