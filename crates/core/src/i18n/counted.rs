//! Sentences that agree with a count: one form per CLDR plural category
//! (`Intl.PluralRules` picks it), `{n}` replaced by the formatted count.

use super::Lang;

/// A CLDR plural category, as `Intl.PluralRules.select` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Plural {
    pub fn from_cldr(name: &str) -> Plural {
        match name {
            "zero" => Plural::Zero,
            "one" => Plural::One,
            "two" => Plural::Two,
            "few" => Plural::Few,
            "many" => Plural::Many,
            _ => Plural::Other,
        }
    }
}

/// "Pay in {n} payments", in the grammatical form `Intl.PluralRules` picked;
/// `{n}` is replaced by the formatted count. Arabic needs all six forms.
pub fn pay_in(lang: Lang, plural: Plural) -> &'static str {
    match (lang, plural) {
        (Lang::En, Plural::One) => "Pay in full",
        (Lang::En, _) => "Pay in {n} payments",
        (Lang::Ar, Plural::One) => "ادفع دفعة واحدة",
        (Lang::Ar, Plural::Two) => "ادفع على دفعتين",
        (Lang::Ar, Plural::Few) => "ادفع على {n} دفعات",
        (Lang::Ar, Plural::Zero | Plural::Many | Plural::Other) => "ادفع على {n} دفعة",
    }
}

/// "{n} payments" as a plan's accessible name, in the right plural form.
pub fn payments(lang: Lang, plural: Plural) -> &'static str {
    match (lang, plural) {
        (Lang::En, Plural::One) => "{n} payment",
        (Lang::En, _) => "{n} payments",
        (Lang::Ar, Plural::One) => "دفعة واحدة",
        (Lang::Ar, Plural::Two) => "دفعتان",
        (Lang::Ar, Plural::Few) => "{n} دفعات",
        (Lang::Ar, Plural::Zero | Plural::Many | Plural::Other) => "{n} دفعة",
    }
}

/// The messaging line when every payment is the same: `{n}` the count and
/// `{amount}` each payment. `Text::WithAmwal` follows where there is room.
pub fn each_of(lang: Lang, plural: Plural) -> &'static str {
    match (lang, plural) {
        (Lang::En, Plural::One) => "Pay {amount}",
        (Lang::En, _) => "{n} payments of {amount}",
        (Lang::Ar, Plural::One) => "ادفع {amount}",
        (Lang::Ar, Plural::Two) => "دفعتان بقيمة {amount}",
        (Lang::Ar, Plural::Few) => "{n} دفعات بقيمة {amount}",
        (Lang::Ar, Plural::Zero | Plural::Many | Plural::Other) => "{n} دفعة بقيمة {amount}",
    }
}

/// The messaging line when the first payment carries the remainder:
/// `{amount}` the first payment, `{n}` the payments after it (its plural).
pub fn first_then(lang: Lang, plural: Plural) -> &'static str {
    match (lang, plural) {
        (Lang::En, Plural::One) => "{amount} today, then {n} monthly payment",
        (Lang::En, _) => "{amount} today, then {n} monthly payments",
        (Lang::Ar, Plural::One) => "{amount} اليوم، ثم دفعة شهرية واحدة",
        (Lang::Ar, Plural::Two) => "{amount} اليوم، ثم دفعتان شهريتان",
        (Lang::Ar, Plural::Few) => "{amount} اليوم، ثم {n} دفعات شهرية",
        (Lang::Ar, Plural::Zero | Plural::Many | Plural::Other) => {
            "{amount} اليوم، ثم {n} دفعة شهرية"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Text;

    #[test]
    fn arabic_has_a_form_for_each_plural_category() {
        assert_eq!(pay_in(Lang::Ar, Plural::Two), "ادفع على دفعتين");
        assert_eq!(pay_in(Lang::Ar, Plural::Few), "ادفع على {n} دفعات");
        assert_eq!(pay_in(Lang::Ar, Plural::Many), "ادفع على {n} دفعة");
        assert_eq!(
            pay_in(Lang::En, Plural::from_cldr("other")),
            "Pay in {n} payments"
        );
        assert_eq!(Plural::from_cldr("nonsense"), Plural::Other);
    }

    #[test]
    fn messaging_lines_agree_with_the_count_in_arabic() {
        assert_eq!(each_of(Lang::Ar, Plural::Few), "{n} دفعات بقيمة {amount}");
        assert_eq!(each_of(Lang::Ar, Plural::Two), "دفعتان بقيمة {amount}");
        assert_eq!(
            first_then(Lang::Ar, Plural::Few),
            "{amount} اليوم، ثم {n} دفعات شهرية"
        );
        assert_eq!(
            first_then(Lang::En, Plural::Other),
            "{amount} today, then {n} monthly payments"
        );
        assert_eq!(Text::WithAmwal.in_lang(Lang::Ar), " مع أموال");
        for lang in [Lang::En, Lang::Ar] {
            for p in ["zero", "one", "two", "few", "many", "other"] {
                let p = Plural::from_cldr(p);
                assert!(each_of(lang, p).contains("{amount}"));
                assert!(first_then(lang, p).contains("{amount}"));
            }
        }
    }
}
