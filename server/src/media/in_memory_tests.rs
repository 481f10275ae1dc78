//! The SFU core with no socket and no clock: real `rtc` peer connections on the client
//! side (ICE, DTLS, SRTP, as a participant's stack does them) exchange datagrams with
//! [`SfuCore`] in memory, under a virtual clock the test advances. What crosses is what
//! would cross the network; only the time and the wire are the test's. Several cores make
//! a cluster: their relay datagrams cross the same wire, and each core's presence is
//! handed to the others as Redis would hand it (`cluster.rs` does that part for real, and
//! `tests/integration/cluster.rs` runs it).

use super::core::{Output, SfuCore};
use super::keyframes::{asks_for_keyframe, KeyframeRequests};
use super::negotiation::{out_track, payload_type, set_direction};
use super::{Holder, MediaSettings, PeerId};
use bytes::Bytes;
use floor_protocol::media::{FloorRoute, MediaKind, Publisher};
use floor_protocol::{DelegationId, MeetingId, ParticipantId, Role};
use rtc::interceptor::{Registry, Slot as InterceptorSlot};
use rtc::peer_connection::configuration::media_engine::MediaEngine;
use rtc::peer_connection::configuration::setting_engine::SettingEngineBuilder;
use rtc::peer_connection::configuration::RTCConfigurationBuilder;
use rtc::peer_connection::event::{RTCPeerConnectionEvent, RTCTrackEvent};
use rtc::peer_connection::message::RTCMessage;
use rtc::peer_connection::sdp::RTCSessionDescription;
use rtc::peer_connection::state::RTCPeerConnectionState;
use rtc::peer_connection::transport::{CandidateConfig, CandidateHostConfig, RTCIceCandidate};
use rtc::peer_connection::{RTCPeerConnection, RTCPeerConnectionBuilder};
use rtc::rtcp::payload_feedbacks::picture_loss_indication::PictureLossIndication;
use rtc::rtp_transceiver::rtp_sender::RtpCodecKind;
use rtc::rtp_transceiver::{
    RTCRtpReceiverId, RTCRtpSenderId, RTCRtpTransceiverDirection, RTCRtpTransceiverInit,
};
use rtc::sansio::Protocol;
use rtc::shared::{TaggedBytesMut, TransportContext, TransportProtocol};
use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

const MEETING: MeetingId = MeetingId(1);
const SPEAKER: ParticipantId = ParticipantId(1);
const SPEAKER_DELEGATION: DelegationId = DelegationId(10);
const INTERPRETER: ParticipantId = ParticipantId(2);
const LISTENER: ParticipantId = ParticipantId(3);

/// One RTP packet as the listener's application got it.
struct Received {
    track: String,
    ssrc: u32,
    seq: u16,
    payload: Bytes,
}

/// A participant's side: its own peer connection at its own address.
struct Client {
    id: PeerId,
    addr: SocketAddr,
    /// The node it is connected to.
    node: usize,
    pc: RTCPeerConnection,
    connected: bool,
    /// Its published tracks: kind, sender, SSRC, payload type, next sequence number.
    sending: Vec<(MediaKind, RTCRtpSenderId, u32, u8, u16)>,
    received: Vec<Received>,
    /// The receiver of each track it receives, by track id.
    receivers: HashMap<String, RTCRtpReceiverId>,
    /// Keyframe requests (PLI, FIR) that reached it.
    keyframe_requests: usize,
}

/// A server node: its core, at its media address.
struct Node {
    addr: SocketAddr,
    core: SfuCore,
    timeout: Instant,
}

/// The clients, the nodes between them, and the virtual clock.
struct Net {
    now: Instant,
    nodes: Vec<Node>,
    clients: Vec<Client>,
}

fn client_connection(now: Instant) -> RTCPeerConnection {
    let mut media = MediaEngine::default();
    media.register_default_codecs().expect("codecs");
    // No NACK or report interceptors: every keyframe request the test counts is its own,
    // and the keyframe interceptor hands them to the application to be counted.
    let interceptors =
        Registry::new().with(InterceptorSlot::Custom(14_000), KeyframeRequests::default());
    RTCPeerConnectionBuilder::new()
        .with_configuration(RTCConfigurationBuilder::new().build())
        .with_setting_engine(SettingEngineBuilder::new().build())
        .with_media_engine(media)
        .with_interceptor_registry(interceptors)
        .build(now)
        .expect("a client connection")
}

impl Net {
    /// One node.
    fn new() -> Net {
        Net::cluster(1)
    }

    /// `count` nodes, the n-th at 10.0.0.n; with more than one, each tells the others of
    /// its meetings.
    fn cluster(count: usize) -> Net {
        let now = Instant::now();
        let nodes = (0..count)
            .map(|n| {
                let addr: SocketAddr = format!("10.0.0.{}:3478", n + 1).parse().unwrap();
                let mut core = SfuCore::new(now, &MediaSettings::default(), addr, None);
                if count > 1 {
                    core.cluster();
                }
                Node {
                    addr,
                    core,
                    timeout: now,
                }
            })
            .collect();
        Net {
            now,
            nodes,
            clients: Vec::new(),
        }
    }

    /// The first node's core.
    fn core(&mut self) -> &mut SfuCore {
        &mut self.nodes[0].core
    }

    /// A participant offers on the first node.
    fn join(
        &mut self,
        who: Publisher,
        publishes: &[MediaKind],
        receives: bool,
        route: &FloorRoute,
    ) -> usize {
        self.join_on(0, who, publishes, receives, route)
    }

    /// A participant offers on node `node`: `publishes` its microphone (and camera)
    /// send-only, and `receives` the five slots. Returns its index.
    fn join_on(
        &mut self,
        node: usize,
        who: Publisher,
        publishes: &[MediaKind],
        receives: bool,
        route: &FloorRoute,
    ) -> usize {
        let index = self.clients.len();
        let id = index as PeerId + 1;
        let addr: SocketAddr = format!("10.0.1.{}:5000", index + 1).parse().unwrap();
        let mut pc = client_connection(self.now);
        let mut sending = Vec::new();
        for &kind in publishes {
            let ssrc = rand::random::<u32>();
            let track = out_track(format!("client-{id}"), format!("{kind:?}-{id}"), kind, ssrc);
            let sender = pc.add_track(track).expect("a published track");
            // As a browser publishes: send-only, so the server gives it no slot.
            set_direction(&mut pc, sender, RTCRtpTransceiverDirection::Sendonly);
            sending.push((kind, sender, ssrc, 0, 0));
        }
        if receives {
            for kind in [RtpCodecKind::Audio; 4]
                .into_iter()
                .chain([RtpCodecKind::Video])
            {
                pc.add_transceiver_from_kind(
                    kind,
                    Some(RTCRtpTransceiverInit {
                        direction: RTCRtpTransceiverDirection::Recvonly,
                        streams: vec![],
                        send_encodings: vec![],
                    }),
                )
                .expect("a receiving m-line");
            }
        }
        let candidate = CandidateHostConfig {
            base_config: CandidateConfig {
                network: "udp".to_owned(),
                address: addr.ip().to_string(),
                port: addr.port(),
                component: 1,
                ..Default::default()
            },
            ..Default::default()
        }
        .new_candidate_host()
        .expect("a candidate");
        pc.add_local_candidate(RTCIceCandidate::from(&candidate).to_json().unwrap())
            .expect("the candidate taken");
        let offer = pc.create_offer(None).expect("an offer");
        pc.set_local_description(self.now, offer.clone())
            .expect("the offer set");
        let holder = Holder::Participant(who.participant.expect("a participant"));
        let answer = self.nodes[node]
            .core
            .join(
                self.now,
                id,
                holder,
                MEETING,
                who,
                &offer.sdp,
                route.clone(),
            )
            .expect("the offer answered");
        pc.set_remote_description(
            self.now,
            RTCSessionDescription::answer(answer).expect("an answer"),
        )
        .expect("the answer set");
        for s in &mut sending {
            s.3 = payload_type(&mut pc, s.1, s.0).expect("a negotiated payload type");
        }
        self.clients.push(Client {
            id,
            addr,
            node,
            pc,
            connected: false,
            sending,
            received: Vec::new(),
            receivers: HashMap::new(),
            keyframe_requests: 0,
        });
        index
    }

    /// Move every datagram until nothing more moves at this instant.
    fn exchange(&mut self) {
        loop {
            let mut moved = false;
            for c in &mut self.clients {
                let node = &mut self.nodes[c.node];
                while let Some(w) = c.pc.poll_write() {
                    assert_eq!(
                        w.transport.peer_addr, node.addr,
                        "clients talk to their node"
                    );
                    node.core.handle_receive(self.now, c.addr, &w.message);
                    moved = true;
                }
            }
            for n in 0..self.nodes.len() {
                let mut output = Vec::new();
                loop {
                    match self.nodes[n].core.poll_output(self.now) {
                        Output::Timeout(at) => {
                            self.nodes[n].timeout = at;
                            break;
                        }
                        other => output.push(other),
                    }
                }
                let from = self.nodes[n].addr;
                for o in output {
                    moved = true;
                    match o {
                        Output::Transmit(datagram, to) => {
                            if let Some(other) = self.nodes.iter_mut().find(|m| m.addr == to) {
                                other.core.handle_receive(self.now, from, &datagram);
                                continue;
                            }
                            let c = self
                                .clients
                                .iter_mut()
                                .find(|c| c.addr == to)
                                .expect("a node sends only to its peers and the other nodes");
                            assert_eq!(c.node, n, "a node sends only to its own peers");
                            let _ = c.pc.handle_read(TaggedBytesMut {
                                now: self.now,
                                transport: TransportContext {
                                    local_addr: c.addr,
                                    peer_addr: from,
                                    ecn: None,
                                    transport_protocol: TransportProtocol::UDP,
                                },
                                message: datagram,
                            });
                        }
                        Output::Presence(meetings) => {
                            // What Redis carries between nodes.
                            for (m, other) in self.nodes.iter_mut().enumerate() {
                                if m != n {
                                    other.core.node_presence(
                                        self.now,
                                        format!("node-{n}"),
                                        from,
                                        meetings.clone(),
                                    );
                                }
                            }
                        }
                        Output::Levels(_) | Output::Timeout(_) => {}
                    }
                }
            }
            for c in &mut self.clients {
                c.take_input();
            }
            if !moved {
                return;
            }
        }
    }

    /// Let `by` of virtual time pass, every timer firing when it is due.
    fn advance(&mut self, by: Duration) {
        let until = self.now + by;
        loop {
            self.exchange();
            let next = self
                .clients
                .iter_mut()
                .filter_map(|c| c.pc.poll_timeout())
                .chain(self.nodes.iter().map(|n| n.timeout))
                .min()
                .expect("a core always has a timeout")
                // A timer already due fires now; time never goes back.
                .max(self.now);
            if next > until {
                self.now = until;
                self.exchange();
                return;
            }
            self.now = next.max(self.now + Duration::from_micros(100));
            for n in &mut self.nodes {
                if self.now >= n.timeout {
                    n.core.handle_timeout(self.now);
                }
            }
            for c in &mut self.clients {
                if c.pc.poll_timeout().is_some_and(|t| t <= self.now) {
                    let _ = c.pc.handle_timeout(self.now);
                }
            }
        }
    }

    /// Each publishing client sends one packet on each of its tracks: `tag` and a counter.
    fn send_round(&mut self, tags: &[(usize, &str)]) {
        for &(index, tag) in tags {
            let now = self.now;
            let c = &mut self.clients[index];
            for (kind, sender, ssrc, pt, seq) in &mut c.sending {
                *seq = seq.wrapping_add(1);
                let payload = Bytes::from(format!("{tag} {kind:?} {seq}"));
                let packet = rtc::rtp::Packet {
                    header: rtc::rtp::header::Header {
                        version: 2,
                        payload_type: *pt,
                        sequence_number: *seq,
                        timestamp: u32::from(*seq) * 960,
                        ssrc: *ssrc,
                        ..Default::default()
                    },
                    payload,
                };
                c.pc.rtp_sender(*sender)
                    .expect("the sender")
                    .write_rtp(now, packet)
                    .expect("the packet taken");
            }
        }
    }

    /// Rounds of 20 ms: every tagged publisher sends, time passes.
    fn speak(&mut self, rounds: usize, tags: &[(usize, &str)]) {
        for _ in 0..rounds {
            self.send_round(tags);
            self.advance(Duration::from_millis(20));
        }
    }
}

impl Client {
    fn take_input(&mut self) {
        while let Some(event) = self.pc.poll_event() {
            match event {
                RTCPeerConnectionEvent::OnConnectionStateChangeEvent(s) => {
                    self.connected = s == RTCPeerConnectionState::Connected;
                }
                RTCPeerConnectionEvent::OnTrack(RTCTrackEvent::OnOpen(init)) => {
                    self.receivers
                        .insert(init.track_id.to_string(), init.receiver_id);
                }
                _ => {}
            }
        }
        while let Some(m) = self.pc.poll_read() {
            match m.message {
                RTCMessage::RtpPacket(track, packet) => self.received.push(Received {
                    track: track.to_string(),
                    ssrc: packet.header.ssrc,
                    seq: packet.header.sequence_number,
                    payload: packet.payload,
                }),
                RTCMessage::RtcpPacket(_, rtcp) => {
                    self.keyframe_requests += rtcp
                        .iter()
                        .filter(|r| asks_for_keyframe(r.as_ref()))
                        .count();
                }
                _ => {}
            }
        }
    }

    /// The payloads received on a slot's track, as text.
    fn heard_on(&self, track: &str) -> Vec<String> {
        self.received
            .iter()
            .filter(|r| r.track == track)
            .map(|r| String::from_utf8_lossy(&r.payload).into_owned())
            .collect()
    }
}

fn floor_to_speaker_and_french_booth_live() -> FloorRoute {
    FloorRoute {
        remote_speaker: Some(SPEAKER_DELEGATION),
        remote_speaker_participant: Some(SPEAKER),
        live_booths: BTreeMap::from([("fr".to_owned(), INTERPRETER)]),
    }
}

/// A meeting with a remote speaker holding the floor (microphone and camera), the French
/// booth live, and a listener following French; all connected and their tracks open.
/// Returns the net and the clients' indexes: speaker, interpreter, listener.
fn meeting_under_way() -> (Net, usize, usize, usize) {
    let route = floor_to_speaker_and_french_booth_live();
    let mut net = Net::new();
    let speaker = net.join(
        Publisher {
            role: Role::Delegate,
            participant: Some(SPEAKER),
            delegation: Some(SPEAKER_DELEGATION),
        },
        &[MediaKind::Audio, MediaKind::Video],
        false,
        &route,
    );
    let interpreter = net.join(
        Publisher {
            role: Role::Interpreter,
            participant: Some(INTERPRETER),
            delegation: None,
        },
        &[MediaKind::Audio],
        false,
        &route,
    );
    let listener = net.join(
        Publisher {
            role: Role::Delegate,
            participant: Some(LISTENER),
            delegation: Some(DelegationId(20)),
        },
        &[],
        true,
        &route,
    );
    let listener_id = net.clients[listener].id;
    let now = net.now;
    net.core().listen(now, listener_id, Some("fr".to_owned()));
    // ICE and DTLS, in virtual time: well within the connect deadline.
    for _ in 0..100 {
        if net.clients.iter().all(|c| c.connected) {
            break;
        }
        net.advance(Duration::from_millis(50));
    }
    assert!(
        net.clients.iter().all(|c| c.connected),
        "every client connects"
    );
    assert_eq!(net.core().stats().connecting, 0, "and the server agrees");
    // The publishers' first packets open their tracks on the server.
    net.speak(5, &[(speaker, "speaker"), (interpreter, "booth")]);
    (net, speaker, interpreter, listener)
}

#[test]
fn the_floor_and_the_channel_reach_the_listener_on_their_own_slots() {
    let (mut net, speaker, interpreter, listener) = meeting_under_way();
    let before = net.clients[listener].received.len();
    net.speak(50, &[(speaker, "speaker"), (interpreter, "booth")]);
    let l = &net.clients[listener];
    assert!(l.received.len() > before, "the listener hears the meeting");
    let speaker_voice = l.heard_on("speaker");
    let channel = l.heard_on("interpretation");
    let video = l.heard_on("video");
    // Each slot carries its own source and nothing else; every round sent after the
    // tracks opened arrives (no network loss here, so none may be missing).
    assert!(speaker_voice.iter().all(|p| p.starts_with("speaker Audio")));
    assert!(channel.iter().all(|p| p.starts_with("booth Audio")));
    assert!(video.iter().all(|p| p.starts_with("speaker Video")));
    for (slot, heard) in [
        ("speaker", &speaker_voice),
        ("interpretation", &channel),
        ("video", &video),
    ] {
        assert!(heard.len() >= 50, "{slot}: {} packets", heard.len());
    }
    assert!(l.heard_on("chair").is_empty() && l.heard_on("room").is_empty());
    // The slot's stream is the server's own: one SSRC, consecutive sequence numbers.
    let on_speaker: Vec<&Received> = l.received.iter().filter(|r| r.track == "speaker").collect();
    assert!(on_speaker
        .windows(2)
        .all(|w| w[0].ssrc == w[1].ssrc && w[1].seq == w[0].seq.wrapping_add(1)));
    assert!(
        net.clients[speaker].keyframe_requests >= 1,
        "the speaker's camera was asked for a picture when the listener's video slot took it"
    );
}

#[test]
fn a_floor_change_silences_the_old_speaker_at_once_and_the_channel_goes_on() {
    let (mut net, speaker, interpreter, listener) = meeting_under_way();
    net.speak(10, &[(speaker, "speaker"), (interpreter, "booth")]);
    let heard = |net: &Net, slot: &str| net.clients[listener].heard_on(slot).len();
    let (voice, video, channel) = (
        heard(&net, "speaker"),
        heard(&net, "video"),
        heard(&net, "interpretation"),
    );
    assert!(voice >= 10);
    // The chair takes the floor back: nobody remote holds it.
    let route = FloorRoute {
        remote_speaker: None,
        remote_speaker_participant: None,
        ..floor_to_speaker_and_french_booth_live()
    };
    let now = net.now;
    net.core().route(now, MEETING, route);
    let dropped_before = net.core().stats().rtp_dropped;
    net.speak(20, &[(speaker, "speaker"), (interpreter, "booth")]);
    assert_eq!(
        heard(&net, "speaker"),
        voice,
        "not one packet of the old speaker after the floor changed"
    );
    assert_eq!(heard(&net, "video"), video, "nor of their camera");
    assert!(heard(&net, "interpretation") >= channel + 20);
    assert!(
        net.core().stats().rtp_dropped >= dropped_before + 40,
        "the old speaker's voice and camera go to nobody"
    );
}

#[test]
fn listeners_asking_together_cost_the_publisher_one_keyframe_an_interval() {
    let (mut net, speaker, interpreter, listener) = meeting_under_way();
    net.speak(50, &[(speaker, "speaker"), (interpreter, "booth")]);
    let asked_before = net.clients[speaker].keyframe_requests;
    let held_before = net.core().stats().keyframe_requests_held;
    let l = &net.clients[listener];
    let video_ssrc = l
        .received
        .iter()
        .find(|r| r.track == "video")
        .expect("video arrived")
        .ssrc;
    let receiver = *l.receivers.get("video").expect("the video track opened");
    // Twenty requests in 400 ms, as a crowd of listeners recovering from one loss would.
    for _ in 0..20 {
        let now = net.now;
        net.clients[listener]
            .pc
            .rtp_receiver(receiver)
            .expect("the receiver")
            .write_rtcp(
                now,
                vec![Box::new(PictureLossIndication {
                    sender_ssrc: 0,
                    media_ssrc: video_ssrc,
                })],
            )
            .expect("the request sent");
        net.speak(1, &[(speaker, "speaker")]);
    }
    net.speak(50, &[(speaker, "speaker")]);
    assert_eq!(
        net.clients[speaker].keyframe_requests - asked_before,
        2,
        "one at once, and the nineteen others merged into one half a second later"
    );
    assert_eq!(net.core().stats().keyframe_requests_held - held_before, 19);
}

const SECOND: ParticipantId = ParticipantId(4);
const SECOND_DELEGATION: DelegationId = DelegationId(30);

/// Two nodes of a cluster: on the first, the speaker holding the floor (microphone and
/// camera), the live French booth and a listener of the floor; on the second, another
/// delegate (microphone and camera) and a listener following French; all connected.
/// Returns the net and the clients: speaker, interpreter, first listener, second
/// delegate, second listener.
fn meeting_across_two_nodes() -> (Net, [usize; 5]) {
    let route = floor_to_speaker_and_french_booth_live();
    let mut net = Net::cluster(2);
    let delegate = |participant, delegation| Publisher {
        role: Role::Delegate,
        participant: Some(participant),
        delegation: Some(delegation),
    };
    let av = [MediaKind::Audio, MediaKind::Video];
    let speaker = net.join_on(0, delegate(SPEAKER, SPEAKER_DELEGATION), &av, false, &route);
    let interpreter = net.join_on(
        0,
        Publisher {
            role: Role::Interpreter,
            participant: Some(INTERPRETER),
            delegation: None,
        },
        &[MediaKind::Audio],
        false,
        &route,
    );
    let listener_here = net.join_on(0, delegate(LISTENER, DelegationId(20)), &[], true, &route);
    let second = net.join_on(1, delegate(SECOND, SECOND_DELEGATION), &av, false, &route);
    let listener_there = net.join_on(
        1,
        delegate(ParticipantId(5), DelegationId(40)),
        &[],
        true,
        &route,
    );
    let (now, id) = (net.now, net.clients[listener_there].id);
    net.nodes[1].core.listen(now, id, Some("fr".to_owned()));
    for _ in 0..100 {
        if net.clients.iter().all(|c| c.connected) {
            break;
        }
        net.advance(Duration::from_millis(50));
    }
    assert!(
        net.clients.iter().all(|c| c.connected),
        "every client connects"
    );
    net.speak(
        5,
        &[
            (speaker, "speaker"),
            (interpreter, "booth"),
            (second, "second"),
        ],
    );
    (
        net,
        [speaker, interpreter, listener_here, second, listener_there],
    )
}

#[test]
fn a_listener_on_another_node_hears_the_floor_and_the_channel_and_a_floor_change_reroutes_both_nodes(
) {
    let (mut net, [speaker, interpreter, here, second, there]) = meeting_across_two_nodes();
    let all = [
        (speaker, "speaker"),
        (interpreter, "booth"),
        (second, "second"),
    ];
    net.speak(50, &all);
    let l = &net.clients[there];
    let (voice, channel, video) = (
        l.heard_on("speaker"),
        l.heard_on("interpretation"),
        l.heard_on("video"),
    );
    // The speaker and the booth are on the first node; the listener on the second hears
    // both, each on its own slot, and sees the speaker; every round arrives.
    assert!(
        voice.iter().all(|p| p.starts_with("speaker Audio")),
        "{voice:?}"
    );
    assert!(channel.iter().all(|p| p.starts_with("booth Audio")));
    assert!(video.iter().all(|p| p.starts_with("speaker Video")));
    for (slot, heard) in [
        ("speaker", &voice),
        ("interpretation", &channel),
        ("video", &video),
    ] {
        assert!(heard.len() >= 50, "{slot}: {} packets", heard.len());
    }
    let (first, relayed_in) = (&net.nodes[0].core, &net.nodes[1].core);
    let (out, into) = (first.stats().relayed_out, relayed_in.stats().relayed_in);
    // All but the first packet of each of the three tracks, relayed before their node's
    // presence (which Redis carries, a hop behind) told the second node of them.
    assert!(
        out >= 150 && out - into <= 3,
        "relayed {out}, received {into}"
    );
    assert_eq!(relayed_in.stats().relay_refused, 0);
    assert_eq!(relayed_in.stats().relay_nodes, 1);
    // Nothing of the second delegate, who does not hold the floor, went anywhere.
    assert!(net.clients[here]
        .heard_on("speaker")
        .iter()
        .all(|p| p.starts_with("speaker")));

    // The floor passes to the delegate on the second node: both nodes reroute from the
    // same log.
    let route = FloorRoute {
        remote_speaker: Some(SECOND_DELEGATION),
        remote_speaker_participant: Some(SECOND),
        ..floor_to_speaker_and_french_booth_live()
    };
    let counts = |net: &Net, who: usize| {
        let c = &net.clients[who];
        (c.heard_on("speaker").len(), c.heard_on("video").len())
    };
    let (before_here, before_there) = (counts(&net, here), counts(&net, there));
    let now = net.now;
    for n in &mut net.nodes {
        n.core.route(now, MEETING, route.clone());
    }
    net.speak(30, &all);
    for (who, before) in [(here, before_here), (there, before_there)] {
        let c = &net.clients[who];
        let voice = &c.heard_on("speaker")[before.0..];
        let video = &c.heard_on("video")[before.1..];
        // Not one packet of the old speaker after the change, on either node; the new one
        // is heard and, from its first keyframe request, seen.
        assert!(
            voice.iter().all(|p| p.starts_with("second Audio")),
            "{voice:?}"
        );
        assert!(voice.len() >= 29, "{}: {} packets", who, voice.len());
        assert!(video.iter().all(|p| p.starts_with("second Video")));
        assert!(!video.is_empty());
    }
    assert!(
        net.clients[second].keyframe_requests >= 1,
        "the new speaker's camera was asked for a picture, across nodes too"
    );
    // The listener's slot is one stream across the change: one SSRC, no gap.
    let on_speaker: Vec<&Received> = net.clients[here]
        .received
        .iter()
        .filter(|r| r.track == "speaker")
        .collect();
    assert!(on_speaker
        .windows(2)
        .all(|w| w[0].ssrc == w[1].ssrc && w[1].seq == w[0].seq.wrapping_add(1)));
    // The channel goes on at the second node's listener.
    assert!(net.clients[there].heard_on("interpretation").len() >= channel.len() + 29);
}

#[test]
fn relay_datagrams_from_no_node_or_for_no_publisher_are_refused_and_a_node_gone_is_not_heard() {
    use super::relay::RelayHeader;
    use rtc::shared::marshal::Marshal;
    let (mut net, [speaker, interpreter, _here, second, there]) = meeting_across_two_nodes();
    let all = [
        (speaker, "speaker"),
        (interpreter, "booth"),
        (second, "second"),
    ];
    net.speak(5, &all);
    let first_node = net.nodes[0].addr;
    let forged = |peer: u64, kind: MediaKind| {
        let mut d = Vec::new();
        RelayHeader {
            keyframe_request: false,
            kind,
            level: None,
            meeting: MEETING,
            peer,
        }
        .write(&mut d);
        let packet = rtc::rtp::Packet {
            header: rtc::rtp::header::Header {
                version: 2,
                payload_type: 111,
                sequence_number: 7,
                ssrc: 7,
                ..Default::default()
            },
            payload: Bytes::from_static(b"forged Audio"),
        };
        d.extend_from_slice(&packet.marshal().unwrap());
        d
    };
    let speaker_id = net.clients[speaker].id;
    let interpreter_id = net.clients[interpreter].id;
    let stranger: SocketAddr = "10.9.9.9:3478".parse().unwrap();
    let refused = |net: &Net| net.nodes[1].core.stats().relay_refused;
    let before = refused(&net);
    let now = net.now;
    let core = &mut net.nodes[1].core;
    // From an address that is no node's, though it names a real publisher.
    core.handle_receive(now, stranger, &forged(speaker_id, MediaKind::Audio));
    // From the node, for a track its publisher does not send (an interpreter's camera).
    core.handle_receive(now, first_node, &forged(interpreter_id, MediaKind::Video));
    // Cut short.
    core.handle_receive(now, first_node, &forged(speaker_id, MediaKind::Audio)[..12]);
    assert_eq!(refused(&net) - before, 3);
    // From the node, naming a publisher it never told of: not refused (its presence may
    // be on its way), but taken by nobody.
    let dropped = net.nodes[1].core.stats().rtp_dropped;
    let core = &mut net.nodes[1].core;
    core.handle_receive(now, first_node, &forged(999, MediaKind::Audio));
    assert_eq!(core.stats().rtp_dropped, dropped + 1);
    net.speak(5, &all);
    assert!(
        net.clients[there]
            .received
            .iter()
            .all(|r| !r.payload.starts_with(b"forged")),
        "nothing forged reached a listener"
    );

    // The first node is forgotten (it went silent): its publishers are heard no more on
    // the second, and what it still sends is refused.
    let heard = net.clients[there].received.len();
    let now = net.now;
    net.nodes[1].core.node_gone(now, "node-0");
    assert_eq!(net.nodes[1].core.stats().relay_nodes, 0);
    net.speak(10, &all);
    assert_eq!(net.clients[there].received.len(), heard);
    assert!(refused(&net) > before + 3);
}
