//! One part of the card per file, each a plain function returning `Html`
//! (each Yew component adds about a kilobyte of generic code). `App`
//! (`src/app.rs`) is the one component: it holds the state and the effects.

mod amount;
pub mod error_view;
mod installment_schedule;
pub mod notice;
pub mod pay_button;
mod plan_picker;
pub mod qr_code;
pub mod receipt;
mod riyal_sign;
pub mod skeleton;
pub mod summary_card;

use crate::options::RiyalSign;
use amwal_core::i18n::Locale;

/// How to write amounts, dates and numbers for this shopper.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    pub locale: Locale,
    pub riyal: RiyalSign,
}
