//! Every string the shopper reads, in English and Arabic.
//!
//! Amounts and counts are in `number` and Gregorian dates in `date`, written
//! as the browser's `Intl` writes them (Umm al-Qura dates are `Intl`'s own);
//! sentences that agree with a count (Arabic has six forms) are in `counted`.

mod counted;
pub mod date;
pub mod number;

pub use counted::{each_of, first_then, pay_in, payments, Plural};

/// The widget's language. Arabic is Amwal's default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    En,
    #[default]
    Ar,
}

impl Lang {
    /// Reads a BCP 47 tag ("ar", "ar-SA", "en-GB"); other languages give `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "ar" => Some(Lang::Ar),
            _ => None,
        }
    }

    /// First supported language among the candidates, in order, else Arabic.
    pub fn pick<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Lang {
        candidates
            .into_iter()
            .find_map(Lang::from_tag)
            .unwrap_or_default()
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ar => "ar",
        }
    }

    pub fn dir(self) -> &'static str {
        match self {
            Lang::En => "ltr",
            Lang::Ar => "rtl",
        }
    }
}

/// Which digits numbers are written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Digits {
    /// 0123456789, what Gulf storefronts mostly show prices in.
    #[default]
    Latin,
    /// ٠١٢٣٤٥٦٧٨٩
    ArabicIndic,
}

/// Which calendar dates are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Calendar {
    #[default]
    Gregorian,
    /// The Umm al-Qura Hijri calendar used in Saudi Arabia.
    UmmAlQura,
}

/// Everything `Intl` needs to format for the shopper.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Locale {
    pub lang: Lang,
    pub digits: Digits,
    pub calendar: Calendar,
}

impl Locale {
    /// A BCP 47 tag with Unicode extensions for `Intl`, e.g.
    /// `ar-SA-u-ca-islamic-umalqura-nu-latn` (keys in alphabetical order).
    pub fn tag(&self) -> String {
        let base = match self.lang {
            Lang::En => "en",
            Lang::Ar => "ar-SA",
        };
        let ca = match self.calendar {
            Calendar::Gregorian => "gregory",
            Calendar::UmmAlQura => "islamic-umalqura",
        };
        let nu = match self.digits {
            Digits::Latin => "latn",
            Digits::ArabicIndic => "arab",
        };
        format!("{base}-u-ca-{ca}-nu-{nu}")
    }
}

/// A payment method as the shopper calls it; unknown codes are shown as sent.
/// Amwal spells them as codes ("CREDIT_CARD") and as words ("Card"), so
/// case, spaces and underscores are not compared.
pub fn method_label(lang: Lang, code: &str) -> Option<&'static str> {
    let key: String = code
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let (en, ar) = match key.as_str() {
        "CREDITCARD" | "CARD" => ("Card", "بطاقة"),
        "MADA" => ("mada", "مدى"),
        "APPLEPAY" => ("Apple Pay", "Apple Pay"),
        "INSTALLMENTS" | "BNPL" => ("Installments", "تقسيط"),
        _ => return None,
    };
    Some(match lang {
        Lang::En => en,
        Lang::Ar => ar,
    })
}

/// Keys of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Loading,
    Total,
    SplitInto,
    PayButton,
    Redirecting,
    Confirming,
    StillPending,
    Completed,
    AlreadyPaid,
    PaymentFailed,
    TryAgain,
    Reference,
    ErrNetwork,
    ErrTimeout,
    ErrBusy,
    ErrExpired,
    ErrNotFound,
    ErrProxy,
    ErrMisconfigured,
    ErrNoPaymentHere,
    Refunded,
    PartiallyRefunded,
    CheckAgain,
    Today,
    EstimateNote,
    ChoosePlan,
    /// Contains `{amount}`.
    BelowMinimum,
    /// Contains `{amount}`.
    AboveMaximum,
    Terms,
    ScanToPay,
    PayOnTerminal,
    WaitingForPayment,
    Date,
    Method,
    RiyalName,
    LearnMore,
    Close,
    InstallmentsWithAmwal,
    WithAmwal,
}

impl Text {
    pub fn in_lang(self, lang: Lang) -> &'static str {
        let (en, ar) = match self {
            Text::Loading => ("Loading your installment plan…", "جارٍ تحميل خطة التقسيط…"),
            Text::Total => ("Total", "الإجمالي"),
            Text::SplitInto => ("Split into payments", "مقسّم على دفعات"),
            Text::PayButton => ("Pay with Amwal", "ادفع عبر أموال"),
            Text::Redirecting => ("Taking you to Amwal…", "جارٍ تحويلك إلى أموال…"),
            Text::Confirming => ("Confirming your payment…", "جارٍ تأكيد الدفع…"),
            Text::StillPending => (
                "Your payment is still being processed. We'll confirm it by message once it's done.",
                "ما زال الدفع قيد المعالجة. سنؤكده لك برسالة عند اكتماله.",
            ),
            Text::Completed => ("Payment completed", "تم الدفع بنجاح"),
            Text::AlreadyPaid => ("This link has already been paid", "تم دفع هذا الرابط مسبقًا"),
            Text::PaymentFailed => (
                "The payment didn't go through. No money was taken.",
                "لم تكتمل عملية الدفع. لم يُخصم أي مبلغ.",
            ),
            Text::TryAgain => ("Try again", "حاول مجددًا"),
            Text::Reference => ("Reference", "رقم المرجع"),
            Text::ErrNetwork => (
                "We couldn't reach the store. Check your connection and try again.",
                "تعذّر الاتصال بالمتجر. تحقّق من اتصالك وحاول مجددًا.",
            ),
            Text::ErrTimeout => (
                "The store is taking too long to answer. Please reload this page in a minute.",
                "يستغرق المتجر وقتًا أطول من المعتاد في الرد. يُرجى إعادة تحميل الصفحة بعد دقيقة.",
            ),
            Text::ErrBusy => (
                "The store is busy right now. Try again in a moment.",
                "المتجر مشغول حاليًا. حاول مجددًا بعد لحظات.",
            ),
            Text::ErrExpired => (
                "This payment link has expired. Ask the store for a new one.",
                "انتهت صلاحية رابط الدفع. اطلب رابطًا جديدًا من المتجر.",
            ),
            Text::ErrNotFound => (
                "This payment link wasn't found. Check the link or ask the store.",
                "لم يُعثر على رابط الدفع. تحقّق من الرابط أو تواصل مع المتجر.",
            ),
            Text::ErrProxy => (
                "The store couldn't load this payment right now. Try again in a moment.",
                "تعذّر على المتجر تحميل عملية الدفع الآن. حاول بعد قليل.",
            ),
            Text::ErrMisconfigured => (
                "Installments aren't available here right now. Please contact the store.",
                "الدفع بالتقسيط غير متاح هنا حاليًا. يُرجى التواصل مع المتجر.",
            ),
            Text::ErrNoPaymentHere => (
                "We couldn't find this payment in this browser. Check your order status with the store.",
                "لم نجد عملية الدفع هذه في هذا المتصفح. تحقّق من حالة طلبك لدى المتجر.",
            ),
            Text::Refunded => (
                "This payment was refunded. Contact the store for a new order.",
                "تم استرداد هذا المبلغ. تواصل مع المتجر لطلب جديد.",
            ),
            Text::PartiallyRefunded => (
                "Part of this payment was refunded. Contact the store for details.",
                "تم استرداد جزء من هذا المبلغ. تواصل مع المتجر للتفاصيل.",
            ),
            Text::CheckAgain => ("Check again", "تحقّق مجددًا"),
            Text::Today => ("Today", "اليوم"),
            Text::EstimateNote => (
                "Estimated schedule. Amwal shows your final plan before you pay.",
                "جدول تقديري. تعرض لك أموال خطتك النهائية قبل الدفع.",
            ),
            Text::ChoosePlan => ("Choose a plan", "اختر خطة"),
            Text::BelowMinimum => (
                "Installments are available for orders of {amount} or more.",
                "التقسيط متاح للطلبات بقيمة {amount} أو أكثر.",
            ),
            Text::AboveMaximum => (
                "Installments are available for orders up to {amount}.",
                "التقسيط متاح للطلبات حتى {amount}.",
            ),
            Text::Terms => ("Terms apply", "تطبق الشروط والأحكام"),
            Text::ScanToPay => (
                "Scan with your phone's camera to pay on your phone.",
                "امسح الرمز بكاميرا جوالك لتدفع من جوالك.",
            ),
            Text::PayOnTerminal => (
                "Complete the payment on the store's terminal.",
                "أكمل الدفع على جهاز الدفع في المتجر.",
            ),
            Text::WaitingForPayment => ("Waiting for your payment…", "بانتظار إتمام الدفع…"),
            Text::Date => ("Date", "التاريخ"),
            Text::Method => ("Method", "طريقة الدفع"),
            Text::RiyalName => ("Saudi riyal", "ريال سعودي"),
            Text::LearnMore => ("Learn more", "اعرف المزيد"),
            Text::Close => ("Close", "إغلاق"),
            Text::WithAmwal => (" with Amwal", " مع أموال"),
            Text::InstallmentsWithAmwal => ("Pay in installments with Amwal", "قسّط مشترياتك مع أموال"),
        };
        match lang {
            Lang::En => en,
            Lang::Ar => ar,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payment_methods_are_named_however_amwal_spells_them() {
        // Amwal's records say "Card"; its resolve document says "CREDIT_CARD".
        for code in ["Card", "CARD", "CREDIT_CARD", "credit card"] {
            assert_eq!(method_label(Lang::Ar, code), Some("بطاقة"), "{code}");
        }
        assert_eq!(method_label(Lang::Ar, "Apple Pay"), Some("Apple Pay"));
        assert_eq!(method_label(Lang::Ar, "mada"), Some("مدى"));
        assert_eq!(method_label(Lang::En, "STC_PAY"), None);
    }

    #[test]
    fn picks_the_first_supported_language_else_arabic() {
        assert_eq!(Lang::pick(["fr", "en-GB", "ar"]), Lang::En);
        assert_eq!(Lang::pick(["", "AR-sa"]), Lang::Ar);
        assert_eq!(Lang::pick(["de"]), Lang::Ar);
        assert_eq!(Lang::pick([]), Lang::Ar);
    }

    #[test]
    fn locale_tags_carry_calendar_and_digits() {
        let ar = Locale {
            lang: Lang::Ar,
            digits: Digits::ArabicIndic,
            calendar: Calendar::UmmAlQura,
        };
        assert_eq!(ar.tag(), "ar-SA-u-ca-islamic-umalqura-nu-arab");
        assert_eq!(
            Locale {
                lang: Lang::En,
                ..Locale::default()
            }
            .tag(),
            "en-u-ca-gregory-nu-latn"
        );
    }

    #[test]
    fn arabic_text_is_arabic_and_right_to_left() {
        assert_eq!(Text::Completed.in_lang(Lang::Ar), "تم الدفع بنجاح");
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Text::Completed.in_lang(Lang::En), "Payment completed");
    }
}
