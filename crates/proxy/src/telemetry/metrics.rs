//! Request counts and latencies in Prometheus text format
//! (`GET {prefix}/metrics`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex};

/// Upper bounds of the latency histogram, in microseconds.
const BUCKETS_US: [u64; 9] = [
    1_000, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 1_000_000, 5_000_000,
];

#[derive(Default, Clone, Copy)]
struct Series {
    count: u64,
    sum_us: u64,
    buckets: [u64; BUCKETS_US.len()],
}

#[derive(Clone, Default)]
pub struct Metrics {
    series: Arc<Mutex<BTreeMap<(String, u16), Series>>>,
    /// One line per request on stderr (method, path, status, time).
    pub(crate) access_log: bool,
    /// Take a caller's `X-Request-Id` (set by a load balancer we trust);
    /// otherwise a shopper could pass another shopper's id as theirs.
    pub(crate) trust_incoming_id: bool,
}

/// Microseconds as seconds, written without floating point.
pub(crate) fn seconds(us: u64) -> String {
    format!("{}.{:06}", us / 1_000_000, us % 1_000_000)
}

impl Metrics {
    pub fn new(access_log: bool, trust_incoming_id: bool) -> Self {
        Metrics {
            access_log,
            trust_incoming_id,
            ..Metrics::default()
        }
    }

    pub(crate) fn record(&self, route: String, status: u16, us: u64) {
        let mut all = self.series.lock().unwrap_or_else(|e| e.into_inner());
        let s = all.entry((route, status)).or_default();
        s.count += 1;
        s.sum_us = s.sum_us.saturating_add(us);
        for (i, bound) in BUCKETS_US.iter().enumerate() {
            if us <= *bound {
                s.buckets[i] += 1;
            }
        }
    }

    /// The Prometheus text exposition of everything recorded.
    pub fn render(&self) -> String {
        let all = self.series.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = String::from(
            "# HELP amwal_proxy_requests_total Requests answered, by route and status.\n\
             # TYPE amwal_proxy_requests_total counter\n",
        );
        for ((route, status), s) in all.iter() {
            let _ = writeln!(
                out,
                "amwal_proxy_requests_total{{route=\"{route}\",status=\"{status}\"}} {}",
                s.count
            );
        }
        out.push_str(
            "# HELP amwal_proxy_request_duration_seconds Time to answer, by route.\n\
             # TYPE amwal_proxy_request_duration_seconds histogram\n",
        );
        let mut by_route: BTreeMap<&str, Series> = BTreeMap::new();
        for ((route, _), s) in all.iter() {
            let t = by_route.entry(route.as_str()).or_default();
            t.count += s.count;
            t.sum_us = t.sum_us.saturating_add(s.sum_us);
            for (i, b) in s.buckets.iter().enumerate() {
                t.buckets[i] += b;
            }
        }
        for (route, s) in by_route {
            let name = "amwal_proxy_request_duration_seconds";
            for (i, bound) in BUCKETS_US.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "{name}_bucket{{route=\"{route}\",le=\"{}\"}} {}",
                    seconds(*bound),
                    s.buckets[i]
                );
            }
            let _ = writeln!(
                out,
                "{name}_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(out, "{name}_sum{{route=\"{route}\"}} {}", seconds(s.sum_us));
            let _ = writeln!(out, "{name}_count{{route=\"{route}\"}} {}", s.count);
        }
        out
    }
}

pub async fn expose(State(m): State<Metrics>) -> Response {
    (
        StatusCode::OK,
        [("content-type", "text/plain; version=0.0.4")],
        m.render(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_a_cumulative_histogram() {
        let m = Metrics::default();
        m.record("/amwal/healthz".into(), 200, 3_000);
        m.record("/amwal/healthz".into(), 200, 30_000);
        let text = m.render();
        assert!(
            text.contains("amwal_proxy_requests_total{route=\"/amwal/healthz\",status=\"200\"} 2"),
            "{text}"
        );
        assert!(
            text.contains("le=\"0.001000\"} 0") && text.contains("le=\"0.005000\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("le=\"0.050000\"} 2") && text.contains("le=\"+Inf\"} 2"),
            "{text}"
        );
        assert!(
            text.contains(
                "amwal_proxy_request_duration_seconds_sum{route=\"/amwal/healthz\"} 0.033000"
            ),
            "{text}"
        );
    }
}
