//! Keyframe requests (PLI, FIR): an interceptor that lets them through to the application
//! (the interceptor chain consumes inbound RTCP by default; the SFU needs to see a
//! listener's request to pass it on to the publisher whose video that listener receives),
//! and the throttle that bounds how often a publisher is asked.

use rtc::interceptor::{Attribute, Interceptor, Packet, StreamInfo, TaggedPacket};
use rtc::rtcp::payload_feedbacks::full_intra_request::FullIntraRequest;
use rtc::rtcp::payload_feedbacks::picture_loss_indication::PictureLossIndication;
use rtc::sansio::Protocol;
use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::time::{Duration, Instant};

/// Whether an RTCP packet asks for a keyframe.
pub fn asks_for_keyframe(packet: &dyn rtc::rtcp::Packet) -> bool {
    let any = packet.as_any();
    any.is::<PictureLossIndication>() || any.is::<FullIntraRequest>()
}

/// Passes every packet along unchanged, marking keyframe requests for the application.
#[derive(Default)]
pub struct KeyframeRequests {
    inbound: VecDeque<TaggedPacket>,
    outbound: VecDeque<TaggedPacket>,
}

impl Protocol<TaggedPacket, TaggedPacket, ()> for KeyframeRequests {
    type Rout = TaggedPacket;
    type Wout = TaggedPacket;
    type Eout = ();
    type Error = rtc::shared::error::Error;
    type Time = Instant;

    fn handle_read(&mut self, mut msg: TaggedPacket) -> Result<(), Self::Error> {
        let wanted = match &msg.message.packet {
            Packet::Rtcp(packets) => packets.iter().any(|p| asks_for_keyframe(p.as_ref())),
            _ => false,
        };
        if wanted {
            msg.message.add(Attribute::DeliverToApplication);
        }
        self.inbound.push_back(msg);
        Ok(())
    }

    fn poll_read(&mut self) -> Option<Self::Rout> {
        self.inbound.pop_front()
    }

    fn handle_write(&mut self, msg: TaggedPacket) -> Result<(), Self::Error> {
        self.outbound.push_back(msg);
        Ok(())
    }

    fn poll_write(&mut self) -> Option<Self::Wout> {
        self.outbound.pop_front()
    }
}

impl Interceptor for KeyframeRequests {
    fn bind_local_stream(&mut self, _: &StreamInfo) {}
    fn unbind_local_stream(&mut self, _: &StreamInfo) {}
    fn bind_remote_stream(&mut self, _: &StreamInfo) {}
    fn unbind_remote_stream(&mut self, _: &StreamInfo) {}
}

/// The least time between two keyframe requests to one publisher. A keyframe is many
/// times the size of other frames, and listeners ask for one together (hundreds joining
/// at the opening, every listener after a floor change, each one recovering from the same
/// loss), so without a bound a publisher would send little else. Within the interval,
/// requests are held and merged into one sent when it ends: a listener that asked waits
/// at most this long for a picture.
pub const KEYFRAME_INTERVAL: Duration = Duration::from_millis(500);

/// Keyframe requests per publisher, at most one each [`KEYFRAME_INTERVAL`].
#[derive(Debug, Default)]
pub struct KeyframeThrottle<K> {
    /// When each publisher was last asked.
    last: HashMap<K, Instant>,
    /// Publishers with a request held, and when it may go.
    held: HashMap<K, Instant>,
}

impl<K: Copy + Eq + Hash> KeyframeThrottle<K> {
    /// A request for a keyframe from `publisher`: true if it goes now, false if it is held
    /// (and merged with any other held for the same publisher).
    pub fn ask(&mut self, now: Instant, publisher: K) -> bool {
        match self.last.get(&publisher) {
            Some(&last) if now.saturating_duration_since(last) < KEYFRAME_INTERVAL => {
                self.held
                    .entry(publisher)
                    .or_insert(last + KEYFRAME_INTERVAL);
                false
            }
            _ => {
                self.last.insert(publisher, now);
                self.held.remove(&publisher);
                true
            }
        }
    }

    /// The held requests whose time has come, now counted as sent.
    pub fn due(&mut self, now: Instant) -> Vec<K> {
        let due: Vec<K> = self
            .held
            .iter()
            .filter(|(_, at)| **at <= now)
            .map(|(k, _)| *k)
            .collect();
        for k in &due {
            self.held.remove(k);
            self.last.insert(*k, now);
        }
        due
    }

    /// When the next held request may go.
    pub fn next_due(&self) -> Option<Instant> {
        self.held.values().min().copied()
    }

    /// The publisher left: nothing more to ask of it.
    pub fn forget(&mut self, publisher: K) {
        self.last.remove(&publisher);
        self.held.remove(&publisher);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_publisher_is_asked_at_most_once_an_interval_and_no_request_is_lost() {
        let t0 = Instant::now();
        let ms = |n: u64| t0 + Duration::from_millis(n);
        let mut k = KeyframeThrottle::default();
        assert!(k.ask(t0, 1), "the first request goes at once");
        assert!(
            k.ask(t0, 2),
            "another publisher is asked on its own account"
        );
        // A burst of listeners asking within the interval: held, merged into one.
        assert!(!k.ask(ms(10), 1));
        assert!(!k.ask(ms(300), 1));
        assert_eq!(k.next_due(), Some(ms(500)));
        assert!(k.due(ms(499)).is_empty());
        assert_eq!(k.due(ms(500)), vec![1]);
        assert_eq!(k.next_due(), None, "the merged request went, once");
        // The one that went counts: the next request waits for its interval.
        assert!(!k.ask(ms(700), 1));
        assert_eq!(k.next_due(), Some(ms(1000)));
        // After a quiet interval, a request goes at once and clears what was held.
        assert!(k.ask(ms(2000), 2));
        k.forget(1);
        assert_eq!(k.next_due(), None, "a publisher that left is not asked");
        assert!(k.ask(ms(2001), 1), "one that comes back starts afresh");
    }
}
