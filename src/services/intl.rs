//! Amount formatting by the browser's `Intl` (no locale data in the wasm).

use amwal_core::i18n::Lang;
use amwal_core::Money;
use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        // Latin digits by default, as Gulf storefronts mostly show prices.
        Lang::Ar => "ar-SA-u-nu-latn",
    }
}

/// "SAR 299.99" / "‏299.99 ر.س.‏". The exact decimal string goes in, so no
/// float ever touches the amount.
pub fn format_money(m: &Money, lang: Lang) -> String {
    let plain = m.to_decimal_string();
    let opts = Object::new();
    let set = |k: &str, v: &str| Reflect::set(&opts, &k.into(), &v.into()).is_ok();
    if !(set("style", "currency") && set("currency", m.currency.code())) {
        return format!("{} {plain}", m.currency.code());
    }
    let nf = Intl::NumberFormat::new(&Array::of1(&locale(lang).into()), &opts);
    nf.format()
        .call1(&JsValue::NULL, &JsValue::from_str(&plain))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| format!("{} {plain}", m.currency.code()))
}
