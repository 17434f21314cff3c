//! Report writing: a [`Report`] as the cells of the report CSV, in the order of
//! [`report_header`], with the text taken from the input made safe for a spreadsheet
//! ([`text_cell`]), and cells as one RFC 4180 line ([`csv_line`]). For a file of many reports,
//! [`write_report_line`] appends the same line to a reused buffer without a `String` per cell.

use crate::money::round_money;
use crate::verify::Report;
use rust_decimal::Decimal;

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
    write_line(out, r, true);
}

/// [`write_report_line`] with the text cells as they are: `csv_line(&report_row_plain(r))`.
pub fn write_report_line_plain(out: &mut Vec<u8>, r: &Report) {
    write_line(out, r, false);
}

fn write_line(out: &mut Vec<u8>, r: &Report, neutralise: bool) {
    if let Some(line) = r.line {
        push_u64(out, line);
    }
    out.push(b',');
    if let Some(id) = &r.id {
        push_text(out, id, neutralise);
    }
    out.push(b',');
    out.extend_from_slice(r.verdict.as_str().as_bytes());
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
                out.extend_from_slice(i.verdict.as_str().as_bytes());
            }
            None => out.extend_from_slice(b",,,,"),
        }
    }
    match &r.error {
        Some(e) => {
            for text in [&e.path, &e.error_en, &e.error_zh] {
                out.push(b',');
                push_text(out, text, neutralise);
            }
        }
        None => out.extend_from_slice(b",,,"),
    }
    out.push(b'\n');
}

/// A text cell as [`text_cell`] (when `neutralise`) and [`csv_line`] write it.
fn push_text(out: &mut Vec<u8>, s: &str, neutralise: bool) {
    let mark = neutralise && s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
    if quote {
        out.push(b'"');
    }
    if mark {
        out.push(b'\'');
    }
    if quote {
        for b in s.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(s.as_bytes());
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
                push_text(&mut out, s, neutralise);
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
