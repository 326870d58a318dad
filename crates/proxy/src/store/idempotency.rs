//! Idempotency keys of creates, as rows: claimed before Amwal is asked, so
//! a concurrent duplicate sees the claim and a retry after a restart finds
//! the answer. A create whose outcome is unknown (Amwal's answer never
//! came) stays so until the caller decides it may be made again. The rule
//! is here; each backend reads and writes the row in one transaction.

/// What a key says about a create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyClaim {
    /// New (or taken over): this caller makes the link.
    Claimed,
    /// Made before: the answer given then (JSON).
    Done(String),
    /// Another request with this key is being made now.
    InProgress,
    /// Asked of Amwal before without an answer: the link may exist.
    Unknown,
    /// The key was used for a different request.
    Reused,
}

/// How a claim is judged.
#[derive(Debug, Clone, Copy)]
pub struct ClaimRules {
    /// A claim older than this is no longer in flight (its request was cut
    /// off, or its process died): its outcome is unknown.
    pub in_flight_secs: u64,
    /// Keys are forgotten this long after their first use.
    pub keep_secs: u64,
    /// Whether an unknown outcome may be made again (no one can have
    /// received the lost link).
    pub may_retake: bool,
}

/// A key's row as found, read inside the claiming transaction.
pub struct KeyRow {
    pub request: String,
    pub state: String,
    pub answer: Option<String>,
    /// Claimed less than `in_flight_secs` ago.
    pub in_flight: bool,
}

/// What a claim finds, given the row (if any); `Claimed` over an existing
/// row means the caller takes it over (sets it pending again).
pub fn judge(found: Option<KeyRow>, request: &str, rules: ClaimRules) -> KeyClaim {
    let Some(row) = found else {
        return KeyClaim::Claimed;
    };
    match (row.state.as_str(), row.answer) {
        _ if row.request != request => KeyClaim::Reused,
        ("done", Some(answer)) => KeyClaim::Done(answer),
        ("pending", _) if row.in_flight => KeyClaim::InProgress,
        _ if !rules.may_retake => KeyClaim::Unknown,
        _ => KeyClaim::Claimed,
    }
}

pub(super) fn secs(s: u64) -> i64 {
    i64::try_from(s).unwrap_or(i64::MAX)
}
