//! The headline sentence above the lines: the year's saving for the facility, split by tax, and
//! what the landlord saves besides.

use crate::i18n::{group_digits, Lang};
use calc_core::frontend::claiming::by_tax;
use calc_core::Statement;
use rust_decimal::Decimal;
use std::rc::Rc;
use yew::prelude::*;

/// The headline in `lang`: "2026年，本机构可享受的优惠合计约 ¥X（增值税及附加 ¥…，所得税 ¥…，其他税费 ¥…），房东另享 ¥Y。"
#[must_use]
pub fn headline(st: &Statement, lang: Lang) -> String {
    let y = |d: &Decimal| group_digits(&d.to_string());
    let [vat, cit, other] = by_tax(st).unwrap_or_default();
    let en = lang == Lang::En;
    let mut s = if en {
        format!("In {}, this facility can save about ¥{} in all (VAT and surcharges ¥{}, income tax ¥{}", st.year, y(&st.total.0), y(&vat), y(&cit))
    } else {
        format!(
            "{}年，本机构可享受的优惠合计约 ¥{}（增值税及附加 ¥{}，所得税 ¥{}",
            st.year,
            y(&st.total.0),
            y(&vat),
            y(&cit)
        )
    };
    if !other.is_zero() {
        s.push_str(lang.t("，其他税费 ¥", ", other taxes and fees ¥"));
        s.push_str(&y(&other));
    }
    s.push_str(lang.t("）", ")"));
    if !st.total_landlord.0.is_zero() {
        s.push_str(lang.t("，房东另享 ¥", "; the landlord saves a further ¥"));
        s.push_str(&y(&st.total_landlord.0));
    }
    s.push_str(lang.t("。", "."));
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

/// The headline sentence.
#[function_component(Headline)]
pub fn headline_view(props: &HeadlineProps) -> Html {
    html! { <p class="headline" id="headline">{ headline(&props.statement, props.lang) }</p> }
}
