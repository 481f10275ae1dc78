//! A real WebRTC peer, made with the `webrtc` crate (the async layer over the same `rtc`
//! the server's SFU uses): it publishes a microphone (and a camera) and receives the
//! server's five slots, offering over a meeting's WebSocket as the browser client does,
//! or to another peer or another SFU directly.
//!
//! What it sends and how it reads what it receives are the two submodules: [`speech`],
//! packets marked with who spoke, which the tests recognise on each slot; and [`timed`],
//! numbered, timestamped streams, which the media benchmark measures; and [`tone`], real
//! Opus sound, which the sound record's tests find again in the recorded files.
//!
//! [`light`] is another kind of listener, for the benchmark only: ICE and DTLS with the
//! sans-I/O `rtc` stack, many of them driven by one thread, counting the SRTP packets by
//! their clear RTP header without decrypting them.

pub mod light;
mod limits;
pub mod speech;
pub mod timed;
pub mod tone;

use crate::ws::Ws;
use crate::{must, DEADLINE};
use anyhow::{anyhow, bail, Context};
use floor_protocol::frames::{ClientFrame, ServerFrame};
use floor_protocol::MeetingId;
use rtc::media_stream::MediaStreamTrack;
use rtc::peer_connection::configuration::setting_engine::SettingEngineBuilder;
use rtc::peer_connection::configuration::RTCIceServer;
use rtc::rtp_transceiver::rtp_sender::{
    RTCRtpCodec, RTCRtpCodingParameters, RTCRtpEncodingParameters, RTCRtpHeaderExtensionCapability,
    RtpCodecKind,
};
use rtc::rtp_transceiver::{RTCRtpTransceiverDirection, RTCRtpTransceiverInit};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use webrtc::media_stream::track_local::static_rtp::TrackLocalStaticRTP;
use webrtc::media_stream::track_local::TrackLocal;
use webrtc::media_stream::track_remote::{TrackRemote, TrackRemoteEvent};
use webrtc::peer_connection::{
    register_default_interceptors, MediaEngine, PeerConnection, PeerConnectionBuilder,
    PeerConnectionEventHandler, RTCConfigurationBuilder, RTCIceGatheringState,
    RTCPeerConnectionState, RTCSessionDescription, Registry,
};

const AUDIO_LEVEL_URI: &str = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

/// What a peer is made with.
#[derive(Clone)]
pub struct PeerOptions {
    /// It publishes a microphone.
    pub microphone: bool,
    /// It publishes a camera.
    pub camera: bool,
    /// It receives the server's five slots: speaker, chair, room, interpretation, video.
    pub receive: bool,
    /// Where its one UDP socket is bound (an address of a network namespace, when the peer
    /// is built on a thread that entered it).
    pub udp: SocketAddr,
    /// STUN and TURN servers, as a browser given `GET /api/media/ice-servers`.
    pub ice_servers: Vec<floor_protocol::api::IceServer>,
    /// Check consent (a STUN binding request on the selected pair) this often instead of
    /// the library's 2 s, as other WebRTC stacks do.
    pub consent_checks: Option<Duration>,
    /// Say how loud each audio packet is (RFC 6464), as a browser does.
    pub audio_levels: bool,
    /// Take in the bitrate limits (RTCP REMB) the server sends, as a browser's congestion
    /// controller does ([`MediaPeer::limits_told`]).
    pub bitrate_limits: bool,
    /// Resolve the far side's mDNS names. Off for a peer in a network namespace with no
    /// multicast route, where the mDNS socket cannot join its group (ENODEV).
    pub multicast_dns: bool,
    /// How long the media connection may take to come up.
    pub deadline: Duration,
}

impl PeerOptions {
    /// A peer on 127.0.0.1 that behaves as a browser does (audio levels, bitrate limits).
    pub fn like_a_browser(microphone: bool, camera: bool, receive: bool) -> PeerOptions {
        PeerOptions {
            microphone,
            camera,
            receive,
            udp: SocketAddr::new(Ipv4Addr::LOCALHOST.into(), 0),
            ice_servers: vec![],
            consent_checks: None,
            audio_levels: true,
            bitrate_limits: true,
            multicast_dns: true,
            deadline: DEADLINE,
        }
    }
}

/// The server refused a media offer; its message.
#[derive(Debug)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the server refused the offer: {}", self.0)
    }
}

impl std::error::Error for Refused {}

struct Events {
    state: UnboundedSender<RTCPeerConnectionState>,
    tracks: UnboundedSender<Arc<dyn TrackRemote>>,
    gathered: UnboundedSender<()>,
}

#[async_trait::async_trait]
impl PeerConnectionEventHandler for Events {
    async fn on_connection_state_change(&self, state: RTCPeerConnectionState) {
        let _ = self.state.send(state);
    }
    async fn on_track(&self, track: Arc<dyn TrackRemote>) {
        let _ = self.tracks.send(track);
    }
    async fn on_ice_gathering_state_change(&self, state: RTCIceGatheringState) {
        if state == RTCIceGatheringState::Complete {
            let _ = self.gathered.send(());
        }
    }
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

/// A published track and its SSRC.
type Sending = (Arc<TrackLocalStaticRTP>, u32);

pub struct MediaPeer {
    pc: Arc<dyn PeerConnection>,
    states: UnboundedReceiver<RTCPeerConnectionState>,
    tracks: Option<UnboundedReceiver<Arc<dyn TrackRemote>>>,
    gathered: UnboundedReceiver<()>,
    mic: Option<Sending>,
    camera: Option<Sending>,
    deadline: Duration,
    /// The server's answer to the last offer.
    pub answer: Option<String>,
}

impl MediaPeer {
    /// A peer that publishes a microphone (and a camera if `camera`), and receives the
    /// server's slots if `receive`, like a browser.
    pub async fn new(microphone: bool, camera: bool, receive: bool) -> MediaPeer {
        MediaPeer::with_consent_checks(microphone, camera, receive, None).await
    }

    /// [`MediaPeer::new`], checking consent every `every` instead of the library's 2 s.
    pub async fn with_consent_checks(
        microphone: bool,
        camera: bool,
        receive: bool,
        every: Option<Duration>,
    ) -> MediaPeer {
        client_log_from_env();
        must(
            MediaPeer::try_start(PeerOptions {
                consent_checks: every,
                ..PeerOptions::like_a_browser(microphone, camera, receive)
            })
            .await,
        )
    }

    /// A peer with a microphone whose UDP socket is bound to `udp` (an address of a
    /// network namespace, when built on a thread that entered it) and that may relay
    /// through `ice_servers` (TURN), as a browser given `GET /api/media/ice-servers`.
    pub async fn with_network(
        udp: &str,
        ice_servers: Vec<floor_protocol::api::IceServer>,
    ) -> MediaPeer {
        client_log_from_env();
        must(
            MediaPeer::try_start(PeerOptions {
                udp: udp.parse().expect("a socket address"),
                ice_servers,
                multicast_dns: false,
                ..PeerOptions::like_a_browser(true, false, false)
            })
            .await,
        )
    }

    pub async fn try_start(options: PeerOptions) -> anyhow::Result<MediaPeer> {
        let mut media = MediaEngine::default();
        media.register_default_codecs()?;
        if options.audio_levels {
            media.register_header_extension(
                RTCRtpHeaderExtensionCapability {
                    uri: AUDIO_LEVEL_URI.into(),
                },
                RtpCodecKind::Audio,
                None,
            )?;
        }
        let mut registry = register_default_interceptors(Registry::new(), &mut media)?;
        if options.bitrate_limits {
            registry = registry.with(
                rtc::interceptor::Slot::Custom(14_000),
                limits::DeliverLimits::default(),
            );
        }
        let mut settings = SettingEngineBuilder::new();
        if let Some(every) = options.consent_checks {
            // The peer's own view of the server must outlast its checks: it hears from
            // the server (answers to its checks) only that often.
            let patience = (every * 3).max(Duration::from_secs(5));
            settings = settings.with_ice_timeouts(Some(patience), Some(patience), Some(every));
        }
        if !options.multicast_dns {
            settings = settings.with_multicast_dns_mode(rtc::ice::mdns::MulticastDnsMode::Disabled);
        }
        let ice_servers = options
            .ice_servers
            .into_iter()
            .map(|s| RTCIceServer {
                urls: s.urls,
                username: s.username.unwrap_or_default(),
                credential: s.credential.unwrap_or_default(),
            })
            .collect();
        let (state, states) = unbounded_channel();
        let (tracks_tx, tracks) = unbounded_channel();
        let (gathered_tx, gathered) = unbounded_channel();
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
                gathered: gathered_tx,
            }))
            .with_udp_addrs(vec![options.udp.to_string()])
            .build()
            .await?;
        let mut peer = MediaPeer {
            pc: Arc::new(pc),
            states,
            tracks: Some(tracks),
            gathered,
            mic: None,
            camera: None,
            deadline: options.deadline,
            answer: None,
        };
        if options.microphone {
            peer.mic = Some(peer.send_track(RtpCodecKind::Audio).await?);
        }
        if options.camera {
            peer.camera = Some(peer.send_track(RtpCodecKind::Video).await?);
        }
        if options.receive {
            // Speaker, chair, room, interpretation, and the floor video.
            for kind in [
                RtpCodecKind::Audio,
                RtpCodecKind::Audio,
                RtpCodecKind::Audio,
                RtpCodecKind::Audio,
                RtpCodecKind::Video,
            ] {
                peer.pc
                    .add_transceiver_from_kind(
                        kind,
                        Some(RTCRtpTransceiverInit {
                            direction: RTCRtpTransceiverDirection::Recvonly,
                            streams: vec![],
                            send_encodings: vec![],
                        }),
                    )
                    .await?;
            }
        }
        Ok(peer)
    }

    async fn send_track(&self, kind: RtpCodecKind) -> anyhow::Result<Sending> {
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
            .await?;
        Ok((track, ssrc))
    }

    /// An offer for this peer's m-lines, set as its local description.
    pub async fn try_offer(&self) -> anyhow::Result<String> {
        let offer = self.pc.create_offer(None).await?;
        self.pc.set_local_description(offer.clone()).await?;
        Ok(offer.sdp)
    }

    pub async fn offer(&self) -> String {
        must(self.try_offer().await)
    }

    /// Offer over the meeting's WebSocket and take the server's answer. A refusal is a
    /// [`Refused`] error with the server's message.
    pub async fn try_join(&mut self, ws: &mut Ws, meeting: MeetingId) -> anyhow::Result<()> {
        let sdp = self.try_offer().await?;
        let answer = offer_over_ws(ws, meeting, sdp).await?;
        self.try_accept(answer).await
    }

    /// Join and wait until the media connection is up.
    pub async fn join(&mut self, ws: &mut Ws, meeting: MeetingId) {
        must(
            self.try_join(ws, meeting)
                .await
                .context("media offer accepted"),
        );
        self.connected().await;
    }

    /// Take the answer to this peer's offer ([`MediaPeer::offer`]).
    pub async fn try_accept(&mut self, answer: String) -> anyhow::Result<()> {
        self.pc
            .set_remote_description(RTCSessionDescription::answer(answer.clone())?)
            .await?;
        self.answer = Some(answer);
        Ok(())
    }

    pub async fn accept(&mut self, answer: String) {
        must(self.try_accept(answer).await)
    }

    /// Wait until the media connection is up.
    pub async fn try_connected(&mut self) -> anyhow::Result<()> {
        let up = tokio::time::timeout(self.deadline, async {
            while let Some(s) = self.states.recv().await {
                match s {
                    RTCPeerConnectionState::Connected => return Ok(()),
                    RTCPeerConnectionState::Failed | RTCPeerConnectionState::Closed => {
                        bail!("the media connection {s:?}")
                    }
                    _ => {}
                }
            }
            bail!("the peer connection went away")
        })
        .await;
        up.context("the media connection did not come up in time")?
    }

    pub async fn connected(&mut self) {
        must(
            self.try_connected()
                .await
                .context("the media connection comes up"),
        )
    }

    /// Connect two peers of this process directly, without a server: `self` offers,
    /// `answerer` answers (no trickle: each waits for its candidates first).
    pub async fn join_direct(&mut self, answerer: &mut MediaPeer) -> anyhow::Result<()> {
        let offer = self.offer_with_candidates().await?;
        let answer = answerer.answer_with_candidates(offer).await?;
        self.try_accept(answer).await?;
        self.try_connected().await?;
        answerer.try_connected().await
    }

    /// Make an offer and wait (up to 5 s) for this peer's ICE candidates: the offer with
    /// them, for a full-ICE server that takes candidates from the SDP (Janus).
    pub async fn offer_with_candidates(&mut self) -> anyhow::Result<String> {
        self.try_offer().await?;
        self.local_with_candidates().await
    }

    /// Answer a remote offer, waiting for this peer's candidates as for an offer.
    pub async fn answer_with_candidates(&mut self, offer: String) -> anyhow::Result<String> {
        self.pc
            .set_remote_description(RTCSessionDescription::offer(offer)?)
            .await?;
        let answer = self.pc.create_answer(None).await?;
        self.pc.set_local_description(answer).await?;
        self.local_with_candidates().await
    }

    async fn local_with_candidates(&mut self) -> anyhow::Result<String> {
        let _ = tokio::time::timeout(Duration::from_secs(5), self.gathered.recv()).await;
        Ok(self
            .pc
            .local_description()
            .await
            .ok_or_else(|| anyhow!("no local description"))?
            .sdp)
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

    /// The payload type the connection negotiated for `mime`.
    async fn payload_type(&self, mime: &str) -> anyhow::Result<u8> {
        for t in self.pc.get_transceivers().await {
            if let Ok(Some(s)) = t.sender().await {
                if let Ok(params) = s.get_parameters().await {
                    if let Some(c) = params
                        .rtp_parameters
                        .codecs
                        .iter()
                        .find(|c| c.rtp_codec.mime_type.eq_ignore_ascii_case(mime))
                    {
                        return Ok(c.payload_type);
                    }
                }
            }
        }
        bail!("no negotiated {mime}")
    }

    /// Read every RTP packet this peer receives, from now on, on any track: `on_track`
    /// is called once a track with the track's id (its slot) and gives what handles that
    /// track's packets, until it returns false. The readers end with the connection.
    fn read_packets<H>(
        &mut self,
        on_track: impl Fn(String) -> H + Send + 'static,
    ) -> tokio::task::JoinHandle<()>
    where
        H: FnMut(&rtc::rtp::Packet) -> bool + Send + 'static,
    {
        let mut tracks = self
            .tracks
            .take()
            .expect("the received packets are read once");
        tokio::spawn(async move {
            let mut readers = Vec::new();
            while let Some(track) = tracks.recv().await {
                let id = track.track_id().await.to_string();
                let mut handle = on_track(id);
                readers.push(tokio::spawn(async move {
                    while let Some(event) = track.poll().await {
                        let more = match event {
                            TrackRemoteEvent::OnRtpPacket(p) => handle(&p),
                            TrackRemoteEvent::OnEnded => false,
                            _ => true,
                        };
                        if !more {
                            return;
                        }
                    }
                }));
            }
            for r in readers {
                r.abort();
            }
        })
    }

    pub async fn close(&self) {
        let _ = self.pc.close().await;
    }
}

/// Offer `sdp` for `meeting` over its WebSocket (`media_offer`) and wait for the server's
/// answer (`media_answer`), as the browser client does; a refusal (an `error` frame) is a
/// [`Refused`] error with the server's message. What every peer of the test kit that talks
/// to the SFU shares, whatever WebRTC stack made the offer ([`MediaPeer`], or the
/// benchmark's [`light`] listener).
pub async fn offer_over_ws(ws: &mut Ws, meeting: MeetingId, sdp: String) -> anyhow::Result<String> {
    ws.try_send(&ClientFrame::MediaOffer {
        meeting_id: meeting,
        sdp,
    })
    .await?;
    let answer = ws
        .try_wait_for(|f| match f {
            ServerFrame::MediaAnswer { sdp, .. } => Some(Ok(sdp.clone())),
            ServerFrame::Error { message, .. } => Some(Err(Refused(message.clone()))),
            _ => None,
        })
        .await??;
    if std::env::var("FLOOR_TEST_SDP").is_ok() {
        eprintln!("ANSWER\n{answer}");
    }
    Ok(answer)
}

/// The test peers' own WebRTC log, when a media test needs explaining:
/// FLOOR_CLIENT_LOG=rtc::peer_connection::handler::endpoint=debug shows dropped packets.
fn client_log_from_env() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("FLOOR_CLIENT_LOG"))
        .try_init();
}
