//! The Saudi riyal sign (U+20C1, 2025). No font has it yet, so it is drawn
//! as SVG in the text's colour and size, with an accessible name.

use amwal_core::i18n::{Lang, Text};
use yew::prelude::*;

pub fn riyal_sign(lang: Lang) -> Html {
    let name = Text::RiyalName.in_lang(lang);
    // Two upright strokes (the left one hooked like "ر") crossed by two
    // rising bars, after the official design.
    html! {
        <svg class="riyal" viewBox="0 0 24 24" role="img" aria-label={name}
            fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round">
            <title>{ name }</title>
            <path d="M9.5 2.5v13.2c0 2.8-1.9 4.8-5 4.8" />
            <path d="M15 1.5v17" />
            <path d="M3 12.2l18-4" />
            <path d="M3 17.2l18-4" />
        </svg>
    }
}
