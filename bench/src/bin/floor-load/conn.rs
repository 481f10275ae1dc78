//! One participant's WebSocket: connect, authenticate and subscribe to the meeting and the
//! session's documents (or, against the bare server, wait for its hello), then a tokio task
//! that stamps every `event` and `document_event` frame with the instant it was read and
//! checks the `seq` order.

use anyhow::{anyhow, bail, Context};
use futures_util::stream::SplitSink;
use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;
pub type Sink = SplitSink<Ws, Message>;

const STEP: Duration = Duration::from_secs(60);

/// Just the fields the load tool looks at; serde skips the rest of the frame.
#[derive(Deserialize)]
struct Head {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    seq: Option<u64>,
    #[serde(default)]
    request_id: Option<String>,
    #[serde(default)]
    event: Option<EventKind>,
    #[serde(default)]
    state: Option<StateSeq>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    reason: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct EventKind {
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
struct StateSeq {
    seq: u64,
}

/// The answer to a command, as read by the connection that sent it.
pub struct Ack {
    pub request_id: String,
    /// The seq of the command's last event, or why it was refused.
    pub outcome: Result<u64, String>,
    pub at: Instant,
}

/// What one participant received.
#[derive(Default)]
pub struct Received {
    /// (seq, when read) of every `event` frame, in arrival order.
    pub recs: Vec<(u64, Instant)>,
    pub out_of_order: u64,
    pub duplicates: u64,
    /// Only on the recording connection: (seq, event type, frame bytes).
    pub kinds: Vec<(u64, String, usize)>,
    /// (register seq, when read) of every `document_event` frame.
    pub docs: Vec<(u64, Instant)>,
    /// Set when the connection ended before the tool stopped it.
    pub ended: Option<String>,
}

pub struct Shared {
    /// Highest seq each participant has read so far.
    pub progress: Vec<AtomicU64>,
    /// Highest document register seq each participant has read so far.
    pub doc_progress: Vec<AtomicU64>,
    pub stop: watch::Receiver<bool>,
}

pub struct Opened {
    /// The write half, for connections that give commands.
    pub sink: Option<Sink>,
    pub reader: JoinHandle<Received>,
    /// The state's seq in the snapshot (0 for a command-only connection).
    pub snapshot_seq: u64,
}

async fn next_head(ws: &mut Ws) -> anyhow::Result<Head> {
    loop {
        let msg = tokio::time::timeout(STEP, ws.next())
            .await
            .context("waiting for a frame")?
            .ok_or_else(|| anyhow!("the server closed the WebSocket"))??;
        match msg {
            Message::Text(t) => return Ok(serde_json::from_str(&t)?),
            Message::Close(c) => bail!("the server closed the WebSocket: {c:?}"),
            _ => {}
        }
    }
}

/// Open connection `idx`. `token`: authenticate with it (the Floor server), or `None` for
/// the bare server. `subscribe`: follow the meeting (a participant) or only give commands;
/// with a `session`, a participant follows its documents too.
#[allow(clippy::too_many_arguments)]
pub async fn open(
    url: &str,
    token: Option<&str>,
    meeting: i64,
    session: Option<i64>,
    idx: usize,
    subscribe: bool,
    record_kinds: bool,
    acks: Option<mpsc::UnboundedSender<Ack>>,
    shared: Arc<Shared>,
) -> anyhow::Result<Opened> {
    let (mut ws, _) = tokio::time::timeout(
        STEP,
        // TCP_NODELAY, as browsers set it.
        tokio_tungstenite::connect_async_with_config(url, None, true),
    )
    .await
    .context("connecting the WebSocket in time")??;
    let mut snapshot_seq = 0;
    if let Some(token) = token {
        let frame = serde_json::json!({"type": "authenticate", "token": token});
        ws.send(Message::text(frame.to_string())).await?;
        let h = next_head(&mut ws).await?;
        if h.kind != "authenticated" {
            bail!("authenticate: {} {:?}", h.kind, h.message);
        }
        if subscribe {
            let frame = serde_json::json!({"type": "subscribe", "meeting_id": meeting});
            ws.send(Message::text(frame.to_string())).await?;
        }
    }
    if subscribe {
        let h = next_head(&mut ws).await?;
        match (h.kind.as_str(), h.state) {
            ("snapshot", Some(s)) => snapshot_seq = s.seq,
            _ => bail!("subscribe: {} {:?}", h.kind, h.message),
        }
        if let (Some(session), Some(_)) = (session, token) {
            let frame = serde_json::json!({"type": "subscribe_documents", "session_id": session});
            ws.send(Message::text(frame.to_string())).await?;
            let h = next_head(&mut ws).await?;
            match (h.kind.as_str(), h.seq) {
                ("documents", Some(seq)) => shared.doc_progress[idx].store(seq, Ordering::Relaxed),
                _ => bail!("subscribe_documents: {} {:?}", h.kind, h.message),
            }
        }
    }
    shared.progress[idx].store(snapshot_seq, Ordering::Relaxed);
    let (sink, stream) = ws.split();
    let (keep, give) = if acks.is_some() {
        (None, Some(sink))
    } else {
        (Some(sink), None)
    };
    let reader = tokio::spawn(read(
        stream,
        keep,
        idx,
        snapshot_seq,
        record_kinds,
        acks,
        shared,
    ));
    Ok(Opened {
        sink: give,
        reader,
        snapshot_seq,
    })
}

async fn read(
    mut stream: futures_util::stream::SplitStream<Ws>,
    _keep: Option<Sink>,
    idx: usize,
    mut last: u64,
    record_kinds: bool,
    acks: Option<mpsc::UnboundedSender<Ack>>,
    shared: Arc<Shared>,
) -> Received {
    let mut out = Received {
        recs: Vec::with_capacity(256),
        ..Default::default()
    };
    let mut stop = shared.stop.clone();
    loop {
        let msg = tokio::select! {
            m = stream.next() => m,
            _ = stop.changed() => return out,
        };
        let now = Instant::now();
        let text = match msg {
            Some(Ok(Message::Text(t))) => t,
            Some(Ok(Message::Close(c))) => {
                out.ended = Some(format!("closed by the server: {c:?}"));
                break;
            }
            Some(Ok(_)) => continue,
            Some(Err(e)) => {
                out.ended = Some(format!("error: {e}"));
                break;
            }
            None => {
                out.ended = Some("the connection ended".into());
                break;
            }
        };
        let Ok(h) = serde_json::from_str::<Head>(&text) else {
            continue;
        };
        match h.kind.as_str() {
            "event" => {
                let Some(seq) = h.seq else { continue };
                if seq < last {
                    out.out_of_order += 1;
                } else if seq == last {
                    out.duplicates += 1;
                } else {
                    last = seq;
                    shared.progress[idx].store(seq, Ordering::Relaxed);
                }
                out.recs.push((seq, now));
                if record_kinds {
                    let kind = h.event.map(|e| e.kind).unwrap_or_default();
                    out.kinds.push((seq, kind, text.len()));
                }
            }
            "document_event" => {
                let Some(seq) = h.seq else { continue };
                // The register's numbers may skip (documents one is not entitled to), but
                // never go back.
                if seq <= shared.doc_progress[idx].load(Ordering::Relaxed) {
                    out.out_of_order += 1;
                } else {
                    shared.doc_progress[idx].store(seq, Ordering::Relaxed);
                }
                out.docs.push((seq, now));
            }
            "ack" | "rejected" | "error" => {
                if let (Some(tx), Some(rid)) = (&acks, h.request_id) {
                    let outcome = match (h.kind.as_str(), h.seq) {
                        ("ack", Some(seq)) => Ok(seq),
                        _ => Err(format!("{}: {:?} {:?}", h.kind, h.reason, h.message)),
                    };
                    let _ = tx.send(Ack {
                        request_id: rid,
                        outcome,
                        at: now,
                    });
                } else if h.kind == "error" {
                    eprintln!("connection {idx}: error frame: {:?}", h.message);
                }
            }
            _ => {}
        }
    }
    // Ended early: wait for the stop so the result is collected with the others.
    let _ = stop.changed().await;
    out
}
