-- The links this proxy created, and every transaction a resolve returned
-- (a second tab's resolve must not orphan the first tab's payment).
-- IF NOT EXISTS: files from before versioning already hold these tables.
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
CREATE TABLE IF NOT EXISTS transactions (
    id TEXT PRIMARY KEY,
    link_id TEXT NOT NULL REFERENCES links(id)
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
