//! The server's HTTP API and WebSocket, as a client uses them (the same calls as the
//! integration tests' harness, tests/integration/helpers.rs), and the meeting the benchmark
//! runs: a floor speaker holding the floor, six live interpretation booths, and a viewer
//! whose token every listener uses.

use crate::server::{Server, ADMIN_USERNAME};
use anyhow::{anyhow, bail, Context};
use floor_protocol::api::*;
use floor_protocol::frames::{ClientFrame, ServerFrame};
use floor_protocol::*;
use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// How long any one step of setting up may take.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// The six interpretation channels of the default session rules, in order.
pub const CHANNELS: [&str; 6] = ["ar", "zh", "en", "fr", "ru", "es"];

#[derive(Clone)]
pub struct Http {
    base: String,
    http: reqwest::Client,
    token: Option<String>,
}

impl Http {
    pub fn new(base: &str) -> Http {
        Http {
            base: base.to_string(),
            http: reqwest::Client::new(),
            token: None,
        }
    }

    pub fn token(&self) -> &str {
        self.token.as_deref().unwrap_or_default()
    }

    fn with_token(&self, token: String) -> Http {
        Http {
            token: Some(token),
            ..self.clone()
        }
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> anyhow::Result<Value> {
        let mut r = self
            .http
            .request(method.clone(), format!("{}{path}", self.base));
        if let Some(t) = &self.token {
            r = r.bearer_auth(t);
        }
        if let Some(b) = body {
            r = r.json(&b);
        }
        let resp = r.send().await.with_context(|| format!("{method} {path}"))?;
        let status = resp.status();
        let text = resp.text().await.unwrap_or_default();
        if !status.is_success() {
            bail!("{method} {path}: {status} {text}");
        }
        serde_json::from_str(&text).with_context(|| format!("{method} {path}: {text}"))
    }

    pub async fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        Ok(serde_json::from_value(
            self.send(reqwest::Method::GET, path, None).await?,
        )?)
    }

    pub async fn post<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: &impl serde::Serialize,
    ) -> anyhow::Result<T> {
        let body = serde_json::to_value(body)?;
        Ok(serde_json::from_value(
            self.send(reqwest::Method::POST, path, Some(body)).await?,
        )?)
    }

    pub async fn command(
        &self,
        meeting: MeetingId,
        command: Command,
    ) -> anyhow::Result<CommandAccepted> {
        let name = command.name();
        self.post(
            &format!("/api/meetings/{meeting}/commands"),
            &CommandRequest {
                command,
                request_id: None,
            },
        )
        .await
        .with_context(|| format!("command {name}"))
    }
}

/// Add a participant, invite them and redeem the invitation: a signed-in client.
async fn invite(
    sec: &Http,
    session: SessionId,
    name: &str,
    role: Role,
    delegation: Option<DelegationId>,
) -> anyhow::Result<Http> {
    let p: Participant = sec
        .post(
            &format!("/api/sessions/{session}/participants"),
            &NewParticipant {
                display_name: name.into(),
                role,
                delegation_id: delegation,
            },
        )
        .await?;
    let inv: Invitation = sec
        .post(
            &format!("/api/participants/{}/invitations", p.id),
            &NewInvitation {
                meeting_id: None,
                valid_for_hours: None,
            },
        )
        .await?;
    let anon = Http {
        token: None,
        ..sec.clone()
    };
    let t: TokenResponse = anon
        .post("/api/invitations/redeem", &RedeemRequest { code: inv.code })
        .await?;
    Ok(anon.with_token(t.token))
}

/// The meeting under load and the people in it.
pub struct Meeting {
    pub id: MeetingId,
    /// The delegate holding the floor, remote (heard through their own microphone).
    pub speaker: Http,
    /// One interpreter per channel of [`CHANNELS`], each holding the live microphone.
    pub interpreters: Vec<Http>,
    /// A viewer: every listener connects with this token.
    pub viewer: Http,
}

impl Meeting {
    pub async fn set_up(server: &Server) -> anyhow::Result<Meeting> {
        let anon = Http::new(&server.base);
        let login: TokenResponse = anon
            .post(
                "/api/login",
                &LoginRequest {
                    username: ADMIN_USERNAME.into(),
                    password: server.admin_password.clone(),
                },
            )
            .await?;
        let sec = anon.with_token(login.token);
        let session: Session = sec
            .post(
                "/api/sessions",
                &NewSession {
                    title: "Commission on Narcotic Drugs, media benchmark".into(),
                    body_symbol: "E/CN.7".into(),
                    rules: None,
                },
            )
            .await?;
        let delegation: Delegation = sec
            .post(
                &format!("/api/sessions/{}/delegations", session.id),
                &NewDelegation {
                    name: "Austria".into(),
                    kind: DelegationKind::Member,
                },
            )
            .await?;
        let meeting: floor_protocol::api::Meeting = sec
            .post(
                &format!("/api/sessions/{}/meetings", session.id),
                &NewMeeting {
                    title: "Plenary, 1st meeting".into(),
                    format: MeetingFormat::Hybrid,
                },
            )
            .await?;
        let id = meeting.id;
        let added = sec
            .command(
                id,
                Command::AddAgendaItem {
                    number: "3".into(),
                    title: "General debate".into(),
                    parent: None,
                },
            )
            .await?;
        let item = added
            .events
            .iter()
            .find_map(|e| match &e.event {
                Event::AgendaItemAdded { item, .. } => Some(*item),
                _ => None,
            })
            .ok_or_else(|| anyhow!("no agenda item added"))?;
        sec.command(id, Command::TakeUpItem { item }).await?;
        let chair = invite(&sec, session.id, "Chair", Role::Chair, None).await?;
        let speaker = invite(
            &sec,
            session.id,
            "Delegate of Austria",
            Role::Delegate,
            Some(delegation.id),
        )
        .await?;
        let viewer = invite(&sec, session.id, "Listeners", Role::Viewer, None).await?;

        chair.command(id, Command::OpenMeeting).await?;
        speaker
            .command(
                id,
                Command::CheckIn {
                    mode: AttendanceMode::Remote,
                },
            )
            .await?;
        speaker
            .command(
                id,
                Command::RequestFloor {
                    item: None,
                    capacity: Default::default(),
                },
            )
            .await?;
        chair.command(id, Command::NextSpeaker).await?;

        let mut interpreters = Vec::new();
        for channel in CHANNELS {
            let who = invite(
                &sec,
                session.id,
                &format!("Interpreter ({channel})"),
                Role::Interpreter,
                None,
            )
            .await?;
            let me: TokenResponse = who.get("/api/me").await?;
            let participant = me
                .participant
                .ok_or_else(|| anyhow!("an interpreter without a participant id"))?;
            sec.command(
                id,
                Command::AssignInterpreter {
                    participant,
                    channel: channel.into(),
                },
            )
            .await?;
            who.command(
                id,
                Command::TakeMicrophone {
                    channel: channel.into(),
                },
            )
            .await?;
            interpreters.push(who);
        }
        Ok(Meeting {
            id,
            speaker,
            interpreters,
            viewer,
        })
    }
}

/// A WebSocket connection speaking the protocol.
pub struct Ws {
    stream: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl Ws {
    /// Connect and authenticate with `token`.
    pub async fn connect(url: &str, token: &str) -> anyhow::Result<Ws> {
        let (stream, _) = tokio::time::timeout(DEADLINE, tokio_tungstenite::connect_async(url))
            .await
            .context("connecting the WebSocket in time")??;
        let mut ws = Ws { stream };
        ws.send(&ClientFrame::Authenticate {
            token: token.to_string(),
        })
        .await?;
        ws.wait_for(|f| match f {
            ServerFrame::Authenticated { .. } => Some(Ok(())),
            ServerFrame::Error { message, .. } => Some(Err(anyhow!("{message}"))),
            _ => None,
        })
        .await??;
        Ok(ws)
    }

    pub async fn send(&mut self, frame: &ClientFrame) -> anyhow::Result<()> {
        self.stream
            .send(Message::text(serde_json::to_string(frame)?))
            .await
            .context("sending a frame")
    }

    /// Read until a frame matches (the others are dropped).
    pub async fn wait_for<T>(
        &mut self,
        mut pick: impl FnMut(&ServerFrame) -> Option<T>,
    ) -> anyhow::Result<T> {
        tokio::time::timeout(DEADLINE, async {
            loop {
                let msg = self
                    .stream
                    .next()
                    .await
                    .ok_or_else(|| anyhow!("the server closed the WebSocket"))??;
                match msg {
                    Message::Text(t) => {
                        // Frames this client does not know are not the one waited for.
                        if let Ok(f) = serde_json::from_str::<ServerFrame>(&t) {
                            if let Some(x) = pick(&f) {
                                return Ok(x);
                            }
                        }
                    }
                    Message::Close(c) => bail!("the server closed the WebSocket: {c:?}"),
                    _ => {}
                }
            }
        })
        .await
        .context("waiting for a frame")?
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
