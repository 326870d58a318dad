//! Decoding Amwal's answers (and callback events): any bytes give a value
//! or a typed error, never a panic.
#![no_main]
use amwal_core::api::{ApiError, ResolveResponse, StatusResponse, Transaction};
use amwal_proxy::callbacks::CallbackEvent;
use amwal_proxy::upstream::CreateLinkResponse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = serde_json::from_slice::<ResolveResponse>(bytes);
    let _ = serde_json::from_slice::<StatusResponse>(bytes);
    if let Ok(tx) = serde_json::from_slice::<Transaction>(bytes) {
        let _ = tx.status();
    }
    let _ = serde_json::from_slice::<ApiError>(bytes);
    let _ = serde_json::from_slice::<CreateLinkResponse>(bytes);
    let _ = serde_json::from_slice::<CallbackEvent>(bytes);
});
