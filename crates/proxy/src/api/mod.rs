//! The proxy's HTTP endpoints: the widget's (resolve, status), the
//! merchant backend's (create) and Amwal's (callbacks).

pub mod callbacks;
pub mod create;
pub mod mask;
pub mod resolve;
pub mod status;

use crate::error::AppError;
use crate::state::AppState;
use amwal_core::api::codes;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;

/// The widget's endpoints (the app adds the guards that apply to them).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/payment_links/{id}/resolve", post(resolve::resolve))
        .route("/transactions/{id}", get(status::status))
        .route("/healthz", get(|| async { "ok" }))
        .fallback(|| async {
            AppError::new(StatusCode::NOT_FOUND, codes::NOT_FOUND, "No such endpoint")
        })
}
