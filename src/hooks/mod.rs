//! The app's effects as hooks, one per file: each owns its timers,
//! listeners and requests and cancels them when its inputs change or the
//! widget goes away (nothing is `.forget()`-ed).

mod cancel;
mod use_events;
mod use_keep_focus;
mod use_page_hidden;
mod use_page_restore;
mod use_redirect;
mod use_resolve;
mod use_status_polling;

use use_events::error_code;
pub use use_events::use_events;
pub use use_keep_focus::use_keep_focus;
pub use use_page_hidden::use_page_hidden;
pub use use_page_restore::use_page_restore;
pub use use_redirect::use_redirect;
pub use use_resolve::use_resolve;
pub use use_status_polling::use_status_polling;

use crate::options::Config;
use amwal_core::LinkId;

/// What a hook's requests depend on: the link and the proxy. Keying effects
/// on this (not the whole configuration) means a new language or theme never
/// cancels or repeats a request.
pub type LinkKey = Option<(LinkId, String)>;

pub fn link_key(config: &Result<Config, String>) -> LinkKey {
    config.as_ref().ok().map(|c| (c.link, c.proxy.clone()))
}
