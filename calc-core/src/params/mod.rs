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

pub use ids::ParamId;
pub use load::LoadError;

use crate::error::Error;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// How far a figure has been checked against its source (from `docs/RESEARCH.md`).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Not checked against any source, or an inference (RESEARCH.md `[U]`).
    Unverified,
    /// A secondary summary or a transcription of the official text (`[S]`).
    Secondary,
    /// Wording seen verbatim in a repost of the official text (`[V]`).
    Verified,
}

impl Confidence {
    /// The confidence as its JSON name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Unverified => "unverified",
            Confidence::Secondary => "secondary",
            Confidence::Verified => "verified",
        }
    }
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Confidence::Unverified => "未核实",
            Confidence::Secondary => "二手来源",
            Confidence::Verified => "已核实",
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
    /// Publication date, where known (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// A URL of the text or a repost, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
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

/// The validated parameter store.
#[derive(Debug, Clone)]
pub struct Store {
    series: Vec<Series>,
}

/// The built-in parameters: `data/parameters.toml` turned into static Rust data by `build.rs`.
const EMBEDDED: &[load::StaticSeries] = {
    use load::{StaticAdmissible, StaticEntry, StaticSeries};
    include!(concat!(env!("OUT_DIR"), "/parameters.rs"))
};

/// The built-in parameter file as written (TOML).
#[cfg(all(test, feature = "toml"))]
pub(crate) const EMBEDDED_TOML: &str = include_str!("../../data/parameters.toml");

impl Store {
    /// Parses and validates a parameter file in the format of `data/parameters.toml`.
    ///
    /// # Errors
    /// A [`LoadError`] naming the parameter and what is wrong: an unknown or missing id, a value
    /// without a citation, overlapping windows, a value of the wrong shape.
    #[cfg(feature = "toml")]
    pub fn from_toml(text: &str) -> Result<Store, LoadError> {
        load::load_toml(text)
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
        static EMPTY: Store = Store { series: Vec::new() };
        match STORE.get_or_init(|| load::load_static(EMBEDDED)) {
            Ok(s) => s,
            Err(_) => &EMPTY,
        }
    }

    /// The load error of the embedded store, if it failed to load.
    #[must_use]
    pub fn embedded_error() -> Option<LoadError> {
        load::load_static(EMBEDDED).err()
    }

    /// The series of a parameter.
    #[must_use]
    pub fn series(&self, id: ParamId) -> Option<&Series> {
        self.series.get(id as usize)
    }

    /// All series, in [`ParamId`] order.
    #[must_use]
    pub fn all(&self) -> &[Series] {
        &self.series
    }

    /// The entry of `id` in force on `date`.
    ///
    /// # Errors
    /// [`Error`] when no window of the series covers the date.
    pub fn at(&self, id: ParamId, date: NaiveDate) -> Result<&Entry, Error> {
        self.find(id, date)
            .ok_or_else(|| Error::no_parameter(id.as_str(), date))
    }

    /// The entry of `id` in force on `date`, if any.
    #[must_use]
    pub fn find(&self, id: ParamId, date: NaiveDate) -> Option<&Entry> {
        self.series(id)?.entries.iter().find(|e| e.covers(date))
    }
}

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
    let store = Store::embedded();
    store
        .all()
        .iter()
        .filter_map(|s| {
            let e = s.entries.iter().find(|e| e.covers(date))?;
            Some(InForce {
                id: s.id.as_str().to_string(),
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
}

/// A value found for a date, with whether it was overridden or assumed by a scenario.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found<'a> {
    pub id: ParamId,
    pub entry: &'a Entry,
    pub overridden: bool,
    /// Found only because a scenario extends the series (SPEC §12.3).
    pub scenario: bool,
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
        }
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
    }

    /// The value of `id` on `date`; an error when no window covers it.
    pub fn at(&self, id: ParamId, date: NaiveDate) -> Result<Found<'a>, Error> {
        self.find(id, date).ok_or_else(|| {
            if self.store.series.is_empty() {
                Error::store_failed()
            } else {
                Error::no_parameter(id.as_str(), date)
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
            })
    }

    fn stored(id: ParamId, entry: &'a Entry) -> Found<'a> {
        Found {
            id,
            entry,
            overridden: false,
            scenario: false,
        }
    }

    fn extension(id: ParamId, entry: &'a Entry) -> Found<'a> {
        Found {
            id,
            entry,
            overridden: false,
            scenario: true,
        }
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
        if let Some(entry) = self.store.find(id, date) {
            return Some(Self::stored(id, entry));
        }
        self.extensions_of(id)
            .find(|e| e.covers(date))
            .map(|e| Self::extension(id, e))
    }

    /// All entries of `id` overlapping `[from, to]`.
    pub fn overlapping(&self, id: ParamId, from: NaiveDate, to: NaiveDate) -> Vec<Found<'a>> {
        if let Some(f) = self.overridden(id) {
            return vec![f];
        }
        let stored = self
            .store
            .series(id)
            .into_iter()
            .flat_map(|s| s.entries.iter())
            .filter(|e| e.overlaps(from, to))
            .map(|e| Self::stored(id, e));
        let extended = self
            .extensions_of(id)
            .filter(|e| e.overlaps(from, to))
            .map(|e| Self::extension(id, e));
        stored.chain(extended).collect()
    }

    /// The whole series of `id` (the embedded one with a scenario's extension, or the
    /// override as a one-entry series).
    pub fn entries(&self, id: ParamId) -> Vec<Found<'a>> {
        if let Some(f) = self.overridden(id) {
            return vec![f];
        }
        let stored = self
            .store
            .series(id)
            .into_iter()
            .flat_map(|s| s.entries.iter())
            .map(|e| Self::stored(id, e));
        let extended = self.extensions_of(id).map(|e| Self::extension(id, e));
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
                    published: None,
                    url: None,
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
    let id = ParamId::from_id(key).ok_or_else(|| {
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
