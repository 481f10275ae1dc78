//! Elections from the pages: the chair opens an election to two places, members mark two
//! candidates on one ballot, the board shows who was elected and the place left, the chair
//! opens the restricted next ballot, and a rapporteur is elected by acclamation.

use super::voting::{close_when_voted, on, pick, text_in};
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_vice_chairs_are_elected_in_two_ballots_and_a_rapporteur_by_acclamation() {
    let fresh = fresh_meeting(3).await;
    let (node, fx) = (&fresh.node, &fresh.fx);
    fx.open().await;
    let (_, chair_code) = fx.invitation("Chair", Role::Chair, None).await;
    let (_, room_code) = fx.invitation("Room", Role::Room, None).await;
    let (_, a_code) = fx.delegate_invitation(&fx.members[0]).await;
    let (_, b_code) = fx.delegate_invitation(&fx.members[1]).await;

    let driver = Driver::start().await;
    let browser = driver.browser("elections").await;
    let chair = browser.window().await;
    join(&browser, node, &chair_code).await;
    let tab_a = browser.new_tab().await;
    join(&browser, node, &a_code).await;
    browser.click("button[data-action=check-in-remote]").await;
    let tab_b = browser.new_tab().await;
    join(&browser, node, &b_code).await;
    browser.click("button[data-action=check-in-remote]").await;
    let room = browser.new_tab().await;
    join(&browser, node, &room_code).await;
    server_shows(fx, "two members present", |s| {
        (s.members_present() == 2).then_some(())
    })
    .await;

    // The chair opens an election to two places among three candidates.
    let page = on(&browser, &chair).await;
    page.type_into("#proposal-reference", "Election of officers")
        .await;
    page.type_into("#proposal-title", "Election of two Vice-Chairs")
        .await;
    page.click("button[data-action=table-proposal]").await;
    page.wait_element("#proposals li[data-proposal='1']").await;
    pick(page, "#vote-method", "secret_ballot").await;
    page.type_into(
        "#vote-candidates",
        "Ms. Amina Diallo\nMr. Jonas Berg\nMs. Sofia Costa",
    )
    .await;
    page.clear("#vote-seats").await;
    page.type_into("#vote-seats", "2").await;
    page.click("button[data-action=open-vote]").await;
    page.wait_element("#chair-open-vote[data-method=secret_ballot]")
        .await;

    // Each member marks two candidates and casts one ballot.
    for (tab, marks) in [(&tab_a, [0, 1]), (&tab_b, [0, 2])] {
        let page = on(&browser, tab).await;
        page.wait_element("#several-places").await;
        assert_eq!(
            page.js("return document.querySelector('button[data-action=cast-ballot]').disabled")
                .await,
            serde_json::json!(true),
            "nothing marked, nothing to cast"
        );
        for m in marks {
            page.click(&format!("input[data-action=mark][data-candidate='{m}']"))
                .await;
        }
        page.click("button[data-action=cast-ballot]").await;
        page.wait_element("#my-vote[data-choice=sealed]").await;
    }
    close_when_voted(on(&browser, &chair).await, 2).await;

    // Ms. Diallo is on both ballots: elected; one place is left.
    let page = on(&browser, &room).await;
    page.wait_element("#vote-board[data-state=closed][data-outcome=elected]")
        .await;
    page.wait_for(
        "the elected and the place left",
        &format!(
            "{} && {}",
            text_in("#board-outcome", "Ms. Amina Diallo"),
            text_in("#board-places-left", "1 place(s) still to fill")
        ),
    )
    .await;
    page.screenshot("vote-board-several-places").await;

    // The next ballot, restricted to the two others, for the place left.
    let page = on(&browser, &chair).await;
    page.click("#proposals li[data-proposal='1'] button[data-action=next-ballot]")
        .await;
    page.wait_element("#chair-open-vote").await;
    let second = server_shows(fx, "the second ballot", |s| {
        s.open_vote().filter(|v| v.ballot == 2).cloned()
    })
    .await;
    assert_eq!(second.candidates, ["Mr. Jonas Berg", "Ms. Sofia Costa"]);
    let page = on(&browser, &room).await;
    page.wait_for(
        "the board says the ballot is restricted",
        &text_in("#board-ballot", "Ballot 2, restricted"),
    )
    .await;
    for tab in [&tab_a, &tab_b] {
        let page = on(&browser, tab).await;
        page.click("#voting-panel button[data-action=vote][data-choice=candidate-0]")
            .await;
        page.wait_element("#my-vote[data-choice=sealed]").await;
    }
    close_when_voted(on(&browser, &chair).await, 2).await;
    page.wait_for(
        "the election decided",
        &text_in(
            "#proposals li[data-proposal='1'] .decision",
            "Mr. Jonas Berg",
        ),
    )
    .await;

    // The rapporteur: one candidate for one place, elected by acclamation.
    page.type_into("#proposal-reference", "Election of officers")
        .await;
    page.type_into("#proposal-title", "Election of the Rapporteur")
        .await;
    page.click("button[data-action=table-proposal]").await;
    page.wait_element("#proposals li[data-proposal='2']").await;
    pick(page, "#vote-method", "secret_ballot").await;
    page.clear("#vote-candidates").await;
    page.type_into("#vote-candidates", "Mr. Ali Hassan").await;
    page.click("button[data-action=elect-by-acclamation]").await;
    page.wait_for(
        "elected by acclamation",
        &text_in(
            "#proposals li[data-proposal='2'] .decision",
            "Elected by acclamation: Mr. Ali Hassan",
        ),
    )
    .await;

    let record: MeetingRecord = fx
        .secretariat
        .get_ok(&format!("/api/meetings/{}/record", fx.meeting))
        .await;
    let elected: Vec<String> = record
        .decisions
        .iter()
        .flat_map(|d| d.elected.clone())
        .collect();
    assert_eq!(
        elected,
        ["Ms. Amina Diallo", "Mr. Jonas Berg", "Mr. Ali Hassan"]
    );
    browser.quit().await;
}
