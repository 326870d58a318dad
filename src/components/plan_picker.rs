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
    /// An arrow key: +1 for the next plan, -1 for the previous one.
    pub on_step: Callback<i32>,
}

/// "Pay in 4 payments" / "ادفع على 4 دفعات" with the count in the shopper's digits.
pub fn plan_title(n: u32, look: &Look) -> String {
    let template = pay_in(look.locale.lang, plural(n, &look.locale));
    template.replace("{n}", &count(n, &look.locale))
}

/// Which way an arrow key moves; left is "next" in right-to-left text.
fn direction(key: &str, lang: Lang) -> Option<i32> {
    match (key, lang) {
        ("ArrowDown", _) | ("ArrowRight", Lang::En) | ("ArrowLeft", Lang::Ar) => Some(1),
        ("ArrowUp", _) | ("ArrowLeft", Lang::En) | ("ArrowRight", Lang::Ar) => Some(-1),
        _ => None,
    }
}

#[component]
pub fn PlanPicker(props: &PlanPickerProps) -> Html {
    let look = props.look;
    let lang = look.locale.lang;
    let group = use_node_ref();
    // Set by a key press, so focus follows the choice it made.
    let by_keyboard = use_mut_ref(|| false);
    {
        let (group, by_keyboard) = (group.clone(), by_keyboard.clone());
        use_effect_with(props.selected, move |_| {
            if std::mem::take(&mut *by_keyboard.borrow_mut()) {
                let checked = group
                    .cast::<web_sys::Element>()
                    .and_then(|g| g.query_selector("[aria-checked=\"true\"]").ok().flatten())
                    .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(b) = checked {
                    let _ = b.focus();
                }
            }
        });
    }
    let onkeydown = {
        let on_step = props.on_step.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(step) = direction(&e.key(), lang) {
                e.prevent_default();
                *by_keyboard.borrow_mut() = true;
                on_step.emit(step);
            }
        })
    };
    html! {
        <div class="plans" part="plans" role="radiogroup" aria-label={Text::ChoosePlan.in_lang(lang)} ref={group} {onkeydown}>
            { for props.plans.iter().map(|&n| {
                let checked = n == props.selected;
                let onclick = props.on_select.reform(move |_: MouseEvent| n);
                let name = payments(lang, plural(n, &look.locale)).replace("{n}", &count(n, &look.locale));
                html! {
                    <button type="button" role="radio" class="plan-option" part="plan" aria-label={name}
                        aria-checked={checked.to_string()} tabindex={if checked { "0" } else { "-1" }} {onclick}>
                        { count(n, &look.locale) }
                    </button>
                }
            }) }
        </div>
    }
}
