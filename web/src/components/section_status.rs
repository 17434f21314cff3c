//! A request section with no result for the year (`sections_not_in_force` of the statement):
//! its reason, in place of the figures.

use crate::i18n::Lang;
use calc_core::Statement;
use yew::prelude::*;

/// The notice for `section` when the statement lists it as not in force, else nothing.
#[must_use]
pub fn not_in_force_html(statement: Option<&Statement>, section: &str, lang: Lang) -> Option<Html> {
    let s = statement?
        .sections_not_in_force
        .iter()
        .find(|s| s.section == section)?;
    Some(html! {
        <div class="banner notice" role="status" data-section-status={s.status.as_str()} data-section={section.to_string()}>
            <strong>{ lang.t("本年度不计算此部分", "Not computed for this year") }</strong>
            { for s.reasons.iter().map(|r| html! { <p>{ lang.t(&r.zh, &r.en) }</p> }) }
        </div>
    })
}
