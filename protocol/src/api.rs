//! HTTP request and response bodies, and the meeting record.

use crate::command::Command;
use crate::event::EventEnvelope;
use crate::ids::*;
use crate::meeting::MeetingStatus;
use crate::roster::*;
use serde::{Deserialize, Serialize};

/// The body of every HTTP error: a stable code and a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorBody {
    /// An [`ErrorCode`](crate::ErrorCode), or for a command the rules refused, its
    /// rejection's code (and `rejection` says the rest).
    pub code: String,
    pub message: String,
    /// For a refused command, the typed reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection: Option<crate::Rejection>,
}

impl ErrorBody {
    pub fn new(code: crate::ErrorCode, message: impl Into<String>) -> Self {
        ErrorBody {
            code: code.as_str().to_string(),
            message: message.into(),
            rejection: None,
        }
    }

    /// A command refused by the rules of procedure.
    pub fn rejected(rejection: crate::Rejection) -> Self {
        ErrorBody {
            code: rejection.code(),
            message: rejection.message(),
            rejection: Some(rejection),
        }
    }

    /// The error's code; `None` for a refused command (see `rejection`) or a code this
    /// client does not know.
    pub fn error_code(&self) -> Option<crate::ErrorCode> {
        match self.rejection {
            Some(_) => None,
            None => crate::ErrorCode::parse(&self.code),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RedeemRequest {
    /// The invitation code, as handed out or as the last part of the invitation link.
    pub code: String,
}

/// A bearer token and what it carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TokenResponse {
    pub token: String,
    pub expires_at: Millis,
    pub role: Role,
    pub scope: Scope,
    pub participant: Option<ParticipantId>,
    pub delegation: Option<DelegationId>,
    pub display_name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewSession {
    /// e.g. "Commission on Narcotic Drugs, sixty-sixth session"
    pub title: String,
    /// e.g. "E/CN.7"
    #[serde(default)]
    pub body_symbol: String,
    #[serde(default)]
    pub rules: Option<SessionRules>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Session {
    pub id: SessionId,
    pub title: String,
    pub body_symbol: String,
    pub rules: SessionRules,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewDelegation {
    pub name: String,
    pub kind: DelegationKind,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewParticipant {
    pub display_name: String,
    pub role: Role,
    /// Required for delegates; optional for the chair (the chair's own delegation).
    #[serde(default)]
    pub delegation_id: Option<DelegationId>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewInvitation {
    /// Limit the invitation to one meeting; by default it covers the whole session.
    #[serde(default)]
    pub meeting_id: Option<MeetingId>,
    /// How long the invitation may be redeemed, in hours (default 72).
    #[serde(default)]
    pub valid_for_hours: Option<u32>,
}

/// A one-time invitation. The code is shown once; only its hash is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Invitation {
    pub participant_id: ParticipantId,
    pub code: String,
    /// A path to open in the browser client: `/join/<code>`.
    pub link: String,
    pub expires_at: Millis,
    pub scope: Scope,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewMeeting {
    /// e.g. "Plenary, 3rd meeting"
    pub title: String,
    pub format: MeetingFormat,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Meeting {
    pub id: MeetingId,
    pub session_id: SessionId,
    pub title: String,
    pub format: MeetingFormat,
    pub status: MeetingStatus,
}

/// A command sent over HTTP instead of the WebSocket.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CommandRequest {
    pub command: Command,
    /// Optional idempotency key (at most 128 characters), unique per sender and meeting:
    /// a resend under the same key gets the first answer again, with no second effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// The events an accepted command produced.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CommandAccepted {
    pub seq: u64,
    pub events: Vec<EventEnvelope>,
    /// This `request_id` was accepted before: these are its events, not new ones.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub resent: bool,
    /// A secret ballot recorded but not yet in the shared ballot box (see the `ack`
    /// frame's field of the same name).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ballot_pending: bool,
}

/// Whether enough members are present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Quorum {
    pub members: u32,
    pub members_present: u32,
    pub required: u32,
    pub met: bool,
}

/// A meeting's current state with what the client needs to read it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MeetingView {
    pub meeting: Meeting,
    pub state: crate::MeetingState,
    pub quorum: Quorum,
    pub rules: SessionRules,
    pub delegations: Vec<Delegation>,
}

/// One speech in the meeting record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SpeechRecord {
    pub entry: EntryId,
    pub delegation_id: DelegationId,
    pub delegation: String,
    /// statement, right_of_reply, point_of_order or motion
    pub kind: String,
    /// "national", "on behalf of <group>", "reply 1", "suspend_meeting", ...
    pub capacity: String,
    /// The agenda item's number, for statements and replies.
    pub item: Option<String>,
    pub attendance: Option<AttendanceMode>,
    pub started_at: Millis,
    pub ended_at: Option<Millis>,
    /// Speaking time, not counting pauses.
    pub spoken_ms: u64,
    pub limit_ms: u64,
    pub overrun_ms: u64,
    /// Whether a point of order or motion set this speech aside for a while.
    pub interrupted: bool,
    /// Where the speech is in the sound record: the segment recording when it started, and
    /// how far into that segment's tracks it starts (or, when nothing was recording then,
    /// the first segment that began during the speech, at offset 0). `None` when no
    /// segment covers any of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording: Option<RecordingOffset>,
}

/// A moment of the sound record: every track of a segment starts at the segment's start,
/// so the same offset finds it on the floor tracks and in every interpretation channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RecordingOffset {
    /// The segment's start ([`SoundRecording::segment_started_at`]).
    pub segment_started_at: Millis,
    pub offset_ms: u64,
}

/// What a track of the sound record carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordedTrack {
    /// The floor: the microphone of the remote delegate holding the floor.
    Speaker,
    /// The floor: the chair's microphone.
    Chair,
    /// The floor: the meeting room's microphones (the in-person speakers).
    Room,
    /// An interpretation channel: its live booth's microphone.
    Interpretation,
}

/// One track of one segment of a meeting's sound record (rule 33): an Ogg Opus file of the
/// packets as they were forwarded, never re-encoded, with silence where nobody spoke.
///
/// A segment is what one node recorded of the meeting without a break; a node that
/// restarts mid-meeting starts a new one, and the one it was writing is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SoundRecording {
    pub id: i64,
    pub track: RecordedTrack,
    /// The interpretation channel (a language code), for [`RecordedTrack::Interpretation`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    pub segment_started_at: Millis,
    pub duration_ms: u64,
    pub bytes: u64,
    /// Where to download it (`GET`, with `Range`): the secretariat always may, participants
    /// when the session's rules say so.
    pub download: String,
}

/// Speaking time added up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SpeakingTotal {
    pub delegation_id: DelegationId,
    pub delegation: String,
    pub speeches: u32,
    pub spoken_ms: u64,
    pub in_person_ms: u64,
    pub remote_ms: u64,
}

/// The record of a meeting: every speech, every ruling, every decision, and speaking time
/// per delegation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MeetingRecord {
    pub meeting_id: MeetingId,
    /// The sound record, by segment and then track.
    #[serde(default)]
    pub recordings: Vec<SoundRecording>,
    pub speeches: Vec<SpeechRecord>,
    pub rulings: Vec<RulingRecord>,
    pub decisions: Vec<DecisionRecord>,
    pub totals: Vec<SpeakingTotal>,
}

/// How a proposal was decided, as the record shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DecisionRecord {
    pub proposal: ProposalId,
    pub reference: String,
    pub title: String,
    pub at: Millis,
    /// "without a vote", or the vote's method.
    pub method: String,
    pub vote: Option<VoteId>,
    pub majority: Option<crate::vote::Majority>,
    pub outcome: Option<crate::vote::Outcome>,
    pub tally: Option<crate::vote::Tally>,
    pub required: Option<u32>,
    /// Each member's vote, by name, in UN order (recorded votes and roll calls).
    pub by_member: Vec<NamedVote>,
    /// Members absent when called twice in a roll call.
    pub absent: Vec<String>,
    /// A roll call's draw: the seed and the member called first.
    pub draw: Option<DrawRecord>,
    /// Candidates elected by this decision (a ballot, or acclamation), by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elected: Vec<String>,
    /// A tie decided by lot: for the places of this ballot, or for who went on to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<crate::vote::Lot>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NamedVote {
    pub delegation: String,
    pub choice: crate::vote::Choice,
    /// Cast in the room through the secretariat (`act_for_delegation`), not from the
    /// delegation's own device.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_room: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DrawRecord {
    pub seed: String,
    pub first_called: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RulingRecord {
    pub entry: EntryId,
    pub kind: String,
    pub upheld: bool,
    pub ruling: String,
    pub at: Millis,
    /// The delegation that appealed the ruling, if one did.
    #[serde(default)]
    pub appealed_by: Option<String>,
    /// Once the appeal was voted: whether the ruling was overruled (otherwise it stood).
    #[serde(default)]
    pub overruled: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Health {
    pub status: String,
    pub database: String,
    pub bus: String,
    /// Meetings this node holds in memory (followed, or used recently).
    #[serde(default)]
    pub meetings_in_memory: usize,
    /// Document registers this node holds in memory.
    #[serde(default)]
    pub registers_in_memory: usize,
}

/// A file stored by an upload, to be named in a document's `files`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UploadedFile {
    /// SHA-256 of the content, hex.
    pub content_id: String,
    /// The type found in the content (not the name or the declared type).
    pub mime: String,
    pub size: u64,
}

/// A command on a session's document register, sent over HTTP.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DocumentCommandRequest {
    pub command: crate::document::DocumentCommand,
}

/// The events an accepted document command produced.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DocumentCommandAccepted {
    pub seq: u64,
    pub events: Vec<crate::document::DocumentEnvelope>,
}

/// The SFU's counters on this node since it started (`GET /api/media/stats`), for
/// operators and benchmarks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MediaStats {
    /// Media connections open now.
    pub peers: u64,
    /// RTP packets received from publishers.
    pub rtp_in: u64,
    /// RTP packets sent to listeners (one received packet may go to many).
    pub rtp_forwarded: u64,
    /// Received packets nobody's slot takes: a delegate without the floor, a booth's
    /// muted partner, a track of the wrong kind.
    pub rtp_dropped: u64,
    /// Received packets dropped because their publisher sent over its bitrate limit.
    pub rtp_over_limit: u64,
    /// Keyframe requests (PLI) passed to publishers.
    pub keyframe_requests: u64,
    /// Keyframe requests held back because their publisher had been asked less than half
    /// a second before; those held for one publisher go to it as one when the half second
    /// is up (so listeners asking together cost the publisher one keyframe).
    #[serde(default)]
    pub keyframe_requests_held: u64,
    /// Bitrate limits told to publishers (RTCP REMB).
    pub limits_sent: u64,
    /// Of `peers`, those still completing ICE and DTLS (they are removed if they have not
    /// connected within the connect deadline).
    #[serde(default)]
    pub connecting: u64,
    /// Peers removed because they did not connect within the connect deadline.
    #[serde(default)]
    pub expired_unconnected: u64,
    /// Peers removed because their connection failed (consent checks stopped for longer
    /// than the consent lifetime, or DTLS ended).
    #[serde(default)]
    pub connections_failed: u64,
    /// Offers refused because their participant already held the most media connections
    /// allowed in the meeting.
    #[serde(default)]
    pub refused_participant_limit: u64,
    /// Offers refused because the meeting had its maximum of media connections.
    #[serde(default)]
    pub refused_meeting_full: u64,
    /// RTP packets publishers sent that never reached the SFU: the sequence numbers their
    /// packets skipped (a packet arriving late was counted when it was skipped).
    #[serde(default)]
    pub rtp_lost: u64,
    /// Datagrams the SFU dropped because the socket could not take them at once (the
    /// kernel's send buffer was full).
    #[serde(default)]
    pub datagrams_unsent: u64,
    /// Other nodes of the cluster whose media this node has heard of (0 on a node alone).
    #[serde(default)]
    pub relay_nodes: u64,
    /// Packets of this node's publishers relayed to other nodes (one per node that has
    /// listeners for them).
    #[serde(default)]
    pub relayed_out: u64,
    /// Packets of other nodes' publishers relayed to this node.
    #[serde(default)]
    pub relayed_in: u64,
    /// Relay datagrams refused: from an address that is no node's, naming a publisher its
    /// node never told of, or malformed.
    #[serde(default)]
    pub relay_refused: u64,
}

/// The ICE servers a browser gives its media connection (`GET /api/media/ice-servers`):
/// empty when the media port is reachable directly; TURN relays, with credentials of
/// limited life, for delegates behind firewalls that block it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IceServers {
    pub ice_servers: Vec<IceServer>,
}

/// One entry of `RTCConfiguration.iceServers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IceServer {
    /// `turn:host:3478?transport=udp`, `turns:host:443?transport=tcp`, ...
    pub urls: Vec<String>,
    /// `<expiry in Unix seconds>:<who>`, as coturn's `use-auth-secret` expects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Base64 of HMAC-SHA1(shared secret, username).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
    /// When the credential stops being accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<Millis>,
}
