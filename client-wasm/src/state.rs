//! The client's state: signals shared by every view, and pure helpers over the meeting's
//! state (countdown, names, who is next) that the host tests exercise.

use crate::i18n::{Lang, T};
use floor_protocol::api::{Meeting, TokenResponse};
use floor_protocol::command::Capacity;
use floor_protocol::frames::AudioLevel;
use floor_protocol::meeting::{EntryKind, Floor};
use floor_protocol::*;
use leptos::prelude::*;
use std::cell::Cell;

/// The meeting being followed, with what is needed to read its state.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingInfo {
    pub meeting: Meeting,
    pub rules: SessionRules,
    pub delegations: Vec<Delegation>,
}

impl MeetingInfo {
    pub fn delegation(&self, id: DelegationId) -> Option<&Delegation> {
        self.delegations.iter().find(|d| d.id == id)
    }

    pub fn members(&self) -> u32 {
        self.delegations
            .iter()
            .filter(|d| d.kind == DelegationKind::Member)
            .count() as u32
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ConnStatus {
    Idle,
    Connecting,
    Connected,
    /// Lost; the next attempt is in `secs` seconds.
    Reconnecting {
        secs: u32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Ok,
    Refused,
    Info,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    /// Increases with every notice, so the same text twice is still announced.
    pub serial: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum MediaStatus {
    Off,
    Joining,
    Connected,
    Failed(String),
}

/// Which screen is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The screen of the signed-in role.
    Own,
    /// The room display, from any role (`#room`).
    Room,
}

/// Every signal of the application. `Copy`: pass it around or fetch it with [`app`].
#[derive(Clone, Copy)]
pub struct App {
    pub lang: RwSignal<Lang>,
    pub auth: RwSignal<Option<TokenResponse>>,
    pub info: RwSignal<Option<MeetingInfo>>,
    pub state: RwSignal<Option<MeetingState>>,
    pub conn: RwSignal<ConnStatus>,
    pub notice: RwSignal<Option<Notice>>,
    /// A sentence for screen readers when the floor changes.
    pub announce: RwSignal<String>,
    pub levels: RwSignal<Vec<AudioLevel>>,
    /// The server's clock, as well as this client can tell; ticks four times a second.
    pub now: RwSignal<i64>,
    /// Server clock minus local clock (ms).
    pub offset: RwSignal<i64>,
    pub media: RwSignal<MediaStatus>,
    /// The interpretation channel listened to; `None` = the floor.
    pub channel: RwSignal<Option<String>>,
    pub low_original: RwSignal<bool>,
    pub screen: RwSignal<Screen>,
    /// Interpreter's push-to-mute, held.
    pub cough: RwSignal<bool>,
    /// Snapshots received (the tests check that a reconnection catches up without one).
    pub snapshots: RwSignal<u32>,
    /// Meetings the signed-in person may follow, for the picker.
    pub meetings: RwSignal<Vec<Meeting>>,
    /// The followed meeting's session documents this person may see, kept live from the
    /// register's events (a publication shows the moment it is made).
    pub documents: RwSignal<Option<floor_protocol::document::Register>>,
}

thread_local! {
    static APP: Cell<Option<App>> = const { Cell::new(None) };
}

impl App {
    pub fn new(lang: Lang) -> App {
        let app = App {
            lang: RwSignal::new(lang),
            auth: RwSignal::new(None),
            info: RwSignal::new(None),
            state: RwSignal::new(None),
            conn: RwSignal::new(ConnStatus::Idle),
            notice: RwSignal::new(None),
            announce: RwSignal::new(String::new()),
            levels: RwSignal::new(Vec::new()),
            now: RwSignal::new(0),
            offset: RwSignal::new(0),
            media: RwSignal::new(MediaStatus::Off),
            channel: RwSignal::new(None),
            low_original: RwSignal::new(true),
            screen: RwSignal::new(Screen::Own),
            cough: RwSignal::new(false),
            snapshots: RwSignal::new(0),
            meetings: RwSignal::new(Vec::new()),
            documents: RwSignal::new(None),
        };
        APP.with(|a| a.set(Some(app)));
        app
    }

    pub fn t(&self, key: T) -> &'static str {
        self.lang.get().t(key)
    }

    pub fn notify(&self, kind: NoticeKind, text: String) {
        let serial = self
            .notice
            .with_untracked(|n| n.as_ref().map_or(0, |n| n.serial))
            + 1;
        self.notice.set(Some(Notice { kind, text, serial }));
    }

    /// A delegation's name, or "Delegation 12" when the roster does not know it.
    pub fn name_of(&self, id: DelegationId) -> String {
        self.info
            .with(|i| {
                i.as_ref()
                    .and_then(|i| i.delegation(id))
                    .map(|d| d.name.clone())
            })
            .unwrap_or_else(|| self.lang.get().fill(T::Delegation0, &[&id.to_string()]))
    }

    pub fn role(&self) -> Option<Role> {
        self.auth.with(|a| a.as_ref().map(|a| a.role))
    }

    pub fn my_delegation(&self) -> Option<DelegationId> {
        self.auth.with(|a| a.as_ref().and_then(|a| a.delegation))
    }

    pub fn my_participant(&self) -> Option<ParticipantId> {
        self.auth.with(|a| a.as_ref().and_then(|a| a.participant))
    }

    /// Whether this page's microphone and camera would be forwarded now: what it may send
    /// (the protocol's rule, as the SFU applies it).
    pub fn publishes(&self, state: &MeetingState) -> (bool, bool) {
        let Some(role) = self.role() else {
            return (false, false);
        };
        let me = floor_protocol::media::Publisher {
            role,
            participant: self.my_participant(),
            delegation: self.my_delegation(),
        };
        floor_protocol::media::publishes(&floor_protocol::media::FloorRoute::of(state), &me)
    }

    pub fn meeting_id(&self) -> Option<MeetingId> {
        self.info.with(|i| i.as_ref().map(|i| i.meeting.id))
    }
}

/// The application's signals (after [`App::new`]).
pub fn app() -> App {
    APP.with(|a| a.get()).expect("App::new was called")
}

/// `m:ss` for a duration in milliseconds (its absolute value), rounded up to the second
/// so that a countdown shows 0:00 only when the time is up.
pub fn clock(ms: i64) -> String {
    let secs = ms.unsigned_abs().div_ceil(1000);
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// The countdown line for a floor at server time `now`.
pub fn countdown(lang: Lang, floor: &Floor, now: i64) -> String {
    let remaining = floor.remaining_ms(Millis(now));
    if remaining >= 0 {
        lang.fill(T::TimeLeft, &[&clock(remaining)])
    } else {
        lang.fill(T::TimeOver, &[&clock(remaining)])
    }
}

/// The countdown line in three parts, the words before the clock, the clock, and the words
/// after it, so that a projector can show the clock large and the words small on one line.
pub fn countdown_parts(lang: Lang, floor: &Floor, now: i64) -> (String, String, String) {
    let remaining = floor.remaining_ms(Millis(now));
    let template = lang.t(if remaining >= 0 {
        T::TimeLeft
    } else {
        T::TimeOver
    });
    let (before, after) = template.split_once("{0}").unwrap_or((template, ""));
    (before.to_string(), clock(remaining), after.to_string())
}

/// What an entry asks for, in words.
pub fn kind_label(lang: Lang, kind: &EntryKind) -> String {
    match kind {
        EntryKind::Statement { capacity } => match capacity {
            Capacity::National => lang.t(T::KindStatement).to_string(),
            Capacity::OnBehalfOfGroup { group } => lang.fill(T::KindOnBehalf, &[group]),
            Capacity::ExplanationOfVote { .. } => lang.t(T::KindExplanation).to_string(),
        },
        EntryKind::RightOfReply { .. } => lang.t(T::KindReply).to_string(),
        EntryKind::PointOfOrder => lang.t(T::KindPointOfOrder).to_string(),
        EntryKind::Motion { .. } | EntryKind::OnMotion { .. } => lang.t(T::KindMotion).to_string(),
    }
}

pub fn status_label(lang: Lang, status: meeting::MeetingStatus) -> &'static str {
    use meeting::MeetingStatus::*;
    lang.t(match status {
        Scheduled => T::StatusScheduled,
        Open => T::StatusOpen,
        Suspended => T::StatusSuspended,
        Closed => T::StatusClosed,
    })
}

pub fn role_label(lang: Lang, role: Role) -> &'static str {
    lang.t(match role {
        Role::Chair => T::RoleChair,
        Role::Delegate => T::RoleDelegate,
        Role::Secretariat => T::RoleSecretariat,
        Role::Interpreter => T::RoleInterpreter,
        Role::Room => T::RoleRoom,
        Role::Viewer => T::RoleViewer,
    })
}

pub fn delegation_kind_label(lang: Lang, kind: DelegationKind) -> &'static str {
    lang.t(match kind {
        DelegationKind::Member => T::KindMember,
        DelegationKind::ObserverState => T::KindObserverState,
        DelegationKind::Igo => T::KindIgo,
        DelegationKind::UnEntity => T::KindUnEntity,
        DelegationKind::Ngo => T::KindNgo,
    })
}

/// Who will speak, in order, as `next_speaker` would take them (docs/protocol.md 5.3):
/// points of order and motions, then the current item's statements, then its replies.
pub fn queue(state: &MeetingState) -> Vec<meeting::Entry> {
    let mut out = state.interventions.clone();
    if let Some(item) = state.current_item.and_then(|i| state.item(i)) {
        out.extend(item.statements.iter().cloned());
        out.extend(item.replies.iter().cloned());
    }
    out
}

/// The 1-based place of entry `id` in [`queue`], without copying the lists.
pub fn queue_number(state: &MeetingState, id: EntryId) -> Option<usize> {
    let item = state.current_item.and_then(|i| state.item(i));
    state
        .interventions
        .iter()
        .chain(
            item.into_iter()
                .flat_map(|i| i.statements.iter().chain(&i.replies)),
        )
        .position(|e| e.id == id)
        .map(|i| i + 1)
}

/// Where a delegation stands in the order of speaking: its first entry in [`queue`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// 1 for the next speaker.
    pub number: usize,
    /// Who speaks just before, if anyone waits ahead.
    pub after: Option<DelegationId>,
}

/// Where `delegation` stands in the order of speaking, if it waits to speak.
pub fn place_of(state: &MeetingState, delegation: DelegationId) -> Option<Place> {
    let q = queue(state);
    let i = q.iter().position(|e| e.delegation == delegation)?;
    Some(Place {
        number: i + 1,
        after: i.checked_sub(1).map(|j| q[j].delegation),
    })
}

/// How long, at the time limits each entry is timed by (its item's own in a high-level
/// segment, otherwise the session's), the floor and everyone waiting would take
/// from `now` (server time, ms): what is left of the current speech (nothing once over
/// time) and each waiting entry's full limit.
pub fn time_to_finish_ms(state: &MeetingState, info: &MeetingInfo, now: i64) -> u64 {
    let current = state
        .floor
        .as_ref()
        .map_or(0, |f| f.remaining_ms(Millis(now)).max(0) as u64);
    let waiting: u64 = queue(state)
        .iter()
        .map(|e| {
            let kind = info.delegation(e.delegation).map(|d| d.kind);
            let limits = state.time_limits_for(e, &info.rules.time_limits);
            u64::from(limits.secs_for(&e.kind, kind)) * 1000
        })
        .sum();
    current + waiting
}

/// A duration as the chair reads it: "1 h 05 min", "12 min", "45 s".
pub fn rough_duration(ms: u64) -> String {
    let secs = ms.div_ceil(1000);
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min", secs.div_ceil(60)),
        _ => {
            let mins = secs.div_ceil(60);
            format!("{} h {:02} min", mins / 60, mins % 60)
        }
    }
}

/// Whether `delegation` holds the floor.
pub fn holds_floor(state: &MeetingState, delegation: Option<DelegationId>) -> bool {
    match (&state.floor, delegation) {
        (Some(f), Some(d)) => f.entry.delegation == d,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use floor_protocol::meeting::Entry;

    fn entry(id: u64, kind: EntryKind) -> Entry {
        Entry {
            id: EntryId(id),
            delegation: DelegationId(id as i64),
            kind,
            item: None,
            requested_by: None,
            inscribed_at: Millis(0),
            rank: None,
        }
    }

    fn statement(id: u64, delegation: i64) -> Entry {
        Entry {
            delegation: DelegationId(delegation),
            ..entry(
                id,
                EntryKind::Statement {
                    capacity: Capacity::National,
                },
            )
        }
    }

    fn state_with(interventions: Vec<Entry>, statements: Vec<Entry>) -> MeetingState {
        let mut s = MeetingState::new(MeetingId(1));
        s.agenda.push(meeting::AgendaItem {
            id: AgendaItemId(1),
            number: "3".into(),
            title: "General debate".into(),
            parent: None,
            list_status: meeting::ListStatus::Open,
            statements,
            replies: Vec::new(),
            replies_heard: Default::default(),
            rules: Default::default(),
        });
        s.current_item = Some(AgendaItemId(1));
        s.interventions = interventions;
        s
    }

    #[test]
    fn a_delegate_learns_its_number_and_who_speaks_before_it() {
        let s = state_with(
            vec![entry(9, EntryKind::PointOfOrder)],
            vec![statement(1, 10), statement(2, 20), statement(3, 30)],
        );
        // The point of order is heard first: the second statement is third in line.
        assert_eq!(
            place_of(&s, DelegationId(20)),
            Some(Place {
                number: 3,
                after: Some(DelegationId(10))
            })
        );
        assert_eq!(
            place_of(&s, DelegationId(9)),
            Some(Place {
                number: 1,
                after: None
            })
        );
        assert_eq!(place_of(&s, DelegationId(99)), None);
        assert_eq!(queue_number(&s, EntryId(2)), Some(3));
        assert_eq!(queue_number(&s, EntryId(9)), Some(1));
        assert_eq!(queue_number(&s, EntryId(77)), None);
    }

    #[test]
    fn the_list_takes_the_time_left_plus_each_waiting_limit() {
        let s = state_with(
            vec![entry(9, EntryKind::PointOfOrder)],
            vec![statement(1, 10), statement(2, 20)],
        );
        let info = MeetingInfo {
            meeting: floor_protocol::api::Meeting {
                id: MeetingId(1),
                session_id: SessionId(1),
                title: "1st meeting".into(),
                format: MeetingFormat::Hybrid,
                status: meeting::MeetingStatus::Open,
            },
            rules: SessionRules::default(),
            delegations: Vec::new(),
        };
        // 2 min for the point of order and 5 min for each State.
        assert_eq!(time_to_finish_ms(&s, &info, 0), (120 + 300 + 300) * 1000);
        assert_eq!(rough_duration(720_000), "12 min");
        assert_eq!(rough_duration(3_900_000), "1 h 05 min");
        assert_eq!(rough_duration(45_000), "45 s");
    }

    #[test]
    fn the_countdown_shows_time_left_then_the_overrun() {
        let floor = Floor {
            entry: entry(1, EntryKind::PointOfOrder),
            started_at: Millis(1_000),
            limit_ms: 2_000,
            paused_at: None,
            paused_ms: 3_025,
            attendance: None,
            speaker: None,
            slow_down: Vec::new(),
        };
        // The example of docs/protocol.md 8.5: 1.5 s over.
        assert_eq!(countdown(Lang::En, &floor, 1_000 + 6_532), "0:02 over time");
        assert_eq!(countdown(Lang::En, &floor, 1_000 + 3_025), "0:02 left");
        assert_eq!(clock(300_000), "5:00");
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(-61_001), "1:02");
        // The same line in parts, for the room's display, in every language.
        for lang in Lang::ALL {
            for now in [1_000 + 3_025, 1_000 + 6_532] {
                let (before, clock, after) = countdown_parts(lang, &floor, now);
                assert_eq!(
                    format!("{before}{clock}{after}"),
                    countdown(lang, &floor, now)
                );
                assert_eq!(clock, "0:02");
            }
        }
    }
}
