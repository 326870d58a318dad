-- Amwal's callbacks and webhooks, stored once verified and before the 200,
-- then worked by any instance: `next_at` says when to try (again), and a
-- worker holds an event until `claimed_until`; one that died loses it then.
-- Times are Unix milliseconds.
CREATE TABLE callback_events (
    id TEXT PRIMARY KEY,
    link_id TEXT NOT NULL REFERENCES links(id),
    transactions TEXT NOT NULL,
    announced TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'left_to_sweep')),
    attempts INTEGER NOT NULL DEFAULT 0,
    received_at INTEGER NOT NULL,
    next_at INTEGER NOT NULL,
    claimed_until INTEGER,
    last_error TEXT
);
CREATE INDEX callback_events_due ON callback_events(state, next_at);
-- Work one instance at a time does (the sweep): whoever holds the row
-- until `until` does it.
CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until INTEGER NOT NULL
);
