//! Batch verification of a file of claims, in chunks so the page stays responsive.
//!
//! The file is split into physical lines (numbered from 1 as calc-core numbers them) and each
//! chunk is verified by calc-core; the component yields to the browser between chunks.

use calc_core::verify::{Report, Summary};

/// Claims verified per chunk before the page gets to paint.
pub const CHUNK: usize = 25;

/// A batch in progress: the lines still to do, the reports so far and their summary.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    lines: Vec<String>,
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

    /// Physical lines in the file.
    #[must_use]
    pub fn total(&self) -> usize {
        self.lines.len()
    }

    /// Lines done.
    #[must_use]
    pub fn done(&self) -> usize {
        self.next
    }

    /// Whether every line is done.
    #[must_use]
    pub fn finished(&self) -> bool {
        self.next >= self.lines.len()
    }

    /// Verifies up to `n` more lines.
    pub fn step(&mut self, n: usize) {
        let end = (self.next + n).min(self.lines.len());
        for i in self.next..end {
            let line_no = i as u64 + 1;
            if let Some(r) = calc_core::verify::verify_line(self.lines[i].as_bytes(), line_no) {
                self.summary.add(&r);
                self.output.push_str(&r.to_json_line());
                self.output.push('\n');
                if r.verdict != calc_core::Verdict::Match && self.flagged.len() < FLAGGED_SHOWN {
                    self.flagged.push(r);
                }
            }
        }
        self.next = end;
    }
}
