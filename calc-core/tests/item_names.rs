//! The steps, notes and warnings of the property, land use and deed tax lines name an item as a
//! person counts it (房产 1 / Building 1, 地块 1 / Plot 1, 购置 1 / Acquisition 1): an operator
//! reads them on the page and in `tuoyu explain`. JSON paths (`properties[0]`) stay in errors
//! and in the fields a `missing_input` line names.
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

/// Every text of a line's steps, notes and warnings, Chinese then English.
fn texts(l: &Value) -> Vec<String> {
    ["steps", "notes", "warnings"]
        .iter()
        .flat_map(|k| l[k].as_array().cloned().unwrap_or_default())
        .flat_map(|t| {
            [t["zh"].as_str(), t["en"].as_str()]
                .into_iter()
                .flatten()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Asserts that one of `texts` starts with `prefix`.
fn has_prefix(texts: &[String], prefix: &str) {
    assert!(
        texts.iter().any(|t| t.starts_with(prefix)),
        "{prefix} in {texts:?}"
    );
}

/// Asserts that one of `texts` is `text`.
fn has_text(texts: &[String], text: &str) {
    assert!(texts.iter().any(|t| t == text), "{text} in {texts:?}");
}

fn facility() -> Value {
    json!({"legal_form": "enterprise", "community_based": true, "service_modes": ["full_day"],
           "filed_with_health_commission": true, "location_class": "urban"})
}

fn assert_no_path(st: &Value) {
    for l in st["lines"].as_array().expect("lines") {
        for t in texts(l) {
            assert!(
                !t.contains("properties[") && !t.contains("land[") && !t.contains("acquisitions["),
                "{}: a JSON path in a text for people: {t}",
                l["id"]
            );
        }
    }
}

#[test]
fn property_and_land_steps_number_the_items_from_one() {
    let st = statement(&json!({"schema": "tuoyu.request.v1", "year": 2026,
        "facility": facility(), "taxpayer": {"vat": "small_scale"},
        "properties": [{"tenure": "owned", "original_value": "3000000", "used_from": "2026-04-15"},
                       {"tenure": "leased", "annual_rent": "120000"}],
        // 40 yuan/m² lies outside the large-city band: a warning naming the plot.
        "land": [{"area_m2": "500", "tax_per_m2": "12"}, {"area_m2": "10", "tax_per_m2": "40"}]}));
    assert_no_path(&st);
    let owned = texts(line(&st, "property_tax"));
    has_prefix(&owned, "房产 1：原值 3000000");
    has_prefix(&owned, "Building 1: original value 3000000");
    let leased = texts(line(&st, "property_tax_leased"));
    has_prefix(&leased, "房产 2：年租金 120000");
    has_prefix(&leased, "Building 2: annual rent 120000");
    let land = texts(line(&st, "land_use_tax"));
    has_prefix(&land, "地块 1：面积 500");
    has_prefix(&land, "Plot 1: 500 m²");
    has_prefix(&land, "地块 2 的每平方米年税额 40 不在");
    has_prefix(&land, "Plot 2: tax per m² per year 40 is outside");
}

#[test]
fn a_building_without_a_month_in_force_is_named_in_its_note() {
    // 2019: the window starts on 2019-06-01; the second building is used only to March.
    let st = statement(&json!({"schema": "tuoyu.request.v1", "year": 2019,
        "facility": facility(), "taxpayer": {"vat": "small_scale"},
        "properties": [{"tenure": "owned", "original_value": "1000000"},
                       {"tenure": "owned", "original_value": "500000", "used_to": "2019-03-31"}]}));
    assert_no_path(&st);
    let t = texts(line(&st, "property_tax"));
    has_text(&t, "房产 2 在优惠执行期内没有使用月份，计0");
    has_text(&t, "Building 2 has no month in force: adds 0");
}

#[test]
fn deed_steps_and_notes_number_the_acquisitions_from_one() {
    let st = statement(&json!({"schema": "tuoyu.request.v1", "year": 2026,
        "facility": facility(), "taxpayer": {"vat": "small_scale"},
        "acquisitions": [{"date": "2026-02-01", "price": "1000000"},
                         {"date": "2025-12-20", "price": "1"}]}));
    assert_no_path(&st);
    let t = texts(line(&st, "deed_tax"));
    has_prefix(&t, "购置 1（2026-02-01）：成交价 1000000");
    has_prefix(&t, "Acquisition 1 (2026-02-01): price 1000000");
    has_prefix(&t, "购置 2 的日期 2025-12-20 不在2026年");
    has_prefix(&t, "Acquisition 2 is dated 2025-12-20, outside 2026");
}

#[test]
fn missing_fields_and_errors_keep_their_paths() {
    let st = statement(&json!({"schema": "tuoyu.request.v1", "year": 2026,
        "facility": facility(), "taxpayer": {"vat": "small_scale"},
        "properties": [{"tenure": "owned"}],
        "acquisitions": [{"date": "2026-02-01"}]}));
    let reasons = |id: &str| line(&st, id)["reasons"].to_string();
    assert!(
        reasons("property_tax").contains("properties[0].original_value"),
        "{}",
        reasons("property_tax")
    );
    assert!(
        reasons("deed_tax").contains("acquisitions[0].price"),
        "{}",
        reasons("deed_tax")
    );
    let e = calc_core::json::assess(
        &json!({"schema": "tuoyu.request.v1", "year": 2026, "facility": facility(),
                "land": [{"area_m2": "-1"}]})
        .to_string(),
    )
    .expect_err("negative area");
    assert!(e.contains("land[0].area_m2"), "{e}");
}
