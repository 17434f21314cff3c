//! Every fixture through the library's JSON entry points.

use serde_json::Value;
use tuoyu_tests::{check_report, check_statement, fixtures};

#[test]
fn every_request_fixture_gives_its_expected_statement_or_error() {
    let all = fixtures("")
        .into_iter()
        .chain(fixtures("sections"))
        .collect::<Vec<_>>();
    assert!(
        all.len() >= 20,
        "expected at least 20 fixtures, found {}",
        all.len()
    );
    let mut failures = Vec::new();
    for (name, fx) in &all {
        let input = fx["request"].to_string();
        match (calc_core::json::assess(&input), fx["expect"].get("error")) {
            (Ok(st), None) => {
                let st: Value = serde_json::from_str(&st).expect("statement JSON");
                for b in check_statement(&fx["expect"], &st) {
                    failures.push(format!("{name}: {b}"));
                }
                // The figures without text are the statement's figures.
                let req: calc_core::Request =
                    serde_json::from_value(fx["request"].clone()).expect("request");
                match calc_core::amounts(&req) {
                    Ok(a) => {
                        for (x, l) in a
                            .lines
                            .iter()
                            .zip(st["lines"].as_array().into_iter().flatten())
                        {
                            let got = (x.id.as_str(), x.status.as_str(), x.amount.to_string());
                            let want = (
                                l["id"].as_str().unwrap_or(""),
                                l["status"].as_str().unwrap_or(""),
                                l["amount"].as_str().unwrap_or("").to_string(),
                            );
                            if got != want {
                                failures
                                    .push(format!("{name}: amounts {got:?} ≠ statement {want:?}"));
                            }
                        }
                        if a.total.to_string() != st["total"].as_str().unwrap_or("") {
                            failures.push(format!(
                                "{name}: amounts total {} ≠ {}",
                                a.total, st["total"]
                            ));
                        }
                    }
                    Err(e) => failures.push(format!("{name}: amounts failed: {e:?}")),
                }
            }
            (Ok(_), Some(e)) => {
                failures.push(format!("{name}: expected error {e}, got a statement"))
            }
            (Err(e), None) => failures.push(format!("{name}: unexpected error {e}")),
            (Err(e), Some(want)) => {
                let e: Value = serde_json::from_str(&e).expect("error JSON");
                if e["path"] != want["path"] || e["schema"] != "tuoyu.error.v1" {
                    failures.push(format!(
                        "{name}: expected error at {}, got {e}",
                        want["path"]
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_claim_fixture_gives_its_expected_report() {
    let all = fixtures("claims");
    assert!(
        all.len() >= 6,
        "expected at least 6 claim fixtures, found {}",
        all.len()
    );
    let mut failures = Vec::new();
    for (name, fx) in &all {
        let rep: Value = serde_json::from_str(&calc_core::json::verify(&fx["claim"].to_string()))
            .expect("report JSON");
        for b in check_report(&fx["expect"], &rep) {
            failures.push(format!("{name}: {b}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_statement_lists_the_eighteen_lines_in_order() {
    let ids: Vec<&str> = calc_core::LineId::ALL.iter().map(|l| l.as_str()).collect();
    assert_eq!(ids.len(), 18);
    for (name, fx) in fixtures("") {
        // A fixture that expects an error is checked for it elsewhere; every other one must
        // give a statement (none is skipped silently).
        let result = calc_core::json::assess(&fx["request"].to_string());
        if fx["expect"].get("error").is_some() {
            assert!(result.is_err(), "{name}: expected an error");
            continue;
        }
        {
            let st = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            let st: Value = serde_json::from_str(&st).expect("statement JSON");
            let got: Vec<&str> = st["lines"]
                .as_array()
                .expect("lines")
                .iter()
                .filter_map(|l| l["id"].as_str())
                .collect();
            assert_eq!(got, ids, "{name}");
        }
    }
}

#[test]
fn a_statement_and_a_report_of_a_later_version_with_new_fields_are_still_read() {
    // Outputs only grow (SPEC §9): a service on this crate must read tomorrow's outputs.
    let fx = &fixtures("")
        .into_iter()
        .find(|(n, _)| n == "spec-example-2026.json")
        .expect("fixture")
        .1;
    let mut st: Value =
        serde_json::from_str(&calc_core::json::assess(&fx["request"].to_string()).unwrap())
            .unwrap();
    st["a_field_of_tomorrow"] = Value::from(1);
    st["lines"][0]["another_one"] = Value::from("x");
    let read: calc_core::Statement = serde_json::from_value(st).expect("a newer statement reads");
    assert_eq!(read.lines.len(), 18);
    let mut rep: Value = serde_json::from_str(&calc_core::json::verify(
        &serde_json::json!({"schema": "tuoyu.claim.v1", "request": fx["request"], "claimed": {}})
            .to_string(),
    ))
    .unwrap();
    rep["later"] = Value::Bool(true);
    let _: calc_core::Report = serde_json::from_value(rep).expect("a newer report reads");
}
