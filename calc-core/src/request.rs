//! `tuoyu.request.v1`: a facility and the year to assess (SPEC §9).
//!
//! Inputs are strict: an unknown field is an error naming its path. Every optional section is an
//! `Option`; a field missing inside a present section makes the lines that need it
//! `missing_input`, not an error.

use crate::error::Error;
use crate::money::Dec;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The schema name of a request.
pub const REQUEST_SCHEMA: &str = "tuoyu.request.v1";

/// A facility, the calendar year to assess, and the sections that drive each line.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Always `tuoyu.request.v1`.
    pub schema: String,
    /// The calendar (CIT) year assessed, 2000–2100.
    pub year: i32,
    /// Who provides the care, and how.
    pub facility: Facility,
    /// VAT status and the small low-profit flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxpayer: Option<Taxpayer>,
    /// Revenue of the year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue: Option<Revenue>,
    /// Corporate income tax figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income_tax: Option<IncomeTax>,
    /// Buildings used for community childcare.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<Property>,
    /// Land used for community childcare.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub land: Vec<Plot>,
    /// Houses and land-use rights acquired for community childcare.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acquisitions: Vec<Acquisition>,
    /// Administrative fees that would be due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fees: Option<Fees>,
    /// Utility quantities and prices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utilities: Option<Utilities>,
    /// Parameter overrides by id, for this request only (an id given twice is refused).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub parameters: BTreeMap<String, serde_json::Value>,
    /// Fee benchmark (SPEC §5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_benchmark: Option<crate::fee_benchmark::FeeBenchmarkRequest>,
    /// Places and carers (SPEC §6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<crate::capacity::CapacityRequest>,
    /// Donations (SPEC §7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub donations: Option<crate::donations::DonationsRequest>,
    /// A family's net cost of a place (SPEC §12.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household: Option<crate::household::HouseholdRequest>,
    /// "What if the preferences are extended?" (SPEC §12.3). Never part of a claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<Scenario>,
}

/// A "what if" scenario (SPEC §12.3): the figures it assumes are marked as such.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The community preferences (the `community_2026` window) and every parameter series that
    /// ends on 2027-12-31 are assumed to run on to this date (whole months count). A date on or
    /// before 2027-12-31 changes nothing.
    #[serde(deserialize_with = "crate::date::deserialize")]
    pub extend_community_to: NaiveDate,
}

impl Scenario {
    /// Whether the scenario reaches `year`: the year is after the published end and its
    /// 1 January is on or before the date.
    #[must_use]
    pub fn active_in(&self, year: i32) -> bool {
        year >= 2028
            && NaiveDate::from_ymd_opt(year, 1, 1).is_some_and(|d| d <= self.extend_community_to)
    }
}

/// Reads a JSON object into a map, refusing a key given twice (a map would keep the last
/// silently, as serde does; a struct's fields are refused twice by serde itself).
fn unique_keys<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, serde_json::Value>, D::Error> {
    struct Unique;
    impl<'de> Visitor<'de> for Unique {
        type Value = BTreeMap<String, serde_json::Value>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object of parameter overrides by id")
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if out.contains_key(&key) {
                    return Err(de::Error::custom(crate::money::tagged(
                        &format!("参数 {key} 重复出现：每个参数只能覆盖一次"),
                        &format!("parameter {key} is given twice: override each parameter once"),
                    )));
                }
                let value = map.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique)
}

/// The facility (art.三 definitions).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facility {
    /// Name, shown on the statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Legal form (企业、事业单位、社会组织 qualify).
    pub legal_form: LegalForm,
    /// Care from fixed premises in a community (urban or rural).
    pub community_based: bool,
    /// Service modes offered.
    pub service_modes: Vec<ServiceMode>,
    /// Filed (备案) with the district health commission.
    pub filed_with_health_commission: bool,
    /// Where the facility is, for the 城建税 rate (default `urban`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_class: Option<LocationClass>,
    /// The facility declares itself a nursery (托儿所) whose 育养服务 VAT Law art.24(7) exempts
    /// from 2026-01-01 (default false; SPEC §12.2). The program cannot check it and says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nursery_vat_law: Option<bool>,
    /// The administrative division (行政区划代码, six digits) whose local figures apply:
    /// its province's, city's and own region packs (SPEC §12.6). Default `530115` (晋宁区).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

impl Facility {
    /// The administrative division code: `region`, or [`crate::params::DEFAULT_REGION`]
    /// (an invalid code, which [`Request::validate`] refuses, reads as the default).
    #[must_use]
    pub fn region_code(&self) -> u32 {
        self.region
            .as_deref()
            .and_then(|r| crate::params::region_code(r).ok())
            .unwrap_or(crate::params::DEFAULT_REGION)
    }
}

/// Legal form of the operator.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalForm {
    /// 企业.
    Enterprise,
    /// 事业单位.
    PublicInstitution,
    /// 社会组织.
    SocialOrganization,
    /// 个体工商户 (not covered by art.三).
    IndividualBusiness,
    /// Anything else (not covered).
    Other,
}

/// A service mode (art.三: 全日托、半日托、计时托、临时托).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceMode {
    /// 全日托.
    FullDay,
    /// 半日托.
    HalfDay,
    /// 计时托.
    Hourly,
    /// 临时托.
    Temporary,
}

/// Location class for the urban maintenance and construction tax.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LocationClass {
    /// 市区.
    #[default]
    Urban,
    /// 县城、镇.
    Town,
    /// Elsewhere.
    Other,
}

/// VAT and CIT status.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxpayer {
    /// VAT taxpayer kind; absent → the VAT lines are `missing_input`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat: Option<VatKind>,
    /// 小型微利企业, as the user states it (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub small_low_profit: Option<bool>,
    /// The VAT filing period of a small-scale taxpayer (default `month`): with `quarter` the
    /// small-scale threshold is tested per calendar quarter (SPEC §12.1). Ignored for a
    /// general taxpayer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_period: Option<VatPeriod>,
}

/// A VAT filing period (纳税期限).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum VatPeriod {
    /// 按月申报: the monthly threshold, month by month.
    #[default]
    Month,
    /// 按季申报 (以1个季度为1个纳税期): the quarterly threshold, quarter by quarter.
    Quarter,
}

/// VAT taxpayer kind.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VatKind {
    /// 一般纳税人.
    General,
    /// 小规模纳税人.
    SmallScale,
}

/// An amount for the year, or twelve monthly amounts.
#[derive(Debug, Clone, PartialEq)]
pub enum Amount {
    /// For the whole year.
    Annual(Decimal),
    /// January to December.
    Monthly([Decimal; 12]),
}

impl Amount {
    /// The amount of month `m` (0-based): a twelfth of an annual amount is returned as
    /// `(numerator, 12)`, a monthly one as `(value, 1)`, so callers can stay exact.
    #[must_use]
    pub fn month(&self, m: usize) -> (Decimal, Decimal) {
        match self {
            Amount::Annual(a) => (*a, Decimal::from(12)),
            Amount::Monthly(v) => (v[m], Decimal::ONE),
        }
    }
    /// Whether any amount is negative.
    fn any_negative(&self) -> bool {
        match self {
            Amount::Annual(a) => a.is_sign_negative() && !a.is_zero(),
            Amount::Monthly(v) => v.iter().any(|a| a.is_sign_negative() && !a.is_zero()),
        }
    }
    fn too_large(&self) -> bool {
        match self {
            Amount::Annual(a) => crate::money::exceeds_max_input(*a),
            Amount::Monthly(v) => v.iter().any(|a| crate::money::exceeds_max_input(*a)),
        }
    }
}

/// In a schema an amount is a decimal for the year, or an array of 12 monthly decimals.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let dec = generator.subschema_for::<Dec>();
        schemars::json_schema!({
            "description": "An amount for the year, or 12 monthly amounts (January to December).",
            "oneOf": [dec, {"type": "array", "items": dec, "minItems": 12, "maxItems": 12}]
        })
    }
}

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Amount::Annual(a) => Dec(*a).serialize(s),
            Amount::Monthly(v) => v.iter().map(|x| Dec(*x)).collect::<Vec<_>>().serialize(s),
        }
    }
}

struct AmountVisitor;

impl<'de> Visitor<'de> for AmountVisitor {
    type Value = Amount;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an amount for the year or an array of 12 monthly amounts")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Amount, A::Error> {
        let mut out = [Decimal::ZERO; 12];
        let mut n = 0;
        while let Some(Dec(d)) = seq.next_element::<Dec>()? {
            if n == 12 {
                return Err(de::Error::custom(crate::money::tagged(
                    "按月填写时必须正好12个金额",
                    "a monthly array must have exactly 12 amounts",
                )));
            }
            out[n] = d;
            n += 1;
        }
        if n != 12 {
            return Err(de::Error::custom(crate::money::tagged(
                &format!("按月填写时必须正好12个金额（现有{n}个）"),
                &format!("a monthly array must have exactly 12 amounts (found {n})"),
            )));
        }
        Ok(Amount::Monthly(out))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
        crate::money::dec_from_str(v).map(Amount::Annual)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
        Ok(Amount::Annual(Decimal::from(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
        Ok(Amount::Annual(Decimal::from(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
        Dec::deserialize(de::value::F64Deserializer::<E>::new(v)).map(|d| Amount::Annual(d.0))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Amount, A::Error> {
        let d: Dec = Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Amount::Annual(d.0))
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
        d.deserialize_any(AmountVisitor)
    }
}

/// Revenue of the year.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revenue {
    /// Community childcare revenue (children aged 3 or under only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub childcare: Option<Amount>,
    /// All other sales (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<Amount>,
    /// Input VAT attributable to the childcare revenue (general taxpayers; default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_vat_on_childcare: Option<Dec>,
}

/// Corporate income tax figures.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncomeTax {
    /// Taxable income of the year computed without the 90% reduction (may be a loss).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxable_income: Option<Dec>,
}

/// How the facility holds a building or plot.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tenure {
    /// 自有.
    Owned,
    /// 承租 (the landlord is the taxpayer).
    Leased,
    /// 无偿使用 (the user pays on the residual value).
    FreeUse,
}

/// A building.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Property {
    /// Tenure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenure: Option<Tenure>,
    /// Original value (owned, free use).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_value: Option<Dec>,
    /// Rent for twelve months (leased).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_rent: Option<Dec>,
    /// First day of use for childcare (default: start of the year).
    #[serde(
        default,
        deserialize_with = "crate::date::deserialize_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub used_from: Option<NaiveDate>,
    /// Last day of use (default: end of the year).
    #[serde(
        default,
        deserialize_with = "crate::date::deserialize_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub used_to: Option<NaiveDate>,
}

/// A plot of land.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Plot {
    /// Area in m².
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_m2: Option<Dec>,
    /// Land use tax per m² per year for the plot's grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_per_m2: Option<Dec>,
    /// Tenure (default `owned`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenure: Option<Tenure>,
    /// First day of use.
    #[serde(
        default,
        deserialize_with = "crate::date::deserialize_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub used_from: Option<NaiveDate>,
    /// Last day of use.
    #[serde(
        default,
        deserialize_with = "crate::date::deserialize_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub used_to: Option<NaiveDate>,
}

/// What was acquired.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AcquisitionKind {
    /// A house.
    House,
    /// A land-use right.
    Land,
}

/// A house or land-use right acquired for community childcare.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Acquisition {
    /// House or land.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<AcquisitionKind>,
    /// Price (the deed tax base).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Dec>,
    /// Date the deed tax would fall due.
    #[serde(
        default,
        deserialize_with = "crate::date::deserialize_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
}

/// Administrative fees (art.一(四)).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Fees {
    /// Non-residential real estate registrations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registrations: Option<u32>,
    /// Residential real estate registrations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registrations_residential: Option<u32>,
    /// 耕地开垦费.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub farmland_reclamation: Option<AreaFee>,
    /// 土地复垦费.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub land_reclamation: Option<AmountFee>,
    /// 土地闲置费.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub land_idle: Option<LandIdleFee>,
    /// 城市基础设施配套费.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub infrastructure: Option<FloorAreaFee>,
    /// 防空地下室易地建设费.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub air_defence: Option<AirDefenceFee>,
}

/// A fee by area.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AreaFee {
    /// Area in m².
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_m2: Option<Dec>,
    /// Yuan per m².
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_per_m2: Option<Dec>,
    /// When the fee would fall due.
    #[serde(
        default,
        deserialize_with = "crate::date::deserialize_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
}

/// A fee given as an amount.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AmountFee {
    /// Amount due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Dec>,
    /// When the fee would fall due.
    #[serde(
        default,
        deserialize_with = "crate::date::deserialize_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
}

/// The land idle fee.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct LandIdleFee {
    /// Land price (出让或划拨价款).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub land_price: Option<Dec>,
    /// Idle for over one year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_over_one_year: Option<bool>,
    /// When the fee would fall due.
    #[serde(
        default,
        deserialize_with = "crate::date::deserialize_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
}

/// A fee by floor area.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FloorAreaFee {
    /// Floor area in m².
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor_area_m2: Option<Dec>,
    /// Yuan per m².
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_per_m2: Option<Dec>,
    /// When the fee would fall due.
    #[serde(
        default,
        deserialize_with = "crate::date::deserialize_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
}

/// The civil-air-defence off-site construction fee.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AirDefenceFee {
    /// Geology (or similar) prevents building the basement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geology_prevents_basement: Option<bool>,
    /// Basement area that would be required, m².
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basement_area_m2: Option<Dec>,
    /// Yuan per m².
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_per_m2: Option<Dec>,
    /// When the fee would fall due.
    #[serde(
        default,
        deserialize_with = "crate::date::deserialize_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
}

/// Utilities (district plan 五(三)).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Utilities {
    /// Electricity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electricity: Option<Electricity>,
    /// Gas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gas: Option<Gas>,
    /// Water.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub water: Option<Water>,
    /// Broadband.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broadband: Option<Broadband>,
}

/// Electricity use and prices (yuan per kWh).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Electricity {
    /// kWh in the year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kwh: Option<Dec>,
    /// General commercial price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commercial_price: Option<Dec>,
    /// Residential combined-meter (合表) price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household_price: Option<Dec>,
}

/// Gas use and prices (yuan per m³).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Gas {
    /// m³ in the year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub m3: Option<Dec>,
    /// Non-residential price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commercial_price: Option<Dec>,
    /// First tier of the residential ladder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household_price: Option<Dec>,
}

/// Water use and prices (yuan per tonne).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Water {
    /// Tonnes in the year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tonnes: Option<Dec>,
    /// Non-residential price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commercial_price: Option<Dec>,
    /// Residential price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household_price: Option<Dec>,
}

/// Broadband (monthly fees).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Broadband {
    /// Months of service in the year (default 12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// Business monthly fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commercial_price: Option<Dec>,
    /// Household monthly fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household_price: Option<Dec>,
}

impl Request {
    /// Parses and validates a request from JSON text.
    ///
    /// # Errors
    /// An [`Error`] naming the field: bad JSON, an unknown field, a wrong type, a negative
    /// amount, `used_from` after `used_to`, empty `service_modes`, a year outside 2000–2100.
    ///
    /// ```
    /// use calc_core::request::LegalForm;
    /// use calc_core::Request;
    ///
    /// let req = Request::from_json(r#"{"schema": "tuoyu.request.v1", "year": 2026,
    ///   "facility": {"legal_form": "enterprise", "community_based": true,
    ///                "service_modes": ["full_day"], "filed_with_health_commission": true},
    ///   "taxpayer": {"vat": "general"},
    ///   "revenue": {"childcare": "1060000", "input_vat_on_childcare": "0"}}"#)?;
    /// assert_eq!(req.year, 2026);
    /// assert_eq!(req.facility.legal_form, LegalForm::Enterprise);
    /// assert!(Request::from_json(r#"{"schema": "tuoyu.request.v1", "yaer": 2026}"#).is_err());
    /// # Ok::<(), calc_core::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Request, Error> {
        let r: Request = crate::error::parse_json(text)?;
        r.validate()?;
        Ok(r)
    }

    /// Checks what the types cannot: ranges, signs, dates, the schema name.
    ///
    /// # Errors
    /// The first problem found, with its path.
    pub fn validate(&self) -> Result<(), Error> {
        let mut v = Validator::default();
        v.check(self);
        match v.first {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

#[derive(Default)]
struct Validator {
    first: Option<Error>,
}

impl Validator {
    fn fail(&mut self, path: &str, zh: &str, en: &str) {
        if self.first.is_none() {
            self.first = Some(Error::new(path, zh, en));
        }
    }

    fn money(&mut self, path: &str, d: Option<&Dec>) {
        if let Some(Dec(d)) = d {
            self.money_value(path, *d);
        }
    }

    fn money_at(&mut self, path: impl FnOnce() -> String, d: Option<&Dec>) {
        if let Some(Dec(d)) = d {
            if (d.is_sign_negative() && !d.is_zero()) || crate::money::exceeds_max_input(*d) {
                self.money_value(&path(), *d);
            }
        }
    }

    fn money_value(&mut self, path: &str, d: Decimal) {
        if d.is_sign_negative() && !d.is_zero() {
            self.fail(path, "不能为负数", "must not be negative");
        } else if crate::money::exceeds_max_input(d) {
            self.fail(
                path,
                "数值过大（上限 10^15）",
                "is too large (at most 10^15)",
            );
        }
    }

    fn amount(&mut self, path: &str, a: Option<&Amount>) {
        if let Some(a) = a {
            if a.any_negative() {
                if let Amount::Monthly(v) = a {
                    if let Some(i) = v.iter().position(|x| x.is_sign_negative() && !x.is_zero()) {
                        return self.fail(
                            &format!("{path}[{i}]"),
                            "不能为负数",
                            "must not be negative",
                        );
                    }
                }
                self.fail(path, "不能为负数", "must not be negative");
            } else if a.too_large() {
                self.fail(
                    path,
                    "数值过大（上限 10^15）",
                    "is too large (at most 10^15)",
                );
            }
        }
    }

    fn dates(&mut self, path: &str, from: Option<NaiveDate>, to: Option<NaiveDate>) {
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                self.fail(
                    &format!("{path}.used_to"),
                    "不能早于用于托育起始日",
                    "must not be before the date it is used from",
                );
            }
        }
    }

    fn check(&mut self, r: &Request) {
        if r.schema != crate::request::REQUEST_SCHEMA {
            self.fail(
                "schema",
                "必须是 \"tuoyu.request.v1\"",
                "must be \"tuoyu.request.v1\"",
            );
        }
        if !(2000..=2100).contains(&r.year) {
            self.fail(
                "year",
                "必须在 2000 至 2100 之间",
                "must be between 2000 and 2100",
            );
        }
        if let Some(code) = &r.facility.region {
            if let Err((zh, en)) = crate::params::region_code(code) {
                self.fail("facility.region", &zh, &en);
            }
        }
        if r.facility.service_modes.is_empty() {
            self.fail(
                "facility.service_modes",
                "至少选择一种服务方式",
                "must list at least one service mode",
            );
        }
        if let Some(rev) = &r.revenue {
            self.amount("revenue.childcare", rev.childcare.as_ref());
            self.amount("revenue.other", rev.other.as_ref());
            self.money(
                "revenue.input_vat_on_childcare",
                rev.input_vat_on_childcare.as_ref(),
            );
        }
        if let Some(Dec(ti)) = r
            .income_tax
            .as_ref()
            .and_then(|t| t.taxable_income.as_ref())
        {
            if crate::money::exceeds_max_input(*ti) {
                self.fail(
                    "income_tax.taxable_income",
                    "数值过大（上限 10^15）",
                    "is too large (at most 10^15)",
                );
            }
        }
        for (i, p) in r.properties.iter().enumerate() {
            // Paths are only formatted when a check fails (validation runs on every claim).
            self.money_at(
                || format!("properties[{i}].original_value"),
                p.original_value.as_ref(),
            );
            self.money_at(
                || format!("properties[{i}].annual_rent"),
                p.annual_rent.as_ref(),
            );
            if p.used_from.zip(p.used_to).is_some_and(|(f, t)| f > t) {
                self.dates(&format!("properties[{i}]"), p.used_from, p.used_to);
            }
        }
        for (i, p) in r.land.iter().enumerate() {
            self.money_at(|| format!("land[{i}].area_m2"), p.area_m2.as_ref());
            self.money_at(|| format!("land[{i}].tax_per_m2"), p.tax_per_m2.as_ref());
            if p.used_from.zip(p.used_to).is_some_and(|(f, t)| f > t) {
                self.dates(&format!("land[{i}]"), p.used_from, p.used_to);
            }
        }
        for (i, a) in r.acquisitions.iter().enumerate() {
            self.money_at(|| format!("acquisitions[{i}].price"), a.price.as_ref());
        }
        if let Some(f) = &r.fees {
            if let Some(x) = &f.farmland_reclamation {
                self.money("fees.farmland_reclamation.area_m2", x.area_m2.as_ref());
                self.money(
                    "fees.farmland_reclamation.rate_per_m2",
                    x.rate_per_m2.as_ref(),
                );
            }
            if let Some(x) = &f.land_reclamation {
                self.money("fees.land_reclamation.amount", x.amount.as_ref());
            }
            if let Some(x) = &f.land_idle {
                self.money("fees.land_idle.land_price", x.land_price.as_ref());
            }
            if let Some(x) = &f.infrastructure {
                self.money(
                    "fees.infrastructure.floor_area_m2",
                    x.floor_area_m2.as_ref(),
                );
                self.money("fees.infrastructure.rate_per_m2", x.rate_per_m2.as_ref());
            }
            if let Some(x) = &f.air_defence {
                self.money(
                    "fees.air_defence.basement_area_m2",
                    x.basement_area_m2.as_ref(),
                );
                self.money("fees.air_defence.rate_per_m2", x.rate_per_m2.as_ref());
            }
        }
        if let Some(u) = &r.utilities {
            if let Some(x) = &u.electricity {
                self.money("utilities.electricity.kwh", x.kwh.as_ref());
                self.money(
                    "utilities.electricity.commercial_price",
                    x.commercial_price.as_ref(),
                );
                self.money(
                    "utilities.electricity.household_price",
                    x.household_price.as_ref(),
                );
            }
            if let Some(x) = &u.gas {
                self.money("utilities.gas.m3", x.m3.as_ref());
                self.money(
                    "utilities.gas.commercial_price",
                    x.commercial_price.as_ref(),
                );
                self.money("utilities.gas.household_price", x.household_price.as_ref());
            }
            if let Some(x) = &u.water {
                self.money("utilities.water.tonnes", x.tonnes.as_ref());
                self.money(
                    "utilities.water.commercial_price",
                    x.commercial_price.as_ref(),
                );
                self.money(
                    "utilities.water.household_price",
                    x.household_price.as_ref(),
                );
            }
            if let Some(x) = &u.broadband {
                if x.months.is_some_and(|m| m > 12) {
                    self.fail(
                        "utilities.broadband.months",
                        "必须在 0 至 12 之间",
                        "must be between 0 and 12",
                    );
                }
                self.money(
                    "utilities.broadband.commercial_price",
                    x.commercial_price.as_ref(),
                );
                self.money(
                    "utilities.broadband.household_price",
                    x.household_price.as_ref(),
                );
            }
        }
        if self.first.is_none() {
            if let Err(e) = crate::params::check_overrides(&r.parameters) {
                self.first = Some(e);
            }
        }
        if self.first.is_none() {
            if let Some(fb) = &r.fee_benchmark {
                if let Err(e) = fb.validate() {
                    self.first = Some(e);
                }
            }
        }
        if self.first.is_none() {
            if let Some(c) = &r.capacity {
                if let Err(e) = c.validate() {
                    self.first = Some(e);
                }
            }
        }
        if self.first.is_none() {
            if let Some(d) = &r.donations {
                if let Err(e) = d.validate(r.year) {
                    self.first = Some(e);
                }
            }
        }
        if self.first.is_none() {
            if let Some(h) = &r.household {
                if let Err(e) = h.validate(r.year) {
                    self.first = Some(e);
                }
            }
        }
    }
}
