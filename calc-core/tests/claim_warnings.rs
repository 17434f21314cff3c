//! Warnings on a claim that do not change its verdict (SPEC §8): an unfiled facility's claim
//! says that the district plan requires the filing, in the JSON report and in the report CSV.

use calc_core::frontend::{flat, Lang};
use calc_core::verify::verify_text;

fn claim(filed: bool) -> String {
    format!(
        r#"{{"schema":"tuoyu.claim.v1","id":"w-1","request":{{"schema":"tuoyu.request.v1",
        "year":2026,"facility":{{"legal_form":"enterprise","community_based":true,
        "service_modes":["full_day"],"filed_with_health_commission":{filed}}},
        "taxpayer":{{"vat":"general"}},"revenue":{{"childcare":"1200000"}}}},"claimed":{{"vat_exempt_sales":"1200000"}}}}"#
    )
}

#[test]
fn an_unfiled_facility_is_told_of_the_filing_requirement_and_keeps_its_verdict() {
    let r = verify_text(&claim(false));
    assert_eq!(r.verdict.as_str(), "match");
    let json: serde_json::Value = serde_json::from_str(&r.to_json_line()).expect("JSON");
    let w = &json["warnings"];
    assert_eq!(w.as_array().map(Vec::len), Some(1), "{json}");
    assert_eq!(w[0]["code"], "not_filed");
    assert!(
        w[0]["zh"].as_str().is_some_and(|s| s.contains("备案")),
        "{w}"
    );
    assert!(
        w[0]["en"].as_str().is_some_and(|s| s.contains("filed")),
        "{w}"
    );
    let basis = &w[0]["basis"];
    assert!(
        basis["document"]
            .as_str()
            .is_some_and(|s| s.contains("实施方案")),
        "{w}"
    );
    assert!(
        basis["article"]
            .as_str()
            .is_some_and(|s| s.contains("四（十三）")),
        "{w}"
    );

    // The report CSV: two columns at the end, after the reasons.
    let header = flat::report_header();
    let n = header.len();
    assert_eq!(header[n - 2..], ["warning_zh", "warning_en"]);
    assert_eq!(header[n - 4..n - 2], ["reason_zh", "reason_en"]);
    let row = flat::report_row(&r);
    assert_eq!(row.len(), n);
    assert!(
        row[n - 2].contains("备案") && row[n - 2].contains("四（十三）"),
        "{row:?}"
    );
    assert!(
        row[n - 1].contains("filed") && row[n - 1].contains("4(13)"),
        "{row:?}"
    );
    for lang in [Lang::En, Lang::Zh] {
        for plain in [true, false] {
            let mut line = Vec::new();
            flat::write_report_line_in(&mut line, &r, lang, plain);
            assert_eq!(
                line,
                flat::csv_line(&flat::report_row_in(&r, lang, plain)).into_bytes()
            );
        }
    }
    assert_eq!(flat::report_header_in(Lang::Zh).len(), n);
}

#[test]
fn a_filed_facility_has_no_warnings_field() {
    let r = verify_text(&claim(true));
    assert_eq!(r.verdict.as_str(), "match");
    assert!(
        !r.to_json_line().contains("warnings"),
        "{}",
        r.to_json_line()
    );
    let row = flat::report_row(&r);
    let n = row.len();
    assert_eq!(row[n - 2..], ["", ""]);
}

#[test]
fn a_reused_report_gains_and_loses_the_warning_claim_by_claim() {
    use calc_core::verify::{verify_claim, verify_claim_into, Claim, Report};
    let filed = Claim::from_json(&claim(true)).expect("claim");
    let unfiled = Claim::from_json(&claim(false)).expect("claim");
    let mut report = Report::empty();
    for c in [
        &unfiled, &filed, &filed, &unfiled, &unfiled, &filed, &unfiled,
    ] {
        verify_claim_into(c, &mut report);
        assert_eq!(report, verify_claim(c));
        assert_eq!(
            report.warnings.len(),
            usize::from(!c.request.facility.filed_with_health_commission)
        );
    }
}
