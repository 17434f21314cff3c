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

/// The language of the words shown to people: calc-core writes every text in Chinese and in
/// English, and [`labels`] picks one by this (not by a `bool`).
///
/// ```
/// use calc_core::frontend::{labels, Lang};
/// assert_eq!(labels::field_label("taxpayer.vat", Lang::En), "VAT taxpayer");
/// assert_eq!(Lang::Zh.t("免税", "exempt"), "免税");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// 中文 (the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The text of a Chinese/English pair in this language.
    #[must_use]
    pub fn t<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The language's tag for an HTML `lang` attribute: `zh-CN` or `en`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}
