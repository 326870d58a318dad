//! The SQLite store as a [`Backend`]: each call on a blocking thread.

use super::Sqlite;
use crate::store::backend::{Backend, Found, Move};
use crate::store::events::{Event, NewEvent, Outcome};
use crate::store::idempotency::{ClaimRules, KeyClaim};
use crate::store::{LinkRecord, Moved, StoreError};
use amwal_core::LinkId;
use async_trait::async_trait;

#[async_trait]
impl Backend for Sqlite {
    async fn insert(&self, id: LinkId, record: LinkRecord) -> Result<(), StoreError> {
        self.run(move |s| s.insert(id, record)).await
    }

    async fn find(&self, id: &LinkId) -> Result<Option<LinkRecord>, StoreError> {
        let id = *id;
        self.run(move |s| s.find(&id)).await
    }

    async fn set_transaction(&self, id: &LinkId, tx: &str) -> Result<(), StoreError> {
        let (id, tx) = (*id, tx.to_owned());
        self.run(move |s| s.set_transaction(&id, &tx)).await
    }

    async fn find_by_transaction(&self, tx: &str) -> Result<Option<Found>, StoreError> {
        let tx = tx.to_owned();
        self.run(move |s| s.find_by_transaction(&tx)).await
    }

    async fn find_by_order(&self, order_id: &str) -> Result<Vec<Found>, StoreError> {
        let order_id = order_id.to_owned();
        self.run(move |s| s.find_by_order(&order_id)).await
    }

    async fn has_transaction(&self, link: &LinkId, tx: &str) -> Result<bool, StoreError> {
        let (link, tx) = (*link, tx.to_owned());
        self.run(move |s| s.has_transaction(&link, &tx)).await
    }

    async fn newest_demo_link(
        &self,
        prefix: &str,
        unopened: bool,
    ) -> Result<Option<LinkId>, StoreError> {
        let prefix = prefix.to_owned();
        self.run(move |s| s.newest_demo_link(&prefix, unopened))
            .await
    }

    async fn list(&self) -> Result<Vec<(String, LinkRecord, String)>, StoreError> {
        self.run(|s| s.list()).await
    }

    async fn count(&self) -> Result<u64, StoreError> {
        self.run(|s| s.count()).await
    }

    async fn make_move(&self, id: &LinkId, step: Move<'_>) -> Result<Moved, StoreError> {
        let id = *id;
        let owned = OwnedMove::from(step);
        self.run(move |s| s.make_move(&id, owned.as_move())).await
    }

    async fn due_for_sweep(
        &self,
        window_secs: u64,
        limit: usize,
    ) -> Result<Vec<Found>, StoreError> {
        self.run(move |s| s.due_for_sweep(window_secs, limit)).await
    }

    async fn claim_key(
        &self,
        key: &str,
        request: &str,
        rules: ClaimRules,
    ) -> Result<KeyClaim, StoreError> {
        let (key, request) = (key.to_owned(), request.to_owned());
        self.run(move |s| s.claim_key(&key, &request, rules)).await
    }

    async fn record_created(
        &self,
        link: LinkId,
        record: LinkRecord,
        key: Option<(&str, &str)>,
    ) -> Result<(), StoreError> {
        let key = key.map(|(k, a)| (k.to_owned(), a.to_owned()));
        self.run(move |s| s.record_created(link, record, key.as_ref().map(|(k, a)| (&**k, &**a))))
            .await
    }

    async fn release_key(&self, key: &str) -> Result<(), StoreError> {
        let key = key.to_owned();
        self.run(move |s| s.release_key(&key)).await
    }

    async fn key_outcome_unknown(&self, key: &str) -> Result<(), StoreError> {
        let key = key.to_owned();
        self.run(move |s| s.key_outcome_unknown(&key)).await
    }

    async fn order_is_paid(&self, order_id: &str) -> Result<bool, StoreError> {
        let order_id = order_id.to_owned();
        self.run(move |s| s.order_is_paid(&order_id)).await
    }

    async fn ready(&self) -> Result<(), StoreError> {
        self.run(|s| s.count().map(|_| ())).await
    }

    async fn store_event(&self, event: &NewEvent, now: i64) -> Result<bool, StoreError> {
        let event = event.clone();
        self.run(move |s| s.store_event(&event, now)).await
    }

    async fn claim_events(
        &self,
        now: i64,
        lease_secs: i64,
        limit: usize,
    ) -> Result<Vec<Event>, StoreError> {
        self.run(move |s| s.claim_events(now, lease_secs, limit))
            .await
    }

    async fn finish_event(&self, id: &str, outcome: &Outcome) -> Result<(), StoreError> {
        let (id, outcome) = (id.to_owned(), outcome.clone());
        self.run(move |s| s.finish_event(&id, &outcome)).await
    }

    async fn release_event(&self, id: &str) -> Result<(), StoreError> {
        let id = id.to_owned();
        self.run(move |s| s.release_event(&id)).await
    }

    async fn forget_events(&self, before: i64) -> Result<u64, StoreError> {
        self.run(move |s| s.forget_events(before)).await
    }

    async fn events_by_state(&self) -> Result<Vec<(String, u64)>, StoreError> {
        self.run(|s| s.events_by_state()).await
    }

    async fn take_lease(
        &self,
        name: &str,
        holder: &str,
        now: i64,
        secs: i64,
    ) -> Result<bool, StoreError> {
        let (name, holder) = (name.to_owned(), holder.to_owned());
        self.run(move |s| s.take_lease(&name, &holder, now, secs))
            .await
    }
}

/// A [`Move`] that can cross to the blocking thread.
enum OwnedMove {
    Paid { tx: String, total: Option<String> },
    Failed,
    Refunded { tx: String, partial: bool },
}

impl From<Move<'_>> for OwnedMove {
    fn from(m: Move<'_>) -> OwnedMove {
        match m {
            Move::Paid { tx, total } => OwnedMove::Paid {
                tx: tx.to_owned(),
                total: total.map(str::to_owned),
            },
            Move::Failed => OwnedMove::Failed,
            Move::Refunded { tx, partial } => OwnedMove::Refunded {
                tx: tx.to_owned(),
                partial,
            },
        }
    }
}

impl OwnedMove {
    fn as_move(&self) -> Move<'_> {
        match self {
            OwnedMove::Paid { tx, total } => Move::Paid {
                tx,
                total: total.as_deref(),
            },
            OwnedMove::Failed => Move::Failed,
            OwnedMove::Refunded { tx, partial } => Move::Refunded {
                tx,
                partial: *partial,
            },
        }
    }
}
