//! The worker's side of the desk (built into `desk_worker.wasm`, never into the page's module).
//!
//! The page posts `{ file, kind, mode, a, b, chunk, base }`: verify the claims that *start* in
//! bytes `[a, b)` of `file` (a `Blob`: the page sends one slice of the whole `File`, taken once
//! per run, since slicing or sizing a `File` asks the browser about the file on disk each time —
//! ~2% of a worker's time at one chunk per megabyte). JSON Lines: a line belongs to the chunk holding its first byte, so
//! the worker reads from `a − 1`, skips to the first line start at or after `a`, and reads past
//! `b` until the last line it owns ends; it answers how many line starts it saw (`starts`), so
//! the page can number lines physically across chunks. CSV (`kind: "csv"`): one worker first
//! scans the whole file for record boundaries (`mode: "scan"`, `step`: bytes per chunk; answers
//! `{ chunk, scan: Float64Array of (offset, line) pairs, head, cr, done }`, or `{ chunk, whole }`
//! when the file is not to be cut — see [`super::cut`]); each chunk `[a, b)` between boundaries
//! is then read as a stream through calc-core's `ClaimReader` (after the synthetic header `head`
//! for a chunk past the first, its lines counted from line `base` + 1, the header's) and answered in parts.
//!
//! `kind` is `jsonl`, `csv` or `xlsx` (an Excel workbook: read whole by one worker, its sheet —
//! `sheet`, else the first — turned into CSV text by [`super::sheet`], then read as CSV).
//! `mode` `warm` (no file) verifies built-in sample claims for `ms` milliseconds and answers
//! `{ warmed, claims }`, so the browser's optimised code is ready before the first file.
//! `mode` is `rows` (compact rows, see [`super::rows`]), `jsonl` or `csv` (report text for the
//! download), `template` (the claims template and its column notes), `template-xlsx` (the
//! template as a workbook), `xlsx-report` (the CSV report text in `blob` as a workbook). Each answer is
//! `{ chunk, last, starts, rows: Uint8Array (transferred), summary: JSON of calc-core's Summary }`
//! or `{ chunk, error }`; `{ ready: true }` is posted once the module runs.

use super::{cut, rows, sheet};
use calc_core::frontend::flat::{self, ClaimReader};
use calc_core::frontend::Lang;
use calc_core::verify::{self, Report, Summary};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

/// CSV records answered per message.
const CSV_PART: usize = 4096;

fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

fn set(o: &Object, k: &str, v: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), v);
}

fn js_err(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| get(e, "message").as_string())
        .unwrap_or_else(|| "read error".to_string())
}

/// The Excel functions of the Excel worker (`desk_excel`, see [`super::sheet`]). The plain
/// worker has none, so calamine and rust_xlsxwriter are not linked into it (about 670 KB gzipped).
#[derive(Clone, Copy)]
pub struct Excel {
    claims_as_csv: fn(Vec<u8>, Option<&str>) -> Result<String, String>,
    report_xlsx: fn(&str) -> Result<Vec<u8>, String>,
    template_xlsx: fn() -> Result<Vec<u8>, String>,
}

/// Installs the message handler of the plain worker (JSON Lines and CSV) and says `ready`.
pub fn start() {
    start_with(None);
}

/// Installs the message handler of the Excel worker (also reads and writes .xlsx).
pub fn start_excel() {
    start_with(Some(Excel {
        claims_as_csv: sheet::claims_as_csv,
        report_xlsx: sheet::report_xlsx,
        template_xlsx: sheet::template_xlsx,
    }));
}

fn no_excel() -> String {
    "Excel 文件须由 Excel 后台线程读取 / Excel files are read by the Excel worker".to_string()
}

fn start_with(excel: Option<Excel>) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let s2 = scope.clone();
    let on = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        handle(&s2, &e.data(), excel);
    });
    scope.set_onmessage(Some(on.as_ref().unchecked_ref()));
    on.forget();
    let ready = Object::new();
    set(&ready, "ready", &JsValue::TRUE);
    let _ = scope.post_message(&ready);
}

/// Milliseconds on the worker's clock.
fn clock() -> f64 {
    let perf = get(&js_sys::global(), "performance");
    Reflect::get(&perf, &JsValue::from_str("now"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&perf).ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

/// Where answers go.
#[derive(Clone)]
struct Out {
    scope: DedicatedWorkerGlobalScope,
    chunk: f64,
    /// When the request arrived (worker clock), and the time spent reading the file so far.
    t0: f64,
    read_ms: std::cell::Cell<f64>,
}

impl Out {
    fn send(&self, bytes: &[u8], summary: &Summary, starts: u32, last: bool) {
        let o = Object::new();
        set(&o, "chunk", &self.chunk.into());
        set(&o, "last", &JsValue::from_bool(last));
        set(&o, "starts", &starts.into());
        // Where the worker's time went (for the bench): busy since the request, reading.
        set(&o, "busy", &JsValue::from_f64(clock() - self.t0));
        set(&o, "read", &JsValue::from_f64(self.read_ms.get()));
        let data = Uint8Array::from(bytes);
        set(&o, "rows", &data);
        // The summary as numbers (counts in `Verdict::ALL` order) and the over-claimed amount as
        // text, so the page needs no JSON reader for it.
        let counts = Array::new();
        for v in calc_core::Verdict::ALL {
            #[allow(clippy::cast_precision_loss)]
            counts.push(&JsValue::from(
                summary.by_verdict.get(&v).copied().unwrap_or(0) as f64,
            ));
        }
        set(&o, "counts", &counts);
        set(
            &o,
            "over",
            &JsValue::from_str(&summary.over_claimed_amount.to_string()),
        );
        // …and by item, in `ClaimItem::ALL` order ("" for none).
        let items = Array::new();
        for item in calc_core::verify::ClaimItem::ALL {
            items.push(&JsValue::from_str(
                &summary
                    .over_claimed_by_item
                    .get(&item)
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            ));
        }
        set(&o, "over_items", &items);
        let _ = self
            .scope
            .post_message_with_transfer(&o, &Array::of1(&data.buffer()));
    }

    /// The header row cannot be used: the page refuses the file, naming the columns (and offers
    /// the templates).
    fn header_error(&self, e: &calc_core::Error) {
        let o = Object::new();
        set(&o, "chunk", &self.chunk.into());
        set(&o, "header_zh", &JsValue::from_str(e.message_zh()));
        set(&o, "header_en", &JsValue::from_str(e.message_en()));
        let _ = self.scope.post_message(&o);
    }

    /// Answers bytes (a file) with no rows or summary.
    fn bytes(&self, bytes: &[u8]) {
        self.send(bytes, &Summary::default(), 0, true);
    }

    fn error(&self, e: &str) {
        let o = Object::new();
        set(&o, "chunk", &self.chunk.into());
        set(&o, "error", &JsValue::from_str(e));
        let _ = self.scope.post_message(&o);
    }
}

fn handle(scope: &DedicatedWorkerGlobalScope, data: &JsValue, excel: Option<Excel>) {
    let out = Out {
        scope: scope.clone(),
        chunk: get(data, "chunk").as_f64().unwrap_or(0.0),
        t0: clock(),
        read_ms: std::cell::Cell::new(0.0),
    };
    let mode = get(data, "mode").as_string().unwrap_or_default();
    let sheet_name = get(data, "sheet").as_string();
    // A GBK CSV file (the page found it from its first bytes): decoded as it is read.
    let gbk = get(data, "gbk").is_truthy();
    let res = if mode == "warm" {
        warm(scope, get(data, "ms").as_f64().unwrap_or(0.0));
        Ok(())
    } else if mode == "template" {
        template(&out);
        Ok(())
    } else if mode == "template-xlsx" {
        excel
            .ok_or_else(no_excel)
            .and_then(|x| (x.template_xlsx)())
            .map(|b| out.bytes(&b))
    } else if mode == "xlsx-report" {
        // The CSV report text (a Blob assembled by the page) into a workbook.
        match get(data, "blob").dyn_into::<Blob>() {
            Ok(blob) => FileReaderSync::new()
                .map_err(|e| js_err(&e))
                .and_then(|fr| fr.read_as_text(&blob).map_err(|e| js_err(&e)))
                .and_then(|text| (excel.ok_or_else(no_excel)?.report_xlsx)(&text))
                .map(|b| out.bytes(&b)),
            Err(_) => Err("no report".to_string()),
        }
    } else if mode == "scan" {
        match get(data, "file").dyn_into::<Blob>() {
            Ok(file) => scan(
                out.clone(),
                file,
                get(data, "step").as_f64().unwrap_or(1e6),
                gbk,
            ),
            Err(_) => Err("no file".to_string()),
        }
    } else if mode == "detail" {
        match get(data, "file").dyn_into::<Blob>() {
            Ok(file) => detail(
                &out,
                &file,
                get(data, "a").as_f64().unwrap_or(0.0),
                get(data, "b").as_f64().unwrap_or(0.0),
                u64_of(get(data, "line").as_f64().unwrap_or(0.0)),
                &get(data, "kind").as_string().unwrap_or_default(),
                sheet_name.as_deref(),
                excel,
                chunk_head(data).as_ref(),
                u64_of(get(data, "base").as_f64().unwrap_or(0.0)),
                gbk,
            ),
            Err(_) => Err("no file".to_string()),
        }
    } else {
        match get(data, "file").dyn_into::<Blob>() {
            Ok(file) => {
                let a = get(data, "a").as_f64().unwrap_or(0.0);
                let b = get(data, "b").as_f64().unwrap_or(0.0);
                let base = get(data, "base").as_f64().unwrap_or(0.0);
                let job = Job {
                    mode: Mode::of(&mode),
                    base: u32_of(base),
                    lang: if get(data, "lang").as_string().as_deref() == Some("zh") {
                        Lang::Zh
                    } else {
                        Lang::En
                    },
                    gbk,
                    plain: get(data, "plain").is_truthy(),
                };
                let kind = get(data, "kind").as_string().unwrap_or_default();
                if kind == "csv" {
                    let part = get(data, "part").dyn_into::<Blob>().ok();
                    csv_chunk(
                        out.clone(),
                        &file,
                        part,
                        a,
                        b,
                        job,
                        chunk_head(data).as_ref(),
                    )
                } else if kind == "xlsx" {
                    xlsx(&out, &file, &job, sheet_name.as_deref(), excel)
                } else {
                    let part = get(data, "part").dyn_into::<Blob>().ok();
                    jsonl_async(out.clone(), file, part, a, b, job);
                    Ok(())
                }
            }
            Err(_) => Err("no file".to_string()),
        }
    };
    if let Err(e) = res {
        out.error(&e);
    }
}

/// Claims to warm up on: the claim fixtures (every verdict, lines with and without fees,
/// utilities and overrides), so the optimised code covers what a real file exercises.
const WARM_CLAIMS: &str = include_str!("../../../fixtures/claims.jsonl");

/// Verifies the sample claims, again and again, for about `ms` milliseconds (see
/// `run::warm`), and answers `{ warmed: ms spent, claims }`.
fn warm(scope: &DedicatedWorkerGlobalScope, ms: f64) {
    let t0 = clock();
    let mut claims = 0u32;
    'out: loop {
        for line in WARM_CLAIMS.lines().filter(|l| !l.trim().is_empty()) {
            std::hint::black_box(verify::verify_text(std::hint::black_box(line)));
            claims = claims.saturating_add(1);
            if clock() - t0 >= ms {
                break 'out;
            }
        }
    }
    let o = Object::new();
    set(&o, "warmed", &JsValue::from_f64(clock() - t0));
    set(&o, "claims", &claims.into());
    let _ = scope.post_message(&o);
}

fn u32_of(x: f64) -> u32 {
    if x.is_finite() && x >= 0.0 && x <= f64::from(u32::MAX) {
        // In range and whole (a count sent by the page): exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        {
            x as u32
        }
    } else {
        0
    }
}

/// What to answer per claim.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Rows,
    Jsonl,
    Csv,
}

impl Mode {
    fn of(s: &str) -> Mode {
        match s {
            "jsonl" => Mode::Jsonl,
            "csv" => Mode::Csv,
            _ => Mode::Rows,
        }
    }
}

struct Job {
    mode: Mode,
    base: u32,
    /// The language of a CSV report (`lang: "zh"`: Chinese headings and verdict words).
    lang: Lang,
    /// The bytes are GBK text, decoded before they are read.
    gbk: bool,
    /// A CSV report's text cells as they are (`plain`: for a workbook, which stores text as
    /// text; a CSV file guards a formula-like cell with `'`).
    plain: bool,
}

/// The browser's GBK decoder, streaming (bytes cut anywhere), fatal: bytes that are not GBK stop
/// the file with a message naming their line (never a silent "�"). A chunk of a CSV file starts
/// at a record, right after an ASCII line end, so its first byte starts a character: each chunk
/// is decoded on its own.
struct Gbk {
    fatal: web_sys::TextDecoder,
    /// Lines decoded so far (to name the line of bytes that are not GBK).
    lines: std::cell::Cell<u64>,
}

impl Gbk {
    fn new(on: bool) -> Option<Gbk> {
        if !on {
            return None;
        }
        let opts = web_sys::TextDecoderOptions::new();
        opts.set_fatal(true);
        web_sys::TextDecoder::new_with_label_and_options("gbk", &opts)
            .ok()
            .map(|fatal| Gbk {
                fatal,
                lines: std::cell::Cell::new(0),
            })
    }

    /// The UTF-8 of the next `bytes` (`last`: no more follow; a character cut at the end of
    /// the previous ones is completed by these), or why they cannot be read: bytes that are not
    /// GBK, at line `first` + the lines before them.
    fn decode(&self, bytes: &[u8], last: bool, first: u64) -> Result<Vec<u8>, String> {
        let opts = web_sys::TextDecodeOptions::new();
        opts.set_stream(!last);
        match self.fatal.decode_with_u8_array_and_options(bytes, &opts) {
            Ok(text) => {
                let out = text.into_bytes();
                let n = out.iter().filter(|b| **b == b'\n').count() as u64;
                self.lines.set(self.lines.get() + n);
                Ok(out)
            }
            Err(_) => {
                // Where: the first byte the lenient decoder turns into U+FFFD.
                let lenient = web_sys::TextDecoder::new_with_label("gbk")
                    .ok()
                    .and_then(|d| d.decode_with_u8_array(bytes).ok())
                    .unwrap_or_default();
                let before = lenient
                    .find('\u{fffd}')
                    .map_or(lenient.as_str(), |at| &lenient[..at]);
                let line = first + self.lines.get() + before.matches('\n').count() as u64;
                Err(format!(
                    "第 {line} 行附近有不能按 GBK 读取的字节：文件可能已损坏，或混用了多种编码。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再试；没有核验完的行不计入结果。 / Line {line} (about) holds bytes that are not GBK: the file may be damaged or mix encodings. Save it from Excel as \"CSV UTF-8 (comma delimited)\" and try again; the rows not verified are not counted."
                ))
            }
        }
    }
}

/// GBK bytes of one piece (a header's cell) as text.
fn gbk_text(bytes: &[u8]) -> Option<String> {
    let g = Gbk::new(true)?;
    g.decode(bytes, true, 1)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// How a file's header cells are read: GBK, or UTF-8 (`None`).
fn header_decode(gbk: bool) -> Option<cut::Decode> {
    gbk.then_some(gbk_text as cut::Decode)
}

/// The pieces of `next` as UTF-8: decoded from GBK when `gbk`, else as they are.
fn decoded<'a>(
    mut next: impl FnMut() -> Result<Option<Vec<u8>>, String> + 'a,
    gbk: bool,
    first: u64,
) -> impl FnMut() -> Result<Option<Vec<u8>>, String> + 'a {
    let dec = Gbk::new(gbk);
    let mut ended = false;
    move || {
        let Some(d) = &dec else { return next() };
        if ended {
            return Ok(None);
        }
        match next()? {
            Some(b) => Ok(Some(d.decode(&b, false, first)?)),
            None => {
                ended = true;
                let tail = d.decode(&[], true, first)?;
                Ok((!tail.is_empty()).then_some(tail))
            }
        }
    }
}

impl Job {
    /// The start of a CSV report: a byte-order mark (Excel reads the file as UTF-8 only with
    /// it) and the header row in the job's language.
    fn csv_start(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(flat::CSV_BOM.as_bytes());
        out.extend_from_slice(flat::csv_line(&flat::report_header_in(self.lang)).as_bytes());
    }

    /// Appends the answer for report `r` (whose line is already physical).
    fn put(&self, out: &mut Vec<u8>, r: &Report, name: Option<&str>, offset: f64, len: usize) {
        match self.mode {
            Mode::Rows => {
                let line = u32::try_from(r.line.unwrap_or(0)).unwrap_or(u32::MAX);
                let off = if offset.is_finite() && offset >= 0.0 {
                    // A byte offset in a File: below 2⁵³, whole.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    {
                        offset as u64
                    }
                } else {
                    0
                };
                rows::encode(
                    out,
                    r,
                    name,
                    line,
                    off,
                    u32::try_from(len).unwrap_or(u32::MAX),
                );
            }
            Mode::Jsonl => {
                out.extend_from_slice(r.to_json_line().as_bytes());
                out.push(b'\n');
            }
            Mode::Csv => flat::write_report_line_in(out, r, self.lang, self.plain),
        }
    }
}

fn read(fr: &FileReaderSync, file: &Blob, a: f64, b: f64) -> Result<Vec<u8>, String> {
    let blob = file.slice_with_f64_and_f64(a, b).map_err(|e| js_err(&e))?;
    let buf = fr.read_as_array_buffer(&blob).map_err(|e| js_err(&e))?;
    Ok(take_bytes(&buf))
}

/// The bytes of an `ArrayBuffer` the browser read from the file, copied into wasm memory.
///
/// The buffer is left to the garbage collector, not detached ([`release`]): a buffer the browser
/// made (a read of a `Blob`) is also held by the browser's own wrapper until a collection, and
/// detaching it only hides its bytes from the collector's count, so an idle pooled worker never
/// collects (measured, 10⁵ claims × 4 runs: the tab grew by about the file's size per run;
/// left to the collector it stays flat).
fn take_bytes(buf: &JsValue) -> Vec<u8> {
    Uint8Array::new(buf).to_vec()
}

/// Detaches an `ArrayBuffer` (`transfer(0)`), freeing its memory now; a no-op where the browser
/// has no `ArrayBuffer.prototype.transfer`.
pub fn release(buf: &JsValue) {
    if let Ok(f) = Reflect::get(buf, &JsValue::from_str("transfer"))
        .and_then(JsCast::dyn_into::<js_sys::Function>)
    {
        let _ = f.call1(buf, &JsValue::from_f64(0.0));
    }
}

/// Bytes read past a JSON Lines chunk's end with it, for its last line (read on, synchronously,
/// when that line is longer).
pub const TAIL: f64 = 16_384.0;

/// The bytes of a JSON Lines chunk `[a, b)` that a worker reads at once: from `a − 1` (to see
/// whether a line starts at `a`) to [`TAIL`] past `b`, within a file of `size` bytes.
#[must_use]
pub fn chunk_span(a: f64, b: f64, size: f64) -> (f64, f64) {
    let start = if a > 0.0 { a - 1.0 } else { 0.0 };
    (start, (b + TAIL).min(size))
}

/// A JSON Lines chunk: its bytes are read asynchronously (`Blob.arrayBuffer`), so the next
/// chunk's read overlaps this worker's verifying of the one before; then [`jsonl`] verifies it.
///
/// `part`: those bytes ([`chunk_span`]) as the page sliced them. Slicing a `Blob` registers the
/// new one with the browser and waits for it (a synchronous call to the browser's process):
/// done by the worker, it took 2–4% of the workers' time (10⁵ claims, a chunk per megabyte, more
/// on a loaded machine); the page's thread waits instead, with nothing else to do.
fn jsonl_async(out: Out, file: Blob, part: Option<Blob>, a: f64, b: f64, job: Job) {
    // With a margin past `b`, so the last line's end is read in the same call (a line is about
    // 1 KB): reading it apart, synchronously, took ~18% of the workers' busy time (10⁵ claims).
    let (start, end) = chunk_span(a, b, file.size());
    let blob = match part
        .filter(|p| p.size() == end - start)
        .map_or_else(|| file.slice_with_f64_and_f64(start, end), Ok)
    {
        Ok(blob) => blob,
        Err(e) => {
            out.error(&js_err(&e));
            return;
        }
    };
    wasm_bindgen_futures::spawn_local(async move {
        match read_blob(&blob).await {
            Ok(bytes) => {
                // Busy from here (the read overlapped other work): verifying, and reading
                // only the bytes of the last line past `b`, if any.
                let out = Out { t0: clock(), ..out };
                if let Err(e) = jsonl(&out, &file, a, b, &job, Some((bytes, end))) {
                    out.error(&e);
                }
            }
            Err(e) => out.error(&js_err(&e)),
        }
    });
}

/// Size of the buffers a file is read into: a JSON Lines chunk (at most 1 MiB and [`TAIL`]) in
/// one, where the browser's stream gives that much at once (each read is a call into the browser
/// and a promise: with 256 KiB buffers the reads were ~4% of a worker's time).
const READ_BUF: u32 = 1024 * 1024 + 64 * 1024;

thread_local! {
    /// The worker's read buffers, reused from chunk to chunk (one per read in flight).
    static READ_BUFS: std::cell::RefCell<Vec<js_sys::ArrayBuffer>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The bytes of `blob`, read through its stream with a "bring your own buffer" reader into
/// buffers the worker reuses, copied into wasm memory as they come ([`ByteStream`]).
///
/// `Blob.arrayBuffer()` gave every 1 MB chunk a new buffer, garbage that each worker's collector
/// let pile up to 60–120 MB before freeing it: the tab's memory rose and fell by that much all
/// through a run (10⁶ claims: 316 MB at its peak, 222 MB with the workers collecting every 100 ms);
/// read this way a worker's memory stays flat (measured: 400 MB of the file read in 1 MB slices,
/// the tab's memory +5–17 MB against +85–117 MB, and faster). Where the browser's blob streams have
/// no such reader, `arrayBuffer()` is the fallback.
async fn read_blob(blob: &Blob) -> Result<Vec<u8>, JsValue> {
    let Some(mut stream) = ByteStream::open(blob) else {
        let buf = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await?;
        return Ok(take_bytes(&buf));
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let mut out = Vec::with_capacity(blob.size() as usize);
    while stream.next_into(&mut out).await? {}
    Ok(out)
}

/// A blob's bytes as its stream gives them: `blob.stream().getReader({ mode: "byob" })` reading
/// into one of the worker's reused [`READ_BUF`] buffers (given back when the stream ends).
struct ByteStream {
    reader: JsValue,
    read: js_sys::Function,
    buf: Option<js_sys::ArrayBuffer>,
}

impl ByteStream {
    /// The stream of `blob`, where the browser has a bring-your-own-buffer reader for it.
    fn open(blob: &Blob) -> Option<ByteStream> {
        let (reader, read) = byob_reader(blob)?;
        let buf = READ_BUFS
            .with(|p| p.borrow_mut().pop())
            .unwrap_or_else(|| js_sys::ArrayBuffer::new(READ_BUF));
        Some(ByteStream {
            reader,
            read,
            buf: Some(buf),
        })
    }

    /// Appends the next bytes (at most [`READ_BUF`]) to `out`; `false` once the stream has
    /// ended (nothing appended then).
    async fn next_into(&mut self, out: &mut Vec<u8>) -> Result<bool, JsValue> {
        let Some(buf) = self.buf.take() else {
            return Ok(false);
        };
        let promise: js_sys::Promise = self
            .read
            .call1(&self.reader, &Uint8Array::new(&buf))?
            .dyn_into()?;
        let res = wasm_bindgen_futures::JsFuture::from(promise).await?;
        let done = get(&res, "done").is_truthy();
        // The view read into: its buffer is the one given, moved (the given one is detached).
        let Ok(view) = get(&res, "value").dyn_into::<Uint8Array>() else {
            return Ok(false);
        };
        let n = view.length() as usize;
        if n > 0 {
            let at = out.len();
            out.resize(at + n, 0);
            view.copy_to(&mut out[at..]);
        }
        let buf = view.buffer();
        if done {
            READ_BUFS.with(|p| p.borrow_mut().push(buf));
            return Ok(false);
        }
        self.buf = Some(buf);
        Ok(true)
    }
}

/// `blob.stream().getReader({ mode: "byob" })` and its `read`, where the browser has them.
fn byob_reader(blob: &Blob) -> Option<(JsValue, js_sys::Function)> {
    let method = |o: &JsValue, k: &str| get(o, k).dyn_into::<js_sys::Function>().ok();
    let stream = method(blob, "stream")?.call0(blob).ok()?;
    let opts = Object::new();
    set(&opts, "mode", &JsValue::from_str("byob"));
    let reader = method(&stream, "getReader")?.call1(&stream, &opts).ok()?;
    let read = method(&reader, "read")?;
    Some((reader, read))
}

/// The facility's name in a JSON claim line (`request.facility.name`), for the grid's search:
/// found in the line's bytes (the facility object holds no other object), not by parsing the
/// claim again. `None` when it has none or the line is not a claim.
fn facility_name(line: &[u8]) -> Option<String> {
    let ws = |b: &u8| b.is_ascii_whitespace();
    let mut from = 0;
    // The key `"facility"`, then `:` and the object's `{`.
    let mut i = loop {
        let at = from + memchr::memmem::find(line.get(from..)?, b"\"facility\"")?;
        let rest = line.get(at + 10..)?;
        let k = rest.iter().position(|b| !ws(b))?;
        if rest[k] == b':' {
            let j = rest[k + 1..].iter().position(|b| !ws(b))? + k + 1;
            if rest[j] == b'{' {
                break at + 10 + j + 1;
            }
        }
        from = at + 1;
    };
    // Its members, up to its `}`: a string followed by `:` is a key.
    while i < line.len() {
        match line[i] {
            b'}' => return None,
            b'"' => {
                let end = string_end(line, i)?;
                let key = &line[i + 1..end];
                let mut j = end + 1;
                while line.get(j).is_some_and(ws) {
                    j += 1;
                }
                if key == b"name" && line.get(j) == Some(&b':') {
                    j += 1;
                    while line.get(j).is_some_and(ws) {
                        j += 1;
                    }
                    if line.get(j) != Some(&b'"') {
                        return None;
                    }
                    let close = string_end(line, j)?;
                    return serde_json::from_slice::<String>(&line[j..=close]).ok();
                }
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// The index of the quote closing the JSON string opened at `open`.
fn string_end(line: &[u8], open: usize) -> Option<usize> {
    let mut i = open + 1;
    while i < line.len() {
        match line[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn jsonl(
    out: &Out,
    file: &Blob,
    a: f64,
    b: f64,
    job: &Job,
    first: Option<(Vec<u8>, f64)>,
) -> Result<(), String> {
    let fr = FileReaderSync::new().map_err(|e| js_err(&e))?;
    let size = file.size();
    let start = if a > 0.0 { a - 1.0 } else { 0.0 };
    // `owned`: offsets (in buf) where a line may start and still belong to this chunk.
    let owned = usize::try_from(u64_of(b - start)).unwrap_or(usize::MAX);
    let t_read = clock();
    // The bytes read so far, from `start` to `end`.
    let (mut buf, mut end) = match first {
        Some(read) => read,
        None => (read(&fr, file, start, b)?, b),
    };
    // The last line owned here ends at the first line end at or after `b − 1`: cut there when it
    // was read already (the margin past `b`).
    if let Some(i) = buf
        .get(owned.saturating_sub(1)..)
        .and_then(|t| memchr::memchr(b'\n', t))
    {
        buf.truncate(owned.saturating_sub(1) + i + 1);
    }
    // Else it may run past what was read: read on until it ends.
    let mut step = 65_536.0;
    while end < size && buf.last() != Some(&b'\n') {
        let next = (end + step).min(size);
        let more = read(&fr, file, end, next)?;
        let nl = memchr::memchr(b'\n', &more);
        match nl {
            Some(i) => {
                buf.extend_from_slice(&more[..=i]);
                break;
            }
            None => buf.extend_from_slice(&more),
        }
        end = next;
        step *= 2.0;
    }
    out.read_ms.set(out.read_ms.get() + clock() - t_read);
    let mut pos = 0;
    if a > 0.0 {
        pos = memchr::memchr(b'\n', &buf).map_or(buf.len(), |i| i + 1);
    } else if buf.starts_with(b"\xef\xbb\xbf") {
        pos = 3; // a byte-order mark before line 1
    }
    let mut answer = Vec::with_capacity(buf.len() / 6);
    if a <= 0.0 && job.mode == Mode::Csv {
        job.csv_start(&mut answer);
    }
    let mut summary = Summary::default();
    let mut starts = 0_u32;
    while pos < owned.min(buf.len()) {
        // A word at a time (memchr): a byte at a time this was ~6% of a worker's time.
        let stop = memchr::memchr(b'\n', &buf[pos..]).map_or(buf.len(), |i| pos + i + 1);
        starts += 1;
        let line = u64::from(job.base) + u64::from(starts);
        if let Some(r) = verify::verify_line(&buf[pos..stop], line) {
            summary.add(&r);
            #[allow(clippy::cast_precision_loss)]
            let name = if job.mode == Mode::Rows {
                facility_name(&buf[pos..stop])
            } else {
                None
            };
            job.put(
                &mut answer,
                &r,
                name.as_deref(),
                start + pos as f64,
                stop - pos,
            );
        }
        pos = stop;
    }
    out.send(&answer, &summary, starts, true);
    Ok(())
}

fn u64_of(x: f64) -> u64 {
    if x.is_finite() && x >= 0.0 {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        {
            x as u64
        }
    } else {
        0
    }
}

/// The claims of an .xlsx file as CSV text (see [`sheet::claims_as_csv`]).
fn xlsx_text(
    file: &Blob,
    sheet_name: Option<&str>,
    excel: Option<Excel>,
) -> Result<String, String> {
    let x = excel.ok_or_else(no_excel)?;
    let fr = FileReaderSync::new().map_err(|e| js_err(&e))?;
    let bytes = read(&fr, file, 0.0, file.size())?;
    (x.claims_as_csv)(bytes, sheet_name)
}

fn xlsx(
    out: &Out,
    file: &Blob,
    job: &Job,
    sheet_name: Option<&str>,
    excel: Option<Excel>,
) -> Result<(), String> {
    let text = xlsx_text(file, sheet_name, excel)?;
    let mut once = Some(text.into_bytes());
    csv_stream(out, job, 1, &mut || Ok(once.take()))
}

/// Bytes of a CSV file are read in slices of this size (memory stays flat whatever the size).
const CSV_SLICE: f64 = 1024.0 * 1024.0;

/// The slices of `file`, in order, then `None`.
fn slices(file: &Blob) -> Result<impl FnMut() -> Result<Option<Vec<u8>>, String> + '_, String> {
    let fr = FileReaderSync::new().map_err(|e| js_err(&e))?;
    let size = file.size();
    let mut at = 0.0;
    Ok(move || {
        if at >= size {
            return Ok(None);
        }
        let b = (at + CSV_SLICE).min(size);
        let bytes = read(&fr, file, at, b)?;
        at = b;
        Ok(Some(bytes))
    })
}

/// The CSV header the page sent with a chunk (`head`, `cr`), if any.
fn chunk_head(data: &JsValue) -> Option<cut::Head> {
    get(data, "head").as_string().map(|names| cut::Head {
        names,
        cr: get(data, "cr").is_truthy(),
    })
}

/// The header of a CSV file, read from its start (when the page did not send it: a report
/// written after a reload, from the kept chunks).
fn file_head(file: &Blob, gbk: bool) -> Result<cut::Head, String> {
    let fr = FileReaderSync::new().map_err(|e| js_err(&e))?;
    let size = file.size();
    let mut n = 65_536.0_f64;
    loop {
        let end = n.min(size);
        let bytes = read(&fr, file, 0.0, end)?;
        if let Some(h) = cut::head_of(&bytes, end >= size, header_decode(gbk)) {
            return Ok(h);
        }
        if end >= size || n > 4.0 * 1_048_576.0 {
            return Err("CSV 文件的列名行无法读取 / the CSV header row cannot be read".to_string());
        }
        n *= 4.0;
    }
}

/// Scans a CSV file for chunk boundaries about `step` bytes apart (see [`super::cut`]), reading
/// it as a stream, and answers them as they are found.
fn scan(out: Out, file: Blob, step: f64, gbk: bool) -> Result<(), String> {
    let mut cutter = cut::Cutter::new(step).decoding(header_decode(gbk));
    let Some(mut stream) = ByteStream::open(&file) else {
        let mut next = slices(&file)?;
        let mut sent = false;
        while let Some(bytes) = next()? {
            if !scan_found(&out, &mut cutter, &bytes, false, &mut sent) {
                return Ok(());
            }
        }
        scan_found(&out, &mut cutter, &[], true, &mut sent);
        return Ok(());
    };
    wasm_bindgen_futures::spawn_local(async move {
        let mut sent = false;
        let mut bytes = Vec::with_capacity(READ_BUF as usize);
        loop {
            bytes.clear();
            match stream.next_into(&mut bytes).await {
                Ok(true) => {
                    if !scan_found(&out, &mut cutter, &bytes, false, &mut sent) {
                        return;
                    }
                }
                Ok(false) => {
                    scan_found(&out, &mut cutter, &[], true, &mut sent);
                    return;
                }
                Err(e) => {
                    out.error(&js_err(&e));
                    return;
                }
            }
        }
    });
    Ok(())
}

/// Feeds the scan and answers what it found; `false` once the file is not to be cut (answered
/// `whole`: the page has one worker read it all).
fn scan_found(
    out: &Out,
    cutter: &mut cut::Cutter,
    bytes: &[u8],
    eof: bool,
    sent: &mut bool,
) -> bool {
    let cuts = match cutter.push(bytes, eof) {
        cut::Found::Whole => {
            let o = Object::new();
            set(&o, "chunk", &out.chunk.into());
            set(&o, "whole", &JsValue::TRUE);
            let _ = out.scope.post_message(&o);
            return false;
        }
        cut::Found::Cuts(c) => c,
    };
    if cuts.is_empty() && !eof {
        return true;
    }
    let o = Object::new();
    set(&o, "chunk", &out.chunk.into());
    let flat: Vec<f64> = cuts
        .iter()
        .flat_map(|&(off, line)| {
            #[allow(clippy::cast_precision_loss)]
            [off, line as f64]
        })
        .collect();
    set(&o, "scan", &js_sys::Float64Array::from(&flat[..]));
    set(&o, "done", &JsValue::from_bool(eof));
    if let (false, Some(h)) = (*sent, cutter.head()) {
        set(&o, "head", &JsValue::from_str(&h.names));
        set(&o, "cr", &JsValue::from_bool(h.cr));
        *sent = true;
    }
    let _ = out.scope.post_message(&o);
    true
}

/// The CSV chunk `[a, b)` of `file` (`part`: those bytes, sliced by the page): from the file's
/// start it is read as it is; past it, after the synthetic header of `head` (else the file's own,
/// read again), its lines counted from the job's `base` + 1 (see [`super::cut`]).
fn csv_chunk(
    out: Out,
    file: &Blob,
    part: Option<Blob>,
    a: f64,
    b: f64,
    mut job: Job,
    head: Option<&cut::Head>,
) -> Result<(), String> {
    let size = file.size();
    let b = if b > a && b <= size { b } else { size };
    let blob = match part.filter(|p| p.size() == b - a) {
        Some(p) => p,
        None if a <= 0.0 && b >= size => file.clone(),
        None => file.slice_with_f64_and_f64(a, b).map_err(|e| js_err(&e))?,
    };
    let prefix = if a > 0.0 {
        let h = match head {
            Some(h) => h.clone(),
            None => file_head(file, job.gbk)?,
        };
        Some(h.prefix())
    } else {
        job.base = 0;
        None
    };
    csv(out, blob, job, prefix)
}

/// CSV bytes (a file or a chunk of one, after `prefix`): read through its stream
/// ([`ByteStream`], into a reused buffer: memory stays flat whatever the size and no garbage piles
/// up between collections), else in slices.
fn csv(out: Out, file: Blob, job: Job, prefix: Option<Vec<u8>>) -> Result<(), String> {
    // A chunk's synthetic header stands on the line before the chunk's first (`base` + 2).
    let first = if prefix.is_some() {
        u64::from(job.base) + 1
    } else {
        1
    };
    let Some(mut stream) = ByteStream::open(&file) else {
        let mut pending = prefix;
        let mut rest = decoded(
            slices(&file)?,
            job.gbk,
            if pending.is_some() { first + 1 } else { 1 },
        );
        let mut next = move || match pending.take() {
            Some(p) => Ok(Some(p)),
            None => rest(),
        };
        return csv_stream(&out, &job, first, &mut next);
    };
    wasm_bindgen_futures::spawn_local(async move {
        let mut run = CsvRun::new(&out, &job, first);
        if let Some(p) = &prefix {
            run.feed(Some(p));
        }
        let gbk = Gbk::new(job.gbk);
        // The line of the first byte read (after a chunk's synthetic header, the line below it).
        let text_line = if prefix.is_some() { first + 1 } else { 1 };
        let mut bytes = Vec::with_capacity(READ_BUF as usize);
        loop {
            bytes.clear();
            let t = clock();
            let more = stream.next_into(&mut bytes).await;
            out.read_ms.set(out.read_ms.get() + clock() - t);
            match more {
                Ok(true) => match gbk.as_ref().map(|g| g.decode(&bytes, false, text_line)) {
                    Some(Ok(text)) => run.feed(Some(&text)),
                    Some(Err(e)) => {
                        out.error(&e);
                        return;
                    }
                    None => run.feed(Some(&bytes)),
                },
                Ok(false) => {
                    match gbk.as_ref().map(|g| g.decode(&[], true, text_line)) {
                        Some(Ok(text)) => run.feed(Some(&text)),
                        Some(Err(e)) => {
                            out.error(&e);
                            return;
                        }
                        None => {}
                    }
                    run.feed(None);
                    break;
                }
                Err(e) => {
                    out.error(&js_err(&e));
                    return;
                }
            }
        }
        run.end();
    });
    Ok(())
}

/// Verifies the claims of CSV bytes (header row first) through calc-core's `ClaimReader`,
/// `next` giving them piece by piece, then `None` (see [`CsvRun`]).
fn csv_stream(
    out: &Out,
    job: &Job,
    first: u64,
    next: &mut dyn FnMut() -> Result<Option<Vec<u8>>, String>,
) -> Result<(), String> {
    let mut run = CsvRun::new(out, job, first);
    loop {
        match next()? {
            Some(bytes) => run.feed(Some(&bytes)),
            None => {
                run.feed(None);
                break;
            }
        }
    }
    run.end();
    Ok(())
}

/// A CSV file being verified as its bytes come, answering in parts of [`CSV_PART`] records. A
/// header that cannot be used refuses the file: it is said once (`header_error`: the page shows
/// no rows, as the command line refuses such a file) and nothing after it is read.
struct CsvRun<'a> {
    out: &'a Out,
    job: &'a Job,
    reader: ClaimReader,
    answer: Vec<u8>,
    summary: Summary,
    n: usize,
    /// The header was refused: the rest of the file is not read.
    refused: bool,
}

impl<'a> CsvRun<'a> {
    /// A run over CSV bytes whose first line is line `first` of the file (1, or the line of a
    /// chunk's synthetic header: see [`super::cut`]).
    fn new(out: &'a Out, job: &'a Job, first: u64) -> CsvRun<'a> {
        let mut answer = Vec::new();
        // The report's header once, in the first chunk's answer (a later chunk starts at the
        // line after its synthetic header, past line 1).
        if job.mode == Mode::Csv && first <= 1 {
            job.csv_start(&mut answer);
        }
        CsvRun {
            out,
            job,
            reader: ClaimReader::starting_at(first),
            answer,
            summary: Summary::default(),
            n: 0,
            refused: false,
        }
    }

    /// One report more; a part is answered every [`CSV_PART`].
    fn put(&mut self, r: &Report, name: Option<&str>) {
        self.summary.add(r);
        self.job.put(&mut self.answer, r, name, 0.0, 0);
        self.n += 1;
        if self.n.is_multiple_of(CSV_PART) {
            self.out.send(&self.answer, &self.summary, 0, false);
            self.answer.clear();
            self.summary = Summary::default();
        }
    }

    /// The next bytes of the file (`None`: it ended).
    fn feed(&mut self, bytes: Option<&[u8]>) {
        if self.refused {
            return;
        }
        match bytes {
            Some(b) => self.reader.push(b),
            None => self.reader.finish(),
        }
        loop {
            match self.reader.next_claim() {
                Ok(Some((line, claim))) => {
                    let (r, name) = match claim {
                        Ok(c) => (verify::verify_claim(&c), c.request.facility.name),
                        Err((id, e)) => (Report::invalid(id, &e, None), None),
                    };
                    self.put(
                        &Report {
                            line: Some(line),
                            ..r
                        },
                        name.as_deref(),
                    );
                }
                Ok(None) => break,
                Err(e) => {
                    self.out.header_error(&e);
                    self.refused = true;
                    self.reader = ClaimReader::new();
                    break;
                }
            }
        }
    }

    /// The last part.
    fn end(self) {
        self.out.send(&self.answer, &self.summary, 0, true);
    }
}

/// The claims template ([`flat::template_csv`]: every column, Chinese headings, one example
/// row) and the column notes in Chinese and English ([`flat::template_notes`]), as one UTF-8
/// text: `template` then a form feed then `notes` (each file with its byte-order mark).
fn template(out: &Out) {
    let mut text = flat::template_csv();
    text.push('\u{c}');
    text.push_str(flat::CSV_BOM);
    for row in flat::template_notes() {
        text.push_str(&flat::csv_line(&row));
    }
    out.send(text.as_bytes(), &Summary::default(), 0, true);
}

/// The claim of CSV bytes that starts on `line` (or why it cannot be read, as a report).
fn claim_at(
    next: &mut dyn FnMut() -> Result<Option<Vec<u8>>, String>,
    line: u64,
    first: u64,
) -> Result<Result<calc_core::verify::Claim, Report>, String> {
    let mut reader = ClaimReader::starting_at(first);
    let mut ended = false;
    while !ended {
        match next()? {
            Some(b) => reader.push(&b),
            None => {
                reader.finish();
                ended = true;
            }
        }
        loop {
            match reader.next_claim() {
                Ok(Some((l, claim))) if l == line => {
                    return Ok(claim.map_err(|(id, e)| Report::invalid(id, &e, Some(line))));
                }
                Ok(Some(_)) => {}
                Ok(None) => break,
                Err(e) => return Ok(Err(Report::invalid(None, &e, Some(line)))),
            }
        }
    }
    Err(format!(
        "第 {line} 行的申报已不在文件中 / the claim on line {line} is no longer in the file"
    ))
}

/// One claim recomputed in full for the page's drill-down: `{ report, statement | error,
/// request }` as JSON text (the page renders it without calc-core's readers).
#[allow(clippy::too_many_arguments)]
fn detail(
    out: &Out,
    file: &Blob,
    a: f64,
    b: f64,
    line: u64,
    kind: &str,
    sheet_name: Option<&str>,
    excel: Option<Excel>,
    head: Option<&cut::Head>,
    base: u64,
    gbk: bool,
) -> Result<(), String> {
    let fr = FileReaderSync::new().map_err(|e| js_err(&e))?;
    // CSV and Excel: the file is read again (slice by slice) up to the claim's line — a CSV
    // file from the start of the claim's chunk (`[a, b)`, lines counted from `base` + 1), when known.
    let claim = if kind == "xlsx" {
        let mut once = Some(xlsx_text(file, sheet_name, excel)?.into_bytes());
        claim_at(&mut || Ok(once.take()), line, 1)?
    } else if kind == "csv" && a > 0.0 && b > a && line > base + 1 {
        let h = match head {
            Some(h) => h.clone(),
            None => file_head(file, gbk)?,
        };
        let part = file.slice_with_f64_and_f64(a, b).map_err(|e| js_err(&e))?;
        let mut first = Some(h.prefix());
        let mut rest = decoded(slices(&part)?, gbk, base + 2);
        let mut next = move || match first.take() {
            Some(p) => Ok(Some(p)),
            None => rest(),
        };
        claim_at(&mut next, line, base + 1)?
    } else if kind == "csv" {
        claim_at(&mut decoded(slices(file)?, gbk, 1), line, 1)?
    } else {
        let bytes = read(&fr, file, a, b)?;
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
        match verify::parse_line(bytes, line) {
            Some(Ok(c)) => Ok(c),
            Some(Err((id, e))) => Err(Report::invalid(id, &e, Some(line))),
            None => Err(Report::invalid(
                None,
                &calc_core::Error::new("", "空行", "blank line"),
                Some(line),
            )),
        }
    };
    let mut o = serde_json::Map::new();
    match claim {
        Ok(c) => {
            let mut r = verify::verify_claim(&c);
            r.line = Some(line);
            o.insert(
                "report".into(),
                serde_json::to_value(&r).unwrap_or_default(),
            );
            match calc_core::assess(&c.request) {
                Ok(st) => o.insert(
                    "statement".into(),
                    serde_json::to_value(&st).unwrap_or_default(),
                ),
                Err(e) => o.insert(
                    "error".into(),
                    serde_json::to_value(e.to_json()).unwrap_or_default(),
                ),
            };
            o.insert(
                "request".into(),
                serde_json::to_value(&c.request).unwrap_or_default(),
            );
        }
        Err(r) => {
            o.insert(
                "report".into(),
                serde_json::to_value(&r).unwrap_or_default(),
            );
        }
    }
    let text = serde_json::Value::Object(o).to_string();
    out.send(text.as_bytes(), &Summary::default(), 0, true);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::facility_name;

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn the_facility_name_is_found_in_a_claim_line() {
        let line = br#"{"id":"name","request":{"year":2026,"facility" : { "legal_form":"enterprise","service_modes":["full_day"], "name" : "\u664b\u5b81 \"}\" \u56ed"},"revenue":{"name":"x"}}}"#;
        assert_eq!(facility_name(line).as_deref(), Some("晋宁 \"}\" 园"));
        // None when the facility has no name (the next object's `name` is not taken).
        let none = br#"{"request":{"facility":{"legal_form":"enterprise"},"x":{"name":"y"}}}"#;
        assert_eq!(facility_name(none), None);
        assert_eq!(facility_name(b"not json"), None);
        assert_eq!(facility_name(br#"{"facility":"#), None);
    }
}
