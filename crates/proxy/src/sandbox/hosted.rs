//! The sandbox's hosted payment page and what its buttons do: settle the
//! link's current attempt, tell the merchant (callback and webhook), and
//! send the shopper back to the store.

use super::{error, not_found, page, Sandbox};
use amwal_core::api::TxStatus;
use amwal_core::LinkId;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// Opening the page: a link whose last attempt failed (or that was never
/// resolved) gets a new attempt; an `initiated` one becomes `redirected`.
pub(super) async fn hosted_page(State(sb): State<Sandbox>, Path(id): Path<String>) -> Response {
    let Ok(id) = LinkId::parse(&id) else {
        return not_found();
    };
    let mut links = sb.lock();
    let Some(link) = links.get_mut(&id) else {
        return not_found();
    };
    if link.is_expired() {
        return page::respond(page::render(
            &link.title,
            &link.amount,
            page::Shows::Expired,
        ));
    }
    if link.is_paid() {
        return page::respond(page::render(&link.title, &link.amount, page::Shows::Paid));
    }
    let needs_new = link
        .latest()
        .is_none_or(|t| TxStatus::from_word(&t.status) == TxStatus::Failed);
    if needs_new {
        link.start_transaction();
    }
    if let Some(tx) = link.transactions.last_mut() {
        if tx.status == "initiated" {
            tx.status = "redirected".into();
        }
    }
    page::respond(page::render(
        &link.title,
        &link.amount,
        page::Shows::Buttons,
    ))
}

#[derive(Deserialize)]
pub(super) struct Outcome {
    outcome: String,
}

/// The shopper pressed Pay, Fail or "later" on the hosted page.
pub(super) async fn finish(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    Form(form): Form<Outcome>,
) -> Response {
    let Ok(id) = LinkId::parse(&id) else {
        return not_found();
    };
    let (tx, return_url, title, amount) = {
        let mut links = sb.lock();
        let Some(link) = links.get_mut(&id) else {
            return not_found();
        };
        if link.is_paid() {
            return error(
                StatusCode::CONFLICT,
                "This link has already been paid",
                None,
                None,
            );
        }
        let Some(tx) = link.transactions.last_mut() else {
            return error(
                StatusCode::CONFLICT,
                "Open the payment page first",
                None,
                None,
            );
        };
        if TxStatus::from_word(&tx.status) != TxStatus::Pending {
            return error(
                StatusCode::CONFLICT,
                "This attempt is finished; open the page again",
                None,
                None,
            );
        }
        match form.outcome.as_str() {
            "pay" => {
                tx.status = "success".into();
                tx.payment_method = Some("Card".into());
                tx.payment_option = Some("Pay In Full".into());
                tx.total_amount = Some(two_decimals(&tx.amount));
            }
            "fail" => tx.status = "fail".into(),
            // The shopper leaves without finishing: the store must keep waiting.
            "later" => {}
            _ => {
                return error(
                    StatusCode::BAD_REQUEST,
                    "outcome must be pay, fail or later",
                    None,
                    None,
                )
            }
        }
        (
            tx.clone(),
            link.return_url.clone(),
            link.title.clone(),
            link.amount.clone(),
        )
    };
    match TxStatus::from_word(&tx.status) {
        TxStatus::Paid => sb.announce(id, &tx, "order.success"),
        TxStatus::Failed => sb.announce(id, &tx, "order.failed"),
        _ => {}
    }
    match return_url {
        Some(url) => Redirect::to(&url).into_response(),
        None => {
            let shows = if tx.status == "success" {
                page::Shows::Paid
            } else {
                page::Shows::Buttons
            };
            page::respond(page::render(&title, &amount, shows))
        }
    }
}

/// "299.99000" → "299.99": what Amwal writes in `total_amount`.
fn two_decimals(amount: &str) -> String {
    match amount.split_once('.') {
        Some((int, frac)) => format!("{int}.{:0<2}", &frac[..frac.len().min(2)]),
        None => format!("{amount}.00"),
    }
}
