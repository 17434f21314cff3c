//! Chinese by default, English by a toggle.

/// The interface language: calc-core's (`t` picks a text of a pair, `code` the `lang`
/// attribute), so the page and the library's labels speak of one language the same way.
pub use calc_core::frontend::Lang;

/// Writes a decimal string with thousands separators (`1660590.00` → `1,660,590.00`): calc-core's
/// one grouping, so the page writes numbers as the library echoes them.
pub use calc_core::frontend::input::group_digits;
