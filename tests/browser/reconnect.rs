//! A page that loses its connection: it says so, reconnects by itself, catches up with
//! what happened meanwhile from its last number, and its media comes back.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_that_loses_its_connection_shows_it_and_catches_up() {
    let fresh = fresh_meeting(2).await;
    let (node, fx) = (&fresh.node, &fresh.fx);
    fx.open().await;
    let a = &fx.members[0];
    let (_, a_code) = fx.delegate_invitation(a).await;

    let driver = Driver::start().await;
    let page = driver.browser("reconnecting").await;
    join(&page, node, &a_code).await;
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
    fx.delegates[1].asks_for_the_floor(fx.meeting).await;
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
