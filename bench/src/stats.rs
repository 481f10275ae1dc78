//! From what was sent and what each listener received, in the measured window: delivery,
//! loss and delay.

use floor_testkit::peer::timed::{Received, FLOOR_AUDIO, SLOTS, STREAMS, VIDEO};
use std::collections::HashSet;

/// The streams a listener should receive, each with the slot it should come on (an index
/// in [`SLOTS`]). `channel`: the interpretation stream it follows (1 to 6), if any.
pub fn expected_streams(channel: Option<u8>) -> Vec<(u8, u8)> {
    let slot = |name: &str| SLOTS.iter().position(|s| *s == name).unwrap_or(0) as u8;
    let mut v = vec![(FLOOR_AUDIO, slot("speaker")), (VIDEO, slot("video"))];
    if let Some(c) = channel {
        v.push((c, slot("interpretation")));
    }
    v
}

/// Delays of delivered packets, in microseconds.
#[derive(Default)]
pub struct Delays {
    pub audio: Vec<u32>,
    pub video: Vec<u32>,
}

impl Delays {
    pub fn all(&self) -> Vec<u32> {
        let mut v = self.audio.clone();
        v.extend_from_slice(&self.video);
        v
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// Packets of the listener's streams sent in the window.
    pub expected: u64,
    /// Of those, how many arrived (each counted once, on the right slot).
    pub received: u64,
    /// Packets that arrived on a slot they should not be on, or of a stream the listener
    /// does not follow.
    pub misrouted: u64,
    /// Expected streams of which nothing at all arrived.
    pub silent_streams: u32,
}

impl Outcome {
    pub fn loss(&self) -> f64 {
        if self.expected == 0 {
            return 0.0;
        }
        1.0 - (self.received.min(self.expected) as f64 / self.expected as f64)
    }
}

/// One listener's outcome over the window [from, to) of send times. `sent(stream)`: how
/// many packets of the stream were sent in the window. `check_slots`: whether the slot a
/// packet came on matters (not for a direct connection, whose tracks are the publisher's).
pub fn analyse(
    expected: &[(u8, u8)],
    packets: &[Received],
    (from, to): (u64, u64),
    sent: impl Fn(u8) -> u64,
    check_slots: bool,
    delays: &mut Delays,
) -> Outcome {
    let mut seen: Vec<HashSet<u32>> = vec![HashSet::new(); STREAMS];
    let mut out = Outcome::default();
    for p in packets.iter().filter(|p| (from..to).contains(&p.sent_ns)) {
        let wanted = expected
            .iter()
            .any(|(s, slot)| *s == p.stream && (!check_slots || *slot == p.slot));
        if !wanted {
            out.misrouted += 1;
            continue;
        }
        if seen[p.stream as usize].insert(p.counter) {
            let us = (p.received_ns.saturating_sub(p.sent_ns) / 1000).min(u32::MAX as u64) as u32;
            if p.stream == VIDEO {
                delays.video.push(us);
            } else {
                delays.audio.push(us);
            }
        }
    }
    for (s, _) in expected {
        out.expected += sent(*s);
        let got = seen[*s as usize].len() as u64;
        out.received += got;
        if got == 0 {
            out.silent_streams += 1;
        }
    }
    out
}

/// The `q` quantile (0 to 1) by nearest rank, of values in microseconds, in milliseconds.
pub fn quantile_ms(sorted_us: &[u32], q: f64) -> Option<f64> {
    if sorted_us.is_empty() {
        return None;
    }
    let rank = ((q * sorted_us.len() as f64).ceil() as usize).clamp(1, sorted_us.len());
    Some(sorted_us[rank - 1] as f64 / 1000.0)
}

/// p50 and p99 in milliseconds.
#[derive(Debug, Default, Clone, Copy)]
pub struct Percentiles {
    pub p50: Option<f64>,
    pub p99: Option<f64>,
}

pub fn percentiles(mut us: Vec<u32>) -> Percentiles {
    us.sort_unstable();
    Percentiles {
        p50: quantile_ms(&us, 0.50),
        p99: quantile_ms(&us, 0.99),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rx(slot: u8, stream: u8, counter: u32, sent_ns: u64, delay_us: u64) -> Received {
        Received {
            slot,
            stream,
            counter,
            sent_ns,
            received_ns: sent_ns + delay_us * 1000,
        }
    }

    #[test]
    fn quantiles_by_nearest_rank() {
        let v: Vec<u32> = (1..=100).map(|i| i * 1000).collect();
        assert_eq!(quantile_ms(&v, 0.5), Some(50.0));
        assert_eq!(quantile_ms(&v, 0.99), Some(99.0));
        assert_eq!(quantile_ms(&[7000], 0.99), Some(7.0));
        assert_eq!(quantile_ms(&[], 0.5), None);
    }

    #[test]
    fn loss_counts_each_packet_once_on_the_right_slot_within_the_window() {
        let expected = expected_streams(Some(4));
        assert_eq!(expected, vec![(0, 0), (7, 4), (4, 3)]);
        let packets = vec![
            rx(0, 0, 1, 100, 2),
            rx(0, 0, 1, 100, 9), // a duplicate (a retransmission): counted once
            rx(0, 0, 2, 120, 3),
            rx(4, 7, 1, 100, 4),
            rx(3, 4, 1, 100, 5),
            rx(3, 5, 1, 100, 5), // another channel: misrouted
            rx(0, 7, 2, 100, 5), // video on the speaker slot: misrouted
            rx(0, 0, 3, 10, 1),  // sent before the window
            rx(0, 0, 4, 500, 1), // sent after it
        ];
        let mut d = Delays::default();
        let sent = |s: u8| match s {
            0 => 3,
            7 => 2,
            _ => 1,
        };
        let o = analyse(&expected, &packets, (100, 500), sent, true, &mut d);
        assert_eq!(
            o,
            Outcome {
                expected: 6,
                received: 4,
                misrouted: 2,
                silent_streams: 0
            }
        );
        assert!((o.loss() - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(d.audio, vec![2, 3, 5]);
        assert_eq!(d.video, vec![4]);

        // Nothing on the interpretation slot at all: a silent stream.
        let o = analyse(&expected, &packets[..4], (100, 500), sent, true, &mut d);
        assert_eq!(o.silent_streams, 1);
    }
}
