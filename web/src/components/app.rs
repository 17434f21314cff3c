//! The root component: state, persistence (localStorage, `#r=` link) and the page frame.

use super::header::Header;
use super::Ctx;
use crate::form::Form;
use crate::fragment;
use crate::i18n::Lang;
use crate::platform;
use crate::state::{Action, State, View};
use yew::prelude::*;

const KEY_REQUEST: &str = "tuoyu.request";
const KEY_LANG: &str = "tuoyu.lang";
const KEY_VIEW: &str = "tuoyu.view";

/// The form for a request JSON text, if it is a JSON object.
fn form_of(text: &str) -> Option<Form> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v @ serde_json::Value::Object(_)) => Some(Form::from_request(&v)),
        _ => None,
    }
}

/// The state at load: the request of the `#r=` link, else the one saved, else an empty form.
fn initial() -> State {
    let lang = match platform::load(KEY_LANG).as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    };
    let view = platform::load(KEY_VIEW)
        .and_then(|v| View::from_id(&v))
        .unwrap_or_default();
    // A shared link is about its statement: it opens on the estimate page.
    let frag = platform::fragment();
    if let Some(form) = fragment::request_in(&frag).and_then(|t| form_of(&t)) {
        return State::with_form(form, lang, View::Estimate);
    }
    let form = platform::load(KEY_REQUEST)
        .and_then(|t| form_of(&t))
        .unwrap_or_else(|| Form::new(platform::this_year()));
    let mut state = State::with_form(form, lang, view);
    if frag.contains("r=") {
        state.notice = Some((
            "链接中的数据无法读取（可能被截断），已显示上次保存的内容。".to_string(),
            "The data in the link could not be read (it may be cut off); showing what was saved last.".to_string(),
        ));
        state.view = View::Estimate;
    }
    state
}

thread_local! {
    /// What [`persist_later`] will save when its task runs (`None`: nothing pending).
    static PENDING: std::cell::RefCell<Option<(String, Lang, View)>> = const { std::cell::RefCell::new(None) };
    /// Whether no state has been saved yet.
    static FIRST: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
    /// The fragment this page last wrote (`#r=…`).
    static WRITTEN: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Saves the request, language and view to localStorage and the request to the `#r=` link, in
/// a task [`SAVE_DELAY_MS`] later ([`platform::later_by`]); calls before it runs replace what it
/// saves. The first call (the page's first render) saves at once, so the link is right from the
/// start; leaving the page (`pagehide`) saves what is pending.
fn persist_later(req: &str, lang: Lang, view: View) {
    let was_pending = PENDING.with(|p| p.replace(Some((req.to_string(), lang, view))).is_some());
    if was_pending {
        return;
    }
    if FIRST.with(|f| f.replace(false)) {
        persist_now();
        // A reload or a closed tab right after a keystroke still saves it (the listener stays
        // for the page's life).
        std::mem::forget(platform::on_window("pagehide", Box::new(persist_now)));
        return;
    }
    platform::later_by(SAVE_DELAY_MS, persist_now);
}

/// How long a keystroke's request waits before it is saved: typing writes the address bar and
/// localStorage a few times a second, not once per key (`history.replaceState` of a long link
/// costs 3–5 ms, more than the whole recomputation and render of a keystroke).
const SAVE_DELAY_MS: i32 = 250;

/// Saves what [`persist_later`] left pending, if anything.
fn persist_now() {
    let Some((req, lang, view)) = PENDING.with(|p| p.borrow_mut().take()) else {
        return;
    };
    // A link opened since the last save (its `hashchange` not yet handled) wins: saving the
    // state it replaces would put the old request back in the address bar before it is read.
    let now = platform::fragment();
    let opened = WRITTEN.with(|w| {
        w.borrow()
            .as_ref()
            .is_some_and(|ours| *ours != now && fragment::request_in(&now).is_some())
    });
    if opened {
        return;
    }
    platform::save(KEY_REQUEST, &req);
    platform::save(KEY_LANG, if lang == Lang::En { "en" } else { "zh" });
    platform::save(KEY_VIEW, view.id());
    let f = fragment::fragment_for(&req);
    platform::replace_fragment(&f);
    WRITTEN.with(|w| *w.borrow_mut() = Some(f));
}

/// The app.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let s = initial();
        platform::mark("tuoyu-state");
        s
    });

    use_effect_with((), |_| {
        platform::mark("tuoyu-first-result");
    });

    // Runs once the page has been rendered for a new request: action → DOM updated.
    {
        let started = state.started;
        use_effect_with(state.request.clone(), move |_| {
            platform::measure("tuoyu-render", started);
        });
    }

    {
        let (req, lang, view) = (state.request.clone(), state.lang, state.view);
        use_effect_with((req, lang, view), |(req, lang, view)| {
            // Saved and put in the address bar after the keystroke's frame, not inside it: a burst
            // of keystrokes writes once, with the last request.
            persist_later(req, *lang, *view);
        });
    }
    // The document's language and title change with the language only.
    use_effect_with(state.lang, |lang| {
        platform::set_document_language(
            lang.code(),
            lang.t(
                "托育税费优惠测算 · 晋宁区",
                "Childcare tax & fee preferences · Jinning",
            ),
        );
    });

    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            platform::on_hashchange(move || {
                if let Some(text) = fragment::request_in(&platform::fragment()) {
                    if let Ok(v @ serde_json::Value::Object(_)) =
                        serde_json::from_str::<serde_json::Value>(&text)
                    {
                        dispatcher.dispatch(Action::Load(v));
                    }
                }
            })
        });
    }

    let body = match state.view {
        View::Estimate => html! { <super::estimate::Estimate /> },
        View::Fees => html! { <super::fees::Fees /> },
        View::Capacity => html! { <super::capacity::Capacity /> },
        View::Household => super::household::household(&state),
        // The desk for files of claims is its own page (desk.html, its own module).
        View::Verify => html! { <>
            <section class="verify" aria-labelledby="verify-title">
                <h2 id="verify-title">{ state.lang.t("核验一笔申报", "Verify one claim") }</h2>
                <p>{ state.lang.t(
                    "以“优惠测算”页填写的机构与年度，在申报核验台逐项核验其申报的金额：",
                    "With the facility and year filled in on the Estimate page, check each declared amount on the claim desk: ") }
                    <a href={format!("desk-claim.html{}", crate::fragment::fragment_for(&state.request))} id="open-claim">
                        <strong>{ state.lang.t("核验本机构的申报 →", "verify this facility's claim →") }</strong></a></p>
            </section>
            <section class="batch" aria-labelledby="desk-link-title">
                <h2 id="desk-link-title">{ state.lang.t("批量核验", "Verify a file of claims") }</h2>
                <p>{ state.lang.t(
                    "一个文件中的全部申报（CSV、Excel .xlsx 或 JSON Lines），在本机浏览器中逐行核验：",
                    "Every claim of a file (CSV, Excel .xlsx or JSON Lines), verified row by row in this browser: ") }
                    <a href="desk.html" id="open-desk"><strong>{ state.lang.t("打开申报核验台 →", "open the claim desk →") }</strong></a></p>
            </section>
        </> },
        View::Policy => html! { <super::policy::Policy /> },
        View::Sweep => html! { <super::sweep::Sweep /> },
    };

    html! {
        <ContextProvider<Ctx> context={state.clone()}>
            <Header lang={state.lang} view={state.view} dispatch={state.dispatcher()} />
            <main id="view" data-view={state.view.id()}>{ body }</main>
            <footer class="no-print">
                <p>{ state.lang.t(
                    "所有计算在您的浏览器中完成，数据不会上传。结果依据晋宁区托育服务方案（征求意见稿）及国家政策文件，仅供测算参考，以税务机关认定为准。",
                    "Everything is computed in your browser; nothing is uploaded. Based on the Jinning district childcare plan (draft for comment) and the national documents; an estimate, the tax authority decides.") }</p>
            </footer>
        </ContextProvider<Ctx>>
    }
}
