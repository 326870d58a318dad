//! The demo: the storefront page and the links it pays.

pub mod link;
pub mod site;
