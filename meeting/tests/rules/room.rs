//! A delegation in the room without a device: its representative raises the nameplate or
//! answers orally, and the secretariat gives the delegation's commands for it
//! (`act_for_delegation`). Each is decided as the delegation's own would be, and the
//! record shows it was done in the room.

use crate::helpers::*;
use floor_meeting::record::meeting_record;
use floor_protocol::command::Capacity;
use floor_protocol::meeting::EntryKind;
use floor_protocol::roster::AttendanceMode::{InPerson, Remote};
use floor_protocol::vote::{Choice, Majority, VoteMethod};
use floor_protocol::*;
use Command::*;

fn for_chile(command: Command) -> Command {
    ActForDelegation {
        delegation: CHILE,
        command: Box::new(command),
    }
}

/// An open meeting: Austria, Brazil and Denmark connected, Chile in the room with no
/// device (the secretariat recorded its delegate as present in person), draft L.2 tabled.
fn with_chile_in_the_room() -> Fixture {
    let mut f = Fixture::open();
    for d in [AUSTRIA, BRAZIL, DENMARK] {
        f.check_in(delegate(d), Remote);
    }
    f.ok(
        secretariat(),
        RecordAttendance {
            participant: delegate_id(CHILE),
            delegation: CHILE,
            mode: InPerson,
        },
    );
    f.ok(secretariat(), table_proposal(&[AUSTRIA]));
    f
}

#[test]
fn a_delegation_without_a_device_takes_the_floor_raises_points_and_motions_through_the_secretariat()
{
    let mut f = with_chile_in_the_room();
    f.request(AUSTRIA);
    // A statement: Chile joins the list as if its delegate had asked.
    let statement = entry_of(&f.ok(secretariat(), for_chile(request_floor())));
    assert_eq!(f.statements(ITEM_1), [AUSTRIA, CHILE]);
    // One waiting statement per delegation, as for anyone.
    assert_eq!(
        f.refused(secretariat(), for_chile(request_floor())),
        Rejection::AlreadyInscribed {
            delegation: CHILE,
            max_waiting: 1
        }
    );
    // Austria speaks; a point of order interrupts, ahead of every list.
    f.next_speaker();
    let point = entry_of(&f.ok(
        secretariat(),
        for_chile(RaisePointOfOrder {
            about_voting: false,
        }),
    ));
    let raised = &f.state.interventions[0];
    assert_eq!((raised.id, raised.delegation), (point, CHILE));
    assert_eq!(raised.requested_by, None, "nobody's device asked");
    // The chair hears it, rules against it, and Chile appeals in the room.
    f.ok(chair(), GiveFloor { entry: point });
    f.ok(chair(), EndSpeech);
    f.ok(chair(), rule(point, false));
    f.ok(secretariat(), for_chile(AppealRuling { entry: point }));
    assert_eq!(
        f.state
            .last_ruling
            .as_ref()
            .and_then(|r| r.appeal.as_ref())
            .map(|a| a.delegation),
        Some(CHILE)
    );
    // A right of reply and a motion.
    f.ok(secretariat(), for_chile(RequestRightOfReply { item: None }));
    let motion = entry_of(&f.ok(
        secretariat(),
        for_chile(RaiseMotion {
            motion: MotionKind::SuspendMeeting,
        }),
    ));
    assert!(f
        .state
        .interventions
        .iter()
        .any(|e| e.id == motion && e.delegation == CHILE));
    // And withdraws its statement.
    f.ok(secretariat(), for_chile(WithdrawEntry { entry: statement }));
    assert!(!f.statements(ITEM_1).contains(&CHILE));
}

#[test]
fn a_delegation_in_the_room_votes_and_explains_its_vote_and_the_record_says_where() {
    let mut f = with_chile_in_the_room();
    f.ok(
        secretariat(),
        for_chile(RequestFloor {
            item: None,
            capacity: Capacity::ExplanationOfVote {
                proposal: ProposalId(1),
            },
        }),
    );
    assert!(matches!(
        f.state.item(ITEM_1).unwrap().statements[0].kind,
        EntryKind::Statement {
            capacity: Capacity::ExplanationOfVote { .. }
        }
    ));
    f.ok(
        chair(),
        open_vote(VoteMethod::Recorded, Majority::PresentAndVoting),
    );
    for (d, choice) in [(AUSTRIA, Choice::Yes), (BRAZIL, Choice::No)] {
        f.ok(
            delegate(d),
            CastVote {
                vote: VoteId(1),
                choice,
            },
        );
    }
    f.ok(
        secretariat(),
        for_chile(CastVote {
            vote: VoteId(1),
            choice: Choice::Yes,
        }),
    );
    f.ok(
        chair(),
        CloseVote {
            vote: VoteId(1),
            counts: None,
        },
    );
    let record = meeting_record(MEETING, &f.log, &names());
    let votes = &record
        .decisions
        .last()
        .expect("the vote's decision")
        .by_member;
    let by_name = |n: &str| votes.iter().find(|v| v.delegation == n).cloned();
    let chile = by_name("Chile").expect("Chile's vote recorded");
    assert_eq!((chile.choice, chile.in_room), (Choice::Yes, true));
    let austria = by_name("Austria").expect("Austria's vote recorded");
    assert_eq!((austria.choice, austria.in_room), (Choice::Yes, false));
    let csv = floor_meeting::record::decisions_csv(&record);
    assert!(csv.contains("Chile: yes (in the room)"), "{csv}");
    assert!(
        csv.contains("Austria: yes;") || csv.contains("Austria: yes\""),
        "{csv}"
    );
}

#[test]
fn a_roll_call_takes_an_oral_answer_from_the_room() {
    let mut f = with_chile_in_the_room();
    f.ok(
        chair(),
        open_vote(VoteMethod::RollCall, Majority::PresentAndVoting),
    );
    // Members answer when called, in the order drawn; Chile answers aloud.
    for _ in 0..4 {
        let called = f
            .state
            .votes
            .last()
            .and_then(|v| v.roll_call.as_ref())
            .and_then(|rc| rc.called())
            .expect("someone is called");
        let cast = CastVote {
            vote: VoteId(1),
            choice: Choice::Abstain,
        };
        if called == CHILE {
            f.ok(secretariat(), for_chile(cast));
        } else {
            f.ok(delegate(called), cast);
        }
    }
    let events = f.ok(
        chair(),
        CloseVote {
            vote: VoteId(1),
            counts: None,
        },
    );
    assert!(matches!(events.as_slice(), [Event::VoteClosed { .. }]));
    let record = meeting_record(MEETING, &f.log, &names());
    let votes = &record.decisions.last().unwrap().by_member;
    assert_eq!(votes.len(), 4);
    assert!(votes.iter().all(|v| v.in_room == (v.delegation == "Chile")));
}

#[test]
fn what_the_room_cannot_do_through_the_secretariat_is_refused_and_changes_nothing() {
    let mut f = with_chile_in_the_room();
    // Attendance is the secretariat's own command; nesting says nothing more.
    assert_eq!(
        f.refused(secretariat(), for_chile(CheckIn { mode: InPerson })),
        Rejection::NotForTheRoom {
            command: "check_in".into()
        }
    );
    assert_eq!(
        f.refused(secretariat(), for_chile(CheckOut)),
        Rejection::NotForTheRoom {
            command: "check_out".into()
        }
    );
    assert_eq!(
        f.refused(secretariat(), for_chile(for_chile(request_floor()))),
        Rejection::NotForTheRoom {
            command: "act_for_delegation".into()
        }
    );
    // Only what a delegate may do: not the chair's commands.
    assert_eq!(
        f.refused(secretariat(), for_chile(NextSpeaker)),
        Rejection::NotForTheRoom {
            command: "next_speaker".into()
        }
    );
    // Only the secretariat acts for the room.
    for who in [chair(), delegate(AUSTRIA), interpreter(), room(), viewer()] {
        assert!(matches!(
            f.refused(who, for_chile(request_floor())),
            Rejection::NotPermitted { .. }
        ));
    }
    assert_eq!(
        f.refused(
            secretariat(),
            ActForDelegation {
                delegation: UNKNOWN,
                command: Box::new(request_floor())
            }
        ),
        Rejection::UnknownDelegation {
            delegation: UNKNOWN
        }
    );
    // A secret ballot is each member's own.
    f.ok(
        chair(),
        open_vote(VoteMethod::SecretBallot, Majority::PresentAndVoting),
    );
    assert_eq!(
        f.refused(
            secretariat(),
            for_chile(CastVote {
                vote: VoteId(1),
                choice: Choice::Yes
            })
        ),
        Rejection::SecretBallotNotInTheRoom { vote: VoteId(1) }
    );
}

#[test]
fn the_rules_of_the_delegation_apply_in_the_room_too() {
    let mut f = Fixture::open();
    f.ok(secretariat(), table_proposal(&[AUSTRIA]));
    for d in [AUSTRIA, BRAZIL, DENMARK] {
        f.check_in(delegate(d), Remote);
    }
    f.ok(
        chair(),
        open_vote(VoteMethod::Recorded, Majority::PresentAndVoting),
    );
    // Chile was never recorded present: it does not vote, in the room or not.
    assert_eq!(
        f.refused(
            secretariat(),
            for_chile(CastVote {
                vote: VoteId(1),
                choice: Choice::Yes
            })
        ),
        Rejection::NotPresent { delegation: CHILE }
    );
    // An observer has no vote.
    assert!(matches!(
        f.refused(
            secretariat(),
            ActForDelegation {
                delegation: HOLY_SEE,
                command: Box::new(CastVote {
                    vote: VoteId(1),
                    choice: Choice::Yes
                })
            }
        ),
        Rejection::NotAMember { .. }
    ));
}
