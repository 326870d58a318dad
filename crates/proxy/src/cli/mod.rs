//! The command-line tools for the merchant. `amwal-proxy create` asks a running proxy to create a link (so the proxy
//! records it and its widget can resolve it), then prints the link's URL and
//! a QR code to show a customer in the shop.

use crate::amwal::wire::{WebhookRegistration, WEBHOOK_EVENTS};
use crate::amwal::{CallbackKey, Upstream};
use crate::api::create::{CreatedLink, NewLink};
use crate::config::{Cli, CreateArgs, RegisterArgs};
use qrcode::render::unicode::Dense1x2;
use qrcode::QrCode;

pub async fn run(args: &CreateArgs) -> Result<String, String> {
    let new = NewLink {
        order_id: args.order_id.clone(),
        amount: args.amount.clone(),
        currency: args.currency.clone(),
        title: args.title.clone(),
        description: args.description.clone(),
        single_use: !args.multi_use,
        selected_date: args.expires.clone(),
        client_phone_number: args.phone.clone(),
        client_email: args.email.clone(),
        client_first_name: args.first_name.clone(),
        client_last_name: args.last_name.clone(),
        address_required: args.address_required,
        language: args.language.clone(),
        send_sms: !args.no_sms,
        callback_url: args.callback_url.clone(),
        metadata: None,
    };
    let url = format!("{}/payment_links", args.server.trim_end_matches('/'));
    let mut req = reqwest::Client::new()
        .post(&url)
        .bearer_auth(args.admin_token.expose())
        .json(&new);
    if let Some(k) = &args.idempotency_key {
        req = req.header("Idempotency-Key", k);
    }
    let resp = req
        .send()
        .await
        .map_err(|e| format!("cannot reach {url}: {e}"))?;
    let status = resp.status();
    let body: serde_json::Value = resp
        .json()
        .await
        .map_err(|e| format!("unreadable answer ({status}): {e}"))?;
    if !status.is_success() {
        let why = body["error"].as_str().unwrap_or("unknown error");
        return Err(format!("{status}: {why}"));
    }
    let created: CreatedLink =
        serde_json::from_value(body).map_err(|e| format!("unexpected answer: {e}"))?;
    let qr = QrCode::new(created.url.as_bytes())
        .map(|c| c.render::<Dense1x2>().quiet_zone(true).build())
        .unwrap_or_default();
    Ok(format!(
        "payment link {} for order {} ({})\n{}\n\n{qr}\n",
        created.payment_link_id, created.order_id, created.environment, created.url
    ))
}

/// `amwal-proxy orders`: one line per link recorded in the database.
pub fn orders(db: &std::path::Path) -> Result<String, String> {
    if !db.exists() {
        return Err(format!(
            "{}: no such database (start the proxy with --db)",
            db.display()
        ));
    }
    let store = crate::store::LinkStore::open(db).map_err(|e| e.to_string())?;
    let rows = store.list().map_err(|e| e.to_string())?;
    let mut out = format!(
        "{:<20} {:<16} {:>14} {:<4} {:<7} {}\n",
        "created", "order", "amount", "", "state", "link"
    );
    for (id, r, created) in rows {
        out.push_str(&format!(
            "{:<20} {:<16} {:>14} {:<4} {:<7} {}\n",
            created,
            r.order_id,
            r.amount.to_decimal_string(),
            r.amount.currency.code(),
            r.order.name(),
            id
        ));
    }
    Ok(out)
}

/// `amwal-proxy register-webhook`: registers the callback URL with Amwal
/// (or any Amwal-compatible API at `--api-base`), writes the private key it
/// hands out to an owner-only file, and prints the settings to use.
pub async fn register_webhook(cli: &Cli, args: &RegisterArgs) -> Result<String, String> {
    let key = cli
        .api_key
        .as_ref()
        .ok_or("register-webhook needs the Amwal secret key (AMWAL_API_KEY)")?;
    cli.validate()?;
    let url = url::Url::parse(&args.url).map_err(|e| format!("--url: {e}"))?;
    if url.scheme() != "https" && !crate::config::is_loopback(&url) {
        return Err("--url must be https (plain http only on this machine)".into());
    }
    if args.key_file.exists() {
        return Err(format!(
            "{} exists: move it away first (Amwal shows a key once; this one may be in use)",
            args.key_file.display()
        ));
    }
    let upstream = Upstream::new(
        &cli.api_base,
        key,
        cli.storefront_origin.as_deref().unwrap_or_default(),
        std::time::Duration::from_millis(cli.upstream_timeout_ms.max(100)),
    )?
    .with_environment_key(cli.environment_key.clone());
    let issued = upstream
        .register_webhook(&WebhookRegistration {
            url: url.to_string(),
            description: "amwal-proxy callbacks".into(),
            event_type_names: WEBHOOK_EVENTS.iter().map(|e| (*e).to_owned()).collect(),
            api_key_name: args.name.clone(),
            api_key_scopes: vec!["trigger_events".into(), "manage_webhooks".into()],
        })
        .await
        .map_err(|e| format!("registration failed: {e}"))?;
    // Refuse a key the proxy could not use before writing it anywhere.
    CallbackKey::from_pem(&issued.api_key.private_key).map_err(|e| e.to_string())?;
    write_owner_only(&args.key_file, issued.api_key.private_key.as_bytes())?;
    Ok(format!(
        "webhook {} registered for {}\nsigning key written to {} (owner-only)\n\
         fingerprint: {}\n\nstart the proxy with:\n  --callback-key-file {} --webhook-fingerprint {}\n",
        issued.webhook.id,
        issued.webhook.url,
        args.key_file.display(),
        issued.api_key.fingerprint,
        args.key_file.display(),
        issued.api_key.fingerprint
    ))
}

/// Creates `path` with mode 0600 (never over an existing file).
fn write_owner_only(path: &std::path::Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("{}: {e}", path.display()))
}
