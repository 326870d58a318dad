//! What the store holds and says: a link's record, where its order stands,
//! the result of a move, and the store's errors by kind.

use amwal_core::Money;

#[derive(Debug, Clone, PartialEq)]
pub struct LinkRecord {
    pub order_id: String,
    pub amount: Money,
    pub title: String,
    pub description: Option<String>,
    /// What a return URL must start with, when the merchant fixed it at
    /// create; otherwise the allowed origins decide.
    pub return_prefix: Option<String>,
    /// Set once the link is resolved (the latest transaction).
    pub transaction_id: Option<String>,
    pub order: OrderState,
}

#[cfg(test)]
impl LinkRecord {
    /// An open link of `amount` SAR, as the store's own tests record one.
    pub fn for_test(amount: &str) -> LinkRecord {
        LinkRecord {
            order_id: "1".into(),
            amount: Money::parse(amount, amwal_core::Currency::SAR).expect("amount"),
            title: "T".into(),
            description: None,
            return_prefix: None,
            transaction_id: None,
            order: OrderState::Open,
        }
    }
}

/// Where the merchant's order stands, as Amwal's record established it.
///
/// The only moves: open → paid, open → failed, failed → paid (a declined
/// card, then a good one), paid → refunded or partially refunded, and
/// partially refunded → refunded. Nothing else un-pays an order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum OrderState {
    #[default]
    Open,
    Paid {
        transaction_id: String,
    },
    Failed,
    Refunded {
        transaction_id: String,
    },
    PartiallyRefunded {
        transaction_id: String,
    },
}

impl OrderState {
    /// The state as a row holds it: its name and the paying transaction.
    pub fn from_stored(name: &str, paid: Option<String>) -> OrderState {
        match (name, paid) {
            ("paid", Some(tx)) => OrderState::Paid { transaction_id: tx },
            ("refunded", Some(tx)) => OrderState::Refunded { transaction_id: tx },
            ("partially_refunded", Some(tx)) => {
                OrderState::PartiallyRefunded { transaction_id: tx }
            }
            ("failed", _) => OrderState::Failed,
            _ => OrderState::Open,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            OrderState::Open => "open",
            OrderState::Paid { .. } => "paid",
            OrderState::Failed => "failed",
            OrderState::Refunded { .. } => "refunded",
            OrderState::PartiallyRefunded { .. } => "partially_refunded",
        }
    }

    /// The transaction that paid the order, once it was paid.
    pub fn paid_transaction(&self) -> Option<&str> {
        match self {
            OrderState::Paid { transaction_id }
            | OrderState::Refunded { transaction_id }
            | OrderState::PartiallyRefunded { transaction_id } => Some(transaction_id),
            OrderState::Open | OrderState::Failed => None,
        }
    }
}

/// The result of asking for a move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Moved {
    /// This call made the move.
    Now(OrderState),
    /// The order was already there, or the move is not allowed from where
    /// it is: it stays as it is.
    Already(OrderState),
}

impl Moved {
    pub fn state(&self) -> &OrderState {
        match self {
            Moved::Now(s) | Moved::Already(s) => s,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// Another writer holds the lock, or every connection is in use, for
    /// longer than a call waits: try again shortly.
    Busy,
    /// The database failed (disk, corruption, connection lost).
    Database(String),
    /// The database was written by a newer proxy: refusing beats guessing.
    NewerSchema {
        found: i64,
        supported: i64,
    },
    AmountTooLarge,
    /// A row read back does not hold what was written.
    Corrupt(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Busy => f.write_str("store: busy (locked by another writer)"),
            StoreError::Database(e) => write!(f, "store: {e}"),
            StoreError::NewerSchema { found, supported } => write!(
                f,
                "store: schema version {found} is newer than this proxy's ({supported}); run a newer amwal-proxy"
            ),
            StoreError::AmountTooLarge => f.write_str("store: amount too large"),
            StoreError::Corrupt(what) => write!(f, "store: unreadable {what}"),
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            _ => StoreError::Database(e.to_string()),
        }
    }
}
