//! The proxy's two calls: resolve (once per page view) and transaction
//! status, each retried only as `amwal_core::retry` allows.

use super::browser;
use super::json;
use super::request::{get_json, post_json, FetchError};
use crate::options::Config;
use amwal_core::api::{CustomerContext, ResolveRequest, ResolveResponse, StatusResponse};
use amwal_core::i18n::Lang;
use amwal_core::retry::{retry_delay_ms, Call};
use gloo_timers::future::TimeoutFuture;
use std::future::Future;
use web_sys::AbortSignal;

/// Runs `attempt` until it succeeds or the policy says stop.
async fn with_retries<T, F, Fut>(
    call: Call,
    cancel: &AbortSignal,
    mut attempt: F,
) -> Result<T, FetchError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, FetchError>>,
{
    let mut retries = 0;
    loop {
        let err = match attempt().await {
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
    let body = json::resolve_request(&body);
    with_retries(Call::Resolve, cancel, || {
        post_json(&url, &body, json::resolve_response, cancel, cfg.timeout_ms)
    })
    .await
}

pub async fn status(
    cfg: &Config,
    transaction_id: &str,
    cancel: &AbortSignal,
) -> Result<StatusResponse, FetchError> {
    // Only ids the widget itself stored get here, but never put raw text in a path.
    let id = js_sys::encode_uri_component(transaction_id);
    let url = format!("{}/transactions/{id}", cfg.proxy);
    with_retries(Call::Status, cancel, || {
        get_json(&url, json::status_response, cancel, cfg.timeout_ms)
    })
    .await
}
