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
    /// The request JSON of the statement (its inputs and link are printed).
    pub request: AttrValue,
    /// The input error, by its field's label, when the sheet is printed while an input needs
    /// fixing (blank: none): the sheet then says that its figures are those of the last valid
    /// input.
    #[prop_or_default]
    pub stale: AttrValue,
}

impl PartialEq for PrintSheetProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.statement, &other.statement)
            && self.lang == other.lang
            && self.request == other.request
            && self.stale == other.stale
    }
}

/// Today's date by the browser's clock, `YYYY-MM-DD`.
fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// The request's inputs for people, appended to `out` a line each (`label：value`, by calc-core's
/// labels and option texts; parameter overrides by the parameter's label).
pub fn inputs_text(v: &serde_json::Value, path: &str, lang: Lang, out: &mut String) {
    use serde_json::Value as V;
    let mut line = |label: &str, value: String| {
        out.push('\n');
        out.push_str(label);
        out.push_str(lang.t("：", ": "));
        out.push_str(&value);
    };
    match v {
        V::Object(m) if path == "parameters" => {
            for (k, x) in m {
                line(
                    super::line_row::param_label(k, lang).unwrap_or(k),
                    value_text(path, x, lang),
                );
            }
        }
        V::Object(m) => {
            // In the form's order (the request's keys are in alphabetical order); placed by
            // insertion, which costs the page less code than a sort.
            let mut parts: Vec<(usize, String, &V)> = Vec::new();
            for (k, x) in m.iter().filter(|(k, _)| !path.is_empty() || *k != "schema") {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                let rank = crate::form::form_rank(&p);
                parts.insert(parts.partition_point(|q| q.0 <= rank), (rank, p, x));
            }
            for (_, p, x) in parts {
                inputs_text(x, &p, lang, out);
            }
        }
        V::Array(a) if a.iter().any(V::is_object) => {
            for (i, x) in a.iter().enumerate() {
                inputs_text(x, &format!("{path}[{i}]"), lang, out);
            }
        }
        V::Null => {}
        _ => line(
            &calc_core::frontend::labels::field_label(path, lang),
            value_text(path, v, lang),
        ),
    }
}

/// `text` with its digits grouped (1,200,000.00) if it is an amount of more than four digits
/// before the point, as the page writes amounts (a year, 2026, or a date is left as it is).
/// Amounts are JSON strings in a request ("3000000"), sometimes numbers; read by the digits,
/// never as a float.
fn grouped_amount(text: &str) -> String {
    // group_digits leaves text that is not a plain decimal (a date) as it is.
    match text.trim_start_matches('-').split('.').next() {
        Some(int) if int.len() > 4 => group_digits(text),
        _ => text.to_string(),
    }
}

/// A value of the request at `path` for people: an option's text, 是/否, an amount grouped.
fn value_text(path: &str, v: &serde_json::Value, lang: Lang) -> String {
    use serde_json::Value as V;
    match v {
        V::String(s) => match calc_core::frontend::labels::option_text(path, s, lang) {
            Some(t) => t.to_string(),
            None => grouped_amount(s),
        },
        V::Bool(true) => lang.t("是", "yes").to_string(),
        V::Bool(false) => lang.t("否", "no").to_string(),
        // Amounts grouped as on the page (a year, 2026, is not); by the digits, not as a float.
        V::Number(n) => grouped_amount(&n.to_string()),
        V::Array(a) => a
            .iter()
            .map(|x| value_text(path, x, lang))
            .collect::<Vec<_>>()
            .join(lang.t("、", ", ")),
        _ => String::new(),
    }
}

/// The print-only explanation. [`super::statement::StatementView`] passes it a new statement
/// when typing pauses or the browser is about to print, not on every keystroke.
#[function_component(PrintSheet)]
pub fn print_sheet(props: &PrintSheetProps) -> Html {
    let lang = props.lang;
    let st = &props.statement;
    let request = serde_json::from_str::<serde_json::Value>(&props.request).unwrap_or_default();
    // The link of this request (the address bar is updated after the render).
    let link = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| {
            format!(
                "{}{}",
                h.split('#').next().unwrap_or_default(),
                crate::fragment::fragment_for(&props.request)
            )
        })
        .unwrap_or_default();
    html! {
        <article class="print-only" aria-hidden="true">
            <h1>{ lang.t("托育机构税费优惠计算说明", "Childcare preferences: statement of calculation") }</h1>
            if !props.stale.is_empty() {
                <p class="print-stale" id="print-stale"><strong>{ lang.t(
                    "注意：输入有误，以下金额是上一次有效输入的结果，与所列输入不符。",
                    "Note: an input needs fixing; the amounts below are the last valid input's, not the listed inputs'.") }</strong>
                    { " " }{ props.stale.to_string() }</p>
            }
            <p>{ format!("{} · {} {} · {} {}",
                st.facility_name.clone().unwrap_or_default(), lang.t("年度", "Year"), st.year,
                lang.t("享受月数", "eligible months"), st.eligible_months) }</p>
            // Date, data version and link, then the inputs: plain text lines (few nodes, a small page).
            <p class="small pre-line" id="print-meta">{ format!("{}{}\n{}{}\n{}",
                lang.t("计算日期：", "Computed on: "), today(),
                lang.t("参数数据版本：", "Parameter data version: "), calc_core::data_version::parameter_data_version(),
                lang.t("重新打开本案例的链接：", "Link that reopens this case: ")) }<span id="print-link">{ link }</span></p>
            // The link's QR code: index.html fills it from qr.js (src/bin/qr.rs) when the link
            // changes; the caption shows only beside a code.
            <figure class="print-qr"><div id="print-qr"></div>
                <figcaption class="small">{ lang.t("用手机扫码，重新打开本案例", "Scan with a phone to reopen this case") }</figcaption></figure>
            <p class="pre-line" id="print-inputs">{ {
                let mut text = lang.t("输入：", "Inputs:").to_string();
                inputs_text(&request, "", lang, &mut text);
                text
            } }</p>
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
                    <ol>{ for l.steps.iter().map(|s| html! { <li>{ super::line_row::group_in_text(&super::line_row::for_people(lang.t(&s.zh, &s.en), lang)) }</li> }) }</ol>
                    { for l.reasons.iter().map(|r| html! { <p>{ super::line_row::for_people(lang.t(&r.zh, &r.en), lang) }</p> }) }
                    { for l.notes.iter().chain(l.warnings.iter()).map(|n| html! { <p class="small">{ super::line_row::for_people(lang.t(&n.zh, &n.en), lang) }</p> }) }
                    if let Some(h) = &l.how_to_claim {
                        <p class="small">{ lang.t("如何享受：", "How to claim it: ") }{ lang.t(&h.zh, &h.en) }</p>
                    }
                    <p class="small">{ lang.t("依据：", "Basis: ") }{ l.basis.iter().map(|b| format!("{} {}", super::line_row::doc_title(&b.document, b.title_en.as_deref(), lang), super::line_row::article_text(&b.article, b.article_en.as_deref(), lang))).collect::<Vec<_>>().join(lang.t("；", "; ")) }</p>
                    <p class="small">{ lang.t("参数：", "Parameters: ") }{ l.parameters.iter().map(|p| format!("{} = {}{}", super::line_row::param_label(&p.id, lang).unwrap_or(&p.id),
                        super::line_row::value_text(&p.id, &p.value, lang),
                        if p.overridden { lang.t("（已覆盖）", " (overridden)") } else if p.confidence != calc_core::params::Confidence::Verified { lang.t("（未完全核实）", " (not verified)") } else { "" })).collect::<Vec<_>>().join(lang.t("；", "; ")) }</p>
                </section>
            }) }
            <p class="small">{ lang.t("本说明由浏览器中的 tuoyu 计算生成，仅供参考，以税务机关认定为准。", "Produced by tuoyu in the browser; an estimate, the tax authority decides.") }</p>
        </article>
    }
}
