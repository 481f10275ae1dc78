//! Two server nodes sharing PostgreSQL and Redis: a chair on one, delegates on both; a
//! document uploaded through one node served by the other; a meeting's media heard on
//! both, whichever node the speaker, the booth and the listener are on.

use crate::documents::{publish, published, upload, uploaded};
use floor_protocol::api::UploadedFile;
use floor_protocol::document::{Distribution, DocumentKind};
use floor_protocol::frames::ServerFrame;
use floor_protocol::*;
use floor_testkit::peer::{speech::*, *};
use floor_testkit::*;
use std::time::Duration;

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

/// A PDF of exactly `len` bytes: the header, then noise that no compression shortens.
fn noisy_pdf(len: usize, seed: u64) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n%".to_vec();
    let mut x = seed | 1;
    while bytes.len() < len {
        // xorshift64: deterministic, so a failure can be replayed.
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        bytes.extend_from_slice(&x.to_le_bytes());
    }
    bytes.truncate(len);
    bytes
}

/// A figure of a process's memory from `/proc/PID/status` (`VmRSS` now, `VmHWM` its peak
/// so far), in KiB.
fn memory_kib(pid: u32, figure: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix(figure)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("{figure} in /proc/{pid}/status"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_document_uploaded_through_one_node_downloads_whole_and_in_ranges_through_the_other() {
    let db = TestDb::new(Backend::Postgres);
    let channel = format!("floor:test:{}:{}:files", std::process::id(), db.url.len());
    // Each node has a files folder of its own: nothing is shared on disk.
    let dir_a = db.files_dir().with_file_name("files-of-a");
    let dir_b = db.files_dir().with_file_name("files-of-b");
    let options = |dir: &std::path::Path| NodeOptions {
        redis_channel: Some(channel.clone()),
        env: vec![("FLOOR_FILES_DIR", dir.display().to_string())],
        ..Default::default()
    };
    let a = Node::start_with(&db, &options(&dir_a));
    let b = Node::start_with(&db, &options(&dir_b));
    let fx = Fixture::new(&a, 2).await;
    let on_b = |c: &Client| Client {
        base: b.base.clone(),
        ..c.clone()
    };

    // The largest file accepted, through node A.
    let content = noisy_pdf(50 * 1024 * 1024, 0x5eed);
    let id = uploaded(&fx.secretariat, fx.session, content.clone()).await;
    let doc = published(
        &fx.secretariat,
        fx.session,
        publish(
            "E/CN.7/2026/CRP.1",
            DocumentKind::ConferenceRoomPaper,
            Distribution::General,
            &id,
        ),
    )
    .await;

    // A delegate reads it through node B.
    let reader = on_b(&fx.delegates[0]);
    let url = format!(
        "{}/api/sessions/{}/documents/{}/files/en",
        b.base, fx.session, doc.id
    );
    let get = |headers: &[(&'static str, String)]| {
        let mut r = reader
            .http
            .get(&url)
            .bearer_auth(reader.token.as_ref().unwrap());
        for (name, value) in headers {
            r = r.header(*name, value);
        }
        r.send()
    };
    // Writing 5 to clear_refs resets the peak (VmHWM) to what is resident now.
    std::fs::write(format!("/proc/{}/clear_refs", b.pid()), "5").unwrap();
    let resident_before = memory_kib(b.pid(), "VmRSS");
    let whole = get(&[]).await.unwrap();
    assert_eq!(whole.status(), 200);
    let etag = whole.headers()["etag"].to_str().unwrap().to_string();
    assert_eq!(etag, format!("\"{id}\""));
    assert_eq!(
        whole.headers()["content-length"],
        content.len().to_string().as_str()
    );
    let body = whole.bytes().await.unwrap();
    assert!(body == content, "the whole file, byte for byte");
    // Its peak while serving, above what it held before: far below the file's 50 MiB.
    let peak = memory_kib(b.pid(), "VmHWM");
    let growth_kib = peak.saturating_sub(resident_before);
    println!("node B: {resident_before} KiB resident before, peak {peak} KiB serving 50 MiB");
    assert!(
        growth_kib < 16 * 1024,
        "node B streams the file: its memory rose by {growth_kib} KiB"
    );

    // Ranges: across a chunk boundary of the store, from the middle to the end, the last
    // bytes; each byte for byte, with the Content-Range a resuming client relies on.
    let len = content.len() as u64;
    for (range, start, end) in [
        ("bytes=262140-262150".to_string(), 262_140u64, 262_150u64),
        ("bytes=0-0".to_string(), 0, 0),
        (format!("bytes={}-", len / 3), len / 3, len - 1),
        ("bytes=-7".to_string(), len - 7, len - 1),
    ] {
        let part = get(&[("range", range.clone())]).await.unwrap();
        assert_eq!(part.status(), 206, "{range}");
        assert_eq!(
            part.headers()["content-range"].to_str().unwrap(),
            format!("bytes {start}-{end}/{len}"),
            "{range}"
        );
        let body = part.bytes().await.unwrap();
        assert!(
            body == content[start as usize..=end as usize],
            "{range}: the bytes asked for"
        );
    }
    // Conditional requests work the same through B.
    assert_eq!(
        get(&[("if-none-match", etag.clone())])
            .await
            .unwrap()
            .status(),
        304
    );
    let resumed = get(&[("range", "bytes=100-199".into()), ("if-range", etag)])
        .await
        .unwrap();
    assert_eq!(resumed.status(), 206);
    assert!(resumed.bytes().await.unwrap() == content[100..200]);
    let beyond = get(&[("range", format!("bytes={len}-"))]).await.unwrap();
    assert_eq!(beyond.status(), 416);

    // The same bytes through B are the same file, stored once; two nodes storing a new
    // file at the same moment store it once too.
    let secretariat_on_b = on_b(&fx.secretariat);
    let again = uploaded(&secretariat_on_b, fx.session, content.clone()).await;
    assert_eq!(again, id);
    assert_eq!(db.count_rows("file_contents"), 1);
    let small = noisy_pdf(300_000, 7);
    let (through_a, through_b) = tokio::join!(
        upload(
            &fx.secretariat,
            fx.session,
            "application/pdf",
            small.clone()
        ),
        upload(
            &secretariat_on_b,
            fx.session,
            "application/pdf",
            small.clone()
        ),
    );
    assert_eq!((through_a.status, through_b.status), (201, 201));
    let ids: Vec<String> = [through_a, through_b]
        .into_iter()
        .map(|a| {
            serde_json::from_value::<UploadedFile>(a.body)
                .unwrap()
                .content_id
        })
        .collect();
    assert_eq!(ids[0], ids[1]);
    assert_eq!(db.count_rows("file_contents"), 2);

    // Neither node wrote anything to its disk.
    assert!(!dir_a.exists() && !dir_b.exists(), "no file on either disk");
}

/// The speaker and the French booth on node A, a listener following French on node B,
/// another delegate on node B and a listener of the floor on node A, all real WebRTC peers
/// through each node's SFU. B's listener hears the speaker and the channel, relayed from A;
/// the chair, connected to B, gives the floor to B's delegate, and A's listener hears the
/// new speaker and never the old one again.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_meetings_media_spans_two_nodes_and_a_floor_change_on_one_reroutes_the_other() {
    const ALICE: u32 = 0xA11CE;
    const BOB: u32 = 0xB0B;
    const FRENCH: u32 = 0xF1;
    let db = TestDb::new(Backend::Postgres);
    let channel = format!("floor:test:media:{}:{}", std::process::id(), db.url.len());
    let options = NodeOptions {
        redis_channel: Some(channel),
        ..Default::default()
    };
    let a = Node::start_with(&db, &options);
    let b = Node::start_with(&db, &options);
    let fx = Fixture::new(&a, 3).await;
    fx.open().await;
    let on_b = |c: &Client| Client {
        base: b.base.clone(),
        ..c.clone()
    };
    for d in &fx.delegates[..2] {
        d.command_ok(
            fx.meeting,
            Command::CheckIn {
                mode: AttendanceMode::Remote,
            },
        )
        .await;
        d.command_ok(
            fx.meeting,
            Command::RequestFloor {
                item: None,
                capacity: Default::default(),
            },
        )
        .await;
    }
    let interpreter = fx.participant(Role::Interpreter, None).await;
    let me: api::TokenResponse = interpreter.get_ok("/api/me").await;
    fx.secretariat
        .command_ok(
            fx.meeting,
            Command::AssignInterpreter {
                participant: me.participant.unwrap(),
                channel: "fr".into(),
            },
        )
        .await;
    let viewer = fx.participant(Role::Viewer, None).await;

    // On A: Alice (microphone and camera), the French booth, and Dave listening.
    let mut alice = MediaPeer::new(true, true, false).await;
    let mut ws_alice = Ws::connect(&a, &fx.delegates[0]).await;
    alice.join(&mut ws_alice, fx.meeting).await;
    let _alice = alice.speak(ALICE).await;
    let mut booth = MediaPeer::new(true, false, false).await;
    let mut ws_booth = Ws::connect(&a, &interpreter).await;
    booth.join(&mut ws_booth, fx.meeting).await;
    let _booth = booth.speak(FRENCH).await;
    let mut dave = MediaPeer::new(false, false, true).await;
    let mut ws_dave = Ws::connect(&a, &fx.delegates[2]).await;
    dave.join(&mut ws_dave, fx.meeting).await;
    let mut heard_by_dave = dave.listen();
    // On B: Bob (microphone and camera) and Carol, following French.
    let mut bob = MediaPeer::new(true, true, false).await;
    let mut ws_bob = Ws::connect(&b, &on_b(&fx.delegates[1])).await;
    bob.join(&mut ws_bob, fx.meeting).await;
    let _bob = bob.speak(BOB).await;
    let mut carol = MediaPeer::new(false, false, true).await;
    let mut ws_carol = Ws::connect(&b, &on_b(&viewer)).await;
    carol.join(&mut ws_carol, fx.meeting).await;
    let mut heard_by_carol = carol.listen();
    ws_carol
        .send(&frames::ClientFrame::MediaListen {
            meeting_id: fx.meeting,
            channel: Some("fr".into()),
        })
        .await;

    // Alice gets the floor (the chair on A) and the booth goes live.
    fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
    interpreter
        .command_ok(
            fx.meeting,
            Command::TakeMicrophone {
                channel: "fr".into(),
            },
        )
        .await;
    // Carol, on the other node, hears her, sees her, and hears the channel.
    next_heard(&mut heard_by_carol, "speaker", |h| h.marker == ALICE).await;
    next_heard(&mut heard_by_carol, "video", |h| {
        h.marker == ALICE && h.video
    })
    .await;
    next_heard(&mut heard_by_carol, "interpretation", |h| {
        h.marker == FRENCH
    })
    .await;
    let window = heard_during(&mut heard_by_carol, Duration::from_millis(400)).await;
    let speaker: Vec<&Heard> = window.iter().filter(|h| h.slot == "speaker").collect();
    assert!(
        !speaker.is_empty() && speaker.iter().all(|h| h.marker == ALICE),
        "only the floor holder on the speaker slot"
    );
    assert!(
        speaker.windows(2).all(|w| w[1].counter == w[0].counter + 1),
        "nothing lost on the way between nodes: {:?}",
        speaker.iter().map(|h| h.counter).collect::<Vec<_>>()
    );
    next_heard(&mut heard_by_dave, "speaker", |h| h.marker == ALICE).await;

    // The chair, now on B, gives the floor to Bob: on A, Dave hears Bob, relayed from B,
    // and Alice no more.
    on_b(&fx.chair)
        .command_ok(fx.meeting, Command::NextSpeaker)
        .await;
    next_heard(&mut heard_by_dave, "speaker", |h| h.marker == BOB).await;
    next_heard(&mut heard_by_dave, "video", |h| h.marker == BOB && h.video).await;
    let after = heard_during(&mut heard_by_dave, Duration::from_millis(400)).await;
    let speaker: Vec<&Heard> = after.iter().filter(|h| h.slot == "speaker").collect();
    assert!(
        !speaker.is_empty() && speaker.iter().all(|h| h.marker == BOB),
        "the old speaker is silent on the other node: {:?}",
        speaker.iter().map(|h| h.marker).collect::<Vec<_>>()
    );
    assert!(after
        .iter()
        .filter(|h| h.slot == "video")
        .all(|h| h.marker == BOB));
    // And Carol, on B, still has her channel.
    next_heard(&mut heard_by_carol, "interpretation", |h| {
        h.marker == FRENCH
    })
    .await;

    // Each node counts what it relayed and received, and knows the other.
    let stats_a: api::MediaStats = fx.secretariat.get_ok("/api/media/stats").await;
    let stats_b: api::MediaStats = on_b(&fx.secretariat).get_ok("/api/media/stats").await;
    for s in [&stats_a, &stats_b] {
        assert_eq!(s.relay_nodes, 1);
        assert!(s.relayed_out > 0 && s.relayed_in > 0, "{s:?}");
        assert_eq!(s.relay_refused, 0);
    }
    for p in [&alice, &booth, &dave, &bob, &carol] {
        p.close().await;
    }
}
