//! A WebSocket client speaking the protocol: frames read in order, those that arrive while
//! waiting for another kept for later, every read within a deadline.

use crate::client::Client;
use crate::node::Node;
use crate::{must, DEADLINE};
use anyhow::{anyhow, bail, Context};
use floor_protocol::frames::{self, ClientFrame, ServerFrame};
use floor_protocol::*;
use futures_util::{SinkExt, StreamExt};
use std::collections::VecDeque;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// A WebSocket connection to a node (or to a proxy in front of nodes).
pub struct Ws {
    stream: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// Frames received while waiting for something else, oldest first.
    pending: VecDeque<ServerFrame>,
    next_request: u64,
    /// How long any one frame may take to arrive.
    deadline: Duration,
}

impl Ws {
    /// Connect to `url` without authenticating; every read waits at most `deadline`.
    pub async fn try_connect_raw(url: &str, deadline: Duration) -> anyhow::Result<Ws> {
        let (stream, _) = tokio::time::timeout(deadline, tokio_tungstenite::connect_async(url))
            .await
            .context("connecting the WebSocket in time")?
            .with_context(|| format!("connecting the WebSocket {url}"))?;
        Ok(Ws {
            stream,
            pending: Default::default(),
            next_request: 1,
            deadline,
        })
    }

    /// Connect to `url` and authenticate with `token`.
    pub async fn try_connect(url: &str, token: &str, deadline: Duration) -> anyhow::Result<Ws> {
        let mut ws = Ws::try_connect_raw(url, deadline).await?;
        ws.try_send(&ClientFrame::Authenticate {
            token: token.to_string(),
        })
        .await?;
        match ws.try_next().await? {
            ServerFrame::Authenticated { .. } => Ok(ws),
            ServerFrame::Error { message, .. } => bail!("authenticating: {message}"),
            other => bail!("expected authenticated, got {other:?}"),
        }
    }

    /// Connect to the node without authenticating.
    pub async fn connect_raw(node: &Node) -> Ws {
        Ws::connect_raw_to(&node.ws_url()).await
    }

    /// Connect to `url` (a node's, or a proxy's) without authenticating.
    pub async fn connect_raw_to(url: &str) -> Ws {
        must(Ws::try_connect_raw(url, DEADLINE).await)
    }

    /// Connect to the node and authenticate with the client's token.
    pub async fn connect(node: &Node, who: &Client) -> Ws {
        Ws::connect_to(&node.ws_url(), who).await
    }

    /// Connect to `url` and authenticate with the client's token.
    pub async fn connect_to(url: &str, who: &Client) -> Ws {
        let token = who.token.as_deref().expect("a signed-in client");
        must(Ws::try_connect(url, token, DEADLINE).await)
    }

    pub async fn try_send(&mut self, frame: &ClientFrame) -> anyhow::Result<()> {
        self.try_send_text(serde_json::to_string(frame)?).await
    }

    pub async fn send(&mut self, frame: &ClientFrame) {
        must(self.try_send(frame).await)
    }

    async fn try_send_text(&mut self, text: String) -> anyhow::Result<()> {
        self.stream
            .send(Message::text(text))
            .await
            .context("sending a frame")
    }

    /// Send any text as a frame (the tests send malformed ones).
    pub async fn send_text(&mut self, text: String) {
        must(self.try_send_text(text).await)
    }

    /// The next frame, in arrival order.
    pub async fn try_next(&mut self) -> anyhow::Result<ServerFrame> {
        if let Some(f) = self.pending.pop_front() {
            return Ok(f);
        }
        self.read().await
    }

    pub async fn next(&mut self) -> ServerFrame {
        must(self.try_next().await)
    }

    async fn read(&mut self) -> anyhow::Result<ServerFrame> {
        loop {
            let msg = tokio::time::timeout(self.deadline, self.stream.next())
                .await
                .map_err(|_| anyhow!("no frame within {:?}", self.deadline))?
                .ok_or_else(|| anyhow!("the connection is closed"))?
                .context("reading a frame")?;
            match msg {
                Message::Text(t) => {
                    return serde_json::from_str(&t)
                        .with_context(|| format!("an undecodable frame: {t}"))
                }
                Message::Close(c) => bail!("the server closed the connection: {c:?}"),
                _ => continue,
            }
        }
    }

    /// Read until a frame matches; the others stay queued in order.
    pub async fn try_wait_for<T>(
        &mut self,
        mut pick: impl FnMut(&ServerFrame) -> Option<T>,
    ) -> anyhow::Result<T> {
        if let Some(i) = self.pending.iter().position(|f| pick(f).is_some()) {
            let f = self.pending.remove(i).expect("a queued frame");
            return Ok(pick(&f).expect("the frame picked"));
        }
        loop {
            let f = self.read().await?;
            if let Some(t) = pick(&f) {
                return Ok(t);
            }
            self.pending.push_back(f);
        }
    }

    pub async fn wait_for<T>(&mut self, pick: impl FnMut(&ServerFrame) -> Option<T>) -> T {
        must(self.try_wait_for(pick).await)
    }

    /// Read until the server closes the connection (frames before that are dropped).
    pub async fn closed_by_server(&mut self) {
        loop {
            let msg = tokio::time::timeout(self.deadline, self.stream.next())
                .await
                .expect("the server closes the connection within the deadline");
            match msg {
                None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return,
                Some(Ok(_)) => continue,
            }
        }
    }

    /// Subscribe and return the snapshot's state.
    pub async fn subscribe(&mut self, meeting: MeetingId) -> MeetingState {
        self.send(&ClientFrame::Subscribe {
            meeting_id: meeting,
            since: None,
        })
        .await;
        self.wait_for(|f| match f {
            ServerFrame::Snapshot { meeting_id, state } if *meeting_id == meeting => {
                Some((**state).clone())
            }
            _ => None,
        })
        .await
    }

    /// Send a command and wait for its ack (`Ok(seq)`) or refusal.
    pub async fn command(
        &mut self,
        meeting: MeetingId,
        command: Command,
    ) -> Result<u64, Rejection> {
        // Unique across connections and runs: a request_id is also an idempotency key.
        let request_id = format!("{}_{}", crate::unique("r"), self.next_request);
        self.next_request += 1;
        self.send(&ClientFrame::Command {
            request_id: request_id.clone(),
            meeting_id: meeting,
            command,
        })
        .await;
        self.wait_for(|f| match f {
            ServerFrame::Ack {
                request_id: r, seq, ..
            } if *r == request_id => Some(Ok(*seq)),
            ServerFrame::Rejected {
                request_id: r,
                reason,
                ..
            } if *r == request_id => Some(Err(reason.clone())),
            ServerFrame::Error {
                request_id: Some(r),
                code,
                message,
                ..
            } if *r == request_id => {
                panic!("command failed with {code:?}: {message}")
            }
            _ => None,
        })
        .await
    }

    /// The next event frame of `meeting`, skipping acks and other frames.
    pub async fn next_event(&mut self, meeting: MeetingId) -> EventEnvelope {
        self.wait_for(|f| match f {
            ServerFrame::Event(e) if e.meeting_id == meeting => Some(e.clone()),
            _ => None,
        })
        .await
    }

    /// Events of `meeting` up to and including `seq`, in the order received.
    pub async fn events_through(&mut self, meeting: MeetingId, seq: u64) -> Vec<EventEnvelope> {
        let mut out = Vec::new();
        loop {
            let e = self.next_event(meeting).await;
            let done = e.seq >= seq;
            out.push(e);
            if done {
                return out;
            }
        }
    }

    /// The next frame that is an error.
    pub async fn next_error(&mut self) -> (frames::ErrorCode, String) {
        self.wait_for(|f| match f {
            ServerFrame::Error { code, message, .. } => Some((*code, message.clone())),
            _ => None,
        })
        .await
    }

    /// Whether the connection still answers: a ping frame gets its pong.
    pub async fn assert_usable(&mut self) {
        self.send(&ClientFrame::Ping { nonce: Some(4242) }).await;
        self.wait_for(|f| matches!(f, ServerFrame::Pong { nonce: Some(4242) }).then_some(()))
            .await;
    }

    pub async fn close(mut self) {
        let _ = self.stream.close(None).await;
    }

    /// Keep the connection (and so the media peer it owns) open in the background: read
    /// and drop every frame, and ping now and then. Aborting the task closes it.
    pub fn keep_open(self) -> tokio::task::JoinHandle<()> {
        let (mut sink, mut stream) = self.stream.split();
        tokio::spawn(async move {
            let mut ping = tokio::time::interval(Duration::from_secs(10));
            ping.tick().await;
            loop {
                tokio::select! {
                    msg = stream.next() => match msg {
                        Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                        Some(Ok(_)) => {}
                    },
                    _ = ping.tick() => {
                        let frame = serde_json::to_string(&ClientFrame::Ping { nonce: None })
                            .unwrap_or_default();
                        if sink.send(Message::text(frame)).await.is_err() {
                            return;
                        }
                    }
                }
            }
        })
    }
}
