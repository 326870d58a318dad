//! Every string the shopper reads, in English and Arabic.
//!
//! Numbers, amounts and dates are not here: the browser's `Intl` formats them.

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
    ErrExpired,
    ErrNotFound,
    ErrProxy,
    ErrMisconfigured,
    ErrNoPaymentHere,
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
    fn picks_the_first_supported_language_else_arabic() {
        assert_eq!(Lang::pick(["fr", "en-GB", "ar"]), Lang::En);
        assert_eq!(Lang::pick(["", "AR-sa"]), Lang::Ar);
        assert_eq!(Lang::pick(["de"]), Lang::Ar);
        assert_eq!(Lang::pick([]), Lang::Ar);
    }

    #[test]
    fn arabic_text_is_arabic_and_right_to_left() {
        assert_eq!(Text::Completed.in_lang(Lang::Ar), "تم الدفع بنجاح");
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Text::Completed.in_lang(Lang::En), "Payment completed");
    }
}
