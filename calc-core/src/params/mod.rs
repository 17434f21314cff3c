//! Parameters: every figure the calculations use, as dated, cited series.
//!
//! The figures live in `calc-core/data/parameters.toml`, embedded at compile time and checked
//! when first used (and by the tests): every value carries a window, a citation and a
//! [`Confidence`]; windows of a series never overlap; every id is one the code knows
//! ([`ParamId`]) and every id the code knows is there. A lookup on a date outside every window of
//! a series is an [`Error`], never a default.
//!
//! A request may override a parameter by id (`"parameters": {"yunnan.property_tax.deduction_ratio":
//! "0.25"}`): the override replaces the whole series for that request and every use of it is
//! marked `overridden`.

mod ids;
mod load;

pub use ids::{Level, ParamId};
pub use load::LoadError;

use crate::error::Error;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// How far a figure has been checked against its source (from `docs/RESEARCH.md`), weakest
/// first.
///
/// Written and read as its name (`"verified"`). In an output (a statement's parameters, a
/// procedure), a confidence of a later version reads as [`Confidence::Other`] — ordered before
/// every level of this version, as the weakest: this version cannot vouch for a level it does
/// not know — and is written back as it was ([`crate::open`]). A parameter file or region pack
/// (an input) must use this version's names.
///
/// ```
/// use calc_core::params::Confidence;
///
/// let c: Confidence = serde_json::from_str("\"secondary\"")?;
/// assert!(Confidence::Unverified < c && c < Confidence::Verified);
/// let later: Confidence = serde_json::from_str("\"court_tested\"")?;
/// assert!(matches!(later, Confidence::Other(_)) && later < Confidence::Unverified);
/// assert_eq!(serde_json::to_string(&later)?, "\"court_tested\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Confidence {
    /// A confidence of a later version, read from its output: its name as written. calc-core
    /// never gives it, and its parameter files and packs refuse it.
    Other(crate::open::Unknown),
    /// Not checked against any source, or an inference (RESEARCH.md `[U]`).
    Unverified,
    /// A secondary summary or a transcription of the official text (`[S]`).
    Secondary,
    /// Wording seen verbatim in a repost of the official text (`[V]`).
    Verified,
}

crate::open::open_names!(
    Confidence,
    Confidence::from_name,
    "a confidence, e.g. \"verified\""
);

impl Confidence {
    /// Every confidence this version gives, weakest first.
    pub const ALL: [Confidence; 3] = [
        Confidence::Unverified,
        Confidence::Secondary,
        Confidence::Verified,
    ];

    /// The confidence named `name` (this version's names only).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Confidence> {
        Confidence::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// The confidence as its JSON name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Unverified => "unverified",
            Confidence::Secondary => "secondary",
            Confidence::Verified => "verified",
            Confidence::Other(u) => u.as_str(),
        }
    }
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Confidence::Unverified => "未核实",
            Confidence::Secondary => "二手来源",
            Confidence::Verified => "已核实",
            Confidence::Other(u) => u.as_str(),
        }
    }
}

/// Where a figure comes from.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// The document (number and title), e.g. `财政部 税务总局公告2026年第7号`.
    pub document: String,
    /// The document's title in English, e.g. `MOF/STA/… Announcement No. 7 of 2026`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// The article or passage.
    pub article: String,
    /// The article's number (and, for a passage, what it says) in English, where calc-core has
    /// it; an English rendering of a passage is this program's, not an official translation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article_en: Option<String>,
    /// Publication date, where known (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// A URL of the cited text (official, or else a faithful repost), where one is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Why there is no `url` (no public text found, an assumption of this program, …), or what
    /// the `url` does not cover. Every value of the parameter data has a `url`, a `url_note` or
    /// both (the loader refuses it otherwise); a request's override has neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_note: Option<String>,
}

/// One segment of a marginal scale: `rate` applies to the part of the base up to `up_to`
/// (`None`: no upper bound).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bracket {
    /// Upper bound of the segment, inclusive; `None` for the last, open segment.
    pub up_to: Option<Decimal>,
    /// Rate applied to the part of the base inside the segment.
    pub rate: Decimal,
}

/// The value of a parameter in one window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A decimal figure: a rate, an amount, a count.
    Decimal(Decimal),
    /// A yes/no rule (a window in force, a threshold inclusive).
    Flag(bool),
    /// A marginal scale, brackets in ascending order.
    Schedule(Vec<Bracket>),
    /// An inclusive range.
    Band {
        /// Lower bound, inclusive.
        min: Decimal,
        /// Upper bound, inclusive.
        max: Decimal,
    },
    /// A table indexed from 1 (e.g. a fee by kindergarten grade).
    Table(Vec<Decimal>),
}

impl Value {
    /// The value in the JSON shape overrides use: a string for a decimal, a boolean, `[[upper
    /// bound or null, rate], …]` for a schedule, `[min, max]` for a band, an array for a table.
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        let d = |x: &Decimal| J::String(x.normalize().to_string());
        match self {
            Value::Decimal(x) => d(x),
            Value::Flag(b) => J::Bool(*b),
            Value::Schedule(bs) => J::Array(
                bs.iter()
                    .map(|b| J::Array(vec![b.up_to.as_ref().map_or(J::Null, d), d(&b.rate)]))
                    .collect(),
            ),
            Value::Band { min, max } => J::Array(vec![d(min), d(max)]),
            Value::Table(t) => J::Array(t.iter().map(d).collect()),
        }
    }

    /// The value written for people, e.g. `0.06`, `[0–1000000: 0.05, >1000000: 0.10]`.
    #[must_use]
    pub fn display(&self) -> String {
        match self {
            Value::Decimal(x) => x.normalize().to_string(),
            Value::Flag(b) => b.to_string(),
            Value::Schedule(bs) => {
                let mut out = String::from("[");
                let mut lo = Decimal::ZERO;
                for (i, b) in bs.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    let rate = format!("{}%", (b.rate * Decimal::ONE_HUNDRED).normalize());
                    match b.up_to {
                        Some(u) => out.push_str(&format!("{}–{}: {rate}", lo, u.normalize())),
                        None if i == 0 => out.push_str(&rate),
                        None => out.push_str(&format!(">{lo}: {rate}")),
                    }
                    lo = b.up_to.unwrap_or(lo).normalize();
                }
                out.push(']');
                out
            }
            Value::Band { min, max } => format!("{}–{}", min.normalize(), max.normalize()),
            Value::Table(t) => t
                .iter()
                .map(|x| x.normalize().to_string())
                .collect::<Vec<_>>()
                .join(" / "),
        }
    }
}

/// One dated value of a series.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// First day of the window.
    pub valid_from: NaiveDate,
    /// Last day of the window, inclusive; `None` while open.
    pub valid_to: Option<NaiveDate>,
    /// The value in force in the window.
    pub value: Value,
    /// Where the value comes from.
    pub citation: Citation,
    /// How far the value has been checked.
    pub confidence: Confidence,
}

impl Entry {
    /// Whether `date` lies in this entry's window.
    #[must_use]
    pub fn covers(&self, date: NaiveDate) -> bool {
        date >= self.valid_from && self.valid_to.is_none_or(|to| date <= to)
    }
    /// Whether the window shares at least one day with `[from, to]`.
    #[must_use]
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.valid_from <= to && self.valid_to.is_none_or(|t| t >= from)
    }
}

/// A parameter: its id, labels, unit and dated values.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The parameter.
    pub id: ParamId,
    /// Chinese label.
    pub label_zh: String,
    /// English label.
    pub label_en: String,
    /// Unit of the values.
    pub unit: String,
    /// The values the parameter may take (checked for the file's values and for overrides).
    pub admissible: Admissible,
    /// Values ordered by `valid_from`, windows not overlapping.
    pub entries: Vec<Entry>,
}

/// The values a parameter may take, declared next to it in the parameter data (`admissible`):
/// a rate or ratio lies in [0, 1], a count is a whole number of at least 1, a table has its
/// length. Every figure of a value is checked: a decimal, each cell of a table, each rate of a
/// schedule (its bounds are amounts: never negative), both ends of a band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Admissible {
    /// Smallest admissible figure, inclusive.
    pub min: Option<Decimal>,
    /// Largest admissible figure, inclusive.
    pub max: Option<Decimal>,
    /// Whether each figure must be a whole number.
    pub integer: bool,
    /// The number of cells of a table.
    pub length: Option<usize>,
}

impl Admissible {
    /// Checks a value: `Err((zh, en))` says what is wrong, in words a user can act on.
    ///
    /// ```
    /// use calc_core::params::{all_series, Value};
    /// let ratio = all_series()
    ///     .iter()
    ///     .find(|s| s.id.as_str() == "national.community.income_inclusion_ratio")
    ///     .unwrap();
    /// assert!(ratio.admissible.check(&Value::Decimal("0.9".parse().unwrap())).is_ok());
    /// let (_, en) = ratio.admissible.check(&Value::Decimal(5.into())).unwrap_err();
    /// assert_eq!(en, "must be between 0 and 1 (inclusive); 5 is outside");
    /// ```
    ///
    /// # Errors
    /// The first figure outside the admissible values, or a table of the wrong length.
    pub fn check(&self, value: &Value) -> Result<(), (String, String)> {
        match value {
            Value::Flag(_) => Ok(()),
            Value::Decimal(d) => self.figure(*d),
            Value::Table(cells) => {
                if let Some(n) = self.length {
                    if cells.len() != n {
                        return Err((
                            format!("必须正好有 {n} 项（现有 {} 项）", cells.len()),
                            format!("must have exactly {n} entries (found {})", cells.len()),
                        ));
                    }
                }
                cells.iter().try_for_each(|c| self.figure(*c))
            }
            Value::Schedule(brackets) => brackets.iter().try_for_each(|b| self.figure(b.rate)),
            Value::Band { min, max } => {
                if min > max {
                    return Err((
                        "下限不能高于上限".into(),
                        "the lower bound must not be above the upper bound".into(),
                    ));
                }
                self.figure(*min)?;
                self.figure(*max)
            }
        }
    }

    fn figure(&self, d: Decimal) -> Result<(), (String, String)> {
        let shown = d.normalize();
        match (
            self.min.map(|x| x.normalize()),
            self.max.map(|x| x.normalize()),
        ) {
            (Some(lo), Some(hi)) if d < lo || d > hi => {
                return Err((
                    format!("必须在 {lo} 与 {hi} 之间（含两端），{shown} 超出范围"),
                    format!("must be between {lo} and {hi} (inclusive); {shown} is outside"),
                ))
            }
            (Some(lo), None) if d < lo => {
                return Err((
                    format!("不能小于 {lo}（现为 {shown}）"),
                    format!("must be at least {lo} (got {shown})"),
                ))
            }
            (None, Some(hi)) if d > hi => {
                return Err((
                    format!("不能大于 {hi}（现为 {shown}）"),
                    format!("must be at most {hi} (got {shown})"),
                ))
            }
            _ => {}
        }
        if self.integer && !d.fract().is_zero() {
            return Err((
                format!("必须是整数（现为 {shown}）"),
                format!("must be a whole number (got {shown})"),
            ));
        }
        Ok(())
    }
}

/// The validated parameter store: the national figures and, for each local figure, its generic
/// series (the national value where there is one) and the region packs that give it locally
/// (SPEC §12.6).
///
/// ```
/// use calc_core::params::{ParamId, Store, Value};
/// let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
/// let store = Store::embedded();
/// let rate = store.at(ParamId::VatGeneralRate, day)?;
/// assert!(matches!(rate.value, Value::Decimal(d) if d.to_string() == "0.06"));
/// # Ok::<(), calc_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Store {
    /// Every series as it applies in [`DEFAULT_REGION`], in [`ParamId`] order.
    series: Vec<Series>,
    /// Every series as the parameter file gives it (local figures: their national values
    /// only, often none), in [`ParamId`] order.
    generic: Vec<Series>,
    /// The region packs.
    packs: Vec<Pack>,
    /// The packs of [`DEFAULT_REGION`].
    default_region: Region,
}

/// The administrative division a request is for when it names none: 530115, 晋宁区 (Jinning
/// District, Kunming, Yunnan), the district whose plan this program was written for.
pub const DEFAULT_REGION: u32 = 530_115;

/// A region pack: the local figures of one administrative division (a file under
/// `calc-core/data/regions/`, see `docs/JURISDICTIONS.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct Pack {
    /// The division's code, e.g. `530000` (a province), `530100` (a city), `530115` (a district).
    pub code: u32,
    /// The level the code names.
    pub level: Level,
    /// Name in Chinese, e.g. `云南省`.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// The prefix of the pack's parameter ids, e.g. `yunnan` in `yunnan.deed_tax.rate`.
    pub prefix: String,
    /// The pack's series (their [`Series::id`] is the local parameter they give).
    pub series: Vec<Series>,
    /// The public id of each series (`prefix.role`), in the order of `series`.
    ids: Vec<String>,
}

impl Pack {
    /// The pack's series of `id`, with its public id.
    #[must_use]
    pub fn series_of(&self, id: ParamId) -> Option<(&Series, &str)> {
        let i = self.series.iter().position(|s| s.id == id)?;
        Some((&self.series[i], self.ids.get(i).map_or("", String::as_str)))
    }
}

/// The packs that apply to one administrative division: its province's, its city's and its
/// own (indices into the store's packs), resolved once per request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// The division code.
    pub code: u32,
    packs: [Option<u16>; 3],
}

/// Reads an administrative division code: six digits, the first two a province (11–82).
///
/// # Errors
/// What is wrong with it, in Chinese and English.
///
/// ```
/// assert_eq!(calc_core::params::region_code_of("530115"), Ok(530_115));
/// assert!(calc_core::params::region_code_of("5301").is_err());
/// ```
pub fn region_code_of(text: &str) -> Result<u32, (String, String)> {
    region_code(text)
}

pub(crate) fn region_code(text: &str) -> Result<u32, (String, String)> {
    let bad = || {
        (
            format!("“{text}”不是行政区划代码：应为 6 位数字，例如 530115（昆明市晋宁区）"),
            format!("\"{text}\" is not an administrative division code: six digits, e.g. 530115 (Jinning District, Kunming)"),
        )
    };
    if text.len() != 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let code: u32 = text.parse().map_err(|_| bad())?;
    if !(110_000..=829_999).contains(&code) {
        return Err(bad());
    }
    Ok(code)
}

/// Where a series comes from for one region.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Resolved<'a> {
    pub series: &'a Series,
    /// The public id the statement shows.
    pub name: &'a str,
    /// A local figure for which the region has no pack giving it: only national values, if any.
    pub unpacked: bool,
}

impl Store {
    /// A store from the generic series and the packs, with the default region's view built.
    fn new(generic: Vec<Series>, packs: Vec<Pack>) -> Store {
        let mut store = Store {
            series: Vec::new(),
            generic,
            packs,
            default_region: Region {
                code: DEFAULT_REGION,
                packs: [None; 3],
            },
        };
        store.default_region = store.region(DEFAULT_REGION);
        store.series = ParamId::ALL
            .iter()
            .map(|id| {
                let r = store.resolve_in(*id, store.default_region);
                let mut s =
                    r.map_or_else(|| store.generic[*id as usize].clone(), |r| r.series.clone());
                s.id = *id;
                s
            })
            .collect();
        store
    }

    /// Parses and validates a parameter file in the format of `data/parameters.toml` (no
    /// region packs: add them with [`Store::with_pack_toml`]).
    ///
    /// # Errors
    /// A [`LoadError`] naming the parameter and what is wrong: an unknown or missing id, a value
    /// without a citation, overlapping windows, a value of the wrong shape.
    #[cfg(feature = "toml")]
    pub fn from_toml(text: &str) -> Result<Store, LoadError> {
        load::load_toml(text)
    }

    /// This store with one more region pack, in the format of `data/regions/*.toml`
    /// (`docs/JURISDICTIONS.md`): how a pack is tried before it is added to the data.
    ///
    /// # Errors
    /// A [`LoadError`]: a code that is not a division code or already has a pack, a series that
    /// is not a local figure of the pack's level, a value without citation, overlapping windows.
    #[cfg(feature = "toml")]
    pub fn with_pack_toml(&self, text: &str) -> Result<Store, LoadError> {
        load::add_pack_toml(self, text)
    }

    /// Parses and validates a parameter file in its JSON form (the TOML file's structure).
    ///
    /// # Errors
    /// As [`Store::from_toml`].
    pub fn from_json(text: &str) -> Result<Store, LoadError> {
        load::load_json(text)
    }

    /// The store built into the crate.
    ///
    /// The embedded file is validated by the crate's tests; should it ever fail to load, this
    /// returns an empty store and every lookup reports the load error instead of panicking.
    #[must_use]
    pub fn embedded() -> &'static Store {
        static STORE: OnceLock<Result<Store, LoadError>> = OnceLock::new();
        static EMPTY: Store = Store {
            series: Vec::new(),
            generic: Vec::new(),
            packs: Vec::new(),
            default_region: Region {
                code: DEFAULT_REGION,
                packs: [None; 3],
            },
        };
        match STORE.get_or_init(|| load::load_static(EMBEDDED, PACKS)) {
            Ok(s) => s,
            Err(_) => &EMPTY,
        }
    }

    /// The load error of the embedded store, if it failed to load.
    #[must_use]
    pub fn embedded_error() -> Option<LoadError> {
        load::load_static(EMBEDDED, PACKS).err()
    }

    /// The series of a parameter as it applies in [`DEFAULT_REGION`].
    #[must_use]
    pub fn series(&self, id: ParamId) -> Option<&Series> {
        self.series.get(id as usize)
    }

    /// The series of `id` as the national parameter file gives it: for a local figure, its
    /// generic series (generic label, national values only, often none).
    #[must_use]
    pub fn generic(&self, id: ParamId) -> Option<&Series> {
        self.generic.get(id as usize)
    }

    /// All series as they apply in [`DEFAULT_REGION`], in [`ParamId`] order.
    #[must_use]
    pub fn all(&self) -> &[Series] {
        &self.series
    }

    /// The region packs.
    #[must_use]
    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    /// The packs that apply to the division `code` (its province's, city's and own).
    #[must_use]
    pub fn region(&self, code: u32) -> Region {
        let find = |level: Level| {
            let c = level.code_within(code)?;
            let i = self.packs.iter().position(|p| p.code == c)?;
            u16::try_from(i).ok()
        };
        Region {
            code,
            packs: [
                find(Level::Province),
                find(Level::City),
                find(Level::District),
            ],
        }
    }

    /// The pack of `region` at `level`.
    #[must_use]
    pub fn pack(&self, region: Region, level: Level) -> Option<&Pack> {
        let i = match level {
            Level::Province => region.packs[0],
            Level::City => region.packs[1],
            Level::District => region.packs[2],
            Level::National => None,
        }?;
        self.packs.get(usize::from(i))
    }

    /// The series of a local figure in `region`'s pack at its level, if the pack gives it.
    fn resolve_in(&self, id: ParamId, region: Region) -> Option<Resolved<'_>> {
        let (series, name) = self.pack(region, id.level())?.series_of(id)?;
        Some(Resolved {
            series,
            name,
            unpacked: false,
        })
    }

    /// Where the series of `id` comes from in `region`.
    pub(crate) fn resolve(&self, id: ParamId, region: Region) -> Option<Resolved<'_>> {
        if region == self.default_region || id.level() == Level::National {
            return self.series(id).map(|series| Resolved {
                series,
                name: id.as_str(),
                unpacked: false,
            });
        }
        self.resolve_in(id, region).or_else(|| {
            self.generic.get(id as usize).map(|series| Resolved {
                series,
                name: generic_name(id),
                unpacked: true,
            })
        })
    }

    /// The entry of `id` in force on `date` (in [`DEFAULT_REGION`]).
    ///
    /// # Errors
    /// [`Error`] when no window of the series covers the date.
    pub fn at(&self, id: ParamId, date: NaiveDate) -> Result<&Entry, Error> {
        self.find(id, date)
            .ok_or_else(|| Error::no_parameter(id.as_str(), date))
    }

    /// The entry of `id` in force on `date` (in [`DEFAULT_REGION`]), if any.
    #[must_use]
    pub fn find(&self, id: ParamId, date: NaiveDate) -> Option<&Entry> {
        self.series(id)?.entries.iter().find(|e| e.covers(date))
    }
}

/// The generic id of a local figure as a `&'static str` (`province.deed_tax.rate`).
fn generic_name(id: ParamId) -> &'static str {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES
        .get_or_init(|| {
            ParamId::ALL
                .iter()
                .map(|p| p.generic_id().into_owned())
                .collect()
        })
        .get(id as usize)
        .map_or("", String::as_str)
}

/// The built-in parameters: `data/parameters.toml` turned into static Rust data by `build.rs`.
const EMBEDDED: &[load::StaticSeries] = {
    use load::{StaticAdmissible, StaticEntry, StaticSeries};
    include!(concat!(env!("OUT_DIR"), "/parameters.rs"))
};

/// The built-in parameter file and region packs as written (TOML).
#[cfg(all(test, feature = "toml"))]
pub(crate) const EMBEDDED_TOML: &str = include_str!("../../data/parameters.toml");
#[cfg(all(test, feature = "toml"))]
pub(crate) const EMBEDDED_PACKS_TOML: [&str; 3] = [
    include_str!("../../data/regions/530000-yunnan.toml"),
    include_str!("../../data/regions/530100-kunming.toml"),
    include_str!("../../data/regions/530115-jinning.toml"),
];

/// The built-in region packs: `data/regions/*.toml` turned into static data by `build.rs`.
const PACKS: &[load::StaticPack] = {
    use load::{StaticAdmissible, StaticEntry, StaticPack, StaticSeries};
    include!(concat!(env!("OUT_DIR"), "/regions.rs"))
};

/// A built-in region pack's administrative division, by name: one row of [`REGIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegionName {
    /// The division's code (行政区划代码), e.g. `530115`: what `facility.region` takes.
    pub code: u32,
    /// Name in Chinese, e.g. `晋宁区`.
    pub name_zh: &'static str,
    /// Name in English, e.g. `Jinning District, Kunming`.
    pub name_en: &'static str,
}

/// The divisions that have a built-in region pack (`data/regions/*.toml`), in code order —
/// provinces, cities and districts alike — with their names: a table written by `build.rs`,
/// so a page can offer the regions by name without building the parameter store (and without
/// the packs' figures in its code). Any other code is valid too and gets the national figures
/// only (SPEC §12.6). [`Store::packs`] has the same codes and names, with the figures.
///
/// ```
/// use calc_core::params::REGIONS;
///
/// let jinning = REGIONS.iter().find(|r| r.code == 530_115).unwrap();
/// assert_eq!(jinning.name_zh, "晋宁区");
/// assert!(REGIONS.windows(2).all(|w| w[0].code < w[1].code));
/// // A district's city and province have their own packs: 530115 → 530100 → 530000.
/// assert!(REGIONS.iter().any(|r| r.code == 530_100));
/// ```
pub const REGIONS: &[RegionName] = include!(concat!(env!("OUT_DIR"), "/region_names.rs"));

/// A parameter in force on a date, with its provenance — what `tuoyu params` and the browser's
/// policy page list.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InForce {
    /// Parameter id.
    pub id: String,
    /// Chinese label.
    pub label_zh: String,
    /// English label.
    pub label_en: String,
    /// Unit.
    pub unit: String,
    /// The value in the JSON shape of overrides.
    pub value: serde_json::Value,
    /// First day of the window.
    pub valid_from: NaiveDate,
    /// Last day of the window (inclusive), `null` while open.
    pub valid_to: Option<NaiveDate>,
    /// Citation.
    pub source: Citation,
    /// Confidence.
    pub confidence: Confidence,
}

/// The parameters in force on `date`, in id order, each with its window, citation and confidence.
/// Parameters with no window covering the date are left out.
///
/// ```
/// let d = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
/// let list = calc_core::params::in_force(d);
/// let vat = list.iter().find(|p| p.id == "national.vat.general_rate").unwrap();
/// assert_eq!(vat.value, "0.06");
/// ```
#[must_use]
pub fn in_force(date: NaiveDate) -> Vec<InForce> {
    in_force_in(DEFAULT_REGION, date)
}

/// The parameters in force on `date` in the administrative division `code` (SPEC §12.6): the
/// national figures and the local figures of its region packs, each under the id it is shown
/// under there. A local figure with no pack and no national value is left out; see
/// [`unpacked`].
///
/// ```
/// let d = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
/// let list = calc_core::params::in_force_in(440_305, d);
/// assert!(list.iter().any(|p| p.id == "national.vat.general_rate"));
/// assert!(!list.iter().any(|p| p.id.ends_with("deed_tax.rate")));
/// ```
#[must_use]
pub fn in_force_in(code: u32, date: NaiveDate) -> Vec<InForce> {
    let store = Store::embedded();
    let region = store.region(code);
    ParamId::ALL
        .iter()
        .filter_map(|id| {
            let r = store.resolve(*id, region)?;
            let s = r.series;
            let e = s.entries.iter().find(|e| e.covers(date))?;
            Some(InForce {
                id: r.name.to_string(),
                label_zh: s.label_zh.clone(),
                label_en: s.label_en.clone(),
                unit: s.unit.clone(),
                value: e.value.to_json(),
                valid_from: e.valid_from,
                valid_to: e.valid_to,
                source: e.citation.clone(),
                confidence: e.confidence,
            })
        })
        .collect()
}

/// The local figures that no region pack gives for the division `code`: a request for it must
/// supply each one it needs (under [`ParamId::generic_id`]) or its lines are `missing_input`.
///
/// ```
/// use calc_core::params::{unpacked, ParamId};
/// assert!(unpacked(530_115).is_empty());
/// assert!(unpacked(440_305).contains(&ParamId::DeedTaxRate));
/// ```
#[must_use]
pub fn unpacked(code: u32) -> Vec<ParamId> {
    let store = Store::embedded();
    let region = store.region(code);
    ParamId::ALL
        .iter()
        .copied()
        .filter(|id| store.resolve(*id, region).is_some_and(|r| r.unpacked))
        .collect()
}

/// Every parameter with all its dated values (for a full listing).
#[must_use]
pub fn all_series() -> &'static [Series] {
    Store::embedded().all()
}

/// The store seen by one request: the embedded store, the request's overrides, and the
/// extension of a "what if extended" scenario (SPEC §12.3).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params<'a> {
    store: &'a Store,
    overrides: &'a [(ParamId, Entry)],
    /// Scenario entries: consulted only where the store has no value (dates after the end of a
    /// series that the scenario extends).
    extensions: &'a [(ParamId, Entry)],
    /// The request's region (SPEC §12.6): which packs give the local figures.
    region: Region,
}

/// A value found for a date, with whether it was overridden or assumed by a scenario.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found<'a> {
    pub id: ParamId,
    pub entry: &'a Entry,
    pub overridden: bool,
    /// Found only because a scenario extends the series (SPEC §12.3).
    pub scenario: bool,
    /// The public id shown for it: the id, or for a local figure the id in the region's pack
    /// (`yunnan.deed_tax.rate`) or its generic id (`province.deed_tax.rate`).
    pub name: &'a str,
}

impl Found<'_> {
    pub fn decimal(&self) -> Decimal {
        match &self.entry.value {
            Value::Decimal(d) => *d,
            // Kinds are checked when loading and when parsing overrides.
            _ => Decimal::ZERO,
        }
    }
    pub fn flag(&self) -> bool {
        matches!(self.entry.value, Value::Flag(true))
    }
}

impl<'a> Params<'a> {
    pub fn new(store: &'a Store, overrides: &'a [(ParamId, Entry)]) -> Self {
        Params {
            store,
            overrides,
            extensions: &[],
            region: store.default_region,
        }
    }

    /// The same parameters for the administrative division `code` (SPEC §12.6).
    pub fn in_region(self, code: u32) -> Self {
        Params {
            region: self.store.region(code),
            ..self
        }
    }

    /// The region and its packs.
    pub fn region(&self) -> Region {
        self.region
    }

    /// Whether `id` is a local figure that the request's region has no pack for (nor an
    /// override): a value not found for it is a missing input, not a year out of force.
    pub fn unpacked(&self, id: ParamId) -> bool {
        self.overridden(id).is_none()
            && self
                .store
                .resolve(id, self.region)
                .is_some_and(|r| r.unpacked)
    }

    /// The local figure an error names, when the error is that figure having no value because
    /// the region has no pack giving it.
    pub fn unpacked_in(&self, e: &Error) -> Option<ParamId> {
        e.path()
            .strip_prefix("parameters.")
            .and_then(ParamId::from_any_id)
            .filter(|id| self.unpacked(*id))
    }

    /// The public id `id` is shown under in this region.
    fn name_of(&self, id: ParamId) -> &'a str {
        self.store
            .resolve(id, self.region)
            .map_or_else(|| id.as_str(), |r| r.name)
    }

    /// The same parameters with a scenario's extension entries behind them.
    pub fn with_extensions(self, extensions: &'a [(ParamId, Entry)]) -> Self {
        Params { extensions, ..self }
    }

    /// Whether these are the built-in parameters, without overrides or a scenario (so that
    /// what depends only on them and the year can be shared between requests).
    pub fn is_embedded(&self) -> bool {
        self.overrides.is_empty()
            && self.extensions.is_empty()
            && std::ptr::eq(self.store, Store::embedded())
            && self.region == self.store.default_region
    }

    /// The value of `id` on `date`; an error when no window covers it.
    pub fn at(&self, id: ParamId, date: NaiveDate) -> Result<Found<'a>, Error> {
        self.find(id, date).ok_or_else(|| {
            if self.store.series.is_empty() {
                Error::store_failed()
            } else if self.unpacked(id) {
                Error::no_local_parameter(id, self.region.code, date)
            } else {
                Error::no_parameter(self.name_of(id), date)
            }
        })
    }

    fn overridden(&self, id: ParamId) -> Option<Found<'a>> {
        self.overrides
            .iter()
            .find(|(o, _)| *o == id)
            .map(|(_, e)| Found {
                id,
                entry: e,
                overridden: true,
                scenario: false,
                name: self.name_of(id),
            })
    }

    fn stored(id: ParamId, entry: &'a Entry, name: &'a str) -> Found<'a> {
        Found {
            id,
            entry,
            overridden: false,
            scenario: false,
            name,
        }
    }

    fn extension(&self, id: ParamId, entry: &'a Entry) -> Found<'a> {
        Found {
            id,
            entry,
            overridden: false,
            scenario: true,
            name: self.name_of(id),
        }
    }

    /// The series of `id` in the request's region, with the id it is shown under.
    fn series(&self, id: ParamId) -> Option<(&'a Series, &'a str)> {
        self.store
            .resolve(id, self.region)
            .map(|r| (r.series, r.name))
    }

    fn extensions_of(&self, id: ParamId) -> impl Iterator<Item = &'a Entry> + 'a {
        self.extensions
            .iter()
            .filter(move |(x, _)| *x == id)
            .map(|(_, e)| e)
    }

    /// The value of `id` on `date`, if a window covers it (for rules that have windows of
    /// their own, such as the 六税两费 halving).
    pub fn find(&self, id: ParamId, date: NaiveDate) -> Option<Found<'a>> {
        if let Some(f) = self.overridden(id) {
            return Some(f);
        }
        if let Some((series, name)) = self.series(id) {
            if let Some(entry) = series.entries.iter().find(|e| e.covers(date)) {
                return Some(Self::stored(id, entry, name));
            }
        }
        self.extensions_of(id)
            .find(|e| e.covers(date))
            .map(|e| self.extension(id, e))
    }

    /// All entries of `id` overlapping `[from, to]`.
    pub fn overlapping(&self, id: ParamId, from: NaiveDate, to: NaiveDate) -> Vec<Found<'a>> {
        if let Some(f) = self.overridden(id) {
            return vec![f];
        }
        let stored = self
            .series(id)
            .into_iter()
            .flat_map(|(s, name)| s.entries.iter().map(move |e| (e, name)))
            .filter(|(e, _)| e.overlaps(from, to))
            .map(|(e, name)| Self::stored(id, e, name));
        let extended = self
            .extensions_of(id)
            .filter(|e| e.overlaps(from, to))
            .map(|e| self.extension(id, e));
        stored.chain(extended).collect()
    }

    /// The whole series of `id` (the embedded one with a scenario's extension, or the
    /// override as a one-entry series).
    pub fn entries(&self, id: ParamId) -> Vec<Found<'a>> {
        if let Some(f) = self.overridden(id) {
            return vec![f];
        }
        let stored = self
            .series(id)
            .into_iter()
            .flat_map(|(s, name)| s.entries.iter().map(move |e| Self::stored(id, e, name)));
        let extended = self.extensions_of(id).map(|e| self.extension(id, e));
        stored.chain(extended).collect()
    }
}

/// The last day of the series the scenario of SPEC §12.3 extends: every series whose last value
/// ends on this day keeps that value to the scenario's date.
pub(crate) const SCENARIO_EXTENDS_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2027, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The entries a scenario "extended to `to`" adds (SPEC §12.3): for each series whose last value
/// ends on 2027-12-31, that value again from 2028-01-01 to the last day of the last whole month
/// on or before `to`, its citation saying it is assumed. Empty when `to` adds no whole month.
pub(crate) fn scenario_extensions(store: &Store, to: NaiveDate) -> Vec<(ParamId, Entry)> {
    use chrono::Datelike;
    let Some(start) = SCENARIO_EXTENDS_FROM.succ_opt() else {
        return Vec::new();
    };
    // The last whole month: `to` itself when it ends its month, else the month before.
    let end = match to.succ_opt() {
        Some(next) if next.month() != to.month() => to,
        _ => to
            .with_day(1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MIN),
    };
    if end < start {
        return Vec::new();
    }
    store
        .all()
        .iter()
        .filter_map(|s| {
            let last = s.entries.last()?;
            (last.valid_to == Some(SCENARIO_EXTENDS_FROM)).then(|| {
                let mut e = last.clone();
                e.valid_from = start;
                e.valid_to = Some(end);
                e.citation.article = format!(
                    "情景假设：{} 的规定延续至 {end}（尚未公布） / scenario: assumed extended to {end} (not published) — {}",
                    SCENARIO_EXTENDS_FROM, last.citation.article
                );
                (s.id, e)
            })
        })
        .collect()
}

/// Parses a request's `parameters` object into override entries.
pub(crate) fn parse_overrides(
    map: &std::collections::BTreeMap<String, serde_json::Value>,
) -> Result<Vec<(ParamId, Entry)>, Error> {
    let mut out = Vec::with_capacity(map.len());
    for (key, json) in map {
        let (id, value) = parse_override(key, json)?;
        out.push((
            id,
            Entry {
                valid_from: NaiveDate::MIN,
                valid_to: None,
                value,
                citation: Citation {
                    document: "请求中的参数覆盖 (request override)".to_string(),
                    title_en: Some("Override in the request".to_string()),
                    article: format!("parameters.{key}"),
                    article_en: Some(format!("parameters.{key}")),
                    published: None,
                    url: None,
                    url_note: None,
                },
                confidence: Confidence::Unverified,
            },
        ));
    }
    Ok(out)
}

/// Checks a request's `parameters` object without building the override entries.
pub(crate) fn check_overrides(
    map: &std::collections::BTreeMap<String, serde_json::Value>,
) -> Result<(), Error> {
    map.iter()
        .try_for_each(|(key, json)| parse_override(key, json).map(|_| ()))
}

fn parse_override(key: &str, json: &serde_json::Value) -> Result<(ParamId, Value), Error> {
    let path = || format!("parameters.{key}");
    let id = ParamId::from_any_id(key).ok_or_else(|| {
        Error::new(
            &path(),
            "未知的参数编号（见 tuoyu params）",
            "unknown parameter id (see `tuoyu params`)",
        )
    })?;
    let value =
        load::value_from_json(id.kind(), json).map_err(|(zh, en)| Error::new(&path(), &zh, &en))?;
    if let Some(series) = Store::embedded().series(id) {
        series
            .admissible
            .check(&value)
            .map_err(|(zh, en)| Error::new(&path(), &zh, &en))?;
    }
    Ok((id, value))
}
