//! The floor, heard and seen: a delegate asks for the floor from the delegate's page, the
//! chair gives it from the chair's, the speaker's microphone and camera go live and another
//! delegate's page receives them, and both stop when the speech ends.

use super::*;

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
    let fresh = fresh_meeting(3).await;
    let (node, fx) = (&fresh.node, &fresh.fx);
    fx.open().await;
    let (a, b) = (&fx.members[0], &fx.members[1]);
    let (_, chair_code) = fx
        .invitation("Chair of the Commission", Role::Chair, None)
        .await;
    let (_, a_code) = fx.delegate_invitation(a).await;
    let (_, b_code) = fx.delegate_invitation(b).await;

    let driver = Driver::start().await;
    let chair = driver.browser("chair").await;
    let speaker = driver.browser("delegate-a").await;
    let listener = driver.browser("delegate-b").await;
    join(&chair, node, &chair_code).await;
    join(&speaker, node, &a_code).await;
    join(&listener, node, &b_code).await;
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
