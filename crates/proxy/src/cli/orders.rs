//! `amwal-proxy orders`: the links and orders a proxy's database holds.

/// `amwal-proxy orders`: one line per link recorded in the database.
pub fn orders(db: &std::path::Path) -> Result<String, String> {
    if !db.exists() {
        return Err(format!(
            "{}: no such database (start the proxy with --db)",
            db.display()
        ));
    }
    let store = crate::store::LinkStore::open(db).map_err(|e| e.to_string())?;
    let rows = store.list().map_err(|e| e.to_string())?;
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
    use crate::store::{LinkRecord, LinkStore, OrderState};
    use amwal_core::{Currency, LinkId, Money};

    #[test]
    fn a_stored_control_character_is_shown_escaped() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("orders.sqlite3");
        let store = LinkStore::open(&db).expect("store");
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
            .expect("insert");
        store
            .insert(LinkId::from_uuid(uuid::Uuid::new_v4()), record("طلب-٧"))
            .expect("insert");
        let listing = orders(&db).expect("listed");
        assert!(!listing.contains('\u{1b}'), "{listing:?}");
        assert!(listing.contains("A-1\\u{1b}[2J\\u{a}forged"), "{listing}");
        assert!(listing.contains("طلب-٧"), "Arabic stays readable");
        assert_eq!(listing.lines().count(), 3, "no forged line");
    }
}
