//! Participants following a meeting over WebSockets: everyone sees every change, in order,
//! and a reconnecting client misses nothing.

use floor_protocol::frames::{ClientFrame, ServerFrame};
use floor_protocol::meeting::EntryKind;
use floor_protocol::*;
use floor_testkit::*;

on_both_databases!(
    everyone_sees_the_floor_change_in_the_same_order,
    |backend| async move {
        let db = TestDb::new(backend);
        let node = Node::start(&db);
        let fx = Fixture::new(&node, 3).await;
        fx.open().await;

        let mut chair = Ws::connect(&node, &fx.chair).await;
        let mut chile = Ws::connect(&node, &fx.delegates[0]).await;
        let mut other = Ws::connect(&node, &fx.delegates[1]).await;
        let start = chair.subscribe(fx.meeting).await;
        assert_eq!(chile.subscribe(fx.meeting).await.seq, start.seq);
        assert_eq!(other.subscribe(fx.meeting).await.seq, start.seq);

        // A delegate asks for the floor; the chair's page shows the request.
        let seq = chile
            .command(
                fx.meeting,
                Command::RequestFloor {
                    item: None,
                    capacity: Default::default(),
                },
            )
            .await
            .expect("inscription accepted");
        let seen = chair.next_event(fx.meeting).await;
        assert_eq!(seen.seq, seq);
        let entry = match &seen.event {
            Event::SpeakerInscribed { entry } => entry.clone(),
            e => panic!("expected an inscription, got {e:?}"),
        };
        assert_eq!(entry.delegation, fx.members[0].id);

        // The chair gives the floor; both delegates see it, after the inscription.
        let given = chair
            .command(fx.meeting, Command::NextSpeaker)
            .await
            .expect("floor given");
        for ws in [&mut chile, &mut other] {
            let events = ws.events_through(fx.meeting, given).await;
            let seqs: Vec<u64> = events.iter().map(|e| e.seq).collect();
            assert_eq!(
                seqs,
                ((start.seq + 1)..=given).collect::<Vec<_>>(),
                "no gap, no reordering"
            );
            match &events.last().unwrap().event {
                Event::FloorGiven {
                    entry: e, limit_ms, ..
                } => {
                    assert_eq!(e.id, entry.id);
                    assert_eq!(*limit_ms, 300_000, "a State speaks five minutes by default");
                }
                e => panic!("expected the floor, got {e:?}"),
            }
        }

        // Folding the events into the snapshot gives the server's state.
        let mut folded = start.clone();
        folded.apply(&seen);
        for e in chair.events_through(fx.meeting, given).await {
            folded.apply(&e);
        }
        let view = fx.chair.view(fx.meeting).await;
        assert_eq!(folded, view.state);
        assert_eq!(
            view.state.floor.as_ref().unwrap().entry.delegation,
            fx.members[0].id
        );
    }
);

on_both_databases!(
    a_refused_command_is_typed_and_changes_nothing,
    |backend| async move {
        let db = TestDb::new(backend);
        let node = Node::start(&db);
        let fx = Fixture::new(&node, 2).await;
        fx.open().await;
        let before = fx.chair.view(fx.meeting).await.state;

        let mut delegate = Ws::connect(&node, &fx.delegates[0]).await;
        delegate.subscribe(fx.meeting).await;
        let refusal = delegate
            .command(fx.meeting, Command::NextSpeaker)
            .await
            .unwrap_err();
        assert_eq!(
            refusal,
            Rejection::NotPermitted {
                role: Role::Delegate,
                command: "next_speaker".into()
            }
        );
        let refusal = delegate
            .command(fx.meeting, Command::EndSpeech)
            .await
            .unwrap_err();
        assert!(matches!(refusal, Rejection::NotPermitted { .. }));

        delegate
            .command(
                fx.meeting,
                Command::RequestFloor {
                    item: None,
                    capacity: Default::default(),
                },
            )
            .await
            .unwrap();
        let twice = delegate
            .command(
                fx.meeting,
                Command::RequestFloor {
                    item: None,
                    capacity: Default::default(),
                },
            )
            .await
            .unwrap_err();
        assert_eq!(
            twice,
            Rejection::AlreadyInscribed {
                delegation: fx.members[0].id,
                max_waiting: 1
            }
        );
        // An NGO speaks when the chair allows: it cannot inscribe itself by default.
        let ngo = fx.participant(Role::Delegate, Some(fx.ngo().id)).await;
        let answer = ngo
            .command(
                fx.meeting,
                Command::RequestFloor {
                    item: None,
                    capacity: Default::default(),
                },
            )
            .await;
        assert_eq!(
            (answer.status, answer.code()),
            (409, "ngo_inscribed_by_chair")
        );
        let after = fx.chair.view(fx.meeting).await.state;
        assert_eq!(
            after.seq,
            before.seq + 1,
            "only the accepted inscription was recorded"
        );
    }
);

on_both_databases!(
    a_reconnecting_client_catches_up_from_its_last_sequence,
    |backend| async move {
        let db = TestDb::new(backend);
        let node = Node::start(&db);
        let fx = Fixture::new(&node, 4).await;
        fx.open().await;

        let mut watcher = Ws::connect(&node, &fx.delegates[3]).await;
        let seen = watcher.subscribe(fx.meeting).await.seq;
        watcher.close().await;

        // While it is away, three delegations inscribe and one gets the floor.
        for d in &fx.delegates[..3] {
            d.command_ok(
                fx.meeting,
                Command::RequestFloor {
                    item: None,
                    capacity: Default::default(),
                },
            )
            .await;
        }
        let last = fx
            .chair
            .command_ok(fx.meeting, Command::NextSpeaker)
            .await
            .seq;

        let mut back = Ws::connect(&node, &fx.delegates[3]).await;
        back.send(&ClientFrame::Subscribe {
            meeting_id: fx.meeting,
            since: Some(seen),
        })
        .await;
        let missed = back.events_through(fx.meeting, last).await;
        assert_eq!(
            missed.iter().map(|e| e.seq).collect::<Vec<_>>(),
            ((seen + 1)..=last).collect::<Vec<_>>()
        );
        assert!(matches!(
            missed.last().unwrap().event,
            Event::FloorGiven { .. }
        ));

        // Live events follow the replay without a gap.
        let next = fx.delegates[3]
            .command_ok(
                fx.meeting,
                Command::RequestFloor {
                    item: None,
                    capacity: Default::default(),
                },
            )
            .await
            .seq;
        assert_eq!(back.next_event(fx.meeting).await.seq, next);

        // A client that claims to be ahead of the log gets a fresh snapshot instead.
        let mut confused = Ws::connect(&node, &fx.delegates[2]).await;
        confused
            .send(&ClientFrame::Subscribe {
                meeting_id: fx.meeting,
                since: Some(next + 100),
            })
            .await;
        let snapshot = confused
            .wait_for(|f| match f {
                ServerFrame::Snapshot { state, .. } => Some((**state).clone()),
                _ => None,
            })
            .await;
        assert_eq!(snapshot.seq, next);
    }
);

on_both_databases!(
    a_point_of_order_interrupts_a_speech_for_everyone,
    |backend| async move {
        let db = TestDb::new(backend);
        let node = Node::start(&db);
        let fx = Fixture::new(&node, 3).await;
        fx.open().await;
        let mut room = Ws::connect(&node, &fx.participant(Role::Room, None).await).await;
        room.subscribe(fx.meeting).await;

        fx.delegates[0]
            .command_ok(
                fx.meeting,
                Command::RequestFloor {
                    item: None,
                    capacity: Default::default(),
                },
            )
            .await;
        fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
        let raised = fx.delegates[1]
            .command_ok(
                fx.meeting,
                Command::RaisePointOfOrder {
                    about_voting: false,
                },
            )
            .await;
        let point = match &raised.events[0].event {
            Event::InterventionRaised { entry } => entry.clone(),
            e => panic!("{e:?}"),
        };
        assert_eq!(point.kind, EntryKind::PointOfOrder);

        // A statement cannot be given the floor while the point of order waits.
        fx.delegates[2]
            .command_ok(
                fx.meeting,
                Command::RequestFloor {
                    item: None,
                    capacity: Default::default(),
                },
            )
            .await;
        let statement = fx.chair.view(fx.meeting).await.state.agenda[0].statements[0].id;
        let refused = fx
            .chair
            .command(fx.meeting, Command::GiveFloor { entry: statement })
            .await;
        assert_eq!(refused.code(), "intervention_pending");

        let given = fx
            .chair
            .command_ok(fx.meeting, Command::GiveFloor { entry: point.id })
            .await;
        assert!(matches!(
            given.events[0].event,
            Event::FloorGiven {
                interrupts: Some(_),
                ..
            }
        ));
        let end = fx
            .chair
            .command_ok(fx.meeting, Command::EndSpeech)
            .await
            .seq;
        let ruled = fx
            .chair
            .command_ok(
                fx.meeting,
                Command::Rule {
                    entry: point.id,
                    upheld: false,
                    ruling: "The speaker may continue.".into(),
                },
            )
            .await
            .seq;
        let events = room.events_through(fx.meeting, ruled).await;
        assert!(events
            .iter()
            .any(|e| e.seq == end && matches!(e.event, Event::SpeechEnded { .. })));
        assert!(matches!(
            events.last().unwrap().event,
            Event::RulingGiven { upheld: false, .. }
        ));

        // The interrupted speaker is back on the floor, clock paused, until the chair resumes.
        let state = fx.chair.view(fx.meeting).await.state;
        let floor = state.floor.expect("the interrupted speech returned");
        assert_eq!(floor.entry.delegation, fx.members[0].id);
        assert!(floor.paused_at.is_some());
        fx.chair.command_ok(fx.meeting, Command::ResumeSpeech).await;
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_followers_each_get_every_event_once_in_order() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 3).await;
    fx.open().await;
    // Many people may follow with the same kind of token; each connection is its own.
    let mut followers = Vec::new();
    for i in 0..300 {
        let mut ws = Ws::connect(&node, &fx.delegates[i % 3]).await;
        ws.subscribe(fx.meeting).await;
        followers.push(ws);
    }
    let start = fx.chair.view(fx.meeting).await.state.seq;
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
    let last = fx
        .chair
        .command_ok(fx.meeting, Command::NextSpeaker)
        .await
        .seq;
    assert_eq!(last, start + 4);
    let expected: Vec<u64> = ((start + 1)..=last).collect();
    let mut tasks = Vec::new();
    for mut ws in followers {
        let meeting = fx.meeting;
        tasks.push(tokio::spawn(async move {
            let got: Vec<u64> = ws
                .events_through(meeting, last)
                .await
                .iter()
                .map(|e| e.seq)
                .collect();
            got
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), expected);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_whose_token_expires_is_closed_with_the_reason() {
    let secret = "token-expiry-test-secret";
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start_with(
        &db,
        &NodeOptions {
            jwt_secret: Some(secret.into()),
            ..Default::default()
        },
    );
    let fx = Fixture::new(&node, 1).await;
    let now = floor_server::db::now_ms();
    // A token that expires in about two seconds (JWT expiry has whole seconds).
    let short = floor_server::auth::TokenKeys::new(secret.as_bytes(), 0)
        .sign(
            &floor_server::auth::Identity {
                role: Role::Delegate,
                scope: Scope::Session(fx.session),
                participant: Some(ParticipantId(2)),
                account: None,
                delegation: Some(fx.members[0].id),
                display_name: "Short-lived delegate".into(),
                expires_at: Millis(now + 2_000),
                token_version: 0,
            },
            Millis(now),
        )
        .unwrap();
    let mut ws = Ws::connect(&node, &node.client().with_token(&short)).await;
    ws.subscribe(fx.meeting).await;
    // The server checks expiry at its heartbeat (every 10 s): wait for the frame it sends.
    let reason = ws
        .wait_for(|f| match f {
            ServerFrame::Closing { reason, .. } => Some(*reason),
            _ => None,
        })
        .await;
    assert_eq!(reason, frames::CloseReason::TokenExpired);
}
