//! The confirmed result: completed (or already paid), with the amount and reference.

use crate::services::intl::format_money;
use amwal_core::flow::Summary;
use amwal_core::i18n::{Lang, Text};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReceiptProps {
    pub lang: Lang,
    pub heading: Text,
    pub summary: Summary,
}

#[component]
pub fn Receipt(props: &ReceiptProps) -> Html {
    let s = &props.summary;
    let lang = props.lang;
    html! {
        <div class="card receipt">
            <h2 class="result ok">{ props.heading.in_lang(lang) }</h2>
            <p class="title">{ &s.title }</p>
            <p class="total">
                <span class="label">{ Text::Total.in_lang(lang) }</span>
                <bdi class="amount">{ format_money(&s.total, lang) }</bdi>
            </p>
            <p class="reference">
                <span class="label">{ Text::Reference.in_lang(lang) }</span>
                <bdi>{ &s.transaction_id }</bdi>
            </p>
        </div>
    }
}
