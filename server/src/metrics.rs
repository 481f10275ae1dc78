//! The node's figures for operators, in Prometheus' text format at `GET /metrics`.
//!
//! Code records through the `metrics` facade (one call where something already happens:
//! a WebSocket opens, a command is decided, an event is appended or fanned out, a bus
//! publish fails, a rate limit refuses); the Prometheus exporter's recorder keeps them and
//! this module's handler renders them. The SFU's counters are not recorded twice: they are
//! read from the SFU task at each scrape (the same [`MediaStats`] as `GET
//! /api/media/stats`) and set as absolute values.
//!
//! Names follow Prometheus' conventions: `floor_` first, the unit in the name
//! (`_seconds`), `_total` on counters. Every name is a constant below and described (HELP)
//! at start-up; those without labels, or with a fixed set of them, are registered at zero
//! so that a dashboard finds them before anything happened.
//!
//! Who may read them: clients whose address is in `FLOOR_METRICS_ALLOW` (default: this
//! machine only), or that present `FLOOR_METRICS_TOKEN` as a bearer token; anyone else is
//! answered 403 `forbidden`, with a sentence naming both settings.

use crate::error::ApiError;
use crate::media::MediaStats;
use crate::startup::AppState;
use actix_web::{get, web, HttpRequest, HttpResponse};
use ipnet::IpNet;
use metrics::{counter, describe_counter, describe_gauge, describe_histogram, gauge, Unit};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::net::IpAddr;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// WebSocket connections open now (gauge).
pub const WEBSOCKET_CONNECTIONS: &str = "floor_websocket_connections";
/// Events appended to the logs by this node (counter; label `log`: `meeting`, `documents`).
pub const EVENTS_APPENDED: &str = "floor_events_appended_total";
/// From a meeting command's arrival at the hub to its answer (histogram; labels `command`
/// and `outcome`: `accepted`, `resent`, `rejected`, `refused`, `failed`).
pub const COMMAND_DURATION: &str = "floor_command_duration_seconds";
/// From an event's broadcast to its frame being queued for one connection (histogram).
pub const FANOUT_LAG: &str = "floor_fanout_lag_seconds";
/// Connections closed with `too_slow` (counter).
pub const SLOW_CONSUMERS_DROPPED: &str = "floor_slow_consumers_dropped_total";
/// Event bus (Redis) subscriptions re-established after a lost connection (counter).
pub const BUS_RECONNECTS: &str = "floor_bus_reconnects_total";
/// Events that could not be published on the event bus (counter).
pub const BUS_PUBLISH_FAILURES: &str = "floor_bus_publish_failures_total";
/// Attempts refused by a rate limit (counter; label `limit`: `sign_in`, `sign_in_queue`,
/// `redemption`, `command`).
pub const RATE_LIMITED: &str = "floor_rate_limited_total";
/// Media connections open now (gauge), and of those, still completing ICE and DTLS.
pub const MEDIA_PEERS: &str = "floor_media_peers";
pub const MEDIA_PEERS_CONNECTING: &str = "floor_media_peers_connecting";
/// RTP packets received from publishers (counter).
pub const MEDIA_PACKETS_RECEIVED: &str = "floor_media_packets_received_total";
/// RTP packets sent to listeners; one received packet may go to many (counter).
pub const MEDIA_PACKETS_FORWARDED: &str = "floor_media_packets_forwarded_total";
/// Received packets not forwarded (counter; label `reason`: `unrouted`, `over_limit`).
pub const MEDIA_PACKETS_DROPPED: &str = "floor_media_packets_dropped_total";
/// Packets publishers sent that never arrived: sequence numbers skipped (counter).
pub const MEDIA_PACKETS_LOST: &str = "floor_media_packets_lost_total";
/// Datagrams the SFU could not hand to the socket at once, and dropped (counter).
pub const MEDIA_DATAGRAMS_UNSENT: &str = "floor_media_datagrams_unsent_total";
/// Keyframe requests passed to publishers (counter).
pub const MEDIA_KEYFRAME_REQUESTS: &str = "floor_media_keyframe_requests_total";
pub const MEDIA_KEYFRAME_REQUESTS_HELD: &str = "floor_media_keyframe_requests_held_total";
/// Media connections removed (counter; label `reason`: `failed`, `never_connected`).
pub const MEDIA_CONNECTIONS_REMOVED: &str = "floor_media_connections_removed_total";
/// Media offers refused (counter; label `reason`: `participant_limit`, `meeting_full`).
pub const MEDIA_OFFERS_REFUSED: &str = "floor_media_offers_refused_total";
/// Other nodes of the cluster whose media this node has heard of (gauge).
pub const MEDIA_RELAY_NODES: &str = "floor_media_relay_nodes";
/// Packets relayed between nodes (counter; label `direction`: `out`, `in`).
pub const MEDIA_PACKETS_RELAYED: &str = "floor_media_packets_relayed_total";
/// Relay datagrams refused: from no known node, naming an unknown publisher, or malformed
/// (counter).
pub const MEDIA_RELAY_REFUSED: &str = "floor_media_relay_refused_total";

/// Upper bounds of the command latency buckets, in seconds (a command is a database
/// transaction: milliseconds, up to seconds when a secret ballot's close waits).
const COMMAND_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];
/// Upper bounds of the fan-out lag buckets, in seconds (microseconds when idle).
const FANOUT_BUCKETS: &[f64] = &[
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0,
];

static RECORDER: OnceLock<PrometheusHandle> = OnceLock::new();

/// Install the process's recorder (once; later calls reuse it), describe every figure and
/// register those with known labels at zero. Histograms are rendered with buckets, so that
/// dashboards can take quantiles over nodes.
pub fn install() -> anyhow::Result<PrometheusHandle> {
    if let Some(handle) = RECORDER.get() {
        return Ok(handle.clone());
    }
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Full(COMMAND_DURATION.into()), COMMAND_BUCKETS)?
        .set_buckets_for_metric(Matcher::Full(FANOUT_LAG.into()), FANOUT_BUCKETS)?
        .install_recorder()?;
    let handle = RECORDER.get_or_init(|| handle).clone();
    describe();
    // Histogram samples wait in the recorder until rendered; drained between scrapes too.
    let upkeep = handle.clone();
    std::thread::Builder::new()
        .name("metrics-upkeep".into())
        .spawn(move || loop {
            std::thread::sleep(Duration::from_secs(5));
            upkeep.run_upkeep();
        })?;
    Ok(handle)
}

fn describe() {
    describe_gauge!(WEBSOCKET_CONNECTIONS, "WebSocket connections open now.");
    describe_counter!(EVENTS_APPENDED, "Events appended to the logs by this node.");
    describe_histogram!(
        COMMAND_DURATION,
        Unit::Seconds,
        "Meeting commands, from arrival at the hub to the answer, by command and outcome."
    );
    describe_histogram!(
        FANOUT_LAG,
        Unit::Seconds,
        "From an event's broadcast to its frame being queued for one connection."
    );
    describe_counter!(
        SLOW_CONSUMERS_DROPPED,
        "Connections closed as too slow (fell 4096 events behind or a write took 10 s)."
    );
    describe_counter!(BUS_RECONNECTS, "Event bus subscriptions re-established.");
    describe_counter!(
        BUS_PUBLISH_FAILURES,
        "Messages the event bus could not publish (other nodes catch up from the log)."
    );
    describe_counter!(RATE_LIMITED, "Attempts refused by a rate limit.");
    describe_gauge!(MEDIA_PEERS, "Media connections open now.");
    describe_gauge!(
        MEDIA_PEERS_CONNECTING,
        "Media connections still completing ICE and DTLS."
    );
    describe_counter!(
        MEDIA_PACKETS_RECEIVED,
        "RTP packets received from publishers."
    );
    describe_counter!(MEDIA_PACKETS_FORWARDED, "RTP packets sent to listeners.");
    describe_counter!(MEDIA_PACKETS_DROPPED, "Received RTP packets not forwarded.");
    describe_counter!(
        MEDIA_PACKETS_LOST,
        "RTP packets lost on the way from publishers (sequence numbers skipped)."
    );
    describe_counter!(
        MEDIA_DATAGRAMS_UNSENT,
        "Datagrams dropped because the socket could not take them at once."
    );
    describe_counter!(
        MEDIA_KEYFRAME_REQUESTS,
        "Keyframe requests passed to publishers."
    );
    describe_counter!(
        MEDIA_KEYFRAME_REQUESTS_HELD,
        "Keyframe requests held back because their publisher was asked under 500 ms before."
    );
    describe_counter!(MEDIA_CONNECTIONS_REMOVED, "Media connections removed.");
    describe_counter!(MEDIA_OFFERS_REFUSED, "Media offers refused.");

    gauge!(WEBSOCKET_CONNECTIONS).set(0.0);
    for log in ["meeting", "documents"] {
        counter!(EVENTS_APPENDED, "log" => log).absolute(0);
    }
    counter!(SLOW_CONSUMERS_DROPPED).absolute(0);
    counter!(BUS_RECONNECTS).absolute(0);
    counter!(BUS_PUBLISH_FAILURES).absolute(0);
    for limit in ["sign_in", "sign_in_queue", "redemption", "command"] {
        counter!(RATE_LIMITED, "limit" => limit).absolute(0);
    }
    media(&MediaStats::default());
}

/// Set the SFU's figures from its counters.
fn media(s: &MediaStats) {
    gauge!(MEDIA_PEERS).set(s.peers as f64);
    gauge!(MEDIA_PEERS_CONNECTING).set(s.connecting as f64);
    counter!(MEDIA_PACKETS_RECEIVED).absolute(s.rtp_in);
    counter!(MEDIA_PACKETS_FORWARDED).absolute(s.rtp_forwarded);
    counter!(MEDIA_PACKETS_DROPPED, "reason" => "unrouted").absolute(s.rtp_dropped);
    counter!(MEDIA_PACKETS_DROPPED, "reason" => "over_limit").absolute(s.rtp_over_limit);
    counter!(MEDIA_PACKETS_LOST).absolute(s.rtp_lost);
    counter!(MEDIA_DATAGRAMS_UNSENT).absolute(s.datagrams_unsent);
    counter!(MEDIA_KEYFRAME_REQUESTS).absolute(s.keyframe_requests);
    counter!(MEDIA_KEYFRAME_REQUESTS_HELD).absolute(s.keyframe_requests_held);
    counter!(MEDIA_CONNECTIONS_REMOVED, "reason" => "failed").absolute(s.connections_failed);
    counter!(MEDIA_CONNECTIONS_REMOVED, "reason" => "never_connected")
        .absolute(s.expired_unconnected);
    counter!(MEDIA_OFFERS_REFUSED, "reason" => "participant_limit")
        .absolute(s.refused_participant_limit);
    counter!(MEDIA_OFFERS_REFUSED, "reason" => "meeting_full").absolute(s.refused_meeting_full);
    gauge!(MEDIA_RELAY_NODES).set(s.relay_nodes as f64);
    counter!(MEDIA_PACKETS_RELAYED, "direction" => "out").absolute(s.relayed_out);
    counter!(MEDIA_PACKETS_RELAYED, "direction" => "in").absolute(s.relayed_in);
    counter!(MEDIA_RELAY_REFUSED).absolute(s.relay_refused);
}

/// Counts one open WebSocket for as long as it lives.
pub struct OpenConnection(());

impl OpenConnection {
    pub fn count() -> Self {
        gauge!(WEBSOCKET_CONNECTIONS).increment(1.0);
        OpenConnection(())
    }
}

impl Drop for OpenConnection {
    fn drop(&mut self) {
        gauge!(WEBSOCKET_CONNECTIONS).decrement(1.0);
    }
}

/// `n` events appended to the meeting logs (`log = "meeting"`) or documents registers.
pub fn events_appended(log: &'static str, n: usize) {
    counter!(EVENTS_APPENDED, "log" => log).increment(n as u64);
}

/// A meeting command decided: how long it took and how it ended.
pub fn command_decided(
    command: &floor_protocol::Command,
    started: Instant,
    answer: &Result<crate::hub::Accepted, crate::hub::CommandError>,
) {
    use crate::hub::CommandError;
    let outcome = match answer {
        Ok(a) if a.resent => "resent",
        Ok(_) => "accepted",
        Err(CommandError::Rejected(_)) => "rejected",
        Err(CommandError::Internal(_)) => "failed",
        Err(_) => "refused",
    };
    metrics::histogram!(COMMAND_DURATION, "command" => command.name(), "outcome" => outcome)
        .record(started.elapsed().as_secs_f64());
}

/// An event's frame queued for a connection, `broadcast_at` after it was broadcast.
pub fn fanned_out(broadcast_at: Instant) {
    metrics::histogram!(FANOUT_LAG).record(broadcast_at.elapsed().as_secs_f64());
}

pub fn slow_consumer_dropped() {
    counter!(SLOW_CONSUMERS_DROPPED).increment(1);
}

pub fn bus_reconnected() {
    counter!(BUS_RECONNECTS).increment(1);
}

pub fn bus_publish_failed() {
    counter!(BUS_PUBLISH_FAILURES).increment(1);
}

pub fn rate_limited(what: crate::limits::LimitKind) {
    use crate::limits::LimitKind;
    let limit = match what {
        LimitKind::SignIn => "sign_in",
        LimitKind::SignInQueue => "sign_in_queue",
        LimitKind::Redemption => "redemption",
        LimitKind::Command => "command",
    };
    counter!(RATE_LIMITED, "limit" => limit).increment(1);
}

/// Who may read `/metrics` (`FLOOR_METRICS_ALLOW`, `FLOOR_METRICS_TOKEN`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricsAccess {
    /// Client addresses in these networks may read them.
    pub allow: Vec<IpNet>,
    /// A bearer token that may read them from anywhere.
    pub token: Option<String>,
}

impl Default for MetricsAccess {
    /// This machine only (loopback, IPv4 and IPv6), no token.
    fn default() -> Self {
        MetricsAccess {
            allow: vec![
                "127.0.0.0/8".parse().expect("a network"),
                "::1/128".parse().expect("a network"),
            ],
            token: None,
        }
    }
}

/// One entry of `FLOOR_METRICS_ALLOW`: a network in CIDR notation, or one address.
pub fn parse_network(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| {
            format!(
                "FLOOR_METRICS_ALLOW: {text:?} is neither a network such as 10.0.0.0/8 nor an address"
            )
        })
}

impl MetricsAccess {
    /// Whether a request that came through `addresses` (the TCP peer, and the client a
    /// trusted proxy names) bearing `bearer` may read the figures: every one of the
    /// addresses in the operator's networks, or the token.
    pub fn admits(&self, addresses: &[IpAddr], bearer: Option<&str>) -> bool {
        let allowed = |address: IpAddr| {
            let address = match address {
                IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
                v4 => v4,
            };
            self.allow.iter().any(|n| n.contains(&address))
        };
        let by_network = !addresses.is_empty() && addresses.iter().all(|a| allowed(*a));
        let by_token = match (&self.token, bearer) {
            (Some(expected), Some(given)) => same_secret(expected, given),
            _ => false,
        };
        by_network || by_token
    }
}

/// Compare two secrets by their SHA-256, so that the time taken says nothing of how much
/// of the token a guess got right.
fn same_secret(a: &str, b: &str) -> bool {
    use sha2::{Digest, Sha256};
    Sha256::digest(a.as_bytes()) == Sha256::digest(b.as_bytes())
}

/// The addresses a request for the figures came through, each of which must be allowed:
/// the TCP peer and, behind a proxy trusted with `FLOOR_TRUST_FORWARDED_FOR`, the client
/// the proxy names last in `X-Forwarded-For` (so a proxy on this machine does not make
/// every outside client look local, and a client that reaches the node directly cannot
/// name itself local). A forwarded address that does not parse leaves nothing to allow.
fn client_addresses(req: &HttpRequest, trust_forwarded_for: bool) -> Vec<IpAddr> {
    let Some(peer) = req.peer_addr().map(|a| a.ip()) else {
        return Vec::new();
    };
    let header = req.headers().get("x-forwarded-for");
    match header.filter(|_| trust_forwarded_for) {
        None => vec![peer],
        Some(value) => match value
            .to_str()
            .ok()
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<IpAddr>().ok())
        {
            Some(client) => vec![peer, client],
            None => Vec::new(),
        },
    }
}

/// Prometheus' scrape: every figure of this node, in the text format.
#[get("/metrics")]
async fn scrape(
    req: HttpRequest,
    app: web::Data<AppState>,
    access: web::Data<MetricsAccess>,
) -> Result<HttpResponse, ApiError> {
    let bearer = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let addresses = client_addresses(&req, app.limits.settings.trust_forwarded_for);
    if !access.admits(&addresses, bearer) {
        return Err(ApiError::Forbidden(
            "The metrics are served only to the operator's network (FLOOR_METRICS_ALLOW) or with the metrics token (FLOOR_METRICS_TOKEN)."
                .into(),
        ));
    }
    if let Some(stats) = app.meetings.media.stats().await {
        media(&stats);
    }
    let handle = install()?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(handle.render()))
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(scrape);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_admits_this_machine_only() {
        let access = MetricsAccess::default();
        for local in ["127.0.0.1", "127.8.9.1", "::1", "::ffff:127.0.0.1"] {
            assert!(access.admits(&[local.parse().unwrap()], None), "{local}");
        }
        for outside in ["10.0.0.1", "192.0.2.7", "2001:db8::1", "::ffff:10.0.0.1"] {
            assert!(
                !access.admits(&[outside.parse().unwrap()], None),
                "{outside}"
            );
        }
    }

    #[test]
    fn a_token_admits_from_anywhere_and_only_itself() {
        let access = MetricsAccess {
            allow: vec![parse_network("10.1.0.0/16").unwrap()],
            token: Some("scrape-secret".into()),
        };
        let outside: IpAddr = "192.0.2.7".parse().unwrap();
        assert!(access.admits(&[outside], Some("scrape-secret")));
        assert!(!access.admits(&[outside], Some("scrape-secreT")));
        assert!(!access.admits(&[outside], None));
        assert!(access.admits(&["10.1.200.3".parse().unwrap()], None));
        assert!(!access.admits(&["127.0.0.1".parse().unwrap()], None));
        // Without a token set, no bearer opens it.
        let no_token = MetricsAccess {
            token: None,
            ..access
        };
        assert!(!no_token.admits(&[outside], Some("")));
    }

    #[test]
    fn allowed_networks_are_cidr_or_single_addresses() {
        assert_eq!(
            parse_network(" 192.0.2.7 ").unwrap(),
            "192.0.2.7/32".parse::<IpNet>().unwrap()
        );
        assert_eq!(
            parse_network("2001:db8::/32").unwrap(),
            "2001:db8::/32".parse::<IpNet>().unwrap()
        );
        let refused = parse_network("10.0.0.0/33").unwrap_err();
        assert!(refused.contains("FLOOR_METRICS_ALLOW"), "{refused}");
        assert!(parse_network("operators").is_err());
    }
}
