//! End-to-end tests of the browser client: the real server, the real client (built by
//! `cargo xtask build-client`), and headless Chromium driven through chromedriver, one
//! profile per participant. They need Debian's `chromium` and `chromium-driver`; without
//! them they fail, they do not skip. Screenshots of each view go to target/screenshots/.
//!
//! Each module holds the tests of the screen it exercises; this file holds the list and
//! what several of them share. Nodes, clients and fixtures are the test kit's
//! (`floor-testkit`).

mod agenda;
mod chair_console;
mod delegate_floor;
mod documents;
mod elections;
mod interpretation;
mod keyboard_and_zoom;
mod reconnect;
mod room_delegations;
mod secretariat;
mod serving;
mod voting;
mod webdriver;

use floor_protocol::api::*;
use floor_protocol::*;
use floor_testkit::*;
use serde_json::Value;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;
use webdriver::{Browser, Driver, ENTER, TAB};

pub const DEADLINE: Duration = Duration::from_secs(30);

/// Browsers are heavy on a small machine: one test at a time.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

pub fn target_dir() -> std::path::PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => workspace_root().join(d),
        None => workspace_root().join("target"),
    }
}

/// Build the client once per test run, with the project's own build step. The server
/// finds it in target/client next to its binary's target folder.
fn build_client() {
    static BUILT: OnceLock<Mutex<bool>> = OnceLock::new();
    let mut built = BUILT.get_or_init(|| Mutex::new(false)).lock().unwrap();
    if *built {
        return;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = std::process::Command::new(cargo)
        .current_dir(workspace_root())
        .args(["run", "-p", "xtask", "--", "build-client"])
        .status()
        .expect("run cargo xtask build-client");
    assert!(status.success(), "cargo xtask build-client failed");
    *built = true;
}

/// What most browser tests start from: their turn (browsers run one at a time), the client
/// built, and a fresh server with a meeting of `members` member delegations. Dropped in
/// this order: the server, then the database, then the turn.
struct FreshMeeting {
    node: Node,
    fx: Fixture,
    _db: TestDb,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

async fn fresh_meeting(members: usize) -> FreshMeeting {
    let turn = ONE_AT_A_TIME.lock().await;
    build_client();
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, members).await;
    FreshMeeting {
        node,
        fx,
        _db: db,
        _turn: turn,
    }
}

/// Open the invitation link, type nothing (the code is in the link), press Join, and
/// wait for the meeting to show.
async fn join(browser: &Browser, node: &Node, code: &str) {
    browser.goto(&format!("{}/join/{code}", node.base)).await;
    browser.click("button[data-action=redeem]").await;
    in_the_meeting(browser).await;
}

/// Wait for the meeting to show, over a live connection.
async fn in_the_meeting(browser: &Browser) {
    browser
        .wait_for(
            "the meeting and a live connection",
            "document.querySelector('main[data-seq]') && document.querySelector('#connection[data-state=connected]')",
        )
        .await;
}

/// Sign in with the secretariat's form and open the meeting; wait for its controls.
async fn sign_in_secretariat(browser: &Browser, node: &Node, meeting: MeetingId) {
    browser.goto(&node.base).await;
    browser.type_into("#username", "secretariat").await;
    browser.type_into("#password", ADMIN_PASSWORD).await;
    browser.click("button[data-action=login]").await;
    browser
        .click(&format!(
            "button[data-action=open-meeting][data-meeting='{meeting}']"
        ))
        .await;
    browser
        .wait_element("button[data-action=next-speaker]")
        .await;
}

fn q(css: &str) -> String {
    format!(
        "document.querySelector({})",
        serde_json::to_string(css).unwrap()
    )
}

/// What the page's own peer connection has received on one of its receiving slots
/// (0 speaker, 1 chair, 2 room, 3 interpretation, 4 video): audio energy and frames decoded.
async fn received(browser: &Browser, slot: usize) -> (f64, f64) {
    let v: Value = browser
        .js_async(&format!(
            "(async () => {{
                const pc = window.floorPeer;
                if (!pc) return done([0, 0]);
                const slots = pc.getTransceivers().filter(t => t.direction === 'recvonly');
                const mid = slots[{slot}] && slots[{slot}].mid;
                const stats = await pc.getStats();
                let energy = 0, frames = 0;
                stats.forEach(s => {{
                    if (s.type === 'inbound-rtp' && s.mid === mid) {{
                        energy += s.totalAudioEnergy || 0;
                        frames += s.framesDecoded || 0;
                    }}
                }});
                done([energy, frames]);
            }})()"
        ))
        .await;
    (v[0].as_f64().unwrap_or(0.0), v[1].as_f64().unwrap_or(0.0))
}

/// What the page's own peer connection has sent: RTP packets of its microphone and of its
/// camera (`outbound-rtp` statistics).
async fn sent(browser: &Browser) -> (u64, u64) {
    let v: Value = browser
        .js_async(
            "(async () => {
                const pc = window.floorPeer;
                if (!pc) return done([0, 0]);
                const stats = await pc.getStats();
                let audio = 0, video = 0;
                stats.forEach(s => {
                    if (s.type === 'outbound-rtp') {
                        if (s.kind === 'audio') audio += s.packetsSent || 0;
                        else video += s.packetsSent || 0;
                    }
                });
                done([audio, video]);
            })()",
        )
        .await;
    (v[0].as_u64().unwrap_or(0), v[1].as_u64().unwrap_or(0))
}

/// Over a two-second window, not one packet leaves the page: a microphone or camera that
/// is off sends nothing at all (a merely disabled track sends ~50 silent packets a second).
async fn sends_nothing(browser: &Browser, what: &str) {
    let start = sent(browser).await;
    let window = std::time::Instant::now() + Duration::from_secs(2);
    while std::time::Instant::now() < window {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let now = sent(browser).await;
        assert_eq!(
            now, start,
            "{}: {what}: packets (microphone, camera) sent while off",
            browser.name
        );
    }
}

/// Poll until the slot's audio energy (or video frames) has grown twice in a row.
async fn wait_receiving(browser: &Browser, slot: usize, video: bool, what: &str) {
    let deadline = std::time::Instant::now() + DEADLINE;
    let mut last = received(browser, slot).await;
    let mut rises = 0;
    loop {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = received(browser, slot).await;
        let (a, b) = if video {
            (now.1, last.1)
        } else {
            (now.0, last.0)
        };
        rises = if a > b { rises + 1 } else { 0 };
        if rises >= 2 {
            return;
        }
        last = now;
        if std::time::Instant::now() > deadline {
            browser
                .screenshot(&format!("failed-{}", browser.name))
                .await;
            panic!(
                "{}: {what}: nothing arrives (energy, frames) = {now:?}",
                browser.name
            );
        }
    }
}

/// Poll the server's state of the meeting (`GET /api/meetings/{id}`, as the secretariat)
/// until `pick` finds what it looks for.
async fn server_shows<T>(fx: &Fixture, what: &str, pick: impl Fn(&MeetingState) -> Option<T>) -> T {
    let deadline = std::time::Instant::now() + DEADLINE;
    loop {
        let view = fx.secretariat.view(fx.meeting).await;
        if let Some(t) = pick(&view.state) {
            return t;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the server's state never showed {what}: the list {:?}, the floor {:?}",
            statement_order(&view.state),
            view.state.floor.map(|f| f.entry.delegation)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The delegations on the current item's list of speakers, in speaking order.
fn statement_order(s: &MeetingState) -> Vec<DelegationId> {
    s.current_item
        .and_then(|i| s.item(i))
        .map(|i| i.statements.iter().map(|e| e.delegation).collect())
        .unwrap_or_default()
}

/// A condition: the page's speakers list shows these delegations, in this order.
fn page_order_is(order: &[DelegationId]) -> String {
    let ids: Vec<String> = order.iter().map(|d| d.to_string()).collect();
    format!(
        "JSON.stringify([...document.querySelectorAll('#speakers-list > li')].map(li => li.dataset.delegation)) === {}",
        serde_json::to_string(&serde_json::to_string(&ids).unwrap()).unwrap()
    )
}

/// A small, well-formed PDF, with some bytes of every value so that a download that
/// changes any of them (a text decoding, a lost byte) shows.
fn pdf_bytes() -> Vec<u8> {
    let mut bytes =
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n% ".to_vec();
    bytes.extend((0u8..=255).cycle().take(4096).filter(|b| *b != b'\n'));
    bytes.extend_from_slice(b"\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    bytes
}
