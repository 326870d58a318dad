//! The store busy or failing: shoppers and Amwal get a 503 they retry,
//! never "no such link", and the rest of the server keeps answering.

use crate::support::{admin, client, press_pay, resolve_tx, sandbox_proxy};
use amwal_core::api::codes;
use amwal_proxy::amwal::signature::{canonical_text, Escape};
use amwal_proxy::Running;
use serde_json::{json, Value};
use std::time::Duration;

async fn new_link(r: &Running, order: usize) -> String {
    let body: Value = client()
        .post(format!("{}/payment_links", r.proxy))
        .bearer_auth(admin(r))
        .json(&json!({ "order_id": format!("L-{order}"), "amount": "50", "title": "Lamp", "send_sms": false }))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    body["payment_link_id"]
        .as_str()
        .expect("link id")
        .to_owned()
}

/// Another process holds the database's write lock (a backup, a
/// migration, an operator's shell) for longer than any request waits.
fn lock_the_database(path: &std::path::Path) -> rusqlite::Connection {
    let db = rusqlite::Connection::open(path).expect("second connection");
    db.execute_batch("BEGIN EXCLUSIVE").expect("locked");
    db
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_store_answers_503_with_retry_after_and_health_stays_up() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("store.sqlite3");
    let r = sandbox_proxy(&[
        "--db",
        path.to_str().expect("utf-8"),
        "--rate-limit",
        "1000",
    ])
    .await;
    let mut links = Vec::new();
    for order in 0..12 {
        links.push(new_link(&r, order).await);
    }

    let paying = new_link(&r, 99).await;
    let paying_tx = resolve_tx(&r, &paying).await;

    let lock = lock_the_database(&path);
    let pending: Vec<_> = links
        .iter()
        .map(|link| {
            let url = format!("{}/payment_links/{link}/resolve", r.proxy);
            tokio::spawn(async move {
                client()
                    .post(url)
                    .timeout(Duration::from_secs(15))
                    .json(&json!({}))
                    .send()
                    .await
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let health = client()
        .get(format!("{}/healthz", r.proxy))
        .timeout(Duration::from_millis(1500))
        .send()
        .await;
    assert!(
        health.is_ok_and(|h| h.status().is_success()),
        "the server answers while the store waits on its lock"
    );
    for answer in pending {
        let resp = answer
            .await
            .expect("joined")
            .expect("answered while the lock is still held");
        assert_eq!(resp.status().as_u16(), 503, "never a final 404 or 500");
        assert!(
            resp.headers().contains_key("retry-after"),
            "{:?}",
            resp.headers()
        );
        let body: Value = resp.json().await.expect("json");
        assert_eq!(body["error_code"], codes::STORE_UNAVAILABLE, "{body}");
    }

    // The shopper pays meanwhile: Amwal's signed callback is answered 503,
    // so it is delivered again, and the order is paid once the lock goes.
    press_pay(&r, &paying).await;
    let cb = json!({
        "amount": "50.00000", "client_first_name": "A", "client_last_name": "B",
        "payment_link_id": paying, "payment_option": "Pay In Full",
        "status": "success", "transaction_id": paying_tx, "currency": "SAR",
    });
    let cb = cb.as_object().cloned().expect("object");
    let sandbox = r.embedded.as_ref().expect("sandbox");
    let sig = sandbox.sign(canonical_text(&cb, Escape::Ascii).as_bytes());
    let deliver = || {
        client()
            .post(format!("{}/callbacks", r.proxy))
            .timeout(Duration::from_secs(15))
            .header("x-signature", &sig)
            .json(&cb)
            .send()
    };
    let callback = deliver().await.expect("answered while locked");
    assert_eq!(callback.status().as_u16(), 503);
    assert!(callback.headers().contains_key("retry-after"));

    drop(lock);
    let again = deliver().await.expect("delivered again");
    assert_eq!(again.status().as_u16(), 200);
    let link = amwal_core::LinkId::parse(&paying).expect("uuid");
    let mut order = None;
    for _ in 0..200 {
        order = r.state.links.get(&link).await.map(|l| l.order);
        if order.as_ref().is_some_and(|o| o.name() == "paid") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(order.map(|o| o.name()), Some("paid"), "nothing lost");
    let after = client()
        .post(format!("{}/payment_links/{}/resolve", r.proxy, links[0]))
        .json(&json!({}))
        .send()
        .await
        .expect("sent");
    assert_eq!(after.status().as_u16(), 200, "lock released: served again");
}

#[test]
fn the_store_file_is_in_wal_mode() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("store.sqlite3");
    drop(amwal_proxy::store::LinkStore::open_sqlite(&path).expect("opened"));
    let db = rusqlite::Connection::open(&path).expect("open");
    let mode: String = db
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal", "readers are not blocked by a writer");
}
