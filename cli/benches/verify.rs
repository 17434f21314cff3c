//! Per-claim costs of a batch, phase by phase, on generated claims:
//! `cargo bench -p tuoyu-cli --bench verify`.
//!
//! - `parse_jsonl_line`: one JSON Lines claim → `Claim` (what `tuoyu batch` does per line);
//! - `verify_claim`: compute-only — a parsed claim → report (no JSON, no explanation text);
//! - `serialize_report`: report → one JSON line.
#![forbid(unsafe_code)]

use calc_core::verify::verify_claim;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use tuoyu_cli::batch::{jsonl_claim, write_report, Format};
use tuoyu_cli::gen::{row, Row};

fn claims(n: u64) -> Vec<calc_core::Claim> {
    (0..n)
        .filter_map(|i| match row(7, i, 0, false) {
            Row::Claim(c) => Some(*c),
            _ => None,
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let claims = claims(2000);
    let lines: Vec<String> = claims
        .iter()
        .map(|c| serde_json::to_string(c).unwrap_or_default())
        .collect();
    let reports: Vec<_> = claims.iter().map(verify_claim).collect();
    let n = claims.len() as u64;

    let mut g = c.benchmark_group("per_claim");
    g.throughput(Throughput::Elements(n));
    g.bench_function("parse_jsonl_line", |b| {
        b.iter(|| {
            for (i, l) in lines.iter().enumerate() {
                std::hint::black_box(jsonl_claim(l.as_bytes(), i as u64 + 1));
            }
        });
    });
    g.bench_function("verify_claim", |b| {
        b.iter(|| {
            for c in &claims {
                std::hint::black_box(verify_claim(c));
            }
        });
    });
    g.bench_function("serialize_report", |b| {
        b.iter_batched_ref(
            || Vec::with_capacity(1 << 20),
            |out| {
                for r in &reports {
                    write_report(out, r, Format::Jsonl);
                }
            },
            BatchSize::SmallInput,
        );
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
