//! Turns `data/parameters.toml` into JSON at build time, so the library (and the browser app)
//! parse it with serde_json, which they link anyway, instead of carrying a TOML parser.
//! The TOML stays the file people review; the JSON is validated at first use like the TOML was.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=data/parameters.toml");
    let text = std::fs::read_to_string("data/parameters.toml")
        .expect("calc-core/data/parameters.toml is readable");
    let value: toml::Value = toml::from_str(&text)
        .unwrap_or_else(|e| panic!("data/parameters.toml is not valid TOML: {e}"));
    let json = serde_json::to_string(&value).expect("TOML values convert to JSON");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo"))
        .join("parameters.json");
    std::fs::write(out, json).expect("OUT_DIR is writable");
}
