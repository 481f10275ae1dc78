//! Client WebRTC peers made with the `webrtc` crate (as in tests/integration/media_peer.rs):
//! publishers that write RTP packets whose payload carries the stream, a counter and the
//! send time, and listeners that record every packet they receive with its arrival time.

use crate::api::{Ws, DEADLINE};
use anyhow::{anyhow, bail, Context};
use floor_protocol::frames::{ClientFrame, ServerFrame};
use floor_protocol::MeetingId;
use rtc::media_stream::MediaStreamTrack;
use rtc::rtp_transceiver::rtp_sender::{
    RTCRtpCodec, RTCRtpCodingParameters, RTCRtpEncodingParameters, RtpCodecKind,
};
use rtc::rtp_transceiver::{RTCRtpTransceiverDirection, RTCRtpTransceiverInit};
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use webrtc::media_stream::track_local::static_rtp::TrackLocalStaticRTP;
use webrtc::media_stream::track_local::TrackLocal;
use webrtc::media_stream::track_remote::{TrackRemote, TrackRemoteEvent};
use webrtc::peer_connection::{
    register_default_interceptors, MediaEngine, PeerConnection, PeerConnectionBuilder,
    PeerConnectionEventHandler, RTCConfigurationBuilder, RTCIceGatheringState,
    RTCPeerConnectionState, RTCSessionDescription, Registry,
};

/// The stream numbers in a payload: the floor speaker's voice, the six interpretation
/// channels (1 to 6, in the order of [`crate::api::CHANNELS`]) and the floor video.
pub const FLOOR_AUDIO: u8 = 0;
pub const VIDEO: u8 = 7;
pub const STREAMS: usize = 8;

/// One packet every 20 ms per microphone, as Opus sends.
pub const TICK: Duration = Duration::from_millis(20);
/// Video: this many packets of [`VIDEO_PAYLOAD`] bytes per tick: 150 packets/s, 1.44 Mbit/s
/// of payload (about 1.5 Mbit/s with the RTP, SRTP, UDP and IP headers).
pub const VIDEO_PACKETS_PER_TICK: usize = 3;
pub const VIDEO_PAYLOAD: usize = 1200;
/// stream (1), reserved (3), counter (4), send time in ns since [`epoch`] (8).
const HEADER: usize = 16;

/// The clock every send and receive time is read from: one process, one monotonic clock.
pub fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

pub fn now_ns() -> u64 {
    epoch().elapsed().as_nanos() as u64
}

/// An Opus-sized payload: 60 to 120 bytes, varying like a real voice stream.
pub fn audio_payload_len(counter: u32) -> usize {
    60 + (counter.wrapping_mul(7919) % 61) as usize
}

pub fn encode_payload(stream: u8, counter: u32, sent_ns: u64, len: usize) -> Vec<u8> {
    let mut p = Vec::with_capacity(len.max(HEADER));
    p.push(stream);
    p.extend_from_slice(&[0xF1, 0x00, 0x4B]);
    p.extend_from_slice(&counter.to_be_bytes());
    p.extend_from_slice(&sent_ns.to_be_bytes());
    p.resize(len.max(HEADER), 0xAA);
    p
}

/// (stream, counter, send time) of a payload this bench wrote.
pub fn decode_payload(p: &[u8]) -> Option<(u8, u32, u64)> {
    if p.len() < HEADER || p[1..4] != [0xF1, 0x00, 0x4B] || p[0] as usize >= STREAMS {
        return None;
    }
    Some((
        p[0],
        u32::from_be_bytes(p[4..8].try_into().ok()?),
        u64::from_be_bytes(p[8..16].try_into().ok()?),
    ))
}

/// What the publishers sent: each stream's send times, indexed by counter.
#[derive(Default)]
pub struct SentLog {
    streams: Mutex<Vec<Vec<u64>>>,
}

impl SentLog {
    fn record(&self, stream: u8, sent_ns: u64) {
        let mut s = self.streams.lock().expect("sent log");
        if s.len() < STREAMS {
            s.resize(STREAMS, Vec::new());
        }
        s[stream as usize].push(sent_ns);
    }

    /// How many packets of `stream` were sent in [from, to).
    pub fn sent_between(&self, stream: u8, from: u64, to: u64) -> u64 {
        let s = self.streams.lock().expect("sent log");
        s.get(stream as usize)
            .map(|v| v.iter().filter(|t| (from..to).contains(*t)).count() as u64)
            .unwrap_or(0)
    }
}

/// One packet a listener received.
#[derive(Debug, Clone, Copy)]
pub struct Received {
    /// The slot (track) it came on, as an index in [`SLOTS`]; `u8::MAX` for another track.
    pub slot: u8,
    pub stream: u8,
    pub counter: u32,
    pub sent_ns: u64,
    pub received_ns: u64,
}

/// The server's slots, as the listener's track ids name them.
pub const SLOTS: [&str; 5] = ["speaker", "chair", "room", "interpretation", "video"];

/// Everything one listener received from the moment recording starts.
pub struct Recorder {
    /// Packets sent before this time (ns since [`epoch`]) are not recorded.
    pub from: Arc<AtomicU64>,
    pub packets: Mutex<Vec<Received>>,
    /// Every packet received, recorded or not.
    pub total: AtomicU64,
    /// A bit per stream of which anything arrived, recorded or not.
    pub streams_seen: AtomicU64,
}

impl Recorder {
    pub fn new(from: Arc<AtomicU64>) -> Arc<Recorder> {
        Arc::new(Recorder {
            from,
            packets: Mutex::new(Vec::new()),
            total: AtomicU64::new(0),
            streams_seen: AtomicU64::new(0),
        })
    }

    pub fn take(&self) -> Vec<Received> {
        std::mem::take(&mut *self.packets.lock().expect("recorder"))
    }
}

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

pub struct Peer {
    pc: Arc<dyn PeerConnection>,
    states: UnboundedReceiver<RTCPeerConnectionState>,
    tracks: Option<UnboundedReceiver<Arc<dyn TrackRemote>>>,
    gathered: UnboundedReceiver<()>,
    mic: Option<(Arc<TrackLocalStaticRTP>, u32)>,
    camera: Option<(Arc<TrackLocalStaticRTP>, u32)>,
}

impl Peer {
    /// A peer that publishes a microphone (and a camera if `camera`), and receives the
    /// server's five slots if `receive` (Floor's; a peer answering Janus's offer gets the
    /// m-lines of that offer instead). Its one UDP socket is on `local`.
    pub async fn new(
        microphone: bool,
        camera: bool,
        receive: bool,
        local: IpAddr,
    ) -> anyhow::Result<Peer> {
        let mut media = MediaEngine::default();
        media.register_default_codecs()?;
        let registry = register_default_interceptors(Registry::new(), &mut media)?;
        let (state, states) = unbounded_channel();
        let (tracks_tx, tracks) = unbounded_channel();
        let (gathered_tx, gathered) = unbounded_channel();
        let pc = PeerConnectionBuilder::new()
            .with_configuration(RTCConfigurationBuilder::new().build())
            .with_media_engine(media)
            .with_interceptor_registry(registry)
            .with_handler(Arc::new(Events {
                state,
                tracks: tracks_tx,
                gathered: gathered_tx,
            }))
            .with_udp_addrs(vec![SocketAddr::new(local, 0).to_string()])
            .build()
            .await?;
        let mut peer = Peer {
            pc: Arc::new(pc),
            states,
            tracks: Some(tracks),
            gathered,
            mic: None,
            camera: None,
        };
        if microphone {
            peer.mic = Some(peer.send_track(RtpCodecKind::Audio).await?);
        }
        if camera {
            peer.camera = Some(peer.send_track(RtpCodecKind::Video).await?);
        }
        if receive {
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

    async fn send_track(
        &self,
        kind: RtpCodecKind,
    ) -> anyhow::Result<(Arc<TrackLocalStaticRTP>, u32)> {
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

    /// Offer over the meeting's WebSocket, apply the server's answer, and wait until the
    /// media connection is up.
    pub async fn join_server(&mut self, ws: &mut Ws, meeting: MeetingId) -> anyhow::Result<()> {
        let offer = self.pc.create_offer(None).await?;
        self.pc.set_local_description(offer.clone()).await?;
        ws.send(&ClientFrame::MediaOffer {
            meeting_id: meeting,
            sdp: offer.sdp,
        })
        .await?;
        let answer = ws
            .wait_for(|f| match f {
                ServerFrame::MediaAnswer { sdp, .. } => Some(Ok(sdp.clone())),
                ServerFrame::Error { message, .. } => Some(Err(anyhow!("{message}"))),
                _ => None,
            })
            .await??;
        self.pc
            .set_remote_description(RTCSessionDescription::answer(answer)?)
            .await?;
        self.connected().await
    }

    /// Connect two peers of this process directly, without the server: `self` offers,
    /// `answerer` answers (no trickle: each waits for its candidates first).
    pub async fn join_direct(&mut self, answerer: &mut Peer) -> anyhow::Result<()> {
        let offer = self.offer_with_candidates().await?;
        let answer = answerer.answer_with_candidates(offer).await?;
        self.accept_answer(answer).await?;
        answerer.connected().await
    }

    /// Make an offer and wait (up to 5 s) for this peer's ICE candidates: the offer with
    /// them, for a full-ICE server that takes candidates from the SDP (Janus).
    pub async fn offer_with_candidates(&mut self) -> anyhow::Result<String> {
        let offer = self.pc.create_offer(None).await?;
        self.pc.set_local_description(offer).await?;
        self.local_with_candidates().await
    }

    /// Apply the answer to this peer's offer and wait until the media connection is up.
    pub async fn accept_answer(&mut self, sdp: String) -> anyhow::Result<()> {
        self.pc
            .set_remote_description(RTCSessionDescription::answer(sdp)?)
            .await?;
        self.connected().await
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

    /// Wait until the media connection is up.
    pub async fn connected(&mut self) -> anyhow::Result<()> {
        let up = tokio::time::timeout(DEADLINE, async {
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

    /// Publish until the returned task is aborted: every 20 ms one microphone packet of
    /// stream `audio_stream`, and (with a camera) [`VIDEO_PACKETS_PER_TICK`] video packets.
    pub async fn publish(
        &self,
        audio_stream: u8,
        log: Arc<SentLog>,
    ) -> anyhow::Result<tokio::task::JoinHandle<()>> {
        struct Out {
            track: Arc<TrackLocalStaticRTP>,
            ssrc: u32,
            pt: u8,
            stream: u8,
            per_tick: usize,
            counter: u32,
            seq: u16,
            ts: u32,
            ts_step: u32,
        }
        let mut outs = Vec::new();
        if let Some((track, ssrc)) = &self.mic {
            outs.push(Out {
                track: track.clone(),
                ssrc: *ssrc,
                pt: self.payload_type("audio/opus").await?,
                stream: audio_stream,
                per_tick: 1,
                counter: 0,
                seq: rand::random(),
                ts: rand::random(),
                ts_step: 960,
            });
        }
        if let Some((track, ssrc)) = &self.camera {
            outs.push(Out {
                track: track.clone(),
                ssrc: *ssrc,
                pt: self.payload_type("video/VP8").await?,
                stream: VIDEO,
                per_tick: VIDEO_PACKETS_PER_TICK,
                counter: 0,
                seq: rand::random(),
                ts: rand::random(),
                ts_step: 1800,
            });
        }
        Ok(tokio::spawn(async move {
            let mut tick = tokio::time::interval(TICK);
            loop {
                tick.tick().await;
                for o in &mut outs {
                    for i in 0..o.per_tick {
                        let len = if o.stream == VIDEO {
                            VIDEO_PAYLOAD
                        } else {
                            audio_payload_len(o.counter)
                        };
                        let sent_ns = now_ns();
                        let packet = rtc::rtp::Packet {
                            header: rtc::rtp::Header {
                                version: 2,
                                payload_type: o.pt,
                                sequence_number: o.seq,
                                timestamp: o.ts,
                                ssrc: o.ssrc,
                                // The last packet of a video frame.
                                marker: o.stream == VIDEO && i + 1 == o.per_tick,
                                ..Default::default()
                            },
                            payload: encode_payload(o.stream, o.counter, sent_ns, len).into(),
                        };
                        if o.track.write_rtp(packet).await.is_err() {
                            return;
                        }
                        log.record(o.stream, sent_ns);
                        o.counter = o.counter.wrapping_add(1);
                        o.seq = o.seq.wrapping_add(1);
                    }
                    o.ts = o.ts.wrapping_add(o.ts_step);
                }
            }
        }))
    }

    /// Record every packet this peer receives, on any track, into `recorder`.
    pub fn record(&mut self, recorder: Arc<Recorder>) -> tokio::task::JoinHandle<()> {
        let mut tracks = self.tracks.take().expect("record once");
        tokio::spawn(async move {
            let mut readers = Vec::new();
            while let Some(track) = tracks.recv().await {
                let recorder = recorder.clone();
                readers.push(tokio::spawn(async move {
                    let id = track.track_id().await.to_string();
                    let slot = SLOTS
                        .iter()
                        .position(|s| *s == id)
                        .map(|i| i as u8)
                        .unwrap_or(u8::MAX);
                    while let Some(event) = track.poll().await {
                        match event {
                            TrackRemoteEvent::OnRtpPacket(p) => {
                                let received_ns = now_ns();
                                recorder.total.fetch_add(1, Ordering::Relaxed);
                                let Some((stream, counter, sent_ns)) = decode_payload(&p.payload)
                                else {
                                    continue;
                                };
                                recorder
                                    .streams_seen
                                    .fetch_or(1 << stream, Ordering::Relaxed);
                                if sent_ns >= recorder.from.load(Ordering::Relaxed) {
                                    recorder.packets.lock().expect("recorder").push(Received {
                                        slot,
                                        stream,
                                        counter,
                                        sent_ns,
                                        received_ns,
                                    });
                                }
                            }
                            TrackRemoteEvent::OnEnded => break,
                            _ => {}
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip_and_have_opus_and_video_sizes() {
        let p = encode_payload(3, 77, 123_456_789, audio_payload_len(77));
        assert!((60..=120).contains(&p.len()));
        assert_eq!(decode_payload(&p), Some((3, 77, 123_456_789)));
        let v = encode_payload(VIDEO, 1, 2, VIDEO_PAYLOAD);
        assert_eq!(v.len(), 1200);
        assert_eq!(decode_payload(&v), Some((VIDEO, 1, 2)));
        assert_eq!(decode_payload(&[0xAA; 60]), None);
        assert!((0..1000).all(|c| (60..=120).contains(&audio_payload_len(c))));
    }

    #[test]
    fn the_sent_log_counts_a_window() {
        let log = SentLog::default();
        for t in [5, 10, 15, 20] {
            log.record(VIDEO, t);
        }
        assert_eq!(log.sent_between(VIDEO, 10, 20), 2);
        assert_eq!(log.sent_between(FLOOR_AUDIO, 0, 100), 0);
    }
}
