//! The operators' figures at `GET /metrics`, scraped from the real server during a
//! meeting: they move as participants connect, send commands and speak; they are refused
//! outside the operator's network without the token; and the Grafana dashboard in
//! `infra/` asks only for figures a scrape has, and shows every one of them.

use floor_protocol::*;
use floor_testkit::peer::{speech::*, *};
use floor_testkit::*;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

const CHAIR: u32 = 0xC4A1;

/// One scrape, parsed: each sample by its metric name and labels.
struct Scrape {
    samples: Vec<(String, BTreeMap<String, String>, f64)>,
    /// The names given a `# TYPE` line: the figures themselves (a histogram's samples add
    /// `_bucket`, `_sum` and `_count`).
    families: BTreeSet<String>,
}

impl Scrape {
    fn parse(text: &str) -> Scrape {
        let mut samples = Vec::new();
        let mut families = BTreeSet::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            if let Some(rest) = line.strip_prefix("# TYPE ") {
                families.insert(rest.split(' ').next().unwrap().to_string());
                continue;
            }
            if line.starts_with('#') {
                continue;
            }
            let (series, value) = line.rsplit_once(' ').expect("a sample: series value");
            let value: f64 = value
                .parse()
                .unwrap_or_else(|_| panic!("a number in {line}"));
            let (name, labels) = match series.split_once('{') {
                Some((name, labels)) => (name, labels.trim_end_matches('}')),
                None => (series, ""),
            };
            let labels = labels
                .split("\",")
                .filter(|l| !l.is_empty())
                .map(|l| {
                    let (k, v) = l.split_once("=\"").expect("label=\"value\"");
                    (k.to_string(), v.trim_end_matches('"').to_string())
                })
                .collect();
            samples.push((name.to_string(), labels, value));
        }
        Scrape { samples, families }
    }

    /// The sum of `name`'s samples whose labels include `with`; 0 when there are none.
    fn value(&self, name: &str, with: &[(&str, &str)]) -> f64 {
        self.samples
            .iter()
            .filter(|(n, labels, _)| {
                n == name
                    && with
                        .iter()
                        .all(|(k, v)| labels.get(*k).map(String::as_str) == Some(*v))
            })
            .map(|(_, _, v)| v)
            .sum()
    }

    fn names(&self) -> BTreeSet<&str> {
        self.samples.iter().map(|(n, _, _)| n.as_str()).collect()
    }
}

/// `GET /metrics`: status and body.
async fn get_metrics(
    node: &Node,
    bearer: Option<&str>,
    forwarded_for: Option<&str>,
) -> (u16, String) {
    let mut req = reqwest::Client::new().get(format!("{}/metrics", node.base));
    if let Some(token) = bearer {
        req = req.bearer_auth(token);
    }
    if let Some(address) = forwarded_for {
        req = req.header("X-Forwarded-For", address);
    }
    let resp = req.send().await.expect("GET /metrics");
    let status = resp.status().as_u16();
    (status, resp.text().await.unwrap_or_default())
}

async fn scrape(node: &Node) -> Scrape {
    let (status, body) = get_metrics(node, None, None).await;
    assert_eq!(status, 200, "{body}");
    Scrape::parse(&body)
}

/// Scrape until `holds`, within the deadline (the figures are updated by tasks of their
/// own: a WebSocket's count when its task starts, the SFU's on its next packet).
async fn scrape_until(node: &Node, what: &str, holds: impl Fn(&Scrape) -> bool) -> Scrape {
    let deadline = tokio::time::Instant::now() + DEADLINE;
    loop {
        let s = scrape(node).await;
        if holds(&s) {
            return s;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the scrape never showed {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

const CONNECTIONS: &str = "floor_websocket_connections";
const COMMANDS: &str = "floor_command_duration_seconds_count";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_scrape_during_a_meeting_shows_connections_commands_events_and_media_move() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 2).await;
    let before = scrape(&node).await;
    assert_eq!(before.value(CONNECTIONS, &[]), 0.0);

    // Two participants follow the meeting: the gauge counts their connections.
    let mut chair = Ws::connect(&node, &fx.chair).await;
    let mut delegate = Ws::connect(&node, &fx.delegates[0]).await;
    chair.subscribe(fx.meeting).await;
    delegate.subscribe(fx.meeting).await;
    scrape_until(&node, "two WebSocket connections", |s| {
        s.value(CONNECTIONS, &[]) == 2.0
    })
    .await;

    // The meeting runs: commands accepted and one refused, over the WebSocket and HTTP.
    fx.open().await;
    for command in [
        Command::CheckIn {
            mode: AttendanceMode::Remote,
        },
        Command::RequestFloor {
            item: None,
            capacity: Default::default(),
        },
    ] {
        delegate.command(fx.meeting, command).await.unwrap();
    }
    let refused = delegate.command(fx.meeting, Command::NextSpeaker).await;
    assert!(refused.is_err(), "a delegate may not call the next speaker");
    let last = chair
        .command(fx.meeting, Command::NextSpeaker)
        .await
        .unwrap();
    // Both followers received every event (so each was fanned out to both).
    let through = delegate.events_through(fx.meeting, last).await;
    chair.events_through(fx.meeting, last).await;
    let events = through.len() as f64;

    let during = scrape(&node).await;
    let next_speaker = |outcome| [("command", "next_speaker"), ("outcome", outcome)];
    assert_eq!(during.value(COMMANDS, &next_speaker("accepted")), 1.0);
    assert_eq!(during.value(COMMANDS, &next_speaker("rejected")), 1.0);
    assert_eq!(
        during.value(
            COMMANDS,
            &[("command", "open_meeting"), ("outcome", "accepted")]
        ),
        1.0
    );
    assert_eq!(
        during.value(COMMANDS, &[]) - before.value(COMMANDS, &[]),
        5.0,
        "five commands decided since the fixture's"
    );
    // A histogram: every command falls in the last bucket; the time taken adds up.
    assert_eq!(
        during.value(
            "floor_command_duration_seconds_bucket",
            &[
                ("command", "next_speaker"),
                ("outcome", "accepted"),
                ("le", "+Inf")
            ]
        ),
        1.0
    );
    assert!(during.value("floor_command_duration_seconds_sum", &[]) > 0.0);
    let appended = during.value("floor_events_appended_total", &[("log", "meeting")])
        - before.value("floor_events_appended_total", &[("log", "meeting")]);
    assert!(
        appended >= events,
        "{appended} events appended, {events} received"
    );
    // A frame is counted once queued for its connection, which its follower may read
    // before the forwarding task has recorded it: wait for the count, with a deadline.
    scrape_until(&node, "each event fanned out to both followers", |s| {
        s.value("floor_fanout_lag_seconds_count", &[]) >= 2.0 * events
    })
    .await;
    assert_eq!(during.value("floor_slow_consumers_dropped_total", &[]), 0.0);

    // Media: the chair speaks, the delegate hears; the SFU's figures follow.
    let mut chair_media = MediaPeer::new(true, false, false).await;
    chair_media.join(&mut chair, fx.meeting).await;
    let _speaking = chair_media.speak(CHAIR).await;
    let mut listener = MediaPeer::new(false, false, true).await;
    listener.join(&mut delegate, fx.meeting).await;
    let mut heard = listener.listen();
    next_heard(&mut heard, "chair", |h| h.marker == CHAIR).await;
    let media = scrape_until(&node, "packets forwarded to the listener", |s| {
        s.value("floor_media_packets_forwarded_total", &[]) > 0.0
    })
    .await;
    assert_eq!(media.value("floor_media_peers", &[]), 2.0);
    assert!(
        media.value("floor_media_packets_received_total", &[])
            >= media.value("floor_media_packets_forwarded_total", &[]),
        "one listener: each packet forwarded was received first"
    );

    // Sign-ins beyond the per-account limit (10 a minute) are refused and counted.
    let anonymous = node.client();
    let mut answers = Vec::new();
    for _ in 0..11 {
        let a = anonymous
            .post(
                "/api/login",
                &api::LoginRequest {
                    username: "nobody-here".into(),
                    password: "not the password".into(),
                },
            )
            .await;
        answers.push(a.status);
    }
    assert_eq!(answers.last(), Some(&429), "{answers:?}");
    let limited = scrape(&node).await;
    assert_eq!(
        limited.value("floor_rate_limited_total", &[("limit", "sign_in")]),
        1.0
    );

    // A connection that ends is no longer counted.
    delegate.close().await;
    scrape_until(&node, "one WebSocket connection", |s| {
        s.value(CONNECTIONS, &[]) == 1.0
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_event_bus_counts_its_failed_publishes_and_its_reconnection_after_redis_restarts() {
    let mut redis = crate::resilience::TestRedis::start();
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start_with(
        &db,
        &NodeOptions {
            redis_channel: Some(format!("floor:metrics:{}", std::process::id())),
            env: vec![("REDIS_URL", redis.url())],
            ..Default::default()
        },
    );
    let fx = Fixture::new(&node, 1).await;
    let before = scrape(&node).await;
    assert_eq!(before.value("floor_bus_publish_failures_total", &[]), 0.0);
    assert_eq!(before.value("floor_bus_reconnects_total", &[]), 0.0);

    // With Redis gone, a command is still accepted (the log is the truth), but its
    // events could not be published.
    redis.kill();
    fx.open().await;
    let down = scrape(&node).await;
    assert_eq!(down.value("floor_bus_publish_failures_total", &[]), 1.0);

    redis.start_again();
    scrape_until(&node, "the bus reconnected", |s| {
        s.value("floor_bus_reconnects_total", &[]) >= 1.0
    })
    .await;
}

#[tokio::test]
async fn metrics_are_refused_outside_the_operators_network_without_the_token() {
    let db = TestDb::new(Backend::Sqlite);
    // The operator's network is elsewhere; the test scrapes from loopback.
    let node = Node::start_with(
        &db,
        &NodeOptions {
            env: vec![
                ("FLOOR_METRICS_ALLOW", "192.0.2.0/24, 2001:db8::/32".into()),
                ("FLOOR_METRICS_TOKEN", "scrape-secret".into()),
            ],
            ..Default::default()
        },
    );
    for bearer in [None, Some("scrape-secreT"), Some("")] {
        let (status, body) = get_metrics(&node, bearer, None).await;
        assert_eq!(status, 403, "{bearer:?}: {body}");
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["code"], "forbidden");
        let message = body["message"].as_str().unwrap();
        assert!(
            message.contains("FLOOR_METRICS_ALLOW") && message.contains("FLOOR_METRICS_TOKEN"),
            "{message}"
        );
        assert!(!message.contains("floor_"), "no figure leaks: {message}");
    }
    let (status, body) = get_metrics(&node, Some("scrape-secret"), None).await;
    assert_eq!(status, 200);
    assert!(Scrape::parse(&body).families.contains(CONNECTIONS));

    // Behind a proxy on the same machine (FLOOR_TRUST_FORWARDED_FOR), the client's own
    // address counts, not the proxy's loopback one.
    let proxied_db = TestDb::new(Backend::Sqlite);
    let proxied = Node::start_with(
        &proxied_db,
        &NodeOptions {
            env: vec![("FLOOR_TRUST_FORWARDED_FOR", "true".into())],
            ..Default::default()
        },
    );
    let (status, _) = get_metrics(&proxied, None, Some("203.0.113.9")).await;
    assert_eq!(status, 403, "an outside client through the proxy");
    let (status, _) = get_metrics(&proxied, None, Some("203.0.113.9, 127.0.0.1")).await;
    assert_eq!(status, 200, "the proxy vouches for the last address");
    let (status, _) = get_metrics(&proxied, None, None).await;
    assert_eq!(status, 200, "this machine, without a proxy");
    let (status, _) = get_metrics(&proxied, None, Some("not an address")).await;
    assert_eq!(status, 403, "a forwarded address that does not parse");

    // A client that reaches the node directly cannot name itself an allowed address: the
    // TCP peer must be allowed too.
    let direct_db = TestDb::new(Backend::Sqlite);
    let direct = Node::start_with(
        &direct_db,
        &NodeOptions {
            env: vec![
                ("FLOOR_TRUST_FORWARDED_FOR", "true".into()),
                ("FLOOR_METRICS_ALLOW", "192.0.2.0/24".into()),
            ],
            ..Default::default()
        },
    );
    let (status, _) = get_metrics(&direct, None, Some("192.0.2.1")).await;
    assert_eq!(
        status, 403,
        "a forwarded address chosen by the client itself"
    );

    // No network at all: only the token would do.
    let closed_db = TestDb::new(Backend::Sqlite);
    let closed = Node::start_with(
        &closed_db,
        &NodeOptions {
            env: vec![("FLOOR_METRICS_ALLOW", "none".into())],
            ..Default::default()
        },
    );
    assert_eq!(get_metrics(&closed, None, None).await.0, 403);
}

#[test]
fn a_network_that_is_not_one_stops_the_server_with_the_setting_named() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_floor"))
        .env_clear()
        .env("FLOOR_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", "sqlite::memory:")
        .env("FLOOR_METRICS_ALLOW", "127.0.0.0/8,10.0.0.0/33")
        .output()
        .expect("run the floor binary");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("FLOOR_METRICS_ALLOW") && stderr.contains("10.0.0.0/33"),
        "{stderr}"
    );
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("Floor listening"),
        "it did not start"
    );
}

#[test]
fn json_logs_are_one_object_a_line_for_a_log_collector() {
    use std::io::BufRead;
    let db = TestDb::new(Backend::Sqlite);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_floor"))
        .env_clear()
        .env("FLOOR_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", &db.url)
        .env("FLOOR_FILES_DIR", db.files_dir())
        .env("FLOOR_DEMO", "false")
        .env("FLOOR_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start the floor binary");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    let lines: Vec<String> = (0..3)
        .map(|_| rx.recv_timeout(DEADLINE).expect("a log line in time"))
        .collect();
    let _ = child.kill();
    let _ = child.wait();
    for line in &lines {
        let entry: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("not one JSON object: {line}: {e}"));
        assert_eq!(entry["level"], "INFO", "{line}");
        assert!(entry["timestamp"].is_string(), "{line}");
        assert!(entry["target"].is_string(), "{line}");
        assert!(entry["fields"]["message"].is_string(), "{line}");
    }
}

#[tokio::test]
async fn the_grafana_dashboard_asks_for_figures_that_exist_and_shows_every_one() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 1).await;
    // A follower and a command, so that the histograms have their series.
    let mut chair = Ws::connect(&node, &fx.chair).await;
    chair.subscribe(fx.meeting).await;
    let seq = chair
        .command(fx.meeting, Command::OpenMeeting)
        .await
        .unwrap();
    chair.events_through(fx.meeting, seq).await;
    let scraped = scrape(&node).await;
    let names = scraped.names();

    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../infra/grafana-dashboard.json"
    );
    let dashboard: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read the dashboard"))
            .expect("the dashboard is JSON");
    let mut queries = Vec::new();
    collect_queries(&dashboard, &mut queries);
    assert!(
        queries.len() >= 8,
        "the dashboard has its panels: {queries:?}"
    );
    let mut asked = BTreeSet::new();
    for q in &queries {
        let found: Vec<&str> = metric_names(q);
        assert!(!found.is_empty(), "a query that names no figure: {q}");
        for name in found {
            assert!(
                names.contains(name),
                "the dashboard asks for {name} ({q}), which no scrape has; the scrape has {names:?}"
            );
            asked.insert(name.to_string());
        }
    }
    for family in &scraped.families {
        let samples = ["", "_bucket", "_count", "_sum"].map(|s| format!("{family}{s}"));
        assert!(
            samples.iter().any(|s| asked.contains(s)),
            "the dashboard shows nothing of {family}"
        );
    }
}

/// Every `expr` in the dashboard's panels, however deeply nested.
fn collect_queries(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(fields) => {
            for (k, v) in fields {
                match (k.as_str(), v) {
                    ("expr", serde_json::Value::String(q)) => out.push(q.clone()),
                    _ => collect_queries(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_queries(v, out)),
        _ => {}
    }
}

/// The Floor figures a PromQL query names (`floor_…`).
fn metric_names(query: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = query;
    while let Some(at) = rest.find("floor_") {
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(tail.len());
        names.push(&tail[..end]);
        rest = &tail[end..];
    }
    names
}
