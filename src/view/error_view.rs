//! The one view for every error: a message in the shopper's language and,
//! where it can help, "Try again". Technical detail goes to the console.

use amwal_core::flow::ErrorKind;
use amwal_core::i18n::{Lang, Text};
use yew::prelude::*;

fn message(kind: ErrorKind) -> Text {
    match kind {
        ErrorKind::Network => Text::ErrNetwork,
        ErrorKind::Timeout => Text::ErrTimeout,
        ErrorKind::Busy => Text::ErrBusy,
        ErrorKind::Expired => Text::ErrExpired,
        ErrorKind::NotFound => Text::ErrNotFound,
        ErrorKind::Proxy => Text::ErrProxy,
        ErrorKind::Misconfigured => Text::ErrMisconfigured,
        ErrorKind::NoPaymentHere => Text::ErrNoPaymentHere,
        ErrorKind::Refunded => Text::Refunded,
        ErrorKind::PartiallyRefunded => Text::PartiallyRefunded,
    }
}

/// `retry`: "Try again" is offered only where it can help.
pub fn error_view(lang: Lang, kind: ErrorKind, retry: Option<Callback<()>>) -> Html {
    html! {
        <div class="card error" part="card" role="alert">
            <p class="message" part="message">{ message(kind).in_lang(lang) }</p>
            if let Some(on_retry) = retry {
                <button type="button" class="secondary" part="secondary-button"
                    onclick={on_retry.reform(|_: MouseEvent| ())}>{ Text::TryAgain.in_lang(lang) }</button>
            }
        </div>
    }
}
