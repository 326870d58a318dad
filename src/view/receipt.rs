//! The confirmed result: completed (or already paid), with the amount,
//! reference, date and method. Printable.

use super::amount::amount;
use super::Look;
use amwal_core::flow::Summary;
use amwal_core::i18n::{method_label, Text};
use yew::prelude::*;

/// `date`: the payment's date, already formatted for the shopper.
pub fn receipt(look: Look, heading: Text, s: &Summary, date: Option<String>) -> Html {
    let lang = look.locale.lang;
    let row = |label: Text, value: Html| {
        html! { <><dt>{ label.in_lang(lang) }</dt><dd>{ value }</dd></> }
    };
    html! {
        <div class="card receipt" part="card">
            <h2 class="result ok">{ heading.in_lang(lang) }</h2>
            if !s.title.is_empty() {
                <p class="title">{ &s.title }</p>
            }
            <dl class="facts">
                { row(Text::Total, amount(&s.total, look)) }
                { row(Text::Reference, html! { <bdi class="reference">{ &s.transaction_id }</bdi> }) }
                if let Some(d) = date {
                    { row(Text::Date, html! { <bdi>{ d }</bdi> }) }
                }
                if let Some(m) = &s.method {
                    { row(Text::Method, html! { <bdi>{ method_label(lang, m).unwrap_or(m) }</bdi> }) }
                }
            </dl>
        </div>
    }
}
