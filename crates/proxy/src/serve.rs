//! Assembles the router, binds the listener and runs the server.

use crate::amwal::wire::{WebhookRegistration, WEBHOOK_EVENTS};
use crate::amwal::{CallbackKey, Upstream};
use crate::api::create::{self, IdempotencyCache, NewLink};
use crate::api::{self as routes, callbacks};
use crate::config::secret::Secret;
use crate::config::Sweep;
use crate::config::{Cli, Settings};
use crate::demo::site;
use crate::error::AppError;
use crate::guards::{self, RateLimiter};
use crate::orders::sweep;
use crate::sandbox::Sandbox;
use crate::store::LinkStore;
use crate::telemetry::metrics::{self, Metrics};
use amwal_core::api::codes;
use amwal_core::{Currency, LinkId};
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;

#[derive(Clone)]
pub struct AppState {
    pub settings: Arc<Settings>,
    pub upstream: Upstream,
    pub links: LinkStore,
    pub limiter: RateLimiter,
    pub idempotency: IdempotencyCache,
    pub metrics: Metrics,
}

/// Largest request body the proxy reads (a resolve body is well under 1 KiB).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// A started server and the URLs it prints.
pub struct Running {
    pub addr: SocketAddr,
    pub storefront: String,
    pub proxy: String,
    pub sandbox: Option<String>,
    pub demo_link: Option<LinkId>,
    /// API calls the embedded sandbox received (None against real Amwal).
    pub sandbox_calls: Option<Arc<AtomicUsize>>,
    /// The embedded sandbox itself (its callback key, for tests and the demo).
    pub embedded: Option<Sandbox>,
    pub state: AppState,
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
    /// The periodic sweep of open orders, unless turned off.
    pub sweep: Option<tokio::task::JoinHandle<()>>,
}

/// The whole server: the proxy's API under `--prefix`, the demo storefront
/// and, when running against it, the embedded sandbox.
pub fn app(state: AppState, sandbox: Option<Sandbox>) -> Router {
    let mut router = Router::new()
        .nest(&state.settings.prefix, api_routes(&state))
        .merge(site::router(&state).with_state(state.clone()));
    if let Some(sb) = sandbox {
        router = router.nest(&state.settings.sandbox_prefix, sb.router().with_state(()));
    }
    // The site and the sandbox get the same headers and request ids.
    with_common_layers(router, &state)
}

/// The proxy's API alone (resolve, status, callbacks, create, metrics,
/// healthz), to `nest` in a merchant's own axum app at `--prefix`. It
/// carries its own guards, limits, request ids and security headers.
pub fn api_router(state: AppState) -> Router {
    with_common_layers(api_routes(&state), &state)
}

fn api_routes(state: &AppState) -> Router {
    let widget_api = routes::router()
        .layer(from_fn_with_state(state.clone(), guards::origin_guard))
        .layer(from_fn_with_state(state.clone(), guards::rate_limit));
    let admin_api = Router::new()
        .route("/payment_links", post(create::create_link))
        .route(
            "/metrics",
            get(metrics::expose).with_state(state.metrics.clone()),
        )
        .layer(from_fn_with_state(state.clone(), guards::rate_limit));
    // Amwal's deliveries: not counted against the shoppers' rate limit, and
    // a full webhook fits.
    let amwal_api = Router::new()
        .route("/callbacks", post(callbacks::receive))
        .layer(DefaultBodyLimit::max(callbacks::MAX_CALLBACK_BYTES));
    admin_api
        .merge(amwal_api)
        .merge(widget_api)
        .with_state(state.clone())
}

fn with_common_layers(router: Router, state: &AppState) -> Router {
    // The first layer is the innermost: a panic becomes a 500 that is still
    // counted, logged with its request id and given the security headers.
    router
        .layer(CatchPanicLayer::custom(|_| {
            crate::log!("a handler panicked");
            AppError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                codes::INTERNAL,
                "Internal error",
            )
            .into_response()
        }))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(from_fn_with_state(state.metrics.clone(), metrics::track))
        .layer(from_fn(guards::security_headers))
}

/// Binds, builds the state and serves in a background task.
pub async fn start(cli: Cli) -> Result<Running, String> {
    cli.validate()?;
    let ip: IpAddr = cli
        .host
        .parse()
        .map_err(|_| format!("--host {:?} is not an IP address", cli.host))?;
    let listener = TcpListener::bind((ip, cli.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", cli.host, cli.port))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    // What a browser on this machine can open, even when bound to 0.0.0.0.
    let shown_ip = if ip.is_unspecified() {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    } else {
        ip
    };
    let own_origin = format!("http://{}", SocketAddr::new(shown_ip, addr.port()));
    let (state, sandbox) = build(&cli, &own_origin)?;
    let has_sandbox = sandbox.is_some();
    let sandbox_calls = sandbox.as_ref().map(Sandbox::api_calls);
    let embedded = sandbox.clone();
    let router = app(state.clone(), sandbox);
    let task = tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown_signal())
        .await
    });
    let demo_link = if has_sandbox {
        Some(
            create_demo_link(&state)
                .await
                .map_err(|e| format!("demo link: {:?}", e.body))?,
        )
    } else {
        None
    };
    Ok(Running {
        addr,
        storefront: match demo_link {
            Some(link) => format!("{own_origin}/?link={link}"),
            None => format!("{own_origin}/"),
        },
        proxy: format!("{own_origin}{}", cli.prefix),
        sandbox: has_sandbox.then(|| state.settings.api_base.clone()),
        demo_link,
        sandbox_calls,
        embedded,
        sweep: sweep::spawn(state.clone()),
        state,
        task,
    })
}

/// The proxy's state from its settings, without binding anything: what a
/// merchant needs to `nest` [`api_router`] in their own axum app.
/// `own_origin` is where this server is reached (`https://shop.example`);
/// with no API key the sandbox is expected at `{own_origin}{sandbox_prefix}`
/// and returned, for the caller to nest there.
pub fn build(cli: &Cli, own_origin: &str) -> Result<(AppState, Option<Sandbox>), String> {
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
                .map_err(|e| format!("sandbox: {e}"))?
                .with_retry_unit(std::time::Duration::from_millis(cli.sandbox_retry_unit_ms));
            (base, key, Some(sb))
        }
    };
    let callbacks_url = format!("{storefront_origin}{}/callbacks", cli.prefix);
    let (callback_key, webhook_fingerprint) = match (&cli.callback_key_path(), &sandbox) {
        (Some(path), _) => {
            let pem =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let key =
                CallbackKey::from_pem(&pem).map_err(|e| format!("{}: {e}", path.display()))?;
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
                .map_err(|_| "sandbox: webhook registration failed".to_owned())?;
            let key = CallbackKey::from_pem(&issued.api_key.private_key)
                .map_err(|e| format!("sandbox: {e}"))?;
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
    let mut return_origins = vec![storefront_origin.clone()];
    return_origins.extend(cli.return_origins.iter().filter(|o| !o.is_empty()).cloned());
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
        show_contacts: cli.show_contacts,
        trust_any_link: cli.trust_any_link,
    };
    // The sandbox forgets its links on restart, so its demo keeps none either.
    let db_path = cli.db.clone().unwrap_or_else(|| {
        if sandbox.is_some() {
            ":memory:".into()
        } else {
            "amwal-proxy.sqlite3".into()
        }
    });
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
        links: LinkStore::open(&db_path).map_err(|e| format!("{}: {e}", db_path.display()))?,
        limiter: RateLimiter::new(cli.rate_limit.max(1)),
        idempotency: IdempotencyCache::default(),
        metrics: Metrics::new(!cli.no_access_log, cli.trust_forwarded_for),
    };
    Ok((state, sandbox))
}

static DEMO_ORDERS: AtomicU64 = AtomicU64::new(1001);
const MAX_DEMO_LINKS: usize = 10_000;

/// Creates a demo link upstream (the sandbox) and records it as this store's.
pub async fn create_demo_link(st: &AppState) -> Result<LinkId, AppError> {
    // Anyone who can open the storefront can make demo links: bound them.
    if st.links.len() >= MAX_DEMO_LINKS {
        return Err(AppError::new(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            amwal_core::api::codes::UPSTREAM_UNAVAILABLE,
            "Too many demo links; restart the demo",
        ));
    }
    let order = DEMO_ORDERS.fetch_add(1, Ordering::Relaxed);
    let new = NewLink {
        order_id: order.to_string(),
        amount: "299.99".into(),
        currency: None,
        title: format!("Order #{order} · Wireless headphones"),
        description: Some("Noise-cancelling, black".into()),
        single_use: true,
        selected_date: None,
        client_phone_number: Some("+966501234567".into()),
        client_email: Some("ahmed@example.com".into()),
        client_first_name: Some("Ahmed".into()),
        client_last_name: None,
        address_required: false,
        language: "en".into(),
        send_sms: false,
        // The demo's sandbox reports payments to this proxy, signed.
        callback_url: Some(format!(
            "{}{}/callbacks",
            st.settings.storefront_origin, st.settings.prefix
        )),
        metadata: None,
    };
    let (link, _) = create::create_and_record(st, &new).await?;
    Ok(link)
}

/// Ctrl-C or SIGTERM: stop accepting, finish the requests in flight.
async fn shutdown_signal() {
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// No route of the proxy can panic on purpose, so this one is planted
    /// behind the same layers, on a real listener.
    #[tokio::test]
    async fn a_panicking_handler_answers_a_typed_500_and_the_server_goes_on() {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let origin = format!("http://{}", listener.local_addr().expect("addr"));
        let (state, _) = build(&Cli::parse_from(["amwal-proxy"]), &origin).expect("built");
        let routes = Router::new()
            .route(
                "/boom",
                get(|| async {
                    if true {
                        panic!("planted");
                    }
                    "unreachable"
                }),
            )
            .route("/fine", get(|| async { "fine" }));
        let app = with_common_layers(routes, &state);
        tokio::spawn(async move { axum::serve(listener, app).await });

        let client = reqwest::Client::new();
        let resp = client
            .get(format!("{origin}/boom"))
            .send()
            .await
            .expect("answered");
        assert_eq!(resp.status().as_u16(), 500);
        assert!(resp.headers().contains_key("x-request-id"));
        assert_eq!(
            resp.headers()
                .get("x-content-type-options")
                .and_then(|v| v.to_str().ok()),
            Some("nosniff")
        );
        let body: serde_json::Value = resp.json().await.expect("JSON body");
        assert_eq!(body["error_code"], codes::INTERNAL);
        assert!(!body.to_string().contains("planted"), "{body}");

        let next = client
            .get(format!("{origin}/fine"))
            .send()
            .await
            .expect("up");
        assert_eq!(next.text().await.expect("text"), "fine");
        assert!(
            state.metrics.render().contains(r#"status="500""#),
            "{}",
            state.metrics.render()
        );
    }
}
