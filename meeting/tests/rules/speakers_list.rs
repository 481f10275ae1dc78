//! The speakers list as a chair runs it.

use crate::helpers::*;
use floor_protocol::command::Capacity;
use floor_protocol::meeting::{EntryKind, ListStatus, MeetingStatus};
use floor_protocol::roster::{AttendanceMode, RepliesTaken, TimeLimits};
use floor_protocol::*;
use Command::*;

// --- inscription

#[test]
fn speakers_are_heard_in_the_order_they_asked() {
    let mut f = Fixture::open();
    let brazil = f.request(BRAZIL);
    f.request(AUSTRIA);
    f.request(CHILE);
    assert_eq!(f.statements(ITEM_1), [BRAZIL, AUSTRIA, CHILE]);

    assert_eq!(f.next_speaker().entry.delegation, BRAZIL);
    assert_eq!(f.statements(ITEM_1), [AUSTRIA, CHILE]);

    // "Next speaker" ends the current speech and gives the floor in one step.
    let events = f.ok(chair(), NextSpeaker);
    assert_eq!(ended(&events).0, brazil);
    assert_eq!(given(&events).entry.delegation, AUSTRIA);

    assert_eq!(f.next_speaker().entry.delegation, CHILE);
    assert_eq!(f.refused(chair(), NextSpeaker), Rejection::NobodyWaiting);
    assert_eq!(
        f.speaker(),
        Some(CHILE),
        "a refused 'next' leaves the speaker alone"
    );
}

#[test]
fn the_chair_reorders_the_list() {
    let mut f = Fixture::open();
    f.request(AUSTRIA);
    let brazil = f.request(BRAZIL);
    let chile = f.request(CHILE);

    f.ok(
        chair(),
        MoveEntry {
            entry: chile,
            position: 0,
        },
    );
    assert_eq!(f.statements(ITEM_1), [CHILE, AUSTRIA, BRAZIL]);

    // Past the end means last.
    f.ok(
        secretariat(),
        MoveEntry {
            entry: chile,
            position: 40,
        },
    );
    assert_eq!(f.statements(ITEM_1), [AUSTRIA, BRAZIL, CHILE]);

    // A group statement is given precedence by moving it up.
    f.ok(
        chair(),
        MoveEntry {
            entry: brazil,
            position: 0,
        },
    );
    assert_eq!(f.statements(ITEM_1), [BRAZIL, AUSTRIA, CHILE]);
    assert_eq!(f.next_speaker().entry.id, brazil);

    let poo = f.point_of_order(DENMARK);
    assert_eq!(
        f.refused(
            chair(),
            MoveEntry {
                entry: poo,
                position: 1
            }
        ),
        Rejection::NotMovable { entry: poo }
    );
    assert_eq!(
        f.refused(
            chair(),
            MoveEntry {
                entry: EntryId(99),
                position: 0
            }
        ),
        Rejection::UnknownEntry { entry: EntryId(99) }
    );
    assert_eq!(
        f.refused(
            delegate(CHILE),
            MoveEntry {
                entry: chile,
                position: 0
            }
        ),
        Rejection::NotPermitted {
            role: Role::Delegate,
            command: "move_entry".into()
        }
    );
}

#[test]
fn the_secretariat_inscribes_a_delegation_on_its_behalf() {
    let mut f = Fixture::open();
    let inscribed = entry_of(&f.ok(secretariat(), inscribe(HOLY_SEE)));
    let (entry, _) = f.state.find_entry(inscribed).unwrap();
    assert_eq!(entry.delegation, HOLY_SEE);
    assert_eq!(entry.item, Some(ITEM_1), "the item under consideration");
    assert_eq!(
        entry.requested_by, None,
        "no delegate of the Holy See asked"
    );

    f.request(BRAZIL);
    assert_eq!(
        f.refused(chair(), inscribe(BRAZIL)),
        Rejection::AlreadyInscribed {
            delegation: BRAZIL,
            max_waiting: 1
        }
    );
    // The chair may allow a second statement, here on behalf of a group.
    f.ok(
        chair(),
        InscribeSpeaker {
            delegation: BRAZIL,
            item: None,
            capacity: group("the Group of 77 and China"),
            allow_additional: true,
        },
    );
    assert_eq!(f.statements(ITEM_1), [HOLY_SEE, BRAZIL, BRAZIL]);
    // The allowance was the chair's, not Brazil's.
    assert_eq!(
        f.refused(second_delegate(BRAZIL), request_floor()),
        Rejection::AlreadyInscribed {
            delegation: BRAZIL,
            max_waiting: 1
        }
    );

    // On another item than the current one.
    f.ok(
        secretariat(),
        InscribeSpeaker {
            delegation: CHILE,
            item: Some(ITEM_2),
            capacity: Capacity::National,
            allow_additional: false,
        },
    );
    assert_eq!(f.statements(ITEM_2), [CHILE]);
    assert_eq!(f.statements(ITEM_1), [HOLY_SEE, BRAZIL, BRAZIL]);

    assert_eq!(
        f.refused(chair(), inscribe(UNKNOWN)),
        Rejection::UnknownDelegation {
            delegation: UNKNOWN
        }
    );
    assert_eq!(
        f.refused(
            chair(),
            InscribeSpeaker {
                delegation: DENMARK,
                item: Some(AgendaItemId(9)),
                capacity: Capacity::National,
                allow_additional: false,
            }
        ),
        Rejection::UnknownAgendaItem {
            item: AgendaItemId(9)
        }
    );
}

#[test]
fn a_delegation_has_one_statement_waiting_per_item() {
    let mut f = Fixture::open();
    f.request(AUSTRIA);
    // The limit is the delegation's, whoever of its delegates asks.
    assert_eq!(
        f.refused(second_delegate(AUSTRIA), request_floor()),
        Rejection::AlreadyInscribed {
            delegation: AUSTRIA,
            max_waiting: 1
        }
    );
    // Another item has its own list.
    f.ok(
        delegate(AUSTRIA),
        RequestFloor {
            item: Some(ITEM_2),
            capacity: Capacity::National,
        },
    );
    // Once its statement is heard, the delegation may ask again.
    assert_eq!(f.next_speaker().entry.delegation, AUSTRIA);
    f.request(AUSTRIA);
    assert_eq!(f.statements(ITEM_1), [AUSTRIA]);
}

#[test]
fn the_session_may_allow_more_waiting_statements() {
    let mut f = Fixture::open_with(SessionRules {
        max_waiting_statements: 2,
        ..SessionRules::default()
    });
    f.request(AUSTRIA);
    f.request(AUSTRIA);
    assert_eq!(
        f.refused(delegate(AUSTRIA), request_floor()),
        Rejection::AlreadyInscribed {
            delegation: AUSTRIA,
            max_waiting: 2
        }
    );
    assert_eq!(f.statements(ITEM_1), [AUSTRIA, AUSTRIA]);
}

#[test]
fn a_delegation_withdraws_its_own_entry_but_not_another() {
    let mut f = Fixture::open();
    let austria = f.request(AUSTRIA);
    f.request(BRAZIL);
    let chile = f.request(CHILE);

    assert_eq!(
        f.refused(delegate(BRAZIL), WithdrawEntry { entry: austria }),
        Rejection::NotYourEntry { entry: austria }
    );
    assert_eq!(
        f.ok(second_delegate(AUSTRIA), WithdrawEntry { entry: austria }),
        [Event::EntryWithdrawn {
            entry: austria,
            by_presiding: false
        }]
    );
    assert_eq!(
        f.ok(chair(), WithdrawEntry { entry: chile }),
        [Event::EntryWithdrawn {
            entry: chile,
            by_presiding: true
        }]
    );
    assert_eq!(f.statements(ITEM_1), [BRAZIL]);
    assert_eq!(
        f.refused(delegate(AUSTRIA), WithdrawEntry { entry: austria }),
        Rejection::UnknownEntry { entry: austria }
    );
}

#[test]
fn ngos_are_inscribed_by_the_chair_unless_the_session_lets_them_ask() {
    let mut f = Fixture::open();
    assert_eq!(
        f.refused(delegate(NGO), request_floor()),
        Rejection::NgoInscribedByChair
    );
    f.ok(secretariat(), inscribe(NGO));
    assert_eq!(f.statements(ITEM_1), [NGO]);

    let mut f = Fixture::open_with(SessionRules {
        ngo_self_inscription: true,
        ..SessionRules::default()
    });
    f.request(NGO);
    assert_eq!(f.statements(ITEM_1), [NGO]);
}

#[test]
fn a_delegate_speaks_only_for_a_delegation_on_the_roster() {
    let mut f = Fixture::open();
    let stateless = floor_protocol::event::Actor {
        delegation: None,
        ..delegate(AUSTRIA)
    };
    assert_eq!(
        f.refused(stateless, request_floor()),
        Rejection::NoDelegation
    );
    assert_eq!(
        f.refused(delegate(UNKNOWN), request_floor()),
        Rejection::UnknownDelegation {
            delegation: UNKNOWN
        }
    );
    let mut f = Fixture::new();
    f.ok(chair(), OpenMeeting);
    assert_eq!(
        f.refused(delegate(AUSTRIA), request_floor()),
        Rejection::NoCurrentItem
    );
}

// --- closing the list

#[test]
fn a_closed_list_takes_no_statements_but_still_takes_rights_of_reply() {
    let mut f = Fixture::open();
    f.request(AUSTRIA);

    assert_eq!(
        f.ok(chair(), AnnounceListClosing { item: None }),
        [Event::ListClosingAnnounced { item: ITEM_1 }]
    );
    // Announced, not yet closed: last calls are still taken.
    f.request(BRAZIL);

    assert_eq!(
        f.ok(chair(), CloseList { item: None }),
        [Event::ListClosed { item: ITEM_1 }]
    );
    assert_eq!(
        f.state.item(ITEM_1).unwrap().list_status,
        ListStatus::Closed
    );
    assert_eq!(
        f.refused(delegate(CHILE), request_floor()),
        Rejection::ListClosed { item: ITEM_1 }
    );
    assert_eq!(
        f.refused(
            chair(),
            InscribeSpeaker {
                delegation: CHILE,
                item: None,
                capacity: Capacity::National,
                allow_additional: true,
            }
        ),
        Rejection::ListClosed { item: ITEM_1 }
    );
    let reply = f.reply(CHILE);

    // Only item 1's list is closed.
    f.ok(
        delegate(CHILE),
        RequestFloor {
            item: Some(ITEM_2),
            capacity: Capacity::National,
        },
    );
    assert_eq!(
        f.refused(chair(), CloseList { item: None }),
        Rejection::ListAlreadyThere { item: ITEM_1 }
    );
    assert_eq!(
        f.refused(chair(), AnnounceListClosing { item: None }),
        Rejection::ListAlreadyThere { item: ITEM_1 }
    );

    // Those inscribed before closure are still heard, then the reply.
    assert_eq!(f.next_speaker().entry.delegation, AUSTRIA);
    assert_eq!(f.next_speaker().entry.delegation, BRAZIL);
    assert_eq!(f.next_speaker().entry.id, reply);
}

#[test]
fn the_chair_reopens_a_closed_list() {
    let mut f = Fixture::open();
    assert_eq!(
        f.refused(chair(), ReopenList { item: None }),
        Rejection::ListAlreadyThere { item: ITEM_1 }
    );
    f.ok(chair(), CloseList { item: Some(ITEM_2) });
    assert_eq!(
        f.refused(
            delegate(DENMARK),
            RequestFloor {
                item: Some(ITEM_2),
                capacity: Capacity::National
            }
        ),
        Rejection::ListClosed { item: ITEM_2 }
    );
    assert_eq!(
        f.ok(chair(), ReopenList { item: Some(ITEM_2) }),
        [Event::ListReopened { item: ITEM_2 }]
    );
    f.ok(
        delegate(DENMARK),
        RequestFloor {
            item: Some(ITEM_2),
            capacity: Capacity::National,
        },
    );
    assert_eq!(f.statements(ITEM_2), [DENMARK]);
}

// --- points of order and motions

#[test]
fn a_point_of_order_interrupts_a_speech_which_returns_after_the_ruling() {
    let mut f = Fixture::open();
    let austria = f.request(AUSTRIA);
    let brazil = f.request(BRAZIL);
    f.next_speaker(); // Austria speaks from t0

    f.after_secs(59);
    let poo = f.point_of_order(CHILE); // t0 + 59
    assert_eq!(
        f.speaker(),
        Some(AUSTRIA),
        "raising a point of order does not stop the speech"
    );
    assert_eq!(
        f.refused(chair(), GiveFloor { entry: brazil }), // t0 + 60
        Rejection::InterventionPending { entry: poo }
    );

    f.after_secs(0);
    let given = given(&f.ok(chair(), GiveFloor { entry: poo })); // t0 + 60
    assert_eq!(given.entry.delegation, CHILE);
    assert_eq!(given.interrupts, Some(austria));
    assert_eq!(given.limit_ms, 120_000);
    assert_eq!(f.speaker(), Some(CHILE));
    let aside = f
        .state
        .interrupted
        .as_ref()
        .expect("Austria's speech is set aside");
    assert_eq!(aside.entry.id, austria);
    assert!(aside.paused_at.is_some(), "Austria's clock stops");
    assert_eq!(
        f.refused(chair(), NextSpeaker),
        Rejection::FloorOccupied { entry: poo },
        "the point of order is ended and ruled on first"
    );

    f.after_secs(29);
    assert_eq!(ended(&f.ok(chair(), EndSpeech)), (poo, 30_000, 0)); // t0 + 90
    assert_eq!(f.speaker(), Some(AUSTRIA), "Austria's speech comes back");
    assert!(
        f.state.floor.as_ref().unwrap().paused_at.is_some(),
        "still paused"
    );
    assert_eq!(f.state.interrupted, None);

    // The chair rules before anything else goes on.
    assert_eq!(
        f.refused(chair(), ResumeSpeech),
        Rejection::RulingPending { entry: poo }
    );
    assert_eq!(
        f.refused(chair(), NextSpeaker),
        Rejection::RulingPending { entry: poo }
    );
    assert_eq!(
        f.ok(
            chair(),
            Command::Rule {
                entry: poo,
                upheld: false,
                ruling: "  The speaker is in order. ".into()
            }
        ),
        [Event::RulingGiven {
            entry: poo,
            kind: EntryKind::PointOfOrder,
            upheld: false,
            ruling: "The speaker is in order.".into()
        }]
    );
    assert!(f.state.awaiting_ruling.is_empty());
    f.ok(chair(), ResumeSpeech);

    f.after_secs(40);
    // 60 s before the point of order and 40 s after it.
    assert_eq!(ended(&f.ok(chair(), EndSpeech)), (austria, 100_000, 0));
    assert_eq!(f.next_speaker().entry.id, brazil);
}

#[test]
fn a_point_of_order_does_not_interrupt_another_point_of_order() {
    let mut f = Fixture::open();
    let chile = f.point_of_order(CHILE);
    let denmark = f.point_of_order(DENMARK);
    assert_eq!(
        f.refused(
            delegate(CHILE),
            RaisePointOfOrder {
                about_voting: false
            }
        ),
        Rejection::AlreadyRaised { entry: chile },
        "one point of order per delegation at a time"
    );
    f.ok(chair(), GiveFloor { entry: chile });
    assert_eq!(
        f.refused(chair(), GiveFloor { entry: denmark }),
        Rejection::FloorOccupied { entry: chile }
    );
    assert_eq!(
        f.refused(chair(), NextSpeaker),
        Rejection::FloorOccupied { entry: chile },
        "a point of order on the floor is ended and ruled on, not skipped"
    );
}

#[test]
fn motions_queue_behind_points_of_order_by_precedence() {
    use MotionKind::*;
    let mut f = Fixture::open();
    f.request(AUSTRIA);
    let close = f.motion(AUSTRIA, CloseDebate);
    let adjourn_debate = f.motion(BRAZIL, AdjournDebate);
    let poo = f.point_of_order(CHILE);
    let adjourn_meeting = f.motion(DENMARK, AdjournMeeting);
    let suspend = f.motion(HOLY_SEE, SuspendMeeting);
    let second_poo = f.point_of_order(AFRICAN_UNION);
    // A delegation may have several different motions waiting, but not the same one twice.
    let austria_suspends = f.motion(AUSTRIA, SuspendMeeting);
    assert_eq!(
        f.refused(
            second_delegate(AUSTRIA),
            RaiseMotion {
                motion: CloseDebate
            }
        ),
        Rejection::AlreadyRaised { entry: close }
    );

    let expected = [
        poo,
        second_poo,
        suspend,
        austria_suspends,
        adjourn_meeting,
        adjourn_debate,
        close,
    ];
    let queue: Vec<EntryId> = f.state.interventions.iter().map(|e| e.id).collect();
    assert_eq!(queue, expected);
    assert_eq!(
        f.refused(chair(), GiveFloor { entry: close }),
        Rejection::InterventionPending { entry: poo }
    );
    assert_eq!(
        f.refused(
            chair(),
            GiveFloor {
                entry: adjourn_debate
            }
        ),
        Rejection::InterventionPending { entry: poo }
    );

    let mut heard = Vec::new();
    for _ in 0..expected.len() {
        let given = f.next_speaker();
        heard.push(given.entry.id);
        f.ok(chair(), EndSpeech);
        f.ok(chair(), rule(given.entry.id, false));
    }
    assert_eq!(heard, expected);
    assert_eq!(f.next_speaker().entry.delegation, AUSTRIA);
}

// --- rights of reply

#[test]
fn rights_of_reply_come_after_the_statements_two_per_delegation_and_item() {
    let mut f = Fixture::open(); // replies: 5 then 3 minutes, two per item, at the end of the item
    f.request(AUSTRIA);
    f.request(BRAZIL);
    let first = f.reply(CHILE);
    let second = f.reply(CHILE);
    assert_eq!(
        f.refused(second_delegate(CHILE), RequestRightOfReply { item: None }),
        Rejection::ReplyLimitReached {
            delegation: CHILE,
            max_per_item: 2
        }
    );
    let austria_reply = f.reply(AUSTRIA);
    // A new item, new replies.
    f.ok(delegate(CHILE), RequestRightOfReply { item: Some(ITEM_2) });

    assert_eq!(f.next_speaker().entry.delegation, AUSTRIA);
    assert_eq!(f.next_speaker().entry.delegation, BRAZIL);

    let g = f.next_speaker();
    assert_eq!(
        (g.entry.id, g.entry.kind.clone()),
        (first, EntryKind::RightOfReply { ordinal: 1 })
    );
    assert_eq!(g.limit_ms, 300_000);
    let g = f.next_speaker();
    assert_eq!(
        (g.entry.id, g.entry.kind.clone()),
        (second, EntryKind::RightOfReply { ordinal: 2 })
    );
    assert_eq!(g.limit_ms, 180_000);
    let g = f.next_speaker();
    assert_eq!((g.entry.id, g.limit_ms), (austria_reply, 300_000));

    // Replies heard still count.
    assert_eq!(
        f.refused(delegate(CHILE), RequestRightOfReply { item: None }),
        Rejection::ReplyLimitReached {
            delegation: CHILE,
            max_per_item: 2
        }
    );
}

#[test]
fn statements_inscribed_late_still_go_before_waiting_replies() {
    let mut f = Fixture::open();
    f.request(AUSTRIA);
    let reply = f.reply(BRAZIL);
    f.next_speaker();
    f.request(CHILE);
    assert_eq!(f.next_speaker().entry.delegation, CHILE);
    assert_eq!(f.next_speaker().entry.id, reply);
}

#[test]
fn replies_taken_at_the_end_of_the_day_wait_for_the_chair() {
    let mut f = Fixture::open_with(SessionRules {
        replies_taken: RepliesTaken::EndOfDay,
        ..SessionRules::default()
    });
    f.request(AUSTRIA);
    let reply = f.reply(BRAZIL);
    assert_eq!(f.next_speaker().entry.delegation, AUSTRIA);
    assert_eq!(f.refused(chair(), NextSpeaker), Rejection::NobodyWaiting);
    f.ok(chair(), EndSpeech);
    let g = given(&f.ok(chair(), GiveFloor { entry: reply }));
    assert_eq!(g.entry.delegation, BRAZIL);
    assert_eq!(g.limit_ms, 300_000);
}

#[test]
fn the_session_sets_the_number_and_length_of_replies() {
    let mut f = Fixture::open_with(SessionRules {
        max_replies_per_item: 1,
        time_limits: TimeLimits {
            first_reply_secs: 600,
            ..TimeLimits::default()
        },
        ..SessionRules::default()
    });
    f.reply(BRAZIL);
    assert_eq!(
        f.refused(delegate(BRAZIL), RequestRightOfReply { item: None }),
        Rejection::ReplyLimitReached {
            delegation: BRAZIL,
            max_per_item: 1
        }
    );
    assert_eq!(f.next_speaker().limit_ms, 600_000);
}

// --- time

#[test]
fn each_kind_of_speaker_has_its_own_time_limit() {
    let mut f = Fixture::open_with(SessionRules {
        time_limits: TimeLimits {
            state_secs: 300,
            group_secs: 420,
            organization_secs: 240,
            ngo_secs: 180,
            point_of_order_secs: 60,
            motion_secs: 90,
            first_reply_secs: 200,
            second_reply_secs: 100,
            explanation_of_vote_secs: 120,
        },
        ..SessionRules::default()
    });
    f.request(AUSTRIA);
    f.ok(
        delegate(BRAZIL),
        RequestFloor {
            item: None,
            capacity: group("the Group of 77 and China"),
        },
    );
    f.request(HOLY_SEE);
    f.request(AFRICAN_UNION);
    f.request(WHO);
    f.ok(chair(), inscribe(NGO));
    let limits: Vec<(DelegationId, u64)> = (0..6)
        .map(|_| {
            let g = f.next_speaker();
            (g.entry.delegation, g.limit_ms / 1000)
        })
        .collect();
    assert_eq!(
        limits,
        [
            (AUSTRIA, 300),       // a member State
            (BRAZIL, 420),        // on behalf of a group
            (HOLY_SEE, 300),      // an observer State
            (AFRICAN_UNION, 240), // an intergovernmental organization
            (WHO, 240),           // a UN entity
            (NGO, 180),
        ]
    );
    assert_eq!(
        f.state.floor.as_ref().unwrap().limit_ms,
        180_000,
        "the countdown runs from the limit"
    );

    f.point_of_order(CHILE);
    let motion = f.motion(DENMARK, MotionKind::CloseDebate);
    let g = f.next_speaker();
    assert_eq!(
        (g.entry.kind, g.limit_ms),
        (EntryKind::PointOfOrder, 60_000)
    );
    f.ok(chair(), EndSpeech);
    f.ok(chair(), rule(g.entry.id, true));
    assert_eq!(f.next_speaker().limit_ms, 90_000);
    f.ok(chair(), EndSpeech);
    f.ok(chair(), rule(motion, true));

    f.reply(CHILE);
    f.reply(CHILE);
    assert_eq!(f.next_speaker().limit_ms, 200_000);
    assert_eq!(f.next_speaker().limit_ms, 100_000);
}

#[test]
fn pauses_do_not_count_and_an_overrun_is_shown_not_cut() {
    let mut f = Fixture::open();
    let austria = f.request(AUSTRIA);
    f.next_speaker(); // t0, 5 minutes
    assert_eq!(f.refused(chair(), ResumeSpeech), Rejection::NotPaused);

    f.after_secs(99);
    f.ok(chair(), PauseSpeech); // t0 + 100
    assert_eq!(
        f.refused(secretariat(), PauseSpeech),
        Rejection::AlreadyPaused
    );
    f.after_secs(49);
    f.ok(chair(), ResumeSpeech); // t0 + 150, after a 50 s pause

    // Past the limit, the speaker keeps the floor and the countdown goes negative.
    f.after_secs(220);
    f.request(BRAZIL); // t0 + 370
    let floor = f.state.floor.as_ref().unwrap();
    assert_eq!(floor.entry.id, austria);
    let t370 = Millis(floor.started_at.0 + 370_000);
    assert_eq!(floor.spoken_ms(t370), 320_000);
    assert_eq!(floor.remaining_ms(t370), -20_000);

    f.after_secs(10);
    assert_eq!(
        f.ok(chair(), EndSpeech), // t0 + 380
        [Event::SpeechEnded {
            entry: austria,
            spoken_ms: 330_000,
            overrun_ms: 30_000
        }]
    );
    assert_eq!(f.refused(chair(), PauseSpeech), Rejection::FloorEmpty);
    assert_eq!(f.refused(chair(), EndSpeech), Rejection::FloorEmpty);
}

#[test]
fn suspending_the_meeting_stops_the_speakers_clock() {
    let mut f = Fixture::open();
    let austria = f.request(AUSTRIA);
    f.next_speaker(); // t0
    f.after_secs(60);
    f.ok(chair(), SuspendMeeting); // t0 + 60
    assert_eq!(
        f.refused(chair(), ResumeSpeech),
        Rejection::WrongMeetingStatus {
            status: MeetingStatus::Suspended,
            command: "resume_speech".into()
        }
    );
    f.after_secs(600);
    f.ok(chair(), ResumeMeeting);
    assert!(
        f.state.floor.as_ref().unwrap().paused_at.is_some(),
        "the speaker resumes when the chair says so"
    );
    f.ok(chair(), ResumeSpeech);
    f.after_secs(30);
    assert_eq!(ended(&f.ok(chair(), EndSpeech)), (austria, 90_000, 0));
}

#[test]
fn the_floor_shows_whether_the_speaker_is_in_the_room_or_remote() {
    let mut f = Fixture::open();
    f.check_in(delegate(AUSTRIA), AttendanceMode::Remote);
    f.check_in(second_delegate(AUSTRIA), AttendanceMode::InPerson);
    f.check_in(delegate(BRAZIL), AttendanceMode::Remote);
    f.request(AUSTRIA); // asked by the remote delegate
    f.ok(chair(), inscribe(BRAZIL));
    f.ok(chair(), inscribe(CHILE));
    f.ok(chair(), inscribe(DENMARK));
    f.check_in(delegate(DENMARK), AttendanceMode::InPerson);

    let attendance: Vec<(DelegationId, Option<AttendanceMode>)> = (0..4)
        .map(|_| {
            let g = f.next_speaker();
            (g.entry.delegation, g.attendance)
        })
        .collect();
    assert_eq!(
        attendance,
        [
            // The delegate who asked speaks, remotely.
            (AUSTRIA, Some(AttendanceMode::Remote)),
            // Inscribed by the chair: how the delegation attends.
            (BRAZIL, Some(AttendanceMode::Remote)),
            // Not checked in.
            (CHILE, None),
            // Checked in after the inscription: counts at the time of the floor.
            (DENMARK, Some(AttendanceMode::InPerson)),
        ]
    );
}

#[test]
fn a_reply_is_first_or_second_by_when_it_is_heard_not_when_it_was_asked() {
    let mut f = Fixture::open();
    let withdrawn = f.reply(CHILE);
    let kept = f.reply(CHILE);
    f.ok(delegate(CHILE), WithdrawEntry { entry: withdrawn });
    let g = f.next_speaker();
    assert_eq!(g.entry.id, kept);
    assert_eq!(g.entry.kind, EntryKind::RightOfReply { ordinal: 1 });
    assert_eq!(
        g.limit_ms, 300_000,
        "Chile's only reply gets the first reply's time"
    );

    // Reordered replies: the one heard second gets the second reply's time.
    let a = f.reply(BRAZIL);
    let b = f.reply(BRAZIL);
    f.ok(
        chair(),
        MoveEntry {
            entry: b,
            position: 0,
        },
    );
    let g = f.next_speaker();
    assert_eq!((g.entry.id, g.limit_ms), (b, 300_000));
    let g = f.next_speaker();
    assert_eq!((g.entry.id, g.limit_ms), (a, 180_000));
    let record = floor_meeting::record::meeting_record(MEETING, &f.log, &names());
    let capacities: Vec<&str> = record
        .speeches
        .iter()
        .map(|s| s.capacity.as_str())
        .collect();
    assert_eq!(capacities, ["reply 1", "reply 1", "reply 2"]);
}

#[test]
fn a_paused_speech_does_not_go_on_over_a_waiting_point_of_order() {
    let mut f = Fixture::open();
    f.request(AUSTRIA);
    f.next_speaker();
    f.ok(chair(), PauseSpeech);
    let point = f.point_of_order(BRAZIL);
    assert_eq!(
        f.refused(chair(), ResumeSpeech),
        Rejection::InterventionPending { entry: point }
    );
    f.ok(chair(), GiveFloor { entry: point });
    f.ok(chair(), EndSpeech);
    f.ok(chair(), rule(point, false));
    f.ok(chair(), ResumeSpeech);
    assert_eq!(f.speaker(), Some(AUSTRIA));
}

#[test]
fn an_ngo_asks_the_chair_for_a_reply_too_unless_the_rules_allow_it() {
    let mut f = Fixture::open();
    assert_eq!(
        f.refused(delegate(NGO), RequestRightOfReply { item: None }),
        Rejection::NgoInscribedByChair
    );
    // (Replies are for States unless the rules give them to every delegation.)
    let mut f = Fixture::open_with(SessionRules {
        ngo_self_inscription: true,
        right_of_reply: RightOfReplyFor::AllDelegations,
        ..SessionRules::default()
    });
    f.reply(NGO);
}

/// Fault (a): the right of reply is the States' (members and observer States) unless the
/// session's rules give it to every delegation.
#[test]
fn organizations_take_no_right_of_reply_unless_the_rules_give_it_to_every_delegation() {
    let mut f = Fixture::open();
    for org in [AFRICAN_UNION, WHO] {
        assert_eq!(
            f.refused(delegate(org), RequestRightOfReply { item: None }),
            Rejection::ReplyReservedToStates { delegation: org }
        );
    }
    f.reply(AUSTRIA);
    f.reply(HOLY_SEE);

    let mut f = Fixture::open_with(SessionRules {
        right_of_reply: RightOfReplyFor::AllDelegations,
        ..SessionRules::default()
    });
    f.reply(AFRICAN_UNION);
    f.reply(WHO);
}
