//! Identity: password hashes for secretariat accounts, one-time invitation codes for
//! participants, and the signed tokens (JWT, HS256) that carry role, delegation, scope
//! and expiry to every HTTP request and WebSocket.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use floor_protocol::event::Actor;
use floor_protocol::*;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::Rng;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Who a verified token says the bearer is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub role: Role,
    pub scope: Scope,
    pub participant: Option<ParticipantId>,
    pub account: Option<AccountId>,
    pub delegation: Option<DelegationId>,
    pub display_name: String,
    pub expires_at: Millis,
    /// The participant's token version when the token was issued (`Directory::revoke`
    /// raises it, ending every older token); 0 for accounts.
    pub token_version: i64,
}

impl Identity {
    pub fn actor(&self) -> Actor {
        Actor {
            role: self.role,
            participant: self.participant,
            account: self.account,
            delegation: self.delegation,
        }
    }

    pub fn is_expired(&self, now: Millis) -> bool {
        self.expires_at <= now
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    /// "participant:<id>" or "account:<id>"
    sub: String,
    role: Role,
    scope: Scope,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    delegation: Option<i64>,
    name: String,
    /// Seconds since the epoch, as JWT requires.
    exp: u64,
    iat: u64,
    /// The token version (`Identity::token_version`).
    #[serde(default)]
    ver: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("The token has expired; sign in again.")]
    Expired,
    #[error("The token is not valid.")]
    Invalid,
    #[error("This token was revoked by the secretariat.")]
    Revoked,
}

/// Signs and verifies tokens with the server's secret.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    pub lifetime_ms: i64,
}

impl TokenKeys {
    pub fn new(secret: &[u8], lifetime_ms: i64) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        // Expiry is exact: a token is refused from the second it expires.
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub"]);
        TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            lifetime_ms,
        }
    }

    /// A token for `identity` (whose `expires_at` is set here from `now`).
    pub fn issue(&self, mut identity: Identity, now: Millis) -> anyhow::Result<(String, Identity)> {
        // JWT expiry has whole seconds: say exactly what the token carries.
        identity.expires_at = Millis((now.0 + self.lifetime_ms) / 1000 * 1000);
        self.sign(&identity, now).map(|t| (t, identity))
    }

    /// A token carrying exactly `identity`, expiry included (tests use this for expired tokens).
    pub fn sign(&self, identity: &Identity, now: Millis) -> anyhow::Result<String> {
        let sub = match (identity.participant, identity.account) {
            (Some(p), _) => format!("participant:{p}"),
            (None, Some(a)) => format!("account:{a}"),
            (None, None) => anyhow::bail!("an identity needs a participant or an account"),
        };
        let claims = Claims {
            sub,
            role: identity.role,
            scope: identity.scope,
            delegation: identity.delegation.map(|d| d.0),
            name: identity.display_name.clone(),
            exp: (identity.expires_at.0.max(0) / 1000) as u64,
            iat: (now.0.max(0) / 1000) as u64,
            ver: identity.token_version,
        };
        Ok(encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    pub fn verify(&self, token: &str) -> Result<Identity, TokenError> {
        use jsonwebtoken::errors::ErrorKind;
        let data =
            decode::<Claims>(token, &self.decoding, &self.validation).map_err(|e| {
                match e.kind() {
                    ErrorKind::ExpiredSignature => TokenError::Expired,
                    _ => TokenError::Invalid,
                }
            })?;
        let c = data.claims;
        let (kind, id) = c.sub.split_once(':').ok_or(TokenError::Invalid)?;
        let id: i64 = id.parse().map_err(|_| TokenError::Invalid)?;
        let (participant, account) = match kind {
            "participant" => (Some(ParticipantId(id)), None),
            "account" => (None, Some(AccountId(id))),
            _ => return Err(TokenError::Invalid),
        };
        Ok(Identity {
            role: c.role,
            scope: c.scope,
            participant,
            account,
            delegation: c.delegation.map(DelegationId),
            display_name: c.name,
            expires_at: Millis(c.exp as i64 * 1000),
            token_version: c.ver,
        })
    }
}

/// An argon2id hash in PHC format.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

/// Check `password` against its PHC hash with `memory` as argon2's working memory (grown
/// to what the hash asks for, about 19 MiB by default, and kept by the caller), so that
/// repeated checks reuse one buffer: allocating it afresh for each check left the
/// allocator holding gigabytes after a flood of sign-ins.
pub fn verify_password_in(password: &str, hash: &str, memory: &mut Vec<argon2::Block>) -> bool {
    let mut check = || -> Option<bool> {
        let parsed = PasswordHash::new(hash).ok()?;
        let algorithm = argon2::Algorithm::try_from(parsed.algorithm).ok()?;
        let version = parsed
            .version
            .map(argon2::Version::try_from)
            .transpose()
            .ok()?
            .unwrap_or_default();
        let params = argon2::Params::try_from(&parsed).ok()?;
        let (salt, expected) = (parsed.salt?, parsed.hash?);
        let mut salt_bytes = [0u8; argon2::password_hash::Salt::MAX_LENGTH];
        let salt = salt.decode_b64(&mut salt_bytes).ok()?;
        let blocks = params.block_count();
        if memory.len() < blocks {
            memory.resize(blocks, argon2::Block::default());
        }
        let mut out = vec![0u8; expected.len()];
        Argon2::new(algorithm, version, params)
            .hash_password_into_with_memory(
                password.as_bytes(),
                salt,
                &mut out,
                &mut memory[..blocks],
            )
            .ok()?;
        // `Output`'s comparison takes the same time wherever the bytes differ.
        Some(argon2::password_hash::Output::new(&out).ok()? == expected)
    };
    check().unwrap_or(false)
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Letters and digits that cannot be mistaken for each other when read aloud or typed.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A fresh invitation code such as `K7QM-2RXD-PW4H` (60 bits of randomness).
pub fn new_invitation_code() -> String {
    let mut rng = rand::thread_rng();
    let chars: Vec<char> = (0..12)
        .map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// What is stored for a code: the SHA-256 of its normalised form, so that a database
/// reader cannot redeem it, and spaces, dashes and case do not matter to the person typing.
pub fn invitation_code_hash(code: &str) -> String {
    let normalised: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    hex::encode(Sha256::digest(normalised.as_bytes()))
}

/// A random secret for signing tokens, hex-encoded (256 bits).
pub fn new_signing_secret() -> String {
    let bytes: [u8; 32] = rand::thread_rng().gen();
    hex::encode(bytes)
}

/// A random password for a generated account (never a fixed one).
pub fn new_password() -> String {
    new_invitation_code().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delegate(expires_at: Millis) -> Identity {
        Identity {
            role: Role::Delegate,
            scope: Scope::Session(SessionId(1)),
            participant: Some(ParticipantId(7)),
            account: None,
            delegation: Some(DelegationId(3)),
            display_name: "Delegate of Chile".into(),
            expires_at,
            token_version: 4,
        }
    }

    #[test]
    fn a_token_carries_role_delegation_and_scope() {
        let keys = TokenKeys::new(b"secret", 3_600_000);
        let now = Millis(crate::db::now_ms());
        let (token, issued) = keys.issue(delegate(Millis(0)), now).unwrap();
        let back = keys.verify(&token).unwrap();
        assert_eq!(back.role, Role::Delegate);
        assert_eq!(back.delegation, Some(DelegationId(3)));
        assert_eq!(back.scope, Scope::Session(SessionId(1)));
        assert_eq!(back.token_version, 4);
        assert_eq!(back.expires_at.0 / 1000, issued.expires_at.0 / 1000);
    }

    #[test]
    fn expired_and_forged_tokens_are_refused() {
        let keys = TokenKeys::new(b"secret", 3_600_000);
        let now = crate::db::now_ms();
        let expired = keys
            .sign(&delegate(Millis(now - 1000)), Millis(now - 5000))
            .unwrap();
        assert_eq!(keys.verify(&expired), Err(TokenError::Expired));
        let other = TokenKeys::new(b"another secret", 3_600_000);
        let forged = other
            .sign(&delegate(Millis(now + 60_000)), Millis(now))
            .unwrap();
        assert_eq!(keys.verify(&forged), Err(TokenError::Invalid));
        assert_eq!(keys.verify("not a token"), Err(TokenError::Invalid));
    }

    #[test]
    fn invitation_codes_are_typed_forgivingly() {
        let code = new_invitation_code();
        assert_eq!(code.len(), 14);
        assert_eq!(
            invitation_code_hash(&code),
            invitation_code_hash(&code.to_lowercase().replace('-', " "))
        );
        assert_ne!(
            invitation_code_hash(&code),
            invitation_code_hash(&new_invitation_code())
        );
    }

    #[test]
    fn passwords_verify_only_against_their_hash() {
        let h = hash_password("correct horse").unwrap();
        assert!(verify_password("correct horse", &h));
        assert!(!verify_password("wrong horse", &h));
        let mut memory = Vec::new();
        assert!(verify_password_in("correct horse", &h, &mut memory));
        assert!(!verify_password_in("wrong horse", &h, &mut memory));
        assert!(!verify_password_in(
            "correct horse",
            "not a hash",
            &mut memory
        ));
        // The default parameters: 19 MiB of 1 KiB blocks, kept for the next check.
        assert_eq!(memory.len(), 19 * 1024);
    }
}
