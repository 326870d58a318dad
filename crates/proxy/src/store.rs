//! The proxy's record of the links it created: the widget may only resolve
//! these, the amount Amwal reports must match the one recorded here, and
//! verified callbacks move each order to paid or failed. Kept in SQLite
//! (`--db`), so a restart loses nothing; `:memory:` for the demo.

use amwal_core::{Currency, LinkId, Money};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

#[derive(Debug, Clone, PartialEq)]
pub struct LinkRecord {
    pub order_id: String,
    pub amount: Money,
    pub title: String,
    pub description: Option<String>,
    /// Set once the link is resolved (the latest transaction).
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

#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "store: {}", self.0)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError(e.to_string())
    }
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS links (
    id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT,
    transaction_id TEXT,
    order_state TEXT NOT NULL DEFAULT 'open',
    paid_transaction TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
-- Every transaction a resolve returned: a second tab's resolve must not
-- orphan the first tab's payment.
CREATE TABLE IF NOT EXISTS transactions (
    id TEXT PRIMARY KEY,
    link_id TEXT NOT NULL REFERENCES links(id)
);
-- Callback events already processed.
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
";

#[derive(Clone)]
pub struct LinkStore {
    db: Arc<Mutex<Connection>>,
}

impl LinkStore {
    /// Opens (and creates if needed) the store at `path`; `:memory:` keeps
    /// it in memory.
    pub fn open(path: &Path) -> Result<LinkStore, StoreError> {
        let db = if path.as_os_str() == ":memory:" {
            Connection::open_in_memory()?
        } else {
            Connection::open(path)?
        };
        db.execute_batch(SCHEMA)?;
        Ok(LinkStore {
            db: Arc::new(Mutex::new(db)),
        })
    }

    pub fn in_memory() -> LinkStore {
        // An in-memory database with a fixed schema only fails without memory.
        LinkStore::open(Path::new(":memory:")).expect("in-memory SQLite opens")
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A poisoned lock means a handler panicked mid-call; SQLite's own
        // transactions keep the data consistent.
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn insert(&self, id: LinkId, r: LinkRecord) -> Result<(), StoreError> {
        let amount =
            i64::try_from(r.amount.minor).map_err(|_| StoreError("amount too large".into()))?;
        self.lock().execute(
            "INSERT INTO links (id, order_id, amount_minor, currency, title, description)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id.to_string(),
                r.order_id,
                amount,
                r.amount.currency.code(),
                r.title,
                r.description
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
                transaction_id: row.get("transaction_id")?,
                order,
            },
        ))
    }

    pub fn get(&self, id: &LinkId) -> Option<LinkRecord> {
        let db = self.lock();
        let found = db
            .query_row(
                "SELECT * FROM links WHERE id = ?1",
                [id.to_string()],
                Self::row,
            )
            .optional();
        match found {
            Ok(r) => r.map(|(_, r)| r),
            Err(e) => {
                crate::log!("store: reading link {id}: {e}");
                None
            }
        }
    }

    pub fn len(&self) -> usize {
        let n: rusqlite::Result<i64> =
            self.lock()
                .query_row("SELECT COUNT(*) FROM links", [], |r| r.get(0));
        n.ok()
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(usize::MAX)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn set_transaction(&self, id: &LinkId, tx: &str) -> Result<(), StoreError> {
        let mut db = self.lock();
        let t = db.transaction()?;
        t.execute(
            "UPDATE links SET transaction_id = ?2 WHERE id = ?1",
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
    pub fn by_transaction(&self, tx: &str) -> Option<(LinkId, LinkRecord)> {
        let db = self.lock();
        let found = db
            .query_row(
                "SELECT links.* FROM transactions JOIN links ON links.id = transactions.link_id
                 WHERE transactions.id = ?1",
                [tx],
                Self::row,
            )
            .optional();
        match found {
            Ok(Some((id, r))) => LinkId::parse(&id).ok().map(|id| (id, r)),
            Ok(None) => None,
            Err(e) => {
                crate::log!("store: reading transaction {tx}: {e}");
                None
            }
        }
    }

    /// Moves the order to `state` unless it is already paid (an
    /// `order.updated` or `order.failed` after success changes nothing);
    /// returns the state it is in afterwards.
    pub fn set_order(&self, id: &LinkId, state: OrderState) -> Result<OrderState, StoreError> {
        let paid = match &state {
            OrderState::Paid { transaction_id } => Some(transaction_id.clone()),
            _ => None,
        };
        self.lock().execute(
            "UPDATE links SET order_state = ?2, paid_transaction = ?3 WHERE id = ?1 AND order_state != 'paid'",
            params![id.to_string(), state.name(), paid],
        )?;
        self.get(id)
            .map(|r| r.order)
            .ok_or_else(|| StoreError(format!("link {id} vanished")))
    }

    pub fn seen_event(&self, event_id: &str) -> bool {
        let found: rusqlite::Result<Option<i64>> = self
            .lock()
            .query_row("SELECT 1 FROM events WHERE id = ?1", [event_id], |r| {
                r.get(0)
            })
            .optional();
        found.ok().flatten().is_some()
    }

    pub fn remember_event(&self, event_id: &str) -> Result<(), StoreError> {
        self.lock()
            .execute("INSERT OR IGNORE INTO events (id) VALUES (?1)", [event_id])?;
        Ok(())
    }

    /// Every link, newest first: id, record, creation time.
    pub fn list(&self) -> Result<Vec<(String, LinkRecord, String)>, StoreError> {
        let db = self.lock();
        let mut stmt = db.prepare("SELECT * FROM links ORDER BY created_at DESC, rowid DESC")?;
        let rows = stmt.query_map([], |row| {
            let (id, r) = Self::row(row)?;
            Ok((id, r, row.get::<_, String>("created_at")?))
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> LinkRecord {
        LinkRecord {
            order_id: "1".into(),
            amount: Money::parse("1", Currency::SAR).expect("amount"),
            title: "T".into(),
            description: None,
            transaction_id: None,
            order: OrderState::Open,
        }
    }

    #[test]
    fn every_resolved_transaction_stays_linked() {
        let store = LinkStore::in_memory();
        let link = LinkId::from_uuid(uuid::Uuid::new_v4());
        store.insert(link, record()).expect("insert");
        store.set_transaction(&link, "tx-first-tab").expect("tx");
        store.set_transaction(&link, "tx-second-tab").expect("tx");
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

    #[test]
    fn paid_is_final_and_everything_survives_a_reopen() {
        let path =
            std::env::temp_dir().join(format!("amwal-store-{}.sqlite3", uuid::Uuid::new_v4()));
        let link = LinkId::from_uuid(uuid::Uuid::new_v4());
        {
            let store = LinkStore::open(&path).expect("open");
            store.insert(link, record()).expect("insert");
            let paid = OrderState::Paid {
                transaction_id: "tx".into(),
            };
            assert_eq!(store.set_order(&link, paid.clone()).expect("paid"), paid);
            assert_eq!(
                store.set_order(&link, OrderState::Failed).expect("ignored"),
                paid
            );
            store.remember_event("evt_1").expect("event");
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
        assert!(store.seen_event("evt_1"));
        assert_eq!(store.list().expect("list").len(), 1);
        let _ = std::fs::remove_file(&path);
    }
}
