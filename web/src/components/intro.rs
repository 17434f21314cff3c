//! The first screen's offer: what the tool does in one sentence, three example facilities to
//! start from (labelled as examples) and a blank form.

use crate::examples::EXAMPLES;
use crate::i18n::Lang;
use crate::state::{Action, State};
use yew::prelude::*;

/// Properties of [`Intro`]: by props, not the app's context, so a keystroke does not render it.
#[derive(Properties, PartialEq, Clone)]
pub struct IntroProps {
    /// Language.
    pub lang: Lang,
    /// Where the choice goes.
    pub dispatch: UseReducerDispatcher<State>,
}

/// The intro and the starting points.
#[function_component(Intro)]
pub fn intro(props: &IntroProps) -> Html {
    let lang = props.lang;
    let blank = {
        let s = props.dispatch.clone();
        Callback::from(move |_| s.dispatch(Action::Clear))
    };
    html! {
        <div class="intro" id="intro">
            <p class="intro-what">{ lang.t(
                "填写托育机构的收入、房产、土地等情况，本页逐项算出可享受的税费优惠，并给出计算过程、政策依据和办理方式。",
                "Enter a childcare facility's revenue, buildings and land: this page works out each tax and fee preference it can claim, with the steps, the legal basis and how to claim it.") }</p>
            <div class="toolbar" role="group" aria-label={lang.t("从示例开始", "Start from an example")}>
                <span class="small">{ lang.t("从示例开始：", "Start from an example:") }</span>
                { for EXAMPLES.iter().enumerate().map(|(i, e)| {
                    let s = props.dispatch.clone();
                    let id = e.id;
                    html! {
                        <button type="button" id={if i == 0 { "demo".to_string() } else { format!("example-{id}") }}
                            class={classes!((i == 0).then_some("primary"))} data-example={id}
                            onclick={Callback::from(move |_| s.dispatch(Action::Example(id)))}>
                            { lang.t("示例：", "Example: ") }{ lang.t(e.zh, e.en) }
                        </button>
                    }
                }) }
                <button type="button" id="clear" onclick={blank}>{ lang.t("空白表单", "Blank form") }</button>
            </div>
        </div>
    }
}
