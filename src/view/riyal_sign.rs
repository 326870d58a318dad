//! The Saudi riyal sign, drawn as SVG (`amwal_web::riyal` has its strokes)
//! with an accessible name.

use amwal_core::i18n::{Lang, Text};
use amwal_web::riyal::{PATHS, VIEW_BOX};
use yew::prelude::*;

pub fn riyal_sign(lang: Lang) -> Html {
    let name = Text::RiyalName.in_lang(lang);
    html! {
        <svg class="riyal" viewBox={VIEW_BOX} role="img" aria-label={name}
            fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round">
            <title>{ name }</title>
            { for PATHS.iter().map(|d| html! { <path d={*d} /> }) }
        </svg>
    }
}
