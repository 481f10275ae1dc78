//! Live document registers, one per session this node has touched: the documents folded
//! from the register's log, and a broadcast channel whose deliveries carry each event's
//! distribution, so that a connection forwards only what its reader is entitled to.
//! Same discipline as the meeting hubs: catch up, decide, append under optimistic
//! concurrency, fold, broadcast, publish.

use crate::auth::Identity;
use crate::db::{now_ms, AppendError, DocumentLog};
use crate::hub::{CommandError, Delivery, REPLAY_LIMIT, SUBSCRIBER_BUFFER};
use floor_meeting::documents::execute_document;
use floor_meeting::MeetingContext;
use floor_protocol::document::*;
use floor_protocol::frames::ServerFrame;
use floor_protocol::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

const APPEND_ATTEMPTS: usize = 32;

pub struct RegisterHub {
    state: tokio::sync::Mutex<Register>,
    tx: broadcast::Sender<Delivery>,
    /// When this node last used the register; with no follower, it is dropped once idle.
    last_used: Mutex<Instant>,
}

/// What a document subscriber gets before the live events.
pub enum InitialDocuments {
    /// The documents the reader may see, as of `seq`.
    Snapshot { seq: u64, documents: Vec<Document> },
    /// The events after the client's `since` that the reader may see.
    Replay(Vec<DocumentEnvelope>),
}

pub struct Registers {
    pub log: DocumentLog,
    hubs: Mutex<HashMap<SessionId, Arc<RegisterHub>>>,
}

impl Registers {
    pub fn new(log: DocumentLog) -> Self {
        Registers {
            log,
            hubs: Mutex::new(HashMap::new()),
        }
    }

    async fn hub(&self, session: SessionId) -> anyhow::Result<Arc<RegisterHub>> {
        if let Some(h) = self.hubs.lock().expect("register map").get(&session) {
            *h.last_used.lock().expect("register use") = Instant::now();
            return Ok(h.clone());
        }
        let mut register = Register::new(session);
        for e in self.log.since(session, 0).await? {
            register.apply(&e);
        }
        let (tx, _) = broadcast::channel(SUBSCRIBER_BUFFER);
        let hub = Arc::new(RegisterHub {
            state: tokio::sync::Mutex::new(register),
            tx,
            last_used: Mutex::new(Instant::now()),
        });
        Ok(self
            .hubs
            .lock()
            .expect("register map")
            .entry(session)
            .or_insert(hub)
            .clone())
    }

    /// Drop the registers nobody follows or holds that were not used for `idle` (see
    /// `Meetings::evict_idle`). Returns how many went.
    pub fn evict_idle(&self, idle: Duration) -> usize {
        let now = Instant::now();
        let mut hubs = self.hubs.lock().expect("register map");
        let before = hubs.len();
        hubs.retain(|_, h| {
            Arc::strong_count(h) > 1
                || h.tx.receiver_count() > 0
                || now.duration_since(*h.last_used.lock().expect("register use")) < idle
        });
        before - hubs.len()
    }

    /// How many registers this node holds in memory.
    pub fn in_memory(&self) -> usize {
        self.hubs.lock().expect("register map").len()
    }

    async fn catch_up(&self, hub: &RegisterHub, register: &mut Register) -> anyhow::Result<()> {
        for e in self.log.since(register.session_id, register.seq).await? {
            deliver(hub, register, &e)?;
        }
        Ok(())
    }

    /// The register as it stands.
    pub async fn current(&self, session: SessionId) -> anyhow::Result<Register> {
        let hub = self.hub(session).await?;
        let mut register = hub.state.lock().await;
        self.catch_up(&hub, &mut register).await?;
        Ok(register.clone())
    }

    /// Decide a command on the register and, if accepted, make it durable and tell
    /// every entitled follower. Returns the events to publish on the bus.
    pub async fn execute(
        &self,
        ctx: &MeetingContext,
        session: SessionId,
        who: &Identity,
        command: &DocumentCommand,
    ) -> Result<Vec<DocumentEnvelope>, CommandError> {
        let hub = self.hub(session).await?;
        let actor = who.actor();
        let mut register = hub.state.lock().await;
        for _ in 0..APPEND_ATTEMPTS {
            self.catch_up(&hub, &mut register).await?;
            let mut next = register.clone();
            let events = execute_document(ctx, &mut next, &actor, command, Millis(now_ms()))
                .map_err(CommandError::Rejected)?;
            match self.log.append(&events).await {
                Ok(()) => {
                    crate::metrics::events_appended("documents", events.len());
                    for e in &events {
                        deliver(&hub, &mut register, e)?;
                    }
                    return Ok(events);
                }
                Err(AppendError::Conflict) => continue,
                Err(e) => return Err(CommandError::Internal(e.into())),
            }
        }
        Err(CommandError::Internal(anyhow::anyhow!(
            "could not append to the register of session {session}"
        )))
    }

    /// Events from another node: folded in if they follow on, else read from the log.
    pub async fn on_remote(&self, events: Vec<DocumentEnvelope>) {
        let Some(first) = events.first() else { return };
        let Some(hub) = self
            .hubs
            .lock()
            .expect("register map")
            .get(&first.session_id)
            .cloned()
        else {
            return;
        };
        let mut register = hub.state.lock().await;
        let result: anyhow::Result<()> = async {
            for e in &events {
                if e.seq <= register.seq {
                    continue;
                }
                if e.seq != register.seq + 1 {
                    self.catch_up(&hub, &mut register).await?;
                    continue;
                }
                deliver(&hub, &mut register, e)?;
            }
            Ok(())
        }
        .await;
        if let Err(e) = result {
            tracing::warn!(error = %e, "applying document events from another node");
        }
    }

    /// Catch every loaded register up with the log (after the bus reconnects: what other
    /// nodes published meanwhile never arrived).
    pub async fn catch_up_all(&self) {
        let hubs: Vec<_> = self
            .hubs
            .lock()
            .expect("register map")
            .values()
            .cloned()
            .collect();
        for hub in hubs {
            let mut register = hub.state.lock().await;
            if let Err(e) = self.catch_up(&hub, &mut register).await {
                tracing::warn!(session = %register.session_id, error = %e, "catching up a register");
            }
        }
    }

    /// Follow a session's documents as `reader`, from `since` or from a snapshot. As for
    /// meetings, a client more than [`REPLAY_LIMIT`] events behind gets a snapshot instead
    /// of the events it missed.
    pub async fn subscribe(
        &self,
        session: SessionId,
        reader: &Reader,
        since: Option<u64>,
    ) -> anyhow::Result<(InitialDocuments, broadcast::Receiver<Delivery>)> {
        let hub = self.hub(session).await?;
        let mut register = hub.state.lock().await;
        self.catch_up(&hub, &mut register).await?;
        let live = hub.tx.subscribe();
        let initial = match since {
            Some(s) if s <= register.seq && register.seq - s <= REPLAY_LIMIT => {
                let head = register.seq;
                let snapshot = register.clone();
                drop(register);
                let events = self
                    .log
                    .since(session, s)
                    .await?
                    .into_iter()
                    .filter(|e| e.seq <= head && entitled(&snapshot, e, reader))
                    .collect();
                InitialDocuments::Replay(events)
            }
            _ => InitialDocuments::Snapshot {
                seq: register.seq,
                documents: register.visible_to(reader),
            },
        };
        Ok((initial, live))
    }
}

/// Whether `reader` may see event `e` (judged by its document's distribution).
pub fn entitled(register: &Register, e: &DocumentEnvelope, reader: &Reader) -> bool {
    audience(register, &e.event).is_some_and(|d| d.admits(reader))
}

fn audience(register: &Register, event: &DocumentEvent) -> Option<Distribution> {
    match event {
        DocumentEvent::Published { document } => Some(document.distribution.clone()),
        other => register
            .document(other.document())
            .map(|d| d.distribution.clone()),
    }
}

fn deliver(hub: &RegisterHub, register: &mut Register, e: &DocumentEnvelope) -> anyhow::Result<()> {
    register.apply(e);
    let frame: Arc<str> = serde_json::to_string(&ServerFrame::DocumentEvent(e.clone()))?.into();
    let _ = hub.tx.send(Delivery {
        seq: e.seq,
        frame,
        broadcast_at: std::time::Instant::now(),
        // A document nobody may see goes to nobody (the presiding officers excepted).
        audience: Some(
            audience(register, &e.event).unwrap_or(Distribution::Delegations {
                delegations: Vec::new(),
            }),
        ),
        own: None,
    });
    Ok(())
}
