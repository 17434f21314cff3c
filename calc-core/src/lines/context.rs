//! What every line of one request shares ([`Ctx`]) and the rule helpers the line modules call:
//! the eligibility test of art.三, the gate of the community lines and its reasons, the articles
//! cited, the months an item is used in and the parameter entries in force in them.

use super::months::{count, month_end, month_start};
use super::text::{article_en, article_label};
use super::year_plan::{community_months, month_groups, YearPlan};
use super::{reduction::reductions, LineId, LineOut, VatLawBasis};
use crate::error::{Error, OrOverflow};
use crate::params::{Found, ParamId, Params};
use crate::request::{LegalForm, Request, VatKind};
use crate::statement::{Basis, Reason, Status, Window};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// The warning of a facility that has not filed with the health commission (是否已备案 false):
/// carried by every community line ([`Ctx::filing_warning`]) and by a claim's verification
/// report ([`not_filed_basis`]).
pub(crate) const NOT_FILED_ZH: &str = "机构未向区卫生健康部门备案：税收条文不以备案为条件，但区实施方案四（十三）要求备案，享受优惠前请完成备案";
/// [`NOT_FILED_ZH`] in English.
pub(crate) const NOT_FILED_EN: &str = "the facility has not filed with the health commission: the tax texts do not require it, but the district plan (§4(13)) does; file before claiming";

/// Where the filing requirement is written: the district plan, 四（十三）. The draft is undated,
/// so the basis has no window.
pub(crate) fn not_filed_basis() -> Basis {
    Basis {
        document: "昆明市晋宁区促进3岁以下婴幼儿照护服务发展实施方案（征求意见稿）".into(),
        title_en: Some(
            "Kunming Jinning District plan to promote care for children under 3 (draft for comment)"
                .into(),
        ),
        article: "四（十三）婴幼儿照护服务机构完成注册登记后，要及时到区卫生健康局备案".into(),
        article_en: Some(
            "section 4(13): a childcare facility, once registered, shall file with the district health commission without delay"
                .into(),
        ),
        window: None,
    }
}

/// What every line of one request shares.
pub(crate) struct Ctx<'a> {
    pub req: &'a Request,
    pub params: Params<'a>,
    pub year: i32,
    pub explain: bool,
    /// Months inside a community window.
    pub eligible: [bool; 12],
    pub eligible_months: u32,
    /// Community-window entries overlapping the year.
    pub windows: std::borrow::Cow<'a, [Found<'a>]>,
    /// Failed conditions of art.三 (borrowed from the year plan when there is one).
    pub failed: std::borrow::Cow<'static, [Reason]>,
    /// 六税两费 reduction of each month (0 where none), and the parameter behind it.
    pub reduction: [Decimal; 12],
    pub reduction_src: [Option<Found<'a>>; 12],
    /// The `not_in_force` reason of the year, built when first needed.
    pub(super) year_not_in_force: std::cell::OnceCell<Reason>,
    /// What every request of the year shares, when the parameters are the built-in ones.
    pub(super) plan: Option<&'static YearPlan>,
    /// For the VAT lines of a declared nursery: the VAT Law art.24(7) basis (SPEC §12.2).
    pub vat_law: Option<VatLawBasis<'a>>,
}

impl<'a> Ctx<'a> {
    pub fn new(req: &'a Request, params: Params<'a>, explain: bool) -> Ctx<'a> {
        let year = req.year;
        let (small_scale, slpe) = match &req.taxpayer {
            Some(t) => (
                t.vat == Some(VatKind::SmallScale),
                t.small_low_profit == Some(true),
            ),
            None => (false, false),
        };
        let plan = if params.is_embedded() {
            YearPlan::cached(year)
        } else {
            None
        };
        let (windows, eligible, (reduction, reduction_src)) = match plan {
            Some(plan) => (
                std::borrow::Cow::Borrowed(&plan.windows[..]),
                plan.eligible,
                plan.reductions[usize::from(small_scale) | usize::from(slpe) << 1],
            ),
            None => {
                let (windows, eligible) = community_months(&params, year);
                (
                    std::borrow::Cow::Owned(windows),
                    eligible,
                    reductions(&params, year, small_scale, slpe),
                )
            }
        };
        let eligible_months = count(&eligible);
        let mut ctx = Ctx {
            req,
            params,
            year,
            explain,
            eligible,
            eligible_months,
            windows,
            failed: std::borrow::Cow::Borrowed(&[]),
            reduction,
            reduction_src,
            year_not_in_force: std::cell::OnceCell::new(),
            plan,
            vat_law: None,
        };
        ctx.failed = match plan {
            Some(plan) => std::borrow::Cow::Borrowed(
                &plan.failed[ctx.failed_key()].get_or_init(|| ctx.eligibility())[..],
            ),
            None => std::borrow::Cow::Owned(ctx.eligibility()),
        };
        ctx
    }

    /// What the failed conditions of art.三 depend on, as an index of [`YearPlan::failed`]:
    /// whether the care is community-based, and the kind of operator (one that qualifies, an
    /// individual business, another).
    fn failed_key(&self) -> usize {
        let f = &self.req.facility;
        let form = match f.legal_form {
            LegalForm::Enterprise
            | LegalForm::PublicInstitution
            | LegalForm::SocialOrganization => 0,
            LegalForm::IndividualBusiness => 1,
            LegalForm::Other => 2,
        };
        usize::from(f.community_based) * 3 + form
    }

    /// The year's `not_in_force` reason as a list (borrowed from the year plan when there is
    /// one): the community status of a year without an eligible month.
    pub fn year_not_in_force_list(&self) -> std::borrow::Cow<'static, [Reason]> {
        match self.plan {
            Some(plan) => std::borrow::Cow::Borrowed(std::slice::from_ref(
                plan.not_in_force
                    .get_or_init(|| self.not_in_force_reason(None)),
            )),
            None => std::borrow::Cow::Owned(vec![self.year_not_in_force()]),
        }
    }

    /// The art.三 conditions that fail (SPEC §2); service modes are checked on input.
    fn eligibility(&self) -> Vec<Reason> {
        let f = &self.req.facility;
        let mut out = Vec::new();
        let qualifies = matches!(
            f.legal_form,
            LegalForm::Enterprise | LegalForm::PublicInstitution | LegalForm::SocialOrganization
        );
        if f.community_based && qualifies {
            return out;
        }
        // The article's first basis: the same for every request of the year when the
        // parameters are the built-in ones.
        let first = || self.basis_for("三").into_iter().next();
        let basis = match self.plan {
            Some(plan) => plan.eligibility_basis.get_or_init(first).clone(),
            None => first(),
        };
        if !f.community_based {
            out.push(Reason {
                zh: "未在社区依托固定场所设施提供托育服务（“依托社区固定场所提供服务”填写为“否”）".into(),
                en: "care is not provided from fixed premises in a community (“Care from fixed premises in a community” is answered no)".into(),
                basis: basis.clone(),
            });
        }
        match f.legal_form {
            LegalForm::Enterprise | LegalForm::PublicInstitution | LegalForm::SocialOrganization => {}
            LegalForm::IndividualBusiness => out.push(Reason {
                zh: "个体工商户不属于“企业、事业单位和社会组织”".into(),
                en: "an individual business is not an enterprise, public institution or social organisation".into(),
                basis,
            }),
            LegalForm::Other => out.push(Reason {
                zh: "举办者不是企业、事业单位或社会组织".into(),
                en: "the operator is not an enterprise, public institution or social organisation".into(),
                basis,
            }),
        }
        out
    }

    /// Basis entries for a community article, one per window touching the year (or the whole
    /// series when none does, so a `not_in_force` line still cites the documents).
    pub fn basis_for(&self, article: &str) -> Vec<Basis> {
        let list = if self.windows.is_empty() {
            self.params.entries(ParamId::CommunityInForce)
        } else {
            self.windows.to_vec()
        };
        list.iter()
            .filter(|f| f.flag())
            .map(|f| Basis {
                document: f.entry.citation.document.clone(),
                title_en: f.entry.citation.title_en.clone(),
                article: article_label(article),
                article_en: article_en(article),
                window: Some(Window {
                    from: f.entry.valid_from,
                    to: f.entry.valid_to,
                    scenario: f.scenario,
                }),
            })
            .collect()
    }

    /// A new line with the community basis of `article`.
    pub fn community_line(&self, id: LineId, article: &str) -> LineOut {
        let mut out = LineOut::new(id, self.explain);
        out.trace.basis_if_empty(|| self.basis_for(article));
        out
    }

    /// Whether `date` lies in a community window.
    pub fn in_window(&self, date: NaiveDate) -> bool {
        self.params
            .find(ParamId::CommunityInForce, date)
            .is_some_and(|f| f.flag())
    }

    /// The `not_in_force` reason for the assessed year (or for a date).
    pub fn not_in_force(&self, out: &mut LineOut, date: Option<NaiveDate>) {
        out.status = Status::NotInForce;
        if date.is_none() && self.eligible_months == 0 && !self.explain {
            // The year's reason is the community's (`Computed::community`): not copied here.
            return;
        }
        let reason = match date {
            None => self.year_not_in_force(),
            Some(_) => self.not_in_force_reason(date),
        };
        out.trace.reasons.push(reason);
    }

    /// The `not_in_force` reason of the assessed year — the same for every line: built once.
    pub fn year_not_in_force(&self) -> Reason {
        match self.plan {
            Some(plan) => plan
                .not_in_force
                .get_or_init(|| self.not_in_force_reason(None))
                .clone(),
            None => self
                .year_not_in_force
                .get_or_init(|| self.not_in_force_reason(None))
                .clone(),
        }
    }

    fn not_in_force_reason(&self, date: Option<NaiveDate>) -> Reason {
        let all = self.params.entries(ParamId::CommunityInForce);
        let first = all
            .iter()
            .filter(|f| f.flag())
            .map(|f| f.entry.valid_from)
            .min();
        let last = all
            .iter()
            .filter(|f| f.flag())
            .map(|f| f.entry.valid_to)
            .max()
            .flatten();
        let when = date.unwrap_or_else(|| month_start(self.year, 0));
        let before_first =
            first.is_some_and(|f| when < f || (date.is_none() && self.year < f.year()));
        let (zh, en) = match (first, last) {
            (Some(f), _) if before_first => (
                format!("社区托育税费优惠自 {f} 起执行，{}不在执行期内", self.when_zh(date)),
                format!("the community childcare preferences start on {f}; {} is before that", self.when_en(date)),
            ),
            (_, Some(l)) if when > l || (date.is_none() && self.year > l.year()) => (
                format!("社区托育税费优惠执行期至 {l} 止（可能延续，请关注新公告），{}不在执行期内", self.when_zh(date)),
                format!("the community childcare preferences run to {l} (they may be extended); {} is after that", self.when_en(date)),
            ),
            _ => (
                format!("{}不在社区托育税费优惠执行期内", self.when_zh(date)),
                format!("{} is outside the windows of the community childcare preferences", self.when_en(date)),
            ),
        };
        Reason {
            zh,
            en,
            // Before the first window, the document that opens it; otherwise the latest one.
            basis: {
                let pick = |(first, last): &(Option<Basis>, Option<Basis>)| {
                    if before_first {
                        first.clone()
                    } else {
                        last.clone()
                    }
                };
                // The same for every request of the year when the parameters are the built-in ones.
                let ends = || {
                    let all = self.basis_for("一");
                    (all.first().cloned(), all.last().cloned())
                };
                match self.plan {
                    Some(plan) => pick(plan.in_force_basis.get_or_init(ends)),
                    None => pick(&ends()),
                }
            },
        }
    }

    fn when_zh(&self, date: Option<NaiveDate>) -> String {
        date.map_or_else(|| format!("{}年", self.year), |d| d.to_string())
    }
    fn when_en(&self, date: Option<NaiveDate>) -> String {
        date.map_or_else(|| self.year.to_string(), |d| d.to_string())
    }

    /// `not_eligible` with every failed condition.
    ///
    /// Without an explanation the reasons are not copied into the line: they are the
    /// community's (`Computed::community`), which claim verification reports.
    pub fn not_eligible(&self, out: &mut LineOut) {
        out.status = Status::NotEligible;
        if self.explain {
            out.trace.reasons.extend(self.failed.iter().cloned());
        }
    }

    /// The common gate of the community lines: `not_in_force` when the year has no eligible
    /// month, `not_eligible` when a condition fails. Returns whether to go on.
    ///
    /// Without an explanation the reasons are left to `Computed::community`, as in
    /// [`Ctx::not_eligible`].
    pub fn gate(&self, out: &mut LineOut) -> bool {
        if self.eligible_months == 0 {
            self.not_in_force(out, None);
            return false;
        }
        if !self.failed.is_empty() {
            self.not_eligible(out);
            return false;
        }
        true
    }

    /// Warning carried by every community line when the facility has not filed.
    pub fn filing_warning(&self, out: &mut LineOut) {
        if !self.req.facility.filed_with_health_commission && out.status != Status::NotApplicable {
            out.trace
                .warn(|| (NOT_FILED_ZH.to_string(), NOT_FILED_EN.to_string()));
        }
    }

    /// The counted months of an item used from `from` to `to` (clamped to the year): eligible
    /// months whose days the use touches. `None` when the use does not touch the year.
    pub fn use_months(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Option<[bool; 12]> {
        let start = month_start(self.year, 0);
        let end = month_end(self.year, 11);
        let from = from.map_or(start, |d| d.max(start));
        let to = to.map_or(end, |d| d.min(end));
        if from > to {
            return None;
        }
        // Both ends now lie in the year: the months touched run from `from`'s to `to`'s.
        let (first, last) = (from.month0() as usize, to.month0() as usize);
        let mut out = [false; 12];
        for (m, o) in out.iter_mut().enumerate() {
            *o = self.eligible[m] && (first..=last).contains(&m);
        }
        Some(out)
    }

    /// The eligible months grouped by the entry of `id` in force in them, with each group's
    /// share of the amount `a` as an exact fraction `(num, den)`: `a × k / 12` for an annual
    /// amount over `k` months, the sum of the months for a monthly one. One term per window
    /// instead of one per month keeps the exact sums short. Each group is handed to `each`, in
    /// the order of its first month.
    pub fn by_entry(
        &self,
        id: ParamId,
        a: &crate::request::Amount,
        mut each: impl FnMut(Found<'a>, Decimal, Decimal) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let groups = match self.plan {
            // Without overrides the grouping depends on the year alone: built once.
            Some(plan) => std::borrow::Cow::Borrowed(plan.groups(id)?),
            None => {
                std::borrow::Cow::Owned(month_groups(&self.params, self.year, &self.eligible, id)?)
            }
        };
        for (f, months) in groups.iter() {
            let (num, den) = match a {
                crate::request::Amount::Annual(x) => (
                    x.checked_mul(Decimal::from(count(months)))
                        .or_overflow("revenue")?,
                    Decimal::from(12),
                ),
                crate::request::Amount::Monthly(v) => (
                    v.iter()
                        .zip(months)
                        .filter(|(_, c)| **c)
                        .try_fold(Decimal::ZERO, |s, (x, _)| s.checked_add(*x))
                        .or_overflow("revenue")?,
                    Decimal::ONE,
                ),
            };
            each(*f, num, den)?;
        }
        Ok(())
    }

    /// Reference date for figures that do not change within a year: the first day of the first
    /// eligible month, or 1 January.
    pub fn ref_date(&self) -> NaiveDate {
        let m = self.eligible.iter().position(|e| *e).unwrap_or(0);
        month_start(self.year, m)
    }
}
