//! The link-id gate: only a canonical UUID passes, and what passes prints
//! as exactly what came in (lowercased), so no path can be smuggled.
#![no_main]
use amwal_core::LinkId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(id) = LinkId::parse(text) {
        let printed = id.to_string();
        assert_eq!(printed.len(), 36, "{text:?}");
        assert_eq!(printed, text.to_ascii_lowercase(), "{text:?}");
        assert!(printed.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'));
    }
});
