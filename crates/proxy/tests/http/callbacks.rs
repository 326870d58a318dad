//! Amwal's callbacks and webhooks, end to end over loopback HTTP: the
//! sandbox signs and delivers as Amwal does, the proxy verifies, fetches
//! Amwal's record and moves the order; forged, misbound and early news
//! changes nothing.

use crate::support::client;

use amwal_core::LinkId;
use amwal_proxy::amwal::signature::{canonical_text, Escape};
use amwal_proxy::amwal::Signer;
use amwal_proxy::config::Cli;
use amwal_proxy::sandbox::{Behaviour, Mode};
use amwal_proxy::store::OrderState;
use amwal_proxy::{start, Running};
use clap::Parser;
use serde_json::{json, Map, Value};
use std::time::Duration;

async fn server(extra: &[&str]) -> Running {
    let mut args = vec![
        "--sandbox-retry-unit-ms",
        "25",
        "--callback-retry-unit-ms",
        "25",
        "--sandbox-key",
        crate::support::SANDBOX_KEY,
    ];
    args.extend_from_slice(extra);
    crate::support::sandbox_proxy(&args).await
}

/// Resolves `link` through the proxy; returns its transaction id.
async fn resolve(r: &Running, link: LinkId) -> String {
    let body: Value = client()
        .post(format!("{}/payment_links/{link}/resolve", r.proxy))
        .json(&json!({ "customer_context": { "return_url": format!("http://{}/", r.addr) } }))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    body["transaction"]["id"].as_str().expect("tx").to_owned()
}

async fn resolved(r: &Running) -> (LinkId, String) {
    let link = r.demo_link.expect("demo link");
    (link, resolve(r, link).await)
}

/// Opens the hosted page (as the browser does), then presses a button.
async fn press(r: &Running, link: LinkId, outcome: &str) {
    let page = format!(
        "{}/payment-link/{link}",
        r.sandbox.as_deref().expect("sandbox")
    );
    let opened = client().get(&page).send().await.expect("opened");
    assert_eq!(opened.status().as_u16(), 200);
    let resp = client()
        .post(&page)
        .form(&[("outcome", outcome)])
        .send()
        .await
        .expect("sent");
    assert_eq!(resp.status().as_u16(), 303);
}

async fn order(r: &Running, link: LinkId) -> Option<OrderState> {
    r.state.links.get(&link).await.map(|l| l.order)
}

/// Stored events not yet worked to the end (waiting for a retry included).
async fn pending_events(r: &Running) -> u64 {
    let counts = r.state.links.events_by_state().await.expect("counts");
    counts
        .iter()
        .find(|(state, _)| state == "pending")
        .map_or(0, |(_, n)| *n)
}

/// Waits until every stored event has been worked.
async fn all_worked(r: &Running) {
    for _ in 0..200 {
        if pending_events(r).await == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!(
        "events still pending: {:?}",
        r.state.links.events_by_state().await
    );
}

async fn order_becomes(r: &Running, link: LinkId, want: &str) {
    for _ in 0..200 {
        if order(r, link).await.is_some_and(|o| o.name() == want) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!(
        "order of {link} never became {want}: {:?}",
        order(r, link).await
    );
}

/// A flat link callback, as Amwal sends it.
fn link_callback(
    link: LinkId,
    tx: &str,
    status: &str,
    first: &str,
    last: &str,
) -> Map<String, Value> {
    let v = json!({
        "amount": "299.99000",
        "client_first_name": first,
        "client_last_name": last,
        "payment_link_id": link.to_string(),
        "payment_option": "Pay In Full",
        "status": status,
        "transaction_id": tx,
        "currency": "SAR",
    });
    v.as_object().cloned().expect("object")
}

async fn post(r: &Running, body: &[u8], headers: &[(&str, &str)]) -> (u16, Value) {
    let mut req = client()
        .post(format!("{}/callbacks", r.proxy))
        .header("content-type", "application/json")
        .body(body.to_vec());
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = req.send().await.expect("sent");
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

/// Posts a link callback signed by `signer` (default: the key Amwal, here
/// the sandbox, signs with) over its canonical text in `escape` form.
async fn post_signed(r: &Running, cb: &Map<String, Value>, escape: Escape) -> (u16, Value) {
    let sig = r
        .embedded
        .as_ref()
        .expect("sandbox")
        .sign(canonical_text(cb, escape).as_bytes());
    post(
        r,
        &serde_json::to_vec(cb).expect("json"),
        &[("x-signature", &sig)],
    )
    .await
}

#[tokio::test]
async fn paying_on_the_hosted_page_pays_the_order_through_amwals_own_deliveries() {
    let r = server(&[]).await;
    let (link, _) = resolved(&r).await;
    assert_eq!(order(&r, link).await, Some(OrderState::Open));
    press(&r, link, "pay").await;
    order_becomes(&r, link, "paid").await;
    // Both kinds arrived, were verified and acknowledged with a 2xx.
    let sb = r.embedded.as_ref().expect("sandbox");
    for kind in ["link_callback", "webhook"] {
        let done = || {
            sb.deliveries()
                .into_iter()
                .find(|d| d.kind == kind && d.status == Some(200))
        };
        for _ in 0..100 {
            if done().is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let d = done().unwrap_or_else(|| panic!("{kind} not accepted: {:?}", sb.deliveries()));
        if kind == "link_callback" {
            let body: Value = serde_json::from_str(&d.body).expect("json");
            assert_eq!(body["status"], "success", "Amwal's word, not ours");
            assert!(body.get("event_type").is_none(), "a flat object");
        }
    }
}

#[tokio::test]
async fn a_failed_payment_fails_the_order_and_a_second_card_then_pays_it() {
    let r = server(&[]).await;
    let (link, first_tx) = resolved(&r).await;
    press(&r, link, "fail").await;
    order_becomes(&r, link, "failed").await;
    // The shopper tries again: the hosted page starts a new attempt.
    press(&r, link, "pay").await;
    order_becomes(&r, link, "paid").await;
    let paid_by = order(&r, link)
        .await
        .and_then(|o| o.paid_transaction().map(str::to_owned));
    assert!(
        paid_by.is_some_and(|t| t != first_tx),
        "paid by the second attempt"
    );
}

#[tokio::test]
async fn arabic_names_verify_whether_amwal_signed_them_escaped_or_as_utf8() {
    let r = server(&[]).await;
    let (link, tx) = resolved(&r).await;
    let cb = link_callback(link, &tx, "initiated", "أحمد", "الراشد 🌙");
    assert_eq!(
        post_signed(&r, &cb, Escape::Ascii).await.0,
        200,
        "\\uXXXX form"
    );
    assert_eq!(
        post_signed(&r, &cb, Escape::Utf8).await.0,
        200,
        "UTF-8 form"
    );
    let mut other = cb.clone();
    other.insert("client_last_name".into(), "Other".into());
    let sig = r
        .embedded
        .as_ref()
        .expect("sandbox")
        .sign(canonical_text(&cb, Escape::Ascii).as_bytes());
    let (status, body) = post(
        &r,
        &serde_json::to_vec(&other).expect("json"),
        &[("x-signature", &sig)],
    )
    .await;
    assert_eq!(
        (status, body["error_code"].as_str()),
        (401, Some("INVALID_SIGNATURE"))
    );
}

#[tokio::test]
async fn forged_unsigned_and_raw_body_signatures_are_refused_and_change_nothing() {
    let r = server(&[]).await;
    let (link, tx) = resolved(&r).await;
    press(&r, link, "later").await;
    let cb = link_callback(link, &tx, "success", "Ahmed", "");
    let body = serde_json::to_vec(&cb).expect("json");
    let stranger = Signer::generate().expect("key");
    let forged = stranger.sign(canonical_text(&cb, Escape::Ascii).as_bytes());
    assert_eq!(
        post(&r, &body, &[("x-signature", &forged)]).await.0,
        401,
        "another key"
    );
    assert_eq!(post(&r, &body, &[]).await.0, 401, "no signature");
    // Signed over the raw body: not how Amwal signs a link callback.
    let raw = r.embedded.as_ref().expect("sandbox").sign(&body);
    assert_eq!(
        post(&r, &body, &[("x-signature", &raw)]).await.0,
        401,
        "raw body"
    );
    assert_eq!(post(&r, b"not json", &[]).await.0, 400);
    assert_eq!(order(&r, link).await, Some(OrderState::Open));
}

#[tokio::test]
async fn success_announced_before_amwals_record_shows_it_is_stored_and_tried_until_it_does() {
    let r = server(&[]).await;
    let (link, tx) = resolved(&r).await;
    let cb = link_callback(link, &tx, "success", "Ahmed", "");
    let (status, body) = post_signed(&r, &cb, Escape::Ascii).await;
    assert_eq!(status, 200, "stored: Amwal need not deliver again");
    assert_eq!(body["duplicate"], false, "{body}");
    let event = body["event"].as_str().expect("event id").to_owned();
    // Tried again and again, never settled on the body's word.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(order(&r, link).await, Some(OrderState::Open));
    assert_eq!(pending_events(&r).await, 1, "still being tried");
    let (_, again) = post_signed(&r, &cb, Escape::Ascii).await;
    assert_eq!(
        (again["event"].as_str(), again["duplicate"].as_bool()),
        (Some(event.as_str()), Some(true))
    );
    // The worker's own try, not a delivery, settles it once Amwal's record
    // is paid (the shopper finished).
    let stored = amwal_proxy::store::events::Event {
        new: amwal_proxy::store::events::NewEvent {
            id: event,
            link,
            transactions: vec![tx.clone()],
            announced: "success".into(),
        },
        attempts: 1,
        received_at: amwal_proxy::store::events::unix_millis(),
    };
    let outcome = amwal_proxy::orders::inbox::work(&r.state, &stored).await;
    assert!(
        matches!(outcome, amwal_proxy::store::events::Outcome::RetryAt { .. }),
        "{outcome:?}"
    );
    press(&r, link, "pay").await;
    order_becomes(&r, link, "paid").await;
    all_worked(&r).await;
}

#[tokio::test]
async fn when_amwal_cannot_be_read_the_callback_is_kept_and_tried_until_it_can() {
    let r = server(&[]).await;
    let (link, _) = resolved(&r).await;
    let sb = r.embedded.clone().expect("sandbox");
    sb.set_behaviour(Behaviour {
        mode: Mode::ServerError,
        payment_interface: None,
    });
    press(&r, link, "pay").await;
    tokio::time::sleep(Duration::from_millis(120)).await;
    assert_eq!(order(&r, link).await, Some(OrderState::Open));
    let first = sb
        .deliveries()
        .into_iter()
        .find(|d| d.kind == "link_callback")
        .expect("tried");
    assert_eq!(first.status, Some(200), "stored and acknowledged at once");
    assert!(pending_events(&r).await >= 1, "kept to be tried again");
    sb.set_behaviour(Behaviour::default());
    order_becomes(&r, link, "paid").await;
    all_worked(&r).await;
    // The proxy retried on its own: Amwal delivered each kind once.
    assert!(
        sb.deliveries()
            .iter()
            .all(|d| d.attempt == 1 && d.status == Some(200)),
        "{:?}",
        sb.deliveries()
    );
}

#[tokio::test]
async fn a_transaction_of_another_link_never_pays_this_one() {
    let r = server(&[]).await;
    let (paid_link, paid_tx) = resolved(&r).await;
    press(&r, paid_link, "pay").await;
    order_becomes(&r, paid_link, "paid").await;
    // A second open order of the same amount.
    let other = amwal_proxy::demo::link::create_demo_link(&r.state)
        .await
        .expect("second link");
    resolve(&r, other).await;
    // Signed, even: the body claims the other link; Amwal's record says no.
    let cb = link_callback(other, &paid_tx, "success", "Ahmed", "");
    let (status, _) = post_signed(&r, &cb, Escape::Ascii).await;
    assert_eq!(
        status, 200,
        "stored; the worker finds it is not this link's"
    );
    all_worked(&r).await;
    assert_eq!(order(&r, other).await, Some(OrderState::Open));
}

#[tokio::test]
async fn nothing_but_amwals_refund_unpays_an_order() {
    let r = server(&[]).await;
    let (link, tx) = resolved(&r).await;
    press(&r, link, "pay").await;
    order_becomes(&r, link, "paid").await;
    let (status, body) = post_signed(
        &r,
        &link_callback(link, &tx, "fail", "Ahmed", ""),
        Escape::Ascii,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    all_worked(&r).await;
    assert!(matches!(
        order(&r, link).await,
        Some(OrderState::Paid { .. })
    ));
    // Amwal refunds part, then the rest; the webhooks move the order.
    let sb_base = r.sandbox.clone().expect("sandbox");
    let refund = |amount: &'static str| {
        let url = format!("{sb_base}/transactions/refund/{tx}/");
        async move {
            client()
                .post(url)
                .header("authorization", crate::support::SANDBOX_KEY)
                .json(&json!({ "refund_amount": amount.parse::<serde_json::Number>().expect("n") }))
                .send()
                .await
                .expect("refund")
                .status()
                .as_u16()
        }
    };
    assert_eq!(refund("100").await, 200);
    order_becomes(&r, link, "partially_refunded").await;
    assert_eq!(refund("299.99").await, 400, "more than was paid");
    assert_eq!(refund("199.99").await, 200);
    order_becomes(&r, link, "refunded").await;
    // Opened again, the link shows its refund (no new attempt to pay).
    let again: Value = client()
        .post(format!("{}/payment_links/{link}/resolve", r.proxy))
        .json(&json!({}))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(again["transaction"]["status"], "refunded", "{again}");
}

#[tokio::test]
async fn webhooks_are_checked_over_the_raw_body_and_their_api_key() {
    let r = server(&[]).await;
    let (link, tx) = resolved(&r).await;
    press(&r, link, "later").await;
    let hook = json!({
        "event_type": "order.success",
        "id": "amwal_order_1",
        "timestamp": "2025-12-15T10:30:00Z",
        "data": { "id": tx, "ref_id": "1001", "amount": 299.99, "status": "success",
                  "payment": { "transaction_id": tx } }
    });
    let body = serde_json::to_vec_pretty(&hook).expect("json");
    let sig = r.embedded.as_ref().expect("sandbox").sign(&body);
    let fp = r
        .state
        .settings
        .webhook_fingerprint
        .clone()
        .expect("registered");
    let (status, _) = post(
        &r,
        &body,
        &[("x-signature", &sig), ("x-api-key", "someone-else")],
    )
    .await;
    assert_eq!(status, 401, "wrong X-API-Key");
    let (status, ack) = post(&r, &body, &[("x-signature", &sig), ("x-api-key", &fp)]).await;
    assert_eq!(status, 200, "{ack}");
    assert_eq!(ack["event"], format!("webhook:{tx}:order.success"));
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        order(&r, link).await,
        Some(OrderState::Open),
        "paying later: Amwal's record decides, not the webhook"
    );
}

#[tokio::test]
async fn a_callback_for_a_link_this_store_never_made_is_final_and_unknown_ids_are_refused() {
    let r = server(&[]).await;
    let stranger = LinkId::from_uuid(uuid::Uuid::new_v4());
    let (status, _) = post_signed(
        &r,
        &link_callback(stranger, "txn_1", "success", "A", "B"),
        Escape::Ascii,
    )
    .await;
    assert_eq!(status, 404);
    let (link, _) = resolved(&r).await;
    let (status, _) = post_signed(
        &r,
        &link_callback(link, "../admin", "success", "A", "B"),
        Escape::Ascii,
    )
    .await;
    assert_eq!(status, 400, "not a safe transaction id");
}

#[tokio::test]
async fn the_sandbox_never_delivers_again_after_a_4xx() {
    let r = server(&[]).await;
    let token = r.state.settings.admin_token.clone().expect("token");
    let created: Value = client()
        .post(format!("{}/payment_links", r.proxy))
        .bearer_auth(token.expose())
        .json(&json!({
            "order_id": "no-such-endpoint", "amount": "10.00", "title": "T",
            "callback_url": format!("{}/nowhere", r.proxy)
        }))
        .send()
        .await
        .expect("created")
        .json()
        .await
        .expect("json");
    let link = LinkId::parse(created["payment_link_id"].as_str().expect("id")).expect("link");
    resolve(&r, link).await;
    press(&r, link, "pay").await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    let tries: Vec<_> = r
        .embedded
        .as_ref()
        .expect("sandbox")
        .deliveries()
        .into_iter()
        .filter(|d| d.kind == "link_callback" && d.url.ends_with("/nowhere"))
        .collect();
    assert_eq!(tries.len(), 1, "{tries:?}");
    assert_eq!(tries[0].status, Some(404));
}

#[tokio::test]
async fn a_private_key_file_from_registration_verifies_callbacks() {
    let dir = tempfile::tempdir().expect("dir");
    let signer = Signer::generate().expect("key");
    let path = dir.path().join("amwal-callback-key.pem");
    std::fs::write(&path, signer.private_pem()).expect("written");
    let path = path.to_string_lossy().into_owned();
    let r = server(&["--callback-key-file", &path]).await;
    let (link, tx) = resolved(&r).await;
    let cb = link_callback(link, &tx, "initiated", "Ahmed", "");
    let body = serde_json::to_vec(&cb).expect("json");
    let mine = signer.sign(canonical_text(&cb, Escape::Ascii).as_bytes());
    assert_eq!(post(&r, &body, &[("x-signature", &mine)]).await.0, 200);
    // The sandbox's own key is not the one configured.
    assert_eq!(post_signed(&r, &cb, Escape::Ascii).await.0, 401);
    let old_name = server(&["--callback-public-key-file", &path]).await;
    assert!(
        old_name.state.settings.callback_key.is_some(),
        "the old option name still works"
    );
}

#[tokio::test]
async fn orders_survive_a_restart_and_are_listed_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("amwal.sqlite3");
    let db_arg = db.to_string_lossy().into_owned();
    let args = |extra: &'static [&'static str]| {
        let mut a = vec!["amwal-proxy", "--port", "0", "--db", &db_arg];
        a.extend_from_slice(extra);
        Cli::parse_from(a)
    };
    let first = start(args(&[])).await.expect("first");
    let (link, _) = resolved(&first).await;
    press(&first, link, "pay").await;
    order_becomes(&first, link, "paid").await;
    first.task.abort();
    let _ = first.task.await;

    let second = start(args(&[])).await.expect("second");
    let kept = second
        .state
        .links
        .get(&link)
        .await
        .expect("the record survived");
    assert!(matches!(kept.order, OrderState::Paid { .. }));
    let listing = amwal_proxy::cli::orders(&db).await.expect("listed");
    assert!(
        listing.contains(&link.to_string())
            && listing.contains("paid")
            && listing.contains("299.99 SAR"),
        "{listing}"
    );
}

#[tokio::test]
async fn pay_later_keeps_the_order_open() {
    let r = server(&[]).await;
    let (link, _) = resolved(&r).await;
    press(&r, link, "later").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(order(&r, link).await, Some(OrderState::Open));
}

#[tokio::test]
async fn the_sweep_settles_a_payment_whose_news_never_arrived() {
    let r = server(&[]).await;
    let (link, _) = resolved(&r).await;
    let sb = r.embedded.clone().expect("sandbox");
    // Every delivery fails while Amwal's API is down, until Amwal gives up.
    sb.set_behaviour(Behaviour {
        mode: Mode::ServerError,
        payment_interface: None,
    });
    press(&r, link, "pay").await;
    for _ in 0..100 {
        let given_up = sb.deliveries().iter().filter(|d| d.attempt == 5).count() == 2;
        if given_up {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    sb.set_behaviour(Behaviour::default());
    assert_eq!(
        order(&r, link).await,
        Some(OrderState::Open),
        "no news arrived"
    );
    let report = amwal_proxy::orders::sweep::run_once(&r.state).await;
    assert_eq!((report.looked_at, report.settled), (1, 1), "{report:?}");
    assert!(matches!(
        order(&r, link).await,
        Some(OrderState::Paid { .. })
    ));
    let again = amwal_proxy::orders::sweep::run_once(&r.state).await;
    assert_eq!(again.looked_at, 0, "a paid order is not looked at again");
}

#[tokio::test]
async fn the_return_page_finds_a_payment_made_under_another_transaction_of_the_link() {
    let r = server(&[]).await;
    let (link, first_tx) = resolved(&r).await;
    press(&r, link, "fail").await;
    press(&r, link, "pay").await; // a new attempt, a new transaction
                                  // The widget remembered the first transaction; the proxy answers the paid one.
    let body: Value = client()
        .get(format!("{}/transactions/{first_tx}", r.proxy))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(body["transaction"]["status"], "success", "{body}");
    assert_ne!(body["transaction"]["id"], first_tx.as_str());
    order_becomes(&r, link, "paid").await;
}

#[tokio::test]
async fn a_storefront_origin_amwal_refuses_is_named_with_its_fix() {
    let r = server(&["--storefront-origin", "https://not-allowed.example"]).await;
    let link = r.demo_link.expect("demo link");
    let resp = client()
        .post(format!("{}/payment_links/{link}/resolve", r.proxy))
        .json(&json!({ "customer_context": { "return_url": "https://not-allowed.example/" } }))
        .send()
        .await
        .expect("sent");
    assert_eq!(resp.status().as_u16(), 502);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["error_code"], "STOREFRONT_ORIGIN_REFUSED");
}

#[tokio::test]
async fn a_full_size_webhook_is_read_and_not_rate_limited() {
    let r = server(&["--rate-limit", "2"]).await;
    let (link, tx) = resolved(&r).await;
    let hook = |padding: usize| {
        let v = json!({
            "event_type": "order.updated",
            "data": { "id": tx, "payment": { "transaction_id": tx },
                      "metadata": { "notes": "x".repeat(padding) } }
        });
        serde_json::to_vec(&v).expect("json")
    };
    let fp = r
        .state
        .settings
        .webhook_fingerprint
        .clone()
        .expect("registered");
    let sb = r.embedded.clone().expect("sandbox");
    let body = hook(250 * 1024);
    let sig = sb.sign(&body);
    for _ in 0..4 {
        let (status, ack) = post(&r, &body, &[("x-signature", &sig), ("x-api-key", &fp)]).await;
        assert_eq!(status, 200, "{ack}");
    }
    let too_big = hook(257 * 1024);
    let sig = sb.sign(&too_big);
    let (status, _) = post(&r, &too_big, &[("x-signature", &sig), ("x-api-key", &fp)]).await;
    assert_eq!(status, 413);
    assert_eq!(order(&r, link).await, Some(OrderState::Open));
}

/// A proxy with a real key (here: another proxy's sandbox as its Amwal)
/// and no callback key takes unsigned callbacks as hints: they only make
/// it read Amwal's record, which alone decides.
#[tokio::test]
async fn without_a_callback_key_an_unsigned_callback_decides_nothing() {
    let amwal = server(&[]).await;
    let api_base = amwal.sandbox.clone().expect("sandbox");
    let storefront = format!("http://{}", amwal.addr);
    let merchant = start(Cli::parse_from([
        "amwal-proxy",
        "--port",
        "0",
        "--sweep-every-secs",
        "0",
        "--api-key",
        crate::support::SANDBOX_KEY,
        "--api-base",
        &api_base,
        "--storefront-origin",
        &storefront,
        "--admin-token",
        "admin-hints",
        "--callback-retry-unit-ms",
        "25",
        "--db",
        ":memory:",
    ]))
    .await
    .expect("merchant proxy");
    assert!(merchant.state.settings.callback_key.is_none());
    let created: Value = client()
        .post(format!("{}/payment_links", merchant.proxy))
        .bearer_auth("admin-hints")
        .json(&json!({ "order_id": "H-1", "amount": "299.99", "title": "Hints" }))
        .send()
        .await
        .expect("created")
        .json()
        .await
        .expect("json");
    let link = LinkId::parse(created["payment_link_id"].as_str().expect("id")).expect("link");
    let resolved: Value = client()
        .post(format!("{}/payment_links/{link}/resolve", merchant.proxy))
        .json(&json!({ "customer_context": { "return_url": format!("{storefront}/") } }))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    let tx = resolved["transaction"]["id"]
        .as_str()
        .expect("tx")
        .to_owned();
    let cb = serde_json::to_vec(&link_callback(link, &tx, "success", "Ahmed", "")).expect("json");
    let (status, body) = post(&merchant, &cb, &[]).await;
    assert_eq!(status, 200, "{body}");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        order(&merchant, link).await,
        Some(OrderState::Open),
        "the body decided nothing"
    );
    // The shopper pays at "Amwal": the hint's next try finds it paid.
    press(&amwal, link, "pay").await;
    order_becomes(&merchant, link, "paid").await;
}
