//! Decoding Amwal's answers and notifications: any bytes give a value or a
//! typed error, never a panic; so do the error reader and the canonical
//! text of a callback.
#![no_main]
use amwal_core::api::{ResolveResponse, StatusResponse, Transaction};
use amwal_proxy::amwal::signature::{canonical_text, Escape};
use amwal_proxy::amwal::wire::{
    CreateLinkResponse, ErrorBody, LinkCallback, LinkDetails, TransactionDetails, Webhook,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = serde_json::from_slice::<ResolveResponse>(bytes);
    let _ = serde_json::from_slice::<StatusResponse>(bytes);
    if let Ok(tx) = serde_json::from_slice::<Transaction>(bytes) {
        let _ = tx.status();
    }
    let _ = serde_json::from_slice::<CreateLinkResponse>(bytes);
    let _ = serde_json::from_slice::<TransactionDetails>(bytes);
    let _ = serde_json::from_slice::<LinkDetails>(bytes);
    let _ = serde_json::from_slice::<LinkCallback>(bytes);
    let _ = serde_json::from_slice::<Webhook>(bytes);
    if let Some(e) = ErrorBody::parse(bytes) {
        let _ = e.reason();
        let _ = e.is_unauthorized_origin();
    }
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(bytes) {
        let _ = canonical_text(&map, Escape::Ascii);
        let _ = canonical_text(&map, Escape::Utf8);
    }
});
