//! Property tests: the invariants every statement and report must keep, on random facilities.
#![forbid(unsafe_code)]

use calc_core::money::{round_money, Dec};
use calc_core::request::*;
use calc_core::statement::Beneficiary;
use calc_core::verify::{Claim, Claimed, Verdict};
use calc_core::{assess, LineId, Request, Status};
use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn money(max_yuan: i64) -> impl Strategy<Value = Decimal> {
    (0..=max_yuan * 100).prop_map(|c| Decimal::new(c, 2))
}

fn dec(max_yuan: i64) -> impl Strategy<Value = Dec> {
    money(max_yuan).prop_map(Dec)
}

fn date(year: i32) -> impl Strategy<Value = NaiveDate> {
    (year - 1..=year + 1, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("valid date"))
}

fn amount(max_yuan: i64) -> impl Strategy<Value = Amount> {
    prop_oneof![
        money(max_yuan).prop_map(Amount::Annual),
        proptest::collection::vec(money(max_yuan / 12), 12).prop_map(|v| {
            let mut a = [Decimal::ZERO; 12];
            a.copy_from_slice(&v);
            Amount::Monthly(a)
        }),
    ]
}

fn tenure() -> impl Strategy<Value = Option<Tenure>> {
    prop_oneof![
        Just(Some(Tenure::Owned)),
        Just(Some(Tenure::Leased)),
        Just(Some(Tenure::FreeUse)),
        Just(None)
    ]
}

fn use_dates(year: i32) -> impl Strategy<Value = (Option<NaiveDate>, Option<NaiveDate>)> {
    (
        proptest::option::of(date(year)),
        proptest::option::of(date(year)),
    )
        .prop_map(|(a, b)| match (a, b) {
            (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
            x => x,
        })
}

fn property(year: i32) -> impl Strategy<Value = Property> {
    (
        tenure(),
        proptest::option::of(dec(50_000_000)),
        proptest::option::of(dec(2_000_000)),
        use_dates(year),
    )
        .prop_map(
            |(tenure, original_value, annual_rent, (used_from, used_to))| Property {
                tenure,
                original_value,
                annual_rent,
                used_from,
                used_to,
            },
        )
}

fn plot(year: i32) -> impl Strategy<Value = Plot> {
    (
        tenure(),
        proptest::option::of(dec(20_000)),
        proptest::option::of(dec(40)),
        use_dates(year),
    )
        .prop_map(|(tenure, area_m2, tax_per_m2, (used_from, used_to))| Plot {
            tenure,
            area_m2,
            tax_per_m2,
            used_from,
            used_to,
        })
}

fn acquisition(year: i32) -> impl Strategy<Value = Acquisition> {
    (
        proptest::option::of(dec(20_000_000)),
        proptest::option::of(date(year)),
    )
        .prop_map(|(price, date)| Acquisition {
            kind: Some(AcquisitionKind::House),
            price,
            date,
        })
}

fn request() -> impl Strategy<Value = Request> {
    (2016i32..=2030).prop_flat_map(|year| {
        let facility = (
            prop_oneof![
                Just(LegalForm::Enterprise),
                Just(LegalForm::PublicInstitution),
                Just(LegalForm::SocialOrganization),
                Just(LegalForm::IndividualBusiness),
                Just(LegalForm::Other)
            ],
            prop::bool::weighted(0.9),
            prop::bool::weighted(0.85),
            prop_oneof![
                Just(LocationClass::Urban),
                Just(LocationClass::Town),
                Just(LocationClass::Other)
            ],
        )
            .prop_map(|(legal_form, community_based, filed, loc)| Facility {
                name: Some("测试".into()),
                legal_form,
                community_based,
                service_modes: vec![ServiceMode::FullDay],
                filed_with_health_commission: filed,
                location_class: Some(loc),
                nursery_vat_law: None,
                region: None,
            });
        let taxpayer = proptest::option::of(
            (
                proptest::option::of(prop_oneof![
                    Just(VatKind::General),
                    Just(VatKind::SmallScale)
                ]),
                proptest::option::of(any::<bool>()),
                proptest::option::of(prop_oneof![
                    Just(VatPeriod::Month),
                    Just(VatPeriod::Quarter)
                ]),
            )
                .prop_map(|(vat, small_low_profit, vat_period)| Taxpayer {
                    vat,
                    small_low_profit,
                    vat_period,
                }),
        );
        let revenue = proptest::option::of(
            (
                proptest::option::of(amount(6_000_000)),
                proptest::option::of(amount(1_000_000)),
                proptest::option::of(dec(100_000)),
            )
                .prop_map(|(childcare, other, input_vat_on_childcare)| Revenue {
                    childcare,
                    other,
                    input_vat_on_childcare,
                }),
        );
        let income = proptest::option::of(
            proptest::option::of((-1_000_000i64..6_000_000).prop_map(|v| Dec(Decimal::from(v))))
                .prop_map(|taxable_income| IncomeTax { taxable_income }),
        );
        let utilities =
            proptest::option::of((dec(100_000), dec(2), dec(2)).prop_map(|(kwh, c, h)| {
                Utilities {
                    electricity: Some(Electricity {
                        kwh: Some(kwh),
                        commercial_price: Some(c),
                        household_price: Some(h),
                    }),
                    ..Utilities::default()
                }
            }));
        let fees = proptest::option::of(
            (
                0u32..5,
                proptest::option::of(date(year)),
                dec(5000),
                dec(500),
            )
                .prop_map(|(n, d, a, r)| Fees {
                    registrations: Some(n),
                    infrastructure: Some(FloorAreaFee {
                        floor_area_m2: Some(a),
                        rate_per_m2: Some(r),
                        date: d,
                    }),
                    ..Fees::default()
                }),
        );
        (
            facility,
            taxpayer,
            revenue,
            income,
            proptest::collection::vec(property(year), 0..3),
            proptest::collection::vec(plot(year), 0..3),
            proptest::collection::vec(acquisition(year), 0..2),
            fees,
            utilities,
        )
            .prop_map(
                move |(
                    facility,
                    taxpayer,
                    revenue,
                    income_tax,
                    properties,
                    land,
                    acquisitions,
                    fees,
                    utilities,
                )| Request {
                    schema: "tuoyu.request.v1".into(),
                    year,
                    facility,
                    taxpayer,
                    revenue,
                    income_tax,
                    properties,
                    land,
                    acquisitions,
                    fees,
                    utilities,
                    parameters: Default::default(),
                    fee_benchmark: None,
                    capacity: None,
                    donations: None,
                    household: None,
                    scenario: None,
                },
            )
    })
}

const COMMUNITY: [&str; 14] = [
    "vat_exemption",
    "vat_surcharges",
    "cit_income_reduction",
    "property_tax",
    "property_tax_leased",
    "land_use_tax",
    "land_use_tax_leased",
    "deed_tax",
    "registration_fee",
    "farmland_reclamation_fee",
    "land_reclamation_fee",
    "land_idle_fee",
    "infrastructure_fee",
    "air_defence_fee",
];

/// All five items claimed, in cents, in the order of SPEC §8.
fn claimed_cents(c: &[i64]) -> Claimed {
    let item = |i: usize| c.get(i).map(|x| Dec(Decimal::new(*x, 2)));
    Claimed {
        vat_exempt_sales: item(0),
        cit_income_reduction: item(1),
        property_tax_exempt: item(2),
        land_use_tax_exempt: item(3),
        deed_tax_exempt: item(4),
    }
}

fn total_childcare(r: &Request) -> Decimal {
    match r.revenue.as_ref().and_then(|x| x.childcare.as_ref()) {
        Some(Amount::Annual(a)) => *a,
        Some(Amount::Monthly(v)) => v.iter().sum(),
        None => Decimal::ZERO,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn amounts_are_never_negative_and_have_two_decimals(req in request()) {
        let st = assess(&req).expect("valid request");
        for l in &st.lines {
            prop_assert!(l.amount.0 >= Decimal::ZERO, "{} = {}", l.id, l.amount);
            prop_assert_eq!(l.amount.0.scale(), 2, "{}", l.id);
            prop_assert_eq!(round_money(l.amount.0), l.amount.0);
            if l.status != Status::Applies {
                prop_assert!(l.amount.0.is_zero());
            }
        }
    }

    #[test]
    fn the_figures_without_text_are_the_statement_figures(req in request()) {
        let st = assess(&req).expect("valid request");
        let a = calc_core::amounts(&req).expect("valid request");
        prop_assert_eq!(a.lines.len(), st.lines.len());
        for (x, l) in a.lines.iter().zip(&st.lines) {
            prop_assert_eq!(x.id.as_str(), l.id.as_str());
            prop_assert_eq!(x.status, l.status, "{}", l.id);
            prop_assert_eq!(x.amount, l.amount.0, "{}", l.id);
            prop_assert_eq!(x.base, l.base.map(|b| b.0), "{}", l.id);
        }
        prop_assert_eq!(a.total, st.total.0);
        prop_assert_eq!(a.total_landlord, st.total_landlord.0);
        prop_assert_eq!(a.eligible_months, st.eligible_months);
    }

    #[test]
    fn the_shared_year_plan_gives_what_a_fresh_computation_gives(req in request(), claimed in proptest::collection::vec(0i64..100_000_000, 5)) {
        // Requests without overrides share a per-year plan; one with an override (here of a
        // rule verification does not use) computes everything afresh. Both must agree.
        let claimed = claimed_cents(&claimed);
        let mut fresh = req.clone();
        fresh.parameters.insert("jinning.utilities.household_prices".into(), serde_json::Value::Bool(true));
        let mk = |request: Request| Claim { schema: "tuoyu.claim.v1".into(), id: None, request, claimed: claimed.clone() };
        let shared = calc_core::verify::verify_claim(&mk(req));
        let fresh = calc_core::verify::verify_claim(&mk(fresh));
        prop_assert_eq!(shared, fresh);
    }

    #[test]
    fn a_report_verified_into_again_and_again_is_the_fresh_report(reqs in proptest::collection::vec(request(), 1..6), claimed in proptest::collection::vec(proptest::collection::vec(0i64..100_000_000, 5), 6), ids in proptest::collection::vec(proptest::option::of("[a-z=]{0,12}"), 6), drop_items in proptest::collection::vec(0u8..32, 6)) {
        // One report reused for a run of claims (as `tuoyu batch` does): each time exactly the
        // report `verify_claim` gives, whatever the report held before (more or fewer items,
        // reasons, an error).
        let mut report = calc_core::verify::Report::invalid(Some("old".into()), &calc_core::Error::new("x", "旧", "old"), Some(9));
        for (i, req) in reqs.into_iter().enumerate() {
            let mut c = claimed_cents(&claimed[i]);
            // Leave some items out, so that reports of different shapes follow one another.
            let mask = drop_items[i];
            if mask & 1 != 0 { c.vat_exempt_sales = None; }
            if mask & 2 != 0 { c.cit_income_reduction = None; }
            if mask & 4 != 0 { c.property_tax_exempt = None; }
            if mask & 8 != 0 { c.land_use_tax_exempt = None; }
            if mask & 16 != 0 { c.deed_tax_exempt = None; }
            let claim = Claim { schema: "tuoyu.claim.v1".into(), id: ids[i].clone(), request: req, claimed: c };
            let fresh = calc_core::verify::verify_claim(&claim);
            calc_core::verify::verify_claim_into(&claim, &mut report);
            prop_assert_eq!(&report, &fresh);
            if let Ok(valid) = calc_core::verify::ValidClaim::new(claim.clone()) {
                calc_core::verify::verify_valid_into(&valid, &mut report);
                prop_assert_eq!(&report, &fresh);
            }
        }
    }

    #[test]
    fn rounding_a_fraction_once_equals_dividing_then_rounding(c in any::<i64>(), scale in 0u32..8, den in prop_oneof![Just("12"), Just("12.36"), Just("12.72"), Just("1"), Just("1.03"), Just("1.06"), Just("6"), Just("106"), Just("13.2")]) {
        let n = Decimal::new(c, scale);
        let den: Decimal = den.parse().expect("decimal");
        let slow = round_money(n.checked_div(den).expect("divides"));
        let fast = calc_core::money::Exact::frac(n, den).expect("fraction").rounded().expect("rounds");
        prop_assert_eq!(fast.to_string(), slow.to_string(), "{} / {}", n, den);
    }

    #[test]
    fn a_refused_item_always_says_why(req in request(), claimed in proptest::collection::vec(1i64..100_000_000, 5)) {
        let claim = Claim {
            schema: "tuoyu.claim.v1".into(),
            id: None,
            request: req,
            claimed: claimed_cents(&claimed),
        };
        let rep = calc_core::verify::verify_claim(&claim);
        for it in &rep.items {
            if matches!(it.verdict, Verdict::NotInForce | Verdict::NotEligible) {
                prop_assert!(!it.reasons.is_empty(), "{} refused without a reason: {:?}", it.item, rep);
                prop_assert!(it.reasons.iter().all(|r| !r.zh.is_empty() && !r.en.is_empty()));
            }
        }
    }

    #[test]
    fn the_vat_value_and_base_stay_within_the_revenue(req in request()) {
        let st = assess(&req).expect("valid request");
        let vat = st.line(LineId::VatExemption).expect("line");
        if let Some(base) = vat.base {
            prop_assert!(base.0 <= round_money(total_childcare(&req)), "R {} > revenue", base);
            prop_assert!(vat.amount.0 <= base.0);
        }
    }

    #[test]
    fn the_cit_saving_never_exceeds_the_tax_on_taxable_income(req in request()) {
        let st = assess(&req).expect("valid request");
        let cit = st.line(LineId::CitIncomeReduction).expect("line");
        if cit.status == Status::Applies {
            let ti = req.income_tax.as_ref().and_then(|t| t.taxable_income).map(|d| d.0).unwrap_or_default();
            let max_tax = ti.max(Decimal::ZERO) * Decimal::new(25, 2);
            prop_assert!(cit.amount.0 <= round_money(max_tax), "saving {} > tax(TI) ≤ {}", cit.amount, max_tax);
            if ti <= Decimal::ZERO {
                prop_assert!(cit.amount.0.is_zero());
            }
        }
    }

    #[test]
    fn totals_are_the_sums_of_the_applying_lines_by_beneficiary(req in request()) {
        let st = assess(&req).expect("valid request");
        let sum = |b: Beneficiary| -> Decimal {
            st.lines.iter().filter(|l| l.status == Status::Applies && l.beneficiary == b).map(|l| l.amount.0).sum()
        };
        prop_assert_eq!(st.total.0, sum(Beneficiary::Facility));
        prop_assert_eq!(st.total_landlord.0, sum(Beneficiary::Landlord));
        let ids: Vec<&str> = st.lines.iter().map(|l| l.id.as_str()).collect();
        let want: Vec<&str> = LineId::ALL.iter().map(|l| l.as_str()).collect();
        prop_assert_eq!(ids, want);
    }

    #[test]
    fn requests_and_statements_round_trip_through_json(req in request()) {
        let text = serde_json::to_string(&req).expect("serialise");
        let back = Request::from_json(&text).expect("parse back");
        prop_assert_eq!(&back, &req);
        let st = assess(&req).expect("valid request");
        let st_text = serde_json::to_string(&st).expect("serialise");
        let st_back: calc_core::Statement = serde_json::from_str(&st_text).expect("parse back");
        prop_assert_eq!(st_back, st);
    }

    #[test]
    fn years_without_an_eligible_month_have_no_applying_community_line(req in request()) {
        let st = assess(&req).expect("valid request");
        if st.eligible_months == 0 {
            for l in st.lines.iter().filter(|l| COMMUNITY.contains(&l.id.as_str())) {
                prop_assert_ne!(l.status, Status::Applies, "{}", l.id);
            }
        }
        prop_assert_eq!(st.eligible_months == 0, !(2019..=2027).contains(&req.year));
    }

    #[test]
    fn a_claim_built_from_the_statement_always_matches(req in request()) {
        let st = assess(&req).expect("valid request");
        let pick = |id: &str, base: bool| -> Option<Dec> {
            let l = st.line(LineId::from_id(id)?)?;
            match l.status {
                Status::Applies if base => l.base,
                Status::Applies => Some(l.amount),
                Status::NotApplicable | Status::MissingInput if base => l.base,
                _ => Some(Dec(Decimal::ZERO)),
            }
        };
        let claimed = Claimed {
            vat_exempt_sales: pick("vat_exemption", true),
            cit_income_reduction: pick("cit_income_reduction", true).or(Some(Dec(Decimal::ZERO))),
            property_tax_exempt: pick("property_tax", false),
            land_use_tax_exempt: pick("land_use_tax", false),
            deed_tax_exempt: pick("deed_tax", false),
        };
        let n = claimed.items().len();
        let claim = Claim { schema: "tuoyu.claim.v1".into(), id: Some("p".into()), request: req, claimed };
        let rep = calc_core::verify::verify_claim(&claim);
        prop_assert_eq!(rep.items.len(), n, "a report never loses an item");
        prop_assert_eq!(rep.verdict, Verdict::Match, "{:?}", rep);
    }

    #[test]
    fn the_general_vat_equals_the_exact_rational_rounded_once(cents in 0i64..10_000_000_000, year in 2019i32..=2027) {
        // Annual revenue C (in cents), em eligible months: VAT = C·em·6 / (12·106) cents, rounded
        // half away from zero — computed here in integers.
        let em: i128 = if year == 2019 { 7 } else { 12 };
        let num = i128::from(cents) * em * 6;
        let den: i128 = 12 * 106;
        let q = num / den;
        let rem = num % den;
        let exact_cents = if rem * 2 >= den { q + 1 } else { q };
        let text = format!(r#"{{"schema":"tuoyu.request.v1","year":{year},"facility":{{"legal_form":"enterprise","community_based":true,"service_modes":["full_day"],"filed_with_health_commission":true}},"taxpayer":{{"vat":"general"}},"revenue":{{"childcare":"{}","input_vat_on_childcare":"0"}}}}"#, Decimal::new(cents, 2));
        let st = assess(&Request::from_json(&text).expect("valid")).expect("statement");
        let want = Decimal::from_i128_with_scale(exact_cents, 2);
        prop_assert_eq!(st.line(LineId::VatExemption).expect("line").amount.0, want);
    }

    #[test]
    fn the_json_entry_points_never_panic_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = calc_core::json::assess(&text);
        let _ = calc_core::json::verify(&text);
        let _ = calc_core::verify::verify_line(&bytes, 1);
    }

    #[test]
    fn rounding_is_idempotent(c in any::<i64>(), scale in 0u32..12) {
        let x = Decimal::new(c, scale);
        let once = round_money(x);
        prop_assert_eq!(round_money(once), once);
        prop_assert!((once - x).abs() <= Decimal::new(5, 3));
    }
}

/// Arbitrary JSON values, shaped like requests often enough to reach deep code.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value as J;
    let leaf = prop_oneof![
        Just(J::Null),
        any::<bool>().prop_map(J::Bool),
        any::<i64>().prop_map(J::from),
        "[-0-9.e]{0,30}".prop_map(J::String),
        "\\PC{0,12}".prop_map(J::String),
        prop_oneof![
            Just("2026-02-30"),
            Just("2026-03-01"),
            Just("general"),
            Just("owned"),
            Just("1e400"),
            Just("-0")
        ]
        .prop_map(|s| J::String(s.into())),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        let key = prop_oneof![
            Just("schema"),
            Just("year"),
            Just("facility"),
            Just("revenue"),
            Just("childcare"),
            Just("properties"),
            Just("tenure"),
            Just("original_value"),
            Just("used_from"),
            Just("taxpayer"),
            Just("vat"),
            Just("parameters"),
            Just("national.cit.slpe_schedule"),
            Just("claimed"),
            Just("request"),
            Just("legal_form"),
            Just("service_modes"),
        ]
        .prop_map(String::from);
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(J::Array),
            proptest::collection::btree_map(key, inner, 0..6)
                .prop_map(|m| J::Object(m.into_iter().collect())),
        ]
    })
}

fn base_request() -> serde_json::Value {
    serde_json::json!({"schema":"tuoyu.request.v1","year":2026,"facility":{"legal_form":"enterprise","community_based":true,
        "service_modes":["full_day"],"filed_with_health_commission":true},"taxpayer":{"vat":"general","small_low_profit":true},
        "revenue":{"childcare":"1000000"},"income_tax":{"taxable_income":"2000000"}})
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn the_json_entry_points_never_panic_on_arbitrary_json(v in json_value(), key in "[a-z_.]{1,40}", grafted in json_value()) {
        let _ = calc_core::json::assess(&v.to_string());
        let _ = calc_core::json::verify(&v.to_string());
        // Graft random values into an otherwise valid request, including as parameter overrides.
        let mut r = base_request();
        r[key.as_str()] = grafted.clone();
        let _ = calc_core::json::assess(&r.to_string());
        let mut r = base_request();
        r["parameters"] = serde_json::json!({ "national.cit.slpe_schedule": grafted.clone(), "yunnan.property_tax.deduction_ratio": grafted.clone(), "national.community.preferences_in_force": grafted });
        let _ = calc_core::json::assess(&r.to_string());
    }
}

#[test]
fn huge_amounts_give_an_error_or_a_statement_not_a_panic() {
    let big = "1000000000000000";
    let text = format!(
        r#"{{"schema":"tuoyu.request.v1","year":2026,"facility":{{"legal_form":"enterprise","community_based":true,"service_modes":["full_day"],"filed_with_health_commission":true}},
        "taxpayer":{{"vat":"small_scale","small_low_profit":true}},"revenue":{{"childcare":"{big}","other":"{big}"}},"income_tax":{{"taxable_income":"{big}"}},
        "properties":[{{"tenure":"owned","original_value":"{big}"}}],"land":[{{"area_m2":"{big}","tax_per_m2":"{big}"}}],
        "utilities":{{"electricity":{{"kwh":"{big}","commercial_price":"{big}","household_price":"0"}}}}}}"#
    );
    match calc_core::json::assess(&text) {
        Ok(_) => {}
        Err(e) => assert!(e.contains("tuoyu.error.v1"), "{e}"),
    }
    let over = text.replace(big, "10000000000000000");
    let e = calc_core::json::assess(&over).unwrap_err();
    assert!(e.contains("too large"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// "If extended" off is today's statement, byte for byte (SPEC §12.3): a scenario date on or
    /// before 2027-12-31, or before the assessed year, changes nothing.
    #[test]
    fn a_scenario_that_does_not_reach_the_year_changes_nothing(req in request(), days in 0i64..4000, before_year in any::<bool>()) {
        let plain = serde_json::to_string(&assess(&req).expect("statement")).unwrap();
        let to = if before_year {
            NaiveDate::from_ymd_opt(req.year, 1, 1).unwrap() - chrono::Duration::days(1 + days)
        } else {
            NaiveDate::from_ymd_opt(2027, 12, 31).unwrap() - chrono::Duration::days(days)
        };
        let mut with = req.clone();
        with.scenario = Some(Scenario { extend_community_to: to });
        let scenario = serde_json::to_string(&assess(&with).expect("statement")).unwrap();
        prop_assert_eq!(plain, scenario);
    }
}
