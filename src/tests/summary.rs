//! The summary: amounts, languages, plans, payment interfaces, live options.

use super::*;

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
    let status = |s: &str| {
        format!(
            r#"{{"transaction":{{"id":"{TX}","amount":"50.00000","status":"{s}"}},"link":{{"title":"Order","currency":"SAR"}}}}"#
        )
    };
    // The first check (at once) still pending, so the code stays on screen
    // until the next one, 2 s later: the test cannot miss it.
    stub_sequence(&[
        (200, &pending),
        (200, &status("pending")),
        (200, &status("completed")),
    ]);
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
async fn mount_reads_the_camel_case_option_names() {
    set_query("");
    stub_fetch(200, &resolve_body("Order", "300.00000", "pending"));
    let options = js(
        "link",
        "return { link, lang: 'en', installments: '3', proxy: '/shop-api', riyalSign: 'symbol', \
         returnUrl: 'https://shop.example/thanks' }",
    )
    .call1(&wasm_bindgen::JsValue::NULL, &LINK.into())
    .expect("options object");
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let root = doc.create_element("div").expect("div");
    doc.body().expect("body").append_child(&root).ok();
    let widget = crate::mount::mount(root.clone(), options).expect("mounted");
    let m = Mounted { root, widget };
    let text = wait_for(&m, "summary", |t| t.contains("Pay with Amwal")).await;
    assert!(text.contains("3 payments"), "installments: {text}");
    assert!(
        m.root.query_selector("svg.riyal").ok().flatten().is_some(),
        "riyalSign: {text}"
    );
    let sent = calls();
    assert!(sent.contains("/shop-api/payment_links/"), "proxy: {sent}");
    assert!(sent.contains("shop.example/thanks"), "returnUrl: {sent}");
}

#[wasm_bindgen_test]
fn mount_refuses_options_that_are_not_an_object() {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let root = doc.create_element("div").expect("div");
    assert!(crate::mount::mount(root, wasm_bindgen::JsValue::from_str(LINK)).is_err());
}

#[wasm_bindgen_test]
async fn the_page_fragment_and_the_referrers_path_stay_in_the_browser() {
    set_query("?ref=1#token=page-secret");
    js(
        "",
        "Object.defineProperty(document, 'referrer', { configurable: true,
           get: () => 'https://search.example/q?shopper=ahmed#x' });",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .expect("referrer set");
    stub_fetch(200, &resolve_body("Order", "100.00000", "pending"));
    let m = mount("en", LINK);
    wait_for(&m, "summary", |t| t.contains("SAR 100.00")).await;
    let sent = calls();
    js("", "delete document.referrer;")
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("referrer restored");
    set_query("");
    assert!(
        !sent.contains("page-secret"),
        "no fragment upstream: {sent}"
    );
    assert!(sent.contains("ref=1"), "the query stays: {sent}");
    assert!(
        sent.contains(r#"\"referrer\":\"https://search.example\""#),
        "the referrer's origin only: {sent}"
    );
    assert!(!sent.contains("shopper=ahmed"), "{sent}");
}
