//! Where Amwal may send the shopper back to: only `https:` URLs (or `http:`
//! on localhost, for development) whose origin the merchant allowlisted.

use amwal_core::loopback::is_secure_or_loopback;
use url::Url;

#[derive(Debug, PartialEq, Eq)]
pub struct NotAllowed;

/// Checks `raw` against the allowed origins (`scheme://host[:port]`).
pub fn check(raw: &str, allowed_origins: &[String]) -> Result<Url, NotAllowed> {
    // The URL parser turns `\` into `/` for http(s); a browser might not agree
    // on where such a URL goes, so refuse it outright.
    if raw.contains('\\') || raw.chars().any(char::is_control) {
        return Err(NotAllowed);
    }
    let url = Url::parse(raw).map_err(|_| NotAllowed)?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(NotAllowed);
    }
    if !is_secure_or_loopback(url.scheme(), url.host_str()) {
        return Err(NotAllowed);
    }
    let origin = url.origin().ascii_serialization();
    if allowed_origins
        .iter()
        .any(|a| a.trim_end_matches('/') == origin)
    {
        Ok(url)
    } else {
        Err(NotAllowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed() -> Vec<String> {
        vec![
            "https://shop.example".into(),
            "http://127.0.0.1:8080".into(),
        ]
    }

    #[test]
    fn accepts_allowlisted_origins() {
        assert!(check("https://shop.example/order/1?amwal_return=x", &allowed()).is_ok());
        assert!(check("http://127.0.0.1:8080/?link=1", &allowed()).is_ok());
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "javascript:alert(1)",
            "//evil.example/x",
            "https://shop.example@evil.example/",
            "https://shop.example.evil.example/",
            "https:\\\\evil.example",
            "https://evil.example\\@shop.example/",
            "https://evil.example%2F@shop.example/",
            "http://shop.example/",
            "https://shop.example:444/",
            "http://127.0.0.1:9090/",
            "data:text/html,hi",
            "",
        ] {
            assert_eq!(check(bad, &allowed()), Err(NotAllowed), "{bad}");
        }
    }
}
