//! The state of one meeting and how each event folds into it. The server rebuilds a meeting
//! by folding its whole log; a client keeps its view current by folding the events it
//! receives after a snapshot. Both use [`MeetingState::apply`], so they cannot disagree.

use crate::command::{Capacity, MotionKind};
use crate::event::{Event, EventEnvelope};
use crate::ids::*;
use crate::roster::AttendanceMode;
use crate::vote::{
    BudgetStatement, Decision, MemberVote, OralRevision, Outcome, Proposal, Vote, VoteMethod,
    VoteSubject,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a meeting is in its life: scheduled → open → suspended ↔ open → closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    #[default]
    Scheduled,
    Open,
    Suspended,
    Closed,
}

impl MeetingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingStatus::Scheduled => "scheduled",
            MeetingStatus::Open => "open",
            MeetingStatus::Suspended => "suspended",
            MeetingStatus::Closed => "closed",
        }
    }

    /// The events that change a meeting's status (see [`MeetingState::apply`]).
    pub const CHANGED_BY: [Event; 4] = [
        Event::MeetingOpened,
        Event::MeetingResumed,
        Event::MeetingSuspended,
        Event::MeetingClosed,
    ];

    /// The status after `event`, if `event` changes it: so that a meeting's status can be
    /// read from its last such event without replaying the log.
    pub fn after(event: &Event) -> Option<MeetingStatus> {
        match event {
            Event::MeetingOpened | Event::MeetingResumed => Some(MeetingStatus::Open),
            Event::MeetingSuspended => Some(MeetingStatus::Suspended),
            Event::MeetingClosed => Some(MeetingStatus::Closed),
            _ => None,
        }
    }
}

/// What an entry asks the floor for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EntryKind {
    Statement {
        capacity: Capacity,
    },
    /// The delegation's first, second, ... right of reply on the item.
    RightOfReply {
        ordinal: u32,
    },
    PointOfOrder,
    Motion {
        motion: MotionKind,
        /// The proposal a motion for reconsideration or division is about; absent for
        /// other motions.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        proposal: Option<ProposalId>,
        /// The parts a motion for division would have voted separately.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        parts: Vec<String>,
    },
    /// A speech for (`in_favour`) or against the motion `motion`, given the floor by the
    /// chair while the motion awaits its decision.
    OnMotion {
        motion: EntryId,
        in_favour: bool,
    },
}

impl EntryKind {
    /// Points of order and motions queue meeting-wide, ahead of every list.
    pub fn is_intervention(&self) -> bool {
        matches!(self, EntryKind::PointOfOrder | EntryKind::Motion { .. })
    }

    /// Order among interventions: points of order first, then motions by precedence.
    pub fn precedence(&self) -> u32 {
        match self {
            EntryKind::PointOfOrder => 0,
            EntryKind::Motion { motion, .. } => 1 + *motion as u32,
            EntryKind::OnMotion { .. } => 5,
            EntryKind::Statement { .. } => 10,
            EntryKind::RightOfReply { .. } => 11,
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            EntryKind::Statement { .. } => "statement",
            EntryKind::RightOfReply { .. } => "right_of_reply",
            EntryKind::PointOfOrder => "point_of_order",
            EntryKind::Motion { .. } => "motion",
            EntryKind::OnMotion { .. } => "on_motion",
        }
    }
}

/// An entry waiting for (or holding) the floor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Entry {
    pub id: EntryId,
    pub delegation: DelegationId,
    pub kind: EntryKind,
    /// The agenda item of a statement or reply; `None` for points of order and motions.
    pub item: Option<AgendaItemId>,
    /// The participant who asked, when a delegate asked in person.
    pub requested_by: Option<ParticipantId>,
    pub inscribed_at: Millis,
    /// The speaker's protocol rank, when it was recorded (`set_speaker_rank`); a
    /// high-level segment orders its statements by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<ProtocolRank>,
}

/// The protocol rank of the person who will speak for a delegation. In a high-level
/// segment statements are heard in this order (highest first), and within a rank in the
/// order of inscription.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProtocolRank {
    HeadOfStateOrGovernment,
    Minister,
    ViceMinister,
    /// Any other representative; also the rank of an entry inscribed without one.
    Other,
}

impl ProtocolRank {
    pub const ALL: [ProtocolRank; 4] = [
        ProtocolRank::HeadOfStateOrGovernment,
        ProtocolRank::Minister,
        ProtocolRank::ViceMinister,
        ProtocolRank::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProtocolRank::HeadOfStateOrGovernment => "head_of_state_or_government",
            ProtocolRank::Minister => "minister",
            ProtocolRank::ViceMinister => "vice_minister",
            ProtocolRank::Other => "other",
        }
    }
}

impl Entry {
    /// The rank an entry is ordered by in a high-level segment: its own, or
    /// [`ProtocolRank::Other`] when none was given.
    pub fn precedence_rank(&self) -> ProtocolRank {
        self.rank.unwrap_or(ProtocolRank::Other)
    }
}

/// Rules an agenda item has of its own, set by the chair or the secretariat.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct ItemRules {
    /// A high-level segment: statements are ordered by the speaker's protocol rank, then
    /// by inscription. The chair may still move an entry.
    pub order_by_rank: bool,
    /// Time limits for this item's speeches instead of the session's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_limits: Option<crate::roster::TimeLimits>,
}

/// Whether an item's list of statements takes new inscriptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ListStatus {
    #[default]
    Open,
    ClosingAnnounced,
    Closed,
}

/// An agenda item with its own speakers list and list of rights of reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AgendaItem {
    pub id: AgendaItemId,
    /// As printed on the agenda: "5", "5 (a)".
    pub number: String,
    pub title: String,
    pub parent: Option<AgendaItemId>,
    pub list_status: ListStatus,
    /// Statements in speaking order.
    pub statements: Vec<Entry>,
    /// Rights of reply in speaking order.
    pub replies: Vec<Entry>,
    /// Rights of reply already heard on this item, per delegation.
    pub replies_heard: BTreeMap<DelegationId, u32>,
    /// The item's own rules (a high-level segment's order and time limits).
    #[serde(default)]
    pub rules: ItemRules,
}

impl AgendaItem {
    /// Rights of reply a delegation has used or has waiting on this item.
    pub fn replies_of(&self, delegation: DelegationId) -> u32 {
        let waiting = self
            .replies
            .iter()
            .filter(|e| e.delegation == delegation)
            .count() as u32;
        waiting + self.replies_heard.get(&delegation).copied().unwrap_or(0)
    }
}

/// The speech holding the floor, with its clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Floor {
    pub entry: Entry,
    pub started_at: Millis,
    pub limit_ms: u64,
    /// Set while the speaker's clock is stopped.
    pub paused_at: Option<Millis>,
    /// Time spent paused before `paused_at`.
    pub paused_ms: u64,
    pub attendance: Option<AttendanceMode>,
    /// The participant of the delegation whose microphone is heard: the one who asked for
    /// the floor, then whoever it was passed to (`pass_floor_microphone`). `None` when
    /// the chair or the secretariat gave the delegation the floor and nobody took it:
    /// the delegation's first microphone is heard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<ParticipantId>,
    /// The booths that asked this speaker to slow down, each with its latest ask, in the
    /// order they first asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub slow_down: Vec<SlowDownAsk>,
}

/// A booth's "slow down" to the speaker holding the floor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SlowDownAsk {
    /// The booth's channel ("fr").
    pub channel: String,
    /// When it last asked.
    pub at: Millis,
    /// How many times it asked during this speech.
    pub times: u32,
}

impl Floor {
    /// Speaking time used at `now`, not counting pauses.
    pub fn spoken_ms(&self, now: Millis) -> u64 {
        let until = self.paused_at.unwrap_or(now);
        until.since(self.started_at).saturating_sub(self.paused_ms)
    }

    /// Time left at `now`; negative once the speaker overruns (shown, never cut).
    pub fn remaining_ms(&self, now: Millis) -> i64 {
        self.limit_ms as i64 - self.spoken_ms(now) as i64
    }

    fn pause(&mut self, at: Millis) {
        if self.paused_at.is_none() {
            self.paused_at = Some(at);
        }
    }

    fn resume(&mut self, at: Millis) {
        if let Some(p) = self.paused_at.take() {
            self.paused_ms += at.since(p);
        }
    }
}

/// A participant checked in to the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Attendee {
    pub participant: ParticipantId,
    pub delegation: DelegationId,
    pub mode: AttendanceMode,
    /// The delegation is a member of the commission.
    pub member: bool,
}

/// Everything a participant sees of a meeting. Rebuilt by folding the event log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MeetingState {
    pub meeting_id: MeetingId,
    /// The last event folded in; 0 for a meeting with no events.
    pub seq: u64,
    pub status: MeetingStatus,
    pub agenda: Vec<AgendaItem>,
    /// The agenda was adopted (`adopt_agenda`, here or in the meeting this one continues);
    /// until then it is provisional.
    #[serde(default)]
    pub agenda_adopted: bool,
    /// The earlier meeting this one continues (`continue_from`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continues: Option<MeetingId>,
    pub current_item: Option<AgendaItemId>,
    /// Points of order and motions waiting, in the order they will be heard.
    pub interventions: Vec<Entry>,
    pub floor: Option<Floor>,
    /// A speech set aside by a point of order or motion; it returns when that one ends.
    pub interrupted: Option<Floor>,
    /// Points of order and motions heard and waiting for the chair's ruling.
    pub awaiting_ruling: Vec<Entry>,
    /// Checked-in participants, ordered by participant id.
    pub attendance: Vec<Attendee>,
    /// The id the next entry will get.
    pub next_entry: EntryId,
    /// Proposals before the meeting, decided or not.
    pub proposals: Vec<Proposal>,
    /// Votes taken or under way, in order.
    pub votes: Vec<Vote>,
    /// Interpretation booths, one per channel that has interpreters.
    pub booths: Vec<Booth>,
    /// Speeches heard for or against motions still awaiting their decision.
    #[serde(default)]
    pub motion_speakers: Vec<Entry>,
    /// The chair's latest ruling on a point of order, while it may still be appealed (until
    /// the meeting moves on) and, once appealed, with its appeal.
    #[serde(default)]
    pub last_ruling: Option<PointOfOrderRuling>,
}

/// A ruling on a point of order, and the appeal against it, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PointOfOrderRuling {
    /// The point of order ruled on.
    pub entry: EntryId,
    pub upheld: bool,
    pub appeal: Option<Appeal>,
}

/// An appeal against a ruling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Appeal {
    pub delegation: DelegationId,
    /// The vote on the appeal, once put.
    pub vote: Option<VoteId>,
    /// Once voted: whether the ruling was overruled (otherwise it stands).
    pub overruled: Option<bool>,
}

impl Appeal {
    /// Appealed and not yet put to the vote.
    pub fn waiting(&self) -> bool {
        self.vote.is_none()
    }
}

/// A language booth: its interpreters and which one's microphone is live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Booth {
    /// The channel's language code ("fr").
    pub channel: String,
    pub interpreters: Vec<ParticipantId>,
    /// Exactly one microphone per booth is live: this interpreter's, if any.
    pub live: Option<ParticipantId>,
}

/// Where an entry waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryPlace {
    Statements(AgendaItemId),
    Replies(AgendaItemId),
    Interventions,
}

impl MeetingState {
    pub fn new(meeting_id: MeetingId) -> Self {
        MeetingState {
            meeting_id,
            seq: 0,
            status: MeetingStatus::Scheduled,
            agenda: Vec::new(),
            agenda_adopted: false,
            continues: None,
            current_item: None,
            interventions: Vec::new(),
            floor: None,
            interrupted: None,
            awaiting_ruling: Vec::new(),
            attendance: Vec::new(),
            next_entry: EntryId(1),
            proposals: Vec::new(),
            votes: Vec::new(),
            booths: Vec::new(),
            motion_speakers: Vec::new(),
            last_ruling: None,
        }
    }

    /// An appeal appealed and not yet put to the vote: the point of order's entry.
    pub fn appeal_waiting(&self) -> Option<EntryId> {
        self.last_ruling
            .as_ref()
            .filter(|r| r.appeal.as_ref().is_some_and(Appeal::waiting))
            .map(|r| r.entry)
    }

    /// An appeal is made at once: once the meeting moves on (the floor given, a speech
    /// resumed, an item taken up), a ruling not appealed can no longer be.
    fn moved_on(&mut self) {
        if self
            .last_ruling
            .as_ref()
            .is_some_and(|r| r.appeal.is_none())
        {
            self.last_ruling = None;
        }
    }

    /// Forget a motion once decided: its place in the queues and the speeches on it.
    fn motion_decided(&mut self, entry: EntryId) {
        self.awaiting_ruling.retain(|e| e.id != entry);
        self.interventions.retain(|e| e.id != entry);
        self.motion_speakers
            .retain(|e| !matches!(e.kind, EntryKind::OnMotion { motion, .. } if motion == entry));
    }

    pub fn booth(&self, channel: &str) -> Option<&Booth> {
        self.booths.iter().find(|b| b.channel == channel)
    }

    /// The vote under way, if any.
    pub fn open_vote(&self) -> Option<&Vote> {
        self.votes.last().filter(|v| v.result.is_none())
    }

    pub fn vote(&self, id: VoteId) -> Option<&Vote> {
        self.votes.iter().find(|v| v.id == id)
    }

    fn vote_mut(&mut self, id: VoteId) -> Option<&mut Vote> {
        self.votes.iter_mut().find(|v| v.id == id)
    }

    pub fn proposal(&self, id: ProposalId) -> Option<&Proposal> {
        self.proposals.iter().find(|p| p.id == id)
    }

    /// The part of a divided `proposal` to be voted next: the first not yet decided.
    pub fn next_part(&self, proposal: ProposalId) -> Option<ProposalId> {
        self.proposal(proposal)?
            .parts
            .iter()
            .copied()
            .find(|p| self.proposal(*p).is_some_and(|p| p.decision.is_none()))
    }

    /// The amendment to `proposal` to be decided next, in its order of voting (the one
    /// furthest removed first): the first neither decided nor withdrawn. `None` once every
    /// amendment is decided, when the proposal itself may be put.
    pub fn next_amendment(&self, proposal: ProposalId) -> Option<ProposalId> {
        self.proposal(proposal)?
            .amendments
            .iter()
            .copied()
            .find(|a| {
                self.proposal(*a)
                    .is_some_and(|a| a.decision.is_none() && !a.withdrawn)
            })
    }

    fn proposal_mut(&mut self, id: ProposalId) -> Option<&mut Proposal> {
        self.proposals.iter_mut().find(|p| p.id == id)
    }

    /// The state as participants may see it: how members voted in a recorded vote stays
    /// on the server until the result is announced.
    pub fn for_participants(&self) -> MeetingState {
        let mut s = self.clone();
        for v in &mut s.votes {
            if v.result.is_none() && v.method == VoteMethod::Recorded {
                v.choices.clear();
            }
        }
        s
    }

    /// The state as a participant of `delegation` may see it: as for participants, with
    /// that delegation's own choices in an open recorded vote (see
    /// [`crate::Event::for_delegation`]).
    pub fn for_delegation(&self, delegation: Option<DelegationId>) -> MeetingState {
        let mut s = self.clone();
        for v in &mut s.votes {
            if v.result.is_none() && v.method == VoteMethod::Recorded {
                v.choices.retain(|m| Some(m.delegation) == delegation);
            }
        }
        s
    }

    /// Rebuild a meeting from its log.
    pub fn replay<'a>(
        meeting_id: MeetingId,
        log: impl IntoIterator<Item = &'a EventEnvelope>,
    ) -> Self {
        let mut state = MeetingState::new(meeting_id);
        for e in log {
            state.apply(e);
        }
        state
    }

    pub fn item(&self, id: AgendaItemId) -> Option<&AgendaItem> {
        self.agenda.iter().find(|i| i.id == id)
    }

    fn item_mut(&mut self, id: AgendaItemId) -> Option<&mut AgendaItem> {
        self.agenda.iter_mut().find(|i| i.id == id)
    }

    /// Move `item` after its sibling `after` (first among its siblings when `None`); a
    /// main item takes its sub-items with it, which always follow it in `agenda`.
    fn move_agenda_item(&mut self, item: AgendaItemId, after: Option<AgendaItemId>) {
        let Some(at) = self.agenda.iter().position(|i| i.id == item) else {
            return;
        };
        let parent = self.agenda[at].parent;
        let len = 1 + match parent {
            None => self.agenda[at + 1..]
                .iter()
                .take_while(|i| i.parent == Some(item))
                .count(),
            Some(_) => 0,
        };
        let block: Vec<AgendaItem> = self.agenda.drain(at..at + len).collect();
        let to = match after {
            // After `after` and, for a main item, after its sub-items.
            Some(a) => self
                .agenda
                .iter()
                .rposition(|i| i.id == a || (parent.is_none() && i.parent == Some(a)))
                .map_or(self.agenda.len(), |i| i + 1),
            // First among the siblings: the first main item, or right after the parent.
            None => match parent {
                None => 0,
                Some(p) => self
                    .agenda
                    .iter()
                    .position(|i| i.id == p)
                    .map_or(0, |i| i + 1),
            },
        };
        self.agenda.splice(to..to, block);
    }

    /// The time limits an entry is timed by: its item's own (a high-level segment) where
    /// the item has them, otherwise `session`'s. The engine times the floor with this and
    /// the client estimates a list's time with it.
    pub fn time_limits_for<'a>(
        &'a self,
        entry: &Entry,
        session: &'a crate::roster::TimeLimits,
    ) -> &'a crate::roster::TimeLimits {
        entry
            .item
            .and_then(|id| self.agenda.iter().find(|i| i.id == id))
            .and_then(|i| i.rules.time_limits.as_ref())
            .unwrap_or(session)
    }

    /// A waiting entry and where it waits.
    pub fn find_entry(&self, id: EntryId) -> Option<(&Entry, EntryPlace)> {
        if let Some(e) = self.interventions.iter().find(|e| e.id == id) {
            return Some((e, EntryPlace::Interventions));
        }
        for item in &self.agenda {
            if let Some(e) = item.statements.iter().find(|e| e.id == id) {
                return Some((e, EntryPlace::Statements(item.id)));
            }
            if let Some(e) = item.replies.iter().find(|e| e.id == id) {
                return Some((e, EntryPlace::Replies(item.id)));
            }
        }
        None
    }

    fn take_entry(&mut self, id: EntryId) -> Option<Entry> {
        let (_, place) = self.find_entry(id)?;
        let list = match place {
            EntryPlace::Interventions => &mut self.interventions,
            EntryPlace::Statements(item) => &mut self.item_mut(item)?.statements,
            EntryPlace::Replies(item) => &mut self.item_mut(item)?.replies,
        };
        let at = list.iter().position(|e| e.id == id)?;
        Some(list.remove(at))
    }

    /// Member delegations with at least one participant checked in.
    pub fn members_present(&self) -> u32 {
        let mut seen: Vec<DelegationId> = self
            .attendance
            .iter()
            .filter(|a| a.member)
            .map(|a| a.delegation)
            .collect();
        seen.sort();
        seen.dedup();
        seen.len() as u32
    }

    /// How a delegation attends: in person if any of its participants is in the room.
    pub fn delegation_attendance(&self, delegation: DelegationId) -> Option<AttendanceMode> {
        let mut modes = self
            .attendance
            .iter()
            .filter(|a| a.delegation == delegation)
            .map(|a| a.mode);
        let first = modes.next()?;
        if first == AttendanceMode::InPerson || modes.any(|m| m == AttendanceMode::InPerson) {
            Some(AttendanceMode::InPerson)
        } else {
            Some(AttendanceMode::Remote)
        }
    }

    /// Fold one event into the state. Events come from accepted commands, so they are
    /// consistent with the state; anything that does not fit is ignored rather than
    /// allowed to corrupt it.
    pub fn apply(&mut self, envelope: &EventEnvelope) {
        let at = envelope.at;
        self.seq = envelope.seq;
        match &envelope.event {
            Event::MeetingOpened | Event::MeetingResumed => self.status = MeetingStatus::Open,
            Event::MeetingSuspended => {
                self.status = MeetingStatus::Suspended;
                if let Some(f) = self.floor.as_mut() {
                    f.pause(at);
                }
            }
            Event::MeetingClosed => self.status = MeetingStatus::Closed,
            Event::AgendaItemAdded {
                item,
                number,
                title,
                parent,
            } => {
                let new = AgendaItem {
                    id: *item,
                    number: number.clone(),
                    title: title.clone(),
                    parent: *parent,
                    list_status: ListStatus::Open,
                    statements: Vec::new(),
                    replies: Vec::new(),
                    replies_heard: BTreeMap::new(),
                    rules: ItemRules::default(),
                };
                // Sub-items follow their parent and its earlier sub-items.
                let at = match parent {
                    Some(p) => self
                        .agenda
                        .iter()
                        .rposition(|i| i.id == *p || i.parent == Some(*p))
                        .map_or(self.agenda.len(), |i| i + 1),
                    None => self.agenda.len(),
                };
                self.agenda.insert(at, new);
            }
            Event::ItemRulesSet { item, rules } => {
                if let Some(item) = self.item_mut(*item) {
                    item.rules = rules.clone();
                }
            }
            Event::AgendaItemEdited {
                item,
                number,
                title,
            } => {
                if let Some(item) = self.item_mut(*item) {
                    item.number = number.clone();
                    item.title = title.clone();
                }
            }
            Event::AgendaItemMoved { item, after } => self.move_agenda_item(*item, *after),
            Event::AgendaAdopted => self.agenda_adopted = true,
            Event::FloorMicrophonePassed { participant } => {
                if let Some(f) = self.floor.as_mut() {
                    f.speaker = Some(*participant);
                }
            }
            Event::AgendaCarriedOver {
                from,
                agenda,
                current_item,
                adopted,
                next_entry,
                proposals,
                votes,
            } => {
                self.agenda = agenda.clone();
                self.proposals = proposals.clone();
                self.votes = votes.clone();
                self.current_item = *current_item;
                self.agenda_adopted = *adopted;
                self.continues = Some(*from);
                self.next_entry = self.next_entry.max(*next_entry);
            }
            Event::ItemTakenUp { item } => {
                self.moved_on();
                self.current_item = Some(*item)
            }
            Event::AttendanceRecorded {
                participant,
                delegation,
                mode,
                member,
            } => {
                let a = Attendee {
                    participant: *participant,
                    delegation: *delegation,
                    mode: *mode,
                    member: *member,
                };
                match self
                    .attendance
                    .binary_search_by_key(participant, |a| a.participant)
                {
                    Ok(i) => self.attendance[i] = a,
                    Err(i) => self.attendance.insert(i, a),
                }
            }
            Event::SpeakerInscribed { entry } => {
                self.next_entry = EntryId(self.next_entry.0.max(entry.id.0 + 1));
                let is_reply = matches!(entry.kind, EntryKind::RightOfReply { .. });
                if let Some(item) = entry.item.and_then(|i| self.item_mut(i)) {
                    if is_reply {
                        item.replies.push(entry.clone());
                    } else {
                        item.statements.push(entry.clone());
                    }
                }
            }
            Event::InterventionRaised { entry } => {
                self.next_entry = EntryId(self.next_entry.0.max(entry.id.0 + 1));
                let rank = entry.kind.precedence();
                let at = self
                    .interventions
                    .iter()
                    .position(|e| e.kind.precedence() > rank)
                    .unwrap_or(self.interventions.len());
                self.interventions.insert(at, entry.clone());
            }
            Event::EntryWithdrawn { entry, .. } => {
                self.take_entry(*entry);
            }
            Event::SpeakerRanked { entry, rank } => {
                let waiting = self
                    .agenda
                    .iter_mut()
                    .flat_map(|i| i.statements.iter_mut())
                    .find(|e| e.id == *entry);
                if let Some(e) = waiting {
                    e.rank = Some(*rank);
                }
            }
            Event::EntryMoved { entry, position } => {
                let Some((_, place)) = self.find_entry(*entry) else {
                    return;
                };
                let Some(moved) = self.take_entry(*entry) else {
                    return;
                };
                let list = match place {
                    EntryPlace::Interventions => &mut self.interventions,
                    EntryPlace::Statements(i) => match self.item_mut(i) {
                        Some(item) => &mut item.statements,
                        None => return,
                    },
                    EntryPlace::Replies(i) => match self.item_mut(i) {
                        Some(item) => &mut item.replies,
                        None => return,
                    },
                };
                let pos = (*position as usize).min(list.len());
                list.insert(pos, moved);
            }
            Event::ListClosingAnnounced { item } => {
                self.set_list(*item, ListStatus::ClosingAnnounced)
            }
            Event::ListClosed { item } => self.set_list(*item, ListStatus::Closed),
            Event::ListReopened { item } => self.set_list(*item, ListStatus::Open),
            Event::FloorGiven {
                entry,
                limit_ms,
                attendance,
                interrupts,
            } => {
                self.moved_on();
                self.next_entry = EntryId(self.next_entry.0.max(entry.id.0 + 1));
                self.take_entry(entry.id);
                if matches!(entry.kind, EntryKind::OnMotion { .. }) {
                    self.motion_speakers.push(entry.clone());
                }
                if let (EntryKind::RightOfReply { .. }, Some(item)) = (&entry.kind, entry.item) {
                    if let Some(item) = self.item_mut(item) {
                        *item.replies_heard.entry(entry.delegation).or_insert(0) += 1;
                    }
                }
                if interrupts.is_some() {
                    if let Some(mut current) = self.floor.take() {
                        current.pause(at);
                        self.interrupted = Some(current);
                    }
                }
                self.floor = Some(Floor {
                    entry: entry.clone(),
                    started_at: at,
                    limit_ms: *limit_ms,
                    paused_at: None,
                    paused_ms: 0,
                    attendance: *attendance,
                    speaker: entry.requested_by,
                    slow_down: Vec::new(),
                });
            }
            Event::SpeechPaused => {
                if let Some(f) = self.floor.as_mut() {
                    f.pause(at);
                }
            }
            Event::SpeechResumed => {
                self.moved_on();
                if let Some(f) = self.floor.as_mut() {
                    f.resume(at);
                }
            }
            Event::SpeechEnded { .. } => {
                if let Some(ended) = self.floor.take() {
                    if ended.entry.kind.is_intervention() {
                        self.awaiting_ruling.push(ended.entry);
                    }
                }
                self.floor = self.interrupted.take();
            }
            Event::RulingGiven {
                entry,
                kind,
                upheld,
                ..
            } => {
                self.motion_decided(*entry);
                if *kind == EntryKind::PointOfOrder {
                    self.last_ruling = Some(PointOfOrderRuling {
                        entry: *entry,
                        upheld: *upheld,
                        appeal: None,
                    });
                }
            }
            Event::RulingAppealed { entry, delegation } => {
                if let Some(r) = self.last_ruling.as_mut().filter(|r| r.entry == *entry) {
                    r.appeal = Some(Appeal {
                        delegation: *delegation,
                        vote: None,
                        overruled: None,
                    });
                }
            }
            Event::DebateAdjourned { item } => {
                if self.current_item == Some(*item) {
                    self.current_item = None;
                }
            }
            Event::DebateClosed { item, not_heard } => {
                if let Some(i) = self.item_mut(*item) {
                    i.list_status = ListStatus::Closed;
                    i.statements.retain(|e| !not_heard.contains(&e.id));
                }
            }
            Event::InterpreterAssigned {
                participant,
                channel,
            } => {
                for b in &mut self.booths {
                    b.interpreters.retain(|p| p != participant);
                    if b.live == Some(*participant) {
                        b.live = None;
                    }
                }
                match self.booths.iter_mut().find(|b| b.channel == *channel) {
                    Some(b) => b.interpreters.push(*participant),
                    None => self.booths.push(Booth {
                        channel: channel.clone(),
                        interpreters: vec![*participant],
                        live: None,
                    }),
                }
            }
            Event::MicrophoneTaken {
                channel,
                participant,
            } => {
                if let Some(b) = self.booths.iter_mut().find(|b| b.channel == *channel) {
                    b.live = Some(*participant);
                }
            }
            Event::MicrophoneReleased { channel } => {
                if let Some(b) = self.booths.iter_mut().find(|b| b.channel == *channel) {
                    b.live = None;
                }
            }
            Event::SlowDownAsked { channel, .. } => {
                if let Some(f) = self.floor.as_mut() {
                    match f.slow_down.iter_mut().find(|a| a.channel == *channel) {
                        Some(a) => {
                            a.at = at;
                            a.times += 1;
                        }
                        None => f.slow_down.push(SlowDownAsk {
                            channel: channel.clone(),
                            at,
                            times: 1,
                        }),
                    }
                }
            }
            Event::ProposalTabled { proposal } => {
                // An amendment joins the end of the order of voting of what it amends.
                if let Some(amended) = proposal.amends.and_then(|p| self.proposal_mut(p)) {
                    amended.amendments.push(proposal.id);
                }
                self.proposals.push((**proposal).clone())
            }
            Event::ProposalDivided { proposal, parts } => {
                if let Some(p) = self.proposal_mut(*proposal) {
                    p.parts = parts.iter().map(|part| part.id).collect();
                }
                self.proposals.extend(parts.iter().cloned());
            }
            Event::ProposalRejectedInParts { proposal } => {
                if let Some(p) = self.proposal_mut(*proposal) {
                    p.decision = Some(Decision::RejectedInParts { at });
                }
            }
            Event::VotingOrderSet {
                proposal,
                amendments,
            } => {
                if let Some(p) = self.proposal_mut(*proposal) {
                    p.amendments = amendments.clone();
                }
            }
            Event::OralRevisionRecorded { proposal, text, by } => {
                if let Some(p) = self.proposal_mut(*proposal) {
                    p.oral_revisions.push(OralRevision {
                        text: text.clone(),
                        by: *by,
                        at,
                    });
                }
            }
            Event::ProposalWithdrawn { proposal, .. } => {
                if let Some(p) = self.proposal_mut(*proposal) {
                    p.withdrawn = true;
                }
            }
            Event::VoteRequested {
                proposal,
                delegation,
            } => {
                if let Some(p) = self.proposal_mut(*proposal) {
                    p.vote_requested_by.get_or_insert(*delegation);
                }
            }
            Event::ProposalReopened { proposal } => {
                if let Some(p) = self.proposal_mut(*proposal) {
                    p.decision = None;
                }
            }
            Event::BudgetImplicationsStated {
                proposal,
                statement,
                document,
            } => {
                if let Some(p) = self.proposal_mut(*proposal) {
                    p.budget_statement = Some(BudgetStatement {
                        statement: statement.clone(),
                        document: document.clone(),
                        at,
                    });
                }
            }
            Event::AttendanceEnded { participant, .. } => {
                self.attendance.retain(|a| a.participant != *participant);
            }
            Event::ProposalAmended { proposal } => {
                if let Some(p) = self.proposal_mut(*proposal) {
                    p.amended = true;
                }
            }
            Event::AdoptedWithoutVote { proposal } => {
                if let Some(p) = self.proposal_mut(*proposal) {
                    p.decision = Some(Decision::AdoptedWithoutVote { at });
                }
            }
            Event::ElectedByAcclamation {
                proposal,
                candidates,
            } => {
                if let Some(p) = self.proposal_mut(*proposal) {
                    p.decision = Some(Decision::ElectedByAcclamation {
                        at,
                        candidates: candidates.clone(),
                    });
                }
            }
            Event::VoteOpened { vote } => {
                if let VoteSubject::Appeal { entry } = vote.subject {
                    if let Some(a) = self
                        .last_ruling
                        .as_mut()
                        .filter(|r| r.entry == entry)
                        .and_then(|r| r.appeal.as_mut())
                    {
                        a.vote = Some(vote.id);
                    }
                }
                self.votes.push((**vote).clone())
            }
            Event::VoteCast {
                vote,
                delegation,
                choice,
                ..
            } => {
                if let Some(v) = self.vote_mut(*vote) {
                    v.voted.push(*delegation);
                    if let Some(choice) = choice {
                        v.choices.push(MemberVote {
                            delegation: *delegation,
                            choice: *choice,
                        });
                    }
                    if let Some(rc) = v.roll_call.as_mut() {
                        rc.advance();
                    }
                }
            }
            Event::MemberPassed { vote, delegation } => {
                if let Some(rc) = self.vote_mut(*vote).and_then(|v| v.roll_call.as_mut()) {
                    if rc.second_round {
                        rc.absent.push(*delegation);
                    } else {
                        rc.passed.push(*delegation);
                    }
                    rc.advance();
                }
            }
            Event::VoteClosed { vote, result } => {
                let void = matches!(result.outcome, Outcome::Void { .. });
                let Some(v) = self.vote_mut(*vote) else {
                    return;
                };
                v.result = Some(result.clone());
                // The published choices replace the sealed ones, so that a client folding
                // the events it was sent ends with the state a snapshot shows.
                if !result.by_member.is_empty() {
                    v.choices = result.by_member.clone();
                }
                let proposal = v.proposal;
                let subject = v.subject;
                let adopted = result.outcome == Outcome::Adopted;
                match subject {
                    // An inconclusive ballot of an election leaves it undecided: the next
                    // ballot follows.
                    VoteSubject::Proposal if result.outcome.decides() => {
                        if let Some(p) = self.proposal_mut(proposal) {
                            p.decision = Some(Decision::Voted { vote: *vote });
                        }
                    }
                    VoteSubject::Motion { entry, .. } if !void => self.motion_decided(entry),
                    VoteSubject::Appeal { entry } if !void => {
                        if let Some(a) = self
                            .last_ruling
                            .as_mut()
                            .filter(|r| r.entry == entry)
                            .and_then(|r| r.appeal.as_mut())
                        {
                            a.overruled = Some(adopted);
                        }
                    }
                    // A void vote decides nothing: it is taken again.
                    VoteSubject::Appeal { entry } => {
                        if let Some(a) = self
                            .last_ruling
                            .as_mut()
                            .filter(|r| r.entry == entry)
                            .and_then(|r| r.appeal.as_mut())
                        {
                            a.vote = None;
                        }
                    }
                    VoteSubject::Motion { .. } | VoteSubject::Proposal => {}
                }
            }
        }
    }

    fn set_list(&mut self, item: AgendaItemId, status: ListStatus) {
        if let Some(i) = self.item_mut(item) {
            i.list_status = status;
        }
    }
}
