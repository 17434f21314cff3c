//! Behaviours of the three sections a user relies on, one test each.
#![forbid(unsafe_code)]

use serde_json::Value;

const HEAD: &str = r#""schema": "tuoyu.request.v1",
  "facility": { "legal_form": "enterprise", "community_based": true,
                "service_modes": ["full_day"], "filed_with_health_commission": true }"#;

fn run(year: i32, rest: &str) -> Result<Value, Value> {
    let text = format!("{{ {HEAD}, \"year\": {year}, {rest} }}");
    match calc_core::json::assess(&text) {
        Ok(s) => Ok(serde_json::from_str(&s).expect("statement JSON")),
        Err(e) => Err(serde_json::from_str(&e).expect("error JSON")),
    }
}

fn ok(rest: &str) -> Value {
    run(2026, rest).unwrap_or_else(|e| panic!("{e}"))
}

fn err_path(year: i32, rest: &str) -> String {
    let e = run(year, rest).expect_err("an input error");
    assert_eq!(e["schema"], "tuoyu.error.v1");
    e["path"].as_str().unwrap_or_default().to_string()
}

fn param_ids(section: &Value) -> Vec<String> {
    section["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .map(|p| p["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn texts(v: &Value) -> String {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|t| format!("{} | {}\n", t["zh"], t["en"]))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn sections_appear_only_when_requested() {
    let st = ok(r#""revenue": { "childcare": "100" }"#);
    for k in ["fee_benchmark", "capacity", "donations"] {
        assert!(st.get(k).is_none(), "{k}");
    }
}

#[test]
fn request_service_time_wins_over_the_parameters() {
    let st = ok(r#""fee_benchmark": { "reference": { "grade": 1 } }"#);
    let ids = param_ids(&st["fee_benchmark"]);
    for id in [
        "kunming.kindergarten_fee_by_grade",
        "national.days_per_month",
        "national.fee_benchmark.full_day_hours",
        "national.fee_benchmark.half_day_hours",
    ] {
        assert!(ids.contains(&id.to_string()), "{id} in {ids:?}");
    }
    let st = ok(
        r#""fee_benchmark": { "reference": { "grade": 1 }, "days_per_month": "20",
                  "full_day_hours": "8", "half_day_hours": "4" }"#,
    );
    let fb = &st["fee_benchmark"];
    assert_eq!(param_ids(fb), vec!["kunming.kindergarten_fee_by_grade"]);
    // 70 / (20 × 8) = 0.4375 → 0.44; 70 / 20 = 3.50.
    assert_eq!(fb["modes"]["hourly"], "0.44");
    assert_eq!(fb["modes"]["temporary"], "3.50");
    assert_eq!(fb["modes"]["half_day"], "35.00");
}

#[test]
fn the_2013_table_is_flagged_outdated_but_a_direct_fee_is_not() {
    let st = ok(r#""fee_benchmark": { "reference": { "grade": 3 } }"#);
    let w = texts(&st["fee_benchmark"]["warnings"]);
    assert!(w.contains("2013") && w.contains("outdated"), "{w}");
    // The table's confidence is secondary: the statement warns about it too.
    assert!(st["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .any(|x| x["parameter"] == "kunming.kindergarten_fee_by_grade"));
    let st = ok(r#""fee_benchmark": { "reference": { "fee": "800" } }"#);
    assert_eq!(st["fee_benchmark"]["warnings"], serde_json::json!([]));
}

#[test]
fn an_overridden_fee_table_is_used_and_marked() {
    let st = ok(
        r#""parameters": { "kunming.kindergarten_fee_by_grade": ["300", "400", "500", "700"] },
                  "fee_benchmark": { "reference": { "grade": 4 } }"#,
    );
    let fb = &st["fee_benchmark"];
    assert_eq!(fb["full_day_monthly"], "700.00");
    // The table has its four grades (admissible length in the parameter data): a fifth is refused.
    let p = err_path(
        2026,
        r#""parameters": { "kunming.kindergarten_fee_by_grade": ["300", "400", "500", "600", "700"] },
           "fee_benchmark": { "reference": { "grade": 5 } }"#,
    );
    assert_eq!(p, "parameters.kunming.kindergarten_fee_by_grade");
    assert_eq!(fb["parameters"][0]["overridden"], true);
    assert!(st["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .any(|w| w["parameter"] == "kunming.kindergarten_fee_by_grade"
            && w["en"].as_str().unwrap_or("").contains("overridden")));
}

#[test]
fn a_for_profit_facility_gets_information_and_the_duty_to_post_prices() {
    let st = ok(
        r#""fee_benchmark": { "non_profit": false, "reference": { "grade": 1 },
                  "proposed": { "full_day": "5000" } }"#,
    );
    let fb = &st["fee_benchmark"];
    assert_eq!(fb["information_only"], true);
    assert_eq!(fb["checks"]["full_day"]["result"], "information_only");
    let notes = texts(&fb["notes"]);
    assert!(
        notes.contains("明码标价并向社会公示") && notes.contains("never a cap"),
        "{notes}"
    );
    assert!(!texts(&fb["warnings"]).contains("above the benchmark"));
}

#[test]
fn non_profit_defaults_to_true_and_method_is_inferred() {
    let st = ok(
        r#""fee_benchmark": { "cost": { "annual_operating_cost": "120000", "enrolled_children": 10 } }"#,
    );
    let fb = &st["fee_benchmark"];
    assert_eq!(fb["non_profit"], true);
    assert_eq!(fb["method"], "cost");
    assert_eq!(fb["full_day_monthly"], "1000.00");
}

#[test]
fn fee_input_errors_name_their_path() {
    let cases = [
        (
            r#"{ "reference": { "grade": 1 }, "cost": { "annual_operating_cost": "1", "enrolled_children": 1 } }"#,
            "fee_benchmark.method",
        ),
        (
            r#"{ "method": "cost", "reference": { "grade": 1 } }"#,
            "fee_benchmark.cost",
        ),
        (r#"{ "reference": {} }"#, "fee_benchmark.reference.grade"),
        (
            r#"{ "reference": { "grade": 0 } }"#,
            "fee_benchmark.reference.grade",
        ),
        (
            r#"{ "reference": { "grade": 1, "upward_float": "10" } }"#,
            "fee_benchmark.reference.upward_float",
        ),
        (
            r#"{ "reference": { "fee": "-1" } }"#,
            "fee_benchmark.reference.fee",
        ),
        (
            r#"{ "cost": { "annual_operating_cost": "1", "enrolled_children": 0 } }"#,
            "fee_benchmark.cost.enrolled_children",
        ),
        (
            r#"{ "cost": { "annual_operating_cost": "1", "enrolled_children": 1, "charging_months": 13 } }"#,
            "fee_benchmark.cost.charging_months",
        ),
        (
            r#"{ "cost": { "enrolled_children": 1 } }"#,
            "fee_benchmark.cost.annual_operating_cost",
        ),
        (
            r#"{ "reference": { "grade": 1 }, "days_per_month": "0" }"#,
            "fee_benchmark.days_per_month",
        ),
        (
            r#"{ "reference": { "grade": 1 }, "half_day_hours": "10" }"#,
            "fee_benchmark.half_day_hours",
        ),
        (
            r#"{ "reference": { "grade": 1 }, "proposed": { "hourly": "-2" } }"#,
            "fee_benchmark.proposed.hourly",
        ),
        (
            r#"{ "reference": { "grade": 1 }, "proposed": { "weekly": "2" } }"#,
            "fee_benchmark.proposed.weekly",
        ),
    ];
    for (section, path) in cases {
        assert_eq!(
            err_path(2026, &format!("\"fee_benchmark\": {section}")),
            path,
            "{section}"
        );
    }
}

#[test]
fn huge_amounts_give_an_error_not_a_panic() {
    let p = err_path(
        2026,
        r#""fee_benchmark": { "cost": { "annual_operating_cost": "1000000000000000", "enrolled_children": 1,
             "cost_recovery_share": "1000000000000000" } }"#,
    );
    assert_eq!(p, "fee_benchmark.cost");
    // Overrides stay within the admissible values of the parameter data (at most 1,000 places
    // per 1,000 residents), so a huge k is refused at its own path.
    for k in ["100000000000000000000", "1000000000000000", "1000.01"] {
        let p = err_path(
            2026,
            &format!(
                r#""parameters": {{ "jinning.places_per_thousand.new_area": "{k}" }},
                   "capacity": {{ "population": 10000000000, "area": "new" }}"#
            ),
        );
        assert_eq!(p, "parameters.jinning.places_per_thousand.new_area");
    }
    let p = err_path(
        2026,
        r#""donations": { "annual_total_profit": "1000000000000001" }"#,
    );
    assert_eq!(p, "donations.annual_total_profit");
    let p = err_path(2026, r#""capacity": { "children": { "mixed": 100001 } }"#);
    assert_eq!(p, "capacity.children.mixed");
}

#[test]
fn the_mixed_ratio_is_flagged_only_when_used() {
    let st = ok(r#""capacity": { "children": { "infant": 5 } }"#);
    assert_eq!(st["capacity"]["warnings"], serde_json::json!([]));
    assert!(!param_ids(&st["capacity"])
        .iter()
        .any(|p| p.contains("mixed")));
    assert_eq!(st["capacity"]["bands"]["mixed"]["carer_ratio"], Value::Null);
    let st = ok(r#""capacity": { "children": { "mixed": 5 } }"#);
    assert!(texts(&st["capacity"]["warnings"]).contains("assumption"));
    assert!(st["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .any(|w| w["parameter"] == "national.childcare_standard.carer_ratio.mixed"));
}

#[test]
fn capacity_needs_something_to_compute_and_area_with_population() {
    assert_eq!(err_path(2026, r#""capacity": {}"#), "capacity");
    assert_eq!(
        err_path(2026, r#""capacity": { "area": "old" }"#),
        "capacity.population"
    );
    assert_eq!(
        err_path(2026, r#""capacity": { "population": 1, "area": "middle" }"#),
        "capacity.area"
    );
}

#[test]
fn a_class_size_override_must_be_whole() {
    let p = err_path(
        2026,
        r#""parameters": { "national.childcare_standard.class_size.infant": "7.5" },
           "capacity": { "children": { "infant": 5 } }"#,
    );
    assert_eq!(
        p,
        "parameters.national.childcare_standard.class_size.infant"
    );
}

#[test]
fn capacity_steps_show_the_numbers() {
    let st = ok(
        r#""capacity": { "population": 35250, "area": "new", "existing_places": 120,
                  "children": { "infant": 23 } }"#,
    );
    let steps = texts(&st["capacity"]["steps"]);
    for s in ["35250", "282", "162", "8、8、7", "⌈8/3⌉"] {
        assert!(steps.contains(s), "{s} in {steps}");
    }
}

#[test]
fn donations_default_rate_is_the_cit_rate_parameter() {
    let st =
        ok(r#""donations": { "annual_total_profit": "100000", "this_year_qualified": "1000" }"#);
    let d = &st["donations"];
    assert_eq!(d["donor_rate"], "0.25");
    assert_eq!(d["tax_saved"], "250.00");
    let ids = param_ids(d);
    for id in [
        "national.donation.profit_cap_ratio",
        "national.donation.carry_forward_years",
        "national.cit.rate",
    ] {
        assert!(ids.contains(&id.to_string()), "{id}");
    }
    let st = ok(r#""donations": { "annual_total_profit": "100000", "donor_rate": "0.2" }"#);
    assert!(!param_ids(&st["donations"]).contains(&"national.cit.rate".to_string()));
}

#[test]
fn donation_input_errors_name_their_path() {
    let cases = [
        (
            r#"{ "annual_total_profit": "1", "donor_rate": "25" }"#,
            "donations.donor_rate",
        ),
        (
            r#"{ "annual_total_profit": "1", "carried_forward": [{ "year": 2027, "amount": "1" }] }"#,
            "donations.carried_forward[0].year",
        ),
        (
            r#"{ "annual_total_profit": "1", "carried_forward": [{ "year": 2020 }] }"#,
            "donations.carried_forward[0].amount",
        ),
        (
            r#"{ "annual_total_profit": "1", "gift": "1" }"#,
            "donations.gift",
        ),
        (
            r#"{ "this_year_qualified": "1" }"#,
            "donations.annual_total_profit",
        ),
    ];
    for (section, path) in cases {
        assert_eq!(
            err_path(2026, &format!("\"donations\": {section}")),
            path,
            "{section}"
        );
    }
}

#[test]
fn duplicate_source_years_are_merged() {
    let st = ok(r#""donations": { "annual_total_profit": "100000",
                  "carried_forward": [{ "year": 2024, "amount": "1000" }, { "year": 2024, "amount": "500" }] }"#);
    assert_eq!(
        st["donations"]["used"],
        serde_json::json!([{ "year": 2024, "amount": "1500.00" }])
    );
}

#[test]
fn sections_use_the_figures_in_force_at_the_end_of_the_year() {
    // The 2019 childcare standard starts on 2019-10-08: a 2019 request uses it.
    let st = run(2019, r#""capacity": { "children": { "infant": 4 } }"#).expect("2019");
    assert_eq!(st["capacity"]["bands"]["infant"]["carers"], 2);
    // Before it, there is no figure, and never a default: the statement still comes out, the
    // section is `not_in_force` with the parameter and where its values start (issue 12).
    let st = run(2018, r#""capacity": { "children": { "infant": 4 } }"#).expect("2018");
    assert!(st.get("capacity").is_none(), "{st}");
    let s = &st["sections_not_in_force"][0];
    assert_eq!(s["section"], "capacity");
    assert_eq!(s["status"], "not_in_force");
    let en = s["reasons"][0]["en"].as_str().unwrap_or_default();
    assert!(
        en.contains("national.childcare_standard.class_size.infant") && en.contains("2019-10-08"),
        "{en}"
    );
    // An override of the missing figure is a figure: the section is computed with it.
    let st = run(
        2018,
        r#""parameters": { "national.childcare_standard.class_size.infant": "10",
                           "national.childcare_standard.carer_ratio.infant": "3" },
           "capacity": { "children": { "infant": 4 } }"#,
    )
    .expect("2018 with overrides");
    assert_eq!(st["capacity"]["bands"]["infant"]["carers"], 2);
}

#[test]
fn extreme_parameter_overrides_give_a_statement_or_an_error_never_a_panic() {
    let ids = [
        "kunming.kindergarten_fee_by_grade",
        "national.days_per_month",
        "national.fee_benchmark.full_day_hours",
        "national.fee_benchmark.half_day_hours",
        "jinning.places_per_thousand.new_area",
        "national.childcare_standard.class_size.infant",
        "national.childcare_standard.carer_ratio.infant",
        "national.childcare_standard.health_worker_threshold",
        "national.donation.profit_cap_ratio",
        "national.donation.carry_forward_years",
        "national.cit.rate",
    ];
    let values = [
        "0",
        "0.0000000000000000000000000001",
        "1e27",
        "79228162514264337593543950335",
    ];
    let inputs = [
        "0.0000000000000000000000000001",
        "12345.67",
        "1000000000000000",
    ];
    let mut outcomes = 0;
    for id in ids {
        for v in values {
            let value = if id == "kunming.kindergarten_fee_by_grade" {
                format!(r#"["{v}", "{v}"]"#)
            } else {
                format!(r#""{v}""#)
            };
            for x in inputs {
                let sections = [
                    format!(r#""fee_benchmark": {{ "reference": {{ "grade": 2, "upward_float": "1" }}, "proposed": {{ "hourly": "{x}" }} }}"#),
                    format!(r#""fee_benchmark": {{ "cost": {{ "annual_operating_cost": "{x}", "enrolled_children": 1, "cost_recovery_share": "{x}" }} }}"#),
                    r#""capacity": { "population": 10000000000, "area": "new", "children": { "infant": 100000 } }"#.to_string(),
                    format!(r#""donations": {{ "annual_total_profit": "{x}", "this_year_qualified": "{x}", "carried_forward": [{{ "year": 2025, "amount": "{x}" }}] }}"#),
                ];
                for s in sections {
                    let rest = format!(r#""parameters": {{ "{id}": {value} }}, {s}"#);
                    let text = format!("{{ {HEAD}, \"year\": 2026, {rest} }}");
                    let out = std::panic::catch_unwind(|| calc_core::json::assess(&text));
                    assert!(out.is_ok(), "panicked: {rest}");
                    outcomes += 1;
                }
            }
        }
    }
    assert_eq!(outcomes, 11 * 4 * 3 * 4);
}

#[test]
fn household_steps_name_the_children_as_people_count_them() {
    // Issue 12: the steps read 孩子 1 / Child 1, not the JSON path `children[0]`; the path stays
    // where a machine path is meant (an error's `path`).
    let s = ok(
        r#""household": { "children": [ { "birth_date": "2023-08-20" },
        { "birth_date": "2026-03-02" } ], "monthly_fee": "1500", "months_enrolled": 11,
        "iit_marginal_rate": "0.10", "iit_deduction_share": "0.5" }"#,
    );
    let steps = texts(&s["household"]["steps"]);
    assert!(!steps.contains("children["), "{steps}");
    let lines: Vec<&str> = steps.lines().collect();
    assert!(
        lines[0].starts_with("\"孩子 1（2023-08-20 出生）：")
            && lines[0].contains("| \"Child 1 (born 2023-08-20): "),
        "{steps}"
    );
    assert!(
        lines[1].starts_with("\"孩子 2（2026-03-02 出生）：")
            && lines[1].contains("| \"Child 2 (born 2026-03-02): "),
        "{steps}"
    );
    // The arithmetic is unchanged: Child 1 under 3 for 7 months, tax saved 700.
    assert!(
        lines[0].contains("= ¥700.00") || lines[0].contains("= 700.00"),
        "{steps}"
    );
    assert_eq!(
        err_path(
            2026,
            r#""household": { "children": [ { "birth_date": "2027-01-01" } ] }"#
        ),
        "household.children[0].birth_date"
    );
}
