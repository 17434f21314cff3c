//! The last year of the published preferences against the year after, with and without the
//! "if extended" scenario (SPEC §12.3): the facility of the estimate page assessed by calc-core
//! three times, only the year and the scenario changed.

use super::law::community_end;
use crate::i18n::{group_digits, Lang};
use calc_core::request::Scenario;
use calc_core::statement::Status;
use calc_core::{LineId, Request};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::fmt::Write;
use yew::prelude::*;

/// What a column shows of calc-core's statement: the total, the VAT exemption's amount and
/// status, the eligible months.
pub type Figures = (Decimal, Option<(Decimal, Status)>, u32);

/// One column of the comparison: its year, whether it assumes the extension, and the figures
/// (`None`: the request cannot be assessed for that year).
pub type Case = (i32, bool, Option<Figures>);

/// The three assessments of the comparison for the request `base` (its 家长实付 family left
/// out: it is not the facility's saving, and a child born in the later year would be an error in
/// the earlier one).
#[must_use]
pub fn cases(base: &Request) -> Vec<Case> {
    let Some(last) = community_end().map(|d| d.year()) else {
        return Vec::new();
    };
    [(last, false), (last + 1, false), (last + 1, true)]
        .into_iter()
        .map(|(y, s)| {
            let mut r = base.clone();
            r.year = y;
            r.household = None;
            r.scenario = NaiveDate::from_ymd_opt(y, 12, 31)
                .filter(|_| s)
                .map(|d| Scenario {
                    extend_community_to: d,
                });
            let f = calc_core::assess(&r).ok().map(|st| {
                (
                    st.total.0,
                    st.line(LineId::VatExemption)
                        .map(|l| (l.amount.0, l.status)),
                    st.eligible_months,
                )
            });
            (y, s, f)
        })
        .collect()
}

/// The comparison of `cases`, written as HTML text (one string, not a tree of elements built
/// by code: the page stays small).
pub fn year_compare(cases: &[Case], lang: Lang) -> Html {
    if cases.is_empty() {
        return Html::default();
    }
    let money = |d: &Decimal| format!("¥{}", group_digits(&d.to_string()));
    let mut h = format!(
        "<section class=\"year-compare\" id=\"year-compare\" aria-labelledby=\"year-compare-title\"><h2 id=\"year-compare-title\">{}</h2><p class=\"hint\">{}</p><div class=\"table-wrap\"><table class=\"compare\"><thead><tr><th scope=\"col\">{}</th>",
        lang.t("优惠到期前后对比", "Before and after the preferences end"),
        lang.t(
            "同一机构只改变年度（及是否假设政策延续），每一列都由计算库重新测算。标“情景”的列假设优惠延续，尚未公布。",
            "The same facility with only the year (and the extension assumption) changed; each column is assessed again by the library. The column marked “scenario” assumes an extension not yet published."),
        lang.t("年度", "Year"),
    );
    for (y, s, _) in cases {
        let _ = if *s {
            write!(
                h,
                "<th scope=\"col\" class=\"scenario\">{y} <span class=\"tag scenario-tag\">{}</span></th>",
                lang.t("若政策延续 · 情景", "if extended · scenario")
            )
        } else {
            write!(h, "<th scope=\"col\">{y}</th>")
        };
    }
    h.push_str("</tr></thead><tbody>");
    let rows = [
        ("total", lang.t("机构优惠合计", "Total saving")),
        ("vat", lang.t("增值税免征", "VAT exemption")),
        ("months", lang.t("享受月数", "Eligible months")),
    ];
    for (class, label) in rows {
        let _ = write!(h, "<tr class=\"{class}\"><th scope=\"row\">{label}</th>");
        for (y, s, f) in cases {
            let (value, text) = match (class, f) {
                ("total", Some((t, _, _))) => (t.to_string(), money(t)),
                ("vat", Some((_, Some((a, st)), _))) => (
                    a.to_string(),
                    format!("{} · {}", money(a), super::line_row::status_text(*st, lang)),
                ),
                ("months", Some((_, _, m))) => (m.to_string(), m.to_string()),
                _ => (String::new(), "—".to_string()),
            };
            let _ = write!(
                h,
                "<td class=\"num{}\" data-year=\"{y}\" data-scenario=\"{s}\" data-value=\"{value}\">{text}</td>",
                if *s { " scenario" } else { "" },
            );
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table></div></section>");
    Html::from_html_unchecked(AttrValue::from(h))
}
