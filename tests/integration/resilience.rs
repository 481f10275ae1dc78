//! Two nodes through a Redis restart: the cluster heals by itself (health, events both
//! ways, documents, secret ballots) without restarting the nodes. Each test runs its own
//! `redis-server` on a free port, since restarting the shared one would break other tests.

use crate::documents::{follow_documents, next_document_event, pdf, publish, published, uploaded};
use crate::voting::{check_in_all, open_vote, result_of, table};
use floor_protocol::api::{self, Health};
use floor_protocol::document::{Distribution, DocumentEvent, DocumentKind};
use floor_protocol::frames::{self, ClientFrame, ServerFrame};
use floor_protocol::vote::*;
use floor_protocol::*;
use floor_testkit::*;
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

/// A `redis-server` of this test's own, on a port that stays the same across restarts.
/// Started without persistence (`--save ""`, no AOF), as a cache-like Redis often is: a
/// restart loses every key, which the nodes must make up for.
pub struct TestRedis {
    child: Option<Child>,
    pub port: u16,
    dir: std::path::PathBuf,
}

impl TestRedis {
    pub fn start() -> TestRedis {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = std::env::temp_dir().join(format!("floor-redis-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut r = TestRedis {
            child: None,
            port,
            dir,
        };
        r.run();
        r
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    fn run(&mut self) {
        let child = Process::new("redis-server")
            .args(["--port", &self.port.to_string()])
            .args(["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .arg("--dir")
            .arg(&self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start redis-server");
        self.child = Some(child);
        // Ready when it answers PING.
        let deadline = Instant::now() + DEADLINE;
        loop {
            if self.answers_ping() {
                return;
            }
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::yield_now();
        }
    }

    fn answers_ping(&self) -> bool {
        use std::io::{Read, Write};
        let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        let _ = s.set_read_timeout(Some(Duration::from_secs(1)));
        let mut buf = [0u8; 7];
        s.write_all(b"PING\r\n").is_ok() && s.read_exact(&mut buf).is_ok() && &buf == b"+PONG\r\n"
    }

    /// Kill it without warning (SIGKILL): its connections break, its keys are gone.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Start it again on the same port, empty.
    pub fn start_again(&mut self) {
        self.run();
    }
}

impl Drop for TestRedis {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Two nodes on one PostgreSQL database and on `redis`.
pub fn two_nodes(db: &TestDb, redis: &TestRedis) -> (Node, Node) {
    let options = NodeOptions {
        redis_channel: Some(format!("floor:resilience:{}", std::process::id())),
        env: vec![("REDIS_URL", redis.url())],
        ..Default::default()
    };
    (
        Node::start_with(db, &options),
        Node::start_with(db, &options),
    )
}

/// The same signed-in client, talking to `node`.
pub fn on(node: &Node, c: &Client) -> Client {
    Client {
        base: node.base.clone(),
        ..c.clone()
    }
}

async fn health(node: &Node) -> u16 {
    node.client().get("/healthz").await.status
}

/// Poll until `/healthz` answers `status` on the node, or panic after `within`.
async fn health_becomes(node: &Node, status: u16, within: Duration) -> Duration {
    let start = Instant::now();
    loop {
        if health(node).await == status {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < within,
            "/healthz of {} not {status} within {within:?}",
            node.base
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn cast(who: &Client, meeting: MeetingId, vote: VoteId, choice: Choice) -> Answer {
    who.command(meeting, Command::CastVote { vote, choice })
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_redis_restarts_two_nodes_heal_by_themselves_and_a_secret_ballot_counts_right() {
    let mut redis = TestRedis::start();
    let db = TestDb::new(Backend::Postgres);
    let (a, b) = two_nodes(&db, &redis);
    let fx = Fixture::new(&a, 5).await;
    fx.open().await;
    check_in_all(&fx).await;
    let b_ = |c: &Client| on(&b, c);

    let mut watch_a = Ws::connect(&a, &fx.delegates[0]).await;
    let mut watch_b = Ws::connect(&b, &b_(&fx.delegates[1])).await;
    watch_a.subscribe(fx.meeting).await;
    watch_b.subscribe(fx.meeting).await;
    let (mut docs_b, _) = follow_documents(&b, &b_(&fx.delegates[2]), fx.session).await;

    // A secret ballot is open; two members vote before Redis goes, one through each node.
    let proposal = table(&fx, "E/CN.7/2026/L.9").await;
    let vote = open_vote(&fx, proposal, VoteMethod::SecretBallot, vec![]).await;
    let ballots = [
        Choice::Yes,
        Choice::No,
        Choice::Yes,
        Choice::Yes,
        Choice::Abstain,
    ];
    let node_of = |i: usize| if i % 2 == 0 { &a } else { &b };
    for (i, (delegate, choice)) in fx.delegates.iter().zip(ballots).take(2).enumerate() {
        let answer = cast(&on(node_of(i), delegate), fx.meeting, vote.id, choice).await;
        assert_eq!(answer.status, 200, "{answer:?}");
    }

    // Redis goes away (and comes back empty, with no counter of the two ballots).
    redis.kill();
    health_becomes(&a, 503, DEADLINE).await;
    health_becomes(&b, 503, DEADLINE).await;
    // Meanwhile the secretariat publishes a document on A; B cannot hear of it now.
    let during = uploaded(&fx.secretariat, fx.session, pdf("during the outage")).await;
    published(
        &fx.secretariat,
        fx.session,
        publish(
            "E/CN.7/2026/CRP.7",
            DocumentKind::ConferenceRoomPaper,
            Distribution::General,
            &during,
        ),
    )
    .await;
    redis.start_again();
    let back = Instant::now();

    // Both nodes are healthy again within 5 s of Redis returning, without a restart.
    let within = Duration::from_secs(5);
    let healthy_a = health_becomes(&a, 200, within).await;
    let healthy_b = health_becomes(&b, 200, within.saturating_sub(back.elapsed())).await;
    eprintln!(
        "healthz 200 again: node A after {healthy_a:?}, node B {:?} after Redis returned",
        back.elapsed()
    );
    let _ = healthy_b;

    // The document published during the outage reaches B's follower (B's register
    // caught up from the log when its bus reconnected).
    let e = next_document_event(&mut docs_b).await;
    assert!(
        matches!(&e.event, DocumentEvent::Published { document } if document.symbol.to_string() == "E/CN.7/2026/CRP.7"),
        "{e:?}"
    );

    // Events flow both ways: a ballot through A reaches B's watcher, one through B
    // reaches A's. They are counted, although Redis forgot the first two.
    let through_a = cast(&fx.delegates[2], fx.meeting, vote.id, ballots[2]).await;
    assert_eq!(through_a.status, 200, "{through_a:?}");
    let seq_a = through_a.body["seq"].as_u64().unwrap();
    let seen = watch_b.events_through(fx.meeting, seq_a).await;
    assert!(matches!(seen.last().unwrap().event, Event::VoteCast { .. }));
    let through_b = cast(&b_(&fx.delegates[3]), fx.meeting, vote.id, ballots[3]).await;
    assert_eq!(through_b.status, 200, "{through_b:?}");
    let seq_b = through_b.body["seq"].as_u64().unwrap();
    let seen = watch_a.events_through(fx.meeting, seq_b).await;
    assert!(matches!(seen.last().unwrap().event, Event::VoteCast { .. }));
    let last = cast(&b_(&fx.delegates[4]), fx.meeting, vote.id, ballots[4]).await;
    assert_eq!(last.status, 200, "{last:?}");

    // A document published on B after the restart reaches a follower on A.
    let (mut docs_a, _) = follow_documents(&a, &fx.delegates[0], fx.session).await;
    let after = uploaded(&fx.secretariat, fx.session, pdf("after the restart")).await;
    published(
        &b_(&fx.secretariat),
        fx.session,
        publish(
            "E/CN.7/2026/CRP.8",
            DocumentKind::ConferenceRoomPaper,
            Distribution::General,
            &after,
        ),
    )
    .await;
    let e = next_document_event(&mut docs_a).await;
    assert!(
        matches!(&e.event, DocumentEvent::Published { document } if document.symbol.to_string() == "E/CN.7/2026/CRP.8"),
        "{e:?}"
    );

    // The ballot closes with the right totals, not void.
    let closed = fx
        .chair
        .command_ok(
            fx.meeting,
            Command::CloseVote {
                vote: vote.id,
                counts: None,
            },
        )
        .await;
    let result = result_of(&closed.events[0]).expect("a result");
    assert!(
        !matches!(result.outcome, Outcome::Void { .. }),
        "{result:?}"
    );
    assert_eq!(
        (result.tally.yes, result.tally.no, result.tally.abstain),
        (3, 1, 1)
    );
    assert_eq!(result.outcome, Outcome::Adopted);

    // And the meeting goes on: it can be suspended.
    fx.chair
        .command_ok(fx.meeting, Command::SuspendMeeting)
        .await;
    let _: Health = b.client().get_ok("/healthz").await;
}

/// The meeting's log as a participant reads it.
async fn log_of(who: &Client, meeting: MeetingId) -> Vec<EventEnvelope> {
    who.get_ok(&format!("/api/meetings/{meeting}/events")).await
}

/// A command over HTTP under an idempotency key.
async fn keyed(who: &Client, meeting: MeetingId, command: Command, key: &str) -> Answer {
    who.post(
        &format!("/api/meetings/{meeting}/commands"),
        &api::CommandRequest {
            command,
            request_id: Some(key.to_string()),
        },
    )
    .await
}

/// A command frame under an idempotency key, and its answer.
async fn keyed_ws(ws: &mut Ws, meeting: MeetingId, command: Command, key: &str) -> ServerFrame {
    ws.send(&ClientFrame::Command {
        request_id: key.to_string(),
        meeting_id: meeting,
        command,
    })
    .await;
    ws.wait_for(|f| match f {
        ServerFrame::Ack { request_id, .. }
        | ServerFrame::Rejected { request_id, .. }
        | ServerFrame::Error {
            request_id: Some(request_id),
            ..
        } if request_id == key => Some(f.clone()),
        _ => None,
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_resent_under_its_request_id_takes_effect_once_over_websocket_http_and_a_restart()
{
    let db = TestDb::new(Backend::Postgres);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 3).await;
    fx.open().await;
    let add_item = || Command::AddAgendaItem {
        number: "9".into(),
        title: "Other business".into(),
        parent: None,
    };
    let items = |log: &[EventEnvelope]| {
        log.iter()
            .filter(|e| matches!(e.event, Event::AgendaItemAdded { .. }))
            .count()
    };

    // Over WebSocket: a delegate asks for the floor, the answer is lost, they ask again.
    let mut ws = Ws::connect(&node, &fx.delegates[0]).await;
    let request = Command::RequestFloor {
        item: None,
        capacity: Default::default(),
    };
    let first = keyed_ws(&mut ws, fx.meeting, request.clone(), "page-a1-1").await;
    let ServerFrame::Ack {
        seq: ws_seq,
        resent,
        ..
    } = first
    else {
        panic!("{first:?}")
    };
    assert!(!resent);
    let again = keyed_ws(&mut ws, fx.meeting, request.clone(), "page-a1-1").await;
    assert!(
        matches!(again, ServerFrame::Ack { seq, resent: true, .. } if seq == ws_seq),
        "the same answer, marked as a resend: {again:?}"
    );

    // Over HTTP: the secretariat adds an agenda item twice under one key; one item.
    let before = items(&log_of(&fx.chair, fx.meeting).await);
    let first = keyed(&fx.secretariat, fx.meeting, add_item(), "secretariat-7").await;
    assert_eq!(first.status, 200, "{first:?}");
    let first: api::CommandAccepted = serde_json::from_value(first.body).unwrap();
    assert!(!first.resent);
    let again = keyed(&fx.secretariat, fx.meeting, add_item(), "secretariat-7").await;
    assert_eq!(again.status, 200, "{again:?}");
    let again: api::CommandAccepted = serde_json::from_value(again.body).unwrap();
    assert!(again.resent);
    assert_eq!((again.seq, &again.events), (first.seq, &first.events));
    let log = log_of(&fx.chair, fx.meeting).await;
    assert_eq!(items(&log), before + 1, "one item, not two");
    let head = log.last().unwrap().seq;

    // Another command under a used key is refused, typed, and changes nothing.
    let reused = keyed(
        &fx.secretariat,
        fx.meeting,
        Command::NextSpeaker,
        "secretariat-7",
    )
    .await;
    assert_eq!((reused.status, reused.code()), (409, "request_id_reused"));
    let reused_ws = keyed_ws(
        &mut ws,
        fx.meeting,
        Command::CheckIn {
            mode: AttendanceMode::Remote,
        },
        "page-a1-1",
    )
    .await;
    assert!(
        matches!(
            reused_ws,
            ServerFrame::Error {
                code: frames::ErrorCode::RequestIdReused,
                ..
            }
        ),
        "{reused_ws:?}"
    );
    // Keys are per sender: another delegate's "page-a1-1" is their own command.
    let mut other = Ws::connect(&node, &fx.delegates[1]).await;
    let theirs = keyed_ws(&mut other, fx.meeting, request.clone(), "page-a1-1").await;
    assert!(
        matches!(theirs, ServerFrame::Ack { resent: false, seq, .. } if seq == head + 1),
        "{theirs:?}"
    );
    let head = head + 1;
    let long = keyed(&fx.secretariat, fx.meeting, add_item(), &"k".repeat(129)).await;
    assert_eq!((long.status, long.code()), (400, "invalid_request_id"));
    assert_eq!(
        log_of(&fx.chair, fx.meeting).await.last().unwrap().seq,
        head
    );

    // The node restarts (killed, as in a power cut); the keys are remembered.
    ws.close().await;
    other.close().await;
    node.kill();
    let node = Node::start(&db);
    let secretariat = on(&node, &fx.secretariat);
    let again = keyed(&secretariat, fx.meeting, add_item(), "secretariat-7").await;
    assert_eq!(again.status, 200, "{again:?}");
    let again: api::CommandAccepted = serde_json::from_value(again.body).unwrap();
    assert!(again.resent);
    assert_eq!((again.seq, &again.events), (first.seq, &first.events));
    let mut ws = Ws::connect(&node, &on(&node, &fx.delegates[0])).await;
    let again = keyed_ws(&mut ws, fx.meeting, request, "page-a1-1").await;
    assert!(
        matches!(again, ServerFrame::Ack { seq, resent: true, .. } if seq == ws_seq),
        "{again:?}"
    );
    let log = log_of(&secretariat, fx.meeting).await;
    assert_eq!(log.last().unwrap().seq, head, "nothing happened twice");
    assert_eq!(items(&log), before + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_ballot_cast_while_redis_is_down_is_recorded_said_so_and_counted_or_the_vote_is_void(
) {
    let mut redis = TestRedis::start();
    let db = TestDb::new(Backend::Postgres);
    let (a, b) = two_nodes(&db, &redis);
    let fx = Fixture::new(&a, 5).await;
    fx.open().await;
    check_in_all(&fx).await;
    let b_ = |c: &Client| on(&b, c);
    let voted = |log: &[EventEnvelope], vote: VoteId| {
        log.iter()
            .filter(|e| matches!(e.event, Event::VoteCast { vote: v, .. } if v == vote))
            .count()
    };

    // First ballot: two members vote, then Redis goes away.
    let proposal = table(&fx, "E/CN.7/2026/L.11").await;
    let vote = open_vote(&fx, proposal, VoteMethod::SecretBallot, vec![]).await;
    assert_eq!(
        cast(&fx.delegates[0], fx.meeting, vote.id, Choice::Yes)
            .await
            .status,
        200
    );
    assert_eq!(
        cast(&b_(&fx.delegates[1]), fx.meeting, vote.id, Choice::No)
            .await
            .status,
        200
    );
    redis.kill();
    health_becomes(&a, 503, DEADLINE).await;

    // A member votes now. They are told their vote is recorded (not "try again"), and
    // that the ballot is pending; the log has it.
    let ballot = || Command::CastVote {
        vote: vote.id,
        choice: Choice::Yes,
    };
    let answer = keyed(&fx.delegates[2], fx.meeting, ballot(), "ballot-3").await;
    assert_eq!(answer.status, 200, "{answer:?}");
    let accepted: api::CommandAccepted = serde_json::from_value(answer.body).unwrap();
    assert!(accepted.ballot_pending, "{accepted:?}");
    assert!(matches!(
        accepted.events[0].event,
        Event::VoteCast { choice: None, .. }
    ));
    assert_eq!(voted(&log_of(&fx.chair, fx.meeting).await, vote.id), 3);
    // Their client resends (say the answer was lost), reconnected to the other node:
    // the same answer, still one ballot.
    let again = keyed(&b_(&fx.delegates[2]), fx.meeting, ballot(), "ballot-3").await;
    assert_eq!(again.status, 200, "{again:?}");
    let again: api::CommandAccepted = serde_json::from_value(again.body).unwrap();
    assert!(again.resent);
    assert_eq!(again.seq, accepted.seq);
    assert_eq!(voted(&log_of(&fx.chair, fx.meeting).await, vote.id), 3);
    // The chair cannot close the ballot while it cannot be counted; nothing changes.
    let close = Command::CloseVote {
        vote: vote.id,
        counts: None,
    };
    let refused = fx.chair.command(fx.meeting, close.clone()).await;
    assert_eq!((refused.status, refused.code()), (500, "internal"));
    assert!(fx
        .chair
        .view(fx.meeting)
        .await
        .state
        .vote(vote.id)
        .unwrap()
        .result
        .is_none());

    // Redis returns (empty); the pending ballot and the others are counted.
    redis.start_again();
    health_becomes(&a, 200, DEADLINE).await;
    health_becomes(&b, 200, DEADLINE).await;
    assert_eq!(
        cast(&b_(&fx.delegates[3]), fx.meeting, vote.id, Choice::Yes)
            .await
            .status,
        200
    );
    assert_eq!(
        cast(&fx.delegates[4], fx.meeting, vote.id, Choice::Abstain)
            .await
            .status,
        200
    );
    let closed = fx.chair.command_ok(fx.meeting, close).await;
    let result = result_of(&closed.events[0]).unwrap();
    assert_eq!(
        (result.tally.yes, result.tally.no, result.tally.abstain),
        (3, 1, 1),
        "{result:?}"
    );
    assert_eq!(result.outcome, Outcome::Adopted);

    // Second ballot: a ballot pending on node B when B dies is never guessed: void.
    let proposal = table(&fx, "E/CN.7/2026/L.12").await;
    let vote = open_vote(&fx, proposal, VoteMethod::SecretBallot, vec![]).await;
    for d in &fx.delegates[..4] {
        assert_eq!(cast(d, fx.meeting, vote.id, Choice::Yes).await.status, 200);
    }
    redis.kill();
    health_becomes(&b, 503, DEADLINE).await;
    let answer = cast(&b_(&fx.delegates[4]), fx.meeting, vote.id, Choice::No).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body["ballot_pending"], true);
    b.kill();
    redis.start_again();
    health_becomes(&a, 200, DEADLINE).await;
    let closed = fx
        .chair
        .command_ok(
            fx.meeting,
            Command::CloseVote {
                vote: vote.id,
                counts: None,
            },
        )
        .await;
    let result = result_of(&closed.events[0]).unwrap();
    assert!(
        matches!(&result.outcome, Outcome::Void { reason } if reason.contains("5 members voted but 4 ballots")),
        "{result:?}"
    );
}
