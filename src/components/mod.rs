//! One component per file, each rendering one part of the flow's state.

pub mod app;
mod error_view;
mod notice;
mod pay_button;
mod receipt;
mod skeleton;
mod summary_card;
