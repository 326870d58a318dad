//! `amwal-proxy sandbox`: the Amwal sandbox alone, on a port of its own, so
//! several proxies point `--api-base` at one fake Amwal.

use crate::config::SandboxArgs;
use crate::sandbox::Sandbox;
use crate::secret::Secret;
use crate::server::{self, ServerLimits};
use std::time::Duration;
use tokio::net::TcpListener;

/// Serves until Ctrl-C or SIGTERM; prints where and with which key first.
pub async fn sandbox(args: &SandboxArgs) -> Result<String, String> {
    let listener = TcpListener::bind((args.host.as_str(), args.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", args.host, args.port))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let base = format!("http://{addr}");
    let key = args
        .key
        .clone()
        .unwrap_or_else(|| Secret::new(format!("sandbox-amwal-{}", uuid::Uuid::new_v4().simple())));
    let sandbox = Sandbox::new(key.expose(), &base, args.storefront_origins.clone())?
        .with_retry_unit(Duration::from_millis(args.retry_unit_ms));
    println!("amwal sandbox listening on {base}");
    // Only a key made up for this run is printed; a configured one never is.
    if args.key.is_none() {
        println!("  api key (this run only): {}", key.expose());
    }
    println!(
        "  proxies: amwal-proxy --api-base {base} --api-key <key> --storefront-origin {}",
        args.storefront_origins.first().map_or("…", String::as_str)
    );
    let limits = ServerLimits {
        max_connections: 1024,
        header_timeout: Duration::from_secs(5),
        shutdown_grace: Duration::from_secs(5),
    };
    server::serve(
        listener,
        sandbox.router(),
        limits,
        crate::serve::shutdown_signal(),
    )
    .await
    .map_err(|e| e.to_string())?;
    Ok(String::new())
}
