//! The proxy's record of the links it created: the widget may only resolve
//! these, and the amount Amwal reports must match the one recorded here.
//! (In memory for now; a restart forgets them.)

use amwal_core::{LinkId, Money};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

#[derive(Debug, Clone)]
pub struct LinkRecord {
    pub order_id: String,
    pub amount: Money,
    pub title: String,
    pub description: Option<String>,
    /// Set once the link is resolved; the status call accepts only this id.
    pub transaction_id: Option<String>,
}

#[derive(Debug, Default, Clone)]
pub struct LinkStore {
    inner: Arc<Mutex<HashMap<LinkId, LinkRecord>>>,
}

impl LinkStore {
    fn lock(&self) -> MutexGuard<'_, HashMap<LinkId, LinkRecord>> {
        // A poisoned lock only means another handler panicked mid-update of a
        // plain map; the data is still usable.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn insert(&self, id: LinkId, record: LinkRecord) {
        self.lock().insert(id, record);
    }

    pub fn get(&self, id: &LinkId) -> Option<LinkRecord> {
        self.lock().get(id).cloned()
    }

    pub fn set_transaction(&self, id: &LinkId, tx: &str) {
        if let Some(r) = self.lock().get_mut(id) {
            r.transaction_id = Some(tx.to_owned());
        }
    }

    /// The link whose resolved transaction is `tx`.
    pub fn by_transaction(&self, tx: &str) -> Option<(LinkId, LinkRecord)> {
        self.lock()
            .iter()
            .find(|(_, r)| r.transaction_id.as_deref() == Some(tx))
            .map(|(id, r)| (*id, r.clone()))
    }
}
