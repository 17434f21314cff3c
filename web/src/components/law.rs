//! The law as filers meet it (SPEC §12) on the estimate page: the filing period of a
//! small-scale taxpayer, the VAT Law's own nursery exemption, the "if extended" switch for a year
//! after the published end, and the region whose local figures apply (§12.6, its code). Every
//! figure shown comes from calc-core's parameters.

use super::field::field_html;
use super::Ctx;
use crate::i18n::Lang;
use crate::state::Action;
use calc_core::params;
use chrono::NaiveDate;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The request path of the "if extended" scenario.
const SCENARIO: &str = "scenario.extend_community_to";

/// The last day of the published community preferences (the end of the last window of
/// `national.community.preferences_in_force`).
#[must_use]
pub fn community_end() -> Option<NaiveDate> {
    params::all_series()
        .iter()
        .find(|s| s.id.as_str() == "national.community.preferences_in_force")?
        .entries
        .iter()
        .filter_map(|e| e.valid_to)
        .max()
}

/// The inputs of SPEC §12 beside the facility and the year (a plain function, not a component:
/// each component type costs the page its own copy of yew's machinery).
pub fn law_inputs(state: &Ctx) -> Html {
    let lang = state.lang;
    let small = state.form.get("taxpayer.vat") == "small_scale";
    let year: Option<i32> = state.form.get("year").trim().parse().ok();
    let end = community_end();
    let on = !state.form.get(SCENARIO).is_empty();
    let after =
        matches!((year, end), (Some(y), Some(e)) if NaiveDate::from_ymd_opt(y, 1, 1) > Some(e));
    let toggle = {
        let s = state.dispatcher();
        Callback::from(move |e: Event| {
            let el: HtmlInputElement = e.target_unchecked_into();
            // On: the preferences assumed to run to the year's last day.
            let v = match (el.checked(), year) {
                (true, Some(y)) => format!("{y}-12-31"),
                _ => String::new(),
            };
            s.dispatch(Action::Set(SCENARIO.to_string(), v));
        })
    };
    let end_text = end.map(|d| d.to_string()).unwrap_or_default();
    html! {
        <>
            <div class="grid law">
                if small { { field_html(state, "taxpayer.vat_period") } }
                { field_html(state, "facility.nursery_vat_law") }
                if after || on {
                    <div class="field check scenario-switch">
                        <input type="checkbox" id="scenario-switch" checked={on} onchange={toggle}
                            aria-describedby="scenario-hint" />
                        <label for="scenario-switch">{ lang.t("若政策延续", "If the preferences are extended") }</label>
                        <p class="hint" id="scenario-hint">{ if lang == Lang::Zh {
                            format!("社区托育优惠现行至 {end_text}；打开后按“延续”测算，所涉优惠均标为“情景”。")
                        } else {
                            format!("The community preferences run to {end_text}; on, the figures assume an extension and are marked “scenario”.")
                        } }</p>
                    </div>
                }
                if on { { field_html(state, SCENARIO) } }
                { field_html(state, "facility.region") }
            </div>
        </>
    }
}

/// Whether a line's figure is assumed by a scenario (SPEC §12.3): a parameter extended past its
/// published end, or a basis whose window is the scenario's.
#[must_use]
pub fn line_is_scenario(l: &calc_core::statement::Line) -> bool {
    l.parameters.iter().any(|p| p.scenario)
        || l.basis
            .iter()
            .any(|b| b.window.as_ref().is_some_and(|w| w.scenario))
}
