//! Amounts entered month by month: the month paths, an annual amount spread evenly over 12
//! months and the months' sum.

use super::*;

/// The request path of month `m` (0–11) of a monthly amount.
#[must_use]
pub fn month_path(amount: &str, m: usize) -> String {
    format!("{amount}[{m}]")
}

/// `annual` spread over 12 months exactly: eleven equal months cut to the cent (or to the
/// decimals of `annual`, if it has more) and December with the remainder; `None` if the
/// arithmetic does not fit.
#[must_use]
pub fn spread(annual: Decimal) -> Option<[Decimal; 12]> {
    let mut m = annual.mantissa();
    let mut scale = annual.scale();
    while scale < 2 {
        m = m.checked_mul(10)?;
        scale += 1;
    }
    let q = m / 12; // towards zero
    let last = m.checked_sub(q.checked_mul(11)?)?;
    let mut out = [Decimal::try_from_i128_with_scale(q, scale).ok()?; 12];
    out[11] = Decimal::try_from_i128_with_scale(last, scale).ok()?;
    Some(out)
}

/// The sum of the months that can be read (blank and unreadable ones add nothing).
#[must_use]
pub fn month_sum<'a>(months: impl Iterator<Item = &'a str>) -> Option<Decimal> {
    months
        .filter_map(|m| parse_amount(m).ok())
        .try_fold(Decimal::ZERO, |acc, x| acc.checked_add(x))
}

/// `d` as typed in a box: without trailing zeros after the point (`100000.00` → `100000`).
#[must_use]
pub fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}
