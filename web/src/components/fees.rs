//! The fee benchmark page (SPEC §5): what a non-profit facility may charge.

use super::estimate::Section;
use super::field::field_html;
use super::json_view::JsonSection;
use super::use_app;
use yew::prelude::*;

/// The fee benchmark page.
#[function_component(Fees)]
pub fn fees() -> Html {
    let state = use_app();
    let lang = state.lang;
    let f = |p: &'static str| field_html(&state, p);
    let section = state
        .statement()
        .and_then(|s| s.fee_benchmark.as_ref())
        .map(|r| serde_json::to_value(r).unwrap_or_default());
    let computed = section
        .as_ref()
        .is_some_and(|v| v.get("full_day_monthly").is_some());
    // A section with no figure in force for the year says why instead of its figures.
    let not_in_force = super::section_status::not_in_force_html(
        state.statement().map(|s| &**s),
        "fee_benchmark",
        lang,
    );
    html! {
        <div class="estimate sections-page">
            <form class="inputs" autocomplete="off" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <p class="hint">{ lang.t(
                    "非营利性托育机构收费参照公办幼儿园收费标准及定价办法（《云南省定价目录》），或按普惠托育成本核算；营利性机构实行市场调节价并须公示。",
                    "Non-profit fees follow the public kindergarten standard and its pricing method, or the cost of care; for-profit facilities set market prices and must post them.") }</p>
                <Section id="s-fee-method" zh="定价方法" en="Method">
                    <div class="grid">{ f("fee_benchmark.non_profit") }{ f("fee_benchmark.method") }</div>
                </Section>
                <Section id="s-fee-ref" zh="参照公办园收费" en="Public kindergarten reference">
                    <div class="grid">{ f("fee_benchmark.reference.grade") }{ f("fee_benchmark.reference.fee") }{ f("fee_benchmark.reference.upward_float") }</div>
                </Section>
                <Section id="s-fee-cost" zh="成本核算" en="Cost based" open={false}>
                    <div class="grid">
                        { f("fee_benchmark.cost.annual_operating_cost") }{ f("fee_benchmark.cost.government_subsidies") }
                        { f("fee_benchmark.cost.donations") }{ f("fee_benchmark.cost.enrolled_children") }
                        { f("fee_benchmark.cost.charging_months") }{ f("fee_benchmark.cost.cost_recovery_share") }
                    </div>
                </Section>
                <Section id="s-fee-hours" zh="天数与时长（可选）" en="Days and hours (optional)" open={false}>
                    <div class="grid">{ f("fee_benchmark.days_per_month") }{ f("fee_benchmark.full_day_hours") }{ f("fee_benchmark.half_day_hours") }</div>
                </Section>
                <Section id="s-fee-proposed" zh="拟定收费" en="Proposed fees">
                    <div class="grid">
                        { f("fee_benchmark.proposed.full_day") }{ f("fee_benchmark.proposed.half_day") }
                        { f("fee_benchmark.proposed.hourly") }{ f("fee_benchmark.proposed.temporary") }
                    </div>
                </Section>
            </form>
            <section class="results" id="fee-result" data-computed={computed.to_string()}>
                <h2>{ lang.t("收费基准", "Fee benchmark") }</h2>
                if let Some(e) = state.error() {
                    <div class="banner error" role="alert" data-path={e.path.clone()}>{ super::field::labelled_message(e, lang) }</div>
                }
                { match (&section, computed) {
                    (Some(v), true) => html! { <JsonSection value={v.clone()} {lang} /> },
                    (Some(_), false) => html! { <p class="note">{ lang.t(
                        "当前版本的计算库尚未提供收费基准的计算结果。",
                        "This build of the calculation library does not compute the fee benchmark yet.") }</p> },
                    (None, _) if not_in_force.is_some() => not_in_force.clone().unwrap_or_default(),
                    (None, _) => html! { <p class="note">{ lang.t(
                        "填写定价方法和参照标准或成本后，这里显示各服务方式的收费基准和拟收费检查。",
                        "Fill in the method and the reference or the costs to see the benchmark by mode and the check of your proposed fees.") }</p> },
                } }
            </section>
        </div>
    }
}
