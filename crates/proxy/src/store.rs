//! The proxy's record of the links it created: the widget may only resolve
//! these, and the amount Amwal reports must match the one recorded here.
//! (In memory for now; a restart forgets them.)

use amwal_core::{LinkId, Money};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

#[derive(Debug, Clone)]
pub struct LinkRecord {
    pub order_id: String,
    pub amount: Money,
    pub title: String,
    pub description: Option<String>,
    /// Set once the link is resolved; the status call accepts only this id.
    pub transaction_id: Option<String>,
    pub order: OrderState,
}

/// Where the merchant's order stands, as verified callbacks established it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum OrderState {
    #[default]
    Open,
    /// Final: no later event undoes it.
    Paid {
        transaction_id: String,
    },
    Failed,
}

impl OrderState {
    pub fn name(&self) -> &'static str {
        match self {
            OrderState::Open => "open",
            OrderState::Paid { .. } => "paid",
            OrderState::Failed => "failed",
        }
    }
}

#[derive(Debug, Default)]
struct Records {
    links: HashMap<LinkId, LinkRecord>,
    /// Every transaction a resolve returned, to its link: a second tab's
    /// resolve must not orphan the first tab's payment.
    transactions: HashMap<String, LinkId>,
    /// Callback event ids already processed.
    events: HashSet<String>,
}

#[derive(Debug, Default, Clone)]
pub struct LinkStore {
    inner: Arc<Mutex<Records>>,
}

impl LinkStore {
    fn lock(&self) -> MutexGuard<'_, Records> {
        // A poisoned lock only means another handler panicked mid-update of a
        // plain map; the data is still usable.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn insert(&self, id: LinkId, record: LinkRecord) {
        self.lock().links.insert(id, record);
    }

    pub fn get(&self, id: &LinkId) -> Option<LinkRecord> {
        self.lock().links.get(id).cloned()
    }

    pub fn len(&self) -> usize {
        self.lock().links.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn set_transaction(&self, id: &LinkId, tx: &str) {
        let mut records = self.lock();
        if let Some(r) = records.links.get_mut(id) {
            r.transaction_id = Some(tx.to_owned());
            records.transactions.insert(tx.to_owned(), *id);
        }
    }

    /// Moves the order to `state` unless it is already paid (an
    /// `order.updated` or `order.failed` after success changes nothing);
    /// returns the state it is in afterwards.
    pub fn set_order(&self, id: &LinkId, state: OrderState) -> OrderState {
        let mut records = self.lock();
        match records.links.get_mut(id) {
            Some(r) => {
                if !matches!(r.order, OrderState::Paid { .. }) {
                    r.order = state;
                }
                r.order.clone()
            }
            None => OrderState::Open,
        }
    }

    pub fn seen_event(&self, event_id: &str) -> bool {
        self.lock().events.contains(event_id)
    }

    pub fn remember_event(&self, event_id: &str) {
        self.lock().events.insert(event_id.to_owned());
    }

    /// The link a resolve returned transaction `tx` for.
    pub fn by_transaction(&self, tx: &str) -> Option<(LinkId, LinkRecord)> {
        let records = self.lock();
        let id = records.transactions.get(tx)?;
        records.links.get(id).map(|r| (*id, r.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use amwal_core::Currency;

    #[test]
    fn every_resolved_transaction_stays_linked() {
        let store = LinkStore::default();
        let link = LinkId::from_uuid(uuid::Uuid::new_v4());
        store.insert(
            link,
            LinkRecord {
                order_id: "1".into(),
                amount: Money::parse("1", Currency::SAR).expect("amount"),
                title: "T".into(),
                description: None,
                transaction_id: None,
                order: OrderState::Open,
            },
        );
        store.set_transaction(&link, "tx-first-tab");
        store.set_transaction(&link, "tx-second-tab");
        assert_eq!(
            store.by_transaction("tx-first-tab").map(|(id, _)| id),
            Some(link)
        );
        assert_eq!(
            store.by_transaction("tx-second-tab").map(|(id, _)| id),
            Some(link)
        );
        assert!(store.by_transaction("tx-other").is_none());
    }
}
