//! Excel workbooks: claims in (calamine), reports out (rust_xlsxwriter), and the claims template.
//!
//! Claims come from the first sheet (or a named one), header row in Chinese or English — the
//! columns of the CSV form ([`calc_core::frontend::flat`]). Each sheet row is turned into a CSV record on
//! its own line, so a report's `line` is the **Excel row number**, and the batch reads it with the
//! one CSV tokenizer. Cells typed as numbers, dates and text read alike: the number 1200000, the
//! text "1200000" and the text "1,200,000" are the same amount; a date cell (or a bare date serial
//! in a date column) becomes `YYYY-MM-DD`. A line break inside a text cell becomes a space.
//!
//! Reports are written as values — numbers for the line and the amounts (shown as
//! [`flat::MONEY_FORMAT`]), text for the rest, without the CSV's `'` guard — never as formulas,
//! so a cell starting with `=` stays text; the sheet is named in the language of the headings
//! ([`flat::report_sheet_name`]: 核对结果, Verification).

use calamine::{open_workbook_auto, Data, Reader};
use calc_core::frontend::flat::{self, Cell, Piece, RecordSplitter, SheetCsv};
use rust_xlsxwriter::{Format as XlsxFormat, Workbook, XlsxError};
use std::io::{self, Read, Write};
use std::path::Path;

/// The claims of a workbook's sheet as CSV text (one record per sheet row, on that row's line).
///
/// # Errors
/// The file cannot be opened as a workbook, the sheet does not exist or cannot be read.
pub fn claims_as_csv(path: &Path, sheet: Option<&str>) -> Result<Box<dyn Read + Send>, String> {
    let mut wb = open_workbook_auto(path)
        .map_err(|e| format!("cannot read {} as an Excel workbook: {e}", path.display()))?;
    let names = wb.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| {
                format!(
                    "{} has no sheet named {s:?}; its sheets are: {}",
                    path.display(),
                    names.join(", ")
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| format!("{} has no sheet", path.display()))?,
    };
    let range = wb
        .worksheet_range(&name)
        .map_err(|e| format!("cannot read the sheet {name:?} of {}: {e}", path.display()))?;
    let first_row = range.start().map_or(0, |(r, _)| r);
    let mut sheet = SheetCsv::new();
    for (r, row) in range.rows().enumerate() {
        let r = first_row.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
        for (c, cell) in row.iter().enumerate() {
            sheet.cell(r, c, &cell_of(cell));
        }
    }
    Ok(Box::new(io::Cursor::new(sheet.finish().into_bytes())))
}

/// A calamine cell as calc-core's [`Cell`] (whose rules make it a claim field).
fn cell_of(c: &Data) -> Cell<'_> {
    match c {
        Data::Empty => Cell::Empty,
        Data::String(s) | Data::DurationIso(s) => Cell::Text(s),
        Data::Int(i) => Cell::Int(*i),
        Data::Float(f) => Cell::Float(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => {
            let (year, month, day, ..) = d.to_ymd_hms_milli();
            Cell::Date {
                year: i32::from(year),
                month: u32::from(month),
                day: u32::from(day),
            }
        }
        Data::DateTimeIso(s) => Cell::IsoDate(s),
        Data::Error(e) => Cell::Error(format!("{e:?}").into()),
    }
}

/// Receives the CSV bytes of the report file (header first) and writes them into a worksheet;
/// [`Write::flush`] saves the workbook into the inner writer (once).
pub struct XlsxSink {
    inner: Box<dyn Write + Send>,
    workbook: Workbook,
    buf: Vec<u8>,
    split: RecordSplitter,
    row: u32,
    /// Per column: a number, and money.
    numeric: Vec<(bool, bool)>,
    saved: bool,
}

/// The most rows a worksheet holds.
const MAX_ROWS: u32 = 1_048_576;

impl XlsxSink {
    /// A sink that will save a workbook of reports into `inner`.
    ///
    /// # Errors
    /// The worksheet cannot be made (its temporary file).
    pub fn new(inner: Box<dyn Write + Send>) -> Result<XlsxSink, String> {
        let mut workbook = Workbook::new();
        let ws = workbook
            .add_worksheet_with_constant_memory()
            .map_err(|e| format!("cannot start the workbook: {e}"))?;
        ws.set_name("核对结果")
            .map_err(|e| format!("cannot start the workbook: {e}"))?;
        Ok(XlsxSink {
            inner,
            workbook,
            buf: Vec::new(),
            split: RecordSplitter::new(64 << 20),
            row: 0,
            numeric: Vec::new(),
            saved: false,
        })
    }

    fn rows(&mut self, eof: bool) -> Result<(), XlsxError> {
        let mut at = 0;
        let bold = XlsxFormat::new().set_bold();
        let money = XlsxFormat::new().set_num_format(flat::MONEY_FORMAT);
        loop {
            match self.split.next_piece(&self.buf[at..], eof) {
                Piece::Record { record, len, .. } | Piece::Unclosed { record, len, .. } => {
                    let mut cells = Vec::new();
                    flat::split_cells(&self.buf[at..at + record], &mut cells);
                    let ws = self.workbook.worksheet_from_index(0)?;
                    if self.row >= MAX_ROWS {
                        return Err(XlsxError::RowColumnLimitError);
                    }
                    for (col, c) in cells.iter().enumerate() {
                        let text = String::from_utf8_lossy(c);
                        let col_n = u16::try_from(col).unwrap_or(u16::MAX);
                        if self.row == 0 {
                            ws.write_string_with_format(0, col_n, text.as_ref(), &bold)?;
                            continue;
                        }
                        let (num, is_money) =
                            self.numeric.get(col).copied().unwrap_or((false, false));
                        match flat::exact_number(&text).filter(|_| num) {
                            Some(f) if is_money => {
                                ws.write_number_with_format(self.row, col_n, f, &money)?
                            }
                            Some(f) => ws.write_number(self.row, col_n, f)?,
                            _ if text.is_empty() => ws,
                            _ => ws.write_string(self.row, col_n, text.as_ref())?,
                        };
                    }
                    if self.row == 0 {
                        self.numeric = cells
                            .iter()
                            .map(|c| {
                                let h = String::from_utf8_lossy(c);
                                (flat::is_number_column(&h), flat::is_money_column(&h))
                            })
                            .collect();
                        ws.set_freeze_panes(1, 0)?;
                        let first = cells.first().map(|c| String::from_utf8_lossy(c));
                        ws.set_name(flat::report_sheet_name(first.as_deref().unwrap_or("")))?;
                    }
                    self.row += 1;
                    at += len;
                }
                Piece::Skip { len } | Piece::TooLong { len, .. } => at += len,
                Piece::NeedMore | Piece::End => break,
            }
        }
        self.buf.drain(..at);
        Ok(())
    }
}

fn xlsx_err(e: XlsxError) -> io::Error {
    io::Error::other(format!("cannot write the workbook: {e}"))
}

impl Write for XlsxSink {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() > 1 << 20 {
            self.rows(false).map_err(xlsx_err)?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.saved {
            return self.inner.flush();
        }
        self.rows(true).map_err(xlsx_err)?;
        self.saved = true;
        self.workbook
            .save_to_writer(&mut self.inner)
            .map_err(xlsx_err)?;
        self.inner.flush()
    }
}

/// Writes the claims template as a workbook: sheet 1 "申报" with the Chinese header row of every
/// column the reader accepts ([`flat::template_columns`]) and the example row to overwrite;
/// sheet 2 "填写说明" explains every column in Chinese and English ([`flat::template_notes`]).
///
/// # Errors
/// The workbook cannot be written.
pub fn template_xlsx(out: &mut (dyn Write + Send)) -> Result<(), String> {
    let err = |e: XlsxError| format!("cannot write the template: {e}");
    let mut wb = Workbook::new();
    let bold = XlsxFormat::new().set_bold();
    let wrap = XlsxFormat::new().set_text_wrap();
    {
        let ws = wb.add_worksheet().set_name("申报").map_err(err)?;
        let (headings, example) = flat::template_rows();
        let numbers = flat::template_example_numbers();
        for (i, ((h, cell), number)) in headings.iter().zip(&example).zip(numbers).enumerate() {
            let col = u16::try_from(i).unwrap_or(u16::MAX);
            ws.write_string_with_format(0, col, h, &bold).map_err(err)?;
            ws.set_column_width(col, 16).map_err(err)?;
            match number {
                Some(f) => ws.write_number(1, col, f).map_err(err)?,
                None if cell.is_empty() => ws,
                None => ws.write_string(1, col, cell).map_err(err)?,
            };
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
    }
    {
        let ws = wb.add_worksheet().set_name("填写说明").map_err(err)?;
        for (r, row) in flat::template_notes().iter().enumerate() {
            let r = u32::try_from(r).unwrap_or(u32::MAX);
            for (c, text) in row.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                if r == 0 {
                    ws.write_string_with_format(r, c, text, &bold)
                        .map_err(err)?;
                } else if c >= 3 {
                    ws.write_string_with_format(r, c, text, &wrap)
                        .map_err(err)?;
                } else {
                    ws.write_string(r, c, text).map_err(err)?;
                }
            }
        }
        ws.set_column_width(0, 22).map_err(err)?;
        ws.set_column_width(1, 30).map_err(err)?;
        ws.set_column_width(3, 60).map_err(err)?;
        ws.set_column_width(4, 50).map_err(err)?;
    }
    wb.save_to_writer(out).map_err(err)
}

/// The claims template as CSV ([`flat::template_csv`]: UTF-8 with a byte-order mark, so Excel
/// opens it right; the Chinese header row and the example row). The columns are explained in
/// the xlsx template's second sheet and in `tuoyu batch --help`.
#[must_use]
pub fn template_csv() -> String {
    flat::template_csv()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calamine_cells_map_onto_the_shared_rules() {
        let t = |d: &Data, date: bool| flat::cell_text(&cell_of(d), date);
        assert_eq!(t(&Data::Float(1_200_000.0), false), "1200000");
        assert_eq!(t(&Data::String("1,200,000".into()), false), "1,200,000");
        assert_eq!(t(&Data::Float(46082.0), true), "2026-03-01");
        assert_eq!(t(&Data::Int(7), false), "7");
        assert_eq!(t(&Data::Bool(true), false), "true");
        assert_eq!(t(&Data::Empty, false), "");
        assert_eq!(
            t(&Data::Error(calamine::CellErrorType::Div0), false),
            "#Div0"
        );
    }
}
