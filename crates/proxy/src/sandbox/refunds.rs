//! `POST /transactions/refund/{id}/`: Amwal refunds all or part of a paid
//! transaction (the parts adding up to at most what was paid), answers a
//! retried `Idempotency-Key` the same, and tells the merchant.

use super::api::{authorized_json, format5, units5};
use super::{error, field_error, locked, not_found, Sandbox};
use amwal_core::api::TxStatus;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(serde::Deserialize)]
struct RefundRequest {
    refund_amount: serde_json::Number,
}

/// `POST /transactions/refund/{id}/`: all of it, or part.
pub(super) async fn refund(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let req: RefundRequest = match authorized_json(&sb, &headers, &body) {
        Ok(r) => r,
        Err(refused) => return *refused,
    };
    // A retried refund with the same Idempotency-Key gets the same answer.
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(|k| format!("{id}:{k}"));
    if let Some(done) = key
        .as_ref()
        .and_then(|k| locked(&sb.refunds).get(k).cloned())
    {
        return Json(done).into_response();
    }
    let refunded = {
        let mut links = sb.lock();
        let Some((link_id, tx)) = links.iter_mut().find_map(|(l, link)| {
            link.transactions
                .iter_mut()
                .find(|t| t.id == id)
                .map(|t| (*l, t))
        }) else {
            return not_found();
        };
        let (Some(paid), Some(asked)) =
            (units5(&tx.amount), units5(&req.refund_amount.to_string()))
        else {
            return field_error("refund_amount", "A valid number is required.");
        };
        let before = tx.refunded_amount.as_deref().and_then(units5).unwrap_or(0);
        let refundable = matches!(
            TxStatus::from_word(&tx.status),
            TxStatus::Paid | TxStatus::PartiallyRefunded
        );
        if !refundable || asked == 0 || before + asked > paid {
            return error(
                StatusCode::BAD_REQUEST,
                "This transaction cannot be refunded by this amount",
                None,
                None,
            );
        }
        let total = before + asked;
        tx.status = if total == paid {
            "refunded"
        } else {
            "partially refunded"
        }
        .into();
        tx.refunded_amount = Some(format5(total));
        (link_id, tx.clone())
    };
    sb.announce(refunded.0, &refunded.1, "order.updated");
    let answer = serde_json::json!({ "id": refunded.1.id, "status": refunded.1.status });
    if let Some(k) = key {
        locked(&sb.refunds).insert(k, answer.clone());
    }
    Json(answer).into_response()
}
