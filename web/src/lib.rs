//! # web — the tuoyu browser app
//!
//! A Yew (client-side rendered) app that runs [`calc_core`] entirely in the browser: the facility
//! operator fills in a form, every keystroke rebuilds a `tuoyu.request.v1` and calc-core returns
//! the statement, which is rendered line by line with its steps, legal basis and parameters.
//!
//! The crate only maps form state ↔ request JSON ([`form`]) and renders what calc-core returns;
//! every number comes from calc-core. It follows yew's `function_todomvc` shape: [`state`] holds
//! the state and an `Action` reducer, [`components`] has one file per component.
//!
//! Test contract: every input's `name` is the JSON path of the request field it sets (as error
//! paths are written); each statement line carries `data-line-id`, `data-status`, `data-amount`,
//! `data-base` (absent when the line has none) and `data-overridden` (when one of its figures is
//! overridden) — its body (steps, basis, parameters) is built when it is opened; totals are
//! `#total` and `#total-landlord`; `#r=<base64url request JSON>` in the URL opens that request.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod components;
pub mod desk;
pub mod examples;
pub mod export;
pub mod form;
pub mod fragment;
pub mod i18n;
pub mod num;
pub mod panic;
pub mod platform;
pub mod qr;
pub mod state;

/// Mounts the app on the page's `<main id="app">` (or the body when it is missing).
pub fn start() {
    platform::mark("tuoyu-start");
    panic::install();
    let doc = web_sys::window().and_then(|w| w.document());
    match doc.and_then(|d| d.get_element_by_id("app")) {
        Some(el) => {
            yew::Renderer::<components::app::App>::with_root(el).render();
        }
        None => {
            yew::Renderer::<components::app::App>::new().render();
        }
    }
}
