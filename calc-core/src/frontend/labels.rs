//! Labels for people: the name of every request field (by JSON path) and the texts of the
//! enum options, in Chinese and English.
//!
//! Errors keep the JSON path for machines ([`crate::Error::path`]); a page or a command that
//! shows an error or a missing input to a person names the field by its label instead:
//! `revenue.childcare` → 社区托育服务收入（3周岁及以下） / Community childcare revenue (aged 3 and
//! under), `properties[1].original_value` → 房产 2：房产原值 / Building 2: original value. The
//! JSON values of the enums (`social_organization`, `new`, …) are unchanged; only their texts are
//! here.
//!
//! ```
//! use calc_core::frontend::{labels, Lang};
//! assert_eq!(labels::field_label("revenue.childcare", Lang::Zh), "社区托育服务收入（3周岁及以下）");
//! assert_eq!(labels::field_label("properties[1].original_value", Lang::En), "Building 2: original value");
//! assert_eq!(labels::option_text("capacity.area", "new", Lang::Zh), Some("新建城区"));
//! ```

use super::Lang;
use crate::statement::Status;
use crate::verify::{ClaimItem, Verdict};

/// The label of one request field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldLabel {
    /// JSON path with array indices written `[]` (`properties[].original_value`).
    pub path: &'static str,
    /// Chinese label.
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
}

/// The text of one value of an enum field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionText {
    /// The JSON value (`""` is the text shown for an unset optional field).
    pub value: &'static str,
    /// Chinese text.
    pub zh: &'static str,
    /// English text.
    pub en: &'static str,
}

/// The options of an enum field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionSet {
    /// JSON path with array indices written `[]`.
    pub path: &'static str,
    /// The options, in the order shown.
    pub options: &'static [OptionText],
}

const fn l(path: &'static str, zh: &'static str, en: &'static str) -> FieldLabel {
    FieldLabel { path, zh, en }
}

const fn o(value: &'static str, zh: &'static str, en: &'static str) -> OptionText {
    OptionText { value, zh, en }
}

/// Every field of `tuoyu.request.v1` a person fills in, by path pattern.
pub const FIELDS: &[FieldLabel] = &[
    l("year", "评估年度", "Year assessed"),
    l("facility.name", "机构名称", "Facility name"),
    l("facility.legal_form", "组织形式", "Legal form"),
    l(
        "facility.community_based",
        "依托社区固定场所提供服务",
        "Care from fixed premises in a community",
    ),
    l("facility.service_modes", "服务方式", "Service modes"),
    l(
        "facility.filed_with_health_commission",
        "已向区卫生健康部门备案",
        "Filed with the district health commission",
    ),
    l(
        "facility.location_class",
        "所在地（城建税税率）",
        "Location (city tax rate)",
    ),
    l(
        "facility.region",
        "所在行政区划代码（地方参数）",
        "Administrative division code (local figures)",
    ),
    l("taxpayer.vat", "增值税纳税人类型", "VAT taxpayer"),
    l(
        "taxpayer.small_low_profit",
        "小型微利企业",
        "Small low-profit enterprise",
    ),
    l(
        "revenue.childcare",
        "社区托育服务收入（3周岁及以下）",
        "Community childcare revenue (aged 3 and under)",
    ),
    l("revenue.other", "其他销售额", "Other sales"),
    l(
        "revenue.input_vat_on_childcare",
        "托育服务对应的进项税额",
        "Input VAT on childcare",
    ),
    l(
        "income_tax.taxable_income",
        "应纳税所得额（未减计收入前）",
        "Taxable income (before the 90% rule)",
    ),
    l("properties[].tenure", "权属", "Tenure"),
    l("properties[].original_value", "房产原值", "Original value"),
    l(
        "properties[].annual_rent",
        "年租金（12个月）",
        "Annual rent (12 months)",
    ),
    l("properties[].used_from", "用于托育起始日", "Used from"),
    l("properties[].used_to", "用于托育截止日", "Used to"),
    l("land[].area_m2", "面积", "Area"),
    l("land[].tax_per_m2", "每平方米年税额", "Tax per m² per year"),
    l("land[].tenure", "权属", "Tenure"),
    l("land[].used_from", "用于托育起始日", "Used from"),
    l("land[].used_to", "用于托育截止日", "Used to"),
    l("acquisitions[].kind", "类型", "Kind"),
    l("acquisitions[].price", "成交价格", "Price"),
    l("acquisitions[].date", "纳税义务发生日", "Date"),
    l(
        "fees.registrations",
        "不动产登记（非住宅）件数",
        "Registrations (non-residential)",
    ),
    l(
        "fees.registrations_residential",
        "不动产登记（住宅）件数",
        "Registrations (residential)",
    ),
    l(
        "fees.farmland_reclamation.area_m2",
        "耕地开垦费：面积",
        "Farmland reclamation: area",
    ),
    l(
        "fees.farmland_reclamation.rate_per_m2",
        "耕地开垦费：每平方米",
        "Farmland reclamation: per m²",
    ),
    l(
        "fees.farmland_reclamation.date",
        "耕地开垦费：日期",
        "Farmland reclamation: date",
    ),
    l(
        "fees.land_reclamation.amount",
        "土地复垦费：金额",
        "Land reclamation fee",
    ),
    l(
        "fees.land_reclamation.date",
        "土地复垦费：日期",
        "Land reclamation: date",
    ),
    l(
        "fees.land_idle.land_price",
        "土地闲置费：土地价款",
        "Land idle fee: land price",
    ),
    l(
        "fees.land_idle.idle_over_one_year",
        "土地闲置满一年",
        "Idle for over a year",
    ),
    l(
        "fees.land_idle.date",
        "土地闲置费：日期",
        "Land idle fee: date",
    ),
    l(
        "fees.infrastructure.floor_area_m2",
        "城市基础设施配套费：建筑面积",
        "Infrastructure fee: floor area",
    ),
    l(
        "fees.infrastructure.rate_per_m2",
        "城市基础设施配套费：每平方米",
        "Infrastructure fee: per m²",
    ),
    l(
        "fees.infrastructure.date",
        "城市基础设施配套费：日期",
        "Infrastructure fee: date",
    ),
    l(
        "fees.air_defence.geology_prevents_basement",
        "地质条件不宜修建防空地下室",
        "Geology prevents a basement",
    ),
    l(
        "fees.air_defence.basement_area_m2",
        "防空地下室：应建面积",
        "Air defence: basement area",
    ),
    l(
        "fees.air_defence.rate_per_m2",
        "防空地下室：每平方米",
        "Air defence: per m²",
    ),
    l(
        "fees.air_defence.date",
        "防空地下室费：日期",
        "Air defence fee: date",
    ),
    l("utilities.electricity.kwh", "用电量", "Electricity used"),
    l(
        "utilities.electricity.commercial_price",
        "电价：一般工商业",
        "Power price: commercial",
    ),
    l(
        "utilities.electricity.household_price",
        "电价：居民合表",
        "Power price: household (combined meter)",
    ),
    l("utilities.gas.m3", "用气量", "Gas used"),
    l(
        "utilities.gas.commercial_price",
        "气价：非居民",
        "Gas price: commercial",
    ),
    l(
        "utilities.gas.household_price",
        "气价：居民第一档",
        "Gas price: household tier 1",
    ),
    l("utilities.water.tonnes", "用水量", "Water used"),
    l(
        "utilities.water.commercial_price",
        "水价：非居民",
        "Water price: commercial",
    ),
    l(
        "utilities.water.household_price",
        "水价：居民",
        "Water price: household",
    ),
    l(
        "utilities.broadband.months",
        "宽带月数（默认12）",
        "Broadband months (default 12)",
    ),
    l(
        "utilities.broadband.commercial_price",
        "宽带月费：商业",
        "Broadband monthly: business",
    ),
    l(
        "utilities.broadband.household_price",
        "宽带月费：家庭",
        "Broadband monthly: household",
    ),
    l(
        "parameters",
        "参数覆盖（JSON，按参数编号）",
        "Parameter overrides (JSON, by id)",
    ),
    l("fee_benchmark.non_profit", "非营利性机构", "Non-profit"),
    l("fee_benchmark.method", "定价方法", "Method"),
    l(
        "fee_benchmark.reference.grade",
        "公办园等级（1–4）",
        "Kindergarten grade (1–4)",
    ),
    l(
        "fee_benchmark.reference.fee",
        "或直接填写参照收费",
        "Or the reference fee",
    ),
    l(
        "fee_benchmark.reference.upward_float",
        "上浮比例（小数）",
        "Upward float (fraction)",
    ),
    l(
        "fee_benchmark.cost.annual_operating_cost",
        "年运营成本",
        "Annual operating cost",
    ),
    l(
        "fee_benchmark.cost.government_subsidies",
        "政府补助",
        "Government subsidies",
    ),
    l("fee_benchmark.cost.donations", "捐赠收入", "Donations"),
    l(
        "fee_benchmark.cost.enrolled_children",
        "在托婴幼儿数",
        "Children enrolled",
    ),
    l(
        "fee_benchmark.cost.charging_months",
        "收费月数",
        "Charging months",
    ),
    l(
        "fee_benchmark.cost.cost_recovery_share",
        "成本补偿比例（默认1）",
        "Cost recovery share (default 1)",
    ),
    l("fee_benchmark.days_per_month", "每月天数", "Days per month"),
    l(
        "fee_benchmark.full_day_hours",
        "全日托小时数",
        "Full-day hours",
    ),
    l(
        "fee_benchmark.half_day_hours",
        "半日托小时数",
        "Half-day hours",
    ),
    l(
        "fee_benchmark.proposed.full_day",
        "拟收费：全日托（月）",
        "Proposed: full day (month)",
    ),
    l(
        "fee_benchmark.proposed.half_day",
        "拟收费：半日托（月）",
        "Proposed: half day (month)",
    ),
    l(
        "fee_benchmark.proposed.hourly",
        "拟收费：计时托（小时）",
        "Proposed: hourly",
    ),
    l(
        "fee_benchmark.proposed.temporary",
        "拟收费：临时托（天）",
        "Proposed: temporary (day)",
    ),
    l("capacity.population", "常住人口", "Resident population"),
    l("capacity.area", "区域类型", "Area"),
    l("capacity.existing_places", "现有托位", "Existing places"),
    l(
        "capacity.children.infant",
        "乳儿班（6–12个月）人数",
        "Infants (6–12 months)",
    ),
    l(
        "capacity.children.young_toddler",
        "托小班（12–24个月）人数",
        "Young toddlers (12–24 months)",
    ),
    l(
        "capacity.children.older_toddler",
        "托大班（24–36个月）人数",
        "Older toddlers (24–36 months)",
    ),
    l(
        "capacity.children.mixed",
        "混合班（18个月以上）人数",
        "Mixed (over 18 months)",
    ),
    l("taxpayer.vat_period", "增值税纳税期限", "VAT filing period"),
    l(
        "facility.nursery_vat_law",
        "托儿所（按《增值税法》第二十四条免税）",
        "Nursery (VAT Law art. 24 exemption)",
    ),
    l(
        "scenario.extend_community_to",
        "假设优惠延续至",
        "Assume the preferences run on to",
    ),
    l(
        "household.children[].birth_date",
        "出生日期",
        "Date of birth",
    ),
    l("household.monthly_fee", "每月保育费", "Monthly fee"),
    l(
        "household.months_enrolled",
        "全年入托月数",
        "Months enrolled in the year",
    ),
    l(
        "household.iit_marginal_rate",
        "家长个税边际税率（小数，如 0.1）",
        "Parent's marginal income tax rate (a fraction, e.g. 0.1)",
    ),
    l(
        "household.iit_deduction_share",
        "婴幼儿照护扣除的分摊",
        "Share of the infant-care deduction",
    ),
];

const NOT_GIVEN: OptionText = o("", "— 未填 —", "— not given —");

/// Legal forms, named as operators call themselves (the JSON values are unchanged).
pub const LEGAL_FORMS: &[OptionText] = &[
    o("enterprise", "企业（公司）", "Enterprise (company)"),
    o(
        "public_institution",
        "公办（事业单位）",
        "Public (public institution)",
    ),
    o(
        "social_organization",
        "社会组织：民办非企业单位（社会服务机构）",
        "Social organisation: private non-enterprise unit",
    ),
    o(
        "individual_business",
        "个体工商户",
        "Individual business (sole proprietor)",
    ),
    o("other", "其他", "Other"),
];

/// Service modes.
pub const SERVICE_MODES: &[OptionText] = &[
    o("full_day", "全日托", "Full day"),
    o("half_day", "半日托", "Half day"),
    o("hourly", "计时托", "Hourly"),
    o("temporary", "临时托", "Temporary"),
];

/// Location classes (the city maintenance tax rate follows from them).
pub const LOCATIONS: &[OptionText] = &[
    o("", "市区（默认）", "Urban (default)"),
    o("urban", "市区", "Urban"),
    o("town", "县城、镇", "County town"),
    o("other", "其他地区", "Elsewhere"),
];

/// VAT taxpayer kinds.
pub const VAT_KINDS: &[OptionText] = &[
    NOT_GIVEN,
    o("general", "一般纳税人", "General taxpayer"),
    o("small_scale", "小规模纳税人", "Small-scale taxpayer"),
];

/// Tenure of a building.
pub const TENURES: &[OptionText] = &[
    NOT_GIVEN,
    o("owned", "自有", "Owned"),
    o("leased", "承租", "Leased"),
    o("free_use", "无偿使用", "Free use"),
];

/// Tenure of a plot (owned when not given).
pub const LAND_TENURES: &[OptionText] = &[
    o("", "自有（默认）", "Owned (default)"),
    o("owned", "自有", "Owned"),
    o("leased", "承租", "Leased"),
    o("free_use", "无偿使用", "Free use"),
];

/// Kinds of acquisition.
pub const ACQUISITION_KINDS: &[OptionText] = &[
    NOT_GIVEN,
    o("house", "房屋", "House"),
    o("land", "土地使用权", "Land-use right"),
];

/// Fee benchmark methods.
pub const FEE_METHODS: &[OptionText] = &[
    NOT_GIVEN,
    o(
        "reference",
        "参照公办园收费标准",
        "Public kindergarten reference",
    ),
    o("cost", "成本核算", "Cost based"),
];

/// Area classes of the places norm.
pub const AREAS: &[OptionText] = &[
    NOT_GIVEN,
    // The places per 1,000 residents of each class are parameters
    // (`district.places_per_thousand.*`), shown with their source in the section's result.
    o("new", "新建城区", "Newly built area"),
    o("old", "老城区", "Old town"),
];

/// VAT filing periods of a small-scale taxpayer.
pub const VAT_PERIODS: &[OptionText] = &[
    o("", "按月申报（默认）", "Monthly (default)"),
    o("month", "按月申报", "Monthly"),
    o("quarter", "按季申报", "Quarterly"),
];

/// Shares of the infant-care income-tax deduction one parent takes.
pub const IIT_SHARES: &[OptionText] = &[
    o(
        "",
        "一方全额扣除（默认）",
        "One parent takes it all (default)",
    ),
    o("1", "一方全额扣除", "One parent takes it all"),
    o("0.5", "父母各扣一半", "Both parents split it"),
];

/// The enum fields and their options.
pub const OPTIONS: &[OptionSet] = &[
    OptionSet {
        path: "taxpayer.vat_period",
        options: VAT_PERIODS,
    },
    OptionSet {
        path: "household.iit_deduction_share",
        options: IIT_SHARES,
    },
    OptionSet {
        path: "facility.legal_form",
        options: LEGAL_FORMS,
    },
    OptionSet {
        path: "facility.service_modes",
        options: SERVICE_MODES,
    },
    OptionSet {
        path: "facility.location_class",
        options: LOCATIONS,
    },
    OptionSet {
        path: "taxpayer.vat",
        options: VAT_KINDS,
    },
    OptionSet {
        path: "properties[].tenure",
        options: TENURES,
    },
    OptionSet {
        path: "land[].tenure",
        options: LAND_TENURES,
    },
    OptionSet {
        path: "acquisitions[].kind",
        options: ACQUISITION_KINDS,
    },
    OptionSet {
        path: "fee_benchmark.method",
        options: FEE_METHODS,
    },
    OptionSet {
        path: "capacity.area",
        options: AREAS,
    },
];

/// The item arrays and the name of one item (`房产 2`, `Building 2`).
pub const ITEMS: &[FieldLabel] = &[
    l("properties", "房产", "Building"),
    l("land", "地块", "Plot"),
    l("acquisitions", "购置", "Acquisition"),
    l("household.children", "孩子", "Child"),
];

/// The parts of a request that group fields (objects), for texts that name a whole part
/// ("请求中没有 utilities.gas").
pub const PARTS: &[FieldLabel] = &[
    l("revenue", "收入", "Revenue"),
    l("income_tax", "企业所得税", "Corporate income tax"),
    l("utilities.electricity", "用电", "Electricity"),
    l("utilities.gas", "用气", "Gas"),
    l("utilities.water", "用水", "Water"),
    l("utilities.broadband", "宽带", "Broadband"),
    l(
        "fees.infrastructure",
        "城市基础设施配套费",
        "Urban infrastructure fee",
    ),
    l(
        "fees.air_defence",
        "防空地下室易地建设费",
        "Air-raid shelter relocation fee",
    ),
    l(
        "fees.farmland_reclamation",
        "耕地开垦费",
        "Farmland reclamation fee",
    ),
    l(
        "fees.land_reclamation",
        "土地复垦费",
        "Land reclamation fee",
    ),
    l("fees.land_idle", "土地闲置费", "Idle land fee"),
];

/// English month names (a month of a monthly amount).
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `path` with its array indices written `[]` (`properties[2].tenure` → `properties[].tenure`).
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

/// The label of the field at the path pattern `pattern` (`properties[].tenure`), if it has one.
#[must_use]
pub fn field(pattern: &str) -> Option<&'static FieldLabel> {
    FIELDS.iter().find(|f| f.path == pattern)
}

/// The options of the enum field at `path` (indices allowed), if it is one.
#[must_use]
pub fn options(path: &str) -> Option<&'static [OptionText]> {
    let p = pattern(path);
    OPTIONS.iter().find(|s| s.path == p).map(|s| s.options)
}

/// The text of `value` of the enum field at `path`, in `lang`.
#[must_use]
pub fn option_text(path: &str, value: &str, lang: Lang) -> Option<&'static str> {
    let en = lang == Lang::En;
    options(path)?
        .iter()
        .find(|o| o.value == value)
        .map(|o| if en { o.en } else { o.zh })
}

fn index_of(s: &str) -> Option<(&str, usize, &str)> {
    let (head, rest) = s.split_once('[')?;
    let (n, tail) = rest.split_once(']')?;
    Some((head, n.parse().ok()?, tail))
}

/// The label of the field at `path` for a person, in `lang`: items are numbered
/// from 1 (`properties[1].original_value` → 房产 2：房产原值), a month of a monthly amount is
/// named (`revenue.childcare[2]` → 社区托育服务收入（3周岁及以下）3月), a figure of the parameter
/// data by its label (`parameters.national.cit.rate` → 参数：企业所得税税率). A path without a
/// label is returned as it is.
#[must_use]
pub fn field_label(path: &str, lang: Lang) -> String {
    let en = lang == Lang::En;
    let sep = if en { ": " } else { "：" };
    let pick = |f: &FieldLabel| if en { f.en } else { f.zh };
    // An item of an array.
    if let Some((head, i, tail)) = index_of(path) {
        if let Some(item) = ITEMS.iter().find(|x| x.path == head) {
            let name = format!("{} {}", pick(item), i + 1);
            let p = pattern(path);
            return match field(&p) {
                Some(f) => {
                    let label = pick(f);
                    let label = if en {
                        lower_first(label)
                    } else {
                        label.to_string()
                    };
                    format!("{name}{sep}{label}")
                }
                None if tail.is_empty() => name,
                None => format!("{name}{sep}{}", tail.trim_start_matches('.')),
            };
        }
        // A month of an amount.
        if tail.is_empty() && i < 12 {
            if let Some(f) = field(head) {
                let month = if en {
                    MONTHS_EN[i].to_string()
                } else {
                    format!("{}月", i + 1)
                };
                return if en {
                    format!("{}, {month}", f.en)
                } else {
                    format!("{}{month}", f.zh)
                };
            }
        }
    }
    // A figure of the parameter data the user may supply (`parameters.<id>`): its label.
    // A local figure (`province.deed_tax.rate`) has its generic series' label.
    if let Some(series) = path.strip_prefix("parameters.").and_then(|id| {
        crate::params::Store::embedded().generic(crate::params::ParamId::from_any_id(id)?)
    }) {
        let label = if en {
            series.label_en.as_str()
        } else {
            series.label_zh.as_str()
        };
        return format!("{}{sep}{label}", if en { "Figure" } else { "参数" });
    }
    match field(path) {
        Some(f) => pick(f).to_string(),
        None => path.to_string(),
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // Keep acronyms and proper names (VAT, Kunming) as they are.
        Some(f)
            if f.is_ascii_uppercase()
                && !c.clone().next().is_some_and(|n| n.is_ascii_uppercase()) =>
        {
            f.to_ascii_lowercase().to_string() + c.as_str()
        }
        _ => s.to_string(),
    }
}

/// An error's message for a person: the JSON path it starts with (see [`crate::Error::new`])
/// replaced by the field's label, in `lang`.
///
/// ```
/// let e = calc_core::Error::new("capacity.area", "应为 new 或 old", "must be new or old");
/// assert_eq!(calc_core::frontend::labels::error_text(e.path(), e.message_zh(), calc_core::frontend::Lang::Zh), "区域类型：应为 new 或 old");
/// ```
#[must_use]
pub fn error_text(path: &str, message: &str, lang: Lang) -> String {
    let en = lang == Lang::En;
    let sep = if en { ": " } else { "：" };
    let rest = message
        .strip_prefix(path)
        .filter(|_| !path.is_empty())
        .and_then(|r| r.strip_prefix(sep).or_else(|| r.strip_prefix(':')))
        .unwrap_or(message);
    if path.is_empty() {
        return rest.to_string();
    }
    format!("{}{sep}{rest}", field_label(path, lang))
}

/// The path a statement line's "missing input" reason names (`缺少输入：revenue.childcare` /
/// `missing input: revenue.childcare`), if the reason is one.
#[must_use]
pub fn missing_input_path(reason: &str) -> Option<&str> {
    reason
        .strip_prefix("缺少输入：")
        .or_else(|| reason.strip_prefix("missing input: "))
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.contains(char::is_whitespace))
}

/// The field a text starts with by its label (a line's note such as "社区托育服务收入（3周岁及以下）
/// 应只包含……"): the field's path and the rest of the text, so a page can turn the label into a
/// link to the field. Only fields outside item arrays are matched; the longest label wins.
///
/// ```
/// let (path, rest) = calc_core::frontend::labels::leading_field("社区托育服务收入（3周岁及以下）应只包含……").unwrap();
/// assert_eq!((path, rest), ("revenue.childcare", "应只包含……"));
/// assert_eq!(calc_core::frontend::labels::leading_field("Other sales: none").unwrap().0, "revenue.other");
/// assert!(calc_core::frontend::labels::leading_field("本程序无法核对").is_none());
/// ```
#[must_use]
pub fn leading_field(text: &str) -> Option<(&'static str, &str)> {
    FIELDS
        .iter()
        .filter(|f| !f.path.contains('['))
        .flat_map(|f| [(f.path, f.zh), (f.path, f.en)])
        .filter(|(_, label)| text.starts_with(label))
        .max_by_key(|(_, label)| label.len())
        .map(|(path, label)| (path, &text[label.len()..]))
}

/// Whether `token` names a request field or a part of the request (an object or an item array)
/// that has fields with labels.
fn known_path(token: &str) -> bool {
    let p = pattern(token);
    let prefix = format!("{p}.");
    ITEMS
        .iter()
        .any(|i| i.path == p || format!("{}[]", i.path) == p)
        || FIELDS
            .iter()
            .any(|f| f.path == p || f.path.starts_with(&prefix))
}

/// The label for a path-like token of a text, if it has one: a field (`revenue.childcare`), an
/// item (`properties[1]` → 房产 2), or the last part of a field's path when only one field ends so
/// (`tax_per_m2`).
fn token_label(token: &str, lang: Lang) -> Option<String> {
    let en = lang == Lang::En;
    let p = pattern(token);
    if field(&p).is_some() {
        return Some(field_label(token, lang));
    }
    if let Some((head, _, "")) = index_of(token) {
        if ITEMS.iter().any(|i| i.path == head) {
            return Some(field_label(token, lang));
        }
    }
    if let Some(part) = PARTS.iter().find(|f| f.path == token) {
        return Some(if en { part.en } else { part.zh }.to_string());
    }
    if !token.contains(['.', '[']) {
        let suffix = format!(".{token}");
        let mut ends = FIELDS.iter().filter(|f| f.path.ends_with(&suffix));
        if let (Some(f), None) = (ends.next(), ends.next()) {
            return Some(if en { f.en } else { f.zh }.to_string());
        }
    }
    None
}

/// A text of calc-core (a step, a note, a reason) for a person: each request path in it is
/// replaced by the field's label (`properties[1]：原值 …` → `房产 2：原值 …`, `tax_per_m2 由用户
/// 填写` → `每平方米年税额 由用户填写`), and a path alone in brackets after the words that already
/// name it is left out (`请求中没有耕地开垦费（fees.farmland_reclamation）` → `未填写耕地开垦费`), and
/// "the request has no …" (a machine's words) says what is not filled in.
/// Only tokens written as paths (lower case, with `.`, `[` or `_`) are touched, and after a path a
/// value of its options (`设为 quarter` → `设为 按季申报`); other words, numbers and file names stay.
///
/// ```
/// use calc_core::frontend::{labels::with_labels, Lang};
/// assert_eq!(with_labels("properties[1]：原值 1,500,000", Lang::Zh), "房产 2：原值 1,500,000");
/// assert_eq!(with_labels("请求中没有土地闲置费（fees.land_idle）", Lang::Zh), "未填写土地闲置费");
/// assert_eq!(with_labels("请求中没有购置房屋、土地（acquisitions）", Lang::Zh), "未填写购置房屋、土地");
/// assert_eq!(with_labels("请求中没有 utilities.gas", Lang::Zh), "未填写用气");
/// assert_eq!(with_labels("land[0]: area 450 m²", Lang::En), "Plot 1: area 450 m²");
/// assert_eq!(with_labels("请将 taxpayer.vat_period 设为 quarter", Lang::Zh), "请将 增值税纳税期限 设为 按季申报");
/// assert_eq!(with_labels("the request has no fees.land_idle", Lang::En), "not filled in: idle land fee");
/// assert_eq!(with_labels("the request has no income_tax section", Lang::En), "not filled in: corporate income tax section");
/// assert_eq!(with_labels("税率 0.07，见 docs/RESEARCH.md", Lang::Zh), "税率 0.07，见 docs/RESEARCH.md");
/// ```
#[must_use]
pub fn with_labels(text: &str, lang: Lang) -> String {
    let en = lang == Lang::En;
    let is_tok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']');
    let mut out = String::with_capacity(text.len());
    // The last path in the text, whose option values are shown by their texts.
    let mut last: Option<&str> = None;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let Some(c) = rest.chars().next() else { break };
        // A token starts at a lower-case letter not preceded by another token character.
        let starts = c.is_ascii_lowercase() && !text[..i].ends_with(is_tok);
        if !starts {
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        let len = rest.find(|c: char| !is_tok(c)).unwrap_or(rest.len());
        // A full stop or a bracket closing a sentence is not part of the path.
        let token = rest[..len].trim_end_matches('.');
        let path_like = token.contains(['.', '[', '_']) && !token.contains('/');
        let open_zh = out.ends_with('（');
        let open_en = out.ends_with('(');
        let after = &rest[token.len()..];
        if known_path(token)
            && (open_zh && after.starts_with('）') || open_en && after.starts_with(')'))
        {
            // "…耕地开垦费（fees.farmland_reclamation）": the words before already name it.
            out.pop();
            if open_en && out.ends_with(' ') {
                out.pop();
            }
            i += token.len() + if open_zh { '）'.len_utf8() } else { 1 };
            continue;
        }
        let label = token_label(token, lang).filter(|_| path_like);
        match label {
            // Mid-sentence in English, a label starts in lower case (acronyms stay).
            Some(label)
                if en && !out.trim_end().is_empty() && !out.trim_end().ends_with(['.', ':']) =>
            {
                out.push_str(&lower_first(&label));
            }
            Some(label) => out.push_str(&label),
            // A value of the field named before it ("设为 quarter"): the option's text.
            None => out.push_str(
                last.and_then(|p| option_text(p, token, lang))
                    .unwrap_or(token),
            ),
        }
        if path_like {
            last = Some(token);
        }
        i += token.len();
    }
    // For people the request is the form they fill in: say what is not filled in.
    if let Some(rest) = out.strip_prefix("请求中没有") {
        return format!("未填写{}", rest.trim_start());
    }
    if let Some(rest) = out.strip_prefix("the request has no ") {
        return format!("not filled in: {rest}");
    }
    out
}

/// A line's status in words (the JSON name is [`Status::as_str`]).
///
/// ```
/// use calc_core::frontend::{labels, Lang};
/// use calc_core::Status;
/// assert_eq!(labels::status_text(Status::NotInForce, Lang::Zh), "不在执行期");
/// assert_eq!(labels::status_text(Status::NotInForce, Lang::En), "not in force");
/// ```
#[must_use]
pub fn status_text(status: Status, lang: Lang) -> &'static str {
    let en = lang == Lang::En;
    let (zh, en_text) = match status {
        Status::Applies => ("适用", "applies"),
        Status::NotApplicable => ("不涉及", "not applicable"),
        Status::NotInForce => ("不在执行期", "not in force"),
        Status::NotEligible => ("不符合条件", "not eligible"),
        Status::MissingInput => ("缺少数据", "missing input"),
        Status::Other(u) => (u.as_str(), u.as_str()),
    };
    if en {
        en_text
    } else {
        zh
    }
}

/// A verdict of claim verification in words (the JSON name is [`Verdict::as_str`]).
///
/// ```
/// use calc_core::frontend::{labels, Lang};
/// use calc_core::Verdict;
/// assert_eq!(labels::verdict_text(Verdict::OverClaimed, Lang::Zh), "多报");
/// assert_eq!(labels::verdict_text(Verdict::OverClaimed, Lang::En), "over-claimed");
/// ```
#[must_use]
pub fn verdict_text(verdict: Verdict, lang: Lang) -> &'static str {
    let en = lang == Lang::En;
    let (zh, en_text) = match verdict {
        Verdict::Match => ("相符", "match"),
        Verdict::UnderClaimed => ("少报", "under-claimed"),
        Verdict::MissingInput => ("缺少数据，无法核对", "cannot check: data missing"),
        Verdict::OverClaimed => ("多报", "over-claimed"),
        Verdict::NotInForce => ("不在执行期", "not in force"),
        Verdict::NotEligible => ("不符合条件", "not eligible"),
        Verdict::InvalidInput => ("无法读取", "invalid input"),
        Verdict::Other(u) => (u.as_str(), u.as_str()),
    };
    if en {
        en_text
    } else {
        zh
    }
}

/// A claimed item in words (the JSON name is [`ClaimItem::as_str`]).
///
/// ```
/// use calc_core::frontend::{labels, Lang};
/// use calc_core::verify::ClaimItem;
/// assert_eq!(labels::claim_item_text(ClaimItem::DeedTaxExempt, Lang::Zh), "减免契税");
/// assert_eq!(labels::claim_item_text(ClaimItem::VatExemptSales, Lang::En), "VAT-exempt sales");
/// ```
#[must_use]
pub fn claim_item_text(item: ClaimItem, lang: Lang) -> &'static str {
    let (zh, en) = match item {
        ClaimItem::VatExemptSales => ("免税销售额", "VAT-exempt sales"),
        ClaimItem::CitIncomeReduction => ("减计收入（10%）", "Income reduction (10%)"),
        ClaimItem::PropertyTaxExempt => ("减免房产税", "Property tax exempted"),
        ClaimItem::LandUseTaxExempt => ("减免城镇土地使用税", "Land use tax exempted"),
        ClaimItem::DeedTaxExempt => ("减免契税", "Deed tax exempted"),
        ClaimItem::Other(u) => (u.as_str(), u.as_str()),
    };
    lang.t(zh, en)
}

/// The Chinese headings of the report columns that every report has (the English heading is
/// the column's name, [`crate::frontend::flat::report_header`]). The columns of a claimed item
/// (`<item>_claimed`, …) are headed by the item's [`claim_item_text`] and a word of
/// [`REPORT_ITEM_PARTS_ZH`].
pub const REPORT_COLUMNS_ZH: &[(&str, &str)] = &[
    ("line", "行号"),
    ("id", "申报编号"),
    ("verdict", "结论"),
    ("over_claimed_amount", "多报金额"),
    ("error_path", "出错字段"),
    ("error_en", "错误说明（英文）"),
    ("error_zh", "错误说明"),
    ("reason_zh", "原因及依据"),
    ("reason_en", "原因及依据（英文）"),
    ("warning_zh", "提示及依据"),
    ("warning_en", "提示及依据（英文）"),
];

/// The four columns of a claimed item in a report (`<item>_claimed`, `<item>_recomputed`,
/// `<item>_difference`, `<item>_verdict`) and their Chinese words.
pub const REPORT_ITEM_PARTS_ZH: &[(&str, &str)] = &[
    ("claimed", "申报"),
    ("recomputed", "复算"),
    ("difference", "差额"),
    ("verdict", "结论"),
];

/// The units of the parameter data (`unit` in `parameters.toml` and the region packs) for
/// people: `(unit as written, Chinese, English)`. A unit shown by the value's form — a ratio as a
/// percent, a flag as yes/no, a marginal scale as its brackets — has empty texts.
pub const UNITS: &[(&str, &str, &str)] = &[
    ("ratio", "", ""),
    ("ratio per year", "/年", " a year"),
    ("flag", "", ""),
    ("marginal scale: [upper bound, rate]", "", ""),
    ("yuan", "元", "yuan"),
    ("yuan per month", "元/月", "yuan a month"),
    ("yuan per quarter", "元/季度", "yuan a quarter"),
    ("yuan per registration", "元/件", "yuan per registration"),
    ("yuan per m² per year", "元/平方米·年", "yuan per m² a year"),
    (
        "yuan per child per month",
        "元/人·月",
        "yuan per child a month",
    ),
    (
        "yuan per child per year",
        "元/人·年",
        "yuan per child a year",
    ),
    (
        "yuan per child per month, grades 1–4",
        "元/人·月（一至四级）",
        "yuan per child a month, grades 1–4",
    ),
    ("children", "人", "children"),
    (
        "children per carer",
        "名婴幼儿/每名保育人员",
        "children per carer",
    ),
    (
        "places per 1,000 residents",
        "个托位/每千人",
        "places per 1,000 residents",
    ),
    ("days", "天", "days"),
    ("hours", "小时", "hours"),
    ("years", "年", "years"),
];

/// A unit of the parameter data in words, in `lang` ([`UNITS`]): `yuan per month` →
/// `元/月`; empty for a unit the value's form shows (`ratio`, `flag`); a unit not in the table
/// as it is written.
///
/// ```
/// use calc_core::frontend::{labels::unit_text, Lang};
/// assert_eq!(unit_text("yuan per month", Lang::Zh), "元/月");
/// assert_eq!(unit_text("yuan per month", Lang::En), "yuan a month");
/// assert_eq!(unit_text("ratio", Lang::Zh), "");
/// assert_eq!(unit_text("furlongs", Lang::Zh), "furlongs");
/// ```
#[must_use]
pub fn unit_text(unit: &str, lang: Lang) -> &str {
    let en = lang == Lang::En;
    match UNITS.iter().find(|u| u.0 == unit) {
        Some((_, zh, en_text)) => {
            if en {
                en_text
            } else {
                zh
            }
        }
        None => unit,
    }
}

/// A parameter's value for people, in `lang`: `value` in the JSON shape of
/// overrides (as statements and [`crate::params::in_force`] carry it), `id` its parameter (a
/// public id, a region pack's included), whose unit and kind say how to write it —
///
/// - a ratio as a percent: `"0.05"` → `5%`; a ratio per year → `5%/年` / `5% a year`;
/// - a flag as `是` / `否` (`yes` / `no`);
/// - a marginal scale by its brackets: `[[null,"0.05"]]` → `5%`, `[["1000000","0.025"],[null,"0.10"]]`
///   → `不超过 1,000,000 元的部分 2.5%；超过 1,000,000 元的部分 10%`;
/// - a band as its ends, a table as its cells, with the unit: `["1.5","30"]` →
///   `1.5–30 元/平方米·年`, `["70","90","110","150"]` → `70 / 90 / 110 / 150 元/人·月（一至四级）`;
/// - any other figure grouped in thousands, with its unit ([`unit_text`]): `"1500"` →
///   `1,500 元/月`.
///
/// A value of a shape the parameter does not have (a statement of another version) is written
/// as it is.
///
/// ```
/// use calc_core::frontend::{labels::param_value_text, Lang};
/// use serde_json::json;
/// assert_eq!(param_value_text("national.vat.general_rate", &json!("0.06"), Lang::Zh), "6%");
/// assert_eq!(param_value_text("national.community.preferences_in_force", &json!(true), Lang::Zh), "是");
/// assert_eq!(param_value_text("national.community.preferences_in_force", &json!(false), Lang::En), "no");
/// assert_eq!(param_value_text("national.cit.slpe_schedule", &json!([[null, "0.05"]]), Lang::Zh), "5%");
/// ```
#[must_use]
pub fn param_value_text(id: &str, value: &serde_json::Value, lang: Lang) -> String {
    let en = lang == Lang::En;
    use serde_json::Value as J;
    let store = crate::params::Store::embedded();
    let series = crate::params::ParamId::from_any_id(id)
        .and_then(|p| store.generic(p).or_else(|| store.series(p)));
    let unit = series.map_or("", |s| s.unit.as_str());
    let table = series.is_some_and(|s| s.admissible.length.is_some());
    let ratio = unit == "ratio" || unit == "ratio per year";
    let unit_words = unit_text(unit, lang);
    let with_unit = |figures: String| {
        if unit_words.is_empty() {
            figures
        } else {
            format!("{figures} {unit_words}")
        }
    };
    let figure = |v: &J| -> Option<String> {
        let s = v.as_str()?;
        let d = s.parse::<rust_decimal::Decimal>().ok()?;
        if ratio {
            percent(d)
        } else {
            Some(super::input::group_digits(&d.normalize().to_string()))
        }
    };
    let as_written = || match value {
        J::String(s) => s.clone(),
        other => other.to_string(),
    };
    let text = match value {
        J::Bool(b) => Some(
            match (b, en) {
                (true, false) => "是",
                (false, false) => "否",
                (true, true) => "yes",
                (false, true) => "no",
            }
            .to_string(),
        ),
        J::String(_) => figure(value).map(|f| {
            if unit == "ratio per year" {
                if en {
                    format!("{f} a year")
                } else {
                    format!("{f}/年")
                }
            } else {
                with_unit(f)
            }
        }),
        J::Array(items) if items.iter().all(J::is_array) => schedule_text(items, en),
        J::Array(items) => {
            let cells: Option<Vec<String>> = items.iter().map(figure).collect();
            cells.map(|c| {
                let sep = if !table && c.len() == 2 { "–" } else { " / " };
                with_unit(c.join(sep))
            })
        }
        _ => None,
    };
    text.unwrap_or_else(as_written)
}

/// `d` (a ratio) as a percent: `0.025` → `2.5%`.
fn percent(d: rust_decimal::Decimal) -> Option<String> {
    let p = d.checked_mul(rust_decimal::Decimal::ONE_HUNDRED)?;
    Some(format!("{}%", p.normalize()))
}

/// A marginal scale `[[upper bound or null, rate], …]` in words; `None` when it is not one.
fn schedule_text(brackets: &[serde_json::Value], en: bool) -> Option<String> {
    let mut parts = Vec::with_capacity(brackets.len());
    let mut lower: Option<String> = None;
    for b in brackets {
        let pair = b.as_array().filter(|p| p.len() == 2)?;
        let rate = percent(pair[1].as_str()?.parse().ok()?)?;
        let upper = match &pair[0] {
            serde_json::Value::Null => None,
            v => Some(super::input::group_digits(
                &v.as_str()?
                    .parse::<rust_decimal::Decimal>()
                    .ok()?
                    .normalize()
                    .to_string(),
            )),
        };
        let part = match (&lower, &upper, en) {
            (None, None, _) => rate,
            (None, Some(u), false) => format!("不超过 {u} 元的部分 {rate}"),
            (None, Some(u), true) => format!("{rate} up to {u} yuan"),
            (Some(l), Some(u), false) => format!("超过 {l} 元至 {u} 元的部分 {rate}"),
            (Some(l), Some(u), true) => format!("{rate} from {l} to {u} yuan"),
            (Some(l), None, false) => format!("超过 {l} 元的部分 {rate}"),
            (Some(l), None, true) => format!("{rate} above {l} yuan"),
        };
        parts.push(part);
        if upper.is_none() {
            break;
        }
        lower = upper;
    }
    if parts.len() != brackets.len() {
        return None;
    }
    Some(parts.join(if en { "; " } else { "；" }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_values_for_people() {
        use serde_json::json;
        let t = |id: &str, v: &serde_json::Value, en: bool| {
            param_value_text(id, v, if en { Lang::En } else { Lang::Zh })
        };
        assert_eq!(t("national.vat.general_rate", &json!("0.06"), true), "6%");
        assert_eq!(
            t(
                "national.community.preferences_in_force",
                &json!(true),
                false
            ),
            "是"
        );
        assert_eq!(
            t(
                "national.community.preferences_in_force",
                &json!(false),
                false
            ),
            "否"
        );
        assert_eq!(
            t(
                "national.cit.slpe_schedule",
                &json!([[null, "0.05"]]),
                false
            ),
            "5%"
        );
        assert_eq!(
            t(
                "national.cit.slpe_schedule",
                &json!([["1000000", "0.025"], [null, "0.10"]]),
                false
            ),
            "不超过 1,000,000 元的部分 2.5%；超过 1,000,000 元的部分 10%"
        );
        assert_eq!(
            t("national.cit.slpe_schedule", &json!([["1000000", "0.025"], ["3000000", "0.05"], [null, "0.1"]]), true),
            "2.5% up to 1,000,000 yuan; 5% from 1,000,000 to 3,000,000 yuan; 10% above 3,000,000 yuan"
        );
        assert_eq!(
            t(
                "kunming.kindergarten_fee_by_grade",
                &json!(["70", "90", "110", "150"]),
                false
            ),
            "70 / 90 / 110 / 150 元/人·月（一至四级）"
        );
        assert_eq!(
            t(
                "national.land_use_tax.large_city_band",
                &json!(["1.5", "30"]),
                false
            ),
            "1.5–30 元/平方米·年"
        );
        assert_eq!(
            t(
                "national.land_use_tax.large_city_band",
                &json!(["1.5", "30"]),
                true
            ),
            "1.5–30 yuan per m² a year"
        );
        // Every parameter's values: no JSON punctuation, no English unit in Chinese.
        for s in crate::params::all_series() {
            for e in &s.entries {
                for en in [false, true] {
                    let text = t(s.id.as_str(), &e.value.to_json(), en);
                    assert!(
                        !text.contains('[') && !text.contains('"') && !text.contains("null"),
                        "{} {text}",
                        s.id.as_str()
                    );
                    if !en {
                        assert!(
                            !text.contains("yuan")
                                && !text.contains("per")
                                && !text.contains("ratio"),
                            "{} {text}",
                            s.id.as_str()
                        );
                    }
                }
            }
        }
        // Every unit of the data and of the region packs is in the table; the packs' values too.
        for s in crate::params::all_series() {
            assert!(
                UNITS.iter().any(|u| u.0 == s.unit),
                "unit {:?} of {}",
                s.unit,
                s.id.as_str()
            );
        }
        for pack in crate::params::Store::embedded().packs() {
            for s in &pack.series {
                assert!(
                    UNITS.iter().any(|u| u.0 == s.unit),
                    "unit {:?} of {}",
                    s.unit,
                    s.id.as_str()
                );
                let (_, public) = pack.series_of(s.id).unwrap();
                for e in &s.entries {
                    let text = t(public, &e.value.to_json(), false);
                    assert!(
                        !text.contains('[') && !text.contains('"') && !text.contains("yuan"),
                        "{public} {text}"
                    );
                }
            }
        }
        // A shape the parameter does not have, or an unknown id: as written.
        assert_eq!(t("no.such.id", &json!({"a": 1}), false), "{\"a\":1}");
        assert_eq!(t("national.vat.general_rate", &json!("n/a"), false), "n/a");
    }

    #[test]
    fn every_option_set_names_a_field_and_values_are_unique() {
        for s in OPTIONS {
            assert!(field(s.path).is_some(), "{}", s.path);
            for (i, a) in s.options.iter().enumerate() {
                assert!(
                    s.options[i + 1..].iter().all(|b| b.value != a.value),
                    "{}",
                    a.value
                );
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for f in FIELDS {
            assert!(seen.insert(f.path), "{} twice", f.path);
        }
    }

    #[test]
    fn labels_of_items_months_and_unknown_paths() {
        assert_eq!(field_label("land[0].area_m2", Lang::Zh), "地块 1：面积");
        assert_eq!(field_label("land[0].area_m2", Lang::En), "Plot 1: area");
        assert_eq!(
            field_label("revenue.other[11]", Lang::En),
            "Other sales, December"
        );
        assert_eq!(
            field_label("revenue.childcare[2]", Lang::Zh),
            "社区托育服务收入（3周岁及以下）3月"
        );
        assert_eq!(field_label("properties[3]", Lang::Zh), "房产 4");
        assert_eq!(field_label("no.such.path", Lang::En), "no.such.path");
        assert_eq!(field_label("taxpayer.vat", Lang::En), "VAT taxpayer");
        assert_eq!(
            field_label("parameters.national.cit.rate", Lang::Zh),
            "参数：企业所得税税率"
        );
        assert_eq!(
            field_label("parameters.national.cit.rate", Lang::En),
            "Figure: Corporate income tax rate"
        );
        assert!(
            field_label("parameters.province.deed_tax.rate", Lang::Zh).starts_with("参数：契税")
        );
        assert_eq!(
            field_label("parameters.no.such.id", Lang::En),
            "parameters.no.such.id"
        );
        assert_eq!(
            field_label("acquisitions[0].kind", Lang::En),
            "Acquisition 1: kind"
        );
    }

    #[test]
    fn options_keep_the_json_values() {
        assert_eq!(
            option_text("facility.legal_form", "social_organization", Lang::Zh),
            Some("社会组织：民办非企业单位（社会服务机构）")
        );
        assert_eq!(
            option_text("capacity.area", "old", Lang::En),
            Some("Old town")
        );
        assert_eq!(
            option_text("properties[4].tenure", "leased", Lang::Zh),
            Some("承租")
        );
        assert_eq!(option_text("capacity.area", "middle", Lang::Zh), None);
    }

    #[test]
    fn error_text_replaces_the_path_by_the_label() {
        let e = crate::Error::new("revenue.childcare", "不是有效的数字", "not a number");
        assert_eq!(
            error_text(e.path(), e.message_zh(), Lang::Zh),
            "社区托育服务收入（3周岁及以下）：不是有效的数字"
        );
        assert_eq!(
            error_text(e.path(), e.message_en(), Lang::En),
            "Community childcare revenue (aged 3 and under): not a number"
        );
        assert_eq!(error_text("", "坏了", Lang::Zh), "坏了");
        assert_eq!(
            missing_input_path("缺少输入：taxpayer.vat"),
            Some("taxpayer.vat")
        );
        assert_eq!(missing_input_path("其他"), None);
    }
}
