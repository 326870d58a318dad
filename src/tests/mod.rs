//! Browser tests: the widget mounted in headless Chromium, with `fetch`
//! replaced by a stub that answers like the proxy and records each call.
//! This file holds the helpers; the tests are grouped in the files below.

mod failures;
mod json;
mod options_table;
mod paying;
mod summary;

use crate::options::Options;
use gloo_timers::future::TimeoutFuture;
use js_sys::Function;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

pub(super) const LINK: &str = "550e8400-e29b-41d4-a716-446655440000";
pub(super) const TX: &str = "c037cf31-0402-4706-a3be-973f8bc2e64c";

pub(super) fn resolve_body(title: &str, amount: &str, status: &str) -> String {
    resolve_body_for("web", title, amount, status)
}

pub(super) fn resolve_body_for(interface: &str, title: &str, amount: &str, status: &str) -> String {
    let title = js_sys::JSON::stringify(&title.into())
        .map(String::from)
        .expect("string");
    format!(
        r#"{{"transaction":{{"id":"{TX}","amount":"{amount}","status":"{status}",
        "payment_method":"CREDIT_CARD","created_at":"2025-01-28T12:42:43+03:00"}},
        "payment_interface":"{interface}","link":{{"title":{title},"currency":"SAR"}},
        "url":"https://evil.example/steal"}}"#
    )
}

pub(super) fn js(args: &str, body: &str) -> Function {
    Function::new_with_args(args, body)
}

/// Replaces `fetch` with one answering `status` and `body`, recording calls.
pub(super) fn stub_fetch(status: u16, body: &str) {
    stub_sequence(&[(status, body)]);
}

/// Answers the calls in turn with these (status, body) pairs; the last one
/// repeats. Status 0 means "never answers" (until aborted).
pub(super) fn stub_sequence(replies: &[(u16, &str)]) {
    let list = js_sys::Array::new();
    for (status, body) in replies {
        list.push(&js_sys::Array::of2(&(*status).into(), &(*body).into()));
    }
    js(
        "replies",
        "globalThis.__calls = [];
         globalThis.fetch = async (input, init) => {
           const req = new Request(input, init);
           __calls.push({ url: req.url, method: req.method, body: req.method === 'POST' ? await req.text() : null });
           const [status, body] = replies[Math.min(__calls.length, replies.length) - 1];
           if (status === 0) {
             return new Promise((_, reject) => req.signal.addEventListener('abort',
               () => reject(new DOMException('aborted', 'AbortError'))));
           }
           return new Response(body, { status, headers: { 'content-type': 'application/json', 'retry-after': '0' } });
         };",
    )
    .call1(&wasm_bindgen::JsValue::NULL, &list)
    .expect("stub installed");
}

/// How many calls the stub has answered.
pub(super) fn call_count() -> usize {
    js(
        "",
        "return JSON.stringify((globalThis.__calls || []).length)",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .ok()
    .and_then(|v| v.as_string())
    .and_then(|s| s.parse().ok())
    .unwrap_or(0)
}

pub(super) fn stub_fetch_offline() {
    js(
        "",
        "globalThis.__calls = [];
         globalThis.fetch = async (input, init) => {
           __calls.push({ url: new Request(input, init).url });
           throw new TypeError('Failed to fetch');
         };",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .expect("stub installed");
}

/// The recorded calls as JSON text.
pub(super) fn calls() -> String {
    let v = js("", "return JSON.stringify(globalThis.__calls || [])")
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("calls");
    v.as_string().unwrap_or_default()
}

pub(super) fn set_query(query: &str) {
    let w = web_sys::window().expect("window");
    let path = w.location().pathname().expect("path");
    w.history()
        .expect("history")
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{query}")),
        )
        .expect("url set");
}

pub(super) struct Mounted {
    pub(super) root: Element,
    pub(super) widget: crate::mount::Widget,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.widget.destroy();
        self.root.remove();
    }
}

pub(super) fn mount(lang: &str, link: &str) -> Mounted {
    mount_with(Options {
        link: Some(link.into()),
        lang: Some(lang.into()),
        ..Options::default()
    })
}

pub(super) fn mount_with(opts: Options) -> Mounted {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("attached");
    let widget = crate::mount::start(root.clone(), opts);
    Mounted { root, widget }
}

pub(super) fn english(extra: impl FnOnce(&mut Options)) -> Options {
    let mut o = Options {
        link: Some(LINK.into()),
        lang: Some("en".into()),
        ..Options::default()
    };
    extra(&mut o);
    o
}

/// Text with `Intl`'s no-break spaces as plain spaces.
pub(super) fn text_of(el: &Element) -> String {
    el.text_content().unwrap_or_default().replace('\u{a0}', " ")
}

/// Waits (up to 5 s) until the widget's text satisfies `pred`.
pub(super) async fn wait_for(m: &Mounted, what: &str, pred: impl Fn(&str) -> bool) -> String {
    for _ in 0..250 {
        let text = text_of(&m.root);
        if pred(&text) {
            return text;
        }
        TimeoutFuture::new(20).await;
    }
    panic!("{what}: widget text was {:?}", m.root.text_content());
}

pub(super) fn button(m: &Mounted, selector: &str) -> web_sys::HtmlElement {
    m.root
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
        .expect("button present")
}

pub(super) fn navigations() -> Vec<String> {
    crate::services::browser::NAVIGATIONS.with(|n| n.borrow().clone())
}
