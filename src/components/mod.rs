//! One component per file, each rendering one part of the flow's state.

mod amount;
pub mod app;
mod error_view;
mod installment_schedule;
mod notice;
mod pay_button;
mod plan_picker;
mod qr_code;
mod receipt;
mod riyal_sign;
pub mod root;
mod skeleton;
mod summary_card;

use crate::options::RiyalSign;
use amwal_core::i18n::Locale;

/// How to write amounts, dates and numbers for this shopper.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    pub locale: Locale,
    pub riyal: RiyalSign,
}
