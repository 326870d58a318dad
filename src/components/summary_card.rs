//! The installment summary: title, total, the exact split, and Pay.

use super::pay_button::PayButton;
use crate::services::intl::format_money;
use amwal_core::flow::Summary;
use amwal_core::i18n::{Lang, Text};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryCardProps {
    pub summary: Summary,
    pub lang: Lang,
    pub installments: u32,
    pub busy: bool,
    pub on_pay: Callback<()>,
}

#[component]
pub fn SummaryCard(props: &SummaryCardProps) -> Html {
    let s = &props.summary;
    let lang = props.lang;
    let parts = s.total.split(props.installments);
    html! {
        <div class="card summary">
            <h2 class="title">{ &s.title }</h2>
            if let Some(d) = &s.description {
                <p class="description">{ d }</p>
            }
            <p class="total">
                <span class="label">{ Text::Total.in_lang(lang) }</span>
                <bdi class="amount">{ format_money(&s.total, lang) }</bdi>
            </p>
            <p class="plan-label">{ Text::SplitInto.in_lang(lang) }</p>
            <ol class="plan">
                { for parts.iter().map(|p| html! { <li><bdi>{ format_money(p, lang) }</bdi></li> }) }
            </ol>
            <PayButton {lang} busy={props.busy} on_pay={props.on_pay.clone()} />
        </div>
    }
}
