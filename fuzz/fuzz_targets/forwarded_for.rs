//! Who the client is behind a load balancer, and the limiter that counts
//! them: whatever `X-Forwarded-For` holds, the address counted is the peer
//! or one the header names (IPv6 cut to its /64), nothing panics, and one
//! address never gets more than its budget at one instant.
#![no_main]
use amwal_proxy::guards::client_addr::client_addr;
use amwal_proxy::guards::{Budget, Budgets, LocalLimiter};
use axum::http::{HeaderMap, HeaderValue};
use libfuzzer_sys::fuzz_target;
use std::net::IpAddr;

const PEER: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 9));

fuzz_target!(|input: (u8, Vec<Vec<u8>>)| {
    let (hops, lines) = input;
    let hops = hops % 9;
    let mut headers = HeaderMap::new();
    for line in &lines {
        if let Ok(v) = HeaderValue::from_bytes(line) {
            headers.append("x-forwarded-for", v);
        }
    }
    let ip = client_addr(PEER, &headers, hops);
    if hops == 0 {
        assert_eq!(ip, PEER);
    }
    if let IpAddr::V6(v6) = ip {
        assert_eq!(v6.segments()[4..], [0, 0, 0, 0], "{ip} is a /64");
    }
    if ip != PEER {
        let text: String = lines
            .iter()
            .map(|l| String::from_utf8_lossy(l).into_owned())
            .collect();
        let named = match ip {
            // Written as is, or as an IPv4-mapped IPv6 address.
            IpAddr::V4(v4) => {
                text.contains(&v4.to_string()) || text.to_ascii_lowercase().contains("::ffff:")
            }
            IpAddr::V6(_) => text.contains(':'),
        };
        assert!(named, "{ip} from {text:?}");
    }
    // A budget refills one request in 20 s: five checks at once allow three.
    let limiter = LocalLimiter::new(Budgets {
        per_client: 3,
        per_link: 3,
        callbacks: 3,
    });
    let allowed = (0..5)
        .filter(|_| limiter.check_now(Budget::Client(ip)).is_ok())
        .count();
    assert_eq!(allowed, 3);
});
