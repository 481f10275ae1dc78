//! Two server nodes sharing PostgreSQL and Redis: a chair on one, delegates on both.

use crate::helpers::*;
use floor_protocol::frames::ServerFrame;
use floor_protocol::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_inscriptions_on_two_nodes_end_in_one_order_everyone_sees() {
    let db = TestDb::new(Backend::Postgres);
    let channel = format!("floor:test:{}:{}", std::process::id(), db.url.len());
    let options = NodeOptions {
        redis_channel: Some(channel),
        ..Default::default()
    };
    let a = Node::start_with(&db, &options);
    let b = Node::start_with(&db, &options);
    let fx = Fixture::new(&a, 16).await;
    fx.open().await;
    let on_b = |c: &Client| Client {
        base: b.base.clone(),
        ..c.clone()
    };

    // Watchers on both nodes.
    let mut watch_a = Ws::connect(&a, &fx.delegates[0]).await;
    let mut watch_b = Ws::connect(&b, &on_b(&fx.delegates[1])).await;
    let start = watch_a.subscribe(fx.meeting).await.seq;
    assert_eq!(watch_b.subscribe(fx.meeting).await.seq, start);

    // Sixteen delegations inscribe at once, half through each node.
    let mut tasks = Vec::new();
    for (i, d) in fx.delegates.iter().enumerate() {
        let client = if i % 2 == 0 { d.clone() } else { on_b(d) };
        let meeting = fx.meeting;
        tasks.push(tokio::spawn(async move {
            client
                .command_ok(
                    meeting,
                    Command::RequestFloor {
                        item: None,
                        capacity: Default::default(),
                    },
                )
                .await
                .seq
        }));
    }
    let mut seqs = Vec::new();
    for t in tasks {
        seqs.push(t.await.unwrap());
    }
    seqs.sort();
    let end = start + 16;
    assert_eq!(
        seqs,
        ((start + 1)..=end).collect::<Vec<_>>(),
        "one number each, no gaps"
    );

    // The chair on node A gives the floor; the delegate watching on B sees it.
    let given = fx
        .chair
        .command_ok(fx.meeting, Command::NextSpeaker)
        .await
        .seq;
    let seen_a = watch_a.events_through(fx.meeting, given).await;
    let seen_b = watch_b.events_through(fx.meeting, given).await;
    assert_eq!(
        seen_a, seen_b,
        "both nodes deliver the same events in the same order"
    );
    assert_eq!(
        seen_a.iter().map(|e| e.seq).collect::<Vec<_>>(),
        ((start + 1)..=given).collect::<Vec<_>>()
    );
    let state_a = fx.chair.view(fx.meeting).await.state;
    let state_b = on_b(&fx.chair).view(fx.meeting).await.state;
    assert_eq!(state_a, state_b);
    let order: Vec<DelegationId> = seen_a
        .iter()
        .filter_map(|e| match &e.event {
            Event::SpeakerInscribed { entry } => Some(entry.delegation),
            _ => None,
        })
        .collect();
    assert_eq!(order.len(), 16);
    assert_eq!(state_a.floor.unwrap().entry.delegation, order[0]);
    assert_eq!(
        state_a.agenda[0]
            .statements
            .iter()
            .map(|e| e.delegation)
            .collect::<Vec<_>>(),
        order[1..].to_vec()
    );

    // A command on B reaches a watcher on A through Redis.
    let paused = on_b(&fx.chair)
        .command_ok(fx.meeting, Command::PauseSpeech)
        .await
        .seq;
    let e = watch_a
        .wait_for(|f| match f {
            ServerFrame::Event(e) if e.seq == paused => Some(e.clone()),
            _ => None,
        })
        .await;
    assert!(matches!(e.event, Event::SpeechPaused));
    let health: api::Health = b.client().get_ok("/healthz").await;
    assert_eq!(health.bus, "redis ok");
}
