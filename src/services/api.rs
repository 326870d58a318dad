//! The proxy's two calls: resolve (once per page view) and transaction
//! status, each retried only as `amwal_core::retry` allows.

use super::browser;
use super::request::{fetch_json, FetchError};
use crate::options::Config;
use amwal_core::api::{CustomerContext, ResolveRequest, ResolveResponse, StatusResponse};
use amwal_core::i18n::Lang;
use amwal_core::retry::{retry_delay_ms, Call};
use gloo_timers::future::TimeoutFuture;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::AbortSignal;

/// Sends the request until it succeeds or the retry policy says stop.
async fn with_retries(
    call: Call,
    url: &str,
    body: Option<&JsValue>,
    cancel: &AbortSignal,
    timeout_ms: u32,
) -> Result<JsValue, FetchError> {
    let mut retries = 0;
    loop {
        let err = match fetch_json(url, body, cancel, timeout_ms).await {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        if cancel.aborted() {
            return Err(err);
        }
        match retry_delay_ms(call, err.failure(), retries, browser::jitter()) {
            Some(ms) => {
                TimeoutFuture::new(ms).await;
                retries += 1;
            }
            None => return Err(err),
        }
    }
}

/// The proxy's JSON, as the browser parsed it, read into the contract's own
/// types (`amwal_core::api`, the ones the proxy writes with): serde's rules,
/// so one declaration of the contract serves both ends.
pub fn decode<T: DeserializeOwned>(json: JsValue) -> Result<T, serde_wasm_bindgen::Error> {
    serde_wasm_bindgen::from_value(json)
}

/// A request as a plain object for `JSON.stringify` (maps as objects,
/// `None` fields left out, as the proxy's serde reads them).
pub fn encode<T: Serialize>(value: &T) -> Result<JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
}

pub async fn resolve(
    cfg: &Config,
    lang: Lang,
    cancel: &AbortSignal,
) -> Result<ResolveResponse, FetchError> {
    let url = format!("{}/payment_links/{}/resolve", cfg.proxy, cfg.link);
    let body = ResolveRequest {
        device_type: Some(cfg.device.unwrap_or_else(browser::detect_device)),
        user_agent: browser::user_agent(),
        referrer: browser::referrer(),
        customer_context: Some(CustomerContext {
            return_url: browser::return_url(cfg),
            language_preference: Some(lang.tag().to_owned()),
        }),
    };
    let body = encode(&body).map_err(|_| FetchError::Decode)?;
    let answer = with_retries(Call::Resolve, &url, Some(&body), cancel, cfg.timeout_ms).await?;
    // A body that is not what the API promises is never retried.
    decode(answer).map_err(|_| FetchError::Decode)
}

pub async fn status(
    cfg: &Config,
    transaction_id: &str,
    cancel: &AbortSignal,
) -> Result<StatusResponse, FetchError> {
    // Only ids the widget itself stored get here, but never put raw text in a path.
    let id = js_sys::encode_uri_component(transaction_id);
    let url = format!("{}/transactions/{id}", cfg.proxy);
    let answer = with_retries(Call::Status, &url, None, cancel, cfg.timeout_ms).await?;
    decode(answer).map_err(|_| FetchError::Decode)
}
