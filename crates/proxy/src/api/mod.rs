//! The proxy's HTTP endpoints: the widget's (resolve, status), the
//! merchant backend's (create) and Amwal's (callbacks).

pub mod callbacks;
pub mod create;
pub mod mask;
pub mod new_link;
pub mod resolve;
pub mod status;

use crate::error::AppError;
use crate::guards::admin::require_admin;
use crate::state::AppState;
use crate::telemetry;
use amwal_core::api::codes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

/// The widget's endpoints (the app adds the guards that apply to them).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/payment_links/{id}/resolve", post(resolve::resolve))
        .route("/transactions/{id}", get(status::status))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .fallback(|| async {
            AppError::new(StatusCode::NOT_FOUND, codes::NOT_FOUND, "No such endpoint")
        })
}

/// `GET {prefix}/readyz`: whether this instance should get traffic: its
/// store answers and holds this proxy's schema (`/healthz` says only that
/// the process runs).
async fn ready(State(st): State<AppState>) -> Response {
    match st.links.ready().await {
        Ok(()) => "ready".into_response(),
        Err(e) => {
            crate::log!("readyz: {e}");
            AppError::store_unavailable(&e).into_response()
        }
    }
}

/// `GET {prefix}/metrics`: request counts and latencies (sales volume by
/// route), for the merchant's admin token only.
pub async fn metrics(State(st): State<AppState>, headers: HeaderMap) -> Response {
    match require_admin(&headers, st.settings.admin_token.as_ref()) {
        Ok(()) => telemetry::metrics::expose(State(st.metrics.clone())).await,
        Err(refused) => refused.into_response(),
    }
}
