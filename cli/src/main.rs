//! `tuoyu`: assess, verify (one claim or a file of them), list parameters, explain lines.
//!
//! Exit status: 0 when the command ran; 2 on unusable arguments, an unreadable or invalid input
//! (for `assess` and `verify`: a request or claim that cannot be read); 1 when the output could
//! not be written (a full disk, …); 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM)
//! when a batch was interrupted.

#![forbid(unsafe_code)]

use calc_core::frontend::flat::CLAIM_COLUMNS;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;
use tuoyu_cli::batch::{self, Format};
use tuoyu_cli::{explain, gen, render};

// Optional (`--features mimalloc`): see cli/Cargo.toml for why it is off by default.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The most worker threads `--threads` takes.
const MAX_THREADS: u64 = 1024;

#[derive(Parser)]
#[command(
    name = "tuoyu",
    version,
    about = "托育机构税费优惠测算与申报核对 — childcare (托育) tax preferences: assess, verify claims, list parameters",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Shape {
    Json,
    Table,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Lang {
    Zh,
    En,
}

impl From<Lang> for calc_core::frontend::Lang {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::Zh => calc_core::frontend::Lang::Zh,
            Lang::En => calc_core::frontend::Lang::En,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FileFormat {
    /// JSON Lines (`.jsonl`)
    Jsonl,
    /// CSV with a header row (`.csv`)
    Csv,
    /// Excel workbook (`.xlsx`): the same columns as CSV, header row in Chinese or English
    Xlsx,
}

impl From<FileFormat> for Format {
    fn from(f: FileFormat) -> Format {
        match f {
            FileFormat::Jsonl => Format::Jsonl,
            FileFormat::Csv => Format::Csv,
            FileFormat::Xlsx => Format::Xlsx,
        }
    }
}

/// The formats of the claims template (JSON Lines claims follow `tuoyu.claim.v1`: no template).
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TemplateFormat {
    /// CSV (`.csv`, UTF-8 with a BOM), its notes in a text file beside it
    Csv,
    /// Excel workbook (`.xlsx`), its notes on a second sheet
    Xlsx,
}

#[derive(Subcommand)]
enum Cmd {
    /// Assess a facility: a tuoyu.request.v1 (file or `-` for stdin) → the tuoyu.statement.v1.
    Assess {
        /// The request JSON file; `-` or nothing reads standard input.
        file: Option<PathBuf>,
        /// `json`: the statement; `table`: a readable summary (each line, status, amount, basis).
        #[arg(long, value_enum, default_value = "json")]
        format: Shape,
        /// Language of the table and of error messages.
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
    },
    /// Verify one claim: a tuoyu.claim.v1 → the tuoyu.verification.v1 report (exit 2 when the
    /// claim cannot be read; the report still goes to stdout).
    Verify {
        /// The claim JSON file; `-` or nothing reads standard input.
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "json")]
        format: Shape,
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
    },
    /// Verify a file of claims (JSON Lines or CSV) into a file of reports, in input order,
    /// on every core, in flat memory.
    #[command(after_help = batch_help())]
    Batch {
        /// Claims: `.jsonl` (tuoyu.claim.v1 per line) or `.csv` (columns below); `-` for stdin.
        #[arg(long, short)]
        input: PathBuf,
        /// Reports: `.jsonl` (tuoyu.verification.v1 per line) or `.csv`; `-` for stdout.
        #[arg(long, short)]
        output: PathBuf,
        /// Input format when the extension does not say (default for `-`: jsonl).
        #[arg(long, value_enum)]
        input_format: Option<FileFormat>,
        /// Output format when the extension does not say (default for `-`: jsonl).
        #[arg(long, value_enum)]
        output_format: Option<FileFormat>,
        /// Worker threads, 1–1024 (default: every core).
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=MAX_THREADS))]
        threads: Option<u64>,
        /// No progress bar, no summary.
        #[arg(long, short)]
        quiet: bool,
        /// Print where the time went (parse / verify / serialize, reader, writer).
        #[arg(long)]
        profile: bool,
        /// Replace the output file if it exists (without it, an existing file is refused).
        #[arg(long, short)]
        force: bool,
        /// Chunk size in KiB, 1–65536 (tuning).
        #[arg(long, default_value_t = 256, hide = true,
              value_parser = clap::value_parser!(u64).range(1..=65_536))]
        chunk_kib: u64,
        /// Longest record in KiB, 1–1048576; a longer one becomes an invalid_input row
        /// (default 64 MiB).
        #[arg(long, default_value_t = 65_536, hide = true,
              value_parser = clap::value_parser!(u64).range(1..=1_048_576))]
        max_record_kib: u64,
        /// The sheet of an Excel input (default: the first sheet).
        #[arg(long)]
        sheet: Option<String>,
        /// Parse the claims only (no verification, no report written): the floor the batch is
        /// measured against (benchmarks).
        #[arg(long, hide = true)]
        parse_only: bool,
        /// Language of a CSV or Excel report: `en` (default) writes the column names and verdict
        /// codes of the contract; `zh` Chinese headings and verdict words (多报, …) for
        /// people. JSON Lines reports are always tuoyu.verification.v1.
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
    },
    /// Write the claims template — every column the reader accepts, the second property, plot and
    /// acquisition too, and an example row: `.xlsx` (Chinese header row, and a sheet explaining
    /// every column in Chinese and English) or `.csv` (UTF-8 with a BOM, for Excel; the same
    /// explanations go to a text file beside it, `<name>-填写说明.txt`).
    Template {
        /// Where to write it (`-`: standard output, CSV only).
        #[arg(long, short)]
        output: PathBuf,
        /// The format when the extension does not say (default csv).
        #[arg(long, value_enum)]
        format: Option<TemplateFormat>,
    },
    /// Parameters in force on a date, with value, window, citation and confidence.
    Params {
        /// The date, YYYY-MM-DD (default: today).
        #[arg(long)]
        at: Option<String>,
        /// The administrative division code whose local figures to show (default 530115,
        /// 晋宁区); local figures without a region pack there are listed after the table.
        #[arg(long)]
        region: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Shape,
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
    },
    /// What a line computes: its article and formula (no LINE_ID: list the lines).
    Explain {
        /// A line id, e.g. `cit_income_reduction`.
        line_id: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Shape,
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
    },
    /// Generate realistic claims for benchmarks (deterministic per seed), some malformed.
    GenClaims {
        /// How many rows, 0–10¹².
        #[arg(long, value_parser = clap::value_parser!(u64).range(0..=1_000_000_000_000))]
        count: u64,
        /// The seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output file (default: stdout); its extension sets the format.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// jsonl or csv (default: from the extension, else jsonl).
        #[arg(long, value_enum)]
        format: Option<FileFormat>,
        /// Malformed rows per thousand, 0–1000 (0: every claim is valid).
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(0..=1000))]
        malformed_per_mille: u64,
    },
    /// Time verification of claims already in memory (no JSON, no explanation text).
    #[command(hide = true)]
    BenchCompute {
        #[arg(long, default_value_t = 200_000,
              value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
        count: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=MAX_THREADS))]
        threads: Option<u64>,
    },
    /// The CSV claim columns (markdown), for the README.
    #[command(hide = true)]
    Columns,
    /// Rewrite a CSV of claims as JSON Lines of tuoyu.claim.v1 (rows that fail are skipped
    /// with a message on stderr).
    #[command(hide = true)]
    CsvToJsonl {
        /// The CSV file.
        input: PathBuf,
    },
}

fn batch_help() -> String {
    let mut t = String::from(
        "CSV claim columns (found by header name, any order; an empty cell = absent; \
         `*` = required). A second property, plot or acquisition: put its number after the \
         prefix, e.g. property2_original_value (2–9). Fees, utilities and parameter overrides \
         need JSON Lines.\n\n",
    );
    for c in CLAIM_COLUMNS {
        t.push_str(&format!(
            "  {}{}\n      {}\n",
            c.name,
            if c.required { " *" } else { "" },
            c.en
        ));
    }
    t.push_str(
        "\nReport CSV columns: line, id, verdict, over_claimed_amount, then per item \
         (vat_exempt_sales, cit_income_reduction, property_tax_exempt, land_use_tax_exempt, \
         deed_tax_exempt) <item>_claimed, <item>_recomputed, <item>_difference, <item>_verdict, \
         then error_path, error_en, error_zh, then reason_zh, reason_en (why an item is \
         not_eligible, not_in_force or missing_input, with the document and article), then \
         warning_zh, warning_en (what does not change the verdict: a facility that has not \
         filed with the health commission, which the district plan requires). A text \
         cell (id, error_*) that begins with = + - @, a tab or a carriage return gets a ' in \
         front, so a spreadsheet shows it as text instead of running it as a formula; numbers \
         are written as numbers. A CSV report file starts with a UTF-8 byte-order mark (so \
         Excel reads it as UTF-8); on standard output it has none. With --lang zh the headings \
         and verdicts are in Chinese (结论: 相符, 少报, 多报, …).\n\n\
         A malformed row becomes an invalid_input report with its line number and error; it \
         never stops the run.\n\n\
         The output file: an existing one is refused unless --force is given; the output is \
         never the input (the same file by path, link or redirection is refused). Reports are \
         written to <output>.<pid>.partial beside it and renamed to <output> only when the \
         run is complete. Interrupted (Ctrl-C, SIGTERM, SIGHUP), the finished rows are kept \
         in <output>.partial and the message says how many; a second Ctrl-C stops at once.\n\n\
         Exit 0 when the run finished (also when the reader of standard output closed it, as \
         `| head` does), 2 on unusable arguments, an unreadable input (missing, a directory, a \
         CSV without a usable header) or an output that cannot be used (exists without \
         --force, is the input, cannot be created), 1 when the output could not be written \
         (a full disk: the message names the file and the system's error), 128 + the signal \
         number when interrupted (130 for Ctrl-C, 143 for SIGTERM).",
    );
    t
}

fn main() -> ExitCode {
    let cli = Cli::from_arg_matches(&Cli::command().get_matches());
    let cli = match cli {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    match run(cli.cmd) {
        Ok(code) => code,
        Err(msg) => {
            say(&format!("tuoyu: error: {msg}"));
            ExitCode::from(2)
        }
    }
}

/// Writes one message line on stderr with control characters from the input made visible
/// (an ESC or BEL in a header must not drive the terminal); a closed stderr is ignored.
fn say(msg: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", render::visible(msg));
}

use batch::stdout_name;

/// Writes to stdout and flushes. `Err(code)`: stop with that exit code — 0 when the reader
/// closed the pipe (`| head` has what it wants), 1 after saying why the write failed.
fn write_out(s: &str) -> Result<(), ExitCode> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(ExitCode::SUCCESS),
        Err(e) => {
            say(&format!(
                "tuoyu: error: cannot write to {}: {e}",
                stdout_name()
            ));
            Err(ExitCode::from(1))
        }
    }
}

/// Reads one JSON document (`None` or `-`: stdin) as UTF-8 text: at most
/// `calc_core::MAX_DOCUMENT_BYTES` (1 MiB) are read, so a wrong file is refused without being
/// held in memory.
fn read_text(file: Option<&Path>) -> Result<String, String> {
    let limit = calc_core::MAX_DOCUMENT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    match file {
        None => std::io::stdin()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?,
        Some(p) if p.as_os_str() == "-" => std::io::stdin()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?,
        Some(p) => {
            let (r, _) = batch::open_input(p)?;
            r.take(limit)
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read {}: {e}", p.display()))?
        }
    };
    let name = file.map_or("standard input".to_string(), |p| p.display().to_string());
    if bytes.len() > calc_core::MAX_DOCUMENT_BYTES {
        return Err(format!(
            "{name} is over the limit of 1 MiB (1,048,576 bytes) for one request or claim: is it the right file? Many claims go one per line (JSON Lines) or in a CSV file, for `tuoyu batch`"
        ));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(format!("{name} is empty: expected a JSON document"));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name} is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn print(s: &str) -> Result<ExitCode, String> {
    Ok(write_out(s).map_or_else(|code| code, |()| ExitCode::SUCCESS))
}

fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(days)))
        .unwrap_or_default()
}

fn run(cmd: Cmd) -> Result<ExitCode, String> {
    match cmd {
        Cmd::Assess { file, format, lang } => {
            let text = read_text(file.as_deref())?;
            let zh = lang == Lang::Zh;
            let req = calc_core::Request::from_json(&text)
                .and_then(|r| calc_core::assess(&r).map(|s| (r, s)));
            match req {
                Ok((_, st)) => match format {
                    Shape::Json => print(&format!(
                        "{}\n",
                        serde_json::to_string_pretty(&st).map_err(|e| e.to_string())?
                    )),
                    Shape::Table => print(&render::statement(&st, zh)),
                },
                Err(e) => {
                    match format {
                        Shape::Json => say(&e.to_json_string()),
                        Shape::Table => say(&format!(
                            "tuoyu: {}",
                            if zh { e.message_zh() } else { e.message_en() }
                        )),
                    }
                    Ok(ExitCode::from(2))
                }
            }
        }
        Cmd::Verify { file, format, lang } => {
            let text = read_text(file.as_deref())?;
            let report = calc_core::verify::verify_text(&text);
            let written = match format {
                Shape::Json => write_out(&format!("{}\n", report.to_json_line())),
                Shape::Table => write_out(&render::report(&report, lang == Lang::Zh)),
            };
            if let Err(code) = written {
                return Ok(code);
            }
            if let Some(e) = &report.error {
                say(&format!(
                    "tuoyu: {}",
                    if lang == Lang::Zh {
                        &e.error_zh
                    } else {
                        &e.error_en
                    }
                ));
                return Ok(ExitCode::from(2));
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Batch {
            input,
            output,
            input_format,
            output_format,
            threads,
            quiet,
            profile,
            force,
            chunk_kib,
            max_record_kib,
            sheet,
            parse_only,
            lang,
        } => {
            if input.as_os_str() != "-" {
                // A missing file or a directory is named as such, before any format question.
                let meta = std::fs::metadata(&input)
                    .map_err(|e| format!("cannot read {}: {e}", input.display()))?;
                if meta.is_dir() {
                    return Err(format!(
                        "cannot read {}: it is a directory, not a file",
                        input.display()
                    ));
                }
            }
            let input_format = match input_format {
                Some(f) => f.into(),
                None if input.as_os_str() == "-" => Format::Jsonl,
                None => Format::from_path(&input).ok_or_else(|| {
                    format!(
                        "cannot tell the format of {} from its extension: name it .jsonl, .csv or .xlsx, or pass --input-format",
                        input.display()
                    )
                })?,
            };
            let output_format = match output_format {
                Some(f) => f.into(),
                None if output.as_os_str() == "-" => Format::Jsonl,
                None => Format::from_path(&output).ok_or_else(|| {
                    format!(
                        "cannot tell the format of {} from its extension: name it .jsonl, .csv or .xlsx, or pass --output-format",
                        output.display()
                    )
                })?,
            };
            if lang == Lang::Zh && output_format == Format::Jsonl {
                return Err("--lang zh gives Chinese headings to CSV and Excel reports; JSON Lines reports are tuoyu.verification.v1, whose names do not change (their reasons and errors carry Chinese and English)".into());
            }
            // (batch::run refuses an output that is the input, by path, link or redirection.)
            let threads = threads.map_or_else(
                || std::thread::available_parallelism().map_or(2, std::num::NonZero::get),
                |t| usize::try_from(t).unwrap_or(1),
            );
            // Ctrl-C, SIGTERM, SIGHUP: the run stops at the next whole chunk and keeps what is
            // done; a second signal ends the process at once.
            let stop = Arc::new(AtomicUsize::new(0));
            let now = Arc::new(std::sync::atomic::AtomicBool::new(false));
            for sig in [
                signal_hook::consts::SIGINT,
                signal_hook::consts::SIGTERM,
                signal_hook::consts::SIGHUP,
            ] {
                let _ = signal_hook::flag::register_conditional_shutdown(
                    sig,
                    128 + sig,
                    Arc::clone(&now),
                );
                let _ = signal_hook::flag::register(sig, Arc::clone(&now));
                let _ = signal_hook::flag::register_usize(
                    sig,
                    Arc::clone(&stop),
                    usize::try_from(sig).unwrap_or(1),
                );
            }
            let kib = |k: u64| usize::try_from(k.saturating_mul(1024)).unwrap_or(usize::MAX);
            let cfg = batch::Config {
                input,
                output,
                input_format,
                output_format,
                threads,
                chunk_bytes: kib(chunk_kib),
                progress: !quiet && std::io::stderr().is_terminal(),
                profile,
                max_record: kib(max_record_kib),
                sheet,
                parse_only,
                force,
                stop: Some(stop),
                lang: lang.into(),
            };
            match batch::run(&cfg) {
                Ok(o) => {
                    if !quiet {
                        let _ = write!(std::io::stderr().lock(), "{}", batch::summary_text(&o));
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(batch::BatchError::Input(m) | batch::BatchError::Unusable(m)) => Err(m),
                Err(batch::BatchError::Output(m)) => {
                    say(&format!("tuoyu: error: {m}"));
                    Ok(ExitCode::from(1))
                }
                // `tuoyu batch -o - | head`: the reader has all it wants.
                Err(batch::BatchError::Closed) => Ok(ExitCode::SUCCESS),
                Err(batch::BatchError::Interrupted { signal, rows, kept }) => {
                    let name = match signal {
                        1 => "SIGHUP",
                        2 => "SIGINT (Ctrl-C)",
                        15 => "SIGTERM",
                        _ => "a signal",
                    };
                    let whole = cfg.output.display();
                    say(&match kept {
                        Some(p) if p != cfg.output => format!(
                            "tuoyu: interrupted by {name} after {rows} rows: the {rows} reports \
                             done are kept in {} (incomplete); {whole} was not written",
                            p.display()
                        ),
                        Some(p) => format!(
                            "tuoyu: interrupted by {name} after {rows} rows: {} holds the first \
                             {rows} reports only (incomplete)",
                            p.display()
                        ),
                        None => format!(
                            "tuoyu: interrupted by {name} after {rows} rows: the output holds the \
                             first {rows} reports only (incomplete)"
                        ),
                    });
                    Ok(ExitCode::from(u8::try_from(128 + signal).unwrap_or(130)))
                }
            }
        }
        Cmd::Params {
            at,
            region,
            format,
            lang,
        } => {
            let date = match &at {
                Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| format!("--at {s}: expected a date YYYY-MM-DD"))?,
                None => today(),
            };
            let code = match &region {
                Some(r) => calc_core::params::region_code_of(r).map_err(|(zh, en)| {
                    format!("--region: {}", if lang == Lang::Zh { zh } else { en })
                })?,
                None => calc_core::params::DEFAULT_REGION,
            };
            let list = calc_core::params::in_force_in(code, date);
            if list.is_empty() {
                return Err(no_params(date));
            }
            match format {
                Shape::Json => print(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&list).map_err(|e| e.to_string())?
                )),
                Shape::Table => {
                    let mut text = render::params(&list, &date.to_string(), lang == Lang::Zh);
                    // The local figures no pack gives that have no national value on the date
                    // either (the 六税两费 halving of 2023–2027 is national: listed above).
                    let ids: Vec<String> = calc_core::params::unpacked(code)
                        .iter()
                        .map(|p| p.generic_id().into_owned())
                        .filter(|id| list.iter().all(|p| &p.id != id))
                        .collect();
                    if !ids.is_empty() {
                        text.push_str(&if lang == Lang::Zh {
                            format!("\n地区 {code} 没有参数包给出、在 {date} 也没有全国数值的地方参数（请求需自行提供，否则相关行为“缺少输入”）：\n  {}\n", ids.join("\n  "))
                        } else {
                            format!("\nLocal figures no region pack gives for {code} and with no national value on {date} (a request must supply them, else their lines are missing_input):\n  {}\n", ids.join("\n  "))
                        });
                    }
                    print(&text)
                }
            }
        }
        Cmd::Explain {
            line_id,
            format,
            lang,
        } => {
            let zh = lang == Lang::Zh;
            let Some(id) = line_id else {
                let mut t = String::new();
                for l in calc_core::LineId::ALL {
                    t.push_str(&format!(
                        "{:<26} {}\n",
                        l.as_str(),
                        if zh { l.label_zh() } else { l.label_en() }
                    ));
                }
                return print(&t);
            };
            let out = match format {
                Shape::Json => explain::json(&id, today()).map(|v| format!("{v:#}\n")),
                Shape::Table => explain::text(&id, lang.into(), today()),
            };
            match out {
                Some(t) => print(&t),
                None => {
                    let ids: Vec<&str> =
                        calc_core::LineId::ALL.iter().map(|l| l.as_str()).collect();
                    Err(format!(
                        "unknown line id {id:?}; the lines are: {}",
                        ids.join(", ")
                    ))
                }
            }
        }
        Cmd::GenClaims {
            count,
            seed,
            output,
            format,
            malformed_per_mille,
        } => {
            let format = match (format, &output) {
                (Some(f), _) => f.into(),
                (None, Some(p)) => Format::from_path(p).unwrap_or(Format::Jsonl),
                (None, None) => Format::Jsonl,
            };
            if format == Format::Xlsx {
                return Err("gen-claims writes .jsonl or .csv".into());
            }
            let threads = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
            let (mut sink, shown): (Box<dyn Write>, String) = match &output {
                Some(p) if p.as_os_str() != "-" => (
                    Box::new(
                        std::fs::File::create(p)
                            .map_err(|e| format!("cannot create {}: {e}", p.display()))?,
                    ),
                    p.display().to_string(),
                ),
                _ => (Box::new(std::io::stdout().lock()), stdout_name()),
            };
            let mut w = std::io::BufWriter::with_capacity(1 << 20, &mut sink);
            let r = gen::generate(&mut w, count, seed, format, malformed_per_mille, threads)
                .and_then(|()| w.flush());
            match r {
                // `tuoyu gen-claims | head`: the reader has all it wants.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
                Err(e) => {
                    say(&format!("tuoyu: error: cannot write to {shown}: {e}"));
                    Ok(ExitCode::from(1))
                }
                Ok(()) => Ok(ExitCode::SUCCESS),
            }
        }
        Cmd::BenchCompute {
            count,
            seed,
            threads,
        } => bench_compute(count, seed, threads),
        Cmd::CsvToJsonl { input } => {
            let (r, _) = batch::open_input(&input)?;
            let mut notes = Vec::new();
            let mut r = tuoyu_cli::encoding::utf8_input(r, &mut notes)
                .map_err(|e| format!("cannot read the input: {e}"))?;
            let mut bytes = Vec::new();
            r.read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read the input: {e}"))?;
            let mut rdr = calc_core::frontend::flat::ClaimReader::new();
            rdr.push(&bytes);
            rdr.finish();
            let mut out = String::new();
            while let Some((line, claim)) = rdr
                .next_claim()
                .map_err(|e| format!("cannot read the CSV header: {}", e.message_en()))?
            {
                match claim {
                    Ok(c) => {
                        out.push_str(&serde_json::to_string(&c).map_err(|e| e.to_string())?);
                        out.push('\n');
                    }
                    Err((_, e)) => say(&format!("skipped line {line}: {}", e.message_en())),
                }
            }
            print(&out)
        }
        Cmd::Template { output, format } => {
            let format = match (format, Format::from_path(&output)) {
                (Some(TemplateFormat::Csv), _) => Format::Csv,
                (Some(TemplateFormat::Xlsx), _) => Format::Xlsx,
                (None, Some(f)) => f,
                (None, None) => Format::Csv,
            };
            let mut sink: Box<dyn Write + Send> = if output.as_os_str() == "-" {
                Box::new(std::io::stdout())
            } else {
                Box::new(
                    std::fs::File::create(&output)
                        .map_err(|e| format!("cannot create {}: {e}", output.display()))?,
                )
            };
            match format {
                Format::Xlsx => tuoyu_cli::xlsx::template_xlsx(&mut *sink)?,
                Format::Csv => sink
                    .write_all(tuoyu_cli::xlsx::template_csv().as_bytes())
                    .map_err(|e| format!("cannot write the template: {e}"))?,
                Format::Jsonl => {
                    return Err("the claims template is .csv or .xlsx (JSON Lines claims follow tuoyu.claim.v1)".into())
                }
            }
            sink.flush()
                .map_err(|e| format!("cannot write the template: {e}"))?;
            if format == Format::Csv {
                template_notes(&output)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Columns => {
            let mut t = String::from(
                "| column | required | JSON field | meaning | 说明 |\n|---|---|---|---|---|\n",
            );
            for c in CLAIM_COLUMNS {
                t.push_str(&format!(
                    "| `{}` | {} | `{}` | {} | {} |\n",
                    c.name,
                    if c.required { "yes" } else { "" },
                    c.json_path,
                    c.en.replace('|', "\\|"),
                    c.zh.replace('|', "\\|")
                ));
            }
            print(&t)
        }
    }
}

/// The CSV template has no second sheet: its notes go to a text file beside it
/// (`申报模板.csv` → `申报模板-填写说明.txt`), and standard error says where.
fn template_notes(csv: &std::path::Path) -> Result<(), String> {
    if csv.as_os_str() == "-" {
        eprintln!(
            "tuoyu template: the columns are explained on the second sheet of the .xlsx template \
             (tuoyu template -o 申报模板.xlsx) and by tuoyu columns / 各列的填写说明见 .xlsx 模板的第二个工作表"
        );
        return Ok(());
    }
    let stem = csv
        .file_stem()
        .map_or_else(|| "template".into(), |s| s.to_string_lossy());
    let notes = csv.with_file_name(format!("{stem}-填写说明.txt"));
    std::fs::write(&notes, calc_core::frontend::flat::template_notes_text())
        .map_err(|e| format!("cannot write {}: {e}", notes.display()))?;
    eprintln!(
        "tuoyu template: wrote {} and its notes {} / 填写说明见 {}",
        csv.display(),
        notes.display(),
        notes.display()
    );
    Ok(())
}

/// Why no parameter is in force on `date`, in words for the person who asked.
fn no_params(date: chrono::NaiveDate) -> String {
    if let Some(e) = calc_core::params::Store::embedded_error() {
        return format!("the parameter data built into tuoyu cannot be read: {e}");
    }
    let all = calc_core::params::all_series();
    let first = all
        .iter()
        .flat_map(|s| s.entries.iter().map(|e| e.valid_from))
        .min();
    let last = all
        .iter()
        .flat_map(|s| s.entries.iter().map(|e| e.valid_to))
        .max_by(|a, b| match (a, b) {
            (None, None) => std::cmp::Ordering::Equal,
            (None, _) => std::cmp::Ordering::Greater,
            (_, None) => std::cmp::Ordering::Less,
            (Some(a), Some(b)) => a.cmp(b),
        });
    match (first, last) {
        (Some(first), _) if date < first => format!(
            "no tax parameter is in force on {date}: tuoyu's figures start on {first}; give a date from {first} on"
        ),
        (_, Some(Some(last))) if date > last => format!(
            "no tax parameter is in force on {date}: tuoyu's figures end on {last}; give a date up to {last}"
        ),
        _ => format!("no tax parameter is in force on {date}"),
    }
}

/// Verifies claims already in memory: the rate of calc-core's verification alone; and computes
/// every line's figures of the same requests (`calc_core::amounts`) — the compute-only rates.
fn bench_compute(count: u64, seed: u64, threads: Option<u64>) -> Result<ExitCode, String> {
    use calc_core::verify::verify_claim;
    use std::time::Instant;
    let claims: Vec<calc_core::Claim> = (0..count)
        .filter_map(|i| match gen::row(seed, i, 0, false) {
            gen::Row::Claim(c) => Some(*c),
            _ => None,
        })
        .collect();
    let n = claims.len();
    if n == 0 {
        return Err("--count must be at least 1".into());
    }
    let threads = threads
        .map_or_else(
            || std::thread::available_parallelism().map_or(2, std::num::NonZero::get),
            |t| usize::try_from(t).unwrap_or(1),
        )
        .max(1);
    // Runs `f` over every claim on one thread, then split over `threads`, each five times;
    // returns the median seconds of each and how many claims `f` counted. (A run over 200,000
    // claims lasts a tenth of a second: one run alone is at the mercy of a scheduling hiccup.)
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let time = |f: &(dyn Fn(&calc_core::Claim) -> bool + Sync)| {
        let mut one_count = 0;
        let ones: Vec<f64> = (0..5)
            .map(|_| {
                let t = Instant::now();
                one_count = claims.iter().filter(|c| f(c)).count();
                t.elapsed().as_secs_f64()
            })
            .collect();
        let per = n.div_ceil(threads).max(1);
        let mut all_count = 0;
        let alls: Vec<f64> = (0..5)
            .map(|_| {
                let t = Instant::now();
                all_count = std::thread::scope(|s| {
                    let hs: Vec<_> = claims
                        .chunks(per)
                        .map(|part| s.spawn(move || part.iter().filter(|c| f(c)).count()))
                        .collect();
                    hs.into_iter().map(|h| h.join().unwrap_or(0)).sum::<usize>()
                });
                t.elapsed().as_secs_f64()
            })
            .collect();
        (median(ones), median(alls), one_count, all_count)
    };
    let (one, all, matched, matched_par) =
        time(&|c| verify_claim(c).verdict == calc_core::Verdict::Match);
    let (a_one, a_all, a_ok, _) = time(&|c| calc_core::amounts(&c.request).is_ok());
    // One assessment with explanations, in process (the statement a user reads).
    let req = claims
        .iter()
        .find(|c| !c.request.properties.is_empty() && c.request.year == 2026)
        .map_or_else(|| claims[0].request.clone(), |c| c.request.clone());
    let reps = 2000u32;
    let t = Instant::now();
    let mut size = 0usize;
    for _ in 0..reps {
        if let Ok(st) = calc_core::assess(&req) {
            size += serde_json::to_string(&st).map_or(0, |s| s.len());
        }
    }
    let assess_us = t.elapsed().as_secs_f64() * 1e6 / f64::from(reps);
    let mut out = String::new();
    out.push_str(&format!(
        "in-process assess with explanations + statement JSON: {assess_us:.1} µs per request ({} bytes of JSON)\n",
        size / reps as usize
    ));
    out.push_str(&format!(
        "compute-only (claims in memory, verify_claim, no JSON, no explanation; median of 5 runs): {n} claims\n  1 thread: {:.3} s, {:.0} claims/s, {:.2} µs/claim\n  {threads} threads: {:.3} s, {:.0} claims/s\n  (match: {matched} / {matched_par})\n",
        one,
        n as f64 / one,
        one * 1e6 / n as f64,
        all,
        n as f64 / all
    ));
    out.push_str(&format!(
        "compute-only (the same requests, calc_core::amounts: all 18 lines with eligibility, no text; median of 5 runs): {n} requests\n  1 thread: {:.3} s, {:.0} facilities/s, {:.2} µs/facility\n  {threads} threads: {:.3} s, {:.0} facilities/s\n  ({a_ok} computed, the rest refused as invalid)\n",
        a_one,
        n as f64 / a_one,
        a_one * 1e6 / n as f64,
        a_all,
        n as f64 / a_all
    ));
    print(&out)
}
