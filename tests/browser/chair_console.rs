//! The chair's console at plenary size and the delegate's place in the order of speaking
//! (issue 11, items 3 and 4): a list of 60 with its count and time, the controls in view
//! at the bottom of the list, a point of order announced where the chair looks, the
//! inscribe field, and a delegate told its number, who speaks before it, and to get ready,
//! who checks its microphone and camera without sending anything.

use super::*;

/// `true` when `css` is wholly inside the viewport (after any scrolling).
fn in_view(css: &str) -> String {
    format!(
        "(() => {{ const e = {}; if (!e) return false; const r = e.getBoundingClientRect();
            return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth; }})()",
        q(css)
    )
}

fn text_has(css: &str, needle: &str) -> String {
    format!(
        "(() => {{ const e = {}; return !!e && e.innerText.includes({}); }})()",
        q(css),
        serde_json::to_string(needle).unwrap()
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chair_runs_a_list_of_sixty_and_a_delegate_knows_its_place() {
    let _one = ONE_AT_A_TIME.lock().await;
    build_client();
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 60).await;
    fx.open().await;
    for delegate in &fx.delegates {
        delegate.asks_for_the_floor(fx.meeting).await;
    }
    let (_, chair_code) = fx.invitation("Chair", Role::Chair, None).await;
    // The delegation 37th on the list, and the one before it.
    let (mine, before) = (&fx.members[36], &fx.members[35]);
    let (_, my_code) = fx.delegate_invitation(mine).await;

    let driver = Driver::start().await;
    let chair = driver.browser("chair-sixty").await;
    chair.set_viewport(1280, 800).await;
    let delegate = driver.browser("delegate-thirty-seventh").await;
    join(&chair, &node, &chair_code).await;
    join(&delegate, &node, &my_code).await;
    // The client replaced the page's loading screen.
    chair
        .wait_for("no loading screen", "!document.getElementById('loading')")
        .await;

    // The count and the time the list would take: 60 States at 5 minutes.
    chair
        .wait_for("sixty waiting", &q("#list-count[data-waiting='60']"))
        .await;
    chair
        .wait_for("the count and the time", &text_has("#list-count", "60"))
        .await;
    chair
        .wait_for(
            "five hours of statements",
            &text_has("#list-count", "5 h 00 min"),
        )
        .await;
    chair
        .wait_for(
            "the last entry numbered 60",
            &text_has(
                &format!(
                    "#speakers-list li[data-delegation='{}'] .place",
                    fx.members[59].id
                ),
                "60.",
            ),
        )
        .await;

    // The delegate: 37th, after the 36th, no warning yet.
    delegate
        .wait_for("its number", &q("#my-place[data-number='37']"))
        .await;
    delegate
        .wait_for("who speaks before it", &text_has("#my-place", &before.name))
        .await;
    assert_eq!(
        delegate
            .js(&format!("return !!{}", q("#my-place .get-ready")))
            .await,
        serde_json::json!(false),
        "a warning 36 speakers ahead"
    );

    // Before its turn the delegate checks its microphone and camera: it sees itself and the
    // level moves (the fake microphone beeps), and not one packet leaves the page.
    delegate
        .wait_for("media connected", &q("#media-status[data-state=connected]"))
        .await;
    delegate.click("button[data-action=self-check]").await;
    delegate
        .wait_for(
            "its own picture",
            &format!("{}.videoWidth > 0", q("#self-view")),
        )
        .await;
    delegate
        .wait_for(
            "the level above silence",
            &format!("Number({}.dataset.dbfs) > -50", q("#self-level")),
        )
        .await;
    sends_nothing(&delegate, "checking the microphone").await;
    delegate.screenshot("delegate-self-check").await;
    delegate.click("button[data-action=stop-self-check]").await;
    delegate
        .wait_element("button[data-action=self-check]")
        .await;

    // At the bottom of the list the controls are still in view.
    chair
        .js("window.scrollTo(0, document.body.scrollHeight); return true;")
        .await;
    chair.wait_for("scrolled down", "window.scrollY > 0").await;
    for control in [
        "button[data-action=next-speaker]",
        "button[data-action=close-list]",
        "button[data-action=pause]",
    ] {
        chair.wait_for(control, &in_view(control)).await;
    }
    std::fs::create_dir_all(workspace_root().join("docs/screenshots")).unwrap();

    // A point of order, raised while the chair looks at the bottom of the list: the
    // banner is in view, and the page's title says it.
    let raiser = &fx.members[0];
    fx.delegates[0]
        .command_ok(
            fx.meeting,
            Command::RaisePointOfOrder {
                about_voting: false,
            },
        )
        .await;
    chair
        .wait_for("the banner in view", &in_view("#intervention-banner"))
        .await;
    chair
        .wait_for(
            "the banner names the delegation",
            &text_has("#intervention-banner", &raiser.name),
        )
        .await;
    chair
        .wait_for("the title says it", "document.title.startsWith('(1)')")
        .await;
    chair.screenshot("chair-60-speakers").await;
    // From the banner, the floor to the point of order.
    chair.click("button[data-action=give-floor-now]").await;
    server_shows(&fx, "the point of order heard", |s| {
        s.floor
            .as_ref()
            .is_some_and(|f| f.entry.delegation == raiser.id && s.interventions.is_empty())
            .then_some(())
    })
    .await;
    chair
        .wait_for(
            "the banner gone",
            &format!("!{}", q("#intervention-banner")),
        )
        .await;
    chair
        .wait_for("the title back", "!document.title.startsWith('(')")
        .await;

    // Thirty-four delegations withdraw: the delegate is third, and told to get ready.
    let view = fx.secretariat.view(fx.meeting).await;
    for (d, member) in fx.delegates.iter().zip(&fx.members).take(35).skip(1) {
        let entry = view
            .state
            .item(fx.item)
            .and_then(|i| i.statements.iter().find(|e| e.delegation == member.id))
            .map(|e| e.id)
            .expect("its statement");
        d.command_ok(fx.meeting, Command::WithdrawEntry { entry })
            .await;
    }
    delegate
        .wait_for("third", &q("#my-place[data-number='3']"))
        .await;
    delegate
        .wait_for("the warning", &q("#my-place.soon .get-ready"))
        .await;
    delegate.screenshot("delegate-get-ready").await;

    // The inscribe field: nothing typed asks for a name and sends nothing; an unknown
    // name keeps what was typed and says so; a known one, typed in any case, inscribes.
    // Back at the top of the page, where the field is.
    chair.js("window.scrollTo(0, 0); return true;").await;
    chair.wait_for("scrolled up", "window.scrollY === 0").await;
    let field = "#inscribe-name";
    chair.click("button[data-action=inscribe-by-name]").await;
    chair
        .wait_for(
            "asked for a name",
            &format!("{}.innerText.length > 0", q("#inscribe-name-problem")),
        )
        .await;
    chair.type_into(field, "Atlantis").await;
    chair.click("button[data-action=inscribe-by-name]").await;
    chair
        .wait_for(
            "the unknown name named",
            &text_has("#inscribe-name-problem", "Atlantis"),
        )
        .await;
    assert_eq!(
        chair.js(&format!("return {}.value", q(field))).await,
        serde_json::json!("Atlantis"),
        "the typed name kept"
    );
    // Neither attempt reached the server: the list is as it was.
    let statements_now = fx
        .secretariat
        .view(fx.meeting)
        .await
        .state
        .item(fx.item)
        .map(|i| i.statements.len());
    assert_eq!(statements_now, Some(26), "a refused name inscribed nobody");
    chair
        .js(&format!("{}.value = ''; return true;", q(field)))
        .await;
    chair
        .type_into(field, &fx.observer().name.to_lowercase())
        .await;
    chair.click("button[data-action=inscribe-by-name]").await;
    server_shows(&fx, "the observer inscribed", |s| {
        s.item(fx.item)
            .is_some_and(|i| {
                i.statements
                    .iter()
                    .any(|e| e.delegation == fx.observer().id)
            })
            .then_some(())
    })
    .await;
    chair
        .wait_for("the field cleared", &format!("{}.value === ''", q(field)))
        .await;
    for b in [chair, delegate] {
        b.quit().await;
    }
}

/// The high-level segment: the chair marks the item, a delegate records that its minister
/// speaks, the chair a head of State's rank; the list reorders by rank on every page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_high_level_segment_orders_the_list_by_the_speakers_rank() {
    let fresh = fresh_meeting(3).await;
    let (node, fx) = (&fresh.node, &fresh.fx);
    fx.open().await;
    for d in &fx.delegates {
        d.asks_for_the_floor(fx.meeting).await;
    }
    let (a, b, c) = (&fx.members[0], &fx.members[1], &fx.members[2]);
    let (_, chair_code) = fx.invitation("Chair", Role::Chair, None).await;
    let (_, b_code) = fx.delegate_invitation(b).await;

    let driver = Driver::start().await;
    let browser = driver.browser("high-level").await;
    let chair = browser.window().await;
    join(&browser, node, &chair_code).await;
    let tab_b = browser.new_tab().await;
    join(&browser, node, &b_code).await;

    browser.switch_to(&chair).await;
    browser.click("input[data-action=high-level]").await;
    browser
        .wait_element("#speakers-list select[data-action=rank]")
        .await;
    // B's delegate: its minister speaks.
    browser.switch_to(&tab_b).await;
    let mine = format!(
        "#speakers-list li[data-delegation='{}'] select[data-action=rank]",
        b.id
    );
    browser.wait_element(&mine).await;
    assert_eq!(
        browser
            .js("return document.querySelectorAll('#speakers-list select[data-action=rank]').length")
            .await,
        serde_json::json!(1),
        "a delegate ranks its own statement only"
    );
    browser
        .click(&format!("{mine} option[value=minister]"))
        .await;
    // The chair: C's speaker is a head of State.
    browser.switch_to(&chair).await;
    browser
        .click(&format!(
            "#speakers-list li[data-delegation='{}'] select[data-action=rank] option[value=head_of_state_or_government]",
            c.id
        ))
        .await;
    let order = [c.id, b.id, a.id];
    browser
        .wait_for("C, then B, then A", &page_order_is(&order))
        .await;
    browser.switch_to(&tab_b).await;
    browser
        .wait_for("the same order on B's page", &page_order_is(&order))
        .await;
    let server = server_shows(fx, "the order by rank", |s| {
        let o = statement_order(s);
        (o == order).then_some(o)
    })
    .await;
    assert_eq!(server, order);
    browser.quit().await;
}
