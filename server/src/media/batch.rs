//! Batched sending on the media socket. One packet from a publisher becomes a datagram for
//! each of its listeners, each to another address, so UDP GSO (one destination per call)
//! does not apply; `sendmmsg(2)` hands the kernel many datagrams to many addresses in one
//! system call instead of one `sendto` each. Elsewhere than Linux, one `send_to` each.
//!
//! Like the single sends before it, it never waits: a datagram the socket cannot take now
//! is dropped and counted, as the network would drop it, and RTP recovers.

use bytes::BytesMut;
use std::net::SocketAddr;
use tokio::net::UdpSocket;

/// Datagrams handed to the kernel per system call (the kernel's own cap is 1,024).
#[cfg(target_os = "linux")]
const PER_CALL: usize = 256;

/// The datagrams a pass of the SFU task produced, sent together at its end.
#[derive(Default)]
pub(super) struct Outgoing {
    datagrams: Vec<(BytesMut, SocketAddr)>,
}

impl Outgoing {
    pub(super) fn push(&mut self, datagram: BytesMut, to: SocketAddr) {
        self.datagrams.push((datagram, to));
    }

    /// Send everything queued; the number of datagrams the socket refused.
    pub(super) fn flush(&mut self, socket: &UdpSocket) -> u64 {
        let unsent = send_all(socket, &self.datagrams);
        self.datagrams.clear();
        unsent
    }
}

#[cfg(target_os = "linux")]
fn send_all(socket: &UdpSocket, datagrams: &[(BytesMut, SocketAddr)]) -> u64 {
    use std::os::fd::AsRawFd;
    let fd = socket.as_raw_fd();
    let mut unsent = 0;
    for chunk in datagrams.chunks(PER_CALL) {
        let addrs: Vec<socket2::SockAddr> = chunk.iter().map(|(_, to)| (*to).into()).collect();
        let mut iovecs: Vec<libc::iovec> = chunk
            .iter()
            .map(|(bytes, _)| libc::iovec {
                iov_base: bytes.as_ptr() as *mut libc::c_void,
                iov_len: bytes.len(),
            })
            .collect();
        let mut headers: Vec<libc::mmsghdr> = iovecs
            .iter_mut()
            .zip(&addrs)
            .map(|(iov, addr)| {
                // SAFETY: an all-zero msghdr is a valid empty header; the fields set below
                // point into `addrs` and `iovecs`, which outlive every call that reads them.
                let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
                msg.msg_name = addr.as_ptr() as *mut libc::c_void;
                msg.msg_namelen = addr.len();
                msg.msg_iov = iov;
                msg.msg_iovlen = 1;
                libc::mmsghdr {
                    msg_hdr: msg,
                    msg_len: 0,
                }
            })
            .collect();
        let mut at = 0;
        while at < headers.len() {
            let rest = &mut headers[at..];
            // SAFETY: `rest` is a live slice of initialised headers whose pointers are
            // valid for this call (see above); the kernel writes only their `msg_len`.
            let sent = unsafe {
                libc::sendmmsg(
                    fd,
                    rest.as_mut_ptr(),
                    rest.len() as libc::c_uint,
                    libc::MSG_DONTWAIT,
                )
            };
            if sent <= 0 {
                // The first datagram left could not go (a full buffer, an unreachable
                // address): drop it, as a single send would, and go on with the next.
                unsent += 1;
                at += 1;
            } else {
                at += sent as usize;
            }
        }
    }
    unsent
}

#[cfg(not(target_os = "linux"))]
fn send_all(socket: &UdpSocket, datagrams: &[(BytesMut, SocketAddr)]) -> u64 {
    datagrams
        .iter()
        .filter(|(bytes, to)| socket.try_send_to(bytes, *to).is_err())
        .count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Datagrams to several addresses, more than one call's worth, each arrive whole and
    /// in order at its own address; one to a closed port is not lost track of.
    #[tokio::test]
    async fn every_datagram_reaches_its_own_address() {
        let sender = UdpSocket::bind("127.0.0.1:0").await.expect("a socket");
        let receivers = [
            UdpSocket::bind("127.0.0.1:0").await.expect("a socket"),
            UdpSocket::bind("127.0.0.1:0").await.expect("a socket"),
            UdpSocket::bind("127.0.0.1:0").await.expect("a socket"),
        ];
        let mut out = Outgoing::default();
        let n = 300;
        for i in 0..n {
            let r = &receivers[i % receivers.len()];
            let mut payload = BytesMut::new();
            payload.extend_from_slice(format!("datagram {i}").as_bytes());
            out.push(payload, r.local_addr().expect("an address"));
        }
        assert_eq!(out.flush(&sender), 0);
        assert!(out.datagrams.is_empty());
        for (k, r) in receivers.iter().enumerate() {
            let mut buf = [0u8; 64];
            for i in (k..n).step_by(receivers.len()) {
                let (len, from) =
                    tokio::time::timeout(std::time::Duration::from_secs(5), r.recv_from(&mut buf))
                        .await
                        .expect("the datagram arrives")
                        .expect("a datagram");
                assert_eq!(from, sender.local_addr().unwrap());
                assert_eq!(&buf[..len], format!("datagram {i}").as_bytes());
            }
        }
    }
}
