//! `tuoyu`: assess, verify (one claim or a file of them), list parameters, explain lines.
//!
//! Exit status: 0 when the command ran; 2 on unusable arguments, an unreadable or invalid input
//! (for `assess` and `verify`: a request or claim that cannot be read); 1 when the output could
//! not be written part-way.

#![forbid(unsafe_code)]

use calc_core::flat::CLAIM_COLUMNS;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tuoyu_cli::batch::{self, Format};
use tuoyu_cli::{explain, gen, render};

// Optional (`--features mimalloc`): see cli/Cargo.toml for why it is off by default.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        /// Worker threads (default: every core).
        #[arg(long)]
        threads: Option<usize>,
        /// No progress bar, no summary.
        #[arg(long, short)]
        quiet: bool,
        /// Print where the time went (parse / verify / serialize, reader, writer).
        #[arg(long)]
        profile: bool,
        /// Chunk size in KiB (tuning).
        #[arg(long, default_value_t = 256, hide = true)]
        chunk_kib: usize,
        /// Longest record in KiB; a longer one becomes an invalid_input row (default 64 MiB).
        #[arg(long, default_value_t = 65_536, hide = true)]
        max_record_kib: usize,
        /// The sheet of an Excel input (default: the first sheet).
        #[arg(long)]
        sheet: Option<String>,
        /// Parse the claims only (no verification, no report written): the floor the batch is
        /// measured against (benchmarks).
        #[arg(long, hide = true)]
        parse_only: bool,
    },
    /// Write the claims template: `.xlsx` (Chinese header row, and a sheet explaining every
    /// column in Chinese and English) or `.csv` (the Chinese header row).
    Template {
        /// Where to write it (`-`: standard output, CSV only).
        #[arg(long, short)]
        output: PathBuf,
        /// The format when the extension does not say.
        #[arg(long, value_enum)]
        format: Option<FileFormat>,
    },
    /// Parameters in force on a date, with value, window, citation and confidence.
    Params {
        /// The date, YYYY-MM-DD (default: today).
        #[arg(long)]
        at: Option<String>,
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
        /// How many rows.
        #[arg(long)]
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
        /// Malformed rows per thousand.
        #[arg(long, default_value_t = 5)]
        malformed_per_mille: u64,
    },
    /// Time verification of claims already in memory (no JSON, no explanation text).
    #[command(hide = true)]
    BenchCompute {
        #[arg(long, default_value_t = 200_000)]
        count: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        threads: Option<usize>,
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
         then error_path, error_en, error_zh.\n\nA malformed row becomes an invalid_input report \
         with its line number and error; it never stops the run. Exit 0 when the run finished, 2 \
         on unusable arguments or an unreadable input (missing, a directory, a CSV without a \
         usable header), 1 when the output could not be written part-way.",
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
            eprintln!("tuoyu: error: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Reads a whole input (`None` or `-`: stdin) as UTF-8 text.
fn read_text(file: Option<&Path>) -> Result<String, String> {
    let mut bytes = Vec::new();
    match file {
        None => std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?,
        Some(p) if p.as_os_str() == "-" => std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?,
        Some(p) => {
            let (mut r, _) = batch::open_input(p)?;
            r.read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read {}: {e}", p.display()))?
        }
    };
    let name = file.map_or("standard input".to_string(), |p| p.display().to_string());
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
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
    Ok(ExitCode::SUCCESS)
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
                        Shape::Json => eprintln!("{}", e.to_json_string()),
                        Shape::Table => eprintln!("tuoyu: {}", if zh { &e.zh } else { &e.en }),
                    }
                    Ok(ExitCode::from(2))
                }
            }
        }
        Cmd::Verify { file, format, lang } => {
            let text = read_text(file.as_deref())?;
            let report = calc_core::verify::verify_text(&text);
            match format {
                Shape::Json => print(&format!("{}\n", report.to_json_line()))?,
                Shape::Table => print(&render::report(&report, lang == Lang::Zh))?,
            };
            if let Some(e) = &report.error {
                eprintln!(
                    "tuoyu: {}",
                    if lang == Lang::Zh {
                        &e.error_zh
                    } else {
                        &e.error_en
                    }
                );
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
            chunk_kib,
            max_record_kib,
            sheet,
            parse_only,
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
            if input.as_os_str() != "-" && output.as_os_str() != "-" {
                if let (Ok(a), Ok(b)) = (input.canonicalize(), output.canonicalize()) {
                    if a == b {
                        return Err("the output file is the input file".into());
                    }
                }
            }
            let threads = threads.unwrap_or_else(|| {
                std::thread::available_parallelism().map_or(2, std::num::NonZero::get)
            });
            let cfg = batch::Config {
                input,
                output,
                input_format,
                output_format,
                threads,
                chunk_bytes: chunk_kib.max(1) * 1024,
                progress: !quiet && std::io::stderr().is_terminal(),
                profile,
                max_record: max_record_kib.max(1) * 1024,
                sheet,
                parse_only,
            };
            match batch::run(&cfg) {
                Ok(o) => {
                    if !quiet {
                        eprint!("{}", batch::summary_text(&o));
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(batch::BatchError::Input(m) | batch::BatchError::Unusable(m)) => Err(m),
                Err(batch::BatchError::Output(m)) => {
                    eprintln!("tuoyu: error: {m}");
                    Ok(ExitCode::from(1))
                }
            }
        }
        Cmd::Params { at, format, lang } => {
            let date = match &at {
                Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| format!("--at {s}: expected a date YYYY-MM-DD"))?,
                None => today(),
            };
            let list = calc_core::params::in_force(date);
            if list.is_empty() {
                return Err(format!(
                    "no parameter is in force on {date} (the embedded parameter file failed to load?)"
                ));
            }
            match format {
                Shape::Json => print(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&list).map_err(|e| e.to_string())?
                )),
                Shape::Table => print(&render::params(&list, &date.to_string(), lang == Lang::Zh)),
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
                Shape::Table => explain::text(&id, zh, today()),
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
            let mut sink: Box<dyn Write> = match &output {
                Some(p) if p.as_os_str() != "-" => Box::new(
                    std::fs::File::create(p)
                        .map_err(|e| format!("cannot create {}: {e}", p.display()))?,
                ),
                _ => Box::new(std::io::stdout().lock()),
            };
            let mut w = std::io::BufWriter::with_capacity(1 << 20, &mut sink);
            let r = gen::generate(
                &mut w,
                count,
                seed,
                format,
                malformed_per_mille.min(1000),
                threads,
            );
            match r {
                // `tuoyu gen-claims | head`: the reader has all it wants.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
                Err(e) => Err(format!("cannot write the claims: {e}")),
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
            let mut rdr = calc_core::flat::ClaimReader::new();
            rdr.push(&bytes);
            rdr.finish();
            let mut out = String::new();
            while let Some((line, claim)) = rdr
                .next_claim()
                .map_err(|e| format!("cannot read the CSV header: {}", e.en))?
            {
                match claim {
                    Ok(c) => {
                        out.push_str(&serde_json::to_string(&c).map_err(|e| e.to_string())?);
                        out.push('\n');
                    }
                    Err((_, e)) => eprintln!("skipped line {line}: {}", e.en),
                }
            }
            print(&out)
        }
        Cmd::Template { output, format } => {
            let format = match (format, Format::from_path(&output)) {
                (Some(f), _) => f.into(),
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

/// Verifies claims already in memory: the rate of calc-core's verification alone; and computes
/// every line's figures of the same requests (`calc_core::amounts`) — the compute-only rates.
fn bench_compute(count: u64, seed: u64, threads: Option<usize>) -> Result<ExitCode, String> {
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
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
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
    println!(
        "in-process assess with explanations + statement JSON: {assess_us:.1} µs per request ({} bytes of JSON)",
        size / reps as usize
    );
    println!(
        "compute-only (claims in memory, verify_claim, no JSON, no explanation; median of 5 runs): {n} claims\n  1 thread: {:.3} s, {:.0} claims/s, {:.2} µs/claim\n  {threads} threads: {:.3} s, {:.0} claims/s\n  (match: {matched} / {matched_par})",
        one,
        n as f64 / one,
        one * 1e6 / n as f64,
        all,
        n as f64 / all
    );
    println!(
        "compute-only (the same requests, calc_core::amounts: all 18 lines with eligibility, no text; median of 5 runs): {n} requests\n  1 thread: {:.3} s, {:.0} facilities/s, {:.2} µs/facility\n  {threads} threads: {:.3} s, {:.0} facilities/s\n  ({a_ok} computed, the rest refused as invalid)",
        a_one,
        n as f64 / a_one,
        a_one * 1e6 / n as f64,
        a_all,
        n as f64 / a_all
    );
    Ok(ExitCode::SUCCESS)
}
