//! The SFU task: one UDP socket, many sans-I/O peer connections.
//!
//! Each datagram is routed to its peer by the ICE username (STUN) or by the address
//! learned from it (DTLS, SRTP), fed in, and every peer is drained: events, incoming RTP
//! (forwarded to the listeners whose slot it feeds, with SSRC, sequence, timestamp and
//! payload type rewritten onto the listener's own continuous stream), keyframe requests
//! (passed to the publisher), and outgoing datagrams. Switching what a slot carries is a
//! change of source, never a renegotiation.

use super::keyframes::{asks_for_keyframe, KeyframeRequests};
use super::recorder::{Spool, Track};
use super::MeetingLevels;
use super::{exempt_from_meeting_cap, Cmd, Holder, MediaError, MediaSettings, PeerId};
use anyhow::{anyhow, Context};
use bytes::BytesMut;
use floor_protocol::api::{MediaStats, RecordedTrack};
use floor_protocol::frames::{AudioLevel, ServerFrame};
use floor_protocol::media::{feeds, FloorRoute, MediaKind, Publisher, Slot};
use floor_protocol::{MeetingId, Role};
use rtc::ice::rand::{generate_pwd, generate_ufrag};
use rtc::interceptor::{Registry, Slot as InterceptorSlot};
use rtc::media_stream::MediaStreamTrack;
use rtc::peer_connection::configuration::interceptor_registry::{
    configure_nack, configure_rtcp_reports, configure_twcc_receiver_only,
};
use rtc::peer_connection::configuration::media_engine::{
    MediaEngine, MIME_TYPE_OPUS, MIME_TYPE_VP8,
};
use rtc::peer_connection::configuration::setting_engine::SettingEngineBuilder;
use rtc::peer_connection::configuration::RTCConfigurationBuilder;
use rtc::peer_connection::event::{RTCPeerConnectionEvent, RTCTrackEvent};
use rtc::peer_connection::message::RTCMessage;
use rtc::peer_connection::sdp::RTCSessionDescription;
use rtc::peer_connection::state::RTCPeerConnectionState;
use rtc::peer_connection::transport::{
    CandidateConfig, CandidateHostConfig, RTCDtlsRole, RTCIceCandidate,
};
use rtc::peer_connection::{RTCPeerConnection, RTCPeerConnectionBuilder};
use rtc::rtcp::payload_feedbacks::picture_loss_indication::PictureLossIndication;
use rtc::rtcp::payload_feedbacks::receiver_estimated_maximum_bitrate::ReceiverEstimatedMaximumBitrate;
use rtc::rtp_transceiver::rtp_sender::RTCRtpHeaderExtensionCapability;
use rtc::rtp_transceiver::rtp_sender::{
    RTCRtpCodec, RTCRtpCodingParameters, RTCRtpEncodingParameters, RtpCodecKind,
};
use rtc::rtp_transceiver::{RTCRtpReceiverId, RTCRtpSenderId, RTCRtpTransceiverDirection};
use rtc::sansio::Protocol;
use rtc::shared::marshal::MarshalSize;
use rtc::shared::{TaggedBytesMut, TransportContext, TransportProtocol};
use rtc::stun::attributes::ATTR_USERNAME;
use rtc::stun::message::{is_stun_message, Message};
use rtc::stun::textattrs::Username;
use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::net::UdpSocket;
use tokio::sync::{broadcast, mpsc};

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

/// Put each m-section's bitrate limit into an answer, after its connection line (where
/// RFC 8866 orders `b=`): `b=AS` in kbit/s, and `b=TIAS` in bit/s (RFC 3890), which
/// browsers apply to what they send on that m-line.
fn with_bandwidth_lines(sdp: &str, audio_kbps: u32, video_kbps: u32) -> String {
    let mut out = String::with_capacity(sdp.len() + 128);
    let mut limit: Option<u32> = None;
    let mut pending = false;
    for line in sdp.split_inclusive('\n') {
        let bare = line.trim_end();
        if let Some(rest) = bare.strip_prefix("m=") {
            limit = match rest.split_whitespace().next() {
                Some("audio") => Some(audio_kbps),
                Some("video") => Some(video_kbps),
                _ => None,
            };
            pending = limit.is_some();
            out.push_str(line);
            continue;
        }
        if limit.is_some() && bare.starts_with("b=") {
            // The answer had its own; ours replaces it.
            continue;
        }
        let after_connection = bare.starts_with("c=");
        if pending && !after_connection && !bare.starts_with("i=") {
            // No connection line in this section: the limit goes right after `m=`/`i=`.
            push_bandwidth(&mut out, limit);
            pending = false;
        }
        out.push_str(line);
        if pending && after_connection {
            push_bandwidth(&mut out, limit);
            pending = false;
        }
    }
    if pending {
        push_bandwidth(&mut out, limit);
    }
    out
}

fn push_bandwidth(out: &mut String, kbps: Option<u32>) {
    if let Some(kbps) = kbps {
        out.push_str(&format!(
            "b=AS:{kbps}\r\nb=TIAS:{}\r\n",
            u64::from(kbps) * 1000
        ));
    }
}

/// The audio level header extension (RFC 6464).
const AUDIO_LEVEL_URI: &str = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

/// How often peers that have not connected are looked for, to remove those past the
/// connect deadline.
const SWEEP_EVERY: Duration = Duration::from_millis(500);

/// How often the chair's view is told who is talking.
pub(super) const LEVELS_EVERY: Duration = Duration::from_millis(250);

/// The loudest level a microphone reported since the last report: -dBov (0 the loudest,
/// 127 silence) and whether any packet was flagged as voice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Loudest {
    minus_dbov: u8,
    voice: bool,
}

impl Loudest {
    /// Fold in one packet's extension byte: V bit, then 7 bits of -dBov.
    fn add(this: Option<Loudest>, byte: u8) -> Loudest {
        let packet = Loudest {
            minus_dbov: byte & 0x7f,
            voice: byte & 0x80 != 0,
        };
        match this {
            None => packet,
            Some(l) => Loudest {
                minus_dbov: l.minus_dbov.min(packet.minus_dbov),
                voice: l.voice || packet.voice,
            },
        }
    }
}

/// Whether a publisher's microphone is heard by anyone under `route`.
fn heard(route: &FloorRoute, who: &Publisher) -> bool {
    [Slot::Speaker, Slot::Chair, Slot::Room]
        .into_iter()
        .any(|slot| feeds(route, who, MediaKind::Audio, slot, None))
        || (who.role == Role::Interpreter
            && who
                .participant
                .is_some_and(|p| route.live_booths.values().any(|live| *live == p)))
}

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

pub(super) struct Server {
    socket: UdpSocket,
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
    stats: MediaStats,
    levels: broadcast::Sender<MeetingLevels>,
    /// Connections given input since they were last drained: only these have work.
    dirty: HashSet<PeerId>,
    /// The sound record, when this node records.
    recorder: Option<Spool>,
    /// Each meeting's recorded tracks and the publisher each comes from now: decided with
    /// the listeners' slots in `reroute`, by the same rules.
    recorded: HashMap<MeetingId, Vec<(Track, PeerId)>>,
}

fn codec(kind: MediaKind) -> RTCRtpCodec {
    match kind {
        MediaKind::Audio => RTCRtpCodec {
            mime_type: MIME_TYPE_OPUS.to_owned(),
            clock_rate: 48000,
            channels: 2,
            sdp_fmtp_line: "minptime=10;useinbandfec=1".to_owned(),
            rtcp_feedback: vec![],
        },
        MediaKind::Video => RTCRtpCodec {
            mime_type: MIME_TYPE_VP8.to_owned(),
            clock_rate: 90000,
            channels: 0,
            sdp_fmtp_line: String::new(),
            rtcp_feedback: vec![],
        },
    }
}

/// How long after its consent lapsed a peer is removed (its ICE agent reports it failed).
const FAILED_AFTER_CONSENT: Duration = Duration::from_secs(5);

fn new_peer_connection(ufrag: String, consent: Duration) -> anyhow::Result<RTCPeerConnection> {
    // ICE-lite and the passive DTLS role: the client checks and connects; the server answers.
    // Only the client's STUN checks refresh consent here (the ICE layer does not count
    // media or RTCP), and RFC 7675 lets a client check as rarely as every 30 s or so
    // (browsers check every few seconds, other stacks less often): the agent's
    // "disconnected" timeout, after which nothing is sent to the peer, is that consent
    // lifetime, not the library's 5 s default, which cut listeners off between checks.
    // A lite agent sends no keepalives of its own, so the interval is left unset.
    let settings = SettingEngineBuilder::new()
        .with_ice_credentials(ufrag, generate_pwd())
        .with_lite(true)
        .with_answering_dtls_role(RTCDtlsRole::Server)
        .with_ice_timeouts(Some(consent), Some(FAILED_AFTER_CONSENT), None)
        .build();
    let mut media = MediaEngine::default();
    media.register_default_codecs()?;
    // Clients say how loud each packet is, so the chair can see who is talking.
    media.register_header_extension(
        RTCRtpHeaderExtensionCapability {
            uri: AUDIO_LEVEL_URI.to_owned(),
        },
        RtpCodecKind::Audio,
        None,
    )?;
    // NACK, RTCP reports and transport-wide congestion feedback; not the simulcast header
    // extensions: the SFU forwards one layer, and packets are told apart by their SSRC.
    let interceptors = configure_nack(Registry::new(), &mut media);
    let interceptors = configure_twcc_receiver_only(interceptors, &mut media)?;
    let interceptors = configure_rtcp_reports(interceptors)
        .with(InterceptorSlot::Custom(14_000), KeyframeRequests::default());
    Ok(RTCPeerConnectionBuilder::new()
        .with_configuration(RTCConfigurationBuilder::new().build())
        .with_setting_engine(settings)
        .with_media_engine(media)
        .with_interceptor_registry(interceptors)
        .build(Instant::now())?)
}

/// The offer's audio and video m-lines, in order: their kind, and whether the offerer
/// receives on it (`recvonly` or `sendrecv`).
fn offered_mlines(sdp: &str) -> Vec<(MediaKind, bool)> {
    let mut lines: Vec<(Option<MediaKind>, bool)> = Vec::new();
    for line in sdp.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("m=") {
            let kind = match rest.split_whitespace().next() {
                Some("audio") => Some(MediaKind::Audio),
                Some("video") => Some(MediaKind::Video),
                _ => None,
            };
            lines.push((kind, false));
        } else if line == "a=recvonly" || line == "a=sendrecv" {
            if let Some(last) = lines.last_mut() {
                last.1 = true;
            }
        }
    }
    lines
        .into_iter()
        .filter_map(|(kind, receiving)| kind.map(|k| (k, receiving)))
        .collect()
}

fn out_track(stream: String, id: String, kind: MediaKind, ssrc: u32) -> MediaStreamTrack {
    MediaStreamTrack::new(
        stream,
        id.clone(),
        id,
        if kind == MediaKind::Video {
            RtpCodecKind::Video
        } else {
            RtpCodecKind::Audio
        },
        vec![RTCRtpEncodingParameters {
            rtp_coding_parameters: RTCRtpCodingParameters {
                ssrc: Some(ssrc),
                ..Default::default()
            },
            active: true,
            codec: codec(kind),
            ..Default::default()
        }],
    )
}

/// The kernel buffers of the media socket. One task reads every peer's datagrams; when it
/// is busy (a burst of RTCP from hundreds of listeners, or a machine short of CPU) the
/// kernel's default receive buffer of some 200 KiB overflows and drops media. The kernel
/// caps the request at `net.core.rmem_max`/`wmem_max`; raise those on a media node.
const SOCKET_BUFFER_BYTES: usize = 8 * 1024 * 1024;

fn bind_media_socket(addr: SocketAddr) -> anyhow::Result<UdpSocket> {
    use socket2::{Domain, Protocol as IpProtocol, Socket, Type};
    let socket = Socket::new(
        Domain::for_address(addr),
        Type::DGRAM,
        Some(IpProtocol::UDP),
    )?;
    // Best effort: a smaller buffer than asked for still works.
    let _ = socket.set_recv_buffer_size(SOCKET_BUFFER_BYTES);
    let _ = socket.set_send_buffer_size(SOCKET_BUFFER_BYTES);
    socket.set_nonblocking(true)?;
    socket.bind(&addr.into())?;
    let socket = UdpSocket::from_std(socket.into())?;
    if let Ok(sock) = socket2::SockRef::from(&socket).recv_buffer_size() {
        tracing::debug!(bytes = sock, "media socket receive buffer");
    }
    Ok(socket)
}

impl Server {
    pub(super) async fn bind(
        settings: &MediaSettings,
        levels: broadcast::Sender<MeetingLevels>,
        recorder: Option<Spool>,
    ) -> anyhow::Result<Server> {
        let socket = bind_media_socket(settings.bind)
            .with_context(|| format!("binding the media port {}", settings.bind))?;
        let local = socket.local_addr()?;
        let announced = SocketAddr::new(settings.announced_ip.unwrap_or(local.ip()), local.port());
        Ok(Server {
            socket,
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
            stats: MediaStats::default(),
            levels,
            dirty: HashSet::new(),
            recorder,
            recorded: HashMap::new(),
        })
    }

    pub(super) fn announced(&self) -> SocketAddr {
        self.announced
    }

    pub(super) async fn run(
        mut self,
        mut commands: mpsc::UnboundedReceiver<Cmd>,
    ) -> anyhow::Result<()> {
        let mut buf = vec![0u8; 2048];
        let mut report_levels = tokio::time::interval(LEVELS_EVERY);
        report_levels.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        let mut tell_limits = tokio::time::interval(LIMITS_EVERY);
        tell_limits.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        let mut sweep = tokio::time::interval(SWEEP_EVERY);
        sweep.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            self.drain();
            let deadline = self
                .peers
                .values()
                .filter_map(|p| p.timeout)
                .min()
                .unwrap_or_else(|| Instant::now() + Duration::from_millis(200));
            if deadline <= Instant::now() {
                self.on_timeouts();
                continue;
            }
            tokio::select! {
                received = self.socket.recv_from(&mut buf) => match received {
                    Ok((n, from)) => self.on_datagram(from, &buf[..n]),
                    // ICMP "port unreachable" from a peer that left shows up here; not fatal.
                    Err(e) => tracing::debug!(error = %e, "media socket receive"),
                },
                command = commands.recv() => match command {
                    Some(c) => self.on_command(c),
                    None => return Ok(()),
                },
                _ = tokio::time::sleep_until(deadline.into()) => self.on_timeouts(),
                _ = report_levels.tick() => self.report_levels(),
                _ = tell_limits.tick() => self.tell_limits(),
                _ = sweep.tick() => self.remove_unconnected(Instant::now()),
            }
        }
    }

    /// Tell each meeting's chair who talked since the last report.
    fn report_levels(&mut self) {
        let mut by_meeting: HashMap<MeetingId, Vec<AudioLevel>> = HashMap::new();
        let nobody = FloorRoute::default();
        for p in self.peers.values_mut() {
            let Some(l) = p.loudest.take() else {
                continue;
            };
            let route = self.applied_routes.get(&p.meeting).unwrap_or(&nobody);
            by_meeting.entry(p.meeting).or_default().push(AudioLevel {
                role: p.publisher.role,
                participant: p.publisher.participant,
                delegation: p.publisher.delegation,
                dbov: -(l.minus_dbov as i8),
                voice: l.voice,
                heard: heard(route, &p.publisher),
            });
        }
        for (meeting, mut levels) in by_meeting {
            levels.sort_by_key(|l| (l.dbov, l.participant.map(|p| p.0)));
            levels.reverse();
            let frame = ServerFrame::AudioLevels {
                meeting_id: meeting,
                levels,
            };
            if let Ok(text) = serde_json::to_string(&frame) {
                // Nobody listening is fine: levels are only worth something now.
                let _ = self.levels.send(MeetingLevels {
                    meeting,
                    frame: text.into(),
                });
            }
        }
    }

    /// Remind every publisher of its bitrate limit (RTCP REMB): senders that adapt to the
    /// network (browsers) keep under it, so the bucket in [`Allowance`] never has to drop.
    fn tell_limits(&mut self) {
        let now = Instant::now();
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
            self.remove(id);
        }
    }

    /// Close a peer, forget how to find it, and re-route its meeting without it.
    fn remove(&mut self, id: PeerId) {
        if let Some(mut p) = self.peers.remove(&id) {
            let _ = p.pc.close();
            self.by_ufrag.remove(&p.ufrag);
            self.by_addr.retain(|_, peer| *peer != id);
            self.dirty.remove(&id);
            self.reroute(p.meeting);
        }
    }

    fn on_timeouts(&mut self) {
        let now = Instant::now();
        for (id, p) in self.peers.iter_mut() {
            if p.timeout.is_some_and(|t| t <= now) {
                let _ = p.pc.handle_timeout(now);
                self.dirty.insert(*id);
            }
        }
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

    fn on_datagram(&mut self, from: SocketAddr, data: &[u8]) {
        let Some(id) = self.peer_of(from, data) else {
            return;
        };
        let Some(p) = self.peers.get_mut(&id) else {
            return;
        };
        let message = TaggedBytesMut {
            now: Instant::now(),
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

    fn on_command(&mut self, command: Cmd) {
        match command {
            Cmd::Join {
                peer,
                holder,
                meeting,
                publisher,
                sdp,
                route,
                reply,
            } => {
                let result = self.join(peer, holder, meeting, publisher, &sdp, route);
                if result.is_ok() {
                    self.reroute(meeting);
                }
                let _ = reply.send(result);
            }
            Cmd::Listen { peer, channel } => {
                if let Some(p) = self.peers.get_mut(&peer) {
                    p.channel = channel;
                    let meeting = p.meeting;
                    self.reroute(meeting);
                }
            }
            Cmd::Leave { peer } => self.remove(peer),
            Cmd::Route { meeting, route } => {
                if self.routes.get(&meeting) != Some(&route) {
                    self.routes.insert(meeting, route);
                    self.reroute(meeting);
                }
            }
            Cmd::Stats { reply } => {
                let mut s = self.stats.clone();
                s.peers = self.peers.len() as u64;
                s.connecting = self.peers.values().filter(|p| !p.ever_connected).count() as u64;
                let _ = reply.send(s);
            }
        }
    }

    fn join(
        &mut self,
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
        let negotiation = |e: anyhow::Error| MediaError::Negotiation(format!("{e:#}"));
        // The new connection is negotiated before anything is replaced: an offer that
        // cannot be answered leaves the peer it would have replaced, and the routing, as
        // they were.
        let ufrag = generate_ufrag();
        let mut pc =
            new_peer_connection(ufrag.clone(), self.consent_timeout).map_err(negotiation)?;
        let answer = (|| -> anyhow::Result<(String, Vec<Out>)> {
            let now = Instant::now();
            pc.set_remote_description(now, RTCSessionDescription::offer(sdp.to_string())?)
                .context("reading the offer")?;
            // The listener's slots go on the m-lines it receives on, in order: the floor's
            // audio slots on its receiving audio m-lines, the floor video on the first
            // receiving video m-line. `add_track` takes the first m-line of the kind that has
            // no track yet, so an m-line the peer only publishes on (its microphone, its
            // camera) is given a track that never sends (the answer makes it receive-only);
            // otherwise a slot would land there and never reach the listener.
            let mut audio_slots = Slot::AUDIO.into_iter();
            let mut video_slots = std::iter::once(Slot::Video);
            let mut outs = Vec::new();
            for (index, (kind, receiving)) in offered_mlines(sdp).into_iter().enumerate() {
                let slot = match (receiving, kind) {
                    (false, _) => None,
                    (true, MediaKind::Audio) => audio_slots.next(),
                    (true, MediaKind::Video) => video_slots.next(),
                };
                let ssrc = rand::random::<u32>();
                let Some(slot) = slot else {
                    if !receiving {
                        let unused =
                            out_track("floor-unused".into(), format!("unused-{index}"), kind, ssrc);
                        let held = pc
                            .add_track(unused)
                            .context("holding a publishing m-line")?;
                        // The answer must only receive there: browsers refuse an answer
                        // that would send on an m-line they offered as send-only.
                        let ids: Vec<_> = pc.get_transceivers().collect();
                        for t in ids {
                            if let Some(mut t) = pc.rtp_transceiver(t) {
                                if t.sender() == Some(held) {
                                    t.set_direction(RTCRtpTransceiverDirection::Recvonly);
                                }
                            }
                        }
                    }
                    continue;
                };
                // Each slot is its own stream: the client tells them apart by stream and track.
                let track = out_track(
                    format!("floor-{}", slot.track_id()),
                    slot.track_id().to_string(),
                    kind,
                    ssrc,
                );
                let sender = pc.add_track(track).context("adding a listener's track")?;
                outs.push(Out {
                    slot,
                    sender,
                    ssrc,
                    payload_type: None,
                    clock_rate: codec(kind).clock_rate,
                    source: None,
                    based_on: None,
                    seq_offset: 0,
                    ts_offset: 0,
                    last_seq: 0,
                    last_ts: 0,
                    last_at: None,
                });
            }
            let candidate = CandidateHostConfig {
                base_config: CandidateConfig {
                    network: "udp".to_owned(),
                    address: self.announced.ip().to_string(),
                    port: self.announced.port(),
                    component: 1,
                    ..Default::default()
                },
                ..Default::default()
            }
            .new_candidate_host()?;
            pc.add_local_candidate(RTCIceCandidate::from(&candidate).to_json()?)?;
            let answer = pc.create_answer(None).context("answering")?;
            pc.set_local_description(now, answer)?;
            for o in &mut outs {
                let mime = codec(o.kind()).mime_type;
                o.payload_type = pc.rtp_sender(o.sender).and_then(|mut s| {
                    s.get_parameters()
                        .rtp_parameters
                        .codecs
                        .iter()
                        .find(|c| c.rtp_codec.mime_type.eq_ignore_ascii_case(&mime))
                        .map(|c| c.payload_type)
                });
            }
            let sdp = pc
                .local_description()
                .ok_or_else(|| anyhow!("no answer"))?
                .sdp;
            let sdp = with_bandwidth_lines(&sdp, self.max_audio_kbps, self.max_video_kbps);
            Ok((sdp, outs))
        })()
        .map_err(negotiation)?;
        let (sdp, outs) = answer;
        if let Some(mut old) = self.peers.remove(&id) {
            // A new offer on the same connection starts over (e.g. after a network change).
            let _ = old.pc.close();
            self.by_ufrag.remove(&old.ufrag);
            self.by_addr.retain(|_, p| *p != id);
            if old.meeting != meeting {
                self.reroute(old.meeting);
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
                answered_at: Instant::now(),
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
        Ok(sdp)
    }

    /// Decide again, for every listener of the meeting, which publisher feeds each slot.
    fn reroute(&mut self, meeting: MeetingId) {
        let mut publishers: Vec<(PeerId, Publisher, Vec<MediaKind>)> = self
            .peers
            .iter()
            .filter(|(_, p)| p.meeting == meeting)
            .map(|(id, p)| (*id, p.publisher, p.inbound.iter().map(|i| i.kind).collect()))
            .collect();
        publishers.sort_by_key(|(id, _, _)| *id);
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
        if self.recorder.is_some() {
            self.recorded
                .insert(meeting, recorded_sources(&route, &publishers));
        }
        let mut keyframes = Vec::new();
        for (listener, p) in self.peers.iter_mut().filter(|(_, p)| p.meeting == meeting) {
            for out in &mut p.outs {
                let kind = out.kind();
                let source = publishers
                    .iter()
                    .find(|(id, who, kinds)| {
                        id != listener
                            && kinds.contains(&kind)
                            && feeds(&route, who, kind, out.slot, p.channel.as_deref())
                    })
                    .map(|(id, _, _)| *id);
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
        let now = Instant::now();
        for s in keyframes {
            self.request_keyframe(now, s);
        }
    }

    fn request_keyframe(&mut self, now: Instant, publisher: PeerId) {
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
    fn drain(&mut self) {
        let now = Instant::now();
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
                        packets.push((id, packet))
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
            self.remove(id);
        }
        for meeting in changed {
            self.reroute(meeting);
        }
        for id in told {
            self.tell_limit(now, id);
        }
        for (src, packet) in packets {
            self.forward(now, src, packet);
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
                // Never wait on the socket: a datagram that cannot go now is dropped, as
                // the network would; RTP recovers.
                if self
                    .socket
                    .try_send_to(&w.message, w.transport.peer_addr)
                    .is_err()
                {
                    self.stats.datagrams_unsent += 1;
                }
            }
            p.timeout = p.pc.poll_timeout();
        }
    }

    fn forward(&mut self, now: Instant, src: PeerId, packet: rtc::rtp::Packet) {
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
        if let (Some(spool), Some(sources), MediaKind::Audio) =
            (&self.recorder, self.recorded.get(&meeting), kind)
        {
            for (track, _) in sources.iter().filter(|(_, id)| *id == src) {
                spool.record(meeting, track.clone(), now, packet.payload.clone());
            }
        }
        let mut forwarded = false;
        let mut touched = Vec::new();
        for (id, p) in self
            .peers
            .iter_mut()
            .filter(|(_, p)| p.meeting == meeting && p.connected)
        {
            let Peer { pc, outs, .. } = p;
            for out in outs
                .iter_mut()
                .filter(|o| o.source == Some(src) && o.kind() == kind)
            {
                let mut q = packet.clone();
                // Header extension ids are negotiated per leg; none is needed downstream.
                for ext in q.header.get_extension_ids() {
                    let _ = q.header.del_extension(ext);
                }
                if out.based_on != Some(q.header.ssrc) {
                    tracing::debug!(from = src, slot = ?out.slot, pt = ?out.payload_type, "a slot's first packet from a new source");
                }
                out.rewrite(now, &mut q.header);
                if let Some(mut sender) = pc.rtp_sender(out.sender) {
                    match sender.write_rtp(now, q) {
                        Ok(()) => {
                            self.stats.rtp_forwarded += 1;
                            forwarded = true;
                            touched.push(*id);
                        }
                        Err(e) => {
                            tracing::debug!(slot = ?out.slot, error = %e, "forwarding refused")
                        }
                    }
                }
            }
        }
        self.dirty.extend(touched);
        if !forwarded {
            // Nobody's slot takes it: a delegate without the floor, a viewer, a booth partner.
            self.stats.rtp_dropped += 1;
        }
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
    fn the_loudest_packet_and_any_voice_make_the_level() {
        let quiet_noise = 0x50; // -80 dBov, no voice
        let speech = 0x80 | 0x14; // -20 dBov, voice
        let l = Loudest::add(None, quiet_noise);
        assert_eq!(
            l,
            Loudest {
                minus_dbov: 80,
                voice: false
            }
        );
        let l = Loudest::add(Some(l), speech);
        let l = Loudest::add(Some(l), quiet_noise);
        assert_eq!(
            l,
            Loudest {
                minus_dbov: 20,
                voice: true
            }
        );
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

    #[test]
    fn the_answer_carries_each_m_lines_limit_after_its_connection_line() {
        let answer = "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n\
            m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n\
            m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\nb=AS:99999\r\na=mid:1\r\n\
            m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\n\
            m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:3\r\n";
        let limited = with_bandwidth_lines(answer, 128, 2500);
        assert_eq!(
            limited,
            "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n\
            m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\nb=AS:128\r\nb=TIAS:128000\r\na=mid:0\r\n\
            m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\nb=AS:2500\r\nb=TIAS:2500000\r\na=mid:1\r\n\
            m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\n\
            m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nb=AS:128\r\nb=TIAS:128000\r\na=mid:3\r\n"
        );
        // What the browser parses: every media section still well formed.
        assert!(
            rtc::sdp::description::session::SessionDescription::unmarshal(
                &mut std::io::Cursor::new(limited.as_bytes())
            )
            .is_ok()
        );
    }

    #[test]
    fn offered_mlines_tell_publishing_from_receiving() {
        let sdp = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendonly\r\nm=audio 9 UDP 111\r\na=recvonly\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nm=audio 9 UDP 111\r\na=sendrecv\r\nm=video 9 UDP 96\r\na=recvonly\r\nm=video 9 UDP 96\r\na=sendonly\r\n";
        assert_eq!(
            offered_mlines(sdp),
            vec![
                (MediaKind::Audio, false),
                (MediaKind::Audio, true),
                (MediaKind::Audio, true),
                (MediaKind::Video, true),
                (MediaKind::Video, false),
            ]
        );
    }
}
