//! Reads a `tuoyu.claim.v1` on standard input and prints the `tuoyu.verification.v1` report.
//!
//! `cargo run -q -p calc-core --example verify < claim.json` — exit 0 with the report on stdout,
//! or exit 2 with the `tuoyu.error.v1` JSON on stderr when the claim cannot be read.

use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut bytes = Vec::new();
    if std::io::stdin().read_to_end(&mut bytes).is_err() {
        eprintln!("{{\"schema\":\"tuoyu.error.v1\",\"path\":\"\",\"error_zh\":\"无法读取标准输入\",\"error_en\":\"cannot read standard input\"}}");
        return ExitCode::from(2);
    }
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("{{\"schema\":\"tuoyu.error.v1\",\"path\":\"\",\"error_zh\":\"输入不是 UTF-8 文本\",\"error_en\":\"the input is not UTF-8 text\"}}");
        return ExitCode::from(2);
    };
    let report = calc_core::verify::verify_text(&text);
    match &report.error {
        Some(e) => {
            eprintln!("{}", serde_json::to_string(e).unwrap_or_default());
            ExitCode::from(2)
        }
        None => {
            println!("{}", report.to_json_line());
            ExitCode::SUCCESS
        }
    }
}
