//! The meeting's life (scheduled → open → suspended ↔ open → closed), attendance and quorum.

use crate::helpers::*;
use floor_protocol::meeting::MeetingStatus;
use floor_protocol::roster::AttendanceMode::{InPerson, Remote};
use floor_protocol::*;
use Command::*;

fn wrong(status: MeetingStatus, command: &str) -> Rejection {
    Rejection::WrongMeetingStatus {
        status,
        command: command.into(),
    }
}

#[test]
fn a_scheduled_meeting_is_prepared_but_nobody_speaks_until_it_opens() {
    use MeetingStatus::Scheduled;
    let mut f = Fixture::new();
    assert_eq!(f.state.status, Scheduled);
    assert_eq!(
        f.refused(chair(), SuspendMeeting),
        wrong(Scheduled, "suspend_meeting")
    );
    assert_eq!(
        f.refused(chair(), ResumeMeeting),
        wrong(Scheduled, "resume_meeting")
    );
    assert_eq!(
        f.refused(chair(), CloseMeeting),
        wrong(Scheduled, "close_meeting")
    );
    assert_eq!(
        f.refused(
            delegate(AUSTRIA),
            RaisePointOfOrder {
                about_voting: false
            }
        ),
        wrong(Scheduled, "raise_point_of_order")
    );

    // The agenda, the attendance and the list can be prepared in advance.
    f.ok(
        secretariat(),
        AddAgendaItem {
            number: "1".into(),
            title: "Election of officers".into(),
            parent: None,
        },
    );
    f.ok(chair(), TakeUpItem { item: ITEM_1 });
    f.check_in(delegate(AUSTRIA), InPerson);
    f.request(AUSTRIA);
    assert_eq!(
        f.refused(chair(), NextSpeaker),
        wrong(Scheduled, "next_speaker")
    );

    assert_eq!(f.ok(chair(), OpenMeeting), [Event::MeetingOpened]);
    assert_eq!(f.state.status, MeetingStatus::Open);
    assert_eq!(f.next_speaker().entry.delegation, AUSTRIA);
}

#[test]
fn an_open_meeting_is_suspended_resumed_and_closed() {
    use MeetingStatus::*;
    let mut f = Fixture::open();
    let austria = f.request(AUSTRIA);
    assert_eq!(f.refused(chair(), OpenMeeting), wrong(Open, "open_meeting"));
    assert_eq!(
        f.refused(chair(), ResumeMeeting),
        wrong(Open, "resume_meeting")
    );

    assert_eq!(f.ok(chair(), SuspendMeeting), [Event::MeetingSuspended]);
    assert_eq!(f.state.status, Suspended);
    assert_eq!(
        f.refused(chair(), SuspendMeeting),
        wrong(Suspended, "suspend_meeting")
    );
    assert_eq!(
        f.refused(chair(), NextSpeaker),
        wrong(Suspended, "next_speaker")
    );
    assert_eq!(
        f.refused(
            delegate(BRAZIL),
            RaisePointOfOrder {
                about_voting: false
            }
        ),
        wrong(Suspended, "raise_point_of_order")
    );
    // Inscriptions go on during a suspension.
    f.request(BRAZIL);

    assert_eq!(f.ok(secretariat(), ResumeMeeting), [Event::MeetingResumed]);
    assert_eq!(f.state.status, Open);

    // Nobody is cut off by closing the meeting or moving on.
    assert_eq!(f.next_speaker().entry.id, austria);
    assert_eq!(
        f.refused(chair(), CloseMeeting),
        Rejection::FloorOccupied { entry: austria }
    );
    assert_eq!(
        f.refused(chair(), TakeUpItem { item: ITEM_2 }),
        Rejection::FloorOccupied { entry: austria }
    );
    f.ok(chair(), EndSpeech);
    f.ok(chair(), TakeUpItem { item: ITEM_2 });
    assert_eq!(f.state.current_item, Some(ITEM_2));

    assert_eq!(f.ok(chair(), CloseMeeting), [Event::MeetingClosed]);
    assert_eq!(f.state.status, Closed);
}

#[test]
fn a_closed_meeting_takes_nothing_more() {
    use MeetingStatus::Closed;
    let mut f = Fixture::open();
    f.ok(chair(), SuspendMeeting);
    f.ok(chair(), CloseMeeting); // a suspended meeting may be closed too
    assert_eq!(
        f.refused(chair(), OpenMeeting),
        wrong(Closed, "open_meeting")
    );
    assert_eq!(
        f.refused(chair(), ResumeMeeting),
        wrong(Closed, "resume_meeting")
    );
    assert_eq!(
        f.refused(delegate(AUSTRIA), request_floor()),
        wrong(Closed, "request_floor")
    );
    assert_eq!(
        f.refused(delegate(AUSTRIA), CheckIn { mode: Remote }),
        wrong(Closed, "check_in")
    );
    assert_eq!(
        f.refused(
            secretariat(),
            AddAgendaItem {
                number: "3".into(),
                title: "Other business".into(),
                parent: None
            }
        ),
        wrong(Closed, "add_agenda_item")
    );
    assert_eq!(
        f.refused(chair(), CloseList { item: None }),
        wrong(Closed, "close_list")
    );
}

#[test]
fn quorum_counts_member_delegations_present_not_people_or_observers() {
    let mut f = Fixture::open();
    let quorum = f.ctx.rules.quorum_required(f.ctx.members());
    assert_eq!(quorum, 3, "a majority of the 4 members");
    assert_eq!(f.state.members_present(), 0);

    f.check_in(delegate(AUSTRIA), InPerson);
    f.check_in(second_delegate(AUSTRIA), Remote);
    assert_eq!(f.state.members_present(), 1, "a delegation counts once");

    f.check_in(delegate(HOLY_SEE), InPerson);
    f.check_in(delegate(AFRICAN_UNION), Remote);
    f.check_in(delegate(WHO), Remote);
    f.check_in(delegate(NGO), InPerson);
    assert_eq!(f.state.members_present(), 1, "observers do not count");

    f.check_in(delegate(BRAZIL), Remote);
    assert_eq!(f.state.members_present(), 2);
    assert!(f.state.members_present() < quorum);

    // The secretariat records a delegate who cannot check in themselves.
    assert_eq!(
        f.ok(
            secretariat(),
            RecordAttendance {
                participant: delegate_id(CHILE),
                delegation: CHILE,
                mode: InPerson,
            }
        ),
        [Event::AttendanceRecorded {
            participant: delegate_id(CHILE),
            delegation: CHILE,
            mode: InPerson,
            member: true
        }]
    );
    assert_eq!(f.state.members_present(), 3);
    assert!(f.state.members_present() >= quorum);

    // Changing from remote to in person is not a second attendance.
    f.check_in(delegate(BRAZIL), InPerson);
    assert_eq!(f.state.members_present(), 3);
    assert_eq!(f.state.attendance.len(), 8);
    assert_eq!(f.state.delegation_attendance(BRAZIL), Some(InPerson));
    assert_eq!(
        f.state.delegation_attendance(AUSTRIA),
        Some(InPerson),
        "one of two in the room"
    );
    assert_eq!(f.state.delegation_attendance(WHO), Some(Remote));
    assert_eq!(f.state.delegation_attendance(DENMARK), None);

    // Nobody belongs to a delegation that is not on the roster.
    assert_eq!(
        f.refused(
            secretariat(),
            RecordAttendance {
                participant: ParticipantId(9901),
                delegation: UNKNOWN,
                mode: Remote,
            }
        ),
        Rejection::NotInDelegation {
            participant: ParticipantId(9901),
            delegation: UNKNOWN
        }
    );
}

#[test]
fn quorum_is_a_majority_of_members_unless_the_session_sets_it() {
    let rules = SessionRules::default();
    assert_eq!(rules.quorum_required(53), 27, "CND");
    assert_eq!(rules.quorum_required(40), 21, "CCPCJ");
    let rules = SessionRules {
        quorum: Some(20),
        ..SessionRules::default()
    };
    assert_eq!(rules.quorum_required(53), 20);
}

#[test]
fn sub_items_follow_their_parent_on_the_agenda() {
    let mut f = Fixture::open(); // items 1 and 2
    let add = |number: &str, parent: Option<AgendaItemId>| AddAgendaItem {
        number: number.into(),
        title: "Item".into(),
        parent,
    };
    f.ok(secretariat(), add("1 (a)", Some(ITEM_1)));
    f.ok(secretariat(), add("1 (b)", Some(ITEM_1)));
    f.ok(secretariat(), add("3", None));
    let numbers: Vec<&str> = f.state.agenda.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(numbers, ["1", "1 (a)", "1 (b)", "2", "3"]);

    assert_eq!(
        f.refused(secretariat(), add("2", None)),
        Rejection::DuplicateAgendaNumber { number: "2".into() }
    );
    assert_eq!(
        f.refused(secretariat(), add("1 (a) (i)", Some(AgendaItemId(3)))),
        Rejection::InvalidAgendaParent {
            parent: AgendaItemId(3)
        }
    );
    assert_eq!(
        f.refused(secretariat(), add("  ", None)),
        Rejection::InvalidText {
            field: "number".into(),
            max_chars: 16
        }
    );
}
