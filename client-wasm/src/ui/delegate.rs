//! The delegate's screen: the item, the floor and the list; ask for the floor, raise a
//! point of order, ask for a right of reply; attendance; listening; documents.

use super::common::*;
use super::tr;
use super::votes::MotionPicker;
use crate::conn::command;
use crate::i18n::T;
use crate::state::{app, holds_floor, place_of};
use floor_protocol::command::Capacity;
use floor_protocol::*;
use leptos::prelude::*;

#[component]
pub fn DelegateView() -> impl IntoView {
    let app = app();
    let mine = app.my_delegation();
    let holds = move || {
        app.state
            .with(|s| s.as_ref().is_some_and(|s| holds_floor(s, mine)))
    };
    // Whether this device's microphone is the one the floor hears (the protocol's rule, as
    // the SFU applies it).
    let heard = move || {
        app.state
            .with(|s| s.as_ref().is_some_and(|s| app.publishes(s).0))
    };

    let remote_floor = move || {
        app.state.with(|s| {
            s.as_ref()
                .and_then(|s| s.floor.as_ref())
                .is_some_and(|f| f.attendance != Some(AttendanceMode::InPerson))
        })
    };
    let my_mode = move || {
        let me = app.my_participant();
        app.state.with(|s| {
            s.as_ref().and_then(|s| {
                s.attendance
                    .iter()
                    .find(|a| Some(a.participant) == me)
                    .map(|a| a.mode)
            })
        })
    };
    let check_in = move |mode: AttendanceMode| command(Command::CheckIn { mode }, T::CheckIn);
    view! {
        <div class="screen delegate">
            <p class="delegation">{move || app.lang.get().fill(T::YourDelegation, &[&mine.map(|d| app.name_of(d)).unwrap_or_default()])}</p>
            <Show when=holds>
                <p class="you-have-floor" id="you-have-floor" role="alert">{tr(T::YouHaveTheFloor)}</p>
            </Show>
            <p id="my-media" data-live=move || heard().to_string() class:live=heard>
                {move || app.t(if heard() { T::MicLive } else { T::MicOff })}
            </p>
            // Several of the delegation's people follow remotely: the floor is heard through
            // one microphone, which any of them may take.
            <Show when=move || holds() && !heard() && remote_floor()>
                <p class="colleague-speaks" id="colleague-speaks">{tr(T::ColleagueSpeaks)}</p>
                <button type="button" data-action="take-floor-microphone"
                    on:click=move |_| if let Some(me) = app.my_participant() {
                        command(Command::PassFloorMicrophone { participant: me }, T::CmdPassFloorMicrophone)
                    }>{tr(T::TakeFloorMicrophone)}</button>
            </Show>
            <div class="columns">
                <div class="column">
                    <super::votes::VotingPanel/>
                    <CurrentItem/>
                    <FloorPanel/>
                    <section class="ask" aria-label=tr(T::AskFloor)>
                        <button type="button" class="primary" data-action="request-floor"
                            on:click=move |_| command(Command::RequestFloor { item: None, capacity: Capacity::National }, T::AskFloor)>{tr(T::AskFloor)}</button>
                        <button type="button" data-action="point-of-order"
                            on:click=move |_| command(Command::RaisePointOfOrder { about_voting: false }, T::RaisePointOfOrder)>{tr(T::RaisePointOfOrder)}</button>
                        <button type="button" data-action="right-of-reply"
                            on:click=move |_| command(Command::RequestRightOfReply { item: None }, T::AskReply)>{tr(T::AskReply)}</button>
                        // A procedural motion, raised like a point of order, ahead of the list.
                        <MotionPicker field="motion-kind" action="move-motion"
                            on_move=Callback::new(|motion| command(Command::RaiseMotion { motion }, T::CmdRaiseMotion))/>
                    </section>
                    <MyPlace/>
                    <SpeakersList chair=false/>
                </div>
                <div class="column">
                    <SpeakerVideo/>
                    <SelfCheckPanel/>
                    <ListeningPicker/>
                    <section class="check-in" aria-labelledby="check-in-title">
                        <h2 id="check-in-title">{tr(T::CheckIn)}</h2>
                        <p>{move || match my_mode() {
                            None => app.t(T::NotCheckedIn).to_string(),
                            Some(m) => app.lang.get().fill(T::YouAttend, &[app.t(match m {
                                AttendanceMode::InPerson => T::InPerson,
                                AttendanceMode::Remote => T::Remote,
                            })]),
                        }}</p>
                        <button type="button" data-action="check-in-person" aria-pressed=move || (my_mode() == Some(AttendanceMode::InPerson)).to_string()
                            on:click=move |_| check_in(AttendanceMode::InPerson)>{tr(T::InPerson)}</button>
                        <button type="button" data-action="check-in-remote" aria-pressed=move || (my_mode() == Some(AttendanceMode::Remote)).to_string()
                            on:click=move |_| check_in(AttendanceMode::Remote)>{tr(T::Remote)}</button>
                    </section>
                    <Documents/>
                </div>
            </div>
        </div>
    }
}

/// Where this delegation stands: its number in the order of speaking and who speaks
/// before it, and a warning when two speakers or fewer are ahead.
#[component]
fn MyPlace() -> impl IntoView {
    let app = app();
    let place = move || {
        let mine = app.my_delegation()?;
        app.state.with(|s| place_of(s.as_ref()?, mine))
    };
    view! {
        {move || place().map(|p| {
            let soon = p.number <= 3;
            let lang = app.lang.get();
            let line = match p.after {
                None => lang.t(T::YouAreNext).to_string(),
                Some(d) => lang.fill(T::YourPlace, &[&p.number.to_string(), &app.name_of(d)]),
            };
            view! {
                <p class="my-place" id="my-place" data-number=p.number.to_string() class:soon=soon
                    role=if soon { "alert" } else { "status" }>
                    {line}
                    {soon.then(|| view! { " " <strong class="get-ready">{tr(T::GetReady)}</strong> })}
                </p>
            }
        })}
    }
}

/// Before speaking: see oneself and watch the microphone's level, without sending
/// anything (the check uses copies of the tracks that the connection never carries).
#[component]
fn SelfCheckPanel() -> impl IntoView {
    let app = app();
    let checking = RwSignal::new(false);
    let level = RwSignal::new(None::<f32>);
    // The meter holds the loudest of the last second and a half, as a level meter's peak
    // hold does: a short word (or the test device's beep) stays readable.
    let recent = StoredValue::new(std::collections::VecDeque::<f32>::new());
    let video = NodeRef::<leptos::html::Video>::new();
    let unavailable = RwSignal::new(false);
    let stop = move || {
        crate::media::stop_self_check();
        checking.set(false);
        level.set(None);
        recent.update_value(|r| r.clear());
    };
    let start = move || {
        let Some(v) = video.get_untracked() else {
            return;
        };
        let ok = crate::media::start_self_check(&v);
        unavailable.set(!ok);
        checking.set(ok);
    };
    let ticker = set_interval_with_handle(
        move || {
            if !checking.get_untracked() {
                return;
            }
            let Some(now) = crate::media::self_check_level() else {
                return;
            };
            recent.update_value(|r| {
                r.push_back(now);
                while r.len() > 15 {
                    r.pop_front();
                }
            });
            level.set(recent.with_value(|r| r.iter().copied().reduce(f32::max)));
        },
        std::time::Duration::from_millis(100),
    )
    .ok();
    on_cleanup(move || {
        if let Some(t) = ticker {
            t.clear();
        }
        crate::media::stop_self_check();
    });
    view! {
        <section class="self-check" aria-labelledby="self-check-title">
            <h2 id="self-check-title">{tr(T::SelfCheck)}</h2>
            <p class="hint">{tr(T::SelfCheckHint)}</p>
            <video node_ref=video class="self-view" id="self-view" class:hidden=move || !checking.get()
                autoplay=true playsinline=true aria-label=tr(T::SelfView)></video>
            <Show when=move || checking.get()>
                <p class="self-level">
                    <span>{tr(T::MicLevel)}</span>" "
                    <span class="meter" role="meter" aria-valuemin="-60" aria-valuemax="0"
                        id="self-level" data-dbfs=move || level.get().map(|l| format!("{l:.0}")).unwrap_or_default()
                        aria-valuenow=move || level.get().map(|l| format!("{:.0}", l.max(-60.0))).unwrap_or_default()>
                        <span style=move || format!("width: {}%", level.get().map_or(0.0, |l| (l.max(-60.0) + 60.0) * 100.0 / 60.0))></span>
                    </span>
                </p>
            </Show>
            <Show when=move || unavailable.get()>
                <p class="field-problem">{tr(T::NoMicrophone)}</p>
            </Show>
            {move || if checking.get() {
                view! { <button type="button" data-action="stop-self-check" on:click=move |_| stop()>{tr(T::StopCheck)}</button> }.into_any()
            } else {
                view! { <button type="button" data-action="self-check" on:click=move |_| start()>{tr(T::StartCheck)}</button> }.into_any()
            }}
            <span class="sr-only">{move || app.t(T::SelfCheck)}</span>
        </section>
    }
}
