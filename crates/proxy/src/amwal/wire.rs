//! Amwal's wire types, field for field as Amwal documents them: create,
//! transaction details, link details, the link callback, the `order.*`
//! webhook, webhook registration and the error bodies. Resolve's request
//! and answer live in `amwal_core::api` (the widget reads them too).
//!
//! Decoding is lenient where Amwal's examples vary (numbers or strings,
//! missing fields) and strict only where the proxy relies on a field.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// Body of `POST /payment_links/{store_id}/create`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
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
    #[serde(default = "arabic")]
    pub language: String,
    #[serde(default = "yes")]
    pub send_sms: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// The merchant's order reference (at most 50 characters); it comes
    /// back in webhooks as `data.ref_id` / `data.merchant_order_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
}

fn yes() -> bool {
    true
}

fn arabic() -> String {
    "ar".to_owned()
}

/// Amwal's limits on create, checked before calling it.
pub mod limits {
    /// `order_id`, `client_first_name`, `client_last_name`.
    pub const SHORT_TEXT: usize = 50;
    pub const TITLE: usize = 200;
    pub const DESCRIPTION: usize = 500;
}

/// Create's answer: only `payment_link_id` is sure to be there.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CreateLinkResponse {
    pub payment_link_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
}

/// `GET /payment_links/transaction/{id}/details` (and `GET /transactions/{id}`):
/// one flat transaction. Real answers carry many more fields (fees, card
/// brand, addresses); they are ignored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TransactionDetails {
    #[serde(deserialize_with = "text")]
    pub id: String,
    /// The link's amount, five decimals ("299.99000").
    #[serde(deserialize_with = "text")]
    pub amount: String,
    /// What was charged after Amwal's discounts or fees: recorded, not compared.
    #[serde(default, deserialize_with = "opt_text")]
    pub total_amount: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub refunded_amount: Option<String>,
    #[serde(deserialize_with = "text")]
    pub status: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub payment_method: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub payment_option: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub ref_id: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub client_email: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub client_first_name: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub client_last_name: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub client_phone_number: Option<String>,
}

impl TransactionDetails {
    /// The transaction as the widget reads it.
    pub fn for_widget(&self) -> amwal_core::api::Transaction {
        amwal_core::api::Transaction {
            id: self.id.clone(),
            amount: self.amount.clone(),
            status: self.status.clone(),
            payment_method: self.payment_method.clone(),
            created_at: self.created_at.clone(),
            client_email: self.client_email.clone(),
            client_first_name: self.client_first_name.clone(),
            client_last_name: self.client_last_name.clone(),
            client_phone_number: self.client_phone_number.clone(),
        }
    }
}

/// Body of `POST /payment_links/{id}/details` (both fields optional).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct LinkDetailsRequest {
    #[serde(default = "first_page")]
    pub page: u32,
    #[serde(default = "ten")]
    pub page_size: u32,
}

impl Default for LinkDetailsRequest {
    fn default() -> Self {
        LinkDetailsRequest {
            page: first_page(),
            page_size: ten(),
        }
    }
}

fn first_page() -> u32 {
    1
}

fn ten() -> u32 {
    10
}

/// `POST /payment_links/{id}/details`: the link and a page of its
/// transactions. The one call that ties a transaction to its link.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LinkDetails {
    pub payment_link: PaymentLink,
    #[serde(default)]
    pub transactions: Vec<TransactionDetails>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PaymentLink {
    #[serde(deserialize_with = "text")]
    pub id: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub amount: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub description: Option<String>,
    /// `Paid`, `Unpaid` or `Expired`.
    #[serde(default, deserialize_with = "opt_text")]
    pub status: Option<String>,
    #[serde(default)]
    pub is_expired: Option<bool>,
    #[serde(default)]
    pub single_use: Option<bool>,
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default, deserialize_with = "opt_text")]
    pub expiry_date: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub created_at: Option<String>,
}

/// The flat object Amwal POSTs to a link's `callback_url`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LinkCallback {
    #[serde(default, deserialize_with = "opt_text")]
    pub amount: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub client_first_name: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub client_last_name: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub payment_link_id: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub payment_option: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub transaction_id: Option<String>,
}

/// The fields a link callback's signature covers, in the signed order.
pub const LINK_CALLBACK_SIGNED_FIELDS: [&str; 7] = [
    "amount",
    "client_first_name",
    "client_last_name",
    "payment_link_id",
    "payment_option",
    "status",
    "transaction_id",
];

/// An `order.*` (or `installment.tracker.*`) webhook. `id` and `timestamp`
/// are missing from some documented examples; `id` is the order's id,
/// shared by all its events, never an event id.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Webhook {
    pub event_type: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub id: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub timestamp: Option<String>,
    #[serde(default)]
    pub data: WebhookData,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct WebhookData {
    /// The transaction (or order) id.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub id: Option<String>,
    /// The `order_id` sent at create.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub ref_id: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub merchant_order_id: Option<String>,
    /// A string or a number in Amwal's examples: a hint only, never compared.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub amount: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub currency: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<WebhookPayment>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct WebhookPayment {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub transaction_id: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub method: Option<String>,
}

/// Body of `POST /api/create-webhook-and-apikey/`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WebhookRegistration {
    pub url: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub event_type_names: Vec<String>,
    #[serde(default)]
    pub api_key_name: String,
    #[serde(default)]
    pub api_key_scopes: Vec<String>,
}

/// The events a merchant's proxy listens to.
pub const WEBHOOK_EVENTS: [&str; 4] = [
    "order.created",
    "order.success",
    "order.failed",
    "order.updated",
];

/// Its answer: the private key is shown once.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WebhookRegistered {
    pub webhook: RegisteredWebhook,
    pub api_key: IssuedApiKey,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RegisteredWebhook {
    #[serde(deserialize_with = "text")]
    pub id: String,
    pub url: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IssuedApiKey {
    #[serde(deserialize_with = "text")]
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub fingerprint: String,
    pub private_key: String,
    #[serde(default)]
    pub message: String,
}

/// A string, or a number or boolean written as its JSON text (Amwal's
/// examples write amounts both ways).
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => Ok(s),
        v @ (Value::Number(_) | Value::Bool(_)) => Ok(v.to_string()),
        _ => Err(serde::de::Error::custom("expected a string or a number")),
    }
}

fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        v @ (Value::Number(_) | Value::Bool(_)) => Ok(Some(v.to_string())),
        // An object where text was expected is not something to act on.
        _ => Ok(None),
    }
}

/// Amwal's error bodies, every documented form: `{"error"}`, `{"error",
/// "error_code", "message"}`, `{"detail"}` and field maps
/// (`{"amount": ["…"]}`). Read in the order Amwal's own demo reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorBody {
    pub error_code: Option<String>,
    /// The text Amwal gave, unsanitised: log it only through [`ErrorBody::reason`].
    pub text: String,
}

impl ErrorBody {
    pub fn parse(bytes: &[u8]) -> Option<ErrorBody> {
        let Value::Object(map) = serde_json::from_slice::<Value>(bytes).ok()? else {
            return None;
        };
        let field = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_owned);
        let error_code = field("error_code");
        if let Some(text) = field("detail")
            .or_else(|| field("error"))
            .or_else(|| field("message"))
        {
            return Some(ErrorBody { error_code, text });
        }
        // A validation map: "field: first message" for each field.
        let fields: Vec<String> = map
            .iter()
            .filter_map(|(k, v)| {
                let first = match v {
                    Value::Array(items) => items.first().and_then(Value::as_str),
                    Value::String(s) => Some(s.as_str()),
                    _ => None,
                }?;
                Some(format!("{k}: {first}"))
            })
            .collect();
        (!fields.is_empty()).then(|| ErrorBody {
            error_code,
            text: fields.join("; "),
        })
    }

    /// A short reason for the server log: no control characters, nothing
    /// that looks like contact data (an `@`, a long run of digits), at most
    /// 160 characters.
    pub fn reason(&self) -> String {
        let words: Vec<String> = self
            .text
            .split_whitespace()
            .map(|w| {
                let digits = w.bytes().filter(u8::is_ascii_digit).count();
                if w.contains('@') || digits >= 6 {
                    "[redacted]".to_owned()
                } else {
                    w.chars().filter(|c| !c.is_control()).collect()
                }
            })
            .collect();
        let line = words.join(" ");
        match line.char_indices().nth(160) {
            Some((cut, _)) => format!("{}…", &line[..cut]),
            None => line,
        }
    }

    /// Resolve refused the storefront's origin: Amwal checks `Origin` /
    /// `Referer` against the merchant's allowed domains.
    pub fn is_unauthorized_origin(&self) -> bool {
        self.text
            .to_ascii_lowercase()
            .contains("unauthorized origin")
    }
}
