//! The SFU core, sans I/O: every peer connection of the node and the forwarding between
//! them, driven by what the socket loop (`sfu.rs`) hands it — a datagram with its time
//! and address, a command, a timeout — and giving back the datagrams to send, the audio
//! levels to report and when it next needs a timeout ([`SfuCore::poll_output`]). It
//! reads no clock and owns no socket, so it runs the same under a test's virtual clock.
//!
//! Each datagram is routed to its peer by the ICE username (STUN) or by the address
//! learned from it (DTLS, SRTP) and fed in; the peers given input are drained: events,
//! incoming RTP (forwarded to the listeners whose slot it feeds, by the meeting's
//! forwarding index, with SSRC, sequence, timestamp and payload type rewritten onto the
//! listener's own continuous stream), keyframe requests (passed to the publisher, at most
//! one each [`KEYFRAME_INTERVAL`](super::keyframes::KEYFRAME_INTERVAL)), and outgoing
//! datagrams. Switching what a slot carries is a change of source, never a
//! renegotiation.

use super::keyframes::{asks_for_keyframe, KeyframeThrottle};
use super::levels::{frames, Loudest, LEVELS_EVERY};
use super::negotiation::{answer_offer, AnswerSettings, AUDIO_LEVEL_URI};
use super::recorder::{Spool, Track};
use super::relay::{MeetingPresence, RelayHeader, RelayedPublisher, HEADER as RELAY_HEADER};
use super::{exempt_from_meeting_cap, Holder, MediaError, MediaSettings, MeetingLevels, PeerId};
use bytes::BytesMut;
use floor_protocol::api::{MediaStats, RecordedTrack};
use floor_protocol::media::{feeds, FloorRoute, MediaKind, Publisher, Slot};
use floor_protocol::MeetingId;
use rtc::ice::rand::generate_ufrag;
use rtc::peer_connection::event::{RTCPeerConnectionEvent, RTCTrackEvent};
use rtc::peer_connection::message::RTCMessage;
use rtc::peer_connection::state::RTCPeerConnectionState;
use rtc::peer_connection::RTCPeerConnection;
use rtc::rtcp::payload_feedbacks::picture_loss_indication::PictureLossIndication;
use rtc::rtcp::payload_feedbacks::receiver_estimated_maximum_bitrate::ReceiverEstimatedMaximumBitrate;
use rtc::rtp_transceiver::{RTCRtpReceiverId, RTCRtpSenderId};
use rtc::sansio::Protocol;
use rtc::shared::marshal::{Marshal, MarshalSize, Unmarshal};
use rtc::shared::{TaggedBytesMut, TransportContext, TransportProtocol};
use rtc::stun::attributes::ATTR_USERNAME;
use rtc::stun::message::{is_stun_message, Message};
use rtc::stun::textattrs::Username;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

struct Inbound {
    receiver: RTCRtpReceiverId,
    ssrc: u32,
    kind: MediaKind,
    /// The negotiated id of the audio level header extension, if the client sends it.
    level_extension: Option<u8>,
    /// What the publisher may still send on this track.
    allowance: Allowance,
    /// The highest RTP sequence number received, to count the packets lost on the way in.
    highest_seq: Option<u16>,
}

impl Inbound {
    /// Packets lost just before this one: the sequence numbers it skips. A duplicate or a
    /// late packet skips none (one that arrives late was counted lost when skipped, as a
    /// receiver report would until it came).
    /// A jump of more than [`RESYNC_GAP`] either way is the sender starting its sequence
    /// anew (a restarted encoder, a replaced track), not loss: counting resumes from it.
    fn lost_before(&mut self, seq: u16) -> u64 {
        let lost = match self.highest_seq {
            None => 0,
            Some(highest) => match seq.wrapping_sub(highest) {
                ahead @ 1..=RESYNC_GAP => u64::from(ahead - 1),
                behind if behind == 0 || behind > u16::MAX - RESYNC_GAP => return 0,
                _ => 0,
            },
        };
        self.highest_seq = Some(seq);
        lost
    }
}

/// The largest jump in a publisher's sequence numbers still read as packets lost (about
/// 20 s of audio, 2 s of video at its busiest); beyond it the sequence restarted.
const RESYNC_GAP: u16 = 1000;

/// A publisher's bitrate limit on one track, enforced as a bucket of bytes: it fills at the
/// limit and holds one second's worth, so a keyframe's burst passes and a sender that keeps
/// over the limit loses what is over it. A well-behaved sender never reaches the bottom: it
/// is told the limit in the answer (`b=AS`, `b=TIAS`) and every second over RTCP (REMB).
#[derive(Debug, Clone)]
struct Allowance {
    bytes_per_second: f64,
    tokens: f64,
    last: Instant,
}

impl Allowance {
    fn new(kbps: u32, now: Instant) -> Allowance {
        let bytes_per_second = f64::from(kbps) * 1000.0 / 8.0;
        Allowance {
            bytes_per_second,
            tokens: bytes_per_second,
            last: now,
        }
    }

    /// Whether a packet of `bytes` fits; if it does, it is spent.
    fn take(&mut self, now: Instant, bytes: usize) -> bool {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.last = now.max(self.last);
        self.tokens = (self.tokens + elapsed * self.bytes_per_second).min(self.bytes_per_second);
        let bytes = bytes as f64;
        if self.tokens >= bytes {
            self.tokens -= bytes;
            true
        } else {
            false
        }
    }
}

/// How often publishers are reminded of their bitrate limit.
pub(super) const LIMITS_EVERY: Duration = Duration::from_secs(1);

/// How often peers that have not connected are looked for, to remove those past the
/// connect deadline.
const SWEEP_EVERY: Duration = Duration::from_millis(500);

/// The publisher each recorded track comes from under `route`: the floor's three tracks,
/// and every channel with a live booth. The first publisher (by connection) that feeds a
/// slot, as for a listener's slot, so the record holds what listeners heard.
fn recorded_sources(
    route: &FloorRoute,
    publishers: &[(PeerId, Publisher, Vec<MediaKind>)],
) -> Vec<(Track, PeerId)> {
    let source = |slot: Slot, channel: Option<&str>| {
        publishers
            .iter()
            .find(|(_, who, kinds)| {
                kinds.contains(&MediaKind::Audio)
                    && feeds(route, who, MediaKind::Audio, slot, channel)
            })
            .map(|(id, _, _)| *id)
    };
    let floor = [
        (Slot::Speaker, RecordedTrack::Speaker),
        (Slot::Chair, RecordedTrack::Chair),
        (Slot::Room, RecordedTrack::Room),
    ]
    .into_iter()
    .filter_map(|(slot, track)| Some((Track::floor(track), source(slot, None)?)));
    let channels = route.live_booths.keys().filter_map(|channel| {
        Some((
            Track::channel(channel),
            source(Slot::Interpretation, Some(channel))?,
        ))
    });
    floor.chain(channels).collect()
}

/// One of a listener's slots: a server-owned track and where its packets come from now.
struct Out {
    slot: Slot,
    sender: RTCRtpSenderId,
    ssrc: u32,
    payload_type: Option<u8>,
    clock_rate: u32,
    source: Option<PeerId>,
    /// The source SSRC the offsets below were computed for.
    based_on: Option<u32>,
    seq_offset: u16,
    ts_offset: u32,
    last_seq: u16,
    last_ts: u32,
    last_at: Option<Instant>,
}

impl Out {
    fn kind(&self) -> MediaKind {
        if self.slot == Slot::Video {
            MediaKind::Video
        } else {
            MediaKind::Audio
        }
    }

    /// Map a publisher's packet onto this slot's own continuous stream: a new source
    /// continues the sequence and timestamps where the last one stopped.
    fn rewrite(&mut self, now: Instant, h: &mut rtc::rtp::Header) {
        if self.based_on != Some(h.ssrc) {
            let (next_seq, next_ts) = match self.last_at {
                Some(at) => {
                    let gap_ms = now.duration_since(at).as_millis().max(20) as u32;
                    (
                        self.last_seq.wrapping_add(1),
                        self.last_ts.wrapping_add(gap_ms * (self.clock_rate / 1000)),
                    )
                }
                None => (rand::random(), rand::random()),
            };
            self.seq_offset = next_seq.wrapping_sub(h.sequence_number);
            self.ts_offset = next_ts.wrapping_sub(h.timestamp);
            self.based_on = Some(h.ssrc);
            h.marker = true;
        }
        h.sequence_number = h.sequence_number.wrapping_add(self.seq_offset);
        h.timestamp = h.timestamp.wrapping_add(self.ts_offset);
        h.ssrc = self.ssrc;
        if let Some(pt) = self.payload_type {
            h.payload_type = pt;
        }
        if self.last_at.is_none() || (h.sequence_number.wrapping_sub(self.last_seq) as i16) > 0 {
            self.last_seq = h.sequence_number;
            self.last_ts = h.timestamp;
            self.last_at = Some(now);
        }
    }
}

struct Peer {
    meeting: MeetingId,
    publisher: Publisher,
    /// Whose connection it is, for the per-participant cap.
    holder: Holder,
    /// When its offer was answered: it must connect within the connect deadline.
    answered_at: Instant,
    /// It completed ICE and DTLS at least once (the connect deadline no longer applies).
    ever_connected: bool,
    /// The interpretation channel the listener picked; `None` for the floor only.
    channel: Option<String>,
    pc: RTCPeerConnection,
    ufrag: String,
    connected: bool,
    inbound: Vec<Inbound>,
    outs: Vec<Out>,
    /// The microphone's loudest level since the last report.
    loudest: Option<Loudest>,
    /// When the connection next needs `handle_timeout`, as of the last time it was
    /// drained (its timers change only when it is given input, and then it is drained).
    timeout: Option<Instant>,
}

/// Peer ids from here up name publishers connected to other nodes (the WebSocket handlers
/// number this node's own peers from 1).
const REMOTE_PEERS: PeerId = 1 << 62;

/// Another node of the cluster, as it last told of itself.
struct RemoteNode {
    /// Its media address: where relay datagrams go, and the only address they are taken
    /// from.
    relay: SocketAddr,
    /// Its meetings with listeners, and how many.
    listeners: HashMap<MeetingId, u32>,
}

/// A publisher connected to another node, whose packets that node relays here.
struct RemotePublisher {
    node: String,
    relay: SocketAddr,
    meeting: MeetingId,
    /// Its peer id on its own node.
    origin: u64,
    publisher: Publisher,
    kinds: Vec<MediaKind>,
    /// Its microphone's loudest level since the last report, as relayed.
    loudest: Option<Loudest>,
}

/// Whether a publisher's track of `kind` feeds any slot of any listener under `route`:
/// then the nodes with listeners in its meeting are sent it.
fn heard_anywhere(route: &FloorRoute, who: &Publisher, kind: MediaKind) -> bool {
    [Slot::Speaker, Slot::Chair, Slot::Room, Slot::Video]
        .into_iter()
        .any(|slot| feeds(route, who, kind, slot, None))
        || route
            .live_booths
            .keys()
            .any(|c| feeds(route, who, kind, Slot::Interpretation, Some(c)))
}

/// What the core gives the socket loop, in the order it should be handled.
#[derive(Debug)]
pub(super) enum Output {
    /// A datagram to send.
    Transmit(BytesMut, SocketAddr),
    /// Who is talking in one meeting, for its chair's view.
    Levels(MeetingLevels),
    /// What the other nodes of the cluster are to know of this node's meetings: it
    /// changed (only given once the core is [`SfuCore::cluster`]ed).
    Presence(Vec<MeetingPresence>),
    /// Nothing more to do before this time, or before new input.
    Timeout(Instant),
}

/// A publisher's track and the listeners' slots it feeds: the forwarding index.
type FedSlots = Vec<(PeerId, usize)>;

pub(super) struct SfuCore {
    /// The address in every answer's candidate, and the local address every datagram is
    /// tagged with (ICE matches it against its local candidates).
    announced: SocketAddr,
    max_peers_per_meeting: usize,
    max_peers_per_participant: usize,
    connect_deadline: Duration,
    consent_timeout: Duration,
    /// Each publisher's bitrate limit per microphone and per camera, in kbit/s.
    max_audio_kbps: u32,
    max_video_kbps: u32,
    peers: HashMap<PeerId, Peer>,
    by_ufrag: HashMap<String, PeerId>,
    by_addr: HashMap<SocketAddr, PeerId>,
    routes: HashMap<MeetingId, FloorRoute>,
    /// Each meeting's route as applied to the publishers connected now (see
    /// [`FloorRoute::without_absent_speaker`]): what `reroute` last forwarded by.
    applied_routes: HashMap<MeetingId, FloorRoute>,
    /// For each publisher's track (by kind), the listeners' slots it feeds (listener, index
    /// into its `outs`): decided in `reroute`, read for every packet, so a packet costs the
    /// slots it feeds and not a look at every peer of the node.
    fed: HashMap<(PeerId, MediaKind), FedSlots>,
    /// Every peer's next timeout, soonest first (each peer's own is in `Peer::timeout`).
    timers: BTreeSet<(Instant, PeerId)>,
    keyframes: KeyframeThrottle<PeerId>,
    next_levels: Instant,
    next_limits: Instant,
    next_sweep: Instant,
    stats: MediaStats,
    /// Connections given input since they were last drained: only these have work.
    dirty: HashSet<PeerId>,
    transmits: VecDeque<(BytesMut, SocketAddr)>,
    levels: VecDeque<MeetingLevels>,
    /// The sound record, when this node records.
    recorder: Option<Spool>,
    /// Each meeting's recorded tracks and the publisher each comes from now: decided with
    /// the listeners' slots in `reroute`, by the same rules.
    recorded: HashMap<MeetingId, Vec<(Track, PeerId)>>,
    /// The other nodes of the cluster, by node id.
    nodes: HashMap<String, RemoteNode>,
    /// Publishers connected to other nodes, by the id this node gives them (from
    /// [`REMOTE_PEERS`] up); they feed slots like this node's own publishers.
    remotes: HashMap<PeerId, RemotePublisher>,
    /// The same, by their node's media address and their peer id there.
    remote_ids: HashMap<(SocketAddr, u64), PeerId>,
    next_remote: PeerId,
    /// For each of this node's publishers' tracks, the nodes it is relayed to: those with
    /// listeners in its meeting, while it feeds some slot. Decided in `reroute`.
    relayed: HashMap<(PeerId, MediaKind), Vec<SocketAddr>>,
    /// This node is one of a cluster: it tells the others of its meetings.
    clustered: bool,
    /// The meetings' peers changed since the presence was last looked at.
    presence_changed: bool,
    /// The presence last given out.
    presence_sent: Option<Vec<MeetingPresence>>,
}

impl SfuCore {
    /// A core whose answers name `announced` as the media address.
    pub(super) fn new(
        now: Instant,
        settings: &MediaSettings,
        announced: SocketAddr,
        recorder: Option<Spool>,
    ) -> SfuCore {
        SfuCore {
            announced,
            max_peers_per_meeting: settings.max_peers_per_meeting,
            max_peers_per_participant: settings.max_peers_per_participant.max(1),
            connect_deadline: settings.connect_deadline,
            consent_timeout: settings.consent_timeout,
            max_audio_kbps: settings.max_audio_kbps,
            max_video_kbps: settings.max_video_kbps,
            peers: HashMap::new(),
            by_ufrag: HashMap::new(),
            by_addr: HashMap::new(),
            routes: HashMap::new(),
            applied_routes: HashMap::new(),
            fed: HashMap::new(),
            timers: BTreeSet::new(),
            keyframes: KeyframeThrottle::default(),
            next_levels: now + LEVELS_EVERY,
            next_limits: now + LIMITS_EVERY,
            next_sweep: now + SWEEP_EVERY,
            stats: MediaStats::default(),
            dirty: HashSet::new(),
            transmits: VecDeque::new(),
            levels: VecDeque::new(),
            recorder,
            recorded: HashMap::new(),
            nodes: HashMap::new(),
            remotes: HashMap::new(),
            remote_ids: HashMap::new(),
            next_remote: REMOTE_PEERS,
            relayed: HashMap::new(),
            clustered: false,
            presence_changed: false,
            presence_sent: None,
        }
    }

    /// The work the input so far caused, one item at a time: datagrams to send, then
    /// levels to report, then when to call [`SfuCore::handle_timeout`] next.
    pub(super) fn poll_output(&mut self, now: Instant) -> Output {
        if !self.dirty.is_empty() {
            self.drain(now);
        }
        if let Some((datagram, to)) = self.transmits.pop_front() {
            return Output::Transmit(datagram, to);
        }
        if let Some(levels) = self.levels.pop_front() {
            return Output::Levels(levels);
        }
        if self.presence_changed {
            self.presence_changed = false;
            let presence = self.presence();
            if self.presence_sent.as_ref() != Some(&presence) {
                self.presence_sent = Some(presence.clone());
                return Output::Presence(presence);
            }
        }
        Output::Timeout(self.poll_timeout())
    }

    fn poll_timeout(&self) -> Instant {
        let mut next = self.next_levels.min(self.next_limits).min(self.next_sweep);
        if let Some((at, _)) = self.timers.first() {
            next = next.min(*at);
        }
        if let Some(at) = self.keyframes.next_due() {
            next = next.min(at);
        }
        next
    }

    /// Time has come for what [`Output::Timeout`] named (or later): the connections'
    /// timers (retransmissions, consent), held keyframe requests, and the periodic work.
    pub(super) fn handle_timeout(&mut self, now: Instant) {
        while let Some(&(at, id)) = self.timers.first() {
            if at > now {
                break;
            }
            self.timers.pop_first();
            if let Some(p) = self.peers.get_mut(&id) {
                p.timeout = None;
                let _ = p.pc.handle_timeout(now);
                self.dirty.insert(id);
            }
        }
        for publisher in self.keyframes.due(now) {
            self.send_keyframe_request(now, publisher);
        }
        if now >= self.next_levels {
            self.report_levels();
            self.next_levels = next_tick(self.next_levels, LEVELS_EVERY, now);
        }
        if now >= self.next_limits {
            self.tell_limits(now);
            self.next_limits = next_tick(self.next_limits, LIMITS_EVERY, now);
        }
        if now >= self.next_sweep {
            self.remove_unconnected(now);
            self.next_sweep = next_tick(self.next_sweep, SWEEP_EVERY, now);
        }
    }

    /// A datagram from `from`, received at `now`.
    pub(super) fn handle_receive(&mut self, now: Instant, from: SocketAddr, data: &[u8]) {
        if super::relay::is_relay(data) {
            self.handle_relay(now, from, data);
            return;
        }
        let Some(id) = self.peer_of(from, data) else {
            return;
        };
        let Some(p) = self.peers.get_mut(&id) else {
            return;
        };
        let message = TaggedBytesMut {
            now,
            transport: TransportContext {
                local_addr: self.announced,
                peer_addr: from,
                ecn: None,
                transport_protocol: TransportProtocol::UDP,
            },
            message: BytesMut::from(data),
        };
        if let Err(e) = p.pc.handle_read(message) {
            tracing::debug!(peer = id, error = %e, "media datagram refused");
        }
        self.dirty.insert(id);
    }

    /// The datagrams the socket could not take at once (counted, not retried).
    pub(super) fn count_unsent(&mut self, unsent: u64) {
        self.stats.datagrams_unsent += unsent;
    }

    pub(super) fn stats(&self) -> MediaStats {
        let mut s = self.stats.clone();
        s.peers = self.peers.len() as u64;
        s.connecting = self.peers.values().filter(|p| !p.ever_connected).count() as u64;
        s.relay_nodes = self.nodes.len() as u64;
        s
    }

    /// Switch what the peer's interpretation slot carries (`None`: the floor only).
    pub(super) fn listen(&mut self, now: Instant, peer: PeerId, channel: Option<String>) {
        if let Some(p) = self.peers.get_mut(&peer) {
            p.channel = channel;
            let meeting = p.meeting;
            self.reroute(now, meeting);
        }
    }

    /// The meeting's routing facts changed (or may have).
    pub(super) fn route(&mut self, now: Instant, meeting: MeetingId, route: FloorRoute) {
        if self.routes.get(&meeting) != Some(&route) {
            self.routes.insert(meeting, route);
            self.reroute(now, meeting);
        }
    }

    /// Tell each meeting's chair who talked since the last report.
    fn report_levels(&mut self) {
        let nobody = FloorRoute::default();
        let heard: Vec<_> = self
            .peers
            .values_mut()
            .filter_map(|p| {
                let loudest = p.loudest.take()?;
                let route = self.applied_routes.get(&p.meeting).unwrap_or(&nobody);
                Some((p.meeting, loudest.report(&p.publisher, route)))
            })
            .collect();
        let relayed = self.remotes.values_mut().filter_map(|r| {
            let loudest = r.loudest.take()?;
            let route = self.applied_routes.get(&r.meeting).unwrap_or(&nobody);
            Some((r.meeting, loudest.report(&r.publisher, route)))
        });
        self.levels.extend(frames(heard.into_iter().chain(relayed)));
    }

    /// Remind every publisher of its bitrate limit (RTCP REMB): senders that adapt to the
    /// network (browsers) keep under it, so the bucket in [`Allowance`] never has to drop.
    fn tell_limits(&mut self, now: Instant) {
        let publishers: Vec<PeerId> = self
            .peers
            .iter()
            .filter(|(_, p)| !p.inbound.is_empty() && p.connected)
            .map(|(id, _)| *id)
            .collect();
        for id in publishers {
            self.tell_limit(now, id);
        }
    }

    /// One REMB for everything the peer publishes: the sum of its tracks' limits, naming
    /// their SSRCs, sent on its first track's receiver.
    fn tell_limit(&mut self, now: Instant, id: PeerId) {
        let Some(p) = self.peers.get_mut(&id) else {
            return;
        };
        let Some(first) = p.inbound.first() else {
            return;
        };
        let kbps: u32 = p
            .inbound
            .iter()
            .map(|i| match i.kind {
                MediaKind::Audio => self.max_audio_kbps,
                MediaKind::Video => self.max_video_kbps,
            })
            .sum();
        let remb = ReceiverEstimatedMaximumBitrate {
            sender_ssrc: 0,
            bitrate: kbps as f32 * 1000.0,
            ssrcs: p.inbound.iter().map(|i| i.ssrc).collect(),
        };
        if let Some(mut r) = p.pc.rtp_receiver(first.receiver) {
            if r.write_rtcp(now, vec![Box::new(remb)]).is_ok() {
                self.stats.limits_sent += 1;
                self.dirty.insert(id);
            }
        }
    }

    /// Remove the peers that did not complete ICE and DTLS within the connect deadline of
    /// their offer: an offer nobody follows up must not hold a place in the meeting.
    fn remove_unconnected(&mut self, now: Instant) {
        let late: Vec<PeerId> = self
            .peers
            .iter()
            .filter(|(_, p)| {
                !p.ever_connected
                    && now.saturating_duration_since(p.answered_at) >= self.connect_deadline
            })
            .map(|(id, _)| *id)
            .collect();
        for id in late {
            tracing::debug!(peer = id, "removed: not connected within the deadline");
            self.stats.expired_unconnected += 1;
            self.remove(now, id);
        }
    }

    /// A peer leaves: its connection closes and its meeting is re-routed without it.
    pub(super) fn leave(&mut self, now: Instant, id: PeerId) {
        self.remove(now, id);
    }

    /// Close a peer, forget how to find it, and re-route its meeting without it.
    fn remove(&mut self, now: Instant, id: PeerId) {
        if let Some(p) = self.forget(id) {
            self.reroute(now, p.meeting);
        }
    }

    /// Take a peer out of every table, closing its connection; its meeting's routing is
    /// the caller's to redo.
    fn forget(&mut self, id: PeerId) -> Option<Peer> {
        let mut p = self.peers.remove(&id)?;
        let _ = p.pc.close();
        self.by_ufrag.remove(&p.ufrag);
        self.by_addr.retain(|_, peer| *peer != id);
        self.dirty.remove(&id);
        if let Some(at) = p.timeout {
            self.timers.remove(&(at, id));
        }
        self.fed.remove(&(id, MediaKind::Audio));
        self.fed.remove(&(id, MediaKind::Video));
        self.relayed.remove(&(id, MediaKind::Audio));
        self.relayed.remove(&(id, MediaKind::Video));
        self.keyframes.forget(id);
        Some(p)
    }

    fn peer_of(&mut self, from: SocketAddr, data: &[u8]) -> Option<PeerId> {
        if is_stun_message(data) {
            let mut m = Message::new();
            if m.unmarshal_binary(data).is_ok() {
                if let Ok(u) = Username::get_from_as(&m, ATTR_USERNAME) {
                    if let Some(id) = u
                        .text
                        .split_once(':')
                        .and_then(|(local, _)| self.by_ufrag.get(local).copied())
                    {
                        self.by_addr.insert(from, id);
                        return Some(id);
                    }
                }
            }
        }
        self.by_addr.get(&from).copied()
    }

    /// Answer a peer's offer: its published tracks are taken in as they open, and the
    /// receiving m-lines it offered become its slots. A new offer on a connection that has
    /// a peer replaces it.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn join(
        &mut self,
        now: Instant,
        id: PeerId,
        holder: Holder,
        meeting: MeetingId,
        publisher: Publisher,
        sdp: &str,
        route: FloorRoute,
    ) -> Result<String, MediaError> {
        // A new offer on a connection that has a peer replaces it, so counts nothing new.
        if !self.peers.contains_key(&id) {
            let held = self
                .peers
                .values()
                .filter(|p| p.meeting == meeting && p.holder == holder)
                .count();
            if held >= self.max_peers_per_participant {
                self.stats.refused_participant_limit += 1;
                return Err(MediaError::ParticipantLimit(self.max_peers_per_participant));
            }
            if !exempt_from_meeting_cap(publisher.role) {
                let counted = self
                    .peers
                    .values()
                    .filter(|p| p.meeting == meeting && !exempt_from_meeting_cap(p.publisher.role))
                    .count();
                if counted >= self.max_peers_per_meeting {
                    self.stats.refused_meeting_full += 1;
                    return Err(MediaError::Full(self.max_peers_per_meeting));
                }
            }
        }
        // The new connection is negotiated before anything is replaced: an offer that
        // cannot be answered leaves the peer it would have replaced, and the routing, as
        // they were.
        let ufrag = generate_ufrag();
        let settings = AnswerSettings {
            announced: self.announced,
            consent_timeout: self.consent_timeout,
            max_audio_kbps: self.max_audio_kbps,
            max_video_kbps: self.max_video_kbps,
        };
        let (pc, sdp, slots) = answer_offer(now, ufrag.clone(), sdp, settings)
            .map_err(|e| MediaError::Negotiation(format!("{e:#}")))?;
        let outs = slots
            .into_iter()
            .map(|s| Out {
                slot: s.slot,
                sender: s.sender,
                ssrc: s.ssrc,
                payload_type: s.payload_type,
                clock_rate: s.clock_rate,
                source: None,
                based_on: None,
                seq_offset: 0,
                ts_offset: 0,
                last_seq: 0,
                last_ts: 0,
                last_at: None,
            })
            .collect();
        if let Some(old) = self.forget(id) {
            // A new offer on the same connection starts over (e.g. after a network change).
            if old.meeting != meeting {
                self.reroute(now, old.meeting);
            }
        }
        self.routes.insert(meeting, route);
        self.by_ufrag.insert(ufrag.clone(), id);
        self.peers.insert(
            id,
            Peer {
                meeting,
                publisher,
                holder,
                answered_at: now,
                ever_connected: false,
                channel: None,
                pc,
                ufrag,
                connected: false,
                inbound: Vec::new(),
                outs,
                loudest: None,
                timeout: None,
            },
        );
        self.dirty.insert(id);
        self.reroute(now, meeting);
        Ok(sdp)
    }

    /// Decide again, for every listener of the meeting, which publisher feeds each slot,
    /// and rebuild the meeting's part of the forwarding index.
    fn reroute(&mut self, now: Instant, meeting: MeetingId) {
        self.presence_changed |= self.clustered;
        let mut publishers: Vec<(PeerId, Publisher, Vec<MediaKind>)> = self
            .peers
            .iter()
            .filter(|(_, p)| p.meeting == meeting)
            .map(|(id, p)| (*id, p.publisher, p.inbound.iter().map(|i| i.kind).collect()))
            .chain(
                self.remotes
                    .iter()
                    .filter(|(_, r)| r.meeting == meeting)
                    .map(|(id, r)| (*id, r.publisher, r.kinds.clone())),
            )
            .collect();
        // This node's own publishers first (by connection), then the relayed ones.
        publishers.sort_by_key(|(id, _, _)| *id);
        for (id, _, _) in &publishers {
            for kind in [MediaKind::Audio, MediaKind::Video] {
                self.fed.remove(&(*id, kind));
                self.relayed.remove(&(*id, kind));
            }
        }
        if publishers.is_empty() {
            // The meeting's last peer left: nothing to route until one joins again (the
            // meeting's own route, `routes`, stays for that one).
            self.applied_routes.remove(&meeting);
            self.recorded.remove(&meeting);
            return;
        }
        let connected: Vec<Publisher> = publishers
            .iter()
            .filter(|(_, _, kinds)| kinds.contains(&MediaKind::Audio))
            .map(|(_, who, _)| *who)
            .collect();
        let route = self
            .routes
            .get(&meeting)
            .cloned()
            .unwrap_or_default()
            .without_absent_speaker(&connected);
        self.applied_routes.insert(meeting, route.clone());
        // Each node records its own publishers: a relayed one is recorded on its node.
        let local: Vec<_> = publishers
            .iter()
            .filter(|(id, _, _)| !self.remotes.contains_key(id))
            .cloned()
            .collect();
        if self.recorder.is_some() {
            self.recorded
                .insert(meeting, recorded_sources(&route, &local));
        }
        let relay_to: Vec<SocketAddr> = self
            .nodes
            .values()
            .filter(|n| n.listeners.contains_key(&meeting))
            .map(|n| n.relay)
            .collect();
        if !relay_to.is_empty() {
            for (id, who, kinds) in &local {
                for &kind in kinds {
                    if heard_anywhere(&route, who, kind) {
                        self.relayed.insert((*id, kind), relay_to.clone());
                    }
                }
            }
        }
        let mut keyframes = Vec::new();
        for (listener, p) in self.peers.iter_mut().filter(|(_, p)| p.meeting == meeting) {
            for (index, out) in p.outs.iter_mut().enumerate() {
                let kind = out.kind();
                let source = publishers
                    .iter()
                    .find(|(id, who, kinds)| {
                        id != listener
                            && kinds.contains(&kind)
                            && feeds(&route, who, kind, out.slot, p.channel.as_deref())
                    })
                    .map(|(id, _, _)| *id);
                if let Some(s) = source {
                    self.fed
                        .entry((s, kind))
                        .or_default()
                        .push((*listener, index));
                }
                if source != out.source {
                    out.source = source;
                    // Re-base on the next packet, even if the same publisher comes back.
                    out.based_on = None;
                    if let (Some(s), MediaKind::Video) = (source, kind) {
                        keyframes.push(s);
                    }
                }
            }
        }
        keyframes.sort();
        keyframes.dedup();
        for s in keyframes {
            self.request_keyframe(now, s);
        }
    }

    /// A listener needs a picture from `publisher`: ask it now, or when its
    /// [`KEYFRAME_INTERVAL`](super::keyframes::KEYFRAME_INTERVAL) since the last request is up.
    fn request_keyframe(&mut self, now: Instant, publisher: PeerId) {
        if self.keyframes.ask(now, publisher) {
            self.send_keyframe_request(now, publisher);
        } else {
            self.stats.keyframe_requests_held += 1;
        }
    }

    fn send_keyframe_request(&mut self, now: Instant, publisher: PeerId) {
        if let Some(r) = self.remotes.get(&publisher) {
            // Its own node asks it (through its own throttle).
            let mut datagram = Vec::with_capacity(RELAY_HEADER);
            RelayHeader {
                keyframe_request: true,
                kind: MediaKind::Video,
                level: None,
                meeting: r.meeting,
                peer: r.origin,
            }
            .write(&mut datagram);
            self.transmits
                .push_back((BytesMut::from(&datagram[..]), r.relay));
            self.stats.keyframe_requests += 1;
            return;
        }
        let Some(p) = self.peers.get_mut(&publisher) else {
            return;
        };
        let Some(video) = p.inbound.iter().find(|i| i.kind == MediaKind::Video) else {
            return;
        };
        let (receiver, media_ssrc) = (video.receiver, video.ssrc);
        if let Some(mut r) = p.pc.rtp_receiver(receiver) {
            if r.write_rtcp(
                now,
                vec![Box::new(PictureLossIndication {
                    sender_ssrc: 0,
                    media_ssrc,
                })],
            )
            .is_ok()
            {
                self.stats.keyframe_requests += 1;
                self.dirty.insert(publisher);
            }
        }
    }

    /// The work of the connections given input: their events and incoming packets, then
    /// the outgoing datagrams of those and of every listener a packet was forwarded to.
    /// Only touched connections are visited, so a datagram costs the work it causes, not
    /// a pass over every peer of the node.
    fn drain(&mut self, now: Instant) {
        let mut packets = Vec::new();
        let mut keyframes = Vec::new();
        let mut changed = Vec::new();
        // Publishers with a new track, to be told their limit at once.
        let mut told = Vec::new();
        let mut failed = Vec::new();
        let touched: Vec<PeerId> = self.dirty.drain().collect();
        for &id in &touched {
            let Some(p) = self.peers.get_mut(&id) else {
                continue;
            };
            while let Some(event) = p.pc.poll_event() {
                match event {
                    RTCPeerConnectionEvent::OnConnectionStateChangeEvent(s) => {
                        p.connected = s == RTCPeerConnectionState::Connected;
                        p.ever_connected |= p.connected;
                        if matches!(
                            s,
                            RTCPeerConnectionState::Failed | RTCPeerConnectionState::Closed
                        ) {
                            // Consent lapsed for good (or DTLS ended): the place is freed.
                            failed.push(id);
                        }
                    }
                    RTCPeerConnectionEvent::OnTrack(RTCTrackEvent::OnOpen(init)) => {
                        // The kind of the codec the stream's packets carry.
                        let video = p.pc.rtp_receiver(init.receiver_id).is_some_and(|mut r| {
                            r.get_parameters().rtp_parameters.codecs.iter().any(|c| {
                                c.rtp_codec
                                    .mime_type
                                    .to_ascii_lowercase()
                                    .starts_with("video/")
                            })
                        });
                        let kind = if video {
                            MediaKind::Video
                        } else {
                            MediaKind::Audio
                        };
                        let level_extension =
                            p.pc.rtp_receiver(init.receiver_id)
                                .and_then(|mut r| {
                                    r.get_parameters()
                                        .rtp_parameters
                                        .header_extensions
                                        .iter()
                                        .find(|e| e.uri == AUDIO_LEVEL_URI)
                                        .and_then(|e| u8::try_from(e.id).ok())
                                })
                                .filter(|_| kind == MediaKind::Audio);
                        tracing::debug!(
                            peer = id,
                            ?kind,
                            ssrc = init.ssrc,
                            ?level_extension,
                            "incoming track"
                        );
                        // One microphone and one camera per peer.
                        if !p.inbound.iter().any(|i| i.kind == kind) {
                            let kbps = match kind {
                                MediaKind::Audio => self.max_audio_kbps,
                                MediaKind::Video => self.max_video_kbps,
                            };
                            p.inbound.push(Inbound {
                                receiver: init.receiver_id,
                                ssrc: init.ssrc,
                                kind,
                                level_extension,
                                allowance: Allowance::new(kbps, now),
                                highest_seq: None,
                            });
                            changed.push(p.meeting);
                            told.push(id);
                        }
                    }
                    _ => {}
                }
            }
            while let Some(m) = p.pc.poll_read() {
                match m.message {
                    RTCMessage::RtpPacket(_, packet) => {
                        let size = packet.header.marshal_size() + packet.payload.len();
                        let track = p.inbound.iter_mut().find(|i| i.ssrc == packet.header.ssrc);
                        let mut level_extension = None;
                        if let Some(track) = track {
                            self.stats.rtp_lost += track.lost_before(packet.header.sequence_number);
                            if !track.allowance.take(now, size) {
                                self.stats.rtp_in += 1;
                                self.stats.rtp_over_limit += 1;
                                continue;
                            }
                            level_extension = track.level_extension;
                        }
                        let level = level_extension
                            .and_then(|ext| packet.header.get_extension(ext))
                            .and_then(|bytes| bytes.first().copied());
                        if let Some(byte) = level {
                            p.loudest = Some(Loudest::add(p.loudest, byte));
                        }
                        packets.push((id, packet, level))
                    }
                    RTCMessage::RtcpPacket(_, rtcp) => {
                        for r in rtcp.iter().filter(|r| asks_for_keyframe(r.as_ref())) {
                            for ssrc in r.destination_ssrc() {
                                if let Some(src) = p
                                    .outs
                                    .iter()
                                    .find(|o| o.ssrc == ssrc)
                                    .and_then(|o| o.source)
                                {
                                    keyframes.push(src);
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        for id in failed {
            tracing::debug!(peer = id, "removed: the connection failed");
            self.stats.connections_failed += 1;
            self.remove(now, id);
        }
        for meeting in changed {
            self.reroute(now, meeting);
        }
        for id in told {
            self.tell_limit(now, id);
        }
        for (src, packet, level) in packets {
            self.forward(now, src, packet, level);
        }
        keyframes.sort();
        keyframes.dedup();
        for src in keyframes {
            self.request_keyframe(now, src);
        }
        // Forwarding and keyframe requests gave other connections output.
        let mut flush: HashSet<PeerId> = touched.into_iter().collect();
        flush.extend(self.dirty.drain());
        for id in flush {
            let Some(p) = self.peers.get_mut(&id) else {
                continue;
            };
            while let Some(w) = p.pc.poll_write() {
                self.transmits.push_back((w.message, w.transport.peer_addr));
            }
            let timeout = p.pc.poll_timeout();
            if timeout != p.timeout {
                if let Some(old) = p.timeout {
                    self.timers.remove(&(old, id));
                }
                if let Some(new) = timeout {
                    self.timers.insert((new, id));
                }
                p.timeout = timeout;
            }
        }
    }

    /// A packet from one of this node's publishers: recorded, relayed to the nodes that
    /// have listeners for it, and forwarded to the slots it feeds here.
    fn forward(&mut self, now: Instant, src: PeerId, packet: rtc::rtp::Packet, level: Option<u8>) {
        self.stats.rtp_in += 1;
        let Some(from) = self.peers.get(&src) else {
            return;
        };
        let Some(kind) = from
            .inbound
            .iter()
            .find(|i| i.ssrc == packet.header.ssrc)
            .map(|i| i.kind)
        else {
            self.stats.rtp_dropped += 1;
            return;
        };
        let meeting = from.meeting;
        // The sound record takes the packet as it came, before any listener's rewrite.
        if let (Some(spool), Some(sources), MediaKind::Audio) =
            (&self.recorder, self.recorded.get(&meeting), kind)
        {
            for (track, _) in sources.iter().filter(|(_, id)| *id == src) {
                spool.record(meeting, track.clone(), now, packet.payload.clone());
            }
        }
        // Header extension ids are negotiated per leg; none is needed downstream.
        let mut packet = packet;
        for ext in packet.header.get_extension_ids() {
            let _ = packet.header.del_extension(ext);
        }
        let relayed = self.relay(src, kind, meeting, level, &packet);
        if !self.fan_out(now, src, kind, packet) && !relayed {
            // Nobody's slot takes it: a delegate without the floor, a viewer, a booth partner.
            self.stats.rtp_dropped += 1;
        }
    }

    /// Send a packet of this node's publisher once to each node with listeners for it;
    /// whether it went to any.
    fn relay(
        &mut self,
        src: PeerId,
        kind: MediaKind,
        meeting: MeetingId,
        level: Option<u8>,
        packet: &rtc::rtp::Packet,
    ) -> bool {
        let Some(nodes) = self.relayed.get(&(src, kind)) else {
            return false;
        };
        let mut datagram = BytesMut::with_capacity(RELAY_HEADER + packet.marshal_size());
        let mut header = Vec::with_capacity(RELAY_HEADER);
        RelayHeader {
            keyframe_request: false,
            kind,
            level,
            meeting,
            peer: src,
        }
        .write(&mut header);
        datagram.extend_from_slice(&header);
        datagram.resize(RELAY_HEADER + packet.marshal_size(), 0);
        if packet.marshal_to(&mut datagram[RELAY_HEADER..]).is_err() {
            return false;
        }
        for &node in nodes {
            self.transmits.push_back((datagram.clone(), node));
            self.stats.relayed_out += 1;
        }
        true
    }

    /// A datagram from another node: a publisher's packet for the slots it feeds here, or
    /// a listener's request there for a picture from a publisher here. Refused (and
    /// counted) unless it comes from a node this one has heard of and holds a packet of a
    /// track that node told of; one naming a publisher it has not told of yet is dropped.
    fn handle_relay(&mut self, now: Instant, from: SocketAddr, data: &[u8]) {
        let Some((h, rest)) = RelayHeader::read(data) else {
            self.stats.relay_refused += 1;
            return;
        };
        if h.keyframe_request {
            let known = self.nodes.values().any(|n| n.relay == from);
            let ours = h.peer < REMOTE_PEERS
                && self
                    .peers
                    .get(&h.peer)
                    .is_some_and(|p| p.meeting == h.meeting);
            if known && ours {
                self.request_keyframe(now, h.peer);
            } else {
                self.stats.relay_refused += 1;
            }
            return;
        }
        let Some(&id) = self.remote_ids.get(&(from, h.peer)) else {
            if self.nodes.values().any(|n| n.relay == from) {
                // A track that opened on its node moments ago: its packets come straight
                // here, its node's presence one Redis hop later. Nobody's slot takes it yet.
                self.stats.rtp_dropped += 1;
            } else {
                self.stats.relay_refused += 1;
            }
            return;
        };
        let Some(r) = self.remotes.get_mut(&id) else {
            return;
        };
        if r.meeting != h.meeting || !r.kinds.contains(&h.kind) {
            self.stats.relay_refused += 1;
            return;
        }
        let Ok(packet) = rtc::rtp::Packet::unmarshal(&mut &rest[..]) else {
            self.stats.relay_refused += 1;
            return;
        };
        if let Some(byte) = h.level {
            r.loudest = Some(Loudest::add(r.loudest, byte));
        }
        self.stats.relayed_in += 1;
        if !self.fan_out(now, id, h.kind, packet) {
            self.stats.rtp_dropped += 1;
        }
    }

    /// Write a packet of `src`'s track of `kind` to every listener's slot it feeds, each
    /// rewritten onto the slot's own stream; whether any took it.
    fn fan_out(
        &mut self,
        now: Instant,
        src: PeerId,
        kind: MediaKind,
        packet: rtc::rtp::Packet,
    ) -> bool {
        let Some(fed) = self.fed.get(&(src, kind)) else {
            return false;
        };
        let mut forwarded = false;
        let mut touched = Vec::with_capacity(fed.len());
        for &(listener, index) in fed {
            let Some(p) = self.peers.get_mut(&listener) else {
                continue;
            };
            if !p.connected {
                continue;
            }
            let Peer { pc, outs, .. } = p;
            let Some(out) = outs.get_mut(index) else {
                continue;
            };
            let mut q = packet.clone();
            if out.based_on != Some(q.header.ssrc) {
                tracing::debug!(from = src, slot = ?out.slot, pt = ?out.payload_type, "a slot's first packet from a new source");
            }
            out.rewrite(now, &mut q.header);
            if let Some(mut sender) = pc.rtp_sender(out.sender) {
                match sender.write_rtp(now, q) {
                    Ok(()) => {
                        self.stats.rtp_forwarded += 1;
                        forwarded = true;
                        touched.push(listener);
                    }
                    Err(e) => {
                        tracing::debug!(slot = ?out.slot, error = %e, "forwarding refused")
                    }
                }
            }
        }
        self.dirty.extend(touched);
        forwarded
    }

    /// Make this node one of a cluster: from now on it gives out its
    /// [`Output::Presence`] whenever it changes.
    pub(super) fn cluster(&mut self) {
        self.clustered = true;
        self.presence_changed = true;
        self.presence_sent = None;
    }

    /// This node's meetings as the other nodes are to know them: each meeting's
    /// publishers (with what they send) and how many listeners it has here.
    fn presence(&self) -> Vec<MeetingPresence> {
        let mut meetings: BTreeMap<MeetingId, MeetingPresence> = BTreeMap::new();
        for (id, p) in &self.peers {
            let m = meetings
                .entry(p.meeting)
                .or_insert_with(|| MeetingPresence {
                    meeting: p.meeting,
                    listeners: 0,
                    publishers: Vec::new(),
                });
            if !p.outs.is_empty() {
                m.listeners += 1;
            }
            if !p.inbound.is_empty() {
                let kinds: Vec<MediaKind> = p.inbound.iter().map(|i| i.kind).collect();
                m.publishers
                    .push(RelayedPublisher::new(*id, &p.publisher, &kinds));
            }
        }
        let mut meetings: Vec<MeetingPresence> = meetings.into_values().collect();
        for m in &mut meetings {
            m.publishers.sort_by_key(|p| p.peer);
        }
        meetings
    }

    /// What another node of the cluster has now (its whole presence, each time): its
    /// publishers come to feed slots here, and this node's publishers are relayed to it
    /// where it has listeners. A node heard at the media address of another replaced it
    /// (it restarted).
    pub(super) fn node_presence(
        &mut self,
        now: Instant,
        node: String,
        relay: SocketAddr,
        meetings: Vec<MeetingPresence>,
    ) {
        let replaced: Vec<String> = self
            .nodes
            .iter()
            .filter(|(name, n)| n.relay == relay && **name != node)
            .map(|(name, _)| name.clone())
            .collect();
        for name in replaced {
            self.node_gone(now, &name);
        }
        let mut changed: BTreeSet<MeetingId> = BTreeSet::new();
        let listeners: HashMap<MeetingId, u32> = meetings
            .iter()
            .filter(|m| m.listeners > 0)
            .map(|m| (m.meeting, m.listeners))
            .collect();
        let before = self
            .nodes
            .insert(
                node.clone(),
                RemoteNode {
                    relay,
                    listeners: listeners.clone(),
                },
            )
            .map(|n| n.listeners)
            .unwrap_or_default();
        for m in before.keys().chain(listeners.keys()) {
            if before.contains_key(m) != listeners.contains_key(m) {
                changed.insert(*m);
            }
        }
        let wanted: HashMap<(MeetingId, u64), &RelayedPublisher> = meetings
            .iter()
            .flat_map(|m| m.publishers.iter().map(move |p| ((m.meeting, p.peer), p)))
            .collect();
        let gone: Vec<PeerId> = self
            .remotes
            .iter()
            .filter(|(_, r)| r.node == node && !wanted.contains_key(&(r.meeting, r.origin)))
            .map(|(id, _)| *id)
            .collect();
        for id in gone {
            if let Some(r) = self.forget_remote(id) {
                changed.insert(r.meeting);
            }
        }
        for ((meeting, origin), p) in wanted {
            let (publisher, kinds) = (p.publisher(), p.kinds());
            match self.remote_ids.get(&(relay, origin)).copied() {
                Some(id) => {
                    let Some(r) = self.remotes.get_mut(&id) else {
                        continue;
                    };
                    if r.publisher != publisher || r.kinds != kinds {
                        r.publisher = publisher;
                        r.kinds = kinds;
                        changed.insert(meeting);
                    }
                }
                None => {
                    let id = self.next_remote;
                    self.next_remote += 1;
                    self.remote_ids.insert((relay, origin), id);
                    self.remotes.insert(
                        id,
                        RemotePublisher {
                            node: node.clone(),
                            relay,
                            meeting,
                            origin,
                            publisher,
                            kinds,
                            loudest: None,
                        },
                    );
                    changed.insert(meeting);
                }
            }
        }
        for meeting in changed {
            self.reroute(now, meeting);
        }
    }

    /// Another node left the cluster (it said so, or was not heard from for too long):
    /// its publishers no longer feed anything here, and nothing is relayed to it.
    pub(super) fn node_gone(&mut self, now: Instant, node: &str) {
        let Some(gone) = self.nodes.remove(node) else {
            return;
        };
        let mut changed: BTreeSet<MeetingId> = gone.listeners.into_keys().collect();
        let publishers: Vec<PeerId> = self
            .remotes
            .iter()
            .filter(|(_, r)| r.node == node)
            .map(|(id, _)| *id)
            .collect();
        for id in publishers {
            if let Some(r) = self.forget_remote(id) {
                changed.insert(r.meeting);
            }
        }
        for meeting in changed {
            self.reroute(now, meeting);
        }
    }

    fn forget_remote(&mut self, id: PeerId) -> Option<RemotePublisher> {
        let r = self.remotes.remove(&id)?;
        self.remote_ids.remove(&(r.relay, r.origin));
        self.fed.remove(&(id, MediaKind::Audio));
        self.fed.remove(&(id, MediaKind::Video));
        self.keyframes.forget(id);
        Some(r)
    }
}

/// The next time a periodic task is due after `now`: one `every` after the last, or one
/// after `now` if the last is that far behind (a busy core skips ticks, it does not
/// catch up on them).
fn next_tick(last: Instant, every: Duration, now: Instant) -> Instant {
    let next = last + every;
    if next <= now {
        now + every
    } else {
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_sequence_numbers_count_as_lost_and_late_packets_do_not() {
        let mut track = Inbound {
            receiver: Default::default(),
            ssrc: 1,
            kind: MediaKind::Audio,
            level_extension: None,
            allowance: Allowance::new(64, Instant::now()),
            highest_seq: None,
        };
        let lost: Vec<u64> = [65533, 65534, 1, 3, 2, 3, 4]
            .into_iter()
            .map(|seq| track.lost_before(seq))
            .collect();
        // 65535 and 0 skipped across the wrap, then 2; 2 late and 3 again lose nothing.
        assert_eq!(lost, [0, 0, 2, 1, 0, 0, 0]);
        // A sender that starts its sequence anew, ahead or behind, loses nothing by it,
        // and counting goes on from there.
        let lost: Vec<u64> = [30_000, 30_002, 12, 14]
            .into_iter()
            .map(|seq| track.lost_before(seq))
            .collect();
        assert_eq!(lost, [0, 1, 0, 1]);
    }

    #[test]
    fn the_allowance_passes_a_burst_and_holds_a_sender_to_its_limit() {
        let start = Instant::now();
        // 80 kbit/s: 10,000 bytes a second, and a second's worth at once.
        let mut a = Allowance::new(80, start);
        assert!(a.take(start, 6_000), "a keyframe-sized burst passes");
        assert!(a.take(start, 4_000));
        assert!(!a.take(start, 1), "the bucket is empty");
        // Half a second later, half a second's worth is back, and no more.
        let later = start + Duration::from_millis(500);
        assert!(!a.take(later, 5_001));
        assert!(a.take(later, 5_000));
        // Refills stop at one second's worth, however long the sender was quiet.
        let much_later = later + Duration::from_secs(60);
        assert!(!a.take(much_later, 10_001));
        assert!(a.take(much_later, 10_000));
        // A sender at twice the limit for ten seconds gets half of it through.
        let mut a = Allowance::new(80, start);
        let mut passed = 0;
        for i in 1..=500u64 {
            // 20,000 bytes a second in packets of 400 every 20 ms.
            if a.take(start + Duration::from_millis(20 * i), 400) {
                passed += 400;
            }
        }
        assert!(
            (100_000..=110_400).contains(&passed),
            "{passed} bytes passed in 10 s"
        );
    }
}
