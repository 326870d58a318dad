//! A one-line message, optionally busy or with one action button.

use amwal_core::i18n::{Lang, Text};
use yew::prelude::*;

/// `action`: the button's label and what it sends.
pub fn notice(lang: Lang, text: Text, busy: bool, action: Option<(Text, Callback<()>)>) -> Html {
    html! {
        <div class="card notice" part="card" aria-busy={if busy { "true" } else { "false" }}>
            <p class="message" part="message">{ text.in_lang(lang) }</p>
            if let Some((label, on_action)) = action {
                <button type="button" class="secondary" part="secondary-button"
                    onclick={on_action.reform(|_: MouseEvent| ())}>{ label.in_lang(lang) }</button>
            }
        </div>
    }
}
