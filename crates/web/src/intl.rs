//! Umm al-Qura dates and instants by the browser's `Intl` (no calendar data
//! in the wasm). Amounts, counts and Gregorian dates are `amwal_core::i18n`'s.

use amwal_core::i18n::date::medium;
use amwal_core::i18n::Locale;
use amwal_core::schedule::CivilDate;
use js_sys::{Array, Intl, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// Formatters by kind and locale: building one costs the browser about
    /// a millisecond, and a schedule formats a dozen dates.
    static FORMATTERS: RefCell<Vec<(String, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The formatter for `key`, built by `make` the first time only.
fn cached<T: JsCast>(key: String, make: impl FnOnce() -> T) -> T {
    let hit = FORMATTERS.with(|all| {
        let all = all.borrow();
        all.iter().find(|(k, _)| *k == key).map(|(_, f)| f.clone())
    });
    if let Some(f) = hit {
        return f.unchecked_into();
    }
    let made = make();
    FORMATTERS.with(|all| all.borrow_mut().push((key, made.as_ref().clone())));
    made
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&o, &(*k).into(), &(*v).into());
    }
    o
}

fn locales(locale: &Locale) -> Array {
    Array::of1(&locale.tag().into())
}

/// "Nov 22, 2026" or "٢ جمادى الآخرة ١٤٤٨ هـ", per the locale's calendar:
/// Gregorian dates written by `amwal-core` (no ICU data to load), Umm
/// al-Qura dates by `Intl`.
pub fn date(d: CivilDate, locale: &Locale) -> String {
    if let Some(written) = medium(d, locale) {
        return written;
    }
    // Local noon, so no time zone or DST shift can move the day.
    let js = js_sys::Date::new_with_year_month_day_hr_min_sec(
        u32::try_from(d.year).unwrap_or(1970),
        i32::from(d.month) - 1,
        i32::from(d.day),
        12,
        0,
        0,
    );
    cached(format!("date {}", locale.tag()), || {
        Intl::DateTimeFormat::new(&locales(locale), &options(&[("dateStyle", "medium")]))
    })
    .format()
    .call1(&JsValue::NULL, &js)
    .ok()
    .and_then(|v| v.as_string())
    .unwrap_or_else(|| format!("{}-{:02}-{:02}", d.year, d.month, d.day))
}

/// The shopper's local calendar day.
pub fn today() -> CivilDate {
    let now = js_sys::Date::new_0();
    let month = u8::try_from(now.get_month() + 1).unwrap_or(1);
    let day = u8::try_from(now.get_date()).unwrap_or(1);
    let year = i32::try_from(now.get_full_year()).unwrap_or(1970);
    CivilDate::new(year, month, day).unwrap_or(CivilDate {
        year: 1970,
        month: 1,
        day: 1,
    })
}

/// An ISO 8601 instant ("2025-01-28T12:42:43+03:00") as a local date and
/// time; `None` if the browser cannot read it.
pub fn instant(iso: &str, locale: &Locale) -> Option<String> {
    let d = js_sys::Date::new(&iso.into());
    // An unreadable string gives an invalid Date, whose time is NaN.
    if d.get_time().is_nan() {
        return None;
    }
    cached(format!("instant {}", locale.tag()), || {
        Intl::DateTimeFormat::new(
            &locales(locale),
            &options(&[("dateStyle", "medium"), ("timeStyle", "short")]),
        )
    })
    .format()
    .call1(&JsValue::NULL, &d)
    .ok()
    .and_then(|v| v.as_string())
}
