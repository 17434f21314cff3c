//! Report writing: a [`Report`] as the cells of the report CSV, in the order of
//! [`report_header`], with the text taken from the input made safe for a spreadsheet
//! ([`text_cell`]), and cells as one RFC 4180 line ([`csv_line`]). For a file of many reports,
//! [`write_report_line`] appends the same line to a reused buffer without a `String` per cell.
//!
//! A report is written in English — the column names and verdict codes of the contract, the
//! default — or with Chinese headings and verdict words ([`report_header_in`],
//! [`write_report_line_in`] with [`Lang::Zh`]) for people reading it in a spreadsheet. A report
//! CSV *file* starts with [`CSV_BOM`] so that Excel reads it as UTF-8.

use crate::frontend::{labels, Lang};
use crate::money::round_money;
use crate::statement::Basis;
use crate::verify::{ClaimItem, Report, Verdict};
use rust_decimal::Decimal;

/// The UTF-8 byte-order mark a report CSV file starts with: without it Excel on Chinese Windows
/// reads the file as GBK and shows `error_zh` garbled. Written at the start of a file only (a
/// report sent to standard output has none: a pipe's next command would find it glued to the
/// first column's name); every claims reader of tuoyu skips it.
pub const CSV_BOM: &str = "\u{feff}";

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
/// item was not claimed), then `error_path, error_en, error_zh` (for `invalid_input`), then
/// `reason_zh, reason_en`: why an item is `not_eligible`, `not_in_force` or `missing_input`, each
/// reason with its document and article (empty when no item has a reason), then
/// `warning_zh, warning_en`: what the officer should know that does not change the verdict
/// ([`Report::warnings`], e.g. the facility has not filed with the health commission), with its
/// document and article (empty when there is none). Columns are only ever added at the end.
#[must_use]
pub fn report_header() -> Vec<&'static str> {
    HEADER.to_vec()
}

/// The report columns, in order ([`report_header`]).
const HEADER: [&str; 31] = [
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
    "reason_zh",
    "reason_en",
    "warning_zh",
    "warning_en",
];

/// The headings of the report columns in `lang`: [`report_header`] for [`Lang::En`]; for
/// [`Lang::Zh`] the Chinese headings of [`labels::REPORT_COLUMNS_ZH`] and, for a claimed item's
/// columns, its [`labels::claim_item_text`] and part (`免税销售额·申报`).
///
/// ```
/// use calc_core::frontend::{flat, Lang};
/// let zh = flat::report_header_in(Lang::Zh);
/// assert_eq!(zh[2], "结论");
/// assert_eq!(zh[4], "免税销售额·申报");
/// assert_eq!(zh.len(), flat::report_header().len());
/// ```
#[must_use]
pub fn report_header_in(lang: Lang) -> Vec<String> {
    HEADER
        .iter()
        .map(|name| match lang {
            Lang::En => (*name).to_string(),
            Lang::Zh => column_zh(name).unwrap_or_else(|| (*name).to_string()),
        })
        .collect()
}

/// The Chinese heading of a report column.
fn column_zh(name: &str) -> Option<String> {
    if let Some((_, zh)) = labels::REPORT_COLUMNS_ZH.iter().find(|(en, _)| *en == name) {
        return Some((*zh).to_string());
    }
    ClaimItem::ALL.iter().find_map(|item| {
        let part = name.strip_prefix(item.as_str())?.strip_prefix('_')?;
        let (_, word) = labels::REPORT_ITEM_PARTS_ZH
            .iter()
            .find(|(p, _)| *p == part)?;
        Some(format!(
            "{}·{word}",
            labels::claim_item_text(*item, Lang::Zh)
        ))
    })
}

/// The report column a heading names, in English or Chinese ([`report_header_in`]): what a
/// reader of report files needs to read a Chinese-headed report back.
///
/// ```
/// use calc_core::frontend::{flat, Lang};
/// assert_eq!(flat::report_column("免税销售额·差额"), Some("vat_exempt_sales_difference"));
/// assert_eq!(flat::report_column("verdict"), Some("verdict"));
/// assert_eq!(flat::report_column("colour"), None);
/// ```
#[must_use]
pub fn report_column(heading: &str) -> Option<&'static str> {
    let h = heading.trim().trim_start_matches('\u{feff}');
    HEADER
        .iter()
        .copied()
        .find(|name| *name == h || column_zh(name).is_some_and(|zh| zh == h))
}

/// Whether a report column (named by its English or Chinese heading) holds numbers: the line and
/// the amounts. A spreadsheet writer stores these as numbers, the rest as text.
#[must_use]
pub fn is_number_column(heading: &str) -> bool {
    report_column(heading).is_some_and(|c| {
        c == "line"
            || c == "over_claimed_amount"
            || c.ends_with("_claimed")
            || c.ends_with("_recomputed")
            || c.ends_with("_difference")
    })
}

/// A verdict in a report cell: its code ([`Verdict::as_str`]) in English, its word
/// ([`labels::verdict_text`]) in Chinese.
fn verdict_cell(v: Verdict, lang: Lang) -> &'static str {
    match lang {
        Lang::En => v.as_str(),
        Lang::Zh => labels::verdict_text(v, Lang::Zh),
    }
}

/// Why the report's items are not granted (the reasons of its `not_eligible`, `not_in_force`
/// and `missing_input` items, each once, with its document and article), in Chinese and English;
/// empty when no item has a reason.
///
/// ```
/// use calc_core::frontend::flat;
/// use calc_core::verify::verify_text;
///
/// let r = verify_text(r#"{"schema":"tuoyu.claim.v1","request":{"schema":"tuoyu.request.v1",
///   "year":2026,"facility":{"legal_form":"individual_business","community_based":true,
///   "service_modes":["full_day"],"filed_with_health_commission":true},
///   "revenue":{"childcare":"100000"}},"claimed":{"vat_exempt_sales":"100000"}}"#);
/// assert_eq!(r.verdict.as_str(), "not_eligible");
/// let (zh, en) = flat::report_reasons(&r);
/// assert!(zh.contains("第") && !en.is_empty(), "{zh} / {en}");
/// ```
#[must_use]
pub fn report_reasons(r: &Report) -> (String, String) {
    let text = |en| {
        let mut out = Vec::new();
        push_reasons(&mut out, r, en);
        String::from_utf8(out).unwrap_or_default()
    };
    (text(false), text(true))
}

/// Appends the reasons of `r` in Chinese or English (`en`), as [`report_reasons`] gives them,
/// without building a string per reason (a batch writes tens of thousands of them).
fn push_reasons(out: &mut Vec<u8>, r: &Report, en: bool) {
    let mut first = true;
    for (i, item) in r.items.iter().enumerate() {
        for (j, reason) in item.reasons.iter().enumerate() {
            // The same reason (the community's, on every item it stops) is said once.
            let said = r.items[..i]
                .iter()
                .flat_map(|x| &x.reasons)
                .chain(&item.reasons[..j])
                .any(|x| x.zh == reason.zh);
            if said {
                continue;
            }
            if !first {
                out.extend_from_slice(if en { "; " } else { "；" }.as_bytes());
            }
            first = false;
            push_based(out, &reason.zh, &reason.en, reason.basis.as_ref(), en);
        }
    }
}

/// Appends a text in Chinese or English (`en`) with its basis: `…（依据：document article）`,
/// `… (basis: title, article)`.
fn push_based(out: &mut Vec<u8>, zh: &str, en_text: &str, basis: Option<&Basis>, en: bool) {
    match (basis, en) {
        (None, false) => out.extend_from_slice(zh.as_bytes()),
        (None, true) => out.extend_from_slice(en_text.as_bytes()),
        (Some(b), false) => {
            for part in [zh, "（依据：", &b.document, &b.article, "）"] {
                out.extend_from_slice(part.as_bytes());
            }
        }
        (Some(b), true) => {
            let title = b.title_en.as_deref().unwrap_or(&b.document);
            let article = b.article_en.as_deref().unwrap_or(&b.article);
            for part in [en_text, " (basis: ", title, ", ", article, ")"] {
                out.extend_from_slice(part.as_bytes());
            }
        }
    }
}

/// The report's warnings ([`Report::warnings`]) in Chinese and English, each with its document
/// and article, as the `warning_zh` and `warning_en` columns hold them; empty when there is none.
///
/// ```
/// use calc_core::frontend::flat;
/// use calc_core::verify::verify_text;
///
/// let r = verify_text(r#"{"schema":"tuoyu.claim.v1","request":{"schema":"tuoyu.request.v1",
///   "year":2026,"facility":{"legal_form":"enterprise","community_based":true,
///   "service_modes":["full_day"],"filed_with_health_commission":false},
///   "revenue":{"childcare":"100000"}},"claimed":{}}"#);
/// let (zh, en) = flat::report_warnings(&r);
/// assert!(zh.contains("备案") && en.contains("district plan"), "{zh} / {en}");
/// ```
#[must_use]
pub fn report_warnings(r: &Report) -> (String, String) {
    let text = |en| {
        let mut out = Vec::new();
        push_warnings(&mut out, r, en);
        String::from_utf8(out).unwrap_or_default()
    };
    (text(false), text(true))
}

fn push_warnings(out: &mut Vec<u8>, r: &Report, en: bool) {
    for (i, w) in r.warnings.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(if en { "; " } else { "；" }.as_bytes());
        }
        push_based(out, &w.zh, &w.en, w.basis.as_ref(), en);
    }
}

thread_local! {
    /// The reasons of the report being written, reused from report to report.
    static REASONS: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
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
    report_cells(r, text_cell, Lang::En)
}

/// [`report_row`] in `lang` (for [`Lang::Zh`], verdicts as words: `多报`, …), under the
/// headings of [`report_header_in`]; `plain` keeps text cells as they are
/// ([`report_row_plain`]).
#[must_use]
pub fn report_row_in(r: &Report, lang: Lang, plain: bool) -> Vec<String> {
    let cell: fn(&str) -> String = if plain { str::to_string } else { text_cell };
    report_cells(r, cell, lang)
}

/// [`report_row`] with the text cells as they are: for a writer that stores them as text
/// cells, never formulas (an xlsx sheet), where a `'` would show.
#[must_use]
pub fn report_row_plain(r: &Report) -> Vec<String> {
    report_cells(r, str::to_string, Lang::En)
}

fn report_cells(r: &Report, text_cell: fn(&str) -> String, lang: Lang) -> Vec<String> {
    let mut row = Vec::with_capacity(HEADER.len());
    row.push(r.line.map(|l| l.to_string()).unwrap_or_default());
    row.push(r.id.as_deref().map(text_cell).unwrap_or_default());
    row.push(verdict_cell(r.verdict, lang).to_string());
    row.push(round_money(r.over_claimed_amount()).to_string());
    for name in CLAIM_ITEMS {
        match r.items.iter().find(|i| i.item == name) {
            Some(i) => {
                row.push(i.claimed.to_string());
                row.push(i.recomputed.to_string());
                row.push(i.difference.to_string());
                row.push(verdict_cell(i.verdict, lang).to_string());
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
    let (zh, en) = report_reasons(r);
    row.push(text_cell(&zh));
    row.push(text_cell(&en));
    let (zh, en) = report_warnings(r);
    row.push(text_cell(&zh));
    row.push(text_cell(&en));
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

/// Appends `r` as one line of the report CSV, with its `\n`: byte for byte
/// `csv_line(&report_row(r))`, written straight into `out` (no `String` per cell, amounts
/// formatted without the formatting machinery) — what a batch of a million reports needs.
///
/// ```
/// use calc_core::frontend::flat;
/// use calc_core::verify::Report;
///
/// let e = calc_core::Error::new("year", "必填", "is required");
/// let r = Report::invalid(Some("=c-1".into()), &e, Some(2));
/// let mut out = Vec::new();
/// flat::write_report_line(&mut out, &r);
/// assert_eq!(out, flat::csv_line(&flat::report_row(&r)).into_bytes());
/// ```
pub fn write_report_line(out: &mut Vec<u8>, r: &Report) {
    write_line(out, r, true, Lang::En);
}

/// [`write_report_line`] with the text cells as they are: `csv_line(&report_row_plain(r))`.
pub fn write_report_line_plain(out: &mut Vec<u8>, r: &Report) {
    write_line(out, r, false, Lang::En);
}

/// [`write_report_line`] in `lang`: byte for byte `csv_line(&report_row_in(r, lang, plain))`.
pub fn write_report_line_in(out: &mut Vec<u8>, r: &Report, lang: Lang, plain: bool) {
    write_line(out, r, !plain, lang);
}

fn write_line(out: &mut Vec<u8>, r: &Report, neutralise: bool, lang: Lang) {
    if let Some(line) = r.line {
        push_u64(out, line);
    }
    out.push(b',');
    if let Some(id) = &r.id {
        push_text(out, id.as_bytes(), neutralise);
    }
    out.push(b',');
    out.extend_from_slice(verdict_cell(r.verdict, lang).as_bytes());
    out.push(b',');
    push_decimal(out, &round_money(r.over_claimed_amount()));
    // `ClaimItem::ALL` is `CLAIM_ITEMS` in the same order: items compared as enums, not names.
    for item in crate::verify::ClaimItem::ALL {
        match r.items.iter().find(|i| i.item == item) {
            Some(i) => {
                for d in [&i.claimed.0, &i.recomputed.0, &i.difference.0] {
                    out.push(b',');
                    push_decimal(out, d);
                }
                out.push(b',');
                out.extend_from_slice(verdict_cell(i.verdict, lang).as_bytes());
            }
            None => out.extend_from_slice(b",,,,"),
        }
    }
    match &r.error {
        Some(e) => {
            for text in [&e.path, &e.error_en, &e.error_zh] {
                out.push(b',');
                push_text(out, text.as_bytes(), neutralise);
            }
        }
        None => out.extend_from_slice(b",,,"),
    }
    // Reasons: most reports have none (nothing to build).
    if r.items.iter().all(|i| i.reasons.is_empty()) {
        out.extend_from_slice(b",,");
    } else {
        REASONS.with_borrow_mut(|buf| {
            for en in [false, true] {
                buf.clear();
                push_reasons(buf, r, en);
                out.push(b',');
                push_text(out, buf, neutralise);
            }
        });
    }
    // Warnings: only an unfiled facility's report has one.
    if r.warnings.is_empty() {
        out.extend_from_slice(b",,");
    } else {
        push_warning_cells(out, r, neutralise);
    }
    out.push(b'\n');
}

thread_local! {
    /// The warning cells last written (the warnings, whether neutralised, the two cells with
    /// their commas): the same warning on claim after claim is copied, not quoted again.
    static WARNING_CELLS: std::cell::RefCell<(Vec<crate::verify::ReportWarning>, bool, Vec<u8>)> =
        const { std::cell::RefCell::new((Vec::new(), false, Vec::new())) };
}

/// The `warning_zh` and `warning_en` cells of `r` (which has warnings), each after its comma.
#[inline(never)]
fn push_warning_cells(out: &mut Vec<u8>, r: &Report, neutralise: bool) {
    WARNING_CELLS.with_borrow_mut(|(warnings, neutralised, cells)| {
        let same = *neutralised == neutralise
            && warnings.len() == r.warnings.len()
            && warnings
                .iter()
                .zip(&r.warnings)
                .all(|(a, b)| crate::verify::same_warning(a, b));
        if !same {
            cells.clear();
            let mut buf = Vec::new();
            for en in [false, true] {
                buf.clear();
                push_warnings(&mut buf, r, en);
                cells.push(b',');
                push_text(cells, &buf, neutralise);
            }
            warnings.clone_from(&r.warnings);
            *neutralised = neutralise;
        }
        out.extend_from_slice(cells);
    });
}

/// A text cell as [`text_cell`] (when `neutralise`) and [`csv_line`] write it.
fn push_text(out: &mut Vec<u8>, s: &[u8], neutralise: bool) {
    let mark = neutralise && matches!(s.first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'));
    let quote = s.iter().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
    if quote {
        out.push(b'"');
    }
    if mark {
        out.push(b'\'');
    }
    if quote {
        for &b in s {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(s);
    }
}

/// A line number in decimal digits.
fn push_u64(out: &mut Vec<u8>, v: u64) {
    let mut digits = [0u8; 20];
    let mut n = 0;
    let mut v = v;
    loop {
        digits[n] = b'0' + (v % 10) as u8;
        v /= 10;
        n += 1;
        if v == 0 {
            break;
        }
    }
    out.extend(digits[..n].iter().rev());
}

/// A decimal as its `Display` writes it (digits, `.` before the last `scale` of them, `-` when
/// negative and not zero), without the formatting machinery for the usual sizes.
pub fn push_decimal(out: &mut Vec<u8>, d: &Decimal) {
    use std::io::Write;
    let m = d.mantissa();
    let scale = d.scale() as usize;
    let abs = match u64::try_from(m.unsigned_abs()) {
        Ok(abs) if scale <= 19 && !(m == 0 && d.is_sign_negative()) => abs,
        // Huge, very fine or a negative zero: the formatting machinery (writing to a Vec cannot fail).
        _ => {
            let _ = write!(out, "{d}");
            return;
        }
    };
    // Zero at the money scale — most differences — as it is.
    if abs == 0 && scale == 2 {
        out.extend_from_slice(b"0.00");
        return;
    }
    // The text is built from its end in one buffer (fraction digits, the point, the integer
    // digits, the sign) and appended at once: four digits at a time where four are left, then
    // two.
    const PAIRS: [[u8; 2]; 100] = {
        let mut t = [[0u8; 2]; 100];
        let mut i = 0;
        while i < 100 {
            t[i] = [b'0' + (i / 10) as u8, b'0' + (i % 10) as u8];
            i += 1;
        }
        t
    };
    // At most 20 digits, a point, a leading 0 and a sign.
    let mut buf = [0u8; 24];
    let mut i = buf.len();
    let mut v = abs;
    let mut fraction = scale;
    let pair = |buf: &mut [u8; 24], i: &mut usize, p: u64| {
        let [a, b] = PAIRS[(p % 100) as usize];
        *i -= 2;
        buf[*i] = a;
        buf[*i + 1] = b;
    };
    while fraction >= 2 {
        pair(&mut buf, &mut i, v % 100);
        v /= 100;
        fraction -= 2;
    }
    if fraction == 1 {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    if scale > 0 {
        i -= 1;
        buf[i] = b'.';
    }
    while v >= 10_000 {
        let four = v % 10_000;
        v /= 10_000;
        pair(&mut buf, &mut i, four % 100);
        pair(&mut buf, &mut i, four / 100);
    }
    if v >= 100 {
        pair(&mut buf, &mut i, v % 100);
        v /= 100;
    }
    if v >= 10 {
        pair(&mut buf, &mut i, v);
    } else {
        i -= 1;
        buf[i] = b'0' + v as u8;
    }
    if m < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    out.extend_from_slice(&buf[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn the_report_columns_follow_the_claim_items_in_order() {
        // `write_line` walks `ClaimItem::ALL` for the columns named by `CLAIM_ITEMS`.
        let names: Vec<&str> = crate::verify::ClaimItem::ALL
            .iter()
            .map(|i| i.as_str())
            .collect();
        assert_eq!(names, CLAIM_ITEMS);
    }

    #[test]
    fn decimals_are_written_as_display_writes_them() {
        for s in [
            "0.00",
            "0",
            "1",
            "-1",
            "0.01",
            "-0.01",
            "1060000.00",
            "-50000.00",
            "123.456",
            "0.5",
            "-0.5",
            "99999999999999.99",
            "79228162514264337593543950335",
            "1e3",
            "10",
            "100.10",
            "-0.00",
            "0.0000000000000000000001",
            "18446744073709551615",
            "18446744073709551616",
        ] {
            let d = Decimal::from_str(s)
                .or_else(|_| Decimal::from_scientific(s))
                .expect("a decimal");
            let mut out = Vec::new();
            push_decimal(&mut out, &d);
            assert_eq!(String::from_utf8(out).expect("UTF-8"), d.to_string(), "{s}");
        }
        // Every scale the fast path takes, odd and even, small and large mantissas, both signs.
        for m in [
            0i64,
            1,
            9,
            10,
            99,
            100,
            12_345,
            1_000_000_007,
            i64::MAX,
            -1,
            -12_345,
            i64::MIN + 1,
        ] {
            for scale in 0..=19 {
                let d = Decimal::new(m, scale);
                let mut out = Vec::new();
                push_decimal(&mut out, &d);
                assert_eq!(
                    String::from_utf8(out).expect("UTF-8"),
                    d.to_string(),
                    "{m}e-{scale}"
                );
            }
        }
        for v in [0, 7, 10, 1_000_000, u64::MAX] {
            let mut out = Vec::new();
            push_u64(&mut out, v);
            assert_eq!(out, v.to_string().into_bytes());
        }
    }

    #[test]
    fn text_cells_are_neutralised_and_quoted_as_csv_line_does() {
        for s in [
            "",
            "a",
            "=1+2",
            "-5",
            "+x",
            "@a",
            "\tx",
            "\rx",
            "a,b",
            "say \"hi\"",
            "two\nlines",
            "=\"a\",b",
            "申报编号",
        ] {
            for neutralise in [true, false] {
                let mut out = Vec::new();
                push_text(&mut out, s.as_bytes(), neutralise);
                let cell = if neutralise {
                    text_cell(s)
                } else {
                    s.to_string()
                };
                let want = csv_line(&[cell]);
                assert_eq!(String::from_utf8(out).expect("UTF-8") + "\n", want, "{s:?}");
            }
        }
    }
}
