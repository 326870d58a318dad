//! The `amwal-proxy` program itself, as a merchant runs it: its log lines
//! carry the request id the response gave, never the key or contact data;
//! SIGTERM lets requests in flight finish; a refused connection to Amwal is
//! tried exactly once more.

use crate::support::{banner_line, client, record};

use amwal_core::LinkId;
use amwal_proxy::store::LinkStore;
use serde_json::json;
use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Proxy {
    child: Child,
    /// The storefront line: `http://127.0.0.1:port/?link=…`.
    storefront: String,
    base: String,
}

/// Starts the program with `args` and waits for its "listening" banner.
fn spawn(args: &[&str]) -> Proxy {
    let mut child = Command::new(env!("CARGO_BIN_EXE_amwal-proxy"))
        .args(["--port", "0"])
        .args(args)
        .env_remove("AMWAL_API_KEY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("amwal-proxy runs");
    let storefront = banner_line(&mut child, "storefront");
    let base = storefront
        .split("/?")
        .next()
        .expect("origin")
        .trim_end_matches('/')
        .to_owned();
    assert!(
        base.starts_with("http://127.0.0.1:"),
        "banner: {storefront}"
    );
    Proxy {
        child,
        storefront,
        base,
    }
}

/// SIGTERM, then everything the program wrote on stderr.
fn stop(mut p: Proxy) -> (std::process::ExitStatus, String) {
    let pid = p.child.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status();
    assert!(killed.is_ok_and(|s| s.success()), "kill -TERM {pid}");
    let status = p.child.wait().expect("exits");
    let mut err = String::new();
    p.child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr text");
    (status, err)
}

#[tokio::test]
async fn log_lines_carry_the_request_id_and_no_secrets_and_sigterm_drains() {
    // Behind a load balancer we trust for them, its request ids are kept.
    let p = spawn(&["--trust-request-id"]);
    let link = p
        .storefront
        .rsplit("link=")
        .next()
        .expect("demo link")
        .to_owned();
    let resolve = format!("{}/amwal/payment_links/{link}/resolve", p.base);
    let ok = client()
        .post(format!("{resolve}?coupon=SECRET10"))
        .header("x-request-id", "shopper-42")
        .json(&json!({}))
        .send()
        .await
        .expect("resolve");
    assert_eq!(ok.status().as_u16(), 200);
    assert_eq!(ok.headers()["x-request-id"], "shopper-42");

    // A slow sandbox keeps the next resolve in flight while SIGTERM lands.
    let slow = client()
        .post(format!("{}/sandbox/_behaviour", p.base))
        .json(&json!({ "mode": "slow" }))
        .send()
        .await
        .expect("behaviour");
    assert_eq!(slow.status().as_u16(), 204);
    let calls = || async {
        let state: serde_json::Value = client()
            .get(format!("{}/sandbox/_behaviour", p.base))
            .send()
            .await
            .expect("behaviour")
            .json()
            .await
            .expect("json");
        state["api_calls"].as_u64().expect("count")
    };
    let before = calls().await;
    let in_flight = tokio::spawn(
        client()
            .post(&resolve)
            .header("x-request-id", "in-flight-7")
            .json(&json!({}))
            .send(),
    );
    // SIGTERM only once the sandbox holds the call (it waits ≥ 100 ms).
    while calls().await == before {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let (exit, log) = tokio::task::spawn_blocking(move || stop(p))
        .await
        .expect("stopped");
    let answered = in_flight.await.expect("joined").expect("answered");
    assert_eq!(answered.status().as_u16(), 200, "finished, not cut off");
    assert!(exit.success(), "clean exit: {exit:?}\n{log}");

    let has = |start: &str| log.lines().any(|l| l.starts_with(start));
    assert!(
        has(&format!(
            "req=shopper-42 POST /amwal/payment_links/{link}/resolve 200 "
        )),
        "{log}"
    );
    assert!(has("req=in-flight-7 POST /amwal/"), "{log}");
    // The sandbox's own line for the upstream call carries the same id.
    assert!(
        log.lines()
            .any(|l| l.starts_with("req=shopper-42 POST /sandbox/payment_links/")),
        "{log}"
    );
    // The demo link's customer is +966501234567 / ahmed@example.com.
    for secret in [
        "sandbox-amwal-",
        "966501234567",
        "ahmed@example.com",
        "Authorization",
        "SECRET10",
    ] {
        assert!(!log.contains(secret), "{secret:?} in the log:\n{log}");
    }
}

#[tokio::test]
async fn a_refused_connection_to_amwal_is_tried_exactly_once_more() {
    let dir = std::env::temp_dir().join(format!("amwal-bin-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("dir");
    let db = dir.join("links.sqlite3");
    let link = LinkId::parse("7b0c5e9e-6a5f-4c55-9f0e-1d2b3c4d5e6f").expect("uuid");
    LinkStore::open_sqlite(&db)
        .expect("db")
        .insert(link, record("10.00"))
        .await
        .expect("recorded");
    let api_base = crate::support::closed_base();
    let p = spawn(&[
        "--trust-request-id",
        "--api-key",
        "test-key-not-real",
        "--api-base",
        &api_base,
        "--db",
        db.to_str().expect("utf-8"),
    ]);
    let resp = client()
        .post(format!("{}/amwal/payment_links/{link}/resolve", p.base))
        .header("x-request-id", "refused-1")
        .json(&json!({}))
        .send()
        .await
        .expect("answered");
    assert_eq!(resp.status().as_u16(), 502);
    let (_, log) = tokio::task::spawn_blocking(move || stop(p))
        .await
        .expect("stopped");
    let _ = std::fs::remove_dir_all(&dir);
    let retries = log
        .lines()
        .filter(|l| l.starts_with("req=refused-1 ") && l.contains("trying once more"))
        .count();
    let failures = log
        .lines()
        .filter(|l| l.starts_with("req=refused-1 ") && l.contains("upstream request failed"))
        .count();
    assert_eq!((retries, failures), (1, 1), "{log}");
    assert!(!log.contains("test-key-not-real"), "{log}");
}

#[tokio::test]
async fn orders_reads_the_database_the_config_file_names() {
    let dir = std::env::temp_dir().join(format!("amwal-orders-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("dir");
    let db = dir.join("shop.sqlite3");
    let link = LinkId::parse("3f2b8c1e-9d4a-4e6b-8a7c-5d1e2f3a4b5c").expect("uuid");
    LinkStore::open_sqlite(&db)
        .expect("db")
        .insert(link, record("75.00"))
        .await
        .expect("recorded");
    let config = dir.join("amwal-proxy.toml");
    std::fs::write(&config, format!("db = {:?}\n", db.to_str().expect("utf-8"))).expect("config");
    let out = Command::new(env!("CARGO_BIN_EXE_amwal-proxy"))
        .arg("--config")
        .arg(&config)
        .arg("orders")
        .env_remove("AMWAL_DB")
        .current_dir(&dir)
        .output()
        .expect("runs");
    let _ = std::fs::remove_dir_all(&dir);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains(&link.to_string()), "{text}");
}

#[tokio::test]
async fn sigterm_stops_within_the_grace_period_whatever_clients_hold() {
    let p = spawn(&[
        "--shutdown-grace-secs",
        "1",
        "--header-timeout-ms",
        "60000",
        "--body-timeout-ms",
        "60000",
    ]);
    let addr = p.base.trim_start_matches("http://").to_owned();
    let mut stalled = Vec::new();
    for text in [
        // Headers never finished, and a body never sent.
        "GET /amwal/healthz HTTP/1.1\r\nHost: shop\r\nX-Slow: ".to_owned(),
        "POST /amwal/callbacks HTTP/1.1\r\nHost: shop\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"
            .to_owned(),
    ] {
        use tokio::io::AsyncWriteExt;
        let mut s = tokio::net::TcpStream::connect(&addr).await.expect("connect");
        s.write_all(text.as_bytes()).await.expect("sent");
        stalled.push(s);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = std::time::Instant::now();
    let stopping = tokio::task::spawn_blocking(move || stop(p));
    let (exit, log) = tokio::time::timeout(Duration::from_secs(8), stopping)
        .await
        .expect("stopped within the grace period, not waiting on the clients")
        .expect("joined");
    assert!(exit.success(), "{exit:?}\n{log}");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    assert!(log.contains("closing 2 unfinished connections"), "{log}");
    drop(stalled);
}
