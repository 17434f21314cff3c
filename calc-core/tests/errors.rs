//! Bad input gets a clear error naming the field, in Chinese and English.
#![forbid(unsafe_code)]

use calc_core::{Error, Request};

fn base() -> serde_json::Value {
    serde_json::json!({"schema":"tuoyu.request.v1","year":2026,"facility":{"legal_form":"enterprise","community_based":true,
        "service_modes":["full_day"],"filed_with_health_commission":true}})
}

fn err(v: &serde_json::Value) -> Error {
    Request::from_json(&v.to_string()).expect_err("must be refused")
}

fn with(path: &[&str], value: serde_json::Value) -> serde_json::Value {
    let mut v = base();
    let mut cur = &mut v;
    for p in &path[..path.len() - 1] {
        cur = &mut cur[*p];
    }
    cur[path[path.len() - 1]] = value;
    v
}

#[test]
fn a_negative_amount_names_its_field_in_both_languages() {
    let e = err(&with(&["revenue"], serde_json::json!({"childcare": "-5"})));
    assert_eq!(e.path(), "revenue.childcare");
    assert_eq!(e.message_en(), "revenue.childcare: must not be negative");
    assert_eq!(e.message_zh(), "revenue.childcare：不能为负数");
}

#[test]
fn a_negative_month_names_its_index() {
    let mut months = vec![serde_json::json!("1"); 12];
    months[4] = serde_json::json!(-3);
    let e = err(&with(
        &["revenue"],
        serde_json::json!({ "childcare": months }),
    ));
    assert_eq!(e.path(), "revenue.childcare[4]");
}

#[test]
fn unknown_fields_are_refused_with_their_path() {
    let e = err(&with(
        &["land"],
        serde_json::json!([{"area_m2": "1"}, {"area_m2": "1", "grade": 3}]),
    ));
    assert_eq!(e.path(), "land[1].grade");
    assert!(
        e.message_en().contains("unknown field"),
        "{}",
        e.message_en()
    );
    let e = err(&with(&["colour"], serde_json::json!("red")));
    assert_eq!(e.path(), "colour");
}

#[test]
fn a_missing_required_field_is_named() {
    let mut v = base();
    v["facility"]
        .as_object_mut()
        .unwrap()
        .remove("filed_with_health_commission");
    let e = err(&v);
    assert_eq!(e.path(), "facility.filed_with_health_commission");
    assert!(e.message_zh().contains("缺少必填字段"));
}

#[test]
fn wrong_types_and_values_are_named() {
    let e = err(&with(
        &["facility", "legal_form"],
        serde_json::json!("company"),
    ));
    assert_eq!(e.path(), "facility.legal_form");
    assert!(
        e.message_en().contains("unknown value"),
        "{}",
        e.message_en()
    );
    let e = err(&with(&["year"], serde_json::json!("2026")));
    assert_eq!(e.path(), "year");
    let e = err(&with(&["year"], serde_json::json!(1999)));
    assert_eq!(e.message_en(), "year: must be between 2000 and 2100");
    let e = err(&with(
        &["properties"],
        serde_json::json!([{"tenure": "owned", "used_from": "2026-02-30"}]),
    ));
    assert_eq!(e.path(), "properties[0].used_from");
    let e = err(&with(
        &["revenue"],
        serde_json::json!({"childcare": "1,000"}),
    ));
    assert!(
        e.message_en().contains("not a decimal number"),
        "{}",
        e.message_en()
    );
    let e = err(&with(&["schema"], serde_json::json!("tuoyu.request.v2")));
    assert_eq!(e.path(), "schema");
}

#[test]
fn malformed_json_is_reported_with_its_position() {
    let e = Request::from_json("{\"schema\": ").expect_err("refused");
    assert!(
        e.message_en().contains("not valid JSON") && e.message_en().contains("line 1"),
        "{}",
        e.message_en()
    );
    let e = Request::from_json(&format!("{} trailing", base())).expect_err("refused");
    assert!(
        e.message_en().contains("unexpected text after"),
        "{}",
        e.message_en()
    );
}

#[test]
fn overrides_are_checked_against_the_parameter_shape() {
    let e = err(&with(
        &["parameters"],
        serde_json::json!({"national.cit.slpe_schedule": "0.05"}),
    ));
    assert_eq!(e.path(), "parameters.national.cit.slpe_schedule");
    assert!(
        e.message_en().contains("[[upper bound or null, rate]"),
        "{}",
        e.message_en()
    );
    let e = err(&with(
        &["parameters"],
        serde_json::json!({"national.cit.slpe_schedule": [[null, "0.05"], ["100", "0.1"]]}),
    ));
    assert!(
        e.message_en().contains("only the last bracket may be open"),
        "{}",
        e.message_en()
    );
    let e = err(&with(
        &["parameters"],
        serde_json::json!({"yunnan.deed_tax.rate": -0.03}),
    ));
    assert!(
        e.message_en().contains("must not be negative"),
        "{}",
        e.message_en()
    );
    assert!(Request::from_json(
        &with(
            &["parameters"],
            serde_json::json!({"national.cit.slpe_schedule": [[1000000, 0.05], [null, 0.1]]})
        )
        .to_string()
    )
    .is_ok());
}

#[test]
fn the_error_json_is_tuoyu_error_v1() {
    let out = calc_core::json::assess(
        &with(&["revenue"], serde_json::json!({"childcare": "-5"})).to_string(),
    )
    .unwrap_err();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], "tuoyu.error.v1");
    assert_eq!(v["path"], "revenue.childcare");
    assert!(v["error_zh"].as_str().unwrap().contains("不能为负数"));
}

#[test]
fn extreme_numbers_are_refused_or_computed_never_a_panic() {
    // Each value, and whether it is a rate (in [0, 1]): a rate gives a statement, anything else
    // an error at the parameter. Written as a JSON string and, where JSON can hold it, as a
    // number.
    for (v, is_rate) in [
        ("1e999", false),
        ("99999999999999999999999999999999999999", false),
        ("79228162514264337593543950335", false),
        ("0.0000000000000000000000000000001", true),
        ("-0", true),
    ] {
        for key in [
            "national.vat.general_rate",
            "national.surcharge.city_rate.urban",
            "national.cit.rate",
            "yunnan.property_tax.deduction_ratio",
            "national.property_tax.residual_rate",
        ] {
            let mut r = base();
            r["taxpayer"] = serde_json::json!({"vat": "general", "small_low_profit": true});
            r["revenue"] = serde_json::json!({"childcare": "1000000000000000"});
            r["income_tax"] = serde_json::json!({"taxable_income": "1000000000000000"});
            r["properties"] =
                serde_json::json!([{"tenure": "owned", "original_value": "1000000000000000"}]);
            let mut forms = vec![serde_json::Value::String(v.to_string())];
            if let Ok(n) = serde_json::from_str::<serde_json::Value>(v) {
                forms.push(n);
            }
            for value in forms {
                r["parameters"] = serde_json::json!({ key: value });
                let got = calc_core::json::assess(&r.to_string());
                if is_rate {
                    let st = got.unwrap_or_else(|e| panic!("{key} = {value}: refused: {e}"));
                    assert!(st.contains("tuoyu.statement.v1"), "{key} = {value}");
                } else {
                    let e = got.expect_err("not a rate: refused");
                    let e: serde_json::Value = serde_json::from_str(&e).expect("error JSON");
                    assert_eq!(e["schema"], "tuoyu.error.v1");
                    assert_eq!(
                        e["path"],
                        format!("parameters.{key}"),
                        "{key} = {value}: {e}"
                    );
                }
            }
        }
        // As an amount: computed (a statement) or refused at the field, never elsewhere.
        let mut r = base();
        r["revenue"] = serde_json::json!({ "childcare": v });
        match calc_core::json::assess(&r.to_string()) {
            Ok(st) => assert!(st.contains("tuoyu.statement.v1")),
            Err(e) => assert!(e.contains("\"path\":\"revenue.childcare\""), "{v}: {e}"),
        }
    }
}

#[test]
fn the_error_kind_tells_what_is_wrong() {
    use calc_core::ErrorKind;
    assert_eq!(
        err(&with(&["year"], serde_json::json!("x"))).kind(),
        ErrorKind::BadValue
    );
    let mut v = base();
    v["facility"]
        .as_object_mut()
        .expect("object")
        .remove("legal_form");
    let e = err(&v);
    assert_eq!(
        (e.kind(), e.path()),
        (ErrorKind::MissingField, "facility.legal_form")
    );
    let e = err(&with(&["colour"], serde_json::json!(1)));
    assert_eq!((e.kind(), e.path()), (ErrorKind::UnknownField, "colour"));
    let e = Request::from_json("{\"schema\": ").expect_err("refused");
    assert_eq!(e.kind(), ErrorKind::InvalidJson);
    let e = err(&with(&["revenue"], serde_json::json!({"childcare": "12x"})));
    assert_eq!(
        (e.kind(), e.path()),
        (ErrorKind::BadValue, "revenue.childcare")
    );
    assert!(
        e.message_zh().starts_with("revenue.childcare："),
        "{}",
        e.message_zh()
    );
    assert!(
        !e.detail_en().starts_with("revenue.childcare"),
        "{}",
        e.detail_en()
    );
    let moved = e.clone().prefixed("request");
    assert_eq!(moved.path(), "request.revenue.childcare");
    assert_eq!((moved.kind(), moved.detail_en()), (e.kind(), e.detail_en()));
}

#[test]
fn a_dec_parses_or_says_which_text_it_refused() {
    let d: calc_core::Dec = "1234.50".parse().expect("a decimal");
    assert_eq!(d.to_string(), "1234.50");
    let e = "12x".parse::<calc_core::Dec>().expect_err("refused");
    assert_eq!(e.text(), "12x");
    assert!(e.to_string().contains("\"12x\""), "{e}");
}
