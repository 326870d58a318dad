//! Who the client is, for the rate limit: the peer, or behind a trusted load
//! balancer the address it appended to `X-Forwarded-For`. Clients write the
//! left of that header themselves, so it is read from the right: the entry
//! `hops` from the end (1 = the last, what one load balancer added). Ports
//! are dropped, and an IPv6 client is counted per /64 (one customer line
//! holds 2^64 addresses).

use axum::http::HeaderMap;
use std::net::{IpAddr, Ipv6Addr};

/// The address to count, or the peer's when the header says nothing usable.
pub fn client_addr(peer: IpAddr, headers: &HeaderMap, trusted_hops: u8) -> IpAddr {
    let forwarded = (trusted_hops > 0)
        .then(|| forwarded_entry(headers, usize::from(trusted_hops)))
        .flatten();
    bucket(forwarded.unwrap_or(peer))
}

/// The entry `hops` from the right of every `X-Forwarded-For` line, parsed.
fn forwarded_entry(headers: &HeaderMap, hops: usize) -> Option<IpAddr> {
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let entry = entries
        .len()
        .checked_sub(hops)
        .and_then(|i| entries.get(i))?;
    parse_addr(entry)
}

/// `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1` or `[2001:db8::1]:443`.
fn parse_addr(entry: &str) -> Option<IpAddr> {
    if let Ok(ip) = entry.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Some(rest) = entry.strip_prefix('[') {
        return rest
            .split_once(']')
            .and_then(|(ip, _)| ip.parse::<Ipv6Addr>().ok())
            .map(IpAddr::V6);
    }
    entry
        .rsplit_once(':')
        .and_then(|(ip, port)| {
            port.parse::<u16>()
                .ok()
                .and(ip.parse::<std::net::Ipv4Addr>().ok())
        })
        .map(IpAddr::V4)
}

/// IPv6 addresses share a bucket per /64 (an IPv4-mapped one is IPv4).
fn bucket(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(lines: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for l in lines {
            h.append("x-forwarded-for", HeaderValue::from_str(l).expect("header"));
        }
        h
    }

    const PEER: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 9));

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn untrusted_means_the_peer_whatever_the_header_says() {
        assert_eq!(client_addr(PEER, &headers(&["203.0.113.7"]), 0), PEER);
    }

    #[test]
    fn a_value_the_client_prepends_is_not_the_client() {
        // The client wrote "1.1.1.1"; the load balancer appended the real address.
        let h = headers(&["1.1.1.1, 203.0.113.7"]);
        assert_eq!(client_addr(PEER, &h, 1), ip("203.0.113.7"));
        // Two trusted hops: the address the first of them added.
        let h = headers(&["1.1.1.1, 203.0.113.7, 10.0.0.2"]);
        assert_eq!(client_addr(PEER, &h, 2), ip("203.0.113.7"));
        // Separate header lines read as one list.
        let h = headers(&["1.1.1.1", "203.0.113.7"]);
        assert_eq!(client_addr(PEER, &h, 1), ip("203.0.113.7"));
    }

    #[test]
    fn ports_are_dropped_so_shoppers_are_not_one_bucket_and_not_a_new_one_per_port() {
        let h = headers(&["203.0.113.7:5555"]);
        assert_eq!(client_addr(PEER, &h, 1), ip("203.0.113.7"));
        let h = headers(&["[2001:db8:1:2::7]:443"]);
        assert_eq!(client_addr(PEER, &h, 1), ip("2001:db8:1:2::"));
    }

    #[test]
    fn ipv6_is_counted_per_64() {
        let a = client_addr(PEER, &headers(&["2001:db8:1:2::1"]), 1);
        let b = client_addr(PEER, &headers(&["2001:db8:1:2:ffff:ffff:ffff:ffff"]), 1);
        let c = client_addr(PEER, &headers(&["2001:db8:1:3::1"]), 1);
        assert_eq!(a, b);
        assert_ne!(a, c);
        let mapped = client_addr(PEER, &headers(&["::ffff:203.0.113.7"]), 1);
        assert_eq!(mapped, ip("203.0.113.7"));
    }

    #[test]
    fn junk_or_too_few_entries_fall_back_to_the_peer() {
        for bad in ["", "unknown", "203.0.113.7:port", "[::1", "1.2.3.4:99999"] {
            assert_eq!(client_addr(PEER, &headers(&[bad]), 1), PEER, "{bad:?}");
        }
        assert_eq!(client_addr(PEER, &headers(&["203.0.113.7"]), 2), PEER);
        assert_eq!(client_addr(PEER, &HeaderMap::new(), 1), PEER);
    }
}
