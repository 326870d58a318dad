//! The page around an element: its language, and the events it hears.

/// `lang` of the nearest ancestor of `el` that has one, else `<html lang>`.
pub fn page_lang(el: &web_sys::Element) -> Option<String> {
    el.closest("[lang]")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("lang"))
        .filter(|l| !l.is_empty())
}

pub fn browser_lang() -> Option<String> {
    web_sys::window()?.navigator().language()
}

/// Tells the page: a bubbling, composed `CustomEvent` (it crosses the
/// shadow root to the element) with `detail`.
pub fn dispatch(el: &web_sys::Element, name: &str, detail: &js_sys::Object) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = el.dispatch_event(&e);
    }
}
