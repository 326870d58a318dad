//! The one boundary with JavaScript: `mount(element, options)` renders the
//! widget into an element (the custom element in `www/` calls it) and
//! returns a handle whose `update(options)` re-renders it and `destroy()`
//! removes it. The messaging line (an `amount`, no `link`) is another,
//! smaller wasm: `crates/message`.

use crate::app::{App, AppProps};
use crate::options;
use wasm_bindgen::prelude::*;

/// A mounted widget: `update(options)` re-renders it, `destroy()` removes it
/// and cancels its timers and requests.
#[wasm_bindgen]
pub struct Widget {
    element: web_sys::Element,
    handle: Option<yew::AppHandle<App>>,
    /// Link and proxy: changing either is a different payment, so a remount.
    identity: (Option<String>, Option<String>),
}

#[wasm_bindgen]
impl Widget {
    /// Applies new options. Language, plans, theme and the like re-render in
    /// place, without asking the proxy again (resolve has side effects);
    /// a new `link` or `proxy` starts over.
    pub fn update(&mut self, options: JsValue) -> Result<(), JsError> {
        let opts = parse(options)?;
        if identity(&opts) != self.identity {
            self.destroy();
            *self = start(self.element.clone(), opts);
            return Ok(());
        }
        let props = props(&opts, &self.element);
        if let Some(handle) = self.handle.as_mut() {
            handle.update(props);
        }
        Ok(())
    }

    pub fn destroy(&mut self) {
        if let Some(h) = self.handle.take() {
            h.destroy();
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

fn identity(opts: &options::Options) -> (Option<String>, Option<String>) {
    (opts.link.clone(), opts.proxy.clone())
}

fn props(opts: &options::Options, element: &web_sys::Element) -> AppProps {
    let props = AppProps::new(opts, element);
    if let Err(problem) = props.config.as_ref() {
        // The shopper sees a generic message; the developer needs the cause.
        crate::services::console::log_misconfiguration(problem);
    }
    props
}

/// Renders the widget into `element` with `options` (camelCase, the
/// element's attributes: `link`, `proxy`, `lang`, `payHosts`…).
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<Widget, JsError> {
    Ok(start(element, parse(options)?))
}

pub(crate) fn start(element: web_sys::Element, opts: options::Options) -> Widget {
    let initial = props(&opts, &element);
    let handle = yew::Renderer::<App>::with_root_and_props(element.clone(), initial).render();
    Widget {
        element,
        handle: Some(handle),
        identity: identity(&opts),
    }
}
