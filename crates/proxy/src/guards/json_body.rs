//! A JSON request body, or the one typed refusal for every endpoint.

use crate::error::AppError;
use amwal_core::api::codes;
use axum::extract::rejection::JsonRejection;
use axum::Json;

/// The body, or 400/413/415 `INVALID_REQUEST` ("Request body must be JSON")
/// with the status axum chose for the fault.
pub fn json_body<T>(body: Result<Json<T>, JsonRejection>) -> Result<T, AppError> {
    body.map(|Json(b)| b).map_err(|e| {
        AppError::new(
            e.status(),
            codes::INVALID_REQUEST,
            "Request body must be JSON",
        )
    })
}
