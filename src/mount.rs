//! The one boundary with JavaScript: `mount(element, options)` renders the
//! widget into an element (the custom element in `www/` calls it) and
//! returns a handle whose `update(options)` re-renders it and `destroy()`
//! removes it. With a `link` it is the checkout widget; with an `amount`
//! and no link, the on-site messaging line.

use crate::app::{App, AppProps};
use crate::message::{Message, MessageProps};
use crate::options;
use crate::services::browser;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

enum Handle {
    Checkout(yew::AppHandle<App>),
    Message(yew::AppHandle<Message>),
}

/// A mounted widget: `update(options)` re-renders it, `destroy()` removes it
/// and cancels its timers and requests.
#[wasm_bindgen]
pub struct Widget {
    element: web_sys::Element,
    handle: Option<Handle>,
    /// Link, proxy and mode: changing any is a different widget, so a remount.
    identity: Identity,
}

type Identity = (Option<String>, Option<String>, bool);

#[wasm_bindgen]
impl Widget {
    /// Applies new options. Language, plans, theme, the amount shown and
    /// the like re-render in place, without asking the proxy again (resolve
    /// has side effects); a new `link` or `proxy` starts over.
    pub fn update(&mut self, options: JsValue) -> Result<(), JsError> {
        let opts = parse(options)?;
        if identity(&opts) != self.identity {
            self.destroy();
            *self = start(self.element.clone(), opts);
            return Ok(());
        }
        match self.handle.as_mut() {
            Some(Handle::Checkout(h)) => h.update(checkout_props(&opts, &self.element)),
            Some(Handle::Message(h)) => h.update(message_props(&opts, &self.element)),
            None => {}
        }
        Ok(())
    }

    pub fn destroy(&mut self) {
        match self.handle.take() {
            Some(Handle::Checkout(h)) => h.destroy(),
            Some(Handle::Message(h)) => h.destroy(),
            None => {}
        }
    }
}

fn parse(options: JsValue) -> Result<options::Options, JsError> {
    if !options.is_object() {
        return Err(JsError::new(
            "amwal-installments: options must be an object",
        ));
    }
    Ok(options::Options::from_js(&options))
}

fn identity(opts: &options::Options) -> Identity {
    (opts.link.clone(), opts.proxy.clone(), opts.is_message())
}

fn checkout_props(opts: &options::Options, element: &web_sys::Element) -> AppProps {
    let props = AppProps::new(opts, element);
    if let Err(problem) = props.config.as_ref() {
        // The shopper sees a generic message; the developer needs the cause.
        crate::services::console::log_misconfiguration(problem);
    }
    props
}

/// The messaging line logs its own problems, once per change (it shows
/// nothing then).
fn message_props(opts: &options::Options, element: &web_sys::Element) -> MessageProps {
    let page = browser::page_lang(element);
    let nav = browser::browser_lang();
    let lang = opts.lang(page.as_deref().into_iter().chain(nav.as_deref()));
    MessageProps {
        locale: opts.locale(lang),
        config: Rc::new(opts.message_config()),
    }
}

/// Renders the widget into `element` with `options` (camelCase, the
/// element's attributes: `link`, `proxy`, `lang`, `amount`, `payHosts`…).
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<Widget, JsError> {
    Ok(start(element, parse(options)?))
}

pub(crate) fn start(element: web_sys::Element, opts: options::Options) -> Widget {
    let root = element.clone();
    let handle = if opts.is_message() {
        let props = message_props(&opts, &element);
        Handle::Message(yew::Renderer::<Message>::with_root_and_props(root, props).render())
    } else {
        let props = checkout_props(&opts, &element);
        Handle::Checkout(yew::Renderer::<App>::with_root_and_props(root, props).render())
    };
    Widget {
        element,
        handle: Some(handle),
        identity: identity(&opts),
    }
}
