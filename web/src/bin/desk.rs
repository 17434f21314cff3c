//! The claim desk's page (`desk.html`): its own module (`desk_bg.wasm`), loaded only when the
//! officer opens the desk, so the calculator page carries none of it (see `web::desk::page`).
#![forbid(unsafe_code)]

fn main() {
    web::desk::page::start();
}
