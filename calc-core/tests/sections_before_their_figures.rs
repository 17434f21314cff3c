//! A request for a year before a section's figures (issue 12, differential testing): the
//! statement still comes out, and each section without a figure in force is listed in
//! `sections_not_in_force` with the parameter and where its values start — never an error for
//! the whole request.
#![forbid(unsafe_code)]

use serde_json::{json, Value};

/// The statement of a request for `year` holding all three sections (fee benchmark, capacity,
/// donations).
fn statement_with_the_three_sections(year: i32) -> Value {
    let req = json!({"schema": "tuoyu.request.v1", "year": year,
        "facility": {"legal_form": "enterprise", "community_based": true,
                     "service_modes": ["full_day"], "filed_with_health_commission": true},
        "fee_benchmark": {"method": "reference", "reference": {"grade": 2}, "proposed": {"full_day": "100"}},
        "capacity": {"population": 35250, "area": "new", "children": {"infant": 5}},
        "donations": {"annual_total_profit": "100000", "this_year_qualified": "3000"}});
    serde_json::from_str(&calc_core::json::assess(&req.to_string()).expect("a statement"))
        .expect("JSON")
}

#[test]
fn the_three_sections_of_2012_each_say_which_figure_is_not_yet_in_force() {
    let st = statement_with_the_three_sections(2012);
    assert_eq!(st["total"], "0.00");
    let listed = st["sections_not_in_force"].as_array().expect("listed");
    for (section, param, starts) in [
        (
            "fee_benchmark",
            "kunming.kindergarten_fee_by_grade",
            "2013-09-01",
        ),
        (
            "capacity",
            "national.childcare_standard.class_size.infant",
            "2019-10-08",
        ),
        (
            "donations",
            "national.donation.carry_forward_years",
            "2017-01-01",
        ),
    ] {
        assert!(st[section].is_null(), "{section}: no figures");
        let s = listed
            .iter()
            .find(|s| s["section"] == section)
            .unwrap_or_else(|| panic!("{section} listed: {listed:?}"));
        assert_eq!(s["status"], "not_in_force");
        let en = s["reasons"][0]["en"].as_str().unwrap_or_default();
        assert!(
            en.contains(param) && en.contains(starts) && en.contains("2012-12-31"),
            "{en}"
        );
    }
}

#[test]
fn in_2018_the_fee_benchmark_and_donations_compute_and_only_capacity_is_listed() {
    let st = statement_with_the_three_sections(2018);
    assert!(st["fee_benchmark"].is_object() && st["donations"].is_object());
    let listed: Vec<&Value> = st["sections_not_in_force"]
        .as_array()
        .expect("listed")
        .iter()
        .map(|s| &s["section"])
        .collect();
    assert_eq!(listed, [&json!("capacity")]);
}
