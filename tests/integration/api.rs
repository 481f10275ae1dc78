//! The HTTP API as the secretariat and the chair use it: set-up, state, the record.

use floor_protocol::api::*;
use floor_protocol::*;
use floor_testkit::*;

on_both_databases!(
    the_record_lists_every_speech_as_json_and_csv,
    |backend| async move {
        let db = TestDb::new(backend);
        let node = Node::start(&db);
        let fx = Fixture::new(&node, 3).await;
        fx.open().await;
        // Delegation 0 attends in person, delegation 1 remotely.
        fx.delegates[0]
            .command_ok(
                fx.meeting,
                Command::CheckIn {
                    mode: AttendanceMode::InPerson,
                },
            )
            .await;
        fx.delegates[1]
            .command_ok(
                fx.meeting,
                Command::CheckIn {
                    mode: AttendanceMode::Remote,
                },
            )
            .await;
        for d in &fx.delegates[..2] {
            d.command_ok(
                fx.meeting,
                Command::RequestFloor {
                    item: None,
                    capacity: Default::default(),
                },
            )
            .await;
        }
        fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
        fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
        fx.chair.command_ok(fx.meeting, Command::EndSpeech).await;

        let record: MeetingRecord = fx
            .chair
            .get_ok(&format!("/api/meetings/{}/record", fx.meeting))
            .await;
        assert_eq!(record.speeches.len(), 2);
        let (first, second) = (&record.speeches[0], &record.speeches[1]);
        assert_eq!(first.delegation, fx.members[0].name);
        assert_eq!(first.attendance, Some(AttendanceMode::InPerson));
        assert_eq!(second.delegation, fx.members[1].name);
        assert_eq!(second.attendance, Some(AttendanceMode::Remote));
        assert_eq!(first.kind, "statement");
        assert_eq!(first.item.as_deref(), Some("3"));
        assert!(first.ended_at.unwrap() >= first.started_at);
        assert_eq!(first.limit_ms, 300_000);
        assert_eq!(record.totals.len(), 2);

        let csv = fx
            .chair
            .http
            .get(format!(
                "{}/api/meetings/{}/record.csv",
                node.base, fx.meeting
            ))
            .bearer_auth(fx.chair.token.as_ref().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
        let text = csv.text().await.unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].starts_with("entry,delegation,kind"));
        assert!(lines[1].contains(&fx.members[0].name) && lines[1].contains("in_person"));
        assert!(lines[2].contains(&fx.members[1].name) && lines[2].contains("remote"));
    }
);

on_both_databases!(
    quorum_follows_check_ins_of_members_only,
    |backend| async move {
        let db = TestDb::new(backend);
        let node = Node::start(&db);
        let fx = Fixture::new(&node, 5).await;
        let view = fx.chair.view(fx.meeting).await;
        assert_eq!(
            view.quorum,
            Quorum {
                members: 5,
                members_present: 0,
                required: 3,
                met: false
            }
        );
        let observer = fx.participant(Role::Delegate, Some(fx.observer().id)).await;
        observer
            .command_ok(
                fx.meeting,
                Command::CheckIn {
                    mode: AttendanceMode::Remote,
                },
            )
            .await;
        for d in &fx.delegates[..3] {
            d.command_ok(
                fx.meeting,
                Command::CheckIn {
                    mode: AttendanceMode::Remote,
                },
            )
            .await;
        }
        let view = fx.chair.view(fx.meeting).await;
        assert_eq!(view.quorum.members_present, 3);
        assert!(view.quorum.met);
        assert_eq!(view.delegations.len(), 7);
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_and_the_openapi_document_are_served() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let health: Health = node.client().get_ok("/healthz").await;
    assert_eq!(health.status, "ok");
    assert_eq!(health.bus, "in-process ok");
    let doc: serde_json::Value = node.client().get_ok("/api/openapi.json").await;
    assert_eq!(doc["openapi"], "3.0.3");
    for path in [
        "/api/login",
        "/api/invitations/redeem",
        "/api/meetings/{id}/commands",
        "/api/meetings/{id}/record.csv",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    assert!(doc["components"]["schemas"]["Command"].is_object());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_only_reaches_its_own_session_and_meeting() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let a = Fixture::new(&node, 1).await;
    let b = Fixture::new(&node, 1).await;
    let answer = a.delegates[0]
        .get(&format!("/api/meetings/{}", b.meeting))
        .await;
    assert_eq!(answer.status, 403);
    let answer = a.delegates[0]
        .get(&format!("/api/sessions/{}/delegations", b.session))
        .await;
    assert_eq!(answer.status, 403);

    // An invitation for one meeting does not open another of the same session.
    let second: Meeting = a
        .secretariat
        .post_ok(
            &format!("/api/sessions/{}/meetings", a.session),
            &NewMeeting {
                title: "Plenary, 2nd meeting".into(),
                format: MeetingFormat::Online,
            },
        )
        .await;
    let p: Participant = a
        .secretariat
        .post_ok(
            &format!("/api/sessions/{}/participants", a.session),
            &NewParticipant {
                display_name: "Day delegate".into(),
                role: Role::Delegate,
                delegation_id: Some(a.members[0].id),
            },
        )
        .await;
    let inv: Invitation = a
        .secretariat
        .post_ok(
            &format!("/api/participants/{}/invitations", p.id),
            &NewInvitation {
                meeting_id: Some(second.id),
                valid_for_hours: Some(8),
            },
        )
        .await;
    assert_eq!(inv.scope, Scope::Meeting(second.id));
    assert!(inv.link.ends_with(&format!("/join/{}", inv.code)));
    let t: TokenResponse = node
        .client()
        .post_ok("/api/invitations/redeem", &RedeemRequest { code: inv.code })
        .await;
    let day = node.client().with_token(&t.token);
    assert_eq!(
        day.get(&format!("/api/meetings/{}", second.id))
            .await
            .status,
        200
    );
    assert_eq!(
        day.get(&format!("/api/meetings/{}", a.meeting))
            .await
            .status,
        403
    );
}

/// The rules a session is created with are checked like the rules set later: a session
/// whose delegations could never be inscribed is refused, and no session is created.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_is_not_created_under_rules_no_meeting_could_run_under() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let sec = node.secretariat().await;
    let before = sec
        .send(reqwest::Method::GET, "/api/sessions", None)
        .await
        .body;
    let unworkable = SessionRules {
        max_waiting_statements: 0,
        ..SessionRules::default()
    };
    let answer = sec
        .send(
            reqwest::Method::POST,
            "/api/sessions",
            Some(&serde_json::json!({
                "title": "Commission on Narcotic Drugs, test session",
                "rules": unworkable,
            })),
        )
        .await;
    assert_eq!(answer.status, 400, "{:?}", answer.body);
    assert_eq!(answer.code(), "invalid_rules");
    let after = sec
        .send(reqwest::Method::GET, "/api/sessions", None)
        .await
        .body;
    assert_eq!(after, before, "a refused session was created anyway");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_secretariat_sets_the_time_limits_of_the_session() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 2).await;
    fx.open().await;
    let rules = SessionRules {
        time_limits: TimeLimits {
            state_secs: 180,
            ..TimeLimits::default()
        },
        max_waiting_statements: 2,
        ..SessionRules::default()
    };
    let answer = fx
        .chair
        .send(
            reqwest::Method::PUT,
            &format!("/api/sessions/{}/rules", fx.session),
            Some(&serde_json::to_value(&rules).unwrap()),
        )
        .await;
    assert_eq!(
        answer.status, 403,
        "the chair runs the meeting, the secretariat sets the rules"
    );
    let session: Session = serde_json::from_value(
        fx.secretariat
            .send(
                reqwest::Method::PUT,
                &format!("/api/sessions/{}/rules", fx.session),
                Some(&serde_json::to_value(&rules).unwrap()),
            )
            .await
            .body,
    )
    .unwrap();
    assert_eq!(session.rules, rules);

    // Two statements may now wait per delegation, and a State speaks three minutes.
    for _ in 0..2 {
        fx.delegates[0]
            .command_ok(
                fx.meeting,
                Command::RequestFloor {
                    item: None,
                    capacity: Default::default(),
                },
            )
            .await;
    }
    let given = fx.chair.command_ok(fx.meeting, Command::NextSpeaker).await;
    assert!(matches!(
        given.events[0].event,
        Event::FloorGiven {
            limit_ms: 180_000,
            ..
        }
    ));
}

on_both_databases!(
    the_secretariat_corrects_a_delegation_and_a_clash_of_names_changes_nothing,
    |backend| async move {
        let db = TestDb::new(backend);
        let node = Node::start(&db);
        let fx = Fixture::new(&node, 2).await;
        let (first, second) = (&fx.members[0], &fx.members[1]);
        let put = |who: &Client, id: DelegationId, name: &str, kind: DelegationKind| {
            let who = who.clone();
            let body = serde_json::to_value(NewDelegation {
                name: name.into(),
                kind,
            })
            .unwrap();
            async move {
                who.send(
                    reqwest::Method::PUT,
                    &format!("/api/delegations/{id}"),
                    Some(&body),
                )
                .await
            }
        };
        let roster = |fx: &Fixture| {
            let sec = fx.secretariat.clone();
            let session = fx.session;
            async move {
                sec.get_ok::<Vec<Delegation>>(&format!("/api/sessions/{session}/delegations"))
                    .await
            }
        };
        let before = roster(&fx).await;

        // Only the secretariat corrects the roster.
        let chair = put(&fx.chair, first.id, "Renamed", DelegationKind::Member).await;
        assert_eq!(chair.status, 403, "{chair:?}");
        // Another delegation's name is taken: refused, nothing changes.
        let clash = put(
            &fx.secretariat,
            first.id,
            &second.name,
            DelegationKind::Member,
        )
        .await;
        assert_eq!(
            (clash.status, clash.code()),
            (409, "delegation_exists"),
            "{clash:?}"
        );
        let blank = put(&fx.secretariat, first.id, "   ", DelegationKind::Member).await;
        assert_eq!((blank.status, blank.code()), (400, "invalid_field"));
        let nul = put(
            &fx.secretariat,
            first.id,
            "Chile\u{0}",
            DelegationKind::Member,
        )
        .await;
        assert_eq!((nul.status, nul.code()), (400, "control_character"));
        let missing = put(
            &fx.secretariat,
            DelegationId(9_999),
            "X",
            DelegationKind::Member,
        )
        .await;
        assert_eq!(missing.status, 404, "{missing:?}");
        assert_eq!(roster(&fx).await, before);

        // A correction keeps the id: the meeting's roster shows the new name and kind.
        let edited = put(
            &fx.secretariat,
            first.id,
            "  Bolivia (Plurinational State of) ",
            DelegationKind::ObserverState,
        )
        .await;
        assert_eq!(edited.status, 200, "{edited:?}");
        let edited: Delegation = serde_json::from_value(edited.body).unwrap();
        assert_eq!(
            (edited.id, edited.name.as_str(), edited.kind),
            (
                first.id,
                "Bolivia (Plurinational State of)",
                DelegationKind::ObserverState
            )
        );
        let view = fx.secretariat.view(fx.meeting).await;
        assert!(view.delegations.contains(&edited), "{:?}", view.delegations);
        assert_eq!(view.quorum.members, 1, "an observer State is not a member");
    }
);
