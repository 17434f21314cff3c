//! One statement line: label, status and amount, opening to its steps, basis and parameters.

use crate::i18n::{group_digits, Lang};
use calc_core::params::Confidence;
use calc_core::statement::{Beneficiary, Status};
use calc_core::Line;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`LineRow`].
#[derive(Properties, Clone)]
pub struct LineRowProps {
    /// The line, shared: [`super::statement::StatementView`] keeps the `Rc` of a line that did
    /// not change, so the props compare by pointer and the row is not rendered again.
    pub line: Rc<Line>,
    /// Language (by props, so unchanged lines are not rendered again).
    pub lang: Lang,
}

impl PartialEq for LineRowProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.line, &other.line) && self.lang == other.lang
    }
}

/// The status in words.
#[must_use]
pub fn status_text(s: Status, lang: Lang) -> &'static str {
    calc_core::frontend::labels::status_text(s, lang)
}

/// The confidence in words.
#[must_use]
pub fn confidence_text(c: Confidence, lang: Lang) -> &'static str {
    match c {
        Confidence::Verified => lang.t("已核实", "verified"),
        Confidence::Secondary => lang.t("二手来源", "secondary source"),
        Confidence::Unverified => lang.t("未核实", "unverified"),
        // A statement of a later version: the name it wrote.
        other => other.as_str(),
    }
}

/// The value of parameter `id` for people, with its unit, in `lang` (calc-core's
/// [`calc_core::frontend::labels::param_value_text`]: `0.05` → `5%`, `false` → `否`).
#[must_use]
pub fn value_text(id: &str, v: &serde_json::Value, lang: Lang) -> String {
    calc_core::frontend::labels::param_value_text(id, v, lang)
}

/// Why a line that applies is worth 0.00: calc-core's reason ([`calc_core::frontend::claiming::zero_reason`],
/// a note of the line, e.g. 小规模纳税人 under the monthly threshold: "……本来就免征增值税，这些月份按0计").
#[must_use]
pub fn zero_reason(l: &Line) -> Option<&calc_core::statement::Text> {
    calc_core::frontend::claiming::zero_reason(l)
}

/// Digits of a step grouped as amounts are (`1200000 × 6%` → `1,200,000 × 6%`): runs of five or
/// more digits outside decimals and identifiers; years and dates keep their form.
#[must_use]
pub fn group_in_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            let prev = start.checked_sub(1).map(|p| chars[p]);
            let inside = prev.is_some_and(|p| {
                p == '.'
                    || p == '_'
                    || p == '-' && start >= 2 && chars[start - 2].is_ascii_digit()
                    || p.is_ascii_alphabetic()
            });
            if run.len() >= 5 && !inside {
                out.push_str(&group_digits(&run));
            } else {
                out.push_str(&run);
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// A parameter's label in `lang`, if calc-core's parameter data has it.
#[must_use]
pub fn param_label(id: &str, lang: Lang) -> Option<&'static str> {
    calc_core::params::all_series()
        .iter()
        .find(|s| s.id.as_str() == id)
        .map(|s| lang.t(s.label_zh.as_str(), s.label_en.as_str()))
}

/// A document's title in `lang`: the English title where the parameter data has one.
#[must_use]
pub fn doc_title<'a>(document: &'a str, title_en: Option<&'a str>, lang: Lang) -> &'a str {
    match (lang, title_en) {
        (Lang::En, Some(t)) => t,
        _ => document,
    }
}

/// An article in `lang`: its English rendering where calc-core has one (`article_en`; this
/// program's words, not an official translation), else the Chinese.
#[must_use]
pub fn article_text<'a>(article: &'a str, article_en: Option<&'a str>, lang: Lang) -> &'a str {
    doc_title(article, article_en, lang)
}

/// A text of calc-core (step, note, reason, warning) for people: request paths in it replaced by
/// the fields' labels ([`calc_core::frontend::labels::with_labels`]), starting with a capital letter.
#[must_use]
pub fn for_people(text: &str, lang: Lang) -> String {
    super::statement::capitalised(&calc_core::frontend::labels::with_labels(text, lang))
}

/// A note of a line; one that starts with a field's label (calc-core's "社区托育服务收入（3周岁及
/// 以下）应只包含……") has that label as a link to the field.
pub fn note_html(text: &str, lang: Lang) -> Html {
    match calc_core::frontend::labels::leading_field(text) {
        Some((path, rest)) => {
            let label = &text[..text.len() - rest.len()];
            html! {
                <p class="note" data-field={path}>
                    <button type="button" class="link go-fill" onclick={Callback::from(move |_| super::statement::focus_field(path))}>
                        { label }</button>{ for_people(rest, lang) }</p>
            }
        }
        None => html! { <p class="note">{ for_people(text, lang) }</p> },
    }
}

/// A citation for people: the document's title in `lang` and the article, a link to its text
/// where there is one.
pub fn cite_html(c: &calc_core::params::Citation, lang: Lang) -> Html {
    let text = format!(
        "{} {}",
        doc_title(&c.document, c.title_en.as_deref(), lang),
        article_text(&c.article, c.article_en.as_deref(), lang)
    );
    match &c.url {
        Some(u) if u.starts_with("https://") || u.starts_with("http://") => html! {
            <a href={u.clone()}>{ text }</a>
        },
        _ => html! { { text } },
    }
}

/// A reason for people: a missing input names the field by its label, with a link to it.
fn reason_html(r: &calc_core::statement::Reason, lang: Lang) -> Html {
    let text = lang.t(&r.zh, &r.en);
    let cite = r.basis.as_ref().map(|b| {
        format!(
            " — {} {}",
            doc_title(&b.document, b.title_en.as_deref(), lang),
            article_text(&b.article, b.article_en.as_deref(), lang)
        )
    });
    match calc_core::frontend::labels::missing_input_path(text) {
        Some(path) => {
            let p = path.to_string();
            html! {
                <li data-missing={p.clone()}>{ lang.t("缺少输入：", "Missing input: ") }
                    { calc_core::frontend::labels::field_label(path, lang) }{" "}
                    <button type="button" class="link go-fill" onclick={Callback::from(move |_| super::statement::focus_field(&p))}>
                        { lang.t("去填写", "Go to the field") }</button>
                    if let Some(c) = cite { <span class="cite">{ c }</span> }
                </li>
            }
        }
        None => html! {
            <li>{ for_people(text, lang) } if let Some(c) = cite { <span class="cite">{ c }</span> }</li>
        },
    }
}

/// A statement line.
#[function_component(LineRow)]
pub fn line_row(props: &LineRowProps) -> Html {
    let lang = props.lang;
    let l = &props.line;
    let flagged = l
        .parameters
        .iter()
        .any(|p| p.overridden || p.confidence != Confidence::Verified);
    let landlord = l.beneficiary == Beneficiary::Landlord;
    // Only a figure that counts is marked as assumed (a zero line is not).
    let scenario = l.status == Status::Applies && super::law::line_is_scenario(l);
    // The body (steps, basis, parameters) is built only while the line is open: a statement
    // of 18 closed lines is then 18 summaries, which is what the first result and each keystroke
    // have to render.
    let open = use_state_eq(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(
                e.target_unchecked_into::<web_sys::Element>()
                    .has_attribute("open"),
            );
        })
    };
    html! {
        <li class={classes!("line", format!("st-{}", l.status.as_str()))}
            data-line-id={l.id.as_str()} data-status={l.status.as_str()} data-amount={l.amount.to_string()}
            data-base={l.base.map(|b| b.to_string())}
            data-overridden={l.parameters.iter().any(|p| p.overridden).then_some("true")}>
            <details {ontoggle}>
                <summary>
                    <span class="line-label">{ lang.t(&l.label_zh, &l.label_en) }
                        if landlord { <span class="tag">{ lang.t("出租方", "landlord") }</span> }
                        if scenario { <span class="tag scenario-tag">{ lang.t("情景", "scenario") }</span> }
                        if flagged && l.status == Status::Applies {
                            <span class="flag" title={lang.t("含未核实或被覆盖的参数", "uses unverified or overridden figures")}>{"⚠"}</span>
                        }
                        if let Some(z) = zero_reason(l) {
                            <span class="zero-reason">{ lang.t(&z.zh, &z.en) }</span>
                        }
                    </span>
                    <span class={classes!("status", l.status.as_str())}>{ status_text(l.status, lang) }</span>
                    // A line that does not apply has no amount to show (a 0.00 would read as "no saving").
                    <span class="line-amount">{ if l.status == Status::Applies { group_digits(&l.amount.to_string()) } else { "—".to_string() } }</span>
                </summary>
                if *open {
                <div class="line-body">
                    if let Some(b) = l.base {
                        <p class="base">{ lang.t("计算基数：", "Base: ") }<span>{ group_digits(&b.to_string()) }</span></p>
                    }
                    if !l.reasons.is_empty() {
                        <ul class="reasons">{ for l.reasons.iter().map(|r| reason_html(r, lang)) }</ul>
                    }
                    if !l.steps.is_empty() {
                        <h3>{ lang.t("计算步骤", "Steps") }</h3>
                        <ol class="steps">{ for l.steps.iter().map(|s| html! { <li>{ group_in_text(&for_people(lang.t(&s.zh, &s.en), lang)) }</li> }) }</ol>
                    }
                    { for l.warnings.iter().map(|w| html! { <p class="warn">{"⚠ "}{ for_people(lang.t(&w.zh, &w.en), lang) }</p> }) }
                    { for l.notes.iter().map(|n| note_html(lang.t(&n.zh, &n.en), lang)) }
                    if let Some(h) = &l.how_to_claim {
                        <h3>{ lang.t("如何享受", "How to claim it") }</h3>
                        <p class="how-to-claim">{ lang.t(&h.zh, &h.en) }<br />
                            <span class="small">{ lang.t("出处：", "Source: ") }{ cite_html(&h.source, lang) }</span></p>
                    }
                    if !l.basis.is_empty() {
                        <h3>{ lang.t("政策依据", "Legal basis") }</h3>
                        <ul class="basis">{ for l.basis.iter().map(|b| html! {
                            <li>{ format!("{} {}", doc_title(&b.document, b.title_en.as_deref(), lang), article_text(&b.article, b.article_en.as_deref(), lang)) }
                                if let Some(w) = &b.window {
                                    <span class="window">{ format!(" ({})", match w.to {
                                        Some(t) => format!("{} – {}", w.from, t),
                                        None => format!("{} {}", w.from, lang.t("起", "onwards")),
                                    }) }</span>
                                }
                            </li>
                        }) }</ul>
                    }
                    if !l.parameters.is_empty() {
                        <h3>{ lang.t("所用参数", "Parameters used") }</h3>
                        <div class="table-wrap"><table class="params">
                            <thead><tr>
                                <th>{ lang.t("参数", "Parameter") }</th><th>{ lang.t("取值", "Value") }</th>
                                <th>{ lang.t("有效期", "Window") }</th><th>{ lang.t("来源", "Source") }</th>
                            </tr></thead>
                            <tbody>{ for l.parameters.iter().map(|p| {
                                let mark = p.overridden || p.confidence != Confidence::Verified;
                                html! {
                                    <tr class={classes!(mark.then_some("unverified"))} data-param={p.id.clone()}
                                        data-confidence={p.confidence.as_str()} data-overridden={p.overridden.to_string()}>
                                        <td title={p.id.clone()}>{ param_label(&p.id, lang).map_or_else(|| html! { <code>{ &p.id }</code> }, |t| html! { { t } }) }</td>
                                        <td>{ value_text(&p.id, &p.value, lang) }
                                            if p.overridden { <span class="tag warn-tag">{ lang.t("已覆盖", "overridden") }</span> }
                                            else if p.confidence != Confidence::Verified {
                                                <span class="tag warn-tag">{"⚠ "}{ confidence_text(p.confidence, lang) }</span>
                                            }
                                        </td>
                                        <td>{ match p.valid_to {
                                            Some(t) => format!("{} – {}", p.valid_from, t),
                                            None => format!("{} {}", p.valid_from, lang.t("起", "onwards")),
                                        } }</td>
                                        <td>{ cite_html(&p.source, lang) }</td>
                                    </tr>
                                }
                            }) }</tbody>
                        </table></div>
                    }
                </div>
                }
            </details>
        </li>
    }
}
