//! The proxy's record of the links it created: the widget may only resolve
//! these, the amount Amwal reports must match the one recorded here, and
//! Amwal's own record moves each order along the few moves allowed. Kept in
//! SQLite (`--db`), so a restart loses nothing; `:memory:` for the demo.

pub mod idempotency;
pub mod migrations;
pub mod orders;
pub mod records;

use migrations::migrate;
pub use migrations::SCHEMA_VERSION;
pub use records::{LinkRecord, Moved, OrderState, StoreError};

use amwal_core::{Currency, LinkId, Money};
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::path::Path;
use std::time::Duration;

pub(crate) const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

/// How long a call waits for another writer's lock (a backup, a second
/// process) or for a free connection before it answers "busy": a shopper
/// is better served by a quick 503 the widget retries than by a hang.
const BUSY_WAIT: Duration = Duration::from_secs(2);
/// Connections to a file: WAL lets them read while one writes.
const POOL_SIZE: u32 = 8;

type Pool = r2d2::Pool<SqliteConnectionManager>;
type Pooled = r2d2::PooledConnection<SqliteConnectionManager>;

#[derive(Clone)]
pub struct LinkStore {
    pool: Pool,
}

impl LinkStore {
    /// Opens (and creates, or migrates, if needed) the store at `path`;
    /// `:memory:` keeps it in memory.
    pub fn open(path: &Path) -> Result<LinkStore, StoreError> {
        let in_memory = path.as_os_str() == ":memory:";
        if !in_memory {
            // Once per file (SQLite remembers it): readers no longer wait
            // for a writer, and a writer no longer waits for readers.
            let mut db = Connection::open(path)?;
            migrate(&mut db)?;
            db.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))?;
        }
        let manager = if in_memory {
            SqliteConnectionManager::memory()
        } else {
            SqliteConnectionManager::file(path)
        }
        .with_init(|db| db.busy_timeout(BUSY_WAIT));
        let pool = r2d2::Pool::builder()
            // An in-memory database lives in its one connection, kept for
            // the life of the store.
            .max_size(if in_memory { 1 } else { POOL_SIZE })
            .min_idle(Some(1))
            .idle_timeout(None)
            .max_lifetime(None)
            .connection_timeout(BUSY_WAIT)
            .build(manager)
            .map_err(|e| StoreError::Database(e.to_string()))?;
        let store = LinkStore { pool };
        if in_memory {
            migrate(&mut *store.conn()?)?;
        }
        Ok(store)
    }

    pub fn in_memory() -> LinkStore {
        // An in-memory database with a fixed schema only fails without memory.
        LinkStore::open(Path::new(":memory:")).expect("in-memory SQLite opens")
    }

    fn conn(&self) -> Result<Pooled, StoreError> {
        self.pool.get().map_err(|_| StoreError::Busy)
    }

    /// Runs `work` on a thread of its own, off the server's async workers,
    /// so a store waiting on a lock never holds up another request.
    pub async fn run<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        F: FnOnce(&LinkStore) -> Result<T, StoreError> + Send + 'static,
        T: Send + 'static,
    {
        let store = self.clone();
        tokio::task::spawn_blocking(move || work(&store))
            .await
            .map_err(|e| StoreError::Database(format!("store call ended: {e}")))?
    }

    pub fn insert(&self, id: LinkId, r: LinkRecord) -> Result<(), StoreError> {
        Self::insert_in(&*self.conn()?, id, &r)
    }

    fn insert_in(db: &Connection, id: LinkId, r: &LinkRecord) -> Result<(), StoreError> {
        let amount = i64::try_from(r.amount.minor).map_err(|_| StoreError::AmountTooLarge)?;
        db.execute(
            "INSERT INTO links (id, order_id, amount_minor, currency, title, description, return_prefix)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id.to_string(),
                r.order_id,
                amount,
                r.amount.currency.code(),
                r.title,
                r.description,
                r.return_prefix
            ],
        )?;
        Ok(())
    }

    fn row(row: &rusqlite::Row<'_>) -> rusqlite::Result<(String, LinkRecord)> {
        let amount: i64 = row.get("amount_minor")?;
        let currency: String = row.get("currency")?;
        let state: String = row.get("order_state")?;
        let paid: Option<String> = row.get("paid_transaction")?;
        let order = match (state.as_str(), paid) {
            ("paid", Some(tx)) => OrderState::Paid { transaction_id: tx },
            ("refunded", Some(tx)) => OrderState::Refunded { transaction_id: tx },
            ("partially_refunded", Some(tx)) => {
                OrderState::PartiallyRefunded { transaction_id: tx }
            }
            ("failed", _) => OrderState::Failed,
            _ => OrderState::Open,
        };
        let bad = |what: &str| {
            rusqlite::Error::InvalidColumnType(0, what.into(), rusqlite::types::Type::Text)
        };
        Ok((
            row.get("id")?,
            LinkRecord {
                order_id: row.get("order_id")?,
                amount: Money {
                    minor: u64::try_from(amount).map_err(|_| bad("amount_minor"))?,
                    currency: Currency::from_code(&currency).map_err(|_| bad("currency"))?,
                },
                title: row.get("title")?,
                description: row.get("description")?,
                return_prefix: row.get("return_prefix")?,
                transaction_id: row.get("transaction_id")?,
                order,
            },
        ))
    }

    /// The link's record; a database fault is an error, not "not found".
    pub fn find(&self, id: &LinkId) -> Result<Option<LinkRecord>, StoreError> {
        Self::find_in(&*self.conn()?, id)
    }

    fn find_in(db: &Connection, id: &LinkId) -> Result<Option<LinkRecord>, StoreError> {
        let found = db
            .query_row(
                "SELECT * FROM links WHERE id = ?1",
                [id.to_string()],
                Self::row,
            )
            .optional()?;
        Ok(found.map(|(_, r)| r))
    }

    /// [`LinkStore::find`], with a fault logged and read as "not found".
    pub fn get(&self, id: &LinkId) -> Option<LinkRecord> {
        self.find(id).unwrap_or_else(|e| {
            crate::log!("reading link {id}: {e}");
            None
        })
    }

    pub fn len(&self) -> usize {
        let n = self.conn().ok().and_then(|db| {
            db.query_row("SELECT COUNT(*) FROM links", [], |r| r.get::<_, i64>(0))
                .ok()
        });
        n.and_then(|n| usize::try_from(n).ok())
            .unwrap_or(usize::MAX)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Records a transaction a resolve returned for the link.
    pub fn set_transaction(&self, id: &LinkId, tx: &str) -> Result<(), StoreError> {
        let mut db = self.conn()?;
        let t = db.transaction_with_behavior(TransactionBehavior::Immediate)?;
        t.execute(
            &format!("UPDATE links SET transaction_id = ?2, resolved_at = {NOW} WHERE id = ?1"),
            params![id.to_string(), tx],
        )?;
        t.execute(
            "INSERT OR IGNORE INTO transactions (id, link_id) VALUES (?1, ?2)",
            params![tx, id.to_string()],
        )?;
        t.commit()?;
        Ok(())
    }

    /// The link a resolve returned transaction `tx` for.
    pub fn find_by_transaction(
        &self,
        tx: &str,
    ) -> Result<Option<(LinkId, LinkRecord)>, StoreError> {
        self.find_one(
            "SELECT links.* FROM transactions JOIN links ON links.id = transactions.link_id
             WHERE transactions.id = ?1",
            tx,
        )
    }

    /// The links created for the merchant's order `order_id`, newest first
    /// (an order may have had several).
    pub fn find_by_order(&self, order_id: &str) -> Result<Vec<(LinkId, LinkRecord)>, StoreError> {
        let db = self.conn()?;
        let mut stmt = db.prepare(
            "SELECT * FROM links WHERE order_id = ?1 ORDER BY created_at DESC, rowid DESC LIMIT 20",
        )?;
        let rows = stmt.query_map([order_id.trim()], Self::row)?;
        let mut found = Vec::new();
        for row in rows {
            let (id, r) = row?;
            let id =
                LinkId::parse(&id).map_err(|_| StoreError::Corrupt(format!("link id {id:?}")))?;
            found.push((id, r));
        }
        Ok(found)
    }

    fn find_one(&self, sql: &str, key: &str) -> Result<Option<(LinkId, LinkRecord)>, StoreError> {
        let db = self.conn()?;
        match db.query_row(sql, [key], Self::row).optional()? {
            Some((id, r)) => LinkId::parse(&id)
                .map(|id| Some((id, r)))
                .map_err(|_| StoreError::Corrupt(format!("link id {id:?}"))),
            None => Ok(None),
        }
    }

    /// Whether `tx` was recorded at a resolve of `link`.
    pub fn has_transaction(&self, link: &LinkId, tx: &str) -> Result<bool, StoreError> {
        let found: Option<i64> = self
            .conn()?
            .query_row(
                "SELECT 1 FROM transactions WHERE id = ?1 AND link_id = ?2",
                params![tx, link.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        Ok(found.is_some())
    }

    /// The newest link of an order named `prefix…` still open or failed;
    /// with `unopened`, only one never resolved.
    pub fn newest_demo_link(
        &self,
        prefix: &str,
        unopened: bool,
    ) -> Result<Option<LinkId>, StoreError> {
        let id: Option<String> = self
            .conn()?
            .query_row(
                "SELECT id FROM links
                 WHERE substr(order_id, 1, length(?1)) = ?1
                   AND order_state IN ('open', 'failed')
                   AND (?2 = 0 OR resolved_at IS NULL)
                 ORDER BY created_at DESC, rowid DESC LIMIT 1",
                params![prefix, unopened],
                |r| r.get(0),
            )
            .optional()?;
        id.map(|id| LinkId::parse(&id).map_err(|_| StoreError::Corrupt(format!("link id {id:?}"))))
            .transpose()
    }

    /// Every link, newest first: id, record, creation time.
    pub fn list(&self) -> Result<Vec<(String, LinkRecord, String)>, StoreError> {
        let db = self.conn()?;
        let mut stmt = db.prepare("SELECT * FROM links ORDER BY created_at DESC, rowid DESC")?;
        let rows = stmt.query_map([], |row| {
            let (id, r) = Self::row(row)?;
            Ok((id, r, row.get::<_, String>("created_at")?))
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

#[cfg(test)]
impl LinkStore {
    /// A new open link of SAR 1.00, as the store's own tests record one.
    pub(crate) fn insert_for_test(&self) -> LinkId {
        let link = LinkId::from_uuid(uuid::Uuid::new_v4());
        self.insert(link, LinkRecord::for_test("1"))
            .expect("insert");
        link
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_link(store: &LinkStore) -> LinkId {
        store.insert_for_test()
    }

    #[test]
    fn every_resolved_transaction_stays_linked() {
        let store = LinkStore::in_memory();
        let link = new_link(&store);
        store.set_transaction(&link, "tx-first-tab").expect("tx");
        store.set_transaction(&link, "tx-second-tab").expect("tx");
        let owner = |tx| {
            store
                .find_by_transaction(tx)
                .expect("read")
                .map(|(id, _)| id)
        };
        assert_eq!(owner("tx-first-tab"), Some(link));
        assert_eq!(owner("tx-second-tab"), Some(link));
        assert_eq!(owner("tx-other"), None);
        assert!(store.has_transaction(&link, "tx-first-tab").expect("read"));
        let other = new_link(&store);
        assert!(!store.has_transaction(&other, "tx-first-tab").expect("read"));
    }

    #[test]
    fn paid_is_final_and_everything_survives_a_reopen() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("store.sqlite3");
        let link = LinkId::from_uuid(uuid::Uuid::new_v4());
        {
            let store = LinkStore::open(&path).expect("open");
            store
                .insert(link, LinkRecord::for_test("1"))
                .expect("insert");
            store.mark_paid(&link, "tx", None).expect("paid");
        }
        let store = LinkStore::open(&path).expect("reopen");
        let r = store.get(&link).expect("still there");
        assert_eq!(
            r.order,
            OrderState::Paid {
                transaction_id: "tx".into()
            }
        );
        assert_eq!(r.amount.minor, 100);
        assert_eq!(store.list().expect("list").len(), 1);
    }
}
