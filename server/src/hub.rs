//! Live meetings. Each meeting this node has touched gets a [`MeetingHub`]: its state,
//! folded from the event log, and a broadcast channel that carries each event, already
//! encoded as a WebSocket frame, to every local subscriber in sequence order.
//!
//! A command is decided against the state, appended to the log under optimistic
//! concurrency, folded in, broadcast locally and published on the event bus for other
//! nodes. The hub's lock is held from catch-up to broadcast, so subscribers see events in
//! order and a snapshot taken under the lock is followed by exactly the events after it.

use crate::auth::Identity;
use crate::ballot_box::{BallotBox, Counted};
use crate::bus::EventBus;
use crate::db::{now_ms, AppendError, Directory, EventLog, RequestKey};
use crate::media::Sfu;
use floor_meeting::{execute, MeetingContext};
use floor_protocol::api::Meeting;
use floor_protocol::frames::ServerFrame;
use floor_protocol::media::FloorRoute;
use floor_protocol::vote::VoteMethod;
use floor_protocol::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

/// Events a subscriber may fall behind before it is disconnected as too slow.
pub const SUBSCRIBER_BUFFER: usize = 4096;
/// A reconnecting client is sent at most this many missed events; beyond, a snapshot.
pub const REPLAY_LIMIT: u64 = 2000;
/// Attempts at appending when other writers keep winning the race.
const APPEND_ATTEMPTS: usize = 32;
/// How long a secret ballot's close waits for ballots other nodes have logged but not yet
/// counted: up to this many re-reads of the shared box, this far apart.
const BALLOT_SETTLE_TRIES: usize = 10;
const BALLOT_SETTLE_PAUSE: Duration = Duration::from_millis(150);
/// The longest `request_id` kept as an idempotency key.
pub const MAX_REQUEST_ID: usize = 128;

/// What an accepted command answers.
#[derive(Debug)]
pub struct Accepted {
    pub events: Vec<EventEnvelope>,
    /// The command's `request_id` was accepted before; `events` are that command's.
    pub resent: bool,
    /// A secret ballot recorded but counted on this node only, for now.
    pub ballot_pending: bool,
}
/// How long a meeting (or a register) nobody follows stays in memory after its last use,
/// unless the operator sets `FLOOR_HUB_IDLE_SECS`.
pub const DEFAULT_HUB_IDLE: Duration = Duration::from_secs(600);

/// One event on its way to subscribers.
#[derive(Clone, Debug)]
pub struct Delivery {
    pub seq: u64,
    /// The `event` frame, encoded once for all subscribers.
    pub frame: Arc<str>,
    /// Who may receive it; `None` for everyone following (meeting events).
    pub audience: Option<floor_protocol::document::Distribution>,
    /// When it was broadcast, for the fan-out lag (`metrics.rs`).
    pub broadcast_at: Instant,
    /// A sealed vote as its own delegation may see it, with the choice: sent instead of
    /// `frame` to that delegation's connections (`Event::for_delegation`).
    pub own: Option<(DelegationId, Arc<str>)>,
}

pub struct MeetingHub {
    pub meeting: Meeting,
    /// Told of every change, so that who is heard follows the floor at once.
    media: Sfu,
    /// Told when a vote closes, so that this node drops its count of it.
    ballots: Arc<BallotBox>,
    state: tokio::sync::Mutex<MeetingState>,
    tx: broadcast::Sender<Delivery>,
    /// When this node last used the hub; with no subscriber, it is dropped once idle.
    last_used: Mutex<Instant>,
}

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

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error("{0}")]
    Rejected(Rejection),
    #[error("no such meeting")]
    UnknownMeeting,
    #[error("the token does not cover this meeting")]
    WrongScope,
    #[error("the request_id was already used for a different command")]
    RequestIdReused,
    #[error("a request_id has at most {MAX_REQUEST_ID} characters and no control character")]
    InvalidRequestId,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Every meeting this node serves.
pub struct Meetings {
    pub log: EventLog,
    pub directory: Directory,
    pub bus: EventBus,
    pub ballots: Arc<BallotBox>,
    /// The sessions' document registers.
    pub registers: crate::registers::Registers,
    pub media: Sfu,
    hubs: Mutex<HashMap<MeetingId, Arc<MeetingHub>>>,
    /// A hub with no subscriber unused this long is dropped (rebuilt from the log on use).
    idle_after: Duration,
}

impl Meetings {
    pub fn new(log: EventLog, directory: Directory, bus: EventBus, media: Sfu) -> Self {
        let registers = crate::registers::Registers::new(crate::db::DocumentLog::new(
            directory.connection().clone(),
        ));
        Meetings {
            registers,
            media,
            log,
            directory,
            ballots: Arc::new(bus.ballot_box()),
            bus,
            hubs: Mutex::new(HashMap::new()),
            idle_after: DEFAULT_HUB_IDLE,
        }
    }

    /// Drop hubs (and document registers) nobody follows after `idle` without use.
    pub fn evicting_idle_after(mut self, idle: Duration) -> Self {
        self.idle_after = idle;
        self
    }

    /// Drop from memory every meeting hub and document register that has no subscriber
    /// and has not been used for the idle time. Nothing is lost: the log is the truth, and
    /// the next use replays it. A hub someone holds right now (a command or a
    /// subscription under way) or follows (a live receiver) stays. Returns how many went.
    pub fn evict_idle(&self) -> usize {
        let now = Instant::now();
        let mut hubs = self.hubs.lock().expect("hub map");
        let before = hubs.len();
        // Under the map lock nobody can take a new reference, so a count of one means
        // nobody but the map has it.
        hubs.retain(|_, h| {
            Arc::strong_count(h) > 1
                || h.tx.receiver_count() > 0
                || now.duration_since(*h.last_used.lock().expect("hub use")) < self.idle_after
        });
        let evicted = before - hubs.len();
        drop(hubs);
        evicted + self.registers.evict_idle(self.idle_after)
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
        (
            self.hubs.lock().expect("hub map").len(),
            self.registers.in_memory(),
        )
    }

    /// The hub of `id`, loading the meeting and replaying its log on first use.
    pub async fn hub(&self, id: MeetingId) -> Result<Arc<MeetingHub>, CommandError> {
        if let Some(h) = self.hubs.lock().expect("hub map").get(&id) {
            *h.last_used.lock().expect("hub use") = Instant::now();
            return Ok(h.clone());
        }
        let meeting = self
            .directory
            .meeting(id)
            .await?
            .ok_or(CommandError::UnknownMeeting)?;
        let log = self.log.since(id, 0, None).await?;
        let state = MeetingState::replay(id, &log);
        let (tx, _) = broadcast::channel(SUBSCRIBER_BUFFER);
        let hub = Arc::new(MeetingHub {
            meeting,
            media: self.media.clone(),
            ballots: self.ballots.clone(),
            state: tokio::sync::Mutex::new(state),
            tx,
            last_used: Mutex::new(Instant::now()),
        });
        // Another task may have loaded it meanwhile; the first one stays.
        Ok(self
            .hubs
            .lock()
            .expect("hub map")
            .entry(id)
            .or_insert(hub)
            .clone())
    }

    /// The hub of `id` if the identity may see it.
    pub async fn hub_for(
        &self,
        id: MeetingId,
        who: &Identity,
    ) -> Result<Arc<MeetingHub>, CommandError> {
        let hub = self.hub(id).await?;
        if !who.scope.covers(hub.meeting.session_id, id) {
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
            Scope::Meeting(m) => self.hub(m).await?.meeting.session_id == session,
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

    /// Fold in whatever other nodes appended since this node last looked.
    async fn catch_up(&self, hub: &MeetingHub, state: &mut MeetingState) -> anyhow::Result<()> {
        for e in self.log.since(hub.meeting.id, state.seq, None).await? {
            deliver(hub, state, &e)?;
        }
        Ok(())
    }

    /// The meeting's current state.
    pub async fn current(
        &self,
        id: MeetingId,
        who: &Identity,
    ) -> Result<(Meeting, MeetingState), CommandError> {
        let hub = self.hub_for(id, who).await?;
        let mut state = hub.state.lock().await;
        self.catch_up(&hub, &mut state).await?;
        let mut meeting = hub.meeting.clone();
        meeting.status = state.status;
        Ok((meeting, state.for_delegation(who.delegation)))
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
            .log
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
        if meeting == hub.meeting.id {
            return Ok(None);
        }
        let earlier = match self.hub(meeting).await {
            Ok(h) if h.meeting.session_id == hub.meeting.session_id => h,
            Ok(_) | Err(CommandError::UnknownMeeting) => return Ok(None),
            Err(e) => return Err(e),
        };
        let mut state = earlier.state.lock().await;
        self.catch_up(&earlier, &mut state).await?;
        Ok(Some(Box::new(state.clone())))
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
        let mut ctx = self.context(hub.meeting.session_id).await?;
        if let Command::ContinueFrom { meeting } = command {
            ctx.previous = self.earlier_meeting(*meeting, &hub).await?;
        }
        ctx.participants = self
            .participants_named(hub.meeting.session_id, command)
            .await?;
        let actor = who.actor();
        let mut state = hub.state.lock().await;
        for _ in 0..APPEND_ATTEMPTS {
            self.catch_up(&hub, &mut state).await?;
            if let Some(key) = &key {
                if let Some(answer) = self.answered(id, key).await? {
                    return Ok(answer);
                }
            }
            let secret =
                |v: &VoteId| state.vote(*v).map(|v| v.method) == Some(VoteMethod::SecretBallot);
            if let Command::CloseVote { vote, .. } = command {
                if secret(vote) {
                    let voters = state.vote(*vote).map_or(0, |v| v.voted.len() as u32);
                    let mut tally = self.ballots.count(id, *vote).await?;
                    // A ballot cast on another node is in the log a moment before its count
                    // reaches Redis: give the last ones that moment rather than declare
                    // the vote void. (A ballot still missing after it was lost with its
                    // node, and the vote is void, as ballot_box.rs says.)
                    for _ in 0..BALLOT_SETTLE_TRIES {
                        if tally.ballots() >= voters {
                            break;
                        }
                        tokio::time::sleep(BALLOT_SETTLE_PAUSE).await;
                        tally = self.ballots.count(id, *vote).await?;
                    }
                    ctx.ballot_tally = Some(tally);
                }
            }
            let mut next = state.clone();
            let events = execute(&ctx, &mut next, &actor, command, Millis(now_ms()))
                .map_err(CommandError::Rejected)?;
            match self.log.append_for(&events, key.as_ref()).await {
                Ok(()) => {
                    crate::metrics::events_appended("meeting", events.len());
                    for e in &events {
                        deliver(&hub, &mut state, e)?;
                    }
                    debug_assert_eq!(*state, next);
                    drop(state);
                    let counted = self.ballot_box(id, command, &events).await;
                    if let Err(e) = self.bus.publish(&events).await {
                        // The events are durable; other nodes catch up from the log on
                        // their next command or subscription, so this is not fatal.
                        tracing::warn!(meeting = %id, error = %e, "publishing on the event bus failed");
                    }
                    return Ok(Accepted {
                        events,
                        resent: false,
                        ballot_pending: counted == Counted::Pending,
                    });
                }
                Err(AppendError::Conflict) => continue,
                Err(e) => return Err(CommandError::Internal(e.into())),
            }
        }
        Err(CommandError::Internal(anyhow::anyhow!(
            "could not append to meeting {id} after {APPEND_ATTEMPTS} attempts"
        )))
    }

    /// The answer already given under `key`, if a command was accepted under it.
    async fn answered(
        &self,
        id: MeetingId,
        key: &RequestKey,
    ) -> Result<Option<Accepted>, CommandError> {
        let Some((fingerprint, first, last)) = self
            .log
            .request(id, &key.requester, &key.request_id)
            .await?
        else {
            return Ok(None);
        };
        if fingerprint != key.fingerprint {
            return Err(CommandError::RequestIdReused);
        }
        let events = self
            .log
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

    /// Events another node published. Folded in directly when they follow on; otherwise
    /// the gap is read from the log.
    pub async fn on_remote(&self, events: Vec<EventEnvelope>) {
        let Some(first) = events.first() else { return };
        let Some(hub) = self
            .hubs
            .lock()
            .expect("hub map")
            .get(&first.meeting_id)
            .cloned()
        else {
            return; // Nobody here follows that meeting; it is loaded from the log when needed.
        };
        let mut state = hub.state.lock().await;
        let result: anyhow::Result<()> = async {
            for e in &events {
                if e.seq <= state.seq {
                    continue;
                }
                if e.seq != state.seq + 1 {
                    self.catch_up(&hub, &mut state).await?;
                    continue;
                }
                deliver(&hub, &mut state, e)?;
            }
            Ok(())
        }
        .await;
        if let Err(e) = result {
            tracing::warn!(error = %e, "applying events from another node");
        }
    }

    /// Catch every loaded meeting up with the log (after the bus reconnects).
    pub async fn catch_up_all(&self) {
        let hubs: Vec<_> = self
            .hubs
            .lock()
            .expect("hub map")
            .values()
            .cloned()
            .collect();
        for hub in hubs {
            let mut state = hub.state.lock().await;
            if let Err(e) = self.catch_up(&hub, &mut state).await {
                tracing::warn!(meeting = %hub.meeting.id, error = %e, "catching up");
            }
        }
    }

    /// Follow a meeting from `since` (or from a snapshot).
    pub async fn subscribe(
        &self,
        id: MeetingId,
        who: &Identity,
        since: Option<u64>,
    ) -> Result<Subscription, CommandError> {
        let hub = self.hub_for(id, who).await?;
        let mut state = hub.state.lock().await;
        self.catch_up(&hub, &mut state).await?;
        let live = hub.tx.subscribe();
        let head = state.seq;
        match since {
            Some(s) if s <= head && head - s <= REPLAY_LIMIT => {
                drop(state);
                // Everything up to `head` is in the log; everything after comes on `live`.
                let missed = self.events(id, s, Some(head - s), who.delegation).await?;
                Ok(Subscription {
                    initial: Initial::Replay(missed),
                    live,
                })
            }
            _ => Ok(Subscription {
                initial: Initial::Snapshot(Box::new(state.for_delegation(who.delegation))),
                live,
            }),
        }
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

/// Fold one event into the hub's state and hand it to the local subscribers.
fn deliver(hub: &MeetingHub, state: &mut MeetingState, e: &EventEnvelope) -> anyhow::Result<()> {
    state.apply(e);
    if let Event::VoteClosed { vote, .. } = &e.event {
        hub.ballots.forget(hub.meeting.id, *vote);
    }
    hub.media.route(hub.meeting.id, FloorRoute::of(state));
    let frame: Arc<str> = serde_json::to_string(&ServerFrame::Event(e.for_participants()))?.into();
    let own = match &e.event {
        Event::VoteCast {
            delegation,
            choice: Some(_),
            sealed: true,
            ..
        } => Some((
            *delegation,
            serde_json::to_string(&ServerFrame::Event(e.for_delegation(Some(*delegation))))?.into(),
        )),
        _ => None,
    };
    // No subscriber is not an error: the event is in the log.
    let _ = hub.tx.send(Delivery {
        seq: e.seq,
        frame,
        audience: None,
        broadcast_at: Instant::now(),
        own,
    });
    Ok(())
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
