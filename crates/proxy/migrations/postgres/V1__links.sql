-- The same tables as SQLite's version 1, in PostgreSQL's types. Times stay
-- ISO-8601 text (UTC), as in SQLite, so a store moves across unchanged;
-- `seq` orders links created in the same second.
CREATE TABLE links (
    id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT,
    transaction_id TEXT,
    order_state TEXT NOT NULL DEFAULT 'open',
    paid_transaction TEXT,
    created_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    seq BIGSERIAL NOT NULL
);
CREATE TABLE transactions (
    id TEXT PRIMARY KEY,
    link_id TEXT NOT NULL REFERENCES links(id)
);
