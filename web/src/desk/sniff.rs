//! What a dropped file is, from its first bytes (the page reads [`PEEK`] of them before any
//! worker starts): claims as text (UTF-8, or GBK as Excel on Chinese Windows saves "CSV"), an
//! Excel workbook whatever its name, an empty file, or something that is not a claims file at all
//! (a PDF, an image, an archive, any binary) — said plainly instead of reading every line of it as
//! an invalid claim.
//!
//! GBK is recognised as the command line recognises it (`cli/src/encoding.rs`): the bytes are
//! not UTF-8 (a character cut at the end of the peek aside) and read cleanly as GBK.

/// How many bytes of the file's start are looked at.
pub const PEEK: f64 = 65_536.0;

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
/// [`PEEK`]) is. `gbk` says whether bytes read cleanly as GBK (the browser's decoder, in the
/// page; a character cut at the end is not an error).
pub fn sniff(head: &[u8], gbk: impl Fn(&[u8]) -> bool) -> Sniff {
    if head.is_empty() {
        return Sniff::Empty;
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return if holds(head, b"xl/") {
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
        };
    }
    if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        return Sniff::NotClaims("WebP 图片", "a WebP image");
    }
    if let Some((_, zh, en)) = MAGIC.iter().find(|(m, _, _)| head.starts_with(m)) {
        return Sniff::NotClaims(zh, en);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn never(_: &[u8]) -> bool {
        false
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
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

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
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
