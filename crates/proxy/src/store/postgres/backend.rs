//! The PostgreSQL store as a [`Backend`]. Each write that must happen once
//! is one statement or one transaction holding the row's lock, so proxies
//! racing on the same news agree on who made the change.

use super::{pool_failed, Postgres, NOW, UNIX_NOW};
use crate::store::backend::{Backend, Found, Move};
use crate::store::events::{Event, NewEvent, Outcome};
use crate::store::idempotency::{judge, secs, ClaimRules, KeyClaim, KeyRow};
use crate::store::{LinkRecord, Moved, StoreError};
use amwal_core::LinkId;
use async_trait::async_trait;
use deadpool_postgres::GenericClient;
use tokio_postgres::types::ToSql;

async fn insert_in(db: &impl GenericClient, id: LinkId, r: &LinkRecord) -> Result<(), StoreError> {
    let amount = i64::try_from(r.amount.minor).map_err(|_| StoreError::AmountTooLarge)?;
    db.execute(
        "INSERT INTO links (id, order_id, amount_minor, currency, title, description, return_prefix)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            &id.to_string(),
            &r.order_id,
            &amount,
            &r.amount.currency.code(),
            &r.title,
            &r.description,
            &r.return_prefix,
        ],
    )
    .await?;
    Ok(())
}

async fn find_in(db: &impl GenericClient, id: &LinkId) -> Result<Option<LinkRecord>, StoreError> {
    let row = db
        .query_opt("SELECT * FROM links WHERE id = $1", &[&id.to_string()])
        .await?;
    row.map(|r| Postgres::record(&r).map(|(_, record)| record))
        .transpose()
}

#[async_trait]
impl Backend for Postgres {
    async fn insert(&self, id: LinkId, record: LinkRecord) -> Result<(), StoreError> {
        insert_in(&self.conn().await?, id, &record).await
    }

    async fn find(&self, id: &LinkId) -> Result<Option<LinkRecord>, StoreError> {
        find_in(&self.conn().await?, id).await
    }

    async fn set_transaction(&self, id: &LinkId, tx: &str) -> Result<(), StoreError> {
        let mut db = self.conn().await?;
        let t = db.transaction().await?;
        let id = id.to_string();
        t.execute(
            &format!("UPDATE links SET transaction_id = $2, resolved_at = {NOW} WHERE id = $1"),
            &[&id, &tx],
        )
        .await?;
        t.execute(
            "INSERT INTO transactions (id, link_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[&tx, &id],
        )
        .await?;
        t.commit().await?;
        Ok(())
    }

    async fn find_by_transaction(&self, tx: &str) -> Result<Option<Found>, StoreError> {
        let row = self
            .conn()
            .await?
            .query_opt(
                "SELECT links.* FROM transactions JOIN links ON links.id = transactions.link_id
                 WHERE transactions.id = $1",
                &[&tx],
            )
            .await?;
        row.as_ref().map(Postgres::found).transpose()
    }

    async fn find_by_order(&self, order_id: &str) -> Result<Vec<Found>, StoreError> {
        let rows = self
            .conn()
            .await?
            .query(
                "SELECT * FROM links WHERE order_id = $1 ORDER BY created_at DESC, seq DESC LIMIT 20",
                &[&order_id.trim()],
            )
            .await?;
        rows.iter().map(Postgres::found).collect()
    }

    async fn has_transaction(&self, link: &LinkId, tx: &str) -> Result<bool, StoreError> {
        let row = self
            .conn()
            .await?
            .query_opt(
                "SELECT 1 FROM transactions WHERE id = $1 AND link_id = $2",
                &[&tx, &link.to_string()],
            )
            .await?;
        Ok(row.is_some())
    }

    async fn newest_demo_link(
        &self,
        prefix: &str,
        unopened: bool,
    ) -> Result<Option<LinkId>, StoreError> {
        let row = self
            .conn()
            .await?
            .query_opt(
                "SELECT id FROM links
                 WHERE starts_with(order_id, $1)
                   AND order_state IN ('open', 'failed')
                   AND (NOT $2 OR resolved_at IS NULL)
                 ORDER BY created_at DESC, seq DESC LIMIT 1",
                &[&prefix, &unopened],
            )
            .await?;
        row.map(|r| {
            let id: String = r.try_get(0)?;
            LinkId::parse(&id).map_err(|_| StoreError::Corrupt(format!("link id {id:?}")))
        })
        .transpose()
    }

    async fn list(&self) -> Result<Vec<(String, LinkRecord, String)>, StoreError> {
        let rows = self
            .conn()
            .await?
            .query(
                "SELECT * FROM links ORDER BY created_at DESC, seq DESC",
                &[],
            )
            .await?;
        rows.iter()
            .map(|row| {
                let (id, r) = Postgres::record(row)?;
                Ok((id, r, row.try_get("created_at")?))
            })
            .collect()
    }

    async fn count(&self) -> Result<u64, StoreError> {
        let row = self
            .conn()
            .await?
            .query_one("SELECT COUNT(*) FROM links", &[])
            .await?;
        u64::try_from(row.try_get::<_, i64>(0)?)
            .map_err(|_| StoreError::Corrupt("link count".into()))
    }

    async fn make_move(&self, id: &LinkId, step: Move<'_>) -> Result<Moved, StoreError> {
        let (set, allowed_from) = step.clauses();
        let key = id.to_string();
        let rest = step.args();
        let mut args: Vec<&(dyn ToSql + Sync)> = vec![&key];
        args.extend(rest.iter().map(|a| a as &(dyn ToSql + Sync)));
        let mut db = self.conn().await?;
        // The update waits for a concurrent one on the same row, then sees
        // its result: of racing proxies, one changes the order.
        let t = db.transaction().await?;
        let changed = t
            .execute(
                &format!("UPDATE links SET {set} WHERE id = $1 AND {allowed_from}"),
                &args,
            )
            .await?;
        let now = find_in(&t, id)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("link {id} vanished")))?
            .order;
        t.commit().await?;
        Ok(if changed == 1 {
            Moved::Now(now)
        } else {
            Moved::Already(now)
        })
    }

    async fn due_for_sweep(
        &self,
        window_secs: u64,
        limit: usize,
    ) -> Result<Vec<Found>, StoreError> {
        let mut db = self.conn().await?;
        let t = db.transaction().await?;
        let cutoff = NOW.replace("now()", "(now() - $1::BIGINT * interval '1 second')");
        // SKIP LOCKED: two sweeps at once take different orders.
        let rows = t
            .query(
                &format!(
                    "SELECT * FROM links
                     WHERE order_state IN ('open', 'failed') AND resolved_at IS NOT NULL
                       AND resolved_at >= {cutoff}
                     ORDER BY swept_at IS NOT NULL, swept_at, resolved_at DESC
                     LIMIT $2 FOR UPDATE SKIP LOCKED"
                ),
                &[
                    &secs(window_secs),
                    &i64::try_from(limit).unwrap_or(i64::MAX),
                ],
            )
            .await?;
        let due = rows
            .iter()
            .map(Postgres::found)
            .collect::<Result<Vec<_>, _>>()?;
        let ids: Vec<String> = due.iter().map(|(id, _)| id.to_string()).collect();
        t.execute(
            &format!("UPDATE links SET swept_at = {NOW} WHERE id = ANY($1)"),
            &[&ids],
        )
        .await?;
        t.commit().await?;
        Ok(due)
    }

    async fn claim_key(
        &self,
        key: &str,
        request: &str,
        rules: ClaimRules,
    ) -> Result<KeyClaim, StoreError> {
        let mut db = self.conn().await?;
        let t = db.transaction().await?;
        t.execute(
            &format!("DELETE FROM idempotency_keys WHERE expires_at < {UNIX_NOW}"),
            &[],
        )
        .await?;
        // Of concurrent first uses, one row is inserted; the others wait
        // for it and then read it, locked, below.
        let inserted = t
            .execute(
                &format!(
                    "INSERT INTO idempotency_keys (key, request, state, started_at, expires_at)
                     VALUES ($1, $2, 'pending', {UNIX_NOW}, {UNIX_NOW} + $3)
                     ON CONFLICT (key) DO NOTHING"
                ),
                &[&key, &request, &secs(rules.keep_secs)],
            )
            .await?;
        if inserted == 1 {
            t.commit().await?;
            return Ok(KeyClaim::Claimed);
        }
        let row = t
            .query_opt(
                &format!(
                    "SELECT request, state, answer, started_at >= {UNIX_NOW} - $2
                     FROM idempotency_keys WHERE key = $1 FOR UPDATE"
                ),
                &[&key, &secs(rules.in_flight_secs)],
            )
            .await?;
        let found = row
            .map(|r| -> Result<KeyRow, StoreError> {
                Ok(KeyRow {
                    request: r.try_get(0)?,
                    state: r.try_get(1)?,
                    answer: r.try_get(2)?,
                    in_flight: r.try_get(3)?,
                })
            })
            .transpose()?;
        // Deleted as expired between the insert and the read: a new claim
        // would have inserted it; say busy and let the caller retry.
        let Some(found) = found else {
            return Err(StoreError::Busy);
        };
        let claim = judge(Some(found), request, rules);
        if claim == KeyClaim::Claimed {
            t.execute(
                &format!(
                    "UPDATE idempotency_keys SET state = 'pending', started_at = {UNIX_NOW}
                     WHERE key = $1"
                ),
                &[&key],
            )
            .await?;
        }
        t.commit().await?;
        Ok(claim)
    }

    async fn record_created(
        &self,
        link: LinkId,
        record: LinkRecord,
        key: Option<(&str, &str)>,
    ) -> Result<(), StoreError> {
        let mut db = self.conn().await?;
        let t = db.transaction().await?;
        insert_in(&t, link, &record).await?;
        if let Some((key, answer)) = key {
            t.execute(
                "UPDATE idempotency_keys SET state = 'done', answer = $2 WHERE key = $1",
                &[&key, &answer],
            )
            .await?;
        }
        t.commit().await?;
        Ok(())
    }

    async fn release_key(&self, key: &str) -> Result<(), StoreError> {
        self.conn()
            .await?
            .execute(
                "DELETE FROM idempotency_keys WHERE key = $1 AND state = 'pending'",
                &[&key],
            )
            .await?;
        Ok(())
    }

    async fn key_outcome_unknown(&self, key: &str) -> Result<(), StoreError> {
        self.conn()
            .await?
            .execute(
                "UPDATE idempotency_keys SET state = 'unknown' WHERE key = $1 AND state = 'pending'",
                &[&key],
            )
            .await?;
        Ok(())
    }

    async fn order_is_paid(&self, order_id: &str) -> Result<bool, StoreError> {
        let row = self
            .conn()
            .await?
            .query_opt(
                "SELECT 1 FROM links WHERE order_id = $1
                 AND order_state IN ('paid', 'partially_refunded') LIMIT 1",
                &[&order_id.trim()],
            )
            .await?;
        Ok(row.is_some())
    }

    async fn ready(&self) -> Result<(), StoreError> {
        let db = self.pool.get().await.map_err(pool_failed)?;
        if super::migrations::is_current(&db).await? {
            Ok(())
        } else {
            Err(StoreError::Database("schema not migrated".into()))
        }
    }

    async fn store_event(&self, event: &NewEvent, now: i64) -> Result<bool, StoreError> {
        self.store_event_in(event, now).await
    }

    async fn claim_events(
        &self,
        now: i64,
        lease_secs: i64,
        limit: usize,
    ) -> Result<Vec<Event>, StoreError> {
        self.claim_events_in(now, lease_secs, limit).await
    }

    async fn finish_event(&self, id: &str, outcome: &Outcome) -> Result<(), StoreError> {
        self.finish_event_in(id, outcome).await
    }

    async fn release_event(&self, id: &str) -> Result<(), StoreError> {
        self.release_event_in(id).await
    }

    async fn forget_events(&self, before: i64) -> Result<u64, StoreError> {
        self.forget_events_in(before).await
    }

    async fn events_by_state(&self) -> Result<Vec<(String, u64)>, StoreError> {
        self.events_by_state_in().await
    }

    async fn take_lease(
        &self,
        name: &str,
        holder: &str,
        now: i64,
        secs: i64,
    ) -> Result<bool, StoreError> {
        self.take_lease_in(name, holder, now, secs).await
    }
}
