//! The chair's screen: run the floor, the list, the agenda; rule on points of order;
//! attendance and quorum; who is talking. The secretariat uses it too.

use super::common::*;
use super::tr;
use crate::conn::command;
use crate::i18n::T;
use crate::state::{app, kind_label};
use floor_protocol::meeting::{ListStatus, MeetingStatus};
use floor_protocol::*;
use leptos::prelude::*;

#[component]
pub fn ChairView() -> impl IntoView {
    view! {
        <div class="screen chair">
            <div class="columns">
                <div class="column">
                    <MeetingControls/>
                    <CurrentItem/>
                    <FloorPanel/>
                    <FloorControls/>
                    <Rulings/>
                    <SpeakersList chair=true/>
                    <ListControls/>
                    <super::votes::ChairDecisions/>
                </div>
                <div class="column">
                    <SpeakerVideo/>
                    <Levels/>
                    <Quorum/>
                    <AgendaList/>
                    <ListeningPicker/>
                </div>
            </div>
        </div>
    }
}

fn status() -> Option<MeetingStatus> {
    app().state.with(|s| s.as_ref().map(|s| s.status))
}

#[component]
fn MeetingControls() -> impl IntoView {
    view! {
        <section class="controls meeting-controls" aria-label=tr(T::RunMeeting)>
            {move || match status() {
                Some(MeetingStatus::Scheduled) => view! {
                    <button type="button" class="primary" data-action="open-meeting-now" on:click=move |_| command(Command::OpenMeeting, T::OpenMeeting)>{tr(T::OpenMeeting)}</button>
                }.into_any(),
                Some(MeetingStatus::Open) => view! {
                    <button type="button" data-action="suspend" on:click=move |_| command(Command::SuspendMeeting, T::SuspendMeeting)>{tr(T::SuspendMeeting)}</button>
                    <button type="button" data-action="close-meeting" on:click=move |_| command(Command::CloseMeeting, T::CloseMeeting)>{tr(T::CloseMeeting)}</button>
                }.into_any(),
                Some(MeetingStatus::Suspended) => view! {
                    <button type="button" class="primary" data-action="resume-meeting" on:click=move |_| command(Command::ResumeMeeting, T::ResumeMeeting)>{tr(T::ResumeMeeting)}</button>
                    <button type="button" data-action="close-meeting" on:click=move |_| command(Command::CloseMeeting, T::CloseMeeting)>{tr(T::CloseMeeting)}</button>
                }.into_any(),
                _ => ().into_any(),
            }}
        </section>
    }
}

#[component]
fn FloorControls() -> impl IntoView {
    let app = app();
    let has_floor = move || {
        app.state
            .with(|s| s.as_ref().is_some_and(|s| s.floor.is_some()))
    };
    let paused = move || {
        app.state.with(|s| {
            s.as_ref()
                .and_then(|s| s.floor.as_ref())
                .is_some_and(|f| f.paused_at.is_some())
        })
    };
    view! {
        <section class="controls floor-controls" aria-label=tr(T::TheFloor)>
            <button type="button" class="primary" data-action="next-speaker" on:click=move |_| command(Command::NextSpeaker, T::NextSpeaker)>{tr(T::NextSpeaker)}</button>
            <button type="button" data-action="pause" disabled=move || !has_floor() || paused() on:click=move |_| command(Command::PauseSpeech, T::Pause)>{tr(T::Pause)}</button>
            <button type="button" data-action="resume" disabled=move || !paused() on:click=move |_| command(Command::ResumeSpeech, T::Resume)>{tr(T::Resume)}</button>
            <button type="button" data-action="end-speech" disabled=move || !has_floor() on:click=move |_| command(Command::EndSpeech, T::EndSpeech)>{tr(T::EndSpeech)}</button>
        </section>
    }
}

#[component]
fn Rulings() -> impl IntoView {
    let app = app();
    let waiting = move || {
        app.state.with(|s| {
            s.as_ref()
                .map(|s| s.awaiting_ruling.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <Show when=move || !waiting().is_empty()>
            <section class="rulings" aria-labelledby="rulings-title">
                <h2 id="rulings-title">{tr(T::AwaitingRuling)}</h2>
                <ul>
                    {move || waiting().into_iter().map(|e| {
                        let id = e.id;
                        let name = app.name_of(e.delegation);
                        let kind = kind_label(app.lang.get(), &e.kind);
                        // The chair's ruling, in words, goes into the record with the decision.
                        let ruling = RwSignal::new(String::new());
                        let field = format!("ruling-{id}");
                        let rule = move |upheld: bool, label: T| {
                            command(Command::Rule { entry: id, upheld, ruling: ruling.get_untracked() }, label)
                        };
                        view! { <li data-entry=id.to_string()>
                            <span>{app.lang.get().fill(T::RuleOn, &[&name])}" ("{kind}")"</span>
                            <label for=field.clone()>{tr(T::FieldRuling)}</label>
                            <input id=field type="text" data-field="ruling" maxlength="2000"
                                prop:value=move || ruling.get() on:input=move |ev| ruling.set(event_target_value(&ev))/>
                            <button type="button" data-action="uphold" on:click=move |_| rule(true, T::Uphold)>{tr(T::Uphold)}</button>
                            <button type="button" data-action="reject" on:click=move |_| rule(false, T::RejectRuling)>{tr(T::RejectRuling)}</button>
                        </li> }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn ListControls() -> impl IntoView {
    let app = app();
    let list = move || {
        app.state.with(|s| {
            s.as_ref()
                .and_then(|s| s.current_item.and_then(|i| s.item(i)))
                .map(|i| i.list_status)
        })
    };
    view! {
        <section class="controls list-controls" aria-label=tr(T::SpeakersList)>
            {move || match list() {
                Some(ListStatus::Open) => view! {
                    <button type="button" data-action="announce-closing" on:click=move |_| command(Command::AnnounceListClosing { item: None }, T::AnnounceClosing)>{tr(T::AnnounceClosing)}</button>
                    <button type="button" data-action="close-list" on:click=move |_| command(Command::CloseList { item: None }, T::CloseList)>{tr(T::CloseList)}</button>
                }.into_any(),
                Some(ListStatus::ClosingAnnounced) => view! {
                    <button type="button" data-action="close-list" on:click=move |_| command(Command::CloseList { item: None }, T::CloseList)>{tr(T::CloseList)}</button>
                    <button type="button" data-action="reopen-list" on:click=move |_| command(Command::ReopenList { item: None }, T::ReopenList)>{tr(T::ReopenList)}</button>
                }.into_any(),
                Some(ListStatus::Closed) => view! {
                    <button type="button" data-action="reopen-list" on:click=move |_| command(Command::ReopenList { item: None }, T::ReopenList)>{tr(T::ReopenList)}</button>
                }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}

#[component]
fn AgendaList() -> impl IntoView {
    let app = app();
    view! {
        <section class="agenda" aria-labelledby="agenda-title">
            <h2 id="agenda-title">{tr(T::Agenda)}</h2>
            <ol>
                {move || app.state.with(|s| s.as_ref().map(|s| (s.agenda.clone(), s.current_item)).unwrap_or_default()).0.into_iter().map(|item| {
                    let id = item.id;
                    let current = app.state.with(|s| s.as_ref().and_then(|s| s.current_item)) == Some(id);
                    view! { <li class:current=current class:sub=item.parent.is_some() aria-current=if current { Some("true") } else { None }>
                        <span class="item-number">{item.number.clone()}</span>" "{item.title.clone()}
                        <Show when=move || !current>
                            <button type="button" data-action="take-up" aria-label=format!("{} {}", app.t(T::TakeUp), item.number)
                                on:click=move |_| command(Command::TakeUpItem { item: id }, T::TakeUp)>{tr(T::TakeUp)}</button>
                        </Show>
                    </li> }
                }).collect_view()}
            </ol>
        </section>
    }
}
