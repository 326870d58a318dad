//! The messaging line: with `amount` and no `link`, `<amwal-installments>`
//! is one line under a product's or cart's price ("4 payments of SAR 75.00
//! with Amwal") and a "Learn more" dialog. Its own small wasm, plain DOM
//! and no Yew, so the dozens a collection grid holds share one small
//! instance: no proxy, no network call, no live region (a grid of them
//! would drown a screen reader; the dialog is announced as a dialog). The
//! page hears `amwal-ready` with the amount shown, or `amwal-error` with
//! why nothing is.
//!
//! `mount(element, options)` is the entry point, as the widget's: the
//! element in `www/` calls it when it has an `amount` and no `link`.

mod amount;
mod dialog;
mod dom;
mod line;
mod report;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod written_as_intl;

use amount::Look;
use amwal_core::i18n::{Locale, Text};
use amwal_core::message::Shown;
use amwal_core::schedule::Eligibility;
use amwal_web::options::{MessageConfig, Options, WhenIneligible};
use amwal_web::{intl, page};
use gloo_events::EventListener;
use report::Report;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlDialogElement, HtmlElement};

// Talc instead of the default dlmalloc, as in the widget: smaller.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// A mounted line: `update(options)` re-renders it in place, `destroy()`
/// removes it.
#[wasm_bindgen]
pub struct MessageLine {
    inner: Rc<Inner>,
}

struct Inner {
    root: Element,
    section: Element,
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    config: Option<Result<MessageConfig, String>>,
    locale: Locale,
    /// What the page was last told, so it hears each change once.
    told: Option<Report>,
    /// The line's button, kept across renders (focus stays on it).
    button: Option<(Element, EventListener)>,
    dialog: Option<(HtmlDialogElement, Vec<EventListener>)>,
}

#[wasm_bindgen]
impl MessageLine {
    /// Applies new options: a new amount, language or plan re-renders at
    /// once, in place.
    pub fn update(&mut self, options: JsValue) -> Result<(), JsError> {
        let opts = parse(options)?;
        configure(&self.inner, &opts);
        render(&self.inner);
        Ok(())
    }

    pub fn destroy(&mut self) {
        let mut state = self.inner.state.borrow_mut();
        state.button = None;
        state.dialog = None;
        self.inner.section.remove();
    }
}

fn parse(options: JsValue) -> Result<Options, JsError> {
    if !options.is_object() {
        return Err(JsError::new(
            "amwal-installments: options must be an object",
        ));
    }
    Ok(Options::from_js(&options))
}

/// Renders the line into `element` with `options` (camelCase, as the
/// element's attributes: `amount`, `currency`, `lang`, `installments`…).
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<MessageLine, JsError> {
    let opts = parse(options)?;
    let section = dom::child(&element, "section", "amwal")
        .ok_or_else(|| JsError::new("amwal-installments: cannot build the line"))?;
    dom::attr(&section, "data-mode", "message");
    let inner = Rc::new(Inner {
        root: element,
        section,
        state: RefCell::new(State::default()),
    });
    configure(&inner, &opts);
    render(&inner);
    Ok(MessageLine { inner })
}

fn configure(inner: &Inner, opts: &Options) {
    let page_lang = page::page_lang(&inner.root);
    let nav = page::browser_lang();
    let lang = opts.lang(page_lang.as_deref().into_iter().chain(nav.as_deref()));
    let mut state = inner.state.borrow_mut();
    state.locale = opts.locale(lang);
    state.config = Some(opts.message_config());
}

/// Draws what the state says, and tells the page if that changed.
fn render(inner: &Rc<Inner>) {
    let (report, shown) = {
        let state = inner.state.borrow();
        match state.config.as_ref() {
            Some(config) => report::of(config),
            None => return,
        }
    };
    let look = look_of(inner);
    let locale = look.locale;
    let (theme, when) = {
        let state = inner.state.borrow();
        let cfg = state.config.as_ref().and_then(|c| c.as_ref().ok());
        let theme = cfg.map(|c| c.theme).unwrap_or_default();
        (
            theme,
            cfg.map_or(WhenIneligible::Explain, |c| c.when_ineligible),
        )
    };
    let section = &inner.section;
    dom::attrs(
        section,
        &[
            ("data-theme", theme.name()),
            ("lang", locale.lang.tag()),
            ("dir", locale.lang.dir()),
        ],
    );
    match shown {
        Some((_, Shown::Line(l))) => {
            let button = line_button(inner);
            line::fill(&button, l, look);
            refill_dialog(inner, look);
        }
        Some((_, Shown::Ineligible(e))) if when == WhenIneligible::Explain => {
            clear(inner);
            let (text, bound) = match e {
                Eligibility::BelowMinimum(m) => (Text::BelowMinimum, m),
                Eligibility::AboveMaximum(m) => (Text::AboveMaximum, m),
                Eligibility::Eligible => return,
            };
            if let Some(p) = dom::child(section, "p", "line") {
                dom::attr(&p, "part", "line");
                if let Some(clamp) = dom::child(&p, "span", "clamp") {
                    line::sentence(&clamp, text.in_lang(locale.lang), 0, bound, look);
                }
            }
        }
        _ => clear(inner),
    }
    tell(inner, report);
}

/// Empties the section (and drops the button's and dialog's listeners).
fn clear(inner: &Inner) {
    let mut state = inner.state.borrow_mut();
    state.button = None;
    state.dialog = None;
    inner.section.set_text_content(None);
}

/// The line's button, made once and kept while the line shows.
fn line_button(inner: &Rc<Inner>) -> Element {
    if let Some((b, _)) = inner.state.borrow().button.as_ref() {
        return b.clone();
    }
    inner.section.set_text_content(None);
    let doc = inner.section.owner_document();
    let button = doc
        .and_then(|d| d.create_element("button").ok())
        .unwrap_or_else(|| inner.section.clone());
    dom::attrs(
        &button,
        &[
            ("type", "button"),
            ("class", "line"),
            ("part", "line"),
            ("aria-haspopup", "dialog"),
        ],
    );
    let _ = inner.section.append_child(&button);
    let weak = Rc::downgrade(inner);
    let click = EventListener::new(&button, "click", move |_| {
        if let Some(inner) = weak.upgrade() {
            open_dialog(&inner);
        }
    });
    inner.state.borrow_mut().button = Some((button.clone(), click));
    button
}

fn dialog_contents<'a>(cfg: &'a MessageConfig, total: amwal_core::Money) -> dialog::Contents<'a> {
    dialog::Contents {
        total,
        plans: &cfg.plans,
        today: intl::today(),
        terms_url: cfg.terms_url.as_deref(),
    }
}

fn open_dialog(inner: &Rc<Inner>) {
    if inner.state.borrow().dialog.is_some() {
        return;
    }
    let Some(el) = dom::child(&inner.section, "dialog", "") else {
        return;
    };
    let Ok(d) = el.dyn_into::<HtmlDialogElement>() else {
        return;
    };
    let weak = Rc::downgrade(inner);
    // Escape, the close button, or a script: focus goes back to the line
    // without scrolling the page.
    let on_close = EventListener::new(&d, "close", move |_| {
        if let Some(inner) = weak.upgrade() {
            close_dialog(&inner);
        }
    });
    inner.state.borrow_mut().dialog = Some((d.clone(), vec![on_close]));
    refill_dialog(inner, look_of(inner));
    let _ = d.show_modal();
}

fn look_of(inner: &Inner) -> Look {
    let state = inner.state.borrow();
    Look {
        locale: state.locale,
        riyal: state
            .config
            .as_ref()
            .and_then(|c| c.as_ref().ok())
            .map(|c| c.riyal)
            .unwrap_or_default(),
    }
}

/// Fills the open dialog for the price now shown (it follows the price too).
fn refill_dialog(inner: &Rc<Inner>, look: Look) {
    let state = inner.state.borrow();
    let (Some((d, _)), Some(Ok(cfg))) = (state.dialog.as_ref(), state.config.as_ref()) else {
        return;
    };
    let Ok((total, _)) = amwal_core::message::shown(
        &cfg.amount,
        cfg.currency,
        cfg.plans.first().copied().unwrap_or(1),
        cfg.bounds,
    ) else {
        return;
    };
    let d = d.clone();
    let close = dialog::fill(&d, &dialog_contents(cfg, total), look);
    drop(state);
    if let Some(close) = close {
        let dialog = d.clone();
        let click = EventListener::new(&close, "click", move |_| dialog.close());
        if let Some((_, listeners)) = inner.state.borrow_mut().dialog.as_mut() {
            listeners.truncate(1);
            listeners.push(click);
        }
    }
}

fn close_dialog(inner: &Inner) {
    let dialog = inner.state.borrow_mut().dialog.take();
    if let Some((d, _)) = dialog {
        d.remove();
    }
    let button = inner.state.borrow().button.as_ref().map(|(b, _)| b.clone());
    if let Some(b) = button.and_then(|b| b.dyn_into::<HtmlElement>().ok()) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = b.focus_with_options(&options);
    }
}

/// `amwal-ready` or `amwal-error`, once per change of what is shown.
fn tell(inner: &Inner, report: Report) {
    if inner.state.borrow().told.as_ref() == Some(&report) {
        return;
    }
    report::dispatch(&inner.section, &report);
    inner.state.borrow_mut().told = Some(report);
}
