//! The messaging line under a price: "4 payments of SAR 75.00 with Amwal",
//! or "SAR 75.00 today, then 3 monthly payments with Amwal" when the first
//! payment carries the remainder, then "Learn more". The whole line is one
//! button that opens the dialog, so however narrow a product card clips
//! it, the shopper can still open it. In narrow cards (the stylesheet's
//! container query) " with Amwal" gives way and "Learn more" becomes an
//! info icon.

use super::amount::amount;
use super::Look;
use crate::services::intl::{count, plural};
use amwal_core::i18n::{each_of, first_then, Text};
use amwal_core::message::Line;
use amwal_core::Money;
use yew::prelude::*;

/// A catalogue sentence with `{n}` written in the shopper's digits and
/// `{amount}` as the formatted amount.
pub fn sentence(template: &str, n: u32, money: Money, look: Look) -> Html {
    let text = template.replace("{n}", &count(n, &look.locale));
    let (before, after) = text.split_once("{amount}").unwrap_or((&text, ""));
    html! { <>{ before }{ amount(&money, look) }{ after }</> }
}

pub fn line_text(line: Line, look: Look) -> Html {
    let lang = look.locale.lang;
    match line {
        Line::Equal { count, each } => sentence(
            each_of(lang, plural(count, &look.locale)),
            count,
            each,
            look,
        ),
        Line::FirstThenRest { first, rest } => sentence(
            first_then(lang, plural(rest, &look.locale)),
            rest,
            first,
            look,
        ),
    }
}

/// `learn`: the button's ref (focus comes back to it) and click handler.
pub fn message_line(line: Line, look: Look, learn: (NodeRef, Callback<MouseEvent>)) -> Html {
    let (button, onclick) = learn;
    let lang = look.locale.lang;
    // A new sentence is new text nodes, not the old ones moved: text that
    // moves within the line (the amount going from the start to the middle)
    // would count as a layout shift; text that is new does not.
    let key = match line {
        Line::Equal { count, each } => format!("{}e{count}:{}", lang.tag(), each.minor),
        Line::FirstThenRest { first, rest } => format!("{}f{rest}:{}", lang.tag(), first.minor),
    };
    html! {
        <button type="button" class="line" part="line" aria-haspopup="dialog" ref={button} {onclick}>
            <span class="clamp" {key}>
                { line_text(line, look) }
                <span class="brand">{ Text::WithAmwal.in_lang(lang) }</span>
                { "\u{2002}" }
                <span class="learn" part="learn-more">{ Text::LearnMore.in_lang(lang) }</span>
                // Narrow cards show this instead of the words (still read out).
                <svg class="info" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round">
                    <circle cx="8" cy="8" r="6.8" />
                    <path d="M8 7.2v4.3M8 4.7v.1" />
                </svg>
            </span>
        </button>
    }
}
