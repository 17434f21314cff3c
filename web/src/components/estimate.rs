//! The estimate page: the facility's form on one side, its statement on the other.

use super::field::{field_html, AmountField};
use super::use_app;
use crate::state::Action;
use yew::prelude::*;

/// Properties of [`Rows`].
#[derive(Properties, PartialEq, Clone)]
pub struct RowsProps {
    /// The item array (`properties`, `land`, `acquisitions`).
    pub array: AttrValue,
    /// The fields of one row (suffixes after `array[i].`).
    pub fields: Vec<&'static str>,
    /// Row title in Chinese.
    pub zh: AttrValue,
    /// Row title in English.
    pub en: AttrValue,
}

/// The rows of an item array, each removable, and a button to add one.
#[function_component(Rows)]
pub fn rows(props: &RowsProps) -> Html {
    let state = use_app();
    let lang = state.lang;
    let array = props.array.to_string();
    let n = state.form.row_count(&array);
    let add = {
        let s = state.clone();
        let a = array.clone();
        Callback::from(move |_| s.dispatch(Action::AddRow(a.clone())))
    };
    html! {
        <div class="rows" data-array={array.clone()}>
            { for (0..n).map(|i| {
                let s = state.clone();
                let a = array.clone();
                let remove = Callback::from(move |_| s.dispatch(Action::RemoveRow(a.clone(), i)));
                html! {
                    <div class="row" data-row={i.to_string()}>
                        <div class="row-head">
                            <strong>{ format!("{} {}", lang.t(&props.zh, &props.en), i + 1) }</strong>
                            <button type="button" class="link remove" data-remove={format!("{array}[{i}]")} onclick={remove}>
                                { lang.t("删除", "Remove") }
                            </button>
                        </div>
                        <div class="grid">
                            { for props.fields.iter().map(|f| field_html(&state, &format!("{array}[{i}].{f}"))) }
                        </div>
                    </div>
                }
            }) }
            <button type="button" class="add" data-add={array.clone()} onclick={add}>
                { format!("+ {}", lang.t(&props.zh, &props.en)) }
            </button>
        </div>
    }
}

/// Properties of [`Section`].
#[derive(Properties, PartialEq, Clone)]
pub struct SectionProps {
    /// Anchor id.
    pub id: AttrValue,
    /// Title in Chinese.
    pub zh: AttrValue,
    /// Title in English.
    pub en: AttrValue,
    /// Content.
    pub children: Html,
    /// Open at first.
    #[prop_or(true)]
    pub open: bool,
}

/// A titled, collapsible part of the form.
#[function_component(Section)]
pub fn section(props: &SectionProps) -> Html {
    let state = use_app();
    // A section that starts closed gets its fields a task after the first result is on screen,
    // not in the same render (they are in the page before anyone can open it or follow a link).
    let built = use_state_eq(|| props.open);
    {
        let built = built.clone();
        use_effect_with((), move |_| {
            if !*built {
                crate::platform::later(move || built.set(true));
            }
        });
    }
    html! {
        <details class="section" id={props.id.clone()} open={props.open}>
            <summary><h2>{ state.lang.t(&props.zh, &props.en) }</h2></summary>
            <div class="section-body">if *built { { props.children.clone() } }</div>
        </details>
    }
}

fn fields(state: &super::Ctx, paths: &[&'static str]) -> Html {
    html! {
        <div class="grid">
            { for paths.iter().map(|p| field_html(state, p)) }
        </div>
    }
}

/// The estimate page.
#[function_component(Estimate)]
pub fn estimate() -> Html {
    let state = use_app();
    let lang = state.lang;
    html! {
        <div class="estimate">
            <form class="inputs no-print" autocomplete="off" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}
                aria-label={lang.t("机构情况", "The facility")}>
                <super::intro::Intro {lang} dispatch={state.dispatcher()} />
                <super::import::Import />
                if let Some((zh, en)) = &state.notice {
                    <p class="note demo-note" id="notice" role="status">{ lang.t(zh, en) }</p>
                }
                if state.demo {
                    <p class="note demo-note" role="status">{ lang.t(
                        "已填入晋宁区示例机构，数字均为示例。水、电、气、宽带价格为示例价格（未查到昆明现行价目），请按您的账单填写。",
                        "An example Jinning facility is filled in; every figure is an example. The water, power, gas and broadband prices are example prices (Kunming's tariffs were not found): use your own bills.") }</p>
                }
                <Section id="s-facility" zh="机构与纳税人" en="Facility and taxpayer">
                    { fields(&state, &["year", "facility.name", "facility.legal_form", "facility.location_class"]) }
                    { field_html(&state, "facility.service_modes") }
                    { fields(&state, &["facility.community_based", "facility.filed_with_health_commission", "taxpayer.vat", "taxpayer.small_low_profit"]) }
                    { super::law::law_inputs(&state) }
                </Section>
                <Section id="s-revenue" zh="收入与所得" en="Revenue and income">
                    <AmountField path="revenue.childcare" />
                    <AmountField path="revenue.other" />
                    { fields(&state, &["revenue.input_vat_on_childcare", "income_tax.taxable_income"]) }
                    <p class="hint">{ lang.t(
                        "社区托育服务收入只填3周岁及以下婴幼儿的照护、托管、膳食收入；3–6岁幼儿园收入填入“其他销售额”。",
                        "Childcare revenue is only for children aged 3 and under; kindergarten revenue for ages 3–6 goes in other sales.") }</p>
                </Section>
                <Section id="s-property" zh="房产" en="Buildings">
                    <Rows array="properties" fields={vec!["tenure", "original_value", "annual_rent", "used_from", "used_to"]} zh="房产" en="Building" />
                </Section>
                <Section id="s-land" zh="土地" en="Land">
                    <Rows array="land" fields={vec!["area_m2", "tax_per_m2", "tenure", "used_from", "used_to"]} zh="地块" en="Plot" />
                </Section>
                <Section id="s-acq" zh="购置房屋、土地（契税）" en="Acquisitions (deed tax)">
                    <Rows array="acquisitions" fields={vec!["kind", "price", "date"]} zh="购置" en="Acquisition" />
                </Section>
                <Section id="s-fees" zh="行政事业性收费" en="Administrative fees" open={false}>
                    { fields(&state, &["fees.registrations", "fees.registrations_residential"]) }
                    { fields(&state, &["fees.infrastructure.floor_area_m2", "fees.infrastructure.rate_per_m2", "fees.infrastructure.date"]) }
                    { fields(&state, &["fees.air_defence.geology_prevents_basement", "fees.air_defence.basement_area_m2", "fees.air_defence.rate_per_m2", "fees.air_defence.date"]) }
                    { fields(&state, &["fees.farmland_reclamation.area_m2", "fees.farmland_reclamation.rate_per_m2", "fees.farmland_reclamation.date"]) }
                    { fields(&state, &["fees.land_reclamation.amount", "fees.land_reclamation.date"]) }
                    { fields(&state, &["fees.land_idle.land_price", "fees.land_idle.idle_over_one_year", "fees.land_idle.date"]) }
                </Section>
                <Section id="s-utilities" zh="水电气宽带（按居民价格）" en="Utilities at household prices" open={false}>
                    <p class="hint">{ lang.t(
                        "昆明现行水电气价格未查到：请按账单填写商业价格与居民价格。",
                        "Kunming's tariffs were not found: enter the commercial and household prices from your bills.") }</p>
                    { fields(&state, &["utilities.electricity.kwh", "utilities.electricity.commercial_price", "utilities.electricity.household_price"]) }
                    { fields(&state, &["utilities.gas.m3", "utilities.gas.commercial_price", "utilities.gas.household_price"]) }
                    { fields(&state, &["utilities.water.tonnes", "utilities.water.commercial_price", "utilities.water.household_price"]) }
                    { fields(&state, &["utilities.broadband.months", "utilities.broadband.commercial_price", "utilities.broadband.household_price"]) }
                </Section>
                <Section id="s-params" zh="高级：参数覆盖" en="Advanced: parameter overrides" open={false}>
                    <p class="hint">{ lang.t(
                        "按参数编号覆盖内置参数（见“政策依据”页），被覆盖的数值在结果中标出。",
                        "Override built-in parameters by id (see Policy basis); overridden figures are marked in the results.") }</p>
                    { field_html(&state, "parameters") }
                    if !state.form.extra.is_null() {
                        <p class="note">{ lang.t("此链接还含有表单未显示的字段，计算时原样保留：", "This link also holds fields the form does not show; they are kept as they are: ") }
                            <code>{ state.form.extra.to_string() }</code></p>
                    }
                </Section>
            </form>
            <super::statement::StatementView />
        </div>
    }
}
