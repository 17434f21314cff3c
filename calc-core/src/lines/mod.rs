//! The benefit lines of SPEC §4, one module per line (or family of lines), each quoting its
//! article, and the machinery they share: the year's eligible months, the eligibility test of
//! art.三, the 六税两费 reduction, and the trace that records the explanation.

pub(crate) mod cit;
pub(crate) mod deed;
pub(crate) mod fees;
pub(crate) mod land_use;
pub(crate) mod property;
pub(crate) mod surcharges;
pub(crate) mod utilities;
pub(crate) mod vat;

use crate::error::Error;
use crate::error::OrOverflow;
use crate::money::{round_money, Exact};
use crate::params::{Found, ParamId, Params};
use crate::request::{LegalForm, Request, VatKind};
use crate::statement::{Basis, Beneficiary, ParamUse, Reason, Status, Text, Window};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

macro_rules! line_ids {
    ($($variant:ident = $id:literal, $zh:literal, $en:literal, $ben:ident;)*) => {
        /// A line of the statement, by its stable id (SPEC §9).
        ///
        /// Written and read as its id string (`"vat_exemption"`). A statement of a later
        /// version may hold a line this one does not know: it reads as [`LineId::Other`] and is
        /// written back as it was (see [`crate::open`]). [`LineId::from_id`] and `parse` know
        /// only this version's lines.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum LineId { $(
            #[doc = $zh]
            $variant,
        )*
            /// A line of a later version, read from its statement: its id as written. Its
            /// labels are the id (the statement's `label_zh`/`label_en` have the words), its
            /// [`doc`](LineId::doc) says this version has no text for it. Never in
            /// [`LineId::ALL`], never made by `from_id` or `parse`.
            Other(crate::open::Unknown),
        }

        impl LineId {
            /// Every line, in statement order.
            pub const ALL: &'static [LineId] = &[$(LineId::$variant,)*];
            /// The stable id, e.g. `vat_exemption`.
            #[must_use]
            pub fn as_str(self) -> &'static str { match self { $(LineId::$variant => $id,)* LineId::Other(u) => u.as_str() } }
            /// The line for an id string of this version (`None` for any other text).
            #[must_use]
            pub fn from_id(s: &str) -> Option<LineId> { match s { $($id => Some(LineId::$variant),)* _ => None } }
            /// Chinese label (for [`LineId::Other`], the id).
            #[must_use]
            pub fn label_zh(self) -> &'static str { match self { $(LineId::$variant => $zh,)* LineId::Other(u) => u.as_str() } }
            /// English label (for [`LineId::Other`], the id).
            #[must_use]
            pub fn label_en(self) -> &'static str { match self { $(LineId::$variant => $en,)* LineId::Other(u) => u.as_str() } }
            /// Who the saving goes to (the lines calc-core computes; a read-back statement
            /// has each line's `beneficiary`).
            #[must_use]
            pub(crate) fn beneficiary(self) -> Beneficiary { match self { $(LineId::$variant => Beneficiary::$ben,)* LineId::Other(_) => Beneficiary::Facility } }
        }
    };
}

line_ids! {
    VatExemption = "vat_exemption", "增值税免征", "VAT exemption", Facility;
    VatSurcharges = "vat_surcharges", "附加税费（城建税、教育费附加、地方教育附加）", "VAT surcharges (city maintenance tax, education surcharges)", Facility;
    CitIncomeReduction = "cit_income_reduction", "企业所得税：收入减按90%计入收入总额", "Corporate income tax: revenue counted at 90%", Facility;
    PropertyTax = "property_tax", "房产税免征（自有、无偿使用）", "Property tax exemption (owned, free use)", Facility;
    PropertyTaxLeased = "property_tax_leased", "房产税免征（承租房产，出租方受益）", "Property tax exemption (leased; saved by the landlord)", Landlord;
    LandUseTax = "land_use_tax", "城镇土地使用税免征（自有、无偿使用）", "Urban land use tax exemption (owned, free use)", Facility;
    LandUseTaxLeased = "land_use_tax_leased", "城镇土地使用税免征（承租土地，出租方受益）", "Urban land use tax exemption (leased; saved by the landlord)", Landlord;
    DeedTax = "deed_tax", "契税免征", "Deed tax exemption", Facility;
    RegistrationFee = "registration_fee", "不动产登记费免征", "Real estate registration fee waived", Facility;
    FarmlandReclamationFee = "farmland_reclamation_fee", "耕地开垦费免征", "Farmland reclamation fee waived", Facility;
    LandReclamationFee = "land_reclamation_fee", "土地复垦费免征", "Land reclamation fee waived", Facility;
    LandIdleFee = "land_idle_fee", "土地闲置费免征", "Land idle fee waived", Facility;
    InfrastructureFee = "infrastructure_fee", "城市基础设施配套费免征", "Urban infrastructure fee waived", Facility;
    AirDefenceFee = "air_defence_fee", "防空地下室易地建设费免征", "Civil air defence basement fee waived", Facility;
    UtilityElectricity = "utility_electricity", "用电按居民合表电价", "Electricity at the household price", Facility;
    UtilityGas = "utility_gas", "用气按居民第一档气价", "Gas at the household price", Facility;
    UtilityWater = "utility_water", "用水按居民生活用水价格", "Water at the household price", Facility;
    UtilityBroadband = "utility_broadband", "宽带按家庭住宅价格", "Broadband at the household price", Facility;
}

impl std::fmt::Display for LineId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of [`LineId::from_str`](std::str::FromStr::from_str): no line has this id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLineId(pub String);

impl std::fmt::Display for UnknownLineId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown line id \"{}\": the ids are listed by LineId::ALL (SPEC §9)",
            self.0
        )
    }
}

impl std::error::Error for UnknownLineId {}

impl std::str::FromStr for LineId {
    type Err = UnknownLineId;
    fn from_str(s: &str) -> Result<LineId, UnknownLineId> {
        LineId::from_id(s).ok_or_else(|| UnknownLineId(s.to_string()))
    }
}

impl PartialEq<str> for LineId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for LineId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

crate::open::open_names!(LineId, LineId::from_id, "a line id, e.g. \"vat_exemption\"");

/// What a line computes and on which article, written once next to the rule it describes (each
/// line's module holds its own): what `tuoyu explain` prints and the page shows.
///
/// ```
/// use calc_core::LineId;
/// let doc = LineId::CitIncomeReduction.doc();
/// assert!(doc.quote_zh.contains("减按90%计入收入总额"));
/// assert!(doc.formula.contains("national.community.income_inclusion_ratio"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct LineDoc {
    /// The article (document and article number), zh / en.
    pub article: &'static str,
    /// The article's words, in Chinese: the law's text, quoted (`……` marks words left out).
    pub quote_zh: &'static str,
    /// An English rendering of [`quote_zh`](LineDoc::quote_zh) made for this program, to help a
    /// reader: **not an official translation** (there is none); the Chinese text is the law.
    /// Show it marked as such, e.g. with [`LineDoc::UNOFFICIAL_EN`].
    pub quote_en: &'static str,
    /// What the line computes, in Chinese.
    pub computes_zh: &'static str,
    /// What the line computes, in English.
    pub computes_en: &'static str,
    /// The formula, naming the parameters by id.
    pub formula: &'static str,
}

impl LineDoc {
    /// The text of a line this version does not know ([`LineId::Other`]): it says so.
    pub const UNKNOWN: LineDoc = LineDoc {
        article: "",
        quote_zh: "",
        quote_en: "",
        computes_zh: "本版本的 calc-core 不认识这一行（由更新的版本写出），没有它的条文",
        computes_en: "A line of a later version of calc-core: this version has no text for it.",
        formula: "",
    };

    /// The mark to show with [`quote_en`](LineDoc::quote_en), in English and in Chinese: the
    /// English words are this program's rendering, not an official translation.
    ///
    /// ```
    /// use calc_core::{LineDoc, LineId};
    ///
    /// let doc = LineId::DeedTax.doc();
    /// let shown = format!("\"{}\" ({})", doc.quote_en, LineDoc::UNOFFICIAL_EN.1);
    /// assert!(shown.ends_with("(unofficial translation, not the official text)"));
    /// ```
    pub const UNOFFICIAL_EN: (&'static str, &'static str) = (
        "非官方译文，以中文原文为准",
        "unofficial translation, not the official text",
    );
}

impl LineId {
    /// What the line computes and on which article: the law text, written once in the line's
    /// module next to the rule it describes. `tuoyu explain` prints it; the page shows it.
    ///
    /// ```
    /// use calc_core::LineId;
    ///
    /// let doc = LineId::VatExemption.doc();
    /// assert_eq!(doc.article, "一（一） / art.1(1)");
    /// assert_eq!(doc.quote_zh, "提供社区养老、托育、家政服务取得的收入，免征增值税。");
    /// // The formula names the parameters it reads by their ids.
    /// assert!(doc.formula.contains("national.vat.general_rate"));
    /// // Every line has one.
    /// assert!(LineId::ALL.iter().all(|l| !l.doc().computes_en.is_empty()));
    /// ```
    #[must_use]
    pub fn doc(self) -> &'static LineDoc {
        match self {
            LineId::VatExemption => &vat::DOC,
            LineId::VatSurcharges => &surcharges::DOC,
            LineId::CitIncomeReduction => &cit::DOC,
            LineId::PropertyTax => &property::DOC,
            LineId::PropertyTaxLeased => &property::DOC_LEASED,
            LineId::LandUseTax => &land_use::DOC,
            LineId::LandUseTaxLeased => &land_use::DOC_LEASED,
            LineId::DeedTax => &deed::DOC,
            LineId::RegistrationFee => &fees::DOC_REGISTRATION,
            LineId::FarmlandReclamationFee => &fees::DOC_FARMLAND_RECLAMATION,
            LineId::LandReclamationFee => &fees::DOC_LAND_RECLAMATION,
            LineId::LandIdleFee => &fees::DOC_LAND_IDLE,
            LineId::InfrastructureFee => &fees::DOC_INFRASTRUCTURE,
            LineId::AirDefenceFee => &fees::DOC_AIR_DEFENCE,
            LineId::UtilityElectricity => &utilities::DOC_ELECTRICITY,
            LineId::UtilityGas => &utilities::DOC_GAS,
            LineId::UtilityWater => &utilities::DOC_WATER,
            LineId::UtilityBroadband => &utilities::DOC_BROADBAND,
            LineId::Other(_) => &LineDoc::UNKNOWN,
        }
    }
}

/// How a preference is claimed in practice, next to the article it implements, with where that
/// is written and how sure it is (most procedures were not found in the texts: said so).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Procedure {
    pub zh: &'static str,
    pub en: &'static str,
    pub document: &'static str,
    /// The document's title in English.
    pub title_en: &'static str,
    pub article: &'static str,
    /// The article in English (this program's rendering, not an official translation).
    pub article_en: &'static str,
    pub url: Option<&'static str>,
    /// Why there is no `url` (every procedure has one or the other).
    pub url_note: Option<&'static str>,
    pub confidence: crate::params::Confidence,
}

/// The procedure of a line this version does not know ([`LineId::Other`]): it says so.
const UNKNOWN_HOW_TO_CLAIM: Procedure = Procedure {
    zh: "本版本的 calc-core 不认识这一行（由更新的版本写出），没有它的办理方式",
    en: "A line of a later version of calc-core: this version does not know how it is claimed.",
    document: "tuoyu",
    title_en: "tuoyu",
    article: "—",
    article_en: "—",
    url: None,
    url_note: Some("本版本不认识的行 / a line this version does not know"),
    confidence: crate::params::Confidence::Unverified,
};

impl Procedure {
    pub fn to_output(self) -> crate::statement::HowToClaim {
        crate::statement::HowToClaim {
            zh: self.zh.into(),
            en: self.en.into(),
            source: crate::params::Citation {
                document: self.document.into(),
                title_en: Some(self.title_en.into()),
                article: self.article.into(),
                article_en: Some(self.article_en.into()),
                published: None,
                url: self.url.map(Into::into),
                url_note: self.url_note.map(Into::into),
            },
            confidence: self.confidence,
        }
    }
}

impl LineId {
    /// How the line's preference is claimed (data in the line's module).
    pub(crate) fn how_to_claim(self) -> Procedure {
        match self {
            LineId::VatExemption | LineId::VatSurcharges => vat::HOW_TO_CLAIM,
            LineId::CitIncomeReduction => cit::HOW_TO_CLAIM,
            LineId::PropertyTax | LineId::PropertyTaxLeased => property::HOW_TO_CLAIM,
            LineId::LandUseTax | LineId::LandUseTaxLeased => land_use::HOW_TO_CLAIM,
            LineId::DeedTax => deed::HOW_TO_CLAIM,
            LineId::RegistrationFee
            | LineId::FarmlandReclamationFee
            | LineId::LandReclamationFee
            | LineId::LandIdleFee
            | LineId::InfrastructureFee
            | LineId::AirDefenceFee => fees::HOW_TO_CLAIM,
            LineId::UtilityElectricity
            | LineId::UtilityGas
            | LineId::UtilityWater
            | LineId::UtilityBroadband => utilities::HOW_TO_CLAIM,
            LineId::Other(_) => UNKNOWN_HOW_TO_CLAIM,
        }
    }
}

/// Records the explanation of a line. Without an explanation (claim verification, amounts
/// only) nothing but the reasons is kept: the closures that format steps, notes and warnings are
/// never called, and the trace is two words, cheap to move.
#[derive(Debug, Clone, Default)]
pub(crate) struct Trace {
    /// Why a line does not apply (kept in every mode: verification reports them).
    pub reasons: Vec<Reason>,
    /// The explanation, when one is being built.
    pub x: Option<Box<Explained>>,
}

/// The explanation parts of a [`Trace`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Explained {
    pub steps: Vec<Text>,
    pub params: Vec<ParamUse>,
    pub warnings: Vec<Text>,
    pub notes: Vec<Text>,
    pub basis: Vec<Basis>,
    /// The index in `notes` of the last note that says why the value is 0 ([`Trace::note_zero`]).
    pub zero_note: Option<usize>,
}

fn text((zh, en): (String, String)) -> Text {
    Text { zh, en }
}

impl Trace {
    /// A trace that explains (`explain`) or only keeps reasons.
    pub fn new(explain: bool) -> Trace {
        Trace {
            reasons: Vec::new(),
            x: explain.then(Box::default),
        }
    }
    /// Whether an explanation is being built.
    pub fn on(&self) -> bool {
        self.x.is_some()
    }
    pub fn step(&mut self, f: impl FnOnce() -> (String, String)) {
        if let Some(x) = &mut self.x {
            x.steps.push(text(f()));
        }
    }
    pub fn note(&mut self, f: impl FnOnce() -> (String, String)) {
        if let Some(x) = &mut self.x {
            x.notes.push(text(f()));
        }
    }
    /// A note that says why the value (or a part of it) is 0: the last one is the line's
    /// `zero_reason` when it applies and is worth 0.00.
    pub fn note_zero(&mut self, f: impl FnOnce() -> (String, String)) {
        if let Some(x) = &mut self.x {
            x.zero_note = Some(x.notes.len());
            x.notes.push(text(f()));
        }
    }
    pub fn warn(&mut self, f: impl FnOnce() -> (String, String)) {
        if let Some(x) = &mut self.x {
            x.warnings.push(text(f()));
        }
    }
    /// The notes so far (none without an explanation).
    pub fn notes_len(&self) -> usize {
        self.x.as_ref().map_or(0, |x| x.notes.len())
    }
    /// The first basis entry, if any.
    pub fn first_basis(&self) -> Option<Basis> {
        self.x.as_ref().and_then(|x| x.basis.first().cloned())
    }
    /// Sets the basis when explaining and none is set yet.
    pub fn basis_if_empty(&mut self, f: impl FnOnce() -> Vec<Basis>) {
        if let Some(x) = &mut self.x {
            if x.basis.is_empty() {
                x.basis = f();
            }
        }
    }
    /// The explanation parts (empty without an explanation).
    pub fn explained(self) -> Explained {
        self.x.map(|b| *b).unwrap_or_default()
    }
    pub fn reason(&mut self, zh: String, en: String, basis: Option<Basis>) {
        self.reasons.push(Reason { zh, en, basis });
    }
    pub fn param(&mut self, f: &Found<'_>) {
        let Some(x) = &mut self.x else {
            return;
        };
        let id = f.name;
        if x.params
            .iter()
            .any(|p| p.id == id && p.valid_from == f.entry.valid_from)
        {
            return;
        }
        x.params.push(ParamUse {
            id: id.to_string(),
            value: f.entry.value.to_json(),
            valid_from: f.entry.valid_from,
            valid_to: f.entry.valid_to,
            source: f.entry.citation.clone(),
            confidence: f.entry.confidence,
            overridden: f.overridden,
            scenario: f.scenario,
        });
    }
}

/// A computed line before it becomes a [`crate::statement::Line`].
#[derive(Debug, Clone)]
pub(crate) struct LineOut {
    pub id: LineId,
    pub status: Status,
    pub amount: Decimal,
    pub base: Option<Decimal>,
    pub t: Trace,
}

impl LineOut {
    pub fn new(id: LineId, explain: bool) -> Self {
        LineOut {
            id,
            status: Status::Applies,
            amount: Decimal::ZERO,
            base: None,
            t: Trace::new(explain),
        }
    }

    pub fn not_applicable(mut self, zh: &str, en: &str) -> Self {
        self.set_not_applicable(zh, en);
        self
    }

    pub fn set_not_applicable(&mut self, zh: &str, en: &str) {
        self.not_applicable_because(|| (zh.to_string(), en.to_string()));
    }

    /// `not_applicable`, with a note formatted only when explaining.
    pub fn not_applicable_because(&mut self, f: impl FnOnce() -> (String, String)) {
        self.status = Status::NotApplicable;
        self.t.note(f);
    }

    pub fn mark_missing(&mut self, path: &str) {
        self.status = Status::MissingInput;
        self.t.reason(
            format!("缺少输入：{path}"),
            format!("missing input: {path}"),
            None,
        );
    }

    /// Sets the amount from the exact value, rounding once.
    pub fn set_amount(&mut self, exact: &Exact, path: &str) -> Result<(), Error> {
        self.amount = exact.rounded().or_overflow(path)?;
        Ok(())
    }
}

/// What every line of one request shares.
pub(crate) struct Ctx<'a> {
    pub req: &'a Request,
    pub p: Params<'a>,
    pub year: i32,
    pub explain: bool,
    /// Claim verification: the VAT and CIT lines stop at their bases (`R`, the reduction),
    /// which is all a claim is compared with; the taxes themselves are not computed.
    pub base_only: bool,
    /// Months inside a community window.
    pub eligible: [bool; 12],
    pub em: u32,
    /// Community-window entries overlapping the year.
    pub windows: std::borrow::Cow<'a, [Found<'a>]>,
    /// Failed conditions of art.三.
    pub failed: Vec<Reason>,
    /// 六税两费 reduction of each month (0 where none), and the parameter behind it.
    pub reduction: [Decimal; 12],
    pub reduction_src: [Option<Found<'a>>; 12],
    /// The `not_in_force` reason of the year, built when first needed.
    year_not_in_force: std::cell::OnceCell<Reason>,
    /// What every request of the year shares, when the parameters are the built-in ones.
    plan: Option<&'static YearPlan>,
    /// For the VAT lines of a declared nursery: the VAT Law art.24(7) basis (SPEC §12.2).
    pub vat_law: Option<VatLawBasis<'a>>,
}

/// The VAT Law art.24(7) basis of the VAT lines (SPEC §12.2): the months it covers, its window,
/// and whether the community basis holds too (else why not, for a note).
#[derive(Debug, Clone)]
pub(crate) struct VatLawBasis<'a> {
    /// The window entry (`vat_law_24_7`).
    pub window: Found<'a>,
    /// Whether the community preferences also reach these months (conditions met, in force).
    pub community: bool,
    /// Why the community basis does not hold (empty when it does).
    pub community_failed: Vec<Reason>,
}

/// The years whose month bounds are tabulated (the years a request may name).
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The first and last day of every month of every year in [`YEARS`], computed once.
fn month_table() -> &'static [[(NaiveDate, NaiveDate); 12]] {
    static TABLE: std::sync::OnceLock<Vec<[(NaiveDate, NaiveDate); 12]>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        YEARS
            .map(|y| std::array::from_fn(|m| (compute_month_start(y, m), compute_month_end(y, m))))
            .collect()
    })
}

fn month_bounds(year: i32, m: usize) -> Option<(NaiveDate, NaiveDate)> {
    let i = usize::try_from(year.checked_sub(*YEARS.start())?).ok()?;
    month_table().get(i)?.get(m).copied()
}

pub(crate) fn month_start(year: i32, m: usize) -> NaiveDate {
    month_bounds(year, m).map_or_else(|| compute_month_start(year, m), |b| b.0)
}

pub(crate) fn month_end(year: i32, m: usize) -> NaiveDate {
    month_bounds(year, m).map_or_else(|| compute_month_end(year, m), |b| b.1)
}

fn compute_month_start(year: i32, m: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, m as u32 + 1, 1).unwrap_or(NaiveDate::MIN)
}

fn compute_month_end(year: i32, m: usize) -> NaiveDate {
    let next = if m == 11 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, m as u32 + 2, 1)
    };
    next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MIN)
}

/// What every request of a year shares when it overrides no parameter: the community windows,
/// the eligible months and the 六税两费 reductions for each kind of taxpayer. Built once per
/// year and reused by every request of that year.
struct YearPlan {
    year: i32,
    windows: Vec<Found<'static>>,
    eligible: [bool; 12],
    /// Indexed by `small_scale as usize | (slpe as usize) << 1`.
    reductions: [Reductions<'static>; 4],
    /// The year's `not_in_force` reason, built when first needed.
    not_in_force: std::sync::OnceLock<Reason>,
    /// The eligible months grouped by the entry in force, per parameter, built when first needed.
    groups: Vec<std::sync::OnceLock<Result<MonthGroups, Error>>>,
}

type MonthGroups = Vec<(Found<'static>, [bool; 12])>;

type Reductions<'a> = ([Decimal; 12], [Option<Found<'a>>; 12]);

impl YearPlan {
    fn cached(year: i32) -> Option<&'static YearPlan> {
        static PLANS: std::sync::OnceLock<Vec<std::sync::OnceLock<YearPlan>>> =
            std::sync::OnceLock::new();
        let i = usize::try_from(year.checked_sub(*YEARS.start())?).ok()?;
        let slot = PLANS
            .get_or_init(|| YEARS.map(|_| std::sync::OnceLock::new()).collect())
            .get(i)?;
        Some(slot.get_or_init(|| {
            let p = Params::new(crate::params::Store::embedded(), &[]);
            let (windows, eligible) = community_months(&p, year);
            YearPlan {
                year,
                windows,
                eligible,
                reductions: std::array::from_fn(|k| reductions(&p, year, k & 1 == 1, k & 2 == 2)),
                not_in_force: std::sync::OnceLock::new(),
                groups: ParamId::ALL
                    .iter()
                    .map(|_| std::sync::OnceLock::new())
                    .collect(),
            }
        }))
    }
}

/// The eligible months of `year` grouped by the entry of `id` in force in them.
fn month_groups<'a>(
    p: &Params<'a>,
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
                groups.push((p.at(id, d)?, [false; 12]));
                groups.len() - 1
            }
        };
        groups[g].1[m] = true;
    }
    Ok(groups)
}

impl YearPlan {
    /// The eligible months grouped by the entry of `id` in force in them.
    fn groups(&self, id: ParamId) -> Result<&[(Found<'static>, [bool; 12])], Error> {
        let p = Params::new(crate::params::Store::embedded(), &[]);
        match self
            .groups
            .get(id as usize)
            .map(|g| g.get_or_init(|| month_groups(&p, self.year, &self.eligible, id)))
        {
            Some(Ok(g)) => Ok(g),
            Some(Err(e)) => Err(e.clone()),
            None => Err(Error::no_parameter(id.as_str(), month_start(self.year, 0))),
        }
    }
}

/// The community windows overlapping `year` and the months they cover.
fn community_months<'a>(p: &Params<'a>, year: i32) -> (Vec<Found<'a>>, [bool; 12]) {
    let windows: Vec<Found<'a>> = p
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

/// The 六税两费 reduction of each month of `year` (0 where none) and the parameter behind it.
fn reductions<'a>(p: &Params<'a>, year: i32, small_scale: bool, slpe: bool) -> Reductions<'a> {
    let mut reduction = [Decimal::ZERO; 12];
    let mut reduction_src: [Option<Found<'a>>; 12] = [None; 12];
    for m in 0..12 {
        let d = month_start(year, m);
        let a = if small_scale {
            p.find(ParamId::SmallScaleReduction, d)
        } else {
            None
        };
        let b = if slpe {
            p.find(ParamId::SlpeReduction, d)
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

/// Formats a decimal for the steps: trailing zeros removed.
pub(crate) fn n(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Formats a rounded amount with two decimals.
pub(crate) fn y(d: Decimal) -> String {
    round_money(d).to_string()
}

/// Formats a rate as a percentage: 0.06 → `6%`.
///
/// Never panics: a rate too large to multiply by 100 (an extreme override) is written `d × 100%`.
pub(crate) fn pct(d: Decimal) -> String {
    match d.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", p.normalize()),
        None => format!("{} × 100%", d.normalize()),
    }
}

impl<'a> Ctx<'a> {
    pub fn new(req: &'a Request, p: Params<'a>, explain: bool) -> Ctx<'a> {
        let year = req.year;
        let (small_scale, slpe) = match &req.taxpayer {
            Some(t) => (
                t.vat == Some(VatKind::SmallScale),
                t.small_low_profit == Some(true),
            ),
            None => (false, false),
        };
        let plan = if p.is_embedded() {
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
                let (windows, eligible) = community_months(&p, year);
                (
                    std::borrow::Cow::Owned(windows),
                    eligible,
                    reductions(&p, year, small_scale, slpe),
                )
            }
        };
        let em = eligible.iter().filter(|e| **e).count() as u32;
        let mut ctx = Ctx {
            req,
            p,
            year,
            explain,
            base_only: false,
            eligible,
            em,
            windows,
            failed: Vec::new(),
            reduction,
            reduction_src,
            year_not_in_force: std::cell::OnceCell::new(),
            plan,
            vat_law: None,
        };
        ctx.failed = ctx.eligibility();
        ctx
    }

    /// The context of the VAT lines of a facility that declares itself a nursery under VAT Law
    /// art.24(7) (SPEC §12.2), when that basis reaches a month of the year: the months are
    /// those of the community preferences when their conditions hold, or of the statute's window
    /// — without the community conditions or windows. `None` otherwise (the community context
    /// serves as it is). The statement's `eligible_months` stay the community's.
    pub fn for_vat_law(&self) -> Option<Ctx<'a>> {
        if self.req.facility.nursery_vat_law != Some(true) {
            return None;
        }
        let mut months = [false; 12];
        let mut window = None;
        for (m, covered) in months.iter_mut().enumerate() {
            if let Some(f) = self
                .p
                .find(ParamId::VatLawNurseryExemption, month_start(self.year, m))
                .filter(Found::flag)
            {
                *covered = true;
                window.get_or_insert(f);
            }
        }
        let window = window?;
        let community = self.em > 0 && self.failed.is_empty();
        if community {
            for (m, e) in months.iter_mut().zip(&self.eligible) {
                *m |= *e;
            }
        }
        let community_failed = if community {
            Vec::new()
        } else if self.em == 0 {
            vec![self.year_not_in_force()]
        } else {
            self.failed.clone()
        };
        Some(Ctx {
            req: self.req,
            p: self.p,
            year: self.year,
            explain: self.explain,
            base_only: self.base_only,
            eligible: months,
            em: count(&months),
            windows: self.windows.clone(),
            failed: Vec::new(),
            reduction: self.reduction,
            reduction_src: self.reduction_src,
            year_not_in_force: std::cell::OnceCell::new(),
            // The year plan holds the community months: not these.
            plan: None,
            vat_law: Some(VatLawBasis {
                window,
                community,
                community_failed,
            }),
        })
    }

    /// The basis of a VAT line: the community articles that hold, and VAT Law art.24(7) when
    /// it is the (or a further) basis.
    pub fn vat_basis(&self) -> Vec<Basis> {
        let Some(law) = &self.vat_law else {
            return self.basis_for("一（一）");
        };
        let mut out = if law.community {
            self.basis_for("一（一）")
        } else {
            Vec::new()
        };
        out.push(Basis {
            document: law.window.entry.citation.document.clone(),
            title_en: law.window.entry.citation.title_en.clone(),
            article: "第二十四条第（七）项 / art.24(7)".into(),
            article_en: Some("art. 24(7)".into()),
            window: Some(Window {
                from: law.window.entry.valid_from,
                to: law.window.entry.valid_to,
                scenario: false,
            }),
        });
        out
    }

    /// What a VAT line on the VAT Law basis says of it: that the program does not check the
    /// nursery status, and — when only this basis holds — why the community one does not.
    pub fn vat_law_explanation(&self, out: &mut LineOut) {
        let Some(law) = &self.vat_law else { return };
        out.t.warn(|| {
            (
                "按《增值税法》第二十四条第（七）项计算：机构自行声明为托儿所（facility.nursery_vat_law），本程序无法核实；仅在卫生健康部门备案的0—3岁托育机构是否属于“托儿所”，尚待《增值税法实施条例》（国务院令第826号）的界定".into(),
                "computed on VAT Law art.24(7): the facility declares itself a nursery (facility.nursery_vat_law), which the program cannot check; whether a 0–3 facility filed only with the health commission is a nursery in the statute's sense depends on the Implementing Regulations (State Council Decree 826)".into(),
            )
        });
        if !law.community {
            for r in &law.community_failed {
                out.t.note(|| {
                    (
                        format!("社区托育优惠不适用（{}），本行仅依据《增值税法》第二十四条第（七）项", r.zh),
                        format!("the community preference does not hold ({}): this line rests on VAT Law art.24(7) alone", r.en),
                    )
                });
            }
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
        let basis = self.basis_for("三");
        if !f.community_based {
            out.push(Reason {
                zh: "未在社区依托固定场所设施提供托育服务（facility.community_based 为 false）".into(),
                en: "care is not provided from fixed premises in a community (facility.community_based is false)".into(),
                basis: basis.first().cloned(),
            });
        }
        match f.legal_form {
            LegalForm::Enterprise | LegalForm::PublicInstitution | LegalForm::SocialOrganization => {}
            LegalForm::IndividualBusiness => out.push(Reason {
                zh: "个体工商户不属于“企业、事业单位和社会组织”".into(),
                en: "an individual business is not an enterprise, public institution or social organisation".into(),
                basis: basis.first().cloned(),
            }),
            LegalForm::Other => out.push(Reason {
                zh: "举办者不是企业、事业单位或社会组织".into(),
                en: "the operator is not an enterprise, public institution or social organisation".into(),
                basis: basis.first().cloned(),
            }),
        }
        out
    }

    /// Basis entries for a community article, one per window touching the year (or the whole
    /// series when none does, so a `not_in_force` line still cites the documents).
    pub fn basis_for(&self, article: &str) -> Vec<Basis> {
        let list = if self.windows.is_empty() {
            self.p.entries(ParamId::CommunityInForce)
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
        out.t.basis_if_empty(|| self.basis_for(article));
        out
    }

    /// Whether `date` lies in a community window.
    pub fn in_window(&self, date: NaiveDate) -> bool {
        self.p
            .find(ParamId::CommunityInForce, date)
            .is_some_and(|f| f.flag())
    }

    /// The `not_in_force` reason for the assessed year (or for a date).
    pub fn not_in_force(&self, out: &mut LineOut, date: Option<NaiveDate>) {
        out.status = Status::NotInForce;
        if date.is_none() && self.em == 0 && !self.explain {
            // The year's reason is the community's (`Computed::community`): not copied here.
            return;
        }
        let reason = match date {
            None => self.year_not_in_force(),
            Some(_) => self.not_in_force_reason(date),
        };
        out.t.reasons.push(reason);
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
        let all = self.p.entries(ParamId::CommunityInForce);
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
        let basis = self.basis_for("一");
        let before_first =
            first.is_some_and(|f| when < f || (date.is_none() && self.year < f.year()));
        let (zh, en) = match (first, last) {
            (Some(f), _) if before_first => (
                format!("社区托育税费优惠自 {f} 起执行，{}不在执行期内", self.when_zh(date)),
                format!("the community childcare preferences start on {f}; {} is before that", self.when_en(date)),
            ),
            (_, Some(l)) if when > l || (date.is_none() && self.year > l.year()) => (
                format!("社区托育税费优惠已于 {l} 到期（可能延续，请关注新公告），{}不在执行期内", self.when_zh(date)),
                format!("the community childcare preferences ended on {l} and may be extended; {} is after that", self.when_en(date)),
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
            basis: if before_first {
                basis.first().cloned()
            } else {
                basis.last().cloned()
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
            out.t.reasons.extend(self.failed.iter().cloned());
        }
    }

    /// The common gate of the community lines: `not_in_force` when the year has no eligible
    /// month, `not_eligible` when a condition fails. Returns whether to go on.
    ///
    /// Without an explanation the reasons are left to `Computed::community`, as in
    /// [`Ctx::not_eligible`].
    pub fn gate(&self, out: &mut LineOut) -> bool {
        if self.em == 0 {
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
            out.t.warn(|| {
                (
                    "机构未向区卫生健康部门备案：税收条文不以备案为条件，但区实施方案四（十三）要求备案，享受优惠前请完成备案".into(),
                    "the facility has not filed with the health commission: the tax texts do not require it, but the district plan (§4(13)) does; file before claiming".into(),
                )
            });
        }
    }

    /// Records the reduction parameters used over `months` and returns Σ (1 − reduction) over them.
    pub fn keep_share(&self, months: &[bool; 12], t: &mut Trace) -> Decimal {
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
                    t.param(f);
                }
            }
        }
        sum
    }

    /// Whether a 六税两费 reduction applies in any of `months`.
    pub fn reduced_in(&self, months: &[bool; 12]) -> bool {
        (0..12).any(|m| months[m] && !self.reduction[m].is_zero())
    }

    /// The warning of a line that applied a 六税两费 reduction in some of `months` (none when it
    /// applied none), from the weakest parameter value behind it: an unverified value (the years
    /// each province chose its rate) → Yunnan's notice was not found; a secondary one (the
    /// national halving from 2023) → the document it rests on; a verified one → no warning.
    pub fn reduction_warning(&self, months: &[bool; 12], t: &mut Trace) {
        let weakest = (0..12)
            .filter(|&m| months[m] && !self.reduction[m].is_zero())
            .filter_map(|m| self.reduction_src[m].as_ref())
            .min_by_key(|f| f.entry.confidence);
        let Some(f) = weakest else {
            return;
        };
        match f.entry.confidence {
            crate::params::Confidence::Verified => {}
            crate::params::Confidence::Unverified => t.warn(|| {
                (
                    "按“六税两费”减半计算：云南省执行比例未见原文（参数置信度：未核实）".into(),
                    "halved under the 'six taxes and two surcharges' reduction: Yunnan's notice was not found (parameter unverified)".into(),
                )
            }),
            c @ crate::params::Confidence::Secondary => t.warn(|| {
                let cite = &f.entry.citation;
                (
                    format!("按“六税两费”减半计算：{}（参数置信度：{}）", cite.document, c.zh()),
                    format!(
                        "halved under the 'six taxes and two surcharges' reduction: {}; parameter {}",
                        cite.title_en.as_deref().unwrap_or(&cite.document),
                        c.as_str()
                    ),
                )
            }),
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
            None => std::borrow::Cow::Owned(month_groups(&self.p, self.year, &self.eligible, id)?),
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

    /// Adds the notes about VAT Law art.24(7) (SPEC §1, §11).
    pub fn vat_law_note(&self, out: &mut LineOut) {
        if out.status == Status::NotApplicable || self.year < 2026 || self.vat_law.is_some() {
            return;
        }
        let text = || {
            (
                "《增值税法》第二十四条第（七）项自2026年1月1日起对托儿所、幼儿园提供的育养服务免征增值税；仅在卫生健康部门备案的0—3岁托育机构是否适用，尚待《增值税法实施条例》（国务院令第826号）的界定".to_string(),
                "VAT Law art.24(7) exempts the nurturing services of nurseries and kindergartens from 2026-01-01; whether a 0–3 facility filed only with the health commission is covered depends on the Implementing Regulations (State Council Decree 826) and is unresolved".to_string(),
            )
        };
        if out.status == Status::NotInForce {
            out.t.warn(text);
        } else {
            out.t.note(text);
        }
    }
}

/// `一（一）` → `第一条第（一）项 / art.一（一）`; `二` → `第二条 / art.二`.
/// An article number of the community announcements in English: `一（一）` → `art. 1(1)`,
/// `二` → `art. 2` (`None` for a form it does not know).
pub(crate) fn article_en(article: &str) -> Option<String> {
    let (number, item) = match article.split_once('（') {
        Some((a, rest)) => (a, Some(rest.strip_suffix('）')?)),
        None => (article, None),
    };
    let number = chinese_number(number)?;
    Some(match item {
        Some(item) => format!("art. {number}({})", chinese_number(item)?),
        None => format!("art. {number}"),
    })
}

/// A Chinese numeral from 一 to 九十九.
fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as u32 + 1)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] => digit(*d).or((*d == '十').then_some(10)),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

fn article_label(article: &str) -> String {
    match article.split_once('（') {
        Some((a, item)) => format!("第{a}条第（{item}项 / art.{article}"),
        None => format!("第{article}条 / art.{article}"),
    }
}

/// Months as a count.
pub(crate) fn count(months: &[bool; 12]) -> u32 {
    months.iter().filter(|m| **m).count() as u32
}

/// A short description of the months counted, e.g. `6–12月` / `Jun–Dec`.
pub(crate) fn months_label(months: &[bool; 12]) -> (String, String) {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut zh = Vec::new();
    let mut en = Vec::new();
    let mut m = 0;
    while m < 12 {
        if months[m] {
            let s = m;
            while m + 1 < 12 && months[m + 1] {
                m += 1;
            }
            if s == m {
                zh.push(format!("{}月", s + 1));
                en.push(EN[s].to_string());
            } else {
                zh.push(format!("{}—{}月", s + 1, m + 1));
                en.push(format!("{}–{}", EN[s], EN[m]));
            }
        }
        m += 1;
    }
    if zh.is_empty() {
        return ("无".into(), "none".into());
    }
    (zh.join("、"), en.join(", "))
}

#[cfg(test)]
mod tests {
    use super::LineId;

    #[test]
    fn community_article_numbers_read_in_english() {
        use super::article_en;
        assert_eq!(article_en("一（一）").as_deref(), Some("art. 1(1)"));
        assert_eq!(article_en("一（四）").as_deref(), Some("art. 1(4)"));
        assert_eq!(article_en("二").as_deref(), Some("art. 2"));
        assert_eq!(article_en("三").as_deref(), Some("art. 3"));
        assert_eq!(article_en("十五（二十一）").as_deref(), Some("art. 15(21)"));
        assert_eq!(article_en("二十").as_deref(), Some("art. 20"));
        assert_eq!(article_en("第二条"), None);
        assert_eq!(article_en("一（一"), None);
        assert_eq!(article_en(""), None);
    }

    #[test]
    fn every_procedure_says_where_its_text_is_or_why_not() {
        for l in LineId::ALL {
            let h = l.how_to_claim().to_output();
            assert!(
                h.source.url.is_some() || h.source.url_note.is_some(),
                "{}: the procedure needs a url or a url_note",
                l.as_str()
            );
        }
    }
}
