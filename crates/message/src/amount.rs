//! An amount, bidi-isolated, as `Intl` writes it, with the riyal sign drawn
//! when asked for (the checkout's `view/amount.rs`, with the DOM).

use crate::dom::{attrs, child, svg_child, text};
use amwal_core::i18n::number::{money_parts, Part};
use amwal_core::i18n::Text;
use amwal_core::Money;
use amwal_web::options::RiyalSign;
use amwal_web::riyal::{PATHS, VIEW_BOX};
use web_sys::Element;

/// How to write amounts, dates and numbers for this shopper.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    pub locale: amwal_core::i18n::Locale,
    pub riyal: RiyalSign,
}

pub fn amount(parent: &Element, money: &Money, look: Look) {
    let Some(bdi) = child(parent, "bdi", "money") else {
        return;
    };
    let symbol = look.riyal == RiyalSign::Symbol && money.currency.code() == "SAR";
    for part in money_parts(money, &look.locale) {
        match part {
            Part::Currency(_) if symbol => riyal_sign(&bdi, look),
            Part::Currency(t) => text(&bdi, t),
            Part::Text(t) => text(&bdi, &t),
        }
    }
}

fn riyal_sign(parent: &Element, look: Look) {
    let Some(svg) = svg_child(parent, "svg") else {
        return;
    };
    let name = Text::RiyalName.in_lang(look.locale.lang);
    attrs(
        &svg,
        &[
            ("class", "riyal"),
            ("viewBox", VIEW_BOX),
            ("role", "img"),
            ("aria-label", name),
            ("fill", "none"),
            ("stroke", "currentColor"),
            ("stroke-width", "2.2"),
            ("stroke-linecap", "round"),
        ],
    );
    if let Some(title) = svg_child(&svg, "title") {
        text(&title, name);
    }
    for d in PATHS {
        if let Some(path) = svg_child(&svg, "path") {
            attrs(&path, &[("d", d)]);
        }
    }
}
