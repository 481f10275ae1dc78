//! Participants: the list, a new participant, an invitation (code and link, each with a
//! copy button) and revocation (every token of the participant stops at once).

use super::{console, refusal, token, FieldError};
use crate::i18n::T;
use crate::net;
use crate::state::{app, role_label};
use crate::ui::tr;
use floor_protocol::api::*;
use floor_protocol::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The invitation just made: for whom, the code, the link.
#[derive(Clone, PartialEq)]
struct Shown {
    participant: ParticipantId,
    name: String,
    code: String,
    link: String,
}

/// Put `text` on the clipboard; say so (or that it could not) in `status`.
fn copy(text: String, status: RwSignal<Option<String>>) {
    let app = app();
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    spawn_local(async move {
        let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        status.set(Some(
            app.t(if done {
                T::ConsoleCopied
            } else {
                T::ConsoleNotCopied
            })
            .to_string(),
        ));
    });
}

#[component]
pub fn ParticipantsPanel() -> impl IntoView {
    let app = app();
    let console = console();
    let shown = RwSignal::new(None::<Shown>);
    let copied = RwSignal::new(None::<String>);
    let row_error = RwSignal::new(None::<(ParticipantId, String)>);
    let confirming = RwSignal::new(None::<ParticipantId>);
    let revoked = RwSignal::new(Vec::<ParticipantId>::new());

    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Delegate);
    let delegation = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(sid) = console.session.get_untracked() else {
            return;
        };
        let lang = app.lang.get_untracked();
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
                    error.set(None);
                    console.reload_roster();
                }
                Err(e) => error.set(Some(refusal(lang, &e))),
            }
        });
    };
    let invite = move |p: Participant| {
        let lang = app.lang.get_untracked();
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
                    row_error.set(None);
                    copied.set(None);
                    revoked.update(|r| r.retain(|x| *x != p.id));
                    shown.set(Some(Shown {
                        participant: p.id,
                        name: p.display_name.clone(),
                        link: format!("{origin}/join/{}", inv.code),
                        code: inv.code,
                    }));
                }
                Err(e) => row_error.set(Some((p.id, refusal(lang, &e)))),
            }
        });
    };
    let revoke = move |p: Participant| {
        let lang = app.lang.get_untracked();
        spawn_local(async move {
            let answer =
                net::post_empty(&format!("/api/participants/{}/revoke", p.id), &token()).await;
            confirming.set(None);
            match answer {
                Ok(()) => {
                    row_error.set(None);
                    revoked.update(|r| r.push(p.id));
                    if shown.with_untracked(|s| s.as_ref().is_some_and(|s| s.participant == p.id)) {
                        shown.set(None);
                    }
                }
                Err(e) => row_error.set(Some((p.id, refusal(lang, &e)))),
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
        <section class="card" id="console-participants" aria-labelledby="participants-title">
            <h2 id="participants-title">{tr(T::Participants)}</h2>
            <div id="invitation" role="status" aria-live="polite" class="invitation">
                {move || shown.get().map(|s| {
                    let (code, link) = (s.code.clone(), s.link.clone());
                    view! {
                        <p>{move || app.lang.get().fill(T::InvitationFor, &[&s.name, &s.code, &s.link])}</p>
                        <p class="copy">
                            <button type="button" data-action="copy-code" on:click=move |_| copy(code.clone(), copied)>{tr(T::ConsoleCopyCode)}</button>
                            <button type="button" data-action="copy-link" on:click=move |_| copy(link.clone(), copied)>{tr(T::ConsoleCopyLink)}</button>
                            <span class="copied">{move || copied.get()}</span>
                        </p>
                    }
                })}
            </div>
            <ul class="participants">
                {move || console.participants.get().into_iter().map(|p| {
                    let lang = app.lang.get();
                    let id = p.id;
                    let label = format!("{} ({})", p.display_name, role_label(lang, p.role));
                    let of = p.delegation_id.map(|d| console.delegation_name(d));
                    let (p2, p3) = (p.clone(), p.clone());
                    let name = p.display_name.clone();
                    let name2 = name.clone();
                    view! { <li data-participant=id.to_string()>
                        <span class="name">{label}</span>
                        {of.map(|d| view! { " — "<span class="of">{d}</span> })}" "
                        <Show when=move || revoked.with(|r| r.contains(&id))>
                            <strong class="revoked">{tr(T::ConsoleRevoked)}</strong>" "
                        </Show>
                        <button type="button" data-action="invite" aria-label=format!("{} {}", lang.t(T::Invite), name)
                            on:click=move |_| invite(p2.clone())>{tr(T::Invite)}</button>
                        <Show when=move || confirming.get() == Some(id) fallback=move || view! {
                            <button type="button" data-action="revoke" on:click=move |_| confirming.set(Some(id))>{tr(T::ConsoleRevoke)}</button>
                        }>
                            {
                                let p3 = p3.clone();
                                let name2 = name2.clone();
                                view! {
                                    <button type="button" class="danger" data-action="confirm-revoke"
                                        aria-label=move || format!("{} — {}", app.t(T::ConsoleConfirmRevoke), name2)
                                        on:click=move |_| revoke(p3.clone())>{tr(T::ConsoleConfirmRevoke)}</button>
                                    <button type="button" on:click=move |_| confirming.set(None)>{tr(T::ConsoleCancel)}</button>
                                }
                            }
                        </Show>
                        <Show when=move || row_error.with(|e| e.as_ref().is_some_and(|(p, _)| *p == id))>
                            <p class="field-error" role="alert">{move || row_error.with(|e| e.as_ref().map(|(_, t)| t.clone()))}</p>
                        </Show>
                    </li> }
                }).collect_view()}
            </ul>
            <form on:submit=add>
                <h3>{tr(T::NewParticipant)}</h3>
                <label for="participant-name">{tr(T::Name)}</label>
                <input id="participant-name" prop:value=move || name.get() aria-invalid=move || error.with(|e| e.is_some()).to_string()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                <label for="participant-role">{tr(T::Role)}</label>
                <select id="participant-role" on:change=move |ev| { if let Some(r) = Role::parse(&event_target_value(&ev)) { role.set(r) } }>
                    {roles.into_iter().map(|r| view! { <option value=r.as_str()>{move || role_label(app.lang.get(), r)}</option> }).collect_view()}
                </select>
                <label for="participant-delegation">{tr(T::Delegation)}</label>
                <select id="participant-delegation" on:change=move |ev| delegation.set(event_target_value(&ev))>
                    <option value="">{tr(T::NoDelegation)}</option>
                    {move || console.delegations.get().into_iter().map(|d| {
                        view! { <option value=d.id.to_string()>{d.name.clone()}</option> }
                    }).collect_view()}
                </select>
                <FieldError id="participant-error" error=error/>
                <button type="submit">{tr(T::Create)}</button>
            </form>
        </section>
    }
}
