//! One request helper: JSON in and out, HTTP status checked here, a timeout,
//! and cancellation through the caller's `AbortController`.

use amwal_core::api::ApiError;
use amwal_core::flow::ErrorKind;
use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// Never reached the server, aborted, or timed out.
    Network,
    /// The server answered with an error status (and maybe an error body).
    Http { status: u16, body: Option<ApiError> },
    /// A success status with a body that is not what we expect.
    Decode,
}

impl FetchError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            FetchError::Network => ErrorKind::Network,
            FetchError::Http { status, body } => ErrorKind::from_response(*status, body.as_ref()),
            FetchError::Decode => ErrorKind::Proxy,
        }
    }
}

pub async fn post_json<B: Serialize, T: DeserializeOwned>(
    url: &str,
    body: &B,
    ctl: &AbortController,
    timeout_ms: u32,
) -> Result<T, FetchError> {
    // The browser's JSON.stringify keeps serde_json out of the wasm.
    let value = serde_wasm_bindgen::to_value(body).map_err(|_| FetchError::Decode)?;
    let text: String = js_sys::JSON::stringify(&value)
        .map_err(|_| FetchError::Decode)?
        .into();
    let signal = ctl.signal();
    let req = Request::post(url)
        .header("Content-Type", "application/json")
        .abort_signal(Some(&signal))
        .body(text)
        .map_err(|_| FetchError::Network)?;
    send(req, ctl, timeout_ms).await
}

pub async fn get_json<T: DeserializeOwned>(
    url: &str,
    ctl: &AbortController,
    timeout_ms: u32,
) -> Result<T, FetchError> {
    let signal = ctl.signal();
    let req = Request::get(url)
        .abort_signal(Some(&signal))
        .build()
        .map_err(|_| FetchError::Network)?;
    send(req, ctl, timeout_ms).await
}

async fn send<T: DeserializeOwned>(
    req: Request,
    ctl: &AbortController,
    timeout_ms: u32,
) -> Result<T, FetchError> {
    let abort = ctl.clone();
    // Dropped when this function returns, which cancels the timer.
    let _deadline = Timeout::new(timeout_ms, move || abort.abort());
    let resp: web_sys::Response = req.send().await.map_err(|_| FetchError::Network)?.into();
    // The browser parses the JSON (no serde_json in the wasm).
    let json = match resp.json() {
        Ok(promise) => JsFuture::from(promise).await.ok(),
        Err(_) => None,
    };
    if !resp.ok() {
        let body = json.and_then(|v| serde_wasm_bindgen::from_value::<ApiError>(v).ok());
        return Err(FetchError::Http {
            status: resp.status(),
            body,
        });
    }
    let json: JsValue = json.ok_or(FetchError::Decode)?;
    serde_wasm_bindgen::from_value(json).map_err(|_| FetchError::Decode)
}
