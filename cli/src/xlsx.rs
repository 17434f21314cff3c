//! Excel workbooks: claims in (calamine), reports out (rust_xlsxwriter), and the claims template.
//!
//! Claims come from the first sheet (or a named one), header row in Chinese or English — the
//! columns of the CSV form ([`calc_core::frontend::flat`]). Each sheet row is turned into a CSV record on
//! its own line, so a report's `line` is the **Excel row number**, and the batch reads it with the
//! one CSV tokenizer. Cells typed as numbers, dates and text read alike: the number 1200000, the
//! text "1200000" and the text "1,200,000" are the same amount; a date cell (or a bare date serial
//! in a date column) becomes `YYYY-MM-DD`. A line break inside a text cell becomes a space.
//!
//! Reports are written as values — numbers for the line and the amounts, text for the rest —
//! never as formulas, so a cell starting with `=` stays text.

use calamine::{open_workbook_auto, Data, Reader};
use calc_core::frontend::flat::{
    self, Cell, Piece, RecordSplitter, SheetCsv, CLAIM_COLUMNS, CLAIM_COLUMNS_ZH,
};
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
    numeric: Vec<bool>,
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
                        let num = self.numeric.get(col).copied().unwrap_or(false);
                        match text.parse::<f64>().ok().filter(|_| num && !text.is_empty()) {
                            Some(f) if exact(&text, f) => ws.write_number(self.row, col_n, f)?,
                            _ if text.is_empty() => ws,
                            _ => ws.write_string(self.row, col_n, text.as_ref())?,
                        };
                    }
                    if self.row == 0 {
                        self.numeric = cells
                            .iter()
                            .map(|c| {
                                let h = String::from_utf8_lossy(c);
                                h == "line"
                                    || h == "over_claimed_amount"
                                    || h.ends_with("_claimed")
                                    || h.ends_with("_recomputed")
                                    || h.ends_with("_difference")
                            })
                            .collect();
                        ws.set_freeze_panes(1, 0)?;
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

/// Whether `f` shows as `text` (an amount with at most 15 significant digits).
fn exact(text: &str, f: f64) -> bool {
    text.bytes().filter(u8::is_ascii_digit).count() <= 15 && f.is_finite()
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

/// Writes the claims template as a workbook: sheet 1 "申报" with the Chinese header row (each
/// header carries a note with its English name and meaning) and one example row to overwrite;
/// sheet 2 "填写说明" explains every column in Chinese and English.
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
        for (i, c) in CLAIM_COLUMNS.iter().enumerate() {
            let col = u16::try_from(i).unwrap_or(u16::MAX);
            ws.write_string_with_format(0, col, zh_name(c.name), &bold)
                .map_err(err)?;
            ws.set_column_width(col, 16).map_err(err)?;
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
    }
    {
        let ws = wb.add_worksheet().set_name("填写说明").map_err(err)?;
        for (col, h) in ["列名", "英文列名", "是否必填", "填写说明", "Meaning"]
            .iter()
            .enumerate()
        {
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            ws.write_string_with_format(0, col, *h, &bold)
                .map_err(err)?;
        }
        for (i, c) in CLAIM_COLUMNS.iter().enumerate() {
            let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
            ws.write_string(row, 0, zh_name(c.name)).map_err(err)?;
            ws.write_string(row, 1, c.name).map_err(err)?;
            ws.write_string(row, 2, if c.required { "必填" } else { "" })
                .map_err(err)?;
            ws.write_string_with_format(row, 3, c.zh, &wrap)
                .map_err(err)?;
            ws.write_string_with_format(row, 4, c.en, &wrap)
                .map_err(err)?;
        }
        let notes = [
            "第一行为列名，可用中文列名或英文列名；列的顺序不限，可只保留需要的列（必填列除外）。",
            "金额可填数字或文本（如 1200000 或 1,200,000）；日期可用 Excel 日期格式或 YYYY-MM-DD。",
            "第二处及以后的房产、土地、承受：在英文列名前缀后加序号，如 property2_original_value。",
        ];
        let base = u32::try_from(CLAIM_COLUMNS.len() + 2).unwrap_or(u32::MAX);
        for (k, n) in notes.iter().enumerate() {
            ws.write_string(base + k as u32, 0, *n).map_err(err)?;
        }
        ws.set_column_width(0, 22).map_err(err)?;
        ws.set_column_width(1, 30).map_err(err)?;
        ws.set_column_width(3, 60).map_err(err)?;
        ws.set_column_width(4, 50).map_err(err)?;
    }
    wb.save_to_writer(out).map_err(err)
}

/// The claims template as CSV (UTF-8 with a byte-order mark, so Excel opens it right): the
/// Chinese header row only — the columns are explained in the xlsx template's second sheet and in
/// `tuoyu batch --help`.
#[must_use]
pub fn template_csv() -> String {
    let names: Vec<&str> = CLAIM_COLUMNS.iter().map(|c| zh_name(c.name)).collect();
    format!("\u{feff}{}", flat::csv_line(&names))
}

fn zh_name(en: &str) -> &str {
    CLAIM_COLUMNS_ZH
        .iter()
        .find(|(_, e)| *e == en)
        .map_or(en, |(zh, _)| *zh)
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
