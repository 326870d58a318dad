//! What goes wrong: expired links, bad amounts, offline, busy or failing proxies, timeouts.

use super::*;

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

#[wasm_bindgen_test]
#[allow(clippy::float_arithmetic)] // milliseconds, not money
fn retry_after_reads_seconds_and_http_dates() {
    use crate::services::request::retry_after_secs;
    let date = "Wed, 21 Oct 2026 07:28:00 GMT";
    let at = js_sys::Date::parse(date);
    assert_eq!(retry_after_secs("120", at), Some(120));
    assert_eq!(retry_after_secs(" 7 ", at), Some(7));
    assert_eq!(retry_after_secs(date, at - 2_500.0), Some(3), "rounded up");
    assert_eq!(
        retry_after_secs(date, at + 60_000.0),
        Some(0),
        "already past"
    );
    assert_eq!(retry_after_secs("soon", at), None);
    assert_eq!(retry_after_secs("-5", at), None);
    assert_eq!(
        retry_after_secs("99999999999999999999", at),
        Some(u32::MAX),
        "too long to wait, not zero"
    );
    assert_eq!(retry_after_secs("Someday GMT", at), None);
    assert_eq!(retry_after_secs("", at), None);
}

type SetOption = fn(&mut Options);

#[wasm_bindgen_test]
fn a_bad_option_names_its_attribute_value_and_reason() {
    let cases: [(SetOption, &str); 4] = [
        (
            |o| o.min_amount = Some("1,000".into()),
            "`min-amount` \"1,000\" is not usable: amount is not a plain decimal number",
        ),
        (
            |o| o.theme = Some("blue".into()),
            "`theme` \"blue\" is not one of auto, light, dark",
        ),
        (
            |o| o.installments = Some("30".into()),
            "`installments` \"30\" is not a count from 1 to 24 or a list like 3,6,12",
        ),
        (
            |o| o.timeout_ms = Some("5".into()),
            "`timeout-ms` \"5\" is not 1000 to 120000",
        ),
    ];
    for (set, message) in cases {
        let err = english(set).config().err();
        assert_eq!(err.as_deref(), Some(message));
    }
}
