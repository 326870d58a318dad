//! Choosing between plans (e.g. 3, 6 or 12 payments): a radio group with
//! arrow keys (mirrored in Arabic) and one tab stop, as WAI-ARIA describes.

use super::Look;
use crate::services::intl::{count, plural};
use amwal_core::i18n::{pay_in, payments, Lang, Text};
use wasm_bindgen::JsCast;
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

/// The plan an arrow key moves to, from the selected one's index.
fn step(key: &str, lang: Lang, index: usize, len: usize) -> Option<usize> {
    let forward = match (key, lang) {
        ("ArrowDown", _) | ("ArrowRight", Lang::En) | ("ArrowLeft", Lang::Ar) => true,
        ("ArrowUp", _) | ("ArrowLeft", Lang::En) | ("ArrowRight", Lang::Ar) => false,
        _ => return None,
    };
    Some(if forward {
        (index + 1) % len
    } else {
        (index + len - 1) % len
    })
}

#[component]
pub fn PlanPicker(props: &PlanPickerProps) -> Html {
    let look = props.look;
    let lang = look.locale.lang;
    let onkeydown = {
        let (plans, selected, on_select) =
            (props.plans.clone(), props.selected, props.on_select.clone());
        Callback::from(move |e: KeyboardEvent| {
            let index = plans.iter().position(|&n| n == selected).unwrap_or(0);
            if let Some(next) = step(&e.key(), lang, index, plans.len()) {
                e.prevent_default();
                on_select.emit(plans[next]);
                // Focus follows the choice (the group has one tab stop).
                let group = e
                    .current_target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                if let Some(b) = group
                    .and_then(|g| g.children().item(u32::try_from(next).unwrap_or(0)))
                    .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = b.focus();
                }
            }
        })
    };
    html! {
        <div class="plans" role="radiogroup" aria-label={Text::ChoosePlan.in_lang(lang)} {onkeydown}>
            { for props.plans.iter().map(|&n| {
                let checked = n == props.selected;
                let onclick = props.on_select.reform(move |_: MouseEvent| n);
                let name = payments(lang, plural(n, &look.locale)).replace("{n}", &count(n, &look.locale));
                html! {
                    <button type="button" role="radio" class="plan-option" aria-label={name}
                        aria-checked={checked.to_string()} tabindex={if checked { "0" } else { "-1" }} {onclick}>
                        { count(n, &look.locale) }
                    </button>
                }
            }) }
        </div>
    }
}
