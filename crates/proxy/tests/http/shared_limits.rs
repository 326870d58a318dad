//! Rate limits that hold across instances: proxies given one Redis share
//! each budget; without Redis answering, each instance still counts alone.

use crate::support::{client, closed_base, sandbox_proxy};
use amwal_proxy::Running;

/// The Redis the test command found or started, else the usual local one.
fn redis_url() -> String {
    std::env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".to_owned())
}

/// A status check (the widget's call, counted per address); its status.
async fn poll(r: &Running) -> u16 {
    client()
        .get(format!("{}/transactions/{}", r.proxy, uuid::Uuid::new_v4()))
        .send()
        .await
        .expect("answered")
        .status()
        .as_u16()
}

#[tokio::test]
async fn two_proxies_on_one_redis_share_a_shoppers_budget() {
    let prefix = format!("test-{}", uuid::Uuid::new_v4().simple());
    let redis = redis_url();
    let args = [
        "--rate-limit",
        "4",
        "--redis-url",
        &redis,
        "--redis-prefix",
        &prefix,
    ];
    let (a, b) = (sandbox_proxy(&args).await, sandbox_proxy(&args).await);
    let mut statuses = Vec::new();
    for i in 0..6 {
        statuses.push(poll(if i % 2 == 0 { &a } else { &b }).await);
    }
    // Four unknown transactions (404), then the shared budget is spent.
    assert_eq!(statuses, [404, 404, 404, 404, 429, 429]);
}

#[tokio::test]
async fn without_redis_each_instance_still_counts() {
    let nowhere = closed_base().replace("http://", "redis://");
    let r = sandbox_proxy(&["--rate-limit", "2", "--redis-url", &nowhere]).await;
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(poll(&r).await);
    }
    assert_eq!(statuses, [404, 404, 429]);
}
