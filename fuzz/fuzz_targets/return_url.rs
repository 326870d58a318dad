//! The return_url policy: whatever passes is http(s) with an allowlisted
//! origin and no credentials; nothing panics.
#![no_main]
use amwal_proxy::guards::return_url;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let allowed = vec![
        "https://shop.example".to_owned(),
        "http://localhost:8080".to_owned(),
    ];
    if let Ok(url) = return_url::check(text, &allowed, None) {
        let origin = url.origin().ascii_serialization();
        assert!(allowed.contains(&origin), "{text:?} → {origin}");
        assert!(
            url.username().is_empty() && url.password().is_none(),
            "{text:?}"
        );
        assert!(!text.contains('\\'), "{text:?}");
    }
});
