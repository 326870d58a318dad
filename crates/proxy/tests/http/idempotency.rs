//! Creates that hold: one `Idempotency-Key` makes one link, whether its
//! retries come at once or after a restart; an order already paid gets no
//! second link; a create whose outcome is unknown is not blindly repeated.

use crate::support::{admin, client, press_pay, resolve_tx, sandbox_proxy};
use amwal_proxy::Running;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::time::Duration;

async fn create(r: &Running, body: &Value, key: Option<&str>) -> (u16, Value) {
    let mut req = client()
        .post(format!("{}/payment_links", r.proxy))
        .bearer_auth(admin(r))
        .json(body);
    if let Some(k) = key {
        req = req.header("Idempotency-Key", k);
    }
    let resp = req.send().await.expect("sent");
    (
        resp.status().as_u16(),
        resp.json().await.unwrap_or(Value::Null),
    )
}

fn order(id: &str) -> Value {
    json!({ "order_id": id, "amount": "120.00", "title": "Chair", "send_sms": false })
}

/// Twenty creates for `order_id` under one key, at once: the links the 200
/// answers named (the others must be "in progress").
pub async fn twenty_creates_with_one_key(r: &Running, order_id: &str) -> HashSet<String> {
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let (url, token) = (format!("{}/payment_links", r.proxy), admin(r));
            let (body, key) = (order(order_id), format!("order-{order_id}"));
            tokio::spawn(async move {
                let resp = client()
                    .post(url)
                    .bearer_auth(token)
                    .header("Idempotency-Key", key)
                    .json(&body)
                    .send()
                    .await
                    .expect("sent");
                let status = resp.status().as_u16();
                (status, resp.json::<Value>().await.expect("json"))
            })
        })
        .collect();
    let mut links = HashSet::new();
    for t in tasks {
        let (status, body) = t.await.expect("joined");
        match status {
            200 => {
                links.insert(body["payment_link_id"].as_str().expect("id").to_owned());
            }
            409 => assert_eq!(body["error_code"], "IDEMPOTENCY_IN_PROGRESS", "{body}"),
            other => panic!("{other}: {body}"),
        }
    }
    links
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_creates_with_one_key_make_one_link() {
    let r = sandbox_proxy(&["--rate-limit", "1000"]).await;
    let links = twenty_creates_with_one_key(&r, "C-1").await;
    assert_eq!(links.len(), 1, "{links:?}");
    let recorded = r.state.links.find_by_order("C-1").await.expect("read");
    assert_eq!(recorded.len(), 1, "one link recorded for the order");
    // Once the first has finished, a retry gets its answer.
    let (status, again) = create(&r, &order("C-1"), Some("order-C-1")).await;
    assert_eq!(status, 200);
    assert!(links.contains(again["payment_link_id"].as_str().expect("id")));
}

#[tokio::test]
async fn a_retry_after_a_restart_gets_the_same_link() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("store.sqlite3");
    let db = db.to_str().expect("utf-8");
    let first = sandbox_proxy(&["--db", db]).await;
    let (status, made) = create(&first, &order("R-1"), Some("key-R-1")).await;
    assert_eq!(status, 200, "{made}");
    first.task.abort();
    drop(first);

    let second = sandbox_proxy(&["--db", db]).await;
    let calls = second.sandbox_calls.as_ref().expect("sandbox");
    let before = calls.load(std::sync::atomic::Ordering::SeqCst);
    let (status, again) = create(&second, &order("R-1"), Some("key-R-1")).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["payment_link_id"], made["payment_link_id"]);
    assert_eq!(
        calls.load(std::sync::atomic::Ordering::SeqCst),
        before,
        "nothing sent to Amwal"
    );
    // The same key for another order is a mistake, named as such.
    let (status, reused) = create(&second, &order("R-2"), Some("key-R-1")).await;
    assert_eq!(status, 409, "{reused}");
}

#[tokio::test]
async fn an_order_already_paid_gets_no_second_link() {
    let r = sandbox_proxy(&[]).await;
    let (_, made) = create(&r, &order("P-1"), None).await;
    let link = made["payment_link_id"].as_str().expect("id").to_owned();
    let tx = resolve_tx(&r, &link).await;
    press_pay(&r, &link).await;
    // The return page's status check settles the order.
    let status = client()
        .get(format!("{}/transactions/{tx}", r.proxy))
        .send()
        .await
        .expect("status");
    assert_eq!(status.status().as_u16(), 200);

    for key in [None, Some("another-key")] {
        let (status, refused) = create(&r, &order("P-1"), key).await;
        assert_eq!(status, 409, "{refused}");
        assert_eq!(refused["error_code"], "ORDER_ALREADY_PAID");
    }
}

#[tokio::test]
async fn a_create_whose_outcome_is_unknown_is_not_repeated_blindly() {
    let r = sandbox_proxy(&["--upstream-timeout-ms", "300"]).await;
    let sandbox = r.sandbox.clone().expect("sandbox");
    let behave = |mode: &'static str| {
        let url = format!("{sandbox}/_behaviour");
        async move {
            client()
                .post(url)
                .json(&json!({ "mode": mode }))
                .send()
                .await
                .expect("behaviour")
        }
    };
    // Amwal may have made (and texted) the link: the answer never came.
    behave("hang").await;
    let texted = json!({ "order_id": "U-1", "amount": "120.00", "title": "Chair",
                         "send_sms": true, "client_phone_number": "+966501234567" });
    let (status, _) = create(&r, &texted, Some("key-U-1")).await;
    assert_eq!(status, 504);
    behave("normal").await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    let (status, body) = create(&r, &texted, Some("key-U-1")).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error_code"], "CREATE_OUTCOME_UNKNOWN");

    // Not texted: the lost link reached no one, so a retry makes one.
    behave("hang").await;
    let (status, _) = create(&r, &order("U-2"), Some("key-U-2")).await;
    assert_eq!(status, 504);
    behave("normal").await;
    let (status, body) = create(&r, &order("U-2"), Some("key-U-2")).await;
    assert_eq!(status, 200, "{body}");
}
