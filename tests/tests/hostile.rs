//! No row lost: every file of `fixtures/hostile/` through calc-core's readers (the ones the
//! browser uses, fed slice by slice) and through `tuoyu batch`, checked against
//! `fixtures/hostile/expected.json` — rows in = rows out, each report on its line, the
//! unreadable ones `invalid_input` naming the column.
#![forbid(unsafe_code)]

use calc_core::frontend::flat::ClaimReader;
use calc_core::verify::{verify_claim, verify_lines, Report};
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use tuoyu_tests::root;

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(root().join("fixtures/hostile/expected.json"))
        .expect("fixtures/hostile/expected.json");
    serde_json::from_str::<Vec<Value>>(&text).expect("expected.json is a list")
}

/// What a reader must give for a case: its `readers.<reader>` entries over the common ones.
fn expect_for(case: &Value, reader: &str) -> Value {
    let mut e = case.clone();
    if let Some(over) = case["readers"][reader].as_object() {
        for (k, v) in over {
            e[k] = v.clone();
        }
    }
    e
}

/// Checks (line, verdict, error path, English error) per report against a case.
fn check(case: &Value, reader: &str, got: &[(u64, String, String, String)]) -> Vec<String> {
    let e = expect_for(case, reader);
    let file = e["file"].as_str().unwrap_or("?");
    let mut bad = Vec::new();
    let lines: Vec<u64> = e["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .flat_map(|r| r[0].as_u64().unwrap_or(0)..=r[1].as_u64().unwrap_or(0))
        .collect();
    let got_lines: Vec<u64> = got.iter().map(|g| g.0).collect();
    if got_lines != lines {
        bad.push(format!(
            "{reader} {file}: {} reports on lines {:?}…, expected {} on {:?}…",
            got.len(),
            &got_lines[..got_lines.len().min(12)],
            lines.len(),
            &lines[..lines.len().min(12)]
        ));
    }
    if e["reports"].as_u64() != Some(got.len() as u64) {
        bad.push(format!(
            "{reader} {file}: {} reports, expected {}",
            got.len(),
            e["reports"]
        ));
    }
    let invalid = e["invalid"].as_array().cloned().unwrap_or_default();
    for (line, verdict, path, en) in got {
        match invalid.iter().find(|i| i["line"].as_u64() == Some(*line)) {
            Some(i) => {
                let ok = verdict == "invalid_input"
                    && i["path"].as_str().is_none_or(|p| p == path)
                    && i["en_contains"].as_str().is_none_or(|s| en.contains(s));
                if !ok {
                    bad.push(format!(
                        "{reader} {file} line {line}: {verdict} at {path:?} ({en}), expected {i}"
                    ));
                }
            }
            None if verdict != e["others"].as_str().unwrap_or("match") => bad.push(format!(
                "{reader} {file} line {line}: {verdict} {path} {en}, expected {}",
                e["others"]
            )),
            None => {}
        }
    }
    bad
}

fn summary(r: &Report) -> (u64, String, String, String) {
    let (path, en) = r
        .error
        .as_ref()
        .map_or((String::new(), String::new()), |e| {
            (e.path.clone(), e.error_en.clone())
        });
    (
        r.line.unwrap_or(0),
        r.verdict.as_str().to_string(),
        path,
        en,
    )
}

/// The library, as the browser reads: CSV pushed in slices of `step` bytes.
fn library(bytes: &[u8], csv: bool, step: usize) -> Vec<(u64, String, String, String)> {
    if !csv {
        return verify_lines(bytes).map(|r| summary(&r)).collect();
    }
    let mut reader = ClaimReader::new();
    let mut out = Vec::new();
    let mut drain = |reader: &mut ClaimReader| {
        while let Some((line, claim)) = reader.next_claim().expect("a usable header") {
            let mut r = match claim {
                Ok(c) => verify_claim(&c),
                Err((id, e)) => Report::invalid(id, &e, None),
            };
            r.line = Some(line);
            out.push(summary(&r));
        }
    };
    for part in bytes.chunks(step) {
        reader.push(part);
        drain(&mut reader);
    }
    reader.finish();
    drain(&mut reader);
    out
}

#[test]
fn every_hostile_file_gives_one_report_per_row_in_the_library() {
    let mut bad = Vec::new();
    for case in cases() {
        let file = case["file"].as_str().expect("file");
        let bytes = std::fs::read(root().join("fixtures/hostile").join(file)).expect("fixture");
        let csv = file.ends_with(".csv");
        for step in [bytes.len().max(1), 1, 5, 4096] {
            bad.extend(check(&case, "library", &library(&bytes, csv, step)));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Builds `tuoyu` once and returns its path.
fn tuoyu() -> PathBuf {
    let out = Command::new(env!("CARGO"))
        .current_dir(root())
        .args([
            "build",
            "-q",
            "-p",
            "tuoyu-cli",
            "--bin",
            "tuoyu",
            "--message-format=json",
        ])
        .stderr(Stdio::inherit())
        .output()
        .expect("cargo build runs");
    assert!(out.status.success(), "building tuoyu failed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "tuoyu")
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .expect("the tuoyu binary")
}

#[test]
fn every_hostile_file_gives_one_report_per_row_through_tuoyu_batch() {
    let bin = tuoyu();
    let dir = std::env::temp_dir().join(format!("tuoyu-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut bad = Vec::new();
    for case in cases() {
        let file = case["file"].as_str().expect("file");
        let input = root().join("fixtures/hostile").join(file);
        // Small chunks too, so records cross chunk boundaries.
        for chunk in ["256", "1"] {
            let output = dir.join(format!("{file}.{chunk}.jsonl"));
            let run = Command::new(&bin)
                .args(["batch", "-q", "--chunk-kib", chunk, "--input"])
                .arg(&input)
                .arg("--output")
                .arg(&output)
                .output()
                .expect("tuoyu runs");
            if !run.status.success() {
                bad.push(format!(
                    "tuoyu batch {file}: exit {:?}: {}",
                    run.status.code(),
                    String::from_utf8_lossy(&run.stderr)
                ));
                continue;
            }
            let text = std::fs::read_to_string(&output).expect("reports");
            let got: Vec<_> = text
                .lines()
                .map(|l| {
                    let r: Report = serde_json::from_str(l).expect("a report");
                    summary(&r)
                })
                .collect();
            bad.extend(check(&case, "cli", &got));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
