//! The law as filers meet it (SPEC §12) on the estimate page: the filing period of a
//! small-scale taxpayer, the VAT Law's own nursery exemption, the "if extended" switch for a year
//! after the published end, and the region whose local figures apply (§12.6, its code). Every
//! figure shown comes from calc-core's parameters.

use super::field::field_html;
use super::Ctx;
use crate::i18n::Lang;
use crate::state::Action;
use calc_core::params;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The request path of the "if extended" scenario.
const SCENARIO: &str = "scenario.extend_community_to";

pub use crate::form::community_end;

/// The inputs of SPEC §12 beside the facility and the year (a plain function, not a component:
/// each component type costs the page its own copy of yew's machinery).
pub fn law_inputs(state: &Ctx) -> Html {
    let lang = state.lang;
    let small = state.form.get("taxpayer.vat") == "small_scale";
    let year: Option<i32> = state.form.get("year").trim().parse().ok();
    let end = community_end();
    // Kept while the year is back within the published window (the request leaves it out
    // there: it changes nothing, SPEC §12.3), and shown again with the year after it.
    let after = state.form.after_community();
    let on = after && !state.form.get(SCENARIO).is_empty();
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
                if after {
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
            { region_html(state) }
        </>
    }
}

/// The region's packs by name (each pack whose division holds the code, province first), and
/// the local figures the statement misses for want of a pack, each by its label with a link that
/// opens the parameter overrides with the figure's id ready for its value (this request only).
fn region_html(state: &Ctx) -> Html {
    let lang = state.lang;
    let text = state.form.get("facility.region").trim();
    let code = if text.is_empty() {
        Ok(params::DEFAULT_REGION)
    } else {
        params::region_code_of(text)
    };
    let Ok(code) = code else {
        return Html::default();
    };
    let within = [code / 10_000 * 10_000, code / 100 * 100, code];
    // From the packs' name table (in code order, so province first), not the store's packs:
    // the page carries only the names.
    let names: Vec<&str> = params::REGIONS
        .iter()
        .filter(|r| within.contains(&r.code))
        .map(|r| lang.t(r.name_zh, r.name_en))
        .collect();
    let mut missing: Vec<&str> = Vec::new();
    for r in state
        .statement()
        .iter()
        .flat_map(|s| s.lines.iter())
        .flat_map(|l| l.reasons.iter())
    {
        if let Some(id) = calc_core::frontend::labels::missing_input_path(&r.zh)
            .and_then(|p| p.strip_prefix("parameters."))
        {
            if !missing.contains(&id) {
                missing.push(id);
            }
        }
    }
    let go = Callback::from(|e: MouseEvent| {
        let el: web_sys::Element = e.target_unchecked_into();
        if let Some(id) = el.get_attribute("data-param") {
            fill_override(&id);
        }
    });
    html! {
        <div class="region-info small" id="region-info" data-code={code.to_string()}>
            <p>{ lang.t("地方参数：", "Local figures: ") }
                if names.is_empty() {
                    { lang.t("本地区没有参数包，只适用全国统一的数值", "none for this region, national figures only") }
                } else {
                    <strong id="region-names">{ names.join(" · ") }</strong>
                }
            </p>
            if !missing.is_empty() {
                <p>{ lang.t(
                    "本地区缺少以下地方数值，用到它们的优惠显示为“缺少输入”；知道本地数值的，可在参数覆盖中填写（只用于本次测算）：",
                    "This region gives none of these local figures, so the savings that need them show \"missing input\"; if you know your local value, enter it as a parameter override (for this calculation only):") }</p>
                <ul class="missing-local">{ for missing.iter().map(|id| {
                    let label = params::ParamId::from_any_id(id)
                        .and_then(|p| params::Store::embedded().generic(p))
                        .map(|s| lang.t(&s.label_zh, &s.label_en));
                    html! {
                        <li>{ label.unwrap_or(id) }{" "}
                            <button type="button" class="link go-fill" data-param={id.to_string()} onclick={go.clone()}>
                                { lang.t("去填写", "Enter it") }</button></li>
                    }
                }) }</ul>
            }
        </div>
    }
}

/// Opens the parameter overrides with `id` in them (an empty value, the cursor inside its
/// quotes): the request changes only when a value is typed.
fn fill_override(id: &str) {
    use wasm_bindgen::JsCast;
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[name=\"parameters\"]").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let old = el.value();
    let mut map = if old.trim().is_empty() {
        serde_json::Map::new()
    } else {
        match serde_json::from_str(&old) {
            Ok(serde_json::Value::Object(m)) => m,
            // Not an object: its own error names it; only the field is shown.
            _ => return super::statement::focus_field("parameters"),
        }
    };
    map.entry(id.to_string())
        .or_insert_with(|| serde_json::Value::String(String::new()));
    let new = serde_json::Value::Object(map).to_string();
    el.set_value(&new);
    super::statement::focus_field("parameters");
    // The cursor after the id's opening quote of its value.
    let key = format!("\"{id}\":\"");
    if let Some(at) = new.find(&key) {
        let pos = new[..at + key.len()].encode_utf16().count();
        let pos = u32::try_from(pos).unwrap_or(0);
        let _ = el.set_selection_range(pos, pos);
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
