//! The amwal-installments widget: a Yew app compiled to wasm that resolves
//! an Amwal payment link through the merchant's proxy, shows the
//! installment summary and sends the shopper to pay.
//!
//! `mount(element, options)` is the one entry point; the custom element in
//! `www/` calls it. Rules live in `amwal-core`; I/O lives in `services`.

mod components;
mod options;
mod services;
mod state;

#[cfg(test)]
mod tests;

use components::app::{App, AppProps};
use wasm_bindgen::prelude::*;

/// A mounted widget; `destroy()` removes it and cancels its requests.
#[wasm_bindgen]
pub struct Widget {
    handle: Option<yew::AppHandle<App>>,
}

#[wasm_bindgen]
impl Widget {
    pub fn destroy(&mut self) {
        if let Some(h) = self.handle.take() {
            h.destroy();
        }
    }
}

/// Renders the widget into `element` with `options` (camelCase, the
/// element's attributes: `link`, `proxy`, `lang`, `payHosts`…).
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<Widget, JsError> {
    let opts: options::Options = serde_wasm_bindgen::from_value(options)
        .map_err(|e| JsError::new(&format!("amwal-installments: bad options: {e}")))?;
    Ok(start(element, opts))
}

fn start(element: web_sys::Element, opts: options::Options) -> Widget {
    let props = AppProps::new(&opts, &element);
    if let Err(problem) = props.config.as_ref() {
        // The shopper sees a generic message; the developer needs the cause.
        web_sys::console::error_1(&format!("amwal-installments: {problem}").into());
    }
    let handle = yew::Renderer::<App>::with_root_and_props(element, props).render();
    Widget {
        handle: Some(handle),
    }
}
