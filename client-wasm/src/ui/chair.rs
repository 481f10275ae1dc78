//! The chair's screen: run the floor, the list, the agenda; rule on points of order;
//! attendance and quorum; who is talking. The secretariat uses it too.

use super::common::*;
use super::tr;
use crate::conn::command;
use crate::i18n::T;
use crate::state::{app, kind_label};
use floor_protocol::command::Capacity;
use floor_protocol::meeting::{ListStatus, MeetingStatus};
use floor_protocol::*;
use leptos::prelude::*;

#[component]
pub fn ChairView() -> impl IntoView {
    // Whether a point of order or motion sounds a tone (the chair's choice, off at first).
    let sound = RwSignal::new(false);
    view! {
        <div class="screen chair">
            // What the chair acts on, always in view however long the list grows.
            <div class="chair-bar" id="chair-bar">
                <InterventionBanner sound=sound/>
                <div class="chair-bar-controls">
                    <MeetingControls/>
                    <FloorControls/>
                    <ListControls/>
                    <SoundSignal sound=sound/>
                </div>
            </div>
            <div class="columns">
                <div class="column">
                    <CurrentItem/>
                    <FloorPanel/>
                    <Rulings/>
                    <SpeakersList chair=true/>
                </div>
                <div class="column">
                    <super::votes::ChairDecisions/>
                    <InscribeByName/>
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
    let current = move || {
        app.state.with(|s| {
            s.as_ref()
                .and_then(|s| s.current_item.and_then(|i| s.item(i)))
                .map(|i| (i.id, i.rules.clone()))
        })
    };
    // A high-level segment orders the item's statements by rank; the engine moves them.
    let toggle_high_level = move |ev: leptos::ev::Event| {
        if let Some((item, rules)) = current() {
            let rules = ItemRules {
                order_by_rank: event_target_checked(&ev),
                ..rules
            };
            command(Command::SetItemRules { item, rules }, T::CmdSetItemRules);
        }
    };
    view! {
        <section class="controls list-controls" aria-label=tr(T::SpeakersList)>
            <Show when=move || current().is_some()>
                <label class="check">
                    <input type="checkbox" data-action="high-level" on:change=toggle_high_level
                        prop:checked=move || current().is_some_and(|(_, r)| r.order_by_rank)/>
                    {tr(T::HighLevelSegment)}
                </label>
            </Show>
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

/// A point of order or motion waiting, announced where the chair is looking: a banner in
/// the bar that stays on screen, the page's title (seen from another tab), and, if the
/// chair turned it on, a short tone.
#[component]
fn InterventionBanner(sound: RwSignal<bool>) -> impl IntoView {
    let app = app();
    let first = move || {
        app.state
            .with(|s| s.as_ref().and_then(|s| s.interventions.first().cloned()))
    };
    let waiting = move || {
        app.state
            .with(|s| s.as_ref().map_or(0, |s| s.interventions.len()))
    };
    // The title and the tone follow the number waiting: a new one rings once.
    let heard = StoredValue::new(0usize);
    Effect::new(move |_| {
        let n = waiting();
        let title = match first() {
            Some(e) => format!(
                "({n}) {} — {} · {}",
                kind_label(app.lang.get(), &e.kind),
                app.name_of(e.delegation),
                app.t(T::AppName)
            ),
            None => app.t(T::AppName).to_string(),
        };
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(&title);
        }
        if n > heard.get_value() && sound.get_untracked() {
            crate::media::chime();
        }
        heard.set_value(n);
    });
    view! {
        <Show when=move || first().is_some()>
            <div class="intervention-banner" id="intervention-banner" role="alert">
                {move || first().map(|e| view! {
                    <strong>{kind_label(app.lang.get(), &e.kind)}</strong>
                    " — "{app.name_of(e.delegation)}" · "{tr(T::RequestsFloorNow)}
                    <button type="button" class="primary" data-action="give-floor-now"
                        on:click=move |_| command(Command::GiveFloor { entry: e.id }, T::GiveFloor)>{tr(T::GiveFloor)}</button>
                })}
            </div>
        </Show>
    }
}

/// The chair's switch for the tone of [`InterventionBanner`].
#[component]
fn SoundSignal(sound: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="sound-alerts">
            <input type="checkbox" data-action="sound-alerts" prop:checked=move || sound.get()
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    // Browsers let a page sound only after a gesture: this one.
                    if on { crate::media::chime(); }
                    sound.set(on);
                }/>
            {tr(T::SoundAlerts)}
        </label>
    }
}

/// Inscribe a delegation by typing part of its name (150 and more delegations do not fit a
/// drop-down); the page only matches the name, the server decides whether it may speak.
#[component]
fn InscribeByName() -> impl IntoView {
    let app = app();
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let inscribe = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = typed.get_untracked().trim().to_string();
        let lang = app.lang.get_untracked();
        if name.is_empty() {
            problem.set(Some(lang.t(T::ChooseDelegation).to_string()));
            return;
        }
        let found = app.info.with_untracked(|i| {
            i.as_ref().and_then(|i| {
                i.delegations
                    .iter()
                    .find(|d| d.name.eq_ignore_ascii_case(&name))
                    .map(|d| d.id)
            })
        });
        match found {
            Some(delegation) => {
                problem.set(None);
                typed.set(String::new());
                command(
                    Command::InscribeSpeaker {
                        delegation,
                        item: None,
                        capacity: Capacity::National,
                        allow_additional: false,
                    },
                    T::Inscribe,
                );
            }
            None => problem.set(Some(lang.fill(T::NoSuchDelegation, &[&name]))),
        }
    };
    view! {
        <form class="card inscribe-by-name" on:submit=inscribe aria-labelledby="inscribe-by-name-title">
            <h2 id="inscribe-by-name-title">{tr(T::InscribeDelegation)}</h2>
            <label for="inscribe-name">{tr(T::Delegation)}</label>
            <input id="inscribe-name" list="delegation-names" autocomplete="off"
                aria-invalid=move || problem.with(|p| p.is_some()).to_string()
                aria-describedby="inscribe-name-problem"
                prop:value=move || typed.get()
                on:input=move |ev| { typed.set(event_target_value(&ev)); problem.set(None); }/>
            <datalist id="delegation-names">
                {move || app.info.with(|i| i.as_ref().map(|i| i.delegations.clone()).unwrap_or_default()).into_iter().map(|d| {
                    view! { <option value=d.name.clone()></option> }
                }).collect_view()}
            </datalist>
            <p class="field-problem" id="inscribe-name-problem" aria-live="polite">{move || problem.get()}</p>
            <button type="submit" data-action="inscribe-by-name">{tr(T::Inscribe)}</button>
        </form>
    }
}
