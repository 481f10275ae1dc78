//! The views. `App` is the shell (header, connection banner, notices) around the screen
//! of the signed-in role: delegate, chair, secretariat, interpreter or room display.

mod chair;
mod common;
mod delegate;
mod interpreter;
mod room;
mod secretariat;
mod votes;

use crate::i18n::{Lang, T};
use crate::net;
use crate::state::{
    app, role_label, status_label, App, ConnStatus, MeetingInfo, NoticeKind, Screen,
};
use floor_protocol::api::*;
use floor_protocol::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A closure giving `key` in the current language, for views.
pub fn tr(key: T) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || app().t(key)
}

const AUTH_KEY: &str = "floor.auth";
const LANG_KEY: &str = "floor.lang";
const MEETING_KEY: &str = "floor.meeting";

fn initial_lang() -> Lang {
    net::load(LANG_KEY)
        .and_then(|l| Lang::parse(&l))
        .or_else(|| {
            web_sys::window()?
                .navigator()
                .language()
                .and_then(|l| Lang::parse(&l))
        })
        .unwrap_or_default()
}

/// Mount the application on the page.
pub fn mount() {
    // The page's own loading screen (index.html) gives way to the client.
    if let Some(loading) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("loading"))
    {
        loading.remove();
    }
    leptos::mount::mount_to_body(Shell);
}

#[component]
fn Shell() -> impl IntoView {
    let app = App::new(initial_lang());
    // The page's language and direction follow the picker (Arabic: right to left).
    Effect::new(move |_| {
        let lang = app.lang.get();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            root.set_attribute("lang", lang.code()).ok();
            root.set_attribute("dir", lang.dir()).ok();
        }
        net::save(LANG_KEY, Some(lang.code()));
    });
    // The server's clock, for countdowns.
    app.now.set(net::now_ms());
    set_interval(
        move || app.now.set(net::now_ms() + app.offset.get_untracked()),
        std::time::Duration::from_millis(250),
    );
    // Own microphone and camera: on only when they would be heard.
    Effect::new(move |_| {
        let role = app.role();
        let cough = app.cough.get();
        // What the SFU would forward, by the protocol's one definition: nothing else leaves
        // the device (a delegate's microphone only when it is the one the floor hears).
        let (audio, video) = app.state.with(|s| {
            let Some(s) = s else { return (false, false) };
            let (audio, video) = app.publishes(s);
            (audio && !(role == Some(Role::Interpreter) && cough), video)
        });
        crate::media::set_live(audio, video);
    });
    Effect::new(move |_| {
        app.channel.track();
        app.low_original.track();
        crate::media::apply_volumes();
    });
    // `#room` shows the room display whatever the role.
    let read_hash = move || {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        app.screen.set(if hash == "#room" {
            Screen::Room
        } else {
            Screen::Own
        });
    };
    read_hash();
    let _ = window_event_listener_untyped("hashchange", move |_| read_hash());
    // Tests hold a page offline with this, to check that it catches up.
    install_test_hooks();

    if let Some(auth) =
        net::load_for_tab(AUTH_KEY).and_then(|a| serde_json::from_str::<TokenResponse>(&a).ok())
    {
        if auth.expires_at.0 > net::now_ms() {
            signed_in(auth);
        } else {
            net::save_for_tab(AUTH_KEY, None);
        }
    }

    view! {
        <a class="skip" href="#main">{tr(T::AppName)}</a>
        <header class="top">
            <h1 class="brand">{tr(T::AppName)}</h1>
            <p class="meeting-title">
                {move || app.info.with(|i| i.as_ref().map(|i| i.meeting.title.clone()))}
                " "
                {move || app.state.with(|s| s.as_ref().map(|s| {
                    let lang = app.lang.get();
                    lang.fill(T::MeetingStatus, &[status_label(lang, s.status)])
                }))}
            </p>
            <LangPicker/>
            <Show when=move || app.auth.with(|a| a.is_some())>
                <p class="who">{move || app.auth.with(|a| a.as_ref().map(|a| {
                    let lang = app.lang.get();
                    lang.fill(T::SignedInAs, &[&a.display_name, role_label(lang, a.role)])
                }))}</p>
                <button type="button" data-action="sign-out" on:click=move |_| sign_out()>{tr(T::SignOut)}</button>
            </Show>
        </header>
        <ConnBanner/>
        <div id="notice" role="status" aria-live="polite"
            class=move || app.notice.with(|n| match n.as_ref().map(|n| n.kind) {
                Some(NoticeKind::Ok) => "notice ok",
                Some(NoticeKind::Refused) => "notice refused",
                Some(NoticeKind::Info) => "notice info",
                None => "notice empty",
            })>
            {move || app.notice.with(|n| n.as_ref().map(|n| n.text.clone()))}
        </div>
        <div id="announce" class="sr-only" aria-live="assertive">{move || app.announce.get()}</div>
        <main id="main"
            data-seq=move || app.state.with(|s| s.as_ref().map(|s| s.seq.to_string()))
            data-snapshots=move || app.snapshots.get().to_string()>
            {move || {
                if app.auth.with(|a| a.is_none()) {
                    return view! { <SignIn/> }.into_any();
                }
                let role = app.role().unwrap_or(Role::Viewer);
                if role == Role::Secretariat && app.screen.get() == Screen::Own {
                    return view! { <secretariat::SecretariatView/> }.into_any();
                }
                if app.info.with(|i| i.is_none()) {
                    return view! { <MeetingPicker/> }.into_any();
                }
                if app.state.with(|s| s.is_none()) {
                    return view! { <p>{tr(T::Loading)}</p> }.into_any();
                }
                match (app.screen.get(), role) {
                    (Screen::Room, _) | (_, Role::Room) => view! { <room::RoomView/> }.into_any(),
                    (_, Role::Chair) => view! { <chair::ChairView/> }.into_any(),
                    (_, Role::Interpreter) => view! { <interpreter::InterpreterView/> }.into_any(),
                    (_, Role::Delegate) => view! { <delegate::DelegateView/> }.into_any(),
                    _ => view! { <room::ListenerView/> }.into_any(),
                }
            }}
        </main>
    }
}

fn install_test_hooks() {
    use wasm_bindgen::prelude::*;
    let drop = Closure::<dyn Fn(f64)>::new(|ms: f64| crate::conn::drop_connection(ms));
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"floorDropConnection".into(), drop.as_ref());
    }
    drop.forget();
}

#[component]
fn LangPicker() -> impl IntoView {
    let app = app();
    view! {
        <label class="lang">
            <span>{tr(T::Language)}</span>
            <select data-action="language" on:change=move |ev| {
                if let Some(l) = Lang::parse(&event_target_value(&ev)) {
                    app.lang.set(l);
                }
            }>
                {Lang::ALL.into_iter().map(|l| view! {
                    <option value=l.code() lang=l.code() selected=move || app.lang.get() == l>{l.native_name()}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

#[component]
fn ConnBanner() -> impl IntoView {
    let app = app();
    view! {
        <div id="connection" role="status" aria-live="polite"
            data-state=move || match app.conn.get() {
                ConnStatus::Idle => "idle",
                ConnStatus::Connecting => "connecting",
                ConnStatus::Connected => "connected",
                ConnStatus::Reconnecting { .. } => "reconnecting",
            }
            class=move || match app.conn.get() {
                ConnStatus::Reconnecting { .. } => "banner lost",
                ConnStatus::Connecting => "banner connecting",
                _ => "banner quiet",
            }>
            {move || {
                let lang = app.lang.get();
                match app.conn.get() {
                    ConnStatus::Idle => String::new(),
                    ConnStatus::Connecting => lang.t(T::Connecting).into(),
                    ConnStatus::Connected => lang.t(T::Connected).into(),
                    ConnStatus::Reconnecting { secs } => lang.fill(T::Reconnecting, &[&secs.to_string()]),
                }
            }}
        </div>
    }
}

/// The invitation code in `/join/<code>`, if the page was opened from an invitation link.
fn code_from_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .and_then(|p| p.strip_prefix("/join/").map(str::to_string))
        .unwrap_or_default()
}

#[component]
fn SignIn() -> impl IntoView {
    let app = app();
    let code = RwSignal::new(code_from_path());
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let finish = move |r: Result<TokenResponse, net::HttpError>| {
        busy.set(false);
        match r {
            Ok(t) => {
                error.set(None);
                signed_in(t);
            }
            Err(e) => error.set(Some(e.message)),
        }
    };
    let redeem = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let body = RedeemRequest {
            code: code.get_untracked(),
        };
        spawn_local(async move { finish(net::post("/api/invitations/redeem", None, &body).await) });
    };
    let login = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let body = LoginRequest {
            username: username.get_untracked(),
            password: password.get_untracked(),
        };
        spawn_local(async move { finish(net::post("/api/login", None, &body).await) });
    };
    let _ = app;
    view! {
        <section class="sign-in" aria-labelledby="sign-in-title">
            <h2 id="sign-in-title">{tr(T::SignIn)}</h2>
            <form on:submit=redeem class="card">
                <h3>{tr(T::InvitationHeading)}</h3>
                <label for="code">{tr(T::InvitationCode)}</label>
                <input id="code" name="code" autocomplete="off" autocapitalize="characters"
                    prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
                <button type="submit" data-action="redeem" disabled=move || busy.get()>{tr(T::Join)}</button>
            </form>
            <form on:submit=login class="card">
                <h3>{tr(T::SecretariatHeading)}</h3>
                <label for="username">{tr(T::Username)}</label>
                <input id="username" name="username" autocomplete="username"
                    prop:value=move || username.get() on:input=move |ev| username.set(event_target_value(&ev))/>
                <label for="password">{tr(T::Password)}</label>
                <input id="password" name="password" type="password" autocomplete="current-password"
                    prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                <button type="submit" data-action="login" disabled=move || busy.get()>{tr(T::SignIn)}</button>
            </form>
            <p role="alert" class="error">{move || error.get()}</p>
            <Show when=move || busy.get()><p>{tr(T::SigningIn)}</p></Show>
        </section>
    }
}

/// A token was obtained (or found in storage): connect and find the meeting.
pub fn signed_in(auth: TokenResponse) {
    let app = app();
    net::save_for_tab(AUTH_KEY, serde_json::to_string(&auth).ok().as_deref());
    if let Some(w) = web_sys::window() {
        if w.location()
            .pathname()
            .ok()
            .is_some_and(|p| p.starts_with("/join/"))
        {
            let _ = w.history().and_then(|h| {
                h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/"))
            });
        }
    }
    let token = auth.token.clone();
    let scope = auth.scope;
    app.auth.set(Some(auth));
    crate::conn::start(token.clone());
    spawn_local(async move {
        let meetings = match scope {
            Scope::Meeting(id) => {
                match net::get::<MeetingView>(&format!("/api/meetings/{id}"), &token).await {
                    Ok(v) => vec![v.meeting],
                    Err(e) => return fail(e),
                }
            }
            Scope::Session(id) => {
                match net::get::<Vec<Meeting>>(&format!("/api/sessions/{id}/meetings"), &token)
                    .await
                {
                    Ok(m) => m,
                    Err(e) => return fail(e),
                }
            }
            Scope::All => {
                let sessions = match net::get::<Vec<Session>>("/api/sessions", &token).await {
                    Ok(s) => s,
                    Err(e) => return fail(e),
                };
                let mut all = Vec::new();
                for s in sessions {
                    if let Ok(m) = net::get::<Vec<Meeting>>(
                        &format!("/api/sessions/{}/meetings", s.id),
                        &token,
                    )
                    .await
                    {
                        all.extend(m);
                    }
                }
                all
            }
        };
        let remembered = net::load_for_tab(MEETING_KEY).and_then(|m| m.parse::<i64>().ok());
        let pick = meetings
            .iter()
            .find(|m| Some(m.id.0) == remembered)
            .or(if meetings.len() == 1 {
                meetings.first()
            } else {
                None
            })
            .map(|m| m.id);
        app.meetings.set(meetings);
        if let Some(id) = pick {
            open_meeting(id).await;
        }
    });
}

fn fail(e: net::HttpError) {
    let app = app();
    if e.status == 401 {
        sign_out();
        app.notify(
            NoticeKind::Refused,
            app.lang.get_untracked().t(T::SessionExpired).into(),
        );
    } else {
        let lang = app.lang.get_untracked();
        app.notify(NoticeKind::Refused, lang.fill(T::Failed, &[&e.text()]));
    }
}

fn token() -> String {
    app()
        .auth
        .with_untracked(|a| a.as_ref().map(|a| a.token.clone()))
        .unwrap_or_default()
}

/// Load a meeting (its roster and rules), follow it, and join its media.
pub async fn open_meeting(id: MeetingId) {
    let app = app();
    match net::get_with_offset::<MeetingView>(&format!("/api/meetings/{id}"), &token()).await {
        Ok((view, offset)) => {
            if let Some(o) = offset {
                app.offset.set(o);
            }
            net::save_for_tab(MEETING_KEY, Some(&id.to_string()));
            app.info.set(Some(MeetingInfo {
                meeting: view.meeting,
                rules: view.rules,
                delegations: view.delegations,
            }));
            app.state.set(Some(view.state));
            crate::conn::follow(id);
            if let Some(role) = app.role() {
                crate::media::join(id, role);
            }
        }
        Err(e) => fail(e),
    }
}

/// Reload the roster and rules of the followed meeting (after the secretariat changed them).
pub async fn refresh_info() {
    let app = app();
    if let Some(id) = app.meeting_id() {
        if let Ok(view) = net::get::<MeetingView>(&format!("/api/meetings/{id}"), &token()).await {
            app.info.set(Some(MeetingInfo {
                meeting: view.meeting,
                rules: view.rules,
                delegations: view.delegations,
            }));
        }
    }
}

pub fn sign_out() {
    let app = app();
    crate::media::leave();
    crate::conn::stop();
    net::save_for_tab(AUTH_KEY, None);
    net::save_for_tab(MEETING_KEY, None);
    app.auth.set(None);
    app.info.set(None);
    app.state.set(None);
    app.meetings.set(Vec::new());
    app.documents.set(None);
    app.levels.set(Vec::new());
}

#[component]
fn MeetingPicker() -> impl IntoView {
    let app = app();
    view! {
        <section aria-labelledby="picker-title">
            <h2 id="picker-title">{tr(T::ChooseMeeting)}</h2>
            <Show when=move || app.meetings.with(|m| !m.is_empty()) fallback=|| view! { <p>{tr(T::NoMeetings)}</p> }>
                <ul class="meetings">
                    {move || app.meetings.get().into_iter().map(|m| {
                        let id = m.id;
                        view! {
                            <li><button type="button" data-action="open-meeting" data-meeting=id.to_string()
                                on:click=move |_| spawn_local(open_meeting(id))>
                                {m.title.clone()} " · " {move || status_label(app.lang.get(), m.status)}
                            </button></li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}
