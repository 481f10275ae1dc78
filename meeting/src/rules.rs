//! `decide`: a command against the meeting's state and the session's rules.

use crate::authority::permits;
use floor_protocol::command::Capacity;
use floor_protocol::event::Actor;
use floor_protocol::meeting::{AgendaItem, Entry};
use floor_protocol::meeting::{EntryKind, EntryPlace, ListStatus, MeetingStatus};
use floor_protocol::vote::{Majority, Outcome, VoteMethod, VoteSubject};
use floor_protocol::*;
use std::collections::BTreeMap;

/// What the rules need to know beyond the meeting's own log: the session's configurable
/// rules, its roster of delegations and of the participants a command names, and what the
/// server supplies for a vote.
#[derive(Debug, Clone, Default)]
pub struct MeetingContext {
    pub rules: SessionRules,
    pub delegations: BTreeMap<DelegationId, DelegationKind>,
    /// Participants of the session, with their role and delegation: at least those the
    /// command names ([`participants_named`]); the server supplies exactly those, read for
    /// each command, so a participant added a moment ago counts. Anyone missing here is not
    /// a participant of this session.
    pub participants: BTreeMap<ParticipantId, (Role, Option<DelegationId>)>,
    /// The roster in UN English alphabetical order (the order of roll calls); delegations
    /// missing from it follow in id order.
    pub un_order: Vec<DelegationId>,
    /// Fresh randomness from the server, used only for a roll call's draw by lot (and
    /// recorded in the log when it is).
    pub entropy: [u8; 32],
    /// When closing a secret ballot: the ballots counted by the server's ballot box.
    pub ballot_tally: Option<floor_protocol::vote::Tally>,
    /// For `continue_from`: the state of the meeting named, when it is another meeting of
    /// the same session (the server looks it up; the engine decides with it).
    pub previous: Option<Box<MeetingState>>,
}

/// The participants a command names whose role or delegation [`decide`] checks: the ones
/// the caller must put in [`MeetingContext::participants`] when they belong to the session.
pub fn participants_named(command: &Command) -> Vec<ParticipantId> {
    match command {
        Command::RecordAttendance { participant, .. }
        | Command::AssignInterpreter { participant, .. } => vec![*participant],
        _ => Vec::new(),
    }
}

impl MeetingContext {
    pub fn members(&self) -> u32 {
        self.delegations
            .values()
            .filter(|k| **k == DelegationKind::Member)
            .count() as u32
    }

    /// The members, in UN English alphabetical order.
    pub fn members_in_un_order(&self) -> Vec<DelegationId> {
        let is_member = |d: &DelegationId| self.delegations.get(d) == Some(&DelegationKind::Member);
        let mut order: Vec<DelegationId> =
            self.un_order.iter().copied().filter(is_member).collect();
        for d in self.delegations.keys().filter(|d| is_member(d)) {
            if !order.contains(d) {
                order.push(*d);
            }
        }
        order
    }

    fn kind_of(&self, delegation: DelegationId) -> Result<DelegationKind, Rejection> {
        self.delegations
            .get(&delegation)
            .copied()
            .ok_or(Rejection::UnknownDelegation { delegation })
    }

    /// The time limit of an entry: its item's own limits where the item has them (a
    /// high-level segment), otherwise the session's.
    pub fn limit_ms(&self, state: &MeetingState, entry: &Entry) -> u64 {
        let delegation = self.delegations.get(&entry.delegation).copied();
        let limits = state.time_limits_for(entry, &self.rules.time_limits);
        u64::from(limits.secs_for(&entry.kind, delegation)) * 1000
    }
}

const MAX_NUMBER_CHARS: u32 = 16;
const MAX_TITLE_CHARS: u32 = 300;
const MAX_GROUP_CHARS: u32 = 120;
const MAX_RULING_CHARS: u32 = 2000;
const MAX_STATEMENT_CHARS: u32 = 2000;
const MAX_DOCUMENT_CHARS: u32 = 120;
/// A booth's second "slow down" within this time is refused as a repeat.
pub const SLOW_DOWN_REPEAT_MS: u64 = 10_000;

/// Where a statement stands in a high-level segment: by protocol rank (highest first),
/// within a rank by inscription (entry numbers are given in order of inscription).
fn rank_order(e: &Entry) -> (ProtocolRank, EntryId) {
    (e.precedence_rank(), e.id)
}

/// The `entry_moved` events that put an item's waiting statements in the order of a
/// high-level segment.
fn order_by_rank(statements: &[Entry]) -> Vec<Event> {
    let mut ordered: Vec<&Entry> = statements.iter().collect();
    ordered.sort_by_key(|e| rank_order(e));
    let mut current: Vec<EntryId> = statements.iter().map(|e| e.id).collect();
    let mut moves = Vec::new();
    for (position, entry) in ordered.iter().enumerate() {
        let Some(at) = current.iter().position(|id| *id == entry.id) else {
            continue;
        };
        if at != position {
            let id = current.remove(at);
            current.insert(position, id);
            moves.push(Event::EntryMoved {
                entry: entry.id,
                position: position as u32,
            });
        }
    }
    moves
}

/// The `entry_moved` that puts one statement whose rank was just recorded in its place in
/// a high-level segment: right after the last statement that goes before it. The others
/// keep their order, so a chair's earlier moves stand.
fn place_by_rank(statements: &[Entry], ranked: &Entry) -> Option<Event> {
    let others: Vec<&Entry> = statements.iter().filter(|e| e.id != ranked.id).collect();
    let position = others
        .iter()
        .rposition(|e| rank_order(e) < rank_order(ranked))
        .map_or(0, |last| last + 1);
    let now = statements.iter().position(|e| e.id == ranked.id)?;
    (now != position).then_some(Event::EntryMoved {
        entry: ranked.id,
        position: position as u32,
    })
}

/// Decide what a command does. Returns the events to append, in order, or why not.
/// Never changes anything itself: the caller appends the events and folds them in.
pub fn decide(
    ctx: &MeetingContext,
    state: &MeetingState,
    actor: &Actor,
    command: &Command,
    now: Millis,
) -> Result<Vec<Event>, Rejection> {
    if !permits(actor.role, command) {
        return Err(Rejection::NotPermitted {
            role: actor.role,
            command: command.name().to_string(),
        });
    }
    let d = Decision {
        ctx,
        state,
        actor,
        command,
        now,
    };
    d.decide()
}

/// Decide and, when accepted, fold the events into `state`, numbering them from
/// `state.seq + 1`. A refused command leaves `state` exactly as it was.
pub fn execute(
    ctx: &MeetingContext,
    state: &mut MeetingState,
    actor: &Actor,
    command: &Command,
    now: Millis,
) -> Result<Vec<EventEnvelope>, Rejection> {
    let events = decide(ctx, state, actor, command, now)?;
    Ok(crate::log::number_and_fold(state, actor, now, events))
}

struct Decision<'a> {
    ctx: &'a MeetingContext,
    state: &'a MeetingState,
    actor: &'a Actor,
    command: &'a Command,
    now: Millis,
}

impl Decision<'_> {
    fn decide(&self) -> Result<Vec<Event>, Rejection> {
        use Command::*;
        let s = self.state;
        match self.command {
            OpenMeeting => {
                self.status_in(&[MeetingStatus::Scheduled])?;
                Ok(vec![Event::MeetingOpened])
            }
            SuspendMeeting => {
                self.status_in(&[MeetingStatus::Open])?;
                self.voting().quiet_during_vote()?;
                Ok(vec![Event::MeetingSuspended])
            }
            ResumeMeeting => {
                self.status_in(&[MeetingStatus::Suspended])?;
                Ok(vec![Event::MeetingResumed])
            }
            CloseMeeting => {
                self.status_in(&[MeetingStatus::Open, MeetingStatus::Suspended])?;
                self.floor_empty()?;
                self.voting().quiet_during_vote()?;
                Ok(vec![Event::MeetingClosed])
            }
            AddAgendaItem {
                number,
                title,
                parent,
            } => {
                self.not_closed()?;
                let number = text("number", number, MAX_NUMBER_CHARS)?;
                let title = text("title", title, MAX_TITLE_CHARS)?;
                if s.agenda.iter().any(|i| same_number(&i.number, &number)) {
                    return Err(Rejection::DuplicateAgendaNumber { number });
                }
                if let Some(p) = parent {
                    let parent_item = self.item(*p)?;
                    if parent_item.parent.is_some() {
                        return Err(Rejection::InvalidAgendaParent { parent: *p });
                    }
                }
                Ok(vec![Event::AgendaItemAdded {
                    item: AgendaItemId(s.agenda.len() as u32 + 1),
                    number,
                    title,
                    parent: *parent,
                }])
            }
            SetItemRules { item, rules } => {
                self.not_closed()?;
                let item = self.item(*item)?;
                let out_of_range = rules.time_limits.as_ref().and_then(|l| l.out_of_range());
                if let Some((kind, secs)) = out_of_range {
                    return Err(Rejection::InvalidTimeLimit {
                        limit: kind.as_str().to_string(),
                        secs,
                    });
                }
                let mut events = vec![Event::ItemRulesSet {
                    item: item.id,
                    rules: rules.clone(),
                }];
                if rules.order_by_rank {
                    events.extend(order_by_rank(&item.statements));
                }
                Ok(events)
            }
            EditAgendaItem {
                item,
                number,
                title,
            } => {
                self.not_closed()?;
                let item = self.item(*item)?.id;
                let number = text("number", number, MAX_NUMBER_CHARS)?;
                let title = text("title", title, MAX_TITLE_CHARS)?;
                if s.agenda
                    .iter()
                    .any(|i| i.id != item && same_number(&i.number, &number))
                {
                    return Err(Rejection::DuplicateAgendaNumber { number });
                }
                Ok(vec![Event::AgendaItemEdited {
                    item,
                    number,
                    title,
                }])
            }
            MoveAgendaItem { item, after } => {
                self.not_closed()?;
                let moved = self.item(*item)?;
                if let Some(after) = after {
                    let other = self.item(*after)?;
                    if other.id == moved.id || other.parent != moved.parent {
                        return Err(Rejection::InvalidAgendaPlace {
                            item: *item,
                            after: *after,
                        });
                    }
                }
                Ok(vec![Event::AgendaItemMoved {
                    item: *item,
                    after: *after,
                }])
            }
            PassFloorMicrophone { participant } => {
                self.status_in(&[MeetingStatus::Open])?;
                // The floor of a remote speaker: a delegate passes its own delegation's.
                let floor = s
                    .floor
                    .as_ref()
                    .filter(|f| f.attendance != Some(AttendanceMode::InPerson))
                    .ok_or(Rejection::NotYourFloor)?;
                let delegation = floor.entry.delegation;
                if self.actor.role == Role::Delegate && self.actor.delegation != Some(delegation) {
                    return Err(Rejection::NotYourFloor);
                }
                // To a participant of that delegation following the meeting.
                if !s
                    .attendance
                    .iter()
                    .any(|a| a.participant == *participant && a.delegation == delegation)
                {
                    return Err(Rejection::NotInDelegation {
                        participant: *participant,
                        delegation,
                    });
                }
                Ok(vec![Event::FloorMicrophonePassed {
                    participant: *participant,
                }])
            }
            AdoptAgenda => {
                self.not_closed()?;
                if s.agenda_adopted || s.agenda.is_empty() {
                    return Err(Rejection::AgendaNotAdoptable {
                        adopted: s.agenda_adopted,
                    });
                }
                Ok(vec![Event::AgendaAdopted])
            }
            ContinueFrom { meeting } => {
                self.not_closed()?;
                let previous = self
                    .ctx
                    .previous
                    .as_deref()
                    .filter(|p| p.meeting_id == *meeting && p.meeting_id != s.meeting_id)
                    .ok_or(Rejection::NotAnEarlierMeeting { meeting: *meeting })?;
                if !s.agenda.is_empty() || s.next_entry != EntryId(1) || !s.proposals.is_empty() {
                    return Err(Rejection::AgendaNotEmpty);
                }
                Ok(vec![Event::AgendaCarriedOver {
                    from: *meeting,
                    agenda: previous.agenda.clone(),
                    current_item: previous.current_item,
                    adopted: previous.agenda_adopted,
                    next_entry: previous.next_entry,
                    proposals: previous.proposals.clone(),
                    votes: previous.votes.clone(),
                }])
            }
            TakeUpItem { item } => {
                self.not_closed()?;
                self.item(*item)?;
                self.floor_empty()?;
                self.voting().quiet_during_vote()?;
                Ok(vec![Event::ItemTakenUp { item: *item }])
            }
            CheckIn { mode } => {
                self.not_closed()?;
                let delegation = self.own_delegation()?;
                let participant = self.actor.participant.ok_or(Rejection::NoDelegation)?;
                let kind = self.ctx.kind_of(delegation)?;
                Ok(vec![Event::AttendanceRecorded {
                    participant,
                    delegation,
                    mode: *mode,
                    member: kind == DelegationKind::Member,
                }])
            }
            RecordAttendance {
                participant,
                delegation,
                mode,
            } => {
                self.in_delegation(*participant, *delegation)?;
                self.not_closed()?;
                let kind = self.ctx.kind_of(*delegation)?;
                Ok(vec![Event::AttendanceRecorded {
                    participant: *participant,
                    delegation: *delegation,
                    mode: *mode,
                    member: kind == DelegationKind::Member,
                }])
            }
            RequestFloor { item, capacity } => {
                self.not_closed()?;
                let delegation = self.own_delegation()?;
                if self.ctx.kind_of(delegation)? == DelegationKind::Ngo
                    && !self.ctx.rules.ngo_self_inscription
                {
                    return Err(Rejection::NgoInscribedByChair);
                }
                self.inscribe(delegation, *item, capacity, false)
            }
            InscribeSpeaker {
                delegation,
                item,
                capacity,
                allow_additional,
            } => {
                self.not_closed()?;
                self.ctx.kind_of(*delegation)?;
                self.inscribe(*delegation, *item, capacity, *allow_additional)
            }
            RequestRightOfReply { item } => {
                self.not_closed()?;
                let delegation = self.own_delegation()?;
                if self.ctx.kind_of(delegation)? == DelegationKind::Ngo
                    && !self.ctx.rules.ngo_self_inscription
                {
                    return Err(Rejection::NgoInscribedByChair);
                }
                let kind = self.ctx.kind_of(delegation)?;
                if self.ctx.rules.right_of_reply == RightOfReplyFor::States
                    && !matches!(kind, DelegationKind::Member | DelegationKind::ObserverState)
                {
                    return Err(Rejection::ReplyReservedToStates { delegation });
                }
                let item = self.item(self.item_or_current(*item)?)?;
                let max = self.ctx.rules.max_replies_per_item;
                let used = item.replies_of(delegation);
                if used >= max {
                    return Err(Rejection::ReplyLimitReached {
                        delegation,
                        max_per_item: max,
                    });
                }
                Ok(vec![Event::SpeakerInscribed {
                    entry: self.new_entry(
                        delegation,
                        EntryKind::RightOfReply { ordinal: used + 1 },
                        Some(item.id),
                    ),
                }])
            }
            RaisePointOfOrder { about_voting } => {
                if !about_voting {
                    self.voting().quiet_during_vote()?;
                }
                self.raise(EntryKind::PointOfOrder)
            }
            RaiseMotion { motion } => {
                self.voting().quiet_during_vote()?;
                if matches!(motion, MotionKind::Reconsider | MotionKind::Division) {
                    return Err(Rejection::MotionNamesProposal);
                }
                // The debate adjourned or closed is the one on the item under consideration.
                if matches!(motion, MotionKind::AdjournDebate | MotionKind::CloseDebate)
                    && s.current_item.is_none()
                {
                    return Err(Rejection::NoCurrentItem);
                }
                self.raise(EntryKind::Motion {
                    motion: *motion,
                    proposal: None,
                    parts: Vec::new(),
                })
            }
            MoveReconsideration { proposal } => {
                self.voting().quiet_during_vote()?;
                self.voting().may_reconsider(*proposal)?;
                self.raise(EntryKind::Motion {
                    motion: MotionKind::Reconsider,
                    proposal: Some(*proposal),
                    parts: Vec::new(),
                })
            }
            MoveDivision { proposal, parts } => {
                self.voting().quiet_during_vote()?;
                let parts = self.voting().may_divide(*proposal, parts)?;
                self.raise(EntryKind::Motion {
                    motion: MotionKind::Division,
                    proposal: Some(*proposal),
                    parts,
                })
            }
            CheckOut => {
                self.not_closed()?;
                let participant = self.actor.participant.ok_or(Rejection::NoDelegation)?;
                self.departure(participant)
            }
            RecordDeparture { participant } => {
                self.not_closed()?;
                self.departure(*participant)
            }
            WithdrawProposal { proposal } => {
                self.not_closed()?;
                self.voting().withdraw(*proposal)
            }
            RequestVote { proposal } => {
                self.not_closed()?;
                self.voting().request_vote(*proposal)
            }
            StateBudgetImplications {
                proposal,
                statement,
                document,
            } => {
                self.not_closed()?;
                let statement = text("statement", statement, MAX_STATEMENT_CHARS)?;
                let document = match document.as_deref().map(str::trim) {
                    None | Some("") => None,
                    Some(d) => Some(text("document", d, MAX_DOCUMENT_CHARS)?),
                };
                self.voting()
                    .state_budget_implications(*proposal, statement, document)
            }
            WithdrawEntry { entry } => {
                self.not_closed()?;
                let (found, _) = s
                    .find_entry(*entry)
                    .ok_or(Rejection::UnknownEntry { entry: *entry })?;
                let by_presiding = self.actor.role.presides();
                if !by_presiding && Some(found.delegation) != self.actor.delegation {
                    return Err(Rejection::NotYourEntry { entry: *entry });
                }
                // A motion is not withdrawn once the vote on it has begun.
                if let Some(v) = s.open_vote().filter(
                    |v| matches!(v.subject, VoteSubject::Motion { entry: m, .. } if m == *entry),
                ) {
                    return Err(Rejection::VoteInProgress { vote: v.id });
                }
                Ok(vec![Event::EntryWithdrawn {
                    entry: *entry,
                    by_presiding,
                }])
            }
            ActForDelegation {
                delegation,
                command,
            } => {
                self.ctx.kind_of(*delegation)?;
                let not_for_the_room = matches!(**command, CheckIn { .. } | CheckOut)
                    || matches!(**command, ActForDelegation { .. })
                    || !permits(Role::Delegate, command);
                if not_for_the_room {
                    return Err(Rejection::NotForTheRoom {
                        command: command.name().to_string(),
                    });
                }
                if let CastVote { vote, .. } = **command {
                    if s.vote(vote).map(|v| v.method) == Some(VoteMethod::SecretBallot) {
                        return Err(Rejection::SecretBallotNotInTheRoom { vote });
                    }
                }
                // The delegation's representative in the room: no participant of its own.
                let representative = Actor {
                    role: Role::Delegate,
                    participant: None,
                    account: None,
                    delegation: Some(*delegation),
                };
                Decision {
                    actor: &representative,
                    command,
                    ..*self
                }
                .decide()
            }
            SetSpeakerRank { entry, rank } => {
                self.not_closed()?;
                let (waiting, place) = s
                    .find_entry(*entry)
                    .ok_or(Rejection::UnknownEntry { entry: *entry })?;
                let EntryPlace::Statements(item) = place else {
                    return Err(Rejection::NotAStatement { entry: *entry });
                };
                if !self.actor.role.presides() && self.actor.delegation != Some(waiting.delegation)
                {
                    return Err(Rejection::NotYourEntry { entry: *entry });
                }
                let item = self.item(item)?;
                let mut events = vec![Event::SpeakerRanked {
                    entry: *entry,
                    rank: *rank,
                }];
                if item.rules.order_by_rank {
                    let ranked = Entry {
                        rank: Some(*rank),
                        ..waiting.clone()
                    };
                    events.extend(place_by_rank(&item.statements, &ranked));
                }
                Ok(events)
            }
            MoveEntry { entry, position } => {
                self.not_closed()?;
                let (_, place) = s
                    .find_entry(*entry)
                    .ok_or(Rejection::UnknownEntry { entry: *entry })?;
                let len = match place {
                    EntryPlace::Interventions => {
                        return Err(Rejection::NotMovable { entry: *entry })
                    }
                    EntryPlace::Statements(i) => self.item(i)?.statements.len(),
                    EntryPlace::Replies(i) => self.item(i)?.replies.len(),
                };
                Ok(vec![Event::EntryMoved {
                    entry: *entry,
                    position: (*position).min(len.saturating_sub(1) as u32),
                }])
            }
            AnnounceListClosing { item } => self.list_change(*item, &[ListStatus::Open], |item| {
                Event::ListClosingAnnounced { item }
            }),
            CloseList { item } => self.list_change(
                *item,
                &[ListStatus::Open, ListStatus::ClosingAnnounced],
                |item| Event::ListClosed { item },
            ),
            ReopenList { item } => self.list_change(
                *item,
                &[ListStatus::ClosingAnnounced, ListStatus::Closed],
                |item| Event::ListReopened { item },
            ),
            NextSpeaker => self.next_speaker(),
            GiveFloor { entry } => self.give_floor(*entry),
            PauseSpeech => {
                self.status_in(&[MeetingStatus::Open])?;
                let floor = s.floor.as_ref().ok_or(Rejection::FloorEmpty)?;
                if floor.paused_at.is_some() {
                    return Err(Rejection::AlreadyPaused);
                }
                Ok(vec![Event::SpeechPaused])
            }
            ResumeSpeech => {
                self.status_in(&[MeetingStatus::Open])?;
                let floor = s.floor.as_ref().ok_or(Rejection::FloorEmpty)?;
                if floor.paused_at.is_none() {
                    return Err(Rejection::NotPaused);
                }
                self.no_ruling_pending()?;
                // A point of order raised meanwhile is dealt with before the speech goes on.
                if let Some(p) = s
                    .interventions
                    .iter()
                    .find(|e| e.kind == EntryKind::PointOfOrder)
                {
                    return Err(Rejection::InterventionPending { entry: p.id });
                }
                Ok(vec![Event::SpeechResumed])
            }
            EndSpeech => {
                self.status_in(&[MeetingStatus::Open, MeetingStatus::Suspended])?;
                Ok(vec![self.end_speech()?])
            }
            AssignInterpreter {
                participant,
                channel,
            } => {
                self.an_interpreter(*participant)?;
                self.not_closed()?;
                self.channel(channel)?;
                Ok(vec![Event::InterpreterAssigned {
                    participant: *participant,
                    channel: channel.clone(),
                }])
            }
            AskToSlowDown { channel } => {
                self.not_closed()?;
                self.channel(channel)?;
                let me = self.actor.participant.ok_or(Rejection::NoDelegation)?;
                s.booth(channel)
                    .filter(|b| b.interpreters.contains(&me))
                    .ok_or_else(|| Rejection::NotInBooth {
                        channel: channel.clone(),
                    })?;
                let floor = s.floor.as_ref().ok_or(Rejection::FloorEmpty)?;
                // A press repeated within moments (a double click, a stuck key) adds
                // nothing the chair does not already see.
                if floor
                    .slow_down
                    .iter()
                    .any(|a| a.channel == *channel && self.now.since(a.at) < SLOW_DOWN_REPEAT_MS)
                {
                    return Err(Rejection::SlowDownJustAsked {
                        channel: channel.clone(),
                    });
                }
                Ok(vec![Event::SlowDownAsked {
                    channel: channel.clone(),
                    participant: me,
                }])
            }
            TakeMicrophone { channel } | ReleaseMicrophone { channel } => {
                self.not_closed()?;
                self.channel(channel)?;
                let me = self.actor.participant.ok_or(Rejection::NoDelegation)?;
                let booth = s
                    .booth(channel)
                    .filter(|b| b.interpreters.contains(&me))
                    .ok_or_else(|| Rejection::NotInBooth {
                        channel: channel.clone(),
                    })?;
                if matches!(self.command, TakeMicrophone { .. }) {
                    Ok(vec![Event::MicrophoneTaken {
                        channel: channel.clone(),
                        participant: me,
                    }])
                } else if booth.live == Some(me) {
                    Ok(vec![Event::MicrophoneReleased {
                        channel: channel.clone(),
                    }])
                } else {
                    Err(Rejection::MicrophoneNotLive {
                        channel: channel.clone(),
                    })
                }
            }
            TableProposal {
                reference,
                title,
                sponsors,
                budget_implications,
                amends,
                text,
            } => {
                self.not_closed()?;
                self.voting().table(
                    reference,
                    title,
                    sponsors,
                    *budget_implications,
                    *amends,
                    text,
                )
            }
            SetVotingOrder {
                proposal,
                amendments,
            } => {
                self.not_closed()?;
                self.voting().set_voting_order(*proposal, amendments)
            }
            ReviseOrally { proposal, text } => {
                self.not_closed()?;
                self.voting().revise_orally(*proposal, text)
            }
            AmendProposal { proposal } => {
                self.not_closed()?;
                self.voting().amend(*proposal)
            }
            AdoptWithoutVote { proposal } => {
                self.status_in(&[MeetingStatus::Open])?;
                self.voting().adopt_without_vote(*proposal)
            }
            OpenVote {
                proposal,
                method,
                majority,
                candidates,
                seats,
            } => {
                self.status_in(&[MeetingStatus::Open])?;
                self.voting()
                    .open_vote(*proposal, *method, *majority, candidates, *seats)
            }
            OpenNextBallot { proposal } => {
                self.status_in(&[MeetingStatus::Open])?;
                self.voting().open_next_ballot(*proposal)
            }
            ElectByAcclamation {
                proposal,
                candidates,
            } => {
                self.status_in(&[MeetingStatus::Open])?;
                self.voting().elect_by_acclamation(*proposal, candidates)
            }
            CastVote { vote, choice } => {
                self.status_in(&[MeetingStatus::Open])?;
                self.voting().cast(*vote, *choice)
            }
            PassMember { vote } => {
                self.status_in(&[MeetingStatus::Open])?;
                self.voting().pass(*vote)
            }
            CloseVote { vote, counts } => {
                self.status_in(&[MeetingStatus::Open])?;
                let mut events = self.voting().close(*vote, counts.as_ref())?;
                let adopted_motion = s.vote(*vote).and_then(|v| match v.subject {
                    VoteSubject::Motion { motion, entry } => Some((motion, entry)),
                    _ => None,
                });
                if let (Some((motion, entry)), Some(Event::VoteClosed { result, .. })) =
                    (adopted_motion, events.first())
                {
                    if result.outcome == Outcome::Adopted {
                        events.extend(self.motion_effects(motion, entry)?);
                    }
                }
                // An amendment adopted amends its proposal; the last part of a divided
                // proposal rejected, every other too, rejects it.
                if let (Some(v), Some(Event::VoteClosed { result, .. })) =
                    (s.vote(*vote), events.first())
                {
                    if v.subject == VoteSubject::Proposal {
                        let after = self.voting().after_decision(v.proposal, &result.outcome);
                        events.extend(after);
                    }
                }
                Ok(events)
            }
            HearOnMotion {
                entry,
                delegation,
                in_favour,
            } => self.hear_on_motion(*entry, *delegation, *in_favour),
            PutToVote { entry, method } => self.put_to_vote(*entry, *method),
            AppealRuling { entry } => {
                self.status_in(&[MeetingStatus::Open])?;
                self.voting().quiet_during_vote()?;
                let delegation = self.own_delegation()?;
                if self.ctx.kind_of(delegation)? != DelegationKind::Member {
                    return Err(Rejection::NotAMember { delegation });
                }
                s.last_ruling
                    .as_ref()
                    .filter(|r| r.entry == *entry && r.appeal.is_none())
                    .ok_or(Rejection::NothingToAppeal { entry: *entry })?;
                Ok(vec![Event::RulingAppealed {
                    entry: *entry,
                    delegation,
                }])
            }
            Rule {
                entry,
                upheld,
                ruling,
            } => {
                self.status_in(&[MeetingStatus::Open])?;
                if ruling.chars().count() > MAX_RULING_CHARS as usize {
                    return Err(Rejection::InvalidText {
                        field: "ruling".into(),
                        max_chars: MAX_RULING_CHARS,
                    });
                }
                let target = s
                    .awaiting_ruling
                    .iter()
                    .chain(s.interventions.iter())
                    .find(|e| e.id == *entry)
                    .ok_or(Rejection::NothingToRule { entry: *entry })?;
                let mut events = vec![Event::RulingGiven {
                    entry: *entry,
                    kind: target.kind.clone(),
                    upheld: *upheld,
                    ruling: ruling.trim().to_string(),
                }];
                if let EntryKind::Motion { motion, .. } = target.kind {
                    // Reconsideration is the commission's to decide, by two thirds.
                    if motion == MotionKind::Reconsider {
                        return Err(Rejection::DecidedByVote { entry: *entry });
                    }
                    // A motion is settled while nothing else is being decided or heard.
                    self.voting().quiet_during_vote()?;
                    self.floor_free_for_decision()?;
                    if *upheld {
                        events.extend(self.motion_effects(motion, *entry)?);
                    }
                }
                Ok(events)
            }
        }
    }

    fn voting(&self) -> crate::voting::Voting<'_> {
        crate::voting::Voting {
            ctx: self.ctx,
            state: self.state,
            actor: self.actor,
            now: self.now,
        }
    }

    fn channel(&self, channel: &str) -> Result<(), Rejection> {
        if self
            .ctx
            .rules
            .interpretation_channels
            .iter()
            .any(|c| c == channel)
        {
            Ok(())
        } else {
            Err(Rejection::UnknownChannel {
                channel: channel.to_string(),
            })
        }
    }

    fn status_in(&self, allowed: &[MeetingStatus]) -> Result<(), Rejection> {
        if allowed.contains(&self.state.status) {
            Ok(())
        } else {
            Err(Rejection::WrongMeetingStatus {
                status: self.state.status,
                command: self.command.name().to_string(),
            })
        }
    }

    /// `participant` belongs to `delegation` (and so to the session). Checked right after
    /// the role, before the meeting's state: only someone allowed to record attendance
    /// learns who is on the roster.
    fn in_delegation(
        &self,
        participant: ParticipantId,
        delegation: DelegationId,
    ) -> Result<(), Rejection> {
        match self.ctx.participants.get(&participant) {
            Some((_, Some(d))) if *d == delegation => Ok(()),
            _ => Err(Rejection::NotInDelegation {
                participant,
                delegation,
            }),
        }
    }

    /// `participant` is an interpreter of the session; checked, like
    /// [`Self::in_delegation`], right after the role.
    fn an_interpreter(&self, participant: ParticipantId) -> Result<(), Rejection> {
        match self.ctx.participants.get(&participant) {
            Some((Role::Interpreter, _)) => Ok(()),
            _ => Err(Rejection::NotAnInterpreter { participant }),
        }
    }

    fn not_closed(&self) -> Result<(), Rejection> {
        self.status_in(&[
            MeetingStatus::Scheduled,
            MeetingStatus::Open,
            MeetingStatus::Suspended,
        ])
    }

    fn floor_empty(&self) -> Result<(), Rejection> {
        match &self.state.floor {
            Some(f) => Err(Rejection::FloorOccupied { entry: f.entry.id }),
            None => Ok(()),
        }
    }

    fn no_ruling_pending(&self) -> Result<(), Rejection> {
        if let Some(e) = self.state.awaiting_ruling.first() {
            return Err(Rejection::RulingPending { entry: e.id });
        }
        // An appeal is put to the vote at once: the floor waits for it.
        match self.state.appeal_waiting() {
            Some(entry) => Err(Rejection::RulingPending { entry }),
            None => Ok(()),
        }
    }

    /// A motion is decided while the floor is empty or holds a statement or reply (set
    /// aside or running): not while a point of order, a motion or a speech on a motion
    /// is being heard.
    fn floor_free_for_decision(&self) -> Result<(), Rejection> {
        match &self.state.floor {
            Some(f)
                if f.entry.kind.is_intervention()
                    || matches!(f.entry.kind, EntryKind::OnMotion { .. }) =>
            {
                Err(Rejection::FloorOccupied { entry: f.entry.id })
            }
            _ => Ok(()),
        }
    }

    /// What an adopted motion (`entry`) does, as events: the meeting suspended; the meeting
    /// adjourned (the speech on the floor, if any, ended); the debate on the current item
    /// adjourned (a speech on it ended) or closed (the statements waiting not heard); the
    /// proposal reconsidered before the meeting again.
    fn motion_effects(&self, motion: MotionKind, entry: EntryId) -> Result<Vec<Event>, Rejection> {
        let s = self.state;
        let floor_on = |item: Option<AgendaItemId>| {
            s.floor
                .as_ref()
                .is_some_and(|f| item.is_none() || f.entry.item == item)
        };
        Ok(match motion {
            MotionKind::SuspendMeeting => vec![Event::MeetingSuspended],
            MotionKind::AdjournMeeting => {
                // Every speech ends: the one on the floor, then the one it set aside (a
                // point of order on the voting may have interrupted it during the vote).
                let mut events: Vec<Event> = s
                    .floor
                    .iter()
                    .chain(s.interrupted.iter())
                    .map(|f| {
                        let spoken_ms = f.spoken_ms(self.now);
                        Event::SpeechEnded {
                            entry: f.entry.id,
                            spoken_ms,
                            overrun_ms: spoken_ms.saturating_sub(f.limit_ms),
                        }
                    })
                    .collect();
                events.push(Event::MeetingClosed);
                events
            }
            MotionKind::AdjournDebate => {
                let Some(item) = s.current_item else {
                    return Ok(vec![]);
                };
                let mut events = Vec::new();
                if floor_on(Some(item)) {
                    events.push(self.end_speech()?);
                }
                events.push(Event::DebateAdjourned { item });
                events
            }
            MotionKind::CloseDebate => {
                let Some(item) = s.current_item.and_then(|i| s.item(i)) else {
                    return Ok(vec![]);
                };
                let not_heard = item
                    .statements
                    .iter()
                    .filter(|e| !is_explanation_of_vote(e))
                    .map(|e| e.id)
                    .collect();
                vec![Event::DebateClosed {
                    item: item.id,
                    not_heard,
                }]
            }
            MotionKind::Reconsider => s
                .awaiting_ruling
                .iter()
                .chain(s.interventions.iter())
                .find(|e| e.id == entry)
                .and_then(|e| match e.kind {
                    EntryKind::Motion { proposal, .. } => proposal,
                    _ => None,
                })
                .map(|proposal| Event::ProposalReopened { proposal })
                .into_iter()
                .collect(),
            MotionKind::Division => s
                .awaiting_ruling
                .iter()
                .chain(s.interventions.iter())
                .find(|e| e.id == entry)
                .and_then(|e| match &e.kind {
                    EntryKind::Motion {
                        proposal: Some(proposal),
                        parts,
                        ..
                    } => self.voting().divided(*proposal, parts),
                    _ => None,
                })
                .into_iter()
                .collect(),
        })
    }

    fn hear_on_motion(
        &self,
        entry: EntryId,
        delegation: DelegationId,
        in_favour: bool,
    ) -> Result<Vec<Event>, Rejection> {
        let s = self.state;
        self.status_in(&[MeetingStatus::Open])?;
        self.voting().quiet_during_vote()?;
        self.ctx.kind_of(delegation)?;
        let motion = s
            .awaiting_ruling
            .iter()
            .find_map(|e| match e.kind {
                EntryKind::Motion { motion, .. } if e.id == entry => Some(motion),
                _ => None,
            })
            .ok_or(Rejection::NothingToRule { entry })?;
        if let Some(p) = s
            .interventions
            .iter()
            .find(|e| e.kind == EntryKind::PointOfOrder)
        {
            return Err(Rejection::InterventionPending { entry: p.id });
        }
        let rules = &self.ctx.rules;
        let max = match motion {
            MotionKind::AdjournDebate => rules.adjourn_debate_speakers,
            MotionKind::CloseDebate if !in_favour => rules.closure_speakers_against,
            MotionKind::Reconsider if !in_favour => rules.reconsideration_speakers_against,
            MotionKind::Division => rules.division_speakers,
            _ => 0,
        };
        let side = EntryKind::OnMotion {
            motion: entry,
            in_favour,
        };
        let heard = s.motion_speakers.iter().filter(|e| e.kind == side).count() as u32;
        if heard >= max {
            return Err(Rejection::NoMoreSpeakersOnMotion {
                entry,
                in_favour,
                max,
            });
        }
        self.floor_free_for_decision()?;
        let interrupts = match &s.floor {
            None => None,
            Some(f) if f.paused_at.is_some() => Some(f.entry.id),
            Some(f) => return Err(Rejection::FloorOccupied { entry: f.entry.id }),
        };
        let speaker = Entry {
            id: s.next_entry,
            delegation,
            kind: side,
            item: None,
            requested_by: None,
            inscribed_at: self.now,
            rank: None,
        };
        Ok(vec![self.floor_given(&speaker, interrupts)])
    }

    fn put_to_vote(&self, entry: EntryId, method: VoteMethod) -> Result<Vec<Event>, Rejection> {
        let s = self.state;
        self.status_in(&[MeetingStatus::Open])?;
        self.voting().quiet_during_vote()?;
        let mut majority = Majority::PresentAndVoting;
        let subject = if s.appeal_waiting() == Some(entry) {
            VoteSubject::Appeal { entry }
        } else {
            let waiting = || s.awaiting_ruling.iter().chain(s.interventions.iter());
            let (rank, motion) = waiting()
                .find_map(|e| match e.kind {
                    EntryKind::Motion { motion, .. } if e.id == entry => {
                        Some((e.kind.precedence(), motion))
                    }
                    _ => None,
                })
                .ok_or(Rejection::NothingToRule { entry })?;
            // Points of order, and motions of higher precedence, are decided first.
            if let Some(first) = waiting().find(|e| e.id != entry && e.kind.precedence() < rank) {
                return Err(Rejection::InterventionPending { entry: first.id });
            }
            // A proposal decided is reconsidered only by two thirds of those present and voting.
            if motion == MotionKind::Reconsider {
                majority = Majority::TwoThirdsPresentAndVoting;
            }
            VoteSubject::Motion { entry, motion }
        };
        self.floor_free_for_decision()?;
        if let Some(f) = s.floor.as_ref().filter(|f| f.paused_at.is_none()) {
            return Err(Rejection::FloorOccupied { entry: f.entry.id });
        }
        self.voting().open_on(subject, method, majority)
    }

    /// A participant leaves: refused unless checked in.
    fn departure(&self, participant: ParticipantId) -> Result<Vec<Event>, Rejection> {
        let present = self
            .state
            .attendance
            .iter()
            .find(|a| a.participant == participant)
            .ok_or(Rejection::NotCheckedIn { participant })?;
        Ok(vec![Event::AttendanceEnded {
            participant,
            delegation: present.delegation,
        }])
    }

    fn own_delegation(&self) -> Result<DelegationId, Rejection> {
        self.actor.delegation.ok_or(Rejection::NoDelegation)
    }

    fn item(&self, id: AgendaItemId) -> Result<&AgendaItem, Rejection> {
        self.state
            .item(id)
            .ok_or(Rejection::UnknownAgendaItem { item: id })
    }

    fn item_or_current(&self, item: Option<AgendaItemId>) -> Result<AgendaItemId, Rejection> {
        item.or(self.state.current_item)
            .ok_or(Rejection::NoCurrentItem)
    }

    fn new_entry(
        &self,
        delegation: DelegationId,
        kind: EntryKind,
        item: Option<AgendaItemId>,
    ) -> Entry {
        Entry {
            id: self.state.next_entry,
            delegation,
            kind,
            item,
            requested_by: if self.actor.delegation == Some(delegation) {
                self.actor.participant
            } else {
                None
            },
            inscribed_at: self.now,
            rank: None,
        }
    }

    fn inscribe(
        &self,
        delegation: DelegationId,
        item: Option<AgendaItemId>,
        capacity: &Capacity,
        allow_additional: bool,
    ) -> Result<Vec<Event>, Rejection> {
        let item = self.item(self.item_or_current(item)?)?;
        let explains = matches!(capacity, Capacity::ExplanationOfVote { .. });
        // An explanation of vote is not a statement in the debate: a closed list does not
        // refuse it.
        if item.list_status == ListStatus::Closed && !explains {
            return Err(Rejection::ListClosed { item: item.id });
        }
        let capacity = match capacity {
            Capacity::National => Capacity::National,
            Capacity::OnBehalfOfGroup { group } => Capacity::OnBehalfOfGroup {
                group: text("group", group, MAX_GROUP_CHARS)?,
            },
            Capacity::ExplanationOfVote { proposal } => {
                self.voting().may_explain(*proposal, delegation)?;
                Capacity::ExplanationOfVote {
                    proposal: *proposal,
                }
            }
        };
        // Explanations of vote and statements are counted apart: an explanation does not
        // use up the delegation's waiting statement, only its explanations on the proposal.
        let max = self.ctx.rules.max_waiting_statements;
        let waiting = item
            .statements
            .iter()
            .filter(|e| e.delegation == delegation)
            .filter(|e| match (&e.kind, &capacity) {
                (
                    EntryKind::Statement {
                        capacity: Capacity::ExplanationOfVote { proposal: waiting },
                    },
                    Capacity::ExplanationOfVote { proposal },
                ) => waiting == proposal,
                _ => !is_explanation_of_vote(e) && !explains,
            })
            .count() as u32;
        if waiting >= max && !allow_additional {
            return Err(Rejection::AlreadyInscribed {
                delegation,
                max_waiting: max,
            });
        }
        Ok(vec![Event::SpeakerInscribed {
            entry: self.new_entry(delegation, EntryKind::Statement { capacity }, Some(item.id)),
        }])
    }

    fn raise(&self, kind: EntryKind) -> Result<Vec<Event>, Rejection> {
        self.status_in(&[MeetingStatus::Open])?;
        let delegation = self.own_delegation()?;
        self.ctx.kind_of(delegation)?;
        if let Some(e) = self
            .state
            .interventions
            .iter()
            .find(|e| e.delegation == delegation && e.kind == kind)
        {
            return Err(Rejection::AlreadyRaised { entry: e.id });
        }
        Ok(vec![Event::InterventionRaised {
            entry: self.new_entry(delegation, kind, None),
        }])
    }

    fn list_change(
        &self,
        item: Option<AgendaItemId>,
        from: &[ListStatus],
        event: impl FnOnce(AgendaItemId) -> Event,
    ) -> Result<Vec<Event>, Rejection> {
        self.not_closed()?;
        let item = self.item(self.item_or_current(item)?)?;
        if !from.contains(&item.list_status) {
            return Err(Rejection::ListAlreadyThere { item: item.id });
        }
        Ok(vec![event(item.id)])
    }

    /// The first in line: points of order, then motions by precedence, then the current
    /// item's statements, then (when the rules say so) its rights of reply.
    fn first_in_line(&self) -> Option<&Entry> {
        let s = self.state;
        if let Some(e) = s.interventions.first() {
            return Some(e);
        }
        let item = s.current_item.and_then(|i| s.item(i))?;
        if let Some(e) = item.statements.first() {
            return Some(e);
        }
        if self.ctx.rules.replies_taken == RepliesTaken::EndOfItem {
            return item.replies.first();
        }
        None
    }

    fn floor_given(&self, entry: &Entry, interrupts: Option<EntryId>) -> Event {
        let mut entry = entry.clone();
        // A reply's place (first, second) is what it is when heard, not when asked for:
        // a withdrawn or reordered reply must not cost the delegation its longer limit.
        if let (EntryKind::RightOfReply { ordinal }, Some(item)) = (&mut entry.kind, entry.item) {
            let heard = self
                .state
                .item(item)
                .and_then(|i| i.replies_heard.get(&entry.delegation).copied())
                .unwrap_or(0);
            *ordinal = heard + 1;
        }
        let attendance = entry
            .requested_by
            .and_then(|p| {
                self.state
                    .attendance
                    .iter()
                    .find(|a| a.participant == p)
                    .map(|a| a.mode)
            })
            .or_else(|| self.state.delegation_attendance(entry.delegation));
        Event::FloorGiven {
            limit_ms: self.ctx.limit_ms(self.state, &entry),
            entry,
            attendance,
            interrupts,
        }
    }

    fn end_speech(&self) -> Result<Event, Rejection> {
        let floor = self.state.floor.as_ref().ok_or(Rejection::FloorEmpty)?;
        let spoken_ms = floor.spoken_ms(self.now);
        Ok(Event::SpeechEnded {
            entry: floor.entry.id,
            spoken_ms,
            overrun_ms: spoken_ms.saturating_sub(floor.limit_ms),
        })
    }

    fn next_speaker(&self) -> Result<Vec<Event>, Rejection> {
        let s = self.state;
        self.status_in(&[MeetingStatus::Open])?;
        self.no_ruling_pending()?;
        if let Some(f) = &s.floor {
            // A point of order or motion on the floor is ended and ruled on, not "nexted".
            if f.entry.kind.is_intervention() {
                return Err(Rejection::FloorOccupied { entry: f.entry.id });
            }
        }
        // (A speech set aside implies a point of order or motion on the floor, refused above.)
        let next = self.first_in_line().ok_or(Rejection::NobodyWaiting)?;
        if next.kind != EntryKind::PointOfOrder {
            self.voting().quiet_during_vote()?;
        }
        let mut events = Vec::with_capacity(2);
        if s.floor.is_some() {
            events.push(self.end_speech()?);
        }
        events.push(self.floor_given(next, None));
        Ok(events)
    }

    fn give_floor(&self, id: EntryId) -> Result<Vec<Event>, Rejection> {
        let s = self.state;
        self.status_in(&[MeetingStatus::Open])?;
        self.no_ruling_pending()?;
        let (entry, _) = s
            .find_entry(id)
            .ok_or(Rejection::UnknownEntry { entry: id })?;
        if entry.kind != EntryKind::PointOfOrder {
            self.voting().quiet_during_vote()?;
        }
        // Nothing waiting may have higher precedence than what is given the floor.
        if let Some(first) = s.interventions.first() {
            if first.kind.precedence() < entry.kind.precedence() {
                return Err(Rejection::InterventionPending { entry: first.id });
            }
        }
        let interrupts = match &s.floor {
            None => None,
            Some(f) if entry.kind.is_intervention() && !f.entry.kind.is_intervention() => {
                Some(f.entry.id)
            }
            Some(f) => return Err(Rejection::FloorOccupied { entry: f.entry.id }),
        };
        Ok(vec![self.floor_given(entry, interrupts)])
    }
}

fn is_explanation_of_vote(e: &Entry) -> bool {
    matches!(
        e.kind,
        EntryKind::Statement {
            capacity: Capacity::ExplanationOfVote { .. }
        }
    )
}

/// A trimmed text of 1..=max characters.
fn text(field: &str, value: &str, max: u32) -> Result<String, Rejection> {
    let t = value.trim();
    if t.is_empty() || t.chars().count() > max as usize {
        return Err(Rejection::InvalidText {
            field: field.to_string(),
            max_chars: max,
        });
    }
    Ok(t.to_string())
}

/// Agenda numbers "5 (a)", "5(a)" and "5 (A)" name the same item.
fn same_number(a: &str, b: &str) -> bool {
    let key = |n: &str| -> String {
        n.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    key(a) == key(b)
}
