//! The JSON Lines form of a report, written by hand for the batch: byte for byte what
//! `serde_json::to_writer` writes for a [`Report`] (the tests check it), at a fraction of the
//! cost — amounts are formatted without going through `Display`, and the reasons, which repeat
//! across claims (the same article, the same failed condition), are escaped once per worker and
//! then copied.

use calc_core::frontend::flat::report::push_decimal as decimal;
use calc_core::statement::Reason;
use calc_core::verify::{same_warning, ClaimItem, ItemReport, Report, ReportWarning};

/// A worker's writer: remembers the JSON of the reasons it has written.
#[derive(Debug, Default)]
pub struct ReportWriter {
    reasons: Vec<(Reason, Vec<u8>)>,
    /// The JSON of the warnings written (one kind today: `not_filed`).
    warnings: Vec<(ReportWarning, Vec<u8>)>,
}

/// Reasons remembered per worker (there are a few dozen distinct ones).
const REMEMBERED: usize = 256;

impl ReportWriter {
    /// A writer with nothing remembered.
    #[must_use]
    pub fn new() -> ReportWriter {
        ReportWriter::default()
    }

    /// Appends `r` as one line of JSON (with its `\n`).
    pub fn write(&mut self, out: &mut Vec<u8>, r: &Report) {
        out.extend_from_slice(b"{\"schema\":");
        // The usual schema and the item names are plain ASCII: written without a look.
        if r.schema == calc_core::verify::REPORT_SCHEMA {
            out.push(b'"');
            out.extend_from_slice(calc_core::verify::REPORT_SCHEMA.as_bytes());
            out.push(b'"');
        } else {
            string(out, &r.schema);
        }
        out.extend_from_slice(b",\"id\":");
        match &r.id {
            Some(id) => string(out, id),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"items\":[");
        for (i, item) in r.items.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            self.item(out, item);
        }
        out.extend_from_slice(b"],\"verdict\":\"");
        out.extend_from_slice(r.verdict.as_str().as_bytes());
        out.push(b'"');
        if let Some(e) = &r.error {
            out.extend_from_slice(b",\"error\":");
            if serde_json::to_writer(&mut *out, e).is_err() {
                out.extend_from_slice(b"null");
            }
        }
        if let Some(line) = r.line {
            out.extend_from_slice(b",\"line\":");
            let mut digits = [0u8; 20];
            let mut n = 0;
            let mut v = line;
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
        if !r.warnings.is_empty() {
            self.warnings(out, &r.warnings);
        }
        out.extend_from_slice(b"}\n");
    }

    fn item(&mut self, out: &mut Vec<u8>, it: &ItemReport) {
        out.extend_from_slice(b"{\"item\":");
        if matches!(it.item, ClaimItem::Other(_)) {
            string(out, it.item.as_str());
        } else {
            out.push(b'"');
            out.extend_from_slice(it.item.as_str().as_bytes());
            out.push(b'"');
        }
        out.extend_from_slice(b",\"claimed\":\"");
        decimal(out, &it.claimed.0);
        out.extend_from_slice(b"\",\"recomputed\":\"");
        decimal(out, &it.recomputed.0);
        out.extend_from_slice(b"\",\"difference\":\"");
        decimal(out, &it.difference.0);
        out.extend_from_slice(b"\",\"verdict\":\"");
        out.extend_from_slice(it.verdict.as_str().as_bytes());
        out.extend_from_slice(b"\",\"reasons\":[");
        for (i, reason) in it.reasons.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            self.reason(out, reason);
        }
        out.extend_from_slice(b"]}");
    }

    fn reason(&mut self, out: &mut Vec<u8>, reason: &Reason) {
        if let Some((_, json)) = self.reasons.iter().find(|(r, _)| r == reason) {
            out.extend_from_slice(json);
            return;
        }
        let mut json = Vec::new();
        if serde_json::to_writer(&mut json, reason).is_err() {
            json = b"null".to_vec();
        }
        out.extend_from_slice(&json);
        if self.reasons.len() < REMEMBERED {
            self.reasons.push((reason.clone(), json));
        }
    }

    /// The `warnings` field (an unfiled facility's reports only): out of line, so that
    /// [`ReportWriter::write`] stays as small as it was for every other report.
    #[inline(never)]
    fn warnings(&mut self, out: &mut Vec<u8>, warnings: &[ReportWarning]) {
        out.extend_from_slice(b",\"warnings\":[");
        for (i, w) in warnings.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            self.warning(out, w);
        }
        out.push(b']');
    }

    fn warning(&mut self, out: &mut Vec<u8>, w: &ReportWarning) {
        if let Some((_, json)) = self.warnings.iter().find(|(x, _)| same_warning(x, w)) {
            out.extend_from_slice(json);
            return;
        }
        let mut json = Vec::new();
        if serde_json::to_writer(&mut json, w).is_err() {
            json = b"null".to_vec();
        }
        out.extend_from_slice(&json);
        if self.warnings.len() < REMEMBERED {
            self.warnings.push((w.clone(), json));
        }
    }
}

/// A JSON string as serde_json writes it.
fn string(out: &mut Vec<u8>, s: &str) {
    let plain = s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\');
    if plain {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else if serde_json::to_writer(&mut *out, s).is_err() {
        out.extend_from_slice(b"\"\"");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn reports_are_written_byte_for_byte_as_serde_json_writes_them() {
        use calc_core::verify::verify_claim;
        let mut w = ReportWriter::new();
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        for i in 0..3000 {
            let claim = match crate::gen::row(11, i, 0, false) {
                crate::gen::Row::Claim(c) | crate::gen::Row::Malformed(c, _) => c,
                crate::gen::Row::Blank => continue,
            };
            let mut r = verify_claim(&claim);
            r.line = Some(i + 1);
            if i % 7 == 0 {
                r.id = None;
            }
            if i % 11 == 0 {
                let e = calc_core::Error::new("request.year", "年份\"错\"\n", "bad \"year\"\t");
                r = Report::invalid(Some("\u{1}id".into()), &e, Some(i));
            }
            w.write(&mut fast, &r);
            serde_json::to_writer(&mut slow, &r).unwrap();
            slow.push(b'\n');
        }
        assert_eq!(
            String::from_utf8(fast).unwrap(),
            String::from_utf8(slow).unwrap()
        );
    }

    #[test]
    fn decimals_read_as_display_writes_them() {
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
            "0.000",
            "0",
            "-0",
            "0.0000000000000000001",
        ] {
            let d = Decimal::from_str(s)
                .or_else(|_| Decimal::from_scientific(s))
                .unwrap();
            let mut out = Vec::new();
            decimal(&mut out, &d);
            assert_eq!(String::from_utf8(out).unwrap(), d.to_string(), "{s}");
        }
    }
}
