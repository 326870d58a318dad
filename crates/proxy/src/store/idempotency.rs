//! Idempotency keys of creates, as rows: claimed before Amwal is asked, so
//! a concurrent duplicate sees the claim and a retry after a restart finds
//! the answer. A create whose outcome is unknown (Amwal's answer never
//! came) stays so until the caller decides it may be made again.

use super::{LinkRecord, LinkStore, StoreError};
use amwal_core::LinkId;
use rusqlite::{params, OptionalExtension, TransactionBehavior};

const UNIX_NOW: &str = "CAST(strftime('%s', 'now') AS INTEGER)";

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

impl LinkStore {
    /// Claims `key` for `request` (its canonical text), in one write
    /// transaction: of concurrent callers, exactly one gets `Claimed`.
    pub fn claim_key(
        &self,
        key: &str,
        request: &str,
        rules: ClaimRules,
    ) -> Result<KeyClaim, StoreError> {
        let mut db = self.conn()?;
        let t = db.transaction_with_behavior(TransactionBehavior::Immediate)?;
        t.execute(
            &format!("DELETE FROM idempotency_keys WHERE expires_at < {UNIX_NOW}"),
            [],
        )?;
        let found: Option<(String, String, Option<String>, bool)> = t
            .query_row(
                &format!(
                    "SELECT request, state, answer, started_at >= {UNIX_NOW} - ?2
                     FROM idempotency_keys WHERE key = ?1"
                ),
                params![key, secs(rules.in_flight_secs)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let claim = match found {
            Some((earlier, ..)) if earlier != request => KeyClaim::Reused,
            Some((_, state, Some(answer), _)) if state == "done" => KeyClaim::Done(answer),
            Some((_, state, _, true)) if state == "pending" => KeyClaim::InProgress,
            Some(_) if !rules.may_retake => KeyClaim::Unknown,
            Some(_) => {
                t.execute(
                    &format!(
                        "UPDATE idempotency_keys SET state = 'pending', started_at = {UNIX_NOW}
                         WHERE key = ?1"
                    ),
                    [key],
                )?;
                KeyClaim::Claimed
            }
            None => {
                t.execute(
                    &format!(
                        "INSERT INTO idempotency_keys (key, request, state, started_at, expires_at)
                         VALUES (?1, ?2, 'pending', {UNIX_NOW}, {UNIX_NOW} + ?3)"
                    ),
                    params![key, request, secs(rules.keep_secs)],
                )?;
                KeyClaim::Claimed
            }
        };
        t.commit()?;
        Ok(claim)
    }

    /// Records a link Amwal made and, in the same transaction, the answer
    /// its key gives from now on.
    pub fn record_created(
        &self,
        link: LinkId,
        record: LinkRecord,
        key: Option<(&str, &str)>,
    ) -> Result<(), StoreError> {
        let mut db = self.conn()?;
        let t = db.transaction_with_behavior(TransactionBehavior::Immediate)?;
        Self::insert_in(&t, link, &record)?;
        if let Some((key, answer)) = key {
            t.execute(
                "UPDATE idempotency_keys SET state = 'done', answer = ?2 WHERE key = ?1",
                params![key, answer],
            )?;
        }
        t.commit()?;
        Ok(())
    }

    /// Amwal refused the create: nothing was made, the key is free again.
    pub fn release_key(&self, key: &str) -> Result<(), StoreError> {
        self.conn()?.execute(
            "DELETE FROM idempotency_keys WHERE key = ?1 AND state = 'pending'",
            [key],
        )?;
        Ok(())
    }

    /// Amwal's answer never came: the link may exist.
    pub fn key_outcome_unknown(&self, key: &str) -> Result<(), StoreError> {
        self.conn()?.execute(
            "UPDATE idempotency_keys SET state = 'unknown' WHERE key = ?1 AND state = 'pending'",
            [key],
        )?;
        Ok(())
    }

    /// Whether the merchant's order holds money through one of its links
    /// (paid, or only partly refunded).
    pub fn order_is_paid(&self, order_id: &str) -> Result<bool, StoreError> {
        let found: Option<i64> = self
            .conn()?
            .query_row(
                "SELECT 1 FROM links WHERE order_id = ?1
                 AND order_state IN ('paid', 'partially_refunded') LIMIT 1",
                [order_id.trim()],
                |r| r.get(0),
            )
            .optional()?;
        Ok(found.is_some())
    }
}

fn secs(s: u64) -> i64 {
    i64::try_from(s).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: ClaimRules = ClaimRules {
        in_flight_secs: 30,
        keep_secs: 86_400,
        may_retake: false,
    };

    #[test]
    fn a_key_is_claimed_once_answered_after_and_refused_for_another_request() {
        let store = LinkStore::in_memory();
        assert_eq!(store.claim_key("k", "{a}", RULES), Ok(KeyClaim::Claimed));
        assert_eq!(store.claim_key("k", "{a}", RULES), Ok(KeyClaim::InProgress));
        assert_eq!(store.claim_key("k", "{b}", RULES), Ok(KeyClaim::Reused));
        let link = LinkId::from_uuid(uuid::Uuid::new_v4());
        let record = LinkRecord::for_test("1");
        store
            .record_created(link, record, Some(("k", "\"answer\"")))
            .expect("recorded");
        assert_eq!(
            store.claim_key("k", "{a}", RULES),
            Ok(KeyClaim::Done("\"answer\"".into()))
        );
    }

    #[test]
    fn an_unknown_outcome_is_retaken_only_when_allowed_and_a_refusal_frees_the_key() {
        let store = LinkStore::in_memory();
        assert_eq!(store.claim_key("k", "r", RULES), Ok(KeyClaim::Claimed));
        store.key_outcome_unknown("k").expect("marked");
        assert_eq!(store.claim_key("k", "r", RULES), Ok(KeyClaim::Unknown));
        let retake = ClaimRules {
            may_retake: true,
            ..RULES
        };
        assert_eq!(store.claim_key("k", "r", retake), Ok(KeyClaim::Claimed));
        store.release_key("k").expect("released");
        assert_eq!(store.claim_key("k", "other", RULES), Ok(KeyClaim::Claimed));
        // A claim whose request was cut off long ago is no longer in flight.
        let stale = ClaimRules {
            in_flight_secs: 0,
            ..RULES
        };
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert_eq!(store.claim_key("k", "other", stale), Ok(KeyClaim::Unknown));
    }
}
