//! A real WebRTC peer for the tests, made with the `webrtc` crate (the async layer over the
//! same `rtc` the server uses): it publishes a microphone (and a camera) writing RTP packets
//! whose payload carries a marker naming the speaker and a counter, and receives the
//! server's slots, reporting every packet with the slot it came on.

use crate::helpers::{Ws, DEADLINE};
use floor_protocol::frames::{ClientFrame, ServerFrame};
use floor_protocol::MeetingId;
use rtc::media_stream::MediaStreamTrack;
use rtc::peer_connection::configuration::setting_engine::SettingEngineBuilder;
use rtc::rtp_transceiver::rtp_sender::{
    RTCRtpCodec, RTCRtpCodingParameters, RTCRtpEncodingParameters, RTCRtpHeaderExtensionCapability,
    RtpCodecKind,
};
use rtc::rtp_transceiver::{RTCRtpTransceiverDirection, RTCRtpTransceiverInit};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use webrtc::media_stream::track_local::static_rtp::TrackLocalStaticRTP;
use webrtc::media_stream::track_local::TrackLocal;
use webrtc::media_stream::track_remote::{TrackRemote, TrackRemoteEvent};
use webrtc::peer_connection::{
    register_default_interceptors, MediaEngine, PeerConnection, PeerConnectionBuilder,
    PeerConnectionEventHandler, RTCConfigurationBuilder, RTCPeerConnectionState,
    RTCSessionDescription, Registry,
};

const AUDIO_LEVEL_URI: &str = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

/// The audio level every microphone packet carries: voice, at -20 dBov.
pub const SPEAKING_LEVEL: u8 = 0x80 | 20;

/// Set in the marker of camera packets, so a listener can tell what it received.
const VIDEO_BIT: u32 = 0x1000_0000;

/// One packet as a listener received it.
#[derive(Debug, Clone)]
pub struct Heard {
    /// The slot: "speaker", "chair", "room", "interpretation" or "video".
    pub slot: String,
    /// Who spoke it (the publisher's marker).
    pub marker: u32,
    /// It came from the publisher's camera, not its microphone.
    pub video: bool,
    /// The publisher's packet counter.
    pub counter: u32,
    /// The RTP sequence number on the listener's leg.
    pub seq: u16,
    pub at: Instant,
}

struct Events {
    state: UnboundedSender<RTCPeerConnectionState>,
    tracks: UnboundedSender<Arc<dyn TrackRemote>>,
}

#[async_trait::async_trait]
impl PeerConnectionEventHandler for Events {
    async fn on_connection_state_change(&self, state: RTCPeerConnectionState) {
        let _ = self.state.send(state);
    }
    async fn on_track(&self, track: Arc<dyn TrackRemote>) {
        let _ = self.tracks.send(track);
    }
}

/// The interceptor chain keeps inbound RTCP to itself unless told otherwise; this one lets
/// the server's bitrate limits (REMB) through to the test, as a browser's congestion
/// controller would take them in.
#[derive(Default)]
struct DeliverLimits {
    inbound: std::collections::VecDeque<rtc::interceptor::TaggedPacket>,
    outbound: std::collections::VecDeque<rtc::interceptor::TaggedPacket>,
}

impl rtc::sansio::Protocol<rtc::interceptor::TaggedPacket, rtc::interceptor::TaggedPacket, ()>
    for DeliverLimits
{
    type Rout = rtc::interceptor::TaggedPacket;
    type Wout = rtc::interceptor::TaggedPacket;
    type Eout = ();
    type Error = rtc::shared::error::Error;
    type Time = Instant;

    fn handle_read(&mut self, mut msg: Self::Rout) -> Result<(), Self::Error> {
        use rtc::rtcp::payload_feedbacks::receiver_estimated_maximum_bitrate::ReceiverEstimatedMaximumBitrate;
        let limit = match &msg.message.packet {
            rtc::interceptor::Packet::Rtcp(packets) => packets
                .iter()
                .any(|p| p.as_any().is::<ReceiverEstimatedMaximumBitrate>()),
            _ => false,
        };
        if limit {
            msg.message
                .add(rtc::interceptor::Attribute::DeliverToApplication);
        }
        self.inbound.push_back(msg);
        Ok(())
    }

    fn poll_read(&mut self) -> Option<Self::Rout> {
        self.inbound.pop_front()
    }

    fn handle_write(&mut self, msg: Self::Wout) -> Result<(), Self::Error> {
        self.outbound.push_back(msg);
        Ok(())
    }

    fn poll_write(&mut self) -> Option<Self::Wout> {
        self.outbound.pop_front()
    }
}

impl rtc::interceptor::Interceptor for DeliverLimits {
    fn bind_local_stream(&mut self, _: &rtc::interceptor::StreamInfo) {}
    fn unbind_local_stream(&mut self, _: &rtc::interceptor::StreamInfo) {}
    fn bind_remote_stream(&mut self, _: &rtc::interceptor::StreamInfo) {}
    fn unbind_remote_stream(&mut self, _: &rtc::interceptor::StreamInfo) {}
}

pub struct MediaPeer {
    pc: Arc<dyn PeerConnection>,
    states: UnboundedReceiver<RTCPeerConnectionState>,
    tracks: Option<UnboundedReceiver<Arc<dyn TrackRemote>>>,
    mic: Option<(Arc<TrackLocalStaticRTP>, u32)>,
    camera: Option<(Arc<TrackLocalStaticRTP>, u32)>,
    /// The server's answer to the last offer.
    pub answer: Option<String>,
}

fn codec(kind: RtpCodecKind) -> RTCRtpCodec {
    match kind {
        RtpCodecKind::Video => RTCRtpCodec {
            mime_type: "video/VP8".into(),
            clock_rate: 90000,
            channels: 0,
            sdp_fmtp_line: String::new(),
            rtcp_feedback: vec![],
        },
        _ => RTCRtpCodec {
            mime_type: "audio/opus".into(),
            clock_rate: 48000,
            channels: 2,
            sdp_fmtp_line: "minptime=10;useinbandfec=1".into(),
            rtcp_feedback: vec![],
        },
    }
}

impl MediaPeer {
    /// A peer that publishes a microphone (and a camera if `camera`), and receives the
    /// server's slots if `receive`.
    pub async fn new(microphone: bool, camera: bool, receive: bool) -> MediaPeer {
        MediaPeer::with_consent_checks(microphone, camera, receive, None).await
    }

    /// [`MediaPeer::new`], checking consent (a STUN binding request on the selected pair)
    /// every `every` instead of the library's 2 s, as other WebRTC stacks do.
    pub async fn with_consent_checks(
        microphone: bool,
        camera: bool,
        receive: bool,
        every: Option<Duration>,
    ) -> MediaPeer {
        MediaPeer::build(microphone, camera, receive, every, "127.0.0.1:0", vec![]).await
    }

    /// A peer with a microphone whose UDP socket is bound to `udp` (an address of a
    /// network namespace, when built on a thread that entered it) and that may relay
    /// through `ice_servers` (TURN), as a browser given `GET /api/media/ice-servers`.
    pub async fn with_network(
        udp: &str,
        ice_servers: Vec<floor_protocol::api::IceServer>,
    ) -> MediaPeer {
        let ice_servers = ice_servers
            .into_iter()
            .map(|s| rtc::peer_connection::configuration::RTCIceServer {
                urls: s.urls,
                username: s.username.unwrap_or_default(),
                credential: s.credential.unwrap_or_default(),
            })
            .collect();
        MediaPeer::build(true, false, false, None, udp, ice_servers).await
    }

    async fn build(
        microphone: bool,
        camera: bool,
        receive: bool,
        every: Option<Duration>,
        udp: &str,
        ice_servers: Vec<rtc::peer_connection::configuration::RTCIceServer>,
    ) -> MediaPeer {
        // The client's own WebRTC log, when a media test needs explaining:
        // FLOOR_CLIENT_LOG=rtc::peer_connection::handler::endpoint=debug shows dropped packets.
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_env("FLOOR_CLIENT_LOG"))
            .try_init();
        let mut media = MediaEngine::default();
        media.register_default_codecs().unwrap();
        // Like a browser, the peer says how loud each audio packet is (RFC 6464).
        media
            .register_header_extension(
                RTCRtpHeaderExtensionCapability {
                    uri: AUDIO_LEVEL_URI.into(),
                },
                RtpCodecKind::Audio,
                None,
            )
            .unwrap();
        let registry = register_default_interceptors(Registry::new(), &mut media)
            .unwrap()
            .with(
                rtc::interceptor::Slot::Custom(14_000),
                DeliverLimits::default(),
            );
        let (state, states) = unbounded_channel();
        let (tracks_tx, tracks) = unbounded_channel();
        let mut settings = SettingEngineBuilder::new();
        if let Some(every) = every {
            // The peer's own view of the server must outlast its checks: it hears from
            // the server (answers to its checks) only that often.
            let patience = (every * 3).max(Duration::from_secs(5));
            settings = settings.with_ice_timeouts(Some(patience), Some(patience), Some(every));
        }
        if !udp.starts_with("127.") {
            // A peer on another address lives in a network namespace with no multicast
            // route, where the mDNS socket cannot join its group (ENODEV): no mDNS name.
            settings = settings.with_multicast_dns_mode(rtc::ice::mdns::MulticastDnsMode::Disabled);
        }
        let pc = PeerConnectionBuilder::new()
            .with_configuration(
                RTCConfigurationBuilder::new()
                    .with_ice_servers(ice_servers)
                    .build(),
            )
            .with_setting_engine(settings.build())
            .with_media_engine(media)
            .with_interceptor_registry(registry)
            .with_handler(Arc::new(Events {
                state,
                tracks: tracks_tx,
            }))
            .with_udp_addrs(vec![udp.to_string()])
            .build()
            .await
            .unwrap();
        let pc: Arc<dyn PeerConnection> = Arc::new(pc);
        let mut peer = MediaPeer {
            pc,
            states,
            tracks: Some(tracks),
            mic: None,
            camera: None,
            answer: None,
        };
        if microphone {
            peer.mic = Some(peer.send_track(RtpCodecKind::Audio).await);
        }
        if camera {
            peer.camera = Some(peer.send_track(RtpCodecKind::Video).await);
        }
        if receive {
            // Speaker, chair, room, interpretation, and the floor video.
            let kinds = [
                RtpCodecKind::Audio,
                RtpCodecKind::Audio,
                RtpCodecKind::Audio,
                RtpCodecKind::Audio,
                RtpCodecKind::Video,
            ];
            for kind in kinds {
                peer.pc
                    .add_transceiver_from_kind(
                        kind,
                        Some(RTCRtpTransceiverInit {
                            direction: RTCRtpTransceiverDirection::Recvonly,
                            streams: vec![],
                            send_encodings: vec![],
                        }),
                    )
                    .await
                    .unwrap();
            }
        }
        peer
    }

    async fn send_track(&self, kind: RtpCodecKind) -> (Arc<TrackLocalStaticRTP>, u32) {
        let ssrc = rand::random::<u32>();
        let name = if kind == RtpCodecKind::Video {
            "camera"
        } else {
            "microphone"
        };
        let track = Arc::new(TrackLocalStaticRTP::new(MediaStreamTrack::new(
            "participant".into(),
            name.into(),
            name.into(),
            kind,
            vec![RTCRtpEncodingParameters {
                rtp_coding_parameters: RTCRtpCodingParameters {
                    ssrc: Some(ssrc),
                    ..Default::default()
                },
                active: true,
                codec: codec(kind),
                ..Default::default()
            }],
        )));
        self.pc
            .add_transceiver_from_track(
                Arc::clone(&track) as Arc<dyn TrackLocal>,
                Some(RTCRtpTransceiverInit {
                    direction: RTCRtpTransceiverDirection::Sendonly,
                    streams: vec![],
                    send_encodings: vec![],
                }),
            )
            .await
            .unwrap();
        (track, ssrc)
    }

    /// An offer for this peer's m-lines, set as its local description.
    pub async fn offer(&self) -> String {
        let offer = self.pc.create_offer(None).await.unwrap();
        self.pc.set_local_description(offer.clone()).await.unwrap();
        offer.sdp
    }

    /// Offer over the meeting's WebSocket; `Err` with the server's error message if refused.
    pub async fn try_join(&mut self, ws: &mut Ws, meeting: MeetingId) -> Result<(), String> {
        let offer = self.pc.create_offer(None).await.unwrap();
        self.pc.set_local_description(offer.clone()).await.unwrap();
        ws.send(&ClientFrame::MediaOffer {
            meeting_id: meeting,
            sdp: offer.sdp,
        })
        .await;
        let answer = ws
            .wait_for(|f| match f {
                ServerFrame::MediaAnswer { sdp, .. } => Some(Ok(sdp.clone())),
                ServerFrame::Error { message, .. } => Some(Err(message.clone())),
                _ => None,
            })
            .await?;
        if std::env::var("FLOOR_TEST_SDP").is_ok() {
            eprintln!("ANSWER\n{answer}");
        }
        self.accept(answer).await;
        Ok(())
    }

    /// Take the server's answer to this peer's offer ([`MediaPeer::offer`]).
    pub async fn accept(&mut self, answer: String) {
        self.pc
            .set_remote_description(RTCSessionDescription::answer(answer.clone()).unwrap())
            .await
            .unwrap();
        self.answer = Some(answer);
    }

    /// Join and wait until the media connection is up.
    pub async fn join(&mut self, ws: &mut Ws, meeting: MeetingId) {
        self.try_join(ws, meeting)
            .await
            .expect("media offer accepted");
        self.connected().await;
    }

    /// Wait until the media connection is up.
    pub async fn connected(&mut self) {
        let connected = tokio::time::timeout(DEADLINE, async {
            while let Some(s) = self.states.recv().await {
                if s == RTCPeerConnectionState::Connected {
                    return true;
                }
            }
            false
        })
        .await;
        assert_eq!(connected, Ok(true), "the media connection comes up");
    }

    /// The id the connection negotiated for the audio level header extension.
    async fn audio_level_id(&self) -> Option<u8> {
        for t in self.pc.get_transceivers().await {
            if let Ok(Some(s)) = t.sender().await {
                if let Ok(params) = s.get_parameters().await {
                    if let Some(e) = params
                        .rtp_parameters
                        .header_extensions
                        .iter()
                        .find(|e| e.uri == AUDIO_LEVEL_URI)
                    {
                        return u8::try_from(e.id).ok();
                    }
                }
            }
        }
        None
    }

    async fn payload_type(&self, mime: &str) -> u8 {
        for t in self.pc.get_transceivers().await {
            if let Ok(Some(s)) = t.sender().await {
                if let Ok(params) = s.get_parameters().await {
                    if let Some(c) = params
                        .rtp_parameters
                        .codecs
                        .iter()
                        .find(|c| c.rtp_codec.mime_type.eq_ignore_ascii_case(mime))
                    {
                        return c.payload_type;
                    }
                }
            }
        }
        panic!("no negotiated {mime}")
    }

    /// Speak: a packet every 20 ms (and a video packet with each), each carrying `marker`
    /// and a counter, until the returned task is aborted.
    pub async fn speak(&self, marker: u32) -> tokio::task::JoinHandle<()> {
        self.speak_sized(marker, 60).await
    }

    /// The bitrates the server tells this peer to keep under (RTCP REMB received on its
    /// microphone or camera), in bit/s, from now on. Call it once joined: a track hears
    /// RTCP only when the connection has bound it.
    pub fn limits_told(&self) -> UnboundedReceiver<f32> {
        use rtc::rtcp::payload_feedbacks::receiver_estimated_maximum_bitrate::ReceiverEstimatedMaximumBitrate;
        use webrtc::media_stream::track_local::TrackLocalEvent;
        let (tx, rx) = unbounded_channel();
        for (track, _) in self.mic.iter().chain(self.camera.iter()) {
            let (track, tx) = (Arc::clone(track), tx.clone());
            tokio::spawn(async move {
                while let Some(TrackLocalEvent::OnRtcpPacket(packets)) = track.poll().await {
                    for p in &packets {
                        if let Some(remb) =
                            p.as_any().downcast_ref::<ReceiverEstimatedMaximumBitrate>()
                        {
                            if tx.send(remb.bitrate).is_err() {
                                return;
                            }
                        }
                    }
                }
            });
        }
        rx
    }

    /// [`MediaPeer::speak`] with camera packets of `video_bytes` of payload each: 1,000
    /// bytes every 20 ms is some 400 kbit/s.
    pub async fn speak_sized(
        &self,
        marker: u32,
        video_bytes: usize,
    ) -> tokio::task::JoinHandle<()> {
        let mut senders = Vec::new();
        if let Some((track, ssrc)) = &self.mic {
            senders.push((track.clone(), *ssrc, self.payload_type("audio/opus").await));
        }
        if let Some((track, ssrc)) = &self.camera {
            senders.push((track.clone(), *ssrc, self.payload_type("video/VP8").await));
        }
        let video_pt = match &self.camera {
            Some(_) => self.payload_type("video/VP8").await,
            None => 255,
        };
        let level_id = self.audio_level_id().await;
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_millis(20));
            let mut counter: u32 = 0;
            let mut seq: u16 = rand::random();
            let mut ts: u32 = rand::random();
            loop {
                tick.tick().await;
                for (track, ssrc, pt) in &senders {
                    let video = *pt == video_pt;
                    let size = if video { video_bytes.max(8) } else { 60 };
                    let mut payload = Vec::with_capacity(size);
                    let kind_bit = if video { VIDEO_BIT } else { 0 };
                    payload.extend_from_slice(&(marker | kind_bit).to_be_bytes());
                    payload.extend_from_slice(&counter.to_be_bytes());
                    payload.resize(size, 0xAA);
                    let mut header = rtc::rtp::Header {
                        version: 2,
                        payload_type: *pt,
                        sequence_number: seq,
                        timestamp: ts,
                        ssrc: *ssrc,
                        ..Default::default()
                    };
                    if let (Some(id), false) = (level_id, *pt == video_pt) {
                        header
                            .set_extension(id, bytes::Bytes::from_static(&[SPEAKING_LEVEL]))
                            .expect("a one-byte header extension");
                    }
                    let packet = rtc::rtp::Packet {
                        header,
                        payload: payload.into(),
                    };
                    if track.write_rtp(packet).await.is_err() {
                        return;
                    }
                }
                counter += 1;
                seq = seq.wrapping_add(1);
                ts = ts.wrapping_add(960);
            }
        })
    }

    /// Every packet this peer receives, from now on, on any slot.
    pub fn listen(&mut self) -> UnboundedReceiver<Heard> {
        let mut tracks = self.tracks.take().expect("listen once");
        let (tx, rx) = unbounded_channel();
        tokio::spawn(async move {
            while let Some(track) = tracks.recv().await {
                let tx = tx.clone();
                tokio::spawn(async move {
                    let slot = track.track_id().await.to_string();
                    while let Some(event) = track.poll().await {
                        if let TrackRemoteEvent::OnRtpPacket(p) = event {
                            if p.payload.len() < 8 {
                                continue;
                            }
                            let heard = Heard {
                                slot: slot.clone(),
                                marker: u32::from_be_bytes(p.payload[0..4].try_into().unwrap())
                                    & !VIDEO_BIT,
                                video: u32::from_be_bytes(p.payload[0..4].try_into().unwrap())
                                    & VIDEO_BIT
                                    != 0,
                                counter: u32::from_be_bytes(p.payload[4..8].try_into().unwrap()),
                                seq: p.header.sequence_number,
                                at: Instant::now(),
                            };
                            if tx.send(heard).is_err() {
                                return;
                            }
                        }
                    }
                });
            }
        });
        rx
    }

    pub async fn close(&self) {
        let _ = self.pc.close().await;
    }
}

/// The next packet heard on `slot` that `pick` accepts, within the deadline.
pub async fn next_heard(
    rx: &mut UnboundedReceiver<Heard>,
    slot: &str,
    mut pick: impl FnMut(&Heard) -> bool,
) -> Heard {
    let mut other = std::collections::BTreeMap::new();
    let found = tokio::time::timeout(DEADLINE, async {
        loop {
            let h = rx.recv().await.expect("still listening");
            if h.slot == slot && pick(&h) {
                return h;
            }
            *other
                .entry((h.slot.clone(), h.marker, h.video))
                .or_insert(0u32) += 1;
        }
    })
    .await;
    found.unwrap_or_else(|_| panic!("nothing on the {slot} slot within the deadline; heard instead (slot, marker, video): {other:?}"))
}

/// The markers heard on `slot` within `window`, once `marker` has been heard there: what a
/// listener hears of that slot once it has switched to `marker`.
pub async fn heard_after(
    rx: &mut UnboundedReceiver<Heard>,
    slot: &str,
    marker: u32,
    window: Duration,
) -> Vec<u32> {
    next_heard(rx, slot, |h| h.marker == marker).await;
    heard_during(rx, window)
        .await
        .into_iter()
        .filter(|h| h.slot == slot)
        .map(|h| h.marker)
        .collect()
}

/// Everything heard within `window` (used after the fact, to check what did NOT arrive).
pub async fn heard_during(rx: &mut UnboundedReceiver<Heard>, window: Duration) -> Vec<Heard> {
    let mut out = Vec::new();
    let end = tokio::time::Instant::now() + window;
    while let Ok(Some(h)) = tokio::time::timeout_at(end, rx.recv()).await {
        out.push(h);
    }
    out
}
