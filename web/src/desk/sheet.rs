//! Excel workbooks in the desk's worker (built into `desk_worker_bg.wasm` only): claims in with
//! calamine, reports and the claims template out with rust_xlsxwriter.
//!
//! Claims are read as the command line reads them (`cli/src/xlsx.rs`), through calc-core's one
//! set of cell rules ([`calc_core::frontend::flat::sheet`]): the first sheet or a named one, header row in
//! Chinese or English, each sheet row turned into one CSV record on its own line, so a report's `line` is the **Excel row number**
//! and the desk's one CSV reader does the rest. Cells typed as numbers, dates and text read alike:
//! the number 1200000, the text "1200000" and the text "1,200,000" are the same amount; a date
//! cell (or a bare date serial in a date column) becomes `YYYY-MM-DD`; a line break inside a text
//! cell becomes a space. The sheet is read cell by cell (calamine's cell reader), not as one range.

use calamine::{DataRef, Reader, Xlsx};
use calc_core::frontend::flat::{self, Cell, SheetCsv};
use rust_xlsxwriter::{Format as XlsxFormat, Workbook, XlsxError};
use std::io::Cursor;

/// Why a workbook cannot be read or written: Chinese and English in one text.
fn both(zh: &str, en: &str) -> String {
    format!("{zh} / {en}")
}

/// The claims of a workbook's sheet (`sheet`, else the first) as CSV text: one record per sheet
/// row, on that row's line (rows above the data are blank lines).
///
/// # Errors
/// The bytes are not an .xlsx workbook, the sheet does not exist or cannot be read.
pub fn claims_as_csv(bytes: Vec<u8>, sheet: Option<&str>) -> Result<String, String> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        both(
            &format!("无法作为 Excel 工作簿（.xlsx）读取：{e}"),
            &format!("cannot read the file as an Excel workbook (.xlsx): {e}"),
        )
    })?;
    let names = wb.sheet_names();
    let name = match sheet.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| {
                both(
                    &format!(
                        "工作簿中没有名为“{s}”的工作表；现有工作表：{}",
                        names.join("、")
                    ),
                    &format!(
                        "the workbook has no sheet named “{s}”; its sheets are: {}",
                        names.join(", ")
                    ),
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| both("工作簿中没有工作表", "the workbook has no sheet"))?,
    };
    let mut cells = wb.worksheet_cells_reader(&name).map_err(|e| {
        both(
            &format!("无法读取工作表“{name}”：{e}"),
            &format!("cannot read the sheet “{name}”: {e}"),
        )
    })?;
    let col0 = cells.dimensions().start.1;
    let mut sheet = SheetCsv::new();
    let mut row = 0_u32;
    loop {
        let next = cells.next_cell().map_err(|e| {
            both(
                &format!("工作表“{name}”第 {} 行附近无法读取：{e}", row + 1),
                &format!(
                    "the sheet “{name}” cannot be read near row {}: {e}",
                    row + 1
                ),
            )
        })?;
        let Some(cell) = next else { break };
        let (r, c) = cell.get_position();
        row = r;
        if c < col0 {
            continue;
        }
        sheet.cell(r, (c - col0) as usize, &cell_of(cell.get_value()));
    }
    Ok(sheet.finish())
}

/// A calamine cell as calc-core's [`Cell`] (whose rules make it a claim field).
fn cell_of<'a>(c: &'a DataRef<'_>) -> Cell<'a> {
    match c {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) | DataRef::DurationIso(s) => Cell::Text(s),
        DataRef::DateTimeIso(s) => Cell::IsoDate(s),
        DataRef::SharedString(s) => Cell::Text(s),
        DataRef::Int(i) => Cell::Int(*i),
        DataRef::Float(f) => Cell::Float(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => {
            let (year, month, day, ..) = d.to_ymd_hms_milli();
            Cell::Date {
                year: i32::from(year),
                month: u32::from(month),
                day: u32::from(day),
            }
        }
        DataRef::Error(e) => Cell::Error(format!("{e:?}").into()),
    }
}

/// The most rows a worksheet holds.
const MAX_ROWS: u32 = 1_048_576;

/// A workbook of reports from the CSV report text (`tuoyu batch --output x.csv` columns, header
/// first, text cells as they are: no `'` guard, which is for CSV): values only (numbers for the
/// line and the amounts, the amounts shown as [`flat::MONEY_FORMAT`], text for the rest), never
/// formulas; the sheet named in the headings' language ([`flat::report_sheet_name`]).
///
/// # Errors
/// More rows than a worksheet holds, or the workbook cannot be written.
pub fn report_xlsx(csv: &str) -> Result<Vec<u8>, String> {
    let err = |e: XlsxError| {
        both(
            &format!("无法生成 Excel 报告：{e}"),
            &format!("cannot write the Excel report: {e}"),
        )
    };
    let mut wb = Workbook::new();
    let bold = XlsxFormat::new().set_bold();
    let money = XlsxFormat::new().set_num_format(flat::MONEY_FORMAT);
    let ws = wb.add_worksheet();
    let mut numeric: Vec<(bool, bool)> = Vec::new();
    let mut row = 0_u32;
    // The report CSV starts with a byte-order mark (for Excel), not part of its first heading.
    let csv = csv.strip_prefix('\u{feff}').unwrap_or(csv);
    for rec in flat::csv_records(csv) {
        let Ok(cells) = rec.cells else { continue };
        if row >= MAX_ROWS {
            return Err(err(XlsxError::RowColumnLimitError));
        }
        for (col, text) in cells.iter().enumerate() {
            let col_n = u16::try_from(col).unwrap_or(u16::MAX);
            if row == 0 {
                ws.write_string_with_format(0, col_n, text, &bold)
                    .map_err(err)?;
                continue;
            }
            if text.is_empty() {
                continue;
            }
            let (num, is_money) = numeric.get(col).copied().unwrap_or((false, false));
            match flat::exact_number(text).filter(|_| num) {
                Some(f) if is_money => ws
                    .write_number_with_format(row, col_n, f, &money)
                    .map_err(err)?,
                Some(f) => ws.write_number(row, col_n, f).map_err(err)?,
                _ => ws.write_string(row, col_n, text).map_err(err)?,
            };
        }
        if row == 0 {
            numeric = cells
                .iter()
                .map(|h| (flat::is_number_column(h), flat::is_money_column(h)))
                .collect();
            ws.set_freeze_panes(1, 0).map_err(err)?;
            ws.set_name(flat::report_sheet_name(
                cells.first().map_or("", |h| h.as_str()),
            ))
            .map_err(err)?;
        }
        row += 1;
    }
    wb.save_to_buffer().map_err(err)
}

/// The claims template as a workbook (as `tuoyu template --output claims.xlsx` writes it):
/// sheet 1 "申报" with the Chinese header row of every column the reader accepts and the
/// example row ([`flat::template_rows`]), sheet 2 "填写说明" explaining every column in Chinese
/// and English ([`flat::template_notes`]).
///
/// # Errors
/// The workbook cannot be written.
pub fn template_xlsx() -> Result<Vec<u8>, String> {
    let err = |e: XlsxError| {
        both(
            &format!("无法生成模板：{e}"),
            &format!("cannot write the template: {e}"),
        )
    };
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
    wb.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_reads_back_as_its_header_and_example_claim() {
        let x = template_xlsx().expect("template");
        let csv = claims_as_csv(x, None).expect("read back");
        let (headings, _) = flat::template_rows();
        let first = csv.lines().next().unwrap_or("");
        assert_eq!(first, flat::csv_line(&headings).trim_end(), "{first}");
        let mut r = flat::ClaimReader::new();
        r.push(csv.as_bytes());
        r.finish();
        let (line, claim) = r.next_claim().expect("header").expect("the example row");
        assert_eq!(line, 2);
        assert_eq!(claim.ok(), flat::template_example().ok());
        assert!(claims_as_csv(template_xlsx().expect("t"), Some("无此表")).is_err());
        let rep = report_xlsx("line,id,verdict\n2,a,match\n").expect("report");
        let back = claims_as_csv(rep, None).expect("report reads back");
        assert_eq!(back, "line,id,verdict\n2,a,match\n");
    }
}
