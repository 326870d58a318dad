//! A one-line message, optionally busy or with one action button.

use amwal_core::i18n::{Lang, Text};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub lang: Lang,
    pub text: Text,
    #[prop_or_default]
    pub busy: bool,
    #[prop_or_default]
    pub action: Option<Text>,
    #[prop_or_default]
    pub on_action: Callback<()>,
}

#[component]
pub fn Notice(props: &NoticeProps) -> Html {
    let onclick = props.on_action.reform(|_: MouseEvent| ());
    html! {
        <div class="card notice" part="card" aria-busy={props.busy.to_string()}>
            <p class="message" part="message">{ props.text.in_lang(props.lang) }</p>
            if let Some(action) = props.action {
                <button type="button" class="secondary" part="secondary-button" {onclick}>{ action.in_lang(props.lang) }</button>
            }
        </div>
    }
}
