//! Resolve, once per page view: whenever the flow is in `Loading` (at the
//! start, and again only after a permitted "Try again").

use super::cancel::Cancel;
use super::{link_key, LinkKey};
use crate::options::Config;
use crate::services::console::log_error;
use crate::services::{api, browser};
use crate::state::Flow;
use amwal_core::flow::{summarize_resolve, Event};
use amwal_core::i18n::Lang;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[hook]
pub fn use_resolve(
    flow: &UseReducerHandle<Flow>,
    config: &Rc<Result<Config, String>>,
    lang: Lang,
    loading: bool,
) {
    let dispatch = flow.dispatcher();
    let config = config.clone();
    let key: LinkKey = link_key(&config);
    use_effect_with((key, loading), move |(_, loading)| {
        let cancel = Cancel::new();
        if let (true, Ok(cfg), Some(token)) = (*loading, config.as_ref(), cancel.token()) {
            let cfg = cfg.clone();
            spawn_local(async move {
                let event = match api::resolve(&cfg, lang, &token.signal()).await {
                    Ok(body) => match summarize_resolve(cfg.link, &body, cfg.currency) {
                        Ok(summary) => {
                            // For "check again" and for the return page.
                            browser::remember_transaction(&cfg.link, &summary.transaction_id);
                            Event::Resolved(summary)
                        }
                        Err(kind) => {
                            log_error("resolve response not usable", &super::error_code(kind));
                            Event::Failed(kind)
                        }
                    },
                    Err(e) => {
                        log_error("resolve failed", &e);
                        Event::Failed(e.kind())
                    }
                };
                if !token.cancelled() {
                    dispatch.dispatch(event);
                }
            });
        }
        move || cancel.cancel()
    });
}
