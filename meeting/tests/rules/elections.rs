//! Elections of officers (rules of procedure of the functional commissions, which follow
//! the General Assembly's rules 92–94 here): several places filled in one ballot, each
//! ballot marking up to as many candidates as places; those with the majority elected;
//! further ballots restricted to the best placed remaining candidates, at most twice the
//! places left, with lots drawn where candidates are tied; and election by acclamation.

use crate::helpers::*;
use floor_meeting::record::{decisions_csv, meeting_record};
use floor_meeting::voting::verify_lot;
use floor_protocol::roster::AttendanceMode::Remote;
use floor_protocol::vote::*;
use floor_protocol::*;
use Command::*;

const P1: ProposalId = ProposalId(1);
const MEMBERS: [DelegationId; 4] = [AUSTRIA, BRAZIL, CHILE, DENMARK];
const CANDIDATES: [&str; 5] = [
    "Ms. Ana Ruiz (Chile)",
    "Mr. Lars Berg (Denmark)",
    "Ms. Mei Lin (China)",
    "Mr. Omar Haddad (Egypt)",
    "Ms. Ewa Nowak (Poland)",
];

/// Every member present and the election of the vice-chairs before the meeting.
fn election_of_vice_chairs() -> Fixture {
    let mut f = Fixture::open();
    for d in MEMBERS {
        f.check_in(delegate(d), Remote);
    }
    f.ok(
        secretariat(),
        TableProposal {
            reference: "Election of officers".into(),
            title: "Election of three Vice-Chairs".into(),
            sponsors: vec![],
            budget_implications: false,
            amends: None,
            text: String::new(),
        },
    );
    f
}

fn open_election(names: &[&str], seats: u32) -> Command {
    OpenVote {
        proposal: P1,
        method: VoteMethod::SecretBallot,
        majority: Majority::PresentAndVoting,
        candidates: names.iter().map(|c| c.to_string()).collect(),
        seats,
    }
}

fn marks(indices: &[u32]) -> Choice {
    Choice::Candidates {
        indices: CandidateSet::of(indices).unwrap(),
    }
}

/// Each member casts the ballot given, in order; the server's ballot box counts them
/// apart from the voters, as the hub does.
fn ballots(f: &mut Fixture, vote: VoteId, cast: &[Choice]) {
    let mut tally = Tally::default();
    for (d, choice) in MEMBERS.iter().zip(cast) {
        f.ok(
            delegate(*d),
            CastVote {
                vote,
                choice: *choice,
            },
        );
        tally.add(*choice);
    }
    f.ctx.ballot_tally = Some(tally);
}

#[track_caller]
fn close(f: &mut Fixture, vote: VoteId) -> VoteResult {
    match f.ok(chair(), CloseVote { vote, counts: None }).as_slice() {
        [Event::VoteClosed { result, .. }] => result.clone(),
        other => panic!("expected the result, got {other:?}"),
    }
}

fn vote(f: &Fixture, id: VoteId) -> Vote {
    f.state.vote(id).cloned().expect("the ballot")
}

#[test]
fn three_places_two_filled_in_the_first_ballot_the_last_in_a_ballot_restricted_to_two() {
    let mut f = election_of_vice_chairs();
    f.ok(chair(), open_election(&CANDIDATES, 3));
    let first = VoteId(1);
    assert_eq!(vote(&f, first).seats, 3);
    // Four ballots, each marking up to three candidates.
    ballots(
        &mut f,
        first,
        &[
            marks(&[0, 1, 2]),
            marks(&[0, 1, 3]),
            marks(&[0, 1, 4]),
            marks(&[0, 2]),
        ],
    );
    let result = close(&mut f, first);
    // Four members present and voting (not the nine marks): three votes needed.
    assert_eq!((result.present_and_voting, result.required), (4, 3));
    assert_eq!(result.tally.candidates, [4, 3, 2, 1, 1]);
    assert_eq!(
        result.outcome,
        Outcome::ElectedSeveral {
            candidates: vec![0, 1],
            places_left: 1
        }
    );
    assert_eq!(
        f.state.proposal(P1).unwrap().decision,
        None,
        "a place is left"
    );

    // A new open_vote would start the election again: it goes on with the next ballot.
    assert_eq!(
        f.refused(chair(), open_election(&CANDIDATES, 1)),
        Rejection::ElectionUnderWay {
            proposal: P1,
            vote: first
        }
    );
    f.ok(chair(), OpenNextBallot { proposal: P1 });
    let second = vote(&f, VoteId(2));
    // One place: the two best placed of those not elected, Ms. Mei Lin (2) and one of
    // the two with 1, drawn by lot.
    assert_eq!((second.seats, second.ballot), (1, 2));
    let lot = second
        .lot
        .clone()
        .expect("a lot for the tie at the end of the list");
    assert_eq!(lot.among, [CANDIDATES[3], CANDIDATES[4]]);
    assert_eq!(lot.drawn.len(), 1);
    assert!(verify_lot(&lot), "anyone can check the lot from the log");
    assert_eq!(second.candidates, [CANDIDATES[2], lot.drawn[0].as_str()]);

    ballots(
        &mut f,
        VoteId(2),
        &[
            Choice::Candidate { index: 0 },
            Choice::Candidate { index: 0 },
            Choice::Candidate { index: 1 },
            Choice::Abstain,
        ],
    );
    let result = close(&mut f, VoteId(2));
    assert_eq!(result.outcome, Outcome::Elected { candidate: 0 });
    assert_eq!(
        result.required, 2,
        "three present and voting, one abstained"
    );
    assert_eq!(
        f.state.proposal(P1).unwrap().decision,
        Some(Decision::Voted { vote: VoteId(2) })
    );
    assert_eq!(
        f.refused(chair(), OpenNextBallot { proposal: P1 }),
        Rejection::AlreadyDecided { proposal: P1 }
    );

    // The record names who was elected in each ballot.
    let record = meeting_record(MEETING, &f.log, &names());
    let elected: Vec<Vec<String>> = record.decisions.iter().map(|d| d.elected.clone()).collect();
    assert_eq!(
        elected,
        [
            vec![CANDIDATES[0].to_string(), CANDIDATES[1].to_string()],
            vec![CANDIDATES[2].to_string()]
        ]
    );
    let csv = decisions_csv(&record);
    assert!(
        csv.contains("elected: Ms. Ana Ruiz (Chile); Mr. Lars Berg (Denmark) (1 left to fill)"),
        "{csv}"
    );
}

#[test]
fn one_place_a_second_ballot_between_the_two_best_placed_and_a_tie_decided_by_lot() {
    let mut f = election_of_vice_chairs();
    f.ok(chair(), open_election(&CANDIDATES[..3], 1));
    let c = |index| Choice::Candidate { index };
    ballots(&mut f, VoteId(1), &[c(0), c(0), c(1), c(2)]);
    let result = close(&mut f, VoteId(1));
    assert_eq!(result.outcome, Outcome::NotElected, "2 of 4, 3 needed");
    assert_eq!(result.lot, None, "no lot in a first ballot");

    f.ok(chair(), OpenNextBallot { proposal: P1 });
    let second = vote(&f, VoteId(2));
    assert_eq!(second.ballot, 2);
    assert_eq!(second.candidates.len(), 2, "restricted to two");
    assert_eq!(
        second.candidates[0], CANDIDATES[0],
        "the best placed goes on"
    );
    assert!(verify_lot(second.lot.as_ref().unwrap()));

    // Two and two: the chair draws lots between them.
    ballots(&mut f, VoteId(2), &[c(0), c(1), c(0), c(1)]);
    let result = close(&mut f, VoteId(2));
    let lot = result.lot.clone().expect("the tie decided by lot");
    assert_eq!(lot.among, second.candidates);
    assert!(verify_lot(&lot));
    let Outcome::Elected { candidate } = result.outcome else {
        panic!("the lot elects: {:?}", result.outcome);
    };
    assert_eq!(second.candidates[candidate as usize], lot.drawn[0]);
    assert!(f.state.proposal(P1).unwrap().decision.is_some());
    let record = meeting_record(MEETING, &f.log, &names());
    assert_eq!(record.decisions[1].lot.as_ref(), Some(&lot));
}

#[test]
fn a_ballot_marks_at_most_as_many_candidates_as_places() {
    let mut f = election_of_vice_chairs();
    f.ok(chair(), open_election(&CANDIDATES, 2));
    for wrong in [marks(&[0, 1, 2]), marks(&[7]), Choice::Yes] {
        assert_eq!(
            f.refused(
                delegate(AUSTRIA),
                CastVote {
                    vote: VoteId(1),
                    choice: wrong
                }
            ),
            Rejection::InvalidChoice
        );
    }
    f.ok(
        delegate(AUSTRIA),
        CastVote {
            vote: VoteId(1),
            choice: marks(&[3, 4]),
        },
    );
}

#[test]
fn places_are_checked_against_the_candidates() {
    let mut f = election_of_vice_chairs();
    for (seats, names) in [(0, &CANDIDATES[..]), (6, &CANDIDATES[..]), (2, &[][..])] {
        let mut command = open_election(names, seats);
        if names.is_empty() {
            if let OpenVote { method, .. } = &mut command {
                *method = VoteMethod::Recorded;
            }
        }
        assert_eq!(
            f.refused(chair(), command),
            Rejection::InvalidSeats {
                seats,
                candidates: names.len() as u32
            }
        );
    }
    assert_eq!(
        f.refused(chair(), OpenNextBallot { proposal: P1 }),
        Rejection::NoBallotToFollow { proposal: P1 }
    );
}

#[test]
fn vice_chairs_elected_by_acclamation() {
    let mut f = election_of_vice_chairs();
    for wrong in [vec![], vec![CANDIDATES[0], " Ms. Ana Ruiz (Chile) "]] {
        assert_eq!(
            f.refused(
                chair(),
                ElectByAcclamation {
                    proposal: P1,
                    candidates: wrong.into_iter().map(String::from).collect()
                }
            ),
            Rejection::InvalidCandidates
        );
    }
    let three: Vec<String> = CANDIDATES[..3].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        f.ok(
            chair(),
            ElectByAcclamation {
                proposal: P1,
                candidates: three.clone()
            }
        ),
        [Event::ElectedByAcclamation {
            proposal: P1,
            candidates: three.clone()
        }]
    );
    assert!(matches!(
        &f.state.proposal(P1).unwrap().decision,
        Some(Decision::ElectedByAcclamation { candidates, .. }) if *candidates == three
    ));
    assert_eq!(
        f.refused(chair(), open_election(&CANDIDATES, 3)),
        Rejection::AlreadyDecided { proposal: P1 }
    );
    let record = meeting_record(MEETING, &f.log, &names());
    let decision = &record.decisions[0];
    assert_eq!(
        (decision.method.as_str(), &decision.elected),
        ("by acclamation", &three)
    );
    assert!(decisions_csv(&record).contains("by acclamation,elected: Ms. Ana Ruiz (Chile); Mr. Lars Berg (Denmark); Ms. Mei Lin (China)"));
}

#[test]
fn acclamation_waits_for_the_vote_under_way() {
    let mut f = election_of_vice_chairs();
    f.ok(chair(), open_election(&CANDIDATES, 3));
    assert_eq!(
        f.refused(
            chair(),
            ElectByAcclamation {
                proposal: P1,
                candidates: vec![CANDIDATES[0].into()]
            }
        ),
        Rejection::VoteInProgress { vote: VoteId(1) }
    );
}
