//! The Origin allowlist: CORS answers carry exactly an allowed origin
//! (never `*`, never an echo), and a request from any other origin is
//! refused with 403 before anything is sent upstream.

use crate::error::AppError;
use amwal_core::api::codes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Allows requests without an `Origin` (servers, curl) and from allowlisted
/// origins; answers CORS preflights for those; refuses everything else.
/// The origins whose pages may call the proxy, exactly as configured.
#[derive(Clone, Debug, Default)]
pub struct AllowedOrigins(pub std::sync::Arc<[String]>);

pub async fn origin_guard(
    State(allowed_origins): State<AllowedOrigins>,
    req: Request,
    next: Next,
) -> Response {
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .map(str::to_owned);
    let Some(origin) = origin else {
        return next.run(req).await;
    };
    // Compared exactly; the value sent back is our own allowlist entry.
    let Some(allowed) = allowed_origins.0.iter().find(|a| **a == origin).cloned() else {
        return AppError::new(
            StatusCode::FORBIDDEN,
            codes::ORIGIN_NOT_ALLOWED,
            "This origin may not call the proxy",
        )
        .into_response();
    };
    let preflight = req.method() == Method::OPTIONS;
    let mut resp = if preflight {
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(req).await
    };
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&allowed) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
    }
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    if preflight {
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("Content-Type"),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
    }
    resp
}
