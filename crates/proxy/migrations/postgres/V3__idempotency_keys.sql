-- Idempotency keys of creates, written before Amwal is asked, so a
-- concurrent or later retry (after a restart too) finds them. Times are
-- Unix seconds.
CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    request TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'unknown')),
    answer TEXT,
    started_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX idempotency_expiry ON idempotency_keys(expires_at);
