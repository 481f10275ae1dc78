//! Keyboard and zoom: the chair reorders the list of speakers by keyboard and by drag and
//! drop, and the delegate's and the chair's views work at 200% zoom, by keyboard alone.

use super::*;

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
    let fresh = fresh_meeting(3).await;
    let (node, fx) = (&fresh.node, &fresh.fx);
    fx.open().await;
    let (a, b, c) = (fx.members[0].id, fx.members[1].id, fx.members[2].id);
    for delegate in &fx.delegates {
        delegate.asks_for_the_floor(fx.meeting).await;
    }
    let (_, chair_code) = fx.invitation("Chair", Role::Chair, None).await;
    let (_, c_code) = fx.delegate_invitation(&fx.members[2]).await;

    let driver = Driver::start().await;
    let chair = driver.browser("chair-reorders").await;
    let delegate = driver.browser("delegate-watches-order").await;
    join(&chair, node, &chair_code).await;
    join(&delegate, node, &c_code).await;
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
    server_shows(fx, "the order after moving down", |s| {
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
    server_shows(fx, "the order after the keyboard moves", |s| {
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
    server_shows(fx, "the order after the drag", |s| {
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
    let fresh = fresh_meeting(2).await;
    let (node, fx) = (&fresh.node, &fresh.fx);
    fx.open().await;
    let a = &fx.members[0];
    let (_, a_code) = fx.delegate_invitation(a).await;
    let (_, chair_code) = fx
        .invitation("Chair of the Commission", Role::Chair, None)
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
    server_shows(fx, "the delegation inscribed", |s| {
        (statement_order(s) == [a.id]).then_some(())
    })
    .await;
    page.wait_element(&format!("#speakers-list li[data-delegation='{}']", a.id))
        .await;
    page.screenshot("delegate-200-asked").await;

    // The same window, as the chair.
    page.click("button[data-action=sign-out]").await;
    join(&page, node, &chair_code).await;
    let next = "button[data-action=next-speaker]";
    page.wait_element(&format!("#speakers-list li[data-delegation='{}']", a.id))
        .await;
    page.wait_for("still at 200%", ZOOMED).await;
    assert_legible(&page, next).await;
    page.screenshot("chair-200").await;
    page.click(next).await;
    server_shows(fx, "the floor given", |s| {
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
