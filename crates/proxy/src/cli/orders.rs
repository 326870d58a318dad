//! `amwal-proxy orders`: the links and orders a proxy's database holds.

use crate::store::{LinkStore, Location, StoreError};

/// `amwal-proxy orders`: one line per link recorded in the database.
pub async fn orders(db: &std::path::Path) -> Result<String, String> {
    let at = Location::from_arg(db);
    if let Location::Sqlite(file) = &at {
        if !file.exists() {
            return Err(format!(
                "{}: no such database (start the proxy with --db)",
                file.display()
            ));
        }
    }
    let failed = |e: StoreError| format!("{at}: {e}");
    let store = LinkStore::open(&at).await.map_err(failed)?;
    let rows = store.list().await.map_err(failed)?;
    let mut out = format!(
        "{:<20} {:<16} {:>14} {:<4} {:<7} {}\n",
        "created", "order", "amount", "", "state", "link"
    );
    for (id, r, created) in rows {
        out.push_str(&format!(
            "{:<20} {:<16} {:>14} {:<4} {:<7} {}\n",
            created,
            printable(&r.order_id),
            r.amount.to_decimal_string(),
            r.amount.currency.code(),
            r.order.name(),
            id
        ));
    }
    Ok(out)
}

/// Text for a terminal: control characters written as `\u{…}` escapes, so
/// a stored value cannot move the cursor or forge a line (Arabic and other
/// printable text stays as it is).
fn printable(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_unicode().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{LinkRecord, OrderState};
    use amwal_core::{Currency, LinkId, Money};

    #[tokio::test]
    async fn a_stored_control_character_is_shown_escaped() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("orders.sqlite3");
        let store = LinkStore::open_sqlite(&db).expect("store");
        let record = |order_id: &str| LinkRecord {
            order_id: order_id.into(),
            amount: Money::parse("1", Currency::SAR).expect("amount"),
            title: "T".into(),
            description: None,
            return_prefix: None,
            transaction_id: None,
            order: OrderState::Open,
        };
        store
            .insert(
                LinkId::from_uuid(uuid::Uuid::new_v4()),
                record("A-1\u{1b}[2J\nforged"),
            )
            .await
            .expect("insert");
        store
            .insert(LinkId::from_uuid(uuid::Uuid::new_v4()), record("طلب-٧"))
            .await
            .expect("insert");
        let listing = orders(&db).await.expect("listed");
        assert!(!listing.contains('\u{1b}'), "{listing:?}");
        assert!(listing.contains("A-1\\u{1b}[2J\\u{a}forged"), "{listing}");
        assert!(listing.contains("طلب-٧"), "Arabic stays readable");
        assert_eq!(listing.lines().count(), 3, "no forged line");
    }
}
