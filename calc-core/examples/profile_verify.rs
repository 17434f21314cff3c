//! Verifies claims many times, parsed once (for profilers): the fixture claims, or the claims of
//! a JSON Lines file (e.g. from `tuoyu gen-claims`):
//! `cargo run --release -p calc-core --example profile_verify -- N [FILE.jsonl] [amounts]` — with
//! `amounts`, computes every line's figures of the claims' requests instead.
#![forbid(unsafe_code)]
fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let mut claims = Vec::new();
    if let Some(file) = args.next() {
        let text = std::fs::read_to_string(file).expect("read the claims file");
        claims.extend(
            text.lines()
                .filter_map(|l| calc_core::Claim::from_json(l).ok()),
        );
    } else {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/claims");
        for e in std::fs::read_dir(dir).expect("dir").flatten() {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(e.path()).expect("read"))
                    .expect("json");
            if let Ok(c) = calc_core::Claim::from_json(&v["claim"].to_string()) {
                claims.push(c);
            }
        }
    }
    let amounts = args.next().as_deref() == Some("amounts");
    let t = std::time::Instant::now();
    let sum = if amounts {
        amounts_all(&claims, n)
    } else {
        verify_all(&claims, n)
    };
    let s = t.elapsed().as_secs_f64();
    let k = (claims.len() * n) as f64;
    println!(
        "{sum} items from {} claims × {n}: {:.3} µs per claim, {:.0} claims/s",
        claims.len(),
        s * 1e6 / k,
        k / s
    );
}

/// The measured loop (not inlined, so a profiler can single it out).
#[inline(never)]
fn verify_all(claims: &[calc_core::Claim], n: usize) -> usize {
    let mut sum = 0usize;
    for _ in 0..n {
        for c in claims {
            sum += calc_core::verify::verify_claim(c).items.len();
        }
    }
    sum
}

/// The measured loop for `amounts`.
#[inline(never)]
fn amounts_all(claims: &[calc_core::Claim], n: usize) -> usize {
    let mut sum = 0usize;
    for _ in 0..n {
        for c in claims {
            sum += calc_core::amounts(&c.request).map_or(0, |a| a.lines.len());
        }
    }
    sum
}
