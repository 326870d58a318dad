//! A PostgreSQL of its own for each test: a new schema in the database
//! `DATABASE_URL` names (scripts/test.sh starts one where none runs), else
//! the usual local one.

use tokio_postgres::NoTls;

const LOCAL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The server tests use.
pub fn database_url() -> String {
    std::env::var("DATABASE_URL").unwrap_or_else(|_| LOCAL.to_owned())
}

/// A URL whose connections see only a new, empty schema.
pub async fn fresh_schema_url() -> String {
    let base = database_url();
    let (client, connection) = tokio_postgres::connect(&base, NoTls)
        .await
        .unwrap_or_else(|e| {
            panic!("no PostgreSQL at {base} (set DATABASE_URL; scripts/test.sh starts one): {e}")
        });
    let driver = tokio::spawn(connection);
    let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
    client
        .batch_execute(&format!("CREATE SCHEMA {schema}"))
        .await
        .unwrap_or_else(|e| panic!("creating a schema at {base}: {e}"));
    drop(client);
    let _ = driver.await;
    let join = if base.contains('?') { '&' } else { '?' };
    format!("{base}{join}options=-c%20search_path%3D{schema}")
}

/// A store in a new schema.
pub async fn postgres_store() -> super::LinkStore {
    let url = fresh_schema_url().await;
    super::LinkStore::open(&super::Location::Postgres(crate::secret::Secret::new(url)))
        .await
        .unwrap_or_else(|e| panic!("opening PostgreSQL: {e}"))
}
