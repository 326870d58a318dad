//! Request ids, log lines and metrics.

pub mod log;
pub mod metrics;
