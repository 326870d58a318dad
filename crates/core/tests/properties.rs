//! Property tests of money and the schedule. `PROPTEST_CASES` sets the
//! number of cases (2,000 by default; `bench/proptest-long.sh` runs 100,000).

use amwal_core::schedule::{schedule, CivilDate};
use amwal_core::{Currency, Money};
use proptest::prelude::*;

fn sar(minor: u64) -> Money {
    Money {
        minor,
        currency: Currency::SAR,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(2_000)
    ))]

    #[test]
    fn split_sums_exactly_differs_by_at_most_one_and_front_loads(
        total in 0u64..=10_000_000_000_000,
        n in 1u32..=24,
    ) {
        let parts = sar(total).split(n);
        prop_assert_eq!(parts.len(), n as usize);
        prop_assert_eq!(parts.iter().map(|p| p.minor).sum::<u64>(), total);
        let max = parts.iter().map(|p| p.minor).max().unwrap_or(0);
        let min = parts.iter().map(|p| p.minor).min().unwrap_or(0);
        prop_assert!(max - min <= 1);
        prop_assert!(parts.windows(2).all(|w| w[0].minor >= w[1].minor), "earliest pay the extra");
        prop_assert_eq!(parts, sar(total).split(n), "deterministic");
    }

    #[test]
    fn due_dates_are_valid_and_increasing(
        y in 1970i32..2200, m in 1u8..=12, d in 1u8..=31, n in 1u32..=24,
    ) {
        let Some(today) = CivilDate::new(y, m, d) else { return Ok(()) };
        let plan = schedule(sar(10_000), n, today);
        prop_assert_eq!(plan[0].due, today);
        for w in plan.windows(2) {
            prop_assert!(w[0].due < w[1].due);
            prop_assert!(CivilDate::new(w[1].due.year, w[1].due.month, w[1].due.day).is_some());
        }
    }

    #[test]
    fn parsing_never_panics_and_round_trips(text in "\\PC{0,45}") {
        if let Ok(m) = Money::parse(&text, Currency::SAR) {
            let again = Money::parse(&m.to_decimal_string(), Currency::SAR);
            prop_assert_eq!(again, Ok(m));
        }
    }

    #[test]
    fn decimals_parse_to_exact_minor_units(whole in 0u64..1_000_000_000_000, cents in 0u64..100) {
        let text = format!("{whole}.{cents:02}000");
        prop_assert_eq!(Money::parse(&text, Currency::SAR).map(|m| m.minor), Ok(whole * 100 + cents));
    }
}
