//! End-to-end tests of the browser client: the real server, the real client (built by
//! `cargo xtask build-client`), and headless Chromium driven through chromedriver, one
//! profile per participant. They need Debian's `chromium` and `chromium-driver`; without
//! them they fail, they do not skip. Screenshots of each view go to target/screenshots/.

mod agenda;
mod chair_console;
mod elections;
#[path = "../integration/helpers.rs"]
#[allow(dead_code, unused_imports)]
mod helpers;
mod room_delegations;
mod secretariat;
mod voting;
mod webdriver;

use floor_protocol::api::*;
use floor_protocol::*;
use helpers::*;
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

/// A participant with a fresh, unredeemed invitation: (participant id, code).
async fn invitation(
    sec: &Client,
    session: SessionId,
    name: &str,
    role: Role,
    delegation: Option<DelegationId>,
) -> (ParticipantId, String) {
    let p: Participant = sec
        .post_ok(
            &format!("/api/sessions/{session}/participants"),
            &NewParticipant {
                display_name: name.into(),
                role,
                delegation_id: delegation,
            },
        )
        .await;
    let inv: Invitation = sec
        .post_ok(
            &format!("/api/participants/{}/invitations", p.id),
            &NewInvitation {
                meeting_id: None,
                valid_for_hours: None,
            },
        )
        .await;
    (p.id, inv.code)
}

/// An invitation for a delegate of `member`, one of the fixture's delegations:
/// (participant id, code).
async fn delegate_invitation(fx: &Fixture, member: &Delegation) -> (ParticipantId, String) {
    invitation(
        &fx.secretariat,
        fx.session,
        &format!("Delegate of {}", member.name),
        Role::Delegate,
        Some(member.id),
    )
    .await
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

/// Poll until both the microphone's and the camera's sent packets grow.
async fn wait_sending(browser: &Browser, what: &str) {
    let deadline = std::time::Instant::now() + DEADLINE;
    let start = sent(browser).await;
    loop {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let now = sent(browser).await;
        if now.0 > start.0 && now.1 > start.1 {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{}: {what}: nothing sent {start:?} -> {now:?}",
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

/// Poll until the slot stops growing: the same figures over a whole second.
async fn wait_silent(browser: &Browser, slot: usize, what: &str) {
    let deadline = std::time::Instant::now() + DEADLINE;
    let mut last = received(browser, slot).await;
    let mut still = 0;
    loop {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let now = received(browser, slot).await;
        still = if now == last { still + 1 } else { 0 };
        if still >= 4 {
            return;
        }
        last = now;
        assert!(
            std::time::Instant::now() < deadline,
            "{}: {what}: still receiving {now:?}",
            browser.name
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delegate_asks_for_the_floor_is_given_it_and_is_heard_and_seen() {
    let _one = ONE_AT_A_TIME.lock().await;
    build_client();
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 3).await;
    fx.open().await;
    let (a, b) = (&fx.members[0], &fx.members[1]);
    let (_, chair_code) = invitation(
        &fx.secretariat,
        fx.session,
        "Chair of the Commission",
        Role::Chair,
        None,
    )
    .await;
    let (_, a_code) = delegate_invitation(&fx, a).await;
    let (_, b_code) = delegate_invitation(&fx, b).await;

    let driver = Driver::start().await;
    let chair = driver.browser("chair").await;
    let speaker = driver.browser("delegate-a").await;
    let listener = driver.browser("delegate-b").await;
    join(&chair, &node, &chair_code).await;
    join(&speaker, &node, &a_code).await;
    join(&listener, &node, &b_code).await;
    for page in [&chair, &speaker, &listener] {
        page.wait_for("media connected", &q("#media-status[data-state=connected]"))
            .await;
    }
    speaker
        .wait_for("the microphone is off", &q("#my-media[data-live=false]"))
        .await;
    sends_nothing(&speaker, "before asking for the floor").await;

    // The delegate asks for the floor; the chair sees the entry and gives the floor.
    speaker.click("button[data-action=request-floor]").await;
    speaker
        .wait_for(
            "the answer in words",
            "document.querySelector('#notice').innerText.includes('Ask for the floor')",
        )
        .await;
    let entry = format!("#speakers-list li[data-delegation='{}']", a.id);
    chair.wait_element(&entry).await;
    listener.wait_element(&entry).await;
    chair.screenshot("chair").await;
    chair.click("button[data-action=next-speaker]").await;

    // The delegate holds the floor: told so, with the countdown, and its media live.
    speaker.wait_element("#you-have-floor").await;
    speaker
        .wait_for("the microphone is live", &q("#my-media[data-live=true]"))
        .await;
    wait_sending(&speaker, "holding the floor").await;
    speaker
        .wait_for(
            "a countdown",
            "/\\d:\\d\\d/.test(document.querySelector('#countdown').innerText)",
        )
        .await;
    let holder = format!(
        "document.querySelector('#floor-holder').innerText.includes({})",
        serde_json::to_string(&a.name).unwrap()
    );
    listener.wait_for("the speaker's name", &holder).await;

    // The other delegate's page receives the speaker's sound and video, playing.
    wait_receiving(&listener, 0, false, "the speaker's sound").await;
    wait_receiving(&listener, 4, true, "the speaker's video").await;
    listener
        .wait_for("the video plays", "(v => v && v.currentTime > 0 && !v.paused && v.videoWidth > 0)(document.querySelector('#slot-video'))")
        .await;
    speaker.screenshot("delegate").await;
    listener.screenshot("delegate-listening").await;

    // The chair ends the speech: it stops.
    chair.click("button[data-action=end-speech]").await;
    speaker
        .wait_for(
            "the microphone is off again",
            &q("#my-media[data-live=false]"),
        )
        .await;
    listener
        .wait_for("nobody has the floor", &q("#floor-holder.nobody"))
        .await;
    wait_silent(&listener, 0, "the speaker's sound after the speech").await;
    wait_silent(&listener, 4, "the speaker's video after the speech").await;
    sends_nothing(&speaker, "after the speech").await;

    for b in [chair, speaker, listener] {
        b.quit().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_that_loses_its_connection_shows_it_and_catches_up() {
    let _one = ONE_AT_A_TIME.lock().await;
    build_client();
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 2).await;
    fx.open().await;
    let a = &fx.members[0];
    let (_, a_code) = delegate_invitation(&fx, a).await;

    let driver = Driver::start().await;
    let page = driver.browser("reconnecting").await;
    join(&page, &node, &a_code).await;
    page.wait_for("media connected", &q("#media-status[data-state=connected]"))
        .await;
    let snapshots = page
        .js("return document.querySelector('main').dataset.snapshots")
        .await;

    // The connection drops and stays down for a while; the page says so.
    page.js("window.floorDropConnection(3000); return true")
        .await;
    page.wait_for("the banner", &q("#connection[data-state=reconnecting]"))
        .await;
    page.screenshot("reconnecting").await;
    // Meanwhile the meeting moves on.
    fx.delegates[1]
        .command_ok(
            fx.meeting,
            Command::RequestFloor {
                item: None,
                capacity: Default::default(),
            },
        )
        .await;
    let accepted = fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
    let b = &fx.members[1];

    // The page reconnects by itself, catches up from its last number (a replay, not a
    // new snapshot) and shows the new speaker; its media comes back.
    page.wait_for("connected again", &q("#connection[data-state=connected]"))
        .await;
    page.wait_for(
        "caught up",
        &format!(
            "document.querySelector('main').dataset.seq === '{}'",
            accepted.seq
        ),
    )
    .await;
    let holder = format!(
        "document.querySelector('#floor-holder').innerText.includes({})",
        serde_json::to_string(&b.name).unwrap()
    );
    page.wait_for("the new speaker", &holder).await;
    assert_eq!(
        page.js("return document.querySelector('main').dataset.snapshots")
            .await,
        snapshots,
        "caught up with a replay"
    );
    page.wait_for("media restored", &q("#media-status[data-state=connected]"))
        .await;
    page.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interpreter_speaks_into_a_channel_and_a_delegate_who_picked_it_hears_it() {
    let _one = ONE_AT_A_TIME.lock().await;
    build_client();
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 2).await;
    let a = &fx.members[0];
    let (interpreter_id, i_code) = invitation(
        &fx.secretariat,
        fx.session,
        "Interpreter, French booth",
        Role::Interpreter,
        None,
    )
    .await;
    let (_, a_code) = delegate_invitation(&fx, a).await;
    let (_, room_code) = invitation(
        &fx.secretariat,
        fx.session,
        "Meeting room",
        Role::Room,
        None,
    )
    .await;
    fx.secretariat
        .command_ok(
            fx.meeting,
            Command::AssignInterpreter {
                participant: interpreter_id,
                channel: "fr".into(),
            },
        )
        .await;
    fx.open().await;

    let driver = Driver::start().await;
    let interpreter = driver.browser("interpreter").await;
    let delegate = driver.browser("delegate-listener").await;
    join(&interpreter, &node, &i_code).await;
    join(&delegate, &node, &a_code).await;
    for page in [&interpreter, &delegate] {
        page.wait_for("media connected", &q("#media-status[data-state=connected]"))
            .await;
    }
    // Only the staffed channel is offered, not yet live.
    delegate
        .wait_for(
            "French offered, not live",
            &q("#channel option[value=fr][data-live=false]"),
        )
        .await;
    assert_eq!(
        delegate
            .js("return document.querySelectorAll('#channel option').length")
            .await,
        serde_json::json!(2),
        "the floor and the one staffed booth, not every channel of the session"
    );
    delegate.click("#channel option[value=fr]").await;
    interpreter
        .click(".booth[data-channel=fr] button[data-action=take-mic]")
        .await;
    interpreter
        .wait_for(
            "the microphone is live",
            &q(".booth[data-channel=fr][data-live=true]"),
        )
        .await;
    delegate
        .wait_for(
            "French marked live",
            &q("#channel option[value=fr][data-live=true]"),
        )
        .await;
    wait_receiving(&delegate, 3, false, "the French channel").await;

    // The delegate speaks; the booth asks for it to slow down, and the speaker's page says
    // so (the chair's does too, below) until the speech ends.
    fx.remote_delegate_takes_the_floor(0).await;
    let slow_down = "button[data-action=slow-down][data-channel=fr]";
    interpreter
        .wait_for(
            "\"slow down\" can be pressed while someone speaks",
            &format!("{} && !{}.disabled", q(slow_down), q(slow_down)),
        )
        .await;
    interpreter.click(slow_down).await;
    let asked = format!("{}?.textContent.includes('FR')", q("#slow-down"));
    delegate
        .wait_for("the speaker is asked to slow down", &asked)
        .await;
    interpreter
        .wait_for("the booth sees its request went", &asked)
        .await;
    interpreter.screenshot("interpreter").await;

    // The room display and the secretariat's screen, for the record.
    let room = driver.browser("room").await;
    join(&room, &node, &room_code).await;
    room.wait_element("#next-speakers").await;
    room.screenshot("room").await;
    let sec = driver.browser("secretariat").await;
    sec.goto(&node.base).await;
    // The page is drawn by the WebAssembly once it has loaded: wait for the form.
    sec.wait_element("#username").await;
    sec.screenshot("sign-in").await;
    sign_in_secretariat(&sec, &node, fx.meeting).await;
    sec.wait_for("the chair's screen shows the booth's request", &asked)
        .await;
    sec.screenshot("secretariat").await;
    fx.chair.command_ok(fx.meeting, Command::EndSpeech).await;
    delegate
        .wait_for(
            "the request ends with the speech",
            &format!("!{}", q("#slow-down")),
        )
        .await;
    for b in [interpreter, delegate, room, sec] {
        b.quit().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_serves_the_client_at_the_root_and_the_api_is_unchanged() {
    build_client();
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let http = reqwest::Client::new();
    for path in ["/", "/join/ABCD-EFGH-JKLM"] {
        let r = http
            .get(format!("{}{path}", node.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert!(r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let page = r.text().await.unwrap();
        assert!(page.contains("/client/floor_client.js"), "{path}");
        // Something to look at before the WebAssembly arrives, and an icon for the tab.
        assert!(page.contains("id=\"loading\""), "{path}: no loading screen");
        assert!(page.contains("/client/favicon.svg"), "{path}: no favicon");
    }
    let icon = http
        .get(format!("{}/client/favicon.svg", node.base))
        .send()
        .await
        .unwrap();
    assert_eq!(icon.status(), 200);
    assert_eq!(icon.headers()["content-type"], "image/svg+xml");
    let wasm = http
        .get(format!("{}/client/floor_client_bg.wasm", node.base))
        .send()
        .await
        .unwrap();
    assert_eq!(wasm.status(), 200);
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    for path in [
        "/client/..%2FCargo.toml",
        "/client/.hidden.js",
        "/client/nothing.js",
    ] {
        let r = http
            .get(format!("{}{path}", node.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{path}");
    }
    let api = node.client().get("/api/no-such-route").await;
    assert_eq!(
        (api.status, api.code()),
        (404, "route_not_found"),
        "{api:?}"
    );
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

/// Move the focus with Tab alone until `css` has it (callers load the page first, so the
/// focus starts at its top); panics if it is not reached in `most` presses. The element
/// must show that it has the focus (a visible outline), as a keyboard user needs.
async fn tab_to(page: &Browser, css: &str, most: usize) {
    for _ in 0..most {
        page.press(&[TAB]).await;
        if page
            .js(&format!("return document.activeElement === {}", q(css)))
            .await
            == serde_json::json!(true)
        {
            let outline = page
                .js(&format!(
                    "const e = {}; const s = getComputedStyle(e);
                     return e.matches(':focus-visible') && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2",
                    q(css)
                ))
                .await;
            assert_eq!(
                outline,
                serde_json::json!(true),
                "{}: {css} has the focus but does not show it",
                page.name
            );
            return;
        }
    }
    let at = page
        .js("return document.activeElement && document.activeElement.outerHTML.slice(0, 200)")
        .await;
    page.screenshot(&format!("failed-{}", page.name)).await;
    panic!(
        "{}: {most} presses of Tab never reached {css}; the focus is on {at}",
        page.name
    );
}

/// At the window's size: the page does not scroll sideways, and `css` can be scrolled into
/// view, then lies wholly inside the viewport with nothing over its centre.
async fn assert_legible(page: &Browser, css: &str) {
    page.wait_element(css).await;
    let v = page
        .js(&format!(
            "const e = {};
             e.scrollIntoView({{block: 'center', inline: 'center'}});
             const r = e.getBoundingClientRect();
             const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
             return {{
                 scrollWidth: document.documentElement.scrollWidth,
                 innerWidth: window.innerWidth,
                 innerHeight: window.innerHeight,
                 inside: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0
                     && r.right <= window.innerWidth && r.bottom <= window.innerHeight,
                 rect: [r.left, r.top, r.right, r.bottom],
                 uncovered: !!hit && (hit === e || e.contains(hit)),
                 hit: hit ? hit.outerHTML.slice(0, 160) : null,
             }};",
            q(css)
        ))
        .await;
    let wide = v["scrollWidth"].as_f64().unwrap_or(f64::MAX);
    let inner = v["innerWidth"].as_f64().unwrap_or(0.0);
    if wide > inner
        || v["inside"] != serde_json::json!(true)
        || v["uncovered"] != serde_json::json!(true)
    {
        page.screenshot(&format!("failed-{}", page.name)).await;
    }
    assert!(
        wide <= inner,
        "{}: the page scrolls sideways: {wide} CSS px wide in a {inner} px viewport",
        page.name
    );
    assert_eq!(
        v["inside"],
        serde_json::json!(true),
        "{}: {css} is not wholly in view: {v}",
        page.name
    );
    assert_eq!(
        v["uncovered"],
        serde_json::json!(true),
        "{}: {css} is covered: {v}",
        page.name
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chair_reorders_the_speakers_list_by_keyboard_and_by_drag() {
    let _one = ONE_AT_A_TIME.lock().await;
    build_client();
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 3).await;
    fx.open().await;
    let (a, b, c) = (fx.members[0].id, fx.members[1].id, fx.members[2].id);
    for delegate in &fx.delegates {
        delegate
            .command_ok(
                fx.meeting,
                Command::RequestFloor {
                    item: None,
                    capacity: Default::default(),
                },
            )
            .await;
    }
    let (_, chair_code) = invitation(&fx.secretariat, fx.session, "Chair", Role::Chair, None).await;
    let (_, c_code) = delegate_invitation(&fx, &fx.members[2]).await;

    let driver = Driver::start().await;
    let chair = driver.browser("chair-reorders").await;
    let delegate = driver.browser("delegate-watches-order").await;
    join(&chair, &node, &chair_code).await;
    join(&delegate, &node, &c_code).await;
    for page in [&chair, &delegate] {
        page.wait_for(
            "the three inscriptions in order",
            &page_order_is(&[a, b, c]),
        )
        .await;
    }

    // By keyboard: Tab to the first entry's "move down", Enter. The first speaker is now second.
    let down = format!("#speakers-list li[data-delegation='{a}'] button[data-action=move-down]");
    // From the top of the page, as a keyboard user arrives at it.
    chair.goto(&node.base).await;
    in_the_meeting(&chair).await;
    chair
        .wait_for("the list again", &page_order_is(&[a, b, c]))
        .await;
    tab_to(&chair, &down, 60).await;
    chair.press(&[ENTER]).await;
    for page in [&chair, &delegate] {
        page.wait_for("the order after moving down", &page_order_is(&[b, a, c]))
            .await;
    }
    server_shows(&fx, "the order after moving down", |s| {
        (statement_order(s) == [b, a, c]).then_some(())
    })
    .await;
    // The focus stayed on the moved entry's button: Enter again moves it one more place.
    chair
        .wait_for(
            "the focus back on the moved entry's \"move down\"",
            &format!("document.activeElement === {}", q(&down)),
        )
        .await;
    chair.press(&[ENTER]).await;
    for page in [&chair, &delegate] {
        page.wait_for("the order after a second Enter", &page_order_is(&[b, c, a]))
            .await;
    }
    // At the bottom it cannot go further down: the focus is on its "move up".
    let up = format!("#speakers-list li[data-delegation='{a}'] button[data-action=move-up]");
    chair
        .wait_for(
            "the focus on the last entry's \"move up\"",
            &format!("document.activeElement === {}", q(&up)),
        )
        .await;
    chair.press(&[ENTER]).await;
    for page in [&chair, &delegate] {
        page.wait_for("the order after moving up", &page_order_is(&[b, a, c]))
            .await;
    }
    server_shows(&fx, "the order after the keyboard moves", |s| {
        (statement_order(s) == [b, a, c]).then_some(())
    })
    .await;

    // By drag and drop: the last entry, dropped on the first, goes to the top.
    let from = format!("#speakers-list li[data-delegation='{c}']");
    let onto = format!("#speakers-list li[data-delegation='{b}']");
    let dropped = chair
        .js(&format!(
            "const from = {}, onto = {};
             if (!from.draggable) return 'the entry cannot be dragged';
             const data = new DataTransfer();
             const fire = (el, type) => {{
                 const r = el.getBoundingClientRect();
                 return el.dispatchEvent(new DragEvent(type, {{
                     bubbles: true, cancelable: true, dataTransfer: data,
                     clientX: r.left + r.width / 2, clientY: r.top + r.height / 2,
                 }}));
             }};
             fire(from, 'dragstart');
             fire(onto, 'dragenter');
             // A drop target says so by cancelling dragover.
             if (fire(onto, 'dragover')) return 'the entry does not accept a drop';
             fire(onto, 'drop');
             fire(from, 'dragend');
             return 'dropped';",
            q(&from),
            q(&onto)
        ))
        .await;
    assert_eq!(dropped, serde_json::json!("dropped"));
    for page in [&chair, &delegate] {
        page.wait_for("the order after the drag", &page_order_is(&[c, b, a]))
            .await;
    }
    server_shows(&fx, "the order after the drag", |s| {
        (statement_order(s) == [c, b, a]).then_some(())
    })
    .await;
    chair.screenshot("chair-reordered").await;
    delegate.screenshot("delegate-reordered").await;
    for b in [chair, delegate] {
        b.quit().await;
    }
}

/// The viewport of a 1280 × 800 window at 200%.
const ZOOMED: &str =
    "window.innerWidth === 640 && window.innerHeight === 400 && window.devicePixelRatio === 2";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_delegate_and_chair_views_are_usable_at_200_percent_zoom_and_by_keyboard() {
    let _one = ONE_AT_A_TIME.lock().await;
    build_client();
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 2).await;
    fx.open().await;
    let a = &fx.members[0];
    let (_, a_code) = delegate_invitation(&fx, a).await;
    let (_, chair_code) = invitation(
        &fx.secretariat,
        fx.session,
        "Chair of the Commission",
        Role::Chair,
        None,
    )
    .await;

    // 1280 × 800 at 200%: a viewport of 640 × 400 CSS pixels.
    let driver = Driver::start().await;
    let page = driver.browser("zoomed").await;
    page.zoom(1280, 800, 200).await;
    page.goto(&format!("{}/join/{a_code}", node.base)).await;
    page.wait_for("still at 200%", ZOOMED).await;
    assert_legible(&page, "button[data-action=redeem]").await;
    page.screenshot("sign-in-200").await;
    page.click("button[data-action=redeem]").await;
    in_the_meeting(&page).await;
    page.wait_for("media connected", &q("#media-status[data-state=connected]"))
        .await;
    let ask = "button[data-action=request-floor]";
    page.wait_for("still at 200%", ZOOMED).await;
    assert_legible(&page, ask).await;
    page.screenshot("delegate-200").await;

    // Keyboard only, from the top of the page: Tab to "Ask for the floor", Enter.
    page.goto(&node.base).await;
    in_the_meeting(&page).await;
    page.wait_element(ask).await;
    tab_to(&page, ask, 30).await;
    page.press(&[ENTER]).await;
    page.wait_for(
        "the answer in words",
        "document.querySelector('#notice').innerText.includes('Ask for the floor')",
    )
    .await;
    server_shows(&fx, "the delegation inscribed", |s| {
        (statement_order(s) == [a.id]).then_some(())
    })
    .await;
    page.wait_element(&format!("#speakers-list li[data-delegation='{}']", a.id))
        .await;
    page.screenshot("delegate-200-asked").await;

    // The same window, as the chair.
    page.click("button[data-action=sign-out]").await;
    join(&page, &node, &chair_code).await;
    let next = "button[data-action=next-speaker]";
    page.wait_element(&format!("#speakers-list li[data-delegation='{}']", a.id))
        .await;
    page.wait_for("still at 200%", ZOOMED).await;
    assert_legible(&page, next).await;
    page.screenshot("chair-200").await;
    page.click(next).await;
    server_shows(&fx, "the floor given", |s| {
        s.floor
            .as_ref()
            .is_some_and(|f| f.entry.delegation == a.id)
            .then_some(())
    })
    .await;
    page.wait_for(
        "the speaker's name",
        &format!(
            "document.querySelector('#floor-holder').innerText.includes({})",
            serde_json::to_string(&a.name).unwrap()
        ),
    )
    .await;
    page.wait_for("still at 200%", ZOOMED).await;
    assert_legible(&page, "button[data-action=end-speech]").await;
    page.screenshot("chair-200-floor").await;
    page.quit().await;
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

/// Upload a file and publish it as a document of general distribution, as the secretariat.
async fn publish_document(fx: &Fixture, symbol: &str, title: &str, bytes: Vec<u8>) {
    use floor_protocol::document::*;
    let sec = &fx.secretariat;
    let r = sec
        .http
        .post(format!("{}/api/sessions/{}/files", sec.base, fx.session))
        .bearer_auth(sec.token.as_ref().unwrap())
        .header("content-type", "application/pdf")
        .body(bytes)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let file: UploadedFile = r.json().await.unwrap();
    let accepted: DocumentCommandAccepted = sec
        .post_ok(
            &format!("/api/sessions/{}/documents/commands", fx.session),
            &DocumentCommandRequest {
                command: DocumentCommand::Publish {
                    symbol: floor_protocol::symbol::DocumentSymbol::parse(symbol).unwrap(),
                    title: title.into(),
                    kind: DocumentKind::DraftResolution,
                    status: DocumentStatus::AdvanceUnedited,
                    distribution: Distribution::General,
                    agenda_items: vec!["3".into()],
                    files: vec![DocumentFile {
                        language: Language::En,
                        content_id: file.content_id,
                        mime: String::new(),
                        size: 0,
                    }],
                    main_sponsor: None,
                    sponsors: vec![],
                },
            },
        )
        .await;
    assert!(!accepted.events.is_empty());
}

/// A condition: the page's documents list has an entry with the symbol and the title.
fn listed(symbol: &str, title: &str) -> String {
    format!(
        "[...document.querySelectorAll('.documents li')].some(li => li.innerText.includes({}) && li.innerText.includes({}))",
        serde_json::to_string(symbol).unwrap(),
        serde_json::to_string(title).unwrap()
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delegate_downloads_a_published_document_byte_for_byte() {
    use sha2::Digest;
    let _one = ONE_AT_A_TIME.lock().await;
    build_client();
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 1).await;
    let a = &fx.members[0];
    let (symbol, title) = ("E/CN.7/2025/L.4", "Promoting alternative development");
    let bytes = pdf_bytes();
    let sha = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    publish_document(&fx, symbol, title, bytes.clone()).await;
    let (_, a_code) = delegate_invitation(&fx, a).await;

    let driver = Driver::start().await;
    let page = driver.browser("downloads").await;
    join(&page, &node, &a_code).await;
    page.wait_for("the document listed", &listed(symbol, title))
        .await;

    // The English version is saved as a file named by its symbol and language, with the
    // bytes that were uploaded.
    page.click(".documents li button.link").await;
    let expected = page.downloads().join("E_CN.7_2025_L.4-en.pdf");
    let deadline = std::time::Instant::now() + DEADLINE;
    let got = loop {
        // Chromium writes `<name>.crdownload` and renames it when complete.
        if let Ok(got) = std::fs::read(&expected) {
            if got.len() == bytes.len() {
                break got;
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no {} after the click; the folder holds {:?}",
            expected.display(),
            std::fs::read_dir(page.downloads())
                .map(|d| d.flatten().map(|e| e.file_name()).collect::<Vec<_>>())
                .unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let got_sha = sha2::Sha256::digest(&got)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    assert_eq!(
        got_sha, sha,
        "the downloaded file differs from the uploaded one"
    );
    assert_eq!(
        page.windows().await.len(),
        1,
        "no untitled blob: tab is opened"
    );
    page.screenshot("delegate-documents").await;
    page.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_published_while_a_delegate_watches_is_listed_without_a_reload() {
    let _one = ONE_AT_A_TIME.lock().await;
    build_client();
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 1).await;
    let a = &fx.members[0];
    let (_, a_code) = delegate_invitation(&fx, a).await;
    let driver = Driver::start().await;
    let page = driver.browser("documents-live").await;
    join(&page, &node, &a_code).await;
    page.wait_for(
        "no documents yet",
        "document.querySelector('.documents').innerText.includes('No documents.')",
    )
    .await;
    let (symbol, title) = ("E/CN.7/2025/L.5", "Drug policy and human rights");
    publish_document(&fx, symbol, title, pdf_bytes()).await;
    page.wait_for("the document listed", &listed(symbol, title))
        .await;
    page.quit().await;
}
