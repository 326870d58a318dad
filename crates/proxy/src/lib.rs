//! amwal-proxy: the reference merchant backend for the installments widget.
//!
//! It holds the Amwal secret key, resolves only links it created, checks the
//! shopper's return URL against the merchant's allowlist, settles orders from
//! Amwal's own record, and serves the demo storefront. With no key configured
//! it runs an embedded Amwal sandbox and talks to it over loopback HTTP,
//! exactly as it would talk to Amwal.
//!
//! - `api/`: the HTTP endpoints (the widget's, the merchant's, Amwal's callbacks)
//! - `guards/`: what every request passes (origins, rate limit, headers, admin token, return URL)
//! - `amwal/`: everything that faces Amwal (wire types, client, signatures)
//! - `orders/`: how Amwal's record settles an order (and the periodic sweep)
//! - `server.rs`: the HTTP server's own limits (connections, header time, stop)
//! - `store/`: links, transactions and orders in SQLite
//! - `config/`: command line, environment, config file
//! - `secret.rs`: a key that never prints
//! - `telemetry/`: request ids, the access log, metrics
//! - `demo/`: the demo storefront and its demo links
//! - `sandbox/`: the embedded Amwal double
//! - `cli/`: the merchant's commands (`create`, `orders`, `register-webhook`)

pub mod amwal;
pub mod api;
pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod error;
pub mod guards;
pub mod orders;
pub mod sandbox;
pub mod secret;
pub mod serve;
pub mod server;
pub mod state;
pub mod store;
pub mod telemetry;

pub use app::api_router;
pub use config::Settings;
pub use serve::{start, Running};
pub use state::{build, AppState};
