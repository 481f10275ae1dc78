//! The sound record (rule 33): the floor and each interpretation channel recorded as Ogg
//! Opus, listed in the meeting record with each speech's offset, read back here with a
//! real Opus decoder; downloadable by the secretariat, and by participants only when the
//! session's rules say so; and nothing recorded before a node is killed is lost.

use crate::restart::CloneTo;
use floor_protocol::api::{MeetingRecord, RecordedTrack, SoundRecording, SpeechRecord};
use floor_protocol::frames::ClientFrame;
use floor_protocol::*;
use floor_testkit::peer::speech::*;
use floor_testkit::peer::tone::*;
use floor_testkit::peer::*;
use floor_testkit::*;
use std::time::{Duration, Instant};

/// The tones: each delegate's voice, and the French booth's interpretation of each.
const ALICE_HZ: f32 = 440.0;
const BOB_HZ: f32 = 880.0;
const FRENCH_FOR_ALICE_HZ: f32 = 660.0;
const FRENCH_FOR_BOB_HZ: f32 = 1000.0;
/// How long each speech runs: long enough for a second of it to be checked well inside.
const SPEECH: Duration = Duration::from_millis(2500);
/// Where in each speech the tone is looked for: after the floor has moved to the speaker
/// on every path, and before the next speech.
const LOOK_FROM_MS: u64 = 600;
const LOOK_MS: u64 = 1000;

/// A node whose segments end after a second of silence, so that the test reads them soon
/// after its speakers stop.
fn recording_node(db: &TestDb, spool: Option<&std::path::Path>) -> Node {
    let mut env = vec![("FLOOR_RECORDING_IDLE_SECS", "1".to_string())];
    if let Some(spool) = spool {
        env.push(("FLOOR_RECORDING_SPOOL", spool.display().to_string()));
    }
    Node::start_with(
        db,
        &NodeOptions {
            env,
            ..NodeOptions::default()
        },
    )
}

async fn record(client: &Client, meeting: MeetingId) -> MeetingRecord {
    client
        .get_ok(&format!("/api/meetings/{meeting}/record"))
        .await
}

/// The record, once it lists recordings of which `ready` approves (the archive stores a
/// segment's tracks after the segment ends).
async fn record_once(
    client: &Client,
    meeting: MeetingId,
    ready: impl Fn(&[SoundRecording]) -> bool,
) -> MeetingRecord {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let r = record(client, meeting).await;
        if ready(&r.recordings) {
            return r;
        }
        assert!(
            Instant::now() < deadline,
            "the recordings were not listed in time: {:?}",
            r.recordings
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn has(recordings: &[SoundRecording], track: RecordedTrack, channel: Option<&str>) -> usize {
    recordings
        .iter()
        .filter(|r| r.track == track && r.channel.as_deref() == channel)
        .count()
}

/// GET a recording's download address; its status and bytes.
async fn download(client: &Client, path: &str) -> (u16, Vec<u8>) {
    let mut request = client.http.get(format!("{}{path}", client.base));
    if let Some(token) = &client.token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("the download answers");
    let status = response.status().as_u16();
    (status, response.bytes().await.expect("a body").to_vec())
}

async fn decoded(client: &Client, recording: &SoundRecording) -> DecodedOpus {
    let (status, bytes) = download(client, &recording.download).await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    assert_eq!(bytes.len() as u64, recording.bytes);
    decode_ogg_opus(&bytes).expect("an Ogg Opus file libopus decodes")
}

fn speech_of(record: &MeetingRecord, delegation: DelegationId) -> &SpeechRecord {
    record
        .speeches
        .iter()
        .find(|s| s.delegation_id == delegation)
        .expect("the delegation's speech in the record")
}

/// The tone heard most, of `candidates`, at `from_ms` for [`LOOK_MS`], and its share.
fn loudest(sound: &DecodedOpus, from_ms: u64, candidates: &[f32]) -> (f32, f32) {
    candidates
        .iter()
        .map(|&hz| (hz, tone_share(&sound.samples, from_ms, LOOK_MS, hz)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .expect("candidates")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_speech_is_heard_in_the_floor_and_channel_recordings_at_the_offset_the_record_gives() {
    let db = TestDb::new(Backend::Sqlite);
    let node = recording_node(&db, None);
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
        d.asks_for_the_floor(fx.meeting).await;
    }
    let interpreter = fx.participant(Role::Interpreter, None).await;
    let me: api::TokenResponse = interpreter.get_ok("/api/me").await;
    fx.secretariat
        .command_ok(
            fx.meeting,
            Command::AssignInterpreter {
                participant: me.participant.expect("a participant"),
                channel: "fr".into(),
            },
        )
        .await;

    // Alice and Bob talk all along; only the one holding the floor is forwarded, and so
    // recorded. The French booth interprets each of them in its own tone.
    let mut alice = MediaPeer::new(true, false, false).await;
    let mut bob = MediaPeer::new(true, false, false).await;
    let mut booth = MediaPeer::new(true, false, false).await;
    let mut listener = MediaPeer::new(false, false, true).await;
    let mut ws_alice = Ws::connect(&node, &fx.delegates[0]).await;
    let mut ws_bob = Ws::connect(&node, &fx.delegates[1]).await;
    let mut ws_booth = Ws::connect(&node, &interpreter).await;
    let mut ws_listener = Ws::connect(&node, &fx.delegates[2]).await;
    alice.join(&mut ws_alice, fx.meeting).await;
    bob.join(&mut ws_bob, fx.meeting).await;
    booth.join(&mut ws_booth, fx.meeting).await;
    listener.join(&mut ws_listener, fx.meeting).await;
    let mut heard = listener.listen();
    ws_listener
        .send(&ClientFrame::MediaListen {
            meeting_id: fx.meeting,
            channel: Some("fr".into()),
        })
        .await;
    let alice_voice = alice.speak_tone(ALICE_HZ).await;
    let bob_voice = bob.speak_tone(BOB_HZ).await;
    interpreter
        .command_ok(
            fx.meeting,
            Command::TakeMicrophone {
                channel: "fr".into(),
            },
        )
        .await;
    let french = booth.speak_tone(FRENCH_FOR_ALICE_HZ).await;

    fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
    next_heard(&mut heard, "speaker", |_| true).await;
    next_heard(&mut heard, "interpretation", |_| true).await;
    // Alice's statement runs its course (the time is the speech's, not a wait for
    // something to happen: what the test reads is the recording of it).
    tokio::time::sleep(SPEECH).await;
    fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
    french.change_to(FRENCH_FOR_BOB_HZ);
    tokio::time::sleep(SPEECH).await;
    fx.chair.command_ok(fx.meeting, Command::EndSpeech).await;
    drop((alice_voice, bob_voice, french));

    let r = record_once(&fx.secretariat, fx.meeting, |rs| {
        has(rs, RecordedTrack::Speaker, None) == 1
            && has(rs, RecordedTrack::Interpretation, Some("fr")) == 1
    })
    .await;
    assert_eq!(
        r.recordings.len(),
        2,
        "the floor and the French channel, nothing else spoke: {:?}",
        r.recordings
    );
    let floor = r
        .recordings
        .iter()
        .find(|x| x.track == RecordedTrack::Speaker)
        .unwrap();
    let channel = r
        .recordings
        .iter()
        .find(|x| x.track == RecordedTrack::Interpretation)
        .unwrap();
    assert_eq!(floor.segment_started_at, channel.segment_started_at);
    let (of_alice, of_bob) = (
        speech_of(&r, fx.members[0].id),
        speech_of(&r, fx.members[1].id),
    );
    let at = |s: &SpeechRecord| {
        let place = s
            .recording
            .expect("the speech has a place in the sound record");
        assert_eq!(place.segment_started_at, floor.segment_started_at);
        place.offset_ms
    };
    let (alice_at, bob_at) = (at(of_alice), at(of_bob));
    assert!(
        bob_at >= alice_at + 2000,
        "Bob spoke {} ms after Alice",
        bob_at - alice_at
    );

    let floor_sound = decoded(&fx.secretariat, floor).await;
    let channel_sound = decoded(&fx.secretariat, channel).await;
    for (sound, listed) in [(&floor_sound, floor), (&channel_sound, channel)] {
        let decoded_ms = sound.samples.len() as u64 / 48;
        assert!(
            decoded_ms.abs_diff(listed.duration_ms) <= 40,
            "listed as {} ms, decodes to {decoded_ms} ms",
            listed.duration_ms
        );
        assert!(sound
            .tags
            .contains(&format!("FLOOR_MEETING={}", fx.meeting)));
    }
    let tones = [ALICE_HZ, BOB_HZ, FRENCH_FOR_ALICE_HZ, FRENCH_FOR_BOB_HZ];
    for (sound, from, expected) in [
        (&floor_sound, alice_at, ALICE_HZ),
        (&floor_sound, bob_at, BOB_HZ),
        (&channel_sound, alice_at, FRENCH_FOR_ALICE_HZ),
        (&channel_sound, bob_at, FRENCH_FOR_BOB_HZ),
    ] {
        let (hz, share) = loudest(sound, from + LOOK_FROM_MS, &tones);
        assert_eq!(hz, expected, "at {from} ms + {LOOK_FROM_MS} ms");
        assert!(share > 0.5, "{hz} Hz is only {share} of the sound there");
    }
    // Participants may not download it, until the session's rules say they may.
    let delegate = &fx.delegates[2];
    let (status, _) = download(delegate, &floor.download).await;
    assert_eq!(status, 403);
    let (status, _) = download(&delegate.signed_out(), &floor.download).await;
    assert_eq!(status, 401);
    let missing = format!("/api/meetings/{}/recordings/{}", fx.meeting, floor.id + 100);
    let answer = fx.secretariat.get(&missing).await;
    assert_eq!((answer.status, answer.code()), (404, "recording_not_found"));
    let session: api::Session = fx
        .secretariat
        .get_ok(&format!("/api/sessions/{}", fx.session))
        .await;
    let mut rules = session.rules;
    rules.sound_recordings_for_participants = true;
    let answer = fx
        .secretariat
        .send(
            reqwest::Method::PUT,
            &format!("/api/sessions/{}/rules", fx.session),
            Some(&serde_json::to_value(&rules).unwrap()),
        )
        .await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    let (status, bytes) = download(delegate, &channel.download).await;
    assert_eq!(status, 200);
    assert_eq!(bytes.len() as u64, channel.bytes);
}

on_both_databases!(
    a_node_killed_mid_speech_keeps_what_it_recorded_and_records_on_after_restart,
    |backend| async move { killed_mid_speech(backend).await }
);

async fn killed_mid_speech(backend: Backend) {
    let db = TestDb::new(backend);
    let spool = db.new_spool_dir();
    let node = recording_node(&db, Some(&spool));
    let fx = Fixture::new(&node, 2).await;
    fx.open().await;
    fx.delegates[0]
        .command_ok(
            fx.meeting,
            Command::CheckIn {
                mode: AttendanceMode::Remote,
            },
        )
        .await;
    fx.delegates[0].asks_for_the_floor(fx.meeting).await;
    fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;

    let mut alice = MediaPeer::new(true, false, false).await;
    let mut listener = MediaPeer::new(false, false, true).await;
    let mut ws_alice = Ws::connect(&node, &fx.delegates[0]).await;
    let mut ws_listener = Ws::connect(&node, &fx.delegates[1]).await;
    alice.join(&mut ws_alice, fx.meeting).await;
    listener.join(&mut ws_listener, fx.meeting).await;
    let mut heard = listener.listen();
    let voice = alice.speak_tone(ALICE_HZ).await;
    next_heard(&mut heard, "speaker", |_| true).await;
    // Three seconds of her speech, then the node dies mid-sentence.
    tokio::time::sleep(Duration::from_secs(3)).await;
    node.kill();
    drop(voice);
    alice.close().await;
    listener.close().await;

    let node = recording_node(&db, Some(&spool));
    let secretariat = fx.secretariat.clone_to(&node);
    let r = record_once(&secretariat, fx.meeting, |rs| {
        has(rs, RecordedTrack::Speaker, None) == 1
    })
    .await;
    let before = r.recordings[0].clone();
    assert!(
        before.duration_ms >= 1500,
        "at most the last second (the page being written) is lost: {} ms kept",
        before.duration_ms
    );
    let sound = decoded(&secretariat, &before).await;
    let alice_at = speech_of(&r, fx.members[0].id)
        .recording
        .expect("her speech is in the recovered segment")
        .offset_ms;
    let (hz, share) = loudest(&sound, alice_at + LOOK_FROM_MS, &[ALICE_HZ, BOB_HZ]);
    assert!(hz == ALICE_HZ && share > 0.5, "{hz} Hz, {share}");

    // She still holds the floor after the restart; she reconnects and goes on: a new
    // segment, the first one untouched.
    let mut alice = MediaPeer::new(true, false, false).await;
    let mut ws_alice = Ws::connect(&node, &fx.delegates[0].clone_to(&node)).await;
    alice.join(&mut ws_alice, fx.meeting).await;
    let voice = alice.speak_tone(ALICE_HZ).await;
    let mut listener = MediaPeer::new(false, false, true).await;
    let mut ws_listener = Ws::connect(&node, &fx.delegates[1].clone_to(&node)).await;
    listener.join(&mut ws_listener, fx.meeting).await;
    let mut heard = listener.listen();
    next_heard(&mut heard, "speaker", |_| true).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    drop(voice);
    let r = record_once(&secretariat, fx.meeting, |rs| {
        has(rs, RecordedTrack::Speaker, None) == 2
    })
    .await;
    assert_eq!(r.recordings[0], before, "the first segment is as it was");
    let after = &r.recordings[1];
    assert!(after.segment_started_at > before.segment_started_at);
    let sound = decoded(&secretariat, after).await;
    let (hz, share) = loudest(&sound, 300, &[ALICE_HZ, BOB_HZ]);
    assert!(hz == ALICE_HZ && share > 0.5, "{hz} Hz, {share}");
}
