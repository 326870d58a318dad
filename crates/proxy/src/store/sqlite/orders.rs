//! The order-state moves, each one conditional update, and the sweep's
//! pick of the orders to look at again.

use super::{Found, Sqlite, StoreError, NOW};
use crate::store::backend::Move;
use crate::store::Moved;
use amwal_core::LinkId;
use rusqlite::{params, params_from_iter, TransactionBehavior};

impl Sqlite {
    /// One conditional update: two callers making the same move at once
    /// change the order once; the other is told it already happened.
    pub fn make_move(&self, id: &LinkId, step: Move<'_>) -> Result<Moved, StoreError> {
        let (set, allowed_from) = step.clauses();
        let args = std::iter::once(Some(id.to_string()))
            .chain(step.args().into_iter().map(|a| a.map(str::to_owned)));
        // One write transaction for the update and the read, so the state
        // reported is the one this update left.
        let mut db = self.conn()?;
        let t = db.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // `?N` is SQLite's numbered parameter (its `$N` is a name).
        let sql = format!("UPDATE links SET {set} WHERE id = $1 AND {allowed_from}");
        let changed = t.execute(&sql.replace('$', "?"), params_from_iter(args))?;
        let now = Self::find_in(&t, id)?
            .ok_or_else(|| StoreError::Corrupt(format!("link {id} vanished")))?
            .order;
        t.commit()?;
        Ok(if changed == 1 {
            Moved::Now(now)
        } else {
            Moved::Already(now)
        })
    }

    /// Up to `limit` orders resolved within `window_secs` and still open or
    /// failed, those swept longest ago (or never) first; each is marked
    /// swept now.
    pub fn due_for_sweep(&self, window_secs: u64, limit: usize) -> Result<Vec<Found>, StoreError> {
        let mut db = self.conn()?;
        let t = db.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut stmt = t.prepare(
            "SELECT * FROM links
             WHERE order_state IN ('open', 'failed') AND resolved_at IS NOT NULL
               AND resolved_at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?1)
             ORDER BY swept_at IS NOT NULL, swept_at, resolved_at DESC
             LIMIT ?2",
        )?;
        let window = format!("-{window_secs} seconds");
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![window, limit], Self::row)?;
        let mut due = Vec::new();
        for row in rows {
            let (id, r) = row?;
            let id =
                LinkId::parse(&id).map_err(|_| StoreError::Corrupt(format!("link id {id:?}")))?;
            due.push((id, r));
        }
        drop(stmt);
        for (id, _) in &due {
            t.execute(
                &format!("UPDATE links SET swept_at = {NOW} WHERE id = ?1"),
                [id.to_string()],
            )?;
        }
        t.commit()?;
        Ok(due)
    }
}
