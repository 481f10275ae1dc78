//! Proposals between tabling and decision, as the chair and the delegations notice them:
//! the sponsors withdraw a proposal before voting on it has begun; a member asks for a
//! vote and the proposal is then not adopted without one; a decided proposal is
//! reconsidered only by two thirds of the members present and voting; and no action is
//! taken on a proposal that involves expenditure before the secretariat states its
//! programme budget implications. Every outcome is checked on the meeting rebuilt from
//! the log.

use crate::helpers::*;
use floor_protocol::meeting::EntryKind;
use floor_protocol::roster::AttendanceMode::Remote;
use floor_protocol::vote::{Choice, Decision, Majority, Outcome, Tally, VoteMethod};
use floor_protocol::*;
use Command::*;

const P1: ProposalId = ProposalId(1);

/// An open meeting with every member checked in.
fn quorate() -> Fixture {
    let mut f = Fixture::open();
    for d in [AUSTRIA, BRAZIL, CHILE, DENMARK] {
        f.check_in(delegate(d), Remote);
    }
    f
}

fn replayed(f: &Fixture) -> MeetingState {
    let state = MeetingState::replay(MEETING, &f.log);
    assert_eq!(state, f.state, "the log does not rebuild the meeting");
    state
}

fn hands(yes: u32, no: u32) -> Option<Tally> {
    Some(Tally {
        yes,
        no,
        abstain: 0,
        candidates: vec![],
        ..Tally::default()
    })
}

fn opened(events: &[Event]) -> VoteId {
    match events {
        [Event::VoteOpened { vote }] => vote.id,
        _ => panic!("no vote opened: {events:?}"),
    }
}

/// Proposal 1 put to a show of hands and decided `yes`–`no`.
fn voted(f: &mut Fixture, yes: u32, no: u32) -> Outcome {
    let vote = opened(&f.ok(
        chair(),
        open_vote(VoteMethod::ShowOfHands, Majority::PresentAndVoting),
    ));
    match f
        .ok(
            chair(),
            CloseVote {
                vote,
                counts: hands(yes, no),
            },
        )
        .as_slice()
    {
        [Event::VoteClosed { result, .. }] => result.outcome.clone(),
        other => panic!("{other:?}"),
    }
}

// --- withdrawal

#[test]
fn the_sponsors_withdraw_their_proposal_and_nothing_more_is_done_with_it() {
    let mut f = quorate();
    f.ok(chair(), table_proposal(&[AUSTRIA, BRAZIL]));

    assert_eq!(
        f.refused(delegate(CHILE), WithdrawProposal { proposal: P1 }),
        Rejection::NotProposalSponsor { proposal: P1 }
    );
    let events = f.ok(delegate(BRAZIL), WithdrawProposal { proposal: P1 });
    assert_eq!(
        events,
        [Event::ProposalWithdrawn {
            proposal: P1,
            by: Some(BRAZIL)
        }]
    );
    assert!(replayed(&f).proposal(P1).unwrap().withdrawn);

    let withdrawn = Rejection::ProposalWithdrawn { proposal: P1 };
    for command in [
        open_vote(VoteMethod::Recorded, Majority::PresentAndVoting),
        AdoptWithoutVote { proposal: P1 },
        AmendProposal { proposal: P1 },
        RequestVote { proposal: P1 },
        WithdrawProposal { proposal: P1 },
    ] {
        assert_eq!(f.refused(chair_or_delegate(&command), command), withdrawn);
    }
    assert_eq!(
        f.refused(delegate(CHILE), MoveReconsideration { proposal: P1 }),
        withdrawn
    );
}

/// Who gives `command`: the chair, or Austria's delegate for what delegates do.
fn chair_or_delegate(command: &Command) -> floor_protocol::event::Actor {
    if floor_meeting::authority::permits(Role::Chair, command) {
        chair()
    } else {
        delegate(AUSTRIA)
    }
}

#[test]
fn the_chair_announces_a_withdrawal_for_the_sponsors() {
    let mut f = quorate();
    f.ok(chair(), table_proposal(&[]));
    let events = f.ok(chair(), WithdrawProposal { proposal: P1 });
    assert_eq!(
        events,
        [Event::ProposalWithdrawn {
            proposal: P1,
            by: None
        }]
    );
}

#[test]
fn a_proposal_is_not_withdrawn_once_voting_has_begun_or_once_amended() {
    let mut f = quorate();
    f.ok(chair(), table_proposal(&[AUSTRIA]));
    let vote = opened(&f.ok(
        chair(),
        open_vote(VoteMethod::Recorded, Majority::PresentAndVoting),
    ));
    assert_eq!(
        f.refused(delegate(AUSTRIA), WithdrawProposal { proposal: P1 }),
        Rejection::VoteInProgress { vote }
    );
    for d in [AUSTRIA, BRAZIL, CHILE] {
        f.ok(
            delegate(d),
            CastVote {
                vote,
                choice: Choice::Yes,
            },
        );
    }
    f.ok(chair(), CloseVote { vote, counts: None });
    assert_eq!(
        f.refused(delegate(AUSTRIA), WithdrawProposal { proposal: P1 }),
        Rejection::AlreadyDecided { proposal: P1 }
    );

    let p2 = ProposalId(2);
    f.ok(chair(), table_proposal(&[AUSTRIA]));
    f.ok(chair(), AmendProposal { proposal: p2 });
    assert_eq!(
        f.refused(delegate(AUSTRIA), WithdrawProposal { proposal: p2 }),
        Rejection::AmendedProposal { proposal: p2 }
    );
}

// --- a vote asked for

#[test]
fn a_member_asking_for_a_vote_stops_adoption_without_a_vote() {
    let mut f = quorate();
    f.ok(chair(), table_proposal(&[AUSTRIA]));

    // Observers do not ask for votes: only members vote.
    assert_eq!(
        f.refused(delegate(HOLY_SEE), RequestVote { proposal: P1 }),
        Rejection::NotAMember {
            delegation: HOLY_SEE
        }
    );
    let events = f.ok(delegate(BRAZIL), RequestVote { proposal: P1 });
    assert_eq!(
        events,
        [Event::VoteRequested {
            proposal: P1,
            delegation: BRAZIL
        }]
    );
    let asked = Rejection::VoteAskedFor {
        proposal: P1,
        delegation: BRAZIL,
    };
    assert_eq!(f.refused(chair(), AdoptWithoutVote { proposal: P1 }), asked);
    assert_eq!(
        f.refused(delegate(CHILE), RequestVote { proposal: P1 }),
        asked,
        "one request is enough"
    );
    assert_eq!(
        replayed(&f).proposal(P1).unwrap().vote_requested_by,
        Some(BRAZIL)
    );

    // The chair puts it to the vote.
    assert_eq!(voted(&mut f, 3, 1), Outcome::Adopted);
    assert!(matches!(
        f.state.proposal(P1).unwrap().decision,
        Some(Decision::Voted { .. })
    ));
}

// --- reconsideration

#[test]
fn reconsideration_is_refused_without_two_thirds_of_those_present_and_voting() {
    let mut f = quorate();
    // Three more members, so that a majority can fall short of two thirds.
    for d in 5..=7 {
        f.ctx
            .delegations
            .insert(DelegationId(d), DelegationKind::Member);
        f.check_in(delegate(DelegationId(d)), Remote);
    }
    f.ok(chair(), table_proposal(&[AUSTRIA]));

    // Nothing to reconsider before a decision; the motion names its proposal.
    assert_eq!(
        f.refused(delegate(BRAZIL), MoveReconsideration { proposal: P1 }),
        Rejection::NotDecided { proposal: P1 }
    );
    assert_eq!(
        f.refused(
            delegate(BRAZIL),
            RaiseMotion {
                motion: MotionKind::Reconsider
            }
        ),
        Rejection::MotionNamesProposal
    );
    assert_eq!(voted(&mut f, 3, 1), Outcome::Adopted);
    let decision = f.state.proposal(P1).unwrap().decision.clone();

    assert_eq!(
        f.refused(delegate(HOLY_SEE), MoveReconsideration { proposal: P1 }),
        Rejection::NotAMember {
            delegation: HOLY_SEE
        }
    );
    let motion = entry_of(&f.ok(delegate(BRAZIL), MoveReconsideration { proposal: P1 }));
    assert_eq!(
        f.state.interventions[0].kind,
        EntryKind::Motion {
            motion: MotionKind::Reconsider,
            proposal: Some(P1),
            parts: vec![],
        }
    );
    f.ok(chair(), GiveFloor { entry: motion });
    f.ok(chair(), EndSpeech);

    // Two speak against, nobody in favour.
    let hear = |delegation, in_favour| HearOnMotion {
        entry: motion,
        delegation,
        in_favour,
    };
    assert_eq!(
        f.refused(chair(), hear(CHILE, true)),
        Rejection::NoMoreSpeakersOnMotion {
            entry: motion,
            in_favour: true,
            max: 0
        }
    );
    for d in [AUSTRIA, DENMARK] {
        f.ok(chair(), hear(d, false));
        f.ok(chair(), EndSpeech);
    }
    assert_eq!(
        f.refused(chair(), hear(HOLY_SEE, false)),
        Rejection::NoMoreSpeakersOnMotion {
            entry: motion,
            in_favour: false,
            max: 2
        }
    );
    // The chair cannot decide it: the commission does, by two thirds.
    assert_eq!(
        f.refused(chair(), rule(motion, true)),
        Rejection::DecidedByVote { entry: motion }
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
        [Event::VoteOpened { vote }] => {
            assert_eq!(vote.majority, Majority::TwoThirdsPresentAndVoting);
            vote.id
        }
        other => panic!("{other:?}"),
    };
    // 4 of 7 is a majority but not two thirds (5 needed).
    let events = f.ok(
        chair(),
        CloseVote {
            vote,
            counts: hands(4, 3),
        },
    );
    match events.as_slice() {
        [Event::VoteClosed { result, .. }] => {
            assert_eq!(result.required, 5);
            assert_eq!(result.outcome, Outcome::Rejected);
        }
        other => panic!("the decision stands, nothing else happens: {other:?}"),
    }
    let state = replayed(&f);
    assert_eq!(state.proposal(P1).unwrap().decision, decision);
    assert!(state.interventions.is_empty() && state.awaiting_ruling.is_empty());
}

#[test]
fn reconsideration_adopted_puts_the_proposal_before_the_meeting_again() {
    let mut f = quorate();
    f.ok(chair(), table_proposal(&[AUSTRIA]));
    f.ok(chair(), AdoptWithoutVote { proposal: P1 });

    let motion = entry_of(&f.ok(delegate(CHILE), MoveReconsideration { proposal: P1 }));
    assert_eq!(
        f.refused(delegate(CHILE), MoveReconsideration { proposal: P1 }),
        Rejection::AlreadyRaised { entry: motion }
    );
    f.ok(chair(), GiveFloor { entry: motion });
    f.ok(chair(), EndSpeech);
    let vote = opened(&f.ok(
        chair(),
        PutToVote {
            entry: motion,
            method: VoteMethod::ShowOfHands,
        },
    ));
    let events = f.ok(
        chair(),
        CloseVote {
            vote,
            counts: hands(4, 0),
        },
    );
    assert_eq!(
        events.last(),
        Some(&Event::ProposalReopened { proposal: P1 })
    );
    assert_eq!(replayed(&f).proposal(P1).unwrap().decision, None);

    // Decided anew, this time by a vote.
    assert_eq!(voted(&mut f, 1, 3), Outcome::Rejected);
    assert_eq!(
        f.state.proposal(P1).unwrap().decision,
        Some(Decision::Voted { vote: VoteId(2) })
    );
}

// --- programme budget implications

#[test]
fn no_action_before_the_secretariat_states_the_budget_implications() {
    let mut f = quorate();
    let mut tabled = table_proposal(&[AUSTRIA]);
    if let TableProposal {
        budget_implications,
        ..
    } = &mut tabled
    {
        *budget_implications = true;
    }
    f.ok(chair(), tabled);

    let pending = Rejection::BudgetImplicationsPending { proposal: P1 };
    assert_eq!(
        f.refused(chair(), AdoptWithoutVote { proposal: P1 }),
        pending
    );
    assert_eq!(
        f.refused(
            chair(),
            open_vote(VoteMethod::Recorded, Majority::PresentAndVoting)
        ),
        pending
    );

    let state = |statement: &str, document: Option<&str>| StateBudgetImplications {
        proposal: P1,
        statement: statement.into(),
        document: document.map(String::from),
    };
    assert_eq!(
        f.refused(secretariat(), state("   ", None)),
        Rejection::InvalidText {
            field: "statement".into(),
            max_chars: 2000
        }
    );
    assert_eq!(
        f.refused(secretariat(), state("Costs", Some(&"x".repeat(121)))),
        Rejection::InvalidText {
            field: "document".into(),
            max_chars: 120
        }
    );
    let statement = "Adoption would entail additional requirements of $240,300 in 2027.";
    let events = f.ok(
        secretariat(),
        state(&format!(" {statement} "), Some("E/CN.7/2026/CRP.5")),
    );
    assert_eq!(
        events,
        [Event::BudgetImplicationsStated {
            proposal: P1,
            statement: statement.into(),
            document: Some("E/CN.7/2026/CRP.5".into()),
        }]
    );
    let recorded = replayed(&f).proposal(P1).unwrap().budget_statement.clone();
    assert_eq!(recorded.map(|s| s.statement), Some(statement.to_string()));

    f.ok(chair(), AdoptWithoutVote { proposal: P1 });
    assert_eq!(
        f.refused(secretariat(), state("Too late", None)),
        Rejection::AlreadyDecided { proposal: P1 }
    );
}

#[test]
fn a_proposal_without_expenditure_needs_no_statement() {
    let mut f = quorate();
    f.ok(chair(), table_proposal(&[]));
    f.ok(chair(), AdoptWithoutVote { proposal: P1 });
}
