//! Presence as the quorum and the vote see it: a delegate checks out and is no longer
//! present; a member delegation with nobody present is not counted for the quorum and
//! cannot vote; the secretariat records arrivals and departures for those without a device.

use crate::helpers::*;
use floor_protocol::roster::AttendanceMode::{InPerson, Remote};
use floor_protocol::vote::{Choice, Majority, VoteMethod};
use floor_protocol::*;
use Command::*;

const V1: VoteId = VoteId(1);

fn cast(choice: Choice) -> Command {
    CastVote { vote: V1, choice }
}

/// An open meeting with every member checked in and a proposal before it.
fn quorate() -> Fixture {
    let mut f = Fixture::open();
    for d in [AUSTRIA, BRAZIL, CHILE, DENMARK] {
        f.check_in(delegate(d), Remote);
    }
    f.ok(chair(), table_proposal(&[]));
    f
}

#[test]
fn members_who_leave_no_longer_make_the_quorum() {
    let mut f = quorate();
    assert_eq!(f.state.members_present(), 4);

    let events = f.ok(delegate(DENMARK), CheckOut);
    assert_eq!(
        events,
        [Event::AttendanceEnded {
            participant: delegate_id(DENMARK),
            delegation: DENMARK,
        }]
    );
    f.ok(delegate(CHILE), CheckOut);
    assert_eq!(f.state.members_present(), 2);
    assert_eq!(f.state.delegation_attendance(CHILE), None);

    // Three of four members make the quorum: the chair cannot open the vote.
    assert_eq!(
        f.refused(
            chair(),
            open_vote(VoteMethod::Recorded, Majority::PresentAndVoting)
        ),
        Rejection::NoQuorum {
            present: 2,
            required: 3
        }
    );

    // Chile's representative is back in the room without a device: the secretariat
    // records it, and the vote opens with three members present.
    f.ok(
        secretariat(),
        RecordAttendance {
            participant: delegate_id(CHILE),
            delegation: CHILE,
            mode: InPerson,
        },
    );
    match f
        .ok(
            chair(),
            open_vote(VoteMethod::Recorded, Majority::PresentAndVoting),
        )
        .as_slice()
    {
        [Event::VoteOpened { vote }] => assert_eq!(vote.members_present, 3),
        other => panic!("{other:?}"),
    }
    assert_eq!(MeetingState::replay(MEETING, &f.log), f.state);
}

#[test]
fn only_members_present_vote() {
    let mut f = Fixture::open();
    for d in [AUSTRIA, BRAZIL, CHILE] {
        f.check_in(delegate(d), Remote);
    }
    f.ok(chair(), table_proposal(&[]));
    f.ok(
        chair(),
        open_vote(VoteMethod::Recorded, Majority::PresentAndVoting),
    );

    // Denmark never checked in.
    assert_eq!(
        f.refused(delegate(DENMARK), cast(Choice::Yes)),
        Rejection::NotPresent {
            delegation: DENMARK
        }
    );
    f.ok(delegate(AUSTRIA), cast(Choice::Yes));
    // Brazil leaves during the vote: it can no longer vote.
    f.ok(delegate(BRAZIL), CheckOut);
    assert_eq!(
        f.refused(delegate(BRAZIL), cast(Choice::No)),
        Rejection::NotPresent { delegation: BRAZIL }
    );
    f.ok(delegate(CHILE), cast(Choice::No));
    assert_eq!(f.state.votes[0].voted, [AUSTRIA, CHILE]);
}

#[test]
fn a_delegation_is_present_while_one_of_its_delegates_is() {
    let mut f = quorate();
    f.check_in(second_delegate(AUSTRIA), InPerson);
    f.ok(delegate(AUSTRIA), CheckOut);
    assert_eq!(f.state.members_present(), 4);
    assert_eq!(f.state.delegation_attendance(AUSTRIA), Some(InPerson));

    f.ok(
        chair(),
        open_vote(VoteMethod::Recorded, Majority::PresentAndVoting),
    );
    // The delegate who left still speaks for the delegation, which is present.
    f.ok(delegate(AUSTRIA), cast(Choice::Yes));

    f.ok(second_delegate(AUSTRIA), CheckOut);
    assert_eq!(f.state.members_present(), 3);
    assert_eq!(f.state.delegation_attendance(AUSTRIA), None);
}

#[test]
fn the_secretariat_records_a_departure_and_nobody_leaves_twice() {
    let mut f = quorate();
    let chile = delegate_id(CHILE);
    f.ok(secretariat(), RecordDeparture { participant: chile });
    assert_eq!(f.state.members_present(), 3);
    assert_eq!(
        f.refused(secretariat(), RecordDeparture { participant: chile }),
        Rejection::NotCheckedIn { participant: chile }
    );
    assert_eq!(
        f.refused(delegate(CHILE), CheckOut),
        Rejection::NotCheckedIn { participant: chile }
    );
    // Someone who never came cannot leave either.
    assert_eq!(
        f.refused(delegate(HOLY_SEE), CheckOut),
        Rejection::NotCheckedIn {
            participant: delegate_id(HOLY_SEE)
        }
    );
    // Nor does anyone leave a closed meeting: its attendance is final.
    f.ok(chair(), CloseMeeting);
    assert!(matches!(
        f.refused(delegate(AUSTRIA), CheckOut),
        Rejection::WrongMeetingStatus { .. }
    ));
    assert_eq!(MeetingState::replay(MEETING, &f.log), f.state);
}

fn record(participant: ParticipantId, delegation: DelegationId) -> Command {
    RecordAttendance {
        participant,
        delegation,
        mode: InPerson,
    }
}

/// The secretariat records a participant's attendance for their own delegation only:
/// nobody makes another delegation present, and a stranger to the session makes none
/// present. Only the secretariat learns this: anyone else is told only that their role
/// may not record attendance, whoever they name.
#[test]
fn attendance_is_recorded_only_for_a_participant_of_that_delegation() {
    let mut f = Fixture::open();
    let not_in_chile = |participant| Rejection::NotInDelegation {
        participant,
        delegation: CHILE,
    };
    let stranger = ParticipantId(4242);

    // Brazil's delegate, the chair (of no delegation) and a stranger are not Chile's.
    for someone in [delegate_id(BRAZIL), ParticipantId(900), stranger] {
        assert_eq!(
            f.refused(secretariat(), record(someone, CHILE)),
            not_in_chile(someone)
        );
    }
    assert_eq!(f.state.delegation_attendance(CHILE), None);
    assert_eq!(f.state.members_present(), 0);

    // The role comes first: the chair and Chile's own delegate learn nothing of the roster.
    for (who, role) in [(chair(), Role::Chair), (delegate(CHILE), Role::Delegate)] {
        for someone in [stranger, delegate_id(CHILE)] {
            assert_eq!(
                f.refused(who, record(someone, CHILE)),
                Rejection::NotPermitted {
                    role,
                    command: "record_attendance".into()
                }
            );
        }
    }

    // Chile's second delegate is.
    let second = second_delegate(CHILE).participant.unwrap();
    assert_eq!(
        f.ok(secretariat(), record(second, CHILE)),
        [Event::AttendanceRecorded {
            participant: second,
            delegation: CHILE,
            mode: InPerson,
            member: true
        }]
    );
    assert_eq!(f.state.delegation_attendance(CHILE), Some(InPerson));

    // A delegate added to Denmark's delegation after the session began counts as soon as
    // the roster has them.
    let newcomer = ParticipantId(403);
    assert_eq!(
        f.refused(secretariat(), record(newcomer, DENMARK)),
        Rejection::NotInDelegation {
            participant: newcomer,
            delegation: DENMARK
        }
    );
    f.ctx
        .participants
        .insert(newcomer, (Role::Delegate, Some(DENMARK)));
    f.ok(secretariat(), record(newcomer, DENMARK));
    assert_eq!(f.state.members_present(), 2);

    // The roster comes before the meeting's state: once the meeting is closed, a stranger
    // is still not Chile's, and only Chile's own delegate hears that the meeting is closed.
    f.ok(chair(), CloseMeeting);
    assert_eq!(
        f.refused(secretariat(), record(stranger, CHILE)),
        not_in_chile(stranger)
    );
    assert_eq!(
        f.refused(secretariat(), record(delegate_id(CHILE), CHILE)),
        Rejection::WrongMeetingStatus {
            status: floor_protocol::meeting::MeetingStatus::Closed,
            command: "record_attendance".into()
        }
    );
}
