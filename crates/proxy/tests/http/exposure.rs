//! What the proxy shows to whoever reaches it: JSON errors on every API
//! path, the demo's pages only in the demo, the sandbox's fault switch
//! only from this machine.

use crate::support::{client, closed_base, sandbox_proxy};
use amwal_proxy::config::Cli;
use amwal_proxy::Running;
use axum::extract::ConnectInfo;
use clap::Parser;
use serde_json::Value;
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

/// A raw request line (bytes a client library would refuse to send).
async fn raw(r: &Running, request_line: &[u8]) -> String {
    let mut s = tokio::net::TcpStream::connect(r.addr)
        .await
        .expect("connect");
    s.write_all(request_line).await.expect("line");
    s.write_all(b"\r\nHost: shop\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
        .await
        .expect("rest");
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).await.expect("answer");
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn every_api_error_is_json_even_for_paths_no_handler_can_read() {
    let r = sandbox_proxy(&[]).await;
    for line in [
        // A percent-escape that decodes to bytes that are not UTF-8.
        &b"POST /amwal/payment_links/%FF%FE/resolve HTTP/1.1"[..],
        b"GET /amwal/transactions/%C3%28 HTTP/1.1",
        // A method the route does not take.
        b"DELETE /amwal/payment_links/00000000-0000-0000-0000-000000000000/resolve HTTP/1.1",
    ] {
        let answer = raw(&r, line).await;
        let text = String::from_utf8_lossy(line);
        assert!(answer.starts_with("HTTP/1.1 4"), "{text}: {answer}");
        assert!(
            answer
                .to_ascii_lowercase()
                .contains("content-type: application/json"),
            "{text}: {answer}"
        );
        let body = answer.split("\r\n\r\n").nth(1).expect("body");
        let json: Value = serde_json::from_str(body).expect("a JSON body");
        assert!(json["error_code"].is_string(), "{text}: {json}");
    }
}

#[tokio::test]
async fn the_demo_pages_are_served_only_in_the_demo() {
    let base = closed_base();
    let production = amwal_proxy::start(Cli::parse_from([
        "amwal-proxy",
        "--port",
        "0",
        "--api-key",
        "k",
        "--api-base",
        &base,
        "--db",
        ":memory:",
        "--sweep-every-secs",
        "0",
    ]))
    .await
    .expect("starts");
    let origin = format!("http://{}", production.addr);
    for page in ["/", "/demo/"] {
        let resp = client()
            .get(format!("{origin}{page}"))
            .send()
            .await
            .expect("sent");
        assert_eq!(resp.status().as_u16(), 404, "{page} with a real key");
    }
    // The widget's files are what merchants embed: always served.
    let module = client()
        .get(format!("{origin}/pkg/does-not-exist.js"))
        .send()
        .await
        .expect("sent");
    assert_eq!(
        module.status().as_u16(),
        404,
        "a missing file, not a missing route"
    );
    assert!(module.headers().contains_key("access-control-allow-origin"));

    // Asked for (to try the widget against an Amwal-compatible server).
    let shown = amwal_proxy::start(Cli::parse_from([
        "amwal-proxy",
        "--port",
        "0",
        "--api-key",
        "k",
        "--api-base",
        &base,
        "--db",
        ":memory:",
        "--sweep-every-secs",
        "0",
        "--demo-site",
    ]))
    .await
    .expect("starts");
    let page = client()
        .get(format!(
            "http://{}/?link=00000000-0000-0000-0000-000000000000",
            shown.addr
        ))
        .send()
        .await
        .expect("sent");
    assert_eq!(page.status().as_u16(), 200);
}

#[tokio::test]
async fn the_sandbox_fault_switch_answers_only_this_machine() {
    let r = sandbox_proxy(&[]).await;
    let router = amwal_proxy::app::app(r.state.clone(), r.embedded.clone());
    let switch = |peer: &str| {
        let mut req = axum::http::Request::post("/sandbox/_behaviour")
            .header("content-type", "application/json")
            .body(axum::body::Body::from(r#"{"mode":"hang"}"#))
            .expect("request");
        let peer: SocketAddr = peer.parse().expect("addr");
        req.extensions_mut().insert(ConnectInfo(peer));
        router.clone().oneshot(req)
    };
    let remote = switch("203.0.113.9:40000").await.expect("answered");
    assert_eq!(remote.status().as_u16(), 403);
    let local = switch("127.0.0.1:40000").await.expect("answered");
    assert_eq!(local.status().as_u16(), 204);
}
