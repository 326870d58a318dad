//! All of the widget's I/O: the proxy's API, the browser's location,
//! storage and navigation, the console, and dates by `Intl`. The view and
//! the hooks call these small functions and never build URLs or touch
//! `fetch` themselves.

pub mod api;
pub mod browser;
pub mod request;

pub use amwal_web::{console, intl};
