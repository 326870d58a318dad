//! An amount, bidi-isolated, with the riyal sign drawn when asked for.

use super::riyal_sign::RiyalSignIcon;
use super::Look;
use crate::options::RiyalSign;
use crate::services::intl::{money_parts, Part};
use amwal_core::Money;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AmountProps {
    pub money: Money,
    pub look: Look,
    #[prop_or_default]
    pub class: Classes,
}

#[component]
pub fn Amount(props: &AmountProps) -> Html {
    let symbol = props.look.riyal == RiyalSign::Symbol && props.money.currency.code() == "SAR";
    let parts = money_parts(&props.money, &props.look.locale);
    html! {
        <bdi class={classes!("money", props.class.clone())}>
            { for parts.into_iter().map(|p| match p {
                Part::Currency(_) if symbol => html! { <RiyalSignIcon lang={props.look.locale.lang} /> },
                Part::Currency(text) | Part::Text(text) => html! { { text } },
            }) }
        </bdi>
    }
}
