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
use calc_core::frontend::flat::{self, Cell, SheetCsv, CLAIM_COLUMNS, CLAIM_COLUMNS_ZH};
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
/// first): values only (numbers for the line and the amounts, text for the rest), never formulas.
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
    let ws = wb.add_worksheet().set_name("核对结果").map_err(err)?;
    let mut numeric: Vec<bool> = Vec::new();
    let mut row = 0_u32;
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
            let num = numeric.get(col).copied().unwrap_or(false);
            match text.parse::<f64>().ok().filter(|_| num) {
                Some(f) if exact(text, f) => ws.write_number(row, col_n, f).map_err(err)?,
                _ => ws.write_string(row, col_n, text).map_err(err)?,
            };
        }
        if row == 0 {
            numeric = cells
                .iter()
                .map(|h| {
                    h == "line"
                        || h == "over_claimed_amount"
                        || h.ends_with("_claimed")
                        || h.ends_with("_recomputed")
                        || h.ends_with("_difference")
                })
                .collect();
            ws.set_freeze_panes(1, 0).map_err(err)?;
        }
        row += 1;
    }
    wb.save_to_buffer().map_err(err)
}

/// Whether `f` shows as `text` (an amount with at most 15 significant digits).
fn exact(text: &str, f: f64) -> bool {
    text.bytes().filter(u8::is_ascii_digit).count() <= 15 && f.is_finite()
}

/// The claims template as a workbook (as `tuoyu template --output claims.xlsx` writes it):
/// sheet 1 "申报" with the Chinese header row, sheet 2 "填写说明" explaining every column in
/// Chinese and English.
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
        let base = u32::try_from(CLAIM_COLUMNS.len() + 2).unwrap_or(u32::MAX);
        for (k, n) in NOTES.iter().enumerate() {
            let row = base.saturating_add(u32::try_from(k).unwrap_or(0));
            ws.write_string(row, 0, *n).map_err(err)?;
        }
        ws.set_column_width(0, 22).map_err(err)?;
        ws.set_column_width(1, 30).map_err(err)?;
        ws.set_column_width(3, 60).map_err(err)?;
        ws.set_column_width(4, 50).map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
}

/// How to fill the template (the notes under the column list).
pub const NOTES: [&str; 3] = [
    "第一行为列名，可用中文列名或英文列名；列的顺序不限，可只保留需要的列（必填列除外）。",
    "金额可填数字或文本（如 1200000 或 1,200,000）；日期可用 Excel 日期格式或 YYYY-MM-DD。",
    "第二处及以后的房产、土地、承受：在英文列名前缀后加序号，如 property2_original_value。",
];

/// A column's Chinese name (its English name when it has none).
#[must_use]
pub fn zh_name(en: &str) -> &str {
    CLAIM_COLUMNS_ZH
        .iter()
        .find(|(_, e)| *e == en)
        .map_or(en, |(zh, _)| *zh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_reads_back_as_its_header() {
        let x = template_xlsx().expect("template");
        let csv = claims_as_csv(x, None).expect("read back");
        let first = csv.lines().next().unwrap_or("");
        assert!(first.starts_with(zh_name("id")), "{first}");
        assert!(claims_as_csv(template_xlsx().expect("t"), Some("无此表")).is_err());
        let rep = report_xlsx("line,id,verdict\n2,a,match\n").expect("report");
        let back = claims_as_csv(rep, None).expect("report reads back");
        assert_eq!(back, "line,id,verdict\n2,a,match\n");
    }
}
