//! The components, one file each.

pub mod app;
pub mod bar_chart;
pub mod capacity;
pub mod claim_form;
pub mod compare;
pub mod estimate;
pub mod exports;
pub mod fees;
pub mod field;
pub mod header;
pub mod headline;
pub mod household;
pub mod import;
pub mod intro;
pub mod json_view;
pub mod law;
pub mod line_chart;
pub mod line_row;
pub mod policy;
pub mod print_sheet;
pub mod section_status;
pub mod statement;
pub mod sweep;
pub mod timeline;

use crate::state::State;
use yew::prelude::*;

/// The state handle every component reads and dispatches to.
pub type Ctx = UseReducerHandle<State>;

/// The state handle from the context (provided by [`app::App`]).
#[hook]
pub fn use_app() -> Ctx {
    use_context::<Ctx>().expect("the App component provides the state")
}
