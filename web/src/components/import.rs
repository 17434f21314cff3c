//! Reopening a saved case: a request JSON file (as exported), pasted JSON, or a share link.

use super::use_app;
use crate::i18n::Lang;
use crate::state::Action;
use serde_json::Value;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The request in a saved text: a request JSON object, the `request` of a claim JSON, or the
/// request of a share link (`…#r=…`). Otherwise why not, in (zh, en).
pub fn request_of(text: &str) -> Result<Value, (&'static str, &'static str)> {
    let text = text.trim();
    let json = if text.starts_with('{') {
        text.to_string()
    } else {
        let frag = text.find("#r=").map_or(text, |i| &text[i..]);
        crate::fragment::request_in(frag).ok_or((
            "无法读取：请导入“导出请求 JSON”保存的文件、粘贴其内容或本页的链接。",
            "Cannot read it: import a file saved by “Request JSON”, paste its text or this page's link.",
        ))?
    };
    match serde_json::from_str::<Value>(&json) {
        Ok(Value::Object(m)) => {
            if m.get("schema").and_then(Value::as_str)
                == Some(calc_core::statement::STATEMENT_SCHEMA)
            {
                return Err((
                    "这是结果 JSON，无法据此重新计算：请导入“导出请求 JSON”保存的文件。",
                    "This is a statement JSON, which cannot be recomputed: import the file saved by “Request JSON”.",
                ));
            }
            // A claim (tuoyu.claim.v1) holds the request it was made for.
            if let Some(r @ Value::Object(_)) = m.get("request") {
                return Ok(r.clone());
            }
            Ok(Value::Object(m))
        }
        Ok(_) => Err(("内容不是 JSON 对象。", "The content is not a JSON object.")),
        Err(_) => Err(("内容不是有效的 JSON。", "The content is not valid JSON.")),
    }
}

/// The import panel.
#[function_component(Import)]
pub fn import() -> Html {
    let state = use_app();
    let lang = state.lang;
    let error = use_state(|| None::<(&'static str, &'static str)>);
    let open = {
        let (s, error) = (state.clone(), error.clone());
        Callback::from(move |text: String| match request_of(&text) {
            Ok(v) => {
                error.set(None);
                s.dispatch(Action::Load(v));
            }
            Err(e) => error.set(Some(e)),
        })
    };
    let onfile = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // The promise's callback, not an async executor (the page carries none).
            let open = open.clone();
            let cb: wasm_bindgen::closure::Closure<dyn FnMut(wasm_bindgen::JsValue)> =
                wasm_bindgen::closure::Closure::once(move |t: wasm_bindgen::JsValue| {
                    open.emit(t.as_string().unwrap_or_default());
                });
            let _ = file.text().then(&cb);
            cb.forget();
            input.set_value("");
        })
    };
    let onpaste = {
        let open = open.clone();
        Callback::from(move |_| {
            let text = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("import-text"))
                .and_then(|el| el.dyn_into::<HtmlTextAreaElement>().ok())
                .map(|t| t.value())
                .unwrap_or_default();
            open.emit(text);
        })
    };
    html! {
        <details class="import" id="import">
            <summary>{ lang.t("打开已保存的案例（请求 JSON 文件、粘贴内容或链接）", "Open a saved case (request JSON file, pasted text or link)") }</summary>
            <div class="import-body">
                // The browser writes its own words on a file input's button ("Choose File" on a
                // Chinese page): the input is hidden from sight, its label is the button.
                <input type="file" id="import-file" class="file-input" accept=".json,application/json" onchange={onfile} />
                <label for="import-file" class="file-button">{ lang.t("选择请求 JSON 文件…", "Choose a request JSON file…") }</label>
                <label for="import-text">{ lang.t("或粘贴 JSON 或链接", "or paste the JSON or a link") }</label>
                <textarea id="import-text" rows="3" />
                <button type="button" id="import-open" onclick={onpaste}>{ lang.t("打开", "Open") }</button>
                if let Some(e) = *error {
                    <p class="err" role="alert" id="import-error">{ if lang == Lang::En { e.1 } else { e.0 } }</p>
                }
            </div>
        </details>
    }
}
