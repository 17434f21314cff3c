//! Claim verification (SPEC §8): `tuoyu.claim.v1` → `tuoyu.verification.v1`.
//!
//! A claim is a request plus the amounts the facility declared. Each claimed item is compared
//! with the library's own figure, computed **without** any explanation text (verification only
//! needs amounts and statuses). Files of claims are verified by streaming: [`verify_lines`] reads
//! JSON Lines and yields one report per claim, in order, in flat memory.

use crate::assess::{compute, Mode};
use crate::error::{Error, ErrorJson};
use crate::lines::LineId;
use crate::money::{round_money, Dec};
use crate::request::Request;
use crate::statement::{Reason, Status};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::io::BufRead;

/// The schema name of a claim.
pub const CLAIM_SCHEMA: &str = "tuoyu.claim.v1";
/// The schema name of a verification report.
pub const REPORT_SCHEMA: &str = "tuoyu.verification.v1";

/// `tuoyu.claim.v1`: a request and the amounts declared.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Always `tuoyu.claim.v1`.
    pub schema: String,
    /// The claim's identifier (echoed in the report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The facility and year.
    pub request: Request,
    /// The declared amounts.
    pub claimed: Claimed,
}

/// The declared amounts; an absent item is not checked.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Claimed {
    /// 免税销售额, compared with `R` (the VAT line's base).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_exempt_sales: Option<Dec>,
    /// 减计收入 (10% of `R`), compared with the CIT line's base — not the tax saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cit_income_reduction: Option<Dec>,
    /// Property tax exempted (the facility's own buildings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property_tax_exempt: Option<Dec>,
    /// Land use tax exempted (the facility's own land).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub land_use_tax_exempt: Option<Dec>,
    /// Deed tax exempted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deed_tax_exempt: Option<Dec>,
}

/// A claimed item (SPEC §8): the amount a facility declares, and the statement line it is
/// checked against. Written as its name (`"vat_exempt_sales"`, …) in claims, reports and the
/// CSV columns.
///
/// In a report of a later version, an item this one does not know reads as
/// [`ClaimItem::Other`] and is written back as it was ([`crate::open`]); claims themselves are
/// strict (their items are named fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ClaimItem {
    /// 免税销售额, compared with `R`, the VAT line's base.
    VatExemptSales,
    /// 减计收入 (10% of `R`), compared with the CIT line's base — not the tax saved.
    CitIncomeReduction,
    /// Property tax exempted (the facility's own buildings).
    PropertyTaxExempt,
    /// Land use tax exempted (the facility's own land).
    LandUseTaxExempt,
    /// Deed tax exempted.
    DeedTaxExempt,
    /// An item of a later version, read from its report: its name as written. Never in
    /// [`ClaimItem::ALL`], never made by [`ClaimItem::from_name`].
    Other(crate::open::Unknown),
}

crate::open::open_names!(
    ClaimItem,
    ClaimItem::from_name,
    "a claimed item, e.g. \"vat_exempt_sales\""
);

impl ClaimItem {
    /// Every item, in the order of SPEC §8 (the order of reports and CSV columns).
    pub const ALL: [ClaimItem; 5] = [
        ClaimItem::VatExemptSales,
        ClaimItem::CitIncomeReduction,
        ClaimItem::PropertyTaxExempt,
        ClaimItem::LandUseTaxExempt,
        ClaimItem::DeedTaxExempt,
    ];

    /// The item's name, e.g. `vat_exempt_sales`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimItem::VatExemptSales => "vat_exempt_sales",
            ClaimItem::CitIncomeReduction => "cit_income_reduction",
            ClaimItem::PropertyTaxExempt => "property_tax_exempt",
            ClaimItem::LandUseTaxExempt => "land_use_tax_exempt",
            ClaimItem::DeedTaxExempt => "deed_tax_exempt",
            ClaimItem::Other(u) => u.as_str(),
        }
    }

    /// The item named `name`, if this version has it.
    #[must_use]
    pub fn from_name(name: &str) -> Option<ClaimItem> {
        ClaimItem::ALL.into_iter().find(|i| i.as_str() == name)
    }

    /// The statement line the item is checked against (for [`ClaimItem::Other`], a
    /// [`LineId::Other`] of the item's name, which no statement of this version has).
    #[must_use]
    pub fn line(self) -> LineId {
        match self {
            ClaimItem::VatExemptSales => LineId::VatExemption,
            ClaimItem::CitIncomeReduction => LineId::CitIncomeReduction,
            ClaimItem::PropertyTaxExempt => LineId::PropertyTax,
            ClaimItem::LandUseTaxExempt => LineId::LandUseTax,
            ClaimItem::DeedTaxExempt => LineId::DeedTax,
            ClaimItem::Other(u) => LineId::Other(u),
        }
    }

    /// Whether the claimed amount is compared with the line's base (the VAT and CIT items)
    /// rather than with its amount.
    #[must_use]
    pub fn compares_base(self) -> bool {
        matches!(
            self,
            ClaimItem::VatExemptSales | ClaimItem::CitIncomeReduction
        )
    }
}

impl std::fmt::Display for ClaimItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for ClaimItem {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ClaimItem {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// The verdict on an item or a claim; worst first in reverse: `match` < `under_claimed` <
/// `missing_input` < `over_claimed` < `not_in_force` < `not_eligible`; `invalid_input` for a claim
/// that cannot be read.
///
/// A verdict of a later version reads as [`Verdict::Other`] (ordered after every verdict of
/// this one) and is written back as it was ([`crate::open`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Verdict {
    /// Within 0.01 of the recomputed figure.
    Match,
    /// Claimed less than recomputed.
    UnderClaimed,
    /// Something is claimed that cannot be recomputed: the line needs a figure the claim's
    /// request or the region's parameters do not give (the reasons name it). Not a finding of
    /// over-claiming: the officer asks for the figure.
    MissingInput,
    /// Claimed more than recomputed.
    OverClaimed,
    /// The preference is not in force for the year.
    NotInForce,
    /// A condition fails.
    NotEligible,
    /// The claim cannot be read.
    InvalidInput,
    /// A verdict of a later version, read from its report: its name as written. calc-core
    /// never gives it.
    Other(crate::open::Unknown),
}

crate::open::open_names!(Verdict, Verdict::from_name, "a verdict, e.g. \"match\"");

impl Verdict {
    /// The verdict named `name` (this version's names only).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.as_str() == name)
    }

    /// Every verdict, in order.
    pub const ALL: [Verdict; 7] = [
        Verdict::Match,
        Verdict::UnderClaimed,
        Verdict::MissingInput,
        Verdict::OverClaimed,
        Verdict::NotInForce,
        Verdict::NotEligible,
        Verdict::InvalidInput,
    ];

    /// The verdict as its JSON name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Match => "match",
            Verdict::UnderClaimed => "under_claimed",
            Verdict::MissingInput => "missing_input",
            Verdict::OverClaimed => "over_claimed",
            Verdict::NotInForce => "not_in_force",
            Verdict::NotEligible => "not_eligible",
            Verdict::InvalidInput => "invalid_input",
            Verdict::Other(u) => u.as_str(),
        }
    }
}

/// The check of one claimed item.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemReport {
    /// The claimed item, written as its name, e.g. `cit_income_reduction`.
    pub item: ClaimItem,
    /// The claimed amount, rounded to 0.01.
    pub claimed: Dec,
    /// The library's figure.
    pub recomputed: Dec,
    /// claimed − recomputed.
    pub difference: Dec,
    /// The verdict.
    pub verdict: Verdict,
    /// Why (the failed conditions, or the line's missing input).
    pub reasons: Vec<Reason>,
}

/// `tuoyu.verification.v1`: the report on one claim.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always `tuoyu.verification.v1`.
    pub schema: String,
    /// The claim's id, when it could be read.
    #[serde(default)]
    pub id: Option<String>,
    /// One entry per claimed item, in the order of SPEC §8.
    pub items: Vec<ItemReport>,
    /// The worst item verdict (`match` when nothing is claimed).
    pub verdict: Verdict,
    /// For `invalid_input`: what is wrong (paths inside the request start with `request.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorJson>,
    /// In files: the physical, 1-based line (or CSV record line) of the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// What the officer should know that does not change the verdict (the claim's figures are
    /// what they are), e.g. `not_filed`: the facility has not filed with the health commission,
    /// which the district plan requires. Absent when there is none, and in reports written
    /// before it existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<ReportWarning>,
}

/// A warning on a claim ([`Report::warnings`]): a code, the text in Chinese and English, and
/// where the rule is written (as a reason has it).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportWarning {
    /// What the warning is about, e.g. `not_filed` ([`ReportWarning::NOT_FILED`]). A reader
    /// meets codes of later versions: it shows the text.
    pub code: String,
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
    /// The rule behind the warning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<crate::statement::Basis>,
}

impl ReportWarning {
    /// The code of the warning on a facility that has not filed with the health commission
    /// (`filed_with_health_commission` false): 区实施方案四（十三） requires the filing.
    pub const NOT_FILED: &'static str = "not_filed";

    /// The `not_filed` warning, built once.
    #[must_use]
    pub fn not_filed() -> &'static ReportWarning {
        static W: std::sync::OnceLock<ReportWarning> = std::sync::OnceLock::new();
        W.get_or_init(|| ReportWarning {
            code: ReportWarning::NOT_FILED.to_string(),
            zh: crate::lines::NOT_FILED_ZH.to_string(),
            en: crate::lines::NOT_FILED_EN.to_string(),
            basis: Some(crate::lines::not_filed_basis()),
        })
    }
}

impl Report {
    /// A report with nothing in it (schema `tuoyu.verification.v1`, no id, no items, verdict
    /// `match`): the report to keep and verify claims into ([`verify_claim_into`]).
    #[must_use]
    pub fn empty() -> Report {
        Report {
            schema: REPORT_SCHEMA.to_string(),
            id: None,
            items: Vec::new(),
            verdict: Verdict::Match,
            error: None,
            line: None,
            warnings: Vec::new(),
        }
    }

    /// An `invalid_input` report.
    #[must_use]
    pub fn invalid(id: Option<String>, error: &Error, line: Option<u64>) -> Report {
        Report {
            schema: REPORT_SCHEMA.to_string(),
            id,
            items: Vec::new(),
            verdict: Verdict::InvalidInput,
            error: Some(error.to_json()),
            line,
            warnings: Vec::new(),
        }
    }

    /// The amount claimed beyond what the library recomputes: the positive difference of
    /// every `over_claimed` item, and the whole claimed amount of every `not_in_force` or
    /// `not_eligible` item (its recomputed figure is 0).
    #[must_use]
    pub fn over_claimed_amount(&self) -> Decimal {
        self.items
            .iter()
            .filter(|i| {
                matches!(
                    i.verdict,
                    Verdict::OverClaimed | Verdict::NotInForce | Verdict::NotEligible
                )
            })
            .map(|i| i.difference.0.max(Decimal::ZERO))
            .sum()
    }

    /// The report as one line of JSON.
    #[must_use]
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Claim {
    /// Parses and validates a claim from JSON text.
    ///
    /// # Errors
    /// An [`Error`] naming the field; paths inside the request start with `request.`.
    ///
    /// ```
    /// use calc_core::verify::{verify_claim, ClaimItem, Verdict};
    /// use calc_core::Claim;
    ///
    /// let claim = Claim::from_json(r#"{"schema": "tuoyu.claim.v1", "id": "2026-001",
    ///   "request": {"schema": "tuoyu.request.v1", "year": 2026,
    ///     "facility": {"legal_form": "enterprise", "community_based": true,
    ///                  "service_modes": ["full_day"], "filed_with_health_commission": true},
    ///     "taxpayer": {"vat": "general"}, "revenue": {"childcare": "1060000"}},
    ///   "claimed": {"vat_exempt_sales": "1060000"}}"#)?;
    /// let report = verify_claim(&claim);
    /// assert_eq!(report.verdict, Verdict::Match);
    /// assert_eq!(report.items[0].item, ClaimItem::VatExemptSales);
    /// # Ok::<(), calc_core::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Claim, Error> {
        let c: Claim = crate::error::parse_json(text)?;
        c.validate()?;
        Ok(c)
    }

    /// Checks the schema name, the request and the claimed amounts.
    ///
    /// # Errors
    /// The first problem, with its path.
    pub fn validate(&self) -> Result<(), Error> {
        if self.schema != CLAIM_SCHEMA {
            return Err(Error::new(
                "schema",
                "必须是 \"tuoyu.claim.v1\"",
                "must be \"tuoyu.claim.v1\"",
            ));
        }
        self.request.validate().map_err(|e| e.prefixed("request"))?;
        if self.request.scenario.is_some() {
            return Err(Error::new(
                "request.scenario",
                "申报按已公布的规定核验，不能包含情景假设（scenario）",
                "a claim is judged on the law as published: it cannot hold a scenario",
            ));
        }
        for (item, v) in self.claimed.each() {
            if v.is_sign_negative() && !v.is_zero() {
                return Err(Error::new(
                    &format!("claimed.{item}"),
                    "申报金额不能为负数",
                    "a claimed amount must not be negative",
                ));
            }
            if crate::money::exceeds_max_input(v) {
                return Err(Error::new(
                    &format!("claimed.{item}"),
                    "数值过大（上限 10^15）",
                    "is too large (at most 10^15)",
                ));
            }
        }
        Ok(())
    }
}

impl Claimed {
    /// The claimed items present, in the order of SPEC §8.
    #[must_use]
    pub fn items(&self) -> Vec<(ClaimItem, Decimal)> {
        self.each().collect()
    }

    /// The amount claimed for `item`, if any (never for an item this version does not know).
    #[must_use]
    pub fn get(&self, item: ClaimItem) -> Option<Decimal> {
        match item {
            ClaimItem::VatExemptSales => self.vat_exempt_sales,
            ClaimItem::CitIncomeReduction => self.cit_income_reduction,
            ClaimItem::PropertyTaxExempt => self.property_tax_exempt,
            ClaimItem::LandUseTaxExempt => self.land_use_tax_exempt,
            ClaimItem::DeedTaxExempt => self.deed_tax_exempt,
            ClaimItem::Other(_) => None,
        }
        .map(|d| d.0)
    }

    /// The claimed items present, in the order of SPEC §8, without collecting them.
    fn each(&self) -> impl Iterator<Item = (ClaimItem, Decimal)> + '_ {
        ClaimItem::ALL
            .into_iter()
            .filter_map(|item| self.get(item).map(|v| (item, v)))
    }
}

/// Verifies a parsed claim.
///
/// # Errors
/// An [`Error`] when the claim is invalid or the arithmetic overflows; [`verify_claim`] turns
/// it into an `invalid_input` report.
pub fn check(claim: &Claim) -> Result<Report, Error> {
    claim.validate()?;
    let mut report = Report::empty();
    judge(claim, &mut report)?;
    Ok(report)
}

/// Judges a validated claim into `report`, reusing its allocations: the items, their reasons
/// and the id are overwritten in place (a report of the same shape costs no allocation). On an
/// error `report` holds a partial judgement the caller replaces.
fn judge(claim: &Claim, report: &mut Report) -> Result<(), Error> {
    // A claim is judged only if `assess` accepts its request, and is refused with the error
    // `assess` gives: when the verification path fails, or skips something that can fail (the
    // lines a claim never names, the sections), every line and section is computed once more,
    // without text, in the statement's order.
    let refusal = || compute(&claim.request, Mode::Check).err();
    let c = match compute(&claim.request, Mode::Verify) {
        Ok(c) => c,
        Err(e) => return Err(refusal().unwrap_or(e).prefixed("request")),
    };
    if skips_what_can_refuse(&claim.request) {
        if let Some(e) = refusal() {
            return Err(e.prefixed("request"));
        }
    }
    let mut n = 0;
    let mut verdict = Verdict::Match;
    for (item, claimed) in claim.claimed.each() {
        let use_base = item.compares_base();
        // Every item's line is computed in every mode: a missing one is a bug, refused as such
        // rather than judged against another line.
        let Some(line) = c.lines.iter().find(|l| l.id == item.line()) else {
            return Err(Error::of_kind(
                crate::error::ErrorKind::Internal,
                &format!("claimed.{item}"),
                "内部错误：未计算该项对应的行",
                "internal error: the item's line was not computed",
            ));
        };
        let claimed = round_money(claimed);
        // The status that decides: the line's own, or — for a line that is only
        // `not_applicable` (no income_tax section, no such item) — the community status, so
        // that an ineligible or out-of-window facility is refused for what it is (SPEC §11
        // says so for the CIT item; the same holds for every item).
        let blocking: Option<(Status, &[Reason])> = match line.status {
            // A line stopped by the community gate carries no reasons of its own here: they
            // are the community's.
            Status::NotInForce | Status::NotEligible if line.trace.reasons.is_empty() => Some((
                line.status,
                c.community.as_ref().map_or(&[][..], |(_, r)| &r[..]),
            )),
            Status::NotInForce | Status::NotEligible => Some((line.status, &line.trace.reasons)),
            Status::NotApplicable => c.community.as_ref().map(|(s, r)| (*s, &r[..])),
            _ => None,
        };
        let recomputed = match (&blocking, use_base) {
            (Some(_), _) => Decimal::ZERO,
            (None, true) => line.base.map(round_money).unwrap_or(Decimal::ZERO),
            (None, false) if line.status == Status::Applies => round_money(line.amount),
            (None, false) => Decimal::ZERO,
        };
        let difference = claimed - recomputed;
        let (v, reasons): (Verdict, &[Reason]) = match blocking {
            Some((status, reasons)) if claimed > Decimal::ZERO => (
                if status == Status::NotInForce {
                    Verdict::NotInForce
                } else {
                    Verdict::NotEligible
                },
                reasons,
            ),
            _ => {
                let reasons = if line.status == Status::MissingInput {
                    &line.trace.reasons[..]
                } else {
                    &[]
                };
                // A figure the line needs is missing: what is claimed cannot be recomputed (an
                // item judged on the line's base is, when the base is known).
                let unknown =
                    line.status == Status::MissingInput && (!use_base || line.base.is_none());
                let v = if unknown && claimed > Decimal::ZERO {
                    Verdict::MissingInput
                } else if difference.abs() <= Decimal::new(1, 2) {
                    Verdict::Match
                } else if difference > Decimal::ZERO {
                    Verdict::OverClaimed
                } else {
                    Verdict::UnderClaimed
                };
                (v, reasons)
            }
        };
        verdict = verdict.max(v);
        let (claimed, recomputed, difference) = (
            Dec(claimed),
            Dec(round_money(recomputed)),
            Dec(round_money(difference)),
        );
        match report.items.get_mut(n) {
            Some(slot) => {
                slot.item = item;
                slot.claimed = claimed;
                slot.recomputed = recomputed;
                slot.difference = difference;
                slot.verdict = v;
                assign_reasons(&mut slot.reasons, reasons);
            }
            None => report.items.push(ItemReport {
                item,
                claimed,
                recomputed,
                difference,
                verdict: v,
                reasons: reasons.to_vec(),
            }),
        }
        n += 1;
    }
    if report.items.len() > n {
        for item in report.items.drain(n..) {
            spare_reasons(item.reasons.into_iter());
        }
    }
    crate::assess::recycle_lines(c.lines);
    if report.schema != REPORT_SCHEMA {
        REPORT_SCHEMA.clone_into(&mut report.schema);
    }
    report.id.clone_from(&claim.id);
    report.verdict = verdict;
    report.error = None;
    report.line = None;
    // Nearly every facility has filed: nothing to do but see that there is no warning left.
    if claim.request.facility.filed_with_health_commission {
        if !report.warnings.is_empty() {
            spare_warnings(&mut report.warnings);
        }
    } else {
        not_filed_into(&mut report.warnings);
    }
    Ok(())
}

/// `warnings` becomes `[not_filed]`, reusing what it holds or a warning given back earlier on
/// this thread ([`SPARE_WARNINGS`]). Kept out of [`judge`] (as is [`spare_warnings`]): a filed
/// facility's claim, nearly every claim, runs none of it.
#[inline(never)]
fn not_filed_into(warnings: &mut Vec<ReportWarning>) {
    let w = ReportWarning::not_filed();
    if warnings.len() == 1 && same_warning(&warnings[0], w) {
        return;
    }
    if warnings.len() > 1 {
        spare_warnings(warnings);
    }
    match warnings.first_mut() {
        Some(d) => assign_warning(d, w),
        None => warnings.push(match SPARE_WARNINGS.with_borrow_mut(Vec::pop) {
            Some(mut d) => {
                assign_warning(&mut d, w);
                d
            }
            None => w.clone(),
        }),
    }
}

/// `d` becomes a copy of `s`, reusing its strings.
fn assign_warning(d: &mut ReportWarning, s: &ReportWarning) {
    d.code.clone_from(&s.code);
    d.zh.clone_from(&s.zh);
    d.en.clone_from(&s.en);
    assign_basis(&mut d.basis, &s.basis);
}

/// Whether two warnings are equal, field by field: what `==` says, written out so that the
/// derived comparison of [`crate::statement::Basis`] is not one more function the compiler weighs
/// when it inlines the batch's hot loops (it changed their code for every claim). The batch's
/// report writer uses it too, to find a warning whose JSON it has already written.
#[must_use]
pub fn same_warning(a: &ReportWarning, b: &ReportWarning) -> bool {
    let basis = match (&a.basis, &b.basis) {
        (None, None) => true,
        (Some(x), Some(y)) => {
            x.document == y.document
                && x.article == y.article
                && x.title_en == y.title_en
                && x.article_en == y.article_en
                && x.window == y.window
        }
        _ => false,
    };
    a.code == b.code && a.zh == b.zh && a.en == b.en && basis
}

/// Empties `warnings`, keeping (a few of) them for [`not_filed_into`].
#[inline(never)]
fn spare_warnings(warnings: &mut Vec<ReportWarning>) {
    SPARE_WARNINGS.with_borrow_mut(|spare| {
        for w in warnings.drain(..) {
            if spare.len() < 4 {
                spare.push(w);
            }
        }
    });
}

/// `dst` becomes a copy of `src`, reusing the strings `dst` already holds and, past them,
/// reasons given back earlier on this thread ([`SPARE`]).
fn assign_reasons(dst: &mut Vec<Reason>, src: &[Reason]) {
    if dst.len() > src.len() {
        spare_reasons(dst.drain(src.len()..));
    }
    let kept = dst.len();
    for (d, s) in dst.iter_mut().zip(src) {
        assign_reason(d, s);
    }
    if src.len() > kept {
        SPARE.with_borrow_mut(|spare| {
            for s in &src[kept..] {
                dst.push(match spare.pop() {
                    Some(mut d) => {
                        assign_reason(&mut d, s);
                        d
                    }
                    None => s.clone(),
                });
            }
        });
    }
}

/// `d` becomes a copy of `s`, reusing its strings. Not inlined (as before the warnings shared
/// [`assign_basis`] with it): [`judge`] stays the size it was.
#[inline(never)]
fn assign_reason(d: &mut Reason, s: &Reason) {
    d.zh.clone_from(&s.zh);
    d.en.clone_from(&s.en);
    assign_basis(&mut d.basis, &s.basis);
}

/// `d` becomes a copy of `s`, reusing its strings.
#[inline(always)]
fn assign_basis(d: &mut Option<crate::statement::Basis>, s: &Option<crate::statement::Basis>) {
    match (d, s) {
        (Some(d), Some(s)) => {
            d.document.clone_from(&s.document);
            d.title_en.clone_from(&s.title_en);
            d.article.clone_from(&s.article);
            d.article_en.clone_from(&s.article_en);
            d.window.clone_from(&s.window);
        }
        (d, s) => d.clone_from(s),
    }
}

thread_local! {
    /// Reasons a reused report no longer needs, kept (up to [`SPARE_MAX`]) for the next report
    /// verified on this thread, so that their strings are overwritten rather than freed and
    /// allocated again.
    static SPARE: std::cell::RefCell<Vec<Reason>> = const { std::cell::RefCell::new(Vec::new()) };
}

thread_local! {
    /// Warnings a reused report no longer needs, kept for the next report of an unfiled
    /// facility verified on this thread (their strings are overwritten, not allocated again).
    static SPARE_WARNINGS: std::cell::RefCell<Vec<ReportWarning>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The most reasons kept in [`SPARE`].
const SPARE_MAX: usize = 64;

fn spare_reasons(reasons: impl Iterator<Item = Reason>) {
    SPARE.with_borrow_mut(|spare| {
        for r in reasons {
            if spare.len() >= SPARE_MAX {
                break;
            }
            spare.push(r);
        }
    });
}

/// Whether the request has something [`Mode::Verify`] does not compute that could refuse it:
/// the lines a claim never names (fees, utilities; the leased items' lines are computed for
/// their errors), the sections, or overrides (which reach the taxes behind the VAT and CIT
/// bases). A claim without any of them — nearly every claim of a batch — is refused by the
/// verification path exactly when `assess` refuses it (a property test checks both ways).
fn skips_what_can_refuse(r: &Request) -> bool {
    r.fees.is_some()
        || r.utilities.is_some()
        || !r.parameters.is_empty()
        || r.fee_benchmark.is_some()
        || r.capacity.is_some()
        || r.donations.is_some()
}

/// Verifies a parsed claim; an invalid one gives an `invalid_input` report.
#[must_use]
pub fn verify_claim(claim: &Claim) -> Report {
    check(claim).unwrap_or_else(|e| Report::invalid(claim.id.clone(), &e, None))
}

/// [`verify_claim`] into a report the caller keeps and reuses: `report` becomes exactly the
/// report `verify_claim(claim)` returns (its `line` is `None`), but the allocations it already
/// holds — the items, their reasons, the id — are reused, so verifying many claims one after
/// another into the same report allocates next to nothing. This is what `tuoyu batch` does
/// for each claim of a file.
///
/// ```
/// use calc_core::verify::{verify_claim, verify_claim_into, Claim, Report};
///
/// let text = r#"{"schema":"tuoyu.claim.v1","id":"c-1","request":{"schema":"tuoyu.request.v1",
///   "year":2026,"facility":{"legal_form":"enterprise","community_based":true,
///   "service_modes":["full_day"],"filed_with_health_commission":true},
///   "revenue":{"childcare":"1200000"}},"claimed":{"vat_exempt_sales":"1200000"}}"#;
/// let claims = [Claim::from_json(text).unwrap()];
/// let mut report = Report::empty(); // kept across claims
/// for claim in &claims {
///     verify_claim_into(claim, &mut report);
///     assert_eq!(report, verify_claim(claim));
///     assert_eq!(report.verdict.as_str(), "match");
/// }
/// ```
pub fn verify_claim_into(claim: &Claim, report: &mut Report) {
    if let Err(e) = claim.validate() {
        *report = Report::invalid(claim.id.clone(), &e, None);
        return;
    }
    if let Err(e) = judge(claim, report) {
        *report = Report::invalid(claim.id.clone(), &e, None);
    }
}

/// A claim that has passed [`Claim::validate`]: what [`verify_valid_into`] takes, so that a
/// claim validated once — by [`crate::frontend::flat::ClaimHeaders::valid_claim`], which
/// validates what it builds — is not validated again. Made only by [`ValidClaim::new`] and the
/// readers that validate; read-only (changing the claim could make it invalid).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidClaim(Claim);

impl ValidClaim {
    /// Validates `claim` ([`Claim::validate`]).
    ///
    /// # Errors
    /// The first problem, with its path (the claim is dropped: [`Claim::validate`] keeps it).
    pub fn new(claim: Claim) -> Result<ValidClaim, Error> {
        claim.validate()?;
        Ok(ValidClaim(claim))
    }

    /// A claim the crate has just validated.
    pub(crate) fn trusted(claim: Claim) -> ValidClaim {
        ValidClaim(claim)
    }

    /// The claim.
    #[must_use]
    pub fn claim(&self) -> &Claim {
        &self.0
    }

    /// The claim, given back.
    #[must_use]
    pub fn into_claim(self) -> Claim {
        self.0
    }
}

impl AsRef<Claim> for ValidClaim {
    fn as_ref(&self) -> &Claim {
        &self.0
    }
}

/// [`verify_claim_into`] for a claim already validated: the same report, without validating
/// it again.
///
/// ```
/// use calc_core::frontend::flat::ClaimHeaders;
/// use calc_core::verify::{verify_claim, verify_valid_into, Report};
///
/// let h = ClaimHeaders::new(&["id", "year", "legal_form", "community_based", "service_modes",
///     "filed_with_health_commission", "childcare_revenue", "claimed_vat_exempt_sales"]).unwrap();
/// let claim = h.valid_claim(&["c-1", "2026", "enterprise", "true", "full_day", "true",
///     "1200000", "1200000"]).unwrap();
/// let mut report = Report::empty();
/// verify_valid_into(&claim, &mut report);
/// assert_eq!(report, verify_claim(claim.claim()));
/// assert_eq!(report.verdict.as_str(), "match");
/// ```
pub fn verify_valid_into(claim: &ValidClaim, report: &mut Report) {
    let claim = &claim.0;
    if let Err(e) = judge(claim, report) {
        *report = Report::invalid(claim.id.clone(), &e, None);
    }
}

/// Parses and verifies a claim from JSON text; never fails: bad input gives an
/// `invalid_input` report whose `error` names the field.
///
/// ```
/// use calc_core::verify::{verify_text, Verdict};
///
/// // A claim that cannot be read is a report too, naming the field.
/// let report = verify_text(r#"{"schema": "tuoyu.claim.v1", "request": {}, "claimed": {}}"#);
/// assert_eq!(report.verdict, Verdict::InvalidInput);
/// assert!(report.error.is_some_and(|e| e.path.starts_with("request")));
/// ```
#[must_use]
pub fn verify_text(text: &str) -> Report {
    // `verify_claim` validates; parsing alone here avoids validating twice.
    match crate::error::parse_json::<Claim>(text) {
        Ok(c) => verify_claim(&c),
        Err(e) => Report::invalid(salvage_id(text), &e, None),
    }
}

/// The `id` of a claim that failed to parse, when it can still be found.
fn salvage_id(text: &str) -> Option<String> {
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[derive(Deserialize)]
    struct IdOnly {
        id: Option<String>,
    }
    serde_json::from_str::<IdOnly>(text).ok().and_then(|x| x.id)
}

/// Verifies many claims, in order: each input is a parsed claim or a row error (with its id
/// when known); each output is its report. Lazy: one claim in memory at a time.
pub fn verify_iter<I>(claims: I) -> impl Iterator<Item = Report>
where
    I: IntoIterator<Item = Result<Claim, (Option<String>, Error)>>,
{
    claims.into_iter().map(|c| match c {
        Ok(c) => verify_claim(&c),
        Err((id, e)) => Report::invalid(id, &e, None),
    })
}

/// Reads JSON Lines of claims and yields one report per non-blank line, in order, each with
/// its physical 1-based line number. A line that is not UTF-8, not JSON or not a valid claim gives
/// an `invalid_input` report; a read error ends the iteration with a last `invalid_input` report.
pub fn verify_lines<R: BufRead>(reader: R) -> impl Iterator<Item = Report> {
    JsonLines {
        reader,
        buf: Vec::new(),
        line: 0,
        done: false,
    }
}

struct JsonLines<R> {
    reader: R,
    buf: Vec<u8>,
    line: u64,
    done: bool,
}

/// A claim read from one line of a file, or why it could not be read (with its `id` when that
/// can still be found).
pub type ParsedClaim = Result<Claim, (Option<String>, Error)>;

/// Parses one physical line of a JSON Lines file (`None` for a blank line; a UTF-8 byte-order
/// mark opening line 1 is skipped) without validating
/// the claim — [`verify_claim`] validates. Front ends that time parsing and verifying apart use
/// this; [`verify_line`] does both.
#[must_use]
pub fn parse_line(bytes: &[u8], line: u64) -> Option<ParsedClaim> {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    // A byte-order mark opens files saved by some Windows editors: not part of the claim.
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) if line == 1 => rest,
        _ => bytes,
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return None;
    }
    Some(match std::str::from_utf8(bytes) {
        Ok(text) => crate::error::parse_json::<Claim>(text).map_err(|e| (salvage_id(text), e)),
        Err(e) => Err((
            None,
            Error::new(
                "",
                &format!(
                    "第 {line} 行不是 UTF-8 文本（第 {} 字节处）",
                    e.valid_up_to() + 1
                ),
                &format!(
                    "line {line} is not UTF-8 text (at byte {})",
                    e.valid_up_to() + 1
                ),
            ),
        )),
    })
}

/// The report for one physical line of a JSON Lines file (`None` for a blank line).
#[must_use]
pub fn verify_line(bytes: &[u8], line: u64) -> Option<Report> {
    let mut report = match parse_line(bytes, line)? {
        Ok(c) => verify_claim(&c),
        Err((id, e)) => Report::invalid(id, &e, None),
    };
    report.line = Some(line);
    Some(report)
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Report;
    fn next(&mut self) -> Option<Report> {
        while !self.done {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line += 1;
                    if let Some(r) = verify_line(&self.buf, self.line) {
                        return Some(r);
                    }
                }
                Err(e) => {
                    self.done = true;
                    let err =
                        Error::new("", &format!("读取失败：{e}"), &format!("read error: {e}"));
                    return Some(Report::invalid(None, &err, Some(self.line + 1)));
                }
            }
        }
        None
    }
}

/// Counts of a batch: reports by verdict, the total over-claimed amount and that total by
/// claimed item.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Reports seen.
    pub claims: u64,
    /// Reports by verdict, in [`Verdict::ALL`] order.
    pub by_verdict: std::collections::BTreeMap<Verdict, u64>,
    /// Sum of the over-claimed differences ([`Report::over_claimed_amount`]). It adds amounts
    /// of different kinds — sales and income (the VAT and CIT items are compared on their bases)
    /// and taxes — so [`Summary::over_claimed_by_item`] gives it item by item.
    pub over_claimed_amount: Dec,
    /// The over-claimed amount by claimed item (items with none are absent); the values add up
    /// to `over_claimed_amount`. Absent in summaries written before it existed.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub over_claimed_by_item: std::collections::BTreeMap<ClaimItem, Dec>,
}

impl Report {
    /// The amount over-claimed on each item ([`Report::over_claimed_amount`] item by item; items
    /// with nothing over-claimed are left out).
    pub fn over_claimed_items(&self) -> impl Iterator<Item = (ClaimItem, Decimal)> + '_ {
        self.items.iter().filter_map(|i| {
            let over = matches!(
                i.verdict,
                Verdict::OverClaimed | Verdict::NotInForce | Verdict::NotEligible
            ) && i.difference.0 > Decimal::ZERO;
            over.then_some((i.item, i.difference.0))
        })
    }
}

impl Summary {
    /// Counts one report.
    pub fn add(&mut self, r: &Report) {
        self.claims += 1;
        *self.by_verdict.entry(r.verdict).or_insert(0) += 1;
        self.over_claimed_amount = Dec(self
            .over_claimed_amount
            .0
            .saturating_add(r.over_claimed_amount()));
        for (item, d) in r.over_claimed_items() {
            self.add_over_claimed(item, d);
        }
    }

    /// Adds `amount` to the over-claimed total of `item` (not to `over_claimed_amount`).
    pub fn add_over_claimed(&mut self, item: ClaimItem, amount: Decimal) {
        let e = self
            .over_claimed_by_item
            .entry(item)
            .or_insert(Dec(Decimal::ZERO));
        e.0 = e.0.saturating_add(amount);
    }

    /// Adds another summary (for parallel workers).
    pub fn merge(&mut self, o: &Summary) {
        self.claims += o.claims;
        for (k, v) in &o.by_verdict {
            *self.by_verdict.entry(*k).or_insert(0) += v;
        }
        self.over_claimed_amount = Dec(self
            .over_claimed_amount
            .0
            .saturating_add(o.over_claimed_amount.0));
        for (k, v) in &o.over_claimed_by_item {
            self.add_over_claimed(*k, v.0);
        }
    }
}

#[cfg(test)]
mod summary_tests {
    use super::*;

    #[test]
    fn a_summary_without_item_totals_still_reads_and_item_totals_add_up() {
        let old = r#"{"claims":2,"by_verdict":{"match":1,"over_claimed":1},"over_claimed_amount":"5.00"}"#;
        let s: Summary = serde_json::from_str(old).expect("an older summary");
        assert!(s.over_claimed_by_item.is_empty());
        assert_eq!(serde_json::to_string(&s).expect("json"), old);

        let item = |item, claimed: i64, recomputed: i64, verdict| ItemReport {
            item,
            claimed: Dec(Decimal::from(claimed)),
            recomputed: Dec(Decimal::from(recomputed)),
            difference: Dec(Decimal::from(claimed - recomputed)),
            verdict,
            reasons: Vec::new(),
        };
        let mut r = Report::empty();
        r.items = vec![
            item(ClaimItem::VatExemptSales, 1_000, 900, Verdict::OverClaimed),
            item(ClaimItem::CitIncomeReduction, 50, 90, Verdict::UnderClaimed),
            item(ClaimItem::DeedTaxExempt, 30, 0, Verdict::NotEligible),
        ];
        r.verdict = Verdict::NotEligible;
        let (mut a, mut b) = (Summary::default(), Summary::default());
        a.add(&r);
        b.add(&r);
        a.merge(&b);
        assert_eq!(a.over_claimed_amount.0, Decimal::from(260));
        let by: Vec<(ClaimItem, Decimal)> = a
            .over_claimed_by_item
            .iter()
            .map(|(k, v)| (*k, v.0))
            .collect();
        assert_eq!(
            by,
            [
                (ClaimItem::VatExemptSales, Decimal::from(200)),
                (ClaimItem::DeedTaxExempt, Decimal::from(60))
            ]
        );
        let json = serde_json::to_string(&a).expect("json");
        assert!(
            json.contains(
                r#""over_claimed_by_item":{"vat_exempt_sales":"200","deed_tax_exempt":"60"}"#
            ),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Summary>(&json).expect("back"), a);
    }
}
