//! Report writing: a [`Report`] as the cells of the report CSV, in the order of
//! [`report_header`], with the text taken from the input made safe for a spreadsheet
//! ([`text_cell`]), and cells as one RFC 4180 line ([`csv_line`]).

use crate::money::round_money;
use crate::verify::Report;

/// The claimed items, in the order of SPEC §8 (and of the report columns).
pub const CLAIM_ITEMS: [&str; 5] = [
    "vat_exempt_sales",
    "cit_income_reduction",
    "property_tax_exempt",
    "land_use_tax_exempt",
    "deed_tax_exempt",
];

/// The columns of the report CSV: `line, id, verdict, over_claimed_amount`, then for each claimed
/// item `<item>_claimed, <item>_recomputed, <item>_difference, <item>_verdict` (empty when the
/// item was not claimed), then `error_path, error_en, error_zh` (for `invalid_input`).
#[must_use]
pub fn report_header() -> Vec<&'static str> {
    const HEADER: [&str; 27] = [
        "line",
        "id",
        "verdict",
        "over_claimed_amount",
        "vat_exempt_sales_claimed",
        "vat_exempt_sales_recomputed",
        "vat_exempt_sales_difference",
        "vat_exempt_sales_verdict",
        "cit_income_reduction_claimed",
        "cit_income_reduction_recomputed",
        "cit_income_reduction_difference",
        "cit_income_reduction_verdict",
        "property_tax_exempt_claimed",
        "property_tax_exempt_recomputed",
        "property_tax_exempt_difference",
        "property_tax_exempt_verdict",
        "land_use_tax_exempt_claimed",
        "land_use_tax_exempt_recomputed",
        "land_use_tax_exempt_difference",
        "land_use_tax_exempt_verdict",
        "deed_tax_exempt_claimed",
        "deed_tax_exempt_recomputed",
        "deed_tax_exempt_difference",
        "deed_tax_exempt_verdict",
        "error_path",
        "error_en",
        "error_zh",
    ];
    HEADER.to_vec()
}

/// A text cell made safe to open in a spreadsheet (OWASP, CSV injection): a cell that begins
/// with `=`, `+`, `-`, `@`, a tab or a carriage return — which Excel, LibreOffice and Google
/// Sheets would run as a formula, e.g. a claim id `=HYPERLINK(…)` — gets a single quote `'` in
/// front, so the spreadsheet shows it as text. Only cells that hold text taken from the input
/// go through this (the claim id and the error path and messages); the line number, verdicts
/// and money columns are written by the program and stay plain numbers — a difference of
/// `-50000.00` is a number, not a formula.
#[must_use]
pub fn text_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// One report as cells in the order of [`report_header`] (not quoted: the caller's CSV writer
/// quotes; see [`csv_line`] for a writer without dependencies). The text cells (`id`,
/// `error_path`, `error_en`, `error_zh`) are neutralised with [`text_cell`].
#[must_use]
pub fn report_row(r: &Report) -> Vec<String> {
    report_cells(r, text_cell)
}

/// [`report_row`] with the text cells as they are: for a writer that stores them as text
/// cells, never formulas (an xlsx sheet), where a `'` would show.
#[must_use]
pub fn report_row_plain(r: &Report) -> Vec<String> {
    report_cells(r, str::to_string)
}

fn report_cells(r: &Report, text_cell: fn(&str) -> String) -> Vec<String> {
    let mut row = Vec::with_capacity(27);
    row.push(r.line.map(|l| l.to_string()).unwrap_or_default());
    row.push(r.id.as_deref().map(text_cell).unwrap_or_default());
    row.push(r.verdict.as_str().to_string());
    row.push(round_money(r.over_claimed_amount()).to_string());
    for name in CLAIM_ITEMS {
        match r.items.iter().find(|i| i.item == name) {
            Some(i) => {
                row.push(i.claimed.to_string());
                row.push(i.recomputed.to_string());
                row.push(i.difference.to_string());
                row.push(i.verdict.as_str().to_string());
            }
            None => row.extend(std::iter::repeat_n(String::new(), 4)),
        }
    }
    match &r.error {
        Some(e) => {
            row.push(text_cell(&e.path));
            row.push(text_cell(&e.error_en));
            row.push(text_cell(&e.error_zh));
        }
        None => row.extend(std::iter::repeat_n(String::new(), 3)),
    }
    row
}

/// Cells as one CSV line (RFC 4180: a cell with `,`, `"`, CR or LF is quoted, quotes doubled),
/// ending in `\n`.
#[must_use]
pub fn csv_line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = String::new();
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let c = c.as_ref();
        if c.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&c.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(c);
        }
    }
    out.push('\n');
    out
}
