//! Status polling: on the return page (the transaction this browser
//! started) and while a QR or terminal payment is awaited. The answer comes
//! from the proxy, never from the URL.

use super::cancel::Cancel;
use super::{link_key, LinkKey};
use crate::options::Config;
use crate::services::console::log_error;
use crate::services::{api, browser};
use crate::state::Flow;
use amwal_core::flow::{status_delay_ms, summarize_status, ErrorKind, Event};
use amwal_core::LinkId;
use gloo_timers::callback::Timeout;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use web_sys::AbortSignal;
use yew::prelude::*;

/// One status call, turned into the event the flow expects.
pub async fn check_status(cfg: &Config, link: LinkId, tx: &str, signal: &AbortSignal) -> Event {
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

/// `poll` is `(attempt, transaction id if known)` while polling, else `None`.
#[hook]
pub fn use_status_polling(
    flow: &UseReducerHandle<Flow>,
    config: &Rc<Result<Config, String>>,
    poll: Option<(u32, Option<String>)>,
    hidden: bool,
) {
    let dispatch = flow.dispatcher();
    let config = config.clone();
    let key: LinkKey = link_key(&config);
    use_effect_with((key, poll, hidden), move |(_, poll, hidden)| {
        let cancel = Cancel::new();
        let mut timer = None;
        if let (Some((attempt, tx)), Ok(cfg), Some(token), false) =
            (poll, config.as_ref(), cancel.token(), hidden)
        {
            match tx
                .clone()
                .or_else(|| browser::recall_transaction(&cfg.link))
            {
                None => dispatch.dispatch(Event::Failed(ErrorKind::NoPaymentHere)),
                Some(tx) => {
                    let cfg = cfg.clone();
                    timer = Some(Timeout::new(status_delay_ms(*attempt), move || {
                        spawn_local(async move {
                            let event = check_status(&cfg, cfg.link, &tx, &token.signal()).await;
                            if !token.cancelled() {
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
