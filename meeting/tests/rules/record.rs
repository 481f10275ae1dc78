//! The meeting record and its CSV export, read back from the event log alone.

use crate::helpers::*;
use floor_meeting::record::{meeting_record, speeches_csv, with_sound_record};
use floor_protocol::api::{RecordedTrack, RulingRecord, SoundRecording, SpeakingTotal};
use floor_protocol::roster::AttendanceMode::{InPerson, Remote};
use floor_protocol::*;
use Command::*;

/// Austria (in person) and Brazil (remote, for the Group of 77) speak on item 1; Chile raises
/// a point of order in Brazil's speech; Austria replies through its remote delegate.
/// The meeting opens at 10:00:00; each command comes one second after the previous one unless
/// a wait is given.
fn a_morning_of_debate() -> (Fixture, [EntryId; 4]) {
    let mut f = Fixture::open();
    f.check_in(delegate(AUSTRIA), InPerson);
    f.check_in(second_delegate(AUSTRIA), Remote);
    f.check_in(delegate(BRAZIL), Remote);
    f.check_in(delegate(CHILE), InPerson);
    let austria = f.request(AUSTRIA);
    let brazil = entry_of(&f.ok(
        delegate(BRAZIL),
        RequestFloor {
            item: None,
            capacity: group("the Group of 77 and China"),
        },
    ));
    let reply = entry_of(&f.ok(second_delegate(AUSTRIA), RequestRightOfReply { item: None }));

    f.next_speaker(); // 10:00:11 Austria
    f.after_secs(100);
    f.next_speaker(); // 10:01:51 Brazil
    f.after_secs(200);
    let poo = f.point_of_order(CHILE); // 10:05:11
    f.after_secs(0);
    f.ok(chair(), GiveFloor { entry: poo });
    f.after_secs(45);
    f.ok(chair(), EndSpeech); // 10:05:56
    f.ok(
        chair(),
        Rule {
            entry: poo,
            upheld: true,
            ruling: "The point of order is well taken.".into(),
        },
    );
    f.ok(chair(), ResumeSpeech); // 10:05:58
    f.after_secs(240);
    f.next_speaker(); // 10:09:58 Austria's reply
    f.after_secs(90);
    f.ok(chair(), EndSpeech); // 10:11:28
    (f, [austria, brazil, reply, poo])
}

#[test]
fn the_record_lists_every_speech_with_who_how_and_how_long() {
    let (f, [austria, brazil, reply, poo]) = a_morning_of_debate();
    let record = meeting_record(MEETING, &f.log, &names());
    assert_eq!(record.meeting_id, MEETING);

    let rows: Vec<_> = record
        .speeches
        .iter()
        .map(|s| {
            (
                s.entry,
                s.delegation.as_str(),
                s.kind.as_str(),
                s.capacity.as_str(),
                s.item.as_deref(),
                s.attendance,
                s.spoken_ms / 1000,
                s.limit_ms / 1000,
                s.overrun_ms / 1000,
                s.interrupted,
            )
        })
        .collect();
    #[rustfmt::skip]
    assert_eq!(
        rows,
        [
            (austria, "Austria", "statement", "national", Some("1"), Some(InPerson), 100, 300, 0, false),
            (brazil, "Brazil", "statement", "on behalf of the Group of 77 and China", Some("1"), Some(Remote), 440, 420, 20, true),
            (poo, "Chile", "point_of_order", "", None, Some(InPerson), 45, 120, 0, false),
            (reply, "Austria", "right_of_reply", "reply 1", Some("1"), Some(Remote), 90, 300, 0, false),
        ]
    );

    // Start and end are the moments the chair gave and ended the floor.
    let brazil_speech = &record.speeches[1];
    assert_eq!(brazil_speech.started_at, Millis(START.0 + 111_000));
    assert_eq!(brazil_speech.ended_at, Some(Millis(START.0 + 598_000)));

    assert_eq!(
        record.rulings,
        [RulingRecord {
            entry: poo,
            kind: "point_of_order".into(),
            upheld: true,
            ruling: "The point of order is well taken.".into(),
            at: Millis(START.0 + 357_000),
            appealed_by: None,
            overruled: None,
        }]
    );
}

#[test]
fn the_record_totals_speaking_time_per_delegation_in_person_and_remote() {
    let (f, _) = a_morning_of_debate();
    let record = meeting_record(MEETING, &f.log, &names());
    let total =
        |delegation: DelegationId, name: &str, speeches, in_person_s: u64, remote_s: u64| {
            SpeakingTotal {
                delegation_id: delegation,
                delegation: name.into(),
                speeches,
                spoken_ms: (in_person_s + remote_s) * 1000,
                in_person_ms: in_person_s * 1000,
                remote_ms: remote_s * 1000,
            }
        };
    assert_eq!(
        record.totals,
        [
            total(AUSTRIA, "Austria", 2, 100, 90),
            total(BRAZIL, "Brazil", 1, 0, 440),
            total(CHILE, "Chile", 1, 45, 0),
        ]
    );
}

#[test]
fn the_speeches_export_as_csv() {
    let (f, _) = a_morning_of_debate();
    let csv = speeches_csv(&meeting_record(MEETING, &f.log, &names()));
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(
        lines,
        [
            "entry,delegation,kind,capacity,item,attendance,started_at,ended_at,spoken_s,limit_s,overrun_s,interrupted,recording_segment,recording_offset_s",
            "1,Austria,statement,national,1,in_person,2023-03-13T10:00:11.000Z,2023-03-13T10:01:51.000Z,100.000,300.000,0.000,false,,",
            "2,Brazil,statement,on behalf of the Group of 77 and China,1,remote,2023-03-13T10:01:51.000Z,2023-03-13T10:09:58.000Z,440.000,420.000,20.000,true,,",
            "4,Chile,point_of_order,,,in_person,2023-03-13T10:05:11.000Z,2023-03-13T10:05:56.000Z,45.000,120.000,0.000,false,,",
            "3,Austria,right_of_reply,reply 1,1,remote,2023-03-13T10:09:58.000Z,2023-03-13T10:11:28.000Z,90.000,300.000,0.000,false,,",
        ]
    );
    assert!(csv.ends_with("\r\n"));
}

/// A recording whose segment started `minutes` after 10:00:00.
fn recording(id: i64, track: RecordedTrack, minutes: i64, duration_ms: u64) -> SoundRecording {
    SoundRecording {
        id,
        track,
        channel: (track == RecordedTrack::Interpretation).then(|| "fr".to_string()),
        segment_started_at: after(minutes),
        duration_ms,
        bytes: 1000,
        download: format!("/api/meetings/1/recordings/{id}"),
    }
}

fn after(minutes: i64) -> Millis {
    Millis(START.0 + minutes * 60_000)
}

#[test]
fn each_speech_is_placed_in_the_segment_that_was_recording_when_it_started() {
    let (f, _) = a_morning_of_debate();
    // A node recorded from 10:00:00 for six minutes, then restarted: the second segment
    // starts at 10:07:00 (a minute lost to nothing: nobody spoke while it restarted).
    let record = with_sound_record(
        meeting_record(MEETING, &f.log, &names()),
        vec![
            recording(3, RecordedTrack::Speaker, 7, 600_000),
            recording(2, RecordedTrack::Interpretation, 0, 360_000),
            recording(1, RecordedTrack::Room, 0, 360_000),
        ],
    );
    let ids: Vec<i64> = record.recordings.iter().map(|r| r.id).collect();
    assert_eq!(
        ids,
        [1, 2, 3],
        "by segment, then floor tracks before the channels"
    );
    let places: Vec<Option<(Millis, u64)>> = record
        .speeches
        .iter()
        .map(|s| s.recording.map(|r| (r.segment_started_at, r.offset_ms)))
        .collect();
    assert_eq!(
        places,
        [
            Some((after(0), 11_000)),
            Some((after(0), 111_000)),
            Some((after(0), 311_000)),
            // Austria's reply started at 10:09:58: 178 s into the second segment.
            Some((after(7), 178_000)),
        ]
    );
    let csv = speeches_csv(&record);
    assert!(
        csv.contains("2023-03-13T10:09:58.000Z,2023-03-13T10:11:28.000Z,90.000,300.000,0.000,false,2023-03-13T10:07:00.000Z,178.000\r\n"),
        "{csv}"
    );
}

#[test]
fn a_speech_outside_every_segment_has_no_place_in_the_sound_record() {
    let (f, _) = a_morning_of_debate();
    let record = with_sound_record(
        meeting_record(MEETING, &f.log, &names()),
        vec![recording(1, RecordedTrack::Chair, 0, 11_000)],
    );
    // The first speech starts at 10:00:11, the very end of an 11-second segment.
    assert!(record.speeches.iter().all(|s| s.recording.is_none()));
}

#[test]
fn a_speech_under_way_when_recording_began_starts_where_the_segment_starts() {
    let (f, _) = a_morning_of_debate();
    // Recording began at 10:03:00, during Brazil's statement (10:01:51 to 10:09:58), and
    // lasted a minute.
    let record = with_sound_record(
        meeting_record(MEETING, &f.log, &names()),
        vec![recording(1, RecordedTrack::Speaker, 3, 60_000)],
    );
    let places: Vec<Option<(Millis, u64)>> = record
        .speeches
        .iter()
        .map(|s| s.recording.map(|r| (r.segment_started_at, r.offset_ms)))
        .collect();
    assert_eq!(places, [None, Some((after(3), 0)), None, None]);
}

#[test]
fn a_speech_still_on_the_floor_has_no_end_and_no_total_yet() {
    let mut f = Fixture::open();
    f.request(DENMARK);
    f.request(CHILE);
    f.next_speaker();
    f.after_secs(59);
    f.next_speaker(); // Denmark spoke 59 s; Chile still speaks
    f.after_secs(30);
    f.ok(chair(), PauseSpeech);

    // A delegation missing from the names is shown by its number.
    let mut names = names();
    names.remove(&DENMARK);
    let record = meeting_record(MEETING, &f.log, &names);

    assert_eq!(record.speeches.len(), 2);
    assert_eq!(record.speeches[0].delegation, "#4");
    assert_eq!(
        record.speeches[0].attendance, None,
        "Denmark never checked in"
    );
    let chile = &record.speeches[1];
    assert_eq!((chile.ended_at, chile.spoken_ms), (None, 0));
    let totals: Vec<(&str, u64)> = record
        .totals
        .iter()
        .map(|t| (t.delegation.as_str(), t.spoken_ms))
        .collect();
    assert_eq!(totals, [("#4", 59_000)]);

    let csv = speeches_csv(&record);
    let chile_row = csv.split_terminator("\r\n").nth(2).unwrap();
    assert_eq!(
        chile_row,
        "2,Chile,statement,national,1,,2023-03-13T10:01:05.000Z,,0.000,300.000,0.000,false,,"
    );
}
