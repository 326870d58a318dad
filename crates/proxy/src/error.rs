//! One error type for every handler: a status and Amwal's error shape.
//! Clients get generic text; causes go to the log.

use crate::amwal::AmwalError;
use amwal_core::api::{codes, ApiError};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(Debug, Clone)]
pub struct AppError {
    pub status: StatusCode,
    pub body: ApiError,
    /// Seconds after which a retry may succeed (`Retry-After`).
    pub retry_after: Option<u32>,
}

impl AppError {
    pub fn new(status: StatusCode, code: &str, error: &str) -> AppError {
        AppError {
            status,
            body: ApiError::new(error, code),
            retry_after: None,
        }
    }

    pub fn retry_after(mut self, seconds: u32) -> AppError {
        self.retry_after = Some(seconds);
        self
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

    /// The database did not answer: a 503 the widget retries and Amwal
    /// delivers again, never a final "no such link".
    pub fn store_unavailable(e: &crate::store::StoreError) -> AppError {
        crate::log!("{e}");
        let wait = match e {
            crate::store::StoreError::Busy => 2,
            _ => 5,
        };
        AppError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            codes::STORE_UNAVAILABLE,
            "The store's records are unavailable; try again shortly",
        )
        .retry_after(wait)
    }

    pub fn upstream_unavailable(status: StatusCode) -> AppError {
        AppError::new(
            status,
            codes::UPSTREAM_UNAVAILABLE,
            "The payment provider could not be reached",
        )
    }
}

/// What the widget's caller sees of a failed call to Amwal. Amwal's errors
/// about the link or the request pass through with their status (400
/// LINK_EXPIRED, 404…); errors about the merchant's own setup (a bad key)
/// or Amwal's health are not the shopper's business: a generic 502/504.
impl From<AmwalError> for AppError {
    fn from(e: AmwalError) -> AppError {
        match e {
            AmwalError::Unreachable { timeout: true } => {
                AppError::upstream_unavailable(StatusCode::GATEWAY_TIMEOUT)
            }
            AmwalError::Unreachable { timeout: false } => {
                AppError::upstream_unavailable(StatusCode::BAD_GATEWAY)
            }
            AmwalError::BadBody => AppError::bad_upstream(),
            AmwalError::Refused { status, body } => {
                let passes = matches!(status, 400 | 404 | 409 | 410 | 422 | 429 | 503);
                match (body, StatusCode::from_u16(status)) {
                    (Some(body), Ok(status)) if passes => AppError {
                        status,
                        body: ApiError {
                            error: body.reason(),
                            error_code: body.error_code,
                            message: None,
                        },
                        retry_after: None,
                    },
                    (Some(_), _) => AppError::upstream_error(),
                    (None, _) => AppError::bad_upstream(),
                }
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut resp = (self.status, Json(self.body)).into_response();
        if let Some(secs) = self.retry_after {
            resp.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        resp
    }
}

/// Why the proxy could not start, by kind; each names what to fix.
#[derive(Debug)]
pub enum StartError {
    /// A setting is wrong (the message names it).
    Settings(String),
    /// The address cannot be listened on.
    Listen(String),
    /// A key file cannot be read or is not a key.
    Key {
        path: std::path::PathBuf,
        why: String,
    },
    /// The store cannot be opened, migrated, or is from a newer proxy.
    Store {
        at: crate::store::Location,
        error: crate::store::StoreError,
    },
    /// The embedded sandbox could not start, or refused the demo's link.
    Sandbox(String),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Settings(why) | StartError::Listen(why) => f.write_str(why),
            StartError::Key { path, why } => write!(f, "{}: {why}", path.display()),
            StartError::Store { at, error } => write!(f, "{at}: {error}"),
            StartError::Sandbox(why) => write!(f, "sandbox: {why}"),
        }
    }
}

impl std::error::Error for StartError {}

/// `Cli::validate` and the other setting checks speak in messages.
impl From<String> for StartError {
    fn from(why: String) -> StartError {
        StartError::Settings(why)
    }
}
