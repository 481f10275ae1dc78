//! Who may do what, through the real server: tokens from real invitations carry the role,
//! and the server refuses what the role may not do with `not_permitted`.

use crate::helpers::*;
use floor_protocol::*;

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
