//! `amwal-proxy create`: asks a running proxy to create a link (so the
//! proxy records it and its widget can resolve it), then prints the link's
//! URL and a QR code to show a customer in the shop.

use crate::api::create::{CreatedLink, NewLink};
use crate::config::CreateArgs;
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
        return_url_prefix: None,
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
