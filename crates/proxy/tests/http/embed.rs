//! A merchant's own axum app with the proxy nested in it (`api_router`),
//! rather than the `amwal-proxy` program: the merchant's routes keep
//! working and the proxy's API behaves exactly as when it runs alone.

use crate::support::client;

use amwal_proxy::config::Cli;
use amwal_proxy::demo::link::create_demo_link;
use amwal_proxy::{api_router, build};
use axum::routing::get;
use axum::Router;
use clap::Parser;
use serde_json::{json, Value};
use std::net::SocketAddr;

/// The merchant's app on a free port; returns its origin.
async fn merchant_app(with_peer_address: bool) -> (String, amwal_proxy::AppState) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let origin = format!("http://{}", listener.local_addr().expect("addr"));
    // No key: the sandbox, nested by the merchant where the settings say.
    let cli = Cli::parse_from(["amwal-proxy", "--prefix", "/checkout/amwal"]);
    let (state, sandbox) = build(&cli, &origin).await.expect("built");
    let app = Router::new()
        .route("/shop/hello", get(|| async { "merchant page" }))
        .nest("/checkout/amwal", api_router(state.clone()))
        .nest(
            "/sandbox",
            sandbox.expect("sandbox mode").router().with_state(()),
        );
    tokio::spawn(async move {
        if with_peer_address {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
        } else {
            axum::serve(listener, app).await
        }
    });
    (origin, state)
}

#[tokio::test]
async fn the_proxy_nested_in_a_merchant_app_resolves_its_links() {
    let (origin, state) = merchant_app(true).await;
    let link = create_demo_link(&state).await.expect("link created");

    let page = client()
        .get(format!("{origin}/shop/hello"))
        .send()
        .await
        .expect("merchant route");
    assert_eq!(page.text().await.expect("text"), "merchant page");

    let resp = client()
        .post(format!(
            "{origin}/checkout/amwal/payment_links/{link}/resolve"
        ))
        .header("origin", &origin)
        .header("x-request-id", "someone-elses-id")
        .json(&json!({}))
        .send()
        .await
        .expect("resolve");
    assert_eq!(resp.status().as_u16(), 200);
    // A browser's own id is not trusted (no --trust-request-id): a new one.
    let id = resp.headers()["x-request-id"].to_str().expect("id");
    assert!(uuid::Uuid::try_parse(id).is_ok(), "{id}");
    assert_eq!(resp.headers()["x-content-type-options"], "nosniff");
    let body: Value = resp.json().await.expect("json");
    assert!(body["link"]["title"]
        .as_str()
        .is_some_and(|t| t.starts_with("Order #")));
    assert_eq!(body["link"]["currency"], "SAR");

    // Its guards come along: another origin is refused, a bad id is a 400.
    let foreign = client()
        .post(format!(
            "{origin}/checkout/amwal/payment_links/{link}/resolve"
        ))
        .header("origin", "https://evil.example")
        .json(&json!({}))
        .send()
        .await
        .expect("sent");
    assert_eq!(foreign.status().as_u16(), 403);
    let bad = client()
        .post(format!(
            "{origin}/checkout/amwal/payment_links/not-a-uuid/resolve"
        ))
        .json(&json!({}))
        .send()
        .await
        .expect("sent");
    assert_eq!(bad.status().as_u16(), 400);
}

#[tokio::test]
async fn served_without_peer_addresses_it_says_so_rather_than_pooling_shoppers() {
    let (origin, _) = merchant_app(false).await;
    let resp = client()
        .get(format!("{origin}/checkout/amwal/healthz"))
        .send()
        .await
        .expect("sent");
    assert_eq!(resp.status().as_u16(), 500);
    let body: Value = resp.json().await.expect("typed error");
    assert_eq!(body["error_code"], "INTERNAL");
}
