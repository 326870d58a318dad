//! The root component: owns the flow state, runs its effects (see
//! `hooks`), and renders the card for the current state.

use crate::hooks::{
    use_events, use_keep_focus, use_page_hidden, use_page_restore, use_redirect, use_resolve,
    use_status_polling,
};
use crate::options::{Config, Options};
use crate::services::{browser, intl};
use crate::state::Flow;
use crate::view::error_view::error_view;
use crate::view::notice::notice;
use crate::view::pay_button::pay_button;
use crate::view::qr_code::{qr_code, qr_drawing};
use crate::view::receipt::receipt;
use crate::view::skeleton::skeleton;
use crate::view::summary_card::{summary_card, use_plan_choice};
use crate::view::Look;
use amwal_core::api::PaymentInterface;
use amwal_core::flow::{ErrorKind, Event, State, Summary};
use amwal_core::i18n::{Locale, Text};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub locale: Locale,
    pub config: Rc<Result<Config, String>>,
}

impl AppProps {
    pub fn new(opts: &Options, root: &web_sys::Element) -> AppProps {
        let page = browser::page_lang(root);
        let nav = browser::browser_lang();
        let lang = opts.lang(page.as_deref().into_iter().chain(nav.as_deref()));
        AppProps {
            locale: opts.locale(lang),
            config: Rc::new(opts.config()),
        }
    }
}

fn initial_state(config: &Result<Config, String>) -> State {
    match config {
        Err(_) => State::Error(ErrorKind::Misconfigured),
        Ok(c) if browser::is_return_for(&c.link) => State::Confirming { attempt: 0 },
        Ok(_) => State::Loading,
    }
}

/// What a screen reader hears when the flow enters `state`.
fn announcement(state: &State) -> Option<Text> {
    Some(match state {
        State::Loading => Text::Loading,
        State::Redirecting(_) => Text::Redirecting,
        State::Awaiting {
            attempt: 0,
            summary,
        } if summary.interface == PaymentInterface::QrDisplay => Text::ScanToPay,
        State::Awaiting { attempt: 0, .. } => Text::PayOnTerminal,
        State::Confirming { attempt: 0 } => Text::Confirming,
        State::StillPending => Text::StillPending,
        State::Completed(_) => Text::Completed,
        State::AlreadyPaid(_) => Text::AlreadyPaid,
        State::PaymentFailed(_) => Text::PaymentFailed,
        // The error view is an alert of its own; the rest need no news.
        _ => return None,
    })
}

/// Which card is showing: focus is kept in the widget when it changes.
fn card_kind(state: &State) -> u8 {
    match state {
        State::Loading => 0,
        State::Ready(_) => 1,
        State::Redirecting(_) => 2,
        State::Awaiting { .. } => 3,
        State::Confirming { .. } => 4,
        State::StillPending => 5,
        State::Completed(_) => 6,
        State::AlreadyPaid(_) => 7,
        State::PaymentFailed(_) => 8,
        State::Error(_) => 9,
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let locale = props.locale;
    let lang = locale.lang;
    let flow = use_reducer({
        let config = props.config.clone();
        move || Flow(initial_state(&config))
    });
    let state = flow.0.clone();
    let config = props.config.as_ref().as_ref().ok();
    let section = use_node_ref();

    let hidden = use_page_hidden();
    use_page_restore(&flow, &props.config, matches!(state, State::Redirecting(_)));
    use_resolve(&flow, &props.config, lang, matches!(state, State::Loading));
    let poll = match &state {
        State::Confirming { attempt } => Some((*attempt, None)),
        State::Awaiting { summary, attempt } => {
            Some((*attempt, Some(summary.transaction_id.clone())))
        }
        _ => None,
    };
    use_status_polling(&flow, &props.config, poll, hidden);
    let redirect = match (&state, config) {
        (State::Redirecting(s), Some(cfg)) => Some((
            s.link,
            s.transaction_id.clone(),
            cfg.pay_host.pay_url(&s.link),
        )),
        _ => None,
    };
    use_redirect(&flow, redirect);
    use_keep_focus(&section, card_kind(&state));
    // The QR code of a link paid on another device, drawn once per URL.
    let qr_url = match (&state, config) {
        (State::Awaiting { summary, .. }, Some(cfg))
            if summary.interface == PaymentInterface::QrDisplay =>
        {
            Some(cfg.pay_host.pay_url(&summary.link))
        }
        _ => None,
    };
    let qr = use_memo(qr_url, |url| url.as_deref().and_then(qr_drawing));
    let choice = use_plan_choice(config.map_or(&[], |c| c.plans.as_slice()), lang);
    use_events(&section, &state, config.map(|c| c.link), card_kind(&state));

    let returned = config.is_some_and(|c| browser::is_return_for(&c.link));
    let send = |event: Event| {
        let dispatch = flow.dispatcher();
        Callback::from(move |_| dispatch.dispatch(event.clone()))
    };
    // On the return page a retry asks for the status again, never resolves.
    let on_retry = send(if returned {
        Event::Returned
    } else {
        Event::Retry
    });

    let look = Look {
        locale,
        riyal: config.map(|c| c.riyal).unwrap_or_default(),
    };
    let summary_card = |s: &Summary, action: Html, in_schedule_place: bool| -> Html {
        let Some(cfg) = config else { return html! {} };
        let Some((min, max)) = cfg.bounds(s.total.currency) else {
            return error_view(lang, ErrorKind::Misconfigured, None);
        };
        summary_card(
            s,
            look,
            cfg,
            (min, max),
            intl::today(),
            &choice,
            action,
            in_schedule_place,
        )
    };
    let body = match &state {
        State::Loading => {
            let rows = config.and_then(|c| c.plans.first().copied()).unwrap_or(4);
            skeleton(lang, rows)
        }
        State::Ready(s) | State::Redirecting(s) => {
            let busy = matches!(state, State::Redirecting(_));
            summary_card(s, pay_button(lang, busy, send(Event::PayClicked)), false)
        }
        State::Awaiting { summary, .. } => {
            let how = match summary.interface {
                PaymentInterface::QrDisplay => html! {
                    <>
                        if let Some(drawing) = qr.as_ref() {
                            { qr_code(drawing, Text::ScanToPay.in_lang(lang)) }
                        }
                        <p>{ Text::ScanToPay.in_lang(lang) }</p>
                    </>
                },
                _ => html! { <p>{ Text::PayOnTerminal.in_lang(lang) }</p> },
            };
            summary_card(
                summary,
                html! {
                    <div class="elsewhere">
                        { how }
                        <p class="waiting" aria-busy="true">{ Text::WaitingForPayment.in_lang(lang) }</p>
                    </div>
                },
                true,
            )
        }
        State::Confirming { .. } => notice(lang, Text::Confirming, true, None),
        State::StillPending => notice(
            lang,
            Text::StillPending,
            false,
            Some((Text::CheckAgain, send(Event::Returned))),
        ),
        State::Completed(s) | State::AlreadyPaid(s) => {
            let heading = if matches!(state, State::Completed(_)) {
                Text::Completed
            } else {
                Text::AlreadyPaid
            };
            let date = s
                .created_at
                .as_deref()
                .and_then(|d| intl::instant(d, &locale));
            receipt(look, heading, s, date)
        }
        State::PaymentFailed(_) => notice(
            lang,
            Text::PaymentFailed,
            false,
            Some((Text::TryAgain, send(Event::RetryPayment))),
        ),
        State::Error(kind) => {
            // On the return page "Try again" re-asks the (idempotent) status.
            let can_retry = if returned {
                kind.status_retryable()
            } else {
                kind.retryable()
            };
            error_view(lang, *kind, can_retry.then_some(on_retry))
        }
    };
    let device = config
        .and_then(|c| c.device)
        .unwrap_or_else(browser::detect_device);
    let theme = config.map(|c| c.theme).unwrap_or_default();
    html! {
        <section ref={section} class="amwal" data-device={device.as_str()} data-theme={theme.name()} lang={lang.tag()} dir={lang.dir()}>
            { body }
            // A short announcement per state, apart from the card, so screen
            // readers do not read the whole card again on every change.
            <p class="sr-only" role="status" aria-live="polite">
                { announcement(&state).map(|t| t.in_lang(lang)).unwrap_or_default() }
            </p>
        </section>
    }
}
