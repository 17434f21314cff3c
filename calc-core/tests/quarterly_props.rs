//! Property tests of quarterly filing (SPEC §12.1).
#![forbid(unsafe_code)]

use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn statement(year: i32, vat: &str, period: &str, childcare: &[i64], other: &[i64]) -> Value {
    let req = json!({"schema": "tuoyu.request.v1", "year": year,
        "facility": {"legal_form": "enterprise", "community_based": true,
                     "service_modes": ["full_day"], "filed_with_health_commission": true},
        "taxpayer": {"vat": vat, "vat_period": period},
        "revenue": {"childcare": childcare.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
                    "other": other.iter().map(|c| c.to_string()).collect::<Vec<_>>()}});
    serde_json::from_str(&calc_core::json::assess(&req.to_string()).expect("statement"))
        .expect("JSON")
}

fn vat(st: &Value) -> String {
    st["lines"][0]["amount"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn months() -> impl Strategy<Value = Vec<i64>> {
    proptest::collection::vec(prop_oneof![Just(0i64), 0i64..250_000], 12)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A month outside the windows counts towards its quarter's threshold only: its childcare
    /// revenue is never taxed, so moving it to `other` (which only counts towards the threshold)
    /// changes nothing. 2019: January–May are before 2019-06-01.
    #[test]
    fn quarterly_never_counts_a_non_eligible_months_revenue(childcare in months(), other in months(), m in 0usize..5) {
        let before = statement(2019, "small_scale", "quarter", &childcare, &other);
        let (mut c2, mut o2) = (childcare.clone(), other.clone());
        o2[m] += c2[m];
        c2[m] = 0;
        let after = statement(2019, "small_scale", "quarter", &c2, &o2);
        prop_assert_eq!(vat(&before), vat(&after));
    }

    /// Filing by quarter only moves the threshold test: the VAT is never above what taxing every
    /// eligible month would give, and a year whose every quarter is above the threshold gives
    /// the same VAT by quarter as taxing every month.
    #[test]
    fn quarterly_vat_is_bounded_by_taxing_every_month(childcare in months(), year in 2019i32..=2027) {
        let zero = [0i64; 12];
        let q = statement(year, "small_scale", "quarter", &childcare, &zero);
        let all_taxed = statement(year, "small_scale", "month", &childcare, &[10_000_000; 12]);
        let (q, all): (Decimal, Decimal) = (vat(&q).parse().unwrap(), vat(&all_taxed).parse().unwrap());
        prop_assert!(q <= all, "quarterly {} above every month taxed {}", q, all);
        let q_all = statement(year, "small_scale", "quarter", &childcare, &[10_000_000; 12]);
        prop_assert_eq!(vat(&q_all), vat(&all_taxed));
    }

    /// `vat_period` is ignored for a general taxpayer.
    #[test]
    fn the_filing_period_changes_nothing_for_a_general_taxpayer(childcare in months(), other in months()) {
        let m = statement(2026, "general", "month", &childcare, &other);
        let q = statement(2026, "general", "quarter", &childcare, &other);
        prop_assert_eq!(&m["lines"], &q["lines"]);
    }
}
