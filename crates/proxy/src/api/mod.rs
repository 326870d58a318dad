//! The proxy's API for the widget: resolve and transaction status.

pub mod callbacks;
pub mod create;
pub mod mask;

use crate::amwal::AmwalError;
use crate::api::mask::mask_contacts;
use crate::error::AppError;
use crate::guards::return_url;
use crate::orders::settle;
use crate::serve::AppState;
use crate::store::{LinkRecord, OrderState};
use amwal_core::api::{
    codes, LinkInfo, ResolveRequest, ResolveResponse, StatusResponse, Transaction, TxStatus,
};
use amwal_core::{LinkId, Money, TransactionId};
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/payment_links/{id}/resolve", post(resolve))
        .route("/transactions/{id}", get(status))
        .route("/healthz", get(|| async { "ok" }))
        .fallback(|| async {
            AppError::new(StatusCode::NOT_FOUND, codes::NOT_FOUND, "No such endpoint")
        })
}

async fn resolve(
    State(st): State<AppState>,
    Path(id): Path<String>,
    body: Result<Json<ResolveRequest>, JsonRejection>,
) -> Result<Json<ResolveResponse>, AppError> {
    // The id is checked before any URL is built from it.
    let link = LinkId::parse(&id).map_err(|_| AppError::invalid_link_id())?;
    let Json(mut body) = body.map_err(|e| {
        AppError::new(
            e.status(),
            codes::INVALID_REQUEST,
            "Request body must be JSON",
        )
    })?;
    let record = st
        .links
        .find(&link)
        .map_err(|e| AppError::store_unavailable(&e))?;
    if record.is_none() && !st.settings.trust_any_link {
        return Err(AppError::link_not_found());
    }
    if let Some(ctx) = body.customer_context.as_mut() {
        if let Some(url) = ctx.return_url.as_deref() {
            let checked = return_url::check(url, &st.settings.return_origins).map_err(|_| {
                AppError::new(
                    StatusCode::BAD_REQUEST,
                    codes::RETURN_URL_NOT_ALLOWED,
                    "Return URL is not on this store's allowlist",
                )
            })?;
            // Upstream gets the URL as we parsed and checked it, so no
            // other parser can read the original text differently.
            ctx.return_url = Some(checked.into());
        }
    }
    let mut resp = st.upstream.resolve(link, &body).await.map_err(|e| {
        if let AmwalError::Refused { status: 400..=499, body: Some(b) } = &e {
            if b.is_unauthorized_origin() {
                crate::log!(
                    "Amwal refused the storefront origin {} (\"Unauthorized Origin\"): ask Amwal to allow this domain for your store, or set --storefront-origin to one it allows",
                    st.upstream.origin()
                );
                return AppError::new(
                    StatusCode::BAD_GATEWAY,
                    codes::STOREFRONT_ORIGIN_REFUSED,
                    "The payment provider does not accept this store's domain yet",
                );
            }
        }
        AppError::from(e)
    })?;
    // Amwal's ids are opaque, but only a safe one is stored or sent on.
    TransactionId::parse(&resp.transaction.id).map_err(|_| {
        crate::log!("resolve of {link}: Amwal's transaction id is not in the safe alphabet");
        AppError::bad_upstream()
    })?;
    let record = match record {
        Some(r) => {
            check_amount(&resp.transaction, r.amount)?;
            r
        }
        None => adopt(&st, link, &resp.transaction)?,
    };
    // A link resolved again keeps its transaction: no write (each one is a
    // disk sync with a file database).
    let tx_id = resp.transaction.id.as_str();
    if record.transaction_id.as_deref() != Some(tx_id) {
        if let Err(e) = st.links.set_transaction(&link, tx_id) {
            // The shopper can still pay; the return page's status call will 404.
            crate::log!("resolve of {link}: {e}");
        }
    }
    if !st.settings.show_contacts {
        mask_contacts(&mut resp.transaction);
    }
    resp.link = link_info(&record);
    Ok(Json(resp))
}

async fn status(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<StatusResponse>, AppError> {
    let tx_id = TransactionId::parse(&id).map_err(|e| {
        AppError::new(
            StatusCode::BAD_REQUEST,
            codes::INVALID_REQUEST,
            &e.to_string(),
        )
    })?;
    // Only transactions of links this proxy created and resolved.
    let (link, record) = st
        .links
        .find_by_transaction(tx_id.as_str())
        .map_err(|e| AppError::store_unavailable(&e))?
        .ok_or_else(|| {
            AppError::new(
                StatusCode::NOT_FOUND,
                codes::LINK_NOT_FOUND,
                "Transaction not found",
            )
        })?;
    let asked = st.upstream.transaction(&tx_id).await?;
    if asked.id != tx_id.as_str() {
        crate::log!("status of {link}: Amwal answered another transaction than {tx_id}");
        return Err(AppError::bad_upstream());
    }
    // Amwal's record, just fetched, settles the order as a callback would.
    if let Err(e) = settle::apply(&st, &link, &record, &asked) {
        crate::log!("status of {link}: {e}");
    }
    let shown = if TxStatus::from_word(&asked.status).was_paid() {
        asked
    } else {
        // The hosted page may have finished the payment under another
        // transaction of the same link: Amwal's link details list it.
        match settle::settle_link(&st, &link, &record).await {
            Ok(Some((tx, _))) if TxStatus::from_word(&tx.status).was_paid() => tx,
            Ok(_) => asked,
            Err(e) => {
                crate::log!("status of {link}: link details not read: {e}");
                asked
            }
        }
    };
    let mut tx = shown.for_widget();
    check_amount(&tx, record.amount)?;
    if !st.settings.show_contacts {
        mask_contacts(&mut tx);
    }
    Ok(Json(StatusResponse {
        transaction: tx,
        link: link_info(&record),
    }))
}

/// What the widget shows of the store's record (a link adopted with
/// `--trust-any-link` has no title: the store never described it).
fn link_info(record: &LinkRecord) -> Option<LinkInfo> {
    Some(LinkInfo {
        title: record.title.clone(),
        description: record.description.clone(),
        currency: record.amount.currency.code().to_owned(),
    })
}

/// `--trust-any-link`: a link made elsewhere (Amwal's portal) is recorded
/// on first resolve with Amwal's amount, so its status can be followed.
fn adopt(st: &AppState, link: LinkId, tx: &Transaction) -> Result<LinkRecord, AppError> {
    let amount = Money::parse(&tx.amount, st.settings.currency).map_err(|e| {
        crate::log!(
            "resolve of {link}: amount {:?} unreadable: {e:?}",
            tx.amount
        );
        AppError::bad_upstream()
    })?;
    let record = LinkRecord {
        order_id: String::new(),
        amount,
        title: String::new(),
        description: None,
        transaction_id: None,
        order: OrderState::Open,
    };
    if let Err(e) = st.links.insert(link, record.clone()) {
        crate::log!("resolve of {link}: {e}");
    }
    Ok(record)
}

/// Amwal's amount must be exactly the one this store recorded for the link.
fn check_amount(tx: &Transaction, expected: Money) -> Result<(), AppError> {
    match Money::parse(&tx.amount, expected.currency) {
        Ok(m) if m == expected => Ok(()),
        other => {
            crate::log!(
                "amount mismatch for transaction {}: {other:?} vs {expected:?}",
                tx.id
            );
            Err(AppError::new(
                StatusCode::BAD_GATEWAY,
                codes::AMOUNT_MISMATCH,
                "The payment provider reported a different amount",
            ))
        }
    }
}
