//! A delegate whose network drops UDP to the SFU's media port is heard through Debian's
//! coturn, given the server's TURN shared secret.
//!
//! The delegate's WebRTC peer lives in a network namespace the test makes (joined to
//! this one by a veth pair on a private /30, removed at the end), whose own firewall
//! (nftables, inside the namespace only) drops UDP towards the media port. The SFU and
//! coturn listen on this side's end of the pair. The delegate's signalling goes over a
//! WebSocket from this side, as it would through a proxy that still passes TCP.
//!
//! coturn writes its log to a file, printed when the test fails; it is started with a
//! parent-death signal, so a killed test takes it along. A namespace and veth pair left
//! by a killed run (named after a process that no longer exists) are removed first.

use floor_protocol::frames::{ClientFrame, ServerFrame};
use floor_protocol::*;
use floor_testkit::peer::{speech::*, *};
use floor_testkit::*;
use std::net::Ipv4Addr;
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

const TURNSERVER: &str = "/usr/bin/turnserver";
const RELAYED: u32 = 0x7E1A;

fn run(program: &str, args: &[&str]) -> String {
    let out = Process::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} {}: {e}", args.join(" ")));
    assert!(
        out.status.success(),
        "{program} {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A network namespace joined to this one by a veth pair on `10.201.N.0/30`: `host` on
/// this side, `inside` in the namespace. Removed (with the pair) when dropped.
struct Namespace {
    name: String,
    host_if: String,
    host: Ipv4Addr,
    inside: Ipv4Addr,
}

impl Namespace {
    fn create() -> Namespace {
        let pid = std::process::id();
        let name = format!("floorturn-{pid}");
        let (host_if, inside_if) = (format!("ftt{pid}"), format!("ftd{pid}"));
        // A /30 of 10.201.0.0/16 picked by the process id: two test runs at once do not
        // share one.
        let block = (pid % 16_384) * 4;
        let host = Ipv4Addr::new(10, 201, (block / 256) as u8, (block % 256 + 1) as u8);
        let inside = Ipv4Addr::new(10, 201, (block / 256) as u8, (block % 256 + 2) as u8);
        run("ip", &["netns", "add", &name]);
        let ns = Namespace {
            name,
            host_if,
            host,
            inside,
        };
        let n = ns.name.as_str();
        run(
            "ip",
            &[
                "link",
                "add",
                &ns.host_if,
                "type",
                "veth",
                "peer",
                "name",
                &inside_if,
                "netns",
                n,
            ],
        );
        run(
            "ip",
            &["addr", "add", &format!("{host}/30"), "dev", &ns.host_if],
        );
        run("ip", &["link", "set", &ns.host_if, "up"]);
        run(
            "ip",
            &[
                "-n",
                n,
                "addr",
                "add",
                &format!("{inside}/30"),
                "dev",
                &inside_if,
            ],
        );
        run("ip", &["-n", n, "link", "set", &inside_if, "up"]);
        run("ip", &["-n", n, "link", "set", "lo", "up"]);
        ns
    }

    /// Inside the namespace only: drop UDP to `port` of this side's address, counted.
    fn drop_udp_to(&self, port: u16) {
        let rules = format!(
            "table inet floor_turn_test {{\n  chain out {{\n    type filter hook output priority 0;\n    \
             ip daddr {} udp dport {port} counter drop\n  }}\n}}\n",
            self.host
        );
        let path = std::env::temp_dir().join(format!("{}.nft", self.name));
        std::fs::write(&path, rules).unwrap();
        run(
            "ip",
            &[
                "netns",
                "exec",
                &self.name,
                "nft",
                "-f",
                path.to_str().unwrap(),
            ],
        );
        let _ = std::fs::remove_file(path);
    }

    /// Packets the namespace's firewall dropped so far.
    fn dropped(&self) -> u64 {
        let listed = run(
            "ip",
            &[
                "netns",
                "exec",
                &self.name,
                "nft",
                "list",
                "table",
                "inet",
                "floor_turn_test",
            ],
        );
        listed
            .split_whitespace()
            .skip_while(|w| *w != "packets")
            .nth(1)
            .and_then(|n| n.parse().ok())
            .expect("a counter in the namespace's rule")
    }
}

impl Drop for Namespace {
    fn drop(&mut self) {
        // Deleting one end deletes the pair; then the namespace, with its firewall.
        let _ = Process::new("ip")
            .args(["link", "del", &self.host_if])
            .output();
        let _ = Process::new("ip")
            .args(["netns", "del", &self.name])
            .output();
    }
}

/// Whether a process with this id is running.
fn alive(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
}

/// Removes the `floorturn-<pid>` namespaces and `ftt<pid>` veth ends of earlier runs whose
/// process is gone (killed before its `Drop` ran).
fn remove_stale_namespaces() {
    let stale = |name: &str, prefix: &str| {
        name.strip_prefix(prefix)
            .and_then(|pid| pid.parse::<u32>().ok())
            .is_some_and(|pid| pid != std::process::id() && !alive(pid))
    };
    for line in run("ip", &["-o", "link", "show"]).lines() {
        // "7: ftt1234@if6: <BROADCAST,...": the name, without its peer.
        let Some(name) = line.split(": ").nth(1) else {
            continue;
        };
        let name = name.split('@').next().unwrap_or(name);
        if stale(name, "ftt") {
            let _ = Process::new("ip").args(["link", "del", name]).output();
        }
    }
    for line in run("ip", &["netns", "list"]).lines() {
        let name = line.split_whitespace().next().unwrap_or("");
        if stale(name, "floorturn-") {
            let _ = Process::new("ip").args(["netns", "del", name]).output();
        }
    }
}

/// coturn, its log file and its folder: stopped and removed when dropped, the log printed
/// first if the test is failing.
struct Coturn {
    child: Child,
    dir: std::path::PathBuf,
    log: std::path::PathBuf,
}

impl Coturn {
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until coturn answers a STUN Binding request on `at`: each request waits
    /// 200 ms for its answer, and is sent again until the deadline.
    fn wait_listening(&self, from: Ipv4Addr, at: std::net::SocketAddr) {
        let socket = std::net::UdpSocket::bind((from, 0)).unwrap();
        socket
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        // Binding request (RFC 8489): type 0x0001, no attributes, the magic cookie, and a
        // transaction id of our own.
        let mut request = vec![0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42];
        let transaction = *b"floor-turn-t";
        request.extend_from_slice(&transaction);
        let deadline = Instant::now() + DEADLINE;
        let mut answer = [0u8; 512];
        while Instant::now() < deadline {
            socket.send_to(&request, at).unwrap();
            if let Ok((n, _)) = socket.recv_from(&mut answer) {
                // A Binding success response (0x0101) to our transaction.
                if n >= 20 && answer[..2] == [0x01, 0x01] && answer[8..20] == transaction {
                    return;
                }
            }
        }
        // Dropping `Coturn` while panicking prints its log.
        panic!("coturn did not answer a STUN Binding request on {at} within {DEADLINE:?}");
    }
}

impl Drop for Coturn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!("coturn's log:\n{}", self.log());
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A UDP port free on `ip` now.
fn free_udp_port(ip: Ipv4Addr) -> u16 {
    std::net::UdpSocket::bind((ip, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_delegate_whose_udp_to_the_media_port_is_dropped_is_heard_through_coturn() {
    assert!(
        std::path::Path::new(TURNSERVER).exists(),
        "{TURNSERVER} is missing: install Debian's coturn (`cargo xtask test` does, as root)"
    );
    remove_stale_namespaces();
    let ns = Namespace::create();
    let secret = format!("relay-secret-{}", std::process::id());
    let turn_port = free_udp_port(ns.host);
    let dir = std::env::temp_dir().join(format!("floor-coturn-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("turnserver.log");
    let log_file = std::fs::File::create(&log).unwrap();
    let mut turnserver = Process::new(TURNSERVER);
    turnserver
        .args([
            "-n",
            "--no-cli",
            "--no-tls",
            "--no-dtls",
            "--use-auth-secret",
        ])
        .arg(format!("--static-auth-secret={secret}"))
        .arg("--realm=floor.test")
        .arg(format!("--listening-ip={}", ns.host))
        .arg(format!("--relay-ip={}", ns.host))
        .arg(format!("--listening-port={turn_port}"))
        // Relay only towards the SFU's address, as infra/README.md recommends.
        .arg(format!("--allowed-peer-ip={}", ns.host))
        .arg(format!(
            "--pidfile={}",
            dir.join("turnserver.pid").display()
        ))
        .args(["--log-file=stdout", "--simple-log"])
        .stdout(Stdio::from(log_file.try_clone().unwrap()))
        .stderr(Stdio::from(log_file));
    // SAFETY: between fork and exec, only prctl (async-signal-safe) runs. The signal comes
    // when the thread that spawned coturn ends: this test's, which outlives `Coturn`.
    unsafe {
        turnserver.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    let coturn = Coturn {
        child: turnserver.spawn().expect("start coturn"),
        dir,
        log,
    };
    coturn.wait_listening(ns.host, (ns.host, turn_port).into());

    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start_with(
        &db,
        &NodeOptions {
            env: vec![
                ("FLOOR_MEDIA_ADDR", format!("{}:0", ns.host)),
                (
                    "FLOOR_TURN_URLS",
                    format!("turn:{}:{turn_port}?transport=udp", ns.host),
                ),
                ("FLOOR_TURN_SECRET", secret.clone()),
            ],
            ..Default::default()
        },
    );
    let fx = Fixture::new(&node, 2).await;
    fx.open().await;

    // A listener on this side, with nothing in its way.
    let mut listener = MediaPeer::new(false, false, true).await;
    let mut ws_listener = Ws::connect(&node, &fx.delegates[1]).await;
    listener.join(&mut ws_listener, fx.meeting).await;
    let mut heard = listener.listen();

    // The delegate asks for its relays like a browser, then its peer is made in the
    // namespace: a thread that enters it, with a runtime of its own.
    let relays: api::IceServers = fx.delegates[0].get_ok("/api/media/ice-servers").await;
    assert_eq!(relays.ice_servers.len(), 1, "{relays:?}");
    let netns = std::fs::File::open(format!("/run/netns/{}", ns.name)).unwrap();
    let udp = format!("{}:0", ns.inside);
    let (offer_tx, offer_rx) = tokio::sync::oneshot::channel::<String>();
    let (answer_tx, answer_rx) = tokio::sync::oneshot::channel::<String>();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let (up_tx, up_rx) = tokio::sync::oneshot::channel::<()>();
    let delegate = std::thread::spawn(move || {
        // SAFETY: setns only reads the descriptor and changes this thread's namespace.
        let entered = unsafe { libc::setns(netns.as_raw_fd(), libc::CLONE_NEWNET) };
        assert_eq!(entered, 0, "setns: {}", std::io::Error::last_os_error());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let mut peer = MediaPeer::with_network(&udp, relays.ice_servers).await;
            offer_tx.send(peer.offer().await).unwrap();
            peer.accept(answer_rx.await.unwrap()).await;
            peer.connected().await;
            let _ = up_tx.send(());
            let speaking = peer.speak(RELAYED).await;
            let _ = stop_rx.await;
            speaking.abort();
            peer.close().await;
        });
    });

    // Its signalling: the offer through the WebSocket, the answer back.
    let mut ws = Ws::connect(&node, &fx.delegates[0]).await;
    ws.send(&ClientFrame::MediaOffer {
        meeting_id: fx.meeting,
        sdp: offer_rx.await.unwrap(),
    })
    .await;
    let answer = ws
        .wait_for(|f| match f {
            ServerFrame::MediaAnswer { sdp, .. } => Some(sdp.clone()),
            ServerFrame::Error { message, .. } => panic!("offer refused: {message}"),
            _ => None,
        })
        .await;
    // The media port, from the answer's one host candidate; the namespace drops UDP to
    // it before the delegate's checks begin.
    let media_port: u16 = answer
        .lines()
        .find(|l| l.starts_with("a=candidate:"))
        .and_then(|l| l.split_whitespace().nth(5))
        .and_then(|p| p.parse().ok())
        .expect("a host candidate in the answer");
    ns.drop_udp_to(media_port);
    answer_tx.send(answer).unwrap();
    tokio::time::timeout(DEADLINE, up_rx)
        .await
        .expect("the delegate's media connection comes up within the deadline")
        .expect("the delegate's peer is running");

    // Given the floor, the delegate is heard; its direct packets were dropped.
    fx.remote_delegate_takes_the_floor(0).await;
    next_heard(&mut heard, "speaker", |h| h.marker == RELAYED).await;
    assert!(
        ns.dropped() > 0,
        "the delegate did try the media port directly, and that was dropped"
    );
    let _ = stop_tx.send(());
    delegate.join().unwrap();
    drop(coturn);
}
