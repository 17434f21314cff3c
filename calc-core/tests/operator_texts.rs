//! What an operator reads on a line, as a reviewer acting as one (eyes12) found it wanting: the
//! default taken for an unstated 小型微利企业 is said, and a year past the published rules says
//! what to do in words a person can act on.
#![forbid(unsafe_code)]

use serde_json::{json, Value};

fn statement(req: &Value) -> Value {
    serde_json::from_str(&calc_core::json::assess(&req.to_string()).expect("statement"))
        .expect("JSON")
}

fn line<'a>(st: &'a Value, id: &str) -> &'a Value {
    st["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["id"] == id)
        .unwrap_or_else(|| panic!("line {id}"))
}

fn texts(l: &Value, kind: &str, lang: &str) -> Vec<String> {
    l[kind]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|t| t[lang].as_str().map(str::to_string))
        .collect()
}

fn nursery(taxpayer: Value) -> Value {
    json!({
        "schema": "tuoyu.request.v1", "year": 2026,
        "facility": { "legal_form": "enterprise", "community_based": true,
            "service_modes": ["full_day"], "filed_with_health_commission": true },
        "taxpayer": taxpayer,
        "revenue": { "childcare": "1200000" },
        "income_tax": { "taxable_income": "150000" }
    })
}

#[test]
fn an_unstated_small_low_profit_flag_is_said() {
    // 25% × 150,000 − 25% × (150,000 − 120,000) = 30,000.00; as a small low-profit enterprise
    // 5% × 150,000 − 5% × 30,000 = 6,000.00 (公告2023年第12号).
    let st = statement(&nursery(json!({ "vat": "small_scale" })));
    let cit = line(&st, "cit_income_reduction");
    assert_eq!(cit["amount"], "30000.00");
    let w = texts(cit, "warnings", "zh");
    assert!(
        w.iter().any(|t| t.contains("未填是否小型微利企业")),
        "{w:?}"
    );
    assert!(texts(cit, "warnings", "en")
        .iter()
        .any(|t| t.contains("not stated")));
    // Stated either way: no such warning, and the figure follows the answer.
    for (slpe, amount) in [(true, "6000.00"), (false, "30000.00")] {
        let st = statement(&nursery(
            json!({ "vat": "small_scale", "small_low_profit": slpe }),
        ));
        let cit = line(&st, "cit_income_reduction");
        assert_eq!(cit["amount"], amount);
        assert!(!texts(cit, "warnings", "zh")
            .iter()
            .any(|t| t.contains("未填是否小型微利企业")));
    }
}

#[test]
fn a_year_past_the_published_rules_says_what_to_do_in_words() {
    // 2028, small-scale, VAT Law nursery: the small-scale levy rate is published to 2027-12-31.
    let mut req = nursery(json!({ "vat": "small_scale" }));
    req["year"] = json!(2028);
    req["facility"]["nursery_vat_law"] = json!(true);
    let e = calc_core::json::assess(&req.to_string()).expect_err("refused");
    let e: Value = serde_json::from_str(&e).expect("error JSON");
    let (zh, en) = (e["error_zh"].to_string(), e["error_en"].to_string());
    assert!(zh.contains("若政策延续") && !zh.contains("参数文件"), "{e}");
    assert!(
        en.contains("if extended") && !en.contains("parameter file"),
        "{e}"
    );
}
