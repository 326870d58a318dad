//! What the sandbox sends the merchant after a payment, as Amwal does: a
//! flat callback to the link's `callback_url`, signed over the canonical
//! text, and an `order.*` webhook to the registered endpoint, signed over
//! its raw body with `X-API-Key`. Delivery follows Amwal's rules: a 2xx
//! ends it, a 4xx is final, anything else is tried again after 2, 4, 8
//! and 16 units (seconds at Amwal), five attempts in all.

use super::{locked, now, Sandbox};
use crate::amwal::signature::{canonical_text, Escape};
use crate::amwal::wire::{TransactionDetails, Webhook, WebhookData, WebhookPayment};
use crate::amwal::Signer;
use amwal_core::LinkId;
use serde_json::{Map, Value};
use std::sync::Arc;

const ATTEMPTS: u32 = 5;

/// One attempt, as the sandbox logs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub url: String,
    /// `link_callback` or `webhook`.
    pub kind: &'static str,
    /// 1 for the first try.
    pub attempt: u32,
    /// The merchant's answer, `None` when it gave none.
    pub status: Option<u16>,
    pub body: String,
}

struct Outgoing {
    url: String,
    kind: &'static str,
    body: Vec<u8>,
    headers: Vec<(&'static str, String)>,
}

impl Sandbox {
    /// Tells the merchant what happened to `tx` of `link`.
    pub(super) fn announce(&self, link: LinkId, tx: &TransactionDetails, event_type: &str) {
        let (callback_url, order_id, currency) = {
            let links = self.lock();
            let Some(l) = links.get(&link) else {
                return;
            };
            (l.callback_url.clone(), l.order_id.clone(), "SAR")
        };
        if let Some(url) = callback_url {
            self.send(self.link_callback(url, link, tx));
        }
        let registered = locked(&self.registration)
            .as_ref()
            .filter(|r| r.events.is_empty() || r.events.iter().any(|e| e == event_type))
            .map(|r| {
                (
                    r.webhook.url.clone(),
                    r.signer.clone(),
                    r.fingerprint.clone(),
                )
            });
        if let Some((url, signer, fingerprint)) = registered {
            let hook = Webhook {
                event_type: event_type.to_owned(),
                // The order's id, the same for each of its events.
                id: Some(format!("amwal_order_{}", tx.id.replace('-', ""))),
                timestamp: Some(now()),
                data: WebhookData {
                    id: Some(tx.id.clone()),
                    ref_id: order_id.clone(),
                    merchant_order_id: order_id,
                    amount: Some(tx.amount.clone()),
                    currency: Some(currency.into()),
                    status: Some(tx.status.clone()),
                    payment: Some(WebhookPayment {
                        transaction_id: Some(tx.id.clone()),
                        method: tx.payment_method.clone(),
                    }),
                },
            };
            let body = serde_json::to_vec(&hook).unwrap_or_default();
            let signature = signer.sign(&body);
            self.send(Outgoing {
                url,
                kind: "webhook",
                body,
                headers: vec![("x-signature", signature), ("x-api-key", fingerprint)],
            });
        }
    }

    fn link_callback(&self, url: String, link: LinkId, tx: &TransactionDetails) -> Outgoing {
        let text = |v: &Option<String>| Value::from(v.clone().unwrap_or_default());
        let fields = [
            ("transaction_id", Value::from(tx.id.clone())),
            ("payment_link_id", Value::from(link.to_string())),
            ("status", Value::from(tx.status.clone())),
            ("amount", Value::from(tx.amount.clone())),
            ("client_first_name", text(&tx.client_first_name)),
            ("client_last_name", text(&tx.client_last_name)),
            (
                "payment_option",
                Value::from(
                    tx.payment_option
                        .clone()
                        .unwrap_or_else(|| "Pay In Full".into()),
                ),
            ),
            // Fields beyond the signed seven, as real callbacks carry.
            ("currency", Value::from("SAR")),
            ("created_at", Value::from(now())),
        ];
        let map: Map<String, Value> = fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        let signer: Arc<Signer> = self.signer();
        let signature = signer.sign(canonical_text(&map, Escape::Ascii).as_bytes());
        Outgoing {
            url,
            kind: "link_callback",
            body: serde_json::to_vec(&map).unwrap_or_default(),
            headers: vec![("x-signature", signature)],
        }
    }

    fn send(&self, out: Outgoing) {
        let (http, log, unit) = (self.http.clone(), self.deliveries.clone(), self.retry_unit);
        tokio::spawn(async move {
            for attempt in 1..=ATTEMPTS {
                if attempt > 1 {
                    tokio::time::sleep(unit.saturating_mul(1 << (attempt - 1))).await;
                }
                let mut req = http
                    .post(&out.url)
                    .header("content-type", "application/json")
                    .body(out.body.clone());
                for (name, value) in &out.headers {
                    req = req.header(*name, value);
                }
                let status = req.send().await.ok().map(|r| r.status().as_u16());
                locked(&log).push(Delivery {
                    url: out.url.clone(),
                    kind: out.kind,
                    attempt,
                    status,
                    body: String::from_utf8_lossy(&out.body).into_owned(),
                });
                match status {
                    Some(200..=299) => return,
                    // Final: Amwal never delivers a 4xx'd event again.
                    Some(400..=499) => {
                        crate::log!(
                            "sandbox: {} to {} refused ({status:?}); not sent again",
                            out.kind,
                            out.url
                        );
                        return;
                    }
                    _ => {}
                }
            }
            crate::log!(
                "sandbox: {} to {} not accepted after {ATTEMPTS} attempts",
                out.kind,
                out.url
            );
        });
    }
}
