//! The store in PostgreSQL (`--db postgres://…`), shared by any number of
//! proxies: every promise of [`Backend`] is kept by the database itself
//! (one conditional update per move, row locks for keys), never by one
//! process's memory.

mod backend;
mod events;
mod migrations;

use super::backend::Found;
use super::{LinkRecord, OrderState, StoreError};
use amwal_core::{Currency, LinkId, Money};
use deadpool_postgres::{Manager, ManagerConfig, Pool, PoolError, RecyclingMethod, Runtime};
use std::time::Duration;
use tokio_postgres::error::SqlState;
use tokio_postgres::{NoTls, Row};

/// The current time as the rows keep it (ISO-8601, UTC, whole seconds),
/// the same text SQLite writes.
const NOW: &str = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
/// Unix seconds, for idempotency keys.
const UNIX_NOW: &str = "CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)";

/// Connections per proxy: PostgreSQL's default limit of 100 leaves room
/// for a dozen instances.
const POOL_SIZE: usize = 8;
/// How long a call waits for a free connection, a row lock or a new
/// connection before it answers "busy" (a quick 503 the widget retries).
const BUSY_WAIT: Duration = Duration::from_secs(2);
/// Set on every connection (the URL's `options` may override them).
const SESSION_OPTIONS: &str = "-c lock_timeout=2000 -c statement_timeout=10000";

#[derive(Clone)]
pub struct Postgres {
    pool: Pool,
}

impl Postgres {
    /// Connects to `url`, migrates the schema (one instance at a time) and
    /// keeps a pool of connections.
    pub async fn open(url: &str) -> Result<Postgres, StoreError> {
        let mut config: tokio_postgres::Config = url
            .parse()
            .map_err(|e| StoreError::Database(format!("database URL: {e}")))?;
        // The URL's own options come last, so they win.
        let options = match config.get_options() {
            Some(own) => format!("{SESSION_OPTIONS} {own}"),
            None => SESSION_OPTIONS.to_owned(),
        };
        config.options(&options);
        config.connect_timeout(BUSY_WAIT);
        migrations::migrate(&config).await?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .wait_timeout(Some(BUSY_WAIT))
            .create_timeout(Some(BUSY_WAIT))
            .recycle_timeout(Some(BUSY_WAIT))
            .runtime(Runtime::Tokio1)
            .build()
            .map_err(|e| StoreError::Database(e.to_string()))?;
        Ok(Postgres { pool })
    }

    async fn conn(&self) -> Result<deadpool_postgres::Object, StoreError> {
        self.pool.get().await.map_err(pool_failed)
    }

    fn record(row: &Row) -> Result<(String, LinkRecord), StoreError> {
        let bad = |what: &str| StoreError::Corrupt(what.to_owned());
        let amount: i64 = row.try_get("amount_minor")?;
        let currency: String = row.try_get("currency")?;
        let state: String = row.try_get("order_state")?;
        Ok((
            row.try_get("id")?,
            LinkRecord {
                order_id: row.try_get("order_id")?,
                amount: Money {
                    minor: u64::try_from(amount).map_err(|_| bad("amount_minor"))?,
                    currency: Currency::from_code(&currency).map_err(|_| bad("currency"))?,
                },
                title: row.try_get("title")?,
                description: row.try_get("description")?,
                return_prefix: row.try_get("return_prefix")?,
                transaction_id: row.try_get("transaction_id")?,
                order: OrderState::from_stored(&state, row.try_get("paid_transaction")?),
            },
        ))
    }

    fn found(row: &Row) -> Result<Found, StoreError> {
        let (id, record) = Self::record(row)?;
        let id = LinkId::parse(&id).map_err(|_| StoreError::Corrupt(format!("link id {id:?}")))?;
        Ok((id, record))
    }
}

fn pool_failed(e: PoolError) -> StoreError {
    match e {
        PoolError::Timeout(_) => StoreError::Busy,
        PoolError::Backend(e) => e.into(),
        other => StoreError::Database(other.to_string()),
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> StoreError {
        let waited = [
            SqlState::LOCK_NOT_AVAILABLE,
            SqlState::QUERY_CANCELED,
            SqlState::T_R_SERIALIZATION_FAILURE,
            SqlState::T_R_DEADLOCK_DETECTED,
            SqlState::TOO_MANY_CONNECTIONS,
            SqlState::CANNOT_CONNECT_NOW,
        ];
        match (e.code(), e.as_db_error()) {
            (Some(code), _) if waited.contains(code) => StoreError::Busy,
            // The server's own words (its Display says only "db error").
            (_, Some(db)) => {
                StoreError::Database(format!("{}: {}", db.code().code(), db.message()))
            }
            _ => StoreError::Database(e.to_string()),
        }
    }
}
