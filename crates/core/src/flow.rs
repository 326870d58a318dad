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
}

impl ErrorKind {
    /// Maps a proxy error response (status and decoded body, if any).
    pub fn from_response(status: u16, body: Option<&ApiError>) -> ErrorKind {
        let code = body.and_then(|b| b.error_code.as_deref());
        match (status, code) {
            (_, Some(codes::LINK_EXPIRED)) => ErrorKind::Expired,
            (_, Some(codes::RETURN_URL_NOT_ALLOWED)) => ErrorKind::Misconfigured,
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
            TxStatus::Completed => State::AlreadyPaid(s),
            _ => present(s),
        },
        (State::Ready(s), Event::PayClicked) => State::Redirecting(s.clone()),
        // Back from the pay page without paying: Pay works again, and one
        // status check tells whether it was paid after all.
        (State::Redirecting(s), Event::PageRestored) => State::Ready(s.clone()),
        (State::Ready(_), Event::StatusChecked(s)) if s.status == TxStatus::Completed => {
            State::Completed(s)
        }
        (State::Awaiting { summary, attempt }, Event::StatusChecked(s)) => match s.status {
            TxStatus::Completed => State::Completed(s),
            TxStatus::Failed => State::PaymentFailed(s),
            TxStatus::Pending | TxStatus::Unknown => {
                next_check(*attempt, |attempt| State::Awaiting {
                    summary: summary.clone(),
                    attempt,
                })
            }
        },
        (_, Event::Returned) => State::Confirming { attempt: 0 },
        (State::Confirming { attempt }, Event::StatusChecked(s)) => match s.status {
            TxStatus::Completed => State::Completed(s),
            TxStatus::Failed => State::PaymentFailed(s),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(status: TxStatus) -> Summary {
        Summary {
            link: LinkId::parse("550e8400-e29b-41d4-a716-446655440000").expect("valid"),
            transaction_id: "tx".into(),
            total: Money {
                minor: 29999,
                currency: Currency::SAR,
            },
            title: "Headphones".into(),
            description: None,
            status,
            interface: PaymentInterface::Web,
            method: None,
            created_at: None,
        }
    }

    #[test]
    fn resolve_then_pay_redirects_once() {
        let ready = reduce(&State::Loading, Event::Resolved(summary(TxStatus::Pending)));
        assert!(matches!(ready, State::Ready(_)));
        let going = reduce(&ready, Event::PayClicked);
        assert!(matches!(going, State::Redirecting(_)));
        assert_eq!(
            reduce(&going, Event::PayClicked),
            going,
            "second click is ignored"
        );
    }

    #[test]
    fn a_paid_link_shows_already_paid() {
        let s = reduce(
            &State::Loading,
            Event::Resolved(summary(TxStatus::Completed)),
        );
        assert!(matches!(s, State::AlreadyPaid(_)));
    }

    #[test]
    fn return_polls_until_a_final_status() {
        let mut s = reduce(&State::Loading, Event::Returned);
        s = reduce(&s, Event::StatusChecked(summary(TxStatus::Pending)));
        assert_eq!(s, State::Confirming { attempt: 1 });
        s = reduce(&s, Event::StatusChecked(summary(TxStatus::Completed)));
        assert!(matches!(s, State::Completed(_)));
    }

    #[test]
    fn polling_gives_up_after_the_maximum_checks() {
        let mut s = State::Confirming { attempt: 0 };
        for _ in 0..MAX_STATUS_CHECKS {
            s = reduce(&s, Event::StatusChecked(summary(TxStatus::Pending)));
        }
        assert_eq!(s, State::StillPending);
    }

    #[test]
    fn a_failed_payment_can_be_retried_from_the_summary() {
        let s = reduce(
            &State::Confirming { attempt: 0 },
            Event::StatusChecked(summary(TxStatus::Failed)),
        );
        assert!(matches!(s, State::PaymentFailed(_)));
        assert!(matches!(reduce(&s, Event::RetryPayment), State::Ready(_)));
    }

    #[test]
    fn only_retryable_errors_can_be_retried() {
        let net = State::Error(ErrorKind::Network);
        assert_eq!(reduce(&net, Event::Retry), State::Loading);
        let expired = State::Error(ErrorKind::Expired);
        assert_eq!(reduce(&expired, Event::Retry), expired);
        // The proxy may already have resolved (and Amwal sent its SMS).
        for reached in [ErrorKind::Timeout, ErrorKind::Proxy] {
            assert_eq!(
                reduce(&State::Error(reached), Event::Retry),
                State::Error(reached)
            );
        }
        assert_eq!(
            reduce(&State::Error(ErrorKind::Busy), Event::Retry),
            State::Loading
        );
    }

    #[test]
    fn qr_and_terminal_links_are_polled_until_paid() {
        let mut qr = summary(TxStatus::Pending);
        qr.interface = PaymentInterface::QrDisplay;
        let s = reduce(&State::Loading, Event::Resolved(qr.clone()));
        assert_eq!(
            s,
            State::Awaiting {
                summary: qr.clone(),
                attempt: 0
            }
        );
        let s = reduce(&s, Event::StatusChecked(qr.clone()));
        assert_eq!(
            s,
            State::Awaiting {
                summary: qr.clone(),
                attempt: 1
            }
        );
        assert_eq!(reduce(&s, Event::PayClicked), s, "no Pay button to click");
        let mut paid = qr.clone();
        paid.status = TxStatus::Completed;
        assert!(matches!(
            reduce(&s, Event::StatusChecked(paid)),
            State::Completed(_)
        ));
    }

    #[test]
    fn a_failed_status_check_keeps_polling_and_never_resolves_again() {
        let mut qr = summary(TxStatus::Pending);
        qr.interface = PaymentInterface::QrDisplay;
        let waiting = State::Awaiting {
            summary: qr.clone(),
            attempt: 3,
        };
        let after = reduce(&waiting, Event::Failed(ErrorKind::Network));
        assert_eq!(
            after,
            State::Awaiting {
                summary: qr,
                attempt: 4
            }
        );
        let confirming = reduce(
            &State::Confirming { attempt: 0 },
            Event::Failed(ErrorKind::Timeout),
        );
        assert_eq!(confirming, State::Confirming { attempt: 1 });
        // A final answer (the transaction is not this store's) still ends it.
        let gone = reduce(
            &State::Confirming { attempt: 0 },
            Event::Failed(ErrorKind::NotFound),
        );
        assert_eq!(gone, State::Error(ErrorKind::NotFound));
        let spent = reduce(
            &State::Confirming {
                attempt: MAX_STATUS_CHECKS - 1,
            },
            Event::Failed(ErrorKind::Busy),
        );
        assert_eq!(spent, State::StillPending);
        assert_eq!(
            reduce(&spent, Event::Returned),
            State::Confirming { attempt: 0 },
            "check again"
        );
    }

    #[test]
    fn back_from_the_pay_page_re_enables_pay_and_rechecks_once() {
        let going = State::Redirecting(summary(TxStatus::Pending));
        let back = reduce(&going, Event::PageRestored);
        assert_eq!(back, State::Ready(summary(TxStatus::Pending)));
        assert_eq!(
            reduce(&back, Event::StatusChecked(summary(TxStatus::Pending))),
            back
        );
        let paid = reduce(&back, Event::StatusChecked(summary(TxStatus::Completed)));
        assert!(matches!(paid, State::Completed(_)));
    }

    #[test]
    fn status_delays_back_off_to_thirty_seconds() {
        let delays: Vec<u32> = (0..7).map(status_delay_ms).collect();
        assert_eq!(delays, [0, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    }

    #[test]
    fn errors_map_to_what_the_shopper_needs() {
        let expired = ApiError::new("Payment link expired", codes::LINK_EXPIRED);
        assert_eq!(
            ErrorKind::from_response(400, Some(&expired)),
            ErrorKind::Expired
        );
        assert_eq!(ErrorKind::from_response(404, None), ErrorKind::NotFound);
        assert_eq!(ErrorKind::from_response(502, None), ErrorKind::Proxy);
        assert_eq!(ErrorKind::from_response(503, None), ErrorKind::Busy);
        let refused = ApiError::new("no", codes::RETURN_URL_NOT_ALLOWED);
        assert_eq!(
            ErrorKind::from_response(400, Some(&refused)),
            ErrorKind::Misconfigured
        );
    }

    #[test]
    fn an_inexact_amount_is_an_error_not_a_summary() {
        let body: ResolveResponse = ResolveResponse {
            transaction: crate::api::Transaction {
                id: "t".into(),
                amount: "10.00500".into(),
                status: "pending".into(),
                payment_method: None,
                created_at: None,
                client_email: None,
                client_first_name: None,
                client_last_name: None,
                client_phone_number: None,
            },
            payment_interface: PaymentInterface::Web,
            link: None,
        };
        let link = summary(TxStatus::Pending).link;
        assert_eq!(
            summarize_resolve(link, &body, Currency::SAR),
            Err(ErrorKind::Proxy)
        );
    }
}
