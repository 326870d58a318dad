//! The loading placeholder, shaped like the summary (title, total, plan
//! heading, one row per installment, note, button) so nothing shifts.

use amwal_core::i18n::{Lang, Text};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SkeletonProps {
    pub lang: Lang,
    /// Installment rows the summary will show.
    pub rows: u32,
}

#[component]
pub fn Skeleton(props: &SkeletonProps) -> Html {
    html! {
        <div class="card skeleton" part="card" aria-busy="true">
            <span class="sr-only">{ Text::Loading.in_lang(props.lang) }</span>
            <div class="bar bar-title"></div>
            <div class="bar bar-description"></div>
            <div class="bar bar-total"></div>
            <div class="bar bar-plan-title"></div>
            { for (0..props.rows).map(|_| html! { <div class="bar bar-row"></div> }) }
            <div class="bar bar-note"></div>
            <div class="bar bar-button"></div>
        </div>
    }
}
