//! Log lines on stderr, each tagged with the id of the request it belongs
//! to (`req=…`, the same id as the response's `X-Request-Id`), so one
//! shopper's trouble can be followed from their browser to this log.
//!
//! Nothing here knows the key or contact data: callers log ids, codes and
//! statuses, never bodies or headers.

use std::fmt;
use std::future::Future;

tokio::task_local! {
    static REQUEST_ID: String;
}

/// Runs `f` with `id` as the request id of every line it logs.
pub fn in_request<F: Future>(id: String, f: F) -> impl Future<Output = F::Output> {
    REQUEST_ID.scope(id, f)
}

/// The current request's id, if this code runs inside a request.
pub fn request_id() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// One line: `req=<id> <message>` inside a request, `<message>` outside.
pub fn line(args: fmt::Arguments<'_>) {
    match request_id() {
        Some(id) => eprintln!("req={id} {args}"),
        None => eprintln!("{args}"),
    }
}

/// `log!("…", args)`: like `eprintln!`, tagged with the request id.
#[macro_export]
macro_rules! log {
    ($($arg:tt)*) => { $crate::telemetry::log::line(format_args!($($arg)*)) };
}
