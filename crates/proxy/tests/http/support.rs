//! What the behaviours share: a client that does not follow redirects, a
//! proxy on a free port against its sandbox, records, a closed port.

use amwal_core::{Currency, Money};
use amwal_proxy::store::{LinkRecord, OrderState};

/// A fixed key for the embedded sandbox, for tests that call it directly.
pub const SANDBOX_KEY: &str = "sandbox-amwal-test-key";

/// A client that does not follow redirects (the tests look at them).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        // Before the servers' 5 s close of an idle connection.
        .pool_idle_timeout(std::time::Duration::from_secs(4))
        .build()
        .expect("client")
}

/// A link record for `amount` SAR, as if this proxy had created it.
pub fn record(amount: &str) -> LinkRecord {
    LinkRecord {
        order_id: "1".into(),
        amount: Money::parse(amount, Currency::SAR).expect("amount"),
        title: "T".into(),
        description: None,
        return_prefix: None,
        transaction_id: None,
        order: OrderState::Open,
    }
}

/// The proxy on a free port, against its embedded sandbox, with `extra`
/// arguments.
pub async fn sandbox_proxy(extra: &[&str]) -> amwal_proxy::Running {
    use clap::Parser;
    // The sweep stays off unless a test asks for it.
    let mut args = vec!["amwal-proxy", "--port", "0", "--sweep-every-secs", "0"];
    args.extend_from_slice(extra);
    amwal_proxy::start(amwal_proxy::config::Cli::parse_from(args))
        .await
        .expect("server starts")
}

/// `http://127.0.0.1:PORT` where nothing listens (the connection is refused).
pub fn closed_base() -> String {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", closed.local_addr().expect("addr"));
    drop(closed);
    base
}

/// The admin token the demo made up for this run.
pub fn admin(r: &amwal_proxy::Running) -> String {
    let token = r.state.settings.admin_token.as_ref().expect("demo token");
    token.expose().to_owned()
}

/// Resolves `link` as the widget does (returning to this server); its
/// transaction id.
pub async fn resolve_tx(r: &amwal_proxy::Running, link: &str) -> String {
    let back = format!("http://{}/", r.addr);
    let body: serde_json::Value = client()
        .post(format!("{}/payment_links/{link}/resolve", r.proxy))
        .json(&serde_json::json!({ "customer_context": { "return_url": back } }))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    body["transaction"]["id"].as_str().expect("tx").to_owned()
}

/// The shopper presses "pay" on Amwal's hosted page (the sandbox's).
pub async fn press_pay(r: &amwal_proxy::Running, link: &str) {
    pay_on_hosted_page(r.sandbox.as_deref().expect("sandbox"), link).await;
}

/// Opens the hosted page of the sandbox at `sandbox`, then presses "pay".
pub async fn pay_on_hosted_page(sandbox: &str, link: &str) {
    let page = format!("{sandbox}/payment-link/{link}");
    client().get(&page).send().await.expect("opened");
    let paid = client()
        .post(&page)
        .form(&[("outcome", "pay")])
        .send()
        .await
        .expect("sent");
    assert_eq!(paid.status().as_u16(), 303);
}

/// The value of the banner line `name:` a started `amwal-proxy` prints
/// (read up to "Press Ctrl-C"); stdout is then drained in the background so
/// the program never blocks on a full pipe.
pub fn banner_line(child: &mut std::process::Child, name: &str) -> String {
    use std::io::BufRead;
    let mut out = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    let (mut value, mut line) = (String::new(), String::new());
    let prefix = format!("{name}:");
    while out.read_line(&mut line).expect("banner") > 0 {
        if let Some(v) = line.trim().strip_prefix(&prefix) {
            v.trim().clone_into(&mut value);
        }
        if line.starts_with("Press Ctrl-C") {
            break;
        }
        line.clear();
    }
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    value
}
