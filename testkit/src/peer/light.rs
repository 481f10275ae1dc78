//! A light listener, for the media benchmark: it completes ICE and DTLS with a real stack
//! (the sans-I/O `rtc` crate the server's SFU uses) through the same signalling as the
//! full listener ([`super::offer_over_ws`]), and then does **not** decrypt the media. SRTP
//! leaves the RTP header in clear, so it reads each packet's SSRC and sequence number and
//! counts packets per SSRC (loss, duplicates, order); STUN (its own consent checks and
//! their answers, the far side's checks), DTLS and RTCP still go to the `rtc` stack, so
//! the connection stays up and the server keeps sending.
//!
//! It cannot read the payload, so it cannot measure delay: only what arrives and what is
//! missing in each slot's sequence.
//!
//! Cheap by construction: one thread ([`LightDriver`]) drives every light listener of a
//! run. Each listener has its own UDP socket (the server tells peers apart by their
//! address), all in one epoll set; a readable socket is drained with `recvmmsg`, and only
//! datagrams that are not RTP reach the `rtc` stack. The thread waits at least
//! [`BATCH`] between two passes, so that one wake-up serves many datagrams of many
//! listeners.

use super::timed::SLOTS;
use crate::ws::Ws;
use anyhow::{anyhow, bail, Context};
use bytes::BytesMut;
use floor_protocol::MeetingId;
use rtc::interceptor::Registry;
use rtc::peer_connection::configuration::media_engine::MediaEngine;
use rtc::peer_connection::configuration::setting_engine::SettingEngineBuilder;
use rtc::peer_connection::configuration::RTCConfigurationBuilder;
use rtc::peer_connection::event::RTCPeerConnectionEvent;
use rtc::peer_connection::sdp::RTCSessionDescription;
use rtc::peer_connection::state::RTCPeerConnectionState;
use rtc::peer_connection::transport::{CandidateConfig, CandidateHostConfig, RTCIceCandidate};
use rtc::peer_connection::{RTCPeerConnection, RTCPeerConnectionBuilder};
use rtc::rtp_transceiver::rtp_sender::RtpCodecKind;
use rtc::rtp_transceiver::{RTCRtpTransceiverDirection, RTCRtpTransceiverInit};
use rtc::sansio::Protocol;
use rtc::shared::{TaggedBytesMut, TransportContext, TransportProtocol};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicI32, AtomicU64, AtomicU8, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// The least time between two passes of the driver over its sockets: what arrives
/// meanwhile waits in the sockets' buffers (a few packets each) and is read in one go.
/// Light listeners measure no delay, so the wait costs nothing measured; at 1 ms a read
/// got 1.2 datagrams on average with 100 listeners, and the driver spent 3.2 µs per
/// packet.
pub const BATCH: Duration = Duration::from_millis(10);
/// Datagrams read by one `recvmmsg`.
const BURST: usize = 32;
/// Room for one datagram (the server's are under the path MTU).
const DATAGRAM: usize = 2048;

/// What a datagram is, by its first byte (RFC 7983; RTCP told from RTP by RFC 5761's
/// payload types 192 to 223 in the second byte, where RTP's marker bit and payload type
/// are).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Datagram {
    Stun,
    Dtls,
    Rtp,
    Rtcp,
    Other,
}

impl Datagram {
    pub fn of(d: &[u8]) -> Datagram {
        match d.first() {
            Some(0..=3) => Datagram::Stun,
            Some(20..=63) => Datagram::Dtls,
            Some(128..=191) => match d.get(1) {
                Some(192..=223) => Datagram::Rtcp,
                Some(_) if d.len() >= 12 => Datagram::Rtp,
                _ => Datagram::Other,
            },
            _ => Datagram::Other,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The SSRC and sequence number of an RTP packet, from its clear header.
pub fn rtp_ssrc_seq(d: &[u8]) -> Option<(u32, u16)> {
    if d.len() < 12 {
        return None;
    }
    let seq = u16::from_be_bytes([d[2], d[3]]);
    let ssrc = u32::from_be_bytes([d[8], d[9], d[10], d[11]]);
    Some((ssrc, seq))
}

/// The packets of one SSRC: each sequence number once, on an extended (wrap-free) scale
/// that starts at the first packet's sequence number.
#[derive(Debug, Default, Clone)]
pub struct SeqCount {
    started: bool,
    /// The extended sequence number of the first packet.
    base: i64,
    /// The highest extended sequence number so far.
    highest: i64,
    /// Bit `i`: extended sequence number `base + i` arrived.
    bits: Vec<u64>,
    /// Distinct packets.
    pub distinct: u64,
    /// Packets whose sequence number had arrived already.
    pub duplicates: u64,
    /// Packets that arrived after one with a higher sequence number.
    pub out_of_order: u64,
    /// Packets older than the first one (not counted otherwise).
    pub before_first: u64,
}

/// Where a [`SeqCount`] stood at a moment: the window's edges.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// The highest extended sequence number then; `None` if nothing had arrived.
    pub highest: Option<i64>,
    pub duplicates: u64,
    pub out_of_order: u64,
}

impl SeqCount {
    pub fn add(&mut self, seq: u16) {
        if !self.started {
            self.started = true;
            self.base = i64::from(seq);
            self.highest = self.base;
            self.bits = vec![1];
            self.distinct = 1;
            return;
        }
        // The nearest extended number with these 16 bits (RFC 3550, A.1): a step of at
        // most half the sequence space either way.
        let step = seq.wrapping_sub((self.highest & 0xFFFF) as u16) as i16;
        let ext = self.highest + i64::from(step);
        let index = ext - self.base;
        if index < 0 {
            self.before_first += 1;
            return;
        }
        let (word, bit) = ((index / 64) as usize, index % 64);
        if word >= self.bits.len() {
            self.bits.resize(word + 1, 0);
        }
        if self.bits[word] & (1 << bit) != 0 {
            self.duplicates += 1;
            return;
        }
        self.bits[word] |= 1 << bit;
        self.distinct += 1;
        if ext > self.highest {
            self.highest = ext;
        } else {
            self.out_of_order += 1;
        }
    }

    pub fn mark(&self) -> Mark {
        Mark {
            highest: self.started.then_some(self.highest),
            duplicates: self.duplicates,
            out_of_order: self.out_of_order,
        }
    }

    /// Distinct packets with an extended sequence number in (`after`, `upto`].
    pub fn received_in(&self, after: i64, upto: i64) -> u64 {
        if !self.started {
            return 0;
        }
        let from = (after + 1 - self.base).max(0);
        let to = (upto - self.base).min(self.bits.len() as i64 * 64 - 1);
        (from..=to)
            .filter(|i| self.bits[(*i / 64) as usize] & (1 << (i % 64)) != 0)
            .count() as u64
    }

    /// The extended sequence number just before the first packet.
    pub fn before_start(&self) -> i64 {
        self.base - 1
    }
}

/// One SSRC over the measured window.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SsrcWindow {
    pub ssrc: u32,
    /// The slot the server's SDP put it on (an index in [`SLOTS`]), `u8::MAX` if none.
    pub slot: u8,
    /// Sequence numbers from the highest at the window's start (excluded) to the highest
    /// at its end (included): what the sender numbered in the window, as far as the
    /// listener can tell.
    pub span: u64,
    /// Of those, how many arrived (each once), by the end of the grace time.
    pub received: u64,
    pub duplicates: u64,
    pub out_of_order: u64,
}

/// What a light listener counted.
#[derive(Debug, Default)]
pub struct Counts {
    /// The slot of each SSRC the server said it sends (see [`ssrc_slots`]).
    pub slot_of: HashMap<u32, u8>,
    pub ssrcs: HashMap<u32, SeqCount>,
    /// Datagrams of each [`Datagram`] kind.
    pub datagrams: [u64; 5],
    start: HashMap<u32, Mark>,
    end: HashMap<u32, Mark>,
}

impl Counts {
    fn add(&mut self, ssrc: u32, seq: u16) {
        self.ssrcs.entry(ssrc).or_default().add(seq);
    }

    /// The window starts now.
    pub fn mark_start(&mut self) {
        self.start = self.ssrcs.iter().map(|(s, c)| (*s, c.mark())).collect();
    }

    /// The window ends now.
    pub fn mark_end(&mut self) {
        self.end = self.ssrcs.iter().map(|(s, c)| (*s, c.mark())).collect();
    }

    /// Each SSRC over the window between [`Counts::mark_start`] and
    /// [`Counts::mark_end`]; packets of the window that arrived after its end count too.
    pub fn window(&self) -> Vec<SsrcWindow> {
        let mut v: Vec<SsrcWindow> = self
            .end
            .iter()
            .filter_map(|(ssrc, end)| {
                let c = self.ssrcs.get(ssrc)?;
                let upto = end.highest?;
                let start = self.start.get(ssrc).copied().unwrap_or_default();
                let after = start.highest.unwrap_or_else(|| c.before_start());
                Some(SsrcWindow {
                    ssrc: *ssrc,
                    slot: self.slot_of.get(ssrc).copied().unwrap_or(u8::MAX),
                    span: (upto - after).max(0) as u64,
                    received: c.received_in(after, upto),
                    duplicates: end.duplicates - start.duplicates,
                    out_of_order: end.out_of_order - start.out_of_order,
                })
            })
            .collect();
        v.sort_by_key(|w| (w.slot, w.ssrc));
        v
    }
}

/// The SSRC of each stream the far side's SDP says it sends, with the slot (an index in
/// [`SLOTS`]) it is on: from the track id of its m-section (`a=msid`, or the `msid` of an
/// `a=ssrc` line) when that names one of Floor's slots; otherwise by the m-sections' order
/// of a Janus subscription (the speaker's voice and video, then the booth's voice): the
/// first audio m-section is the speaker's, the second the interpretation's, the video the
/// floor video.
pub fn ssrc_slots(sdp: &str) -> HashMap<u32, u8> {
    struct Section {
        video: bool,
        track: Option<String>,
        ssrcs: Vec<u32>,
    }
    let mut sections: Vec<Section> = Vec::new();
    for line in sdp.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("m=") {
            let kind = rest.split_whitespace().next().unwrap_or("");
            sections.push(Section {
                video: kind == "video",
                track: None,
                ssrcs: Vec::new(),
            });
            continue;
        }
        let Some(s) = sections.last_mut() else {
            continue;
        };
        if let Some(rest) = line.strip_prefix("a=msid:") {
            s.track = rest.split_whitespace().nth(1).map(str::to_string);
        } else if let Some(rest) = line.strip_prefix("a=ssrc:") {
            let mut words = rest.split_whitespace();
            if let Some(ssrc) = words.next().and_then(|w| w.parse::<u32>().ok()) {
                if !s.ssrcs.contains(&ssrc) {
                    s.ssrcs.push(ssrc);
                }
                if let Some(msid) = words.next().and_then(|w| w.strip_prefix("msid:")) {
                    if s.track.is_none() {
                        s.track = words.next().map(str::to_string).or(Some(msid.to_string()));
                    }
                }
            }
        }
    }
    let slot = |name: &str| SLOTS.iter().position(|s| *s == name).map(|i| i as u8);
    let mut audio_seen = 0;
    let mut map = HashMap::new();
    for s in &sections {
        let by_order = if s.video {
            slot("video")
        } else {
            audio_seen += 1;
            match audio_seen {
                1 => slot("speaker"),
                2 => slot("interpretation"),
                _ => None,
            }
        };
        let by_track = s.track.as_deref().and_then(slot);
        if let Some(slot) = by_track.or(by_order) {
            for ssrc in &s.ssrcs {
                map.insert(*ssrc, slot);
            }
        }
    }
    map
}

/// A light listener before it is handed to a [`LightDriver`]: its connection and socket,
/// negotiated by offer (Floor) or answer (Janus).
pub struct LightPeer {
    pc: RTCPeerConnection,
    socket: UdpSocket,
    local: SocketAddr,
    slot_of: HashMap<u32, u8>,
}

impl LightPeer {
    /// A listener with its UDP socket on `ip`; with `receive`, it offers the five
    /// receive-only m-lines of Floor's slots (speaker, chair, room, interpretation, video).
    pub fn new(ip: IpAddr, receive: bool) -> anyhow::Result<LightPeer> {
        let socket = UdpSocket::bind(SocketAddr::new(ip, 0)).context("binding a UDP socket")?;
        socket.set_nonblocking(true)?;
        let local = socket.local_addr()?;
        let settings = SettingEngineBuilder::new()
            .with_multicast_dns_mode(rtc::ice::mdns::MulticastDnsMode::Disabled)
            .build();
        let mut media = MediaEngine::default();
        media.register_default_codecs()?;
        // No interceptors: no NACK, no reports, no congestion feedback; the packets never
        // reach the stack.
        let mut pc = RTCPeerConnectionBuilder::new()
            .with_configuration(RTCConfigurationBuilder::new().build())
            .with_setting_engine(settings)
            .with_media_engine(media)
            .with_interceptor_registry(Registry::new())
            .build(Instant::now())?;
        if receive {
            for kind in [
                RtpCodecKind::Audio,
                RtpCodecKind::Audio,
                RtpCodecKind::Audio,
                RtpCodecKind::Audio,
                RtpCodecKind::Video,
            ] {
                pc.add_transceiver_from_kind(
                    kind,
                    Some(RTCRtpTransceiverInit {
                        direction: RTCRtpTransceiverDirection::Recvonly,
                        streams: vec![],
                        send_encodings: vec![],
                    }),
                )?;
            }
        }
        let candidate = CandidateHostConfig {
            base_config: CandidateConfig {
                network: "udp".to_owned(),
                address: local.ip().to_string(),
                port: local.port(),
                component: 1,
                ..Default::default()
            },
            ..Default::default()
        }
        .new_candidate_host()?;
        pc.add_local_candidate(RTCIceCandidate::from(&candidate).to_json()?)?;
        Ok(LightPeer {
            pc,
            socket,
            local,
            slot_of: HashMap::new(),
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }

    /// An offer, set as the local description.
    pub fn offer(&mut self) -> anyhow::Result<String> {
        let offer = self.pc.create_offer(None)?;
        self.pc.set_local_description(Instant::now(), offer)?;
        self.local_sdp()
    }

    /// Take the far side's answer to [`LightPeer::offer`].
    pub fn accept(&mut self, answer: String) -> anyhow::Result<()> {
        self.slot_of = ssrc_slots(&answer);
        self.pc
            .set_remote_description(Instant::now(), RTCSessionDescription::answer(answer)?)?;
        Ok(())
    }

    /// Answer the far side's offer (Janus offers its subscriptions), candidate included.
    pub fn answer(&mut self, offer: String) -> anyhow::Result<String> {
        self.slot_of = ssrc_slots(&offer);
        self.pc
            .set_remote_description(Instant::now(), RTCSessionDescription::offer(offer)?)?;
        let answer = self.pc.create_answer(None)?;
        self.pc.set_local_description(Instant::now(), answer)?;
        self.local_sdp()
    }

    fn local_sdp(&self) -> anyhow::Result<String> {
        Ok(self
            .pc
            .local_description()
            .ok_or_else(|| anyhow!("no local description"))?
            .sdp)
    }

    /// Offer over the meeting's WebSocket and take the server's answer, as the full
    /// listener does.
    pub async fn try_join(&mut self, ws: &mut Ws, meeting: MeetingId) -> anyhow::Result<()> {
        let sdp = self.offer()?;
        let answer = super::offer_over_ws(ws, meeting, sdp).await?;
        self.accept(answer)
    }

    /// The slots of the SSRCs the far side said it sends.
    pub fn slots(&self) -> &HashMap<u32, u8> {
        &self.slot_of
    }
}

const NEW: u8 = 0;
const CONNECTED: u8 = 1;
const FAILED: u8 = 2;

/// A light listener in the hands of its driver: what it counted, whether it is connected.
pub struct LightListener {
    pub counts: Arc<Mutex<Counts>>,
    /// A bit per slot (index in [`SLOTS`]) on which a packet arrived.
    pub slots_seen: Arc<AtomicU64>,
    state: Arc<AtomicU8>,
    pub local: SocketAddr,
}

impl LightListener {
    /// Wait until ICE and DTLS are done.
    pub async fn try_connected(&self, deadline: Duration) -> anyhow::Result<()> {
        let end = Instant::now() + deadline;
        loop {
            match self.state.load(Ordering::Relaxed) {
                CONNECTED => return Ok(()),
                FAILED => bail!("the light listener's connection failed"),
                _ => {}
            }
            if Instant::now() >= end {
                bail!("the light listener's connection did not come up in time");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

struct Entry {
    pc: RTCPeerConnection,
    socket: UdpSocket,
    local: SocketAddr,
    counts: Arc<Mutex<Counts>>,
    slots_seen: Arc<AtomicU64>,
    state: Arc<AtomicU8>,
    timeout: Option<Instant>,
}

enum Command {
    Add(Box<Entry>),
    Stop,
}

/// The driver's own figures.
#[derive(Debug, Default, Clone, Copy)]
pub struct DriverStats {
    /// Passes over the ready sockets (epoll wake-ups).
    pub passes: u64,
    /// `recvmmsg` calls.
    pub reads: u64,
    /// Datagrams of each [`Datagram`] kind, every listener.
    pub datagrams: [u64; 5],
}

/// One thread driving many light listeners: their sockets in one epoll set, their `rtc`
/// connections' timers, and the counting.
pub struct LightDriver {
    commands: mpsc::Sender<Command>,
    wake: Arc<OwnedFd>,
    thread: Option<std::thread::JoinHandle<DriverStats>>,
    tid: Arc<AtomicI32>,
}

impl LightDriver {
    pub fn start() -> anyhow::Result<LightDriver> {
        // SAFETY: plain system calls; each descriptor is owned right away.
        let epoll = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
        if epoll < 0 {
            return Err(std::io::Error::last_os_error()).context("epoll_create1");
        }
        let epoll = unsafe { OwnedFd::from_raw_fd(epoll) };
        let wake = unsafe { libc::eventfd(0, libc::EFD_CLOEXEC | libc::EFD_NONBLOCK) };
        if wake < 0 {
            return Err(std::io::Error::last_os_error()).context("eventfd");
        }
        let wake = Arc::new(unsafe { OwnedFd::from_raw_fd(wake) });
        watch(epoll.as_raw_fd(), wake.as_raw_fd(), 0)?;
        let (commands, rx) = mpsc::channel();
        let tid = Arc::new(AtomicI32::new(0));
        let thread = {
            let wake = wake.clone();
            let tid = tid.clone();
            std::thread::Builder::new()
                .name("light-listeners".into())
                .spawn(move || {
                    // SAFETY: gettid has no preconditions.
                    tid.store(unsafe { libc::gettid() }, Ordering::Relaxed);
                    drive(epoll, wake, rx)
                })?
        };
        Ok(LightDriver {
            commands,
            wake,
            thread: Some(thread),
            tid,
        })
    }

    /// The driver thread's id (for its CPU time in `/proc/<pid>/task/<tid>/stat`).
    pub fn thread_id(&self) -> i32 {
        self.tid.load(Ordering::Relaxed)
    }

    /// Hand a negotiated peer to the driver; it connects from now on.
    pub fn add(&self, peer: LightPeer) -> anyhow::Result<LightListener> {
        let counts = Arc::new(Mutex::new(Counts {
            slot_of: peer.slot_of.clone(),
            ..Default::default()
        }));
        let slots_seen = Arc::new(AtomicU64::new(0));
        let state = Arc::new(AtomicU8::new(NEW));
        let listener = LightListener {
            counts: counts.clone(),
            slots_seen: slots_seen.clone(),
            state: state.clone(),
            local: peer.local,
        };
        self.send(Command::Add(Box::new(Entry {
            pc: peer.pc,
            socket: peer.socket,
            local: peer.local,
            counts,
            slots_seen,
            state,
            timeout: None,
        })))?;
        Ok(listener)
    }

    fn send(&self, command: Command) -> anyhow::Result<()> {
        self.commands
            .send(command)
            .map_err(|_| anyhow!("the light listeners' driver has stopped"))?;
        let one: u64 = 1;
        // SAFETY: writes 8 bytes from a valid u64 to an eventfd.
        unsafe {
            libc::write(
                self.wake.as_raw_fd(),
                &one as *const u64 as *const libc::c_void,
                8,
            )
        };
        Ok(())
    }

    /// Close every connection and stop the thread; its figures.
    pub fn stop(mut self) -> DriverStats {
        self.stop_inner()
    }

    fn stop_inner(&mut self) -> DriverStats {
        let _ = self.send(Command::Stop);
        self.thread
            .take()
            .and_then(|t| t.join().ok())
            .unwrap_or_default()
    }
}

impl Drop for LightDriver {
    fn drop(&mut self) {
        if self.thread.is_some() {
            self.stop_inner();
        }
    }
}

fn watch(epoll: RawFd, fd: RawFd, token: u64) -> anyhow::Result<()> {
    let mut ev = libc::epoll_event {
        events: libc::EPOLLIN as u32,
        u64: token,
    };
    // SAFETY: both descriptors are open; `ev` outlives the call.
    if unsafe { libc::epoll_ctl(epoll, libc::EPOLL_CTL_ADD, fd, &mut ev) } < 0 {
        return Err(std::io::Error::last_os_error()).context("epoll_ctl");
    }
    Ok(())
}

/// Buffers for one `recvmmsg` of up to [`BURST`] datagrams.
struct Burst {
    data: Vec<[u8; DATAGRAM]>,
    addrs: Vec<libc::sockaddr_storage>,
    iov: Vec<libc::iovec>,
    msgs: Vec<libc::mmsghdr>,
}

impl Burst {
    fn new() -> Burst {
        // SAFETY: all-zero is a valid sockaddr_storage, iovec and mmsghdr.
        let mut b = Burst {
            data: vec![[0; DATAGRAM]; BURST],
            addrs: vec![unsafe { std::mem::zeroed() }; BURST],
            iov: vec![unsafe { std::mem::zeroed() }; BURST],
            msgs: vec![unsafe { std::mem::zeroed() }; BURST],
        };
        for i in 0..BURST {
            b.iov[i] = libc::iovec {
                iov_base: b.data[i].as_mut_ptr() as *mut libc::c_void,
                iov_len: DATAGRAM,
            };
        }
        b
    }

    /// Read what `fd` holds, up to [`BURST`] datagrams, without waiting.
    fn read(&mut self, fd: RawFd) -> usize {
        for i in 0..BURST {
            let h = &mut self.msgs[i].msg_hdr;
            h.msg_name = &mut self.addrs[i] as *mut libc::sockaddr_storage as *mut libc::c_void;
            h.msg_namelen = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
            h.msg_iov = &mut self.iov[i];
            h.msg_iovlen = 1;
            h.msg_control = std::ptr::null_mut();
            h.msg_controllen = 0;
            h.msg_flags = 0;
            self.msgs[i].msg_len = 0;
        }
        // SAFETY: every header points into buffers of this `Burst`, which outlive the call
        // and are not otherwise borrowed during it.
        let n = unsafe {
            libc::recvmmsg(
                fd,
                self.msgs.as_mut_ptr(),
                BURST as libc::c_uint,
                libc::MSG_DONTWAIT,
                std::ptr::null_mut(),
            )
        };
        n.max(0) as usize
    }

    fn datagram(&self, i: usize) -> &[u8] {
        &self.data[i][..(self.msgs[i].msg_len as usize).min(DATAGRAM)]
    }

    fn source(&self, i: usize) -> Option<SocketAddr> {
        let a = &self.addrs[i];
        match i32::from(a.ss_family) {
            libc::AF_INET => {
                // SAFETY: the family says it is a sockaddr_in, which fits in the storage.
                let v4 = unsafe { &*(a as *const _ as *const libc::sockaddr_in) };
                Some(SocketAddr::new(
                    IpAddr::V4(Ipv4Addr::from(u32::from_be(v4.sin_addr.s_addr))),
                    u16::from_be(v4.sin_port),
                ))
            }
            libc::AF_INET6 => {
                // SAFETY: as above, for sockaddr_in6.
                let v6 = unsafe { &*(a as *const _ as *const libc::sockaddr_in6) };
                Some(SocketAddr::new(
                    IpAddr::V6(Ipv6Addr::from(v6.sin6_addr.s6_addr)),
                    u16::from_be(v6.sin6_port),
                ))
            }
            _ => None,
        }
    }
}

/// The driver thread: until told to stop, read every ready socket, count RTP, hand the
/// rest to `rtc`, run due timers, send what `rtc` wants sent.
fn drive(epoll: OwnedFd, wake: Arc<OwnedFd>, commands: mpsc::Receiver<Command>) -> DriverStats {
    let mut entries: Vec<Entry> = Vec::new();
    let mut stats = DriverStats::default();
    let mut events: Vec<libc::epoll_event> = vec![libc::epoll_event { events: 0, u64: 0 }; 1024];
    let mut burst = Burst::new();
    let mut dirty: Vec<usize> = Vec::new();
    let mut is_dirty: Vec<bool> = Vec::new();
    let mut next_timer: Option<Instant> = None;
    loop {
        // Rounded up: a timer due in under a millisecond is waited for, not spun on.
        let wait_ms = match next_timer {
            Some(t) => t
                .saturating_duration_since(Instant::now())
                .as_micros()
                .div_ceil(1000)
                .min(100) as i32,
            None => 100,
        };
        // SAFETY: `events` is a valid buffer of its length.
        let n = unsafe {
            libc::epoll_wait(
                epoll.as_raw_fd(),
                events.as_mut_ptr(),
                events.len() as i32,
                wait_ms,
            )
        };
        let woke = Instant::now();
        stats.passes += 1;
        let mut stop = false;
        for ev in &events[..n.max(0) as usize] {
            let token = ev.u64;
            if token == 0 {
                let mut buf = [0u8; 8];
                // SAFETY: reads at most 8 bytes into `buf`.
                unsafe { libc::read(wake.as_raw_fd(), buf.as_mut_ptr() as *mut libc::c_void, 8) };
                while let Ok(c) = commands.try_recv() {
                    match c {
                        Command::Add(e) => {
                            let index = entries.len();
                            if watch(epoll.as_raw_fd(), e.socket.as_raw_fd(), index as u64 + 1)
                                .is_err()
                            {
                                e.state.store(FAILED, Ordering::Relaxed);
                                continue;
                            }
                            entries.push(*e);
                            is_dirty.push(true);
                            dirty.push(index);
                        }
                        Command::Stop => stop = true,
                    }
                }
                continue;
            }
            let index = (token - 1) as usize;
            let Some(e) = entries.get_mut(index) else {
                continue;
            };
            let got = burst.read(e.socket.as_raw_fd());
            stats.reads += 1;
            let mut counts = None;
            let mut touched = false;
            for i in 0..got {
                let d = burst.datagram(i);
                let kind = Datagram::of(d);
                stats.datagrams[kind.index()] += 1;
                if kind == Datagram::Rtp {
                    if let Some((ssrc, seq)) = rtp_ssrc_seq(d) {
                        let c = counts.get_or_insert_with(|| {
                            e.counts.lock().unwrap_or_else(|p| p.into_inner())
                        });
                        c.datagrams[kind.index()] += 1;
                        c.add(ssrc, seq);
                        if let Some(&slot) = c.slot_of.get(&ssrc) {
                            e.slots_seen.fetch_or(1 << slot, Ordering::Relaxed);
                        }
                    }
                    continue;
                }
                if kind == Datagram::Other {
                    continue;
                }
                let Some(from) = burst.source(i) else {
                    continue;
                };
                let _ = e.pc.handle_read(TaggedBytesMut {
                    now: woke,
                    transport: TransportContext {
                        local_addr: e.local,
                        peer_addr: from,
                        ecn: None,
                        transport_protocol: TransportProtocol::UDP,
                    },
                    message: BytesMut::from(d),
                });
                touched = true;
            }
            drop(counts);
            if touched && !is_dirty[index] {
                is_dirty[index] = true;
                dirty.push(index);
            }
        }
        if stop {
            for e in &mut entries {
                let _ = e.pc.close();
                flush(e, &mut next_timer);
            }
            return stats;
        }
        // Timers: when the earliest is due, every entry whose timer is due.
        let now = Instant::now();
        if next_timer.is_some_and(|t| t <= now) {
            next_timer = None;
            for (i, e) in entries.iter_mut().enumerate() {
                match e.timeout {
                    Some(t) if t <= now => {
                        let _ = e.pc.handle_timeout(now);
                        if !is_dirty[i] {
                            is_dirty[i] = true;
                            dirty.push(i);
                        }
                    }
                    Some(t) => next_timer = Some(next_timer.map_or(t, |n| n.min(t))),
                    None => {}
                }
            }
        }
        for i in dirty.drain(..) {
            is_dirty[i] = false;
            flush(&mut entries[i], &mut next_timer);
        }
        // Let datagrams gather: one pass per BATCH at most. This sleep paces the load
        // tool's own reading, it synchronises nothing: what arrives meanwhile waits in the
        // sockets' buffers and is read whole on the next pass, and light listeners measure
        // no delay, so the wait changes no figure (see BATCH for what it saves).
        let spent = woke.elapsed();
        if n > 0 && spent < BATCH {
            std::thread::sleep(BATCH - spent);
        }
    }
}

/// Send what the connection wants sent, take its events, drop what it read (RTCP), and
/// note its next timer.
fn flush(e: &mut Entry, next_timer: &mut Option<Instant>) {
    while let Some(w) = e.pc.poll_write() {
        let _ = e.socket.send_to(&w.message, w.transport.peer_addr);
    }
    while let Some(event) = e.pc.poll_event() {
        if let RTCPeerConnectionEvent::OnConnectionStateChangeEvent(s) = event {
            match s {
                RTCPeerConnectionState::Connected => e.state.store(CONNECTED, Ordering::Relaxed),
                RTCPeerConnectionState::Failed | RTCPeerConnectionState::Closed => {
                    e.state.store(FAILED, Ordering::Relaxed)
                }
                _ => {}
            }
        }
    }
    while e.pc.poll_read().is_some() {}
    // Writes the events caused.
    while let Some(w) = e.pc.poll_write() {
        let _ = e.socket.send_to(&w.message, w.transport.peer_addr);
    }
    let now = Instant::now();
    e.timeout = e.pc.poll_timeout().map(|t| {
        // A timer already due is run on the next pass, not in a loop.
        t.max(now + Duration::from_micros(500))
    });
    if let Some(t) = e.timeout {
        *next_timer = Some(next_timer.map_or(t, |n| n.min(t)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rtp(ssrc: u32, seq: u16) -> Vec<u8> {
        let mut p = vec![0x80, 111];
        p.extend_from_slice(&seq.to_be_bytes());
        p.extend_from_slice(&[0, 0, 0, 1]);
        p.extend_from_slice(&ssrc.to_be_bytes());
        p.extend_from_slice(&[0xAA; 20]);
        p
    }

    #[test]
    fn datagrams_are_told_apart_by_their_first_bytes() {
        assert_eq!(Datagram::of(&[0x00, 0x01, 0, 0]), Datagram::Stun);
        assert_eq!(Datagram::of(&[0x01, 0x01, 0, 0]), Datagram::Stun);
        assert_eq!(Datagram::of(&[22, 0xFE, 0xFD]), Datagram::Dtls);
        assert_eq!(Datagram::of(&[23, 0xFE, 0xFD]), Datagram::Dtls);
        assert_eq!(Datagram::of(&rtp(7, 1)), Datagram::Rtp);
        // The marker bit set on a dynamic payload type is still RTP.
        let mut marked = rtp(7, 1);
        marked[1] = 0x80 | 96;
        assert_eq!(Datagram::of(&marked), Datagram::Rtp);
        // RTCP: sender report (200), receiver report (201), feedback (205, 206).
        for pt in [200u8, 201, 205, 206] {
            assert_eq!(Datagram::of(&[0x80, pt, 0, 6]), Datagram::Rtcp);
        }
        assert_eq!(Datagram::of(&[0x80, 111, 0]), Datagram::Other); // shorter than a header
        assert_eq!(Datagram::of(&[64, 0, 0]), Datagram::Other);
        assert_eq!(Datagram::of(&[]), Datagram::Other);
        assert_eq!(
            rtp_ssrc_seq(&rtp(0xDEADBEEF, 65535)),
            Some((0xDEADBEEF, 65535))
        );
    }

    #[test]
    fn sequence_numbers_are_counted_across_the_wrap() {
        let mut c = SeqCount::default();
        for seq in (65530..=65535).chain(0..10) {
            c.add(seq);
        }
        assert_eq!(c.distinct, 16);
        assert_eq!((c.duplicates, c.out_of_order), (0, 0));
        let start = c.before_start();
        assert_eq!(c.mark().highest, Some(start + 16));
        assert_eq!(c.received_in(start, start + 16), 16);
    }

    #[test]
    fn duplicates_gaps_and_reordering_are_seen() {
        let mut c = SeqCount::default();
        for seq in [100, 101, 101, 103, 102, 105, 99] {
            c.add(seq);
        }
        // 104 is missing; 101 came twice; 102 after 103; 99 before the first packet.
        assert_eq!(c.distinct, 5);
        assert_eq!(c.duplicates, 1);
        assert_eq!(c.out_of_order, 1);
        assert_eq!(c.before_first, 1);
        assert_eq!(c.received_in(99, 105), 5);
        assert_eq!(c.received_in(102, 105), 2);
    }

    #[test]
    fn the_window_counts_between_its_marks_and_late_arrivals_inside_it() {
        let mut counts = Counts {
            slot_of: HashMap::from([(1, 0u8), (2, 4u8)]),
            ..Default::default()
        };
        for seq in 0..10 {
            counts.add(1, seq);
        }
        counts.mark_start();
        for seq in (10..20).filter(|s| *s != 15) {
            counts.add(1, seq);
            counts.add(2, seq);
        }
        counts.add(1, 12);
        counts.mark_end();
        counts.add(1, 15); // late, but numbered in the window
        counts.add(1, 20); // after the window
        let w = counts.window();
        assert_eq!(
            w,
            vec![
                SsrcWindow {
                    ssrc: 1,
                    slot: 0,
                    span: 10,
                    received: 10,
                    duplicates: 1,
                    out_of_order: 0,
                },
                // Began in the window: counted from its first packet.
                SsrcWindow {
                    ssrc: 2,
                    slot: 4,
                    span: 10,
                    received: 9,
                    duplicates: 0,
                    out_of_order: 0,
                },
            ]
        );
    }

    #[test]
    fn slots_come_from_the_track_ids_or_the_order_of_a_subscription() {
        let floor = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n\
                     a=msid:floor-speaker speaker\r\na=ssrc:11 cname:x\r\na=ssrc:11 msid:floor-speaker speaker\r\n\
                     m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:1\r\na=ssrc:12 msid:floor-chair chair\r\n\
                     m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:4\r\na=ssrc:15 msid:floor-video video\r\n";
        assert_eq!(
            ssrc_slots(floor),
            HashMap::from([(11, 0), (12, 1), (15, 4)])
        );
        let janus = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=ssrc:21 cname:j\r\n\
                     m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\na=ssrc:22 cname:j\r\na=ssrc:23 cname:j\r\n\
                     m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:2\r\na=ssrc:24 cname:j\r\n";
        assert_eq!(
            ssrc_slots(janus),
            HashMap::from([(21, 0), (22, 4), (23, 4), (24, 3)])
        );
    }
}
