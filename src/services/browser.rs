//! The page around the widget: location, language, device, session storage
//! and the one navigation to the pay page.

use crate::options::Config;
use amwal_core::api::DeviceType;
use amwal_core::LinkId;
use web_sys::{Url, Window};

pub use amwal_web::page::{browser_lang, dispatch, page_lang};

/// Query parameter the widget adds to the return URL.
pub const RETURN_PARAM: &str = "amwal_return";

fn window() -> Option<Window> {
    web_sys::window()
}

fn href() -> Option<String> {
    window()?.location().href().ok()
}

pub fn user_agent() -> Option<String> {
    window()?.navigator().user_agent().ok()
}

/// The origin of the page that referred the shopper here, if the browser
/// tells: its path and query may name the shopper, and stay here.
pub fn referrer() -> Option<String> {
    let full = window()?.document()?.referrer();
    Some(Url::new(&full).ok()?.origin()).filter(|o| !o.is_empty() && o != "null")
}

/// Phone-width viewports are mobile; mid widths with touch are tablets.
pub fn detect_device() -> DeviceType {
    let Some(w) = window() else {
        return DeviceType::Desktop;
    };
    let width = w
        .inner_width()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(1024.0);
    let touch = w.navigator().max_touch_points() > 0;
    match width {
        x if x < 640.0 => DeviceType::Mobile,
        x if x < 1100.0 && touch => DeviceType::Tablet,
        _ => DeviceType::Desktop,
    }
}

/// The return URL sent with resolve: the configured one (else this page)
/// with `amwal_return={link}` set, so the return page knows it is one, and
/// without its fragment.
pub fn return_url(cfg: &Config) -> Option<String> {
    let base = cfg.return_url.clone().or_else(href)?;
    let page = href().unwrap_or_default();
    let url = Url::new_with_base(&base, &page).ok()?;
    let params = url.search_params();
    params.set(RETURN_PARAM, &cfg.link.to_string());
    // The fragment never reaches a server on its own: nor through us.
    url.set_hash("");
    Some(url.href())
}

/// Whether this page view is the return from paying `link`.
pub fn is_return_for(link: &LinkId) -> bool {
    href()
        .and_then(|h| Url::new(&h).ok())
        .and_then(|u| u.search_params().get(RETURN_PARAM))
        .is_some_and(|v| LinkId::parse(&v).ok().as_ref() == Some(link))
}

fn storage_key(link: &LinkId) -> String {
    format!("amwal-installments:{link}")
}

/// Remembers the transaction being paid, for the return page's status call.
pub fn remember_transaction(link: &LinkId, tx: &str) {
    if let Some(s) = window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.set_item(&storage_key(link), tx);
    }
}

pub fn recall_transaction(link: &LinkId) -> Option<String> {
    let s = window()?.session_storage().ok().flatten()?;
    s.get_item(&storage_key(link)).ok().flatten()
}

/// A random number for retry jitter, from the bits of `Math.random()`.
pub fn jitter() -> u32 {
    // The mantissa's bits, not float arithmetic: only spread is needed.
    u32::try_from((js_sys::Math::random().to_bits() >> 20) % 1000).unwrap_or(0)
}

/// Whether the page is in a background tab (polling pauses there).
pub fn page_hidden() -> bool {
    window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

/// Sends the shopper to `url` (built only by `PayHost::pay_url`).
#[cfg(not(test))]
pub fn navigate(url: &str) -> bool {
    window().is_some_and(|w| w.location().assign(url).is_ok())
}

#[cfg(test)]
thread_local! {
    /// Browser tests record navigations instead of leaving the test page.
    pub static NAVIGATIONS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[cfg(test)]
pub fn navigate(url: &str) -> bool {
    NAVIGATIONS.with(|n| n.borrow_mut().push(url.to_owned()));
    true
}
