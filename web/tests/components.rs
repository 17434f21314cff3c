//! Component tests in a real browser (headless Chromium through chromedriver), run by
//! `scripts/web-test.sh`, which sets the runner: `CHROMEDRIVER=/usr/bin/chromedriver
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test -p web --target
//! wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]
#![forbid(unsafe_code)]

use serde_json::Value;
use wasm_bindgen_test::*;
use web::form::{Form, SPEC_SAMPLE};
use web::state::{Action, State, View};
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

fn spec() -> Value {
    serde_json::from_str(SPEC_SAMPLE).unwrap()
}

fn state_of(v: &Value) -> std::rc::Rc<State> {
    std::rc::Rc::new(State::with_form(
        Form::from_request(v),
        web::i18n::Lang::Zh,
        View::Estimate,
    ))
}

fn amount(st: &State, id: &str) -> String {
    st.statement()
        .unwrap()
        .line(calc_core::LineId::from_id(id).expect("a line id"))
        .unwrap()
        .amount
        .to_string()
}

#[wasm_bindgen_test]
fn the_spec_sample_round_trips_through_the_form() {
    let v = spec();
    let form = Form::from_request(&v);
    assert!(Form::covers(&v), "every field of the sample has a box");
    assert_eq!(form.row_count("properties"), 2);
    assert_eq!(form.get("properties[1].annual_rent"), "240000");
    assert_eq!(
        form.get("facility.service_modes"),
        "full_day,half_day,hourly,temporary"
    );
    let back = form.to_request();
    assert_eq!(back["properties"][1]["used_from"], "2026-03-01");
    assert_eq!(back["fees"]["registrations"], 1);
    assert_eq!(back["fees"]["land_idle"]["idle_over_one_year"], false);
    assert_eq!(
        back["parameters"]["yunnan.property_tax.deduction_ratio"],
        "0.30"
    );
}

#[wasm_bindgen_test]
fn the_spec_sample_gives_the_spec_figures() {
    let st = state_of(&spec());
    assert_eq!(amount(&st, "vat_exemption"), "89886.79");
    assert_eq!(amount(&st, "cit_income_reduction"), "629000.00");
    assert_eq!(amount(&st, "property_tax_leased"), "24000.00");
    let s = st.statement().unwrap();
    assert_eq!(s.total.to_string(), "1660590.00");
    assert_eq!(s.total_landlord.to_string(), "24000.00");
}

#[wasm_bindgen_test]
fn typing_a_bad_amount_names_the_field_and_keeps_the_last_statement() {
    let st = state_of(&spec());
    let st = st.reduce(Action::Set("revenue.childcare".into(), "12a".into()));
    let e = st.error().expect("an error");
    assert_eq!(e.path, "revenue.childcare");
    assert!(st.last_statement.is_some());
    let st = st.reduce(Action::Set(
        "properties[0].original_value".into(),
        "-1".into(),
    ));
    assert_eq!(
        st.error().unwrap().path,
        "revenue.childcare",
        "first error wins"
    );
    let st = st.reduce(Action::Set("revenue.childcare".into(), "1800000".into()));
    assert_eq!(st.error().unwrap().path, "properties[0].original_value");
}

#[wasm_bindgen_test]
fn a_whole_number_field_with_text_is_an_error_at_its_path() {
    let st = state_of(&spec());
    let st = st.reduce(Action::Set("fees.registrations".into(), "two".into()));
    assert_eq!(st.error().unwrap().path, "fees.registrations");
    let st = st.reduce(Action::Set("fees.registrations".into(), "1.5".into()));
    assert_eq!(st.error().unwrap().path, "fees.registrations");
    let st = st.reduce(Action::Set("fees.registrations".into(), "2".into()));
    assert!(st.error().is_none());
    let st = st.reduce(Action::Set("year".into(), "1999".into()));
    assert_eq!(st.error().unwrap().path, "year");
}

#[wasm_bindgen_test]
fn removing_a_row_moves_later_rows_up() {
    let st = state_of(&spec());
    let st = st.reduce(Action::RemoveRow("properties".into(), 0));
    assert_eq!(st.form.row_count("properties"), 1);
    assert_eq!(st.form.get("properties[0].tenure"), "leased");
    assert_eq!(amount(&st, "property_tax"), "0.00");
    assert_eq!(amount(&st, "property_tax_leased"), "24000.00");
}

/// Issue 10: 1,200,000 a year, small-scale. The toggle alone must not change the total (it went
/// from ¥15,470.00 to ¥28,064.06 when the whole year was put into January).
/// (The case is rebuilt from those figures: the demo's utility bills and a 320 yuan waived fee
/// give 15,470.00; the old toggle made January cross the monthly threshold: +12,594.06.)
fn small_scale_1_2m() -> std::rc::Rc<State> {
    let demo: Value = serde_json::from_str(web::form::DEMO).unwrap();
    let v = serde_json::json!({
        "schema": "tuoyu.request.v1", "year": 2026,
        "facility": { "legal_form": "enterprise", "community_based": true,
            "service_modes": ["full_day"], "filed_with_health_commission": true },
        "taxpayer": { "vat": "small_scale" },
        "revenue": { "childcare": "1200000" },
        "utilities": demo["utilities"],
        "fees": { "land_reclamation": { "amount": "320", "date": "2026-04-01" } }
    });
    state_of(&v)
}

#[wasm_bindgen_test]
fn monthly_entry_spreads_the_year_and_leaves_the_total_alone() {
    let st = small_scale_1_2m();
    let before = st.statement().unwrap().total.to_string();
    assert_eq!(before, "15470.00");
    let st = st.reduce(Action::Monthly("revenue.childcare".into(), true));
    for m in 0..12 {
        assert_eq!(
            st.form.get(&format!("revenue.childcare[{m}]")),
            "100000",
            "month {m}"
        );
    }
    assert!(st.error().is_none(), "{:?}", st.error());
    assert_eq!(st.statement().unwrap().total.to_string(), before);
    let st = st.reduce(Action::Monthly("revenue.childcare".into(), false));
    assert_eq!(st.form.get("revenue.childcare"), "1200000");
    assert_eq!(st.statement().unwrap().total.to_string(), before);
}

#[wasm_bindgen_test]
fn an_uneven_year_spreads_exactly_with_the_remainder_in_december() {
    let st = state_of(&spec());
    let st = st.reduce(Action::Set("revenue.childcare".into(), "1,000,000".into()));
    let before = st.statement().unwrap().total.to_string();
    let st = st.reduce(Action::Monthly("revenue.childcare".into(), true));
    assert_eq!(st.form.get("revenue.childcare[0]"), "83333.33");
    assert_eq!(st.form.get("revenue.childcare[11]"), "83333.37");
    let sum = web::form::month_sum(st.form.months("revenue.childcare").into_iter()).unwrap();
    assert_eq!(sum.to_string(), "1000000.00");
    assert_eq!(st.statement().unwrap().total.to_string(), before);
    let st = st.reduce(Action::Monthly("revenue.childcare".into(), false));
    assert_eq!(st.form.get("revenue.childcare"), "1000000");
}

#[wasm_bindgen_test]
fn a_blank_month_is_missing_input_never_zero() {
    let st = small_scale_1_2m();
    let st = st.reduce(Action::Monthly("revenue.childcare".into(), true));
    let st = st.reduce(Action::Set("revenue.childcare[2]".into(), String::new()));
    let e = st.error().expect("a blank month is an error");
    assert_eq!(e.path, "revenue.childcare[2]");
    let shown = web::components::field::labelled_message(e, web::i18n::Lang::Zh);
    assert!(
        shown.starts_with("社区托育服务收入（3周岁及以下）3月：未填写"),
        "{shown}"
    );
    // Two blank months: the first is the path, the message lists both.
    let st = st.reduce(Action::Set("revenue.childcare[6]".into(), String::new()));
    let e = st.error().unwrap();
    assert_eq!(e.path, "revenue.childcare[2]");
    assert!(e.error_zh.contains("3月、7月"), "{}", e.error_zh);
    assert!(!shown.contains("revenue."), "{shown}");
    let req: Value = serde_json::from_str(&st.request).unwrap();
    assert_ne!(req["revenue"]["childcare"][2], "0");
}

#[wasm_bindgen_test]
fn amounts_are_read_as_people_type_them() {
    let st = state_of(&spec());
    let base = st.statement().unwrap().total.to_string();
    for typed in [
        "1,800,000",
        "180万",
        "１８０００００",
        "¥1 800 000 元",
        "1800000.00",
    ] {
        let st = st
            .clone()
            .reduce(Action::Set("revenue.childcare".into(), typed.into()));
        assert!(st.error().is_none(), "{typed}: {:?}", st.error());
        assert_eq!(st.statement().unwrap().total.to_string(), base, "{typed}");
        let req: Value = serde_json::from_str(&st.request).unwrap();
        assert_eq!(
            req["revenue"]["childcare"]
                .as_str()
                .unwrap()
                .replace(".00", ""),
            "1800000"
        );
    }
    let st = st.reduce(Action::Set("revenue.childcare".into(), "1e9".into()));
    let e = st.error().expect("1e9 is refused");
    assert_eq!(e.path, "revenue.childcare");
    assert!(e.error_zh.contains("科学计数法"), "{}", e.error_zh);
    let def = web::form::def("revenue.childcare").unwrap();
    assert_eq!(
        web::components::field::echo(def, "120万", web::i18n::Lang::Zh).as_deref(),
        Some("= 1,200,000.00 元")
    );
    let st = st.reduce(Action::Set("revenue.childcare".into(), String::new()));
    assert!(st.error().is_none());
}

#[wasm_bindgen_test]
fn errors_name_fields_by_label_and_options_by_text() {
    let st = state_of(&spec());
    let st = st.reduce(Action::Set("revenue.childcare".into(), "abc".into()));
    let shown = web::components::field::labelled_message(st.error().unwrap(), web::i18n::Lang::Zh);
    assert!(
        shown.starts_with("社区托育服务收入（3周岁及以下）：") && shown.contains("例如 1200000"),
        "{shown}"
    );
    let opt = calc_core::frontend::labels::AREAS
        .iter()
        .find(|o| o.value == "new")
        .unwrap();
    assert!(web::form::option_label(opt, web::i18n::Lang::Zh).starts_with("新建城区"));
}

#[wasm_bindgen_test]
fn fields_the_form_lacks_are_kept_and_sent_back() {
    let mut v = spec();
    v["properties"][0]["colour"] = Value::String("red".into());
    let form = Form::from_request(&v);
    assert!(!Form::covers(&v));
    let st = std::rc::Rc::new(State::with_form(form, web::i18n::Lang::Zh, View::Estimate));
    assert_eq!(st.error().unwrap().path, "properties[0].colour");
}

#[wasm_bindgen_test]
fn the_fragment_round_trips_chinese_text() {
    let text = r#"{"facility":{"name":"晋宁区示例托育园"}}"#;
    let frag = web::fragment::fragment_for(text);
    assert!(frag.starts_with("#r="));
    assert!(!frag[3..].contains(['+', '/', '=']));
    assert_eq!(web::fragment::request_in(&frag).as_deref(), Some(text));
    assert_eq!(web::fragment::request_in("#r=%%%"), None);
    assert_eq!(web::fragment::request_in("#x=1"), None);
}

#[wasm_bindgen_test]
fn the_statement_csv_has_every_line_and_both_totals() {
    let st = state_of(&spec());
    let csv = web::export::statement_csv(st.statement().unwrap(), web::i18n::Lang::En);
    assert_eq!(csv.lines().count(), 1 + 18 + 2);
    assert!(csv.contains("\r\ntotal,Total (facility),,1660590.00,,facility\r\n"));
}

#[wasm_bindgen_test]
fn digits_are_grouped_for_reading() {
    assert_eq!(web::i18n::group_digits("1660590.00"), "1,660,590.00");
    assert_eq!(web::i18n::group_digits("-1000"), "-1,000");
    assert_eq!(web::i18n::group_digits("999.5"), "999.5");
    assert_eq!(web::i18n::group_digits("abc"), "abc");
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_shows_every_line_of_a_link() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let frag = web::fragment::fragment_for(SPEC_SAMPLE);
    web::platform::replace_fragment(&frag);
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<web::components::app::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let lines = root.query_selector_all("[data-line-id]").unwrap();
    assert_eq!(lines.length(), 18);
    let total = root.query_selector("#total").unwrap().unwrap();
    assert_eq!(
        total.get_attribute("data-amount").as_deref(),
        Some("1660590.00")
    );
    let landlord = root.query_selector("#total-landlord").unwrap().unwrap();
    assert_eq!(
        landlord.get_attribute("data-amount").as_deref(),
        Some("24000.00")
    );
    let vat = root
        .query_selector("[data-line-id=vat_exemption]")
        .unwrap()
        .unwrap();
    assert_eq!(vat.get_attribute("data-status").as_deref(), Some("applies"));
    assert!(root
        .query_selector("[name=\"properties[1].annual_rent\"]")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
fn a_sweep_marks_jumps_and_falls_but_not_gentle_bends() {
    use web::components::sweep::breaks;
    // Flat, a bend (slope doubles), a jump at x=5, a fall at x=8.
    let pts: Vec<(f64, f64)> = [0.0, 1.0, 2.0, 3.0, 5.0, 50.0, 52.0, 54.0, 10.0, 12.0]
        .iter()
        .enumerate()
        .map(|(i, y)| (i as f64, *y))
        .collect();
    assert_eq!(breaks(&pts), vec![5.0, 8.0]);
    // A threshold's jump sampled finely (steps of 1 around it), then the same slope sampled
    // coarsely (steps of 6 and 10): one break, at the jump, not where the spacing changes.
    let fine_then_coarse = [
        (0.0, 0.0),
        (10.0, 0.0),
        (20.0, 0.0),
        (21.0, 0.0),
        (22.0, 50.0),
        (23.0, 51.0),
        (24.0, 52.0),
        (30.0, 58.0),
        (40.0, 68.0),
    ];
    assert_eq!(breaks(&fine_then_coarse), vec![22.0]);
    // Flat, then rising at a steady slope (a bend, like the small low-profit rate starting to
    // bite): no break.
    let bend = [
        (0.0, 0.0),
        (10.0, 0.0),
        (20.0, 10.0),
        (30.0, 20.0),
        (40.0, 30.0),
    ];
    assert!(breaks(&bend).is_empty(), "{:?}", breaks(&bend));
    // A jump followed at once by a steep fall (the small low-profit cap: the saving leaps above
    // the cap, rises, then falls when the reduction no longer keeps the income under it): both.
    let cliff = [
        (0.0, 9.0),
        (10.0, 9.0),
        (20.0, 62.0),
        (30.0, 4.0),
        (40.0, 4.0),
    ];
    assert_eq!(breaks(&cliff), vec![20.0, 30.0]);
    assert_eq!(web::components::sweep::nice_max(3_100_000.0), 4_000_000.0);
    assert_eq!(web::components::sweep::nice_max(4_650_000.0), 8_000_000.0);
}

#[wasm_bindgen_test]
fn chart_labels_drop_their_detail_and_stay_short() {
    use web::components::statement::short_label;
    assert_eq!(short_label("房产税免征（自有、无偿使用）"), "房产税免征");
    assert_eq!(
        short_label("企业所得税：收入减按90%计入收入总额"),
        "收入减按90%计入收入总额"
    );
    assert_eq!(
        short_label("VAT surcharges (city maintenance tax)"),
        "VAT surcharges"
    );
    assert!(short_label(&"长".repeat(40)).ends_with('…'));
}

#[wasm_bindgen_test]
fn the_demo_facility_is_a_valid_request_with_savings() {
    let v: Value = serde_json::from_str(web::form::DEMO).unwrap();
    assert!(Form::covers(&v), "the demo uses only fields the form has");
    let st = state_of(&v);
    let s = st.statement().expect("the demo assesses");
    assert!(s.total.0 > rust_decimal::Decimal::ZERO);
    assert!(
        s.lines
            .iter()
            .filter(|l| l.status.as_str() == "applies")
            .count()
            >= 10
    );
}

#[wasm_bindgen_test]
fn a_link_with_a_broken_fragment_is_ignored() {
    assert_eq!(web::fragment::request_in(""), None);
    assert_eq!(web::fragment::request_in("#r="), Some(String::new()));
    assert_eq!(web::fragment::request_in("#r=_w"), None, "not UTF-8");
}

#[wasm_bindgen_test]
fn chart_numbers_are_written_and_read_as_core_does() {
    use rust_decimal::Decimal;
    use web::num::{dec_to_f64, fixed, plain};
    let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut rnd = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let mut xs = vec![
        0.0,
        -0.0,
        0.5,
        1.5,
        2.5,
        -0.5,
        0.05,
        0.25,
        0.35,
        5e-324,
        1e300,
        9.95,
        0.0005,
        584.0,
        f64::MAX,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
    ];
    for i in 0..20_000_u64 {
        let r = rnd();
        xs.push(match i % 3 {
            0 => f64::from_bits(r),
            1 => (r % 2_000_000_000) as f64 / 1000.0 - 1e6,
            _ => ((r % 200_000) as f64 - 100_000.0) / f64::from(1_u32 << ((r >> 40) % 12)),
        });
    }
    for x in xs {
        for d in 0..=3 {
            assert_eq!(fixed(x, d), format!("{:.*}", d as usize, x), "{x:e} to {d}");
        }
    }
    for _ in 0..20_000_u64 {
        let r = rnd();
        let m = i128::from(r % 100_000_000_000_000_000) * if r & 1 == 1 { -1 } else { 1 };
        let d = Decimal::from_i128_with_scale(m, (rnd() % 22) as u32);
        let parsed: f64 = d.to_string().parse().unwrap();
        assert_eq!(dec_to_f64(d).to_bits(), parsed.to_bits(), "{d}");
        let whole = (r >> 11) as f64;
        assert_eq!(plain(whole), whole.to_string());
        let three: f64 = format!("{}.{:03}", r % 10_000_000_000, rnd() % 1000)
            .parse()
            .unwrap();
        assert_eq!(plain(three), three.to_string());
    }
}

#[wasm_bindgen_test]
fn the_page_sorts_as_the_standard_stable_sort_does() {
    let mut s: u32 = 12345;
    let mut v: Vec<(u32, usize)> = (0..300)
        .map(|i| {
            s = s.wrapping_mul(1_103_515_245).wrapping_add(12345);
            ((s >> 16) % 17, i)
        })
        .collect();
    let mut w = v.clone();
    web::num::sort_by(&mut v, |a, b| a.0 < b.0);
    w.sort_by_key(|x| x.0);
    assert_eq!(v, w);
}

#[wasm_bindgen_test]
fn the_location_options_show_the_city_tax_rates_of_the_parameters() {
    let def = web::form::def("facility.location_class").expect("the location field");
    let web::form::Kind::Choice(opts) = def.kind else {
        panic!("the location is a choice");
    };
    let zh: Vec<String> = opts
        .iter()
        .map(|o| web::form::option_label(o, web::i18n::Lang::Zh))
        .collect();
    assert_eq!(
        zh,
        ["市区（默认）", "市区 7%", "县城、镇 5%", "其他地区 1%"]
    );
    let en: Vec<String> = opts
        .iter()
        .map(|o| web::form::option_label(o, web::i18n::Lang::En))
        .collect();
    assert_eq!(
        en,
        [
            "Urban (default)",
            "Urban 7%",
            "County town 5%",
            "Elsewhere 1%"
        ]
    );
}

#[wasm_bindgen_test]
fn every_field_of_the_form_has_calc_cores_label_and_options() {
    for d in web::form::FIELDS {
        assert!(
            calc_core::frontend::labels::field(d.path).is_some(),
            "{} has no label in calc_core::frontend::labels",
            d.path
        );
        if let web::form::Kind::Choice(opts) = d.kind {
            assert_eq!(
                calc_core::frontend::labels::options(d.path),
                Some(opts),
                "{}",
                d.path
            );
        }
    }
}
