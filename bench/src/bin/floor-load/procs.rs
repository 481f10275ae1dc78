//! Child processes (the `floor` server under test and the bare broadcast server) and what
//! `/proc` says about them: resident memory and CPU time (Linux only).

use anyhow::{anyhow, bail, Context};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const ADMIN_USERNAME: &str = "secretariat";

/// A child server, killed (and its temporary folder removed) when dropped.
pub struct Child2 {
    child: Child,
    pub pid: u32,
    pub port: u16,
    pub admin_password: String,
    dir: Option<PathBuf>,
}

impl Child2 {
    /// Start `floor` with a fresh SQLite database in a temporary folder, no demo data and
    /// a secretariat account; learn its port from the "Floor listening on" line.
    pub fn start_floor(binary: &Path) -> anyhow::Result<Child2> {
        let dir = std::env::temp_dir().join(format!(
            "floor-load-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        ));
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let admin_password = format!("load-{:x}", std::process::id() as u64 * 7919 + 12345);
        let log = std::fs::File::create(dir.join("server.log"))?;
        let mut cmd = Command::new(binary);
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("FLOOR_ADDR", "127.0.0.1:0")
            .env(
                "DATABASE_URL",
                format!("sqlite://{}/floor.db?mode=rwc", dir.display()),
            )
            .env("FLOOR_FILES_DIR", dir.join("files"))
            .env("FLOOR_DEMO", "false")
            .env("FLOOR_ADMIN_USERNAME", ADMIN_USERNAME)
            .env("FLOOR_ADMIN_PASSWORD", &admin_password)
            .env("FLOOR_MEDIA_ADDR", "127.0.0.1:0")
            .env(
                "RUST_LOG",
                std::env::var("FLOOR_LOAD_SERVER_LOG").unwrap_or_else(|_| "warn".into()),
            )
            .stderr(log);
        let what = format!(
            "starting {} (build it first: cargo build --release -p floor-server)",
            binary.display()
        );
        Self::spawn(cmd, "Floor listening on ", &what, Some(dir), admin_password)
    }

    /// Start this same binary as `floor-load bare-server --addr 127.0.0.1:0`.
    pub fn start_bare() -> anyhow::Result<Child2> {
        let exe = std::env::current_exe().context("finding this binary")?;
        let mut cmd = Command::new(exe);
        cmd.args(["bare-server", "--addr", "127.0.0.1:0"])
            .stderr(Stdio::inherit());
        Self::spawn(
            cmd,
            "bare-server listening on ",
            "starting the bare server",
            None,
            String::new(),
        )
    }

    fn spawn(
        mut cmd: Command,
        prefix: &'static str,
        what: &str,
        dir: Option<PathBuf>,
        admin_password: String,
    ) -> anyhow::Result<Child2> {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .with_context(|| what.to_string())?;
        let pid = child.id();
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            for line in lines.by_ref() {
                let Ok(line) = line else { break };
                if let Some(base) = line.strip_prefix(prefix) {
                    let _ = tx.send(base.trim().to_string());
                    break;
                }
            }
            // Keep draining so the child never blocks on a full pipe.
            for _ in lines {}
        });
        let mut me = Child2 {
            child,
            pid,
            port: 0,
            admin_password,
            dir,
        };
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(addr) => {
                me.port = addr
                    .rsplit(':')
                    .next()
                    .and_then(|p| p.trim_end_matches('/').parse().ok())
                    .with_context(|| format!("no port in {addr:?}"))?;
                Ok(me)
            }
            Err(_) => bail!("{what}: no address reported within 60 s{}", me.log_tail()),
        }
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn ws_url(&self) -> String {
        format!("ws://127.0.0.1:{}/ws", self.port)
    }

    pub fn log_tail(&self) -> String {
        let Some(dir) = &self.dir else {
            return String::new();
        };
        let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        format!(
            "; its log:\n{}",
            lines[lines.len().saturating_sub(30)..].join("\n")
        )
    }
}

impl Drop for Child2 {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn clock_ticks_per_second() -> f64 {
    // SAFETY: sysconf has no preconditions and only reads a constant.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 {
        t as f64
    } else {
        100.0
    }
}

/// User plus system CPU time of a process so far, in seconds.
pub fn cpu_seconds(pid: u32) -> anyhow::Result<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .with_context(|| format!("reading /proc/{pid}/stat"))?;
    // Fields after the command name (in parentheses, may contain spaces); field 3 first.
    let after = stat
        .rfind(')')
        .map(|i| &stat[i + 1..])
        .ok_or_else(|| anyhow!("no command name in {stat:?}"))?;
    let f: Vec<&str> = after.split_whitespace().collect();
    let field = |n: usize| -> anyhow::Result<u64> {
        f.get(n - 3)
            .ok_or_else(|| anyhow!("no field {n}"))?
            .parse()
            .context("a /proc stat field")
    };
    Ok((field(14)? + field(15)?) as f64 / clock_ticks_per_second())
}

/// Resident memory of a process, in KiB (`VmRSS`).
pub fn rss_kib(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .with_context(|| format!("reading /proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| anyhow!("no VmRSS in /proc/{pid}/status"))
}

/// Raise the soft open-files limit to the hard one (children inherit it); returns it.
pub fn raise_fd_limit() -> u64 {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit write to / read from a valid rlimit struct.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
            libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim);
        }
    }
    lim.rlim_cur
}
