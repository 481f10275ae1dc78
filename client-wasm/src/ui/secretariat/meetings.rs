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

/// The agenda of the meeting followed, items with their sub-items, and a form to add one.
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
    view! {
        <section class="card" id="console-agenda" aria-labelledby="agenda-form-title">
            <h2 id="agenda-form-title">{tr(T::Agenda)}</h2>
            <ol class="agenda" id="agenda">
                {move || {
                    let all = items();
                    all.iter().filter(|i| i.3.is_none()).map(|(id, n, t, _)| {
                        let subs: Vec<_> = all.iter().filter(|s| s.3 == Some(*id)).cloned().collect();
                        view! { <li data-item=id.to_string()>
                            <span class="item-number">{n.clone()}</span>" "{t.clone()}
                            {(!subs.is_empty()).then(|| view! {
                                <ol class="sub-items">
                                    {subs.into_iter().map(|(sid, sn, st, _)| view! {
                                        <li data-item=sid.to_string()><span class="item-number">{sn}</span>" "{st}</li>
                                    }).collect_view()}
                                </ol>
                            })}
                        </li> }
                    }).collect_view()
                }}
            </ol>
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
