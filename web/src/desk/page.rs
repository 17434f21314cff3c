//! The desk's own page (`desk.html`, built from the `desk` binary into `desk.js` and
//! `desk_bg.wasm`): the calculator page links to it and carries none of it.
//!
//! The page shares the calculator's language setting (localStorage `tuoyu.lang`) and style
//! sheet; a claim opened "in the estimate view" opens the calculator in a new tab (`index.html#r=…`),
//! so the desk and its results stay where they are.

use super::view::DeskView;
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

/// The desk page: a header (title, language, the way back to the calculator) and the desk.
#[function_component(DeskApp)]
pub fn desk_app() -> Html {
    let lang = use_state(saved_lang);
    {
        let lang = *lang;
        use_effect_with(lang, |lang| {
            platform::save(KEY_LANG, if *lang == Lang::En { "en" } else { "zh" });
            platform::set_document_language(
                lang.code(),
                lang.t(
                    "申报核验台 · 托育税费优惠",
                    "Claim desk · childcare tax preferences",
                ),
            );
        });
    }
    let l = *lang;
    let toggle = {
        let lang = lang.clone();
        Callback::from(move |_| {
            lang.set(if *lang == Lang::Zh {
                Lang::En
            } else {
                Lang::Zh
            });
        })
    };
    html! {
        <>
            <header class="top no-print">
                <a class="skip-link" href="#view">{ l.t("跳到正文", "Skip to the content") }</a>
                <div class="brand">
                    <span class="logo" aria-hidden="true">{"托"}</span>
                    <div>
                        <h1>{ l.t("申报核验台", "Claim desk") }</h1>
                        <p class="sub">{ l.t("托育机构税费优惠申报的批量核验", "Verify files of childcare tax-preference claims") }</p>
                    </div>
                    <button type="button" class="lang" id="lang-toggle" onclick={toggle}
                        aria-label={l.t("Switch to English", "切换到中文")}>
                        { l.t("English", "中文") }
                    </button>
                </div>
                <nav aria-label={l.t("功能", "Views")}>
                    <a class="tab" id="to-calculator" href="./">{ l.t("← 优惠测算", "← Calculator") }</a>
                    <span class="tab current" aria-current="page">{ l.t("批量核验", "Claim desk") }</span>
                </nav>
            </header>
            <main id="view" data-view="desk"><DeskView lang={l} /></main>
            <footer class="no-print">
                <p>{ l.t(
                    "文件只在您的浏览器中核验，数据不会上传。核验依据晋宁区托育服务方案（征求意见稿）及国家政策文件，仅供参考，以税务机关认定为准。",
                    "Files are verified in your browser; nothing is uploaded. Based on the Jinning district childcare plan (draft for comment) and the national documents; for reference, the tax authority decides.") }</p>
            </footer>
        </>
    }
}

/// Mounts the desk on the page's `<div id="app">` (or the body when it is missing).
pub fn start() {
    crate::panic::install();
    let doc = web_sys::window().and_then(|w| w.document());
    match doc.and_then(|d| d.get_element_by_id("app")) {
        Some(el) => {
            yew::Renderer::<DeskApp>::with_root(el).render();
        }
        None => {
            yew::Renderer::<DeskApp>::new().render();
        }
    }
    // The last run's results, if this browser kept them.
    crate::desk::run::restore();
}
