//! The proxy's guards and link creation over real HTTP on loopback.

use crate::support::{admin, client};

use amwal_core::api::codes;
use amwal_proxy::config::{Cli, Command};
use amwal_proxy::{start, Running};
use clap::Parser;
use serde_json::{json, Value};
use std::sync::atomic::Ordering;

async fn server(extra: &[&str]) -> Running {
    let mut args = vec!["amwal-proxy", "--port", "0"];
    args.extend_from_slice(extra);
    start(Cli::parse_from(args)).await.expect("server starts")
}

fn origin(r: &Running) -> String {
    format!("http://{}", r.addr)
}

fn calls(r: &Running) -> usize {
    r.sandbox_calls
        .as_ref()
        .expect("sandbox")
        .load(Ordering::SeqCst)
}

fn resolve_url(r: &Running) -> String {
    format!(
        "{}/payment_links/{}/resolve",
        r.proxy,
        r.demo_link.expect("demo link")
    )
}

#[tokio::test]
async fn only_allowlisted_origins_may_call_and_cors_is_never_a_wildcard() {
    let r = server(&[]).await;
    let before = calls(&r);
    let evil = client()
        .post(resolve_url(&r))
        .header("Origin", "https://evil.example")
        .json(&json!({}))
        .send()
        .await
        .expect("sent");
    assert_eq!(evil.status().as_u16(), 403);
    assert!(evil.headers().get("access-control-allow-origin").is_none());
    assert_eq!(calls(&r), before, "refused before any upstream call");

    let own = client()
        .post(resolve_url(&r))
        .header("Origin", origin(&r))
        .json(&json!({}))
        .send()
        .await
        .expect("sent");
    assert_eq!(own.status().as_u16(), 200);
    assert_eq!(
        own.headers()["access-control-allow-origin"].to_str().ok(),
        Some(origin(&r).as_str())
    );
    assert_eq!(own.headers()["vary"], "Origin");

    let preflight = |o: String| {
        client()
            .request(reqwest::Method::OPTIONS, resolve_url(&r))
            .header("Origin", o)
            .header("Access-Control-Request-Method", "POST")
            .send()
    };
    let ok = preflight(origin(&r)).await.expect("sent");
    assert_eq!(ok.status().as_u16(), 204);
    assert_eq!(ok.headers()["access-control-allow-methods"], "GET, POST");
    let no = preflight("https://shop.example.evil".into())
        .await
        .expect("sent");
    assert_eq!(no.status().as_u16(), 403);
}

#[tokio::test]
async fn oversized_non_json_and_malformed_bodies_are_refused() {
    let r = server(&[]).await;
    let before = calls(&r);
    let big = client()
        .post(resolve_url(&r))
        .header("content-type", "application/json")
        .body(format!("{{\"referrer\":\"{}\"}}", "x".repeat(20_000)))
        .send()
        .await
        .expect("sent");
    assert_eq!(big.status().as_u16(), 413);
    let text = client()
        .post(resolve_url(&r))
        .body("{}")
        .send()
        .await
        .expect("sent");
    assert_eq!(text.status().as_u16(), 415);
    let broken = client()
        .post(resolve_url(&r))
        .header("content-type", "application/json")
        .body("{\"device_type\":")
        .send()
        .await
        .expect("sent");
    assert_eq!(broken.status().as_u16(), 400);
    let body: Value = broken.json().await.expect("typed error");
    assert_eq!(body["error_code"], codes::INVALID_REQUEST);
    assert_eq!(calls(&r), before);
}

#[tokio::test]
async fn each_client_address_is_rate_limited_and_forwarded_for_only_when_trusted() {
    let r = server(&["--rate-limit", "2"]).await;
    let get = |xff: &'static str| {
        client()
            .get(format!("{}/healthz", r.proxy))
            .header("x-forwarded-for", xff)
            .send()
    };
    assert_eq!(
        get("203.0.113.1").await.expect("sent").status().as_u16(),
        200
    );
    assert_eq!(
        get("203.0.113.2").await.expect("sent").status().as_u16(),
        200
    );
    let limited = get("203.0.113.3").await.expect("sent");
    assert_eq!(
        limited.status().as_u16(),
        429,
        "X-Forwarded-For is not trusted by default"
    );
    let wait: u64 = limited.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&wait));

    let trusting = server(&["--rate-limit", "1", "--trust-forwarded-for"]).await;
    for ip in ["203.0.113.1", "203.0.113.2"] {
        let resp = client()
            .get(format!("{}/healthz", trusting.proxy))
            .header("x-forwarded-for", ip)
            .send()
            .await
            .expect("sent");
        assert_eq!(resp.status().as_u16(), 200, "{ip} counted on its own");
    }
}

#[tokio::test]
async fn pages_carry_security_headers() {
    let r = server(&[]).await;
    let page = client()
        .get(format!(
            "{}/?link={}",
            origin(&r),
            r.demo_link.expect("link")
        ))
        .send()
        .await
        .expect("sent");
    let h = page.headers();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "strict-origin-when-cross-origin");
    let csp = h["content-security-policy"].to_str().expect("ascii");
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'")
            && csp.contains("frame-ancestors 'self'"),
        "{csp}"
    );
}

#[tokio::test]
async fn the_merchant_backend_creates_links_the_widget_can_then_resolve() {
    let r = server(&[]).await;
    let create = |body: Value, key: Option<&'static str>| {
        let mut req = client()
            .post(format!("{}/payment_links", r.proxy))
            .bearer_auth(admin(&r))
            .json(&body);
        if let Some(k) = key {
            req = req.header("Idempotency-Key", k);
        }
        req.send()
    };
    let order =
        json!({ "order_id": "A-7", "amount": "1250.50", "title": "Sofa", "send_sms": false });
    let first = create(order.clone(), Some("k-1")).await.expect("sent");
    assert_eq!(first.status().as_u16(), 200);
    let first: Value = first.json().await.expect("json");
    let again: Value = create(order.clone(), Some("k-1"))
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(
        first["payment_link_id"], again["payment_link_id"],
        "same key, same link"
    );
    let other = create(
        json!({ "order_id": "A-8", "amount": "1", "title": "x" }),
        Some("k-1"),
    )
    .await
    .expect("sent");
    assert_eq!(other.status().as_u16(), 409);

    let link = first["payment_link_id"].as_str().expect("id");
    let resolved = client()
        .post(format!("{}/payment_links/{link}/resolve", r.proxy))
        .json(&json!({}))
        .send()
        .await
        .expect("sent");
    let resolved: Value = resolved.json().await.expect("json");
    assert_eq!(resolved["transaction"]["amount"], "1250.50000");
    assert_eq!(resolved["link"]["title"], "Sofa");

    let bad = create(
        json!({ "order_id": "A-9", "amount": "10.001", "title": "x" }),
        None,
    )
    .await
    .expect("sent");
    assert_eq!(bad.status().as_u16(), 400);
}

#[tokio::test]
async fn creating_needs_the_token_and_is_never_open_to_a_browser() {
    let r = server(&[]).await;
    let order = json!({ "order_id": "A-1", "amount": "10", "title": "x" });
    let url = format!("{}/payment_links", r.proxy);
    let none = client().post(&url).json(&order).send().await.expect("sent");
    assert_eq!(none.status().as_u16(), 401);
    let wrong = client()
        .post(&url)
        .bearer_auth("demo-admin-wrong")
        .json(&order)
        .send()
        .await
        .expect("sent");
    assert_eq!(wrong.status().as_u16(), 401);
    let from_page = client()
        .post(&url)
        .bearer_auth(admin(&r))
        .header("Origin", origin(&r))
        .json(&order)
        .send()
        .await
        .expect("sent");
    assert_eq!(from_page.status().as_u16(), 403);
}

#[tokio::test]
async fn the_create_command_prints_the_link_and_a_qr_code() {
    let r = server(&[]).await;
    let token = admin(&r);
    let cli = Cli::parse_from([
        "amwal-proxy",
        "create",
        "--server",
        &r.proxy,
        "--admin-token",
        &token,
        "--order-id",
        "T-1",
        "--amount",
        "75",
        "--title",
        "Table",
        "--no-sms",
    ]);
    let Some(Command::Create(args)) = cli.command else {
        panic!("create parsed")
    };
    let out = amwal_proxy::cli::run(&args).await.expect("created");
    assert!(out.contains("/payment-link/"), "{out}");
    assert!(
        out.contains('█') || out.contains('▀'),
        "a QR code is drawn: {out}"
    );
}

#[tokio::test]
async fn contacts_are_masked_unless_the_merchant_asks_otherwise() {
    for (args, phone) in [
        (vec![], "+966•••••••67"),
        (vec!["--show-contacts"], "+966501234567"),
    ] {
        let r = server(&args).await;
        let body: Value = client()
            .post(resolve_url(&r))
            .json(&json!({}))
            .send()
            .await
            .expect("sent")
            .json()
            .await
            .expect("json");
        assert_eq!(body["transaction"]["client_phone_number"], phone);
    }
}

#[tokio::test]
async fn requests_are_counted_by_route_and_carry_a_request_id() {
    // Behind a load balancer trusted for them, its ids are kept when safe.
    let r = server(&["--trust-request-id"]).await;
    let resolved = client()
        .post(resolve_url(&r))
        .header("x-request-id", "shop-req-42")
        .json(&json!({}))
        .send()
        .await
        .expect("sent");
    assert_eq!(resolved.headers()["x-request-id"], "shop-req-42");
    let odd = client()
        .get(format!("{}/healthz", r.proxy))
        .header("x-request-id", "<script>")
        .send()
        .await
        .expect("sent");
    let made = odd.headers()["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert_eq!(made.len(), 36, "a fresh id replaces an unsafe one: {made}");

    // Sales volume by route is the merchant's business only.
    let anonymous = client()
        .get(format!("{}/metrics", r.proxy))
        .send()
        .await
        .expect("sent");
    assert_eq!(anonymous.status().as_u16(), 401);
    let token = r.state.settings.admin_token.clone().expect("demo token");
    let text = client()
        .get(format!("{}/metrics", r.proxy))
        .bearer_auth(token.expose())
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("text");
    assert!(
        text.contains(r#"amwal_proxy_requests_total{route="/amwal/payment_links/{id}/resolve",status="200"} 1"#),
        "{text}"
    );
    assert!(
        text.contains(r#"amwal_proxy_request_duration_seconds_count{route="/amwal/healthz"} 1"#),
        "{text}"
    );
    assert!(
        !text.contains(&r.demo_link.expect("link").to_string()),
        "ids never become labels"
    );
}

#[tokio::test]
async fn a_client_prepending_forwarded_for_entries_is_still_limited() {
    // Behind one load balancer, which appends the client's real address.
    let r = server(&["--rate-limit", "1", "--trust-forwarded-for"]).await;
    let get = |xff: String| {
        client()
            .get(format!("{}/healthz", r.proxy))
            .header("x-forwarded-for", xff)
            .send()
    };
    let first = get("198.51.100.1, 203.0.113.7".into()).await.expect("sent");
    assert_eq!(first.status().as_u16(), 200);
    let forged = get("198.51.100.2, 203.0.113.7:4444".into())
        .await
        .expect("sent");
    assert_eq!(
        forged.status().as_u16(),
        429,
        "the same client, whatever it prepends"
    );
    let other = get("198.51.100.1, 203.0.113.8".into()).await.expect("sent");
    assert_eq!(
        other.status().as_u16(),
        200,
        "another client has its own budget"
    );
}

#[tokio::test]
async fn api_answers_are_never_cached() {
    let r = server(&[]).await;
    let resolved = client()
        .post(resolve_url(&r))
        .json(&json!({}))
        .send()
        .await
        .expect("sent");
    assert_eq!(resolved.status().as_u16(), 200);
    assert_eq!(
        resolved.headers()["cache-control"],
        "no-store",
        "a shopper's transaction"
    );
    let refused = client()
        .get(format!("{}/transactions/a%20b", r.proxy))
        .send()
        .await
        .expect("sent");
    assert_eq!(refused.headers()["cache-control"], "no-store", "errors too");
}

#[tokio::test]
async fn a_links_return_prefix_fixes_where_its_shopper_comes_back() {
    let r = server(&[]).await;
    let prefix = format!("{}/orders/A-9/paid", origin(&r));
    let made: Value = client()
        .post(format!("{}/payment_links", r.proxy))
        .bearer_auth(admin(&r))
        .json(&json!({ "order_id": "A-9", "amount": "10", "title": "Mug", "return_url_prefix": prefix }))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    let link = made["payment_link_id"].as_str().expect("id");
    let resolve = |back: String| {
        client()
            .post(format!("{}/payment_links/{link}/resolve", r.proxy))
            .json(&json!({ "customer_context": { "return_url": back } }))
            .send()
    };
    // Whoever resolves first cannot send the shopper elsewhere on the
    // store's own origin (a login page's open redirect, another order).
    for elsewhere in [
        format!("{}/login?next=https://evil.example", origin(&r)),
        format!("{}/orders/A-9/paidx", origin(&r)),
        format!("{}/orders/A-9/paid/../../B-1/paid", origin(&r)),
    ] {
        let refused = resolve(elsewhere.clone()).await.expect("sent");
        assert_eq!(refused.status().as_u16(), 400, "{elsewhere}");
        let body: Value = refused.json().await.expect("json");
        assert_eq!(body["error_code"], codes::RETURN_URL_NOT_ALLOWED);
    }
    let fine = resolve(format!("{prefix}?tab=2")).await.expect("sent");
    assert_eq!(fine.status().as_u16(), 200);
}
