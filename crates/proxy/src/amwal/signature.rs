//! Callback signatures as Amwal makes them: RSA-PSS, SHA-256 and MGF1-SHA-256,
//! base64 in `X-Signature`.
//!
//! - An `order.*` webhook is signed over its raw body.
//! - A link's callback is signed over a canonical text of seven of its
//!   fields (see [`canonical_text`]), not over the body.
//! - The salt length is Amwal's "auto": not fixed. It is read from the
//!   signature itself (one public-key operation), then the `rsa` crate
//!   verifies with that length. A wrong reading can only refuse, never
//!   accept: acceptance is always the crate's own PSS check.

use super::wire::LINK_CALLBACK_SIGNED_FIELDS;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use rsa::hazmat::rsa_encrypt;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs8::{
    DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey, LineEnding,
};
use rsa::pss::{BlindedSigningKey, Signature, VerifyingKey};
use rsa::sha2::{Digest, Sha256};
use rsa::signature::{RandomizedSigner, SignatureEncoding, Verifier};
use rsa::traits::PublicKeyParts;
use rsa::{BigUint, RsaPrivateKey, RsaPublicKey};
use serde_json::{Map, Value};

const HASH_LEN: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadSignature {
    Missing,
    NotBase64,
    Malformed,
    Mismatch,
}

impl std::fmt::Display for BadSignature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BadSignature::Missing => "X-Signature is missing",
            BadSignature::NotBase64 => "X-Signature is not base64",
            BadSignature::Malformed => "X-Signature is not a signature of this key's size",
            BadSignature::Mismatch => "X-Signature does not match",
        })
    }
}

/// Why a key file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadKey(pub String);

impl std::fmt::Display for BadKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "callback key: {}", self.0)
    }
}

/// The merchant's side: the public key that checks Amwal's signatures.
#[derive(Clone)]
pub struct CallbackKey {
    public: RsaPublicKey,
}

impl CallbackKey {
    /// Takes what Amwal hands out (the private key PEM from webhook
    /// registration, PKCS#8 or PKCS#1: the public key is derived) or a
    /// public key PEM (SubjectPublicKeyInfo or PKCS#1).
    pub fn from_pem(pem: &str) -> Result<CallbackKey, BadKey> {
        let pem = pem.trim();
        let public = if pem.contains("PRIVATE KEY-----") {
            RsaPrivateKey::from_pkcs8_pem(pem)
                .or_else(|_| RsaPrivateKey::from_pkcs1_pem(pem))
                .map_err(|_| BadKey("not an RSA private key in PEM form".into()))?
                .to_public_key()
        } else {
            RsaPublicKey::from_public_key_pem(pem)
                .or_else(|_| RsaPublicKey::from_pkcs1_pem(pem))
                .map_err(|_| BadKey("not an RSA public or private key in PEM form".into()))?
        };
        Ok(CallbackKey { public })
    }

    pub fn public_pem(&self) -> String {
        self.public
            .to_public_key_pem(LineEnding::LF)
            .unwrap_or_default()
    }

    /// Checks `header` (base64) against the exact bytes that were signed.
    pub fn verify(&self, signed: &[u8], header: Option<&str>) -> Result<(), BadSignature> {
        self.verify_any(&[signed], header)
    }

    /// Checks `header` against each candidate text in turn; passes if one
    /// matches. The salt length is read once: then one RSA operation per
    /// candidate.
    fn verify_any(&self, candidates: &[&[u8]], header: Option<&str>) -> Result<(), BadSignature> {
        let header = header.ok_or(BadSignature::Missing)?;
        let bytes = BASE64
            .decode(header.trim())
            .map_err(|_| BadSignature::NotBase64)?;
        if bytes.len() != self.public.size() {
            return Err(BadSignature::Malformed);
        }
        let sig = Signature::try_from(bytes.as_slice()).map_err(|_| BadSignature::Malformed)?;
        let salt = self.salt_len(&bytes).ok_or(BadSignature::Mismatch)?;
        let key = VerifyingKey::<Sha256>::new_with_salt_len(self.public.clone(), salt);
        if candidates.iter().any(|text| key.verify(text, &sig).is_ok()) {
            Ok(())
        } else {
            Err(BadSignature::Mismatch)
        }
    }

    /// A link callback. Amwal does not say whether non-ASCII text is signed
    /// `\uXXXX`-escaped (Python's `json.dumps` default) or as UTF-8, nor what
    /// stands for a signed field the body lacks: each form is tried (at most
    /// four texts; usually one or two).
    pub fn verify_link_callback(
        &self,
        body: &Map<String, Value>,
        header: Option<&str>,
    ) -> Result<(), BadSignature> {
        let mut texts: Vec<String> = Vec::with_capacity(4);
        for missing in [Missing::Omitted, Missing::Null] {
            for escape in [Escape::Ascii, Escape::Utf8] {
                let text = canonical_text_with(body, escape, missing);
                if !texts.contains(&text) {
                    texts.push(text);
                }
            }
        }
        let candidates: Vec<&[u8]> = texts.iter().map(|t| t.as_bytes()).collect();
        self.verify_any(&candidates, header)
    }

    /// The PSS salt length the signer used, read from the encoded message
    /// (RFC 8017 9.1.2 steps 7 to 10): `None` when it is not PSS at all.
    fn salt_len(&self, sig: &[u8]) -> Option<usize> {
        let n = self.public.n();
        let s = BigUint::from_bytes_be(sig);
        if &s >= n {
            return None;
        }
        let m = rsa_encrypt(&self.public, &s).ok()?;
        let em_bits = n.bits() - 1;
        let em_len = em_bits.div_ceil(8);
        let m = m.to_bytes_be();
        if m.len() > em_len || em_len < HASH_LEN + 2 {
            return None;
        }
        let mut em = vec![0u8; em_len - m.len()];
        em.extend_from_slice(&m);
        if em.last() != Some(&0xbc) {
            return None;
        }
        let (masked, rest) = em.split_at(em_len - HASH_LEN - 1);
        let h = &rest[..HASH_LEN];
        let mut db: Vec<u8> = masked
            .iter()
            .zip(mgf1(h, masked.len()))
            .map(|(a, b)| a ^ b)
            .collect();
        // The bits above em_bits are zero by definition.
        if let Some(first) = db.first_mut() {
            *first &= 0xffu8 >> (8 * em_len - em_bits);
        }
        let one = db.iter().position(|b| *b != 0)?;
        (db[one] == 0x01).then(|| db.len() - one - 1)
    }
}

/// MGF1 with SHA-256 (RFC 8017 B.2.1).
fn mgf1(seed: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + HASH_LEN);
    let mut counter: u32 = 0;
    while out.len() < len {
        let mut h = Sha256::new();
        h.update(seed);
        h.update(counter.to_be_bytes());
        out.extend_from_slice(&h.finalize());
        counter += 1;
    }
    out.truncate(len);
    out
}

/// How non-ASCII text is written in the canonical text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// `\uXXXX`, lowercase, surrogate pairs: Python's `ensure_ascii=True`.
    Ascii,
    /// As is, in UTF-8: `ensure_ascii=False`.
    Utf8,
}

/// What stands in the canonical text for a signed field the body lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// Left out.
    Omitted,
    /// `null`, as Python's `body.get(field)` would give.
    Null,
}

/// What a link callback's signature covers: exactly the seven signed fields
/// present in `body`, keys sorted, written as Python's
/// `json.dumps(d, sort_keys=True)` writes them (`", "` between members,
/// `": "` after keys).
pub fn canonical_text(body: &Map<String, Value>, escape: Escape) -> String {
    canonical_text_with(body, escape, Missing::Omitted)
}

pub fn canonical_text_with(body: &Map<String, Value>, escape: Escape, missing: Missing) -> String {
    let picked: Map<String, Value> = LINK_CALLBACK_SIGNED_FIELDS
        .iter()
        .filter_map(|k| match (body.get(*k), missing) {
            (Some(v), _) => Some(((*k).to_owned(), v.clone())),
            (None, Missing::Null) => Some(((*k).to_owned(), Value::Null)),
            (None, Missing::Omitted) => None,
        })
        .collect();
    let mut out = String::new();
    python_json(&Value::Object(picked), escape, &mut out);
    out
}

fn python_json(v: &Value, escape: Escape, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => python_string(s, escape, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                python_json(item, escape, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                python_string(k, escape, out);
                out.push_str(": ");
                python_json(&map[k], escape, out);
            }
            out.push('}');
        }
    }
}

fn python_string(s: &str, escape: Escape, out: &mut String) {
    use std::fmt::Write;
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            // ensure_ascii escapes everything outside 0x20..=0x7e, DEL too.
            c if escape == Escape::Ascii && (c == '\u{7f}' || !c.is_ascii()) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Amwal's side, for the embedded sandbox: a key pair that signs with the
/// maximum salt length (what Python's `PSS.MAX_LENGTH` signers use).
pub struct Signer {
    private: RsaPrivateKey,
    key: BlindedSigningKey<Sha256>,
}

impl Signer {
    /// A fresh 2048-bit key.
    pub fn generate() -> Result<Signer, BadKey> {
        let private = RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048)
            .map_err(|e| BadKey(e.to_string()))?;
        Ok(Signer::from_private(private))
    }

    pub fn from_pem(pem: &str) -> Result<Signer, BadKey> {
        let private = RsaPrivateKey::from_pkcs8_pem(pem.trim())
            .or_else(|_| RsaPrivateKey::from_pkcs1_pem(pem.trim()))
            .map_err(|_| BadKey("not an RSA private key in PEM form".into()))?;
        Ok(Signer::from_private(private))
    }

    fn from_private(private: RsaPrivateKey) -> Signer {
        // emLen - hLen - 2, with emLen = ceil((modBits - 1) / 8).
        let em_len = (private.n().bits() - 1).div_ceil(8);
        let max_salt = em_len.saturating_sub(HASH_LEN + 2);
        Signer {
            key: BlindedSigningKey::new_with_salt_len(private.clone(), max_salt),
            private,
        }
    }

    /// Base64 of the PSS signature of `bytes`.
    pub fn sign(&self, bytes: &[u8]) -> String {
        let sig = self.key.sign_with_rng(&mut rsa::rand_core::OsRng, bytes);
        BASE64.encode(sig.to_bytes())
    }

    /// The private key as Amwal's registration hands it out (PKCS#8 PEM).
    pub fn private_pem(&self) -> String {
        self.private
            .to_pkcs8_pem(LineEnding::LF)
            .map(|p| p.to_string())
            .unwrap_or_default()
    }

    pub fn callback_key(&self) -> CallbackKey {
        CallbackKey {
            public: self.private.to_public_key(),
        }
    }

    /// SHA-256 of the public key's DER, in hex: what the sandbox sends as
    /// `X-API-Key` (Amwal does not say how its fingerprint is made).
    pub fn fingerprint(&self) -> String {
        let der = self
            .private
            .to_public_key()
            .to_public_key_der()
            .map(|d| d.as_bytes().to_vec())
            .unwrap_or_default();
        Sha256::digest(der)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}
