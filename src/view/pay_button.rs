//! The Pay button; disabled and busy once clicked, so one click is one navigation.

use amwal_core::i18n::{Lang, Text};
use yew::prelude::*;

pub fn pay_button(lang: Lang, busy: bool, on_pay: Callback<()>) -> Html {
    let label = if busy {
        Text::Redirecting
    } else {
        Text::PayButton
    };
    html! {
        <button type="button" class="pay" part="pay-button" onclick={on_pay.reform(|_: MouseEvent| ())}
            disabled={busy} aria-busy={if busy { "true" } else { "false" }}>
            { label.in_lang(lang) }
        </button>
    }
}
