//! The harness: databases, server processes, and HTTP and WebSocket clients with named
//! helpers so that each test reads as what a participant does.

use floor_protocol::api::*;
use floor_protocol::frames::{ClientFrame, ServerFrame};
use floor_protocol::*;
use futures_util::{SinkExt, StreamExt};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command as Process, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// How long any single expected thing may take before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(20);
pub const ADMIN_PASSWORD: &str = "integration-secretariat-password";
pub const REDIS_URL: &str = "redis://127.0.0.1:6379";

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh database for one test, removed when dropped.
pub struct TestDb {
    pub url: String,
    backend: Backend,
    name: String,
    /// A folder of the test's own: the SQLite file and the document files live there.
    dir: tempdir::Dir,
}

mod tempdir {
    /// A folder under the system temp dir, removed on drop.
    pub struct Dir(pub std::path::PathBuf);
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn psql(sql: &str) {
    let out = Process::new("psql")
        .args([
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-qc",
            sql,
        ])
        .output()
        .expect("psql must be installed (.ci/run installs it)");
    assert!(
        out.status.success(),
        "psql {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl TestDb {
    pub fn new(backend: Backend) -> TestDb {
        let name = unique("floor_test");
        let dir = std::env::temp_dir().join(&name);
        std::fs::create_dir_all(&dir).unwrap();
        let url = match backend {
            Backend::Sqlite => format!("sqlite://{}/floor.db?mode=rwc", dir.display()),
            Backend::Postgres => {
                psql(&format!("CREATE DATABASE {name}"));
                format!("postgres://postgres@127.0.0.1:5432/{name}")
            }
        };
        TestDb {
            url,
            backend,
            name,
            dir: tempdir::Dir(dir),
        }
    }

    /// Where the node keeps document files.
    pub fn files_dir(&self) -> std::path::PathBuf {
        self.dir.0.join("files")
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The number of rows in `table` of this PostgreSQL database.
    pub fn count_rows(&self, table: &str) -> u64 {
        assert_eq!(self.backend, Backend::Postgres, "counted with psql");
        let out = Process::new("psql")
            .args([&self.url, "-v", "ON_ERROR_STOP=1", "-tAc"])
            .arg(format!("SELECT count(*) FROM {table}"))
            .output()
            .expect("psql must be installed (.ci/run installs it)");
        assert!(
            out.status.success(),
            "counting {table}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if self.backend == Backend::Postgres {
            let _ = Process::new("psql")
                .args(["-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc"])
                .arg(format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    self.name
                ))
                .output();
        }
    }
}

/// How to start a node.
#[derive(Clone, Default)]
pub struct NodeOptions {
    pub redis_channel: Option<String>,
    pub jwt_secret: Option<String>,
    /// More settings, as the environment variables an operator would set.
    pub env: Vec<(&'static str, String)>,
}

/// A running `floor` process. Killed (SIGKILL) when dropped.
pub struct Node {
    child: Child,
    pub port: u16,
    pub base: String,
}

impl Node {
    pub fn start(db: &TestDb) -> Node {
        Node::start_with(db, &NodeOptions::default())
    }

    pub fn start_with(db: &TestDb, options: &NodeOptions) -> Node {
        let mut cmd = Process::new(env!("CARGO_BIN_EXE_floor"));
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("FLOOR_ADDR", "127.0.0.1:0")
            .env("DATABASE_URL", &db.url)
            .env("FLOOR_FILES_DIR", db.files_dir())
            .env("FLOOR_DEMO", "false")
            .env("FLOOR_ADMIN_USERNAME", "secretariat")
            .env("FLOOR_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env(
                "RUST_LOG",
                std::env::var("FLOOR_TEST_LOG").unwrap_or_else(|_| "warn,rtc_dtls=error".into()),
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if let Some(channel) = &options.redis_channel {
            cmd.env("REDIS_URL", REDIS_URL)
                .env("FLOOR_REDIS_CHANNEL", channel);
        }
        if let Some(secret) = &options.jwt_secret {
            cmd.env("FLOOR_JWT_SECRET", secret);
        }
        for (name, value) in &options.env {
            cmd.env(name, value);
        }
        let mut child = cmd.spawn().expect("start the floor binary");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            for line in lines.by_ref() {
                let Ok(line) = line else { break };
                if let Some(base) = line.strip_prefix("Floor listening on ") {
                    let _ = tx.send(base.trim().to_string());
                    break;
                }
            }
            // Keep draining so the server never blocks on a full pipe.
            for _ in lines {}
        });
        let base = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(b) => b,
            Err(_) => {
                let _ = child.kill();
                panic!("the server did not report its address within 60 s");
            }
        };
        let port = base.rsplit(':').next().unwrap().parse().unwrap();
        Node { child, port, base }
    }

    /// The server process's id (to read its memory in `/proc`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Kill the process without warning, as a power cut or `kill -9` would.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Ask the process to stop, as a service manager would (SIGTERM).
    pub fn terminate(&self) {
        let status = Process::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success());
    }

    /// Wait for the process to exit by itself; its exit status.
    pub fn wait(mut self) -> std::process::ExitStatus {
        self.child.wait().expect("wait for the server")
    }

    pub fn client(&self) -> Client {
        Client {
            base: self.base.clone(),
            http: reqwest::Client::new(),
            token: None,
        }
    }

    pub async fn secretariat(&self) -> Client {
        let mut c = self.client();
        let t: TokenResponse = c
            .post_ok(
                "/api/login",
                &LoginRequest {
                    username: "secretariat".into(),
                    password: ADMIN_PASSWORD.into(),
                },
            )
            .await;
        c.token = Some(t.token);
        c
    }

    pub fn ws_url(&self) -> String {
        format!("ws://127.0.0.1:{}/ws", self.port)
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP client, signed in or not.
#[derive(Clone)]
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
    pub token: Option<String>,
}

/// An HTTP answer: status and JSON body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: serde_json::Value,
}

impl Answer {
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }
}

impl Client {
    pub fn with_token(&self, token: &str) -> Client {
        Client {
            token: Some(token.to_string()),
            ..self.clone()
        }
    }

    fn req(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let r = self.http.request(method, format!("{}{path}", self.base));
        match &self.token {
            Some(t) => r.bearer_auth(t),
            None => r,
        }
    }

    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Answer {
        let mut r = self.req(method, path);
        if let Some(b) = body {
            r = r.json(b);
        }
        let resp = r.send().await.expect("HTTP request");
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap_or_default();
        Answer {
            status,
            body: serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: &impl Serialize) -> Answer {
        self.send(
            reqwest::Method::POST,
            path,
            Some(&serde_json::to_value(body).unwrap()),
        )
        .await
    }

    pub async fn get_ok<T: DeserializeOwned>(&self, path: &str) -> T {
        let a = self.get(path).await;
        assert!(a.status < 300, "GET {path}: {a:?}");
        serde_json::from_value(a.body).unwrap()
    }

    pub async fn post_ok<T: DeserializeOwned>(&self, path: &str, body: &impl Serialize) -> T {
        let a = self.post(path, body).await;
        assert!(a.status < 300, "POST {path}: {a:?}");
        serde_json::from_value(a.body).unwrap()
    }

    pub async fn command(&self, meeting: MeetingId, command: Command) -> Answer {
        self.post(
            &format!("/api/meetings/{meeting}/commands"),
            &CommandRequest {
                command,
                request_id: None,
            },
        )
        .await
    }

    /// A new hybrid meeting of `session`, created by this (secretariat's) client.
    pub async fn new_meeting(&self, session: SessionId, title: &str) -> Meeting {
        self.post_ok(
            &format!("/api/sessions/{session}/meetings"),
            &NewMeeting {
                title: title.into(),
                format: MeetingFormat::Hybrid,
            },
        )
        .await
    }

    pub async fn command_ok(&self, meeting: MeetingId, command: Command) -> CommandAccepted {
        let a = self.command(meeting, command.clone()).await;
        assert_eq!(a.status, 200, "{command:?}: {a:?}");
        serde_json::from_value(a.body).unwrap()
    }

    pub async fn view(&self, meeting: MeetingId) -> MeetingView {
        self.get_ok(&format!("/api/meetings/{meeting}")).await
    }

    /// The delegate asks for the floor on the current item, in its national capacity.
    pub async fn asks_for_the_floor(&self, meeting: MeetingId) -> CommandAccepted {
        self.command_ok(
            meeting,
            Command::RequestFloor {
                item: None,
                capacity: Default::default(),
            },
        )
        .await
    }
}

/// A session with a roster, a meeting with an agenda item taken up, and signed-in people.
pub struct Fixture {
    pub session: SessionId,
    pub meeting: MeetingId,
    pub secretariat: Client,
    pub chair: Client,
    /// Member delegations, in roster order.
    pub members: Vec<Delegation>,
    pub observer: Delegation,
    pub ngo: Delegation,
    /// One delegate client per member delegation, in the same order.
    pub delegates: Vec<Client>,
    pub item: AgendaItemId,
}

impl Fixture {
    /// `members` member delegations with one delegate each.
    pub async fn new(node: &Node, members: usize) -> Fixture {
        let sec = node.secretariat().await;
        let session: Session = sec
            .post_ok(
                "/api/sessions",
                &NewSession {
                    title: "Commission on Narcotic Drugs, test session".into(),
                    body_symbol: "E/CN.7".into(),
                    rules: None,
                },
            )
            .await;
        let mut member_list = Vec::new();
        let states: Vec<&str> = floor_server::demo::UN_MEMBER_STATES.lines().collect();
        for name in states.iter().take(members) {
            member_list.push(add_delegation(&sec, session.id, name, DelegationKind::Member).await);
        }
        let observer =
            add_delegation(&sec, session.id, states[150], DelegationKind::ObserverState).await;
        let ngo = add_delegation(
            &sec,
            session.id,
            "Vienna NGO Committee on Drugs",
            DelegationKind::Ngo,
        )
        .await;
        let meeting = sec.new_meeting(session.id, "Plenary, 1st meeting").await;
        let accepted = sec
            .command_ok(
                meeting.id,
                Command::AddAgendaItem {
                    number: "3".into(),
                    title: "General debate".into(),
                    parent: None,
                },
            )
            .await;
        let item = match &accepted.events[0].event {
            Event::AgendaItemAdded { item, .. } => *item,
            other => panic!("unexpected {other:?}"),
        };
        sec.command_ok(meeting.id, Command::TakeUpItem { item })
            .await;
        let chair = invite(&sec, session.id, "Chair", Role::Chair, None).await;
        let mut delegates = Vec::new();
        for d in &member_list {
            delegates.push(
                invite(
                    &sec,
                    session.id,
                    &format!("Delegate of {}", d.name),
                    Role::Delegate,
                    Some(d.id),
                )
                .await,
            );
        }
        Fixture {
            session: session.id,
            meeting: meeting.id,
            secretariat: sec,
            chair,
            members: member_list,
            observer,
            ngo,
            delegates,
            item,
        }
    }

    pub async fn open(&self) {
        self.chair
            .command_ok(self.meeting, Command::OpenMeeting)
            .await;
    }

    /// Delegate `i` checks in as remote and asks for the floor, and the chair calls the
    /// next speaker: with nobody else inscribed, `i` holds the floor.
    pub async fn remote_delegate_takes_the_floor(&self, i: usize) {
        for command in [
            Command::CheckIn {
                mode: AttendanceMode::Remote,
            },
            Command::RequestFloor {
                item: None,
                capacity: Default::default(),
            },
        ] {
            self.delegates[i].command_ok(self.meeting, command).await;
        }
        self.chair
            .command_ok(self.meeting, Command::NextSpeaker)
            .await;
    }

    /// A signed-in participant of this session with `role`.
    pub async fn participant(&self, role: Role, delegation: Option<DelegationId>) -> Client {
        invite(
            &self.secretariat,
            self.session,
            &format!("A {}", role.as_str()),
            role,
            delegation,
        )
        .await
    }
}

pub async fn add_delegation(
    sec: &Client,
    session: SessionId,
    name: &str,
    kind: DelegationKind,
) -> Delegation {
    sec.post_ok(
        &format!("/api/sessions/{session}/delegations"),
        &NewDelegation {
            name: name.into(),
            kind,
        },
    )
    .await
}

/// Add a participant, invite them and redeem the invitation: a signed-in client.
pub async fn invite(
    sec: &Client,
    session: SessionId,
    name: &str,
    role: Role,
    delegation: Option<DelegationId>,
) -> Client {
    let p: Participant = sec
        .post_ok(
            &format!("/api/sessions/{session}/participants"),
            &NewParticipant {
                display_name: name.into(),
                role,
                delegation_id: delegation,
            },
        )
        .await;
    let inv: Invitation = sec
        .post_ok(
            &format!("/api/participants/{}/invitations", p.id),
            &NewInvitation {
                meeting_id: None,
                valid_for_hours: None,
            },
        )
        .await;
    let anon = Client {
        token: None,
        ..sec.clone()
    };
    let t: TokenResponse = anon
        .post_ok("/api/invitations/redeem", &RedeemRequest { code: inv.code })
        .await;
    anon.with_token(&t.token)
}

/// A WebSocket client speaking the protocol.
pub struct Ws {
    stream: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// Frames received while waiting for something else, oldest first.
    pending: std::collections::VecDeque<ServerFrame>,
    next_request: u64,
}

impl Ws {
    /// Connect without authenticating.
    pub async fn connect_raw(node: &Node) -> Ws {
        Ws::connect_raw_to(&node.ws_url()).await
    }

    /// Connect to `url` (a node's, or a proxy's) without authenticating.
    pub async fn connect_raw_to(url: &str) -> Ws {
        let (stream, _) = tokio::time::timeout(DEADLINE, tokio_tungstenite::connect_async(url))
            .await
            .expect("connect in time")
            .expect("connect");
        Ws {
            stream,
            pending: Default::default(),
            next_request: 1,
        }
    }

    /// Connect and authenticate with the client's token.
    pub async fn connect(node: &Node, who: &Client) -> Ws {
        Ws::connect_to(&node.ws_url(), who).await
    }

    /// Connect to `url` and authenticate with the client's token.
    pub async fn connect_to(url: &str, who: &Client) -> Ws {
        let mut ws = Ws::connect_raw_to(url).await;
        ws.send(&ClientFrame::Authenticate {
            token: who.token.clone().expect("a signed-in client"),
        })
        .await;
        match ws.next().await {
            ServerFrame::Authenticated { .. } => ws,
            other => panic!("expected authenticated, got {other:?}"),
        }
    }

    pub async fn send(&mut self, frame: &ClientFrame) {
        self.send_text(serde_json::to_string(frame).unwrap()).await;
    }

    pub async fn send_text(&mut self, text: String) {
        self.stream
            .send(Message::text(text))
            .await
            .expect("send a frame");
    }

    /// The next frame, in arrival order.
    pub async fn next(&mut self) -> ServerFrame {
        if let Some(f) = self.pending.pop_front() {
            return f;
        }
        self.read().await
    }

    async fn read(&mut self) -> ServerFrame {
        loop {
            let msg = tokio::time::timeout(DEADLINE, self.stream.next())
                .await
                .expect("a frame within the deadline")
                .expect("the connection is open")
                .expect("a readable frame");
            match msg {
                Message::Text(t) => {
                    return serde_json::from_str(&t)
                        .unwrap_or_else(|e| panic!("undecodable frame {t}: {e}"))
                }
                Message::Close(c) => panic!("the server closed the connection: {c:?}"),
                _ => continue,
            }
        }
    }

    /// Read until a frame matches; the others stay queued in order.
    pub async fn wait_for<T>(&mut self, mut pick: impl FnMut(&ServerFrame) -> Option<T>) -> T {
        if let Some(i) = self.pending.iter().position(|f| pick(f).is_some()) {
            let f = self.pending.remove(i).unwrap();
            return pick(&f).unwrap();
        }
        loop {
            let f = self.read().await;
            if let Some(t) = pick(&f) {
                return t;
            }
            self.pending.push_back(f);
        }
    }

    /// Read until the server closes the connection (frames before that are dropped).
    pub async fn closed_by_server(&mut self) {
        loop {
            let msg = tokio::time::timeout(DEADLINE, self.stream.next())
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
        let request_id = format!("{}_{}", unique("r"), self.next_request);
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
}

use floor_protocol::frames;

/// Run an async test body against both databases.
#[macro_export]
macro_rules! on_both_databases {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                ($body)($crate::helpers::Backend::Sqlite).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                ($body)($crate::helpers::Backend::Postgres).await
            }
        }
    };
}
