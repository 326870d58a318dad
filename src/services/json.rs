//! The proxy's JSON, as the browser parsed it (`Response.json()`), read into
//! `amwal_core::api` types field by field, and the resolve request built the
//! same way for `JSON.stringify`.
//!
//! Not serde: serde's generated visitors and serde-wasm-bindgen cost the wasm
//! about 8 KB brotli. The rules are serde's, as `amwal_core::api` declares
//! them (a browser test checks this file against `serde_json` on the same
//! bodies): a required field missing or of the wrong type is an error, an
//! optional one may be absent or `null`, unknown fields are ignored. Two
//! differences, both stricter or equal to what went before: an array is
//! never read as a struct (serde would read it positionally), and of a key
//! written twice `JSON.parse` keeps the last (serde_json refuses the body).
//! Contact fields (`client_*`) are never read: the widget shows none.

use amwal_core::api::{
    ApiError, LinkInfo, PaymentInterface, ResolveRequest, ResolveResponse, StatusResponse,
    Transaction,
};
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

/// A body that does not have the shape the contract gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadShape;

type Read<T> = Result<T, BadShape>;

fn field(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

fn text(object: &JsValue, key: &str) -> Read<String> {
    field(object, key).as_string().ok_or(BadShape)
}

fn optional_text(object: &JsValue, key: &str) -> Read<Option<String>> {
    let v = field(object, key);
    if absent(&v) {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or(BadShape)
}

/// An object: not an array, not `null`.
fn object(v: JsValue) -> Read<JsValue> {
    if v.is_object() && !js_sys::Array::is_array(&v) {
        Ok(v)
    } else {
        Err(BadShape)
    }
}

fn transaction(v: JsValue) -> Read<Transaction> {
    let t = object(v)?;
    Ok(Transaction {
        id: text(&t, "id")?,
        amount: text(&t, "amount")?,
        status: text(&t, "status")?,
        payment_method: optional_text(&t, "payment_method")?,
        created_at: optional_text(&t, "created_at")?,
        client_email: None,
        client_first_name: None,
        client_last_name: None,
        client_phone_number: None,
    })
}

fn link(v: JsValue) -> Read<Option<LinkInfo>> {
    if absent(&v) {
        return Ok(None);
    }
    let l = object(v)?;
    Ok(Some(LinkInfo {
        title: text(&l, "title")?,
        description: optional_text(&l, "description")?,
        currency: text(&l, "currency")?,
    }))
}

pub fn resolve_response(v: JsValue) -> Read<ResolveResponse> {
    let r = object(v)?;
    Ok(ResolveResponse {
        transaction: transaction(field(&r, "transaction"))?,
        payment_interface: PaymentInterface::from(text(&r, "payment_interface")?),
        link: link(field(&r, "link"))?,
    })
}

pub fn status_response(v: JsValue) -> Read<StatusResponse> {
    let r = object(v)?;
    Ok(StatusResponse {
        transaction: transaction(field(&r, "transaction"))?,
        link: link(field(&r, "link"))?,
    })
}

pub fn api_error(v: JsValue) -> Read<ApiError> {
    let e = object(v)?;
    Ok(ApiError {
        error: text(&e, "error")?,
        error_code: optional_text(&e, "error_code")?,
        message: optional_text(&e, "message")?,
    })
}

/// The resolve request as a plain object, its `None` fields left out.
pub fn resolve_request(req: &ResolveRequest) -> JsValue {
    fn set(o: &Object, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            // Setting a property on a fresh plain object cannot fail.
            let _ = Reflect::set(o, &JsValue::from_str(key), &JsValue::from_str(v));
        }
    }
    let o = Object::new();
    set(&o, "device_type", req.device_type.map(|d| d.as_str()));
    set(&o, "user_agent", req.user_agent.as_deref());
    set(&o, "referrer", req.referrer.as_deref());
    if let Some(cc) = &req.customer_context {
        let c = Object::new();
        set(&c, "return_url", cc.return_url.as_deref());
        set(&c, "language_preference", cc.language_preference.as_deref());
        let _ = Reflect::set(&o, &JsValue::from_str("customer_context"), &c);
    }
    o.into()
}
