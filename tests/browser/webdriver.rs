//! A small W3C WebDriver client over `reqwest`, enough to drive Chromium through
//! chromedriver: sessions, navigation, finding and clicking elements, typing, running
//! scripts and taking screenshots. Every wait polls the page for a condition with a
//! deadline; nothing sleeps for synchronisation.

use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
/// WebDriver's codes for the keys that are not characters.
pub const TAB: &str = "\u{E004}";
pub const ENTER: &str = "\u{E007}";

/// A chromedriver process on a free port, killed when dropped.
pub struct Driver {
    child: Child,
    pub base: String,
    http: reqwest::Client,
}

impl Driver {
    pub async fn start() -> Driver {
        for path in [CHROMIUM, CHROMEDRIVER] {
            assert!(
                std::path::Path::new(path).exists(),
                "{path} is missing: the browser tests need Debian's chromium and chromium-driver \
                 (apt-get install chromium chromium-driver; .ci/run installs them)"
            );
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let driver = Driver {
            child,
            base: format!("http://127.0.0.1:{port}"),
            http: reqwest::Client::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(r) = driver
                .http
                .get(format!("{}/status", driver.base))
                .send()
                .await
            {
                if let Ok(v) = r.json::<Value>().await {
                    if v["value"]["ready"] == json!(true) {
                        return driver;
                    }
                }
            }
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// A new browser with a profile of its own.
    pub async fn browser(&self, name: &str) -> Browser {
        let profile = std::env::temp_dir().join(format!(
            "floor-browser-{}-{name}-{}",
            std::process::id(),
            Instant::now().elapsed().as_nanos()
        ));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).unwrap();
        let args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--allow-loopback-in-peer-connection".into(),
            "--use-fake-device-for-media-stream".into(),
            "--use-fake-ui-for-media-stream".into(),
            "--autoplay-policy=no-user-gesture-required".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--window-size=1280,900".into(),
            format!("--user-data-dir={}", profile.display()),
        ];
        // Downloads land in the profile, without asking, where a test can read them.
        let downloads = profile.join("downloads");
        std::fs::create_dir_all(&downloads).unwrap();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args, "prefs": {
                "download.default_directory": downloads.display().to_string(),
                "download.prompt_for_download": false,
            }},
        }}});
        let v: Value = self
            .http
            .post(format!("{}/session", self.base))
            .json(&caps)
            .send()
            .await
            .expect("new session")
            .json()
            .await
            .unwrap();
        let id = v["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_string();
        Browser {
            url: format!("{}/session/{id}", self.base),
            http: self.http.clone(),
            name: name.to_string(),
            profile,
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One browser (a WebDriver session).
pub struct Browser {
    url: String,
    http: reqwest::Client,
    pub name: String,
    profile: std::path::PathBuf,
}

impl Browser {
    /// Where this browser saves downloaded files.
    pub fn downloads(&self) -> std::path::PathBuf {
        self.profile.join("downloads")
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut r = self.http.request(method, format!("{}{path}", self.url));
        if let Some(b) = body {
            r = r.json(&b);
        }
        let v: Value = r
            .send()
            .await
            .expect("webdriver request")
            .json()
            .await
            .expect("webdriver answer");
        v["value"].clone()
    }

    async fn ok(&self, path: &str, body: Value) -> Value {
        let v = self.call(reqwest::Method::POST, path, Some(body)).await;
        if let Some(e) = v.get("error") {
            panic!("{}: {path}: {e} {}", self.name, v["message"]);
        }
        v
    }

    /// A GET command; panics on a WebDriver error.
    async fn get(&self, path: &str) -> Value {
        let v = self.call(reqwest::Method::GET, path, None).await;
        if let Some(e) = v.get("error") {
            panic!("{}: {path}: {e} {}", self.name, v["message"]);
        }
        v
    }

    pub async fn goto(&self, url: &str) {
        self.ok("/url", json!({"url": url})).await;
    }

    /// Run a script in the page; its return value.
    pub async fn js(&self, script: &str) -> Value {
        self.ok("/execute/sync", json!({"script": script, "args": []}))
            .await
    }

    /// Run an async script; it calls `done(value)` (the last argument).
    pub async fn js_async(&self, script: &str) -> Value {
        let script = format!("const done = arguments[arguments.length - 1]; {script}");
        self.ok("/execute/async", json!({"script": script, "args": []}))
            .await
    }

    /// Wait until `condition` (a JavaScript expression) is truthy; panics at the deadline
    /// with `what` and a screenshot.
    pub async fn wait_for(&self, what: &str, condition: &str) -> Value {
        let deadline = Instant::now() + super::DEADLINE;
        let script =
            format!("try {{ return ({condition}) || null; }} catch (e) {{ return null; }}");
        loop {
            let v = self.js(&script).await;
            if !v.is_null() && v != json!(false) {
                return v;
            }
            if Instant::now() > deadline {
                self.screenshot(&format!("failed-{}", self.name)).await;
                let text = self.js("return document.body.innerText").await;
                panic!(
                    "{}: timed out waiting for {what}; the page reads:\n{}",
                    self.name,
                    text.as_str().unwrap_or("")
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Wait for an element to exist.
    pub async fn wait_element(&self, css: &str) {
        let q = serde_json::to_string(css).unwrap();
        self.wait_for(css, &format!("document.querySelector({q})"))
            .await;
    }

    async fn element(&self, css: &str) -> String {
        self.wait_element(css).await;
        let v = self
            .ok("/element", json!({"using": "css selector", "value": css}))
            .await;
        v[ELEMENT].as_str().unwrap().to_string()
    }

    pub async fn click(&self, css: &str) {
        let q = serde_json::to_string(css).unwrap();
        // Enabled too: a disabled button would swallow the click.
        self.wait_for(
            &format!("{css} enabled"),
            &format!("(e => e && !e.disabled)(document.querySelector({q}))"),
        )
        .await;
        // Into the middle of the window first, as a reader scrolls to what they click:
        // WebDriver's own scrolling puts it at the top edge, under a sticky bar.
        self.js(&format!(
            "document.querySelector({q}).scrollIntoView({{block: 'center'}}); return true"
        ))
        .await;
        // The page redraws as events arrive: an element found a moment ago may have been
        // replaced by the time it is clicked. Aim again, as a person would, until the
        // deadline; any other WebDriver error fails at once.
        let deadline = Instant::now() + super::DEADLINE;
        loop {
            let id = self.element(css).await;
            let v = self
                .call(
                    reqwest::Method::POST,
                    &format!("/element/{id}/click"),
                    Some(json!({})),
                )
                .await;
            let Some(e) = v.get("error").and_then(Value::as_str) else {
                return;
            };
            if e != "stale element reference" || Instant::now() > deadline {
                panic!("{}: click {css}: {e} {}", self.name, v["message"]);
            }
        }
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let id = self.element(css).await;
        self.ok(&format!("/element/{id}/value"), json!({"text": text}))
            .await;
    }

    /// Empty a text field, as selecting its text and deleting it would.
    pub async fn clear(&self, css: &str) {
        let id = self.element(css).await;
        self.ok(&format!("/element/{id}/clear"), json!({})).await;
    }

    /// Press keys, one after the other, on whatever has the focus, as a keyboard does:
    /// each goes down and comes up. Plain characters, or [`TAB`] and [`ENTER`].
    pub async fn press(&self, keys: &[&str]) {
        let actions: Vec<Value> = keys
            .iter()
            .flat_map(|k| {
                [
                    json!({"type": "keyDown", "value": k}),
                    json!({"type": "keyUp", "value": k}),
                ]
            })
            .collect();
        self.ok(
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        )
        .await;
    }

    /// Zoom as a user would with Ctrl and +: a window of `width` × `height` device pixels
    /// shown at `percent`, so the page lays out in a viewport of `width` × `height` divided
    /// by the zoom, in CSS pixels, and screenshots keep the window's own size.
    pub async fn zoom(&self, width: i64, height: i64, percent: i64) {
        let (w, h) = (width * 100 / percent, height * 100 / percent);
        self.set_viewport(w, h).await;
        self.ok(
            "/goog/cdp/execute",
            json!({"cmd": "Emulation.setDeviceMetricsOverride", "params": {
                "width": w, "height": h, "mobile": false,
                "deviceScaleFactor": percent as f64 / 100.0,
            }}),
        )
        .await;
        self.wait_for(
            &format!("{percent}% zoom"),
            &format!(
                "window.innerWidth === {w} && window.innerHeight === {h} && window.devicePixelRatio === {}",
                percent as f64 / 100.0
            ),
        )
        .await;
    }

    /// Size the window so that the page's viewport is `width` × `height` CSS pixels.
    pub async fn set_viewport(&self, width: i64, height: i64) {
        let v = self
            .js("return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]")
            .await;
        let (dx, dy) = (v[0].as_i64().unwrap_or(0), v[1].as_i64().unwrap_or(0));
        self.ok(
            "/window/rect",
            json!({"width": width + dx, "height": height + dy}),
        )
        .await;
        self.wait_for(
            &format!("a viewport of {width} × {height}"),
            &format!("window.innerWidth === {width} && window.innerHeight === {height}"),
        )
        .await;
    }

    /// The handles of this browser's windows and tabs.
    pub async fn windows(&self) -> Vec<String> {
        let v = self.get("/window/handles").await;
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|h| h.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Open a new tab in this browser and give it WebDriver's attention; its handle. A tab
    /// has its own sessionStorage, so each tab can be signed in as someone else.
    pub async fn new_tab(&self) -> String {
        let v = self.ok("/window/new", json!({"type": "tab"})).await;
        let handle = v["handle"].as_str().unwrap_or_default().to_string();
        self.switch_to(&handle).await;
        handle
    }

    /// The window that has WebDriver's attention.
    pub async fn window(&self) -> String {
        self.get("/window").await.as_str().unwrap_or("").to_string()
    }

    pub async fn switch_to(&self, handle: &str) {
        self.ok("/window", json!({"handle": handle})).await;
    }

    /// Save a PNG under target/screenshots/.
    pub async fn screenshot(&self, name: &str) {
        let v = self.call(reqwest::Method::GET, "/screenshot", None).await;
        if let Some(b64) = v.as_str() {
            let dir = super::target_dir().join("screenshots");
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(format!("{name}.png")), decode_base64(b64)).unwrap();
        }
    }

    pub async fn quit(self) {
        let _ = self.call(reqwest::Method::DELETE, "", None).await;
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn decode_base64(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}
