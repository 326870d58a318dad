//! One part of the card per file: a component where it holds state (hooks)
//! or should skip re-rendering (the QR code), else a plain function returning
//! `Html`, since each component adds about a kilobyte of Yew code to the wasm.

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
