//! The page's side of the desk: a run over one file, spread over Web Workers, kept in a
//! thread-local so it outlives the view (switching tabs keeps the run and its results).
//!
//! The file is cut into byte chunks; each worker takes the next chunk when it answers. Answers
//! arrive out of order and are merged in file order (a chunk waits until those before it are
//! in), so physical line numbers are the sum of the line starts of the chunks before.
//!
//! A CSV file's chunks are found as the run goes: the first worker scans the file for record
//! boundaries ([`super::cut`]) and the chunks between them are handed out as they are found; a
//! CSV chunk's "line starts" are the lines from its first line to the next chunk's, so the same
//! sum gives each chunk its first line (− 2: its reader starts with a synthetic header).

use super::keep;
use super::rows::Rows;
use crate::i18n::Lang;
use calc_core::verify::Summary;
use js_sys::{Array, Object, Reflect, Uint8Array};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, File, MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::Callback;

/// The worker script (a module loading `desk_worker.js` and `desk_worker_bg.wasm`).
pub const WORKER_URL: &str = "desk-worker.js";

/// The Excel worker's script (`desk_excel.js` and `desk_excel_bg.wasm`: the worker with calamine
/// and rust_xlsxwriter), started only for Excel files, reports and the template.
pub const EXCEL_WORKER_URL: &str = "desk-excel.js";

/// Largest chunk of a JSON Lines file handed to a worker at once.
const CHUNK_MAX: f64 = 1024.0 * 1024.0;
/// Smallest chunk.
const CHUNK_MIN: f64 = 32.0 * 1024.0;

/// The file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// JSON Lines.
    #[default]
    Jsonl,
    /// CSV in the columns of `tuoyu batch`.
    Csv,
    /// An Excel workbook (.xlsx): the same columns, header row in Chinese or English.
    Xlsx,
}

/// Excel workbooks are read whole by one worker up to this size (bytes; a workbook of 10⁵
/// claims is about 10 MB).
pub const XLSX_LIMIT: f64 = 64.0 * 1024.0 * 1024.0;

/// A report file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One `tuoyu.verification.v1` per line.
    Jsonl,
    /// The columns of `tuoyu batch --output x.csv`.
    Csv,
    /// The same columns in an Excel workbook (written by a worker from the CSV report).
    Xlsx,
}

/// Where the run is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Phase {
    /// No file yet.
    #[default]
    Idle,
    /// Workers are verifying.
    Running,
    /// Every row is in.
    Done,
    /// Stopped by the officer: the rows so far are kept (partial).
    Cancelled,
    /// Stopped by an error (zh, en).
    Failed(String, String),
}

/// What a set of workers is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Task {
    Rows,
    Report(Format),
    Template,
}

struct Job {
    task: Task,
    chunks: Vec<(f64, f64)>,
    next: usize,
    /// Per chunk: answers waiting for the chunks before it, and whether its last one is in.
    waiting: Vec<Vec<JsValue>>,
    last: Vec<bool>,
    flushed: usize,
    base: u32,
    workers: Vec<Worker>,
    _handlers: Vec<Closure<dyn FnMut(MessageEvent)>>,
    _errors: Vec<Closure<dyn FnMut(web_sys::ErrorEvent)>>,
    parts: Array,
    bytes: f64,
    t0: f64,
    /// Its workers are plain ones ([`WORKER_URL`]): kept in the pool when the job ends.
    plain: bool,
    /// A CSV file being scanned for its chunks: more may come (see [`super::cut`]).
    scanning: bool,
    /// The scan is still to be sent (to the first worker that can take work).
    scan_pending: bool,
    /// Workers that asked for a chunk when none was there yet (once per chunk they can take).
    idle: Vec<usize>,
    /// Where the chunk being found starts, and its first line.
    cut_at: f64,
    cut_line: u64,
}

/// The desk: the file, its run and what was found.
#[derive(Default)]
pub struct Desk {
    /// Increases with every new file.
    pub run: u64,
    /// The file's name.
    pub name: String,
    /// Its size in bytes.
    pub size: f64,
    /// Its format.
    pub kind: Kind,
    file: Option<File>,
    /// The whole file as a `Blob` (one slice of it, taken once): what the workers are sent, since
    /// slicing or sizing a `File` asks the browser about the file on disk every time (measured:
    /// ~2% of a worker's time at a chunk per megabyte), a `Blob`'s slice does not.
    blob: Option<Blob>,
    /// Where the run is.
    pub phase: Phase,
    /// The rows so far, in file order.
    pub rows: Rows,
    /// Counts so far.
    pub summary: Summary,
    /// Bytes verified so far.
    pub bytes_done: f64,
    /// Milliseconds since the start (or the run's length once it ended).
    pub ms: f64,
    /// Line starts per chunk of the rows run (to number lines when the report is written).
    starts: Vec<u32>,
    chunks: Vec<(f64, f64)>,
    job: Option<Job>,
    /// A report being written: its format and the share done (0–1).
    pub writing: Option<(Format, f64)>,
    /// Why the last download failed (zh, en).
    pub download_error: Option<(String, String)>,
    /// The sheet of an Excel file to read (empty: the first), for the next file.
    pub sheet: String,
    /// The sheet this run reads.
    sheet_read: String,
    /// Why the file's header row cannot be used (zh, en), as the worker found it: the file is
    /// refused (no rows).
    pub header_error: Option<(String, String)>,
    last_notify: f64,
    /// The file's last-modified time (ms since 1970).
    modified: f64,
    /// When the results shown were kept in the browser (ms since 1970), once they are.
    pub kept: Option<f64>,
    /// Where the workers' time went in this run (ms summed over workers): busy, reading the
    /// file; and when the first answer came (ms from the start). Shown as data attributes for
    /// the bench.
    pub worker_ms: (f64, f64, f64),
    /// Whether the results shown were read back from the browser's storage after a reload
    /// (the file itself is not kept: downloads and recomputations need it chosen again).
    pub restored: bool,
    /// A CSV file's header as its chunks' readers start (cells as one line; lines end in CR).
    csv_head: Option<(String, bool)>,
    /// The language of the report being written (CSV and Excel: Chinese or English headings).
    report_lang: Lang,
    /// The file is GBK text (Excel's "CSV" on Chinese Windows): the workers decode it.
    pub gbk: bool,
    /// The file is not a claims file: what it looks like, as the page says it (zh, en).
    pub refused: Option<(String, String)>,
}

thread_local! {
    static DESK: RefCell<Desk> = RefCell::new(Desk::default());
    static LISTENER: RefCell<Option<Callback<()>>> = const { RefCell::new(None) };
}

impl Desk {
    /// Whether the claims file is at hand (not after a reload, until it is chosen again).
    #[must_use]
    pub fn has_file(&self) -> bool {
        self.file.is_some()
    }

    /// Whether workers are at work (a run, a report); not while a file's first bytes are read.
    #[must_use]
    pub fn working(&self) -> bool {
        self.job.is_some()
    }

    /// The chunks the file was cut into (for a CSV file, those found so far).
    #[must_use]
    pub fn chunk_count(&self) -> usize {
        self.chunks.len()
    }
}

/// Reads the desk.
pub fn with<R>(f: impl FnOnce(&Desk) -> R) -> R {
    DESK.with(|d| f(&d.borrow()))
}

fn with_mut<R>(f: impl FnOnce(&mut Desk) -> R) -> R {
    DESK.with(|d| f(&mut d.borrow_mut()))
}

/// The view to re-render on progress (the last one mounted).
pub fn subscribe(cb: Option<Callback<()>>) {
    LISTENER.with(|l| *l.borrow_mut() = cb);
}

fn notify() {
    let cb = LISTENER.with(|l| l.borrow().clone());
    if let Some(cb) = cb {
        cb.emit(());
    }
}

fn now() -> f64 {
    js_sys::global()
        .dyn_into::<web_sys::Window>()
        .ok()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Workers to start: one per core, at most 8 (and at least 1).
#[must_use]
pub fn worker_count() -> usize {
    let n = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
    if n.is_finite() && n >= 1.0 {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        {
            (n as usize).clamp(1, 8)
        }
    } else {
        1
    }
}

fn kind_of(name: &str) -> Kind {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".csv") {
        Kind::Csv
    } else if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        Kind::Xlsx
    } else {
        Kind::Jsonl
    }
}

/// The size of chunks of a file of `size` bytes: about eight per worker, between 32 KiB and 1 MiB.
fn chunk_step(size: f64, workers: usize) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let want = size / (workers as f64 * 8.0);
    want.clamp(CHUNK_MIN, CHUNK_MAX).floor()
}

/// Chunks of `[0, size)` ([`chunk_step`]).
fn chunks_of(size: f64, workers: usize) -> Vec<(f64, f64)> {
    let step = chunk_step(size, workers);
    let mut out = Vec::new();
    let mut a = 0.0;
    while a < size {
        let b = (a + step).min(size);
        out.push((a, b));
        a = b;
    }
    out
}

thread_local! {
    /// Counts the files chosen: a file's first bytes arriving after another file was chosen are
    /// dropped.
    static CHOSEN: Cell<u64> = const { Cell::new(0) };
}

/// Whether `bytes` read cleanly as GBK (the browser's decoder; a character cut at the end is
/// not an error).
fn reads_as_gbk(bytes: &[u8]) -> bool {
    let opts = web_sys::TextDecoderOptions::new();
    opts.set_fatal(true);
    let Ok(dec) = web_sys::TextDecoder::new_with_label_and_options("gbk", &opts) else {
        return false;
    };
    let stream = web_sys::TextDecodeOptions::new();
    stream.set_stream(true);
    dec.decode_with_u8_array_and_options(bytes, &stream).is_ok()
}

/// Starts verifying `file`, replacing any earlier run: its first bytes are read first
/// ([`super::sniff`]), so a file that is not claims is said to be so, a workbook is read as one
/// whatever its name, and GBK text is decoded.
pub fn start(file: File) {
    stop_job();
    let seq = CHOSEN.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let name = file.name();
    let size = file.size();
    let modified = file.last_modified();
    // The file of results read back after a reload: taken back as it is, not verified again.
    let same = with(|d| {
        d.restored
            && d.file.is_none()
            && d.name == name
            && d.size == size
            && d.modified == modified
            && d.sheet.trim() == d.sheet_read.trim()
    });
    if same {
        with_mut(|d| {
            d.blob = file.slice().ok();
            d.file = Some(file);
        });
        notify();
        return;
    }
    // The earlier run's results go now (its file's first bytes are read meanwhile).
    with_mut(|d| {
        let sheet = std::mem::take(&mut d.sheet);
        *d = Desk {
            run: d.run + 1,
            sheet,
            name: name.clone(),
            size,
            kind: kind_of(&name),
            phase: Phase::Running,
            ..Desk::default()
        };
    });
    notify();
    let head = file.slice_with_f64_and_f64(0.0, super::sniff::PEEK.min(size));
    wasm_bindgen_futures::spawn_local(async move {
        let bytes = match head {
            Ok(b) => wasm_bindgen_futures::JsFuture::from(b.array_buffer())
                .await
                .map(|buf| Uint8Array::new(&buf).to_vec())
                .unwrap_or_default(),
            Err(_) => Vec::new(),
        };
        if CHOSEN.with(Cell::get) != seq {
            return;
        }
        let found = super::sniff::sniff(&bytes, reads_as_gbk);
        start_sniffed(file, found, &bytes);
    });
}

/// Starts verifying `file`, whose first bytes `head` were found to be `found`.
fn start_sniffed(file: File, found: super::sniff::Sniff, head: &[u8]) {
    use super::sniff::Sniff;
    let name = file.name();
    let size = file.size();
    let modified = file.last_modified();
    let mut kind = kind_of(&name);
    match found {
        Sniff::Xlsx => kind = Kind::Xlsx,
        // Text named .xlsx: read as what it holds.
        Sniff::Text | Sniff::Gbk if kind == Kind::Xlsx => {
            let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
            kind = if text.trim_ascii_start().starts_with(b"{") {
                Kind::Jsonl
            } else {
                Kind::Csv
            };
        }
        _ => {}
    }
    let gbk = found == Sniff::Gbk && kind == Kind::Csv;
    if let Sniff::NotClaims(zh, en) = found {
        with_mut(|d| {
            let sheet = std::mem::take(&mut d.sheet);
            *d = Desk {
                run: d.run + 1,
                sheet,
                name: name.clone(),
                size,
                refused: Some((
                    format!("“{name}”看起来是{zh}，不是申报文件。申报核验台读取 CSV、Excel 工作簿（.xlsx）或 JSON Lines 格式的申报文件；没有核验任何行。"),
                    format!("“{name}” looks like {en}, not a claims file. The desk reads claims as CSV, an Excel workbook (.xlsx) or JSON Lines; no rows were verified."),
                )),
                ..Desk::default()
            };
        });
        notify();
        return;
    }
    if found == Sniff::Empty {
        with_mut(|d| {
            let sheet = std::mem::take(&mut d.sheet);
            *d = Desk {
                run: d.run + 1,
                sheet_read: sheet.clone(),
                sheet,
                name,
                size,
                kind,
                modified,
                phase: Phase::Done,
                ..Desk::default()
            };
        });
        notify();
        return;
    }
    // JSON must be UTF-8: GBK text in a JSON Lines file would give garbled rows.
    let failed: Option<Phase> = (found == Sniff::Gbk && kind == Kind::Jsonl).then(|| {
        Phase::Failed(
            format!("“{name}”是 GBK 编码的文本，而 JSON Lines 文件必须是 UTF-8 编码：请另存为 UTF-8 后再试（没有核验任何行）。"),
            format!("“{name}” is GBK text, and a JSON Lines file must be UTF-8: save it as UTF-8 and try again (no rows were verified)."),
        )
    });
    let failed = failed.or_else(|| {
        (kind == Kind::Xlsx && size > XLSX_LIMIT).then(|| {
            Phase::Failed(
                format!(
                    "Excel 文件为 {} MB，浏览器中的 Excel 上限为 {} MB：请拆分文件，或另存为 CSV UTF-8。",
                    crate::num::fixed(size / 1_048_576.0, 0),
                    crate::num::fixed(XLSX_LIMIT / 1_048_576.0, 0)
                ),
                format!(
                    "The Excel file is {} MB; the browser reads workbooks up to {} MB: split it, or save it as CSV UTF-8.",
                    crate::num::fixed(size / 1_048_576.0, 0),
                    crate::num::fixed(XLSX_LIMIT / 1_048_576.0, 0)
                ),
            )
        })
    });
    // CSV: found by the run's scan.
    let chunks = match kind {
        Kind::Jsonl => chunks_of(size, worker_count()),
        Kind::Csv => Vec::new(),
        Kind::Xlsx => vec![(0.0, size)],
    };
    with_mut(|d| {
        let run = d.run + 1;
        let sheet = std::mem::take(&mut d.sheet);
        *d = Desk {
            run,
            sheet_read: sheet.clone(),
            sheet,
            name,
            size,
            kind,
            modified,
            blob: file.slice().ok(),
            file: Some(file),
            phase: failed.clone().unwrap_or(Phase::Running),
            gbk,
            starts: vec![0; chunks.len()],
            chunks: chunks.clone(),
            ..Desk::default()
        };
    });
    if failed.is_none() {
        launch(Task::Rows, chunks);
        if kind == Kind::Xlsx {
            let run = with(|d| d.run);
            crate::platform::later_by(UNPACK_TICK_MS, move || unpack_tick(run));
        }
    }
    notify();
}

/// How often the time spent unpacking a workbook is shown again (ms).
const UNPACK_TICK_MS: i32 = 500;

/// While a workbook is unpacked (no row yet), its time so far is shown every [`UNPACK_TICK_MS`].
fn unpack_tick(run: u64) {
    let going = with_mut(|d| {
        let t0 = d.job.as_ref().filter(|j| j.task == Task::Rows)?.t0;
        (d.run == run && d.phase == Phase::Running && d.rows.is_empty()).then(|| {
            d.ms = now() - t0;
        })
    });
    if going.is_some() {
        notify();
        crate::platform::later_by(UNPACK_TICK_MS, move || unpack_tick(run));
    }
}

/// Writes the report of the whole file in `format` and offers it as a download (the claims
/// are verified again, by the workers, into a `Blob` built from parts).
pub fn download(format: Format, lang: Lang) {
    let chunks = with(|d| d.chunks.clone());
    if with(|d| d.file.is_none() || d.job.is_some()) {
        return;
    }
    with_mut(|d| {
        d.report_lang = lang;
        d.writing = Some((format, 0.0));
        d.download_error = None;
    });
    launch(Task::Report(format), chunks);
    notify();
}

/// Sets the sheet of Excel files to read (empty: the first); applies to the next file.
pub fn set_sheet(name: String) {
    with_mut(|d| d.sheet = name);
}

/// Asks a worker for the claims template as an Excel workbook, then offers it.
pub fn template_xlsx() {
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"mode".into(), &"template-xlsx".into());
    ask(
        msg,
        true,
        Callback::from(|r: Result<Vec<u8>, (String, String)>| match r {
            Ok(b) => save_blob(
                "claims-template.xlsx",
                XLSX_MIME,
                &Array::of1(&Uint8Array::from(&b[..])),
            ),
            Err(e) => {
                with_mut(|d| d.download_error = Some(e));
                notify();
            }
        }),
    );
}

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Asks a worker for the claims template and its column notes, then offers both.
pub fn template() {
    if with(|d| d.job.is_some()) {
        return;
    }
    launch(Task::Template, vec![(0.0, 0.0)]);
}

/// Stops the run; the rows so far stay, marked partial.
pub fn cancel() {
    let was = with(|d| d.job.as_ref().map(|j| j.task));
    let job_ms = with(|d| d.job.as_ref().map_or(d.ms, |j| now() - j.t0));
    stop_job();
    with_mut(|d| match was {
        Some(Task::Rows) => {
            d.phase = Phase::Cancelled;
            d.ms = job_ms;
        }
        Some(Task::Report(_)) => d.writing = None,
        None => d.writing = None,
        _ => {}
    });
    if was == Some(Task::Rows) {
        keep();
    }
    notify();
}

fn stop_job() {
    if let Some(job) = with_mut(|d| d.job.take()) {
        if job.scanning && job.task == Task::Rows {
            // The rest of a CSV file whose scan did not end: one chunk (reports are written
            // from the chunks, and must cover the whole file).
            with_mut(|d| {
                if d.size > job.cut_at || d.chunks.is_empty() {
                    d.chunks.push((job.cut_at, d.size));
                    d.starts.push(0);
                }
            });
        }
        // Busy with chunks no one wants now: stopped, and replaced in the pool by fresh ones.
        for w in &job.workers {
            w.terminate();
        }
        if job.plain {
            warm();
        }
    }
}

thread_local! {
    /// Plain workers kept between runs, and started ahead of the first one ([`warm`]).
    static POOL: RefCell<Vec<Pooled>> = const { RefCell::new(Vec::new()) };
}

/// How long, in all, a fresh pooled worker verifies sample claims before the first file, and in
/// slices of how long (a file chosen meanwhile waits at most one slice).
const WARM_MS: f64 = 2500.0;
const WARM_SLICE_MS: f64 = 40.0;

/// A worker in the pool: idle, its module loaded (`ready`) or still loading.
struct Pooled {
    worker: Worker,
    ready: Rc<Cell<bool>>,
    _on: Closure<dyn FnMut(MessageEvent)>,
}

/// Starts the desk's plain workers (one per core) before any file is chosen, and has each verify
/// built-in sample claims for about [`WARM_MS`] ms.
///
/// A browser runs a WebAssembly module first as quickly compiled baseline code and compiles its
/// hot functions again, optimised, in the background: measured with `scripts/bench-wasm-core.sh`
/// (2026-12-01), a fresh module verifies 2,000–3,000 claims/s for its first 1.5 s and 25,000–30,000
/// after. Warm workers, kept in a pool between runs, spend that time while the officer picks the
/// file instead of on the file's first claims.
pub fn warm() {
    let want = worker_count();
    let early = adopt_early();
    POOL.with(|p| {
        let mut pool = p.borrow_mut();
        for (worker, ready) in early {
            if pool.len() < want {
                pool.push(pooled(worker, ready, false));
            } else {
                worker.terminate();
            }
        }
        while pool.len() < want {
            let Some(worker) = new_worker(WORKER_URL) else {
                return;
            };
            pool.push(pooled(worker, false, false));
        }
    });
}

/// The workers `desk.html` started before the page's module loaded (`window.tuoyuDeskWorkers`,
/// taken once), each with whether it has said `ready` already: started that early, their
/// module is compiled and warming up by the time the page can take a file (measured in
/// `web/e2e/desk.test.mjs`, the file picked as soon as the desk shows).
fn adopt_early() -> Vec<(Worker, bool)> {
    let Some(win) = web_sys::window() else {
        return Vec::new();
    };
    let key = JsValue::from_str("tuoyuDeskWorkers");
    let list = Reflect::get(&win, &key).unwrap_or(JsValue::UNDEFINED);
    if !Array::is_array(&list) {
        return Vec::new();
    }
    let _ = Reflect::delete_property(&win, &key);
    Array::from(&list)
        .iter()
        .filter_map(|w| w.dyn_into::<Worker>().ok())
        .map(|w| {
            let ready = get(&w, "tuoyuReady").is_truthy();
            (w, ready)
        })
        .collect()
}

/// A pooled worker with its idle handler: on `ready`, and after each warm slice until the
/// warm-up time is spent, it asks for another slice. `warmed`: it has spent its warm-up (a
/// worker back from a run); a `ready` one that has not is asked for its first slice now.
fn pooled(worker: Worker, ready: bool, warmed: bool) -> Pooled {
    let flag = Rc::new(Cell::new(ready));
    let spent = Rc::new(Cell::new(if warmed { WARM_MS } else { 0.0 }));
    if ready && !warmed {
        warm_slice(&worker);
    }
    let on = {
        let (worker, flag) = (worker.clone(), flag.clone());
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            if get(&data, "ready").is_truthy() {
                flag.set(true);
            } else if let Some(ms) = get(&data, "warmed").as_f64() {
                spent.set(spent.get() + ms);
            } else {
                return;
            }
            if spent.get() < WARM_MS {
                warm_slice(&worker);
            }
        })
    };
    worker.set_onmessage(Some(on.as_ref().unchecked_ref()));
    worker.set_onerror(None);
    Pooled {
        worker,
        ready: flag,
        _on: on,
    }
}

/// Asks a pooled worker to verify sample claims for [`WARM_SLICE_MS`].
fn warm_slice(worker: &Worker) {
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"mode".into(), &"warm".into());
    let _ = Reflect::set(&msg, &"ms".into(), &WARM_SLICE_MS.into());
    let _ = worker.post_message(&msg);
}

/// A module worker running `url`, or `None` when the browser cannot start one.
fn new_worker(url: &str) -> Option<Worker> {
    let opts = WorkerOptions::new();
    opts.set_type(WorkerType::Module);
    Worker::new_with_options(url, &opts).ok()
}

/// Up to `n` pooled workers, ready ones first.
fn take_pooled(n: usize) -> Vec<Pooled> {
    POOL.with(|p| {
        let mut pool = p.borrow_mut();
        pool.sort_by_key(|w| w.ready.get());
        let k = pool.len().saturating_sub(n);
        pool.split_off(k)
    })
}

/// Puts an idle worker of a finished job back in the pool (beyond one per core, it is stopped).
fn give_back(worker: Worker) {
    POOL.with(|p| {
        let mut pool = p.borrow_mut();
        if pool.len() < worker_count() {
            pool.push(pooled(worker, true, true));
        } else {
            worker.terminate();
        }
    });
}

fn launch(task: Task, chunks: Vec<(f64, f64)>) {
    let (run, kind) = with(|d| (d.run, d.kind));
    // A CSV file's chunks are found by a scan, as the run goes.
    let scan = task == Task::Rows && kind == Kind::Csv;
    let n = if scan {
        worker_count()
    } else if task == Task::Rows || matches!(task, Task::Report(_)) {
        worker_count().min(chunks.len()).max(1)
    } else {
        1
    };
    let url = if kind == Kind::Xlsx {
        EXCEL_WORKER_URL
    } else {
        WORKER_URL
    };
    let plain = url == WORKER_URL;
    // Warm workers from the pool first (their module loaded: they will not say `ready` again,
    // so they are given their first chunks below); new ones for the rest.
    let mut pooled = if plain { take_pooled(n) } else { Vec::new() };
    let mut started = Vec::new();
    let mut workers = Vec::new();
    let mut handlers = Vec::new();
    let mut errors = Vec::new();
    for w_i in 0..n {
        let worker = if let Some(p) = pooled.pop() {
            if p.ready.get() {
                started.push(w_i);
            }
            p.worker
        } else {
            match new_worker(url) {
                Some(w) => w,
                None => {
                    fail(
                        run,
                        "无法启动后台线程（Web Worker）。",
                        "Could not start a Web Worker.",
                    );
                    return;
                }
            }
        };
        let h = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            on_message(run, w_i, &e.data());
        });
        worker.set_onmessage(Some(h.as_ref().unchecked_ref()));
        let er = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
            e.prevent_default();
            fail(
                run,
                &format!("后台线程出错：{}", e.message()),
                &format!("A worker failed: {}", e.message()),
            );
        });
        worker.set_onerror(Some(er.as_ref().unchecked_ref()));
        workers.push(worker);
        handlers.push(h);
        errors.push(er);
    }
    let count = chunks.len();
    let parts = Array::new();
    let job = Job {
        task,
        chunks,
        next: 0,
        waiting: vec![Vec::new(); count],
        last: vec![false; count],
        flushed: 0,
        base: 0,
        workers,
        _handlers: handlers,
        _errors: errors,
        parts,
        bytes: 0.0,
        t0: now(),
        plain,
        scanning: scan,
        scan_pending: scan,
        idle: Vec::new(),
        cut_at: 0.0,
        cut_line: 2,
    };
    with_mut(|d| {
        if task == Task::Rows {
            d.ms = 0.0;
        }
        d.job = Some(job);
        // Two chunks in flight per worker (as on `ready`).
        for &w in &started {
            dispatch(d, w);
            dispatch(d, w);
        }
    });
}

fn fail(run: u64, zh: &str, en: &str) {
    let mine = with(|d| d.run == run);
    if !mine {
        return;
    }
    let task = with(|d| d.job.as_ref().map(|j| j.task));
    stop_job();
    with_mut(|d| match task {
        Some(Task::Report(_) | Task::Template) => {
            d.writing = None;
            d.download_error = Some((zh.to_string(), en.to_string()));
        }
        _ => d.phase = Phase::Failed(zh.to_string(), en.to_string()),
    });
    notify();
}

/// A worker's summary: counts in `Verdict::ALL` order and the over-claimed amount.
fn summary_of(msg: &JsValue) -> Summary {
    let mut s = Summary::default();
    let counts = Array::from(&get(msg, "counts"));
    for (i, v) in calc_core::Verdict::ALL.iter().enumerate() {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = counts
            .get(u32::try_from(i).unwrap_or(0))
            .as_f64()
            .unwrap_or(0.0) as u64;
        if n > 0 {
            s.by_verdict.insert(*v, n);
            s.claims += n;
        }
    }
    if let Some(over) = get(msg, "over").as_string() {
        if let Ok(d) = over.parse() {
            s.over_claimed_amount = calc_core::Dec(d);
        }
    }
    let items = Array::from(&get(msg, "over_items"));
    for (i, item) in calc_core::verify::ClaimItem::ALL.iter().enumerate() {
        let text = items.get(u32::try_from(i).unwrap_or(0)).as_string();
        if let Some(d) = text.and_then(|t| t.parse().ok()) {
            s.add_over_claimed(*item, d);
        }
    }
    s
}

fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

/// Sends worker `w` its next chunk, if any is left.
fn dispatch(d: &mut Desk, w: usize) {
    let file = d.blob.clone().or_else(|| d.file.clone().map(Blob::from));
    let kind = d.kind;
    let sheet = d.sheet_read.clone();
    let starts = d.starts.clone();
    let head = d.csv_head.clone();
    let size = d.size;
    let lang = d.report_lang;
    let gbk = d.gbk;
    let Some(job) = d.job.as_mut() else { return };
    if job.scan_pending {
        // The first worker scans the CSV file for its chunks (then verifies them with the rest).
        job.scan_pending = false;
        let msg = Object::new();
        let _ = Reflect::set(&msg, &"mode".into(), &"scan".into());
        let _ = Reflect::set(&msg, &"chunk".into(), &JsValue::from(-1.0));
        if let Some(f) = &file {
            let _ = Reflect::set(&msg, &"file".into(), f);
        }
        let step = chunk_step(size, job.workers.len());
        let _ = Reflect::set(&msg, &"step".into(), &JsValue::from(step));
        let _ = Reflect::set(&msg, &"gbk".into(), &JsValue::from_bool(gbk));
        if let Some(worker) = job.workers.get(w) {
            let _ = worker.post_message(&msg);
        }
        return;
    }
    if job.next >= job.chunks.len() {
        if job.scanning {
            job.idle.push(w);
        }
        return;
    }
    let k = job.next;
    job.next += 1;
    let (a, b) = job.chunks[k];
    let msg = Object::new();
    let put = |key: &str, v: &JsValue| {
        let _ = Reflect::set(&msg, &JsValue::from_str(key), v);
    };
    put("chunk", &JsValue::from(k as f64));
    match job.task {
        Task::Template => put("mode", &JsValue::from_str("template")),
        Task::Rows | Task::Report(_) => {
            let mode = match job.task {
                Task::Report(Format::Jsonl) => "jsonl",
                // The workbook is written from the CSV report.
                Task::Report(Format::Csv | Format::Xlsx) => "csv",
                _ => "rows",
            };
            put("mode", &JsValue::from_str(mode));
            // A workbook stores text as text: its cells without the CSV's `'` guard.
            put(
                "plain",
                &JsValue::from_bool(job.task == Task::Report(Format::Xlsx)),
            );
            put("lang", &JsValue::from_str(lang.t("zh", "en")));
            put("kind", &JsValue::from_str(kind_id(kind)));
            put("sheet", &JsValue::from_str(&sheet));
            put("gbk", &JsValue::from_bool(gbk));
            if let Some(f) = &file {
                put("file", f);
                if kind == Kind::Jsonl {
                    // The chunk's bytes sliced here, where waiting on the browser costs no
                    // verifying (see `work::jsonl_async`).
                    let (start, end) = super::work::chunk_span(a, b, f.size());
                    if let Ok(part) = f.slice_with_f64_and_f64(start, end) {
                        put("part", &part);
                    }
                } else if kind == Kind::Csv && a > 0.0 {
                    if let Ok(part) = f.slice_with_f64_and_f64(a, b) {
                        put("part", &part);
                    }
                }
            }
            put("a", &JsValue::from(a));
            put("b", &JsValue::from(b));
            // Where the chunk's lines are counted from. A CSV chunk's lines are known from the
            // scan before it is sent, and a report is written after the rows run counted every
            // chunk's: the chunks before it are summed. A JSON Lines chunk of the rows run is
            // sent before the chunks ahead of it are counted: its rows are numbered from 0 and
            // `flush` adds the lines of the chunks before, merged in order.
            let base: u32 = if job.task == Task::Rows && kind != Kind::Csv {
                0
            } else {
                starts.iter().take(k).sum()
            };
            put("base", &JsValue::from(base));
            if let (Kind::Csv, Some((names, cr))) = (kind, &head) {
                put("head", &JsValue::from_str(names));
                put("cr", &JsValue::from_bool(*cr));
            }
        }
    }
    if let Some(worker) = job.workers.get(w) {
        let _ = worker.post_message(&msg);
    }
}

fn kind_id(kind: Kind) -> &'static str {
    match kind {
        Kind::Jsonl => "jsonl",
        Kind::Csv => "csv",
        Kind::Xlsx => "xlsx",
    }
}

/// The progress is shown again at most this often (ms): each showing re-renders and lays out
/// the desk on the thread that feeds the workers (4 a second are plenty to read).
const PROGRESS_MS: f64 = 250.0;

fn on_message(run: u64, w: usize, data: &JsValue) {
    if with(|d| d.run != run || d.job.is_none()) {
        return;
    }
    if let (Some(zh), Some(en)) = (
        get(data, "header_zh").as_string(),
        get(data, "header_en").as_string(),
    ) {
        // The file is refused, as the command line refuses it: no rows, the columns named.
        stop_job();
        with_mut(|d| {
            let sheet = std::mem::take(&mut d.sheet);
            *d = Desk {
                run: d.run + 1,
                sheet,
                name: std::mem::take(&mut d.name),
                size: d.size,
                header_error: Some((zh, en)),
                ..Desk::default()
            };
        });
        notify();
        return;
    }
    if get(data, "ready").is_truthy() {
        // Two chunks in flight per worker: it never waits for the page between chunks.
        with_mut(|d| {
            dispatch(d, w);
            dispatch(d, w);
        });
        return;
    }
    if let Some(e) = get(data, "error").as_string() {
        fail(run, &e, &e);
        return;
    }
    if get(data, "whole").is_truthy() || !get(data, "scan").is_undefined() {
        // The scanning worker verifies chunks too once its scan is over.
        let over = get(data, "whole").is_truthy() || get(data, "done").is_truthy();
        let finished = with_mut(|d| {
            scanned(d, data);
            if over {
                dispatch(d, w);
            }
            d.job
                .as_ref()
                .is_some_and(|j| !j.scanning && j.flushed == j.chunks.len())
        });
        if finished {
            finish();
        }
        return;
    }
    let chunk = get(data, "chunk").as_f64().unwrap_or(-1.0);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let k = if chunk >= 0.0 {
        chunk as usize
    } else {
        usize::MAX
    };
    let last = get(data, "last").is_truthy();
    let finished = with_mut(|d| {
        let job = d.job.as_mut()?;
        if k >= job.waiting.len() {
            return None;
        }
        job.waiting[k].push(data.clone());
        if last {
            job.last[k] = true;
        }
        let more = last;
        flush(d);
        if more {
            dispatch(d, w);
        }
        let job = d.job.as_ref()?;
        Some(job.flushed == job.chunks.len() && !job.scanning)
    });
    match finished {
        Some(true) => finish(),
        Some(false) => {
            let t = now();
            let due = with_mut(|d| {
                if t - d.last_notify >= PROGRESS_MS {
                    d.last_notify = t;
                    true
                } else {
                    false
                }
            });
            if due {
                notify();
            }
        }
        None => {}
    }
}

/// Takes the chunks a CSV scan found (`scan`: (offset, line) pairs where records start; `done`:
/// the file ended), or the whole file as one chunk (`whole`: its header cannot be used), and
/// hands them to the workers waiting.
fn scanned(d: &mut Desk, data: &JsValue) {
    if let (Some(names), Some(cr)) = (get(data, "head").as_string(), get(data, "cr").as_bool()) {
        d.csv_head = Some((names, cr));
    }
    let size = d.size;
    let Some(job) = d.job.as_mut() else { return };
    if !job.scanning {
        return;
    }
    let mut found = Vec::new();
    if get(data, "whole").is_truthy() {
        found.push((size, 0));
    } else {
        let pairs = js_sys::Float64Array::new(&get(data, "scan")).to_vec();
        for p in pairs.chunks_exact(2) {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            found.push((p[0], p[1] as u64));
        }
        if get(data, "done").is_truthy() {
            found.push((size, 0));
        }
    }
    let mut done = false;
    for (at, line) in found {
        if at >= size {
            done = true;
        }
        if at <= job.cut_at && !(done && job.chunks.is_empty()) {
            continue;
        }
        let starts = u32::try_from(line.saturating_sub(job.cut_line)).unwrap_or(u32::MAX);
        job.chunks.push((job.cut_at, at.min(size)));
        job.waiting.push(Vec::new());
        job.last.push(false);
        d.chunks.push((job.cut_at, at.min(size)));
        d.starts.push(if done { 0 } else { starts });
        job.cut_at = at;
        job.cut_line = line;
        if done {
            break;
        }
    }
    if done {
        job.scanning = false;
    }
    // The workers that found nothing to do take the new chunks.
    let idle = std::mem::take(&mut job.idle);
    for w in idle {
        dispatch(d, w);
    }
}

/// Merges the answers of the chunks that are next in file order.
fn flush(d: &mut Desk) {
    let Some(job) = d.job.as_mut() else { return };
    let mut broken = false;
    while job.flushed < job.chunks.len() {
        let k = job.flushed;
        for msg in std::mem::take(&mut job.waiting[k]) {
            let starts = get(&msg, "starts").as_f64().unwrap_or(0.0);
            let bytes = get(&msg, "rows")
                .dyn_into::<Uint8Array>()
                .ok()
                .map(|u| {
                    let v = u.to_vec();
                    // Freed now, not at the next garbage collection (10⁶ rows: about 60 MB).
                    if job.task == Task::Rows {
                        super::work::release(&u.buffer());
                    }
                    v
                })
                .unwrap_or_default();
            if job.task == Task::Rows {
                d.summary.merge(&summary_of(&msg));
                if get(&msg, "last").is_truthy() {
                    d.worker_ms.0 += get(&msg, "busy").as_f64().unwrap_or(0.0);
                    d.worker_ms.1 += get(&msg, "read").as_f64().unwrap_or(0.0);
                }
                if d.worker_ms.2 == 0.0 {
                    d.worker_ms.2 = now() - job.t0;
                }
            }
            match job.task {
                Task::Rows => {
                    if d.rows.push_wire(&bytes, job.base).is_err() {
                        broken = true;
                    }
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let s = starts as u32;
                    if let Some(x) = d.starts.get_mut(k) {
                        *x += s;
                    }
                    job.base = job.base.saturating_add(s);
                }
                Task::Report(_) | Task::Template => {
                    let u = Uint8Array::from(&bytes[..]);
                    job.parts.push(&u);
                }
            }
        }
        if !job.last[k] {
            break;
        }
        let (a, b) = job.chunks[k];
        job.bytes += b - a;
        job.flushed += 1;
        if job.task == Task::Rows && job.flushed == 1 && d.size > b && b > 0.0 {
            // Room for the whole file at the first chunk's rows per byte (plus 5%).
            #[allow(
                clippy::cast_precision_loss,
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss
            )]
            let more = (d.rows.len() as f64 * (d.size - b) / b * 1.05) as usize;
            d.rows.reserve(more.min(50_000_000));
        }
    }
    let elapsed = now() - job.t0;
    let share = if d.size > 0.0 {
        job.bytes / d.size
    } else {
        1.0
    };
    match job.task {
        Task::Rows => {
            d.bytes_done = job.bytes;
            d.ms = elapsed;
        }
        Task::Report(f) => d.writing = Some((f, share)),
        Task::Template => {}
    }
    if broken {
        d.phase = Phase::Failed(
            "后台线程的结果无法读取。".to_string(),
            "A worker's answer could not be read.".to_string(),
        );
    }
}

fn finish() {
    let Some(job) = with_mut(|d| d.job.take()) else {
        return;
    };
    if job.plain {
        // Every chunk is answered: the workers are idle and warm; the next file reuses them.
        for w in &job.workers {
            give_back(w.clone());
        }
    } else {
        for w in &job.workers {
            w.terminate();
        }
    }
    let (name, kind) = with(|d| (d.name.clone(), d.kind));
    match job.task {
        Task::Rows => with_mut(|d| {
            if d.phase == Phase::Running {
                d.phase = Phase::Done;
            }
            d.ms = now() - job.t0;
        }),
        Task::Report(f) => {
            let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
            let (ext, mime) = match f {
                Format::Jsonl => ("jsonl", "application/x-ndjson"),
                Format::Csv => ("csv", "text/csv"),
                Format::Xlsx => ("xlsx", XLSX_MIME),
            };
            let _ = kind;
            let file = format!("{stem}.report.{ext}");
            if f == Format::Xlsx {
                // One worker turns the CSV report into a workbook.
                let opts = BlobPropertyBag::new();
                opts.set_type("text/csv");
                match Blob::new_with_u8_array_sequence_and_options(&job.parts, &opts) {
                    Ok(blob) => {
                        let msg = Object::new();
                        let _ = Reflect::set(&msg, &"mode".into(), &"xlsx-report".into());
                        let _ = Reflect::set(&msg, &"blob".into(), &blob);
                        ask(
                            msg,
                            true,
                            Callback::from(move |r: Result<Vec<u8>, (String, String)>| {
                                match r {
                                    Ok(b) => save_blob(
                                        &file,
                                        XLSX_MIME,
                                        &Array::of1(&Uint8Array::from(&b[..])),
                                    ),
                                    Err(e) => with_mut(|d| d.download_error = Some(e)),
                                }
                                with_mut(|d| d.writing = None);
                                notify();
                            }),
                        );
                    }
                    Err(_) => with_mut(|d| d.writing = None),
                }
            } else {
                save_blob(&file, mime, &job.parts);
                with_mut(|d| d.writing = None);
            }
        }
        Task::Template => {
            // One text: the template, a form feed, the column notes.
            let text = job
                .parts
                .iter()
                .filter_map(|p| p.dyn_into::<Uint8Array>().ok())
                .flat_map(|u| u.to_vec())
                .collect::<Vec<u8>>();
            let text = String::from_utf8_lossy(&text).into_owned();
            let (tpl, notes) = text.split_once('\u{c}').unwrap_or((&text, ""));
            save_blob(
                "claims-template.csv",
                "text/csv",
                &Array::of1(&JsValue::from_str(tpl)),
            );
            save_blob(
                "claims-columns.csv",
                "text/csv",
                &Array::of1(&JsValue::from_str(notes)),
            );
        }
    }
    if job.task == Task::Rows && with(|d| d.phase == Phase::Done) {
        // Kept once the results are on screen: storing 10⁵ rows took the frame that shows them
        // ~50–100 ms later.
        crate::platform::later_by(KEEP_AFTER_MS, keep);
    }
    notify();
}

/// How long after a run ends its results are stored (ms): after the frame that shows them.
const KEEP_AFTER_MS: i32 = 250;

/// Keeps the run's results in the browser (IndexedDB), so a reload shows them again.
fn keep() {
    let Some((run, meta)) = with(|d| {
        matches!(d.phase, Phase::Done | Phase::Cancelled).then(|| {
            (
                d.run,
                keep::Meta {
                    name: d.name.clone(),
                    size: d.size,
                    modified: d.modified,
                    kind: kind_id(d.kind).to_string(),
                    sheet: d.sheet_read.clone(),
                    gbk: d.gbk,
                    when: js_sys::Date::now(),
                    ms: d.ms,
                    partial: d.phase == Phase::Cancelled,
                    summary: d.summary.clone(),
                    chunks: d.chunks.clone(),
                    starts: d.starts.clone(),
                    rows: d.rows.len(),
                    pieces: d.rows.len().div_ceil(keep::PIECE),
                },
            )
        })
    }) else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let when = meta.when;
        let piece = |k: usize, buf: &mut Vec<u8>| {
            with(|d| {
                (d.run == run).then(|| d.rows.to_wire(k * keep::PIECE, (k + 1) * keep::PIECE, buf))
            })
            .is_some()
        };
        if keep::save(&meta, piece).await.is_ok() {
            with_mut(|d| {
                if d.run == run {
                    d.kept = Some(when);
                }
            });
            notify();
        }
    });
}

/// Shows the run kept in the browser, if any (at the page's start; a file chosen meanwhile wins).
pub fn restore() {
    let run = with(|d| d.run);
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(Some((meta, rows))) = keep::load().await else {
            return;
        };
        with_mut(|d| {
            if d.run != run || d.phase != Phase::Idle {
                return;
            }
            let kind = match meta.kind.as_str() {
                "csv" => Kind::Csv,
                "xlsx" => Kind::Xlsx,
                _ => Kind::Jsonl,
            };
            *d = Desk {
                run: run + 1,
                name: meta.name,
                size: meta.size,
                modified: meta.modified,
                kind,
                phase: if meta.partial {
                    Phase::Cancelled
                } else {
                    Phase::Done
                },
                rows,
                summary: meta.summary,
                bytes_done: if meta.partial { 0.0 } else { meta.size },
                ms: meta.ms,
                starts: meta.starts,
                chunks: meta.chunks,
                sheet: meta.sheet.clone(),
                sheet_read: meta.sheet,
                gbk: meta.gbk,
                kept: Some(meta.when),
                restored: true,
                ..Desk::default()
            };
        });
        notify();
    });
}

/// Forgets the kept results, in the browser's storage and on the page (a run in progress goes on).
pub fn forget() {
    with_mut(|d| {
        d.kept = None;
        if d.restored {
            *d = Desk {
                run: d.run + 1,
                ..Desk::default()
            };
        }
    });
    wasm_bindgen_futures::spawn_local(async {
        let _ = keep::clear().await;
    });
    notify();
}

/// Offers the parts as one file.
fn save_blob(name: &str, mime: &str, parts: &Array) {
    let opts = BlobPropertyBag::new();
    opts.set_type(mime);
    if let Ok(blob) = Blob::new_with_u8_array_sequence_and_options(parts, &opts) {
        crate::platform::download_blob(name, &blob);
    }
}

thread_local! {
    /// The worker that recomputes single claims for the drill-down (kept between clicks).
    static DETAIL: RefCell<Option<DetailWorker>> = const { RefCell::new(None) };
    /// The Excel worker for one-off requests (the template, a workbook of reports, a drill-down).
    static EXCEL_ONE: RefCell<Option<DetailWorker>> = const { RefCell::new(None) };
}

/// Where a one-off worker's answer goes: its bytes, or why it failed (zh, en).
type Reply = Callback<Result<Vec<u8>, (String, String)>>;

struct DetailWorker {
    worker: Worker,
    ready: bool,
    queued: Option<Object>,
    reply: Option<Reply>,
    _on: Closure<dyn FnMut(MessageEvent)>,
}

/// Recomputes row `i`'s claim in full (in a worker, from the file) and answers the JSON text
/// `{ report, statement | error, request }`, or why it could not (zh, en).
pub fn detail(i: usize, reply: Callback<Result<String, (String, String)>>) {
    let (file, (off, len), kind, line, sheet, gbk) = with(|d| {
        (
            d.file.clone(),
            d.rows.span(i),
            d.kind,
            d.rows.line(i),
            d.sheet_read.clone(),
            d.gbk,
        )
    });
    // A CSV claim is read again from the start of its chunk (the last one starting at or
    // before its line), not from the file's start.
    let (csv_chunk, head) = with(|d| {
        let mut base = 0_u64;
        let mut found = None;
        for (k, c) in d.chunks.iter().enumerate() {
            if k > 0 && base + 2 <= u64::from(line) {
                found = Some((c.0, c.1, base));
            }
            base += u64::from(d.starts.get(k).copied().unwrap_or(0));
        }
        (found.filter(|_| d.kind == Kind::Csv), d.csv_head.clone())
    });
    let Some(file) = file else {
        reply.emit(Err((
            "结果是从本机恢复的：请重新选择原文件，即可查看单笔复算。".into(),
            "These results were restored from this browser: choose the file again to see a claim's recomputation.".into(),
        )));
        return;
    };
    let msg = Object::new();
    let put = |key: &str, v: &JsValue| {
        let _ = Reflect::set(&msg, &JsValue::from_str(key), v);
    };
    put("mode", &JsValue::from_str("detail"));
    put("file", &file);
    #[allow(clippy::cast_precision_loss)]
    {
        put("a", &JsValue::from(off as f64));
        put("b", &JsValue::from((off + u64::from(len)) as f64));
    }
    put("line", &JsValue::from(line));
    put("kind", &JsValue::from_str(kind_id(kind)));
    put("sheet", &JsValue::from_str(&sheet));
    put("gbk", &JsValue::from_bool(gbk));
    if let Some((a, b, base)) = csv_chunk {
        put("a", &JsValue::from(a));
        put("b", &JsValue::from(b));
        #[allow(clippy::cast_precision_loss)]
        put("base", &JsValue::from(base as f64));
        if let Some((names, cr)) = head {
            put("head", &JsValue::from_str(&names));
            put("cr", &JsValue::from_bool(cr));
        }
    }
    ask(
        msg,
        kind == Kind::Xlsx,
        Callback::from(move |r: Result<Vec<u8>, (String, String)>| {
            reply.emit(r.map(|b| String::from_utf8_lossy(&b).into_owned()));
        }),
    );
}

/// Sends `msg` to the desk's one-off worker (the Excel one when `excel`; kept between requests)
/// and answers its bytes.
fn ask(msg: Object, excel: bool, reply: Reply) {
    let slot = if excel { &EXCEL_ONE } else { &DETAIL };
    slot.with(|dw| {
        let mut dw = dw.borrow_mut();
        if dw.is_none() {
            let url = if excel { EXCEL_WORKER_URL } else { WORKER_URL };
            let Some(worker) = new_worker(url) else {
                reply.emit(Err((
                    "无法启动后台线程（Web Worker）。".into(),
                    "Could not start a Web Worker.".into(),
                )));
                return;
            };
            let on = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                on_detail(excel, &e.data());
            });
            worker.set_onmessage(Some(on.as_ref().unchecked_ref()));
            *dw = Some(DetailWorker {
                worker,
                ready: false,
                queued: None,
                reply: None,
                _on: on,
            });
        }
        if let Some(w) = dw.as_mut() {
            w.reply = Some(reply);
            if w.ready {
                let _ = w.worker.post_message(&msg);
            } else {
                w.queued = Some(msg);
            }
        }
    });
}

fn on_detail(excel: bool, data: &JsValue) {
    let slot = if excel { &EXCEL_ONE } else { &DETAIL };
    let answer = slot.with(|dw| {
        let mut dw = dw.borrow_mut();
        let w = dw.as_mut()?;
        if get(data, "ready").is_truthy() {
            w.ready = true;
            if let Some(m) = w.queued.take() {
                let _ = w.worker.post_message(&m);
            }
            return None;
        }
        let reply = w.reply.take()?;
        let result = match get(data, "error").as_string() {
            Some(e) => Err((e.clone(), e)),
            None => Ok(get(data, "rows")
                .dyn_into::<Uint8Array>()
                .map(|u| u.to_vec())
                .unwrap_or_default()),
        };
        Some((reply, result))
    });
    if let Some((reply, result)) = answer {
        reply.emit(result);
    }
}
