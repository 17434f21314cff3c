//! The statement: totals, a bar chart of savings by line, every line with its explanation,
//! exports, and the printable 计算说明.

use super::bar_chart::BarChart;
use super::exports::Exports;
use super::line_row::LineRow;
use super::print_sheet::PrintSheet;
use super::use_app;
use crate::i18n::{group_digits, Lang};
use calc_core::statement::Status;
use calc_core::{Line, Statement};
use std::rc::Rc;
use yew::prelude::*;

/// The chart's bars: the lines that save something, largest first.
#[must_use]
pub fn bars(st: &Statement, lang: Lang) -> Vec<(String, String, f64, bool)> {
    let mut v: Vec<(String, String, f64, bool)> = st
        .lines
        .iter()
        .filter(|l| l.status == Status::Applies)
        .filter_map(|l| {
            let x = crate::num::dec_to_f64(l.amount.0);
            let mut label = short_label(lang.t(&l.label_zh, &l.label_en));
            let landlord = l.beneficiary == calc_core::statement::Beneficiary::Landlord;
            if landlord {
                label.push_str(lang.t("（出租方受益）", " (landlord)"));
            }
            (x > 0.0).then(|| (label, l.amount.to_string(), x, landlord))
        })
        .collect();
    crate::num::sort_by(&mut v, |a, b| b.2.total_cmp(&a.2).is_lt());
    v
}

/// A label without its parenthesised detail, for the chart.
#[must_use]
pub fn short_label(label: &str) -> String {
    let cut = label.find(['（', '(', '：', ':']).unwrap_or(label.len());
    let head = label[..cut].trim();
    // "企业所得税：收入减按90%计入" → the part after the colon says more than the tax's name.
    let head = if cut < label.len() && label[cut..].starts_with(['：', ':']) {
        label[cut..].trim_start_matches(['：', ':']).trim()
    } else {
        head
    };
    // "CIT: revenue counted at 90%" → "Revenue counted at 90%": a chart label starts with a capital.
    let head = &capitalised(head);
    let chars: Vec<char> = head.chars().collect();
    // The chart's row has room for about 28 Chinese characters, or twice as many Latin ones.
    let room = if head.is_ascii() { 56 } else { 28 };
    if chars.len() > room {
        format!("{}…", chars[..room - 1].iter().collect::<String>())
    } else {
        head.to_string()
    }
}

/// `s` with its first letter in upper case (Chinese text is unchanged).
#[must_use]
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_ascii_lowercase() => f.to_ascii_uppercase().to_string() + c.as_str(),
        _ => s.to_string(),
    }
}

/// The statement's parameter warnings as one sentence for people, folding the list of the
/// parameters concerned (by label, the id as a tooltip, with the value, how far it is checked and
/// the source in `lang`).
fn warnings_html(st: &Statement, lang: Lang) -> Html {
    let n = st.warnings.len();
    let summary = if lang == Lang::En {
        format!(
            "{n} figure{} used here {} not fully verified (marked ⚠ in the lines): show which",
            if n == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" }
        )
    } else {
        format!("本次测算用到的 {n} 项参数来源尚未完全核实（各项中以 ⚠ 标出），点击查看")
    };
    let item = |w: &calc_core::statement::Warning| {
        let used = st
            .lines
            .iter()
            .flat_map(|l| l.parameters.iter())
            .find(|p| p.id == w.parameter);
        match used {
            Some(p) => html! {
                <li data-param={p.id.clone()} title={p.id.clone()}>
                    { super::line_row::param_label(&p.id, lang).unwrap_or(&p.id) }{ " = " }{ super::line_row::value_text(&p.id, &p.value, lang) }
                    { format!(" · {} · ", if p.overridden { lang.t("已覆盖", "overridden") } else { super::line_row::confidence_text(p.confidence, lang) }) }
                    { super::line_row::cite_html(&p.source, lang) }
                </li>
            },
            None => {
                html! { <li title={w.parameter.clone()}>{ super::line_row::for_people(lang.t(&w.zh, &w.en), lang) }</li> }
            }
        }
    };
    html! {
        <details class="warnings">
            <summary>{ summary }</summary>
            <ul>{ for st.warnings.iter().map(item) }</ul>
        </details>
    }
}

/// Moves focus to the input of `path`, opening the part of the form that holds it.
pub fn focus_field(path: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let mut clean = path.replace('"', "");
    // A parameter's value (`parameters.province.deed_tax.rate`, named by a line that misses a
    // local figure) is entered in the one overrides box.
    if clean.starts_with("parameters.") {
        clean.truncate("parameters".len());
    }
    // The field itself, or the first field inside the object the error names.
    let sel = format!("[name=\"{clean}\"], [name^=\"{clean}.\"], [name^=\"{clean}[\"]");
    if let Ok(Some(el)) = doc.query_selector(&sel) {
        if let Ok(Some(d)) = el.closest("details") {
            let _ = d.set_attribute("open", "");
        }
        // Scrolled to the top of the view minus the input's `scroll-margin-top`, so the sticky
        // header does not cover it; focus then finds it in view and does not scroll again.
        el.scroll_into_view();
        if let Ok(h) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
            let _ = h.focus();
        }
    }
}

/// The statement's lines as shared rows: a line equal to the one at its place in `cache` keeps
/// that `Rc` (so its [`LineRow`] compares equal by pointer and is not rendered again, nor
/// cloned); a changed line is cloned once. `cache` becomes the new list.
fn shared_lines(cache: &std::cell::RefCell<Vec<Rc<Line>>>, lines: &[Line]) -> Vec<Rc<Line>> {
    let mut cache = cache.borrow_mut();
    let next: Vec<Rc<Line>> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| match cache.get(i) {
            Some(old) if **old == *l => old.clone(),
            _ => Rc::new(l.clone()),
        })
        .collect();
    cache.clone_from(&next);
    next
}

/// The statement panel of the estimate page.
#[function_component(StatementView)]
pub fn statement_view() -> Html {
    let state = use_app();
    // The lines of the last render, kept while they do not change (see [`shared_lines`]).
    let cache = use_mut_ref(Vec::<Rc<Line>>::new);
    // The warnings come a task after the first result is on screen, not in it. The printed sheet
    // exists only while the browser prints (`beforeprint` to `afterprint`, which the print button
    // and Ctrl+P both fire), so a keystroke never rebuilds it.
    let settled = use_state_eq(|| false);
    let printing = use_state_eq(|| false);
    {
        let (settled, printing) = (settled.clone(), printing.clone());
        use_effect_with((), move |_| {
            crate::platform::later(move || settled.set(true));
            let after = printing.clone();
            let stop_before =
                crate::platform::on_window("beforeprint", Box::new(move || printing.set(true)));
            let stop_after =
                crate::platform::on_window("afterprint", Box::new(move || after.set(false)));
            move || {
                stop_before();
                stop_after();
            }
        });
    }
    let lang = state.lang;
    let error = state.error().cloned();
    let stale = error.is_some();
    let stale_path = error.as_ref().map(|e| e.path.clone());
    // What the printed sheet says when it is printed while an input needs fixing.
    let stale_text = error.as_ref().map_or_else(AttrValue::default, |e| {
        AttrValue::from(super::field::labelled_message(e, lang))
    });
    let banner = error.map(|e| {
        html! {
            <div class="banner error no-print" id="error" role="alert" data-path={e.path.clone()}>
                <p>{ super::field::labelled_message(&e, lang) }{" "}
                    if !e.path.is_empty() {
                        <button type="button" class="link go-fill" onclick={
                            let p = e.path.clone();
                            Callback::from(move |_| focus_field(&p))
                        }>{ lang.t("去填写", "Go to the field") }</button>
                    }
                </p>
                if state.last_statement.is_some() {
                    <p class="small">{ lang.t("下方为上一次有效输入的结果，已失效。", "Below: the result of the last valid input, now out of date.") }</p>
                }
            </div>
        }
    });
    let Some(st) = state.statement().or(state.last_statement.as_ref()).cloned() else {
        return html! {
            <section class="results" aria-live="polite">{ banner.unwrap_or_default() }</section>
        };
    };
    let chart = bars(&st, lang);
    // Nothing to work out yet: no total of ¥0.00, which would read as "no saving" (the headline
    // asks for input).
    let blank = super::headline::awaiting_input(&st);
    let yuan = |d: &calc_core::money::Dec| {
        if blank {
            "—".to_string()
        } else {
            format!("¥{}", group_digits(&d.to_string()))
        }
    };
    let lines = shared_lines(&cache, &st.lines);
    let scenario = !blank
        && st.lines.iter().any(|l| {
            l.status == Status::Applies && !l.amount.0.is_zero() && super::law::line_is_scenario(l)
        });
    html! {
        <section class={classes!("results", stale.then_some("stale"))} aria-label={lang.t("测算结果", "Results")}
            data-assess-ms={crate::num::fixed(state.assess_ms, 3)}>
            { banner.unwrap_or_default() }
            if stale {
                <p class="stale-tag" id="total-stale">{ lang.t("输入有误：以下为上次的结果，已失效", "Input needs fixing: the totals below are out of date") }</p>
            }
            <super::headline::Headline statement={st.clone()} {lang} />
            <div class="totals" id="totals" data-eligible-months={st.eligible_months.to_string()} aria-live="polite">
                <div class="total-box">
                    <span class="total-label">{ lang.t("机构本年度可享优惠合计", "The facility's saving in the year") }</span>
                    <span id="total" class="total-amount" data-amount={st.total.to_string()}>
                        { yuan(&st.total) }
                    </span>
                    // A total that counts a figure assumed by the "if extended" scenario says so
                    // where it stands, as each such line does.
                    if scenario {
                        <span class="tag scenario-tag" id="total-scenario">{ lang.t("含情景：假设优惠延续", "includes a scenario: preferences assumed extended") }</span>
                    }
                    <span class="small">{ format!("{} {} · {} {}", st.year, lang.t("年度", ""), lang.t("享受月数", "eligible months:"), st.eligible_months) }</span>
                </div>
                <div class="total-box landlord">
                    <span class="total-label">{ lang.t("出租方受益（承租房产、土地）", "Saved by the landlord (leased)") }</span>
                    <span id="total-landlord" class="total-amount" data-amount={st.total_landlord.to_string()}>
                        { yuan(&st.total_landlord) }
                    </span>
                </div>
            </div>
            // One bar at the foot of a phone: the total, or — while the input is wrong — that the
            // total is out of date, leading to the field at fault (or the error, if it has no path).
            <button type="button" class={classes!("phone-total", "no-print", stale.then_some("stale"))} tabindex="-1" aria-hidden="true"
                data-path={stale_path.clone()} onclick={Callback::from(move |_| match &stale_path {
                    Some(p) if !p.is_empty() => focus_field(p),
                    other => {
                        let id = if other.is_some() { "error" } else { "headline" };
                        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
                            el.scroll_into_view();
                        }
                    }
                })}>
                <span>{ if stale { lang.t("输入有误 · 查看", "Input needs fixing · show") } else if blank { lang.t("尚需填写 · 查看", "Input needed · show") } else { lang.t("优惠合计 · 查看明细", "Total saving · details") } }</span>
                if stale { <s>{ yuan(&st.total) }</s> }
                else { <strong>{ yuan(&st.total) }</strong> }
            </button>
            <Exports statement={st.clone()} />
            if !chart.is_empty() {
                <BarChart note={if chart.iter().any(|b| b.3) {
                        lang.t("紫色为出租方受益，不计入机构合计。", "Purple: the landlord's, not in the facility's total.").to_string()
                    } else { String::new() }}
                    bars={chart} title={lang.t("各项优惠金额（元）", "Saving by line (yuan)").to_string()} />
            }
            <h2 class="lines-title">{ lang.t("逐项明细", "Line by line") }</h2>
            <p class="small no-print">{ lang.t("点击各项查看计算步骤、政策依据和参数。⚠ 表示参数未经核实或已被覆盖。", "Open a line for its steps, legal basis and parameters. ⚠ marks unverified or overridden figures.") }</p>
            <ol class="lines">
                { for lines.into_iter().map(|l| html! { <LineRow line={l} {lang} /> }) }
            </ol>
            if *settled && !st.warnings.is_empty() {
                { warnings_html(&st, lang) }
            }
            if let Some(d) = st.donations.as_ref().and_then(|d| serde_json::to_value(d).ok()) {
                <section class="donations" id="donations-result">
                    <h2 class="lines-title">{ lang.t("公益性捐赠扣除", "Donations to childcare") }</h2>
                    <super::json_view::JsonSection value={d} {lang} />
                </section>
            } else if let Some(notice) = super::section_status::not_in_force_html(Some(&st), "donations", lang) {
                // A donations section with no figure in force for the year: its reason, as the
                // fee and capacity pages give theirs.
                <section class="donations" id="donations-result">
                    <h2 class="lines-title">{ lang.t("公益性捐赠扣除", "Donations to childcare") }</h2>
                    { notice }
                </section>
            }
            if *printing { <PrintSheet statement={st.clone()} {lang} request={AttrValue::from(state.request.clone())} stale={stale_text} /> }
        </section>
    }
}
