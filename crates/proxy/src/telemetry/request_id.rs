//! Where request ids are minted: one per request, on its response
//! (`X-Request-Id`), on every log line it causes, and sent upstream.

use axum::extract::Request;

/// An incoming `X-Request-Id` if trusted, short and plain, else a new one.
pub fn mint(req: &Request, trusted: bool) -> String {
    req.headers()
        .get("x-request-id")
        .filter(|_| trusted)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string())
}
