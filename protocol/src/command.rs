//! Commands: what a participant asks a meeting to do. A command is checked against the
//! actor's role and the meeting's state; it either becomes events or a [`crate::Rejection`].

use crate::ids::*;
use crate::meeting::{ItemRules, ProtocolRank};
use crate::roster::AttendanceMode;
use crate::vote::{Choice, Majority, Tally, VoteMethod};
use serde::{Deserialize, Serialize};

/// In what capacity a delegation makes a statement; decides its time limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Capacity {
    /// In its own name.
    #[default]
    National,
    /// On behalf of a group of States (a regional group, the European Union, ...).
    OnBehalfOfGroup { group: String },
    /// An explanation of vote on a proposal, before the vote or after it (rule 60).
    ExplanationOfVote { proposal: ProposalId },
}

/// A procedural motion, in order of precedence (highest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MotionKind {
    SuspendMeeting,
    AdjournMeeting,
    AdjournDebate,
    CloseDebate,
    /// Reconsideration of a proposal already adopted or rejected: moved with
    /// [`Command::MoveReconsideration`], which names the proposal; only two speakers
    /// against, then decided by two thirds of the members present and voting.
    Reconsider,
    /// Division of a proposal: its parts voted separately. Moved with
    /// [`Command::MoveDivision`], which names the proposal and its parts; two speakers in
    /// favour and two against, then the chair's ruling or a vote.
    Division,
}

impl MotionKind {
    pub const ALL: [MotionKind; 6] = [
        MotionKind::SuspendMeeting,
        MotionKind::AdjournMeeting,
        MotionKind::AdjournDebate,
        MotionKind::CloseDebate,
        MotionKind::Reconsider,
        MotionKind::Division,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MotionKind::SuspendMeeting => "suspend_meeting",
            MotionKind::AdjournMeeting => "adjourn_meeting",
            MotionKind::AdjournDebate => "adjourn_debate",
            MotionKind::CloseDebate => "close_debate",
            MotionKind::Reconsider => "reconsider",
            MotionKind::Division => "division",
        }
    }
}

/// Every command a meeting accepts. Serialised with a `type` tag, e.g.
/// `{"type":"request_floor"}` or `{"type":"give_floor","entry":7}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Command {
    // --- the meeting itself (chair, secretariat)
    OpenMeeting,
    SuspendMeeting,
    ResumeMeeting,
    CloseMeeting,

    // --- agenda
    /// Secretariat: add an item ("5") or a sub-item ("5 (a)", with `parent`).
    AddAgendaItem {
        number: String,
        title: String,
        #[serde(default)]
        parent: Option<AgendaItemId>,
    },
    /// A delegate of the delegation holding the floor (or the chair, or the secretariat):
    /// pass the delegation's microphone to another of its participants checked in, or
    /// take it oneself. Only that participant's microphone is heard.
    PassFloorMicrophone {
        participant: ParticipantId,
    },
    /// Chair, secretariat: take up an item.
    TakeUpItem {
        item: AgendaItemId,
    },
    /// Chair, secretariat: correct an item's number or title.
    EditAgendaItem {
        item: AgendaItemId,
        number: String,
        title: String,
    },
    /// Chair, secretariat: move an item among its siblings (the main items, or the
    /// sub-items of one item): after `after`, or first when `after` is null. A main item
    /// moves with its sub-items.
    MoveAgendaItem {
        item: AgendaItemId,
        #[serde(default)]
        after: Option<AgendaItemId>,
    },
    /// Chair, secretariat: the commission adopts its agenda; until then it is provisional.
    AdoptAgenda,
    /// Chair, secretariat: this meeting continues where an earlier meeting of the session
    /// left off: its agenda (adopted or not), the item under consideration, each item's
    /// speakers list (waiting speakers, rights of reply and replies heard, list open or
    /// closed) and rules. Given before anything is on this meeting's agenda.
    ContinueFrom {
        meeting: MeetingId,
    },

    // --- attendance
    /// Delegate: check in to this meeting, in person or remotely (may be changed later).
    CheckIn {
        mode: AttendanceMode,
    },
    /// Secretariat: record a participant's attendance on their behalf.
    RecordAttendance {
        participant: ParticipantId,
        delegation: DelegationId,
        mode: AttendanceMode,
    },

    // --- the speakers list
    /// Delegate: inscribe the own delegation for a statement on an item (the current one
    /// by default).
    RequestFloor {
        #[serde(default)]
        item: Option<AgendaItemId>,
        #[serde(default)]
        capacity: Capacity,
    },
    /// Chair, secretariat: inscribe a delegation on its behalf; `allow_additional` lets it
    /// have more waiting statements than the session's limit.
    InscribeSpeaker {
        delegation: DelegationId,
        #[serde(default)]
        item: Option<AgendaItemId>,
        #[serde(default)]
        capacity: Capacity,
        #[serde(default)]
        allow_additional: bool,
    },
    /// A delegate withdraws an entry of its own delegation; the chair or secretariat any entry.
    WithdrawEntry {
        entry: EntryId,
    },
    /// Chair, secretariat: move a waiting statement or reply to `position` (0 = first) in its list.
    MoveEntry {
        entry: EntryId,
        position: u32,
    },
    /// Chair: announce that the item's list will close.
    AnnounceListClosing {
        #[serde(default)]
        item: Option<AgendaItemId>,
    },
    /// Chair: close the item's list of statements (rights of reply stay open).
    CloseList {
        #[serde(default)]
        item: Option<AgendaItemId>,
    },
    /// Chair: reopen a closed list.
    ReopenList {
        #[serde(default)]
        item: Option<AgendaItemId>,
    },
    /// Delegate: raise a point of order; it goes ahead of everything, even during a speech.
    /// While a vote is open, only a point of order on the conduct of the vote (rule 61).
    RaisePointOfOrder {
        #[serde(default)]
        about_voting: bool,
    },
    /// Delegate: raise a procedural motion; raised like a point of order.
    RaiseMotion {
        motion: MotionKind,
    },
    /// Delegate: ask for a right of reply on an item (the current one by default).
    RequestRightOfReply {
        #[serde(default)]
        item: Option<AgendaItemId>,
    },

    // --- the floor (chair, secretariat)
    /// End the current speech, if any, and give the floor to the first in line: points of
    /// order, then motions by precedence, then statements, then rights of reply.
    NextSpeaker,
    /// Give the floor to one entry. A point of order or motion may interrupt a speech.
    GiveFloor {
        entry: EntryId,
    },
    PauseSpeech,
    ResumeSpeech,
    EndSpeech,
    /// Rule on a point of order, or settle a motion (`upheld` = accepted). A motion
    /// accepted takes effect at once (see [`MotionKind`]).
    Rule {
        entry: EntryId,
        upheld: bool,
        #[serde(default)]
        ruling: String,
    },
    // --- interpretation
    /// Secretariat: put an interpreter in a channel's booth.
    AssignInterpreter {
        participant: ParticipantId,
        channel: String,
    },
    /// Interpreter of the booth: take the live microphone (from the partner, if theirs was).
    TakeMicrophone {
        channel: String,
    },
    /// Interpreter holding the live microphone: switch it off.
    ReleaseMicrophone {
        channel: String,
    },
    /// Interpreter of the booth: ask, through the chair, the speaker holding the floor to
    /// slow down (the console's "slow down" button). Shown to the chair and the speaker
    /// until the speech ends.
    AskToSlowDown {
        channel: String,
    },

    // --- decisions and voting
    /// Chair, secretariat: put a proposal before the meeting. `budget_implications`: it
    /// involves expenditure, so the secretariat states its programme budget implications
    /// before action is taken on it. `amends`: it is an amendment to that proposal, whose
    /// `text` (what it adds, deletes or revises) is required; it is voted before it.
    TableProposal {
        reference: String,
        title: String,
        #[serde(default)]
        sponsors: Vec<DelegationId>,
        #[serde(default)]
        budget_implications: bool,
        #[serde(default)]
        amends: Option<ProposalId>,
        #[serde(default)]
        text: String,
    },
    /// Chair, secretariat: note that a proposal was amended.
    AmendProposal {
        proposal: ProposalId,
    },
    /// Chair: "adopted without a vote".
    AdoptWithoutVote {
        proposal: ProposalId,
    },
    /// Chair: open a vote. The quorum is checked now. `candidates` makes it an election,
    /// to `seats` places (default 1).
    OpenVote {
        proposal: ProposalId,
        method: VoteMethod,
        #[serde(default)]
        majority: Majority,
        #[serde(default)]
        candidates: Vec<String>,
        #[serde(default = "one_seat")]
        seats: u32,
    },
    /// Chair: after an inconclusive ballot of an election, open the next, restricted to
    /// the best placed candidates not yet elected, at most twice the places left (the
    /// engine draws the list; a tie at its end is decided by lot).
    OpenNextBallot {
        proposal: ProposalId,
    },
    /// Chair: declare candidates elected by acclamation (a decision without a vote, when
    /// there are as many candidates as places).
    ElectByAcclamation {
        proposal: ProposalId,
        candidates: Vec<String>,
    },
    /// Delegate of a member: vote (in a roll call, when the delegation is called).
    CastVote {
        vote: VoteId,
        choice: Choice,
    },
    /// Chair: in a roll call, pass the member called, who is absent.
    PassMember {
        vote: VoteId,
    },
    /// Chair: close the vote and announce the result; a show of hands needs the counts.
    CloseVote {
        vote: VoteId,
        #[serde(default)]
        counts: Option<Tally>,
    },

    // --- procedural motions and appeals
    /// Chair: give the floor to a delegation to speak for (`in_favour`) or against a motion
    /// that has been moved and awaits a decision, within the number of speakers the
    /// session's rules allow for that kind of motion (none for a motion on the meeting).
    HearOnMotion {
        entry: EntryId,
        delegation: DelegationId,
        in_favour: bool,
    },
    /// Chair: put to the vote, at once, a motion (waiting or moved) or an appeal against
    /// a ruling (`entry` = the point of order ruled on). Majority of members present and
    /// voting; "yes" is for the motion, or for the appeal (overruling the chair).
    PutToVote {
        entry: EntryId,
        method: VoteMethod,
    },

    /// Delegate of a member: appeal the chair's latest ruling on a point of order
    /// (`entry` = that point of order). The appeal is then put to the vote at once.
    AppealRuling {
        entry: EntryId,
    },

    // --- attendance: leaving
    /// Delegate: leave the meeting. The participant is no longer present; a delegation
    /// with nobody present no longer counts for the quorum and cannot vote.
    CheckOut,
    /// Secretariat: record that a participant has left the meeting.
    RecordDeparture {
        participant: ParticipantId,
    },

    // --- proposals: withdrawal, a vote asked for, reconsideration, budget implications
    /// Delegate of a sponsor (or the chair or secretariat, for the sponsors): withdraw a
    /// proposal before voting on it has begun, if it has not been amended.
    WithdrawProposal {
        proposal: ProposalId,
    },
    /// Delegate of a member: ask that a proposal be put to the vote instead of adopted
    /// without a vote (rule 57); the chair then opens a vote.
    RequestVote {
        proposal: ProposalId,
    },
    /// Delegate of a member: move the reconsideration of a proposal already decided. It is
    /// raised like a motion; only two speakers against, then a vote by two thirds.
    MoveReconsideration {
        proposal: ProposalId,
    },
    /// Secretariat: state the programme budget implications of a proposal (read out, or a
    /// document's symbol), recorded before action on it.
    StateBudgetImplications {
        proposal: ProposalId,
        statement: String,
        #[serde(default)]
        document: Option<String>,
    },

    // --- amendments and the order of voting
    /// Chair, secretariat: the order in which the amendments to `proposal` are voted, the
    /// one furthest removed in substance from it first. Lists each amendment once.
    SetVotingOrder {
        proposal: ProposalId,
        amendments: Vec<ProposalId>,
    },
    /// A delegate of a sponsor (or presiding, as the sponsors read it out): record an oral
    /// revision of a proposal before action on it.
    ReviseOrally {
        proposal: ProposalId,
        text: String,
    },
    /// Delegate of a member: move that `parts` of a proposal (its paragraphs, in order) be
    /// voted separately. Raised like a motion; adopted, the parts are voted one by one,
    /// then the proposal as a whole.
    MoveDivision {
        proposal: ProposalId,
        parts: Vec<String>,
    },

    // --- a high-level segment
    /// Chair, secretariat: set an item's own rules (a high-level segment ordered by rank,
    /// its own time limits).
    SetItemRules {
        item: AgendaItemId,
        rules: ItemRules,
    },
    /// Chair, secretariat: record the protocol rank of the person who will make a waiting
    /// statement (from the delegation's notification); a delegate for its own statement.
    /// On an item ordered by rank the statement moves to its place.
    SetSpeakerRank {
        entry: EntryId,
        rank: ProtocolRank,
    },

    // --- the room
    /// Secretariat: give a delegate's command for a delegation in the room, whose
    /// representative raised the nameplate or answered orally (a delegation with no device
    /// takes part through the secretariat). Decided exactly as if the delegation's own
    /// delegate had given it; the log's actor is the secretariat, which is how the record
    /// shows it was done in the room.
    ActForDelegation {
        delegation: DelegationId,
        command: Box<Command>,
    },
}

fn one_seat() -> u32 {
    1
}

impl Command {
    /// The command's wire name (its `type` tag).
    pub fn name(&self) -> &'static str {
        match self {
            Command::OpenMeeting => "open_meeting",
            Command::SuspendMeeting => "suspend_meeting",
            Command::ResumeMeeting => "resume_meeting",
            Command::CloseMeeting => "close_meeting",
            Command::AddAgendaItem { .. } => "add_agenda_item",
            Command::PassFloorMicrophone { .. } => "pass_floor_microphone",
            Command::EditAgendaItem { .. } => "edit_agenda_item",
            Command::MoveAgendaItem { .. } => "move_agenda_item",
            Command::AdoptAgenda => "adopt_agenda",
            Command::ContinueFrom { .. } => "continue_from",
            Command::SetItemRules { .. } => "set_item_rules",
            Command::TakeUpItem { .. } => "take_up_item",
            Command::CheckIn { .. } => "check_in",
            Command::RecordAttendance { .. } => "record_attendance",
            Command::RequestFloor { .. } => "request_floor",
            Command::InscribeSpeaker { .. } => "inscribe_speaker",
            Command::WithdrawEntry { .. } => "withdraw_entry",
            Command::SetSpeakerRank { .. } => "set_speaker_rank",
            Command::MoveEntry { .. } => "move_entry",
            Command::AnnounceListClosing { .. } => "announce_list_closing",
            Command::CloseList { .. } => "close_list",
            Command::ReopenList { .. } => "reopen_list",
            Command::RaisePointOfOrder { .. } => "raise_point_of_order",
            Command::RaiseMotion { .. } => "raise_motion",
            Command::RequestRightOfReply { .. } => "request_right_of_reply",
            Command::NextSpeaker => "next_speaker",
            Command::GiveFloor { .. } => "give_floor",
            Command::PauseSpeech => "pause_speech",
            Command::ResumeSpeech => "resume_speech",
            Command::EndSpeech => "end_speech",
            Command::Rule { .. } => "rule",
            Command::HearOnMotion { .. } => "hear_on_motion",
            Command::PutToVote { .. } => "put_to_vote",
            Command::AppealRuling { .. } => "appeal_ruling",
            Command::AssignInterpreter { .. } => "assign_interpreter",
            Command::TakeMicrophone { .. } => "take_microphone",
            Command::ReleaseMicrophone { .. } => "release_microphone",
            Command::AskToSlowDown { .. } => "ask_to_slow_down",
            Command::TableProposal { .. } => "table_proposal",
            Command::AmendProposal { .. } => "amend_proposal",
            Command::AdoptWithoutVote { .. } => "adopt_without_vote",
            Command::OpenVote { .. } => "open_vote",
            Command::OpenNextBallot { .. } => "open_next_ballot",
            Command::ElectByAcclamation { .. } => "elect_by_acclamation",
            Command::CastVote { .. } => "cast_vote",
            Command::PassMember { .. } => "pass_member",
            Command::CloseVote { .. } => "close_vote",
            Command::CheckOut => "check_out",
            Command::RecordDeparture { .. } => "record_departure",
            Command::WithdrawProposal { .. } => "withdraw_proposal",
            Command::RequestVote { .. } => "request_vote",
            Command::MoveReconsideration { .. } => "move_reconsideration",
            Command::StateBudgetImplications { .. } => "state_budget_implications",
            Command::SetVotingOrder { .. } => "set_voting_order",
            Command::ReviseOrally { .. } => "revise_orally",
            Command::MoveDivision { .. } => "move_division",
            Command::ActForDelegation { .. } => "act_for_delegation",
        }
    }
}
