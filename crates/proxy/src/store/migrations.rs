//! The store's schema, versioned: each step moves a file one version up
//! (`PRAGMA user_version` counts them), a file from an older proxy is
//! migrated at start, and one from a newer proxy is refused.

use super::StoreError;
use rusqlite::Connection;

/// Each step moves the schema one version up; a file's `user_version` says
/// how many it has had. Files from before versioning hold version 1's
/// tables and version 0: step 1 leaves them as they are.
const MIGRATIONS: [&str; 4] = [
    "
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
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
",
    "
-- When the link was last resolved and last swept: the sweep looks at
-- orders resolved lately, those it looked at longest ago first.
ALTER TABLE links ADD COLUMN resolved_at TEXT;
ALTER TABLE links ADD COLUMN swept_at TEXT;
-- What Amwal charged (after its discounts or fees): recorded, not compared.
ALTER TABLE links ADD COLUMN paid_total TEXT;
-- Callbacks are no longer de-duplicated by id: Amwal's record decides.
DROP TABLE IF EXISTS events;
CREATE INDEX IF NOT EXISTS links_by_order ON links(order_id);
CREATE INDEX IF NOT EXISTS links_to_sweep ON links(order_state, resolved_at);
",
    "
-- Idempotency keys of creates, written before Amwal is asked, so a
-- concurrent or later retry (after a restart too) finds them. Times are
-- Unix seconds.
CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    request TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'unknown')),
    answer TEXT,
    started_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX idempotency_expiry ON idempotency_keys(expires_at);
",
    "
-- Where this link's shopper may return to (a URL prefix given at create).
ALTER TABLE links ADD COLUMN return_prefix TEXT;
",
];

/// The schema version this proxy writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the file up to [`SCHEMA_VERSION`], each step in one transaction;
/// refuses a file from a newer proxy.
pub(super) fn migrate(db: &mut Connection) -> Result<(), StoreError> {
    // Another process (a second proxy, `amwal-proxy orders`) may open the
    // same file: wait for its lock rather than fail, and read the version
    // inside the write lock, so a step never runs twice.
    db.busy_timeout(std::time::Duration::from_secs(5))?;
    loop {
        let t = db.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let found: i64 = t.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                found,
                supported: SCHEMA_VERSION,
            });
        }
        let Some(step) = MIGRATIONS.get(usize::try_from(found).unwrap_or(0)) else {
            return Ok(());
        };
        t.execute_batch(step)?;
        t.pragma_update(None, "user_version", found + 1)?;
        t.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{LinkStore, OrderState};
    use super::*;
    use amwal_core::LinkId;

    #[test]
    fn a_file_from_before_versioning_is_migrated_and_a_newer_one_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("old.sqlite3");
        {
            // The previous release's schema and data, with no version.
            let db = Connection::open(&path).expect("db");
            db.execute_batch(MIGRATIONS[0]).expect("old schema");
            db.execute(
                "INSERT INTO links (id, order_id, amount_minor, currency, title, order_state, paid_transaction)
                 VALUES ('550e8400-e29b-41d4-a716-446655440000', 'A-1', 29999, 'SAR', 'Old', 'paid', 'tx-old')",
                [],
            )
            .expect("old row");
            db.execute("INSERT INTO events (id) VALUES ('evt_1')", [])
                .expect("old event");
        }
        let store = LinkStore::open(&path).expect("migrated");
        let link = LinkId::parse("550e8400-e29b-41d4-a716-446655440000").expect("id");
        assert_eq!(
            store.get(&link).map(|r| r.order),
            Some(OrderState::Paid {
                transaction_id: "tx-old".into()
            })
        );
        store
            .set_transaction(&link, "tx-new")
            .expect("new column works");
        drop(store);
        let version: i64 = Connection::open(&path)
            .expect("db")
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, SCHEMA_VERSION);

        Connection::open(&path)
            .expect("db")
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("bump");
        assert_eq!(
            LinkStore::open(&path).err(),
            Some(StoreError::NewerSchema {
                found: SCHEMA_VERSION + 1,
                supported: SCHEMA_VERSION
            })
        );
    }
}
