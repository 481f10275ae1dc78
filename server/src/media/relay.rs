//! Media between the nodes of a cluster: what each node tells the others of its meetings
//! (who publishes, whether anyone listens: [`MeetingPresence`], carried by Redis), and
//! the relay datagrams that carry a publisher's packets from its node to each node with
//! listeners in its meeting, over the same UDP port as every peer.
//!
//! A relay datagram is a 20-byte header and the RTP packet as the publisher's node
//! decrypted it (header extensions removed):
//!
//! | bytes | field |
//! |---|---|
//! | 0 | [`RELAY_MEDIA`] or [`RELAY_KEYFRAME`] |
//! | 1 | kind: 0 audio, 1 video |
//! | 2 | 1 if byte 3 carries the microphone's audio level (RFC 6464 byte), else 0 |
//! | 3 | the audio level byte |
//! | 4–11 | the meeting id, big-endian |
//! | 12–19 | the publisher's peer id on its own node, big-endian |
//! | 20– | the RTP packet (media only) |
//!
//! The first byte is one that RFC 9443 leaves unassigned on a port shared by STUN, DTLS,
//! TURN channels and RTP (80–127), so a relay datagram is never taken for a peer's.
//! A keyframe request asks the publisher's node to ask its publisher for a picture (it
//! goes through that node's throttle like a local listener's request).
//!
//! The relay leg is plain RTP: it is meant for the cluster's own network, and a node
//! accepts relay datagrams only from the media addresses of the nodes it has heard of.

use floor_protocol::media::{MediaKind, Publisher};
use floor_protocol::{DelegationId, MeetingId, ParticipantId, Role};
use serde::{Deserialize, Serialize};

/// First byte of a relayed media packet.
pub(super) const RELAY_MEDIA: u8 = 0x66;
/// First byte of a keyframe request sent back to a publisher's node.
pub(super) const RELAY_KEYFRAME: u8 = 0x67;
/// Bytes before the RTP packet.
pub(super) const HEADER: usize = 20;

/// Whether a datagram on the media port is a relay datagram (and not STUN, DTLS or RTP).
pub(super) fn is_relay(data: &[u8]) -> bool {
    matches!(data.first(), Some(&RELAY_MEDIA) | Some(&RELAY_KEYFRAME))
}

/// One meeting as one node has it: what that node's publishers send and how many
/// listeners it has. A node publishes the list of its meetings whenever it changes and
/// every [`PRESENCE_EVERY`](super::cluster::PRESENCE_EVERY).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingPresence {
    pub meeting: MeetingId,
    /// Peers with at least one receiving slot: whether relaying to this node is worth it.
    pub listeners: u32,
    /// Peers whose microphone or camera sends, by their id on that node.
    pub publishers: Vec<RelayedPublisher>,
}

/// A publisher connected to another node, as the routing rules need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayedPublisher {
    /// Its peer id on its own node (named in each relay datagram).
    pub peer: u64,
    pub role: Role,
    pub participant: Option<ParticipantId>,
    pub delegation: Option<DelegationId>,
    pub audio: bool,
    pub video: bool,
}

impl RelayedPublisher {
    pub(super) fn new(peer: u64, who: &Publisher, kinds: &[MediaKind]) -> RelayedPublisher {
        RelayedPublisher {
            peer,
            role: who.role,
            participant: who.participant,
            delegation: who.delegation,
            audio: kinds.contains(&MediaKind::Audio),
            video: kinds.contains(&MediaKind::Video),
        }
    }

    pub(super) fn publisher(&self) -> Publisher {
        Publisher {
            role: self.role,
            participant: self.participant,
            delegation: self.delegation,
        }
    }

    pub(super) fn kinds(&self) -> Vec<MediaKind> {
        let mut kinds = Vec::new();
        if self.audio {
            kinds.push(MediaKind::Audio);
        }
        if self.video {
            kinds.push(MediaKind::Video);
        }
        kinds
    }
}

/// What a relay datagram's header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RelayHeader {
    pub keyframe_request: bool,
    pub kind: MediaKind,
    pub level: Option<u8>,
    pub meeting: MeetingId,
    pub peer: u64,
}

impl RelayHeader {
    pub(super) fn write(&self, into: &mut Vec<u8>) {
        into.push(if self.keyframe_request {
            RELAY_KEYFRAME
        } else {
            RELAY_MEDIA
        });
        into.push(match self.kind {
            MediaKind::Audio => 0,
            MediaKind::Video => 1,
        });
        into.push(u8::from(self.level.is_some()));
        into.push(self.level.unwrap_or(0));
        into.extend_from_slice(&self.meeting.0.to_be_bytes());
        into.extend_from_slice(&self.peer.to_be_bytes());
    }

    /// The header and what follows it, or `None` for a datagram that is not one.
    pub(super) fn read(data: &[u8]) -> Option<(RelayHeader, &[u8])> {
        if data.len() < HEADER || !is_relay(data) {
            return None;
        }
        let kind = match data[1] {
            0 => MediaKind::Audio,
            1 => MediaKind::Video,
            _ => return None,
        };
        let level = match data[2] {
            0 => None,
            1 => Some(data[3]),
            _ => return None,
        };
        let meeting = MeetingId(i64::from_be_bytes(data[4..12].try_into().ok()?));
        let peer = u64::from_be_bytes(data[12..20].try_into().ok()?);
        Some((
            RelayHeader {
                keyframe_request: data[0] == RELAY_KEYFRAME,
                kind,
                level,
                meeting,
                peer,
            },
            &data[HEADER..],
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relay_header_reads_back_as_written_and_nothing_else_reads_as_one() {
        let h = RelayHeader {
            keyframe_request: false,
            kind: MediaKind::Video,
            level: Some(0x94),
            meeting: MeetingId(-7),
            peer: u64::MAX - 3,
        };
        let mut d = Vec::new();
        h.write(&mut d);
        assert_eq!(d.len(), HEADER);
        d.extend_from_slice(b"rtp");
        assert_eq!(RelayHeader::read(&d), Some((h, &b"rtp"[..])));
        let k = RelayHeader {
            keyframe_request: true,
            level: None,
            ..h
        };
        let mut d = Vec::new();
        k.write(&mut d);
        assert_eq!(RelayHeader::read(&d), Some((k, &[][..])));
        // A STUN binding request, a DTLS record, an RTP packet: never relay datagrams.
        for first in [0x00u8, 0x16, 0x80, 0x90, 0xbf] {
            let mut other = d.clone();
            other[0] = first;
            assert!(!is_relay(&other) && RelayHeader::read(&other).is_none());
        }
        // Short or malformed: refused.
        assert!(RelayHeader::read(&d[..HEADER - 1]).is_none());
        let mut bad_kind = d.clone();
        bad_kind[1] = 2;
        assert!(RelayHeader::read(&bad_kind).is_none());
    }

    #[test]
    fn a_relayed_publisher_keeps_who_it_is_and_what_it_sends() {
        let who = Publisher {
            role: Role::Interpreter,
            participant: Some(ParticipantId(4)),
            delegation: None,
        };
        let r = RelayedPublisher::new(9, &who, &[MediaKind::Audio]);
        assert_eq!(r.publisher(), who);
        assert_eq!(r.kinds(), vec![MediaKind::Audio]);
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<RelayedPublisher>(&json).unwrap(), r);
    }
}
