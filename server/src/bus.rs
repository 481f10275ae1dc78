//! The event bus between server nodes. In-process (the default) there is nothing to
//! carry: the node that accepts a command delivers its events itself. With `REDIS_URL`,
//! accepted events are published on a Redis channel and every other node folds them into
//! its own hubs, so a delegate on one node sees what the chair did on another.
//!
//! The log stays the truth: a node that misses a message (Redis restarting, a gap in
//! sequence numbers) reads the missing events from the database.

use crate::hub::Meetings;
use floor_protocol::document::DocumentEnvelope;
use floor_protocol::EventEnvelope;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Weak};
use std::time::Duration;

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
        publisher: redis::aio::MultiplexedConnection,
        channel: String,
        node: String,
    },
}

impl EventBus {
    pub async fn redis(url: &str, channel: String) -> anyhow::Result<Self> {
        let client = redis::Client::open(url)?;
        let publisher = client.get_multiplexed_async_connection().await?;
        Ok(EventBus::Redis {
            client,
            publisher,
            channel,
            node: crate::auth::new_signing_secret()[..16].to_string(),
        })
    }

    /// The ballot box that goes with this bus: shared through Redis when nodes are.
    pub fn ballot_box(&self) -> crate::ballot_box::BallotBox {
        match self {
            EventBus::InProcess => crate::ballot_box::BallotBox::in_process(),
            EventBus::Redis {
                publisher, channel, ..
            } => crate::ballot_box::BallotBox::Redis {
                conn: publisher.clone(),
                prefix: channel.clone(),
            },
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
                publisher,
                channel,
                node,
                ..
            } => {
                let msg = serde_json::to_string(&BusMessage {
                    node: node.clone(),
                    events: events.to_vec(),
                    documents: documents.to_vec(),
                })?;
                let mut conn = publisher.clone();
                redis::cmd("PUBLISH")
                    .arg(channel)
                    .arg(msg)
                    .query_async::<i64>(&mut conn)
                    .await?;
                Ok(())
            }
        }
    }

    /// Whether the bus answers (for `/healthz`).
    pub async fn ping(&self) -> bool {
        match self {
            EventBus::InProcess => true,
            EventBus::Redis { publisher, .. } => {
                let mut conn = publisher.clone();
                redis::cmd("PING")
                    .query_async::<String>(&mut conn)
                    .await
                    .is_ok()
            }
        }
    }

    /// Subscribe to the channel before serving, so nothing published after start-up is
    /// missed; then keep listening (reconnecting as needed) until the node stops.
    pub async fn listen(meetings: Arc<Meetings>) -> anyhow::Result<()> {
        let EventBus::Redis {
            client,
            channel,
            node,
            ..
        } = &meetings.bus
        else {
            return Ok(());
        };
        let (client, channel, node) = (client.clone(), channel.clone(), node.clone());
        let mut pubsub = client.get_async_pubsub().await?;
        pubsub.subscribe(&channel).await?;
        let weak = Arc::downgrade(&meetings);
        drop(meetings);
        tokio::spawn(async move {
            loop {
                relay(&mut pubsub, &weak, &node).await;
                let Some(m) = weak.upgrade() else { return };
                drop(m);
                tracing::warn!("event bus connection lost; reconnecting");
                pubsub = loop {
                    tokio::time::sleep(Duration::from_millis(500)).await;
                    if weak.strong_count() == 0 {
                        return;
                    }
                    if let Ok(mut p) = client.get_async_pubsub().await {
                        if p.subscribe(&channel).await.is_ok() {
                            break p;
                        }
                    }
                };
                if let Some(m) = weak.upgrade() {
                    m.catch_up_all().await;
                }
            }
        });
        Ok(())
    }
}

async fn relay(pubsub: &mut redis::aio::PubSub, meetings: &Weak<Meetings>, node: &str) {
    let mut stream = pubsub.on_message();
    while let Some(msg) = stream.next().await {
        let Some(meetings) = meetings.upgrade() else {
            return;
        };
        let Ok(payload) = msg.get_payload::<String>() else {
            continue;
        };
        match serde_json::from_str::<BusMessage>(&payload) {
            Ok(m) if m.node != node => {
                meetings.on_remote(m.events).await;
                meetings.registers.on_remote(m.documents).await;
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "undecodable event bus message"),
        }
    }
}
