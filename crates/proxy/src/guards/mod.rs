//! What stands between the internet and the proxy's handlers: the Origin
//! allowlist (CORS without `*` or mirroring, and 403 for a POST from
//! anywhere else), a per-peer rate limit, and the security headers every
//! response carries.

pub mod return_url;

use crate::error::AppError;
use crate::serve::AppState;
use amwal_core::api::codes;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Allows requests without an `Origin` (servers, curl) and from allowlisted
/// origins; answers CORS preflights for those; refuses everything else.
pub async fn origin_guard(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .map(str::to_owned);
    let Some(origin) = origin else {
        return next.run(req).await;
    };
    // Compared exactly; the value sent back is our own allowlist entry.
    let Some(allowed) = st
        .settings
        .allowed_origins
        .iter()
        .find(|a| **a == origin)
        .cloned()
    else {
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

/// A fixed-window counter per client address.
#[derive(Clone)]
pub struct RateLimiter {
    per_minute: u32,
    windows: Arc<Mutex<HashMap<IpAddr, (Instant, u32)>>>,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_minute,
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

/// The client's address: the TCP peer, or the first `X-Forwarded-For`
/// entry when the proxy is told it sits behind a trusted load balancer.
fn client_ip(peer: IpAddr, headers: &HeaderMap, trust_forwarded: bool) -> IpAddr {
    if !trust_forwarded {
        return peer;
    }
    headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .and_then(|ip| ip.trim().parse().ok())
        .unwrap_or(peer)
}

pub async fn rate_limit(State(st): State<AppState>, req: Request, next: Next) -> Response {
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
    let ip = client_ip(peer.ip(), req.headers(), st.settings.trust_forwarded_for);
    match st.limiter.check(ip, Instant::now()) {
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

/// Content-Security-Policy of the storefront and widget files.
pub const SITE_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; \
    frame-ancestors 'self'; base-uri 'none'; object-src 'none'";

/// Headers on every response that does not set its own.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    let defaults = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (header::CONTENT_SECURITY_POLICY, SITE_CSP),
    ];
    for (name, value) in defaults {
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_resets_after_a_minute() {
        let limiter = RateLimiter::new(2);
        let ip: IpAddr = [127, 0, 0, 1].into();
        let t0 = Instant::now();
        assert_eq!(limiter.check(ip, t0), Ok(()));
        assert_eq!(limiter.check(ip, t0), Ok(()));
        assert_eq!(limiter.check(ip, t0 + Duration::from_secs(15)), Err(45));
        let other: IpAddr = [10, 0, 0, 2].into();
        assert_eq!(limiter.check(other, t0), Ok(()), "per address");
        assert_eq!(limiter.check(ip, t0 + Duration::from_secs(61)), Ok(()));
    }

    #[test]
    fn forwarded_for_counts_only_when_trusted() {
        let peer: IpAddr = [127, 0, 0, 1].into();
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("203.0.113.9, 10.0.0.1"),
        );
        assert_eq!(client_ip(peer, &h, false), peer);
        assert_eq!(client_ip(peer, &h, true), IpAddr::from([203, 0, 113, 9]));
    }
}
