//! The Pay button; disabled and busy once clicked, so one click is one navigation.

use amwal_core::i18n::{Lang, Text};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PayButtonProps {
    pub lang: Lang,
    pub busy: bool,
    pub on_pay: Callback<()>,
}

#[component]
pub fn PayButton(props: &PayButtonProps) -> Html {
    let onclick = props.on_pay.reform(|_: MouseEvent| ());
    let label = if props.busy {
        Text::Redirecting
    } else {
        Text::PayButton
    };
    html! {
        <button type="button" class="pay" part="pay-button" {onclick} disabled={props.busy}
            aria-busy={props.busy.to_string()}>
            { label.in_lang(props.lang) }
        </button>
    }
}
