//! Live logs: an append-only log folded in memory and followed by this node's connections.
//! Meetings ([`crate::hub`]) and the sessions' document registers ([`crate::registers`])
//! are both one of these; what differs between them is a [`Stream`], and everything else
//! lives here once:
//!
//! - the map of logs this node holds, each loaded on first use by replaying its log, and
//!   dropped again once nobody follows or holds it and it has not been used for a while
//!   (nothing is lost: the log is the truth);
//! - catching up with what other nodes appended, on every use, for each event bus message
//!   that does not follow on, and for every loaded log after the bus reconnects;
//! - deciding a command and appending its events under optimistic concurrency, retried
//!   while other writers win the race, then folding and broadcasting them under the same
//!   lock, so followers see events in order;
//! - following: a snapshot, or the events missed since `since` when there are at most
//!   [`REPLAY_LIMIT`] of them, then the live broadcast.

use crate::db::{AppendError, RequestKey};
use floor_protocol::Rejection;
use std::collections::HashMap;
use std::fmt::Display;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

/// Events a follower may fall behind before it is disconnected as too slow.
pub const SUBSCRIBER_BUFFER: usize = 4096;
/// A reconnecting client is sent at most this many missed events; beyond, a snapshot.
pub const REPLAY_LIMIT: u64 = 2000;
/// Attempts at appending when other writers keep winning the race.
const APPEND_ATTEMPTS: usize = 32;
/// How long a log nobody follows stays in memory after its last use, unless the operator
/// sets `FLOOR_HUB_IDLE_SECS`.
pub const DEFAULT_IDLE: Duration = Duration::from_secs(600);
/// The longest `request_id` kept as an idempotency key.
pub const MAX_REQUEST_ID: usize = 128;

/// Why a command on a live log was not accepted.
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

/// One event on its way to followers.
#[derive(Clone, Debug)]
pub struct Delivery {
    pub seq: u64,
    /// The event's frame, encoded once for all followers.
    pub frame: Arc<str>,
    /// Who may receive it; `None` for everyone following (meeting events).
    pub audience: Option<floor_protocol::document::Distribution>,
    /// When it was broadcast, for the fan-out lag (`metrics.rs`).
    pub broadcast_at: Instant,
    /// A sealed vote as its own delegation may see it, with the choice: sent instead of
    /// `frame` to that delegation's connections (`Event::for_delegation`).
    pub own: Option<(floor_protocol::DelegationId, Arc<str>)>,
}

/// What one kind of live log is: how it is keyed, read, written and folded.
pub trait Stream: Send + Sync + 'static {
    type Key: Copy + Eq + Hash + Display + Send + Sync + 'static;
    type Event: Clone + Send + Sync + 'static;
    type State: Clone + PartialEq + std::fmt::Debug + Send + Sync + 'static;
    /// What is fixed for the life of a log and loaded with it (a meeting's record).
    type Meta: Send + Sync + 'static;
    /// The log's name in metrics and in the node's own log.
    const KIND: &'static str;

    /// The log's fixed part and its empty state; `None` if there is no such log.
    fn open(
        &self,
        key: Self::Key,
    ) -> impl Future<Output = anyhow::Result<Option<(Self::Meta, Self::State)>>> + Send;
    /// Events after `after`, in order, at most `limit`.
    fn since(
        &self,
        key: Self::Key,
        after: u64,
        limit: Option<u64>,
    ) -> impl Future<Output = anyhow::Result<Vec<Self::Event>>> + Send;
    /// Append atomically; [`AppendError::Conflict`] if another writer took a number first.
    fn append(
        &self,
        events: &[Self::Event],
        request: Option<&RequestKey>,
    ) -> impl Future<Output = Result<(), AppendError>> + Send;
    fn key(event: &Self::Event) -> Self::Key;
    fn seq(event: &Self::Event) -> u64;
    fn head(state: &Self::State) -> u64;
    /// Fold one event into the state.
    fn apply(state: &mut Self::State, event: &Self::Event);
    /// Once a new event is folded in (`state` is the state after it): whatever the node
    /// must do at once (reroute the media, forget a closed ballot), and what goes to the
    /// followers.
    fn announce(
        &self,
        meta: &Self::Meta,
        state: &Self::State,
        event: &Self::Event,
    ) -> anyhow::Result<Delivery>;
}

/// One log this node holds.
pub struct Hub<S: Stream> {
    pub key: S::Key,
    pub meta: S::Meta,
    state: tokio::sync::Mutex<S::State>,
    tx: broadcast::Sender<Delivery>,
    /// When this node last used the log; with no follower, it is dropped once idle.
    last_used: Mutex<Instant>,
}

/// What a command's decision gives the live log to do.
pub enum Decision<S: Stream, A> {
    /// Append these events, which take the state to `next` (checked in debug builds),
    /// recording them under `request` when there is one.
    Append {
        events: Vec<S::Event>,
        next: S::State,
        request: Option<RequestKey>,
    },
    /// Nothing to append: answer this (a resent command's earlier answer).
    Answer(A),
}

/// What a decided command did.
pub enum Decided<E, A> {
    Appended(Vec<E>),
    Answered(A),
}

/// Where a follower starts.
pub enum Start<T, R, E> {
    /// The state as the follower may see it.
    Snapshot(T),
    /// The events after the follower's `since` up to the moment it subscribed, and what
    /// the follower's view took from the state at that moment.
    Replay(Vec<E>, R),
}

/// Every log of one kind this node holds.
pub struct LiveLogs<S: Stream> {
    pub stream: S,
    hubs: Mutex<HashMap<S::Key, Arc<Hub<S>>>>,
}

impl<S: Stream> LiveLogs<S> {
    pub fn new(stream: S) -> Self {
        LiveLogs {
            stream,
            hubs: Mutex::new(HashMap::new()),
        }
    }

    /// The log of `key`, replayed on first use; `None` if there is none.
    pub async fn hub(&self, key: S::Key) -> anyhow::Result<Option<Arc<Hub<S>>>> {
        if let Some(h) = self.hubs.lock().expect("hub map").get(&key) {
            *h.last_used.lock().expect("hub use") = Instant::now();
            return Ok(Some(h.clone()));
        }
        let Some((meta, mut state)) = self.stream.open(key).await? else {
            return Ok(None);
        };
        // Replayed without announcing: nobody follows yet.
        for e in self.stream.since(key, 0, None).await? {
            S::apply(&mut state, &e);
        }
        let (tx, _) = broadcast::channel(SUBSCRIBER_BUFFER);
        let hub = Hub {
            key,
            meta,
            state: tokio::sync::Mutex::new(state),
            tx,
            last_used: Mutex::new(Instant::now()),
        };
        // Another task may have loaded it meanwhile; the first one stays.
        Ok(Some(
            self.hubs
                .lock()
                .expect("hub map")
                .entry(key)
                .or_insert(Arc::new(hub))
                .clone(),
        ))
    }

    /// Drop the logs nobody follows or holds that were not used for `idle`. Under the
    /// map lock nobody can take a new reference, so a count of one means nobody but the
    /// map has it. Returns how many went.
    pub fn evict_idle(&self, idle: Duration) -> usize {
        let now = Instant::now();
        let mut hubs = self.hubs.lock().expect("hub map");
        let before = hubs.len();
        hubs.retain(|_, h| {
            Arc::strong_count(h) > 1
                || h.tx.receiver_count() > 0
                || now.duration_since(*h.last_used.lock().expect("hub use")) < idle
        });
        before - hubs.len()
    }

    /// How many logs of this kind the node holds in memory.
    pub fn in_memory(&self) -> usize {
        self.hubs.lock().expect("hub map").len()
    }

    /// Fold in whatever other nodes appended since this node last looked.
    async fn catch_up(&self, hub: &Hub<S>, state: &mut S::State) -> anyhow::Result<()> {
        for e in self.stream.since(hub.key, S::head(state), None).await? {
            self.deliver(hub, state, &e)?;
        }
        Ok(())
    }

    fn deliver(&self, hub: &Hub<S>, state: &mut S::State, e: &S::Event) -> anyhow::Result<()> {
        S::apply(state, e);
        let delivery = self.stream.announce(&hub.meta, state, e)?;
        // No follower is not an error: the event is in the log.
        let _ = hub.tx.send(delivery);
        Ok(())
    }

    /// Run `view` on the state as it stands, caught up with the log.
    pub async fn read<T>(
        &self,
        hub: &Hub<S>,
        view: impl FnOnce(&S::State) -> T,
    ) -> anyhow::Result<T> {
        let mut state = hub.state.lock().await;
        self.catch_up(hub, &mut state).await?;
        Ok(view(&state))
    }

    /// Decide a command against the state caught up with the log and, if it gives events,
    /// append them; when another writer appended first, catch up and decide again. The
    /// appended events are folded and broadcast before the lock is let go.
    pub async fn decide<A>(
        &self,
        hub: &Hub<S>,
        mut decide: impl AsyncFnMut(&S::State) -> Result<Decision<S, A>, CommandError>,
    ) -> Result<Decided<S::Event, A>, CommandError> {
        let mut state = hub.state.lock().await;
        for _ in 0..APPEND_ATTEMPTS {
            self.catch_up(hub, &mut state).await?;
            let (events, next, request) = match decide(&state).await? {
                Decision::Answer(a) => return Ok(Decided::Answered(a)),
                Decision::Append {
                    events,
                    next,
                    request,
                } => (events, next, request),
            };
            match self.stream.append(&events, request.as_ref()).await {
                Ok(()) => {
                    crate::metrics::events_appended(S::KIND, events.len());
                    for e in &events {
                        self.deliver(hub, &mut state, e)?;
                    }
                    debug_assert_eq!(*state, next);
                    return Ok(Decided::Appended(events));
                }
                Err(AppendError::Conflict) => continue,
                Err(e) => return Err(CommandError::Internal(e.into())),
            }
        }
        Err(anyhow::anyhow!(
            "could not append to the {} log {} after {APPEND_ATTEMPTS} attempts",
            S::KIND,
            hub.key
        )
        .into())
    }

    /// Events another node published. Folded in directly when they follow on; otherwise
    /// the gap is read from the log. A log this node does not hold is left alone: it is
    /// read from the log when next needed.
    pub async fn on_remote(&self, events: Vec<S::Event>) {
        let Some(first) = events.first() else { return };
        let key = S::key(first);
        let Some(hub) = self.hubs.lock().expect("hub map").get(&key).cloned() else {
            return;
        };
        let mut state = hub.state.lock().await;
        let result: anyhow::Result<()> = async {
            for e in &events {
                let head = S::head(&state);
                if S::seq(e) <= head {
                    continue;
                }
                if S::seq(e) != head + 1 {
                    self.catch_up(&hub, &mut state).await?;
                    continue;
                }
                self.deliver(&hub, &mut state, e)?;
            }
            Ok(())
        }
        .await;
        if let Err(e) = result {
            tracing::warn!(log = S::KIND, %key, error = %e, "applying events from another node");
        }
    }

    /// Catch every loaded log up with the log store (after the bus reconnects: what other
    /// nodes published meanwhile never arrived).
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
                tracing::warn!(log = S::KIND, key = %hub.key, error = %e, "catching up");
            }
        }
    }

    /// Follow a log from `since`, or from a snapshot when `since` is absent, ahead of the
    /// log, or more than [`REPLAY_LIMIT`] events behind. `snapshot` and `replaying` read
    /// the state at the moment of subscribing, under the lock; `replay_filter` then keeps
    /// the missed events the follower may see.
    pub async fn follow<T, R>(
        &self,
        hub: &Hub<S>,
        since: Option<u64>,
        snapshot: impl FnOnce(&S::State) -> T,
        replaying: impl FnOnce(&S::State) -> R,
    ) -> anyhow::Result<(Start<T, R, S::Event>, broadcast::Receiver<Delivery>)> {
        let mut state = hub.state.lock().await;
        self.catch_up(hub, &mut state).await?;
        let live = hub.tx.subscribe();
        let head = S::head(&state);
        match since {
            Some(s) if s <= head && head - s <= REPLAY_LIMIT => {
                let seen = replaying(&state);
                drop(state);
                // Everything up to `head` is in the log; everything after comes on `live`.
                let missed = self.stream.since(hub.key, s, Some(head - s)).await?;
                Ok((Start::Replay(missed, seen), live))
            }
            _ => Ok((Start::Snapshot(snapshot(&state)), live)),
        }
    }
}
