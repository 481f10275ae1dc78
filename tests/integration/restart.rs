//! Nothing accepted is lost: kill the server in the middle of a meeting, start it again,
//! and the state and the record are exactly as before.

use floor_protocol::api::MeetingRecord;
use floor_protocol::frames::ClientFrame;
use floor_protocol::*;
use floor_testkit::*;

on_both_databases!(
    a_killed_server_comes_back_with_the_same_meeting,
    |backend| async move {
        let db = TestDb::new(backend);
        let node = Node::start(&db);
        let fx = Fixture::new(&node, 4).await;
        fx.open().await;
        for d in &fx.delegates {
            d.command_ok(
                fx.meeting,
                Command::RequestFloor {
                    item: None,
                    capacity: Default::default(),
                },
            )
            .await;
        }
        fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
        fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
        fx.delegates[3]
            .command_ok(
                fx.meeting,
                Command::RaisePointOfOrder {
                    about_voting: false,
                },
            )
            .await;
        fx.chair.command_ok(fx.meeting, Command::PauseSpeech).await;

        let mut watcher = Ws::connect(&node, &fx.delegates[2]).await;
        let seen = watcher.subscribe(fx.meeting).await.seq;
        let before = fx.chair.view(fx.meeting).await;
        let record_before: MeetingRecord = fx
            .chair
            .get_ok(&format!("/api/meetings/{}/record", fx.meeting))
            .await;
        assert!(before.state.floor.is_some());

        node.kill();
        let node = Node::start(&db);
        // Tokens issued before the restart stay valid: the signing key is in the database.
        let chair = fx.chair.clone_to(&node);
        let after = chair.view(fx.meeting).await;
        assert_eq!(after.state, before.state);
        let record_after: MeetingRecord = chair
            .get_ok(&format!("/api/meetings/{}/record", fx.meeting))
            .await;
        assert_eq!(record_after, record_before);

        // The meeting goes on where it was, and a reconnecting client misses nothing.
        let next = chair.command_ok(fx.meeting, Command::EndSpeech).await.seq;
        assert_eq!(next, before.state.seq + 1);
        let mut back = Ws::connect(&node, &fx.delegates[2].clone_to(&node)).await;
        back.send(&ClientFrame::Subscribe {
            meeting_id: fx.meeting,
            since: Some(seen),
        })
        .await;
        let e = back.next_event(fx.meeting).await;
        assert_eq!(e.seq, next);
        assert!(matches!(e.event, Event::SpeechEnded { .. }));
        drop(watcher);
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopping_server_tells_its_websockets_why() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 1).await;
    let mut ws = Ws::connect(&node, &fx.delegates[0]).await;
    ws.subscribe(fx.meeting).await;
    node.terminate();
    let reason = ws
        .wait_for(|f| match f {
            frames::ServerFrame::Closing { reason, .. } => Some(*reason),
            _ => None,
        })
        .await;
    assert_eq!(reason, frames::CloseReason::ShuttingDown);
    assert!(node.wait().success(), "a clean stop on SIGTERM");
}

pub(crate) trait CloneTo {
    fn clone_to(&self, node: &Node) -> Client;
}

impl CloneTo for Client {
    /// The same signed-in person, talking to another node.
    fn clone_to(&self, node: &Node) -> Client {
        Client {
            base: node.base.clone(),
            ..self.clone()
        }
    }
}
