//! Clients that send slowly, or never finish: they are cut off in time,
//! shoppers are served meanwhile, and a stop does not wait for them.

use crate::support::{client, sandbox_proxy};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A request that stops halfway through its headers.
async fn half_sent(addr: std::net::SocketAddr) -> Option<TcpStream> {
    let mut s = TcpStream::connect(addr).await.ok()?;
    s.write_all(b"GET /amwal/healthz HTTP/1.1\r\nHost: shop\r\nX-Slow: ")
        .await
        .ok()?;
    Some(s)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_are_cut_off_and_shoppers_are_served_meanwhile() {
    let r = sandbox_proxy(&["--header-timeout-ms", "400", "--max-connections", "100"]).await;
    let mut held = Vec::new();
    for _ in 0..300 {
        if let Some(s) = half_sent(r.addr).await {
            held.push(s);
        }
    }
    // Over the connection cap, a shopper waits for a slot: slow clients
    // free theirs when their header time runs out.
    let started = Instant::now();
    let health = client()
        .get(format!("{}/healthz", r.proxy))
        .timeout(Duration::from_secs(5))
        .send()
        .await;
    assert!(
        health.is_ok_and(|h| h.status().is_success()),
        "a shopper is served while 300 slow clients hold on"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    // The first slow client was cut off: the server closed its side.
    let mut first = held.swap_remove(0);
    let mut buf = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(3), first.read_to_end(&mut buf)).await;
    assert!(
        closed.is_ok(),
        "the server closed a client that never finished its headers"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_never_arrives_gets_a_408_in_json() {
    let r = sandbox_proxy(&["--body-timeout-ms", "300"]).await;
    let link = r.demo_link.expect("demo link");
    let mut s = TcpStream::connect(r.addr).await.expect("connect");
    let head = format!(
        "POST /amwal/payment_links/{link}/resolve HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"customer",
        r.addr
    );
    s.write_all(head.as_bytes()).await.expect("sent");
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), async {
        let mut buf = [0u8; 4096];
        loop {
            match s.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    answer.extend_from_slice(&buf[..n]);
                    if answer.windows(4).any(|w| w == b"\r\n\r\n") && answer.ends_with(b"}") {
                        break;
                    }
                }
            }
        }
    })
    .await;
    assert!(read.is_ok(), "answered, not left hanging");
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(
        text.contains("\"error_code\":\"REQUEST_TIMEOUT\""),
        "{text}"
    );
}
