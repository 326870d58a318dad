//! The proxy against a misbehaving sandbox: every fault becomes a typed
//! error within the time budget, upstream text never reaches the browser,
//! and a resolve that reached upstream is not sent twice.

use crate::support::client;

use amwal_core::api::codes;
use amwal_proxy::Running;
use serde_json::{json, Value};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

async fn server() -> Running {
    crate::support::sandbox_proxy(&["--upstream-timeout-ms", "800"]).await
}

async fn behave(r: &Running, mode: &str, interface: Option<&str>) {
    let resp = client()
        .post(format!(
            "{}/_behaviour",
            r.sandbox.as_deref().expect("sandbox")
        ))
        .json(&json!({ "mode": mode, "payment_interface": interface }))
        .send()
        .await
        .expect("sent");
    assert_eq!(resp.status().as_u16(), 204);
}

/// Resolves the demo link; returns status, body text and upstream calls made.
async fn resolve(r: &Running) -> (u16, String, usize) {
    let calls = r.sandbox_calls.as_ref().expect("sandbox");
    let before = calls.load(Ordering::SeqCst);
    let resp = client()
        .post(format!(
            "{}/payment_links/{}/resolve",
            r.proxy,
            r.demo_link.expect("link")
        ))
        .json(&json!({}))
        .send()
        .await
        .expect("sent");
    let status = resp.status().as_u16();
    let text = resp.text().await.expect("text");
    (status, text, calls.load(Ordering::SeqCst) - before)
}

fn code(text: &str) -> String {
    serde_json::from_str::<Value>(text).expect("a JSON error")["error_code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_hanging_upstream_is_a_504_within_the_budget_and_not_retried() {
    let r = server().await;
    behave(&r, "hang", None).await;
    let t = Instant::now();
    let (status, text, calls) = resolve(&r).await;
    assert_eq!(status, 504);
    assert_eq!(code(&text), codes::UPSTREAM_UNAVAILABLE);
    assert!(
        t.elapsed() < Duration::from_secs(3),
        "took {:?}",
        t.elapsed()
    );
    assert_eq!(
        calls, 1,
        "a resolve that may have reached upstream is sent once"
    );
}

#[tokio::test]
async fn reset_and_truncated_answers_are_typed_502s_that_echo_nothing() {
    let r = server().await;
    for (mode, expected) in [
        ("reset", codes::UPSTREAM_UNAVAILABLE),
        ("truncate", codes::UPSTREAM_BAD_RESPONSE),
    ] {
        behave(&r, mode, None).await;
        let (status, text, calls) = resolve(&r).await;
        assert_eq!(status, 502, "{mode}");
        assert_eq!(code(&text), expected, "{mode}");
        assert!(!text.contains("transaction"), "{mode}: {text}");
        assert_eq!(calls, 1, "{mode}");
    }
}

#[tokio::test]
async fn an_upstream_500_page_never_reaches_the_shopper() {
    let r = server().await;
    behave(&r, "server_error", None).await;
    let (status, text, _) = resolve(&r).await;
    assert_eq!(status, 502);
    assert!(
        !text.contains("stack trace") && !text.contains("<html"),
        "{text}"
    );
}

#[tokio::test]
async fn a_slow_upstream_still_answers_and_the_interface_can_be_chosen() {
    // The default budget (8 s): slow is 500 ± 400 ms.
    let r = crate::support::sandbox_proxy(&[]).await;
    behave(&r, "slow", Some("qr_display")).await;
    let (status, text, _) = resolve(&r).await;
    assert_eq!(status, 200, "{text}");
    let body: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(body["payment_interface"], "qr_display");
    behave(&r, "normal", None).await;
    let (status, _, _) = resolve(&r).await;
    assert_eq!(status, 200);
}
