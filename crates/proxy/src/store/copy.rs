//! `amwal-proxy copy-store`: a SQLite store moved into PostgreSQL, when a
//! merchant grows from one machine to several. Both are migrated to this
//! proxy's schema first; rows are copied table by table in one PostgreSQL
//! transaction, and rows already there are kept, so a copy cut short is
//! simply run again.

use super::postgres::Postgres;
use super::sqlite::Sqlite;
use super::StoreError;
use rusqlite::types::Value as SqlValue;
use std::path::Path;
use tokio_postgres::types::ToSql;
use tokio_postgres::NoTls;

/// The tables and their columns, parents first; `true` for integers.
const TABLES: [(&str, &[(&str, bool)]); 4] = [
    (
        "links",
        &[
            ("id", false),
            ("order_id", false),
            ("amount_minor", true),
            ("currency", false),
            ("title", false),
            ("description", false),
            ("transaction_id", false),
            ("order_state", false),
            ("paid_transaction", false),
            ("created_at", false),
            ("resolved_at", false),
            ("swept_at", false),
            ("paid_total", false),
            ("return_prefix", false),
        ],
    ),
    ("transactions", &[("id", false), ("link_id", false)]),
    (
        "idempotency_keys",
        &[
            ("key", false),
            ("request", false),
            ("state", false),
            ("answer", false),
            ("started_at", true),
            ("expires_at", true),
        ],
    ),
    (
        "callback_events",
        &[
            ("id", false),
            ("link_id", false),
            ("transactions", false),
            ("announced", false),
            ("state", false),
            ("attempts", true),
            ("received_at", true),
            ("next_at", true),
            ("claimed_until", true),
            ("last_error", false),
        ],
    ),
];

/// Rows copied and rows found already there, per table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    pub tables: Vec<(&'static str, u64, u64)>,
}

impl std::fmt::Display for CopyReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (table, copied, kept) in &self.tables {
            writeln!(f, "{table:<18} {copied:>8} copied {kept:>8} already there")?;
        }
        Ok(())
    }
}

/// One cell as PostgreSQL takes it.
enum Cell {
    Int(Option<i64>),
    Text(Option<String>),
}

impl Cell {
    fn as_sql(&self) -> &(dyn ToSql + Sync) {
        match self {
            Cell::Int(v) => v,
            Cell::Text(v) => v,
        }
    }
}

fn read_table(
    db: &rusqlite::Connection,
    table: &str,
    columns: &[(&str, bool)],
) -> Result<Vec<Vec<Cell>>, StoreError> {
    let names: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
    // rowid order keeps the links' creation order (PostgreSQL's `seq`).
    let sql = format!("SELECT {} FROM {table} ORDER BY rowid", names.join(", "));
    let mut stmt = db.prepare(&sql)?;
    let rows = stmt.query_map([], |row| {
        columns
            .iter()
            .enumerate()
            .map(|(i, (name, is_int))| {
                let v: SqlValue = row.get(i)?;
                let bad = || rusqlite::Error::InvalidColumnType(i, (*name).into(), v.data_type());
                Ok(match (v.clone(), is_int) {
                    (SqlValue::Null, true) => Cell::Int(None),
                    (SqlValue::Null, false) => Cell::Text(None),
                    (SqlValue::Integer(n), true) => Cell::Int(Some(n)),
                    (SqlValue::Text(t), false) => Cell::Text(Some(t)),
                    _ => return Err(bad()),
                })
            })
            .collect::<rusqlite::Result<Vec<Cell>>>()
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Copies every row of the SQLite store at `from` into the PostgreSQL
/// store at `to`.
pub async fn copy_sqlite_to_postgres(from: &Path, to: &str) -> Result<CopyReport, StoreError> {
    if !from.exists() {
        return Err(StoreError::Database(format!(
            "{}: no such SQLite file",
            from.display()
        )));
    }
    // Opening migrates each to this proxy's schema, or refuses a newer one.
    drop(Sqlite::open(from)?);
    drop(Postgres::open(to).await?);
    let from = from.to_owned();
    let tables = tokio::task::spawn_blocking(move || {
        let db = rusqlite::Connection::open(&from)?;
        TABLES
            .iter()
            .map(|(table, columns)| read_table(&db, table, columns))
            .collect::<Result<Vec<_>, StoreError>>()
    })
    .await
    .map_err(|e| StoreError::Database(format!("reading: {e}")))??;

    let (mut client, connection) = to
        .parse::<tokio_postgres::Config>()
        .map_err(|e| StoreError::Database(format!("database URL: {e}")))?
        .connect(NoTls)
        .await?;
    let driver = tokio::spawn(connection);
    let t = client.transaction().await?;
    let mut report = CopyReport { tables: Vec::new() };
    for ((table, columns), rows) in TABLES.iter().zip(&tables) {
        let names: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
        let params: Vec<String> = (1..=names.len()).map(|i| format!("${i}")).collect();
        let insert = t
            .prepare(&format!(
                "INSERT INTO {table} ({}) VALUES ({}) ON CONFLICT DO NOTHING",
                names.join(", "),
                params.join(", ")
            ))
            .await?;
        let mut copied = 0;
        for row in rows {
            let values: Vec<&(dyn ToSql + Sync)> = row.iter().map(Cell::as_sql).collect();
            copied += t.execute(&insert, &values).await?;
        }
        let total = u64::try_from(rows.len()).unwrap_or(u64::MAX);
        report.tables.push((*table, copied, total - copied));
    }
    t.commit().await?;
    drop(client);
    let _ = driver.await;
    Ok(report)
}
