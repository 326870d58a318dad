//! What a store does, whatever holds it: SQLite for one machine,
//! PostgreSQL for several proxies sharing one truth. Each backend keeps the
//! same promises, which `store::tests` checks on both.

use super::events::{Event, NewEvent, Outcome};
use super::idempotency::{ClaimRules, KeyClaim};
use super::{LinkRecord, Moved, StoreError};
use amwal_core::LinkId;
use async_trait::async_trait;

/// A link and the record the store holds for it.
pub type Found = (LinkId, LinkRecord);

/// The order-state moves (see [`super::OrderState`] for which are allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move<'a> {
    /// open or failed → paid by `tx`, recording what Amwal charged.
    Paid { tx: &'a str, total: Option<&'a str> },
    /// open → failed.
    Failed,
    /// paid (or partially refunded) → refunded, or paid → partially
    /// refunded; only for the transaction that paid it.
    Refunded { tx: &'a str, partial: bool },
}

#[async_trait]
pub trait Backend: Send + Sync {
    /// Records a new link (its order open).
    async fn insert(&self, id: LinkId, record: LinkRecord) -> Result<(), StoreError>;

    /// The link's record; a database fault is an error, not "not found".
    async fn find(&self, id: &LinkId) -> Result<Option<LinkRecord>, StoreError>;

    /// Records a transaction a resolve returned for the link; every one
    /// stays linked (a second tab must not orphan the first tab's payment).
    async fn set_transaction(&self, id: &LinkId, tx: &str) -> Result<(), StoreError>;

    /// The link a resolve returned transaction `tx` for.
    async fn find_by_transaction(&self, tx: &str) -> Result<Option<Found>, StoreError>;

    /// The links created for the merchant's order, newest first (at most 20).
    async fn find_by_order(&self, order_id: &str) -> Result<Vec<Found>, StoreError>;

    /// Whether `tx` was recorded at a resolve of `link`.
    async fn has_transaction(&self, link: &LinkId, tx: &str) -> Result<bool, StoreError>;

    /// The newest link of an order named `prefix…` still open or failed;
    /// with `unopened`, only one never resolved.
    async fn newest_demo_link(
        &self,
        prefix: &str,
        unopened: bool,
    ) -> Result<Option<LinkId>, StoreError>;

    /// Every link, newest first: id, record, creation time.
    async fn list(&self) -> Result<Vec<(String, LinkRecord, String)>, StoreError>;

    /// How many links the store holds.
    async fn count(&self) -> Result<u64, StoreError>;

    /// One conditional update: of callers making the same move at once, on
    /// any number of proxies, one changes the order (`Now`) and the others
    /// are told where it stands (`Already`).
    async fn make_move(&self, id: &LinkId, step: Move<'_>) -> Result<Moved, StoreError>;

    /// Up to `limit` orders resolved within `window_secs` and still open or
    /// failed, those swept longest ago (or never) first; each is marked
    /// swept now.
    async fn due_for_sweep(&self, window_secs: u64, limit: usize)
        -> Result<Vec<Found>, StoreError>;

    /// Claims an idempotency key for `request` (its canonical text): of
    /// concurrent callers, exactly one gets `Claimed`.
    async fn claim_key(
        &self,
        key: &str,
        request: &str,
        rules: ClaimRules,
    ) -> Result<KeyClaim, StoreError>;

    /// Records a link Amwal made and, in the same transaction, the answer
    /// its key gives from now on.
    async fn record_created(
        &self,
        link: LinkId,
        record: LinkRecord,
        key: Option<(&str, &str)>,
    ) -> Result<(), StoreError>;

    /// Amwal refused the create: nothing was made, the key is free again.
    async fn release_key(&self, key: &str) -> Result<(), StoreError>;

    /// Amwal's answer never came: the link may exist.
    async fn key_outcome_unknown(&self, key: &str) -> Result<(), StoreError>;

    /// Whether the merchant's order holds money through one of its links
    /// (paid, or only partly refunded).
    async fn order_is_paid(&self, order_id: &str) -> Result<bool, StoreError>;

    /// The database answers and holds this proxy's schema.
    async fn ready(&self) -> Result<(), StoreError>;

    /// Stores a verified delivery to be worked from `now` (Unix ms);
    /// false when the same event was stored before.
    async fn store_event(&self, event: &NewEvent, now: i64) -> Result<bool, StoreError>;

    /// Claims up to `limit` pending events due by `now` that no live worker
    /// holds, for `lease_ms`: of workers on any instance, one gets each.
    async fn claim_events(
        &self,
        now: i64,
        lease_ms: i64,
        limit: usize,
    ) -> Result<Vec<Event>, StoreError>;

    /// Records how working a claimed event went, and lets go of it.
    async fn finish_event(&self, id: &str, outcome: &Outcome) -> Result<(), StoreError>;

    /// Lets go of a claimed event unworked (this instance is stopping).
    async fn release_event(&self, id: &str) -> Result<(), StoreError>;

    /// Forgets events worked to the end (done, or left to the sweep) that
    /// were received before `before` (Unix ms); how many.
    async fn forget_events(&self, before: i64) -> Result<u64, StoreError>;

    /// How many events are in each state (`pending`, `done`, `left_to_sweep`).
    async fn events_by_state(&self) -> Result<Vec<(String, u64)>, StoreError>;

    /// Takes or renews the lease `name` for `holder` until `now + for_ms`:
    /// true while no other holder's lease is running.
    async fn take_lease(
        &self,
        name: &str,
        holder: &str,
        now: i64,
        for_ms: i64,
    ) -> Result<bool, StoreError>;
}

impl Move<'_> {
    /// The update's `SET` and the states it may start from, as SQL both
    /// backends read: `$1` is the link's id, `$2`… are [`Move::args`].
    pub fn clauses(&self) -> (&'static str, &'static str) {
        match self {
            Move::Paid { .. } => (
                "order_state = 'paid', paid_transaction = $2, paid_total = $3",
                "order_state IN ('open', 'failed')",
            ),
            Move::Failed => ("order_state = 'failed'", "order_state = 'open'"),
            Move::Refunded { partial: true, .. } => (
                "order_state = 'partially_refunded'",
                "order_state = 'paid' AND paid_transaction = $2",
            ),
            Move::Refunded { partial: false, .. } => (
                "order_state = 'refunded'",
                "order_state IN ('paid', 'partially_refunded') AND paid_transaction = $2",
            ),
        }
    }

    /// The values after the link's id.
    pub fn args(&self) -> Vec<Option<&str>> {
        match *self {
            Move::Paid { tx, total } => vec![Some(tx), total],
            Move::Failed => vec![],
            Move::Refunded { tx, .. } => vec![Some(tx)],
        }
    }
}
