-- When the link was last resolved and last swept: the sweep looks at
-- orders resolved lately, those it looked at longest ago first.
ALTER TABLE links ADD COLUMN resolved_at TEXT;
ALTER TABLE links ADD COLUMN swept_at TEXT;
-- What Amwal charged (after its discounts or fees): recorded, not compared.
ALTER TABLE links ADD COLUMN paid_total TEXT;
-- Callbacks are no longer de-duplicated by id: Amwal's record decides.
DROP TABLE IF EXISTS events;
CREATE INDEX IF NOT EXISTS links_by_order ON links(order_id);
CREATE INDEX IF NOT EXISTS links_to_sweep ON links(order_state, resolved_at);
