//! A counter and one fetch: the smallest Yew app that does what a widget
//! does at all (render, handle a click, call a server).
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[function_component]
fn App() -> Html {
    let count = use_state(|| 0u32);
    let answer = use_state(String::new);
    {
        let answer = answer.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let text = match gloo_net::http::Request::get("/amwal/healthz").send().await {
                    Ok(resp) => resp.text().await.unwrap_or_default(),
                    Err(e) => e.to_string(),
                };
                answer.set(text);
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
