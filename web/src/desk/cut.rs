//! Cutting a CSV file into chunks of whole records, so every worker verifies CSV, not one.
//!
//! A CSV record may span lines (a quoted cell holding a line end), and whether a byte is inside
//! quotes depends on everything before it — and on calc-core's recovery rules (an unclosed quote
//! is cut at its first line end when it never closes properly). A guess from quote parity alone
//! would be wrong on exactly the hostile files. So one worker reads the file once with calc-core's
//! own [`RecordSplitter`] (the tokenizer `ClaimReader` and `tuoyu batch` use: a scan for `"`, CR
//! and LF, no cells, no claims — hundreds of MB/s) and posts **boundaries**: byte offsets where a
//! record starts, each with its physical line, while the other workers already verify the chunks
//! between them.
//!
//! A chunk after the first is verified by a fresh `ClaimReader` fed a **synthetic header**
//! ([`Head::prefix`]: the header's cells, re-quoted, ended the way the file's lines end) and then
//! the chunk's bytes, its lines counted from the line before the chunk's first
//! (`ClaimReader::starting_at`, so the errors naming a line name the file's). That reader is in the
//! very state the whole-file reader is in at the boundary: line ends decided the same way (the
//! file's first line end — the header's, or a blank line's before it — is `\n`/`\r\n` or a bare
//! `\r`), the header's number of cells expected, no record open (boundaries are taken only right
//! after a [`Piece::Record`], never inside a too-long line being skipped). A record's end never
//! depends on bytes past it, and an open quote reaching the end of a chunk is cut at its first
//! line end just as the whole-file reader cuts it (it never closed properly there either), so
//! every chunk gives the reports the one reader gave, and the chunks together give them all,
//! once each, in order. One more care: with CR-only line ends the synthetic header ends in `\r`,
//! so a chunk is never started on a `\n` (the two would read as one `\r\n`).
//!
//! A header that cannot be used (or a file with none) is not cut: the whole file goes to one
//! worker, which reports it as before.

use calc_core::frontend::flat::{self, ClaimHeaders, Piece, RecordSplitter, CSV_MAX_RECORD};

/// Reads a header cell's bytes as text (a GBK file's: the browser's decoder), `None` when it
/// cannot.
pub type Decode = fn(&[u8]) -> Option<String>;

/// The header of a CSV file as a chunk's reader needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The header's cells as one CSV line, without its line end.
    pub names: String,
    /// The file's lines end in a bare CR (else `\n` or `\r\n`).
    pub cr: bool,
}

impl Head {
    /// The bytes a chunk's reader is fed before the chunk: the header and one line end.
    #[must_use]
    pub fn prefix(&self) -> Vec<u8> {
        let mut p = self.names.clone().into_bytes();
        p.push(if self.cr { b'\r' } else { b'\n' });
        p
    }
}

/// What [`Cutter::push`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// Boundaries so far: (byte offset where a record starts, its physical line).
    Cuts(Vec<(f64, u64)>),
    /// The file is not to be cut (its header cannot be used, or there is none).
    Whole,
}

/// The scan of one CSV file for chunk boundaries, fed its bytes in order.
pub struct Cutter {
    split: RecordSplitter,
    buf: Vec<u8>,
    /// The file offset of `buf[0]`.
    base: f64,
    at: usize,
    head: Option<Head>,
    /// How line ends read, once a piece ended on one: `Some(true)` for a bare CR.
    cr: Option<bool>,
    step: f64,
    last: f64,
    /// How the header's cells are read as text (`None`: UTF-8; GBK files are decoded by the
    /// browser: see [`Cutter::decoding`]).
    decode: Option<Decode>,
}

impl Cutter {
    /// A scan cutting about every `step` bytes.
    #[must_use]
    pub fn new(step: f64) -> Cutter {
        Cutter {
            split: RecordSplitter::new(CSV_MAX_RECORD),
            buf: Vec::new(),
            base: 0.0,
            at: 0,
            head: None,
            cr: None,
            step: step.max(1.0),
            last: 0.0,
            decode: None,
        }
    }

    /// Reads the header's cells with `decode` (a GBK file's: the record ends the cut looks for —
    /// `"`, `,`, CR, LF — are ASCII bytes, never part of a GBK character, so only the header's
    /// names need decoding).
    #[must_use]
    pub fn decoding(mut self, decode: Option<Decode>) -> Cutter {
        self.decode = decode;
        self
    }

    /// The header, once read.
    #[must_use]
    pub fn head(&self) -> Option<&Head> {
        self.head.as_ref()
    }

    /// The next bytes of the file (`eof`: there are no more after them).
    pub fn push(&mut self, bytes: &[u8], eof: bool) -> Found {
        if self.at > 0 {
            self.buf.drain(..self.at);
            #[allow(clippy::cast_precision_loss)]
            {
                self.base += self.at as f64;
            }
            self.at = 0;
        }
        self.buf.extend_from_slice(bytes);
        let mut cuts = Vec::new();
        loop {
            let piece = self.split.next_piece(&self.buf[self.at..], eof);
            match piece {
                Piece::End if self.head.is_none() => return Found::Whole,
                Piece::NeedMore | Piece::End => return Found::Cuts(cuts),
                Piece::Skip { len } => {
                    self.line_end(len);
                    self.at += len;
                }
                Piece::Unclosed { len, .. } | Piece::TooLong { len, .. } => {
                    if self.head.is_none() {
                        return Found::Whole;
                    }
                    self.at += len;
                }
                Piece::Record { record, len, .. } => {
                    self.line_end(len);
                    if self.head.is_none() {
                        match self.header(record) {
                            Some(n) => self.split.expect_cells(n),
                            None => return Found::Whole,
                        }
                        self.at += len;
                        continue;
                    }
                    self.at += len;
                    #[allow(clippy::cast_precision_loss)]
                    let off = self.base + self.at as f64;
                    // A boundary needs the byte after it (there is more file; with CR-only line
                    // ends, it must not be a `\n`).
                    let next = self.buf.get(self.at).copied();
                    if off - self.last >= self.step
                        && next.is_some()
                        && !(self.cr == Some(true) && next == Some(b'\n'))
                    {
                        self.last = off;
                        cuts.push((off, self.split.line()));
                    }
                }
            }
        }
    }

    /// Notes how lines end from the first piece that ended on a line end (`len` bytes at `at`).
    fn line_end(&mut self, len: usize) {
        if self.cr.is_some() || len == 0 {
            return;
        }
        match self.buf.get(self.at + len - 1) {
            Some(b'\n') => self.cr = Some(false),
            Some(b'\r') => self.cr = Some(true),
            _ => {}
        }
    }

    /// Reads the header record (`record` bytes at `at`): its number of cells, or `None` when it
    /// cannot be used.
    fn header(&mut self, record: usize) -> Option<usize> {
        let mut cells = Vec::new();
        flat::split_cells(&self.buf[self.at..self.at + record], &mut cells);
        let names: Vec<String> = cells
            .iter()
            .map(|c| match self.decode {
                Some(f) => f(c),
                None => std::str::from_utf8(c).ok().map(str::to_string),
            })
            .collect::<Option<_>>()?;
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let h = ClaimHeaders::new(&names).ok()?;
        let line = flat::csv_line(&names);
        self.head = Some(Head {
            names: line.trim_end_matches('\n').to_string(),
            cr: self.cr.unwrap_or(false),
        });
        Some(h.len())
    }
}

/// The header of CSV bytes (the file's start, `eof` when that is all of it), if it can be used
/// and its line end was seen.
#[must_use]
pub fn head_of(bytes: &[u8], eof: bool, decode: Option<Decode>) -> Option<Head> {
    let mut c = Cutter::new(f64::MAX).decoding(decode);
    match c.push(bytes, eof) {
        Found::Whole => None,
        Found::Cuts(_) => c.head.filter(|_| c.cr.is_some()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calc_core::frontend::flat::ClaimReader;

    /// Every claim's line and whether it reads, by one reader over the whole file.
    fn whole(text: &[u8]) -> Vec<(u64, String)> {
        let mut r = ClaimReader::new();
        r.push(text);
        r.finish();
        let mut out = Vec::new();
        while let Ok(Some((line, c))) = r.next_claim() {
            out.push((line, format!("{:?}", c.map(|c| c.id).map_err(|e| e.1))));
        }
        out
    }

    /// The same, chunk by chunk as the workers read them.
    fn chunked(text: &[u8], step: f64, slice: usize) -> Vec<(u64, String)> {
        let mut c = Cutter::new(step);
        let mut cuts = vec![(0.0, 0)];
        let mut pieces = text.chunks(slice.max(1)).peekable();
        while let Some(p) = pieces.next() {
            match c.push(p, pieces.peek().is_none()) {
                Found::Cuts(v) => cuts.extend(v),
                Found::Whole => return whole(text),
            }
        }
        let head = c.head().cloned();
        let mut out = Vec::new();
        for (k, &(a, line0)) in cuts.iter().enumerate() {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let (a, b) = (
                a as usize,
                cuts.get(k + 1).map_or(text.len(), |x| x.0 as usize),
            );
            let mut r = if k == 0 {
                ClaimReader::new()
            } else {
                let mut r = ClaimReader::starting_at(line0 - 1);
                r.push(&head.as_ref().expect("a head").prefix());
                r
            };
            r.push(&text[a..b]);
            r.finish();
            while let Ok(Some((line, c))) = r.next_claim() {
                out.push((line, format!("{:?}", c.map(|c| c.id).map_err(|e| e.1))));
            }
        }
        out
    }

    fn hostile(end: &str, cr_file: bool) -> Vec<u8> {
        let head = "id,year,facility_name,legal_form,community_based,service_modes,filed_with_health_commission,vat,childcare_revenue,claimed_vat_exempt_sales";
        let mut t = format!("\u{feff}{head}{end}");
        for i in 0..600 {
            let name = match i % 9 {
                1 => format!("\"two{end}lines\""),
                3 => "\"never closed".to_string(),
                5 if !cr_file => "bare\rcr".to_string(),
                6 => "\"a, \"\"b\"\"\"".to_string(),
                _ => "plain".to_string(),
            };
            t.push_str(&format!(
                "h-{i},2026,{name},enterprise,true,full_day,true,general,1060000,1060000.00{end}"
            ));
            if i % 7 == 2 {
                t.push_str(end);
            }
            if cr_file && i % 11 == 4 {
                t.push_str("\n\n");
            }
        }
        t.into_bytes()
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn chunks_give_the_reports_of_one_reader() {
        for (end, cr) in [("\n", false), ("\r\n", false), ("\r", true)] {
            let text = hostile(end, cr);
            let want = whole(&text);
            assert!(want.len() >= 600, "{end:?}: {}", want.len());
            for step in [1.0, 97.0, 1000.0, 40_000.0] {
                for slice in [1, 7, 4096, text.len()] {
                    assert_eq!(
                        chunked(&text, step, slice),
                        want,
                        "{end:?} step {step} slice {slice}"
                    );
                }
            }
        }
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn an_unusable_header_is_not_cut() {
        let mut c = Cutter::new(1.0);
        assert_eq!(c.push(b"nope,x\n1,2\n", true), Found::Whole);
        let mut c = Cutter::new(1.0);
        assert_eq!(c.push(b"", true), Found::Whole);
        assert!(head_of(b"id,year", false, None).is_none());
    }
}
