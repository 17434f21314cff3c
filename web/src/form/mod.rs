//! Form state ↔ `tuoyu.request.v1` JSON.
//!
//! The form keeps what the person typed, keyed by the JSON path of the request field it sets
//! (`revenue.childcare`, `properties[0].original_value`) — the same paths calc-core's errors
//! name, so an error lands next to its field. Building the request only places those texts in a
//! JSON tree; validation and every figure are calc-core's. Parts of a loaded request the form has
//! no field for are kept aside and sent back unchanged.

//!
//! The rooms: `fields` (what the form asks for), `texts` (what was typed), `json` (a text as
//! request JSON, placed by its path), `months` (amounts month by month), `samples` (the example
//! requests); this module holds [`Form`], which ties them together.

mod fields;
mod json;
mod months;
mod samples;
mod texts;

pub use fields::*;
pub use json::*;
pub use months::*;
pub use samples::*;
pub use texts::*;
use Kind::*;

use crate::i18n::Lang;
use calc_core::frontend::input::parse_amount;
use calc_core::frontend::labels::{self as L, OptionText};
use calc_core::ErrorJson;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// The form: texts by request path, item rows, monthly switches, and untouched extra JSON.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Form {
    /// The text of each field, by request path.
    pub values: Texts,
    /// Rows of each item array (`properties`, `land`, `acquisitions`), sorted by array (a
    /// short list: a map per key type costs the page's wasm more than this).
    pub rows: Vec<(String, usize)>,
    /// Amounts entered month by month (`revenue.childcare`, `revenue.other`), sorted, each once.
    pub monthly: Vec<String>,
    /// Parts of a loaded request that the form has no field for, sent back unchanged.
    pub extra: Value,
}

impl Form {
    /// An empty form for `year` with the facility's required answers at their usual values.
    #[must_use]
    pub fn new(year: i32) -> Form {
        let mut form = Form::default();
        for (k, v) in [
            ("year", year.to_string()),
            ("facility.legal_form", "enterprise".to_string()),
            ("facility.community_based", "true".to_string()),
            ("facility.service_modes", "full_day".to_string()),
            ("facility.filed_with_health_commission", "true".to_string()),
        ] {
            form.values.insert(k.to_string(), v);
        }
        form
    }

    /// The text of a field (empty when unset).
    #[must_use]
    pub fn get(&self, path: &str) -> &str {
        self.values.get(path).map_or("", String::as_str)
    }

    /// Sets the text of a field (of an amount's annual box: its months kept from monthly entry
    /// go, see [`Form::set_monthly`]).
    pub fn set(&mut self, path: &str, value: &str) {
        for m in 0..12 {
            self.values.remove(&month_path(path, m));
        }
        if value.is_empty() {
            self.values.remove(path);
        } else {
            self.values.insert(path.to_string(), value.to_string());
        }
    }

    /// Rows of an item array.
    #[must_use]
    pub fn row_count(&self, array: &str) -> usize {
        self.rows
            .iter()
            .find(|(a, _)| a == array)
            .map_or(0, |(_, n)| *n)
    }

    /// Sets the number of rows of an item array (0 removes its entry).
    fn set_rows(&mut self, array: &str, n: usize) {
        match self.rows.binary_search_by(|(a, _)| a.as_str().cmp(array)) {
            Ok(i) if n == 0 => {
                self.rows.remove(i);
            }
            Ok(i) => {
                if let Some(r) = self.rows.get_mut(i) {
                    r.1 = n;
                }
            }
            Err(_) if n == 0 => {}
            Err(i) => self.rows.insert(i, (array.to_string(), n)),
        }
    }

    /// Whether `amount` is entered month by month.
    #[must_use]
    pub fn is_monthly(&self, amount: &str) -> bool {
        self.monthly.iter().any(|a| a == amount)
    }

    /// Marks `amount` as entered month by month (`on`) or not; whether that changed anything.
    fn monthly_set(&mut self, amount: &str, on: bool) -> bool {
        match (
            self.monthly.binary_search_by(|a| a.as_str().cmp(amount)),
            on,
        ) {
            (Err(i), true) => {
                self.monthly.insert(i, amount.to_string());
                true
            }
            (Ok(i), false) => {
                self.monthly.remove(i);
                true
            }
            _ => false,
        }
    }

    /// Adds a row to an item array.
    pub fn add_row(&mut self, array: &str) {
        let n = self.row_count(array);
        self.set_rows(array, n + 1);
    }

    /// Removes row `idx` of an item array; later rows move up.
    pub fn remove_row(&mut self, array: &str, idx: usize) {
        let n = self.row_count(array);
        if idx >= n {
            return;
        }
        let prefix = format!("{array}[");
        let old: Vec<(String, String)> = self
            .values
            .iter()
            .filter(|(k, _)| k.starts_with(&prefix))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, _) in &old {
            self.values.remove(k);
        }
        for (k, v) in old {
            let rest = &k[prefix.len()..];
            let Some((num, tail)) = rest.split_once(']') else {
                continue;
            };
            let Ok(i) = num.parse::<usize>() else {
                continue;
            };
            let ni = match i.cmp(&idx) {
                std::cmp::Ordering::Less => i,
                std::cmp::Ordering::Equal => continue,
                std::cmp::Ordering::Greater => i - 1,
            };
            self.values.insert(format!("{array}[{ni}]{tail}"), v);
        }
        if let Some(Value::Array(a)) = self.extra.get_mut(array) {
            if idx < a.len() {
                a.remove(idx);
            }
        }
        self.set_rows(array, n - 1);
    }

    /// Switches an amount between one annual figure and twelve monthly ones without changing
    /// what it is worth: the annual figure is spread evenly over the months, exactly — each month
    /// gets the annual amount ÷ 12 cut to the cent (or to the decimals typed, if more), and
    /// December takes the remainder, so the months add up to the annual amount to the last
    /// digit. Switching back puts the sum of the months in the annual box (blank months add
    /// nothing; a month that cannot be read is kept as the annual text, so its error stays in
    /// sight). The months stay in the form (not in the request) until the annual figure is
    /// changed, so switching on again restores them; the page says meanwhile that the annual
    /// figure is spread evenly.
    pub fn set_monthly(&mut self, amount: &str, on: bool) {
        if on && self.monthly_set(amount, true) {
            let v = self.values.remove(amount);
            if self.months(amount).iter().any(|m| !m.is_empty()) {
                return;
            }
            let Some(v) = v else {
                return;
            };
            match parse_amount(&v).ok().and_then(spread) {
                Some(months) => {
                    for (m, x) in months.iter().enumerate() {
                        self.values.insert(month_path(amount, m), plain(*x));
                    }
                }
                // Not a number: kept in January, where its error shows.
                None => {
                    self.values.insert(month_path(amount, 0), v);
                }
            }
        } else if !on && self.monthly_set(amount, false) {
            let texts: Vec<String> = self
                .months(amount)
                .into_iter()
                .map(str::to_string)
                .collect();
            if texts.iter().all(|t| t.trim().is_empty()) {
                return;
            }
            let bad = texts
                .iter()
                .find(|t| parse_amount(t).is_err() && !t.trim().is_empty());
            let v = match bad {
                Some(t) => t.clone(),
                None => plain(month_sum(texts.iter().map(String::as_str)).unwrap_or_default()),
            };
            // A month that cannot be read is the annual text now: the months go.
            if bad.is_some() {
                self.set(amount, "");
            }
            self.values.insert(amount.to_string(), v);
        }
    }

    /// The months of a monthly amount as typed (blank ones empty).
    #[must_use]
    pub fn months(&self, amount: &str) -> Vec<&str> {
        (0..12).map(|m| self.get(&month_path(amount, m))).collect()
    }

    /// The first input the form itself can tell is wrong or missing, in the order the fields are
    /// shown: a number that [`parse_amount`] refuses (or a fraction where a whole number is
    /// wanted), or a blank month of an amount entered by month. As calc-core's error would be
    /// (path, then message), so the page shows both the same way.
    #[must_use]
    pub fn input_error(&self) -> Option<ErrorJson> {
        let mut found: Option<(usize, ErrorJson)> = None;
        let mut consider = |order: usize, e: ErrorJson| {
            if found.as_ref().is_none_or(|(o, _)| order < *o) {
                found = Some((order, e));
            }
        };
        for (path, raw) in &self.values {
            let Some((order, d)) = def_order(path) else {
                continue;
            };
            if !d.numeric() || raw.trim().is_empty() {
                continue;
            }
            if let Some((zh, en)) = numeric_problem(d.kind, raw) {
                consider(order, calc_core::Error::new(path, &zh, &en).to_json());
            }
        }
        for amount in &self.monthly {
            let months = self.months(amount);
            if months.iter().all(|m| m.trim().is_empty()) {
                continue;
            }
            let Some((order, _)) = def_order(amount) else {
                continue;
            };
            let blank: Vec<usize> = (0..12).filter(|m| months[*m].trim().is_empty()).collect();
            if let Some(first) = blank.first() {
                // The first blank month is the path (its box gets the focus); the message
                // lists the others.
                let (zh, en) = if blank.len() == 1 {
                    (
                        "未填写（没有收入的月份请填 0）".to_string(),
                        "not filled in (enter 0 for a month without revenue)".to_string(),
                    )
                } else {
                    let zh: Vec<String> = blank.iter().map(|m| format!("{}月", m + 1)).collect();
                    let en: Vec<&str> = blank.iter().map(|m| MONTHS_EN[*m]).collect();
                    (
                        format!("未填写；共 {} 个月未填：{}（没有收入的月份请填 0）", blank.len(), zh.join("、")),
                        format!("not filled in; {} months are blank: {} (enter 0 for a month without revenue)", blank.len(), en.join(", ")),
                    )
                };
                let e = calc_core::Error::new(&month_path(amount, *first), &zh, &en);
                consider(order, e.to_json());
            }
        }
        found.map(|(_, e)| e)
    }
    /// The request JSON this form describes.
    #[must_use]
    pub fn to_request(&self) -> Value {
        let mut root = Value::Object(Map::new());
        set_path(
            &mut root,
            "schema",
            Value::String(calc_core::request::REQUEST_SCHEMA.to_string()),
        );
        for array in ARRAYS {
            let n = self.row_count(array);
            if n > 0 {
                set_path(
                    &mut root,
                    array,
                    Value::Array(vec![Value::Object(Map::new()); n]),
                );
            }
        }
        // The "if extended" scenario changes nothing in a year within the published
        // preferences (SPEC §12.3): left out there, so an export or a claim of that year is the
        // published law's (the desk refuses a claim that holds a scenario).
        let after = self.after_community();
        for (path, raw) in &self.values {
            let Some(d) = def(path) else { continue };
            // Months: below (kept from monthly entry switched off: not sent).
            if (d.kind == Amount && path.ends_with(']')) || (!after && path.starts_with("scenario"))
            {
                continue;
            }
            if let Some(v) = to_json(d.kind, raw) {
                set_path(&mut root, path, v);
            }
        }
        for amount in &self.monthly {
            let months: Vec<&str> = (0..12)
                .map(|m| self.get(&month_path(amount, m)).trim())
                .collect();
            if months.iter().all(|m| m.is_empty()) {
                continue;
            }
            // A blank month stays blank (never 0): [`Form::input_error`] names it.
            let arr = months
                .iter()
                .map(|m| match parse_amount(m) {
                    Ok(d) => Value::String(d.to_string()),
                    Err(_) => Value::String((*m).to_string()),
                })
                .collect();
            set_path(&mut root, amount, Value::Array(arr));
        }
        if !self.extra.is_null() {
            merge_missing(&mut root, &self.extra);
        }
        root
    }

    /// Whether the year is after the last day of the published community preferences, where
    /// the "if extended" scenario can change the figures.
    #[must_use]
    pub fn after_community(&self) -> bool {
        let year: Option<i32> = self.get("year").trim().parse().ok();
        matches!((year, community_end()), (Some(y), Some(e)) if y > chrono::Datelike::year(&e))
    }

    /// The form showing `request` (a `#r=` link, a fixture, a file); fields the form has no box
    /// for are kept in [`Form::extra`].
    #[must_use]
    pub fn from_request(request: &Value) -> Form {
        let mut form = Form::default();
        if let Value::Object(m) = request {
            for (k, v) in m {
                if k == "schema" {
                    continue;
                }
                form.absorb(k, v);
            }
        }
        form
    }

    fn keep_extra(&mut self, path: &str, v: &Value) {
        if self.extra.is_null() {
            self.extra = Value::Object(Map::new());
        }
        set_path(&mut self.extra, path, v.clone());
    }

    fn absorb(&mut self, path: &str, v: &Value) {
        let pat = pattern(path);
        if let Some(d) = FIELDS.iter().find(|d| d.path == pat) {
            match (d.kind, v) {
                (Modes, Value::Array(a)) => {
                    let s: Vec<String> = a.iter().map(scalar_text).collect();
                    self.values.insert(path.to_string(), s.join(","));
                }
                (Amount, Value::Array(a)) if a.len() == 12 => {
                    self.monthly_set(path, true);
                    for (m, x) in a.iter().enumerate() {
                        self.values.insert(month_path(path, m), scalar_text(x));
                    }
                }
                (Json, v) => {
                    // to_string_pretty's text, through Value's Display (one serialiser fewer).
                    let text = format!("{v:#}");
                    self.values.insert(path.to_string(), text);
                }
                (_, Value::Null) => {}
                (_, Value::Object(_) | Value::Array(_)) => self.keep_extra(path, v),
                (_, x) => {
                    self.values.insert(path.to_string(), scalar_text(x));
                }
            }
            return;
        }
        match v {
            Value::Object(m) if is_container(&pat) => {
                if m.is_empty() {
                    self.keep_extra(path, v);
                }
                for (k, c) in m {
                    self.absorb(&format!("{path}.{k}"), c);
                }
            }
            Value::Array(a) if ARRAYS.contains(&pat.as_str()) => {
                self.set_rows(path, a.len());
                for (i, c) in a.iter().enumerate() {
                    match c {
                        Value::Object(m) => {
                            for (k, x) in m {
                                self.absorb(&format!("{path}[{i}].{k}"), x);
                            }
                        }
                        other => self.keep_extra(&format!("{path}[{i}]"), other),
                    }
                }
            }
            _ => self.keep_extra(path, v),
        }
    }

    /// Whether the form holds a field for every leaf of `request` (nothing went to `extra`).
    #[must_use]
    pub fn covers(request: &Value) -> bool {
        Form::from_request(request).extra.is_null()
    }
}
