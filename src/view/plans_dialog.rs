//! "Learn more": a modal dialog with the estimated schedule of each plan
//! the merchant lists, the estimate notice and the terms link. A native
//! `<dialog>` shown with `showModal()`: the browser moves focus in, keeps
//! it there, closes on Escape and lays it above the page (nothing shifts).

use super::installment_schedule::schedule_list;
use super::plan_picker::plan_title;
use super::Look;
use amwal_core::i18n::Text;
use amwal_core::schedule::{schedule, CivilDate};
use amwal_core::Money;
use yew::prelude::*;

pub struct DialogParts<'a> {
    pub total: Money,
    pub plans: &'a [u32],
    pub today: CivilDate,
    pub terms_url: Option<&'a str>,
}

pub fn plans_dialog(
    parts: DialogParts,
    look: Look,
    dialog: NodeRef,
    on_close: Callback<Event>,
    on_close_click: Callback<MouseEvent>,
) -> Html {
    let lang = look.locale.lang;
    html! {
        <dialog class="plans-dialog" part="dialog" aria-labelledby="amwal-dialog-title" ref={dialog} onclose={on_close}>
            <div class="dialog-head">
                <h2 id="amwal-dialog-title">{ Text::InstallmentsWithAmwal.in_lang(lang) }</h2>
                <button type="button" class="close" part="close" aria-label={Text::Close.in_lang(lang)} onclick={on_close_click}>
                    { "\u{00D7}" }
                </button>
            </div>
            { for parts.plans.iter().map(|&n| html! {
                <section class="dialog-plan">
                    <h3 class="plan-title">{ plan_title(n, &look) }</h3>
                    { schedule_list(&schedule(parts.total, n, parts.today), look) }
                </section>
            }) }
            <p class="dialog-note">{ Text::EstimateNote.in_lang(lang) }</p>
            if let Some(url) = parts.terms_url {
                <a class="terms" part="terms" href={url.to_owned()} target="_blank" rel="noopener noreferrer">
                    { Text::Terms.in_lang(lang) }
                </a>
            }
        </dialog>
    }
}
