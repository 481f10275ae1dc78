//! Events: what happened in a meeting, as stored in its append-only log. Each carries the
//! facts needed to fold it into [`crate::MeetingState`] without looking anything up.

use crate::command::Capacity;
use crate::ids::*;
use crate::meeting::{Entry, EntryKind, ItemRules, ProtocolRank};
use crate::roster::{AttendanceMode, Role};
use crate::vote::{Choice, Proposal, Vote, VoteResult};
use serde::{Deserialize, Serialize};

/// Who caused an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Actor {
    pub role: Role,
    /// The participant, or `None` for a secretariat account.
    pub participant: Option<ParticipantId>,
    pub account: Option<AccountId>,
    pub delegation: Option<DelegationId>,
}

/// One event of a meeting's log with its place in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EventEnvelope {
    pub meeting_id: MeetingId,
    /// Position in the meeting's log, from 1, without gaps.
    pub seq: u64,
    /// When the command was accepted.
    pub at: Millis,
    pub actor: Actor,
    pub event: Event,
}

/// Everything that can happen in a meeting. Serialised with a `type` tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    MeetingOpened,
    MeetingSuspended,
    MeetingResumed,
    MeetingClosed,
    AgendaItemAdded {
        item: AgendaItemId,
        number: String,
        title: String,
        parent: Option<AgendaItemId>,
    },
    AgendaItemEdited {
        item: AgendaItemId,
        number: String,
        title: String,
    },
    /// An item moved after `after` among its siblings (first when null), a main item with
    /// its sub-items.
    AgendaItemMoved {
        item: AgendaItemId,
        after: Option<AgendaItemId>,
    },
    AgendaAdopted,
    /// The delegation holding the floor is heard through this participant's microphone.
    FloorMicrophonePassed {
        participant: ParticipantId,
    },
    /// The meeting continues an earlier one of the session: its agenda with every item's
    /// lists, the item under consideration, whether the agenda was adopted, the entry
    /// numbers already used (new entries are numbered after them), and the proposals
    /// before the session with the votes taken on them (a draft introduced in one meeting
    /// is acted on in a later one; numbers continue).
    AgendaCarriedOver {
        from: MeetingId,
        agenda: Vec<crate::meeting::AgendaItem>,
        current_item: Option<AgendaItemId>,
        adopted: bool,
        next_entry: EntryId,
        #[serde(default)]
        proposals: Vec<crate::vote::Proposal>,
        #[serde(default)]
        votes: Vec<crate::vote::Vote>,
    },
    /// An item's own rules were set. When they turn on ordering by rank, the engine
    /// follows this event with `entry_moved` events that put the waiting statements in
    /// that order.
    ItemRulesSet {
        item: AgendaItemId,
        rules: ItemRules,
    },
    ItemTakenUp {
        item: AgendaItemId,
    },
    AttendanceRecorded {
        participant: ParticipantId,
        delegation: DelegationId,
        mode: AttendanceMode,
        /// Whether the delegation is a member of the commission (counts for quorum).
        member: bool,
    },
    /// A statement or a right of reply joined the end of an item's list.
    SpeakerInscribed {
        entry: Entry,
    },
    /// A point of order or a motion was raised; it queues ahead of every list.
    InterventionRaised {
        entry: Entry,
    },
    EntryWithdrawn {
        entry: EntryId,
        /// Removed by the chair or the secretariat rather than by the delegation.
        by_presiding: bool,
    },
    EntryMoved {
        entry: EntryId,
        position: u32,
    },
    /// The protocol rank of a waiting statement's speaker was recorded. On an item ordered
    /// by rank an `entry_moved` follows when the statement changes place.
    SpeakerRanked {
        entry: EntryId,
        rank: ProtocolRank,
    },
    ListClosingAnnounced {
        item: AgendaItemId,
    },
    ListClosed {
        item: AgendaItemId,
    },
    ListReopened {
        item: AgendaItemId,
    },
    /// The floor was given to `entry` (which leaves its list). If someone was speaking, their
    /// speech is set aside, paused, until this one ends.
    FloorGiven {
        entry: Entry,
        limit_ms: u64,
        attendance: Option<AttendanceMode>,
        interrupts: Option<EntryId>,
    },
    SpeechPaused,
    SpeechResumed,
    /// The speech on the floor ended. An interrupted speech, if any, returns to the floor paused.
    SpeechEnded {
        entry: EntryId,
        spoken_ms: u64,
        overrun_ms: u64,
    },
    RulingGiven {
        entry: EntryId,
        kind: EntryKind,
        upheld: bool,
        ruling: String,
    },
    /// A member delegation appealed the chair's ruling on the point of order `entry`;
    /// the appeal waits to be put to the vote, and nothing else moves until it is.
    RulingAppealed {
        entry: EntryId,
        delegation: DelegationId,
    },
    /// A motion to adjourn the debate on `item` was adopted: the meeting leaves the item
    /// (no current item); its list is set aside as it stands, for when it is taken up again.
    DebateAdjourned {
        item: AgendaItemId,
    },
    /// A motion for closure of the debate on `item` was adopted: its list is closed and
    /// the statements still waiting (`not_heard`) are not heard.
    DebateClosed {
        item: AgendaItemId,
        not_heard: Vec<EntryId>,
    },
    /// An interpreter joined a booth (leaving any other).
    InterpreterAssigned {
        participant: ParticipantId,
        channel: String,
    },
    /// This interpreter's microphone is now the booth's live one; the partner's is not.
    /// A handover is this one event: no gap, no overlap.
    MicrophoneTaken {
        channel: String,
        participant: ParticipantId,
    },
    MicrophoneReleased {
        channel: String,
    },
    /// An interpreter of this booth asked the speaker holding the floor to slow down.
    SlowDownAsked {
        channel: String,
        participant: ParticipantId,
    },
    /// (Boxed: a proposal is the largest thing an event carries; the JSON is the same.)
    ProposalTabled {
        proposal: Box<Proposal>,
    },
    ProposalAmended {
        proposal: ProposalId,
    },
    AdoptedWithoutVote {
        proposal: ProposalId,
    },
    /// Candidates elected by acclamation: the election's proposal is decided.
    ElectedByAcclamation {
        proposal: ProposalId,
        candidates: Vec<String>,
    },
    VoteOpened {
        vote: Box<Vote>,
    },
    /// A member voted. `choice` is absent for a secret ballot (it is never stored), and
    /// `sealed` hides it from participants until the result of a recorded vote.
    VoteCast {
        vote: VoteId,
        delegation: DelegationId,
        choice: Option<Choice>,
        sealed: bool,
    },
    /// In a roll call, the member called did not answer and is passed.
    MemberPassed {
        vote: VoteId,
        delegation: DelegationId,
    },
    /// The vote is closed and its result announced to everyone at once.
    VoteClosed {
        vote: VoteId,
        result: VoteResult,
    },
    /// A participant left the meeting: no longer present (nor counted for the quorum, nor
    /// able to vote, unless another of the delegation's participants is present).
    AttendanceEnded {
        participant: ParticipantId,
        delegation: DelegationId,
    },
    /// The proposal was withdrawn before voting on it began (`by`: the sponsor delegation
    /// that withdrew it; `None` when the chair or secretariat announced it).
    ProposalWithdrawn {
        proposal: ProposalId,
        by: Option<DelegationId>,
    },
    /// A member asked for a vote on the proposal: it is not adopted without a vote.
    VoteRequested {
        proposal: ProposalId,
        delegation: DelegationId,
    },
    /// A motion to reconsider the proposal was adopted: its decision is set aside and it
    /// is before the meeting again, to be decided anew.
    ProposalReopened {
        proposal: ProposalId,
    },
    /// The secretariat stated the proposal's programme budget implications.
    BudgetImplicationsStated {
        proposal: ProposalId,
        statement: String,
        document: Option<String>,
    },
    /// The chair set the order in which the amendments to `proposal` are voted.
    VotingOrderSet {
        proposal: ProposalId,
        amendments: Vec<ProposalId>,
    },
    /// An oral revision of the proposal was read out and recorded.
    OralRevisionRecorded {
        proposal: ProposalId,
        text: String,
        by: Option<DelegationId>,
    },
    /// A division was decided: the parts, new proposals, are voted separately before the
    /// proposal as a whole.
    ProposalDivided {
        proposal: ProposalId,
        parts: Vec<Proposal>,
    },
    /// Every part of the divided proposal was rejected: it is rejected as a whole.
    ProposalRejectedInParts {
        proposal: ProposalId,
    },
}

impl Event {
    /// The event's wire name (its `type` tag).
    pub fn name(&self) -> &'static str {
        match self {
            Event::MeetingOpened => "meeting_opened",
            Event::MeetingSuspended => "meeting_suspended",
            Event::MeetingResumed => "meeting_resumed",
            Event::MeetingClosed => "meeting_closed",
            Event::AgendaItemAdded { .. } => "agenda_item_added",
            Event::AgendaItemEdited { .. } => "agenda_item_edited",
            Event::AgendaItemMoved { .. } => "agenda_item_moved",
            Event::AgendaAdopted => "agenda_adopted",
            Event::FloorMicrophonePassed { .. } => "floor_microphone_passed",
            Event::AgendaCarriedOver { .. } => "agenda_carried_over",
            Event::ItemRulesSet { .. } => "item_rules_set",
            Event::ItemTakenUp { .. } => "item_taken_up",
            Event::AttendanceRecorded { .. } => "attendance_recorded",
            Event::SpeakerInscribed { .. } => "speaker_inscribed",
            Event::InterventionRaised { .. } => "intervention_raised",
            Event::EntryWithdrawn { .. } => "entry_withdrawn",
            Event::EntryMoved { .. } => "entry_moved",
            Event::SpeakerRanked { .. } => "speaker_ranked",
            Event::ListClosingAnnounced { .. } => "list_closing_announced",
            Event::ListClosed { .. } => "list_closed",
            Event::ListReopened { .. } => "list_reopened",
            Event::FloorGiven { .. } => "floor_given",
            Event::SpeechPaused => "speech_paused",
            Event::SpeechResumed => "speech_resumed",
            Event::SpeechEnded { .. } => "speech_ended",
            Event::RulingGiven { .. } => "ruling_given",
            Event::RulingAppealed { .. } => "ruling_appealed",
            Event::DebateAdjourned { .. } => "debate_adjourned",
            Event::DebateClosed { .. } => "debate_closed",
            Event::InterpreterAssigned { .. } => "interpreter_assigned",
            Event::MicrophoneTaken { .. } => "microphone_taken",
            Event::MicrophoneReleased { .. } => "microphone_released",
            Event::SlowDownAsked { .. } => "slow_down_asked",
            Event::ProposalTabled { .. } => "proposal_tabled",
            Event::ProposalAmended { .. } => "proposal_amended",
            Event::AdoptedWithoutVote { .. } => "adopted_without_vote",
            Event::ElectedByAcclamation { .. } => "elected_by_acclamation",
            Event::VoteOpened { .. } => "vote_opened",
            Event::VoteCast { .. } => "vote_cast",
            Event::MemberPassed { .. } => "member_passed",
            Event::VoteClosed { .. } => "vote_closed",
            Event::AttendanceEnded { .. } => "attendance_ended",
            Event::ProposalWithdrawn { .. } => "proposal_withdrawn",
            Event::VoteRequested { .. } => "vote_requested",
            Event::ProposalReopened { .. } => "proposal_reopened",
            Event::BudgetImplicationsStated { .. } => "budget_implications_stated",
            Event::VotingOrderSet { .. } => "voting_order_set",
            Event::OralRevisionRecorded { .. } => "oral_revision_recorded",
            Event::ProposalDivided { .. } => "proposal_divided",
            Event::ProposalRejectedInParts { .. } => "proposal_rejected_in_parts",
        }
    }

    /// The event as participants may see it: a sealed vote's choice is withheld until the
    /// result is announced. Everything sent to clients passes through here.
    pub fn for_participants(&self) -> Event {
        match self {
            Event::VoteCast {
                vote,
                delegation,
                sealed: true,
                ..
            } => Event::VoteCast {
                vote: *vote,
                delegation: *delegation,
                choice: None,
                sealed: true,
            },
            other => other.clone(),
        }
    }

    /// The event as a participant of `delegation` may see it: as for participants, except
    /// that a sealed vote keeps its choice for the delegation that cast it, so that a
    /// member sees its own recorded vote before the result.
    pub fn for_delegation(&self, delegation: Option<DelegationId>) -> Event {
        match self {
            Event::VoteCast {
                delegation: voter, ..
            } if Some(*voter) == delegation => self.clone(),
            _ => self.for_participants(),
        }
    }
}

impl EventEnvelope {
    /// The envelope as participants may see it (see [`Event::for_participants`]).
    pub fn for_participants(&self) -> EventEnvelope {
        EventEnvelope {
            event: self.event.for_participants(),
            ..self.clone()
        }
    }

    /// The envelope as a participant of `delegation` may see it (see
    /// [`Event::for_delegation`]).
    pub fn for_delegation(&self, delegation: Option<DelegationId>) -> EventEnvelope {
        EventEnvelope {
            event: self.event.for_delegation(delegation),
            ..self.clone()
        }
    }
}

/// Used by [`Capacity`] consumers that need a label.
impl Capacity {
    pub fn label(&self) -> String {
        match self {
            Capacity::National => "national".to_string(),
            Capacity::OnBehalfOfGroup { group } => format!("on behalf of {group}"),
            Capacity::ExplanationOfVote { proposal } => {
                format!("explanation of vote on proposal {proposal}")
            }
        }
    }
}
