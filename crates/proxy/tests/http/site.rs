//! The demo storefront and the widget's files as the proxy serves them:
//! MIME types, CORS for a CDN-style origin, caching, precompressed copies.

use crate::support::client;

use amwal_proxy::config::Cli;
use amwal_proxy::{start, Running};
use clap::Parser;

/// The proxy with a small site of its own: a page, a wasm, a versioned
/// script and its brotli copy. The directory goes when the test's `TempDir`
/// does.
async fn server(extra: &[&str]) -> (Running, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp site");
    let site = dir.path().to_path_buf();
    std::fs::create_dir_all(site.join("www/pkg")).expect("temp site");
    std::fs::write(
        site.join("index.html"),
        "<amwal-installments></amwal-installments>",
    )
    .expect("index");
    std::fs::write(site.join("www/pkg/w.wasm"), b"\0asm\x01\0\0\0").expect("wasm");
    std::fs::create_dir_all(site.join("www/dist/amwal-installments/9.9.9")).expect("dist");
    std::fs::write(
        site.join("www/dist/amwal-installments/9.9.9/amwal-installments.js"),
        "export {};",
    )
    .expect("script");
    std::fs::write(
        site.join("www/dist/amwal-installments/9.9.9/amwal-installments.js.br"),
        b"brotli bytes",
    )
    .expect("compressed script");
    let site = site.to_string_lossy().into_owned();
    let mut args = vec!["amwal-proxy", "--port", "0", "--site-dir", &site];
    args.extend_from_slice(extra);
    let running = start(Cli::parse_from(args)).await.expect("server starts");
    (running, dir)
}

fn origin(r: &Running) -> String {
    format!("http://{}", r.addr)
}

#[tokio::test]
async fn serves_the_storefront_and_wasm_with_its_mime_type() {
    let (r, _site) = server(&[]).await;
    let link = r.demo_link.expect("demo link");
    let page = client()
        .get(format!("{}/?link={link}", origin(&r)))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status().as_u16(), 200);
    assert!(page
        .text()
        .await
        .expect("text")
        .contains("<amwal-installments>"));
    let wasm = client()
        .get(format!("{}/pkg/w.wasm", origin(&r)))
        .send()
        .await
        .expect("wasm");
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    // Loadable from another origin, as from a CDN.
    assert_eq!(wasm.headers()["access-control-allow-origin"], "*");
    assert_eq!(
        wasm.headers()["cross-origin-resource-policy"],
        "cross-origin"
    );
    // The versioned script-tag build, as a CDN serves it: cacheable for good.
    let script = client()
        .get(format!(
            "{}/dist/amwal-installments/9.9.9/amwal-installments.js",
            origin(&r)
        ))
        .send()
        .await
        .expect("script");
    assert_eq!(script.status().as_u16(), 200);
    assert_eq!(script.headers()["content-type"], "text/javascript");
    assert_eq!(script.headers()["access-control-allow-origin"], "*");
    assert_eq!(
        script.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(wasm.headers()["cache-control"], "no-cache");
    // The build's precompressed copy, to a browser that takes brotli.
    let compressed = client()
        .get(format!(
            "{}/dist/amwal-installments/9.9.9/amwal-installments.js",
            origin(&r)
        ))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .expect("script");
    assert_eq!(compressed.headers()["content-encoding"], "br");
    assert_eq!(compressed.headers()["content-type"], "text/javascript");
    assert_eq!(
        compressed.bytes().await.expect("body").as_ref(),
        b"brotli bytes"
    );
    // A file not (yet) there is not cached for a year.
    let missing = client()
        .get(format!(
            "{}/dist/amwal-installments/9.9.9/missing.js",
            origin(&r)
        ))
        .send()
        .await
        .expect("404");
    assert_eq!(missing.status().as_u16(), 404);
    assert!(missing.headers().get("cache-control").is_none());
    // Without a link, the sandbox demo hands out one no page has opened:
    // here the one made at start.
    let fresh = client()
        .get(format!("{}/", origin(&r)))
        .send()
        .await
        .expect("redirect");
    assert_eq!(fresh.status().as_u16(), 303);
    let to = fresh.headers()["location"].to_str().expect("location");
    assert!(to.starts_with("/?link="), "{to}");
    assert_eq!(to, format!("/?link={link}"));
}

#[tokio::test]
async fn storefront_visits_that_never_open_their_link_make_no_new_ones() {
    let r = crate::support::sandbox_proxy(&[]).await;
    let origin = format!("http://{}", r.addr);
    let visit = || async {
        let resp = crate::support::client()
            .get(format!("{origin}/"))
            .send()
            .await
            .expect("visited");
        assert_eq!(resp.status().as_u16(), 303, "redirected to a link");
        let to = resp.headers()["location"]
            .to_str()
            .expect("ascii")
            .to_owned();
        to.rsplit("link=").next().expect("link").to_owned()
    };
    let first = visit().await;
    let made = r.state.links.count().await.expect("count");
    for _ in 0..30 {
        assert_eq!(
            visit().await,
            first,
            "the unopened link is handed out again"
        );
    }
    assert_eq!(r.state.links.count().await, Ok(made), "no new link");
    // Once a page has opened it (resolved), the next visitor gets a new one.
    let opened = crate::support::client()
        .post(format!("{}/payment_links/{first}/resolve", r.proxy))
        .json(&serde_json::json!({}))
        .send()
        .await
        .expect("resolved");
    assert_eq!(opened.status().as_u16(), 200);
    assert_ne!(visit().await, first);
}
