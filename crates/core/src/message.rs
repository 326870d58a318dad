//! On-site messaging: the one line a product or cart page shows for its
//! price before there is a payment link ("4 payments of SAR 75.00"). The
//! split is the summary's (`Money::split`), so the line never promises an
//! amount the checkout would not show.

use crate::schedule::{eligibility, Eligibility};
use crate::{Currency, Money, MoneyError};

/// What the line says about a price paid in a number of parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    /// Every payment is the same: "4 payments of SAR 75.00".
    Equal { count: u32, each: Money },
    /// The first payment is larger by the remainder; the rest are not all
    /// equal to it: "SAR 75.00 today, then 3 monthly payments".
    FirstThenRest { first: Money, rest: u32 },
}

/// The line for `total` in `count` payments; `None` when a payment would be
/// zero (a price below `count` minor units), which no plan offers.
pub fn line(total: Money, count: u32) -> Option<Line> {
    let parts = total.split(count);
    let first = *parts.first()?;
    if parts.iter().any(|p| p.minor == 0) {
        return None;
    }
    Some(if parts.iter().all(|p| p.minor == first.minor) {
        Line::Equal {
            count: u32::try_from(parts.len()).unwrap_or(count),
            each: first,
        }
    } else {
        Line::FirstThenRest {
            first,
            rest: count.saturating_sub(1),
        }
    })
}

/// Why a price cannot be shown at all (the element then shows nothing and
/// logs this).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadPrice {
    NotADecimal(MoneyError),
    Zero,
    /// Fewer minor units than payments: one would be zero.
    TooSmallToSplit,
}

impl std::fmt::Display for BadPrice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BadPrice::NotADecimal(e) => write!(f, "{e}"),
            BadPrice::Zero => f.write_str("amount is zero"),
            BadPrice::TooSmallToSplit => f.write_str("amount is too small to split"),
        }
    }
}

/// What the messaging element shows for a price.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    Line(Line),
    /// Outside the merchant's bounds: the eligibility line, or nothing.
    Ineligible(Eligibility),
}

/// Reads `amount` in `currency` and decides what to show for the first plan
/// listed, given the merchant's eligibility bounds.
pub fn shown(
    amount: &str,
    currency: Currency,
    count: u32,
    bounds: (Option<Money>, Option<Money>),
) -> Result<(Money, Shown), BadPrice> {
    let total = Money::parse(amount.trim(), currency).map_err(BadPrice::NotADecimal)?;
    if total.minor == 0 {
        return Err(BadPrice::Zero);
    }
    match eligibility(total, bounds.0, bounds.1) {
        Eligibility::Eligible => {}
        other => return Ok((total, Shown::Ineligible(other))),
    }
    let l = line(total, count).ok_or(BadPrice::TooSmallToSplit)?;
    Ok((total, Shown::Line(l)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sar(minor: u64) -> Money {
        Money {
            minor,
            currency: Currency::SAR,
        }
    }

    #[test]
    fn an_even_price_is_n_equal_payments() {
        assert_eq!(
            line(sar(30000), 4),
            Some(Line::Equal {
                count: 4,
                each: sar(7500)
            })
        );
        assert_eq!(
            line(sar(30000), 1),
            Some(Line::Equal {
                count: 1,
                each: sar(30000)
            })
        );
    }

    #[test]
    fn an_uneven_price_names_the_first_payment_and_counts_the_rest() {
        // 299.99 → 75.00, 75.00, 75.00, 74.99: the summary's split.
        assert_eq!(
            line(sar(29999), 4),
            Some(Line::FirstThenRest {
                first: sar(7500),
                rest: 3
            })
        );
        assert_eq!(sar(29999).split(4)[0], sar(7500));
    }

    #[test]
    fn a_payment_of_zero_is_never_shown() {
        assert_eq!(line(sar(3), 4), None);
        assert_eq!(
            shown("0.03", Currency::SAR, 4, (None, None)),
            Err(BadPrice::TooSmallToSplit)
        );
        assert_eq!(
            shown("0.00", Currency::SAR, 4, (None, None)),
            Err(BadPrice::Zero)
        );
    }

    #[test]
    fn prices_are_exact_decimals_in_the_currency() {
        assert_eq!(
            shown("299.99", Currency::SAR, 4, (None, None)),
            Ok((
                sar(29999),
                Shown::Line(Line::FirstThenRest {
                    first: sar(7500),
                    rest: 3
                })
            ))
        );
        for bad in ["1,299.00", "29.999", "-5", "3e2", "", "NaN", "SAR 10"] {
            assert!(
                matches!(
                    shown(bad, Currency::SAR, 4, (None, None)),
                    Err(BadPrice::NotADecimal(_))
                ),
                "{bad}"
            );
        }
        let kwd = Currency::from_code("KWD").expect("KWD");
        assert!(matches!(
            shown("10.005", kwd, 4, (None, None)),
            Ok((_, Shown::Line(_)))
        ));
    }

    #[test]
    fn outside_the_bounds_it_is_ineligible_with_the_bound() {
        assert_eq!(
            shown("99.99", Currency::SAR, 4, (Some(sar(10000)), None)),
            Ok((
                sar(9999),
                Shown::Ineligible(Eligibility::BelowMinimum(sar(10000)))
            ))
        );
        assert_eq!(
            shown("5000.01", Currency::SAR, 4, (None, Some(sar(500000)))),
            Ok((
                sar(500001),
                Shown::Ineligible(Eligibility::AboveMaximum(sar(500000)))
            ))
        );
    }
}
