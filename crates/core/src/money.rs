//! Exact money: decimal strings in, integer minor units inside.
//!
//! Amwal sends amounts as strings with five decimals ("299.99000"). They are
//! parsed digit by digit into the currency's minor units with checked
//! arithmetic; digits past the currency's precision must be zeros, because
//! rounding them away in silence would charge a different amount than shown.

use std::fmt;

/// An ISO 4217 currency code together with its number of minor-unit digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Currency {
    code: [u8; 3],
    exponent: u8,
}

/// Minor-unit digits of the currencies a Gulf storefront meets; ISO 4217.
const EXPONENTS: &[(&str, u8)] = &[
    ("SAR", 2),
    ("AED", 2),
    ("QAR", 2),
    ("USD", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("EGP", 2),
    ("KWD", 3),
    ("BHD", 3),
    ("OMR", 3),
    ("JOD", 3),
    ("JPY", 0),
];

impl Currency {
    pub const SAR: Currency = Currency {
        code: *b"SAR",
        exponent: 2,
    };

    /// Looks up an upper-case ISO 4217 code; unknown codes are refused rather
    /// than guessed, since a wrong exponent scales the amount by 10 or 100.
    pub fn from_code(code: &str) -> Result<Currency, MoneyError> {
        EXPONENTS
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(c, e)| Currency {
                code: c.as_bytes().try_into().unwrap_or(*b"XXX"),
                exponent: *e,
            })
            .ok_or(MoneyError::UnknownCurrency)
    }

    /// Every currency the widget knows.
    pub fn all() -> impl Iterator<Item = Currency> {
        EXPONENTS
            .iter()
            .filter_map(|(c, _)| Currency::from_code(c).ok())
    }

    pub fn code(&self) -> &str {
        // The code is always three ASCII letters taken from `EXPONENTS`.
        std::str::from_utf8(&self.code).unwrap_or("XXX")
    }

    pub fn exponent(&self) -> u8 {
        self.exponent
    }
}

/// An amount in a currency's minor units (halalas for SAR, fils for KWD).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Money {
    pub minor: u64,
    pub currency: Currency,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoneyError {
    Empty,
    /// A character other than ASCII digits and one '.' (signs, exponents,
    /// thousands separators, spaces, "NaN").
    Malformed,
    /// Non-zero digits beyond the currency's precision ("10.00500" in SAR).
    TooPrecise,
    /// More than fits in a `u64` of minor units, or absurdly long input.
    TooLarge,
    UnknownCurrency,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MoneyError::Empty => "empty amount",
            MoneyError::Malformed => "amount is not a plain decimal number",
            MoneyError::TooPrecise => "amount has more precision than its currency",
            MoneyError::TooLarge => "amount is too large",
            MoneyError::UnknownCurrency => "unknown currency code",
        })
    }
}

impl std::error::Error for MoneyError {}

/// Longest amount text accepted; anything longer is refused before parsing.
const MAX_LEN: usize = 40;

impl Money {
    /// Parses a plain decimal string ("299.99000", "300", "0.5") exactly.
    pub fn parse(text: &str, currency: Currency) -> Result<Money, MoneyError> {
        if text.is_empty() {
            return Err(MoneyError::Empty);
        }
        if text.len() > MAX_LEN {
            return Err(MoneyError::TooLarge);
        }
        let (int_part, frac_part) = match text.split_once('.') {
            Some((i, f)) => (i, f),
            None => (text, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int_part.is_empty() || !all_digits(int_part) || !all_digits(frac_part) {
            return Err(MoneyError::Malformed);
        }
        if text.ends_with('.') {
            return Err(MoneyError::Malformed);
        }
        let exp = usize::from(currency.exponent);
        let (kept, dropped) = frac_part.split_at(frac_part.len().min(exp));
        if dropped.bytes().any(|b| b != b'0') {
            return Err(MoneyError::TooPrecise);
        }
        let mut minor: u64 = 0;
        let padding = std::iter::repeat_n(b'0', exp - kept.len());
        for digit in int_part.bytes().chain(kept.bytes()).chain(padding) {
            minor = minor
                .checked_mul(10)
                .and_then(|m| m.checked_add(u64::from(digit - b'0')))
                .ok_or(MoneyError::TooLarge)?;
        }
        Ok(Money { minor, currency })
    }

    /// The amount as a plain decimal string with exactly the currency's
    /// digits ("299.99"), which `Intl.NumberFormat` formats without floats.
    pub fn to_decimal_string(&self) -> String {
        let exp = u32::from(self.currency.exponent);
        let scale = 10u64.pow(exp);
        let whole = self.minor / scale;
        let frac = self.minor % scale;
        if exp == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{frac:0width$}", width = exp as usize)
        }
    }

    /// Splits the amount into `parts` installments that sum exactly to it.
    /// Parts differ by at most one minor unit; the extra units go to the
    /// earliest installments, which are paid first.
    pub fn split(&self, parts: u32) -> Vec<Money> {
        let n = u64::from(parts.max(1));
        let base = self.minor / n;
        let extra = self.minor % n;
        (0..n)
            .map(|i| Money {
                minor: base + u64::from(i < extra),
                currency: self.currency,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kwd() -> Currency {
        Currency::from_code("KWD").expect("KWD is in the table")
    }

    #[test]
    fn parses_the_upstream_five_decimal_amount_exactly() {
        assert_eq!(
            Money::parse("299.99000", Currency::SAR).map(|m| m.minor),
            Ok(29999)
        );
        assert_eq!(
            Money::parse("0.01000", Currency::SAR).map(|m| m.minor),
            Ok(1)
        );
        assert_eq!(
            Money::parse("300", Currency::SAR).map(|m| m.minor),
            Ok(30000)
        );
        assert_eq!(
            Money::parse("10.5", Currency::SAR).map(|m| m.minor),
            Ok(1050)
        );
        assert_eq!(Money::parse("10.00500", kwd()).map(|m| m.minor), Ok(10005));
    }

    #[test]
    fn refuses_precision_beyond_the_currency_instead_of_rounding() {
        assert_eq!(
            Money::parse("10.00500", Currency::SAR),
            Err(MoneyError::TooPrecise)
        );
        assert_eq!(
            Money::parse("0.00001", Currency::SAR),
            Err(MoneyError::TooPrecise)
        );
    }

    #[test]
    fn refuses_what_is_not_a_plain_decimal() {
        for bad in [
            "-1.00", "+1", "1e3", "NaN", "1,000.00", " 1", "1.", ".5", "1.2.3", "١٠",
        ] {
            assert_eq!(
                Money::parse(bad, Currency::SAR),
                Err(MoneyError::Malformed),
                "{bad}"
            );
        }
        assert_eq!(Money::parse("", Currency::SAR), Err(MoneyError::Empty));
    }

    #[test]
    fn refuses_amounts_that_overflow_or_are_absurdly_long() {
        assert_eq!(
            Money::parse("184467440737095516.16", Currency::SAR),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(
            Money::parse(&"9".repeat(41), Currency::SAR),
            Err(MoneyError::TooLarge)
        );
    }

    #[test]
    fn formats_back_to_a_plain_decimal() {
        let m = Money::parse("299.99000", Currency::SAR).expect("valid");
        assert_eq!(m.to_decimal_string(), "299.99");
        let k = Money::parse("10.005", kwd()).expect("valid");
        assert_eq!(k.to_decimal_string(), "10.005");
        let y = Money::parse("1500", Currency::from_code("JPY").expect("JPY")).expect("valid");
        assert_eq!(y.to_decimal_string(), "1500");
        let small = Money {
            minor: 5,
            currency: Currency::SAR,
        };
        assert_eq!(small.to_decimal_string(), "0.05");
    }

    #[test]
    fn splits_exactly_with_extra_units_first() {
        let parts = |s: &str, c: Currency, n| -> Vec<String> {
            let m = Money::parse(s, c).expect("valid");
            m.split(n).iter().map(Money::to_decimal_string).collect()
        };
        assert_eq!(
            parts("100.00", Currency::SAR, 3),
            ["33.34", "33.33", "33.33"]
        );
        assert_eq!(
            parts("299.99", Currency::SAR, 4),
            ["75.00", "75.00", "75.00", "74.99"]
        );
        assert_eq!(parts("10.000", kwd(), 3), ["3.334", "3.333", "3.333"]);
    }

    #[test]
    fn unknown_currencies_are_refused() {
        assert_eq!(Currency::from_code("XYZ"), Err(MoneyError::UnknownCurrency));
        assert_eq!(Currency::from_code("sar"), Err(MoneyError::UnknownCurrency));
        assert_eq!(
            Currency::from_code("KWD").map(|c| c.code().to_owned()),
            Ok("KWD".into())
        );
    }
}
