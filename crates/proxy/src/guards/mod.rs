//! What stands between the internet and the proxy's handlers: the Origin
//! allowlist, a per-client rate limit, the security headers every response
//! carries, the admin token, the JSON body and the return URL checks.

pub mod admin;
pub mod headers;
pub mod json_body;
pub mod origin;
pub mod rate_limit;
pub mod return_url;

pub use headers::{security_headers, SITE_CSP};
pub use origin::origin_guard;
pub use rate_limit::{rate_limit, RateLimiter};
