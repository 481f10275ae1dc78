//! A small commission and a meeting to run commands against.
//!
//! The roster: four members (Austria, Brazil, Chile, Denmark), an observer State (the Holy
//! See), an intergovernmental organization (the African Union), a UN entity (the World Health
//! Organization) and an NGO. Each delegation has two delegates; the chair, the secretariat,
//! three interpreters, the room and a viewer act too. Every participant is on the session's
//! roster of participants ([`participants`]); anyone else is a stranger to the session.
//!
//! The clock: every command comes one second after the previous one, unless the test says
//! otherwise with [`Fixture::after_secs`].

use floor_meeting::{execute, MeetingContext};
use floor_protocol::command::Capacity;
use floor_protocol::event::{Actor, EventEnvelope};
use floor_protocol::meeting::{Entry, EntryKind, MeetingState};
use floor_protocol::roster::AttendanceMode;
use floor_protocol::vote::{Choice, Majority, VoteMethod};
use floor_protocol::*;
use std::collections::BTreeMap;

pub const MEETING: MeetingId = MeetingId(7);

pub const AUSTRIA: DelegationId = DelegationId(1);
pub const BRAZIL: DelegationId = DelegationId(2);
pub const CHILE: DelegationId = DelegationId(3);
pub const DENMARK: DelegationId = DelegationId(4);
pub const HOLY_SEE: DelegationId = DelegationId(10);
pub const AFRICAN_UNION: DelegationId = DelegationId(20);
pub const WHO: DelegationId = DelegationId(21);
pub const NGO: DelegationId = DelegationId(30);
/// Not on the session's roster.
pub const UNKNOWN: DelegationId = DelegationId(99);

pub const ROSTER: [(DelegationId, DelegationKind, &str); 8] = [
    (AUSTRIA, DelegationKind::Member, "Austria"),
    (BRAZIL, DelegationKind::Member, "Brazil"),
    (CHILE, DelegationKind::Member, "Chile"),
    (DENMARK, DelegationKind::Member, "Denmark"),
    (HOLY_SEE, DelegationKind::ObserverState, "Holy See"),
    (AFRICAN_UNION, DelegationKind::Igo, "African Union"),
    (WHO, DelegationKind::UnEntity, "World Health Organization"),
    (NGO, DelegationKind::Ngo, "Harm Reduction International"),
];

pub const ITEM_1: AgendaItemId = AgendaItemId(1);
pub const ITEM_2: AgendaItemId = AgendaItemId(2);

/// 13 March 2023, 10:00:00 UTC: the opening of CND's 66th session.
pub const START: Millis = Millis(1_678_701_600_000);

pub fn names() -> BTreeMap<DelegationId, String> {
    ROSTER
        .iter()
        .map(|(id, _, name)| (*id, name.to_string()))
        .collect()
}

/// The session's participants with their role and delegation: two delegates of each
/// delegation on the roster, the chair, three interpreters, the room and a viewer.
pub fn participants() -> BTreeMap<ParticipantId, (Role, Option<DelegationId>)> {
    let delegates = ROSTER.iter().flat_map(|(d, _, _)| {
        [1, 2].map(|n| (ParticipantId(d.0 * 100 + n), (Role::Delegate, Some(*d))))
    });
    let others = [
        (chair(), Role::Chair),
        (interpreter(), Role::Interpreter),
        (room(), Role::Room),
        (viewer(), Role::Viewer),
    ]
    .map(|(a, role)| (a.participant.expect("a participant"), (role, None)));
    let booth = [951, 952].map(|p| (ParticipantId(p), (Role::Interpreter, None)));
    delegates.chain(others).chain(booth).collect()
}

pub fn context(rules: SessionRules) -> MeetingContext {
    MeetingContext {
        rules,
        delegations: ROSTER.iter().map(|(id, kind, _)| (*id, *kind)).collect(),
        participants: participants(),
        // The roster is listed in UN English alphabetical order.
        un_order: ROSTER.iter().map(|(id, _, _)| *id).collect(),
        entropy: [7; 32],
        ballot_tally: None,
        previous: None,
    }
}

// --- actors

pub fn chair() -> Actor {
    Actor {
        role: Role::Chair,
        participant: Some(ParticipantId(900)),
        account: None,
        delegation: None,
    }
}

pub fn secretariat() -> Actor {
    Actor {
        role: Role::Secretariat,
        participant: None,
        account: Some(AccountId(1)),
        delegation: None,
    }
}

/// The first delegate of a delegation (participant `100 × delegation + 1`).
pub fn delegate(delegation: DelegationId) -> Actor {
    Actor {
        role: Role::Delegate,
        participant: Some(delegate_id(delegation)),
        account: None,
        delegation: Some(delegation),
    }
}

/// Another delegate of the same delegation.
pub fn second_delegate(delegation: DelegationId) -> Actor {
    Actor {
        participant: Some(ParticipantId(delegation.0 * 100 + 2)),
        ..delegate(delegation)
    }
}

pub fn delegate_id(delegation: DelegationId) -> ParticipantId {
    ParticipantId(delegation.0 * 100 + 1)
}

pub fn interpreter_id() -> ParticipantId {
    ParticipantId(950)
}

pub fn interpreter() -> Actor {
    Actor {
        role: Role::Interpreter,
        participant: Some(interpreter_id()),
        account: None,
        delegation: None,
    }
}

pub fn room() -> Actor {
    Actor {
        role: Role::Room,
        participant: Some(ParticipantId(960)),
        account: None,
        delegation: None,
    }
}

pub fn viewer() -> Actor {
    Actor {
        role: Role::Viewer,
        participant: Some(ParticipantId(970)),
        account: None,
        delegation: None,
    }
}

/// Someone acting with `role`, as the tests above would build them.
pub fn actor(role: Role) -> Actor {
    match role {
        Role::Secretariat => secretariat(),
        Role::Chair => chair(),
        Role::Delegate => delegate(AUSTRIA),
        Role::Interpreter => interpreter(),
        Role::Room => room(),
        Role::Viewer => viewer(),
    }
}

// --- commands

pub fn request_floor() -> Command {
    Command::RequestFloor {
        item: None,
        capacity: Capacity::National,
    }
}

pub fn inscribe(delegation: DelegationId) -> Command {
    Command::InscribeSpeaker {
        delegation,
        item: None,
        capacity: Capacity::National,
        allow_additional: false,
    }
}

pub fn group(name: &str) -> Capacity {
    Capacity::OnBehalfOfGroup {
        group: name.to_string(),
    }
}

pub fn rule(entry: EntryId, upheld: bool) -> Command {
    Command::Rule {
        entry,
        upheld,
        ruling: String::new(),
    }
}

/// The draft resolution E/CN.7/2026/L.2, sponsored by `sponsors`.
pub fn table_proposal(sponsors: &[DelegationId]) -> Command {
    Command::TableProposal {
        reference: "E/CN.7/2026/L.2".into(),
        title: "Promoting alternative development".into(),
        sponsors: sponsors.to_vec(),
        budget_implications: false,
        amends: None,
        text: String::new(),
    }
}

/// Put proposal 1 to the vote.
pub fn open_vote(method: VoteMethod, majority: Majority) -> Command {
    Command::OpenVote {
        proposal: ProposalId(1),
        method,
        majority,
        candidates: Vec::new(),
        seats: 1,
    }
}

// --- the meeting

pub struct Fixture {
    pub ctx: MeetingContext,
    pub state: MeetingState,
    /// Every accepted event, in order.
    pub log: Vec<EventEnvelope>,
    /// When the next command comes.
    now: Millis,
    /// When the last command came.
    last: Millis,
}

impl Fixture {
    /// A scheduled meeting with an empty agenda, under the default rules.
    pub fn new() -> Self {
        Self::with_rules(SessionRules::default())
    }

    pub fn with_rules(rules: SessionRules) -> Self {
        Fixture {
            ctx: context(rules),
            state: MeetingState::new(MEETING),
            log: Vec::new(),
            now: START,
            last: START,
        }
    }

    /// An open meeting with items 1 and 2 on the agenda and item 1 under consideration.
    pub fn open() -> Self {
        Self::open_with(SessionRules::default())
    }

    pub fn open_with(rules: SessionRules) -> Self {
        let mut f = Self::with_rules(rules);
        f.ok(
            secretariat(),
            Command::AddAgendaItem {
                number: "1".into(),
                title: "Opening of the session".into(),
                parent: None,
            },
        );
        f.ok(
            secretariat(),
            Command::AddAgendaItem {
                number: "2".into(),
                title: "General debate".into(),
                parent: None,
            },
        );
        f.ok(chair(), Command::OpenMeeting);
        f.ok(chair(), Command::TakeUpItem { item: ITEM_1 });
        f
    }

    /// The next command comes `secs` seconds after the previous one.
    pub fn after_secs(&mut self, secs: i64) {
        self.now = Millis(self.last.0 + secs * 1000);
    }

    /// Run a command through `execute` at the fixture's clock, keeping the accepted events.
    pub fn run(&mut self, actor: Actor, command: Command) -> Result<Vec<EventEnvelope>, Rejection> {
        let at = self.now;
        self.last = at;
        self.now = Millis(at.0 + 1000);
        let result = execute(&self.ctx, &mut self.state, &actor, &command, at);
        if let Ok(envelopes) = &result {
            self.log.extend(envelopes.iter().cloned());
        }
        result
    }

    /// Run a command that must be accepted; its events.
    #[track_caller]
    pub fn ok(&mut self, actor: Actor, command: Command) -> Vec<Event> {
        match self.run(actor, command.clone()) {
            Ok(envelopes) => envelopes.into_iter().map(|e| e.event).collect(),
            Err(r) => panic!("{command:?} by {:?} was refused: {r:?} ({r})", actor.role),
        }
    }

    /// Run a command that must be refused; the refusal. A refused command changes nothing.
    #[track_caller]
    pub fn refused(&mut self, actor: Actor, command: Command) -> Rejection {
        let before = self.state.clone();
        let logged = self.log.len();
        match self.run(actor, command.clone()) {
            Ok(envelopes) => panic!(
                "{command:?} by {:?} was accepted: {envelopes:?}",
                actor.role
            ),
            Err(r) => {
                assert_eq!(
                    self.state, before,
                    "refused {command:?} changed the meeting"
                );
                assert_eq!(self.log.len(), logged);
                r
            }
        }
    }

    /// A delegate asks for the floor for its delegation on the current item.
    #[track_caller]
    pub fn request(&mut self, delegation: DelegationId) -> EntryId {
        entry_of(&self.ok(delegate(delegation), request_floor()))
    }

    #[track_caller]
    pub fn point_of_order(&mut self, delegation: DelegationId) -> EntryId {
        entry_of(&self.ok(
            delegate(delegation),
            Command::RaisePointOfOrder {
                about_voting: false,
            },
        ))
    }

    #[track_caller]
    pub fn motion(&mut self, delegation: DelegationId, motion: MotionKind) -> EntryId {
        entry_of(&self.ok(delegate(delegation), Command::RaiseMotion { motion }))
    }

    #[track_caller]
    pub fn reply(&mut self, delegation: DelegationId) -> EntryId {
        entry_of(&self.ok(
            delegate(delegation),
            Command::RequestRightOfReply { item: None },
        ))
    }

    /// The chair calls the next speaker; who got the floor.
    #[track_caller]
    pub fn next_speaker(&mut self) -> Given {
        given(&self.ok(chair(), Command::NextSpeaker))
    }

    #[track_caller]
    pub fn check_in(&mut self, who: Actor, mode: AttendanceMode) {
        self.ok(who, Command::CheckIn { mode });
    }

    /// Delegations waiting on an item's list of statements, in speaking order.
    pub fn statements(&self, item: AgendaItemId) -> Vec<DelegationId> {
        let item = self.state.item(item).expect("no such item");
        item.statements.iter().map(|e| e.delegation).collect()
    }

    /// The delegation holding the floor.
    pub fn speaker(&self) -> Option<DelegationId> {
        self.state.floor.as_ref().map(|f| f.entry.delegation)
    }
}

/// What a `FloorGiven` said.
#[derive(Debug, Clone, PartialEq)]
pub struct Given {
    pub entry: Entry,
    pub limit_ms: u64,
    pub attendance: Option<AttendanceMode>,
    pub interrupts: Option<EntryId>,
}

/// The `FloorGiven` among events.
#[track_caller]
pub fn given(events: &[Event]) -> Given {
    events
        .iter()
        .find_map(|e| match e {
            Event::FloorGiven {
                entry,
                limit_ms,
                attendance,
                interrupts,
            } => Some(Given {
                entry: entry.clone(),
                limit_ms: *limit_ms,
                attendance: *attendance,
                interrupts: *interrupts,
            }),
            _ => None,
        })
        .unwrap_or_else(|| panic!("nobody was given the floor: {events:?}"))
}

/// The (spoken, overrun) of the `SpeechEnded` among events, in milliseconds.
#[track_caller]
pub fn ended(events: &[Event]) -> (EntryId, u64, u64) {
    events
        .iter()
        .find_map(|e| match e {
            Event::SpeechEnded {
                entry,
                spoken_ms,
                overrun_ms,
            } => Some((*entry, *spoken_ms, *overrun_ms)),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no speech ended: {events:?}"))
}

/// The id of the entry an inscription or a point of order created.
#[track_caller]
pub fn entry_of(events: &[Event]) -> EntryId {
    match events {
        [Event::SpeakerInscribed { entry } | Event::InterventionRaised { entry }] => entry.id,
        _ => panic!("expected one new entry, got {events:?}"),
    }
}

pub fn is_statement(kind: &EntryKind) -> bool {
    matches!(kind, EntryKind::Statement { .. })
}

/// One command of each kind, in the order `Command` declares them. Entry 1 is meant to be a
/// statement and entry 3 a point of order.
pub fn every_command() -> Vec<Command> {
    use floor_protocol::roster::AttendanceMode::*;
    use Command::*;
    vec![
        OpenMeeting,
        SuspendMeeting,
        ResumeMeeting,
        CloseMeeting,
        AddAgendaItem {
            number: "3".into(),
            title: "Implementation of the international drug control treaties".into(),
            parent: None,
        },
        TakeUpItem { item: ITEM_2 },
        CheckIn { mode: Remote },
        RecordAttendance {
            participant: delegate_id(CHILE),
            delegation: CHILE,
            mode: InPerson,
        },
        request_floor(),
        inscribe(DENMARK),
        WithdrawEntry { entry: EntryId(1) },
        MoveEntry {
            entry: EntryId(1),
            position: 0,
        },
        AnnounceListClosing { item: None },
        CloseList { item: None },
        ReopenList { item: None },
        RaisePointOfOrder {
            about_voting: false,
        },
        RaiseMotion {
            motion: MotionKind::AdjournDebate,
        },
        RequestRightOfReply { item: None },
        NextSpeaker,
        GiveFloor { entry: EntryId(1) },
        PauseSpeech,
        ResumeSpeech,
        EndSpeech,
        rule(EntryId(3), true),
        AssignInterpreter {
            participant: interpreter_id(),
            channel: "fr".into(),
        },
        TakeMicrophone {
            channel: "fr".into(),
        },
        ReleaseMicrophone {
            channel: "fr".into(),
        },
        AskToSlowDown {
            channel: "fr".into(),
        },
        table_proposal(&[]),
        AmendProposal {
            proposal: ProposalId(1),
        },
        AdoptWithoutVote {
            proposal: ProposalId(1),
        },
        open_vote(VoteMethod::Recorded, Majority::PresentAndVoting),
        CastVote {
            vote: VoteId(1),
            choice: Choice::Yes,
        },
        PassMember { vote: VoteId(1) },
        CloseVote {
            vote: VoteId(1),
            counts: None,
        },
        HearOnMotion {
            entry: EntryId(4),
            delegation: BRAZIL,
            in_favour: false,
        },
        PutToVote {
            entry: EntryId(4),
            method: VoteMethod::ShowOfHands,
        },
        AppealRuling { entry: EntryId(3) },
        CheckOut,
        RecordDeparture {
            participant: delegate_id(CHILE),
        },
        WithdrawProposal {
            proposal: ProposalId(1),
        },
        RequestVote {
            proposal: ProposalId(1),
        },
        MoveReconsideration {
            proposal: ProposalId(1),
        },
        StateBudgetImplications {
            proposal: ProposalId(1),
            statement: "The draft would require additional resources of $120,000 in 2027.".into(),
            document: None,
        },
        SetVotingOrder {
            proposal: ProposalId(1),
            amendments: vec![],
        },
        ReviseOrally {
            proposal: ProposalId(1),
            text: "In operative paragraph 2, replace \"urges\" with \"encourages\".".into(),
        },
        MoveDivision {
            proposal: ProposalId(1),
            parts: vec![
                "Operative paragraph 1".into(),
                "Operative paragraph 2".into(),
            ],
        },
        SetItemRules {
            item: ITEM_1,
            rules: floor_protocol::ItemRules {
                order_by_rank: true,
                time_limits: None,
            },
        },
        SetSpeakerRank {
            entry: EntryId(1),
            rank: floor_protocol::ProtocolRank::Minister,
        },
        ActForDelegation {
            delegation: CHILE,
            command: Box::new(request_floor()),
        },
        OpenNextBallot {
            proposal: ProposalId(1),
        },
        ElectByAcclamation {
            proposal: ProposalId(1),
            candidates: vec!["Ms. Ana Ruiz (Argentina)".into()],
        },
        EditAgendaItem {
            item: ITEM_1,
            number: "1".into(),
            title: "Election of officers".into(),
        },
        MoveAgendaItem {
            item: ITEM_1,
            after: None,
        },
        AdoptAgenda,
        ContinueFrom {
            meeting: EARLIER_MEETING,
        },
        PassFloorMicrophone {
            participant: delegate_id(AUSTRIA),
        },
    ]
}

/// The meeting of the same session that `ContinueFrom` in [`every_command`] continues.
pub const EARLIER_MEETING: MeetingId = MeetingId(6);

/// The number of kinds of command.
pub const COMMAND_KINDS: usize = 57;

/// A command's place in the declaration of `Command`. The match has no wildcard: a new
/// command does not compile until the tests list it.
pub fn variant(command: &Command) -> usize {
    use Command::*;
    match command {
        OpenMeeting => 0,
        SuspendMeeting => 1,
        ResumeMeeting => 2,
        CloseMeeting => 3,
        AddAgendaItem { .. } => 4,
        TakeUpItem { .. } => 5,
        CheckIn { .. } => 6,
        RecordAttendance { .. } => 7,
        RequestFloor { .. } => 8,
        InscribeSpeaker { .. } => 9,
        WithdrawEntry { .. } => 10,
        MoveEntry { .. } => 11,
        AnnounceListClosing { .. } => 12,
        CloseList { .. } => 13,
        ReopenList { .. } => 14,
        RaisePointOfOrder { .. } => 15,
        RaiseMotion { .. } => 16,
        RequestRightOfReply { .. } => 17,
        NextSpeaker => 18,
        GiveFloor { .. } => 19,
        PauseSpeech => 20,
        ResumeSpeech => 21,
        EndSpeech => 22,
        Rule { .. } => 23,
        AssignInterpreter { .. } => 24,
        TakeMicrophone { .. } => 25,
        ReleaseMicrophone { .. } => 26,
        AskToSlowDown { .. } => 27,
        TableProposal { .. } => 28,
        AmendProposal { .. } => 29,
        AdoptWithoutVote { .. } => 30,
        OpenVote { .. } => 31,
        CastVote { .. } => 32,
        PassMember { .. } => 33,
        CloseVote { .. } => 34,
        HearOnMotion { .. } => 35,
        PutToVote { .. } => 36,
        AppealRuling { .. } => 37,
        CheckOut => 38,
        RecordDeparture { .. } => 39,
        WithdrawProposal { .. } => 40,
        RequestVote { .. } => 41,
        MoveReconsideration { .. } => 42,
        StateBudgetImplications { .. } => 43,
        SetVotingOrder { .. } => 44,
        ReviseOrally { .. } => 45,
        MoveDivision { .. } => 46,
        SetItemRules { .. } => 47,
        SetSpeakerRank { .. } => 48,
        ActForDelegation { .. } => 49,
        OpenNextBallot { .. } => 50,
        ElectByAcclamation { .. } => 51,
        EditAgendaItem { .. } => 52,
        MoveAgendaItem { .. } => 53,
        AdoptAgenda => 54,
        ContinueFrom { .. } => 55,
        PassFloorMicrophone { .. } => 56,
    }
}
