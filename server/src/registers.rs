//! Live document registers, one per session this node has touched: a live log
//! ([`crate::live`]) of [`RegisterStream`], whose deliveries carry each event's
//! distribution, so that a connection forwards only what its reader is entitled to.

use crate::auth::Identity;
use crate::db::{now_ms, AppendError, DocumentLog, RequestKey};
use crate::hub::Meetings;
use crate::live::{CommandError, Decided, Decision, Delivery, Hub, Start, Stream};
use floor_meeting::documents::execute_document;
use floor_meeting::MeetingContext;
use floor_protocol::document::*;
use floor_protocol::frames::ServerFrame;
use floor_protocol::*;
use std::sync::Arc;
use tokio::sync::broadcast;

/// A session's document register log, as a live log: keyed by session, and announcing
/// each event with the distribution of its document, so that a connection forwards only
/// what its reader is entitled to.
pub struct RegisterStream {
    pub log: DocumentLog,
}

impl Stream for RegisterStream {
    type Key = SessionId;
    type Event = DocumentEnvelope;
    type State = Register;
    type Meta = ();
    const KIND: &'static str = "documents";

    async fn open(&self, session: SessionId) -> anyhow::Result<Option<((), Register)>> {
        // Every session has a register, empty until its first document.
        Ok(Some(((), Register::new(session))))
    }

    async fn since(
        &self,
        session: SessionId,
        after: u64,
        limit: Option<u64>,
    ) -> anyhow::Result<Vec<DocumentEnvelope>> {
        self.log.since(session, after, limit).await
    }

    async fn append(
        &self,
        events: &[DocumentEnvelope],
        request: Option<&RequestKey>,
    ) -> Result<(), AppendError> {
        debug_assert!(request.is_none(), "document commands carry no request_id");
        self.log.append(events).await
    }

    fn key(e: &DocumentEnvelope) -> SessionId {
        e.session_id
    }

    fn seq(e: &DocumentEnvelope) -> u64 {
        e.seq
    }

    fn head(register: &Register) -> u64 {
        register.seq
    }

    fn apply(register: &mut Register, e: &DocumentEnvelope) {
        register.apply(e);
    }

    fn announce(
        &self,
        _: &(),
        register: &Register,
        e: &DocumentEnvelope,
    ) -> anyhow::Result<Delivery> {
        Ok(Delivery {
            seq: e.seq,
            frame: serde_json::to_string(&ServerFrame::DocumentEvent(e.clone()))?.into(),
            broadcast_at: std::time::Instant::now(),
            // A document nobody may see goes to nobody (the presiding officers excepted).
            audience: Some(
                audience(register, &e.event).unwrap_or(Distribution::Delegations {
                    delegations: Vec::new(),
                }),
            ),
            own: None,
        })
    }
}

/// What a document subscriber gets before the live events.
pub enum InitialDocuments {
    /// The documents the reader may see, as of `seq`.
    Snapshot { seq: u64, documents: Vec<Document> },
    /// The events after the client's `since` that the reader may see.
    Replay(Vec<DocumentEnvelope>),
}

impl Meetings {
    async fn register(&self, session: SessionId) -> anyhow::Result<Arc<Hub<RegisterStream>>> {
        self.registers
            .hub(session)
            .await?
            .ok_or_else(|| anyhow::anyhow!("every session has a register"))
    }

    /// The session's document register as it stands.
    pub async fn documents(&self, session: SessionId) -> anyhow::Result<Register> {
        let hub = self.register(session).await?;
        self.registers.read(&hub, Register::clone).await
    }

    /// Decide a document command on the session's register and, if accepted, make it
    /// durable, tell every entitled follower and publish it for other nodes.
    pub async fn execute_document(
        &self,
        ctx: &MeetingContext,
        session: SessionId,
        who: &Identity,
        command: &DocumentCommand,
    ) -> Result<Vec<DocumentEnvelope>, CommandError> {
        let hub = self.register(session).await?;
        let actor = who.actor();
        let decided = self
            .registers
            .decide(&hub, async |register: &Register| {
                let mut next = register.clone();
                let events = execute_document(ctx, &mut next, &actor, command, Millis(now_ms()))
                    .map_err(CommandError::Rejected)?;
                Ok(Decision::<RegisterStream, ()>::Append {
                    events,
                    next,
                    request: None,
                })
            })
            .await?;
        let Decided::Appended(events) = decided else {
            unreachable!("document commands are always decided anew")
        };
        if let Err(e) = self.bus.publish_documents(&events).await {
            // Durable already; other nodes catch up from the log.
            tracing::warn!(session = %session, error = %e, "publishing documents on the event bus failed");
        }
        Ok(events)
    }

    /// Follow a session's documents as `reader`, from `since` or from a snapshot. As for
    /// meetings, a client more than [`crate::live::REPLAY_LIMIT`] events behind gets a
    /// snapshot instead of the events it missed.
    pub async fn follow_documents(
        &self,
        session: SessionId,
        reader: &Reader,
        since: Option<u64>,
    ) -> anyhow::Result<(InitialDocuments, broadcast::Receiver<Delivery>)> {
        let hub = self.register(session).await?;
        let (start, live) = self
            .registers
            .follow(
                &hub,
                since,
                |register| InitialDocuments::Snapshot {
                    seq: register.seq,
                    documents: register.visible_to(reader),
                },
                Register::clone,
            )
            .await?;
        let initial = match start {
            Start::Snapshot(snapshot) => snapshot,
            // Judged by the register as it stood when the reader subscribed.
            Start::Replay(events, register) => InitialDocuments::Replay(
                events
                    .into_iter()
                    .filter(|e| entitled(&register, e, reader))
                    .collect(),
            ),
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
