//! Thin wrappers over the browser: clock, storage, address bar, downloads. Each one does
//! nothing (rather than failing) where the browser refuses, e.g. storage in a private window.

use wasm_bindgen::JsCast;

/// Milliseconds from `performance.now()` (0 when unavailable).
#[must_use]
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Records a `performance.mark` named `name`.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Records a `performance.measure` from `start` (a `performance.now()` value) to now.
pub fn measure(name: &str, start: f64) {
    let Some(p) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&opts, &"end".into(), &p.now().into());
    if let Ok(f) = js_sys::Reflect::get(&p, &"measure".into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call2(&p, &name.into(), &opts);
        }
    }
}

/// The current year by the browser's clock.
#[must_use]
pub fn this_year() -> i32 {
    let y = js_sys::Date::new_0().get_full_year();
    i32::try_from(y).unwrap_or(2026)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads `key` from localStorage.
#[must_use]
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Writes `key` to localStorage.
pub fn save(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// Sets the document's `lang` attribute (`zh-CN`, `en`) and its title (both pages, on a
/// language change).
pub fn set_document_language(code: &str, title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", code);
        }
        doc.set_title(title);
    }
}

/// The page's fragment (`#…`), empty when none.
#[must_use]
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the fragment without a new history entry and without a `hashchange` event.
pub fn replace_fragment(fragment: &str) {
    if let Some(w) = web_sys::window() {
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment));
        }
    }
}

/// Offers `content` as a file download named `name`.
pub fn download(name: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) {
        download_blob(name, &blob);
    }
}

/// Offers a `Blob` (e.g. a report assembled from many parts) as a file download named `name`.
pub fn download_blob(name: &str, blob: &web_sys::Blob) {
    let run = || -> Option<()> {
        let doc = web_sys::window()?.document()?;
        let url = web_sys::Url::create_object_url_with_blob(blob).ok()?;
        let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(&url);
        a.set_download(name);
        a.set_attribute("style", "display:none").ok()?;
        doc.body()?.append_child(&a).ok()?;
        a.click();
        a.remove();
        // Revoked later: the download may read the Blob after this returns.
        after(
            60_000,
            Box::new(move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            }),
        );
        Some(())
    };
    let _ = run();
}

/// Opens the browser's print dialog: through index.html's `tuoyuPrint` where the page has it
/// (it loads the printed sheet's QR code encoder first), else at once.
pub fn print() {
    let global = js_sys::global();
    if let Ok(f) = js_sys::Reflect::get(&global, &"tuoyuPrint".into())
        .and_then(wasm_bindgen::JsCast::dyn_into::<js_sys::Function>)
    {
        let _ = f.call0(&global);
    } else if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Runs `f` in a task of its own (`setTimeout` 0): after the current event's rendering, before
/// the next event is handled. For work a keystroke need not wait for (storage, the address bar).
pub fn later(f: impl FnOnce() + 'static) {
    after(0, Box::new(f));
}

/// Runs `f` in a task `ms` milliseconds from now: work that may wait until typing pauses.
pub fn later_by(ms: i32, f: impl FnOnce() + 'static) {
    after(ms, Box::new(f));
}

/// Runs `f` in a task `ms` milliseconds from now. Boxed: one copy of the JavaScript glue for
/// every caller.
fn after(ms: i32, f: Box<dyn FnOnce()>) {
    let cb = wasm_bindgen::closure::Closure::once_into_js(f);
    match web_sys::window() {
        Some(w) => {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms);
        }
        None => drop(cb),
    }
}

/// Waits for the next macrotask so the page can paint and handle input.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Calls `f` on every `hashchange` of the window (a link opened in this tab); the returned
/// function removes the listener (a `use_effect` cleanup).
pub fn on_hashchange(f: impl Fn() + 'static) -> impl FnOnce() {
    on_window("hashchange", Box::new(f))
}

/// Calls `f` on every `event` of the window (`hashchange`, `beforeprint`); the returned function
/// removes the listener (a `use_effect` cleanup). Boxed: one copy of the glue for every caller.
pub fn on_window(event: &'static str, f: Box<dyn Fn()>) -> impl FnOnce() {
    let cb = wasm_bindgen::closure::Closure::<dyn Fn()>::new(f);
    let window = web_sys::window();
    if let Some(w) = &window {
        let _ = w.add_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
    }
    move || {
        if let Some(w) = window {
            let _ = w.remove_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
        }
        drop(cb);
    }
}
