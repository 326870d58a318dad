//! `amwal-proxy`: runs the reference proxy (and, with no key, the sandbox)
//! and prints the URLs to open; `amwal-proxy create …` makes a link.

use amwal_proxy::config::Command;

#[tokio::main]
async fn main() {
    let cli = amwal_proxy::config::file::parse(std::env::args_os().collect())
        .unwrap_or_else(|e| e.exit());
    let done = match &cli.command {
        Some(Command::Create(args)) => Some(amwal_proxy::cli::run(args).await),
        Some(Command::RegisterWebhook(args)) => {
            Some(amwal_proxy::cli::register_webhook(&cli, args).await)
        }
        Some(Command::Sandbox(args)) => Some(amwal_proxy::cli::sandbox(args).await),
        Some(Command::CopyStore { from, to }) => Some(
            amwal_proxy::store::copy::copy_sqlite_to_postgres(from, to.expose())
                .await
                .map(|report| report.to_string())
                .map_err(|e| e.to_string()),
        ),
        Some(Command::Orders { db }) => {
            let db = db.clone().or_else(|| cli.db.clone());
            Some(
                amwal_proxy::cli::orders(&db.unwrap_or_else(|| "amwal-proxy.sqlite3".into())).await,
            )
        }
        None => None,
    };
    match done {
        Some(Ok(text)) => return print!("{text}"),
        Some(Err(e)) => {
            eprintln!("amwal-proxy: {e}");
            std::process::exit(1);
        }
        None => {}
    }
    let running = match amwal_proxy::start(cli.clone()).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("amwal-proxy: {e}");
            std::process::exit(1);
        }
    };
    println!("amwal-proxy listening on {}", running.addr);
    println!("  storefront: {}", running.storefront);
    println!("  proxy:      {}", running.proxy);
    match &running.sandbox {
        Some(url) => println!("  sandbox:    {url}  (embedded; no real money moves)"),
        None => println!("  upstream:   {}", running.state.settings.api_base),
    }
    match &cli.redis_url {
        Some(url) => println!(
            "  rate limits: shared in Redis at {} (prefix {})",
            amwal_proxy::secret::url_for_logs(url.expose()),
            cli.redis_prefix
        ),
        None => println!("  rate limits: counted in this instance (no --redis-url)"),
    }
    let settings = &running.state.settings;
    match (&running.embedded, &settings.webhook_fingerprint) {
        (Some(_), Some(fp)) => println!(
            "  callbacks:  {}{}/callbacks  (registered with the sandbox; key fingerprint {fp})",
            settings.storefront_origin, settings.prefix
        ),
        (None, _) if settings.callback_key.is_none() => {
            println!("  callbacks:  NOT VERIFIED (no --callback-key-file): taken as hints only")
        }
        _ => {}
    }
    // Only a token made up for this run is printed; a configured one never is.
    if cli.admin_token.is_none() {
        if let Some(token) = &running.state.settings.admin_token {
            println!(
                "  admin token for `amwal-proxy create` (this run only): {}",
                token.expose()
            );
        }
    }
    println!("Press Ctrl-C to stop.");
    match running.task.await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            eprintln!("amwal-proxy: server error: {e}");
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("amwal-proxy: server task failed: {e}");
            std::process::exit(1);
        }
    }
}
