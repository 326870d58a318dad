//! Amounts and counts written exactly as the browser's `Intl.NumberFormat`
//! writes them for `en` and `ar-SA` (CLDR), without asking it: the first
//! formatter a page makes loads ICU's locale data, tens of milliseconds of
//! main thread on a phone, once per element type on every product page. A
//! browser test holds these to `Intl` for every currency and locale.

use super::{Digits, Lang, Locale, Plural};
use crate::Money;

/// One piece of a formatted amount.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Text(String),
    /// The currency symbol or code, which the widget may draw itself.
    Currency(&'static str),
}

const NBSP: char = '\u{a0}';
/// RIGHT-TO-LEFT MARK: CLDR's Arabic currency pattern starts with one, and
/// Arabic-script symbols end with one, so the amount reads right to left
/// inside any paragraph.
const RLM: char = '\u{200f}';

/// The symbol CLDR gives a currency in the shopper's language.
fn symbol(code: &str, lang: Lang) -> &'static str {
    let (en, ar) = match code {
        "SAR" => ("SAR", "ر.س."),
        "AED" => ("AED", "د.إ."),
        "QAR" => ("QAR", "ر.ق."),
        "USD" => ("$", "US$"),
        "EUR" => ("€", "€"),
        "GBP" => ("£", "UK£"),
        "EGP" => ("EGP", "ج.م."),
        "KWD" => ("KWD", "د.ك."),
        "BHD" => ("BHD", "د.ب."),
        "OMR" => ("OMR", "ر.ع."),
        "JOD" => ("JOD", "د.أ."),
        "JPY" => ("¥", "JP¥"),
        // `Currency` holds only the codes above (a test walks them all).
        _ => ("XXX", "XXX"),
    };
    match lang {
        Lang::En => en,
        Lang::Ar => ar,
    }
}

pub(super) fn digit(d: u8, digits: Digits) -> char {
    let base = match digits {
        Digits::Latin => '0',
        Digits::ArabicIndic => '\u{660}',
    };
    char::from_u32(base as u32 + u32::from(d % 10)).unwrap_or('0')
}

/// (grouping, decimal) separators. Arabic-Indic digits take the Arabic
/// thousands and decimal signs in either language.
fn separators(digits: Digits) -> (char, char) {
    match digits {
        Digits::Latin => (',', '.'),
        Digits::ArabicIndic => ('\u{66c}', '\u{66b}'),
    }
}

/// Digits of `n`, grouped in threes ("1,234,567").
fn grouped(n: u64, digits: Digits) -> String {
    let plain = n.to_string();
    let (group, _) = separators(digits);
    let mut out = String::with_capacity(plain.len() * 3);
    for (i, d) in plain.bytes().enumerate() {
        if i > 0 && (plain.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(digit(d - b'0', digits));
    }
    out
}

/// The number of an amount, every minor-unit digit shown ("1,234.50").
fn number(m: &Money, digits: Digits) -> String {
    let exp = u32::from(m.currency.exponent());
    let scale = 10u64.pow(exp);
    let mut out = grouped(m.minor / scale, digits);
    if exp > 0 {
        let (_, decimal) = separators(digits);
        out.push(decimal);
        let frac = format!("{:0width$}", m.minor % scale, width = exp as usize);
        out.extend(frac.bytes().map(|d| digit(d - b'0', digits)));
    }
    out
}

fn is_arabic_script(s: &str) -> bool {
    s.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c))
}

/// "SAR 1,234.50", "$1,234.50", "‏1,234.50 ر.س.‏", "‏١٬٢٣٤٫٥٠ US$", as parts.
pub fn money_parts(m: &Money, locale: &Locale) -> Vec<Part> {
    let sym = symbol(m.currency.code(), locale.lang);
    let num = number(m, locale.digits);
    match (locale.lang, locale.digits) {
        (Lang::En, Digits::Latin) => {
            // A code is kept apart from the digits; a sign like $ is not.
            let spaced = sym.bytes().last().is_some_and(|b| b.is_ascii_alphabetic());
            let text = if spaced { format!("{NBSP}{num}") } else { num };
            vec![Part::Currency(sym), Part::Text(text)]
        }
        (Lang::En, Digits::ArabicIndic) => {
            vec![Part::Text(format!("{num}{NBSP}")), Part::Currency(sym)]
        }
        (Lang::Ar, _) => {
            let mut parts = vec![Part::Text(format!("{RLM}{num}{NBSP}")), Part::Currency(sym)];
            if is_arabic_script(sym) {
                parts.push(Part::Text(RLM.to_string()));
            }
            parts
        }
    }
}

/// The amount as one string.
pub fn money(m: &Money, locale: &Locale) -> String {
    money_parts(m, locale)
        .into_iter()
        .map(|p| match p {
            Part::Text(t) => t,
            Part::Currency(c) => c.to_string(),
        })
        .collect()
}

/// A whole number in the shopper's digits ("12", "١٢").
pub fn count(n: u32, locale: &Locale) -> String {
    grouped(u64::from(n), locale.digits)
}

impl Plural {
    /// CLDR's plural category of a whole number: English has one and other;
    /// Arabic has all six.
    pub fn of(n: u32, lang: Lang) -> Plural {
        match lang {
            Lang::En if n == 1 => Plural::One,
            Lang::En => Plural::Other,
            Lang::Ar => match (n, n % 100) {
                (0, _) => Plural::Zero,
                (1, _) => Plural::One,
                (2, _) => Plural::Two,
                (_, 3..=10) => Plural::Few,
                (_, 11..=99) => Plural::Many,
                _ => Plural::Other,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn m(s: &str, code: &str) -> Money {
        Money::parse(s, Currency::from_code(code).expect("known code")).expect("an amount")
    }

    fn at(lang: Lang, digits: Digits) -> Locale {
        Locale {
            lang,
            digits,
            ..Locale::default()
        }
    }

    #[test]
    fn english_puts_a_code_before_the_amount_with_a_no_break_space() {
        let en = at(Lang::En, Digits::Latin);
        assert_eq!(money(&m("1234567.50", "SAR"), &en), "SAR\u{a0}1,234,567.50");
        assert_eq!(money(&m("75", "SAR"), &en), "SAR\u{a0}75.00");
        assert_eq!(money(&m("999.5", "USD"), &en), "$999.50");
        assert_eq!(money(&m("1000.125", "KWD"), &en), "KWD\u{a0}1,000.125");
        assert_eq!(money(&m("1000", "JPY"), &en), "¥1,000");
    }

    #[test]
    fn arabic_reads_right_to_left_with_the_symbol_after() {
        let ar = at(Lang::Ar, Digits::Latin);
        assert_eq!(
            money(&m("74.99", "SAR"), &ar),
            "\u{200f}74.99\u{a0}ر.س.\u{200f}"
        );
        // A Latin symbol ends without the mark, as CLDR's does.
        assert_eq!(money(&m("5", "USD"), &ar), "\u{200f}5.00\u{a0}US$");
        let arab = at(Lang::Ar, Digits::ArabicIndic);
        assert_eq!(
            money(&m("1234.05", "SAR"), &arab),
            "\u{200f}١٬٢٣٤٫٠٥\u{a0}ر.س.\u{200f}"
        );
    }

    #[test]
    fn the_currency_is_a_part_of_its_own_for_the_riyal_sign() {
        let ar = at(Lang::Ar, Digits::Latin);
        let parts = money_parts(&m("75", "SAR"), &ar);
        assert_eq!(parts[1], Part::Currency("ر.س."));
        let en = at(Lang::En, Digits::Latin);
        assert_eq!(money_parts(&m("75", "SAR"), &en)[0], Part::Currency("SAR"));
    }

    #[test]
    fn every_currency_has_its_symbols() {
        for c in Currency::all() {
            assert_ne!(symbol(c.code(), Lang::En), "XXX", "{}", c.code());
            assert_ne!(symbol(c.code(), Lang::Ar), "XXX", "{}", c.code());
        }
        assert_eq!(Currency::all().count(), 12);
    }

    #[test]
    fn counts_and_plural_categories() {
        assert_eq!(count(12, &at(Lang::Ar, Digits::ArabicIndic)), "١٢");
        assert_eq!(count(1200, &at(Lang::En, Digits::Latin)), "1,200");
        let ar: Vec<Plural> = [0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111]
            .iter()
            .map(|n| Plural::of(*n, Lang::Ar))
            .collect();
        use Plural::*;
        assert_eq!(
            ar,
            [Zero, One, Two, Few, Few, Many, Many, Other, Other, Few, Many]
        );
        assert_eq!(Plural::of(1, Lang::En), One);
        assert_eq!(Plural::of(0, Lang::En), Other);
    }
}
