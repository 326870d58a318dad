//! The amount parser: any text either fails with a typed error or gives an
//! amount that prints back to the same amount, and splits without losing a
//! minor unit.
#![no_main]
use amwal_core::{Currency, Money};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u8, &str)| {
    let (parts, text) = input;
    let currencies = ["SAR", "KWD", "JPY", "AED"];
    let currency =
        Currency::from_code(currencies[usize::from(parts) % currencies.len()]).expect("known code");
    let Ok(money) = Money::parse(text, currency) else {
        return;
    };
    let printed = money.to_decimal_string();
    assert_eq!(
        Money::parse(&printed, currency),
        Ok(money),
        "{text:?} → {printed:?}"
    );
    let n = u32::from(parts % 24) + 1;
    let split = money.split(n);
    assert_eq!(split.len(), n as usize);
    let minor: u128 = split.iter().map(|m| u128::from(m.minor)).sum();
    assert_eq!(minor, u128::from(money.minor), "{text:?} in {n}");
});
