//! Debian's nginx with `infra/proxy.conf` in front of two nodes sharing PostgreSQL and
//! Redis: a meeting driven entirely through the proxy (the HTTP API spread over both
//! nodes, a document larger than nginx's default body limit, WebSocket upgrades), and
//! media signalling kept on one node per meeting, so that a delegate is heard.
//!
//! The configuration is the shipped file with only its addresses and its TLS lines
//! swapped for the test's (a plain listening port: the clients here speak no TLS, and
//! TLS termination is nginx's own business, not the file's).

use crate::documents::{publish, published, uploaded};
use floor_protocol::document::{Distribution, DocumentKind};
use floor_protocol::frames::ServerFrame;
use floor_protocol::*;
use floor_testkit::peer::{speech::*, *};
use floor_testkit::*;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};

const NGINX: &str = "/usr/sbin/nginx";
const SPEAKER: u32 = 0x5BEA;
const SPEAKER_AGAIN: u32 = 0x5BEB;

/// nginx running `infra/proxy.conf` in front of `nodes`, in a folder of its own; stopped
/// when dropped.
struct Proxy {
    child: Child,
    base: String,
    port: u16,
}

impl Proxy {
    fn start(nodes: &[&Node], dir: &Path) -> Proxy {
        assert!(
            Path::new(NGINX).exists(),
            "{NGINX} is missing: install Debian's nginx (`cargo xtask test` does, as root)"
        );
        std::fs::create_dir_all(dir).unwrap();
        let shipped = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../infra/proxy.conf"),
        )
        .unwrap();
        let port = free_port();
        let servers: String = nodes
            .iter()
            .map(|n| format!("    server 127.0.0.1:{};\n", n.port))
            .collect();
        let site = for_test(&shipped, &servers, port);
        std::fs::write(dir.join("floor.conf"), site).unwrap();
        let d = dir.display();
        let main = format!(
            "daemon off;\nmaster_process off;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n\
             events {{ worker_connections 512; }}\n\
             http {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
             \x20 fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
             \x20 include {d}/floor.conf;\n}}\n"
        );
        let conf = dir.join("nginx.conf");
        std::fs::write(&conf, main).unwrap();
        let args = |extra: &[&str]| {
            let mut cmd = Process::new(NGINX);
            cmd.arg("-p")
                .arg(dir)
                .arg("-e")
                .arg(dir.join("error.log"))
                .arg("-c")
                .arg(&conf)
                .args(extra);
            cmd
        };
        let checked = args(&["-t"]).output().expect("run nginx -t");
        assert!(
            checked.status.success(),
            "nginx refuses the configuration: {}",
            String::from_utf8_lossy(&checked.stderr)
        );
        let child = args(&[])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start nginx");
        Proxy {
            child,
            base: format!("http://127.0.0.1:{port}"),
            port,
        }
    }

    /// The proxy's WebSocket address for a client following `meeting`, or for one that
    /// does not say (the browser client opens its socket before it knows the meeting).
    fn ws_url(&self, meeting: Option<MeetingId>) -> String {
        match meeting {
            Some(m) => format!("ws://127.0.0.1:{}/ws?meeting={m}", self.port),
            None => format!("ws://127.0.0.1:{}/ws", self.port),
        }
    }

    /// Wait until the proxy passes a request through to a node.
    async fn ready(&self) {
        let http = reqwest::Client::new();
        let deadline = tokio::time::Instant::now() + DEADLINE;
        loop {
            let answered = http.get(format!("{}/healthz", self.base)).send().await;
            if answered.is_ok_and(|r| r.status() == 200) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "nginx did not pass /healthz through within {DEADLINE:?}"
            );
            // nginx says nothing when it listens; poll for that, briefly, with a deadline.
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on now (the proxy binds it a moment later).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `proxy.conf` with the test's upstream servers, a plain port instead of 443 with TLS,
/// and nothing else changed. Each swap must find what it replaces, so a reshaped file
/// fails here rather than being tested half.
fn for_test(shipped: &str, servers: &str, port: u16) -> String {
    let mut out = String::new();
    let (mut upstreams, mut listens, mut certificates) = (0, 0, 0);
    let mut in_upstream = false;
    for line in shipped.lines() {
        let t = line.trim();
        if t.starts_with("upstream ") {
            in_upstream = true;
            upstreams += 1;
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if in_upstream && t.starts_with("server ") {
            continue;
        }
        if in_upstream && t == "}" {
            in_upstream = false;
            out.push_str(servers);
        } else if t.starts_with("listen ") {
            listens += 1;
            out.push_str(&format!("    listen 127.0.0.1:{port};\n"));
            continue;
        } else if t.starts_with("ssl_certificate") {
            certificates += 1;
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    assert_eq!(
        (upstreams, listens, certificates),
        (2, 1, 2),
        "proxy.conf has two upstreams, one listen and a certificate with its key"
    );
    out
}

/// A PDF of `len` bytes (the header, then text).
fn long_pdf(len: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    let mut line = 0u64;
    while bytes.len() < len {
        bytes.extend_from_slice(format!("% line {line} of the document\n").as_bytes());
        line += 1;
    }
    bytes.truncate(len);
    bytes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_meeting_runs_through_nginx_with_the_shipped_configuration() {
    let db = TestDb::new(Backend::Postgres);
    let channel = format!("floor:test:{}:{}:proxy", std::process::id(), db.url.len());
    let options = NodeOptions {
        redis_channel: Some(channel),
        env: vec![("FLOOR_TRUST_FORWARDED_FOR", "true".into())],
        ..Default::default()
    };
    let a = Node::start_with(&db, &options);
    let b = Node::start_with(&db, &options);
    let proxy_dir: PathBuf = db.files_dir().with_file_name("nginx");
    let proxy = Proxy::start(&[&a, &b], &proxy_dir);
    proxy.ready().await;

    // The nodes give their metrics to loopback, which is where nginx connects from: the
    // proxy's own rule is what keeps /metrics from the public.
    let direct = reqwest::get(format!("{}/metrics", a.base)).await.unwrap();
    assert_eq!(direct.status(), 200, "node A answers loopback itself");
    let through = reqwest::get(format!("{}/metrics", proxy.base))
        .await
        .unwrap();
    assert_eq!(through.status(), 403, "the proxy refuses /metrics");

    // The session is set up on node A; from here on, everyone goes through the proxy.
    let fx = Fixture::new(&a, 2).await;
    let via = |c: &Client| Client {
        base: proxy.base.clone(),
        ..c.clone()
    };
    let (chair, secretariat) = (via(&fx.chair), via(&fx.secretariat));
    let (speaker, listener) = (via(&fx.delegates[0]), via(&fx.delegates[1]));

    // Both delegates follow the meeting over WebSockets upgraded by nginx.
    let mut ws_speaker = Ws::connect_to(&proxy.ws_url(Some(fx.meeting)), &speaker).await;
    let mut ws_listener = Ws::connect_to(&proxy.ws_url(Some(fx.meeting)), &listener).await;
    ws_listener.subscribe(fx.meeting).await;

    chair.command_ok(fx.meeting, Command::OpenMeeting).await;
    for command in [
        Command::CheckIn {
            mode: AttendanceMode::Remote,
        },
        Command::RequestFloor {
            item: None,
            capacity: Default::default(),
        },
    ] {
        speaker.command_ok(fx.meeting, command).await;
    }

    // A document over nginx's default 1 MiB body limit is uploaded and published, and read
    // back whole by two requests (which nginx spreads over both nodes).
    let content = long_pdf(3 * 1024 * 1024);
    let id = uploaded(&secretariat, fx.session, content.clone()).await;
    let doc = published(
        &secretariat,
        fx.session,
        publish(
            "E/CN.7/2026/CRP.2",
            DocumentKind::ConferenceRoomPaper,
            Distribution::General,
            &id,
        ),
    )
    .await;
    for _ in 0..2 {
        let got = listener
            .http
            .get(format!(
                "{}/api/sessions/{}/documents/{}/files/en",
                proxy.base, fx.session, doc.id
            ))
            .bearer_auth(listener.token.as_ref().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(got.status(), 200);
        assert!(
            got.bytes().await.unwrap() == content,
            "the file, byte for byte"
        );
    }

    // Media: both delegates' signalling goes through the proxy; the speaker, given the
    // floor, is heard by the listener, which needs both on the node of the meeting.
    let mut speaking = MediaPeer::new(true, false, false).await;
    let mut listening = MediaPeer::new(false, false, true).await;
    speaking.join(&mut ws_speaker, fx.meeting).await;
    listening.join(&mut ws_listener, fx.meeting).await;
    let mut heard = listening.listen();
    let _talking = speaking.speak(SPEAKER).await;
    let given = chair.command_ok(fx.meeting, Command::NextSpeaker).await.seq;
    let floor = ws_listener
        .wait_for(|f| match f {
            ServerFrame::Event(e) if e.seq == given => Some(e.event.clone()),
            _ => None,
        })
        .await;
    assert!(
        matches!(floor, Event::FloorGiven { .. }),
        "the listener's WebSocket through the proxy carries the event: {floor:?}"
    );
    next_heard(&mut heard, "speaker", |h| h.marker == SPEAKER).await;

    // The same two on sockets that name no meeting: they too reach one node, and the
    // speaker, who still holds the floor, is heard again.
    speaking.close().await;
    listening.close().await;
    ws_speaker.close().await;
    ws_listener.close().await;
    let mut ws_speaker = Ws::connect_to(&proxy.ws_url(None), &speaker).await;
    let mut ws_listener = Ws::connect_to(&proxy.ws_url(None), &listener).await;
    let mut speaking = MediaPeer::new(true, false, false).await;
    let mut listening = MediaPeer::new(false, false, true).await;
    speaking.join(&mut ws_speaker, fx.meeting).await;
    listening.join(&mut ws_listener, fx.meeting).await;
    let mut heard = listening.listen();
    let _talking_again = speaking.speak(SPEAKER_AGAIN).await;
    next_heard(&mut heard, "speaker", |h| h.marker == SPEAKER_AGAIN).await;
}
