//! Who may do what, through the real server: tokens from real invitations carry the role,
//! and the server refuses what the role may not do with `not_permitted`.

use floor_protocol::*;
use floor_testkit::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_against_the_meeting_commands() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 2).await;
    fx.open().await;
    let delegation = Some(fx.members[1].id);
    let people = [
        (Role::Secretariat, fx.secretariat.clone()),
        (Role::Chair, fx.chair.clone()),
        (
            Role::Delegate,
            fx.participant(Role::Delegate, delegation).await,
        ),
        (
            Role::Interpreter,
            fx.participant(Role::Interpreter, None).await,
        ),
        (Role::Room, fx.participant(Role::Room, None).await),
        (Role::Viewer, fx.participant(Role::Viewer, None).await),
    ];
    use Role::*;
    // Each command, and the roles that may give it. A permitted command may still be
    // refused by the meeting's state, but never as `not_permitted`.
    let table: Vec<(Command, &[Role])> = vec![
        (
            Command::AddAgendaItem {
                number: "7".into(),
                title: "Other business".into(),
                parent: None,
            },
            &[Secretariat],
        ),
        (Command::TakeUpItem { item: fx.item }, &[Secretariat, Chair]),
        (
            Command::RequestFloor {
                item: None,
                capacity: Default::default(),
            },
            &[Delegate],
        ),
        (
            Command::RaisePointOfOrder {
                about_voting: false,
            },
            &[Delegate],
        ),
        (Command::RequestRightOfReply { item: None }, &[Delegate]),
        (
            Command::CheckIn {
                mode: AttendanceMode::Remote,
            },
            &[Delegate],
        ),
        (
            Command::InscribeSpeaker {
                delegation: fx.members[0].id,
                item: None,
                capacity: Default::default(),
                allow_additional: true,
            },
            &[Secretariat, Chair],
        ),
        (
            Command::AnnounceListClosing { item: None },
            &[Secretariat, Chair],
        ),
        (Command::NextSpeaker, &[Secretariat, Chair]),
        (Command::PauseSpeech, &[Secretariat, Chair]),
        (Command::EndSpeech, &[Secretariat, Chair]),
        (Command::SuspendMeeting, &[Secretariat, Chair]),
    ];
    for (command, allowed) in &table {
        for (role, client) in &people {
            let answer = client.command(fx.meeting, command.clone()).await;
            let refused_for_role = answer.status == 403 && answer.code() == "not_permitted";
            assert_eq!(
                !refused_for_role,
                allowed.contains(role),
                "{role:?} giving {command:?}: {answer:?}"
            );
        }
    }
}

/// A participant added to the session's roster (not invited: nobody signs in as them).
async fn enrol(
    sec: &Client,
    session: SessionId,
    role: Role,
    delegation: Option<DelegationId>,
) -> ParticipantId {
    let p: Participant = sec
        .post_ok(
            &format!("/api/sessions/{session}/participants"),
            &floor_protocol::api::NewParticipant {
                display_name: format!("A {} added later", role.as_str()),
                role,
                delegation_id: delegation,
            },
        )
        .await;
    p.id
}

/// The roster decides whose attendance the secretariat records and who goes into a booth,
/// through the real server, for participants added after the meeting was under way; the
/// role is checked before the roster, and a refused command changes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_roster_decides_whose_attendance_is_recorded_and_who_interprets() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 2).await;
    fx.open().await;
    let (sec, first, second) = (&fx.secretariat, fx.members[0].id, fx.members[1].id);
    let delegate = enrol(sec, fx.session, Role::Delegate, Some(first)).await;
    let interpreter = enrol(sec, fx.session, Role::Interpreter, None).await;
    let other: floor_protocol::api::Session = sec
        .post_ok(
            "/api/sessions",
            &floor_protocol::api::NewSession {
                title: "Another commission".into(),
                body_symbol: "E/CN.15".into(),
                rules: None,
            },
        )
        .await;
    let stranger = enrol(sec, other.id, Role::Interpreter, None).await;
    let record = |participant, delegation| Command::RecordAttendance {
        participant,
        delegation,
        mode: AttendanceMode::InPerson,
    };
    let assign = |participant| Command::AssignInterpreter {
        participant,
        channel: "fr".into(),
    };
    let before = sec.view(fx.meeting).await.state;

    let refusals = [
        (sec, record(delegate, second), 409, "not_in_delegation"),
        (sec, record(stranger, first), 409, "not_in_delegation"),
        (sec, assign(delegate), 409, "not_an_interpreter"),
        (sec, assign(stranger), 409, "not_an_interpreter"),
        // The chair learns nothing about the roster.
        (&fx.chair, record(stranger, first), 403, "not_permitted"),
        (&fx.chair, assign(stranger), 403, "not_permitted"),
    ];
    for (who, command, status, code) in refusals {
        let answer = who.command(fx.meeting, command.clone()).await;
        assert_eq!(
            (answer.status, answer.code()),
            (status, code),
            "{command:?}"
        );
    }
    assert_eq!(
        sec.view(fx.meeting).await.state,
        before,
        "a refused command changed the meeting"
    );

    sec.command_ok(fx.meeting, record(delegate, first)).await;
    sec.command_ok(fx.meeting, assign(interpreter)).await;
    let view = sec.view(fx.meeting).await;
    assert_eq!(view.quorum.members_present, 1);
    assert_eq!(
        view.state.booth("fr").map(|b| b.interpreters.clone()),
        Some(vec![interpreter])
    );
}
