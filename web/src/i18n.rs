//! Chinese by default, English by a toggle.

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 中文 (default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Picks the text for this language.
    #[must_use]
    pub fn t<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
    /// The `lang` attribute value.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// Writes a decimal string with thousands separators (`1660590.00` → `1,660,590.00`): calc-core's
/// one grouping, so the page writes numbers as the library echoes them.
pub use calc_core::frontend::input::group_digits;
