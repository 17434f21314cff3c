//! The example requests the page opens with.

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
