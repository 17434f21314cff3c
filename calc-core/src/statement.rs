//! `tuoyu.statement.v1`: what each preference is worth, line by line, with its explanation.

use crate::money::Dec;
use crate::params::{Citation, Confidence};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The schema name of a statement.
pub const STATEMENT_SCHEMA: &str = "tuoyu.statement.v1";

/// The assessment of one facility for one year.
///
/// An output: read back, it accepts fields it does not know (SPEC §9: outputs only grow), so a
/// service built on this version reads the statements of later ones.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// Always `tuoyu.statement.v1`.
    pub schema: String,
    /// The assessed year.
    pub year: i32,
    /// The facility's name, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facility_name: Option<String>,
    /// Months of the year inside a community-preference window (0–12).
    pub eligible_months: u32,
    /// Every line of SPEC §4, in the order of [`crate::LineId::ALL`].
    pub lines: Vec<Line>,
    /// Sum of the `applies` lines whose beneficiary is the facility.
    pub total: Dec,
    /// Sum of the `applies` lines whose beneficiary is the landlord.
    pub total_landlord: Dec,
    /// Parameters used that are not verified, and overridden ones.
    pub warnings: Vec<Warning>,
    /// Fee benchmark (when the request has the section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_benchmark: Option<crate::fee_benchmark::FeeBenchmarkResult>,
    /// Places and carers (when the request has the section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<crate::capacity::CapacityResult>,
    /// Donations (when the request has the section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub donations: Option<crate::donations::DonationsResult>,
    /// A family's net cost (when the request has the section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household: Option<crate::household::HouseholdResult>,
    /// Sections of the request with no result for this year, each with why: a figure the
    /// section needs has no value in force on its date (e.g. the 2019 childcare standard for a
    /// 2018 request). The rest of the statement is computed as usual.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections_not_in_force: Vec<SectionStatus>,
}

/// A request section that has no result for the assessed year (see
/// [`Statement::sections_not_in_force`]).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionStatus {
    /// The section: `fee_benchmark`, `capacity` or `donations`.
    pub section: String,
    /// `not_in_force` (a figure it needs has no value in force for the year), or
    /// `missing_input` (a local figure the request's region has no pack for, SPEC §12.6).
    pub status: Status,
    /// Why, naming the parameter, the date and where its values start (or how to supply it).
    pub reasons: Vec<Reason>,
}

/// A statement read back with a field of a later version (SPEC §9):
///
/// ```
/// use calc_core::{assess, LineId, Request, Statement, Status};
///
/// let req = Request::from_json(r#"{"schema": "tuoyu.request.v1", "year": 2026,
///   "facility": {"legal_form": "enterprise", "community_based": true,
///                "service_modes": ["full_day"], "filed_with_health_commission": true},
///   "taxpayer": {"vat": "general"},
///   "revenue": {"childcare": "1060000", "input_vat_on_childcare": "0"}}"#)?;
/// let st = assess(&req)?;
/// assert_eq!(st.lines.len(), LineId::ALL.len());
/// assert_eq!(st.line(LineId::DeedTax).map(|l| l.status), Some(Status::NotApplicable));
/// // Written as `tuoyu.statement.v1` and read back, even with a field of a later version.
/// let mut json: serde_json::Value = serde_json::to_value(&st)?;
/// json["added_later"] = serde_json::json!(true);
/// let back: Statement = serde_json::from_value(json)?;
/// assert_eq!(back.total, st.total);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl Statement {
    /// The line with id `id`.
    ///
    /// ```
    /// # let req = calc_core::Request::from_json(r#"{"schema": "tuoyu.request.v1", "year": 2026,
    /// #   "facility": {"legal_form": "enterprise", "community_based": true,
    /// #   "service_modes": ["full_day"], "filed_with_health_commission": true}}"#)?;
    /// let statement = calc_core::assess(&req)?;
    /// let deed = statement.line(calc_core::LineId::DeedTax).unwrap();
    /// assert_eq!(deed.id.as_str(), "deed_tax");
    /// # Ok::<(), calc_core::Error>(())
    /// ```
    #[must_use]
    pub fn line(&self, id: crate::LineId) -> Option<&Line> {
        self.lines.iter().find(|l| l.id == id)
    }
}

/// The status of a line; the first that holds wins (SPEC §4).
///
/// Written and read as its name (`"applies"`); a status of a later version reads as
/// [`Status::Other`] and is written back as it was ([`crate::open`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Status {
    /// The request has no section or item for this line.
    NotApplicable,
    /// No eligible month: the preference is not in force for the year (or the item's date).
    NotInForce,
    /// A condition fails (listed in `reasons`).
    NotEligible,
    /// A field the line needs is missing.
    MissingInput,
    /// The preference applies; `amount` is its value.
    Applies,
    /// A status of a later version, read from its statement: its name as written. calc-core
    /// never gives it.
    Other(crate::open::Unknown),
}

crate::open::open_names!(Status, Status::from_name, "a line status, e.g. \"applies\"");

impl Status {
    /// Every status this version gives, in order.
    pub const ALL: [Status; 5] = [
        Status::NotApplicable,
        Status::NotInForce,
        Status::NotEligible,
        Status::MissingInput,
        Status::Applies,
    ];

    /// The status named `name` (this version's names only).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// The status as its JSON name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotApplicable => "not_applicable",
            Status::NotInForce => "not_in_force",
            Status::NotEligible => "not_eligible",
            Status::MissingInput => "missing_input",
            Status::Applies => "applies",
            Status::Other(u) => u.as_str(),
        }
    }
}

/// Who the saving goes to.
///
/// Written and read as its name (`"facility"`); a beneficiary of a later version reads as
/// [`Beneficiary::Other`] and is written back as it was ([`crate::open`]).
///
/// ```
/// use calc_core::statement::Beneficiary;
///
/// let b: Beneficiary = serde_json::from_str("\"landlord\"")?;
/// assert_eq!(b, Beneficiary::Landlord);
/// // A name a later version may write: kept as it was.
/// let later: Beneficiary = serde_json::from_str("\"households\"")?;
/// assert!(matches!(later, Beneficiary::Other(_)));
/// assert_eq!(serde_json::to_string(&later)?, "\"households\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Beneficiary {
    /// The facility.
    Facility,
    /// The landlord (leased property and land: the landlord is the taxpayer).
    Landlord,
    /// A beneficiary of a later version, read from its statement: its name as written.
    /// calc-core never gives it.
    Other(crate::open::Unknown),
}

crate::open::open_names!(
    Beneficiary,
    Beneficiary::from_name,
    "who the saving goes to, e.g. \"facility\""
);

impl Beneficiary {
    /// Every beneficiary this version gives.
    pub const ALL: [Beneficiary; 2] = [Beneficiary::Facility, Beneficiary::Landlord];

    /// The beneficiary named `name` (this version's names only).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Beneficiary> {
        Beneficiary::ALL.into_iter().find(|b| b.as_str() == name)
    }

    /// The beneficiary as its JSON name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Beneficiary::Facility => "facility",
            Beneficiary::Landlord => "landlord",
            Beneficiary::Other(u) => u.as_str(),
        }
    }
}

/// A text in Chinese and English.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// A window of dates, `to` inclusive (`null` while open).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// First day.
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: Option<NaiveDate>,
    /// The window is assumed by the request's scenario (SPEC §12.3), not published law.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub scenario: bool,
}

/// The legal basis of a line or a reason.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Basis {
    /// The document.
    pub document: String,
    /// The document's title in English, where the parameter data has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// The article.
    pub article: String,
    /// The article's number in English (`art. 1(1)`), where calc-core has it. A number only:
    /// the words of the law stay in Chinese (see [`crate::LineDoc::quote_en`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article_en: Option<String>,
    /// The window in which the document grants the preference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
}

/// A failed condition (or the reason a line does not apply), with its basis.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
    /// The rule that sets the condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
}

/// A parameter a line used, with its provenance.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParamUse {
    /// Parameter id.
    pub id: String,
    /// Value in the JSON shape of overrides.
    pub value: serde_json::Value,
    /// First day of the value's window.
    pub valid_from: NaiveDate,
    /// Last day of the window, `null` while open.
    pub valid_to: Option<NaiveDate>,
    /// Citation.
    pub source: Citation,
    /// Confidence.
    pub confidence: Confidence,
    /// Whether the request overrode it.
    pub overridden: bool,
    /// Whether the value is assumed by the request's scenario (SPEC §12.3): the series is
    /// extended past its published end.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub scenario: bool,
}

/// A statement-level warning about a parameter.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// The parameter concerned.
    pub parameter: String,
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// How a preference is claimed in practice (自行申报享受 / 留存备查 …), with its source and how
/// sure it is: most procedures were not found in the texts, and say so.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HowToClaim {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
    /// Where it is written.
    pub source: Citation,
    /// How far it has been checked.
    pub confidence: Confidence,
}

/// One preference line (an output: unknown fields are accepted when read back).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// Stable id (SPEC §9), e.g. `vat_exemption`; written as that string.
    pub id: crate::LineId,
    /// Chinese label.
    pub label_zh: String,
    /// English label.
    pub label_en: String,
    /// Status.
    pub status: Status,
    /// The saving, `"0.00"` unless `applies`.
    pub amount: Dec,
    /// The line's base where SPEC §4 defines one, else `null`.
    pub base: Option<Dec>,
    /// Who saves.
    pub beneficiary: Beneficiary,
    /// The formula with the actual numbers.
    pub steps: Vec<Text>,
    /// Legal basis.
    pub basis: Vec<Basis>,
    /// Parameters used.
    pub parameters: Vec<ParamUse>,
    /// Failed conditions.
    pub reasons: Vec<Reason>,
    /// Warnings.
    pub warnings: Vec<Text>,
    /// Notes.
    pub notes: Vec<Text>,
    /// For a line that applies and is worth 0.00: why, in calc-core's words (one of `notes`;
    /// absent otherwise). See [`crate::frontend::claiming::zero_reason`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zero_reason: Option<Text>,
    /// How to claim it, for a line that applies (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how_to_claim: Option<HowToClaim>,
}
