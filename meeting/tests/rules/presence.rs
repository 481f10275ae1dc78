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
