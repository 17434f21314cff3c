//! The printed 计算说明: every line with its steps and basis, on paper only.

use super::line_row::status_text;
use crate::i18n::{group_digits, Lang};
use calc_core::statement::Status;
use calc_core::Statement;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`PrintSheet`]: by props, the statement compared by pointer, so a render that
/// keeps the statement (a keystroke while the input has an error) does not build the sheet again.
#[derive(Properties, Clone)]
pub struct PrintSheetProps {
    /// The statement (compared by pointer: a new statement is a new `Rc`).
    pub statement: Rc<Statement>,
    /// Language.
    pub lang: Lang,
}

impl PartialEq for PrintSheetProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.statement, &other.statement) && self.lang == other.lang
    }
}

/// The print-only explanation.
#[function_component(PrintSheet)]
pub fn print_sheet(props: &PrintSheetProps) -> Html {
    let lang = props.lang;
    let st = &props.statement;
    html! {
        <article class="print-only" aria-hidden="true">
            <h1>{ lang.t("托育机构税费优惠计算说明", "Childcare preferences: statement of calculation") }</h1>
            <p>{ format!("{} · {} {} · {} {}",
                st.facility_name.clone().unwrap_or_default(), lang.t("年度", "Year"), st.year,
                lang.t("享受月数", "eligible months"), st.eligible_months) }</p>
            <table class="print-table">
                <thead><tr><th>{ lang.t("项目", "Line") }</th><th>{ lang.t("状态", "Status") }</th><th>{ lang.t("金额（元）", "Amount (yuan)") }</th></tr></thead>
                <tbody>
                    { for st.lines.iter().map(|l| html! {
                        <tr><td>{ lang.t(&l.label_zh, &l.label_en) }</td><td>{ status_text(l.status, lang) }</td>
                            <td class="num">{ group_digits(&l.amount.to_string()) }</td></tr>
                    }) }
                    <tr class="sum"><td>{ lang.t("合计（机构）", "Total (facility)") }</td><td></td><td class="num">{ group_digits(&st.total.to_string()) }</td></tr>
                    <tr class="sum"><td>{ lang.t("合计（出租方）", "Total (landlord)") }</td><td></td><td class="num">{ group_digits(&st.total_landlord.to_string()) }</td></tr>
                </tbody>
            </table>
            { for st.lines.iter().filter(|l| l.status != Status::NotApplicable).map(|l| html! {
                <section class="print-line">
                    <h2>{ format!("{} — {} {}", lang.t(&l.label_zh, &l.label_en), status_text(l.status, lang), group_digits(&l.amount.to_string())) }</h2>
                    <ol>{ for l.steps.iter().map(|s| html! { <li>{ super::line_row::for_people(lang.t(&s.zh, &s.en), lang) }</li> }) }</ol>
                    { for l.reasons.iter().map(|r| html! { <p>{ super::line_row::for_people(lang.t(&r.zh, &r.en), lang) }</p> }) }
                    { for l.notes.iter().chain(l.warnings.iter()).map(|n| html! { <p class="small">{ super::line_row::for_people(lang.t(&n.zh, &n.en), lang) }</p> }) }
                    <p class="small">{ lang.t("依据：", "Basis: ") }{ l.basis.iter().map(|b| format!("{} {}", super::line_row::doc_title(&b.document, b.title_en.as_deref(), lang), super::line_row::article_text(&b.article, b.article_en.as_deref(), lang))).collect::<Vec<_>>().join(lang.t("；", "; ")) }</p>
                    <p class="small">{ lang.t("参数：", "Parameters: ") }{ l.parameters.iter().map(|p| format!("{} = {}{}", p.id,
                        super::line_row::value_text(&p.value),
                        if p.overridden { lang.t("（已覆盖）", " (overridden)") } else if p.confidence != calc_core::params::Confidence::Verified { lang.t("（未完全核实）", " (not verified)") } else { "" })).collect::<Vec<_>>().join("；") }</p>
                </section>
            }) }
            <p class="small">{ lang.t("本说明由浏览器中的 tuoyu 计算生成，仅供参考，以税务机关认定为准。", "Produced by tuoyu in the browser; an estimate, the tax authority decides.") }</p>
        </article>
    }
}
