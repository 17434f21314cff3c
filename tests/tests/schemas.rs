//! The JSON Schemas of the contract (`schemas/`): generated from the types, current, and
//! satisfied by every fixture and every output the library writes for them.
//!
//! After changing a request or output type: `TUOYU_BLESS=1 cargo test -p tuoyu-tests --test
//! schemas` rewrites the files; review the diff like any contract change (add, never rename).
#![forbid(unsafe_code)]

use serde_json::Value;
use tuoyu_tests::{fixtures, root};

fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("schemas").join(name))
        .unwrap_or_else(|e| panic!("schemas/{name}: {e} (run with TUOYU_BLESS=1 to write it)"));
    let schema: Value = serde_json::from_str(&text).expect("schema JSON");
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("schemas/{name}: {e}"))
}

fn check(v: &jsonschema::Validator, doc: &Value, what: &str, bad: &mut Vec<String>) {
    for e in v.iter_errors(doc) {
        bad.push(format!("{what}: {} at {}", e, e.instance_path()));
    }
}

#[test]
fn the_committed_schemas_are_the_generated_ones() {
    let dir = root().join("schemas");
    let bless = std::env::var_os("TUOYU_BLESS").is_some();
    let mut stale = Vec::new();
    for (name, schema) in calc_core::schema::all() {
        let text = serde_json::to_string_pretty(&schema).expect("schema") + "\n";
        let path = dir.join(name);
        if bless {
            std::fs::create_dir_all(&dir).expect("schemas/");
            std::fs::write(&path, &text).expect("write schema");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale schemas {stale:?}: run TUOYU_BLESS=1 cargo test -p tuoyu-tests --test schemas"
    );
}

#[test]
fn every_fixture_and_every_output_satisfies_its_schema() {
    let (request, claim, statement, report, error) = (
        validator("tuoyu.request.v1.json"),
        validator("tuoyu.claim.v1.json"),
        validator("tuoyu.statement.v1.json"),
        validator("tuoyu.verification.v1.json"),
        validator("tuoyu.error.v1.json"),
    );
    let mut bad = Vec::new();
    let mut counted = 0;
    for sub in ["", "sections"] {
        for (name, fx) in fixtures(sub) {
            let req = &fx["request"];
            let out = calc_core::json::assess(&req.to_string());
            match out {
                Ok(st) => {
                    check(&request, req, &name, &mut bad);
                    let st: Value = serde_json::from_str(&st).expect("statement");
                    check(&statement, &st, &format!("{name} → statement"), &mut bad);
                }
                Err(e) => {
                    let e: Value = serde_json::from_str(&e).expect("error");
                    check(&error, &e, &format!("{name} → error"), &mut bad);
                    // A refused request that is well-formed JSON of the right types must still
                    // be refused by the schema or by a rule the schema cannot state (ranges,
                    // dates, sums): nothing to assert here beyond the error's own schema.
                }
            }
            counted += 1;
        }
    }
    for (name, fx) in fixtures("claims") {
        let c = &fx["claim"];
        let rep: Value = serde_json::from_str(&calc_core::json::verify(&c.to_string())).unwrap();
        if rep["verdict"] != "invalid_input" {
            check(&claim, c, &name, &mut bad);
        }
        check(&report, &rep, &format!("{name} → report"), &mut bad);
        counted += 1;
    }
    assert!(counted > 60, "fixtures checked: {counted}");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_request_schema_refuses_what_the_library_refuses_by_type() {
    let request = validator("tuoyu.request.v1.json");
    let ok: Value = serde_json::from_str(
        r#"{"schema": "tuoyu.request.v1", "year": 2026,
            "facility": {"legal_form": "enterprise", "community_based": true,
                         "service_modes": ["full_day"], "filed_with_health_commission": true}}"#,
    )
    .unwrap();
    assert!(request.is_valid(&ok));
    for (path, value) in [
        ("/facility/legal_form", Value::from("company")),
        ("/facility", Value::from(vec![1, 2])),
        ("/colour", Value::from("red")),
        ("/revenue", serde_json::json!({"childcare": ["1", "2"]})),
    ] {
        let mut doc = ok.clone();
        match doc.pointer_mut(path) {
            Some(v) => *v = value,
            None => {
                doc[path.trim_start_matches('/')] = value;
            }
        }
        assert!(!request.is_valid(&doc), "{path} should be refused");
        assert!(calc_core::json::assess(&doc.to_string()).is_err());
    }
}
