//! The desk's Excel worker: the `desk_worker` with calamine and rust_xlsxwriter (see
//! `web::desk::sheet`), started only for .xlsx claims, Excel reports and the Excel template, so
//! the plain worker (JSON Lines, CSV) stays small.
#![forbid(unsafe_code)]

fn main() {
    web::desk::work::start_excel();
}
