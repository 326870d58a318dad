//! One request helper: JSON in and out through gloo-net, HTTP status
//! checked here, a deadline, and cancellation when the caller's signal
//! aborts.

use amwal_core::api::ApiError;
use amwal_core::flow::ErrorKind;
use amwal_core::retry::Failure;
use gloo_events::EventListener;
use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// `fetch` rejected: no response (offline, refused, or cancelled by us).
    Network,
    /// Our deadline passed first; the server may have acted on the request.
    Timeout,
    /// The server answered with an error status (and maybe an error body).
    Http {
        status: u16,
        body: Option<ApiError>,
        retry_after_secs: Option<u32>,
    },
    /// A success status with a body that is not what we expect.
    Decode,
}

/// For the console: what failed, never a body's content.
impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::Network => f.write_str("no response (network)"),
            FetchError::Timeout => f.write_str("no response in time"),
            FetchError::Http { status, body, .. } => {
                let code = body.as_ref().and_then(|b| b.error_code.as_deref());
                write!(f, "HTTP {status} {}", code.unwrap_or("(no error code)"))
            }
            FetchError::Decode => f.write_str("a body that is not the expected JSON"),
        }
    }
}

impl FetchError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            FetchError::Network => ErrorKind::Network,
            FetchError::Timeout => ErrorKind::Timeout,
            FetchError::Http { status, body, .. } => {
                ErrorKind::from_response(*status, body.as_ref())
            }
            FetchError::Decode => ErrorKind::Proxy,
        }
    }

    /// The failure as the retry policy sees it.
    pub fn failure(&self) -> Failure {
        match self {
            FetchError::Network => Failure::NeverReached,
            FetchError::Timeout => Failure::TimedOut,
            FetchError::Http {
                status,
                retry_after_secs,
                ..
            } => Failure::Status {
                code: *status,
                retry_after_secs: *retry_after_secs,
            },
            FetchError::Decode => Failure::BadBody,
        }
    }
}

/// One attempt: GET, or POST with `body` (a plain object) as JSON written
/// by the browser's `JSON.stringify`. A success gives the JSON as the
/// browser parsed it, for serde-wasm-bindgen to read into the contract's
/// types: not generic over the answer's type, so the wasm holds one copy of
/// this for both calls.
pub async fn fetch_json(
    url: &str,
    body: Option<&JsValue>,
    cancel: &AbortSignal,
    timeout_ms: u32,
) -> Result<JsValue, FetchError> {
    if cancel.aborted() {
        return Err(FetchError::Network);
    }
    // A controller per attempt: the deadline aborts only this attempt, and
    // the caller's signal (component gone) aborts whatever is in flight.
    let ctl = AbortController::new().map_err(|_| FetchError::Network)?;
    let timed_out = Rc::new(Cell::new(false));
    let _deadline = {
        let (ctl, timed_out) = (ctl.clone(), timed_out.clone());
        Timeout::new(timeout_ms, move || {
            timed_out.set(true);
            ctl.abort();
        })
    };
    let _cancelled = {
        let ctl = ctl.clone();
        EventListener::once(cancel, "abort", move |_| ctl.abort())
    };
    let signal = ctl.signal();
    let request = match body {
        Some(body) => {
            let text = js_sys::JSON::stringify(body).map_err(|_| FetchError::Decode)?;
            Request::post(url)
                .abort_signal(Some(&signal))
                .header("Content-Type", "application/json")
                .body(String::from(text))
        }
        None => Request::get(url).abort_signal(Some(&signal)).build(),
    }
    .map_err(|_| FetchError::Network)?;
    let resp = match request.send().await {
        Ok(r) => r,
        Err(_) if timed_out.get() => return Err(FetchError::Timeout),
        Err(_) => return Err(FetchError::Network),
    };
    let (ok, status) = (resp.ok(), resp.status());
    let retry_after = resp.headers().get("Retry-After");
    // The browser parses the JSON (no serde_json in the wasm).
    let json: Option<JsValue> = match web_sys::Response::from(resp).json() {
        Ok(promise) => JsFuture::from(promise).await.ok(),
        Err(_) => None,
    };
    if !ok {
        let retry_after_secs = retry_after.and_then(|v| retry_after_secs(&v, js_sys::Date::now()));
        let body: Option<ApiError> = json.and_then(|v| serde_wasm_bindgen::from_value(v).ok());
        return Err(FetchError::Http {
            status,
            body,
            retry_after_secs,
        });
    }
    json.ok_or(if timed_out.get() {
        FetchError::Timeout
    } else {
        FetchError::Decode
    })
}

/// `Retry-After` as seconds from `now_ms`: either form RFC 9110 allows,
/// delay-seconds ("120") or an HTTP date, which the browser's `Date` reads.
/// A date in the past is 0; anything else unreadable is `None`.
/// Milliseconds are floats here (time, not money).
#[allow(clippy::float_arithmetic)]
pub fn retry_after_secs(value: &str, now_ms: f64) -> Option<u32> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for u32 is "a very long time": still a wait the
        // retry policy refuses, not a reason to retry at once.
        return Some(value.parse().unwrap_or(u32::MAX));
    }
    // IMF-fixdate and RFC 850 dates end in "GMT"; `Date.parse` alone would
    // read "-5" as a year. asctime dates (no zone) are not read: `Date`
    // would take them as local time.
    if !value.ends_with("GMT") {
        return None;
    }
    let at_ms = js_sys::Date::parse(value);
    if at_ms.is_nan() {
        return None;
    }
    // Whole seconds, rounded up; a JS number of ms fits u32 seconds once
    // clamped (the retry policy caps the wait far below that anyway).
    let ms = (at_ms - now_ms).max(0.0).min(f64::from(u32::MAX));
    let secs = (ms / 1000.0).ceil() as u32;
    Some(secs)
}
