//! Form state ↔ `tuoyu.request.v1` JSON.
//!
//! The form keeps what the person typed, keyed by the JSON path of the request field it sets
//! (`revenue.childcare`, `properties[0].original_value`) — the same paths calc-core's errors
//! name, so an error lands next to its field. Building the request only places those texts in a
//! JSON tree; validation and every figure are calc-core's. Parts of a loaded request the form has
//! no field for are kept aside and sent back unchanged.

use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// One choice of a select.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opt {
    /// The JSON value.
    pub value: &'static str,
    /// Chinese label.
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
    /// A rate parameter of calc-core whose current value follows the label (e.g. the city
    /// maintenance tax rate of a location), so that no figure is written here.
    pub rate: Option<&'static str>,
}

impl Opt {
    /// The label in `lang`, followed by the current value of its rate parameter, if any.
    #[must_use]
    pub fn label(&self, lang: crate::i18n::Lang) -> String {
        let rate = self
            .rate
            .and_then(|id| param_decimal(id, None, true))
            .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
            .map(|p| format!(" {}%", p.normalize()))
            .unwrap_or_default();
        format!("{}{rate}", lang.t(self.zh, self.en))
    }
}

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
    /// One of a few values.
    Choice(&'static [Opt]),
    /// A date `YYYY-MM-DD`.
    Date,
    /// The service modes, a set of choices.
    Modes,
    /// A JSON object typed by hand (parameter overrides).
    Json,
}

/// A form field: the request path (array indices written `[]`), its kind and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    /// JSON path pattern, e.g. `properties[].original_value`.
    pub path: &'static str,
    /// Kind.
    pub kind: Kind,
    /// Chinese label.
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
    /// Unit or hint shown after the label.
    pub unit: &'static str,
}

const fn f(
    path: &'static str,
    kind: Kind,
    zh: &'static str,
    en: &'static str,
    unit: &'static str,
) -> FieldDef {
    FieldDef {
        path,
        kind,
        zh,
        en,
        unit,
    }
}

const fn o(value: &'static str, zh: &'static str, en: &'static str) -> Opt {
    Opt {
        value,
        zh,
        en,
        rate: None,
    }
}

/// An option whose label is followed by the current value of the rate parameter `rate`.
const fn with_rate(
    value: &'static str,
    zh: &'static str,
    en: &'static str,
    rate: &'static str,
) -> Opt {
    Opt {
        value,
        zh,
        en,
        rate: Some(rate),
    }
}

/// Legal forms.
pub const LEGAL_FORMS: &[Opt] = &[
    o("enterprise", "企业", "Enterprise"),
    o("public_institution", "事业单位", "Public institution"),
    o("social_organization", "社会组织", "Social organisation"),
    o("individual_business", "个体工商户", "Individual business"),
    o("other", "其他", "Other"),
];
/// Service modes.
pub const SERVICE_MODES: &[Opt] = &[
    o("full_day", "全日托", "Full day"),
    o("half_day", "半日托", "Half day"),
    o("hourly", "计时托", "Hourly"),
    o("temporary", "临时托", "Temporary"),
];
const LOCATION: &[Opt] = &[
    o("", "市区（默认）", "Urban (default)"),
    with_rate(
        "urban",
        "市区",
        "Urban",
        "national.surcharge.city_rate.urban",
    ),
    with_rate(
        "town",
        "县城、镇",
        "County town",
        "national.surcharge.city_rate.town",
    ),
    with_rate(
        "other",
        "其他地区",
        "Elsewhere",
        "national.surcharge.city_rate.other",
    ),
];
const VAT: &[Opt] = &[
    o("", "— 未填 —", "— not given —"),
    o("general", "一般纳税人", "General taxpayer"),
    o("small_scale", "小规模纳税人", "Small-scale taxpayer"),
];
const TENURE: &[Opt] = &[
    o("", "— 未填 —", "— not given —"),
    o("owned", "自有", "Owned"),
    o("leased", "承租", "Leased"),
    o("free_use", "无偿使用", "Free use"),
];
const LAND_TENURE: &[Opt] = &[
    o("", "自有（默认）", "Owned (default)"),
    o("owned", "自有", "Owned"),
    o("leased", "承租", "Leased"),
    o("free_use", "无偿使用", "Free use"),
];
const ACQ_KIND: &[Opt] = &[
    o("", "— 未填 —", "— not given —"),
    o("house", "房屋", "House"),
    o("land", "土地使用权", "Land-use right"),
];
const FEE_METHOD: &[Opt] = &[
    o("", "— 未填 —", "— not given —"),
    o(
        "reference",
        "参照公办园收费标准",
        "Public kindergarten reference",
    ),
    o("cost", "成本核算", "Cost based"),
];
const AREA: &[Opt] = &[
    o("", "— 未填 —", "— not given —"),
    o("new", "新建城区（每千人8个）", "New area (8 per 1,000)"),
    o("old", "老城区（每千人6个）", "Old area (6 per 1,000)"),
];

use Kind::*;

/// Every field of the form, in the order shown.
pub const FIELDS: &[FieldDef] = &[
    f("year", Int, "评估年度", "Year assessed", ""),
    f("facility.name", Text, "机构名称", "Facility name", ""),
    f(
        "facility.legal_form",
        Choice(LEGAL_FORMS),
        "组织形式",
        "Legal form",
        "",
    ),
    f(
        "facility.community_based",
        Check,
        "依托社区固定场所提供服务",
        "Care from fixed premises in a community",
        "",
    ),
    f(
        "facility.service_modes",
        Modes,
        "服务方式",
        "Service modes",
        "",
    ),
    f(
        "facility.filed_with_health_commission",
        Check,
        "已向区卫生健康部门备案",
        "Filed with the district health commission",
        "",
    ),
    f(
        "facility.location_class",
        Choice(LOCATION),
        "所在地（城建税税率）",
        "Location (city tax rate)",
        "",
    ),
    f(
        "taxpayer.vat",
        Choice(VAT),
        "增值税纳税人类型",
        "VAT taxpayer",
        "",
    ),
    f(
        "taxpayer.small_low_profit",
        TriBool,
        "小型微利企业",
        "Small low-profit enterprise",
        "",
    ),
    f(
        "revenue.childcare",
        Amount,
        "社区托育服务收入（3周岁及以下）",
        "Community childcare revenue (aged 3 and under)",
        "元 yuan",
    ),
    f(
        "revenue.other",
        Amount,
        "其他销售额",
        "Other sales",
        "元 yuan",
    ),
    f(
        "revenue.input_vat_on_childcare",
        Money,
        "托育服务对应的进项税额",
        "Input VAT on childcare",
        "元 yuan",
    ),
    f(
        "income_tax.taxable_income",
        Money,
        "应纳税所得额（未减计收入前）",
        "Taxable income (before the 90% rule)",
        "元 yuan",
    ),
    f("properties[].tenure", Choice(TENURE), "权属", "Tenure", ""),
    f(
        "properties[].original_value",
        Money,
        "房产原值",
        "Original value",
        "元 yuan",
    ),
    f(
        "properties[].annual_rent",
        Money,
        "年租金（12个月）",
        "Annual rent (12 months)",
        "元 yuan",
    ),
    f(
        "properties[].used_from",
        Date,
        "用于托育起始日",
        "Used from",
        "",
    ),
    f(
        "properties[].used_to",
        Date,
        "用于托育截止日",
        "Used to",
        "",
    ),
    f("land[].area_m2", Money, "面积", "Area", "m²"),
    f(
        "land[].tax_per_m2",
        Money,
        "每平方米年税额",
        "Tax per m² per year",
        "元/m²",
    ),
    f("land[].tenure", Choice(LAND_TENURE), "权属", "Tenure", ""),
    f("land[].used_from", Date, "用于托育起始日", "Used from", ""),
    f("land[].used_to", Date, "用于托育截止日", "Used to", ""),
    f("acquisitions[].kind", Choice(ACQ_KIND), "类型", "Kind", ""),
    f(
        "acquisitions[].price",
        Money,
        "成交价格",
        "Price",
        "元 yuan",
    ),
    f("acquisitions[].date", Date, "纳税义务发生日", "Date", ""),
    f(
        "fees.registrations",
        Int,
        "不动产登记（非住宅）件数",
        "Registrations (non-residential)",
        "件",
    ),
    f(
        "fees.registrations_residential",
        Int,
        "不动产登记（住宅）件数",
        "Registrations (residential)",
        "件",
    ),
    f(
        "fees.farmland_reclamation.area_m2",
        Money,
        "耕地开垦费：面积",
        "Farmland reclamation: area",
        "m²",
    ),
    f(
        "fees.farmland_reclamation.rate_per_m2",
        Money,
        "耕地开垦费：每平方米",
        "Farmland reclamation: per m²",
        "元/m²",
    ),
    f(
        "fees.farmland_reclamation.date",
        Date,
        "耕地开垦费：日期",
        "Farmland reclamation: date",
        "",
    ),
    f(
        "fees.land_reclamation.amount",
        Money,
        "土地复垦费：金额",
        "Land reclamation fee",
        "元 yuan",
    ),
    f(
        "fees.land_reclamation.date",
        Date,
        "土地复垦费：日期",
        "Land reclamation: date",
        "",
    ),
    f(
        "fees.land_idle.land_price",
        Money,
        "土地闲置费：土地价款",
        "Land idle fee: land price",
        "元 yuan",
    ),
    f(
        "fees.land_idle.idle_over_one_year",
        TriBool,
        "土地闲置满一年",
        "Idle for over a year",
        "",
    ),
    f(
        "fees.land_idle.date",
        Date,
        "土地闲置费：日期",
        "Land idle fee: date",
        "",
    ),
    f(
        "fees.infrastructure.floor_area_m2",
        Money,
        "城市基础设施配套费：建筑面积",
        "Infrastructure fee: floor area",
        "m²",
    ),
    f(
        "fees.infrastructure.rate_per_m2",
        Money,
        "城市基础设施配套费：每平方米",
        "Infrastructure fee: per m²",
        "元/m²",
    ),
    f(
        "fees.infrastructure.date",
        Date,
        "城市基础设施配套费：日期",
        "Infrastructure fee: date",
        "",
    ),
    f(
        "fees.air_defence.geology_prevents_basement",
        TriBool,
        "地质条件不宜修建防空地下室",
        "Geology prevents a basement",
        "",
    ),
    f(
        "fees.air_defence.basement_area_m2",
        Money,
        "防空地下室：应建面积",
        "Air defence: basement area",
        "m²",
    ),
    f(
        "fees.air_defence.rate_per_m2",
        Money,
        "防空地下室：每平方米",
        "Air defence: per m²",
        "元/m²",
    ),
    f(
        "fees.air_defence.date",
        Date,
        "防空地下室费：日期",
        "Air defence fee: date",
        "",
    ),
    f(
        "utilities.electricity.kwh",
        Money,
        "用电量",
        "Electricity used",
        "kWh",
    ),
    f(
        "utilities.electricity.commercial_price",
        Money,
        "电价：一般工商业",
        "Power price: commercial",
        "元/kWh",
    ),
    f(
        "utilities.electricity.household_price",
        Money,
        "电价：居民合表",
        "Power price: household (合表)",
        "元/kWh",
    ),
    f("utilities.gas.m3", Money, "用气量", "Gas used", "m³"),
    f(
        "utilities.gas.commercial_price",
        Money,
        "气价：非居民",
        "Gas price: commercial",
        "元/m³",
    ),
    f(
        "utilities.gas.household_price",
        Money,
        "气价：居民第一档",
        "Gas price: household tier 1",
        "元/m³",
    ),
    f("utilities.water.tonnes", Money, "用水量", "Water used", "t"),
    f(
        "utilities.water.commercial_price",
        Money,
        "水价：非居民",
        "Water price: commercial",
        "元/t",
    ),
    f(
        "utilities.water.household_price",
        Money,
        "水价：居民",
        "Water price: household",
        "元/t",
    ),
    f(
        "utilities.broadband.months",
        Int,
        "宽带月数（默认12）",
        "Broadband months (default 12)",
        "月",
    ),
    f(
        "utilities.broadband.commercial_price",
        Money,
        "宽带月费：商业",
        "Broadband monthly: business",
        "元/月",
    ),
    f(
        "utilities.broadband.household_price",
        Money,
        "宽带月费：家庭",
        "Broadband monthly: household",
        "元/月",
    ),
    f(
        "parameters",
        Json,
        "参数覆盖（JSON，按参数编号）",
        "Parameter overrides (JSON, by id)",
        "",
    ),
    f(
        "fee_benchmark.non_profit",
        TriBool,
        "非营利性机构",
        "Non-profit",
        "",
    ),
    f(
        "fee_benchmark.method",
        Choice(FEE_METHOD),
        "定价方法",
        "Method",
        "",
    ),
    f(
        "fee_benchmark.reference.grade",
        Int,
        "公办园等级（1–4）",
        "Kindergarten grade (1–4)",
        "",
    ),
    f(
        "fee_benchmark.reference.fee",
        Money,
        "或直接填写参照收费",
        "Or the reference fee",
        "元/月",
    ),
    f(
        "fee_benchmark.reference.upward_float",
        Money,
        "上浮比例（小数）",
        "Upward float (fraction)",
        "",
    ),
    f(
        "fee_benchmark.cost.annual_operating_cost",
        Money,
        "年运营成本",
        "Annual operating cost",
        "元 yuan",
    ),
    f(
        "fee_benchmark.cost.government_subsidies",
        Money,
        "政府补助",
        "Government subsidies",
        "元 yuan",
    ),
    f(
        "fee_benchmark.cost.donations",
        Money,
        "捐赠收入",
        "Donations",
        "元 yuan",
    ),
    f(
        "fee_benchmark.cost.enrolled_children",
        Int,
        "在托婴幼儿数",
        "Children enrolled",
        "人",
    ),
    f(
        "fee_benchmark.cost.charging_months",
        Int,
        "收费月数",
        "Charging months",
        "月",
    ),
    f(
        "fee_benchmark.cost.cost_recovery_share",
        Money,
        "成本补偿比例（默认1）",
        "Cost recovery share (default 1)",
        "",
    ),
    f(
        "fee_benchmark.days_per_month",
        Money,
        "每月天数",
        "Days per month",
        "天",
    ),
    f(
        "fee_benchmark.full_day_hours",
        Money,
        "全日托小时数",
        "Full-day hours",
        "小时",
    ),
    f(
        "fee_benchmark.half_day_hours",
        Money,
        "半日托小时数",
        "Half-day hours",
        "小时",
    ),
    f(
        "fee_benchmark.proposed.full_day",
        Money,
        "拟收费：全日托（月）",
        "Proposed: full day (month)",
        "元",
    ),
    f(
        "fee_benchmark.proposed.half_day",
        Money,
        "拟收费：半日托（月）",
        "Proposed: half day (month)",
        "元",
    ),
    f(
        "fee_benchmark.proposed.hourly",
        Money,
        "拟收费：计时托（小时）",
        "Proposed: hourly",
        "元",
    ),
    f(
        "fee_benchmark.proposed.temporary",
        Money,
        "拟收费：临时托（天）",
        "Proposed: temporary (day)",
        "元",
    ),
    f(
        "capacity.population",
        Int,
        "常住人口",
        "Resident population",
        "人",
    ),
    f("capacity.area", Choice(AREA), "区域类型", "Area", ""),
    f(
        "capacity.existing_places",
        Int,
        "现有托位",
        "Existing places",
        "个",
    ),
    f(
        "capacity.children.infant",
        Int,
        "乳儿班（6–12个月）人数",
        "Infants (6–12 months)",
        "人",
    ),
    f(
        "capacity.children.young_toddler",
        Int,
        "托小班（12–24个月）人数",
        "Young toddlers (12–24 months)",
        "人",
    ),
    f(
        "capacity.children.older_toddler",
        Int,
        "托大班（24–36个月）人数",
        "Older toddlers (24–36 months)",
        "人",
    ),
    f(
        "capacity.children.mixed",
        Int,
        "混合班（18个月以上）人数",
        "Mixed (over 18 months)",
        "人",
    ),
];

/// The item arrays of the request (rows added and removed by the person).
pub const ARRAYS: &[&str] = &["properties", "land", "acquisitions"];

/// The request path with array indices written `[]` (`properties[2].tenure` →
/// `properties[].tenure`); a trailing month index of an amount is kept.
#[must_use]
pub fn pattern(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_idx = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_idx = true;
                out.push('[');
            }
            ']' => {
                in_idx = false;
                out.push(']');
            }
            _ if in_idx => {}
            _ => out.push(c),
        }
    }
    out
}

/// The definition of the field at `path` (`properties[0].tenure`), if the form has one.
#[must_use]
pub fn def(path: &str) -> Option<&'static FieldDef> {
    let p = pattern(path);
    FIELDS.iter().find(|d| d.path == p)
}

/// The form: texts by request path, item rows, monthly switches, and untouched extra JSON.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Form {
    /// The text of each field, by request path.
    pub values: BTreeMap<String, String>,
    /// Rows of each item array (`properties`, `land`, `acquisitions`).
    pub rows: BTreeMap<String, usize>,
    /// Amounts entered month by month (`revenue.childcare`, `revenue.other`).
    pub monthly: BTreeSet<String>,
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
        self.rows.get(array).copied().unwrap_or(0)
    }

    /// Adds a row to an item array.
    pub fn add_row(&mut self, array: &str) {
        *self.rows.entry(array.to_string()).or_insert(0) += 1;
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
        if n == 1 {
            self.rows.remove(array);
        } else {
            self.rows.insert(array.to_string(), n - 1);
        }
    }

    /// Switches an amount between one annual figure and twelve monthly ones; the figures typed
    /// so far are kept (an annual figure goes into January's box, months are not added up).
    pub fn set_monthly(&mut self, amount: &str, on: bool) {
        if on && self.monthly.insert(amount.to_string()) {
            if let Some(v) = self.values.remove(amount) {
                self.values.insert(month_path(amount, 0), v);
            }
        } else if !on && self.monthly.remove(amount) {
            let first = self.values.remove(&month_path(amount, 0));
            for m in 1..12 {
                self.values.remove(&month_path(amount, m));
            }
            if let Some(v) = first {
                self.values.insert(amount.to_string(), v);
            }
        }
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
            let arr = months
                .iter()
                .map(|m| Value::String(if m.is_empty() { "0" } else { m }.to_string()))
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
                    self.monthly.insert(path.to_string());
                    for (m, x) in a.iter().enumerate() {
                        self.values.insert(month_path(path, m), scalar_text(x));
                    }
                }
                (Json, v) => {
                    let text = serde_json::to_string_pretty(v).unwrap_or_default();
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
                self.rows.insert(path.to_string(), a.len());
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
        TriBool => match t {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => Some(Value::String(t.to_string())),
        },
        Int => Some(match t.parse::<i64>() {
            Ok(n) => Value::from(n),
            Err(_) => Value::String(t.to_string()),
        }),
        Json => Some(serde_json::from_str(t).unwrap_or_else(|_| Value::String(t.to_string()))),
        Text | Money | Amount | Choice(_) | Date => Some(Value::String(t.to_string())),
    }
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
