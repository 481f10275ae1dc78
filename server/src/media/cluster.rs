//! A meeting's media across the nodes of a cluster. Each node publishes on Redis (the bus
//! the nodes already share) which of its meetings have listeners and which publishers
//! send what ([`MeetingPresence`]): whenever that changes, and every [`PRESENCE_EVERY`]
//! so that a node that starts learns it and one that dies is forgotten. Each node hands
//! what the others publish to its SFU, which then relays each of its own publishers'
//! packets once to each node with listeners for them (`relay.rs`), and forwards what
//! other nodes relay to it as if their publishers were its own. Who feeds which slot is
//! decided on every node from the same log, so a floor change reroutes everywhere.

use super::relay::MeetingPresence;
use super::{Cmd, Sfu};
use futures_util::StreamExt;
use redis::aio::ConnectionManager;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use tokio::time::Instant;

/// How often a node publishes its presence even if nothing changed.
pub const PRESENCE_EVERY: Duration = Duration::from_secs(2);
/// A node not heard from for this long is taken as gone (three presences missed).
pub const NODE_SILENT_AFTER: Duration = Duration::from_secs(6);
/// Longest wait between two attempts at resubscribing after Redis went away.
const MAX_RECONNECT_DELAY: Duration = Duration::from_millis(500);

/// What one node publishes of itself on the cluster's media channel.
#[derive(Debug, Serialize, Deserialize)]
struct NodePresence {
    /// The publishing node's id (the event bus's), so that it ignores its own.
    node: String,
    /// Its media address: where relayed packets go, and where they come from.
    relay: SocketAddr,
    meetings: Vec<MeetingPresence>,
}

/// This node's part in a cluster's media.
pub struct ClusterSettings {
    pub client: redis::Client,
    pub conn: ConnectionManager,
    /// The Redis channel of the cluster's media presence.
    pub channel: String,
    /// This node's id on the event bus.
    pub node: String,
    /// The address the other nodes relay to (and see relayed packets come from).
    pub relay: SocketAddr,
}

impl Sfu {
    /// Take part in the cluster's media: publish this node's presence and hand the other
    /// nodes' to the SFU, until the SFU stops.
    pub async fn join_cluster(&self, cluster: ClusterSettings) -> anyhow::Result<()> {
        let ClusterSettings {
            client,
            conn,
            channel,
            node,
            relay,
        } = cluster;
        let mut pubsub = client.get_async_pubsub().await?;
        pubsub.subscribe(&channel).await?;
        self.tx
            .send(Cmd::Clustered)
            .map_err(|_| anyhow::anyhow!("the media server is not running"))?;
        // A node heard for the first time is told this node's presence at once, not at
        // the next beat.
        let newcomer = Arc::new(Notify::new());
        let mut presence = self.presence.clone();
        let publish = {
            let (channel, node, newcomer) = (channel.clone(), node.clone(), newcomer.clone());
            async move {
                let mut beat = tokio::time::interval(PRESENCE_EVERY);
                loop {
                    tokio::select! {
                        changed = presence.changed() => if changed.is_err() { return },
                        _ = beat.tick() => {}
                        _ = newcomer.notified() => {}
                    }
                    let message = NodePresence {
                        node: node.clone(),
                        relay,
                        meetings: presence.borrow_and_update().clone(),
                    };
                    let Ok(text) = serde_json::to_string(&message) else {
                        continue;
                    };
                    let published = crate::bus::query::<i64>(
                        &conn,
                        redis::cmd("PUBLISH").arg(&channel).arg(text),
                    )
                    .await;
                    if published.is_err() {
                        crate::metrics::bus_publish_failed();
                    }
                }
            }
        };
        tokio::spawn(publish);
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let mut heard: HashMap<String, Instant> = HashMap::new();
            loop {
                if !hear(&mut pubsub, &tx, &node, &mut heard, &newcomer).await {
                    return;
                }
                tracing::warn!("media presence channel lost; resubscribing");
                let mut delay = Duration::from_millis(50);
                pubsub = loop {
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(MAX_RECONNECT_DELAY);
                    if tx.is_closed() {
                        return;
                    }
                    if let Ok(Ok(mut p)) =
                        tokio::time::timeout(Duration::from_secs(1), client.get_async_pubsub())
                            .await
                    {
                        if p.subscribe(&channel).await.is_ok() {
                            break p;
                        }
                    }
                };
            }
        });
        Ok(())
    }
}

/// Hand the other nodes' presences to the SFU, and tell it of those gone silent, until
/// the subscription ends (`true`: resubscribe) or the SFU stops (`false`).
async fn hear(
    pubsub: &mut redis::aio::PubSub,
    tx: &tokio::sync::mpsc::UnboundedSender<Cmd>,
    own: &str,
    heard: &mut HashMap<String, Instant>,
    newcomer: &Notify,
) -> bool {
    let mut stream = pubsub.on_message();
    let mut sweep = tokio::time::interval(PRESENCE_EVERY);
    loop {
        tokio::select! {
            message = stream.next() => {
                let Some(message) = message else { return true };
                let Ok(text) = message.get_payload::<String>() else { continue };
                let presence = match serde_json::from_str::<NodePresence>(&text) {
                    Ok(p) if p.node == own => continue,
                    Ok(p) => p,
                    Err(e) => {
                        tracing::warn!(error = %e, "undecodable media presence");
                        continue;
                    }
                };
                if heard.insert(presence.node.clone(), Instant::now()).is_none() {
                    tracing::info!(node = %presence.node, relay = %presence.relay, "a media node joined");
                    newcomer.notify_one();
                }
                let cmd = Cmd::NodePresence {
                    node: presence.node,
                    relay: presence.relay,
                    meetings: presence.meetings,
                };
                if tx.send(cmd).is_err() {
                    return false;
                }
            }
            _ = sweep.tick() => {
                let now = Instant::now();
                let silent: Vec<String> = heard
                    .iter()
                    .filter(|(_, at)| now.duration_since(**at) > NODE_SILENT_AFTER)
                    .map(|(node, _)| node.clone())
                    .collect();
                for node in silent {
                    tracing::warn!(%node, "a media node went silent; forgetting its publishers");
                    heard.remove(&node);
                    if tx.send(Cmd::NodeGone { node }).is_err() {
                        return false;
                    }
                }
            }
        }
    }
}
