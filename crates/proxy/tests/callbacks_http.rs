//! Signed payment callbacks, end to end over loopback HTTP: the sandbox
//! signs and delivers, the proxy verifies, dedupes and re-fetches.

mod common;
use common::client;

use amwal_core::LinkId;
use amwal_proxy::callbacks::{CallbackData, CallbackEvent};
use amwal_proxy::config::Cli;
use amwal_proxy::signature::Signer;
use amwal_proxy::store::OrderState;
use amwal_proxy::{start, Running};
use clap::Parser;
use serde_json::{json, Value};
use std::sync::atomic::Ordering;
use std::time::Duration;
use time::OffsetDateTime;

async fn server() -> Running {
    start(Cli::parse_from(["amwal-proxy", "--port", "0"]))
        .await
        .expect("server starts")
}

/// Resolves the demo link through the proxy; returns (link, transaction id).
async fn resolved(r: &Running) -> (LinkId, String) {
    let link = r.demo_link.expect("demo link");
    let body: Value = client()
        .post(format!("{}/payment_links/{link}/resolve", r.proxy))
        .json(&json!({ "customer_context": { "return_url": format!("http://{}/", r.addr) } }))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    (
        link,
        body["transaction"]["id"].as_str().expect("tx").to_owned(),
    )
}

async fn press(r: &Running, link: LinkId, outcome: &str) {
    let resp = client()
        .post(format!(
            "{}/payment-link/{link}",
            r.sandbox.as_deref().expect("sandbox")
        ))
        .form(&[("outcome", outcome)])
        .send()
        .await
        .expect("sent");
    assert_eq!(resp.status().as_u16(), 303);
}

async fn order_becomes(r: &Running, link: LinkId, want: &str) {
    for _ in 0..100 {
        if r.state.links.get(&link).map(|l| l.order.name()) == Some(want) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "order of {link} never became {want}: {:?}",
        r.state.links.get(&link).map(|l| l.order)
    );
}

fn event(link: LinkId, tx: &str, name: &str, status: &str, at: OffsetDateTime) -> Vec<u8> {
    let e = CallbackEvent {
        id: format!("evt_{}", uuid::Uuid::new_v4().simple()),
        event: name.into(),
        created_at: at
            .format(&time::format_description::well_known::Rfc3339)
            .expect("time"),
        data: CallbackData {
            payment_link_id: link.to_string(),
            transaction_id: tx.into(),
            status: status.into(),
            amount: "299.99000".into(),
        },
    };
    serde_json::to_vec(&e).expect("json")
}

async fn post_event(r: &Running, body: &[u8], signature: Option<&str>) -> (u16, Value) {
    let mut req = client()
        .post(format!("{}/callbacks", r.proxy))
        .header("content-type", "application/json")
        .body(body.to_vec());
    if let Some(s) = signature {
        req = req.header("x-signature", s);
    }
    let resp = req.send().await.expect("sent");
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

fn sign(r: &Running, body: &[u8]) -> String {
    r.embedded.as_ref().expect("sandbox").sign(body)
}

#[tokio::test]
async fn paying_on_the_hosted_page_marks_the_order_paid_through_a_signed_callback() {
    let r = server().await;
    let (link, _) = resolved(&r).await;
    assert_eq!(
        r.state.links.get(&link).map(|l| l.order),
        Some(OrderState::Open)
    );
    press(&r, link, "pay").await;
    order_becomes(&r, link, "paid").await;
}

#[tokio::test]
async fn a_failed_payment_marks_the_order_failed() {
    let r = server().await;
    let (link, _) = resolved(&r).await;
    press(&r, link, "fail").await;
    order_becomes(&r, link, "failed").await;
}

#[tokio::test]
async fn forged_changed_unsigned_and_stale_callbacks_are_refused() {
    let r = server().await;
    let (link, tx) = resolved(&r).await;
    let body = event(
        link,
        &tx,
        "order.success",
        "completed",
        OffsetDateTime::now_utc(),
    );
    let stranger = Signer::generate().expect("key");
    assert_eq!(
        post_event(&r, &body, Some(&stranger.sign(&body))).await.0,
        401,
        "another key"
    );
    assert_eq!(post_event(&r, &body, None).await.0, 401, "no signature");
    let mut changed = body.clone();
    let i = changed.len() - 5;
    changed[i] ^= 1;
    assert_eq!(
        post_event(&r, &changed, Some(&sign(&r, &body))).await.0,
        401,
        "one byte changed"
    );
    let old = event(
        link,
        &tx,
        "order.success",
        "completed",
        OffsetDateTime::now_utc() - Duration::from_secs(600),
    );
    let (status, body) = post_event(&r, &old, Some(&sign(&r, &old))).await;
    assert_eq!(
        (status, body["error_code"].as_str()),
        (401, Some("STALE_EVENT"))
    );
    assert_eq!(
        r.state.links.get(&link).map(|l| l.order),
        Some(OrderState::Open)
    );
}

#[tokio::test]
async fn a_callback_is_believed_only_when_amwals_status_agrees_and_is_processed_once() {
    let r = server().await;
    let (link, tx) = resolved(&r).await;
    // Signed and fresh, but the transaction is still pending at Amwal.
    let early = event(
        link,
        &tx,
        "order.success",
        "completed",
        OffsetDateTime::now_utc(),
    );
    let (status, ack) = post_event(&r, &early, Some(&sign(&r, &early))).await;
    assert_eq!((status, ack["order"].as_str()), (200, Some("open")));

    press(&r, link, "pay").await;
    order_becomes(&r, link, "paid").await;

    let calls = r.sandbox_calls.as_ref().expect("sandbox");
    let late = event(
        link,
        &tx,
        "order.failed",
        "failed",
        OffsetDateTime::now_utc(),
    );
    let (status, ack) = post_event(&r, &late, Some(&sign(&r, &late))).await;
    assert_eq!(
        (status, ack["order"].as_str()),
        (200, Some("paid")),
        "nothing undoes a payment"
    );
    let before = calls.load(Ordering::SeqCst);
    let (status, ack) = post_event(&r, &late, Some(&sign(&r, &late))).await;
    assert_eq!((status, ack["duplicate"].as_bool()), (200, Some(true)));
    assert_eq!(
        calls.load(Ordering::SeqCst),
        before,
        "a duplicate is not fetched again"
    );
}

#[tokio::test]
async fn orders_survive_a_restart_and_are_listed_from_the_command_line() {
    let db = std::env::temp_dir().join(format!("amwal-{}.sqlite3", uuid::Uuid::new_v4()));
    let db_arg = db.to_string_lossy().into_owned();
    let first = start(Cli::parse_from([
        "amwal-proxy",
        "--port",
        "0",
        "--db",
        &db_arg,
    ]))
    .await
    .expect("first");
    let (link, _) = resolved(&first).await;
    press(&first, link, "pay").await;
    order_becomes(&first, link, "paid").await;
    first.task.abort();
    let _ = first.task.await;

    let second = start(Cli::parse_from([
        "amwal-proxy",
        "--port",
        "0",
        "--db",
        &db_arg,
    ]))
    .await
    .expect("second");
    let kept = second.state.links.get(&link).expect("the record survived");
    assert!(matches!(kept.order, OrderState::Paid { .. }));
    let listing = amwal_proxy::commands::orders(&db).expect("listed");
    assert!(
        listing.contains(&link.to_string())
            && listing.contains("paid")
            && listing.contains("299.99 SAR"),
        "{listing}"
    );
    let _ = std::fs::remove_file(&db);
}

#[tokio::test]
async fn pay_later_keeps_the_order_open() {
    let r = server().await;
    let (link, _) = resolved(&r).await;
    press(&r, link, "later").await;
    // The order.updated event is delivered and changes nothing.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        r.state.links.get(&link).map(|l| l.order),
        Some(OrderState::Open)
    );
}
