//! Everything that faces Amwal, in one place: its wire types, the HTTP
//! client that speaks them, and its callback signatures. The merchant's
//! handlers use this module; so does the embedded sandbox, which uses
//! nothing else of the proxy.

pub mod client;
pub mod signature;
pub mod wire;

pub use client::{AmwalError, Upstream};
pub use signature::{BadSignature, CallbackKey, Signer};
