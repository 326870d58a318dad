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
            r.order_id,
            r.amount.to_decimal_string(),
            r.amount.currency.code(),
            r.order.name(),
            id
        ));
    }
    Ok(out)
}
