//! The limiter as middleware: shoppers counted per client address (the
//! peer, or behind a trusted load balancer its `X-Forwarded-For` entry),
//! Amwal's deliveries against their own budget. The per-link budget is
//! checked in the resolve handler, once the link is known to be this
//! store's.

use super::client_addr::client_addr;
use super::limiter::{Budget, Limiter, Spent};
use crate::error::AppError;
use amwal_core::api::codes;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use std::sync::Arc;

/// The limiter and how to tell who the client is.
#[derive(Clone)]
pub struct ClientLimit {
    pub limiter: Arc<dyn Limiter>,
    /// Behind trusted load balancers: which `X-Forwarded-For` entry, from
    /// the right, is the client (0: the peer is).
    pub trusted_hops: u8,
}

/// 429 with `Retry-After`, for a shopper over a budget.
pub fn too_many(spent: Spent) -> AppError {
    AppError::new(
        StatusCode::TOO_MANY_REQUESTS,
        codes::RATE_LIMITED,
        "Too many requests",
    )
    .retry_after(spent.retry_after_secs())
}

pub async fn rate_limit(State(limit): State<ClientLimit>, req: Request, next: Next) -> Response {
    let Some(ConnectInfo(peer)) = req.extensions().get::<ConnectInfo<SocketAddr>>().copied() else {
        // A merchant app served without the peer address: say how to fix it
        // rather than limit every shopper as one.
        crate::log!(
            "no peer address: serve with into_make_service_with_connect_info::<SocketAddr>()"
        );
        return AppError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            codes::INTERNAL,
            "Server misconfigured",
        )
        .into_response();
    };
    let ip = client_addr(peer.ip(), req.headers(), limit.trusted_hops);
    match limit.limiter.check(Budget::Client(ip)).await {
        Ok(()) => next.run(req).await,
        Err(spent) => too_many(spent).into_response(),
    }
}

/// Amwal's deliveries over their budget: a 503 it delivers again later,
/// never a 4xx, which Amwal takes as final.
pub async fn callback_budget(
    State(limiter): State<Arc<dyn Limiter>>,
    req: Request,
    next: Next,
) -> Response {
    match limiter.check(Budget::Callbacks).await {
        Ok(()) => next.run(req).await,
        Err(spent) => {
            crate::log!("callbacks over their budget: answered 503");
            AppError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                codes::RATE_LIMITED,
                "Too many deliveries at once; deliver again later",
            )
            .retry_after(spent.retry_after_secs())
            .into_response()
        }
    }
}
