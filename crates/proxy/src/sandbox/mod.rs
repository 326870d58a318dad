//! The embedded Amwal sandbox: a faithful double of what Amwal documents
//! (`BEYOND-THE-SEEDS.md` and the two seed documents), under its own path
//! prefix, links kept in memory. It lets a fresh machine run every path
//! with no account.
//!
//! It speaks Amwal's status words (`initiated`, `redirected`, `success`,
//! `fail`, `refunded`, `partially refunded`), answers both details calls,
//! sends flat link callbacks signed over the canonical text and `order.*`
//! webhooks to a registered endpoint, checks the storefront's Origin on
//! resolve, errs in Amwal's shapes and redelivers as Amwal does. It uses
//! Amwal's wire types and signatures (`crate::amwal`) and nothing else of
//! the proxy.
//!
//! Where Amwal is silent it picks one documented form: a link callback's
//! non-ASCII text is signed `\uXXXX`-escaped (Python's `json.dumps`
//! default); the newest registered key signs both kinds of delivery;
//! resolving a paid link returns its paid transaction.

mod api;
mod behaviour;
mod delivery;
mod hosted;
mod page;
mod refunds;
mod webhooks;

use crate::amwal::wire::{RegisteredWebhook, TransactionDetails};
use crate::amwal::Signer;
use amwal_core::LinkId;
use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use time::OffsetDateTime;

pub use behaviour::{Behaviour, Mode};
pub use delivery::Delivery;

#[derive(Debug, Clone)]
struct SandboxLink {
    title: String,
    description: Option<String>,
    /// Five-decimal amount text, as Amwal sends it.
    amount: String,
    expires: Option<OffsetDateTime>,
    single_use: bool,
    callback_url: Option<String>,
    order_id: Option<String>,
    client_email: Option<String>,
    client_first_name: Option<String>,
    client_last_name: Option<String>,
    client_phone_number: Option<String>,
    created_at: String,
    /// Every attempt, oldest first.
    transactions: Vec<TransactionDetails>,
    return_url: Option<String>,
}

impl SandboxLink {
    fn latest(&self) -> Option<&TransactionDetails> {
        self.transactions.last()
    }

    /// Paid at some point (a refund does not make it payable again).
    fn is_paid(&self) -> bool {
        self.transactions
            .iter()
            .any(|t| amwal_core::api::TxStatus::from_word(&t.status).was_paid())
    }

    fn is_expired(&self) -> bool {
        self.expires.is_some_and(|t| t < OffsetDateTime::now_utc())
    }

    /// A new attempt: `initiated`, as Amwal's transactions start.
    fn start_transaction(&mut self) -> &TransactionDetails {
        let tx = TransactionDetails {
            id: uuid::Uuid::new_v4().to_string(),
            amount: self.amount.clone(),
            total_amount: None,
            refunded_amount: Some("0.00".into()),
            status: "initiated".into(),
            payment_method: Some("CREDIT_CARD".into()),
            payment_option: None,
            created_at: Some(now()),
            ref_id: self.order_id.clone(),
            client_email: self.client_email.clone(),
            client_first_name: self.client_first_name.clone(),
            client_last_name: self.client_last_name.clone(),
            client_phone_number: self.client_phone_number.clone(),
        };
        self.transactions.push(tx);
        &self.transactions[self.transactions.len() - 1]
    }
}

fn now() -> String {
    OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The endpoint registered with `POST /api/create-webhook-and-apikey/`
/// and the key issued with it.
struct Registration {
    webhook: RegisteredWebhook,
    /// The `event_type_names` asked for (empty: all).
    events: Vec<String>,
    signer: Arc<Signer>,
    fingerprint: String,
}

#[derive(Clone)]
pub struct Sandbox {
    key: String,
    /// Public base of the sandbox, e.g. `http://127.0.0.1:8080/sandbox`.
    base: String,
    /// The merchant's allowed storefront domains (resolve checks Origin).
    allowed_origins: Arc<Vec<String>>,
    links: Arc<Mutex<HashMap<LinkId, SandboxLink>>>,
    /// API calls received (not the hosted page), so tests can assert that
    /// the proxy refused a request without calling upstream.
    api_calls: Arc<AtomicUsize>,
    /// Signs link callbacks until a webhook registration issues a key.
    start_signer: Arc<Signer>,
    registration: Arc<Mutex<Option<Registration>>>,
    http: reqwest::Client,
    behaviour: Arc<Mutex<Behaviour>>,
    /// Amwal retries after 2^attempt seconds; the sandbox after 2^attempt units.
    retry_unit: Duration,
    deliveries: Arc<Mutex<Vec<Delivery>>>,
    /// Refund answers by transaction and `Idempotency-Key`.
    refunds: Arc<Mutex<HashMap<String, serde_json::Value>>>,
}

fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Sandbox {
    pub fn new(key: &str, base: &str, allowed_origins: Vec<String>) -> Result<Sandbox, String> {
        let signer = Signer::generate().map_err(|e| e.to_string())?;
        Ok(Sandbox {
            key: key.to_owned(),
            base: base.to_owned(),
            allowed_origins: Arc::new(allowed_origins),
            links: Arc::default(),
            api_calls: Arc::default(),
            start_signer: Arc::new(signer),
            registration: Arc::default(),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(30))
                .build()
                .map_err(|e| e.to_string())?,
            behaviour: Arc::default(),
            retry_unit: Duration::from_secs(1),
            deliveries: Arc::default(),
            refunds: Arc::default(),
        })
    }

    /// Scales the delivery backoff (tests need not wait an hour).
    pub fn with_retry_unit(mut self, unit: Duration) -> Sandbox {
        self.retry_unit = unit;
        self
    }

    pub fn behaviour(&self) -> Behaviour {
        *locked(&self.behaviour)
    }

    pub fn set_behaviour(&self, b: Behaviour) {
        *locked(&self.behaviour) = b;
    }

    /// The key that signs deliveries now: the registered one, else the
    /// sandbox's own.
    fn signer(&self) -> Arc<Signer> {
        locked(&self.registration)
            .as_ref()
            .map_or_else(|| self.start_signer.clone(), |r| r.signer.clone())
    }

    /// Signs `bytes` with the key deliveries carry now (tests forge with it).
    pub fn sign(&self, bytes: &[u8]) -> String {
        self.signer().sign(bytes)
    }

    /// What the sandbox sent, attempt by attempt.
    pub fn deliveries(&self) -> Vec<Delivery> {
        locked(&self.deliveries).clone()
    }

    /// A shared counter of API calls (create, resolve, details…).
    pub fn api_calls(&self) -> Arc<AtomicUsize> {
        self.api_calls.clone()
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<LinkId, SandboxLink>> {
        locked(&self.links)
    }

    pub fn router(self) -> Router {
        let calls = self.api_calls.clone();
        let api = api::routes()
            .route_layer(axum::middleware::from_fn_with_state(
                self.clone(),
                behaviour::misbehave,
            ))
            // Outermost: every call counts, even one the sandbox then mishandles.
            .route_layer(axum::middleware::map_request(move |req: Request| {
                calls.fetch_add(1, Ordering::SeqCst);
                async move { req }
            }));
        api.route(
            "/_behaviour",
            post(behaviour::set)
                .get(behaviour::get)
                .route_layer(axum::middleware::from_fn(behaviour::loopback_only)),
        )
        .route(
            "/payment-link/{id}",
            get(hosted::hosted_page).post(hosted::finish),
        )
        .fallback(|| async { not_found() })
        .with_state(self)
    }
}

/// Amwal's web framework's shape for "not found".
fn not_found() -> Response {
    detail(StatusCode::NOT_FOUND, "Not found.")
}

fn detail(status: StatusCode, text: &str) -> Response {
    (status, Json(serde_json::json!({ "detail": text }))).into_response()
}

/// The seed's shapes: `{"error"}` or `{"error", "error_code", "message"}`.
fn error(status: StatusCode, error: &str, code: Option<&str>, message: Option<&str>) -> Response {
    let mut body = serde_json::json!({ "error": error });
    if let Some(c) = code {
        body["error_code"] = c.into();
    }
    if let Some(m) = message {
        body["message"] = m.into();
    }
    (status, Json(body)).into_response()
}

/// A validation failure: `{"field": ["message"]}`.
fn field_error(field: &str, message: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(serde_json::json!({ field: [message] })),
    )
        .into_response()
}

/// The right secret key, and no production environment key: this is a
/// sandbox, and a `prod-amwal-…` key here means a misconfigured proxy.
fn authorized(sb: &Sandbox, headers: &HeaderMap) -> Result<(), Box<Response>> {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if header("authorization") != Some(sb.key.as_str()) {
        return Err(Box::new(detail(
            StatusCode::UNAUTHORIZED,
            "Invalid API key.",
        )));
    }
    if header("x-amwal-key").is_some_and(|k| !k.starts_with("sandbox-amwal-")) {
        return Err(Box::new(detail(
            StatusCode::FORBIDDEN,
            "This environment key is not for the sandbox.",
        )));
    }
    Ok(())
}
