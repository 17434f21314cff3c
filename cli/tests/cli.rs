//! The `tuoyu` binary, driven as users and scripts drive it: every fixture, every subcommand,
//! and every kind of bad input (which must give a clear message or report rows, never a panic).
#![forbid(unsafe_code)]

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use tuoyu_tests::{check_report, check_statement, fixtures, root};

fn tuoyu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tuoyu"))
}

fn run(args: &[&str]) -> Output {
    tuoyu().args(args).output().expect("run tuoyu")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = tuoyu()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tuoyu");
    let mut stdin = child.stdin.take().expect("stdin");
    let data = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait");
    let _ = writer.join();
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Exit 2 with a one-line message and no panic.
fn assert_usage_error(o: &Output, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.to_lowercase().contains(&needle.to_lowercase()),
        "expected {needle:?} in {err}"
    );
}

struct Tmp(PathBuf);

impl Tmp {
    fn new(name: &str) -> Tmp {
        let dir =
            std::env::temp_dir().join(format!("tuoyu-cli-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Tmp(dir)
    }
    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).expect("write temp file");
        p
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn json_lines(p: &Path) -> Vec<Value> {
    std::fs::read_to_string(p)
        .expect("read output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("report JSON"))
        .collect()
}

fn batch_jsonl(tmp: &Tmp, name: &str, input: &[u8], extra: &[&str]) -> (Output, Vec<Value>) {
    batch_to_jsonl(tmp, &format!("{name}.jsonl"), input, extra)
}

/// Runs `tuoyu batch` on `input` written to the file `file` (its extension sets the format),
/// with JSON Lines reports; checks exit 0 and returns the reports.
fn batch_to_jsonl(tmp: &Tmp, file: &str, input: &[u8], extra: &[&str]) -> (Output, Vec<Value>) {
    let inp = tmp.file(file, input);
    let out = tmp.path(&format!("{file}.out.jsonl"));
    let mut args = vec!["batch", "-i", s(&inp), "-o", s(&out)];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let reports = json_lines(&out);
    (o, reports)
}

// ---------------------------------------------------------------- fixtures

#[test]
fn every_request_fixture_gives_its_statement_or_its_error_through_assess() {
    let all: Vec<_> = fixtures("")
        .into_iter()
        .chain(fixtures("sections"))
        .collect();
    assert!(all.len() >= 20, "only {} request fixtures", all.len());
    let mut failures = Vec::new();
    for (name, fx) in &all {
        let o = run_stdin(&["assess"], fx["request"].to_string().as_bytes());
        match fx["expect"].get("error") {
            None => {
                if o.status.code() != Some(0) {
                    failures.push(format!(
                        "{name}: exit {:?}: {}",
                        o.status.code(),
                        stderr(&o)
                    ));
                    continue;
                }
                let st: Value = serde_json::from_slice(&o.stdout).expect("statement JSON");
                for b in check_statement(&fx["expect"], &st) {
                    failures.push(format!("{name}: {b}"));
                }
            }
            Some(want) => {
                if o.status.code() != Some(2) {
                    failures.push(format!(
                        "{name}: expected exit 2, got {:?}",
                        o.status.code()
                    ));
                    continue;
                }
                let e: Value = serde_json::from_str(stderr(&o).trim()).expect("error JSON");
                if e["path"] != want["path"] || e["schema"] != "tuoyu.error.v1" {
                    failures.push(format!(
                        "{name}: expected error at {}, got {e}",
                        want["path"]
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_request_fixture_reads_as_a_table_in_both_languages() {
    for (name, fx) in fixtures("") {
        if fx["expect"].get("error").is_some() {
            continue;
        }
        for lang in ["zh", "en"] {
            let o = run_stdin(
                &["assess", "--format", "table", "--lang", lang],
                fx["request"].to_string().as_bytes(),
            );
            assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
            let t = stdout(&o);
            let total = fx["expect"]["total"].as_str();
            if let Some(total) = total {
                assert!(
                    t.contains(total),
                    "{name} {lang}: total {total} not in\n{t}"
                );
            }
            let label = if lang == "zh" {
                "增值税免征"
            } else {
                "VAT exemption"
            };
            assert!(t.contains(label), "{name} {lang}:\n{t}");
        }
    }
}

#[test]
fn every_claim_fixture_gives_its_report_through_verify() {
    let all = fixtures("claims");
    assert!(all.len() >= 6, "only {} claim fixtures", all.len());
    let mut failures = Vec::new();
    for (name, fx) in &all {
        let o = run_stdin(&["verify"], fx["claim"].to_string().as_bytes());
        let rep: Value = serde_json::from_slice(&o.stdout).expect("report JSON");
        let want_code = if rep["verdict"] == "invalid_input" {
            2
        } else {
            0
        };
        if o.status.code() != Some(want_code) {
            failures.push(format!("{name}: exit {:?}", o.status.code()));
        }
        for b in check_report(&fx["expect"], &rep) {
            failures.push(format!("{name}: {b}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_claim_fixture_gives_its_report_through_batch_in_order() {
    let tmp = Tmp::new("fixture-batch");
    let all = fixtures("claims");
    let mut input = String::new();
    for (_, fx) in &all {
        input.push_str(&fx["claim"].to_string());
        input.push_str("\n\n"); // a blank line after each: skipped, but counted
    }
    let (_, reports) = batch_jsonl(&tmp, "fx", input.as_bytes(), &["-q", "--chunk-kib", "1"]);
    assert_eq!(reports.len(), all.len());
    let mut failures = Vec::new();
    for (i, ((name, fx), rep)) in all.iter().zip(&reports).enumerate() {
        assert_eq!(
            rep["line"],
            (2 * i + 1) as u64,
            "{name}: physical line number"
        );
        for b in check_report(&fx["expect"], rep) {
            failures.push(format!("{name}: {b}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The example files hold one claim per verdict; each id starts with the verdict it must get.
fn check_example_reports(reports: &[Value]) {
    assert!(reports.len() >= 8);
    for r in reports {
        let id = r["id"].as_str().unwrap_or("");
        let want = id.split("--").next().unwrap_or("");
        assert_eq!(r["verdict"], want, "{r}");
    }
}

#[test]
fn the_example_jsonl_file_gets_the_verdicts_its_ids_name() {
    let tmp = Tmp::new("example-jsonl");
    let out = tmp.path("r.jsonl");
    let inp = root().join("fixtures/claims.jsonl");
    let o = run(&["batch", "-i", s(&inp), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let reports = json_lines(&out);
    let with_id: Vec<Value> = reports
        .iter()
        .filter(|r| r["id"].is_string())
        .cloned()
        .collect();
    check_example_reports(&with_id);
    // The malformed lines are reported with their line numbers, not dropped.
    let invalid: Vec<&Value> = reports
        .iter()
        .filter(|r| r["verdict"] == "invalid_input")
        .collect();
    assert!(invalid
        .iter()
        .all(|r| r["line"].as_u64().is_some() && r["error"]["path"].is_string()));
    assert!(invalid.len() >= 2);
}

#[test]
fn the_example_csv_file_gets_the_verdicts_its_ids_name_and_the_same_as_jsonl() {
    let tmp = Tmp::new("example-csv");
    let out = tmp.path("r.jsonl");
    let inp = root().join("fixtures/claims.csv");
    let o = run(&["batch", "-i", s(&inp), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let reports = json_lines(&out);
    check_example_reports(&reports);
    // Physical line numbers: the header is line 1.
    assert_eq!(reports[0]["line"], 2);

    // Report CSV: same verdicts, columns as documented.
    let out_csv = tmp.path("r.csv");
    let o = run(&["batch", "-i", s(&inp), "-o", s(&out_csv), "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut rdr = csv::Reader::from_path(&out_csv).expect("report csv");
    let header: Vec<String> = rdr
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header, calc_core::frontend::flat::report_header());
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), reports.len());
    for (row, rep) in rows.iter().zip(&reports) {
        assert_eq!(row[1], *rep["id"].as_str().unwrap_or(""));
        assert_eq!(row[2], *rep["verdict"].as_str().unwrap_or(""));
    }
}

// ---------------------------------------------------------------- batch behaviour

#[test]
fn batch_output_equals_the_library_line_by_line_whatever_the_chunking_and_threads() {
    let tmp = Tmp::new("equals-library");
    let inp = tmp.path("g.jsonl");
    let o = run(&[
        "gen-claims",
        "--count",
        "1500",
        "--seed",
        "11",
        "--malformed-per-mille",
        "40",
        "-o",
        s(&inp),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = std::fs::read(&inp).expect("generated");
    let expected: Vec<String> = bytes
        .split_inclusive(|b| *b == b'\n')
        .enumerate()
        .filter_map(|(i, l)| calc_core::verify::verify_line(l, i as u64 + 1))
        .map(|r| r.to_json_line())
        .collect();
    for (threads, chunk) in [("1", "512"), ("3", "1"), ("2", "7")] {
        let out = tmp.path(&format!("o-{threads}-{chunk}.jsonl"));
        let o = run(&[
            "batch",
            "-i",
            s(&inp),
            "-o",
            s(&out),
            "-q",
            "--threads",
            threads,
            "--chunk-kib",
            chunk,
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let got = std::fs::read_to_string(&out).expect("output");
        let got: Vec<&str> = got.lines().collect();
        assert_eq!(got.len(), expected.len(), "threads {threads} chunk {chunk}");
        for (g, e) in got.iter().zip(&expected) {
            assert_eq!(g, e, "threads {threads} chunk {chunk}");
        }
    }
}

#[test]
fn generated_csv_and_jsonl_of_one_seed_get_the_same_verdicts() {
    let tmp = Tmp::new("csv-eq-jsonl");
    let (j, c) = (tmp.path("g.jsonl"), tmp.path("g.csv"));
    for p in [&j, &c] {
        let o = run(&[
            "gen-claims",
            "--count",
            "800",
            "--seed",
            "5",
            "--malformed-per-mille",
            "0",
            "-o",
            s(p),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let (jo, co) = (tmp.path("j.out.jsonl"), tmp.path("c.out.jsonl"));
    for (i, o) in [(&j, &jo), (&c, &co)] {
        let r = run(&["batch", "-i", s(i), "-o", s(o), "-q", "--chunk-kib", "3"]);
        assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    }
    // Line numbers differ (blank lines, the CSV header) and so do error paths (JSON path vs
    // column name); everything else must be equal.
    let strip = |mut v: Value| {
        if let Some(m) = v.as_object_mut() {
            m.remove("line");
            m.remove("error");
        }
        v
    };
    let a: Vec<Value> = json_lines(&jo).into_iter().map(strip).collect();
    let b: Vec<Value> = json_lines(&co).into_iter().map(strip).collect();
    assert_eq!(a.len(), b.len());
    assert!(a.len() > 700);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
}

#[test]
fn a_generated_file_has_every_verdict_and_a_summary_that_counts_them() {
    let tmp = Tmp::new("mix");
    let inp = tmp.path("g.jsonl");
    let o = run(&[
        "gen-claims",
        "--count",
        "3000",
        "--seed",
        "2",
        "-o",
        s(&inp),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = tmp.path("o.jsonl");
    let o = run(&["batch", "-i", s(&inp), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0));
    let reports = json_lines(&out);
    for v in [
        "match",
        "under_claimed",
        "over_claimed",
        "not_in_force",
        "not_eligible",
        "invalid_input",
    ] {
        let n = reports.iter().filter(|r| r["verdict"] == v).count();
        assert!(n > 0, "no {v} in a generated file");
        assert!(
            stderr(&o).contains(&format!("{v} {n}")),
            "summary lacks {v} {n}: {}",
            stderr(&o)
        );
    }
    assert!(stderr(&o).contains("over-claimed total:"));
    let years: std::collections::BTreeSet<i64> = std::fs::read_to_string(&inp)
        .expect("read")
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|c| c["request"]["year"].as_i64())
        .collect();
    assert_eq!(years, (2018..=2028).collect());
}

#[test]
fn gen_claims_is_deterministic_per_seed() {
    let a = run(&["gen-claims", "--count", "300", "--seed", "9"]);
    let b = run(&["gen-claims", "--count", "300", "--seed", "9"]);
    let c = run(&["gen-claims", "--count", "300", "--seed", "10"]);
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(a.stdout, b.stdout);
    assert_ne!(a.stdout, c.stdout);
    let d = run(&[
        "gen-claims",
        "--count",
        "300",
        "--seed",
        "9",
        "--format",
        "csv",
    ]);
    assert!(stdout(&d).starts_with("id,year,"));
}

#[test]
fn a_malformed_row_becomes_an_invalid_input_row_with_its_line_and_error() {
    let tmp = Tmp::new("malformed");
    let good = std::fs::read_to_string(root().join("fixtures/claims/match-spec-example.json"))
        .expect("fixture");
    let good: Value = serde_json::from_str(&good).expect("json");
    let good = good["claim"].to_string();
    let input = format!("{good}\n{{\"schema\": \"tuoyu.claim.v1\", \"id\": \"x-7\", \"request\": 5}}\n\n   \n{good}\n");
    let (_, reports) = batch_jsonl(&tmp, "m", input.as_bytes(), &["-q"]);
    assert_eq!(reports.len(), 3);
    assert_eq!(reports[1]["verdict"], "invalid_input");
    assert_eq!(reports[1]["line"], 2);
    assert_eq!(reports[1]["id"], "x-7");
    assert_eq!(reports[1]["error"]["path"], "request");
    assert_eq!(reports[2]["line"], 5);
    assert_eq!(reports[2]["verdict"], "match");
}

#[test]
fn a_garbage_file_gives_invalid_input_rows_not_a_failure() {
    let tmp = Tmp::new("garbage");
    let mut junk = Vec::new();
    for i in 0..200u32 {
        junk.extend((0..(i % 97)).map(|k| ((k * 31 + i * 7) % 251) as u8 | 1));
        junk.push(b'\n');
    }
    let (o, reports) = batch_jsonl(&tmp, "g", &junk, &[]);
    assert!(!reports.is_empty());
    assert!(reports
        .iter()
        .all(|r| r["verdict"] == "invalid_input" && r["line"].is_u64()));
    assert!(stderr(&o).contains("invalid_input"));
}

#[test]
fn invalid_utf8_gives_a_report_row_naming_the_line() {
    let tmp = Tmp::new("utf8");
    let (_, reports) = batch_jsonl(&tmp, "u", b"{\"a\": \"\xff\xfe\"}\n", &["-q"]);
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["verdict"], "invalid_input");
    assert!(reports[0]["error"]["error_en"]
        .as_str()
        .unwrap_or("")
        .contains("UTF-8"));

    // In CSV: the column is named.
    let csv = tmp.file(
        "u.csv",
        b"id,year,legal_form,community_based,service_modes,filed_with_health_commission,facility_name\nx,2026,enterprise,true,full_day,true,\xff\n",
    );
    let out = tmp.path("u.out.jsonl");
    let o = run(&["batch", "-i", s(&csv), "-o", s(&out), "-q"]);
    assert_eq!(o.status.code(), Some(0));
    let r = json_lines(&out);
    assert_eq!(r[0]["error"]["path"], "facility_name");
    assert_eq!(r[0]["line"], 2);
}

#[test]
fn a_truncated_last_line_is_reported_not_lost() {
    let tmp = Tmp::new("truncated");
    let good = std::fs::read_to_string(root().join("fixtures/claims/nothing-claimed.json"))
        .expect("fixture");
    let good: Value = serde_json::from_str(&good).expect("json");
    let good = good["claim"].to_string();
    let input = format!("{good}\n{}", &good[..good.len() / 2]);
    let (_, reports) = batch_jsonl(&tmp, "t", input.as_bytes(), &["-q"]);
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[1]["verdict"], "invalid_input");
    assert_eq!(reports[1]["line"], 2);
    // The same claim without its final newline is fine.
    let (_, reports) = batch_jsonl(&tmp, "t2", good.as_bytes(), &["-q"]);
    assert_eq!(reports.len(), 1);
    assert_ne!(reports[0]["verdict"], "invalid_input");
}

#[test]
fn a_ten_megabyte_line_is_reported_over_the_document_limit_and_the_run_goes_on() {
    let tmp = Tmp::new("long");
    let good = std::fs::read_to_string(root().join("fixtures/claims/match-spec-example.json"))
        .expect("fixture");
    let mut claim: Value = serde_json::from_str(&good).expect("json");
    let claim = &mut claim["claim"];
    claim["request"]["facility"]["name"] = Value::String("园".repeat(3_500_000));
    let line = claim.to_string();
    assert!(line.len() > 10_000_000);
    let garbage = "x".repeat(10_000_000);
    let input = format!("{line}\n{garbage}\n{{}}\n");
    let (_, reports) = batch_jsonl(&tmp, "l", input.as_bytes(), &["-q"]);
    assert_eq!(reports.len(), 3);
    // One claim is at most 1 MiB (calc_core::MAX_DOCUMENT_BYTES): the 10 MB one is refused,
    // saying so, and the rows after it are still read.
    assert_eq!(reports[0]["verdict"], "invalid_input");
    assert!(
        reports[0]["error"]["error_en"]
            .as_str()
            .unwrap_or_default()
            .contains("over the limit of 1 MiB"),
        "{}",
        reports[0]
    );
    assert_eq!(reports[1]["verdict"], "invalid_input");
    assert_eq!(reports[1]["line"], 2);
    assert_eq!(reports[2]["line"], 3);
}

#[test]
fn a_record_over_the_limit_is_skipped_with_a_row_and_the_run_goes_on() {
    let tmp = Tmp::new("over-limit");
    let big = "y".repeat(300_000);
    let input = format!("{big}\n{{}}\n");
    let (_, reports) = batch_jsonl(
        &tmp,
        "o",
        input.as_bytes(),
        &["-q", "--max-record-kib", "100"],
    );
    assert_eq!(reports.len(), 2);
    assert!(reports[0]["error"]["error_en"]
        .as_str()
        .unwrap_or("")
        .contains("longer than"));
    assert_eq!(reports[1]["line"], 2);
}

#[test]
fn an_empty_jsonl_file_runs_with_a_note_and_an_empty_csv_is_refused() {
    let tmp = Tmp::new("empty");
    let (o, reports) = batch_jsonl(&tmp, "e", b"", &[]);
    assert!(reports.is_empty());
    assert!(stderr(&o).contains("no claims"), "{}", stderr(&o));
    let csv = tmp.file("e.csv", b"");
    let out = tmp.path("e.out.csv");
    assert_usage_error(&run(&["batch", "-i", s(&csv), "-o", s(&out)]), "empty");
    // A header and no rows is fine.
    let csv = tmp.file(
        "h.csv",
        b"id,year,legal_form,community_based,service_modes,filed_with_health_commission\n",
    );
    let o = run(&["batch", "-i", s(&csv), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&out).expect("out").lines().count(),
        1
    );
}

#[test]
fn a_csv_with_an_unknown_column_or_garbage_header_is_refused_naming_it() {
    let tmp = Tmp::new("csv-header");
    let out = tmp.path("o.jsonl");
    let csv = tmp.file("c.csv", b"id,year,colour\n1,2026,red\n");
    assert_usage_error(&run(&["batch", "-i", s(&csv), "-o", s(&out)]), "colour");
    let csv = tmp.file("g.csv", b"\x00\x01garbage\xff\n");
    assert_usage_error(&run(&["batch", "-i", s(&csv), "-o", s(&out)]), "header");
    assert!(
        !out.exists(),
        "no output is created when the input cannot be used"
    );
}

#[test]
fn csv_rows_with_errors_name_the_column_and_physical_line() {
    let tmp = Tmp::new("csv-rows");
    let (_, r) = batch_to_jsonl(
        &tmp,
        "c.csv",
        b"id,year,legal_form,community_based,service_modes,filed_with_health_commission,facility_name,childcare_revenue\n\
          a,2026,enterprise,true,full_day,true,\"two\nline name\",100\n\
          \n\
          b,2026,enterprise,true,full_day,true,x,1;2\n\
          c,2026,enterprise,true,full_day\n",
        &["-q", "--chunk-kib", "1"],
    );
    assert_eq!(r.len(), 3, "{r:?}");
    assert_eq!(
        (r[0]["line"].as_u64(), r[0]["verdict"].as_str()),
        (Some(2), Some("match"))
    );
    assert_eq!(r[1]["line"], 5);
    assert_eq!(r[1]["error"]["path"], "childcare_revenue");
    assert_eq!(r[1]["id"], "b");
    assert_eq!(r[2]["line"], 6);
    assert_eq!(r[2]["verdict"], "invalid_input");
}

// ---------------------------------------------------------------- arguments and files

#[test]
fn unknown_subcommands_and_flags_exit_2_with_a_message() {
    assert_usage_error(&run(&["frobnicate"]), "unrecognized subcommand");
    assert_usage_error(&run(&["batch", "--colour", "x"]), "unexpected argument");
    assert_usage_error(&run(&["batch", "-i", "x.jsonl"]), "--output");
    assert_usage_error(&run(&["assess", "--format", "yaml"]), "invalid value");
}

#[test]
fn missing_files_and_directories_exit_2_with_a_message() {
    let tmp = Tmp::new("files");
    let out = tmp.path("o.jsonl");
    assert_usage_error(
        &run(&["batch", "-i", "/nonexistent/claims.jsonl", "-o", s(&out)]),
        "cannot read",
    );
    let dir = tmp.path("d.jsonl");
    std::fs::create_dir_all(&dir).expect("dir");
    assert_usage_error(&run(&["batch", "-i", s(&dir), "-o", s(&out)]), "directory");
    assert_usage_error(
        &run(&["batch", "-i", s(&tmp.0), "-o", s(&out)]),
        "directory",
    );
    assert_usage_error(
        &run(&["batch", "-i", "/nonexistent/claims", "-o", s(&out)]),
        "cannot read",
    );
    assert_usage_error(&run(&["assess", "/nonexistent.json"]), "cannot read");
    assert_usage_error(&run(&["assess", s(&tmp.0)]), "directory");
    assert_usage_error(&run(&["verify", "/nonexistent.json"]), "cannot read");
    let inp = tmp.file("c.txt", b"{}\n");
    assert_usage_error(
        &run(&["batch", "-i", s(&inp), "-o", s(&out)]),
        "--input-format",
    );
    let inp = tmp.file("c.jsonl", b"{}\n");
    assert_usage_error(
        &run(&["batch", "-i", s(&inp), "-o", s(&tmp.path("o.xml"))]),
        "--output-format",
    );
    assert_usage_error(&run(&["batch", "-i", s(&inp), "-o", s(&inp)]), "input file");
    let o = run(&["batch", "-i", s(&inp), "-o", "/nonexistent-dir/o.jsonl"]);
    assert_usage_error(&o, "cannot create");
}

#[test]
fn assess_refuses_empty_garbage_and_non_utf8_input_with_exit_2() {
    assert_usage_error(&run_stdin(&["assess"], b""), "empty");
    assert_usage_error(&run_stdin(&["assess"], b"\xff\xfe{}"), "UTF-8");
    let o = run_stdin(&["assess"], b"garbage garbage");
    assert_eq!(o.status.code(), Some(2));
    let e: Value = serde_json::from_str(stderr(&o).trim()).expect("error JSON");
    assert_eq!(e["schema"], "tuoyu.error.v1");
    let o = run_stdin(
        &["assess", "--format", "table", "--lang", "en"],
        b"{\"schema\": 1}",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("schema"));
}

#[test]
fn batch_reads_stdin_and_writes_stdout() {
    let fx = std::fs::read_to_string(root().join("fixtures/claims/over-claimed-deed-tax.json"))
        .expect("fixture");
    let fx: Value = serde_json::from_str(&fx).expect("json");
    let input = format!("{}\n", fx["claim"]);
    let o = run_stdin(&["batch", "-i", "-", "-o", "-", "-q"], input.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r: Value = serde_json::from_str(stdout(&o).trim()).expect("report");
    assert_eq!(r["verdict"], "over_claimed");
    let o = run_stdin(
        &[
            "batch",
            "-i",
            "-",
            "-o",
            "-",
            "-q",
            "--output-format",
            "csv",
        ],
        input.as_bytes(),
    );
    assert!(stdout(&o).starts_with("line,id,verdict"));
}

// ---------------------------------------------------------------- params, explain, help

#[test]
fn params_lists_values_windows_citations_and_confidence() {
    let o = run(&["params", "--at", "2026-06-01", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let list: Value = serde_json::from_slice(&o.stdout).expect("json");
    let vat = list
        .as_array()
        .and_then(|a| a.iter().find(|p| p["id"] == "national.vat.general_rate"))
        .expect("general rate");
    assert_eq!(vat["value"], "0.06");
    assert!(vat["source"]["document"].is_string() && vat["confidence"].is_string());
    // The 2023–2027 SLPE scale is in force in 2026, not in 2019.
    let o = run(&["params", "--at", "2019-06-01", "--lang", "en"]);
    let t = stdout(&o);
    assert!(
        t.contains("national.vat.small_scale_levy_rate") && t.contains("2019-01-01"),
        "{t}"
    );
    assert!(t.contains("confidence"));
    assert_usage_error(&run(&["params", "--at", "2026-13-01"]), "YYYY-MM-DD");
}

/// The local figures a region without a pack must supply: those with no national value on the
/// date — in 2026 the 六税两费 halving is national (公告2023年第12号), so it is listed with the
/// figures in force, not among those to supply; in 2021 it is a province's choice.
#[test]
fn params_of_a_region_without_a_pack_list_only_the_figures_it_must_supply() {
    let must_supply = |at: &str| -> Vec<String> {
        let o = run(&["params", "--at", at, "--region", "440305", "--lang", "en"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let t = stdout(&o);
        let (_, tail) = t
            .split_once("Local figures no region pack gives")
            .expect("the list");
        tail.lines()
            .skip(1)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    let in_2026 = must_supply("2026-06-01");
    assert!(
        in_2026.contains(&"province.deed_tax.rate".to_string()),
        "{in_2026:?}"
    );
    assert!(
        !in_2026.contains(&"province.small_scale_reduction".to_string()),
        "{in_2026:?}"
    );
    assert!(
        !in_2026.contains(&"province.slpe_reduction".to_string()),
        "{in_2026:?}"
    );
    assert_eq!(in_2026.len(), 6, "{in_2026:?}");
    let in_2021 = must_supply("2021-06-01");
    assert!(
        in_2021.contains(&"province.small_scale_reduction".to_string()),
        "{in_2021:?}"
    );
    assert_eq!(in_2021.len(), 8, "{in_2021:?}");
    // Jinning has every figure from its packs: no list.
    let o = run(&["params", "--at", "2026-06-01", "--lang", "en"]);
    assert!(!stdout(&o).contains("Local figures no region pack gives"));
}

#[test]
fn explain_gives_each_line_its_article_and_formula() {
    for l in calc_core::LineId::ALL {
        for lang in ["zh", "en"] {
            let o = run(&["explain", l.as_str(), "--lang", lang]);
            assert_eq!(o.status.code(), Some(0));
            let t = stdout(&o);
            assert!(
                t.contains(l.as_str())
                    && t.contains(if lang == "zh" { "公式" } else { "Formula" }),
                "{t}"
            );
        }
    }
    let o = run(&["explain", "cit_income_reduction", "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(v["quote_zh"].as_str().unwrap_or("").contains("90%"));
    assert_usage_error(&run(&["explain", "vat"]), "vat_exemption");
    assert!(stdout(&run(&["explain"])).lines().count() == calc_core::LineId::ALL.len());
}

#[test]
fn every_csv_column_is_documented_in_the_help_and_the_readme() {
    let help = stdout(&run(&["batch", "--help"]));
    let readme = std::fs::read_to_string(root().join("cli/README.md")).expect("cli/README.md");
    for c in calc_core::frontend::flat::CLAIM_COLUMNS {
        assert!(help.contains(c.name), "batch --help lacks {}", c.name);
        assert!(
            readme.contains(&format!("`{}`", c.name)),
            "README lacks {}",
            c.name
        );
    }
    for h in calc_core::frontend::flat::report_header() {
        assert!(
            readme.contains(h)
                || h.contains("_claimed")
                || h.contains("_recomputed")
                || h.contains("_difference")
                || h.contains("_verdict"),
            "README lacks {h}"
        );
    }
}

#[test]
fn verify_table_reads_in_both_languages() {
    let fx = std::fs::read_to_string(root().join("fixtures/claims/over-claimed-deed-tax.json"))
        .expect("fixture");
    let fx: Value = serde_json::from_str(&fx).expect("json");
    let o = run_stdin(
        &["verify", "--format", "table", "--lang", "en"],
        fx["claim"].to_string().as_bytes(),
    );
    assert!(stdout(&o).contains("over_claimed") && stdout(&o).contains("5000.00"));
    let o = run_stdin(
        &["verify", "--format", "table"],
        fx["claim"].to_string().as_bytes(),
    );
    assert!(stdout(&o).contains("多报"));
}

#[test]
fn verify_refuses_empty_garbage_and_non_utf8_input_with_exit_2() {
    assert_usage_error(&run_stdin(&["verify"], b"  \n"), "empty");
    assert_usage_error(&run_stdin(&["verify"], b"\xff{}"), "UTF-8");
    let o = run_stdin(
        &["verify"],
        b"{\"schema\": \"tuoyu.claim.v1\", \"id\": \"g-1\", garbage",
    );
    assert_eq!(o.status.code(), Some(2));
    let r: Value = serde_json::from_slice(&o.stdout).expect("report on stdout");
    assert_eq!(r["verdict"], "invalid_input");
    assert!(r["error"]["error_en"]
        .as_str()
        .unwrap_or("")
        .contains("JSON"));
}

#[test]
fn gen_claims_into_a_closed_pipe_ends_quietly() {
    let mut child = tuoyu()
        .args(["gen-claims", "--count", "200000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut out = child.stdout.take().expect("stdout");
    let mut first = [0u8; 100];
    std::io::Read::read_exact(&mut out, &mut first).expect("some output");
    drop(out);
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn csv_quotes_crlf_and_a_bom_are_read_as_the_csv_crate_reads_them() {
    let tmp = Tmp::new("csv-quotes");
    let mut text = String::from(
        "\u{feff}id,year,legal_form,community_based,service_modes,filed_with_health_commission,facility_name,childcare_revenue,claimed_vat_exempt_sales\r\n",
    );
    for i in 0..300 {
        let name = match i % 3 {
            // A quote inside an unquoted cell, once: a reader that counted it as opening a quoted
            // cell would then cut records inside the quoted cells below.
            0 if i == 0 => "5\" 托育园".to_string(),
            1 => "\"a \"\"quoted\"\"\r\nname, with comma\"".to_string(), // escaped quotes, CRLF, comma
            _ => "plain".to_string(),
        };
        text.push_str(&format!(
            "r{i},2026,enterprise,true,full_day,true,{name},1000,1000\r\n"
        ));
    }
    let (_, r) = batch_to_jsonl(&tmp, "q.csv", text.as_bytes(), &["-q", "--chunk-kib", "1"]);
    assert_eq!(r.len(), 300);
    let mut line = 2;
    for (i, rep) in r.iter().enumerate() {
        assert_eq!(rep["id"], format!("r{i}"));
        assert_eq!(rep["verdict"], "match", "{rep}");
        assert_eq!(rep["line"], line);
        line += if i % 3 == 1 { 2 } else { 1 };
    }
}

#[test]
fn the_region_column_selects_the_local_figures_and_is_in_the_template() {
    // fixtures/claims-region.csv: each id starts with the verdict its row must get.
    let tmp = Tmp::new("region-column");
    let out = tmp.path("r.jsonl");
    let inp = root().join("fixtures/claims-region.csv");
    let o = run(&["batch", "-i", s(&inp), "-o", s(&out), "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let reports = json_lines(&out);
    assert_eq!(reports.len(), 4);
    for r in &reports {
        let id = r["id"].as_str().unwrap_or("");
        assert_eq!(r["verdict"], id.split("--").next().unwrap_or(""), "{r}");
    }
    // A code that is not a division code is an invalid row naming the column.
    let bad = &reports[2];
    assert_eq!(bad["error"]["path"], "region", "{bad}");
    assert!(bad["error"]["error_zh"]
        .as_str()
        .unwrap_or("")
        .contains("行政区划代码"));
    // The same deed-tax claim matches in Jinning (530115) and, in a region without a pack
    // (440305), its line lacks the province's rate, named by its generic id.
    let deed = |r: &Value| -> Value {
        r["items"]
            .as_array()
            .and_then(|a| a.iter().find(|i| i["item"] == "deed_tax_exempt").cloned())
            .unwrap_or(Value::Null)
    };
    assert_eq!(deed(&reports[0])["verdict"], "match");
    assert_eq!(deed(&reports[0])["recomputed"], "90000.00");
    let futian = deed(&reports[3]);
    assert_eq!(futian["recomputed"], "0.00", "{futian}");
    // Not a finding of over-claiming: the figure is missing, and the report says so.
    assert_eq!(futian["verdict"], "missing_input", "{futian}");
    assert!(
        futian["reasons"]
            .to_string()
            .contains("parameters.province.deed_tax.rate"),
        "{futian}"
    );
    // The template carries the column under its Chinese name; the Chinese name reads back.
    let o = run(&["template", "-o", "-", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("行政区划代码"));
    let zh = tmp.path("zh.csv");
    std::fs::write(
        &zh,
        "所属年度,举办者类型,是否依托社区,服务方式,是否已备案,增值税纳税人类型,行政区划代码,托育服务收入,申报免税销售额\n\
         2026,enterprise,true,full_day,true,general,530000,1060000,1060000.00\n",
    )
    .expect("write");
    let out = tmp.path("zh.jsonl");
    let o = run(&["batch", "-i", s(&zh), "-o", s(&out), "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json_lines(&out)[0]["verdict"], "match");
}

// ---------------------------------------------------------------- reports for Excel

#[test]
fn a_report_file_opens_in_excel_with_a_bom_reasons_and_item_totals_and_stdout_has_no_bom() {
    use calc_core::frontend::flat;
    let tmp = Tmp::new("excel-report");
    let inp = root().join("fixtures/claims.csv");
    let out = tmp.path("r.csv");
    let o = run(&["batch", "-i", s(&inp), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = std::fs::read(&out).expect("report");
    assert!(
        bytes.starts_with(b"\xef\xbb\xbfline,id,verdict,"),
        "a BOM, then the header"
    );
    let mut rdr = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = rdr.headers().expect("h").iter().map(String::from).collect();
    assert_eq!(header, flat::report_header());
    let col = |k: &str| header.iter().position(|h| h == k).expect(k);
    let (verdict, zh, en) = (col("verdict"), col("reason_zh"), col("reason_en"));
    let mut refused = 0;
    for row in rdr.records().map(|r| r.expect("row")) {
        match &row[verdict] {
            "not_eligible" | "not_in_force" => {
                refused += 1;
                assert!(
                    row[zh].contains("依据：") && row[zh].contains('第'),
                    "{row:?}"
                );
                assert!(row[en].contains("basis: "), "{row:?}");
            }
            "match" => assert!(row[zh].is_empty() && row[en].is_empty(), "{row:?}"),
            _ => {}
        }
    }
    assert!(
        refused >= 4,
        "the example has not_eligible and not_in_force claims"
    );
    // The summary gives the over-claimed total item by item; the items add up to it.
    let err = stderr(&o);
    let amount = |line: &str| -> rust_decimal::Decimal {
        line.split_whitespace()
            .find_map(|w| w.trim_end_matches(',').parse().ok())
            .expect("an amount")
    };
    let total = err
        .lines()
        .find(|l| l.contains("over-claimed total:"))
        .map(amount)
        .expect("total");
    let by_item = err
        .lines()
        .find_map(|l| l.split_once("over-claimed by item (yuan): "))
        .map(|(_, rest)| rest.to_string())
        .expect("per item line");
    let sum: rust_decimal::Decimal = by_item.split(", ").map(amount).sum();
    assert!(total > rust_decimal::Decimal::ZERO);
    assert_eq!(sum, total, "{by_item}");
    assert!(by_item.contains("deed_tax_exempt "), "{by_item}");
    // Standard output: no BOM (a pipe's next command reads the names as they are).
    let o = run(&[
        "batch",
        "-i",
        s(&inp),
        "-o",
        "-",
        "--output-format",
        "csv",
        "-q",
    ]);
    assert!(stdout(&o).starts_with("line,id,verdict,"));
}

#[test]
fn lang_zh_writes_chinese_headings_and_verdict_words_that_read_back() {
    use calc_core::frontend::{flat, labels, Lang};
    use calc_core::Verdict;
    let tmp = Tmp::new("lang-zh");
    let inp = root().join("fixtures/claims.csv");
    let (en, zh) = (tmp.path("en.csv"), tmp.path("zh.csv"));
    for (out, lang) in [(&en, "en"), (&zh, "zh")] {
        let o = run(&["batch", "-q", "-i", s(&inp), "-o", s(out), "--lang", lang]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let read = |p: &Path| {
        let bytes = std::fs::read(p).expect("report");
        let mut rdr = csv::Reader::from_reader(std::io::Cursor::new(bytes[3..].to_vec()));
        let h: Vec<String> = rdr.headers().expect("h").iter().map(String::from).collect();
        let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
        (h, rows)
    };
    let (h_en, rows_en) = read(&en);
    let (h_zh, rows_zh) = read(&zh);
    assert_eq!(h_zh, flat::report_header_in(Lang::Zh));
    assert!(h_zh.iter().any(|h| h == "结论") && h_zh.iter().any(|h| h == "免税销售额·差额"));
    // Every Chinese heading reads back as its column.
    let back: Vec<&str> = h_zh.iter().filter_map(|h| flat::report_column(h)).collect();
    assert_eq!(back, h_en);
    assert_eq!(rows_zh.len(), rows_en.len());
    let v = h_en.iter().position(|h| h == "verdict").expect("verdict");
    for (a, b) in rows_en.iter().zip(&rows_zh) {
        let code = Verdict::from_name(&a[v]).expect("a verdict");
        assert_eq!(&b[v], labels::verdict_text(code, Lang::Zh));
        // The numbers and the rest are the same cells.
        assert_eq!(a[0], b[0]);
        assert_eq!(a[3], b[3]);
    }
    assert!(rows_zh.iter().any(|r| &r[v] == "多报"));
    // An Excel report in Chinese keeps its amounts as numbers.
    let x = tmp.path("zh.xlsx");
    let o = run(&["batch", "-q", "-i", s(&inp), "-o", s(&x), "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(&x).expect("xlsx");
    let sheet = wb.sheet_names()[0].clone();
    let r = wb.worksheet_range(&sheet).expect("sheet");
    let rows: Vec<_> = r.rows().collect();
    assert_eq!(rows[0][2], calamine::Data::String("结论".into()));
    assert!(
        matches!(rows[1][0], calamine::Data::Float(_)),
        "{:?}",
        rows[1][0]
    );
    // JSON Lines reports have no language.
    let o = run(&[
        "batch",
        "-q",
        "-i",
        s(&inp),
        "-o",
        s(&tmp.path("r.jsonl")),
        "--lang",
        "zh",
    ]);
    assert_usage_error(&o, "--lang zh");
}

// ---------------------------------------------------------------- warnings

#[test]
fn an_unfiled_facility_is_warned_of_the_filing_in_every_report_and_keeps_its_verdict() {
    use calc_core::frontend::flat;
    let tmp = Tmp::new("not-filed");
    let csv = "所属年度,举办者类型,是否依托社区,服务方式,是否已备案,增值税纳税人类型,托育服务收入,申报免税销售额\n\
               2026,企业,是,全日托,否,一般纳税人,1000000,1000000\n\
               2026,企业,是,全日托,是,一般纳税人,1000000,1000000\n";
    // JSON Lines: a `warnings` entry on the unfiled facility's report only.
    let (_, reports) = batch_to_jsonl(&tmp, "claims.csv", csv.as_bytes(), &["-q"]);
    let inp = tmp.path("claims.csv");
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["verdict"], "match");
    assert_eq!(
        reports[0]["warnings"][0]["code"], "not_filed",
        "{}",
        reports[0]
    );
    assert!(reports[1].get("warnings").is_none(), "{}", reports[1]);
    // CSV, English and Chinese headings: the warning after the reasons.
    for lang in ["en", "zh"] {
        let out = tmp.path(&format!("r-{lang}.csv"));
        let o = run(&["batch", "-i", s(&inp), "-o", s(&out), "-q", "--lang", lang]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let bytes = std::fs::read(&out).expect("report");
        let mut rdr = csv::Reader::from_reader(&bytes[3..]);
        let header: Vec<String> = rdr.headers().expect("h").iter().map(String::from).collect();
        let want: Vec<String> = flat::report_header_in(if lang == "zh" {
            calc_core::frontend::Lang::Zh
        } else {
            calc_core::frontend::Lang::En
        });
        assert_eq!(header, want);
        let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
        let n = header.len();
        assert!(rows[0][n - 2].contains("四（十三）"), "{:?}", &rows[0]);
        assert!(rows[0][n - 1].contains("district plan"), "{:?}", &rows[0]);
        assert!(rows[1][n - 2].is_empty() && rows[1][n - 1].is_empty());
    }
    // `tuoyu verify` shows it under the table.
    let claim = r#"{"schema":"tuoyu.claim.v1","request":{"schema":"tuoyu.request.v1","year":2026,
      "facility":{"legal_form":"enterprise","community_based":true,"service_modes":["full_day"],
      "filed_with_health_commission":false},"taxpayer":{"vat":"general"},
      "revenue":{"childcare":"1000000"}},"claimed":{"vat_exempt_sales":"1000000"}}"#;
    let o = run_stdin(
        &["verify", "--format", "table", "--lang", "zh"],
        claim.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("区实施方案四（十三）要求备案"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn errors_of_a_chinese_headed_csv_name_the_columns_as_the_officer_typed_them() {
    let tmp = Tmp::new("zh-errors");
    let csv = "所属年度,举办者类型,是否依托社区,服务方式,是否已备案,增值税纳税人类型,托育服务收入,申报免税销售额\n\
               2026,企业,是,全日托,是,一般纳税人,很多,1000000\n\
               2026,企业,是,全日托,是,一般纳税人,\"1000000,1000000\n";
    let (_, reports) = batch_to_jsonl(&tmp, "zh.csv", csv.as_bytes(), &["-q"]);
    assert_eq!(reports.len(), 2);
    assert_eq!(
        reports[0]["error"]["path"], "托育服务收入",
        "{}",
        reports[0]
    );
    assert!(
        reports[0]["error"]["error_zh"]
            .as_str()
            .is_some_and(|s| s.starts_with("托育服务收入：无法读取")),
        "{}",
        reports[0]
    );
    assert_eq!(
        reports[1]["error"]["path"], "托育服务收入",
        "{}",
        reports[1]
    );
    // A header without 所属年度 is refused, naming it as the file would.
    let bad = tmp.file(
        "bad.csv",
        "举办者类型,是否依托社区,服务方式,是否已备案\n企业,是,全日托,是\n".as_bytes(),
    );
    let o = run(&["batch", "-i", s(&bad), "-o", "-", "-q"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("所属年度"), "{}", stderr(&o));
}

// ---------------------------------------------------------------- templates

#[test]
fn the_template_offers_csv_and_xlsx_only() {
    let o = run(&["template", "--help"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let help = stdout(&o);
    assert!(!help.contains("jsonl"), "{help}");
    assert!(help.contains("csv") && help.contains("xlsx"), "{help}");
    assert_usage_error(&run(&["template", "-o", "-", "--format", "jsonl"]), "jsonl");
}

#[test]
fn a_csv_template_comes_with_its_notes_in_a_text_file_beside_it() {
    use calc_core::frontend::flat;
    let tmp = Tmp::new("template-notes");
    let t = tmp.path("申报模板.csv");
    let o = run(&["template", "-o", s(&t)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The template itself is unchanged: it reads back as its example claim.
    assert_eq!(
        std::fs::read_to_string(&t).expect("template"),
        flat::template_csv()
    );
    let notes_path = tmp.path("申报模板-填写说明.txt");
    let notes = std::fs::read_to_string(&notes_path).expect("the notes beside the template");
    assert!(notes.starts_with('\u{feff}'), "a BOM, for Notepad");
    for c in flat::template_columns() {
        assert!(
            notes.contains(&c.heading) && notes.contains(&c.name),
            "{}",
            c.name
        );
    }
    for n in flat::TEMPLATE_NOTES {
        assert!(notes.contains(n), "{n}");
    }
    assert!(
        stderr(&o).contains("申报模板-填写说明.txt"),
        "{}",
        stderr(&o)
    );
    // On standard output the CSV alone, and a word on where the notes are.
    let o = run(&["template", "-o", "-", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), flat::template_csv());
    assert!(stderr(&o).contains("tuoyu columns"), "{}", stderr(&o));
    // An xlsx template has its notes on its second sheet: no text file.
    let x = tmp.path("t.xlsx");
    let o = run(&["template", "-o", s(&x)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!tmp.path("t-填写说明.txt").exists());
}

#[test]
fn a_file_that_is_not_claims_is_named_as_the_desk_names_it() {
    let tmp = Tmp::new("not-claims");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
    for name in ["photo.csv", "photo.jsonl"] {
        let inp = tmp.file(name, png);
        let out = tmp.path(&format!("{name}.out.csv"));
        let o = run(&["batch", "-i", s(&inp), "-o", s(&out)]);
        assert_usage_error(&o, "looks like a PNG image, not a claims file");
        assert!(stderr(&o).contains("PNG 图片"), "{}", stderr(&o));
        assert!(!out.exists(), "nothing written for {name}");
    }
    // A workbook under a CSV name: said so, with the way to read it.
    let t = tmp.path("t.xlsx");
    assert_eq!(run(&["template", "-o", s(&t)]).status.code(), Some(0));
    let renamed = tmp.file("book.csv", &std::fs::read(&t).expect("xlsx"));
    let o = run(&["batch", "-i", s(&renamed), "-o", "-"]);
    assert_usage_error(&o, "is an Excel workbook");
    assert!(stderr(&o).contains(".xlsx"), "{}", stderr(&o));
}
