//! Reads a `tuoyu.request.v1` on standard input and prints the `tuoyu.statement.v1`.
//!
//! `cargo run -q -p calc-core --example assess < request.json` — exit 0 with the statement on
//! stdout, or exit 2 with the `tuoyu.error.v1` JSON on stderr; exit 1 when the statement cannot
//! be written (a full disk). A closed pipe (`| head`) ends it quietly; nothing panics.
#![forbid(unsafe_code)]

use std::io::{Read, Write};
use std::process::ExitCode;

/// A line on stderr; a closed stderr is ignored (never a panic).
fn say(s: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{s}");
}

/// The statement on stdout, flushed: the exit code.
fn emit(s: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{s}").and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            say(&format!("cannot write to standard output: {e}"));
            ExitCode::from(1)
        }
    }
}

fn main() -> ExitCode {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        let error = serde_json::json!({
            "schema": "tuoyu.error.v1",
            "path": "",
            "error_zh": "无法读取标准输入",
            "error_en": format!("cannot read standard input: {e}"),
        });
        say(&error.to_string());
        return ExitCode::from(2);
    }
    let Ok(text) = String::from_utf8(bytes) else {
        say("{\"schema\":\"tuoyu.error.v1\",\"path\":\"\",\"error_zh\":\"输入不是 UTF-8 文本\",\"error_en\":\"the input is not UTF-8 text\"}");
        return ExitCode::from(2);
    };
    match calc_core::json::assess(&text) {
        Ok(statement) => emit(&statement),
        Err(error) => {
            say(&error);
            ExitCode::from(2)
        }
    }
}
