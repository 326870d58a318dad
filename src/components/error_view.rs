//! The one view for every error: a message in the shopper's language and,
//! where it can help, "Try again". Technical detail goes to the console.

use amwal_core::flow::ErrorKind;
use amwal_core::i18n::{Lang, Text};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorViewProps {
    pub lang: Lang,
    pub kind: ErrorKind,
    /// Whether "Try again" is offered (it depends on what failed).
    pub can_retry: bool,
    pub on_retry: Callback<()>,
}

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
    }
}

#[component]
pub fn ErrorView(props: &ErrorViewProps) -> Html {
    let onclick = props.on_retry.reform(|_: MouseEvent| ());
    html! {
        <div class="card error" part="card" role="alert">
            <p class="message" part="message">{ message(props.kind).in_lang(props.lang) }</p>
            if props.can_retry {
                <button type="button" class="secondary" part="secondary-button" {onclick}>{ Text::TryAgain.in_lang(props.lang) }</button>
            }
        </div>
    }
}
