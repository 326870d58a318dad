//! Binds the listener, builds the state and serves until Ctrl-C or SIGTERM.

use crate::app::app;
use crate::config::Cli;
use crate::demo::link::create_demo_link;
use crate::error::StartError;
use crate::orders::{inbox, sweep};
use crate::sandbox::Sandbox;
use crate::server::{self, ServerLimits};
use crate::state::{build, AppState};
use amwal_core::LinkId;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

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
    /// This instance's callback workers; they stop with the server.
    pub inbox: tokio::task::JoinHandle<()>,
}

/// Binds, builds the state and serves in a background task.
pub async fn start(cli: Cli) -> Result<Running, StartError> {
    cli.validate()?;
    let ip: IpAddr = cli
        .host
        .parse()
        .map_err(|_| format!("--host {:?} is not an IP address", cli.host))?;
    let listener = TcpListener::bind((ip, cli.port)).await.map_err(|e| {
        StartError::Listen(format!("cannot listen on {}:{}: {e}", cli.host, cli.port))
    })?;
    let addr = listener
        .local_addr()
        .map_err(|e| StartError::Listen(e.to_string()))?;
    // What a browser on this machine can open, even when bound to 0.0.0.0.
    let shown_ip = if ip.is_unspecified() {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    } else {
        ip
    };
    let own_origin = format!("http://{}", SocketAddr::new(shown_ip, addr.port()));
    let (state, sandbox) = build(&cli, &own_origin).await?;
    let has_sandbox = sandbox.is_some();
    let sandbox_calls = sandbox.as_ref().map(Sandbox::api_calls);
    let embedded = sandbox.clone();
    let router = app(state.clone(), sandbox);
    let limits = ServerLimits {
        max_connections: usize::try_from(cli.max_connections).unwrap_or(usize::MAX),
        header_timeout: Duration::from_millis(cli.header_timeout_ms),
        shutdown_grace: Duration::from_secs(cli.shutdown_grace_secs),
    };
    // One stop for the server and the callback workers.
    let (stop_tx, stop) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown_signal().await;
        let _ = stop_tx.send(true);
    });
    let mut server_stop = stop.clone();
    let task = tokio::spawn(server::serve(listener, router, limits, async move {
        let _ = server_stop.wait_for(|stopped| *stopped).await;
    }));
    let inbox = inbox::spawn(state.clone(), stop);
    let demo_link = if has_sandbox {
        Some(
            create_demo_link(&state)
                .await
                .map_err(|e| StartError::Sandbox(format!("demo link: {:?}", e.body)))?,
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
        inbox,
        state,
        task,
    })
}

/// Ctrl-C or SIGTERM: stop accepting, finish the requests in flight
/// within the grace period.
pub(crate) async fn shutdown_signal() {
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
