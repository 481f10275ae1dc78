//! Why a command was refused. Every refusal is typed (its `code`), carries the facts that
//! explain it, and reads as a sentence a chair or a delegate understands ([`Rejection::message`]).
//! A refused command changes nothing.

use crate::ids::*;
use crate::meeting::MeetingStatus;
use crate::roster::Role;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Rejection {
    /// The actor's role may not give this command.
    NotPermitted {
        role: Role,
        command: String,
    },
    /// The command needs a delegation and the actor speaks for none.
    NoDelegation,
    UnknownDelegation {
        delegation: DelegationId,
    },
    /// The participant does not belong to the delegation named.
    NotInDelegation {
        participant: ParticipantId,
        delegation: DelegationId,
    },
    UnknownAgendaItem {
        item: AgendaItemId,
    },
    /// No item was named and none is under consideration.
    NoCurrentItem,
    UnknownEntry {
        entry: EntryId,
    },
    /// The entry belongs to another delegation.
    NotYourEntry {
        entry: EntryId,
    },
    /// The meeting's status does not allow this command.
    WrongMeetingStatus {
        status: MeetingStatus,
        command: String,
    },
    DuplicateAgendaNumber {
        number: String,
    },
    /// Sub-items hang from a top-level item only.
    InvalidAgendaParent {
        parent: AgendaItemId,
    },
    /// `move_agenda_item`: `after` is not a sibling of the item (another main item, or
    /// another sub-item of the same item), or is the item itself.
    InvalidAgendaPlace {
        item: AgendaItemId,
        after: AgendaItemId,
    },
    /// `adopt_agenda`: adopted already, or there is nothing on it yet.
    AgendaNotAdoptable {
        adopted: bool,
    },
    /// `pass_floor_microphone`: the floor is not held by a speaker of the sender's
    /// delegation heard from a device (nobody holds it, another delegation does, or the
    /// speaker is in the room).
    NotYourFloor,
    /// `continue_from`: this meeting's agenda, lists or proposals have begun already.
    AgendaNotEmpty,
    /// `continue_from`: not another meeting of this session.
    NotAnEarlierMeeting {
        meeting: MeetingId,
    },
    /// A text field is empty or too long.
    InvalidText {
        field: String,
        max_chars: u32,
    },
    /// The list of speakers for the item is closed; rights of reply are still possible.
    ListClosed {
        item: AgendaItemId,
    },
    /// The delegation already has as many statements waiting as the session allows.
    AlreadyInscribed {
        delegation: DelegationId,
        max_waiting: u32,
    },
    /// The delegation has used its rights of reply on this item.
    ReplyLimitReached {
        delegation: DelegationId,
        max_per_item: u32,
    },
    /// The delegation already has this point of order or motion waiting.
    AlreadyRaised {
        entry: EntryId,
    },
    /// An NGO speaks when the chair allows: the chair or secretariat inscribes it.
    NgoInscribedByChair,
    /// Someone holds the floor; end the speech first.
    FloorOccupied {
        entry: EntryId,
    },
    /// Nobody holds the floor.
    FloorEmpty,
    AlreadyPaused,
    NotPaused,
    /// A point of order or motion waits; it must be heard before any statement.
    InterventionPending {
        entry: EntryId,
    },
    /// A point of order or motion was heard and waits for the chair's ruling.
    RulingPending {
        entry: EntryId,
    },
    /// Nobody is waiting for the floor.
    NobodyWaiting,
    /// Only statements and rights of reply can be moved within their list.
    NotMovable {
        entry: EntryId,
    },
    /// The entry is not a point of order or motion waiting for a ruling.
    NothingToRule {
        entry: EntryId,
    },
    /// There is no ruling on this point of order that may be appealed: it is not the
    /// chair's latest ruling on a point of order, or it was already appealed.
    NothingToAppeal {
        entry: EntryId,
    },
    /// The rules allow no more speakers on this side of the motion (`max` speakers; 0 for
    /// a motion put to the vote without debate).
    NoMoreSpeakersOnMotion {
        entry: EntryId,
        in_favour: bool,
        max: u32,
    },
    /// The session's rules reserve the right of reply to States (members and observer States).
    ReplyReservedToStates {
        delegation: DelegationId,
    },
    /// The list is already in that state.
    ListAlreadyThere {
        item: AgendaItemId,
    },
    UnknownProposal {
        proposal: ProposalId,
    },
    /// The proposal was already adopted or voted on.
    AlreadyDecided {
        proposal: ProposalId,
    },
    UnknownVote {
        vote: VoteId,
    },
    /// A vote is under way; only a point of order on the conduct of the vote may interrupt it.
    VoteInProgress {
        vote: VoteId,
    },
    /// That vote is closed.
    VoteNotOpen {
        vote: VoteId,
    },
    /// Too few members present to take a decision.
    NoQuorum {
        present: u32,
        required: u32,
    },
    /// Only members of the commission vote.
    NotAMember {
        delegation: DelegationId,
    },
    /// One vote per member delegation.
    AlreadyVoted {
        delegation: DelegationId,
    },
    /// In a roll call, members answer when called.
    NotYourTurn {
        called: Option<DelegationId>,
    },
    /// The roll call has members still to be called.
    RollCallIncomplete {
        remaining: u32,
    },
    /// The choice does not fit the vote (a candidate in a yes/no vote, or the reverse).
    InvalidChoice,
    /// A show of hands needs the counts; other methods count themselves.
    CountsRequired,
    CountsNotAllowed,
    /// More votes than members.
    CountsExceedMembers {
        members: u32,
    },
    /// A show of hands counted more hands than members present when the vote opened.
    CountsExceedPresent {
        present: u32,
    },
    /// An election needs at least one candidate, each named once.
    InvalidCandidates,
    /// An election fills from 1 place to as many places as it has candidates; a vote
    /// that is not an election fills one.
    InvalidSeats {
        seats: u32,
        candidates: u32,
    },
    /// `open_next_ballot` follows an inconclusive ballot of an election on this proposal.
    NoBallotToFollow {
        proposal: ProposalId,
    },
    /// An election under way goes on with `open_next_ballot` (restricted to the best
    /// placed), not with a new `open_vote`.
    ElectionUnderWay {
        proposal: ProposalId,
        vote: VoteId,
    },
    /// Sponsors do not explain their vote on their own proposal unless it was amended.
    SponsorCannotExplain {
        proposal: ProposalId,
    },
    /// That only applies to a roll call.
    NotARollCall {
        vote: VoteId,
    },
    /// In a show of hands the chair counts; there is nothing to cast.
    CountedByChair {
        vote: VoteId,
    },
    /// The register already has a document with this symbol.
    DuplicateSymbol {
        symbol: String,
    },
    /// A revision, corrigendum or addendum needs the document it refers to.
    MissingOriginal {
        symbol: String,
        original: String,
    },
    UnknownDocument {
        document: DocumentId,
    },
    /// A document needs at least one file, one per language.
    InvalidFiles {
        reason: String,
    },
    /// Only States sponsor draft resolutions.
    NotAState {
        delegation: DelegationId,
    },
    /// Only draft resolutions have sponsors.
    NotADraft {
        document: DocumentId,
    },
    /// The draft was adopted (or replaced by a revision): its sponsors are final.
    SponsorshipClosed {
        document: DocumentId,
    },
    AlreadySponsor {
        document: DocumentId,
    },
    NotASponsor {
        document: DocumentId,
    },
    /// The session has no such interpretation channel.
    UnknownChannel {
        channel: String,
    },
    /// Only interpreters work in booths.
    NotAnInterpreter {
        participant: ParticipantId,
    },
    /// The interpreter is not in that booth.
    NotInBooth {
        channel: String,
    },
    /// The interpreter's microphone is not the live one.
    MicrophoneNotLive {
        channel: String,
    },
    /// The booth asked the speaker to slow down moments ago; the chair has it.
    SlowDownJustAsked {
        channel: String,
    },
    /// The participant is not checked in to this meeting.
    NotCheckedIn {
        participant: ParticipantId,
    },
    /// Only members present vote: nobody of the delegation is checked in.
    NotPresent {
        delegation: DelegationId,
    },
    /// Only its sponsors withdraw a proposal.
    NotProposalSponsor {
        proposal: ProposalId,
    },
    /// An amended proposal is no longer withdrawn.
    AmendedProposal {
        proposal: ProposalId,
    },
    /// The proposal was withdrawn; nothing more is done with it.
    ProposalWithdrawn {
        proposal: ProposalId,
    },
    /// A member asked for a vote on the proposal: it is put to the vote, not adopted
    /// without one.
    VoteAskedFor {
        proposal: ProposalId,
        delegation: DelegationId,
    },
    /// Only a proposal already adopted or rejected is reconsidered.
    NotDecided {
        proposal: ProposalId,
    },
    /// A motion for reconsideration or division names its proposal
    /// (`move_reconsideration`, `move_division`).
    MotionNamesProposal,
    /// Reconsideration is decided by the commission's vote, not by a ruling of the chair.
    DecidedByVote {
        entry: EntryId,
    },
    /// The secretariat has yet to state the programme budget implications of the proposal.
    BudgetImplicationsPending {
        proposal: ProposalId,
    },
    /// An amendment amends a proposal, not another amendment.
    AmendsAnAmendment {
        proposal: ProposalId,
    },
    /// The amendments to a proposal are decided before it.
    AmendmentsFirst {
        proposal: ProposalId,
        amendment: ProposalId,
    },
    /// Amendments are voted in the order the chair set: `next` comes first.
    AmendmentOutOfOrder {
        amendment: ProposalId,
        next: ProposalId,
    },
    /// An order of voting lists each amendment to the proposal once, and nothing else.
    InvalidVotingOrder {
        proposal: ProposalId,
    },
    /// A division names two parts or more, each of 1 to 300 characters, of a proposal that
    /// is neither an amendment, nor a part, nor divided already.
    InvalidDivision {
        proposal: ProposalId,
    },
    /// The parts of a divided proposal are voted in order, and before it as a whole.
    PartsFirst {
        proposal: ProposalId,
        part: ProposalId,
    },
    /// Only a waiting statement has a speaker's rank (not a point of order, a motion or a
    /// right of reply).
    NotAStatement {
        entry: EntryId,
    },
    /// An item's own time limit outside 10 s to one hour; `limit` names it as
    /// `TimeLimits` does without `_secs` ("state", "point_of_order").
    InvalidTimeLimit {
        limit: String,
        secs: u32,
    },
    /// `act_for_delegation` carries only what a delegate gives in the room: not checking
    /// in or out (the secretariat records attendance), nor another `act_for_delegation`.
    NotForTheRoom {
        command: String,
    },
    /// A secret ballot is cast by each member itself: the secretariat may not cast it, and
    /// so know it, on a delegation's behalf.
    SecretBallotNotInTheRoom {
        vote: VoteId,
    },
}

impl Rejection {
    /// The stable machine-readable code, the same as the `code` tag on the wire.
    pub fn code(&self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(m)) => m
                .get("code")
                .and_then(|c| c.as_str())
                .unwrap_or("rejected")
                .to_string(),
            _ => "rejected".to_string(),
        }
    }

    /// A sentence for the person who gave the command.
    pub fn message(&self) -> String {
        use Rejection::*;
        match self {
            NotPermitted { role, command } => {
                format!("A participant with the {} role may not {}.", role.as_str(), command.replace('_', " "))
            }
            NoDelegation => "You do not speak for a delegation.".into(),
            UnknownDelegation { delegation } => format!("Delegation {delegation} is not on this session's roster."),
            NotInDelegation { participant, delegation } => {
                format!("Participant {participant} does not belong to delegation {delegation}.")
            }
            UnknownAgendaItem { item } => format!("Agenda item {item} does not exist in this meeting."),
            NoCurrentItem => "No agenda item is under consideration; name one or take one up first.".into(),
            UnknownEntry { entry } => format!("Entry {entry} is not waiting for the floor."),
            NotYourEntry { entry } => format!("Entry {entry} belongs to another delegation."),
            WrongMeetingStatus { status, command } => format!(
                "The meeting is {}; the command {command} cannot be given now.",
                status.as_str()
            ),
            DuplicateAgendaNumber { number } => format!("The agenda already has an item {number}."),
            InvalidAgendaParent { parent } => format!("Item {parent} cannot take sub-items."),
            InvalidAgendaPlace { item, after } => format!("Item {item} cannot be placed after item {after}: only among its siblings."),
            AgendaNotAdoptable { adopted: true } => "The agenda has been adopted already.".into(),
            AgendaNotAdoptable { adopted: false } => "The agenda has no items to adopt.".into(),
            NotYourFloor => "The floor is not your delegation's to pass: it is another's, nobody's, or its speaker is in the room.".into(),
            AgendaNotEmpty => "This meeting has begun its own agenda; it can continue an earlier meeting only before that.".into(),
            NotAnEarlierMeeting { meeting } => format!("Meeting {meeting} is not another meeting of this session."),
            InvalidText { field, max_chars } => {
                format!("The {field} is empty or longer than {max_chars} characters.")
            }
            ListClosed { .. } => "The list of speakers is closed; a right of reply is still possible.".into(),
            AlreadyInscribed { max_waiting, .. } => format!(
                "Your delegation already has {max_waiting} statement(s) waiting on this item; the chair may allow more."
            ),
            ReplyLimitReached { max_per_item, .. } => {
                format!("Your delegation has used its {max_per_item} rights of reply on this item.")
            }
            AlreadyRaised { .. } => "The delegation already has this request waiting.".into(),
            NgoInscribedByChair => "Non-governmental organizations speak when the chair allows: ask the secretariat to inscribe you.".into(),
            FloorOccupied { entry } => format!("Entry {entry} holds the floor; end that speech first."),
            FloorEmpty => "Nobody holds the floor.".into(),
            AlreadyPaused => "The speaker's clock is already paused.".into(),
            NotPaused => "The speaker's clock is running.".into(),
            InterventionPending { entry } => {
                format!("A point of order or motion (entry {entry}) must be heard first.")
            }
            RulingPending { entry } => format!("Rule on entry {entry} first."),
            NobodyWaiting => "Nobody is waiting for the floor.".into(),
            NotMovable { entry } => format!("Entry {entry} cannot be moved."),
            NothingToRule { entry } => format!("Entry {entry} is not a point of order or motion awaiting a ruling."),
            NothingToAppeal { entry } => format!("There is no ruling on entry {entry} that can be appealed."),
            NoMoreSpeakersOnMotion { entry, in_favour: true, max } => format!("The rules allow {max} speakers in favour of motion {entry}; no more."),
            NoMoreSpeakersOnMotion { entry, in_favour: false, max } => format!("The rules allow {max} speakers against motion {entry}; no more."),
            ReplyReservedToStates { .. } => "The rules reserve the right of reply to States.".into(),
            ListAlreadyThere { item } => format!("The list of item {item} is already in that state."),
            UnknownProposal { proposal } => format!("There is no proposal {proposal} before the meeting."),
            AlreadyDecided { proposal } => format!("Proposal {proposal} has already been decided."),
            UnknownVote { vote } => format!("There is no vote {vote}."),
            VoteInProgress { .. } => "A vote is under way; only a point of order on the conduct of the vote may interrupt it.".into(),
            VoteNotOpen { vote } => format!("Vote {vote} is not open."),
            NoQuorum { present, required } => format!(
                "There is no quorum: {present} members present, {required} required."
            ),
            NotAMember { .. } => "Only members of the commission vote.".into(),
            AlreadyVoted { .. } => "Your delegation has already voted.".into(),
            NotYourTurn { called: Some(d) } => format!("Delegation {d} is being called; answer when yours is."),
            NotYourTurn { called: None } => "Everyone has been called.".into(),
            RollCallIncomplete { remaining } => format!("{remaining} member(s) have still to be called."),
            InvalidChoice => "That choice does not fit this vote.".into(),
            CountsRequired => "A show of hands needs the counts: yes, no and abstentions.".into(),
            CountsNotAllowed => "This vote counts itself; counts are entered only for a show of hands.".into(),
            CountsExceedMembers { members } => format!("The counts add up to more than the {members} members."),
            CountsExceedPresent { present } => format!("The counts add up to more than the {present} members present."),
            InvalidCandidates => "An election needs at least one candidate, each named once.".into(),
            InvalidSeats { seats, candidates } => format!("An election fills from 1 place to as many places as it has candidates ({candidates}); {seats} places cannot be filled so."),
            NoBallotToFollow { proposal } => format!("No ballot of an election on proposal {proposal} awaits another: open a vote."),
            ElectionUnderWay { proposal, vote } => format!("The election on proposal {proposal} goes on after ballot {vote}: open the next ballot, restricted to the best placed."),
            SponsorCannotExplain { .. } => "Sponsors do not explain their vote on their own proposal unless it was amended.".into(),
            NotARollCall { vote } => format!("Vote {vote} is not a roll call."),
            CountedByChair { .. } => "This is a show of hands: the chair counts.".into(),
            DuplicateSymbol { symbol } => format!("A document {symbol} has already been published."),
            MissingOriginal { symbol, original } => format!("{symbol} refers to {original}, which has not been published."),
            UnknownDocument { document } => format!("There is no document {document}."),
            InvalidFiles { reason } => format!("The files are not right: {reason}."),
            NotAState { .. } => "Only States sponsor draft resolutions.".into(),
            NotADraft { .. } => "Only draft resolutions have sponsors.".into(),
            SponsorshipClosed { .. } => "The list of sponsors of this draft is closed.".into(),
            AlreadySponsor { .. } => "Your delegation is already a sponsor.".into(),
            NotASponsor { .. } => "Your delegation is not a sponsor.".into(),
            UnknownChannel { channel } => format!("There is no interpretation channel {channel:?}."),
            NotAnInterpreter { participant } => format!("Participant {participant} is not an interpreter."),
            NotInBooth { channel } => format!("You are not in the {channel} booth."),
            MicrophoneNotLive { channel } => format!("Your microphone is not the live one in the {channel} booth."),
            SlowDownJustAsked { channel } => format!("The {channel} booth asked the speaker to slow down moments ago; the chair has it."),
            NotCheckedIn { participant } => format!("Participant {participant} is not checked in to this meeting."),
            NotPresent { delegation } => format!("Delegation {delegation} is not present: only members present vote."),
            NotProposalSponsor { proposal } => format!("Only the sponsors of proposal {proposal} may withdraw it."),
            AmendedProposal { proposal } => format!("Proposal {proposal} has been amended; it can no longer be withdrawn."),
            ProposalWithdrawn { proposal } => format!("Proposal {proposal} was withdrawn."),
            VoteAskedFor { proposal, delegation } => format!("Delegation {delegation} asked for a vote on proposal {proposal}: it is put to the vote."),
            NotDecided { proposal } => format!("Proposal {proposal} has not been decided; there is nothing to reconsider."),
            MotionNamesProposal => "Motions for reconsideration and for division name the proposal they concern.".into(),
            DecidedByVote { entry } => format!("Motion {entry} is decided by a vote of two thirds of the members present and voting, not by a ruling."),
            BudgetImplicationsPending { proposal } => format!("The secretariat has yet to state the programme budget implications of proposal {proposal}."),
            AmendsAnAmendment { proposal } => format!("Proposal {proposal} is itself an amendment; amend the proposal it amends."),
            AmendmentsFirst { proposal, amendment } => format!("Amendment {amendment} to proposal {proposal} must be decided first."),
            AmendmentOutOfOrder { amendment, next } => format!("Amendment {next} is decided before amendment {amendment}, in the order of voting."),
            InvalidVotingOrder { proposal } => format!("The order of voting must list each amendment to proposal {proposal} once."),
            InvalidDivision { proposal } => format!("Proposal {proposal} cannot be divided so: name two parts or more, each of 1 to 300 characters, of a proposal not yet divided."),
            PartsFirst { proposal, part } => format!("Part {part} of proposal {proposal} must be decided first."),
            NotAStatement { entry } => format!("Entry {entry} is not a waiting statement; only a statement's speaker has a rank."),
            NotForTheRoom { command } => format!(
                "The secretariat cannot {} for a delegation in the room.",
                command.replace('_', " ")
            ),
            SecretBallotNotInTheRoom { vote } => format!(
                "Vote {vote} is a secret ballot: each member casts its own; the secretariat cannot cast it for a delegation."
            ),
            InvalidTimeLimit { limit, secs } => format!(
                "The {} time limit must be between 10 seconds and one hour; it is {secs} s.",
                limit.replace('_', " ")
            ),
        }
    }
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Rejection {}
