//! The merchant's commands: `create` (a link for a customer in the shop),
//! `orders` (what the database holds), `register-webhook` (the one-time
//! setup with Amwal), `sandbox` (a fake Amwal for several proxies).

pub mod create;
pub mod orders;
pub mod register;
pub mod sandbox;

pub use create::run;
pub use orders::orders;
pub use register::register_webhook;
pub use sandbox::sandbox;
