//! The pure domain of amwal-installments: money, Amwal's API types, the link-id
//! and redirect rules, the text catalogue and the widget's flow.
//!
//! Nothing here touches a browser, a network or a clock: the widget (wasm) and
//! the proxy (native) both depend on this crate, and plain `cargo test` covers it.

pub mod api;
pub mod flow;
pub mod i18n;
pub mod link_id;
pub mod loopback;
pub mod message;
pub mod money;
pub mod pay_url;
pub mod retry;
pub mod schedule;
pub mod transaction_id;

pub use link_id::LinkId;
pub use money::{Currency, Money, MoneyError};
pub use transaction_id::TransactionId;
