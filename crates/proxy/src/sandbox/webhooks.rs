//! `POST /api/create-webhook-and-apikey/`: a merchant registers its
//! endpoint for the `order.*` webhooks and gets a new signing key, shown
//! once; that key then signs every delivery.

use super::api::authorized_json;
use super::{detail, field_error, locked, Registration, Sandbox};
use crate::amwal::wire::{IssuedApiKey, RegisteredWebhook, WebhookRegistered, WebhookRegistration};
use crate::amwal::Signer;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::sync::Arc;

pub(super) async fn register_webhook(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let req: WebhookRegistration = match authorized_json(&sb, &headers, &body) {
        Ok(r) => r,
        Err(refused) => return *refused,
    };
    match sb.register(req) {
        Ok(done) => (StatusCode::CREATED, Json(done)).into_response(),
        Err(r) => *r,
    }
}

impl Sandbox {
    /// Registers `req.url` for webhooks and issues a new key, as Amwal's
    /// `POST /api/create-webhook-and-apikey/` does; the key then signs every
    /// delivery. The private key is in the answer, once.
    pub fn register(&self, req: WebhookRegistration) -> Result<WebhookRegistered, Box<Response>> {
        if !(req.url.starts_with("https://") || req.url.starts_with("http://")) {
            return Err(Box::new(field_error("url", "Enter a valid URL.")));
        }
        let signer = Signer::generate()
            .map_err(|e| Box::new(detail(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string())))?;
        let answer = WebhookRegistered {
            webhook: RegisteredWebhook {
                id: uuid::Uuid::new_v4().to_string(),
                url: req.url,
                description: req.description,
            },
            api_key: IssuedApiKey {
                id: uuid::Uuid::new_v4().to_string(),
                name: req.api_key_name,
                fingerprint: signer.fingerprint(),
                private_key: signer.private_pem(),
                message: "Store this private key securely. It will not be shown again.".into(),
            },
        };
        *locked(&self.registration) = Some(Registration {
            webhook: answer.webhook.clone(),
            events: req.event_type_names,
            fingerprint: answer.api_key.fingerprint.clone(),
            signer: Arc::new(signer),
        });
        Ok(answer)
    }
}
