//! The delegation's microphone: a delegation may follow the meeting from several devices
//! and people, and when it holds the floor only one of them is heard: the one who asked,
//! or whoever the microphone is passed to. The media contract (`floor_protocol::media`)
//! reads it from the floor.

use crate::helpers::*;
use floor_protocol::event::Actor;
use floor_protocol::media::{publishes, FloorRoute, Publisher};
use floor_protocol::roster::AttendanceMode::{InPerson, Remote};
use floor_protocol::*;
use Command::*;

/// Austria's second participant, following from another device.
const AUSTRIA_ADVISER: ParticipantId = ParticipantId(102);

fn adviser() -> Actor {
    Actor {
        participant: Some(AUSTRIA_ADVISER),
        ..delegate(AUSTRIA)
    }
}

fn heard(f: &Fixture, who: &Actor) -> bool {
    let me = Publisher {
        role: who.role,
        participant: who.participant,
        delegation: who.delegation,
    };
    publishes(&FloorRoute::of(&f.state), &me).0
}

#[test]
fn the_floor_passes_between_two_people_of_one_delegation() {
    let mut f = Fixture::open();
    f.check_in(delegate(AUSTRIA), Remote);
    f.check_in(adviser(), Remote);
    f.check_in(delegate(BRAZIL), Remote);
    // The adviser asks, and is given the floor: only the adviser's microphone is heard.
    f.ok(adviser(), request_floor());
    f.next_speaker();
    assert_eq!(
        f.state.floor.as_ref().unwrap().speaker,
        Some(AUSTRIA_ADVISER)
    );
    assert!(heard(&f, &adviser()));
    assert!(
        !heard(&f, &delegate(AUSTRIA)),
        "the colleague's device sends nothing"
    );

    // The head of delegation takes the microphone; then hands it back.
    f.ok(
        delegate(AUSTRIA),
        PassFloorMicrophone {
            participant: delegate_id(AUSTRIA),
        },
    );
    assert!(heard(&f, &delegate(AUSTRIA)) && !heard(&f, &adviser()));
    f.ok(
        delegate(AUSTRIA),
        PassFloorMicrophone {
            participant: AUSTRIA_ADVISER,
        },
    );
    assert!(heard(&f, &adviser()) && !heard(&f, &delegate(AUSTRIA)));

    // Nobody else's: not another delegation's delegate, not to someone outside it.
    assert_eq!(
        f.refused(
            delegate(BRAZIL),
            PassFloorMicrophone {
                participant: delegate_id(BRAZIL)
            }
        ),
        Rejection::NotYourFloor
    );
    assert_eq!(
        f.refused(
            delegate(AUSTRIA),
            PassFloorMicrophone {
                participant: delegate_id(BRAZIL)
            }
        ),
        Rejection::NotInDelegation {
            participant: delegate_id(BRAZIL),
            delegation: AUSTRIA
        }
    );
    // The chair may pass it too (a delegation asks aloud).
    f.ok(
        chair(),
        PassFloorMicrophone {
            participant: delegate_id(AUSTRIA),
        },
    );
    assert!(heard(&f, &delegate(AUSTRIA)));
    f.ok(chair(), EndSpeech);
    assert!(
        !heard(&f, &delegate(AUSTRIA)),
        "the speech over, nothing is sent"
    );
}

#[test]
fn a_delegation_inscribed_by_the_chair_is_heard_through_its_first_microphone_until_one_takes_it() {
    let mut f = Fixture::open();
    f.check_in(delegate(AUSTRIA), Remote);
    f.check_in(adviser(), Remote);
    f.ok(
        chair(),
        InscribeSpeaker {
            delegation: AUSTRIA,
            item: None,
            capacity: Default::default(),
            allow_additional: false,
        },
    );
    f.next_speaker();
    assert_eq!(f.state.floor.as_ref().unwrap().speaker, None);
    // Nobody asked: each device of the delegation may send; the SFU hears the first.
    assert!(heard(&f, &delegate(AUSTRIA)) && heard(&f, &adviser()));
    f.ok(
        adviser(),
        PassFloorMicrophone {
            participant: AUSTRIA_ADVISER,
        },
    );
    assert!(heard(&f, &adviser()) && !heard(&f, &delegate(AUSTRIA)));
}

#[test]
fn a_speaker_in_the_room_is_heard_through_the_room_and_has_no_microphone_to_pass() {
    let mut f = Fixture::open();
    f.check_in(delegate(AUSTRIA), InPerson);
    f.request(AUSTRIA);
    f.next_speaker();
    assert!(!heard(&f, &delegate(AUSTRIA)));
    assert_eq!(
        f.refused(
            delegate(AUSTRIA),
            PassFloorMicrophone {
                participant: delegate_id(AUSTRIA)
            }
        ),
        Rejection::NotYourFloor
    );
    assert!(
        heard(&f, &room()),
        "the room's microphones are always heard"
    );
}
