//! The agenda of a session: provisional until adopted, corrected and reordered by the chair
//! or the secretariat, and carried from one meeting to the next (the general debate spans
//! several meetings): every item's waiting speakers, rights of reply and replies heard, the
//! item under consideration, and whether the agenda was adopted.

use crate::helpers::*;
use floor_protocol::meeting::{ListStatus, MeetingStatus};
use floor_protocol::*;
use Command::*;

fn numbers(f: &Fixture) -> Vec<String> {
    f.state.agenda.iter().map(|i| i.number.clone()).collect()
}

fn add(f: &mut Fixture, number: &str, parent: Option<AgendaItemId>) -> AgendaItemId {
    match f
        .ok(
            secretariat(),
            AddAgendaItem {
                number: number.into(),
                title: format!("Item {number}"),
                parent,
            },
        )
        .as_slice()
    {
        [Event::AgendaItemAdded { item, .. }] => *item,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_provisional_agenda_is_corrected_reordered_and_adopted() {
    let mut f = Fixture::open();
    let three = add(&mut f, "3", None);
    let a = add(&mut f, "3 (a)", Some(three));
    let b = add(&mut f, "3 (b)", Some(three));
    assert!(!f.state.agenda_adopted, "provisional until adopted");

    // Sub-item (b) first among the sub-items of 3; then item 3, with them, first of all.
    f.ok(
        chair(),
        MoveAgendaItem {
            item: b,
            after: None,
        },
    );
    f.ok(
        secretariat(),
        MoveAgendaItem {
            item: three,
            after: None,
        },
    );
    assert_eq!(numbers(&f), ["3", "3 (b)", "3 (a)", "1", "2"]);
    // Item 1 after item 2: item 3 keeps its sub-items.
    f.ok(
        chair(),
        MoveAgendaItem {
            item: ITEM_1,
            after: Some(ITEM_2),
        },
    );
    assert_eq!(numbers(&f), ["3", "3 (b)", "3 (a)", "2", "1"]);
    f.ok(
        chair(),
        MoveAgendaItem {
            item: ITEM_2,
            after: Some(three),
        },
    );
    assert_eq!(
        numbers(&f),
        ["3", "3 (b)", "3 (a)", "2", "1"],
        "after 3 and its sub-items"
    );
    // Only among siblings, and not after itself.
    for (item, after) in [(a, ITEM_1), (ITEM_1, a), (a, a)] {
        assert_eq!(
            f.refused(
                chair(),
                MoveAgendaItem {
                    item,
                    after: Some(after)
                }
            ),
            Rejection::InvalidAgendaPlace { item, after }
        );
    }

    // A corrected title; a number another item has is refused, whatever its spacing.
    f.ok(
        chair(),
        EditAgendaItem {
            item: a,
            number: " 3 (a) ".into(),
            title: " Implementation of the international drug control treaties ".into(),
        },
    );
    let edited = f.state.item(a).unwrap();
    assert_eq!(
        (edited.number.as_str(), edited.title.as_str()),
        (
            "3 (a)",
            "Implementation of the international drug control treaties"
        )
    );
    assert_eq!(
        f.refused(
            chair(),
            EditAgendaItem {
                item: a,
                number: "3(B)".into(),
                title: "x".into()
            }
        ),
        Rejection::DuplicateAgendaNumber {
            number: "3(B)".into()
        }
    );
    assert!(matches!(
        f.refused(
            chair(),
            EditAgendaItem {
                item: a,
                number: "3 (a)".into(),
                title: "  ".into()
            }
        ),
        Rejection::InvalidText { .. }
    ));

    f.ok(chair(), AdoptAgenda);
    assert!(f.state.agenda_adopted);
    assert_eq!(
        f.refused(secretariat(), AdoptAgenda),
        Rejection::AgendaNotAdoptable { adopted: true }
    );
    // Delegates neither adopt nor reorder the agenda.
    assert!(matches!(
        f.refused(
            delegate(AUSTRIA),
            MoveAgendaItem {
                item: a,
                after: None
            }
        ),
        Rejection::NotPermitted { .. }
    ));
    // An empty agenda has nothing to adopt.
    assert_eq!(
        Fixture::new().refused(chair(), AdoptAgenda),
        Rejection::AgendaNotAdoptable { adopted: false }
    );
}

/// The 1st meeting: the agenda adopted, the general debate (item 2) under way, Austria
/// heard, Brazil and Chile waiting, Denmark's right of reply waiting and Austria's heard;
/// then the meeting rises.
fn first_meeting() -> Fixture {
    let mut f = Fixture::open();
    f.ok(chair(), AdoptAgenda);
    f.ok(chair(), TakeUpItem { item: ITEM_2 });
    for d in [AUSTRIA, BRAZIL, CHILE] {
        f.request(d);
    }
    f.next_speaker();
    f.ok(chair(), EndSpeech);
    f.reply(AUSTRIA);
    f.ok(chair(), CloseList { item: None });
    // Austria's reply is heard before Brazil (the chair gives it the floor now).
    let austria_reply = f.state.item(ITEM_2).unwrap().replies[0].id;
    f.ok(
        chair(),
        GiveFloor {
            entry: austria_reply,
        },
    );
    f.ok(chair(), EndSpeech);
    f.reply(DENMARK);
    // A draft introduced today, acted on at a later meeting.
    f.ok(secretariat(), table_proposal(&[BRAZIL]));
    f.ok(chair(), CloseMeeting);
    f
}

/// The 2nd meeting of the session, nothing on its agenda yet.
fn second_meeting(first: &Fixture) -> Fixture {
    let mut f = Fixture::new();
    f.state = MeetingState::new(MeetingId(MEETING.0 + 1));
    f.ctx.previous = Some(Box::new(first.state.clone()));
    f
}

#[test]
fn the_general_debate_carries_over_from_the_first_meeting_to_the_second() {
    let first = first_meeting();
    assert_eq!(first.state.status, MeetingStatus::Closed);
    let mut f = second_meeting(&first);
    let events = f.ok(secretariat(), ContinueFrom { meeting: MEETING });
    assert!(
        matches!(events.as_slice(), [Event::AgendaCarriedOver { from, .. }] if *from == MEETING)
    );

    // The same agenda, adopted, item 2 under consideration, its list as it was.
    assert_eq!(f.state.continues, Some(MEETING));
    assert!(f.state.agenda_adopted);
    assert_eq!(f.state.current_item, Some(ITEM_2));
    assert_eq!(f.statements(ITEM_2), [BRAZIL, CHILE]);
    let item = f.state.item(ITEM_2).unwrap().clone();
    assert_eq!(
        item.list_status,
        ListStatus::Closed,
        "the list stays closed"
    );
    assert_eq!(
        item.replies
            .iter()
            .map(|e| e.delegation)
            .collect::<Vec<_>>(),
        [DENMARK]
    );
    assert_eq!(item.replies_of(AUSTRIA), 1, "Austria's reply heard counts");

    // The meeting opens and the debate goes on where it stopped.
    f.ok(chair(), OpenMeeting);
    let brazil = f.state.item(ITEM_2).unwrap().statements[0].id;
    assert_eq!(
        f.next_speaker().entry.id,
        brazil,
        "Brazil keeps its place and its entry"
    );
    f.ok(chair(), EndSpeech);
    // The list is closed; Brazil's one waiting statement was heard; a new entry is numbered
    // after every entry of the 1st meeting.
    f.ok(chair(), ReopenList { item: None });
    let new = f.request(DENMARK);
    assert!(new >= first.state.next_entry, "{new:?}");
    // The draft tabled in the 1st meeting is adopted in the 2nd, and its record names it.
    f.ok(
        chair(),
        AdoptWithoutVote {
            proposal: ProposalId(1),
        },
    );
    let record = floor_meeting::record::meeting_record(f.state.meeting_id, &f.log, &names());
    assert_eq!(record.decisions[0].reference, "E/CN.7/2026/L.2");
    // A new proposal is numbered after the carried ones.
    let tabled = f.ok(secretariat(), table_proposal(&[AUSTRIA]));
    assert!(
        matches!(tabled.as_slice(), [Event::ProposalTabled { proposal }] if proposal.id == ProposalId(2))
    );
    // Rights of reply counted across the meetings: Austria has had one.
    let limit = f.ctx.rules.max_replies_per_item;
    for _ in 1..limit {
        f.reply(AUSTRIA);
    }
    assert!(matches!(
        f.refused(delegate(AUSTRIA), RequestRightOfReply { item: None }),
        Rejection::ReplyLimitReached { .. }
    ));
}

#[test]
fn a_meeting_continues_only_another_meeting_of_its_session_and_only_before_its_own_agenda() {
    let first = first_meeting();
    let mut f = second_meeting(&first);
    // Not itself, not a meeting the server did not find in this session.
    for meeting in [f.state.meeting_id, MeetingId(99)] {
        assert_eq!(
            f.refused(secretariat(), ContinueFrom { meeting }),
            Rejection::NotAnEarlierMeeting { meeting }
        );
    }
    f.ctx.previous = None;
    assert_eq!(
        f.refused(chair(), ContinueFrom { meeting: MEETING }),
        Rejection::NotAnEarlierMeeting { meeting: MEETING }
    );
    // Once this meeting has begun its own agenda, it cannot take another's.
    f.ctx.previous = Some(Box::new(first.state.clone()));
    add(&mut f, "1", None);
    assert_eq!(
        f.refused(chair(), ContinueFrom { meeting: MEETING }),
        Rejection::AgendaNotEmpty
    );
}
