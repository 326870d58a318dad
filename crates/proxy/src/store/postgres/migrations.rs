//! PostgreSQL's schema, versioned by refinery (`migrations/postgres/`, the
//! same version numbers as SQLite's). Proxies starting together take turns
//! under an advisory lock, so a step never runs twice.

use crate::store::sqlite::migrations::{latest, refinery_failed};
use crate::store::StoreError;
use tokio_postgres::NoTls;

mod embedded {
    refinery::embed_migrations!("migrations/postgres");
}

/// The lock's key: any number fixed for this schema ("amwal" in ASCII).
const MIGRATION_LOCK: i64 = 0x616d_77616c;

/// The schema version this proxy writes.
pub fn schema_version() -> i64 {
    latest(&embedded::migrations::runner())
}

pub(super) async fn migrate(config: &tokio_postgres::Config) -> Result<(), StoreError> {
    let (mut client, connection) = config.connect(NoTls).await?;
    let driver = tokio::spawn(connection);
    let done = migrate_on(&mut client).await;
    drop(client);
    let _ = driver.await;
    done
}

async fn migrate_on(client: &mut tokio_postgres::Client) -> Result<(), StoreError> {
    // Released with the session if this process dies mid-way.
    client
        .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
        .await?;
    let runner = embedded::migrations::runner();
    let supported = latest(&runner);
    let has_history: bool = client
        .query_one(
            "SELECT to_regclass('refinery_schema_history') IS NOT NULL",
            &[],
        )
        .await?
        .try_get(0)?;
    let applied = if has_history {
        runner
            .get_last_applied_migration_async(client)
            .await
            .map_err(refinery_failed)?
            .map(|m| i64::from(m.version()))
    } else {
        None
    };
    if let Some(found) = applied.filter(|v| *v > supported) {
        return Err(StoreError::NewerSchema { found, supported });
    }
    runner.run_async(client).await.map_err(refinery_failed)?;
    client
        .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
        .await?;
    Ok(())
}

/// The database holds every step this proxy knows.
pub(super) async fn is_current(client: &tokio_postgres::Client) -> Result<bool, StoreError> {
    let row = client
        .query_one(
            "SELECT COALESCE(MAX(version), 0)::BIGINT FROM refinery_schema_history",
            &[],
        )
        .await?;
    Ok(row.try_get::<_, i64>(0)? >= schema_version())
}
