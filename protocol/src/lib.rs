//! Wire types shared by the Floor server and every client (the browser client compiles this
//! crate to WebAssembly): identifiers, the roster, the meeting's state and how events fold
//! into it, commands, rejections, WebSocket frames and HTTP bodies.
//!
//! # Layout
//! - [`ids`]: identifier newtypes and [`ids::Millis`], the wall-clock unit on the wire.
//! - [`roster`]: roles, delegations, participants, attendance, the session's rules.
//! - [`meeting`]: [`meeting::MeetingState`] and [`meeting::MeetingState::apply`], the only
//!   way state changes: by folding an event into it. Server and client share it.
//! - [`command`]: what a participant asks the meeting to do.
//! - [`event`]: what happened, as stored in the append-only log.
//! - [`rejection`]: why a command was refused, typed and readable.
//! - [`frames`]: WebSocket frames in both directions.
//! - [`media`]: the media contract: slots, track ids, and who is heard where.
//! - [`api`]: HTTP request and response bodies, and the meeting record.
//!
//! Nothing here does I/O, and everything serialises as JSON with a `type` (or `code`) tag.

pub mod api;
pub mod command;
pub mod document;
pub mod error_code;
pub mod event;
pub mod frames;
pub mod ids;
pub mod media;
pub mod meeting;
pub mod rejection;
pub mod roster;
pub mod symbol;
pub mod vote;

pub use command::{Command, MotionKind};
pub use error_code::ErrorCode;
pub use event::{Event, EventEnvelope};
pub use ids::*;
pub use meeting::{ItemRules, MeetingState, ProtocolRank};
pub use rejection::Rejection;
pub use roster::*;
