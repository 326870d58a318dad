//! The one rule for "this machine": the only hosts plain `http:` is
//! allowed to (a pay page, a return URL, a terms link, a callback URL,
//! Amwal's API base), because nothing crosses a network to reach them.

/// `localhost` or `127.0.0.1`, exactly (a host name, not a URL).
pub fn is_loopback_host(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1")
}

/// Whether a URL with this scheme and host may be used: `https`, or
/// `http` to a loopback host.
pub fn is_secure_or_loopback(scheme: &str, host: Option<&str>) -> bool {
    scheme == "https" || (scheme == "http" && host.is_some_and(is_loopback_host))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_machine_is_loopback() {
        assert!(is_loopback_host("localhost") && is_loopback_host("127.0.0.1"));
        for other in [
            "localhost.evil.com",
            "127.0.0.1.nip.io",
            "127.0.0.2",
            "example.com",
            "",
        ] {
            assert!(!is_loopback_host(other), "{other}");
        }
        assert!(is_secure_or_loopback("https", Some("shop.example")));
        assert!(is_secure_or_loopback("http", Some("127.0.0.1")));
        assert!(!is_secure_or_loopback("http", Some("shop.example")));
        assert!(!is_secure_or_loopback("ftp", Some("localhost")));
        assert!(!is_secure_or_loopback("http", None));
    }
}
