//! The delegate's screen: the item, the floor and the list; ask for the floor, raise a
//! point of order, ask for a right of reply; attendance; listening; documents.

use super::common::*;
use super::tr;
use crate::conn::command;
use crate::i18n::T;
use crate::state::{app, holds_floor};
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
            <p id="my-media" data-live=move || holds().to_string() class:live=holds>
                {move || app.t(if holds() { T::MicLive } else { T::MicOff })}
            </p>
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
                    </section>
                    <SpeakersList chair=false/>
                </div>
                <div class="column">
                    <SpeakerVideo/>
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
