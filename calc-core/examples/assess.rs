//! Reads a `tuoyu.request.v1` on standard input and prints the `tuoyu.statement.v1`.
//!
//! `cargo run -q -p calc-core --example assess < request.json` — exit 0 with the statement on
//! stdout, or exit 2 with the `tuoyu.error.v1` JSON on stderr.

use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        eprintln!("{{\"schema\":\"tuoyu.error.v1\",\"path\":\"\",\"error_zh\":\"无法读取标准输入\",\"error_en\":\"cannot read standard input: {e}\"}}");
        return ExitCode::from(2);
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) => {
            eprintln!("{{\"schema\":\"tuoyu.error.v1\",\"path\":\"\",\"error_zh\":\"输入不是 UTF-8 文本\",\"error_en\":\"the input is not UTF-8 text\"}}");
            return ExitCode::from(2);
        }
    };
    match calc_core::json::assess(&text) {
        Ok(statement) => {
            println!("{statement}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(2)
        }
    }
}
