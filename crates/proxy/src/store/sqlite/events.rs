//! Callback events and leases in SQLite: each claim in one write
//! transaction (the file has one writer at a time).

use super::{Sqlite, StoreError};
use crate::store::events::{join, split, Event, NewEvent, Outcome};
use amwal_core::LinkId;
use rusqlite::{params, OptionalExtension, TransactionBehavior};

impl Sqlite {
    pub fn store_event(&self, e: &NewEvent, now: i64) -> Result<bool, StoreError> {
        let added = self.conn()?.execute(
            "INSERT INTO callback_events (id, link_id, transactions, announced, received_at, next_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (id) DO NOTHING",
            params![e.id, e.link.to_string(), join(&e.transactions), e.announced, now],
        )?;
        Ok(added == 1)
    }

    pub fn claim_events(
        &self,
        now: i64,
        lease_secs: i64,
        limit: usize,
    ) -> Result<Vec<Event>, StoreError> {
        let mut db = self.conn()?;
        let t = db.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut stmt = t.prepare(
            "UPDATE callback_events SET claimed_until = ?1 + ?2, attempts = attempts + 1
             WHERE id IN (SELECT id FROM callback_events
                          WHERE state = 'pending' AND next_at <= ?1
                            AND (claimed_until IS NULL OR claimed_until < ?1)
                          ORDER BY next_at LIMIT ?3)
             RETURNING id, link_id, transactions, announced, attempts, received_at",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![now, lease_secs, limit], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
            ))
        })?;
        let mut claimed = Vec::new();
        for row in rows {
            let (id, link, txs, announced, attempts, received_at) = row?;
            claimed.push(Event {
                new: NewEvent {
                    id,
                    link: LinkId::parse(&link)
                        .map_err(|_| StoreError::Corrupt(format!("link id {link:?}")))?,
                    transactions: split(&txs),
                    announced,
                },
                attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                received_at,
            });
        }
        drop(stmt);
        t.commit()?;
        Ok(claimed)
    }

    pub fn finish_event(&self, id: &str, outcome: &Outcome) -> Result<(), StoreError> {
        self.conn()?.execute(
            "UPDATE callback_events SET state = ?2, next_at = COALESCE(?3, next_at),
                    last_error = ?4, claimed_until = NULL
             WHERE id = ?1",
            params![id, outcome.state(), outcome.next_at(), outcome.error()],
        )?;
        Ok(())
    }

    pub fn release_event(&self, id: &str) -> Result<(), StoreError> {
        self.conn()?.execute(
            "UPDATE callback_events SET claimed_until = NULL, attempts = MAX(attempts - 1, 0)
             WHERE id = ?1 AND state = 'pending'",
            [id],
        )?;
        Ok(())
    }

    pub fn forget_events(&self, before: i64) -> Result<u64, StoreError> {
        let gone = self.conn()?.execute(
            "DELETE FROM callback_events WHERE state <> 'pending' AND received_at < ?1",
            [before],
        )?;
        Ok(u64::try_from(gone).unwrap_or(u64::MAX))
    }

    pub fn events_by_state(&self) -> Result<Vec<(String, u64)>, StoreError> {
        let db = self.conn()?;
        let mut stmt = db
            .prepare("SELECT state, COUNT(*) FROM callback_events GROUP BY state ORDER BY state")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let mut counts = Vec::new();
        for row in rows {
            let (state, n) = row?;
            counts.push((state, u64::try_from(n).unwrap_or(0)));
        }
        Ok(counts)
    }

    pub fn take_lease(
        &self,
        name: &str,
        holder: &str,
        now: i64,
        secs: i64,
    ) -> Result<bool, StoreError> {
        let mut db = self.conn()?;
        let t = db.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current: Option<(String, i64)> = t
            .query_row(
                "SELECT holder, until FROM leases WHERE name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let mine = match current {
            Some((other, until)) if other != holder && until >= now => false,
            _ => {
                t.execute(
                    "INSERT INTO leases (name, holder, until) VALUES (?1, ?2, ?3)
                     ON CONFLICT (name) DO UPDATE SET holder = ?2, until = ?3",
                    params![name, holder, now + secs],
                )?;
                true
            }
        };
        t.commit()?;
        Ok(mine)
    }
}
