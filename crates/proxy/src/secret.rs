//! A secret (the Amwal API key) that never prints: `{:?}` shows `***`.

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl FromStr for Secret {
    type Err = Infallible;

    fn from_str(s: &str) -> Result<Secret, Infallible> {
        Ok(Secret(s.to_owned()))
    }
}

/// A service URL (database, Redis) fit for a log line: its password and
/// query (which may carry one) replaced.
pub fn url_for_logs(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut shown) => {
            if shown.password().is_some() {
                let _ = shown.set_password(Some("***"));
            }
            if shown.query().is_some() {
                shown.set_query(Some("…"));
            }
            shown.to_string()
        }
        Err(_) => "(unreadable URL)".to_owned(),
    }
}

/// Compares secrets without an early exit that would leak their prefix.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_the_value() {
        let key = Secret::new("sandbox-amwal-0123");
        assert_eq!(format!("{key:?}"), "Secret(***)");
        assert_eq!(key.expose(), "sandbox-amwal-0123");
    }
}
