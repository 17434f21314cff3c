//! The text encoding of a CSV input: UTF-8, or GBK (what Excel on Chinese Windows writes for
//! "CSV (逗号分隔)"), recognised from the first bytes and converted to UTF-8 as it is read — never
//! read garbled. Bytes that are neither are passed through, so the rows holding them are reported
//! as "not UTF-8" with the advice to save as CSV UTF-8.

use encoding_rs::{Decoder, DecoderResult, GBK};
use std::io::{self, Read};

/// How much of the input is looked at to recognise its encoding.
const PEEK: usize = 64 << 10;

/// Wraps `input` so it reads as UTF-8: unchanged when its first bytes are UTF-8 (or not GBK
/// either), converted from GBK when they are GBK; a note says so.
///
/// # Errors
/// Reading the first bytes fails.
pub fn utf8_input(
    mut input: Box<dyn Read + Send>,
    notes: &mut Vec<String>,
) -> io::Result<Box<dyn Read + Send>> {
    let mut peek = Vec::with_capacity(PEEK);
    (&mut input).take(PEEK as u64).read_to_end(&mut peek)?;
    let head = io::Cursor::new(peek);
    let is_gbk = looks_like_gbk(head.get_ref());
    let chained = Box::new(head.chain(input));
    if is_gbk {
        notes.push(
            "the input is GBK text (Excel's \"CSV\" on Chinese Windows): read as GBK and converted to UTF-8"
                .to_string(),
        );
        return Ok(Box::new(GbkReader::new(chained)));
    }
    Ok(chained)
}

/// Looks at the first bytes of a claims file (`csv`: CSV, else JSON Lines) before anything is
/// read from it: a kind of file that is never claims is refused naming what it looks like —
/// calc-core's [`calc_core::frontend::flat::sniff::signature`], the test the desk (browser)
/// makes, so that a PNG renamed `.csv` is called a PNG image in both — and a workbook under a
/// text name is refused saying so. Otherwise the input goes on, for CSV through
/// [`utf8_input`]. Bytes no signature names (text, garbled rows) are read as before: each row
/// is reported.
///
/// # Errors
/// The message to show (the file is not read further), or a read error.
pub fn claims_input(
    mut input: Box<dyn Read + Send>,
    name: &str,
    csv: bool,
    notes: &mut Vec<String>,
) -> Result<Box<dyn Read + Send>, String> {
    use calc_core::frontend::flat::sniff::{signature, Sniff, PEEK};
    let mut peek = Vec::with_capacity(PEEK);
    (&mut input)
        .take(PEEK as u64)
        .read_to_end(&mut peek)
        .map_err(|e| format!("cannot read the input: {e}"))?;
    match signature(&peek) {
        Some(Sniff::NotClaims(zh, en)) => {
            return Err(format!(
                "{name} looks like {en}, not a claims file: tuoyu reads claims as CSV, an Excel workbook (.xlsx) or JSON Lines; nothing was verified / “{name}”看起来是{zh}，不是申报文件"
            ))
        }
        Some(Sniff::Xlsx) => {
            return Err(format!(
                "{name} is an Excel workbook, not {} text: name it .xlsx / “{name}”是 Excel 工作簿：请将文件名改为 .xlsx",
                if csv { "CSV" } else { "JSON Lines" }
            ))
        }
        _ => {}
    }
    let input: Box<dyn Read + Send> = Box::new(io::Cursor::new(peek).chain(input));
    if csv {
        utf8_input(input, notes).map_err(|e| format!("cannot read the input: {e}"))
    } else {
        Ok(input)
    }
}

/// Whether `bytes` (the start of a file) are not UTF-8 but read cleanly as GBK.
#[must_use]
pub fn looks_like_gbk(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => return false,
        // Cut in the middle of a character at the end of the peek: UTF-8 so far.
        Err(e) if e.error_len().is_none() => return false,
        Err(_) => {}
    }
    let mut d = GBK.new_decoder_without_bom_handling();
    let mut out = vec![0u8; bytes.len() * 3 + 16];
    let (r, _, _) = d.decode_to_utf8_without_replacement(bytes, &mut out, false);
    !matches!(r, DecoderResult::Malformed(..))
}

/// Reads GBK from `inner` as UTF-8. A byte sequence that is not GBK comes out as the byte 0xFF
/// (not UTF-8), so its row is reported as unreadable rather than silently changed.
struct GbkReader {
    inner: Box<dyn Read + Send>,
    decoder: Decoder,
    input: Vec<u8>,
    in_start: usize,
    output: Vec<u8>,
    out_start: usize,
    eof: bool,
}

impl GbkReader {
    fn new(inner: Box<dyn Read + Send>) -> GbkReader {
        GbkReader {
            inner,
            decoder: GBK.new_decoder_without_bom_handling(),
            input: Vec::new(),
            in_start: 0,
            output: Vec::new(),
            out_start: 0,
            eof: false,
        }
    }

    /// Decodes more input into `output`; false at the end.
    fn fill(&mut self) -> io::Result<bool> {
        loop {
            if self.in_start >= self.input.len() && !self.eof {
                self.input.clear();
                self.in_start = 0;
                self.input.resize(64 << 10, 0);
                let n = loop {
                    match self.inner.read(&mut self.input) {
                        Ok(n) => break n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(e) => return Err(e),
                    }
                };
                self.input.truncate(n);
                self.eof = n == 0;
            }
            if self.eof && self.in_start >= self.input.len() && self.output.is_empty() {
                // Flush what the decoder holds (an incomplete sequence at the very end).
                let mut out = [0u8; 16];
                let (r, _, written) =
                    self.decoder
                        .decode_to_utf8_without_replacement(&[], &mut out, true);
                self.output.extend_from_slice(&out[..written]);
                if matches!(r, DecoderResult::Malformed(..)) {
                    self.output.push(0xFF);
                }
                return Ok(!self.output.is_empty());
            }
            let src = &self.input[self.in_start..];
            let mut out = vec![0u8; src.len() * 3 + 16];
            let (r, read, written) = self
                .decoder
                .decode_to_utf8_without_replacement(src, &mut out, self.eof);
            self.in_start += read;
            self.output.extend_from_slice(&out[..written]);
            if let DecoderResult::Malformed(..) = r {
                self.output.push(0xFF);
            }
            if !self.output.is_empty() {
                return Ok(true);
            }
            if self.eof && self.in_start >= self.input.len() {
                return Ok(false);
            }
        }
    }
}

impl Read for GbkReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out_start >= self.output.len() {
            self.output.clear();
            self.out_start = 0;
            if !self.fill()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.output.len() - self.out_start);
        buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
        self.out_start += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_is_recognised_and_converted() {
        let text = "id,facility_name\nc-1,晋宁区阳光托育中心\n";
        let (gbk, _, _) = GBK.encode(text);
        assert!(looks_like_gbk(&gbk));
        assert!(!looks_like_gbk(text.as_bytes()));
        let mut notes = Vec::new();
        let mut r = utf8_input(Box::new(io::Cursor::new(gbk.into_owned())), &mut notes).unwrap();
        let mut out = String::new();
        r.read_to_string(&mut out).unwrap();
        assert_eq!(out, text);
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn utf8_passes_through_unchanged() {
        let text = "id\n托育\n".repeat(10_000);
        let mut notes = Vec::new();
        let mut r = utf8_input(
            Box::new(io::Cursor::new(text.clone().into_bytes())),
            &mut notes,
        )
        .unwrap();
        let mut out = String::new();
        r.read_to_string(&mut out).unwrap();
        assert_eq!(out, text);
        assert!(notes.is_empty());
    }
}
