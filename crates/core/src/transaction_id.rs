//! Amwal's transaction ids are opaque to us: UUIDs in most answers, but the
//! documented examples include `txn_67890`. Any id is accepted only in a
//! safe alphabet (letters, digits, `-`, `_`, `.`) and up to 100 characters,
//! so it can be stored, logged and put in a URL path (escaped all the same)
//! without surprises.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TransactionId(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidTransactionId;

impl fmt::Display for InvalidTransactionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("transaction id must be 1 to 100 letters, digits, '-', '_' or '.'")
    }
}

impl std::error::Error for InvalidTransactionId {}

/// Longest id accepted (UUIDs are 36; nothing Amwal documents is longer).
pub const MAX_LEN: usize = 100;

impl TransactionId {
    pub fn parse(text: &str) -> Result<TransactionId, InvalidTransactionId> {
        let safe = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
        // "." and ".." alone would be path segments of their own.
        let dots_only = text.bytes().all(|b| b == b'.');
        if text.is_empty() || text.len() > MAX_LEN || dots_only || !text.bytes().all(safe) {
            return Err(InvalidTransactionId);
        }
        Ok(TransactionId(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TransactionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_and_amwals_documented_ids_are_accepted_as_given() {
        for ok in [
            "c037cf31-0402-4706-a3be-973f8bc2e64c",
            "C037CF31-0402-4706-A3BE-973F8BC2E64C",
            "txn_67890",
            "amwal_order_12345",
            "pay.ref.1",
        ] {
            assert_eq!(
                TransactionId::parse(ok).map(|t| t.to_string()).as_deref(),
                Ok(ok)
            );
        }
    }

    #[test]
    fn anything_that_could_change_a_path_or_a_log_line_is_refused() {
        let long = "a".repeat(MAX_LEN + 1);
        for bad in [
            "",
            ".",
            "..",
            "../x",
            "a/b",
            "a%2Fb",
            "a b",
            "a?b",
            "a#b",
            "a\nb",
            "تحويل",
            "a\\b",
            &long,
        ] {
            assert_eq!(
                TransactionId::parse(bad),
                Err(InvalidTransactionId),
                "{bad:?}"
            );
        }
    }
}
