//! The confirmed result: completed (or already paid), with the amount,
//! reference, date and method. Printable.

use super::amount::Amount;
use super::Look;
use amwal_core::flow::Summary;
use amwal_core::i18n::{method_label, Text};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReceiptProps {
    pub look: Look,
    pub heading: Text,
    pub summary: Summary,
    /// The payment's date, already formatted for the shopper.
    pub date: Option<String>,
}

#[component]
pub fn Receipt(props: &ReceiptProps) -> Html {
    let s = &props.summary;
    let look = props.look;
    let lang = look.locale.lang;
    let row = |label: Text, value: Html| {
        html! { <><dt>{ label.in_lang(lang) }</dt><dd>{ value }</dd></> }
    };
    html! {
        <div class="card receipt" part="card">
            <h2 class="result ok">{ props.heading.in_lang(lang) }</h2>
            if !s.title.is_empty() {
                <p class="title">{ &s.title }</p>
            }
            <dl class="facts">
                { row(Text::Total, html! { <Amount money={s.total} {look} /> }) }
                { row(Text::Reference, html! { <bdi class="reference">{ &s.transaction_id }</bdi> }) }
                if let Some(d) = &props.date {
                    { row(Text::Date, html! { <bdi>{ d }</bdi> }) }
                }
                if let Some(m) = &s.method {
                    { row(Text::Method, html! { <bdi>{ method_label(lang, m).unwrap_or(m) }</bdi> }) }
                }
            </dl>
        </div>
    }
}
