//! The headline sentence above the lines: the year's saving for the facility, split by tax, and
//! what the landlord saves besides.

use crate::i18n::{group_digits, Lang};
use calc_core::frontend::claiming::{by_tax, missing_inputs, pending_by_tax};
use calc_core::statement::Status;
use calc_core::Statement;
use std::rc::Rc;
use yew::prelude::*;

/// The headline in `lang`: "2026年，本机构可享受的优惠合计约 ¥X（增值税及附加 ¥…，所得税 ¥…，其他税费 ¥…），房东另享 ¥Y。"
#[must_use]
pub fn headline(st: &Statement, lang: Lang) -> String {
    let sums = by_tax(st).unwrap_or_default();
    let pending = pending_by_tax(st);
    let mut s = st.year.to_string();
    s.push_str(lang.t(
        "年，本机构可享受的优惠合计约 ¥",
        ", this facility can save about ¥",
    ));
    s.push_str(&group_digits(&st.total.0.to_string()));
    let parts = [
        lang.t("（增值税及附加", " in all (VAT and surcharges"),
        lang.t("，所得税", ", income tax"),
        lang.t("，其他税费", ", other taxes and fees"),
    ];
    for (i, name) in parts.into_iter().enumerate() {
        if i == 2 && sums[2].is_zero() && !pending[2] {
            continue;
        }
        s.push_str(name);
        // A group whose lines wait for input is "to be filled in", not ¥0.00.
        if pending[i] {
            s.push_str(lang.t(" 待填写", " to be filled in"));
        } else {
            s.push_str(" ¥");
            s.push_str(&group_digits(&sums[i].to_string()));
        }
    }
    s.push_str(lang.t("）", ")"));
    if !st.total_landlord.0.is_zero() {
        s.push_str(lang.t("，房东另享 ¥", "; the landlord saves a further ¥"));
        s.push_str(&group_digits(&st.total_landlord.0.to_string()));
    }
    s.push_str(lang.t("。", "."));
    if lang == Lang::En {
        s.insert_str(0, "In ");
    }
    s
}

/// Properties of [`Headline`].
#[derive(Properties, PartialEq, Clone)]
pub struct HeadlineProps {
    /// The statement.
    pub statement: Rc<Statement>,
    /// Language.
    pub lang: Lang,
}

/// Whether nothing is entered that any line can work with: every line is "not applicable" (a
/// blank form). Its total of 0.00 says nothing about the facility, so the page asks for input.
#[must_use]
pub fn nothing_entered(st: &Statement) -> bool {
    st.lines.iter().all(|l| l.status == Status::NotApplicable)
}

/// Whether the statement waits for input: no line applies, is refused or out of force, only "not
/// applicable" (nothing entered for it) and "missing input". Its total of 0.00 is no answer yet.
#[must_use]
pub fn awaiting_input(st: &Statement) -> bool {
    st.lines
        .iter()
        .all(|l| matches!(l.status, Status::NotApplicable | Status::MissingInput))
}

/// Links to the fields at `paths`, by their labels, separated as a list is in `lang`.
fn field_links(paths: &[&str], lang: Lang) -> Html {
    html! { { for paths.iter().enumerate().map(|(i, p)| {
        let path = p.to_string();
        let label = calc_core::frontend::labels::field_label(p, lang);
        html! { <>
            if i > 0 { { lang.t("、", ", ") } }
            <button type="button" class="link go-fill" data-path={path.clone()}
                onclick={Callback::from(move |_| super::statement::focus_field(&path))}>{ label }</button>
        </> }
    }) } }
}

/// The headline sentence; on a blank form, what to enter instead of a saving of 0.00; when lines
/// lack an input, which (each a link to its field).
#[function_component(Headline)]
pub fn headline_view(props: &HeadlineProps) -> Html {
    let (st, lang) = (&props.statement, props.lang);
    let missing = missing_inputs(st);
    if nothing_entered(st) {
        return html! {
            <p class="headline empty" id="headline" data-state="blank">
                { lang.t("尚未填写可计算的内容：请填写本机构的收入、房产、土地等情况，或从上方的示例开始。先填写 ",
                    "Nothing to work out yet: enter the facility's revenue, buildings and land, or start from an example above. Begin with ") }
                { field_links(&["revenue.childcare"], lang) }{ lang.t("。", ".") }
            </p>
        };
    }
    if awaiting_input(st) && !missing.is_empty() {
        return html! {
            <p class="headline empty" id="headline" data-state="missing">
                { lang.t("还不能算出优惠，请先填写：", "The saving cannot be worked out yet; fill in: ") }
                { field_links(&missing, lang) }{ lang.t("。", ".") }
            </p>
        };
    }
    html! { <>
        <p class="headline" id="headline">{ headline(st, lang) }</p>
        if !missing.is_empty() {
            <p class="small missing-note" id="headline-missing">
                { lang.t("以下数据未填写，相关优惠未计入合计：", "Not counted in the total until filled in: ") }
                { field_links(&missing, lang) }{ lang.t("。", ".") }
            </p>
        }
    </> }
}
