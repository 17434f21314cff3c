//! Every fixture through the example binaries (`--example assess`, `--example verify`), as a
//! newcomer runs them: JSON on stdin, the statement on stdout (exit 0) or the error on stderr
//! (exit 2).
#![forbid(unsafe_code)]

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use tuoyu_tests::{check_report, check_statement, fixtures, root};

/// Builds the calc-core examples once and returns the path of `name`.
fn example(name: &str) -> PathBuf {
    static BUILT: OnceLock<Vec<(String, PathBuf)>> = OnceLock::new();
    let built = BUILT.get_or_init(|| {
        let out = Command::new(env!("CARGO"))
            .current_dir(root())
            .args([
                "build",
                "-q",
                "-p",
                "calc-core",
                "--examples",
                "--message-format=json",
            ])
            .stderr(Stdio::inherit())
            .output()
            .expect("cargo build runs");
        assert!(out.status.success(), "building the examples failed");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["kind"][0] == "example")
            .filter_map(|m| {
                Some((
                    m["target"]["name"].as_str()?.to_string(),
                    PathBuf::from(m["executable"].as_str()?),
                ))
            })
            .collect()
    });
    built
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, p)| p.clone())
        .unwrap_or_else(|| panic!("example {name} not built"))
}

fn run(bin: &PathBuf, input: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(bin)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_assess_example_gives_every_fixture_its_statement_or_error() {
    let bin = example("assess");
    let mut failures = Vec::new();
    for (name, fx) in fixtures("").into_iter().chain(fixtures("sections")) {
        let (code, out, err) = run(&bin, fx["request"].to_string().as_bytes());
        match fx["expect"].get("error") {
            None => {
                if code != 0 {
                    failures.push(format!("{name}: exit {code}: {err}"));
                    continue;
                }
                let st: Value = serde_json::from_str(&out).expect("statement JSON on stdout");
                failures.extend(
                    check_statement(&fx["expect"], &st)
                        .into_iter()
                        .map(|b| format!("{name}: {b}")),
                );
            }
            Some(want) => {
                let e: Value = serde_json::from_str(err.trim()).unwrap_or(Value::Null);
                if code != 2 || e["path"] != want["path"] || !out.is_empty() {
                    failures.push(format!(
                        "{name}: expected exit 2 with error at {}, got exit {code}, stderr {err}",
                        want["path"]
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_verify_example_gives_every_claim_fixture_its_report() {
    let bin = example("verify");
    for (name, fx) in fixtures("claims") {
        let (code, out, err) = run(&bin, fx["claim"].to_string().as_bytes());
        // An invalid claim still gets its report (verdict invalid_input, as `tuoyu verify`
        // prints it), with exit 2.
        let want = if fx["expect"]["verdict"] == "invalid_input" {
            2
        } else {
            0
        };
        assert_eq!(code, want, "{name}: {out} {err}");
        let rep: Value = serde_json::from_str(&out).expect("report JSON");
        let bad = check_report(&fx["expect"], &rep);
        assert!(bad.is_empty(), "{name}: {}", bad.join("; "));
    }
}

#[test]
fn the_examples_refuse_garbage_and_invalid_utf8_with_exit_2() {
    for name in ["assess", "verify"] {
        let bin = example(name);
        for input in [
            &b""[..],
            b"not json",
            b"{\"schema\":",
            &[0xff, 0xfe, 0x00][..],
            b"[]",
            b"null",
        ] {
            let (code, out, err) = run(&bin, input);
            assert_eq!(code, 2, "{name} on {input:?}: stdout {out}");
            if name == "verify" {
                let rep: Value = serde_json::from_str(out.trim()).expect("report JSON on stdout");
                assert_eq!(rep["schema"], "tuoyu.verification.v1");
                assert_eq!(rep["verdict"], "invalid_input");
            }
            let e: Value = serde_json::from_str(err.trim()).expect("error JSON on stderr");
            assert_eq!(e["schema"], "tuoyu.error.v1");
            assert!(
                !e["error_zh"].as_str().unwrap_or("").is_empty()
                    && !e["error_en"].as_str().unwrap_or("").is_empty()
            );
        }
    }
}
