//! The media contract, one definition for the SFU and the browser: the slots a listener
//! receives and their track ids, and who is heard where, decided by the meeting's state
//! alone. The SFU asks [`feeds`], for each listener's slot, which publisher feeds it; the
//! client asks the same question of its own microphone and camera, and sends nothing that
//! would not be heard.
//!
//! Each listener receives five slots: the floor speaker's voice, the chair's, the room's
//! (the in-person speaker and the chair when they speak in the hall), the interpretation
//! channel it picked, and the floor video. The floor slots are always there beside the
//! channel, so "original at low volume" is the client playing them quietly.

use crate::meeting::MeetingState;
use crate::*;
use std::collections::BTreeMap;

/// The facts of the meeting's state that routing depends on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FloorRoute {
    /// The delegation holding the floor, when its speaker is remote (heard through its own
    /// microphone); `None` when nobody holds the floor or the speaker is in the room.
    pub remote_speaker: Option<DelegationId>,
    /// The member of that delegation whose microphone is heard: the one who asked for the
    /// floor, or the one it was passed to (`pass_floor_microphone`); a delegation may follow
    /// the meeting from several devices and people, and only that one is heard. `None`
    /// when the chair or the secretariat inscribed the delegation and nobody took its
    /// microphone since: then its microphone is the first of the delegation's.
    pub remote_speaker_participant: Option<ParticipantId>,
    /// The live interpreter of each channel.
    pub live_booths: BTreeMap<String, ParticipantId>,
}

impl FloorRoute {
    pub fn of(state: &MeetingState) -> FloorRoute {
        let remote_floor = state
            .floor
            .as_ref()
            .filter(|f| f.attendance != Some(AttendanceMode::InPerson));
        let remote_speaker = remote_floor.map(|f| f.entry.delegation);
        let remote_speaker_participant = remote_floor.and_then(|f| f.speaker);
        let live_booths = state
            .booths
            .iter()
            .filter_map(|b| b.live.map(|p| (b.channel.clone(), p)))
            .collect();
        FloorRoute {
            remote_speaker,
            remote_speaker_participant,
            live_booths,
        }
    }

    /// The route for a meeting where the person who asked for the floor has no
    /// microphone connected (they asked from another device, or lost their connection):
    /// the delegation's first microphone is heard, as when the chair inscribed it.
    pub fn without_absent_speaker(&self, connected: &[Publisher]) -> FloorRoute {
        let present = self.remote_speaker_participant.is_some_and(|who| {
            connected
                .iter()
                .any(|p| p.role == Role::Delegate && p.participant == Some(who))
        });
        FloorRoute {
            remote_speaker_participant: if present {
                self.remote_speaker_participant
            } else {
                None
            },
            ..self.clone()
        }
    }
}

/// A listener's slots, in the order the client offers its receiving m-lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Speaker,
    Chair,
    Room,
    Interpretation,
    Video,
}

impl Slot {
    pub const AUDIO: [Slot; 4] = [Slot::Speaker, Slot::Chair, Slot::Room, Slot::Interpretation];
    /// Every slot, in the order of the listener's receiving m-lines.
    pub const ALL: [Slot; 5] = [
        Slot::Speaker,
        Slot::Chair,
        Slot::Room,
        Slot::Interpretation,
        Slot::Video,
    ];

    pub fn kind(self) -> MediaKind {
        match self {
            Slot::Video => MediaKind::Video,
            _ => MediaKind::Audio,
        }
    }

    /// The track id the client sees for this slot.
    pub const fn track_id(self) -> &'static str {
        match self {
            Slot::Speaker => "speaker",
            Slot::Chair => "chair",
            Slot::Room => "room",
            Slot::Interpretation => "interpretation",
            Slot::Video => "video",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaKind {
    Audio,
    Video,
}

/// Who a publishing peer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Publisher {
    pub role: Role,
    pub participant: Option<ParticipantId>,
    pub delegation: Option<DelegationId>,
}

/// Whether `publisher`'s microphone, and camera, would be heard and seen by someone now:
/// what a client sends (nothing else leaves the device). The chair's and the room's
/// microphones always; the room's camera always (it shows the hall whenever nobody speaks
/// remotely); a delegate's when the floor is its own to speak; an interpreter's
/// microphone when live in its booth. No slot carries the chair's or an interpreter's
/// camera.
pub fn publishes(route: &FloorRoute, publisher: &Publisher) -> (bool, bool) {
    let heard = |kind, slot| {
        let channel = route
            .live_booths
            .iter()
            .find(|(_, p)| Some(**p) == publisher.participant)
            .map(|(c, _)| c.as_str());
        feeds(route, publisher, kind, slot, channel)
    };
    let audio = Slot::AUDIO
        .into_iter()
        .any(|slot| heard(MediaKind::Audio, slot));
    let video = heard(MediaKind::Video, Slot::Video) || publisher.role == Role::Room;
    (audio, video)
}

/// Whether `publisher`'s track of `kind` feeds `slot` of a listener following `channel`
/// (a language code, or `None` for the floor).
pub fn feeds(
    route: &FloorRoute,
    publisher: &Publisher,
    kind: MediaKind,
    slot: Slot,
    channel: Option<&str>,
) -> bool {
    let speaking = publisher.role == Role::Delegate
        && publisher.delegation.is_some()
        && publisher.delegation == route.remote_speaker
        && route
            .remote_speaker_participant
            .is_none_or(|who| publisher.participant == Some(who));
    match (slot, kind) {
        (Slot::Speaker, MediaKind::Audio) => speaking,
        (Slot::Chair, MediaKind::Audio) => publisher.role == Role::Chair,
        (Slot::Room, MediaKind::Audio) => publisher.role == Role::Room,
        (Slot::Interpretation, MediaKind::Audio) => {
            publisher.role == Role::Interpreter
                && channel
                    .is_some_and(|c| route.live_booths.get(c) == publisher.participant.as_ref())
        }
        // The remote speaker's camera, or the room's when the speaker is in the hall.
        (Slot::Video, MediaKind::Video) => {
            speaking || (route.remote_speaker.is_none() && publisher.role == Role::Room)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(role: Role, participant: i64, delegation: Option<i64>) -> Publisher {
        Publisher {
            role,
            participant: Some(ParticipantId(participant)),
            delegation: delegation.map(DelegationId),
        }
    }

    #[test]
    fn only_the_remote_floor_holder_is_heard_on_the_speaker_slot() {
        let route = FloorRoute {
            remote_speaker: Some(DelegationId(7)),
            remote_speaker_participant: None,
            live_booths: BTreeMap::new(),
        };
        let holder = p(Role::Delegate, 1, Some(7));
        let other = p(Role::Delegate, 2, Some(8));
        assert!(feeds(
            &route,
            &holder,
            MediaKind::Audio,
            Slot::Speaker,
            None
        ));
        assert!(feeds(&route, &holder, MediaKind::Video, Slot::Video, None));
        assert!(!feeds(
            &route,
            &other,
            MediaKind::Audio,
            Slot::Speaker,
            None
        ));
        for slot in Slot::AUDIO {
            assert!(!feeds(&route, &other, MediaKind::Audio, slot, Some("fr")));
        }
        // The chair and the room are always heard, each in its own slot.
        assert!(feeds(
            &route,
            &p(Role::Chair, 3, None),
            MediaKind::Audio,
            Slot::Chair,
            None
        ));
        assert!(feeds(
            &route,
            &p(Role::Room, 4, None),
            MediaKind::Audio,
            Slot::Room,
            None
        ));
        // A viewer is heard nowhere.
        for slot in Slot::AUDIO {
            assert!(!feeds(
                &route,
                &p(Role::Viewer, 5, None),
                MediaKind::Audio,
                slot,
                Some("en")
            ));
        }
    }

    #[test]
    fn an_in_person_speaker_is_heard_and_seen_through_the_room() {
        let route = FloorRoute::default();
        assert!(!feeds(
            &route,
            &p(Role::Delegate, 1, Some(7)),
            MediaKind::Audio,
            Slot::Speaker,
            None
        ));
        assert!(feeds(
            &route,
            &p(Role::Room, 4, None),
            MediaKind::Video,
            Slot::Video,
            None
        ));
    }

    #[test]
    fn a_channel_carries_its_booths_live_microphone_only() {
        let route = FloorRoute {
            remote_speaker: None,
            remote_speaker_participant: None,
            live_booths: [("fr".to_string(), ParticipantId(10))].into(),
        };
        let live = p(Role::Interpreter, 10, None);
        let partner = p(Role::Interpreter, 11, None);
        assert!(feeds(
            &route,
            &live,
            MediaKind::Audio,
            Slot::Interpretation,
            Some("fr")
        ));
        assert!(!feeds(
            &route,
            &partner,
            MediaKind::Audio,
            Slot::Interpretation,
            Some("fr")
        ));
        assert!(!feeds(
            &route,
            &live,
            MediaKind::Audio,
            Slot::Interpretation,
            Some("es")
        ));
        assert!(!feeds(
            &route,
            &live,
            MediaKind::Audio,
            Slot::Interpretation,
            None
        ));
    }

    #[test]
    fn of_a_delegation_with_several_microphones_only_the_one_given_the_floor_is_heard() {
        let route = FloorRoute {
            remote_speaker: Some(DelegationId(7)),
            remote_speaker_participant: Some(ParticipantId(2)),
            live_booths: BTreeMap::new(),
        };
        let first = p(Role::Delegate, 1, Some(7));
        let asker = p(Role::Delegate, 2, Some(7));
        for (kind, slot) in [
            (MediaKind::Audio, Slot::Speaker),
            (MediaKind::Video, Slot::Video),
        ] {
            assert!(feeds(&route, &asker, kind, slot, None));
            assert!(!feeds(&route, &first, kind, slot, None));
        }
        // The one who asked has no microphone connected: the delegation's is heard.
        let fallback = route.without_absent_speaker(&[first]);
        assert!(feeds(
            &fallback,
            &first,
            MediaKind::Audio,
            Slot::Speaker,
            None
        ));
        // Connected, they keep the floor to themselves.
        let kept = route.without_absent_speaker(&[first, asker]);
        assert_eq!(kept, route);
        assert!(!feeds(&kept, &first, MediaKind::Audio, Slot::Speaker, None));
    }
}
