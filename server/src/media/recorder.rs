//! The sound record's first half: the packets the SFU forwards on the floor tracks and the
//! interpretation channels, written as they came (Opus is never decoded or re-encoded) into
//! one Ogg Opus file per track of a segment, spooled on this node's disk.
//!
//! The SFU task hands each packet over a channel ([`Spool::record`]: no I/O on the media
//! path); one thread writes. A track is kept on the segment's clock: where its source sent
//! nothing (nobody spoke, or the track began after the segment), it is filled with Opus
//! silence frames, so that an offset from the segment's start is the same moment in every
//! track. An Ogg page ends every [`PACKETS_PER_PAGE`] packets (a second of sound) and is
//! written at once, so a node killed mid-meeting loses at most that second: the files it
//! leaves are finished and stored by the next start ([`recover`]).
//!
//! A segment ends when the meeting has been silent on every track for `idle`, or after
//! `longest`; each of its files then goes to the archive (`crate::recordings`), which keeps
//! it in the file store and lists it in the meeting record.

use bytes::Bytes;
use floor_protocol::api::RecordedTrack;
use floor_protocol::MeetingId;
use ogg::writing::{PacketWriteEndInfo, PacketWriter};
use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Opus counts time at 48 kHz whatever the sampling rate of the sound.
const SAMPLES_PER_MS: u64 = 48;
/// 20 ms, the frame every WebRTC Opus sender uses.
const FRAME: u64 = 960;
/// A 20 ms Opus frame of digital silence (CELT, fullband, mono; RFC 6716 TOC 0xF8): what
/// an encoder makes of silence, so any decoder plays it as silence.
const SILENCE: [u8; 3] = [0xF8, 0xFF, 0xFE];
/// A track that lags the segment's clock by more than this is filled with silence; less is
/// network jitter, which the next packets make up.
const FILL_AFTER: u64 = 3 * FRAME;
/// Packets per Ogg page: a page a second.
pub const PACKETS_PER_PAGE: u32 = 50;

/// Where and how a node records.
#[derive(Debug, Clone)]
pub struct RecordingSettings {
    /// This node's spool: the files of segments being recorded, and those a crash left
    /// (stored at the next start). One node's own; never shared.
    pub spool_dir: PathBuf,
    /// Silence on every track for this long ends the segment.
    pub idle: Duration,
    /// The longest segment: a long meeting is stored in pieces of this length.
    pub longest: Duration,
}

impl Default for RecordingSettings {
    fn default() -> Self {
        RecordingSettings {
            spool_dir: "floor-data/recording-spool".into(),
            idle: Duration::from_secs(60),
            longest: Duration::from_secs(30 * 60),
        }
    }
}

/// A track of a meeting's sound record: one of the three floor tracks, or a channel.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Track {
    pub kind: RecordedTrack,
    pub channel: Option<Arc<str>>,
}

impl Track {
    pub fn floor(kind: RecordedTrack) -> Track {
        Track {
            kind,
            channel: None,
        }
    }

    pub fn channel(channel: &str) -> Track {
        Track {
            kind: RecordedTrack::Interpretation,
            channel: Some(channel.into()),
        }
    }

    /// "speaker", "chair", "room" or "interpretation:<channel>": its name in the database.
    pub fn name(&self) -> String {
        match (self.kind, &self.channel) {
            (RecordedTrack::Speaker, _) => "speaker".into(),
            (RecordedTrack::Chair, _) => "chair".into(),
            (RecordedTrack::Room, _) => "room".into(),
            (RecordedTrack::Interpretation, c) => {
                format!("interpretation:{}", c.as_deref().unwrap_or(""))
            }
        }
    }

    pub fn parse(name: &str) -> Option<Track> {
        Some(match name {
            "speaker" => Track::floor(RecordedTrack::Speaker),
            "chair" => Track::floor(RecordedTrack::Chair),
            "room" => Track::floor(RecordedTrack::Room),
            _ => Track::channel(name.strip_prefix("interpretation:")?),
        })
    }
}

/// A finished track of a segment, in the spool, for the archive to store.
#[derive(Debug, Clone)]
pub struct SpooledTrack {
    pub path: PathBuf,
    pub meeting: MeetingId,
    /// Unix milliseconds.
    pub started_at: i64,
    pub track: Track,
    pub duration_ms: u64,
}

enum Tap {
    Packet {
        meeting: MeetingId,
        track: Track,
        at: Instant,
        payload: Bytes,
    },
}

/// The SFU's handle to the recording thread.
pub struct Spool {
    tx: Sender<Tap>,
}

impl Spool {
    /// Start the recording thread. Finished tracks go to `finished`.
    pub fn start(
        settings: RecordingSettings,
        finished: tokio::sync::mpsc::UnboundedSender<SpooledTrack>,
    ) -> std::io::Result<Spool> {
        std::fs::create_dir_all(&settings.spool_dir)?;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("floor-recorder".into())
            .spawn(move || Writer::new(settings, finished).run(rx))?;
        Ok(Spool { tx })
    }

    /// Record one packet of `track`, received at `at`.
    pub fn record(&self, meeting: MeetingId, track: Track, at: Instant, payload: Bytes) {
        let _ = self.tx.send(Tap::Packet {
            meeting,
            track,
            at,
            payload,
        });
    }
}

/// The samples (at 48 kHz) an Opus packet holds, from its TOC byte (RFC 6716, 3.1); `None`
/// for what is not an Opus packet.
pub fn opus_samples(packet: &[u8]) -> Option<u64> {
    let toc = *packet.first()?;
    let config = usize::from(toc >> 3);
    let per_frame: u64 = match config {
        // SILK: 10, 20, 40, 60 ms.
        0..=11 => [480, 960, 1920, 2880][config % 4],
        // Hybrid: 10, 20 ms.
        12..=15 => [480, 960][config % 2],
        // CELT: 2.5, 5, 10, 20 ms.
        _ => [120, 240, 480, 960][config % 4],
    };
    let frames = match toc & 3 {
        0 => 1,
        1 | 2 => 2,
        _ => u64::from(*packet.get(1)? & 0x3f),
    };
    let samples = per_frame * frames;
    // At most 120 ms in a packet.
    (frames > 0 && samples <= 5760).then_some(samples)
}

/// The identification header (RFC 7845, 5.1): two channels as WebRTC's `opus/48000/2`
/// says (a mono packet decodes into both), no pre-skip (the packets start mid-stream),
/// no gain.
fn opus_head() -> Vec<u8> {
    let mut h = b"OpusHead".to_vec();
    h.push(1); // version
    h.push(2); // channels
    h.extend_from_slice(&0u16.to_le_bytes()); // pre-skip
    h.extend_from_slice(&48_000u32.to_le_bytes()); // the input's rate, for information
    h.extend_from_slice(&0i16.to_le_bytes()); // output gain
    h.push(0); // mapping family 0: mono or stereo, one stream
    h
}

/// The comment header (RFC 7845, 5.2), telling a listener what the file is.
fn opus_tags(meeting: MeetingId, track: &Track, started_at: i64) -> Vec<u8> {
    let vendor = b"Floor";
    let comments = [
        format!("TITLE=Meeting {} sound record: {}", meeting.0, track.name()),
        format!("FLOOR_MEETING={}", meeting.0),
        format!("FLOOR_TRACK={}", track.name()),
        format!("FLOOR_SEGMENT_STARTED_AT_MS={started_at}"),
    ];
    let mut t = b"OpusTags".to_vec();
    t.extend_from_slice(&(vendor.len() as u32).to_le_bytes());
    t.extend_from_slice(vendor);
    t.extend_from_slice(&(comments.len() as u32).to_le_bytes());
    for c in comments {
        t.extend_from_slice(&(c.len() as u32).to_le_bytes());
        t.extend_from_slice(c.as_bytes());
    }
    t
}

/// `<meeting>-<started_at>-<track name in hex>.ogg`: everything [`recover`] needs, in a
/// name that any channel code leaves a plain file name.
fn spool_name(meeting: MeetingId, started_at: i64, track: &Track) -> String {
    let hex: String = track.name().bytes().map(|b| format!("{b:02x}")).collect();
    format!("{}-{started_at}-{hex}.ogg", meeting.0)
}

fn parse_spool_name(name: &str) -> Option<(MeetingId, i64, Track)> {
    let stem = name.strip_suffix(".ogg")?;
    let mut parts = stem.splitn(3, '-');
    let meeting = MeetingId(parts.next()?.parse().ok()?);
    let started_at = parts.next()?.parse().ok()?;
    let hex = parts.next()?;
    if hex.len() % 2 != 0 {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    let track = Track::parse(&String::from_utf8(bytes?).ok()?)?;
    Some((meeting, started_at, track))
}

/// One track's file being written.
struct TrackFile {
    ogg: PacketWriter<'static, File>,
    path: PathBuf,
    /// Samples written so far, from the segment's start.
    samples: u64,
    on_page: u32,
}

impl TrackFile {
    fn create(
        path: PathBuf,
        meeting: MeetingId,
        track: &Track,
        started_at: i64,
    ) -> std::io::Result<TrackFile> {
        let mut ogg = PacketWriter::new(File::create(&path)?);
        ogg.write_packet(opus_head(), SERIAL, PacketWriteEndInfo::EndPage, 0)?;
        ogg.write_packet(
            opus_tags(meeting, track, started_at),
            SERIAL,
            PacketWriteEndInfo::EndPage,
            0,
        )?;
        Ok(TrackFile {
            ogg,
            path,
            samples: 0,
            on_page: 0,
        })
    }

    fn packet(&mut self, payload: Vec<u8>, samples: u64) -> std::io::Result<()> {
        self.samples += samples;
        self.on_page += 1;
        let end = if self.on_page >= PACKETS_PER_PAGE {
            self.on_page = 0;
            PacketWriteEndInfo::EndPage
        } else {
            PacketWriteEndInfo::NormalPacket
        };
        self.ogg.write_packet(payload, SERIAL, end, self.samples)
    }

    /// Bring the track up to `until` samples with silence when it lags by more than
    /// jitter (a pause, or a track that starts after its segment); a smaller lag is left
    /// for the next packets to make up.
    fn fill(&mut self, until: u64) -> std::io::Result<()> {
        if until.saturating_sub(self.samples) > FILL_AFTER {
            self.fill_to(until)?;
        }
        Ok(())
    }

    fn fill_to(&mut self, until: u64) -> std::io::Result<()> {
        while self.samples + FRAME <= until {
            self.packet(SILENCE.to_vec(), FRAME)?;
        }
        Ok(())
    }

    /// Fill to `until` and end the stream (its last page marked so).
    fn finish(mut self, until: u64) -> std::io::Result<(PathBuf, u64)> {
        self.fill_to(until)?;
        self.samples += FRAME;
        self.ogg.write_packet(
            SILENCE.to_vec(),
            SERIAL,
            PacketWriteEndInfo::EndStream,
            self.samples,
        )?;
        Ok((self.path, self.samples / SAMPLES_PER_MS))
    }
}

/// Each file holds one logical stream.
const SERIAL: u32 = 0x464c_4f52; // "FLOR"

struct Segment {
    started: Instant,
    started_at: i64,
    last_packet: Instant,
    tracks: HashMap<Track, TrackFile>,
}

impl Segment {
    fn clock(&self, at: Instant) -> u64 {
        at.saturating_duration_since(self.started).as_millis() as u64 * SAMPLES_PER_MS
    }
}

struct Writer {
    settings: RecordingSettings,
    finished: tokio::sync::mpsc::UnboundedSender<SpooledTrack>,
    segments: HashMap<MeetingId, Segment>,
}

fn unix_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

impl Writer {
    fn new(
        settings: RecordingSettings,
        finished: tokio::sync::mpsc::UnboundedSender<SpooledTrack>,
    ) -> Writer {
        Writer {
            settings,
            finished,
            segments: HashMap::new(),
        }
    }

    fn run(mut self, rx: Receiver<Tap>) {
        let tick = Duration::from_millis(250);
        loop {
            match rx.recv_timeout(tick) {
                Ok(Tap::Packet {
                    meeting,
                    track,
                    at,
                    payload,
                }) => {
                    if let Err(e) = self.packet(meeting, track, at, payload) {
                        tracing::error!(meeting = meeting.0, error = %e, "the sound record could not be written");
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                // The SFU stopped: finish everything (a crash leaves it to `recover`).
                Err(RecvTimeoutError::Disconnected) => {
                    let all: Vec<MeetingId> = self.segments.keys().copied().collect();
                    for m in all {
                        self.close(m, Instant::now());
                    }
                    return;
                }
            }
            self.close_due(Instant::now());
        }
    }

    fn packet(
        &mut self,
        meeting: MeetingId,
        track: Track,
        at: Instant,
        payload: Bytes,
    ) -> std::io::Result<()> {
        let segment = self.segments.entry(meeting).or_insert_with(|| Segment {
            started: at,
            started_at: unix_ms(),
            last_packet: at,
            tracks: HashMap::new(),
        });
        segment.last_packet = segment.last_packet.max(at);
        let now = segment.clock(at);
        let file = match segment.tracks.get_mut(&track) {
            Some(f) => f,
            None => {
                let path =
                    self.settings
                        .spool_dir
                        .join(spool_name(meeting, segment.started_at, &track));
                let f = TrackFile::create(path, meeting, &track, segment.started_at)?;
                segment.tracks.entry(track).or_insert(f)
            }
        };
        file.fill(now)?;
        // Not an Opus packet (it cannot be, from a browser): kept, counted as a frame.
        let samples = opus_samples(&payload).unwrap_or(FRAME);
        file.packet(payload.to_vec(), samples)
    }

    fn close_due(&mut self, now: Instant) {
        let due: Vec<MeetingId> = self
            .segments
            .iter()
            .filter(|(_, s)| {
                now.saturating_duration_since(s.last_packet) >= self.settings.idle
                    || now.saturating_duration_since(s.started) >= self.settings.longest
            })
            .map(|(m, _)| *m)
            .collect();
        for m in due {
            self.close(m, now);
        }
    }

    /// End the meeting's segment: every track filled to the last packet heard on any of
    /// them (not to `now`: the idle time after it is not part of the meeting), finished,
    /// and handed to the archive.
    fn close(&mut self, meeting: MeetingId, now: Instant) {
        let Some(segment) = self.segments.remove(&meeting) else {
            return;
        };
        let end = segment.clock(segment.last_packet.min(now));
        for (track, file) in segment.tracks {
            match file.finish(end) {
                Ok((path, duration_ms)) => {
                    let _ = self.finished.send(SpooledTrack {
                        path,
                        meeting,
                        started_at: segment.started_at,
                        track,
                        duration_ms,
                    });
                }
                Err(e) => {
                    tracing::error!(meeting = meeting.0, error = %e, "a recorded track could not be finished; it stays in the spool for the next start")
                }
            }
        }
    }
}

/// The tracks a stopped node left in `spool_dir` (killed mid-meeting, or stopped before
/// the archive stored them), each cut to its last whole Ogg page and ready to store. Run
/// before this node records anything.
pub fn recover(spool_dir: &Path) -> Vec<SpooledTrack> {
    let Ok(entries) = std::fs::read_dir(spool_dir) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Some((meeting, started_at, track)) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(parse_spool_name)
        else {
            continue;
        };
        match whole_pages(&path) {
            Ok(Some(samples)) => found.push(SpooledTrack {
                path,
                meeting,
                started_at,
                track,
                duration_ms: samples / SAMPLES_PER_MS,
            }),
            // Not even its headers were written: nothing was recorded in it.
            Ok(None) => {
                let _ = std::fs::remove_file(&path);
            }
            Err(e) => {
                tracing::error!(path = %path.display(), error = %e, "a spooled recording could not be read")
            }
        }
    }
    found.sort_by_key(|t| (t.meeting.0, t.started_at, t.track.name()));
    found
}

/// Cut the file after its last whole Ogg page; the granule position of the last page that
/// has one (the samples recorded), or `None` when there is no whole page of sound.
fn whole_pages(path: &Path) -> std::io::Result<Option<u64>> {
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    let mut at = 0usize;
    let mut pages = 0u32;
    let mut samples = 0u64;
    while let Some(header) = bytes.get(at..at + 27) {
        if &header[0..4] != b"OggS" {
            break;
        }
        let segments = usize::from(header[26]);
        let Some(lacing) = bytes.get(at + 27..at + 27 + segments) else {
            break;
        };
        let len = 27 + segments + lacing.iter().map(|l| usize::from(*l)).sum::<usize>();
        if at + len > bytes.len() {
            break;
        }
        let granule = i64::from_le_bytes(header[6..14].try_into().expect("8 bytes"));
        if granule >= 0 {
            samples = samples.max(granule as u64);
        }
        pages += 1;
        at += len;
    }
    if at < bytes.len() {
        file.set_len(at as u64)?;
        file.seek(SeekFrom::End(0))?;
    }
    // The two header pages, then sound.
    Ok((pages > 2).then_some(samples))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opus_packets_tell_their_length() {
        assert_eq!(opus_samples(&SILENCE), Some(960), "CELT 20 ms");
        assert_eq!(
            opus_samples(&[0x08 | 1 << 3, 0]),
            Some(960),
            "SILK NB 20 ms"
        );
        assert_eq!(opus_samples(&[0x78, 0]), Some(960), "hybrid FB 20 ms");
        assert_eq!(
            opus_samples(&[0xF9, 0]),
            Some(1920),
            "two CELT 20 ms frames"
        );
        assert_eq!(opus_samples(&[0xFB, 3]), Some(2880), "three frames, code 3");
        assert_eq!(
            opus_samples(&[0xFB, 7]),
            None,
            "140 ms is more than a packet holds"
        );
        assert_eq!(opus_samples(&[]), None);
    }

    #[test]
    fn spool_names_carry_the_meeting_the_segment_and_the_track() {
        for track in [
            Track::floor(RecordedTrack::Speaker),
            Track::floor(RecordedTrack::Room),
            Track::channel("zh"),
            Track::channel("../x y-é"),
        ] {
            let name = spool_name(MeetingId(12), 1_700_000_000_123, &track);
            assert!(!name.contains('/'), "{name}");
            assert_eq!(
                parse_spool_name(&name),
                Some((MeetingId(12), 1_700_000_000_123, track))
            );
        }
        assert_eq!(parse_spool_name("notes.txt"), None);
        assert_eq!(parse_spool_name("1-2-7a.ogg"), None);
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "floor-recorder-{name}-{}-{}",
            std::process::id(),
            unix_ms()
        ));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        dir
    }

    /// The packets of an Ogg file, with the granule position of the page each ends on.
    fn read_packets(path: &Path) -> Vec<(Vec<u8>, u64)> {
        let mut reader = ogg::reading::PacketReader::new(File::open(path).expect("the file"));
        let mut out = Vec::new();
        while let Ok(Some(p)) = reader.read_packet() {
            out.push((p.data.clone(), p.absgp_page()));
        }
        out
    }

    #[test]
    fn a_track_is_kept_on_the_segments_clock_with_silence_where_nobody_spoke() {
        let dir = temp_dir("clock");
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let mut w = Writer::new(
            RecordingSettings {
                spool_dir: dir.clone(),
                idle: Duration::from_secs(5),
                longest: Duration::from_secs(3600),
            },
            tx,
        );
        let t0 = Instant::now();
        let speech = Bytes::from_static(&[0xFC, 1, 2, 3]); // CELT FB 20 ms
                                                           // The chair speaks for 100 ms from the start; the French booth starts a second in.
        for i in 0..5u32 {
            let at = t0 + Duration::from_millis(20 * u64::from(i));
            w.packet(
                MeetingId(1),
                Track::floor(RecordedTrack::Chair),
                at,
                speech.clone(),
            )
            .expect("written");
        }
        for i in 0..5u32 {
            let at = t0 + Duration::from_millis(1000 + 20 * u64::from(i));
            w.packet(MeetingId(1), Track::channel("fr"), at, speech.clone())
                .expect("written");
        }
        w.close_due(t0 + Duration::from_secs(2));
        assert!(rx.try_recv().is_err(), "not idle yet");
        w.close_due(t0 + Duration::from_secs(7));
        let mut done = Vec::new();
        while let Ok(t) = rx.try_recv() {
            done.push(t);
        }
        done.sort_by_key(|t| t.track.name());
        assert_eq!(done.len(), 2);
        for t in &done {
            // Both end where the last packet was heard (1.08 s), plus the closing frame.
            assert!((1060..=1120).contains(&t.duration_ms), "{t:?}");
            let packets = read_packets(&t.path);
            assert_eq!(&packets[0].0[..8], b"OpusHead");
            assert_eq!(&packets[1].0[..8], b"OpusTags");
            let sound: Vec<&Vec<u8>> = packets[2..].iter().map(|(p, _)| p).collect();
            let first_speech = sound.iter().position(|p| p[0] == 0xFC).expect("speech");
            let silent_before = sound[..first_speech].iter().all(|p| p[..] == SILENCE);
            assert!(silent_before);
            match t.track.kind {
                RecordedTrack::Chair => assert_eq!(first_speech, 0),
                // A second of silence first (less what jitter allows), then the booth.
                _ => assert!((47..=50).contains(&first_speech), "{first_speech}"),
            }
            let last_granule = packets.last().expect("packets").1;
            assert_eq!(last_granule / SAMPLES_PER_MS, t.duration_ms);
        }
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn a_file_cut_by_a_crash_is_kept_up_to_its_last_whole_page() {
        let dir = temp_dir("crash");
        let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
        let mut w = Writer::new(
            RecordingSettings {
                spool_dir: dir.clone(),
                ..RecordingSettings::default()
            },
            tx,
        );
        let t0 = Instant::now();
        // 120 packets: two whole pages of 50, and 20 not yet on a page.
        for i in 0..120u64 {
            w.packet(
                MeetingId(7),
                Track::floor(RecordedTrack::Speaker),
                t0 + Duration::from_millis(20 * i),
                Bytes::from_static(&[0xFC, 9, 9]),
            )
            .expect("written");
        }
        let path = dir.join(
            std::fs::read_dir(&dir)
                .unwrap()
                .next()
                .unwrap()
                .unwrap()
                .file_name(),
        );
        // The process dies in the middle of writing a page.
        {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .unwrap();
            f.write_all(b"OggS\0\0\x12").unwrap();
        }
        std::mem::forget(w);
        let found = recover(&dir);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].meeting, MeetingId(7));
        assert_eq!(found[0].track, Track::floor(RecordedTrack::Speaker));
        assert_eq!(found[0].duration_ms, 2000, "the two whole pages");
        let packets = read_packets(&path);
        assert_eq!(
            packets.len(),
            2 + 100,
            "headers and two pages, the torn one cut off"
        );
        std::fs::remove_dir_all(dir).ok();
    }
}
