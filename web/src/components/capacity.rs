//! The places and carers page (SPEC §6).

use super::estimate::Section;
use super::field::field_html;
use super::json_view::JsonSection;
use super::use_app;
use yew::prelude::*;

/// The places and carers page.
#[function_component(Capacity)]
pub fn capacity() -> Html {
    let state = use_app();
    let lang = state.lang;
    let f = |p: &'static str| field_html(&state, p);
    let section = state
        .statement()
        .and_then(|s| s.capacity.as_ref())
        .map(|r| serde_json::to_value(r).unwrap_or_default());
    let computed = section
        .as_ref()
        .is_some_and(|v| v.get("places_needed").is_some());
    // A section with no figure in force for the year says why instead of its figures.
    let not_in_force =
        super::section_status::not_in_force_html(state.statement().map(|s| &**s), "capacity", lang);
    html! {
        <div class="estimate sections-page">
            <form class="inputs" autocomplete="off" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <p class="hint">{ lang.t(
                    "按晋宁区方案的每千人口托位标准（新建城区与老城区不同）及国家托育机构设置标准中的班额与保育人员配比测算；所用标准及其出处列在结果中。",
                    "Worked out from the district plan's places per 1,000 residents (new and old areas differ) and the national standard's class sizes and carer ratios; the figures used and their sources are listed with the result.") }</p>
                <Section id="s-cap-area" zh="区域托位" en="Places in the area">
                    <div class="grid">{ f("capacity.population") }{ f("capacity.area") }{ f("capacity.existing_places") }</div>
                </Section>
                <Section id="s-cap-children" zh="在托婴幼儿" en="Children enrolled">
                    <div class="grid">
                        { f("capacity.children.infant") }{ f("capacity.children.young_toddler") }
                        { f("capacity.children.older_toddler") }{ f("capacity.children.mixed") }
                    </div>
                </Section>
            </form>
            <section class="results" id="capacity-result" data-computed={computed.to_string()}>
                <h2>{ lang.t("托位与保育人员", "Places and carers") }</h2>
                if let Some(e) = state.error() {
                    <div class="banner error" role="alert" data-path={e.path.clone()}>{ super::field::labelled_message(e, lang) }</div>
                }
                { match (&section, computed) {
                    (Some(v), true) => html! { <JsonSection value={v.clone()} {lang} /> },
                    (Some(_), false) => html! { <p class="note">{ lang.t(
                        "当前版本的计算库尚未提供托位与保育人员的计算结果。",
                        "This build of the calculation library does not compute places and carers yet.") }</p> },
                    (None, _) if not_in_force.is_some() => not_in_force.clone().unwrap_or_default(),
                    (None, _) => html! { <p class="note">{ lang.t(
                        "填写人口、区域类型和各班幼儿数后，这里显示应配置托位、缺口、班数和保育人员数。",
                        "Fill in the population, the area and the children per band to see places needed, the shortfall, classes and carers.") }</p> },
                } }
            </section>
        </div>
    }
}
