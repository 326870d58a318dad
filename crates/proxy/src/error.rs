//! One error type for every handler: a status and Amwal's error shape.
//! Clients get generic text; causes go to the log.

use amwal_core::api::{codes, ApiError};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(Debug, Clone)]
pub struct AppError {
    pub status: StatusCode,
    pub body: ApiError,
}

impl AppError {
    pub fn new(status: StatusCode, code: &str, error: &str) -> AppError {
        AppError {
            status,
            body: ApiError::new(error, code),
        }
    }

    pub fn invalid_link_id() -> AppError {
        AppError::new(
            StatusCode::BAD_REQUEST,
            codes::INVALID_LINK_ID,
            "Payment link id must be a UUID",
        )
    }

    pub fn link_not_found() -> AppError {
        AppError::new(
            StatusCode::NOT_FOUND,
            codes::LINK_NOT_FOUND,
            "Payment link not found",
        )
    }

    pub fn bad_upstream() -> AppError {
        AppError::new(
            StatusCode::BAD_GATEWAY,
            codes::UPSTREAM_BAD_RESPONSE,
            "The payment provider sent a response that could not be read",
        )
    }

    pub fn upstream_error() -> AppError {
        AppError::new(
            StatusCode::BAD_GATEWAY,
            codes::UPSTREAM_ERROR,
            "The payment provider could not handle the request",
        )
    }

    pub fn upstream_unavailable(status: StatusCode) -> AppError {
        AppError::new(
            status,
            codes::UPSTREAM_UNAVAILABLE,
            "The payment provider could not be reached",
        )
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}
