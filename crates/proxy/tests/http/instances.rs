//! Several proxies, one truth: two proxies share one PostgreSQL and one
//! Amwal (the sandbox as a process of its own, `amwal-proxy sandbox`). A
//! link made on one resolves on the other, and Amwal's news posted to both
//! at once pays the order once.

use crate::support::{client, pay_on_hosted_page};
use amwal_proxy::amwal::signature::{canonical_text, Escape};
use amwal_proxy::amwal::Signer;
use amwal_proxy::config::{Cli, Command as Sub};
use amwal_proxy::store::testing::fresh_schema_url;
use amwal_proxy::store::{Moved, OrderState};
use amwal_proxy::Running;
use clap::Parser;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// Where the shoppers' store is, as Amwal knows it: nothing listens there,
/// so the sandbox's own deliveries fail and only the test's arrive.
const STORE: &str = "http://127.0.0.1:9";
const KEY: &str = "sandbox-amwal-instances";
const ADMIN: &str = "admin-token-instances";

/// `amwal-proxy sandbox` on a free port; killed when dropped.
pub struct SandboxProcess {
    child: Child,
    pub base: String,
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn sandbox_process() -> SandboxProcess {
    let mut child = Command::new(env!("CARGO_BIN_EXE_amwal-proxy"))
        .args([
            "sandbox",
            "--port",
            "0",
            "--key",
            KEY,
            "--storefront-origin",
            STORE,
        ])
        .args(["--retry-unit-ms", "600000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("amwal-proxy sandbox runs");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    out.read_line(&mut line).expect("banner");
    let base = line
        .trim()
        .strip_prefix("amwal sandbox listening on ")
        .unwrap_or_else(|| panic!("banner: {line}"))
        .to_owned();
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    SandboxProcess { child, base }
}

/// Registers the callback URL with the sandbox, as a merchant does once
/// with Amwal; the key file it writes.
pub async fn register(sandbox: &str, dir: &std::path::Path) -> std::path::PathBuf {
    let key_file = dir.join("callback-key.pem");
    let key_arg = key_file.to_string_lossy().into_owned();
    let cli = Cli::parse_from([
        "amwal-proxy",
        "--api-key",
        KEY,
        "--api-base",
        sandbox,
        "--storefront-origin",
        STORE,
        "register-webhook",
        "--url",
        &format!("{STORE}/amwal/callbacks"),
        "--key-file",
        &key_arg,
    ]);
    let Some(Sub::RegisterWebhook(args)) = &cli.command else {
        panic!("parsed");
    };
    amwal_proxy::cli::register_webhook(&cli, args)
        .await
        .expect("registered");
    key_file
}

/// The arguments of a proxy against the shared sandbox and database.
pub fn shared_args(sandbox: &str, db: &str, key_file: &str) -> Vec<String> {
    [
        "--sweep-every-secs",
        "0",
        "--rate-limit",
        "100000",
        "--api-key",
        KEY,
        "--api-base",
        sandbox,
        "--storefront-origin",
        STORE,
        "--db",
        db,
        "--callback-key-file",
        key_file,
        "--admin-token",
        ADMIN,
    ]
    .map(str::to_owned)
    .to_vec()
}

/// A proxy against the shared sandbox and database.
pub async fn proxy(sandbox: &str, db: &str, key_file: &std::path::Path) -> Running {
    let key_file = key_file.to_string_lossy().into_owned();
    let mut args = vec!["amwal-proxy".to_owned(), "--port".into(), "0".into()];
    args.extend(shared_args(sandbox, db, &key_file));
    amwal_proxy::start(Cli::parse_from(args))
        .await
        .expect("proxy starts")
}

/// A link for `order` made through the proxy API at `api`, under the
/// order's idempotency key (waiting while another request with it runs);
/// its id.
pub async fn create(api: &str, order: &str) -> String {
    for _ in 0..500 {
        let resp = client()
            .post(format!("{api}/payment_links"))
            .bearer_auth(ADMIN)
            .header("Idempotency-Key", format!("create-{order}"))
            .json(&json!({ "order_id": order, "amount": "80.00", "title": "Lamp", "send_sms": false }))
            .send()
            .await
            .expect("sent");
        let status = resp.status().as_u16();
        let body: Value = resp.json().await.expect("json");
        match status {
            200 => return body["payment_link_id"].as_str().expect("link").to_owned(),
            409 if body["error_code"] == "IDEMPOTENCY_IN_PROGRESS" => {
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            // Amwal not reached (a busy machine): the merchant's backend
            // tries again with the same key.
            502..=504 => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
            other => panic!("{other}: {body}"),
        }
    }
    panic!("create of {order} never finished");
}

/// Resolves `link` through the proxy API at `api` (as the widget on the
/// store's page, which tries again when Amwal is not reached); its
/// transaction.
pub async fn resolve(api: &str, link: &str) -> String {
    for _ in 0..20 {
        let resp = client()
            .post(format!("{api}/payment_links/{link}/resolve"))
            .json(&json!({ "customer_context": { "return_url": format!("{STORE}/back") } }))
            .send()
            .await
            .expect("sent");
        let status = resp.status().as_u16();
        let body: Value = resp.json().await.expect("json");
        match (status, body["transaction"]["id"].as_str()) {
            (200, Some(tx)) => return tx.to_owned(),
            (502..=504, _) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
            _ => panic!("{status}: {body}"),
        }
    }
    panic!("resolve of {link} never answered");
}

/// Amwal's link callback for a paid transaction, signed as Amwal signs it.
pub fn signed_callback(signer: &Signer, link: &str, tx: &str) -> (Value, String) {
    let cb = json!({
        "amount": "80.00000", "client_first_name": "A", "client_last_name": "B",
        "payment_link_id": link, "payment_option": "Pay In Full",
        "status": "success", "transaction_id": tx, "currency": "SAR",
    });
    let text = canonical_text(cb.as_object().expect("object"), Escape::Ascii);
    let sig = signer.sign(text.as_bytes());
    (cb, sig)
}

/// Waits until the order of `link` is paid, as `r` reads the store.
pub async fn wait_paid(r: &Running, link: amwal_core::LinkId) {
    for _ in 0..250 {
        let order = r.state.links.get(&link).await.map(|l| l.order);
        if matches!(order, Some(OrderState::Paid { .. })) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("{link} never paid");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_made_on_one_proxy_is_paid_once_whichever_proxy_hears_of_it() {
    let sandbox = sandbox_process();
    let dir = tempfile::tempdir().expect("dir");
    let key_file = register(&sandbox.base, dir.path()).await;
    let db = fresh_schema_url().await;
    let (a, b) = (
        proxy(&sandbox.base, &db, &key_file).await,
        proxy(&sandbox.base, &db, &key_file).await,
    );

    let link = create(&a.proxy, "I-1").await;
    let tx = resolve(&b.proxy, &link).await;
    pay_on_hosted_page(&sandbox.base, &link).await;

    let signer = Signer::from_pem(&std::fs::read_to_string(&key_file).expect("key")).expect("pem");
    let (cb, sig) = signed_callback(&signer, &link, &tx);
    let deliveries: Vec<_> = [&a, &b, &a, &b]
        .iter()
        .map(|r| {
            let (url, cb, sig) = (format!("{}/callbacks", r.proxy), cb.clone(), sig.clone());
            tokio::spawn(async move {
                let resp = client()
                    .post(url)
                    .header("x-signature", sig)
                    .json(&cb)
                    .send()
                    .await
                    .expect("answered");
                let status = resp.status().as_u16();
                (status, resp.json::<Value>().await.expect("json"))
            })
        })
        .collect();
    let mut first_stored = 0;
    for d in deliveries {
        let (status, ack) = d.await.expect("joined");
        assert_eq!(status, 200, "{ack}");
        first_stored += usize::from(ack["duplicate"] == false);
    }
    assert_eq!(first_stored, 1, "one event, stored once");
    let link_id = amwal_core::LinkId::parse(&link).expect("uuid");
    wait_paid(&a, link_id).await;
    for r in [&a, &b] {
        let order = r
            .state
            .links
            .get(&link_id)
            .await
            .expect("shared record")
            .order;
        assert_eq!(
            order,
            OrderState::Paid {
                transaction_id: tx.clone()
            }
        );
        let status: Value = client()
            .get(format!("{}/transactions/{tx}", r.proxy))
            .send()
            .await
            .expect("status")
            .json()
            .await
            .expect("json");
        assert_eq!(status["transaction"]["status"], "success", "{status}");
    }
    // Paid once: a further move reports it already happened.
    assert_eq!(
        a.state.links.mark_paid(&link_id, &tx, None).await,
        Ok(Moved::Already(OrderState::Paid {
            transaction_id: tx.clone()
        }))
    );
}
