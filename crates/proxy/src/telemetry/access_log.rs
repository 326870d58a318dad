//! Every request passes here: it gets its id, one access-log line (method,
//! path without query string, status, time) and its count in the metrics.

use super::metrics::{seconds, Metrics};
use super::request_id;
use axum::extract::{MatchedPath, OriginalUri, Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;

/// Counts and times every request, and tags its response with a request id.
pub async fn track(State(m): State<Metrics>, req: Request, next: Next) -> Response {
    // The route pattern, not the path: ids must not become label values.
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "other".to_owned());
    let id = request_id::mint(&req, m.trust_incoming_id);
    // The path only (a query string may carry what a log must not keep),
    // as the client sent it, even when this router is nested.
    // Built only when it will be printed: this runs on every request.
    let line = m.access_log.then(|| {
        let path = req
            .extensions()
            .get::<OriginalUri>()
            .map_or_else(|| req.uri().path(), |u| u.0.path());
        format!("{} {}", req.method(), super::log::escape(path))
    });
    let start = Instant::now();
    let mut resp = crate::telemetry::log::in_request(id.clone(), next.run(req)).await;
    let us = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX);
    let status = resp.status().as_u16();
    if let Some(line) = line {
        eprintln!("req={id} {line} {status} {}s", seconds(us));
    }
    m.record(route, status, us);
    if let Ok(v) = HeaderValue::from_str(&id) {
        resp.headers_mut().insert("x-request-id", v);
    }
    resp
}
