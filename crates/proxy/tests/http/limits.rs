//! Rate limits an attacker cannot spread thin: one link resolved from
//! many addresses reaches Amwal a bounded number of times, and Amwal's
//! deliveries have a budget of their own that never answers a final 4xx.

use crate::support::{client, sandbox_proxy};
use serde_json::json;
use std::sync::atomic::Ordering;

#[tokio::test]
async fn one_link_resolved_from_many_addresses_reaches_amwal_a_bounded_number_of_times() {
    let r = sandbox_proxy(&["--trust-forwarded-for", "--link-rate-limit", "5"]).await;
    let link = r.demo_link.expect("demo link");
    let calls = r.sandbox_calls.as_ref().expect("sandbox");
    let before = calls.load(Ordering::SeqCst);
    let mut limited = 0;
    for i in 0..30 {
        let resp = client()
            .post(format!("{}/payment_links/{link}/resolve", r.proxy))
            .header("x-forwarded-for", format!("198.51.100.{i}"))
            .json(&json!({}))
            .send()
            .await
            .expect("sent");
        if resp.status().as_u16() == 429 {
            assert!(resp.headers().contains_key("retry-after"));
            limited += 1;
        } else {
            assert_eq!(resp.status().as_u16(), 200);
        }
    }
    assert_eq!(limited, 25, "each address is new; the link is not");
    assert_eq!(
        calls.load(Ordering::SeqCst) - before,
        5,
        "upstream resolves"
    );

    // Another link is its own budget.
    let other = client()
        .post(format!(
            "{}/payment_links/{}/resolve",
            r.proxy,
            uuid::Uuid::new_v4()
        ))
        .json(&json!({}))
        .send()
        .await
        .expect("sent");
    assert_eq!(other.status().as_u16(), 404, "not limited, just unknown");
}

#[tokio::test]
async fn amwals_deliveries_over_their_budget_are_told_to_come_back_never_refused() {
    let r = sandbox_proxy(&["--callback-rate-limit", "3", "--rate-limit", "1"]).await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let resp = client()
            .post(format!("{}/callbacks", r.proxy))
            .json(&json!({ "not": "a callback" }))
            .send()
            .await
            .expect("sent");
        if resp.status().as_u16() == 503 {
            assert!(resp.headers().contains_key("retry-after"));
        }
        statuses.push(resp.status().as_u16());
    }
    // The shoppers' limit (1 a minute here) does not count Amwal; its own
    // budget answers 503, which Amwal delivers again, never a final 429.
    assert_eq!(&statuses[..3], &[401, 401, 401], "unsigned: {statuses:?}");
    assert_eq!(&statuses[3..], &[503, 503, 503], "{statuses:?}");
}
