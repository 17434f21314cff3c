//! # calc-core — what the childcare (托育) preferences are worth, exactly and with their law
//!
//! `calc-core` computes the tax and fee preferences that the Kunming Jinning district plan
//! promises to infant-care facilities (children aged 3 and under): VAT exemption, revenue counted
//! at 90% for corporate income tax, property, land-use and deed tax exemptions, six waived fees and
//! household utility prices. Every figure is a dated, cited parameter; every result is a
//! statement line with its status, amount, formula (in Chinese and English), legal basis and the
//! parameters used. Money is [`rust_decimal::Decimal`], rounded once per line to 0.01 yuan half
//! away from zero (四舍五入).
//!
//! ```
//! use calc_core::{assess, Request};
//!
//! let req = Request::from_json(r#"{
//!   "schema": "tuoyu.request.v1", "year": 2026,
//!   "facility": { "legal_form": "enterprise", "community_based": true,
//!                 "service_modes": ["full_day"], "filed_with_health_commission": true },
//!   "taxpayer": { "vat": "general" },
//!   "revenue": { "childcare": "1060000", "input_vat_on_childcare": "0" }
//! }"#)?;
//! let statement = assess(&req)?;
//! let vat = statement.line(calc_core::LineId::VatExemption).unwrap();
//! assert_eq!(vat.status.as_str(), "applies");
//! assert_eq!(vat.amount.to_string(), "60000.00"); // 1,060,000 × 6% ÷ 1.06
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Overview
//! - [`Request`] (`tuoyu.request.v1`) → [`assess`] → [`Statement`] (`tuoyu.statement.v1`).
//! - [`amounts`] gives the same figures without any explanation text (each line's status,
//!   amount and base, and the totals), several times faster: for services that only need numbers.
//! - [`verify`] checks a claim (`tuoyu.claim.v1`) against the library's own figures and reports
//!   item by item (`tuoyu.verification.v1`); [`verify::verify_lines`] streams a file of claims.
//! - [`json`] does the same from JSON text to JSON text — the entry point the command line and
//!   the browser share. It never panics, whatever the input.
//! - [`params`] holds the figures: [`params::in_force`] lists those in force on a date with their
//!   windows, citations and confidence.
//! - [`frontend`] holds what tuoyu's own front ends (the command line, the calculator page, the
//!   desk) build on: CSV and spreadsheet rows of claims and reports ([`frontend::flat`]), words
//!   for people ([`frontend::labels`], [`frontend::claiming`]) and the reading of typed amounts
//!   ([`frontend::input::parse_amount`]). A linking service needs none of it.
//! - Bad input is an [`Error`] naming the JSON path of the field, in Chinese and English
//!   (`tuoyu.error.v1`).
//!
//! ## Statuses
//! Each line is `not_applicable` (no section or item), `not_in_force` (no month of the year in a
//! legal window: the preferences run 2019-06-01 – 2025-12-31 and 2026-01-01 – 2027-12-31),
//! `not_eligible` (a condition of art.三 fails, listed with its article), `missing_input`, or
//! `applies` — the first that holds. Never a silent zero.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod assess;
/// The build-time check of the parameter data (`build/validate.rs`, run by `build.rs`), here
/// for its tests.
#[cfg(all(test, feature = "toml"))]
#[path = "../build/validate.rs"]
#[allow(dead_code)]
mod build_validate;
pub mod capacity;
pub mod data_version;
pub mod date;
pub mod donations;
pub mod error;
pub mod fee_benchmark;
pub mod frontend;
pub mod household;
pub mod json;
mod json_path;
pub(crate) mod lines;
pub mod money;
pub mod open;
pub mod params;
pub mod request;
#[cfg(feature = "schema")]
pub mod schema;
pub mod statement;
mod strict;
pub mod verify;

pub use assess::{amounts, assess, assess_in, Amounts, LineAmount};

/// The largest JSON document read as one request or claim: 1 MiB (1,048,576 bytes). A real
/// request is a few kilobytes; a larger text is refused with an error before it is parsed, so
/// a wrong file cannot make a reader hold gigabytes. Files of many claims are read line by line
/// (JSON Lines) or record by record (CSV), each record under this limit.
pub const MAX_DOCUMENT_BYTES: usize = 1 << 20;
pub use error::{Error, ErrorJson, ErrorKind};
pub use lines::{LineDoc, LineId, UnknownLineId};
pub use money::Dec;
pub use request::Request;
pub use statement::{Line, Statement, Status};
pub use verify::{Claim, Report, Verdict};
