//! Choosing between plans (e.g. 3, 6 or 12 payments): a radio group.

use super::Look;
use crate::services::intl::{count, plural};
use amwal_core::i18n::{pay_in, Text};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PlanPickerProps {
    pub plans: Vec<u32>,
    pub selected: u32,
    pub look: Look,
    pub on_select: Callback<u32>,
}

/// "Pay in 4 payments" / "ادفع على 4 دفعات" with the count in the shopper's digits.
pub fn plan_title(n: u32, look: &Look) -> String {
    let template = pay_in(look.locale.lang, plural(n, &look.locale));
    template.replace("{n}", &count(n, &look.locale))
}

#[component]
pub fn PlanPicker(props: &PlanPickerProps) -> Html {
    let lang = props.look.locale.lang;
    html! {
        <div class="plans" role="radiogroup" aria-label={Text::ChoosePlan.in_lang(lang)}>
            { for props.plans.iter().map(|&n| {
                let checked = n == props.selected;
                let onclick = props.on_select.reform(move |_: MouseEvent| n);
                html! {
                    <button type="button" role="radio" class="plan-option"
                        aria-checked={checked.to_string()} {onclick}>
                        { count(n, &props.look.locale) }
                    </button>
                }
            }) }
        </div>
    }
}
