//! The claim desk's view (申报核验, batch): drop or choose a JSON Lines or CSV file of claims; Web
//! Workers verify it in slices (see [`crate::desk`]) while the page shows rows done, rows per
//! second and time left; the summary, a grid of every claim (filter, sort, search, pages), a
//! claim's full recomputation and the report downloads follow. The run lives outside this view,
//! so switching tabs keeps it.

use crate::components::claim_form::verdict_text;
use crate::components::line_row;
use crate::desk::rows::{from_cents, Rows, NO_CENTS};
use crate::desk::run::{self, Format, Kind, Phase};
use crate::i18n::{group_digits, Lang};
use calc_core::frontend::labels::claim_item_text;
use calc_core::verify::ClaimItem;
use calc_core::verify::Summary;
use calc_core::Verdict;
use serde_json::Value;
use std::rc::Rc;
use web_sys::{DragEvent, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Rows per page of the grid.
pub const PAGE: usize = 50;

/// How the grid is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    Line,
    DiffDesc,
    DiffAsc,
}

/// The verdict filter's "every verdict but match": past every index of [`Verdict::ALL`].
const NOT_MATCH: u8 = 100;

/// The grid's filter and sort.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Query {
    /// `None`: all; `Some(NOT_MATCH)`: every verdict but match; else a verdict index.
    verdict: Option<u8>,
    item: Option<usize>,
    sort: Sort,
    search: String,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            verdict: None,
            item: None,
            sort: Sort::Line,
            search: String::new(),
        }
    }
}

/// Where the grid's filters, sort, search and page are kept for this tab (session storage): the
/// officer leaving the desk for the calculator and coming back finds the grid as it was.
const KEY_GRID: &str = "tuoyu.desk.grid";

impl Query {
    /// The query and page as one text (fields apart by U+001F, the search last).
    fn saved(&self, page: usize) -> String {
        let opt = |v: Option<usize>| v.map_or_else(|| "-".to_string(), |v| v.to_string());
        let sort = match self.sort {
            Sort::Line => "line",
            Sort::DiffDesc => "desc",
            Sort::DiffAsc => "asc",
        };
        format!(
            "{}\u{1f}{}\u{1f}{sort}\u{1f}{page}\u{1f}{}",
            opt(self.verdict.map(usize::from)),
            opt(self.item),
            self.search
        )
    }

    /// A query and page read back from [`Query::saved`] (`None` when it is not one).
    fn from_saved(text: &str) -> Option<(Query, usize)> {
        let mut f = text.splitn(5, '\u{1f}');
        let verdict = match f.next()? {
            "-" => None,
            v => Some(v.parse::<u8>().ok()?),
        };
        let item = match f.next()? {
            "-" => None,
            v => Some(v.parse::<usize>().ok()?).filter(|i| *i < ClaimItem::ALL.len()),
        };
        let sort = match f.next()? {
            "desc" => Sort::DiffDesc,
            "asc" => Sort::DiffAsc,
            _ => Sort::Line,
        };
        let page = f.next()?.parse().ok()?;
        let search = f.next()?.to_string();
        Some((
            Query {
                verdict,
                item,
                sort,
                search,
            },
            page,
        ))
    }
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The grid's query and page kept for this tab, if any.
fn saved_grid() -> Option<(Query, usize)> {
    Query::from_saved(&session()?.get_item(KEY_GRID).ok()??)
}

/// The line number a search asks for: digits, optionally as `#12`, `第12行`, `line 12`.
fn line_asked(needle: &str) -> Option<u32> {
    let n = needle.trim_start_matches('#').trim_start_matches('第');
    let n = n
        .strip_prefix("line")
        .or_else(|| n.strip_prefix("Line"))
        .unwrap_or(n);
    n.trim().trim_end_matches('行').trim().parse().ok()
}

/// Whether claim id `id` holds the searched text: as typed, or — when it has Latin letters
/// (`km-002` for `KM-002`) — whatever their case.
fn id_holds(id: &str, needle: &str, folded: bool) -> bool {
    id.contains(needle)
        || (folded
            && id
                .as_bytes()
                .windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle.as_bytes())))
}

/// The rows shown, in order, for a query. The search matches ids and facility names holding the
/// text (Latin letters in any case), and the
/// row on the line it names (digits: `12`, `#12`, `第12行`, `line 12`).
fn select(rows: &Rows, q: &Query) -> Vec<u32> {
    let needle = q.search.trim();
    let line = line_asked(needle);
    let folded = needle.bytes().any(|b| b.is_ascii_alphabetic());
    let shown = (0..rows.len())
        .filter(|&i| match q.verdict {
            None => true,
            Some(NOT_MATCH) => rows.verdict(i) != Verdict::Match,
            Some(v) => crate::desk::rows::verdict_index(rows.verdict(i)) == v,
        })
        .filter(|&i| q.item.is_none_or(|it| rows.item_differs(i, it)))
        .filter(|&i| {
            needle.is_empty()
                || id_holds(rows.id(i), needle, folded)
                || id_holds(rows.name(i), needle, folded)
                || line == Some(rows.line(i))
        });
    if q.sort == Sort::Line {
        // In file order: the indices alone (10⁶ rows: 4 MB, not 16 MB of keyed pairs — the page's
        // wasm memory never shrinks, so its peak stays).
        return shown
            .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
            .collect();
    }
    let mut keep: Vec<(i64, u32)> = shown
        .map(|i| {
            let key = match q.sort {
                Sort::Line => 0,
                Sort::DiffDesc => rows.difference(i, q.item).saturating_neg(),
                Sort::DiffAsc => rows.difference(i, q.item),
            };
            (key, u32::try_from(i).unwrap_or(u32::MAX))
        })
        .collect();
    keep.sort_unstable();
    keep.into_iter().map(|(_, i)| i).collect()
}

fn money(c: i64) -> String {
    if c == NO_CENTS {
        return "—".to_string();
    }
    from_cents(c).map_or_else(|| "—".to_string(), |d| group_digits(&d.to_string()))
}

fn duration(ms: f64, lang: Lang) -> String {
    let s = (ms / 1000.0).max(0.0);
    if s < 60.0 {
        format!("{} {}", crate::num::fixed(s, 1), lang.t("秒", "s"))
    } else {
        format!(
            "{} {} {} {}",
            crate::num::fixed((s / 60.0).floor(), 0),
            lang.t("分", "min"),
            crate::num::fixed(s % 60.0, 0),
            lang.t("秒", "s")
        )
    }
}

/// A claim recomputed in full for the drill-down (by a worker): its row and the JSON
/// `{ report, statement | error, request }`.
#[derive(Debug, Clone, PartialEq)]
struct Detail {
    row: usize,
    json: Rc<Value>,
}

fn verdict_named(s: &str) -> Verdict {
    Verdict::ALL
        .into_iter()
        .find(|v| v.as_str() == s)
        .unwrap_or(Verdict::InvalidInput)
}

fn text<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn list<'a>(v: &'a Value, k: &str) -> &'a [Value] {
    v.get(k)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn item_label(i: usize, lang: Lang) -> &'static str {
    ClaimItem::ALL
        .get(i)
        .map_or("", |item| claim_item_text(*item, lang))
}

/// What the desk is given by its page.
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The interface language.
    pub lang: Lang,
}

/// The claim desk.
#[function_component(DeskView)]
pub fn desk_view(props: &Props) -> Html {
    let lang = props.lang;
    let update = use_force_update();
    {
        let update = update.clone();
        use_effect_with((), move |()| {
            run::subscribe(Some(Callback::from(move |()| update.force_update())));
            // The workers start, and warm up, while the officer picks the file.
            run::warm();
            || run::subscribe(None)
        });
    }
    let hover = use_state(|| false);
    let query = use_state(|| saved_grid().map(|(q, _)| q).unwrap_or_default());
    let page = use_state(|| saved_grid().map_or(0, |(_, p)| p));
    use_effect_with(((*query).clone(), *page), |(q, p)| {
        if let Some(st) = session() {
            let _ = st.set_item(KEY_GRID, &q.saved(*p));
        }
    });
    let detail = use_state(|| None::<Result<Detail, (String, String)>>);
    // A claim opened is brought into view (below the grid and its pager, off screen on a phone).
    {
        let row = (*detail)
            .as_ref()
            .map(|d| d.as_ref().map_or(usize::MAX, |d| d.row));
        use_effect_with(row, |row| {
            if row.is_some() {
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("claim-detail"))
                {
                    el.scroll_into_view();
                }
            }
        });
    }
    let close_detail = {
        let detail = detail.clone();
        Callback::from(move |_: MouseEvent| {
            detail.set(None);
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("claims-grid"))
            {
                el.scroll_into_view();
            }
        })
    };

    let start = {
        let detail = detail.clone();
        let page = page.clone();
        Callback::from(move |file: web_sys::File| {
            detail.set(None);
            page.set(0);
            run::start(file);
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

    let (header_err, sheet, refused, gbk) = run::with(|d| {
        (
            d.header_error.clone(),
            d.sheet.clone(),
            d.refused.clone(),
            d.gbk,
        )
    });
    let on_sheet = Callback::from(|e: InputEvent| {
        let el: HtmlInputElement = e.target_unchecked_into();
        run::set_sheet(el.value());
    });
    let templates = |lang: Lang| {
        html! { <>
            <button type="button" id="template-xlsx" onclick={Callback::from(|_| run::template_xlsx())}>
                { lang.t("下载申报模板（Excel .xlsx）", "Download the claims template (Excel .xlsx)") }</button>
            {" "}
            <button type="button" id="template-download" onclick={Callback::from(|_| run::template())}>
                { lang.t("申报模板（CSV）及列说明", "The template (CSV) and column notes") }</button>
        </> }
    };
    let (kept, restored, has_file, worker_ms, chunks) = run::with(|d| {
        (
            d.kept,
            d.restored,
            d.has_file(),
            d.worker_ms,
            d.chunk_count(),
        )
    });
    let (run_id, name, size, kind, phase, n_rows, summary, bytes_done, ms, writing, dl_err, seen) =
        run::with(|d| {
            (
                d.run,
                d.name.clone(),
                d.size,
                d.kind,
                d.phase.clone(),
                d.rows.len(),
                d.summary.clone(),
                d.bytes_done,
                d.ms,
                d.writing,
                d.download_error.clone(),
                d.rows.items_seen,
            )
        });
    let running = phase == Phase::Running;
    let ended = matches!(phase, Phase::Done | Phase::Cancelled);
    // The grid's rows: recomputed when the query or the rows change.
    // (Only once the run has ended: the page's thread stays free to feed the workers.)
    let view = {
        let q = (*query).clone();
        use_memo((run_id, n_rows, ended, q), |(_, _, ended, q)| {
            if *ended {
                run::with(|d| select(&d.rows, q))
            } else {
                Vec::new()
            }
        })
    };
    let pages = view.len().div_ceil(PAGE).max(1);
    let pg = (*page).min(pages - 1);
    // After a reload the results are back but not the file: downloads and a claim's
    // recomputation say so, with the file chooser right there (the same file is not verified
    // again).
    let refile_change = onchange.clone();
    let refile = |id: &'static str| {
        html! {
            <p class="need-file" id={id}>
                { format!("{}{name}{}", lang.t("需要原文件：请重新选择“", "The file is needed: choose “"),
                    lang.t("”（同一文件不会重新核验）。", "” again (the same file is not verified again).")) }{" "}
                <input type="file" class="refile" aria-label={lang.t("重新选择文件", "Choose the file again")}
                    accept=".xlsx,.xlsm,.csv,.jsonl,.ndjson,.json,.txt" onchange={refile_change.clone()} />
            </p>
        }
    };

    html! {
        <section class="batch desk" aria-labelledby="batch-title">
            <h2 id="batch-title">{ lang.t("批量核验", "Verify a file of claims") }</h2>
            <p class="hint">{ lang.t(
                "Excel 工作簿（.xlsx，第一个工作表或下面指定的工作表；中文或英文表头）、CSV（申报模板的列，大小不限）或 JSON Lines（每行一笔 tuoyu.claim.v1 申报，大小不限）。文件只在本机浏览器中处理，不会上传。",
                "An Excel workbook (.xlsx: the first sheet, or the one named below; header row in Chinese or English), CSV (the template's columns, any size) or JSON Lines (one tuoyu.claim.v1 claim per line, any size). The file is processed in this browser only and never uploaded.") }</p>
            <label class={classes!("drop", (*hover).then_some("hover"))} id="drop-zone" {ondrop} {ondragover} {ondragleave}>
                <span>{ lang.t("将文件拖到这里，或点击选择文件", "Drop a file here, or click to choose one") }</span>
                <input type="file" id="claims-file" name="claims-file" accept=".xlsx,.xlsm,.csv,.jsonl,.ndjson,.json,.txt,application/vnd.openxmlformats-officedocument.spreadsheet.sheet,application/x-ndjson,text/csv" {onchange} />
            </label>
            <p class="sheet">
                <label for="sheet-name">{ lang.t("Excel 工作表名称（留空则读第一个工作表）", "Excel sheet name (blank: the first sheet)") }</label>{" "}
                <input type="text" id="sheet-name" name="sheet-name" value={sheet} oninput={on_sheet} />
            </p>
            <p class="actions">{ templates(lang) }</p>
            if let Some((zh, en)) = &header_err {
                <div class="err" role="alert" id="header-error">
                    <p>{ format!("{}{name}{}", lang.t("文件“", "“"), lang.t("”未核验：", "” was not verified: ")) }{ lang.t(zh, en) }</p>
                    <p>{ lang.t("请按申报模板填写表头后重新选择文件：", "Fill in the header row as in the claims template, then choose the file again: ") }{ templates(lang) }</p>
                </div>
            }
            if let Some((zh, en)) = &refused {
                <div class="err" role="alert" id="not-claims">
                    <p>{ lang.t(zh, en) }</p>
                    <p>{ lang.t("请按申报模板填写申报（每行一笔），保存为 CSV UTF-8 或 Excel 工作簿后重新选择：",
                        "Fill in the claims template (one claim a row), save it as CSV UTF-8 or an Excel workbook, then choose it: ") }{ templates(lang) }</p>
                </div>
            }
            if phase == Phase::Done && n_rows == 0 && header_err.is_none() {
                <div class="note" role="status" id="no-claims">
                    <p>{ format!("{}{name}{}", lang.t("文件“", "“"), lang.t("”中没有申报：它是空的，或只有表头行。", "” holds no claims: it is empty, or has only the header row.")) }</p>
                    <p>{ lang.t("每笔申报占一行，写在表头之下，列见申报模板：", "Each claim is one row under the header, in the template's columns: ") }{ templates(lang) }</p>
                </div>
            }
            if gbk && phase != Phase::Idle {
                <p class="note" id="gbk-note" role="status">{ lang.t(
                    "此文件是 GBK 编码（Excel 在中文 Windows 上保存的“CSV”），已按 GBK 读取。",
                    "This file is GBK text (Excel's “CSV” on Chinese Windows): it was read as GBK.") }</p>
            }
            if let Some(when) = kept {
                { kept_view(lang, &name, when, restored, has_file) }
            }
            if phase != Phase::Idle {
                { progress_view(lang, &name, size, &phase, n_rows, bytes_done, ms, (worker_ms, chunks), kind == Kind::Xlsx) }
            }
            if n_rows > 0 || ended {
                { summary_view(lang, &summary, &phase, kind, writing, dl_err.as_ref(), running, (!has_file).then(|| refile("refile-download"))) }
                if ended { { grid_view(lang, &query, &page, pg, pages, &view, seen, &detail) } }
            }
            if let Some(d) = &*detail {
                { detail_view(lang, d, &close_detail, (!has_file && restored).then(|| refile("refile-detail"))) }
            }
        </section>
    }
}

/// Where the results shown are kept: in this browser (they stay across a reload), or read back
/// from it after one (which file, when; the file is needed again for downloads).
fn kept_view(lang: Lang, name: &str, when: f64, restored: bool, has_file: bool) -> Html {
    let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(when))
        .to_locale_string(lang.t("zh-CN", "en-GB"), &wasm_bindgen::JsValue::UNDEFINED);
    let at = String::from(at);
    html! {
        <div class={classes!("kept", restored.then_some("restored"))} id="desk-kept"
            data-restored={restored.to_string()} data-name={name.to_string()} data-when={crate::num::fixed(when, 0)} role="status">
            <p>
                if restored {
                    { format!("{}{name}{}{at}{}", lang.t("已恢复上次的核验结果：", "The last results are back: "),
                        lang.t("，核验于 ", ", verified on "), lang.t("。", ".")) }
                    if !has_file {
                        {" "}{ lang.t("下载报告或查看单笔复算，请重新选择该文件（同一文件不会重新核验）。",
                            "To download the reports or open a claim, choose the file again (the same file is not verified again).") }
                    }
                } else {
                    { lang.t("结果已保存在本机浏览器中，刷新页面后仍在（文件本身不保存）。",
                        "The results are kept in this browser and stay after a reload (the file itself is not kept).") }
                }
                {" "}<button type="button" id="desk-forget" onclick={Callback::from(|_| run::forget())}>
                    { lang.t("清除保存的结果", "Clear the kept results") }</button>
            </p>
        </div>
    }
}

#[allow(clippy::too_many_arguments)]
fn progress_view(
    lang: Lang,
    name: &str,
    size: f64,
    phase: &Phase,
    rows: usize,
    bytes: f64,
    ms: f64,
    (worker_ms, chunks): ((f64, f64, f64), usize),
    excel: bool,
) -> Html {
    let running = *phase == Phase::Running;
    // A workbook is unpacked whole before its first row: the stage and its time, not "0 rows".
    let unpacking = excel && running && rows == 0;
    #[allow(clippy::cast_precision_loss)]
    let rate = if ms > 0.0 {
        rows as f64 / (ms / 1000.0)
    } else {
        0.0
    };
    let left = if bytes > 0.0 && running {
        ms * (size - bytes) / bytes
    } else {
        0.0
    };
    let permille = if size > 0.0 {
        (bytes / size * 1000.0).clamp(0.0, 1000.0)
    } else {
        1000.0
    };
    let finished = matches!(phase, Phase::Done | Phase::Cancelled | Phase::Failed(..));
    html! {
        <div class="progress" id="batch-progress" data-done={rows.to_string()}
            data-finished={finished.to_string()} data-ms={crate::num::fixed(ms, 0)}
            data-worker-busy={crate::num::fixed(worker_ms.0, 0)} data-worker-read={crate::num::fixed(worker_ms.1, 0)}
            data-first={crate::num::fixed(worker_ms.2, 0)} data-chunks={chunks.to_string()} data-phase={match phase { Phase::Idle => "idle", Phase::Running => "running", Phase::Done => "done", Phase::Cancelled => "partial", Phase::Failed(..) => "failed" }}>
            if unpacking {
                <label for="batch-bar" id="batch-stage" data-stage="unpack">{ format!("{name} — {}{}", lang.t("正在解压 Excel 文件… 已用 ", "Unpacking the workbook… "), duration(ms, lang)) }</label>
            } else {
                <label for="batch-bar">{ format!("{name} — {} {}", group_digits(&rows.to_string()), lang.t("行已核验", "rows verified")) }</label>
            }
            <progress id="batch-bar" max="1000" value={crate::num::fixed(permille, 0)} />
            <p class="rate">
                { format!("{} {}", group_digits(&crate::num::fixed(rate, 0)), lang.t("行/秒", "rows/s")) }
                { " · " }{ duration(ms, lang) }
                if running && !unpacking { { " · " }{ lang.t("剩余约 ", "about ") }{ duration(left, lang) }{ lang.t("", " left") } }
                if running && run::with(run::Desk::working) {
                    {" "}<button type="button" id="batch-cancel" onclick={Callback::from(|_| run::cancel())}>{ lang.t("停止", "Stop") }</button>
                }
            </p>
            if *phase == Phase::Cancelled {
                <p class="warn" id="batch-partial" role="status">{ lang.t(
                    "已停止：以下为部分结果（文件开头已核验的行）。",
                    "Stopped: the results below are partial (the rows verified from the start of the file).") }</p>
            }
            if let Phase::Failed(zh, en) = phase { <p class="err" role="alert">{ lang.t(zh, en) }</p> }
        </div>
    }
}

#[allow(clippy::too_many_arguments)]
fn summary_view(
    lang: Lang,
    summary: &Summary,
    phase: &Phase,
    kind: Kind,
    writing: Option<(Format, f64)>,
    dl_err: Option<&(String, String)>,
    running: bool,
    refile: Option<Html>,
) -> Html {
    let own = match kind {
        Kind::Csv => Format::Csv,
        Kind::Xlsx => Format::Xlsx,
        Kind::Jsonl => Format::Jsonl,
    };
    // In Chinese, the CSV and Excel reports have Chinese headings and verdict words.
    let dl = |f: Format| Callback::from(move |_| run::download(f, lang));
    let done = matches!(phase, Phase::Done | Phase::Cancelled);
    html! {
        <div class="summary" id="batch-summary" data-claims={summary.claims.to_string()}
            data-over-claimed={summary.over_claimed_amount.to_string()} aria-live="polite">
            <p><strong>{ format!("{} {}", group_digits(&summary.claims.to_string()), lang.t("笔申报", "claims")) }</strong>
                if *phase == Phase::Cancelled { {" · "}<span class="partial">{ lang.t("部分结果", "partial") }</span> }</p>
            <ul class="verdicts">
                { for Verdict::ALL.iter().map(|v| {
                    let n = summary.by_verdict.get(v).copied().unwrap_or(0);
                    html! { <li data-verdict={v.as_str()} data-count={n.to_string()}>
                        <span class={classes!("verdict", v.as_str())}>{ verdict_text(*v, lang) }</span>{" "}<strong>{ group_digits(&n.to_string()) }</strong></li> }
                }) }
            </ul>
            <p>{ lang.t("多报金额合计：", "Over-claimed in total: ") }<strong>{ group_digits(&summary.over_claimed_amount.to_string()) }</strong>{ lang.t(" 元", " yuan") }
                <span class="hint over-claimed-note">{ lang.t(
                    "（各项多报差额相加：免税销售额、减计收入是收入口径，其余是税额，口径不同；各项见下）",
                    " (the items' over-claimed differences added up: VAT-exempt sales and the income reduction are revenue, the rest are taxes; each item below)") }</span></p>
            if !summary.over_claimed_by_item.is_empty() {
                <ul class="over-claimed-items" id="over-claimed-items">
                    { for summary.over_claimed_by_item.iter().map(|(item, d)| html! {
                        <li data-item={item.as_str()} data-amount={d.to_string()}>
                            { claim_item_text(*item, lang) }{ lang.t("：", ": ") }<strong>{ group_digits(&d.to_string()) }</strong>{ lang.t(" 元", " yuan") }</li>
                    }) }
                </ul>
            }
            if done && refile.is_some() {
                <p class="actions" id="downloads-need-file">
                    <button type="button" class="primary" disabled=true>{ lang.t("下载核验报告", "Download the report") }</button>
                    {" "}<button type="button" disabled=true>{ lang.t("Excel 报告（.xlsx）", "Excel report (.xlsx)") }</button>
                </p>
                { refile.clone().unwrap_or_default() }
            }
            if done && !running && refile.is_none() {
                <p class="actions">
                    <button type="button" id="batch-download" class="primary" onclick={dl(own)} disabled={writing.is_some()}>
                        { match own {
                            Format::Csv => lang.t("下载核验报告（CSV）", "Download the report (CSV)"),
                            Format::Xlsx => lang.t("下载核验报告（Excel）", "Download the report (Excel)"),
                            Format::Jsonl => lang.t("下载核验报告（JSON Lines）", "Download the report (JSON Lines)"),
                        } }</button>
                    if own != Format::Xlsx {
                        {" "}<button type="button" id="download-xlsx" onclick={dl(Format::Xlsx)} disabled={writing.is_some()}>{ lang.t("Excel 报告（.xlsx）", "Excel report (.xlsx)") }</button>
                    }
                    if own != Format::Csv {
                        {" "}<button type="button" id="download-csv" onclick={dl(Format::Csv)} disabled={writing.is_some()}>{ lang.t("CSV 报告", "CSV report") }</button>
                    }
                    if own != Format::Jsonl {
                        {" "}<button type="button" id="download-jsonl" onclick={dl(Format::Jsonl)} disabled={writing.is_some()}>{ lang.t("JSON Lines 报告", "JSON Lines report") }</button>
                    }
                    if let Some((_, share)) = writing {
                        {" "}<span id="report-writing">{ format!("{} {}%", lang.t("正在生成报告", "Writing the report"), crate::num::fixed(share * 100.0, 0)) }</span>
                        {" "}<button type="button" onclick={Callback::from(|_| run::cancel())}>{ lang.t("停止", "Stop") }</button>
                    }
                </p>
            }
            if let Some((zh, en)) = dl_err { <p class="err" role="alert">{ lang.t(zh, en) }</p> }
        </div>
    }
}

#[allow(clippy::too_many_arguments)]
fn grid_view(
    lang: Lang,
    query: &UseStateHandle<Query>,
    page: &UseStateHandle<usize>,
    pg: usize,
    pages: usize,
    view: &Rc<Vec<u32>>,
    seen: u8,
    detail: &UseStateHandle<Option<Result<Detail, (String, String)>>>,
) -> Html {
    let q = (**query).clone();
    let on_verdict = {
        let query = query.clone();
        let page = page.clone();
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            let mut q = (*query).clone();
            let v = el.value();
            q.verdict = if v == "not_match" {
                Some(NOT_MATCH)
            } else {
                Verdict::ALL
                    .iter()
                    .position(|x| x.as_str() == v)
                    .and_then(|i| u8::try_from(i).ok())
            };
            query.set(q);
            page.set(0);
        })
    };
    let on_item = {
        let query = query.clone();
        let page = page.clone();
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            let mut q = (*query).clone();
            q.item = el.value().parse::<usize>().ok();
            query.set(q);
            page.set(0);
        })
    };
    let on_sort = {
        let query = query.clone();
        let page = page.clone();
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            let mut q = (*query).clone();
            q.sort = match el.value().as_str() {
                "desc" => Sort::DiffDesc,
                "asc" => Sort::DiffAsc,
                _ => Sort::Line,
            };
            query.set(q);
            page.set(0);
        })
    };
    let on_search = {
        let query = query.clone();
        let page = page.clone();
        Callback::from(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            let mut q = (*query).clone();
            q.search = el.value();
            query.set(q);
            page.set(0);
        })
    };
    let go = |to: usize| {
        let page = page.clone();
        Callback::from(move |_| page.set(to))
    };
    let items: Vec<usize> = (0..ClaimItem::ALL.len())
        .filter(|i| seen & (1 << i) != 0)
        .collect();
    let shown: Vec<usize> = view
        .iter()
        .skip(pg * PAGE)
        .take(PAGE)
        .map(|&i| i as usize)
        .collect();
    let rows_html = run::with(|d| {
        shown
            .iter()
            .map(|&i| {
                let r = &d.rows;
                let v = r.verdict(i);
                let its = r.items(i);
                let open = {
                    let detail = detail.clone();
                    Callback::from(move |_| {
                        let detail = detail.clone();
                        run::detail(
                            i,
                            Callback::from(move |r: Result<String, (String, String)>| {
                                detail.set(Some(r.map(|t| Detail {
                                    row: i,
                                    json: Rc::new(serde_json::from_str(&t).unwrap_or_default()),
                                })));
                            }),
                        );
                    })
                };
                // An invalid row's error (the field and what is wrong), over the items' columns:
                // one line, cut with an ellipsis; whole on hover and in the drill-down.
                let error = r.error(i).map(|(zh, en)| lang.t(zh, en).to_string());
                // The items that differ, in a line under the id (shown on narrow screens, where
                // the items' columns are off to the side).
                let gist: Vec<Html> = its
                    .iter()
                    .filter(|it| it.verdict != Verdict::Match)
                    .map(|it| {
                        let d = it.difference();
                        let sign = if d > 0 { "+" } else { "" };
                        html! { <span class={classes!("gist-item", it.verdict.as_str())} data-item={ClaimItem::ALL[it.index].as_str()}>
                            { format!("{} {} {sign}{}", item_label(it.index, lang), verdict_text(it.verdict, lang), money(d)) }</span> }
                    })
                    .collect();
                html! {
                    <tr data-row={i.to_string()} data-line={r.line(i).to_string()} data-verdict={v.as_str()} onclick={open.clone()}>
                        <td class="verdict-cell"><span class={classes!("verdict", v.as_str())}>{ verdict_text(v, lang) }</span></td>
                        <td class="num line">{ r.line(i) }</td>
                        <td class="id"><button type="button" class="link" onclick={open}>{ if r.id(i).is_empty() { "—".to_string() } else { r.id(i).to_string() } }</button>
                            if !r.name(i).is_empty() { <div class="fname">{ r.name(i) }</div> }
                            if !gist.is_empty() { <div class="gist">{ for gist }</div> }</td>
                        if let Some(e) = error {
                            <td class="row-error" colspan={(3 * items.len()).max(1).to_string()} title={e.clone()}><div class="clip">{ e }</div></td>
                        } else if items.is_empty() {
                            <td></td>
                        }
                        if r.error(i).is_none() { { for items.iter().map(|&k| match its.iter().find(|it| it.index == k) {
                            Some(it) => html! { <>
                                <td class="num">{ money(it.claimed) }</td>
                                <td class="num">{ money(it.recomputed) }</td>
                                <td class={classes!("num", "diff", (it.verdict != Verdict::Match).then_some(it.verdict.as_str()))} data-item={ClaimItem::ALL[k].as_str()}>{ money(it.difference()) }</td>
                            </> },
                            None => html! { <><td></td><td></td><td></td></> },
                        }) } }
                    </tr>
                }
            })
            .collect::<Html>()
    });
    // The options' values are the verdicts' JSON names (stable for scripts and tests).
    let sel_verdict = match q.verdict {
        None => "",
        Some(NOT_MATCH) => "not_match",
        Some(i) => crate::desk::rows::verdict_of(i).as_str(),
    };
    html! {
        <div class="desk-grid" id="claims-grid" data-rows={view.len().to_string()}>
            <div class="filters">
                <label>{ lang.t("结论 ", "Verdict ") }
                    <select id="grid-verdict" onchange={on_verdict}>
                        <option value="" selected={sel_verdict.is_empty()}>{ lang.t("全部", "All") }</option>
                        <option value="not_match" selected={sel_verdict == "not_match"}>{ lang.t("需关注（不相符）", "To look at (not match)") }</option>
                        { for Verdict::ALL.iter().map(|v| html! {
                            <option value={v.as_str()} selected={sel_verdict == v.as_str()}>{ verdict_text(*v, lang) }</option> }) }
                    </select></label>
                <label>{ lang.t("项目 ", "Item ") }
                    <select id="grid-item" onchange={on_item}>
                        <option value="" selected={q.item.is_none()}>{ lang.t("全部项目", "All items") }</option>
                        { for (0..ClaimItem::ALL.len()).map(|i| html! {
                            <option value={i.to_string()} selected={q.item == Some(i)}>{ format!("{}{}", item_label(i, lang), lang.t(" 有差异", " differs")) }</option> }) }
                    </select></label>
                <label>{ lang.t("排序 ", "Sort ") }
                    <select id="grid-sort" onchange={on_sort}>
                        <option value="line" selected={q.sort == Sort::Line}>{ lang.t("按行号", "By line") }</option>
                        <option value="desc" selected={q.sort == Sort::DiffDesc}>{ lang.t("差额从大到小", "Difference, largest first") }</option>
                        <option value="asc" selected={q.sort == Sort::DiffAsc}>{ lang.t("差额从小到大", "Difference, smallest first") }</option>
                    </select></label>
                <label>{ lang.t("搜索 ", "Search ") }
                    <input type="search" id="grid-search" value={q.search.clone()} oninput={on_search}
                        placeholder={lang.t("申报编号、机构名称或行号", "Claim id, facility name or line number")} /></label>
            </div>
            if !items.is_empty() {
                <p class="scroll-hint" aria-hidden="true">{ lang.t("← 左右滑动表格，查看各项的申报、复算与差额 →", "← Swipe the table sideways for each item's claimed, recomputed and difference →") }</p>
            }
            <div class="table-wrap"><table id="grid-table">
                <thead>
                    <tr><th rowspan="2" class="verdict-cell">{ lang.t("结论", "Verdict") }</th><th rowspan="2" class="line">{ lang.t("行", "Line") }</th><th rowspan="2" class="id">{ lang.t("编号", "Id") }</th>
                        { for items.iter().map(|&k| html! { <th colspan="3" class="item">{ item_label(k, lang) }</th> }) }
                        if items.is_empty() { <th rowspan="2" class="problem">{ lang.t("问题", "Problem") }</th> }</tr>
                    <tr>{ for items.iter().map(|_| html! { <>
                        <th class="num">{ lang.t("申报", "Claimed") }</th><th class="num">{ lang.t("复算", "Recomputed") }</th><th class="num">{ lang.t("差额", "Difference") }</th></> }) }</tr>
                </thead>
                <tbody>{ rows_html }</tbody>
            </table></div>
            <nav class="pager" id="grid-pager" data-page={(pg + 1).to_string()} data-pages={pages.to_string()}>
                <button type="button" id="grid-prev" onclick={go(pg.saturating_sub(1))} disabled={pg == 0} aria-label={lang.t("上一页", "Previous page")}>{ "‹" }</button>
                <span>{ format!("{} {} / {} · {} {}", lang.t("第", "Page"), group_digits(&(pg + 1).to_string()), group_digits(&pages.to_string()),
                    group_digits(&view.len().to_string()), lang.t("行", "rows")) }</span>
                <button type="button" id="grid-next" onclick={go((pg + 1).min(pages - 1))} disabled={pg + 1 >= pages} aria-label={lang.t("下一页", "Next page")}>{ "›" }</button>
            </nav>
        </div>
    }
}

fn detail_view(
    lang: Lang,
    d: &Result<Detail, (String, String)>,
    close: &Callback<MouseEvent>,
    refile: Option<Html>,
) -> Html {
    let back = html! { <button type="button" id="detail-close" class="detail-close" onclick={close.clone()}>
    { lang.t("↑ 返回列表", "↑ Back to the list") }</button> };
    let d = match d {
        Ok(d) => d,
        Err((zh, en)) => {
            return html! { <div class="detail" id="claim-detail" data-error="true">{ back }
            <p class="err" role="alert">{ lang.t(zh, en) }</p>{ refile.unwrap_or_default() }</div> }
        }
    };
    let j = &*d.json;
    let r = j.get("report").unwrap_or(&Value::Null);
    let verdict = verdict_named(text(r, "verdict"));
    let line = r.get("line").and_then(Value::as_u64).unwrap_or(0);
    // The calculator in a new tab, so the desk and its results stay.
    let open = j
        .get("request")
        .map(|v| format!("./{}", crate::fragment::fragment_for(&v.to_string())));
    let num = |v: &Value, k: &str| group_digits(text(v, k));
    // Citations in the page's language: calc-core's English title and article where it has them.
    let law = |b: &Value| {
        let s = |k: &str| b.get(k).and_then(Value::as_str);
        format!(
            "{} {}",
            line_row::doc_title(text(b, "document"), s("title_en"), lang),
            line_row::article_text(text(b, "article"), s("article_en"), lang)
        )
    };
    let err_of = |e: &Value| {
        html! { <p class="err" data-path={text(e, "path").to_string()}>
        { lang.t(text(e, "error_zh"), text(e, "error_en")) }</p> }
    };
    html! {
        <div class="detail" id="claim-detail" data-row={d.row.to_string()} data-line={line.to_string()} data-verdict={verdict.as_str()}>
            { back }
            <h3>{ format!("{}{}{} · {} ", lang.t("第 ", "Line "), line, lang.t(" 行", ""), text(r, "id")) }
                <span class={classes!("verdict", verdict.as_str())}>{ verdict_text(verdict, lang) }</span></h3>
            if let Some(e) = r.get("error") { { err_of(e) } }
            { for list(r, "warnings").iter().map(|w| html! { <p class="warn">{ "⚠ " }{ lang.t(text(w, "zh"), text(w, "en")) }
                if let Some(b) = w.get("basis").filter(|b| b.is_object()) { <small class="law">{ format!(" — {}", law(b)) }</small> }</p> }) }
            if !list(r, "items").is_empty() {
                <div class="table-wrap"><table class="items">
                    <thead><tr><th>{ lang.t("项目", "Item") }</th><th class="num">{ lang.t("申报", "Claimed") }</th><th class="num">{ lang.t("复算", "Recomputed") }</th>
                        <th class="num">{ lang.t("差额", "Difference") }</th><th>{ lang.t("结论", "Verdict") }</th><th>{ lang.t("原因", "Why") }</th></tr></thead>
                    <tbody>{ for list(r, "items").iter().map(|it| {
                        let v = verdict_named(text(it, "verdict"));
                        let name = text(it, "item");
                        let label = ClaimItem::from_name(name).map_or(name, |item| claim_item_text(item, lang));
                        html! {
                        <tr data-item={name.to_string()} data-verdict={v.as_str()}>
                            <td>{ label }</td>
                            <td class="num">{ num(it, "claimed") }</td>
                            <td class="num">{ num(it, "recomputed") }</td>
                            <td class="num">{ num(it, "difference") }</td>
                            <td><span class={classes!("verdict", v.as_str())}>{ verdict_text(v, lang) }</span></td>
                            <td class="reasons">{ for list(it, "reasons").iter().map(|x| html! { <div>{ lang.t(text(x, "zh"), text(x, "en")) }
                                if let Some(b) = x.get("basis").filter(|b| b.is_object()) { <small class="law">{ format!(" — {}", law(b)) }</small> }</div> }) }</td>
                        </tr>
                    } }) }</tbody>
                </table></div>
            }
            if let Some(open) = open {
                <p><a id="open-estimate" class="button primary" href={open} target="_blank" rel="noopener">{ lang.t("在优惠测算页打开（新标签页）", "Open in the estimate view (new tab)") }</a></p>
            }
            if let Some(st) = j.get("statement") {
                <details class="recompute" open=true>
                    <summary>{ lang.t("复算明细（每行的计算步骤与依据）", "The recomputation (every line with its steps and law)") }</summary>
                    <ol class="lines">{ for list(st, "lines").iter().map(|l| html! {
                        <li data-line-id={text(l, "id").to_string()} data-amount={text(l, "amount").to_string()}>
                            <strong>{ lang.t(text(l, "label_zh"), text(l, "label_en")) }</strong>{ "：" }{ num(l, "amount") }
                            <ul class="steps">{ for list(l, "steps").iter().map(|s| html! { <li>{ crate::components::line_row::group_in_text(lang.t(text(s, "zh"), text(s, "en"))) }</li> }) }</ul>
                            { for list(l, "reasons").iter().map(|x| html! { <p class="reason">{ lang.t(text(x, "zh"), text(x, "en")) }</p> }) }
                            <p class="law">{ for list(l, "basis").iter().map(|b| html! { <small>{ format!("{}{}", law(b), lang.t("；", "; ")) }</small> }) }</p>
                        </li>
                    }) }</ol>
                    <p><strong>{ lang.t("合计：", "Total: ") }{ num(st, "total") }</strong></p>
                </details>
            }
            if let Some(e) = j.get("error") { { err_of(e) } }
        </div>
    }
}
