//! Every fixture through the library's JSON entry points.
#![forbid(unsafe_code)]

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
    let fx = &spec_example();
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

/// The fixture `spec-example-2026.json` (its `request`, `expect`).
fn spec_example() -> Value {
    fixtures("")
        .into_iter()
        .find(|(n, _)| n == "spec-example-2026.json")
        .expect("fixture")
        .1
}

/// The statement of `spec-example-2026.json` as JSON.
fn example_statement() -> Value {
    let fx = &spec_example();
    serde_json::from_str(&calc_core::json::assess(&fx["request"].to_string()).unwrap()).unwrap()
}

#[test]
fn a_statement_with_a_line_and_a_status_of_a_later_version_reads_back_and_writes_them_as_they_were()
{
    use calc_core::{LineId, Statement, Status};
    let mut st = example_statement();
    let mut line = st["lines"][2].clone();
    line["id"] = "childcare_subsidy_2029".into();
    line["status"] = "partly_applies".into();
    line["a_field_of_2029"] = Value::from(1);
    st["lines"].as_array_mut().unwrap().push(line);
    st["lines"][0]["status"] = "deferred".into();

    let read: Statement = serde_json::from_value(st.clone()).expect("a newer statement reads");
    assert_eq!(read.lines.len(), 19);
    let new = &read.lines[18];
    assert!(matches!(new.id, LineId::Other(_)), "{:?}", new.id);
    assert_eq!(new.id.as_str(), "childcare_subsidy_2029");
    assert!(matches!(new.status, Status::Other(_)));
    assert_eq!(new.status.as_str(), "partly_applies");
    assert_eq!(read.lines[0].id, LineId::VatExemption);
    assert_eq!(read.lines[0].status.as_str(), "deferred");
    // The typed look-up still finds the known lines, and no known id matches the new one.
    assert!(read.line(LineId::CitIncomeReduction).is_some());
    assert!(LineId::ALL.iter().all(|l| *l != new.id));
    // An unknown line has no text in this version, and says so.
    assert!(new.id.doc().computes_en.contains("later version"));

    // Written back: the ids and statuses as they were; only the unknown field is dropped.
    let mut back = serde_json::to_value(&read).unwrap();
    assert_eq!(back["lines"][18]["id"], "childcare_subsidy_2029");
    assert_eq!(back["lines"][18]["status"], "partly_applies");
    assert_eq!(back["lines"][0]["status"], "deferred");
    back["lines"][18]["a_field_of_2029"] = Value::from(1);
    assert_eq!(back, st);
    // And read again, the same.
    assert_eq!(serde_json::from_value::<Statement>(back).unwrap(), read);
}

#[test]
fn a_report_with_an_item_and_a_verdict_of_a_later_version_reads_back_and_writes_them_as_they_were()
{
    use calc_core::verify::{ClaimItem, Report, Verdict};
    let fx = &spec_example();
    let claim = serde_json::json!({"schema": "tuoyu.claim.v1", "request": fx["request"],
        "claimed": {"vat_exempt_sales": "1800000.00"}});
    let mut rep: Value =
        serde_json::from_str(&calc_core::json::verify(&claim.to_string())).unwrap();
    let mut item = rep["items"][0].clone();
    item["item"] = "childcare_subsidy_received".into();
    item["verdict"] = "needs_review".into();
    rep["items"].as_array_mut().unwrap().push(item);
    rep["verdict"] = "needs_review".into();

    let read: Report = serde_json::from_value(rep.clone()).expect("a newer report reads");
    assert_eq!(read.items[0].item, ClaimItem::VatExemptSales);
    assert!(matches!(read.items[1].item, ClaimItem::Other(_)));
    assert_eq!(read.items[1].item.as_str(), "childcare_subsidy_received");
    assert!(matches!(read.verdict, Verdict::Other(_)));
    // A verdict this version does not know is ordered after all of its own.
    assert!(Verdict::ALL.iter().all(|v| *v < read.verdict));
    assert_eq!(serde_json::to_value(&read).unwrap(), rep);
    // The words for it are its name.
    assert_eq!(
        calc_core::frontend::labels::verdict_text(read.verdict, calc_core::frontend::Lang::En),
        "needs_review"
    );
}

#[test]
fn what_is_not_a_name_is_still_refused_and_inputs_stay_strict() {
    let mut st = example_statement();
    st["lines"][0]["id"] = "增值税".into();
    let e = serde_json::from_value::<calc_core::Statement>(st).unwrap_err();
    assert!(
        e.to_string().contains("neither a name this version knows"),
        "{e}"
    );
    let mut st = example_statement();
    st["lines"][0]["status"] = Value::from(3);
    assert!(serde_json::from_value::<calc_core::Statement>(st).is_err());
    // People's text and inputs know only this version's names.
    assert!("childcare_subsidy_2029"
        .parse::<calc_core::LineId>()
        .is_err());
    assert!(calc_core::LineId::from_id("childcare_subsidy_2029").is_none());
    assert!(calc_core::verify::ClaimItem::from_name("childcare_subsidy_received").is_none());
    let fx = &spec_example();
    let claim = serde_json::json!({"schema": "tuoyu.claim.v1", "request": fx["request"],
        "claimed": {"childcare_subsidy_received": "1.00"}});
    let e = calc_core::verify::Claim::from_json(&claim.to_string()).unwrap_err();
    assert_eq!(e.kind(), calc_core::ErrorKind::UnknownField);
}

#[test]
fn a_statement_with_a_beneficiary_and_a_confidence_of_a_later_version_reads_back_as_it_was() {
    use calc_core::params::Confidence;
    use calc_core::statement::Beneficiary;
    use calc_core::Statement;
    let mut st = example_statement();
    st["lines"][0]["beneficiary"] = "households".into();
    st["lines"][0]["parameters"][0]["confidence"] = "court_tested".into();
    st["lines"][0]["how_to_claim"]["confidence"] = "court_tested".into();

    let read: Statement = serde_json::from_value(st.clone()).expect("a newer statement reads");
    let line = &read.lines[0];
    assert!(matches!(line.beneficiary, Beneficiary::Other(_)));
    assert_eq!(line.beneficiary.as_str(), "households");
    assert_eq!(read.lines[4].beneficiary, Beneficiary::Landlord);
    let c = line.parameters[0].confidence;
    assert!(matches!(c, Confidence::Other(_)));
    assert_eq!(c.as_str(), "court_tested");
    // A level this version does not know counts as the weakest: it cannot vouch for it.
    assert!(Confidence::ALL.iter().all(|k| c < *k));
    assert!(matches!(
        line.how_to_claim.as_ref().map(|h| h.confidence),
        Some(Confidence::Other(_))
    ));
    // Written back as it was read.
    assert_eq!(serde_json::to_value(&read).unwrap(), st);
    // People's text knows only this version's names.
    assert!(Beneficiary::from_name("households").is_none());
    assert!(Confidence::from_name("court_tested").is_none());
}

#[test]
fn a_parameter_file_with_a_confidence_of_no_version_is_refused() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../calc-core/data/parameters.toml"
    );
    let text = std::fs::read_to_string(path).expect("parameters.toml");
    let changed = text.replacen(
        "confidence = \"verified\"",
        "confidence = \"court_tested\"",
        1,
    );
    assert_ne!(changed, text);
    let e = calc_core::params::Store::from_toml(&changed).unwrap_err();
    assert!(
        e.to_string().contains("unknown confidence `court_tested`"),
        "{e}"
    );
}
