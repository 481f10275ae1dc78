//! Meetings of the session: create one, open one; its agenda (items and sub-items, as
//! `add_agenda_item` allows).

use super::{console, meeting_command, refusal, token, FieldError};
use crate::i18n::T;
use crate::net;
use crate::state::{app, status_label};
use crate::ui::tr;
use floor_protocol::api::*;
use floor_protocol::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn format_label(format: MeetingFormat) -> T {
    match format {
        MeetingFormat::Hybrid => T::ConsoleFormatHybrid,
        MeetingFormat::InPerson => T::ConsoleFormatInPerson,
        MeetingFormat::Online => T::ConsoleFormatOnline,
        MeetingFormat::PodiumOnly => T::ConsoleFormatPodium,
    }
}

#[component]
pub fn MeetingsPanel() -> impl IntoView {
    let app = app();
    let console = console();
    let meetings = RwSignal::new(Vec::<Meeting>::new());
    let load = move || {
        let Some(sid) = console.session.get_untracked() else {
            return;
        };
        spawn_local(async move {
            if let Ok(m) =
                net::get::<Vec<Meeting>>(&format!("/api/sessions/{sid}/meetings"), &token()).await
            {
                meetings.set(m);
            }
        });
    };
    Effect::new(move |_| {
        console.session.track();
        load();
    });
    let title = RwSignal::new(String::new());
    let format = RwSignal::new(MeetingFormat::Hybrid);
    let error = RwSignal::new(None::<String>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(sid) = console.session.get_untracked() else {
            return;
        };
        let lang = app.lang.get_untracked();
        let body = NewMeeting {
            title: title.get_untracked(),
            format: format.get_untracked(),
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
                    error.set(None);
                    title.set(String::new());
                    meetings.update(|ms| ms.push(m.clone()));
                    app.meetings.update(|ms| ms.push(m.clone()));
                    crate::ui::open_meeting(m.id).await;
                }
                Err(e) => error.set(Some(refusal(lang, &e))),
            }
        });
    };
    let formats = [
        MeetingFormat::Hybrid,
        MeetingFormat::InPerson,
        MeetingFormat::Online,
        MeetingFormat::PodiumOnly,
    ];
    view! {
        <section class="card meetings-panel" id="console-meetings" aria-labelledby="meetings-title">
            <h2 id="meetings-title">{tr(T::Meetings)}</h2>
            <ul class="meetings">
                {move || meetings.get().into_iter().map(|m| {
                    let id = m.id;
                    let current = move || app.meeting_id() == Some(id);
                    view! { <li class:current=current>
                        <button type="button" data-action="open-meeting" data-meeting=id.to_string() aria-pressed=move || current().to_string()
                            on:click=move |_| spawn_local(crate::ui::open_meeting(id))>
                            {m.title.clone()}" · "{move || status_label(app.lang.get(), m.status)}
                        </button>
                    </li> }
                }).collect_view()}
            </ul>
            <form class="inline" on:submit=create>
                <h3>{tr(T::NewMeeting)}</h3>
                <label for="new-meeting-title">{tr(T::Title)}</label>
                <input id="new-meeting-title" prop:value=move || title.get() aria-invalid=move || error.with(|e| e.is_some()).to_string()
                    on:input=move |ev| title.set(event_target_value(&ev))/>
                <FieldError id="new-meeting-error" error=error/>
                <label for="new-meeting-format">{tr(T::ConsoleFormat)}</label>
                <select id="new-meeting-format" on:change=move |ev| {
                    if let Some(f) = MeetingFormat::parse(&event_target_value(&ev)) { format.set(f) }
                }>
                    {formats.into_iter().map(|f| view! { <option value=f.as_str()>{tr(format_label(f))}</option> }).collect_view()}
                </select>
                <button type="submit" data-action="create-meeting">{tr(T::Create)}</button>
            </form>
        </section>
    }
}

/// The agenda of the meeting followed: provisional until adopted; items with their
/// sub-items, each corrected or moved among its siblings; a form to add one; and, while it
/// is empty, continuing an earlier meeting of the session.
#[component]
pub fn AgendaPanel() -> impl IntoView {
    let app = app();
    let items = move || {
        app.state.with(|s| {
            s.as_ref()
                .map(|s| {
                    s.agenda
                        .iter()
                        .map(|i| (i.id, i.number.clone(), i.title.clone(), i.parent))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let adopted = move || {
        app.state
            .with(|s| s.as_ref().is_some_and(|s| s.agenda_adopted))
    };
    let number = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let parent = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = app.lang.get_untracked();
        let command = Command::AddAgendaItem {
            number: number.get_untracked(),
            title: title.get_untracked(),
            parent: parent.get_untracked().parse::<u32>().ok().map(AgendaItemId),
        };
        spawn_local(async move {
            match meeting_command(command).await {
                Ok(_) => {
                    error.set(None);
                    number.set(String::new());
                    title.set(String::new());
                }
                // What was typed stays, with the reason beside it.
                Err(e) => error.set(Some(refusal(lang, &e))),
            }
        });
    };
    // The refusal of anything else done to the agenda, shown under it.
    let action_error = RwSignal::new(None::<String>);
    let send = move |command: Command| {
        let lang = app.lang.get_untracked();
        spawn_local(async move {
            match meeting_command(command).await {
                Ok(_) => action_error.set(None),
                Err(e) => action_error.set(Some(refusal(lang, &e))),
            }
        });
    };
    // The item before which `item` is moved up, or after which it moves down, among its
    // siblings: `after` for `move_agenda_item`, or `None` to leave it where it is.
    let neighbour = move |item: AgendaItemId, up: bool| -> Option<Option<AgendaItemId>> {
        let all = items();
        let parent = all.iter().find(|i| i.0 == item)?.3;
        let siblings: Vec<AgendaItemId> =
            all.iter().filter(|i| i.3 == parent).map(|i| i.0).collect();
        let at = siblings.iter().position(|i| *i == item)?;
        if up {
            (at > 0).then(|| at.checked_sub(2).map(|b| siblings[b]))
        } else {
            siblings.get(at + 1).map(|next| Some(*next))
        }
    };
    let move_item = move |item: AgendaItemId, up: bool| {
        if let Some(after) = neighbour(item, up) {
            send(Command::MoveAgendaItem { item, after });
        }
    };
    let editing = RwSignal::new(None::<AgendaItemId>);
    let edit_number = RwSignal::new(String::new());
    let edit_title = RwSignal::new(String::new());
    let save = move |item: AgendaItemId| {
        let lang = app.lang.get_untracked();
        let command = Command::EditAgendaItem {
            item,
            number: edit_number.get_untracked(),
            title: edit_title.get_untracked(),
        };
        spawn_local(async move {
            match meeting_command(command).await {
                Ok(_) => {
                    action_error.set(None);
                    editing.set(None);
                }
                // What was typed stays, with the reason beside it.
                Err(e) => action_error.set(Some(refusal(lang, &e))),
            }
        });
    };
    let row = move |(id, n, t, _): (AgendaItemId, String, String, Option<AgendaItemId>)| {
        let (n2, t2) = (n.clone(), t.clone());
        let (up_label, down_label) = (n.clone(), n.clone());
        let number_field = format!("edit-number-{id}");
        let title_field = format!("edit-title-{id}");
        view! {
            <span class="item-number">{n}</span>" "<span class="item-title">{t}</span>
            <span class="item-controls">
                <button type="button" data-action="move-item-up" aria-label=move || format!("{} {}", app.t(T::MoveItemUp), up_label) on:click=move |_| move_item(id, true)>"↑"</button>
                <button type="button" data-action="move-item-down" aria-label=move || format!("{} {}", app.t(T::MoveItemDown), down_label) on:click=move |_| move_item(id, false)>"↓"</button>
                <button type="button" data-action="edit-item" on:click={
                    let (n, t) = (n2.clone(), t2.clone());
                    move |_| {
                        edit_number.set(n.clone());
                        edit_title.set(t.clone());
                        editing.set(Some(id));
                    }
                }>{tr(T::EditItem)}</button>
            </span>
            <Show when=move || editing.get() == Some(id)>
                <form class="inline edit-item" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save(id); }>
                    <label for=number_field.clone()>{tr(T::AgendaNumber)}</label>
                    <input id=number_field.clone() prop:value=move || edit_number.get() on:input=move |ev| edit_number.set(event_target_value(&ev))/>
                    <label for=title_field.clone()>{tr(T::Title)}</label>
                    <input id=title_field.clone() prop:value=move || edit_title.get() on:input=move |ev| edit_title.set(event_target_value(&ev))/>
                    <button type="submit" data-action="save-item">{tr(T::SaveItem)}</button>
                    <button type="button" data-action="cancel-edit" on:click=move |_| editing.set(None)>{tr(T::CancelEdit)}</button>
                </form>
            </Show>
        }
    };
    // The earlier meetings of the session this one may continue, while its agenda is empty.
    let earlier = move || {
        let here = app.meeting_id();
        let session = app.info.with(|i| i.as_ref().map(|i| i.meeting.session_id));
        app.meetings.with(|ms| {
            ms.iter()
                .filter(|m| Some(m.id) != here && Some(m.session_id) == session)
                .map(|m| (m.id, m.title.clone()))
                .collect::<Vec<_>>()
        })
    };
    let continues = move || {
        let from = app.state.with(|s| s.as_ref().and_then(|s| s.continues))?;
        let title = app
            .meetings
            .with(|ms| ms.iter().find(|m| m.id == from).map(|m| m.title.clone()));
        Some(title.unwrap_or_else(|| from.to_string()))
    };
    let chosen = RwSignal::new(String::new());
    let continue_from = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let picked = chosen
            .get_untracked()
            .parse::<i64>()
            .ok()
            .or_else(|| earlier().last().map(|m| m.0 .0));
        if let Some(m) = picked {
            send(Command::ContinueFrom {
                meeting: MeetingId(m),
            });
        }
    };
    view! {
        <section class="card" id="console-agenda" aria-labelledby="agenda-form-title" data-adopted=move || adopted().to_string()>
            <h2 id="agenda-form-title">{move || app.t(if adopted() { T::AgendaAdoptedLabel } else { T::AgendaProvisional })}</h2>
            {move || continues().map(|t| view! { <p class="continues" id="agenda-continues">{move || app.lang.get().fill(T::ContinuesMeeting, &[&t])}</p> })}
            <ol class="agenda" id="agenda">
                {move || {
                    let all = items();
                    all.iter().filter(|i| i.3.is_none()).cloned().map(|main| {
                        let id = main.0;
                        let subs: Vec<_> = all.iter().filter(|s| s.3 == Some(id)).cloned().collect();
                        view! { <li data-item=id.to_string()>
                            {row(main)}
                            {(!subs.is_empty()).then(|| view! {
                                <ol class="sub-items">
                                    {subs.into_iter().map(|sub| {
                                        let sid = sub.0;
                                        view! { <li data-item=sid.to_string()>{row(sub)}</li> }
                                    }).collect_view()}
                                </ol>
                            })}
                        </li> }
                    }).collect_view()
                }}
            </ol>
            <FieldError id="agenda-action-error" error=action_error/>
            <Show when=move || !adopted() && !items().is_empty()>
                <button type="button" class="primary" data-action="adopt-agenda" on:click=move |_| send(Command::AdoptAgenda)>{tr(T::AdoptAgenda)}</button>
            </Show>
            <Show when=move || items().is_empty() && !earlier().is_empty()>
                <form class="inline" id="continue-from" on:submit=continue_from>
                    <label for="continue-meeting">{tr(T::ContinueFromLabel)}</label>
                    <select id="continue-meeting" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {move || {
                            let all = earlier();
                            let last = all.last().map(|m| m.0);
                            all.into_iter().map(|(id, title)| view! {
                                <option value=id.to_string() selected=Some(id) == last>{title}</option>
                            }).collect_view()
                        }}
                    </select>
                    <button type="submit" data-action="continue-from">{tr(T::ContinueFromButton)}</button>
                </form>
            </Show>
            <form on:submit=add>
                <h3>{tr(T::AddAgendaItem)}</h3>
                <label for="agenda-number">{tr(T::AgendaNumber)}</label>
                <input id="agenda-number" prop:value=move || number.get() aria-invalid=move || error.with(|e| e.is_some()).to_string()
                    on:input=move |ev| number.set(event_target_value(&ev))/>
                <label for="agenda-title">{tr(T::Title)}</label>
                <input id="agenda-title" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
                <label for="agenda-parent">{tr(T::ConsoleSubItemOf)}</label>
                <select id="agenda-parent" on:change=move |ev| parent.set(event_target_value(&ev))>
                    <option value="">{tr(T::ConsoleNoParent)}</option>
                    {move || items().into_iter().filter(|i| i.3.is_none()).map(|(id, n, t, _)| {
                        view! { <option value=id.to_string()>{format!("{n} {t}")}</option> }
                    }).collect_view()}
                </select>
                <FieldError id="agenda-error" error=error/>
                <button type="submit" data-action="add-agenda-item">{tr(T::AddAgendaItem)}</button>
            </form>
        </section>
    }
}
