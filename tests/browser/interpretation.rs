//! Interpretation: an interpreter takes the French booth's microphone, a delegate who
//! picked the channel hears it, and the booth asks the speaker to slow down; the room's
//! display and the secretariat's screen, for the record.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interpreter_speaks_into_a_channel_and_a_delegate_who_picked_it_hears_it() {
    let fresh = fresh_meeting(2).await;
    let (node, fx) = (&fresh.node, &fresh.fx);
    let a = &fx.members[0];
    let (interpreter_id, i_code) = fx
        .invitation("Interpreter, French booth", Role::Interpreter, None)
        .await;
    let (_, a_code) = fx.delegate_invitation(a).await;
    let (_, room_code) = fx.invitation("Meeting room", Role::Room, None).await;
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
    join(&interpreter, node, &i_code).await;
    join(&delegate, node, &a_code).await;
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
    join(&room, node, &room_code).await;
    room.wait_element("#next-speakers").await;
    room.screenshot("room").await;
    let sec = driver.browser("secretariat").await;
    sec.goto(&node.base).await;
    // The page is drawn by the WebAssembly once it has loaded: wait for the form.
    sec.wait_element("#username").await;
    sec.screenshot("sign-in").await;
    sign_in_secretariat(&sec, node, fx.meeting).await;
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
