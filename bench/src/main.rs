//! `floor-media-bench`: load the real server's SFU with one floor speaker (voice and a
//! 1.5 Mbit/s camera), six live interpretation channels and N listeners, and report what
//! it forwards, what is lost, the delay it adds, and its CPU and memory cost.
//!
//! Everything runs on this machine: the server is a child process (`floor`, a release
//! build), and every client peer (publishers and listeners) is a real WebRTC peer of the
//! `webrtc` crate in this process, on its own UDP socket. See BENCHMARKS.md.

mod api;
mod logsink;
mod peer;
mod stats;

use anyhow::{bail, Context};
use api::{Meeting, Ws, CHANNELS};
use clap::Parser;
use floor_bench::server::Server;
use floor_bench::{procfs, server};
use floor_protocol::frames::ClientFrame;
use futures_util::StreamExt;
use peer::{now_ns, Peer, Recorder, SentLog, FLOOR_AUDIO};
use stats::{analyse, expected_streams, percentiles, Delays, Outcome, Percentiles};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long packets sent at the end of the window may still take to arrive.
const GRACE: Duration = Duration::from_secs(1);
/// How long every listener may take to hear all its streams once everyone has joined.
const FIRST_PACKET_DEADLINE: Duration = Duration::from_secs(30);
/// Listening options, round robin: the floor only, then each interpretation channel.
const OPTIONS: usize = 1 + CHANNELS.len();

#[derive(Parser, Debug)]
#[command(
    name = "floor-media-bench",
    about = "Media load benchmark of the Floor SFU: one floor speaker with video, six \
             interpretation channels, N listeners (each on the floor only or one channel, \
             round robin)."
)]
struct Args {
    /// Listener counts to run, one fresh server each (repeat or comma-separate: 10,50,100).
    #[arg(long = "listeners", value_delimiter = ',', default_values_t = [10])]
    listeners: Vec<usize>,
    /// The measured window, in seconds.
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    /// Media flowing to everyone before the window starts, in seconds.
    #[arg(long, default_value_t = 3.0)]
    warmup: f64,
    /// The `floor` binary (default: target/release/floor of this workspace).
    #[arg(long)]
    server: Option<PathBuf>,
    /// Listeners joining at the same time.
    #[arg(long, default_value_t = 8)]
    join_concurrency: usize,
    /// Skip the direct peer-to-peer baseline.
    #[arg(long)]
    no_baseline: bool,
    /// Print the client WebRTC stack's error lines (they are always counted).
    #[arg(long)]
    client_log: bool,
    /// Before each run, wait up to this many seconds for the machine to be quiet (see
    /// --idle-below), so that a shared machine's other work disturbs the figures less.
    #[arg(long, default_value_t = 0.0)]
    wait_idle: f64,
    /// What --wait-idle counts as quiet: the machine busy under this percentage of one core.
    #[arg(long, default_value_t = 25.0)]
    idle_below: f64,
    /// Give the server the last CPU and this process the others, so that neither takes
    /// CPU time from the other (other processes on the machine still may).
    #[arg(long)]
    pin: bool,
}

impl Args {
    fn server_path(&self) -> PathBuf {
        if let Some(p) = &self.server {
            return p.clone();
        }
        let here = PathBuf::from("target/release/floor");
        if here.exists() {
            return here;
        }
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/release/floor")
    }

    /// The command line that reproduces this run.
    fn command_line(&self) -> String {
        let mut s = format!(
            "target/release/floor-media-bench --listeners {} --seconds {} --warmup {}",
            self.listeners
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(","),
            self.seconds,
            self.warmup
        );
        if let Some(p) = &self.server {
            s += &format!(" --server {}", p.display());
        }
        if self.join_concurrency != 8 {
            s += &format!(" --join-concurrency {}", self.join_concurrency);
        }
        if self.no_baseline {
            s += " --no-baseline";
        }
        if self.pin {
            s += " --pin";
        }
        if self.wait_idle > 0.0 {
            s += &format!(
                " --wait-idle {} --idle-below {}",
                self.wait_idle, self.idle_below
            );
        }
        s
    }
}

/// CPU use over the window, in percent of one core.
#[derive(Debug, Default, Clone, Copy)]
struct Cpu {
    server: f64,
    bench: f64,
    machine: f64,
    server_seconds: f64,
}

struct Snapshot {
    at: Instant,
    server: f64,
    bench: f64,
    machine: procfs::MachineCpu,
    udp: procfs::UdpCounters,
    client: (u64, u64),
    /// Datagrams dropped on arrival at the server's sockets, and at this process's.
    server_udp_drops: u64,
    bench_udp_drops: u64,
}

impl Snapshot {
    fn take(server_pid: Option<u32>) -> anyhow::Result<Snapshot> {
        Ok(Snapshot {
            at: Instant::now(),
            server: match server_pid {
                Some(pid) => procfs::process_cpu_seconds(pid)?,
                None => 0.0,
            },
            bench: procfs::process_cpu_seconds(std::process::id())?,
            machine: procfs::machine_cpu()?,
            udp: procfs::udp_counters(),
            client: logsink::counts(),
            server_udp_drops: server_pid.map(procfs::udp_drops_of).unwrap_or(0),
            bench_udp_drops: procfs::udp_drops_of(std::process::id()),
        })
    }

    fn cpu_since(&self, before: &Snapshot) -> Cpu {
        let wall = self.at.duration_since(before.at).as_secs_f64().max(1e-9);
        let total = self
            .machine
            .total
            .saturating_sub(before.machine.total)
            .max(1) as f64;
        let busy = self.machine.busy.saturating_sub(before.machine.busy) as f64;
        Cpu {
            server: 100.0 * (self.server - before.server) / wall,
            bench: 100.0 * (self.bench - before.bench) / wall,
            machine: 100.0 * cores() as f64 * busy / total,
            server_seconds: self.server - before.server,
        }
    }
}

/// The machine's online CPUs (not only those this process may run on: see --pin).
fn cores() -> usize {
    procfs::online_cpus()
}

/// One run's figures.
#[derive(Debug, Default)]
struct Figures {
    listeners: usize,
    joined: usize,
    peers: usize,
    join_seconds: f64,
    window_seconds: f64,
    total: Outcome,
    mean_loss: f64,
    worst_loss: f64,
    silent_listeners: usize,
    audio: Percentiles,
    video: Percentiles,
    all: Percentiles,
    cpu: Cpu,
    rss_idle_kib: u64,
    rss_end_kib: u64,
    udp_rcvbuf_errors: u64,
    udp_sndbuf_errors: u64,
    /// UDP datagrams sent on the machine in the window, every socket (media, RTCP, STUN).
    udp_out: u64,
    server_udp_drops: u64,
    bench_udp_drops: u64,
    client_queue_drops: u64,
    client_errors: u64,
    first_join_error: Option<String>,
}

impl Figures {
    fn forwarded_per_second(&self) -> f64 {
        self.total.received as f64 / self.window_seconds
    }
    fn expected_per_second(&self) -> f64 {
        self.total.expected as f64 / self.window_seconds
    }
    fn server_us_per_packet(&self) -> Option<f64> {
        (self.total.received > 0)
            .then(|| 1e6 * self.cpu.server_seconds / self.total.received as f64)
    }
    fn rss_per_peer_kib(&self) -> Option<f64> {
        (self.peers > 0)
            .then(|| (self.rss_end_kib as f64 - self.rss_idle_kib as f64) / self.peers as f64)
    }
    /// CPU used by every other process on the machine during the window (% of one core).
    fn others_cpu(&self) -> f64 {
        (self.cpu.machine - self.cpu.server - self.cpu.bench).max(0.0)
    }

    fn verdict(&self) -> String {
        let capacity = 100.0 * cores() as f64;
        let others = self.others_cpu();
        let mut v = Vec::new();
        if self.cpu.machine >= 0.9 * capacity {
            v.push(format!(
                "machine saturated ({:.0}% of {:.0}%)",
                self.cpu.machine, capacity
            ));
            if others >= self.cpu.bench.max(self.cpu.server) {
                v.push("mostly by other processes: the figures are noisy".into());
            } else if self.cpu.bench > self.cpu.server {
                v.push("the client side (this process) uses more CPU than the server: the figures are client-bound".into());
            } else {
                v.push("the server uses most of it".into());
            }
        }
        if self.cpu.server >= 90.0 {
            v.push("the server uses a full core (its SFU is one task on one thread)".into());
        }
        if others > 25.0 {
            v.push(format!(
                "other processes used ~{others:.0}% of a core during the window"
            ));
        }
        if v.is_empty() {
            "nothing saturated".into()
        } else {
            v.join("; ")
        }
    }
}

fn ms(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.1}")).unwrap_or_else(|| "-".into())
}

/// Wait until `ready` holds, checking every 50 ms, for at most `deadline`.
async fn until(deadline: Duration, mut ready: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + deadline;
    while Instant::now() < end {
        if ready() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    ready()
}

/// Wait up to `max` seconds until the machine's busy time over three seconds is under
/// `below` percent of a core (nothing of ours runs in between runs).
async fn wait_idle(max: f64, below: f64) {
    if max <= 0.0 {
        return;
    }
    let end = Instant::now() + Duration::from_secs_f64(max);
    loop {
        let Ok(a) = procfs::machine_cpu() else { return };
        tokio::time::sleep(Duration::from_secs(3)).await;
        let Ok(b) = procfs::machine_cpu() else { return };
        let busy =
            100.0 * cores() as f64 * (b.busy - a.busy) as f64 / (b.total - a.total).max(1) as f64;
        if busy < below {
            return;
        }
        if Instant::now() >= end {
            eprintln!("  the machine is still busy ({busy:.0}% of a core); going ahead");
            return;
        }
    }
}

fn mask(streams: &[(u8, u8)]) -> u64 {
    streams.iter().fold(0, |m, (s, _)| m | (1 << s))
}

struct Listener {
    channel: Option<u8>,
    peer: Peer,
    recorder: Arc<Recorder>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

async fn join_listener(
    server_ws: String,
    meeting: &Meeting,
    index: usize,
    from: Arc<AtomicU64>,
) -> anyhow::Result<Listener> {
    let option = index % OPTIONS;
    let channel = (option > 0).then_some(option as u8);
    let mut peer = Peer::new(false, false, true).await?;
    let mut ws = Ws::connect(&server_ws, meeting.viewer.token()).await?;
    peer.join_server(&mut ws, meeting.id).await?;
    if let Some(c) = channel {
        ws.send(&ClientFrame::MediaListen {
            meeting_id: meeting.id,
            channel: Some(CHANNELS[c as usize - 1].to_string()),
        })
        .await?;
    }
    let recorder = Recorder::new(from);
    let tasks = vec![peer.record(recorder.clone()), ws.keep_open()];
    Ok(Listener {
        channel,
        peer,
        recorder,
        tasks,
    })
}

async fn run(args: &Args, n: usize) -> anyhow::Result<Figures> {
    let path = args.server_path();
    // Raise the per-meeting limit well above what this run connects.
    let server_cpus = args.pin.then(|| vec![cores() - 1]);
    let mut server = Server::start(&path, n + CHANNELS.len() + 1 + 64, server_cpus)?;
    let pid = server.pid;
    let meeting = Meeting::set_up(&server)
        .await
        .context("setting up the meeting")?;
    let rss_idle_kib = procfs::process_rss_kib(pid)?;
    let log = Arc::new(SentLog::default());
    let from = Arc::new(AtomicU64::new(u64::MAX));
    let mut figures = Figures {
        listeners: n,
        rss_idle_kib,
        ..Default::default()
    };

    // The publishers: the floor speaker (voice and camera) and the six live booths.
    let mut publishers = Vec::new();
    let mut tasks = Vec::new();
    let mut speaker = Peer::new(true, true, false).await?;
    let mut ws = Ws::connect(&server.ws_url(), meeting.speaker.token()).await?;
    speaker
        .join_server(&mut ws, meeting.id)
        .await
        .context("the speaker joins")?;
    tasks.push(speaker.publish(FLOOR_AUDIO, log.clone()).await?);
    tasks.push(ws.keep_open());
    publishers.push(speaker);
    for (i, who) in meeting.interpreters.iter().enumerate() {
        let mut booth = Peer::new(true, false, false).await?;
        let mut ws = Ws::connect(&server.ws_url(), who.token()).await?;
        booth
            .join_server(&mut ws, meeting.id)
            .await
            .with_context(|| format!("the {} booth joins", CHANNELS[i]))?;
        tasks.push(booth.publish(i as u8 + 1, log.clone()).await?);
        tasks.push(ws.keep_open());
        publishers.push(booth);
    }

    // The listeners, a few at a time.
    let started = Instant::now();
    let ws_url = server.ws_url();
    let joins: Vec<anyhow::Result<Listener>> = futures_util::stream::iter(0..n)
        .map(|i| join_listener(ws_url.clone(), &meeting, i, from.clone()))
        .buffer_unordered(args.join_concurrency.max(1))
        .collect()
        .await;
    figures.join_seconds = started.elapsed().as_secs_f64();
    let mut listeners = Vec::new();
    for j in joins {
        match j {
            Ok(l) => listeners.push(l),
            Err(e) => {
                figures.first_join_error.get_or_insert(format!("{e:#}"));
            }
        }
    }
    figures.joined = listeners.len();
    figures.peers = publishers.len() + listeners.len();
    eprintln!(
        "  {} of {n} listeners joined in {:.1} s{}",
        figures.joined,
        figures.join_seconds,
        figures
            .first_join_error
            .as_ref()
            .map(|e| format!(" (first failure: {e})"))
            .unwrap_or_default()
    );

    // Everyone hears all their streams, then the warm-up, then the window.
    let all_heard = until(FIRST_PACKET_DEADLINE, || {
        listeners.iter().all(|l| {
            let want = mask(&expected_streams(l.channel));
            l.recorder.streams_seen.load(Ordering::Relaxed) & want == want
        })
    })
    .await;
    if !all_heard {
        eprintln!("  not every listener hears all its streams yet; measuring anyway");
    }
    tokio::time::sleep(Duration::from_secs_f64(args.warmup)).await;
    let t0 = now_ns();
    from.store(t0, Ordering::Relaxed);
    let before = Snapshot::take(Some(pid))?;
    tokio::time::sleep(Duration::from_secs_f64(args.seconds)).await;
    let t1 = now_ns();
    let after = Snapshot::take(Some(pid))?;
    figures.rss_end_kib = procfs::process_rss_kib(pid)?;
    tokio::time::sleep(GRACE).await;
    if !server.alive() {
        bail!(
            "the server exited during the run; its log:\n{}",
            server.log_tail()
        );
    }

    figures.window_seconds = (t1 - t0) as f64 / 1e9;
    figures.cpu = after.cpu_since(&before);
    figures.udp_rcvbuf_errors = after.udp.rcvbuf_errors - before.udp.rcvbuf_errors;
    figures.udp_sndbuf_errors = after.udp.sndbuf_errors - before.udp.sndbuf_errors;
    figures.udp_out = after.udp.out_datagrams - before.udp.out_datagrams;
    figures.client_queue_drops = after.client.0 - before.client.0;
    figures.client_errors = after.client.1 - before.client.1;
    figures.server_udp_drops = after
        .server_udp_drops
        .saturating_sub(before.server_udp_drops);
    figures.bench_udp_drops = after.bench_udp_drops.saturating_sub(before.bench_udp_drops);
    let mut delays = Delays::default();
    let mut losses = Vec::new();
    for l in &listeners {
        let packets = l.recorder.take();
        let o = analyse(
            &expected_streams(l.channel),
            &packets,
            (t0, t1),
            |s| log.sent_between(s, t0, t1),
            true,
            &mut delays,
        );
        figures.total.expected += o.expected;
        figures.total.received += o.received;
        figures.total.misrouted += o.misrouted;
        figures.total.silent_streams += o.silent_streams;
        if o.silent_streams > 0 {
            figures.silent_listeners += 1;
        }
        losses.push(o.loss());
    }
    figures.mean_loss = losses.iter().sum::<f64>() / losses.len().max(1) as f64;
    figures.worst_loss = losses.iter().copied().fold(0.0, f64::max);
    figures.all = percentiles(delays.all());
    figures.audio = percentiles(delays.audio);
    figures.video = percentiles(delays.video);

    for t in tasks {
        t.abort();
    }
    for l in &listeners {
        for t in &l.tasks {
            t.abort();
        }
        l.peer.close().await;
    }
    for p in &publishers {
        p.close().await;
    }
    drop(server);
    Ok(figures)
}

/// Two peers of this process connected directly, without the server: the client stacks'
/// own delay, to subtract.
async fn baseline(args: &Args) -> anyhow::Result<Figures> {
    let log = Arc::new(SentLog::default());
    let from = Arc::new(AtomicU64::new(u64::MAX));
    let mut publisher = Peer::new(true, true, false).await?;
    let mut receiver = Peer::new(false, false, false).await?;
    publisher.join_direct(&mut receiver).await?;
    let recorder = Recorder::new(from.clone());
    let record = receiver.record(recorder.clone());
    let publish = publisher.publish(FLOOR_AUDIO, log.clone()).await?;
    let expected = expected_streams(None);
    let want = mask(&expected);
    if !until(FIRST_PACKET_DEADLINE, || {
        recorder.streams_seen.load(Ordering::Relaxed) & want == want
    })
    .await
    {
        bail!("the direct connection carries no media");
    }
    tokio::time::sleep(Duration::from_secs_f64(args.warmup)).await;
    let t0 = now_ns();
    from.store(t0, Ordering::Relaxed);
    let before = Snapshot::take(None)?;
    tokio::time::sleep(Duration::from_secs_f64(args.seconds)).await;
    let t1 = now_ns();
    let after = Snapshot::take(None)?;
    tokio::time::sleep(GRACE).await;
    let mut delays = Delays::default();
    let o = analyse(
        &expected,
        &recorder.take(),
        (t0, t1),
        |s| log.sent_between(s, t0, t1),
        false,
        &mut delays,
    );
    publish.abort();
    record.abort();
    publisher.close().await;
    receiver.close().await;
    Ok(Figures {
        listeners: 1,
        joined: 1,
        peers: 2,
        window_seconds: (t1 - t0) as f64 / 1e9,
        total: o,
        mean_loss: o.loss(),
        worst_loss: o.loss(),
        silent_listeners: usize::from(o.silent_streams > 0),
        all: percentiles(delays.all()),
        audio: percentiles(delays.audio),
        video: percentiles(delays.video),
        cpu: after.cpu_since(&before),
        client_queue_drops: after.client.0 - before.client.0,
        client_errors: after.client.1 - before.client.1,
        ..Default::default()
    })
}

fn print_results(args: &Args, base: Option<&Figures>, runs: &[Figures]) {
    println!();
    println!("## Results");
    println!();
    println!(
        "Streams: floor voice (Opus-sized, 60-120 B every 20 ms), floor video ({} B x {} per 20 ms = {} pkt/s), \
         six interpretation channels (Opus-sized). Listener i follows the floor only (i mod 7 = 0) or channel i mod 7.",
        peer::VIDEO_PAYLOAD,
        peer::VIDEO_PACKETS_PER_TICK,
        peer::VIDEO_PACKETS_PER_TICK * 50
    );
    println!(
        "Window {} s after {} s of warm-up; {} cores; client runtime: tokio multi-thread, {} workers; {}.",
        args.seconds,
        args.warmup,
        cores(),
        if args.pin { cores() - 1 } else { cores() },
        if args.pin {
            format!(
                "pinned: the server on CPU {}, this process on the others",
                cores() - 1
            )
        } else {
            "not pinned: the server and this process share every CPU".to_string()
        }
    );
    println!();
    println!("| listeners | joined | peers | expected pkt/s | delivered pkt/s | loss mean / worst | delay p50 / p99 ms (audio) | (video) | p50 over p2p ms | server CPU % | server µs/pkt | server RSS KiB/peer | bench CPU % | other processes CPU % |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    if let Some(b) = base {
        println!(
            "| p2p baseline | - | 2 | {:.0} | {:.0} | {:.2}% / {:.2}% | {} / {} | {} / {} | 0 | - | - | - | {:.0} | {:.0} |",
            b.expected_per_second(),
            b.forwarded_per_second(),
            100.0 * b.mean_loss,
            100.0 * b.worst_loss,
            ms(b.audio.p50),
            ms(b.audio.p99),
            ms(b.video.p50),
            ms(b.video.p99),
            b.cpu.bench,
            b.others_cpu(),
        );
    }
    for f in runs {
        let over = match (base.and_then(|b| b.all.p50), f.all.p50) {
            (Some(b), Some(x)) => format!("{:+.1}", x - b),
            _ => "-".into(),
        };
        println!(
            "| {} | {} | {} | {:.0} | {:.0} | {:.2}% / {:.2}% | {} / {} | {} / {} | {} | {:.0} | {} | {} | {:.0} | {:.0} |",
            f.listeners,
            f.joined,
            f.peers,
            f.expected_per_second(),
            f.forwarded_per_second(),
            100.0 * f.mean_loss,
            100.0 * f.worst_loss,
            ms(f.audio.p50),
            ms(f.audio.p99),
            ms(f.video.p50),
            ms(f.video.p99),
            over,
            f.cpu.server,
            f.server_us_per_packet()
                .map(|v| format!("{v:.1}"))
                .unwrap_or_else(|| "-".into()),
            f.rss_per_peer_kib()
                .map(|v| format!("{v:.0}"))
                .unwrap_or_else(|| "-".into()),
            f.cpu.bench,
            f.others_cpu(),
        );
    }
    println!();
    println!("Details:");
    if let Some(b) = base {
        println!(
            "- p2p baseline: all packets p50 {} ms, p99 {} ms; client queue drops {}",
            ms(b.all.p50),
            ms(b.all.p99),
            b.client_queue_drops
        );
    }
    for f in runs {
        println!(
            "- N={}: joined {}/{} in {:.1} s; all packets p50 {} ms, p99 {} ms; server RSS {} -> {} KiB; \
             misrouted {}; listeners with a silent stream {}; \
             UDP datagrams sent {:.0}/s, of which not delivered media {:.0}/s (publishers' packets, RTCP, STUN, retransmissions); \
             UDP RcvbufErrors {} SndbufErrors {} (machine-wide); \
             datagrams dropped on arrival: server socket {}, bench sockets {}; \
             client queue drops {}, other client errors {}; server CPU {:.2} s in a {:.1} s window; {}",
            f.listeners,
            f.joined,
            f.listeners,
            f.join_seconds,
            ms(f.all.p50),
            ms(f.all.p99),
            f.rss_idle_kib,
            f.rss_end_kib,
            f.total.misrouted,
            f.silent_listeners,
            f.udp_out as f64 / f.window_seconds,
            (f.udp_out as f64 - f.total.received as f64) / f.window_seconds,
            f.udp_rcvbuf_errors,
            f.udp_sndbuf_errors,
            f.server_udp_drops,
            f.bench_udp_drops,
            f.client_queue_drops,
            f.client_errors,
            f.cpu.server_seconds,
            f.window_seconds,
            f.verdict()
        );
        if let Some(e) = &f.first_join_error {
            println!("  first join failure: {e}");
        }
    }
    for w in runs.windows(2) {
        let packets = w[1].total.received as f64 - w[0].total.received as f64;
        if packets > 0.0 {
            println!(
                "- marginal server CPU from N={} to N={}: {:.1} µs per additional delivered packet",
                w[0].listeners,
                w[1].listeners,
                1e6 * (w[1].cpu.server_seconds - w[0].cpu.server_seconds) / packets
            );
        }
        let peers = w[1].peers as f64 - w[0].peers as f64;
        if peers > 0.0 {
            println!(
                "- marginal server RSS from N={} to N={}: {:.0} KiB per additional peer",
                w[0].listeners,
                w[1].listeners,
                (w[1].rss_end_kib as f64 - w[0].rss_end_kib as f64) / peers
            );
        }
    }
    println!();
    println!("- delivered pkt/s: packets received by the listeners (each once, on the right slot), sent in the window; the server does not publish its own forwarding counters, so this stands for \"forwarded\".");
    println!("- delay: receive time minus the send time in the payload, one process clock: it includes both client WebRTC stacks (publisher and listener) as well as the server; \"p50 over p2p\" subtracts the all-packet p50 of a direct connection between two peers of this process.");
    println!("- server µs/pkt: server user+system CPU time in the window (/proc/<pid>/stat) divided by the delivered packets.");
    println!("- server RSS KiB/peer: server VmRSS at the end of the window minus before any media peer joined, divided by the media peers (publishers and listeners).");
    println!(
        "- CPU %: of one core ({} cores = {}%); other processes: the machine's busy time (/proc/stat) minus the server's and this process's.",
        cores(),
        cores() * 100
    );
    println!();
    println!("Reproduce:");
    println!();
    println!("    cargo build --release -p floor-server -p floor-bench");
    println!("    {}", args.command_line());
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let cpus = cores();
    if args.pin {
        if cpus < 2 {
            eprintln!("floor-media-bench: --pin needs at least two CPUs");
            return std::process::ExitCode::from(2);
        }
        // Before the runtime starts, so that every worker thread inherits it.
        if let Err(e) = procfs::pin_to(&(0..cpus - 1).collect::<Vec<_>>()) {
            eprintln!("floor-media-bench: pinning: {e}");
            return std::process::ExitCode::from(2);
        }
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(if args.pin { cpus - 1 } else { cpus })
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("floor-media-bench: starting the runtime: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    runtime.block_on(run_all(args))
}

async fn run_all(args: Args) -> std::process::ExitCode {
    logsink::install(args.client_log);
    peer::epoch();
    // On Ctrl-C or SIGTERM, dropping the run stops the server and removes its folder.
    let outcome = tokio::select! {
        r = bench(&args) => r,
        _ = interrupted() => Err(anyhow::anyhow!("interrupted")),
    };
    match outcome {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::from(1),
        Err(e) => {
            eprintln!("floor-media-bench: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}

async fn interrupted() {
    let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(t) => t,
        Err(_) => return std::future::pending().await,
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}

/// Run everything; whether every listener joined and heard all its streams.
async fn bench(args: &Args) -> anyhow::Result<bool> {
    if args.listeners.is_empty() || args.seconds <= 0.0 {
        bail!("give at least one listener count and a positive window");
    }
    let path = args.server_path();
    if !path.exists() {
        bail!(
            "no server binary at {}; build it with `cargo build --release -p floor-server` or pass --server",
            path.display()
        );
    }
    eprintln!("server binary: {}", path.display());
    let base = if args.no_baseline {
        None
    } else {
        wait_idle(args.wait_idle, args.idle_below).await;
        eprintln!("p2p baseline: two peers of this process, no server ...");
        match baseline(args).await {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("  the baseline failed: {e:#}");
                None
            }
        }
    };
    let mut runs = Vec::new();
    for &n in &args.listeners {
        wait_idle(args.wait_idle, args.idle_below).await;
        eprintln!("N = {n} listeners: a fresh server ...");
        runs.push(
            run(args, n)
                .await
                .with_context(|| format!("the run with {n} listeners"))?,
        );
    }
    print_results(args, base.as_ref(), &runs);
    let complete = runs
        .iter()
        .all(|f| f.joined == f.listeners && f.silent_listeners == 0 && f.total.received > 0);
    if !complete {
        eprintln!("floor-media-bench: some listeners did not join or heard nothing on a stream they follow");
    }
    Ok(complete)
}

#[cfg(test)]
mod tests {
    use super::*;
    use peer::VIDEO;

    #[test]
    fn listener_counts_are_repeatable_or_comma_separated() {
        let a = Args::parse_from([
            "floor-media-bench",
            "--listeners",
            "50,100",
            "--listeners",
            "200",
            "--seconds",
            "1",
        ]);
        assert_eq!(a.listeners, vec![50, 100, 200]);
        assert_eq!(a.seconds, 1.0);
        assert!(a
            .command_line()
            .starts_with("target/release/floor-media-bench --listeners 50,100,200 --seconds 1"));
        let d = Args::parse_from(["floor-media-bench"]);
        assert_eq!((d.listeners, d.seconds), (vec![10], 10.0));
    }

    #[test]
    fn listeners_go_round_robin_over_the_floor_and_the_six_channels() {
        let channels: Vec<Option<u8>> = (0..8)
            .map(|i| {
                let o = i % OPTIONS;
                (o > 0).then_some(o as u8)
            })
            .collect();
        assert_eq!(
            channels,
            vec![
                None,
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                None
            ]
        );
        assert_eq!(mask(&expected_streams(None)), 1 | (1 << VIDEO));
    }
}
