//! Browser tests of the line in headless Chromium: the price's exact split
//! in one line, in both languages, live on `update`, eligibility, bad
//! prices, the dialog, the events, and never a network call.

use crate::{mount, MessageLine};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn doc() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("document")
}

fn options(pairs: &[(&str, &str)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &(*k).into(), &(*v).into()).expect("set");
    }
    o.into()
}

struct Mounted {
    host: Element,
    root: Element,
    line: MessageLine,
    events: js_sys::Array,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.line.destroy();
        self.host.remove();
    }
}

/// Mounts into a fresh element, recording the events it sends.
fn line_with(pairs: &[(&str, &str)]) -> Mounted {
    let host = doc().create_element("div").expect("div");
    doc()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("attached");
    let events = js_sys::Array::new();
    js_sys::Function::new_with_args(
        "el, log",
        "for (const n of ['amwal-ready', 'amwal-error'])
           el.addEventListener(n, (e) => log.push(n + ' ' + JSON.stringify(e.detail)));",
    )
    .call2(&JsValue::NULL, &host, &events)
    .expect("listening");
    let root = doc().create_element("div").expect("div");
    host.append_child(&root).expect("attached");
    let line = mount(root.clone(), options(pairs)).expect("mounted");
    Mounted {
        host,
        root,
        line,
        events,
    }
}

/// Text with `Intl`'s no-break spaces as plain spaces.
fn text(m: &Mounted) -> String {
    m.root
        .text_content()
        .unwrap_or_default()
        .replace('\u{a0}', " ")
}

fn events(m: &Mounted) -> Vec<String> {
    m.events.iter().filter_map(|v| v.as_string()).collect()
}

fn find(m: &Mounted, selector: &str) -> Option<Element> {
    m.root.query_selector(selector).ok().flatten()
}

fn click(m: &Mounted, selector: &str) {
    find(m, selector)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("present")
        .click();
}

fn calls_fetch() -> bool {
    // A fetch that records: the line must never call one.
    js_sys::Function::new_no_args(
        "globalThis.__fetched = false; globalThis.fetch = async () => { globalThis.__fetched = true; throw new TypeError('no'); };",
    )
    .call0(&JsValue::NULL)
    .expect("stub");
    true
}

fn fetched() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"__fetched".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

#[wasm_bindgen_test]
fn an_even_price_is_n_equal_payments_and_no_call_is_made() {
    assert!(calls_fetch());
    let m = line_with(&[("amount", "300.00"), ("lang", "en")]);
    assert_eq!(
        text(&m),
        "4 payments of SAR 75.00 with Amwal\u{2002}Learn more"
    );
    assert!(!fetched(), "the messaging line never calls anyone");
    assert!(
        find(&m, "[aria-live], [role=status], [role=alert]").is_none(),
        "no live region: a grid of lines would drown a screen reader"
    );
}

#[wasm_bindgen_test]
fn an_uneven_price_names_the_first_payment_and_counts_the_rest() {
    let m = line_with(&[("amount", "299.99"), ("lang", "en")]);
    assert!(
        text(&m).starts_with("SAR 75.00 today, then 3 monthly payments with Amwal"),
        "{}",
        text(&m)
    );
    let ar = line_with(&[("amount", "299.99"), ("lang", "ar")]);
    assert!(text(&ar).contains("75.00"), "{}", text(&ar));
    assert!(
        text(&ar).contains("اليوم، ثم 3 دفعات شهرية مع أموال"),
        "{}",
        text(&ar)
    );
    let section = find(&ar, "section").expect("section");
    assert_eq!(section.get_attribute("dir").as_deref(), Some("rtl"));
    let even = line_with(&[("amount", "300"), ("lang", "ar"), ("digits", "arab")]);
    assert!(text(&even).starts_with("٤ دفعات بقيمة"), "{}", text(&even));
    assert!(text(&even).contains("اعرف المزيد"), "{}", text(&even));
}

#[wasm_bindgen_test]
fn the_first_plan_listed_is_the_line() {
    let m = line_with(&[
        ("amount", "1200"),
        ("lang", "en"),
        ("installments", "12,3,6"),
    ]);
    assert!(
        text(&m).starts_with("12 payments of SAR 100.00 with Amwal"),
        "{}",
        text(&m)
    );
}

#[wasm_bindgen_test]
fn a_new_amount_rerenders_in_place_and_is_told_once() {
    let mut m = line_with(&[("amount", "299.99"), ("lang", "en")]);
    let before = find(&m, ".line").expect("line");
    m.line
        .update(options(&[("amount", "100.00"), ("lang", "en")]))
        .expect("update");
    assert!(
        text(&m).starts_with("4 payments of SAR 25.00"),
        "{}",
        text(&m)
    );
    let after = find(&m, ".line").expect("line");
    assert!(
        before.is_same_node(Some(&after)),
        "the same line, not a new one"
    );
    m.line
        .update(options(&[("amount", "100.00"), ("lang", "ar")]))
        .expect("same amount, another language");
    assert_eq!(
        events(&m),
        [
            r#"amwal-ready {"status":"eligible","amount":29999,"currency":"SAR","installments":4}"#,
            r#"amwal-ready {"status":"eligible","amount":10000,"currency":"SAR","installments":4}"#,
        ]
    );
}

#[wasm_bindgen_test]
fn outside_the_bounds_it_explains_or_hides() {
    let with = |amount: &'static str, extra: &[(&'static str, &'static str)]| {
        let mut all = vec![
            ("amount", amount),
            ("lang", "en"),
            ("minAmount", "100"),
            ("maxAmount", "5000"),
        ];
        all.extend_from_slice(extra);
        line_with(&all)
    };
    assert_eq!(
        text(&with("99.99", &[])),
        "Installments are available for orders of SAR 100.00 or more."
    );
    assert_eq!(
        text(&with("5000.01", &[])),
        "Installments are available for orders up to SAR 5,000.00."
    );
    let hidden = with("99.99", &[("whenIneligible", "hide")]);
    assert_eq!(text(&hidden), "", "nothing shown");
    assert_eq!(
        events(&hidden),
        [r#"amwal-ready {"status":"ineligible","amount":9999,"currency":"SAR","installments":4}"#]
    );
}

#[wasm_bindgen_test]
fn a_bad_amount_shows_nothing_and_says_why() {
    for bad in ["1,299.00", "29.999", "0", "abc", "0.03"] {
        let m = line_with(&[("amount", bad), ("lang", "en")]);
        assert_eq!(text(&m), "", "{bad} shows nothing");
        assert_eq!(
            events(&m),
            [r#"amwal-error {"status":"error","code":"invalid_amount"}"#],
            "{bad}"
        );
    }
    let m = line_with(&[("amount", "10"), ("theme", "neon")]);
    assert_eq!(text(&m), "");
    assert_eq!(
        events(&m),
        [r#"amwal-error {"status":"error","code":"misconfigured"}"#]
    );
}

#[wasm_bindgen_test]
async fn learn_more_opens_a_dialog_with_every_plan_that_follows_the_price() {
    let mut m = line_with(&[
        ("amount", "299.99"),
        ("lang", "en"),
        ("installments", "3,6"),
        ("termsUrl", "https://shop.example/terms"),
    ]);
    click(&m, "button.line");
    TimeoutFuture::new(20).await;
    let dialog: web_sys::HtmlDialogElement = find(&m, "dialog")
        .and_then(|d| d.dyn_into().ok())
        .expect("a dialog");
    assert!(dialog.open(), "shown");
    let shown = dialog
        .text_content()
        .unwrap_or_default()
        .replace('\u{a0}', " ");
    assert!(shown.contains("Pay in 3 payments"), "{shown}");
    assert!(shown.contains("Pay in 6 payments"), "{shown}");
    // 299.99 / 3 = 100.00, 100.00, 99.99; / 6 = 50.00 ×5, 49.99.
    assert!(
        shown.contains("SAR 99.99") && shown.contains("SAR 49.99"),
        "{shown}"
    );
    assert!(shown.contains("Estimated schedule"), "{shown}");
    assert!(shown.contains("Terms apply"), "{shown}");
    m.line
        .update(options(&[
            ("amount", "600"),
            ("lang", "en"),
            ("installments", "3,6"),
        ]))
        .expect("update");
    let shown = dialog
        .text_content()
        .unwrap_or_default()
        .replace('\u{a0}', " ");
    assert!(
        shown.contains("SAR 200.00") && shown.contains("SAR 100.00"),
        "{shown}"
    );
    click(&m, "button.close");
    TimeoutFuture::new(20).await;
    assert!(find(&m, "dialog").is_none(), "closed");
    let active = doc()
        .active_element()
        .and_then(|a| a.get_attribute("class"));
    assert_eq!(active.as_deref(), Some("line"), "focus back on the line");
}

#[wasm_bindgen_test]
fn the_riyal_sign_is_drawn_when_asked_for() {
    let m = line_with(&[("amount", "300"), ("lang", "ar"), ("riyalSign", "symbol")]);
    let sign = find(&m, "svg.riyal").expect("drawn");
    assert_eq!(
        sign.get_attribute("aria-label").as_deref(),
        Some("ريال سعودي")
    );
}
