//! The store in one SQLite file (`--db path`), or in memory for the demo:
//! a pool of connections worked on blocking threads, so a store waiting on
//! a lock never holds up another request.

mod backend;
mod events;
mod idempotency;
pub(super) mod migrations;
mod orders;

use super::backend::Found;
use super::{LinkRecord, OrderState, StoreError};
use migrations::migrate;

use amwal_core::{Currency, LinkId, Money};
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::path::Path;
use std::time::Duration;

pub(super) const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

/// How long a call waits for another writer's lock (a backup, a second
/// process) or for a free connection before it answers "busy": a shopper
/// is better served by a quick 503 the widget retries than by a hang.
const BUSY_WAIT: Duration = Duration::from_secs(2);
/// Connections to a file: WAL lets them read while one writes.
const POOL_SIZE: u32 = 8;

type Pool = r2d2::Pool<SqliteConnectionManager>;
type Pooled = r2d2::PooledConnection<SqliteConnectionManager>;

#[derive(Clone)]
pub struct Sqlite {
    pool: Pool,
}

impl Sqlite {
    /// Opens (and creates, or migrates, if needed) the store at `path`;
    /// `:memory:` keeps it in memory.
    pub fn open(path: &Path) -> Result<Sqlite, StoreError> {
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
        let store = Sqlite { pool };
        if in_memory {
            migrate(&mut *store.conn()?)?;
        }
        Ok(store)
    }

    fn conn(&self) -> Result<Pooled, StoreError> {
        self.pool.get().map_err(|_| StoreError::Busy)
    }

    /// Runs `work` on a thread of its own, off the server's async workers.
    async fn run<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        F: FnOnce(&Sqlite) -> Result<T, StoreError> + Send + 'static,
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
        let order = OrderState::from_stored(&state, paid);
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

    pub fn count(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn()?
            .query_row("SELECT COUNT(*) FROM links", [], |r| r.get(0))?;
        u64::try_from(n).map_err(|_| StoreError::Corrupt("link count".into()))
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
    pub fn find_by_transaction(&self, tx: &str) -> Result<Option<Found>, StoreError> {
        self.find_one(
            "SELECT links.* FROM transactions JOIN links ON links.id = transactions.link_id
             WHERE transactions.id = ?1",
            tx,
        )
    }

    /// The links created for the merchant's order `order_id`, newest first
    /// (an order may have had several).
    pub fn find_by_order(&self, order_id: &str) -> Result<Vec<Found>, StoreError> {
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

    fn find_one(&self, sql: &str, key: &str) -> Result<Option<Found>, StoreError> {
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
