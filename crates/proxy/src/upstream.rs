//! The HTTP client for Amwal's API (or the embedded sandbox, which speaks
//! the same shapes). Typed results; upstream text never reaches a browser.

use crate::error::AppError;
use crate::secret::Secret;
use amwal_core::api::{ApiError, ResolveRequest, ResolveResponse, Transaction};
use amwal_core::LinkId;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Body of `POST /payment_links/{store_id}/create` (Amwal's create document).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateLinkRequest {
    /// A JSON number whose text is exactly the merchant's decimal.
    pub amount: serde_json::Number,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "singleUse", default = "yes")]
    pub single_use: bool,
    #[serde(
        rename = "selectedDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub selected_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_last_name: Option<String>,
    #[serde(default)]
    pub address_required: bool,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "yes")]
    pub send_sms: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Value>,
}

fn yes() -> bool {
    true
}

fn default_language() -> String {
    "ar".to_owned()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateLinkResponse {
    pub payment_link_id: String,
    pub url: String,
    pub environment: String,
}

#[derive(Clone)]
pub struct Upstream {
    http: reqwest::Client,
    base: String,
    key: Secret,
    origin: String,
    /// `X-Amwal-Key`, when configured.
    environment: Option<String>,
}

impl Upstream {
    pub fn new(
        base: &str,
        key: &Secret,
        storefront_origin: &str,
        timeout: Duration,
    ) -> Result<Upstream, reqwest::Error> {
        let http = reqwest::Client::builder()
            // A redirect from the API is never followed: it could point anywhere.
            .redirect(reqwest::redirect::Policy::none())
            // The whole budget stays under the widget's 10 s default, so the
            // shopper sees the proxy's 504, not their own timeout.
            .connect_timeout(timeout.min(Duration::from_secs(3)))
            .timeout(timeout)
            .build()?;
        Ok(Upstream {
            http,
            base: base.trim_end_matches('/').to_owned(),
            key: key.clone(),
            origin: storefront_origin.to_owned(),
            environment: None,
        })
    }

    /// Sends `X-Amwal-Key` (sandbox-amwal-… or prod-amwal-…) on every call.
    pub fn with_environment_key(mut self, key: Option<String>) -> Self {
        self.environment = key;
        self
    }

    pub async fn create_link(
        &self,
        store_id: &str,
        body: &CreateLinkRequest,
    ) -> Result<CreateLinkResponse, AppError> {
        let url = format!("{}/payment_links/{}/create", self.base, urlencode(store_id));
        self.send(self.http.post(url).json(body)).await
    }

    /// Resolve has side effects upstream: it is sent once, never retried.
    pub async fn resolve(
        &self,
        link: LinkId,
        body: &ResolveRequest,
    ) -> Result<ResolveResponse, AppError> {
        let url = format!("{}/payment_links/{link}/resolve", self.base);
        // Amwal checks Origin/Referer against the merchant's storefront.
        let req = self
            .http
            .post(url)
            .header("Origin", &self.origin)
            .json(body);
        self.send(req).await
    }

    pub async fn transaction(&self, tx: &uuid::Uuid) -> Result<Transaction, AppError> {
        let url = format!("{}/transactions/{}", self.base, tx.hyphenated());
        self.send(self.http.get(url)).await
    }

    async fn send<T: DeserializeOwned>(&self, req: reqwest::RequestBuilder) -> Result<T, AppError> {
        let mut req = req
            .header("Authorization", self.key.expose())
            .header("Accept", "application/json");
        if let Some(env) = &self.environment {
            req = req.header("X-Amwal-Key", env);
        }
        // The same id in Amwal's logs (or the sandbox's) as in ours.
        if let Some(id) = crate::log::request_id() {
            req = req.header("X-Request-Id", id);
        }
        // A refused connection never reached Amwal, so one more try is safe
        // even for resolve; anything else is not retried.
        let retry = req.try_clone();
        let sent = match (req.send().await, retry) {
            (Err(e), Some(again)) if e.is_connect() => {
                crate::log!("upstream connection failed ({e}); trying once more");
                again.send().await
            }
            (result, _) => result,
        };
        let resp = sent.map_err(|e| {
            crate::log!("upstream request failed: {e}");
            let status = if e.is_timeout() {
                StatusCode::GATEWAY_TIMEOUT
            } else {
                StatusCode::BAD_GATEWAY
            };
            AppError::upstream_unavailable(status)
        })?;
        let status = resp.status();
        let bytes = resp.bytes().await.map_err(|e| {
            crate::log!("upstream body failed: {e}");
            AppError::bad_upstream()
        })?;
        if status.is_success() {
            return serde_json::from_slice(&bytes).map_err(|e| {
                crate::log!("upstream body is not the expected JSON ({status}): {e}");
                AppError::bad_upstream()
            });
        }
        // Amwal's errors about the link or the request pass through with
        // their status and shape (400 LINK_EXPIRED…). Errors about the
        // merchant's own setup (a bad key) or Amwal's health are not the
        // shopper's business: they become a generic 502.
        let passes = matches!(status.as_u16(), 400 | 404 | 409 | 410 | 422 | 429 | 503);
        match serde_json::from_slice::<ApiError>(&bytes) {
            Ok(body) if passes => Err(AppError {
                status: StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::BAD_GATEWAY),
                body,
            }),
            Ok(body) => {
                crate::log!("upstream answered {status}: {:?}", body.error_code);
                Err(AppError::upstream_error())
            }
            Err(_) => {
                crate::log!("upstream answered {status} without an error body");
                Err(AppError::bad_upstream())
            }
        }
    }
}

/// Percent-encodes a path segment (store ids are merchant configuration).
fn urlencode(segment: &str) -> String {
    url::form_urlencoded::byte_serialize(segment.as_bytes()).collect()
}
