//! The proxy and its sandbox over real HTTP on a loopback port.

use crate::support::client;

use amwal_core::api::{codes, CustomerContext, ResolveRequest};
use amwal_core::LinkId;
use amwal_proxy::amwal::wire::CreateLinkRequest;
use amwal_proxy::config::Cli;
use amwal_proxy::{start, Running};
use clap::Parser;
use serde_json::Value;
use std::sync::atomic::Ordering;

async fn server(extra: &[&str]) -> Running {
    crate::support::sandbox_proxy(extra).await
}

fn origin(r: &Running) -> String {
    format!("http://{}", r.addr)
}

fn resolve_body(return_url: &str) -> ResolveRequest {
    ResolveRequest {
        customer_context: Some(CustomerContext {
            return_url: Some(return_url.into()),
            language_preference: Some("en".into()),
        }),
        ..ResolveRequest::default()
    }
}

async fn resolve(r: &Running, link: &str, return_url: &str) -> (u16, Value) {
    let resp = client()
        .post(format!("{}/payment_links/{link}/resolve", r.proxy))
        .json(&resolve_body(return_url))
        .send()
        .await
        .expect("resolve sent");
    let status = resp.status().as_u16();
    (status, resp.json().await.expect("json body"))
}

fn calls(r: &Running) -> usize {
    r.sandbox_calls
        .as_ref()
        .expect("sandbox mode")
        .load(Ordering::SeqCst)
}

#[tokio::test]
async fn a_created_link_resolves_pays_and_confirms_through_the_proxy() {
    let r = server(&[]).await;
    let link = r.demo_link.expect("demo link created at start").to_string();
    let return_url = format!("{}/?link={link}&amwal_return={link}", origin(&r));

    let (status, body) = resolve(&r, &link, &return_url).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["transaction"]["amount"], "299.99000");
    assert_eq!(body["transaction"]["status"], "initiated", "Amwal's word");
    assert_eq!(body["payment_interface"], "web");
    assert_eq!(body["link"]["currency"], "SAR");
    assert!(body["link"]["title"]
        .as_str()
        .is_some_and(|t| t.contains("Wireless headphones")));
    // Contact data is masked before it reaches the browser.
    assert_eq!(body["transaction"]["client_phone_number"], "+966•••••••67");
    assert_eq!(body["transaction"]["client_email"], "a•••@example.com");
    // Anyone holding a link id may resolve it: the customer's name is masked too.
    assert_eq!(body["transaction"]["client_first_name"], "A•••");
    let tx = body["transaction"]["id"]
        .as_str()
        .expect("tx id")
        .to_owned();

    // The shopper presses Pay on the hosted page and is sent back.
    let paid = client()
        .post(format!(
            "{}/payment-link/{link}",
            r.sandbox.as_deref().expect("sandbox url")
        ))
        .form(&[("outcome", "pay")])
        .send()
        .await
        .expect("pay sent");
    assert_eq!(paid.status().as_u16(), 303);
    assert_eq!(
        paid.headers()["location"].to_str().ok(),
        Some(return_url.as_str())
    );

    let status = client()
        .get(format!("{}/transactions/{tx}", r.proxy))
        .send()
        .await
        .expect("status sent");
    assert_eq!(status.status().as_u16(), 200);
    let status: Value = status.json().await.expect("json");
    assert_eq!(status["transaction"]["status"], "success", "Amwal's word");
    assert_eq!(status["link"]["currency"], "SAR");
}

#[tokio::test]
async fn ids_that_are_not_uuids_are_refused_before_any_upstream_call() {
    let r = server(&[]).await;
    let before = calls(&r);
    for bad in [
        "..%2Fx",
        "%2F",
        "550e8400-e29b-41d4-a716-4466554400001",
        "not-a-uuid",
        "{x}",
    ] {
        let (status, body) = resolve(&r, bad, &origin(&r)).await;
        assert_eq!(status, 400, "{bad}");
        assert_eq!(body["error_code"], codes::INVALID_LINK_ID, "{bad}");
    }
    // `%2e%2e` is a dot segment: the path normalises to no route at all.
    let (status, body) = resolve(&r, "%2e%2e", &origin(&r)).await;
    assert_eq!(
        (status, &body["error_code"]),
        (404, &Value::from(codes::NOT_FOUND))
    );
    assert_eq!(calls(&r), before, "no upstream call for a refused id");
}

#[tokio::test]
async fn links_this_store_did_not_create_are_not_resolved() {
    let r = server(&[]).await;
    let before = calls(&r);
    let (status, body) = resolve(&r, &uuid::Uuid::new_v4().to_string(), &origin(&r)).await;
    assert_eq!(status, 404);
    assert_eq!(body["error_code"], codes::LINK_NOT_FOUND);
    assert_eq!(calls(&r), before);
}

#[tokio::test]
async fn return_urls_off_the_allowlist_are_refused() {
    let r = server(&[]).await;
    let link = r.demo_link.expect("demo link").to_string();
    let before = calls(&r);
    for bad in [
        "https://evil.example/",
        "javascript:alert(1)",
        "http://127.0.0.1:1/",
        &format!("{}.evil.example/", origin(&r)),
    ] {
        let (status, body) = resolve(&r, &link, bad).await;
        assert_eq!(status, 400, "{bad}");
        assert_eq!(body["error_code"], codes::RETURN_URL_NOT_ALLOWED, "{bad}");
    }
    assert_eq!(calls(&r), before);
}

/// Amwal's create document for `amount`, optionally expiring at `expiry`.
fn create_request(amount: &str, expiry: Option<&str>) -> CreateLinkRequest {
    CreateLinkRequest {
        amount: amount.parse().expect("number"),
        title: "Made in the portal".into(),
        description: None,
        single_use: true,
        selected_date: expiry.map(str::to_owned),
        client_phone_number: None,
        client_email: None,
        client_first_name: None,
        client_last_name: None,
        address_required: false,
        language: "ar".into(),
        send_sms: false,
        callback_url: None,
        order_id: None,
        metadata: None,
    }
}

#[tokio::test]
async fn an_expired_link_passes_amwals_error_through() {
    let r = server(&[]).await;
    let st = &r.state;
    let req = create_request("10", Some("2020-01-01T00:00:00Z"));
    let created = st
        .upstream
        .create_link("demo-store", &req)
        .await
        .expect("created");
    let link = LinkId::parse(&created.payment_link_id).expect("uuid");
    st.links
        .insert(link, crate::support::record("10"))
        .await
        .expect("recorded");
    let (status, body) = resolve(&r, &link.to_string(), &origin(&r)).await;
    assert_eq!(status, 400);
    assert_eq!(body["error_code"], codes::LINK_EXPIRED);
}

#[tokio::test]
async fn an_unreachable_upstream_is_a_typed_502() {
    // A key makes the proxy talk to "Amwal", here a closed loopback port.
    let base = crate::support::closed_base();
    let r = server(&["--api-key", "k", "--api-base", &base, "--db", ":memory:"]).await;
    let link = LinkId::from_uuid(uuid::Uuid::new_v4());
    r.state
        .links
        .insert(link, crate::support::record("1"))
        .await
        .expect("recorded");
    let (status, body) = resolve(&r, &link.to_string(), &origin(&r)).await;
    assert_eq!(status, 502);
    assert_eq!(body["error_code"], codes::UPSTREAM_UNAVAILABLE);
}

#[tokio::test]
async fn unknown_transactions_are_not_looked_up() {
    let r = server(&[]).await;
    let before = calls(&r);
    let resp = client()
        .get(format!("{}/transactions/{}", r.proxy, uuid::Uuid::new_v4()))
        .send()
        .await
        .expect("sent");
    assert_eq!(resp.status().as_u16(), 404);
    assert_eq!(calls(&r), before);
}

#[tokio::test]
async fn nobody_but_the_proxy_can_resolve_at_the_sandbox_or_plant_a_return_url() {
    let r = server(&[]).await;
    let link = r.demo_link.expect("demo link").to_string();
    let sandbox = r.sandbox.clone().expect("sandbox url");
    let planted = client()
        .post(format!("{sandbox}/payment_links/{link}/resolve"))
        .json(&resolve_body("https://evil.example/"))
        .send()
        .await
        .expect("sent");
    assert_eq!(planted.status().as_u16(), 401);

    let home = format!("{}/?link={link}&amwal_return={link}", origin(&r));
    let (status, _) = resolve(&r, &link, &home).await;
    assert_eq!(status, 200);
    let paid = client()
        .post(format!("{sandbox}/payment-link/{link}"))
        .form(&[("outcome", "pay")])
        .send()
        .await
        .expect("pay sent");
    assert_eq!(
        paid.headers()["location"].to_str().ok(),
        Some(home.as_str())
    );
}

#[tokio::test]
async fn a_bad_merchant_key_is_a_generic_502_not_the_providers_401() {
    let amwal = server(&[]).await;
    let base = amwal.sandbox.clone().expect("sandbox url");
    let r = server(&[
        "--api-key",
        "wrong-key",
        "--api-base",
        &base,
        "--db",
        ":memory:",
    ])
    .await;
    let link = LinkId::from_uuid(uuid::Uuid::new_v4());
    r.state
        .links
        .insert(link, crate::support::record("1"))
        .await
        .expect("recorded");
    let (status, body) = resolve(&r, &link.to_string(), &origin(&r)).await;
    assert_eq!(status, 502);
    assert_eq!(body["error_code"], codes::UPSTREAM_ERROR);
    assert!(!body.to_string().contains("Invalid API key"), "{body}");
}

#[tokio::test]
async fn unsafe_settings_are_refused_at_start() {
    for args in [
        vec!["amwal-proxy", "--port", "0", "--prefix", "/"],
        vec!["amwal-proxy", "--port", "0", "--prefix", "amwal"],
        vec![
            "amwal-proxy",
            "--port",
            "0",
            "--prefix",
            "/x",
            "--sandbox-prefix",
            "/x",
        ],
        vec![
            "amwal-proxy",
            "--port",
            "0",
            "--api-key",
            "k",
            "--api-base",
            "http://backend.example",
        ],
    ] {
        assert!(start(Cli::parse_from(&args)).await.is_err(), "{args:?}");
    }
}

#[tokio::test]
async fn nothing_of_the_browsers_crosses_to_amwal_and_no_cookie_comes_back() {
    let r = server(&[]).await;
    let link = r.demo_link.expect("demo link").to_string();
    // Were the browser's Authorization forwarded, the sandbox would refuse it.
    let resp = client()
        .post(format!("{}/payment_links/{link}/resolve", r.proxy))
        .header("authorization", "Bearer from-the-browser")
        .header("cookie", "session=shopper")
        .json(&resolve_body(&origin(&r)))
        .send()
        .await
        .expect("sent");
    assert_eq!(resp.status().as_u16(), 200);
    assert!(
        resp.headers().get("set-cookie").is_none(),
        "the sandbox's Set-Cookie stays behind"
    );
}

#[tokio::test]
async fn a_production_environment_key_is_refused_by_the_sandbox_at_start() {
    let started = |key: &'static str| {
        start(Cli::parse_from([
            "amwal-proxy",
            "--port",
            "0",
            "--environment-key",
            key,
        ]))
    };
    // X-Amwal-Key selects Amwal's environment; the sandbox is not production.
    let err = started("prod-amwal-4f1c")
        .await
        .err()
        .expect("refused")
        .to_string();
    assert!(err.contains("demo link"), "{err}");
    let err = started("live-key")
        .await
        .err()
        .expect("refused")
        .to_string();
    assert!(err.contains("sandbox-amwal-"), "{err}");
    assert!(started("sandbox-amwal-4f1c").await.is_ok());
}

#[tokio::test]
async fn links_made_elsewhere_resolve_only_with_trust_any_link() {
    for trusting in [false, true] {
        let r = server(if trusting { &["--trust-any-link"] } else { &[] }).await;
        // Made straight at "Amwal" (as in its portal), never recorded here.
        let created = r
            .state
            .upstream
            .create_link("demo-store", &create_request("42.50", None))
            .await
            .expect("created");
        let (status, body) = resolve(&r, &created.payment_link_id, &origin(&r)).await;
        if !trusting {
            assert_eq!(status, 404);
            assert_eq!(body["error_code"], codes::LINK_NOT_FOUND);
            continue;
        }
        assert_eq!(status, 200, "{body}");
        // The store never described it: no title, but its currency.
        assert_eq!(body["link"]["title"], "", "{body}");
        assert_eq!(body["link"]["currency"], "SAR", "{body}");
        // Adopted: its status can be followed like any other.
        let tx = body["transaction"]["id"].as_str().expect("tx id");
        let status = client()
            .get(format!("{}/transactions/{tx}", r.proxy))
            .send()
            .await
            .expect("status");
        assert_eq!(status.status().as_u16(), 200);
    }
}

#[tokio::test]
async fn a_fixed_sandbox_key_lets_a_benchmark_call_the_sandbox_directly() {
    let r = server(&["--sandbox-key", "sandbox-amwal-bench"]).await;
    let url = format!(
        "{}/payment_links/{}/resolve",
        r.sandbox.as_deref().expect("sandbox"),
        r.demo_link.expect("link")
    );
    let storefront = format!("http://{}", r.addr);
    for (key, origin, expected) in [
        ("sandbox-amwal-bench", storefront.as_str(), 200),
        ("sandbox-amwal-other", storefront.as_str(), 401),
        ("sandbox-amwal-bench", "https://elsewhere.example", 403),
    ] {
        let resp = client()
            .post(&url)
            .header("authorization", key)
            .header("origin", origin)
            .json(&serde_json::json!({}))
            .send()
            .await
            .expect("sent");
        assert_eq!(resp.status().as_u16(), expected, "{key} from {origin}");
    }
}
