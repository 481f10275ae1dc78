//! Janus (Debian's `janus` package) as the other SFU under test: its configuration, made
//! at run time in a temporary folder; the process, started in the benchmark's network
//! namespace; and a client of its Janus API over the HTTP REST transport, enough for the
//! VideoRoom plugin (create a room, publish, subscribe).
//!
//! What Janus is told, and why:
//! - only the VideoRoom plugin and the HTTP transport are loaded (every other plugin,
//!   transport and logger is listed under `disable`), so that nothing else runs in it;
//! - `-i` and `ice_enforce_list` are the namespace's veth address: Janus gathers no
//!   candidate on loopback, and this is the one other interface there;
//! - `debug_level = 3` (warnings), as Floor runs with `RUST_LOG=warn`;
//! - `event_loops`: Janus by default runs one thread (a GLib loop) per handle, that is per
//!   PeerConnection; with `event_loops = N` all handles share N loops. The benchmark
//!   gives it as many loops as CPUs the server may use (one with `--pin`), the way Floor
//!   runs its SFU: one task, on the CPUs it is given. `--janus-event-loops 0` keeps
//!   Janus's default instead.
//!
//! The API (from the VideoRoom plugin's documentation): `POST /janus` creates a session,
//! `POST /janus/<session>` attaches a handle to `janus.plugin.videoroom`, and
//! `POST /janus/<session>/<handle>` carries a plugin message (`body`, and a `jsep` offer or
//! answer). Synchronous requests (`create`) answer `success` with `plugindata`;
//! asynchronous ones (`joinandconfigure`, `join`, `start`) answer `ack`, and their result
//! comes as an `event` with the same `transaction` through the session's long poll,
//! `GET /janus/<session>?maxev=N`. A session with no request for 60 s expires, so a
//! keepalive goes every 25 s. One session carries every handle of a run; events are routed
//! to the handle named in their `sender`.

use anyhow::{anyhow, bail, Context};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

/// The plugin and transport the benchmark uses; every other one is disabled.
pub const VIDEOROOM: &str = "libjanus_videoroom.so";
pub const HTTP_TRANSPORT: &str = "libjanus_http.so";
/// The HTTP transport's port, inside the namespace (nothing else listens there).
pub const HTTP_PORT: u16 = 8088;
/// How long one API step may take.
const DEADLINE: Duration = Duration::from_secs(30);
const KEEPALIVE: Duration = Duration::from_secs(25);

/// What goes into Janus's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The address Janus uses for ICE and its HTTP transport.
    pub ip: Ipv4Addr,
    pub http_port: u16,
    /// Shared event loops; 0 for Janus's default, a thread per handle.
    pub event_loops: usize,
    /// 0 (none) to 7 (everything); 3 is warnings and errors.
    pub debug_level: u8,
    /// The package's modules: `plugins/`, `transports/`, `loggers/`, `events/` in it.
    pub modules: PathBuf,
}

/// The `.so` files in a folder of Janus modules, sorted (none if it does not exist).
pub fn modules_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.starts_with("libjanus_") && n.ends_with(".so"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// A `disable = "..."` value: every module of `available` but `keep`.
pub fn disable_list(available: &[String], keep: Option<&str>) -> String {
    available
        .iter()
        .filter(|m| Some(m.as_str()) != keep)
        .cloned()
        .collect::<Vec<_>>()
        .join(",")
}

/// Where Debian (or a build from source) puts Janus's modules.
pub fn find_modules() -> anyhow::Result<PathBuf> {
    let mut candidates: Vec<PathBuf> = std::fs::read_dir("/usr/lib")
        .map(|d| {
            d.filter_map(|e| Some(e.ok()?.path().join("janus")))
                .collect()
        })
        .unwrap_or_default();
    candidates.sort();
    candidates.extend(
        [
            "/usr/lib/janus",
            "/usr/local/lib/janus",
            "/opt/janus/lib/janus",
        ]
        .map(PathBuf::from),
    );
    candidates
        .into_iter()
        .find(|d| d.join("plugins").join(VIDEOROOM).exists())
        .ok_or_else(|| {
            anyhow!(
                "no Janus VideoRoom plugin found (looked for */janus/plugins/{VIDEOROOM} under /usr/lib, \
                 /usr/local/lib, /opt/janus/lib); install it: apt-get install janus"
            )
        })
}

impl Config {
    /// The configuration files, (file name, contents), for a folder `dir`.
    pub fn files(&self, dir: &Path) -> Vec<(&'static str, String)> {
        let m = &self.modules;
        let folder = |sub: &str| m.join(sub).display().to_string();
        let plugins = modules_in(&m.join("plugins"));
        let transports = modules_in(&m.join("transports"));
        let loggers = modules_in(&m.join("loggers"));
        let events = modules_in(&m.join("events"));
        let loops = if self.event_loops > 0 {
            format!("\tevent_loops = {}\n", self.event_loops)
        } else {
            String::new()
        };
        let core = format!(
            "# Made by floor-media-bench for one run; see bench/src/janus.rs.\n\
             general: {{\n\
             \tconfigs_folder = \"{configs}\"\n\
             \tplugins_folder = \"{plugins_dir}\"\n\
             \ttransports_folder = \"{transports_dir}\"\n\
             \tevents_folder = \"{events_dir}\"\n\
             \tloggers_folder = \"{loggers_dir}\"\n\
             \tdebug_level = {level}\n\
             \tdebug_colors = false\n\
             \tserver_name = \"floor-media-bench\"\n\
             \tsession_timeout = 60\n\
             {loops}\
             }}\n\
             media: {{\n\
             }}\n\
             nat: {{\n\
             \tice_enforce_list = \"{ip}\"\n\
             }}\n\
             plugins: {{\n\
             \tdisable = \"{no_plugins}\"\n\
             }}\n\
             transports: {{\n\
             \tdisable = \"{no_transports}\"\n\
             }}\n\
             loggers: {{\n\
             \tdisable = \"{no_loggers}\"\n\
             }}\n\
             events: {{\n\
             \tbroadcast = false\n\
             \tdisable = \"{no_events}\"\n\
             }}\n",
            configs = dir.display(),
            plugins_dir = folder("plugins"),
            transports_dir = folder("transports"),
            events_dir = folder("events"),
            loggers_dir = folder("loggers"),
            level = self.debug_level,
            ip = self.ip,
            no_plugins = disable_list(&plugins, Some(VIDEOROOM)),
            no_transports = disable_list(&transports, Some(HTTP_TRANSPORT)),
            no_loggers = disable_list(&loggers, None),
            no_events = disable_list(&events, None),
        );
        let http = format!(
            "general: {{\n\
             \tjson = \"plain\"\n\
             \tbase_path = \"/janus\"\n\
             \thttp = true\n\
             \tport = {port}\n\
             \tip = \"{ip}\"\n\
             \thttps = false\n\
             }}\n\
             admin: {{\n\
             \tadmin_http = false\n\
             \tadmin_https = false\n\
             }}\n",
            port = self.http_port,
            ip = self.ip,
        );
        // No static room: the benchmark creates its own.
        let videoroom = "general: {\n}\n".to_string();
        vec![
            ("janus.jcfg", core),
            ("janus.transport.http.jcfg", http),
            ("janus.plugin.videoroom.jcfg", videoroom),
        ]
    }

    /// The command-line arguments for a configuration folder `dir`.
    pub fn args(&self, dir: &Path) -> Vec<String> {
        vec![
            "-F".into(),
            dir.display().to_string(),
            "-C".into(),
            dir.join("janus.jcfg").display().to_string(),
            "-i".into(),
            self.ip.to_string(),
            "-o".into(),
        ]
    }
}

/// A Janus process with its configuration folder, killed and removed when dropped.
pub struct JanusProcess {
    child: Child,
    pub pid: u32,
    dir: PathBuf,
    /// `http://<ip>:<port>/janus`
    pub api: String,
}

impl JanusProcess {
    /// Write the configuration, start `binary` in the network namespace open at
    /// `netns_fd` on `cpus` (if given), and wait until its API answers.
    pub async fn start(
        binary: &Path,
        config: &Config,
        netns_fd: Option<i32>,
        cpus: Option<Vec<usize>>,
    ) -> anyhow::Result<JanusProcess> {
        let dir = std::env::temp_dir().join(format!(
            "floor-bench-janus-{}-{}",
            std::process::id(),
            rand::random::<u32>()
        ));
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        for (name, text) in config.files(&dir) {
            std::fs::write(dir.join(name), text)
                .with_context(|| format!("writing {}", dir.join(name).display()))?;
        }
        let log = std::fs::File::create(dir.join("janus.log"))?;
        let mut command = Command::new(binary);
        floor_bench::child::place(&mut command, netns_fd, cpus);
        let child = command
            .args(config.args(&dir))
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .with_context(|| {
                format!(
                    "starting {} (install it: apt-get install janus)",
                    binary.display()
                )
            });
        let child = match child {
            Ok(c) => c,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&dir);
                return Err(e);
            }
        };
        let mut janus = JanusProcess {
            pid: child.id(),
            child,
            dir,
            api: format!("http://{}:{}/janus", config.ip, config.http_port),
        };
        let http = client()?;
        let end = Instant::now() + Duration::from_secs(60);
        loop {
            if !janus.alive() {
                bail!("Janus exited at start; its log:\n{}", janus.log_tail());
            }
            let info = http
                .get(format!("{}/info", janus.api))
                .timeout(Duration::from_secs(2))
                .send()
                .await;
            if let Ok(r) = info {
                if r.status().is_success() {
                    return Ok(janus);
                }
            }
            if Instant::now() >= end {
                bail!(
                    "Janus's API did not answer at {} within 60 s; its log:\n{}",
                    janus.api,
                    janus.log_tail()
                );
            }
            // Polling a process that is starting: nothing to wait on but its port.
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    pub fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.dir.join("janus.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }
}

impl Drop for JanusProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// An HTTP client that never goes through a proxy (the SFU is on this machine).
fn client() -> anyhow::Result<reqwest::Client> {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .context("making an HTTP client")
}

/// A Janus API reply, checked: `Ok` with the reply if its `janus` is `expected`, the
/// error's code and reason if it is `error`.
pub fn expect_reply(reply: Value, expected: &str) -> anyhow::Result<Value> {
    match reply.get("janus").and_then(Value::as_str) {
        Some(k) if k == expected => Ok(reply),
        Some("error") => {
            let e = reply.get("error").cloned().unwrap_or(Value::Null);
            bail!(
                "Janus error {}: {}",
                e.get("code").and_then(Value::as_i64).unwrap_or(0),
                e.get("reason").and_then(Value::as_str).unwrap_or("?")
            )
        }
        _ => bail!("expected a Janus `{expected}`, got {reply}"),
    }
}

/// `data.id` of a `success` (the new session's or handle's id).
pub fn new_id(reply: Value) -> anyhow::Result<u64> {
    let reply = expect_reply(reply, "success")?;
    reply
        .pointer("/data/id")
        .and_then(Value::as_u64)
        .ok_or_else(|| anyhow!("no data.id in {reply}"))
}

/// The plugin's part of a reply or event (`plugindata.data`), unless it is the plugin's
/// error (`error_code`, `error`).
pub fn plugin_data(reply: &Value) -> anyhow::Result<&Value> {
    let data = reply
        .pointer("/plugindata/data")
        .ok_or_else(|| anyhow!("no plugindata in {reply}"))?;
    if let Some(code) = data.get("error_code") {
        bail!(
            "VideoRoom error {code}: {}",
            data.get("error").and_then(Value::as_str).unwrap_or("?")
        );
    }
    Ok(data)
}

/// The SDP of a reply's `jsep` of type `kind` (`offer` or `answer`).
pub fn jsep_sdp(reply: &Value, kind: &str) -> anyhow::Result<String> {
    let jsep = reply
        .get("jsep")
        .ok_or_else(|| anyhow!("no jsep {kind} in {reply}"))?;
    if jsep.get("type").and_then(Value::as_str) != Some(kind) {
        bail!("expected a jsep {kind}, got {jsep}");
    }
    jsep.get("sdp")
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| anyhow!("no sdp in {jsep}"))
}

/// The events of one long-poll answer: an array with `maxev`, one object without.
pub fn poll_events(body: Value) -> Vec<Value> {
    match body {
        Value::Array(v) => v,
        Value::Null => vec![],
        other => vec![other],
    }
}

/// The `create` request for the benchmark's room: room for every publisher, no bitrate
/// cap below the camera's (the publishers ignore REMB anyway), no periodic keyframe
/// requests, no notification of joins.
pub fn create_room(room: u64, publishers: usize) -> Value {
    json!({
        "request": "create",
        "room": room,
        "description": "floor-media-bench",
        "publishers": publishers,
        "bitrate": 4_000_000,
        "fir_freq": 0,
        "audiocodec": "opus",
        "videocodec": "vp8",
        "notify_joining": false,
        "audiolevel_event": false,
        "record": false,
    })
}

/// A publisher joining and publishing with its offer at once.
pub fn join_and_publish(room: u64, display: &str) -> Value {
    json!({
        "request": "joinandconfigure",
        "ptype": "publisher",
        "room": room,
        "display": display,
    })
}

/// A subscription to every stream of each publisher in `feeds`, on one PeerConnection.
pub fn subscribe(room: u64, feeds: &[u64]) -> Value {
    json!({
        "request": "join",
        "ptype": "subscriber",
        "room": room,
        "streams": feeds.iter().map(|f| json!({ "feed": f })).collect::<Vec<_>>(),
    })
}

type Routes = Arc<Mutex<HashMap<u64, UnboundedSender<Value>>>>;

struct Inner {
    http: reqwest::Client,
    /// `http://<ip>:<port>/janus/<session>`
    url: String,
    routes: Routes,
    transactions: AtomicU64,
    /// Why the long poll stopped, if it did.
    poll_failure: Arc<Mutex<Option<String>>>,
}

impl Inner {
    fn transaction(&self) -> String {
        format!("fb{}", self.transactions.fetch_add(1, Ordering::Relaxed))
    }

    async fn post(&self, url: &str, body: Value) -> anyhow::Result<Value> {
        let r = self
            .http
            .post(url)
            .json(&body)
            .timeout(DEADLINE)
            .send()
            .await
            .with_context(|| format!("POST {url}"))?;
        let status = r.status();
        let text = r.text().await.unwrap_or_default();
        if !status.is_success() {
            bail!("POST {url}: {status} {text}");
        }
        serde_json::from_str(&text).with_context(|| format!("POST {url}: {text}"))
    }
}

/// A Janus session, its long poll and keepalive running; ended when dropped.
pub struct Session {
    inner: Arc<Inner>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Session {
    /// Create a session on the API at `api` (`http://<ip>:<port>/janus`).
    pub async fn create(api: &str) -> anyhow::Result<Session> {
        let http = client()?;
        let probe = Inner {
            http: http.clone(),
            url: api.to_string(),
            routes: Default::default(),
            transactions: AtomicU64::new(0),
            poll_failure: Default::default(),
        };
        let id = new_id(
            probe
                .post(
                    api,
                    json!({ "janus": "create", "transaction": probe.transaction() }),
                )
                .await
                .context("creating a Janus session")?,
        )?;
        let inner = Arc::new(Inner {
            url: format!("{api}/{id}"),
            ..probe
        });
        let poll = {
            let inner = inner.clone();
            tokio::spawn(async move {
                loop {
                    let got = async {
                        let r = inner
                            .http
                            .get(format!("{}?maxev=50", inner.url))
                            // Janus answers an idle long poll after 30 s.
                            .timeout(Duration::from_secs(60))
                            .send()
                            .await?
                            .error_for_status()?;
                        r.json::<Value>().await
                    }
                    .await;
                    match got {
                        Ok(body) => {
                            let routes = inner.routes.lock().expect("routes");
                            for event in poll_events(body) {
                                let sender = event.get("sender").and_then(Value::as_u64);
                                if let Some(tx) = sender.and_then(|s| routes.get(&s)) {
                                    let _ = tx.send(event);
                                }
                            }
                        }
                        Err(e) => {
                            *inner.poll_failure.lock().expect("poll failure") = Some(e.to_string());
                            // Wake every waiting handle: no event will come.
                            inner.routes.lock().expect("routes").clear();
                            return;
                        }
                    }
                }
            })
        };
        let keepalive = {
            let inner = inner.clone();
            tokio::spawn(async move {
                let mut every = tokio::time::interval(KEEPALIVE);
                every.tick().await;
                loop {
                    every.tick().await;
                    let body = json!({ "janus": "keepalive", "transaction": inner.transaction() });
                    if inner.post(&inner.url, body).await.is_err() {
                        return;
                    }
                }
            })
        };
        Ok(Session {
            inner,
            tasks: vec![poll, keepalive],
        })
    }

    /// A new handle on the VideoRoom plugin.
    pub async fn attach(&self) -> anyhow::Result<Handle> {
        let body = json!({
            "janus": "attach",
            "plugin": "janus.plugin.videoroom",
            "transaction": self.inner.transaction(),
        });
        let id = new_id(
            self.inner
                .post(&self.inner.url, body)
                .await
                .context("attaching to the VideoRoom plugin")?,
        )?;
        let (tx, events) = unbounded_channel();
        self.inner.routes.lock().expect("routes").insert(id, tx);
        Ok(Handle {
            inner: self.inner.clone(),
            url: format!("{}/{id}", self.inner.url),
            events,
        })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

/// A handle on the VideoRoom plugin, with the events Janus sends it.
pub struct Handle {
    inner: Arc<Inner>,
    url: String,
    events: UnboundedReceiver<Value>,
}

impl Handle {
    /// A synchronous plugin request: its `plugindata.data`.
    pub async fn request(&self, body: Value) -> anyhow::Result<Value> {
        let tx = self.inner.transaction();
        let reply = self
            .inner
            .post(
                &self.url,
                json!({ "janus": "message", "transaction": tx, "body": body }),
            )
            .await?;
        let reply = expect_reply(reply, "success")?;
        Ok(plugin_data(&reply)?.clone())
    }

    /// An asynchronous plugin request, with a JSEP offer or answer if given: the event
    /// that answers it (its `plugindata.data` checked for the plugin's error).
    pub async fn request_event(
        &mut self,
        body: Value,
        jsep: Option<Value>,
    ) -> anyhow::Result<Value> {
        let tx = self.inner.transaction();
        let mut message = json!({ "janus": "message", "transaction": tx, "body": body });
        if let Some(j) = jsep {
            message["jsep"] = j;
        }
        let reply = self.inner.post(&self.url, message).await?;
        expect_reply(reply, "ack")?;
        let event = tokio::time::timeout(DEADLINE, async {
            while let Some(e) = self.events.recv().await {
                if e.get("janus").and_then(Value::as_str) == Some("event")
                    && e.get("transaction").and_then(Value::as_str) == Some(tx.as_str())
                {
                    return Ok(e);
                }
            }
            Err(anyhow!(
                "the long poll stopped: {}",
                self.inner
                    .poll_failure
                    .lock()
                    .expect("poll failure")
                    .clone()
                    .unwrap_or_default()
            ))
        })
        .await
        .context("waiting for Janus's event")??;
        plugin_data(&event)?;
        Ok(event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(modules: PathBuf) -> Config {
        Config {
            ip: Ipv4Addr::new(10, 200, 0, 1),
            http_port: 8088,
            event_loops: 1,
            debug_level: 3,
            modules,
        }
    }

    #[test]
    fn the_configuration_keeps_only_the_videoroom_plugin_and_the_http_transport() {
        let modules = std::env::temp_dir().join(format!("fb-janus-test-{}", std::process::id()));
        for (sub, files) in [
            (
                "plugins",
                &[
                    "libjanus_videoroom.so",
                    "libjanus_echotest.so",
                    "libjanus_sip.so",
                ][..],
            ),
            (
                "transports",
                &["libjanus_http.so", "libjanus_websockets.so"],
            ),
            ("loggers", &["libjanus_jsonlog.so"]),
            ("events", &[]),
        ] {
            std::fs::create_dir_all(modules.join(sub)).unwrap();
            for f in files {
                std::fs::write(modules.join(sub).join(f), b"").unwrap();
            }
            // A versioned name is not a module to list.
            std::fs::write(modules.join(sub).join("libjanus_x.so.1"), b"").unwrap();
        }
        let dir = Path::new("/tmp/cfg");
        let files = config(modules.clone()).files(dir);
        let _ = std::fs::remove_dir_all(&modules);
        let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            vec![
                "janus.jcfg",
                "janus.transport.http.jcfg",
                "janus.plugin.videoroom.jcfg"
            ]
        );
        let core = &files[0].1;
        assert!(core.contains("\tconfigs_folder = \"/tmp/cfg\"\n"));
        assert!(core.contains("disable = \"libjanus_echotest.so,libjanus_sip.so\""));
        assert!(core.contains("disable = \"libjanus_websockets.so\""));
        assert!(core.contains("disable = \"libjanus_jsonlog.so\""));
        assert!(core.contains("\tevent_loops = 1\n"));
        assert!(core.contains("ice_enforce_list = \"10.200.0.1\""));
        assert!(core.contains("debug_level = 3"));
        assert_eq!(core.matches('{').count(), core.matches('}').count());
        let http = &files[1].1;
        assert!(http.contains("port = 8088") && http.contains("ip = \"10.200.0.1\""));
        assert!(http.contains("admin_http = false"));
        let mut c = config(PathBuf::from("/nonexistent"));
        c.event_loops = 0;
        assert!(!c.files(dir)[0].1.contains("event_loops"));
        assert_eq!(
            c.args(dir),
            vec![
                "-F",
                "/tmp/cfg",
                "-C",
                "/tmp/cfg/janus.jcfg",
                "-i",
                "10.200.0.1",
                "-o"
            ]
        );
    }

    #[test]
    fn disable_lists_everything_but_the_one_kept() {
        let all = vec!["a.so".to_string(), "b.so".into(), "c.so".into()];
        assert_eq!(disable_list(&all, Some("b.so")), "a.so,c.so");
        assert_eq!(disable_list(&all, None), "a.so,b.so,c.so");
        assert_eq!(disable_list(&[], Some("b.so")), "");
    }

    #[test]
    fn replies_successes_errors_and_ids() {
        let ok = json!({"janus": "success", "transaction": "fb0", "data": {"id": 7_023_797_834_239_627u64}});
        assert_eq!(new_id(ok).unwrap(), 7_023_797_834_239_627);
        let err = json!({"janus": "error", "transaction": "fb1", "error": {"code": 458, "reason": "No such session"}});
        let e = new_id(err).unwrap_err().to_string();
        assert!(e.contains("458") && e.contains("No such session"), "{e}");
        assert!(expect_reply(json!({"janus": "ack"}), "success").is_err());
        assert!(expect_reply(json!({"janus": "ack"}), "ack").is_ok());
    }

    #[test]
    fn plugin_events_with_jsep_and_plugin_errors() {
        let joined = json!({
            "janus": "event", "sender": 12, "transaction": "fb3",
            "plugindata": {"plugin": "janus.plugin.videoroom",
                "data": {"videoroom": "joined", "room": 5, "id": 99, "publishers": []}},
            "jsep": {"type": "answer", "sdp": "v=0\r\n"}
        });
        let data = plugin_data(&joined).unwrap();
        assert_eq!(data["videoroom"], "joined");
        assert_eq!(data["id"].as_u64(), Some(99));
        assert_eq!(jsep_sdp(&joined, "answer").unwrap(), "v=0\r\n");
        assert!(jsep_sdp(&joined, "offer").is_err());
        let refused = json!({
            "janus": "success",
            "plugindata": {"plugin": "janus.plugin.videoroom",
                "data": {"videoroom": "event", "error_code": 427, "error": "Room 1234 already exists"}}
        });
        let e = plugin_data(&refused).unwrap_err().to_string();
        assert!(e.contains("427") && e.contains("already exists"), "{e}");
    }

    #[test]
    fn long_poll_answers_are_arrays_or_single_events() {
        let two = json!([{"janus": "event", "sender": 1}, {"janus": "webrtcup", "sender": 2}]);
        assert_eq!(poll_events(two).len(), 2);
        assert_eq!(poll_events(json!({"janus": "keepalive"})).len(), 1);
        assert!(poll_events(Value::Null).is_empty());
    }

    #[test]
    fn requests_name_the_room_and_the_feeds() {
        let c = create_room(42, 10);
        assert_eq!(
            (c["request"].as_str(), c["room"].as_u64()),
            (Some("create"), Some(42))
        );
        assert_eq!(c["publishers"].as_u64(), Some(10));
        let j = join_and_publish(42, "speaker");
        assert_eq!(j["ptype"], "publisher");
        assert_eq!(j["request"], "joinandconfigure");
        let s = subscribe(42, &[7, 9]);
        assert_eq!(s["ptype"], "subscriber");
        assert_eq!(s["streams"], json!([{"feed": 7}, {"feed": 9}]));
    }
}
