//! Meetings and document registers leave a node's memory when nobody follows them and
//! nobody has used them for a while (`FLOOR_HUB_IDLE_SECS`), and come back whole from the
//! log; listing a session's meetings does not load them.

use floor_protocol::api::*;
use floor_protocol::meeting::MeetingStatus;
use floor_protocol::*;
use floor_testkit::*;
use std::time::Instant;

fn node_forgetting_after_one_second(db: &TestDb) -> Node {
    Node::start_with(
        db,
        &NodeOptions {
            env: vec![("FLOOR_HUB_IDLE_SECS", "1".into())],
            ..Default::default()
        },
    )
}

async fn health(node: &Node) -> Health {
    node.client().get_ok("/healthz").await
}

/// Poll `/healthz` until `done` holds, failing after the deadline.
async fn wait_for_health(node: &Node, what: &str, done: impl Fn(&Health) -> bool) -> Health {
    let start = Instant::now();
    loop {
        let h = health(node).await;
        if done(&h) {
            return h;
        }
        assert!(start.elapsed() < DEADLINE, "{what}: still {h:?}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_meeting_nobody_follows_leaves_memory_and_comes_back_whole() {
    let db = TestDb::new(Backend::Sqlite);
    let node = node_forgetting_after_one_second(&db);
    let fx = Fixture::new(&node, 2).await;
    let sec = &fx.secretariat;
    fx.open().await;
    // Meeting A (the fixture's) is followed; meeting B is used later, then left alone.
    let mut follower = Ws::connect(&node, &fx.delegates[0]).await;
    follower.subscribe(fx.meeting).await;
    let b = sec.new_meeting(fx.session, "Plenary, 2nd meeting").await;
    sec.command_ok(
        b.id,
        Command::AddAgendaItem {
            number: "1".into(),
            title: "Opening of the session".into(),
            parent: None,
        },
    )
    .await;
    for command in [Command::OpenMeeting, Command::CloseMeeting] {
        fx.chair.command_ok(b.id, command).await;
    }
    let b_before = sec.view(b.id).await;

    // B goes. A was idle longer than B, so if following did not keep it, it went too.
    wait_for_health(&node, "B leaves memory", |h| h.meetings_in_memory <= 1).await;
    // A stayed: its follower gets its next event (a new hub would not reach them).
    let seq = fx
        .chair
        .command_ok(fx.meeting, Command::SuspendMeeting)
        .await
        .seq;
    // (An overall deadline: `Ws` waits per frame, and the server's heartbeat pings would
    // keep a follower that gets no events waiting for ever.)
    let next = tokio::time::timeout(DEADLINE, follower.next_event(fx.meeting))
        .await
        .expect("the follower of A gets A's next event");
    assert_eq!(next.seq, seq);
    assert_eq!(health(&node).await.meetings_in_memory, 1);

    // B comes back from its log as it was.
    let b_after = sec.view(b.id).await;
    assert_eq!(b_after.state, b_before.state);
    assert_eq!(b_after.meeting.status, MeetingStatus::Closed);

    // Listing the meetings shows each one's status without loading B again.
    wait_for_health(&node, "B leaves memory again", |h| {
        h.meetings_in_memory <= 1
    })
    .await;
    let list: Vec<Meeting> = sec
        .get_ok(&format!("/api/sessions/{}/meetings", fx.session))
        .await;
    assert_eq!(
        list.iter().map(|m| (m.id, m.status)).collect::<Vec<_>>(),
        vec![
            (fx.meeting, MeetingStatus::Suspended),
            (b.id, MeetingStatus::Closed)
        ]
    );
    assert_eq!(
        health(&node).await.meetings_in_memory,
        1,
        "listing loaded no meeting"
    );
}
