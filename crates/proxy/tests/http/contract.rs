//! The contract: every answer the proxy gives, over real HTTP, is one that
//! `docs/openapi.json` lists for that path and method, with a body its
//! schema accepts; and every documented path is exercised here.

use crate::support::client;

use amwal_proxy::amwal::signature::{canonical_text, Escape};
use amwal_proxy::Running;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::Mutex;

struct Contract {
    doc: Value,
    seen: Mutex<BTreeSet<(String, String, u16)>>,
}

impl Contract {
    fn load() -> Contract {
        let doc = serde_json::from_str(include_str!("../../../../docs/openapi.json"))
            .expect("docs/openapi.json is JSON");
        Contract {
            doc,
            seen: Mutex::new(BTreeSet::new()),
        }
    }

    /// Sends `req`, checks the answer against `path` (a documented
    /// template) and `method`, and returns status and body.
    async fn call(&self, path: &str, method: &str, req: reqwest::RequestBuilder) -> (u16, Value) {
        let resp = req.send().await.expect("answered");
        let status = resp.status().as_u16();
        let kind = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let text = resp.text().await.expect("body");
        let op = &self.doc["paths"][path][method];
        assert!(op.is_object(), "{method} {path} is not in the document");
        let mut documented = &op["responses"][status.to_string()];
        assert!(
            !documented.is_null(),
            "{method} {path} answered {status}, which the document does not list: {text}"
        );
        if let Some(pointer) = documented["$ref"].as_str() {
            documented = self.doc.pointer(&pointer[1..]).expect("$ref resolves");
        }
        let (media, instance) = if kind.starts_with("application/json") {
            let v: Value = serde_json::from_str(&text).expect("JSON body");
            ("application/json", v)
        } else {
            ("text/plain", Value::String(text))
        };
        let schema = &documented["content"][media]["schema"];
        assert!(
            !schema.is_null(),
            "{method} {path} {status}: {kind} is not documented"
        );
        // The schema, with the document's components beside it for $refs.
        let mut root = schema.clone();
        root["components"] = self.doc["components"].clone();
        let validator = jsonschema::validator_for(&root).expect("the schema compiles");
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{method} {path} {status} does not match the document: {errors:?}\n{instance}"
        );
        self.seen
            .lock()
            .expect("lock")
            .insert((path.to_owned(), method.to_owned(), status));
        (status, instance)
    }

    /// Every documented path and method was called at least once.
    fn assert_covered(&self) {
        let seen = self.seen.lock().expect("lock");
        let paths = self.doc["paths"].as_object().expect("paths");
        for (path, ops) in paths {
            for method in ops.as_object().expect("operations").keys() {
                assert!(
                    seen.iter().any(|(p, m, _)| p == path && m == method),
                    "{method} {path} is documented but never exercised"
                );
            }
        }
    }
}

async fn server() -> Running {
    crate::support::sandbox_proxy(&["--upstream-timeout-ms", "600"]).await
}

#[tokio::test]
async fn every_answer_is_one_the_openapi_document_describes() {
    let c = Contract::load();
    let r = server().await;
    let p = &r.proxy;
    let origin = format!("http://{}", r.addr);
    let link = r.demo_link.expect("demo link");
    let resolve = "/payment_links/{id}/resolve";
    let post = |url: String| client().post(url).header("origin", &origin);

    // Resolve: the summary, and each way it is refused.
    let (status, body) = c
        .call(
            resolve,
            "post",
            post(format!("{p}/payment_links/{link}/resolve"))
                .json(&json!({ "customer_context": { "return_url": format!("{origin}/") } })),
        )
        .await;
    assert_eq!(status, 200);
    let tx = body["transaction"]["id"].as_str().expect("tx").to_owned();
    for (url, expected) in [
        (format!("{p}/payment_links/not-a-uuid/resolve"), 400),
        (
            format!("{p}/payment_links/{}/resolve", uuid::Uuid::new_v4()),
            404,
        ),
    ] {
        let (status, _) = c.call(resolve, "post", post(url).json(&json!({}))).await;
        assert_eq!(status, expected);
    }
    let here = format!("{p}/payment_links/{link}/resolve");
    let cases = [
        (
            client()
                .post(&here)
                .header("origin", "https://evil.example")
                .json(&json!({})),
            403,
        ),
        (
            post(here.clone())
                .json(&json!({ "customer_context": { "return_url": "https://evil.example/" } })),
            400,
        ),
        (
            post(here.clone())
                .header("content-type", "text/plain")
                .body("{}"),
            415,
        ),
        (
            post(here.clone())
                .header("content-type", "application/json")
                .body(vec![b' '; 20_000]),
            413,
        ),
    ];
    for (req, expected) in cases {
        let (status, _) = c.call(resolve, "post", req).await;
        assert_eq!(status, expected);
    }

    // Status: found, not a UUID, not ours.
    let status_path = "/transactions/{id}";
    for (id, expected) in [
        (tx.clone(), 200),
        ("a%20b".to_owned(), 400),
        ("txn_67890".to_owned(), 404),
        (uuid::Uuid::new_v4().to_string(), 404),
    ] {
        let (status, _) = c
            .call(
                status_path,
                "get",
                client().get(format!("{p}/transactions/{id}")),
            )
            .await;
        assert_eq!(status, expected, "{id}");
    }

    // Create: the merchant's backend with its token; refused otherwise.
    let token = r
        .state
        .settings
        .admin_token
        .as_ref()
        .expect("demo token")
        .expose()
        .to_owned();
    let order =
        json!({ "order_id": "C-1", "amount": "120.50", "title": "Lamp", "send_sms": false });
    let create = "/payment_links";
    let url = format!("{p}/payment_links");
    let cases = [
        (client().post(&url).bearer_auth(&token).json(&order), 200),
        (client().post(&url).json(&order), 401),
        (
            client()
                .post(&url)
                .bearer_auth(&token)
                .header("origin", &origin)
                .json(&order),
            403,
        ),
        (
            client()
                .post(&url)
                .bearer_auth(&token)
                .json(&json!({ "order_id": "C-2", "amount": "-1", "title": "x" })),
            400,
        ),
    ];
    for (req, expected) in cases {
        let (status, _) = c.call(create, "post", req).await;
        assert_eq!(status, expected);
    }

    // Callbacks: a flat link callback signed over its canonical text, the
    // same unsigned, an order.* webhook Amwal's record does not yet show,
    // and a transaction Amwal does not know.
    let callback = |status: &str, tx: &str| {
        json!({
            "amount": "299.99000", "client_first_name": "Ahmed", "client_last_name": "",
            "payment_link_id": link.to_string(), "payment_option": "Pay In Full",
            "status": status, "transaction_id": tx,
        })
    };
    let sandbox_key = r.embedded.as_ref().expect("sandbox");
    let signed = |body: &Value| {
        let map = body.as_object().expect("object");
        sandbox_key.sign(canonical_text(map, Escape::Ascii).as_bytes())
    };
    let pending = callback("initiated", &tx);
    let early = callback("success", &tx);
    let stranger = callback("success", "txn_67890");
    let webhook = json!({ "event_type": "order.success", "data": { "id": tx, "ref_id": "1001" } })
        .to_string();
    let callbacks = format!("{p}/callbacks");
    let send = |body: String, sig: Option<String>| {
        let mut req = client()
            .post(&callbacks)
            .header("content-type", "application/json")
            .body(body);
        if let Some(s) = sig {
            req = req.header("x-signature", s);
        }
        req
    };
    let fingerprint = r
        .state
        .settings
        .webhook_fingerprint
        .clone()
        .expect("registered");
    let cases = [
        (send(pending.to_string(), Some(signed(&pending))), 200),
        (send(pending.to_string(), None), 401),
        (send("[]".into(), None), 400),
        // Stored, answered at once, then tried until Amwal's record says.
        (send(early.to_string(), Some(signed(&early))), 200),
        (send(stranger.to_string(), Some(signed(&stranger))), 200),
        (
            send(webhook.clone(), Some(sandbox_key.sign(webhook.as_bytes())))
                .header("x-api-key", fingerprint),
            200,
        ),
        (
            send(
                callback("success", "x")
                    .to_string()
                    .replace(&link.to_string(), &uuid::Uuid::new_v4().to_string()),
                None,
            ),
            401,
        ),
    ];
    for (req, expected) in cases {
        let (status, _) = c.call("/callbacks", "post", req).await;
        assert_eq!(status, expected);
    }

    // Health, and metrics for the merchant's token only.
    let (status, _) = c
        .call("/healthz", "get", client().get(format!("{p}/healthz")))
        .await;
    assert_eq!(status, 200);
    let (status, _) = c
        .call("/readyz", "get", client().get(format!("{p}/readyz")))
        .await;
    assert_eq!(status, 200);
    for (req, expected) in [
        (
            client().get(format!("{p}/metrics")).bearer_auth(&token),
            200,
        ),
        (client().get(format!("{p}/metrics")), 401),
    ] {
        let (status, _) = c.call("/metrics", "get", req).await;
        assert_eq!(status, expected);
    }

    // Upstream faults, as the document says they look.
    let sandbox = r.sandbox.as_deref().expect("sandbox");
    for (mode, expected) in [("server_error", 502), ("hang", 504)] {
        let set = client()
            .post(format!("{sandbox}/_behaviour"))
            .json(&json!({ "mode": mode }))
            .send()
            .await
            .expect("behaviour");
        assert_eq!(set.status().as_u16(), 204);
        let (status, _) = c
            .call(resolve, "post", post(here.clone()).json(&json!({})))
            .await;
        assert_eq!(status, expected, "{mode}");
    }
    c.assert_covered();
}
