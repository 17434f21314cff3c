//! English mode is English throughout (issue 10): every English text of a statement is free of
//! Chinese, every document it cites has an English title, every legal basis an English article
//! number, every how-to-claim source both, and every line's article quote an English rendering
//! marked as unofficial — for every fixture.

#![forbid(unsafe_code)]

use calc_core::{LineDoc, LineId};
use serde_json::Value;
use tuoyu_tests::fixtures;

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c))
}

/// English text at `key` of `o`: present, not empty, no Chinese characters.
fn english(o: &serde_json::Map<String, Value>, key: &str) -> Result<(), String> {
    match o.get(key).and_then(Value::as_str) {
        Some(s) if !s.is_empty() && !has_cjk(s) => Ok(()),
        Some(s) => Err(format!("{key} is not English: {s:?}")),
        None => Err(format!("no {key} for {:?}", o.get("document"))),
    }
}

/// Every citation and basis (an object with a `document`) in `v`, and every English text.
fn walk(v: &Value, at: &str, faults: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            if o.contains_key("document") {
                let checks = [english(o, "title_en"), english(o, "article_en")];
                faults.extend(
                    checks
                        .into_iter()
                        .filter_map(Result::err)
                        .map(|e| format!("{at}: {e}")),
                );
            }
            for (k, x) in o {
                if let ("en" | "label_en", Some(t)) = (k.as_str(), x.as_str()) {
                    if has_cjk(t) {
                        faults.push(format!("{at}.{k}: Chinese in English text: {t:?}"));
                    }
                }
                walk(x, &format!("{at}.{k}"), faults);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk(x, &format!("{at}[{i}]"), faults);
            }
        }
        _ => {}
    }
}

#[test]
fn every_english_text_and_cited_document_of_every_fixture_statement_is_english() {
    let mut faults = Vec::new();
    let mut statements = 0;
    for (name, fx) in fixtures("").into_iter().chain(fixtures("sections")) {
        let Ok(st) = calc_core::json::assess(&fx["request"].to_string()) else {
            continue;
        };
        let st: Value = serde_json::from_str(&st).expect("statement JSON");
        walk(&st, &name, &mut faults);
        statements += 1;
    }
    assert!(statements >= 20, "only {statements} statements");
    assert!(
        faults.is_empty(),
        "{} faults:\n{}",
        faults.len(),
        faults.join("\n")
    );
}

#[test]
fn every_how_to_claim_source_is_titled_in_english() {
    for &id in LineId::ALL {
        let h = calc_core::frontend::claiming::how_to_claim(id);
        let t = h.source.title_en.as_deref().unwrap_or_default();
        let a = h.source.article_en.as_deref().unwrap_or_default();
        assert!(!t.is_empty() && !has_cjk(t), "{id}: {t:?}");
        assert!(!a.is_empty() && !has_cjk(a), "{id}: {a:?}");
    }
}

#[test]
fn every_article_quote_has_an_unofficial_english_rendering() {
    for &id in LineId::ALL {
        let d = id.doc();
        assert!(
            !d.quote_en.is_empty() && !has_cjk(d.quote_en),
            "{id}: {:?}",
            d.quote_en
        );
        assert!(!has_cjk(d.computes_en), "{id}: {:?}", d.computes_en);
        // An elided quote is elided in both languages.
        assert_eq!(
            d.quote_zh.starts_with('…'),
            d.quote_en.starts_with('…'),
            "{id}"
        );
    }
    assert!(LineDoc::UNOFFICIAL_EN.1.contains("not the official text"));
}

#[test]
fn every_citation_of_the_parameter_data_has_an_english_title_and_article() {
    let mut n = 0;
    for s in calc_core::params::all_series() {
        for e in &s.entries {
            let t = e.citation.title_en.as_deref().unwrap_or_default();
            assert!(!t.is_empty() && !has_cjk(t), "{}: {t:?}", s.id.as_str());
            let a = e.citation.article_en.as_deref().unwrap_or_default();
            assert!(!a.is_empty() && !has_cjk(a), "{}: {a:?}", s.id.as_str());
            n += 1;
        }
    }
    assert!(n >= 70, "only {n} dated values");
}

#[test]
fn every_english_field_label_and_option_text_is_english() {
    use calc_core::frontend::labels::*;
    for f in FIELDS {
        assert!(!has_cjk(f.en), "{}: {:?}", f.path, f.en);
    }
    let options = [
        LEGAL_FORMS,
        SERVICE_MODES,
        LOCATIONS,
        VAT_KINDS,
        TENURES,
        LAND_TENURES,
        ACQUISITION_KINDS,
        FEE_METHODS,
        AREAS,
        VAT_PERIODS,
        IIT_SHARES,
    ];
    for o in options.iter().flat_map(|list| list.iter()) {
        assert!(!has_cjk(o.en), "{}: {:?}", o.value, o.en);
    }
    for s in calc_core::params::all_series() {
        assert!(!has_cjk(&s.label_en), "{}: {:?}", s.id.as_str(), s.label_en);
    }
}
