//! Tells the page what happened: `amwal-ready`, `amwal-redirect`,
//! `amwal-complete`, `amwal-failed` and `amwal-error`, as bubbling, composed
//! `CustomEvent`s (they cross the shadow root to the element). `detail`
//! holds the link id, the status, the amount in minor units and the
//! currency, never contact data.

use amwal_core::flow::{ErrorKind, State, Summary};
use amwal_core::LinkId;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// The event a newly entered state announces, with its detail.
fn event_for(state: &State, link: Option<LinkId>) -> Option<(&'static str, Object)> {
    let detail = Object::new();
    let set = |k: &str, v: JsValue| {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&detail, &k.into(), &v);
    };
    if let Some(l) = link {
        set("link", l.to_string().into());
    }
    let summary = |s: &Summary, status: &str| {
        set("status", status.into());
        set("transactionId", s.transaction_id.as_str().into());
        // Minor units: exact in a JS number up to 2^53.
        set("amount", JsValue::from(s.total.minor as f64));
        set("currency", s.total.currency.code().into());
    };
    let name = match state {
        State::Ready(s)
        | State::Awaiting {
            summary: s,
            attempt: 0,
        } => {
            summary(s, "pending");
            "amwal-ready"
        }
        State::Redirecting(s) => {
            summary(s, "redirecting");
            "amwal-redirect"
        }
        State::Completed(s) | State::AlreadyPaid(s) => {
            summary(s, "completed");
            set("alreadyPaid", matches!(state, State::AlreadyPaid(_)).into());
            "amwal-complete"
        }
        State::PaymentFailed(s) => {
            summary(s, "failed");
            "amwal-failed"
        }
        State::Error(kind) => {
            set("status", "error".into());
            set("code", error_code(*kind).into());
            "amwal-error"
        }
        _ => return None,
    };
    Some((name, detail))
}

/// `detail.code` of `amwal-error`.
pub fn error_code(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Network => "network",
        ErrorKind::Timeout => "timeout",
        ErrorKind::Busy => "busy",
        ErrorKind::Expired => "expired",
        ErrorKind::NotFound => "not_found",
        ErrorKind::Proxy => "proxy",
        ErrorKind::Misconfigured => "misconfigured",
        ErrorKind::NoPaymentHere => "no_payment_here",
        ErrorKind::Refunded => "refunded",
        ErrorKind::PartiallyRefunded => "partially_refunded",
    }
}

/// `kind` changes whenever a different card shows; the event fires once then.
#[hook]
pub fn use_events(section: &NodeRef, state: &State, link: Option<LinkId>, kind: u8) {
    let section = section.clone();
    let event = event_for(state, link);
    use_effect_with(kind, move |_| {
        if let (Some((name, detail)), Some(el)) = (event, section.cast::<web_sys::Element>()) {
            crate::services::browser::dispatch(&el, name, &detail);
        }
    });
}
