//! The messaging line: the price's exact split in one line, in both
//! languages, live on `update`, eligibility, bad prices, the dialog, and
//! never a network call.

use super::*;
use wasm_bindgen::JsValue;

fn message(lang: &str, amount: &str, extra: impl FnOnce(&mut Options)) -> Options {
    let mut o = Options {
        amount: Some(amount.into()),
        lang: Some(lang.into()),
        ..Options::default()
    };
    extra(&mut o);
    o
}

/// The line's text, or "" when it shows nothing.
fn line(m: &Mounted) -> String {
    m.root
        .query_selector(".line")
        .ok()
        .flatten()
        .map(|e| text_of(&e))
        .unwrap_or_default()
}

async fn settled(m: &Mounted) -> String {
    TimeoutFuture::new(30).await;
    line(m)
}

fn update(m: &mut Mounted, opts: &[(&str, &str)]) {
    let o = js_sys::Object::new();
    for (k, v) in opts {
        js_sys::Reflect::set(&o, &(*k).into(), &(*v).into()).expect("set");
    }
    m.widget.update(o.into()).expect("update");
}

#[wasm_bindgen_test]
async fn an_even_price_is_n_equal_payments_and_no_call_is_made() {
    stub_fetch(500, "{}");
    let m = mount_with(message("en", "300.00", |_| {}));
    let text = settled(&m).await;
    assert_eq!(text, "4 payments of SAR 75.00 with Amwal\u{2002}Learn more");
    assert_eq!(call_count(), 0, "the messaging line never calls anyone");
    assert!(
        m.root
            .query_selector("[aria-live]")
            .ok()
            .flatten()
            .is_none(),
        "no live region: a grid of lines would drown a screen reader"
    );
}

#[wasm_bindgen_test]
async fn an_uneven_price_names_the_first_payment_and_counts_the_rest() {
    let m = mount_with(message("en", "299.99", |_| {}));
    assert!(
        settled(&m)
            .await
            .starts_with("SAR 75.00 today, then 3 monthly payments with Amwal"),
        "{}",
        line(&m)
    );
    let ar = mount_with(message("ar", "299.99", |_| {}));
    let text = settled(&ar).await;
    assert!(text.contains("75.00"), "{text}");
    assert!(text.contains("اليوم، ثم 3 دفعات شهرية مع أموال"), "{text}");
    let section = ar
        .root
        .query_selector("section")
        .ok()
        .flatten()
        .expect("section");
    assert_eq!(section.get_attribute("dir").as_deref(), Some("rtl"));
    let even = mount_with(message("ar", "300", |o| o.digits = Some("arab".into())));
    let text = settled(&even).await;
    assert!(text.starts_with("٤ دفعات بقيمة"), "{text}");
    assert!(text.contains("اعرف المزيد"), "{text}");
}

#[wasm_bindgen_test]
async fn the_first_plan_listed_is_the_line() {
    let m = mount_with(message("en", "1200", |o| {
        o.installments = Some("12,3,6".into())
    }));
    assert!(
        settled(&m)
            .await
            .starts_with("12 payments of SAR 100.00 with Amwal"),
        "{}",
        line(&m)
    );
}

#[wasm_bindgen_test]
async fn a_new_amount_rerenders_in_place() {
    let mut m = mount_with(message("en", "300.00", |_| {}));
    settled(&m).await;
    let before = m.root.query_selector(".line").ok().flatten().expect("line");
    update(&mut m, &[("amount", "100.00"), ("lang", "en")]);
    let text = settled(&m).await;
    assert!(text.starts_with("4 payments of SAR 25.00"), "{text}");
    let after = m.root.query_selector(".line").ok().flatten().expect("line");
    assert!(
        before.is_same_node(Some(&after)),
        "the same line, not a new widget"
    );
}

#[wasm_bindgen_test]
async fn outside_the_bounds_it_explains_or_hides() {
    let bounds = |o: &mut Options| {
        o.min_amount = Some("100".into());
        o.max_amount = Some("5000".into());
    };
    let m = mount_with(message("en", "99.99", bounds));
    assert_eq!(
        settled(&m).await,
        "Installments are available for orders of SAR 100.00 or more."
    );
    let m = mount_with(message("en", "5000.01", bounds));
    assert_eq!(
        settled(&m).await,
        "Installments are available for orders up to SAR 5,000.00."
    );
    let hidden = mount_with(message("en", "99.99", |o| {
        bounds(o);
        o.when_ineligible = Some("hide".into());
    }));
    settled(&hidden).await;
    assert_eq!(text_of(&hidden.root), "", "nothing shown");
}

/// Records the element's events as "name detail-json" lines.
fn record_events(el: &Element) -> js_sys::Array {
    let log = js_sys::Array::new();
    js(
        "el, log",
        "for (const n of ['amwal-ready', 'amwal-error'])
           el.addEventListener(n, (e) => log.push(n + ' ' + JSON.stringify(e.detail)));",
    )
    .call2(&JsValue::NULL, el, &log)
    .expect("listening");
    log
}

#[wasm_bindgen_test]
async fn a_bad_amount_shows_nothing_and_says_why() {
    let doc = web_sys::window().and_then(|w| w.document()).expect("doc");
    let host = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&host)
        .expect("attached");
    let log = record_events(&host);
    let root = doc.create_element("div").expect("div");
    host.append_child(&root).expect("attached");
    for bad in ["1,299.00", "29.999", "0", "abc"] {
        let mut w = crate::mount::start(root.clone(), message("en", bad, |_| {}));
        TimeoutFuture::new(30).await;
        assert_eq!(text_of(&root), "", "{bad} shows nothing");
        w.destroy();
    }
    let events: Vec<String> = log.iter().filter_map(|v| v.as_string()).collect();
    assert_eq!(events.len(), 4, "{events:?}");
    assert!(
        events
            .iter()
            .all(|e| e.starts_with("amwal-error ") && e.contains("\"code\":\"invalid_amount\"")),
        "{events:?}"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn ready_carries_the_amount_shown_each_time_it_changes() {
    let doc = web_sys::window().and_then(|w| w.document()).expect("doc");
    let host = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&host)
        .expect("attached");
    let log = record_events(&host);
    let root = doc.create_element("div").expect("div");
    host.append_child(&root).expect("attached");
    let mut m = Mounted {
        widget: crate::mount::start(root.clone(), message("en", "299.99", |_| {})),
        root,
    };
    settled(&m).await;
    update(&mut m, &[("amount", "450"), ("lang", "en")]);
    settled(&m).await;
    let events: Vec<String> = log.iter().filter_map(|v| v.as_string()).collect();
    assert_eq!(
        events,
        [
            r#"amwal-ready {"status":"eligible","amount":29999,"currency":"SAR","installments":4}"#,
            r#"amwal-ready {"status":"eligible","amount":45000,"currency":"SAR","installments":4}"#,
        ]
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn learn_more_opens_a_dialog_with_every_plan() {
    let m = mount_with(message("en", "299.99", |o| {
        o.installments = Some("3,6".into());
        o.terms_url = Some("https://shop.example/terms".into());
    }));
    settled(&m).await;
    button(&m, "button.line").click();
    TimeoutFuture::new(30).await;
    let dialog: web_sys::HtmlDialogElement = m
        .root
        .query_selector("dialog")
        .ok()
        .flatten()
        .and_then(|d| d.dyn_into().ok())
        .expect("a dialog");
    assert!(dialog.open(), "shown");
    let text = text_of(&dialog);
    assert!(text.contains("Pay in 3 payments"), "{text}");
    assert!(text.contains("Pay in 6 payments"), "{text}");
    // 299.99 / 3 = 100.00, 100.00, 99.99; / 6 = 50.00 ×5, 49.99.
    assert!(
        text.contains("SAR 99.99") && text.contains("SAR 49.99"),
        "{text}"
    );
    assert!(text.contains("Estimated schedule"), "{text}");
    assert!(text.contains("Terms apply"), "{text}");
    button(&m, "button.close").click();
    TimeoutFuture::new(30).await;
    assert!(
        m.root.query_selector("dialog").ok().flatten().is_none(),
        "closed"
    );
}
