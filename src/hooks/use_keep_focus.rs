//! Keeps keyboard focus in the widget across state changes: when the
//! focused button is replaced (Pay → receipt, Try again → summary), focus
//! moves to the new card's first button, or the card itself, instead of
//! falling back to the top of the page. Focus is never taken from the page
//! when the shopper was not in the widget.

use gloo_events::EventListener;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[hook]
pub fn use_keep_focus(section: &NodeRef, state_kind: u8) {
    let had_focus: Rc<Cell<bool>> = use_memo((), |_| Cell::new(false));
    {
        let (section, had_focus) = (section.clone(), had_focus.clone());
        use_effect_with((), move |_| {
            let el = section.cast::<web_sys::Element>();
            let listeners = el.map(|el| {
                let inside = had_focus.clone();
                let focus_in = EventListener::new(&el, "focusin", move |_| inside.set(true));
                let outside = had_focus.clone();
                let el2 = el.clone();
                let focus_out = EventListener::new(&el, "focusout", move |e| {
                    // Leaving for somewhere else on the page (not a removal,
                    // which has no related target).
                    let to = e
                        .dyn_ref::<web_sys::FocusEvent>()
                        .and_then(|f| f.related_target())
                        .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
                    if let Some(to) = to {
                        outside.set(el2.contains(Some(&to)));
                    }
                });
                (focus_in, focus_out)
            });
            move || drop(listeners)
        });
    }
    let section = section.clone();
    use_effect_with(state_kind, move |_| {
        // Lost to the page's body, or parked on our card that had no button
        // (the loading card): Yew may reuse that card's element for the
        // next one, so focus would stay on it rather than on the new button.
        // Asked of the section, not of `document.activeElement`, which is
        // the host element when the widget lives in a shadow root.
        let on_body = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                let body: Option<web_sys::Element> = d.body().map(Into::into);
                d.active_element().map(|a| Some(a) == body)
            })
            .unwrap_or(true);
        let on_card = section
            .cast::<web_sys::Element>()
            .and_then(|s| s.query_selector(".card:focus").ok().flatten())
            .is_some();
        let lost = on_body || on_card;
        if had_focus.get() && lost {
            if let Some(el) = section.cast::<web_sys::Element>() {
                let target = el
                    .query_selector(".card button:not([disabled])")
                    .ok()
                    .flatten()
                    .or_else(|| el.query_selector(".card").ok().flatten());
                if let Some(t) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                    if t.tag_name() == "BUTTON" {
                        // Yew may have reused the card focused before: it
                        // need not stay focusable.
                        if let Ok(Some(card)) = el.query_selector(".card[tabindex]") {
                            let _ = card.remove_attribute("tabindex");
                        }
                    } else {
                        let _ = t.set_attribute("tabindex", "-1");
                    }
                    let _ = t.focus();
                }
            }
        }
    });
}
