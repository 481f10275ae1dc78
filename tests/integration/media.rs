//! Media through the real server's SFU, with real WebRTC peers: whoever holds the floor is
//! heard by everyone and nobody else is; interpreters are heard on their channel when their
//! microphone is the live one; listeners switch channels without renegotiating.

use floor_protocol::frames::{self, ClientFrame, ErrorCode};
use floor_protocol::*;
use floor_testkit::peer::{speech::*, *};
use floor_testkit::*;
use std::time::{Duration, Instant};

const ALICE: u32 = 0xA11CE;
const BOB: u32 = 0xB0B;
const VIEWER: u32 = 0x51DE;
const CHAIR: u32 = 0xC4A1;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_floor_holder_is_heard_by_everyone_and_nobody_else_is() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 3).await;
    fx.open().await;
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
    let viewer = fx.participant(Role::Viewer, None).await;

    // Two remote delegates with microphone and camera, a viewer trying to publish, and two
    // listeners: a delegate without the floor and the viewer.
    let mut alice = MediaPeer::new(true, false, false).await;
    let mut chair = MediaPeer::new(true, false, false).await;
    let mut ws_chair = Ws::connect(&node, &fx.chair).await;
    chair.join(&mut ws_chair, fx.meeting).await;
    let _c = chair.speak(CHAIR).await;
    let mut bob = MediaPeer::new(true, true, false).await;
    let mut carol = MediaPeer::new(false, false, true).await;
    let mut watcher = MediaPeer::new(true, false, true).await;
    let mut ws_alice = Ws::connect(&node, &fx.delegates[0]).await;
    let mut ws_bob = Ws::connect(&node, &fx.delegates[1]).await;
    let mut ws_carol = Ws::connect(&node, &fx.delegates[2]).await;
    let mut ws_watcher = Ws::connect(&node, &viewer).await;
    let joined = Instant::now();
    alice.join(&mut ws_alice, fx.meeting).await;
    bob.join(&mut ws_bob, fx.meeting).await;
    carol.join(&mut ws_carol, fx.meeting).await;
    watcher.join(&mut ws_watcher, fx.meeting).await;
    let mut heard_by_carol = carol.listen();
    let mut heard_by_watcher = watcher.listen();
    let _a = alice.speak(ALICE).await;
    let _b = bob.speak(BOB).await;
    let _v = watcher.speak(VIEWER).await;

    // Alice gets the floor: both listeners hear her, on the speaker slot, and see her.
    fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
    for heard in [&mut heard_by_carol, &mut heard_by_watcher] {
        next_heard(heard, "speaker", |h| h.marker == ALICE && !h.video).await;
        // The chair is heard all along, in the chair's slot.
        next_heard(heard, "chair", |h| h.marker == CHAIR).await;
    }
    println!("join to first floor packet: {:?}", joined.elapsed());

    // The chair sees who is talking: Alice, heard; Bob talking without the floor, not heard.
    ws_chair.subscribe(fx.meeting).await;
    let (alice_d, bob_d) = (fx.members[0].id, fx.members[1].id);
    let levels = ws_chair
        .wait_for(|f| match f {
            frames::ServerFrame::AudioLevels { levels, .. }
                if levels.iter().any(|l| l.delegation == Some(bob_d)) =>
            {
                Some(levels.clone())
            }
            _ => None,
        })
        .await;
    let of = |d| {
        levels
            .iter()
            .find(|l| l.delegation == Some(d))
            .expect("a level for each talking delegate")
    };
    assert!(of(alice_d).heard && of(alice_d).voice && of(alice_d).dbov == -20);
    assert!(!of(bob_d).heard && of(bob_d).voice);
    assert!(levels.iter().any(|l| l.role == Role::Chair && l.heard));
    // A delegate's connection gets no levels: everything it received before the answer to
    // a ping, sent after the chair's levels arrived, is something else.
    ws_carol.subscribe(fx.meeting).await;
    ws_chair
        .wait_for(|f| matches!(f, frames::ServerFrame::AudioLevels { .. }).then_some(()))
        .await;
    ws_carol.send(&ClientFrame::Ping { nonce: Some(7) }).await;
    loop {
        match ws_carol.next().await {
            frames::ServerFrame::Pong { .. } => break,
            frames::ServerFrame::AudioLevels { .. } => panic!("a delegate got audio levels"),
            _ => {}
        }
    }
    // While she speaks, neither Bob (no floor) nor the viewer (never) is heard by anyone.
    let window = heard_during(&mut heard_by_carol, Duration::from_millis(400)).await;
    assert!(window.iter().any(|h| h.marker == ALICE));
    assert!(
        window
            .iter()
            .all(|h| (h.slot == "speaker" && h.marker == ALICE)
                || (h.slot == "chair" && h.marker == CHAIR)),
        "only the floor holder and the chair: {:?}",
        window
            .iter()
            .map(|h| (h.slot.clone(), h.marker))
            .collect::<Vec<_>>()
    );

    // The floor passes to Bob: Alice goes silent and Bob is heard, measured from the
    // moment the server committed the change.
    let sent = Instant::now();
    fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
    let committed = sent.elapsed();
    let first_bob = next_heard(&mut heard_by_carol, "speaker", |h| h.marker == BOB).await;
    let switch = first_bob.at.duration_since(sent);
    println!("floor change: command round trip {committed:?}, first packet of the new speaker after {switch:?}");
    assert!(
        switch < Duration::from_millis(500),
        "the new speaker is heard at once ({switch:?})"
    );
    // Bob's camera comes with the floor (the server asks him for a keyframe at once).
    next_heard(&mut heard_by_carol, "video", |h| h.marker == BOB && h.video).await;
    let after = heard_during(&mut heard_by_carol, Duration::from_millis(300)).await;
    assert!(
        after
            .iter()
            .filter(|h| h.slot == "video")
            .all(|h| h.marker == BOB && h.video),
        "only the floor holder is seen"
    );
    assert!(
        after
            .iter()
            .filter(|h| h.slot == "speaker")
            .all(|h| h.marker == BOB),
        "the old speaker is silent"
    );
    // The listener's stream continues: no sequence gap across the switch.
    let speaker: Vec<u16> = after
        .iter()
        .filter(|h| h.slot == "speaker")
        .map(|h| h.seq)
        .collect();
    assert!(
        speaker.windows(2).all(|w| w[1] == w[0].wrapping_add(1)),
        "{speaker:?}"
    );
    // And nothing Bob said in that time was lost.
    let counters: Vec<u32> = after
        .iter()
        .filter(|h| h.slot == "speaker")
        .map(|h| h.counter)
        .collect();
    assert!(
        counters.windows(2).all(|w| w[1] == w[0] + 1),
        "{counters:?}"
    );

    // The speech ends: nobody is heard on the speaker slot.
    fx.chair.command_ok(fx.meeting, Command::EndSpeech).await;
    let _ = heard_during(&mut heard_by_carol, Duration::from_millis(100)).await;
    let silence = heard_during(&mut heard_by_carol, Duration::from_millis(300)).await;
    assert!(silence.iter().all(|h| h.slot != "speaker"), "{silence:?}");
    for p in [&alice, &bob, &carol, &watcher, &chair] {
        p.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn interpretation_follows_the_live_microphone_and_the_listeners_choice() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 1).await;
    fx.open().await;
    let (fr1, fr2, es) = (
        fx.participant(Role::Interpreter, None).await,
        fx.participant(Role::Interpreter, None).await,
        fx.participant(Role::Interpreter, None).await,
    );
    for (who, channel) in [(&fr1, "fr"), (&fr2, "fr"), (&es, "es")] {
        let me: api::TokenResponse = who.get_ok("/api/me").await;
        fx.secretariat
            .command_ok(
                fx.meeting,
                Command::AssignInterpreter {
                    participant: me.participant.unwrap(),
                    channel: channel.into(),
                },
            )
            .await;
    }
    let refused = fx.delegates[0]
        .command(
            fx.meeting,
            Command::TakeMicrophone {
                channel: "fr".into(),
            },
        )
        .await;
    assert_eq!(refused.code(), "not_permitted");

    let mut booth = Vec::new();
    for (who, marker) in [(&fr1, 0xF1u32), (&fr2, 0xF2), (&es, 0xE5)] {
        let mut peer = MediaPeer::new(true, false, false).await;
        let mut ws = Ws::connect(&node, who).await;
        peer.join(&mut ws, fx.meeting).await;
        let task = peer.speak(marker).await;
        booth.push((peer, ws, task));
    }
    let mut listener = MediaPeer::new(false, false, true).await;
    let mut ws = Ws::connect(&node, &fx.delegates[0]).await;
    listener.join(&mut ws, fx.meeting).await;
    let mut heard = listener.listen();
    ws.send(&ClientFrame::MediaListen {
        meeting_id: fx.meeting,
        channel: Some("fr".into()),
    })
    .await;

    // The first French interpreter takes the microphone: the French channel carries her.
    fr1.command_ok(
        fx.meeting,
        Command::TakeMicrophone {
            channel: "fr".into(),
        },
    )
    .await;
    next_heard(&mut heard, "interpretation", |h| h.marker == 0xF1).await;
    // Handover to the partner in one command: no overlap, no gap longer than a packet or two.
    fr2.command_ok(
        fx.meeting,
        Command::TakeMicrophone {
            channel: "fr".into(),
        },
    )
    .await;
    let window = heard_during(&mut heard, Duration::from_millis(600)).await;
    let channel: Vec<&Heard> = window
        .iter()
        .filter(|h| h.slot == "interpretation")
        .collect();
    let first_partner = channel
        .iter()
        .position(|h| h.marker == 0xF2)
        .expect("the partner is heard");
    assert!(
        channel[first_partner..].iter().all(|h| h.marker == 0xF2),
        "no overlap after the handover"
    );
    assert!(
        channel.iter().all(|h| h.marker != 0xE5),
        "never another booth"
    );
    if first_partner > 0 {
        let gap = channel[first_partner]
            .at
            .duration_since(channel[first_partner - 1].at);
        println!("handover gap on the channel: {gap:?}");
        assert!(
            gap < Duration::from_millis(100),
            "no gap at the handover ({gap:?})"
        );
        assert_eq!(
            channel[first_partner].seq,
            channel[first_partner - 1].seq.wrapping_add(1),
            "one continuous stream"
        );
    }

    // The listener switches to Spanish, without a new negotiation.
    es.command_ok(
        fx.meeting,
        Command::TakeMicrophone {
            channel: "es".into(),
        },
    )
    .await;
    ws.send(&ClientFrame::MediaListen {
        meeting_id: fx.meeting,
        channel: Some("es".into()),
    })
    .await;
    next_heard(&mut heard, "interpretation", |h| h.marker == 0xE5).await;
    let after = heard_during(&mut heard, Duration::from_millis(300)).await;
    assert!(after
        .iter()
        .filter(|h| h.slot == "interpretation")
        .all(|h| h.marker == 0xE5));

    // An unknown channel is refused and changes nothing.
    ws.send(&ClientFrame::MediaListen {
        meeting_id: fx.meeting,
        channel: Some("tlh".into()),
    })
    .await;
    assert_eq!(ws.next_error().await.0, ErrorCode::MediaRefused);
    next_heard(&mut heard, "interpretation", |h| h.marker == 0xE5).await;
    listener.close().await;
    for (p, _, _) in &booth {
        p.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn media_needs_a_token_for_the_meeting() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 1).await;
    let other = Fixture::new(&node, 1).await;
    let mut peer = MediaPeer::new(true, false, true).await;

    let mut anonymous = Ws::connect_raw(&node).await;
    let refused = |e: anyhow::Error| match e.downcast::<Refused>() {
        Ok(Refused(message)) => message,
        Err(e) => panic!("the offer failed, not refused: {e:#}"),
    };
    let offer = peer.try_join(&mut anonymous, fx.meeting).await;
    refused(offer.unwrap_err());
    let mut outsider = Ws::connect(&node, &other.delegates[0]).await;
    let outside = refused(peer.try_join(&mut outsider, fx.meeting).await.unwrap_err());
    assert!(outside.contains("does not cover"), "{outside}");
    let mut ws = Ws::connect(&node, &fx.delegates[0]).await;
    let unknown = refused(peer.try_join(&mut ws, MeetingId(4040)).await.unwrap_err());
    assert!(unknown.contains("no such meeting"), "{unknown}");
    peer.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_publisher_who_rejoins_is_heard_again_without_anyone_else_acting() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 2).await;
    fx.open().await;
    fx.remote_delegate_takes_the_floor(0).await;
    let mut listener = MediaPeer::new(false, false, true).await;
    let mut ws_listener = Ws::connect(&node, &fx.delegates[1]).await;
    listener.join(&mut ws_listener, fx.meeting).await;
    let mut heard = listener.listen();

    let mut speaker = MediaPeer::new(true, false, false).await;
    let mut ws = Ws::connect(&node, &fx.delegates[0]).await;
    speaker.join(&mut ws, fx.meeting).await;
    let task = speaker.speak(ALICE).await;
    next_heard(&mut heard, "speaker", |h| h.marker == ALICE).await;

    // Her connection drops; she comes back on a new one (a new WebSocket, a new peer).
    task.abort();
    speaker.close().await;
    drop(ws);
    let mut again = MediaPeer::new(true, false, false).await;
    let mut ws = Ws::connect(&node, &fx.delegates[0]).await;
    again.join(&mut ws, fx.meeting).await;
    let _task = again.speak(ALICE + 1).await;
    next_heard(&mut heard, "speaker", |h| h.marker == ALICE + 1).await;
    again.close().await;
    listener.close().await;
}

/// The meeting room is one more participant: the remote listeners hear and see the hall
/// when a delegation in the room holds the floor, and the room's loudspeakers get the
/// remote speaker. Interpreters relay from another booth, and a listener who reconnects
/// hears the floor again by itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_room_and_the_remote_participants_hear_each_other_and_booths_relay() {
    const ROOM: u32 = 0x400A;
    const IN_HALL: u32 = 0x4A11;
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 3).await;
    fx.open().await;
    // Austria speaks from the hall, Brazil from home.
    for (d, mode) in [
        (&fx.delegates[0], AttendanceMode::InPerson),
        (&fx.delegates[1], AttendanceMode::Remote),
    ] {
        d.command_ok(fx.meeting, Command::CheckIn { mode }).await;
        d.command_ok(
            fx.meeting,
            Command::RequestFloor {
                item: None,
                capacity: Default::default(),
            },
        )
        .await;
    }
    let room = fx.participant(Role::Room, None).await;
    let (fr, es) = (
        fx.participant(Role::Interpreter, None).await,
        fx.participant(Role::Interpreter, None).await,
    );
    for (who, channel) in [(&fr, "fr"), (&es, "es")] {
        let me: api::TokenResponse = who.get_ok("/api/me").await;
        fx.secretariat
            .command_ok(
                fx.meeting,
                Command::AssignInterpreter {
                    participant: me.participant.unwrap(),
                    channel: channel.into(),
                },
            )
            .await;
        who.command_ok(
            fx.meeting,
            Command::TakeMicrophone {
                channel: channel.into(),
            },
        )
        .await;
    }

    // The room publishes its microphones and camera and plays what it receives.
    let mut hall = MediaPeer::new(true, true, true).await;
    let mut ws_hall = Ws::connect(&node, &room).await;
    hall.join(&mut ws_hall, fx.meeting).await;
    let mut heard_in_hall = hall.listen();
    let _h = hall.speak(ROOM).await;
    // Austria's delegate in the hall also has a laptop open: it must not echo on the floor.
    let mut laptop = MediaPeer::new(true, false, false).await;
    let mut ws_laptop = Ws::connect(&node, &fx.delegates[0]).await;
    laptop.join(&mut ws_laptop, fx.meeting).await;
    let _l = laptop.speak(IN_HALL).await;
    let mut brazil = MediaPeer::new(true, true, false).await;
    let mut ws_brazil = Ws::connect(&node, &fx.delegates[1]).await;
    brazil.join(&mut ws_brazil, fx.meeting).await;
    let _b = brazil.speak(BOB).await;
    // The Spanish interpreter works from the French booth's output (relay).
    let mut relay = MediaPeer::new(true, false, true).await;
    let mut ws_relay = Ws::connect(&node, &es).await;
    relay.join(&mut ws_relay, fx.meeting).await;
    let mut heard_by_relay = relay.listen();
    let _e = relay.speak(0xE5).await;
    ws_relay
        .send(&ClientFrame::MediaListen {
            meeting_id: fx.meeting,
            channel: Some("fr".into()),
        })
        .await;
    let mut french = MediaPeer::new(true, false, false).await;
    let mut ws_french = Ws::connect(&node, &fr).await;
    french.join(&mut ws_french, fx.meeting).await;
    let _f = french.speak(0xF1).await;
    let mut remote = MediaPeer::new(false, false, true).await;
    let mut ws_remote = Ws::connect(&node, &fx.delegates[2]).await;
    remote.join(&mut ws_remote, fx.meeting).await;
    let mut heard_remotely = remote.listen();

    // Austria, in the hall, has the floor: the remote listener hears and sees the room,
    // and nobody on the speaker slot (the laptop stays silent).
    fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
    next_heard(&mut heard_remotely, "room", |h| h.marker == ROOM).await;
    next_heard(&mut heard_remotely, "video", |h| {
        h.marker == ROOM && h.video
    })
    .await;
    let window = heard_during(&mut heard_remotely, Duration::from_millis(300)).await;
    assert!(
        window.iter().all(|h| h.slot != "speaker"),
        "nobody on the speaker slot while the speaker is in the hall: {:?}",
        window
            .iter()
            .map(|h| (h.slot.clone(), h.marker))
            .collect::<Vec<_>>()
    );
    // The relay interpreter hears the French booth, never its own voice.
    next_heard(&mut heard_by_relay, "interpretation", |h| h.marker == 0xF1).await;
    let relayed = heard_during(&mut heard_by_relay, Duration::from_millis(300)).await;
    assert!(
        relayed.iter().all(|h| h.marker != 0xE5),
        "no own voice back"
    );

    // Brazil, remote, has the floor: the room's loudspeakers get Brazil, and so does the
    // remote listener, with Brazil's camera.
    fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
    next_heard(&mut heard_in_hall, "speaker", |h| h.marker == BOB).await;
    next_heard(&mut heard_in_hall, "video", |h| h.marker == BOB && h.video).await;
    next_heard(&mut heard_remotely, "speaker", |h| h.marker == BOB).await;
    let in_hall = heard_during(&mut heard_in_hall, Duration::from_millis(300)).await;
    assert!(
        in_hall.iter().all(|h| h.marker != ROOM),
        "the room never hears itself back"
    );

    // The remote listener's connection drops; a new one hears the floor at once, with
    // nothing done by anyone else.
    remote.close().await;
    drop(ws_remote);
    let mut again = MediaPeer::new(false, false, true).await;
    let mut ws_again = Ws::connect(&node, &fx.delegates[2]).await;
    again.join(&mut ws_again, fx.meeting).await;
    let mut heard_again = again.listen();
    next_heard(&mut heard_again, "speaker", |h| h.marker == BOB).await;
    for p in [&hall, &laptop, &brazil, &relay, &french, &again] {
        p.close().await;
    }
}

/// A publisher is told its bitrate limit in the answer and over RTCP, and one that sends
/// over it anyway loses what is over it at the server, not the listeners their floor:
/// its microphone stays whole. The node's counters say what was dropped, to the
/// secretariat only.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_publisher_over_its_bitrate_limit_is_told_and_held_to_it() {
    const VIDEO_KBPS: u32 = 200;
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start_with(
        &db,
        &NodeOptions {
            env: vec![("FLOOR_MEDIA_MAX_VIDEO_KBPS", VIDEO_KBPS.to_string())],
            ..Default::default()
        },
    );
    let fx = Fixture::new(&node, 2).await;
    fx.open().await;
    fx.remote_delegate_takes_the_floor(0).await;
    let mut listener = MediaPeer::new(false, false, true).await;
    let mut ws_listener = Ws::connect(&node, &fx.delegates[1]).await;
    listener.join(&mut ws_listener, fx.meeting).await;
    let mut heard = listener.listen();

    let mut speaker = MediaPeer::new(true, true, false).await;
    let mut ws = Ws::connect(&node, &fx.delegates[0]).await;
    speaker.join(&mut ws, fx.meeting).await;
    let mut told = speaker.limits_told();
    // The answer limits each m-line it receives on: the microphone and the camera.
    let answer = speaker.answer.clone().expect("an answer");
    assert!(answer.contains("b=AS:128\r\n"), "{answer}");
    assert!(
        answer.contains(&format!("b=TIAS:{}\r\n", VIDEO_KBPS * 1000)),
        "{answer}"
    );
    // 1,000 bytes of camera payload every 20 ms: some 400 kbit/s, twice the limit.
    let _speaking = speaker.speak_sized(ALICE, 1000).await;
    // Told as each track opens (the microphone's alone first), then every second: the
    // sum of the microphone's and the camera's limits, never more.
    let both = ((128 + VIDEO_KBPS) * 1000) as f32;
    let mut limits = Vec::new();
    let told_both = tokio::time::timeout(DEADLINE, async {
        while let Some(limit) = told.recv().await {
            limits.push(limit);
            if limit == both {
                return true;
            }
        }
        false
    })
    .await;
    assert_eq!(told_both, Ok(true), "REMBs received: {limits:?}");
    assert!(limits.iter().all(|l| *l <= both), "{limits:?}");

    // Once the second's allowance a burst may use is spent, about half of the camera's
    // packets pass (1,012 bytes of 25,000 a second allowed, 50 sent), and every packet
    // of the microphone.
    next_heard(&mut heard, "video", |h| h.marker == ALICE).await;
    let first = next_heard(&mut heard, "video", |h| {
        h.marker == ALICE && h.counter >= 100
    })
    .await;
    let window = heard_during(&mut heard, Duration::from_secs(3)).await;
    let span = |video: bool| {
        let counters: Vec<u32> = window
            .iter()
            .filter(|h| h.marker == ALICE && h.video == video && h.counter > first.counter)
            .map(|h| h.counter)
            .collect();
        let (lo, hi) = (
            counters.iter().min().copied(),
            counters.iter().max().copied(),
        );
        match (lo, hi) {
            (Some(lo), Some(hi)) => counters.len() as f64 / f64::from(hi - lo + 1),
            _ => 0.0,
        }
    };
    let (video_share, audio_share) = (span(true), span(false));
    assert!(
        (0.3..=0.65).contains(&video_share),
        "camera packets through: {video_share:.2} (expected about 0.49)"
    );
    assert!(
        audio_share >= 0.97,
        "microphone packets through: {audio_share:.2}"
    );

    // The node's counters show it; a delegate may not read them.
    let stats: floor_protocol::api::MediaStats =
        node.secretariat().await.get_ok("/api/media/stats").await;
    assert!(stats.rtp_over_limit > 0, "{stats:?}");
    assert!(stats.limits_sent > 0, "{stats:?}");
    assert_eq!(stats.peers, 2);
    let refused = fx.delegates[0].get("/api/media/stats").await;
    assert_eq!(refused.status, 403);
    speaker.close().await;
    listener.close().await;
}

/// Without relays configured a browser is given no ICE servers; with them, each asker gets
/// a credential of limited life in coturn's scheme, checked here against the secret.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browsers_are_given_turn_relays_with_credentials_of_limited_life() {
    let db = TestDb::new(Backend::Sqlite);
    let plain = Node::start(&db);
    let fx = Fixture::new(&plain, 1).await;
    let none: floor_protocol::api::IceServers =
        fx.delegates[0].get_ok("/api/media/ice-servers").await;
    assert!(none.ice_servers.is_empty());
    assert_eq!(
        plain.client().get("/api/media/ice-servers").await.status,
        401
    );
    drop(plain);

    let relayed = Node::start_with(
        &db,
        &NodeOptions {
            env: vec![
                (
                    "FLOOR_TURN_URLS",
                    "turn:turn.example.org:3478?transport=udp,turns:turn.example.org:443?transport=tcp".into(),
                ),
                ("FLOOR_TURN_SECRET", "north-wing-relay".into()),
                ("FLOOR_TURN_HOURS", "10".into()),
            ],
            ..Default::default()
        },
    );
    // The same database, so the same signing secret: the delegate's token holds.
    let delegate = Client {
        base: relayed.base.clone(),
        ..fx.delegates[0].clone()
    };
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let given: floor_protocol::api::IceServers = delegate.get_ok("/api/media/ice-servers").await;
    let [server] = &given.ice_servers[..] else {
        panic!("one relay entry: {given:?}")
    };
    assert_eq!(server.urls.len(), 2);
    let username = server.username.clone().expect("a username");
    let (expiry, who) = username.split_once(':').expect("expiry:who");
    let expiry: u64 = expiry.parse().expect("Unix seconds");
    assert!(
        (before + 10 * 3600..=before + 10 * 3600 + 60).contains(&expiry),
        "expires in ten hours: {expiry} vs now {before}"
    );
    assert!(who.starts_with("participant-"), "{who}");
    let password = server.credential.clone().expect("a credential");
    assert_eq!(password, turn_password("north-wing-relay", &username));
}

/// coturn's check of a `use-auth-secret` password.
fn turn_password(secret: &str, username: &str) -> String {
    use base64::Engine;
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(username.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The node's media counters, as the secretariat reads them.
/// The node's media counters, read by the secretariat (signed in once per test: sign-ins
/// are rate-limited per account, and these tests poll).
async fn media_stats(secretariat: &Client) -> floor_protocol::api::MediaStats {
    secretariat.get_ok("/api/media/stats").await
}

/// One viewer token opening many WebSockets, each offering and never connecting, gets
/// its participant's few places (the rest refused with a typed error), cannot keep the
/// chair out even when it fills the meeting's places, and loses those places to the
/// connect deadline: the offers nobody follows up are gone within 10 s.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_offer_flood_from_one_token_takes_few_places_briefly_and_never_the_chairs() {
    const OFFERS: usize = 200;
    const PER_PARTICIPANT: usize = 3;
    let db = TestDb::new(Backend::Sqlite);
    // A meeting of three places, which the viewer's own share fills.
    let node = Node::start_with(
        &db,
        &NodeOptions {
            env: vec![("FLOOR_MEDIA_MAX_PEERS", "3".to_string())],
            ..Default::default()
        },
    );
    let secretariat = node.secretariat().await;
    let fx = Fixture::new(&node, 1).await;
    fx.open().await;
    let viewer = fx.participant(Role::Viewer, None).await;

    // One real offer (receiving the five slots), sent as is from every connection: the
    // server answers each with its own credentials, and nobody ever checks them.
    let offerer = MediaPeer::new(false, false, true).await;
    let sdp = offerer.offer().await;
    let mut sockets = Vec::with_capacity(OFFERS);
    for _ in 0..OFFERS {
        sockets.push(Ws::connect(&node, &viewer).await);
    }
    for ws in &mut sockets {
        ws.send(&ClientFrame::MediaOffer {
            meeting_id: fx.meeting,
            sdp: sdp.clone(),
        })
        .await;
    }
    let mut answered = 0;
    let mut refused = Vec::new();
    for ws in &mut sockets {
        let outcome = ws
            .wait_for(|f| match f {
                frames::ServerFrame::MediaAnswer { .. } => Some(None),
                frames::ServerFrame::Error { code, message, .. } => {
                    Some(Some((*code, message.clone())))
                }
                _ => None,
            })
            .await;
        match outcome {
            None => answered += 1,
            Some(r) => refused.push(r),
        }
    }
    let flood_over = Instant::now();
    assert_eq!(answered, PER_PARTICIPANT, "{refused:?}");
    assert_eq!(refused.len(), OFFERS - PER_PARTICIPANT);
    assert!(
        refused
            .iter()
            .all(|(code, message)| *code == ErrorCode::MediaConnectionLimit
                && message.contains("maximum of 3 media connections")),
        "{:?}",
        &refused[..3]
    );
    let stats = media_stats(&secretariat).await;
    assert_eq!(
        (
            stats.peers,
            stats.connecting,
            stats.refused_participant_limit
        ),
        (3, 3, (OFFERS - PER_PARTICIPANT) as u64),
        "{stats:?}"
    );

    // The meeting's three places are taken; the chair is not counted against them and
    // connects at once. A delegate is refused: the meeting is full.
    let mut chair = MediaPeer::new(true, false, true).await;
    let mut ws_chair = Ws::connect(&node, &fx.chair).await;
    chair.join(&mut ws_chair, fx.meeting).await;
    let delegate = MediaPeer::new(true, false, true).await;
    let mut ws_delegate = Ws::connect(&node, &fx.delegates[0]).await;
    ws_delegate
        .send(&ClientFrame::MediaOffer {
            meeting_id: fx.meeting,
            sdp: delegate.offer().await,
        })
        .await;
    let (code, message) = ws_delegate.next_error().await;
    assert_eq!(code, ErrorCode::MediaRefused);
    assert!(
        message.contains("maximum of 3 media connections"),
        "{message}"
    );

    // The viewer's unconnected peers go at the connect deadline (8 s by default).
    let deadline = flood_over + Duration::from_secs(10);
    let stats = loop {
        let stats = media_stats(&secretariat).await;
        if stats.expired_unconnected == PER_PARTICIPANT as u64 {
            break stats;
        }
        assert!(
            Instant::now() < deadline,
            "unconnected peers still there 10 s after their offers: {stats:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await; // polling interval, not a wait for an outcome
    };
    println!(
        "unconnected peers removed {:?} after the flood",
        flood_over.elapsed()
    );
    assert_eq!((stats.peers, stats.connecting), (1, 0), "{stats:?}");

    // Their places are free again: the delegate connects, and the chair is still there.
    let mut ws_delegate = Ws::connect(&node, &fx.delegates[0]).await;
    let mut delegate_again = MediaPeer::new(true, false, true).await;
    delegate_again.join(&mut ws_delegate, fx.meeting).await;
    let stats = media_stats(&secretariat).await;
    assert_eq!((stats.peers, stats.connecting), (2, 0), "{stats:?}");
    for p in [&offerer, &chair, &delegate, &delegate_again] {
        p.close().await;
    }
}

/// RFC 7675 lets a client check consent as rarely as every 30 s or so; a listener whose
/// stack checks every 6 s hears every packet of the floor, not the floor in blocks.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_listener_checking_consent_every_six_seconds_loses_no_packet() {
    const LISTENING: Duration = Duration::from_secs(30);
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 2).await;
    fx.open().await;
    fx.remote_delegate_takes_the_floor(0).await;
    let mut listener =
        MediaPeer::with_consent_checks(false, false, true, Some(Duration::from_secs(6))).await;
    let mut ws_listener = Ws::connect(&node, &fx.delegates[1]).await;
    listener.join(&mut ws_listener, fx.meeting).await;
    let mut heard = listener.listen();
    let mut speaker = MediaPeer::new(true, false, false).await;
    let mut ws = Ws::connect(&node, &fx.delegates[0]).await;
    speaker.join(&mut ws, fx.meeting).await;
    let _speaking = speaker.speak(ALICE).await;

    let first = next_heard(&mut heard, "speaker", |h| h.marker == ALICE).await;
    let window = heard_during(&mut heard, LISTENING).await;
    let mut counters: Vec<u32> = window
        .iter()
        .filter(|h| h.slot == "speaker" && h.marker == ALICE && !h.video)
        .map(|h| h.counter)
        .collect();
    counters.sort_unstable();
    counters.dedup();
    let last = counters.last().copied().unwrap_or(first.counter);
    let expected = last - first.counter;
    let lost = expected as usize - counters.len();
    // The longest run of missing packets, to show a block if there is one.
    let longest_gap = std::iter::once(first.counter)
        .chain(counters.iter().copied())
        .collect::<Vec<_>>()
        .windows(2)
        .map(|w| w[1] - w[0] - 1)
        .max()
        .unwrap_or(0);
    println!(
        "over {LISTENING:?}: {} packets heard of {expected}, {lost} lost, longest gap {longest_gap} packets",
        counters.len()
    );
    assert!(
        expected >= 1000,
        "the speaker was heard to the end: {expected} packets"
    );
    assert_eq!(
        lost, 0,
        "packets lost over {LISTENING:?} (longest gap {longest_gap} packets)"
    );
    speaker.close().await;
    listener.close().await;
}

/// An offer that cannot be answered, sent on a connection that already has media, is
/// refused and changes nothing: the connection's peer stays, still routed (its listeners
/// keep hearing it), and the connection still knows it (media_leave removes it).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_failed_re_offer_keeps_the_peer_and_its_listeners() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let secretariat = node.secretariat().await;
    let fx = Fixture::new(&node, 2).await;
    fx.open().await;
    fx.remote_delegate_takes_the_floor(0).await;
    let mut listener = MediaPeer::new(false, false, true).await;
    let mut ws_listener = Ws::connect(&node, &fx.delegates[1]).await;
    listener.join(&mut ws_listener, fx.meeting).await;
    let mut heard = listener.listen();
    let mut speaker = MediaPeer::new(true, false, false).await;
    let mut ws = Ws::connect(&node, &fx.delegates[0]).await;
    speaker.join(&mut ws, fx.meeting).await;
    let _speaking = speaker.speak(ALICE).await;
    next_heard(&mut heard, "speaker", |h| h.marker == ALICE).await;

    // The speaker's client re-offers with something that is not an offer.
    ws.send(&ClientFrame::MediaOffer {
        meeting_id: fx.meeting,
        sdp: "v=0\r\nnot an offer at all\r\n".into(),
    })
    .await;
    let (code, message) = ws.next_error().await;
    assert_eq!(code, ErrorCode::MediaRefused);
    assert!(message.contains("could not be answered"), "{message}");
    // A packet she sent after the refusal still reaches the listener.
    let refused_at = Instant::now();
    next_heard(&mut heard, "speaker", |h| {
        h.marker == ALICE && h.at > refused_at + Duration::from_millis(200)
    })
    .await;
    let stats = media_stats(&secretariat).await;
    assert_eq!(stats.peers, 2, "{stats:?}");

    // Her connection still knows its peer: leaving removes it, and the listener's
    // speaker slot goes quiet.
    ws.send(&ClientFrame::MediaLeave {
        meeting_id: fx.meeting,
    })
    .await;
    let deadline = Instant::now() + DEADLINE;
    loop {
        let stats = media_stats(&secretariat).await;
        if stats.peers == 1 {
            break;
        }
        assert!(Instant::now() < deadline, "{stats:?}");
        tokio::time::sleep(Duration::from_millis(50)).await; // polling interval
    }
    let _ = heard_during(&mut heard, Duration::from_millis(100)).await;
    let after = heard_during(&mut heard, Duration::from_millis(300)).await;
    assert!(after.iter().all(|h| h.slot != "speaker"), "{after:?}");
    speaker.close().await;
    listener.close().await;
}

/// A listener that stops checking consent keeps receiving for the consent lifetime (here
/// set to 10 s), then is removed and its place freed: nothing is sent on to a client that
/// no longer says it wants it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_listener_that_stops_checking_consent_is_served_until_it_lapses_then_removed() {
    const CONSENT: Duration = Duration::from_secs(10);
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start_with(
        &db,
        &NodeOptions {
            env: vec![("FLOOR_MEDIA_CONSENT_SECS", CONSENT.as_secs().to_string())],
            ..Default::default()
        },
    );
    let secretariat = node.secretariat().await;
    let fx = Fixture::new(&node, 2).await;
    fx.open().await;
    fx.remote_delegate_takes_the_floor(0).await;
    let mut speaker = MediaPeer::new(true, false, false).await;
    let mut ws = Ws::connect(&node, &fx.delegates[0]).await;
    speaker.join(&mut ws, fx.meeting).await;
    let _speaking = speaker.speak(ALICE).await;
    // Its stack checks once, to connect, and then not for a minute.
    let mut listener =
        MediaPeer::with_consent_checks(false, false, true, Some(Duration::from_secs(60))).await;
    let mut ws_listener = Ws::connect(&node, &fx.delegates[1]).await;
    listener.join(&mut ws_listener, fx.meeting).await;
    let connected = Instant::now();
    let mut heard = listener.listen();
    next_heard(&mut heard, "speaker", |h| h.marker == ALICE).await;

    // Served to the end of the consent lifetime...
    next_heard(&mut heard, "speaker", |h| {
        h.marker == ALICE && h.at >= connected + CONSENT - Duration::from_secs(1)
    })
    .await;
    // ...and removed within five seconds of it (and some slack for a loaded machine).
    let deadline = connected + CONSENT + Duration::from_secs(5) + DEADLINE;
    let stats = loop {
        let stats = media_stats(&secretariat).await;
        if stats.connections_failed == 1 {
            break stats;
        }
        assert!(Instant::now() < deadline, "{stats:?}");
        tokio::time::sleep(Duration::from_millis(100)).await; // polling interval
    };
    println!(
        "listener removed {:?} after connecting",
        connected.elapsed()
    );
    assert_eq!(stats.peers, 1, "only the speaker is left: {stats:?}");
    let _ = heard_during(&mut heard, Duration::from_millis(100)).await;
    let after = heard_during(&mut heard, Duration::from_millis(500)).await;
    assert!(after.is_empty(), "{} packets after removal", after.len());
    speaker.close().await;
    listener.close().await;
}

/// A delegation follows the meeting from two places (CND's hybrid rules allowed several
/// online speakers per delegation): the one who asked for the floor is heard, not the
/// delegation's other microphone, even though that one connected first. When the
/// secretariat inscribes the delegation instead, or the one who asked has no microphone
/// connected, the delegation's microphone is heard.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_a_delegation_on_two_devices_the_one_given_the_floor_is_heard() {
    const FIRST: u32 = 0xF1;
    const SECOND: u32 = 0x5EC;
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 2).await;
    fx.open().await;
    let delegation = fx.members[0].id;
    let first = &fx.delegates[0];
    let second = fx.participant(Role::Delegate, Some(delegation)).await;
    for d in [first, &second] {
        d.command_ok(
            fx.meeting,
            Command::CheckIn {
                mode: AttendanceMode::Remote,
            },
        )
        .await;
    }
    let mut first_peer = MediaPeer::new(true, false, false).await;
    let mut second_peer = MediaPeer::new(true, false, false).await;
    let mut listener = MediaPeer::new(false, false, true).await;
    let mut ws_first = Ws::connect(&node, first).await;
    let mut ws_second = Ws::connect(&node, &second).await;
    let mut ws_listener = Ws::connect(&node, &fx.delegates[1]).await;
    // The delegation's first microphone connects first.
    first_peer.join(&mut ws_first, fx.meeting).await;
    second_peer.join(&mut ws_second, fx.meeting).await;
    listener.join(&mut ws_listener, fx.meeting).await;
    let mut heard = listener.listen();
    let _f = first_peer.speak(FIRST).await;
    let _s = second_peer.speak(SECOND).await;

    // The second person asks and is given the floor: only their voice is on the floor.
    second.asks_for_the_floor(fx.meeting).await;
    fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
    let speakers = heard_after(&mut heard, "speaker", SECOND, Duration::from_millis(400)).await;
    assert!(
        !speakers.is_empty() && speakers.iter().all(|m| *m == SECOND),
        "the floor is the second person's alone: {speakers:x?}"
    );

    // Their device leaves the media (as the page does when it signs out): the delegation
    // still has the floor, heard through its other microphone.
    ws_second
        .send(&ClientFrame::MediaLeave {
            meeting_id: fx.meeting,
        })
        .await;
    second_peer.close().await;
    next_heard(&mut heard, "speaker", |h| h.marker == FIRST).await;
    fx.chair.command_ok(fx.meeting, Command::EndSpeech).await;

    // Both devices connect again, the first one first, each with a new marker so that
    // nothing said before counts, and the secretariat inscribes the delegation: nobody in
    // particular asked, so the delegation's first microphone is heard and the other not.
    const FIRST_AGAIN: u32 = 0xF2;
    const SECOND_AGAIN: u32 = 0x5ED;
    ws_first
        .send(&ClientFrame::MediaLeave {
            meeting_id: fx.meeting,
        })
        .await;
    first_peer.close().await;
    let mut first_again = MediaPeer::new(true, false, false).await;
    first_again.join(&mut ws_first, fx.meeting).await;
    let _f2 = first_again.speak(FIRST_AGAIN).await;
    let mut second_again = MediaPeer::new(true, false, false).await;
    second_again.join(&mut ws_second, fx.meeting).await;
    let _s2 = second_again.speak(SECOND_AGAIN).await;
    fx.secretariat
        .command_ok(
            fx.meeting,
            Command::InscribeSpeaker {
                delegation,
                item: None,
                capacity: Default::default(),
                allow_additional: false,
            },
        )
        .await;
    fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
    next_heard(&mut heard, "speaker", |h| h.marker == FIRST_AGAIN).await;
    let window = heard_during(&mut heard, Duration::from_millis(400)).await;
    assert!(
        window
            .iter()
            .filter(|h| h.slot == "speaker")
            .all(|h| h.marker == FIRST_AGAIN),
        "one microphone of the delegation, the first: {:x?}",
        window.iter().map(|h| h.marker).collect::<Vec<_>>()
    );

    // The floor passes between them: the second person takes the delegation's microphone,
    // then the first takes it back; each time only the one holding it is heard.
    let view = fx.chair.view(fx.meeting).await;
    let mut people: Vec<ParticipantId> = view
        .state
        .attendance
        .iter()
        .filter(|a| a.delegation == delegation)
        .map(|a| a.participant)
        .collect();
    people.sort();
    let (first_id, second_id) = (people[0], people[1]);
    for (who, to, marker) in [
        (&second, second_id, SECOND_AGAIN),
        (first, first_id, FIRST_AGAIN),
    ] {
        who.command_ok(fx.meeting, Command::PassFloorMicrophone { participant: to })
            .await;
        let speakers = heard_after(&mut heard, "speaker", marker, Duration::from_millis(400)).await;
        assert!(
            speakers.iter().all(|m| *m == marker),
            "only {marker:x} once passed: {speakers:x?}"
        );
    }
    for p in [&first_again, &second_again, &listener] {
        p.close().await;
    }
}
