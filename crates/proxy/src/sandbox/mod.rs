//! The embedded Amwal sandbox: Amwal's create, resolve and transaction
//! shapes under its own path prefix, links kept in memory, and a hosted
//! payment page whose Pay and Fail buttons send the shopper back to the
//! return URL. It lets a fresh machine run every path with no account.

mod behaviour;
mod hosted;
mod page;

use amwal_core::api::{
    codes, ApiError, PaymentInterface, ResolveRequest, ResolveResponse, Transaction,
};
use amwal_core::LinkId;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use time::OffsetDateTime;

use crate::signature::{SignatureCheck, Signer};
use crate::upstream::{CreateLinkRequest, CreateLinkResponse};
pub use behaviour::{Behaviour, Mode};

#[derive(Debug, Clone)]
struct SandboxLink {
    title: String,
    /// Five-decimal amount text, as Amwal sends it.
    amount: String,
    expires: Option<OffsetDateTime>,
    callback_url: Option<String>,
    transaction: Option<Transaction>,
    return_url: Option<String>,
    client_email: Option<String>,
    client_first_name: Option<String>,
    client_phone_number: Option<String>,
}

#[derive(Clone)]
pub struct Sandbox {
    key: String,
    /// Public base of the sandbox, e.g. `http://127.0.0.1:8080/sandbox`.
    base: String,
    links: Arc<Mutex<HashMap<LinkId, SandboxLink>>>,
    /// API calls received (not the hosted page), so tests can assert that
    /// the proxy refused a request without calling upstream.
    api_calls: Arc<AtomicUsize>,
    /// Signs callbacks, as Amwal does.
    signer: Arc<Signer>,
    http: reqwest::Client,
    behaviour: Arc<Mutex<Behaviour>>,
}

impl Sandbox {
    pub fn new(key: &str, base: &str, signer: Signer) -> Sandbox {
        Sandbox {
            key: key.to_owned(),
            base: base.to_owned(),
            links: Arc::default(),
            api_calls: Arc::default(),
            signer: Arc::new(signer),
            http: reqwest::Client::new(),
            behaviour: Arc::default(),
        }
    }

    pub fn behaviour(&self) -> Behaviour {
        *self.behaviour.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn set_behaviour(&self, b: Behaviour) {
        *self.behaviour.lock().unwrap_or_else(|e| e.into_inner()) = b;
    }

    /// What a merchant configures to check this sandbox's callbacks.
    pub fn verifier(&self) -> SignatureCheck {
        self.signer.verifier()
    }

    /// Signs `body` with the sandbox's key (what its callbacks carry).
    pub fn sign(&self, body: &[u8]) -> String {
        self.signer.sign(body)
    }

    pub fn public_key_pem(&self) -> String {
        self.signer.public_pem()
    }

    /// A shared counter of API calls (create, resolve, transactions).
    pub fn api_calls(&self) -> Arc<AtomicUsize> {
        self.api_calls.clone()
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<LinkId, SandboxLink>> {
        self.links.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn router(self) -> Router {
        let calls = self.api_calls.clone();
        let api = Router::new()
            .route("/payment_links/{store}/create", post(create))
            .route("/payment_links/{id}/resolve", post(resolve))
            .route("/transactions/{id}", get(transaction))
            .route_layer(axum::middleware::from_fn_with_state(
                self.clone(),
                behaviour::misbehave,
            ))
            // Outermost: every call counts, even one the sandbox then mishandles.
            .route_layer(axum::middleware::map_request(
                move |req: axum::extract::Request| {
                    calls.fetch_add(1, Ordering::SeqCst);
                    async move { req }
                },
            ));
        api.route("/_behaviour", post(behaviour::set).get(behaviour::get))
            .route(
                "/payment-link/{id}",
                get(hosted::hosted_page).post(hosted::finish),
            )
            .with_state(self)
    }
}

fn err(status: StatusCode, error: &str, code: &str) -> Response {
    (status, Json(ApiError::new(error, code))).into_response()
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(ApiError {
            error: "Payment link not found".into(),
            error_code: None,
            message: None,
        }),
    )
        .into_response()
}

/// The right secret key, and no production environment key: this is a
/// sandbox, and a `prod-amwal-…` key here means a misconfigured proxy.
fn authorized(sb: &Sandbox, headers: &HeaderMap) -> bool {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    header("authorization") == Some(sb.key.as_str())
        && header("x-amwal-key").is_none_or(|k| k.starts_with("sandbox-amwal-"))
}

/// "299.99" → "299.99000"; more than five decimals or a non-positive
/// amount is refused, as a decimal API should.
fn five_decimals(amount: &serde_json::Number) -> Option<String> {
    let text = amount.to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let valid = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.len() <= 5
        && frac.bytes().all(|b| b.is_ascii_digit())
        && text.bytes().any(|b| (b'1'..=b'9').contains(&b));
    valid.then(|| format!("{int}.{frac:0<5}"))
}

async fn create(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    Json(req): Json<CreateLinkRequest>,
) -> Response {
    if !authorized(&sb, &headers) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(ApiError {
                error: "Invalid API key".into(),
                error_code: None,
                message: None,
            }),
        )
            .into_response();
    }
    let Some(amount) = five_decimals(&req.amount) else {
        return err(
            StatusCode::BAD_REQUEST,
            "amount must be positive with at most 5 decimals",
            codes::INVALID_REQUEST,
        );
    };
    let expires = match req.selected_date.as_deref() {
        None => None,
        Some(d) => match OffsetDateTime::parse(d, &time::format_description::well_known::Rfc3339) {
            Ok(t) => Some(t),
            Err(_) => {
                return err(
                    StatusCode::BAD_REQUEST,
                    "selectedDate must be ISO 8601",
                    codes::INVALID_REQUEST,
                )
            }
        },
    };
    let id = LinkId::from_uuid(uuid::Uuid::new_v4());
    sb.lock().insert(
        id,
        SandboxLink {
            title: req.title,
            amount,
            expires,
            callback_url: req.callback_url,
            transaction: None,
            return_url: None,
            client_email: req.client_email,
            client_first_name: req.client_first_name,
            client_phone_number: req.client_phone_number,
        },
    );
    Json(CreateLinkResponse {
        payment_link_id: id.to_string(),
        url: format!("{}/payment-link/{id}", sb.base),
        environment: "SANDBOX".into(),
    })
    .into_response()
}

async fn resolve(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Option<Json<ResolveRequest>>,
) -> Response {
    // Only the merchant's proxy (holding the key) may resolve here, so no
    // one else can plant a return URL.
    if !authorized(&sb, &headers) {
        return err(StatusCode::UNAUTHORIZED, "Invalid API key", "UNAUTHORIZED");
    }
    let Ok(id) = LinkId::parse(&id) else {
        return not_found();
    };
    let mut links = sb.lock();
    let Some(link) = links.get_mut(&id) else {
        return not_found();
    };
    if link.expires.is_some_and(|t| t < OffsetDateTime::now_utc()) {
        return (
            StatusCode::BAD_REQUEST,
            Json(ApiError {
                error: "Payment link expired".into(),
                error_code: Some(codes::LINK_EXPIRED.into()),
                message: Some("This payment link has expired. Please contact the merchant to request a new payment link.".into()),
            }),
        )
            .into_response();
    }
    // The first return URL stays: a later resolve cannot redirect a payment
    // already under way.
    let url = body
        .and_then(|Json(b)| b.customer_context)
        .and_then(|c| c.return_url);
    if let (None, Some(url)) = (&link.return_url, url) {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return err(
                StatusCode::BAD_REQUEST,
                "return_url must be http(s)",
                codes::INVALID_REQUEST,
            );
        }
        link.return_url = Some(url);
    }
    let now = OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let (amount, email, name, phone) = (
        link.amount.clone(),
        link.client_email.clone(),
        link.client_first_name.clone(),
        link.client_phone_number.clone(),
    );
    let tx = link.transaction.get_or_insert_with(|| Transaction {
        id: uuid::Uuid::new_v4().to_string(),
        amount,
        status: "pending".into(),
        payment_method: Some("CREDIT_CARD".into()),
        created_at: Some(now),
        client_email: email,
        client_first_name: name,
        client_last_name: None,
        client_phone_number: phone,
    });
    // A cookie, as real APIs set them: the proxy must not pass it on.
    (
        [(axum::http::header::SET_COOKIE, "amwal_sandbox=1; Path=/")],
        Json(ResolveResponse {
            transaction: tx.clone(),
            payment_interface: sb
                .behaviour()
                .payment_interface
                .unwrap_or(PaymentInterface::Web),
            link: None,
        }),
    )
        .into_response()
}

async fn transaction(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if !authorized(&sb, &headers) {
        return err(StatusCode::UNAUTHORIZED, "Invalid API key", "UNAUTHORIZED");
    }
    let links = sb.lock();
    match links
        .values()
        .filter_map(|l| l.transaction.as_ref())
        .find(|t| t.id == id)
    {
        Some(tx) => Json(tx.clone()).into_response(),
        None => err(
            StatusCode::NOT_FOUND,
            "Transaction not found",
            "TRANSACTION_NOT_FOUND",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_amounts_to_five_decimals_exactly() {
        let n = |s: &str| s.parse::<serde_json::Number>().expect("number");
        assert_eq!(five_decimals(&n("299.99")).as_deref(), Some("299.99000"));
        assert_eq!(five_decimals(&n("300")).as_deref(), Some("300.00000"));
        assert_eq!(five_decimals(&n("0.000001")), None);
        assert_eq!(five_decimals(&n("-1")), None);
        assert_eq!(five_decimals(&n("0")), None);
    }
}
