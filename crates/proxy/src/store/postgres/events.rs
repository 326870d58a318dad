//! Callback events and leases in PostgreSQL: claims skip rows another
//! instance's worker has locked, so each event goes to one worker.

use super::Postgres;
use crate::store::events::{join, split, Event, NewEvent, Outcome};
use crate::store::StoreError;
use amwal_core::LinkId;

impl Postgres {
    pub(super) async fn store_event_in(&self, e: &NewEvent, now: i64) -> Result<bool, StoreError> {
        let added = self
            .conn()
            .await?
            .execute(
                "INSERT INTO callback_events (id, link_id, transactions, announced, received_at, next_at)
                 VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (id) DO NOTHING",
                &[&e.id, &e.link.to_string(), &join(&e.transactions), &e.announced, &now],
            )
            .await?;
        Ok(added == 1)
    }

    pub(super) async fn claim_events_in(
        &self,
        now: i64,
        lease_secs: i64,
        limit: usize,
    ) -> Result<Vec<Event>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self
            .conn()
            .await?
            .query(
                "UPDATE callback_events SET claimed_until = $1::BIGINT + $2::BIGINT, attempts = attempts + 1
                 WHERE id IN (SELECT id FROM callback_events
                              WHERE state = 'pending' AND next_at <= $1::BIGINT
                                AND (claimed_until IS NULL OR claimed_until < $1)
                              ORDER BY next_at LIMIT $3 FOR UPDATE SKIP LOCKED)
                 RETURNING id, link_id, transactions, announced, attempts, received_at",
                &[&now, &lease_secs, &limit],
            )
            .await?;
        rows.iter()
            .map(|r| {
                let link: String = r.try_get(1)?;
                let txs: String = r.try_get(2)?;
                Ok(Event {
                    new: NewEvent {
                        id: r.try_get(0)?,
                        link: LinkId::parse(&link)
                            .map_err(|_| StoreError::Corrupt(format!("link id {link:?}")))?,
                        transactions: split(&txs),
                        announced: r.try_get(3)?,
                    },
                    attempts: u32::try_from(r.try_get::<_, i64>(4)?).unwrap_or(u32::MAX),
                    received_at: r.try_get(5)?,
                })
            })
            .collect()
    }

    pub(super) async fn finish_event_in(&self, id: &str, o: &Outcome) -> Result<(), StoreError> {
        self.conn()
            .await?
            .execute(
                "UPDATE callback_events SET state = $2, next_at = COALESCE($3, next_at),
                        last_error = $4, claimed_until = NULL
                 WHERE id = $1",
                &[&id, &o.state(), &o.next_at(), &o.error()],
            )
            .await?;
        Ok(())
    }

    pub(super) async fn release_event_in(&self, id: &str) -> Result<(), StoreError> {
        self.conn()
            .await?
            .execute(
                "UPDATE callback_events SET claimed_until = NULL, attempts = GREATEST(attempts - 1, 0)
                 WHERE id = $1 AND state = 'pending'",
                &[&id],
            )
            .await?;
        Ok(())
    }

    pub(super) async fn forget_events_in(&self, before: i64) -> Result<u64, StoreError> {
        Ok(self
            .conn()
            .await?
            .execute(
                "DELETE FROM callback_events WHERE state <> 'pending' AND received_at < $1",
                &[&before],
            )
            .await?)
    }

    pub(super) async fn events_by_state_in(&self) -> Result<Vec<(String, u64)>, StoreError> {
        let rows = self
            .conn()
            .await?
            .query(
                "SELECT state, COUNT(*) FROM callback_events GROUP BY state ORDER BY state",
                &[],
            )
            .await?;
        rows.iter()
            .map(|r| {
                let n: i64 = r.try_get(1)?;
                Ok((r.try_get(0)?, u64::try_from(n).unwrap_or(0)))
            })
            .collect()
    }

    pub(super) async fn take_lease_in(
        &self,
        name: &str,
        holder: &str,
        now: i64,
        secs: i64,
    ) -> Result<bool, StoreError> {
        // One statement: a new lease, a renewal, or taking over one that
        // ran out; nothing while another holder's runs.
        let taken = self
            .conn()
            .await?
            .execute(
                "INSERT INTO leases (name, holder, until) VALUES ($1, $2, $3::BIGINT + $4::BIGINT)
                 ON CONFLICT (name) DO UPDATE SET holder = $2, until = $3::BIGINT + $4::BIGINT
                 WHERE leases.holder = $2 OR leases.until < $3",
                &[&name, &holder, &now, &secs],
            )
            .await?;
        Ok(taken == 1)
    }
}
