//! Three proxies behind a (test-played) load balancer, on one PostgreSQL
//! and one sandbox: every link is created with one `Idempotency-Key` sent
//! to all three at once, resolved, paid at the sandbox, and its callback is
//! posted to all three at once, twice, while status polls arrive. Midway
//! one proxy is killed (`kill -9`): requests to it fail and go to another,
//! and the events it held are finished by the others. Every order ends paid
//! exactly once, and the order log shows one transition each.
//!
//! `AMWAL_INSTANCES_TRANSACTIONS` sets the number (1,000 by default).

use crate::instances::{create, register, resolve, sandbox_process, shared_args, signed_callback};
use crate::support::{banner_line, client, pay_on_hosted_page};
use amwal_proxy::amwal::Signer;
use amwal_proxy::store::testing::fresh_schema_url;
use futures_util::StreamExt;
use serde_json::Value;
use std::collections::HashMap;
use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// One proxy process: its API URL, and its stderr (the order log) read
/// into a buffer as it runs.
struct Instance {
    child: Child,
    api: String,
    alive: Arc<AtomicBool>,
    log: Option<std::thread::JoinHandle<String>>,
}

impl Instance {
    /// Stops the process (if it still runs) and returns what it logged.
    fn stop(&mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.log
            .take()
            .map(|l| l.join().expect("log"))
            .unwrap_or_default()
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.stop();
    }
}

fn start(args: &[String]) -> Instance {
    let mut child = Command::new(env!("CARGO_BIN_EXE_amwal-proxy"))
        .args([
            "--port",
            "0",
            "--no-access-log",
            "--callback-retry-unit-ms",
            "50",
        ])
        .args([
            "--callback-lease-secs",
            "2",
            "--callback-rate-limit",
            "1000000",
        ])
        .args(args)
        .env_remove("AMWAL_API_KEY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("amwal-proxy runs");
    let api = banner_line(&mut child, "proxy");
    let mut err = child.stderr.take().expect("stderr");
    let log = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = err.read_to_string(&mut text);
        text
    });
    assert!(api.starts_with("http://127.0.0.1:"), "banner: {api}");
    Instance {
        child,
        api,
        alive: Arc::new(AtomicBool::new(true)),
        log: Some(log),
    }
}

/// What a load balancer does: the request goes to instance `first`, or,
/// when that one does not answer, to the next that does.
async fn balanced(
    apis: &[(String, Arc<AtomicBool>)],
    first: usize,
    send: impl Fn(&str) -> reqwest::RequestBuilder,
) -> (u16, Value) {
    for i in 0..apis.len() * 20 {
        let (api, alive) = &apis[(first + i) % apis.len()];
        if !alive.load(Ordering::SeqCst) && i < apis.len() {
            continue;
        }
        match send(api).send().await {
            Ok(resp) => {
                let status = resp.status().as_u16();
                return (status, resp.json().await.unwrap_or(Value::Null));
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
    panic!("no instance answered");
}

fn transactions() -> usize {
    std::env::var("AMWAL_INSTANCES_TRANSACTIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_proxies_pay_every_order_exactly_once_through_duplicates_and_a_kill() {
    let n = transactions();
    let sandbox = sandbox_process();
    let dir = tempfile::tempdir().expect("dir");
    let key_file = register(&sandbox.base, dir.path()).await;
    let db = fresh_schema_url().await;
    let args = shared_args(&sandbox.base, &db, &key_file.to_string_lossy());
    let mut instances: Vec<Instance> = (0..3).map(|_| start(&args)).collect();
    let apis: Vec<(String, Arc<AtomicBool>)> = instances
        .iter()
        .map(|i| (i.api.clone(), i.alive.clone()))
        .collect();
    let apis = Arc::new(apis);
    let signer =
        Arc::new(Signer::from_pem(&std::fs::read_to_string(&key_file).expect("key")).expect("pem"));

    // Links: each create goes to all three at once under one key.
    let made: Vec<(String, String)> = futures_util::stream::iter(0..n)
        .map(|i| {
            let (apis, sandbox) = (apis.clone(), sandbox.base.clone());
            async move {
                let order = format!("T-{i}");
                let tries = (0..3).map(|k| {
                    let (api, order) = (apis[(i + k) % 3].0.clone(), order.clone());
                    async move { create(&api, &order).await }
                });
                let links = futures_util::future::join_all(tries).await;
                let link = links[0].clone();
                assert!(
                    links.iter().all(|l| *l == link),
                    "one link per key: {links:?}"
                );
                let tx = resolve(&apis[(i + 1) % 3].0, &link).await;
                pay_on_hosted_page(&sandbox, &link).await;
                (link, tx)
            }
        })
        .buffer_unordered(12)
        .collect()
        .await;

    // Amwal's news, to all three at once and again, with status polls;
    // the third instance is killed halfway.
    let killed_at = n / 2;
    let victim_alive = instances[2].alive.clone();
    let mut victim = Some(&mut instances[2].child);
    let mut news = futures_util::stream::iter(made.iter().enumerate())
        .map(|(i, (link, tx))| {
            let (apis, signer) = (apis.clone(), signer.clone());
            let (cb, sig) = signed_callback(&signer, link, tx);
            async move {
                for round in 0..2 {
                    let posts = (0..3).map(|k| {
                        let (cb, sig, apis) = (cb.clone(), sig.clone(), apis.clone());
                        async move {
                            balanced(&apis, k + round, |api| {
                                client()
                                    .post(format!("{api}/callbacks"))
                                    .header("x-signature", &sig)
                                    .json(&cb)
                            })
                            .await
                        }
                    });
                    let poll = balanced(&apis, i, |api| {
                        client().get(format!("{api}/transactions/{tx}"))
                    });
                    let (acks, _) = tokio::join!(futures_util::future::join_all(posts), poll);
                    for (status, ack) in acks {
                        assert_eq!(status, 200, "{ack}");
                    }
                }
            }
        })
        .buffer_unordered(12);
    let mut done = 0;
    while news.next().await.is_some() {
        done += 1;
        if done == killed_at {
            if let Some(child) = victim.take() {
                child.kill().expect("kill -9");
                victim_alive.store(false, Ordering::SeqCst);
            }
        }
    }
    drop(news);

    // Every order paid, nothing left pending, by the two survivors.
    let (admin, conn) = tokio_postgres::connect(&db, tokio_postgres::NoTls)
        .await
        .expect("database");
    tokio::spawn(conn);
    let count = |sql: &'static str| {
        let admin = &admin;
        async move {
            let row = admin.query_one(sql, &[]).await.expect("count");
            row.get::<_, i64>(0)
        }
    };
    let mut paid = 0;
    for _ in 0..600 {
        paid = count("SELECT COUNT(*) FROM links WHERE order_state = 'paid'").await;
        let pending = count("SELECT COUNT(*) FROM callback_events WHERE state <> 'done'").await;
        if paid == i64::try_from(n).expect("n") && pending == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(paid, i64::try_from(n).expect("n"), "every order paid");
    assert_eq!(
        count("SELECT COUNT(*) FROM links").await,
        i64::try_from(n).expect("n"),
        "one link per order"
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM callback_events WHERE state <> 'done'").await,
        0
    );

    // The order log: one transition per order, over all three instances.
    let mut logs = String::new();
    for i in &mut instances {
        logs.push_str(&i.stop());
    }
    let mut moves: HashMap<&str, usize> = HashMap::new();
    for line in logs.lines().filter(|l| l.contains(" is now paid ")) {
        if let Some(link) = line
            .split("order of ")
            .nth(1)
            .and_then(|r| r.split(' ').next())
        {
            *moves.entry(link).or_default() += 1;
        }
    }
    assert_eq!(moves.len(), n, "every order's move logged");
    assert!(moves.values().all(|m| *m == 1), "one transition each");
}
