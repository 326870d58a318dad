//! The same promises with the store in PostgreSQL (`--db postgres://…`):
//! a payment settles, survives a restart and is listed; one key makes one
//! link under concurrent creates.

use crate::support::{press_pay, resolve_tx, sandbox_proxy};
use amwal_proxy::store::testing::fresh_schema_url;
use amwal_proxy::store::OrderState;
use std::time::Duration;

#[tokio::test]
async fn a_payment_settles_survives_a_restart_and_is_listed() {
    let db = fresh_schema_url().await;
    let first = sandbox_proxy(&["--db", &db]).await;
    let link = first.demo_link.expect("demo link");
    resolve_tx(&first, &link.to_string()).await;
    press_pay(&first, &link.to_string()).await;
    let mut order = None;
    for _ in 0..200 {
        order = first.state.links.get(&link).await.map(|r| r.order);
        if matches!(order, Some(OrderState::Paid { .. })) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(matches!(order, Some(OrderState::Paid { .. })), "{order:?}");
    first.task.abort();
    let _ = first.task.await;

    let second = sandbox_proxy(&["--db", &db]).await;
    let kept = second.state.links.get(&link).await.expect("kept");
    assert!(matches!(kept.order, OrderState::Paid { .. }));
    let listing = amwal_proxy::cli::orders(std::path::Path::new(&db))
        .await
        .expect("listed");
    assert!(
        listing.contains(&link.to_string()) && listing.contains("paid"),
        "{listing}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_creates_with_one_key_make_one_link() {
    let db = fresh_schema_url().await;
    let r = sandbox_proxy(&["--db", &db, "--rate-limit", "1000"]).await;
    let links = crate::idempotency::twenty_creates_with_one_key(&r, "PG-1").await;
    assert_eq!(links.len(), 1, "{links:?}");
    let recorded = r.state.links.find_by_order("PG-1").await.expect("read");
    assert_eq!(recorded.len(), 1, "one link recorded for the order");
}

#[tokio::test]
async fn readyz_says_when_the_database_no_longer_holds_the_schema() {
    let db = fresh_schema_url().await;
    let r = sandbox_proxy(&["--db", &db]).await;
    let get = |path: &str| {
        crate::support::client()
            .get(format!("{}/{path}", r.proxy))
            .send()
    };
    let ready = get("readyz").await.expect("answered");
    assert_eq!(ready.status().as_u16(), 200);
    assert_eq!(ready.text().await.expect("text"), "ready");

    // An operator drops the schema (or points the proxy at the wrong one).
    let schema = db.rsplit("search_path%3D").next().expect("schema");
    let (admin, conn) = tokio_postgres::connect(
        &amwal_proxy::store::testing::database_url(),
        tokio_postgres::NoTls,
    )
    .await
    .expect("admin connection");
    tokio::spawn(conn);
    admin
        .batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
        .await
        .expect("dropped");
    let not_ready = get("readyz").await.expect("answered");
    assert_eq!(not_ready.status().as_u16(), 503);
    let body: serde_json::Value = not_ready.json().await.expect("json");
    assert_eq!(body["error_code"], "STORE_UNAVAILABLE", "{body}");
    assert_eq!(
        get("healthz").await.expect("answered").status().as_u16(),
        200
    );
}
