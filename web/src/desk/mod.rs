//! The tax bureau's claim desk (申报核验): files of claims verified in Web Workers, read in
//! slices, kept compactly, browsed in a grid and written out as report files.
//!
//! - [`rows`]: what is kept of each verified claim, and how a worker sends it.
//! - [`run`]: the page's side — workers, chunks, progress, cancel, downloads.
//! - [`work`]: the worker's side (the `desk_worker` binary runs it).
//! - [`sheet`]: Excel workbooks in (claims) and out (reports, the template), in the worker.
//! - [`sniff`]: what a dropped file is, from its first bytes (not claims, a workbook, GBK text).
//! - [`cut`]: a CSV file cut into chunks of whole records, one per worker at a time.
//! - [`keep`]: the last run's results kept in IndexedDB across a reload.
//! - [`page`]: the desk's own pages (`desk.html`, the `desk` binary; `desk-claim.html`, the
//!   `desk_claim` binary: one claim).
//! - [`view`]: the desk's view — drop zone, progress, summary, grid, drill-down.

pub mod cut;
pub mod keep;
pub mod page;
pub mod rows;
pub mod run;
pub mod sheet;
pub mod sniff;
pub mod view;
pub mod work;
