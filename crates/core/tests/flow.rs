//! The widget's flow: every transition the shopper can meet.

use amwal_core::api::{codes, ApiError, PaymentInterface, ResolveResponse, TxStatus};
use amwal_core::flow::*;
use amwal_core::{Currency, LinkId, Money};

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
    let s = reduce(&State::Loading, Event::Resolved(summary(TxStatus::Paid)));
    assert!(matches!(s, State::AlreadyPaid(_)));
}

#[test]
fn return_polls_until_a_final_status() {
    let mut s = reduce(&State::Loading, Event::Returned);
    s = reduce(&s, Event::StatusChecked(summary(TxStatus::Pending)));
    assert_eq!(s, State::Confirming { attempt: 1 });
    s = reduce(&s, Event::StatusChecked(summary(TxStatus::Paid)));
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
    paid.status = TxStatus::Paid;
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
    let paid = reduce(&back, Event::StatusChecked(summary(TxStatus::Paid)));
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
        transaction: amwal_core::api::Transaction {
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

#[test]
fn amwals_own_words_drive_the_widget_not_just_the_resolve_documents() {
    let with_word = |word: &str| {
        let mut s = summary(TxStatus::from_word(word));
        s.transaction_id = word.into();
        s
    };
    let open = reduce(&State::Loading, Event::Resolved(with_word("initiated")));
    assert!(matches!(open, State::Ready(_)), "initiated is payable");
    let paid = reduce(&State::Loading, Event::Resolved(with_word("success")));
    assert!(
        matches!(paid, State::AlreadyPaid(_)),
        "success is already paid"
    );
    let back = State::Confirming { attempt: 0 };
    assert!(matches!(
        reduce(&back, Event::StatusChecked(with_word("success"))),
        State::Completed(_)
    ));
    assert!(matches!(
        reduce(&back, Event::StatusChecked(with_word("fail"))),
        State::PaymentFailed(_)
    ));
    assert_eq!(
        reduce(&back, Event::StatusChecked(with_word("redirected"))),
        State::Confirming { attempt: 1 }
    );
}

#[test]
fn refunds_have_their_own_outcome_on_resolve_and_on_return() {
    for (word, kind) in [
        ("refunded", ErrorKind::Refunded),
        ("partially refunded", ErrorKind::PartiallyRefunded),
    ] {
        let s = summary(TxStatus::from_word(word));
        assert_eq!(
            reduce(&State::Loading, Event::Resolved(s.clone())),
            State::Error(kind),
            "{word}: no Pay button"
        );
        assert_eq!(
            reduce(
                &State::Confirming { attempt: 3 },
                Event::StatusChecked(s.clone())
            ),
            State::Error(kind)
        );
        let waiting = State::Awaiting {
            summary: summary(TxStatus::Pending),
            attempt: 0,
        };
        assert_eq!(
            reduce(&waiting, Event::StatusChecked(s)),
            State::Error(kind)
        );
        assert!(!kind.retryable(), "nothing to retry: the refund stands");
    }
}
