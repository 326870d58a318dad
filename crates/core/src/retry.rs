//! When the widget may try a request again, and after how long.
//!
//! Resolve has side effects upstream (SMS, account creation), so it is
//! retried only when it certainly never reached the proxy, or when the proxy
//! refused it for load (429/503). The status call is idempotent and may also
//! retry gateway errors and its own timeouts. At most two retries, with
//! jittered exponential backoff; a `Retry-After` longer than the shopper
//! should wait means no retry at all.

/// Which call failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Call {
    Resolve,
    Status,
}

/// How it failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// `fetch` rejected before any response: the request never got an answer
    /// and (for a refused connection) never reached the server.
    NeverReached,
    /// Our own deadline aborted it: the server may have acted on it.
    TimedOut,
    /// An HTTP error status, with `Retry-After` in seconds if given.
    Status {
        code: u16,
        retry_after_secs: Option<u32>,
    },
    /// A response whose body was not what the API promises.
    BadBody,
}

pub const MAX_RETRIES: u32 = 2;
const BASE_DELAY_MS: u32 = 500;
/// Longest the widget waits before a retry, Retry-After included.
pub const MAX_DELAY_MS: u32 = 8_000;

/// The delay before retry number `retries_done + 1`, or `None` for no retry.
/// `jitter` is any number (from the browser's random source); only
/// `jitter % 1000` is used.
pub fn retry_delay_ms(call: Call, failure: Failure, retries_done: u32, jitter: u32) -> Option<u32> {
    if retries_done >= MAX_RETRIES {
        return None;
    }
    let retry_after = match (call, failure) {
        (_, Failure::NeverReached) => None,
        (
            _,
            Failure::Status {
                code: 429 | 503,
                retry_after_secs,
            },
        ) => retry_after_secs,
        (Call::Status, Failure::TimedOut) => None,
        (
            Call::Status,
            Failure::Status {
                code: 502 | 504, ..
            },
        ) => None,
        _ => return None,
    };
    // "Equal jitter": half the backoff fixed, half random.
    let backoff = BASE_DELAY_MS << retries_done.min(4);
    let jittered = backoff / 2 + (backoff / 2) * (jitter % 1000) / 1000;
    let wait = match retry_after {
        Some(secs) => secs.saturating_mul(1000).max(jittered),
        None => jittered,
    };
    (wait <= MAX_DELAY_MS).then_some(wait)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16) -> Failure {
        Failure::Status {
            code,
            retry_after_secs: None,
        }
    }

    #[test]
    fn resolve_is_retried_only_when_it_never_reached_the_proxy_or_for_load() {
        assert!(retry_delay_ms(Call::Resolve, Failure::NeverReached, 0, 0).is_some());
        assert!(retry_delay_ms(Call::Resolve, status(429), 0, 0).is_some());
        assert!(retry_delay_ms(Call::Resolve, status(503), 0, 0).is_some());
        for no in [
            Failure::TimedOut,
            status(502),
            status(504),
            status(500),
            status(400),
            Failure::BadBody,
        ] {
            assert_eq!(retry_delay_ms(Call::Resolve, no, 0, 0), None, "{no:?}");
        }
    }

    #[test]
    fn status_checks_also_retry_gateway_errors_and_timeouts() {
        for yes in [
            Failure::TimedOut,
            status(502),
            status(504),
            status(503),
            Failure::NeverReached,
        ] {
            assert!(retry_delay_ms(Call::Status, yes, 0, 0).is_some(), "{yes:?}");
        }
        assert_eq!(retry_delay_ms(Call::Status, status(404), 0, 0), None);
    }

    #[test]
    fn at_most_two_retries_with_growing_jittered_delays() {
        let f = Failure::NeverReached;
        assert_eq!(retry_delay_ms(Call::Resolve, f, 0, 0), Some(250));
        assert_eq!(retry_delay_ms(Call::Resolve, f, 0, 999), Some(499));
        assert_eq!(retry_delay_ms(Call::Resolve, f, 1, 0), Some(500));
        assert_eq!(retry_delay_ms(Call::Resolve, f, 1, 500), Some(750));
        assert_eq!(retry_delay_ms(Call::Resolve, f, 2, 0), None);
    }

    #[test]
    fn retry_after_is_honoured_unless_it_is_too_long_to_wait() {
        let busy = |secs| Failure::Status {
            code: 503,
            retry_after_secs: Some(secs),
        };
        assert_eq!(retry_delay_ms(Call::Resolve, busy(3), 0, 0), Some(3_000));
        assert_eq!(retry_delay_ms(Call::Resolve, busy(120), 0, 0), None);
        assert_eq!(retry_delay_ms(Call::Resolve, busy(u32::MAX), 0, 0), None);
    }
}
