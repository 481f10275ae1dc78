//! The `floor` server under test: a child process with a fresh SQLite database in a
//! temporary folder of its own, killed and cleaned up when dropped. It listens on
//! 127.0.0.1, or inside a network namespace on the far side of a veth pair
//! ([`crate::netns`]).

use crate::netns::Veth;
use anyhow::{bail, Context};
use std::io::{BufRead, BufReader};
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const ADMIN_USERNAME: &str = "secretariat";

pub struct Server {
    child: Child,
    pub pid: u32,
    /// `http://<host>:<port>`
    pub base: String,
    /// The address it listens on (HTTP, WebSocket and media).
    pub host: IpAddr,
    pub port: u16,
    pub admin_password: String,
    dir: PathBuf,
}

impl Server {
    /// Start `binary` with room for `max_peers` media connections in a meeting, on the CPUs
    /// `cpus` only if given.
    pub fn start(
        binary: &Path,
        max_peers: usize,
        cpus: Option<Vec<usize>>,
    ) -> anyhow::Result<Server> {
        Server::start_in(binary, max_peers, cpus, None)
    }

    /// As [`Server::start`]; with `veth`, the server runs in that network namespace and
    /// listens (HTTP, WebSocket and media) on its address, [`Veth::sfu_ip`].
    pub fn start_in(
        binary: &Path,
        max_peers: usize,
        cpus: Option<Vec<usize>>,
        veth: Option<&Veth>,
    ) -> anyhow::Result<Server> {
        let host = veth
            .map(|v| IpAddr::V4(v.sfu_ip))
            .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
        let dir = std::env::temp_dir().join(format!(
            "floor-bench-{}-{}",
            std::process::id(),
            rand::random::<u32>()
        ));
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let admin_password = format!("bench-{:016x}", rand::random::<u64>());
        let log = std::fs::File::create(dir.join("server.log"))?;
        let mut command = Command::new(binary);
        crate::child::place(&mut command, veth.map(Veth::fd), cpus);
        let mut child = command
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("FLOOR_ADDR", format!("{host}:0"))
            .env(
                "DATABASE_URL",
                format!("sqlite://{}/floor.db?mode=rwc", dir.display()),
            )
            .env("FLOOR_FILES_DIR", dir.join("files"))
            .env("FLOOR_DEMO", "false")
            .env("FLOOR_ADMIN_USERNAME", ADMIN_USERNAME)
            .env("FLOOR_ADMIN_PASSWORD", &admin_password)
            .env("FLOOR_MEDIA_ADDR", format!("{host}:0"))
            .env("FLOOR_MEDIA_MAX_PEERS", max_peers.to_string())
            // Every listener of the benchmark joins with the one viewer token.
            .env(
                "FLOOR_MEDIA_MAX_PEERS_PER_PARTICIPANT",
                max_peers.to_string(),
            )
            // The benchmarks redeem hundreds of invitations from one address and drive
            // commands back to back: they measure fan-out and media, not the edge's limits.
            .env("FLOOR_REDEMPTIONS_PER_ADDRESS_PER_MINUTE", "1000000")
            .env("FLOOR_SIGN_INS_PER_ADDRESS_PER_MINUTE", "1000000")
            .env("FLOOR_SIGN_INS_PER_ACCOUNT_PER_MINUTE", "1000000")
            .env("FLOOR_COMMANDS_PER_SECOND", "1000000")
            .env("FLOOR_COMMAND_BURST", "1000000")
            .env(
                "RUST_LOG",
                std::env::var("FLOOR_BENCH_SERVER_LOG").unwrap_or_else(|_| "warn".into()),
            )
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .with_context(|| {
                format!(
                    "starting {} (build it first: cargo build --release -p floor-server)",
                    binary.display()
                )
            })?;
        let pid = child.id();
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            for line in lines.by_ref() {
                let Ok(line) = line else { break };
                if let Some(base) = line.strip_prefix("Floor listening on ") {
                    let _ = tx.send(base.trim().to_string());
                    break;
                }
            }
            // Keep draining so the server never blocks on a full pipe.
            for _ in lines {}
        });
        let mut server = Server {
            child,
            pid,
            base: String::new(),
            host,
            port: 0,
            admin_password,
            dir,
        };
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(base) => {
                // The line always says 127.0.0.1; the port is what matters.
                server.port = base
                    .rsplit(':')
                    .next()
                    .and_then(|p| p.parse().ok())
                    .with_context(|| format!("no port in {base:?}"))?;
                server.base = format!("http://{host}:{}", server.port);
                Ok(server)
            }
            Err(_) => bail!(
                "the server did not report its address within 60 s; its log:\n{}",
                server.log_tail()
            ),
        }
    }

    pub fn ws_url(&self) -> String {
        format!("ws://{}:{}/ws", self.host, self.port)
    }

    /// Whether the process is still running.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// The last lines the server logged (to standard error).
    pub fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
