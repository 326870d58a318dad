//! Who may create links: the merchant's backend with the admin token,
//! never a browser.

use crate::error::AppError;
use crate::secret::{constant_time_eq, Secret};
use amwal_core::api::codes;
use axum::http::{header, HeaderMap, StatusCode};

/// Passes a request from the merchant's backend: `Authorization: Bearer
/// <admin token>` and no `Origin` (browsers send it on every POST).
pub fn require_admin(headers: &HeaderMap, token: Option<&Secret>) -> Result<(), AppError> {
    let unauthorized = || {
        AppError::new(
            StatusCode::UNAUTHORIZED,
            codes::UNAUTHORIZED,
            "A merchant admin token is required",
        )
    };
    if headers.contains_key(header::ORIGIN) {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            codes::ORIGIN_NOT_ALLOWED,
            "Not callable from a browser",
        ));
    }
    let token = token.ok_or_else(unauthorized)?;
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if given.is_some_and(|g| constant_time_eq(g.as_bytes(), token.expose().as_bytes())) {
        Ok(())
    } else {
        Err(unauthorized())
    }
}
