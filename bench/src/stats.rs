//! From what was sent and what each listener received, in the measured window: delivery,
//! loss and delay ([`analyse`], full listeners); delivery and loss only ([`analyse_light`],
//! light listeners, which do not read the payload).

use floor_testkit::peer::light::SsrcWindow;
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

/// One light listener over the window.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct LightOutcome {
    /// `expected`: what the publishers of its streams sent in the window, by their own
    /// log; `received`: the packets that arrived with a sequence number its slots spanned
    /// in the window; `misrouted`: packets on a slot it should get nothing on.
    pub outcome: Outcome,
    /// The sequence numbers its slots spanned in the window: `span - received` are gaps
    /// (packets the server numbered that never arrived).
    pub span: u64,
    pub duplicates: u64,
    pub out_of_order: u64,
}

/// One light listener's outcome from its per-SSRC counts over the window (see
/// `floor_testkit::peer::light`). A light listener cannot read which publisher packet a
/// slot's packet is, nor when it was sent, so what it received is counted over the
/// window its own sequence numbers span: from the highest sequence number of each SSRC
/// when the window opened to the highest when it closed, each number once if it arrived
/// by the end of the grace time. That is set against what the publishers sent in the
/// window (`sent(stream)`, their log): with a server that keeps up, the two differ only
/// by the packets in flight at each edge; a server that falls behind forwards fewer
/// packets per second than are sent, queueing the rest, and its slots' sequences have no
/// gap while it does, so only the publishers' count shows the shortfall. The gaps
/// (`span - received`) are what was numbered and never arrived.
///
/// This assumes each slot has one source for the whole window: the server rewrites a
/// slot's sequence numbers so that they continue across a change of source (a floor
/// change, a booth handover, a channel switch), so a slot's span is what the server
/// forwarded on it whoever spoke; the benchmark changes no source during the window, so
/// a slot's span is its one publisher's packets.
pub fn analyse_light(
    expected: &[(u8, u8)],
    windows: &[SsrcWindow],
    sent: impl Fn(u8) -> u64,
) -> LightOutcome {
    let mut out = LightOutcome::default();
    for w in windows {
        out.duplicates += w.duplicates;
        out.out_of_order += w.out_of_order;
        if !expected.iter().any(|(_, slot)| *slot == w.slot) {
            out.outcome.misrouted += w.received;
        }
    }
    for (stream, slot) in expected {
        out.outcome.expected += sent(*stream);
        let (span, got) = windows
            .iter()
            .filter(|w| w.slot == *slot)
            .fold((0, 0), |(s, r), w| (s + w.span, r + w.received));
        out.span += span;
        out.outcome.received += got;
        if got == 0 {
            out.outcome.silent_streams += 1;
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

    fn window(slot: u8, span: u64, received: u64) -> SsrcWindow {
        SsrcWindow {
            ssrc: 1000 + u32::from(slot),
            slot,
            span,
            received,
            duplicates: 1,
            out_of_order: 0,
        }
    }

    #[test]
    fn a_light_listener_counts_its_slots_spans() {
        // Follows channel 4: the speaker (slot 0), the video (4) and interpretation (3).
        let expected = expected_streams(Some(4));
        let sent = |s: u8| match s {
            0 => 500,
            7 => 1500,
            _ => 501,
        };
        let windows = [
            window(0, 500, 500),
            window(4, 1502, 1499), // three lost
            window(3, 500, 500),
            window(1, 10, 10), // the chair slot carries nothing here: misrouted
        ];
        let o = analyse_light(&expected, &windows, sent);
        assert_eq!(
            o,
            LightOutcome {
                outcome: Outcome {
                    expected: 2501,
                    received: 2499,
                    misrouted: 10,
                    silent_streams: 0,
                },
                span: 2502,
                duplicates: 4,
                out_of_order: 0,
            }
        );
        assert!((o.outcome.loss() - 2.0 / 2501.0).abs() < 1e-12);
        // A server that falls behind: no gap, but half of what was sent.
        let behind = [
            window(0, 250, 250),
            window(4, 750, 750),
            window(3, 250, 250),
        ];
        let o = analyse_light(&expected, &behind, sent);
        assert_eq!((o.span, o.outcome.received), (1250, 1250));
        assert!((o.outcome.loss() - (1.0 - 1250.0 / 2501.0)).abs() < 1e-12);
        // Nothing at all on the interpretation slot.
        let o = analyse_light(&expected, &windows[..2], sent);
        assert_eq!(o.outcome.silent_streams, 1);
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
