//! Verifies the fixture claims many times, parsed once (for profilers):
//! `cargo run --release -p calc-core --example profile_verify -- N`.
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/claims");
    let mut claims = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(e.path()).expect("read")).expect("json");
        if let Ok(c) = calc_core::Claim::from_json(&v["claim"].to_string()) {
            claims.push(c);
        }
    }
    let mut sum = 0usize;
    for _ in 0..n {
        for c in &claims {
            sum += calc_core::verify::verify_claim(c).items.len();
        }
    }
    println!("{sum} items from {} claims × {n}", claims.len());
}
