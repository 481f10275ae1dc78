//! The SFU: every participant's audio and video through one UDP port, forwarded as the
//! meeting's state decides ([`floor_meeting::routing`]). One task owns the socket and all
//! peer connections (sans-I/O `rtc`); WebSocket handlers talk to it through [`Sfu`], and the
//! meeting hubs tell it when the routing facts change.

mod batch;
pub mod cluster;
mod core;
#[cfg(test)]
mod in_memory_tests;
mod keyframes;
mod levels;
mod negotiation;
pub mod recorder;
pub mod relay;
mod sfu;
pub mod turn;

pub use floor_protocol::api::MediaStats;

use floor_protocol::media::{FloorRoute, Publisher};
use floor_protocol::{AccountId, MeetingId, ParticipantId, Role};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;
use tokio::sync::{broadcast, mpsc, oneshot};

/// A media connection, numbered by the node.
pub type PeerId = u64;

#[derive(Debug, Clone)]
pub struct MediaSettings {
    /// The one UDP port every peer uses (port 0: any free port).
    pub bind: SocketAddr,
    /// The address put in the answer's candidate, if not the bound one (behind NAT, or
    /// bound to 0.0.0.0).
    pub announced_ip: Option<IpAddr>,
    /// The address the other nodes of a cluster relay this node's meetings' media to, and
    /// from which they see this node's relayed media come, if not the announced one (the
    /// node's address on the cluster's own network).
    pub relay_ip: Option<IpAddr>,
    /// Peers per meeting beyond which joins are refused. The chair, the room and the
    /// interpreters are not counted and never refused for it: they are few (the roster
    /// bounds them, and each holds at most `max_peers_per_participant`), and a meeting
    /// cannot be held without them.
    pub max_peers_per_meeting: usize,
    /// Media connections one participant (or account) may hold in one meeting at once:
    /// a laptop, a phone and a spare. Re-offering on a connection replaces its peer and
    /// does not count twice.
    pub max_peers_per_participant: usize,
    /// How long a peer has, from its offer, to complete ICE and DTLS; one that has not
    /// connected by then is removed, freeing its place.
    pub connect_deadline: Duration,
    /// How long a connected peer may go without a consent check (STUN binding request)
    /// before it stops being sent media (RFC 7675 allows 30 s); five seconds more and it
    /// is removed.
    pub consent_timeout: Duration,
    /// The most a publisher may send from its microphone, in kbit/s (Opus speech needs
    /// 32–64; music from the room, up to 128).
    pub max_audio_kbps: u32,
    /// The most a publisher may send from its camera, in kbit/s.
    pub max_video_kbps: u32,
    /// TURN relays for participants who cannot reach the media port directly.
    pub turn: Option<turn::TurnSettings>,
}

impl Default for MediaSettings {
    fn default() -> Self {
        MediaSettings {
            bind: "127.0.0.1:0".parse().expect("an address"),
            announced_ip: None,
            relay_ip: None,
            max_peers_per_meeting: 3000,
            max_peers_per_participant: 3,
            connect_deadline: Duration::from_secs(8),
            consent_timeout: Duration::from_secs(30),
            max_audio_kbps: 128,
            max_video_kbps: 2500,
            turn: None,
        }
    }
}

/// Why a media connection was refused.
#[derive(Debug, Clone, thiserror::Error)]
pub enum MediaError {
    #[error("the meeting has its maximum of {0} media connections")]
    Full(usize),
    #[error("you already have the maximum of {0} media connections in this meeting; close one (another device or tab) first")]
    ParticipantLimit(usize),
    #[error("the offer could not be answered: {0}")]
    Negotiation(String),
    #[error("the media server is not running")]
    Stopped,
}

/// Whose media connection it is: the participant or account named by the token. The
/// per-participant cap counts connections by this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Holder {
    Participant(ParticipantId),
    Account(AccountId),
}

/// Roles the meeting's cap never refuses: without them there is no meeting.
pub fn exempt_from_meeting_cap(role: Role) -> bool {
    matches!(role, Role::Chair | Role::Room | Role::Interpreter)
}

pub(crate) enum Cmd {
    Join {
        peer: PeerId,
        holder: Holder,
        meeting: MeetingId,
        publisher: Publisher,
        sdp: String,
        route: FloorRoute,
        reply: oneshot::Sender<Result<String, MediaError>>,
    },
    Listen {
        peer: PeerId,
        channel: Option<String>,
    },
    Leave {
        peer: PeerId,
    },
    Route {
        meeting: MeetingId,
        route: FloorRoute,
    },
    Stats {
        reply: oneshot::Sender<MediaStats>,
    },
    /// This node joined a cluster: give out its presence from now on.
    Clustered,
    /// Another node's presence, as it published it.
    NodePresence {
        node: String,
        relay: SocketAddr,
        meetings: Vec<relay::MeetingPresence>,
    },
    /// Another node left, or was not heard from for too long.
    NodeGone {
        node: String,
    },
}

/// An `audio_levels` frame for one meeting, encoded once for all its presiding followers.
#[derive(Debug, Clone)]
pub struct MeetingLevels {
    pub meeting: MeetingId,
    pub frame: std::sync::Arc<str>,
}

/// A handle to the SFU task.
#[derive(Clone)]
pub struct Sfu {
    tx: mpsc::UnboundedSender<Cmd>,
    levels: broadcast::Sender<MeetingLevels>,
    /// This node's meetings as the other nodes are to know them, latest first (given out
    /// once the node joined a cluster).
    presence: tokio::sync::watch::Receiver<Vec<relay::MeetingPresence>>,
    /// The address peers send to.
    pub announced: SocketAddr,
    /// The address the other nodes of a cluster relay media to.
    pub relay: SocketAddr,
    turn: Option<std::sync::Arc<turn::TurnSettings>>,
}

impl Sfu {
    /// Bind the media port and start the SFU task; with `recorder`, it records every
    /// meeting's floor and interpretation channels.
    pub async fn start(
        settings: MediaSettings,
        recorder: Option<recorder::Spool>,
    ) -> anyhow::Result<Sfu> {
        let (tx, rx) = mpsc::unbounded_channel();
        let (levels, _) = broadcast::channel(64);
        let (presence_tx, presence) = tokio::sync::watch::channel(Vec::new());
        let server = sfu::Server::bind(&settings, levels.clone(), presence_tx, recorder).await?;
        let announced = server.announced();
        let relay = SocketAddr::new(
            settings.relay_ip.unwrap_or(announced.ip()),
            announced.port(),
        );
        tokio::spawn(async move {
            if let Err(e) = server.run(rx).await {
                tracing::error!(error = %e, "the SFU stopped");
            }
        });
        Ok(Sfu {
            tx,
            levels,
            presence,
            announced,
            relay,
            turn: settings.turn.map(std::sync::Arc::new),
        })
    }

    /// Answer a peer's offer: its published tracks are taken in, and the receiving m-lines it
    /// offered become its slots (speaker, chair, room, interpretation, video).
    pub async fn join(
        &self,
        peer: PeerId,
        holder: Holder,
        meeting: MeetingId,
        publisher: Publisher,
        sdp: String,
        route: FloorRoute,
    ) -> Result<String, MediaError> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(Cmd::Join {
                peer,
                holder,
                meeting,
                publisher,
                sdp,
                route,
                reply,
            })
            .map_err(|_| MediaError::Stopped)?;
        answer.await.map_err(|_| MediaError::Stopped)?
    }

    /// Switch what the peer's interpretation slot carries (`None`: the floor only).
    pub fn listen(&self, peer: PeerId, channel: Option<String>) {
        let _ = self.tx.send(Cmd::Listen { peer, channel });
    }

    pub fn leave(&self, peer: PeerId) {
        let _ = self.tx.send(Cmd::Leave { peer });
    }

    /// The meeting's routing facts changed (or may have): re-route at once.
    pub fn route(&self, meeting: MeetingId, route: FloorRoute) {
        let _ = self.tx.send(Cmd::Route { meeting, route });
    }

    /// Who is talking, every quarter second, for every meeting of this node.
    pub fn audio_levels(&self) -> broadcast::Receiver<MeetingLevels> {
        self.levels.subscribe()
    }

    /// The ICE servers to give `who` (a participant or account label) now: the TURN
    /// relays with a credential of limited life, or none when no relay is configured.
    pub fn ice_servers(&self, who: &str, now_unix_secs: u64) -> floor_protocol::api::IceServers {
        floor_protocol::api::IceServers {
            ice_servers: self
                .turn
                .iter()
                .map(|t| t.credential(who, now_unix_secs))
                .collect(),
        }
    }

    pub async fn stats(&self) -> Option<MediaStats> {
        let (reply, rx) = oneshot::channel();
        self.tx.send(Cmd::Stats { reply }).ok()?;
        rx.await.ok()
    }
}
