//! Real sound: a peer that speaks a pure tone as Opus (encoded by libopus, as a browser's
//! would be), and what a listener of the sound record needs to find it again: an Ogg Opus
//! reader decoding with libopus, and the strength of one frequency in a stretch of sound.

use super::speech::SPEAKING_LEVEL;
use super::MediaPeer;
use crate::must;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;
use webrtc::media_stream::track_local::TrackLocal;

/// Opus's clock, and the rate every decoded sample here is at.
pub const RATE: u32 = 48_000;
/// 20 ms at 48 kHz.
const FRAME: usize = 960;

/// A microphone speaking a tone: change its pitch as a speaker changes words, on the same
/// RTP stream (one sequence, as a browser's microphone); it stops when dropped.
pub struct Voice {
    hz: Arc<AtomicU32>,
    task: tokio::task::JoinHandle<()>,
}

impl Voice {
    /// Speak `hz` from the next packet on.
    pub fn change_to(&self, hz: f32) {
        self.hz.store(hz.to_bits(), Ordering::Relaxed);
    }
}

impl Drop for Voice {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl MediaPeer {
    /// Speak a sine tone of `hz` from the microphone, in 20 ms Opus packets, until the
    /// returned voice is dropped.
    pub async fn speak_tone(&self, hz: f32) -> Voice {
        let pitch = Arc::new(AtomicU32::new(hz.to_bits()));
        let hz = pitch.clone();
        let (track, ssrc) = self.mic.clone().expect("a peer with a microphone");
        let pt = must(self.payload_type("audio/opus").await);
        let level_id = self.audio_level_id().await;
        let task = tokio::spawn(async move {
            let mut encoder =
                opus::Encoder::new(RATE, opus::Channels::Mono, opus::Application::Voip)
                    .expect("a libopus encoder");
            let mut tick = tokio::time::interval(Duration::from_millis(20));
            let (mut seq, mut ts): (u16, u32) = (rand::random(), rand::random());
            let mut phase = 0f32;
            let mut pcm = [0f32; FRAME];
            let mut out = [0u8; 1500];
            loop {
                tick.tick().await;
                let step = 2.0 * std::f32::consts::PI * f32::from_bits(hz.load(Ordering::Relaxed))
                    / RATE as f32;
                for s in &mut pcm {
                    *s = 0.5 * phase.sin();
                    phase = (phase + step) % (2.0 * std::f32::consts::PI);
                }
                let n = encoder.encode_float(&pcm, &mut out).expect("an Opus frame");
                let mut header = rtc::rtp::Header {
                    version: 2,
                    payload_type: pt,
                    sequence_number: seq,
                    timestamp: ts,
                    ssrc,
                    ..Default::default()
                };
                if let Some(id) = level_id {
                    header
                        .set_extension(id, bytes::Bytes::from_static(&[SPEAKING_LEVEL]))
                        .expect("a one-byte header extension");
                }
                let packet = rtc::rtp::Packet {
                    header,
                    payload: bytes::Bytes::copy_from_slice(&out[..n]),
                };
                if track.write_rtp(packet).await.is_err() {
                    return;
                }
                seq = seq.wrapping_add(1);
                ts = ts.wrapping_add(FRAME as u32);
            }
        });
        Voice { hz: pitch, task }
    }
}

/// An Ogg Opus file decoded by libopus: its tags, and its sound as mono samples at 48 kHz
/// (the file's channels averaged), from the file's start (its pre-skip removed).
pub struct DecodedOpus {
    pub tags: Vec<String>,
    pub samples: Vec<f32>,
    /// The granule position of the file's last page: the samples it says it holds.
    pub last_granule: u64,
}

/// Decode an Ogg Opus file (RFC 7845): an `OpusHead` packet, an `OpusTags` packet, then
/// Opus packets, every one decoded.
pub fn decode_ogg_opus(bytes: &[u8]) -> anyhow::Result<DecodedOpus> {
    use anyhow::{bail, Context};
    let mut reader = ogg::reading::PacketReader::new(std::io::Cursor::new(bytes));
    let head = reader.read_packet()?.context("no OpusHead")?;
    if !head.data.starts_with(b"OpusHead") || head.data.len() < 19 {
        bail!("the first packet is not an OpusHead");
    }
    let channels = head.data[9];
    let pre_skip = u16::from_le_bytes([head.data[10], head.data[11]]) as usize;
    let layout = match channels {
        1 => opus::Channels::Mono,
        2 => opus::Channels::Stereo,
        n => bail!("{n} channels need a mapping family this reader does not know"),
    };
    let tags_packet = reader.read_packet()?.context("no OpusTags")?;
    let tags = parse_tags(&tags_packet.data).context("the OpusTags packet")?;
    let mut decoder = opus::Decoder::new(RATE, layout)?;
    let mut samples = Vec::new();
    let mut buf = vec![0f32; 5760 * usize::from(channels)];
    let mut last_granule = 0;
    while let Some(p) = reader.read_packet()? {
        let n = decoder.decode_float(&p.data, &mut buf, false)?;
        for frame in buf[..n * usize::from(channels)].chunks(usize::from(channels)) {
            samples.push(frame.iter().sum::<f32>() / f32::from(channels));
        }
        last_granule = p.absgp_page();
    }
    samples.drain(..pre_skip.min(samples.len()));
    Ok(DecodedOpus {
        tags,
        samples,
        last_granule,
    })
}

fn parse_tags(data: &[u8]) -> Option<Vec<String>> {
    let rest = data.strip_prefix(b"OpusTags")?;
    let u32_at = |b: &[u8], at: usize| -> Option<usize> {
        Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize)
    };
    let vendor = u32_at(rest, 0)?;
    let mut at = 4 + vendor;
    let count = u32_at(rest, at)?;
    at += 4;
    let mut tags = Vec::with_capacity(count.min(64));
    for _ in 0..count {
        let len = u32_at(rest, at)?;
        at += 4;
        tags.push(String::from_utf8_lossy(rest.get(at..at + len)?).into_owned());
        at += len;
    }
    Some(tags)
}

/// How much of the sound's energy in `window` (from `from_ms`, `ms` long) is at `hz`:
/// from 0 (none) to 1 (a pure tone of `hz`). Goertzel's algorithm over the window.
pub fn tone_share(samples: &[f32], from_ms: u64, ms: u64, hz: f32) -> f32 {
    let per_ms = (RATE / 1000) as u64;
    let start = ((from_ms * per_ms) as usize).min(samples.len());
    let end = (((from_ms + ms) * per_ms) as usize).min(samples.len());
    let window = &samples[start..end];
    if window.is_empty() {
        return 0.0;
    }
    let energy: f32 = window.iter().map(|s| s * s).sum();
    if energy < 1e-6 {
        return 0.0;
    }
    let coeff = 2.0 * (2.0 * std::f32::consts::PI * hz / RATE as f32).cos();
    let (mut s1, mut s2) = (0f32, 0f32);
    for x in window {
        let s0 = x + coeff * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    let power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    // A pure tone's Goertzel power is energy × N / 2.
    (2.0 * power / (energy * window.len() as f32)).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tone_is_told_from_another_and_from_silence() {
        let tone = |hz: f32| -> Vec<f32> {
            (0..RATE)
                .map(|i| (2.0 * std::f32::consts::PI * hz * i as f32 / RATE as f32).sin())
                .collect()
        };
        let a = tone(440.0);
        assert!(tone_share(&a, 100, 200, 440.0) > 0.9);
        assert!(tone_share(&a, 100, 200, 880.0) < 0.05);
        assert_eq!(tone_share(&vec![0.0; 48_000], 0, 500, 440.0), 0.0);
        assert_eq!(tone_share(&a, 2000, 100, 440.0), 0.0, "past the end");
    }
}
