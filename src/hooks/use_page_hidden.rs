//! Whether the page is in a background tab; polling pauses while it is.

use crate::services::browser;
use gloo_events::EventListener;
use yew::prelude::*;

#[hook]
pub fn use_page_hidden() -> bool {
    let hidden = use_state(browser::page_hidden);
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
    *hidden
}
