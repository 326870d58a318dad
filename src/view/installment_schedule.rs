//! The estimated schedule: each payment's due date and exact amount.

use super::amount::amount;
use super::Look;
use crate::services::intl::date;
use amwal_core::i18n::Text;
use amwal_core::schedule::Installment;
use yew::prelude::*;

pub fn installment_schedule(plan: &[Installment], look: Look) -> Html {
    html! {
        <>
            { schedule_list(plan, look) }
            <p class="note">{ Text::EstimateNote.in_lang(look.locale.lang) }</p>
        </>
    }
}

/// The payments alone, as a list.
pub fn schedule_list(plan: &[Installment], look: Look) -> Html {
    html! {
            <ol class="schedule" part="schedule">
                { for plan.iter().enumerate().map(|(i, inst)| {
                    let when = if i == 0 {
                        Text::Today.in_lang(look.locale.lang).to_owned()
                    } else {
                        date(inst.due, &look.locale)
                    };
                    html! {
                        <li>
                            <span class="due">{ when }</span>
                            { amount(&inst.amount, look) }
                        </li>
                    }
                }) }
            </ol>
    }
}
