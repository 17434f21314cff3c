//! `tuoyu assess --format table`: what a person reads must carry what the statement says — the
//! document in force, the line warnings, the household figures and the sections not in force.
#![forbid(unsafe_code)]

use std::io::Write;
use std::process::{Command, Stdio};
use tuoyu_tests::{fixtures, root};

fn table(request: &serde_json::Value, lang: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tuoyu"))
        .args(["assess", "-", "--format", "table", "--lang", lang])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("tuoyu");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(request.to_string().as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("output");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn request(sub: &str, name: &str) -> serde_json::Value {
    assert!(
        root().join("fixtures").join(sub).join(name).exists(),
        "{name}"
    );
    fixtures(sub)
        .into_iter()
        .find(|(n, _)| n == name)
        .expect("fixture")
        .1["request"]
        .clone()
}

#[test]
fn a_2028_line_cites_the_document_that_ended_and_keeps_its_vat_law_warning() {
    let r = serde_json::json!({"schema": "tuoyu.request.v1", "year": 2028,
        "facility": {"legal_form": "enterprise", "community_based": true,
                     "service_modes": ["full_day"], "filed_with_health_commission": true},
        "taxpayer": {"vat": "general"}, "revenue": {"childcare": "1000000"}});
    let t = table(&r, "zh");
    let vat = t
        .lines()
        .find(|l| l.starts_with("增值税免征"))
        .expect("VAT row");
    assert!(
        vat.contains("2026年第7号") && !vat.contains("76号"),
        "{vat}"
    );
    assert!(
        t.contains("! [vat_exemption]") && t.contains("增值税法"),
        "{t}"
    );
}

#[test]
fn the_household_and_a_section_not_in_force_are_shown() {
    let t = table(
        &request("sections", "household-two-children-2026.json"),
        "en",
    );
    assert!(t.contains("The family pays: fees 16500.00"), "{t}");
    assert!(t.contains("= 9700.00 yuan"), "{t}");
    let t = table(
        &request("sections", "capacity-2018-not-in-force.json"),
        "en",
    );
    assert!(t.contains("[capacity] not computed for 2018"), "{t}");
}
