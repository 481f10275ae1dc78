//! Decisions and voting (rules 56–62 and 66) as the chair, the delegates and the
//! secretariat notice them: decisions without a vote, the quorum, who may vote, the four
//! methods, the majority each vote requires, and explanations of vote.

use crate::helpers::*;
use floor_meeting::voting::verify_draw;
use floor_meeting::MeetingContext;
use floor_protocol::command::Capacity;
use floor_protocol::meeting::EntryKind;
use floor_protocol::roster::AttendanceMode::{InPerson, Remote};
use floor_protocol::vote::{
    election_outcome, required_and_adopted, Choice, Decision, Majority, MemberVote, Outcome,
    RollCall, Tally, VoteMethod, VoteResult,
};
use floor_protocol::*;
use Command::*;
use Majority::*;
use VoteMethod::*;

const P1: ProposalId = ProposalId(1);
const P2: ProposalId = ProposalId(2);
const V1: VoteId = VoteId(1);

const MEMBERS: [DelegationId; 4] = [AUSTRIA, BRAZIL, CHILE, DENMARK];
const NON_MEMBERS: [DelegationId; 4] = [HOLY_SEE, AFRICAN_UNION, WHO, NGO];

/// An open meeting with every member checked in and draft resolution L.2 (proposal 1),
/// sponsored by `sponsors`, before it.
fn quorate(sponsors: &[DelegationId]) -> Fixture {
    let mut f = Fixture::open();
    for d in MEMBERS {
        f.check_in(delegate(d), Remote);
    }
    f.ok(secretariat(), table_proposal(sponsors));
    f
}

/// A commission of `members` member States (ids 1..=members, listed in UN order).
fn commission(members: i64) -> MeetingContext {
    let ids: Vec<DelegationId> = (1..=members).map(DelegationId).collect();
    MeetingContext {
        rules: SessionRules::default(),
        delegations: ids.iter().map(|d| (*d, DelegationKind::Member)).collect(),
        participants: Default::default(),
        un_order: ids,
        entropy: [7; 32],
        ballot_tally: None,
        previous: None,
    }
}

fn tally(yes: u32, no: u32, abstain: u32) -> Tally {
    Tally {
        yes,
        no,
        abstain,
        candidates: Vec::new(),
        ..Tally::default()
    }
}

fn cast(choice: Choice) -> Command {
    CastVote { vote: V1, choice }
}

fn close(counts: Option<Tally>) -> Command {
    CloseVote { vote: V1, counts }
}

fn mv(delegation: DelegationId, choice: Choice) -> MemberVote {
    MemberVote { delegation, choice }
}

fn explain(proposal: ProposalId) -> Command {
    RequestFloor {
        item: None,
        capacity: Capacity::ExplanationOfVote { proposal },
    }
}

/// Elect one of `candidates` by secret ballot on proposal 1.
fn election(candidates: &[&str]) -> Command {
    OpenVote {
        proposal: P1,
        method: SecretBallot,
        majority: PresentAndVoting,
        candidates: candidates.iter().map(|c| c.to_string()).collect(),
        seats: 1,
    }
}

/// The result announced by a `VoteClosed`.
#[track_caller]
fn result_of(events: &[Event]) -> VoteResult {
    match events {
        [Event::VoteClosed { result, .. }] => result.clone(),
        _ => panic!("expected the vote's result, got {events:?}"),
    }
}

/// The roll call under way (or last taken).
#[track_caller]
fn roll_call(f: &Fixture) -> RollCall {
    f.state
        .votes
        .last()
        .and_then(|v| v.roll_call.clone())
        .expect("no roll call")
}

fn called(f: &Fixture) -> Option<DelegationId> {
    roll_call(f).called()
}

// --- the majority

#[test]
fn the_majority_a_vote_requires_decides_whether_the_proposal_is_adopted() {
    // (majority, yes, no, abstentions, members, votes required, adopted, the case)
    #[rustfmt::skip]
    let cases = [
        (PresentAndVoting, 27, 25, 1, 53, 27, true, "CND, December 2020: 27-25-1, abstentions do not count as voting"),
        (PresentAndVoting, 26, 26, 1, 53, 27, false, "a tie is not adopted"),
        (PresentAndVoting, 26, 27, 0, 53, 27, false, "more against than for"),
        (PresentAndVoting, 1, 0, 52, 53, 1, true, "one yes among abstentions carries"),
        (PresentAndVoting, 0, 0, 53, 53, 1, false, "when everyone abstains nothing is adopted"),
        (TwoThirdsOfMembers, 36, 0, 0, 53, 36, true, "36 of the 53 members"),
        (TwoThirdsOfMembers, 36, 17, 0, 53, 36, true, "36 of 53 with the rest against"),
        (TwoThirdsOfMembers, 35, 0, 18, 53, 36, false, "35 of 53 fails even if nobody votes no"),
        (TwoThirdsOfMembers, 35, 0, 0, 53, 36, false, "35 of 53 fails even if they are all who vote"),
        (TwoThirdsOfMembers, 27, 0, 0, 40, 27, true, "CCPCJ: 27 of 40"),
        (TwoThirdsOfMembers, 26, 0, 14, 40, 27, false, "CCPCJ: 26 of 40"),
        (TwoThirdsPresentAndVoting, 20, 10, 23, 53, 20, true, "exactly two thirds of those voting"),
        (TwoThirdsPresentAndVoting, 19, 10, 0, 53, 20, false, "19 of 29 is short of two thirds"),
        (TwoThirdsPresentAndVoting, 2, 1, 50, 53, 2, true, "two of three voting, the abstentions aside"),
        (TwoThirdsPresentAndVoting, 35, 18, 0, 53, 36, false, "35 of 53 voting"),
        (TwoThirdsPresentAndVoting, 0, 0, 10, 53, 1, false, "nobody voting adopts nothing"),
    ];
    for (majority, yes, no, abstain, members, required, adopted, case) in cases {
        assert_eq!(
            required_and_adopted(majority, &tally(yes, no, abstain), members),
            (required, adopted),
            "{case}"
        );
    }
    assert_eq!(tally(27, 25, 1).present_and_voting(), 52);
    assert_eq!(tally(27, 25, 1).ballots(), 53);
}

#[test]
fn an_election_needs_a_candidate_with_the_required_majority() {
    let ballots = |candidates: &[u32], abstain: u32| Tally {
        abstain,
        candidates: candidates.to_vec(),
        ..Tally::default()
    };
    #[rustfmt::skip]
    let cases = [
        (PresentAndVoting, ballots(&[2, 1], 1), 4, (2, Outcome::Elected { candidate: 0 }), "2 of 3 voting"),
        (PresentAndVoting, ballots(&[1, 3], 0), 4, (3, Outcome::Elected { candidate: 1 }), "the second candidate"),
        (PresentAndVoting, ballots(&[2, 2], 0), 4, (3, Outcome::NotElected), "a tie elects nobody"),
        (PresentAndVoting, ballots(&[20, 20, 13], 0), 53, (27, Outcome::NotElected), "no candidate has a majority"),
        (PresentAndVoting, ballots(&[0, 0], 4), 4, (1, Outcome::NotElected), "everyone abstained"),
        (TwoThirdsOfMembers, ballots(&[35, 18], 0), 53, (36, Outcome::NotElected), "35 of 53"),
        (TwoThirdsOfMembers, ballots(&[36, 17], 0), 53, (36, Outcome::Elected { candidate: 0 }), "36 of 53"),
    ];
    for (majority, tally, members, expected, case) in cases {
        assert_eq!(
            election_outcome(majority, &tally, members),
            expected,
            "{case}"
        );
    }
}

#[test]
fn the_cannabis_vote_of_december_2020_passes_27_to_25_with_1_abstention() {
    let mut f = Fixture::open();
    f.ctx = commission(53);
    // One representative per member in the room, everyone else online.
    for d in 1..=53 {
        f.check_in(delegate(DelegationId(d)), InPerson);
        f.check_in(second_delegate(DelegationId(d)), Remote);
    }
    f.ok(
        chair(),
        TableProposal {
            reference: "E/CN.7/2020/CRP.19".into(),
            title: "Delete cannabis and cannabis resin from Schedule IV of the 1961 Convention"
                .into(),
            sponsors: vec![],
            budget_implications: false,
            amends: None,
            text: String::new(),
        },
    );
    let opened = f.ok(chair(), open_vote(ShowOfHands, PresentAndVoting));
    match opened.as_slice() {
        [Event::VoteOpened { vote }] => {
            assert_eq!((vote.members, vote.members_present), (53, 53));
        }
        other => panic!("expected the vote to open, got {other:?}"),
    }

    let result = result_of(&f.ok(chair(), close(Some(tally(27, 25, 1)))));
    assert_eq!(result.tally, tally(27, 25, 1));
    assert_eq!(result.present_and_voting, 52);
    assert_eq!(result.required, 27);
    assert_eq!(result.outcome, Outcome::Adopted);
    assert!(result.by_member.is_empty(), "a show of hands names nobody");
    assert_eq!(
        f.state.proposal(P1).unwrap().decision,
        Some(Decision::Voted { vote: V1 })
    );
}

#[test]
fn scheduling_under_the_1971_convention_needs_36_of_the_53_members_not_of_those_voting() {
    let mut f = Fixture::open();
    f.ctx = commission(53);
    for d in 1..=53 {
        f.check_in(delegate(DelegationId(d)), Remote);
    }
    let schedule = |substance: &str| TableProposal {
        reference: "E/CN.7/2026/CRP.3".into(),
        title: format!("Add {substance} to Schedule II of the 1971 Convention"),
        sponsors: vec![],
        budget_implications: false,
        amends: None,
        text: String::new(),
    };
    f.ok(chair(), schedule("a substance"));
    f.ok(chair(), schedule("another substance"));

    f.ok(chair(), open_vote(ShowOfHands, TwoThirdsOfMembers));
    let result = result_of(&f.ok(chair(), close(Some(tally(35, 0, 18)))));
    assert_eq!(result.required, 36);
    assert_eq!(
        result.outcome,
        Outcome::Rejected,
        "35 yes and nobody against is still short of 36"
    );

    f.ok(
        chair(),
        OpenVote {
            proposal: P2,
            method: ShowOfHands,
            majority: TwoThirdsOfMembers,
            candidates: vec![],
            seats: 1,
        },
    );
    let result = result_of(&f.ok(
        chair(),
        CloseVote {
            vote: VoteId(2),
            counts: Some(tally(36, 17, 0)),
        },
    ));
    assert_eq!(result.required, 36);
    assert_eq!(result.outcome, Outcome::Adopted);
}

#[test]
fn a_recorded_vote_is_counted_by_the_majority_the_chair_announced() {
    // Two thirds of those present and voting: 2 yes, 1 no, 1 abstention.
    let mut f = quorate(&[]);
    f.ok(chair(), open_vote(Recorded, TwoThirdsPresentAndVoting));
    f.ok(delegate(AUSTRIA), cast(Choice::Yes));
    f.ok(delegate(BRAZIL), cast(Choice::Yes));
    f.ok(delegate(CHILE), cast(Choice::No));
    f.ok(delegate(DENMARK), cast(Choice::Abstain));
    let result = result_of(&f.ok(chair(), close(None)));
    assert_eq!(result.tally, tally(2, 1, 1));
    assert_eq!(result.present_and_voting, 3);
    assert_eq!(result.required, 2);
    assert_eq!(result.outcome, Outcome::Adopted);

    // A simple majority with a tie: not adopted.
    f.ok(chair(), table_proposal(&[]));
    f.ok(
        chair(),
        OpenVote {
            proposal: P2,
            method: Recorded,
            majority: PresentAndVoting,
            candidates: vec![],
            seats: 1,
        },
    );
    for (d, choice) in [
        (AUSTRIA, Choice::Yes),
        (BRAZIL, Choice::No),
        (CHILE, Choice::Yes),
        (DENMARK, Choice::No),
    ] {
        f.ok(
            delegate(d),
            CastVote {
                vote: VoteId(2),
                choice,
            },
        );
    }
    let result = result_of(&f.ok(
        chair(),
        CloseVote {
            vote: VoteId(2),
            counts: None,
        },
    ));
    assert_eq!(result.tally, tally(2, 2, 0));
    assert_eq!(result.required, 3);
    assert_eq!(result.outcome, Outcome::Rejected);
}

// --- quorum and who votes

#[test]
fn a_vote_does_not_open_without_a_quorum_of_members_present() {
    let mut f = Fixture::open();
    f.ok(secretariat(), table_proposal(&[AUSTRIA]));
    let open = open_vote(Recorded, PresentAndVoting);
    assert_eq!(
        f.refused(chair(), open.clone()),
        Rejection::NoQuorum {
            present: 0,
            required: 3
        }
    );

    // Two delegates of one member, and every observer, do not make a quorum.
    f.check_in(delegate(AUSTRIA), InPerson);
    f.check_in(second_delegate(AUSTRIA), Remote);
    for d in NON_MEMBERS {
        f.check_in(delegate(d), InPerson);
    }
    f.check_in(delegate(BRAZIL), Remote);
    assert_eq!(
        f.refused(secretariat(), open.clone()),
        Rejection::NoQuorum {
            present: 2,
            required: 3
        }
    );

    f.check_in(delegate(CHILE), Remote);
    match f.ok(chair(), open).as_slice() {
        [Event::VoteOpened { vote }] => {
            assert_eq!((vote.members, vote.members_present), (4, 3));
        }
        other => panic!("expected the vote to open, got {other:?}"),
    }
    assert_eq!(f.state.open_vote().map(|v| v.id), Some(V1));
}

#[test]
fn a_session_may_set_its_own_quorum() {
    let mut f = Fixture::open_with(SessionRules {
        quorum: Some(2),
        ..SessionRules::default()
    });
    f.ok(secretariat(), table_proposal(&[]));
    f.check_in(delegate(DENMARK), Remote);
    assert_eq!(
        f.refused(chair(), open_vote(Recorded, PresentAndVoting)),
        Rejection::NoQuorum {
            present: 1,
            required: 2
        }
    );
    f.check_in(delegate(CHILE), InPerson);
    f.ok(chair(), open_vote(Recorded, PresentAndVoting));
}

#[test]
fn observers_and_organizations_do_not_vote() {
    let mut f = quorate(&[]);
    for d in NON_MEMBERS {
        f.check_in(delegate(d), Remote);
    }
    f.ok(chair(), open_vote(Recorded, PresentAndVoting));
    for d in NON_MEMBERS {
        assert_eq!(
            f.refused(delegate(d), cast(Choice::Yes)),
            Rejection::NotAMember { delegation: d }
        );
    }
    assert!(f.state.votes[0].voted.is_empty());
}

#[test]
fn each_member_votes_once_whichever_of_its_delegates_votes() {
    let mut f = quorate(&[]);
    f.ok(chair(), open_vote(Recorded, PresentAndVoting));
    f.ok(delegate(AUSTRIA), cast(Choice::Yes));
    assert_eq!(
        f.refused(delegate(AUSTRIA), cast(Choice::No)),
        Rejection::AlreadyVoted {
            delegation: AUSTRIA
        }
    );
    assert_eq!(
        f.refused(second_delegate(AUSTRIA), cast(Choice::Yes)),
        Rejection::AlreadyVoted {
            delegation: AUSTRIA
        }
    );
    f.ok(second_delegate(BRAZIL), cast(Choice::No));
    assert_eq!(
        f.refused(delegate(BRAZIL), cast(Choice::No)),
        Rejection::AlreadyVoted { delegation: BRAZIL }
    );
    assert_eq!(f.state.votes[0].voted, [AUSTRIA, BRAZIL]);
}

#[test]
fn the_chair_does_not_vote_and_another_delegate_votes_for_the_delegation() {
    let mut f = quorate(&[]);
    f.ok(chair(), open_vote(Recorded, PresentAndVoting));
    assert_eq!(
        f.refused(chair(), cast(Choice::Yes)),
        Rejection::NotPermitted {
            role: Role::Chair,
            command: "cast_vote".into()
        }
    );
    assert_eq!(
        f.refused(secretariat(), cast(Choice::Yes)),
        Rejection::NotPermitted {
            role: Role::Secretariat,
            command: "cast_vote".into()
        }
    );
    // The chair's delegation (say Denmark) votes through its other representative.
    f.ok(second_delegate(DENMARK), cast(Choice::Yes));
    assert_eq!(f.state.votes[0].voted, [DENMARK]);
}

// --- roll call

#[test]
fn a_roll_call_starts_with_the_member_drawn_by_lot_and_anyone_can_check_the_draw() {
    // Four draws, each starting with a different member.
    let draws = [
        ([5u8; 32], [AUSTRIA, BRAZIL, CHILE, DENMARK]),
        ([7u8; 32], [BRAZIL, CHILE, DENMARK, AUSTRIA]),
        ([4u8; 32], [CHILE, DENMARK, AUSTRIA, BRAZIL]),
        ([0u8; 32], [DENMARK, AUSTRIA, BRAZIL, CHILE]),
    ];
    for (i, (entropy, order)) in draws.iter().enumerate() {
        let mut f = quorate(&[]);
        f.ctx.entropy = *entropy;
        f.ok(chair(), open_vote(RollCall, PresentAndVoting));
        let rc = roll_call(&f);
        assert_eq!(rc.un_order, MEMBERS, "observers are not called");
        assert_eq!(
            rc.order, *order,
            "UN order from the drawn member, wrapping round"
        );
        assert_eq!(called(&f), Some(order[0]));
        assert_eq!(rc.seed, format!("{:02x}", entropy[0]).repeat(32));
        assert!(verify_draw(&rc), "the recorded draw checks out");

        // A calling order that does not follow from the seed is caught...
        let mut other_start = rc.clone();
        other_start.order.rotate_left(1);
        assert!(!verify_draw(&other_start));
        let mut reordered = rc.clone();
        reordered.order.swap(1, 2);
        assert!(!verify_draw(&reordered));
        // ...and so is a seed replaced by another one that draws someone else.
        let (other_entropy, _) = draws[(i + 1) % draws.len()];
        let mut other_seed = rc.clone();
        other_seed.seed = other_entropy.iter().map(|b| format!("{b:02x}")).collect();
        assert!(!verify_draw(&other_seed));
        // A seed that is not hex proves nothing.
        let mut garbled = rc.clone();
        garbled.seed.replace_range(0..2, "zz");
        assert!(!verify_draw(&garbled));
        let mut truncated = rc.clone();
        truncated.seed.pop();
        assert!(!verify_draw(&truncated));
    }
}

#[test]
fn a_roll_call_follows_the_rosters_un_order_not_the_order_of_registration() {
    let mut f = quorate(&[]);
    // Registered Austria, Brazil, Chile, Denmark; in (a made-up) UN order Denmark first.
    f.ctx.un_order = vec![DENMARK, CHILE, HOLY_SEE, AUSTRIA, BRAZIL];
    f.ctx.entropy = [5; 32]; // draws the first member
    f.ok(chair(), open_vote(RollCall, PresentAndVoting));
    let rc = roll_call(&f);
    assert_eq!(rc.un_order, [DENMARK, CHILE, AUSTRIA, BRAZIL]);
    assert_eq!(rc.order, [DENMARK, CHILE, AUSTRIA, BRAZIL]);
    assert!(verify_draw(&rc));
}

#[test]
fn in_a_roll_call_members_answer_when_called_and_those_passed_are_called_again_at_the_end() {
    let mut f = quorate(&[]); // the draw starts with Brazil: Brazil, Chile, Denmark, Austria
    f.ok(chair(), open_vote(RollCall, PresentAndVoting));
    assert_eq!(called(&f), Some(BRAZIL));
    assert_eq!(
        f.refused(delegate(AUSTRIA), cast(Choice::Yes)),
        Rejection::NotYourTurn {
            called: Some(BRAZIL)
        }
    );
    assert_eq!(
        f.refused(chair(), close(None)),
        Rejection::RollCallIncomplete { remaining: 4 }
    );

    // Each answer goes into the record as it is given.
    assert_eq!(
        f.ok(delegate(BRAZIL), cast(Choice::Yes)),
        [Event::VoteCast {
            vote: V1,
            delegation: BRAZIL,
            choice: Some(Choice::Yes),
            sealed: false
        }]
    );
    assert_eq!(called(&f), Some(CHILE));
    // Chile does not answer and is passed.
    assert_eq!(
        f.ok(chair(), PassMember { vote: V1 }),
        [Event::MemberPassed {
            vote: V1,
            delegation: CHILE
        }]
    );
    assert_eq!(
        f.refused(delegate(CHILE), cast(Choice::Yes)),
        Rejection::NotYourTurn {
            called: Some(DENMARK)
        }
    );
    f.ok(delegate(DENMARK), cast(Choice::No));
    assert_eq!(
        f.refused(chair(), close(None)),
        Rejection::RollCallIncomplete { remaining: 2 }
    );
    f.ok(second_delegate(AUSTRIA), cast(Choice::Abstain));

    // The round is over; Chile is called again.
    assert_eq!(called(&f), Some(CHILE));
    assert_eq!(
        f.refused(chair(), close(None)),
        Rejection::RollCallIncomplete { remaining: 1 }
    );
    f.ok(delegate(CHILE), cast(Choice::Yes));
    assert_eq!(called(&f), None);

    let result = result_of(&f.ok(chair(), close(None)));
    assert_eq!(result.tally, tally(2, 1, 1));
    assert_eq!(result.outcome, Outcome::Adopted);
    assert_eq!(
        result.by_member,
        [
            mv(AUSTRIA, Choice::Abstain),
            mv(BRAZIL, Choice::Yes),
            mv(CHILE, Choice::Yes),
            mv(DENMARK, Choice::No),
        ],
        "the names are published in UN order"
    );
    assert!(result.absent.is_empty());
}

#[test]
fn a_member_passed_twice_in_a_roll_call_is_recorded_as_absent() {
    let mut f = quorate(&[]); // Brazil, Chile, Denmark, Austria
    f.ok(chair(), open_vote(RollCall, PresentAndVoting));
    f.ok(delegate(BRAZIL), cast(Choice::Yes));
    f.ok(chair(), PassMember { vote: V1 }); // Chile
    f.ok(delegate(DENMARK), cast(Choice::No));
    f.ok(delegate(AUSTRIA), cast(Choice::Yes));
    assert_eq!(called(&f), Some(CHILE));
    assert_eq!(
        f.ok(secretariat(), PassMember { vote: V1 }),
        [Event::MemberPassed {
            vote: V1,
            delegation: CHILE
        }]
    );
    assert_eq!(called(&f), None);

    // Everyone has been called: it is too late to answer or to pass anyone.
    assert_eq!(
        f.refused(delegate(CHILE), cast(Choice::Yes)),
        Rejection::NotYourTurn { called: None }
    );
    assert_eq!(
        f.refused(chair(), PassMember { vote: V1 }),
        Rejection::NotYourTurn { called: None }
    );

    let result = result_of(&f.ok(chair(), close(None)));
    assert_eq!(result.absent, [CHILE]);
    assert_eq!(
        result.by_member,
        [
            mv(AUSTRIA, Choice::Yes),
            mv(BRAZIL, Choice::Yes),
            mv(DENMARK, Choice::No),
        ]
    );
    assert_eq!(result.tally, tally(2, 1, 0));
    assert_eq!(result.outcome, Outcome::Adopted);
}

#[test]
fn only_a_roll_call_passes_members() {
    let mut f = quorate(&[]);
    f.ok(chair(), open_vote(Recorded, PresentAndVoting));
    assert_eq!(
        f.refused(chair(), PassMember { vote: V1 }),
        Rejection::NotARollCall { vote: V1 }
    );
}

// --- recorded vote

#[test]
fn a_recorded_vote_stays_sealed_until_the_result_names_every_member_in_un_order() {
    let mut f = quorate(&[]);
    f.ok(chair(), open_vote(Recorded, PresentAndVoting));

    let events = f.ok(delegate(DENMARK), cast(Choice::No));
    assert_eq!(
        events,
        [Event::VoteCast {
            vote: V1,
            delegation: DENMARK,
            choice: Some(Choice::No),
            sealed: true
        }]
    );
    // Participants learn that Denmark voted, not how.
    assert_eq!(
        f.log.last().unwrap().for_participants().event,
        Event::VoteCast {
            vote: V1,
            delegation: DENMARK,
            choice: None,
            sealed: true
        }
    );
    let seen = f.state.for_participants();
    assert_eq!(seen.votes[0].voted, [DENMARK]);
    assert!(seen.votes[0].choices.is_empty());

    for (d, choice) in [
        (CHILE, Choice::Yes),
        (AUSTRIA, Choice::Yes),
        (BRAZIL, Choice::Abstain),
    ] {
        match f.ok(delegate(d), cast(choice)).as_slice() {
            [Event::VoteCast { sealed: true, .. }] => {}
            other => panic!("{d}'s vote was not sealed: {other:?}"),
        }
    }
    assert!(f.state.for_participants().votes[0].choices.is_empty());
    assert_eq!(
        f.refused(chair(), close(Some(tally(2, 1, 1)))),
        Rejection::CountsNotAllowed
    );

    let result = result_of(&f.ok(chair(), close(None)));
    assert_eq!(
        result.by_member,
        [
            mv(AUSTRIA, Choice::Yes),
            mv(BRAZIL, Choice::Abstain),
            mv(CHILE, Choice::Yes),
            mv(DENMARK, Choice::No),
        ]
    );
    assert_eq!(result.tally, tally(2, 1, 1));
    assert_eq!(result.outcome, Outcome::Adopted);
    assert_eq!(f.state.for_participants().votes[0].choices.len(), 4);
}

// --- secret ballot and elections

#[test]
fn a_secret_ballot_records_who_voted_but_never_how() {
    let mut f = quorate(&[]);
    f.ok(
        chair(),
        election(&["Ms. Ana Ruiz (Chile)", "Mr. Lars Berg (Denmark)"]),
    );
    assert_eq!(
        f.ok(delegate(AUSTRIA), cast(Choice::Candidate { index: 0 })),
        [Event::VoteCast {
            vote: V1,
            delegation: AUSTRIA,
            choice: None,
            sealed: false
        }]
    );
    f.ok(delegate(BRAZIL), cast(Choice::Candidate { index: 1 }));
    f.ok(delegate(CHILE), cast(Choice::Candidate { index: 0 }));
    f.ok(delegate(DENMARK), cast(Choice::Abstain));
    assert_eq!(f.state.votes[0].voted, [AUSTRIA, BRAZIL, CHILE, DENMARK]);
    assert!(f.state.votes[0].choices.is_empty());
    for e in &f.log {
        if let Event::VoteCast { choice, .. } = &e.event {
            assert_eq!(*choice, None, "a ballot entered the log: {e:?}");
        }
    }

    // The server's ballot box counts the ballots apart from the voters.
    f.ctx.ballot_tally = Some(Tally {
        abstain: 1,
        candidates: vec![2, 1],
        ..Tally::default()
    });
    let result = result_of(&f.ok(chair(), close(None)));
    assert_eq!(result.outcome, Outcome::Elected { candidate: 0 });
    assert_eq!(result.required, 2);
    assert_eq!(result.present_and_voting, 3);
    assert!(result.by_member.is_empty());
}

#[test]
fn a_secret_ballot_whose_count_does_not_match_the_voters_is_void_and_taken_again() {
    let mut f = quorate(&[]);
    f.ok(
        chair(),
        election(&["Ms. Ana Ruiz (Chile)", "Mr. Lars Berg (Denmark)"]),
    );
    f.ok(delegate(AUSTRIA), cast(Choice::Candidate { index: 0 }));
    f.ok(delegate(BRAZIL), cast(Choice::Candidate { index: 1 }));
    f.ok(delegate(CHILE), cast(Choice::Candidate { index: 0 }));
    // One ballot was lost.
    f.ctx.ballot_tally = Some(Tally {
        candidates: vec![1, 1],
        ..Tally::default()
    });
    assert_eq!(
        f.refused(chair(), close(Some(tally(2, 1, 0)))),
        Rejection::CountsNotAllowed
    );
    let result = result_of(&f.ok(chair(), close(None)));
    match &result.outcome {
        Outcome::Void { reason } => assert!(
            reason.contains("3 members voted but 2 ballots"),
            "the reason says what went wrong: {reason}"
        ),
        other => panic!("expected a void ballot, got {other:?}"),
    }
    assert_eq!(f.state.proposal(P1).unwrap().decision, None);
    assert_eq!(f.state.open_vote(), None);

    // The ballot is taken again.
    f.ok(
        chair(),
        election(&["Ms. Ana Ruiz (Chile)", "Mr. Lars Berg (Denmark)"]),
    );
    assert_eq!(f.state.open_vote().map(|v| v.id), Some(VoteId(2)));
    f.ok(
        delegate(AUSTRIA),
        CastVote {
            vote: VoteId(2),
            choice: Choice::Candidate { index: 1 },
        },
    );
}

#[test]
fn only_a_secret_ballot_has_candidates_each_named_once() {
    let mut f = quorate(&[]);
    let with = |method: VoteMethod, candidates: &[&str]| OpenVote {
        proposal: P1,
        method,
        majority: PresentAndVoting,
        candidates: candidates.iter().map(|c| c.to_string()).collect(),
        seats: 1,
    };
    for method in [ShowOfHands, Recorded, RollCall] {
        assert_eq!(
            f.refused(chair(), with(method, &["Ms. Ana Ruiz"])),
            Rejection::InvalidCandidates,
            "{method:?}"
        );
    }
    assert_eq!(
        f.refused(
            chair(),
            with(SecretBallot, &["Ms. Ana Ruiz", " Ms. Ana Ruiz "])
        ),
        Rejection::InvalidCandidates,
        "the same candidate twice"
    );
    assert_eq!(
        f.refused(chair(), with(SecretBallot, &["Ms. Ana Ruiz", "   "])),
        Rejection::InvalidCandidates,
        "a blank candidate"
    );
    let long = "x".repeat(201);
    assert_eq!(
        f.refused(chair(), with(SecretBallot, &["Ms. Ana Ruiz", &long])),
        Rejection::InvalidCandidates,
        "a candidate's name over 200 characters"
    );
    f.ok(
        chair(),
        with(SecretBallot, &[" Ms. Ana Ruiz ", "Mr. Lars Berg"]),
    );
    assert_eq!(
        f.state.votes[0].candidates,
        ["Ms. Ana Ruiz", "Mr. Lars Berg"]
    );
}

#[test]
fn a_ballot_names_a_candidate_of_the_election_or_abstains() {
    let mut f = quorate(&[]);
    f.ok(
        chair(),
        election(&["Ms. Ana Ruiz (Chile)", "Mr. Lars Berg (Denmark)"]),
    );
    assert_eq!(
        f.refused(delegate(AUSTRIA), cast(Choice::Candidate { index: 2 })),
        Rejection::InvalidChoice
    );
    assert_eq!(
        f.refused(delegate(AUSTRIA), cast(Choice::Yes)),
        Rejection::InvalidChoice
    );
    assert_eq!(
        f.refused(delegate(AUSTRIA), cast(Choice::No)),
        Rejection::InvalidChoice
    );
    f.ok(delegate(AUSTRIA), cast(Choice::Candidate { index: 1 }));
    f.ok(delegate(BRAZIL), cast(Choice::Abstain));

    // And a yes/no vote has no candidates to name.
    let mut f = quorate(&[]);
    f.ok(chair(), open_vote(Recorded, PresentAndVoting));
    assert_eq!(
        f.refused(delegate(AUSTRIA), cast(Choice::Candidate { index: 0 })),
        Rejection::InvalidChoice
    );
}

// --- show of hands

#[test]
fn in_a_show_of_hands_the_chair_counts_and_enters_the_figures() {
    let mut f = quorate(&[]);
    f.ok(chair(), open_vote(ShowOfHands, PresentAndVoting));
    assert_eq!(
        f.refused(delegate(AUSTRIA), cast(Choice::Yes)),
        Rejection::CountedByChair { vote: V1 }
    );
    assert_eq!(f.refused(chair(), close(None)), Rejection::CountsRequired);
    assert_eq!(
        f.refused(chair(), close(Some(tally(3, 1, 1)))),
        Rejection::CountsExceedPresent { present: 4 }
    );
    assert_eq!(
        f.refused(
            chair(),
            close(Some(Tally {
                candidates: vec![1],
                ..tally(1, 1, 0)
            }))
        ),
        Rejection::InvalidChoice
    );
    let result = result_of(&f.ok(chair(), close(Some(tally(2, 1, 1)))));
    assert_eq!(result.tally, tally(2, 1, 1));
    assert_eq!(result.required, 2);
    assert_eq!(result.outcome, Outcome::Adopted);
    assert!(result.by_member.is_empty());
}

// --- decisions

#[test]
fn a_proposal_adopted_without_a_vote_is_decided_once_and_for_all() {
    let mut f = Fixture::open();
    f.ok(chair(), table_proposal(&[AUSTRIA]));
    assert_eq!(
        f.ok(chair(), AdoptWithoutVote { proposal: P1 }),
        [Event::AdoptedWithoutVote { proposal: P1 }]
    );
    assert!(matches!(
        f.state.proposal(P1).unwrap().decision,
        Some(Decision::AdoptedWithoutVote { .. })
    ));

    for d in MEMBERS {
        f.check_in(delegate(d), Remote);
    }
    let decided = Rejection::AlreadyDecided { proposal: P1 };
    assert_eq!(
        f.refused(chair(), AdoptWithoutVote { proposal: P1 }),
        decided
    );
    assert_eq!(
        f.refused(chair(), open_vote(Recorded, PresentAndVoting)),
        decided,
        "a member asking for a vote after the decision is too late"
    );
    assert_eq!(f.refused(chair(), AmendProposal { proposal: P1 }), decided);
    assert_eq!(
        f.refused(secretariat(), AdoptWithoutVote { proposal: P2 }),
        Rejection::UnknownProposal { proposal: P2 }
    );
}

#[test]
fn a_proposal_voted_on_is_not_decided_again() {
    let mut f = quorate(&[]);
    f.ok(chair(), open_vote(Recorded, PresentAndVoting));
    f.ok(delegate(AUSTRIA), cast(Choice::No));
    f.ok(chair(), close(None));
    assert_eq!(
        f.state.proposal(P1).unwrap().decision,
        Some(Decision::Voted { vote: V1 })
    );

    let decided = Rejection::AlreadyDecided { proposal: P1 };
    assert_eq!(
        f.refused(chair(), open_vote(RollCall, PresentAndVoting)),
        decided
    );
    assert_eq!(
        f.refused(chair(), AdoptWithoutVote { proposal: P1 }),
        decided
    );
    assert_eq!(
        f.refused(delegate(BRAZIL), cast(Choice::Yes)),
        Rejection::VoteNotOpen { vote: V1 }
    );
    assert_eq!(
        f.refused(chair(), close(None)),
        Rejection::VoteNotOpen { vote: V1 }
    );
}

#[test]
fn a_vote_does_not_open_over_a_speaker_or_another_vote() {
    let mut f = quorate(&[]);
    f.ok(chair(), table_proposal(&[]));
    let austria = f.request(AUSTRIA);
    f.next_speaker();
    assert_eq!(
        f.refused(chair(), open_vote(Recorded, PresentAndVoting)),
        Rejection::FloorOccupied { entry: austria }
    );
    f.ok(chair(), EndSpeech);
    f.ok(chair(), open_vote(Recorded, PresentAndVoting));

    let in_progress = Rejection::VoteInProgress { vote: V1 };
    assert_eq!(
        f.refused(
            chair(),
            OpenVote {
                proposal: P2,
                method: Recorded,
                majority: PresentAndVoting,
                candidates: vec![],
                seats: 1,
            }
        ),
        in_progress
    );
    assert_eq!(
        f.refused(chair(), AdoptWithoutVote { proposal: P1 }),
        in_progress
    );
    assert_eq!(
        f.refused(chair(), AmendProposal { proposal: P1 }),
        in_progress
    );
}

/// Rule 61: nobody interrupts the voting; the chair does not take another decision meanwhile.
#[test]
fn nothing_else_is_decided_while_a_vote_is_under_way() {
    let mut f = quorate(&[]);
    f.ok(chair(), table_proposal(&[]));
    f.ok(chair(), open_vote(Recorded, PresentAndVoting));
    assert_eq!(
        f.refused(chair(), AdoptWithoutVote { proposal: P2 }),
        Rejection::VoteInProgress { vote: V1 }
    );
}

// --- interrupting the vote

#[test]
fn once_voting_has_started_only_a_point_of_order_on_the_voting_interrupts_it() {
    let mut f = quorate(&[]);
    let denmark = f.request(DENMARK);
    f.ok(chair(), open_vote(Recorded, PresentAndVoting));
    let in_progress = Rejection::VoteInProgress { vote: V1 };

    assert_eq!(
        f.refused(
            delegate(AUSTRIA),
            RaisePointOfOrder {
                about_voting: false
            }
        ),
        in_progress
    );
    for motion in MotionKind::ALL {
        assert_eq!(
            f.refused(delegate(AUSTRIA), RaiseMotion { motion }),
            in_progress,
            "{motion:?}"
        );
    }
    assert_eq!(
        f.refused(delegate(AUSTRIA), explain(P1)),
        in_progress,
        "no explanation of vote during the vote"
    );
    // A statement waiting from before the vote is not heard during it.
    assert_eq!(f.refused(chair(), NextSpeaker), in_progress);
    assert_eq!(
        f.refused(chair(), GiveFloor { entry: denmark }),
        in_progress
    );
    // Nor does the chair move on.
    assert_eq!(f.refused(chair(), SuspendMeeting), in_progress);
    assert_eq!(f.refused(chair(), CloseMeeting), in_progress);
    assert_eq!(f.refused(chair(), TakeUpItem { item: ITEM_2 }), in_progress);

    // A point of order on the conduct of the voting goes ahead and is heard.
    let poo = entry_of(&f.ok(delegate(BRAZIL), RaisePointOfOrder { about_voting: true }));
    let heard = f.next_speaker();
    assert_eq!(heard.entry.id, poo);
    assert_eq!(heard.entry.kind, EntryKind::PointOfOrder);
    f.ok(delegate(AUSTRIA), cast(Choice::Yes)); // voting goes on meanwhile
    f.ok(chair(), EndSpeech);
    f.ok(chair(), rule(poo, false));
    assert_eq!(f.refused(chair(), NextSpeaker), in_progress);

    f.ok(chair(), close(None));
    assert_eq!(f.next_speaker().entry.id, denmark);
}

#[test]
fn a_delegation_may_ask_for_the_floor_during_a_vote_but_is_heard_after_it() {
    let mut f = quorate(&[]);
    f.ok(chair(), open_vote(Recorded, PresentAndVoting));
    // Putting one's name down interrupts nobody.
    let chile = f.request(CHILE);
    assert_eq!(
        f.refused(chair(), GiveFloor { entry: chile }),
        Rejection::VoteInProgress { vote: V1 }
    );
    f.ok(chair(), close(None));
    assert_eq!(f.next_speaker().entry.id, chile);
}

/// Rule 61: a point of order that is not about the voting is not heard during it, even
/// one raised before the vote began.
#[test]
fn a_point_of_order_raised_before_the_vote_does_not_interrupt_it() {
    let mut f = quorate(&[]);
    let poo = f.point_of_order(CHILE);
    match f.run(chair(), open_vote(Recorded, PresentAndVoting)) {
        // Either the chair deals with it before putting the question...
        Err(Rejection::InterventionPending { entry }) => assert_eq!(entry, poo),
        // ...or it waits until the vote is over.
        Ok(_) => {
            let in_progress = Rejection::VoteInProgress { vote: V1 };
            assert_eq!(f.refused(chair(), NextSpeaker), in_progress);
            assert_eq!(f.refused(chair(), GiveFloor { entry: poo }), in_progress);
        }
        Err(other) => panic!("unexpected refusal: {other:?}"),
    }
}

// --- explanations of vote

#[test]
fn explanations_of_vote_come_before_the_vote_or_after_it_never_during() {
    let mut f = quorate(&[AUSTRIA]);
    let before = f.ok(delegate(BRAZIL), explain(P1));
    match before.as_slice() {
        [Event::SpeakerInscribed { entry }] => assert_eq!(
            entry.kind,
            EntryKind::Statement {
                capacity: Capacity::ExplanationOfVote { proposal: P1 }
            }
        ),
        other => panic!("expected an inscription, got {other:?}"),
    }

    f.ok(chair(), open_vote(Recorded, PresentAndVoting));
    assert_eq!(
        f.refused(delegate(CHILE), explain(P1)),
        Rejection::VoteInProgress { vote: V1 }
    );
    assert_eq!(
        f.refused(
            chair(),
            InscribeSpeaker {
                delegation: CHILE,
                item: None,
                capacity: Capacity::ExplanationOfVote { proposal: P1 },
                allow_additional: false,
            }
        ),
        Rejection::VoteInProgress { vote: V1 },
        "not even the chair inscribes one during the vote"
    );
    f.ok(delegate(CHILE), cast(Choice::Yes));
    f.ok(chair(), close(None));

    f.ok(delegate(CHILE), explain(P1));
    let brazil = f.next_speaker();
    assert_eq!(brazil.entry.delegation, BRAZIL);
    assert_eq!(
        brazil.limit_ms,
        u64::from(f.ctx.rules.time_limits.explanation_of_vote_secs) * 1000,
        "an explanation of vote is brief"
    );
    assert_eq!(
        f.refused(delegate(DENMARK), explain(ProposalId(9))),
        Rejection::UnknownProposal {
            proposal: ProposalId(9)
        }
    );
}

#[test]
fn sponsors_do_not_explain_their_vote_on_their_own_proposal_unless_it_was_amended() {
    let mut f = quorate(&[AUSTRIA, BRAZIL]);
    let sponsor = Rejection::SponsorCannotExplain { proposal: P1 };
    assert_eq!(f.refused(delegate(AUSTRIA), explain(P1)), sponsor);
    assert_eq!(f.refused(second_delegate(BRAZIL), explain(P1)), sponsor);
    assert_eq!(
        f.refused(
            secretariat(),
            InscribeSpeaker {
                delegation: AUSTRIA,
                item: None,
                capacity: Capacity::ExplanationOfVote { proposal: P1 },
                allow_additional: true,
            }
        ),
        sponsor
    );
    // Others explain, and sponsors still speak on the substance.
    f.ok(delegate(CHILE), explain(P1));
    f.request(AUSTRIA);

    assert_eq!(
        f.ok(chair(), AmendProposal { proposal: P1 }),
        [Event::ProposalAmended { proposal: P1 }]
    );
    assert!(f.state.proposal(P1).unwrap().amended);
    f.ok(delegate(BRAZIL), explain(P1));
}

/// A client keeps its state by folding the events it is sent; it must end where a fresh
/// snapshot would put it, before, during and after a recorded vote and a roll call.
#[test]
fn folding_what_participants_are_sent_gives_the_state_a_snapshot_shows() {
    for method in [Recorded, RollCall] {
        let mut f = quorate(&[]);
        f.ok(chair(), open_vote(method, PresentAndVoting));
        let folded = |f: &Fixture| {
            let mut s = floor_protocol::MeetingState::new(MEETING);
            for e in &f.log {
                s.apply(&e.for_participants());
            }
            s
        };
        assert_eq!(folded(&f), f.state.for_participants(), "{method:?} open");
        for _ in MEMBERS {
            // In a roll call the member called answers; otherwise any who has not voted.
            let next = match method {
                RollCall => f.state.votes[0]
                    .roll_call
                    .as_ref()
                    .unwrap()
                    .called()
                    .unwrap(),
                _ => *MEMBERS
                    .iter()
                    .find(|d| !f.state.votes[0].voted.contains(d))
                    .unwrap(),
            };
            f.ok(delegate(next), cast(Choice::Yes));
            assert_eq!(folded(&f), f.state.for_participants(), "{method:?} voting");
        }
        f.ok(chair(), close(None));
        let after = folded(&f);
        assert_eq!(after, f.state.for_participants(), "{method:?} closed");
        assert_eq!(after.votes[0].choices.len(), MEMBERS.len());
    }
}

/// Fault (c): the chair's counts in a show of hands cannot add up to more hands than
/// members present, however large (4,294,967,295 "yes" once wrapped round to a small sum
/// and adopted the proposal).
#[test]
fn a_show_of_hands_counts_no_more_hands_than_members_present() {
    let mut f = Fixture::open();
    for d in [AUSTRIA, BRAZIL, CHILE] {
        f.check_in(delegate(d), Remote);
    }
    f.ok(secretariat(), table_proposal(&[]));
    f.ok(chair(), open_vote(ShowOfHands, PresentAndVoting));
    assert_eq!(
        f.refused(chair(), close(Some(tally(u32::MAX, 0, 1)))),
        Rejection::CountsExceedPresent { present: 3 }
    );
    // Four hands with three members present, though the commission has four members.
    assert_eq!(
        f.refused(chair(), close(Some(tally(2, 1, 1)))),
        Rejection::CountsExceedPresent { present: 3 }
    );
    assert!(f.state.proposals[0].decision.is_none());
    let result = result_of(&f.ok(chair(), close(Some(tally(2, 1, 0)))));
    assert_eq!(result.outcome, Outcome::Adopted);
}

/// Fault (b): an explanation of vote is not a statement in the debate: it does not use up
/// the delegation's waiting statement, and a closed list does not refuse it.
#[test]
fn an_explanation_of_vote_neither_uses_up_the_waiting_statement_nor_is_refused_by_a_closed_list() {
    let mut f = quorate(&[]);
    f.request(AUSTRIA);
    f.ok(delegate(AUSTRIA), explain(P1));
    assert_eq!(
        f.refused(delegate(AUSTRIA), explain(P1)),
        Rejection::AlreadyInscribed {
            delegation: AUSTRIA,
            max_waiting: 1
        },
        "two explanations of the same vote waiting"
    );
    f.ok(chair(), CloseList { item: None });
    assert_eq!(
        f.refused(delegate(BRAZIL), request_floor()),
        Rejection::ListClosed { item: ITEM_1 }
    );
    f.ok(delegate(BRAZIL), explain(P1));
    assert_eq!(f.statements(ITEM_1), [AUSTRIA, AUSTRIA, BRAZIL]);
}

/// Fault (d): closing a recorded vote or a roll call replaces the vote's `choices` with the
/// published `by_member` (in UN order, not in the order the answers came); docs/protocol.md
/// describes that fold, so that a client folding as documented ends with the server's state.
#[test]
fn closing_a_roll_call_publishes_the_choices_in_un_order_as_the_protocol_documents() {
    let mut f = quorate(&[]);
    f.ok(chair(), open_vote(RollCall, PresentAndVoting));
    let mut answered = Vec::new();
    for choice in [Choice::Yes, Choice::No, Choice::Yes, Choice::Abstain] {
        let d = called(&f).unwrap();
        answered.push(d);
        f.ok(delegate(d), cast(choice));
    }
    assert_ne!(answered, MEMBERS, "the draw started with the first member");
    let result = result_of(&f.ok(chair(), close(None)));
    let published: Vec<DelegationId> = result.by_member.iter().map(|m| m.delegation).collect();
    assert_eq!(published, MEMBERS);
    assert_eq!(f.state.votes[0].choices, result.by_member);

    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/protocol.md"))
        .unwrap();
    let fold = doc
        .split("**`vote_closed`** `{vote, result}`")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("docs/protocol.md does not describe folding vote_closed");
    assert!(
        fold.contains("`choices`") && fold.contains("`by_member`"),
        "docs/protocol.md does not say that vote_closed replaces `choices` with `by_member`: {fold}"
    );
}
