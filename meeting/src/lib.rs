//! The rules of procedure as a pure state machine.
//!
//! [`decide`] takes a meeting's state, the session's rules and roster, who is acting, what
//! they ask and the time, and answers with the events that follow or a typed
//! [`Rejection`]. [`MeetingState::apply`] (in the protocol crate) folds those events in.
//! Nothing here does I/O or reads a clock; the server and the tests pass `now` in.
//!
//! # Layout
//! - [`rules`]: `decide` and the checks behind it.
//! - [`authority`]: which role may give which command.
//! - [`voting`]: proposals, decisions without a vote, votes and their results.
//! - [`documents`]: the session's document register: publishing, revisions, sponsors.
//! - [`record`]: the meeting record (speeches, rulings, votes, totals) derived from the event log.

pub mod authority;
pub mod documents;
pub mod log;
pub mod record;
pub mod rules;
pub mod voting;

pub use floor_protocol::{
    event::Actor, Command, Event, EventEnvelope, MeetingState, Millis, Rejection,
};
pub use rules::{decide, execute, participants_named, MeetingContext};
