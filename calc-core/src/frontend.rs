//! What tuoyu's own front ends build on — the command line (`tuoyu`), the calculator page and
//! the tax bureau's desk — and a service linking calc-core does not need: rows of claims and
//! reports in CSV and spreadsheets, the words shown to people, and the reading of amounts as
//! people type them.
//!
//! These modules follow the front ends: their items change when a page or a command does, more
//! often than the contract of [`crate::assess`], [`crate::verify`] and [`crate::json`]. A
//! service exchanges the JSON documents (SPEC §9) and the types of the crate root, [`crate::params`],
//! [`crate::request`], [`crate::statement`] and [`crate::verify`].
//!
//! - [`flat`]: the flat forms of a claim and a report — CSV (one tokenizer, in
//!   [`flat::tokenizer`]) and spreadsheet rows — for `tuoyu batch` and the desk.
//! - [`labels`]: the names of request fields, enum options, statuses and verdicts for people, and
//!   an error's text with the field's name in place of its JSON path.
//! - [`claiming`]: a statement summed by tax and the reason a line is worth 0, as the page shows
//!   them.
//! - [`input`]: amounts and numbers as people type them (`1,200,000`, `１２０００００`, `120万`).

pub mod claiming;
pub mod flat;
pub mod input;
pub mod labels;
