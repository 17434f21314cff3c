//! Readers over the tokenizer: [`CsvReader`] owns a buffer — push bytes as they come (a browser
//! worker feeds a `File` slice by slice), take records out; [`ClaimReader`] adds the header and
//! gives claims; [`csv_records`] reads a whole text. The rules of records and cells (line ends,
//! quotes, an unclosed quote, UTF-8) are in [`super::tokenizer`].

use super::tokenizer::{split_cells, Piece, RecordSplitter};
use super::ClaimHeaders;
use crate::error::Error;
use crate::verify::ParsedClaim;

/// The message for a record that is not UTF-8 (`cell`: its column name, when known).
#[must_use]
pub fn not_utf8_error(cell: &str, at_byte: usize) -> Error {
    Error::new(
        cell,
        &format!(
            "不是 UTF-8 文本（第 {at_byte} 字节处）。若文件由 Excel 保存，请另存为“CSV UTF-8（逗号分隔）”"
        ),
        &format!(
            "is not UTF-8 text (at byte {at_byte}). If Excel saved the file, save it as \"CSV UTF-8 (comma delimited)\""
        ),
    )
}

/// The report error of an [`Piece::Unclosed`] line (`name`: the cell's column name, if known).
#[must_use]
pub fn unclosed_quote_error(line: u64, name: &str, column: usize) -> Error {
    Error::new(
        name,
        &format!(
            "第 {line} 行第 {column} 个字符处的引号没有闭合：该行无法读取，已从下一行继续读取"
        ),
        &format!(
            "the quote at line {line}, column {column} is never closed: this line cannot be read; reading resumed on the next line"
        ),
    )
}

/// The report error of a [`Piece::TooLong`] record.
#[must_use]
pub fn too_long_error(line: u64, limit: usize) -> Error {
    let shown = if limit & ((1 << 20) - 1) == 0 {
        format!("{} MiB", limit >> 20)
    } else {
        format!("{} KiB", limit.div_ceil(1 << 10))
    };
    Error::new(
        "",
        &format!("第 {line} 行超过 {shown}，已跳过"),
        &format!("line {line} is longer than {shown} and was skipped"),
    )
}

/// One record read by [`CsvReader`]: its cells, or why it cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRecord {
    /// Physical 1-based line the record starts on.
    pub line: u64,
    /// The cells (UTF-8), or the error to report for this record (path: the cell's 0-based
    /// index is in [`CsvRecord::cell`]).
    pub cells: Result<Vec<String>, Error>,
    /// For an error: the 0-based cell it is in, when known.
    pub cell: Option<usize>,
}

/// An incremental CSV reader: push bytes as they come, take records out. Memory holds the
/// unread bytes (at most about one record beyond what was pushed).
///
/// ```
/// use calc_core::frontend::flat::CsvReader;
///
/// let mut r = CsvReader::new();
/// r.push(b"id,year\r\nc-1,20");          // a slice of a file
/// let header = r.next_record().expect("the header is complete");
/// assert_eq!(header.cells?, ["id", "year"]);
/// assert!(r.next_record().is_none());     // c-1's record is not complete yet
/// r.push(b"26\r\n");
/// r.finish();                            // the file ended
/// let rec = r.next_record().expect("c-1");
/// assert_eq!((rec.line, rec.cells?), (2, vec!["c-1".to_string(), "2026".into()]));
/// assert!(r.next_record().is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct CsvReader {
    buf: Vec<u8>,
    start: usize,
    eof: bool,
    split: RecordSplitter,
}

/// The longest record [`CsvReader::new`] accepts (1 MiB; a claim record is a few hundred bytes).
pub const CSV_MAX_RECORD: usize = 1 << 20;

impl Default for CsvReader {
    fn default() -> CsvReader {
        CsvReader::new()
    }
}

impl CsvReader {
    /// A reader for a new input, records up to [`CSV_MAX_RECORD`] bytes.
    #[must_use]
    pub fn new() -> CsvReader {
        CsvReader::with_max_record(CSV_MAX_RECORD)
    }

    /// A reader whose records may be up to `max_record` bytes.
    #[must_use]
    pub fn with_max_record(max_record: usize) -> CsvReader {
        CsvReader {
            buf: Vec::new(),
            start: 0,
            eof: false,
            split: RecordSplitter::new(max_record),
        }
    }

    /// A reader whose input's first line is line `line` of a file (see
    /// [`RecordSplitter::starting_at`]).
    #[must_use]
    pub fn starting_at(line: u64) -> CsvReader {
        CsvReader {
            split: RecordSplitter::starting_at(CSV_MAX_RECORD, line),
            ..CsvReader::new()
        }
    }

    /// Appends the next bytes of the input.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.start > 0 && self.start >= self.buf.len() / 2 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// Says the input ended: the last record may lack its line end.
    pub fn finish(&mut self) {
        self.eof = true;
    }

    /// The number of cells a record must have for a quoted cell in it to run over a line end
    /// (see the module's rules; [`ClaimReader`] sets it from the header).
    pub fn expect_cells(&mut self, n: usize) {
        self.split.expect_cells(n);
    }

    /// The next record, or `None` when more input is needed (or, after [`finish`], at the
    /// end).
    ///
    /// [`finish`]: CsvReader::finish
    pub fn next_record(&mut self) -> Option<CsvRecord> {
        loop {
            let buf = &self.buf[self.start..];
            match self.split.next_piece(buf, self.eof) {
                Piece::NeedMore | Piece::End => return None,
                Piece::Skip { len } => self.start += len,
                Piece::TooLong { line, len } => {
                    self.start += len;
                    return Some(CsvRecord {
                        line,
                        cells: Err(too_long_error(line, self.split.max_record)),
                        cell: None,
                    });
                }
                Piece::Unclosed {
                    line,
                    len,
                    cell,
                    column,
                    ..
                } => {
                    self.start += len;
                    return Some(CsvRecord {
                        line,
                        cells: Err(unclosed_quote_error(line, "", column)),
                        cell: Some(cell),
                    });
                }
                Piece::Record { line, record, len } => {
                    let rec = &buf[..record];
                    let mut parts = Vec::new();
                    split_cells(rec, &mut parts);
                    let mut cells = Vec::with_capacity(parts.len());
                    let mut bad = None;
                    for (i, p) in parts.into_iter().enumerate() {
                        match String::from_utf8(p.into_owned()) {
                            Ok(s) => cells.push(s),
                            Err(e) => {
                                bad = Some((i, e.utf8_error().valid_up_to() + 1));
                                break;
                            }
                        }
                    }
                    self.start += len;
                    return Some(match bad {
                        None => CsvRecord {
                            line,
                            cells: Ok(cells),
                            cell: None,
                        },
                        Some((i, at)) => CsvRecord {
                            line,
                            cells: Err(not_utf8_error("", at)),
                            cell: Some(i),
                        },
                    });
                }
            }
        }
    }
}

/// Claims from CSV bytes pushed as they come: the header row first (checked once), then one
/// result per record, each with its physical line.
///
/// ```
/// use calc_core::frontend::flat::ClaimReader;
///
/// let mut r = ClaimReader::new();
/// r.push("id,year,legal_form,community_based,service_modes,filed_with_health_commission\n\
///         c-1,2026,enterprise,true,full_day,true\n\
///         c-2,\"2026,enterprise\n".as_bytes()); // an unclosed quote
/// r.push(b"c-3,2026,enterprise,true,full_day,true\n");
/// r.finish();
/// let mut lines = Vec::new();
/// while let Some((line, claim)) = r.next_claim()? {
///     lines.push((line, claim.is_ok()));
/// }
/// assert_eq!(lines, [(2, true), (3, false), (4, true)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ClaimReader {
    csv: CsvReader,
    headers: Option<ClaimHeaders>,
    refused: Option<Error>,
}

impl ClaimReader {
    /// A reader for a new CSV file of claims.
    #[must_use]
    pub fn new() -> ClaimReader {
        ClaimReader::default()
    }

    /// A reader for a part of a CSV file that starts at a record's start on line `line` of the
    /// file, fed a header line of its own first (so `line` is that header's): claims and the
    /// errors naming a line give the file's lines.
    #[must_use]
    pub fn starting_at(line: u64) -> ClaimReader {
        ClaimReader {
            csv: CsvReader::starting_at(line),
            ..ClaimReader::default()
        }
    }

    /// Appends the next bytes of the file.
    pub fn push(&mut self, bytes: &[u8]) {
        self.csv.push(bytes);
    }

    /// Says the file ended.
    pub fn finish(&mut self) {
        self.csv.finish();
    }

    /// The header, once read.
    #[must_use]
    pub fn headers(&self) -> Option<&ClaimHeaders> {
        self.headers.as_ref()
    }

    /// The next claim with its line (`Ok(None)`: more input needed, or the end after
    /// [`finish`]). A record that cannot be read is an `Err` claim naming the column.
    ///
    /// # Errors
    /// The header row cannot be used (not UTF-8, unknown or missing columns, or the file is
    /// empty once finished): nothing in the file can be read; report it once (later calls
    /// return the same error).
    ///
    /// [`finish`]: ClaimReader::finish
    pub fn next_claim(&mut self) -> Result<Option<(u64, ParsedClaim)>, Error> {
        if let Some(e) = &self.refused {
            return Err(e.clone());
        }
        let Some(h) = &self.headers else {
            let Some(rec) = self.csv.next_record() else {
                if self.csv.eof {
                    return Err(Error::new(
                        "",
                        "CSV 文件是空的：第一行应为列名（可下载申报模板）",
                        "the CSV file is empty: its first row must name the columns (download the claims template)",
                    ));
                }
                return Ok(None);
            };
            let h = rec.cells.and_then(|cells| {
                let names: Vec<&str> = cells.iter().map(String::as_str).collect();
                ClaimHeaders::new(&names)
            });
            let h = match h {
                Ok(h) => h,
                Err(e) => {
                    self.refused = Some(e.clone());
                    return Err(e);
                }
            };
            self.csv.expect_cells(h.len());
            self.headers = Some(h);
            return self.next_claim();
        };
        let Some(rec) = self.csv.next_record() else {
            return Ok(None);
        };
        let name = |i: Option<usize>| {
            i.and_then(|i| h.headings().get(i))
                .map_or(String::new(), String::clone)
        };
        let claim = match rec.cells {
            Ok(cells) => {
                let fields: Vec<&str> = cells.iter().map(String::as_str).collect();
                h.claim(&fields)
                    .map_err(|e| (h.id_of(&fields).map(str::to_string), e))
            }
            Err(e) => Err((None, rename(e, &name(rec.cell)))),
        };
        Ok(Some((rec.line, claim)))
    }
}

/// The same error with `path` as its path (an error built before the column was known).
#[must_use]
fn rename(e: Error, path: &str) -> Error {
    if path.is_empty() || !e.path().is_empty() {
        return e;
    }
    e.at(path)
}

/// Reads a whole CSV text into records with [`CsvReader`] (the rules are in its module: RFC 4180
/// quoting, `\n`, `\r\n` or CR-only line ends, a leading byte-order mark and blank lines skipped,
/// an unclosed quote reported on its line without swallowing the rows after it). Each record
/// comes with the physical, 1-based line it starts on. For a file read slice by slice, use
/// [`CsvReader`] or [`ClaimReader`] directly.
#[must_use]
pub fn csv_records(text: &str) -> CsvRecords {
    let mut reader = CsvReader::with_max_record(text.len().max(CSV_MAX_RECORD));
    reader.push(text.as_bytes());
    reader.finish();
    CsvRecords { reader }
}

/// Iterator of [`csv_records`].
#[derive(Debug, Clone)]
pub struct CsvRecords {
    reader: CsvReader,
}

impl Iterator for CsvRecords {
    type Item = CsvRecord;

    fn next(&mut self) -> Option<CsvRecord> {
        self.reader.next_record()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontend::flat::csv_line;

    fn ok(r: CsvRecord) -> (u64, Vec<String>) {
        (r.line, r.cells.expect("a readable record"))
    }

    #[test]
    fn a_reader_starting_at_a_line_names_the_files_lines() {
        // A part of a file from line 41, read after a header line of its own (line 40).
        let mut r = ClaimReader::starting_at(40);
        r.push(b"id,year,legal_form,community_based,service_modes,filed_with_health_commission\n");
        r.push(
            b"c-1,2026,enterprise,true,full_day,true\nc-2,\"2026,enterprise,true,full_day,true\n",
        );
        r.finish();
        let (line, claim) = r.next_claim().expect("a header").expect("a claim");
        assert_eq!((line, claim.is_ok()), (41, true));
        let (line, claim) = r.next_claim().expect("a header").expect("a claim");
        let e = claim.expect_err("an unclosed quote").1;
        assert_eq!(line, 42);
        assert!(e.message_en().contains("line 42,"), "{}", e.message_en());
    }

    #[test]
    fn csv_records_follow_rfc_4180() {
        let text = "\u{feff}a,b,c\r\n1,\"x, \"\"y\"\"\",3\n\n\"multi\nline\",,\n4,5,6";
        let recs: Vec<_> = csv_records(text).map(ok).collect();
        assert_eq!(recs[0], (1, vec!["a".to_string(), "b".into(), "c".into()]));
        assert_eq!(
            recs[1],
            (2, vec!["1".to_string(), "x, \"y\"".into(), "3".into()])
        );
        assert_eq!(
            recs[2],
            (
                4,
                vec!["multi\nline".to_string(), String::new(), String::new()]
            )
        );
        assert_eq!(recs[3], (6, vec!["4".to_string(), "5".into(), "6".into()]));
        assert_eq!(recs.len(), 4);
        // What csv_line writes, csv_records reads back.
        let cells = ["a,b", "say \"hi\"", "two\nlines", ""];
        let back: Vec<_> = csv_records(&csv_line(&cells)).map(ok).collect();
        assert_eq!(
            back,
            vec![(1, cells.iter().map(|c| c.to_string()).collect::<Vec<_>>())]
        );
    }

    #[test]
    fn every_record_of_the_example_csv_file_is_as_wide_as_its_header() {
        // fixtures/claims.csv: every record has the header's number of cells.
        let text = include_str!("../../../../fixtures/claims.csv");
        let mut recs = csv_records(text).map(ok);
        let (_, header) = recs.next().expect("header");
        let mut n = 0;
        for (line, r) in recs {
            assert_eq!(r.len(), header.len(), "line {line}");
            n += 1;
        }
        assert!(n > 5);
    }

    /// (line, cells or the error's English text) of every record, the text pushed in slices of
    /// `step` bytes.
    fn read(
        text: &[u8],
        step: usize,
        expect: Option<usize>,
    ) -> Vec<(u64, Result<Vec<String>, String>)> {
        let mut r = CsvReader::with_max_record(64);
        if let Some(n) = expect {
            r.expect_cells(n);
        }
        let mut out = Vec::new();
        for part in text.chunks(step.max(1)) {
            r.push(part);
            while let Some(rec) = r.next_record() {
                out.push((rec.line, rec.cells.map_err(|e| e.message_en().to_string())));
            }
        }
        r.finish();
        while let Some(rec) = r.next_record() {
            out.push((rec.line, rec.cells.map_err(|e| e.message_en().to_string())));
        }
        out
    }

    fn same_in_every_slicing(
        text: &[u8],
        expect: Option<usize>,
    ) -> Vec<(u64, Result<Vec<String>, String>)> {
        let whole = read(text, text.len(), expect);
        for step in [1, 2, 3, 7] {
            assert_eq!(read(text, step, expect), whole, "slices of {step}");
        }
        whole
    }

    fn cells(v: &[&str]) -> Result<Vec<String>, String> {
        Ok(v.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn cr_only_line_ends_give_every_row() {
        let got = same_in_every_slicing(b"a,b\r1,2\r3,4\r\r5,6", None);
        assert_eq!(
            got,
            [
                (1, cells(&["a", "b"])),
                (2, cells(&["1", "2"])),
                (3, cells(&["3", "4"])),
                (5, cells(&["5", "6"])),
            ]
        );
    }

    #[test]
    fn a_bare_cr_inside_a_cell_of_a_lf_file_is_a_character_not_a_row() {
        let got = same_in_every_slicing(b"a,b\r\n1,x\ry\r\n3,4\n", None);
        assert_eq!(
            got,
            [
                (1, cells(&["a", "b"])),
                (2, cells(&["1", "x\ry"])),
                (3, cells(&["3", "4"])),
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_costs_its_own_line_only() {
        let got = same_in_every_slicing(b"a,b\n1,\"open\n2,3\n4,5\n", Some(2));
        assert_eq!(got.len(), 4);
        assert_eq!(got[1].0, 2);
        let e = got[1].1.clone().unwrap_err();
        assert!(e.contains("line 2, column 3"), "{e}");
        assert_eq!(got[2], (3, cells(&["2", "3"])));
        assert_eq!(got[3], (4, cells(&["4", "5"])));
        // A later quoted cell does not close it either (the closing quote is followed by text).
        let got = same_in_every_slicing(b"a,b\n1,\"open\n2,3\n\"x y\",5\n", Some(2));
        assert_eq!(got.len(), 4);
        assert!(got[1].1.is_err());
        assert_eq!(got[2], (3, cells(&["2", "3"])));
        assert_eq!(got[3], (4, cells(&["x y", "5"])));
        // The last line, unclosed at the end of the input.
        let got = same_in_every_slicing(b"a,b\n1,\"open", Some(2));
        assert_eq!(got.len(), 2);
        assert!(got[1].1.is_err());
    }

    #[test]
    fn a_proper_multiline_cell_is_kept() {
        let got = same_in_every_slicing(b"a,b\n\"two\nlines\",\"x\"\"y\"\n3,4\n", Some(2));
        assert_eq!(
            got,
            [
                (1, cells(&["a", "b"])),
                (2, cells(&["two\nlines", "x\"y"])),
                (4, cells(&["3", "4"])),
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_past_the_limit_resumes_on_the_next_line() {
        let mut text = b"a,b\n1,\"open\n".to_vec();
        for i in 0..20 {
            text.extend_from_slice(format!("{i},x\n").as_bytes());
        }
        let got = same_in_every_slicing(&text, None);
        assert_eq!(got.len(), 22, "{got:?}");
        assert!(got[1].1.is_err());
        assert_eq!(got[21], (22, cells(&["19", "x"])));
    }

    #[test]
    fn a_long_line_is_reported_and_skipped() {
        let mut text = b"a,b\n".to_vec();
        text.extend_from_slice(&[b'x'; 200]);
        text.extend_from_slice(b"\n1,2\n");
        let got = same_in_every_slicing(&text, None);
        assert_eq!(got.len(), 3);
        assert!(got[1].1.as_ref().unwrap_err().contains("line 2"));
        assert_eq!(got[2], (3, cells(&["1", "2"])));
    }

    #[test]
    fn bom_blank_lines_and_not_utf8() {
        let got = same_in_every_slicing(b"\xEF\xBB\xBFa,b\n \n1,\xC4\xE3\n", None);
        assert_eq!(got[0], (1, cells(&["a", "b"])));
        assert_eq!(got[1].0, 3);
        assert!(got[1].1.as_ref().unwrap_err().contains("CSV UTF-8"));
        assert_eq!(got.len(), 2);
    }
}

#[cfg(test)]
mod claim_reader_tests {
    use super::*;

    #[test]
    fn a_refused_header_stays_refused() {
        let mut r = ClaimReader::new();
        r.push(b"id,colour\nc-1,red\nid,year\n");
        r.finish();
        let e = r.next_claim().unwrap_err();
        assert!(
            e.message_en().contains("unknown columns: colour"),
            "{}",
            e.message_en()
        );
        assert!(
            e.message_en().contains("required columns missing: year"),
            "{}",
            e.message_en()
        );
        assert_eq!(r.next_claim().unwrap_err(), e);
    }
}
