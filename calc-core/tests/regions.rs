//! Jurisdictions as data (SPEC §12.6): the request's `facility.region` picks the region packs
//! whose local figures apply; a region without a pack has each local figure it needs as
//! `missing_input`, naming the figure, until the request supplies it.
#![forbid(unsafe_code)]

use calc_core::params::{ParamId, Store};
use calc_core::verify::verify_claim;
use calc_core::{assess, assess_in, Request, Statement, Status, Verdict};
use serde_json::json;

fn request(year: i32, region: Option<&str>, extra: serde_json::Value) -> Request {
    let mut r = json!({
        "schema": "tuoyu.request.v1",
        "year": year,
        "facility": {
            "legal_form": "enterprise",
            "community_based": true,
            "service_modes": ["full_day"],
            "filed_with_health_commission": true
        },
        "taxpayer": {"vat": "small_scale"},
        "revenue": {"childcare": "1200000", "other": "0"},
        "properties": [{"tenure": "owned", "original_value": "2000000"}],
        "land": [{"area_m2": "600", "tax_per_m2": "9", "tenure": "owned"}],
        "acquisitions": [{"kind": "house", "price": "1000000", "date": "2026-03-01"}],
        "utilities": {"electricity": {"kwh": "10000", "commercial_price": "0.8", "household_price": "0.5"}}
    });
    if let Some(code) = region {
        r["facility"]["region"] = json!(code);
    }
    if let (Some(obj), Some(add)) = (r.as_object_mut(), extra.as_object()) {
        for (k, v) in add {
            obj.insert(k.clone(), v.clone());
        }
    }
    serde_json::from_value(r).expect("a valid request")
}

fn line<'a>(s: &'a Statement, id: &str) -> &'a calc_core::Line {
    s.line(calc_core::LineId::from_id(id).expect("a line id"))
        .unwrap_or_else(|| panic!("line {id}"))
}

/// A toy province pack, written to a temporary file and read back as a user would add one.
const TOY_PACK: &str = r#"
[region]
code = "440000"
name_zh = "玩具省"
name_en = "Toy Province"
prefix = "toy"

[[parameter]]
id = "toy.deed_tax.rate"
label_zh = "契税税率（玩具省）"
label_en = "Deed tax rate (Toy Province)"
unit = "ratio"
admissible = { min = "0", max = "1" }

[[parameter.values]]
from = "2021-09-01"
value = "0.04"
confidence = "unverified"
document = "玩具省契税适用税率的决定"
article = "第一条 契税税率为4%"
url_note = "玩具：无原文 / a toy: no text"
"#;

fn toy_store() -> Store {
    let path = std::env::temp_dir().join(format!("tuoyu-toy-pack-{}.toml", std::process::id()));
    std::fs::write(&path, TOY_PACK).expect("temp file");
    let text = std::fs::read_to_string(&path).expect("read back");
    let _ = std::fs::remove_file(&path);
    Store::embedded()
        .with_pack_toml(&text)
        .expect("the toy pack loads")
}

#[test]
fn the_default_region_is_jinning_and_naming_it_changes_nothing() {
    let a = assess(&request(2026, None, json!({}))).unwrap();
    let b = assess(&request(2026, Some("530115"), json!({}))).unwrap();
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    // The Yunnan ids resolve as they always did.
    let deed = line(&a, "deed_tax");
    assert_eq!(deed.status, Status::Applies);
    assert_eq!(deed.amount.to_string(), "30000.00");
    assert_eq!(deed.parameters[0].id, "yunnan.deed_tax.rate");
}

#[test]
fn a_region_without_packs_needs_each_local_figure_it_uses() {
    let s = assess(&request(2026, Some("440305"), json!({}))).unwrap();
    for (id, param) in [
        ("deed_tax", "parameters.province.deed_tax.rate"),
        (
            "property_tax",
            "parameters.province.property_tax.deduction_ratio",
        ),
        (
            "utility_electricity",
            "parameters.district.utilities.household_prices",
        ),
    ] {
        let l = line(&s, id);
        assert_eq!(l.status, Status::MissingInput, "{id}");
        assert_eq!(l.amount.to_string(), "0.00", "{id}");
        assert!(l.reasons[0].en.contains(param), "{id}: {:?}", l.reasons);
    }
    // National figures still apply, and the 2023–2027 halving is national: the surcharges and
    // the land use tax (which no local figure enters) are computed.
    assert_eq!(line(&s, "vat_exemption").status, Status::Applies);
    assert_eq!(line(&s, "land_use_tax").status, Status::Applies);
    let sur = line(&s, "vat_surcharges");
    assert_eq!(sur.status, Status::Applies);
    assert!(sur
        .parameters
        .iter()
        .any(|p| p.id == "province.small_scale_reduction"));
    // The same figures as Jinning's where the law is the same.
    let j = assess(&request(2026, None, json!({}))).unwrap();
    for id in ["vat_exemption", "vat_surcharges", "land_use_tax"] {
        assert_eq!(line(&s, id).amount, line(&j, id).amount, "{id}");
    }
}

#[test]
fn an_override_under_the_generic_id_supplies_the_figure() {
    let r = request(
        2026,
        Some("440305"),
        json!({"parameters": {"province.deed_tax.rate": "0.03"}}),
    );
    let s = assess(&r).unwrap();
    let deed = line(&s, "deed_tax");
    assert_eq!(deed.status, Status::Applies);
    assert_eq!(deed.amount.to_string(), "30000.00");
    assert!(deed.parameters[0].overridden);
    assert_eq!(deed.parameters[0].id, "province.deed_tax.rate");
}

#[test]
fn a_province_choice_before_2023_is_missing_where_no_pack_gives_it() {
    // 2021: each province chose its 六税两费 reduction; the national halving starts in 2023.
    let mut r = request(2021, Some("440305"), json!({}));
    r.acquisitions.clear();
    let s = assess(&r).unwrap();
    let sur = line(&s, "vat_surcharges");
    assert_eq!(sur.status, Status::MissingInput, "{sur:?}");
    assert!(sur.reasons[0]
        .en
        .contains("parameters.province.small_scale_reduction"));
    // Jinning has Yunnan's (unverified) figure.
    let mut j = request(2021, None, json!({}));
    j.acquisitions.clear();
    assert_eq!(
        line(&assess(&j).unwrap(), "vat_surcharges").status,
        Status::Applies
    );
}

#[test]
fn a_city_district_without_its_own_pack_keeps_the_province_and_city_figures() {
    // 530102 五华区, Kunming: Yunnan's and Kunming's packs apply, the district plan does not.
    let s = assess(&request(2026, Some("530102"), json!({}))).unwrap();
    assert_eq!(line(&s, "deed_tax").status, Status::Applies);
    assert_eq!(line(&s, "property_tax").status, Status::Applies);
    assert_eq!(line(&s, "utility_electricity").status, Status::MissingInput);
}

#[test]
fn a_section_needing_a_missing_local_figure_says_so_and_the_statement_comes_out() {
    let r = request(
        2026,
        Some("440305"),
        json!({"capacity": {"population": 50000, "area": "new"}}),
    );
    let s = assess(&r).unwrap();
    assert!(s.capacity.is_none());
    let c = s
        .sections_not_in_force
        .iter()
        .find(|x| x.section == "capacity")
        .expect("capacity reported");
    assert_eq!(c.status, Status::MissingInput);
    assert!(c.reasons[0]
        .en
        .contains("district.places_per_thousand.new_area"));
}

#[test]
fn a_pack_added_from_a_file_gives_its_figures_under_its_own_ids() {
    let store = toy_store();
    let s = assess_in(&store, &request(2026, Some("440305"), json!({}))).unwrap();
    let deed = line(&s, "deed_tax");
    assert_eq!(deed.status, Status::Applies);
    assert_eq!(deed.amount.to_string(), "40000.00");
    assert_eq!(deed.parameters[0].id, "toy.deed_tax.rate");
    // The toy pack has no property deduction: still missing.
    assert_eq!(line(&s, "property_tax").status, Status::MissingInput);
    // Another province is untouched by it.
    let other = assess_in(&store, &request(2026, Some("450102"), json!({}))).unwrap();
    assert_eq!(line(&other, "deed_tax").status, Status::MissingInput);
    // And Jinning is as before.
    let j = assess_in(&store, &request(2026, None, json!({}))).unwrap();
    assert_eq!(
        serde_json::to_string(&j).unwrap(),
        serde_json::to_string(&assess(&request(2026, None, json!({}))).unwrap()).unwrap()
    );
}

#[test]
fn a_bad_pack_is_refused_with_what_is_wrong() {
    let store = Store::embedded();
    let wrong_level = TOY_PACK.replace("toy.deed_tax.rate", "toy.utilities.household_prices");
    let e = store.with_pack_toml(&wrong_level).unwrap_err();
    assert!(e.0.contains("is not a province figure"), "{e}");
    let clash = TOY_PACK.replace("440000", "530000");
    let e = store.with_pack_toml(&clash).unwrap_err();
    assert!(e.0.contains("clashes"), "{e}");
    let bad_code = TOY_PACK.replace("440000", "44");
    let e = store.with_pack_toml(&bad_code).unwrap_err();
    assert!(e.0.contains("administrative division code"), "{e}");
    let no_citation = TOY_PACK.replace("document = \"玩具省契税适用税率的决定\"\n", "");
    let e = store.with_pack_toml(&no_citation).unwrap_err();
    assert!(e.0.contains("citation"), "{e}");
    let no_url = TOY_PACK.replace("url_note = \"玩具：无原文 / a toy: no text\"\n", "");
    assert_ne!(no_url, TOY_PACK, "the test must change the pack");
    let e = store.with_pack_toml(&no_url).unwrap_err();
    assert!(
        e.0.contains("toy.deed_tax.rate") && e.0.contains("`url_note`"),
        "{e}"
    );
}

#[test]
fn a_region_that_is_not_a_code_is_refused_naming_the_field() {
    for bad in ["5301", "53011a", "990000", "000000"] {
        let e = assess(&request(2026, Some(bad), json!({}))).unwrap_err();
        assert_eq!(e.path(), "facility.region", "{bad}");
        assert!(
            e.message_zh().contains("行政区划代码"),
            "{}",
            e.message_zh()
        );
    }
}

#[test]
fn local_ids_have_a_level_and_a_generic_name() {
    assert_eq!(
        ParamId::from_any_id("district.places_per_thousand.old_area"),
        Some(ParamId::PlacesOldArea)
    );
    assert_eq!(
        ParamId::KindergartenFeeByGrade.generic_id(),
        "city.kindergarten_fee_by_grade"
    );
    assert_eq!(ParamId::from_any_id("province.vat.general_rate"), None);
    let packs = Store::embedded().packs();
    let codes: Vec<u32> = packs.iter().map(|p| p.code).collect();
    assert_eq!(codes, [530_000, 530_100, 530_115]);
}

#[test]
fn a_claim_the_region_cannot_recompute_is_missing_input_not_over_claimed() {
    // Deed tax claimed in Futian (440305, no pack): the province's rate is unknown, so the
    // claim cannot be checked — the officer asks for the figure, the filer is not accused.
    let claim = |claimed: serde_json::Value| -> calc_core::Claim {
        let r = serde_json::to_value(request(2026, Some("440305"), json!({}))).expect("json");
        serde_json::from_value(json!({
            "schema": "tuoyu.claim.v1", "id": "c", "request": r, "claimed": claimed
        }))
        .expect("a valid claim")
    };
    let rep = verify_claim(&claim(
        json!({"deed_tax_exempt": "30000", "vat_exempt_sales": "1200000"}),
    ));
    let item = |name: &str| {
        rep.items
            .iter()
            .find(|i| i.item.as_str() == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    assert_eq!(item("deed_tax_exempt").verdict, Verdict::MissingInput);
    assert!(item("deed_tax_exempt").reasons[0]
        .en
        .contains("parameters.province.deed_tax.rate"));
    // The VAT item is judged on its base, known without any local figure.
    assert_eq!(item("vat_exempt_sales").verdict, Verdict::Match);
    assert_eq!(rep.verdict, Verdict::MissingInput);
    assert_eq!(rep.over_claimed_amount().to_string(), "0");
    // Nothing claimed on a line that cannot be computed: nothing to check.
    let rep = verify_claim(&claim(json!({"deed_tax_exempt": "0"})));
    assert_eq!(rep.verdict, Verdict::Match);
    // Supplied by an override, the same claim is checked: it matches at 3%.
    let mut c = claim(json!({"deed_tax_exempt": "30000"}));
    c.request = request(
        2026,
        Some("440305"),
        json!({"parameters": {"province.deed_tax.rate": "0.03"}}),
    );
    assert_eq!(verify_claim(&c).verdict, Verdict::Match);
    // A definite over-claim outranks a missing figure in the claim's verdict.
    let rep = verify_claim(&claim(
        json!({"deed_tax_exempt": "30000", "vat_exempt_sales": "1300000"}),
    ));
    assert_eq!(rep.verdict, Verdict::OverClaimed);
}

#[test]
fn a_city_or_province_code_takes_each_pack_once() {
    use calc_core::params::Level;
    let s = Store::embedded();
    let code = |r, level| s.pack(r, level).map(|p| p.code);
    let city = s.region(530_100);
    assert_eq!(code(city, Level::Province), Some(530_000));
    assert_eq!(code(city, Level::City), Some(530_100));
    assert_eq!(
        code(city, Level::District),
        None,
        "the city is not its own district"
    );
    let province = s.region(530_000);
    assert_eq!(code(province, Level::Province), Some(530_000));
    assert_eq!(code(province, Level::City), None);
    assert_eq!(code(province, Level::District), None);
    let district = s.region(530_115);
    assert_eq!(code(district, Level::District), Some(530_115));
}

#[test]
fn the_region_table_lists_every_built_in_pack_by_code_and_name() {
    // `params::REGIONS` (written by build.rs, for a page offering regions by name) and the
    // store's packs must agree: the same codes, the same names, nothing more or less.
    let mut packs: Vec<(u32, String, String)> = calc_core::params::Store::embedded()
        .packs()
        .iter()
        .map(|p| (p.code, p.name_zh.clone(), p.name_en.clone()))
        .collect();
    packs.sort();
    let table: Vec<(u32, String, String)> = calc_core::params::REGIONS
        .iter()
        .map(|r| (r.code, r.name_zh.to_string(), r.name_en.to_string()))
        .collect();
    assert_eq!(table, packs);
    assert!(table.len() >= 3, "{table:?}");
    assert!(table
        .iter()
        .all(|(c, zh, en)| (100_000..1_000_000).contains(c) && !zh.is_empty() && !en.is_empty()));
}
