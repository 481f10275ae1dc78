//! One run: N participants connected, then the scripted meeting (or the bare baseline's
//! broadcasts), then the figures.

use crate::conn::{self, Ack, Received, Shared, Sink};
use crate::setup::{Setup, MEMBERS};
use crate::stats::{Dist, RunReport};
use anyhow::{anyhow, bail, Context};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite::Message;

/// How many connections open at the same time while connecting.
const CONNECT_CONCURRENCY: usize = 200;

pub enum Target<'a> {
    /// The Floor server, with the meeting set up.
    Floor { setup: &'a Setup },
    /// The bare broadcast server: this many broadcasts, each padded to about this size.
    Bare {
        broadcasts: usize,
        frame_bytes: usize,
    },
}

/// One command of the script: who sends it (0 = chair, 1..=53 delegates) and what; or
/// the secretariat's publication of a document, over HTTP.
struct Step {
    who: usize,
    name: &'static str,
    command: Value,
}

/// The name of the step that publishes a document (and of its deliveries' row).
const PUBLISH: &str = "document_published";

/// The scripted meeting, as the chair and the delegates play it.
fn script(floor_changes: usize) -> Vec<Step> {
    let mut s = Vec::new();
    let mut push =
        |who: usize, name: &'static str, command: Value| s.push(Step { who, name, command });
    push(0, "open_meeting", json!({"type": "open_meeting"}));
    for d in 0..MEMBERS {
        push(
            1 + d,
            "check_in",
            json!({"type": "check_in", "mode": "remote"}),
        );
    }
    for d in 0..floor_changes.min(MEMBERS) {
        push(1 + d, "request_floor", json!({"type": "request_floor"}));
    }
    for i in 0..floor_changes {
        if i >= MEMBERS {
            // Heard MEMBERS floor changes ago: inscribe again.
            push(
                1 + i % MEMBERS,
                "request_floor",
                json!({"type": "request_floor"}),
            );
        }
        push(0, "next_speaker", json!({"type": "next_speaker"}));
    }
    if floor_changes > 0 {
        push(0, "end_speech", json!({"type": "end_speech"}));
    }
    // The secretariat publishes a conference room paper to everyone.
    push(0, PUBLISH, Value::Null);
    push(
        0,
        "table_proposal",
        json!({"type": "table_proposal", "reference": "E/CN.7/2026/L.1",
               "title": "Promoting scientific evidence in drug policy", "sponsors": []}),
    );
    push(
        0,
        "open_vote",
        json!({"type": "open_vote", "proposal": 1, "method": "recorded"}),
    );
    for d in 0..MEMBERS {
        let choice = ["yes", "no", "abstain"][d % 3];
        push(
            1 + d,
            "cast_vote",
            json!({"type": "cast_vote", "vote": 1, "choice": {"kind": choice}}),
        );
    }
    push(0, "close_vote", json!({"type": "close_vote", "vote": 1}));
    push(0, "close_meeting", json!({"type": "close_meeting"}));
    s
}

/// A command as sent: when, and which seqs its events have.
struct Sent {
    name: &'static str,
    at: Instant,
    acked: Instant,
    first_seq: u64,
    last_seq: u64,
}

pub async fn run(
    label: &str,
    target: Target<'_>,
    url: &str,
    server_pid: u32,
    participants: usize,
    floor_changes: usize,
    burst: bool,
) -> anyhow::Result<RunReport> {
    let bare = matches!(target, Target::Bare { .. });
    // Connections that give commands: the chair and (Floor) one delegate per member. The
    // first `participants` connections subscribe; any command-only connections beyond
    // them (only when participants < 54) do not count as participants.
    let commanders = if bare { 1 } else { 1 + MEMBERS };
    let total = participants.max(commanders);
    let (stop_tx, stop_rx) = watch::channel(false);
    let shared = Arc::new(Shared {
        progress: (0..total).map(|_| AtomicU64::new(0)).collect(),
        doc_progress: (0..total).map(|_| AtomicU64::new(0)).collect(),
        stop: stop_rx,
    });
    let (ack_tx, mut ack_rx) = mpsc::unbounded_channel::<Ack>();
    let (meeting, session) = match &target {
        Target::Floor { setup } => (setup.meeting.0, Some(setup.session.0)),
        Target::Bare { .. } => (1, None),
    };

    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_before = floor_bench::procfs::process_rss_kib(server_pid)?;
    let t_connect = Instant::now();
    eprintln!("[{label} N={participants}] connecting {total} WebSockets…");
    let opened: Vec<(usize, anyhow::Result<conn::Opened>)> = futures_util::stream::iter(0..total)
        .map(|i| {
            let token = match &target {
                Target::Floor { setup } => Some(match i {
                    0 => setup.chair.clone(),
                    i if i <= MEMBERS => setup.delegates[i - 1].clone(),
                    _ => setup.viewer.clone(),
                }),
                Target::Bare { .. } => None,
            };
            let acks = (i < commanders).then(|| ack_tx.clone());
            let shared = shared.clone();
            async move {
                let r = conn::open(
                    url,
                    token.as_deref(),
                    meeting,
                    session,
                    i,
                    i < participants,
                    i == 0,
                    acks,
                    shared,
                )
                .await
                .with_context(|| format!("connection {i}"));
                (i, r)
            }
        })
        .buffer_unordered(CONNECT_CONCURRENCY)
        .collect()
        .await;
    let mut sinks: Vec<Option<Sink>> = (0..commanders).map(|_| None).collect();
    let mut readers = Vec::new();
    let mut base_seq = 0;
    for (i, r) in opened {
        let o = r?;
        if i < commanders {
            sinks[i] = o.sink;
        }
        if i < participants {
            base_seq = base_seq.max(o.snapshot_seq);
            readers.push((i, o.reader));
        } else {
            // A command-only connection: nothing to collect.
            drop(o.reader);
        }
    }
    let connect_secs = t_connect.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let rss_after = floor_bench::procfs::process_rss_kib(server_pid)?;
    eprintln!(
        "[{label} N={participants}] connected in {connect_secs:.1} s; server RSS {} → {} MiB",
        rss_before / 1024,
        rss_after / 1024
    );

    // The script.
    let steps: Vec<Step> = match &target {
        Target::Floor { .. } => script(floor_changes),
        Target::Bare {
            broadcasts,
            frame_bytes,
        } => {
            // The event frame's fixed part is about 90 bytes.
            let pad = "x".repeat(frame_bytes.saturating_sub(90));
            (0..*broadcasts)
                .map(|_| Step {
                    who: 0,
                    name: "bare",
                    command: json!({"pad": pad}),
                })
                .collect()
        }
    };
    let tool_cpu0 = floor_bench::procfs::process_cpu_seconds(std::process::id())?;
    let server_cpu0 = floor_bench::procfs::process_cpu_seconds(server_pid)?;
    let t_script = Instant::now();
    let mut sent: Vec<Sent> = Vec::with_capacity(steps.len());
    // Documents published: (sent, answered, register seq).
    let mut published: Vec<(Instant, Instant, u64)> = Vec::new();
    let mut prev = base_seq;
    for (n, step) in steps.iter().enumerate() {
        if step.name == PUBLISH {
            let Target::Floor { setup } = &target else {
                bail!("only the Floor server publishes documents");
            };
            // The file is uploaded before the clock starts: what is measured is the
            // publication reaching everyone, not the upload.
            let content = setup.upload_document(published.len()).await?;
            let at = Instant::now();
            let seq = setup.publish_document(published.len(), &content).await?;
            let acked = Instant::now();
            if !burst {
                let until = Instant::now() + Duration::from_secs(30);
                while Instant::now() < until
                    && readers
                        .iter()
                        .any(|(i, _)| shared.doc_progress[*i].load(Ordering::Relaxed) < seq)
                {
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
            }
            published.push((at, acked, seq));
            continue;
        }
        let rid = format!("r{n}");
        let frame = if bare {
            json!({"type": "command", "request_id": rid, "pad": step.command["pad"]})
        } else {
            json!({"type": "command", "request_id": rid, "meeting_id": meeting,
                   "command": step.command})
        }
        .to_string();
        let sink = sinks[step.who]
            .as_mut()
            .ok_or_else(|| anyhow!("no connection for sender {}", step.who))?;
        let at = Instant::now();
        sink.send(Message::text(frame)).await?;
        let ack = tokio::time::timeout(Duration::from_secs(60), ack_rx.recv())
            .await
            .with_context(|| format!("no answer to {} in 60 s", step.name))?
            .ok_or_else(|| anyhow!("the answers channel closed"))?;
        if ack.request_id != rid {
            bail!("answer to {} while waiting for {rid}", ack.request_id);
        }
        let last = ack
            .outcome
            .map_err(|e| anyhow!("{} (step {n}) was not accepted: {e}", step.name))?;
        if last <= prev {
            bail!("{}: ack seq {last} not after {prev}", step.name);
        }
        if !burst {
            // Paced: the next command only once every participant has read this one's
            // events, so that each latency is one event's fan-out, not a queue.
            let until = Instant::now() + Duration::from_secs(30);
            while Instant::now() < until
                && readers
                    .iter()
                    .any(|(i, _)| shared.progress[*i].load(Ordering::Relaxed) < last)
            {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        }
        sent.push(Sent {
            name: step.name,
            at,
            acked: ack.at,
            first_seq: prev + 1,
            last_seq: last,
        });
        prev = last;
    }
    let final_seq = prev;
    let script_sent_secs = t_script.elapsed().as_secs_f64();
    // Wait until every participant has read the last event (or give up after 60 s).
    let wait_until = Instant::now() + Duration::from_secs(60);
    loop {
        let last_doc = published.last().map(|p| p.2).unwrap_or(0);
        let behind = readers
            .iter()
            .filter(|(i, _)| {
                shared.progress[*i].load(Ordering::Relaxed) < final_seq
                    || shared.doc_progress[*i].load(Ordering::Relaxed) < last_doc
            })
            .count();
        if behind == 0 || Instant::now() > wait_until {
            if behind > 0 {
                eprintln!(
                    "[{label} N={participants}] {behind} participants still behind after 60 s"
                );
            }
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let script_secs = t_script.elapsed().as_secs_f64();
    let tool_cpu = floor_bench::procfs::process_cpu_seconds(std::process::id())? - tool_cpu0;
    let server_cpu = floor_bench::procfs::process_cpu_seconds(server_pid)? - server_cpu0;
    let _ = stop_tx.send(true);
    let mut received: Vec<Received> = Vec::with_capacity(readers.len());
    let mut recorder = 0;
    for (i, r) in readers {
        if i == 0 {
            recorder = received.len();
        }
        received.push(r.await?);
    }
    drop(sinks);

    // Which command each seq belongs to, and each seq's event type.
    let span = (final_seq - base_seq) as usize;
    let mut cmd_of: Vec<usize> = vec![usize::MAX; span];
    for (c, s) in sent.iter().enumerate() {
        for seq in s.first_seq..=s.last_seq {
            cmd_of[(seq - base_seq - 1) as usize] = c;
        }
    }
    let mut kind_of: Vec<String> = vec!["?".into(); span];
    let mut frame_bytes_total = 0usize;
    let mut frame_count = 0usize;
    if let Some(first) = received.get(recorder) {
        for (seq, kind, bytes) in &first.kinds {
            if *seq > base_seq && *seq <= final_seq {
                kind_of[(*seq - base_seq - 1) as usize] = kind.clone();
                frame_bytes_total += bytes;
                frame_count += 1;
            }
        }
    }
    let mut per_kind: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut all: Vec<u32> = Vec::new();
    let mut lost = 0u64;
    let mut out_of_order = 0u64;
    let mut duplicates = 0u64;
    let mut ended = 0usize;
    let mut first_end: Option<String> = None;
    let mut seen = vec![false; span];
    for r in &received {
        out_of_order += r.out_of_order;
        duplicates += r.duplicates;
        if let Some(e) = &r.ended {
            ended += 1;
            first_end.get_or_insert_with(|| e.clone());
        }
        seen.iter_mut().for_each(|s| *s = false);
        for (seq, t) in &r.recs {
            if *seq <= base_seq || *seq > final_seq {
                continue;
            }
            let k = (*seq - base_seq - 1) as usize;
            if seen[k] {
                continue;
            }
            seen[k] = true;
            let us = t.saturating_duration_since(sent[cmd_of[k]].at).as_micros() as u32;
            all.push(us);
            per_kind.entry(kind_of[k].clone()).or_default().push(us);
        }
        lost += seen.iter().filter(|s| !**s).count() as u64;
        // Each publication once, to every participant (all are entitled: it is general).
        for (at, _, seq) in &published {
            match r.docs.iter().find(|(s, _)| s == seq) {
                Some((_, t)) => {
                    let us = t.saturating_duration_since(*at).as_micros() as u32;
                    all.push(us);
                    per_kind.entry(PUBLISH.to_string()).or_default().push(us);
                }
                None => lost += 1,
            }
            duplicates += r
                .docs
                .iter()
                .filter(|(s, _)| s == seq)
                .count()
                .saturating_sub(1) as u64;
        }
    }
    let acks: Vec<u32> = sent
        .iter()
        .map(|s| (s.at, s.acked))
        .chain(published.iter().map(|(at, acked, _)| (*at, *acked)))
        .map(|(at, acked)| acked.saturating_duration_since(at).as_micros() as u32)
        .collect();
    let mut commands: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &sent {
        *commands.entry(s.name).or_default() += 1;
    }
    if !published.is_empty() {
        commands.insert(PUBLISH, published.len());
    }
    if let Some(e) = &first_end {
        eprintln!("[{label} N={participants}] {ended} connections ended early, e.g. {e}");
    }
    Ok(RunReport {
        label: label.to_string(),
        participants,
        connections: total,
        connect_secs,
        rss_before_kib: rss_before,
        rss_after_kib: rss_after,
        commands: sent.len() + published.len(),
        command_counts: commands
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        events: span + published.len(),
        avg_frame_bytes: frame_bytes_total.checked_div(frame_count).unwrap_or(0),
        deliveries: all.len(),
        lost,
        out_of_order,
        duplicates,
        ended_early: ended,
        all: Dist::of(all),
        per_kind: per_kind
            .into_iter()
            .map(|(k, v)| (k, Dist::of(v)))
            .collect(),
        ack: Dist::of(acks),
        script_sent_secs,
        script_secs,
        tool_cpu_secs: tool_cpu,
        server_cpu_secs: server_cpu,
        burst,
    })
}
