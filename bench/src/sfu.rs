//! The SFU under test, Floor or Janus, and how the same peers join each: the floor
//! speaker and the six booths publish, and each listener receives the floor's voice and
//! video and, if it follows one, its interpretation channel.
//!
//! - Floor: the benchmark sets up a meeting over the HTTP API (floor given to the speaker,
//!   each booth's microphone live), and every peer offers over its own meeting
//!   WebSocket; the server decides what each listener receives from the meeting's state
//!   (`media_listen` for a channel).
//! - Janus: one VideoRoom room; the seven publishers `joinandconfigure` with their offer,
//!   and each listener subscribes on one PeerConnection to the speaker's feed (voice and
//!   video) and its channel's booth feed, answering Janus's offer. Janus is full ICE and
//!   takes the peers' candidates from their SDP, so the peers wait for them first.
//!
//! A listener is full (a `webrtc`-crate peer that decrypts and times every packet) or
//! light (`floor_testkit::peer::light`: ICE and DTLS only, its packets counted by their
//! clear header, every light listener driven by one thread); both join the same way.

use crate::janus::{self, JanusProcess};
use crate::meeting::{Meeting, CHANNELS};
use anyhow::{anyhow, Context};
use floor_bench::netns::Veth;
use floor_bench::server::Server;
use floor_protocol::frames::ClientFrame;
use floor_testkit::peer::light::{LightDriver, LightListener, LightPeer};
use floor_testkit::peer::timed::Recorder;
use floor_testkit::peer::{MediaPeer, PeerOptions};
use floor_testkit::Ws;
use serde_json::json;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::Duration;

/// How long any one step of joining (a WebSocket, a frame, a media connection) may take.
const DEADLINE: Duration = Duration::from_secs(30);

/// A peer of the benchmark: a microphone (and a camera) published, the server's five
/// slots received if `receive`, its UDP socket on `local`. A plain WebRTC stack: no audio
/// levels, the server's bitrate limits left to the interceptors.
pub async fn new_peer(
    microphone: bool,
    camera: bool,
    receive: bool,
    local: IpAddr,
) -> anyhow::Result<MediaPeer> {
    MediaPeer::try_start(PeerOptions {
        udp: SocketAddr::new(local, 0),
        audio_levels: false,
        bitrate_limits: false,
        deadline: DEADLINE,
        ..PeerOptions::like_a_browser(microphone, camera, receive)
    })
    .await
}

/// Which SFU.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    #[default]
    Floor,
    Janus,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Floor => "floor",
            Kind::Janus => "janus",
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            Kind::Floor => "Floor",
            Kind::Janus => "Janus",
        }
    }
}

/// What a listener receives with.
pub enum Ears {
    /// A full WebRTC peer, recording every packet's stream, counter and times.
    Full {
        peer: MediaPeer,
        recorder: Arc<Recorder>,
    },
    /// A light listener, counting packets per SSRC.
    Light(LightListener),
}

/// A listener joined: how it receives, and what keeps its signalling open.
pub struct Listener {
    /// The interpretation channel it follows (1 to 6), if any.
    pub channel: Option<u8>,
    pub ears: Ears,
    pub tasks: Vec<tokio::task::JoinHandle<()>>,
    /// Janus: the subscriber handle (its events are routed while it lives).
    _handle: Option<janus::Handle>,
}

/// The SFU running, ready for peers to join.
pub enum Target {
    Floor {
        /// The node the publishers join; listeners go round the nodes.
        server: Server,
        /// The other nodes of the cluster, if the run has several.
        others: Vec<Server>,
        meeting: Meeting,
    },
    Janus {
        process: JanusProcess,
        session: janus::Session,
        room: u64,
        /// The publishers' feed ids: the speaker's, then each booth's in [`CHANNELS`] order.
        feeds: Vec<u64>,
        /// The publishers' handles, kept while they publish.
        handles: Vec<janus::Handle>,
    },
}

impl Target {
    /// Start Floor (`binary`) with room for `max_peers` media peers and set up the meeting.
    pub async fn floor(
        binary: &Path,
        max_peers: usize,
        cpus: Option<Vec<usize>>,
        veth: Option<&Veth>,
    ) -> anyhow::Result<Target> {
        let server = Server::start_in(binary, max_peers, cpus, veth)?;
        let meeting = Meeting::set_up(&server)
            .await
            .context("setting up the meeting")?;
        Ok(Target::Floor {
            server,
            others: Vec::new(),
            meeting,
        })
    }

    /// Start a cluster of Floor nodes on loopback, node `k` on `cpus[k]`, and set up the
    /// meeting through the first.
    pub async fn floor_cluster(
        binary: &Path,
        max_peers: usize,
        cpus: Vec<Option<Vec<usize>>>,
    ) -> anyhow::Result<Target> {
        let mut servers = Server::start_cluster(binary, max_peers, cpus)?.into_iter();
        let server = servers.next().context("no node")?;
        let meeting = Meeting::set_up(&server)
            .await
            .context("setting up the meeting")?;
        Ok(Target::Floor {
            server,
            others: servers.collect(),
            meeting,
        })
    }

    /// Every server process's pid: Floor's nodes, the publishers' first, or Janus's.
    pub fn pids(&self) -> Vec<u32> {
        match self {
            Target::Floor { server, others, .. } => std::iter::once(server)
                .chain(others)
                .map(|s| s.node.pid())
                .collect(),
            Target::Janus { process, .. } => vec![process.pid],
        }
    }

    /// The WebSocket address of node `node` (counted round the nodes).
    fn ws_url(server: &Server, others: &[Server], node: usize) -> String {
        match node % (others.len() + 1) {
            0 => server.node.ws_url(),
            k => others[k - 1].node.ws_url(),
        }
    }

    /// Start Janus in the namespace of `veth` and create the room.
    pub async fn janus(
        binary: &Path,
        config: &janus::Config,
        cpus: Option<Vec<usize>>,
        veth: &Veth,
    ) -> anyhow::Result<Target> {
        let process = JanusProcess::start(binary, config, Some(veth.fd()), cpus).await?;
        let session = janus::Session::create(&process.api).await?;
        let admin = session.attach().await?;
        let room = u64::from(rand::random::<u32>()) + 1;
        let created = admin
            .request(janus::create_room(room, CHANNELS.len() + 3))
            .await
            .context("creating the VideoRoom room")?;
        if created["videoroom"] != "created" {
            return Err(anyhow!("unexpected answer to create: {created}"));
        }
        Ok(Target::Janus {
            process,
            session,
            room,
            feeds: Vec::new(),
            handles: vec![admin],
        })
    }

    pub fn alive(&mut self) -> bool {
        match self {
            Target::Floor { server, others, .. } => {
                server.node.alive() && others.iter_mut().all(|s| s.node.alive())
            }
            Target::Janus { process, .. } => process.alive(),
        }
    }

    pub fn log_tail(&self) -> String {
        match self {
            Target::Floor { server, others, .. } => std::iter::once(server)
                .chain(others.iter())
                .map(|s| s.node.log_tail())
                .collect::<Vec<_>>()
                .join("\n"),
            Target::Janus { process, .. } => process.log_tail(),
        }
    }

    /// Publisher `index` joins with `peer`: 0 is the floor speaker, 1 to 6 the booths of
    /// [`CHANNELS`]. A task that keeps its signalling open, if it needs one.
    pub async fn join_publisher(
        &mut self,
        index: usize,
        peer: &mut MediaPeer,
    ) -> anyhow::Result<Option<tokio::task::JoinHandle<()>>> {
        let who = if index == 0 {
            "the floor speaker".to_string()
        } else {
            format!("the {} booth", CHANNELS[index - 1])
        };
        match self {
            Target::Floor {
                server, meeting, ..
            } => {
                let token = if index == 0 {
                    meeting.speaker.token()
                } else {
                    meeting.interpreters[index - 1].token()
                };
                let mut ws = Ws::try_connect(&server.node.ws_url(), token, DEADLINE).await?;
                peer.try_join(&mut ws, meeting.id)
                    .await
                    .with_context(|| format!("{who} joins"))?;
                peer.try_connected()
                    .await
                    .with_context(|| format!("{who}'s media connection"))?;
                Ok(Some(ws.keep_open()))
            }
            Target::Janus {
                session,
                room,
                feeds,
                handles,
                ..
            } => {
                let mut handle = session.attach().await?;
                let offer = peer.offer_with_candidates().await?;
                let joined = handle
                    .request_event(
                        janus::join_and_publish(*room, &who),
                        Some(json!({ "type": "offer", "sdp": offer })),
                    )
                    .await
                    .with_context(|| format!("{who} publishes"))?;
                let feed = janus::plugin_data(&joined)?["id"]
                    .as_u64()
                    .ok_or_else(|| anyhow!("no publisher id in {joined}"))?;
                peer.try_accept(janus::jsep_sdp(&joined, "answer")?)
                    .await
                    .with_context(|| format!("{who}'s answer from Janus"))?;
                peer.try_connected()
                    .await
                    .with_context(|| format!("{who}'s media connection"))?;
                feeds.push(feed);
                handles.push(handle);
                Ok(None)
            }
        }
    }

    /// A listener joins node `node` (Floor, counted round the nodes), following the floor
    /// only or `channel` (1 to 6), its peer's socket on `local`; what it receives is
    /// recorded from the time in `from` on. With `light`, it is a light listener driven by
    /// that driver.
    pub async fn join_listener(
        &self,
        node: usize,
        channel: Option<u8>,
        local: IpAddr,
        from: Arc<AtomicU64>,
        light: Option<&LightDriver>,
    ) -> anyhow::Result<Listener> {
        if let Some(driver) = light {
            return self.join_light_listener(node, channel, local, driver).await;
        }
        let recorder = Recorder::new(from);
        match self {
            Target::Floor {
                server,
                others,
                meeting,
            } => {
                let mut peer = new_peer(false, false, true, local).await?;
                let url = Target::ws_url(server, others, node);
                let mut ws = Ws::try_connect(&url, meeting.viewer.token(), DEADLINE).await?;
                peer.try_join(&mut ws, meeting.id).await?;
                peer.try_connected().await?;
                if let Some(c) = channel {
                    ws.try_send(&ClientFrame::MediaListen {
                        meeting_id: meeting.id,
                        channel: Some(CHANNELS[c as usize - 1].to_string()),
                    })
                    .await?;
                }
                let tasks = vec![peer.record(recorder.clone()), ws.keep_open()];
                Ok(Listener {
                    channel,
                    ears: Ears::Full { peer, recorder },
                    tasks,
                    _handle: None,
                })
            }
            Target::Janus {
                session,
                room,
                feeds,
                ..
            } => {
                let mut wanted = vec![feeds[0]];
                if let Some(c) = channel {
                    wanted.push(feeds[c as usize]);
                }
                let mut peer = new_peer(false, false, false, local).await?;
                let mut handle = session.attach().await?;
                let attached = handle
                    .request_event(janus::subscribe(*room, &wanted), None)
                    .await
                    .context("subscribing")?;
                let answer = peer
                    .answer_with_candidates(janus::jsep_sdp(&attached, "offer")?)
                    .await?;
                // Recording starts before the media can flow, as for Floor.
                let tasks = vec![peer.record(recorder.clone())];
                handle
                    .request_event(
                        json!({ "request": "start" }),
                        Some(json!({ "type": "answer", "sdp": answer })),
                    )
                    .await
                    .context("starting the subscription")?;
                peer.try_connected().await?;
                Ok(Listener {
                    channel,
                    ears: Ears::Full { peer, recorder },
                    tasks,
                    _handle: Some(handle),
                })
            }
        }
    }

    /// [`Target::join_listener`] for a light listener: the same signalling, its
    /// connection then handed to `driver`.
    async fn join_light_listener(
        &self,
        node: usize,
        channel: Option<u8>,
        local: IpAddr,
        driver: &LightDriver,
    ) -> anyhow::Result<Listener> {
        match self {
            Target::Floor {
                server,
                others,
                meeting,
            } => {
                let mut peer = LightPeer::new(local, true)?;
                let url = Target::ws_url(server, others, node);
                let mut ws = Ws::try_connect(&url, meeting.viewer.token(), DEADLINE).await?;
                peer.try_join(&mut ws, meeting.id).await?;
                let light = driver.add(peer)?;
                light.try_connected(DEADLINE).await?;
                if let Some(c) = channel {
                    ws.try_send(&ClientFrame::MediaListen {
                        meeting_id: meeting.id,
                        channel: Some(CHANNELS[c as usize - 1].to_string()),
                    })
                    .await?;
                }
                Ok(Listener {
                    channel,
                    ears: Ears::Light(light),
                    tasks: vec![ws.keep_open()],
                    _handle: None,
                })
            }
            Target::Janus {
                session,
                room,
                feeds,
                ..
            } => {
                let mut wanted = vec![feeds[0]];
                if let Some(c) = channel {
                    wanted.push(feeds[c as usize]);
                }
                let mut peer = LightPeer::new(local, false)?;
                let mut handle = session.attach().await?;
                let attached = handle
                    .request_event(janus::subscribe(*room, &wanted), None)
                    .await
                    .context("subscribing")?;
                let answer = peer.answer(janus::jsep_sdp(&attached, "offer")?)?;
                let light = driver.add(peer)?;
                handle
                    .request_event(
                        json!({ "request": "start" }),
                        Some(json!({ "type": "answer", "sdp": answer })),
                    )
                    .await
                    .context("starting the subscription")?;
                light.try_connected(DEADLINE).await?;
                Ok(Listener {
                    channel,
                    ears: Ears::Light(light),
                    tasks: vec![],
                    _handle: Some(handle),
                })
            }
        }
    }
}
