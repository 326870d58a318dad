//! Time limits inside the router, so a merchant who nests the API in their
//! own server keeps them: the body must arrive within its time (408), and
//! the whole answer, Amwal's call included, within the request's (503).

use crate::error::AppError;
use amwal_core::api::codes;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// The largest body any route takes (Amwal's webhook, with room to spare).
pub const LARGEST_BODY: usize = 256 * 1024;
/// What every other route takes (a resolve body is well under 1 KiB).
pub const SMALL_BODY: usize = 16 * 1024;

#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub body: Duration,
    pub request: Duration,
}

pub async fn time_limits(State(t): State<Timeouts>, req: Request, next: Next) -> Response {
    // Only Amwal's deliveries may be large: a shopper's route reads at most
    // its own small limit, so a thousand slow uploads hold little memory.
    let limit = if req.uri().path().ends_with("/callbacks") {
        LARGEST_BODY
    } else {
        SMALL_BODY
    };
    let (parts, body) = req.into_parts();
    // Read the body here, within its time, so a client that stops sending
    // never holds a handler (or a store connection) waiting.
    let bytes = match tokio::time::timeout(t.body, axum::body::to_bytes(body, limit)).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(_)) => {
            return AppError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                codes::INVALID_REQUEST,
                "Request body too large",
            )
            .into_response()
        }
        Err(_) => {
            crate::log!("request body not received within {} ms", t.body.as_millis());
            let mut resp = AppError::new(
                StatusCode::REQUEST_TIMEOUT,
                codes::REQUEST_TIMEOUT,
                "The request body did not arrive in time",
            )
            .into_response();
            // The rest of the body may still come: this connection is done.
            resp.headers_mut().insert(
                axum::http::header::CONNECTION,
                "close".parse().expect("static"),
            );
            return resp;
        }
    };
    let req = Request::from_parts(parts, Body::from(bytes));
    match tokio::time::timeout(t.request, next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => {
            crate::log!("request not answered within {} ms", t.request.as_millis());
            AppError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                codes::REQUEST_TIMEOUT,
                "The request took too long; try again",
            )
            .retry_after(1)
            .into_response()
        }
    }
}
