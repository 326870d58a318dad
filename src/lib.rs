//! The amwal-installments widget: a Yew app compiled to wasm that resolves
//! an Amwal payment link through the merchant's proxy, shows the
//! installment summary and sends the shopper to pay.
//!
//! `mount(element, options)` is the one entry point; the custom element in
//! `www/` calls it. Rules live in `amwal-core`; I/O lives in `services`.

mod app;
mod hooks;
mod mount;
use amwal_web::options;
mod services;
mod state;
mod view;

#[cfg(test)]
mod tests;

// Talc instead of the default dlmalloc: 1.6 KB smaller in the wasm (brotli).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
