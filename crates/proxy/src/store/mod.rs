//! The proxy's record of the links it created: the widget may only resolve
//! these, the amount Amwal reports must match the one recorded here, and
//! Amwal's own record moves each order along the few moves allowed. Kept in
//! SQLite (`--db file`, `:memory:` for the demo) on one machine, or in
//! PostgreSQL (`--db postgres://…`) shared by several proxies.

pub mod backend;
pub mod copy;
pub mod events;
pub mod idempotency;
mod location;
mod postgres;
pub mod records;
mod sqlite;
#[doc(hidden)]
pub mod testing;
#[cfg(test)]
mod tests;

pub use backend::{Backend, Found, Move};
pub use location::Location;
pub use records::{LinkRecord, Moved, OrderState, StoreError};

use amwal_core::LinkId;
use std::path::Path;
use std::sync::Arc;

/// The store, whichever database holds it; its calls are [`Backend`]'s.
#[derive(Clone)]
pub struct LinkStore {
    backend: Arc<dyn Backend>,
}

impl std::ops::Deref for LinkStore {
    type Target = dyn Backend;

    fn deref(&self) -> &(dyn Backend + 'static) {
        &*self.backend
    }
}

impl LinkStore {
    /// Opens the store, creating or migrating its schema if needed.
    pub async fn open(at: &Location) -> Result<LinkStore, StoreError> {
        Ok(match at {
            Location::Sqlite(path) => LinkStore::open_sqlite(path)?,
            Location::Postgres(url) => LinkStore {
                backend: Arc::new(postgres::Postgres::open(url.expose()).await?),
            },
        })
    }

    /// Opens a SQLite file (`:memory:` keeps it in memory).
    pub fn open_sqlite(path: &Path) -> Result<LinkStore, StoreError> {
        Ok(LinkStore {
            backend: Arc::new(sqlite::Sqlite::open(path)?),
        })
    }

    pub fn in_memory() -> LinkStore {
        // An in-memory database with a fixed schema only fails without memory.
        LinkStore::open_sqlite(Path::new(":memory:")).expect("in-memory SQLite opens")
    }

    /// The schema version this proxy writes, the same in both databases.
    pub fn schema_version() -> i64 {
        sqlite::migrations::schema_version()
    }

    /// [`Backend::find`], with a fault logged and read as "not found".
    pub async fn get(&self, id: &LinkId) -> Option<LinkRecord> {
        self.find(id).await.unwrap_or_else(|e| {
            crate::log!("reading link {id}: {e}");
            None
        })
    }

    pub async fn mark_paid(
        &self,
        id: &LinkId,
        tx: &str,
        total: Option<&str>,
    ) -> Result<Moved, StoreError> {
        self.make_move(id, Move::Paid { tx, total }).await
    }

    pub async fn mark_failed(&self, id: &LinkId) -> Result<Moved, StoreError> {
        self.make_move(id, Move::Failed).await
    }

    pub async fn mark_refunded(
        &self,
        id: &LinkId,
        tx: &str,
        partial: bool,
    ) -> Result<Moved, StoreError> {
        self.make_move(id, Move::Refunded { tx, partial }).await
    }
}
