//! `POST {prefix}/payment_links/{id}/resolve`: the widget asks for its
//! link, once per page view. Only links this store created, only return
//! URLs it allows; the answer is Amwal's, checked against the store's
//! record, with contact data masked.

use crate::amwal::AmwalError;
use crate::api::mask::mask_contacts;
use crate::error::AppError;
use crate::guards::json_body::json_body;
use crate::guards::rate_limit::too_many;
use crate::guards::{return_url, Budget};
use crate::state::AppState;
use crate::store::{LinkRecord, OrderState};
use amwal_core::api::{codes, LinkInfo, ResolveRequest, ResolveResponse, Transaction};
use amwal_core::{LinkId, Money, TransactionId};
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

pub async fn resolve(
    State(st): State<AppState>,
    Path(id): Path<String>,
    body: Result<Json<ResolveRequest>, JsonRejection>,
) -> Result<Json<ResolveResponse>, AppError> {
    // The id is checked before any URL is built from it.
    let link = LinkId::parse(&id).map_err(|_| AppError::invalid_link_id())?;
    let mut body = json_body(body)?;
    let record = st
        .links
        .find(&link)
        .await
        .map_err(|e| AppError::store_unavailable(&e))?;
    if record.is_none() && !st.settings.trust_any_link {
        return Err(AppError::link_not_found());
    }
    if let Some(ctx) = body.customer_context.as_mut() {
        if let Some(url) = ctx.return_url.as_deref() {
            let prefix = record.as_ref().and_then(|r| r.return_prefix.as_deref());
            let checked =
                return_url::check(url, &st.settings.return_origins, prefix).map_err(|_| {
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
    // However many addresses ask, one link reaches Amwal so often; a
    // request refused above costs its budget nothing.
    st.limiter
        .check(Budget::Link(link))
        .await
        .map_err(too_many)?;
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
        None => adopt(&st, link, &resp.transaction).await?,
    };
    // A link resolved again keeps its transaction: no write (each one is a
    // disk sync with a file database).
    let tx_id = resp.transaction.id.clone();
    if record.transaction_id.as_deref() != Some(tx_id.as_str()) {
        // Unrecorded, the payment could not be confirmed on return: the
        // shopper is asked to retry rather than pay into the dark.
        st.links
            .set_transaction(&link, &tx_id)
            .await
            .map_err(|e| AppError::store_unavailable(&e))?;
    }
    if !st.settings.show_contacts {
        mask_contacts(&mut resp.transaction);
    }
    resp.link = link_info(&record);
    Ok(Json(resp))
}

/// What the widget shows of the store's record (a link adopted with
/// `--trust-any-link` has no title: the store never described it).
pub(super) fn link_info(record: &LinkRecord) -> Option<LinkInfo> {
    Some(LinkInfo {
        title: record.title.clone(),
        description: record.description.clone(),
        currency: record.amount.currency.code().to_owned(),
    })
}

/// `--trust-any-link`: a link made elsewhere (Amwal's portal) is recorded
/// on first resolve with Amwal's amount, so its status can be followed.
async fn adopt(st: &AppState, link: LinkId, tx: &Transaction) -> Result<LinkRecord, AppError> {
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
        return_prefix: None,
        transaction_id: None,
        order: OrderState::Open,
    };
    st.links
        .insert(link, record.clone())
        .await
        .map_err(|e| AppError::store_unavailable(&e))?;
    Ok(record)
}

/// Amwal's amount must be exactly the one this store recorded for the link.
pub(super) fn check_amount(tx: &Transaction, expected: Money) -> Result<(), AppError> {
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
