//! The WebSocket: authenticate, subscribe, fold events with `MeetingState::apply`, send
//! commands with a `request_id` and tell the user what came of them, and reconnect with
//! a growing delay, catching up from the last sequence number (docs/protocol.md 4.9).

use crate::i18n::T;
use crate::state::{app, ConnStatus, NoticeKind};
use floor_protocol::frames::{ClientFrame, ErrorCode, ServerFrame};
use floor_protocol::*;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Default)]
struct Conn {
    ws: Option<web_sys::WebSocket>,
    token: Option<String>,
    meeting: Option<MeetingId>,
    /// Commands sent and not yet answered: what to call them when the answer comes.
    pending: HashMap<String, T>,
    next_request: u64,
    /// Random, drawn on the first command of this page load (0 until then): makes
    /// request_ids unique across page loads.
    page_nonce: u64,
    /// Failed attempts in a row, for the delay before the next one.
    attempts: u32,
    /// Bumped on every new socket and on sign-out: stale callbacks compare and stop.
    generation: u64,
    /// The connection was lost at least once: say so when it is back.
    was_lost: bool,
    /// Do not reconnect before this time (tests hold a page offline with it).
    hold_until: f64,
}

thread_local! {
    static CONN: RefCell<Conn> = RefCell::new(Conn::default());
}

/// Connect with a token (after sign-in, or on page load with a stored token).
pub fn start(token: String) {
    CONN.with(|c| {
        let mut c = c.borrow_mut();
        c.token = Some(token);
        c.attempts = 0;
    });
    open();
}

/// Sign-out: close, and stay closed.
pub fn stop() {
    CONN.with(|c| {
        let mut c = c.borrow_mut();
        c.generation += 1;
        c.token = None;
        c.meeting = None;
        c.pending.clear();
        if let Some(ws) = c.ws.take() {
            let _ = ws.close();
        }
    });
    app().conn.set(ConnStatus::Idle);
}

/// Follow a meeting (now, and again after every reconnection).
pub fn follow(meeting: MeetingId) {
    let connected = CONN.with(|c| {
        let mut c = c.borrow_mut();
        c.meeting = Some(meeting);
        c.ws.as_ref()
            .is_some_and(|ws| ws.ready_state() == web_sys::WebSocket::OPEN)
    });
    if connected && app().conn.get_untracked() == ConnStatus::Connected {
        subscribe();
    }
}

/// Close the socket as a network failure would, and do not reconnect for `hold_ms`.
/// The tests call it (as `window.floorDropConnection`) to check catching up.
pub fn drop_connection(hold_ms: f64) {
    CONN.with(|c| {
        let mut c = c.borrow_mut();
        c.hold_until = js_sys::Date::now() + hold_ms;
        if let Some(ws) = &c.ws {
            let _ = ws.close();
        }
    });
}

pub fn send(frame: &ClientFrame) -> bool {
    let text = serde_json::to_string(frame).expect("serialisable");
    CONN.with(|c| {
        let c = c.borrow();
        match &c.ws {
            Some(ws) if ws.ready_state() == web_sys::WebSocket::OPEN => {
                ws.send_with_str(&text).is_ok()
            }
            _ => false,
        }
    })
}

/// Send a command; `label` names it in the answer shown to the user.
pub fn command(command: Command, label: T) {
    let app = app();
    let Some(meeting) = app.meeting_id() else {
        return;
    };
    let request_id = CONN.with(|c| {
        let mut c = c.borrow_mut();
        c.next_request += 1;
        if c.page_nonce == 0 {
            c.page_nonce = (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64 | 1;
        }
        // A request_id is also the command's idempotency key on the server, per
        // participant and meeting: unique across page loads, not only within one.
        let id = format!("c{}-{}", c.next_request, c.page_nonce);
        c.pending.insert(id.clone(), label);
        id
    });
    let sent = send(&ClientFrame::Command {
        request_id: request_id.clone(),
        meeting_id: meeting,
        command,
    });
    if !sent {
        CONN.with(|c| c.borrow_mut().pending.remove(&request_id));
        let lang = app.lang.get_untracked();
        app.notify(
            NoticeKind::Refused,
            lang.fill(T::Failed, &[lang.t(T::Connecting)]),
        );
    }
}

fn subscribe() {
    let app = app();
    let Some(meeting) = CONN.with(|c| c.borrow().meeting) else {
        return;
    };
    let since = app.state.with_untracked(|s| {
        s.as_ref()
            .filter(|s| s.meeting_id == meeting)
            .map(|s| s.seq)
    });
    send(&ClientFrame::Subscribe {
        meeting_id: meeting,
        since,
    });
    // And the session's documents: from where this page left off, or a snapshot.
    let Some(session) = app
        .info
        .with_untracked(|i| i.as_ref().map(|i| i.meeting.session_id))
    else {
        return;
    };
    let since = app.documents.with_untracked(|r| {
        r.as_ref()
            .filter(|r| r.session_id == session)
            .map(|r| r.seq)
    });
    send(&ClientFrame::SubscribeDocuments {
        session_id: session,
        since,
    });
}

fn open() {
    let Some(token) = CONN.with(|c| c.borrow().token.clone()) else {
        return;
    };
    let location = web_sys::window().expect("window").location();
    let scheme = if location.protocol().ok().as_deref() == Some("https:") {
        "wss"
    } else {
        "ws"
    };
    let host = location.host().unwrap_or_default();
    let url = format!("{scheme}://{host}/ws");
    let app = app();
    if !matches!(app.conn.get_untracked(), ConnStatus::Reconnecting { .. }) {
        app.conn.set(ConnStatus::Connecting);
    }
    let ws = match web_sys::WebSocket::new(&url) {
        Ok(ws) => ws,
        Err(_) => {
            lost();
            return;
        }
    };
    let generation = CONN.with(|c| {
        let mut c = c.borrow_mut();
        c.generation += 1;
        c.generation
    });
    let current = move || CONN.with(|c| c.borrow().generation) == generation;

    let onopen = Closure::<dyn FnMut()>::new(move || {
        if current() {
            send(&ClientFrame::Authenticate {
                token: token.clone(),
            });
        }
    });
    let onmessage =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            if !current() {
                return;
            }
            if let Some(text) = e.data().as_string() {
                match serde_json::from_str::<ServerFrame>(&text) {
                    Ok(frame) => on_frame(frame),
                    Err(err) => {
                        web_sys::console::warn_1(&format!("undecodable frame: {err}").into())
                    }
                }
            }
        });
    let onclose = Closure::<dyn FnMut()>::new(move || {
        if current() {
            lost();
        }
    });
    ws.set_onopen(Some(onopen.as_ref().unchecked_ref()));
    ws.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    ws.set_onclose(Some(onclose.as_ref().unchecked_ref()));
    // The socket lives as long as the page; so do its callbacks.
    onopen.forget();
    onmessage.forget();
    onclose.forget();
    CONN.with(|c| c.borrow_mut().ws = Some(ws));
}

/// The connection ended without a sign-out: show it and try again later.
fn lost() {
    let app = app();
    crate::media::connection_lost();
    let (delay_ms, has_token) = CONN.with(|c| {
        let mut c = c.borrow_mut();
        c.ws = None;
        c.was_lost = true;
        c.pending.clear();
        let base = 1000u32 << c.attempts.min(5);
        c.attempts += 1;
        let hold = (c.hold_until - js_sys::Date::now()).max(0.0) as u32;
        (base.min(30_000).max(hold), c.token.is_some())
    });
    if !has_token {
        app.conn.set(ConnStatus::Idle);
        return;
    }
    let secs = delay_ms.div_ceil(1000);
    app.conn.set(ConnStatus::Reconnecting { secs });
    let generation = CONN.with(|c| c.borrow().generation);
    set_timeout(
        move || {
            if CONN.with(|c| c.borrow().generation) == generation {
                open();
            }
        },
        std::time::Duration::from_millis(delay_ms as u64),
    );
}

fn on_frame(frame: ServerFrame) {
    let app = app();
    let lang = app.lang.get_untracked();
    match frame {
        ServerFrame::Authenticated { .. } => {
            let was_lost = CONN.with(|c| {
                let mut c = c.borrow_mut();
                c.attempts = 0;
                std::mem::take(&mut c.was_lost)
            });
            app.conn.set(ConnStatus::Connected);
            subscribe();
            crate::media::connection_ready();
            if was_lost {
                app.notify(NoticeKind::Info, lang.t(T::CaughtUp).into());
            }
        }
        ServerFrame::Snapshot { meeting_id, state } => {
            if Some(meeting_id) == CONN.with(|c| c.borrow().meeting) {
                app.snapshots.update(|n| *n += 1);
                app.state.set(Some(*state));
            }
        }
        ServerFrame::Event(e) => {
            if Some(e.meeting_id) != CONN.with(|c| c.borrow().meeting) {
                return;
            }
            // Every event's `at` is a little before now on the server's clock: the
            // largest such difference is the best estimate of the offset.
            let sample = e.at.0 - crate::net::now_ms();
            if sample > app.offset.get_untracked() {
                app.offset.set(sample);
            }
            let gap = app
                .state
                .with_untracked(|s| s.as_ref().map(|s| e.seq > s.seq + 1));
            match gap {
                None => {}
                Some(true) => subscribe(),
                Some(false) => {
                    announce(&e);
                    app.state.update(|s| {
                        if let Some(s) = s {
                            s.apply(&e);
                        }
                    });
                }
            }
        }
        ServerFrame::Ack { request_id, .. } => {
            if let Some(label) = CONN.with(|c| c.borrow_mut().pending.remove(&request_id)) {
                app.notify(NoticeKind::Ok, lang.fill(T::Done, &[lang.t(label)]));
            }
        }
        ServerFrame::Rejected {
            request_id, reason, ..
        } => {
            CONN.with(|c| c.borrow_mut().pending.remove(&request_id));
            // The typed refusal, in the user's language; the frame's English `message`
            // is the server's wording of the same thing and is not shown.
            let text = crate::rejections::for_app(app, &reason);
            app.notify(NoticeKind::Refused, lang.fill(T::Refused, &[&text]));
        }
        ServerFrame::Error {
            code,
            message,
            request_id,
            ..
        } => {
            if let Some(r) = request_id {
                CONN.with(|c| c.borrow_mut().pending.remove(&r));
            }
            match code {
                ErrorCode::InvalidToken | ErrorCode::TokenExpired | ErrorCode::TokenRevoked => {
                    crate::ui::sign_out();
                    app.notify(NoticeKind::Refused, lang.t(T::SessionExpired).into());
                }
                ErrorCode::MediaRefused | ErrorCode::MediaConnectionLimit => {
                    crate::media::refused(message)
                }
                _ => app.notify(NoticeKind::Refused, lang.fill(T::Failed, &[&message])),
            }
        }
        ServerFrame::MediaAnswer { meeting_id, sdp } => crate::media::answer(meeting_id, sdp),
        ServerFrame::AudioLevels { meeting_id, levels } => {
            if Some(meeting_id) == app.meeting_id() {
                app.levels.set(levels);
            }
        }
        ServerFrame::Closing { reason, .. } => {
            if matches!(
                reason,
                frames::CloseReason::TokenExpired | frames::CloseReason::TokenRevoked
            ) {
                crate::ui::sign_out();
                app.notify(NoticeKind::Refused, lang.t(T::SessionExpired).into());
            }
        }
        ServerFrame::Documents {
            session_id,
            seq,
            documents,
        } => app.documents.set(Some(floor_protocol::document::Register {
            session_id,
            seq,
            documents,
        })),
        ServerFrame::DocumentEvent(e) => app.documents.update(|r| {
            if let Some(r) = r
                .as_mut()
                .filter(|r| r.session_id == e.session_id && e.seq > r.seq)
            {
                r.apply(&e);
            }
        }),
        ServerFrame::Pong { .. } => {}
    }
}

/// Tell screen readers when the floor changes hands.
fn announce(e: &EventEnvelope) {
    let app = app();
    let lang = app.lang.get_untracked();
    match &e.event {
        Event::FloorGiven { entry, .. } => {
            let name = app.name_of(entry.delegation);
            let mine = Some(entry.delegation) == app.my_delegation();
            app.announce.set(if mine {
                lang.t(T::YouHaveTheFloor).to_string()
            } else {
                lang.fill(T::HasTheFloor, &[&name])
            });
        }
        Event::SpeechEnded { .. } => app.announce.set(lang.t(T::NobodyHasFloor).into()),
        _ => {}
    }
}
