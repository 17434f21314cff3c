//! 家长实付 (SPEC §12.4): what a typical family pays for a place after the childcare subsidy and
//! the income-tax deduction for infant care — the request's `household` section, filled by an
//! operator and printed for parents. Every figure is calc-core's `sections.household`.

use super::estimate::{Rows, Section};
use super::field::field_html;
use super::Ctx;
use crate::i18n::{group_digits, Lang};
use calc_core::household::HouseholdResult;
use calc_core::money::Dec;
use calc_core::params::ParamId;
use yew::prelude::*;

/// Where the figure of parameter `id` comes from, as the section used it: the parameter's label
/// and value, the document in `lang` and its article, linked to its text where there is one; as
/// HTML text.
fn law_of(h: &HouseholdResult, id: ParamId, lang: Lang) -> Option<String> {
    let id = id.as_str();
    h.parameters.iter().find(|p| p.id == id).map(|p| {
        let c = &p.source;
        let t = esc(&format!(
            "{}{}{} · {} {}",
            super::line_row::param_label(id, lang).unwrap_or(id),
            lang.t("：", ": "),
            super::line_row::value_text(id, &p.value, lang),
            super::line_row::doc_title(&c.document, c.title_en.as_deref(), lang),
            super::line_row::article_text(&c.article, c.article_en.as_deref(), lang)
        ));
        match &c.url {
            Some(u) if u.starts_with("https://") || u.starts_with("http://") => {
                format!("<a href=\"{}\">{t}</a>", esc(u))
            }
            _ => t,
        }
    })
}

/// `s` with the characters HTML gives a meaning escaped, for text placed in HTML.
#[must_use]
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// An amount for people: `¥1,200.00`, `-¥3,600.00`.
fn money(d: &Dec) -> String {
    let t = group_digits(&d.to_string());
    match t.strip_prefix('-') {
        Some(p) => format!("-¥{p}"),
        None => format!("¥{t}"),
    }
}

/// The 家长实付 page (a plain function: see [`super::law::law_inputs`]).
pub fn household(state: &Ctx) -> Html {
    let lang = state.lang;
    let f = |p: &'static str| field_html(state, p);
    let st = state.statement();
    let h = st.and_then(|s| s.household.as_ref());
    let year = st.map_or_else(
        || state.form.get("year").to_string(),
        |s| s.year.to_string(),
    );
    // The steps are printed too: their box is opened first.
    let print = Callback::from(|_| {
        if let Some(d) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|doc| {
                doc.query_selector("#household-result details")
                    .ok()
                    .flatten()
            })
        {
            let _ = d.set_attribute("open", "");
        }
        crate::platform::print();
    });
    html! {
        <div class="estimate sections-page household-page">
            <form class="inputs no-print" autocomplete="off" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}
                aria-label={lang.t("家庭情况", "The family")}>
                <p class="hint">{ lang.t(
                    "为家长测算：本园保育费减去国家育儿补贴和3岁以下婴幼儿照护个税扣除少缴的税，就是家长实际负担。填一个典型家庭即可打印给家长。",
                    "For parents: the facility's fee less the national childcare subsidy and the income tax saved by the infant-care deduction is what the family really pays. Fill in a typical family and print it for parents.") }</p>
                <Section id="s-household" zh="保育费" en="The fee">
                    <div class="grid">{ f("year") }{ f("household.monthly_fee") }{ f("household.months_enrolled") }</div>
                </Section>
                <Section id="s-children" zh="孩子" en="Children">
                    <Rows array="household.children" fields={vec!["birth_date"]} zh="孩子" en="Child" />
                </Section>
                <Section id="s-iit" zh="个人所得税（可选）" en="Income tax (optional)">
                    <div class="grid">{ f("household.iit_marginal_rate") }{ f("household.iit_deduction_share") }</div>
                </Section>
            </form>
            <section class="results household" id="household-result" aria-labelledby="household-title">
                <h2 id="household-title">{ format!("{} · {year}", lang.t("家长实付", "What the family pays")) }</h2>
                if let Some(e) = state.error() {
                    <div class="banner error" role="alert" data-path={e.path.clone()}>{ super::field::labelled_message(e, lang) }</div>
                }
                { match h {
                    Some(h) => result_html(h, lang),
                    None => html! { <p class="note">{ lang.t(
                        "填写每月保育费和孩子的出生日期后，这里显示家长实付及每一项的政策依据。",
                        "Fill in the monthly fee and the children's dates of birth to see what the family pays, each figure with its law.") }</p> },
                } }
                if h.is_some() {
                    <button type="button" class="no-print" id="household-print" onclick={print}>{ lang.t("打印给家长", "Print for parents") }</button>
                }
            </section>
        </div>
    }
}

/// The family's figures as HTML text (one string, not a tree of elements built by code: the
/// page stays small).
fn result_html(h: &HouseholdResult, lang: Lang) -> Html {
    use std::fmt::Write;
    let e = esc;
    let t = &h.totals;
    let mut out = format!(
        "<div class=\"household-figures\"><div class=\"table-wrap\"><table class=\"household-sum\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        lang.t("项目（依据）", "Item (its law)"),
        lang.t("全年金额", "For the year")
    );
    let rows = [
        (
            "hh-fees",
            "",
            lang.t(
                "保育费（月费 × 入托月数）",
                "Fees (monthly fee × months enrolled)",
            ),
            &t.fees,
            Some(lang.t("本园收费", "the facility's fee").to_string()),
        ),
        (
            "hh-subsidy",
            "− ",
            lang.t("国家育儿补贴", "National childcare subsidy"),
            &t.subsidy,
            law_of(h, ParamId::HouseholdChildcareSubsidyAnnual, lang),
        ),
        (
            "hh-tax",
            "− ",
            lang.t(
                "个税少缴（婴幼儿照护专项附加扣除）",
                "Income tax saved (infant-care deduction)",
            ),
            &t.tax_saved,
            law_of(h, ParamId::HouseholdIitInfantDeductionMonthly, lang),
        ),
        (
            "hh-net",
            "= ",
            lang.t("家长实付", "The family pays"),
            &t.net_cost,
            None,
        ),
    ];
    for (id, sign, label, d, law) in rows {
        if id == "hh-net" {
            out.push_str("</tbody><tfoot>");
        }
        let _ = write!(
            out,
            "<tr id=\"{id}\" data-amount=\"{d}\"><th scope=\"row\">{sign}{label}<span class=\"cite\">{}</span></th><td class=\"num\">{}</td></tr>",
            law.unwrap_or_default(),
            money(d)
        );
    }
    out.push_str("</tfoot></table></div><ul class=\"household-children\">");
    for (i, c) in h.children.iter().enumerate() {
        let (b, m, s, d, x) = (
            c.birth_date,
            c.months_under_3,
            money(&c.subsidy),
            money(&c.deduction),
            money(&c.tax_saved),
        );
        let _ = write!(
            out,
            "<li data-months=\"{m}\" data-subsidy=\"{}\" data-deduction=\"{}\" data-tax-saved=\"{}\">{}</li>",
            c.subsidy,
            c.deduction,
            c.tax_saved,
            if lang == Lang::Zh {
                format!("孩子 {}（{b} 出生）：当年3岁以下 {m} 个月，育儿补贴 {s}，个税扣除 {d}，少缴税款 {x}", i + 1)
            } else {
                format!("Child {} (born {b}): {m} months under 3 in the year, subsidy {s}, deduction {d}, tax saved {x}", i + 1)
            }
        );
    }
    out.push_str("</ul>");
    // The notes (a benefit not yet in force, a negative net cost) are read without opening the
    // steps.
    for n in &h.notes {
        let _ = write!(out, "<p class=\"note\">{}</p>", e(lang.t(&n.zh, &n.en)));
    }
    let _ = write!(
        out,
        "<details class=\"steps-box\"><summary>{}</summary><ol class=\"steps\">",
        lang.t("计算过程", "How it is worked out")
    );
    for s in &h.steps {
        let _ = write!(
            out,
            "<li>{}</li>",
            e(&super::line_row::group_in_text(lang.t(&s.zh, &s.en)))
        );
    }
    let _ = write!(
        out,
        "</ol></details><p class=\"small\">{}</p></div>",
        lang.t(
            "仅供参考：育儿补贴以当地实际发放为准；个税少缴按所填边际税率估算，以个人所得税汇算为准。",
            "An estimate: the subsidy is as paid locally; the tax saved uses the marginal rate entered, and the annual income tax return decides."
        )
    );
    Html::from_html_unchecked(AttrValue::from(out))
}
