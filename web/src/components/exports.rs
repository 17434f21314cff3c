//! Exports of the case: request JSON, statement JSON and CSV, print, and the link.

use super::use_app;
use crate::export::statement_csv;
use crate::platform;
use calc_core::Statement;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`Exports`].
#[derive(Properties, PartialEq, Clone)]
pub struct ExportsProps {
    /// The statement shown.
    pub statement: Rc<Statement>,
}

/// The export buttons.
#[function_component(Exports)]
pub fn exports(props: &ExportsProps) -> Html {
    let state = use_app();
    let lang = state.lang;
    let year = props.statement.year;
    let req = {
        let request = state.request.clone();
        Callback::from(move |_| {
            // Pretty-printed on the click, not on every keystroke's render.
            let text = serde_json::from_str::<serde_json::Value>(&request)
                .ok()
                // `{:#}` is to_string_pretty's text through Value's Display, whose code the
                // page has anyway (one serialiser fewer in the wasm).
                .map(|v| format!("{v:#}"))
                .unwrap_or_else(|| request.clone());
            platform::download(
                &format!("tuoyu-request-{year}.json"),
                "application/json",
                &text,
            )
        })
    };
    let st_json = {
        let st = props.statement.clone();
        Callback::from(move |_| {
            // Through a Value: the statement's serialiser is already in the binary for the sections.
            let text = serde_json::to_value(&*st)
                .map(|v| format!("{v:#}"))
                .unwrap_or_default();
            platform::download(
                &format!("tuoyu-statement-{year}.json"),
                "application/json",
                &text,
            );
        })
    };
    let st_csv = {
        let st = props.statement.clone();
        Callback::from(move |_| {
            // A byte-order mark so spreadsheet programs read the Chinese labels as UTF-8.
            let text = format!("\u{feff}{}", statement_csv(&st, lang));
            platform::download(&format!("tuoyu-statement-{year}.csv"), "text/csv", &text);
        })
    };
    let print = Callback::from(|_| platform::print());
    // While an input needs fixing (the banner says which) the statement shown is the last
    // valid input's: it is not exported as if it were this case's; nor is the request, which
    // `tuoyu assess` would refuse (printing, with its note, still is; the link keeps the case).
    let stale = state.error().is_some();
    html! {
        <div class="exports no-print" role="group" aria-label={lang.t("导出", "Export")}>
            <button type="button" id="export-request" onclick={req} disabled={stale}>{ lang.t("导出请求 JSON", "Request JSON") }</button>
            <button type="button" id="export-statement" onclick={st_json} disabled={stale}>{ lang.t("导出结果 JSON", "Statement JSON") }</button>
            <button type="button" id="export-csv" onclick={st_csv} disabled={stale}>{ lang.t("导出结果 CSV", "Statement CSV") }</button>
            <button type="button" id="print" onclick={print}>{ lang.t("打印计算说明", "Print") }</button>
            <span class="small">{ lang.t("地址栏链接即可重新打开本案例。", "The address bar link reopens this case.") }</span>
        </div>
    }
}
