//! Bad input gets a clear, typed error, changes nothing, and leaves the connection usable.

use floor_protocol::frames::{ClientFrame, ErrorCode};
use floor_protocol::*;
use floor_server::auth::{Identity, TokenKeys};
use floor_testkit::*;

const SECRET: &str = "bad-input-test-signing-secret";

async fn node_with_known_secret(db: &TestDb) -> Node {
    Node::start_with(
        db,
        &NodeOptions {
            jwt_secret: Some(SECRET.into()),
            ..Default::default()
        },
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_unknown_and_oversize_frames_get_errors_and_the_connection_stays_usable() {
    let db = TestDb::new(Backend::Sqlite);
    let node = node_with_known_secret(&db).await;
    let fx = Fixture::new(&node, 2).await;
    fx.open().await;
    let before = fx.chair.view(fx.meeting).await.state.seq;
    let mut ws = Ws::connect(&node, &fx.delegates[0]).await;
    ws.subscribe(fx.meeting).await;

    ws.send_text("{this is not json".into()).await;
    assert_eq!(ws.next_error().await.0, ErrorCode::MalformedFrame);
    ws.assert_usable().await;

    ws.send_text(r#"{"type":"shout","volume":11}"#.into()).await;
    assert_eq!(ws.next_error().await.0, ErrorCode::MalformedFrame);
    ws.assert_usable().await;

    ws.send_text(format!(
        r#"{{"type":"command","request_id":"x1","meeting_id":{},"command":{{"type":"seize_floor"}}}}"#,
        fx.meeting
    ))
    .await;
    assert_eq!(ws.next_error().await.0, ErrorCode::UnknownCommand);
    ws.send_text(format!(
        r#"{{"type":"command","request_id":"x2","meeting_id":{},"command":{{"type":"give_floor","entry":"first"}}}}"#,
        fx.meeting
    ))
    .await;
    assert_eq!(ws.next_error().await.0, ErrorCode::MalformedCommand);
    ws.assert_usable().await;

    let huge = format!(
        r#"{{"type":"command","request_id":"x3","meeting_id":{},"command":{{"type":"add_agenda_item","number":"9","title":"{}"}}}}"#,
        fx.meeting,
        "x".repeat(100 * 1024)
    );
    ws.send_text(huge).await;
    assert_eq!(ws.next_error().await.0, ErrorCode::FrameTooLarge);
    ws.assert_usable().await;

    // A meeting that does not exist, and one of another session.
    ws.send(&ClientFrame::Subscribe {
        meeting_id: MeetingId(9999),
        since: None,
    })
    .await;
    assert_eq!(ws.next_error().await.0, ErrorCode::UnknownMeeting);
    let other = Fixture::new(&node, 1).await;
    ws.send(&ClientFrame::Subscribe {
        meeting_id: other.meeting,
        since: None,
    })
    .await;
    assert_eq!(ws.next_error().await.0, ErrorCode::WrongScope);
    ws.send(&ClientFrame::Command {
        request_id: "x4".into(),
        meeting_id: other.meeting,
        command: Command::RequestFloor {
            item: None,
            capacity: Default::default(),
        },
    })
    .await;
    assert_eq!(ws.next_error().await.0, ErrorCode::WrongScope);
    ws.assert_usable().await;

    assert_eq!(
        fx.chair.view(fx.meeting).await.state.seq,
        before,
        "nothing was recorded"
    );
    assert_eq!(
        other.chair.view(other.meeting).await.state.agenda[0]
            .statements
            .len(),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_forged_and_missing_tokens_are_refused() {
    let db = TestDb::new(Backend::Sqlite);
    let node = node_with_known_secret(&db).await;
    let fx = Fixture::new(&node, 1).await;
    let now = floor_server::db::now_ms();
    let delegate = Identity {
        role: Role::Delegate,
        scope: Scope::Session(fx.session),
        participant: Some(ParticipantId(1)),
        account: None,
        delegation: Some(fx.members[0].id),
        display_name: "Expired delegate".into(),
        expires_at: Millis(now - 60_000),
        token_version: 0,
    };
    let expired = TokenKeys::new(SECRET.as_bytes(), 0)
        .sign(&delegate, Millis(now - 3_600_000))
        .unwrap();
    let forged = TokenKeys::new(b"someone else's secret", 0)
        .sign(
            &Identity {
                expires_at: Millis(now + 3_600_000),
                role: Role::Chair,
                ..delegate.clone()
            },
            Millis(now),
        )
        .unwrap();

    let mut ws = Ws::connect_raw(&node).await;
    ws.send(&ClientFrame::Subscribe {
        meeting_id: fx.meeting,
        since: None,
    })
    .await;
    assert_eq!(ws.next_error().await.0, ErrorCode::NotAuthenticated);
    ws.send(&ClientFrame::Authenticate {
        token: expired.clone(),
    })
    .await;
    assert_eq!(ws.next_error().await.0, ErrorCode::TokenExpired);
    ws.send(&ClientFrame::Authenticate {
        token: forged.clone(),
    })
    .await;
    assert_eq!(ws.next_error().await.0, ErrorCode::InvalidToken);
    ws.assert_usable().await;

    let http = node.client();
    let a = http
        .with_token(&expired)
        .get(&format!("/api/meetings/{}", fx.meeting))
        .await;
    assert_eq!((a.status, a.code()), (401, "token_expired"));
    let a = http
        .with_token(&forged)
        .command(fx.meeting, Command::OpenMeeting)
        .await;
    assert_eq!((a.status, a.code()), (401, "invalid_token"));
    let a = http.get(&format!("/api/meetings/{}", fx.meeting)).await;
    assert_eq!((a.status, a.code()), (401, "missing_token"));
    assert_eq!(
        fx.chair.view(fx.meeting).await.state.status,
        meeting::MeetingStatus::Scheduled
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_http_bodies_and_used_invitations_are_refused() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 1).await;
    let a = fx
        .chair
        .send(
            reqwest::Method::POST,
            &format!("/api/meetings/{}/commands", fx.meeting),
            Some(&serde_json::json!({"command": {"type": "give_floor", "entry": "the first one"}})),
        )
        .await;
    assert_eq!((a.status, a.code()), (400, "malformed_body"));
    let a = fx
        .chair
        .post(
            &format!("/api/meetings/{}/commands", fx.meeting),
            &"just a string",
        )
        .await;
    assert_eq!((a.status, a.code()), (400, "malformed_body"));

    let wrong = node
        .client()
        .post(
            "/api/login",
            &api::LoginRequest {
                username: "secretariat".into(),
                password: "guess".into(),
            },
        )
        .await;
    assert_eq!((wrong.status, wrong.code()), (401, "wrong_credentials"));

    let p: Participant = fx
        .secretariat
        .post_ok(
            &format!("/api/sessions/{}/participants", fx.session),
            &api::NewParticipant {
                display_name: "Viewer".into(),
                role: Role::Viewer,
                delegation_id: None,
            },
        )
        .await;
    let inv: api::Invitation = fx
        .secretariat
        .post_ok(
            &format!("/api/participants/{}/invitations", p.id),
            &serde_json::json!({}),
        )
        .await;
    let first = node
        .client()
        .post(
            "/api/invitations/redeem",
            &api::RedeemRequest {
                code: inv.code.clone(),
            },
        )
        .await;
    assert_eq!(first.status, 200);
    let second = node
        .client()
        .post(
            "/api/invitations/redeem",
            &api::RedeemRequest { code: inv.code },
        )
        .await;
    assert_eq!((second.status, second.code()), (409, "invitation_used"));
    let unknown = node
        .client()
        .post(
            "/api/invitations/redeem",
            &api::RedeemRequest {
                code: "AAAA-BBBB-CCCC".into(),
            },
        )
        .await;
    assert_eq!(
        (unknown.status, unknown.code()),
        (404, "invitation_not_found")
    );

    // A delegate cannot set up the session.
    let a = fx.delegates[0]
        .post(
            &format!("/api/sessions/{}/delegations", fx.session),
            &api::NewDelegation {
                name: "Atlantis".into(),
                kind: DelegationKind::Member,
            },
        )
        .await;
    assert_eq!((a.status, a.code()), (403, "forbidden"));
}
