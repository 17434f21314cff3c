//! The worker's side of the desk (built into `desk_worker.wasm`, never into the page's module).
//!
//! The page posts `{ file, kind, mode, a, b, chunk, base }`: verify the claims that *start* in
//! bytes `[a, b)` of `file`. JSON Lines: a line belongs to the chunk holding its first byte, so
//! the worker reads from `a − 1`, skips to the first line start at or after `a`, and reads past
//! `b` until the last line it owns ends; it answers how many line starts it saw (`starts`), so
//! the page can number lines physically across chunks. CSV (`kind: "csv"`) is read whole by one
//! worker (the page refuses files above [`super::run::CSV_LIMIT`]) and answered in parts.
//!
//! `mode` is `rows` (compact rows, see [`super::rows`]), `jsonl` or `csv` (report text for the
//! download), or `template` (the claims template and its column notes). Each answer is
//! `{ chunk, last, starts, rows: Uint8Array (transferred), summary: JSON of calc-core's Summary }`
//! or `{ chunk, error }`; `{ ready: true }` is posted once the module runs.

use super::rows;
use calc_core::flat::{self, ClaimHeaders};
use calc_core::verify::{self, Report, Summary};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

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

/// Installs the message handler and says `ready`.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let s2 = scope.clone();
    let on = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        handle(&s2, &e.data());
    });
    scope.set_onmessage(Some(on.as_ref().unchecked_ref()));
    on.forget();
    let ready = Object::new();
    set(&ready, "ready", &JsValue::TRUE);
    let _ = scope.post_message(&ready);
}

/// Where answers go.
struct Out<'a> {
    scope: &'a DedicatedWorkerGlobalScope,
    chunk: f64,
}

impl Out<'_> {
    fn send(&self, bytes: &[u8], summary: &Summary, starts: u32, last: bool) {
        let o = Object::new();
        set(&o, "chunk", &self.chunk.into());
        set(&o, "last", &JsValue::from_bool(last));
        set(&o, "starts", &starts.into());
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
        let _ = self
            .scope
            .post_message_with_transfer(&o, &Array::of1(&data.buffer()));
    }

    fn error(&self, e: &str) {
        let o = Object::new();
        set(&o, "chunk", &self.chunk.into());
        set(&o, "error", &JsValue::from_str(e));
        let _ = self.scope.post_message(&o);
    }
}

fn handle(scope: &DedicatedWorkerGlobalScope, data: &JsValue) {
    let out = Out {
        scope,
        chunk: get(data, "chunk").as_f64().unwrap_or(0.0),
    };
    let mode = get(data, "mode").as_string().unwrap_or_default();
    let res = if mode == "template" {
        template(&out);
        Ok(())
    } else if mode == "detail" {
        match get(data, "file").dyn_into::<File>() {
            Ok(file) => detail(
                &out,
                &file,
                get(data, "a").as_f64().unwrap_or(0.0),
                get(data, "b").as_f64().unwrap_or(0.0),
                u64_of(get(data, "line").as_f64().unwrap_or(0.0)),
                get(data, "kind").as_string().as_deref() == Some("csv"),
            ),
            Err(_) => Err("no file".to_string()),
        }
    } else {
        match get(data, "file").dyn_into::<File>() {
            Ok(file) => {
                let a = get(data, "a").as_f64().unwrap_or(0.0);
                let b = get(data, "b").as_f64().unwrap_or(0.0);
                let base = get(data, "base").as_f64().unwrap_or(0.0);
                let job = Job {
                    mode: Mode::of(&mode),
                    base: u32_of(base),
                };
                if get(data, "kind").as_string().as_deref() == Some("csv") {
                    csv(&out, &file, &job)
                } else {
                    jsonl(&out, &file, a, b, &job)
                }
            }
            Err(_) => Err("no file".to_string()),
        }
    };
    if let Err(e) = res {
        out.error(&e);
    }
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
}

impl Job {
    /// Appends the answer for report `r` (whose line is already physical).
    fn put(&self, out: &mut Vec<u8>, r: &Report, offset: f64, len: usize) {
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
                rows::encode(out, r, line, off, u32::try_from(len).unwrap_or(u32::MAX));
            }
            Mode::Jsonl => {
                out.extend_from_slice(r.to_json_line().as_bytes());
                out.push(b'\n');
            }
            Mode::Csv => out.extend_from_slice(flat::csv_line(&flat::report_row(r)).as_bytes()),
        }
    }
}

fn read(fr: &FileReaderSync, file: &File, a: f64, b: f64) -> Result<Vec<u8>, String> {
    let blob = file.slice_with_f64_and_f64(a, b).map_err(|e| js_err(&e))?;
    let buf = fr.read_as_array_buffer(&blob).map_err(|e| js_err(&e))?;
    Ok(Uint8Array::new(&buf).to_vec())
}

fn jsonl(out: &Out, file: &File, a: f64, b: f64, job: &Job) -> Result<(), String> {
    let fr = FileReaderSync::new().map_err(|e| js_err(&e))?;
    let size = file.size();
    let start = if a > 0.0 { a - 1.0 } else { 0.0 };
    let mut buf = read(&fr, file, start, b)?;
    // The last line owned here may run past `b`: read on until it ends.
    let mut end = b;
    let mut step = 65_536.0;
    while end < size && buf.last() != Some(&b'\n') {
        let next = (end + step).min(size);
        let more = read(&fr, file, end, next)?;
        let nl = more.iter().position(|&c| c == b'\n');
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
    // `owned`: offsets (in buf) where a line may start and still belong to this chunk.
    let owned = usize::try_from(u64_of(b - start)).unwrap_or(usize::MAX);
    let mut pos = 0;
    if a > 0.0 {
        pos = buf
            .iter()
            .position(|&c| c == b'\n')
            .map_or(buf.len(), |i| i + 1);
    } else if buf.starts_with(b"\xef\xbb\xbf") {
        pos = 3; // a byte-order mark before line 1
    }
    let mut answer = Vec::with_capacity(buf.len() / 6);
    if a <= 0.0 && job.mode == Mode::Csv {
        answer.extend_from_slice(flat::csv_line(&flat::report_header()).as_bytes());
    }
    let mut summary = Summary::default();
    let mut starts = 0_u32;
    while pos < owned.min(buf.len()) {
        let stop = buf[pos..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(buf.len(), |i| pos + i + 1);
        starts += 1;
        let line = u64::from(job.base) + u64::from(starts);
        if let Some(r) = verify::verify_line(&buf[pos..stop], line) {
            summary.add(&r);
            #[allow(clippy::cast_precision_loss)]
            job.put(&mut answer, &r, start + pos as f64, stop - pos);
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

fn csv(out: &Out, file: &File, job: &Job) -> Result<(), String> {
    let fr = FileReaderSync::new().map_err(|e| js_err(&e))?;
    let bytes = read(&fr, file, 0.0, file.size())?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return Err(format!(
                "文件不是 UTF-8 编码（第 {} 字节处）：请在 Excel 中另存为“CSV UTF-8”。 / The file is not UTF-8 (at byte {}): save it from Excel as “CSV UTF-8”.",
                e.utf8_error().valid_up_to() + 1,
                e.utf8_error().valid_up_to() + 1
            ))
        }
    };
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut records = flat::csv_records(&text);
    let header = match records.next() {
        Some(rec) => rec.cells.and_then(|cells| {
            let names: Vec<&str> = cells.iter().map(String::as_str).collect();
            ClaimHeaders::new(&names)
        }),
        None => Err(calc_core::Error::new(
            "",
            "CSV 文件没有表头行",
            "the CSV file has no header row",
        )),
    };
    // Byte offset of each record's first line: walk the newlines as records come in order.
    let body = text.as_bytes();
    let mut cur_line = 1_u64;
    let mut cur_off = bom;
    let mut offset_of = |line: u64| -> usize {
        while cur_line < line && cur_off < body.len() {
            cur_off = body[cur_off..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(body.len(), |i| cur_off + i + 1);
            cur_line += 1;
        }
        cur_off
    };
    let mut answer = Vec::new();
    if job.mode == Mode::Csv {
        answer.extend_from_slice(flat::csv_line(&flat::report_header()).as_bytes());
    }
    let mut summary = Summary::default();
    let mut n = 0;
    let mut prev: Option<(Report, usize)> = None;
    for rec in records {
        let line = rec.line;
        let off = offset_of(line);
        if let Some((r, o)) = prev.take() {
            #[allow(clippy::cast_precision_loss)]
            job.put(&mut answer, &r, o as f64, off - o);
            n += 1;
            if n % CSV_PART == 0 {
                out.send(&answer, &summary, 0, false);
                answer.clear();
                summary = Summary::default();
            }
        }
        let r = match (&header, rec.cells.as_ref()) {
            (Ok(h), Ok(cells)) => {
                let fields: Vec<&str> = cells.iter().map(String::as_str).collect();
                match h.claim(&fields) {
                    Ok(c) => verify::verify_claim(&c),
                    Err(e) => Report::invalid(h.id_of(&fields).map(str::to_string), &e, None),
                }
            }
            (Err(e), _) | (_, Err(e)) => Report::invalid(None, e, None),
        };
        let r = Report {
            line: Some(line),
            ..r
        };
        summary.add(&r);
        prev = Some((r, off));
    }
    if let Some((r, o)) = prev {
        #[allow(clippy::cast_precision_loss)]
        job.put(&mut answer, &r, o as f64, body.len() - o);
    }
    out.send(&answer, &summary, 0, true);
    Ok(())
}

/// The claims template (header and one example row, from `fixtures/claims.csv`) and the column
/// notes in Chinese and English, as one UTF-8 text: `template` then a form feed then `notes`.
fn template(out: &Out) {
    let example = include_str!("../../../fixtures/claims.csv");
    let mut lines = example.lines();
    let mut text = String::from("\u{feff}");
    for l in lines.by_ref().take(2) {
        text.push_str(l);
        text.push_str("\r\n");
    }
    text.push('\u{c}');
    text.push('\u{feff}');
    text.push_str(&flat::csv_line(&[
        "列名 column",
        "必填 required",
        "说明",
        "description",
    ]));
    for c in flat::CLAIM_COLUMNS {
        text.push_str(&flat::csv_line(&[
            c.name,
            if c.required { "是 yes" } else { "否 no" },
            c.zh,
            c.en,
        ]));
    }
    out.send(text.as_bytes(), &Summary::default(), 0, true);
}

/// One claim recomputed in full for the page's drill-down: `{ report, statement | error,
/// request }` as JSON text (the page renders it without calc-core's readers).
fn detail(out: &Out, file: &File, a: f64, b: f64, line: u64, csv: bool) -> Result<(), String> {
    let fr = FileReaderSync::new().map_err(|e| js_err(&e))?;
    let bytes = read(&fr, file, a, b)?;
    let claim = if csv {
        let head = read(&fr, file, 0.0, file.size().min(1_048_576.0))?;
        let head = String::from_utf8_lossy(&head);
        let names = flat::csv_records(&head)
            .next()
            .and_then(|r| r.cells.ok())
            .unwrap_or_default();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let cells = flat::csv_records(text)
            .next()
            .and_then(|r| r.cells.ok())
            .unwrap_or_default();
        let fields: Vec<&str> = cells.iter().map(String::as_str).collect();
        ClaimHeaders::new(&names)
            .and_then(|h| h.claim(&fields))
            .map_err(|e| Report::invalid(None, &e, Some(line)))
    } else {
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
