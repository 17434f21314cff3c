//! JSON text in, JSON text out: the entry points the command line and the browser share.
//!
//! None of these functions panics, whatever the input: bad input comes back as a
//! `tuoyu.error.v1` object naming the field.

use crate::error::Error;
use crate::request::Request;

/// Assesses a `tuoyu.request.v1` given as JSON text.
///
/// Returns the `tuoyu.statement.v1` JSON, or the `tuoyu.error.v1` JSON as the error.
///
/// ```
/// let out = calc_core::json::assess("{\"schema\": \"tuoyu.request.v1\"}");
/// let err = out.unwrap_err();
/// assert!(err.contains("\"path\":\"year\""));
/// ```
///
/// # Errors
/// The `tuoyu.error.v1` JSON text.
pub fn assess(input: &str) -> Result<String, String> {
    let run = || -> Result<String, Error> {
        let req = Request::from_json(input)?;
        let st = crate::assess(&req)?;
        serde_json::to_string(&st).map_err(|e| {
            Error::new(
                "",
                &format!("无法输出结果：{e}"),
                &format!("could not write the statement: {e}"),
            )
        })
    };
    run().map_err(|e| e.to_json_string())
}

/// The parameters in force on `date` (`YYYY-MM-DD`) as a JSON array (see
/// [`crate::params::in_force`]).
///
/// # Errors
/// The `tuoyu.error.v1` JSON text when the date cannot be read.
pub fn parameters_in_force(date: &str) -> Result<String, String> {
    let d = crate::date::parse(date).map_err(|_| {
        Error::new(
            "date",
            "日期格式应为 YYYY-MM-DD",
            "must be a date YYYY-MM-DD",
        )
        .to_json_string()
    })?;
    serde_json::to_string(&crate::params::in_force(d))
        .map_err(|e| Error::new("", &e.to_string(), &e.to_string()).to_json_string())
}

/// Verifies a `tuoyu.claim.v1` given as JSON text and returns the `tuoyu.verification.v1` JSON.
/// Never fails: a claim that cannot be read gives an `invalid_input` report naming the field.
#[must_use]
pub fn verify(input: &str) -> String {
    crate::verify::verify_text(input).to_json_line()
}
