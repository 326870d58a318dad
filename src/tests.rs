//! Browser tests: the widget mounted in headless Chromium, with `fetch`
//! replaced by a stub that answers like the proxy and records each call.

use crate::options::Options;
use gloo_timers::future::TimeoutFuture;
use js_sys::Function;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const LINK: &str = "550e8400-e29b-41d4-a716-446655440000";
const TX: &str = "c037cf31-0402-4706-a3be-973f8bc2e64c";

fn resolve_body(title: &str, amount: &str, status: &str) -> String {
    let title = js_sys::JSON::stringify(&title.into())
        .map(String::from)
        .expect("string");
    format!(
        r#"{{"transaction":{{"id":"{TX}","amount":"{amount}","status":"{status}",
        "payment_method":"CREDIT_CARD","created_at":"2025-01-28T12:42:43+03:00"}},
        "payment_interface":"web","link":{{"title":{title},"currency":"SAR"}}}}"#
    )
}

fn js(args: &str, body: &str) -> Function {
    Function::new_with_args(args, body)
}

/// Replaces `fetch` with one answering `status` and `body`, recording calls.
fn stub_fetch(status: u16, body: &str) {
    js(
        "status, body",
        "globalThis.__calls = [];
         globalThis.fetch = async (input, init) => {
           const req = new Request(input, init);
           __calls.push({ url: req.url, method: req.method, body: req.method === 'POST' ? await req.text() : null });
           return new Response(body, { status, headers: { 'content-type': 'application/json' } });
         };",
    )
    .call2(&wasm_bindgen::JsValue::NULL, &status.into(), &body.into())
    .expect("stub installed");
}

fn stub_fetch_offline() {
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
fn calls() -> String {
    let v = js("", "return JSON.stringify(globalThis.__calls || [])")
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("calls");
    v.as_string().unwrap_or_default()
}

fn set_query(query: &str) {
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

struct Mounted {
    root: Element,
    widget: crate::Widget,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.widget.destroy();
        self.root.remove();
    }
}

fn mount(lang: &str, link: &str) -> Mounted {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("attached");
    let opts = Options {
        link: Some(link.into()),
        lang: Some(lang.into()),
        ..Options::default()
    };
    let widget = crate::start(root.clone(), opts);
    Mounted { root, widget }
}

/// Text with `Intl`'s no-break spaces as plain spaces.
fn text_of(el: &Element) -> String {
    el.text_content().unwrap_or_default().replace('\u{a0}', " ")
}

/// Waits (up to 3 s) until the widget's text satisfies `pred`.
async fn wait_for(m: &Mounted, what: &str, pred: impl Fn(&str) -> bool) -> String {
    for _ in 0..150 {
        let text = text_of(&m.root);
        if pred(&text) {
            return text;
        }
        TimeoutFuture::new(20).await;
    }
    panic!("{what}: widget text was {:?}", m.root.text_content());
}

fn button(m: &Mounted, selector: &str) -> web_sys::HtmlElement {
    m.root
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
        .expect("button present")
}

#[wasm_bindgen_test]
async fn renders_title_total_and_exact_split_from_the_proxy() {
    set_query("");
    stub_fetch(
        200,
        &resolve_body("Order #7 · Headphones", "299.99000", "pending"),
    );
    let m = mount("en", LINK);
    let text = wait_for(&m, "summary", |t| t.contains("SAR 299.99")).await;
    assert!(text.contains("Order #7 · Headphones"), "{text}");
    assert!(text.contains("Pay with Amwal"), "{text}");
    let parts: Vec<String> = (1..=4)
        .map(|i| {
            let sel = format!(".schedule li:nth-child({i}) .money");
            m.root
                .query_selector(&sel)
                .ok()
                .flatten()
                .map(|e| text_of(&e))
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(parts, ["SAR 75.00", "SAR 75.00", "SAR 75.00", "SAR 74.99"]);

    let sent = calls();
    assert!(
        sent.contains(&format!("/amwal/payment_links/{LINK}/resolve")),
        "{sent}"
    );
    assert!(sent.contains(r#"\"device_type\":"#), "{sent}");
    assert!(
        sent.contains(&format!("amwal_return={LINK}")),
        "return_url carries the link: {sent}"
    );
    assert!(sent.contains(r#"\"language_preference\":\"en\""#), "{sent}");
}

#[wasm_bindgen_test]
async fn arabic_renders_right_to_left_in_arabic() {
    set_query("");
    stub_fetch(200, &resolve_body("طلب ٧", "100.01000", "pending"));
    let m = mount("ar", LINK);
    let text = wait_for(&m, "summary", |t| t.contains("ادفع عبر أموال")).await;
    assert!(text.contains("ر.س"), "amount formatted for Arabic: {text}");
    assert!(
        text.contains("25.01") && text.contains("25.00"),
        "first installment gets the extra halala: {text}"
    );
    let section = m
        .root
        .query_selector("section")
        .ok()
        .flatten()
        .expect("section");
    assert_eq!(section.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(section.get_attribute("lang").as_deref(), Some("ar"));
}

#[wasm_bindgen_test]
async fn merchant_text_is_rendered_as_text_not_markup() {
    set_query("");
    stub_fetch(
        200,
        &resolve_body("<img src=x onerror=alert(1)>", "1.00000", "pending"),
    );
    let m = mount("en", LINK);
    let text = wait_for(&m, "summary", |t| t.contains("SAR 1.00")).await;
    assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
    assert!(m.root.query_selector("img").ok().flatten().is_none());
}

#[wasm_bindgen_test]
async fn an_expired_link_says_so_without_a_retry() {
    set_query("");
    stub_fetch(
        400,
        r#"{"error":"Payment link expired","error_code":"LINK_EXPIRED","message":"ask again"}"#,
    );
    let m = mount("en", LINK);
    wait_for(&m, "expired", |t| {
        t.contains("This payment link has expired")
    })
    .await;
    assert!(m.root.query_selector("button").ok().flatten().is_none());
}

#[wasm_bindgen_test]
async fn an_inexact_amount_is_an_error_never_a_rounded_summary() {
    set_query("");
    stub_fetch(200, &resolve_body("Odd", "10.00500", "pending"));
    let m = mount("en", LINK);
    wait_for(&m, "error", |t| t.contains("couldn't load this payment")).await;
    assert!(m.root.query_selector(".pay").ok().flatten().is_none());
}

#[wasm_bindgen_test]
async fn offline_shows_a_readable_error_and_retry_recovers() {
    set_query("");
    stub_fetch_offline();
    let m = mount("en", LINK);
    wait_for(&m, "network error", |t| {
        t.contains("couldn't reach the store")
    })
    .await;
    stub_fetch(200, &resolve_body("Back online", "50.00000", "pending"));
    button(&m, "button.secondary").click();
    wait_for(&m, "summary after retry", |t| t.contains("SAR 50.00")).await;
}

#[wasm_bindgen_test]
async fn a_bad_link_attribute_is_reported_without_any_request() {
    set_query("");
    stub_fetch(200, &resolve_body("x", "1.00000", "pending"));
    let m = mount("en", "../../etc/passwd");
    wait_for(&m, "misconfigured", |t| t.contains("aren't available here")).await;
    assert_eq!(calls(), "[]");
}

#[wasm_bindgen_test]
async fn the_return_page_believes_the_proxy_not_the_query_string() {
    set_query(&format!("?status=completed&amwal_return={LINK}"));
    crate::services::browser::remember_transaction(
        &amwal_core::LinkId::parse(LINK).expect("uuid"),
        TX,
    );
    stub_fetch(
        200,
        &format!(
            r#"{{"transaction":{{"id":"{TX}","amount":"299.99000","status":"failed"}},"link":{{"title":"T","currency":"SAR"}}}}"#
        ),
    );
    let m = mount("en", LINK);
    wait_for(&m, "failed", |t| t.contains("didn't go through")).await;
    let sent = calls();
    assert!(
        sent.contains(&format!("/amwal/transactions/{TX}")),
        "{sent}"
    );
    assert!(
        !sent.contains("resolve"),
        "no second resolve on return: {sent}"
    );
    set_query("");
}

#[wasm_bindgen_test]
async fn the_return_page_shows_the_confirmed_completion() {
    set_query(&format!("?amwal_return={LINK}"));
    crate::services::browser::remember_transaction(
        &amwal_core::LinkId::parse(LINK).expect("uuid"),
        TX,
    );
    stub_fetch(
        200,
        &format!(
            r#"{{"transaction":{{"id":"{TX}","amount":"299.99000","status":"completed"}},"link":{{"title":"T","currency":"SAR"}}}}"#
        ),
    );
    let m = mount("en", LINK);
    let text = wait_for(&m, "completed", |t| t.contains("Payment completed")).await;
    assert!(text.contains("SAR 299.99") && text.contains(TX), "{text}");
    set_query("");
}
