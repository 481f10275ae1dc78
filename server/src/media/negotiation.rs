//! Negotiation: answering a peer's offer. The SFU's peer connections are ICE-lite and take
//! the passive DTLS role; each receiving m-line of the offer becomes one of the listener's
//! slots (the server's own track on it), each publishing m-line is answered receive-only,
//! and every media section carries the publisher's bitrate limit.

use super::keyframes::KeyframeRequests;
use anyhow::{anyhow, Context};
use floor_protocol::media::{MediaKind, Slot};
use rtc::ice::rand::generate_pwd;
use rtc::interceptor::{
    NackGeneratorBuilder, NackResponderBuilder, ReceiverReportBuilder, Registry,
    SenderReportBuilder, Slot as InterceptorSlot,
};
use rtc::media_stream::MediaStreamTrack;
use rtc::peer_connection::configuration::interceptor_registry::configure_twcc_receiver_only;
use rtc::peer_connection::configuration::media_engine::{
    MediaEngine, MIME_TYPE_OPUS, MIME_TYPE_VP8,
};
use rtc::peer_connection::configuration::setting_engine::SettingEngineBuilder;
use rtc::peer_connection::configuration::RTCConfigurationBuilder;
use rtc::peer_connection::sdp::RTCSessionDescription;
use rtc::peer_connection::transport::{
    CandidateConfig, CandidateHostConfig, RTCDtlsRole, RTCIceCandidate,
};
use rtc::peer_connection::{RTCPeerConnection, RTCPeerConnectionBuilder};
use rtc::rtp_transceiver::rtp_sender::{
    RTCPFeedback, RTCRtpHeaderExtensionCapability, TYPE_RTCP_FB_NACK,
};
use rtc::rtp_transceiver::rtp_sender::{
    RTCRtpCodec, RTCRtpCodingParameters, RTCRtpEncodingParameters, RtpCodecKind,
};
use rtc::rtp_transceiver::{RTCRtpSenderId, RTCRtpTransceiverDirection};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

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
pub(super) const AUDIO_LEVEL_URI: &str = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

pub(super) fn codec(kind: MediaKind) -> RTCRtpCodec {
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

fn new_peer_connection(
    now: Instant,
    ufrag: String,
    consent: Duration,
    publishes: bool,
) -> anyhow::Result<RTCPeerConnection> {
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
    // Retransmissions to the listener and sender reports for what the server sends; for
    // what it receives, NACKs, receiver reports and transport-wide congestion feedback,
    // only if the peer publishes: every interceptor is a step every packet passes
    // through, and a listener's connection forwards hundreds of packets a second. Not the
    // simulcast header extensions: the SFU forwards one layer, and packets are told apart
    // by their SSRC.
    let mut interceptors = with_nack_responder(Registry::new(), &mut media);
    if publishes {
        interceptors = interceptors.with(
            InterceptorSlot::NackGenerator,
            NackGeneratorBuilder::new().build(),
        );
        interceptors = configure_twcc_receiver_only(interceptors, &mut media)?;
        interceptors = interceptors.with(
            InterceptorSlot::ReceiverReport,
            ReceiverReportBuilder::new().build(),
        );
    }
    let interceptors = interceptors
        .with(
            InterceptorSlot::SenderReport,
            SenderReportBuilder::new().build(),
        )
        .with(InterceptorSlot::Custom(14_000), KeyframeRequests::default());
    Ok(RTCPeerConnectionBuilder::new()
        .with_configuration(RTCConfigurationBuilder::new().build())
        .with_setting_engine(settings)
        .with_media_engine(media)
        .with_interceptor_registry(interceptors)
        .build(now)?)
}

/// Packets of each outgoing video stream kept to answer a listener's NACK: 256 is about
/// 1.7 s of the floor video at 150 packets a second, longer than any retransmission is
/// still worth. The library's default of 1,024 kept some 100 KiB of packet headers per
/// listener for nothing. Audio is never retransmitted (no NACK is negotiated for it).
const NACK_HISTORY_PACKETS: u16 = 256;

/// Retransmissions of video to a listener that asks (NACK), from the last
/// [`NACK_HISTORY_PACKETS`] sent.
fn with_nack_responder(registry: Registry, media: &mut MediaEngine) -> Registry {
    for parameter in ["", "pli"] {
        media.register_feedback(
            RTCPFeedback {
                typ: TYPE_RTCP_FB_NACK.to_owned(),
                parameter: parameter.to_owned(),
            },
            RtpCodecKind::Video,
        );
    }
    registry.with(
        InterceptorSlot::NackResponder,
        NackResponderBuilder::new()
            .with_size(NACK_HISTORY_PACKETS)
            .build(),
    )
}

/// Whether the offer sends media on any audio or video m-line (`sendonly`, `sendrecv`,
/// or no direction, which means `sendrecv`).
fn offer_publishes(sdp: &str) -> bool {
    let mut publishes = false;
    let mut in_media = false;
    let mut direction: Option<&str> = None;
    let mut close = |in_media: bool, direction: Option<&str>| {
        if in_media && !matches!(direction, Some("a=recvonly" | "a=inactive")) {
            publishes = true;
        }
    };
    for line in sdp.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("m=") {
            close(in_media, direction);
            in_media = matches!(rest.split_whitespace().next(), Some("audio" | "video"));
            direction = None;
        } else if matches!(
            line,
            "a=sendonly" | "a=recvonly" | "a=sendrecv" | "a=inactive"
        ) {
            direction = Some(line);
        }
    }
    close(in_media, direction);
    publishes
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

pub(super) fn out_track(
    stream: String,
    id: String,
    kind: MediaKind,
    ssrc: u32,
) -> MediaStreamTrack {
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

/// A listener's slot as negotiated: the server's track on one of the offer's receiving
/// m-lines.
pub(super) struct NegotiatedSlot {
    pub slot: Slot,
    pub kind: MediaKind,
    pub sender: RTCRtpSenderId,
    pub ssrc: u32,
    /// The payload type the peer gave the slot's codec, to stamp on forwarded packets.
    pub payload_type: Option<u8>,
    pub clock_rate: u32,
}

/// What it takes to answer an offer: the address every answer's candidate names, and the
/// bitrate limits put on the answer's media sections.
#[derive(Debug, Clone, Copy)]
pub(super) struct AnswerSettings {
    pub announced: SocketAddr,
    pub consent_timeout: Duration,
    pub max_audio_kbps: u32,
    pub max_video_kbps: u32,
}

/// Answer `sdp` on a new peer connection with the ICE username fragment `ufrag`: the
/// connection, the answer, and the listener's slots.
pub(super) fn answer_offer(
    now: Instant,
    ufrag: String,
    sdp: &str,
    settings: AnswerSettings,
) -> anyhow::Result<(RTCPeerConnection, String, Vec<NegotiatedSlot>)> {
    let mut pc = new_peer_connection(now, ufrag, settings.consent_timeout, offer_publishes(sdp))?;
    pc.set_remote_description(now, RTCSessionDescription::offer(sdp.to_string())?)
        .context("reading the offer")?;
    // The listener's slots go on the m-lines it receives on, in order: the floor's audio
    // slots on its receiving audio m-lines, the floor video on the first receiving video
    // m-line. `add_track` takes the first m-line of the kind that has no track yet, so an
    // m-line the peer only publishes on (its microphone, its camera) is given a track that
    // never sends (the answer makes it receive-only); otherwise a slot would land there and
    // never reach the listener.
    let mut audio_slots = Slot::AUDIO.into_iter();
    let mut video_slots = std::iter::once(Slot::Video);
    let mut slots = Vec::new();
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
                // The answer must only receive there: browsers refuse an answer that
                // would send on an m-line they offered as send-only.
                set_direction(&mut pc, held, RTCRtpTransceiverDirection::Recvonly);
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
        slots.push(NegotiatedSlot {
            slot,
            kind,
            sender,
            ssrc,
            payload_type: None,
            clock_rate: codec(kind).clock_rate,
        });
    }
    let candidate = CandidateHostConfig {
        base_config: CandidateConfig {
            network: "udp".to_owned(),
            address: settings.announced.ip().to_string(),
            port: settings.announced.port(),
            component: 1,
            ..Default::default()
        },
        ..Default::default()
    }
    .new_candidate_host()?;
    pc.add_local_candidate(RTCIceCandidate::from(&candidate).to_json()?)?;
    let answer = pc.create_answer(None).context("answering")?;
    pc.set_local_description(now, answer)?;
    for s in &mut slots {
        s.payload_type = payload_type(&mut pc, s.sender, s.kind);
    }
    let sdp = pc
        .local_description()
        .ok_or_else(|| anyhow!("no answer"))?
        .sdp;
    let sdp = with_bandwidth_lines(&sdp, settings.max_audio_kbps, settings.max_video_kbps);
    Ok((pc, sdp, slots))
}

/// Set the direction of the transceiver that holds `sender`.
pub(super) fn set_direction(
    pc: &mut RTCPeerConnection,
    sender: RTCRtpSenderId,
    direction: RTCRtpTransceiverDirection,
) {
    let ids: Vec<_> = pc.get_transceivers().collect();
    for t in ids {
        if let Some(mut t) = pc.rtp_transceiver(t) {
            if t.sender() == Some(sender) {
                t.set_direction(direction);
            }
        }
    }
}

/// The payload type negotiated for `kind`'s codec on `sender`.
pub(super) fn payload_type(
    pc: &mut RTCPeerConnection,
    sender: RTCRtpSenderId,
    kind: MediaKind,
) -> Option<u8> {
    let mime = codec(kind).mime_type;
    pc.rtp_sender(sender).and_then(|mut sender| {
        sender
            .get_parameters()
            .rtp_parameters
            .codecs
            .iter()
            .find(|c| c.rtp_codec.mime_type.eq_ignore_ascii_case(&mime))
            .map(|c| c.payload_type)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn an_offer_publishes_unless_every_media_line_only_receives() {
        let listener = "v=0\r\nm=audio 9 UDP 111\r\na=recvonly\r\nm=video 9 UDP 96\r\na=recvonly\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n";
        assert!(!offer_publishes(listener));
        let muted = "v=0\r\nm=audio 9 UDP 111\r\na=inactive\r\nm=audio 9 UDP 111\r\na=recvonly\r\n";
        assert!(!offer_publishes(muted));
        let delegate =
            "v=0\r\nm=audio 9 UDP 111\r\na=sendonly\r\nm=audio 9 UDP 111\r\na=recvonly\r\n";
        assert!(offer_publishes(delegate));
        let both_ways =
            "v=0\r\nm=audio 9 UDP 111\r\na=recvonly\r\nm=video 9 UDP 96\r\na=sendrecv\r\n";
        assert!(offer_publishes(both_ways));
        // No direction attribute is sendrecv (RFC 3264).
        let unmarked = "v=0\r\nm=audio 9 UDP 111\r\na=recvonly\r\nm=audio 9 UDP 111\r\na=rtpmap:111 opus/48000/2\r\n";
        assert!(offer_publishes(unmarked));
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
