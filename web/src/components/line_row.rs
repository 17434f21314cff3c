//! One statement line: label, status and amount, opening to its steps, basis and parameters.

use crate::i18n::{group_digits, Lang};
use calc_core::params::Confidence;
use calc_core::statement::{Beneficiary, Status};
use calc_core::Line;
use yew::prelude::*;

/// Properties of [`LineRow`].
#[derive(Properties, PartialEq, Clone)]
pub struct LineRowProps {
    /// The line.
    pub line: Line,
    /// Language (by props, so unchanged lines are not rendered again).
    pub lang: Lang,
}

/// The status in words.
#[must_use]
pub fn status_text(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Applies => lang.t("适用", "applies"),
        Status::NotApplicable => lang.t("不涉及", "not applicable"),
        Status::NotInForce => lang.t("不在执行期", "not in force"),
        Status::NotEligible => lang.t("不符合条件", "not eligible"),
        Status::MissingInput => lang.t("缺少数据", "missing input"),
    }
}

/// The confidence in words.
#[must_use]
pub fn confidence_text(c: Confidence, lang: Lang) -> &'static str {
    match c {
        Confidence::Verified => lang.t("已核实", "verified"),
        Confidence::Secondary => lang.t("二手来源", "secondary source"),
        Confidence::Unverified => lang.t("未核实", "unverified"),
    }
}

/// A parameter value for people.
#[must_use]
pub fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
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
    html! {
        <li class={classes!("line", format!("st-{}", l.status.as_str()))}
            data-line-id={l.id.clone()} data-status={l.status.as_str()} data-amount={l.amount.to_string()}>
            <details>
                <summary>
                    <span class="line-label">{ lang.t(&l.label_zh, &l.label_en) }
                        if landlord { <span class="tag">{ lang.t("出租方", "landlord") }</span> }
                        if flagged && l.status == Status::Applies {
                            <span class="flag" title={lang.t("含未核实或被覆盖的参数", "uses unverified or overridden figures")}>{"⚠"}</span>
                        }
                    </span>
                    <span class={classes!("status", l.status.as_str())}>{ status_text(l.status, lang) }</span>
                    <span class="line-amount">{ group_digits(&l.amount.to_string()) }</span>
                </summary>
                <div class="line-body">
                    if let Some(b) = l.base {
                        <p class="base">{ lang.t("计算基数：", "Base: ") }<span data-base={b.to_string()}>{ group_digits(&b.to_string()) }</span></p>
                    }
                    if !l.reasons.is_empty() {
                        <ul class="reasons">{ for l.reasons.iter().map(|r| html! {
                            <li>{ lang.t(&r.zh, &r.en) }
                                if let Some(b) = &r.basis { <span class="cite">{ format!(" — {} {}", b.document, b.article) }</span> }
                            </li>
                        }) }</ul>
                    }
                    if !l.steps.is_empty() {
                        <h3>{ lang.t("计算步骤", "Steps") }</h3>
                        <ol class="steps">{ for l.steps.iter().map(|s| html! { <li>{ lang.t(&s.zh, &s.en) }</li> }) }</ol>
                    }
                    { for l.warnings.iter().map(|w| html! { <p class="warn">{"⚠ "}{ lang.t(&w.zh, &w.en) }</p> }) }
                    { for l.notes.iter().map(|n| html! { <p class="note">{ lang.t(&n.zh, &n.en) }</p> }) }
                    if !l.basis.is_empty() {
                        <h3>{ lang.t("政策依据", "Legal basis") }</h3>
                        <ul class="basis">{ for l.basis.iter().map(|b| html! {
                            <li>{ format!("{} {}", b.document, b.article) }
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
                                        <td><code>{ &p.id }</code></td>
                                        <td>{ value_text(&p.value) }
                                            if p.overridden { <span class="tag warn-tag">{ lang.t("已覆盖", "overridden") }</span> }
                                            else if p.confidence != Confidence::Verified {
                                                <span class="tag warn-tag">{"⚠ "}{ confidence_text(p.confidence, lang) }</span>
                                            }
                                        </td>
                                        <td>{ match p.valid_to {
                                            Some(t) => format!("{} – {}", p.valid_from, t),
                                            None => format!("{} {}", p.valid_from, lang.t("起", "onwards")),
                                        } }</td>
                                        <td>{ format!("{} {}", p.source.document, p.source.article) }</td>
                                    </tr>
                                }
                            }) }</tbody>
                        </table></div>
                    }
                </div>
            </details>
        </li>
    }
}
