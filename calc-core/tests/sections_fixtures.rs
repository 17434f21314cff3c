//! Every `fixtures/sections/*.json` case through `calc_core::json::assess`.
//!
//! A fixture has `request` (a full `tuoyu.request.v1`) and `expect`: either
//! `expect.sections.<name>`, a subset of the statement's section (objects by key, arrays of the
//! same length element by element, scalars equal), or `expect.error.path`, the path of the input
//! error.
#![forbid(unsafe_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/sections")
}

fn fixtures() -> Vec<(String, Value)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixture_dir())
        .expect("fixtures/sections exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable fixture");
            let v: Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: invalid JSON: {e}", p.display()));
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, v)
        })
        .collect()
}

/// Where `expected` is not a subset of `actual`, as `path: expected …, got …` lines.
fn mismatches(expected: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                let p = format!("{path}.{k}");
                match a.get(k) {
                    Some(av) => mismatches(v, av, &p, out),
                    None => out.push(format!("{p}: missing, expected {v}")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.push(format!(
                    "{path}: expected {} elements, got {}: {actual}",
                    e.len(),
                    a.len()
                ));
            } else {
                for (i, (x, y)) in e.iter().zip(a).enumerate() {
                    mismatches(x, y, &format!("{path}[{i}]"), out);
                }
            }
        }
        (e, a) if e != a => out.push(format!("{path}: expected {e}, got {a}")),
        _ => {}
    }
}

#[test]
fn subset_matcher_compares_objects_by_key_and_arrays_elementwise() {
    let a: Value = serde_json::json!({"x": 1, "y": [1, {"z": 2, "w": 3}], "v": null});
    let mut out = Vec::new();
    mismatches(&serde_json::json!({"y": [1, {"z": 2}]}), &a, "", &mut out);
    mismatches(&serde_json::json!({"v": null}), &a, "", &mut out);
    assert!(out.is_empty(), "{out:?}");
    mismatches(&serde_json::json!({"y": [1]}), &a, "", &mut out);
    mismatches(&serde_json::json!({"x": 2}), &a, "", &mut out);
    mismatches(&serde_json::json!({"q": 2}), &a, "", &mut out);
    assert_eq!(out.len(), 3, "{out:?}");
}

#[test]
fn every_section_fixture_gives_its_expected_section_or_error() {
    let all = fixtures();
    let count = |prefix: &str| all.iter().filter(|(n, _)| n.starts_with(prefix)).count();
    assert!(count("fee-") >= 4, "at least 4 fee benchmark fixtures");
    assert!(count("capacity-") >= 4, "at least 4 capacity fixtures");
    assert!(count("donations-") >= 4, "at least 4 donations fixtures");
    let mut failures = Vec::new();
    for (name, fx) in &all {
        for key in [
            "name",
            "description",
            "basis",
            "arithmetic",
            "request",
            "expect",
        ] {
            if fx.get(key).is_none() {
                failures.push(format!("{name}: no `{key}`"));
            }
        }
        let input = fx["request"].to_string();
        match (calc_core::json::assess(&input), fx["expect"].get("error")) {
            (Ok(st), None) => {
                let st: Value = serde_json::from_str(&st).expect("statement JSON");
                let sections = fx["expect"]["sections"].as_object();
                if sections.is_none_or(|s| s.is_empty()) {
                    failures.push(format!("{name}: expect.sections is empty"));
                }
                for (section, want) in sections.into_iter().flatten() {
                    let mut out = Vec::new();
                    mismatches(want, &st[section], section, &mut out);
                    failures.extend(out.into_iter().map(|m| format!("{name}: {m}")));
                }
            }
            (Ok(_), Some(e)) => {
                failures.push(format!("{name}: expected error {e}, got a statement"))
            }
            (Err(e), None) => failures.push(format!("{name}: unexpected error {e}")),
            (Err(e), Some(want)) => {
                let e: Value = serde_json::from_str(&e).expect("error JSON");
                if e["schema"] != "tuoyu.error.v1" || e["path"] != want["path"] {
                    failures.push(format!(
                        "{name}: expected error at {}, got {e}",
                        want["path"]
                    ));
                }
                if e["error_zh"].as_str().is_none_or(str::is_empty)
                    || e["error_en"].as_str().is_none_or(str::is_empty)
                {
                    failures.push(format!("{name}: error without zh/en message: {e}"));
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
