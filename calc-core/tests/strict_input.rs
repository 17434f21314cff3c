//! Strict input means strict (issue 14): what serde would quietly accept is refused, naming the
//! place, in words a person can act on.
#![forbid(unsafe_code)]

fn request_with(rest: &str) -> String {
    format!(
        r#"{{"schema": "tuoyu.request.v1", "year": 2026,
            "facility": {{"legal_form": "enterprise", "community_based": true,
                          "service_modes": ["full_day"], "filed_with_health_commission": true}}{rest}}}"#
    )
}

fn error(text: &str) -> serde_json::Value {
    let e = calc_core::json::assess(text).expect_err("refused");
    serde_json::from_str(&e).expect("error JSON")
}

#[test]
fn an_array_in_place_of_an_object_is_refused_at_any_depth() {
    let top = r#"["tuoyu.request.v1", 2026, {"legal_form": "enterprise", "community_based": true,
                  "service_modes": ["full_day"], "filed_with_health_commission": true}]"#;
    let e = error(top);
    assert_eq!(e["path"], "");
    assert_eq!(
        e["error_en"],
        "expected a JSON object {…}, found an array […]"
    );
    assert_eq!(error("[1, 2, 3]")["error_en"], e["error_en"]);
    let e = error(&request_with(r#", "revenue": ["1200000", "0"]"#));
    assert_eq!(e["path"], "revenue");
    assert!(
        e["error_zh"].as_str().unwrap().contains("应为 JSON 对象"),
        "{e}"
    );
    let e = error(&request_with(r#", "properties": [["owned", "1000000"]]"#));
    assert!(e["path"].as_str().unwrap().starts_with("properties"), "{e}");
    // The same for a claim, and in its request.
    let claim = format!(r#"["tuoyu.claim.v1", "c1", {}, {{}}]"#, request_with(""));
    let report: serde_json::Value = serde_json::from_str(&calc_core::json::verify(&claim)).unwrap();
    assert_eq!(report["verdict"], "invalid_input");
    assert_eq!(
        report["error"]["error_en"],
        "expected a JSON object {…}, found an array […]"
    );
    // Arrays where the contract has arrays are still read.
    let ok = request_with(
        r#", "taxpayer": {"vat": "general"}, "revenue": {"childcare": ["100000","100000","100000","100000","100000","100000","100000","100000","100000","100000","100000","100000"]},
           "parameters": {"national.cit.slpe_schedule": [[null, "0.05"]]}"#,
    );
    calc_core::json::assess(&ok).expect("monthly amounts and a schedule override are arrays");
}

#[test]
fn a_parameter_overridden_twice_is_refused() {
    let e = error(&request_with(
        r#", "parameters": {"national.vat.general_rate": "0.06", "national.vat.general_rate": "0.5"}"#,
    ));
    assert_eq!(e["path"], "parameters");
    assert!(
        e["error_en"]
            .as_str()
            .unwrap()
            .contains("national.vat.general_rate is given twice"),
        "{e}"
    );
    // Elsewhere a field given twice was already refused by serde.
    let e = error(&request_with(r#", "year": 2025"#));
    assert!(e["error_en"].as_str().unwrap().contains("duplicate"), "{e}");
}

#[test]
fn a_document_over_one_mib_is_refused_before_it_is_parsed() {
    let name = "托".repeat(calc_core::MAX_DOCUMENT_BYTES / 3 + 1);
    let text = request_with(&format!(r#", "padding_field": "{name}""#));
    assert!(text.len() > calc_core::MAX_DOCUMENT_BYTES);
    let e = error(&text);
    assert_eq!(e["path"], "");
    assert!(
        e["error_en"]
            .as_str()
            .unwrap()
            .contains("over the limit of 1 MiB"),
        "{e}"
    );
    let report = calc_core::json::verify(&format!(
        r#"{{"schema": "tuoyu.claim.v1", "request": {text}, "claimed": {{}}}}"#
    ));
    assert!(
        report.contains("invalid_input") && report.contains("1 MiB"),
        "{report}"
    );
    // Just under the limit, the document is read (and here refused for its unknown field).
    let small = request_with(r#", "padding_field": "x""#);
    assert_eq!(error(&small)["path"], "padding_field");
}
