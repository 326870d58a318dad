//! One part of the card per file. `App` is the one component: it holds the
//! state and the effects (hooks, the plan choice and the QR drawing among
//! them); every part of the card is a plain function returning `Html`,
//! since each component adds about a kilobyte of Yew's generic code.

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
