//! The form's fields: each request path the page has an input for, its kind (text, money,
//! a choice…), unit and label, in the order the form shows them.

use super::*;

/// The last day of the published community preferences (the end of the last window of
/// `national.community.preferences_in_force`).
#[must_use]
pub fn community_end() -> Option<chrono::NaiveDate> {
    calc_core::params::all_series()
        .iter()
        .find(|s| s.id == calc_core::params::ParamId::CommunityInForce)?
        .entries
        .iter()
        .filter_map(|e| e.valid_to)
        .max()
}

/// A decimal parameter of calc-core: the value in force on `date`, or — with `nearest` — the
/// latest value when no window covers the date (or no date is given).
#[must_use]
pub fn param_decimal(
    id: calc_core::params::ParamId,
    date: Option<chrono::NaiveDate>,
    nearest: bool,
) -> Option<Decimal> {
    let series = calc_core::params::all_series()
        .iter()
        .find(|s| s.id == id)?;
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
    use calc_core::params::ParamId;
    let city_rate = match o.value {
        "urban" => Some(ParamId::SurchargeCityUrban),
        "town" => Some(ParamId::SurchargeCityTown),
        "other" => Some(ParamId::SurchargeCityOther),
        _ => None,
    };
    let rate = match city_rate {
        Some(id) if L::LOCATIONS.contains(o) => param_decimal(id, None, true)
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
pub(super) fn def_order(path: &str) -> Option<(usize, &'static FieldDef)> {
    let p = pattern(path);
    FIELDS.iter().enumerate().find(|(_, d)| d.path == p)
}
