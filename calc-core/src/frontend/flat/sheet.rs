//! Spreadsheet cells → the CSV form: how a worksheet's cells (number, date, text, boolean,
//! empty) become the cells of a claim record, written once for every Excel reader (the command
//! line's and the browser's, both on calamine; this module has no spreadsheet dependency — the
//! reader maps its cell type onto [`Cell`]).
//!
//! Each sheet row becomes one CSV record **on its own line**, so a report's `line` is the Excel
//! row number, and the one CSV reader ([`super::ClaimReader`]) does the rest. Cells typed as
//! numbers, dates and text read alike:
//! - a number is written as typed by hand: `1200000`, never `1200000.0` or `1.2e6`; the number
//!   1200000, the text "1200000" and the text "1,200,000" give the same claim (text is read by
//!   the claim rules, which take thousands separators);
//! - a date cell becomes `YYYY-MM-DD`, and so does a bare date serial (a number with no date
//!   format) in a date column (`*_used_from`, `*_used_to`, `*_date`);
//! - a line break inside a text cell becomes a space (a claim cell is one line);
//! - a boolean is `true` / `false`; an empty cell is an empty (absent) field; an error cell is
//!   `#` and its name, which the claim rules then refuse, naming the column.
//!
//! ```
//! use calc_core::frontend::flat::{Cell, SheetCsv};
//!
//! let mut sheet = SheetCsv::new();
//! sheet.cell(0, 0, &Cell::Text("childcare_revenue"));
//! sheet.cell(0, 1, &Cell::Text("property_used_from"));
//! sheet.cell(1, 0, &Cell::Float(1_200_000.0));
//! sheet.cell(1, 1, &Cell::Float(46082.0)); // a date serial in a date column
//! sheet.cell(3, 0, &Cell::Text("1,200,000"));
//! sheet.cell(3, 1, &Cell::Date { year: 2026, month: 3, day: 1 });
//! assert_eq!(
//!     sheet.finish(),
//!     "childcare_revenue,property_used_from\n1200000,2026-03-01\n\n\"1,200,000\",2026-03-01\n"
//! );
//! ```

use super::report::csv_line;
use std::borrow::Cow;

/// A worksheet cell as a spreadsheet reader gives it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// No value.
    Empty,
    /// Text (a shared or inline string, or anything to be read as written).
    Text(&'a str),
    /// A whole number stored as such.
    Int(i64),
    /// A number (Excel stores every number as a float, dates without a date format too).
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A cell with a date format (its time of day is dropped).
    Date {
        /// Year.
        year: i32,
        /// Month, 1–12.
        month: u32,
        /// Day of the month, 1–31.
        day: u32,
    },
    /// A date (or date and time) written as ISO 8601 text (`2026-03-01T00:00:00`).
    IsoDate(&'a str),
    /// An error value (`#DIV/0!`, `#N/A`, …), by name.
    Error(Cow<'a, str>),
}

/// Whether a header names a date column (English or Chinese name).
#[must_use]
pub fn is_date_column(header: &str) -> bool {
    let en = super::columns::english_name(header.trim());
    en.ends_with("_used_from") || en.ends_with("_used_to") || en.ends_with("_date")
}

/// A cell as the text the CSV form holds (`date_column`: the cell is under a date header).
#[must_use]
pub fn cell_text(c: &Cell<'_>, date_column: bool) -> String {
    match c {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.replace(['\r', '\n'], " "),
        Cell::Int(i) => i.to_string(),
        Cell::Float(f) if date_column => serial_date(*f).unwrap_or_else(|| number(*f)),
        Cell::Float(f) => number(*f),
        Cell::Bool(b) => b.to_string(),
        Cell::Date { year, month, day } => format!("{year:04}-{month:02}-{day:02}"),
        Cell::IsoDate(s) => s.chars().take(10).collect(),
        Cell::Error(e) => format!("#{e}"),
    }
}

/// A number as written by hand: whole numbers without `.0`, others in their shortest exact form.
#[must_use]
pub fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        // Whole and below 10¹⁵: exact as an i64.
        #[allow(clippy::cast_possible_truncation)]
        let i = f as i64;
        i.to_string()
    } else {
        format!("{f}")
    }
}

/// The number a spreadsheet writer stores for a text cell that holds an amount: `Some` when the
/// text reads as a finite number of at most 15 significant digits (so the sheet shows exactly
/// the text), `None` to store it as text.
///
/// ```
/// use calc_core::frontend::flat::exact_number;
/// assert_eq!(exact_number("1200000.50"), Some(1_200_000.5));
/// assert_eq!(exact_number("1234567890123456"), None); // 16 digits: kept as text
/// assert_eq!(exact_number("c-1"), None);
/// ```
#[must_use]
pub fn exact_number(text: &str) -> Option<f64> {
    text.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite() && text.bytes().filter(u8::is_ascii_digit).count() <= 15)
}

/// The number format of a report workbook's money cells (they are numbers; this shows them
/// with thousands separators and two decimals).
pub const MONEY_FORMAT: &str = "#,##0.00";

/// Whether a report column (English or Chinese heading) holds money: a number column other than
/// the line ([`super::report::is_number_column`]).
#[must_use]
pub fn is_money_column(heading: &str) -> bool {
    super::report::is_number_column(heading)
        && super::report::report_column(heading) != Some("line")
}

/// The name of a report workbook's sheet in the language of its first heading (`核对结果` under
/// Chinese headings, `Verification` under English ones).
#[must_use]
pub fn report_sheet_name(first_heading: &str) -> &'static str {
    let h = first_heading.trim().trim_start_matches('\u{feff}');
    if !h.is_ascii() {
        "核对结果"
    } else {
        "Verification"
    }
}

/// An Excel date serial (1900 system) as `YYYY-MM-DD` (`None` unless whole and in 1..=9999-12-31).
#[must_use]
pub fn serial_date(f: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&f) || f.fract() != 0.0 {
        return None;
    }
    // Serial 60 is Excel's 1900-02-29, which did not exist; later serials count from 1899-12-30.
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, if f < 60.0 { 31 } else { 30 })?;
    // Whole and in range (checked above).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let d = base.checked_add_days(chrono::Days::new(f as u64))?;
    Some(d.format("%Y-%m-%d").to_string())
}

/// A worksheet written as CSV text, cell by cell: one record per sheet row on that row's line
/// (rows with no cell are blank lines), cut after the row's last non-empty cell but at least as
/// wide as the header (the first non-empty row), whose names mark the date columns.
#[derive(Debug, Default)]
pub struct SheetCsv {
    text: String,
    lines: u32,
    row: Vec<String>,
    current: Option<u32>,
    dates: Vec<bool>,
    width: usize,
}

impl SheetCsv {
    /// An empty sheet.
    #[must_use]
    pub fn new() -> SheetCsv {
        SheetCsv::default()
    }

    /// Adds the cell at 0-based sheet `row` and `col` (counted from the sheet's first used
    /// column). Rows come in order; within a row, any order (a later cell at the same place wins).
    pub fn cell(&mut self, row: u32, col: usize, cell: &Cell<'_>) {
        if self.current != Some(row) {
            if self.current.is_some() {
                self.end_row();
            }
            // Rows with no cell: blank lines, so that line numbers stay row numbers.
            while self.lines < row {
                self.text.push('\n');
                self.lines += 1;
            }
            self.current = Some(row);
        }
        if self.row.len() <= col {
            self.row.resize(col + 1, String::new());
        }
        self.row[col] = cell_text(cell, self.dates.get(col).copied().unwrap_or(false));
    }

    fn end_row(&mut self) {
        match self.row.iter().rposition(|c| !c.is_empty()) {
            None => self.text.push('\n'),
            Some(last) => {
                if self.width == 0 {
                    self.width = last + 1;
                    self.dates = self.row.iter().map(|h| is_date_column(h)).collect();
                }
                let n = (last + 1).max(self.width);
                if self.row.len() < n {
                    self.row.resize(n, String::new());
                }
                self.text.push_str(&csv_line(&self.row[..n]));
            }
        }
        self.lines += 1;
        self.row.clear();
    }

    /// The CSV text (each line ends with `\n`).
    #[must_use]
    pub fn finish(mut self) -> String {
        if self.current.is_some() {
            self.end_row();
        }
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontend::flat::ClaimReader;
    use crate::verify::{verify_claim, Claim};

    #[test]
    fn a_report_workbook_names_its_sheet_and_money_in_its_language() {
        use crate::frontend::{flat::report_header_in, Lang};
        let (zh, en) = (report_header_in(Lang::Zh), report_header_in(Lang::En));
        assert_eq!(report_sheet_name(&zh[0]), "核对结果");
        assert_eq!(report_sheet_name(&en[0]), "Verification");
        for h in [&zh, &en] {
            let money: Vec<&str> = h
                .iter()
                .filter(|c| is_money_column(c))
                .map(String::as_str)
                .collect();
            // Over-claimed in total, and claimed, recomputed and difference of five items.
            assert_eq!(money.len(), 16, "{money:?}");
            assert!(!is_money_column(&h[0]), "the line is a number, not money");
        }
    }

    #[test]
    fn numbers_and_dates_read_as_written_by_hand() {
        assert_eq!(number(1_200_000.0), "1200000");
        assert_eq!(number(1234.56), "1234.56");
        assert_eq!(number(-0.5), "-0.5");
        assert_eq!(serial_date(46082.0).as_deref(), Some("2026-03-01"));
        assert_eq!(serial_date(1.0).as_deref(), Some("1900-01-01"));
        assert_eq!(serial_date(61.0).as_deref(), Some("1900-03-01"));
        assert_eq!(serial_date(46082.5), None);
        assert_eq!(serial_date(0.0), None);
        assert!(is_date_column("property_used_from") && is_date_column("契税纳税义务发生日期"));
        assert!(!is_date_column("year"));
    }

    #[test]
    fn each_kind_of_cell_becomes_its_text() {
        assert_eq!(cell_text(&Cell::Empty, false), "");
        assert_eq!(cell_text(&Cell::Text("a\r\nb"), false), "a  b");
        assert_eq!(cell_text(&Cell::Int(-7), false), "-7");
        assert_eq!(cell_text(&Cell::Float(46082.0), false), "46082");
        assert_eq!(cell_text(&Cell::Float(46082.0), true), "2026-03-01");
        assert_eq!(cell_text(&Cell::Float(0.25), true), "0.25");
        assert_eq!(cell_text(&Cell::Bool(true), false), "true");
        let date = Cell::Date {
            year: 2026,
            month: 3,
            day: 1,
        };
        assert_eq!(cell_text(&date, true), "2026-03-01");
        assert_eq!(
            cell_text(&Cell::IsoDate("2026-03-01T08:00:00"), true),
            "2026-03-01"
        );
        assert_eq!(
            cell_text(&Cell::Error(Cow::Borrowed("DIV/0!")), false),
            "#DIV/0!"
        );
    }

    /// The claims of a sheet given as rows of cells (header first).
    fn claims(rows: &[Vec<Cell<'_>>]) -> Vec<(u64, Result<Claim, String>)> {
        let mut sheet = SheetCsv::new();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                sheet.cell(u32::try_from(r).unwrap_or(0), c, cell);
            }
        }
        let mut reader = ClaimReader::new();
        reader.push(sheet.finish().as_bytes());
        reader.finish();
        let mut out = Vec::new();
        while let Some((line, c)) = reader.next_claim().expect("header") {
            out.push((line, c.map_err(|(_, e)| e.to_json().error_en)));
        }
        out
    }

    const HEADER: [&str; 11] = [
        "id",
        "year",
        "legal_form",
        "community_based",
        "service_modes",
        "filed_with_health_commission",
        "vat",
        "childcare_revenue",
        "claimed_vat_exempt_sales",
        "property_original_value",
        "property_used_from",
    ];

    fn row<'a>(revenue: Cell<'a>, year: Cell<'a>, yes: Cell<'a>, from: Cell<'a>) -> Vec<Cell<'a>> {
        vec![
            Cell::Text("c-1"),
            year,
            Cell::Text("enterprise"),
            yes.clone(),
            Cell::Text("full_day"),
            yes,
            Cell::Text("general"),
            revenue.clone(),
            revenue,
            Cell::Text("3,000,000"),
            from,
        ]
    }

    #[test]
    fn an_excel_number_and_the_text_1_200_000_give_the_same_claim() {
        let header: Vec<Cell<'_>> = HEADER.iter().map(|h| Cell::Text(h)).collect();
        let date = Cell::Date {
            year: 2026,
            month: 3,
            day: 1,
        };
        let got = claims(&[
            header,
            row(
                Cell::Float(1_200_000.0),
                Cell::Float(2026.0),
                Cell::Bool(true),
                date,
            ),
            row(
                Cell::Text("1,200,000"),
                Cell::Text("2026"),
                Cell::Text("true"),
                Cell::Text("2026-03-01"),
            ),
            row(
                Cell::Int(1_200_000),
                Cell::Int(2026),
                Cell::Text("是"),
                Cell::Float(46082.0),
            ),
            row(
                Cell::Text("1200000"),
                Cell::Text("2026"),
                Cell::Bool(true),
                Cell::IsoDate("2026-03-01T00:00:00"),
            ),
        ]);
        assert_eq!(got.len(), 4);
        let first = got[0].1.clone().expect("a claim");
        for (i, (line, c)) in got.iter().enumerate() {
            assert_eq!(*line, i as u64 + 2, "the Excel row number");
            assert_eq!(c.as_ref(), Ok(&first), "row {line}");
        }
        assert_eq!(verify_claim(&first).verdict.as_str(), "match");
    }

    #[test]
    fn empty_and_error_cells_are_absent_or_named() {
        let header: Vec<Cell<'_>> = HEADER.iter().map(|h| Cell::Text(h)).collect();
        let mut bad = row(
            Cell::Error(Cow::Borrowed("VALUE!")),
            Cell::Float(2026.0),
            Cell::Bool(true),
            Cell::Empty,
        );
        bad[9] = Cell::Empty;
        let got = claims(&[header, vec![], bad]);
        assert_eq!(got.len(), 1, "a row with no cell is a blank line");
        assert_eq!(got[0].0, 3);
        let e = got[0].1.clone().expect_err("an error cell is refused");
        assert!(e.contains("childcare_revenue"), "{e}");
    }
}
