//! The router: the proxy's API under its prefix, the demo storefront and
//! the embedded sandbox, each route with the guards that apply to it, and
//! the layers every answer gets.

use crate::api::{self, callbacks, create};
use crate::demo::site;
use crate::error::AppError;
use crate::guards;
use crate::sandbox::Sandbox;
use crate::state::AppState;
use crate::telemetry::access_log;
use amwal_core::api::codes;
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest request body the proxy reads (a resolve body is well under 1 KiB).
pub const MAX_BODY_BYTES: usize = crate::guards::timeouts::SMALL_BODY;

/// The whole server: the proxy's API under `--prefix`, the demo storefront
/// and, when running against it, the embedded sandbox.
pub fn app(state: AppState, sandbox: Option<Sandbox>) -> Router {
    let mut router = Router::new()
        .nest(&state.settings.prefix, api_routes(&state))
        .merge(site::router(&state).with_state(state.clone()));
    if let Some(sb) = sandbox {
        router = router.nest(&state.settings.sandbox_prefix, sb.router().with_state(()));
    }
    let router = router
        .fallback(|| async { AppError::new(StatusCode::NOT_FOUND, codes::NOT_FOUND, "Not found") });
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
    let widget_api = api::router()
        .layer(from_fn_with_state(
            guards::AllowedOrigins(state.settings.allowed_origins.clone().into()),
            guards::origin_guard,
        ))
        .layer(from_fn_with_state(state.client_limit(), guards::rate_limit));
    let admin_api = Router::new()
        .route("/payment_links", post(create::create_link))
        .route("/metrics", get(api::metrics))
        .layer(from_fn_with_state(state.client_limit(), guards::rate_limit));
    // Amwal's deliveries: not counted against the shoppers' rate limit but
    // against a budget of their own, and a full webhook fits.
    let amwal_api = Router::new()
        .route("/callbacks", post(callbacks::receive))
        .layer(DefaultBodyLimit::max(callbacks::MAX_CALLBACK_BYTES))
        .layer(from_fn_with_state(
            state.limiter.clone(),
            guards::callback_budget,
        ));
    admin_api
        .merge(amwal_api)
        .merge(widget_api)
        .with_state(state.clone())
        .layer(from_fn(guards::json_errors::json_errors))
        // A shopper's transaction, or an error about it: never kept by a
        // browser or a shared cache.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

pub(crate) fn with_common_layers(router: Router, state: &AppState) -> Router {
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
        .layer(from_fn_with_state(
            state.settings.timeouts,
            guards::timeouts::time_limits,
        ))
        .layer(from_fn_with_state(state.metrics.clone(), access_log::track))
        .layer(from_fn(guards::security_headers))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Cli;
    use crate::state::build;
    use clap::Parser;
    use tokio::net::TcpListener;

    /// No route of the proxy can panic on purpose, so this one is planted
    /// behind the same layers, on a real listener.
    #[tokio::test]
    async fn a_panicking_handler_answers_a_typed_500_and_the_server_goes_on() {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let origin = format!("http://{}", listener.local_addr().expect("addr"));
        let (state, _) = build(&Cli::parse_from(["amwal-proxy"]), &origin)
            .await
            .expect("built");
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
