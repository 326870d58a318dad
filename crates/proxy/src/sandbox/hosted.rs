//! The sandbox's hosted payment page and what its buttons do: set the
//! transaction's status, send the signed callback, and redirect the shopper
//! back to the store.

use super::{err, not_found, page, Sandbox};
use crate::callbacks::{CallbackData, CallbackEvent};
use amwal_core::api::codes;
use amwal_core::LinkId;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::OffsetDateTime;

impl Sandbox {
    /// Sends a signed event to `url`, retrying up to 5 times with backoff
    /// until the merchant answers 2xx, as Amwal does.
    fn deliver(&self, url: String, event: CallbackEvent) {
        let (http, signer) = (self.http.clone(), self.signer.clone());
        tokio::spawn(async move {
            let Ok(body) = serde_json::to_vec(&event) else {
                return;
            };
            let signature = signer.sign(&body);
            for attempt in 0..6u32 {
                if attempt > 0 {
                    tokio::time::sleep(std::time::Duration::from_millis(200 << attempt)).await;
                }
                let sent = http
                    .post(&url)
                    .header("content-type", "application/json")
                    .header("x-signature", &signature)
                    .body(body.clone())
                    .send()
                    .await;
                if sent.is_ok_and(|r| r.status().is_success()) {
                    return;
                }
            }
            crate::log!(
                "sandbox: callback {} to {url} not accepted after 6 tries",
                event.id
            );
        });
    }
}

pub(super) async fn hosted_page(State(sb): State<Sandbox>, Path(id): Path<String>) -> Response {
    let Ok(id) = LinkId::parse(&id) else {
        return not_found();
    };
    let links = sb.lock();
    let Some(link) = links.get(&id) else {
        return not_found();
    };
    let status = link
        .transaction
        .as_ref()
        .map(|t| t.status.as_str())
        .unwrap_or("pending");
    page::respond(page::render(&link.title, &link.amount, status))
}

#[derive(Deserialize)]
pub(super) struct Outcome {
    outcome: String,
}

/// The shopper pressed Pay or Fail on the hosted page.
pub(super) async fn finish(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    Form(form): Form<Outcome>,
) -> Response {
    let Ok(id) = LinkId::parse(&id) else {
        return not_found();
    };
    let mut links = sb.lock();
    let Some(link) = links.get_mut(&id) else {
        return not_found();
    };
    let Some(tx) = link.transaction.as_mut() else {
        return err(
            StatusCode::CONFLICT,
            "Resolve the link before paying",
            codes::INVALID_REQUEST,
        );
    };
    if tx.status == "completed" {
        return err(
            StatusCode::CONFLICT,
            "This link has already been paid",
            "ALREADY_PAID",
        );
    }
    tx.status = match form.outcome.as_str() {
        "pay" => "completed",
        "fail" => "failed",
        // The shopper leaves without finishing: the store must keep waiting.
        "later" => "pending",
        _ => {
            return err(
                StatusCode::BAD_REQUEST,
                "outcome must be pay or fail",
                codes::INVALID_REQUEST,
            )
        }
    }
    .into();
    if let Some(url) = &link.callback_url {
        let event = CallbackEvent {
            id: format!("evt_{}", uuid::Uuid::new_v4().simple()),
            event: match tx.status.as_str() {
                "completed" => "order.success",
                "failed" => "order.failed",
                _ => "order.updated",
            }
            .into(),
            created_at: OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            data: CallbackData {
                payment_link_id: id.to_string(),
                transaction_id: tx.id.clone(),
                status: tx.status.clone(),
                amount: tx.amount.clone(),
            },
        };
        sb.deliver(url.clone(), event);
    }
    match &link.return_url {
        Some(url) => Redirect::to(url).into_response(),
        None => page::respond(page::render(&link.title, &link.amount, &tx.status)),
    }
}
