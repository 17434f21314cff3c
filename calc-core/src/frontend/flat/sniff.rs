//! What a file is, from its first bytes: claims as text (UTF-8, or GBK as Excel on Chinese
//! Windows saves "CSV"), an Excel workbook whatever its name, an empty file, or something that is
//! not a claims file at all (a PDF, an image, an archive, any binary) — said plainly instead of
//! reading every line of it as an invalid claim. The command line and the desk (browser) both
//! look at a file's start with it, so they name a PNG renamed `.csv` alike.
//!
//! GBK is recognised from bytes that are not UTF-8 (a character cut at the end of the peek aside)
//! and read cleanly as GBK; the caller says what reads as GBK (calc-core has no GBK decoder).
//!
//! ```
//! use calc_core::frontend::flat::sniff::{sniff, signature, Sniff};
//!
//! let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
//! assert_eq!(sniff(png, |_| false), Sniff::NotClaims("PNG 图片", "a PNG image"));
//! assert_eq!(signature(png), Some(Sniff::NotClaims("PNG 图片", "a PNG image")));
//! assert_eq!(sniff(b"id,year\n", |_| false), Sniff::Text);
//! assert_eq!(signature(b"id,year\n"), None);
//! ```

/// How many bytes of the file's start are looked at.
pub const PEEK: usize = 65_536;

/// What the file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniff {
    /// No bytes at all.
    Empty,
    /// UTF-8 text (or text that is neither UTF-8 nor GBK: its rows are reported as unreadable).
    Text,
    /// GBK text (decoded in the workers).
    Gbk,
    /// A zip holding a workbook (`xl/…`): an .xlsx file, whatever its name.
    Xlsx,
    /// Not a claims file: what it looks like (zh, en).
    NotClaims(&'static str, &'static str),
}

/// Signatures of files that are never claims, with what they are (zh, en).
const MAGIC: &[(&[u8], &str, &str)] = &[
    (b"%PDF", "PDF 文档", "a PDF document"),
    (b"\x89PNG", "PNG 图片", "a PNG image"),
    (b"\xff\xd8\xff", "JPEG 图片", "a JPEG image"),
    (b"GIF8", "GIF 图片", "a GIF image"),
    (b"II*\0", "TIFF 图片", "a TIFF image"),
    (b"MM\0*", "TIFF 图片", "a TIFF image"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "旧版 Office 文件（如 Excel 97–2003 的 .xls）：请在 Excel 中另存为 .xlsx 或“CSV UTF-8”",
        "an old Office file (such as an Excel 97–2003 .xls): save it from Excel as .xlsx or \"CSV UTF-8\"",
    ),
    (b"\x1f\x8b", "gzip 压缩文件", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩文件", "a 7z archive"),
    (b"Rar!", "RAR 压缩文件", "a RAR archive"),
    (b"\x7fELF", "程序文件", "a program"),
    (b"{\\rtf", "RTF 文档", "an RTF document"),
];

/// Whether `hay` holds `needle`.
fn holds(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// What a file whose first bytes are `head` (all of them when the file is shorter than
/// [`PEEK`]) is. `gbk` says whether bytes read cleanly as GBK (the browser's decoder in the
/// page, `encoding_rs` on the command line; a character cut at the end is not an error).
#[must_use]
pub fn sniff(head: &[u8], gbk: impl Fn(&[u8]) -> bool) -> Sniff {
    if head.is_empty() {
        return Sniff::Empty;
    }
    if let Some(kind) = signature(head) {
        return kind;
    }
    // UTF-16 text (Excel's "Unicode text"): its header is refused naming it (calc-core).
    if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
        return Sniff::Text;
    }
    // Control bytes that text never holds (tab, line ends, form feed and escape aside).
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    if head.contains(&0) || control * 100 > head.len() {
        return Sniff::NotClaims("二进制文件（不是文本）", "a binary file (not text)");
    }
    match std::str::from_utf8(head) {
        Ok(_) => Sniff::Text,
        // A character cut at the end of the peek: UTF-8 so far.
        Err(e) if e.error_len().is_none() => Sniff::Text,
        Err(_) if gbk(head) => Sniff::Gbk,
        Err(_) => Sniff::Text,
    }
}

/// What a file's first bytes say by their signature alone: an Excel workbook
/// ([`Sniff::Xlsx`]), or a kind of file that is never claims ([`Sniff::NotClaims`]: a PDF, an
/// image, an archive, an old .xls, a Word document…); `None` for text and for bytes no signature
/// names. [`sniff`] goes on from there to tell text from any other binary; the command line,
/// which reports a garbled row as a row, refuses only what this names.
#[must_use]
pub fn signature(head: &[u8]) -> Option<Sniff> {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Some(if holds(head, b"xl/") {
            Sniff::Xlsx
        } else if holds(head, b"word/") {
            Sniff::NotClaims("Word 文档（.docx）", "a Word document (.docx)")
        } else if holds(head, b"ppt/") {
            Sniff::NotClaims("PowerPoint 演示文稿", "a PowerPoint presentation")
        } else {
            Sniff::NotClaims(
                "ZIP 压缩文件（不是 Excel 工作簿）",
                "a ZIP archive (not an Excel workbook)",
            )
        });
    }
    if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        return Some(Sniff::NotClaims("WebP 图片", "a WebP image"));
    }
    MAGIC
        .iter()
        .find(|(m, _, _)| head.starts_with(m))
        .map(|(_, zh, en)| Sniff::NotClaims(zh, en))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn never(_: &[u8]) -> bool {
        false
    }

    #[test]
    fn files_that_are_not_claims_are_named() {
        assert_eq!(sniff(b"", never), Sniff::Empty);
        assert!(matches!(
            sniff(b"%PDF-1.7\n%\xe2\xe3", never),
            Sniff::NotClaims("PDF 文档", _)
        ));
        assert!(matches!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0", never),
            Sniff::NotClaims(_, "a PNG image")
        ));
        assert!(
            matches!(sniff(b"PK\x03\x04\x14\0\0\0readme.txt", never), Sniff::NotClaims(_, e) if e.contains("ZIP"))
        );
        assert_eq!(
            sniff(b"PK\x03\x04\x14\0\0\0xl/workbook.xml", never),
            Sniff::Xlsx
        );
        let noise: Vec<u8> = (0..4096_u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(matches!(
            sniff(&noise, never),
            Sniff::NotClaims(_, "a binary file (not text)")
        ));
    }

    #[test]
    fn the_signature_names_only_known_kinds_of_file() {
        assert_eq!(signature(b""), None);
        assert_eq!(signature(b"id,year\n"), None);
        // Any binary without a signature: for `sniff` to call binary, not for `signature`.
        assert_eq!(signature(b"\x01\x02\x03\x04"), None);
        assert!(matches!(
            sniff(b"\x01\x02\x03\x04", never),
            Sniff::NotClaims(_, "a binary file (not text)")
        ));
        assert!(matches!(
            signature(b"%PDF-1.4"),
            Some(Sniff::NotClaims(_, "a PDF document"))
        ));
        assert_eq!(
            signature(b"PK\x03\x04\x14\0\0\0xl/workbook.xml"),
            Some(Sniff::Xlsx)
        );
        assert!(matches!(
            signature(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
            Some(Sniff::NotClaims(_, e)) if e.contains(".xls")
        ));
    }

    #[test]
    fn text_is_utf8_or_gbk() {
        assert_eq!(sniff("id,year\n机构,2026\n".as_bytes(), never), Sniff::Text);
        // "机构" cut in its last byte: still UTF-8.
        let cut = "id,机构".as_bytes();
        assert_eq!(sniff(&cut[..cut.len() - 1], never), Sniff::Text);
        // "机构" in GBK (BB FA B9 B9).
        let gbk = b"id,\xbb\xfa\xb9\xb9\r\n";
        assert_eq!(sniff(gbk, |_| true), Sniff::Gbk);
        assert_eq!(sniff(gbk, never), Sniff::Text);
    }
}
