//! The flat CSV form of claims and reports, shared by the command line and the browser so that
//! no front end maps columns on its own.
//!
//! A claim is one CSV record; its columns are found **by header name** (any order, any subset
//! beyond the required ones). An empty cell means the field is absent. It turns a record's cells
//! into a [`Claim`] and a [`Report`] into cells, and it holds tuoyu's one CSV tokenizer
//! ([`CsvReader`], [`ClaimReader`], [`RecordSplitter`]): the command line and the browser read
//! CSV with it, so a file gives the same rows, lines and errors everywhere (its rules — line
//! ends, quotes, an unclosed quote — are in [`reader`]).
//!
//! ```
//! use calc_core::flat;
//!
//! let headers = ["id", "year", "legal_form", "community_based", "service_modes",
//!                "filed_with_health_commission", "vat", "childcare_revenue",
//!                "claimed_vat_exempt_sales"];
//! let fields = ["c-1", "2026", "enterprise", "true", "full_day;hourly", "true", "general",
//!               "1060000", "1060000.00"];
//! let claim = flat::claim_from_record(&headers, &fields)?;
//! let report = calc_core::verify::verify_claim(&claim);
//! assert_eq!(report.verdict.as_str(), "match");
//! let row = flat::report_row(&report);
//! assert_eq!(row.len(), flat::report_header().len());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Claim columns
//! See [`CLAIM_COLUMNS`] (name, JSON path, meaning). Property, land and acquisition columns
//! describe the first item of their list; a digit after the prefix describes another item:
//! `property2_original_value` is `request.properties[1].original_value` (2–9). Fees, utilities,
//! parameter overrides and the fee-benchmark, capacity and donations sections have no columns —
//! they do not enter a claim's figures or need the JSON form (`tuoyu.claim.v1`).
//!
//! ## Errors
//! An [`Error`] whose `path` is the **column name** at fault (`childcare_revenue`,
//! `property2_used_to`): an unknown header, a cell that cannot be read, a required column missing
//! or empty, a value the request or claim rules refuse (negative amount, `used_from` after
//! `used_to`, …). A record whose field count differs from the header's has an empty path.

use crate::error::Error;
use crate::money::{parse_decimal, round_money, Dec};
use crate::request::{
    Acquisition, AcquisitionKind, Amount, Facility, IncomeTax, LegalForm, LocationClass, Plot,
    Property, Request, Revenue, ServiceMode, Taxpayer, Tenure, VatKind, VatPeriod, REQUEST_SCHEMA,
};
use crate::verify::{Claim, Claimed, Report, CLAIM_SCHEMA};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub mod reader;
pub use reader::{
    not_utf8_error, split_cells, too_long_error, unclosed_quote_error, ClaimReader, CsvReader,
    CsvRecord, Piece, RecordSplitter, CSV_MAX_RECORD,
};

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
        enum Col { $($var,)* }
        /// Every claim column, in the order of the example file.
        pub const CLAIM_COLUMNS: &[ColumnDoc] = &[$(ColumnDoc {
            name: $name, json_path: $path, required: $req, en: $en, zh: $zh,
        },)*];
        const COLS: &[Col] = &[$(Col::$var,)*];
        /// Name, JSON path and whether required, per column: what reading a record needs
        /// (kept apart from the documentation so a front end that only reads carries no docs).
        const COL_INFO: &[(&str, &str, bool)] = &[$(($name, $path, $req),)*];
    };
}

/// What reading needs of a column.
struct ColInfo {
    name: &'static str,
    json_path: &'static str,
    required: bool,
}

columns! {
    Id = "id", "id", false, "claim identifier, echoed in the report", "申报编号（报告中原样返回）";
    Year = "year", "request.year", true, "assessed calendar year, 2000–2100", "所属年度（2000—2100）";
    FacilityName = "facility_name", "request.facility.name", false, "facility name", "机构名称";
    LegalForm_ = "legal_form", "request.facility.legal_form", true,
        "enterprise | public_institution | social_organization | individual_business | other",
        "举办者类型：enterprise 企业 | public_institution 事业单位 | social_organization 社会组织 | individual_business 个体工商户 | other 其他";
    CommunityBased = "community_based", "request.facility.community_based", true,
        "true | false: care from fixed premises in a community", "是否依托社区固定场所：true | false";
    ServiceModes = "service_modes", "request.facility.service_modes", true,
        "`;`-separated: full_day;half_day;hourly;temporary", "服务方式，以 ; 分隔：full_day;half_day;hourly;temporary";
    Filed = "filed_with_health_commission", "request.facility.filed_with_health_commission", true,
        "true | false: filed with the district health commission", "是否已向卫生健康部门备案：true | false";
    LocationClass_ = "location_class", "request.facility.location_class", false,
        "urban | town | other (default urban)", "所在地：urban 市区 | town 县城、镇 | other 其他（默认 urban）";
    Vat = "vat", "request.taxpayer.vat", false, "general | small_scale", "增值税纳税人类型：general 一般纳税人 | small_scale 小规模纳税人";
    SmallLowProfit = "small_low_profit", "request.taxpayer.small_low_profit", false,
        "true | false: small low-profit enterprise (default false)", "是否小型微利企业：true | false（默认 false）";
    VatPeriod_ = "vat_period", "request.taxpayer.vat_period", false,
        "month | quarter: VAT filing period of a small-scale taxpayer (default month)",
        "增值税纳税期限（小规模纳税人）：month 按月 | quarter 按季（默认 month）";
    NurseryVatLaw = "nursery_vat_law", "request.facility.nursery_vat_law", false,
        "true | false: a nursery under VAT Law art.24(7), as the facility declares it (default false)",
        "是否托儿所（《增值税法》第二十四条第（七）项，自行声明）：true | false（默认 false）";
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
/// column each stands for. Items after the first (`property2_…`) have English names only.
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

/// One error for everything wrong with a header row: the path is the first column at fault;
/// the message names every unknown, repeated and missing column, and points at the template
/// (in words that fit the browser as well as the command line).
fn header_error(unknown: &[String], repeated: &[String], missing: &[&str]) -> Error {
    let path = unknown
        .first()
        .or(repeated.first())
        .map_or_else(|| missing.first().copied().unwrap_or(""), String::as_str);
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    if !unknown.is_empty() {
        zh.push(format!("未知的列：{}", unknown.join("、")));
        en.push(format!("unknown columns: {}", unknown.join(", ")));
    }
    if !repeated.is_empty() {
        zh.push(format!("重复的列：{}", repeated.join("、")));
        en.push(format!("columns given twice: {}", repeated.join(", ")));
    }
    if !missing.is_empty() {
        zh.push(format!("缺少必需的列：{}", missing.join("、")));
        en.push(format!("required columns missing: {}", missing.join(", ")));
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

/// The headers of a claim file, resolved once and used for every record.
#[derive(Debug, Clone)]
pub struct ClaimHeaders {
    /// Per header position: the column and its item index (0 for the first item).
    cols: Vec<(Col, usize)>,
    names: Vec<String>,
}

/// A list prefix that takes an item number, and the header's item index.
fn split_indexed(name: &str) -> Option<(String, usize)> {
    for prefix in ["property", "land", "acquisition"] {
        if let Some(rest) = name.strip_prefix(prefix) {
            let b = rest.as_bytes();
            if b.len() >= 2 && (b'2'..=b'9').contains(&b[0]) && b[1] == b'_' {
                return Some((format!("{prefix}{}", &rest[1..]), usize::from(b[0] - b'1')));
            }
        }
    }
    None
}

fn is_indexed(c: Col) -> bool {
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

fn doc(c: Col) -> ColInfo {
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
        for (i, raw) in headers.iter().enumerate() {
            let name = raw.trim().trim_start_matches('\u{feff}');
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
            let name = zh_alias(name).unwrap_or(name);
            let (base, idx) = split_indexed(name).unwrap_or_else(|| (name.to_string(), 0));
            let found = COLS
                .iter()
                .copied()
                .find(|c| doc(*c).name == base && (idx == 0 || is_indexed(*c)));
            match found {
                None => unknown.push(name.chars().take(60).collect::<String>()),
                Some(c) if cols.contains(&(c, idx)) => repeated.push(name.to_string()),
                Some(c) => cols.push((c, idx)),
            }
        }
        let missing: Vec<&str> = COLS
            .iter()
            .filter(|c| doc(**c).required && !cols.iter().any(|(x, _)| x == *c))
            .map(|c| doc(*c).name)
            .collect();
        if !unknown.is_empty() || !repeated.is_empty() || !missing.is_empty() {
            return Err(header_error(&unknown, &repeated, &missing));
        }
        let names = headers
            .iter()
            .map(|h| {
                let h = h.trim().trim_start_matches('\u{feff}');
                zh_alias(h).unwrap_or(h).to_string()
            })
            .collect();
        Ok(ClaimHeaders { cols, names })
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

    /// The claim's id cell, if there is one (for the report of a record that fails).
    #[must_use]
    pub fn id_of<'f>(&self, fields: &[&'f str]) -> Option<&'f str> {
        let i = self.cols.iter().position(|(c, _)| *c == Col::Id)?;
        fields.get(i).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    /// Turns a record into a validated claim.
    ///
    /// # Errors
    /// An [`Error`] whose path is the column at fault.
    pub fn claim(&self, fields: &[&str]) -> Result<Claim, Error> {
        if fields.len() != self.cols.len() {
            return Err(Error::new(
                "",
                &format!(
                    "该行有 {} 个字段，表头有 {} 列",
                    fields.len(),
                    self.cols.len()
                ),
                &format!(
                    "the record has {} fields but the header has {} columns",
                    fields.len(),
                    self.cols.len()
                ),
            ));
        }
        let mut b = Builder::default();
        for (i, ((col, idx), cell)) in self.cols.iter().zip(fields).enumerate() {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            b.set(*col, *idx, cell)
                .map_err(|(zh, en)| Error::new(&self.names[i], &zh, &en))?;
        }
        let claim = b.finish().map_err(|c| {
            let name = self.name_of(c, 0);
            Error::new(&name, "必填，不能为空", "is required but empty")
        })?;
        claim.validate().map_err(|e| self.to_column_error(e))?;
        Ok(claim)
    }

    fn name_of(&self, c: Col, idx: usize) -> String {
        self.cols
            .iter()
            .position(|x| *x == (c, idx))
            .map_or_else(|| doc(c).name.to_string(), |i| self.names[i].clone())
    }

    /// Maps an error on a claim's JSON path back to the column that filled it.
    fn to_column_error(&self, e: Error) -> Error {
        let mut best: Option<(usize, String)> = None;
        for (i, (c, idx)) in self.cols.iter().enumerate() {
            let path = json_path(*c, *idx);
            let hit = e.path == path
                || e.path.starts_with(&format!("{path}."))
                || e.path.starts_with(&format!("{path}["));
            // `…used_to` errors name the used_to path; prefer the longest match.
            if hit && best.as_ref().is_none_or(|(l, _)| path.len() > *l) {
                best = Some((path.len(), self.names[i].clone()));
            }
        }
        let Some((_, column)) = best else {
            return e;
        };
        let strip = |s: &str, sep: &str| -> String {
            s.strip_prefix(&format!("{}{sep}", e.path))
                .unwrap_or(s)
                .to_string()
        };
        Error::new(&column, &strip(&e.zh, "："), &strip(&e.en, ": "))
    }
}

impl ClaimHeaders {
    /// The header names, as given.
    #[must_use]
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The cells of `claim` under these headers — the inverse of [`ClaimHeaders::claim`].
    ///
    /// # Errors
    /// When the claim holds something these columns cannot carry: fees, utilities, parameter
    /// overrides, the fee-benchmark, capacity or donations sections, or more properties, plots or
    /// acquisitions than the header numbers (the path names the first such field).
    pub fn record(&self, claim: &Claim) -> Result<Vec<String>, Error> {
        let r = &claim.request;
        let refuse = |path: &str| {
            Err(Error::new(
                path,
                "CSV 列无法表示该字段（请使用 JSON Lines）",
                "has no CSV column (use JSON Lines)",
            ))
        };
        if r.fees.is_some() {
            return refuse("request.fees");
        }
        if r.utilities.is_some() {
            return refuse("request.utilities");
        }
        if !r.parameters.is_empty() {
            return refuse("request.parameters");
        }
        if r.fee_benchmark.is_some() || r.capacity.is_some() || r.donations.is_some() {
            return refuse("request");
        }
        let has = |c: Col, i: usize| self.cols.contains(&(c, i));
        for (i, p) in r.properties.iter().enumerate() {
            let need = [
                (Col::PropertyTenure, p.tenure.is_some()),
                (Col::PropertyValue, p.original_value.is_some()),
                (Col::PropertyRent, p.annual_rent.is_some()),
                (Col::PropertyFrom, p.used_from.is_some()),
                (Col::PropertyTo, p.used_to.is_some()),
            ];
            if need.iter().any(|(c, set)| *set && !has(*c, i))
                || !need.iter().any(|(c, _)| has(*c, i))
            {
                return refuse(&format!("request.properties[{i}]"));
            }
        }
        for (i, p) in r.land.iter().enumerate() {
            let need = [
                (Col::LandArea, p.area_m2.is_some()),
                (Col::LandTax, p.tax_per_m2.is_some()),
                (Col::LandTenure, p.tenure.is_some()),
                (Col::LandFrom, p.used_from.is_some()),
                (Col::LandTo, p.used_to.is_some()),
            ];
            if need.iter().any(|(c, set)| *set && !has(*c, i))
                || !need.iter().any(|(c, _)| has(*c, i))
            {
                return refuse(&format!("request.land[{i}]"));
            }
        }
        for (i, a) in r.acquisitions.iter().enumerate() {
            let need = [
                (Col::AcqKind, a.kind.is_some()),
                (Col::AcqPrice, a.price.is_some()),
                (Col::AcqDate, a.date.is_some()),
            ];
            if need.iter().any(|(c, set)| *set && !has(*c, i))
                || !need.iter().any(|(c, _)| has(*c, i))
            {
                return refuse(&format!("request.acquisitions[{i}]"));
            }
        }
        let f = &r.facility;
        let tp = r.taxpayer.as_ref();
        let rev = r.revenue.as_ref();
        let d = |x: Option<&Dec>| x.map(ToString::to_string).unwrap_or_default();
        let dt = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
        let mut out = Vec::with_capacity(self.cols.len());
        for (c, i) in &self.cols {
            let (i, c) = (*i, *c);
            let prop = r.properties.get(i);
            let plot = r.land.get(i);
            let acq = r.acquisitions.get(i);
            let cell = match c {
                Col::Id => claim.id.clone().unwrap_or_default(),
                Col::Year => r.year.to_string(),
                Col::FacilityName => f.name.clone().unwrap_or_default(),
                Col::LegalForm_ => name_in(LEGAL_FORMS, &f.legal_form),
                Col::CommunityBased => f.community_based.to_string(),
                Col::ServiceModes => f
                    .service_modes
                    .iter()
                    .map(|m| name_in(SERVICE_MODES, m))
                    .collect::<Vec<_>>()
                    .join(";"),
                Col::Filed => f.filed_with_health_commission.to_string(),
                Col::LocationClass_ => f
                    .location_class
                    .map(|l| name_in(LOCATION_CLASSES, &l))
                    .unwrap_or_default(),
                Col::Vat => tp
                    .and_then(|t| t.vat)
                    .map(|v| name_in(VAT_KINDS, &v))
                    .unwrap_or_default(),
                Col::SmallLowProfit => tp
                    .and_then(|t| t.small_low_profit)
                    .map(|b| b.to_string())
                    .unwrap_or_default(),
                Col::VatPeriod_ => tp
                    .and_then(|t| t.vat_period)
                    .map(|v| name_in(VAT_PERIODS, &v))
                    .unwrap_or_default(),
                Col::NurseryVatLaw => f.nursery_vat_law.map(|b| b.to_string()).unwrap_or_default(),
                Col::ChildcareRevenue => rev
                    .and_then(|r| r.childcare.as_ref())
                    .map(amount_text)
                    .unwrap_or_default(),
                Col::OtherRevenue => rev
                    .and_then(|r| r.other.as_ref())
                    .map(amount_text)
                    .unwrap_or_default(),
                Col::InputVat => d(rev.and_then(|r| r.input_vat_on_childcare.as_ref())),
                Col::TaxableIncome => d(r
                    .income_tax
                    .as_ref()
                    .and_then(|t| t.taxable_income.as_ref())),
                Col::PropertyTenure => prop
                    .and_then(|p| p.tenure)
                    .map(|t| name_in(TENURES, &t))
                    .unwrap_or_default(),
                Col::PropertyValue => d(prop.and_then(|p| p.original_value.as_ref())),
                Col::PropertyRent => d(prop.and_then(|p| p.annual_rent.as_ref())),
                Col::PropertyFrom => dt(prop.and_then(|p| p.used_from)),
                Col::PropertyTo => dt(prop.and_then(|p| p.used_to)),
                Col::LandArea => d(plot.and_then(|p| p.area_m2.as_ref())),
                Col::LandTax => d(plot.and_then(|p| p.tax_per_m2.as_ref())),
                Col::LandTenure => plot
                    .and_then(|p| p.tenure)
                    .map(|t| name_in(TENURES, &t))
                    .unwrap_or_default(),
                Col::LandFrom => dt(plot.and_then(|p| p.used_from)),
                Col::LandTo => dt(plot.and_then(|p| p.used_to)),
                Col::AcqKind => acq
                    .and_then(|a| a.kind)
                    .map(|k| name_in(ACQUISITION_KINDS, &k))
                    .unwrap_or_default(),
                Col::AcqPrice => d(acq.and_then(|a| a.price.as_ref())),
                Col::AcqDate => dt(acq.and_then(|a| a.date)),
                Col::ClaimedVat => d(claim.claimed.vat_exempt_sales.as_ref()),
                Col::ClaimedCit => d(claim.claimed.cit_income_reduction.as_ref()),
                Col::ClaimedProperty => d(claim.claimed.property_tax_exempt.as_ref()),
                Col::ClaimedLand => d(claim.claimed.land_use_tax_exempt.as_ref()),
                Col::ClaimedDeed => d(claim.claimed.deed_tax_exempt.as_ref()),
            };
            out.push(cell);
        }
        Ok(out)
    }
}

fn json_path(c: Col, idx: usize) -> String {
    let p = doc(c).json_path;
    if idx == 0 {
        p.to_string()
    } else {
        p.replacen("[0]", &format!("[{idx}]"), 1)
    }
}

/// Turns one CSV record into a validated claim, given the header record.
///
/// For many records, resolve the headers once with [`ClaimHeaders::new`].
///
/// # Errors
/// An [`Error`] whose path is the CSV column at fault; an unknown header is an error.
pub fn claim_from_record(headers: &[&str], fields: &[&str]) -> Result<Claim, Error> {
    ClaimHeaders::new(headers)?.claim(fields)
}

type CellError = (String, String);

fn bad(what_zh: &str, what_en: &str, cell: &str) -> CellError {
    let shown: String = cell.chars().take(40).collect();
    (
        format!("无法读取“{shown}”：应为{what_zh}"),
        format!("cannot read \"{shown}\": expected {what_en}"),
    )
}

/// A number cell: as JSON writes it, or as people type it (`1,200,000`, `¥1 200 000元`, `120万`),
/// read by the one normaliser of the crate, [`crate::input::parse_amount`].
fn dec(cell: &str) -> Result<Dec, CellError> {
    parse_decimal(cell)
        .or_else(|| crate::input::parse_amount(cell).ok())
        .map(Dec)
        .ok_or_else(|| bad("数字，如 1234.56", "a number such as 1234.56", cell))
}

fn amount(cell: &str) -> Result<Amount, CellError> {
    if !cell.contains(';') {
        return dec(cell).map(|d| Amount::Annual(d.0));
    }
    let mut out = [Decimal::ZERO; 12];
    let mut n = 0;
    for part in cell.split(';') {
        if n == 12 {
            return Err((
                "按月填写时必须正好12个金额".into(),
                "a monthly list must have exactly 12 amounts".into(),
            ));
        }
        out[n] = dec(part.trim())?.0;
        n += 1;
    }
    if n != 12 {
        return Err((
            format!("按月填写时必须正好12个金额（现有{n}个）"),
            format!("a monthly list must have exactly 12 amounts (found {n})"),
        ));
    }
    Ok(Amount::Monthly(out))
}

fn boolean(cell: &str) -> Result<bool, CellError> {
    match cell {
        "true" | "TRUE" | "True" | "1" | "yes" | "是" => Ok(true),
        "false" | "FALSE" | "False" | "0" | "no" | "否" => Ok(false),
        _ => Err(bad("true 或 false", "true or false", cell)),
    }
}

fn date(cell: &str) -> Result<NaiveDate, CellError> {
    cell.parse::<NaiveDate>()
        .map_err(|_| bad("日期 YYYY-MM-DD", "a date YYYY-MM-DD", cell))
}

fn choice<T: Copy>(cell: &str, options: &[(&str, T)]) -> Result<T, CellError> {
    options
        .iter()
        .find(|(n, _)| *n == cell)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let list: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
            let list = list.join(" | ");
            bad(
                &format!("以下之一：{list}"),
                &format!("one of {list}"),
                cell,
            )
        })
}

const TENURES: &[(&str, Tenure)] = &[
    ("owned", Tenure::Owned),
    ("leased", Tenure::Leased),
    ("free_use", Tenure::FreeUse),
];
const LEGAL_FORMS: &[(&str, LegalForm)] = &[
    ("enterprise", LegalForm::Enterprise),
    ("public_institution", LegalForm::PublicInstitution),
    ("social_organization", LegalForm::SocialOrganization),
    ("individual_business", LegalForm::IndividualBusiness),
    ("other", LegalForm::Other),
];
const SERVICE_MODES: &[(&str, ServiceMode)] = &[
    ("full_day", ServiceMode::FullDay),
    ("half_day", ServiceMode::HalfDay),
    ("hourly", ServiceMode::Hourly),
    ("temporary", ServiceMode::Temporary),
];
const LOCATION_CLASSES: &[(&str, LocationClass)] = &[
    ("urban", LocationClass::Urban),
    ("town", LocationClass::Town),
    ("other", LocationClass::Other),
];
const VAT_KINDS: &[(&str, VatKind)] = &[
    ("general", VatKind::General),
    ("small_scale", VatKind::SmallScale),
];
const VAT_PERIODS: &[(&str, VatPeriod)] =
    &[("month", VatPeriod::Month), ("quarter", VatPeriod::Quarter)];
const ACQUISITION_KINDS: &[(&str, AcquisitionKind)] = &[
    ("house", AcquisitionKind::House),
    ("land", AcquisitionKind::Land),
];

fn name_in<T: PartialEq>(options: &[(&'static str, T)], v: &T) -> String {
    options
        .iter()
        .find(|(_, x)| x == v)
        .map_or("", |(n, _)| n)
        .to_string()
}

fn amount_text(a: &Amount) -> String {
    match a {
        Amount::Annual(d) => d.to_string(),
        Amount::Monthly(v) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(";"),
    }
}

fn grow<T: Default>(v: &mut Vec<T>, idx: usize) -> &mut T {
    while v.len() <= idx {
        v.push(T::default());
    }
    &mut v[idx]
}

#[derive(Default)]
struct Builder {
    id: Option<String>,
    year: Option<i32>,
    name: Option<String>,
    legal_form: Option<LegalForm>,
    community_based: Option<bool>,
    service_modes: Option<Vec<ServiceMode>>,
    filed: Option<bool>,
    location_class: Option<LocationClass>,
    nursery_vat_law: Option<bool>,
    taxpayer: Option<Taxpayer>,
    revenue: Option<Revenue>,
    income_tax: Option<IncomeTax>,
    properties: Vec<Property>,
    land: Vec<Plot>,
    acquisitions: Vec<Acquisition>,
    claimed: Claimed,
}

impl Builder {
    fn taxpayer(&mut self) -> &mut Taxpayer {
        self.taxpayer.get_or_insert(Taxpayer {
            vat: None,
            small_low_profit: None,
            vat_period: None,
        })
    }
    fn revenue(&mut self) -> &mut Revenue {
        self.revenue.get_or_insert(Revenue {
            childcare: None,
            other: None,
            input_vat_on_childcare: None,
        })
    }

    fn set(&mut self, c: Col, i: usize, cell: &str) -> Result<(), CellError> {
        match c {
            Col::Id => self.id = Some(cell.to_string()),
            Col::Year => {
                self.year = Some(
                    cell.parse::<i32>()
                        .map_err(|_| bad("年份，如 2026", "a year such as 2026", cell))?,
                );
            }
            Col::FacilityName => self.name = Some(cell.to_string()),
            Col::LegalForm_ => {
                self.legal_form = Some(choice(cell, LEGAL_FORMS)?);
            }
            Col::CommunityBased => self.community_based = Some(boolean(cell)?),
            Col::ServiceModes => {
                let mut modes = Vec::new();
                for part in cell.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                    modes.push(choice(part, SERVICE_MODES)?);
                }
                self.service_modes = Some(modes);
            }
            Col::Filed => self.filed = Some(boolean(cell)?),
            Col::LocationClass_ => {
                self.location_class = Some(choice(cell, LOCATION_CLASSES)?);
            }
            Col::Vat => {
                self.taxpayer().vat = Some(choice(cell, VAT_KINDS)?);
            }
            Col::SmallLowProfit => self.taxpayer().small_low_profit = Some(boolean(cell)?),
            Col::VatPeriod_ => self.taxpayer().vat_period = Some(choice(cell, VAT_PERIODS)?),
            Col::NurseryVatLaw => self.nursery_vat_law = Some(boolean(cell)?),
            Col::ChildcareRevenue => self.revenue().childcare = Some(amount(cell)?),
            Col::OtherRevenue => self.revenue().other = Some(amount(cell)?),
            Col::InputVat => self.revenue().input_vat_on_childcare = Some(dec(cell)?),
            Col::TaxableIncome => {
                self.income_tax = Some(IncomeTax {
                    taxable_income: Some(dec(cell)?),
                });
            }
            Col::PropertyTenure => {
                grow(&mut self.properties, i).tenure = Some(choice(cell, TENURES)?)
            }
            Col::PropertyValue => grow(&mut self.properties, i).original_value = Some(dec(cell)?),
            Col::PropertyRent => grow(&mut self.properties, i).annual_rent = Some(dec(cell)?),
            Col::PropertyFrom => grow(&mut self.properties, i).used_from = Some(date(cell)?),
            Col::PropertyTo => grow(&mut self.properties, i).used_to = Some(date(cell)?),
            Col::LandArea => grow(&mut self.land, i).area_m2 = Some(dec(cell)?),
            Col::LandTax => grow(&mut self.land, i).tax_per_m2 = Some(dec(cell)?),
            Col::LandTenure => grow(&mut self.land, i).tenure = Some(choice(cell, TENURES)?),
            Col::LandFrom => grow(&mut self.land, i).used_from = Some(date(cell)?),
            Col::LandTo => grow(&mut self.land, i).used_to = Some(date(cell)?),
            Col::AcqKind => {
                grow(&mut self.acquisitions, i).kind = Some(choice(cell, ACQUISITION_KINDS)?);
            }
            Col::AcqPrice => grow(&mut self.acquisitions, i).price = Some(dec(cell)?),
            Col::AcqDate => grow(&mut self.acquisitions, i).date = Some(date(cell)?),
            Col::ClaimedVat => self.claimed.vat_exempt_sales = Some(dec(cell)?),
            Col::ClaimedCit => self.claimed.cit_income_reduction = Some(dec(cell)?),
            Col::ClaimedProperty => self.claimed.property_tax_exempt = Some(dec(cell)?),
            Col::ClaimedLand => self.claimed.land_use_tax_exempt = Some(dec(cell)?),
            Col::ClaimedDeed => self.claimed.deed_tax_exempt = Some(dec(cell)?),
        }
        Ok(())
    }

    /// The claim, or the first required column left empty.
    fn finish(self) -> Result<Claim, Col> {
        let facility = Facility {
            name: self.name,
            legal_form: self.legal_form.ok_or(Col::LegalForm_)?,
            community_based: self.community_based.ok_or(Col::CommunityBased)?,
            service_modes: self.service_modes.ok_or(Col::ServiceModes)?,
            filed_with_health_commission: self.filed.ok_or(Col::Filed)?,
            location_class: self.location_class,
            nursery_vat_law: self.nursery_vat_law,
            region: None,
        };
        let request = Request {
            schema: REQUEST_SCHEMA.to_string(),
            year: self.year.ok_or(Col::Year)?,
            facility,
            taxpayer: self.taxpayer,
            revenue: self.revenue,
            income_tax: self.income_tax,
            // Items are numbered by their columns: a gap (property3 without property2) leaves an
            // empty item, whose lines are `missing_input` — never silently dropped.
            properties: self.properties,
            land: self.land,
            acquisitions: self.acquisitions,
            fees: None,
            utilities: None,
            parameters: BTreeMap::new(),
            fee_benchmark: None,
            capacity: None,
            donations: None,
            household: None,
            scenario: None,
        };
        Ok(Claim {
            schema: CLAIM_SCHEMA.to_string(),
            id: self.id,
            request,
            claimed: self.claimed,
        })
    }
}

/// The claimed items, in the order of SPEC §8 (and of the report columns).
pub const CLAIM_ITEMS: [&str; 5] = [
    "vat_exempt_sales",
    "cit_income_reduction",
    "property_tax_exempt",
    "land_use_tax_exempt",
    "deed_tax_exempt",
];

/// The columns of the report CSV: `line, id, verdict, over_claimed_amount`, then for each claimed
/// item `<item>_claimed, <item>_recomputed, <item>_difference, <item>_verdict` (empty when the
/// item was not claimed), then `error_path, error_en, error_zh` (for `invalid_input`).
#[must_use]
pub fn report_header() -> Vec<&'static str> {
    const HEADER: [&str; 27] = [
        "line",
        "id",
        "verdict",
        "over_claimed_amount",
        "vat_exempt_sales_claimed",
        "vat_exempt_sales_recomputed",
        "vat_exempt_sales_difference",
        "vat_exempt_sales_verdict",
        "cit_income_reduction_claimed",
        "cit_income_reduction_recomputed",
        "cit_income_reduction_difference",
        "cit_income_reduction_verdict",
        "property_tax_exempt_claimed",
        "property_tax_exempt_recomputed",
        "property_tax_exempt_difference",
        "property_tax_exempt_verdict",
        "land_use_tax_exempt_claimed",
        "land_use_tax_exempt_recomputed",
        "land_use_tax_exempt_difference",
        "land_use_tax_exempt_verdict",
        "deed_tax_exempt_claimed",
        "deed_tax_exempt_recomputed",
        "deed_tax_exempt_difference",
        "deed_tax_exempt_verdict",
        "error_path",
        "error_en",
        "error_zh",
    ];
    HEADER.to_vec()
}

/// A text cell made safe to open in a spreadsheet (OWASP, CSV injection): a cell that begins
/// with `=`, `+`, `-`, `@`, a tab or a carriage return — which Excel, LibreOffice and Google
/// Sheets would run as a formula, e.g. a claim id `=HYPERLINK(…)` — gets a single quote `'` in
/// front, so the spreadsheet shows it as text. Only cells that hold text taken from the input
/// go through this (the claim id and the error path and messages); the line number, verdicts
/// and money columns are written by the program and stay plain numbers — a difference of
/// `-50000.00` is a number, not a formula.
#[must_use]
pub fn text_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// One report as cells in the order of [`report_header`] (not quoted: the caller's CSV writer
/// quotes; see [`csv_line`] for a writer without dependencies). The text cells (`id`,
/// `error_path`, `error_en`, `error_zh`) are neutralised with [`text_cell`].
#[must_use]
pub fn report_row(r: &Report) -> Vec<String> {
    report_cells(r, text_cell)
}

/// [`report_row`] with the text cells as they are: for a writer that stores them as text
/// cells, never formulas (an xlsx sheet), where a `'` would show.
#[must_use]
pub fn report_row_plain(r: &Report) -> Vec<String> {
    report_cells(r, str::to_string)
}

fn report_cells(r: &Report, text_cell: fn(&str) -> String) -> Vec<String> {
    let mut row = Vec::with_capacity(27);
    row.push(r.line.map(|l| l.to_string()).unwrap_or_default());
    row.push(r.id.as_deref().map(text_cell).unwrap_or_default());
    row.push(r.verdict.as_str().to_string());
    row.push(round_money(r.over_claimed_amount()).to_string());
    for name in CLAIM_ITEMS {
        match r.items.iter().find(|i| i.item == name) {
            Some(i) => {
                row.push(i.claimed.to_string());
                row.push(i.recomputed.to_string());
                row.push(i.difference.to_string());
                row.push(i.verdict.as_str().to_string());
            }
            None => row.extend(std::iter::repeat_n(String::new(), 4)),
        }
    }
    match &r.error {
        Some(e) => {
            row.push(text_cell(&e.path));
            row.push(text_cell(&e.error_en));
            row.push(text_cell(&e.error_zh));
        }
        None => row.extend(std::iter::repeat_n(String::new(), 3)),
    }
    row
}

/// Cells as one CSV line (RFC 4180: a cell with `,`, `"`, CR or LF is quoted, quotes doubled),
/// ending in `\n`.
#[must_use]
pub fn csv_line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = String::new();
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let c = c.as_ref();
        if c.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&c.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(c);
        }
    }
    out.push('\n');
    out
}

/// Reads a whole CSV text into records with [`CsvReader`] (the rules are in its module: RFC 4180
/// quoting, `\n`, `\r\n` or CR-only line ends, a leading byte-order mark and blank lines skipped,
/// an unclosed quote reported on its line without swallowing the rows after it). Each record
/// comes with the physical, 1-based line it starts on. For a file read slice by slice, use
/// [`CsvReader`] or [`ClaimReader`] directly.
#[must_use]
pub fn csv_records(text: &str) -> CsvRecords {
    let mut reader = CsvReader::with_max_record(text.len().max(CSV_MAX_RECORD));
    reader.push(text.as_bytes());
    reader.finish();
    CsvRecords { reader }
}

/// Iterator of [`csv_records`].
#[derive(Debug, Clone)]
pub struct CsvRecords {
    reader: CsvReader,
}

impl Iterator for CsvRecords {
    type Item = CsvRecord;

    fn next(&mut self) -> Option<CsvRecord> {
        self.reader.next_record()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::{verify_claim, Verdict};

    fn ok(r: CsvRecord) -> (u64, Vec<String>) {
        (r.line, r.cells.expect("a readable record"))
    }

    #[test]
    fn csv_records_follow_rfc_4180() {
        let text = "\u{feff}a,b,c\r\n1,\"x, \"\"y\"\"\",3\n\n\"multi\nline\",,\n4,5,6";
        let recs: Vec<_> = csv_records(text).map(ok).collect();
        assert_eq!(recs[0], (1, vec!["a".to_string(), "b".into(), "c".into()]));
        assert_eq!(
            recs[1],
            (2, vec!["1".to_string(), "x, \"y\"".into(), "3".into()])
        );
        assert_eq!(
            recs[2],
            (
                4,
                vec!["multi\nline".to_string(), String::new(), String::new()]
            )
        );
        assert_eq!(recs[3], (6, vec!["4".to_string(), "5".into(), "6".into()]));
        assert_eq!(recs.len(), 4);
        // What csv_line writes, csv_records reads back.
        let cells = ["a,b", "say \"hi\"", "two\nlines", ""];
        let back: Vec<_> = csv_records(&csv_line(&cells)).map(ok).collect();
        assert_eq!(
            back,
            vec![(1, cells.iter().map(|c| c.to_string()).collect::<Vec<_>>())]
        );
    }

    #[test]
    fn the_example_csv_file_reads_as_the_csv_crate_reads_it() {
        // fixtures/claims.csv: every record has the header's number of cells.
        let text = include_str!("../../fixtures/claims.csv");
        let mut recs = csv_records(text).map(ok);
        let (_, header) = recs.next().expect("header");
        let mut n = 0;
        for (line, r) in recs {
            assert_eq!(r.len(), header.len(), "line {line}");
            n += 1;
        }
        assert!(n > 5);
    }

    const H: &[&str] = &[
        "id",
        "year",
        "legal_form",
        "community_based",
        "service_modes",
        "filed_with_health_commission",
        "vat",
        "small_low_profit",
        "childcare_revenue",
        "taxable_income",
        "property_tenure",
        "property_original_value",
        "claimed_vat_exempt_sales",
        "claimed_cit_income_reduction",
        "claimed_property_tax_exempt",
    ];

    fn row<'a>(over: &[(&str, &'a str)]) -> Vec<&'a str> {
        let base = [
            "c1",
            "2026",
            "enterprise",
            "true",
            "full_day;half_day",
            "true",
            "general",
            "false",
            "1060000",
            "500000",
            "owned",
            "2000000",
            "1060000.00",
            "106000.00",
            "",
        ];
        H.iter()
            .zip(base)
            .map(|(h, v)| over.iter().find(|(k, _)| k == h).map_or(v, |(_, x)| *x))
            .collect()
    }

    #[test]
    fn a_well_formed_record_becomes_the_same_claim_as_its_json() {
        let c = claim_from_record(H, &row(&[])).unwrap();
        let json = r#"{"schema":"tuoyu.claim.v1","id":"c1","request":{"schema":"tuoyu.request.v1","year":2026,
          "facility":{"legal_form":"enterprise","community_based":true,"service_modes":["full_day","half_day"],
          "filed_with_health_commission":true},"taxpayer":{"vat":"general","small_low_profit":false},
          "revenue":{"childcare":"1060000"},"income_tax":{"taxable_income":"500000"},
          "properties":[{"tenure":"owned","original_value":"2000000"}]},
          "claimed":{"vat_exempt_sales":"1060000.00","cit_income_reduction":"106000.00"}}"#;
        assert_eq!(c, Claim::from_json(json).unwrap());
        let r = verify_claim(&c);
        assert_eq!(r.verdict, Verdict::Match, "{r:?}");
    }

    #[test]
    fn empty_cells_are_absent_fields() {
        let c = claim_from_record(H, &row(&[("vat", ""), ("small_low_profit", "")])).unwrap();
        assert_eq!(c.request.taxpayer, None);
        assert_eq!(c.claimed.property_tax_exempt, None);
    }

    #[test]
    fn monthly_revenue_is_twelve_semicolon_separated_amounts() {
        let c = claim_from_record(
            H,
            &row(&[("childcare_revenue", "1;2;3;4;5;6;7;8;9;10;11;12")]),
        )
        .unwrap();
        match c.request.revenue.unwrap().childcare.unwrap() {
            Amount::Monthly(m) => assert_eq!(m[11], Decimal::from(12)),
            a => panic!("{a:?}"),
        }
        let e = claim_from_record(H, &row(&[("childcare_revenue", "1;2;3")])).unwrap_err();
        assert_eq!(e.path, "childcare_revenue");
        assert!(e.en.contains("found 3"), "{}", e.en);
    }

    #[test]
    fn errors_name_the_column() {
        let e = claim_from_record(H, &row(&[("childcare_revenue", "1,0000")])).unwrap_err();
        assert_eq!(e.path, "childcare_revenue");
        let e = claim_from_record(H, &row(&[("community_based", "maybe")])).unwrap_err();
        assert_eq!(e.path, "community_based");
        let e = claim_from_record(H, &row(&[("year", "1999")])).unwrap_err();
        assert_eq!(e.path, "year");
        let e = claim_from_record(H, &row(&[("property_original_value", "-5")])).unwrap_err();
        assert_eq!(e.path, "property_original_value");
        assert!(e.en.starts_with("property_original_value: "), "{}", e.en);
        let e = claim_from_record(H, &row(&[("claimed_vat_exempt_sales", "-1")])).unwrap_err();
        assert_eq!(e.path, "claimed_vat_exempt_sales");
        let e = claim_from_record(H, &row(&[("service_modes", "")])).unwrap_err();
        assert_eq!(e.path, "service_modes");
        let e = claim_from_record(H, &row(&[("service_modes", "full_day;nightly")])).unwrap_err();
        assert_eq!(e.path, "service_modes");
    }

    #[test]
    fn used_from_after_used_to_names_the_used_to_column() {
        let mut h = H.to_vec();
        h.extend(["property2_used_from", "property2_used_to"]);
        let mut f = row(&[]);
        f.extend(["2026-05-01", "2026-03-01"]);
        let e = claim_from_record(&h, &f).unwrap_err();
        assert_eq!(e.path, "property2_used_to");
    }

    #[test]
    fn numbered_columns_fill_later_items() {
        let mut h = H.to_vec();
        h.extend(["property2_tenure", "property2_annual_rent"]);
        let mut f = row(&[]);
        f.extend(["leased", "240000"]);
        let c = claim_from_record(&h, &f).unwrap();
        assert_eq!(c.request.properties.len(), 2);
        assert_eq!(c.request.properties[1].tenure, Some(Tenure::Leased));
    }

    #[test]
    fn unknown_repeated_or_missing_headers_are_errors() {
        let mut h = H.to_vec();
        h.push("colour");
        let e = ClaimHeaders::new(&h).unwrap_err();
        assert_eq!(e.path, "colour");
        let mut h = H.to_vec();
        h.push("year");
        assert_eq!(ClaimHeaders::new(&h).unwrap_err().path, "year");
        let h: Vec<&str> = H.iter().copied().filter(|h| *h != "legal_form").collect();
        assert_eq!(ClaimHeaders::new(&h).unwrap_err().path, "legal_form");
        // Every fault is named at once, without a command-line hint.
        let mut h: Vec<&str> = H.iter().copied().filter(|h| *h != "year").collect();
        h.extend(["colour", "size"]);
        let e = ClaimHeaders::new(&h).unwrap_err();
        assert!(e.en.contains("unknown columns: colour, size"), "{}", e.en);
        assert!(e.en.contains("required columns missing: year"), "{}", e.en);
        assert!(
            e.zh.contains("申报模板") && !e.en.contains("--help"),
            "{}",
            e.zh
        );
        // Thousands separators, as Excel shows amounts, read as the plain number.
        let plain = claim_from_record(H, &row(&[("childcare_revenue", "1200000")])).unwrap();
        let grouped = claim_from_record(H, &row(&[("childcare_revenue", "1,200,000")])).unwrap();
        assert_eq!(plain, grouped);
        assert!(claim_from_record(H, &row(&[("childcare_revenue", "1,20,000")])).is_err());
        // Chinese headers name the same columns.
        let zh: Vec<&str> = H
            .iter()
            .map(|n| {
                CLAIM_COLUMNS_ZH
                    .iter()
                    .find(|(_, en)| en == n)
                    .map_or(*n, |(zh, _)| *zh)
            })
            .collect();
        let c = claim_from_record(&zh, &row(&[])).unwrap();
        assert_eq!(c, claim_from_record(H, &row(&[])).unwrap());
        assert!(ClaimHeaders::new(&["id", "property1_tenure"]).is_err());
    }

    #[test]
    fn a_record_of_the_wrong_length_is_an_error() {
        let f = row(&[]);
        let e = claim_from_record(H, &f[..5]).unwrap_err();
        assert_eq!(e.path, "");
        assert!(e.en.contains("5 fields"));
    }

    #[test]
    fn report_rows_match_the_header() {
        let c = claim_from_record(H, &row(&[("claimed_vat_exempt_sales", "2000000")])).unwrap();
        let mut r = verify_claim(&c);
        r.line = Some(7);
        let cells = report_row(&r);
        let header = report_header();
        assert_eq!(cells.len(), header.len());
        let get = |k: &str| cells[header.iter().position(|h| *h == k).unwrap()].as_str();
        assert_eq!(get("line"), "7");
        assert_eq!(get("verdict"), "over_claimed");
        assert_eq!(get("vat_exempt_sales_difference"), "940000.00");
        assert_eq!(get("over_claimed_amount"), "940000.00");
        assert_eq!(get("property_tax_exempt_claimed"), "");
        assert_eq!(get("error_path"), "");

        let e = claim_from_record(H, &row(&[("year", "x")])).unwrap_err();
        let r = Report::invalid(Some("c1".into()), &e, Some(3));
        let cells = report_row(&r);
        let get = |k: &str| cells[header.iter().position(|h| *h == k).unwrap()].as_str();
        assert_eq!(get("verdict"), "invalid_input");
        assert_eq!(get("error_path"), "year");
    }

    #[test]
    fn csv_lines_quote_what_needs_quoting() {
        assert_eq!(
            csv_line(&["a", "b,c", "say \"hi\"", ""]),
            "a,\"b,c\",\"say \"\"hi\"\"\",\n"
        );
    }

    #[test]
    fn the_filing_period_and_the_nursery_declaration_have_columns() {
        let mut h = H.to_vec();
        h.extend(["vat_period", "nursery_vat_law"]);
        let mut f = row(&[("childcare_revenue", "1200000")]);
        f.extend(["quarter", "true"]);
        let headers = ClaimHeaders::new(&h).unwrap();
        let c = headers.claim(&f).unwrap();
        let tp = c.request.taxpayer.as_ref().unwrap();
        assert_eq!(tp.vat_period, Some(VatPeriod::Quarter));
        assert_eq!(c.request.facility.nursery_vat_law, Some(true));
        let cells = headers.record(&c).unwrap();
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        assert_eq!(headers.claim(&cells).unwrap(), c);
        let mut bad = f.clone();
        let n = bad.len();
        bad[n - 2] = "yearly";
        assert_eq!(headers.claim(&bad).unwrap_err().path, "vat_period");
    }

    #[test]
    fn records_written_from_a_claim_read_back_as_the_same_claim() {
        let mut h = H.to_vec();
        h.extend([
            "property2_tenure",
            "property2_annual_rent",
            "property2_used_from",
        ]);
        let mut f = row(&[("childcare_revenue", "1;2;3;4;5;6;7;8;9;10;11;12.5")]);
        f.extend(["leased", "240000", "2026-03-01"]);
        let headers = ClaimHeaders::new(&h).unwrap();
        let c = headers.claim(&f).unwrap();
        let cells = headers.record(&c).unwrap();
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        assert_eq!(headers.claim(&cells).unwrap(), c);
        // A third property has no columns here.
        let mut c3 = c.clone();
        c3.request.properties.push(Property::default());
        assert_eq!(
            headers.record(&c3).unwrap_err().path,
            "request.properties[2]"
        );
    }

    #[test]
    fn every_column_is_documented_and_resolvable() {
        let names: Vec<&str> = CLAIM_COLUMNS.iter().map(|c| c.name).collect();
        let h = ClaimHeaders::new(&names).unwrap();
        assert_eq!(h.len(), CLAIM_COLUMNS.len());
        for c in CLAIM_COLUMNS {
            assert!(!c.en.is_empty() && !c.zh.is_empty());
        }
    }
}
