//! The installment plan: how many payments, of how much, due when.
//!
//! Dates are plain civil dates (the shopper's local calendar day); the
//! browser's `Intl` formats them, Gregorian or Hijri. The plan is an
//! estimate: Amwal's own page shows the final one.

use crate::Money;

/// A Gregorian calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CivilDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl CivilDate {
    /// A valid date, or `None` (month 13, February 30…).
    pub fn new(year: i32, month: u8, day: u8) -> Option<CivilDate> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(CivilDate { year, month, day })
    }

    /// The same day `months` later, clamped to that month's last day
    /// (31 January + 1 month = 28 or 29 February).
    pub fn add_months(self, months: u32) -> CivilDate {
        let index = i64::from(self.month) - 1 + i64::from(months);
        let year = i64::from(self.year) + index.div_euclid(12);
        let year = i32::try_from(year).unwrap_or(i32::MAX);
        // rem_euclid(12) is 0..=11, so the month fits a u8.
        let month = u8::try_from(index.rem_euclid(12) + 1).unwrap_or(12);
        let day = self.day.min(days_in_month(year, month));
        CivilDate { year, month, day }
    }
}

/// One payment of the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Installment {
    pub due: CivilDate,
    pub amount: Money,
}

/// `count` monthly payments summing exactly to `total`, the first today.
/// Each due date is counted from `today`, so a 31st stays the 31st where
/// the month has one.
pub fn schedule(total: Money, count: u32, today: CivilDate) -> Vec<Installment> {
    total
        .split(count)
        .into_iter()
        .zip(0u32..)
        .map(|(amount, i)| Installment {
            due: today.add_months(i),
            amount,
        })
        .collect()
}

/// Most plans the widget offers side by side.
pub const MAX_PLANS: usize = 6;
/// Longest plan, in payments.
pub const MAX_INSTALLMENTS: u32 = 24;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidPlans(pub String);

/// Parses `installments`: one count ("4") or a list to compare ("3,6,12").
/// Counts are 1 to 24, listed once each, at most six.
pub fn parse_plans(text: &str) -> Result<Vec<u32>, InvalidPlans> {
    let bad = || InvalidPlans(text.to_owned());
    let mut plans = Vec::new();
    for part in text.split(',') {
        let n: u32 = part.trim().parse().map_err(|_| bad())?;
        if !(1..=MAX_INSTALLMENTS).contains(&n) || plans.contains(&n) {
            return Err(bad());
        }
        plans.push(n);
    }
    if plans.len() > MAX_PLANS {
        return Err(bad());
    }
    Ok(plans)
}

/// Whether the merchant offers installments for this total.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Eligibility {
    Eligible,
    BelowMinimum(Money),
    AboveMaximum(Money),
}

pub fn eligibility(total: Money, min: Option<Money>, max: Option<Money>) -> Eligibility {
    match (min, max) {
        (Some(lo), _) if total.minor < lo.minor => Eligibility::BelowMinimum(lo),
        (_, Some(hi)) if total.minor > hi.minor => Eligibility::AboveMaximum(hi),
        _ => Eligibility::Eligible,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Currency;

    fn date(y: i32, m: u8, d: u8) -> CivilDate {
        CivilDate::new(y, m, d).expect("valid date")
    }

    fn sar(minor: u64) -> Money {
        Money {
            minor,
            currency: Currency::SAR,
        }
    }

    #[test]
    fn monthly_on_the_same_day_clamped_to_the_month_end() {
        let dues: Vec<CivilDate> = schedule(sar(40000), 4, date(2027, 1, 31))
            .iter()
            .map(|i| i.due)
            .collect();
        assert_eq!(
            dues,
            [
                date(2027, 1, 31),
                date(2027, 2, 28),
                date(2027, 3, 31),
                date(2027, 4, 30)
            ]
        );
        assert_eq!(
            date(2028, 1, 31).add_months(1),
            date(2028, 2, 29),
            "leap year"
        );
        assert_eq!(
            date(2026, 11, 22).add_months(2),
            date(2027, 1, 22),
            "across the year"
        );
        assert_eq!(date(2026, 12, 15).add_months(24), date(2028, 12, 15));
    }

    #[test]
    fn the_schedule_sums_to_the_total() {
        let plan = schedule(sar(29999), 4, date(2026, 11, 22));
        let amounts: Vec<u64> = plan.iter().map(|i| i.amount.minor).collect();
        assert_eq!(amounts, [7500, 7500, 7500, 7499]);
    }

    #[test]
    fn invalid_dates_are_refused() {
        assert_eq!(CivilDate::new(2027, 2, 29), None);
        assert_eq!(CivilDate::new(2027, 13, 1), None);
        assert_eq!(CivilDate::new(2027, 4, 0), None);
    }

    #[test]
    fn plans_are_a_count_or_a_short_list() {
        assert_eq!(parse_plans("4"), Ok(vec![4]));
        assert_eq!(parse_plans("3, 6,12"), Ok(vec![3, 6, 12]));
        for bad in [
            "",
            "0",
            "25",
            "3,3",
            "a",
            "3,,6",
            "1,2,3,4,5,6,7",
            "-1",
            "4.5",
        ] {
            assert!(parse_plans(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn eligibility_bounds_are_inclusive() {
        assert_eq!(
            eligibility(sar(5000), Some(sar(5000)), Some(sar(9000))),
            Eligibility::Eligible
        );
        assert_eq!(
            eligibility(sar(4999), Some(sar(5000)), None),
            Eligibility::BelowMinimum(sar(5000))
        );
        assert_eq!(
            eligibility(sar(9001), None, Some(sar(9000))),
            Eligibility::AboveMaximum(sar(9000))
        );
        assert_eq!(eligibility(sar(1), None, None), Eligibility::Eligible);
    }
}
