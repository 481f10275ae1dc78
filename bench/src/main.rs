//! `floor-media-bench`: load the real server's SFU with one floor speaker (voice and a
//! 1.5 Mbit/s camera), six live interpretation channels and N listeners, and report what
//! it forwards, what is lost, the delay it adds, and its CPU and memory cost.
//!
//! Everything runs on this machine: the server is a child process (`floor`, a release
//! build), and every client peer (publishers and listeners) is a real WebRTC peer of the
//! `webrtc` crate in this process, on its own UDP socket. See BENCHMARKS.md.
//!
//! With `--sfu floor,janus` the same load runs against Janus's VideoRoom plugin too, in
//! the same invocation, each listener count against one SFU and then the other, and the
//! figures are printed side by side with their ratio. Both then run the same way: in a
//! network namespace of their own behind a veth pair (Janus gathers no ICE candidate on
//! loopback; see `floor_bench::netns`), on the same CPUs, with their CPU time read from
//! `/proc` of the server process itself; each listener receives the same streams from
//! either (see `sfu.rs`), and only what it receives is counted.
//!
//! With `--listener light` the listeners are light ones (`floor_testkit::peer::light`):
//! ICE and DTLS with the `rtc` stack, then the SRTP packets counted by their clear RTP
//! header, never decrypted, all of them driven by one thread. They cost the tool far less
//! CPU, so it can load the server with many more of them, but they measure delivery and
//! loss only, not delay.

mod janus;
mod logsink;
mod meeting;
mod sfu;
mod stats;

use anyhow::{bail, Context};
use clap::Parser;
use floor_bench::netns::{self, Veth};
use floor_bench::results::{self, DelayMs, Report};
use floor_bench::{procfs, server};
use floor_testkit::peer::light::{DriverStats, LightDriver};
use floor_testkit::peer::timed::{self, now_ns, Recorder, SentLog, FLOOR_AUDIO};
use futures_util::StreamExt;
use meeting::CHANNELS;
use sfu::{Ears, Kind, Listener, Target};
use stats::{analyse, analyse_light, expected_streams, percentiles, Delays, Outcome, Percentiles};
use std::net::{IpAddr, Ipv4Addr};
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
    /// The SFUs to load, each listener count against each in this order (comma-separate:
    /// floor,janus). Janus is Debian's `janus`, its VideoRoom plugin.
    #[arg(long = "sfu", value_enum, value_delimiter = ',', default_values_t = [Kind::Floor])]
    sfus: Vec<Kind>,
    /// Where the SFU runs: `veth` in a network namespace of its own (needs root and
    /// iproute2), `loopback` on 127.0.0.1, `auto` for veth when Janus is among the SFUs
    /// (it cannot run on loopback) and loopback otherwise.
    #[arg(long, value_enum, default_value_t = Net::Auto)]
    net: Net,
    /// The `janus` binary.
    #[arg(long, default_value = "/usr/bin/janus")]
    janus: PathBuf,
    /// Janus's shared event loops (its `event_loops`); default: as many as CPUs the server
    /// may use (1 with --pin). 0 keeps Janus's own default, a thread per PeerConnection.
    #[arg(long)]
    janus_event_loops: Option<usize>,
    /// Go over every listener count and SFU this many times.
    #[arg(long, default_value_t = 1)]
    rounds: u32,
    /// Also write the figures to this file as JSON (for floor-media-plot).
    #[arg(long)]
    json: Option<PathBuf>,
    /// The listeners: `full` WebRTC peers that decrypt every packet and measure its delay,
    /// or `light` ones that count packets by their clear RTP header (loss, no delay), all
    /// driven by one thread, so that the tool can drive many more.
    #[arg(long, value_enum, default_value_t = ListenerKind::Full)]
    listener: ListenerKind,
    /// Let the publishers start sending only once every listener has joined. When the
    /// server's SFU core is saturated by forwarding, joins (ICE and DTLS on the same task)
    /// slow to a crawl: here, of 500 light listeners joining while the media flowed, about
    /// 420 had joined after 9 minutes. This measures forwarding to N listeners however long
    /// joining under load would take.
    #[arg(long)]
    publish_after_join: bool,
    /// Floor nodes sharing the meeting's media (one cluster: a PostgreSQL database and a
    /// Redis channel of their own; loopback only): the publishers join the first, the
    /// listeners go round the nodes, and the server figures are the nodes' sums. With
    /// --pin, node k runs on CPU (CPUs - 1 - k), which needs a CPU more than nodes.
    #[arg(long, default_value_t = 1)]
    nodes: usize,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ListenerKind {
    #[default]
    Full,
    Light,
}

impl ListenerKind {
    fn name(self) -> &'static str {
        match self {
            ListenerKind::Full => "full",
            ListenerKind::Light => "light",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Net {
    Auto,
    Loopback,
    Veth,
}

impl Args {
    /// Whether the SFUs run behind the veth pair.
    fn veth(&self) -> bool {
        match self.net {
            Net::Veth => true,
            Net::Loopback => false,
            Net::Auto => self.sfus.contains(&Kind::Janus),
        }
    }

    /// The CPUs the server gets, if pinned.
    fn server_cpus(&self) -> Option<Vec<usize>> {
        self.node_cpus(0)
    }

    /// The CPUs node `k` of a cluster gets, if pinned.
    fn node_cpus(&self, k: usize) -> Option<Vec<usize>> {
        self.pin.then(|| vec![cores() - 1 - k])
    }

    fn janus_event_loops(&self) -> usize {
        self.janus_event_loops
            .unwrap_or(if self.pin { 1 } else { cores() })
    }

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
        let mut s = String::from("target/release/floor-media-bench");
        if self.sfus != [Kind::Floor] {
            s += &format!(
                " --sfu {}",
                self.sfus
                    .iter()
                    .map(|k| k.name())
                    .collect::<Vec<_>>()
                    .join(",")
            );
        }
        if self.nodes > 1 {
            s += &format!(" --nodes {}", self.nodes);
        }
        s += &format!(
            " --listeners {} --seconds {} --warmup {}",
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
        match self.net {
            Net::Auto => {}
            Net::Loopback => s += " --net loopback",
            Net::Veth => s += " --net veth",
        }
        if self.sfus.contains(&Kind::Janus) {
            if self.janus.as_path() != std::path::Path::new("/usr/bin/janus") {
                s += &format!(" --janus {}", self.janus.display());
            }
            if let Some(l) = self.janus_event_loops {
                s += &format!(" --janus-event-loops {l}");
            }
        }
        if self.rounds != 1 {
            s += &format!(" --rounds {}", self.rounds);
        }
        if self.listener != ListenerKind::Full {
            s += &format!(" --listener {}", self.listener.name());
        }
        if self.publish_after_join {
            s += " --publish-after-join";
        }
        if let Some(j) = &self.json {
            s += &format!(" --json {}", j.display());
        }
        s
    }
}

/// CPU use over the window, in percent of one core.
#[derive(Debug, Default, Clone)]
struct Cpu {
    server: f64,
    bench: f64,
    machine: f64,
    server_seconds: f64,
    /// Each server process's share of `server` (one per node), in % of one core.
    server_each: Vec<f64>,
}

struct Snapshot {
    at: Instant,
    /// Each server process's CPU seconds.
    server: Vec<f64>,
    bench: f64,
    machine: procfs::MachineCpu,
    udp: procfs::UdpCounters,
    client: (u64, u64),
    /// Datagrams dropped on arrival at the server's sockets, and at this process's.
    server_udp_drops: u64,
    bench_udp_drops: u64,
}

impl Snapshot {
    /// The machine's counters and those of the server processes `server_pids` (none for a
    /// run without a server; every node of a cluster).
    fn take(server_pids: &[u32]) -> anyhow::Result<Snapshot> {
        let mut server = Vec::new();
        for &pid in server_pids {
            server.push(procfs::process_cpu_seconds(pid)?);
        }
        // The nodes of a cluster share one namespace; a server in a namespace of its own
        // runs alone.
        let server_pid = server_pids.first().copied();
        Ok(Snapshot {
            at: Instant::now(),
            server,
            bench: procfs::process_cpu_seconds(std::process::id())?,
            machine: procfs::machine_cpu()?,
            // This namespace's counters, and the server's if it has a namespace of its own.
            udp: procfs::udp_counters()
                + match server_pid {
                    Some(pid) if !netns::same_netns(pid) => procfs::udp_counters_of(pid),
                    _ => Default::default(),
                },
            client: logsink::counts(),
            server_udp_drops: server_pids.iter().map(|&p| procfs::udp_drops_of(p)).sum(),
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
        let server_each: Vec<f64> = self
            .server
            .iter()
            .zip(&before.server)
            .map(|(after, before)| 100.0 * (after - before) / wall)
            .collect();
        let server_seconds: f64 = self
            .server
            .iter()
            .zip(&before.server)
            .map(|(after, before)| after - before)
            .sum();
        Cpu {
            server: 100.0 * server_seconds / wall,
            bench: 100.0 * (self.bench - before.bench) / wall,
            machine: 100.0 * cores() as f64 * busy / total,
            server_seconds,
            server_each,
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
    sfu: Kind,
    round: u32,
    /// `loopback` or `veth`.
    network: &'static str,
    server_threads: Option<u64>,
    listeners: usize,
    /// Floor nodes sharing the meeting (1: one server).
    nodes: usize,
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
    listener: ListenerKind,
    /// Light listeners only.
    light: Option<LightFigures>,
}

/// What only light listeners report.
#[derive(Debug, Default, Clone, Copy)]
struct LightFigures {
    /// The sequence numbers the listeners' slots spanned in the window.
    span: u64,
    duplicates: u64,
    out_of_order: u64,
    /// The driver thread's CPU time in the window, in seconds.
    driver_seconds: Option<f64>,
    /// The driver's own counts over the whole run.
    driver: DriverStats,
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
    /// This process's CPU time per listener, in percent of one core.
    fn bench_percent_per_listener(&self) -> Option<f64> {
        (self.joined > 0).then(|| self.cpu.bench / self.joined as f64)
    }
    /// This process's CPU time per delivered packet, in microseconds.
    fn bench_us_per_packet(&self) -> Option<f64> {
        (self.total.received > 0).then(|| {
            1e6 * self.cpu.bench / 100.0 * self.window_seconds / self.total.received as f64
        })
    }
    fn driver_percent(&self) -> Option<f64> {
        self.light
            .and_then(|l| l.driver_seconds)
            .map(|s| 100.0 * s / self.window_seconds.max(1e-9))
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

/// The stream publisher `index` sends: the floor's voice, or a booth's channel.
fn stream_of(index: usize) -> u8 {
    if index == 0 {
        FLOOR_AUDIO
    } else {
        index as u8
    }
}

/// The slots of `streams`, a bit each.
fn slot_mask(streams: &[(u8, u8)]) -> u64 {
    streams.iter().fold(0, |m, (_, slot)| m | (1 << slot))
}

/// Open (`start`) or close the window of every light listener's counts.
fn mark_light(listeners: &[Listener], start: bool) {
    for l in listeners {
        if let Ears::Light(light) = &l.ears {
            let mut c = light.counts.lock().unwrap_or_else(|p| p.into_inner());
            if start {
                c.mark_start();
            } else {
                c.mark_end();
            }
        }
    }
}

/// Where the peers' sockets are: 127.0.0.1, or this side of the veth pair.
fn local_ip(veth: Option<&Veth>) -> IpAddr {
    veth.map(|v| IpAddr::V4(v.tool_ip))
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

/// The listening option of listener `index`, round robin: the floor only, then each
/// interpretation channel (1 to 6).
fn channel_of(index: usize) -> Option<u8> {
    let option = index % OPTIONS;
    (option > 0).then_some(option as u8)
}

/// Start `sfu` for `n` listeners.
async fn start(args: &Args, sfu: Kind, n: usize, veth: Option<&Veth>) -> anyhow::Result<Target> {
    match sfu {
        // Raise the per-meeting limit well above what this run connects.
        Kind::Floor if args.nodes > 1 => {
            if veth.is_some() {
                bail!("several nodes run on loopback only (--net loopback)");
            }
            Target::floor_cluster(
                &args.server_path(),
                n + CHANNELS.len() + 1 + 64,
                (0..args.nodes).map(|k| args.node_cpus(k)).collect(),
            )
            .await
        }
        Kind::Floor => {
            Target::floor(
                &args.server_path(),
                n + CHANNELS.len() + 1 + 64,
                args.server_cpus(),
                veth,
            )
            .await
        }
        Kind::Janus => {
            let veth = veth.context(
                "Janus runs only behind the veth pair (it needs a non-loopback address)",
            )?;
            let config = janus::Config {
                ip: veth.sfu_ip,
                http_port: janus::HTTP_PORT,
                event_loops: args.janus_event_loops(),
                debug_level: 3,
                modules: janus::find_modules()?,
            };
            Target::janus(&args.janus, &config, args.server_cpus(), veth).await
        }
    }
}

/// Check that `pid`, whose CPU time is read, is the server itself (not a wrapper), and
/// that it runs in a network namespace of its own if it should.
fn check_server_process(pid: u32, binary: &std::path::Path, own_netns: bool) -> anyhow::Result<()> {
    let exe = std::fs::read_link(format!("/proc/{pid}/exe"))
        .with_context(|| format!("reading /proc/{pid}/exe"))?;
    let expected = binary
        .canonicalize()
        .unwrap_or_else(|_| binary.to_path_buf());
    if exe != expected {
        bail!(
            "process {pid} runs {}, not the server {}: its CPU time would not be the server's",
            exe.display(),
            expected.display()
        );
    }
    if own_netns == netns::same_netns(pid) {
        bail!(
            "the server (pid {pid}) is {} network namespace as this process",
            if own_netns {
                "in the same"
            } else {
                "not in the same"
            }
        );
    }
    Ok(())
}

async fn run(
    args: &Args,
    sfu: Kind,
    n: usize,
    round: u32,
    veth: Option<&Veth>,
) -> anyhow::Result<Figures> {
    let local = local_ip(veth);
    let mut target = start(args, sfu, n, veth).await?;
    let pids = target.pids();
    let binary = match sfu {
        Kind::Floor => args.server_path(),
        Kind::Janus => args.janus.clone(),
    };
    let mut rss_idle_kib = 0;
    for &pid in &pids {
        check_server_process(pid, &binary, veth.is_some())?;
        rss_idle_kib += procfs::process_rss_kib(pid)?;
    }
    let log = Arc::new(SentLog::default());
    let from = Arc::new(AtomicU64::new(u64::MAX));
    let mut figures = Figures {
        sfu,
        round,
        network: if veth.is_some() { "veth" } else { "loopback" },
        listeners: n,
        nodes: pids.len(),
        rss_idle_kib,
        ..Default::default()
    };

    // The publishers: the floor speaker (voice and camera) and the six live booths.
    let mut publishers = Vec::new();
    let mut tasks = Vec::new();
    for index in 0..=CHANNELS.len() {
        let mut peer = sfu::new_peer(true, index == 0, false, local).await?;
        if let Some(keep) = target.join_publisher(index, &mut peer).await? {
            tasks.push(keep);
        }
        if !args.publish_after_join {
            tasks.push(peer.publish(stream_of(index), log.clone()).await?);
        }
        publishers.push(peer);
    }

    // The listeners, a few at a time; light ones all on one driver thread.
    let driver = match args.listener {
        ListenerKind::Light => Some(LightDriver::start()?),
        ListenerKind::Full => None,
    };
    let started = Instant::now();
    let joins: Vec<anyhow::Result<Listener>> = futures_util::stream::iter(0..n)
        .map(|i| target.join_listener(i, channel_of(i), local, from.clone(), driver.as_ref()))
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
    if args.publish_after_join {
        for (index, peer) in publishers.iter().enumerate() {
            tasks.push(peer.publish(stream_of(index), log.clone()).await?);
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
        listeners.iter().all(|l| match &l.ears {
            Ears::Full { recorder, .. } => {
                let want = mask(&expected_streams(l.channel));
                recorder.streams_seen.load(Ordering::Relaxed) & want == want
            }
            Ears::Light(light) => {
                let want = slot_mask(&expected_streams(l.channel));
                light.slots_seen.load(Ordering::Relaxed) & want == want
            }
        })
    })
    .await;
    if !all_heard {
        eprintln!("  not every listener hears all its streams yet; measuring anyway");
    }
    tokio::time::sleep(Duration::from_secs_f64(args.warmup)).await;
    let driver_cpu = || {
        driver
            .as_ref()
            .and_then(|d| procfs::thread_cpu_seconds(std::process::id(), d.thread_id()).ok())
    };
    let t0 = now_ns();
    from.store(t0, Ordering::Relaxed);
    mark_light(&listeners, true);
    let before = Snapshot::take(&pids)?;
    let driver_before = driver_cpu();
    tokio::time::sleep(Duration::from_secs_f64(args.seconds)).await;
    let t1 = now_ns();
    mark_light(&listeners, false);
    let after = Snapshot::take(&pids)?;
    let driver_after = driver_cpu();
    for &pid in &pids {
        figures.rss_end_kib += procfs::process_rss_kib(pid)?;
    }
    figures.server_threads = procfs::threads_of(pids[0]);
    tokio::time::sleep(GRACE).await;
    if !target.alive() {
        bail!(
            "the server exited during the run; its log:\n{}",
            target.log_tail()
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
    let mut light = LightFigures::default();
    for l in &listeners {
        let o = match &l.ears {
            Ears::Full { recorder, .. } => analyse(
                &expected_streams(l.channel),
                &recorder.take(),
                (t0, t1),
                |s| log.sent_between(s, t0, t1),
                // Floor's slots are its own; Janus's m-lines are what each listener asked for.
                sfu == Kind::Floor,
                &mut delays,
            ),
            Ears::Light(ears) => {
                let windows = ears
                    .counts
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .window();
                let o = analyse_light(&expected_streams(l.channel), &windows, |s| {
                    log.sent_between(s, t0, t1)
                });
                light.span += o.span;
                light.duplicates += o.duplicates;
                light.out_of_order += o.out_of_order;
                o.outcome
            }
        };
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
        if let Ears::Full { peer, .. } = &l.ears {
            peer.close().await;
        }
    }
    if let Some(d) = driver {
        light.driver = d.stop();
        light.driver_seconds = driver_before.zip(driver_after).map(|(a, b)| b - a);
        figures.light = Some(light);
    }
    figures.listener = args.listener;
    for p in &publishers {
        p.close().await;
    }
    drop(listeners);
    drop(target);
    Ok(figures)
}

/// Two peers of this process connected directly, without the server: the client stacks'
/// own delay, to subtract.
async fn baseline(args: &Args) -> anyhow::Result<Figures> {
    let log = Arc::new(SentLog::default());
    let from = Arc::new(AtomicU64::new(u64::MAX));
    let here = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let mut publisher = sfu::new_peer(true, true, false, here).await?;
    let mut receiver = sfu::new_peer(false, false, false, here).await?;
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
    let before = Snapshot::take(&[])?;
    tokio::time::sleep(Duration::from_secs_f64(args.seconds)).await;
    let t1 = now_ns();
    let after = Snapshot::take(&[])?;
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

fn print_results(args: &Args, base: Option<&Figures>, runs: &[Figures], veth: Option<&Veth>) {
    println!();
    println!("## Results");
    println!();
    println!(
        "Streams: floor voice (Opus-sized, 60-120 B every 20 ms), floor video ({} B x {} per 20 ms = {} pkt/s), \
         six interpretation channels (Opus-sized). Listener i follows the floor only (i mod 7 = 0) or channel i mod 7.",
        timed::VIDEO_PAYLOAD,
        timed::VIDEO_PACKETS_PER_TICK,
        timed::VIDEO_PACKETS_PER_TICK * 50
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
    match veth {
        Some(v) => println!(
            "Network: the SFU in network namespace {} at {}, the peers here at {}, across a veth pair.",
            v.name, v.sfu_ip, v.tool_ip
        ),
        None => println!("Network: loopback (127.0.0.1)."),
    }
    if args.sfus.contains(&Kind::Janus) {
        println!(
            "Janus: {}, VideoRoom plugin, HTTP transport, {}.",
            args.janus.display(),
            match args.janus_event_loops() {
                0 => "a thread per PeerConnection (its default)".to_string(),
                l => format!("event_loops = {l}"),
            }
        );
    }
    println!();
    println!("| SFU | listeners | joined | peers | expected pkt/s | delivered pkt/s | loss mean / worst | delay p50 / p99 ms (audio) | (video) | p50 over p2p ms | server CPU % | server µs/pkt | server RSS KiB/peer | bench CPU % | other processes CPU % |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    if let Some(b) = base {
        println!(
            "| - | p2p baseline | - | 2 | {:.0} | {:.0} | {:.2}% / {:.2}% | {} / {} | {} / {} | 0 | - | - | - | {:.0} | {:.0} |",
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
            _ if f.light.is_some() => "–".into(),
            _ => "-".into(),
        };
        // Light listeners do not read the send time in the payload: no delay.
        let ms = |x: Option<f64>| {
            if f.light.is_some() {
                "–".to_string()
            } else {
                ms(x)
            }
        };
        println!(
            "| {}{} | {} | {} | {} | {:.0} | {:.0} | {:.2}% / {:.2}% | {} / {} | {} / {} | {} | {:.0} | {} | {} | {:.0} | {:.0} |",
            f.sfu.title(),
            if f.light.is_some() { ", light listeners" } else { "" },
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
            "- {} N={}{}: joined {}/{} in {:.1} s; all packets p50 {} ms, p99 {} ms; server RSS {} -> {} KiB, {} threads; \
             misrouted {}; listeners with a silent stream {}; \
             UDP datagrams sent {:.0}/s, of which not delivered media {:.0}/s (publishers' packets, RTCP, STUN, retransmissions); \
             UDP RcvbufErrors {} SndbufErrors {} (machine-wide, both namespaces); \
             datagrams dropped on arrival: server socket {}, bench sockets {}; \
             client queue drops {}, other client errors {}; server CPU {:.2} s in a {:.1} s window{}; {}",
            f.sfu.title(),
            f.listeners,
            if args.rounds > 1 {
                format!(" (round {})", f.round)
            } else {
                String::new()
            },
            f.joined,
            f.listeners,
            f.join_seconds,
            ms(f.all.p50),
            ms(f.all.p99),
            f.rss_idle_kib,
            f.rss_end_kib,
            f.server_threads
                .map(|t| t.to_string())
                .unwrap_or_else(|| "?".into()),
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
            if f.nodes > 1 {
                format!(
                    " over {} nodes ({} % of a core each, the publishers' node first)",
                    f.nodes,
                    f.cpu
                        .server_each
                        .iter()
                        .map(|c| format!("{c:.0}"))
                        .collect::<Vec<_>>()
                        .join(" / ")
                )
            } else {
                String::new()
            },
            f.verdict()
        );
        if let Some(e) = &f.first_join_error {
            println!("  first join failure: {e}");
        }
        if let Some(l) = &f.light {
            println!(
                "  light listeners: their slots' sequence numbers spanned {:.0} pkt/s in the window (against {:.0} pkt/s sent to them by the publishers' log), with {} gaps; \
                 duplicates {}, out of order {}; tool CPU {:.3}% of a core per listener, {:.2} µs per delivered packet; \
                 the driver thread {}% of a core ({} µs per delivered packet); over the run it made {} passes and {} reads of \
                 {} RTP, {} RTCP, {} STUN, {} DTLS and {} other datagrams",
                l.span as f64 / f.window_seconds,
                f.expected_per_second(),
                l.span.saturating_sub(f.total.received),
                l.duplicates,
                l.out_of_order,
                f.bench_percent_per_listener().unwrap_or(0.0),
                f.bench_us_per_packet().unwrap_or(0.0),
                f.driver_percent()
                    .map(|p| format!("{p:.1}"))
                    .unwrap_or_else(|| "?".into()),
                l.driver_seconds
                    .filter(|_| f.total.received > 0)
                    .map(|s| format!("{:.2}", 1e6 * s / f.total.received as f64))
                    .unwrap_or_else(|| "?".into()),
                l.driver.passes,
                l.driver.reads,
                l.driver.datagrams[2],
                l.driver.datagrams[3],
                l.driver.datagrams[0],
                l.driver.datagrams[1],
                l.driver.datagrams[4],
            );
        } else if let Some(p) = f.bench_percent_per_listener() {
            println!(
                "  tool CPU {:.3}% of a core per listener, {:.2} µs per delivered packet",
                p,
                f.bench_us_per_packet().unwrap_or(0.0)
            );
        }
    }
    for &sfu in &args.sfus {
        for round in 1..=args.rounds {
            let series: Vec<&Figures> = runs
                .iter()
                .filter(|f| f.sfu == sfu && f.round == round)
                .collect();
            let label = if args.rounds > 1 {
                format!("{} (round {round})", sfu.title())
            } else {
                sfu.title().to_string()
            };
            for w in series.windows(2) {
                let packets = w[1].total.received as f64 - w[0].total.received as f64;
                if packets > 0.0 {
                    println!(
                        "- {label}: marginal server CPU from N={} to N={}: {:.1} µs per additional delivered packet",
                        w[0].listeners,
                        w[1].listeners,
                        1e6 * (w[1].cpu.server_seconds - w[0].cpu.server_seconds) / packets
                    );
                }
                let peers = w[1].peers as f64 - w[0].peers as f64;
                if peers > 0.0 {
                    println!(
                        "- {label}: marginal server RSS from N={} to N={}: {:.0} KiB per additional peer",
                        w[0].listeners,
                        w[1].listeners,
                        (w[1].rss_end_kib as f64 - w[0].rss_end_kib as f64) / peers
                    );
                }
            }
        }
    }
    print_side_by_side(args, runs);
    println!();
    if args.listener == ListenerKind::Light {
        println!("- light listeners: they count SRTP packets by their clear RTP header and never decrypt them, so they measure delivery and loss, not delay (\"–\"). Expected pkt/s is what the publishers sent to them in the window (their log), delivered pkt/s the packets whose sequence numbers their slots spanned in the window (highest number at its start to highest at its end) that arrived by the end of the grace time; loss is the difference: lost, or queued by a server that falls behind (its slots then have no sequence gap, and the gaps are printed apart).");
    }
    println!("- delivered pkt/s: packets received by the listeners (each once, on the right slot; for Janus, of a stream the listener subscribed to), sent in the window; the servers do not publish their own forwarding counters, so this stands for \"forwarded\".");
    println!("- delay: receive time minus the send time in the payload, one process clock: it includes both client WebRTC stacks (publisher and listener) as well as the server; \"p50 over p2p\" subtracts the all-packet p50 of a direct connection between two peers of this process.");
    println!("- server µs/pkt: server user+system CPU time in the window (/proc/<pid>/stat, all its threads) divided by the delivered packets.");
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

/// Floor and the other SFUs, run by run: the CPU cost per delivered packet, its ratio, and
/// the delays and loss side by side.
fn print_side_by_side(args: &Args, runs: &[Figures]) {
    let others: Vec<Kind> = args
        .sfus
        .iter()
        .copied()
        .filter(|k| *k != Kind::Floor)
        .collect();
    if others.is_empty() || !args.sfus.contains(&Kind::Floor) {
        return;
    }
    for other in others {
        println!();
        println!(
            "{} and Floor, same load, same run (ratio = {} µs per delivered packet / Floor's):",
            other.title(),
            other.title()
        );
        println!();
        println!(
            "| listeners | Floor µs/pkt | {o} µs/pkt | ratio {o}/Floor | Floor CPU % | {o} CPU % | delay p50 / p99 ms, Floor | {o} | loss mean, Floor | {o} | delivered pkt/s, Floor | {o} |",
            o = other.title()
        );
        println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for f in runs.iter().filter(|f| f.sfu == Kind::Floor) {
            let Some(o) = runs
                .iter()
                .find(|o| o.sfu == other && o.round == f.round && o.listeners == f.listeners)
            else {
                continue;
            };
            // Light listeners measure no delay.
            let ms = |x: &Figures, v: Option<f64>| {
                if x.light.is_some() {
                    "–".to_string()
                } else {
                    ms(v)
                }
            };
            let us = |x: &Figures| {
                x.server_us_per_packet()
                    .map(|v| format!("{v:.1}"))
                    .unwrap_or_else(|| "-".into())
            };
            println!(
                "| {}{} | {} | {} | {} | {:.0} | {:.0} | {} / {} | {} / {} | {:.2}% | {:.2}% | {:.0} | {:.0} |",
                f.listeners,
                if args.rounds > 1 {
                    format!(" (round {})", f.round)
                } else {
                    String::new()
                },
                us(f),
                us(o),
                ratio(o.server_us_per_packet(), f.server_us_per_packet())
                    .map(|r| format!("{r:.2}"))
                    .unwrap_or_else(|| "-".into()),
                f.cpu.server,
                o.cpu.server,
                ms(f, f.all.p50),
                ms(f, f.all.p99),
                ms(o, o.all.p50),
                ms(o, o.all.p99),
                100.0 * f.mean_loss,
                100.0 * o.mean_loss,
                f.forwarded_per_second(),
                o.forwarded_per_second(),
            );
        }
    }
}

fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => Some(a / b),
        _ => None,
    }
}

/// The figures as the JSON report.
fn report(args: &Args, started_utc: String, base: Option<&Figures>, runs: &[Figures]) -> Report {
    let run = |f: &Figures, sfu: &str| results::Run {
        sfu: sfu.to_string(),
        round: f.round,
        listeners: f.listeners,
        joined: f.joined,
        network: f.network.to_string(),
        window_seconds: f.window_seconds,
        expected_pps: f.expected_per_second(),
        delivered_pps: f.forwarded_per_second(),
        loss_mean: f.mean_loss,
        loss_worst: f.worst_loss,
        delay_ms: DelayMs {
            audio_p50: f.audio.p50,
            audio_p99: f.audio.p99,
            video_p50: f.video.p50,
            video_p99: f.video.p99,
            all_p50: f.all.p50,
            all_p99: f.all.p99,
        },
        server_cpu_percent: f.cpu.server,
        server_us_per_packet: f.server_us_per_packet(),
        server_rss_kib_per_peer: f.rss_per_peer_kib(),
        server_threads: f.server_threads,
        bench_cpu_percent: f.cpu.bench,
        others_cpu_percent: f.others_cpu(),
        listener: f.listener.name().to_string(),
        nodes: f.nodes,
        server_cpu_percent_per_node: if f.nodes > 1 {
            f.cpu.server_each.clone()
        } else {
            Vec::new()
        },
        light: f.light.map(|l| results::LightRun {
            span_pps: l.span as f64 / f.window_seconds.max(1e-9),
            gaps: l.span.saturating_sub(f.total.received),
            duplicates: l.duplicates,
            out_of_order: l.out_of_order,
            driver_cpu_percent: f.driver_percent(),
        }),
    };
    Report {
        started_utc,
        command: args.command_line(),
        machine: results::Machine::this(),
        baseline: base.map(|b| run(b, "p2p")),
        runs: runs.iter().map(|f| run(f, f.sfu.name())).collect(),
    }
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let cpus = cores();
    let nodes = args.nodes.max(1);
    if args.pin {
        if cpus < nodes + 1 {
            eprintln!("floor-media-bench: --pin needs a CPU for each node and one for the tool");
            return std::process::ExitCode::from(2);
        }
        // Before the runtime starts, so that every worker thread inherits it.
        if let Err(e) = procfs::pin_to(&(0..cpus - nodes).collect::<Vec<_>>()) {
            eprintln!("floor-media-bench: pinning: {e}");
            return std::process::ExitCode::from(2);
        }
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(if args.pin { cpus - nodes } else { cpus })
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
    timed::epoch();
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
    if args.listeners.is_empty() || args.seconds <= 0.0 || args.sfus.is_empty() || args.rounds == 0
    {
        bail!("give at least one listener count, one SFU, one round and a positive window");
    }
    let started_utc = results::utc_now();
    if args.sfus.contains(&Kind::Floor) {
        let path = args.server_path();
        if !path.exists() {
            bail!(
                "no server binary at {}; build it with `cargo build --release -p floor-server` or pass --server",
                path.display()
            );
        }
        eprintln!("server binary: {}", path.display());
    }
    if args.sfus.contains(&Kind::Janus) {
        if !args.janus.exists() {
            bail!(
                "no Janus at {}; install it (apt-get install janus) or pass --janus",
                args.janus.display()
            );
        }
        if !args.veth() {
            bail!("Janus gathers no ICE candidate on loopback: it runs only with --net veth (or auto)");
        }
        eprintln!("janus binary: {}", args.janus.display());
    }
    // The namespace and veth pair, for every run of this invocation; dropping it (at the
    // end, on an error, or on Ctrl-C when this future is dropped) removes them.
    let veth = if args.veth() {
        for stale in netns::clean_stale()? {
            eprintln!("removed network namespace {stale}, left by a run that no longer runs");
        }
        let v = Veth::create()?;
        eprintln!(
            "network namespace {}: the SFU at {}, the peers at {}",
            v.name, v.sfu_ip, v.tool_ip
        );
        Some(v)
    } else {
        None
    };
    let base = if args.no_baseline {
        None
    } else if args.listener == ListenerKind::Light {
        eprintln!("no p2p baseline: light listeners measure no delay");
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
    for round in 1..=args.rounds {
        for &n in &args.listeners {
            for &sfu in &args.sfus {
                wait_idle(args.wait_idle, args.idle_below).await;
                eprintln!(
                    "{} with N = {n} listeners{}: a fresh server ...",
                    sfu.title(),
                    if args.rounds > 1 {
                        format!(" (round {round})")
                    } else {
                        String::new()
                    }
                );
                runs.push(
                    run(args, sfu, n, round, veth.as_ref())
                        .await
                        .with_context(|| {
                            format!("the run of {} with {n} listeners", sfu.title())
                        })?,
                );
            }
        }
    }
    print_results(args, base.as_ref(), &runs, veth.as_ref());
    if let Some(path) = &args.json {
        let r = report(args, started_utc, base.as_ref(), &runs);
        std::fs::write(path, serde_json::to_string_pretty(&r)?)
            .with_context(|| format!("writing {}", path.display()))?;
        eprintln!("figures written to {}", path.display());
    }
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
    use floor_testkit::peer::timed::VIDEO;

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
        assert_eq!(d.listener, ListenerKind::Full);
        let l = Args::parse_from([
            "floor-media-bench",
            "--listener",
            "light",
            "--publish-after-join",
        ]);
        assert_eq!(l.listener, ListenerKind::Light);
        assert!(l
            .command_line()
            .ends_with(" --listener light --publish-after-join"));
    }

    #[test]
    fn listeners_go_round_robin_over_the_floor_and_the_six_channels() {
        let channels: Vec<Option<u8>> = (0..8).map(channel_of).collect();
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
