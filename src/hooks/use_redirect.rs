//! Exactly one navigation to the pay page: the flow enters `Redirecting`
//! once per click, and this effect runs once per entry.

use crate::services::browser;
use crate::state::Flow;
use amwal_core::flow::{ErrorKind, Event};
use amwal_core::LinkId;
use yew::prelude::*;

/// `target` is `(link, transaction id, pay URL)` while redirecting.
#[hook]
pub fn use_redirect(flow: &UseReducerHandle<Flow>, target: Option<(LinkId, String, String)>) {
    let dispatch = flow.dispatcher();
    use_effect_with(target, move |target| {
        if let Some((link, tx, url)) = target {
            browser::remember_transaction(link, tx);
            if !browser::navigate(url) {
                dispatch.dispatch(Event::Failed(ErrorKind::Misconfigured));
            }
        }
    });
}
