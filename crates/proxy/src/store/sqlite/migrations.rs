//! SQLite's schema, versioned by refinery (`migrations/sqlite/`): a file
//! from an older proxy is migrated at start, one from a newer proxy is
//! refused. Files from before refinery counted their versions in
//! `PRAGMA user_version`; those steps are recorded as applied, not re-run.

use crate::store::StoreError;
use refinery::Target;
use rusqlite::Connection;

mod embedded {
    refinery::embed_migrations!("migrations/sqlite");
}

/// The schema version this proxy writes (the same number in PostgreSQL).
pub fn schema_version() -> i64 {
    latest(&embedded::migrations::runner())
}

pub(crate) fn latest(runner: &refinery::Runner) -> i64 {
    runner
        .get_migrations()
        .iter()
        .map(|m| i64::from(m.version()))
        .max()
        .unwrap_or(0)
}

/// Brings the file up to [`schema_version`].
pub(super) fn migrate(db: &mut Connection) -> Result<(), StoreError> {
    // Another process (a second proxy, `amwal-proxy orders`) may open the
    // same file: wait for its lock rather than fail.
    db.busy_timeout(std::time::Duration::from_secs(5))?;
    let runner = embedded::migrations::runner();
    let supported = latest(&runner);
    let has_history: bool = db.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'refinery_schema_history')",
        [],
        |r| r.get(0),
    )?;
    let applied = if has_history {
        runner
            .get_last_applied_migration(db)
            .map_err(refinery_failed)?
            .map(|m| i64::from(m.version()))
    } else {
        None
    };
    let found = match applied {
        Some(v) => v,
        None => adopt_user_version(db, &runner)?,
    };
    if found > supported {
        return Err(StoreError::NewerSchema { found, supported });
    }
    runner.run(db).map_err(refinery_failed)?;
    Ok(())
}

/// A file versioned before refinery: its steps recorded as applied.
fn adopt_user_version(db: &mut Connection, runner: &refinery::Runner) -> Result<i64, StoreError> {
    let old: i64 = db.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if old > latest(runner) {
        return Ok(old);
    }
    if let Ok(version) = i32::try_from(old) {
        if version > 0 {
            embedded::migrations::runner()
                .set_target(Target::FakeVersion(version))
                .run(db)
                .map_err(refinery_failed)?;
        }
    }
    Ok(old)
}

pub(crate) fn refinery_failed(e: refinery::Error) -> StoreError {
    StoreError::Database(format!("migrating: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{LinkStore, OrderState};
    use amwal_core::LinkId;

    #[tokio::test]
    async fn a_file_from_before_versioning_is_migrated_and_a_newer_one_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("old.sqlite3");
        {
            // The first release's schema and data, with no version.
            let db = Connection::open(&path).expect("db");
            db.execute_batch(include_str!("../../../migrations/sqlite/V1__links.sql"))
                .expect("old schema");
            db.execute(
                "INSERT INTO links (id, order_id, amount_minor, currency, title, order_state, paid_transaction)
                 VALUES ('550e8400-e29b-41d4-a716-446655440000', 'A-1', 29999, 'SAR', 'Old', 'paid', 'tx-old')",
                [],
            )
            .expect("old row");
            db.execute("INSERT INTO events (id) VALUES ('evt_1')", [])
                .expect("old event");
        }
        let store = LinkStore::open_sqlite(&path).expect("migrated");
        let link = LinkId::parse("550e8400-e29b-41d4-a716-446655440000").expect("id");
        assert_eq!(
            store.find(&link).await.expect("read").map(|r| r.order),
            Some(OrderState::Paid {
                transaction_id: "tx-old".into()
            })
        );
        store
            .set_transaction(&link, "tx-new")
            .await
            .expect("new column works");
        drop(store);

        // A file versioned by `user_version` (the release before refinery)
        // with three steps: the fourth runs, the three are not re-run.
        let path = dir.path().join("v3.sqlite3");
        {
            let db = Connection::open(&path).expect("db");
            for step in [
                include_str!("../../../migrations/sqlite/V1__links.sql"),
                include_str!("../../../migrations/sqlite/V2__sweep.sql"),
                include_str!("../../../migrations/sqlite/V3__idempotency_keys.sql"),
            ] {
                db.execute_batch(step).expect("step");
            }
            db.pragma_update(None, "user_version", 3).expect("version");
        }
        drop(LinkStore::open_sqlite(&path).expect("migrated from user_version"));
        let mut db = Connection::open(&path).expect("db");
        let runner = embedded::migrations::runner();
        let last = runner.get_last_applied_migration(&mut db).expect("history");
        assert_eq!(last.map(|m| i64::from(m.version())), Some(schema_version()));
        db.execute("INSERT INTO links (id, order_id, amount_minor, currency, title, return_prefix) VALUES ('x', 'o', 1, 'SAR', 't', 'https://a/')", [])
            .expect("the fourth step ran");

        // A file from a newer proxy is refused.
        db.execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (99, 'later', '2030-01-01T00:00:00Z', '0')",
            [],
        )
        .expect("newer");
        drop(db);
        assert_eq!(
            LinkStore::open_sqlite(&path).err(),
            Some(StoreError::NewerSchema {
                found: 99,
                supported: schema_version()
            })
        );
    }
}
