//! What the kernel knows about a process and the machine: CPU time, resident memory, and
//! UDP drop counters, read from `/proc` (Linux only).

use anyhow::{anyhow, Context};

/// Clock ticks per second, the unit of CPU times in `/proc/<pid>/stat` and `/proc/stat`.
pub fn clock_ticks_per_second() -> f64 {
    // SAFETY: sysconf has no preconditions and only reads a constant.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 {
        t as f64
    } else {
        100.0
    }
}

/// The machine's online CPUs, whatever this process's affinity.
pub fn online_cpus() -> usize {
    // SAFETY: sysconf has no preconditions and only reads a constant.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    usize::try_from(n).ok().filter(|n| *n > 0).unwrap_or(1)
}

/// Restrict the calling thread (and the threads and processes it starts from now on) to
/// the CPUs in `cpus`.
pub fn pin_to(cpus: &[usize]) -> std::io::Result<()> {
    // SAFETY: a zeroed cpu_set_t is the empty set; CPU_SET and sched_setaffinity only
    // read and write that local set.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        for &c in cpus {
            libc::CPU_SET(c, &mut set);
        }
        if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// User plus system CPU time of a process so far, in seconds.
pub fn process_cpu_seconds(pid: u32) -> anyhow::Result<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .with_context(|| format!("reading /proc/{pid}/stat"))?;
    let (utime, stime) = parse_stat_times(&stat)?;
    Ok((utime + stime) as f64 / clock_ticks_per_second())
}

/// User and system CPU time of one thread `tid` of process `pid`, in seconds.
pub fn thread_cpu_seconds(pid: u32, tid: i32) -> anyhow::Result<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/task/{tid}/stat"))
        .with_context(|| format!("reading /proc/{pid}/task/{tid}/stat"))?;
    let (utime, stime) = parse_stat_times(&stat)?;
    Ok((utime + stime) as f64 / clock_ticks_per_second())
}

/// `utime` and `stime` (fields 14 and 15) of a `/proc/<pid>/stat` line, in clock ticks.
pub fn parse_stat_times(stat: &str) -> anyhow::Result<(u64, u64)> {
    // The command name (field 2) is in parentheses and may contain spaces: count the
    // fields after its closing parenthesis, where field 3 (the state) is the first.
    let after = stat
        .rfind(')')
        .map(|i| &stat[i + 1..])
        .ok_or_else(|| anyhow!("no command name in {stat:?}"))?;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let field = |n: usize| -> anyhow::Result<u64> {
        fields
            .get(n - 3)
            .ok_or_else(|| anyhow!("no field {n} in {stat:?}"))?
            .parse()
            .with_context(|| format!("field {n} of {stat:?}"))
    };
    Ok((field(14)?, field(15)?))
}

/// Resident memory of a process, in KiB (`VmRSS`).
pub fn process_rss_kib(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .with_context(|| format!("reading /proc/{pid}/status"))?;
    parse_vm_rss(&status).ok_or_else(|| anyhow!("no VmRSS in /proc/{pid}/status"))
}

pub fn parse_vm_rss(status: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

/// All CPUs' time so far, in clock ticks: (busy, total).
#[derive(Debug, Clone, Copy, Default)]
pub struct MachineCpu {
    pub busy: u64,
    pub total: u64,
}

pub fn machine_cpu() -> anyhow::Result<MachineCpu> {
    let stat = std::fs::read_to_string("/proc/stat").context("reading /proc/stat")?;
    parse_machine_cpu(&stat).ok_or_else(|| anyhow!("no cpu line in /proc/stat"))
}

pub fn parse_machine_cpu(stat: &str) -> Option<MachineCpu> {
    let line = stat.lines().find(|l| l.starts_with("cpu "))?;
    let v: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|f| f.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal (guest time is already in user).
    let total: u64 = v.iter().take(8).sum();
    let idle = v.get(3).copied().unwrap_or(0) + v.get(4).copied().unwrap_or(0);
    Some(MachineCpu {
        busy: total.saturating_sub(idle),
        total,
    })
}

/// The kernel's UDP counters for this network namespace (every socket in it: on the
/// loopback, the server's and the bench's alike).
#[derive(Debug, Clone, Copy, Default)]
pub struct UdpCounters {
    pub out_datagrams: u64,
    pub rcvbuf_errors: u64,
    pub sndbuf_errors: u64,
}

pub fn udp_counters() -> UdpCounters {
    udp_counters_in("/proc/net/snmp")
}

/// The UDP counters of the network namespace process `pid` is in (that of a server in a
/// namespace of its own, see [`crate::netns`]).
pub fn udp_counters_of(pid: u32) -> UdpCounters {
    udp_counters_in(&format!("/proc/{pid}/net/snmp"))
}

fn udp_counters_in(path: &str) -> UdpCounters {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|s| parse_udp_counters(&s))
        .unwrap_or_default()
}

impl std::ops::Add for UdpCounters {
    type Output = UdpCounters;
    fn add(self, o: UdpCounters) -> UdpCounters {
        UdpCounters {
            out_datagrams: self.out_datagrams + o.out_datagrams,
            rcvbuf_errors: self.rcvbuf_errors + o.rcvbuf_errors,
            sndbuf_errors: self.sndbuf_errors + o.sndbuf_errors,
        }
    }
}

/// The threads of process `pid` now (`Threads:` in its status).
pub fn threads_of(pid: u32) -> Option<u64> {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))?
        .trim()
        .parse()
        .ok()
}

pub fn parse_udp_counters(snmp: &str) -> Option<UdpCounters> {
    let mut udp = snmp.lines().filter(|l| l.starts_with("Udp:"));
    let names: Vec<&str> = udp.next()?.split_whitespace().skip(1).collect();
    let values: Vec<u64> = udp
        .next()?
        .split_whitespace()
        .skip(1)
        .filter_map(|v| v.parse().ok())
        .collect();
    let get = |name: &str| {
        names
            .iter()
            .position(|n| *n == name)
            .and_then(|i| values.get(i).copied())
            .unwrap_or(0)
    };
    Some(UdpCounters {
        out_datagrams: get("OutDatagrams"),
        rcvbuf_errors: get("RcvbufErrors"),
        sndbuf_errors: get("SndbufErrors"),
    })
}

/// Datagrams the kernel dropped on arrival (a full receive buffer) so far, summed over the
/// UDP sockets process `pid` has open.
pub fn udp_drops_of(pid: u32) -> u64 {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return 0;
    };
    let inodes: std::collections::HashSet<u64> = fds
        .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
        .filter_map(|l| {
            l.to_str()?
                .strip_prefix("socket:[")?
                .strip_suffix(']')?
                .parse()
                .ok()
        })
        .collect();
    // The tables of the process's own network namespace.
    ["udp", "udp6"]
        .iter()
        .filter_map(|t| std::fs::read_to_string(format!("/proc/{pid}/net/{t}")).ok())
        .map(|table| {
            parse_udp_table(&table)
                .filter(|(inode, _)| inodes.contains(inode))
                .map(|(_, drops)| drops)
                .sum::<u64>()
        })
        .sum()
}

/// (inode, drops) of each socket in a `/proc/net/udp` table.
pub fn parse_udp_table(table: &str) -> impl Iterator<Item = (u64, u64)> + '_ {
    table.lines().skip(1).filter_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        Some((f.get(9)?.parse().ok()?, f.get(12)?.parse().ok()?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_times_skip_a_command_name_with_spaces() {
        let stat = "4242 (floor (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 567 0 0 20 0 9 0 100 200 300";
        assert_eq!(parse_stat_times(stat).unwrap(), (1234, 567));
    }

    #[test]
    fn rss_and_machine_cpu_and_udp() {
        assert_eq!(
            parse_vm_rss("Name:\tfloor\nVmRSS:\t   20480 kB\nVmSwap:\t0 kB\n"),
            Some(20480)
        );
        let m = parse_machine_cpu("cpu  10 1 5 100 4 0 2 0 0 0\ncpu0 1 1 1 1 1 1 1 1\n").unwrap();
        assert_eq!((m.busy, m.total), (18, 122));
        let u = parse_udp_counters(
            "Ip: a b\nIp: 1 2\nUdp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors\nUdp: 100 1 7 90 6 3 0\n",
        )
        .unwrap();
        assert_eq!(
            (u.out_datagrams, u.rcvbuf_errors, u.sndbuf_errors),
            (90, 6, 3)
        );
    }

    #[test]
    fn udp_table_rows_give_inode_and_drops() {
        let t = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n  397: 0100007F:B089 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 111265 2 000000004a14c19a 17\n";
        assert_eq!(parse_udp_table(t).collect::<Vec<_>>(), vec![(111265, 17)]);
    }

    #[test]
    fn this_process_is_readable() {
        let me = std::process::id();
        assert!(process_cpu_seconds(me).unwrap() >= 0.0);
        assert!(process_rss_kib(me).unwrap() > 0);
        assert!(machine_cpu().unwrap().total > 0);
        let _socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        assert_eq!(udp_drops_of(me), 0);
        assert!(threads_of(me).unwrap() >= 1);
        let here = udp_counters();
        let mine = udp_counters_of(me);
        assert!(mine.out_datagrams >= here.out_datagrams);
    }
}
