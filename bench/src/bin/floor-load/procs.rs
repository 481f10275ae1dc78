//! The bare broadcast server as a child process (its address read as the test kit reads a
//! node's), and the open-files limit. The `floor` server under test and `/proc` readings
//! come from the crate's library (`floor_bench::server`, `floor_bench::procfs`), shared
//! with `floor-media-bench`.

use anyhow::{bail, Context};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The bare broadcast server (this binary's `bare-server`), killed when dropped.
pub struct BareServer {
    child: Child,
    pub pid: u32,
    pub port: u16,
}

impl BareServer {
    /// Start this same binary as `floor-load bare-server --addr 127.0.0.1:0` and learn its
    /// port from the line it prints.
    pub fn start() -> anyhow::Result<BareServer> {
        const PREFIX: &str = "bare-server listening on ";
        let exe = std::env::current_exe().context("finding this binary")?;
        let mut child = Command::new(exe)
            .args(["bare-server", "--addr", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .context("starting the bare server")?;
        let pid = child.id();
        let announced = floor_testkit::node::announced(&mut child, PREFIX, Duration::from_secs(60));
        let mut me = BareServer {
            child,
            pid,
            port: 0,
        };
        let Some(addr) = announced else {
            bail!("the bare server reported no address within 60 s");
        };
        me.port = floor_testkit::node::port_of(&addr)?;
        Ok(me)
    }

    pub fn ws_url(&self) -> String {
        format!("ws://127.0.0.1:{}/ws", self.port)
    }
}

impl Drop for BareServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
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
