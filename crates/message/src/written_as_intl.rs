//! The wasm writes amounts, counts and Gregorian dates itself
//! (`amwal_core::i18n`), so a product page never pays for ICU's locale data.
//! Here the browser's own `Intl` checks every one of them: each currency,
//! both languages, both digit sets, amounts across every grouping boundary,
//! counts and plural categories, every day of four years. A Chromium whose
//! CLDR writes them otherwise fails here.

use amwal_core::i18n::date::medium;
use amwal_core::i18n::number::{count, money, money_parts, Part};
use amwal_core::i18n::{Calendar, Digits, Lang, Locale, Plural};
use amwal_core::money::Currency;
use amwal_core::schedule::{days_in_month, CivilDate};
use amwal_core::Money;
use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn locales() -> Vec<Locale> {
    let mut all = Vec::new();
    for lang in [Lang::En, Lang::Ar] {
        for digits in [Digits::Latin, Digits::ArabicIndic] {
            for calendar in [Calendar::Gregorian, Calendar::UmmAlQura] {
                all.push(Locale {
                    lang,
                    digits,
                    calendar,
                });
            }
        }
    }
    all
}

/// Minor-unit amounts: small ones, each side of every power of ten up to
/// 10^15, and a spread of others from a fixed generator.
fn amounts() -> Vec<u64> {
    let mut all: Vec<u64> = (0..=12).collect();
    for p in 1..=15 {
        let t = 10u64.pow(p);
        all.extend([t - 1, t, t + 1, t + t / 2]);
    }
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..60 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        all.push(x % 10u64.pow(1 + (x % 15) as u32));
    }
    all
}

fn intl_currency(locale: &Locale, code: &str) -> Intl::NumberFormat {
    let o = Object::new();
    Reflect::set(&o, &"style".into(), &"currency".into()).expect("set");
    Reflect::set(&o, &"currency".into(), &code.into()).expect("set");
    Intl::NumberFormat::new(&Array::of1(&locale.tag().into()), &o)
}

fn call(f: &JsValue, this: &JsValue, arg: &JsValue) -> JsValue {
    f.unchecked_ref::<js_sys::Function>()
        .call1(this, arg)
        .expect("Intl formats")
}

#[wasm_bindgen_test]
fn amounts_are_written_as_intl_writes_them() {
    let mut wrong = Vec::new();
    let mut checked = 0;
    for locale in locales() {
        for currency in Currency::all() {
            let nf = intl_currency(&locale, currency.code());
            let to_parts = Reflect::get(&nf, &"formatToParts".into()).expect("formatToParts");
            for minor in amounts() {
                let m = Money { minor, currency };
                let decimal: JsValue = m.to_decimal_string().into();
                let theirs = call(&nf.format(), &JsValue::NULL, &decimal)
                    .as_string()
                    .unwrap_or_default();
                let ours = money(&m, &locale);
                // The currency part is what the riyal sign replaces.
                let their_symbol = Array::from(&call(&to_parts, &nf, &decimal))
                    .iter()
                    .find(|p| Reflect::get(p, &"type".into()).ok() == Some("currency".into()))
                    .and_then(|p| Reflect::get(&p, &"value".into()).ok()?.as_string());
                let our_symbol = money_parts(&m, &locale).into_iter().find_map(|p| match p {
                    Part::Currency(c) => Some(c.to_string()),
                    Part::Text(_) => None,
                });
                if ours != theirs || our_symbol != their_symbol {
                    wrong.push(format!(
                        "{} {} {}: ours {ours:?}, Intl {theirs:?}",
                        locale.tag(),
                        currency.code(),
                        m.to_decimal_string()
                    ));
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 8 * 12 * 100, "only {checked} amounts checked");
    assert!(
        wrong.is_empty(),
        "{} of {checked} differ, e.g. {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(5)]
    );
}

#[wasm_bindgen_test]
fn counts_and_plural_forms_are_intl_s() {
    let mut wrong = Vec::new();
    for locale in locales() {
        let nf = Intl::NumberFormat::new(&Array::of1(&locale.tag().into()), &Object::new());
        let lang = locale.lang.tag();
        let rules = Intl::PluralRules::new(&Array::of1(&lang.into()), &Object::new());
        for n in (0..=250).chain([1000, 1001, 12_345, 1_000_000]) {
            let theirs = call(&nf.format(), &JsValue::NULL, &n.into()).as_string();
            if Some(count(n, &locale)) != theirs {
                wrong.push(format!("{} count {n}: Intl {theirs:?}", locale.tag()));
            }
            let category = rules.select(f64::from(n)).as_string().unwrap_or_default();
            if Plural::of(n, locale.lang) != Plural::from_cldr(&category) {
                wrong.push(format!("{lang} plural {n}: Intl {category}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{:?}", &wrong[..wrong.len().min(5)]);
}

#[wasm_bindgen_test]
fn gregorian_dates_are_intl_s() {
    let mut wrong = Vec::new();
    let mut checked = 0;
    for locale in locales()
        .into_iter()
        .filter(|l| l.calendar == Calendar::Gregorian)
    {
        let o = Object::new();
        Reflect::set(&o, &"dateStyle".into(), &"medium".into()).expect("set");
        let f = Intl::DateTimeFormat::new(&Array::of1(&locale.tag().into()), &o);
        for year in [2026, 2027, 2028, 2099] {
            for month in 1..=12u8 {
                for day in 1..=days_in_month(year, month) {
                    let d = CivilDate { year, month, day };
                    // Local noon, as the widget passes its dates to Intl.
                    let js = js_sys::Date::new_with_year_month_day_hr_min_sec(
                        year as u32,
                        i32::from(month) - 1,
                        i32::from(day),
                        12,
                        0,
                        0,
                    );
                    let theirs = call(&f.format(), &JsValue::NULL, &js).as_string();
                    if medium(d, &locale) != theirs {
                        wrong.push(format!("{} {d:?}: Intl {theirs:?}", locale.tag()));
                    }
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 4 * (365 * 3 + 366));
    assert!(
        wrong.is_empty(),
        "{} differ, e.g. {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(5)]
    );
}
