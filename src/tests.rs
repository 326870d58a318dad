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
    resolve_body_for("web", title, amount, status)
}

fn resolve_body_for(interface: &str, title: &str, amount: &str, status: &str) -> String {
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

fn js(args: &str, body: &str) -> Function {
    Function::new_with_args(args, body)
}

/// Replaces `fetch` with one answering `status` and `body`, recording calls.
fn stub_fetch(status: u16, body: &str) {
    stub_sequence(&[(status, body)]);
}

/// Answers the calls in turn with these (status, body) pairs; the last one
/// repeats. Status 0 means "never answers" (until aborted).
fn stub_sequence(replies: &[(u16, &str)]) {
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
fn call_count() -> usize {
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
    mount_with(Options {
        link: Some(link.into()),
        lang: Some(lang.into()),
        ..Options::default()
    })
}

fn mount_with(opts: Options) -> Mounted {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("attached");
    let widget = crate::start(root.clone(), opts);
    Mounted { root, widget }
}

fn english(extra: impl FnOnce(&mut Options)) -> Options {
    let mut o = Options {
        link: Some(LINK.into()),
        lang: Some("en".into()),
        ..Options::default()
    };
    extra(&mut o);
    o
}

/// Text with `Intl`'s no-break spaces as plain spaces.
fn text_of(el: &Element) -> String {
    el.text_content().unwrap_or_default().replace('\u{a0}', " ")
}

/// Waits (up to 5 s) until the widget's text satisfies `pred`.
async fn wait_for(m: &Mounted, what: &str, pred: impl Fn(&str) -> bool) -> String {
    for _ in 0..250 {
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

fn navigations() -> Vec<String> {
    crate::services::browser::NAVIGATIONS.with(|n| n.borrow().clone())
}

#[wasm_bindgen_test]
async fn pay_navigates_once_to_the_allowlisted_pay_page_only() {
    set_query("");
    crate::services::browser::NAVIGATIONS.with(|n| n.borrow_mut().clear());
    // The response carries a `url` to another host: it must be ignored.
    stub_fetch(200, &resolve_body("Order", "299.99000", "pending"));
    let m = mount("en", LINK);
    wait_for(&m, "summary", |t| t.contains("Pay with Amwal")).await;
    let pay = button(&m, "button.pay");
    pay.click();
    pay.click();
    wait_for(&m, "redirecting", |t| t.contains("Taking you to Amwal")).await;
    pay.click();
    TimeoutFuture::new(50).await;
    assert_eq!(
        navigations(),
        [format!("https://pay.sa.amwal.tech/payment-link/{LINK}")]
    );
    assert_eq!(
        button(&m, "button.pay")
            .get_attribute("aria-busy")
            .as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn plans_can_be_compared_and_each_sums_to_the_total() {
    set_query("");
    stub_fetch(200, &resolve_body("Order", "100.00000", "pending"));
    let m = mount_with(english(|o| o.installments = Some("3,6".into())));
    let text = wait_for(&m, "plan of 3", |t| t.contains("Pay in 3 payments")).await;
    assert!(
        text.contains("SAR 33.34") && text.contains("Today"),
        "{text}"
    );
    assert!(text.contains("Estimated schedule"), "{text}");
    button(&m, ".plan-option:nth-child(2)").click();
    let text = wait_for(&m, "plan of 6", |t| t.contains("Pay in 6 payments")).await;
    assert!(
        text.contains("SAR 16.67") && text.contains("SAR 16.66"),
        "{text}"
    );
    let rows = m
        .root
        .query_selector_all(".schedule li")
        .expect("rows")
        .length();
    assert_eq!(rows, 6);
}

#[wasm_bindgen_test]
async fn out_of_bounds_totals_say_so_instead_of_a_plan() {
    set_query("");
    stub_fetch(200, &resolve_body("Gum", "5.00000", "pending"));
    let m = mount_with(english(|o| o.min_amount = Some("100".into())));
    let text = wait_for(&m, "ineligible", |t| t.contains("orders of")).await;
    assert!(text.contains("SAR 100.00 or more"), "{text}");
    assert!(m.root.query_selector(".schedule").ok().flatten().is_none());
}

#[wasm_bindgen_test]
async fn a_qr_link_shows_a_code_and_polls_until_paid() {
    set_query("");
    let pending = resolve_body_for("qr_display", "Order", "50.00000", "pending");
    let paid = format!(
        r#"{{"transaction":{{"id":"{TX}","amount":"50.00000","status":"completed"}},"link":{{"title":"Order","currency":"SAR"}}}}"#
    );
    stub_sequence(&[(200, &pending), (200, &paid)]);
    let m = mount("en", LINK);
    wait_for(&m, "qr", |t| t.contains("Scan with your phone")).await;
    let dark = m
        .root
        .query_selector("svg.qr path")
        .ok()
        .flatten()
        .and_then(|p| p.get_attribute("d"));
    assert!(
        dark.is_some_and(|d| d.matches('M').count() > 100),
        "QR modules drawn"
    );
    assert!(m.root.query_selector("button.pay").ok().flatten().is_none());
    wait_for(&m, "paid", |t| t.contains("Payment completed")).await;
    assert!(calls().contains(&format!("/amwal/transactions/{TX}")));
}

#[wasm_bindgen_test]
async fn a_terminal_link_tells_the_shopper_where_to_pay() {
    set_query("");
    stub_fetch(
        200,
        &resolve_body_for("terminal_native", "Order", "50.00000", "pending"),
    );
    let m = mount("ar", LINK);
    wait_for(&m, "terminal", |t| t.contains("أكمل الدفع على جهاز الدفع")).await;
}

#[wasm_bindgen_test]
async fn a_busy_proxy_is_retried_and_a_failing_one_is_not() {
    set_query("");
    let ok = resolve_body("Order", "10.00000", "pending");
    stub_sequence(&[
        (503, r#"{"error":"busy"}"#),
        (429, r#"{"error":"slow down"}"#),
        (200, &ok),
    ]);
    let m = mount("en", LINK);
    wait_for(&m, "summary after retries", |t| t.contains("SAR 10.00")).await;
    assert_eq!(call_count(), 3);
    drop(m);

    // A 500 may mean the proxy already resolved upstream: no retry, no button.
    stub_fetch(500, r#"{"error":"boom"}"#);
    let m = mount("en", LINK);
    wait_for(&m, "proxy error", |t| {
        t.contains("couldn't load this payment")
    })
    .await;
    TimeoutFuture::new(1_200).await;
    assert_eq!(call_count(), 1);
    assert!(m.root.query_selector("button").ok().flatten().is_none());
}

#[wasm_bindgen_test]
async fn a_resolve_that_times_out_is_not_sent_again() {
    set_query("");
    stub_sequence(&[(0, "")]);
    let m = mount_with(english(|o| o.timeout_ms = Some("1000".into())));
    wait_for(&m, "timeout", |t| t.contains("taking too long")).await;
    assert_eq!(call_count(), 1);
    assert!(m.root.query_selector("button").ok().flatten().is_none());
}

#[wasm_bindgen_test]
async fn changing_the_language_re_renders_without_resolving_again() {
    set_query("");
    stub_fetch(200, &resolve_body("Order", "299.99000", "pending"));
    let mut m = mount("en", LINK);
    wait_for(&m, "english", |t| t.contains("Pay with Amwal")).await;
    let opts = js_sys::Object::new();
    for (k, v) in [("link", LINK), ("lang", "ar")] {
        js_sys::Reflect::set(&opts, &k.into(), &v.into()).expect("set");
    }
    m.widget.update(opts.into()).expect("update");
    wait_for(&m, "arabic", |t| t.contains("ادفع عبر أموال")).await;
    assert_eq!(call_count(), 1, "no second resolve");
}

#[wasm_bindgen_test]
async fn back_from_the_pay_page_re_enables_pay_and_rechecks_the_status_once() {
    set_query("");
    let paid = format!(
        r#"{{"transaction":{{"id":"{TX}","amount":"299.99000","status":"pending"}},"link":{{"title":"Order","currency":"SAR"}}}}"#
    );
    stub_sequence(&[
        (200, &resolve_body("Order", "299.99000", "pending")),
        (200, &paid),
    ]);
    let m = mount("en", LINK);
    wait_for(&m, "summary", |t| t.contains("Pay with Amwal")).await;
    button(&m, "button.pay").click();
    wait_for(&m, "redirecting", |t| t.contains("Taking you to Amwal")).await;
    js(
        "",
        "window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .expect("pageshow");
    wait_for(&m, "pay again", |t| t.contains("Pay with Amwal")).await;
    assert!(!button(&m, "button.pay").has_attribute("disabled"));
    TimeoutFuture::new(100).await;
    assert_eq!(call_count(), 2, "one resolve, one status re-check");
    assert!(calls().contains(&format!("/amwal/transactions/{TX}")));
}

#[wasm_bindgen_test]
async fn pay_hosts_that_are_not_plain_hosts_are_refused_and_the_url_cannot_add_one() {
    set_query("?pay_host=evil.example&pay-hosts=evil.example");
    crate::services::browser::NAVIGATIONS.with(|n| n.borrow_mut().clear());
    stub_fetch(200, &resolve_body("Order", "10.00000", "pending"));
    for bad in [
        "https://evil.example",
        "evil.example/../x",
        "shop@evil.example",
    ] {
        let m = mount_with(english(|o| o.pay_hosts = Some(bad.into())));
        wait_for(&m, bad, |t| t.contains("aren't available here")).await;
    }
    let m = mount("en", LINK);
    wait_for(&m, "summary", |t| t.contains("Pay with Amwal")).await;
    button(&m, "button.pay").click();
    TimeoutFuture::new(50).await;
    assert_eq!(
        navigations(),
        [format!("https://pay.sa.amwal.tech/payment-link/{LINK}")]
    );
    set_query("");
}

#[wasm_bindgen_test]
async fn a_description_with_markup_is_text() {
    set_query("");
    let body = resolve_body("Order", "1.00000", "pending").replace(
        r#""currency":"SAR""#,
        r#""currency":"SAR","description":"<script>alert(1)</script><b>bold</b>""#,
    );
    stub_fetch(200, &body);
    let m = mount("en", LINK);
    let text = wait_for(&m, "summary", |t| t.contains("SAR 1.00")).await;
    assert!(
        text.contains("<script>alert(1)</script><b>bold</b>"),
        "{text}"
    );
    assert!(m.root.query_selector("script, b").ok().flatten().is_none());
}

#[wasm_bindgen_test]
async fn plans_follow_the_arrow_keys_mirrored_in_arabic() {
    set_query("");
    stub_fetch(200, &resolve_body("Order", "120.00000", "pending"));
    let m = mount_with(Options {
        link: Some(LINK.into()),
        lang: Some("ar".into()),
        installments: Some("3,6,12".into()),
        ..Options::default()
    });
    wait_for(&m, "plans", |t| t.contains("ادفع على 3 دفعات")).await;
    let group = m
        .root
        .query_selector(".plans")
        .ok()
        .flatten()
        .expect("radiogroup");
    let press = |key: &str| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
            .expect("event");
        group.dispatch_event(&e).expect("dispatched");
    };
    // In right-to-left text the next plan is to the left.
    press("ArrowLeft");
    wait_for(&m, "six", |t| t.contains("ادفع على 6 دفعات")).await;
    press("ArrowRight");
    wait_for(&m, "back to three", |t| t.contains("ادفع على 3 دفعات")).await;
    let first = button(&m, ".plan-option");
    assert_eq!(
        first.get_attribute("aria-label").as_deref(),
        Some("3 دفعات")
    );
    assert_eq!(first.get_attribute("tabindex").as_deref(), Some("0"));
}

#[wasm_bindgen_test]
async fn focus_stays_in_the_widget_when_try_again_is_replaced() {
    set_query("");
    stub_fetch_offline();
    let m = mount("en", LINK);
    wait_for(&m, "network error", |t| {
        t.contains("couldn't reach the store")
    })
    .await;
    button(&m, "button.secondary").focus().expect("focus");
    stub_fetch(200, &resolve_body("Back", "50.00000", "pending"));
    button(&m, "button.secondary").click();
    wait_for(&m, "summary", |t| t.contains("Pay with Amwal")).await;
    TimeoutFuture::new(50).await;
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|a| a.get_attribute("class"));
    assert_eq!(active.as_deref(), Some("pay"));
}
