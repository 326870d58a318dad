//! `amwal-proxy register-webhook`: the merchant's one-time setup with Amwal.

use crate::amwal::wire::{WebhookRegistration, WEBHOOK_EVENTS};
use crate::amwal::{CallbackKey, Upstream};
use crate::config::{Cli, RegisterArgs};

/// `amwal-proxy register-webhook`: registers the callback URL with Amwal
/// (or any Amwal-compatible API at `--api-base`), writes the private key it
/// hands out to an owner-only file, and prints the settings to use.
pub async fn register_webhook(cli: &Cli, args: &RegisterArgs) -> Result<String, String> {
    let key = cli
        .api_key
        .as_ref()
        .ok_or("register-webhook needs the Amwal secret key (AMWAL_API_KEY)")?;
    cli.validate()?;
    let url = url::Url::parse(&args.url).map_err(|e| format!("--url: {e}"))?;
    if !crate::config::is_secure(&url) {
        return Err("--url must be https (plain http only on this machine)".into());
    }
    if args.key_file.exists() {
        return Err(format!(
            "{} exists: move it away first (Amwal shows a key once; this one may be in use)",
            args.key_file.display()
        ));
    }
    let upstream = Upstream::new(
        &cli.api_base,
        key,
        cli.storefront_origin.as_deref().unwrap_or_default(),
        std::time::Duration::from_millis(cli.upstream_timeout_ms.max(100)),
    )?
    .with_environment_key(cli.environment_key.clone());
    let issued = upstream
        .register_webhook(&WebhookRegistration {
            url: url.to_string(),
            description: "amwal-proxy callbacks".into(),
            event_type_names: WEBHOOK_EVENTS.iter().map(|e| (*e).to_owned()).collect(),
            api_key_name: args.name.clone(),
            api_key_scopes: vec!["trigger_events".into(), "manage_webhooks".into()],
        })
        .await
        .map_err(|e| format!("registration failed: {e}"))?;
    // Refuse a key the proxy could not use before writing it anywhere.
    CallbackKey::from_pem(&issued.api_key.private_key).map_err(|e| e.to_string())?;
    write_owner_only(&args.key_file, issued.api_key.private_key.as_bytes())?;
    Ok(format!(
        "webhook {} registered for {}\nsigning key written to {} (owner-only)\n\
         fingerprint: {}\n\nstart the proxy with:\n  --callback-key-file {} --webhook-fingerprint {}\n",
        issued.webhook.id,
        issued.webhook.url,
        args.key_file.display(),
        issued.api_key.fingerprint,
        args.key_file.display(),
        issued.api_key.fingerprint
    ))
}

/// Creates `path` with mode 0600 (never over an existing file).
fn write_owner_only(path: &std::path::Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("{}: {e}", path.display()))
}
