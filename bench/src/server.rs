//! The `floor` server under test: a node of the test kit (`floor_testkit::Node`) on a
//! fresh SQLite database in a temporary folder of its own, its log in that folder, killed
//! and cleaned up when dropped. It listens on 127.0.0.1, or inside a network namespace on
//! the far side of a veth pair ([`crate::netns`]), and has the limits of a benchmark: room
//! for every media peer, and the edge's rate limits out of the way. Several nodes of one
//! cluster share a PostgreSQL database and a Redis channel ([`Server::start_cluster`]),
//! so that a meeting's media spans them.

use crate::netns::Veth;
use anyhow::Context;
use floor_testkit::{Backend, Node, NodeOptions, TestDb};
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::sync::Arc;

pub struct Server {
    /// Dropped first: the process is killed before its folder is removed.
    pub node: Node,
    _db: Arc<TestDb>,
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
        let db = Arc::new(TestDb::new(Backend::Sqlite));
        Server::start_node(binary, max_peers, cpus, veth, db, None, "server")
    }

    /// `cpus.len()` nodes of one cluster on 127.0.0.1 (a fresh PostgreSQL database, a Redis
    /// channel of their own), node `k` on the CPUs `cpus[k]` if given.
    pub fn start_cluster(
        binary: &Path,
        max_peers: usize,
        cpus: Vec<Option<Vec<usize>>>,
    ) -> anyhow::Result<Vec<Server>> {
        let db = Arc::new(TestDb::new(Backend::Postgres));
        let channel = format!("floor:bench:{:016x}", rand::random::<u64>());
        cpus.into_iter()
            .enumerate()
            .map(|(k, cpus)| {
                Server::start_node(
                    binary,
                    max_peers,
                    cpus,
                    None,
                    db.clone(),
                    Some(channel.clone()),
                    &format!("server-{k}"),
                )
            })
            .collect()
    }

    fn start_node(
        binary: &Path,
        max_peers: usize,
        cpus: Option<Vec<usize>>,
        veth: Option<&Veth>,
        db: Arc<TestDb>,
        redis_channel: Option<String>,
        name: &str,
    ) -> anyhow::Result<Server> {
        let host = veth
            .map(|v| IpAddr::V4(v.sfu_ip))
            .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
        let netns_fd = veth.map(Veth::fd);
        let max_peers = max_peers.to_string();
        let options = NodeOptions {
            binary: Some(binary.to_path_buf()),
            host: Some(host),
            admin_password: Some(format!("bench-{:016x}", rand::random::<u64>())),
            log_filter: Some(
                std::env::var("FLOOR_BENCH_SERVER_LOG").unwrap_or_else(|_| "warn".into()),
            ),
            log_file: Some(db.dir().join(format!("{name}.log"))),
            redis_channel,
            env: vec![
                ("FLOOR_MEDIA_ADDR", format!("{host}:0")),
                ("FLOOR_MEDIA_MAX_PEERS", max_peers.clone()),
                // Every listener of the benchmark joins with the one viewer token.
                ("FLOOR_MEDIA_MAX_PEERS_PER_PARTICIPANT", max_peers),
                // The benchmarks redeem hundreds of invitations from one address and drive
                // commands back to back: they measure fan-out and media, not the edge's
                // limits.
                ("FLOOR_REDEMPTIONS_PER_ADDRESS_PER_MINUTE", "1000000".into()),
                ("FLOOR_SIGN_INS_PER_ADDRESS_PER_MINUTE", "1000000".into()),
                ("FLOOR_SIGN_INS_PER_ACCOUNT_PER_MINUTE", "1000000".into()),
                ("FLOOR_COMMANDS_PER_SECOND", "1000000".into()),
                ("FLOOR_COMMAND_BURST", "1000000".into()),
            ],
            prepare: Some(Arc::new(move |command| {
                crate::child::place(command, netns_fd, cpus.clone())
            })),
            ..NodeOptions::default()
        };
        let node = Node::try_start(&db, &options)
            .context("the benchmarks run a release build: cargo build --release -p floor-server")?;
        Ok(Server { node, _db: db })
    }
}
