//! Amwal's payment callbacks, received: the signature is checked over the
//! raw body, stale or repeated events are refused, and an order is marked
//! paid only when a fresh `GET transactions/{id}` agrees on the status and
//! the amount recorded for it. Never because a callback (or a browser) said so.

use crate::error::AppError;
use crate::server::AppState;
use crate::store::OrderState;
use amwal_core::api::{codes, TxStatus};
use amwal_core::{LinkId, Money};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// The callback body (this project's reading of Amwal's events).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CallbackEvent {
    /// Unique per event; a retried delivery repeats it.
    pub id: String,
    /// `order.created`, `order.success`, `order.failed` or `order.updated`.
    pub event: String,
    /// RFC 3339; events older (or newer) than the replay window are refused.
    pub created_at: String,
    pub data: CallbackData,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CallbackData {
    pub payment_link_id: String,
    pub transaction_id: String,
    pub status: String,
    pub amount: String,
}

/// How far an event's `created_at` may be from now.
pub const REPLAY_WINDOW_SECS: i64 = 300;

#[derive(Debug, Serialize)]
pub struct CallbackAck {
    /// The order's state after this event: `open`, `paid` or `failed`.
    pub order: &'static str,
    pub duplicate: bool,
}

/// A 500, so Amwal delivers the event again.
fn store_failed(e: crate::store::StoreError) -> AppError {
    crate::log!("callback not recorded: {e}");
    AppError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        codes::INTERNAL,
        "Could not record the event",
    )
}

fn refuse(code: &str, why: &str) -> AppError {
    AppError::new(StatusCode::UNAUTHORIZED, code, why)
}

/// `POST {prefix}/callbacks`.
pub async fn receive(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<CallbackAck>, AppError> {
    if let Some(check) = &st.settings.callback_key {
        let sig = headers
            .get("x-signature")
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| refuse(codes::INVALID_SIGNATURE, "X-Signature is missing"))?;
        check.verify(&body, sig).map_err(|_| {
            refuse(
                codes::INVALID_SIGNATURE,
                "X-Signature does not match the body",
            )
        })?;
    }
    let event: CallbackEvent = serde_json::from_slice(&body).map_err(|_| {
        AppError::new(
            StatusCode::BAD_REQUEST,
            codes::INVALID_REQUEST,
            "Callback body is not an event",
        )
    })?;
    let at = OffsetDateTime::parse(
        &event.created_at,
        &time::format_description::well_known::Rfc3339,
    )
    .map_err(|_| {
        AppError::new(
            StatusCode::BAD_REQUEST,
            codes::INVALID_REQUEST,
            "created_at is not RFC 3339",
        )
    })?;
    if (OffsetDateTime::now_utc() - at).whole_seconds().abs() > REPLAY_WINDOW_SECS {
        return Err(refuse(
            codes::STALE_EVENT,
            "Event is outside the replay window",
        ));
    }
    let link =
        LinkId::parse(&event.data.payment_link_id).map_err(|_| AppError::invalid_link_id())?;
    let record = st.links.get(&link).ok_or_else(AppError::link_not_found)?;
    if st.links.seen_event(&event.id) {
        return Ok(Json(CallbackAck {
            order: record.order.name(),
            duplicate: true,
        }));
    }
    let tx_id = uuid::Uuid::try_parse(&event.data.transaction_id)
        .ok()
        .filter(|_| event.data.transaction_id.len() == 36)
        .ok_or_else(|| {
            AppError::new(
                StatusCode::BAD_REQUEST,
                codes::INVALID_REQUEST,
                "transaction_id must be a UUID",
            )
        })?;
    // The event only says "look again": the truth is Amwal's transaction.
    let tx = st.upstream.transaction(&tx_id).await?;
    let exact = Money::parse(&tx.amount, record.amount.currency).is_ok_and(|m| m == record.amount);
    let next = match (tx.status(), exact) {
        (TxStatus::Completed, true) => Some(OrderState::Paid {
            transaction_id: tx.id.clone(),
        }),
        (TxStatus::Completed, false) => {
            crate::log!(
                "callback {}: transaction {} completed with a different amount",
                event.id,
                tx.id
            );
            None
        }
        (TxStatus::Failed, _) => Some(OrderState::Failed),
        _ => None,
    };
    let order = match next {
        Some(state) => st.links.set_order(&link, state).map_err(store_failed)?,
        None => record.order,
    };
    // Only now is the event done: a delivery that failed above is retried.
    st.links.remember_event(&event.id).map_err(store_failed)?;
    Ok(Json(CallbackAck {
        order: order.name(),
        duplicate: false,
    }))
}
