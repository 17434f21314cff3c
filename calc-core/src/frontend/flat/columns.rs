//! The claim columns and a header row: every documented column ([`CLAIM_COLUMNS`], with the
//! Chinese header names of [`CLAIM_COLUMNS_ZH`]), and [`ClaimHeaders`] — a header row resolved
//! once (by name, any order, numbered items such as `property2_…`) and then used for every
//! record. A header that cannot be used gets one error naming every unknown, repeated and
//! missing column.

use crate::error::Error;

/// A documented claim column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnDoc {
    /// Header name.
    pub name: &'static str,
    /// The field of `tuoyu.claim.v1` it fills.
    pub json_path: &'static str,
    /// Whether a claim needs it (column present and cell not empty).
    pub required: bool,
    /// What to write, in English.
    pub en: &'static str,
    /// What to write, in Chinese.
    pub zh: &'static str,
}

macro_rules! columns {
    ($($var:ident = $name:literal, $path:literal, $req:literal, $en:literal, $zh:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(super) enum Col { $($var,)* }
        /// Every claim column, in the order of the example file.
        pub const CLAIM_COLUMNS: &[ColumnDoc] = &[$(ColumnDoc {
            name: $name, json_path: $path, required: $req, en: $en, zh: $zh,
        },)*];
        pub(super) const COLS: &[Col] = &[$(Col::$var,)*];
        /// Name, JSON path and whether required, per column: what reading a record needs
        /// (kept apart from the documentation so a front end that only reads carries no docs).
        const COL_INFO: &[(&str, &str, bool)] = &[$(($name, $path, $req),)*];
    };
}

/// What reading needs of a column.
pub(super) struct ColInfo {
    pub(super) name: &'static str,
    pub(super) json_path: &'static str,
    pub(super) required: bool,
}

columns! {
    Id = "id", "id", false, "claim identifier, echoed in the report", "申报编号（报告中原样返回）";
    Year = "year", "request.year", true, "assessed calendar year, 2000–2100", "所属年度（2000—2100）";
    FacilityName = "facility_name", "request.facility.name", false, "facility name", "机构名称";
    LegalForm_ = "legal_form", "request.facility.legal_form", true,
        "enterprise | public_institution | social_organization | individual_business | other",
        "举办者类型：企业 | 事业单位 | 社会组织 | 个体工商户 | 其他（也可写代码 enterprise | public_institution | social_organization | individual_business | other）";
    CommunityBased = "community_based", "request.facility.community_based", true,
        "true | false: care from fixed premises in a community", "是否依托社区固定场所：是 | 否（或 true | false）";
    ServiceModes = "service_modes", "request.facility.service_modes", true,
        "`;`-separated: full_day;half_day;hourly;temporary", "服务方式，多个以 ; 或 、 分隔：全日托、半日托、计时托、临时托（或 full_day;half_day;hourly;temporary）";
    Filed = "filed_with_health_commission", "request.facility.filed_with_health_commission", true,
        "true | false: filed with the district health commission", "是否已向卫生健康部门备案：是 | 否（或 true | false）";
    LocationClass_ = "location_class", "request.facility.location_class", false,
        "urban | town | other (default urban)", "所在地：市区 | 县城 | 镇 | 其他地区（或 urban | town | other；默认 市区）";
    Vat = "vat", "request.taxpayer.vat", false, "general | small_scale", "增值税纳税人类型：一般纳税人 | 小规模纳税人（或 general | small_scale）";
    SmallLowProfit = "small_low_profit", "request.taxpayer.small_low_profit", false,
        "true | false: small low-profit enterprise (default false)", "是否小型微利企业：是 | 否（默认 否）";
    VatPeriod_ = "vat_period", "request.taxpayer.vat_period", false,
        "month | quarter: VAT filing period of a small-scale taxpayer (default month)",
        "增值税纳税期限（小规模纳税人）：按月申报 | 按季申报（或 month | quarter；默认 按月）";
    NurseryVatLaw = "nursery_vat_law", "request.facility.nursery_vat_law", false,
        "true | false: a nursery under VAT Law art.24(7), as the facility declares it (default false)",
        "是否托儿所（《增值税法》第二十四条第（七）项，自行声明）：是 | 否（默认 否）";
    Region = "region", "request.facility.region", false,
        "administrative division code (行政区划代码, six digits) whose local figures apply (default 530115, Jinning)",
        "所在行政区划代码（6 位数字，决定适用的地方参数；默认 530115 晋宁区）";
    ChildcareRevenue = "childcare_revenue", "request.revenue.childcare", false,
        "community childcare revenue of the year, or 12 `;`-separated monthly amounts",
        "社区托育服务收入：全年金额，或以 ; 分隔的 12 个月金额";
    OtherRevenue = "other_revenue", "request.revenue.other", false,
        "all other sales, annual or 12 monthly amounts (default 0)", "其他销售额：全年或 12 个月（默认 0）";
    InputVat = "input_vat_on_childcare", "request.revenue.input_vat_on_childcare", false,
        "input VAT attributable to childcare revenue (default 0)", "托育收入对应的进项税额（默认 0）";
    TaxableIncome = "taxable_income", "request.income_tax.taxable_income", false,
        "taxable income without the 90% reduction (may be negative)", "未减计收入前的应纳税所得额（可为负）";
    PropertyTenure = "property_tenure", "request.properties[0].tenure", false,
        "owned | leased | free_use", "房产取得方式：owned 自有 | leased 承租 | free_use 无偿使用";
    PropertyValue = "property_original_value", "request.properties[0].original_value", false,
        "original value (owned, free use)", "房产原值（自有、无偿使用）";
    PropertyRent = "property_annual_rent", "request.properties[0].annual_rent", false,
        "rent for twelve months (leased)", "年租金（承租）";
    PropertyFrom = "property_used_from", "request.properties[0].used_from", false,
        "first day of use, YYYY-MM-DD", "开始用于托育的日期 YYYY-MM-DD";
    PropertyTo = "property_used_to", "request.properties[0].used_to", false,
        "last day of use, YYYY-MM-DD", "停止用于托育的日期 YYYY-MM-DD";
    LandArea = "land_area_m2", "request.land[0].area_m2", false, "plot area, m²", "土地面积（平方米）";
    LandTax = "land_tax_per_m2", "request.land[0].tax_per_m2", false,
        "land use tax per m² per year", "每平方米年税额";
    LandTenure = "land_tenure", "request.land[0].tenure", false,
        "owned | leased | free_use (default owned)", "土地取得方式（默认 owned）";
    LandFrom = "land_used_from", "request.land[0].used_from", false, "first day of use", "开始使用日期";
    LandTo = "land_used_to", "request.land[0].used_to", false, "last day of use", "停止使用日期";
    AcqKind = "acquisition_kind", "request.acquisitions[0].kind", false, "house | land", "承受的是 house 房屋 | land 土地";
    AcqPrice = "acquisition_price", "request.acquisitions[0].price", false, "price (deed tax base)", "成交价格（契税计税依据）";
    AcqDate = "acquisition_date", "request.acquisitions[0].date", false,
        "date the deed tax would fall due, YYYY-MM-DD", "契税纳税义务发生日期 YYYY-MM-DD";
    ClaimedVat = "claimed_vat_exempt_sales", "claimed.vat_exempt_sales", false,
        "claimed VAT-exempt sales (compared with R)", "申报的免税销售额";
    ClaimedCit = "claimed_cit_income_reduction", "claimed.cit_income_reduction", false,
        "claimed 减计收入 (10% of R), not the tax saved", "申报的减计收入额（收入的 10%）";
    ClaimedProperty = "claimed_property_tax_exempt", "claimed.property_tax_exempt", false,
        "claimed property tax exempted (own buildings)", "申报的房产税减免额";
    ClaimedLand = "claimed_land_use_tax_exempt", "claimed.land_use_tax_exempt", false,
        "claimed land use tax exempted (own land)", "申报的城镇土地使用税减免额";
    ClaimedDeed = "claimed_deed_tax_exempt", "claimed.deed_tax_exempt", false,
        "claimed deed tax exempted", "申报的契税减免额";
}

/// Short Chinese names accepted as headers (the claims template's Chinese header row), and the
/// column each stands for. Items after the first take their number at the end of the Chinese
/// name: `房产原值2` is `property2_original_value` (2–9).
pub const CLAIM_COLUMNS_ZH: &[(&str, &str)] = &[
    ("申报编号", "id"),
    ("所属年度", "year"),
    ("机构名称", "facility_name"),
    ("举办者类型", "legal_form"),
    ("是否依托社区", "community_based"),
    ("服务方式", "service_modes"),
    ("是否已备案", "filed_with_health_commission"),
    ("所在地", "location_class"),
    ("增值税纳税人类型", "vat"),
    ("是否小型微利企业", "small_low_profit"),
    ("增值税纳税期限", "vat_period"),
    ("是否托儿所", "nursery_vat_law"),
    ("行政区划代码", "region"),
    ("托育服务收入", "childcare_revenue"),
    ("其他销售额", "other_revenue"),
    ("托育进项税额", "input_vat_on_childcare"),
    ("应纳税所得额", "taxable_income"),
    ("房产取得方式", "property_tenure"),
    ("房产原值", "property_original_value"),
    ("房产年租金", "property_annual_rent"),
    ("房产开始使用日期", "property_used_from"),
    ("房产停止使用日期", "property_used_to"),
    ("土地面积", "land_area_m2"),
    ("土地每平方米年税额", "land_tax_per_m2"),
    ("土地取得方式", "land_tenure"),
    ("土地开始使用日期", "land_used_from"),
    ("土地停止使用日期", "land_used_to"),
    ("承受类型", "acquisition_kind"),
    ("成交价格", "acquisition_price"),
    ("契税纳税义务发生日期", "acquisition_date"),
    ("申报免税销售额", "claimed_vat_exempt_sales"),
    ("申报减计收入额", "claimed_cit_income_reduction"),
    ("申报房产税减免额", "claimed_property_tax_exempt"),
    ("申报城镇土地使用税减免额", "claimed_land_use_tax_exempt"),
    ("申报契税减免额", "claimed_deed_tax_exempt"),
];

/// The column a Chinese header stands for.
fn zh_alias(name: &str) -> Option<&'static str> {
    CLAIM_COLUMNS_ZH
        .iter()
        .find(|(zh, _)| *zh == name)
        .map(|(_, en)| *en)
}

/// The prefixes of the columns of a list (properties, plots, acquisitions), which take an item
/// number: `property2_…`.
const LIST_PREFIXES: [&str; 3] = ["property", "land", "acquisition"];

/// The English name of a header: a Chinese name as the column it stands for (`房产原值2` as
/// `property2_original_value`), any other name as it is.
pub(super) fn english_name(name: &str) -> std::borrow::Cow<'_, str> {
    if let Some(en) = zh_alias(name) {
        return en.into();
    }
    let numbered = name
        .char_indices()
        .last()
        .filter(|(_, d)| ('2'..='9').contains(d))
        .and_then(|(at, d)| {
            let en = zh_alias(&name[..at])?;
            LIST_PREFIXES
                .iter()
                .find_map(|p| en.strip_prefix(p).map(|rest| format!("{p}{d}{rest}")))
        });
    numbered.map_or(name.into(), Into::into)
}

/// The English name of item `item` (0-based) of a column: `property_original_value`, item 1 →
/// `property2_original_value`.
pub(super) fn numbered_name(name: &str, item: usize) -> String {
    if item == 0 {
        return name.to_string();
    }
    LIST_PREFIXES
        .iter()
        .find_map(|p| {
            name.strip_prefix(p)
                .map(|rest| format!("{p}{}{rest}", item + 1))
        })
        .unwrap_or_else(|| name.to_string())
}

/// The Chinese name of item `item` (0-based) of a column (`房产原值`, item 1 → `房产原值2`); the
/// English name when the column has no Chinese one.
pub(super) fn numbered_zh(name: &str, item: usize) -> String {
    match CLAIM_COLUMNS_ZH.iter().find(|(_, en)| *en == name) {
        Some((zh, _)) if item == 0 => (*zh).to_string(),
        Some((zh, _)) => format!("{zh}{}", item + 1),
        None => numbered_name(name, item),
    }
}

/// One error for everything wrong with a header row: the path is the first column at fault;
/// the message names every unknown, repeated and missing column — each as the file has it or,
/// missing, in the file's language ([`missing_name`]: `所属年度`, in English `所属年度 (year)`) — and points at the template (in words that fit the browser as well as the
/// command line).
fn header_error(unknown: &[String], repeated: &[String], missing: &[(String, String)]) -> Error {
    let path = unknown
        .first()
        .or(repeated.first())
        .or(missing.first().map(|(zh, _)| zh))
        .map_or("", String::as_str);
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    let (missing_zh, missing_en): (Vec<&str>, Vec<&str>) = missing
        .iter()
        .map(|(zh, en)| (zh.as_str(), en.as_str()))
        .unzip();
    if !unknown.is_empty() {
        zh.push(format!("未知的列：{}", unknown.join("、")));
        en.push(format!("unknown columns: {}", unknown.join(", ")));
    }
    if !repeated.is_empty() {
        zh.push(format!("重复的列：{}", repeated.join("、")));
        en.push(format!("columns given twice: {}", repeated.join(", ")));
    }
    if !missing.is_empty() {
        zh.push(format!("缺少必需的列：{}", missing_zh.join("、")));
        en.push(format!(
            "required columns missing: {}",
            missing_en.join(", ")
        ));
    }
    Error::new(
        path,
        &format!(
            "表头无法使用（{}）。可用的列及填写说明见申报模板",
            zh.join("；")
        ),
        &format!(
            "the header row cannot be used ({}). The claims template lists the columns and how to fill them",
            en.join("; ")
        ),
    )
}

/// Whether a header row is in Chinese: at least half of its headings hold a Chinese character.
fn is_chinese(headings: &[&str]) -> bool {
    let zh = headings
        .iter()
        .filter(|h| h.chars().any(|c| ('\u{2e80}'..='\u{9fff}').contains(&c)))
        .count();
    zh > 0 && 2 * zh >= headings.len()
}

/// A missing required column as the file's officer would look for it, in Chinese and in English
/// words: in a Chinese-headed file its Chinese heading (`所属年度`; in English with the contract
/// name beside it, `所属年度 (year)`), else its name.
fn missing_name(name: &str, chinese: bool) -> (String, String) {
    match CLAIM_COLUMNS_ZH.iter().find(|(_, en)| *en == name) {
        Some((zh, _)) if chinese => ((*zh).to_string(), format!("{zh} ({name})")),
        _ => (name.to_string(), name.to_string()),
    }
}

/// The headers of a claim file, resolved once and used for every record.
#[derive(Debug, Clone)]
pub struct ClaimHeaders {
    /// Per header position: the column and its item index (0 for the first item).
    pub(super) cols: Vec<(Col, usize)>,
    /// Per header position: the column's contract name (`childcare_revenue`).
    pub(super) names: Vec<String>,
    /// Per header position: the heading as the file has it (trimmed, without a byte-order
    /// mark), which errors name: `托育服务收入` in a Chinese-headed file.
    pub(super) headings: Vec<String>,
}

/// A list prefix that takes an item number, and the header's item index.
fn split_indexed(name: &str) -> Option<(String, usize)> {
    for prefix in LIST_PREFIXES {
        if let Some(rest) = name.strip_prefix(prefix) {
            let b = rest.as_bytes();
            if b.len() >= 2 && (b'2'..=b'9').contains(&b[0]) && b[1] == b'_' {
                return Some((format!("{prefix}{}", &rest[1..]), usize::from(b[0] - b'1')));
            }
        }
    }
    None
}

pub(super) fn is_indexed(c: Col) -> bool {
    matches!(
        c,
        Col::PropertyTenure
            | Col::PropertyValue
            | Col::PropertyRent
            | Col::PropertyFrom
            | Col::PropertyTo
            | Col::LandArea
            | Col::LandTax
            | Col::LandTenure
            | Col::LandFrom
            | Col::LandTo
            | Col::AcqKind
            | Col::AcqPrice
            | Col::AcqDate
    )
}

pub(super) fn doc(c: Col) -> ColInfo {
    let (name, json_path, required) = COL_INFO[c as usize];
    ColInfo {
        name,
        json_path,
        required,
    }
}

impl ClaimHeaders {
    /// Resolves a header record.
    ///
    /// # Errors
    /// An unknown or repeated header (path: the header), or a required column missing.
    pub fn new(headers: &[&str]) -> Result<ClaimHeaders, Error> {
        let mut cols = Vec::with_capacity(headers.len());
        let (mut unknown, mut repeated) = (Vec::new(), Vec::new());
        let typed: Vec<&str> = headers
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').trim())
            .collect();
        for (i, name) in typed.iter().copied().enumerate() {
            if name.contains('\0') {
                return Err(Error::new(
                    "",
                    "表头中有空字符（NUL）：文件似乎是 UTF-16 编码（Excel 的“Unicode 文本”）；请另存为“CSV UTF-8（逗号分隔）”后再试",
                    "the header row holds NUL characters: the file looks like UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8 (comma delimited)\" and try again",
                ));
            }
            if name.is_empty() {
                let n = i + 1;
                let (zh, en) = if n == headers.len() && n > 1 {
                    (
                        format!("表头第 {n} 列（最后一列）没有列名：表头行末尾多了一个逗号？请删除该逗号或空列"),
                        format!("column {n} of the header row (the last) has no name: is there a comma at the end of the header row? Remove it, or the empty column"),
                    )
                } else {
                    (
                        format!("表头第 {n} 列没有列名：请填写列名或删除该空列"),
                        format!("column {n} of the header row has no name: name it, or remove the empty column"),
                    )
                };
                return Err(Error::new("", &zh, &en));
            }
            let name = english_name(name);
            let name = name.as_ref();
            let (base, idx) = split_indexed(name).unwrap_or_else(|| (name.to_string(), 0));
            let found = COLS
                .iter()
                .copied()
                .find(|c| doc(*c).name == base && (idx == 0 || is_indexed(*c)));
            match found {
                None => unknown.push(name.chars().take(60).collect::<String>()),
                Some(c) if cols.contains(&(c, idx)) => {
                    repeated.push(typed[i].chars().take(60).collect::<String>());
                }
                Some(c) => cols.push((c, idx)),
            }
        }
        let chinese = is_chinese(&typed);
        let missing: Vec<(String, String)> = COLS
            .iter()
            .filter(|c| doc(**c).required && !cols.iter().any(|(x, _)| x == *c))
            .map(|c| missing_name(doc(*c).name, chinese))
            .collect();
        if !unknown.is_empty() || !repeated.is_empty() || !missing.is_empty() {
            return Err(header_error(&unknown, &repeated, &missing));
        }
        let names = typed.iter().map(|h| english_name(h).into_owned()).collect();
        let headings = typed.iter().map(|h| (*h).to_string()).collect();
        Ok(ClaimHeaders {
            cols,
            names,
            headings,
        })
    }

    /// The number of columns.
    #[must_use]
    pub fn len(&self) -> usize {
        self.cols.len()
    }

    /// Whether there are no columns.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.cols.is_empty()
    }

    /// The columns' contract names, in the file's order (a Chinese heading as the column it
    /// stands for: `托育服务收入` as `childcare_revenue`).
    #[must_use]
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The headings as the file has them (trimmed, without a byte-order mark), in order: what
    /// an error about a column names, so that it is the column the officer sees.
    ///
    /// ```
    /// use calc_core::frontend::flat::ClaimHeaders;
    /// let h = ClaimHeaders::new(&["所属年度", "举办者类型", "是否依托社区", "服务方式",
    ///     "是否已备案", "托育服务收入"]).unwrap();
    /// assert_eq!(h.headings()[5], "托育服务收入");
    /// assert_eq!(h.names()[5], "childcare_revenue");
    /// let e = h.claim(&["2026", "企业", "是", "全日托", "是", "很多"]).unwrap_err();
    /// assert_eq!(e.path(), "托育服务收入");
    /// ```
    #[must_use]
    pub fn headings(&self) -> &[String] {
        &self.headings
    }
}

/// The JSON path a column fills, for its item `idx` (`properties[1]…` for `property2_…`).
pub(super) fn json_path(c: Col, idx: usize) -> String {
    let p = doc(c).json_path;
    if idx == 0 {
        p.to_string()
    } else {
        p.replacen("[0]", &format!("[{idx}]"), 1)
    }
}
