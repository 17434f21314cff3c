//! `tuoyu explain` prints the law text calc-core holds (`LineId::doc`), byte for byte as the
//! hand-written copy it replaced did: every line id, both languages, text and JSON, against a
//! committed golden file (`cli/tests/data/explain-2026-12-01.txt`, written by the command before
//! the copy was removed).
//!
//! The date is fixed so the parameters in force do not move with the calendar. To regenerate
//! after a deliberate change: `TUOYU_BLESS=1 cargo test -p tuoyu-cli --test explain`.

#![forbid(unsafe_code)]

use calc_core::frontend::Lang;
use calc_core::LineId;
use std::path::PathBuf;
use tuoyu_cli::explain;

fn golden_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/explain-2026-12-01.txt")
}

/// Everything `tuoyu explain` prints for every line on 2026-12-01, each piece under a header.
fn everything() -> String {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    let mut out = String::new();
    for line in LineId::ALL {
        let id = line.as_str();
        for (lang, zh) in [("zh", Lang::Zh), ("en", Lang::En)] {
            out.push_str(&format!("===== {id} --lang {lang}\n"));
            out.push_str(&explain::text(id, zh, date).expect("a known line is explained"));
        }
        out.push_str(&format!("===== {id} --format json\n"));
        let json = explain::json(id, date).expect("a known line is explained");
        out.push_str(&format!("{json:#}\n"));
    }
    out
}

#[test]
fn explain_prints_every_line_byte_for_byte_as_before() {
    let now = everything();
    let path = golden_path();
    if std::env::var_os("TUOYU_BLESS").is_some() {
        std::fs::write(&path, &now).expect("write golden file");
    }
    let golden = std::fs::read_to_string(&path).expect("read golden file");
    if now != golden {
        let (a, b): (Vec<&str>, Vec<&str>) = (golden.lines().collect(), now.lines().collect());
        let first = a
            .iter()
            .zip(&b)
            .position(|(x, y)| x != y)
            .unwrap_or(a.len().min(b.len()));
        panic!(
            "explain output changed at line {}:\n  was: {:?}\n  now: {:?}",
            first + 1,
            a.get(first),
            b.get(first)
        );
    }
}

#[test]
fn an_unknown_line_is_not_explained() {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    assert!(explain::text("vat", Lang::Zh, date).is_none());
    assert!(explain::json("vat", date).is_none());
}
