//! The desk's Web Worker: calc-core verifying slices of a claims file off the page's thread
//! (see `web::desk::work`). Built apart from the page (`desk_worker_bg.wasm`), so the calculator
//! page carries none of it.
#![forbid(unsafe_code)]

fn main() {
    web::desk::work::start();
}
