//! Who is heard where: the media routing decided by the meeting's state alone, never by
//! clients. The SFU asks this module, for each listener's slot, which publisher feeds it.
//!
//! Each listener receives five slots: the floor speaker's voice, the chair's, the room's
//! (the in-person speaker and the chair when they speak in the hall), the interpretation
//! channel it picked, and the floor video. The floor slots are always there beside the
//! channel, so "original at low volume" is the client playing them quietly.

use floor_protocol::meeting::MeetingState;
use floor_protocol::*;
use std::collections::BTreeMap;

/// The facts of the meeting's state that routing depends on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FloorRoute {
    /// The delegation holding the floor, when its speaker is remote (heard through its own
    /// microphone); `None` when nobody holds the floor or the speaker is in the room.
    pub remote_speaker: Option<DelegationId>,
    /// The live interpreter of each channel.
    pub live_booths: BTreeMap<String, ParticipantId>,
}

impl FloorRoute {
    pub fn of(state: &MeetingState) -> FloorRoute {
        let remote_speaker = state
            .floor
            .as_ref()
            .filter(|f| f.attendance != Some(AttendanceMode::InPerson))
            .map(|f| f.entry.delegation);
        let live_booths = state
            .booths
            .iter()
            .filter_map(|b| b.live.map(|p| (b.channel.clone(), p)))
            .collect();
        FloorRoute {
            remote_speaker,
            live_booths,
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

    /// The track id the client sees for this slot.
    pub fn track_id(self) -> &'static str {
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
        && publisher.delegation == route.remote_speaker;
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
}
