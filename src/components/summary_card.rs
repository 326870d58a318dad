//! The installment summary: title, total, the plan (or why there is none),
//! the estimated schedule, and what to do next (`children`).

use super::amount::Amount;
use super::installment_schedule::InstallmentSchedule;
use super::plan_picker::{plan_title, PlanPicker};
use super::Look;
use amwal_core::flow::Summary;
use amwal_core::i18n::Text;
use amwal_core::schedule::{eligibility, schedule, CivilDate, Eligibility};
use amwal_core::Money;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryCardProps {
    pub summary: Summary,
    pub look: Look,
    pub plans: Vec<u32>,
    pub today: CivilDate,
    /// Eligibility bounds in the link's currency.
    pub min: Option<Money>,
    pub max: Option<Money>,
    pub terms_url: Option<String>,
    #[prop_or_default]
    pub children: Html,
}

/// A catalogue sentence with `{amount}` replaced by the formatted amount.
fn with_amount(text: &str, money: Money, look: Look) -> Html {
    let (before, after) = text.split_once("{amount}").unwrap_or((text, ""));
    html! { <>{ before }<Amount {money} {look} />{ after }</> }
}

#[component]
pub fn SummaryCard(props: &SummaryCardProps) -> Html {
    let s = &props.summary;
    let look = props.look;
    let lang = look.locale.lang;
    let first = props.plans.first().copied().unwrap_or(1);
    let selected = use_state(|| first);
    let count = if props.plans.contains(&*selected) {
        *selected
    } else {
        first
    };
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |n| selected.set(n))
    };
    let plan = match eligibility(s.total, props.min, props.max) {
        Eligibility::Eligible => html! {
            <>
                <h3 class="plan-title">{ plan_title(count, &look) }</h3>
                if props.plans.len() > 1 {
                    <PlanPicker plans={props.plans.clone()} selected={count} {look} {on_select} />
                }
                <InstallmentSchedule plan={schedule(s.total, count, props.today)} {look} />
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
        <div class="card summary">
            <h2 class="title">{ &s.title }</h2>
            if let Some(d) = &s.description {
                <p class="description">{ d }</p>
            }
            <p class="total">
                <span class="label">{ Text::Total.in_lang(lang) }</span>
                <Amount money={s.total} {look} class="total-amount" />
            </p>
            { plan }
            { props.children.clone() }
            if let Some(url) = &props.terms_url {
                <a class="terms" href={url.clone()} target="_blank" rel="noopener noreferrer">
                    { Text::Terms.in_lang(lang) }
                </a>
            }
        </div>
    }
}
