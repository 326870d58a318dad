//! Amwal's documented examples, each decoded as given, and signatures made
//! outside Rust (Python's `cryptography`) checked by the proxy's verifier.

use amwal_core::api::{ResolveResponse, TxStatus};
use amwal_proxy::amwal::signature::{canonical_text, canonical_text_with, Escape, Missing};
use amwal_proxy::amwal::wire::{
    CreateLinkRequest, CreateLinkResponse, ErrorBody, LinkCallback, LinkDetails,
    TransactionDetails, Webhook,
};
use amwal_proxy::amwal::{BadSignature, CallbackKey};
use serde_json::{Map, Value};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_documented_example_decodes_as_given() {
    let create: CreateLinkRequest =
        serde_json::from_str(&fixture("amwal/create-request.json")).expect("create request");
    assert_eq!(create.amount.to_string(), "299.99");
    let created: CreateLinkResponse =
        serde_json::from_str(&fixture("amwal/create-response.json")).expect("create response");
    assert_eq!(
        created.payment_link_id,
        "550e8400-e29b-41d4-a716-446655440000"
    );
    let only_id: CreateLinkResponse =
        serde_json::from_str(r#"{"payment_link_id":"550e8400-e29b-41d4-a716-446655440000"}"#)
            .expect("url and environment may be missing");
    assert_eq!(only_id.url, None);

    let resolved: ResolveResponse =
        serde_json::from_str(&fixture("amwal/resolve-response.json")).expect("resolve");
    assert_eq!(resolved.transaction.status(), TxStatus::Pending);

    let tx: TransactionDetails =
        serde_json::from_str(&fixture("amwal/transaction-details.json")).expect("details");
    assert_eq!(
        (tx.amount.as_str(), tx.total_amount.as_deref()),
        ("299.99000", Some("299.99"))
    );
    assert_eq!(TxStatus::from_word(&tx.status), TxStatus::Paid);
    assert_eq!(tx.ref_id, None);

    let link: LinkDetails =
        serde_json::from_str(&fixture("amwal/link-details.json")).expect("link details");
    assert_eq!(link.payment_link.status.as_deref(), Some("Paid"));
    assert_eq!(link.transactions.len(), 1);
    assert_eq!(
        TxStatus::from_word(&link.transactions[0].status),
        TxStatus::Paid
    );

    let cb: LinkCallback =
        serde_json::from_str(&fixture("amwal/link-callback.json")).expect("link callback");
    assert_eq!(cb.status.as_deref(), Some("success"));
    assert_eq!(
        cb.transaction_id.as_deref(),
        Some("ccdaaba6-7d1e-4c2b-9a3f-5e6d7c8b9a01")
    );

    let ok: Webhook =
        serde_json::from_str(&fixture("amwal/webhook-order-success.json")).expect("success hook");
    assert_eq!(
        ok.data.amount.as_deref(),
        Some("99.99"),
        "a number, read as its text"
    );
    assert_eq!(
        ok.data.payment.and_then(|p| p.transaction_id).as_deref(),
        Some("txn_67890")
    );
    assert_eq!(ok.data.merchant_order_id.as_deref(), Some("ORD-2025-001"));
    let failed: Webhook =
        serde_json::from_str(&fixture("amwal/webhook-order-failed.json")).expect("failed hook");
    assert_eq!(
        (failed.id, failed.timestamp),
        (None, None),
        "both may be missing"
    );
    assert_eq!(failed.data.ref_id.as_deref(), Some("ORD-2025-002"));
}

#[test]
fn every_documented_error_shape_is_read() {
    let read = |text: &str| ErrorBody::parse(text.as_bytes()).expect(text);
    let expired = read(&fixture("amwal/error-expired.json"));
    assert_eq!(expired.error_code.as_deref(), Some("LINK_EXPIRED"));
    assert_eq!(expired.text, "Payment link expired");
    assert_eq!(
        read(&fixture("amwal/error-short.json")).text,
        "error message string"
    );
    assert_eq!(
        read(r#"{"detail":"Invalid API key."}"#).text,
        "Invalid API key."
    );
    let fields = read(r#"{"amount":["Ensure this value is greater than or equal to 0.01."]}"#);
    assert_eq!(
        fields.text,
        "amount: Ensure this value is greater than or equal to 0.01."
    );
    assert!(read(r#"{"error":"Unauthorized Origin"}"#).is_unauthorized_origin());
    assert_eq!(ErrorBody::parse(b"<html>502</html>"), None);
    assert_eq!(ErrorBody::parse(br#"["a"]"#), None);
}

#[test]
fn a_logged_reason_carries_no_contact_data() {
    let body = ErrorBody::parse(
        r#"{"client_email":["ahmed@example.com is not valid"],"client_phone_number":["+966501234567 is not valid"]}"#
            .as_bytes(),
    )
    .expect("field map");
    let reason = body.reason();
    assert!(
        !reason.contains("ahmed@") && !reason.contains("501234567"),
        "{reason}"
    );
    let long = ErrorBody::parse(format!(r#"{{"detail":"{}"}}"#, "x ".repeat(500)).as_bytes())
        .expect("long");
    assert!(long.reason().chars().count() <= 161);
}

#[test]
fn the_canonical_text_of_the_documented_callback_is_the_documented_text() {
    let body: Map<String, Value> =
        serde_json::from_str(&fixture("amwal/link-callback.json")).expect("object");
    let want = fixture("amwal/link-callback.signed-text.txt");
    assert_eq!(
        canonical_text(&body, Escape::Ascii),
        want.trim_end_matches('\n')
    );
    let mut more = body.clone();
    more.insert("currency".into(), "SAR".into());
    more.insert("created_at".into(), "2025-01-01T00:00:00Z".into());
    assert_eq!(
        canonical_text(&more, Escape::Ascii),
        want.trim_end_matches('\n'),
        "fields beyond the seven are not signed"
    );
}

struct Vector {
    name: String,
    kind: String,
    body: String,
    signed_text: String,
    form: String,
    missing: Missing,
    signature: String,
}

fn vectors() -> Vec<Vector> {
    let all: Vec<Value> =
        serde_json::from_str(&fixture("signatures/vectors.json")).expect("vectors");
    all.into_iter()
        .map(|v| {
            let s = |k: &str| v[k].as_str().expect(k).to_owned();
            Vector {
                name: s("name"),
                kind: s("kind"),
                body: s("body"),
                signed_text: s("signed_text"),
                form: s("form"),
                missing: if v["missing"] == "null" {
                    Missing::Null
                } else {
                    Missing::Omitted
                },
                signature: s("signature"),
            }
        })
        .collect()
}

fn key() -> CallbackKey {
    CallbackKey::from_pem(&fixture("signatures/test-public-key.pem")).expect("public key")
}

#[test]
fn python_signatures_verify_with_either_salt_length_over_the_text_python_signed() {
    let key = key();
    let vectors = vectors();
    assert!(
        vectors.iter().any(|v| v.signed_text.contains("\\ud83c")),
        "a surrogate pair case"
    );
    for v in &vectors {
        let sig = Some(v.signature.as_str());
        match v.kind.as_str() {
            "link_callback" => {
                let body: Map<String, Value> = serde_json::from_str(&v.body).expect("object");
                let escape = if v.form == "utf8" {
                    Escape::Utf8
                } else {
                    Escape::Ascii
                };
                assert_eq!(
                    canonical_text_with(&body, escape, v.missing),
                    v.signed_text,
                    "{}",
                    v.name
                );
                assert_eq!(key.verify_link_callback(&body, sig), Ok(()), "{}", v.name);
                let mut changed = body.clone();
                changed.insert("status".into(), "tampered".into());
                assert_eq!(
                    key.verify_link_callback(&changed, sig),
                    Err(BadSignature::Mismatch),
                    "{}",
                    v.name
                );
            }
            _ => {
                assert_eq!(key.verify(v.body.as_bytes(), sig), Ok(()), "{}", v.name);
                let spaced = format!("{} ", v.body);
                assert_eq!(
                    key.verify(spaced.as_bytes(), sig),
                    Err(BadSignature::Mismatch),
                    "{}: raw body",
                    v.name
                );
            }
        }
    }
}

#[test]
fn each_escaping_form_is_needed_for_its_own_vectors() {
    let key = key();
    // Link callbacks whose text differs between the two forms.
    let cases: Vec<Vector> = vectors()
        .into_iter()
        .filter(|v| v.kind == "link_callback")
        .filter(|v| {
            let body: Map<String, Value> = serde_json::from_str(&v.body).expect("object");
            canonical_text(&body, Escape::Ascii) != canonical_text(&body, Escape::Utf8)
        })
        .collect();
    assert!(cases.len() >= 5, "only {} cases", cases.len());
    for v in &cases {
        let body: Map<String, Value> = serde_json::from_str(&v.body).expect("object");
        let (right, wrong) = if v.form == "utf8" {
            (Escape::Utf8, Escape::Ascii)
        } else {
            (Escape::Ascii, Escape::Utf8)
        };
        let sig = Some(v.signature.as_str());
        let text = |e| canonical_text_with(&body, e, v.missing);
        assert_eq!(
            key.verify(text(right).as_bytes(), sig),
            Ok(()),
            "{}",
            v.name
        );
        assert_eq!(
            key.verify(text(wrong).as_bytes(), sig),
            Err(BadSignature::Mismatch),
            "{}: the other form must not pass",
            v.name
        );
    }
}

#[test]
fn the_private_key_amwal_hands_out_works_as_the_callback_key_in_both_pem_forms() {
    let from_pkcs8 =
        CallbackKey::from_pem(&fixture("signatures/test-private-key.pem")).expect("pkcs8");
    let from_pkcs1 =
        CallbackKey::from_pem(&fixture("signatures/test-private-key-pkcs1.pem")).expect("pkcs1");
    let public = key().public_pem();
    assert_eq!(from_pkcs8.public_pem(), public);
    assert_eq!(from_pkcs1.public_pem(), public);
    let v = &vectors()[0];
    let body: Map<String, Value> = serde_json::from_str(&v.body).expect("object");
    assert_eq!(
        from_pkcs8.verify_link_callback(&body, Some(&v.signature)),
        Ok(())
    );
    assert!(
        CallbackKey::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")
            .is_err()
    );
    assert!(CallbackKey::from_pem("not a key").is_err());
}

#[test]
fn bad_headers_are_refused_by_kind() {
    let key = key();
    assert_eq!(key.verify(b"x", None), Err(BadSignature::Missing));
    assert_eq!(
        key.verify(b"x", Some("not base64!")),
        Err(BadSignature::NotBase64)
    );
    assert_eq!(key.verify(b"x", Some("AAAA")), Err(BadSignature::Malformed));
    // Right size, but not a PSS encoding under this key.
    let junk = base64_of(&[0x5a; 256]);
    assert_eq!(key.verify(b"x", Some(&junk)), Err(BadSignature::Mismatch));
    let too_big = base64_of(&[0xff; 256]);
    assert_eq!(
        key.verify(b"x", Some(&too_big)),
        Err(BadSignature::Mismatch)
    );
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
