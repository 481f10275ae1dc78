//! Percentiles and the printed report.

use std::fmt::Write;

/// A latency distribution, in microseconds.
#[derive(Clone, Copy, Default)]
pub struct Dist {
    pub count: usize,
    pub p50: u32,
    pub p99: u32,
    pub max: u32,
}

impl Dist {
    pub fn of(mut v: Vec<u32>) -> Dist {
        if v.is_empty() {
            return Dist::default();
        }
        v.sort_unstable();
        // Nearest rank.
        let rank = |p: f64| v[((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
        Dist {
            count: v.len(),
            p50: rank(0.50),
            p99: rank(0.99),
            max: v[v.len() - 1],
        }
    }
}

pub fn ms(us: u32) -> String {
    format!("{:.2}", us as f64 / 1000.0)
}

pub struct RunReport {
    pub label: String,
    pub participants: usize,
    pub connections: usize,
    pub connect_secs: f64,
    pub rss_before_kib: u64,
    pub rss_after_kib: u64,
    pub commands: usize,
    pub command_counts: Vec<(String, usize)>,
    pub events: usize,
    pub avg_frame_bytes: usize,
    pub deliveries: usize,
    pub lost: u64,
    pub out_of_order: u64,
    pub duplicates: u64,
    pub ended_early: usize,
    pub all: Dist,
    pub per_kind: Vec<(String, Dist)>,
    pub ack: Dist,
    /// From the first command sent to the last ack.
    pub script_sent_secs: f64,
    /// From the first command sent to the last participant's last event.
    pub script_secs: f64,
    pub tool_cpu_secs: f64,
    pub server_cpu_secs: f64,
    pub burst: bool,
}

impl RunReport {
    pub fn rss_per_participant_kib(&self) -> f64 {
        (self.rss_after_kib as f64 - self.rss_before_kib as f64) / self.participants as f64
    }
}

/// The whole report, as Markdown.
pub fn render(runs: &[RunReport], reproduce: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "## Summary (latency: command sent → event frame read by each participant)\n"
    );
    let _ = writeln!(
        s,
        "| server | participants | events | deliveries | p50 ms | p99 ms | max ms | lost | out of order | dup | ended early | server RSS before → after MiB | KiB / participant | connect s | script s | tool CPU s (% of 1 core) | server CPU s (% of 1 core) |"
    );
    let _ = writeln!(
        s,
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|"
    );
    for r in runs {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.0} → {:.0} | {:.1} | {:.1} | {:.2} | {:.2} ({:.0}%) | {:.2} ({:.0}%) |",
            r.label,
            r.participants,
            r.events,
            r.deliveries,
            ms(r.all.p50),
            ms(r.all.p99),
            ms(r.all.max),
            r.lost,
            r.out_of_order,
            r.duplicates,
            r.ended_early,
            r.rss_before_kib as f64 / 1024.0,
            r.rss_after_kib as f64 / 1024.0,
            r.rss_per_participant_kib(),
            r.connect_secs,
            r.script_secs,
            r.tool_cpu_secs,
            100.0 * r.tool_cpu_secs / r.script_secs.max(1e-9),
            r.server_cpu_secs,
            100.0 * r.server_cpu_secs / r.script_secs.max(1e-9),
        );
    }
    // Ratios platform / bare at the same N.
    let pairs: Vec<(&RunReport, &RunReport)> = runs
        .iter()
        .filter(|r| r.label == "floor")
        .filter_map(|f| {
            runs.iter()
                .find(|b| b.label == "bare" && b.participants == f.participants)
                .map(|b| (f, b))
        })
        .collect();
    if !pairs.is_empty() {
        let _ = writeln!(s, "\n## Floor / bare broadcast server\n");
        let _ = writeln!(
            s,
            "| participants | p50 floor / bare ms | ratio p50 | p99 floor / bare ms | ratio p99 |"
        );
        let _ = writeln!(s, "|---:|---|---:|---|---:|");
        for (f, b) in pairs {
            let _ = writeln!(
                s,
                "| {} | {} / {} | {:.1}× | {} / {} | {:.1}× |",
                f.participants,
                ms(f.all.p50),
                ms(b.all.p50),
                f.all.p50 as f64 / b.all.p50.max(1) as f64,
                ms(f.all.p99),
                ms(b.all.p99),
                f.all.p99 as f64 / b.all.p99.max(1) as f64,
            );
        }
    }
    for r in runs {
        let _ = writeln!(
            s,
            "\n## {} with {} participants ({} connections), by event type\n",
            r.label, r.participants, r.connections
        );
        let cmds: Vec<String> = r
            .command_counts
            .iter()
            .map(|(k, v)| format!("{k} ×{v}"))
            .collect();
        let _ = writeln!(
            s,
            "{} commands sent one after another ({}): {}. {} events, average event frame {} bytes. Commands sent in {:.2} s; last event read {:.2} s after the first command.\n",
            r.commands,
            if r.burst {
                "burst: each sent as soon as the previous one was acknowledged"
            } else {
                "paced: each sent once every participant had read the previous one's events"
            },
            cmds.join(", "),
            r.events,
            r.avg_frame_bytes,
            r.script_sent_secs,
            r.script_secs
        );
        let _ = writeln!(s, "| event type | deliveries | p50 ms | p99 ms | max ms |");
        let _ = writeln!(s, "|---|---:|---:|---:|---:|");
        for (k, d) in &r.per_kind {
            let _ = writeln!(
                s,
                "| {k} | {} | {} | {} | {} |",
                d.count,
                ms(d.p50),
                ms(d.p99),
                ms(d.max)
            );
        }
        let _ = writeln!(
            s,
            "| **all** | {} | {} | {} | {} |",
            r.all.count,
            ms(r.all.p50),
            ms(r.all.p99),
            ms(r.all.max)
        );
        let _ = writeln!(
            s,
            "| (ack to the sender) | {} | {} | {} | {} |",
            r.ack.count,
            ms(r.ack.p50),
            ms(r.ack.p99),
            ms(r.ack.max)
        );
    }
    let _ = writeln!(s, "\nReproduce: `{reproduce}`");
    s
}
