//! The installment summary: title, total, the plan (or why there is none),
//! the estimated schedule, and what to do next (`action`). A function, its
//! one piece of state (the plan picked) a hook the app holds, so the choice
//! also survives the card's changes of state.

use super::amount::amount;
use super::installment_schedule::installment_schedule;
use super::plan_picker::{plan_picker, plan_title, use_plan_keys};
use super::Look;
use crate::options::Config;
use amwal_core::flow::Summary;
use amwal_core::i18n::{Lang, Text};
use amwal_core::schedule::{eligibility, schedule, CivilDate, Eligibility};
use amwal_core::Money;
use std::rc::Rc;
use yew::prelude::*;

/// The plan the shopper picked (a count of installments).
#[derive(PartialEq)]
struct Choice(u32);

enum Pick {
    Plan(u32),
    /// Next (+1) or previous (-1) among these plans, wrapping around.
    Step(i32, Vec<u32>),
}

impl Reducible for Choice {
    type Action = Pick;

    fn reduce(self: Rc<Self>, action: Pick) -> Rc<Self> {
        match action {
            Pick::Plan(n) => Rc::new(Choice(n)),
            Pick::Step(step, plans) if !plans.is_empty() => {
                let len = plans.len();
                let at = plans.iter().position(|&n| n == self.0).unwrap_or(0);
                let next = if step > 0 {
                    (at + 1) % len
                } else {
                    (at + len - 1) % len
                };
                Rc::new(Choice(plans[next]))
            }
            Pick::Step(..) => self,
        }
    }
}

/// A catalogue sentence with `{amount}` replaced by the formatted amount.
fn with_amount(text: &str, money: Money, look: Look) -> Html {
    let (before, after) = text.split_once("{amount}").unwrap_or((text, ""));
    html! { <>{ before }{ amount(&money, look) }{ after }</> }
}

/// The plan picked and what the picker needs to change it.
pub struct PlanChoice {
    /// Picked by the shopper, else the first plan offered.
    count: u32,
    on_select: Callback<u32>,
    keys: (NodeRef, Callback<KeyboardEvent>),
}

#[hook]
pub fn use_plan_choice(plans: &[u32], lang: Lang) -> PlanChoice {
    let first = plans.first().copied().unwrap_or(1);
    let choice = use_reducer(|| Choice(first));
    let count = if plans.contains(&choice.0) {
        choice.0
    } else {
        first
    };
    let on_select = {
        let choice = choice.dispatcher();
        Callback::from(move |n| choice.dispatch(Pick::Plan(n)))
    };
    let on_step = {
        let (choice, plans) = (choice.dispatcher(), plans.to_vec());
        // Applied to the current choice inside the reducer, so quick key
        // presses never act on a stale one.
        Callback::from(move |step| choice.dispatch(Pick::Step(step, plans.clone())))
    };
    let keys = use_plan_keys(count, lang, on_step);
    PlanChoice {
        count,
        on_select,
        keys,
    }
}

/// `bounds`: eligibility bounds in the link's currency. `action` takes the
/// schedule's place when it is paid elsewhere (a QR code, a terminal), so
/// the card keeps its height.
#[allow(clippy::too_many_arguments)]
pub fn summary_card(
    s: &Summary,
    look: Look,
    cfg: &Config,
    bounds: (Option<Money>, Option<Money>),
    today: CivilDate,
    choice: &PlanChoice,
    action: Html,
    in_schedule_place: bool,
) -> Html {
    let lang = look.locale.lang;
    let count = choice.count;
    let plan = match eligibility(s.total, bounds.0, bounds.1) {
        Eligibility::Eligible => html! {
            <>
                <h3 class="plan-title">{ plan_title(count, &look) }</h3>
                if !in_schedule_place {
                    if cfg.plans.len() > 1 {
                        { plan_picker(&cfg.plans, count, look, &choice.on_select, choice.keys.clone()) }
                    }
                    { installment_schedule(&schedule(s.total, count, today), look) }
                }
            </>
        },
        Eligibility::BelowMinimum(min) => html! {
            <p class="ineligible">{ with_amount(Text::BelowMinimum.in_lang(lang), min, look) }</p>
        },
        Eligibility::AboveMaximum(max) => html! {
            <p class="ineligible">{ with_amount(Text::AboveMaximum.in_lang(lang), max, look) }</p>
        },
    };
    html! {
        <div class="card summary" part="card">
            if !s.title.is_empty() {
                <h2 class="title" part="title">{ &s.title }</h2>
            }
            if let Some(d) = &s.description {
                <p class="description">{ d }</p>
            }
            <p class="total" part="total">
                <span class="label">{ Text::Total.in_lang(lang) }</span>
                { amount(&s.total, look) }
            </p>
            { plan }
            { action }
            if let Some(url) = &cfg.terms_url {
                <a class="terms" part="terms" href={url.clone()} target="_blank" rel="noopener noreferrer">
                    { Text::Terms.in_lang(lang) }
                </a>
            }
        </div>
    }
}
