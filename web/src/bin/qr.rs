//! The printed sheet's QR code encoder (`web::qr`), a module of its own: its start puts
//! `tuoyuQr(text)` on the page's global object, which index.html calls with the sheet's link
//! (an SVG string, or an empty one when the link is too long for a QR code).
#![forbid(unsafe_code)]

use wasm_bindgen::prelude::*;

fn main() {
    let encode = Closure::<dyn Fn(String) -> String>::new(|text: String| {
        web::qr::svg(&text).unwrap_or_default()
    });
    let _ = js_sys::Reflect::set(&js_sys::global(), &"tuoyuQr".into(), encode.as_ref());
    encode.forget();
}
