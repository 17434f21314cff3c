//! No panic takes the page down silently: the hook shows a message and the error on the page.

use std::panic::PanicHookInfo;

/// The text shown for a panic.
#[must_use]
pub fn message(info: &PanicHookInfo<'_>) -> String {
    let payload = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string());
    match info.location() {
        Some(l) => format!("{payload} ({}:{})", l.file(), l.line()),
        None => payload,
    }
}

/// Installs the hook: the `#panic` banner is filled in and shown, and the error logged.
/// Through yew, so that its renderer does not replace the hook with its console-only default.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let text = message(info);
        web_sys::console::error_1(&format!("tuoyu panic: {text}").into());
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let el = match doc.get_element_by_id("panic") {
            Some(el) => el,
            None => match doc.create_element("div") {
                Ok(el) => {
                    el.set_id("panic");
                    if let Some(b) = doc.body() {
                        let _ = b.prepend_with_node_1(&el);
                    }
                    el
                }
                Err(_) => return,
            },
        };
        el.set_inner_html(
            "<strong>程序出错，页面已停止响应。请刷新页面；您的输入保存在地址栏链接中。<br>\
             Something went wrong and the page stopped. Reload it; your input is kept in the \
             link.</strong><pre></pre><button type=\"button\" onclick=\"location.reload()\">\
             刷新 Reload</button>",
        );
        if let Ok(Some(pre)) = el.query_selector("pre") {
            pre.set_text_content(Some(&text));
        }
        let _ = el.set_attribute("role", "alert");
        let _ = el.remove_attribute("hidden");
    }));
}

/// Panics on purpose, so the end-to-end tests can check that a panic shows the banner (called
/// from JavaScript as `tuoyu_panic_self_test()` of `web.js`; nothing in the page calls it).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn tuoyu_panic_self_test() {
    panic!("self-test: the panic banner works");
}
