//! What the widget tells the page's developer: the technical cause of what
//! the shopper sees as a plain message. Display, not Debug: the shipped
//! build compiles Debug formatting out.

/// A warning: a call failed, or its answer was not usable.
pub fn log_error(what: &str, err: &impl std::fmt::Display) {
    web_sys::console::warn_1(&format!("amwal-installments: {what}: {err}").into());
}

/// An error: the widget is set up wrongly (a bad attribute or option).
pub fn log_misconfiguration(problem: &str) {
    web_sys::console::error_1(&format!("amwal-installments: {problem}").into());
}
