//! Amwal's notifications, received at `POST {prefix}/callbacks`: a link's
//! flat callback (signed over a canonical text of seven fields) and the
//! `order.*` webhook (signed over its raw body, with `X-API-Key`).
//!
//! The body is only a hint of which transaction and link to look at: status
//! and amount always come from Amwal's record, which the inbox's workers
//! fetch after the delivery is stored and acknowledged (`orders::inbox`).
//! A 4xx is final for Amwal (it never delivers again), so it answers only
//! what can never succeed (a forged or malformed delivery, a link this store
//! never made); a delivery that cannot be stored gets a 5xx.

use crate::amwal::wire::{LinkCallback, Webhook};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::events::{unix_millis, NewEvent};
use crate::store::{LinkRecord, LinkStore, StoreError};
use amwal_core::api::codes;
use amwal_core::{LinkId, TransactionId};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::Serialize;
use serde_json::{Map, Value};

/// Largest callback body read: a full webhook fits with room to spare.
pub const MAX_CALLBACK_BYTES: usize = crate::guards::timeouts::LARGEST_BODY;

#[derive(Debug, Serialize)]
pub struct CallbackAck {
    /// The stored event: its kind, transaction and announced status.
    pub event: String,
    /// Whether the same event was stored before (a redelivery, or the same
    /// news reaching another instance first).
    pub duplicate: bool,
}

/// What a delivery points at, read from either shape.
struct Hints {
    /// Transaction ids to try, most specific first.
    transactions: Vec<TransactionId>,
    link: Option<LinkId>,
    /// The merchant's order id (`order_id` at create) from a webhook.
    order_ref: Option<String>,
    /// The outcome the sender announces (its status word or event type),
    /// to tell "not yet" from "nothing".
    announced: String,
}

fn invalid(why: &str) -> AppError {
    AppError::new(StatusCode::BAD_REQUEST, codes::INVALID_REQUEST, why)
}

fn store_failed(e: &StoreError) -> AppError {
    AppError::store_unavailable(e)
}

/// `POST {prefix}/callbacks`: verified, stored, acknowledged at once
/// (Amwal wants an answer within 30 s); the inbox's workers settle it.
pub async fn receive(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<CallbackAck>, AppError> {
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(&body) else {
        return Err(invalid("Callback body is not a JSON object"));
    };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let is_webhook = map.contains_key("event_type");
    verify(
        &st,
        &map,
        &body,
        is_webhook,
        header("x-signature"),
        header("x-api-key"),
    )?;
    let hints = if is_webhook {
        webhook_hints(map)?
    } else {
        link_callback_hints(map)?
    };
    let (link, _) = find_link(&st, &hints).await?;
    let event = NewEvent {
        id: format!(
            "{}:{}:{}",
            if is_webhook {
                "webhook"
            } else {
                "link_callback"
            },
            hints
                .transactions
                .first()
                .map_or_else(|| link.to_string(), |t| t.as_str().to_owned()),
            hints.announced
        ),
        link,
        transactions: hints
            .transactions
            .iter()
            .map(|t| t.as_str().to_owned())
            .collect(),
        announced: hints.announced,
    };
    let new = st
        .links
        .store_event(&event, unix_millis())
        .await
        .map_err(|e| store_failed(&e))?;
    st.inbox.stored();
    Ok(Json(CallbackAck {
        event: event.id,
        duplicate: !new,
    }))
}

/// The signature, when a callback key is configured. Without one, a
/// callback only prompts a fetch of Amwal's record, which decides.
fn verify(
    st: &AppState,
    map: &Map<String, Value>,
    raw: &[u8],
    is_webhook: bool,
    signature: Option<&str>,
    api_key: Option<&str>,
) -> Result<(), AppError> {
    let refuse = |why: String| {
        crate::log!("callback refused: {why}");
        AppError::new(StatusCode::UNAUTHORIZED, codes::INVALID_SIGNATURE, &why)
    };
    if is_webhook {
        if let Some(expected) = &st.settings.webhook_fingerprint {
            if !api_key.is_some_and(|k| {
                crate::secret::constant_time_eq(k.trim().as_bytes(), expected.as_bytes())
            }) {
                return Err(refuse(
                    "X-API-Key is not the registered key's fingerprint".into(),
                ));
            }
        }
    }
    let Some(key) = &st.settings.callback_key else {
        return Ok(());
    };
    if is_webhook {
        key.verify(raw, signature)
            .map_err(|e| refuse(e.to_string()))
    } else {
        key.verify_link_callback(map, signature)
            .map_err(|e| refuse(format!("{e} (over the link callback's signed fields)")))
    }
}

fn transaction_id(text: &str) -> Result<TransactionId, AppError> {
    TransactionId::parse(text).map_err(|e| invalid(&e.to_string()))
}

fn link_callback_hints(map: Map<String, Value>) -> Result<Hints, AppError> {
    let cb: LinkCallback = serde_json::from_value(Value::Object(map))
        .map_err(|_| invalid("Callback fields have the wrong types"))?;
    let link = cb
        .payment_link_id
        .as_deref()
        .map(|l| LinkId::parse(l).map_err(|_| AppError::invalid_link_id()))
        .transpose()?;
    let transactions = cb
        .transaction_id
        .as_deref()
        .map(transaction_id)
        .transpose()?;
    if link.is_none() && transactions.is_none() {
        return Err(invalid(
            "Callback names neither a payment link nor a transaction",
        ));
    }
    Ok(Hints {
        transactions: transactions.into_iter().collect(),
        link,
        order_ref: None,
        announced: cb.status.as_deref().unwrap_or("").trim().to_owned(),
    })
}

fn webhook_hints(map: Map<String, Value>) -> Result<Hints, AppError> {
    let hook: Webhook = serde_json::from_value(Value::Object(map))
        .map_err(|_| invalid("Webhook fields have the wrong types"))?;
    let data = hook.data;
    // data.payment.transaction_id is the transaction; data.id may be the
    // transaction or the order, so it comes second.
    let mut transactions = Vec::new();
    for id in [data.payment.and_then(|p| p.transaction_id), data.id]
        .into_iter()
        .flatten()
    {
        // data.id may be an order id of another alphabet: skip what is not
        // a transaction id rather than refuse the whole delivery.
        if let Ok(id) = TransactionId::parse(&id) {
            if !transactions.contains(&id) {
                transactions.push(id);
            }
        }
    }
    let order_ref = data.ref_id.or(data.merchant_order_id);
    if transactions.is_empty() && order_ref.is_none() {
        return Err(invalid("Webhook names neither a transaction nor an order"));
    }
    let announced = match hook.event_type.trim() {
        e @ ("order.success" | "order.failed") => e.to_owned(),
        _ => data.status.as_deref().unwrap_or("").trim().to_owned(),
    };
    Ok(Hints {
        transactions,
        link: None,
        order_ref,
        announced,
    })
}

/// The link: named by the callback, else the one a resolve recorded the
/// transaction for, else the one created for the webhook's order.
async fn find_link(st: &AppState, hints: &Hints) -> Result<(LinkId, LinkRecord), AppError> {
    find_link_in(
        &st.links,
        hints.link,
        &hints.transactions,
        hints.order_ref.as_deref(),
    )
    .await
    .map_err(|e| store_failed(&e))?
    .ok_or_else(AppError::link_not_found)
}

async fn find_link_in(
    s: &LinkStore,
    link: Option<LinkId>,
    transactions: &[TransactionId],
    order_ref: Option<&str>,
) -> Result<Option<(LinkId, LinkRecord)>, StoreError> {
    if let Some(link) = link {
        return Ok(s.find(&link).await?.map(|record| (link, record)));
    }
    for tx in transactions {
        if let Some(found) = s.find_by_transaction(tx.as_str()).await? {
            return Ok(Some(found));
        }
    }
    if let Some(order) = order_ref {
        // An order may have had several links: the one whose resolve saw
        // one of these transactions, else the newest.
        let links = s.find_by_order(order).await?;
        for (link, record) in &links {
            for tx in transactions {
                if s.has_transaction(link, tx.as_str()).await? {
                    return Ok(Some((*link, record.clone())));
                }
            }
        }
        return Ok(links.into_iter().next());
    }
    Ok(None)
}
