//! The page header: title, language toggle and the menu of views.

use crate::i18n::Lang;
use crate::state::{Action, State, View};
use yew::prelude::*;

/// Moves the focus (and the view) to the result of the page shown: the statement, the fee or
/// capacity result, the claim report, else the main content. Keeps the `#r=` link in the address
/// bar, which an `href="#…"` jump would replace.
fn skip_to_result(e: MouseEvent) {
    e.prevent_default();
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let target = ["main .results", "main #claim-report", "main"]
        .iter()
        .find_map(|sel| doc.query_selector(sel).ok().flatten());
    if let Some(el) = target {
        if !el.has_attribute("tabindex") {
            let _ = el.set_attribute("tabindex", "-1");
        }
        if let Ok(h) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
            let _ = h.focus();
            h.scroll_into_view();
        }
    }
}

/// Properties of [`Header`]: by props, not the app's context, so a keystroke does not render it.
#[derive(Properties, PartialEq, Clone)]
pub struct HeaderProps {
    /// Language.
    pub lang: Lang,
    /// The view shown.
    pub view: View,
    /// Where changes go.
    pub dispatch: UseReducerDispatcher<State>,
}

/// The header.
#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let lang = props.lang;
    let view = props.view;
    let toggle = {
        let s = props.dispatch.clone();
        Callback::from(move |_| {
            s.dispatch(Action::Lang(if lang == Lang::Zh {
                Lang::En
            } else {
                Lang::Zh
            }));
        })
    };
    html! {
        <header class="top no-print">
            <a class="skip-link" href="#view" onclick={Callback::from(skip_to_result)}>
                { if matches!(view, View::Policy | View::Sweep) {
                    lang.t("跳到正文", "Skip to the content")
                } else {
                    lang.t("跳到计算结果", "Skip to the result")
                } }
            </a>
            <div class="brand">
                <span class="logo" aria-hidden="true">{"托"}</span>
                <div>
                    <h1>{ lang.t("托育机构税费优惠测算", "Childcare tax & fee preferences") }</h1>
                    <p class="sub">{ lang.t("昆明市晋宁区 · 社区托育服务", "Jinning district, Kunming · community childcare") }</p>
                </div>
                <button type="button" class="lang" id="lang-toggle" onclick={toggle}
                    aria-label={lang.t("Switch to English", "切换到中文")}>
                    { lang.t("English", "中文") }
                </button>
            </div>
            <nav aria-label={lang.t("功能", "Views")}>
                { for View::ALL.iter().map(|v| {
                    let s = props.dispatch.clone();
                    let v = *v;
                    let onclick = Callback::from(move |_| s.dispatch(Action::View(v)));
                    let current = view == v;
                    html! {
                        <button type="button" class={classes!("tab", current.then_some("current"))}
                            data-view={v.id()} aria-current={current.then_some("page")} {onclick}>
                            { v.label(lang) }
                        </button>
                    }
                }) }
            </nav>
        </header>
    }
}
