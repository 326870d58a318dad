//! amwal-proxy: the reference merchant backend for the installments widget.
//!
//! It holds the Amwal secret key, resolves only links it created, checks the
//! shopper's return URL against the merchant's allowlist, and serves the demo
//! storefront. With no key configured it runs an embedded Amwal sandbox and
//! talks to it over loopback HTTP, exactly as it would talk to Amwal.

pub mod amwal;
pub mod callbacks;
pub mod commands;

pub mod config;
pub mod config_file;
pub mod create;
pub mod error;
pub mod guards;
pub mod log;
pub mod mask;
pub mod metrics;
pub mod return_url;
pub mod routes;
pub mod sandbox;
pub mod secret;
pub mod server;
pub mod settle;
pub mod site;
pub mod store;
pub mod sweep;

pub use config::Settings;
pub use server::{api_router, build, start, AppState, Running};
