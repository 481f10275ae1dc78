//! Interpretation booths as the interpreters and the secretariat notice them: one booth per
//! channel the session has, and exactly one live microphone per booth, handed over in one
//! gap-free swap.

use crate::helpers::*;
use floor_protocol::event::Actor;
use floor_protocol::meeting::{Booth, MeetingStatus};
use floor_protocol::*;
use Command::*;

/// The booth partner of [`interpreter`].
fn partner() -> Actor {
    Actor {
        participant: Some(partner_id()),
        ..interpreter()
    }
}

fn partner_id() -> ParticipantId {
    ParticipantId(951)
}

/// An interpreter of another booth.
fn colleague() -> Actor {
    Actor {
        participant: Some(colleague_id()),
        ..interpreter()
    }
}

fn colleague_id() -> ParticipantId {
    ParticipantId(952)
}

fn assign(participant: ParticipantId, channel: &str) -> Command {
    AssignInterpreter {
        participant,
        channel: channel.into(),
    }
}

fn take(channel: &str) -> Command {
    TakeMicrophone {
        channel: channel.into(),
    }
}

fn release(channel: &str) -> Command {
    ReleaseMicrophone {
        channel: channel.into(),
    }
}

#[track_caller]
fn booth<'a>(f: &'a Fixture, channel: &str) -> &'a Booth {
    f.state
        .booth(channel)
        .unwrap_or_else(|| panic!("no {channel} booth"))
}

fn live(f: &Fixture, channel: &str) -> Option<ParticipantId> {
    f.state.booth(channel).and_then(|b| b.live)
}

/// The French booth with both interpreters in it, nobody live yet.
fn french_booth() -> Fixture {
    let mut f = Fixture::open();
    f.ok(secretariat(), assign(interpreter_id(), "fr"));
    f.ok(secretariat(), assign(partner_id(), "fr"));
    f
}

#[test]
fn interpreters_are_assigned_only_to_a_channel_the_session_has() {
    let mut f = Fixture::open();
    assert_eq!(
        f.refused(secretariat(), assign(interpreter_id(), "pt")),
        Rejection::UnknownChannel {
            channel: "pt".into()
        }
    );
    assert_eq!(
        f.refused(secretariat(), assign(interpreter_id(), "FR")),
        Rejection::UnknownChannel {
            channel: "FR".into()
        }
    );
    assert!(f.state.booths.is_empty());

    assert_eq!(
        f.ok(secretariat(), assign(interpreter_id(), "fr")),
        [Event::InterpreterAssigned {
            participant: interpreter_id(),
            channel: "fr".into()
        }]
    );
    f.ok(secretariat(), assign(partner_id(), "fr"));
    assert_eq!(
        booth(&f, "fr").interpreters,
        [interpreter_id(), partner_id()]
    );
    assert_eq!(
        live(&f, "fr"),
        None,
        "nobody is live until they take the mic"
    );
}

#[test]
fn booths_are_set_up_before_the_meeting_opens_and_not_after_it_closes() {
    let mut f = Fixture::new();
    f.ok(secretariat(), assign(interpreter_id(), "ar"));
    f.ok(interpreter(), take("ar")); // the sound check
    assert_eq!(live(&f, "ar"), Some(interpreter_id()));

    f.ok(chair(), OpenMeeting);
    f.ok(chair(), CloseMeeting);
    assert_eq!(
        f.refused(interpreter(), release("ar")),
        Rejection::WrongMeetingStatus {
            status: MeetingStatus::Closed,
            command: "release_microphone".into()
        }
    );
}

#[test]
fn only_an_interpreter_in_the_booth_takes_its_microphone() {
    let mut f = Fixture::open();
    f.ok(secretariat(), assign(interpreter_id(), "fr"));
    assert_eq!(
        f.refused(partner(), take("fr")),
        Rejection::NotInBooth {
            channel: "fr".into()
        },
        "not assigned to any booth"
    );
    assert_eq!(
        f.refused(interpreter(), take("es")),
        Rejection::NotInBooth {
            channel: "es".into()
        },
        "the Spanish booth is not theirs"
    );
    assert_eq!(
        f.refused(interpreter(), take("pt")),
        Rejection::UnknownChannel {
            channel: "pt".into()
        }
    );

    f.ok(secretariat(), assign(colleague_id(), "es"));
    assert_eq!(
        f.refused(colleague(), take("fr")),
        Rejection::NotInBooth {
            channel: "fr".into()
        },
        "an interpreter of another booth"
    );
    assert_eq!(
        f.refused(colleague(), release("fr")),
        Rejection::NotInBooth {
            channel: "fr".into()
        }
    );
    assert_eq!(
        f.ok(interpreter(), take("fr")),
        [Event::MicrophoneTaken {
            channel: "fr".into(),
            participant: interpreter_id()
        }]
    );
    assert_eq!(live(&f, "fr"), Some(interpreter_id()));
}

#[test]
fn the_partner_takes_over_the_live_microphone_in_a_single_swap() {
    let mut f = french_booth();
    f.ok(interpreter(), take("fr"));
    assert_eq!(live(&f, "fr"), Some(interpreter_id()));

    // The partner asks for the microphone: one event, so no moment with both or neither live.
    let before = f.state.clone();
    let handover = f
        .run(partner(), take("fr"))
        .expect("the handover was refused");
    assert_eq!(handover.len(), 1, "a handover is one event: {handover:?}");
    assert_eq!(
        handover[0].event,
        Event::MicrophoneTaken {
            channel: "fr".into(),
            participant: partner_id()
        }
    );
    let mut replayed = before;
    replayed.apply(&handover[0]);
    assert_eq!(replayed.booth("fr").unwrap().live, Some(partner_id()));
    assert_eq!(live(&f, "fr"), Some(partner_id()));
    assert_eq!(
        booth(&f, "fr").interpreters,
        [interpreter_id(), partner_id()],
        "both stay in the booth"
    );

    // The one who handed over has nothing to switch off...
    assert_eq!(
        f.refused(interpreter(), release("fr")),
        Rejection::MicrophoneNotLive {
            channel: "fr".into()
        }
    );
    assert_eq!(live(&f, "fr"), Some(partner_id()));
    // ...and takes it back the same way.
    f.ok(interpreter(), take("fr"));
    assert_eq!(live(&f, "fr"), Some(interpreter_id()));
}

#[test]
fn only_the_live_interpreter_switches_the_booth_off() {
    let mut f = french_booth();
    assert_eq!(
        f.refused(interpreter(), release("fr")),
        Rejection::MicrophoneNotLive {
            channel: "fr".into()
        },
        "nobody is live yet"
    );
    f.ok(partner(), take("fr"));
    assert_eq!(
        f.refused(interpreter(), release("fr")),
        Rejection::MicrophoneNotLive {
            channel: "fr".into()
        }
    );
    assert_eq!(
        f.ok(partner(), release("fr")),
        [Event::MicrophoneReleased {
            channel: "fr".into()
        }]
    );
    assert_eq!(live(&f, "fr"), None);
    assert_eq!(
        f.refused(partner(), release("fr")),
        Rejection::MicrophoneNotLive {
            channel: "fr".into()
        }
    );
}

#[test]
fn each_booth_has_its_own_live_microphone() {
    let mut f = french_booth();
    f.ok(secretariat(), assign(colleague_id(), "es"));
    f.ok(interpreter(), take("fr"));
    f.ok(colleague(), take("es"));
    assert_eq!(live(&f, "fr"), Some(interpreter_id()));
    assert_eq!(live(&f, "es"), Some(colleague_id()));

    f.ok(partner(), take("fr"));
    assert_eq!(live(&f, "es"), Some(colleague_id()), "Spanish goes on");

    // Moved to the Spanish booth, the French partner leaves the French one, microphone and all.
    f.ok(secretariat(), assign(partner_id(), "es"));
    assert_eq!(booth(&f, "fr").interpreters, [interpreter_id()]);
    assert_eq!(live(&f, "fr"), None);
    assert_eq!(booth(&f, "es").interpreters, [colleague_id(), partner_id()]);
    assert_eq!(live(&f, "es"), Some(colleague_id()));
    assert_eq!(
        f.refused(partner(), take("fr")),
        Rejection::NotInBooth {
            channel: "fr".into()
        }
    );
}

#[test]
fn a_session_with_fewer_or_other_languages_has_booths_for_those_only() {
    // Fewer: a meeting interpreted into English and French only.
    let mut f = Fixture::open_with(SessionRules {
        interpretation_channels: vec!["en".into(), "fr".into()],
        ..SessionRules::default()
    });
    for channel in ["ar", "zh", "ru", "es"] {
        assert_eq!(
            f.refused(secretariat(), assign(interpreter_id(), channel)),
            Rejection::UnknownChannel {
                channel: channel.into()
            }
        );
        assert_eq!(
            f.refused(interpreter(), take(channel)),
            Rejection::UnknownChannel {
                channel: channel.into()
            }
        );
    }
    f.ok(secretariat(), assign(interpreter_id(), "en"));
    f.ok(interpreter(), take("en"));

    // Other: the six official languages and Portuguese.
    let mut channels = SessionRules::default().interpretation_channels;
    channels.push("pt".into());
    let mut f = Fixture::open_with(SessionRules {
        interpretation_channels: channels,
        ..SessionRules::default()
    });
    f.ok(secretariat(), assign(interpreter_id(), "pt"));
    f.ok(interpreter(), take("pt"));
    assert_eq!(live(&f, "pt"), Some(interpreter_id()));
    assert_eq!(
        f.refused(secretariat(), assign(partner_id(), "de")),
        Rejection::UnknownChannel {
            channel: "de".into()
        }
    );
}

fn slow_down(channel: &str) -> Command {
    AskToSlowDown {
        channel: channel.into(),
    }
}

/// The console's "slow down": a booth's interpreter asks the speaker holding the floor,
/// through the chair; the chair and the speaker see which booths asked, how often and
/// when last, until the speech ends. A double press is refused as a repeat.
#[test]
fn a_booth_asks_the_speaker_to_slow_down_until_the_speech_ends() {
    let mut f = french_booth();
    f.ok(secretariat(), assign(colleague_id(), "es"));
    assert_eq!(
        f.refused(interpreter(), slow_down("fr")),
        Rejection::FloorEmpty,
        "nobody to slow down"
    );
    f.request(AUSTRIA);
    f.request(BRAZIL);
    f.next_speaker();
    assert_eq!(
        f.refused(interpreter(), slow_down("es")),
        Rejection::NotInBooth {
            channel: "es".into()
        },
        "only for one's own booth"
    );
    assert_eq!(
        f.refused(interpreter(), slow_down("tlh")),
        Rejection::UnknownChannel {
            channel: "tlh".into()
        }
    );
    // Either French interpreter may ask, live or not.
    assert_eq!(
        f.ok(partner(), slow_down("fr")),
        [Event::SlowDownAsked {
            channel: "fr".into(),
            participant: partner_id(),
        }]
    );
    let first = f.state.floor.as_ref().unwrap().slow_down.clone();
    assert_eq!(first.len(), 1);
    assert_eq!((first[0].channel.as_str(), first[0].times), ("fr", 1));
    assert_eq!(
        f.refused(interpreter(), slow_down("fr")),
        Rejection::SlowDownJustAsked {
            channel: "fr".into()
        },
        "a second press at once adds nothing"
    );
    f.ok(colleague(), slow_down("es"));
    f.after_secs(12);
    f.ok(interpreter(), slow_down("fr"));
    let asks = f.state.floor.as_ref().unwrap().slow_down.clone();
    assert_eq!(
        asks.iter()
            .map(|a| (a.channel.as_str(), a.times))
            .collect::<Vec<_>>(),
        [("fr", 2), ("es", 1)]
    );
    assert!(asks[0].at > first[0].at, "the latest ask's time");
    // The next speaker starts with a clean slate.
    f.next_speaker();
    assert!(f.state.floor.as_ref().unwrap().slow_down.is_empty());
    assert_eq!(f.speaker(), Some(BRAZIL));
}

/// Only an interpreter of the session goes into a booth: not a delegate, not the room's
/// device, not a stranger. Only the secretariat learns this: anyone else is told only that
/// their role may not assign interpreters, whoever they name.
#[test]
fn only_an_interpreter_of_the_session_is_put_in_a_booth() {
    let mut f = Fixture::open();
    let stranger = ParticipantId(4242);
    let room_device = room().participant.unwrap();
    for someone in [delegate_id(AUSTRIA), room_device, stranger] {
        assert_eq!(
            f.refused(secretariat(), assign(someone, "fr")),
            Rejection::NotAnInterpreter {
                participant: someone
            }
        );
    }
    assert!(f.state.booths.is_empty(), "nobody went into a booth");

    // The role comes first.
    for (who, role) in [(chair(), Role::Chair), (interpreter(), Role::Interpreter)] {
        for someone in [stranger, interpreter_id()] {
            assert_eq!(
                f.refused(who, assign(someone, "fr")),
                Rejection::NotPermitted {
                    role,
                    command: "assign_interpreter".into()
                }
            );
        }
    }

    // Then whether the participant is an interpreter, before the channel...
    assert_eq!(
        f.refused(secretariat(), assign(stranger, "pt")),
        Rejection::NotAnInterpreter {
            participant: stranger
        }
    );
    assert_eq!(
        f.refused(secretariat(), assign(interpreter_id(), "pt")),
        Rejection::UnknownChannel {
            channel: "pt".into()
        }
    );

    // ...and before the meeting's state.
    f.ok(secretariat(), assign(interpreter_id(), "fr"));
    f.ok(chair(), CloseMeeting);
    assert_eq!(
        f.refused(secretariat(), assign(stranger, "fr")),
        Rejection::NotAnInterpreter {
            participant: stranger
        }
    );
    assert_eq!(
        f.refused(secretariat(), assign(partner_id(), "fr")),
        Rejection::WrongMeetingStatus {
            status: MeetingStatus::Closed,
            command: "assign_interpreter".into()
        }
    );
    assert_eq!(booth(&f, "fr").interpreters, [interpreter_id()]);
}
