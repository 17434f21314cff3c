//! # tuoyu-cli — the `tuoyu` command line
//!
//! For tax-bureau staff and scripts: assess a facility, verify a claim or a file of millions of
//! claims, list the parameters in force, explain a line, and generate benchmark data. Every
//! figure comes from [`calc_core`]; this crate reads, writes and schedules, nothing more.
//!
//! - [`batch`]: the streaming, parallel, order-keeping verifier behind `tuoyu batch`.
//! - [`encoding`]: UTF-8 or GBK (Excel on Chinese Windows) CSV input.
//! - [`gen`]: the deterministic claim generator behind `tuoyu gen-claims`.
//! - [`xlsx`]: Excel claims in, reports out, the claims template.
//! - [`render`]: readable tables; [`explain`]: what each line computes and why.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod batch;
pub mod encoding;
pub mod explain;
pub mod gen;
pub mod render;
pub mod report_json;
pub mod xlsx;
