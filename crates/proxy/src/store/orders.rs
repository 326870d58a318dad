//! The order-state moves, each one conditional update, and the sweep's
//! pick of the orders to look at again.

use super::{LinkRecord, LinkStore, Moved, StoreError, NOW};
use amwal_core::LinkId;
use rusqlite::{params, TransactionBehavior};

impl LinkStore {
    /// open or failed → paid by `tx`, recording what Amwal charged.
    pub fn mark_paid(
        &self,
        id: &LinkId,
        tx: &str,
        total: Option<&str>,
    ) -> Result<Moved, StoreError> {
        self.make_move(
            id,
            "order_state = 'paid', paid_transaction = ?2, paid_total = ?3",
            "order_state IN ('open', 'failed')",
            params![id.to_string(), tx, total],
        )
    }

    /// open → failed.
    pub fn mark_failed(&self, id: &LinkId) -> Result<Moved, StoreError> {
        self.make_move(
            id,
            "order_state = 'failed'",
            "order_state = 'open'",
            params![id.to_string()],
        )
    }

    /// paid (or partially refunded) → refunded, or paid → partially
    /// refunded; only for the transaction that paid it.
    pub fn mark_refunded(&self, id: &LinkId, tx: &str, partial: bool) -> Result<Moved, StoreError> {
        let (set, from) = if partial {
            ("order_state = 'partially_refunded'", "order_state = 'paid'")
        } else {
            (
                "order_state = 'refunded'",
                "order_state IN ('paid', 'partially_refunded')",
            )
        };
        self.make_move(
            id,
            set,
            &format!("{from} AND paid_transaction = ?2"),
            params![id.to_string(), tx],
        )
    }

    /// One conditional update: two callers making the same move at once
    /// change the order once; the other is told it already happened.
    fn make_move(
        &self,
        id: &LinkId,
        set: &str,
        allowed_from: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Moved, StoreError> {
        // One write transaction for the update and the read, so the state
        // reported is the one this update left.
        let mut db = self.conn()?;
        let t = db.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let changed = t.execute(
            &format!("UPDATE links SET {set} WHERE id = ?1 AND {allowed_from}"),
            args,
        )?;
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
    pub fn due_for_sweep(
        &self,
        window_secs: u64,
        limit: usize,
    ) -> Result<Vec<(LinkId, LinkRecord)>, StoreError> {
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

#[cfg(test)]
mod tests {
    use super::super::OrderState;
    use super::*;

    fn new_link(store: &LinkStore) -> LinkId {
        store.insert_for_test()
    }

    fn paid(tx: &str) -> OrderState {
        OrderState::Paid {
            transaction_id: tx.into(),
        }
    }

    #[test]
    fn only_the_allowed_moves_happen_and_each_happens_once() {
        let store = LinkStore::in_memory();
        let link = new_link(&store);
        assert_eq!(store.mark_failed(&link), Ok(Moved::Now(OrderState::Failed)));
        assert_eq!(
            store.mark_failed(&link),
            Ok(Moved::Already(OrderState::Failed))
        );
        // A declined card, then a good one.
        assert_eq!(
            store.mark_paid(&link, "tx2", Some("10.00")),
            Ok(Moved::Now(paid("tx2")))
        );
        assert_eq!(
            store.mark_paid(&link, "tx2", None),
            Ok(Moved::Already(paid("tx2")))
        );
        // Nothing un-pays it, and no other transaction takes it over.
        assert_eq!(store.mark_failed(&link), Ok(Moved::Already(paid("tx2"))));
        assert_eq!(
            store.mark_paid(&link, "tx3", None),
            Ok(Moved::Already(paid("tx2")))
        );
        // Only the paying transaction's refund counts.
        assert_eq!(
            store.mark_refunded(&link, "tx1", false),
            Ok(Moved::Already(paid("tx2")))
        );
        let part = OrderState::PartiallyRefunded {
            transaction_id: "tx2".into(),
        };
        assert_eq!(
            store.mark_refunded(&link, "tx2", true),
            Ok(Moved::Now(part.clone()))
        );
        assert_eq!(
            store.mark_refunded(&link, "tx2", true),
            Ok(Moved::Already(part))
        );
        let full = OrderState::Refunded {
            transaction_id: "tx2".into(),
        };
        assert_eq!(
            store.mark_refunded(&link, "tx2", false),
            Ok(Moved::Now(full.clone()))
        );
        for again in [
            store.mark_paid(&link, "tx2", None),
            store.mark_failed(&link),
            store.mark_refunded(&link, "tx2", true),
        ] {
            assert_eq!(again, Ok(Moved::Already(full.clone())));
        }
        // An open order cannot be refunded.
        let open = new_link(&store);
        assert_eq!(
            store.mark_refunded(&open, "tx", false),
            Ok(Moved::Already(OrderState::Open))
        );
    }

    #[test]
    fn the_sweep_sees_resolved_unfinished_orders_longest_unswept_first() {
        let store = LinkStore::in_memory();
        let never_resolved = new_link(&store);
        let (a, b, c) = (new_link(&store), new_link(&store), new_link(&store));
        for l in [a, b, c] {
            store.set_transaction(&l, &format!("tx-{l}")).expect("tx");
        }
        store.mark_paid(&c, &format!("tx-{c}"), None).expect("paid");
        let first: Vec<LinkId> = store
            .due_for_sweep(3600, 1)
            .expect("due")
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let second: Vec<LinkId> = store
            .due_for_sweep(3600, 1)
            .expect("due")
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(first.len() + second.len(), 2);
        assert_ne!(first, second, "round robin: the one swept waits its turn");
        let all: Vec<LinkId> = store
            .due_for_sweep(3600, 10)
            .expect("due")
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert!(all.contains(&a) && all.contains(&b), "{all:?}");
        assert!(!all.contains(&c), "paid orders are done");
        assert!(!all.contains(&never_resolved), "nothing to look up yet");
        // Outside the window: resolved at least a second ago, window 0 s.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert_eq!(store.due_for_sweep(0, 10).expect("due").len(), 0);
    }
}
