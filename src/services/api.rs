//! The proxy's two calls: resolve (once per page view) and transaction status.

use super::browser;
use super::request::{get_json, post_json, FetchError};
use crate::options::Config;
use amwal_core::api::{CustomerContext, ResolveRequest, ResolveResponse, StatusResponse};
use amwal_core::i18n::Lang;
use web_sys::AbortController;

pub async fn resolve(
    cfg: &Config,
    lang: Lang,
    ctl: &AbortController,
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
    post_json(&url, &body, ctl, cfg.timeout_ms).await
}

pub async fn status(
    cfg: &Config,
    transaction_id: &str,
    ctl: &AbortController,
) -> Result<StatusResponse, FetchError> {
    // Only ids the widget itself stored get here, but never put raw text in a path.
    let id = js_sys::encode_uri_component(transaction_id);
    let url = format!("{}/transactions/{id}", cfg.proxy);
    get_json(&url, ctl, cfg.timeout_ms).await
}
