//! Where Amwal may send the shopper back to: only `https:` URLs (or `http:`
//! on localhost, for development) under what the merchant allowed: the
//! link's own prefix (given at create), else an allowed origin, or an
//! allowed origin and path.

use amwal_core::loopback::is_secure_or_loopback;
use url::Url;

#[derive(Debug, PartialEq, Eq)]
pub struct NotAllowed;

/// A safe absolute URL: parsed by one parser, no credentials, `https:`
/// (or `http:` on loopback).
fn parse_safe(raw: &str) -> Result<Url, NotAllowed> {
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
    Ok(url)
}

/// A return URL prefix given at create: a safe absolute URL with no query
/// or fragment (what a return URL must start with).
pub fn parse_prefix(raw: &str) -> Result<Url, NotAllowed> {
    let url = parse_safe(raw.trim())?;
    if url.query().is_some() || url.fragment().is_some() || raw.contains(['?', '#']) {
        return Err(NotAllowed);
    }
    Ok(url)
}

/// Whether `url` lies under `prefix`: the same origin, and a path equal to
/// the prefix's or below it (`/thanks` covers `/thanks/x`, not `/thanksx`).
/// Both paths are as the parser normalised them (`..` resolved).
fn lies_under(url: &Url, prefix: &Url) -> bool {
    if url.origin() != prefix.origin() {
        return false;
    }
    let (path, under) = (url.path(), prefix.path());
    under == "/"
        || path == under
        || path
            .strip_prefix(under)
            .is_some_and(|rest| under.ends_with('/') || rest.starts_with('/'))
}

/// Checks `raw` against the link's own prefix when it has one, else the
/// allowed entries: an origin (`scheme://host[:port]`) allows all of it, an
/// entry with a path only what lies under that path.
pub fn check(raw: &str, allowed: &[String], link_prefix: Option<&str>) -> Result<Url, NotAllowed> {
    let url = parse_safe(raw)?;
    let fits = |entry: &str| parse_safe(entry).is_ok_and(|p| lies_under(&url, &p));
    let ok = match link_prefix {
        Some(prefix) => fits(prefix),
        None => allowed.iter().any(|a| fits(a)),
    };
    if ok {
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
        assert!(check(
            "https://shop.example/order/1?amwal_return=x",
            &allowed(),
            None
        )
        .is_ok());
        assert!(check("http://127.0.0.1:8080/?link=1", &allowed(), None).is_ok());
    }

    #[test]
    fn an_entry_with_a_path_allows_only_what_lies_under_it() {
        let allowed = vec!["https://shop.example/checkout/return".to_owned()];
        for ok in [
            "https://shop.example/checkout/return",
            "https://shop.example/checkout/return?order=1#top",
            "https://shop.example/checkout/return/done",
        ] {
            assert!(check(ok, &allowed, None).is_ok(), "{ok}");
        }
        for bad in [
            "https://shop.example/",
            "https://shop.example/checkout/returned",
            "https://shop.example/checkout/return/../../admin",
            "https://shop.example/checkout/%2e%2e/admin",
            "https://shop.example/login?next=https://evil.example",
        ] {
            assert_eq!(check(bad, &allowed, None), Err(NotAllowed), "{bad}");
        }
    }

    #[test]
    fn a_links_own_prefix_decides_for_that_link() {
        let prefix = Some("https://shop.example/orders/A-1/paid");
        assert!(check(
            "https://shop.example/orders/A-1/paid?x=1",
            &allowed(),
            prefix
        )
        .is_ok());
        // The origin alone no longer suffices for this link.
        assert_eq!(
            check("https://shop.example/orders/A-2/paid", &allowed(), prefix),
            Err(NotAllowed)
        );
        assert_eq!(
            check("https://shop.example/", &allowed(), prefix),
            Err(NotAllowed)
        );
    }

    #[test]
    fn a_prefix_must_be_a_safe_absolute_url_without_query() {
        assert!(parse_prefix("https://shop.example/thanks").is_ok());
        assert!(parse_prefix("http://127.0.0.1:8080/thanks").is_ok());
        for bad in [
            "http://shop.example/thanks",
            "https://shop.example/thanks?x=1",
            "https://shop.example/thanks#x",
            "https://user@shop.example/",
            "/thanks",
            "javascript:alert(1)",
        ] {
            assert!(parse_prefix(bad).is_err(), "{bad}");
        }
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
            assert_eq!(check(bad, &allowed(), None), Err(NotAllowed), "{bad}");
        }
    }
}
