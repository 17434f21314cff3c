//! A claim is judged only on a request `assess` accepts (SPEC §8, issue 14): whenever the
//! statement would be refused, the claim's report is `invalid_input` with the same path under
//! `request.`, and whenever the statement comes out, the claim is judged. Verification computes
//! less than a statement (no text, no fees, utilities or sections), so this checks both ways on
//! random requests that mix valid figures with out-of-range overrides, overflowing utilities
//! and broken sections.
#![forbid(unsafe_code)]

use proptest::prelude::*;
use serde_json::{json, Value};

fn base(year: i32) -> Value {
    json!({"schema": "tuoyu.request.v1", "year": year,
        "facility": {"legal_form": "enterprise", "community_based": true,
                     "service_modes": ["full_day"], "filed_with_health_commission": true},
        "taxpayer": {"vat": "small_scale", "small_low_profit": true},
        "revenue": {"childcare": "1200000"},
        "income_tax": {"taxable_income": "800000"},
        "properties": [{"tenure": "owned", "original_value": "2000000"}],
        "land": [{"area_m2": "500", "tax_per_m2": "6"}],
        "acquisitions": [{"kind": "house", "price": "3000000", "date": format!("{year}-05-01")}]})
}

/// Figures that are fine for some parameters and out of range for others.
fn figure() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("0")),
        Just(json!("0.5")),
        Just(json!("1")),
        Just(json!("5")),
        Just(json!("21.75")),
        Just(json!("0.0000000000000000000000000001")),
        Just(json!("1000000000")),
        Just(json!(["70", "90", "110"])),
        Just(json!(["70", "90", "110", "150"])),
        Just(json!(["1.5", "30"])),
        Just(json!(["30", "1.5"])),
        Just(json!([[null, "0.05"]])),
        Just(json!([["1000000", "0.05"], [null, "7"]])),
        Just(json!(true)),
    ]
}

fn param_id() -> impl Strategy<Value = &'static str> {
    let ids: Vec<&'static str> = calc_core::params::ParamId::ALL
        .iter()
        .map(|p| p.as_str())
        .collect();
    proptest::sample::select(ids)
}

fn request() -> impl Strategy<Value = Value> {
    (
        prop_oneof![Just(2018), Just(2019), Just(2024), Just(2026), Just(2028)],
        proptest::collection::btree_map(param_id(), figure(), 0..3),
        proptest::option::of(prop_oneof![
            Just("1"),
            Just("1000000000000000"),
            Just("999999999999999.99")
        ]),
        proptest::option::of(0u32..7),
        proptest::option::of((0u32..40, 0u64..200)),
        any::<bool>(),
    )
        .prop_map(|(year, overrides, utility, grade, capacity, leased)| {
            let mut r = base(year);
            if !overrides.is_empty() {
                r["parameters"] = Value::Object(
                    overrides
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect(),
                );
            }
            if let Some(u) = utility {
                r["utilities"] = json!({"electricity": {"kwh": u, "commercial_price": u,
                                                        "household_price": "0"}});
            }
            if let Some(g) = grade {
                r["fee_benchmark"] = json!({"reference": {"grade": g}});
            }
            if let Some((infants, population)) = capacity {
                r["capacity"] = json!({"population": population, "area": "new",
                                       "children": {"infant": infants}});
            }
            if leased {
                r["properties"] = json!([{"tenure": "leased", "annual_rent": "1000000000000000"}]);
            }
            r
        })
}

fn claim(request: &Value) -> Value {
    json!({"schema": "tuoyu.claim.v1", "id": "c", "request": request,
           "claimed": {"vat_exempt_sales": "1", "cit_income_reduction": "1",
                       "property_tax_exempt": "1", "land_use_tax_exempt": "1",
                       "deed_tax_exempt": "1"}})
}

fn error_path(error_json: &str) -> String {
    let v: Value = serde_json::from_str(error_json).expect("error JSON");
    v["path"].as_str().unwrap_or_default().to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(800))]

    #[test]
    fn a_claim_is_invalid_exactly_when_its_request_is_refused(req in request()) {
        let statement = calc_core::json::assess(&req.to_string());
        let report: Value = serde_json::from_str(&calc_core::json::verify(&claim(&req).to_string()))
            .expect("report JSON");
        let parsed: calc_core::Request = serde_json::from_value(req.clone()).expect("well-typed");
        let amounts = calc_core::amounts(&parsed);
        match statement {
            Err(e) => {
                prop_assert_eq!(report["verdict"].as_str(), Some("invalid_input"), "{}", e);
                prop_assert_eq!(
                    report["error"]["path"].as_str().map(str::to_string),
                    Some(format!("request.{}", error_path(&e)))
                );
                prop_assert!(amounts.is_err(), "amounts accepted what assess refused: {}", e);
            }
            Ok(_) => {
                prop_assert_ne!(report["verdict"].as_str(), Some("invalid_input"), "{}", report);
                prop_assert!(amounts.is_ok());
            }
        }
    }
}

#[test]
fn an_override_outside_its_admissible_values_is_refused_with_its_path() {
    for (id, value, en) in [
        (
            "national.community.income_inclusion_ratio",
            json!("5"),
            "must be between 0 and 1",
        ),
        ("national.vat.general_rate", json!("1e9"), "between 0 and 1"),
        (
            "yunnan.small_scale_reduction",
            json!("7"),
            "between 0 and 1",
        ),
        ("national.days_per_month", json!("0"), "between 1 and 31"),
        (
            "national.childcare_standard.carer_ratio.infant",
            json!("1e-28"),
            "between 1 and 100",
        ),
        (
            "national.childcare_standard.class_size.mixed",
            json!("0"),
            "between 1 and 100",
        ),
        (
            "national.childcare_standard.class_size.mixed",
            json!("12.5"),
            "whole number",
        ),
        (
            "kunming.kindergarten_fee_by_grade",
            json!(["70", "90", "110"]),
            "exactly 4 entries",
        ),
        (
            "national.land_use_tax.large_city_band",
            json!(["30", "1.5"]),
            "min must not be above max",
        ),
        (
            "national.cit.slpe_schedule",
            json!([["1000000", "0.05"], [null, "7"]]),
            "between 0 and 1",
        ),
    ] {
        let mut r = base(2026);
        r["parameters"] = json!({ id: value });
        let e = calc_core::json::assess(&r.to_string()).unwrap_err();
        assert_eq!(error_path(&e), format!("parameters.{id}"), "{e}");
        assert!(e.contains(en), "{id}: {e}");
        let report = calc_core::json::verify(&claim(&r).to_string());
        assert!(report.contains("\"invalid_input\""), "{report}");
        assert!(
            report.contains(&format!("\"request.parameters.{id}\"")),
            "{report}"
        );
    }
}

#[test]
fn a_claim_whose_section_is_refused_is_invalid_not_a_match() {
    let mut r = base(2026);
    r["fee_benchmark"] = json!({"reference": {"grade": 5}});
    assert!(calc_core::json::assess(&r.to_string()).is_err());
    let report = calc_core::json::verify(&claim(&r).to_string());
    assert!(
        report.contains("\"request.fee_benchmark.reference.grade\""),
        "{report}"
    );
}
