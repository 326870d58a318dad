//! Idempotency keys in SQLite: each claim in one write transaction, judged
//! by the shared rule.

use super::{LinkRecord, Sqlite, StoreError};
use crate::store::idempotency::{judge, secs, ClaimRules, KeyClaim, KeyRow};
use amwal_core::LinkId;
use rusqlite::{params, OptionalExtension, TransactionBehavior};

const UNIX_NOW: &str = "CAST(strftime('%s', 'now') AS INTEGER)";

impl Sqlite {
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
        let found = t
            .query_row(
                &format!(
                    "SELECT request, state, answer, started_at >= {UNIX_NOW} - ?2
                     FROM idempotency_keys WHERE key = ?1"
                ),
                params![key, secs(rules.in_flight_secs)],
                |r| {
                    Ok(KeyRow {
                        request: r.get(0)?,
                        state: r.get(1)?,
                        answer: r.get(2)?,
                        in_flight: r.get(3)?,
                    })
                },
            )
            .optional()?;
        let existed = found.is_some();
        let claim = judge(found, request, rules);
        match (&claim, existed) {
            (KeyClaim::Claimed, true) => {
                t.execute(
                    &format!(
                        "UPDATE idempotency_keys SET state = 'pending', started_at = {UNIX_NOW}
                         WHERE key = ?1"
                    ),
                    [key],
                )?;
            }
            (KeyClaim::Claimed, false) => {
                t.execute(
                    &format!(
                        "INSERT INTO idempotency_keys (key, request, state, started_at, expires_at)
                         VALUES (?1, ?2, 'pending', {UNIX_NOW}, {UNIX_NOW} + ?3)"
                    ),
                    params![key, request, secs(rules.keep_secs)],
                )?;
            }
            _ => {}
        }
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
