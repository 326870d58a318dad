//! The line under a price: "4 payments of SAR 75.00 with Amwal", or "SAR
//! 75.00 today, then 3 monthly payments with Amwal" when the first payment
//! carries the remainder, then "Learn more". The whole line is one button
//! that opens the dialog, so however narrow a product card clips it, the
//! shopper can still open it. In narrow cards (the stylesheet's container
//! query) " with Amwal" gives way and "Learn more" becomes an info icon.

use crate::amount::{amount, Look};
use crate::dom::{attrs, child, svg_child, text};
use amwal_core::i18n::number::count;
use amwal_core::i18n::{each_of, first_then, Plural, Text};
use amwal_core::message::Line;
use amwal_core::Money;
use web_sys::Element;

/// Appends a catalogue sentence with `{n}` in the shopper's digits and
/// `{amount}` as the formatted amount.
pub fn sentence(parent: &Element, template: &str, n: u32, money: Money, look: Look) {
    let filled = template.replace("{n}", &count(n, &look.locale));
    let (before, after) = filled.split_once("{amount}").unwrap_or((&filled, ""));
    text(parent, before);
    amount(parent, &money, look);
    text(parent, after);
}

/// Fills the line's button with the sentence for `line`. Called on every
/// change with a new span: new text is not a layout shift, text moved
/// within the line (the amount going from the start to the middle) is.
pub fn fill(button: &Element, line: Line, look: Look) {
    button.set_text_content(None);
    let Some(clamp) = child(button, "span", "clamp") else {
        return;
    };
    let lang = look.locale.lang;
    match line {
        Line::Equal { count, each } => sentence(
            &clamp,
            each_of(lang, Plural::of(count, lang)),
            count,
            each,
            look,
        ),
        Line::FirstThenRest { first, rest } => sentence(
            &clamp,
            first_then(lang, Plural::of(rest, lang)),
            rest,
            first,
            look,
        ),
    }
    if let Some(brand) = child(&clamp, "span", "brand") {
        text(&brand, Text::WithAmwal.in_lang(lang));
    }
    text(&clamp, "\u{2002}");
    if let Some(learn) = child(&clamp, "span", "learn") {
        attrs(&learn, &[("part", "learn-more")]);
        text(&learn, Text::LearnMore.in_lang(lang));
    }
    info_icon(&clamp);
}

/// Narrow cards show this instead of the words (which are still read out).
fn info_icon(parent: &Element) {
    let Some(svg) = svg_child(parent, "svg") else {
        return;
    };
    attrs(
        &svg,
        &[
            ("class", "info"),
            ("viewBox", "0 0 16 16"),
            ("aria-hidden", "true"),
            ("fill", "none"),
            ("stroke", "currentColor"),
            ("stroke-width", "1.5"),
            ("stroke-linecap", "round"),
        ],
    );
    if let Some(c) = svg_child(&svg, "circle") {
        attrs(&c, &[("cx", "8"), ("cy", "8"), ("r", "6.8")]);
    }
    if let Some(p) = svg_child(&svg, "path") {
        attrs(&p, &[("d", "M8 7.2v4.3M8 4.7v.1")]);
    }
}
