//! All of the widget's I/O: the proxy's API, the browser's location,
//! storage and navigation, and `Intl` formatting. Components call these
//! small functions and never build URLs or touch `fetch` themselves.

pub mod api;
pub mod browser;
pub mod intl;
pub mod json;
pub mod request;
