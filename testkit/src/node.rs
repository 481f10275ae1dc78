//! The real `floor` binary as a child process: started on a free port with a database and
//! the settings an operator would give it, ready once it prints `Floor listening on …`,
//! and killed (SIGKILL) when dropped.

use crate::client::Client;
use crate::database::TestDb;
use crate::must;
use anyhow::{bail, Context};
use std::io::{BufRead, BufReader};
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

/// The first secretariat account every node is started with.
pub const ADMIN_USERNAME: &str = "secretariat";
/// Its password, unless [`NodeOptions::admin_password`] says otherwise.
pub const ADMIN_PASSWORD: &str = "integration-secretariat-password";
pub const REDIS_URL: &str = "redis://127.0.0.1:6379";

/// How long a node may take to say where it listens.
const START_DEADLINE: Duration = Duration::from_secs(60);

/// Something to arrange on a node's command before it runs.
pub type Prepare = Arc<dyn Fn(&mut Command) + Send + Sync>;

/// How to start a node. The default: the `floor` cargo built beside the running test
/// ([`floor_binary`]), on 127.0.0.1, no Redis, its log on this process's standard error.
#[derive(Clone, Default)]
pub struct NodeOptions {
    /// Join the other nodes on this Redis channel (of [`REDIS_URL`]).
    pub redis_channel: Option<String>,
    pub jwt_secret: Option<String>,
    /// More settings, as the environment variables an operator would set.
    pub env: Vec<(&'static str, String)>,
    /// The `floor` binary to run.
    pub binary: Option<PathBuf>,
    /// The address it listens on (HTTP and WebSocket).
    pub host: Option<IpAddr>,
    /// The first secretariat account's password; [`ADMIN_PASSWORD`] if not given.
    pub admin_password: Option<String>,
    /// Its log filter (`RUST_LOG`); if not given, `FLOOR_TEST_LOG` or warnings only.
    pub log_filter: Option<String>,
    /// A file for its log (standard error), read back by [`Node::log_tail`].
    pub log_file: Option<PathBuf>,
    /// Anything else to arrange on the command before it runs (a benchmark pins the
    /// server to CPUs and puts it in a network namespace).
    pub prepare: Option<Prepare>,
}

/// The `floor` binary that cargo built for the running test: `CARGO_BIN_EXE_floor` where
/// cargo sets it at run time, else the `floor` in the profile folder the test executable
/// runs from (`target/debug/deps/integration-…` → `target/debug/floor`). Cargo builds it
/// before the integration and browser tests of its package.
pub fn floor_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("CARGO_BIN_EXE_floor") {
        return path.into();
    }
    let exe = std::env::current_exe().expect("the path of the running test");
    let mut dir = exe.parent().expect("the test's folder").to_path_buf();
    if dir.ends_with("deps") {
        dir.pop();
    }
    dir.join("floor")
}

/// What a child process announces on its standard output (piped): the rest of the first
/// line that starts with `prefix`, if it comes within `deadline`. The output is read to its
/// end in the background, so that the child never blocks on a full pipe.
pub fn announced(child: &mut Child, prefix: &'static str, deadline: Duration) -> Option<String> {
    let stdout = child.stdout.take().expect("a piped standard output");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        for line in lines.by_ref() {
            let Ok(line) = line else { break };
            if let Some(rest) = line.strip_prefix(prefix) {
                let _ = tx.send(rest.trim().to_string());
                break;
            }
        }
        for _ in lines {}
    });
    rx.recv_timeout(deadline).ok()
}

/// The port of an announced address (`http://127.0.0.1:8080`, `127.0.0.1:8080/`).
pub fn port_of(address: &str) -> anyhow::Result<u16> {
    address
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .with_context(|| format!("no port in {address:?}"))
}

/// A running `floor` process. Killed (SIGKILL) when dropped.
pub struct Node {
    child: Child,
    pub port: u16,
    /// `http://<host>:<port>`
    pub base: String,
    /// The address it listens on (HTTP, WebSocket).
    pub host: IpAddr,
    admin_password: String,
    log_file: Option<PathBuf>,
}

impl Node {
    pub fn start(db: &TestDb) -> Node {
        Node::start_with(db, &NodeOptions::default())
    }

    pub fn start_with(db: &TestDb, options: &NodeOptions) -> Node {
        must(Node::try_start(db, options))
    }

    /// Start a node on `db` and wait (up to a minute) until it says where it listens.
    pub fn try_start(db: &TestDb, options: &NodeOptions) -> anyhow::Result<Node> {
        let binary = options.binary.clone().unwrap_or_else(floor_binary);
        let host = options.host.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
        let admin_password = options
            .admin_password
            .clone()
            .unwrap_or_else(|| ADMIN_PASSWORD.into());
        let log_filter = options.log_filter.clone().unwrap_or_else(|| {
            std::env::var("FLOOR_TEST_LOG").unwrap_or_else(|_| "warn,rtc_dtls=error".into())
        });
        let mut cmd = Command::new(&binary);
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("FLOOR_ADDR", format!("{host}:0"))
            .env("DATABASE_URL", &db.url)
            .env("FLOOR_FILES_DIR", db.files_dir())
            // Each node its own recording spool, as in production (a node stores what it
            // finds in its spool at start); a test of a restart names the same one twice.
            .env("FLOOR_RECORDING_SPOOL", db.new_spool_dir())
            .env("FLOOR_DEMO", "false")
            .env("FLOOR_ADMIN_USERNAME", ADMIN_USERNAME)
            .env("FLOOR_ADMIN_PASSWORD", &admin_password)
            .env("RUST_LOG", log_filter)
            .stdin(Stdio::null())
            .stdout(Stdio::piped());
        match &options.log_file {
            Some(path) => {
                let file = std::fs::File::create(path)
                    .with_context(|| format!("creating {}", path.display()))?;
                cmd.stderr(file)
            }
            None => cmd.stderr(Stdio::inherit()),
        };
        if let Some(channel) = &options.redis_channel {
            cmd.env("REDIS_URL", REDIS_URL)
                .env("FLOOR_REDIS_CHANNEL", channel);
        }
        if let Some(secret) = &options.jwt_secret {
            cmd.env("FLOOR_JWT_SECRET", secret);
        }
        for (name, value) in &options.env {
            cmd.env(name, value);
        }
        if let Some(prepare) = &options.prepare {
            prepare(&mut cmd);
        }
        let mut child = cmd.spawn().with_context(|| {
            format!(
                "starting {} (build it first: cargo build -p floor-server)",
                binary.display()
            )
        })?;
        let listening = announced(&mut child, "Floor listening on ", START_DEADLINE);
        let mut node = Node {
            child,
            port: 0,
            base: String::new(),
            host,
            admin_password,
            log_file: options.log_file.clone(),
        };
        let Some(base) = listening else {
            bail!(
                "the server did not report its address within {} s{}",
                START_DEADLINE.as_secs(),
                node.log_file
                    .as_ref()
                    .map(|_| format!("; its log:\n{}", node.log_tail()))
                    .unwrap_or_default()
            );
        };
        node.port = port_of(&base)?;
        node.base = base;
        Ok(node)
    }

    /// The server process's id (to read its memory and CPU time in `/proc`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The first secretariat account's password.
    pub fn admin_password(&self) -> &str {
        &self.admin_password
    }

    /// Kill the process without warning, as a power cut or `kill -9` would.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Ask the process to stop, as a service manager would (SIGTERM).
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success());
    }

    /// Wait for the process to exit by itself; its exit status.
    pub fn wait(mut self) -> std::process::ExitStatus {
        self.child.wait().expect("wait for the server")
    }

    /// Whether the process is still running.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// The last lines of its log, when it has a [`NodeOptions::log_file`].
    pub fn log_tail(&self) -> String {
        let Some(path) = &self.log_file else {
            return "(the log went to standard error)".into();
        };
        let log = std::fs::read_to_string(path).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }

    /// A client of this node, not signed in.
    pub fn client(&self) -> Client {
        Client::new(&self.base)
    }

    /// A client signed in as the first secretariat account.
    pub async fn try_secretariat(&self) -> anyhow::Result<Client> {
        self.client()
            .try_sign_in(ADMIN_USERNAME, &self.admin_password)
            .await
    }

    pub async fn secretariat(&self) -> Client {
        must(self.try_secretariat().await)
    }

    pub fn ws_url(&self) -> String {
        format!(
            "ws://{}/ws",
            std::net::SocketAddr::new(self.host, self.port)
        )
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
