//! Paying: one navigation to an allowlisted host, Back from the pay page, the return page.

use super::*;

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
