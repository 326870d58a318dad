//! The demo: the storefront page and the links it pays.

pub mod site;
