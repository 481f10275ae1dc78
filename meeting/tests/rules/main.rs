//! Tests of the rules of procedure (`floor-meeting`), as a chair, a delegate and the
//! secretariat would notice them.
//!
//! - [`properties`]: random sessions of random commands by random people; what must always hold.
//! - [`authorization`]: the whole tables of who may give which command, to a meeting and to
//!   the document register.
//! - [`speakers_list`]: the speakers list run as a chair runs it.
//! - [`meeting_status`]: opening, suspending and closing; attendance and quorum.
//! - [`motions`]: procedural motions debated, voted and taking effect; appeals against rulings.
//! - [`record`]: the meeting record and its CSV export.
//! - [`voting`]: decisions, quorum, the four voting methods, majorities, explanations of vote.
//! - [`interpretation`]: interpretation booths and their live microphone.
//! - [`presence`]: checking in and out; only members present count for the quorum and vote.
//! - [`proposals`]: proposals withdrawn, a vote asked for, reconsideration, budget implications.
//! - [`amendments`]: amendments with their text, the order of voting, oral revisions, division.
//! - [`room`]: a delegation with no device acting through the secretariat, in the record as in the room.
//! - [`high_level`]: a high-level segment: speakers in order of protocol rank, its own time limits.

mod agenda;
mod amendments;
mod authorization;
mod elections;
mod helpers;
mod high_level;
mod interpretation;
mod meeting_status;
mod microphone;
mod motions;
mod presence;
mod properties;
mod proposals;
mod record;
mod room;
mod speakers_list;
mod voting;
