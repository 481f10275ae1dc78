//! End-to-end tests of the browser client: the real server, the real client (built by
//! `cargo xtask build-client`), and headless Chromium driven through chromedriver, one
//! profile per participant. They need Debian's `chromium` and `chromium-driver`; without
//! them they fail, they do not skip. Screenshots of each view go to target/screenshots/.

#[path = "../integration/helpers.rs"]
#[allow(dead_code, unused_imports)]
mod helpers;
mod webdriver;

use floor_protocol::api::*;
use floor_protocol::*;
use helpers::*;
use serde_json::Value;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;
use webdriver::{Browser, Driver};

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

/// Open the invitation link, type nothing (the code is in the link), press Join, and
/// wait for the meeting to show.
async fn join(browser: &Browser, node: &Node, code: &str) {
    browser.goto(&format!("{}/join/{code}", node.base)).await;
    browser.click("button[data-action=redeem]").await;
    browser
        .wait_for(
            "the meeting and a live connection",
            "document.querySelector('main[data-seq]') && document.querySelector('#connection[data-state=connected]')",
        )
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
    let (_, a_code) = invitation(
        &fx.secretariat,
        fx.session,
        &format!("Delegate of {}", a.name),
        Role::Delegate,
        Some(a.id),
    )
    .await;
    let (_, b_code) = invitation(
        &fx.secretariat,
        fx.session,
        &format!("Delegate of {}", b.name),
        Role::Delegate,
        Some(b.id),
    )
    .await;

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
    let (_, a_code) = invitation(
        &fx.secretariat,
        fx.session,
        &format!("Delegate of {}", a.name),
        Role::Delegate,
        Some(a.id),
    )
    .await;

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
    let (_, a_code) = invitation(
        &fx.secretariat,
        fx.session,
        &format!("Delegate of {}", a.name),
        Role::Delegate,
        Some(a.id),
    )
    .await;
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
    wait_receiving(&delegate, 3, false, "the French channel").await;

    // The delegate speaks; the booth asks for it to slow down, and the speaker's page says
    // so (the chair's does too, below) until the speech ends.
    for command in [
        Command::CheckIn {
            mode: AttendanceMode::Remote,
        },
        Command::RequestFloor {
            item: None,
            capacity: Default::default(),
        },
    ] {
        fx.delegates[0].command_ok(fx.meeting, command).await;
    }
    fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
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
    sec.screenshot("sign-in").await;
    sec.type_into("#username", "secretariat").await;
    sec.type_into("#password", ADMIN_PASSWORD).await;
    sec.click("button[data-action=login]").await;
    sec.click(&format!(
        "button[data-action=open-meeting][data-meeting='{}']",
        fx.meeting
    ))
    .await;
    sec.wait_element("button[data-action=next-speaker]").await;
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
        assert!(
            r.text().await.unwrap().contains("/client/floor_client.js"),
            "{path}"
        );
    }
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
