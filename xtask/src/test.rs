//! `cargo xtask test [CARGO TEST ARGS...]`: the one command that runs every test, on a
//! machine that may have nothing but the Rust toolchain.
//!
//! 1. Adds the `wasm32-unknown-unknown` target (the browser tests build the client).
//! 2. Finds the system programs the tests drive for real (Chromium and its WebDriver,
//!    PostgreSQL, Redis, nginx for the proxy test, coturn and nftables for the TURN test,
//!    Janus for the media benchmark's comparison, `ip` for network namespaces, a font for
//!    the benchmark's plot). Missing ones are installed with `apt-get` when run
//!    as root on Debian; otherwise the task stops and prints the one command to run.
//! 3. Starts PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) when they do not answer.
//! 4. Builds the protocol crate for WebAssembly, runs both benchmarks once at a tiny size
//!    (so they cannot rot), then `cargo test --workspace` with any extra arguments.
//! 5. Ends with one line adding up every test binary: `tests: N passed, M failed`.
//!
//! A dependency that cannot be had is a failure with its reason, never a skipped test.

use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A program a test drives, and the Debian package that brings it.
struct Need {
    /// An absolute path, or a command looked up on `PATH`.
    program: &'static str,
    package: &'static str,
    why: &'static str,
}

const NEEDS: &[Need] = &[
    Need {
        program: "/usr/bin/chromium",
        package: "chromium",
        why: "the browser tests",
    },
    Need {
        program: "/usr/bin/chromedriver",
        package: "chromium-driver",
        why: "the browser tests drive Chromium through it",
    },
    Need {
        program: "pg_ctlcluster",
        package: "postgresql",
        why: "tests on PostgreSQL",
    },
    Need {
        program: "pg_isready",
        package: "postgresql-client",
        why: "to tell whether PostgreSQL answers",
    },
    Need {
        program: "redis-server",
        package: "redis-server",
        why: "the event bus between nodes",
    },
    Need {
        program: "redis-cli",
        package: "redis-tools",
        why: "to tell whether Redis answers",
    },
    Need {
        program: "janus",
        package: "janus",
        why: "the media benchmark's comparison",
    },
    Need {
        program: "ip",
        package: "iproute2",
        why: "network namespaces: the media benchmark's and the TURN test's",
    },
    Need {
        program: "/usr/sbin/nginx",
        package: "nginx",
        why: "the test of infra/proxy.conf in front of two nodes",
    },
    Need {
        program: "/usr/bin/turnserver",
        package: "coturn",
        why: "the test of a delegate heard through a TURN relay",
    },
    Need {
        program: "/usr/sbin/nft",
        package: "nftables",
        why: "the TURN test's firewall inside its network namespace",
    },
    Need {
        program: "/usr/include/opus/opus.h",
        package: "libopus-dev",
        why: "the sound record's tests encode and decode real Opus with libopus",
    },
    Need {
        program: "pkg-config",
        package: "pkg-config",
        why: "finding libopus for the test kit's build",
    },
    Need {
        program: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        package: "fonts-dejavu-core",
        why: "the media benchmark's plot",
    },
];

/// Install and start what building and testing need: the wasm target, the system
/// packages (libopus among them, which the test kit links), PostgreSQL and Redis.
pub fn setup() -> Result<()> {
    crate::ensure_wasm_target()?;
    let installed_postgres = ensure_packages()?;
    ensure_postgres(installed_postgres)?;
    ensure_redis(&crate::target_dir())
}

pub fn run(cargo_test_args: &[String]) -> Result<()> {
    let root = crate::workspace_root();
    setup()?;

    step("the protocol crate builds for WebAssembly");
    cargo(
        &root,
        &[
            "build",
            "-p",
            "floor-protocol",
            "--target",
            "wasm32-unknown-unknown",
        ],
    )?;

    step("benchmarks, run once at a tiny size so they cannot rot");
    cargo(&root, &["build", "-p", "floor-server", "-p", "floor-bench"])?;
    let bin = crate::target_dir().join("debug");
    let floor = bin.join("floor");
    let floor = floor.to_str().context("target path is not UTF-8")?;
    let smoke = crate::target_dir().join("media-smoke.json");
    let smoke = smoke.to_str().context("target path is not UTF-8")?;
    let smoke_png = crate::target_dir().join("media-smoke.png");
    let smoke_png = smoke_png.to_str().context("target path is not UTF-8")?;
    let tiny = [
        "--listeners",
        "2",
        "--seconds",
        "1",
        "--warmup",
        "1",
        "--no-baseline",
    ];
    program(
        &bin.join("floor-load"),
        &[
            "--server",
            floor,
            "--participants",
            "20",
            "--floor-changes",
            "2",
            "--bare",
        ],
    )?;
    program(
        &bin.join("floor-media-bench"),
        &[&["--server", floor][..], &tiny].concat(),
    )?;
    // The light listeners (rtc's ICE and DTLS, packets counted by their clear header).
    program(
        &bin.join("floor-media-bench"),
        &[&["--server", floor, "--listener", "light"][..], &tiny].concat(),
    )?;
    program(
        &bin.join("floor-media-bench"),
        &[
            &["--server", floor, "--sfu", "floor,janus"][..],
            &tiny,
            &["--json", smoke],
        ]
        .concat(),
    )?;
    program(&bin.join("floor-media-plot"), &[smoke, "--out", smoke_png])?;

    step("cargo test --workspace");
    let (passed, failed) = cargo_test(&root, cargo_test_args)?;
    println!("tests: {passed} passed, {failed} failed");
    if failed > 0 || passed == 0 {
        bail!("the tests did not pass");
    }
    Ok(())
}

fn step(what: &str) {
    println!("\n== {what}");
}

fn cargo(root: &Path, args: &[&str]) -> Result<()> {
    let status = Command::new(crate::cargo())
        .current_dir(root)
        .args(args)
        .status()
        .context("run cargo")?;
    if !status.success() {
        bail!("cargo {} failed ({status})", args.join(" "));
    }
    Ok(())
}

fn program(path: &Path, args: &[&str]) -> Result<()> {
    let status = Command::new(path)
        .args(args)
        .status()
        .with_context(|| format!("run {}", path.display()))?;
    if !status.success() {
        bail!("{} {} failed ({status})", path.display(), args.join(" "));
    }
    Ok(())
}

/// Run `cargo test --workspace --no-fail-fast`, echoing its output, and add up the `test result:` lines of
/// every test binary.
fn cargo_test(root: &Path, extra: &[String]) -> Result<(u64, u64)> {
    let mut child = Command::new(crate::cargo())
        .current_dir(root)
        // Every test binary runs even after one fails, so the closing line counts them all.
        .args(["test", "--workspace", "--no-fail-fast"])
        .args(extra)
        .stdout(Stdio::piped())
        .spawn()
        .context("run cargo test")?;
    let stdout = child.stdout.take().expect("piped");
    let (mut passed, mut failed) = (0, 0);
    let mut out = std::io::stdout();
    for line in BufReader::new(stdout).lines() {
        let line = line.context("read cargo test's output")?;
        writeln!(out, "{line}").ok();
        if let Some((p, f)) = result_counts(&line) {
            passed += p;
            failed += f;
        }
    }
    let status = child.wait().context("wait for cargo test")?;
    if !status.success() && failed == 0 {
        // A build error or a test binary that crashed: no "failed" count says so.
        failed += 1;
        eprintln!("xtask: cargo test exited with {status}");
    }
    Ok((passed, failed))
}

/// `test result: ok. 12 passed; 0 failed; 1 ignored; ...` → (12, 0).
fn result_counts(line: &str) -> Option<(u64, u64)> {
    let rest = line.strip_prefix("test result: ")?;
    let words: Vec<&str> = rest.split_whitespace().collect();
    let count = |label: &str| {
        words
            .windows(2)
            .find(|w| w[1].trim_end_matches(';') == label)
            .and_then(|w| w[0].parse::<u64>().ok())
    };
    Some((count("passed")?, count("failed")?))
}

fn found(program: &str) -> bool {
    if program.starts_with('/') {
        return Path::new(program).exists();
    }
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        || ["/usr/sbin", "/sbin"]
            .iter()
            .any(|dir| Path::new(dir).join(program).is_file())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Install what is missing, or say exactly how. Returns whether PostgreSQL was installed
/// here (its fresh cluster then needs the tests' trust rule).
fn ensure_packages() -> Result<bool> {
    let missing: Vec<&Need> = NEEDS.iter().filter(|n| !found(n.program)).collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut packages: Vec<&str> = missing.iter().map(|n| n.package).collect();
    packages.dedup();
    for n in &missing {
        eprintln!(
            "xtask: missing {} ({}), from package {}",
            n.program, n.why, n.package
        );
    }
    if !is_root() || !found("apt-get") {
        bail!(
            "install the missing packages first, then run this again:\n    \
             sudo apt-get install -y {}",
            packages.join(" ")
        );
    }
    step(&format!("installing {}", packages.join(" ")));
    let update = Command::new("apt-get")
        .args(["update", "-qq"])
        .status()
        .context("run apt-get update")?;
    if !update.success() {
        bail!("apt-get update failed ({update})");
    }
    let status = Command::new("apt-get")
        .args(["install", "-y", "-qq"])
        .args(&packages)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status()
        .context("run apt-get install")?;
    if !status.success() {
        bail!("apt-get install {} failed ({status})", packages.join(" "));
    }
    if let Some(n) = NEEDS.iter().find(|n| !found(n.program)) {
        bail!(
            "{} is still missing after installing {}",
            n.program,
            n.package
        );
    }
    Ok(packages.contains(&"postgresql"))
}

fn wait_until(what: &str, limit: Duration, mut ready: impl FnMut() -> bool) -> Result<()> {
    let deadline = Instant::now() + limit;
    while !ready() {
        if Instant::now() > deadline {
            bail!("{what} did not answer within {} s", limit.as_secs());
        }
        // A service started in the background has no event to wait on: polling its own
        // readiness check, with the deadline above, is the wait.
        std::thread::sleep(Duration::from_millis(200));
    }
    Ok(())
}

fn quiet(cmd: &mut Command) -> bool {
    cmd.stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn postgres_answers() -> bool {
    quiet(Command::new("pg_isready").args(["-h", "127.0.0.1", "-p", "5432", "-q"]))
}

/// The tests connect as `postgres` to 127.0.0.1:5432 without a password.
fn ensure_postgres(installed_here: bool) -> Result<()> {
    if postgres_answers() {
        return Ok(());
    }
    let versions: Vec<String> = std::fs::read_dir("/etc/postgresql")
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let Some(version) = versions.iter().max() else {
        bail!("PostgreSQL is installed but has no cluster under /etc/postgresql");
    };
    if !is_root() {
        bail!(
            "PostgreSQL does not answer on 127.0.0.1:5432; start it:\n    \
             sudo pg_ctlcluster {version} main start"
        );
    }
    if installed_here {
        // A cluster Debian just made asks for passwords over TCP; the tests' throwaway
        // databases are reached as `postgres` from this machine only.
        let hba = format!("/etc/postgresql/{version}/main/pg_hba.conf");
        let old = std::fs::read_to_string(&hba).with_context(|| format!("read {hba}"))?;
        let rules = "host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust\n";
        std::fs::write(&hba, format!("{rules}{old}")).with_context(|| format!("write {hba}"))?;
    }
    step(&format!("starting PostgreSQL {version}"));
    let status = Command::new("pg_ctlcluster")
        .args(["--skip-systemctl-redirect", version, "main", "start"])
        .status()
        .context("run pg_ctlcluster")?;
    if !status.success() {
        bail!("pg_ctlcluster {version} main start failed ({status})");
    }
    wait_until("PostgreSQL", Duration::from_secs(30), postgres_answers)
}

fn redis_answers() -> bool {
    quiet(Command::new("redis-cli").args(["-h", "127.0.0.1", "-p", "6379", "ping"]))
}

/// Redis keeps nothing on disk for the tests; any user can start one.
fn ensure_redis(target: &Path) -> Result<()> {
    if redis_answers() {
        return Ok(());
    }
    let dir = target.join("services").join("redis");
    std::fs::create_dir_all(&dir).with_context(|| format!("create {}", dir.display()))?;
    step("starting Redis on 127.0.0.1:6379");
    let dir_arg = dir.to_str().context("target path is not UTF-8")?;
    let log = dir.join("redis.log");
    let log = log.to_str().context("target path is not UTF-8")?;
    let status = Command::new("redis-server")
        .args([
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "-::1",
            "--port",
            "6379",
        ])
        .args([
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            dir_arg,
            "--logfile",
            log,
        ])
        .status()
        .context("run redis-server")?;
    if !status.success() {
        bail!("redis-server failed to start ({status}); see {log}");
    }
    wait_until("Redis", Duration::from_secs(10), redis_answers)
}

#[cfg(test)]
mod tests {
    use super::result_counts;

    #[test]
    fn adds_up_the_closing_line_of_a_test_binary() {
        assert_eq!(
            result_counts(
                "test result: ok. 40 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 3.2s"
            ),
            Some((40, 0))
        );
        assert_eq!(
            result_counts("test result: FAILED. 3 passed; 2 failed; 0 ignored"),
            Some((3, 2))
        );
        assert_eq!(result_counts("running 3 tests"), None);
    }
}
