//! Creating payment links: the endpoint for the merchant's own backend
//! (`POST {prefix}/payment_links`, admin token, never from a browser), its
//! idempotency keys, and the one path that makes and records a link. The
//! rules a new link must pass are in `new_link.rs`.

pub use super::new_link::{validate, NewLink};

use super::new_link::invalid;
use crate::amwal::AmwalError;
use crate::error::AppError;
use crate::guards::admin::require_admin;
use crate::guards::json_body::json_body;
use crate::state::AppState;
use crate::store::idempotency::{ClaimRules, KeyClaim};
use crate::store::{LinkRecord, OrderState, StoreError};
use amwal_core::api::codes;
use amwal_core::LinkId;
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// How long an idempotency key is kept after its first use.
const KEEP_KEYS_SECS: u64 = 24 * 3600;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CreatedLink {
    pub payment_link_id: String,
    pub url: String,
    pub environment: String,
    pub order_id: String,
}

/// Checks a new link, creates it at Amwal and records it as this store's:
/// the one path for the endpoint, the command line and the demo. With a
/// claimed `key`, the key's answer is recorded with the link; on failure
/// the key is freed if Amwal made nothing, and marked unknown if it may
/// have.
pub async fn create_and_record(
    st: &AppState,
    new: &NewLink,
    key: Option<&str>,
) -> Result<CreatedLink, AppError> {
    let made = make(st, new, key).await;
    if let (Err((_, fate)), Some(k)) = (&made, key) {
        let done = match fate {
            KeyFate::Free => st.links.release_key(k).await,
            KeyFate::Unknown => st.links.key_outcome_unknown(k).await,
        };
        if let Err(e) = done {
            crate::log!("create: idempotency key not updated: {e}");
        }
    }
    made.map_err(|(e, _)| e)
}

/// What a failed create leaves its idempotency key.
#[derive(Debug, Clone, Copy)]
enum KeyFate {
    /// Nothing was made: the key may be used again.
    Free,
    /// Amwal may have made the link.
    Unknown,
}

async fn make(
    st: &AppState,
    new: &NewLink,
    key: Option<&str>,
) -> Result<CreatedLink, (AppError, KeyFate)> {
    let free = |e: AppError| (e, KeyFate::Free);
    let (req, money) =
        validate(new, st.settings.currency, OffsetDateTime::now_utc()).map_err(free)?;
    let order = new.order_id.trim().to_owned();
    let paid = st
        .links
        .order_is_paid(&order)
        .await
        .map_err(|e| free(AppError::store_unavailable(&e)))?;
    if paid {
        return Err(free(AppError::new(
            StatusCode::CONFLICT,
            codes::ORDER_ALREADY_PAID,
            "This order is already paid through one of its links",
        )));
    }
    let created = st
        .upstream
        .create_link(&st.settings.store_id, &req)
        .await
        .map_err(|e| {
            // A refusal made nothing; no answer, an unreadable one or
            // Amwal's own 5xx may have made the link.
            let fate = match e {
                AmwalError::Refused {
                    status: 400..=499, ..
                } => KeyFate::Free,
                _ => KeyFate::Unknown,
            };
            (AppError::from(e), fate)
        })?;
    let unknown = |e: AppError| (e, KeyFate::Unknown);
    let link =
        LinkId::parse(&created.payment_link_id).map_err(|_| unknown(AppError::bad_upstream()))?;
    if let Some(url) = &created.url {
        if !url.ends_with(&format!("/payment-link/{link}")) {
            crate::log!(
                "create: Amwal's url for {link} is not its pay page; the widget builds its own"
            );
        }
    }
    let out = CreatedLink {
        payment_link_id: link.to_string(),
        url: created.url.unwrap_or_else(|| {
            format!(
                "https://{}/payment-link/{link}",
                amwal_core::pay_url::DEFAULT_PAY_HOST
            )
        }),
        environment: created.environment.unwrap_or_default(),
        order_id: new.order_id.clone(),
    };
    let record = LinkRecord {
        // As Amwal has it, so its webhooks' ref_id finds the link.
        order_id: order,
        amount: money,
        title: req.title,
        description: req.description,
        return_prefix: new
            .return_url_prefix
            .as_deref()
            .map(str::trim)
            .map(str::to_owned),
        transaction_id: None,
        order: OrderState::Open,
    };
    let answer = serde_json::to_string(&out).map_err(|_| unknown(AppError::bad_upstream()))?;
    st.links
        .record_created(link, record, key.map(|k| (k, answer.as_str())))
        .await
        .map_err(|e| {
            crate::log!("create: Amwal made {link}, which could not be recorded");
            unknown(AppError::store_unavailable(&e))
        })?;
    Ok(out)
}

/// `POST {prefix}/payment_links`.
pub async fn create_link(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<NewLink>, JsonRejection>,
) -> Result<Json<CreatedLink>, AppError> {
    require_admin(&headers, st.settings.admin_token.as_ref())?;
    let new = json_body(body)?;
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if let Some(k) = &key {
        if k.is_empty() || k.len() > 255 {
            return Err(invalid("Idempotency-Key must be 1 to 255 characters"));
        }
        // The request as given, to tell a retry from a reuse of the key.
        let request = serde_json::to_string(&new).map_err(|_| invalid("unreadable request"))?;
        let rules = ClaimRules {
            // Past the request's own time limit, a claim is not in flight.
            in_flight_secs: st.settings.timeouts.request.as_secs() + 1,
            keep_secs: KEEP_KEYS_SECS,
            // A lost link no one was sent can be made again.
            may_retake: !new.send_sms,
        };
        let claim = st
            .links
            .claim_key(k, &request, rules)
            .await
            .map_err(|e| AppError::store_unavailable(&e))?;
        match claim {
            KeyClaim::Claimed => {}
            KeyClaim::Done(answer) => {
                return serde_json::from_str(&answer)
                    .map(Json)
                    .map_err(|_| AppError::store_unavailable(&StoreError::Corrupt("answer".into())))
            }
            KeyClaim::InProgress => {
                return Err(AppError::new(
                    StatusCode::CONFLICT,
                    codes::IDEMPOTENCY_IN_PROGRESS,
                    "A request with this Idempotency-Key is being handled; retry shortly",
                )
                .retry_after(1))
            }
            KeyClaim::Unknown => {
                return Err(AppError::new(
                    StatusCode::CONFLICT,
                    codes::CREATE_OUTCOME_UNKNOWN,
                    "Amwal may have made (and texted) this link without answering: look the order up in Amwal's portal before creating it again with a new key",
                ))
            }
            KeyClaim::Reused => {
                return Err(AppError::new(
                    StatusCode::CONFLICT,
                    codes::INVALID_REQUEST,
                    "This Idempotency-Key was used for a different link",
                ))
            }
        }
    }
    create_and_record(&st, &new, key.as_deref()).await.map(Json)
}
