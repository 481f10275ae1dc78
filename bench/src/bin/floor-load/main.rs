//! `floor-load`: a control-plane load tool for the Floor server.
//!
//! It starts the real server (a child process with a fresh SQLite database), sets up a
//! session whose commission has 53 members, connects N participants over WebSockets (the
//! chair, the 53 delegates, and N − 54 viewers who all share ONE viewer invitation's
//! token, like a hall of observers), and has the chair and the delegates play a scripted
//! meeting: open, 53 check-ins, inscriptions, K floor changes (next speaker … end speech),
//! the secretariat's publication of a document to everyone (over HTTP; every participant
//! follows the session's documents), a proposal, a recorded vote (53 votes cast) and the
//! close. For every event it measures the time from the sending of the command to each
//! participant's reading of the event frame (`event`, or `document_event` for the
//! publication), all in this one process on one monotonic clock.
//!
//! With `--bare` it then runs the same number of broadcasts, of the same frame size,
//! through a minimal WebSocket broadcast server (`floor-load bare-server`, started as a
//! separate child process) to show what the platform costs over plain fan-out.
//!
//! ```text
//! cargo build --release -p floor-server -p floor-bench
//! target/release/floor-load --participants 500,2000 --floor-changes 20 --bare
//! target/release/floor-load --participants 20 --floor-changes 2      # smoke test
//! ```

mod bare;
mod conn;
mod procs;
mod run;
mod setup;
mod stats;

use anyhow::Context;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "floor-load",
    about = "Control-plane load: N WebSocket participants following a scripted meeting"
)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    sub: Option<Sub>,
    /// Participants (connections that follow the meeting), a comma-separated list: one
    /// run each.
    #[arg(long, value_delimiter = ',', default_value = "500,2000")]
    participants: Vec<usize>,
    /// Floor changes (next_speaker) in the script.
    #[arg(long, default_value_t = 20)]
    floor_changes: usize,
    /// The `floor` server binary.
    #[arg(long)]
    server: Option<PathBuf>,
    /// Also run the bare broadcast baseline at each N.
    #[arg(long)]
    bare: bool,
    /// Send each command as soon as the previous one is acknowledged, without waiting for
    /// every participant to have read its events (a burst: latencies then include queueing).
    #[arg(long)]
    burst: bool,
    /// Also write the report (Markdown) to this file.
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Sub {
    /// The bare baseline server: plain WebSocket fan-out, prints its address.
    BareServer {
        #[arg(long, default_value = "127.0.0.1:0")]
        addr: String,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let fds = procs::raise_fd_limit();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    if let Some(Sub::BareServer { addr }) = cli.sub {
        return rt.block_on(bare::serve(&addr));
    }
    rt.block_on(load(cli, fds))
}

async fn load(cli: Cli, fds: u64) -> anyhow::Result<()> {
    let binary = cli.server.clone().unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/release/floor")
    });
    let need = cli.participants.iter().max().copied().unwrap_or(0) + setup::MEMBERS + 100;
    if (fds as usize) < need {
        eprintln!("warning: open-files limit {fds} may be too low for {need} connections");
    }
    let mut reports = Vec::new();
    for &n in &cli.participants {
        let n = n.max(1);
        let server = floor_bench::server::Server::start(&binary, n + setup::MEMBERS + 100, None)?;
        let setup = setup::set_up(&server)
            .await
            .context("setting up the meeting")?;
        let r = run::run(
            "floor",
            run::Target::Floor { setup: &setup },
            &server.node.ws_url(),
            server.node.pid(),
            n,
            cli.floor_changes,
            cli.burst,
        )
        .await
        .with_context(|| {
            format!(
                "floor run with {n} participants; its log:\n{}",
                server.node.log_tail()
            )
        })?;
        drop(server);
        let (broadcasts, frame_bytes) = (r.events, r.avg_frame_bytes);
        eprintln!(
            "[floor N={n}] p50 {} ms, p99 {} ms, max {} ms, lost {}, out of order {}",
            stats::ms(r.all.p50),
            stats::ms(r.all.p99),
            stats::ms(r.all.max),
            r.lost,
            r.out_of_order
        );
        reports.push(r);
        if cli.bare {
            let bare = procs::BareServer::start()?;
            let r = run::run(
                "bare",
                run::Target::Bare {
                    broadcasts,
                    frame_bytes,
                },
                &bare.ws_url(),
                bare.pid,
                n,
                cli.floor_changes,
                cli.burst,
            )
            .await
            .with_context(|| format!("bare run with {n} participants"))?;
            eprintln!(
                "[bare N={n}] p50 {} ms, p99 {} ms, max {} ms, lost {}, out of order {}",
                stats::ms(r.all.p50),
                stats::ms(r.all.p99),
                stats::ms(r.all.max),
                r.lost,
                r.out_of_order
            );
            reports.push(r);
        }
    }
    let reproduce: Vec<String> = std::env::args().collect();
    let report = stats::render(&reports, &reproduce.join(" "));
    println!("{report}");
    if let Some(out) = &cli.out {
        std::fs::write(out, &report).with_context(|| format!("writing {}", out.display()))?;
    }
    let bad = reports.iter().any(|r| r.lost > 0 || r.out_of_order > 0);
    if bad {
        anyhow::bail!("events were lost or out of order (see the table)");
    }
    Ok(())
}
