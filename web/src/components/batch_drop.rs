//! Verifying a file of claims: drop or choose a JSON Lines file; it is verified in the
//! browser in chunks, with a progress bar, a summary and a downloadable report.

use super::claim_form::verdict_text;
use super::use_app;
use crate::batch::{Batch, CHUNK};
use crate::i18n::group_digits;
use crate::platform;
use calc_core::Verdict;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File, HtmlInputElement};
use yew::prelude::*;

/// Progress of the batch on screen.
#[derive(Debug, Clone, PartialEq, Default)]
struct Progress {
    name: String,
    done: usize,
    total: usize,
    finished: bool,
    ms: f64,
    error: Option<String>,
}

async fn read(file: File) -> Result<String, String> {
    let text = JsFuture::from(file.text())
        .await
        .map_err(|e| format!("{e:?}"))?;
    text.as_string().ok_or_else(|| "not text".to_string())
}

/// The batch drop zone.
#[function_component(BatchDrop)]
pub fn batch_drop() -> Html {
    let state = use_app();
    let lang = state.lang;
    let batch = use_mut_ref(|| None::<Batch>);
    let progress = use_state(Progress::default);
    let generation = use_mut_ref(|| 0_u64);
    let hover = use_state(|| false);

    let start = {
        let batch = batch.clone();
        let progress = progress.clone();
        let generation = generation.clone();
        Callback::from(move |file: File| {
            let batch: Rc<RefCell<Option<Batch>>> = batch.clone();
            let progress = progress.clone();
            let generation = generation.clone();
            *generation.borrow_mut() += 1;
            let gen = *generation.borrow();
            let name = file.name();
            progress.set(Progress {
                name: name.clone(),
                ..Progress::default()
            });
            wasm_bindgen_futures::spawn_local(async move {
                let text = match read(file).await {
                    Ok(t) => t,
                    Err(e) => {
                        progress.set(Progress {
                            name,
                            error: Some(e),
                            finished: true,
                            ..Progress::default()
                        });
                        return;
                    }
                };
                let t0 = platform::now();
                let is_csv = name.to_ascii_lowercase().ends_with(".csv");
                *batch.borrow_mut() = Some(if is_csv {
                    Batch::csv(&text)
                } else {
                    Batch::json_lines(&text)
                });
                drop(text);
                loop {
                    if *generation.borrow() != gen {
                        return; // a newer file replaced this one
                    }
                    let (done, total, finished) = {
                        let mut b = batch.borrow_mut();
                        let Some(b) = b.as_mut() else { return };
                        b.step(CHUNK);
                        (b.done(), b.total(), b.finished())
                    };
                    progress.set(Progress {
                        name: name.clone(),
                        done,
                        total,
                        finished,
                        ms: platform::now() - t0,
                        error: None,
                    });
                    if finished {
                        break;
                    }
                    platform::yield_now().await;
                }
            });
        })
    };

    let onchange = {
        let start = start.clone();
        Callback::from(move |e: Event| {
            let el: HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = el.files().and_then(|l| l.get(0)) {
                start.emit(f);
            }
            el.set_value("");
        })
    };
    let ondrop = {
        let start = start.clone();
        let hover = hover.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            hover.set(false);
            if let Some(f) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|l| l.get(0))
            {
                start.emit(f);
            }
        })
    };
    let ondragover = {
        let hover = hover.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            hover.set(true);
        })
    };
    let ondragleave = {
        let hover = hover.clone();
        Callback::from(move |_: DragEvent| hover.set(false))
    };
    let download = {
        let batch = batch.clone();
        let name = progress.name.clone();
        Callback::from(move |_| {
            if let Some(b) = batch.borrow().as_ref() {
                let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
                if b.is_csv() {
                    platform::download(&format!("{stem}.report.csv"), "text/csv", &b.output);
                } else {
                    platform::download(
                        &format!("{stem}.report.jsonl"),
                        "application/x-ndjson",
                        &b.output,
                    );
                }
            }
        })
    };

    let snapshot = batch
        .borrow()
        .as_ref()
        .map(|b| (b.summary.clone(), b.flagged.clone()));
    let p = &*progress;
    html! {
        <section class="batch" aria-labelledby="batch-title">
            <h2 id="batch-title">{ lang.t("批量核验", "Verify a file of claims") }</h2>
            <p class="hint">{ lang.t(
                "JSON Lines（每行一笔 tuoyu.claim.v1 申报）或 CSV（与 tuoyu batch 相同的列，见命令行说明）。文件只在本机浏览器中处理，不会上传；报告格式与输入相同。",
                "JSON Lines (one tuoyu.claim.v1 claim per line) or CSV (the columns of tuoyu batch, see the command line's README). The file is processed in this browser only and never uploaded; the report is in the input's format.") }</p>
            <label class={classes!("drop", (*hover).then_some("hover"))} id="drop-zone" {ondrop} {ondragover} {ondragleave}>
                <span>{ lang.t("将文件拖到这里，或点击选择文件", "Drop a file here, or click to choose one") }</span>
                <input type="file" id="claims-file" name="claims-file" accept=".jsonl,.ndjson,.json,.txt,.csv,application/x-ndjson,text/csv" {onchange} />
            </label>
            if !p.name.is_empty() {
                <div class="progress" id="batch-progress" data-done={p.done.to_string()} data-total={p.total.to_string()} data-finished={p.finished.to_string()}>
                    <label for="batch-bar">{ format!("{} — {} / {} {}", p.name, p.done, p.total, lang.t("行", "lines")) }</label>
                    <progress id="batch-bar" max={p.total.max(1).to_string()} value={p.done.to_string()} />
                    if let Some(e) = &p.error { <p class="err" role="alert">{ e }</p> }
                </div>
            }
            if let Some((summary, flagged)) = snapshot {
                <div class="summary" id="batch-summary" data-claims={summary.claims.to_string()}
                    data-over-claimed={summary.over_claimed_amount.to_string()} aria-live="polite">
                    <p><strong>{ format!("{} {}", summary.claims, lang.t("笔申报", "claims")) }</strong>
                        if p.finished { {" · "}{ format!("{} ms", crate::num::fixed(p.ms, 0)) } }</p>
                    <ul class="verdicts">
                        { for Verdict::ALL.iter().map(|v| {
                            let n = summary.by_verdict.get(v).copied().unwrap_or(0);
                            html! { <li data-verdict={v.as_str()} data-count={n.to_string()}>
                                <span class={classes!("verdict", v.as_str())}>{ verdict_text(*v, lang) }</span>{" "}<strong>{ n }</strong></li> }
                        }) }
                    </ul>
                    <p>{ lang.t("多报金额合计：", "Over-claimed in total: ") }{ group_digits(&summary.over_claimed_amount.to_string()) }{ lang.t(" 元", " yuan") }</p>
                    if p.finished {
                        <button type="button" id="batch-download" class="primary" onclick={download}>{ if batch.borrow().as_ref().is_some_and(Batch::is_csv) { lang.t("下载核验报告（CSV）", "Download the report (CSV)") } else { lang.t("下载核验报告（JSON Lines）", "Download the report (JSON Lines)") } }</button>
                    }
                    if !flagged.is_empty() {
                        <details class="flagged">
                            <summary>{ format!("{} ({})", lang.t("需关注的申报", "Claims to look at"), flagged.len()) }</summary>
                            <div class="table-wrap"><table>
                                <thead><tr><th>{ lang.t("行", "Line") }</th><th>{ "id" }</th><th>{ lang.t("结论", "Verdict") }</th><th>{ lang.t("说明", "Detail") }</th></tr></thead>
                                <tbody>{ for flagged.iter().map(|r| html! {
                                    <tr data-line={r.line.unwrap_or(0).to_string()} data-verdict={r.verdict.as_str()}>
                                        <td>{ r.line.unwrap_or(0) }</td><td>{ r.id.clone().unwrap_or_default() }</td>
                                        <td><span class={classes!("verdict", r.verdict.as_str())}>{ verdict_text(r.verdict, lang) }</span></td>
                                        <td>{ match &r.error {
                                            Some(e) => lang.t(&e.error_zh, &e.error_en).to_string(),
                                            None => r.items.iter().filter(|i| i.verdict != Verdict::Match)
                                                .map(|i| format!("{} {}", i.item, i.difference)).collect::<Vec<_>>().join("; "),
                                        } }</td>
                                    </tr>
                                }) }</tbody>
                            </table></div>
                        </details>
                    }
                </div>
            }
        </section>
    }
}
