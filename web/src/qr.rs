//! The QR code of the printed sheet's link, as an SVG image: a phone that scans the paper opens
//! the same case. It runs in a module of its own (`src/bin/qr.rs`: qr.js and qr_bg.wasm), which
//! index.html loads once the printed sheet exists, so the calculator page carries no encoder.

use qrcodegen::{QrCode, QrCodeEcc};
use std::fmt::Write;

/// Blank modules around the code, as the QR standard asks for (ISO/IEC 18004, 4 modules).
const QUIET_ZONE: i32 = 4;

/// `text` (a link) as an SVG QR code, or `None` if it holds more than a QR code can (about
/// 2,900 bytes at the lowest error correction). The error correction is the highest the text
/// allows (qrcodegen raises it from low while the version stays the same); dark modules are
/// drawn as one path, a run of a row at a time.
///
/// ```
/// let svg = web::qr::svg("https://example.org/#r=eyJ5ZWFyIjoyMDI2fQ").unwrap();
/// assert!(svg.starts_with("<svg") && svg.contains("<path d=\"M"));
/// assert!(web::qr::svg(&"x".repeat(4000)).is_none());
/// ```
#[must_use]
pub fn svg(text: &str) -> Option<String> {
    let code = QrCode::encode_text(text, QrCodeEcc::Low).ok()?;
    let n = code.size();
    let side = n + 2 * QUIET_ZONE;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\""
    );
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < n && code.get_module(x, y) {
                x += 1;
            }
            let _ = write!(
                out,
                "M{} {}h{}v1h-{}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE,
                x - start,
                x - start
            );
        }
    }
    out.push_str("\"/></svg>");
    Some(out)
}
