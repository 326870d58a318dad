//! Command line and environment configuration, and the settings derived
//! from it once the listening port is known.

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
    /// Currency of links created here (ISO 4217); Amwal amounts carry none.
    #[arg(long, env = "AMWAL_CURRENCY", default_value = "SAR")]
    pub currency: String,
    /// Folder holding index.html and www/pkg (the built widget).
    #[arg(long, env = "AMWAL_SITE_DIR", default_value = default_site_dir())]
    pub site_dir: PathBuf,
}

impl Cli {
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
        if self.prefix == self.sandbox_prefix {
            return Err("--prefix and --sandbox-prefix must differ".into());
        }
        if self.api_key.is_some() {
            let url = url::Url::parse(&self.api_base).map_err(|e| format!("--api-base: {e}"))?;
            let loopback = matches!(url.host_str(), Some("localhost" | "127.0.0.1"));
            if url.scheme() != "https" && !loopback {
                return Err("--api-base must be https: the key would travel in clear text".into());
            }
        }
        Ok(())
    }
}

fn default_site_dir() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
}

/// Everything the handlers need, fixed at start.
#[derive(Debug, Clone)]
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
}
