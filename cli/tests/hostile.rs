//! Hostile input (issue 14): arbitrary bytes and strings fed to the library's entry points and
//! its CSV reader never panic (a fuzz-style proptest with a fixed case budget), and the report
//! CSV neutralises text that a spreadsheet would run as a formula. The command-line cases (data
//! loss, signals, full disks, closed pipes) are in `scripts/hostile.sh`.
#![forbid(unsafe_code)]

use calc_core::frontend::flat::{self, ClaimHeaders};
use calc_core::verify::Report;
use proptest::prelude::*;

/// Cases per property (a fixed budget: `make test` stays quick; raise with PROPTEST_CASES).
const CASES: u32 = 1500;

/// A valid claim line to mutate: real structure, so mutations reach deep into the parser.
fn claim_line() -> String {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/claims.jsonl"
    ))
    .unwrap_or_default();
    text.lines().next().unwrap_or("{}").to_string()
}

fn claims_csv() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/claims.csv"
    ))
    .unwrap_or_default()
}

/// `text` with the byte range `at..at+len` replaced by `with` (on char boundaries).
fn splice(text: &str, at: usize, len: usize, with: &str) -> String {
    let mut a = at.min(text.len());
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (a + len).min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    format!("{}{with}{}", &text[..a], &text[b..])
}

/// Reads CSV text as the browser does: records, the first one the header, each row a claim.
fn read_csv(text: &str) -> usize {
    let mut recs = flat::csv_records(text);
    let Some(Ok(header)) = recs.next().map(|r| r.cells) else {
        return 0;
    };
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    let Ok(h) = ClaimHeaders::new(&names) else {
        return 0;
    };
    let mut n = 0;
    for rec in recs {
        // A record the reader refuses is a report row of its own (counted, not read).
        let Ok(cells) = rec.cells else {
            n += 1;
            continue;
        };
        let fields: Vec<&str> = cells.iter().map(String::as_str).collect();
        let _ = h.id_of(&fields);
        let _ = h.claim(&fields);
        n += 1;
    }
    n
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(CASES),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// JSON-ish fragments that steer mutations to the places parsers get wrong.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("[".to_string()),
        Just("{}".to_string()),
        Just("null".to_string()),
        Just("\"\\u0000\"".to_string()),
        Just("1e999999".to_string()),
        Just("-79228162514264337593543950336".to_string()),
        Just("0.0000000000000000000000000001".to_string()),
        Just("\"9999-12-31\"".to_string()),
        Just("\"0000-01-01\"".to_string()),
        Just("[1,2,3]".to_string()),
        Just("\"tuoyu.request.v1\"".to_string()),
        Just("\"\\ud800\"".to_string()),
        "\\PC{0,12}",
        any::<i64>().prop_map(|n| n.to_string()),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// Arbitrary text into `json::assess` and `json::verify`: an answer or an error, never a panic.
    #[test]
    fn json_entry_points_never_panic_on_arbitrary_text(s in "\\PC{0,400}") {
        let _ = calc_core::json::assess(&s);
        let _ = calc_core::json::verify(&s);
    }

    /// Arbitrary bytes (made text as a browser decodes a file) into the same entry points.
    #[test]
    fn json_entry_points_never_panic_on_arbitrary_bytes(b in proptest::collection::vec(any::<u8>(), 0..600)) {
        let s = String::from_utf8_lossy(&b);
        let _ = calc_core::json::assess(&s);
        let _ = calc_core::json::verify(&s);
    }

    /// A real claim with a piece replaced by a hostile fragment: the parser is reached deep.
    #[test]
    fn mutated_claims_never_panic(at in 0usize..4000, len in 0usize..40, with in fragment()) {
        let line = claim_line();
        let s = splice(&line, at % (line.len() + 1), len, &with);
        let _ = calc_core::json::verify(&s);
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&s) {
            if let Some(req) = v.get("request") {
                let _ = calc_core::json::assess(&req.to_string());
            }
        }
    }

    /// Arbitrary bytes through the CSV reader and the claim columns.
    #[test]
    fn csv_reader_never_panics_on_arbitrary_bytes(b in proptest::collection::vec(any::<u8>(), 0..800)) {
        let _ = read_csv(&String::from_utf8_lossy(&b));
    }

    /// The example CSV with a piece replaced (quotes, separators, line ends, hostile cells).
    #[test]
    fn mutated_csv_never_panics(at in 0usize..4000, len in 0usize..30,
                                with in prop_oneof![Just("\"".to_string()), Just("\r".to_string()),
                                                    Just("\n".to_string()), Just(",".to_string()),
                                                    Just("\u{feff}".to_string()), Just("\0".to_string()),
                                                    Just(";;;;;;;;;;;".to_string()), fragment()]) {
        let text = claims_csv();
        let s = splice(&text, at % (text.len() + 1), len, &with);
        let _ = read_csv(&s);
    }

    /// A report's text cells never begin with a formula character once written.
    #[test]
    fn report_text_cells_never_start_a_formula(id in "[=+@\\t\\r-]?\\PC{0,20}") {
        let e = calc_core::Error::new("year", "错误", "bad");
        let r = Report::invalid(Some(id.clone()), &e, Some(2));
        let row = flat::report_row(&r);
        prop_assert!(!row[1].starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?}", row[1]);
        let want = if id.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{id}") } else { id };
        prop_assert_eq!(&row[1], &want);
    }
}

#[test]
fn formula_ids_are_neutralised_and_money_stays_numbers() {
    for id in [
        "=1+1",
        "+SUM(A1)",
        "-1",
        "@cmd",
        "=HYPERLINK(\"http://example.invalid\",\"click\")",
        "\tx",
        "\rx",
    ] {
        assert_eq!(flat::text_cell(id), format!("'{id}"));
    }
    for id in ["a=1", "1-2", "c1", "", "申报-1", " =1"] {
        assert_eq!(flat::text_cell(id), id);
    }
    // An under-claimed item: a negative difference, written as the number it is.
    let line = claim_line();
    let mut v: serde_json::Value = serde_json::from_str(&line).expect("fixture claim");
    v["id"] = serde_json::Value::String("=1+1".into());
    v["claimed"]["vat_exempt_sales"] = serde_json::Value::String("1.00".into());
    let report: serde_json::Value =
        serde_json::from_str(&calc_core::json::verify(&v.to_string())).expect("report JSON");
    assert_eq!(report["id"], "=1+1", "JSON keeps the id as it is");
    let r: Report = calc_core::verify::verify_text(&v.to_string());
    let row = flat::report_row(&r);
    let header = flat::report_header();
    let get = |k: &str| row[header.iter().position(|h| *h == k).expect(k)].clone();
    assert_eq!(get("id"), "'=1+1");
    let diff = get("vat_exempt_sales_difference");
    assert!(diff.starts_with('-'), "a negative difference: {diff}");
    assert!(diff.parse::<f64>().is_ok(), "{diff}");
    // The whole line, as a spreadsheet gets it.
    let csv = flat::csv_line(&row);
    assert!(csv.contains(",'=1+1,"), "{csv}");
}

#[test]
fn error_cells_from_the_input_are_neutralised() {
    let e = calc_core::Error::new("=cmd|' /C calc'!A0", "=错误", "@bad");
    let r = Report::invalid(Some("ok".into()), &e, Some(2));
    let row = flat::report_row(&r);
    let header = flat::report_header();
    for col in ["error_path", "error_en", "error_zh"] {
        let cell = &row[header.iter().position(|h| *h == col).expect(col)];
        assert!(cell.starts_with('\''), "{col}: {cell:?}");
    }
}

#[test]
fn control_characters_are_made_visible_for_the_terminal() {
    let s = tuoyu_cli::render::visible("id\u{1b}[31m\u{7}x\u{202e}y\n");
    assert!(
        !s.contains(|c: char| c.is_control() || c == '\u{202e}'),
        "{s}"
    );
    assert!(s.contains("\\u{1b}[31m"), "{s}");
    assert_eq!(tuoyu_cli::render::visible("申报 c1"), "申报 c1");
}
