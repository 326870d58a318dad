//! A counter and one fetch: the smallest Yew app that does what a widget
//! does at all (render, handle a click, call a server and read its JSON),
//! on the design card's crates: HTTP through gloo-net, the JSON decoded by
//! serde-wasm-bindgen into one small serde struct.
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// The proxy's error shape, which the request below gets.
#[derive(Deserialize)]
struct Answer {
    error: String,
    #[serde(default)]
    error_code: Option<String>,
}

async fn ask() -> Option<Answer> {
    let resp = gloo_net::http::Request::get("/amwal/transactions/x")
        .send()
        .await
        .ok()?;
    let json = web_sys::Response::from(resp).json().ok()?;
    let json = wasm_bindgen_futures::JsFuture::from(json).await.ok()?;
    serde_wasm_bindgen::from_value(json).ok()
}

#[function_component]
fn App() -> Html {
    let count = use_state(|| 0u32);
    let answer = use_state(String::new);
    {
        let answer = answer.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                answer.set(match ask().await {
                    Some(a) => format!("{} {}", a.error, a.error_code.unwrap_or_default()),
                    None => "no answer".into(),
                });
            });
        });
    }
    let onclick = {
        let count = count.clone();
        move |_| count.set(*count + 1)
    };
    html! {
        <div>
            <button {onclick}>{ "+1" }</button>
            <p>{ *count }</p>
            <p class="answer">{ (*answer).clone() }</p>
        </div>
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    // Into `#app` when the page has one (the first-render benchmark's page),
    // else the body.
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
