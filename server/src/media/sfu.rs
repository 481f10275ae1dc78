//! The SFU's socket loop: one UDP port for every peer of the node, around the sans-I/O
//! core (`core.rs`). It reads datagrams (every one the socket holds, before the core does
//! the work they cause, so that work and its output are batched), hands them and the
//! commands of the WebSocket handlers and meeting hubs to the core with the time, sends
//! what the core gives back in one batch (`batch.rs`), and sleeps until the core's next
//! timeout or new input.

use super::batch::Outgoing;
use super::core::{Output, SfuCore};
use super::relay::MeetingPresence;
use super::{Cmd, MediaSettings, MeetingLevels};
use anyhow::Context;
use std::net::SocketAddr;
use std::time::Instant;
use tokio::net::UdpSocket;
use tokio::sync::{broadcast, mpsc, watch};

/// Datagrams read from the socket before the core works through them: enough to batch the
/// fan-out of a burst, few enough that the first of them is not kept waiting.
const READS_PER_PASS: usize = 64;

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

pub(super) struct Server {
    socket: UdpSocket,
    announced: SocketAddr,
    core: SfuCore,
    levels: broadcast::Sender<MeetingLevels>,
    presence: watch::Sender<Vec<MeetingPresence>>,
    outgoing: Outgoing,
}

impl Server {
    pub(super) async fn bind(
        settings: &MediaSettings,
        levels: broadcast::Sender<MeetingLevels>,
        presence: watch::Sender<Vec<MeetingPresence>>,
        recorder: Option<super::recorder::Spool>,
    ) -> anyhow::Result<Server> {
        let socket = bind_media_socket(settings.bind)
            .with_context(|| format!("binding the media port {}", settings.bind))?;
        let local = socket.local_addr()?;
        let announced = SocketAddr::new(settings.announced_ip.unwrap_or(local.ip()), local.port());
        Ok(Server {
            socket,
            announced,
            core: SfuCore::new(Instant::now(), settings, announced, recorder),
            levels,
            presence,
            outgoing: Outgoing::default(),
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
        loop {
            let now = Instant::now();
            let timeout = loop {
                match self.core.poll_output(now) {
                    Output::Transmit(datagram, to) => self.outgoing.push(datagram, to),
                    Output::Levels(levels) => {
                        // Nobody listening is fine: levels are only worth something now.
                        let _ = self.levels.send(levels);
                    }
                    Output::Presence(meetings) => {
                        self.presence.send_replace(meetings);
                    }
                    Output::Timeout(at) => break at,
                }
            };
            // Never wait on the socket: a datagram that cannot go now is dropped, as the
            // network would; RTP recovers.
            let unsent = self.outgoing.flush(&self.socket);
            self.core.count_unsent(unsent);
            if timeout <= now {
                self.core.handle_timeout(now);
                continue;
            }
            tokio::select! {
                received = self.socket.recv_from(&mut buf) => match received {
                    Ok((n, from)) => {
                        let now = Instant::now();
                        self.core.handle_receive(now, from, &buf[..n]);
                        for _ in 1..READS_PER_PASS {
                            match self.socket.try_recv_from(&mut buf) {
                                Ok((n, from)) => self.core.handle_receive(now, from, &buf[..n]),
                                Err(_) => break,
                            }
                        }
                    }
                    // ICMP "port unreachable" from a peer that left shows up here; not fatal.
                    Err(e) => tracing::debug!(error = %e, "media socket receive"),
                },
                command = commands.recv() => match command {
                    Some(c) => self.on_command(c),
                    None => return Ok(()),
                },
                _ = tokio::time::sleep_until(timeout.into()) => {
                    self.core.handle_timeout(Instant::now());
                }
            }
        }
    }

    fn on_command(&mut self, command: Cmd) {
        let now = Instant::now();
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
                let result = self
                    .core
                    .join(now, peer, holder, meeting, publisher, &sdp, route);
                let _ = reply.send(result);
            }
            Cmd::Listen { peer, channel } => self.core.listen(now, peer, channel),
            Cmd::Leave { peer } => self.core.leave(now, peer),
            Cmd::Route { meeting, route } => self.core.route(now, meeting, route),
            Cmd::Stats { reply } => {
                let _ = reply.send(self.core.stats());
            }
            Cmd::Clustered => self.core.cluster(),
            Cmd::NodePresence {
                node,
                relay,
                meetings,
            } => self.core.node_presence(now, node, relay, meetings),
            Cmd::NodeGone { node } => self.core.node_gone(now, &node),
        }
    }
}
