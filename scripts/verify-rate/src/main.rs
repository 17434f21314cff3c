//! Claims per second of calc-core's verification, by phase, on a JSON Lines file read from
//! standard input: `verify-rate [PASSES]`. Built natively and for `wasm32-wasip1` by
//! `scripts/bench-wasm-core.sh`, which compares the two on the same file — the browser desk's
//! workers run this same code in WebAssembly.
#![forbid(unsafe_code)]
use std::io::Read;
use std::time::Instant;

fn rate(name: &str, n: usize, f: impl FnOnce() -> usize) {
    let t = Instant::now();
    let k = f();
    let dt = t.elapsed().as_secs_f64();
    println!(
        "{name:<22} {n:>8} claims in {dt:>7.3} s: {:>9.0} claims/s ({k})",
        n as f64 / dt
    );
}

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        eprintln!("verify-rate: standard input is not UTF-8 text");
        std::process::exit(2);
    }
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let passes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2);
    let n = lines.len() * passes;
    let each = |f: &mut dyn FnMut(&str) -> bool| {
        let mut k = 0;
        for _ in 0..passes {
            for l in &lines {
                k += usize::from(f(l));
            }
        }
        k
    };
    // Warm-up (in WebAssembly the engine compiles hot functions again, optimised, while they run).
    let mut warm = |l: &str| calc_core::verify::verify_text(l).verdict == calc_core::Verdict::Match;
    rate("warm-up verify_text", n, || each(&mut warm));
    rate("verify_text", n, || each(&mut warm));
    rate("parse (Claim::from_json)", n, || {
        each(&mut |l| calc_core::Claim::from_json(l).is_ok())
    });
    let claims: Vec<calc_core::Claim> = lines
        .iter()
        .filter_map(|l| calc_core::Claim::from_json(l).ok())
        .collect();
    let m = claims.len() * passes;
    rate("verify_claim (parsed)", m, || {
        let mut k = 0;
        for _ in 0..passes {
            for c in &claims {
                k += usize::from(
                    calc_core::verify::verify_claim(c).verdict == calc_core::Verdict::Match,
                );
            }
        }
        k
    });
    rate("verify + report JSON", m, || {
        let mut k = 0;
        for _ in 0..passes {
            for c in &claims {
                k += calc_core::verify::verify_claim(c).to_json_line().len();
            }
        }
        k
    });
}
