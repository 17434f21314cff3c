//! Form state ↔ `tuoyu.request.v1` JSON.
//!
//! The form keeps what the person typed, keyed by the JSON path of the request field it sets
//! (`revenue.childcare`, `properties[0].original_value`) — the same paths calc-core's errors
//! name, so an error lands next to its field. Building the request only places those texts in a
//! JSON tree; validation and every figure are calc-core's. Parts of a loaded request the form has
//! no field for are kept aside and sent back unchanged.

use crate::i18n::Lang;
use calc_core::frontend::input::parse_amount;
use calc_core::frontend::labels::{self as L, OptionText};
use calc_core::ErrorJson;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// A decimal parameter of calc-core: the value in force on `date`, or — with `nearest` — the
/// latest value when no window covers the date (or no date is given).
#[must_use]
pub fn param_decimal(id: &str, date: Option<chrono::NaiveDate>, nearest: bool) -> Option<Decimal> {
    let series = calc_core::params::all_series()
        .iter()
        .find(|s| s.id.as_str() == id)?;
    let covering = date.and_then(|d| series.entries.iter().find(|e| e.covers(d)));
    let entry = if nearest {
        covering.or(series.entries.last())
    } else {
        covering
    }?;
    match entry.value {
        calc_core::params::Value::Decimal(d) => Some(d),
        _ => None,
    }
}

/// How a field's text becomes JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text, sent as a string.
    Text,
    /// Money or another decimal, sent as a string (calc-core reads it exactly).
    Money,
    /// An annual amount or twelve monthly amounts.
    Amount,
    /// A whole number, sent as a JSON number when it reads as one.
    Int,
    /// A required yes/no, always sent.
    Check,
    /// An optional yes/no (unset, yes, no).
    TriBool,
    /// An optional yes shown as a checkbox: sent as `true` when ticked, left out when not.
    Flag,
    /// One of a few values (their texts are calc-core's, [`calc_core::frontend::labels`]).
    Choice(&'static [OptionText]),
    /// A date `YYYY-MM-DD`.
    Date,
    /// The service modes, a set of choices.
    Modes,
    /// A JSON object typed by hand (parameter overrides).
    Json,
}

/// A form field: the request path (array indices written `[]`), its kind and unit; its label is
/// calc-core's ([`calc_core::frontend::labels`]), so the command line names fields the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    /// JSON path pattern, e.g. `properties[].original_value`.
    pub path: &'static str,
    /// Kind.
    pub kind: Kind,
    /// Unit or hint shown after the label.
    pub unit: &'static str,
}

impl FieldDef {
    /// The label in `lang` (the path itself if calc-core has none).
    #[must_use]
    pub fn label(&self, lang: Lang) -> &'static str {
        match L::field(self.path) {
            Some(l) => lang.t(l.zh, l.en),
            None => self.path,
        }
    }

    /// The unit in `lang`.
    #[must_use]
    pub fn unit(&self, lang: Lang) -> &'static str {
        unit_text(self.unit, lang)
    }

    /// Whether the field holds an amount or quantity that [`calc_core::frontend::input::parse_amount`]
    /// reads.
    #[must_use]
    pub fn numeric(&self) -> bool {
        matches!(self.kind, Money | Amount | Int)
    }
}

/// A unit in `lang`.
#[must_use]
pub fn unit_text(unit: &'static str, lang: Lang) -> &'static str {
    if lang == Lang::Zh {
        return match unit {
            "元 yuan" => "元",
            u => u,
        };
    }
    match unit {
        "元 yuan" | "元" => "yuan",
        "元/m²" => "yuan/m²",
        "元/kWh" => "yuan/kWh",
        "元/m³" => "yuan/m³",
        "元/t" => "yuan/t",
        "元/月" => "yuan/month",
        "件" => "cases",
        "月" => "months",
        "人" => "people",
        "个" => "places",
        "天" => "days",
        "小时" => "hours",
        u => u,
    }
}

/// The text of option `o` in `lang`, followed by the current value of its rate parameter if it
/// has one (the city maintenance tax rate of a location), so that no figure is written here.
#[must_use]
pub fn option_label(o: &OptionText, lang: Lang) -> String {
    let rate = match o.value {
        "urban" | "town" | "other" if L::LOCATIONS.contains(o) => param_decimal(
            &format!("national.surcharge.city_rate.{}", o.value),
            None,
            true,
        )
        .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
        .map(|p| format!(" {}%", p.normalize())),
        _ => None,
    };
    format!("{}{}", lang.t(o.zh, o.en), rate.unwrap_or_default())
}

const fn f(path: &'static str, kind: Kind, unit: &'static str) -> FieldDef {
    FieldDef { path, kind, unit }
}

use Kind::*;

/// Every field of the form, in the order shown.
pub const FIELDS: &[FieldDef] = &[
    f("year", Int, ""),
    f("facility.name", Text, ""),
    f("facility.legal_form", Choice(L::LEGAL_FORMS), ""),
    f("facility.community_based", Check, ""),
    f("facility.service_modes", Modes, ""),
    f("facility.filed_with_health_commission", Check, ""),
    f("facility.location_class", Choice(L::LOCATIONS), ""),
    f("taxpayer.vat", Choice(L::VAT_KINDS), ""),
    f("taxpayer.small_low_profit", TriBool, ""),
    f("taxpayer.vat_period", Choice(L::VAT_PERIODS), ""),
    f("facility.nursery_vat_law", Flag, ""),
    f("scenario.extend_community_to", Date, ""),
    f("facility.region", Text, ""),
    f("revenue.childcare", Amount, "元 yuan"),
    f("revenue.other", Amount, "元 yuan"),
    f("revenue.input_vat_on_childcare", Money, "元 yuan"),
    f("income_tax.taxable_income", Money, "元 yuan"),
    f("properties[].tenure", Choice(L::TENURES), ""),
    f("properties[].original_value", Money, "元 yuan"),
    f("properties[].annual_rent", Money, "元 yuan"),
    f("properties[].used_from", Date, ""),
    f("properties[].used_to", Date, ""),
    f("land[].area_m2", Money, "m²"),
    f("land[].tax_per_m2", Money, "元/m²"),
    f("land[].tenure", Choice(L::LAND_TENURES), ""),
    f("land[].used_from", Date, ""),
    f("land[].used_to", Date, ""),
    f("acquisitions[].kind", Choice(L::ACQUISITION_KINDS), ""),
    f("acquisitions[].price", Money, "元 yuan"),
    f("acquisitions[].date", Date, ""),
    f("fees.registrations", Int, "件"),
    f("fees.registrations_residential", Int, "件"),
    f("fees.farmland_reclamation.area_m2", Money, "m²"),
    f("fees.farmland_reclamation.rate_per_m2", Money, "元/m²"),
    f("fees.farmland_reclamation.date", Date, ""),
    f("fees.land_reclamation.amount", Money, "元 yuan"),
    f("fees.land_reclamation.date", Date, ""),
    f("fees.land_idle.land_price", Money, "元 yuan"),
    f("fees.land_idle.idle_over_one_year", TriBool, ""),
    f("fees.land_idle.date", Date, ""),
    f("fees.infrastructure.floor_area_m2", Money, "m²"),
    f("fees.infrastructure.rate_per_m2", Money, "元/m²"),
    f("fees.infrastructure.date", Date, ""),
    f("fees.air_defence.geology_prevents_basement", TriBool, ""),
    f("fees.air_defence.basement_area_m2", Money, "m²"),
    f("fees.air_defence.rate_per_m2", Money, "元/m²"),
    f("fees.air_defence.date", Date, ""),
    f("utilities.electricity.kwh", Money, "kWh"),
    f("utilities.electricity.commercial_price", Money, "元/kWh"),
    f("utilities.electricity.household_price", Money, "元/kWh"),
    f("utilities.gas.m3", Money, "m³"),
    f("utilities.gas.commercial_price", Money, "元/m³"),
    f("utilities.gas.household_price", Money, "元/m³"),
    f("utilities.water.tonnes", Money, "t"),
    f("utilities.water.commercial_price", Money, "元/t"),
    f("utilities.water.household_price", Money, "元/t"),
    f("utilities.broadband.months", Int, "月"),
    f("utilities.broadband.commercial_price", Money, "元/月"),
    f("utilities.broadband.household_price", Money, "元/月"),
    f("parameters", Json, ""),
    f("fee_benchmark.non_profit", TriBool, ""),
    f("fee_benchmark.method", Choice(L::FEE_METHODS), ""),
    f("fee_benchmark.reference.grade", Int, ""),
    f("fee_benchmark.reference.fee", Money, "元/月"),
    f("fee_benchmark.reference.upward_float", Money, ""),
    f("fee_benchmark.cost.annual_operating_cost", Money, "元 yuan"),
    f("fee_benchmark.cost.government_subsidies", Money, "元 yuan"),
    f("fee_benchmark.cost.donations", Money, "元 yuan"),
    f("fee_benchmark.cost.enrolled_children", Int, "人"),
    f("fee_benchmark.cost.charging_months", Int, "月"),
    f("fee_benchmark.cost.cost_recovery_share", Money, ""),
    f("fee_benchmark.days_per_month", Money, "天"),
    f("fee_benchmark.full_day_hours", Money, "小时"),
    f("fee_benchmark.half_day_hours", Money, "小时"),
    f("fee_benchmark.proposed.full_day", Money, "元"),
    f("fee_benchmark.proposed.half_day", Money, "元"),
    f("fee_benchmark.proposed.hourly", Money, "元"),
    f("fee_benchmark.proposed.temporary", Money, "元"),
    f("capacity.population", Int, "人"),
    f("capacity.area", Choice(L::AREAS), ""),
    f("capacity.existing_places", Int, "个"),
    f("capacity.children.infant", Int, "人"),
    f("capacity.children.young_toddler", Int, "人"),
    f("capacity.children.older_toddler", Int, "人"),
    f("capacity.children.mixed", Int, "人"),
    f("household.children[].birth_date", Date, ""),
    f("household.monthly_fee", Money, "元/月"),
    f("household.months_enrolled", Int, "月"),
    f("household.iit_marginal_rate", Money, ""),
    f("household.iit_deduction_share", Choice(L::IIT_SHARES), ""),
];

/// The item arrays of the request (rows added and removed by the person).
pub const ARRAYS: &[&str] = &["properties", "land", "acquisitions", "household.children"];

/// The request path with array indices written `[]` (`properties[2].tenure` →
/// `properties[].tenure`).
pub use calc_core::frontend::labels::pattern;

/// The definition of the field at `path` (`properties[0].tenure`), if the form has one.
#[must_use]
pub fn def(path: &str) -> Option<&'static FieldDef> {
    let p = pattern(path);
    FIELDS.iter().find(|d| d.path == p)
}

/// Texts by key, sorted by key, each key once: what a `BTreeMap<String, String>` would do for
/// the form's few dozen fields, as one short list (a map's code costs the page's wasm more).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Texts(Vec<(String, String)>);

impl Texts {
    /// An empty list.
    #[must_use]
    pub fn new() -> Texts {
        Texts::default()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The text of `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&String> {
        self.find(key)
            .ok()
            .and_then(|i| self.0.get(i))
            .map(|(_, v)| v)
    }

    /// Sets the text of `key`.
    pub fn insert(&mut self, key: String, value: String) {
        match self.find(&key) {
            Ok(i) => {
                if let Some(e) = self.0.get_mut(i) {
                    e.1 = value;
                }
            }
            Err(i) => self.0.insert(i, (key, value)),
        }
    }

    /// Removes `key`, giving its text back.
    pub fn remove(&mut self, key: &str) -> Option<String> {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    /// Keys and texts in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Texts in key order.
    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(_, v)| v)
    }
}

impl<'a> IntoIterator for &'a Texts {
    type Item = (&'a String, &'a String);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, String)>,
        fn(&'a (String, String)) -> (&'a String, &'a String),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

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

/// The request path of month `m` (0–11) of a monthly amount.
#[must_use]
pub fn month_path(amount: &str, m: usize) -> String {
    format!("{amount}[{m}]")
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

    /// Sets the text of a field.
    pub fn set(&mut self, path: &str, value: &str) {
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
    /// sight).
    pub fn set_monthly(&mut self, amount: &str, on: bool) {
        if on && self.monthly_set(amount, true) {
            let Some(v) = self.values.remove(amount) else {
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
            let texts: Vec<String> = (0..12)
                .filter_map(|m| self.values.remove(&month_path(amount, m)))
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
        for (path, raw) in &self.values {
            let Some(d) = def(path) else { continue };
            if d.kind == Amount && path.ends_with(']') {
                continue; // months, below
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

fn is_container(pat: &str) -> bool {
    let prefix = format!("{pat}.");
    FIELDS.iter().any(|d| d.path.starts_with(&prefix))
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The JSON for a field's text; `None` leaves the field out of the request.
#[must_use]
pub fn to_json(kind: Kind, raw: &str) -> Option<Value> {
    let t = raw.trim();
    match kind {
        Check => Some(Value::Bool(t == "true")),
        Modes => Some(Value::Array(
            t.split(',')
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_string()))
                .collect(),
        )),
        _ if t.is_empty() => None,
        Flag => (t == "true").then_some(Value::Bool(true)),
        TriBool => match t {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => Some(Value::String(t.to_string())),
        },
        Int => Some(match parse_amount(t).ok().and_then(whole) {
            Some(n) => Value::from(n),
            None => Value::String(t.to_string()),
        }),
        Money | Amount => Some(Value::String(match parse_amount(t) {
            Ok(d) => d.to_string(),
            Err(_) => t.to_string(),
        })),
        Json => Some(serde_json::from_str(t).unwrap_or_else(|_| Value::String(t.to_string()))),
        Text | Choice(_) | Date => Some(Value::String(t.to_string())),
    }
}

/// `d` as a whole number, if it is one.
fn whole(d: Decimal) -> Option<i64> {
    let n = d.normalize();
    if n.scale() != 0 {
        return None;
    }
    i64::try_from(n.mantissa()).ok()
}

/// What is wrong with the text of a numeric field of kind `kind`, in (zh, en), if anything.
#[must_use]
pub fn numeric_problem(kind: Kind, raw: &str) -> Option<(String, String)> {
    match parse_amount(raw) {
        Err(e) => Some((e.zh(), e.en())),
        Ok(d) if kind == Int && whole(d).is_none() => Some((
            "请填写整数，例如 12".to_string(),
            "enter a whole number, e.g. 12".to_string(),
        )),
        Ok(_) => None,
    }
}

/// English month names.
pub use calc_core::frontend::labels::MONTHS_EN;

/// Where the part of the request at `path` (a field, or an object or array holding fields)
/// first comes in the form: the place in [`FIELDS`] of its first field; parts the form has no
/// field for come last. A printed list of inputs follows the form's order with it.
#[must_use]
pub fn form_rank(path: &str) -> usize {
    let p = pattern(path);
    FIELDS
        .iter()
        .position(|d| {
            d.path.strip_prefix(p.as_str()).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with('.') || rest.starts_with('[')
            })
        })
        .unwrap_or(usize::MAX)
}

/// The field definition of `path` and its place in [`FIELDS`].
fn def_order(path: &str) -> Option<(usize, &'static FieldDef)> {
    let p = pattern(path);
    FIELDS.iter().enumerate().find(|(_, d)| d.path == p)
}

/// `annual` spread over 12 months exactly: eleven equal months cut to the cent (or to the
/// decimals of `annual`, if it has more) and December with the remainder; `None` if the
/// arithmetic does not fit.
#[must_use]
pub fn spread(annual: Decimal) -> Option<[Decimal; 12]> {
    let mut m = annual.mantissa();
    let mut scale = annual.scale();
    while scale < 2 {
        m = m.checked_mul(10)?;
        scale += 1;
    }
    let q = m / 12; // towards zero
    let last = m.checked_sub(q.checked_mul(11)?)?;
    let mut out = [Decimal::try_from_i128_with_scale(q, scale).ok()?; 12];
    out[11] = Decimal::try_from_i128_with_scale(last, scale).ok()?;
    Some(out)
}

/// The sum of the months that can be read (blank and unreadable ones add nothing).
#[must_use]
pub fn month_sum<'a>(months: impl Iterator<Item = &'a str>) -> Option<Decimal> {
    months
        .filter_map(|m| parse_amount(m).ok())
        .try_fold(Decimal::ZERO, |acc, x| acc.checked_add(x))
}

/// `d` as typed in a box: without trailing zeros after the point (`100000.00` → `100000`).
#[must_use]
pub fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

enum Seg<'a> {
    Key(&'a str),
    Idx(usize),
}

fn segments(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Seg::Key(key));
        }
        while let Some(r) = rest.strip_prefix('[') {
            let Some((n, tail)) = r.split_once(']') else {
                break;
            };
            out.push(Seg::Idx(n.parse().unwrap_or(0)));
            rest = tail;
        }
    }
    out
}

/// Places `v` at `path` in `root`, creating objects and arrays on the way.
pub fn set_path(root: &mut Value, path: &str, v: Value) {
    let segs = segments(path);
    let mut cur = root;
    for (i, seg) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        let next_is_idx = matches!(segs.get(i + 1), Some(Seg::Idx(_)));
        let fresh = || {
            if next_is_idx {
                Value::Array(Vec::new())
            } else {
                Value::Object(Map::new())
            }
        };
        match seg {
            Seg::Key(k) => {
                if !cur.is_object() {
                    *cur = Value::Object(Map::new());
                }
                let Value::Object(m) = cur else { return };
                if last {
                    m.insert((*k).to_string(), v);
                    return;
                }
                let entry = m.entry((*k).to_string()).or_insert_with(fresh);
                if entry.is_null() {
                    *entry = fresh();
                }
                cur = entry;
            }
            Seg::Idx(n) => {
                if !cur.is_array() {
                    *cur = Value::Array(Vec::new());
                }
                let Value::Array(a) = cur else { return };
                while a.len() <= *n {
                    a.push(Value::Object(Map::new()));
                }
                if last {
                    a[*n] = v;
                    return;
                }
                cur = &mut a[*n];
            }
        }
    }
}

/// Copies into `dst` whatever of `src` it lacks (objects and arrays merged member by member).
pub fn merge_missing(dst: &mut Value, src: &Value) {
    match (dst, src) {
        (Value::Object(d), Value::Object(s)) => {
            for (k, v) in s {
                match d.get_mut(k) {
                    Some(x) => merge_missing(x, v),
                    None => {
                        d.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (Value::Array(d), Value::Array(s)) => {
            for (i, v) in s.iter().enumerate() {
                match d.get_mut(i) {
                    Some(x) => merge_missing(x, v),
                    None => d.push(v.clone()),
                }
            }
        }
        _ => {}
    }
}

/// The demo preset: a community nursery in Jinning district with example utility prices.
pub const DEMO: &str = r#"{
  "schema": "tuoyu.request.v1",
  "year": 2026,
  "facility": {
    "name": "晋宁区昆阳街道社区托育园（示例）", "legal_form": "enterprise", "community_based": true,
    "service_modes": ["full_day", "half_day", "hourly", "temporary"],
    "filed_with_health_commission": true, "location_class": "urban"
  },
  "taxpayer": { "vat": "small_scale", "small_low_profit": true },
  "revenue": { "childcare": "1296000", "other": "36000" },
  "income_tax": { "taxable_income": "420000" },
  "properties": [
    { "tenure": "leased", "annual_rent": "216000", "used_from": "2026-03-01" },
    { "tenure": "owned", "original_value": "1500000" }
  ],
  "land": [ { "area_m2": "450", "tax_per_m2": "6", "tenure": "owned" } ],
  "fees": { "registrations": 1,
            "infrastructure": { "floor_area_m2": "300", "rate_per_m2": "150", "date": "2026-04-15" } },
  "utilities": {
    "electricity": { "kwh": "48000", "commercial_price": "0.62", "household_price": "0.48" },
    "gas": { "m3": "2400", "commercial_price": "3.80", "household_price": "2.90" },
    "water": { "tonnes": "1800", "commercial_price": "5.60", "household_price": "3.45" },
    "broadband": { "months": 12, "commercial_price": "300", "household_price": "100" }
  }
}"#;

/// The request of SPEC §9 (the worked example every front end checks against).
pub const SPEC_SAMPLE: &str = r#"{
  "schema": "tuoyu.request.v1", "year": 2026,
  "facility": { "name": "示例托育园", "legal_form": "enterprise", "community_based": true,
    "service_modes": ["full_day", "half_day", "hourly", "temporary"],
    "filed_with_health_commission": true, "location_class": "urban" },
  "taxpayer": { "vat": "general", "small_low_profit": true },
  "revenue": { "childcare": "1800000.00", "other": "0", "input_vat_on_childcare": "12000.00" },
  "income_tax": { "taxable_income": "3100000.00" },
  "properties": [ { "tenure": "owned", "original_value": "2000000" },
    { "tenure": "leased", "annual_rent": "240000", "used_from": "2026-03-01" } ],
  "land": [ { "area_m2": "600", "tax_per_m2": "9", "tenure": "owned" } ],
  "acquisitions": [ { "kind": "house", "price": "3000000", "date": "2026-03-01" } ],
  "fees": { "registrations": 1, "registrations_residential": 0,
    "farmland_reclamation": { "area_m2": "0", "rate_per_m2": "0" },
    "land_reclamation": { "amount": "0" },
    "land_idle": { "land_price": "0", "idle_over_one_year": false },
    "infrastructure": { "floor_area_m2": "1200", "rate_per_m2": "180", "date": "2026-05-10" },
    "air_defence": { "geology_prevents_basement": true, "basement_area_m2": "300", "rate_per_m2": "2000" } },
  "utilities": {
    "electricity": { "kwh": "60000", "commercial_price": "0.62", "household_price": "0.48" },
    "gas": { "m3": "3000", "commercial_price": "3.80", "household_price": "2.90" },
    "water": { "tonnes": "2400", "commercial_price": "5.60", "household_price": "3.45" },
    "broadband": { "months": 12, "commercial_price": "300", "household_price": "100" } },
  "parameters": { "yunnan.property_tax.deduction_ratio": "0.30" }
}"#;
