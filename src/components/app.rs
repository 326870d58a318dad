//! The root component: owns the flow state and runs its effects (resolve,
//! status polling, the one navigation, back/forward-cache restores), each
//! cancelled when it goes away.

use super::error_view::ErrorView;
use super::notice::Notice;
use super::pay_button::PayButton;
use super::qr_code::QrCodeView;
use super::receipt::Receipt;
use super::skeleton::Skeleton;
use super::summary_card::SummaryCard;
use super::Look;
use crate::options::{Config, Options};
use crate::services::{api, browser, intl};
use crate::state::Flow;
use amwal_core::api::{DeviceType, PaymentInterface};
use amwal_core::flow::{
    status_delay_ms, summarize_resolve, summarize_status, ErrorKind, Event, State, Summary,
};
use amwal_core::i18n::{Locale, Text};
use amwal_core::LinkId;
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::AbortController;
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

/// Cancels an effect's requests and stops late results from dispatching.
struct Cancel {
    ctl: Option<AbortController>,
    done: Rc<Cell<bool>>,
}

impl Cancel {
    fn new() -> Cancel {
        Cancel {
            ctl: AbortController::new().ok(),
            done: Rc::new(Cell::new(false)),
        }
    }

    fn cancel(&self) {
        self.done.set(true);
        if let Some(c) = &self.ctl {
            c.abort();
        }
    }
}

fn log_error(what: &str, err: &impl std::fmt::Debug) {
    web_sys::console::warn_1(&format!("amwal-installments: {what}: {err:?}").into());
}

/// One status call, turned into the event the flow expects.
async fn check_status(
    cfg: &Config,
    link: LinkId,
    tx: &str,
    signal: &web_sys::AbortSignal,
) -> Event {
    match api::status(cfg, tx, signal).await {
        Ok(body) => match summarize_status(link, &body, cfg.currency) {
            Ok(summary) => Event::StatusChecked(summary),
            Err(kind) => Event::Failed(kind),
        },
        Err(e) => {
            log_error("status check failed", &e);
            Event::Failed(e.kind())
        }
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let locale = props.locale;
    let flow = use_reducer({
        let config = props.config.clone();
        move || Flow(initial_state(&config))
    });
    let state = flow.0.clone();
    let hidden = use_state(browser::page_hidden);

    // Polling pauses in a background tab and resumes when it is shown.
    {
        let hidden = hidden.clone();
        use_effect_with((), move |_| {
            let doc = web_sys::window().and_then(|w| w.document());
            let listener = doc.map(|d| {
                EventListener::new(&d, "visibilitychange", move |_| {
                    hidden.set(browser::page_hidden())
                })
            });
            move || drop(listener)
        });
    }

    // Back from the pay page through the back/forward cache: Pay works
    // again, and one status check tells whether it was paid after all.
    {
        let dispatch = flow.dispatcher();
        use_effect_with(props.config.clone(), move |config| {
            let cancel = Cancel::new();
            let listener = match (config.as_ref(), web_sys::window(), cancel.ctl.clone()) {
                (Ok(cfg), Some(w), Some(ctl)) => {
                    let cfg = cfg.clone();
                    Some(EventListener::new(&w, "pageshow", move |e| {
                        let persisted = e
                            .dyn_ref::<web_sys::PageTransitionEvent>()
                            .is_some_and(|e| e.persisted());
                        if !persisted {
                            return;
                        }
                        dispatch.dispatch(Event::PageRestored);
                        if let Some(tx) = browser::recall_transaction(&cfg.link) {
                            let (cfg, dispatch, ctl) = (cfg.clone(), dispatch.clone(), ctl.clone());
                            spawn_local(async move {
                                let event = check_status(&cfg, cfg.link, &tx, &ctl.signal()).await;
                                // A failed re-check leaves the summary as it is.
                                if matches!(event, Event::StatusChecked(_)) {
                                    dispatch.dispatch(event);
                                }
                            });
                        }
                    }))
                }
                _ => None,
            };
            move || {
                cancel.cancel();
                drop(listener);
            }
        });
    }

    // Resolve, once per page view (again only after "Try again"). Keyed on
    // the link alone: a new language or theme must not resolve again.
    let loading = matches!(state, State::Loading);
    {
        let dispatch = flow.dispatcher();
        let config = props.config.clone();
        let link = config
            .as_ref()
            .as_ref()
            .ok()
            .map(|c| (c.link, c.proxy.clone()));
        use_effect_with((link, loading), move |(_, loading)| {
            let cancel = Cancel::new();
            if let (true, Ok(cfg), Some(ctl)) = (*loading, config.as_ref(), cancel.ctl.clone()) {
                let cfg = cfg.clone();
                let done = cancel.done.clone();
                spawn_local(async move {
                    let event = match api::resolve(&cfg, locale.lang, &ctl.signal()).await {
                        Ok(body) => match summarize_resolve(cfg.link, &body, cfg.currency) {
                            Ok(summary) => Event::Resolved(summary),
                            Err(kind) => {
                                log_error("resolve response not usable", &body.transaction.amount);
                                Event::Failed(kind)
                            }
                        },
                        Err(e) => {
                            log_error("resolve failed", &e);
                            Event::Failed(e.kind())
                        }
                    };
                    if !done.get() {
                        dispatch.dispatch(event);
                    }
                });
            }
            move || cancel.cancel()
        });
    }

    // Status polling: on the return page (the transaction this browser
    // started) and while a QR or terminal payment is awaited. Never the URL.
    let poll: Option<(u32, Option<String>)> = match &state {
        State::Confirming { attempt } => Some((*attempt, None)),
        State::Awaiting { summary, attempt } => {
            Some((*attempt, Some(summary.transaction_id.clone())))
        }
        _ => None,
    };
    {
        let dispatch = flow.dispatcher();
        use_effect_with(
            (props.config.clone(), poll, *hidden),
            move |(config, poll, hidden)| {
                let cancel = Cancel::new();
                let mut timer = None;
                if let (Some((attempt, tx)), Ok(cfg), Some(ctl), false) =
                    (poll, config.as_ref(), cancel.ctl.clone(), hidden)
                {
                    match tx
                        .clone()
                        .or_else(|| browser::recall_transaction(&cfg.link))
                    {
                        None => dispatch.dispatch(Event::Failed(ErrorKind::NoPaymentHere)),
                        Some(tx) => {
                            let cfg = cfg.clone();
                            let done = cancel.done.clone();
                            timer = Some(Timeout::new(status_delay_ms(*attempt), move || {
                                spawn_local(async move {
                                    let event =
                                        check_status(&cfg, cfg.link, &tx, &ctl.signal()).await;
                                    if !done.get() {
                                        dispatch.dispatch(event);
                                    }
                                });
                            }));
                        }
                    }
                }
                move || {
                    cancel.cancel();
                    drop(timer);
                }
            },
        );
    }

    // Exactly one navigation: the flow enters Redirecting once per click.
    let redirect = match (&state, props.config.as_ref()) {
        (State::Redirecting(s), Ok(cfg)) => Some((
            s.transaction_id.clone(),
            cfg.pay_host.pay_url(&s.link),
            s.link,
        )),
        _ => None,
    };
    {
        let dispatch = flow.dispatcher();
        use_effect_with(redirect, move |redirect| {
            if let Some((tx, url, link)) = redirect {
                browser::remember_transaction(link, tx);
                if !browser::navigate(url) {
                    dispatch.dispatch(Event::Failed(ErrorKind::Misconfigured));
                }
            }
        });
    }

    let returned = matches!(props.config.as_ref(), Ok(c) if browser::is_return_for(&c.link));
    let on_pay = {
        let dispatch = flow.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Event::PayClicked))
    };
    let on_retry = {
        let dispatch = flow.dispatcher();
        // On the return page a retry asks for the status again, never resolves.
        Callback::from(move |_| {
            dispatch.dispatch(if returned {
                Event::Returned
            } else {
                Event::Retry
            })
        })
    };
    let on_retry_payment = {
        let dispatch = flow.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Event::RetryPayment))
    };

    let config = props.config.as_ref().as_ref().ok();
    let look = Look {
        locale,
        riyal: config.map(|c| c.riyal).unwrap_or_default(),
    };
    let lang = locale.lang;
    let summary_card = |s: &Summary, action: Html| -> Html {
        let Some(cfg) = config else { return html! {} };
        let Some((min, max)) = cfg.bounds(s.total.currency) else {
            return html! { <ErrorView {lang} kind={ErrorKind::Misconfigured} can_retry=false on_retry={on_retry.clone()} /> };
        };
        html! {
            <SummaryCard summary={s.clone()} {look} plans={cfg.plans.clone()} today={intl::today()}
                {min} {max} terms_url={cfg.terms_url.clone()}>
                { action }
            </SummaryCard>
        }
    };
    let body = match &state {
        State::Loading => html! { <Skeleton {lang} /> },
        State::Ready(s) | State::Redirecting(s) => {
            let busy = matches!(state, State::Redirecting(_));
            summary_card(
                s,
                html! { <PayButton {lang} {busy} on_pay={on_pay.clone()} /> },
            )
        }
        State::Awaiting { summary, .. } => {
            let action = match (summary.interface, config) {
                (PaymentInterface::QrDisplay, Some(cfg)) => html! {
                    <div class="elsewhere">
                        <QrCodeView url={cfg.pay_host.pay_url(&summary.link)} label={Text::ScanToPay.in_lang(lang)} />
                        <p>{ Text::ScanToPay.in_lang(lang) }</p>
                        <p class="waiting" aria-busy="true">{ Text::WaitingForPayment.in_lang(lang) }</p>
                    </div>
                },
                _ => html! {
                    <div class="elsewhere">
                        <p>{ Text::PayOnTerminal.in_lang(lang) }</p>
                        <p class="waiting" aria-busy="true">{ Text::WaitingForPayment.in_lang(lang) }</p>
                    </div>
                },
            };
            summary_card(summary, action)
        }
        State::Confirming { .. } => html! { <Notice {lang} text={Text::Confirming} busy=true /> },
        State::StillPending => html! { <Notice {lang} text={Text::StillPending} /> },
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
            html! { <Receipt {look} {heading} summary={s.clone()} {date} /> }
        }
        State::PaymentFailed(_) => html! {
            <Notice {lang} text={Text::PaymentFailed} action={Some(Text::TryAgain)} on_action={on_retry_payment} />
        },
        State::Error(kind) => {
            // On the return page "Try again" re-asks the (idempotent) status.
            let can_retry = if returned {
                kind.status_retryable()
            } else {
                kind.retryable()
            };
            html! { <ErrorView {lang} kind={*kind} {can_retry} {on_retry} /> }
        }
    };
    let device = config
        .and_then(|c| c.device)
        .unwrap_or_else(browser::detect_device);
    let device_class = match device {
        DeviceType::Desktop => "device-desktop",
        DeviceType::Mobile => "device-mobile",
        DeviceType::Tablet => "device-tablet",
    };
    let theme = config.map(|c| c.theme).unwrap_or_default();
    html! {
        <section class={classes!("amwal", device_class, theme.class())} lang={lang.tag()} dir={lang.dir()}>
            <div class="live" role="status" aria-live="polite">{ body }</div>
        </section>
    }
}
