//! Log lines on stderr, each tagged with the id of the request it belongs
//! to (`req=…`, the same id as the response's `X-Request-Id`), so one
//! shopper's trouble can be followed from their browser to this log.
//!
//! Nothing here knows the key or contact data: callers log ids, codes and
//! statuses, never bodies or headers.

use std::borrow::Cow;
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

/// One line: `req=<id> <message>` inside a request, `<message>` outside,
/// escaped, since a message may quote what a caller wrote.
pub fn line(args: fmt::Arguments<'_>) {
    let text = args.to_string();
    let text = escape(&text);
    match request_id() {
        Some(id) => eprintln!("req={id} {text}"),
        None => eprintln!("{text}"),
    }
}

/// `log!("…", args)`: like `eprintln!`, tagged with the request id.
#[macro_export]
macro_rules! log {
    ($($arg:tt)*) => { $crate::telemetry::log::line(format_args!($($arg)*)) };
}

/// `text` with what could break or disguise a log line escaped: control
/// characters (C0, DEL, C1, which include line ends), the line and paragraph
/// separators, and the bidirectional overrides that reorder what is shown.
pub fn escape(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn line_breaks_and_direction_overrides_are_escaped_arabic_is_not() {
        assert_eq!(escape("a\nreq=x\r\u{85}b"), "a\\u{a}req=x\\u{d}\\u{85}b");
        assert_eq!(escape("\u{1b}[31mred\u{202e}"), "\\u{1b}[31mred\\u{202e}");
        assert_eq!(escape("\u{2028}"), "\\u{2028}");
        // Arabic letters and the marks Arabic text uses stay as they are.
        assert_eq!(escape("طلب ١٠\u{200c}\u{200f}"), "طلب ١٠\u{200c}\u{200f}");
    }
}
