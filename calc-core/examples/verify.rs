//! Reads a `tuoyu.claim.v1` on standard input and prints the `tuoyu.verification.v1` report.
//!
//! `cargo run -q -p calc-core --example verify < claim.json` — exit 0 with the report on stdout;
//! a claim that cannot be read or is refused still gets its report on stdout, with verdict
//! `invalid_input` and the error naming the field (as `tuoyu verify` prints it), the
//! `tuoyu.error.v1` JSON on stderr, and exit 2. A report that cannot be written (a full disk)
//! exits 1 with the system's error; a closed pipe (`| head`) ends quietly.
#![forbid(unsafe_code)]

use calc_core::verify::Report;
use calc_core::Error;
use std::io::{Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut bytes = Vec::new();
    let report = match std::io::stdin().read_to_end(&mut bytes) {
        Err(e) => Report::invalid(
            None,
            &Error::new(
                "",
                &format!("无法读取标准输入：{e}"),
                &format!("cannot read standard input: {e}"),
            ),
            None,
        ),
        Ok(_) => match String::from_utf8(bytes) {
            Ok(text) => calc_core::verify::verify_text(&text),
            Err(_) => Report::invalid(
                None,
                &Error::new("", "输入不是 UTF-8 文本", "the input is not UTF-8 text"),
                None,
            ),
        },
    };
    // A closed or full stdout is not worth a panic: the exit code says it.
    let written = writeln!(std::io::stdout().lock(), "{}", report.to_json_line())
        .and_then(|()| std::io::stdout().flush());
    if let Some(e) = &report.error {
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            serde_json::to_string(e).unwrap_or_default()
        );
        return ExitCode::from(2);
    }
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // `| head` has what it wants: end quietly.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "cannot write to standard output: {e}");
            ExitCode::from(1)
        }
    }
}
