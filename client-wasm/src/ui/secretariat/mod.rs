//! The secretariat's screen: choose or create a meeting; set up its session (delegations,
//! participants and their invitations, agenda items); inscribe speakers on a
//! delegation's behalf; and run the meeting as the chair can.

use super::chair::ChairView;
use super::tr;
use crate::conn::command;
use crate::i18n::T;
use crate::net;
use crate::state::{app, role_label, status_label, NoticeKind};
use floor_protocol::api::*;
use floor_protocol::command::Capacity;
use floor_protocol::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn token() -> String {
    app()
        .auth
        .with_untracked(|a| a.as_ref().map(|a| a.token.clone()))
        .unwrap_or_default()
}

fn failed(e: net::HttpError) {
    let app = app();
    let lang = app.lang.get_untracked();
    app.notify(NoticeKind::Refused, lang.fill(T::Failed, &[&e.text()]));
}

#[component]
pub fn SecretariatView() -> impl IntoView {
    let app = app();
    let has_meeting = move || app.info.with(|i| i.is_some());
    view! {
        <div class="screen secretariat">
            <MeetingsPanel/>
            <Show when=has_meeting>
                <p><a href="#room" data-action="room-display">{tr(T::RoleRoom)}</a></p>
                <div class="columns">
                    <div class="column"><Inscribe/><AgendaForm/></div>
                    <div class="column"><DelegationsPanel/><ParticipantsPanel/></div>
                </div>
                <Show when=move || app.state.with(|s| s.is_some())>
                    <h2>{tr(T::RunMeeting)}</h2>
                    <ChairView/>
                </Show>
            </Show>
        </div>
    }
}

#[component]
fn MeetingsPanel() -> impl IntoView {
    let app = app();
    let sessions = RwSignal::new(Vec::<Session>::new());
    let load = move || {
        spawn_local(async move {
            if let Ok(s) = net::get::<Vec<Session>>("/api/sessions", &token()).await {
                sessions.set(s);
            }
        })
    };
    load();
    let title = RwSignal::new(String::new());
    let session = RwSignal::new(String::new());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(sid) = session.get_untracked().parse::<i64>().or_else(|_| {
            sessions
                .with_untracked(|s| s.first().map(|s| s.id.0))
                .ok_or(())
        }) else {
            return;
        };
        let body = NewMeeting {
            title: title.get_untracked(),
            format: MeetingFormat::Hybrid,
        };
        spawn_local(async move {
            match net::post::<_, Meeting>(
                &format!("/api/sessions/{sid}/meetings"),
                Some(&token()),
                &body,
            )
            .await
            {
                Ok(m) => {
                    app.meetings.update(|ms| ms.push(m.clone()));
                    title.set(String::new());
                    super::open_meeting(m.id).await;
                }
                Err(e) => failed(e),
            }
        });
    };
    view! {
        <section class="meetings-panel" aria-labelledby="meetings-title">
            <h2 id="meetings-title">{tr(T::Meetings)}</h2>
            <ul class="meetings">
                {move || app.meetings.get().into_iter().map(|m| {
                    let id = m.id;
                    let current = app.meeting_id() == Some(id);
                    view! { <li class:current=current>
                        <button type="button" data-action="open-meeting" data-meeting=id.to_string() aria-pressed=current.to_string()
                            on:click=move |_| spawn_local(super::open_meeting(id))>
                            {m.title.clone()}" · "{move || status_label(app.lang.get(), m.status)}
                        </button>
                    </li> }
                }).collect_view()}
            </ul>
            <form class="inline" on:submit=create>
                <h3>{tr(T::NewMeeting)}</h3>
                <label for="new-meeting-session">{tr(T::Sessions)}</label>
                <select id="new-meeting-session" on:change=move |ev| session.set(event_target_value(&ev))>
                    {move || sessions.get().into_iter().map(|s| view! { <option value=s.id.to_string()>{s.title.clone()}</option> }).collect_view()}
                </select>
                <label for="new-meeting-title">{tr(T::Title)}</label>
                <input id="new-meeting-title" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
                <button type="submit">{tr(T::Create)}</button>
            </form>
        </section>
    }
}

fn session_id() -> Option<SessionId> {
    app()
        .info
        .with(|i| i.as_ref().map(|i| i.meeting.session_id))
}

#[component]
fn Inscribe() -> impl IntoView {
    let app = app();
    let chosen = RwSignal::new(String::new());
    let inscribe = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Ok(d) = chosen.get_untracked().parse::<i64>() {
            command(
                Command::InscribeSpeaker {
                    delegation: DelegationId(d),
                    item: None,
                    capacity: Capacity::National,
                    allow_additional: false,
                },
                T::Inscribe,
            );
        }
    };
    view! {
        <form class="card" on:submit=inscribe aria-labelledby="inscribe-title">
            <h2 id="inscribe-title">{tr(T::Inscribe)}</h2>
            <label for="inscribe-delegation">{tr(T::Delegation)}</label>
            <select id="inscribe-delegation" on:change=move |ev| chosen.set(event_target_value(&ev))>
                <option value="">"—"</option>
                {move || app.info.with(|i| i.as_ref().map(|i| i.delegations.clone()).unwrap_or_default()).into_iter().map(|d| {
                    view! { <option value=d.id.to_string()>{d.name.clone()}</option> }
                }).collect_view()}
            </select>
            <button type="submit" data-action="inscribe">{tr(T::Inscribe)}</button>
        </form>
    }
}

#[component]
fn AgendaForm() -> impl IntoView {
    let number = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        command(
            Command::AddAgendaItem {
                number: number.get_untracked(),
                title: title.get_untracked(),
                parent: None,
            },
            T::AddAgendaItem,
        );
        number.set(String::new());
        title.set(String::new());
    };
    view! {
        <form class="card" on:submit=add aria-labelledby="agenda-form-title">
            <h2 id="agenda-form-title">{tr(T::AddAgendaItem)}</h2>
            <label for="agenda-number">{tr(T::AgendaNumber)}</label>
            <input id="agenda-number" prop:value=move || number.get() on:input=move |ev| number.set(event_target_value(&ev))/>
            <label for="agenda-title">{tr(T::Title)}</label>
            <input id="agenda-title" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
            <button type="submit">{tr(T::AddAgendaItem)}</button>
        </form>
    }
}

#[component]
fn DelegationsPanel() -> impl IntoView {
    let app = app();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(DelegationKind::Member);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(sid) = session_id() else { return };
        let body = NewDelegation {
            name: name.get_untracked(),
            kind: kind.get_untracked(),
        };
        spawn_local(async move {
            match net::post::<_, Delegation>(
                &format!("/api/sessions/{sid}/delegations"),
                Some(&token()),
                &body,
            )
            .await
            {
                Ok(_) => {
                    name.set(String::new());
                    super::refresh_info().await;
                }
                Err(e) => failed(e),
            }
        });
    };
    let kinds = [
        DelegationKind::Member,
        DelegationKind::ObserverState,
        DelegationKind::Igo,
        DelegationKind::UnEntity,
        DelegationKind::Ngo,
    ];
    view! {
        <section class="card" aria-labelledby="delegations-title">
            <h2 id="delegations-title">{tr(T::Delegations)}</h2>
            <p>{move || app.info.with(|i| i.as_ref().map(|i| i.delegations.len())).unwrap_or(0)}" · "{tr(T::Delegations)}</p>
            <form on:submit=add>
                <h3>{tr(T::NewDelegation)}</h3>
                <label for="delegation-name">{tr(T::Name)}</label>
                <input id="delegation-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <label for="delegation-kind">{tr(T::Kind)}</label>
                <select id="delegation-kind" on:change=move |ev| {
                    if let Some(k) = DelegationKind::parse(&event_target_value(&ev)) { kind.set(k) }
                }>
                    {kinds.into_iter().map(|k| view! { <option value=k.as_str()>{move || crate::state::delegation_kind_label(app.lang.get(), k)}</option> }).collect_view()}
                </select>
                <button type="submit">{tr(T::Create)}</button>
            </form>
        </section>
    }
}

#[component]
fn ParticipantsPanel() -> impl IntoView {
    let app = app();
    let people = RwSignal::new(Vec::<Participant>::new());
    let invitation = RwSignal::new(None::<String>);
    let reload = move || {
        let Some(sid) = session_id() else { return };
        spawn_local(async move {
            if let Ok(p) =
                net::get::<Vec<Participant>>(&format!("/api/sessions/{sid}/participants"), &token())
                    .await
            {
                people.set(p);
            }
        });
    };
    reload();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Delegate);
    let delegation = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(sid) = session_id() else { return };
        let body = NewParticipant {
            display_name: name.get_untracked(),
            role: role.get_untracked(),
            delegation_id: delegation
                .get_untracked()
                .parse::<i64>()
                .ok()
                .map(DelegationId),
        };
        spawn_local(async move {
            match net::post::<_, Participant>(
                &format!("/api/sessions/{sid}/participants"),
                Some(&token()),
                &body,
            )
            .await
            {
                Ok(_) => {
                    name.set(String::new());
                    reload();
                }
                Err(e) => failed(e),
            }
        });
    };
    let invite = move |p: Participant| {
        spawn_local(async move {
            let body = NewInvitation {
                meeting_id: None,
                valid_for_hours: None,
            };
            match net::post::<_, Invitation>(
                &format!("/api/participants/{}/invitations", p.id),
                Some(&token()),
                &body,
            )
            .await
            {
                Ok(inv) => {
                    let origin = web_sys::window()
                        .and_then(|w| w.location().origin().ok())
                        .unwrap_or_default();
                    let link = format!("{origin}/join/{}", inv.code);
                    invitation.set(Some(
                        app.lang
                            .get_untracked()
                            .fill(T::InvitationFor, &[&p.display_name, &inv.code, &link]),
                    ));
                }
                Err(e) => failed(e),
            }
        });
    };
    let roles = [
        Role::Delegate,
        Role::Chair,
        Role::Interpreter,
        Role::Room,
        Role::Viewer,
        Role::Secretariat,
    ];
    view! {
        <section class="card" aria-labelledby="participants-title">
            <h2 id="participants-title">{tr(T::Participants)}</h2>
            <p id="invitation" role="status" aria-live="polite" class="invitation">{move || invitation.get()}</p>
            <ul class="participants">
                {move || people.get().into_iter().map(|p| {
                    let lang = app.lang.get();
                    let label = format!("{} ({})", p.display_name, role_label(lang, p.role));
                    let p2 = p.clone();
                    view! { <li>{label.clone()}" "
                        <button type="button" data-action="invite" aria-label=format!("{} {}", lang.t(T::Invite), p.display_name)
                            on:click=move |_| invite(p2.clone())>{tr(T::Invite)}</button>
                    </li> }
                }).collect_view()}
            </ul>
            <form on:submit=add>
                <h3>{tr(T::NewParticipant)}</h3>
                <label for="participant-name">{tr(T::Name)}</label>
                <input id="participant-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <label for="participant-role">{tr(T::Role)}</label>
                <select id="participant-role" on:change=move |ev| { if let Some(r) = Role::parse(&event_target_value(&ev)) { role.set(r) } }>
                    {roles.into_iter().map(|r| view! { <option value=r.as_str()>{move || role_label(app.lang.get(), r)}</option> }).collect_view()}
                </select>
                <label for="participant-delegation">{tr(T::Delegation)}</label>
                <select id="participant-delegation" on:change=move |ev| delegation.set(event_target_value(&ev))>
                    <option value="">{tr(T::NoDelegation)}</option>
                    {move || app.info.with(|i| i.as_ref().map(|i| i.delegations.clone()).unwrap_or_default()).into_iter().map(|d| {
                        view! { <option value=d.id.to_string()>{d.name.clone()}</option> }
                    }).collect_view()}
                </select>
                <button type="submit">{tr(T::Create)}</button>
            </form>
        </section>
    }
}
