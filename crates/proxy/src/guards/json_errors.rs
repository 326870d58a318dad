//! The API answers every error in its JSON shape, including those the
//! framework writes itself before any handler runs (a path that does not
//! decode, a method a route does not take) as plain text.

use crate::error::AppError;
use amwal_core::api::codes;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn json_errors(req: Request, next: Next) -> Response {
    let resp = next.run(req).await;
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return resp;
    }
    let (code, text) = match status {
        StatusCode::NOT_FOUND => (codes::NOT_FOUND, "No such endpoint"),
        StatusCode::METHOD_NOT_ALLOWED => (codes::INVALID_REQUEST, "Method not allowed here"),
        StatusCode::PAYLOAD_TOO_LARGE => (codes::INVALID_REQUEST, "Request body too large"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (codes::INVALID_REQUEST, "Expected a JSON body"),
        s if s.is_client_error() => (codes::INVALID_REQUEST, "The request could not be read"),
        _ => (codes::INTERNAL, "Internal error"),
    };
    let (parts, _) = resp.into_parts();
    let mut json = AppError::new(status, code, text).into_response();
    // Keep what the framework said about the answer (Allow, Retry-After).
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            json.headers_mut().insert(name.clone(), value.clone());
        }
    }
    json
}
