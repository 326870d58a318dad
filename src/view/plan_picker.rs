//! Choosing between plans (e.g. 3, 6 or 12 payments): a radio group with
//! arrow keys (mirrored in Arabic) and one tab stop, as WAI-ARIA describes.

use super::Look;
use amwal_core::i18n::number::count;
use amwal_core::i18n::{pay_in, payments, Lang, Plural, Text};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// "Pay in 4 payments" / "ادفع على 4 دفعات" with the count in the shopper's digits.
pub fn plan_title(n: u32, look: &Look) -> String {
    let template = pay_in(look.locale.lang, Plural::of(n, look.locale.lang));
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

/// The group's keyboard: arrow keys step through the plans (`on_step`
/// +1 / -1) and focus follows the choice a key made. Returns the group's
/// ref and its keydown handler, for `plan_picker`.
#[hook]
pub fn use_plan_keys(
    selected: u32,
    lang: Lang,
    on_step: Callback<i32>,
) -> (NodeRef, Callback<KeyboardEvent>) {
    let group = use_node_ref();
    // Set by a key press, so focus follows the choice it made.
    let by_keyboard = use_mut_ref(|| false);
    {
        let (group, by_keyboard) = (group.clone(), by_keyboard.clone());
        use_effect_with(selected, move |_| {
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
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if let Some(step) = direction(&e.key(), lang) {
            e.prevent_default();
            *by_keyboard.borrow_mut() = true;
            on_step.emit(step);
        }
    });
    (group, onkeydown)
}

/// The radio group itself; `keys` comes from `use_plan_keys`.
pub fn plan_picker(
    plans: &[u32],
    selected: u32,
    look: Look,
    on_select: &Callback<u32>,
    keys: (NodeRef, Callback<KeyboardEvent>),
) -> Html {
    let lang = look.locale.lang;
    let (group, onkeydown) = keys;
    html! {
        <div class="plans" part="plans" role="radiogroup" aria-label={Text::ChoosePlan.in_lang(lang)} ref={group} {onkeydown}>
            { for plans.iter().map(|&n| {
                let checked = n == selected;
                let onclick = on_select.reform(move |_: MouseEvent| n);
                let name = payments(lang, Plural::of(n, look.locale.lang)).replace("{n}", &count(n, &look.locale));
                html! {
                    <button type="button" role="radio" class="plan-option" part="plan" aria-label={name}
                        aria-checked={if checked { "true" } else { "false" }} tabindex={if checked { "0" } else { "-1" }} {onclick}>
                        { count(n, &look.locale) }
                    </button>
                }
            }) }
        </div>
    }
}
