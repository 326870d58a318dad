//! Telling the sandbox to behave badly, for tests and fault measurements:
//! slow, hanging, resetting, truncating or failing API answers, and the
//! `payment_interface` its resolve returns. Set with
//! `POST {sandbox}/_behaviour {"mode": "hang", "payment_interface": "qr_display"}`;
//! `GET` it for the behaviour and the count of API calls received.

use super::Sandbox;
use amwal_core::api::PaymentInterface;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    Normal,
    /// Each answer 500 ± 400 ms late.
    Slow,
    /// Never answers.
    Hang,
    /// Closes the connection before any answer.
    Reset,
    /// Promises a body and stops halfway.
    Truncate,
    /// 500 with an HTML page (text that must never reach a shopper).
    ServerError,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Behaviour {
    #[serde(default)]
    pub mode: Mode,
    /// Overrides resolve's `payment_interface` (default `web`).
    #[serde(default)]
    pub payment_interface: Option<PaymentInterface>,
}

/// Only from this machine: anyone else who can reach the demo must not be
/// able to make it fail for its shoppers.
pub async fn loopback_only(req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    if peer.is_some_and(|ip| ip.is_loopback()) {
        next.run(req).await
    } else {
        super::detail(
            StatusCode::FORBIDDEN,
            "The behaviour switch answers this machine only.",
        )
    }
}

pub async fn set(State(sb): State<Sandbox>, Json(b): Json<Behaviour>) -> StatusCode {
    sb.set_behaviour(b);
    StatusCode::NO_CONTENT
}

/// The current behaviour and how many API calls the sandbox has received
/// (`GET {sandbox}/_behaviour`): fault measurements count attempts with it.
pub async fn get(State(sb): State<Sandbox>) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "behaviour": sb.behaviour(),
        "api_calls": sb.api_calls().load(std::sync::atomic::Ordering::SeqCst),
    }))
}

/// A body that sends `prefix`, waits a moment (so it is on the wire), then
/// fails: the connection closes mid-answer.
fn broken_body(prefix: &'static [u8]) -> Body {
    use futures_util::StreamExt;
    let chunks = futures_util::stream::iter([Some(prefix), None]).then(|chunk| async move {
        match chunk {
            Some(bytes) => Ok(bytes),
            None => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                Err(std::io::Error::other("sandbox: cut off"))
            }
        }
    });
    Body::from_stream(chunks)
}

/// Applied to the sandbox's API routes (not its hosted page).
pub async fn misbehave(State(sb): State<Sandbox>, req: Request, next: Next) -> Response {
    match sb.behaviour().mode {
        Mode::Normal => next.run(req).await,
        Mode::Slow => {
            let jitter = u64::from(uuid::Uuid::new_v4().as_bytes()[0]) * 800 / 255;
            tokio::time::sleep(Duration::from_millis(100 + jitter)).await;
            next.run(req).await
        }
        Mode::Hang => std::future::pending().await,
        // The body fails before anything is written: the connection just closes.
        Mode::Reset => {
            let failed = futures_util::stream::iter([Err::<&[u8], _>(std::io::Error::other(
                "sandbox: reset",
            ))]);
            (StatusCode::OK, Body::from_stream(failed)).into_response()
        }
        Mode::Truncate => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CONTENT_LENGTH, "200"),
            ],
            broken_body(br#"{"transaction":{"id":"#),
        )
            .into_response(),
        Mode::ServerError => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><body>sandbox internal stack trace: secret-ish details</body></html>",
        )
            .into_response(),
    }
}
