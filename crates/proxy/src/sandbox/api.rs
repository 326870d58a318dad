//! The sandbox's API: create, resolve, transaction and link details, in
//! Amwal's shapes, and the routes of all of it (webhook registration and
//! refunds are in `webhooks.rs` and `refunds.rs`).

use super::{authorized, detail, error, field_error, not_found, now, Sandbox, SandboxLink};
use crate::amwal::wire::{
    limits, CreateLinkRequest, CreateLinkResponse, LinkDetails, LinkDetailsRequest, PaymentLink,
};
use amwal_core::api::{codes, PaymentInterface, ResolveRequest, ResolveResponse, TxStatus};
use amwal_core::LinkId;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use time::OffsetDateTime;

pub fn routes() -> Router<Sandbox> {
    Router::new()
        .route("/payment_links/{store}/create", post(create))
        .route("/payment_links/{id}/resolve", post(resolve))
        .route("/payment_links/{id}/details", post(link_details))
        .route(
            "/payment_links/transaction/{id}/details",
            get(transaction_details),
        )
        // What Amwal's own SDK and Magento module call for the same object.
        .route("/transactions/{id}", get(transaction_details))
        .route("/transactions/refund/{id}/", post(super::refunds::refund))
        .route(
            "/api/create-webhook-and-apikey/",
            post(super::webhooks::register_webhook),
        )
}

/// A JSON body, or Amwal's framework answer for one that is not.
fn json_body<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Box<Response>> {
    serde_json::from_slice(bytes).map_err(|e| {
        Box::new(detail(
            StatusCode::BAD_REQUEST,
            &format!("JSON parse error - {e}"),
        ))
    })
}

/// The body of an authorized caller, or Amwal's refusal.
pub(super) fn authorized_json<T: DeserializeOwned>(
    sb: &Sandbox,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<T, Box<Response>> {
    authorized(sb, headers)?;
    json_body(body)
}

/// A decimal's value in hundred-thousandths (Amwal keeps five decimals),
/// rounded half up past the fifth, as Amwal rounds; `None` if it is not a
/// plain non-negative decimal.
pub(super) fn units5(text: &str) -> Option<u128> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || int.len() > 20 || !digits(int) || !digits(frac) {
        return None;
    }
    let kept: String = frac.chars().take(5).collect();
    let units: u128 = format!("{int}{kept:0<5}").parse().ok()?;
    let round_up = frac.as_bytes().get(5).is_some_and(|d| *d >= b'5');
    Some(units + u128::from(round_up))
}

/// Hundred-thousandths as Amwal writes amounts: "299.99000".
pub(super) fn format5(units: u128) -> String {
    format!("{}.{:05}", units / 100_000, units % 100_000)
}

/// Create's amount: at least 0.01, rounded to five decimals.
fn five_decimals(amount: &serde_json::Number) -> Option<String> {
    units5(&amount.to_string())
        .filter(|u| *u >= 1_000)
        .map(format5)
}

async fn create(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    Path(_store): Path<String>,
    body: Bytes,
) -> Response {
    let req: CreateLinkRequest = match authorized_json(&sb, &headers, &body) {
        Ok(r) => r,
        Err(refused) => return *refused,
    };
    let Some(amount) = five_decimals(&req.amount) else {
        return field_error(
            "amount",
            "Ensure this value is greater than or equal to 0.01 with at most 5 decimal places.",
        );
    };
    let too_long =
        |v: &Option<String>, max: usize| v.as_ref().is_some_and(|s| s.chars().count() > max);
    for (field, value, max) in [
        (
            "client_first_name",
            &req.client_first_name,
            limits::SHORT_TEXT,
        ),
        (
            "client_last_name",
            &req.client_last_name,
            limits::SHORT_TEXT,
        ),
        ("order_id", &req.order_id, limits::SHORT_TEXT),
        ("description", &req.description, limits::DESCRIPTION),
    ] {
        if too_long(value, max) {
            return field_error(
                field,
                &format!("Ensure this field has no more than {max} characters."),
            );
        }
    }
    if req.title.chars().count() > limits::TITLE {
        return field_error(
            "title",
            "Ensure this field has no more than 200 characters.",
        );
    }
    let expires = match req.selected_date.as_deref() {
        None => None,
        Some(d) => match OffsetDateTime::parse(d, &time::format_description::well_known::Rfc3339) {
            Ok(t) => Some(t),
            Err(_) => return field_error("selectedDate", "Enter a valid date/time."),
        },
    };
    let id = LinkId::from_uuid(uuid::Uuid::new_v4());
    sb.lock().insert(
        id,
        SandboxLink {
            title: req.title,
            description: req.description,
            amount,
            expires,
            single_use: req.single_use,
            callback_url: req.callback_url,
            order_id: req.order_id,
            client_email: req.client_email,
            client_first_name: req.client_first_name,
            client_last_name: req.client_last_name,
            client_phone_number: req.client_phone_number,
            created_at: now(),
            transactions: Vec::new(),
            return_url: None,
        },
    );
    Json(CreateLinkResponse {
        payment_link_id: id.to_string(),
        url: Some(format!("{}/payment-link/{id}", sb.base)),
        environment: Some("SANDBOX".into()),
    })
    .into_response()
}

/// The origin a request came from: `Origin`, else `Referer`'s.
fn caller_origin(headers: &HeaderMap) -> Option<String> {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(o) = header("origin") {
        return Some(o.to_owned());
    }
    let referer = url::Url::parse(header("referer")?).ok()?;
    Some(referer.origin().ascii_serialization())
}

async fn resolve(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    if let Err(refused) = authorized(&sb, &headers) {
        return *refused;
    }
    let Ok(id) = LinkId::parse(&id) else {
        return not_found();
    };
    // Every field is optional, the body itself too.
    let req: ResolveRequest = if body.is_empty() {
        ResolveRequest::default()
    } else {
        match json_body(&body) {
            Ok(r) => r,
            Err(r) => return *r,
        }
    };
    let allowed = caller_origin(&headers).is_some_and(|o| sb.allowed_origins.contains(&o));
    let mut links = sb.lock();
    let Some(link) = links.get_mut(&id) else {
        return not_found();
    };
    if !allowed {
        return error(StatusCode::FORBIDDEN, "Unauthorized Origin", None, None);
    }
    if link.is_expired() {
        return error(
            StatusCode::BAD_REQUEST,
            "Payment link expired",
            Some(codes::LINK_EXPIRED),
            Some("This payment link has expired. Please contact the merchant to request a new payment link."),
        );
    }
    let url = req.customer_context.and_then(|c| c.return_url);
    if let Some(url) = url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return field_error("return_url", "Enter a valid URL.");
        }
        link.return_url = Some(url);
    }
    // An unfinished attempt is reused; a paid link shows its payment; a
    // failed one gets a new attempt.
    let reuse = link
        .transactions
        .iter()
        .rev()
        .find(|t| TxStatus::from_word(&t.status) != TxStatus::Failed);
    let tx = match reuse {
        Some(t) => t.clone(),
        None => link.start_transaction().clone(),
    };
    // A cookie, as real APIs set them: the proxy must not pass it on.
    (
        [(axum::http::header::SET_COOKIE, "amwal_sandbox=1; Path=/")],
        Json(ResolveResponse {
            transaction: tx.for_widget(),
            payment_interface: sb
                .behaviour()
                .payment_interface
                .unwrap_or(PaymentInterface::Web),
            link: None,
        }),
    )
        .into_response()
}

async fn transaction_details(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if let Err(refused) = authorized(&sb, &headers) {
        return *refused;
    }
    let links = sb.lock();
    match links
        .values()
        .flat_map(|l| l.transactions.iter())
        .find(|t| t.id == id)
    {
        Some(tx) => Json(tx.clone()).into_response(),
        None => not_found(),
    }
}

async fn link_details(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    if let Err(refused) = authorized(&sb, &headers) {
        return *refused;
    }
    let page: LinkDetailsRequest = if body.is_empty() {
        LinkDetailsRequest::default()
    } else {
        match json_body(&body) {
            Ok(p) => p,
            Err(r) => return *r,
        }
    };
    let Ok(id) = LinkId::parse(&id) else {
        return not_found();
    };
    let links = sb.lock();
    let Some(link) = links.get(&id) else {
        return not_found();
    };
    let size = page.page_size.clamp(1, 100) as usize;
    let skip = (page.page.max(1) as usize - 1).saturating_mul(size);
    let status = if link.is_paid() {
        "Paid"
    } else if link.is_expired() {
        "Expired"
    } else {
        "Unpaid"
    };
    Json(LinkDetails {
        payment_link: PaymentLink {
            id: id.to_string(),
            amount: Some(link.amount.clone()),
            title: Some(link.title.clone()),
            description: link.description.clone(),
            status: Some(status.into()),
            is_expired: Some(link.is_expired()),
            single_use: Some(link.single_use),
            enabled: Some(true),
            expiry_date: link.expires.and_then(|t| {
                t.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            }),
            created_at: Some(link.created_at.clone()),
        },
        // Newest first, as a portal lists them.
        transactions: link
            .transactions
            .iter()
            .rev()
            .skip(skip)
            .take(size)
            .cloned()
            .collect(),
    })
    .into_response()
}
