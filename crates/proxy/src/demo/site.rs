//! The demo storefront: `index.html` and the built widget bundle.

use crate::demo::link::link_for_visit;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use std::collections::HashMap;
use tower::ServiceBuilder;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The widget's files, always; the demo's pages only in the demo (or with
/// `--demo-site`), never by default beside a real key.
pub fn router(state: &AppState) -> Router<AppState> {
    let site = &state.settings.site_dir;
    let widget = Router::new()
        .nest_service("/pkg", public_files(site.join("www/pkg"), "no-cache"))
        // Versioned paths never change: caches may keep them for a year.
        .nest_service(
            "/dist",
            public_files(site.join("www/dist"), "public, max-age=31536000, immutable"),
        );
    if !state.settings.demo_site {
        return widget;
    }
    widget
        .route("/", get(storefront))
        // No icon: an empty answer rather than a 404 in every console.
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .nest_service("/demo", ServeDir::new(site.join("www/demo")))
}

/// Serves the storefront page. In sandbox mode, a visit without `?link=`
/// gets a demo link no one has opened yet, so the demo can be paid again
/// and again.
async fn storefront(
    State(st): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if !query.contains_key("link") && st.settings.api_key.is_none() {
        return match link_for_visit(&st).await {
            Ok(link) => Redirect::to(&format!("/?link={link}")).into_response(),
            Err(e) => e.into_response(),
        };
    }
    match tokio::fs::read(st.settings.site_dir.join("index.html")).await {
        Ok(bytes) => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], bytes).into_response(),
        Err(e) => {
            crate::log!("index.html not readable: {e}");
            (StatusCode::NOT_FOUND, "storefront page not found").into_response()
        }
    }
}

/// The widget's files, served as a CDN would. ServeDir sends `.wasm` as
/// application/wasm, which streaming compilation requires; module scripts
/// and wasm fetched from another origin need CORS (public files, so `*`).
fn public_files(dir: std::path::PathBuf, cache: &'static str) -> Router {
    let service = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("cross-origin"),
        ))
        // Only on files found: a 404 cached for a year would outlive the upload.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            move |resp: &axum::http::Response<_>| {
                resp.status()
                    .is_success()
                    .then(|| HeaderValue::from_static(cache))
            },
        ))
        // The build writes .br and .gz beside each file: sent when accepted.
        .service(ServeDir::new(dir).precompressed_br().precompressed_gzip());
    Router::new().fallback_service(service)
}
