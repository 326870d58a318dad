//! The widget's flow as one pure `reduce(state, event)`.
//!
//! The widget's components render a [`State`]; its services turn browser and
//! network results into [`Event`]s. No I/O happens here, so every path is a
//! plain unit test.

use crate::api::{codes, ApiError, PaymentInterface, ResolveResponse, StatusResponse, TxStatus};
use crate::{Currency, LinkId, Money};

/// What the shopper is shown about one payment link.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub link: LinkId,
    pub transaction_id: String,
    pub total: Money,
    pub title: String,
    pub description: Option<String>,
    pub status: TxStatus,
    pub interface: PaymentInterface,
    pub method: Option<String>,
    /// When the transaction was created (ISO 8601, as Amwal sends it).
    pub created_at: Option<String>,
}

/// Every failure the shopper can meet, each with its own message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// No answer: offline, or the connection was refused.
    Network,
    /// Our deadline passed; the proxy may have acted on the request.
    Timeout,
    /// The proxy refused for load (429/503) even after the widget's retries.
    Busy,
    Expired,
    NotFound,
    /// The proxy or Amwal answered with an error or an unreadable body.
    Proxy,
    /// The widget or proxy is set up wrongly (bad attribute, return URL refused).
    Misconfigured,
    /// Back on the return page, but this browser holds no transaction to check.
    NoPaymentHere,
    /// Amwal refunded this payment in full.
    Refunded,
    /// Amwal refunded part of this payment.
    PartiallyRefunded,
}

impl ErrorKind {
    /// Maps a proxy error response (status and decoded body, if any).
    pub fn from_response(status: u16, body: Option<&ApiError>) -> ErrorKind {
        let code = body.and_then(|b| b.error_code.as_deref());
        match (status, code) {
            (_, Some(codes::LINK_EXPIRED)) => ErrorKind::Expired,
            (_, Some(codes::RETURN_URL_NOT_ALLOWED | codes::STOREFRONT_ORIGIN_REFUSED)) => {
                ErrorKind::Misconfigured
            }
            (404, _) | (_, Some(codes::LINK_NOT_FOUND)) | (_, Some(codes::INVALID_LINK_ID)) => {
                ErrorKind::NotFound
            }
            (429 | 503, _) => ErrorKind::Busy,
            _ => ErrorKind::Proxy,
        }
    }

    /// Whether the shopper may ask for resolve again: only when it certainly
    /// did not reach the proxy, or the proxy refused it for load. Resolve
    /// has side effects upstream, so a timeout or a proxy error is final.
    pub fn retryable(self) -> bool {
        matches!(self, ErrorKind::Network | ErrorKind::Busy)
    }

    /// Whether asking for the status again (idempotent) may help.
    pub fn status_retryable(self) -> bool {
        matches!(
            self,
            ErrorKind::Network | ErrorKind::Timeout | ErrorKind::Busy | ErrorKind::Proxy
        )
    }
}

/// Builds the summary from a resolve or status body, checking the amount.
pub fn summarize(
    link: LinkId,
    tx: &crate::api::Transaction,
    interface: PaymentInterface,
    info: Option<&crate::api::LinkInfo>,
    fallback_currency: Currency,
) -> Result<Summary, ErrorKind> {
    let currency = match info {
        Some(i) => Currency::from_code(&i.currency).map_err(|_| ErrorKind::Proxy)?,
        None => fallback_currency,
    };
    let total = Money::parse(&tx.amount, currency).map_err(|_| ErrorKind::Proxy)?;
    Ok(Summary {
        link,
        transaction_id: tx.id.clone(),
        total,
        title: info.map(|i| i.title.clone()).unwrap_or_default(),
        description: info.and_then(|i| i.description.clone()),
        status: tx.status(),
        interface,
        method: tx.payment_method.clone(),
        created_at: tx.created_at.clone(),
    })
}

pub fn summarize_resolve(
    link: LinkId,
    body: &ResolveResponse,
    fallback: Currency,
) -> Result<Summary, ErrorKind> {
    summarize(
        link,
        &body.transaction,
        body.payment_interface,
        body.link.as_ref(),
        fallback,
    )
}

pub fn summarize_status(
    link: LinkId,
    body: &StatusResponse,
    fallback: Currency,
) -> Result<Summary, ErrorKind> {
    summarize(
        link,
        &body.transaction,
        PaymentInterface::Web,
        body.link.as_ref(),
        fallback,
    )
}

/// Status checks on the return page before the widget stops polling.
pub const MAX_STATUS_CHECKS: u32 = 12;

/// Delay before status check number `attempt` (0 = at once): 2 s doubling
/// up to 30 s.
pub fn status_delay_ms(attempt: u32) -> u32 {
    match attempt {
        0 => 0,
        n => 2_000u32.saturating_mul(1 << (n - 1).min(4)).min(30_000),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum State {
    Loading,
    Ready(Summary),
    /// Pay was clicked: exactly one navigation is under way.
    Redirecting(Summary),
    /// Paying elsewhere (QR code on a phone, the store's terminal): the
    /// widget polls the status (check number `attempt`).
    Awaiting {
        summary: Summary,
        attempt: u32,
    },
    /// Back from the pay page: asking the proxy (check number `attempt`).
    Confirming {
        attempt: u32,
    },
    StillPending,
    Completed(Summary),
    AlreadyPaid(Summary),
    PaymentFailed(Summary),
    Error(ErrorKind),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    Resolved(Summary),
    PayClicked,
    /// The page is a return from the pay page (`amwal_return` matched).
    Returned,
    StatusChecked(Summary),
    Failed(ErrorKind),
    /// "Try again" after a failed payment: back to the summary.
    RetryPayment,
    /// "Try again" after a retryable error: load again.
    Retry,
    /// The page came back from the back/forward cache after Pay.
    PageRestored,
}

/// Where a summary goes once shown: `web` waits for Pay; the others are paid
/// elsewhere and polled.
fn present(s: Summary) -> State {
    match s.interface {
        PaymentInterface::Web => State::Ready(s),
        PaymentInterface::QrDisplay | PaymentInterface::TerminalNative => State::Awaiting {
            summary: s,
            attempt: 0,
        },
    }
}

/// A refunded payment is neither paid nor payable: it has a message of its own.
fn refunded(status: TxStatus) -> State {
    State::Error(if status == TxStatus::Refunded {
        ErrorKind::Refunded
    } else {
        ErrorKind::PartiallyRefunded
    })
}

/// The next polling state, or `StillPending` once the checks are used up.
fn next_check(attempt: u32, polling: impl FnOnce(u32) -> State) -> State {
    if attempt + 1 < MAX_STATUS_CHECKS {
        polling(attempt + 1)
    } else {
        State::StillPending
    }
}

pub fn reduce(state: &State, event: Event) -> State {
    match (state, event) {
        (State::Loading, Event::Resolved(s)) => match s.status {
            TxStatus::Paid => State::AlreadyPaid(s),
            TxStatus::Refunded | TxStatus::PartiallyRefunded => refunded(s.status),
            _ => present(s),
        },
        (State::Ready(s), Event::PayClicked) => State::Redirecting(s.clone()),
        // Back from the pay page without paying: Pay works again, and one
        // status check tells whether it was paid after all.
        (State::Redirecting(s), Event::PageRestored) => State::Ready(s.clone()),
        (State::Ready(_), Event::StatusChecked(s)) if s.status == TxStatus::Paid => {
            State::Completed(s)
        }
        (State::Awaiting { summary, attempt }, Event::StatusChecked(s)) => match s.status {
            TxStatus::Paid => State::Completed(s),
            TxStatus::Failed => State::PaymentFailed(s),
            TxStatus::Refunded | TxStatus::PartiallyRefunded => refunded(s.status),
            TxStatus::Pending | TxStatus::Unknown => {
                next_check(*attempt, |attempt| State::Awaiting {
                    summary: summary.clone(),
                    attempt,
                })
            }
        },
        (_, Event::Returned) => State::Confirming { attempt: 0 },
        (State::Confirming { attempt }, Event::StatusChecked(s)) => match s.status {
            TxStatus::Paid => State::Completed(s),
            TxStatus::Failed => State::PaymentFailed(s),
            TxStatus::Refunded | TxStatus::PartiallyRefunded => refunded(s.status),
            TxStatus::Pending | TxStatus::Unknown => {
                next_check(*attempt, |attempt| State::Confirming { attempt })
            }
        },
        // A failed status check while polling is one more check used, not
        // a dead end: the shopper may still be paying on their phone.
        (State::Confirming { attempt }, Event::Failed(kind)) if kind.status_retryable() => {
            next_check(*attempt, |attempt| State::Confirming { attempt })
        }
        (State::Awaiting { summary, attempt }, Event::Failed(kind)) if kind.status_retryable() => {
            next_check(*attempt, |attempt| State::Awaiting {
                summary: summary.clone(),
                attempt,
            })
        }
        (State::PaymentFailed(s), Event::RetryPayment) => present(s.clone()),
        (State::Error(kind), Event::Retry) if kind.retryable() => State::Loading,
        (_, Event::Failed(kind)) => State::Error(kind),
        // Anything else (a second click, a late response) changes nothing.
        (state, _) => state.clone(),
    }
}
