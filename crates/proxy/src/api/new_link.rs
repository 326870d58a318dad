//! A new link as the merchant's backend describes it, and the rules it
//! must pass before it goes to Amwal (Amwal's limits, exact amounts, safe
//! texts and URLs), turned into Amwal's create request.

use crate::amwal::wire::{limits, CreateLinkRequest};
use crate::error::AppError;
use amwal_core::api::codes;
use amwal_core::loopback::is_secure_or_loopback;
use amwal_core::{Currency, Money};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What the merchant's backend sends: Amwal's create fields plus the
/// order it is for and the currency (Amwal's amounts carry none).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct NewLink {
    pub order_id: String,
    /// A decimal string, e.g. "299.99": exact, never a float.
    pub amount: String,
    #[serde(default)]
    pub currency: Option<String>,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(rename = "singleUse", default = "yes")]
    pub single_use: bool,
    #[serde(rename = "selectedDate", default)]
    pub selected_date: Option<String>,
    #[serde(default)]
    pub client_phone_number: Option<String>,
    #[serde(default)]
    pub client_email: Option<String>,
    #[serde(default)]
    pub client_first_name: Option<String>,
    #[serde(default)]
    pub client_last_name: Option<String>,
    #[serde(default)]
    pub address_required: bool,
    #[serde(default = "arabic")]
    pub language: String,
    /// Amwal's default is true (links sent to customers); links paid on
    /// the store's own site, as through this API, default to false.
    #[serde(default)]
    pub send_sms: bool,
    #[serde(default)]
    pub callback_url: Option<String>,
    /// Where the shopper may come back to after paying: a return URL must
    /// start with this (origin and path). Unset: any allowed origin.
    #[serde(default)]
    pub return_url_prefix: Option<String>,
    #[serde(default)]
    pub metadata: Option<serde_json::Value>,
}

fn yes() -> bool {
    true
}

fn arabic() -> String {
    "ar".into()
}

pub(super) fn invalid(what: &str) -> AppError {
    AppError::new(StatusCode::BAD_REQUEST, codes::INVALID_REQUEST, what)
}

/// `+` and 8 to 15 digits, the first not 0 (E.164).
fn is_e164(phone: &str) -> bool {
    let digits = phone.strip_prefix('+').unwrap_or("");
    (8..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// One `@`, something before it, a dotted domain after it, no spaces.
fn is_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
                && email.len() <= 254
        }
        None => false,
    }
}

/// Checks a new link and builds Amwal's create request and our record.
pub fn validate(
    new: &NewLink,
    default_currency: Currency,
    now: OffsetDateTime,
) -> Result<(CreateLinkRequest, Money), AppError> {
    let order = new.order_id.trim();
    if order.is_empty() || order.chars().count() > limits::SHORT_TEXT {
        return Err(invalid("order_id must be 1 to 50 characters"));
    }
    let currency = match &new.currency {
        None => default_currency,
        Some(c) => Currency::from_code(c)
            .map_err(|_| invalid("currency is not a supported ISO 4217 code"))?,
    };
    let money =
        Money::parse(&new.amount, currency).map_err(|e| invalid(&format!("amount: {e}")))?;
    // Amwal's minimum is 0.01 of the currency's main unit.
    let hundredths = u128::from(money.minor) * 100;
    if hundredths < 10u128.pow(u32::from(currency.exponent())) {
        return Err(invalid("amount must be at least 0.01"));
    }
    for (name, value) in [
        ("client_first_name", &new.client_first_name),
        ("client_last_name", &new.client_last_name),
    ] {
        if value
            .as_ref()
            .is_some_and(|v| v.chars().count() > limits::SHORT_TEXT)
        {
            return Err(invalid(&format!("{name} must be at most 50 characters")));
        }
    }
    // Control characters (C0, DEL, C1) would reach Amwal's page, SMS and
    // logs; format characters such as ZWNJ or RLM, which Arabic uses, are
    // not controls and stay.
    let texts = [
        ("order_id", Some(new.order_id.as_str())),
        ("title", Some(new.title.as_str())),
        ("description", new.description.as_deref()),
        ("client_first_name", new.client_first_name.as_deref()),
        ("client_last_name", new.client_last_name.as_deref()),
    ];
    for (name, text) in texts {
        if text.is_some_and(|t| t.chars().any(char::is_control)) {
            return Err(invalid(&format!("{name} must not hold control characters")));
        }
    }
    let title = new.title.trim();
    if title.is_empty() || title.chars().count() > limits::TITLE {
        return Err(invalid("title must be 1 to 200 characters"));
    }
    if new
        .description
        .as_ref()
        .is_some_and(|d| d.chars().count() > limits::DESCRIPTION)
    {
        return Err(invalid("description must be at most 500 characters"));
    }
    if new
        .client_phone_number
        .as_deref()
        .is_some_and(|p| !is_e164(p))
    {
        return Err(invalid(
            "client_phone_number must be in E.164 form, e.g. +966501234567",
        ));
    }
    if new.client_email.as_deref().is_some_and(|e| !is_email(e)) {
        return Err(invalid("client_email is not an e-mail address"));
    }
    if !matches!(new.language.as_str(), "ar" | "en") {
        return Err(invalid("language must be \"ar\" or \"en\""));
    }
    if let Some(d) = &new.selected_date {
        let when = OffsetDateTime::parse(d, &time::format_description::well_known::Rfc3339)
            .map_err(|_| invalid("selectedDate must be an ISO 8601 date-time"))?;
        if when <= now {
            return Err(invalid("selectedDate must be in the future"));
        }
    }
    if let Some(cb) = &new.callback_url {
        let url = url::Url::parse(cb).map_err(|_| invalid("callback_url is not a URL"))?;
        if !is_secure_or_loopback(url.scheme(), url.host_str()) {
            return Err(invalid("callback_url must be https"));
        }
    }
    if let Some(prefix) = &new.return_url_prefix {
        crate::guards::return_url::parse_prefix(prefix).map_err(|_| {
            invalid("return_url_prefix must be an https URL (origin and path) without query or fragment")
        })?;
    }
    // The JSON number's text is exactly the decimal given (no float).
    let amount: serde_json::Number = money
        .to_decimal_string()
        .parse()
        .map_err(|_| invalid("amount"))?;
    let req = CreateLinkRequest {
        amount,
        title: title.to_owned(),
        description: new.description.clone(),
        single_use: new.single_use,
        selected_date: new.selected_date.clone(),
        client_phone_number: new.client_phone_number.clone(),
        client_email: new.client_email.clone(),
        client_first_name: new.client_first_name.clone(),
        client_last_name: new.client_last_name.clone(),
        address_required: new.address_required,
        language: new.language.clone(),
        send_sms: new.send_sms,
        callback_url: new.callback_url.clone(),
        order_id: Some(order.to_owned()),
        metadata: new.metadata.clone(),
    };
    Ok((req, money))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_link() -> NewLink {
        serde_json::from_value(serde_json::json!({
            "order_id": "A-1", "amount": "299.99", "title": "Headphones"
        }))
        .expect("minimal link")
    }

    fn now() -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_800_000_000).expect("time")
    }

    #[test]
    fn defaults_follow_amwals_document() {
        let (req, money) = validate(&new_link(), Currency::SAR, now()).expect("valid");
        assert!(req.single_use && !req.address_required);
        assert!(
            !req.send_sms,
            "paid on the store's site: no SMS unless asked"
        );
        assert_eq!(
            req.order_id.as_deref(),
            Some("A-1"),
            "Amwal gets the order id"
        );
        assert_eq!(req.language, "ar");
        assert_eq!(money.minor, 29999);
        assert_eq!(serde_json::to_string(&req.amount).expect("json"), "299.99");
    }

    #[test]
    fn the_amount_goes_upstream_as_exactly_the_decimal_given() {
        let mut l = new_link();
        l.amount = "0.10".into();
        let (req, _) = validate(&l, Currency::SAR, now()).expect("valid");
        let body = serde_json::to_string(&req).expect("json");
        assert!(body.contains(r#""amount":0.10"#), "{body}");
    }

    #[test]
    fn bad_fields_are_refused() {
        type Change = Box<dyn Fn(&mut NewLink)>;
        let cases: Vec<(&str, Change)> = vec![
            ("zero", Box::new(|l| l.amount = "0".into())),
            (
                "below 0.01",
                Box::new(|l| {
                    l.currency = Some("KWD".into());
                    l.amount = "0.009".into();
                }),
            ),
            ("long order id", Box::new(|l| l.order_id = "x".repeat(51))),
            (
                "bell in the title",
                Box::new(|l| l.title = "Sofa\u{7}".into()),
            ),
            (
                "newline in the order id",
                Box::new(|l| l.order_id = "A-1\nok".into()),
            ),
            (
                "C1 control in a name",
                Box::new(|l| l.client_first_name = Some("Ah\u{85}med".into())),
            ),
            (
                "escape in the description",
                Box::new(|l| l.description = Some("\u{1b}[31mred".into())),
            ),
            (
                "long first name",
                Box::new(|l| l.client_first_name = Some("أ".repeat(51))),
            ),
            (
                "long last name",
                Box::new(|l| l.client_last_name = Some("x".repeat(51))),
            ),
            ("negative", Box::new(|l| l.amount = "-5".into())),
            ("too precise", Box::new(|l| l.amount = "1.001".into())),
            ("float text", Box::new(|l| l.amount = "1e3".into())),
            ("empty title", Box::new(|l| l.title = " ".into())),
            ("long title", Box::new(|l| l.title = "x".repeat(201))),
            (
                "long description",
                Box::new(|l| l.description = Some("x".repeat(501))),
            ),
            (
                "phone",
                Box::new(|l| l.client_phone_number = Some("0501234567".into())),
            ),
            (
                "email",
                Box::new(|l| l.client_email = Some("ahmed at example.com".into())),
            ),
            (
                "past expiry",
                Box::new(|l| l.selected_date = Some("2020-01-01T00:00:00Z".into())),
            ),
            (
                "bad expiry",
                Box::new(|l| l.selected_date = Some("tomorrow".into())),
            ),
            (
                "http callback",
                Box::new(|l| l.callback_url = Some("http://shop.example/cb".into())),
            ),
            (
                "return prefix with a query",
                Box::new(|l| l.return_url_prefix = Some("https://shop.example/thanks?x".into())),
            ),
            (
                "http return prefix",
                Box::new(|l| l.return_url_prefix = Some("http://shop.example/thanks".into())),
            ),
            ("language", Box::new(|l| l.language = "fr".into())),
            ("currency", Box::new(|l| l.currency = Some("XYZ".into()))),
        ];
        for (name, change) in cases {
            let mut l = new_link();
            change(&mut l);
            assert!(validate(&l, Currency::SAR, now()).is_err(), "{name}");
        }
    }

    #[test]
    fn arabic_text_keeps_its_format_characters() {
        let mut l = new_link();
        // ZWNJ and RLM are format characters Arabic text uses, not controls.
        l.title = "سماعات\u{200c}لاسلكية \u{200f}(أسود)".into();
        l.client_first_name = Some("أحمد".into());
        assert!(validate(&l, Currency::SAR, now()).is_ok());
    }

    #[test]
    fn e164_and_email_shapes() {
        assert!(is_e164("+966501234567"));
        assert!(!is_e164("+0966501234567") && !is_e164("966501234567") && !is_e164("+9665"));
        assert!(is_email("ahmed@example.com"));
        assert!(!is_email("a@b") && !is_email("@example.com") && !is_email("a@@example.com"));
    }
}
