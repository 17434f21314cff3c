//! What a dropped file is, from its first bytes (the page reads [`PEEK`] of them before any
//! worker starts): calc-core's [`calc_core::frontend::flat::sniff`], which the command line uses
//! too, so that both name a file that is not claims alike. The page supplies the GBK test (the
//! browser's `TextDecoder`).

pub use calc_core::frontend::flat::sniff::{sniff, Sniff};

/// How many bytes of the file's start are looked at (as a `Blob` offset).
pub const PEEK: f64 = calc_core::frontend::flat::sniff::PEEK as f64; // 65,536: exact
