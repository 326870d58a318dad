//! The callback signature header: any header and body (as raw bytes, or as
//! a link callback's canonical text) are refused with a typed reason (none
//! is signed by this key), never a panic: the salt length is read from
//! whatever the header decodes to.
#![no_main]
use amwal_proxy::amwal::CallbackKey;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn key() -> &'static CallbackKey {
    static KEY: OnceLock<CallbackKey> = OnceLock::new();
    KEY.get_or_init(|| CallbackKey::from_pem(include_str!("../public-key.pem")).expect("fixed key"))
}

fuzz_target!(|input: (&str, &[u8])| {
    let (header, body) = input;
    assert!(key().verify(body, Some(header)).is_err(), "{header:?}");
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(body) {
        assert!(key().verify_link_callback(&map, Some(header)).is_err());
    }
});
