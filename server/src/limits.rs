//! The edge's limits: how often one client address may try to sign in or redeem an
//! invitation, how often one account may be tried, how many commands one participant may
//! send, and how many password checks run at once. Both the HTTP handlers and the
//! WebSocket use the same limiters, so a participant's commands are counted once whichever
//! way they come.
//!
//! Each limit is a generic cell rate (`governor`): a bucket of `burst` attempts that
//! refills at the configured rate. A refused attempt carries how long until the next one
//! would be accepted; HTTP answers it as `429` with `Retry-After`, the WebSocket as an
//! `error` frame with `retry_after_ms`.

use crate::auth::Identity;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// The limits an operator sets (`floor --help`, `FLOOR_*_PER_*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitSettings {
    /// Sign-in attempts per username per minute (known or not).
    pub sign_ins_per_account_per_minute: u32,
    /// Sign-in attempts per client address per minute.
    pub sign_ins_per_address_per_minute: u32,
    /// Invitation redemptions per client address per minute.
    pub redemptions_per_address_per_minute: u32,
    /// Commands (meeting and documents) per participant or account per second, sustained.
    pub commands_per_second: u32,
    /// Commands one participant may send at once before the rate applies.
    pub command_burst: u32,
    /// Password checks (argon2id, about 19 MiB each) running at the same time.
    pub password_checks: usize,
    /// Take the client address from `X-Forwarded-For` (set only behind a proxy that
    /// overwrites it); otherwise the address of the TCP peer.
    pub trust_forwarded_for: bool,
}

impl Default for LimitSettings {
    fn default() -> Self {
        LimitSettings {
            sign_ins_per_account_per_minute: 10,
            sign_ins_per_address_per_minute: 60,
            // A venue puts many delegates behind one address, all redeeming at the start.
            redemptions_per_address_per_minute: 120,
            commands_per_second: 10,
            command_burst: 30,
            password_checks: default_password_checks(),
            trust_forwarded_for: false,
        }
    }
}

/// Half the machine's cores (at least one): password checks never take every core from
/// the requests and WebSockets being served.
pub fn default_password_checks() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get().div_ceil(2))
        .unwrap_or(1)
}

/// An attempt over its limit: when the next one would be accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limited {
    pub retry_after: Duration,
    pub what: LimitKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    SignIn,
    /// More sign-ins waiting for a password check than the queue holds.
    SignInQueue,
    Redemption,
    Command,
}

impl Limited {
    /// `Retry-After` is in whole seconds: rounded up, so that a client that waits exactly
    /// that long is accepted.
    pub fn retry_after_secs(&self) -> u64 {
        self.retry_after.as_millis().div_ceil(1000).max(1) as u64
    }

    pub fn retry_after_ms(&self) -> u64 {
        (self.retry_after.as_millis() as u64).max(1)
    }

    pub fn message(&self) -> String {
        let what = match self.what {
            LimitKind::SignIn => "Too many sign-in attempts",
            LimitKind::SignInQueue => "Too many sign-ins at once",
            LimitKind::Redemption => "Too many invitation codes tried",
            LimitKind::Command => "Too many commands",
        };
        match self.retry_after_secs() {
            1 => format!("{what}; try again in 1 second. Nothing was changed."),
            n => format!("{what}; try again in {n} seconds. Nothing was changed."),
        }
    }
}

/// Who sends commands: a participant or a secretariat account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Sender {
    Participant(i64),
    Account(i64),
}

/// Sign-ins that may wait per password check that can run at once (with one check of about
/// 50 ms at a time, the last of them waits about 3 s).
pub const PASSWORD_QUEUE_PER_CHECK: usize = 64;

/// Counts one waiting sign-in for as long as it waits (dropped with its request too).
struct Waiting<'a>(&'a std::sync::atomic::AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// The node's limiters, shared by every worker.
pub struct Limits {
    pub settings: LimitSettings,
    sign_ins_by_account: DefaultKeyedRateLimiter<String>,
    sign_ins_by_address: DefaultKeyedRateLimiter<IpAddr>,
    redemptions_by_address: DefaultKeyedRateLimiter<IpAddr>,
    commands: DefaultKeyedRateLimiter<Sender>,
    password_checks: Arc<Semaphore>,
    /// Sign-ins waiting for a password check now; beyond [`PASSWORD_QUEUE_PER_CHECK`] per
    /// check, more are refused at once instead of queueing without end.
    password_waiting: std::sync::atomic::AtomicUsize,
    /// argon2's working memory, one buffer per check that may run at once, reused.
    password_memory: Arc<std::sync::Mutex<Vec<Vec<argon2::Block>>>>,
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n.max(1)).expect("at least one"))
}

impl Limits {
    pub fn new(settings: LimitSettings) -> Self {
        let commands = Quota::per_second(
            NonZeroU32::new(settings.commands_per_second.max(1)).expect("at least one"),
        )
        .allow_burst(NonZeroU32::new(settings.command_burst.max(1)).expect("at least one"));
        Limits {
            sign_ins_by_account: RateLimiter::keyed(per_minute(
                settings.sign_ins_per_account_per_minute,
            )),
            sign_ins_by_address: RateLimiter::keyed(per_minute(
                settings.sign_ins_per_address_per_minute,
            )),
            redemptions_by_address: RateLimiter::keyed(per_minute(
                settings.redemptions_per_address_per_minute,
            )),
            commands: RateLimiter::keyed(commands),
            password_checks: Arc::new(Semaphore::new(settings.password_checks.max(1))),
            password_waiting: Default::default(),
            password_memory: Arc::default(),
            settings,
        }
    }

    /// One sign-in attempt from `address` for `username`: both limits must allow it.
    /// The username is counted whether or not such an account exists, so the answer
    /// does not tell which usernames exist.
    pub fn sign_in(&self, address: IpAddr, username: &str) -> Result<(), Limited> {
        check(&self.sign_ins_by_address, &address, LimitKind::SignIn)?;
        let account = username.trim().to_lowercase();
        check(&self.sign_ins_by_account, &account, LimitKind::SignIn)
    }

    pub fn redemption(&self, address: IpAddr) -> Result<(), Limited> {
        check(
            &self.redemptions_by_address,
            &address,
            LimitKind::Redemption,
        )
    }

    /// One command from the bearer of `who`, over HTTP or WebSocket.
    pub fn command(&self, who: &Identity) -> Result<(), Limited> {
        let sender = match (who.participant, who.account) {
            (Some(p), _) => Sender::Participant(p.0),
            (None, Some(a)) => Sender::Account(a.0),
            // A token always names one or the other (`TokenKeys::verify`).
            (None, None) => return Ok(()),
        };
        check(&self.commands, &sender, LimitKind::Command)
    }

    /// Check `password` against `hash` (or against a hash of nothing, taking the same
    /// time, when there is no account) on the blocking pool, never more than
    /// `password_checks` at once, each in one of as many reused 19 MiB buffers: memory
    /// stays bounded by that many checks however many arrive, and the async workers keep
    /// serving while they run.
    /// When more sign-ins wait than [`PASSWORD_QUEUE_PER_CHECK`] per check, the next is
    /// refused at once (`Err(Limited)`, answered 429) so that a flood cannot keep a real
    /// user in the queue for minutes.
    pub async fn verify_password(
        &self,
        password: String,
        hash: String,
    ) -> anyhow::Result<Result<bool, Limited>> {
        let waiting = Waiting(&self.password_waiting);
        let ahead = self
            .password_waiting
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if ahead >= self.settings.password_checks.max(1) * PASSWORD_QUEUE_PER_CHECK {
            crate::metrics::rate_limited(LimitKind::SignInQueue);
            return Ok(Err(Limited {
                retry_after: Duration::from_secs(1),
                what: LimitKind::SignInQueue,
            }));
        }
        let permit = self.password_checks.clone().acquire_owned().await?;
        drop(waiting);
        let buffers = self.password_memory.clone();
        let ok = tokio::task::spawn_blocking(move || {
            // Held by the check itself: a caller that goes away does not free the slot
            // early, and the buffer goes back before the slot is freed.
            let _permit = permit;
            let mut memory = buffers
                .lock()
                .map(|mut b| b.pop())
                .ok()
                .flatten()
                .unwrap_or_default();
            let ok = crate::auth::verify_password_in(&password, &hash, &mut memory);
            if let Ok(mut b) = buffers.lock() {
                b.push(memory);
            }
            ok
        })
        .await?;
        Ok(Ok(ok))
    }

    /// Forget the keys that are back to a full bucket, so that the maps do not grow with
    /// every address and username ever seen.
    pub fn forget_idle(&self) {
        self.sign_ins_by_account.retain_recent();
        self.sign_ins_by_address.retain_recent();
        self.redemptions_by_address.retain_recent();
        self.commands.retain_recent();
        self.sign_ins_by_account.shrink_to_fit();
        self.sign_ins_by_address.shrink_to_fit();
        self.redemptions_by_address.shrink_to_fit();
        self.commands.shrink_to_fit();
    }
}

fn check<K: Hash + Eq + Clone>(
    limiter: &DefaultKeyedRateLimiter<K>,
    key: &K,
    what: LimitKind,
) -> Result<(), Limited> {
    limiter.check_key(key).map_err(|not_until| {
        crate::metrics::rate_limited(what);
        Limited {
            retry_after: not_until.wait_time_from(DefaultClock::default().now()),
            what,
        }
    })
}

/// The client's address as these limits see it: an IPv6 client by its /64, since one
/// host commonly holds a whole /64 and could otherwise draw a fresh key per request.
pub fn client_address(req: &actix_web::HttpRequest, trust_forwarded_for: bool) -> IpAddr {
    if trust_forwarded_for {
        // The proxy appends the address it saw last; that is the one it vouches for.
        let forwarded = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<IpAddr>().ok());
        if let Some(ip) = forwarded {
            return network(ip);
        }
    }
    network(
        req.peer_addr()
            .map(|a| a.ip())
            .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED)),
    )
}

/// The key an address is limited under: IPv4 as it is (IPv4-mapped IPv6 too), IPv6 by its
/// first 64 bits.
fn network(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(std::net::Ipv6Addr::from(
                u128::from(v6) & !((1u128 << 64) - 1),
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_host_is_limited_by_its_64_bit_network() {
        let key = |s: &str| network(s.parse().unwrap());
        assert_eq!(key("2001:db8:1:2::1"), key("2001:db8:1:2:ffff:ee:dd:cc"));
        assert_eq!(key("2001:db8:1:2::1"), key("2001:db8:1:2::"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:192.0.2.7"), key("192.0.2.7"));
        assert_ne!(key("192.0.2.7"), key("192.0.2.8"));
    }

    fn settings() -> LimitSettings {
        LimitSettings {
            sign_ins_per_account_per_minute: 3,
            sign_ins_per_address_per_minute: 5,
            redemptions_per_address_per_minute: 2,
            commands_per_second: 1,
            command_burst: 2,
            password_checks: 1,
            trust_forwarded_for: false,
        }
    }

    #[test]
    fn an_account_is_limited_however_its_name_is_typed() {
        let limits = Limits::new(settings());
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        for name in ["chair", " Chair", "CHAIR "] {
            assert!(limits.sign_in(ip, name).is_ok());
        }
        let refused = limits.sign_in(ip, "chair").unwrap_err();
        assert_eq!(refused.what, LimitKind::SignIn);
        assert!(refused.retry_after_secs() >= 1 && refused.retry_after_secs() <= 20);
        // Another account from the same address is still allowed (the address has 5).
        assert!(limits.sign_in(ip, "other").is_ok());
    }

    #[test]
    fn an_address_is_limited_across_accounts() {
        let limits = Limits::new(settings());
        let ip: IpAddr = "10.0.0.2".parse().unwrap();
        for i in 0..5 {
            assert!(limits.sign_in(ip, &format!("user{i}")).is_ok());
        }
        assert!(limits.sign_in(ip, "user9").is_err());
        assert!(limits.sign_in("10.0.0.3".parse().unwrap(), "user9").is_ok());
    }
}
