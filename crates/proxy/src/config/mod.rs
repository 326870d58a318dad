//! Command line and environment configuration, and the settings derived
//! from it once the listening port is known.

pub mod file;

use crate::secret::Secret;
use clap::Parser;
use std::path::PathBuf;

/// Amwal's production API; used when a key is configured.
pub const AMWAL_API_BASE: &str = "https://backend.sa.amwal.tech";

#[derive(Parser, Debug, Clone)]
#[command(
    name = "amwal-proxy",
    about = "Reference merchant backend for the amwal-installments widget. \
             With no AMWAL_API_KEY it runs an embedded Amwal sandbox."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// TOML file of these settings, keyed by their long names
    /// (`port = 8080`); the command line and environment win over it.
    #[arg(long, env = "AMWAL_CONFIG")]
    pub config: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, env = "AMWAL_HOST", default_value = "127.0.0.1")]
    pub host: String,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, env = "AMWAL_PORT", default_value_t = 8080)]
    pub port: u16,
    /// Path prefix of the proxy's API for the widget.
    #[arg(long, env = "AMWAL_PREFIX", default_value = "/amwal")]
    pub prefix: String,
    /// Path prefix of the embedded sandbox.
    #[arg(long, env = "AMWAL_SANDBOX_PREFIX", default_value = "/sandbox")]
    pub sandbox_prefix: String,
    /// Amwal secret key (prefer the environment variable: arguments show in
    /// `ps`). Unset: run against the embedded sandbox.
    #[arg(long, env = "AMWAL_API_KEY", hide_env_values = true)]
    pub api_key: Option<Secret>,
    /// Amwal's environment key, sent as `X-Amwal-Key`: `sandbox-amwal-…`
    /// selects Amwal's sandbox, `prod-amwal-…` production.
    #[arg(long, env = "AMWAL_ENVIRONMENT_KEY")]
    pub environment_key: Option<String>,
    /// The embedded sandbox's secret key (random when unset). Fixed, a
    /// benchmark or a test can call the sandbox directly.
    #[arg(long, env = "AMWAL_SANDBOX_KEY", hide_env_values = true)]
    pub sandbox_key: Option<Secret>,
    /// Amwal API base URL (used with a key).
    #[arg(long, env = "AMWAL_API_BASE", default_value = AMWAL_API_BASE)]
    pub api_base: String,
    /// Store id from Amwal's merchant portal (used to create links).
    #[arg(long, env = "AMWAL_STORE_ID", default_value = "demo-store")]
    pub store_id: String,
    /// Storefront origin sent upstream as Origin, and allowed as a return
    /// URL origin. Default: this server's own origin.
    #[arg(long, env = "AMWAL_STOREFRONT_ORIGIN")]
    pub storefront_origin: Option<String>,
    /// More origins allowed in return URLs (comma-separated).
    #[arg(long, env = "AMWAL_RETURN_ORIGINS", value_delimiter = ',')]
    pub return_origins: Vec<String>,
    /// Origins whose pages may call the proxy (comma-separated, exact).
    /// Default: the storefront origin.
    #[arg(long, env = "AMWAL_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,
    /// Count the client by X-Forwarded-For (only behind a load balancer
    /// that appends it): the entry `--forwarded-hops` from the right.
    #[arg(long, env = "AMWAL_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,
    /// With `--trust-forwarded-for`: how many trusted proxies append to
    /// X-Forwarded-For (1: one load balancer; its entry is the last).
    #[arg(long, env = "AMWAL_FORWARDED_HOPS", default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=8))]
    pub forwarded_hops: u8,
    /// Keep a caller's X-Request-Id (short and plain) instead of minting
    /// one: only behind a load balancer that sets it for every request.
    #[arg(long, env = "AMWAL_TRUST_REQUEST_ID")]
    pub trust_request_id: bool,
    /// Resolve links this proxy did not create (made in Amwal's portal):
    /// Amwal's amount is then taken as is. Off: only links created here.
    #[arg(long, env = "AMWAL_TRUST_ANY_LINK")]
    pub trust_any_link: bool,
    /// Requests per minute per client address.
    #[arg(long, env = "AMWAL_RATE_LIMIT", default_value_t = 120, value_parser = clap::value_parser!(u32).range(1..))]
    pub rate_limit: u32,
    /// Connections open at once; more wait in the listen queue.
    #[arg(long, env = "AMWAL_MAX_CONNECTIONS", default_value_t = 1024, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,
    /// Time a client has to send a request's headers.
    #[arg(long, env = "AMWAL_HEADER_TIMEOUT_MS", default_value_t = 5000, value_parser = clap::value_parser!(u64).range(100..))]
    pub header_timeout_ms: u64,
    /// Time a client has to send a request's body (408 after it).
    #[arg(long, env = "AMWAL_BODY_TIMEOUT_MS", default_value_t = 10000, value_parser = clap::value_parser!(u64).range(100..))]
    pub body_timeout_ms: u64,
    /// Time a request may take in all, Amwal's answer included (503 after it).
    #[arg(long, env = "AMWAL_REQUEST_TIMEOUT_MS", default_value_t = 30000, value_parser = clap::value_parser!(u64).range(100..))]
    pub request_timeout_ms: u64,
    /// After SIGTERM, time the requests in flight get to finish before the
    /// rest are closed.
    #[arg(long, env = "AMWAL_SHUTDOWN_GRACE_SECS", default_value_t = 10)]
    pub shutdown_grace_secs: u64,
    /// Serve the demo storefront (`/`, `/demo/`) with a real key too, to try
    /// the widget against an Amwal-compatible server. Always on without one.
    #[arg(long, env = "AMWAL_DEMO_SITE")]
    pub demo_site: bool,
    /// Resolves per minute per link, from every address together: each
    /// reaches Amwal, which may text the customer.
    #[arg(long, env = "AMWAL_LINK_RATE_LIMIT", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..))]
    pub link_rate_limit: u32,
    /// Amwal's callbacks and webhooks per minute, together; more are
    /// answered 503 so Amwal delivers them again later.
    #[arg(long, env = "AMWAL_CALLBACK_RATE_LIMIT", default_value_t = 600, value_parser = clap::value_parser!(u32).range(1..))]
    pub callback_rate_limit: u32,
    /// Count the rate limits in this Redis (`redis://host:6379`), shared by
    /// every proxy given the same URL and prefix; without it each instance
    /// counts alone.
    #[arg(long, env = "AMWAL_REDIS_URL", hide_env_values = true)]
    pub redis_url: Option<Secret>,
    /// Prefix of the proxy's keys in Redis (one per store sharing a Redis).
    #[arg(long, env = "AMWAL_REDIS_PREFIX", default_value = "amwal-proxy")]
    pub redis_prefix: String,
    /// Bearer token of the merchant's backend for creating links. Unset: a
    /// random one in sandbox mode (printed), creation disabled otherwise.
    #[arg(long, env = "AMWAL_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<Secret>,
    /// The key that checks Amwal's callback signatures (PEM file): the
    /// private key `register-webhook` stored (the public key is derived),
    /// or a public key. In sandbox mode the proxy registers with the
    /// sandbox at start and uses the key it hands out.
    #[arg(
        long,
        alias = "callback-public-key-file",
        env = "AMWAL_CALLBACK_KEY_FILE"
    )]
    pub callback_key_file: Option<PathBuf>,
    /// The registered API key's fingerprint: webhooks whose `X-API-Key`
    /// differs are refused. Unset: not compared (the signature still is).
    #[arg(long, env = "AMWAL_WEBHOOK_FINGERPRINT")]
    pub webhook_fingerprint: Option<String>,
    /// The first wait before a stored callback is worked again (Amwal's
    /// record lagged, or a call failed); each try doubles it.
    #[arg(long, env = "AMWAL_CALLBACK_RETRY_UNIT_MS", default_value_t = 1_000)]
    pub callback_retry_unit_ms: u64,
    /// How long after receipt a stored callback is still tried; then the
    /// sweep looks at its order.
    #[arg(long, env = "AMWAL_CALLBACK_RETRY_SECS", default_value_t = 3_600)]
    pub callback_retry_secs: u64,
    /// How long a worker holds a stored callback it claimed: one whose
    /// process died is taken by another instance after this.
    #[arg(long, env = "AMWAL_CALLBACK_LEASE_SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub callback_lease_secs: u64,
    /// Seconds between sweeps of open orders (each asks Amwal about orders
    /// resolved lately that no callback settled); 0 turns the sweep off.
    #[arg(long, env = "AMWAL_SWEEP_EVERY_SECS", default_value_t = 60)]
    pub sweep_every_secs: u64,
    /// How far back the sweep looks, in hours since the order's resolve.
    #[arg(long, env = "AMWAL_SWEEP_WINDOW_HOURS", default_value_t = 24)]
    pub sweep_window_hours: u64,
    /// Most orders one sweep looks up (one link-details call each; a link
    /// with more than 10 transactions takes one call per 10).
    #[arg(long, env = "AMWAL_SWEEP_MAX_ORDERS", default_value_t = 50)]
    pub sweep_max_orders: usize,
    /// The embedded sandbox's unit of delivery backoff, in milliseconds:
    /// it retries a failed callback after 2, 4, 8, 16 units, as Amwal does
    /// in seconds. Tests make it short.
    #[arg(long, env = "AMWAL_SANDBOX_RETRY_UNIT_MS", default_value_t = 1_000)]
    pub sandbox_retry_unit_ms: u64,
    /// Where links, orders and idempotency keys live: a SQLite file, or
    /// `postgres://user:password@host/db` for several proxies. Default:
    /// amwal-proxy.sqlite3 with a key, in memory for the sandbox demo.
    #[arg(long, env = "AMWAL_DB")]
    pub db: Option<PathBuf>,
    /// Total time allowed for one call to Amwal (connecting included); keep
    /// it under the widget's `timeout-ms` (10 s by default).
    #[arg(long, env = "AMWAL_UPSTREAM_TIMEOUT_MS", default_value_t = 8_000)]
    pub upstream_timeout_ms: u64,
    /// Send customers' names, phone and e-mail to the browser unmasked
    /// (masked by default: the widget never shows them).
    #[arg(long, env = "AMWAL_SHOW_CONTACTS")]
    pub show_contacts: bool,
    /// Currency of links created here (ISO 4217); Amwal amounts carry none.
    #[arg(long, env = "AMWAL_CURRENCY", default_value = "SAR")]
    pub currency: String,
    /// No line per request on stderr (errors are still logged).
    #[arg(long, env = "AMWAL_NO_ACCESS_LOG")]
    pub no_access_log: bool,
    /// Folder holding index.html and www/pkg (the built widget).
    #[arg(long, env = "AMWAL_SITE_DIR", default_value = default_site_dir())]
    pub site_dir: PathBuf,
}

#[derive(clap::Subcommand, Debug, Clone)]
pub enum Command {
    /// Create a payment link through a running proxy and print its URL and
    /// a QR code (for stores without a website).
    Create(Box<CreateArgs>),
    /// Register this proxy's callback URL with Amwal for the `order.*`
    /// webhooks, store the signing key Amwal hands out (owner-only file)
    /// and print its fingerprint. Uses the server's key, base and
    /// environment settings.
    RegisterWebhook(RegisterArgs),
    /// Run only the Amwal sandbox, as a process of its own, so several
    /// proxies (`--api-base` its URL, `--api-key` its key) share one fake
    /// Amwal as they would share the real one.
    Sandbox(SandboxArgs),
    /// Copy a SQLite store into PostgreSQL (both migrated first; rows
    /// already there are kept, so it can be run again), to move from one
    /// machine to several proxies.
    CopyStore {
        /// The SQLite file.
        #[arg(long)]
        from: PathBuf,
        /// The PostgreSQL URL (`postgres://user:password@host/db`).
        #[arg(long, env = "AMWAL_COPY_TO", hide_env_values = true)]
        to: Secret,
    },
    /// List the links and orders recorded in a proxy's database.
    Orders {
        /// The store the proxy runs with (a SQLite file or a PostgreSQL
        /// URL). Default: the server's --db
        /// (as the config file sets it), else amwal-proxy.sqlite3.
        #[arg(long = "db", id = "orders_db")]
        db: Option<PathBuf>,
    },
}

#[derive(clap::Args, Debug, Clone)]
pub struct SandboxArgs {
    /// Address to listen on.
    #[arg(long = "host", id = "sandbox_host", default_value = "127.0.0.1")]
    pub host: String,
    /// Port to listen on (0 for a free one; the address is printed).
    #[arg(long = "port", id = "sandbox_port", default_value_t = 9090)]
    pub port: u16,
    /// The API key the proxies send (their --api-key). Default: one made up
    /// for this run, printed.
    #[arg(long = "key", env = "AMWAL_SANDBOX_KEY", hide_env_values = true)]
    pub key: Option<Secret>,
    /// A storefront origin allowed to resolve links (as a merchant lists
    /// its domains with Amwal); repeat for several.
    #[arg(long = "storefront-origin", id = "sandbox_origins", required = true)]
    pub storefront_origins: Vec<String>,
    /// Unit of the delivery backoff in milliseconds (Amwal: seconds).
    #[arg(long, default_value_t = 1_000)]
    pub retry_unit_ms: u64,
}

#[derive(clap::Args, Debug, Clone)]
pub struct CreateArgs {
    /// Base URL of the running proxy's API.
    #[arg(long, default_value = "http://127.0.0.1:8080/amwal")]
    pub server: String,
    /// The merchant admin token (printed by the demo at start).
    #[arg(long, env = "AMWAL_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Secret,
    /// Your order id; the link is recorded against it.
    #[arg(long)]
    pub order_id: String,
    /// Amount as a decimal, e.g. 299.99.
    #[arg(long)]
    pub amount: String,
    #[arg(long)]
    pub title: String,
    #[arg(long)]
    pub description: Option<String>,
    /// ISO 4217 code (default: the proxy's currency).
    #[arg(long)]
    pub currency: Option<String>,
    /// Customer's phone, E.164 (e.g. +966501234567).
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub first_name: Option<String>,
    #[arg(long)]
    pub last_name: Option<String>,
    /// Expiry, ISO 8601 (e.g. 2027-01-31T23:59:59Z).
    #[arg(long)]
    pub expires: Option<String>,
    /// Language of Amwal's page: ar or en.
    #[arg(long, default_value = "ar")]
    pub language: String,
    /// Do not have Amwal send the link by SMS.
    #[arg(long)]
    pub no_sms: bool,
    /// Allow the link to be paid more than once.
    #[arg(long)]
    pub multi_use: bool,
    /// Require the customer's address.
    #[arg(long)]
    pub address_required: bool,
    /// https URL for Amwal's payment callbacks.
    #[arg(long)]
    pub callback_url: Option<String>,
    /// Makes a retried command return the same link.
    #[arg(long)]
    pub idempotency_key: Option<String>,
}

#[derive(clap::Args, Debug, Clone)]
pub struct RegisterArgs {
    /// The proxy's public callback URL, e.g. https://shop.example/amwal/callbacks.
    #[arg(long)]
    pub url: String,
    /// Where to store the private key (created with mode 0600; an existing
    /// file is not overwritten).
    #[arg(long, default_value = "amwal-callback-key.pem")]
    pub key_file: PathBuf,
    /// A name for the key in Amwal's portal.
    #[arg(long, default_value = "amwal-proxy")]
    pub name: String,
}

impl Cli {
    /// `--callback-key-file`, or the environment variable of its old name
    /// (`AMWAL_CALLBACK_PUBLIC_KEY_FILE`), so a deployment set up before the
    /// rename keeps verifying.
    pub fn callback_key_path(&self) -> Option<PathBuf> {
        self.callback_key_file.clone().or_else(|| {
            std::env::var_os("AMWAL_CALLBACK_PUBLIC_KEY_FILE")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
    }

    /// Refuses settings that would misroute requests or leak the key.
    pub fn validate(&self) -> Result<(), String> {
        for (name, p) in [
            ("--prefix", &self.prefix),
            ("--sandbox-prefix", &self.sandbox_prefix),
        ] {
            let ok = p.len() > 1
                && p.starts_with('/')
                && !p.ends_with('/')
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"/_-".contains(&b));
            if !ok || ["/pkg", "/demo"].contains(&p.as_str()) {
                return Err(format!(
                    "{name} {p:?} must look like /amwal (and not /pkg or /demo)"
                ));
            }
        }
        if let Some(k) = &self.environment_key {
            let ok = ["sandbox-amwal-", "prod-amwal-"]
                .iter()
                .any(|p| k.len() > p.len() && k.starts_with(p));
            if !ok || !k.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(
                    "--environment-key must look like sandbox-amwal-… or prod-amwal-…".into(),
                );
            }
        }
        if self.prefix == self.sandbox_prefix {
            return Err("--prefix and --sandbox-prefix must differ".into());
        }
        if self.api_key.is_some() {
            let url = url::Url::parse(&self.api_base).map_err(|e| format!("--api-base: {e}"))?;
            if !is_secure(&url) {
                return Err("--api-base must be https: the key would travel in clear text".into());
            }
        }
        Ok(())
    }
}

/// `https`, or plain `http` on this machine: the only place a key may
/// travel without TLS.
pub fn is_secure(url: &url::Url) -> bool {
    amwal_core::loopback::is_secure_or_loopback(url.scheme(), url.host_str())
}

fn default_site_dir() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
}

/// Everything the handlers need, fixed at start.
#[derive(Clone)]
pub struct Settings {
    pub prefix: String,
    pub sandbox_prefix: String,
    /// Some(key) when talking to real Amwal; None runs the sandbox.
    pub api_key: Option<Secret>,
    pub api_base: String,
    pub store_id: String,
    pub storefront_origin: String,
    pub return_origins: Vec<String>,
    pub currency: amwal_core::Currency,
    pub site_dir: PathBuf,
    pub allowed_origins: Vec<String>,
    pub trust_forwarded_for: bool,
    pub admin_token: Option<Secret>,
    /// Verifies callback signatures; `None` takes unsigned callbacks as
    /// hints (an order still moves only as Amwal's record says).
    pub callback_key: Option<crate::amwal::CallbackKey>,
    /// Compared with a webhook's `X-API-Key`, when set.
    pub webhook_fingerprint: Option<String>,
    pub sweep: Sweep,
    /// How stored callbacks are tried again.
    pub callback_retry: crate::store::events::RetryRules,
    pub show_contacts: bool,
    pub trust_any_link: bool,
    /// Whether the demo storefront's pages are served.
    pub demo_site: bool,
    /// The body's time and the whole request's.
    pub timeouts: crate::guards::timeouts::Timeouts,
}

/// The periodic sweep of orders no callback settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sweep {
    /// `None`: off.
    pub every: Option<std::time::Duration>,
    pub window_secs: u64,
    pub max_orders: usize,
}
