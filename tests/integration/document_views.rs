//! What one reader sees of a session's documents, by every route: the live events, the
//! WebSocket snapshot and replay, the HTTP list and the direct read must agree, and none
//! may show a document outside the reader's distribution, not even as a link.

use crate::documents::*;
use floor_protocol::document::*;
use floor_protocol::frames::{ClientFrame, ServerFrame};
use floor_testkit::*;

/// A general draft gets a revision and a corrigendum restricted to one delegation. A
/// delegate outside that delegation must not see them as `superseded_by` or
/// `attachments` of the draft, and what they are shown in a snapshot, a replay, the list
/// and a direct read is exactly what folding the live events they received gives.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restricted_revision_does_not_show_through_the_general_original_by_any_route() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 3).await;
    let (insider, outsider) = (&fx.delegates[0], &fx.delegates[1]);
    let (mut live, initial) = follow_documents(&node, outsider, fx.session).await;
    assert!(initial.is_empty());

    let file = uploaded(&fx.secretariat, fx.session, pdf("draft")).await;
    let only_insider = Distribution::Delegations {
        delegations: vec![fx.members[0].id],
    };
    let original = published(
        &fx.secretariat,
        fx.session,
        publish(
            "E/CN.7/2026/L.2",
            DocumentKind::DraftResolution,
            Distribution::General,
            &file,
        ),
    )
    .await;
    let revision = published(
        &fx.secretariat,
        fx.session,
        publish(
            "E/CN.7/2026/L.2/Rev.1",
            DocumentKind::DraftResolution,
            only_insider.clone(),
            &file,
        ),
    )
    .await;
    let corrigendum = published(
        &fx.secretariat,
        fx.session,
        publish(
            "E/CN.7/2026/L.2/Corr.1",
            DocumentKind::DraftResolution,
            only_insider,
            &file,
        ),
    )
    .await;
    // A last general document: once the outsider has it, every earlier event they were
    // entitled to has arrived (events come in register order).
    let marker = published(
        &fx.secretariat,
        fx.session,
        publish(
            "E/CN.7/2026/INF/1",
            DocumentKind::Information,
            Distribution::General,
            &file,
        ),
    )
    .await;

    // The outsider's client folds the live events it gets, as the browser client does.
    let mut folded = Register::new(fx.session);
    loop {
        let e = next_document_event(&mut live).await;
        folded.apply(&e);
        if e.event.document() == marker.id {
            break;
        }
    }
    let by_events = folded.documents.clone();
    assert_eq!(
        by_events.iter().map(|d| d.id).collect::<Vec<_>>(),
        vec![original.id, marker.id]
    );
    let seen_original = &by_events[0];
    assert_eq!(seen_original.superseded_by, None);
    assert!(seen_original.attachments.is_empty());

    // The snapshot of a new subscription.
    let (_, snapshot) = follow_documents(&node, outsider, fx.session).await;
    assert_eq!(
        snapshot, by_events,
        "the snapshot agrees with the live events"
    );

    // A replay from the start, folded.
    let mut again = Ws::connect(&node, outsider).await;
    again
        .send(&ClientFrame::SubscribeDocuments {
            session_id: fx.session,
            since: Some(0),
        })
        .await;
    let mut replayed = Register::new(fx.session);
    loop {
        let e = next_document_event(&mut again).await;
        replayed.apply(&e);
        if e.event.document() == marker.id {
            break;
        }
    }
    assert_eq!(replayed.documents, by_events, "the replay agrees too");

    // HTTP: the list and the direct read.
    let base = format!("/api/sessions/{}/documents", fx.session);
    let list: Vec<Document> = outsider.get_ok(&base).await;
    assert_eq!(list, by_events, "the list agrees too");
    let direct: Document = outsider.get_ok(&format!("{base}/{}", original.id)).await;
    assert_eq!(&direct, seen_original, "the direct read agrees too");

    // The insider, entitled to both, sees the links.
    let list: Vec<Document> = insider.get_ok(&base).await;
    assert_eq!(list[0].superseded_by, Some(revision.id));
    assert_eq!(list[0].attachments, vec![corrigendum.id]);
    let (_, snapshot) = follow_documents(&node, insider, fx.session).await;
    assert_eq!(snapshot, list);
}

/// A reader who comes back more events behind than a replay may carry gets a snapshot, as
/// for a meeting; one a few events behind gets just those events.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_far_behind_gets_a_snapshot_and_one_slightly_behind_the_missed_events() {
    use floor_server::hub::REPLAY_LIMIT;
    let db = TestDb::new(Backend::Sqlite);
    // Thousands of commands from three delegates as fast as they go: this tests replay,
    // not the per-participant command limit (tests/integration/edge.rs does).
    let node = Node::start_with(
        &db,
        &NodeOptions {
            env: vec![
                ("FLOOR_COMMANDS_PER_SECOND", "1000000".into()),
                ("FLOOR_COMMAND_BURST", "1000000".into()),
            ],
            ..Default::default()
        },
    );
    let fx = Fixture::new(&node, 4).await;
    let file = uploaded(&fx.secretariat, fx.session, pdf("draft")).await;
    let mut draft = publish(
        "E/CN.7/2026/L.4",
        DocumentKind::DraftResolution,
        Distribution::General,
        &file,
    );
    if let DocumentCommand::Publish { main_sponsor, .. } = &mut draft {
        *main_sponsor = Some(fx.members[0].id);
    }
    let draft = published(&fx.secretariat, fx.session, draft).await;

    // Three delegations sign on and off, in parallel, until the register has more than
    // REPLAY_LIMIT events after the first.
    let rounds = (REPLAY_LIMIT as usize + 2).div_ceil(3).div_ceil(2);
    let mut signers = Vec::new();
    for d in &fx.delegates[1..] {
        let (d, session) = (d.clone(), fx.session);
        signers.push(tokio::spawn(async move {
            let mut last = 0;
            for _ in 0..rounds {
                for c in [
                    DocumentCommand::SignOn { document: draft.id },
                    DocumentCommand::SignOff { document: draft.id },
                ] {
                    let a = command(&d, session, c).await;
                    assert_eq!(a.status, 200, "{a:?}");
                    last = last.max(a.body["seq"].as_u64().unwrap());
                }
            }
            last
        }));
    }
    let mut head = 0;
    for s in signers {
        head = head.max(s.await.unwrap());
    }
    assert!(head - 1 > REPLAY_LIMIT, "head {head}");

    let reader = &fx.delegates[0];
    let mut far = Ws::connect(&node, reader).await;
    far.send(&ClientFrame::SubscribeDocuments {
        session_id: fx.session,
        since: Some(1),
    })
    .await;
    match first_documents_frame(&mut far).await {
        Err((seq, documents)) => {
            assert_eq!(seq, head);
            assert_eq!(documents.len(), 1);
            assert!(documents[0].sponsors.is_empty());
        }
        Ok(seq) => panic!("a replay from event {seq} instead of a snapshot"),
    }

    let mut near = Ws::connect(&node, reader).await;
    near.send(&ClientFrame::SubscribeDocuments {
        session_id: fx.session,
        since: Some(head - 3),
    })
    .await;
    for expected in head - 2..=head {
        assert_eq!(first_documents_frame(&mut near).await, Ok(expected));
    }
}

/// The next frame about documents: `Ok(seq)` for an event, `Err((seq, documents))` for a
/// snapshot.
async fn first_documents_frame(ws: &mut Ws) -> Result<u64, (u64, Vec<Document>)> {
    ws.wait_for(|f| match f {
        ServerFrame::Documents { seq, documents, .. } => Some(Err((*seq, documents.clone()))),
        ServerFrame::DocumentEvent(e) => Some(Ok(e.seq)),
        _ => None,
    })
    .await
}
