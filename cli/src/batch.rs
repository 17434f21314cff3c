//! `tuoyu batch`: verifies a file of claims in flat memory on every core, keeping input order.
//!
//! ```text
//! reader thread ──chunks of whole records (≈256 KiB)──▶ N workers ──▶ ordered writer (this thread)
//!                 bounded queue                      parse+verify     bounded queue, reorder by seq
//! ```
//! The reader cuts the input into chunks that end on a record boundary (a newline; for CSV a
//! newline outside quotes) and numbers them; workers turn a chunk into the bytes of its reports;
//! the writer writes chunks in sequence order. Queues hold at most `workers + 1` chunks each, so
//! memory does not grow with the file. Claims are verified without explanation text.

use calc_core::frontend::flat::{self, ClaimHeaders, Piece, RecordSplitter};
use calc_core::frontend::Lang;
use calc_core::verify::{verify_claim_into, verify_valid_into, Report, Summary, ValidClaim};
use calc_core::{Error, Verdict};
use crossbeam_channel::{bounded, unbounded, Receiver, Sender};
use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A file format of claims or reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON Lines: one JSON document per line.
    Jsonl,
    /// CSV with a header row (columns: [`calc_core::frontend::flat`]).
    Csv,
    /// An Excel workbook: claims from its first sheet (or `Config::sheet`), the same columns as
    /// CSV; reports into one sheet ([`crate::xlsx`]).
    Xlsx,
}

impl Format {
    /// The format a file name implies (`.jsonl`/`.ndjson`/`.json` → JSON Lines, `.csv` → CSV).
    #[must_use]
    pub fn from_path(p: &Path) -> Option<Format> {
        let ext = p.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            "xlsx" | "xlsm" | "xls" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// What a batch run needs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Input path (`-` for standard input).
    pub input: PathBuf,
    /// Output path (`-` for standard output).
    pub output: PathBuf,
    /// Input format.
    pub input_format: Format,
    /// Output format.
    pub output_format: Format,
    /// Worker threads.
    pub threads: usize,
    /// Target chunk size in bytes.
    pub chunk_bytes: usize,
    /// Draw a progress bar on stderr.
    pub progress: bool,
    /// Measure where the time goes.
    pub profile: bool,
    /// The longest record accepted (bytes); see [`MAX_RECORD`].
    pub max_record: usize,
    /// The sheet of an Excel input (default: the first).
    pub sheet: Option<String>,
    /// Parse the claims and nothing else (no verification, no output): the floor a batch is
    /// measured against (`scripts/bench-cli.sh`).
    pub parse_only: bool,
    /// Replace an existing output file (without it, an existing file is refused).
    pub force: bool,
    /// Set to a signal number (by the caller's signal handler) to stop the run: the reports
    /// written so far are kept in `<output>.partial` and [`BatchError::Interrupted`] says how many.
    pub stop: Option<Arc<AtomicUsize>>,
    /// The language of a CSV or Excel report ([`flat::report_header_in`]): English names and
    /// codes (the contract, the default) or Chinese headings and verdict words.
    pub lang: Lang,
}

/// The default longest record; a longer one becomes an `invalid_input` row and is skipped.
pub const MAX_RECORD: usize = 64 << 20;

/// Why a batch could not run (or stopped).
#[derive(Debug)]
pub enum BatchError {
    /// The input cannot be used (missing, a directory, unreadable, a bad CSV header): exit 2.
    Input(String),
    /// The output cannot be created: exit 2.
    Unusable(String),
    /// The output cannot be written part-way: exit 1.
    Output(String),
    /// Stopped by a signal (the number set in [`Config::stop`]) after `rows` reports.
    Interrupted {
        /// The signal number.
        signal: usize,
        /// The reports written (complete rows).
        rows: u64,
        /// Where they are (`None`: standard output).
        kept: Option<PathBuf>,
    },
    /// Standard output was closed by its reader (`| head`): stop quietly.
    Closed,
}

/// Where the time went, summed over threads (seconds of thread time).
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// Reading and cutting the input (reader thread).
    pub read: Duration,
    /// Parsing claims (JSON or CSV record → `Claim`, validated).
    pub parse: Duration,
    /// Verifying parsed claims (no explanation text).
    pub verify: Duration,
    /// Writing reports into bytes (JSON or CSV).
    pub serialize: Duration,
    /// Writing bytes to the output and waiting on order (writer thread).
    pub write: Duration,
}

/// The result of a run.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Counts by verdict and the over-claimed total.
    pub summary: Summary,
    /// Wall time.
    pub elapsed: Duration,
    /// Input bytes read.
    pub bytes: u64,
    /// Where the time went (with `profile`).
    pub profile: Option<Profile>,
    /// Non-fatal remarks (an empty input, …).
    pub notes: Vec<String>,
}

struct Chunk {
    seq: u64,
    first_line: u64,
    data: Vec<u8>,
    /// A record longer than [`MAX_RECORD`] at `first_line`, skipped.
    too_long: bool,
    /// CSV: the records in `data`, found by calc-core's [`RecordSplitter`].
    recs: Vec<Rec>,
}

/// One CSV record of a chunk.
#[derive(Debug, Clone, Copy)]
struct Rec {
    line: u64,
    start: usize,
    end: usize,
    kind: RecKind,
}

#[derive(Debug, Clone, Copy)]
enum RecKind {
    Record,
    /// A quote that never closes properly (the line is reported, reading goes on).
    Unclosed {
        cell: usize,
        column: usize,
    },
    TooLong,
}

struct Done {
    seq: u64,
    bytes_in: u64,
    out: Vec<u8>,
    summary: Summary,
    profile: Profile,
}

/// A chunk's counts as plain numbers, added to its [`Summary`] once at the end of the chunk
/// (instead of a map entry per report): the same figures as [`Summary::add`] for each report.
#[derive(Default)]
struct Tally {
    claims: u64,
    /// Reports by verdict, indexed as [`Verdict::ALL`].
    by_verdict: [u64; Verdict::ALL.len()],
    over_claimed: rust_decimal::Decimal,
    /// The over-claimed amount by item, indexed as [`calc_core::verify::ClaimItem::ALL`].
    by_item: [rust_decimal::Decimal; calc_core::verify::ClaimItem::ALL.len()],
}

impl Tally {
    fn add(&mut self, r: &Report, summary: &mut Summary) {
        let Some(i) = Verdict::ALL.iter().position(|v| *v == r.verdict) else {
            // A verdict of a later version (never given by verification): counted as is.
            summary.add(r);
            return;
        };
        self.claims += 1;
        self.by_verdict[i] += 1;
        if r.verdict < Verdict::OverClaimed {
            // `match`, `under_claimed`, `missing_input`: no item is over-claimed.
            return;
        }
        self.over_claimed = self.over_claimed.saturating_add(r.over_claimed_amount());
        for (item, d) in r.over_claimed_items() {
            match calc_core::verify::ClaimItem::ALL
                .iter()
                .position(|x| *x == item)
            {
                Some(k) => self.by_item[k] = self.by_item[k].saturating_add(d),
                None => summary.add_over_claimed(item, d),
            }
        }
    }

    fn into_summary(self, summary: &mut Summary) {
        summary.claims += self.claims;
        for (v, n) in Verdict::ALL.iter().zip(self.by_verdict) {
            if n > 0 {
                *summary.by_verdict.entry(*v).or_insert(0) += n;
            }
        }
        summary.over_claimed_amount = calc_core::Dec(
            summary
                .over_claimed_amount
                .0
                .saturating_add(self.over_claimed),
        );
        for (item, d) in calc_core::verify::ClaimItem::ALL.iter().zip(self.by_item) {
            if d > rust_decimal::Decimal::ZERO {
                summary.add_over_claimed(*item, d);
            }
        }
    }
}

/// Opens a path for reading (`-` is standard input), refusing directories.
///
/// # Errors
/// A message naming the file.
pub fn open_input(p: &Path) -> Result<(Box<dyn Read + Send>, Option<u64>), String> {
    if p.as_os_str() == "-" {
        return Ok((Box::new(io::stdin()), None));
    }
    let meta = std::fs::metadata(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
    if meta.is_dir() {
        return Err(format!(
            "cannot read {}: it is a directory, not a file",
            p.display()
        ));
    }
    let f = std::fs::File::open(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
    Ok((Box::new(f), Some(meta.len())))
}

/// Runs a batch.
///
/// # Errors
/// [`BatchError`] when the input or output cannot be used.
pub fn run(cfg: &Config) -> Result<Outcome, BatchError> {
    let start = Instant::now();
    refuse_same_file(&cfg.input, &cfg.output)?;
    let (input, size) = if cfg.input_format == Format::Xlsx {
        let r = crate::xlsx::claims_as_csv(&cfg.input, cfg.sheet.as_deref())
            .map_err(BatchError::Input)?;
        (r, None)
    } else {
        open_input(&cfg.input).map_err(BatchError::Input)?
    };
    let mut notes = Vec::new();

    // CSV: the encoding is recognised (UTF-8, or GBK from Excel on Chinese Windows), and the
    // header row read and checked before anything is written.
    let mut carry = Vec::new();
    let first_line = 1u64;
    let mut splitter = RecordSplitter::new(cfg.max_record);
    // A file that is never claims (a PDF, an image, …) is refused naming it, as the desk does.
    let csv = cfg.input_format != Format::Jsonl;
    let shown = if cfg.input.as_os_str() == "-" {
        "standard input".to_string()
    } else {
        cfg.input.display().to_string()
    };
    let input =
        crate::encoding::claims_input(input, &shown, csv, &mut notes).map_err(BatchError::Input)?;
    let (input, headers) = if csv {
        let mut input = input;
        let (h, rest) = read_csv_header(&mut input, &mut splitter)?;
        carry = rest;
        (input, Some(Arc::new(h)))
    } else {
        (input, None)
    };

    let sink = Sink::open(&cfg.output, cfg.force)?;
    let mut writer = sink.writer()?;
    if cfg.output_format == Format::Xlsx {
        // Workers write report CSV; the sink lays it into a sheet and saves at the flush.
        writer = match crate::xlsx::XlsxSink::new(writer) {
            Ok(x) => Box::new(x),
            Err(e) => {
                sink.discard();
                return Err(BatchError::Unusable(e));
            }
        };
    }
    // A chunk's reports (tens to hundreds of KiB) are larger than the buffer, and so written
    // straight through instead of copied into it first; the buffer gathers only small writes.
    let mut out = io::BufWriter::with_capacity(1 << 15, writer);
    if cfg.output_format != Format::Jsonl && !cfg.parse_only {
        let mut header = flat::csv_line(&flat::report_header_in(cfg.lang));
        // A CSV file opens in Excel as UTF-8 only with a byte-order mark; standard output gets
        // none, so that `| cut`, `| grep ^line` and CSV readers downstream see the names as
        // they are (and the xlsx sink reads cells, not a file).
        if cfg.output_format == Format::Csv && cfg.output.as_os_str() != "-" {
            header.insert_str(0, flat::CSV_BOM);
        }
        if let Err(e) = out.write_all(header.as_bytes()) {
            return Err(sink.fail(e));
        }
    }

    let threads = cfg.threads.max(1);
    let (work_tx, work_rx) = bounded::<Chunk>(threads + 1);
    let (done_tx, done_rx) = bounded::<Done>(threads + 1);
    // Buffers go round instead of being freed and allocated again: input buffers back to the
    // reader, output buffers back to the workers. Memory stays at the few chunks in flight.
    let (in_pool_tx, in_pool_rx) = unbounded::<Vec<u8>>();
    let (out_pool_tx, out_pool_rx) = unbounded::<Vec<u8>>();
    // Reports are up to ~4× their claims (CSV in, JSON out): keep buffers of that size.
    let keep = cfg.chunk_bytes.max(1024) * 8;
    let bar = cfg.progress.then(|| progress_bar(size));

    let mut summary = Summary::default();
    let mut profile = Profile::default();
    let mut bytes = 0u64;
    // Plain (not scoped) threads: an interrupted run returns without waiting for a reader that
    // may be blocked on a terminal or a pipe.
    let (format, chunk, max) = (cfg.input_format, cfg.chunk_bytes.max(1024), cfg.max_record);
    let reader = std::thread::spawn(move || {
        let t = Instant::now();
        let r = if format != Format::Jsonl {
            read_csv_chunks(input, carry, splitter, chunk, &work_tx, &in_pool_rx)
        } else {
            read_chunks(
                input,
                carry,
                first_line,
                (format, chunk, max),
                &work_tx,
                &in_pool_rx,
            )
        };
        (r, t.elapsed())
    });
    let mut workers = Vec::with_capacity(threads);
    for _ in 0..threads {
        let rx = work_rx.clone();
        let tx = done_tx.clone();
        let headers = headers.clone();
        let pools = Pools {
            give_in: in_pool_tx.clone(),
            take_out: out_pool_rx.clone(),
            keep,
        };
        let of = match (cfg.parse_only, cfg.output_format) {
            (true, _) => None,
            (false, f) => Some(f),
        };
        let (prof, max, lang) = (cfg.profile, cfg.max_record, cfg.lang);
        workers.push(std::thread::spawn(move || {
            worker(&rx, &tx, &pools, headers.as_deref(), of, prof, max, lang);
        }));
    }
    drop(work_rx);
    drop(done_tx);
    drop(in_pool_tx);
    drop(out_pool_rx);

    // The ordered writer.
    let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
    let mut next = 0u64;
    let mut failed = None;
    let tw = Instant::now();
    let mut waited = Duration::ZERO;
    let stopped = || cfg.stop.as_ref().map_or(0, |s| s.load(Ordering::SeqCst));
    loop {
        if stopped() != 0 {
            break;
        }
        let tr = Instant::now();
        let d = match done_rx.recv_timeout(Duration::from_millis(100)) {
            Ok(d) => d,
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => continue,
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => break,
        };
        waited += tr.elapsed();
        pending.insert(d.seq, d);
        while let Some(mut d) = pending.remove(&next) {
            next += 1;
            if let Err(e) = out.write_all(&d.out) {
                failed = Some(e);
                break;
            }
            if d.out.capacity() <= keep {
                d.out.clear();
                let _ = out_pool_tx.send(std::mem::take(&mut d.out));
            }
            summary.merge(&d.summary);
            add_profile(&mut profile, &d.profile);
            bytes += d.bytes_in;
            let rows = summary.claims;
            if let Some(b) = &bar {
                b.set_position(bytes);
                let secs = start.elapsed().as_secs_f64().max(1e-3);
                b.set_message(format!("{rows} rows, {:.0} rows/s", rows as f64 / secs));
            }
        }
        if failed.is_some() {
            // Stop the pipeline: workers and reader see closed channels and return.
            break;
        }
    }
    drop(done_rx);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    if let Some(e) = failed {
        return Err(sink.fail(e));
    }
    let signal = stopped();
    if signal != 0 {
        // Whole chunks only were written: the kept file ends on a complete row.
        let kept = match out.into_inner() {
            Ok(w) => {
                drop(w);
                sink.keep_partial()
            }
            Err(e) => return Err(sink.fail(e.into_error())),
        };
        return Err(BatchError::Interrupted {
            signal,
            rows: summary.claims,
            kept,
        });
    }
    profile.write += tw.elapsed().saturating_sub(waited);
    for w in workers {
        let _ = w.join();
    }
    let (read_result, read_time) = reader
        .join()
        .unwrap_or_else(|_| (Err("the reader thread failed".into()), Duration::ZERO));
    profile.read = read_time;
    if let Err(m) = read_result {
        sink.discard();
        return Err(BatchError::Input(m));
    }
    // The flush reaches the writer itself (the xlsx sink saves the workbook there).
    if let Err(e) = out.flush() {
        return Err(sink.fail(e));
    }
    match out.into_inner() {
        Ok(w) => drop(w),
        Err(e) => return Err(sink.fail(e.into_error())),
    }
    sink.finish()?;
    if summary.claims == 0 {
        notes.push("the input holds no claims (it is empty or only blank lines)".to_string());
    }
    Ok(Outcome {
        summary,
        elapsed: start.elapsed(),
        bytes,
        profile: cfg.profile.then_some(profile),
        notes,
    })
}

/// "standard output", with the file it goes to when it is one (`> /dev/full`), for messages.
#[must_use]
pub fn stdout_name() -> String {
    match std::fs::read_link("/proc/self/fd/1") {
        Ok(p) if p.is_absolute() => format!("standard output ({})", p.display()),
        _ => "standard output".to_string(),
    }
}

/// Where the reports go: standard output, a device or pipe written in place, or a temporary
/// file beside the output, renamed into place when the run is complete.
enum Sink {
    Stdout,
    Direct(PathBuf),
    Temp {
        tmp: PathBuf,
        path: PathBuf,
        file: Option<std::fs::File>,
    },
}

impl Sink {
    fn open(output: &Path, force: bool) -> Result<Sink, BatchError> {
        if output.as_os_str() == "-" {
            return Ok(Sink::Stdout);
        }
        let shown = output.display();
        let meta = std::fs::metadata(output).ok();
        if let Some(m) = &meta {
            if m.is_dir() {
                return Err(BatchError::Unusable(format!(
                    "cannot write {shown}: it is a directory"
                )));
            }
            if !m.is_file() {
                // A device or a named pipe (/dev/null, a FIFO): written as it is.
                return Ok(Sink::Direct(output.to_path_buf()));
            }
            if !force {
                return Err(BatchError::Unusable(format!(
                    "{shown} already exists: pass --force to replace it, or choose another output file"
                )));
            }
        }
        // Through a symbolic link, the file it points to is replaced (as writing it would).
        let path = if meta.is_some() {
            output
                .canonicalize()
                .unwrap_or_else(|_| output.to_path_buf())
        } else {
            output.to_path_buf()
        };
        let name = path.file_name().map_or_else(
            || std::ffi::OsString::from("reports"),
            std::ffi::OsStr::to_os_string,
        );
        let mut tmp_name = name;
        tmp_name.push(format!(".{}.partial", std::process::id()));
        let tmp = path.with_file_name(tmp_name);
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| {
                BatchError::Unusable(format!(
                    "cannot create {shown} (it is written first as {}, beside it): {e}",
                    tmp.display()
                ))
            })?;
        if let Some(m) = &meta {
            // Replacing a file keeps its permissions.
            let _ = std::fs::set_permissions(&tmp, m.permissions());
        }
        Ok(Sink::Temp {
            tmp,
            path,
            file: Some(file),
        })
    }

    fn writer(&self) -> Result<Box<dyn Write + Send>, BatchError> {
        match self {
            Sink::Stdout => Ok(Box::new(io::stdout())),
            Sink::Direct(p) => std::fs::OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(p)
                .map(|f| Box::new(f) as Box<dyn Write + Send>)
                .map_err(|e| BatchError::Unusable(format!("cannot write {}: {e}", p.display()))),
            Sink::Temp { file, path, .. } => file
                .as_ref()
                .ok_or_else(|| BatchError::Unusable(format!("cannot write {}", path.display())))?
                .try_clone()
                .map(|f| Box::new(f) as Box<dyn Write + Send>)
                .map_err(|e| BatchError::Unusable(format!("cannot write {}: {e}", path.display()))),
        }
    }

    /// The error for a failed write; a temporary file is removed (the output is left as it was).
    fn fail(self, e: io::Error) -> BatchError {
        match self {
            Sink::Stdout if e.kind() == io::ErrorKind::BrokenPipe => BatchError::Closed,
            Sink::Stdout => BatchError::Output(format!("cannot write to {}: {e}", stdout_name())),
            Sink::Direct(p) => BatchError::Output(format!("cannot write {}: {e}", p.display())),
            Sink::Temp { tmp, path, file } => {
                drop(file);
                let _ = std::fs::remove_file(&tmp);
                BatchError::Output(format!(
                    "cannot write {}: {e} (nothing was written to it)",
                    path.display()
                ))
            }
        }
    }

    /// Removes a temporary file.
    fn discard(self) {
        if let Sink::Temp { tmp, file, .. } = self {
            drop(file);
            let _ = std::fs::remove_file(&tmp);
        }
    }

    /// An interrupted run: a temporary file becomes `<output>.partial`; returns where it is.
    fn keep_partial(self) -> Option<PathBuf> {
        match self {
            Sink::Stdout => None,
            Sink::Direct(p) => Some(p),
            Sink::Temp { tmp, path, file } => {
                drop(file);
                let mut name = path.as_os_str().to_os_string();
                name.push(".partial");
                let kept = PathBuf::from(name);
                match std::fs::rename(&tmp, &kept) {
                    Ok(()) => Some(kept),
                    Err(_) => Some(tmp),
                }
            }
        }
    }

    /// A complete run: the temporary file takes the output's name.
    fn finish(self) -> Result<(), BatchError> {
        if let Sink::Temp { tmp, path, file } = self {
            // Not synced to disk first (that would double a large run's time): the rename
            // makes the file appear complete or not at all to every reader.
            drop(file);
            std::fs::rename(&tmp, &path).map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                BatchError::Output(format!("cannot write {}: {e}", path.display()))
            })?;
        }
        Ok(())
    }
}

/// The identity of an open file on disk: its device and inode.
#[cfg(unix)]
fn file_id(m: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    m.is_file().then(|| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// The metadata of what standard input or output is (a file, a pipe, a terminal).
#[cfg(unix)]
fn std_meta(stdout: bool) -> Option<std::fs::Metadata> {
    use std::os::fd::AsFd;
    let fd = if stdout {
        io::stdout().as_fd().try_clone_to_owned()
    } else {
        io::stdin().as_fd().try_clone_to_owned()
    };
    std::fs::File::from(fd.ok()?).metadata().ok()
}

#[cfg(not(unix))]
fn std_meta(_: bool) -> Option<std::fs::Metadata> {
    None
}

/// Refuses an output that is the input — the same path, a link to it, or standard input or
/// output redirected from or to it — before anything is opened for writing.
fn refuse_same_file(input: &Path, output: &Path) -> Result<(), BatchError> {
    let meta = |p: &Path, stdout: bool| {
        if p.as_os_str() == "-" {
            std_meta(stdout)
        } else {
            std::fs::metadata(p).ok()
        }
    };
    let (Some(i), Some(o)) = (meta(input, false), meta(output, true)) else {
        return Ok(());
    };
    let same = match (file_id(&i), file_id(&o)) {
        (Some(a), Some(b)) => a == b,
        _ => {
            input.as_os_str() != "-"
                && output.as_os_str() != "-"
                && i.is_file()
                && matches!((input.canonicalize(), output.canonicalize()), (Ok(a), Ok(b)) if a == b)
        }
    };
    if !same {
        return Ok(());
    }
    let what = match (input.as_os_str() == "-", output.as_os_str() == "-") {
        (true, _) => format!(
            "standard input is read from {}, the output file",
            output.display()
        ),
        (_, true) => format!(
            "standard output goes to {}, the input file",
            input.display()
        ),
        _ => format!(
            "the output file {} is the input file {} (the same file on disk)",
            output.display(),
            input.display()
        ),
    };
    Err(BatchError::Unusable(format!(
        "{what}: writing the reports would destroy the claims; choose another output file"
    )))
}

fn add_profile(a: &mut Profile, b: &Profile) {
    a.parse += b.parse;
    a.verify += b.verify;
    a.serialize += b.serialize;
}

fn progress_bar(size: Option<u64>) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    let bar = match size {
        Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let template = if size.is_some() {
        "{bar:30} {percent:>3}% {msg}  ETA {eta}"
    } else {
        "{spinner} {bytes} read, {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// Reads the CSV header record with the batch's splitter; returns it and the bytes read past it.
fn read_csv_header(
    input: &mut Box<dyn Read + Send>,
    split: &mut RecordSplitter,
) -> Result<(ClaimHeaders, Vec<u8>), BatchError> {
    let mut buf = Vec::new();
    let mut at = 0;
    let mut eof = false;
    let (start, end, next) = loop {
        match split.next_piece(&buf[at..], eof) {
            Piece::Record { record, len, .. } => break (at, at + record, at + len),
            Piece::Skip { len } => at += len,
            Piece::NeedMore => {
                if looks_utf16(&buf) {
                    return Err(BatchError::Input(UTF16.into()));
                }
                let n = read_more(input, &mut buf, 64 << 10)
                    .map_err(|e| BatchError::Input(format!("cannot read the input: {e}")))?;
                eof = n == 0;
            }
            Piece::End => {
                return Err(BatchError::Input(
                    "the CSV input is empty: it needs a header row naming the columns (see `tuoyu batch --help`, or `tuoyu template`)".into(),
                ))
            }
            Piece::Unclosed { .. } | Piece::TooLong { .. } => {
                return Err(BatchError::Input(
                    "cannot read the CSV header row (an unclosed quote, or a line too long): is this a CSV file?".into(),
                ))
            }
        }
    };
    if looks_utf16(&buf[start..end]) {
        return Err(BatchError::Input(UTF16.into()));
    }
    let mut cells = Vec::new();
    flat::split_cells(&buf[start..end], &mut cells);
    let names: Result<Vec<&str>, _> = cells.iter().map(|c| std::str::from_utf8(c)).collect();
    let names = names.map_err(|_| {
        BatchError::Input(
            "the CSV header row is not UTF-8 text: if Excel saved the file, save it as \"CSV UTF-8 (comma delimited)\"".into(),
        )
    })?;
    let headers = ClaimHeaders::new(&names).map_err(|e| {
        BatchError::Input(format!(
            "{} (see `tuoyu batch --help` for the columns, or write a template with `tuoyu template`)",
            e.message_en()
        ))
    })?;
    split.expect_cells(headers.len());
    Ok((headers, buf[next..].to_vec()))
}

const UTF16: &str = "the file is UTF-16 text (as Excel's \"Unicode Text\" saves it), not UTF-8: \
                     save it as \"CSV UTF-8 (comma delimited)\" and try again";

/// UTF-16 text: a UTF-16 byte-order mark, or NUL bytes in most odd (little-endian) or even
/// (big-endian) places, as ASCII column names give in UTF-16.
fn looks_utf16(b: &[u8]) -> bool {
    if b.starts_with(&[0xff, 0xfe]) || b.starts_with(&[0xfe, 0xff]) {
        return true;
    }
    let pairs = b.len() / 2;
    let nul_at = |parity: usize| {
        b.chunks_exact(2)
            .filter(|p| p[parity] == 0 && p[1 - parity] != 0)
            .count()
    };
    pairs >= 2 && (nul_at(1) * 4 >= pairs * 3 || nul_at(0) * 4 >= pairs * 3)
}

/// Appends up to `n` bytes read from `r` to `buf`; 0 at the end of the input.
fn read_more(r: &mut dyn Read, buf: &mut Vec<u8>, n: usize) -> io::Result<usize> {
    let old = buf.len();
    buf.resize(old + n, 0);
    loop {
        match r.read(&mut buf[old..]) {
            Ok(k) => {
                buf.truncate(old + k);
                return Ok(k);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                buf.truncate(old);
                return Err(e);
            }
        }
    }
}

/// Cuts CSV input into chunks of whole records with calc-core's [`RecordSplitter`] (the tokenizer
/// the browser uses too), so lines, unclosed quotes and line ends are read the same everywhere.
fn read_csv_chunks(
    mut input: Box<dyn Read + Send>,
    mut buf: Vec<u8>,
    mut split: RecordSplitter,
    chunk_bytes: usize,
    tx: &Sender<Chunk>,
    pool: &Receiver<Vec<u8>>,
) -> Result<(), String> {
    let mut seq = 0u64;
    let mut at = 0usize;
    let mut eof = false;
    let mut recs: Vec<Rec> = Vec::new();
    loop {
        let piece = split.next_piece(&buf[at..], eof);
        let (rec, len) = match piece {
            Piece::Record { line, record, len } => (
                Some(Rec {
                    line,
                    start: at,
                    end: at + record,
                    kind: RecKind::Record,
                }),
                len,
            ),
            Piece::Unclosed {
                line,
                record,
                len,
                cell,
                column,
            } => (
                Some(Rec {
                    line,
                    start: at,
                    end: at + record,
                    kind: RecKind::Unclosed { cell, column },
                }),
                len,
            ),
            Piece::TooLong { line, len } => (
                Some(Rec {
                    line,
                    start: at,
                    end: at,
                    kind: RecKind::TooLong,
                }),
                len,
            ),
            Piece::Skip { len } => (None, len),
            Piece::NeedMore | Piece::End => (None, 0),
        };
        if let Some(r) = rec {
            recs.push(r);
        }
        at += len;
        let end = piece == Piece::End;
        if (at >= chunk_bytes || end) && !recs.is_empty() {
            let mut rest = pool
                .try_recv()
                .unwrap_or_else(|_| Vec::with_capacity(chunk_bytes + chunk_bytes / 2));
            rest.extend_from_slice(&buf[at..]);
            buf.truncate(at);
            let data = std::mem::replace(&mut buf, rest);
            let c = Chunk {
                seq,
                first_line: recs[0].line,
                data,
                too_long: false,
                recs: std::mem::take(&mut recs),
            };
            seq += 1;
            at = 0;
            if tx.send(c).is_err() {
                return Ok(());
            }
        } else if at >= chunk_bytes {
            // Only skipped bytes (blank lines, the rest of a long line): drop them.
            buf.drain(..at);
            at = 0;
        }
        if end {
            return Ok(());
        }
        if piece == Piece::NeedMore {
            let n = read_more(&mut *input, &mut buf, chunk_bytes)
                .map_err(|e| format!("cannot read the input near line {}: {e}", split.line()))?;
            eof = n == 0;
        }
    }
}

fn read_chunks(
    mut input: Box<dyn Read + Send>,
    mut buf: Vec<u8>,
    mut line: u64,
    (_format, chunk_bytes, max_record): (Format, usize, usize),
    tx: &Sender<Chunk>,
    pool: &Receiver<Vec<u8>>,
) -> Result<(), String> {
    let mut seq = 0u64;
    let mut send = |data: Vec<u8>, line: u64, too_long: bool| -> bool {
        let c = Chunk {
            seq,
            first_line: line,
            data,
            too_long,
            recs: Vec::new(),
        };
        seq += 1;
        tx.send(c).is_ok()
    };
    // JSON Lines: bytes before `searched` hold no newline.
    let mut searched = 0usize;
    let mut need_read = buf.len() < chunk_bytes;
    loop {
        if need_read {
            let n = read_more(&mut *input, &mut buf, chunk_bytes)
                .map_err(|e| format!("cannot read the input near line {line}: {e}"))?;
            if n == 0 {
                if !buf.is_empty() {
                    // The last record, without its newline (possibly truncated).
                    send(std::mem::take(&mut buf), line, false);
                }
                return Ok(());
            }
        }
        let cut = memchr::memrchr(b'\n', &buf[searched..]).map(|i| searched + i + 1);
        match cut {
            Some(cut) => {
                let mut rest = pool
                    .try_recv()
                    .unwrap_or_else(|_| Vec::with_capacity(chunk_bytes + chunk_bytes / 2));
                rest.extend_from_slice(&buf[cut..]);
                buf.truncate(cut);
                let data = std::mem::replace(&mut buf, rest);
                let lines = memchr::memchr_iter(b'\n', &data).count() as u64;
                searched = buf.len();
                if !send(data, line, false) {
                    return Ok(());
                }
                line += lines;
                need_read = buf.len() < chunk_bytes;
            }
            None if buf.len() > max_record => {
                // One record longer than the limit: report it and skip to the next newline.
                if !send(Vec::new(), line, true) {
                    return Ok(());
                }
                buf.clear();
                loop {
                    let k = read_more(&mut *input, &mut buf, chunk_bytes)
                        .map_err(|e| format!("cannot read the input near line {line}: {e}"))?;
                    if k == 0 {
                        return Ok(());
                    }
                    if let Some(i) = buf.iter().position(|b| *b == b'\n') {
                        buf.drain(..=i);
                        break;
                    }
                    buf.clear();
                }
                line += 1;
                searched = 0;
                need_read = buf.len() < chunk_bytes;
            }
            None => {
                searched = buf.len();
                need_read = true;
            }
        }
    }
}

/// A worker's ends of the buffer pools.
struct Pools {
    give_in: Sender<Vec<u8>>,
    take_out: Receiver<Vec<u8>>,
    keep: usize,
}

#[allow(clippy::too_many_arguments)]
fn worker(
    rx: &Receiver<Chunk>,
    tx: &Sender<Done>,
    pools: &Pools,
    headers: Option<&ClaimHeaders>,
    out_format: Option<Format>,
    profile: bool,
    max_record: usize,
    lang: Lang,
) {
    let limit = if max_record & ((1 << 20) - 1) == 0 {
        format!("{} MiB", max_record >> 20)
    } else {
        format!("{} KiB", max_record >> 10)
    };
    let mut json = crate::report_json::ReportWriter::new();
    // One report, verified into for every claim: its allocations are reused.
    let mut report = Report::empty();
    for chunk in rx {
        let mut done = Done {
            seq: chunk.seq,
            bytes_in: chunk.data.len() as u64,
            out: pools
                .take_out
                .try_recv()
                .unwrap_or_else(|_| Vec::with_capacity(chunk.data.len() * 2)),
            summary: Summary::default(),
            profile: Profile::default(),
        };
        let mut tally = Tally::default();
        let mut emit = |r: &Report, done: &mut Done| {
            let t = profile.then(Instant::now);
            tally.add(r, &mut done.summary);
            match out_format {
                None => return,
                Some(Format::Jsonl) => json.write(&mut done.out, r),
                Some(f) => write_report_in(&mut done.out, r, f, lang),
            }
            if let Some(t) = t {
                done.profile.serialize += t.elapsed();
            }
        };
        let too_long = |line: u64| {
            let e = Error::new(
                "",
                &format!("第 {line} 行超过 {limit}，已跳过"),
                &format!(
                    "line {line} is longer than {limit} and was skipped (for CSV: an unclosed quote?)"
                ),
            );
            Report::invalid(None, &e, Some(line))
        };
        if chunk.too_long {
            emit(&too_long(chunk.first_line), &mut done);
        } else if let Some(h) = headers {
            let mut cells = Vec::with_capacity(h.len());
            let mut spare: Vec<&str> = Vec::with_capacity(h.len());
            for rec in &chunk.recs {
                let t = profile.then(Instant::now);
                let claim = match rec.kind {
                    RecKind::TooLong => {
                        emit(&too_long(rec.line), &mut done);
                        continue;
                    }
                    RecKind::Unclosed { cell, column } => {
                        let name = h.headings().get(cell).map_or("", String::as_str);
                        Err((None, flat::unclosed_quote_error(rec.line, name, column)))
                    }
                    RecKind::Record => {
                        cells.clear();
                        let record = &chunk.data[rec.start..rec.end];
                        flat::split_cells(record, &mut cells);
                        let mut fields = std::mem::take(&mut spare);
                        let claim = csv_claim(h, record, &cells, &mut fields);
                        fields.clear();
                        // The same allocation, empty, for the next record.
                        spare = fields.into_iter().map(|_| "").collect();
                        claim
                    }
                };
                if out_format.is_none() {
                    parsed_only(&claim, rec.line, &mut done);
                    continue;
                }
                let t2 = profile.then(Instant::now);
                match &claim {
                    // Validated as it was read: not validated again.
                    Ok(c) => verify_valid_into(c, &mut report),
                    Err((id, e)) => report = Report::invalid(id.clone(), e, None),
                }
                timed(&mut report, rec.line, t, t2, &mut done.profile);
                emit(&report, &mut done);
            }
        } else {
            let mut start = 0usize;
            let ends =
                memchr::memchr_iter(b'\n', &chunk.data).chain(std::iter::once(chunk.data.len()));
            for (i, end) in ends.enumerate() {
                if start > chunk.data.len() {
                    break;
                }
                let bytes = &chunk.data[start..end];
                start = end + 1;
                let line = chunk.first_line + i as u64;
                if bytes.len() > max_record {
                    emit(&too_long(line), &mut done);
                    continue;
                }
                let t = profile.then(Instant::now);
                let Some(claim) = jsonl_claim(bytes, line) else {
                    continue;
                };
                if out_format.is_none() {
                    parsed_only(&claim, line, &mut done);
                    continue;
                }
                let t2 = profile.then(Instant::now);
                match &claim {
                    Ok(c) => verify_claim_into(c, &mut report),
                    Err((id, e)) => report = Report::invalid(id.clone(), e, None),
                }
                timed(&mut report, line, t, t2, &mut done.profile);
                emit(&report, &mut done);
            }
        }
        tally.into_summary(&mut done.summary);
        let mut data = chunk.data;
        if data.capacity() <= pools.keep {
            data.clear();
            let _ = pools.give_in.send(data);
        }
        if tx.send(done).is_err() {
            return;
        }
    }
}

type Parsed = calc_core::verify::ParsedClaim;

/// Parse-only mode: the claim is counted (as `match` when it parsed) and dropped where it
/// lies (not moved).
fn parsed_only<C>(claim: &Result<C, (Option<String>, Error)>, line: u64, done: &mut Done) {
    let r = match claim {
        Ok(c) => {
            std::hint::black_box(c);
            calc_core::verify::Report {
                schema: String::new(),
                id: None,
                items: Vec::new(),
                verdict: calc_core::Verdict::Match,
                error: None,
                line: Some(line),
                warnings: Vec::new(),
            }
        }
        Err((id, e)) => Report::invalid(id.clone(), e, Some(line)),
    };
    done.summary.add(&r);
}

/// Numbers a claim's report and adds the time it took to the profile: parsing from `t` to
/// `t2`, verifying from `t2` to now (both `None` without `--profile`).
fn timed(r: &mut Report, line: u64, t: Option<Instant>, t2: Option<Instant>, p: &mut Profile) {
    r.line = Some(line);
    if let (Some(t), Some(t2)) = (t, t2) {
        p.parse += t2 - t;
        p.verify += t2.elapsed();
    }
}

/// Parses one physical line of JSON Lines (`None` when blank): calc-core's
/// [`calc_core::verify::parse_line`], kept apart from verifying so the two can be timed; with
/// [`calc_core::verify::verify_claim`] it gives the same report as [`calc_core::verify::verify_line`] (the tests
/// check it).
#[must_use]
pub fn jsonl_claim(bytes: &[u8], line: u64) -> Option<Parsed> {
    calc_core::verify::parse_line(bytes, line)
}

/// One CSV record's claim. `fields` is an empty buffer lent for the cells as text (so that a
/// record costs no allocation of its own).
fn csv_claim<'a>(
    h: &ClaimHeaders,
    record: &'a [u8],
    cells: &'a [std::borrow::Cow<'a, [u8]>],
    fields: &mut Vec<&'a str>,
) -> Result<ValidClaim, (Option<String>, Error)> {
    // The record is checked as UTF-8 once; its cells, cut at ASCII bytes, are slices of it.
    let text = std::str::from_utf8(record).ok();
    let base = record.as_ptr() as usize;
    for (i, c) in cells.iter().enumerate() {
        let borrowed = match (c, text) {
            (std::borrow::Cow::Borrowed(b), Some(t)) => {
                let at = (b.as_ptr() as usize).wrapping_sub(base);
                t.get(at..at + b.len())
            }
            _ => None,
        };
        match borrowed.map_or_else(|| std::str::from_utf8(c), Ok) {
            Ok(s) => fields.push(s),
            Err(e) => {
                let col = h.headings().get(i).map_or("", String::as_str);
                return Err((None, flat::not_utf8_error(col, e.valid_up_to() + 1)));
            }
        }
    }
    h.valid_claim(fields)
        .map_err(|e| (h.id_of(fields).map(str::to_string), e))
}

/// Appends a report in the output format.
pub fn write_report(out: &mut Vec<u8>, r: &Report, format: Format) {
    write_report_in(out, r, format, Lang::En);
}

/// Appends a report in the output format, a CSV or Excel one in `lang`
/// ([`flat::write_report_line_in`]; JSON Lines reports have no language).
pub fn write_report_in(out: &mut Vec<u8>, r: &Report, format: Format, lang: Lang) {
    if lang == Lang::Zh && format != Format::Jsonl {
        flat::write_report_line_in(out, r, lang, format == Format::Xlsx);
        return;
    }
    match format {
        Format::Jsonl => {
            if serde_json::to_writer(&mut *out, r).is_err() {
                out.extend_from_slice(b"{}");
            }
            out.push(b'\n');
        }
        Format::Csv => flat::write_report_line(out, r),
        // The xlsx sink stores every text cell as text, never a formula: no `'` needed.
        Format::Xlsx => flat::write_report_line_plain(out, r),
    }
}

/// The end-of-run summary, for people.
#[must_use]
pub fn summary_text(o: &Outcome) -> String {
    use calc_core::Verdict;
    let s = &o.summary;
    let secs = o.elapsed.as_secs_f64();
    let mut t = format!(
        "tuoyu batch: {} claims in {:.2} s ({:.0} claims/s, {:.1} MB/s)\n",
        s.claims,
        secs,
        s.claims as f64 / secs.max(1e-9),
        o.bytes as f64 / 1e6 / secs.max(1e-9)
    );
    let counts: Vec<String> = Verdict::ALL
        .iter()
        .map(|v| {
            format!(
                "{} {}",
                v.as_str(),
                s.by_verdict.get(v).copied().unwrap_or(0)
            )
        })
        .collect();
    t.push_str(&format!("  by verdict: {}\n", counts.join(", ")));
    t.push_str(&format!(
        "  over-claimed total: {} yuan\n",
        calc_core::money::round_money(s.over_claimed_amount.0)
    ));
    // The total adds sales and income (the VAT and CIT items) to taxes: item by item too.
    if !s.over_claimed_by_item.is_empty() {
        let items: Vec<String> = s
            .over_claimed_by_item
            .iter()
            .map(|(item, d)| format!("{item} {}", calc_core::money::round_money(d.0)))
            .collect();
        t.push_str(&format!(
            "  over-claimed by item (yuan): {}\n",
            items.join(", ")
        ));
    }
    if let Some(p) = &o.profile {
        let total = (p.parse + p.verify + p.serialize).as_secs_f64().max(1e-9);
        let pc = |d: Duration| 100.0 * d.as_secs_f64() / total;
        let per = |d: Duration| d.as_secs_f64() * 1e6 / (s.claims.max(1) as f64);
        t.push_str(&format!(
            "  profile (thread time): parse {:.2} s ({:.0}%, {:.2} µs/claim), verify {:.2} s ({:.0}%, {:.2} µs/claim), serialize {:.2} s ({:.0}%, {:.2} µs/claim); reader {:.2} s, writer {:.2} s\n",
            p.parse.as_secs_f64(), pc(p.parse), per(p.parse),
            p.verify.as_secs_f64(), pc(p.verify), per(p.verify),
            p.serialize.as_secs_f64(), pc(p.serialize), per(p.serialize),
            p.read.as_secs_f64(), p.write.as_secs_f64(),
        ));
    }
    for n in &o.notes {
        t.push_str(&format!("  note: {n}\n"));
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_lines_are_written_byte_for_byte_as_csv_line_writes_report_rows() {
        use calc_core::verify::verify_claim;
        for i in 0..3000 {
            let claim = match crate::gen::row(11, i, 0, false) {
                crate::gen::Row::Claim(c) | crate::gen::Row::Malformed(c, _) => c,
                crate::gen::Row::Blank => continue,
            };
            let mut r = verify_claim(&claim);
            r.line = Some(i + 1);
            if i % 7 == 0 {
                r.id = Some(format!("=HYPERLINK(\"x\",{i})"));
            }
            if i % 11 == 0 {
                let e = Error::new("request.year", "年份\"错\"\n", "bad, \"year\"\t");
                r = Report::invalid(Some("-id".into()), &e, Some(i));
            }
            let (mut csv, mut xlsx) = (Vec::new(), Vec::new());
            write_report(&mut csv, &r, Format::Csv);
            write_report(&mut xlsx, &r, Format::Xlsx);
            assert_eq!(
                String::from_utf8(csv).unwrap(),
                flat::csv_line(&flat::report_row(&r))
            );
            assert_eq!(
                String::from_utf8(xlsx).unwrap(),
                flat::csv_line(&flat::report_row_plain(&r))
            );
            for (format, plain) in [(Format::Csv, false), (Format::Xlsx, true)] {
                let mut zh = Vec::new();
                write_report_in(&mut zh, &r, format, Lang::Zh);
                assert_eq!(
                    String::from_utf8(zh).unwrap(),
                    flat::csv_line(&flat::report_row_in(&r, Lang::Zh, plain))
                );
            }
        }
    }

    #[test]
    fn a_chunk_tally_gives_the_summary_of_its_reports_item_by_item() {
        use calc_core::verify::verify_claim;
        let (mut tally, mut by_report, mut aside) =
            (Tally::default(), Summary::default(), Summary::default());
        for i in 0..3000 {
            let claim = match crate::gen::row(5, i, 0, false) {
                crate::gen::Row::Claim(c) | crate::gen::Row::Malformed(c, _) => c,
                crate::gen::Row::Blank => continue,
            };
            let r = verify_claim(&claim);
            tally.add(&r, &mut aside);
            by_report.add(&r);
        }
        tally.into_summary(&mut aside);
        assert_eq!(aside, by_report);
        assert!(by_report.over_claimed_by_item.len() >= 3, "{by_report:?}");
        let sum: rust_decimal::Decimal = by_report.over_claimed_by_item.values().map(|d| d.0).sum();
        assert_eq!(sum, by_report.over_claimed_amount.0);
    }
}
