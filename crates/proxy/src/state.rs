//! The state every handler shares (settings, Amwal's client, the store,
//! the limiter, metrics), and how it is built from the settings. It knows
//! no handler: the router (`app.rs`) brings the two together.

use crate::amwal::wire::{WebhookRegistration, WEBHOOK_EVENTS};
use crate::amwal::{CallbackKey, Upstream};
use crate::config::{Cli, Settings, Sweep};
use crate::error::StartError;
use crate::guards::timeouts::Timeouts;
use crate::guards::{limiter, Budgets, ClientLimit, Limiter, LocalLimiter, RedisLimiter};
use crate::sandbox::Sandbox;
use crate::secret::Secret;
use crate::store::events::RetryRules;
use crate::store::{LinkStore, Location};
use crate::telemetry::metrics::Metrics;
use amwal_core::Currency;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub settings: Arc<Settings>,
    pub upstream: Upstream,
    pub links: LinkStore,
    /// Shoppers per address, resolves per link, Amwal's deliveries.
    pub limiter: Arc<dyn Limiter>,
    /// Which `X-Forwarded-For` entry from the right is the client (0: the
    /// peer is).
    pub trusted_hops: u8,
    pub metrics: Metrics,
    /// Wakes this instance's callback workers.
    pub inbox: Inbox,
}

/// Wakes this instance's callback workers when a delivery was stored here
/// (others' deliveries they find by looking).
#[derive(Clone, Default)]
pub struct Inbox {
    wake: Arc<tokio::sync::Notify>,
}

impl Inbox {
    pub fn stored(&self) {
        self.wake.notify_one();
    }

    pub async fn woken(&self) {
        self.wake.notified().await;
    }
}

/// The proxy's state from its settings, without binding anything: what a
/// merchant needs to `nest` [`api_router`] in their own axum app.
/// `own_origin` is where this server is reached (`https://shop.example`);
/// with no API key the sandbox is expected at `{own_origin}{sandbox_prefix}`
/// and returned, for the caller to nest there.
pub async fn build(cli: &Cli, own_origin: &str) -> Result<(AppState, Option<Sandbox>), StartError> {
    cli.validate()?;
    let currency = Currency::from_code(&cli.currency).map_err(|_| {
        format!(
            "AMWAL_CURRENCY {:?} is not a known ISO 4217 code",
            cli.currency
        )
    })?;
    let storefront_origin = cli
        .storefront_origin
        .clone()
        .unwrap_or_else(|| own_origin.to_owned());

    let (api_base, api_key, sandbox) = match &cli.api_key {
        Some(key) => (cli.api_base.clone(), key.clone(), None),
        None => {
            let base = format!("{own_origin}{}", cli.sandbox_prefix);
            let key = cli.sandbox_key.clone().unwrap_or_else(|| {
                Secret::new(format!("sandbox-amwal-{}", uuid::Uuid::new_v4().simple()))
            });
            // The store's domain as the sandbox knows it: this server's own
            // origin. Another --storefront-origin is refused, as Amwal
            // refuses a domain it was not asked to allow.
            let sb = Sandbox::new(key.expose(), &base, vec![own_origin.to_owned()])
                .map_err(StartError::Sandbox)?
                .with_retry_unit(std::time::Duration::from_millis(cli.sandbox_retry_unit_ms));
            (base, key, Some(sb))
        }
    };
    let callbacks_url = format!("{storefront_origin}{}/callbacks", cli.prefix);
    let (callback_key, webhook_fingerprint) = match (&cli.callback_key_path(), &sandbox) {
        (Some(path), _) => {
            let pem = std::fs::read_to_string(path).map_err(|e| StartError::Key {
                path: path.clone(),
                why: e.to_string(),
            })?;
            let key = CallbackKey::from_pem(&pem).map_err(|e| StartError::Key {
                path: path.clone(),
                why: e.to_string(),
            })?;
            (Some(key), cli.webhook_fingerprint.clone())
        }
        // The demo registers with its sandbox as a merchant registers with
        // Amwal, and checks signatures with the key it is handed.
        (None, Some(sb)) => {
            let issued = sb
                .register(WebhookRegistration {
                    url: callbacks_url.clone(),
                    description: "amwal-proxy demo".into(),
                    event_type_names: WEBHOOK_EVENTS.iter().map(|e| (*e).to_owned()).collect(),
                    api_key_name: "amwal-proxy demo".into(),
                    api_key_scopes: vec!["trigger_events".into(), "manage_webhooks".into()],
                })
                .map_err(|_| StartError::Sandbox("webhook registration failed".into()))?;
            let key = CallbackKey::from_pem(&issued.api_key.private_key)
                .map_err(|e| StartError::Sandbox(e.to_string()))?;
            (Some(key), Some(issued.api_key.fingerprint))
        }
        (None, None) => {
            crate::log!(
                "WARNING: no --callback-key-file: Amwal's callbacks cannot be verified. \
                 They are taken as hints only (each prompts a fetch of Amwal's record, which decides). \
                 Run `amwal-proxy register-webhook --url {callbacks_url}` to get the key."
            );
            (None, cli.webhook_fingerprint.clone())
        }
    };
    let admin_token = cli.admin_token.clone().or_else(|| {
        // The sandbox demo gets a throwaway token, printed at start.
        sandbox
            .as_ref()
            .map(|_| Secret::new(format!("demo-admin-{}", uuid::Uuid::new_v4().simple())))
    });
    let allowed_origins = if cli.allowed_origins.iter().any(|o| !o.is_empty()) {
        cli.allowed_origins
            .iter()
            .filter(|o| !o.is_empty())
            .cloned()
            .collect()
    } else {
        vec![storefront_origin.clone()]
    };
    // The storefront's origin is allowed whole, unless an entry narrows it
    // to a path.
    let mut return_origins: Vec<String> = cli
        .return_origins
        .iter()
        .filter(|o| !o.is_empty())
        .cloned()
        .collect();
    let storefront = url::Url::parse(&storefront_origin).map(|u| u.origin());
    let narrowed = return_origins
        .iter()
        .any(|entry| url::Url::parse(entry).is_ok_and(|u| Ok(u.origin()) == storefront));
    if !narrowed {
        return_origins.push(storefront_origin.clone());
    }
    let settings = Settings {
        prefix: cli.prefix.clone(),
        sandbox_prefix: cli.sandbox_prefix.clone(),
        api_key: cli.api_key.clone(),
        api_base: api_base.clone(),
        store_id: cli.store_id.clone(),
        storefront_origin: storefront_origin.clone(),
        return_origins,
        currency,
        site_dir: cli.site_dir.clone(),
        allowed_origins,
        trust_forwarded_for: cli.trust_forwarded_for,
        admin_token,
        callback_key,
        webhook_fingerprint,
        sweep: Sweep {
            every: (cli.sweep_every_secs > 0)
                .then(|| std::time::Duration::from_secs(cli.sweep_every_secs)),
            window_secs: cli.sweep_window_hours.saturating_mul(3600),
            max_orders: cli.sweep_max_orders,
        },
        callback_retry: RetryRules {
            unit_ms: cli.callback_retry_unit_ms.max(1),
            for_ms: i64::try_from(cli.callback_retry_secs.saturating_mul(1000)).unwrap_or(i64::MAX),
            lease_ms: i64::try_from(cli.callback_lease_secs.saturating_mul(1000))
                .unwrap_or(i64::MAX),
        },
        show_contacts: cli.show_contacts,
        trust_any_link: cli.trust_any_link,
        demo_site: cli.demo_site || sandbox.is_some(),
        timeouts: Timeouts {
            body: std::time::Duration::from_millis(cli.body_timeout_ms),
            request: std::time::Duration::from_millis(cli.request_timeout_ms),
        },
    };
    // The sandbox forgets its links on restart, so its demo keeps none either.
    let db = Location::from_arg(&cli.db.clone().unwrap_or_else(|| {
        if sandbox.is_some() {
            ":memory:".into()
        } else {
            "amwal-proxy.sqlite3".into()
        }
    }));
    let upstream = Upstream::new(
        &api_base,
        &api_key,
        &storefront_origin,
        std::time::Duration::from_millis(cli.upstream_timeout_ms.max(100)),
    )?
    .with_environment_key(cli.environment_key.clone().or_else(|| {
        // The embedded sandbox is Amwal's sandbox environment.
        sandbox.as_ref().map(|_| "sandbox-amwal-demo".to_owned())
    }));
    let state = AppState {
        settings: Arc::new(settings),
        upstream,
        links: LinkStore::open(&db)
            .await
            .map_err(|error| StartError::Store { at: db, error })?,
        limiter: build_limiter(cli)?,
        trusted_hops: if cli.trust_forwarded_for {
            cli.forwarded_hops
        } else {
            0
        },
        metrics: Metrics::new(!cli.no_access_log, cli.trust_request_id),
        inbox: Inbox::default(),
    };
    Ok((state, sandbox))
}

impl AppState {
    /// The shoppers' per-address limit, as middleware state.
    pub fn client_limit(&self) -> ClientLimit {
        ClientLimit {
            limiter: self.limiter.clone(),
            trusted_hops: self.trusted_hops,
        }
    }
}

/// Shared counters in Redis with `--redis-url` (this process's own while
/// Redis is away), else this process's counters, swept every minute while
/// a runtime runs.
fn build_limiter(cli: &Cli) -> Result<Arc<dyn Limiter>, StartError> {
    let budgets = Budgets {
        per_client: cli.rate_limit,
        per_link: cli.link_rate_limit,
        callbacks: cli.callback_rate_limit,
    };
    let local = Arc::new(LocalLimiter::new(budgets));
    limiter::sweep_periodically(&local, std::time::Duration::from_secs(60));
    Ok(match &cli.redis_url {
        Some(url) => Arc::new(
            RedisLimiter::new(url.expose(), &cli.redis_prefix, budgets, local)
                .map_err(StartError::Settings)?,
        ),
        None => local,
    })
}
