//! 政策依据: the parameters in force on a chosen date, with windows, citations and confidence,
//! and the legal windows on a timeline.

use super::line_row::{confidence_text, value_text};
use super::timeline::Timeline;
use super::use_app;
use calc_core::params::Confidence;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The policy page.
#[function_component(Policy)]
pub fn policy() -> Html {
    let state = use_app();
    let lang = state.lang;
    let default_date = format!(
        "{}-06-30",
        state
            .form
            .get("year")
            .parse::<i32>()
            .unwrap_or_else(|_| crate::platform::this_year())
    );
    let date = use_state(|| default_date);
    let parsed = chrono_date(&date);
    let list = use_memo(parsed, |d| {
        d.map(calc_core::params::in_force).unwrap_or_default()
    });
    let oninput = {
        let date = date.clone();
        Callback::from(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            date.set(el.value());
        })
    };
    html! {
        <section class="policy">
            <h2>{ lang.t("政策依据", "Policy basis") }</h2>
            <p class="hint">{ lang.t(
                "社区托育服务税费优惠的两个执行期，以及所选日期有效的全部参数：取值、有效期、出处和核实程度。⚠ 表示尚未对照原文核实。",
                "The two windows of the community childcare preferences, and every parameter in force on the chosen date: value, window, source and how far it is verified. ⚠ marks figures not yet checked against the text.") }</p>
            <Timeline date={parsed} />
            <div class="field inline">
                <label for="policy-date">{ lang.t("查询日期", "Date") }</label>
                <input type="date" id="policy-date" name="policy-date" value={(*date).clone()} {oninput} />
            </div>
            if parsed.is_none() {
                <p class="err" role="alert">{ lang.t("请输入有效日期（YYYY-MM-DD）。", "Enter a valid date (YYYY-MM-DD).") }</p>
            }
            <p class="small" id="policy-count" data-count={list.len().to_string()}>{ format!("{} {}", list.len(), lang.t("项参数有效", "parameters in force")) }</p>
            <div class="table-wrap"><table class="params policy-table">
                <thead><tr>
                    <th>{ lang.t("参数", "Parameter") }</th><th>{ lang.t("取值", "Value") }</th>
                    <th>{ lang.t("有效期", "Window") }</th><th>{ lang.t("出处", "Source") }</th><th>{ lang.t("核实程度", "Confidence") }</th>
                </tr></thead>
                <tbody>{ for list.iter().map(|p| {
                    let weak = p.confidence != Confidence::Verified;
                    html! {
                        <tr data-param={p.id.clone()} data-confidence={p.confidence.as_str()} class={classes!(weak.then_some("unverified"))}>
                            <td><div>{ lang.t(&p.label_zh, &p.label_en) }</div><code class="small">{ &p.id }</code></td>
                            <td>{ value_text(&p.id, &p.value, lang) }</td>
                            <td>{ match p.valid_to { Some(t) => format!("{} – {}", p.valid_from, t), None => format!("{} {}", p.valid_from, lang.t("起", "onwards")) } }</td>
                            <td>{ format!("{} {}", super::line_row::doc_title(&p.source.document, p.source.title_en.as_deref(), lang), super::line_row::article_text(&p.source.article, p.source.article_en.as_deref(), lang)) }
                                if let Some(d) = &p.source.published { <span class="small">{ format!(" ({d})") }</span> }
                                if let Some(u) = &p.source.url { <div class="small url"><a href={u.clone()}>{ u }</a></div> }
                            </td>
                            <td>if weak { {"⚠ "} }{ confidence_text(p.confidence, lang) }</td>
                        </tr>
                    }
                }) }</tbody>
            </table></div>
        </section>
    }
}

/// A `YYYY-MM-DD` date (what a date box gives).
fn chrono_date(s: &str) -> Option<chrono::NaiveDate> {
    let mut parts = s.splitn(3, '-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    chrono::NaiveDate::from_ymd_opt(y, m, d)
}
