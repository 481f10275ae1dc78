//! The session's agenda from the secretariat's console: the provisional agenda reordered
//! and corrected, then adopted; the 1st meeting rises with speakers waiting; the 2nd
//! meeting, created from the console, continues the 1st and the chair finds the same list.

use super::voting::{on, text_in};
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_secretariat_adopts_the_agenda_and_the_second_meeting_continues_the_first() {
    let fresh = fresh_meeting(3).await;
    let (node, fx) = (&fresh.node, &fresh.fx);
    // Item 3 is the general debate (taken up); item 4 is added after it.
    fx.secretariat
        .command_ok(
            fx.meeting,
            Command::AddAgendaItem {
                number: "4".into(),
                title: "Strategic management, budgetary and administrative questions".into(),
                parent: None,
            },
        )
        .await;

    let driver = Driver::start().await;
    let browser = driver.browser("agenda").await;
    let page = on(&browser, &browser.window().await).await;
    sign_in_secretariat(page, node, fx.meeting).await;
    page.wait_for(
        "the provisional agenda",
        &text_in("#agenda-form-title", "Provisional agenda"),
    )
    .await;
    let order =
        "[...document.querySelectorAll('#agenda > li')].map(li => li.dataset.item).join(',')";

    // Item 4 moves up before item 3; its title is corrected.
    page.click("#agenda li[data-item='2'] button[data-action=move-item-up]")
        .await;
    page.wait_for("4 before 3", &format!("{order} === '2,1'"))
        .await;
    page.click("#agenda li[data-item='2'] button[data-action=edit-item]")
        .await;
    page.clear("#edit-title-2").await;
    page.type_into("#edit-title-2", "Strategic management")
        .await;
    page.click("button[data-action=save-item]").await;
    page.wait_for(
        "the corrected title",
        &text_in(
            "#agenda li[data-item='2'] .item-title",
            "Strategic management",
        ),
    )
    .await;
    // A number item 3 has is refused beside the agenda, and the form keeps what was typed.
    page.click("#agenda li[data-item='2'] button[data-action=edit-item]")
        .await;
    page.clear("#edit-number-2").await;
    page.type_into("#edit-number-2", "3").await;
    page.click("button[data-action=save-item]").await;
    page.wait_for(
        "the refusal",
        &text_in("#agenda-action-error", "already has an item 3"),
    )
    .await;
    assert_eq!(
        page.js("return document.querySelector('#edit-number-2').value")
            .await,
        serde_json::json!("3")
    );
    page.click("button[data-action=cancel-edit]").await;
    page.click("button[data-action=adopt-agenda]").await;
    page.wait_for(
        "the adopted agenda",
        &text_in("#agenda-form-title", "Agenda (adopted)"),
    )
    .await;

    // The 1st meeting: two delegations inscribed, then the meeting rises.
    fx.open().await;
    for d in &fx.delegates[..2] {
        d.asks_for_the_floor(fx.meeting).await;
    }
    fx.chair.command_ok(fx.meeting, Command::CloseMeeting).await;

    // The 2nd meeting, created from the console, continues the 1st.
    page.type_into("#new-meeting-title", "Plenary, 2nd meeting")
        .await;
    page.click("button[data-action=create-meeting]").await;
    page.wait_element("#continue-from").await;
    page.click("button[data-action=continue-from]").await;
    page.wait_for("the agenda carried over", &format!("{order} === '2,1'"))
        .await;
    page.wait_for(
        "still adopted",
        &text_in("#agenda-form-title", "Agenda (adopted)"),
    )
    .await;
    page.wait_for(
        "where it continues from",
        &text_in("#agenda-continues", "Plenary, 1st meeting"),
    )
    .await;
    for d in &fx.members[..2] {
        page.wait_element(&format!("#speakers-list li[data-delegation='{}']", d.id))
            .await;
    }
    page.screenshot("agenda-continued").await;
    browser.quit().await;
}
