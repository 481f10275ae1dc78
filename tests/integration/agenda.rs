//! The session's agenda through the real server: adopted in the 1st meeting, the general
//! debate's speakers list carried into the 2nd meeting (which may be served by another
//! node, after a restart: the earlier meeting is read from the log), and continuing refused
//! for a meeting of another session or one that does not exist.

use floor_protocol::*;
use floor_testkit::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_speakers_list_of_the_first_meeting_carries_over_to_the_second_after_a_restart() {
    let db = TestDb::new(Backend::Postgres);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 4).await;
    fx.open().await;
    fx.chair.command_ok(fx.meeting, Command::AdoptAgenda).await;
    for d in &fx.delegates {
        d.asks_for_the_floor(fx.meeting).await;
    }
    fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
    fx.chair.command_ok(fx.meeting, Command::EndSpeech).await;
    fx.chair.command_ok(fx.meeting, Command::CloseMeeting).await;

    // The node restarts: nothing of the 1st meeting is in memory any more.
    drop(node);
    let node = Node::start(&db);
    let on_new_node = |c: &Client| Client {
        base: node.base.clone(),
        ..c.clone()
    };
    let sec = on_new_node(&fx.secretariat);
    let chair = on_new_node(&fx.chair);
    let second = sec.new_meeting(fx.session, "Plenary, 2nd meeting").await;
    chair
        .command_ok(
            second.id,
            Command::ContinueFrom {
                meeting: fx.meeting,
            },
        )
        .await;
    let view = chair.view(second.id).await;
    assert!(view.state.agenda_adopted);
    assert_eq!(view.state.continues, Some(fx.meeting));
    assert_eq!(view.state.current_item, Some(fx.item));
    let waiting: Vec<DelegationId> = view
        .state
        .item(fx.item)
        .unwrap()
        .statements
        .iter()
        .map(|e| e.delegation)
        .collect();
    let expected: Vec<DelegationId> = fx.members[1..].iter().map(|d| d.id).collect();
    assert_eq!(waiting, expected, "the three still waiting, in their order");

    // The 2nd meeting opens and gives the floor to the first of them.
    chair.command_ok(second.id, Command::OpenMeeting).await;
    let given = chair.command_ok(second.id, Command::NextSpeaker).await;
    assert!(matches!(
        &given.events[0].event,
        Event::FloorGiven { entry, .. } if entry.delegation == fx.members[1].id
    ));

    // Not itself; not a meeting that does not exist; not a meeting of another session.
    let third = sec.new_meeting(fx.session, "Plenary, 3rd meeting").await;
    let other = Fixture::new(&node, 1).await;
    for meeting in [third.id, MeetingId(9_999), other.meeting] {
        let answer = chair
            .command(third.id, Command::ContinueFrom { meeting })
            .await;
        assert_eq!(answer.code(), "not_an_earlier_meeting", "{meeting}");
    }
    let view = chair.view(third.id).await;
    assert!(view.state.agenda.is_empty(), "a refusal changed nothing");
}
