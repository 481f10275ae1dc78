//! Chromium through chromedriver, with `fantoccini` speaking WebDriver: a chromedriver
//! process per test, a browser per participant with a profile of its own, and the few
//! things the tests do with a page (run scripts, click, type, press keys, zoom, tabs,
//! screenshots). Every wait polls the page for a condition with a deadline; nothing sleeps
//! for synchronisation.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// WebDriver's codes for the keys that are not characters.
pub const TAB: &str = "\u{E004}";
pub const ENTER: &str = "\u{E007}";

/// A chromedriver process on a free port, killed when dropped.
pub struct Driver {
    child: Child,
    pub base: String,
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
        };
        // Ready once it accepts a connection.
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        driver
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
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args, "prefs": {
                "download.default_directory": downloads.display().to_string(),
                "download.prompt_for_download": false,
            }},
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        // Plain HTTP to chromedriver on this machine: no TLS connector.
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(Capabilities::from(caps))
            .connect(&self.base)
            .await
            .unwrap_or_else(|e| panic!("{name}: no browser session: {e}"));
        Browser {
            client,
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

/// Chromium's own command for the device metrics of the page (zoom): WebDriver has none.
#[derive(Debug)]
struct DeviceMetrics {
    width: i64,
    height: i64,
    scale: f64,
}

impl WebDriverCompatibleCommand for DeviceMetrics {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({"cmd": "Emulation.setDeviceMetricsOverride", "params": {
            "width": self.width, "height": self.height, "mobile": false,
            "deviceScaleFactor": self.scale,
        }});
        (http::Method::POST, Some(body.to_string()))
    }
}

/// One browser (a WebDriver session).
pub struct Browser {
    client: Client,
    pub name: String,
    profile: std::path::PathBuf,
}

impl Browser {
    /// Where this browser saves downloaded files.
    pub fn downloads(&self) -> std::path::PathBuf {
        self.profile.join("downloads")
    }

    /// A WebDriver command's result; panics, naming the browser, on its error.
    fn ok<T>(&self, what: &str, result: Result<T, fantoccini::error::CmdError>) -> T {
        result.unwrap_or_else(|e| panic!("{}: {what}: {e}", self.name))
    }

    pub async fn goto(&self, url: &str) {
        let r = self.client.goto(url).await;
        self.ok(url, r)
    }

    /// Run a script in the page; its return value.
    pub async fn js(&self, script: &str) -> Value {
        let r = self.client.execute(script, Vec::new()).await;
        self.ok(script, r)
    }

    /// Run an async script; it calls `done(value)` (the last argument).
    pub async fn js_async(&self, script: &str) -> Value {
        let script = format!("const done = arguments[arguments.length - 1]; {script}");
        let r = self.client.execute_async(&script, Vec::new()).await;
        self.ok(&script, r)
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

    async fn element(&self, css: &str) -> fantoccini::elements::Element {
        self.wait_element(css).await;
        let r = self.client.find(Locator::Css(css)).await;
        self.ok(css, r)
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
            match self.element(css).await.click().await {
                Ok(()) => return,
                Err(e) if e.is_stale_element_reference() && Instant::now() < deadline => {}
                Err(e) => panic!("{}: click {css}: {e}", self.name),
            }
        }
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let r = self.element(css).await.send_keys(text).await;
        self.ok(css, r)
    }

    /// Empty a text field, as selecting its text and deleting it would.
    pub async fn clear(&self, css: &str) {
        let r = self.element(css).await.clear().await;
        self.ok(css, r)
    }

    /// Press keys, one after the other, on whatever has the focus, as a keyboard does:
    /// each goes down and comes up. Plain characters, or [`TAB`] and [`ENTER`].
    pub async fn press(&self, keys: &[&str]) {
        let mut keyboard = KeyActions::new("keyboard".into());
        for value in keys.iter().flat_map(|k| k.chars()) {
            keyboard = keyboard
                .then(KeyAction::Down { value })
                .then(KeyAction::Up { value });
        }
        let r = self.client.perform_actions(keyboard).await;
        self.ok("press keys", r)
    }

    /// Zoom as a user would with Ctrl and +: a window of `width` × `height` device pixels
    /// shown at `percent`, so the page lays out in a viewport of `width` × `height` divided
    /// by the zoom, in CSS pixels, and screenshots keep the window's own size.
    pub async fn zoom(&self, width: i64, height: i64, percent: i64) {
        let (w, h) = (width * 100 / percent, height * 100 / percent);
        let scale = percent as f64 / 100.0;
        self.set_viewport(w, h).await;
        let r = self
            .client
            .issue_cmd(DeviceMetrics {
                width: w,
                height: h,
                scale,
            })
            .await;
        self.ok("zoom", r);
        self.wait_for(
            &format!("{percent}% zoom"),
            &format!(
                "window.innerWidth === {w} && window.innerHeight === {h} && window.devicePixelRatio === {scale}"
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
        let r = self
            .client
            .set_window_size((width + dx) as u32, (height + dy) as u32)
            .await;
        self.ok("window size", r);
        self.wait_for(
            &format!("a viewport of {width} × {height}"),
            &format!("window.innerWidth === {width} && window.innerHeight === {height}"),
        )
        .await;
    }

    /// The handles of this browser's windows and tabs.
    pub async fn windows(&self) -> Vec<String> {
        let r = self.client.windows().await;
        self.ok("windows", r)
            .into_iter()
            .map(String::from)
            .collect()
    }

    /// Open a new tab in this browser and give it WebDriver's attention; its handle. A tab
    /// has its own sessionStorage, so each tab can be signed in as someone else.
    pub async fn new_tab(&self) -> String {
        let r = self.client.new_window(true).await;
        let handle = String::from(self.ok("new tab", r).handle);
        self.switch_to(&handle).await;
        handle
    }

    /// The window that has WebDriver's attention.
    pub async fn window(&self) -> String {
        let r = self.client.window().await;
        self.ok("window", r).into()
    }

    pub async fn switch_to(&self, handle: &str) {
        let handle = self.ok("window handle", handle.try_into().map_err(Into::into));
        let r = self.client.switch_to_window(handle).await;
        self.ok("switch window", r)
    }

    /// Save a PNG under target/screenshots/.
    pub async fn screenshot(&self, name: &str) {
        if let Ok(png) = self.client.screenshot().await {
            let dir = super::target_dir().join("screenshots");
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
        }
    }

    pub async fn quit(self) {
        let _ = self.client.close().await;
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
