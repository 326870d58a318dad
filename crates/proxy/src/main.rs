//! `amwal-proxy`: runs the reference proxy (and, with no key, the sandbox)
//! and prints the URLs to open.

use clap::Parser;

#[tokio::main]
async fn main() {
    let cli = amwal_proxy::config::Cli::parse();
    let running = match amwal_proxy::start(cli).await {
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
