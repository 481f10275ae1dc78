//! Credentials for TURN relays in the shared-secret scheme coturn implements
//! (`use-auth-secret` with `static-auth-secret`, from the IETF draft "A REST API for Access
//! to TURN Services"): the username is the credential's expiry in Unix seconds and who it
//! is for, and the password is the Base64 of HMAC-SHA1 of the username under the secret the
//! relay and this server share. The relay checks it without asking the server, and refuses
//! it once expired. `infra/README.md` describes the relay's side.

use base64::Engine;
use floor_protocol::api::IceServer;
use floor_protocol::Millis;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct TurnSettings {
    /// The relay's addresses, e.g. `turn:turn.example.org:3478?transport=udp` and
    /// `turns:turn.example.org:443?transport=tcp`.
    pub urls: Vec<String>,
    /// The secret shared with the relay (coturn's `static-auth-secret`).
    pub secret: String,
    /// How long a credential lasts; a meeting day, so that a reconnect late in the day
    /// still relays.
    pub lifetime: Duration,
}

impl TurnSettings {
    /// A credential for `who`, valid from `now_unix_secs` for the configured lifetime.
    pub fn credential(&self, who: &str, now_unix_secs: u64) -> IceServer {
        let expiry = now_unix_secs + self.lifetime.as_secs();
        // `:` separates the expiry from the rest in coturn's parsing.
        let who: String = who.chars().filter(|c| *c != ':').collect();
        let username = format!("{expiry}:{who}");
        IceServer {
            urls: self.urls.clone(),
            credential: Some(password(&self.secret, &username)),
            username: Some(username),
            expires_at: Some(Millis(expiry as i64 * 1000)),
        }
    }
}

fn password(secret: &str, username: &str) -> String {
    let mut mac =
        <Hmac<Sha1> as Mac>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(username.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_credential_is_the_one_coturn_computes() {
        let turn = TurnSettings {
            urls: vec!["turn:turn.example.org:3478?transport=udp".into()],
            secret: "north-wing-relay".into(),
            lifetime: Duration::from_secs(12 * 3600),
        };
        let server = turn.credential("participant-42", 1_764_633_600);
        assert_eq!(
            server.username.as_deref(),
            Some("1764676800:participant-42")
        );
        // Computed independently: python3 -c 'import hmac,hashlib,base64;
        // print(base64.b64encode(hmac.new(b"north-wing-relay", b"1764676800:participant-42",
        // hashlib.sha1).digest()).decode())'
        assert_eq!(
            server.credential.as_deref(),
            Some("pOizhjmICs4ObRZzVNdNU0G4C78=")
        );
        assert_eq!(server.expires_at, Some(Millis(1_764_676_800_000)));
        assert_eq!(server.urls, turn.urls);
    }

    #[test]
    fn a_colon_in_the_name_cannot_move_the_expiry() {
        let turn = TurnSettings {
            urls: vec![],
            secret: "s".into(),
            lifetime: Duration::from_secs(60),
        };
        let server = turn.credential("9999999999:x", 100);
        assert_eq!(server.username.as_deref(), Some("160:9999999999x"));
    }
}
