//! The HTTP client for Amwal's API (or the embedded sandbox, which speaks
//! the same shapes). Typed results: what failed, and how, stays known to
//! the caller; Amwal's text reaches only the server log, sanitised.

use super::wire::{
    CreateLinkRequest, CreateLinkResponse, ErrorBody, LinkDetails, LinkDetailsRequest,
    TransactionDetails, WebhookRegistered, WebhookRegistration,
};
use crate::secret::Secret;
use amwal_core::api::{ResolveRequest, ResolveResponse, TxStatus};
use amwal_core::{LinkId, TransactionId};
use serde::de::DeserializeOwned;
use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Duration;

/// How a call to Amwal failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmwalError {
    /// No answer: refused, reset, or (`timeout`) too slow.
    Unreachable { timeout: bool },
    /// An answer that is not the JSON Amwal documents.
    BadBody,
    /// An error status, with Amwal's error body when it sent one.
    Refused {
        status: u16,
        body: Option<ErrorBody>,
    },
}

impl AmwalError {
    /// May the same call succeed later? (Amwal down, slow, or busy.)
    pub fn is_transient(&self) -> bool {
        match self {
            AmwalError::Unreachable { .. } | AmwalError::BadBody => true,
            AmwalError::Refused { status, .. } => *status == 429 || *status >= 500,
        }
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, AmwalError::Refused { status: 404, .. })
    }
}

impl std::fmt::Display for AmwalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AmwalError::Unreachable { timeout: true } => {
                f.write_str("Amwal did not answer in time")
            }
            AmwalError::Unreachable { timeout: false } => f.write_str("Amwal could not be reached"),
            AmwalError::BadBody => f.write_str("Amwal's answer was not the documented JSON"),
            AmwalError::Refused { status, body } => {
                write!(f, "Amwal answered {status}")?;
                if let Some(b) = body {
                    if let Some(code) = &b.error_code {
                        write!(f, " {code}")?;
                    }
                    write!(f, ": {}", b.reason())?;
                }
                Ok(())
            }
        }
    }
}

/// Pages of a link's transactions read at most (a link rarely has more
/// than a few attempts; this bounds what one status check costs). The page
/// size is Amwal's documented default, so a server that caps it still
/// gives full pages.
const MAX_DETAIL_PAGES: u32 = 20;
const DETAIL_PAGE_SIZE: u32 = 10;

#[derive(Clone)]
pub struct Upstream {
    http: reqwest::Client,
    base: url::Url,
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
    ) -> Result<Upstream, String> {
        let http = reqwest::Client::builder()
            // A redirect from the API is never followed: it could point anywhere.
            .redirect(reqwest::redirect::Policy::none())
            // The whole budget stays under the widget's 10 s default, so the
            // shopper sees the proxy's 504, not their own timeout.
            .connect_timeout(timeout.min(Duration::from_secs(3)))
            .timeout(timeout)
            // Idle connections are dropped before a server closes them (this
            // server, and so the sandbox, after 5 s): a request sent on a
            // connection the server is closing fails, and a create cannot be
            // sent twice.
            .pool_idle_timeout(Duration::from_secs(4))
            .build()
            .map_err(|e| e.to_string())?;
        let base = url::Url::parse(base.trim_end_matches('/'))
            .map_err(|e| format!("API base {base:?}: {e}"))?;
        if base.cannot_be_a_base() {
            return Err(format!("API base {base} cannot hold a path"));
        }
        Ok(Upstream {
            http,
            base,
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

    /// The storefront origin sent on resolve (Amwal checks it).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// `{base}/{segments…}`, each segment percent-escaped.
    fn url(&self, segments: &[&str]) -> url::Url {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }

    pub async fn create_link(
        &self,
        store_id: &str,
        body: &CreateLinkRequest,
    ) -> Result<CreateLinkResponse, AmwalError> {
        let url = self.url(&["payment_links", store_id, "create"]);
        self.send(self.http.post(url).json(body)).await
    }

    /// Resolve has side effects upstream: it is sent once, never retried.
    pub async fn resolve(
        &self,
        link: LinkId,
        body: &ResolveRequest,
    ) -> Result<ResolveResponse, AmwalError> {
        let url = self.url(&["payment_links", &link.to_string(), "resolve"]);
        // Amwal checks Origin/Referer against the merchant's storefront.
        let req = self
            .http
            .post(url)
            .header("Origin", &self.origin)
            .header("Referer", format!("{}/", self.origin))
            .json(body);
        self.send(req).await
    }

    /// Amwal's record of one transaction: the documented
    /// `GET /payment_links/transaction/{id}/details`, else (when that path
    /// is not found) `GET /transactions/{id}`, which Amwal's own SDK calls.
    pub async fn transaction(&self, tx: &TransactionId) -> Result<TransactionDetails, AmwalError> {
        let documented = self.url(&["payment_links", "transaction", tx.as_str(), "details"]);
        let found = match self.send(self.http.get(documented)).await {
            Err(e) if e.is_not_found() => {
                let legacy = self.url(&["transactions", tx.as_str()]);
                self.send(self.http.get(legacy)).await
            }
            other => other,
        };
        let details: TransactionDetails = found?;
        note_unknown_status(&details.status);
        Ok(details)
    }

    /// Amwal's record of a link and its transactions, every page (bounded).
    pub async fn link_details(&self, link: LinkId) -> Result<LinkDetails, AmwalError> {
        let url = self.url(&["payment_links", &link.to_string(), "details"]);
        let mut all: Option<LinkDetails> = None;
        for page in 1..=MAX_DETAIL_PAGES {
            let body = LinkDetailsRequest {
                page,
                page_size: DETAIL_PAGE_SIZE,
            };
            let got: Result<LinkDetails, AmwalError> =
                self.send(self.http.post(url.clone()).json(&body)).await;
            let mut got = match got {
                // A page past the end may be "not found" in Amwal's framework.
                Err(e) if page > 1 && e.is_not_found() => break,
                other => other?,
            };
            let full = got.transactions.len() >= DETAIL_PAGE_SIZE as usize;
            if full && page == MAX_DETAIL_PAGES {
                crate::log!(
                    "link {link}: more than {} transactions; only the first are read",
                    MAX_DETAIL_PAGES * DETAIL_PAGE_SIZE
                );
            }
            for t in &got.transactions {
                note_unknown_status(&t.status);
            }
            match all.as_mut() {
                None => all = Some(got),
                Some(a) => a.transactions.append(&mut got.transactions),
            }
            if !full {
                break;
            }
        }
        all.ok_or(AmwalError::BadBody)
    }

    /// `POST /api/create-webhook-and-apikey/`: registers `url` for the
    /// `order.*` events and returns the signing key (shown once).
    pub async fn register_webhook(
        &self,
        body: &WebhookRegistration,
    ) -> Result<WebhookRegistered, AmwalError> {
        let mut url = self.url(&["api", "create-webhook-and-apikey"]);
        // Amwal's path ends in a slash.
        url.set_path(&format!("{}/", url.path()));
        // Amwal's Magento module also sends the key as X-API-Key here.
        let req = self
            .http
            .post(url)
            .header("X-API-Key", self.key.expose())
            .json(body);
        self.send(req).await
    }

    async fn send<T: DeserializeOwned>(
        &self,
        req: reqwest::RequestBuilder,
    ) -> Result<T, AmwalError> {
        let mut req = req
            .header("Authorization", self.key.expose())
            .header("Accept", "application/json");
        if let Some(env) = &self.environment {
            req = req.header("X-Amwal-Key", env);
        }
        // The same id in Amwal's logs (or the sandbox's) as in ours.
        if let Some(id) = crate::telemetry::log::request_id() {
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
            AmwalError::Unreachable {
                timeout: e.is_timeout(),
            }
        })?;
        let status = resp.status();
        let bytes = resp.bytes().await.map_err(|e| {
            crate::log!("upstream body failed: {e}");
            AmwalError::BadBody
        })?;
        if status.is_success() {
            return serde_json::from_slice(&bytes).map_err(|e| {
                crate::log!("upstream body is not the expected JSON ({status}): {e}");
                AmwalError::BadBody
            });
        }
        let err = AmwalError::Refused {
            status: status.as_u16(),
            body: ErrorBody::parse(&bytes),
        };
        crate::log!("upstream: {err}");
        Err(err)
    }
}

/// Logs a status word this version does not know, once per word (and at
/// most a hundred words, so a hostile upstream cannot grow the set).
fn note_unknown_status(word: &str) {
    static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);
    if TxStatus::from_word(word) != TxStatus::Unknown {
        return;
    }
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    let seen = seen.get_or_insert_with(HashSet::new);
    if seen.len() < 100 && seen.insert(word.to_owned()) {
        let shown: String = word.chars().filter(|c| !c.is_control()).take(40).collect();
        crate::log!("Amwal sent an unknown transaction status {shown:?}: treated as not finished");
    }
}
