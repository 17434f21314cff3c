//! The calendar of a year: month bounds (tabulated once), month counts and labels.

use chrono::NaiveDate;

/// The years whose month bounds are tabulated (the years a request may name).
pub(super) const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The first and last day of every month of every year in [`YEARS`], computed once.
fn month_table() -> &'static [[(NaiveDate, NaiveDate); 12]] {
    static TABLE: std::sync::OnceLock<Vec<[(NaiveDate, NaiveDate); 12]>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        YEARS
            .map(|y| std::array::from_fn(|m| (compute_month_start(y, m), compute_month_end(y, m))))
            .collect()
    })
}

fn month_bounds(year: i32, m: usize) -> Option<(NaiveDate, NaiveDate)> {
    let i = usize::try_from(year.checked_sub(*YEARS.start())?).ok()?;
    month_table().get(i)?.get(m).copied()
}

pub(crate) fn month_start(year: i32, m: usize) -> NaiveDate {
    month_bounds(year, m).map_or_else(|| compute_month_start(year, m), |b| b.0)
}

pub(crate) fn month_end(year: i32, m: usize) -> NaiveDate {
    month_bounds(year, m).map_or_else(|| compute_month_end(year, m), |b| b.1)
}

fn compute_month_start(year: i32, m: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, m as u32 + 1, 1).unwrap_or(NaiveDate::MIN)
}

fn compute_month_end(year: i32, m: usize) -> NaiveDate {
    let next = if m == 11 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, m as u32 + 2, 1)
    };
    next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MIN)
}
/// Months as a count.
pub(crate) fn count(months: &[bool; 12]) -> u32 {
    months.iter().filter(|m| **m).count() as u32
}

/// A short description of the months counted, e.g. `6–12月` / `Jun–Dec`.
pub(crate) fn months_label(months: &[bool; 12]) -> (String, String) {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut zh = Vec::new();
    let mut en = Vec::new();
    let mut m = 0;
    while m < 12 {
        if months[m] {
            let s = m;
            while m + 1 < 12 && months[m + 1] {
                m += 1;
            }
            if s == m {
                zh.push(format!("{}月", s + 1));
                en.push(EN[s].to_string());
            } else {
                zh.push(format!("{}—{}月", s + 1, m + 1));
                en.push(format!("{}–{}", EN[s], EN[m]));
            }
        }
        m += 1;
    }
    if zh.is_empty() {
        return ("无".into(), "none".into());
    }
    (zh.join("、"), en.join(", "))
}
