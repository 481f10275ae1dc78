//! The roster: every delegation of the session with its kind; add one, correct one.

use super::{console, refusal, token, FieldError};
use crate::i18n::T;
use crate::net;
use crate::state::{app, delegation_kind_label};
use crate::ui::tr;
use floor_protocol::api::*;
use floor_protocol::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn kind_select(id: String, kind: RwSignal<DelegationKind>) -> impl IntoView {
    let app = app();
    view! {
        <select id=id on:change=move |ev| {
            if let Some(k) = DelegationKind::parse(&event_target_value(&ev)) { kind.set(k) }
        }>
            {DelegationKind::ALL.into_iter().map(|k| view! {
                <option value=k.as_str() selected=move || kind.get() == k>{move || delegation_kind_label(app.lang.get(), k)}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
pub fn DelegationsPanel() -> impl IntoView {
    let app = app();
    let console = console();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(DelegationKind::Member);
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(sid) = console.session.get_untracked() else {
            return;
        };
        let lang = app.lang.get_untracked();
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
                    error.set(None);
                    console.reload_roster();
                }
                Err(e) => error.set(Some(refusal(lang, &e))),
            }
        });
    };
    view! {
        <section class="card" id="console-delegations" aria-labelledby="delegations-title">
            <h2 id="delegations-title">{tr(T::Delegations)}</h2>
            <p class="count">{move || app.lang.get().fill(T::ConsoleDelegationCount, &[&console.delegations.with(|d| d.len()).to_string()])}</p>
            <ul class="roster" id="roster">
                <For each=move || console.delegations.get() key=|d| (d.id, d.name.clone(), d.kind) let:d>
                    <DelegationRow delegation=d/>
                </For>
            </ul>
            <form on:submit=add>
                <h3>{tr(T::NewDelegation)}</h3>
                <label for="delegation-name">{tr(T::Name)}</label>
                <input id="delegation-name" prop:value=move || name.get() aria-invalid=move || error.with(|e| e.is_some()).to_string()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                <FieldError id="delegation-name-error" error=error/>
                <label for="delegation-kind">{tr(T::Kind)}</label>
                {kind_select("delegation-kind".into(), kind)}
                <button type="submit">{tr(T::Create)}</button>
            </form>
        </section>
    }
}

/// One delegation; "Edit" turns the row into a small form.
#[component]
fn DelegationRow(delegation: Delegation) -> impl IntoView {
    let app = app();
    let console = console();
    let id = delegation.id;
    let editing = RwSignal::new(false);
    let name = RwSignal::new(delegation.name.clone());
    let kind = RwSignal::new(delegation.kind);
    let error = RwSignal::new(None::<String>);
    let shown = delegation.name.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = app.lang.get_untracked();
        let body = NewDelegation {
            name: name.get_untracked(),
            kind: kind.get_untracked(),
        };
        spawn_local(async move {
            match net::put_json::<_, Delegation>(
                &format!("/api/delegations/{id}"),
                Some(&token()),
                &body,
            )
            .await
            {
                Ok(_) => {
                    error.set(None);
                    editing.set(false);
                    console.reload_roster();
                }
                Err(e) => error.set(Some(refusal(lang, &e))),
            }
        });
    };
    let field = format!("delegation-{id}-name");
    let kind_field = format!("delegation-{id}-kind");
    view! {
        <li data-delegation=id.to_string()>
            <Show when=move || editing.get() fallback=move || {
                let shown = shown.clone();
                view! {
                    <span class="name">{shown.clone()}</span>" — "
                    <span class="kind">{move || delegation_kind_label(app.lang.get(), delegation.kind)}</span>" "
                    <button type="button" data-action="edit-delegation" aria-label=move || format!("{} — {}", app.t(T::ConsoleEdit), shown)
                        on:click=move |_| editing.set(true)>{tr(T::ConsoleEdit)}</button>
                }
            }>
                <form class="inline" on:submit=save>
                    <label for=field.clone()>{tr(T::Name)}</label>
                    <input id=field.clone() prop:value=move || name.get() aria-invalid=move || error.with(|e| e.is_some()).to_string()
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                    <label for=kind_field.clone()>{tr(T::Kind)}</label>
                    {kind_select(kind_field.clone(), kind)}
                    <button type="submit" data-action="save-delegation">{tr(T::ConsoleSave)}</button>
                    <button type="button" on:click=move |_| { error.set(None); editing.set(false) }>{tr(T::ConsoleCancel)}</button>
                    <Show when=move || error.with(|e| e.is_some())>
                        <p class="field-error" role="alert">{move || error.get()}</p>
                    </Show>
                </form>
            </Show>
        </li>
    }
}
