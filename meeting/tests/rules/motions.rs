//! Procedural motions and appeals as a commission takes them: a motion is moved, debated
//! as its kind allows, settled by the chair or put to the vote, and, adopted, takes effect;
//! a ruling on a point of order is appealed and the appeal put to the vote at once. Every
//! outcome is checked on the meeting rebuilt from the log alone.

use crate::helpers::*;
use floor_meeting::record::meeting_record;
use floor_protocol::meeting::{EntryKind, ListStatus, MeetingStatus};
use floor_protocol::roster::AttendanceMode::Remote;
use floor_protocol::vote::{Choice, Outcome, Tally, VoteMethod, VoteSubject};
use floor_protocol::*;
use Command::*;

/// An open meeting on item 1 with every member checked in (a quorum of four).
fn quorate() -> Fixture {
    let mut f = Fixture::open();
    for d in [AUSTRIA, BRAZIL, CHILE, DENMARK] {
        f.check_in(delegate(d), Remote);
    }
    f
}

/// The meeting as a participant rebuilds it from the log alone.
fn replayed(f: &Fixture) -> MeetingState {
    let state = MeetingState::replay(MEETING, &f.log);
    assert_eq!(state, f.state, "the log does not rebuild the meeting");
    state
}

fn hands(yes: u32, no: u32, abstain: u32) -> Option<Tally> {
    Some(Tally {
        yes,
        no,
        abstain,
        candidates: vec![],
        ..Tally::default()
    })
}

/// The vote the last command opened.
fn opened(events: &[Event]) -> VoteId {
    match events {
        [Event::VoteOpened { vote }] => vote.id,
        _ => panic!("no vote opened: {events:?}"),
    }
}

/// A motion moved: raised, given the floor, its mover heard.
fn moved(f: &mut Fixture, by: DelegationId, motion: MotionKind) -> EntryId {
    let entry = f.motion(by, motion);
    f.ok(chair(), GiveFloor { entry });
    f.ok(chair(), EndSpeech);
    entry
}

fn hear(f: &mut Fixture, motion: EntryId, delegation: DelegationId, in_favour: bool) {
    f.ok(
        chair(),
        HearOnMotion {
            entry: motion,
            delegation,
            in_favour,
        },
    );
    f.ok(chair(), EndSpeech);
}

#[test]
fn an_adopted_motion_to_suspend_suspends_the_meeting() {
    let mut f = quorate();
    f.request(AUSTRIA);
    f.next_speaker();
    // Brazil moves the suspension during Austria's statement, which is set aside.
    let motion = f.motion(BRAZIL, MotionKind::SuspendMeeting);
    f.ok(chair(), GiveFloor { entry: motion });
    f.ok(chair(), EndSpeech);
    // Put to the vote without debate.
    assert_eq!(
        f.refused(
            chair(),
            HearOnMotion {
                entry: motion,
                delegation: CHILE,
                in_favour: false,
            }
        ),
        Rejection::NoMoreSpeakersOnMotion {
            entry: motion,
            in_favour: false,
            max: 0,
        }
    );
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
            counts: hands(3, 1, 0),
        },
    );
    assert!(events.contains(&Event::MeetingSuspended), "{events:?}");

    let state = replayed(&f);
    assert_eq!(state.status, MeetingStatus::Suspended);
    assert!(state.awaiting_ruling.is_empty() && state.interventions.is_empty());
    // Austria's statement waits, its clock stopped, for the meeting to resume.
    let floor = state.floor.as_ref().expect("Austria's statement is gone");
    assert_eq!(floor.entry.delegation, AUSTRIA);
    assert!(floor.paused_at.is_some());
    assert_eq!(
        state.votes[0].subject,
        VoteSubject::Motion {
            entry: motion,
            motion: MotionKind::SuspendMeeting
        }
    );
}

#[test]
fn a_motion_the_chair_accepts_takes_effect_and_one_rejected_changes_nothing() {
    let mut f = Fixture::open();
    let motion = moved(&mut f, BRAZIL, MotionKind::SuspendMeeting);
    f.ok(chair(), rule(motion, false));
    assert_eq!(replayed(&f).status, MeetingStatus::Open);

    let motion = moved(&mut f, BRAZIL, MotionKind::SuspendMeeting);
    let events = f.ok(chair(), rule(motion, true));
    assert!(events.contains(&Event::MeetingSuspended), "{events:?}");
    assert_eq!(replayed(&f).status, MeetingStatus::Suspended);

    let mut f = Fixture::open();
    let motion = moved(&mut f, CHILE, MotionKind::AdjournMeeting);
    f.ok(chair(), rule(motion, true));
    assert_eq!(replayed(&f).status, MeetingStatus::Closed);
}

#[test]
fn a_closure_of_debate_hears_two_against_and_adopted_closes_the_list() {
    let mut f = quorate();
    for d in [AUSTRIA, BRAZIL, CHILE] {
        f.request(d);
    }
    f.next_speaker(); // Austria speaks; Brazil and Chile wait.
    f.ok(chair(), EndSpeech);
    let motion = moved(&mut f, DENMARK, MotionKind::CloseDebate);

    // Nobody speaks in favour of closure; two speak against it, and no third.
    assert_eq!(
        f.refused(
            chair(),
            HearOnMotion {
                entry: motion,
                delegation: AUSTRIA,
                in_favour: true,
            }
        ),
        Rejection::NoMoreSpeakersOnMotion {
            entry: motion,
            in_favour: true,
            max: 0,
        }
    );
    hear(&mut f, motion, BRAZIL, false);
    hear(&mut f, motion, CHILE, false);
    assert_eq!(
        f.refused(
            chair(),
            HearOnMotion {
                entry: motion,
                delegation: HOLY_SEE,
                in_favour: false,
            }
        ),
        Rejection::NoMoreSpeakersOnMotion {
            entry: motion,
            in_favour: false,
            max: 2,
        }
    );
    // The list does not move while the motion is being decided.
    assert_eq!(
        f.refused(chair(), NextSpeaker),
        Rejection::RulingPending { entry: motion }
    );

    let vote = opened(&f.ok(
        chair(),
        PutToVote {
            entry: motion,
            method: VoteMethod::Recorded,
        },
    ));
    for (d, choice) in [
        (AUSTRIA, Choice::Yes),
        (BRAZIL, Choice::No),
        (CHILE, Choice::No),
        (DENMARK, Choice::Yes),
    ] {
        f.ok(delegate(d), CastVote { vote, choice });
    }
    // A tie: the motion fails and the debate goes on.
    f.ok(chair(), CloseVote { vote, counts: None });
    let state = replayed(&f);
    assert_eq!(f.statements(ITEM_1), [BRAZIL, CHILE]);
    assert_eq!(state.item(ITEM_1).unwrap().list_status, ListStatus::Open);
    assert!(state.motion_speakers.is_empty());

    // Moved again and adopted: the list closes and Brazil and Chile are not heard.
    let motion = moved(&mut f, DENMARK, MotionKind::CloseDebate);
    hear(&mut f, motion, BRAZIL, false);
    hear(&mut f, motion, CHILE, false);
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
            counts: hands(3, 1, 0),
        },
    );
    assert!(
        matches!(events.last(), Some(Event::DebateClosed { item: ITEM_1, not_heard }) if not_heard.len() == 2),
        "{events:?}"
    );
    let state = replayed(&f);
    let item = state.item(ITEM_1).unwrap();
    assert_eq!(item.list_status, ListStatus::Closed);
    assert!(item.statements.is_empty());
    assert_eq!(
        f.refused(chair(), NextSpeaker),
        Rejection::NobodyWaiting,
        "a speaker was heard after the closure"
    );
    assert_eq!(
        f.refused(delegate(BRAZIL), request_floor()),
        Rejection::ListClosed { item: ITEM_1 }
    );
    // The speeches on the motion are in the record, as such.
    let record = meeting_record(MEETING, &f.log, &names());
    let against = record
        .speeches
        .iter()
        .filter(|s| s.kind == "on_motion")
        .count();
    assert_eq!(against, 4);
}

#[test]
fn an_adjournment_of_debate_hears_two_for_and_two_against_and_sets_the_list_aside() {
    let mut f = quorate();
    f.request(AUSTRIA);
    f.request(BRAZIL);
    f.next_speaker(); // Austria is speaking.
    let motion = f.motion(CHILE, MotionKind::AdjournDebate);
    f.ok(chair(), GiveFloor { entry: motion });
    f.ok(chair(), EndSpeech); // Austria's statement returns, paused.
    for (d, in_favour) in [
        (DENMARK, true),
        (HOLY_SEE, true),
        (BRAZIL, false),
        (AFRICAN_UNION, false),
    ] {
        hear(&mut f, motion, d, in_favour);
        assert_eq!(f.speaker(), Some(AUSTRIA), "Austria's statement was lost");
    }
    for in_favour in [true, false] {
        assert_eq!(
            f.refused(
                chair(),
                HearOnMotion {
                    entry: motion,
                    delegation: WHO,
                    in_favour,
                }
            ),
            Rejection::NoMoreSpeakersOnMotion {
                entry: motion,
                in_favour,
                max: 2,
            }
        );
    }
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
            counts: hands(2, 1, 1),
        },
    );
    assert!(events.contains(&Event::DebateAdjourned { item: ITEM_1 }));

    let state = replayed(&f);
    assert_eq!(state.current_item, None, "the debate on item 1 goes on");
    assert!(state.floor.is_none(), "Austria still holds the floor");
    // The list is set aside as it stands, for when the item is taken up again.
    assert_eq!(f.statements(ITEM_1), [BRAZIL]);
    f.ok(chair(), TakeUpItem { item: ITEM_1 });
    assert_eq!(f.next_speaker().entry.delegation, BRAZIL);
}

#[test]
fn the_chair_puts_a_motion_to_the_vote_directly() {
    let mut f = quorate();
    // Raised and not yet heard: the chair puts it to the vote at once.
    let motion = f.motion(BRAZIL, MotionKind::AdjournMeeting);
    let vote = opened(&f.ok(
        chair(),
        PutToVote {
            entry: motion,
            method: VoteMethod::ShowOfHands,
        },
    ));
    assert_eq!(
        f.refused(chair(), rule(motion, true)),
        Rejection::VoteInProgress { vote },
        "the chair settled a motion being voted on"
    );
    assert_eq!(
        f.refused(delegate(BRAZIL), WithdrawEntry { entry: motion }),
        Rejection::VoteInProgress { vote },
        "a motion was withdrawn while being voted on"
    );
    f.ok(
        chair(),
        CloseVote {
            vote,
            counts: hands(1, 3, 0),
        },
    );
    let state = replayed(&f);
    assert_eq!(
        state.status,
        MeetingStatus::Open,
        "a rejected motion took effect"
    );
    assert!(state.interventions.is_empty());
    assert_eq!(
        state.votes[0].result.as_ref().map(|r| &r.outcome),
        Some(&Outcome::Rejected)
    );

    // Motions are decided in order of precedence; points of order first.
    let closure = f.motion(CHILE, MotionKind::CloseDebate);
    let suspension = f.motion(DENMARK, MotionKind::SuspendMeeting);
    assert_eq!(
        f.refused(
            chair(),
            PutToVote {
                entry: closure,
                method: VoteMethod::ShowOfHands,
            }
        ),
        Rejection::InterventionPending { entry: suspension }
    );
    // A point of order is not put to the vote.
    let point = f.point_of_order(AUSTRIA);
    assert_eq!(
        f.refused(
            chair(),
            PutToVote {
                entry: point,
                method: VoteMethod::ShowOfHands,
            }
        ),
        Rejection::NothingToRule { entry: point }
    );
}

/// Brazil's point of order, heard and ruled out of order; Chile appeals.
fn appealed() -> (Fixture, EntryId) {
    let mut f = quorate();
    f.request(AUSTRIA);
    f.next_speaker();
    let point = f.point_of_order(BRAZIL);
    f.ok(chair(), GiveFloor { entry: point });
    f.ok(chair(), EndSpeech);
    f.ok(chair(), rule(point, false));
    assert_eq!(
        f.refused(delegate(HOLY_SEE), AppealRuling { entry: point }),
        Rejection::NotAMember {
            delegation: HOLY_SEE
        }
    );
    f.ok(delegate(CHILE), AppealRuling { entry: point });
    assert_eq!(
        f.refused(delegate(DENMARK), AppealRuling { entry: point }),
        Rejection::NothingToAppeal { entry: point }
    );
    // Put to the vote at once: the speech does not go on before.
    assert_eq!(
        f.refused(chair(), ResumeSpeech),
        Rejection::RulingPending { entry: point }
    );
    (f, point)
}

fn vote_on_appeal(f: &mut Fixture, point: EntryId, choices: [Choice; 4]) -> Vec<Event> {
    let vote = opened(&f.ok(
        chair(),
        PutToVote {
            entry: point,
            method: VoteMethod::RollCall,
        },
    ));
    for _ in 0..4 {
        let called = f.state.votes[0]
            .roll_call
            .as_ref()
            .unwrap()
            .called()
            .unwrap();
        let i = [AUSTRIA, BRAZIL, CHILE, DENMARK]
            .iter()
            .position(|d| *d == called)
            .unwrap();
        f.ok(
            delegate(called),
            CastVote {
                vote,
                choice: choices[i],
            },
        );
    }
    f.ok(chair(), CloseVote { vote, counts: None })
}

#[test]
fn an_appeal_adopted_overrules_the_ruling() {
    let (mut f, point) = appealed();
    vote_on_appeal(
        &mut f,
        point,
        [Choice::No, Choice::Yes, Choice::Yes, Choice::Yes],
    );
    let state = replayed(&f);
    let appeal = state.last_ruling.as_ref().unwrap().appeal.clone().unwrap();
    assert_eq!(appeal.delegation, CHILE);
    assert_eq!(appeal.overruled, Some(true));
    let record = meeting_record(MEETING, &f.log, &names());
    assert_eq!(record.rulings[0].appealed_by.as_deref(), Some("Chile"));
    assert_eq!(record.rulings[0].overruled, Some(true));
    assert_eq!(record.decisions[0].reference, format!("appeal {point}"));
    // Then the meeting goes on.
    f.ok(chair(), ResumeSpeech);
}

#[test]
fn an_appeal_on_a_tie_leaves_the_ruling_standing() {
    let (mut f, point) = appealed();
    vote_on_appeal(
        &mut f,
        point,
        [Choice::No, Choice::Yes, Choice::Yes, Choice::No],
    );
    let state = replayed(&f);
    let ruling = state.last_ruling.as_ref().unwrap();
    assert!(!ruling.upheld);
    assert_eq!(ruling.appeal.as_ref().unwrap().overruled, Some(false));
    let record = meeting_record(MEETING, &f.log, &names());
    assert_eq!(record.rulings[0].overruled, Some(false));
    assert_eq!(
        f.refused(delegate(DENMARK), AppealRuling { entry: point }),
        Rejection::NothingToAppeal { entry: point },
        "a ruling was appealed twice"
    );
}

#[test]
fn a_ruling_is_appealed_at_once_or_not_at_all() {
    let mut f = quorate();
    f.request(AUSTRIA);
    let point = f.point_of_order(BRAZIL);
    f.ok(chair(), GiveFloor { entry: point });
    f.ok(chair(), EndSpeech);
    f.ok(chair(), rule(point, false));
    f.next_speaker(); // The meeting moves on.
    assert_eq!(
        f.refused(delegate(CHILE), AppealRuling { entry: point }),
        Rejection::NothingToAppeal { entry: point }
    );
}

#[test]
fn only_a_ruling_on_a_point_of_order_is_appealed() {
    let mut f = Fixture::open();
    let motion = moved(&mut f, BRAZIL, MotionKind::SuspendMeeting);
    f.ok(chair(), rule(motion, false));
    assert_eq!(
        f.refused(delegate(CHILE), AppealRuling { entry: motion }),
        Rejection::NothingToAppeal { entry: motion }
    );
    let state = replayed(&f);
    assert!(state.last_ruling.is_none());
    assert!(matches!(
        f.log.iter().rev().find_map(|e| match &e.event {
            Event::RulingGiven { kind, .. } => Some(kind.clone()),
            _ => None,
        }),
        Some(EntryKind::Motion { .. })
    ));
}
