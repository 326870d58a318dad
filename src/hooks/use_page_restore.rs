//! Back from the pay page through the back/forward cache: Pay works again,
//! and one status check tells whether it was paid after all.

use super::cancel::Cancel;
use super::use_status_polling::check_status;
use super::{link_key, LinkKey};
use crate::options::Config;
use crate::services::browser;
use crate::state::Flow;
use amwal_core::flow::Event;
use gloo_events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// `redirecting`: whether the flow is in `Redirecting` at this render.
#[hook]
pub fn use_page_restore(
    flow: &UseReducerHandle<Flow>,
    config: &Rc<Result<Config, String>>,
    redirecting: bool,
) {
    // Read by the listener, which outlives this render.
    let was_redirecting: Rc<RefCell<bool>> = use_mut_ref(|| false);
    *was_redirecting.borrow_mut() = redirecting;
    let dispatch = flow.dispatcher();
    let config = config.clone();
    let key: LinkKey = link_key(&config);
    use_effect_with(key, move |_| {
        let cancel = Cancel::new();
        let listener = match (config.as_ref(), web_sys::window(), cancel.token()) {
            (Ok(cfg), Some(w), Some(token)) => {
                let cfg = cfg.clone();
                Some(EventListener::new(&w, "pageshow", move |e| {
                    let persisted = e
                        .dyn_ref::<web_sys::PageTransitionEvent>()
                        .is_some_and(|e| e.persisted());
                    if !persisted || !*was_redirecting.borrow() {
                        return;
                    }
                    dispatch.dispatch(Event::PageRestored);
                    if let Some(tx) = browser::recall_transaction(&cfg.link) {
                        let (cfg, dispatch, token) = (cfg.clone(), dispatch.clone(), token.clone());
                        spawn_local(async move {
                            let event = check_status(&cfg, cfg.link, &tx, &token.signal()).await;
                            // A failed re-check leaves the summary as it is.
                            if matches!(event, Event::StatusChecked(_)) && !token.cancelled() {
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
