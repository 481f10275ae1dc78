//! Identifier newtypes. Each serialises as a bare integer.

use serde::{Deserialize, Serialize};

macro_rules! id {
    ($(#[$doc:meta])* $name:ident($inner:ty)) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(transparent)]
        pub struct $name(pub $inner);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id!(
    /// A session of the commission ("CND, 66th session").
    SessionId(i64)
);
id!(
    /// One meeting of a session ("Plenary, 3rd meeting"); it owns an event log.
    MeetingId(i64)
);
id!(
    /// A delegation on a session's roster: what speaks and votes.
    DelegationId(i64)
);
id!(
    /// A person (or the room's device) taking part in a session.
    ParticipantId(i64)
);
id!(
    /// A secretariat account that signs in with a password.
    AccountId(i64)
);
id!(
    /// An agenda item of a meeting, numbered from 1 in the order it was added.
    AgendaItemId(u32)
);
id!(
    /// An entry on a speakers list, a point of order or a motion; unique within a meeting.
    EntryId(u64)
);

/// Milliseconds since the Unix epoch (UTC). Every time on the wire is in this unit.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Millis(pub i64);

impl Millis {
    /// Milliseconds from `earlier` to `self`, never negative.
    pub fn since(self, earlier: Millis) -> u64 {
        u64::try_from(self.0 - earlier.0).unwrap_or(0)
    }
}

id!(
    /// A proposal before the meeting (a draft resolution, a motion, an appeal), numbered
    /// from 1 in the meeting.
    ProposalId(u32)
);
id!(
    /// A vote of the meeting, numbered from 1.
    VoteId(u32)
);
id!(
    /// A document of a session's register, numbered from 1 in the session.
    DocumentId(u32)
);
