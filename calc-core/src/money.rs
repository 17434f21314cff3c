//! Exact money: parsing decimals from JSON text, the one rounding rule, and exact sums.
//!
//! Amounts are [`rust_decimal::Decimal`]. In JSON they are strings (`"1234.56"`); a JSON number
//! is accepted on input and read from its literal text, never through `f64`. A line is summed
//! exactly (as a fraction, see [`Exact`]) and rounded once, at the end, to 0.01 yuan half away
//! from zero (四舍五入) by [`round_money`] — `Decimal::round`/`round_dp` round half to even and
//! are forbidden by `clippy.toml`.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The largest amount or quantity accepted on input (10¹⁵): large enough for any facility,
/// small enough that products of two inputs and a rate stay inside `Decimal`.
pub const MAX_INPUT: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// Whether `|d| > 10¹⁵` ([`MAX_INPUT`]), from the mantissa and scale alone: cheaper than a
/// `Decimal` comparison, which rescales (input checks run on every claim of a batch).
#[must_use]
pub(crate) fn exceeds_max_input(d: Decimal) -> bool {
    // |d| = m / 10^s > 10^15  ⇔  m > 10^(15 + s). A mantissa is below 2^96 < 10^29.
    let m = d.mantissa().unsigned_abs();
    match 10u128.checked_pow(15 + d.scale()) {
        Some(limit) => m > limit,
        None => false,
    }
}

/// Rounds to 0.01 yuan, half away from zero (四舍五入), keeping two decimal places.
///
/// ```
/// use rust_decimal::Decimal;
/// use calc_core::money::round_money;
/// assert_eq!(round_money(Decimal::new(2345, 3)).to_string(), "2.35"); // 2.345 → 2.35
/// assert_eq!(round_money(Decimal::new(-2345, 3)).to_string(), "-2.35");
/// assert_eq!(round_money(Decimal::new(5, 0)).to_string(), "5.00");
/// ```
#[must_use]
pub fn round_money(x: Decimal) -> Decimal {
    round_to(x, 2)
}

/// Rounds to `dp` decimal places, half away from zero, keeping exactly `dp` places.
#[must_use]
pub fn round_to(x: Decimal, dp: u32) -> Decimal {
    if x.scale() == dp {
        // Already `dp` places (most amounts as written): nothing to round.
        return x;
    }
    let mut r = x.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    r
}

/// Parses a decimal written as JSON would: `-12`, `1234.56`, `1.5e3`. No spaces, no `+`, no
/// thousands separators. `None` when the text is not such a number or does not fit.
#[must_use]
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == int_start {
        return None;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == frac_start {
            return None;
        }
    }
    if i == b.len() {
        return Decimal::from_str(s).ok();
    }
    if b[i] != b'e' && b[i] != b'E' {
        return None;
    }
    i += 1;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    let exp_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == exp_start || i != b.len() || i - exp_start > 3 {
        return None;
    }
    Decimal::from_scientific(s).ok()
}

/// A decimal read exactly from a JSON string or number and written as a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Dec(pub Decimal);

impl From<Decimal> for Dec {
    fn from(d: Decimal) -> Self {
        Dec(d)
    }
}

impl From<i64> for Dec {
    fn from(d: i64) -> Self {
        Dec(Decimal::from(d))
    }
}

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// Reads a decimal as the JSON contract writes it: digits with an optional sign and point
/// (`"1234.56"`, `"-0.5"`), exactly.
///
/// ```
/// use calc_core::Dec;
/// let d: Dec = "1234.56".parse()?;
/// assert_eq!(d.to_string(), "1234.56");
/// assert!("12x".parse::<Dec>().is_err());
/// # Ok::<(), calc_core::money::ParseDecError>(())
/// ```
impl FromStr for Dec {
    type Err = ParseDecError;
    fn from_str(s: &str) -> Result<Self, ParseDecError> {
        parse_decimal(s).map(Dec).ok_or_else(|| ParseDecError {
            text: s.chars().take(40).collect(),
        })
    }
}

/// The error of `Dec::from_str`: the text is not a decimal number. Amounts as people type them
/// (`1,200,000`, `120万`) are read by [`crate::frontend::input::parse_amount`] instead.
///
/// ```
/// use calc_core::Dec;
/// let e = "1,200".parse::<Dec>().unwrap_err();
/// assert_eq!(e.text(), "1,200");
/// assert!(e.to_string().starts_with("not a decimal number"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDecError {
    text: String,
}

impl ParseDecError {
    /// The text that was refused (its first 40 characters).
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for ParseDecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not a decimal number: \"{}\" (write it as \"1234.56\")",
            self.text
        )
    }
}

impl std::error::Error for ParseDecError {}

/// In a schema a decimal is a JSON string of digits (a JSON number is also read, exactly).
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Dec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Decimal as schemars::JsonSchema>::json_schema(generator)
    }
}

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// Marks a custom deserialisation error whose zh and en texts are both known.
pub(crate) const MSG_TAG: &str = "\u{1}tuoyu\u{1}";

pub(crate) fn tagged(zh: &str, en: &str) -> String {
    format!("{MSG_TAG}{zh}{MSG_TAG}{en}")
}

/// Parses a decimal for a deserialiser, with a zh/en message on failure.
pub(crate) fn dec_from_str<E: de::Error>(v: &str) -> Result<Decimal, E> {
    parse_decimal(v).ok_or_else(|| {
        let shown: String = v.chars().take(40).collect();
        E::custom(tagged(
            &format!("不是有效的数字：“{shown}”（应写作 \"1234.56\"）"),
            &format!("not a decimal number: \"{shown}\" (write it as \"1234.56\")"),
        ))
    })
}

struct DecVisitor;

const SERDE_JSON_NUMBER: &str = "$serde_json::private::Number";

impl<'de> Visitor<'de> for DecVisitor {
    type Value = Dec;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number, e.g. \"1234.56\"")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Dec, E> {
        dec_from_str(v).map(Dec)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dec, E> {
        Ok(Dec(Decimal::from(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dec, E> {
        Ok(Dec(Decimal::from(v)))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Dec, E> {
        // serde_json hands numbers over as their text (`arbitrary_precision`); a format that only
        // has the binary float cannot give the exact amount, so it is refused, not guessed.
        Err(E::custom(tagged(
            "金额须按原文读取：请写成字符串，如 \"1234.56\"",
            "cannot be read exactly from a binary float: write it as a string, e.g. \"1234.56\"",
        )))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Dec, A::Error> {
        // serde_json with `arbitrary_precision` hands a number over as a one-entry map holding
        // its literal text.
        let key: Option<String> = map.next_key()?;
        if key.as_deref() != Some(SERDE_JSON_NUMBER) {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        }
        let text: String = map.next_value()?;
        self.visit_str(&text)
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Dec, D::Error> {
        d.deserialize_any(DecVisitor)
    }
}

/// `n / d` rounded to 0.01, half away from zero, in integer arithmetic — without first dividing
/// to 28 digits and then rounding. `None` when the integers do not fit in 128 bits, `d` is not
/// positive or the result would be a negative zero; the caller then divides and rounds.
///
/// The two ways agree on every input the lines produce: the denominators are small (12,
/// `12 × (1 + rate)`, …), so a quotient that is not exactly on a half cent stays far more than
/// 10⁻²⁸ away from one, and dividing to 28 digits cannot carry it across.
fn round_fraction(n: Decimal, d: Decimal) -> Option<Decimal> {
    let (nm, dm) = (n.mantissa(), d.mantissa());
    if dm <= 0 {
        return None;
    }
    // n / d = (nm / 10^ns) / (dm / 10^ds); in cents: nm × 10^(ds + 2) / (dm × 10^ns).
    let a = nm
        .unsigned_abs()
        .checked_mul(10u128.checked_pow(d.scale() + 2)?)?;
    let b = dm
        .unsigned_abs()
        .checked_mul(10u128.checked_pow(n.scale())?)?;
    // Both usually fit in 64 bits, where division is several times cheaper.
    let (q, r) = match (u64::try_from(a), u64::try_from(b)) {
        (Ok(a), Ok(b)) => (u128::from(a / b), u128::from(a % b)),
        _ => (a / b, a % b),
    };
    let q = if r.checked_mul(2)? >= b { q + 1 } else { q };
    let q = i128::try_from(q).ok()?;
    if nm < 0 && q == 0 {
        return None;
    }
    Decimal::try_from_i128_with_scale(if nm < 0 { -q } else { q }, 2).ok()
}

/// Arithmetic overflowed `Decimal` (amounts far beyond any real facility).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

/// An exact sum of fractions, for a line's value before its single rounding.
///
/// Terms with the same denominator are added directly; different denominators are combined only
/// when the value is read, so `R × r / (1 + r)` and `value × months / 12` never lose digits
/// before the final division. Up to four distinct denominators are kept inline (no allocation);
/// beyond that the terms are combined by cross-multiplication.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Exact {
    terms: [(Decimal, Decimal); 4],
    len: usize,
}

impl Exact {
    /// Zero.
    #[must_use]
    pub fn zero() -> Self {
        Exact::default()
    }

    /// `num / den`; `den` must be positive.
    ///
    /// # Errors
    /// [`Overflow`] when `den` is not positive.
    pub fn frac(num: Decimal, den: Decimal) -> Result<Self, Overflow> {
        let mut e = Exact::zero();
        e.add_frac(num, den)?;
        Ok(e)
    }

    /// A whole decimal.
    #[must_use]
    pub fn of(d: Decimal) -> Self {
        let mut e = Exact::zero();
        e.terms[0] = (Decimal::ONE, d);
        e.len = 1;
        e
    }

    fn terms(&self) -> &[(Decimal, Decimal)] {
        &self.terms[..self.len]
    }

    /// Adds `num / den`.
    ///
    /// # Errors
    /// [`Overflow`] on overflow or a non-positive denominator.
    pub fn add_frac(&mut self, num: Decimal, den: Decimal) -> Result<(), Overflow> {
        if den <= Decimal::ZERO {
            return Err(Overflow);
        }
        // Same representation (bit for bit) is enough to share a term, and far cheaper than
        // Decimal's scale-aware equality; equal values written differently just take two terms.
        let key = den.serialize();
        if let Some(t) = self.terms[..self.len]
            .iter_mut()
            .find(|t| t.0.serialize() == key)
        {
            t.1 = t.1.checked_add(num).ok_or(Overflow)?;
            return Ok(());
        }
        if self.len == self.terms.len() {
            let (n, d) = self.combined()?;
            self.terms[0] = (d, n);
            self.len = 1;
            return self.add_frac(num, den);
        }
        self.terms[self.len] = (den, num);
        self.len += 1;
        Ok(())
    }

    /// Adds another exact sum.
    ///
    /// # Errors
    /// [`Overflow`].
    pub fn add(&mut self, other: &Exact) -> Result<(), Overflow> {
        for (den, num) in other.terms() {
            self.add_frac(*num, *den)?;
        }
        Ok(())
    }

    /// This sum multiplied by `factor`.
    ///
    /// # Errors
    /// [`Overflow`].
    pub fn times(&self, factor: Decimal) -> Result<Exact, Overflow> {
        let mut out = *self;
        for t in &mut out.terms[..out.len] {
            t.1 = t.1.checked_mul(factor).ok_or(Overflow)?;
        }
        Ok(out)
    }

    /// This sum divided by a positive `divisor` (kept exact).
    ///
    /// # Errors
    /// [`Overflow`], or a non-positive divisor.
    pub fn over(&self, divisor: Decimal) -> Result<Exact, Overflow> {
        if divisor <= Decimal::ZERO {
            return Err(Overflow);
        }
        let mut out = Exact::zero();
        for (den, num) in self.terms() {
            out.add_frac(*num, den.checked_mul(divisor).ok_or(Overflow)?)?;
        }
        Ok(out)
    }

    fn combined(&self) -> Result<(Decimal, Decimal), Overflow> {
        if self.len == 1 {
            // One term (the usual case): already `num / den`.
            let (den, num) = self.terms[0];
            return Ok((num, den));
        }
        let mut n = Decimal::ZERO;
        let mut d = Decimal::ONE;
        for (den, num) in self.terms() {
            if den.serialize() == d.serialize() {
                n = n.checked_add(*num).ok_or(Overflow)?;
            } else {
                let a = n.checked_mul(*den).ok_or(Overflow)?;
                let b = num.checked_mul(d).ok_or(Overflow)?;
                n = a.checked_add(b).ok_or(Overflow)?;
                d = d.checked_mul(*den).ok_or(Overflow)?;
            }
        }
        Ok((n, d))
    }

    /// The value, divided once (28 significant digits).
    ///
    /// # Errors
    /// [`Overflow`].
    pub fn value(&self) -> Result<Decimal, Overflow> {
        let (n, d) = self.combined()?;
        if d == Decimal::ONE {
            return Ok(n);
        }
        n.checked_div(d).ok_or(Overflow)
    }

    /// The value rounded once to 0.01, half away from zero.
    ///
    /// # Errors
    /// [`Overflow`].
    pub fn rounded(&self) -> Result<Decimal, Overflow> {
        let (n, d) = self.combined()?;
        if let Some(r) = round_fraction(n, d) {
            return Ok(r);
        }
        self.value().map(round_money)
    }

    /// The sign of the sum, exactly: `Less`, `Equal` or `Greater` than zero.
    ///
    /// # Errors
    /// [`Overflow`].
    pub fn sign(&self) -> Result<std::cmp::Ordering, Overflow> {
        Ok(self.combined()?.0.cmp(&Decimal::ZERO))
    }

    /// Whether the sum is below zero.
    ///
    /// # Errors
    /// [`Overflow`].
    pub fn is_negative(&self) -> Result<bool, Overflow> {
        Ok(self.combined()?.0 < Decimal::ZERO)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounding_is_half_away_from_zero_not_half_even() {
        assert_eq!(round_money(d("0.125")).to_string(), "0.13");
        assert_eq!(round_money(d("0.135")).to_string(), "0.14");
        assert_eq!(round_money(d("-0.125")).to_string(), "-0.13");
        assert_eq!(round_money(d("0.1249999")).to_string(), "0.12");
        assert_eq!(round_money(d("7")).to_string(), "7.00");
    }

    #[test]
    fn decimals_parse_as_json_writes_them() {
        assert_eq!(parse_decimal("1234.56"), Some(d("1234.56")));
        assert_eq!(parse_decimal("-0.5"), Some(d("-0.5")));
        assert_eq!(parse_decimal("1.5e3"), Some(d("1500")));
        for bad in [
            "", "-", "1.", ".5", "1,000", " 1", "1 ", "+1", "1e", "abc", "1e99999", "0x10", "1_000",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn json_numbers_are_read_from_their_text() {
        let v: Dec = serde_json::from_str("0.1").unwrap();
        assert_eq!(v.0.to_string(), "0.1");
        let v: Dec = serde_json::from_str("123456789012.345678").unwrap();
        assert_eq!(v.0.to_string(), "123456789012.345678");
        let v: Dec = serde_json::from_str("\"2.50\"").unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"2.50\"");
    }

    #[test]
    fn exact_sums_divide_once() {
        // 100 × 7 / 12 + 100 × 5 / 12 = 100 exactly, though each part is a repeating decimal.
        let mut e = Exact::frac(d("700"), d("12")).unwrap();
        e.add_frac(d("500"), d("12")).unwrap();
        assert_eq!(e.value().unwrap(), d("100"));
        // 1 / 3 + 2 / 3 across different denominators.
        let mut e = Exact::frac(d("1"), d("3")).unwrap();
        e.add(&Exact::frac(d("4"), d("6")).unwrap()).unwrap();
        assert_eq!(e.rounded().unwrap().to_string(), "1.00");
        // More distinct denominators than kept inline: still exact.
        let mut e = Exact::zero();
        for den in ["3", "7", "11", "13", "17", "19"] {
            e.add_frac(d(den), d(den)).unwrap();
        }
        assert_eq!(e.value().unwrap(), d("6"));
    }

    #[test]
    fn fractions_round_as_dividing_then_rounding_does() {
        for (n, den) in [
            ("700", "12"),
            ("1", "3"),
            ("-1", "3"),
            ("2", "3"),
            ("1.005", "1"),
            ("0.125", "1"),
            ("-0.125", "1"),
            ("1525680.47", "12"),
            ("3463401.62", "12.72"),
            ("825082.56", "1.03"),
            ("999999999999999.99", "12.36"),
            ("-0.004", "1"),
            ("0", "12"),
            ("123456789012345678.9", "7"),
        ] {
            let (n, den) = (d(n), d(den));
            let slow = round_money(n.checked_div(den).unwrap());
            if let Some(fast) = round_fraction(n, den) {
                assert_eq!(fast, slow, "{n} / {den}");
                assert_eq!(fast.to_string(), slow.to_string(), "{n} / {den}");
            }
            assert_eq!(Exact::frac(n, den).unwrap().rounded().unwrap(), slow);
        }
    }

    #[test]
    fn max_input_is_ten_to_the_fifteen() {
        assert_eq!(MAX_INPUT, d("1000000000000000"));
        for (x, over) in [
            ("1000000000000000", false),
            ("1000000000000000.000000", false),
            ("1000000000000000.01", true),
            ("-1000000000000000.01", true),
            ("1000000000000001", true),
            ("999999999999999.999999999", false),
            ("0.0000000000000000000000000001", false),
            ("79228162514264337593543950335", true),
            ("7.9228162514264337593543950335", false),
        ] {
            assert_eq!(exceeds_max_input(d(x)), over, "{x}");
            assert_eq!(d(x).abs() > MAX_INPUT, over, "{x}");
        }
    }
}
