//! Live meetings: each meeting this node has touched is a live log ([`crate::live`]) of
//! [`MeetingStream`]: its state, folded from the event log, and a broadcast channel that
//! carries each event, already encoded as a WebSocket frame, to every local subscriber in
//! sequence order.
//!
//! A command is decided against the state, appended to the log under optimistic
//! concurrency, folded in, broadcast locally and published on the event bus for other
//! nodes. The hub's lock is held from catch-up to broadcast, so subscribers see events in
//! order and a snapshot taken under the lock is followed by exactly the events after it.

use crate::auth::Identity;
use crate::ballot_box::{BallotBox, Counted};
use crate::bus::EventBus;
use crate::db::{now_ms, AppendError, Directory, EventLog, RequestKey};
use crate::live::{Decided, Decision, Delivery, Hub, LiveLogs, Start, Stream};
use crate::media::Sfu;
use crate::registers::RegisterStream;
use floor_meeting::{execute, MeetingContext};
use floor_protocol::api::Meeting;
use floor_protocol::frames::ServerFrame;
use floor_protocol::media::FloorRoute;
use floor_protocol::vote::VoteMethod;
use floor_protocol::*;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

pub use crate::live::{
    CommandError, DEFAULT_IDLE as DEFAULT_HUB_IDLE, MAX_REQUEST_ID, REPLAY_LIMIT,
};

/// How long a secret ballot's close waits for ballots other nodes have logged but not yet
/// counted: up to this many re-reads of the shared box, this far apart.
const BALLOT_SETTLE_TRIES: usize = 10;
const BALLOT_SETTLE_PAUSE: Duration = Duration::from_millis(150);

/// What an accepted command answers.
#[derive(Debug)]
pub struct Accepted {
    pub events: Vec<EventEnvelope>,
    /// The command's `request_id` was accepted before; `events` are that command's.
    pub resent: bool,
    /// A secret ballot recorded but counted on this node only, for now.
    pub ballot_pending: bool,
}

/// A meeting's log, as a live log: keyed by meeting, opened from the directory's record
/// of the meeting, and announcing each event to the SFU (who is heard follows the floor at
/// once) and to the ballot box (a closed vote's count is dropped) before its followers.
pub struct MeetingStream {
    pub log: EventLog,
    pub directory: Directory,
    pub media: Sfu,
    pub ballots: Arc<BallotBox>,
}

impl Stream for MeetingStream {
    type Key = MeetingId;
    type Event = EventEnvelope;
    type State = MeetingState;
    type Meta = Meeting;
    const KIND: &'static str = "meeting";

    async fn open(&self, id: MeetingId) -> anyhow::Result<Option<(Meeting, MeetingState)>> {
        Ok(self
            .directory
            .meeting(id)
            .await?
            .map(|m| (m, MeetingState::new(id))))
    }

    async fn since(
        &self,
        id: MeetingId,
        after: u64,
        limit: Option<u64>,
    ) -> anyhow::Result<Vec<EventEnvelope>> {
        self.log.since(id, after, limit).await
    }

    async fn append(
        &self,
        events: &[EventEnvelope],
        request: Option<&RequestKey>,
    ) -> Result<(), AppendError> {
        self.log.append_for(events, request).await
    }

    fn key(e: &EventEnvelope) -> MeetingId {
        e.meeting_id
    }

    fn seq(e: &EventEnvelope) -> u64 {
        e.seq
    }

    fn head(state: &MeetingState) -> u64 {
        state.seq
    }

    fn apply(state: &mut MeetingState, e: &EventEnvelope) {
        state.apply(e);
    }

    fn announce(
        &self,
        meeting: &Meeting,
        state: &MeetingState,
        e: &EventEnvelope,
    ) -> anyhow::Result<Delivery> {
        if let Event::VoteClosed { vote, .. } = &e.event {
            self.ballots.forget(meeting.id, *vote);
        }
        self.media.route(meeting.id, FloorRoute::of(state));
        let frame: Arc<str> =
            serde_json::to_string(&ServerFrame::Event(e.for_participants()))?.into();
        let own = match &e.event {
            Event::VoteCast {
                delegation,
                choice: Some(_),
                sealed: true,
                ..
            } => Some((
                *delegation,
                serde_json::to_string(&ServerFrame::Event(e.for_delegation(Some(*delegation))))?
                    .into(),
            )),
            _ => None,
        };
        Ok(Delivery {
            seq: e.seq,
            frame,
            audience: None,
            broadcast_at: Instant::now(),
            own,
        })
    }
}

/// A meeting this node holds.
pub type MeetingHub = Hub<MeetingStream>;

/// What a new subscriber gets before the live events.
pub enum Initial {
    Snapshot(Box<MeetingState>),
    /// The events after the client's `since`, up to the moment it subscribed.
    Replay(Vec<EventEnvelope>),
}

pub struct Subscription {
    pub initial: Initial,
    pub live: broadcast::Receiver<Delivery>,
}

/// Every meeting and document register this node serves.
pub struct Meetings {
    pub meetings: LiveLogs<MeetingStream>,
    /// The sessions' document registers.
    pub registers: LiveLogs<RegisterStream>,
    pub directory: Directory,
    pub bus: EventBus,
    pub ballots: Arc<BallotBox>,
    pub media: Sfu,
    /// A log with no subscriber unused this long is dropped (rebuilt from the log on use).
    idle_after: Duration,
}

impl Meetings {
    pub fn new(log: EventLog, directory: Directory, bus: EventBus, media: Sfu) -> Self {
        let ballots = Arc::new(bus.ballot_box());
        Meetings {
            registers: LiveLogs::new(RegisterStream {
                log: crate::db::DocumentLog::new(directory.connection().clone()),
            }),
            meetings: LiveLogs::new(MeetingStream {
                log,
                directory: directory.clone(),
                media: media.clone(),
                ballots: ballots.clone(),
            }),
            media,
            directory,
            ballots,
            bus,
            idle_after: DEFAULT_HUB_IDLE,
        }
    }

    /// The meetings' event log.
    pub fn log(&self) -> &EventLog {
        &self.meetings.stream.log
    }

    /// Drop hubs (and document registers) nobody follows after `idle` without use.
    pub fn evicting_idle_after(mut self, idle: Duration) -> Self {
        self.idle_after = idle;
        self
    }

    /// Drop from memory every meeting and document register that has no subscriber and
    /// has not been used for the idle time (see [`LiveLogs::evict_idle`]). Returns how
    /// many went.
    pub fn evict_idle(&self) -> usize {
        self.meetings.evict_idle(self.idle_after) + self.registers.evict_idle(self.idle_after)
    }

    /// Evict idle hubs every so often, for as long as the node runs.
    pub async fn evict_idle_forever(self: Arc<Self>) {
        let period =
            (self.idle_after / 4).clamp(Duration::from_millis(250), Duration::from_secs(60));
        let mut tick = tokio::time::interval(period);
        loop {
            tick.tick().await;
            let n = self.evict_idle();
            if n > 0 {
                tracing::debug!(
                    evicted = n,
                    "dropped idle meetings and registers from memory"
                );
            }
        }
    }

    /// How many meetings and document registers this node holds in memory.
    pub fn in_memory(&self) -> (usize, usize) {
        (self.meetings.in_memory(), self.registers.in_memory())
    }

    /// The hub of `id`, loading the meeting and replaying its log on first use.
    pub async fn hub(&self, id: MeetingId) -> Result<Arc<MeetingHub>, CommandError> {
        self.meetings
            .hub(id)
            .await?
            .ok_or(CommandError::UnknownMeeting)
    }

    /// The hub of `id` if the identity may see it.
    pub async fn hub_for(
        &self,
        id: MeetingId,
        who: &Identity,
    ) -> Result<Arc<MeetingHub>, CommandError> {
        let hub = self.hub(id).await?;
        if !who.scope.covers(hub.meta.session_id, id) {
            return Err(CommandError::WrongScope);
        }
        Ok(hub)
    }

    /// Whether the identity's token covers `session` (a meeting-scoped token covers its
    /// meeting's session, for the documents of that session).
    pub async fn covers_session(
        &self,
        who: &Identity,
        session: SessionId,
    ) -> Result<bool, CommandError> {
        Ok(match who.scope {
            Scope::All => true,
            Scope::Session(s) => s == session,
            Scope::Meeting(m) => self.hub(m).await?.meta.session_id == session,
        })
    }

    /// The identity as a reader of documents.
    pub async fn reader(&self, who: &Identity) -> anyhow::Result<floor_protocol::document::Reader> {
        let delegation_kind = match who.delegation {
            Some(d) => self.directory.delegation(d).await?.map(|d| d.kind),
            None => None,
        };
        Ok(floor_protocol::document::Reader {
            role: who.role,
            delegation: who.delegation,
            delegation_kind,
        })
    }

    /// The meeting's current state.
    pub async fn current(
        &self,
        id: MeetingId,
        who: &Identity,
    ) -> Result<(Meeting, MeetingState), CommandError> {
        let hub = self.hub_for(id, who).await?;
        let mut meeting = hub.meta.clone();
        let state = self
            .meetings
            .read(&hub, |state| {
                meeting.status = state.status;
                state.for_delegation(who.delegation)
            })
            .await?;
        Ok((meeting, state))
    }

    /// The meeting's log after `since`, as a participant of `delegation` may see it (a
    /// sealed vote's choice only for the delegation that cast it).
    pub async fn events(
        &self,
        id: MeetingId,
        since: u64,
        limit: Option<u64>,
        delegation: Option<DelegationId>,
    ) -> anyhow::Result<Vec<EventEnvelope>> {
        Ok(self
            .log()
            .since(id, since, limit)
            .await?
            .iter()
            .map(|e| e.for_delegation(delegation))
            .collect())
    }

    /// The session's rules and roster, as the rules engine needs them.
    pub async fn context(&self, session: SessionId) -> anyhow::Result<MeetingContext> {
        let rules = self
            .directory
            .session(session)
            .await?
            .map(|s| s.rules)
            .unwrap_or_default();
        let roster = self.directory.delegations(session).await?;
        Ok(MeetingContext {
            rules,
            delegations: roster.iter().map(|d| (d.id, d.kind)).collect(),
            // Filled in for a command that names participants (`participants_named`).
            participants: Default::default(),
            un_order: crate::un_order::in_un_order(&roster),
            entropy: rand::random(),
            ballot_tally: None,
            previous: None,
        })
    }

    /// The state of `meeting`, caught up with the log, when it is another meeting of the
    /// session of `hub` (for `continue_from`); `None` otherwise, which the engine refuses.
    async fn earlier_meeting(
        &self,
        meeting: MeetingId,
        hub: &MeetingHub,
    ) -> Result<Option<Box<MeetingState>>, CommandError> {
        if meeting == hub.meta.id {
            return Ok(None);
        }
        let earlier = match self.hub(meeting).await {
            Ok(h) if h.meta.session_id == hub.meta.session_id => h,
            Ok(_) | Err(CommandError::UnknownMeeting) => return Ok(None),
            Err(e) => return Err(e),
        };
        Ok(Some(Box::new(
            self.meetings.read(&earlier, MeetingState::clone).await?,
        )))
    }

    /// The participants of `session` that `command` names, with their role and delegation,
    /// for the engine's roster checks. Read for each command, like the delegations in
    /// [`Self::context`]: one lookup by id for the few commands that name someone (none for
    /// the others), so a session of thousands costs nothing more, and a participant added a
    /// moment ago counts at once.
    async fn participants_named(
        &self,
        session: SessionId,
        command: &Command,
    ) -> anyhow::Result<std::collections::BTreeMap<ParticipantId, (Role, Option<DelegationId>)>>
    {
        let mut known = std::collections::BTreeMap::new();
        for id in floor_meeting::participants_named(command) {
            if let Some(p) = self.directory.participant(id).await? {
                if p.session_id == session {
                    known.insert(p.id, (p.role, p.delegation_id));
                }
            }
        }
        Ok(known)
    }

    /// Decide a command and, if accepted, make it durable and tell everyone.
    pub async fn execute(
        &self,
        id: MeetingId,
        who: &Identity,
        command: &Command,
    ) -> Result<Vec<EventEnvelope>, CommandError> {
        Ok(self.execute_request(id, who, command, None).await?.events)
    }

    /// [`Self::execute`] under an idempotency key: the first command accepted under
    /// `request_id` (per sender and meeting) is recorded with its events, in the same
    /// transaction; the same command sent again, through any node, before or after a
    /// restart, is answered with those events and changes nothing. A different command
    /// under a used key is refused. Refused commands are not recorded (they changed
    /// nothing, so a resend is decided again).
    pub async fn execute_request(
        &self,
        id: MeetingId,
        who: &Identity,
        command: &Command,
        request_id: Option<&str>,
    ) -> Result<Accepted, CommandError> {
        let started = Instant::now();
        let answer = self.decide_request(id, who, command, request_id).await;
        crate::metrics::command_decided(command, started, &answer);
        answer
    }

    async fn decide_request(
        &self,
        id: MeetingId,
        who: &Identity,
        command: &Command,
        request_id: Option<&str>,
    ) -> Result<Accepted, CommandError> {
        let key = match request_id.filter(|r| !r.is_empty()) {
            // A key is stored beside the events: PostgreSQL's text refuses NUL, and no
            // control character belongs in one.
            Some(r) if r.chars().count() > MAX_REQUEST_ID || r.chars().any(char::is_control) => {
                return Err(CommandError::InvalidRequestId)
            }
            Some(r) => requester(who).map(|requester| RequestKey {
                requester,
                request_id: r.to_string(),
                fingerprint: fingerprint(command),
            }),
            None => None,
        };
        let hub = self.hub_for(id, who).await?;
        // A command the role may not give is refused before anything is read (the engine
        // checks the role first too, before the roster it is given below).
        if !floor_meeting::authority::permits(who.role, command) {
            return Err(CommandError::Rejected(Rejection::NotPermitted {
                role: who.role,
                command: command.name().to_string(),
            }));
        }
        let mut ctx = self.context(hub.meta.session_id).await?;
        if let Command::ContinueFrom { meeting } = command {
            ctx.previous = self.earlier_meeting(*meeting, &hub).await?;
        }
        ctx.participants = self
            .participants_named(hub.meta.session_id, command)
            .await?;
        let actor = who.actor();
        let decided = self
            .meetings
            .decide(&hub, async |state: &MeetingState| {
                if let Some(key) = &key {
                    if let Some(answer) = self.answered(id, key).await? {
                        return Ok(Decision::Answer(answer));
                    }
                }
                if let Command::CloseVote { vote, .. } = command {
                    if let Some(v) = state.vote(*vote) {
                        if v.method == VoteMethod::SecretBallot {
                            ctx.ballot_tally =
                                Some(self.settled_tally(id, *vote, v.voted.len()).await?);
                        }
                    }
                }
                let mut next = state.clone();
                let events = execute(&ctx, &mut next, &actor, command, Millis(now_ms()))
                    .map_err(CommandError::Rejected)?;
                Ok(Decision::Append {
                    events,
                    next,
                    request: key.clone(),
                })
            })
            .await?;
        let events = match decided {
            Decided::Answered(answer) => return Ok(answer),
            Decided::Appended(events) => events,
        };
        let counted = self.ballot_box(id, command, &events).await;
        if let Err(e) = self.bus.publish(&events).await {
            // The events are durable; other nodes catch up from the log on their next
            // command or subscription, so this is not fatal.
            tracing::warn!(meeting = %id, error = %e, "publishing on the event bus failed");
        }
        Ok(Accepted {
            events,
            resent: false,
            ballot_pending: counted == Counted::Pending,
        })
    }

    /// A secret ballot's count for its close. A ballot cast on another node is in the log
    /// a moment before its count reaches Redis: give the last ones that moment rather than
    /// declare the vote void. (A ballot still missing after it was lost with its node, and
    /// the vote is void, as ballot_box.rs says.)
    async fn settled_tally(
        &self,
        id: MeetingId,
        vote: VoteId,
        voters: usize,
    ) -> anyhow::Result<floor_protocol::vote::Tally> {
        let mut tally = self.ballots.count(id, vote).await?;
        for _ in 0..BALLOT_SETTLE_TRIES {
            if tally.ballots() >= voters as u32 {
                break;
            }
            tokio::time::sleep(BALLOT_SETTLE_PAUSE).await;
            tally = self.ballots.count(id, vote).await?;
        }
        Ok(tally)
    }

    /// The answer already given under `key`, if a command was accepted under it.
    async fn answered(
        &self,
        id: MeetingId,
        key: &RequestKey,
    ) -> Result<Option<Accepted>, CommandError> {
        let Some((fingerprint, first, last)) = self
            .log()
            .request(id, &key.requester, &key.request_id)
            .await?
        else {
            return Ok(None);
        };
        if fingerprint != key.fingerprint {
            return Err(CommandError::RequestIdReused);
        }
        let events = self
            .log()
            .since(id, first - 1, Some(last + 1 - first))
            .await?;
        Ok(Some(Accepted {
            events,
            resent: true,
            ballot_pending: false,
        }))
    }

    /// Count a secret ballot apart from its voter, and empty the box once the result is
    /// in the log. The ballot is in the log already, so this cannot fail: a ballot the
    /// shared box cannot take now is kept on this node and written when it can
    /// ([`Counted::Pending`]); see `ballot_box.rs`.
    async fn ballot_box(
        &self,
        id: MeetingId,
        command: &Command,
        events: &[EventEnvelope],
    ) -> Counted {
        let mut counted = Counted::Now;
        for e in events {
            match (&e.event, command) {
                (
                    Event::VoteCast {
                        vote,
                        choice: None,
                        sealed: false,
                        ..
                    },
                    Command::CastVote { choice, .. },
                ) => {
                    counted = self.ballots.add(id, *vote, *choice).await;
                }
                (Event::VoteClosed { vote, .. }, _) => {
                    if let Err(e) = self.ballots.discard(id, *vote).await {
                        tracing::warn!(meeting = %id, vote = %vote, error = %e, "emptying a ballot box");
                    }
                }
                _ => {}
            }
        }
        counted
    }

    /// Follow a meeting from `since` (or from a snapshot).
    pub async fn subscribe(
        &self,
        id: MeetingId,
        who: &Identity,
        since: Option<u64>,
    ) -> Result<Subscription, CommandError> {
        let hub = self.hub_for(id, who).await?;
        let (start, live) = self
            .meetings
            .follow(
                &hub,
                since,
                |state| Box::new(state.for_delegation(who.delegation)),
                |_| (),
            )
            .await?;
        let initial = match start {
            Start::Snapshot(state) => Initial::Snapshot(state),
            Start::Replay(missed, ()) => Initial::Replay(
                missed
                    .iter()
                    .map(|e| e.for_delegation(who.delegation))
                    .collect(),
            ),
        };
        Ok(Subscription { initial, live })
    }
}

impl crate::bus::Followers for Meetings {
    async fn remote(&self, events: Vec<EventEnvelope>, documents: Vec<document::DocumentEnvelope>) {
        self.meetings.on_remote(events).await;
        self.registers.on_remote(documents).await;
    }

    async fn catch_up(&self) {
        self.meetings.catch_up_all().await;
        self.registers.catch_up_all().await;
    }
}

/// Who sent a command, for its idempotency key (`None`: nobody to key it to).
fn requester(who: &Identity) -> Option<String> {
    match (who.participant, who.account) {
        (Some(p), _) => Some(format!("participant:{p}")),
        (None, Some(a)) => Some(format!("account:{a}")),
        (None, None) => None,
    }
}

/// What a command is, to tell a resend from a different command under the same key:
/// SHA-256 of its JSON. A ballot's choice is left out, so that nothing stored beside the
/// voter's key says how they voted (a resend with another choice is still a resend: one
/// member, one ballot).
fn fingerprint(command: &Command) -> String {
    use sha2::{Digest, Sha256};
    let mut value = serde_json::to_value(command).unwrap_or_default();
    if let (Command::CastVote { .. }, Some(fields)) = (command, value.as_object_mut()) {
        fields.remove("choice");
    }
    hex::encode(Sha256::digest(value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use floor_protocol::vote::Choice;

    #[test]
    fn a_ballots_fingerprint_says_nothing_of_its_choice_but_tells_commands_apart() {
        let ballot = |choice| Command::CastVote {
            vote: VoteId(3),
            choice,
        };
        assert_eq!(
            fingerprint(&ballot(Choice::Yes)),
            fingerprint(&ballot(Choice::No))
        );
        assert_ne!(
            fingerprint(&ballot(Choice::Yes)),
            fingerprint(&Command::CastVote {
                vote: VoteId(4),
                choice: Choice::Yes
            })
        );
        assert_ne!(
            fingerprint(&Command::NextSpeaker),
            fingerprint(&Command::SuspendMeeting)
        );
    }
}
