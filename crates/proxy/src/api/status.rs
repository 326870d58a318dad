//! `GET {prefix}/transactions/{id}`: the return page (and the QR and
//! terminal screens) ask how a payment went. The answer is Amwal's record,
//! fetched now, which also settles the order; if the transaction asked
//! about is not paid, the link's other transactions are looked at too.

use super::mask::mask_contacts;
use super::resolve::{check_amount, link_info};
use crate::error::AppError;
use crate::orders::settle;
use crate::state::AppState;
use amwal_core::api::{codes, StatusResponse, TxStatus};
use amwal_core::TransactionId;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

pub async fn status(
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
        .await
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
    if let Err(e) = settle::apply(&st, &link, &record, &asked).await {
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
