//! The payment-link id gate: only a canonical hyphenated UUID gets through,
//! before any URL is built from it (no `../x`, `%2F`, braces or URNs).

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LinkId(uuid::Uuid);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidLinkId;

impl fmt::Display for InvalidLinkId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("payment link id is not a UUID")
    }
}

impl std::error::Error for InvalidLinkId {}

impl LinkId {
    /// Accepts exactly the 36-character hyphenated form, any letter case.
    pub fn parse(text: &str) -> Result<LinkId, InvalidLinkId> {
        if text.len() != 36 {
            return Err(InvalidLinkId);
        }
        uuid::Uuid::try_parse(text)
            .map(LinkId)
            .map_err(|_| InvalidLinkId)
    }

    pub fn from_uuid(id: uuid::Uuid) -> LinkId {
        LinkId(id)
    }
}

impl fmt::Display for LinkId {
    /// Lower-case hyphenated, the form used in every URL we build.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_canonical_uuids_and_normalises_case() {
        let id = LinkId::parse("550E8400-E29B-41D4-A716-446655440000").expect("valid");
        assert_eq!(id.to_string(), "550e8400-e29b-41d4-a716-446655440000");
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "",
            "../x",
            "%2e%2e",
            "550e8400%2Fe29b-41d4-a716-446655440000",
            "550e8400-e29b-41d4-a716-4466554400001",
            "550e8400-e29b-41d4-a716-44665544000/",
            "550e8400e29b41d4a716446655440000",
            "{550e8400-e29b-41d4-a716-446655440000}",
            "urn:uuid:550e8400-e29b-41d4-a716-446655440000",
            "550e8400-e29b-41d4-a716-44665544000g",
        ] {
            assert_eq!(LinkId::parse(bad), Err(InvalidLinkId), "{bad}");
        }
    }
}
