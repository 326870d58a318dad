//! Where the Pay button may send the shopper.
//!
//! The target is always built here from an allowlisted pay host and a parsed
//! [`LinkId`]; no URL from a response, attribute or query string is ever
//! navigated to. `https:` only, except plain `http:` for `localhost` and
//! `127.0.0.1`, where the demo's embedded sandbox serves its hosted page.

use crate::LinkId;
use std::fmt;

/// Amwal's hosted payment page host, the default allowlist.
pub const DEFAULT_PAY_HOST: &str = "pay.sa.amwal.tech";

/// One allowlist entry: `host[:port][/path-prefix]`, no scheme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayHost {
    authority: String,
    prefix: String,
    secure: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidPayHost(pub String);

impl fmt::Display for InvalidPayHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pay host \"{}\" is not host[:port][/prefix]", self.0)
    }
}

impl std::error::Error for InvalidPayHost {}

impl PayHost {
    pub fn parse(entry: &str) -> Result<PayHost, InvalidPayHost> {
        let bad = || InvalidPayHost(entry.to_owned());
        let entry = entry.trim();
        let (authority, prefix) = match entry.find('/') {
            Some(i) => entry.split_at(i),
            None => (entry, ""),
        };
        let (host, port) = match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        let host_ok = !host.is_empty()
            && !host.starts_with(['.', '-'])
            && !host.ends_with(['.', '-'])
            && !host.contains("..")
            && host
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
        let port_ok = port.is_none_or(|p| {
            (1..=5).contains(&p.len())
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n > 0)
        });
        let prefix_ok = prefix.is_empty()
            || (!prefix.ends_with('/')
                && !prefix.contains("//")
                && prefix
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"/_-".contains(&b))
                && !prefix.split('/').any(|seg| seg == "." || seg == ".."));
        if !(host_ok && port_ok && prefix_ok) {
            return Err(bad());
        }
        Ok(PayHost {
            authority: authority.to_owned(),
            prefix: prefix.to_owned(),
            secure: !crate::loopback::is_loopback_host(host),
        })
    }

    /// The hosted payment page of `link` on this host.
    pub fn pay_url(&self, link: &LinkId) -> String {
        let scheme = if self.secure { "https" } else { "http" };
        format!(
            "{scheme}://{}{}/payment-link/{link}",
            self.authority, self.prefix
        )
    }
}

/// Parses a comma-separated allowlist; an empty list is an error.
pub fn parse_pay_hosts(list: &str) -> Result<Vec<PayHost>, InvalidPayHost> {
    let hosts = list
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(PayHost::parse)
        .collect::<Result<Vec<_>, _>>()?;
    if hosts.is_empty() {
        return Err(InvalidPayHost(list.to_owned()));
    }
    Ok(hosts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link() -> LinkId {
        LinkId::parse("550e8400-e29b-41d4-a716-446655440000").expect("valid")
    }

    #[test]
    fn builds_the_amwal_pay_page_over_https() {
        let host = PayHost::parse(DEFAULT_PAY_HOST).expect("valid");
        assert_eq!(
            host.pay_url(&link()),
            "https://pay.sa.amwal.tech/payment-link/550e8400-e29b-41d4-a716-446655440000"
        );
    }

    #[test]
    fn allows_plain_http_only_on_loopback_hosts() {
        let sandbox = PayHost::parse("127.0.0.1:8080/sandbox").expect("valid");
        assert_eq!(
            sandbox.pay_url(&link()),
            "http://127.0.0.1:8080/sandbox/payment-link/550e8400-e29b-41d4-a716-446655440000"
        );
        let other = PayHost::parse("localhost.evil.com:8080").expect("valid host");
        assert!(other.pay_url(&link()).starts_with("https://"));
    }

    #[test]
    fn refuses_entries_that_could_smuggle_another_target() {
        for bad in [
            "",
            "https://pay.sa.amwal.tech",
            "//evil.com",
            "shop@evil.com",
            "evil.com\\@pay.sa.amwal.tech",
            "pay.sa.amwal.tech:0",
            "pay.sa.amwal.tech:99999",
            "pay.sa.amwal.tech/../x",
            "pay.sa.amwal.tech/%2e%2e",
            "pay.sa.amwal.tech/",
            "Pay.SA.amwal.tech",
            "pay..amwal.tech",
            "javascript:alert(1)",
        ] {
            assert!(PayHost::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn parses_a_comma_list() {
        let hosts = parse_pay_hosts("pay.sa.amwal.tech, 127.0.0.1:9/sandbox").expect("valid");
        assert_eq!(hosts.len(), 2);
        assert!(parse_pay_hosts(" , ").is_err());
    }
}
