//! Decisions and votes in the browser: the chair tables a proposal and opens a recorded
//! vote from the chair's page, delegates of member States vote from theirs, an observer
//! sees the panel without buttons, the chair sees who has voted and closes, and the room's
//! display shows the result; then a secret-ballot election. One Chromium, one tab per
//! participant (each tab has its own sessionStorage, so its own sign-in).

use super::*;

/// Give `tab` WebDriver's attention and return the browser to drive it with.
pub(super) async fn on<'a>(browser: &'a Browser, tab: &str) -> &'a Browser {
    browser.switch_to(tab).await;
    browser
}

/// A JavaScript condition: the element `css` exists and its text contains `text`.
pub(super) fn text_in(css: &str, text: &str) -> String {
    format!(
        "(e => e && e.innerText.includes({}))({})",
        serde_json::to_string(text).unwrap(),
        q(css)
    )
}

/// The chair, once `voters` members have voted (names, not choices), closes the vote.
pub(super) async fn close_when_voted(chair: &Browser, voters: usize) {
    chair
        .wait_for(
            &format!("{voters} voted"),
            &q(&format!("#voted-count[data-voted='{voters}']")),
        )
        .await;
    chair.click("button[data-action=close-vote]").await;
}

/// Pick `value` in the select `css` as a user does: click the option.
pub(super) async fn pick(browser: &Browser, css: &str, value: &str) {
    browser
        .click(&format!("{css} option[value='{value}']"))
        .await;
    browser
        .wait_for(
            &format!("{css} set to {value}"),
            &format!("{}.value === '{value}'", q(css)),
        )
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recorded_vote_and_a_secret_ballot_are_run_from_the_pages_and_shown_on_the_board() {
    let _one = ONE_AT_A_TIME.lock().await;
    build_client();
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 3).await;
    fx.open().await;
    let (a, b, c) = (&fx.members[0], &fx.members[1], &fx.members[2]);
    let (_, chair_code) = fx
        .invitation("Chair of the Commission", Role::Chair, None)
        .await;
    let (_, room_code) = fx.invitation("Room", Role::Room, None).await;
    let (_, a_code) = fx.delegate_invitation(a).await;
    let (_, b_code) = fx.delegate_invitation(b).await;
    let (_, observer_code) = fx.delegate_invitation(fx.observer()).await;

    let driver = Driver::start().await;
    let browser = driver.browser("voting").await;
    let chair = browser.window().await;
    join(&browser, &node, &chair_code).await;
    let tab_a = browser.new_tab().await;
    join(&browser, &node, &a_code).await;
    // Two members check in from their pages: the quorum (2 of 3) for the vote.
    browser.click("button[data-action=check-in-remote]").await;
    let tab_b = browser.new_tab().await;
    join(&browser, &node, &b_code).await;
    browser.click("button[data-action=check-in-remote]").await;
    let tab_observer = browser.new_tab().await;
    join(&browser, &node, &observer_code).await;
    let room = browser.new_tab().await;
    join(&browser, &node, &room_code).await;
    // The room's display is a projector screen: no header, no sign-out, no language picker.
    browser
        .wait_for(
            "the room display without the page's chrome",
            "getComputedStyle(document.querySelector('header.top')).display === 'none'",
        )
        .await;
    server_shows(&fx, "two members present", |s| {
        (s.members_present() == 2).then_some(())
    })
    .await;

    // The chair tables a draft resolution, with a sponsor, and opens a recorded vote.
    let page = on(&browser, &chair).await;
    page.type_into("#proposal-reference", "E/CN.7/2026/L.2")
        .await;
    page.type_into("#proposal-title", "Promoting alternative development")
        .await;
    page.click(&format!("input[data-sponsor='{}']", c.id)).await;
    page.click("button[data-action=table-proposal]").await;
    page.wait_for(
        "the proposal listed",
        &text_in("#proposals li[data-proposal='1']", "E/CN.7/2026/L.2"),
    )
    .await;
    page.wait_for(
        "the form cleared once the proposal is in",
        "document.querySelector('#proposal-reference').value === ''",
    )
    .await;
    pick(page, "#vote-method", "recorded").await;
    page.click("button[data-action=open-vote]").await;
    page.wait_element("#chair-open-vote[data-method=recorded]")
        .await;
    page.wait_for("nobody has voted", &q("#voted-count[data-voted='0']"))
        .await;

    // Delegate A votes yes; the page shows the vote recorded, from the server's events.
    let page = on(&browser, &tab_a).await;
    page.wait_element("#voting-panel[data-state=open]").await;
    page.click("button[data-action=vote][data-choice=yes]")
        .await;
    // Its own choice comes back from the server (nobody else gets it before the result).
    page.wait_for(
        "A's vote confirmed",
        &text_in(
            "#my-vote[data-choice=yes]",
            "Your vote has been recorded: Yes",
        ),
    )
    .await;
    page.wait_element("button[data-choice=yes][aria-pressed=true]")
        .await;
    page.screenshot("voting-panel").await;
    // A tries to change its vote: the server refuses and the panel says why.
    page.click("button[data-action=vote][data-choice=no]").await;
    page.wait_for(
        "the refusal beside the panel",
        &text_in("#vote-refusal", &format!("{} has already voted", a.name)),
    )
    .await;

    // Delegate B abstains.
    let page = on(&browser, &tab_b).await;
    page.wait_element("#voting-panel[data-state=open]").await;
    page.click("button[data-action=vote][data-choice=abstain]")
        .await;
    page.wait_element("#my-vote").await;

    // The observer sees the vote, and no button to vote with.
    let page = on(&browser, &tab_observer).await;
    page.wait_element("#voting-panel[data-state=open] #observer-note")
        .await;
    assert_eq!(
        page.js(
            "return document.querySelectorAll('#voting-panel button[data-action=vote]').length"
        )
        .await,
        serde_json::json!(0),
        "an observer gets no voting buttons"
    );

    // The room shows the vote open and how many have voted, not how.
    let page = on(&browser, &room).await;
    page.wait_for(
        "the board counts two voters",
        &q("#vote-board[data-state=open] #board-voted[data-voted='2']"),
    )
    .await;

    // The chair sees who has voted (names, not how) and closes the vote.
    let page = on(&browser, &chair).await;
    page.wait_for("two have voted", &q("#voted-count[data-voted='2']"))
        .await;
    let names = page
        .js("return document.querySelector('#voted-names').innerText")
        .await;
    let names = names.as_str().unwrap_or_default();
    assert!(
        names.contains(&a.name) && names.contains(&b.name),
        "who voted: {names}"
    );
    for how in ["Yes", "Abstain"] {
        assert!(!names.contains(how), "how they voted is not shown: {names}");
    }
    page.click("button[data-action=close-vote]").await;

    // The board: ADOPTED (1 in favour, none against, 1 abstention; 1 required), and each
    // member's vote.
    let page = on(&browser, &room).await;
    page.wait_element("#vote-board[data-state=closed][data-outcome=adopted]")
        .await;
    page.wait_for(
        "the outcome in words",
        &text_in("#board-outcome", "ADOPTED"),
    )
    .await;
    for (id, value) in [
        ("total-yes", "1"),
        ("total-no", "0"),
        ("total-abstain", "1"),
        ("total-required", "1"),
        ("total-voting", "1"),
    ] {
        page.wait_for(
            &format!("{id} = {value}"),
            &format!("{}.innerText.trim() === '{value}'", q(&format!("#{id}"))),
        )
        .await;
    }
    for (d, choice, word) in [(a, "yes", "Yes"), (b, "abstain", "Abstain")] {
        let row = format!(
            "#board-members li[data-delegation='{}'][data-choice={choice}]",
            d.id
        );
        page.wait_for(&format!("{}'s vote", d.name), &text_in(&row, word))
            .await;
        page.wait_for(&format!("{}'s name", d.name), &text_in(&row, &d.name))
            .await;
    }
    assert_eq!(
        page.js("return document.querySelectorAll('#board-members li').length")
            .await,
        serde_json::json!(2),
        "the two members who voted"
    );
    page.screenshot("vote-board").await;

    // The refused change changed nothing: the server's result has A's first choice.
    let result = server_shows(&fx, "the result", |s| {
        s.votes.first().and_then(|v| v.result.clone())
    })
    .await;
    assert_eq!(
        result
            .by_member
            .iter()
            .map(|m| (m.delegation, m.choice))
            .collect::<Vec<_>>(),
        vec![(a.id, vote::Choice::Yes), (b.id, vote::Choice::Abstain)]
    );

    // A secret-ballot election with two candidates.
    let page = on(&browser, &chair).await;
    page.type_into("#proposal-reference", "Election of officers")
        .await;
    page.type_into("#proposal-title", "Election of the Second Vice-Chair")
        .await;
    page.click("button[data-action=table-proposal]").await;
    page.wait_element("#proposals li[data-proposal='2']").await;
    pick(page, "#vote-method", "secret_ballot").await;
    page.type_into("#vote-candidates", "Ms. Amina Diallo\nMr. Jonas Berg")
        .await;
    page.click("button[data-action=open-vote]").await;
    page.wait_element("#chair-open-vote[data-method=secret_ballot]")
        .await;

    for tab in [&tab_a, &tab_b] {
        let page = on(&browser, tab).await;
        page.wait_element("#voting-panel[data-state=open] button[data-choice=candidate-0]")
            .await;
        page.click("button[data-action=vote][data-choice=candidate-0]")
            .await;
        // A secret ballot's choice is never sent back: the page says it was cast.
        page.wait_element("#my-vote[data-choice=sealed]").await;
    }
    close_when_voted(on(&browser, &chair).await, 2).await;

    let page = on(&browser, &room).await;
    page.wait_element("#vote-board[data-state=closed][data-outcome=elected]")
        .await;
    page.wait_for(
        "the candidate elected",
        &text_in("#board-outcome", "Ms. Amina Diallo"),
    )
    .await;
    page.wait_for(
        "her votes",
        "document.querySelector('#board-totals [data-candidate=\"0\"] dd').innerText.trim() === '2'",
    )
    .await;
    assert_eq!(
        page.js("return document.querySelectorAll('#board-members li').length")
            .await,
        serde_json::json!(0),
        "no member's ballot is shown"
    );
    page.screenshot("vote-board-election").await;

    // The projector: the floor given and the speech paused show "Paused" and a countdown
    // on one line, in English and in the language with the longest countdown (Arabic).
    on(&browser, &tab_a)
        .await
        .click("button[data-action=request-floor]")
        .await;
    let page = on(&browser, &chair).await;
    page.wait_element(&format!("#speakers-list li[data-delegation='{}']", a.id))
        .await;
    page.click("button[data-action=next-speaker]").await;
    page.click("button[data-action=pause]").await;
    let page = on(&browser, &room).await;
    let one_line = "(e => e && e.getBoundingClientRect().height < parseFloat(getComputedStyle(e).fontSize) * 1.6 && e.scrollWidth <= e.clientWidth + 1)(document.querySelector('#countdown'))";
    page.wait_for("the speech paused", &text_in("#room-paused", "Paused"))
        .await;
    page.wait_for(
        "the board gives way to the speaker",
        "!document.querySelector('#vote-board')",
    )
    .await;
    page.wait_for("the countdown on one line", one_line).await;
    page.wait_for(
        "a projector page that does not scroll sideways",
        "document.documentElement.scrollWidth <= window.innerWidth",
    )
    .await;
    page.screenshot("room-projector").await;
    page.js("localStorage.setItem('floor.lang', 'ar'); location.reload(); return true")
        .await;
    in_the_meeting(page).await;
    page.wait_element("#room-paused").await;
    page.wait_for("the Arabic countdown on one line", one_line)
        .await;
    page.js("localStorage.removeItem('floor.lang'); return true")
        .await;

    browser.quit().await;
}
