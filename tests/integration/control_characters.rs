//! Control characters (NUL above all) in names and titles: refused at the edge with the
//! same typed answer on SQLite and PostgreSQL, naming the field, and nothing is stored.
//! (PostgreSQL refuses NUL in a text column, so before this check a NUL in a name was an
//! internal error there and a stored name on SQLite.)

use crate::documents::{publish, uploaded};
use floor_protocol::api::*;
use floor_protocol::document::*;
use floor_protocol::frames::{ClientFrame, ErrorCode, ServerFrame};
use floor_protocol::*;
use floor_testkit::*;
use serde_json::json;

fn assert_refused(a: &Answer, field: &str) {
    assert_eq!((a.status, a.code()), (400, "control_character"), "{a:?}");
    let message = a.body["message"].as_str().unwrap_or("");
    assert!(
        message.contains(field),
        "the message names {field}: {message}"
    );
}

on_both_databases!(
    control_characters_in_names_and_titles_are_refused_and_change_nothing,
    |backend| async move {
        let db = TestDb::new(backend);
        let node = Node::start(&db);
        let fx = Fixture::new(&node, 2).await;
        let sec = &fx.secretariat;
        let nul = "Plenary\u{0}, 2nd meeting";

        // The directory's rows: session, delegation, participant, meeting.
        let sessions: Vec<Session> = sec.get_ok("/api/sessions").await;
        let a = sec
            .post(
                "/api/sessions",
                &json!({"title": nul, "body_symbol": "E/CN.7"}),
            )
            .await;
        assert_refused(&a, "title");
        let a = sec
            .post(
                "/api/sessions",
                &json!({"title": "Commission", "body_symbol": "E/CN.7\u{0}"}),
            )
            .await;
        assert_refused(&a, "body_symbol");
        assert_eq!(sec.get_ok::<Vec<Session>>("/api/sessions").await, sessions);

        let delegations_path = format!("/api/sessions/{}/delegations", fx.session);
        let delegations: Vec<Delegation> = sec.get_ok(&delegations_path).await;
        let a = sec
            .post(
                &delegations_path,
                &json!({"name": "Ruritania\u{0}", "kind": "member"}),
            )
            .await;
        assert_refused(&a, "name");
        assert_eq!(
            sec.get_ok::<Vec<Delegation>>(&delegations_path).await,
            delegations
        );

        let participants_path = format!("/api/sessions/{}/participants", fx.session);
        let participants: Vec<serde_json::Value> = sec.get_ok(&participants_path).await;
        let a = sec
            .post(
                &participants_path,
                &json!({"display_name": "Ms\u{0} Doe", "role": "secretariat"}),
            )
            .await;
        assert_refused(&a, "display_name");
        assert_eq!(
            sec.get_ok::<Vec<serde_json::Value>>(&participants_path)
                .await,
            participants
        );

        let meetings_path = format!("/api/sessions/{}/meetings", fx.session);
        let meetings: Vec<Meeting> = sec.get_ok(&meetings_path).await;
        let a = sec
            .post(&meetings_path, &json!({"title": nul, "format": "hybrid"}))
            .await;
        assert_refused(&a, "title");
        assert_eq!(sec.get_ok::<Vec<Meeting>>(&meetings_path).await, meetings);

        // Signing in with a NUL in the username.
        let a = node
            .client()
            .post(
                "/api/login",
                &json!({"username": "secre\u{0}tariat", "password": ADMIN_PASSWORD}),
            )
            .await;
        assert_refused(&a, "username");

        // An agenda item, by HTTP and over the WebSocket.
        let seq = fx.chair.view(fx.meeting).await.state.seq;
        let a = sec
            .command(
                fx.meeting,
                Command::AddAgendaItem {
                    number: "4".into(),
                    title: "Other matters\u{0}".into(),
                    parent: None,
                },
            )
            .await;
        assert_refused(&a, "command.title");
        let mut ws = Ws::connect(&node, sec).await;
        ws.send(&ClientFrame::Command {
            request_id: "nul".into(),
            meeting_id: fx.meeting,
            command: Command::AddAgendaItem {
                number: "4\u{1b}".into(),
                title: "Other matters".into(),
                parent: None,
            },
        })
        .await;
        let (code, message) = ws
            .wait_for(|f| match f {
                ServerFrame::Error {
                    code,
                    message,
                    request_id: Some(r),
                    ..
                } if r == "nul" => Some((*code, message.clone())),
                _ => None,
            })
            .await;
        assert_eq!(code, ErrorCode::MalformedCommand);
        assert!(message.contains("command.number"), "{message}");
        ws.assert_usable().await;
        assert_eq!(fx.chair.view(fx.meeting).await.state.seq, seq);

        // A document's title and agenda items.
        let file = uploaded(sec, fx.session, crate::documents::pdf("nul")).await;
        let documents_path = format!("/api/sessions/{}/documents", fx.session);
        let mut bad_title = publish(
            "E/CN.7/2026/CRP.9",
            DocumentKind::ConferenceRoomPaper,
            Distribution::General,
            &file,
        );
        if let DocumentCommand::Publish { title, .. } = &mut bad_title {
            *title = "Room paper\u{0}".into();
        }
        let a = sec
            .post(
                &format!("{documents_path}/commands"),
                &DocumentCommandRequest {
                    command: bad_title.clone(),
                },
            )
            .await;
        assert_refused(&a, "command.title");
        let mut bad_item = bad_title;
        if let DocumentCommand::Publish {
            title,
            agenda_items,
            ..
        } = &mut bad_item
        {
            *title = "Room paper".into();
            *agenda_items = vec!["4 (a)\u{0}".into()];
        }
        let a = sec
            .post(
                &format!("{documents_path}/commands"),
                &DocumentCommandRequest { command: bad_item },
            )
            .await;
        assert_refused(&a, "command.agenda_items");
        assert!(sec
            .get_ok::<Vec<Document>>(&documents_path)
            .await
            .is_empty());
    }
);
