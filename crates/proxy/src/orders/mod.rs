//! How an order moves: only as Amwal's record, fetched by the proxy, says.

pub mod inbox;
pub mod settle;
pub mod sweep;
