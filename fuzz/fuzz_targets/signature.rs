//! The callback signature header: any header and body are refused with a
//! typed reason (none is signed by this key), never a panic.
#![no_main]
use amwal_proxy::signature::SignatureCheck;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn check() -> &'static SignatureCheck {
    static KEY: OnceLock<SignatureCheck> = OnceLock::new();
    KEY.get_or_init(|| {
        SignatureCheck::from_pem(include_str!("../public-key.pem")).expect("fixed key")
    })
}

fuzz_target!(|input: (&str, &[u8])| {
    let (header, body) = input;
    assert!(check().verify(body, header).is_err(), "{header:?}");
});
