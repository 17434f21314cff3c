//! The one CSV tokenizer of tuoyu: the command line, the browser's desk worker and
//! [`CsvReader`](super::CsvReader) all find records and cells with it, so a file gives the same
//! rows, lines and errors everywhere.
//!
//! - [`RecordSplitter`] finds where each record ends in a buffer the caller owns (the command
//!   line cuts its input into chunks with it, on one thread, and leaves the cells to workers);
//! - [`split_cells`] cuts one record into its cells.
//!
//! ## The rules (RFC 4180, and what a hostile file gets)
//! - Cells are separated by `,`. A cell that *starts* with `"` is quoted: it may hold `,`, line
//!   breaks and `""` (one quote). A `"` elsewhere is a plain character (`5" tablet`); text after a
//!   closing quote is kept (`"ab"c` reads `abc`). Cells are not trimmed here (the claim columns
//!   are trimmed when read).
//! - **Line ends** are decided by the first one in the input: `\n` or `\r\n` (then a bare `\r`
//!   inside a cell is a plain character — no phantom row), or a bare `\r` (old Mac / some
//!   exports: then `\r`, `\n` and `\r\n` all end a line). Lines are counted in the same terms, and
//!   each record carries the physical 1-based line it starts on.
//! - A UTF-8 byte-order mark at the start is skipped; blank lines (spaces or tabs only) are
//!   skipped but counted.
//! - **An unclosed quote does not swallow the rows after it.** A quoted cell that runs over a
//!   line end is accepted only when it closes properly (the closing `"` followed by `,`, a line
//!   end or the end of the input) and its record then has the header's number of cells. Otherwise
//!   — the input ends first, the record grows past the size limit, the quote is followed by
//!   other text, or the cell count is wrong — the record is cut at the end of its **first line**:
//!   that line is reported as unreadable (naming the cell where the quote opened) and reading
//!   resumes on the next line as a fresh record. So every row of the file still gives one result.
//! - A record longer than the limit with no quote open is reported as too long and skipped up to
//!   the next line end.
//! - Cells must be UTF-8. A file that is not (a CSV saved by Excel on Chinese Windows is GBK) is
//!   refused with a message asking for "CSV UTF-8" — never read garbled.

use std::borrow::Cow;

/// How records end, decided by the first line end of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ends {
    Unknown,
    /// `\n` or `\r\n`; a bare `\r` is a plain character.
    Lf,
    /// A bare `\r` (and `\n`, `\r\n`).
    Cr,
}

/// What [`RecordSplitter::next_piece`] found at the start of the buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// A record: its first `record` bytes are the record without its line end; consume `len`.
    Record {
        /// Physical 1-based line it starts on.
        line: u64,
        /// Bytes of the record (without its line end).
        record: usize,
        /// Bytes to consume (the record and its line end).
        len: usize,
    },
    /// A line with a quote that never closes properly (see the module's rules): its first
    /// `record` bytes are the line; consume `len`; report it as unreadable.
    Unclosed {
        /// Physical 1-based line.
        line: u64,
        /// Bytes of the line (without its line end).
        record: usize,
        /// Bytes to consume.
        len: usize,
        /// 0-based cell where the quote opened.
        cell: usize,
        /// 1-based character column of the quote on that line.
        column: usize,
    },
    /// A record longer than the limit without an open quote: consume `len` (the whole buffer);
    /// the rest of the line is skipped by the following calls. Report it as unreadable.
    TooLong {
        /// Physical 1-based line.
        line: u64,
        /// Bytes to consume.
        len: usize,
    },
    /// Bytes to drop without a record (a blank line, a byte-order mark, the rest of a line too
    /// long).
    Skip {
        /// Bytes to consume.
        len: usize,
    },
    /// The buffer holds no whole record: append more input (or say it ended) and call again.
    NeedMore,
    /// The input ended and everything was given.
    End,
}

/// Where the scan of an unfinished record stopped (positions from the record's start).
#[derive(Debug, Clone, Copy, Default)]
struct Scan {
    pos: usize,
    in_quotes: bool,
    /// Line ends inside quotes so far.
    lines: u64,
    /// The first line end inside quotes: where it starts and how long it is.
    first_end: Option<(usize, usize)>,
    /// Where the quote that crossed the first line end opened.
    quote_at: usize,
    /// Where the current quoted cell opened.
    open_at: usize,
    /// A closing quote followed by other text, in a record that crossed a line end.
    stray: bool,
}

/// Finds where CSV records end, in a buffer the caller owns: call [`next_piece`] with the unread
/// bytes (always starting where the last piece ended), consume what it says, repeat. The scan
/// of an unfinished record resumes where it stopped when more bytes are appended, so feeding a
/// record in small slices costs no rescans.
///
/// ```
/// use calc_core::frontend::flat::{Piece, RecordSplitter};
///
/// let mut s = RecordSplitter::new(1 << 20);
/// let input = b"a,b\r1,2\r";                    // CR-only line ends
/// let Piece::Record { line, record, len } = s.next_piece(input, true) else { panic!() };
/// assert_eq!((line, &input[..record]), (1, &b"a,b"[..]));
/// let rest = &input[len..];
/// let Piece::Record { line, record, .. } = s.next_piece(rest, true) else { panic!() };
/// assert_eq!((line, &rest[..record]), (2, &b"1,2"[..]));
/// ```
///
/// [`next_piece`]: RecordSplitter::next_piece
#[derive(Debug, Clone)]
pub struct RecordSplitter {
    ends: Ends,
    line: u64,
    expected: Option<usize>,
    pub(super) max_record: usize,
    skipping: bool,
    started: bool,
    scan: Scan,
}

impl RecordSplitter {
    /// A splitter for an input starting at line 1; `max_record` bounds a record (bytes).
    #[must_use]
    pub fn new(max_record: usize) -> RecordSplitter {
        RecordSplitter {
            ends: Ends::Unknown,
            line: 1,
            expected: None,
            max_record: max_record.max(1),
            skipping: false,
            started: false,
            scan: Scan::default(),
        }
    }

    /// A splitter for an input whose first line is line `line` of a file (a part of a file cut at
    /// a record's start and read after a header line of its own, as the browser's desk verifies a
    /// CSV file in chunks): lines, and the errors naming them, count from there.
    #[must_use]
    pub fn starting_at(max_record: usize, line: u64) -> RecordSplitter {
        RecordSplitter {
            line: line.max(1),
            ..RecordSplitter::new(max_record)
        }
    }

    /// The number of cells a record must have for a quoted cell in it to run over a line end
    /// (set it to the header's length once the header is read).
    pub fn expect_cells(&mut self, n: usize) {
        self.expected = Some(n);
    }

    /// The physical line the next record starts on.
    #[must_use]
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The next piece of `buf` (the unread input; `eof` when nothing more will come). After a
    /// piece other than `NeedMore`/`End`, the caller drops its `len` bytes from the front and
    /// calls again; after `NeedMore`, it appends bytes (keeping these) and calls again.
    pub fn next_piece(&mut self, buf: &[u8], eof: bool) -> Piece {
        if !self.started {
            if buf.len() < 3 && !eof && b"\xEF\xBB\xBF".starts_with(buf) {
                return Piece::NeedMore;
            }
            self.started = true;
            if buf.starts_with(b"\xEF\xBB\xBF") {
                return Piece::Skip { len: 3 };
            }
        }
        if buf.is_empty() {
            return if eof { Piece::End } else { Piece::NeedMore };
        }
        if self.skipping {
            return self.skip_rest_of_line(buf, eof);
        }
        let mut s = self.scan;
        let n = buf.len();
        let mut i = s.pos;
        while let Some(k) = find(&buf[i..], |b| matches!(b, b'"' | b'\n' | b'\r')) {
            i += k;
            let b = buf[i];
            if s.in_quotes {
                if b == b'"' {
                    match buf.get(i + 1) {
                        Some(b'"') => i += 2,
                        None if !eof => {
                            s.pos = i;
                            return self.pause(buf, s);
                        }
                        after => {
                            s.in_quotes = false;
                            if s.first_end.is_some()
                                && !matches!(after, None | Some(b',' | b'\n' | b'\r'))
                            {
                                s.stray = true;
                            }
                            i += 1;
                        }
                    }
                    continue;
                }
                // A line end inside quotes.
                let len = match (b, buf.get(i + 1)) {
                    (b'\r', Some(b'\n')) => 2,
                    (b'\r', None) if !eof => {
                        s.pos = i;
                        return self.pause(buf, s);
                    }
                    (b'\r', _) if self.ends != Ends::Cr => {
                        i += 1; // a bare CR is a plain character
                        continue;
                    }
                    _ => 1,
                };
                s.lines += 1;
                if s.first_end.is_none() {
                    s.first_end = Some((i, len));
                    s.quote_at = s.open_at;
                }
                i += len;
                continue;
            }
            match b {
                b'"' => {
                    if i == 0 || buf[i - 1] == b',' {
                        s.in_quotes = true;
                        s.open_at = i;
                    }
                    i += 1;
                }
                b'\n' => {
                    if self.ends == Ends::Unknown {
                        self.ends = Ends::Lf;
                    }
                    let record = if i > 0 && buf[i - 1] == b'\r' {
                        i - 1
                    } else {
                        i
                    };
                    return self.record(buf, s, record, i + 1);
                }
                _ => {
                    // b'\r'
                    let lf = match buf.get(i + 1) {
                        Some(c) => *c == b'\n',
                        None if !eof => {
                            s.pos = i;
                            return self.pause(buf, s);
                        }
                        None => false,
                    };
                    if self.ends == Ends::Unknown {
                        self.ends = if lf { Ends::Lf } else { Ends::Cr };
                    }
                    if lf {
                        return self.record(buf, s, i, i + 2);
                    }
                    if self.ends == Ends::Cr {
                        return self.record(buf, s, i, i + 1);
                    }
                    i += 1; // a bare CR inside a cell of a LF file
                }
            }
        }
        // The buffer ends inside the record.
        s.pos = n;
        if eof {
            if s.in_quotes {
                return self.unclosed(buf, s, n);
            }
            return self.record(buf, s, n, n);
        }
        self.pause(buf, s)
    }

    /// No record end yet: wait for more, unless the record is already too long.
    fn pause(&mut self, buf: &[u8], s: Scan) -> Piece {
        let n = buf.len();
        if n <= self.max_record {
            self.scan = s;
            return Piece::NeedMore;
        }
        if s.first_end.is_some() {
            return self.unclosed_at_first_end(buf, s);
        }
        self.scan = Scan::default();
        self.skipping = true;
        let line = self.line;
        Piece::TooLong { line, len: n }
    }

    fn skip_rest_of_line(&mut self, buf: &[u8], eof: bool) -> Piece {
        match find(buf, |b| matches!(b, b'\n' | b'\r')) {
            Some(i) => {
                let len = if buf[i] == b'\r' {
                    match buf.get(i + 1) {
                        Some(b'\n') => i + 2,
                        Some(_) => {
                            if self.ends == Ends::Lf {
                                return Piece::Skip { len: i + 1 };
                            }
                            i + 1
                        }
                        None if !eof => {
                            if i == 0 {
                                return Piece::NeedMore;
                            }
                            return Piece::Skip { len: i };
                        }
                        None => i + 1,
                    }
                } else {
                    i + 1
                };
                self.skipping = false;
                self.line += 1;
                Piece::Skip { len }
            }
            None => {
                if eof {
                    self.skipping = false;
                }
                Piece::Skip { len: buf.len() }
            }
        }
    }

    /// A record ends at `record`, its line end at `len`.
    fn record(&mut self, buf: &[u8], s: Scan, record: usize, len: usize) -> Piece {
        if s.first_end.is_some() {
            let cells_ok = self
                .expected
                .is_none_or(|n| count_cells(&buf[..record]) == n);
            if s.stray || !cells_ok || record > self.max_record {
                return self.unclosed_at_first_end(buf, s);
            }
        }
        self.scan = Scan::default();
        let line = self.line;
        let ended = u64::from(len > record);
        self.line += s.lines + ended;
        if record > self.max_record {
            // Whole in the buffer, but as refused as when it arrives in slices.
            return Piece::TooLong { line, len };
        }
        if buf[..record].iter().all(|b| matches!(b, b' ' | b'\t')) {
            return Piece::Skip { len };
        }
        Piece::Record { line, record, len }
    }

    fn unclosed_at_first_end(&mut self, buf: &[u8], s: Scan) -> Piece {
        let (at, end_len) = s.first_end.unwrap_or((s.pos, 0));
        self.scan = Scan::default();
        let line = self.line;
        self.line += 1;
        let (cell, column) = quote_position(buf, s.quote_at);
        Piece::Unclosed {
            line,
            record: at,
            len: at + end_len,
            cell,
            column,
        }
    }

    /// The input ended inside quotes.
    fn unclosed(&mut self, buf: &[u8], s: Scan, n: usize) -> Piece {
        if s.first_end.is_some() {
            return self.unclosed_at_first_end(buf, s);
        }
        self.scan = Scan::default();
        let line = self.line;
        let (cell, column) = quote_position(buf, s.open_at);
        Piece::Unclosed {
            line,
            record: n,
            len: n,
            cell,
            column,
        }
    }
}

/// The 0-based cell and the 1-based character column of a quote at byte `at` of a record.
fn quote_position(buf: &[u8], at: usize) -> (usize, usize) {
    let before = &buf[..at.min(buf.len())];
    (
        count_cells(before).saturating_sub(1),
        String::from_utf8_lossy(before).chars().count() + 1,
    )
}

/// The first byte of `bytes` that `hit` accepts (a plain loop: calc-core stays free of
/// dependencies the browser page would carry).
fn find(bytes: &[u8], hit: impl Fn(u8) -> bool) -> Option<usize> {
    bytes.iter().position(|b| hit(*b))
}

/// The number of cells of one record (its bytes without the line end): the cells
/// [`split_cells`] gives — one rule of cells for splitting and counting. Only a record that
/// crossed a line end inside quotes is counted (to tell a quoted line end from an unclosed
/// quote), so the cells it builds cost nothing on the usual path.
fn count_cells(record: &[u8]) -> usize {
    let mut cells = Vec::new();
    split_cells(record, &mut cells);
    cells.len()
}

/// Splits one record (its bytes without the line end, as [`RecordSplitter`] gives them) into
/// cells, appended to `out`: unquoted cells and quoted cells without `""` borrow from `record`.
pub fn split_cells<'a>(record: &'a [u8], out: &mut Vec<Cow<'a, [u8]>>) {
    let mut i = 0;
    loop {
        if record.get(i) == Some(&b'"') {
            // A quoted cell.
            let open = i + 1;
            let mut j = open;
            let mut owned: Option<Vec<u8>> = None;
            loop {
                match find(&record[j..], |b| b == b'"') {
                    None => {
                        // Unclosed (only at the end of the input): the rest is the cell.
                        push_part(&mut owned, record, open, j, record.len());
                        j = record.len();
                        break;
                    }
                    Some(k) => {
                        let q = j + k;
                        if record.get(q + 1) == Some(&b'"') {
                            let v = owned.get_or_insert_with(Vec::new);
                            if v.is_empty() {
                                v.extend_from_slice(&record[open..q + 1]);
                            } else {
                                v.extend_from_slice(&record[j..q + 1]);
                            }
                            j = q + 2;
                            continue;
                        }
                        push_part(&mut owned, record, open, j, q);
                        j = q + 1;
                        break;
                    }
                }
            }
            // Text after the closing quote, up to the next comma, is kept.
            let end =
                find(&record[j.min(record.len())..], |b| b == b',').map_or(record.len(), |k| j + k);
            let inner_end = j.saturating_sub(1).max(open);
            if end > j {
                let v = owned.get_or_insert_with(|| record[open..inner_end].to_vec());
                v.extend_from_slice(&record[j..end]);
            }
            out.push(match owned {
                Some(v) => Cow::Owned(v),
                None => Cow::Borrowed(&record[open..inner_end.min(record.len())]),
            });
            if end >= record.len() {
                return;
            }
            i = end + 1;
        } else {
            let end = find(&record[i..], |b| b == b',').map_or(record.len(), |k| i + k);
            out.push(Cow::Borrowed(&record[i..end]));
            if end >= record.len() {
                return;
            }
            i = end + 1;
        }
    }
}

/// Appends `record[from..to]` to the owned cell, if there is one (the first part of a cell
/// with `""` starts at `open`).
fn push_part(owned: &mut Option<Vec<u8>>, record: &[u8], open: usize, from: usize, to: usize) {
    if let Some(v) = owned {
        if v.is_empty() {
            v.extend_from_slice(&record[open..to]);
        } else {
            v.extend_from_slice(&record[from..to]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_split_as_rfc_4180_says() {
        let mut out = Vec::new();
        split_cells(b"a,\"b,c\",\"d\"\"e\",\"f\"g,,5\" tablet", &mut out);
        let got: Vec<&[u8]> = out.iter().map(|c| c.as_ref()).collect();
        let want: Vec<&[u8]> = vec![b"a", b"b,c", b"d\"e", b"fg", b"", b"5\" tablet"];
        assert_eq!(got, want);
        out.clear();
        split_cells(b"", &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(count_cells(b"a,\"b,c\",d"), 3);
    }
}
