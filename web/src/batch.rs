//! Batch verification of a file of claims, in chunks so the page stays responsive.
//!
//! A JSON Lines file is split into physical lines (numbered from 1 as calc-core numbers them); a
//! CSV file into records by `calc_core::flat` (the same columns as `tuoyu batch`). Each chunk is
//! verified by calc-core; the component yields to the browser between chunks. The report is
//! written in the input's format.

use calc_core::flat::{self, ClaimHeaders};
use calc_core::verify::{Report, Summary};

/// A CSV file: its header (or why calc-core refused it) and its records with their lines.
type CsvFile = (Result<ClaimHeaders, calc_core::Error>, Vec<flat::CsvRecord>);

/// Claims verified per chunk before the page gets to paint.
pub const CHUNK: usize = 25;

/// A batch in progress: the lines still to do, the reports so far and their summary.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    lines: Vec<String>,
    /// For a CSV file: the header and the records with their starting lines.
    csv: Option<CsvFile>,
    next: usize,
    /// The report file so far (JSON Lines, one report per claim).
    pub output: String,
    /// Counts so far.
    pub summary: Summary,
    /// The first reports that are not `match` (for the table on screen).
    pub flagged: Vec<Report>,
}

/// How many non-matching reports are kept for the screen.
pub const FLAGGED_SHOWN: usize = 200;

impl Batch {
    /// A batch over the text of a JSON Lines file.
    #[must_use]
    pub fn json_lines(text: &str) -> Batch {
        Batch {
            lines: text.split('\n').map(str::to_string).collect(),
            ..Batch::default()
        }
    }

    /// A batch over the text of a CSV file (header row first). A header calc-core refuses
    /// makes every record an `invalid_input` report naming the column.
    #[must_use]
    pub fn csv(text: &str) -> Batch {
        let mut records = flat::csv_records(text);
        let header = match records.next().map(|r| r.cells) {
            Some(Ok(cells)) => {
                let names: Vec<&str> = cells.iter().map(String::as_str).collect();
                ClaimHeaders::new(&names)
            }
            Some(Err(e)) => Err(e),
            None => Err(calc_core::Error::new(
                "",
                "CSV 文件没有表头行",
                "the CSV file has no header row",
            )),
        };
        let rows: Vec<flat::CsvRecord> = records.collect();
        let output = flat::csv_line(&flat::report_header());
        Batch {
            csv: Some((header, rows)),
            output,
            ..Batch::default()
        }
    }

    /// Whether the batch reads (and reports) CSV.
    #[must_use]
    pub fn is_csv(&self) -> bool {
        self.csv.is_some()
    }

    /// Lines (JSON Lines) or records (CSV) in the file.
    #[must_use]
    pub fn total(&self) -> usize {
        match &self.csv {
            Some((_, rows)) => rows.len(),
            None => self.lines.len(),
        }
    }

    /// Lines done.
    #[must_use]
    pub fn done(&self) -> usize {
        self.next
    }

    /// Whether every line is done.
    #[must_use]
    pub fn finished(&self) -> bool {
        self.next >= self.total()
    }

    /// Verifies up to `n` more lines or records.
    pub fn step(&mut self, n: usize) {
        let end = (self.next + n).min(self.total());
        for i in self.next..end {
            let report = match &self.csv {
                Some((header, rows)) => {
                    let rec = &rows[i];
                    let line = &rec.line;
                    let fields: Vec<&str> = match &rec.cells {
                        Ok(cells) => cells.iter().map(String::as_str).collect(),
                        Err(_) => Vec::new(),
                    };
                    let r = match (header, &rec.cells) {
                        (_, Err(e)) => Report::invalid(None, e, None),
                        (Ok(h), Ok(_)) => match h.claim(&fields) {
                            Ok(c) => calc_core::verify::verify_claim(&c),
                            Err(e) => {
                                Report::invalid(h.id_of(&fields).map(str::to_string), &e, None)
                            }
                        },
                        (Err(e), _) => Report::invalid(None, e, None),
                    };
                    Some(Report {
                        line: Some(*line),
                        ..r
                    })
                }
                None => calc_core::verify::verify_line(self.lines[i].as_bytes(), i as u64 + 1),
            };
            if let Some(r) = report {
                self.summary.add(&r);
                if self.csv.is_some() {
                    self.output.push_str(&flat::csv_line(&flat::report_row(&r)));
                } else {
                    self.output.push_str(&r.to_json_line());
                    self.output.push('\n');
                }
                if r.verdict != calc_core::Verdict::Match && self.flagged.len() < FLAGGED_SHOWN {
                    self.flagged.push(r);
                }
            }
        }
        self.next = end;
    }
}
