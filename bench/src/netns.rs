//! A network namespace joined to this one by a veth pair, for running an SFU under test
//! on an address that is not loopback.
//!
//! Why: Janus (libnice) gathers no ICE candidate on the loopback interface, whatever its
//! settings, so it cannot be measured the way Floor is (everything on 127.0.0.1). Two
//! addresses of the same namespace would not do either: the kernel routes traffic between
//! local addresses through loopback. So the SFU runs in a namespace of its own, at
//! [`Veth::sfu_ip`], and the benchmark's peers stay in this one, at [`Veth::tool_ip`]: every
//! packet crosses the veth pair. For a fair comparison both SFUs are measured this way.
//!
//! Made with iproute2 (`ip netns add`, `ip link add ... type veth peer ...`), which needs
//! root (CAP_NET_ADMIN and CAP_SYS_ADMIN). The namespace is named after this process
//! (`floorbench-<pid>`) and removed on drop, so also on an error or Ctrl-C (the benchmark
//! drops everything then). One left by a run that was killed is removed by
//! [`clean_stale`] at the next start: its owner's pid no longer runs.

use anyhow::{bail, Context};
use std::fs::File;
use std::net::Ipv4Addr;
use std::os::fd::AsRawFd;
use std::path::PathBuf;
use std::process::Command;

/// Every namespace this tool makes is named `floorbench-<pid of the run>`.
pub const PREFIX: &str = "floorbench-";

/// The addresses: `10.200.0.1` for the SFU (in the namespace), `10.200.0.2` for the peers.
pub const SFU_IP: Ipv4Addr = Ipv4Addr::new(10, 200, 0, 1);
pub const TOOL_IP: Ipv4Addr = Ipv4Addr::new(10, 200, 0, 2);
const PREFIX_LEN: u8 = 24;

/// The namespace's name and the two veth ends' names for the run of process `pid`
/// (interface names have at most 15 bytes).
pub fn names(pid: u32) -> (String, String, String) {
    (
        format!("{PREFIX}{pid}"),
        format!("fbh{pid}"),
        format!("fbs{pid}"),
    )
}

/// The namespace names in the output of `ip netns list` (`name` or `name (id: 3)`).
pub fn parse_netns_list(out: &str) -> Vec<String> {
    out.lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// The pid of the run that made namespace `name`, if this tool made it.
pub fn owner_pid(name: &str) -> Option<u32> {
    name.strip_prefix(PREFIX)?.parse().ok()
}

fn ip(args: &[&str]) -> anyhow::Result<String> {
    let out = Command::new("ip")
        .args(args)
        .output()
        .with_context(|| format!("running `ip {}` (is iproute2 installed?)", args.join(" ")))?;
    if !out.status.success() {
        bail!(
            "`ip {}` failed ({}): {}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Whether a temporary folder's name is one a server of the run of `pid` made:
/// `floor-bench-<pid>-<n>` (Floor's) or `floor-bench-janus-<pid>-<n>` (Janus's).
pub fn is_folder_of_run(name: &str, pid: u32) -> bool {
    let rest = name
        .strip_prefix("floor-bench-janus-")
        .or_else(|| name.strip_prefix("floor-bench-"));
    match rest.and_then(|r| r.split_once('-')) {
        Some((p, n)) => {
            p == pid.to_string() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

fn process_runs(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
}

/// Remove the namespaces (and their veth pairs) of runs of this tool that no longer run,
/// first killing what still runs in them (a server of that run, orphaned when it was
/// killed), and those servers' temporary folders. Fails if another run of this tool is
/// going on: they would share addresses.
pub fn clean_stale() -> anyhow::Result<Vec<String>> {
    let mut removed = Vec::new();
    for name in parse_netns_list(&ip(&["netns", "list"])?) {
        let Some(owner) = owner_pid(&name) else {
            continue;
        };
        if owner == std::process::id() {
            continue;
        }
        if process_runs(owner) {
            bail!(
                "network namespace {name} belongs to a run of this benchmark that is still going on (pid {owner}); \
                 two runs cannot share {SFU_IP}/{PREFIX_LEN}"
            );
        }
        if let Ok(pids) = ip(&["netns", "pids", &name]) {
            for pid in pids
                .split_whitespace()
                .filter_map(|p| p.parse::<i32>().ok())
            {
                // SAFETY: kill has no memory-safety preconditions.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
        }
        let (_, host_if, _) = names(owner);
        let _ = ip(&["link", "del", &host_if]);
        ip(&["netns", "del", &name])?;
        // The servers' temporary folders of that run (database, Janus's configuration).
        if let Ok(dir) = std::fs::read_dir(std::env::temp_dir()) {
            for e in dir.flatten() {
                if is_folder_of_run(&e.file_name().to_string_lossy(), owner) {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        removed.push(name);
    }
    Ok(removed)
}

/// The namespace and its veth pair, removed on drop.
pub struct Veth {
    pub name: String,
    host_if: String,
    pub sfu_ip: Ipv4Addr,
    pub tool_ip: Ipv4Addr,
    /// The namespace, open, for [`enter`] in a child before it executes the server.
    handle: File,
}

impl Veth {
    /// Make the namespace `floorbench-<this pid>`, the veth pair between it and this
    /// namespace, the addresses ([`SFU_IP`] inside, [`TOOL_IP`] here), and bring
    /// everything up (loopback inside too).
    pub fn create() -> anyhow::Result<Veth> {
        let (name, host_if, sfu_if) = names(std::process::id());
        ip(&["netns", "add", &name]).context(
            "making a network namespace (the comparison with Janus needs root, and iproute2)",
        )?;
        // From here on, dropping `veth` removes what was made, should a step fail.
        let handle = match File::open(format!("/run/netns/{name}")) {
            Ok(f) => f,
            Err(e) => {
                let _ = ip(&["netns", "del", &name]);
                return Err(e).context(format!("opening /run/netns/{name}"));
            }
        };
        let veth = Veth {
            name,
            host_if,
            sfu_ip: SFU_IP,
            tool_ip: TOOL_IP,
            handle,
        };
        let ns = veth.name.as_str();
        let sfu_cidr = format!("{SFU_IP}/{PREFIX_LEN}");
        let tool_cidr = format!("{TOOL_IP}/{PREFIX_LEN}");
        ip(&[
            "link",
            "add",
            &veth.host_if,
            "type",
            "veth",
            "peer",
            "name",
            &sfu_if,
            "netns",
            ns,
        ])?;
        ip(&["addr", "add", &tool_cidr, "dev", &veth.host_if])?;
        ip(&["link", "set", &veth.host_if, "up"])?;
        ip(&["-n", ns, "addr", "add", &sfu_cidr, "dev", &sfu_if])?;
        ip(&["-n", ns, "link", "set", &sfu_if, "up"])?;
        ip(&["-n", ns, "link", "set", "lo", "up"])?;
        Ok(veth)
    }

    /// The namespace's file descriptor, valid while `self` lives.
    pub fn fd(&self) -> i32 {
        self.handle.as_raw_fd()
    }

    /// `/run/netns/<name>`.
    pub fn path(&self) -> PathBuf {
        PathBuf::from(format!("/run/netns/{}", self.name))
    }
}

impl Drop for Veth {
    fn drop(&mut self) {
        // Deleting one end deletes the pair; the namespace goes when its last process has.
        let _ = ip(&["link", "del", &self.host_if]);
        if let Err(e) = ip(&["netns", "del", &self.name]) {
            eprintln!(
                "floor-media-bench: removing network namespace {}: {e:#}",
                self.name
            );
        }
    }
}

/// Move the calling thread into the network namespace open at `fd`. Meant for a child
/// between fork and exec (setns is a plain system call, safe there), so that the server
/// is the child itself: its pid is the one whose CPU time is read, with no
/// `ip netns exec` wrapper in between.
pub fn enter(fd: i32) -> std::io::Result<()> {
    // SAFETY: setns only reads the descriptor and changes this thread's namespace.
    if unsafe { libc::setns(fd, libc::CLONE_NEWNET) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// Whether process `pid` is in the same network namespace as this one.
pub fn same_netns(pid: u32) -> bool {
    let mine = std::fs::read_link("/proc/self/ns/net");
    let theirs = std::fs::read_link(format!("/proc/{pid}/ns/net"));
    matches!((mine, theirs), (Ok(a), Ok(b)) if a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fit_interface_names_and_lead_back_to_the_run() {
        let (ns, host, sfu) = names(4_194_304);
        assert_eq!(ns, "floorbench-4194304");
        assert!(host.len() <= 15 && sfu.len() <= 15 && host != sfu);
        assert_eq!(owner_pid(&ns), Some(4_194_304));
        assert_eq!(owner_pid("floorbench-x"), None);
        assert_eq!(owner_pid("other-12"), None);
    }

    #[test]
    fn temporary_folders_of_a_run() {
        assert!(is_folder_of_run("floor-bench-20777-2254424959", 20777));
        assert!(is_folder_of_run("floor-bench-janus-20777-12", 20777));
        assert!(!is_folder_of_run("floor-bench-janus-20778-12", 20777));
        assert!(!is_folder_of_run("floor-bench-207770-1", 20777));
        assert!(!is_folder_of_run("floor-bench-20777-", 20777));
        assert!(!is_folder_of_run("floor-bench-20777", 20777));
        assert!(!is_folder_of_run("other-20777-1", 20777));
    }

    #[test]
    fn netns_list_with_and_without_ids() {
        assert_eq!(
            parse_netns_list("floorbench-12 (id: 0)\nblue\n\n"),
            vec!["floorbench-12".to_string(), "blue".to_string()]
        );
    }

    #[test]
    fn this_process_shares_its_own_namespace() {
        assert!(same_netns(std::process::id()));
    }
}
