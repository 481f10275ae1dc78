//! Numbered, timestamped streams, as the media benchmark sends and measures them: each
//! payload carries its stream, a counter and its send time on this process's monotonic
//! clock; a listener records every packet with the slot it came on and its arrival time.

use super::MediaPeer;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use webrtc::media_stream::track_local::static_rtp::TrackLocalStaticRTP;
use webrtc::media_stream::track_local::TrackLocal;

/// The stream numbers in a payload: the floor speaker's voice, the six interpretation
/// channels (1 to 6, in the order of the session's channels) and the floor video.
pub const FLOOR_AUDIO: u8 = 0;
pub const VIDEO: u8 = 7;
pub const STREAMS: usize = 8;

/// One packet every 20 ms per microphone, as Opus sends.
pub const TICK: Duration = Duration::from_millis(20);
/// Video: this many packets of [`VIDEO_PAYLOAD`] bytes per tick: 150 packets/s, 1.44 Mbit/s
/// of payload (about 1.5 Mbit/s with the RTP, SRTP, UDP and IP headers).
pub const VIDEO_PACKETS_PER_TICK: usize = 3;
pub const VIDEO_PAYLOAD: usize = 1200;
/// stream (1), reserved (3), counter (4), send time in ns since [`epoch`] (8).
const HEADER: usize = 16;

/// The clock every send and receive time is read from: one process, one monotonic clock.
pub fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

pub fn now_ns() -> u64 {
    epoch().elapsed().as_nanos() as u64
}

/// An Opus-sized payload: 60 to 120 bytes, varying like a real voice stream.
pub fn audio_payload_len(counter: u32) -> usize {
    60 + (counter.wrapping_mul(7919) % 61) as usize
}

pub fn encode_payload(stream: u8, counter: u32, sent_ns: u64, len: usize) -> Vec<u8> {
    let mut p = Vec::with_capacity(len.max(HEADER));
    p.push(stream);
    p.extend_from_slice(&[0xF1, 0x00, 0x4B]);
    p.extend_from_slice(&counter.to_be_bytes());
    p.extend_from_slice(&sent_ns.to_be_bytes());
    p.resize(len.max(HEADER), 0xAA);
    p
}

/// (stream, counter, send time) of a payload [`encode_payload`] wrote.
pub fn decode_payload(p: &[u8]) -> Option<(u8, u32, u64)> {
    if p.len() < HEADER || p[1..4] != [0xF1, 0x00, 0x4B] || p[0] as usize >= STREAMS {
        return None;
    }
    Some((
        p[0],
        u32::from_be_bytes(p[4..8].try_into().ok()?),
        u64::from_be_bytes(p[8..16].try_into().ok()?),
    ))
}

/// What the publishers sent: each stream's send times, indexed by counter.
#[derive(Default)]
pub struct SentLog {
    streams: Mutex<Vec<Vec<u64>>>,
}

impl SentLog {
    fn record(&self, stream: u8, sent_ns: u64) {
        let mut s = self.streams.lock().expect("sent log");
        if s.len() < STREAMS {
            s.resize(STREAMS, Vec::new());
        }
        s[stream as usize].push(sent_ns);
    }

    /// How many packets of `stream` were sent in [from, to).
    pub fn sent_between(&self, stream: u8, from: u64, to: u64) -> u64 {
        let s = self.streams.lock().expect("sent log");
        s.get(stream as usize)
            .map(|v| v.iter().filter(|t| (from..to).contains(*t)).count() as u64)
            .unwrap_or(0)
    }
}

/// One packet a listener received.
#[derive(Debug, Clone, Copy)]
pub struct Received {
    /// The slot (track) it came on, as an index in [`SLOTS`]; `u8::MAX` for another track.
    pub slot: u8,
    pub stream: u8,
    pub counter: u32,
    pub sent_ns: u64,
    pub received_ns: u64,
}

/// The server's slots, as the listener's track ids name them.
pub const SLOTS: [&str; 5] = ["speaker", "chair", "room", "interpretation", "video"];

/// Everything one listener received from the moment recording starts.
pub struct Recorder {
    /// Packets sent before this time (ns since [`epoch`]) are not recorded.
    pub from: Arc<AtomicU64>,
    pub packets: Mutex<Vec<Received>>,
    /// Every packet received, recorded or not.
    pub total: AtomicU64,
    /// A bit per stream of which anything arrived, recorded or not.
    pub streams_seen: AtomicU64,
}

impl Recorder {
    pub fn new(from: Arc<AtomicU64>) -> Arc<Recorder> {
        Arc::new(Recorder {
            from,
            packets: Mutex::new(Vec::new()),
            total: AtomicU64::new(0),
            streams_seen: AtomicU64::new(0),
        })
    }

    pub fn take(&self) -> Vec<Received> {
        std::mem::take(&mut *self.packets.lock().expect("recorder"))
    }
}

/// One published track's stream and where it stands.
struct Out {
    track: Arc<TrackLocalStaticRTP>,
    ssrc: u32,
    pt: u8,
    stream: u8,
    per_tick: usize,
    counter: u32,
    seq: u16,
    ts: u32,
    ts_step: u32,
}

impl MediaPeer {
    /// Publish until the returned task is aborted: every 20 ms one microphone packet of
    /// stream `audio_stream`, and (with a camera) [`VIDEO_PACKETS_PER_TICK`] video packets.
    pub async fn publish(
        &self,
        audio_stream: u8,
        log: Arc<SentLog>,
    ) -> anyhow::Result<tokio::task::JoinHandle<()>> {
        let mut outs = Vec::new();
        if let Some((track, ssrc)) = &self.mic {
            outs.push(Out {
                track: track.clone(),
                ssrc: *ssrc,
                pt: self.payload_type("audio/opus").await?,
                stream: audio_stream,
                per_tick: 1,
                counter: 0,
                seq: rand::random(),
                ts: rand::random(),
                ts_step: 960,
            });
        }
        if let Some((track, ssrc)) = &self.camera {
            outs.push(Out {
                track: track.clone(),
                ssrc: *ssrc,
                pt: self.payload_type("video/VP8").await?,
                stream: VIDEO,
                per_tick: VIDEO_PACKETS_PER_TICK,
                counter: 0,
                seq: rand::random(),
                ts: rand::random(),
                ts_step: 1800,
            });
        }
        Ok(tokio::spawn(async move {
            let mut tick = tokio::time::interval(TICK);
            loop {
                tick.tick().await;
                for o in &mut outs {
                    for i in 0..o.per_tick {
                        let len = if o.stream == VIDEO {
                            VIDEO_PAYLOAD
                        } else {
                            audio_payload_len(o.counter)
                        };
                        let sent_ns = now_ns();
                        let packet = rtc::rtp::Packet {
                            header: rtc::rtp::Header {
                                version: 2,
                                payload_type: o.pt,
                                sequence_number: o.seq,
                                timestamp: o.ts,
                                ssrc: o.ssrc,
                                // The last packet of a video frame.
                                marker: o.stream == VIDEO && i + 1 == o.per_tick,
                                ..Default::default()
                            },
                            payload: encode_payload(o.stream, o.counter, sent_ns, len).into(),
                        };
                        if o.track.write_rtp(packet).await.is_err() {
                            return;
                        }
                        log.record(o.stream, sent_ns);
                        o.counter = o.counter.wrapping_add(1);
                        o.seq = o.seq.wrapping_add(1);
                    }
                    o.ts = o.ts.wrapping_add(o.ts_step);
                }
            }
        }))
    }

    /// Record every packet this peer receives, on any track, into `recorder`.
    pub fn record(&mut self, recorder: Arc<Recorder>) -> tokio::task::JoinHandle<()> {
        self.read_packets(move |id| {
            let recorder = recorder.clone();
            let slot = SLOTS
                .iter()
                .position(|s| *s == id)
                .map(|i| i as u8)
                .unwrap_or(u8::MAX);
            move |p: &rtc::rtp::Packet| {
                let received_ns = now_ns();
                recorder.total.fetch_add(1, Ordering::Relaxed);
                let Some((stream, counter, sent_ns)) = decode_payload(&p.payload) else {
                    return true;
                };
                recorder
                    .streams_seen
                    .fetch_or(1 << stream, Ordering::Relaxed);
                if sent_ns >= recorder.from.load(Ordering::Relaxed) {
                    recorder.packets.lock().expect("recorder").push(Received {
                        slot,
                        stream,
                        counter,
                        sent_ns,
                        received_ns,
                    });
                }
                true
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip_and_have_opus_and_video_sizes() {
        let p = encode_payload(3, 77, 123_456_789, audio_payload_len(77));
        assert!((60..=120).contains(&p.len()));
        assert_eq!(decode_payload(&p), Some((3, 77, 123_456_789)));
        let v = encode_payload(VIDEO, 1, 2, VIDEO_PAYLOAD);
        assert_eq!(v.len(), 1200);
        assert_eq!(decode_payload(&v), Some((VIDEO, 1, 2)));
        assert_eq!(decode_payload(&[0xAA; 60]), None);
        assert!((0..1000).all(|c| (60..=120).contains(&audio_payload_len(c))));
    }

    #[test]
    fn the_sent_log_counts_a_window() {
        let log = SentLog::default();
        for t in [5, 10, 15, 20] {
            log.record(VIDEO, t);
        }
        assert_eq!(log.sent_between(VIDEO, 10, 20), 2);
        assert_eq!(log.sent_between(FLOOR_AUDIO, 0, 100), 0);
    }
}
