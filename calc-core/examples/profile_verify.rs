//! Verifies the fixture claims many times (for profilers): `cargo run --release -p calc-core --example profile_verify -- N`.
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/claims");
    let mut texts = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(e.path()).expect("read")).expect("json");
        texts.push(v["claim"].to_string());
    }
    let mut sum = 0usize;
    for _ in 0..n {
        for t in &texts {
            sum += calc_core::verify::verify_text(t).to_json_line().len();
        }
    }
    println!("{sum}");
}
