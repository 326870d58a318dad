//! The loading placeholder, sized like the summary so nothing shifts.

use amwal_core::i18n::{Lang, Text};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SkeletonProps {
    pub lang: Lang,
}

#[component]
pub fn Skeleton(props: &SkeletonProps) -> Html {
    html! {
        <div class="card skeleton" aria-busy="true">
            <span class="sr-only">{ Text::Loading.in_lang(props.lang) }</span>
            <div class="bar bar-title"></div>
            <div class="bar bar-total"></div>
            <div class="bar bar-plan"></div>
            <div class="bar bar-button"></div>
        </div>
    }
}
