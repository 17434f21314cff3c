//! Formatting for the explanation text: numbers, amounts, rates and article numbers.

use crate::money::round_money;
use rust_decimal::Decimal;

/// Formats a decimal for the steps: trailing zeros removed.
pub(crate) fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Formats a rounded amount with two decimals.
pub(crate) fn yuan(d: Decimal) -> String {
    round_money(d).to_string()
}

/// Formats a rate as a percentage: 0.06 → `6%`.
///
/// Never panics: a rate too large to multiply by 100 (an extreme override) is written `d × 100%`.
pub(crate) fn pct(d: Decimal) -> String {
    match d.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", p.normalize()),
        None => format!("{} × 100%", d.normalize()),
    }
}

/// An article number of the community announcements in English: `一（一）` → `art. 1(1)`,
/// `二` → `art. 2` (`None` for a form it does not know).
pub(crate) fn article_en(article: &str) -> Option<String> {
    let (number, item) = match article.split_once('（') {
        Some((a, rest)) => (a, Some(rest.strip_suffix('）')?)),
        None => (article, None),
    };
    let number = chinese_number(number)?;
    Some(match item {
        Some(item) => format!("art. {number}({})", chinese_number(item)?),
        None => format!("art. {number}"),
    })
}

/// A Chinese numeral from 一 to 九十九.
fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as u32 + 1)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] => digit(*d).or((*d == '十').then_some(10)),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// A community article as cited in a basis: `一（一）` → `第一条第（一）项`; `二` → `第二条` (the
/// English is [`article_en`]).
pub(super) fn article_label(article: &str) -> String {
    match article.split_once('（') {
        Some((a, item)) => format!("第{a}条第（{item}项"),
        None => format!("第{article}条"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn community_article_numbers_read_in_english() {
        use super::article_en;
        assert_eq!(article_en("一（一）").as_deref(), Some("art. 1(1)"));
        assert_eq!(article_en("一（四）").as_deref(), Some("art. 1(4)"));
        assert_eq!(article_en("二").as_deref(), Some("art. 2"));
        assert_eq!(article_en("三").as_deref(), Some("art. 3"));
        assert_eq!(article_en("十五（二十一）").as_deref(), Some("art. 15(21)"));
        assert_eq!(article_en("二十").as_deref(), Some("art. 20"));
        assert_eq!(article_en("第二条"), None);
        assert_eq!(article_en("一（一"), None);
        assert_eq!(article_en(""), None);
    }
}
