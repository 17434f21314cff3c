//! The desk's own pages: `desk.html` (the `desk` binary, `desk.js` + `desk_bg.wasm`) for files of
//! claims, and `desk-claim.html#r=<request>` (the `desk_claim` binary) for one claim on the
//! facility the calculator's link carries. The calculator page links to both and carries neither;
//! each page's module has only its own view (the desk's has no calc-core verification: its workers
//! do that; the one-claim page's has it, and nothing of the desk).
//!
//! The page shares the calculator's language setting (localStorage `tuoyu.lang`) and style
//! sheet; a claim opened "in the estimate view" opens the calculator in a new tab (`index.html#r=…`),
//! so the desk and its results stay where they are.

use super::view::DeskView;
use crate::components::claim_form::ClaimForm;
use crate::i18n::Lang;
use crate::platform;
use yew::prelude::*;

const KEY_LANG: &str = "tuoyu.lang";

fn saved_lang() -> Lang {
    match platform::load(KEY_LANG).as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    }
}

/// The page's language: the calculator's saved setting, saved again when toggled, with the
/// document's language and `title` (zh, en) following it.
#[hook]
fn use_page_lang(title: (&'static str, &'static str)) -> UseStateHandle<Lang> {
    let lang = use_state(saved_lang);
    use_effect_with(*lang, move |lang| {
        platform::save(KEY_LANG, if *lang == Lang::En { "en" } else { "zh" });
        platform::set_document_language(lang.code(), lang.t(title.0, title.1));
    });
    lang
}

/// The header of the desk's pages: title and subtitle (zh, en), the language toggle, and the
/// way back to the calculator (`back`: its link, the request's fragment when there is one).
fn header(lang: &UseStateHandle<Lang>, title: (&str, &str), sub: (&str, &str), back: &str) -> Html {
    let l = **lang;
    let toggle = {
        let lang = lang.clone();
        Callback::from(move |_| {
            lang.set(if *lang == Lang::Zh {
                Lang::En
            } else {
                Lang::Zh
            })
        })
    };
    html! {
        <header class="top no-print">
            <a class="skip-link" href="#view">{ l.t("跳到正文", "Skip to the content") }</a>
            <div class="brand">
                <span class="logo" aria-hidden="true">{"托"}</span>
                <div>
                    <h1>{ l.t(title.0, title.1) }</h1>
                    <p class="sub">{ l.t(sub.0, sub.1) }</p>
                </div>
                <button type="button" class="lang" id="lang-toggle" onclick={toggle}
                    aria-label={l.t("Switch to English", "切换到中文")}>
                    { l.t("English", "中文") }
                </button>
            </div>
            <nav aria-label={l.t("功能", "Views")}>
                <a class="tab" id="to-calculator" href={back.to_string()}>{ l.t("← 优惠测算", "← Calculator") }</a>
                <span class="tab current" aria-current="page">{ l.t(title.0, title.1) }</span>
            </nav>
        </header>
    }
}

/// The desk page: a header (title, language, the way back to the calculator) and the desk.
#[function_component(DeskApp)]
pub fn desk_app() -> Html {
    let lang = use_page_lang((
        "申报核验台 · 托育税费优惠",
        "Claim desk · childcare tax preferences",
    ));
    let l = *lang;
    html! {
        <>
            { header(&lang, ("申报核验台", "Claim desk"),
                ("托育机构税费优惠申报的批量核验", "Verify files of childcare tax-preference claims"), "./") }
            <main id="view" data-view="desk"><DeskView lang={l} /></main>
            <footer class="no-print">
                <p>{ l.t(
                    "文件只在您的浏览器中核验，数据不会上传。核验依据晋宁区托育服务方案（征求意见稿）及国家政策文件，仅供参考，以税务机关认定为准。",
                    "Files are verified in your browser; nothing is uploaded. Based on the Jinning district childcare plan (draft for comment) and the national documents; for reference, the tax authority decides.") }</p>
            </footer>
        </>
    }
}

/// The one-claim page (`desk-claim.html#r=<request>`, the `desk_claim` binary): the facility's
/// request comes from the calculator's link; the officer enters the declared amounts.
#[function_component(ClaimApp)]
pub fn claim_app() -> Html {
    let lang = use_page_lang((
        "核验一笔申报 · 托育税费优惠",
        "Verify one claim · childcare tax preferences",
    ));
    let l = *lang;
    // The request of the link (read again when the link changes in this tab).
    let request = use_state(|| crate::fragment::request_in(&platform::fragment()));
    {
        let request = request.clone();
        use_effect_with((), move |_| {
            platform::on_hashchange(move || {
                request.set(crate::fragment::request_in(&platform::fragment()));
            })
        });
    }
    let back = request.as_deref().map_or_else(
        || "./".to_string(),
        |r| format!("./{}", crate::fragment::fragment_for(r)),
    );
    html! {
        <>
            { header(&lang, ("核验一笔申报", "Verify one claim"),
                ("一家托育机构的申报金额逐项核验", "A childcare facility's declared amounts, item by item"), &back) }
            <main id="view" data-view="claim">
                if let Some(r) = (*request).clone() {
                    <ClaimForm request={r} lang={l} />
                } else {
                    <p class="note" id="claim-no-request">{ l.t(
                        "请先在“优惠测算”页填写机构情况，再在“申报核验”页点击“核验本机构的申报”。",
                        "Fill in the facility on the calculator first, then choose “verify this facility's claim” in its Verify view.") }
                        {" "}<a href="./">{ l.t("打开优惠测算 →", "Open the calculator →") }</a></p>
                }
                <p><a href="desk.html" id="open-desk">{ l.t("一个文件中的全部申报：打开申报核验台 →", "Every claim of a file: open the claim desk →") }</a></p>
            </main>
            <footer class="no-print">
                <p>{ l.t(
                    "只在您的浏览器中核验，数据不会上传。仅供参考，以税务机关认定为准。",
                    "Verified in your browser; nothing is uploaded. For reference; the tax authority decides.") }</p>
            </footer>
        </>
    }
}

/// Mounts `C` on the page's `<div id="app">` (or the body when it is missing).
fn mount<C: BaseComponent<Properties = ()>>() {
    crate::panic::install();
    let doc = web_sys::window().and_then(|w| w.document());
    match doc.and_then(|d| d.get_element_by_id("app")) {
        Some(el) => {
            yew::Renderer::<C>::with_root(el).render();
        }
        None => {
            yew::Renderer::<C>::new().render();
        }
    }
}

/// Mounts the desk, then restores the last run's results if this browser kept them.
pub fn start() {
    mount::<DeskApp>();
    crate::desk::run::restore();
}

/// Mounts the one-claim page.
pub fn start_claim() {
    mount::<ClaimApp>();
}
