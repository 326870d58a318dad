//! What stands between the internet and the proxy's handlers: the Origin
//! allowlist, rate limits (per client, per link, for Amwal's deliveries), the security headers every response
//! carries, the admin token, the JSON body and the return URL checks.
//!
//! Which route gets which (wired in `app.rs`): the widget's API (resolve,
//! status) the Origin allowlist and the rate limit; `POST /payment_links`
//! the rate limit and the admin token; `POST /callbacks` none of the
//! shoppers' guards (Amwal is no shopper: its signature is checked in
//! `api/callbacks.rs`), a budget of its own and a 256 KiB body limit; every answer the security
//! headers and a request id.

pub mod admin;
pub mod client_addr;
pub mod headers;
pub mod json_body;
pub mod json_errors;
pub mod limiter;
pub mod origin;
pub mod rate_limit;
pub mod redis_limiter;
pub mod return_url;
pub mod timeouts;

pub use headers::{security_headers, SITE_CSP};
pub use limiter::{Budget, Budgets, Limiter, LocalLimiter};
pub use origin::{origin_guard, AllowedOrigins};
pub use rate_limit::{callback_budget, rate_limit, ClientLimit};
pub use redis_limiter::RedisLimiter;
