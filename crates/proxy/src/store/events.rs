//! Amwal's deliveries as the store keeps them between the 200 and the
//! order's move: what was announced, for which link and transactions, and
//! how working it went.

use amwal_core::LinkId;

/// A verified delivery, as stored before it is acknowledged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    /// Its kind, transaction and announced status: a redelivery (or the
    /// same news to another instance) is the same event.
    pub id: String,
    pub link: LinkId,
    /// Transactions to try, most specific first (may be none).
    pub transactions: Vec<String>,
    /// The status word or event type the sender announced.
    pub announced: String,
}

/// A stored event a worker has claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub new: NewEvent,
    /// Tries so far, this one included.
    pub attempts: u32,
    /// Unix milliseconds.
    pub received_at: i64,
}

/// How working an event went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Amwal's record was applied (or there was nothing to apply).
    Done,
    /// Not yet (Amwal's record lags, or Amwal or the store failed): again
    /// at `at` (Unix milliseconds).
    RetryAt { at: i64, error: String },
    /// Retried for long enough: the periodic sweep looks at the order.
    LeftToSweep { error: String },
}

impl Outcome {
    pub fn state(&self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::RetryAt { .. } => "pending",
            Outcome::LeftToSweep { .. } => "left_to_sweep",
        }
    }

    pub fn next_at(&self) -> Option<i64> {
        match self {
            Outcome::RetryAt { at, .. } => Some(*at),
            _ => None,
        }
    }

    pub fn error(&self) -> Option<&str> {
        match self {
            Outcome::Done => None,
            Outcome::RetryAt { error, .. } | Outcome::LeftToSweep { error } => Some(error),
        }
    }
}

/// Transactions as one text column (ids hold no line breaks).
pub(super) fn join(transactions: &[String]) -> String {
    transactions.join("\n")
}

pub(super) fn split(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Now, in Unix milliseconds (the stores' clock for events and leases).
pub fn unix_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// The longest wait between two tries of one event.
const MAX_BACKOFF_MS: i64 = 600_000;

/// How events are retried.
#[derive(Debug, Clone, Copy)]
pub struct RetryRules {
    /// The first wait; each try doubles it (Amwal's own redelivery waits
    /// 2, 4, 8, 16 seconds).
    pub unit_ms: u64,
    /// How long after receipt an event is still tried.
    pub for_ms: i64,
    /// How long a worker holds an event it claimed (past one event's work:
    /// two calls to Amwal).
    pub lease_ms: i64,
}

/// The next try of an event tried `attempts` times, or none past the horizon.
pub fn next_try(rules: RetryRules, attempts: u32, received_at: i64, now: i64) -> Option<i64> {
    let unit = i64::try_from(rules.unit_ms).unwrap_or(i64::MAX);
    let wait = unit
        .saturating_mul(1_i64 << attempts.min(20))
        .min(MAX_BACKOFF_MS);
    let at = now.saturating_add(wait);
    (at <= received_at.saturating_add(rules.for_ms)).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tries_back_off_doubling_and_stop_at_the_horizon() {
        let rules = RetryRules {
            unit_ms: 1_000,
            for_ms: 3_600_000,
            lease_ms: 60_000,
        };
        let received = 0;
        assert_eq!(next_try(rules, 1, received, 0), Some(2_000));
        assert_eq!(next_try(rules, 3, received, 10_000), Some(18_000));
        // Never more than ten minutes apart.
        assert_eq!(next_try(rules, 30, received, 100_000), Some(700_000));
        // Past an hour after receipt: no more tries.
        assert_eq!(next_try(rules, 12, received, 3_100_000), None);
        assert_eq!(next_try(rules, 12, received, 2_900_000), Some(3_500_000));
    }
}
