//! The HTTP edge against the real server: sign-in floods stay within memory and do not
//! slow anyone else, guessing and flooding are answered 429 with `Retry-After`, a revoked
//! participant's token stops working at once, every response carries the security
//! headers, and scope and errors answer like every other route.

use floor_protocol::api::*;
use floor_protocol::document::*;
use floor_protocol::frames::{ClientFrame, CloseReason, ErrorCode, ServerFrame};
use floor_protocol::symbol::DocumentSymbol;
use floor_protocol::*;
use floor_testkit::*;
use std::time::{Duration, Instant};

fn node_with(db: &TestDb, env: &[(&'static str, &str)]) -> Node {
    Node::start_with(
        db,
        &NodeOptions {
            env: env.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            ..Default::default()
        },
    )
}

/// The resident memory of a process, in MiB.
fn rss_mib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("read status");
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/<pid>/status");
    kib / 1024
}

fn retry_after(resp: &reqwest::Response) -> Option<u64> {
    resp.headers()
        .get("retry-after")?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

/// A participant added and invited by the secretariat, to every meeting of the session or
/// to `meeting` only: its id and the invitation's code.
async fn invitation(
    sec: &Client,
    session: SessionId,
    role: Role,
    delegation: Option<DelegationId>,
    meeting: Option<MeetingId>,
) -> (ParticipantId, String) {
    let who = NewParticipant {
        display_name: format!("A {}", role.as_str()),
        role,
        delegation_id: delegation,
    };
    sec.try_invitation(session, who, meeting)
        .await
        .unwrap_or_else(|e| panic!("{e:#}"))
}

async fn redeemed(node: &Node, code: &str) -> Client {
    node.client()
        .try_redeem(code)
        .await
        .unwrap_or_else(|e| panic!("{e:#}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_flood_of_wrong_passwords_stays_within_memory_keeps_health_fast_and_meets_the_limit() {
    let db = TestDb::new(Backend::Sqlite);
    // Enough allowed tries that 150 real password checks run (each argon2id check holds
    // about 19 MiB), then the account's limit: the last 50 are answered 429.
    let node = node_with(
        &db,
        &[
            ("FLOOR_SIGN_INS_PER_ACCOUNT_PER_MINUTE", "150"),
            ("FLOOR_SIGN_INS_PER_ADDRESS_PER_MINUTE", "1000"),
        ],
    );
    let pid = node.pid();
    let before = rss_mib(pid);
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));

    // Meanwhile: /healthz, one request after the other, and the server's memory.
    let health = {
        let (client, done) = (node.client(), done.clone());
        tokio::spawn(async move {
            let mut took = Vec::new();
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let start = Instant::now();
                let a = client.get("/healthz").await;
                assert_eq!(a.status, 200, "{a:?}");
                took.push(start.elapsed());
            }
            took
        })
    };
    let memory = {
        let done = done.clone();
        tokio::spawn(async move {
            let mut peak = 0;
            let mut every = tokio::time::interval(Duration::from_millis(20));
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                every.tick().await;
                peak = peak.max(rss_mib(pid));
            }
            peak
        })
    };

    let http = reqwest::Client::new();
    let url = format!("{}/api/login", node.base);
    let flood = Instant::now();
    let statuses: Vec<(u16, String, Option<u64>)> = {
        use futures_util::StreamExt;
        futures_util::stream::iter(0..200)
            .map(|i| {
                let (http, url) = (http.clone(), url.clone());
                async move {
                    let resp = http
                        .post(&url)
                        .json(&LoginRequest {
                            username: "secretariat".into(),
                            password: format!("wrong password {i}"),
                        })
                        .send()
                        .await
                        .expect("an answer");
                    let status = resp.status().as_u16();
                    let after = retry_after(&resp);
                    let body: ErrorBody = resp.json().await.expect("an error body");
                    (status, body.code, after)
                }
            })
            .buffer_unordered(50)
            .collect()
            .await
    };
    let flood = flood.elapsed();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut took = health.await.unwrap();
    let peak = memory.await.unwrap();

    let wrong = statuses
        .iter()
        .filter(|(s, c, _)| *s == 401 && c == "wrong_credentials")
        .count();
    let limited: Vec<_> = statuses
        .iter()
        .filter(|(s, c, _)| *s == 429 && c == "rate_limited")
        .collect();
    // 150 at once, and the bucket refills at 150 a minute while the flood lasts.
    let refilled = (flood.as_secs_f64() * 150.0 / 60.0).ceil() as usize + 1;
    assert!(
        (150..=150 + refilled).contains(&wrong),
        "{wrong} checked in {flood:?}: {statuses:?}"
    );
    assert_eq!(wrong + limited.len(), 200, "{statuses:?}");
    for (_, _, after) in &limited {
        let after = after.expect("Retry-After on every 429");
        assert!((1..=60).contains(&after), "Retry-After {after}");
    }

    took.sort();
    let p99 = took[(took.len() * 99 / 100).min(took.len() - 1)];
    eprintln!(
        "sign-in flood: {wrong} checked, {} limited in {flood:?}; memory {before} MiB before, \
         peak {peak} MiB; /healthz {} requests, median {:?}, p99 {p99:?}",
        limited.len(),
        took.len(),
        took[took.len() / 2]
    );
    assert!(peak < 300, "peak memory {peak} MiB");
    assert!(took.len() >= 20, "only {} health checks ran", took.len());
    assert!(p99 < Duration::from_millis(50), "/healthz p99 {p99:?}");
}

/// `count` sign-ins for usernames no account has (`nobody-<n>`), `at_once` at a time:
/// each answer's status, whether it carries `Retry-After`, and its message.
async fn unknown_sign_ins(base: String, count: usize, at_once: usize) -> Vec<(u16, bool, String)> {
    use futures_util::StreamExt;
    let (http, url) = (reqwest::Client::new(), format!("{base}/api/login"));
    futures_util::stream::iter(0..count)
        .map(|i| {
            let (http, url) = (http.clone(), url.clone());
            async move {
                let resp = http
                    .post(&url)
                    .json(&LoginRequest {
                        username: format!("nobody-{i}"),
                        password: "a guess".into(),
                    })
                    .send()
                    .await
                    .expect("an answer");
                let status = resp.status().as_u16();
                let retry = resp.headers().contains_key("retry-after");
                let body: serde_json::Value = resp.json().await.expect("a JSON body");
                let message = body["message"].as_str().unwrap_or("").to_string();
                (status, retry, message)
            }
        })
        .buffer_unordered(at_once)
        .collect()
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sign_ins_for_unknown_usernames_do_not_stall_other_requests() {
    let db = TestDb::new(Backend::Sqlite);
    let node = node_with(&db, &[("FLOOR_SIGN_INS_PER_ADDRESS_PER_MINUTE", "1000")]);
    // The check against a hash of nothing (so that timing does not tell which usernames
    // exist) used to run on the request's worker, stalling whatever else it served.
    let flood = tokio::spawn(unknown_sign_ins(node.base.clone(), 48, 24));
    let client = node.client();
    let mut took = Vec::new();
    while !flood.is_finished() {
        let start = Instant::now();
        assert_eq!(client.get("/healthz").await.status, 200);
        took.push(start.elapsed());
    }
    let statuses: Vec<u16> = flood.await.unwrap().into_iter().map(|a| a.0).collect();
    assert!(statuses.iter().all(|s| *s == 401), "{statuses:?}");
    took.sort();
    let p99 = took[(took.len() * 99 / 100).min(took.len() - 1)];
    eprintln!(
        "unknown usernames: /healthz {} requests, median {:?}, p99 {p99:?}",
        took.len(),
        took[took.len() / 2]
    );
    assert!(took.len() >= 20, "only {} health checks ran", took.len());
    assert!(p99 < Duration::from_millis(50), "/healthz p99 {p99:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guessing_invitation_codes_is_answered_429_with_retry_after() {
    let db = TestDb::new(Backend::Sqlite);
    let node = node_with(&db, &[("FLOOR_REDEMPTIONS_PER_ADDRESS_PER_MINUTE", "5")]);
    let http = reqwest::Client::new();
    let url = format!("{}/api/invitations/redeem", node.base);
    let mut answers = Vec::new();
    for i in 0..8 {
        let resp = http
            .post(&url)
            .json(&RedeemRequest {
                code: format!("AAAA-BBBB-{i:04}"),
            })
            .send()
            .await
            .unwrap();
        let status = resp.status().as_u16();
        let after = retry_after(&resp);
        let body: ErrorBody = resp.json().await.unwrap();
        answers.push((status, body.code, after));
    }
    for (status, code, _) in &answers[..5] {
        assert_eq!((*status, code.as_str()), (404, "invitation_not_found"));
    }
    for (status, code, after) in &answers[5..] {
        assert_eq!((*status, code.as_str()), (429, "rate_limited"));
        let after = after.expect("Retry-After");
        // Five a minute: the next one in about twelve seconds.
        assert!((1..=15).contains(&after), "Retry-After {after}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_flooding_commands_is_answered_429_over_http_and_rate_limited_over_websocket()
{
    let db = TestDb::new(Backend::Sqlite);
    let node = node_with(
        &db,
        &[
            ("FLOOR_COMMANDS_PER_SECOND", "1"),
            ("FLOOR_COMMAND_BURST", "3"),
        ],
    );
    let fx = Fixture::new(&node, 1).await;
    fx.open().await;
    let delegate = &fx.delegates[0];
    let http = reqwest::Client::new();
    let url = format!("{}/api/meetings/{}/commands", node.base, fx.meeting);
    let send = || {
        http.post(&url)
            .bearer_auth(delegate.token.as_ref().unwrap())
            .json(&CommandRequest {
                command: Command::RequestFloor {
                    item: None,
                    capacity: Default::default(),
                },
                request_id: None,
            })
            .send()
    };
    // The burst: three commands are decided (the first inscribes, the others are
    // refused by the rules, already inscribed).
    let mut decided = Vec::new();
    for _ in 0..3 {
        decided.push(send().await.unwrap().status().as_u16());
    }
    assert_eq!(decided[0], 200, "{decided:?}");
    assert!(decided.iter().all(|s| *s != 429), "{decided:?}");
    let seq = fx.chair.view(fx.meeting).await.state.seq;

    let resp = send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 429);
    let after = retry_after(&resp).expect("Retry-After");
    assert!((1..=2).contains(&after), "Retry-After {after}");
    let body: ErrorBody = resp.json().await.unwrap();
    assert_eq!(body.code, "rate_limited");

    // The same participant over the WebSocket: the same allowance, a typed frame.
    let mut ws = Ws::connect(&node, delegate).await;
    ws.send(&ClientFrame::Command {
        request_id: "flood".into(),
        meeting_id: fx.meeting,
        command: Command::RequestFloor {
            item: None,
            capacity: Default::default(),
        },
    })
    .await;
    let (code, retry) = ws
        .wait_for(|f| match f {
            ServerFrame::Error {
                code,
                request_id: Some(r),
                retry_after_ms,
                ..
            } if r == "flood" => Some((*code, *retry_after_ms)),
            ServerFrame::Ack { request_id, .. } | ServerFrame::Rejected { request_id, .. }
                if request_id == "flood" =>
            {
                panic!("the command was decided: {f:?}")
            }
            _ => None,
        })
        .await;
    assert_eq!(code, ErrorCode::RateLimited);
    let retry = retry.expect("retry_after_ms");
    assert!((1..=1000).contains(&retry), "retry_after_ms {retry}");
    // Nothing was appended by the refused commands, and others are not limited.
    assert_eq!(fx.chair.view(fx.meeting).await.state.seq, seq);
    ws.assert_usable().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_participant_is_refused_at_once_over_http_and_websocket() {
    let db = TestDb::new(Backend::Postgres);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 1).await;
    fx.open().await;
    let (id, code) = invitation(
        &fx.secretariat,
        fx.session,
        Role::Delegate,
        Some(fx.members[0].id),
        None,
    )
    .await;
    let delegate = redeemed(&node, &code).await;
    let (_, spare_code) = {
        // A second, unused invitation of the same participant.
        let inv: Invitation = fx
            .secretariat
            .post_ok(
                &format!("/api/participants/{id}/invitations"),
                &NewInvitation {
                    meeting_id: None,
                    valid_for_hours: None,
                },
            )
            .await;
        (id, inv.code)
    };
    let mut ws = Ws::connect(&node, &delegate).await;
    ws.subscribe(fx.meeting).await;
    assert_eq!(
        delegate
            .get(&format!("/api/meetings/{}", fx.meeting))
            .await
            .status,
        200
    );

    // Only the secretariat revokes.
    let a = fx.delegates[0]
        .post(&format!("/api/participants/{id}/revoke"), &())
        .await;
    assert_eq!(a.status, 403, "{a:?}");
    let a = fx
        .secretariat
        .post("/api/participants/999999/revoke", &())
        .await;
    assert_eq!((a.status, a.code()), (404, "participant_not_found"));

    let a = fx
        .secretariat
        .post(&format!("/api/participants/{id}/revoke"), &())
        .await;
    assert_eq!(a.status, 204, "{a:?}");

    // The open WebSocket is told why, and closed.
    let reason = ws
        .wait_for(|f| match f {
            ServerFrame::Closing { reason, .. } => Some(*reason),
            _ => None,
        })
        .await;
    assert_eq!(reason, CloseReason::TokenRevoked);
    ws.closed_by_server().await;

    // Every HTTP route refuses the token with a typed code.
    let a = delegate.get(&format!("/api/meetings/{}", fx.meeting)).await;
    assert_eq!((a.status, a.code()), (401, "token_revoked"), "{a:?}");
    let a = delegate
        .command(
            fx.meeting,
            Command::RequestFloor {
                item: None,
                capacity: Default::default(),
            },
        )
        .await;
    assert_eq!((a.status, a.code()), (401, "token_revoked"), "{a:?}");
    // A new WebSocket cannot authenticate with it.
    let mut again = Ws::connect_raw(&node).await;
    again
        .send(&ClientFrame::Authenticate {
            token: delegate.token.clone().unwrap(),
        })
        .await;
    assert_eq!(again.next_error().await.0, ErrorCode::TokenRevoked);
    // The unused invitation is void; other participants are untouched.
    let a = node
        .client()
        .post(
            "/api/invitations/redeem",
            &RedeemRequest { code: spare_code },
        )
        .await;
    assert_eq!((a.status, a.code()), (404, "invitation_not_found"));
    assert_eq!(
        fx.delegates[0]
            .get(&format!("/api/meetings/{}", fx.meeting))
            .await
            .status,
        200
    );
    // The secretariat may invite them again: a new token works.
    let inv: Invitation = fx
        .secretariat
        .post_ok(
            &format!("/api/participants/{id}/invitations"),
            &NewInvitation {
                meeting_id: None,
                valid_for_hours: None,
            },
        )
        .await;
    let back = redeemed(&node, &inv.code).await;
    assert_eq!(
        back.get(&format!("/api/meetings/{}", fx.meeting))
            .await
            .status,
        200
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_the_security_headers() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let http = reqwest::Client::new();
    for path in [
        "/",
        "/join/K7QM-2RXD-PW4H",
        "/client/floor_client.js",
        "/client/style.css",
        "/api/openapi.json",
        "/api/sessions",
        "/api/no-such-route",
        "/healthz",
    ] {
        let resp = http
            .get(format!("{}{path}", node.base))
            .send()
            .await
            .unwrap();
        let h = resp.headers();
        let get = |name: &str| {
            h.get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_else(|| panic!("{path}: no {name} header"))
                .to_string()
        };
        let csp = get("content-security-policy");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval';"),
            "{path}: {csp}"
        );
        assert!(
            csp.contains(&format!("ws://127.0.0.1:{}", node.port)),
            "{path}: {csp}"
        );
        assert!(csp.contains("object-src 'none'"), "{path}: {csp}");
        assert_eq!(get("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(get("x-frame-options"), "DENY", "{path}");
        assert_eq!(get("referrer-policy"), "no-referrer", "{path}");
    }
}

/// A small but well-formed PDF.
fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% {text}\ntrailer << /Root 1 0 R >>\n%%EOF\n").into_bytes()
}

fn publish(symbol: &str, content_id: &str) -> DocumentCommandRequest {
    DocumentCommandRequest {
        command: DocumentCommand::Publish {
            symbol: DocumentSymbol::parse(symbol).unwrap(),
            title: format!("Document {symbol}"),
            kind: DocumentKind::DraftResolution,
            status: DocumentStatus::AdvanceUnedited,
            distribution: Distribution::General,
            agenda_items: vec!["4".into()],
            files: vec![DocumentFile {
                language: Language::En,
                content_id: content_id.into(),
                mime: String::new(),
                size: 0,
            }],
            main_sponsor: None,
            sponsors: vec![],
        },
    }
}

async fn upload(sec: &Client, session: SessionId, bytes: Vec<u8>) -> String {
    let resp = sec
        .http
        .post(format!("{}/api/sessions/{session}/files", sec.base))
        .bearer_auth(sec.token.as_ref().unwrap())
        .header("content-type", "application/pdf")
        .body(bytes)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    resp.json::<UploadedFile>().await.unwrap().content_id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_stored_file_answers_an_error_body_and_uploads_are_no_oracle() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 1).await;
    let uploaded = upload(&fx.secretariat, fx.session, pdf("uploaded")).await;
    let never = hex_of_sha256(b"a file nobody uploaded");
    let path = format!("/api/sessions/{}/documents/commands", fx.session);

    // A delegate cannot tell an uploaded file from one never uploaded.
    let with_uploaded = fx.delegates[0]
        .post(&path, &publish("E/CN.7/2026/L.3", &uploaded))
        .await;
    let with_never = fx.delegates[0]
        .post(&path, &publish("E/CN.7/2026/L.3", &never))
        .await;
    assert_eq!(with_uploaded.status, 403, "{with_uploaded:?}");
    assert_eq!(
        (with_uploaded.status, &with_uploaded.body),
        (with_never.status, &with_never.body)
    );

    // A published file that went missing from the store answers like every route.
    let a = fx
        .secretariat
        .post(&path, &publish("E/CN.7/2026/L.3", &uploaded))
        .await;
    assert_eq!(a.status, 200, "{a:?}");
    std::fs::remove_file(db.files_dir().join(&uploaded[..2]).join(&uploaded)).unwrap();
    let a = fx.delegates[0]
        .get(&format!(
            "/api/sessions/{}/documents/1/files/en",
            fx.session
        ))
        .await;
    assert_eq!((a.status, a.code()), (404, "file_not_found"), "{a:?}");
    assert!(
        !a.body["message"].as_str().unwrap_or("").is_empty(),
        "{a:?}"
    );
}

fn hex_of_sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_scoped_token_cannot_read_its_session_or_roster() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 1).await;
    let (_, code) = invitation(
        &fx.secretariat,
        fx.session,
        Role::Delegate,
        Some(fx.members[0].id),
        Some(fx.meeting),
    )
    .await;
    let scoped = redeemed(&node, &code).await;
    for path in [
        format!("/api/sessions/{}", fx.session),
        format!("/api/sessions/{}/delegations", fx.session),
    ] {
        let a = scoped.get(&path).await;
        assert_eq!((a.status, a.code()), (403, "forbidden"), "{path}: {a:?}");
    }
    // What it covers still works: its meeting, with the roster in the view.
    let view = scoped.view(fx.meeting).await;
    assert_eq!(view.delegations.len(), fx.members.len() + 2);
    // A session-scoped token reads both.
    assert_eq!(
        fx.delegates[0]
            .get(&format!("/api/sessions/{}", fx.session))
            .await
            .status,
        200
    );
}

/// On a node other than the one that revoked (which hears nothing of it), the revoked
/// participant's open WebSocket is closed at its next subscription, not left following
/// the meeting until the next heartbeat.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_participant_on_another_node_is_closed_at_its_next_subscription() {
    let db = TestDb::new(Backend::Postgres);
    let a = Node::start(&db);
    let fx = Fixture::new(&a, 1).await;
    fx.open().await;
    let b = Node::start(&db);
    let (id, code) = invitation(
        &fx.secretariat,
        fx.session,
        Role::Delegate,
        Some(fx.members[0].id),
        None,
    )
    .await;
    let delegate = redeemed(&a, &code).await;
    let mut ws = Ws::connect(&b, &delegate).await;
    ws.subscribe(fx.meeting).await;

    let revoked = fx
        .secretariat
        .post(&format!("/api/participants/{id}/revoke"), &())
        .await;
    assert_eq!(revoked.status, 204, "{revoked:?}");
    ws.send(&ClientFrame::Subscribe {
        meeting_id: fx.meeting,
        since: None,
    })
    .await;
    let reason = ws
        .wait_for(|f| match f {
            ServerFrame::Closing { reason, .. } => Some(*reason),
            ServerFrame::Snapshot { .. } => panic!("a revoked participant got a snapshot"),
            _ => None,
        })
        .await;
    assert_eq!(reason, CloseReason::TokenRevoked);
    ws.closed_by_server().await;
}

/// A username longer than any account's is refused as wrong before it becomes a key of
/// the sign-in limits, so a flood of such names neither grows them nor is counted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_overlong_username_is_refused_before_the_sign_in_limits_count_it() {
    let db = TestDb::new(Backend::Sqlite);
    let node = node_with(&db, &[("FLOOR_SIGN_INS_PER_ADDRESS_PER_MINUTE", "3")]);
    let client = node.client();
    for i in 0..6 {
        let a = client
            .post(
                "/api/login",
                &LoginRequest {
                    username: format!("{i}{}", "x".repeat(300)),
                    password: "wrong".into(),
                },
            )
            .await;
        assert_eq!((a.status, a.code()), (401, "wrong_credentials"), "{a:?}");
    }
    // The address has used none of its three tries.
    for _ in 0..3 {
        let a = client
            .post(
                "/api/login",
                &LoginRequest {
                    username: "secretariat".into(),
                    password: "wrong".into(),
                },
            )
            .await;
        assert_eq!((a.status, a.code()), (401, "wrong_credentials"), "{a:?}");
    }
}

/// More sign-ins at once than the password checks' queue holds (64 per check) are refused
/// at once with 429 and `Retry-After`, instead of waiting behind a flood for minutes; every
/// one that was queued is checked and answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_ins_beyond_the_password_queue_are_refused_at_once() {
    let db = TestDb::new(Backend::Sqlite);
    let node = node_with(
        &db,
        &[
            ("FLOOR_PASSWORD_CHECKS", "1"),
            ("FLOOR_SIGN_INS_PER_ADDRESS_PER_MINUTE", "100000"),
        ],
    );
    let answers = unknown_sign_ins(node.base.clone(), 300, 300).await;
    let checked = answers.iter().filter(|a| a.0 == 401).count();
    let refused: Vec<_> = answers.iter().filter(|a| a.0 == 429).collect();
    eprintln!(
        "300 sign-ins at once: {checked} checked, {} refused",
        refused.len()
    );
    assert_eq!(checked + refused.len(), 300, "{answers:?}");
    assert!(checked >= 65, "only {checked} were checked");
    assert!(!refused.is_empty(), "no sign-in was refused");
    for (_, retry, message) in refused {
        assert!(*retry, "a 429 without Retry-After");
        assert!(message.contains("at once"), "{message}");
    }
}
