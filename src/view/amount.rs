//! An amount, bidi-isolated, with the riyal sign drawn when asked for.
//! A plain function, not a component: it has no state, and each component
//! costs about a kilobyte of Yew's generic code in the wasm.

use super::riyal_sign::riyal_sign;
use super::Look;
use crate::options::RiyalSign;
use amwal_core::i18n::number::{money_parts, Part};
use amwal_core::Money;
use yew::prelude::*;

pub fn amount(money: &Money, look: Look) -> Html {
    let symbol = look.riyal == RiyalSign::Symbol && money.currency.code() == "SAR";
    let parts = money_parts(money, &look.locale);
    html! {
        <bdi class="money">
            { for parts.into_iter().map(|p| match p {
                Part::Currency(_) if symbol => riyal_sign(look.locale.lang),
                Part::Currency(text) => html! { { text } },
                Part::Text(text) => html! { { text } },
            }) }
        </bdi>
    }
}
