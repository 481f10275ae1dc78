//! The event bus between server nodes. In-process (the default) there is nothing to
//! carry: the node that accepts a command delivers its events itself. With `REDIS_URL`,
//! accepted events are published on a Redis channel and every other node folds them into
//! its own hubs, so a delegate on one node sees what the chair did on another.
//!
//! The log stays the truth: a node that misses a message (Redis restarting, a gap in
//! sequence numbers) reads the missing events from the database.
//!
//! Every Redis connection survives a Redis restart: commands go through a
//! [`ConnectionManager`] (it reconnects with backoff after an I/O error, and [`query`]
//! tries once more over the new connection), and the listener resubscribes with backoff,
//! then writes this node's ballot counts again and has its [`Followers`] catch up from the
//! log, since whatever was published meanwhile is lost.
//!
//! The bus knows nothing of meetings or registers: what it hears goes to a [`Followers`].

use crate::ballot_box::BallotBox;
use floor_protocol::document::DocumentEnvelope;
use floor_protocol::EventEnvelope;
use futures_util::StreamExt;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::sync::{Arc, Weak};
use std::time::Duration;

/// Whoever on this node follows what other nodes publish.
pub trait Followers: Send + Sync + 'static {
    /// Events another node published.
    fn remote(
        &self,
        events: Vec<EventEnvelope>,
        documents: Vec<DocumentEnvelope>,
    ) -> impl Future<Output = ()> + Send;
    /// Catch up with the log: messages may have been lost (the bus was disconnected).
    fn catch_up(&self) -> impl Future<Output = ()> + Send;
}

/// Longest wait between two attempts at reconnecting, so that a node is back within
/// about a second of Redis.
const MAX_RECONNECT_DELAY: Duration = Duration::from_millis(500);
/// How long one attempt at connecting to Redis may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
/// How often ballot counts that Redis could not take are written again.
const BALLOT_RETRY_EVERY: Duration = Duration::from_millis(500);

/// Run one command, once more if the connection turned out broken (the manager has
/// reconnected by then, or is doing so).
pub async fn query<T: redis::FromRedisValue>(
    conn: &ConnectionManager,
    cmd: &redis::Cmd,
) -> redis::RedisResult<T> {
    let mut c = conn.clone();
    match cmd.query_async(&mut c).await {
        Err(e) if e.is_io_error() || e.is_connection_dropped() || e.is_unrecoverable_error() => {
            cmd.query_async(&mut c).await
        }
        other => other,
    }
}

#[derive(Serialize, Deserialize)]
struct BusMessage {
    /// The publishing node, so that it ignores its own messages.
    node: String,
    #[serde(default)]
    events: Vec<EventEnvelope>,
    #[serde(default)]
    documents: Vec<DocumentEnvelope>,
}

pub enum EventBus {
    InProcess,
    Redis {
        client: redis::Client,
        /// Publishing, `/healthz` and the ballot box; reconnects by itself.
        conn: ConnectionManager,
        channel: String,
        node: String,
    },
}

impl EventBus {
    pub async fn redis(url: &str, channel: String) -> anyhow::Result<Self> {
        let client = redis::Client::open(url)?;
        // Few, short attempts per reconnection: a command waits for at most one round of
        // them, and the next command starts another round, so a node notices Redis is
        // back within about a second (the crate's default backoff grows to a minute).
        let config = ConnectionManagerConfig::new()
            .set_number_of_retries(2)
            .set_max_delay(MAX_RECONNECT_DELAY.as_millis() as u64)
            .set_connection_timeout(CONNECT_TIMEOUT)
            .set_response_timeout(Duration::from_secs(2));
        let conn = ConnectionManager::new_with_config(client.clone(), config).await?;
        Ok(EventBus::Redis {
            client,
            conn,
            channel,
            node: crate::auth::new_signing_secret()[..16].to_string(),
        })
    }

    /// The ballot box that goes with this bus: shared through Redis when nodes are.
    pub fn ballot_box(&self) -> crate::ballot_box::BallotBox {
        match self {
            EventBus::InProcess => crate::ballot_box::BallotBox::in_process(),
            EventBus::Redis {
                conn,
                channel,
                node,
                ..
            } => crate::ballot_box::BallotBox::redis(conn.clone(), channel.clone(), node.clone()),
        }
    }

    pub fn describe(&self) -> &'static str {
        match self {
            EventBus::InProcess => "in-process",
            EventBus::Redis { .. } => "redis",
        }
    }

    pub async fn publish(&self, events: &[EventEnvelope]) -> anyhow::Result<()> {
        self.send(events, &[]).await
    }

    pub async fn publish_documents(&self, documents: &[DocumentEnvelope]) -> anyhow::Result<()> {
        self.send(&[], documents).await
    }

    async fn send(
        &self,
        events: &[EventEnvelope],
        documents: &[DocumentEnvelope],
    ) -> anyhow::Result<()> {
        match self {
            EventBus::InProcess => Ok(()),
            EventBus::Redis {
                conn,
                channel,
                node,
                ..
            } => {
                let msg = serde_json::to_string(&BusMessage {
                    node: node.clone(),
                    events: events.to_vec(),
                    documents: documents.to_vec(),
                })?;
                let published =
                    query::<i64>(conn, redis::cmd("PUBLISH").arg(channel).arg(msg)).await;
                if published.is_err() {
                    crate::metrics::bus_publish_failed();
                }
                published?;
                Ok(())
            }
        }
    }

    /// Whether the bus answers (for `/healthz`).
    pub async fn ping(&self) -> bool {
        match self {
            EventBus::InProcess => true,
            EventBus::Redis { conn, .. } => {
                query::<String>(conn, &redis::cmd("PING")).await.is_ok()
            }
        }
    }

    /// Subscribe to the channel before serving, so nothing published after start-up is
    /// missed; then keep handing what other nodes publish to `followers` (reconnecting as
    /// needed) for as long as they exist. `ballots` is this bus's ballot box, whose counts
    /// Redis could not take are written again until they land.
    pub async fn listen<F: Followers>(
        &self,
        followers: &Arc<F>,
        ballots: Arc<BallotBox>,
    ) -> anyhow::Result<()> {
        let EventBus::Redis {
            client,
            channel,
            node,
            ..
        } = self
        else {
            return Ok(());
        };
        let (client, channel, node) = (client.clone(), channel.clone(), node.clone());
        let mut pubsub = client.get_async_pubsub().await?;
        pubsub.subscribe(&channel).await?;
        let weak = Arc::downgrade(followers);
        let retry = weak.clone();
        let box_ = ballots.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(BALLOT_RETRY_EVERY).await;
                if retry.upgrade().is_none() {
                    return;
                }
                box_.write_pending(false).await;
            }
        });
        tokio::spawn(async move {
            loop {
                relay(&mut pubsub, &weak, &node).await;
                let Some(m) = weak.upgrade() else { return };
                drop(m);
                tracing::warn!("event bus connection lost; reconnecting");
                let mut delay = Duration::from_millis(50);
                pubsub = loop {
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(MAX_RECONNECT_DELAY);
                    let Some(m) = weak.upgrade() else { return };
                    // Bounded, like the other connections: a host that drops packets
                    // must not hold the listener for the TCP connect timeout.
                    let connect = tokio::time::timeout(CONNECT_TIMEOUT, client.get_async_pubsub());
                    let Ok(Ok(mut p)) = connect.await else {
                        continue;
                    };
                    // A restarted Redis may have lost the open votes' counters: every
                    // node writes its own again, before it hears anything new. Votes
                    // closed meanwhile are folded first, so that their counts are
                    // dropped here instead of written back after the box was emptied.
                    m.catch_up().await;
                    ballots.write_pending(true).await;
                    if p.subscribe(&channel).await.is_ok() {
                        break p;
                    }
                };
                tracing::info!("event bus reconnected; catching up from the log");
                crate::metrics::bus_reconnected();
                if let Some(m) = weak.upgrade() {
                    m.catch_up().await;
                }
            }
        });
        Ok(())
    }
}

async fn relay<F: Followers>(pubsub: &mut redis::aio::PubSub, followers: &Weak<F>, node: &str) {
    let mut stream = pubsub.on_message();
    while let Some(msg) = stream.next().await {
        let Some(followers) = followers.upgrade() else {
            return;
        };
        let Ok(payload) = msg.get_payload::<String>() else {
            continue;
        };
        match serde_json::from_str::<BusMessage>(&payload) {
            Ok(m) if m.node != node => followers.remote(m.events, m.documents).await,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "undecodable event bus message"),
        }
    }
}
