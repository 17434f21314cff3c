//! Criterion benchmarks: assessing every fixture request (with explanations, and figures only
//! with `calc_core::amounts`), and verifying claims (amounts only, no explanation text).
//!
//! `cargo bench -p calc-core` — the per-statement time is the `assess/fixture_set` time divided
//! by the number of fixtures printed at the start.
#![forbid(unsafe_code)]

use calc_core::verify::{Claim, Claimed};
use calc_core::{assess, Request};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn fixture_requests() -> Vec<Request> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    for p in paths
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
    {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&p).expect("read")).expect("json");
        if let Ok(r) = Request::from_json(&v["request"].to_string()) {
            out.push(r);
        }
    }
    out
}

fn benches(c: &mut Criterion) {
    let reqs = fixture_requests();
    eprintln!("{} fixture requests", reqs.len());
    let mut g = c.benchmark_group("assess");
    g.throughput(Throughput::Elements(reqs.len() as u64));
    g.bench_function("fixture_set", |b| {
        b.iter(|| {
            for r in &reqs {
                black_box(assess(black_box(r)).ok());
            }
        })
    });
    g.bench_function("fixture_set_amounts", |b| {
        b.iter(|| {
            for r in &reqs {
                black_box(calc_core::amounts(black_box(r)).ok());
            }
        })
    });
    let texts: Vec<String> = reqs
        .iter()
        .map(|r| serde_json::to_string(r).unwrap_or_default())
        .collect();
    g.bench_function("fixture_set_json", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(calc_core::json::assess(black_box(t)).ok());
            }
        })
    });
    g.finish();

    let claims: Vec<Claim> = reqs
        .iter()
        .map(|r| Claim {
            schema: "tuoyu.claim.v1".into(),
            id: Some("b".into()),
            request: r.clone(),
            claimed: Claimed {
                vat_exempt_sales: Some(1_000_000.into()),
                cit_income_reduction: Some(100_000.into()),
                property_tax_exempt: Some(8_400.into()),
                land_use_tax_exempt: Some(2_700.into()),
                deed_tax_exempt: Some(0.into()),
            },
        })
        .collect();
    let mut g = c.benchmark_group("verify");
    g.throughput(Throughput::Elements(claims.len() as u64));
    g.bench_function("compute_only", |b| {
        b.iter(|| {
            for cl in &claims {
                black_box(calc_core::verify::verify_claim(black_box(cl)));
            }
        })
    });
    let lines: Vec<String> = claims
        .iter()
        .map(|c| serde_json::to_string(c).unwrap_or_default())
        .collect();
    g.bench_function("parse_and_verify", |b| {
        b.iter(|| {
            for l in &lines {
                black_box(calc_core::verify::verify_text(black_box(l)).to_json_line());
            }
        })
    });
    g.finish();
}

criterion_group!(benches_group, benches);
criterion_main!(benches_group);
