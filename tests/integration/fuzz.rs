//! Random and mutated input thrown at a real server for a bounded time, on SQLite and on
//! PostgreSQL: WebSocket frames and HTTP bodies made from valid ones by structural and
//! byte-level mutation, and plain garbage.
//!
//! First only inputs that the protocol's own types refuse: every one must get a typed
//! error, never a 5xx, never a dropped connection, and nothing in the log, the directory
//! or the documents may change. Then mutations that still parse (odd values in the right
//! shape: control characters, huge numbers, unknown ids): they may rightly change the
//! meeting, but none may get a 5xx or an `internal` error, and the server stays healthy.
//!
//! The seed is printed; `FLOOR_FUZZ_SEED=<n>` replays a run.

use floor_protocol::api::*;
use floor_protocol::frames::{self, ClientFrame, ServerFrame};
use floor_protocol::*;
use floor_testkit::*;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Inputs per channel, and the time the whole run may take (whichever ends first).
const ROUNDS: usize = 1500;
const BUDGET: Duration = Duration::from_secs(60);

/// Words a mutation puts where a value was: the protocol's own tags and the edges of
/// every type.
fn random_value(rng: &mut StdRng) -> Value {
    match rng.gen_range(0..20) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(-1),
        3 => json!(0),
        4 => json!(u64::MAX),
        5 => json!(i64::MIN),
        6 => json!(1.5),
        7 => json!(1e300),
        8 => json!(""),
        9 => json!("x".repeat(rng.gen_range(200..5000))),
        10 => json!("a\u{0}b"),
        11 => json!("\u{1b}[31m"),
        12 => json!([]),
        13 => json!({}),
        14 => json!([1, [2, [3, [4]]]]),
        15 => json!("مجلس 委员会 Комиссия"),
        16 => json!({"type": "command"}),
        _ => json!(*[
            "give_floor",
            "request_floor",
            "command",
            "yes",
            "member",
            "hybrid",
            "chair",
            "first",
            "E/CN.7/2026/L.1"
        ]
        .choose(rng)
        .unwrap()),
    }
}

/// Change one place of a JSON value: replace, remove or rename a field, or go deeper.
fn mutate_value(rng: &mut StdRng, v: &mut Value, depth: usize) {
    match v {
        Value::Object(map) if !map.is_empty() && depth < 6 => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = keys.choose(rng).unwrap().clone();
            match rng.gen_range(0..5) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    let value = map.remove(&key).unwrap();
                    map.insert(format!("{key}_"), value);
                }
                2 => {
                    map.insert(key, random_value(rng));
                }
                _ => mutate_value(rng, map.get_mut(&key).unwrap(), depth + 1),
            }
        }
        Value::Array(items) if !items.is_empty() && depth < 6 => {
            let i = rng.gen_range(0..items.len());
            mutate_value(rng, &mut items[i], depth + 1)
        }
        _ => *v = random_value(rng),
    }
}

const NOISE: &[u8] = b"{}[]\",:\\0123456789-.eE truefalsnul\x00\x1f\xff";

/// A mutation of a valid JSON text.
fn mutate(rng: &mut StdRng, seed: &str) -> String {
    match rng.gen_range(0..10) {
        0..=4 => mutate_structure(rng, seed),
        5..=7 => {
            let mut b = seed.as_bytes().to_vec();
            for _ in 0..rng.gen_range(1..6) {
                let i = rng.gen_range(0..=b.len());
                match rng.gen_range(0..4) {
                    0 if i < b.len() => {
                        b.remove(i);
                    }
                    1 if i < b.len() => b[i] = *NOISE.choose(rng).unwrap(),
                    2 => b.insert(i, *NOISE.choose(rng).unwrap()),
                    _ => b.truncate(i.max(1)),
                }
            }
            String::from_utf8_lossy(&b).into_owned()
        }
        8 => (0..rng.gen_range(0..200))
            .map(|_| *NOISE.choose(rng).unwrap() as char)
            .collect(),
        _ => json!([serde_json::from_str::<Value>(seed).expect("seeds are JSON")]).to_string(),
    }
}

/// Odd values in the right shape: one to three structural changes, no byte edits.
fn mutate_structure(rng: &mut StdRng, seed: &str) -> String {
    let mut v: Value = serde_json::from_str(seed).expect("seeds are JSON");
    for _ in 0..rng.gen_range(1..4) {
        mutate_value(rng, &mut v, 0);
    }
    v.to_string()
}

/// A mutation the protocol's own type `T` refuses (`None` if twenty tries stayed valid).
fn refused_by<T: DeserializeOwned>(
    rng: &mut StdRng,
    seed: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<String> {
    (0..20)
        .map(|_| mutate(rng, seed))
        .find(|m| parse(m).is_none())
}

/// The WebSocket parses a frame as a JSON value first, then as a frame (so a repeated
/// field counts once, the last): the same here.
fn as_frame(text: &str) -> Option<ClientFrame> {
    let v: Value = serde_json::from_str(text).ok()?;
    serde_json::from_value(v).ok()
}

fn as_body<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}

/// Everything a participant or the secretariat can read of the session: it must be the
/// same after the run.
async fn everything(fx: &Fixture) -> Vec<Value> {
    let s = fx.session;
    let mut out = Vec::new();
    for path in [
        "/api/sessions".to_string(),
        format!("/api/sessions/{s}"),
        format!("/api/sessions/{s}/delegations"),
        format!("/api/sessions/{s}/participants"),
        format!("/api/sessions/{s}/meetings"),
        format!("/api/sessions/{s}/documents"),
        format!("/api/meetings/{}/events", fx.meeting),
    ] {
        let a = fx.secretariat.get(&path).await;
        assert_eq!(a.status, 200, "GET {path}: {a:?}");
        out.push(a.body);
    }
    out
}

struct Route {
    method: reqwest::Method,
    path: String,
    client: Client,
    seed: String,
    /// Whether the protocol's type for this route accepts a body.
    valid: fn(&str) -> bool,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_and_mutated_input_gets_typed_errors_and_changes_nothing_on_sqlite() {
    fuzz(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_and_mutated_input_gets_typed_errors_and_changes_nothing_on_postgres() {
    fuzz(Backend::Postgres).await;
}

async fn fuzz(backend: Backend) {
    let seed: u64 = std::env::var("FLOOR_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(rand::random);
    println!("fuzz seed {seed} (replay with FLOOR_FUZZ_SEED={seed})");
    let mut rng = StdRng::seed_from_u64(seed);

    let db = TestDb::new(backend);
    // The per-participant command limit would answer most of this with 429: lift it, so
    // that what is judged is each input itself.
    let node = Node::start_with(
        &db,
        &NodeOptions {
            env: vec![
                ("FLOOR_COMMANDS_PER_SECOND", "1000000".into()),
                ("FLOOR_COMMAND_BURST", "1000000".into()),
            ],
            ..Default::default()
        },
    );
    let fx = Fixture::new(&node, 3).await;
    fx.open().await;
    let (m, s) = (fx.meeting, fx.session);
    let member = fx.members[0].id;
    let participants: Vec<Value> = fx
        .secretariat
        .get_ok(&format!("/api/sessions/{s}/participants"))
        .await;
    let participant = participants[0]["id"].as_i64().expect("a participant id");
    let before = everything(&fx).await;
    let deadline = Instant::now() + BUDGET;

    // WebSocket frames, from a delegate who is subscribed.
    let ws_seeds = [
        json!({"type": "subscribe", "meeting_id": m, "since": 0}),
        json!({"type": "subscribe_documents", "session_id": s, "since": 0}),
        json!({"type": "command", "request_id": "f1", "meeting_id": m,
               "command": {"type": "request_floor"}}),
        json!({"type": "command", "request_id": "f2", "meeting_id": m,
               "command": {"type": "raise_point_of_order"}}),
        json!({"type": "command", "request_id": "f3", "meeting_id": m,
               "command": {"type": "add_agenda_item", "number": "9", "title": "Other matters"}}),
        json!({"type": "command", "request_id": "f4", "meeting_id": m,
               "command": {"type": "give_floor", "entry": 1}}),
        json!({"type": "media_listen", "meeting_id": m, "channel": "fr"}),
        json!({"type": "authenticate", "token": "not-a-token"}),
    ]
    .map(|v| v.to_string());
    let mut ws = Ws::connect(&node, &fx.delegates[0]).await;
    ws.subscribe(m).await;
    let mut sent_frames = 0;
    for _ in 0..ROUNDS {
        if Instant::now() > deadline {
            break;
        }
        let seed_frame = ws_seeds.choose(&mut rng).unwrap();
        let Some(text) = refused_by(&mut rng, seed_frame, as_frame) else {
            continue;
        };
        ws.send_text(text.clone()).await;
        let answer = ws
            .wait_for(|f| match f {
                ServerFrame::Error { .. }
                | ServerFrame::Ack { .. }
                | ServerFrame::Rejected { .. } => Some(f.clone()),
                _ => None,
            })
            .await;
        assert!(
            matches!(answer, ServerFrame::Error { .. }),
            "frame {text:?} was answered {answer:?}, not with an error"
        );
        sent_frames += 1;
    }
    ws.assert_usable().await;

    // HTTP bodies, each from a client allowed on the route, so that the body is what is
    // judged.
    let anonymous = node.client();
    let routes = vec![
        Route {
            method: reqwest::Method::POST,
            path: format!("/api/meetings/{m}/commands"),
            client: fx.chair.clone(),
            seed: json!({"command": {"type": "add_agenda_item", "number": "9", "title": "Other"}})
                .to_string(),
            valid: |t| as_body::<CommandRequest>(t).is_some(),
        },
        Route {
            method: reqwest::Method::POST,
            path: "/api/sessions".into(),
            client: fx.secretariat.clone(),
            seed: json!({"title": "CCPCJ, 35th session", "body_symbol": "E/CN.15"}).to_string(),
            valid: |t| as_body::<NewSession>(t).is_some(),
        },
        Route {
            method: reqwest::Method::POST,
            path: format!("/api/sessions/{s}/delegations"),
            client: fx.secretariat.clone(),
            seed: json!({"name": "Atlantis", "kind": "member"}).to_string(),
            valid: |t| as_body::<NewDelegation>(t).is_some(),
        },
        Route {
            method: reqwest::Method::POST,
            path: format!("/api/sessions/{s}/participants"),
            client: fx.secretariat.clone(),
            seed: json!({"display_name": "Delegate", "role": "delegate", "delegation_id": member})
                .to_string(),
            valid: |t| as_body::<NewParticipant>(t).is_some(),
        },
        Route {
            method: reqwest::Method::POST,
            path: format!("/api/sessions/{s}/meetings"),
            client: fx.secretariat.clone(),
            seed: json!({"title": "Plenary, 2nd meeting", "format": "hybrid"}).to_string(),
            valid: |t| as_body::<NewMeeting>(t).is_some(),
        },
        Route {
            method: reqwest::Method::POST,
            path: format!("/api/participants/{participant}/invitations"),
            client: fx.secretariat.clone(),
            seed: json!({"meeting_id": m, "valid_for_hours": 1}).to_string(),
            valid: |t| as_body::<NewInvitation>(t).is_some(),
        },
        Route {
            method: reqwest::Method::PUT,
            path: format!("/api/sessions/{s}/rules"),
            client: fx.secretariat.clone(),
            seed: serde_json::to_string(&SessionRules::default()).unwrap(),
            valid: |t| as_body::<SessionRules>(t).is_some(),
        },
        Route {
            method: reqwest::Method::POST,
            path: format!("/api/sessions/{s}/documents/commands"),
            client: fx.secretariat.clone(),
            seed: json!({"command": {"type": "sign_on", "document": 1}}).to_string(),
            valid: |t| as_body::<DocumentCommandRequest>(t).is_some(),
        },
        Route {
            method: reqwest::Method::POST,
            path: "/api/login".into(),
            client: anonymous.clone(),
            seed: json!({"username": "secretariat", "password": "wrong"}).to_string(),
            valid: |t| as_body::<LoginRequest>(t).is_some(),
        },
        Route {
            method: reqwest::Method::POST,
            path: "/api/invitations/redeem".into(),
            client: anonymous.clone(),
            seed: json!({"code": "ABCD-EFGH-JKLM"}).to_string(),
            valid: |t| as_body::<RedeemRequest>(t).is_some(),
        },
    ];
    let mut sent_bodies = 0;
    for _ in 0..ROUNDS {
        if Instant::now() > deadline {
            break;
        }
        let route = routes.choose(&mut rng).unwrap();
        let valid = route.valid;
        let Some(body) = refused_by(&mut rng, &route.seed, |t| valid(t).then_some(())) else {
            continue;
        };
        let (status, text) = send_body(&node, route, &body).await;
        assert!(
            (400..500).contains(&status),
            "{} {} with {body:?}: {status} {text}",
            route.method,
            route.path
        );
        let error: Value = serde_json::from_str(&text).unwrap_or_else(|_| {
            panic!(
                "{} {}: an error body that is not JSON: {text:?}",
                route.method, route.path
            )
        });
        let error: floor_protocol::api::ErrorBody =
            serde_json::from_value(error).unwrap_or_else(|e| {
                panic!(
                    "{} {}: not an ErrorBody ({e}): {text}",
                    route.method, route.path
                )
            });
        assert!(
            error.error_code().is_some() || error.rejection.is_some(),
            "{} {} with {body:?}: the code is neither one of the protocol's error codes nor a rejection's: {text}",
            route.method,
            route.path
        );
        sent_bodies += 1;
    }
    println!(
        "fuzz: {sent_frames} frames and {sent_bodies} bodies, each refused with a typed error"
    );
    assert!(
        sent_frames >= 50 && sent_bodies >= 50,
        "too few inputs reached the server: {sent_frames} frames, {sent_bodies} bodies"
    );

    // Nothing changed.
    assert_eq!(everything(&fx).await, before, "the session changed");

    // Mutations that still parse: commands over the WebSocket, and every route's bodies.
    let mut valid_frames = 0;
    let mut valid_bodies = 0;
    for _ in 0..ROUNDS {
        if Instant::now() > deadline {
            break;
        }
        let seed_frame = ws_seeds[2..6].choose(&mut rng).unwrap();
        let text = mutate_structure(&mut rng, seed_frame);
        let Some(ClientFrame::Command { request_id, .. }) = as_frame(&text) else {
            continue;
        };
        ws.send_text(text.clone()).await;
        let answer = ws
            .wait_for(|f| match f {
                ServerFrame::Error {
                    request_id: Some(r),
                    ..
                }
                | ServerFrame::Ack { request_id: r, .. }
                | ServerFrame::Rejected { request_id: r, .. }
                    if *r == request_id =>
                {
                    Some(f.clone())
                }
                _ => None,
            })
            .await;
        assert!(
            !matches!(
                answer,
                ServerFrame::Error {
                    code: frames::ErrorCode::Internal,
                    ..
                }
            ),
            "frame {text:?} was answered {answer:?}"
        );
        valid_frames += 1;
    }
    for _ in 0..ROUNDS {
        if Instant::now() > deadline {
            break;
        }
        let route = routes.choose(&mut rng).unwrap();
        let body = mutate_structure(&mut rng, &route.seed);
        if !(route.valid)(&body) {
            continue;
        }
        let (status, text) = send_body(&node, route, &body).await;
        assert!(
            status < 500,
            "{} {} with {body:?}: {status} {text}",
            route.method,
            route.path
        );
        valid_bodies += 1;
    }
    println!(
        "fuzz: then {valid_frames} frames and {valid_bodies} bodies that parse, none answered 5xx"
    );

    // The server is alive and well.
    let health = anonymous.get("/healthz").await;
    assert_eq!(health.status, 200, "{health:?}");
    ws.assert_usable().await;
}

async fn send_body(node: &Node, route: &Route, body: &str) -> (u16, String) {
    let mut request = route
        .client
        .http
        .request(route.method.clone(), format!("{}{}", node.base, route.path))
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(token) = &route.client.token {
        request = request.bearer_auth(token);
    }
    let resp = request.send().await.expect("the server answers");
    let status = resp.status().as_u16();
    (status, resp.text().await.unwrap_or_default())
}
