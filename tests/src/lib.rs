//! Shared helpers for the workspace-level tests: loading the fixtures and checking a result
//! against a fixture's expectations.
//!
//! A fixture (`fixtures/*.json`) has `request` and `expect`; `expect.lines.<id>` lists the fields
//! of a line to check, `expect.total` / `expect.total_landlord` / `expect.eligible_months` the
//! statement's, `expect.sections.<name>` a subset of a section, `expect.error.path` an input
//! error. Claim fixtures (`fixtures/claims/*.json`) have `claim` and `expect.verdict` /
//! `expect.items.<item>` and `expect.warnings` (the warnings' codes; none when absent).

#![forbid(unsafe_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The workspace root.
#[must_use]
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `*.json` file of `fixtures/<sub>` (sorted), parsed.
///
/// # Panics
/// On an unreadable or invalid fixture file — a broken fixture must fail the tests.
#[must_use]
pub fn fixtures(sub: &str) -> Vec<(String, Value)> {
    let dir = root().join("fixtures").join(sub);
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return out;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let v: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        out.push((
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            v,
        ));
    }
    out
}

/// Whether `expected` is a subset of `actual`: objects by key, arrays element by element with
/// the same length, scalars equal.
#[must_use]
pub fn subset(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e
            .iter()
            .all(|(k, v)| a.get(k).is_some_and(|av| subset(v, av))),
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(x, y)| subset(x, y))
        }
        (e, a) => e == a,
    }
}

/// Checks a statement (as JSON) against a fixture's `expect`; returns the mismatches.
#[must_use]
pub fn check_statement(expect: &Value, st: &Value) -> Vec<String> {
    let mut bad = Vec::new();
    if let Some(lines) = expect.get("lines").and_then(Value::as_object) {
        for (id, want) in lines {
            let got = st["lines"]
                .as_array()
                .and_then(|ls| ls.iter().find(|l| l["id"] == id.as_str()));
            match got {
                None => bad.push(format!("line {id} missing")),
                Some(l) => {
                    for (k, v) in want.as_object().into_iter().flatten() {
                        if &l[k] != v {
                            bad.push(format!(
                                "{id}.{k}: expected {v}, got {} (reasons {}, notes {})",
                                l[k], l["reasons"], l["notes"]
                            ));
                        }
                    }
                }
            }
        }
    }
    for k in ["total", "total_landlord", "eligible_months"] {
        if let Some(v) = expect.get(k) {
            if &st[k] != v {
                bad.push(format!("{k}: expected {v}, got {}", st[k]));
            }
        }
    }
    if let Some(sections) = expect.get("sections").and_then(Value::as_object) {
        for (name, want) in sections {
            if !subset(want, &st[name]) {
                bad.push(format!(
                    "section {name}: expected subset {want}, got {}",
                    st[name]
                ));
            }
        }
    }
    bad
}

/// Checks a verification report (as JSON) against a claim fixture's `expect`.
#[must_use]
pub fn check_report(expect: &Value, rep: &Value) -> Vec<String> {
    let mut bad = Vec::new();
    if let Some(v) = expect.get("verdict") {
        if &rep["verdict"] != v {
            bad.push(format!(
                "verdict: expected {v}, got {} ({rep})",
                rep["verdict"]
            ));
        }
    }
    if let Some(items) = expect.get("items").and_then(Value::as_object) {
        for (name, want) in items {
            let got = rep["items"]
                .as_array()
                .and_then(|is| is.iter().find(|i| i["item"] == name.as_str()));
            match got {
                None => bad.push(format!("item {name} missing")),
                Some(i) if !subset(want, i) => {
                    bad.push(format!("item {name}: expected {want}, got {i}"))
                }
                Some(_) => {}
            }
        }
    }
    // The warnings' codes, in order: none unless the fixture names them.
    let want: Vec<&Value> = expect
        .get("warnings")
        .and_then(Value::as_array)
        .map(|w| w.iter().collect())
        .unwrap_or_default();
    let got: Vec<&Value> = rep["warnings"]
        .as_array()
        .map(|w| w.iter().map(|w| &w["code"]).collect())
        .unwrap_or_default();
    if want != got {
        bad.push(format!("warnings: expected {want:?}, got {got:?}"));
    }
    if let Some(p) = expect.get("error_path") {
        if &rep["error"]["path"] != p {
            bad.push(format!(
                "error path: expected {p}, got {}",
                rep["error"]["path"]
            ));
        }
    }
    bad
}

/// The README's Rust examples, compiled and run as doctests (so the front page cannot rot).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
