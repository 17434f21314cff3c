//! Reading a date `YYYY-MM-DD`: a small parser that accepts exactly what chrono's
//! `NaiveDate::from_str` accepts and fails with the same message, without chrono's general
//! format-string machinery (about 6 KB gzipped of the browser page).
//!
//! Request fields that hold a date deserialise through `deserialize` and `deserialize_opt`;
//! the property tests check [`parse`] against chrono's own parser on arbitrary text.

use chrono::NaiveDate;
use std::fmt;

/// Why a text is not a date: the same four cases, with the same messages, as chrono's
/// `ParseError` for `NaiveDate::from_str`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateError {
    /// A number outside its range (month 13, day 32, 2026-02-30, a year beyond chrono's).
    OutOfRange,
    /// A character where a digit or `-` belongs.
    Invalid,
    /// The text ends before the date does.
    TooShort,
    /// Text after the date.
    TooLong,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateError::OutOfRange => "input is out of range",
            DateError::Invalid => "input contains invalid characters",
            DateError::TooShort => "premature end of input",
            DateError::TooLong => "trailing input",
        })
    }
}

impl std::error::Error for DateError {}

/// Up to `max` ASCII digits (at least one) at the start of `s`: chrono's `scan::number`.
fn number(s: &str, max: usize) -> Result<(&str, i64), DateError> {
    let bytes = s.as_bytes();
    if bytes.is_empty() {
        return Err(DateError::TooShort);
    }
    let mut n = 0i64;
    for (i, &c) in bytes.iter().take(max).enumerate() {
        if !c.is_ascii_digit() {
            if i == 0 {
                return Err(DateError::Invalid);
            }
            return Ok((&s[i..], n));
        }
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(i64::from(c - b'0')))
            .ok_or(DateError::OutOfRange)?;
    }
    Ok((&s[max.min(bytes.len())..], n))
}

/// The `-` between the parts.
fn dash(s: &str) -> Result<&str, DateError> {
    match s.strip_prefix('-') {
        Some(rest) => Ok(rest),
        None if s.is_empty() => Err(DateError::TooShort),
        None => Err(DateError::Invalid),
    }
}

/// Reads a date `YYYY-MM-DD` as chrono's `NaiveDate::from_str` does: leading whitespace before
/// each number and after each part is skipped, the year has four digits or a sign (`+12345`,
/// `-0001`), month and day one or two digits; the date must exist.
///
/// ```
/// use calc_core::date::{parse, DateError};
/// assert_eq!(parse("2026-03-01").unwrap().to_string(), "2026-03-01");
/// assert_eq!(parse("2026-02-30"), Err(DateError::OutOfRange));
/// assert_eq!(parse("2026-03-01x").unwrap_err().to_string(), "trailing input");
/// ```
///
/// # Errors
/// [`DateError`] when the text is not such a date.
pub fn parse(s: &str) -> Result<NaiveDate, DateError> {
    let s = s.trim_start();
    let (s, year) = if let Some(rest) = s.strip_prefix('-') {
        let (s, v) = number(rest, usize::MAX)?;
        (s, -v)
    } else if let Some(rest) = s.strip_prefix('+') {
        number(rest, usize::MAX)?
    } else {
        number(s, 4)?
    };
    let year = i32::try_from(year).map_err(|_| DateError::OutOfRange)?;
    let s = dash(s.trim_start())?;
    let (s, month) = number(s.trim_start(), 2)?;
    if !(1..=12).contains(&month) {
        return Err(DateError::OutOfRange);
    }
    let s = dash(s.trim_start())?;
    let (s, day) = number(s.trim_start(), 2)?;
    if !(1..=31).contains(&day) {
        return Err(DateError::OutOfRange);
    }
    if !s.trim_start().is_empty() {
        return Err(DateError::TooLong);
    }
    // Both in 1..=31 by the checks above.
    let (month, day) = (month as u32, day as u32);
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::OutOfRange)
}

/// A date read by [`parse`] in serde (the same `expecting` text as chrono's).
struct Iso(NaiveDate);

impl<'de> serde::Deserialize<'de> for Iso {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Iso;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a formatted date string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Iso, E> {
                parse(v).map(Iso).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

/// `#[serde(deserialize_with = "crate::date::deserialize")]`: a date field read by [`parse`].
///
/// # Errors
/// The deserialiser's error, with [`DateError`]'s message for a text that is not a date.
pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    <Iso as serde::Deserialize>::deserialize(d).map(|x| x.0)
}

/// `#[serde(default, deserialize_with = "crate::date::deserialize_opt")]`: an optional date
/// field (`null` or absent is `None`) read by [`parse`].
///
/// # Errors
/// The deserialiser's error, with [`DateError`]'s message for a text that is not a date.
pub(crate) fn deserialize_opt<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<NaiveDate>, D::Error> {
    <Option<Iso> as serde::Deserialize>::deserialize(d).map(|x| x.map(|x| x.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// chrono's answer, as this module's.
    fn chrono(s: &str) -> Result<NaiveDate, String> {
        s.parse::<NaiveDate>().map_err(|e| e.to_string())
    }

    fn ours(s: &str) -> Result<NaiveDate, String> {
        parse(s).map_err(|e| e.to_string())
    }

    #[test]
    fn agrees_with_chrono_on_edge_cases() {
        for s in [
            "2026-03-01",
            "2026-3-1",
            " 2026 - 03 - 01 ",
            "\u{3000}2026-03-01\u{3000}",
            "2024-02-29",
            "2026-02-29",
            "2026-02-30",
            "2026-13-01",
            "2026-00-01",
            "2026-01-00",
            "2026-01-32",
            "2026-01-001",
            "20260-01-01",
            "+20260-01-01",
            "-0001-12-31",
            "+262142-12-31",
            "+262143-01-01",
            "-262144-12-31",
            "+99999999999-01-01",
            "+999999999999999999999-01-01",
            "-",
            "+",
            "",
            " ",
            "2026",
            "2026-",
            "2026-03",
            "2026-03-",
            "2026/03/01",
            "2026-03-01T00:00",
            "2026-03-01x",
            "２０２６-03-01",
            "2026-0３-01",
            "1-1-1",
            "0-1-1",
            "2026--03-01",
            "2026-+3-01",
            "12026-01-01",
            "é",
        ] {
            assert_eq!(ours(s), chrono(s), "{s:?}");
        }
    }

    #[test]
    fn serde_reads_dates_and_explains_the_rest() {
        #[derive(serde::Deserialize, Debug)]
        struct T {
            #[serde(deserialize_with = "deserialize")]
            a: NaiveDate,
            #[serde(default, deserialize_with = "deserialize_opt")]
            b: Option<NaiveDate>,
        }
        let t: T = serde_json::from_str(r#"{"a":"2026-03-01"}"#).unwrap();
        assert_eq!((t.a.to_string(), t.b), ("2026-03-01".to_string(), None));
        let t: T = serde_json::from_str(r#"{"a":"2026-03-01","b":null}"#).unwrap();
        assert_eq!(t.b, None);
        let t: T = serde_json::from_str(r#"{"a":"2026-03-01","b":"2026-12-31"}"#).unwrap();
        assert_eq!(t.b.map(|d| d.to_string()).as_deref(), Some("2026-12-31"));
        // The same errors as chrono's own Deserialize.
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct C {
            a: NaiveDate,
        }
        for body in [
            r#""2026-02-30""#,
            r#""x""#,
            "5",
            "null",
            r#""2026-01-01 x""#,
        ] {
            let text = format!(r#"{{"a":{body}}}"#);
            let mine = serde_json::from_str::<T>(&text).unwrap_err().to_string();
            let theirs = serde_json::from_str::<C>(&text).unwrap_err().to_string();
            assert_eq!(mine, theirs, "{body}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_chrono_on_date_like_text(s in "[ +\\-]?[0-9 ]{0,7}[-/ ]?[0-9 +]{0,3}[-x ]?[0-9 ]{0,3}[ xT]?") {
            prop_assert_eq!(ours(&s), chrono(&s));
        }

        #[test]
        fn agrees_with_chrono_on_any_text(s in "\\PC{0,16}") {
            prop_assert_eq!(ours(&s), chrono(&s));
        }

        #[test]
        fn agrees_with_chrono_on_numbers(y in -300_000i64..300_000, m in -1i64..14, d in -1i64..33, wide in any::<bool>()) {
            let s = if wide { format!("{y:+07}-{m:02}-{d:02}") } else { format!("{y}-{m}-{d}") };
            prop_assert_eq!(ours(&s), chrono(&s));
        }

        #[test]
        fn reads_every_real_date(days in 0i64..80_000) {
            let d = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(days);
            prop_assert_eq!(parse(&d.to_string()), Ok(d));
        }
    }
}
