//! Who is talking: each microphone's loudest level (RFC 6464 header extension) folded
//! between reports, and the `audio_levels` frame the chair's view gets every quarter second.

use super::MeetingLevels;
use floor_protocol::frames::{AudioLevel, ServerFrame};
use floor_protocol::media::{feeds, FloorRoute, MediaKind, Publisher, Slot};
use floor_protocol::{MeetingId, Role};
use std::collections::HashMap;
use std::time::Duration;

/// How often the chair's view is told who is talking.
pub(super) const LEVELS_EVERY: Duration = Duration::from_millis(250);

/// The loudest level a microphone reported since the last report: -dBov (0 the loudest,
/// 127 silence) and whether any packet was flagged as voice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Loudest {
    minus_dbov: u8,
    voice: bool,
}

impl Loudest {
    /// Fold in one packet's extension byte: V bit, then 7 bits of -dBov.
    pub(super) fn add(this: Option<Loudest>, byte: u8) -> Loudest {
        let packet = Loudest {
            minus_dbov: byte & 0x7f,
            voice: byte & 0x80 != 0,
        };
        match this {
            None => packet,
            Some(l) => Loudest {
                minus_dbov: l.minus_dbov.min(packet.minus_dbov),
                voice: l.voice || packet.voice,
            },
        }
    }

    /// The chair's view of it: how loud, whether it is voice, and whether anyone hears it.
    pub(super) fn report(self, who: &Publisher, route: &FloorRoute) -> AudioLevel {
        AudioLevel {
            role: who.role,
            participant: who.participant,
            delegation: who.delegation,
            dbov: -(self.minus_dbov as i8),
            voice: self.voice,
            heard: heard(route, who),
        }
    }
}

/// Whether a publisher's microphone is heard by anyone under `route`.
fn heard(route: &FloorRoute, who: &Publisher) -> bool {
    [Slot::Speaker, Slot::Chair, Slot::Room]
        .into_iter()
        .any(|slot| feeds(route, who, MediaKind::Audio, slot, None))
        || (who.role == Role::Interpreter
            && who
                .participant
                .is_some_and(|p| route.live_booths.values().any(|live| *live == p)))
}

/// One `audio_levels` frame per meeting from the levels heard since the last report,
/// loudest first.
pub(super) fn frames(
    heard: impl IntoIterator<Item = (MeetingId, AudioLevel)>,
) -> Vec<MeetingLevels> {
    let mut by_meeting: HashMap<MeetingId, Vec<AudioLevel>> = HashMap::new();
    for (meeting, level) in heard {
        by_meeting.entry(meeting).or_default().push(level);
    }
    by_meeting
        .into_iter()
        .filter_map(|(meeting, mut levels)| {
            levels.sort_by_key(|l| (l.dbov, l.participant.map(|p| p.0)));
            levels.reverse();
            let frame = ServerFrame::AudioLevels {
                meeting_id: meeting,
                levels,
            };
            let text = serde_json::to_string(&frame).ok()?;
            Some(MeetingLevels {
                meeting,
                frame: text.into(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loudest_packet_and_any_voice_make_the_level() {
        let quiet_noise = 0x50; // -80 dBov, no voice
        let speech = 0x80 | 0x14; // -20 dBov, voice
        let l = Loudest::add(None, quiet_noise);
        assert_eq!(
            l,
            Loudest {
                minus_dbov: 80,
                voice: false
            }
        );
        let l = Loudest::add(Some(l), speech);
        let l = Loudest::add(Some(l), quiet_noise);
        assert_eq!(
            l,
            Loudest {
                minus_dbov: 20,
                voice: true
            }
        );
    }
}
