//! The proxy's tests over real HTTP on loopback, one binary: a module per
//! behaviour, and `support` for what they share.

mod amwal_wire;
mod binary;
mod callbacks;
mod contract;
mod embed;
mod exposure;
mod faults;
mod guards;
mod idempotency;
mod instances;
mod layers;
mod limits;
mod postgres;
mod proxy;
mod shared_limits;
mod site;
mod slow_clients;
mod store_faults;
mod support;
mod three_instances;
