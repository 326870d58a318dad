//! A per-client rate limit (requests a minute), counted per peer address,
//! or per `X-Forwarded-For` behind a trusted load balancer.

use super::client_addr::client_addr;
use crate::error::AppError;
use amwal_core::api::codes;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A fixed-window counter per client address.
#[derive(Clone)]
pub struct RateLimiter {
    per_minute: u32,
    /// Behind trusted load balancers: which `X-Forwarded-For` entry, from
    /// the right, is the client (0: the peer is).
    trusted_hops: u8,
    windows: Arc<Mutex<HashMap<IpAddr, (Instant, u32)>>>,
}

impl RateLimiter {
    pub fn new(per_minute: u32, trusted_hops: u8) -> RateLimiter {
        RateLimiter {
            per_minute,
            trusted_hops,
            windows: Arc::default(),
        }
    }

    /// `Ok` to proceed, or `Err(seconds until the window resets)`.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        // Forget stale windows now and then, so the map stays small.
        if windows.len() > 10_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < Duration::from_secs(60));
        }
        let (start, count) = windows.entry(ip).or_insert((now, 0));
        if now.duration_since(*start) >= Duration::from_secs(60) {
            *start = now;
            *count = 0;
        }
        if *count >= self.per_minute {
            let left = Duration::from_secs(60).saturating_sub(now.duration_since(*start));
            return Err(left.as_secs().max(1));
        }
        *count += 1;
        Ok(())
    }
}

pub async fn rate_limit(State(limiter): State<RateLimiter>, req: Request, next: Next) -> Response {
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
    let ip = client_addr(peer.ip(), req.headers(), limiter.trusted_hops);
    match limiter.check(ip, Instant::now()) {
        Ok(()) => next.run(req).await,
        Err(secs) => {
            let mut resp = AppError::new(
                StatusCode::TOO_MANY_REQUESTS,
                codes::RATE_LIMITED,
                "Too many requests",
            )
            .into_response();
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                resp.headers_mut().insert(header::RETRY_AFTER, v);
            }
            resp
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_resets_after_a_minute() {
        let limiter = RateLimiter::new(2, 0);
        let ip: IpAddr = [127, 0, 0, 1].into();
        let t0 = Instant::now();
        assert_eq!(limiter.check(ip, t0), Ok(()));
        assert_eq!(limiter.check(ip, t0), Ok(()));
        assert_eq!(limiter.check(ip, t0 + Duration::from_secs(15)), Err(45));
        let other: IpAddr = [10, 0, 0, 2].into();
        assert_eq!(limiter.check(other, t0), Ok(()), "per address");
        assert_eq!(limiter.check(ip, t0 + Duration::from_secs(61)), Ok(()));
    }
}
