//! The widget reads the proxy's bodies (parsed by the browser, decoded by
//! serde-wasm-bindgen) exactly as the proxy's own serde_json reads the same
//! text into `amwal_core::api`, and writes its request as serde_json would.

use super::*;
use crate::services::api::{decode, encode};
use amwal_core::api::{ApiError, ResolveRequest, ResolveResponse, StatusResponse};

const TX: &str = r#"{"id":"t1","amount":"10.00000","status":"pending"}"#;

/// Bodies a proxy could send, well-formed or not.
fn bodies() -> Vec<String> {
    let mut out: Vec<String> = [
        "null",
        "1",
        r#""text""#,
        "{}",
        r#"{"transaction":null,"payment_interface":"web"}"#,
        r#"{"transaction":"t1","payment_interface":"web"}"#,
        r#"{"error":"bad"}"#,
        r#"{"error":"bad","error_code":"LINK_EXPIRED","message":"Expired"}"#,
        r#"{"error":"bad","error_code":null}"#,
        r#"{"error":"bad","error_code":7}"#,
        r#"{"error":404}"#,
        r#"{"error_code":"X"}"#,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let transactions = [
        TX.to_owned(),
        r#"{"id":"t1","amount":"10.00000"}"#.to_owned(),
        r#"{"id":"t1","amount":10,"status":"pending"}"#.to_owned(),
        r#"{"id":null,"amount":"1","status":"completed"}"#.to_owned(),
        r#"{"id":"t1","amount":"1","status":"completed","payment_method":"MADA","created_at":"2025-01-28T12:42:43+03:00","client_email":"a@b.c","client_phone_number":"+966500000000","extra":[1,{"x":2}]}"#.to_owned(),
        r#"{"id":"t1","amount":"1","status":"failed","payment_method":null,"created_at":null}"#.to_owned(),
        r#"{"id":"t1","amount":"1","status":"failed","payment_method":1.5}"#.to_owned(),
        r#"{"id":"t1","amount":"1","status":"failed","created_at":false}"#.to_owned(),
    ];
    let links = [
        None,
        Some("null"),
        Some(r#"{"title":"Order","currency":"SAR"}"#),
        Some(r#"{"title":"Order","description":"Two items","currency":"KWD"}"#),
        Some(r#"{"title":"Order","description":null,"currency":"SAR"}"#),
        Some(r#"{"title":"Order"}"#),
        Some(r#"{"title":3,"currency":"SAR"}"#),
        Some(r#""Order""#),
    ];
    let interfaces = [
        Some(r#""web""#),
        Some(r#""qr_display""#),
        Some(r#""terminal_native""#),
        Some(r#""something_new""#),
        Some("2"),
        Some("null"),
        None,
    ];
    for tx in &transactions {
        for link in &links {
            for interface in &interfaces {
                let mut fields = vec![format!(r#""transaction":{tx}"#)];
                if let Some(i) = interface {
                    fields.push(format!(r#""payment_interface":{i}"#));
                }
                if let Some(l) = link {
                    fields.push(format!(r#""link":{l}"#));
                }
                fields.push(r#""url":"https://pay.sa.amwal.tech/x""#.to_owned());
                out.push(format!("{{{}}}", fields.join(",")));
            }
        }
    }
    out
}

fn parse(body: &str) -> wasm_bindgen::JsValue {
    js_sys::JSON::parse(body).expect("valid JSON")
}

#[wasm_bindgen_test]
fn resolve_and_status_bodies_read_as_serde_reads_them() {
    let bodies = bodies();
    let mut read = 0;
    for body in &bodies {
        let serde = serde_json::from_str::<ResolveResponse>(body).ok();
        let ours = decode::<ResolveResponse>(parse(body)).ok();
        assert_eq!(ours, serde, "resolve: {body}");
        read += usize::from(ours.is_some());

        let serde = serde_json::from_str::<StatusResponse>(body).ok();
        assert_eq!(
            decode::<StatusResponse>(parse(body)).ok(),
            serde,
            "status: {body}"
        );

        let serde = serde_json::from_str::<ApiError>(body).ok();
        assert_eq!(decode::<ApiError>(parse(body)).ok(), serde, "error: {body}");
    }
    // Both kinds are in the table: many bodies read, many refused.
    assert!(
        read > 20 && read < bodies.len() - 20,
        "{read} of {}",
        bodies.len()
    );
}

#[wasm_bindgen_test]
fn the_resolve_request_is_written_as_serde_writes_it() {
    use amwal_core::api::{CustomerContext, DeviceType};
    let requests = [
        ResolveRequest::default(),
        ResolveRequest {
            device_type: Some(DeviceType::Tablet),
            user_agent: Some("Mozilla/5.0 \"quoted\" \u{0627}".into()),
            referrer: None,
            customer_context: Some(CustomerContext {
                return_url: Some("https://shop.example/?a=1&amwal_return=x".into()),
                language_preference: Some("ar".into()),
            }),
        },
        ResolveRequest {
            device_type: Some(DeviceType::Mobile),
            user_agent: None,
            referrer: Some("https://shop.example/cart".into()),
            customer_context: Some(CustomerContext::default()),
        },
    ];
    for req in &requests {
        let ours: String = js_sys::JSON::stringify(&encode(req).expect("encoded"))
            .expect("stringify")
            .into();
        let ours: serde_json::Value = serde_json::from_str(&ours).expect("JSON");
        assert_eq!(ours, serde_json::to_value(req).expect("serde"), "{req:?}");
    }
}
