//! Amendments and the order of voting, as the chair runs them: an amendment is a proposal
//! of its own, with its text, linked to the proposal it amends; amendments are decided
//! before the proposal, in the order the chair sets (the one furthest removed in substance
//! first); an amendment adopted amends the proposal, which is then voted as amended; oral
//! revisions are read out and recorded before action; a proposal divided has its parts
//! voted separately, then the whole (rejected if every part is).

use crate::helpers::*;
use floor_protocol::command::Capacity;
use floor_protocol::roster::AttendanceMode::Remote;
use floor_protocol::vote::{Majority, Outcome, Tally, VoteMethod};
use floor_protocol::*;
use Command::*;

const DRAFT: ProposalId = ProposalId(1);
const DELETE_PARAGRAPH: ProposalId = ProposalId(2);
const REPLACE_WORD: ProposalId = ProposalId(3);

fn quorate() -> Fixture {
    let mut f = Fixture::open();
    for d in [AUSTRIA, BRAZIL, CHILE, DENMARK] {
        f.check_in(delegate(d), Remote);
    }
    f
}

fn amendment(amends: ProposalId, sponsor: DelegationId, text: &str) -> Command {
    TableProposal {
        reference: format!("E/CN.7/2026/L.{}", 10 + sponsor.0),
        title: "Amendment to draft resolution E/CN.7/2026/L.2".into(),
        sponsors: vec![sponsor],
        budget_implications: false,
        amends: Some(amends),
        text: text.into(),
    }
}

/// Austria's draft (1) with Brazil's amendment deleting a paragraph (2) and Chile's
/// replacing a word (3), tabled in that order.
fn draft_with_two_amendments() -> Fixture {
    let mut f = quorate();
    f.ok(chair(), table_proposal(&[AUSTRIA]));
    f.ok(
        chair(),
        amendment(DRAFT, BRAZIL, "Delete operative paragraph 3."),
    );
    f.ok(
        chair(),
        amendment(
            DRAFT,
            CHILE,
            "In operative paragraph 2, replace \"urges\" with \"invites\".",
        ),
    );
    f
}

fn put(proposal: ProposalId) -> Command {
    OpenVote {
        proposal,
        method: VoteMethod::ShowOfHands,
        majority: Majority::PresentAndVoting,
        candidates: vec![],
        seats: 1,
    }
}

/// Proposal `proposal` voted by show of hands, `yes`–`no`; the events of the close.
fn vote_on(f: &mut Fixture, proposal: ProposalId, yes: u32, no: u32) -> Vec<Event> {
    let vote = match f.ok(chair(), put(proposal)).as_slice() {
        [Event::VoteOpened { vote }] => vote.id,
        other => panic!("{other:?}"),
    };
    f.ok(
        chair(),
        CloseVote {
            vote,
            counts: Some(Tally {
                yes,
                no,
                abstain: 0,
                candidates: vec![],
                ..Tally::default()
            }),
        },
    )
}

fn outcome(events: &[Event]) -> Outcome {
    match events.first() {
        Some(Event::VoteClosed { result, .. }) => result.outcome.clone(),
        _ => panic!("no result: {events:?}"),
    }
}

#[test]
fn a_draft_with_two_amendments_is_voted_in_the_order_the_chair_set_then_as_amended() {
    let mut f = draft_with_two_amendments();
    let draft = f.state.proposal(DRAFT).unwrap();
    assert_eq!(draft.amendments, [DELETE_PARAGRAPH, REPLACE_WORD]);
    assert_eq!(
        f.state.proposal(REPLACE_WORD).unwrap().text,
        "In operative paragraph 2, replace \"urges\" with \"invites\"."
    );

    // The chair judges the replacement furthest removed in substance: it goes first.
    let order = |amendments: Vec<ProposalId>| SetVotingOrder {
        proposal: DRAFT,
        amendments,
    };
    for wrong in [
        vec![REPLACE_WORD],
        vec![REPLACE_WORD, DELETE_PARAGRAPH, DRAFT],
        vec![REPLACE_WORD, REPLACE_WORD],
    ] {
        assert_eq!(
            f.refused(chair(), order(wrong)),
            Rejection::InvalidVotingOrder { proposal: DRAFT }
        );
    }
    f.ok(chair(), order(vec![REPLACE_WORD, DELETE_PARAGRAPH]));
    assert_eq!(f.state.next_amendment(DRAFT), Some(REPLACE_WORD));

    // Neither the draft nor the other amendment is put before the next amendment.
    assert_eq!(
        f.refused(chair(), put(DRAFT)),
        Rejection::AmendmentsFirst {
            proposal: DRAFT,
            amendment: REPLACE_WORD
        }
    );
    assert_eq!(
        f.refused(chair(), AdoptWithoutVote { proposal: DRAFT }),
        Rejection::AmendmentsFirst {
            proposal: DRAFT,
            amendment: REPLACE_WORD
        }
    );
    assert_eq!(
        f.refused(chair(), put(DELETE_PARAGRAPH)),
        Rejection::AmendmentOutOfOrder {
            amendment: DELETE_PARAGRAPH,
            next: REPLACE_WORD
        }
    );

    // The replacement is rejected: the draft is not amended by it.
    let events = vote_on(&mut f, REPLACE_WORD, 1, 3);
    assert_eq!(outcome(&events), Outcome::Rejected);
    assert_eq!(events.len(), 1, "{events:?}");
    assert!(!f.state.proposal(DRAFT).unwrap().amended);
    assert_eq!(f.state.next_amendment(DRAFT), Some(DELETE_PARAGRAPH));

    // The deletion is adopted: the draft is amended, in the same step.
    let events = vote_on(&mut f, DELETE_PARAGRAPH, 3, 1);
    assert_eq!(outcome(&events), Outcome::Adopted);
    assert_eq!(events[1], Event::ProposalAmended { proposal: DRAFT });
    assert_eq!(f.state.next_amendment(DRAFT), None);

    // The draft as amended: its sponsors may now explain their vote on it.
    f.ok(
        delegate(AUSTRIA),
        RequestFloor {
            item: None,
            capacity: Capacity::ExplanationOfVote { proposal: DRAFT },
        },
    );
    assert_eq!(outcome(&vote_on(&mut f, DRAFT, 3, 1)), Outcome::Adopted);

    let state = MeetingState::replay(MEETING, &f.log);
    assert_eq!(state, f.state);
    assert!(state.proposal(DRAFT).unwrap().amended);
    // The record lists each vote, amendments first.
    let votes: Vec<ProposalId> = state.votes.iter().map(|v| v.proposal).collect();
    assert_eq!(votes, [REPLACE_WORD, DELETE_PARAGRAPH, DRAFT]);
}

#[test]
fn without_an_order_set_amendments_are_voted_as_tabled_and_a_withdrawn_one_is_skipped() {
    let mut f = draft_with_two_amendments();
    f.ok(
        delegate(BRAZIL),
        WithdrawProposal {
            proposal: DELETE_PARAGRAPH,
        },
    );
    assert_eq!(f.state.next_amendment(DRAFT), Some(REPLACE_WORD));
    let events = f.ok(
        chair(),
        AdoptWithoutVote {
            proposal: REPLACE_WORD,
        },
    );
    assert_eq!(
        events,
        [
            Event::AdoptedWithoutVote {
                proposal: REPLACE_WORD
            },
            Event::ProposalAmended { proposal: DRAFT },
        ]
    );
    f.ok(chair(), AdoptWithoutVote { proposal: DRAFT });
    assert_eq!(MeetingState::replay(MEETING, &f.log), f.state);
}

#[test]
fn an_amendment_has_its_text_and_amends_a_proposal_still_before_the_meeting() {
    let mut f = draft_with_two_amendments();
    assert_eq!(
        f.refused(chair(), amendment(DRAFT, DENMARK, "  ")),
        Rejection::InvalidText {
            field: "text".into(),
            max_chars: 5000
        }
    );
    assert_eq!(
        f.refused(chair(), amendment(DRAFT, DENMARK, &"x".repeat(5001))),
        Rejection::InvalidText {
            field: "text".into(),
            max_chars: 5000
        }
    );
    assert_eq!(
        f.refused(
            chair(),
            amendment(ProposalId(9), DENMARK, "Add a paragraph.")
        ),
        Rejection::UnknownProposal {
            proposal: ProposalId(9)
        }
    );
    assert_eq!(
        f.refused(
            chair(),
            amendment(DELETE_PARAGRAPH, DENMARK, "Keep paragraph 3.")
        ),
        Rejection::AmendsAnAmendment {
            proposal: DELETE_PARAGRAPH
        }
    );
    // A draft decided or withdrawn takes no more amendments.
    f.ok(chair(), table_proposal(&[DENMARK])); // 4
    f.ok(
        chair(),
        AdoptWithoutVote {
            proposal: ProposalId(4),
        },
    );
    assert_eq!(
        f.refused(chair(), amendment(ProposalId(4), CHILE, "Add a paragraph.")),
        Rejection::AlreadyDecided {
            proposal: ProposalId(4)
        }
    );
    f.ok(chair(), table_proposal(&[DENMARK])); // 5
    f.ok(
        delegate(DENMARK),
        WithdrawProposal {
            proposal: ProposalId(5),
        },
    );
    assert_eq!(
        f.refused(chair(), amendment(ProposalId(5), CHILE, "Add a paragraph.")),
        Rejection::ProposalWithdrawn {
            proposal: ProposalId(5)
        }
    );
}

#[test]
fn the_sponsors_oral_revisions_are_recorded_before_action() {
    let mut f = quorate();
    f.ok(chair(), table_proposal(&[AUSTRIA]));
    let revise = |text: &str| ReviseOrally {
        proposal: DRAFT,
        text: text.into(),
    };
    let text = "In the sixth preambular paragraph, insert \"and youth\" after \"children\".";
    let events = f.ok(delegate(AUSTRIA), revise(text));
    assert_eq!(
        events,
        [Event::OralRevisionRecorded {
            proposal: DRAFT,
            text: text.into(),
            by: Some(AUSTRIA)
        }]
    );
    assert_eq!(
        f.refused(delegate(CHILE), revise("Delete paragraph 1.")),
        Rejection::NotProposalSponsor { proposal: DRAFT }
    );
    assert_eq!(
        f.refused(delegate(AUSTRIA), revise(" ")),
        Rejection::InvalidText {
            field: "text".into(),
            max_chars: 5000
        }
    );
    // The secretariat records what the sponsors read out from the room.
    f.ok(secretariat(), revise("Delete operative paragraph 4."));
    let revisions = &f.state.proposal(DRAFT).unwrap().oral_revisions;
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[1].by, None);
    // An oral revision is not an amendment: the sponsors still do not explain their vote.
    assert!(!f.state.proposal(DRAFT).unwrap().amended);

    f.ok(chair(), AdoptWithoutVote { proposal: DRAFT });
    assert_eq!(
        f.refused(delegate(AUSTRIA), revise("Too late.")),
        Rejection::AlreadyDecided { proposal: DRAFT }
    );
    assert_eq!(MeetingState::replay(MEETING, &f.log), f.state);
}

// --- division

/// Denmark moves that operative paragraphs 1 and 2 of the draft be voted separately, and
/// its motion is heard; the motion's entry.
fn division_moved(f: &mut Fixture) -> EntryId {
    let entry = entry_of(&f.ok(
        delegate(DENMARK),
        MoveDivision {
            proposal: DRAFT,
            parts: vec![
                " Operative paragraph 1 ".into(),
                "Operative paragraph 2".into(),
            ],
        },
    ));
    f.ok(chair(), GiveFloor { entry });
    f.ok(chair(), EndSpeech);
    entry
}

#[test]
fn a_division_adopted_has_the_parts_voted_separately_then_the_whole() {
    let mut f = quorate();
    f.ok(chair(), table_proposal(&[AUSTRIA]));
    let motion = division_moved(&mut f);

    // Two for and two against, then the vote (a majority of those present and voting).
    for (d, in_favour) in [
        (CHILE, true),
        (BRAZIL, true),
        (AUSTRIA, false),
        (HOLY_SEE, false),
    ] {
        f.ok(
            chair(),
            HearOnMotion {
                entry: motion,
                delegation: d,
                in_favour,
            },
        );
        f.ok(chair(), EndSpeech);
    }
    assert_eq!(
        f.refused(
            chair(),
            HearOnMotion {
                entry: motion,
                delegation: WHO,
                in_favour: true,
            }
        ),
        Rejection::NoMoreSpeakersOnMotion {
            entry: motion,
            in_favour: true,
            max: 2
        }
    );
    let vote = match f
        .ok(
            chair(),
            PutToVote {
                entry: motion,
                method: VoteMethod::ShowOfHands,
            },
        )
        .as_slice()
    {
        [Event::VoteOpened { vote }] => vote.id,
        other => panic!("{other:?}"),
    };
    let events = f.ok(
        chair(),
        CloseVote {
            vote,
            counts: Some(Tally {
                yes: 3,
                no: 1,
                abstain: 0,
                candidates: vec![],
                ..Tally::default()
            }),
        },
    );
    let (first, second) = (ProposalId(2), ProposalId(3));
    match events.last() {
        Some(Event::ProposalDivided { proposal, parts }) => {
            assert_eq!(*proposal, DRAFT);
            let texts: Vec<&str> = parts.iter().map(|p| p.text.as_str()).collect();
            assert_eq!(texts, ["Operative paragraph 1", "Operative paragraph 2"]);
            assert_eq!(parts[1].reference, "E/CN.7/2026/L.2, part 2");
            assert_eq!(parts[0].part_of, Some(DRAFT));
        }
        other => panic!("no division: {other:?}"),
    }
    assert_eq!(f.state.proposal(DRAFT).unwrap().parts, [first, second]);

    // The parts in order, then the whole.
    assert_eq!(
        f.refused(chair(), put(DRAFT)),
        Rejection::PartsFirst {
            proposal: DRAFT,
            part: first
        }
    );
    assert_eq!(
        f.refused(chair(), put(second)),
        Rejection::PartsFirst {
            proposal: DRAFT,
            part: first
        }
    );
    assert_eq!(outcome(&vote_on(&mut f, first, 1, 3)), Outcome::Rejected);
    assert_eq!(outcome(&vote_on(&mut f, second, 3, 1)), Outcome::Adopted);
    assert_eq!(outcome(&vote_on(&mut f, DRAFT, 3, 1)), Outcome::Adopted);
    assert_eq!(MeetingState::replay(MEETING, &f.log), f.state);
}

#[test]
fn a_divided_draft_whose_every_part_is_rejected_is_rejected() {
    let mut f = quorate();
    f.ok(chair(), table_proposal(&[AUSTRIA]));
    let motion = division_moved(&mut f);
    // Nobody objects: the chair grants the division.
    let events = f.ok(chair(), rule(motion, true));
    assert!(matches!(events.last(), Some(Event::ProposalDivided { .. })));
    vote_on(&mut f, ProposalId(2), 0, 4);
    let events = vote_on(&mut f, ProposalId(3), 1, 3);
    assert_eq!(
        events.last(),
        Some(&Event::ProposalRejectedInParts { proposal: DRAFT })
    );
    assert!(matches!(
        f.state.proposal(DRAFT).unwrap().decision,
        Some(floor_protocol::vote::Decision::RejectedInParts { .. })
    ));
    assert_eq!(
        f.refused(chair(), put(DRAFT)),
        Rejection::AlreadyDecided { proposal: DRAFT }
    );
    let record = floor_meeting::record::meeting_record(MEETING, &f.log, &names());
    let last = record.decisions.last().unwrap();
    assert_eq!(
        (last.proposal, &last.outcome),
        (DRAFT, &Some(Outcome::Rejected))
    );
}

#[test]
fn a_division_names_two_parts_or_more_of_a_proposal_not_divided() {
    let mut f = draft_with_two_amendments();
    let divide = |proposal, parts: &[&str]| MoveDivision {
        proposal,
        parts: parts.iter().map(|p| p.to_string()).collect(),
    };
    for (proposal, parts) in [
        (DRAFT, vec!["Operative paragraph 1"]),
        (DRAFT, vec!["Operative paragraph 1", " "]),
        (DELETE_PARAGRAPH, vec!["First half", "Second half"]),
    ] {
        assert_eq!(
            f.refused(delegate(DENMARK), divide(proposal, &parts)),
            Rejection::InvalidDivision { proposal }
        );
    }
    assert_eq!(
        f.refused(delegate(HOLY_SEE), divide(DRAFT, &["1", "2"])),
        Rejection::NotAMember {
            delegation: HOLY_SEE
        }
    );
    assert_eq!(
        f.refused(
            delegate(DENMARK),
            RaiseMotion {
                motion: MotionKind::Division
            }
        ),
        Rejection::MotionNamesProposal
    );
}

/// The scenario, read back from the log alone: a draft with two amendments voted
/// in the chair's order, one adopted; the draft divided on one paragraph, the parts and
/// then the whole as amended voted; a reconsideration refused without two thirds.
#[test]
fn the_last_day_of_a_draft_read_back_from_the_log_alone() {
    let mut f = draft_with_two_amendments();
    for d in 5..=7 {
        f.ctx
            .delegations
            .insert(DelegationId(d), DelegationKind::Member);
        f.check_in(delegate(DelegationId(d)), Remote);
    }
    f.ok(
        chair(),
        SetVotingOrder {
            proposal: DRAFT,
            amendments: vec![REPLACE_WORD, DELETE_PARAGRAPH],
        },
    );
    vote_on(&mut f, REPLACE_WORD, 2, 5);
    vote_on(&mut f, DELETE_PARAGRAPH, 5, 2);
    let motion = entry_of(&f.ok(
        delegate(DENMARK),
        MoveDivision {
            proposal: DRAFT,
            parts: vec![
                "Operative paragraph 4".into(),
                "The rest of the draft".into(),
            ],
        },
    ));
    f.ok(chair(), rule(motion, true));
    vote_on(&mut f, ProposalId(4), 3, 4);
    vote_on(&mut f, ProposalId(5), 6, 1);
    vote_on(&mut f, DRAFT, 6, 1);
    let motion = entry_of(&f.ok(delegate(BRAZIL), MoveReconsideration { proposal: DRAFT }));
    f.ok(chair(), GiveFloor { entry: motion });
    f.ok(chair(), EndSpeech);
    let vote = match f
        .ok(
            chair(),
            PutToVote {
                entry: motion,
                method: VoteMethod::ShowOfHands,
            },
        )
        .as_slice()
    {
        [Event::VoteOpened { vote }] => vote.id,
        other => panic!("{other:?}"),
    };
    f.ok(
        chair(),
        CloseVote {
            vote,
            counts: Some(Tally {
                yes: 4,
                no: 3,
                abstain: 0,
                candidates: vec![],
                ..Tally::default()
            }),
        },
    );

    // Only the log is kept.
    let state = MeetingState::replay(MEETING, &f.log);
    let draft = state.proposal(DRAFT).unwrap();
    assert!(draft.amended);
    assert_eq!(draft.amendments, [REPLACE_WORD, DELETE_PARAGRAPH]);
    assert_eq!(draft.parts, [ProposalId(4), ProposalId(5)]);
    assert!(matches!(
        draft.decision,
        Some(floor_protocol::vote::Decision::Voted { vote: VoteId(5) })
    ));
    let record = floor_meeting::record::meeting_record(MEETING, &f.log, &names());
    let decided: Vec<(String, Option<Outcome>)> = record
        .decisions
        .iter()
        .map(|d| (d.reference.clone(), d.outcome.clone()))
        .collect();
    assert_eq!(
        decided,
        [
            ("E/CN.7/2026/L.13".to_string(), Some(Outcome::Rejected)),
            ("E/CN.7/2026/L.12".to_string(), Some(Outcome::Adopted)),
            (
                "E/CN.7/2026/L.2, part 1".to_string(),
                Some(Outcome::Rejected)
            ),
            (
                "E/CN.7/2026/L.2, part 2".to_string(),
                Some(Outcome::Adopted)
            ),
            ("E/CN.7/2026/L.2".to_string(), Some(Outcome::Adopted)),
            (format!("motion {motion}"), Some(Outcome::Rejected)),
        ]
    );
}
