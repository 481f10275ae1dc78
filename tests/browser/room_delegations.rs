//! A delegation in the room without a device, through the secretariat's console: its
//! representative raises the nameplate and the secretariat raises its point of order,
//! moves its motion and casts its vote from the "A delegation in the room" panel; the
//! chair sees them as the delegation's own, and the record says the vote was given in
//! the room.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_secretariat_raises_a_point_and_casts_a_vote_for_a_delegation_in_the_room() {
    let fresh = fresh_meeting(3).await;
    let (node, fx) = (&fresh.node, &fresh.fx);
    fx.open().await;
    let (a, b, c) = (&fx.members[0], &fx.members[1], &fx.members[2]);
    // A and B follow remotely; C's representative sits in the hall with no device, and the
    // secretariat records it present in person.
    for d in &fx.delegates[..2] {
        d.command_ok(
            fx.meeting,
            Command::CheckIn {
                mode: AttendanceMode::Remote,
            },
        )
        .await;
    }
    let participants: Vec<Participant> = fx
        .secretariat
        .get_ok(&format!("/api/sessions/{}/participants", fx.session))
        .await;
    let c_delegate = participants
        .iter()
        .find(|p| p.delegation_id == Some(c.id))
        .expect("C's delegate");
    fx.secretariat
        .command_ok(
            fx.meeting,
            Command::RecordAttendance {
                participant: c_delegate.id,
                delegation: c.id,
                mode: AttendanceMode::InPerson,
            },
        )
        .await;
    fx.secretariat
        .command_ok(
            fx.meeting,
            Command::TableProposal {
                reference: "E/CN.7/2026/L.4".into(),
                title: "Strengthening international cooperation".into(),
                sponsors: vec![a.id],
                amends: None,
                budget_implications: false,
                text: String::new(),
            },
        )
        .await;

    let driver = Driver::start().await;
    let page = driver.browser("room-delegations").await;
    sign_in_secretariat(&page, node, fx.meeting).await;
    page.wait_element("#in-the-room").await;

    // Nothing chosen: the panel asks for a delegation and sends nothing.
    page.click("button[data-action=room-point-of-order]").await;
    page.wait_for(
        "a delegation asked for",
        &format!("{}.innerText.length > 0", q("#inscribe-error")),
    )
    .await;
    assert!(
        server_shows(fx, "the meeting", |s| Some(s.interventions.is_empty())).await,
        "nothing was raised"
    );

    // C raises the nameplate: a point of order.
    page.click(&format!("#inscribe-delegation option[value='{}']", c.id))
        .await;
    page.click("button[data-action=room-point-of-order]").await;
    page.wait_for(
        "the panel confirms",
        &format!(
            "(e => e && e.innerText.includes({}))({})",
            serde_json::to_string(&c.name).unwrap(),
            q("#in-the-room-done")
        ),
    )
    .await;
    let point = server_shows(fx, "C's point of order", |s| {
        s.interventions
            .iter()
            .find(|e| e.delegation == c.id)
            .cloned()
    })
    .await;
    assert!(matches!(
        point.kind,
        floor_protocol::meeting::EntryKind::PointOfOrder
    ));
    assert_eq!(point.requested_by, None, "no device of C asked");
    // The chair's list (the console runs the meeting below) shows it as C's.
    page.wait_element(&format!("li[data-delegation='{}']", c.id))
        .await;

    // A second point of order from C is refused, and the reason is shown in the panel.
    page.click("button[data-action=room-point-of-order]").await;
    page.wait_for(
        "the refusal beside the panel",
        &format!("{}.innerText.length > 0", q("#inscribe-error")),
    )
    .await;
    // The chair hears the point and rules on it.
    for command in [
        Command::GiveFloor { entry: point.id },
        Command::EndSpeech,
        Command::Rule {
            entry: point.id,
            upheld: true,
            ruling: "The point is well taken.".into(),
        },
    ] {
        fx.chair.command_ok(fx.meeting, command).await;
    }

    // A recorded vote: C's representative raises its hand for "yes" in the hall.
    fx.chair
        .command_ok(
            fx.meeting,
            Command::OpenVote {
                proposal: ProposalId(1),
                method: vote::VoteMethod::Recorded,
                majority: Default::default(),
                candidates: vec![],
                seats: 1,
            },
        )
        .await;
    page.wait_element("#room-vote button[data-action=room-vote][data-choice=yes]")
        .await;
    page.screenshot("secretariat-in-the-room").await;
    page.click("#room-vote button[data-action=room-vote][data-choice=yes]")
        .await;
    server_shows(fx, "C's vote counted", |s| {
        s.votes
            .first()
            .filter(|v| v.voted.contains(&c.id))
            .map(|_| ())
    })
    .await;
    for (d, choice) in [(0, vote::Choice::No), (1, vote::Choice::Yes)] {
        fx.delegates[d]
            .command_ok(
                fx.meeting,
                Command::CastVote {
                    vote: VoteId(1),
                    choice,
                },
            )
            .await;
    }
    fx.chair
        .command_ok(
            fx.meeting,
            Command::CloseVote {
                vote: VoteId(1),
                counts: None,
            },
        )
        .await;

    let record: MeetingRecord = fx
        .secretariat
        .get_ok(&format!("/api/meetings/{}/record", fx.meeting))
        .await;
    let votes = &record.decisions.last().expect("the decision").by_member;
    let of = |d: &Delegation| votes.iter().find(|v| v.delegation == d.name).cloned();
    let c_vote = of(c).expect("C's vote in the record");
    assert_eq!((c_vote.choice, c_vote.in_room), (vote::Choice::Yes, true));
    for d in [a, b] {
        assert!(!of(d).expect("a remote member's vote").in_room);
    }

    page.quit().await;
}
