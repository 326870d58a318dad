//! What the checkout widget (Yew, `amwal-installments`) and the messaging
//! line (plain DOM, `amwal-message`) both do in the browser: read the
//! element's options, format dates with the browser's `Intl`, find the
//! page's language, and tell the page (console, events).
//! No Yew here: the messaging line's wasm must stay small.

pub mod console;
pub mod intl;
pub mod options;
pub mod page;
pub mod riyal;
