//! WebSocket frames. Every frame is one JSON text message with a `type` tag.
//!
//! A connection authenticates with its first frame, subscribes to meetings, and then gets a
//! snapshot followed by every event in order. Commands carry a `request_id` that comes back
//! in the `ack` or `rejected` answer; it is also the command's idempotency key: a resend
//! under the same `request_id` is answered again without a second effect.

use crate::command::Command;
use crate::event::EventEnvelope;
use crate::ids::*;
use crate::meeting::MeetingState;
use crate::rejection::Rejection;
use crate::roster::Role;
use serde::{Deserialize, Serialize};

/// Frames a client sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientFrame {
    /// Must be the first frame: the token from login or from an invitation.
    Authenticate {
        token: String,
    },
    /// Follow a meeting. With `since`, only the events after that sequence number are
    /// replayed (or a fresh snapshot when that is shorter); without it, a snapshot.
    Subscribe {
        meeting_id: MeetingId,
        #[serde(default)]
        since: Option<u64>,
    },
    Unsubscribe {
        meeting_id: MeetingId,
    },
    /// Follow a session's documents: those the token's holder is entitled to. With
    /// `since`, the entitled events after that register number; otherwise a snapshot.
    SubscribeDocuments {
        session_id: SessionId,
        #[serde(default)]
        since: Option<u64>,
    },
    UnsubscribeDocuments {
        session_id: SessionId,
    },
    /// Join a meeting's media with a WebRTC offer (no trickle needed: the server is ICE-lite
    /// and answers with its one host candidate). Send a microphone and/or camera as
    /// `sendonly`; to receive, offer four `recvonly` audio m-lines (speaker, chair, room,
    /// interpretation, in that order) and one `recvonly` video m-line (the floor video).
    /// A new offer replaces the previous media connection of this WebSocket.
    MediaOffer {
        meeting_id: MeetingId,
        sdp: String,
    },
    /// Pick what the interpretation slot carries: a channel's language code, or `null`
    /// for the floor only. No renegotiation.
    MediaListen {
        meeting_id: MeetingId,
        #[serde(default)]
        channel: Option<String>,
    },
    MediaLeave {
        meeting_id: MeetingId,
    },
    Command {
        request_id: String,
        meeting_id: MeetingId,
        command: Command,
    },
    /// An application-level heartbeat for clients that cannot see WebSocket pings.
    Ping {
        #[serde(default)]
        nonce: Option<u64>,
    },
}

/// Frames the server sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerFrame {
    Authenticated {
        role: Role,
        participant: Option<ParticipantId>,
        delegation: Option<DelegationId>,
        display_name: String,
        expires_at: Millis,
    },
    /// The whole state of a meeting as of `state.seq`; events with higher numbers follow.
    Snapshot {
        meeting_id: MeetingId,
        state: Box<MeetingState>,
    },
    /// One event of a meeting's log; numbers follow each other without gaps.
    Event(EventEnvelope),
    /// The documents of a session the holder is entitled to, as of register number `seq`.
    Documents {
        session_id: SessionId,
        seq: u64,
        documents: Vec<crate::document::Document>,
    },
    /// One event of a session's document register (only of documents the holder is
    /// entitled to, so the numbers may skip).
    DocumentEvent(crate::document::DocumentEnvelope),
    /// The command was accepted; its events end at `seq` (they arrive as `event` frames too).
    Ack {
        request_id: String,
        meeting_id: MeetingId,
        seq: u64,
        /// This `request_id` was accepted before: this is that answer again, and the
        /// command had no second effect.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        resent: bool,
        /// A secret ballot recorded (the voter has voted) but not yet in the shared ballot
        /// box: the server keeps it and keeps trying. If that server stops first, the
        /// vote's result is `void` and the ballot is taken again; never a wrong total.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        ballot_pending: bool,
    },
    /// The command was refused and changed nothing.
    Rejected {
        request_id: String,
        meeting_id: MeetingId,
        reason: Rejection,
        message: String,
    },
    /// A frame could not be taken (malformed, unknown, not allowed). The connection stays usable.
    Error {
        code: ErrorCode,
        message: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        request_id: Option<String>,
        /// With `rate_limited`: how long to wait before the next command is accepted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after_ms: Option<u64>,
    },
    /// The server's answer to a `media_offer`.
    MediaAnswer { meeting_id: MeetingId, sdp: String },
    /// Who is talking: each publishing microphone's loudest level in the last quarter
    /// second, as its client reported it (RTP audio level, RFC 6464). Sent to the chair,
    /// the secretariat and the room, only while someone's microphone sends.
    AudioLevels {
        meeting_id: MeetingId,
        levels: Vec<AudioLevel>,
    },
    Pong {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        nonce: Option<u64>,
    },
    /// The server is about to close the connection, and why. Reconnect with `since`.
    Closing {
        reason: CloseReason,
        message: String,
    },
}

/// One microphone's level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AudioLevel {
    pub role: Role,
    pub participant: Option<ParticipantId>,
    pub delegation: Option<DelegationId>,
    /// The level in dBov, from -127 (silence) to 0 (the loudest).
    pub dbov: i8,
    /// The client's voice activity flag: speech, not just noise.
    pub voice: bool,
    /// Whether this microphone is heard now (the floor holder, the chair, the room, a live
    /// booth); a delegate talking without the floor shows here as not heard.
    pub heard: bool,
}

/// The codes of an `error` frame: the one list of error codes, shared with HTTP.
pub use crate::error_code::ErrorCode;

/// Why the server closed a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CloseReason {
    /// The client did not read its events fast enough; resubscribe with `since`.
    TooSlow,
    TokenExpired,
    /// The secretariat revoked the participant's tokens; sign in again is not possible
    /// with this token.
    TokenRevoked,
    /// No `authenticate` frame in time.
    AuthenticationTimeout,
    /// No pong or frame from the client in time.
    HeartbeatTimeout,
    ShuttingDown,
}
