//! Money and numbers as people type them.
//!
//! A request carries plain decimals (`"1200000"`); people type `1,200,000`, `１２０００００`,
//! `¥1 200 000`, `120万` or `120万元`. [`parse_amount`] reads all of these into the exact
//! [`Decimal`] and refuses, with a message in Chinese and English saying what is wrong, anything
//! it would have to guess at: exponent notation (`1e9`), a misplaced thousands separator
//! (`1,20,000`), two decimal points, letters. The page, the command line's CSV reader and
//! linking services share it, so a figure reads the same everywhere.
//!
//! ```
//! use calc_core::frontend::input::{parse_amount, AmountError};
//! use rust_decimal::Decimal;
//!
//! let d = |s: &str| s.parse::<Decimal>().unwrap();
//! assert_eq!(parse_amount("1,200,000"), Ok(d("1200000")));
//! assert_eq!(parse_amount("１２０００００"), Ok(d("1200000")));
//! assert_eq!(parse_amount("￥1 200 000.50 元"), Ok(d("1200000.50")));
//! assert_eq!(parse_amount("12.5万"), Ok(d("125000")));
//! assert_eq!(parse_amount("1e9"), Err(AmountError::Exponent));
//! assert!(parse_amount("1e9").unwrap_err().zh().contains("科学计数法"));
//! ```

use crate::money::MAX_INPUT;
use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;

/// Digits after the decimal point accepted (rates such as `0.0625` and any money amount fit).
pub const MAX_FRACTION_DIGITS: usize = 12;

/// Why a text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AmountError {
    /// Nothing but spaces (or only a currency sign or unit).
    Empty,
    /// Exponent notation such as `1e9` or `1.2E6`.
    Exponent,
    /// A character that has no place in a number (the first one found).
    Unexpected(char),
    /// More than one decimal point.
    TwoPoints,
    /// A thousands separator not followed by exactly three digits (`1,20,000`, `1,5`).
    Separator,
    /// More than [`MAX_FRACTION_DIGITS`] digits after the point.
    TooManyDecimals,
    /// Larger than [`MAX_INPUT`] (10¹⁵) in absolute value.
    TooLarge,
}

/// What a number field holds, for the example an error message gives: an amount's example is
/// `1200000`, a rate's `0.1`, a year's `2026`, a count's `12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NumberKind {
    /// Money or another quantity (m², kWh).
    Amount,
    /// A rate or a share written as a decimal (`0.1` for 10%).
    Rate,
    /// A calendar year.
    Year,
    /// A whole number of things (children, months, registrations).
    Count,
}

impl NumberKind {
    /// The kind of the request field at `path` (indices allowed) as far as its path tells: `year`
    /// and `….year` a year; a field ending in `rate`, `float` or `share` a rate; any other an
    /// amount (a page that knows a field holds a count says so itself).
    ///
    /// ```
    /// use calc_core::frontend::input::NumberKind;
    /// assert_eq!(NumberKind::of_field("household.iit_marginal_rate"), NumberKind::Rate);
    /// assert_eq!(NumberKind::of_field("donations.carried_forward[0].year"), NumberKind::Year);
    /// assert_eq!(NumberKind::of_field("revenue.childcare"), NumberKind::Amount);
    /// ```
    #[must_use]
    pub fn of_field(path: &str) -> NumberKind {
        let last = path.rsplit('.').next().unwrap_or(path);
        if last == "year" {
            NumberKind::Year
        } else if ["rate", "float", "share"].iter().any(|e| last.ends_with(e)) {
            NumberKind::Rate
        } else {
            NumberKind::Amount
        }
    }

    /// A number of this kind written right, in Chinese.
    fn example_zh(self) -> &'static str {
        match self {
            NumberKind::Amount => "1200000",
            NumberKind::Rate => "0.1（即 10%）",
            NumberKind::Year => "2026",
            NumberKind::Count => "12",
        }
    }

    /// A number of this kind written right, in English.
    fn example_en(self) -> &'static str {
        match self {
            NumberKind::Amount => "1200000",
            NumberKind::Rate => "0.1 for 10%",
            NumberKind::Year => "2026",
            NumberKind::Count => "12",
        }
    }
}

impl AmountError {
    /// What is wrong, in Chinese, with an example of an amount written right.
    #[must_use]
    pub fn zh(&self) -> String {
        self.zh_for(NumberKind::Amount)
    }

    /// What is wrong, in English, with an example of an amount written right.
    #[must_use]
    pub fn en(&self) -> String {
        self.en_for(NumberKind::Amount)
    }

    /// What is wrong, in Chinese, with an example of a number of `kind` written right: a rate
    /// typed as a percent (`10%`) is told to write `0.1`, a year gets `2026` as its example.
    ///
    /// ```
    /// use calc_core::frontend::input::{parse_amount, NumberKind};
    /// let e = parse_amount("10%").unwrap_err();
    /// assert_eq!(e.zh_for(NumberKind::Rate), "请把百分数写成小数：10% 写作 0.1");
    /// assert_eq!(parse_amount("abc").unwrap_err().zh_for(NumberKind::Year), "含有不能识别的字符“a”：请填写年份，例如 2026");
    /// ```
    #[must_use]
    pub fn zh_for(&self, kind: NumberKind) -> String {
        let ex = kind.example_zh();
        let ask = match kind {
            NumberKind::Year => "请填写年份",
            NumberKind::Count => "请填写整数",
            NumberKind::Rate => "请填写小数",
            NumberKind::Amount => "请填写数字",
        };
        match self {
            AmountError::Unexpected('%') if kind == NumberKind::Rate => {
                "请把百分数写成小数：10% 写作 0.1".to_string()
            }
            AmountError::Empty => format!("{ask}，例如 {ex}"),
            AmountError::Exponent if kind == NumberKind::Amount => {
                "不能使用科学计数法：请写完整数字，例如 1200000 或 120万".to_string()
            }
            AmountError::Exponent => format!("不能使用科学计数法：请写完整数字，例如 {ex}"),
            AmountError::Unexpected(c) => format!("含有不能识别的字符“{c}”：{ask}，例如 {ex}"),
            AmountError::TwoPoints if kind == NumberKind::Amount => {
                "有两个小数点：请只保留一个，例如 1200000.50".to_string()
            }
            AmountError::TwoPoints => format!("有两个小数点：{ask}，例如 {ex}"),
            AmountError::Separator => "千位分隔符位置不对，例如 1,200,000".to_string(),
            AmountError::TooManyDecimals => {
                format!("小数位数过多（最多 {MAX_FRACTION_DIGITS} 位）")
            }
            AmountError::TooLarge => "数字过大（不能超过 1,000,000,000,000,000）".to_string(),
        }
    }

    /// What is wrong, in English, with an example of a number of `kind` written right (see
    /// [`AmountError::zh_for`]).
    ///
    /// ```
    /// use calc_core::frontend::input::{parse_amount, NumberKind};
    /// let e = parse_amount("10%").unwrap_err();
    /// assert_eq!(e.en_for(NumberKind::Rate), "write a percent as a decimal: 10% is 0.1");
    /// ```
    #[must_use]
    pub fn en_for(&self, kind: NumberKind) -> String {
        let ex = kind.example_en();
        let ask = match kind {
            NumberKind::Year => "enter a year",
            NumberKind::Count => "enter a whole number",
            NumberKind::Rate => "enter a decimal",
            NumberKind::Amount => "enter a number",
        };
        match self {
            AmountError::Unexpected('%') if kind == NumberKind::Rate => {
                "write a percent as a decimal: 10% is 0.1".to_string()
            }
            AmountError::Empty => format!("{ask}, e.g. {ex}"),
            AmountError::Exponent => {
                format!("exponent notation (1e9) is not accepted: write e.g. {ex}")
            }
            AmountError::Unexpected(c) => {
                format!("\"{c}\" is not part of a number: {ask}, e.g. {ex}")
            }
            AmountError::TwoPoints if kind == NumberKind::Amount => {
                "two decimal points: keep one, e.g. 1200000.50".to_string()
            }
            AmountError::TwoPoints => format!("two decimal points: {ask}, e.g. {ex}"),
            AmountError::Separator => {
                "misplaced thousands separator: write e.g. 1,200,000".to_string()
            }
            AmountError::TooManyDecimals => {
                format!("too many decimals (at most {MAX_FRACTION_DIGITS})")
            }
            AmountError::TooLarge => {
                "the number is too large (at most 1,000,000,000,000,000)".to_string()
            }
        }
    }
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en())
    }
}

impl std::error::Error for AmountError {}

/// A full-width (Ｕ+FF10–FF19 …) or other wide character as its ASCII twin, for the few that
/// can appear in a number.
fn narrow(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '．' | '。' => '.',
        '，' | '、' | '\'' | '’' => ',',
        '－' | '−' | '—' => '-',
        '＋' => '+',
        'Ｅ' => 'E',
        'ｅ' => 'e',
        c if is_space(c) => ' ',
        c => c,
    }
}

fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{3000}' | '\u{2002}' | '\u{2003}'
    )
}

/// Reads an amount or quantity as a person types it, exactly.
///
/// Accepted: ASCII or full-width digits; one decimal point (`.` or `．`); thousands separators
/// `,` `，` `'` or spaces, each followed by exactly three digits; a leading `-` (a loss); a
/// leading `¥`/`￥`/`RMB`; a trailing `元`; a trailing `万` (×10,000) or `亿` (×100,000,000),
/// before or without `元`; spaces around all of these. Refused, with [`AmountError`]: exponent
/// notation, a second decimal point, misplaced separators, letters and other signs, more than
/// [`MAX_FRACTION_DIGITS`] decimals, and magnitudes above [`MAX_INPUT`]. Never panics.
///
/// The result keeps the decimals written (`1.50` stays `1.50`); `万` shifts them (`12.5万` is
/// `125000.0`, numerically 125,000).
///
/// # Errors
/// [`AmountError`] saying what is wrong.
pub fn parse_amount(text: &str) -> Result<Decimal, AmountError> {
    let s: String = text.chars().map(narrow).collect();
    let mut s = s.trim();
    let mut negative = false;
    if let Some(r) = s.strip_prefix('-') {
        negative = true;
        s = r.trim_start();
    }
    for sign in ["¥", "￥", "RMB", "CNY"] {
        if let Some(r) = s.strip_prefix(sign) {
            s = r.trim_start();
            break;
        }
    }
    if !negative {
        if let Some(r) = s.strip_prefix('-') {
            negative = true;
            s = r.trim_start();
        }
    }
    if let Some(r) = s.strip_suffix('元') {
        s = r.trim_end();
    }
    let mut shift = 0u32;
    if let Some(r) = s.strip_suffix('万') {
        shift = 4;
        s = r.trim_end();
    } else if let Some(r) = s.strip_suffix('亿') {
        shift = 8;
        s = r.trim_end();
    }
    if s.is_empty() {
        return Err(AmountError::Empty);
    }
    // Exponent notation before anything else: `1e9` must say so, not "unexpected e".
    let b = s.as_bytes();
    if let Some(i) = s.find(['e', 'E']) {
        let before = i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.');
        let after = b
            .get(i + 1)
            .is_some_and(|c| c.is_ascii_digit() || *c == b'+' || *c == b'-');
        if before && after {
            return Err(AmountError::Exponent);
        }
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => {
            if f.contains('.') {
                return Err(AmountError::TwoPoints);
            }
            (i, Some(f))
        }
        None => (s, None),
    };
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_digit() || *c == '.' || *c == ',' || *c == ' '))
    {
        // A unit accepted at the end (`万`, `元`) is named only when nothing else is wrong:
        // in `120万元整` and `1.5万/月` the character to remove is `整` or `/`.
        let unit = |c: char| matches!(c, '万' | '亿' | '元' | '¥' | '￥');
        let first_other = s.chars().find(|c| {
            !(c.is_ascii_digit() || c.is_whitespace() || matches!(c, '.' | ',' | '-') || unit(*c))
        });
        return Err(AmountError::Unexpected(match first_other {
            Some(o) if unit(c) => o,
            _ => c,
        }));
    }
    // The whole part: digits in groups; the first of 1–3 digits, the others of exactly 3.
    let groups: Vec<&str> = int.split([',', ' ']).collect();
    if groups.len() > 1 {
        let first = groups[0];
        let ok = !first.is_empty() && first.len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return Err(AmountError::Separator);
        }
    }
    let digits: String = groups.concat();
    let frac = frac.unwrap_or("");
    if frac.contains([',', ' ']) {
        return Err(AmountError::Separator);
    }
    if digits.is_empty() && frac.is_empty() {
        return Err(AmountError::Empty);
    }
    if frac.len() > MAX_FRACTION_DIGITS {
        return Err(AmountError::TooManyDecimals);
    }
    let digits = digits.trim_start_matches('0');
    // 10¹⁵ has 16 digits; anything longer (before 万) is too large whatever follows.
    if digits.len() > 16 {
        return Err(AmountError::TooLarge);
    }
    let mut text = String::with_capacity(digits.len() + frac.len() + 3);
    if negative {
        text.push('-');
    }
    text.push_str(if digits.is_empty() { "0" } else { digits });
    if !frac.is_empty() {
        text.push('.');
        text.push_str(frac);
    }
    let mut d = Decimal::from_str(&text).map_err(|_| AmountError::TooLarge)?;
    if shift > 0 {
        let factor = Decimal::from(10i64.pow(shift));
        d = d.checked_mul(factor).ok_or(AmountError::TooLarge)?;
    }
    if d.abs() > MAX_INPUT {
        return Err(AmountError::TooLarge);
    }
    Ok(d)
}

/// `d` written as the page echoes an amount read: thousands separators and at least `min_dp`
/// decimals (`1200000` → `1,200,000.00` with `min_dp` 2; `0.0625` stays `0.0625`).
#[must_use]
pub fn format_grouped(d: Decimal, min_dp: u32) -> String {
    let mut d = d.normalize();
    if d.scale() < min_dp {
        d.rescale(min_dp);
    }
    group_digits(&d.to_string())
}

/// A decimal string with thousands separators (`1660590.00` → `1,660,590.00`, `-1234` →
/// `-1,234`); text that is not a plain decimal is returned unchanged.
///
/// ```
/// assert_eq!(calc_core::frontend::input::group_digits("1660590.00"), "1,660,590.00");
/// assert_eq!(calc_core::frontend::input::group_digits("n/a"), "n/a");
/// ```
#[must_use]
pub fn group_digits(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn what_people_type() {
        for (t, want) in [
            ("1200000", "1200000"),
            ("1,200,000", "1200000"),
            ("1 200 000", "1200000"),
            ("１２０００００", "1200000"),
            ("１，２００，０００．５", "1200000.5"),
            ("¥1,200,000", "1200000"),
            ("￥ 1200000 元", "1200000"),
            ("1200000元", "1200000"),
            ("120万", "1200000"),
            ("12.5万", "125000"),
            ("12.5 万元", "125000"),
            ("1.2亿", "120000000"),
            ("-3,500.25", "-3500.25"),
            ("¥-35", "-35"),
            (" 0.0625 ", "0.0625"),
            (".5", "0.5"),
            ("007", "7"),
            ("1\u{3000}200\u{3000}000", "1200000"),
        ] {
            assert_eq!(parse_amount(t), Ok(d(want)), "{t}");
        }
    }

    #[test]
    fn what_is_refused_and_why() {
        for (t, want) in [
            ("", AmountError::Empty),
            ("  ", AmountError::Empty),
            ("元", AmountError::Empty),
            ("¥", AmountError::Empty),
            ("万", AmountError::Empty),
            ("1e9", AmountError::Exponent),
            ("1E9", AmountError::Exponent),
            ("1.5e+3", AmountError::Exponent),
            ("1e-3", AmountError::Exponent),
            ("１ｅ９", AmountError::Exponent),
            ("1.2.3", AmountError::TwoPoints),
            ("1,20,000", AmountError::Separator),
            ("1,5", AmountError::Separator),
            ("1,", AmountError::Separator),
            (",100", AmountError::Separator),
            ("1.000,5", AmountError::Separator),
            ("12a", AmountError::Unexpected('a')),
            ("abc", AmountError::Unexpected('a')),
            ("0x10", AmountError::Unexpected('x')),
            ("1_000", AmountError::Unexpected('_')),
            ("--1", AmountError::Unexpected('-')),
            ("+1", AmountError::Unexpected('+')),
            ("1.0000000000001", AmountError::TooManyDecimals),
            ("10000000000000001", AmountError::TooLarge),
            ("99999999999999999999999999999999", AmountError::TooLarge),
            ("1000000000000万", AmountError::TooLarge),
            // The character to remove, not the unit before it.
            ("120万元整", AmountError::Unexpected('整')),
            ("1.5万/月", AmountError::Unexpected('/')),
            ("1.5万 元/月", AmountError::Unexpected('/')),
            ("万5", AmountError::Unexpected('万')),
            ("5万万", AmountError::Unexpected('万')),
            ("RMB 120万/月", AmountError::Unexpected('/')),
        ] {
            assert_eq!(parse_amount(t), Err(want), "{t}");
        }
        assert_eq!(parse_amount("1000000000000000"), Ok(MAX_INPUT));
        for e in [
            AmountError::Exponent,
            AmountError::Unexpected('x'),
            AmountError::Empty,
        ] {
            assert!(!e.zh().is_empty() && e.zh() != e.en());
        }
    }

    #[test]
    fn examples_follow_the_kind_of_field() {
        let pct = parse_amount("10%").unwrap_err();
        assert_eq!(pct, AmountError::Unexpected('%'));
        assert!(pct.zh_for(NumberKind::Rate).contains("0.1"));
        assert!(!pct.zh_for(NumberKind::Rate).contains("1200000"));
        let abc = parse_amount("abc").unwrap_err();
        assert_eq!(
            abc.zh_for(NumberKind::Year),
            "含有不能识别的字符“a”：请填写年份，例如 2026"
        );
        assert_eq!(
            abc.en_for(NumberKind::Year),
            "\"a\" is not part of a number: enter a year, e.g. 2026"
        );
        assert_eq!(
            abc.zh_for(NumberKind::Count),
            "含有不能识别的字符“a”：请填写整数，例如 12"
        );
        // The amount's messages are zh() and en().
        for e in [
            AmountError::Empty,
            AmountError::Exponent,
            AmountError::Unexpected('x'),
            AmountError::TwoPoints,
        ] {
            assert_eq!(e.zh(), e.zh_for(NumberKind::Amount));
            assert_eq!(e.en(), e.en_for(NumberKind::Amount));
            assert!(e.zh().contains("1200000"));
            for k in [NumberKind::Rate, NumberKind::Year, NumberKind::Count] {
                assert!(!e.zh_for(k).contains("1200000"), "{e:?} {k:?}");
                assert!(!e.en_for(k).contains("1200000"), "{e:?} {k:?}");
            }
        }
        assert_eq!(
            NumberKind::of_field("fee_benchmark.reference.upward_float"),
            NumberKind::Rate
        );
        assert_eq!(
            NumberKind::of_field("fee_benchmark.cost.cost_recovery_share"),
            NumberKind::Rate
        );
        assert_eq!(NumberKind::of_field("year"), NumberKind::Year);
    }

    #[test]
    fn echo_groups_digits() {
        assert_eq!(format_grouped(d("1200000"), 2), "1,200,000.00");
        assert_eq!(format_grouped(d("125000.0"), 2), "125,000.00");
        assert_eq!(format_grouped(d("0.0625"), 2), "0.0625");
        assert_eq!(format_grouped(d("-3500.5"), 2), "-3,500.50");
        assert_eq!(format_grouped(d("999"), 0), "999");
    }

    fn grouped(int: &str, sep: &str) -> String {
        let mut out = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push_str(sep);
            }
            out.push(c);
        }
        out
    }

    fn wide(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32('０' as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
                '.' => '．',
                ',' => '，',
                c => c,
            })
            .collect()
    }

    proptest! {
        #[test]
        fn any_formatting_of_a_decimal_reads_back(
            m in -999_999_999_999_999i64..=999_999_999_999_999i64,
            scale in 0u32..=6,
            sep in prop::sample::select(vec!["", ",", " ", "，"]),
            prefix in prop::sample::select(vec!["", "¥", "￥", "¥ "]),
            suffix in prop::sample::select(vec!["", "元", " 元"]),
            full_width in any::<bool>(),
            wan in any::<bool>(),
        ) {
            let value = Decimal::new(m, scale);
            let s = value.abs().to_string();
            let (int, frac) = match s.split_once('.') { Some((i, f)) => (i.to_string(), Some(f.to_string())), None => (s.clone(), None) };
            let mut body = grouped(&int, sep);
            if let Some(f) = frac { body.push('.'); body.push_str(&f); }
            let sign = if value.is_sign_negative() && !value.is_zero() { "-" } else { "" };
            let mut text = format!("{sign}{prefix}{body}{suffix}");
            if full_width { text = wide(&text); }
            prop_assert_eq!(parse_amount(&text), Ok(value), "{}", text);
            if wan && scale <= 6 {
                // The same value written in 万: value / 10,000 (exact: at most 10 decimals).
                let w = value / Decimal::from(10_000);
                let t = format!("{}万", w.normalize());
                prop_assert_eq!(parse_amount(&t), Ok(value), "{}", t);
            }
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,40}") {
            let _ = parse_amount(&s);
        }

        #[test]
        fn number_like_text_never_panics(s in "[-¥￥0-9０-９.,，. eE万亿元]{0,30}") {
            if let Ok(d) = parse_amount(&s) {
                prop_assert!(d.abs() <= MAX_INPUT);
            }
        }
    }
}
