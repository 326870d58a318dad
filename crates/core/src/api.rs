//! Amwal's resolve contract, field for field (`shared/amwal-api/`), plus the
//! `link` object and status response that the reference proxy adds.
//!
//! Amounts stay strings here; `Money::parse` turns them into minor units.

use serde::{Deserialize, Serialize};

/// `device_type` of the resolve request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeviceType {
    Desktop,
    Mobile,
    Tablet,
}

impl DeviceType {
    /// As the API writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceType::Desktop => "desktop",
            DeviceType::Mobile => "mobile",
            DeviceType::Tablet => "tablet",
        }
    }
}

/// Body of `POST /payment_links/{id}/resolve` (every field optional upstream).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ResolveRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_type: Option<DeviceType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referrer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_context: Option<CustomerContext>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomerContext {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language_preference: Option<String>,
}

/// `payment_interface`: how the shopper should pay this link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", from = "String")]
pub enum PaymentInterface {
    Web,
    QrDisplay,
    TerminalNative,
}

/// A value Amwal adds later is paid on its hosted page, like `web`: the
/// shopper can still pay, where failing to decode would stop them.
impl From<String> for PaymentInterface {
    fn from(s: String) -> PaymentInterface {
        match s.as_str() {
            "qr_display" => PaymentInterface::QrDisplay,
            "terminal_native" => PaymentInterface::TerminalNative,
            _ => PaymentInterface::Web,
        }
    }
}

/// A transaction's status, read from Amwal's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TxStatus {
    /// Not finished: `initiated`, `redirected`, `pending`.
    Pending,
    /// `success` (Amwal's word) or `completed` (the resolve document's).
    Paid,
    /// `fail` (Amwal's word) or `failed`.
    Failed,
    /// `refunded`: the money went back.
    Refunded,
    /// `partially refunded`: part of it went back.
    PartiallyRefunded,
    /// A word this version does not know: not finished, never paid.
    Unknown,
}

impl TxStatus {
    /// The one mapping from Amwal's status words, case-insensitive and
    /// trimmed. Amwal documents `success`/`fail`/`initiated`/`redirected`/
    /// `refunded`/`partially refunded`; its resolve document and some
    /// webhook examples write `pending`/`completed`/`failed`.
    pub fn from_word(word: &str) -> TxStatus {
        let w = word.trim();
        let is = |s: &str| w.eq_ignore_ascii_case(s);
        if is("success") || is("completed") {
            TxStatus::Paid
        } else if is("fail") || is("failed") {
            TxStatus::Failed
        } else if is("initiated") || is("redirected") || is("pending") {
            TxStatus::Pending
        } else if is("refunded") {
            TxStatus::Refunded
        } else if is("partially refunded") {
            TxStatus::PartiallyRefunded
        } else {
            TxStatus::Unknown
        }
    }

    /// Whether the shopper's money reached the merchant at some point.
    pub fn was_paid(self) -> bool {
        matches!(
            self,
            TxStatus::Paid | TxStatus::Refunded | TxStatus::PartiallyRefunded
        )
    }
}

/// `transaction` of the resolve response (and of `GET transactions/{id}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Transaction {
    pub id: String,
    /// Five-decimal string, e.g. "299.99000".
    pub amount: String,
    /// Kept as text so a proxy passes unknown statuses through unchanged.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_phone_number: Option<String>,
}

impl Transaction {
    pub fn status(&self) -> TxStatus {
        TxStatus::from_word(&self.status)
    }
}

/// What the proxy knows of the link from its own record (not from upstream).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkInfo {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// ISO 4217 code; upstream amounts carry none.
    pub currency: String,
}

/// Success body of resolve; `link` is added by the merchant's proxy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResolveResponse {
    pub transaction: Transaction,
    pub payment_interface: PaymentInterface,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<LinkInfo>,
}

/// Success body of the proxy's `GET /transactions/{id}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusResponse {
    pub transaction: Transaction,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<LinkInfo>,
}

/// Both upstream error shapes: `{"error"}` and `{"error","error_code","message"}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApiError {
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl ApiError {
    pub fn new(error: &str, code: &str) -> ApiError {
        ApiError {
            error: error.to_owned(),
            error_code: Some(code.to_owned()),
            message: None,
        }
    }
}

/// Error codes this project's proxy and sandbox use beyond Amwal's.
pub mod codes {
    pub const LINK_EXPIRED: &str = "LINK_EXPIRED";
    pub const LINK_NOT_FOUND: &str = "LINK_NOT_FOUND";
    pub const INVALID_LINK_ID: &str = "INVALID_LINK_ID";
    pub const RETURN_URL_NOT_ALLOWED: &str = "RETURN_URL_NOT_ALLOWED";
    pub const UPSTREAM_BAD_RESPONSE: &str = "UPSTREAM_BAD_RESPONSE";
    pub const UPSTREAM_UNAVAILABLE: &str = "UPSTREAM_UNAVAILABLE";
    pub const UPSTREAM_ERROR: &str = "UPSTREAM_ERROR";
    pub const AMOUNT_MISMATCH: &str = "AMOUNT_MISMATCH";
    pub const INVALID_REQUEST: &str = "INVALID_REQUEST";
    pub const NOT_FOUND: &str = "NOT_FOUND";
    pub const ORIGIN_NOT_ALLOWED: &str = "ORIGIN_NOT_ALLOWED";
    pub const RATE_LIMITED: &str = "RATE_LIMITED";
    pub const UNAUTHORIZED: &str = "UNAUTHORIZED";
    pub const INTERNAL: &str = "INTERNAL";
    pub const INVALID_SIGNATURE: &str = "INVALID_SIGNATURE";
    /// Amwal refused the storefront's origin on resolve ("Unauthorized Origin").
    pub const STOREFRONT_ORIGIN_REFUSED: &str = "STOREFRONT_ORIGIN_REFUSED";
    /// The proxy's database did not answer.
    pub const STORE_UNAVAILABLE: &str = "STORE_UNAVAILABLE";
    /// The merchant's order already holds a paid link.
    pub const ORDER_ALREADY_PAID: &str = "ORDER_ALREADY_PAID";
    /// A create with this Idempotency-Key is being made now.
    pub const IDEMPOTENCY_IN_PROGRESS: &str = "IDEMPOTENCY_IN_PROGRESS";
    /// A create with this Idempotency-Key got no answer from Amwal.
    pub const CREATE_OUTCOME_UNKNOWN: &str = "CREATE_OUTCOME_UNKNOWN";
    /// The request's body did not arrive in time, or its answer took too long.
    pub const REQUEST_TIMEOUT: &str = "REQUEST_TIMEOUT";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_type_as_str_is_its_json() {
        for d in [DeviceType::Desktop, DeviceType::Mobile, DeviceType::Tablet] {
            let json = serde_json::to_value(d).expect("serializable");
            assert_eq!(json.as_str(), Some(d.as_str()));
        }
    }

    const DOC_RESPONSE: &str = r#"{
      "transaction": {
        "id": "c037cf31-0402-4706-a3be-973f8bc2e64c",
        "amount": "299.99000",
        "status": "pending",
        "payment_method": "CREDIT_CARD",
        "created_at": "2025-01-28T12:42:43.538320+03:00",
        "client_email": "ahmed@example.com",
        "client_first_name": "Ahmed",
        "client_phone_number": "+966501234567"
      },
      "payment_interface": "web"
    }"#;

    #[test]
    fn an_unknown_payment_interface_is_paid_on_the_hosted_page() {
        let body = DOC_RESPONSE.replace("\"web\"", "\"wallet_sheet\"");
        let r: ResolveResponse = serde_json::from_str(&body).expect("still decodes");
        assert_eq!(r.payment_interface, PaymentInterface::Web);
        let qr = DOC_RESPONSE.replace("\"web\"", "\"qr_display\"");
        let r: ResolveResponse = serde_json::from_str(&qr).expect("decodes");
        assert_eq!(r.payment_interface, PaymentInterface::QrDisplay);
    }

    #[test]
    fn decodes_the_documented_resolve_response() {
        let r: ResolveResponse = serde_json::from_str(DOC_RESPONSE).expect("documented shape");
        assert_eq!(r.transaction.amount, "299.99000");
        assert_eq!(r.transaction.status(), TxStatus::Pending);
        assert_eq!(r.payment_interface, PaymentInterface::Web);
        assert_eq!(r.transaction.payment_method.as_deref(), Some("CREDIT_CARD"));
        assert!(r.link.is_none());
    }

    #[test]
    fn encodes_the_documented_resolve_request() {
        let req = ResolveRequest {
            device_type: Some(DeviceType::Desktop),
            user_agent: Some("Mozilla/5.0".into()),
            referrer: Some("email_link".into()),
            customer_context: Some(CustomerContext {
                return_url: Some("https://mystore.com/order-complete".into()),
                language_preference: Some("en".into()),
            }),
        };
        let json = serde_json::to_value(&req).expect("serializable");
        assert_eq!(
            json,
            serde_json::json!({
                "device_type": "desktop",
                "user_agent": "Mozilla/5.0",
                "referrer": "email_link",
                "customer_context": {
                    "return_url": "https://mystore.com/order-complete",
                    "language_preference": "en"
                }
            })
        );
    }

    #[test]
    fn decodes_both_error_shapes() {
        let short: ApiError = serde_json::from_str(r#"{"error":"bad"}"#).expect("short shape");
        assert_eq!(short.error_code, None);
        let long: ApiError = serde_json::from_str(
            r#"{"error":"Payment link expired","error_code":"LINK_EXPIRED","message":"ask again"}"#,
        )
        .expect("long shape");
        assert_eq!(long.error_code.as_deref(), Some(codes::LINK_EXPIRED));
    }

    #[test]
    fn amwals_status_words_and_the_resolve_documents_map_to_one_status() {
        let cases = [
            ("success", TxStatus::Paid),
            ("completed", TxStatus::Paid),
            (" Success ", TxStatus::Paid),
            ("COMPLETED", TxStatus::Paid),
            ("fail", TxStatus::Failed),
            ("failed", TxStatus::Failed),
            ("FAIL\n", TxStatus::Failed),
            ("initiated", TxStatus::Pending),
            ("redirected", TxStatus::Pending),
            ("pending", TxStatus::Pending),
            ("refunded", TxStatus::Refunded),
            ("Partially Refunded", TxStatus::PartiallyRefunded),
            ("partially_refunded", TxStatus::Unknown),
            ("paid", TxStatus::Unknown),
            ("succeeded", TxStatus::Unknown),
            ("", TxStatus::Unknown),
        ];
        for (word, want) in cases {
            assert_eq!(TxStatus::from_word(word), want, "{word:?}");
        }
    }

    #[test]
    fn unknown_statuses_are_never_read_as_paid() {
        for word in ["paid", "successful", "complete", "success!", "approved"] {
            assert!(!TxStatus::from_word(word).was_paid(), "{word}");
        }
    }
}
