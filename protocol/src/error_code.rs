//! Every error code the server answers with: over HTTP as [`crate::api::ErrorBody`]'s
//! `code`, over the WebSocket as the `error` frame's `code` (`frames::ErrorCode` is this
//! enum). Some codes belong to one side only (a WebSocket frame, an HTTP body), and both
//! sides share the rest (a token, a rate limit, a failure, a resent `request_id`).
//!
//! A command the rules of procedure refuse is not an error of this kind: it carries a
//! typed [`crate::Rejection`], whose own code is `ErrorBody.code` over HTTP (with the
//! rejection beside it) and is sent in a `rejected` frame over the WebSocket.

use serde::{Deserialize, Serialize};

macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub enum ErrorCode {
            $($(#[$doc])* #[serde(rename = $code)] $variant,)*
        }

        impl ErrorCode {
            /// Every code, in the order of this list.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as it is on the wire.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)*
                }
            }

            /// The code of that wire text, if it is one of these.
            pub fn parse(code: &str) -> Option<ErrorCode> {
                match code {
                    $($code => Some(ErrorCode::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

error_codes! {
    // ---- The WebSocket's frames.
    /// Not JSON, or not a frame this protocol knows.
    MalformedFrame = "malformed_frame",
    /// A `command` frame whose command type does not exist.
    UnknownCommand = "unknown_command",
    /// A command of a known type with missing or wrong fields.
    MalformedCommand = "malformed_command",
    /// A binary frame or a text frame over the size limit.
    FrameTooLarge = "frame_too_large",
    NotAuthenticated = "not_authenticated",
    AlreadyAuthenticated = "already_authenticated",
    /// The token does not cover that meeting.
    WrongScope = "wrong_scope",
    /// No such meeting (a `subscribe` frame; over HTTP, `meeting_not_found`).
    UnknownMeeting = "unknown_meeting",
    /// A media offer or channel choice could not be taken (full, malformed, unknown channel).
    MediaRefused = "media_refused",
    /// A media offer refused because its participant already holds the most media
    /// connections allowed in the meeting (another device or tab); close one first.
    MediaConnectionLimit = "media_connection_limit",

    // ---- Both.
    /// No valid token: malformed, signed with another key, or for another audience.
    InvalidToken = "invalid_token",
    TokenExpired = "token_expired",
    /// The token was revoked (the participant was removed); a WebSocket then closes.
    TokenRevoked = "token_revoked",
    /// Too many attempts or commands: nothing was changed; retry after the time given
    /// (`Retry-After` over HTTP, `retry_after_ms` in the frame).
    RateLimited = "rate_limited",
    /// The server failed; nothing was changed, and the request may be retried (with the
    /// same `request_id`, for a command).
    Internal = "internal",
    /// The command's `request_id` was already used, by the same sender in the same
    /// meeting, for a different command. Nothing was changed.
    RequestIdReused = "request_id_reused",
    /// A `request_id` too long or holding a control character.
    InvalidRequestId = "invalid_request_id",

    // ---- HTTP: identity.
    /// A route that needs a token was called without one.
    MissingToken = "missing_token",
    WrongCredentials = "wrong_credentials",
    InvitationUsed = "invitation_used",
    InvitationExpired = "invitation_expired",
    /// The token's role or scope does not allow this.
    Forbidden = "forbidden",

    // ---- HTTP: the request itself.
    /// The body is not the JSON the route takes.
    MalformedBody = "malformed_body",
    MalformedPath = "malformed_path",
    MalformedQuery = "malformed_query",
    /// Text holding a control character.
    ControlCharacter = "control_character",
    /// A field out of its bounds (a title too long, an empty name).
    InvalidField = "invalid_field",
    /// Session rules that do not hold together.
    InvalidRules = "invalid_rules",
    DelegationExists = "delegation_exists",
    /// A delegate must belong to a delegation.
    DelegationRequired = "delegation_required",
    /// A delegation not on the session's roster.
    UnknownDelegation = "unknown_delegation",
    /// Something of another session than the one named.
    WrongSession = "wrong_session",

    // ---- HTTP: what the path names does not exist.
    SessionNotFound = "session_not_found",
    MeetingNotFound = "meeting_not_found",
    DelegationNotFound = "delegation_not_found",
    ParticipantNotFound = "participant_not_found",
    InvitationNotFound = "invitation_not_found",
    DocumentNotFound = "document_not_found",
    LanguageVersionNotFound = "language_version_not_found",
    RouteNotFound = "route_not_found",
    /// A track of the sound record (`/api/meetings/{id}/recordings/{recording}`).
    RecordingNotFound = "recording_not_found",

    // ---- HTTP: files.
    InvalidContentId = "invalid_content_id",
    EmptyFile = "empty_file",
    FileTooLarge = "file_too_large",
    UnrecognisedFileType = "unrecognised_file_type",
    FileTypeNotAllowed = "file_type_not_allowed",
    FileTypeMismatch = "file_type_mismatch",
    RangeOutOfBounds = "range_out_of_bounds",
    /// The document names a stored file that is not in the store.
    FileNotFound = "file_not_found",
    StorageFailed = "storage_failed",
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_is_written_and_read_as_its_own_wire_text() {
        let mut seen = std::collections::BTreeSet::new();
        for &code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code));
            assert!(seen.insert(code.as_str()), "{code} twice");
        }
        assert_eq!(ErrorCode::parse("floor_empty"), None, "a rejection's code");
    }
}
