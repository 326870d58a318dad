//! Paid means paid, whichever way the news arrives. Amwal's record, fetched
//! by the proxy, is the only authority on an order; three things prompt the
//! fetch: a callback, the widget's status check, and the periodic sweep.
//!
//! An order is marked paid only when Amwal's record says its transaction is
//! paid, belongs to this link (recorded at resolve, or listed in Amwal's
//! link details) and carries the amount recorded for the link.

use crate::amwal::wire::TransactionDetails;
use crate::amwal::AmwalError;
use crate::state::AppState;
use crate::store::{LinkRecord, Moved, StoreError};
use amwal_core::api::TxStatus;
use amwal_core::{LinkId, Money, TransactionId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettleError {
    Store(StoreError),
    Amwal(AmwalError),
    /// Amwal's record does not tie this transaction to the link.
    NotOfLink,
}

impl From<StoreError> for SettleError {
    fn from(e: StoreError) -> Self {
        SettleError::Store(e)
    }
}

impl From<AmwalError> for SettleError {
    fn from(e: AmwalError) -> Self {
        SettleError::Amwal(e)
    }
}

impl std::fmt::Display for SettleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SettleError::Store(e) => e.fmt(f),
            SettleError::Amwal(e) => e.fmt(f),
            SettleError::NotOfLink => {
                f.write_str("Amwal does not list the transaction under this link")
            }
        }
    }
}

/// Whether Amwal's amount is exactly the one recorded for the link.
pub fn amount_matches(tx: &TransactionDetails, expected: Money) -> bool {
    Money::parse(&tx.amount, expected.currency).is_ok_and(|m| m == expected)
}

/// Moves the order of `link` as Amwal's record `tx` of one of its
/// transactions says. The caller has established that `tx` belongs to
/// `link`.
pub async fn apply(
    st: &AppState,
    link: &LinkId,
    record: &LinkRecord,
    tx: &TransactionDetails,
) -> Result<Moved, StoreError> {
    let status = TxStatus::from_word(&tx.status);
    if status.was_paid() && !amount_matches(tx, record.amount) {
        crate::log!(
            "order of {link}: transaction {} is {} with amount {:?}, not the recorded {}; left as it is",
            tx.id,
            tx.status.trim(),
            tx.amount,
            record.amount.to_decimal_string()
        );
        return Ok(Moved::Already(record.order.clone()));
    }
    let moved = match status {
        TxStatus::Paid => {
            st.links
                .mark_paid(link, &tx.id, tx.total_amount.as_deref())
                .await?
        }
        TxStatus::Failed => st.links.mark_failed(link).await?,
        TxStatus::Refunded => st.links.mark_refunded(link, &tx.id, false).await?,
        TxStatus::PartiallyRefunded => st.links.mark_refunded(link, &tx.id, true).await?,
        TxStatus::Pending | TxStatus::Unknown => Moved::Already(record.order.clone()),
    };
    if let Moved::Now(state) = &moved {
        crate::log!(
            "order of {link} is now {} (transaction {})",
            state.name(),
            tx.id
        );
    }
    Ok(moved)
}

/// Fetches Amwal's record of `tx`, checks that it belongs to `link`, and
/// applies it.
pub async fn settle(
    st: &AppState,
    link: &LinkId,
    record: &LinkRecord,
    tx: &TransactionId,
) -> Result<(TransactionDetails, Moved), SettleError> {
    let details = st.upstream.transaction(tx).await?;
    if details.id != tx.as_str() {
        crate::log!(
            "Amwal answered transaction {:?} when asked for {tx}",
            details.id
        );
        return Err(SettleError::Amwal(AmwalError::BadBody));
    }
    let recorded = st.links.has_transaction(link, tx.as_str()).await?;
    if !recorded {
        let listed = st.upstream.link_details(*link).await?;
        if !listed.transactions.iter().any(|t| t.id == details.id) {
            return Err(SettleError::NotOfLink);
        }
    }
    let moved = apply(st, link, record, &details).await?;
    Ok((details, moved))
}

/// Reads the whole link from Amwal (one call, every transaction) and
/// applies what it shows: a paid transaction of the right amount pays the
/// order; otherwise the latest recorded transaction's failure fails it.
/// Returns the transaction that decided, if any.
pub async fn settle_link(
    st: &AppState,
    link: &LinkId,
    record: &LinkRecord,
) -> Result<Option<(TransactionDetails, Moved)>, SettleError> {
    let details = st.upstream.link_details(*link).await?;
    let paid = details.transactions.iter().find(|t| {
        TxStatus::from_word(&t.status) == TxStatus::Paid && amount_matches(t, record.amount)
    });
    if let Some(tx) = paid {
        let moved = apply(st, link, record, tx).await?;
        return Ok(Some((tx.clone(), moved)));
    }
    let latest = record
        .transaction_id
        .as_deref()
        .and_then(|id| details.transactions.iter().find(|t| t.id == id));
    match latest {
        Some(tx) => {
            let moved = apply(st, link, record, tx).await?;
            Ok(Some((tx.clone(), moved)))
        }
        None => Ok(None),
    }
}
