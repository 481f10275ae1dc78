//! A whole session from a fresh server, every step through the pages: the secretariat's
//! console sets up a session with its rules, the roster, participants and their
//! invitations, a meeting with its agenda, a booth, and a draft resolution published and
//! revised; then those invited run it on their own screens: the chair opens the meeting
//! and the general debate, a delegate speaks while another listens to the French booth,
//! the chair tables the draft and runs a recorded vote and a secret-ballot election,
//! delegates vote from their pages, and the room's display shows each result.

use super::voting::{close_when_voted, pick, text_in};
use super::*;

/// The id (an `<option>`'s value) of the entry of a `<select>` whose text is `text`.
async fn option_value(page: &Browser, select: &str, text: &str) -> String {
    page.wait_for(
        &format!("{text} offered in {select}"),
        &format!(
            "[...document.querySelectorAll({})].find(o => o.textContent.trim() === {})?.value",
            serde_json::to_string(&format!("{select} option")).unwrap(),
            serde_json::to_string(text).unwrap()
        ),
    )
    .await
    .as_str()
    .unwrap()
    .to_string()
}

/// Invite the participant listed as `name`; the code, as the page shows it.
async fn invite_from_page(page: &Browser, name: &str) -> String {
    let row = page
        .wait_for(
            &format!("{name} listed"),
            &format!(
                "[...document.querySelectorAll('.participants > li')].findIndex(li => li.querySelector('.name').textContent.startsWith({})) + 1",
                serde_json::to_string(name).unwrap()
            ),
        )
        .await;
    page.click(&format!(
        ".participants > li:nth-child({row}) button[data-action=invite]"
    ))
    .await;
    let code = page
        .wait_for(
            &format!("the invitation of {name}"),
            &format!(
                "(t => t.includes({}) && (t.match(/code ([A-Z0-9]{{4}}(?:-[A-Z0-9]{{4}})+)/) || [])[1])(document.querySelector('#invitation').innerText)",
                serde_json::to_string(name).unwrap()
            ),
        )
        .await;
    code.as_str().unwrap().to_string()
}

/// The text beside a field of the page (its `.field-error`), once there is one.
async fn refusal_beside(page: &Browser, field: &str) -> String {
    page.wait_for(
        &format!("a refusal beside {field}"),
        &format!(
            "(e => e && e.getAttribute('aria-invalid') === 'true' && e.parentElement.querySelector('.field-error:not([hidden])')?.innerText)({})",
            q(field)
        ),
    )
    .await
    .as_str()
    .unwrap()
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_session_is_set_up_in_the_console_and_run_from_the_pages_of_those_invited() {
    let _one = ONE_AT_A_TIME.lock().await;
    build_client();
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let server = node.secretariat().await;
    let driver = Driver::start().await;
    let sec = driver.browser("secretariat-console").await;
    sec.goto(&node.base).await;
    sec.type_into("#username", "secretariat").await;
    sec.type_into("#password", ADMIN_PASSWORD).await;
    sec.click("button[data-action=login]").await;
    sec.wait_element("#no-session").await;

    // A session with its rules. A State's limit of 5 s is refused by the server: the
    // form keeps everything typed and says why beside the field.
    let title = "Commission on Narcotic Drugs, sixty-eighth session";
    sec.type_into("#session-title", title).await;
    sec.clear("#new-rules-state").await;
    sec.type_into("#new-rules-state", "5").await;
    sec.clear("#new-rules-group").await;
    sec.type_into("#new-rules-group", "420").await;
    sec.type_into("#new-rules-quorum", "2").await;
    sec.click("button[data-action=create-session]").await;
    let why = refusal_beside(&sec, "#new-rules-state").await;
    assert!(why.contains("5 s") && why.contains("10"), "{why}");
    assert_eq!(
        sec.js("return [document.querySelector('#session-title').value, document.querySelector('#new-rules-quorum').value]").await,
        serde_json::json!([title, "2"]),
        "the refused form lost what was typed"
    );
    assert!(
        server
            .get_ok::<Vec<Session>>("/api/sessions")
            .await
            .is_empty(),
        "a refused session was created"
    );
    sec.clear("#new-rules-state").await;
    sec.type_into("#new-rules-state", "240").await;
    sec.click("button[data-action=create-session]").await;
    sec.wait_element("#current-session").await;
    sec.wait_for(
        "the refusal gone",
        "!document.querySelector('#new-session .field-error:not([hidden])')",
    )
    .await;
    let sessions: Vec<Session> = server.get_ok("/api/sessions").await;
    assert_eq!(sessions.len(), 1, "{sessions:?}");
    let session = &sessions[0];
    assert_eq!(
        (
            session.title.as_str(),
            session.rules.time_limits.state_secs,
            session.rules.time_limits.group_secs,
            session.rules.quorum
        ),
        (title, 240, 420, Some(2))
    );

    // The roster: two delegations, one of them corrected.
    for (name, kind) in [("Chile", "member"), ("Mexic", "member")] {
        sec.type_into("#delegation-name", name).await;
        sec.click(&format!("#delegation-kind option[value={kind}]"))
            .await;
        sec.click("form:has(#delegation-name) button[type=submit]")
            .await;
        sec.wait_for(
            &format!("{name} on the roster"),
            &format!(
                "[...document.querySelectorAll('#roster .name')].some(n => n.textContent === {})",
                serde_json::to_string(name).unwrap()
            ),
        )
        .await;
    }
    let mexico = option_value(&sec, "#participant-delegation", "Mexic").await;
    sec.click(&format!(
        "#roster li[data-delegation='{mexico}'] button[data-action=edit-delegation]"
    ))
    .await;
    sec.type_into(&format!("#delegation-{mexico}-name"), "o")
        .await;
    sec.click(&format!(
        "#roster li[data-delegation='{mexico}'] button[data-action=save-delegation]"
    ))
    .await;
    let chile = option_value(&sec, "#participant-delegation", "Chile").await;
    option_value(&sec, "#participant-delegation", "Mexico").await;

    // Participants: a delegate of Chile and an interpreter, each invited.
    let delegate = "Ms. Paula Rojas";
    sec.type_into("#participant-name", delegate).await;
    sec.click("#participant-role option[value=delegate]").await;
    sec.click(&format!("#participant-delegation option[value='{chile}']"))
        .await;
    sec.click("form:has(#participant-name) button[type=submit]")
        .await;
    let delegate_code = invite_from_page(&sec, delegate).await;
    let interpreter = "Mr. Jean Lefèvre";
    sec.type_into("#participant-name", interpreter).await;
    sec.click("#participant-role option[value=interpreter]")
        .await;
    sec.click("#participant-delegation option[value='']").await;
    sec.click("form:has(#participant-name) button[type=submit]")
        .await;
    let interpreter_code = invite_from_page(&sec, interpreter).await;
    sec.wait_element("button[data-action=copy-code]").await;
    // The chair, the meeting room's system, and Mexico's delegate.
    let mut codes = Vec::new();
    for (name, role, delegation) in [
        ("Ms. Elena Duarte", "chair", ""),
        ("Board Room D", "room", ""),
        ("Mr. Diego Ortiz", "delegate", mexico.as_str()),
    ] {
        sec.type_into("#participant-name", name).await;
        sec.click(&format!("#participant-role option[value={role}]"))
            .await;
        sec.click(&format!(
            "#participant-delegation option[value='{delegation}']"
        ))
        .await;
        sec.click("form:has(#participant-name) button[type=submit]")
            .await;
        codes.push(invite_from_page(&sec, name).await);
    }
    let [chair_code, room_code, mexico_code] = <[String; 3]>::try_from(codes).unwrap();

    // A meeting, opened at once, with an item and a sub-item.
    sec.type_into("#new-meeting-title", "Plenary, 1st meeting")
        .await;
    sec.click("button[data-action=create-meeting]").await;
    sec.wait_element("button[data-action=next-speaker]").await;
    for (number, title, parent) in [
        (
            "5",
            "Implementation of the international drug control treaties",
            None,
        ),
        (
            "5 (a)",
            "Changes in the scope of control of substances",
            Some("5"),
        ),
    ] {
        sec.type_into("#agenda-number", number).await;
        sec.type_into("#agenda-title", title).await;
        if let Some(p) = parent {
            let id = option_value(
                &sec,
                "#agenda-parent",
                &format!("{p} Implementation of the international drug control treaties"),
            )
            .await;
            sec.click(&format!("#agenda-parent option[value='{id}']"))
                .await;
        }
        sec.click("button[data-action=add-agenda-item]").await;
        sec.wait_for(
            &format!("item {number} on the agenda"),
            &format!(
                "[...document.querySelectorAll('#agenda .item-number')].some(n => n.textContent === {})",
                serde_json::to_string(number).unwrap()
            ),
        )
        .await;
    }
    sec.wait_element("#agenda .sub-items li").await;

    // The interpreter goes into the French booth.
    let interpreter_id = option_value(&sec, "#booth-interpreter", interpreter).await;
    sec.click(&format!(
        "#booth-interpreter option[value='{interpreter_id}']"
    ))
    .await;
    sec.click("#booth-channel option[value=fr]").await;
    sec.click("button[data-action=assign-interpreter]").await;
    sec.wait_for(
        "the interpreter in the French booth",
        &format!(
            "document.querySelector('.booth-table tr[data-channel=fr] .interpreters').textContent === {}",
            serde_json::to_string(interpreter).unwrap()
        ),
    )
    .await;

    // A draft resolution: the English file, then the symbol, mistyped first.
    let pdf = target_dir().join("console-draft.pdf");
    std::fs::write(&pdf, pdf_bytes()).unwrap();
    let pdf = pdf.to_str().unwrap().to_string();
    sec.type_into("#doc-file-en", &pdf).await;
    sec.wait_element(".file-row[data-language=en] .upload-state[data-state=stored]")
        .await;
    sec.type_into("#doc-symbol", "E/CN.7/2025/l.2").await;
    let note = sec
        .wait_for(
            "the symbol refused as typed",
            "document.querySelector('#doc-symbol-note[data-valid=false]')?.innerText",
        )
        .await;
    assert!(note.as_str().unwrap().contains("L.2"), "{note}");
    sec.clear("#doc-symbol").await;
    let symbol = "E/CN.7/2025/L.2";
    sec.type_into("#doc-symbol", symbol).await;
    sec.wait_element("#doc-symbol-note[data-valid=true]").await;
    let draft = "Promoting alternative development as a development-oriented drug control strategy";
    sec.type_into("#doc-title", draft).await;
    sec.click("button[data-action=publish]").await;
    let published = |symbol: &str| {
        format!("document.querySelector('#register li.revision[data-symbol=\"{symbol}\"]')")
    };
    sec.wait_for("the draft in the register", &published(symbol))
        .await;

    // Its revision: the console proposes the symbol.
    sec.click(&format!(
        "#register li.revision[data-symbol=\"{symbol}\"] button[data-action=revise]"
    ))
    .await;
    let revision = "E/CN.7/2025/L.2/Rev.1";
    sec.wait_for(
        "the revision's symbol proposed",
        &format!(
            "document.querySelector('#doc-symbol').value === {}",
            serde_json::to_string(revision).unwrap()
        ),
    )
    .await;
    sec.type_into("#doc-file-en", &pdf).await;
    sec.wait_element(".file-row[data-language=en] .upload-state[data-state=stored]")
        .await;
    sec.click("button[data-action=publish]").await;
    sec.wait_for("the revision in the register", &published(revision))
        .await;
    sec.wait_for(
        "the draft marked as replaced by its revision",
        &format!(
            "document.querySelector('#register li.revision.superseded[data-symbol=\"{symbol}\"] .replaced')?.innerText.includes({})",
            serde_json::to_string(revision).unwrap()
        ),
    )
    .await;
    let register: Vec<floor_protocol::document::Document> = server
        .get_ok(&format!("/api/sessions/{}/documents", session.id))
        .await;
    assert_eq!(
        register
            .iter()
            .map(|d| (d.symbol.to_string(), d.supersedes.is_some()))
            .collect::<Vec<_>>(),
        [(symbol.to_string(), false), (revision.to_string(), true)]
    );
    // A corrigendum to the revision: the console proposes its symbol, and says what it is.
    sec.click(&format!(
        "#register li.revision[data-symbol=\"{revision}\"] button[data-action=corrigendum]"
    ))
    .await;
    sec.wait_for(
        "the corrigendum's symbol explained",
        &format!(
            "document.querySelector('#doc-symbol').value === {} && document.querySelector('#doc-symbol-note[data-valid=true]')?.innerText.includes({})",
            serde_json::to_string(&format!("{revision}/Corr.1")).unwrap(),
            serde_json::to_string(revision).unwrap()
        ),
    )
    .await;
    sec.js("document.querySelector('#console-documents').scrollIntoView()")
        .await;
    sec.screenshot("secretariat-documents").await;

    // The delegate sees the draft and its revision; the interpreter, their booth.
    let delegate_page = driver.browser("console-delegate").await;
    join(&delegate_page, &node, &delegate_code).await;
    let symbols = delegate_page
        .wait_for(
            "the draft and its revision",
            "(s => s.length >= 2 && s)([...document.querySelectorAll('.documents li .symbol')].map(e => e.textContent))",
        )
        .await;
    assert_eq!(symbols, serde_json::json!([symbol, revision]));
    let booth = driver.browser("console-interpreter").await;
    join(&booth, &node, &interpreter_code).await;
    booth
        .wait_element(".screen.interpreter .booth[data-channel=fr]")
        .await;

    // The session runs from the pages of those invited.
    let chair = driver.browser("console-chair").await;
    join(&chair, &node, &chair_code).await;
    let mexico_page = driver.browser("console-mexico").await;
    join(&mexico_page, &node, &mexico_code).await;
    let room = driver.browser("console-room").await;
    join(&room, &node, &room_code).await;
    // Both delegations check in from their pages: the quorum of 2.
    for page in [&delegate_page, &mexico_page] {
        page.click("button[data-action=check-in-remote]").await;
    }
    // The chair opens the meeting and takes up item 5.
    chair.click("button[data-action=open-meeting-now]").await;
    chair
        .click("button[data-action=take-up][aria-label='Take up 5']")
        .await;

    // The general debate: Chile asks for the floor and is given it; Mexico follows it in
    // French, from the interpreter who goes live in the booth assigned in the console.
    delegate_page
        .click("button[data-action=request-floor]")
        .await;
    chair
        .wait_element(&format!("#speakers-list li[data-delegation='{chile}']"))
        .await;
    chair.click("button[data-action=next-speaker]").await;
    delegate_page.wait_element("#you-have-floor").await;
    booth
        .click(".booth[data-channel=fr] button[data-action=take-mic]")
        .await;
    mexico_page
        .wait_for(
            "French marked live",
            &q("#channel option[value=fr][data-live=true]"),
        )
        .await;
    mexico_page.click("#channel option[value=fr]").await;
    wait_receiving(&mexico_page, 3, false, "the French channel").await;
    chair.click("button[data-action=end-speech]").await;

    // Action on the draft: the chair tables its revision, whose title comes from the
    // document, and puts it to a recorded vote; both delegations vote yes.
    chair.type_into("#proposal-reference", revision).await;
    chair
        .wait_for(
            "the title taken from the document",
            &format!(
                "document.querySelector('#proposal-title').value === {}",
                serde_json::to_string(draft).unwrap()
            ),
        )
        .await;
    chair.click("button[data-action=table-proposal]").await;
    chair.wait_element("#proposals li[data-proposal='1']").await;
    pick(&chair, "#vote-method", "recorded").await;
    chair.click("button[data-action=open-vote]").await;
    for page in [&delegate_page, &mexico_page] {
        page.click("#voting-panel button[data-action=vote][data-choice=yes]")
            .await;
        page.wait_element("#my-vote[data-choice=yes]").await;
    }
    close_when_voted(&chair, 2).await;
    room.wait_element("#vote-board[data-state=closed][data-outcome=adopted]")
        .await;
    room.wait_for(
        "each member's vote on the board",
        "document.querySelectorAll('#board-members li[data-choice=yes]').length === 2",
    )
    .await;

    // The Rapporteur, elected by secret ballot.
    chair
        .type_into("#proposal-reference", "Election of officers")
        .await;
    chair
        .type_into("#proposal-title", "Election of the Rapporteur")
        .await;
    chair.click("button[data-action=table-proposal]").await;
    chair.wait_element("#proposals li[data-proposal='2']").await;
    pick(&chair, "#vote-method", "secret_ballot").await;
    chair
        .type_into("#vote-candidates", "Ms. Ana Ruiz\nMr. Karim Adel")
        .await;
    chair.click("button[data-action=open-vote]").await;
    for page in [&delegate_page, &mexico_page] {
        page.click("#voting-panel button[data-action=vote][data-choice=candidate-0]")
            .await;
        page.wait_element("#my-vote[data-choice=sealed]").await;
    }
    close_when_voted(&chair, 2).await;
    room.wait_element("#vote-board[data-state=closed][data-outcome=elected]")
        .await;
    room.wait_for(
        "the Rapporteur elected",
        &text_in("#board-outcome", "Ms. Ana Ruiz"),
    )
    .await;
    let record: floor_protocol::api::MeetingRecord = server
        .get_ok(&format!(
            "/api/meetings/{}/record",
            only_meeting(&server, session.id).await
        ))
        .await;
    assert_eq!(
        record
            .decisions
            .iter()
            .map(|d| (d.reference.as_str(), d.method.as_str()))
            .collect::<Vec<_>>(),
        [
            (revision, "recorded vote"),
            ("Election of officers", "secret ballot")
        ]
    );
    assert_eq!(
        record.speeches.len(),
        1,
        "Chile's statement: {:?}",
        record.speeches
    );
    for b in [sec, delegate_page, booth, chair, mexico_page, room] {
        b.quit().await;
    }
}

/// The one meeting of `session` (read to check the record; nothing is done through it).
async fn only_meeting(server: &Client, session: SessionId) -> MeetingId {
    let meetings: Vec<Meeting> = server
        .get_ok(&format!("/api/sessions/{session}/meetings"))
        .await;
    meetings[0].id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_secretariat_adds_a_delegation_and_a_participant_whose_invitation_works() {
    let _one = ONE_AT_A_TIME.lock().await;
    build_client();
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 1).await;
    let driver = Driver::start().await;
    let sec = driver.browser("secretariat-forms").await;
    sign_in_secretariat(&sec, &node, fx.meeting).await;

    // A new delegation, of the kind chosen.
    let delegation = "Sovereign Order of Malta";
    sec.type_into("#delegation-name", delegation).await;
    sec.click("#delegation-kind option[value=igo]").await;
    sec.click("form:has(#delegation-name) button[type=submit]")
        .await;
    let option = format!(
        "[...document.querySelectorAll('#participant-delegation option')].find(o => o.textContent === {})?.value",
        serde_json::to_string(delegation).unwrap()
    );
    let delegation_id = sec
        .wait_for("the new delegation offered for participants", &option)
        .await;
    let delegation_id = delegation_id.as_str().unwrap().to_string();
    let roster = fx.secretariat.view(fx.meeting).await.delegations;
    let added = roster
        .iter()
        .find(|d| d.name == delegation)
        .unwrap_or_else(|| panic!("the server has no {delegation}: {roster:?}"));
    assert_eq!(
        (added.id.to_string(), added.kind),
        (delegation_id.clone(), DelegationKind::Igo)
    );

    // A new participant of that delegation.
    let person = "Ms. Marguerite Observer";
    sec.type_into("#participant-name", person).await;
    sec.click("#participant-role option[value=delegate]").await;
    sec.click(&format!(
        "#participant-delegation option[value='{delegation_id}']"
    ))
    .await;
    sec.click("form:has(#participant-name) button[type=submit]")
        .await;
    let row = sec
        .wait_for(
            "the participant listed",
            &format!(
                "[...document.querySelectorAll('.participants > li')].findIndex(li => li.textContent.includes({})) + 1",
                serde_json::to_string(person).unwrap()
            ),
        )
        .await;

    // Its invitation: the code is read from the page.
    sec.click(&format!(
        ".participants > li:nth-child({row}) button[data-action=invite]"
    ))
    .await;
    let code = sec
        .wait_for(
            "the invitation's code",
            "(document.querySelector('#invitation').innerText.match(/code ([A-Z0-9]{4}(?:-[A-Z0-9]{4})+)/) || [])[1]",
        )
        .await;
    let code = code.as_str().unwrap().to_string();
    sec.screenshot("secretariat-forms").await;

    // Someone else types the code into the sign-in page of their own browser.
    let guest = driver.browser("invited").await;
    guest.goto(&node.base).await;
    guest.type_into("#code", &code).await;
    guest.click("button[data-action=redeem]").await;
    in_the_meeting(&guest).await;
    guest
        .wait_for(
            "the participant's name and role",
            &format!(
                "document.querySelector('.who').innerText === {}",
                serde_json::to_string(&format!("Signed in as {person} (Delegate)")).unwrap()
            ),
        )
        .await;
    guest
        .wait_for(
            "the delegation",
            &format!(
                "document.querySelector('.screen.delegate .delegation').innerText === {}",
                serde_json::to_string(&format!("Your delegation: {delegation}")).unwrap()
            ),
        )
        .await;
    guest.screenshot("invited-delegate").await;
    for b in [sec, guest] {
        b.quit().await;
    }
}
