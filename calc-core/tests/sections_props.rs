//! Invariants of the three sections (SPEC §5–§7), over random inputs.
#![forbid(unsafe_code)]

use calc_core::{assess, Request};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

const HEAD: &str = r#""schema": "tuoyu.request.v1",
  "facility": { "legal_form": "enterprise", "community_based": true,
                "service_modes": ["full_day"], "filed_with_health_commission": true }"#;

fn statement(year: i32, section: &str) -> calc_core::Statement {
    let text = format!("{{ {HEAD}, \"year\": {year}, {section} }}");
    let req = Request::from_json(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assess(&req).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A money amount with cents, as JSON text: 0 to 10^9.
fn money() -> impl Strategy<Value = String> {
    (0u64..100_000_000_000).prop_map(|c| Decimal::new(c as i64, 2).to_string())
}

/// `ceil(a / b)` for whole numbers.
fn ceil(a: u64, b: u64) -> u64 {
    a.div_ceil(b)
}

proptest! {
    #[test]
    fn class_sizes_are_even_within_the_max_and_carers_cover_the_ratio(
        infant in 0u64..400, young in 0u64..400, older in 0u64..400, mixed in 0u64..400,
    ) {
        let st = statement(2026, &format!(
            r#""capacity": {{ "children": {{ "infant": {infant}, "young_toddler": {young},
                "older_toddler": {older}, "mixed": {mixed} }} }}"#));
        let cap = st.capacity.expect("capacity section");
        let bands = cap.bands.expect("bands");
        let mut total = 0;
        for (b, n, max, ratio) in [
            (&bands.infant, infant, 10, 3),
            (&bands.young_toddler, young, 15, 5),
            (&bands.older_toddler, older, 20, 7),
            (&bands.mixed, mixed, 18, 5),
        ] {
            prop_assert_eq!(b.children, n);
            prop_assert_eq!(b.classes, ceil(n, max));
            prop_assert_eq!(b.class_sizes.len() as u64, b.classes);
            prop_assert_eq!(b.class_sizes.iter().sum::<u64>(), n);
            if let (Some(lo), Some(hi)) = (b.class_sizes.iter().min(), b.class_sizes.iter().max()) {
                prop_assert!(hi - lo <= 1, "sizes {:?}", b.class_sizes);
                prop_assert!(*hi <= max, "sizes {:?} above {max}", b.class_sizes);
                prop_assert!(*lo >= 1);
            }
            prop_assert!(b.carers >= ceil(n, ratio), "{} carers for {n} at 1:{ratio}", b.carers);
            prop_assert_eq!(
                b.carers,
                b.class_sizes.iter().map(|s| ceil(*s, ratio)).sum::<u64>()
            );
            total += n;
        }
        prop_assert_eq!(cap.health_worker_required, Some(total >= 150));
    }

    #[test]
    fn places_are_monotone_in_population(
        a in 0u64..10_000_000, extra in 0u64..10_000_000, old in any::<bool>(), existing in 0u64..100_000,
    ) {
        let area = if old { "old" } else { "new" };
        let k: u64 = if old { 6 } else { 8 };
        let places = |p: u64| {
            let st = statement(2026, &format!(
                r#""capacity": {{ "population": {p}, "area": "{area}", "existing_places": {existing} }}"#));
            let c = st.capacity.expect("capacity");
            (c.places_needed.expect("places"), c.shortfall.expect("shortfall"))
        };
        let (pa, sa) = places(a);
        let (pb, sb) = places(a + extra);
        prop_assert!(pa <= pb);
        prop_assert!(sa <= sb);
        prop_assert_eq!(pa, ceil(a * k, 1000));
        prop_assert_eq!(sa, pa.saturating_sub(existing));
    }

    #[test]
    fn deductions_stay_under_the_cap_and_never_use_an_expired_year(
        profit_cents in -100_000_000_000i64..100_000_000_000,
        this_year in money(),
        carried in proptest::collection::vec((2015i32..2026, money()), 0..6),
    ) {
        let year = 2026;
        let profit = Decimal::new(profit_cents, 2);
        let cf: Vec<String> = carried
            .iter()
            .map(|(y, a)| format!(r#"{{ "year": {y}, "amount": "{a}" }}"#))
            .collect();
        let st = statement(year, &format!(
            r#""donations": {{ "annual_total_profit": "{profit}", "this_year_qualified": "{this_year}",
                "carried_forward": [{}] }}"#, cf.join(", ")));
        let don = st.donations.expect("donations");
        let cap = (profit.max(Decimal::ZERO) * d("0.12")).round_dp_with_strategy(
            2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        prop_assert!(don.deductible.0 <= cap, "deductible {} above cap {}", don.deductible, cap);
        if profit <= Decimal::ZERO {
            prop_assert!(don.deductible.0.is_zero());
            prop_assert!(don.used.is_empty());
            prop_assert!(don.tax_saved.0.is_zero());
            if this_year != "0.00" {
                let ty = don.remaining.iter().find(|r| r.year == year).expect("this year carried");
                prop_assert_eq!(ty.amount.0, d(&this_year));
                prop_assert_eq!(ty.last_usable_year, year + 3);
            }
        }
        for u in &don.used {
            prop_assert!(u.year >= year - 3, "used an amount of {}", u.year);
            prop_assert!(!u.amount.0.is_zero());
        }
        for r in &don.remaining {
            prop_assert!(r.last_usable_year > year && r.last_usable_year == r.year + 3);
        }
        for e in &don.expired {
            prop_assert_eq!(e.last_usable_year, year);
        }
        for a in &don.already_expired {
            prop_assert!(a.last_usable_year < year);
        }
        // Nothing is lost or created: every input amount is used, carried on or expired.
        let input: Decimal = carried.iter().map(|(_, a)| d(a)).sum::<Decimal>() + d(&this_year);
        let output: Decimal = don.used.iter().map(|u| u.amount.0).sum::<Decimal>()
            + don.remaining.iter().map(|r| r.amount.0).sum::<Decimal>()
            + don.expired.iter().map(|r| r.amount.0).sum::<Decimal>()
            + don.already_expired.iter().map(|r| r.amount.0).sum::<Decimal>();
        prop_assert_eq!(input, output);
        prop_assert_eq!(
            don.used.iter().map(|u| u.amount.0).sum::<Decimal>(),
            don.deductible.0
        );
    }

    #[test]
    fn fee_modes_are_never_negative_and_half_day_never_above_full_day(
        grade in 1u32..=4, float_pct in 0u32..=100,
        cost in money(), subsidies in money(), children in 1u32..500, months in 1u32..=12,
        use_cost in any::<bool>(), full_h in 1u32..=12, half_tenths in 1u32..=120,
    ) {
        let half_h = Decimal::new(i64::from(half_tenths.min(full_h * 10)), 1);
        let method = if use_cost {
            format!(r#""cost": {{ "annual_operating_cost": "{cost}", "government_subsidies": "{subsidies}",
                "enrolled_children": {children}, "charging_months": {months} }}"#)
        } else {
            format!(r#""reference": {{ "grade": {grade}, "upward_float": "{}" }}"#,
                Decimal::new(i64::from(float_pct), 2))
        };
        let st = statement(2026, &format!(
            r#""fee_benchmark": {{ {method}, "full_day_hours": "{full_h}", "half_day_hours": "{half_h}" }}"#));
        let fb = st.fee_benchmark.expect("fee benchmark");
        let m = &fb.modes;
        for v in [&m.full_day, &m.half_day, &m.hourly, &m.temporary] {
            prop_assert!(v.0 >= Decimal::ZERO, "negative mode {}", v);
            prop_assert_eq!(v.0.scale(), 2);
        }
        prop_assert!(m.half_day.0 <= m.full_day.0);
        prop_assert!(m.temporary.0 <= m.full_day.0);
        prop_assert!(m.hourly.0 <= m.temporary.0);
        prop_assert_eq!(fb.full_day_monthly, m.full_day);
    }

    #[test]
    fn proposed_fee_checks_are_consistent(
        fee_cents in 0i64..10_000_000, proposed_cents in 0i64..10_000_000, non_profit in any::<bool>(),
    ) {
        let fee = Decimal::new(fee_cents, 2);
        let proposed = Decimal::new(proposed_cents, 2);
        let st = statement(2026, &format!(
            r#""fee_benchmark": {{ "non_profit": {non_profit}, "reference": {{ "fee": "{fee}" }},
                "proposed": {{ "full_day": "{proposed}" }} }}"#));
        let fb = st.fee_benchmark.expect("fee benchmark");
        let c = fb.checks.full_day.expect("check");
        prop_assert_eq!(c.benchmark.0, fee);
        prop_assert_eq!(c.excess.0, (proposed - fee).max(Decimal::ZERO));
        let want = if !non_profit {
            "information_only"
        } else if proposed > fee {
            "above"
        } else {
            "within"
        };
        prop_assert_eq!(serde_json::to_value(c.result).unwrap(), serde_json::json!(want));
        if c.excess.0.is_zero() {
            prop_assert_eq!(c.excess_pct.map(|p| p.to_string()), Some("0.00".to_string()));
        }
    }
}

/// A decimal from tiny to far beyond any real figure, as JSON text.
fn extreme() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("0".to_string()),
        Just("0.0000000000000000000000000001".to_string()),
        Just("1e27".to_string()),
        Just("79228162514264337593543950335".to_string()),
        Just("1000000000000000".to_string()),
        (0u64..u64::MAX).prop_map(|v| v.to_string()),
        (0i64..i64::MAX, 0u32..28).prop_map(|(m, s)| Decimal::new(m, s).to_string()),
    ]
}

proptest! {
    #[test]
    fn sections_never_panic_whatever_the_figures(
        a in extreme(), b in extreme(), c in extreme(), e in extreme(),
        count in 0u64..200_000, pop in any::<u64>(), grade in 0u32..8, neg in any::<bool>(),
        which in 0usize..6,
    ) {
        let profit = if neg { format!("-{a}") } else { a.clone() };
        let overrides = [
            "national.donation.profit_cap_ratio",
            "national.cit.rate",
            "national.days_per_month",
            "jinning.places_per_thousand.new_area",
            "national.childcare_standard.carer_ratio.infant",
            "national.childcare_standard.health_worker_threshold",
        ];
        let head = format!(r#"{HEAD}, "year": 2026, "parameters": {{ "{}": "{e}" }}"#, overrides[which]);
        let sections = [
            format!(
                r#""fee_benchmark": {{ "cost": {{ "annual_operating_cost": "{a}", "government_subsidies": "{b}",
                  "enrolled_children": {}, "cost_recovery_share": "{c}" }},
                  "proposed": {{ "full_day": "{b}", "hourly": "{c}" }} }}"#,
                grade.max(1)
            ),
            format!(
                r#""capacity": {{ "population": {pop}, "area": "new", "existing_places": {count},
                  "children": {{ "infant": {count}, "mixed": {count} }} }}"#
            ),
            format!(
                r#""capacity": {{ "population": {}, "area": "new" }}"#,
                pop % 10_000_000_001
            ),
            format!(
                r#""donations": {{ "annual_total_profit": "{profit}", "this_year_qualified": "{b}",
                  "carried_forward": [{{ "year": 2024, "amount": "{c}" }}] }}"#
            ),
        ];
        for section in sections {
            // Either a statement or a tuoyu.error.v1; never a panic.
            match calc_core::json::assess(&format!("{{ {head}, {section} }}")) {
                Ok(s) => prop_assert!(s.contains("tuoyu.statement.v1")),
                Err(e) => prop_assert!(e.contains("tuoyu.error.v1"), "{}", e),
            }
        }
        let reference = format!(
            r#"{{ {HEAD}, "year": 2026, "parameters": {{ "{}": "{e}" }},
              "fee_benchmark": {{ "reference": {{ "grade": {grade}, "upward_float": "0.5" }},
                  "days_per_month": "0.0001", "full_day_hours": "0.0001", "half_day_hours": "0.0001" }} }}"#,
            overrides[which],
        );
        let _ = calc_core::json::assess(&reference);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Households (SPEC §12.4): the net cost is fees − subsidy − tax saved (each total rounded
    /// once from exact values: equal to the cent when every figure is whole cents, within 0.01
    /// otherwise), never clamped; no child gets more than 12 months or 3,600 a year.
    #[test]
    fn household_net_cost_is_fees_less_subsidy_and_tax_saved(
        year in 2020i32..=2030,
        births in proptest::collection::vec((2016i32..=2030, 1u32..=12, 1u32..=28), 0..4),
        fee_cents in 0i64..1_000_000,
        enrolled in 0u32..=12,
        rate_bp in 0i64..=4500,
        split in any::<bool>(),
        fine_rate in any::<bool>(),
    ) {
        let children: Vec<serde_json::Value> = births
            .iter()
            .filter(|(y, _, _)| *y <= year)
            .map(|(y, m, d)| serde_json::json!({"birth_date": format!("{y}-{m:02}-{d:02}")}))
            .collect();
        // A rate in basis points (whole cents of tax), or with more decimals.
        let rate = if fine_rate { Decimal::new(rate_bp * 1000 + 7, 7) } else { Decimal::new(rate_bp, 4) };
        let rate = rate.min(Decimal::new(45, 2));
        let h = serde_json::json!({"children": children, "monthly_fee": Decimal::new(fee_cents, 2).to_string(),
            "months_enrolled": enrolled, "iit_marginal_rate": rate.to_string(),
            "iit_deduction_share": if split { "0.5" } else { "1" }});
        let st = statement(year, &format!(r#""household": {h}"#));
        let h = st.household.expect("household section");
        let t = &h.totals;
        let (fees, subsidy, tax, net) = (t.fees.0, t.subsidy.0, t.tax_saved.0, t.net_cost.0);
        let gap = (net - (fees - subsidy - tax)).abs();
        prop_assert!(gap <= Decimal::new(1, 2), "net {} vs {} − {} − {}", net, fees, subsidy, tax);
        if !fine_rate {
            prop_assert_eq!(gap, Decimal::ZERO);
        }
        for c in &h.children {
            prop_assert!(c.months_under_3 <= 12);
            prop_assert!(c.subsidy.0 <= Decimal::from(3600));
        }
    }
}
