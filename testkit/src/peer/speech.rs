//! Marked packets, as the tests send and recognise them: every packet's payload starts
//! with the speaker's marker and a counter, so a listener can tell on which slot it heard
//! whom, from the microphone or the camera.

use super::MediaPeer;
use crate::{must, DEADLINE};
use std::time::{Duration, Instant};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};
use webrtc::media_stream::track_local::TrackLocal;

/// The audio level every microphone packet carries: voice, at -20 dBov.
pub const SPEAKING_LEVEL: u8 = 0x80 | 20;

/// Set in the marker of camera packets, so a listener can tell what it received.
const VIDEO_BIT: u32 = 0x1000_0000;

/// One packet as a listener received it.
#[derive(Debug, Clone)]
pub struct Heard {
    /// The slot: "speaker", "chair", "room", "interpretation" or "video".
    pub slot: String,
    /// Who spoke it (the publisher's marker).
    pub marker: u32,
    /// It came from the publisher's camera, not its microphone.
    pub video: bool,
    /// The publisher's packet counter.
    pub counter: u32,
    /// The RTP sequence number on the listener's leg.
    pub seq: u16,
    pub at: Instant,
}

impl MediaPeer {
    /// Speak: a packet every 20 ms (and a video packet with each), each carrying `marker`
    /// and a counter, until the returned task is aborted.
    pub async fn speak(&self, marker: u32) -> tokio::task::JoinHandle<()> {
        self.speak_sized(marker, 60).await
    }

    /// [`MediaPeer::speak`] with camera packets of `video_bytes` of payload each: 1,000
    /// bytes every 20 ms is some 400 kbit/s.
    pub async fn speak_sized(
        &self,
        marker: u32,
        video_bytes: usize,
    ) -> tokio::task::JoinHandle<()> {
        let mut senders = Vec::new();
        if let Some((track, ssrc)) = &self.mic {
            let pt = must(self.payload_type("audio/opus").await);
            senders.push((track.clone(), *ssrc, pt));
        }
        if let Some((track, ssrc)) = &self.camera {
            let pt = must(self.payload_type("video/VP8").await);
            senders.push((track.clone(), *ssrc, pt));
        }
        let video_pt = match &self.camera {
            Some(_) => must(self.payload_type("video/VP8").await),
            None => 255,
        };
        let level_id = self.audio_level_id().await;
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_millis(20));
            let mut counter: u32 = 0;
            let mut seq: u16 = rand::random();
            let mut ts: u32 = rand::random();
            loop {
                tick.tick().await;
                for (track, ssrc, pt) in &senders {
                    let video = *pt == video_pt;
                    let size = if video { video_bytes.max(8) } else { 60 };
                    let mut payload = Vec::with_capacity(size);
                    let kind_bit = if video { VIDEO_BIT } else { 0 };
                    payload.extend_from_slice(&(marker | kind_bit).to_be_bytes());
                    payload.extend_from_slice(&counter.to_be_bytes());
                    payload.resize(size, 0xAA);
                    let mut header = rtc::rtp::Header {
                        version: 2,
                        payload_type: *pt,
                        sequence_number: seq,
                        timestamp: ts,
                        ssrc: *ssrc,
                        ..Default::default()
                    };
                    if let (Some(id), false) = (level_id, video) {
                        header
                            .set_extension(id, bytes::Bytes::from_static(&[SPEAKING_LEVEL]))
                            .expect("a one-byte header extension");
                    }
                    let packet = rtc::rtp::Packet {
                        header,
                        payload: payload.into(),
                    };
                    if track.write_rtp(packet).await.is_err() {
                        return;
                    }
                }
                counter += 1;
                seq = seq.wrapping_add(1);
                ts = ts.wrapping_add(960);
            }
        })
    }

    /// Every packet this peer receives, from now on, on any slot.
    pub fn listen(&mut self) -> UnboundedReceiver<Heard> {
        let (tx, rx) = unbounded_channel();
        self.read_packets(move |slot| {
            let tx = tx.clone();
            move |p: &rtc::rtp::Packet| {
                if p.payload.len() < 8 {
                    return true;
                }
                let marked = u32::from_be_bytes(p.payload[0..4].try_into().unwrap());
                let heard = Heard {
                    slot: slot.clone(),
                    marker: marked & !VIDEO_BIT,
                    video: marked & VIDEO_BIT != 0,
                    counter: u32::from_be_bytes(p.payload[4..8].try_into().unwrap()),
                    seq: p.header.sequence_number,
                    at: Instant::now(),
                };
                tx.send(heard).is_ok()
            }
        });
        rx
    }
}

/// The next packet heard on `slot` that `pick` accepts, within the deadline.
pub async fn next_heard(
    rx: &mut UnboundedReceiver<Heard>,
    slot: &str,
    mut pick: impl FnMut(&Heard) -> bool,
) -> Heard {
    let mut other = std::collections::BTreeMap::new();
    let found = tokio::time::timeout(DEADLINE, async {
        loop {
            let h = rx.recv().await.expect("still listening");
            if h.slot == slot && pick(&h) {
                return h;
            }
            *other
                .entry((h.slot.clone(), h.marker, h.video))
                .or_insert(0u32) += 1;
        }
    })
    .await;
    found.unwrap_or_else(|_| panic!("nothing on the {slot} slot within the deadline; heard instead (slot, marker, video): {other:?}"))
}

/// The markers heard on `slot` within `window`, once `marker` has been heard there: what a
/// listener hears of that slot once it has switched to `marker`.
pub async fn heard_after(
    rx: &mut UnboundedReceiver<Heard>,
    slot: &str,
    marker: u32,
    window: Duration,
) -> Vec<u32> {
    next_heard(rx, slot, |h| h.marker == marker).await;
    heard_during(rx, window)
        .await
        .into_iter()
        .filter(|h| h.slot == slot)
        .map(|h| h.marker)
        .collect()
}

/// Everything heard within `window` (used after the fact, to check what did NOT arrive).
pub async fn heard_during(rx: &mut UnboundedReceiver<Heard>, window: Duration) -> Vec<Heard> {
    let mut out = Vec::new();
    let end = tokio::time::Instant::now() + window;
    while let Ok(Some(h)) = tokio::time::timeout_at(end, rx.recv()).await {
        out.push(h);
    }
    out
}
