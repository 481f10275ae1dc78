//! The media benchmark's figures as JSON: what `floor-media-bench --json FILE` writes and
//! `floor-media-plot` reads.

use serde::{Deserialize, Serialize};

/// One invocation of `floor-media-bench`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// When it started, `YYYY-MM-DD HH:MM UTC`.
    pub started_utc: String,
    /// The command line that reproduces it.
    pub command: String,
    pub machine: Machine,
    /// Two peers of the tool connected directly, without a server, if measured.
    pub baseline: Option<Run>,
    pub runs: Vec<Run>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Machine {
    /// `model name` of /proc/cpuinfo.
    pub cpu_model: String,
    /// Online CPUs.
    pub cpus: usize,
    pub memory_gib: f64,
    pub kernel: String,
}

impl Machine {
    pub fn this() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        Machine {
            cpu_model: cpuinfo
                .lines()
                .find_map(|l| l.strip_prefix("model name"))
                .and_then(|v| v.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
                .unwrap_or_default(),
            cpus: crate::procfs::online_cpus(),
            memory_gib: meminfo
                .lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse::<f64>().ok())
                .map(|kib| (10.0 * kib / (1024.0 * 1024.0)).round() / 10.0)
                .unwrap_or(0.0),
            kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease")
                .unwrap_or_default()
                .trim()
                .to_string(),
        }
    }
}

/// Delays in milliseconds (receive time minus send time, one clock), `None` when nothing
/// was received.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct DelayMs {
    pub audio_p50: Option<f64>,
    pub audio_p99: Option<f64>,
    pub video_p50: Option<f64>,
    pub video_p99: Option<f64>,
    pub all_p50: Option<f64>,
    pub all_p99: Option<f64>,
}

/// One run: one SFU, one listener count, a fresh server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// `floor`, `janus`, or `p2p` for the baseline.
    pub sfu: String,
    /// 1 for the first pass over the listener counts, 2 for the second (`--rounds`).
    pub round: u32,
    pub listeners: usize,
    pub joined: usize,
    /// `loopback` or `veth` (the SFU in a network namespace, see `netns`).
    pub network: String,
    pub window_seconds: f64,
    /// Packets per second the publishers sent to the listeners (what they should get).
    pub expected_pps: f64,
    /// Packets per second the listeners received (each once, of the streams they follow).
    pub delivered_pps: f64,
    pub loss_mean: f64,
    pub loss_worst: f64,
    pub delay_ms: DelayMs,
    /// The server's CPU time in the window, in percent of one core.
    pub server_cpu_percent: f64,
    /// The server's CPU time in the window divided by the packets delivered.
    pub server_us_per_packet: Option<f64>,
    pub server_rss_kib_per_peer: Option<f64>,
    pub server_threads: Option<u64>,
    pub bench_cpu_percent: f64,
    pub others_cpu_percent: f64,
    /// `full`: listeners that are whole WebRTC peers (`webrtc` crate) decrypting and timing
    /// every packet; `light`: listeners that count packets by their clear RTP header and
    /// measure no delay (`floor_testkit::peer::light`). Files written before light
    /// listeners existed are `full`.
    #[serde(default = "full")]
    pub listener: String,
    /// Light listeners only: what else they saw.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub light: Option<LightRun>,
    /// Floor nodes sharing the meeting (`--nodes`); the server figures above are their
    /// sums. Files written before clusters were measured are of one node.
    #[serde(default = "one")]
    pub nodes: usize,
    /// With several nodes, each node's CPU time in the window (% of one core), the
    /// publishers' node first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub server_cpu_percent_per_node: Vec<f64>,
}

fn full() -> String {
    "full".to_string()
}

fn one() -> usize {
    1
}

/// What only light listeners report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct LightRun {
    /// Sequence numbers per second the listeners' slots spanned in the window (they
    /// received `delivered_pps` of them; `expected_pps` is what the publishers sent).
    pub span_pps: f64,
    /// Sequence numbers spanned that never arrived, all listeners.
    pub gaps: u64,
    /// Packets that came twice, and packets that came after a later one, all listeners.
    pub duplicates: u64,
    pub out_of_order: u64,
    /// The one thread driving every light listener, in percent of one core.
    pub driver_cpu_percent: Option<f64>,
}

/// `YYYY-MM-DD HH:MM UTC` for a time in seconds since the Unix epoch.
pub fn utc(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let rest = seconds % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        rest / 3600,
        (rest % 3600) / 60
    )
}

pub fn utc_now() -> String {
    utc(std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0))
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (the usual era-based
/// conversion: 400-year eras of 146,097 days, years starting in March).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates() {
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00 UTC");
        // 2026-12-01 23:54 UTC.
        assert_eq!(utc(1_796_169_240), "2026-12-01 23:54 UTC");
    }

    #[test]
    fn a_report_round_trips_through_json() {
        let run = Run {
            sfu: "janus".into(),
            round: 1,
            listeners: 50,
            joined: 50,
            network: "veth".into(),
            window_seconds: 10.0,
            expected_pps: 12_000.0,
            delivered_pps: 11_990.0,
            loss_mean: 0.001,
            loss_worst: 0.01,
            delay_ms: DelayMs {
                all_p99: Some(4.5),
                ..Default::default()
            },
            server_cpu_percent: 30.0,
            server_us_per_packet: Some(25.0),
            server_rss_kib_per_peer: None,
            server_threads: Some(12),
            bench_cpu_percent: 40.0,
            others_cpu_percent: 1.0,
            listener: "light".into(),
            nodes: 1,
            server_cpu_percent_per_node: vec![],
            light: Some(LightRun {
                span_pps: 12_001.0,
                gaps: 11,
                duplicates: 0,
                out_of_order: 1,
                driver_cpu_percent: Some(3.5),
            }),
        };
        let r = Report {
            started_utc: utc(0),
            command: "floor-media-bench --sfu floor,janus".into(),
            machine: Machine {
                cpu_model: "AMD EPYC".into(),
                cpus: 2,
                memory_gib: 23.5,
                kernel: "6.18".into(),
            },
            baseline: None,
            runs: vec![run],
        };
        let back: Report = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn runs_written_before_light_listeners_read_as_full() {
        let mut v = serde_json::to_value(Run {
            sfu: "floor".into(),
            round: 1,
            listeners: 10,
            joined: 10,
            network: "loopback".into(),
            window_seconds: 10.0,
            expected_pps: 2_400.0,
            delivered_pps: 2_400.0,
            loss_mean: 0.0,
            loss_worst: 0.0,
            delay_ms: DelayMs::default(),
            server_cpu_percent: 7.0,
            server_us_per_packet: Some(30.0),
            server_rss_kib_per_peer: None,
            server_threads: None,
            bench_cpu_percent: 12.0,
            others_cpu_percent: 0.0,
            listener: "full".into(),
            nodes: 2,
            server_cpu_percent_per_node: vec![4.0, 3.0],
            light: None,
        })
        .unwrap();
        v.as_object_mut().unwrap().remove("listener");
        let old: Run = serde_json::from_value(v).unwrap();
        assert_eq!((old.listener.as_str(), old.light), ("full", None));
    }

    #[test]
    fn this_machine_is_described() {
        let m = Machine::this();
        assert!(m.cpus >= 1 && m.memory_gib > 0.0);
    }
}
