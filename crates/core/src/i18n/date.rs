//! Gregorian dates written exactly as `Intl.DateTimeFormat` writes them with
//! `dateStyle: "medium"` for `en` and `ar-SA` (CLDR): "Nov 30, 2026",
//! "30‏/11‏/2026". The first date formatter a page makes loads ICU's locale
//! data, which made a shopper's first "Learn more" wait for it; a browser
//! test holds these to `Intl` day by day. Umm al-Qura dates stay `Intl`'s.

use super::number::digit;
use super::{Calendar, Digits, Lang, Locale};
use crate::schedule::CivilDate;

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// RIGHT-TO-LEFT MARK: CLDR's Arabic date pattern puts one before each slash.
const RLM: char = '\u{200f}';

fn digits_of(n: u32, width: usize, digits: Digits) -> String {
    format!("{n:0width$}")
        .bytes()
        .map(|d| digit(d - b'0', digits))
        .collect()
}

/// The date in the locale's medium style, or `None` for a calendar this
/// does not write (Umm al-Qura: the caller asks `Intl`).
pub fn medium(d: CivilDate, locale: &Locale) -> Option<String> {
    if locale.calendar != Calendar::Gregorian || d.year < 1 || !(1..=12).contains(&d.month) {
        return None;
    }
    let year = digits_of(d.year.unsigned_abs(), 1, locale.digits);
    let day = u32::from(d.day);
    Some(match locale.lang {
        Lang::En => format!(
            "{} {}, {year}",
            MONTHS_EN[usize::from(d.month - 1)],
            digits_of(day, 1, locale.digits)
        ),
        Lang::Ar => format!(
            "{}{RLM}/{}{RLM}/{year}",
            digits_of(day, 2, locale.digits),
            digits_of(u32::from(d.month), 2, locale.digits)
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lang: Lang, digits: Digits, calendar: Calendar) -> Locale {
        Locale {
            lang,
            digits,
            calendar,
        }
    }

    fn day(year: i32, month: u8, day: u8) -> CivilDate {
        CivilDate { year, month, day }
    }

    #[test]
    fn english_names_the_month() {
        let en = at(Lang::En, Digits::Latin, Calendar::Gregorian);
        assert_eq!(
            medium(day(2026, 11, 30), &en).as_deref(),
            Some("Nov 30, 2026")
        );
        assert_eq!(medium(day(2027, 1, 5), &en).as_deref(), Some("Jan 5, 2027"));
    }

    #[test]
    fn arabic_writes_day_month_year_with_marks() {
        let ar = at(Lang::Ar, Digits::Latin, Calendar::Gregorian);
        assert_eq!(
            medium(day(2026, 9, 1), &ar).as_deref(),
            Some("01\u{200f}/09\u{200f}/2026")
        );
        let arab = at(Lang::Ar, Digits::ArabicIndic, Calendar::Gregorian);
        assert_eq!(
            medium(day(2026, 11, 30), &arab).as_deref(),
            Some("٣٠\u{200f}/١١\u{200f}/٢٠٢٦")
        );
    }

    #[test]
    fn umm_al_qura_and_impossible_dates_are_left_to_intl() {
        let hijri = at(Lang::Ar, Digits::Latin, Calendar::UmmAlQura);
        assert_eq!(medium(day(2026, 11, 30), &hijri), None);
        let en = at(Lang::En, Digits::Latin, Calendar::Gregorian);
        assert_eq!(medium(day(2026, 13, 1), &en), None);
    }
}
