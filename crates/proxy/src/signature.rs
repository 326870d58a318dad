//! Callback signatures as Amwal makes them: RSA-PSS with SHA-256 over the
//! raw body, base64 in `X-Signature`. The sandbox signs; the proxy verifies.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use rsa::pkcs8::{DecodePublicKey, EncodePublicKey, LineEnding};
use rsa::pss::{BlindedSigningKey, Signature, VerifyingKey};
use rsa::sha2::Sha256;
use rsa::signature::{RandomizedSigner, SignatureEncoding, Verifier};
use rsa::{RsaPrivateKey, RsaPublicKey};

/// The sandbox's signing key.
pub struct Signer {
    key: BlindedSigningKey<Sha256>,
    public: RsaPublicKey,
}

impl Signer {
    /// A fresh 2048-bit key (the sandbox makes one per run).
    pub fn generate() -> Result<Signer, String> {
        let private =
            RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).map_err(|e| e.to_string())?;
        let public = private.to_public_key();
        Ok(Signer {
            key: BlindedSigningKey::new(private),
            public,
        })
    }

    /// Base64 of the PSS signature of `body`.
    pub fn sign(&self, body: &[u8]) -> String {
        let sig = self.key.sign_with_rng(&mut rsa::rand_core::OsRng, body);
        BASE64.encode(sig.to_bytes())
    }

    pub fn public_pem(&self) -> String {
        self.public
            .to_public_key_pem(LineEnding::LF)
            .unwrap_or_default()
    }

    pub fn verifier(&self) -> SignatureCheck {
        SignatureCheck {
            key: VerifyingKey::new(self.public.clone()),
        }
    }
}

/// The merchant's side: Amwal's public key.
#[derive(Clone)]
pub struct SignatureCheck {
    key: VerifyingKey<Sha256>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum BadSignature {
    NotBase64,
    Malformed,
    Mismatch,
}

impl SignatureCheck {
    pub fn from_pem(pem: &str) -> Result<SignatureCheck, String> {
        let public = RsaPublicKey::from_public_key_pem(pem.trim())
            .map_err(|e| format!("public key: {e}"))?;
        Ok(SignatureCheck {
            key: VerifyingKey::new(public),
        })
    }

    /// Checks `header` (base64) against the exact bytes received.
    pub fn verify(&self, body: &[u8], header: &str) -> Result<(), BadSignature> {
        let bytes = BASE64
            .decode(header.trim())
            .map_err(|_| BadSignature::NotBase64)?;
        let sig = Signature::try_from(bytes.as_slice()).map_err(|_| BadSignature::Malformed)?;
        self.key
            .verify(body, &sig)
            .map_err(|_| BadSignature::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_holds_only_for_the_exact_body() {
        let signer = Signer::generate().expect("key");
        let check = SignatureCheck::from_pem(&signer.public_pem()).expect("pem");
        let body = br#"{"id":"evt_1","event":"order.success"}"#;
        let sig = signer.sign(body);
        assert_eq!(check.verify(body, &sig), Ok(()));
        let mut changed = body.to_vec();
        changed[10] ^= 1;
        assert_eq!(check.verify(&changed, &sig), Err(BadSignature::Mismatch));
        assert_eq!(
            check.verify(body, "not base64!"),
            Err(BadSignature::NotBase64)
        );
        assert!(check.verify(body, "AAAA").is_err());
        let other = Signer::generate().expect("key");
        assert_eq!(
            check.verify(body, &other.sign(body)),
            Err(BadSignature::Mismatch)
        );
    }
}
