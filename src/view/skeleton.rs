//! The loading placeholder, shaped like the summary (title, total, plan
//! heading, one row per installment, note, button) so nothing shifts.

use amwal_core::i18n::{Lang, Text};
use yew::prelude::*;

/// `rows`: the installment rows the summary will show.
pub fn skeleton(lang: Lang, rows: u32) -> Html {
    html! {
        <div class="card skeleton" part="card" aria-busy="true">
            <span class="sr-only">{ Text::Loading.in_lang(lang) }</span>
            <div class="bar bar-title"></div>
            <div class="bar bar-description"></div>
            <div class="bar bar-total"></div>
            <div class="bar bar-plan-title"></div>
            { for (0..rows).map(|_| html! { <div class="bar bar-row"></div> }) }
            <div class="bar bar-note"></div>
            <div class="bar bar-button"></div>
        </div>
    }
}
