//! Where a server under test runs: which CPUs, and which network namespace.

use std::os::unix::process::CommandExt;
use std::process::Command;

/// Have the child `command` starts enter the network namespace open at `netns_fd` (see
/// [`crate::netns::enter`]) and run on `cpus` only, if given, before it executes the
/// program: the child is then the server itself, whose `/proc/<pid>` the benchmark reads.
pub fn place(command: &mut Command, netns_fd: Option<i32>, cpus: Option<Vec<usize>>) {
    if netns_fd.is_none() && cpus.is_none() {
        return;
    }
    // SAFETY: between fork and exec only setns and sched_setaffinity run, plain system
    // calls on values prepared before the fork (async-signal-safe).
    unsafe {
        command.pre_exec(move || {
            if let Some(fd) = netns_fd {
                crate::netns::enter(fd)?;
            }
            if let Some(cpus) = &cpus {
                crate::procfs::pin_to(cpus)?;
            }
            Ok(())
        });
    }
}
