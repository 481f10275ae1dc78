//! Random meetings: sequences of any command from anyone, at random intervals, under random
//! session rules. After every step the meeting must still make sense.

use crate::helpers::*;
use floor_protocol::command::Capacity;
use floor_protocol::event::Actor;
use floor_protocol::meeting::{AgendaItem, EntryKind, ListStatus, MeetingState, MeetingStatus};
use floor_protocol::roster::{AttendanceMode, RepliesTaken, RightOfReplyFor};
use floor_protocol::vote::{CandidateSet, Choice, Majority, Tally, VoteMethod, VoteSubject};
use floor_protocol::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{TestCaseError, TestRunner};
use std::collections::BTreeSet;

#[derive(Debug, Clone)]
struct Step {
    /// Seconds since the previous command.
    delay_secs: i64,
    actor: Actor,
    command: Command,
    /// Aim the command's entry at a likely target instead of its drawn id: a ruling goes to
    /// what awaits one, the floor to the first point of order or motion, and otherwise the
    /// id `n` means the `n`-th most recent entry (1 to 4).
    aimed: bool,
}

impl Step {
    /// The command as given in `state`.
    fn command_in(&self, state: &MeetingState) -> Command {
        let recent =
            |entry: EntryId| EntryId(state.next_entry.0.saturating_sub((entry.0 - 1) % 4 + 1));
        let mut command = self.command.clone();
        if self.aimed {
            match &mut command {
                Command::Rule { entry, .. } => {
                    *entry = (state.awaiting_ruling.first())
                        .or(state.interventions.first())
                        .map_or(recent(*entry), |e| e.id)
                }
                Command::GiveFloor { entry } => {
                    *entry = state.interventions.first().map_or(recent(*entry), |e| e.id)
                }
                Command::WithdrawEntry { entry } | Command::MoveEntry { entry, .. } => {
                    *entry = recent(*entry)
                }
                // Speeches on the motion awaiting its decision; the vote on an appeal, or
                // on the first motion; the appeal against the latest ruling.
                Command::HearOnMotion { entry, .. } => {
                    *entry = (state.awaiting_ruling.iter())
                        .find(|e| matches!(e.kind, EntryKind::Motion { .. }))
                        .map_or(recent(*entry), |e| e.id)
                }
                Command::PutToVote { entry, .. } => {
                    *entry = state.appeal_waiting().unwrap_or_else(|| {
                        (state.awaiting_ruling.iter())
                            .chain(state.interventions.iter())
                            .find(|e| matches!(e.kind, EntryKind::Motion { .. }))
                            .map_or(recent(*entry), |e| e.id)
                    })
                }
                Command::AppealRuling { entry } => {
                    *entry = state
                        .last_ruling
                        .as_ref()
                        .map_or(recent(*entry), |r| r.entry)
                }
                _ => {}
            }
        }
        command
    }
}

const DELEGATIONS: [DelegationId; 9] = [
    AUSTRIA,
    BRAZIL,
    CHILE,
    DENMARK,
    HOLY_SEE,
    AFRICAN_UNION,
    WHO,
    NGO,
    UNKNOWN,
];

fn arb_delegation() -> impl Strategy<Value = DelegationId> {
    prop::sample::select(DELEGATIONS.to_vec())
}

/// Anyone at all.
fn arb_actor() -> impl Strategy<Value = Actor> {
    prop::sample::select(everyone())
}

/// Items 1 to 4: the fixture's two items, and two that may or may not have been added.
fn arb_item() -> impl Strategy<Value = AgendaItemId> {
    (1u32..=4).prop_map(AgendaItemId)
}

/// Mostly `None`: the item under consideration.
fn arb_opt_item() -> impl Strategy<Value = Option<AgendaItemId>> {
    prop::option::weighted(0.25, arb_item())
}

/// Entry ids from a small range, so that most of them name a real entry.
fn arb_entry() -> impl Strategy<Value = EntryId> {
    (1u64..=14).prop_map(EntryId)
}

/// Two of the default channels and one the session does not have.
fn arb_channel() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["en".to_string(), "fr".to_string(), "xx".to_string()])
}

fn arb_proposal() -> impl Strategy<Value = ProposalId> {
    (1u32..=3).prop_map(ProposalId)
}

fn arb_vote() -> impl Strategy<Value = VoteId> {
    (1u32..=3).prop_map(VoteId)
}

fn arb_method() -> impl Strategy<Value = VoteMethod> {
    prop::sample::select(vec![
        VoteMethod::ShowOfHands,
        VoteMethod::Recorded,
        VoteMethod::RollCall,
        VoteMethod::SecretBallot,
    ])
}

fn arb_majority() -> impl Strategy<Value = Majority> {
    prop::sample::select(vec![
        Majority::PresentAndVoting,
        Majority::TwoThirdsPresentAndVoting,
        Majority::TwoThirdsOfMembers,
    ])
}

fn arb_choice() -> impl Strategy<Value = Choice> {
    let marked = |i: &[u32]| Choice::Candidates {
        indices: CandidateSet::of(i).unwrap(),
    };
    prop::sample::select(vec![
        Choice::Yes,
        Choice::No,
        Choice::Abstain,
        Choice::Candidate { index: 0 },
        Choice::Candidate { index: 5 },
        marked(&[0, 2]),
        marked(&[0, 1, 2]),
    ])
}

fn arb_capacity() -> impl Strategy<Value = Capacity> {
    prop_oneof![
        6 => Just(Capacity::National),
        2 => Just(group("the Group of 77 and China")),
        1 => Just(group("  ")),
    ]
}

fn arb_mode() -> impl Strategy<Value = AttendanceMode> {
    prop_oneof![Just(AttendanceMode::InPerson), Just(AttendanceMode::Remote)]
}

/// Every kind of command, weighted towards the speakers list and the floor; closing the
/// meeting is rare, since nothing happens after it.
fn arb_command() -> impl Strategy<Value = Command> {
    use Command::*;
    prop_oneof![
        2 => Just(OpenMeeting),
        1 => Just(SuspendMeeting),
        4 => Just(ResumeMeeting),
        1 => Just(CloseMeeting),
        3 => (
            prop::sample::select(vec!["1", "2", "3", "3 (a)", ""]),
            prop::option::weighted(0.3, arb_item()),
        )
            .prop_map(|(number, parent)| AddAgendaItem {
                number: number.into(),
                title: "Agenda item".into(),
                parent,
            }),
        6 => arb_item().prop_map(|item| TakeUpItem { item }),
        6 => arb_mode().prop_map(|mode| CheckIn { mode }),
        3 => ((1i64..=4), arb_delegation(), arb_mode()).prop_map(|(p, delegation, mode)| {
            RecordAttendance {
                participant: ParticipantId(delegation.0 * 100 + p),
                delegation,
                mode,
            }
        }),
        24 => (arb_opt_item(), arb_capacity()).prop_map(|(item, capacity)| RequestFloor { item, capacity }),
        12 => (arb_delegation(), arb_opt_item(), arb_capacity(), any::<bool>()).prop_map(
            |(delegation, item, capacity, allow_additional)| InscribeSpeaker {
                delegation,
                item,
                capacity,
                allow_additional,
            }
        ),
        9 => arb_entry().prop_map(|entry| WithdrawEntry { entry }),
        9 => (arb_entry(), 0u32..4).prop_map(|(entry, position)| MoveEntry { entry, position }),
        6 => arb_opt_item().prop_map(|item| AnnounceListClosing { item }),
        12 => arb_opt_item().prop_map(|item| CloseList { item }),
        6 => arb_opt_item().prop_map(|item| ReopenList { item }),
        6 => Just(RaisePointOfOrder { about_voting: false }),
        3 => prop::sample::select(MotionKind::ALL.to_vec()).prop_map(|motion| RaiseMotion { motion }),
        15 => arb_opt_item().prop_map(|item| RequestRightOfReply { item }),
        24 => Just(NextSpeaker),
        18 => arb_entry().prop_map(|entry| GiveFloor { entry }),
        6 => Just(PauseSpeech),
        6 => Just(ResumeSpeech),
        15 => Just(EndSpeech),
        18 => (arb_entry(), any::<bool>()).prop_map(|(entry, upheld)| rule(entry, upheld)),
        2 => (prop::sample::select(vec![950i64, 951, 952, 960]), arb_channel())
            .prop_map(|(p, channel)| AssignInterpreter { participant: ParticipantId(p), channel }),
        2 => arb_channel().prop_map(|channel| TakeMicrophone { channel }),
        1 => arb_channel().prop_map(|channel| ReleaseMicrophone { channel }),
        2 => arb_channel().prop_map(|channel| AskToSlowDown { channel }),
        3 => (
            prop::collection::vec(arb_delegation(), 0..3),
            prop::bool::weighted(0.3),
            prop::option::weighted(0.4, arb_proposal()),
            prop::sample::select(vec!["", "Delete operative paragraph 3."]),
        )
            .prop_map(|(sponsors, budget_implications, amends, text)| TableProposal {
                reference: "E/CN.7/2026/L.2".into(),
                title: "Promoting alternative development".into(),
                sponsors,
                budget_implications,
                amends,
                text: text.into(),
            }),
        1 => (arb_proposal(), prop::collection::vec(arb_proposal(), 0..3))
            .prop_map(|(proposal, amendments)| SetVotingOrder { proposal, amendments }),
        1 => (arb_proposal(), prop::sample::select(vec!["Add \"and youth\" after \"children\".", " "]))
            .prop_map(|(proposal, text)| ReviseOrally { proposal, text: text.into() }),
        1 => arb_proposal().prop_map(|proposal| AmendProposal { proposal }),
        1 => arb_proposal().prop_map(|proposal| AdoptWithoutVote { proposal }),
        2 => (arb_proposal(), arb_method(), arb_majority()).prop_map(|(proposal, method, majority)| {
            OpenVote { proposal, method, majority, candidates: Vec::new(), seats: 1 }
        }),
        // Elections: three candidates for one to three places (four places cannot be).
        1 => (arb_proposal(), 0u32..5).prop_map(|(proposal, seats)| OpenVote {
            proposal,
            method: VoteMethod::SecretBallot,
            majority: Majority::PresentAndVoting,
            candidates: vec!["Ms. Ana Ruiz".into(), "Mr. Lars Berg".into(), "Ms. Mei Lin".into()],
            seats,
        }),
        1 => arb_proposal().prop_map(|proposal| OpenNextBallot { proposal }),
        1 => (arb_item(), prop::sample::select(vec!["1", "2", " "]))
            .prop_map(|(item, number)| EditAgendaItem { item, number: number.into(), title: "Revised title".into() }),
        1 => (arb_item(), prop::option::of(arb_item())).prop_map(|(item, after)| MoveAgendaItem { item, after }),
        1 => Just(AdoptAgenda),
        1 => arb_delegation().prop_map(|d| PassFloorMicrophone { participant: delegate_id(d) }),
        1 => (1i64..9).prop_map(|m| ContinueFrom { meeting: MeetingId(m) }),
        1 => (arb_proposal(), prop::sample::select(vec![vec!["Ms. Ana Ruiz"], vec!["Mr. Lars Berg", "Ms. Mei Lin"], vec![]]))
            .prop_map(|(proposal, names)| ElectByAcclamation {
                proposal,
                candidates: names.into_iter().map(String::from).collect(),
            }),
        4 => (arb_vote(), arb_choice()).prop_map(|(vote, choice)| CastVote { vote, choice }),
        1 => arb_vote().prop_map(|vote| PassMember { vote }),
        2 => (arb_vote(), prop::option::weighted(0.3, (0u32..3, 0u32..3, 0u32..3)))
            .prop_map(|(vote, counts)| CloseVote {
                vote,
                counts: counts.map(|(yes, no, abstain)| Tally { yes, no, abstain, ..Tally::default() }),
            }),
        6 => (arb_entry(), arb_delegation(), any::<bool>()).prop_map(|(entry, delegation, in_favour)| {
            HearOnMotion { entry, delegation, in_favour }
        }),
        4 => (arb_entry(), arb_method()).prop_map(|(entry, method)| PutToVote { entry, method }),
        3 => arb_entry().prop_map(|entry| AppealRuling { entry }),
        1 => Just(CheckOut),
        1 => ((1i64..=2), arb_delegation())
            .prop_map(|(p, d)| RecordDeparture { participant: ParticipantId(d.0 * 100 + p) }),
        1 => arb_proposal().prop_map(|proposal| WithdrawProposal { proposal }),
        1 => arb_proposal().prop_map(|proposal| RequestVote { proposal }),
        2 => arb_proposal().prop_map(|proposal| MoveReconsideration { proposal }),
        2 => (arb_proposal(), prop::collection::vec(prop::sample::select(vec!["Paragraph 1", "Paragraph 2", ""]), 0..4))
            .prop_map(|(proposal, parts)| MoveDivision {
                proposal,
                parts: parts.into_iter().map(String::from).collect(),
            }),
        1 => (arb_proposal(), prop::sample::select(vec!["Additional resources of $85,000.", " "]),
              prop::option::of(Just("E/CN.7/2026/CRP.5".to_string())))
            .prop_map(|(proposal, statement, document)| StateBudgetImplications {
                proposal,
                statement: statement.into(),
                document,
            }),
        2 => (arb_item(), any::<bool>(), prop::option::weighted(0.3, (5u32..=600, 5u32..=600)))
            .prop_map(|(item, order_by_rank, limits)| SetItemRules {
                item,
                rules: ItemRules {
                    order_by_rank,
                    time_limits: limits.map(|(state_secs, group_secs)| TimeLimits {
                        state_secs,
                        group_secs,
                        ..TimeLimits::default()
                    }),
                },
            }),
        4 => (arb_entry(), prop::sample::select(ProtocolRank::ALL.to_vec()))
            .prop_map(|(entry, rank)| SetSpeakerRank { entry, rank }),
        6 => (arb_delegation(), arb_room_command())
            .prop_map(|(delegation, command)| ActForDelegation { delegation, command: Box::new(command) }),
    ]
}

/// What the secretariat gives for a delegation in the room: mostly a delegate's commands,
/// now and then one it may not carry.
fn arb_room_command() -> impl Strategy<Value = Command> {
    use Command::*;
    prop_oneof![
        4 => (arb_opt_item(), arb_capacity()).prop_map(|(item, capacity)| RequestFloor { item, capacity }),
        3 => Just(RaisePointOfOrder { about_voting: false }),
        2 => prop::sample::select(MotionKind::ALL.to_vec()).prop_map(|motion| RaiseMotion { motion }),
        2 => arb_opt_item().prop_map(|item| RequestRightOfReply { item }),
        3 => (arb_vote(), arb_choice()).prop_map(|(vote, choice)| CastVote { vote, choice }),
        1 => arb_entry().prop_map(|entry| AppealRuling { entry }),
        1 => arb_entry().prop_map(|entry| WithdrawEntry { entry }),
        1 => arb_mode().prop_map(|mode| CheckIn { mode }),
        1 => Just(NextSpeaker),
    ]
}

/// Everyone who may act, with their role.
fn everyone() -> Vec<Actor> {
    let mut all = vec![chair(), secretariat(), interpreter(), room(), viewer()];
    all.extend(DELEGATIONS.iter().map(|d| delegate(*d)));
    all.extend(DELEGATIONS.iter().map(|d| second_delegate(*d)));
    all.push(Actor {
        delegation: None,
        ..delegate(AUSTRIA)
    });
    all
}

/// Mostly someone whose role may give the command (so that the rules get past the role
/// check), sometimes anyone.
fn arb_actor_for(command: &Command) -> impl Strategy<Value = Actor> {
    let entitled: Vec<Actor> = everyone()
        .into_iter()
        .filter(|a| floor_meeting::authority::permits(a.role, command))
        .collect();
    prop_oneof![
        6 => prop::sample::select(entitled),
        1 => arb_actor(),
    ]
}

fn arb_step() -> impl Strategy<Value = Step> {
    let delay = prop_oneof![
        2 => Just(0i64),
        6 => 1i64..=60,
        1 => 200i64..=500,
    ];
    (delay, arb_command(), any::<bool>()).prop_flat_map(|(delay_secs, command, aimed)| {
        arb_actor_for(&command).prop_map(move |actor| Step {
            delay_secs,
            actor,
            command: command.clone(),
            aimed,
        })
    })
}

fn arb_rules() -> impl Strategy<Value = SessionRules> {
    (
        1u32..=2,
        1u32..=2,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        0u32..=2,
        0u32..=2,
    )
        .prop_map(
            |(
                max_waiting_statements,
                max_replies_per_item,
                end_of_item,
                ngo_self_inscription,
                replies_for_all,
                adjourn_debate_speakers,
                closure_speakers_against,
            )| {
                SessionRules {
                    right_of_reply: if replies_for_all {
                        RightOfReplyFor::AllDelegations
                    } else {
                        RightOfReplyFor::States
                    },
                    adjourn_debate_speakers,
                    closure_speakers_against,
                    max_waiting_statements,
                    max_replies_per_item,
                    replies_taken: if end_of_item {
                        RepliesTaken::EndOfItem
                    } else {
                        RepliesTaken::EndOfDay
                    },
                    ngo_self_inscription,
                    ..SessionRules::default()
                }
            },
        )
}

/// The item a command names, or the one under consideration.
fn target<'a>(state: &'a MeetingState, item: &Option<AgendaItemId>) -> Option<&'a AgendaItem> {
    item.or(state.current_item).and_then(|i| state.item(i))
}

/// What holds whatever happened: one floor, replies within the limit, a consistent log.
fn check_meeting(f: &Fixture) -> Result<(), TestCaseError> {
    let s = &f.state;

    // At most one floor holder.
    prop_assert!(
        s.interrupted.is_none() || s.floor.is_some(),
        "a speech is set aside while nobody holds the floor: {:?}",
        s.interrupted
    );
    if let (Some(floor), Some(aside)) = (&s.floor, &s.interrupted) {
        let sets_aside = floor.entry.kind.is_intervention()
            || matches!(floor.entry.kind, EntryKind::OnMotion { .. });
        prop_assert!(
            sets_aside && !aside.entry.kind.is_intervention(),
            "only a point of order, a motion or a speech on one sets a speech aside: {:?} over {:?}",
            floor.entry,
            aside.entry
        );
    }
    for holder in s.floor.iter().chain(s.interrupted.iter()) {
        prop_assert!(
            s.find_entry(holder.entry.id).is_none(),
            "entry {} holds the floor and also waits in a list",
            holder.entry.id
        );
        prop_assert!(
            !s.awaiting_ruling.iter().any(|e| e.id == holder.entry.id),
            "entry {} holds the floor and also awaits a ruling",
            holder.entry.id
        );
    }

    // No delegation gets more rights of reply on an item than the session allows.
    for item in &s.agenda {
        for delegation in DELEGATIONS {
            prop_assert!(
                item.replies_of(delegation) <= f.ctx.rules.max_replies_per_item,
                "{:?} has {} replies on item {}",
                delegation,
                item.replies_of(delegation),
                item.id
            );
        }
    }

    // Sequence numbers run 1, 2, 3, ... without gaps.
    for (i, envelope) in f.log.iter().enumerate() {
        prop_assert_eq!(envelope.seq, i as u64 + 1, "gap in the log at {}", i);
    }
    prop_assert_eq!(s.seq, f.log.len() as u64);

    // The log alone rebuilds the meeting exactly.
    prop_assert_eq!(&MeetingState::replay(MEETING, &f.log), s, "replay differs");
    Ok(())
}

/// What holds for one command, given the meeting just before it.
fn check_step(
    f: &Fixture,
    before: &MeetingState,
    logged_before: usize,
    actor: &Actor,
    command: &Command,
    result: &Result<Vec<EventEnvelope>, Rejection>,
) -> Result<(), TestCaseError> {
    let rules = &f.ctx.rules;
    match result {
        Err(rejection) => {
            prop_assert_eq!(
                &f.state,
                before,
                "refused ({:?}) but changed the meeting",
                rejection
            );
            prop_assert_eq!(f.log.len(), logged_before);
        }
        Ok(envelopes) => {
            prop_assert!(!envelopes.is_empty(), "accepted without any event");
            prop_assert_eq!(envelopes[0].seq, before.seq + 1);
            for envelope in envelopes {
                prop_assert_eq!(&envelope.actor, actor);
                match &envelope.event {
                    // A point of order (and a motion) always precedes statements and replies.
                    Event::FloorGiven { entry, .. } if !entry.kind.is_intervention() => {
                        prop_assert!(
                            !before
                                .interventions
                                .iter()
                                .any(|e| e.kind == EntryKind::PointOfOrder),
                            "{:?} got the floor while a point of order waited: {:?}",
                            entry,
                            before.interventions
                        );
                        // (A speech on the motion being decided is part of deciding it.)
                        let on_motion = matches!(entry.kind, EntryKind::OnMotion { .. });
                        prop_assert!(
                            on_motion || before.interventions.is_empty(),
                            "{:?} got the floor while a motion waited: {:?}",
                            entry,
                            before.interventions
                        );
                    }
                    // Attendance is recorded only for a participant of that delegation,
                    // and only an interpreter of the session goes into a booth.
                    Event::AttendanceRecorded {
                        participant,
                        delegation,
                        ..
                    } => {
                        prop_assert_eq!(
                            f.ctx.participants.get(participant).and_then(|p| p.1),
                            Some(*delegation),
                            "{:?} recorded for {:?}",
                            participant,
                            delegation
                        );
                    }
                    Event::InterpreterAssigned { participant, .. } => {
                        prop_assert!(
                            matches!(
                                f.ctx.participants.get(participant),
                                Some((Role::Interpreter, _))
                            ),
                            "{:?} put in a booth",
                            participant
                        );
                    }
                    // Only members present vote.
                    Event::VoteCast { delegation, .. } => {
                        prop_assert!(
                            before
                                .attendance
                                .iter()
                                .any(|a| a.delegation == *delegation),
                            "{:?} voted with nobody present",
                            delegation
                        );
                    }
                    // Nothing is adopted without a vote once a member asked for one, nor
                    // before its budget implications are stated.
                    Event::AdoptedWithoutVote { proposal } => {
                        let p = before.proposal(*proposal);
                        prop_assert!(
                            p.is_some_and(|p| p.vote_requested_by.is_none()
                                && !p.awaits_budget_statement()
                                && !p.withdrawn),
                            "{:?} adopted without a vote",
                            p
                        );
                        check_order_of_voting(before, *proposal)?;
                    }
                    Event::VoteOpened { vote } if vote.subject == VoteSubject::Proposal => {
                        check_order_of_voting(before, vote.proposal)?;
                    }
                    // A closed list takes no statement (explanations of vote are not
                    // statements in the debate).
                    Event::SpeakerInscribed { entry }
                        if is_statement(&entry.kind) && !is_explanation(&entry.kind) =>
                    {
                        let item = entry.item.and_then(|i| before.item(i));
                        prop_assert!(item.is_some(), "statement on no item: {:?}", entry);
                        prop_assert_ne!(item.map(|i| i.list_status), Some(ListStatus::Closed));
                    }
                    // A speech ends only when the chair ends it; the overrun is reported.
                    Event::SpeechEnded {
                        entry,
                        spoken_ms,
                        overrun_ms,
                    } => {
                        // ...or adopts a motion adjourning the meeting or the debate.
                        prop_assert!(
                            matches!(
                                command,
                                Command::EndSpeech
                                    | Command::NextSpeaker
                                    | Command::Rule { upheld: true, .. }
                                    | Command::CloseVote { .. }
                            ),
                            "{:?} cut a speech",
                            command
                        );
                        // (An adjournment of the meeting ends the speech set aside too.)
                        let floor = [&before.floor, &before.interrupted]
                            .into_iter()
                            .flatten()
                            .find(|f| f.entry.id == *entry);
                        prop_assert!(
                            floor.is_some(),
                            "{:?} ended a speech not on the floor",
                            entry
                        );
                        let limit = floor.map_or(0, |f| f.limit_ms);
                        prop_assert_eq!(*overrun_ms, spoken_ms.saturating_sub(limit));
                    }
                    _ => {}
                }
            }
        }
    }

    // A closed list refuses statements...
    let open_meeting = before.status != MeetingStatus::Closed;
    let kind_of = |d: DelegationId| f.ctx.delegations.get(&d).copied();
    let closed = |item: &Option<AgendaItemId>| {
        target(before, item)
            .filter(|i| i.list_status == ListStatus::Closed)
            .map(|i| i.id)
    };
    match command {
        Command::RequestFloor { item, capacity } if !explains(capacity) => {
            let may_ask = actor.role == Role::Delegate
                && open_meeting
                && actor
                    .delegation
                    .and_then(kind_of)
                    .is_some_and(|k| k != DelegationKind::Ngo || rules.ngo_self_inscription);
            if let (true, Some(item)) = (may_ask, closed(item)) {
                prop_assert_eq!(result.as_ref().err(), Some(&Rejection::ListClosed { item }));
            }
        }
        Command::InscribeSpeaker {
            delegation,
            item,
            capacity,
            ..
        } if !explains(capacity) => {
            let may_inscribe =
                actor.role.presides() && open_meeting && kind_of(*delegation).is_some();
            if let (true, Some(item)) = (may_inscribe, closed(item)) {
                prop_assert_eq!(result.as_ref().err(), Some(&Rejection::ListClosed { item }));
            }
        }
        // ...but takes rights of reply, closed or not, while the delegation has some left.
        Command::RequestRightOfReply { item } => {
            if let (Role::Delegate, true, Some(d), Some(item)) = (
                actor.role,
                open_meeting,
                // An NGO's replies, like its statements, go through the chair unless the
                // rules let it inscribe itself.
                // Organizations reply only when the rules let every delegation reply.
                actor.delegation.filter(|d| match kind_of(*d) {
                    Some(DelegationKind::Member | DelegationKind::ObserverState) => true,
                    _ if rules.right_of_reply == RightOfReplyFor::States => false,
                    Some(DelegationKind::Ngo) => rules.ngo_self_inscription,
                    Some(_) => true,
                    None => false,
                }),
                target(before, item),
            ) {
                if item.replies_of(d) < rules.max_replies_per_item {
                    prop_assert!(
                        result.is_ok(),
                        "reply refused on item {} ({:?}): {:?}",
                        item.id,
                        item.list_status,
                        result
                    );
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// A proposal is decided after its amendments and parts, an amendment after those before
/// it in the order of voting, and a part after its proposal's amendments and earlier parts.
fn check_order_of_voting(before: &MeetingState, proposal: ProposalId) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        before.next_amendment(proposal),
        None,
        "{} decided before its amendments",
        proposal
    );
    if let Some(amended) = before.proposal(proposal).and_then(|p| p.amends) {
        prop_assert_eq!(
            before.next_amendment(amended),
            Some(proposal),
            "amendment {} out of order",
            proposal
        );
    }
    prop_assert_eq!(
        before.next_part(proposal),
        None,
        "{} decided before its parts",
        proposal
    );
    if let Some(whole) = before.proposal(proposal).and_then(|p| p.part_of) {
        prop_assert_eq!(
            before.next_amendment(whole),
            None,
            "part {} before amendments",
            proposal
        );
        prop_assert_eq!(
            before.next_part(whole),
            Some(proposal),
            "part {} out of order",
            proposal
        );
    }
    Ok(())
}

fn explains(capacity: &Capacity) -> bool {
    matches!(capacity, Capacity::ExplanationOfVote { .. })
}

fn is_explanation(kind: &EntryKind) -> bool {
    matches!(kind, EntryKind::Statement { capacity } if explains(capacity))
}

fn run_meeting(rules: SessionRules, set_up: bool, steps: &[Step]) -> Result<(), TestCaseError> {
    let mut f = if set_up {
        Fixture::open_with(rules)
    } else {
        Fixture::with_rules(rules)
    };
    check_meeting(&f)?;
    for step in steps {
        f.after_secs(step.delay_secs);
        let before = f.state.clone();
        let logged_before = f.log.len();
        let command = step.command_in(&f.state);
        let result = f.run(step.actor, command.clone());
        check_step(&f, &before, logged_before, &step.actor, &command, &result)?;
        check_meeting(&f)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_sequence_of_commands_keeps_the_meeting_consistent(
        rules in arb_rules(),
        set_up in prop::bool::weighted(0.85),
        steps in prop::collection::vec(arb_step(), 1..120),
    ) {
        run_meeting(rules, set_up, &steps)?;
    }
}

/// The random commands above reach every kind of command, so that the properties speak
/// for all of them.
#[test]
fn random_commands_cover_every_kind_of_command() {
    let mut runner = TestRunner::deterministic();
    let strategy = arb_command();
    let mut seen = BTreeSet::new();
    for _ in 0..5_000 {
        let command = strategy.new_tree(&mut runner).unwrap().current();
        seen.insert(variant(&command));
    }
    let all: BTreeSet<usize> = (0..COMMAND_KINDS).collect();
    assert_eq!(seen, all);
}

/// The properties are only worth something if the random meetings get somewhere: speeches
/// are interrupted, lists closed, replies heard.
#[test]
fn random_meetings_reach_the_interesting_situations() {
    let mut runner = TestRunner::deterministic();
    let strategy = (arb_rules(), prop::collection::vec(arb_step(), 60..120));
    let (mut interrupted, mut closed_list_replies, mut rulings, mut closed_list_refusals) =
        (0, 0, 0, 0);
    for _ in 0..200 {
        let (rules, steps) = strategy.new_tree(&mut runner).unwrap().current();
        let mut f = Fixture::open_with(rules);
        for step in &steps {
            f.after_secs(step.delay_secs);
            let command = step.command_in(&f.state);
            let list_closed = matches!(
                &command,
                Command::RequestRightOfReply { item } | Command::RequestFloor { item, .. }
                    if target(&f.state, item).is_some_and(|i| i.list_status == ListStatus::Closed)
            );
            match (f.run(step.actor, command), list_closed) {
                (Ok(events), true) => {
                    closed_list_replies += events
                        .iter()
                        .filter(|e| {
                            matches!(&e.event, Event::SpeakerInscribed { entry }
                                if matches!(entry.kind, EntryKind::RightOfReply { .. }))
                        })
                        .count()
                }
                (Err(Rejection::ListClosed { .. }), true) => closed_list_refusals += 1,
                (Ok(events), false) => {
                    for e in events {
                        match e.event {
                            Event::FloorGiven {
                                interrupts: Some(_),
                                ..
                            } => interrupted += 1,
                            Event::RulingGiven { .. } => rulings += 1,
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
    }
    assert!(interrupted >= 10, "only {interrupted} interruptions");
    assert!(rulings >= 20, "only {rulings} rulings");
    assert!(
        closed_list_replies >= 20,
        "only {closed_list_replies} replies on closed lists"
    );
    assert!(
        closed_list_refusals >= 20,
        "only {closed_list_refusals} refusals on closed lists"
    );
}

/// A step of a motion's or an appeal's way: raised, heard, debated, ruled on, appealed,
/// put to the vote, voted, closed; aimed at what the meeting has waiting.
fn arb_procedural_step() -> impl Strategy<Value = Step> {
    use Command::*;
    let command = prop_oneof![
        1 => Just(RaisePointOfOrder {
            about_voting: false
        }),
        1 => prop::sample::select(MotionKind::ALL.to_vec()).prop_map(|motion| RaiseMotion { motion }),
        1 => Just(GiveFloor { entry: EntryId(1) }),
        1 => Just(EndSpeech),
        1 => any::<bool>().prop_map(|upheld| rule(EntryId(1), upheld)),
        // Twice as often: a speech on a motion needs the motion waiting and not yet ruled
        // on, which random steps seldom leave.
        2 => (arb_delegation(), any::<bool>()).prop_map(|(delegation, in_favour)| HearOnMotion {
            entry: EntryId(1),
            delegation,
            in_favour,
        }),
        1 => Just(AppealRuling { entry: EntryId(1) }),
        1 => arb_method().prop_map(|method| PutToVote {
            entry: EntryId(1),
            method
        }),
        1 => (arb_vote(), arb_choice()).prop_map(|(vote, choice)| CastVote { vote, choice }),
        1 => (arb_vote(), (0u32..3, 0u32..3)).prop_map(|(vote, (yes, no))| CloseVote {
            vote,
            counts: Some(Tally {
                yes,
                no,
                abstain: 0,
                candidates: vec![],
                ..Tally::default()
            }),
        }),
        1 => arb_vote().prop_map(|vote| CloseVote { vote, counts: None }),
    ];
    command.prop_flat_map(|command| {
        arb_actor_for(&command).prop_map(move |actor| Step {
            delay_secs: 5,
            actor,
            command: command.clone(),
            aimed: true,
        })
    })
}

/// Random meetings with a quorum present, where motions and appeals get somewhere: motions
/// are debated, voted and take effect, rulings are appealed and the appeals voted, all
/// under the same properties as any other command.
#[test]
fn random_quorate_meetings_debate_and_vote_motions_and_appeals() {
    let mut runner = TestRunner::deterministic();
    // Any command, and often one of those that take a motion or an appeal further.
    let step = prop_oneof![2 => arb_step(), 1 => arb_procedural_step()];
    let strategy = (arb_rules(), prop::collection::vec(step, 60..120));
    let (mut effects, mut speeches, mut motion_votes, mut appeal_votes) = (0, 0, 0, 0);
    for _ in 0..300 {
        let (rules, steps) = strategy.new_tree(&mut runner).unwrap().current();
        let mut f = Fixture::open_with(rules);
        for d in [AUSTRIA, BRAZIL, CHILE] {
            f.check_in(delegate(d), AttendanceMode::Remote);
        }
        for step in &steps {
            f.after_secs(step.delay_secs);
            let before = f.state.clone();
            let logged_before = f.log.len();
            let command = step.command_in(&f.state);
            let result = f.run(step.actor, command.clone());
            check_step(&f, &before, logged_before, &step.actor, &command, &result).unwrap();
            check_meeting(&f).unwrap();
            for e in result.iter().flatten() {
                match &e.event {
                    Event::MeetingSuspended | Event::MeetingClosed
                        if !matches!(command, Command::SuspendMeeting | Command::CloseMeeting) =>
                    {
                        effects += 1
                    }
                    Event::DebateClosed { .. } | Event::DebateAdjourned { .. } => effects += 1,
                    Event::FloorGiven { entry, .. }
                        if matches!(entry.kind, EntryKind::OnMotion { .. }) =>
                    {
                        speeches += 1
                    }
                    Event::VoteOpened { vote } => match vote.subject {
                        VoteSubject::Motion { .. } => motion_votes += 1,
                        VoteSubject::Appeal { .. } => appeal_votes += 1,
                        VoteSubject::Proposal => {}
                    },
                    _ => {}
                }
            }
        }
    }
    eprintln!("{effects} motions took effect, {speeches} speeches on motions, {motion_votes} votes on motions, {appeal_votes} on appeals");
    assert!(effects >= 20, "only {effects} motions took effect");
    assert!(speeches >= 2, "only {speeches} speeches on motions");
    assert!(motion_votes >= 10, "only {motion_votes} votes on motions");
    assert!(appeal_votes >= 5, "only {appeal_votes} votes on appeals");
}
