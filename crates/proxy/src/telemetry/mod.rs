//! Request ids, log lines and metrics.

pub mod access_log;
pub mod log;
pub mod metrics;
pub mod request_id;
