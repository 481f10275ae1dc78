//! The WebSocket at `/ws`. One task per connection `select!`s over the client's frames,
//! the events of the meetings it follows and a heartbeat. Each followed meeting has a
//! small forwarding task between the meeting's broadcast channel and the connection, so
//! a connection that cannot keep up falls behind alone and is told to resync; it never
//! slows the meeting or the other participants.

use crate::auth::{Identity, TokenError};
use crate::db::now_ms;
use crate::hub::{CommandError, Initial};
use crate::media::{Holder, MediaError, PeerId};
use crate::registers::InitialDocuments;
use crate::startup::AppState;
use actix_web::{get, web, HttpRequest, HttpResponse};
use actix_ws::{AggregatedMessage, CloseCode, Session};
use floor_protocol::document::Reader;
use floor_protocol::frames::{ClientFrame, CloseReason, ErrorCode, ServerFrame};
use floor_protocol::media::{FloorRoute, Publisher};
use floor_protocol::{Command, DelegationId, MeetingId, Millis, Role, SessionId};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, mpsc};
use tokio::task::JoinHandle;

/// The largest text frame the protocol accepts; bigger ones get a `frame_too_large` error.
pub const MAX_FRAME_BYTES: usize = 64 * 1024;
/// Beyond this the WebSocket codec itself refuses the frame and the connection ends.
const MAX_WIRE_FRAME_BYTES: usize = 1024 * 1024;
const HEARTBEAT: Duration = Duration::from_secs(10);
const CLIENT_TIMEOUT: Duration = Duration::from_secs(30);
const AUTH_TIMEOUT: Duration = Duration::from_secs(15);
/// A write the client does not take within this time marks it as too slow.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Frames queued between a meeting's forwarder and the connection.
const OUTBOX: usize = 256;

#[get("/ws")]
pub async fn ws(
    req: HttpRequest,
    body: web::Payload,
    app: web::Data<AppState>,
) -> actix_web::Result<HttpResponse> {
    let (response, session, stream) = actix_ws::handle(&req, body)?;
    let stream = stream
        .max_frame_size(MAX_WIRE_FRAME_BYTES)
        .aggregate_continuations()
        .max_continuation_size(MAX_WIRE_FRAME_BYTES);
    actix_web::rt::spawn(async move {
        let _open = crate::metrics::OpenConnection::count();
        let mut c = Connection::new(app.into_inner(), session);
        let reason = c.run(stream).await;
        c.finish(reason).await;
    });
    Ok(response)
}

/// Why a connection loop ended.
enum End {
    /// The client vanished: nothing more to say.
    Gone,
    /// The client sent a Close frame: answered with a Close frame of the same code
    /// (RFC 6455, 5.5.1), and the connection ends.
    ClosedByClient(Option<actix_ws::CloseReason>),
    /// The server closes, telling the client why.
    Close(CloseReason),
}

/// What a connection follows: a meeting, or a session's documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Stream {
    Meeting(MeetingId),
    Documents(SessionId),
    /// Who is talking in a meeting (chair, secretariat, room).
    AudioLevels(MeetingId),
}

impl std::fmt::Display for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stream::Meeting(m) => write!(f, "meeting {m}"),
            Stream::Documents(s) => write!(f, "documents of session {s}"),
            Stream::AudioLevels(m) => write!(f, "audio levels of meeting {m}"),
        }
    }
}

enum Signal {
    TooSlow(Stream),
}

struct Connection {
    app: Arc<AppState>,
    session: Session,
    identity: Option<Identity>,
    following: HashMap<Stream, JoinHandle<()>>,
    /// This connection's media peer in each meeting.
    media: HashMap<MeetingId, PeerId>,
    outbox_tx: mpsc::Sender<Arc<str>>,
    outbox: mpsc::Receiver<Arc<str>>,
    signal_tx: mpsc::UnboundedSender<Signal>,
    signals: mpsc::UnboundedReceiver<Signal>,
    started: Instant,
    last_heard: Instant,
}

impl Connection {
    fn new(app: Arc<AppState>, session: Session) -> Self {
        let (outbox_tx, outbox) = mpsc::channel(OUTBOX);
        let (signal_tx, signals) = mpsc::unbounded_channel();
        Connection {
            app,
            session,
            identity: None,
            following: HashMap::new(),
            media: HashMap::new(),
            outbox_tx,
            outbox,
            signal_tx,
            signals,
            started: Instant::now(),
            last_heard: Instant::now(),
        }
    }

    async fn run(&mut self, mut stream: actix_ws::AggregatedMessageStream) -> End {
        let mut heartbeat = tokio::time::interval(HEARTBEAT);
        heartbeat.tick().await;
        let mut shutdown = self.app.shutdown.clone();
        let mut revocations = self.app.revocations.subscribe();
        if *shutdown.borrow_and_update() {
            return End::Close(CloseReason::ShuttingDown);
        }
        loop {
            let step = tokio::select! {
                msg = stream.recv() => match msg {
                    Some(Ok(msg)) => {
                        self.last_heard = Instant::now();
                        self.on_message(msg).await
                    }
                    // A protocol error (e.g. a frame over the codec's limit) or the end.
                    Some(Err(_)) | None => Err(End::Gone),
                },
                Some(frame) = self.outbox.recv() => self.send_raw(frame).await,
                Some(Signal::TooSlow(stream)) = self.signals.recv() => {
                    tracing::info!(%stream, "a subscriber fell too far behind; disconnecting it");
                    Err(End::Close(CloseReason::TooSlow))
                }
                _ = heartbeat.tick() => self.on_heartbeat().await,
                revoked = revocations.recv() => match (revoked, &self.identity) {
                    (Ok(p), Some(who)) if who.participant == Some(p) => {
                        Err(End::Close(CloseReason::TokenRevoked))
                    }
                    // Missed some: check this connection's own version.
                    (Err(broadcast::error::RecvError::Lagged(_)), Some(who)) => {
                        self.check_not_revoked(&who.clone()).await
                    }
                    _ => Ok(()),
                },
                _ = shutdown.changed() => Err(End::Close(CloseReason::ShuttingDown)),
            };
            if let Err(end) = step {
                return end;
            }
        }
    }

    async fn finish(mut self, end: End) {
        if matches!(end, End::Close(CloseReason::TooSlow)) {
            crate::metrics::slow_consumer_dropped();
        }
        for (_, f) in self.following.drain() {
            f.abort();
        }
        for (_, peer) in self.media.drain() {
            self.app.meetings.media.leave(peer);
        }
        if let End::ClosedByClient(theirs) = &end {
            // Echo the client's code; no description is needed in an answer.
            let echo = theirs.as_ref().map(|r| actix_ws::CloseReason {
                code: r.code,
                description: None,
            });
            let _ = tokio::time::timeout(WRITE_TIMEOUT, self.session.close(echo)).await;
            return;
        }
        if let End::Close(reason) = end {
            let message = match reason {
                CloseReason::TooSlow => {
                    "You fell too far behind; reconnect and subscribe with `since`."
                }
                CloseReason::TokenExpired => "Your token expired; sign in again.",
                CloseReason::TokenRevoked => "The secretariat revoked your access.",
                CloseReason::AuthenticationTimeout => "No authenticate frame arrived in time.",
                CloseReason::HeartbeatTimeout => "Nothing was heard from you in time.",
                CloseReason::ShuttingDown => "The server is shutting down; reconnect.",
            };
            let frame = ServerFrame::Closing {
                reason,
                message: message.into(),
            };
            let _ = tokio::time::timeout(WRITE_TIMEOUT, self.send(&frame)).await;
            let code = match reason {
                CloseReason::TooSlow => CloseCode::Again,
                CloseReason::ShuttingDown => CloseCode::Away,
                _ => CloseCode::Policy,
            };
            let _ = self
                .session
                .close(Some(actix_ws::CloseReason {
                    code,
                    description: Some(message.into()),
                }))
                .await;
        }
    }

    async fn on_heartbeat(&mut self) -> Result<(), End> {
        if self.last_heard.elapsed() > CLIENT_TIMEOUT {
            return Err(End::Close(CloseReason::HeartbeatTimeout));
        }
        match &self.identity {
            None if self.started.elapsed() > AUTH_TIMEOUT => {
                return Err(End::Close(CloseReason::AuthenticationTimeout))
            }
            Some(who) if who.is_expired(Millis(now_ms())) => {
                return Err(End::Close(CloseReason::TokenExpired))
            }
            // A revocation on another node reaches this one at the latest here.
            Some(who) => self.check_not_revoked(&who.clone()).await?,
            _ => {}
        }
        self.session.ping(b"").await.map_err(|_| End::Gone)
    }

    async fn on_message(&mut self, msg: AggregatedMessage) -> Result<(), End> {
        match msg {
            AggregatedMessage::Text(text) => self.on_text(&text).await,
            AggregatedMessage::Binary(_) => {
                self.error(
                    ErrorCode::MalformedFrame,
                    "Frames are JSON text; binary frames are not used.",
                    None,
                )
                .await
            }
            AggregatedMessage::Ping(bytes) => {
                self.session.pong(&bytes).await.map_err(|_| End::Gone)
            }
            AggregatedMessage::Pong(_) => Ok(()),
            AggregatedMessage::Close(reason) => Err(End::ClosedByClient(reason)),
        }
    }

    async fn on_text(&mut self, text: &str) -> Result<(), End> {
        if text.len() > MAX_FRAME_BYTES {
            return self
                .error(
                    ErrorCode::FrameTooLarge,
                    &format!(
                        "A frame may be at most {MAX_FRAME_BYTES} bytes; this one was {}.",
                        text.len()
                    ),
                    None,
                )
                .await;
        }
        let frame = match parse(text) {
            Ok(f) => f,
            Err((code, message, request_id)) => {
                return self.error(code, &message, request_id).await
            }
        };
        match frame {
            ClientFrame::Authenticate { token } => self.authenticate(&token).await,
            ClientFrame::Ping { nonce } => self.send(&ServerFrame::Pong { nonce }).await,
            ClientFrame::Subscribe { meeting_id, since } => {
                let Some(who) = self.identity.clone() else {
                    return self.not_authenticated(None).await;
                };
                self.subscribe(&who, meeting_id, since).await
            }
            ClientFrame::Unsubscribe { meeting_id } => {
                self.unfollow(Stream::Meeting(meeting_id));
                Ok(())
            }
            ClientFrame::SubscribeDocuments { session_id, since } => {
                let Some(who) = self.identity.clone() else {
                    return self.not_authenticated(None).await;
                };
                self.subscribe_documents(&who, session_id, since).await
            }
            ClientFrame::UnsubscribeDocuments { session_id } => {
                self.unfollow(Stream::Documents(session_id));
                Ok(())
            }
            ClientFrame::MediaOffer { meeting_id, sdp } => {
                let Some(who) = self.identity.clone() else {
                    return self.not_authenticated(None).await;
                };
                self.media_offer(&who, meeting_id, sdp).await
            }
            ClientFrame::MediaListen {
                meeting_id,
                channel,
            } => self.media_listen(meeting_id, channel).await,
            ClientFrame::MediaLeave { meeting_id } => {
                if let Some(peer) = self.media.remove(&meeting_id) {
                    self.app.meetings.media.leave(peer);
                }
                Ok(())
            }
            ClientFrame::Command {
                request_id,
                meeting_id,
                command,
            } => {
                let Some(who) = self.identity.clone() else {
                    return self.not_authenticated(Some(request_id)).await;
                };
                if who.is_expired(Millis(now_ms())) {
                    return Err(End::Close(CloseReason::TokenExpired));
                }
                self.command(&who, request_id, meeting_id, &command).await
            }
        }
    }

    async fn authenticate(&mut self, token: &str) -> Result<(), End> {
        if self.identity.is_some() {
            return self
                .error(
                    ErrorCode::AlreadyAuthenticated,
                    "This connection is already authenticated.",
                    None,
                )
                .await;
        }
        let verified = match self.app.keys.verify(token) {
            Ok(who) => match crate::api::not_revoked(&self.app, &who).await {
                Ok(true) => Ok(who),
                Ok(false) => Err(TokenError::Revoked),
                Err(e) => return self.command_error(CommandError::Internal(e), None).await,
            },
            Err(e) => Err(e),
        };
        match verified {
            Ok(who) => {
                let frame = ServerFrame::Authenticated {
                    role: who.role,
                    participant: who.participant,
                    delegation: who.delegation,
                    display_name: who.display_name.clone(),
                    expires_at: who.expires_at,
                };
                self.identity = Some(who);
                self.send(&frame).await
            }
            Err(TokenError::Expired) => {
                self.error(
                    ErrorCode::TokenExpired,
                    "The token has expired; sign in again.",
                    None,
                )
                .await
            }
            Err(TokenError::Invalid) => {
                self.error(ErrorCode::InvalidToken, "The token is not valid.", None)
                    .await
            }
            Err(TokenError::Revoked) => {
                self.error(
                    ErrorCode::TokenRevoked,
                    "This token was revoked by the secretariat.",
                    None,
                )
                .await
            }
        }
    }

    async fn subscribe(
        &mut self,
        who: &Identity,
        meeting: MeetingId,
        since: Option<u64>,
    ) -> Result<(), End> {
        self.check_not_revoked(who).await?;
        let sub = match self.app.meetings.subscribe(meeting, who, since).await {
            Ok(s) => s,
            Err(e) => return self.command_error(e, None).await,
        };
        self.unfollow(Stream::Meeting(meeting));
        match sub.initial {
            Initial::Snapshot(state) => {
                self.send(&ServerFrame::Snapshot {
                    meeting_id: meeting,
                    state,
                })
                .await?
            }
            Initial::Replay(events) => {
                for e in events {
                    self.send(&ServerFrame::Event(e)).await?;
                }
            }
        }
        self.follow(Stream::Meeting(meeting), sub.live, None, who.delegation);
        // Those who run the meeting, and the room's screens, see who is talking.
        if who.role.presides() || who.role == Role::Room {
            let levels = forward_levels(
                meeting,
                self.app.meetings.media.audio_levels(),
                self.outbox_tx.clone(),
            );
            self.following
                .insert(Stream::AudioLevels(meeting), tokio::spawn(levels));
        }
        Ok(())
    }

    async fn subscribe_documents(
        &mut self,
        who: &Identity,
        session: SessionId,
        since: Option<u64>,
    ) -> Result<(), End> {
        self.check_not_revoked(who).await?;
        let meetings = &self.app.meetings;
        let allowed = match meetings.covers_session(who, session).await {
            Ok(a) => a,
            Err(e) => return self.command_error(e, None).await,
        };
        if !allowed {
            return self
                .error(
                    ErrorCode::WrongScope,
                    "Your token does not cover this session.",
                    None,
                )
                .await;
        }
        let reader = match meetings.reader(who).await {
            Ok(r) => r,
            Err(e) => return self.command_error(CommandError::Internal(e), None).await,
        };
        let (initial, live) = match meetings.follow_documents(session, &reader, since).await {
            Ok(s) => s,
            Err(e) => return self.command_error(CommandError::Internal(e), None).await,
        };
        self.unfollow(Stream::Documents(session));
        match initial {
            InitialDocuments::Snapshot { seq, documents } => {
                self.send(&ServerFrame::Documents {
                    session_id: session,
                    seq,
                    documents,
                })
                .await?
            }
            InitialDocuments::Replay(events) => {
                for e in events {
                    self.send(&ServerFrame::DocumentEvent(e)).await?;
                }
            }
        }
        self.follow(Stream::Documents(session), live, Some(reader), None);
        Ok(())
    }

    async fn media_offer(
        &mut self,
        who: &Identity,
        meeting: MeetingId,
        sdp: String,
    ) -> Result<(), End> {
        self.check_not_revoked(who).await?;
        // Only participants whose token covers the meeting; the role decides what is heard
        // (a viewer's tracks feed no slot; a delegate's only with the floor).
        let (_, state) = match self.app.meetings.current(meeting, who).await {
            Ok(s) => s,
            Err(e) => return self.command_error(e, None).await,
        };
        // Every token names a participant or an account (`auth.rs` refuses others).
        let holder = match (who.participant, who.account) {
            (Some(p), _) => Holder::Participant(p),
            (None, Some(a)) => Holder::Account(a),
            (None, None) => {
                let e = anyhow::anyhow!("a token with neither participant nor account");
                return self.command_error(CommandError::Internal(e), None).await;
            }
        };
        let replacing = self.media.contains_key(&meeting);
        let peer = *self.media.entry(meeting).or_insert_with(next_peer_id);
        let publisher = Publisher {
            role: who.role,
            participant: who.participant,
            delegation: who.delegation,
        };
        match self
            .app
            .meetings
            .media
            .join(
                peer,
                holder,
                meeting,
                publisher,
                sdp,
                FloorRoute::of(&state),
            )
            .await
        {
            Ok(answer) => {
                self.send(&ServerFrame::MediaAnswer {
                    meeting_id: meeting,
                    sdp: answer,
                })
                .await
            }
            Err(e) => {
                // A refused re-offer leaves the connection's peer as it was (the SFU only
                // replaces it once the new offer is answered).
                if !replacing {
                    self.media.remove(&meeting);
                }
                let code = match e {
                    MediaError::ParticipantLimit(_) => ErrorCode::MediaConnectionLimit,
                    _ => ErrorCode::MediaRefused,
                };
                self.error(code, &e.to_string(), None).await
            }
        }
    }

    async fn media_listen(
        &mut self,
        meeting: MeetingId,
        channel: Option<String>,
    ) -> Result<(), End> {
        let Some(&peer) = self.media.get(&meeting) else {
            return self
                .error(
                    ErrorCode::MediaRefused,
                    "Join the meeting's media with a media_offer first.",
                    None,
                )
                .await;
        };
        if let Some(c) = &channel {
            let session = match self.app.meetings.hub(meeting).await {
                Ok(h) => h.meta.session_id,
                Err(e) => return self.command_error(e, None).await,
            };
            let known = match self.app.meetings.context(session).await {
                Ok(ctx) => ctx.rules.interpretation_channels.contains(c),
                Err(e) => return self.command_error(CommandError::Internal(e), None).await,
            };
            if !known {
                return self
                    .error(
                        ErrorCode::MediaRefused,
                        &format!("There is no interpretation channel {c:?}."),
                        None,
                    )
                    .await;
            }
        }
        self.app.meetings.media.listen(peer, channel);
        Ok(())
    }

    fn follow(
        &mut self,
        stream: Stream,
        live: broadcast::Receiver<crate::live::Delivery>,
        reader: Option<Reader>,
        delegation: Option<DelegationId>,
    ) {
        let forwarder = forward(
            stream,
            live,
            self.outbox_tx.clone(),
            self.signal_tx.clone(),
            reader,
            delegation,
        );
        self.following.insert(stream, tokio::spawn(forwarder));
    }

    fn unfollow(&mut self, stream: Stream) {
        if let Some(f) = self.following.remove(&stream) {
            f.abort();
        }
        if let Stream::Meeting(m) = stream {
            self.unfollow(Stream::AudioLevels(m));
        }
    }

    async fn command(
        &mut self,
        who: &Identity,
        request_id: String,
        meeting: MeetingId,
        command: &Command,
    ) -> Result<(), End> {
        self.check_not_revoked(who).await?;
        if let Err(limited) = self.app.limits.command(who) {
            return self
                .send(&ServerFrame::Error {
                    code: ErrorCode::RateLimited,
                    message: limited.message(),
                    request_id: Some(request_id),
                    retry_after_ms: Some(limited.retry_after_ms()),
                })
                .await;
        }
        let answer = self
            .app
            .meetings
            .execute_request(meeting, who, command, Some(&request_id))
            .await;
        match answer {
            Ok(accepted) => {
                let seq = accepted.events.last().map_or(0, |e| e.seq);
                self.send(&ServerFrame::Ack {
                    request_id,
                    meeting_id: meeting,
                    seq,
                    resent: accepted.resent,
                    ballot_pending: accepted.ballot_pending,
                })
                .await
            }
            Err(CommandError::Rejected(reason)) => {
                let message = reason.message();
                self.send(&ServerFrame::Rejected {
                    request_id,
                    meeting_id: meeting,
                    reason,
                    message,
                })
                .await
            }
            Err(e) => self.command_error(e, Some(request_id)).await,
        }
    }

    async fn command_error(
        &mut self,
        e: CommandError,
        request_id: Option<String>,
    ) -> Result<(), End> {
        let (code, message) = match e {
            CommandError::UnknownMeeting => (
                ErrorCode::UnknownMeeting,
                "There is no such meeting.".to_string(),
            ),
            CommandError::WrongScope => (
                ErrorCode::WrongScope,
                "Your token does not cover this meeting.".to_string(),
            ),
            CommandError::Rejected(r) => (ErrorCode::MalformedCommand, r.message()),
            CommandError::RequestIdReused => (
                ErrorCode::RequestIdReused,
                "This request_id was already used for a different command; nothing was changed. Use a new request_id for a new command.".to_string(),
            ),
            CommandError::InvalidRequestId => (
                ErrorCode::MalformedCommand,
                format!(
                    "A request_id has at most {} characters and no control character.",
                    crate::hub::MAX_REQUEST_ID
                ),
            ),
            CommandError::Internal(e) => {
                tracing::error!(error = ?e, "websocket request failed");
                (
                    ErrorCode::Internal,
                    "The server failed; nothing was changed. Try again.".to_string(),
                )
            }
        };
        self.error(code, &message, request_id).await
    }

    async fn not_authenticated(&mut self, request_id: Option<String>) -> Result<(), End> {
        self.error(
            ErrorCode::NotAuthenticated,
            "Send an authenticate frame first.",
            request_id,
        )
        .await
    }

    async fn error(
        &mut self,
        code: ErrorCode,
        message: &str,
        request_id: Option<String>,
    ) -> Result<(), End> {
        self.send(&ServerFrame::Error {
            code,
            message: message.to_string(),
            request_id,
            retry_after_ms: None,
        })
        .await
    }

    /// Whether this connection's token is still current; a revoked one ends the connection.
    async fn check_not_revoked(&self, who: &Identity) -> Result<(), End> {
        match crate::api::not_revoked(&self.app, who).await {
            Ok(true) => Ok(()),
            Ok(false) => Err(End::Close(CloseReason::TokenRevoked)),
            // The database is unreachable: the command itself would fail; keep the
            // connection and let the next check decide.
            Err(e) => {
                tracing::warn!(error = %e, "could not check a token's version");
                Ok(())
            }
        }
    }

    async fn send(&mut self, frame: &ServerFrame) -> Result<(), End> {
        let text = serde_json::to_string(frame).map_err(|_| End::Gone)?;
        self.send_raw(text.into()).await
    }

    async fn send_raw(&mut self, text: Arc<str>) -> Result<(), End> {
        match tokio::time::timeout(WRITE_TIMEOUT, self.session.text(text.to_string())).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(End::Gone),
            Err(_) => Err(End::Close(CloseReason::TooSlow)),
        }
    }
}

/// Carry one stream's events to a connection until either side ends, skipping those
/// whose audience does not admit the reader, and giving the connection of a delegation
/// its own copy of a sealed vote where there is one. If the connection has fallen so far
/// behind that the stream's buffer overran, say so and stop.
async fn forward(
    stream: Stream,
    mut live: broadcast::Receiver<crate::live::Delivery>,
    outbox: mpsc::Sender<Arc<str>>,
    signal: mpsc::UnboundedSender<Signal>,
    reader: Option<Reader>,
    delegation: Option<DelegationId>,
) {
    loop {
        match live.recv().await {
            Ok(mut d) => {
                if let Some((own, frame)) = d.own.take() {
                    if Some(own) == delegation {
                        d.frame = frame;
                    }
                }
                let admitted = match (&d.audience, &reader) {
                    (None, _) => true,
                    (Some(audience), Some(r)) => audience.admits(r),
                    (Some(_), None) => false,
                };
                if admitted {
                    if outbox.send(d.frame).await.is_err() {
                        return;
                    }
                    crate::metrics::fanned_out(d.broadcast_at);
                }
            }
            Err(broadcast::error::RecvError::Lagged(_)) => {
                let _ = signal.send(Signal::TooSlow(stream));
                return;
            }
            Err(broadcast::error::RecvError::Closed) => return,
        }
    }
}

/// Carry a meeting's audio levels to a connection. Levels are only worth something now:
/// when the connection's outbox is full, or this task fell behind, the old ones are
/// skipped rather than queued.
async fn forward_levels(
    meeting: MeetingId,
    mut levels: broadcast::Receiver<crate::media::MeetingLevels>,
    outbox: mpsc::Sender<Arc<str>>,
) {
    loop {
        match levels.recv().await {
            Ok(l) if l.meeting == meeting => match outbox.try_send(l.frame) {
                Ok(()) | Err(mpsc::error::TrySendError::Full(_)) => {}
                Err(mpsc::error::TrySendError::Closed(_)) => return,
            },
            Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => {}
            Err(broadcast::error::RecvError::Closed) => return,
        }
    }
}

/// A fresh media peer number for this node.
fn next_peer_id() -> PeerId {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Parse a client frame, telling apart malformed JSON, unknown commands and commands of a
/// known type with wrong fields.
fn parse(text: &str) -> Result<ClientFrame, (ErrorCode, String, Option<String>)> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        (
            ErrorCode::MalformedFrame,
            format!("Not valid JSON: {e}."),
            None,
        )
    })?;
    let request_id = value
        .get("request_id")
        .and_then(|r| r.as_str())
        .map(str::to_string);
    let is_command = value.get("type").and_then(|t| t.as_str()) == Some("command");
    match serde_json::from_value::<ClientFrame>(value.clone()) {
        Ok(f) => match value
            .get("command")
            .filter(|_| is_command)
            .and_then(crate::plain_text::control_character)
        {
            Some((field, c)) => Err((
                ErrorCode::MalformedCommand,
                crate::plain_text::refusal(&format!("command.{field}"), c),
                request_id,
            )),
            None => Ok(f),
        },
        Err(e) if is_command => {
            let command = value.get("command").cloned().unwrap_or_default();
            let name = command.get("type").and_then(|t| t.as_str()).unwrap_or("");
            match serde_json::from_value::<Command>(command.clone()) {
                Err(ce) if ce.to_string().contains("unknown variant") || name.is_empty() => Err((
                    ErrorCode::UnknownCommand,
                    format!("There is no command {name:?}; see docs/protocol.md for the list."),
                    request_id,
                )),
                Err(ce) => Err((
                    ErrorCode::MalformedCommand,
                    format!("The {name} command is not well formed: {ce}."),
                    request_id,
                )),
                Ok(_) => Err((
                    ErrorCode::MalformedFrame,
                    format!("The command frame is not well formed: {e}."),
                    request_id,
                )),
            }
        }
        Err(e) => Err((
            ErrorCode::MalformedFrame,
            format!("Not a frame of this protocol: {e}."),
            request_id,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A connection that takes frames more slowly than the meeting produces them makes
    /// its forwarder fall behind; the forwarder then signals `TooSlow` instead of holding
    /// anyone up. (A connection that takes nothing at all is caught by `WRITE_TIMEOUT`.)
    #[tokio::test]
    async fn a_connection_that_falls_behind_is_signalled_too_slow() {
        let (meeting_tx, live) = broadcast::channel(4);
        // A one-frame outbox, read late, as with a client on a poor line.
        let (outbox, mut slow_reader) = mpsc::channel(1);
        let (signal, mut signals) = mpsc::unbounded_channel();
        let forwarder = tokio::spawn(forward(
            Stream::Meeting(MeetingId(1)),
            live,
            outbox,
            signal,
            None,
            None,
        ));
        for seq in 1..=16 {
            // The meeting never waits for the slow reader.
            meeting_tx
                .send(crate::live::Delivery {
                    seq,
                    frame: Arc::from("{}"),
                    audience: None,
                    broadcast_at: Instant::now(),
                    own: None,
                })
                .unwrap();
            tokio::task::yield_now().await;
        }
        // The reader finally takes one frame; the forwarder finds it has lost events.
        assert!(slow_reader.recv().await.is_some());
        let got = tokio::time::timeout(Duration::from_secs(10), signals.recv()).await;
        assert!(matches!(
            got,
            Ok(Some(Signal::TooSlow(Stream::Meeting(MeetingId(1)))))
        ));
        forwarder.await.unwrap();
        drop(meeting_tx);
    }

    #[test]
    fn parse_tells_malformed_from_unknown_commands() {
        assert_eq!(parse("{not json").unwrap_err().0, ErrorCode::MalformedFrame);
        assert_eq!(
            parse(r#"{"type":"dance"}"#).unwrap_err().0,
            ErrorCode::MalformedFrame
        );
        let unknown = parse(
            r#"{"type":"command","request_id":"r1","meeting_id":1,"command":{"type":"dance"}}"#,
        )
        .unwrap_err();
        assert_eq!(
            (unknown.0, unknown.2.as_deref()),
            (ErrorCode::UnknownCommand, Some("r1"))
        );
        let malformed =
            parse(r#"{"type":"command","request_id":"r2","meeting_id":1,"command":{"type":"give_floor"}}"#)
                .unwrap_err();
        assert_eq!(malformed.0, ErrorCode::MalformedCommand);
        assert!(matches!(
            parse(
                r#"{"type":"command","request_id":"r3","meeting_id":1,"command":{"type":"next_speaker"}}"#
            ),
            Ok(ClientFrame::Command { .. })
        ));
    }
}
