//! The root component: owns the flow state and runs its effects (resolve,
//! status checks, the one navigation), each cancelled when it goes away.

use super::error_view::ErrorView;
use super::notice::Notice;
use super::receipt::Receipt;
use super::skeleton::Skeleton;
use super::summary_card::SummaryCard;
use crate::options::{Config, Options};
use crate::services::{api, browser};
use crate::state::Flow;
use amwal_core::flow::{
    status_delay_ms, summarize_resolve, summarize_status, ErrorKind, Event, State,
};
use amwal_core::i18n::{Lang, Text};
use gloo_timers::callback::Timeout;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use web_sys::AbortController;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub lang: Lang,
    pub config: Rc<Result<Config, String>>,
}

impl AppProps {
    pub fn new(opts: &Options, root: &web_sys::Element) -> AppProps {
        let page = browser::page_lang(root);
        let nav = browser::browser_lang();
        AppProps {
            lang: opts.lang(page.as_deref().into_iter().chain(nav.as_deref())),
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

/// Cancels an effect's request and stops late results from dispatching.
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

#[component]
pub fn App(props: &AppProps) -> Html {
    let lang = props.lang;
    let flow = use_reducer({
        let config = props.config.clone();
        move || Flow(initial_state(&config))
    });
    let state = flow.0.clone();

    // Resolve, once per page view (again only after "Try again").
    let loading = matches!(state, State::Loading);
    {
        let dispatch = flow.dispatcher();
        use_effect_with((props.config.clone(), loading), move |(config, loading)| {
            let cancel = Cancel::new();
            if let (true, Ok(cfg), Some(ctl)) = (*loading, config.as_ref(), cancel.ctl.clone()) {
                let cfg = cfg.clone();
                let done = cancel.done.clone();
                spawn_local(async move {
                    let event = match api::resolve(&cfg, lang, &ctl).await {
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

    // Back from the pay page: ask the proxy, never the URL, with backoff.
    let attempt = match state {
        State::Confirming { attempt } => Some(attempt),
        _ => None,
    };
    {
        let dispatch = flow.dispatcher();
        use_effect_with((props.config.clone(), attempt), move |(config, attempt)| {
            let cancel = Cancel::new();
            let mut timer = None;
            if let (Some(attempt), Ok(cfg), Some(ctl)) =
                (*attempt, config.as_ref(), cancel.ctl.clone())
            {
                match browser::recall_transaction(&cfg.link) {
                    None => dispatch.dispatch(Event::Failed(ErrorKind::NoPaymentHere)),
                    Some(tx) => {
                        let cfg = cfg.clone();
                        let done = cancel.done.clone();
                        timer = Some(Timeout::new(status_delay_ms(attempt), move || {
                            spawn_local(async move {
                                let event = match api::status(&cfg, &tx, &ctl).await {
                                    Ok(body) => {
                                        match summarize_status(cfg.link, &body, cfg.currency) {
                                            Ok(summary) => Event::StatusChecked(summary),
                                            Err(kind) => Event::Failed(kind),
                                        }
                                    }
                                    Err(e) => {
                                        log_error("status check failed", &e);
                                        Event::Failed(e.kind())
                                    }
                                };
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
        });
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
    let installments = props
        .config
        .as_ref()
        .as_ref()
        .map(|c| c.installments)
        .unwrap_or(1);

    let body = match &state {
        State::Loading => html! { <Skeleton {lang} /> },
        State::Ready(s) | State::Redirecting(s) => html! {
            <SummaryCard summary={s.clone()} {lang} {installments}
                busy={matches!(state, State::Redirecting(_))} {on_pay} />
        },
        State::Confirming { .. } => html! { <Notice {lang} text={Text::Confirming} busy=true /> },
        State::StillPending => html! { <Notice {lang} text={Text::StillPending} /> },
        State::Completed(s) => {
            html! { <Receipt {lang} heading={Text::Completed} summary={s.clone()} /> }
        }
        State::AlreadyPaid(s) => {
            html! { <Receipt {lang} heading={Text::AlreadyPaid} summary={s.clone()} /> }
        }
        State::PaymentFailed(_) => html! {
            <Notice {lang} text={Text::PaymentFailed} action={Some(Text::TryAgain)} on_action={on_retry_payment} />
        },
        State::Error(kind) => html! { <ErrorView {lang} kind={*kind} {on_retry} /> },
    };
    html! {
        <section class="amwal" lang={lang.tag()} dir={lang.dir()}>
            <div class="live" role="status" aria-live="polite">{ body }</div>
        </section>
    }
}
