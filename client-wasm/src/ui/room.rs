//! The room's screens: the speaker's video large with name and delegation, the
//! countdown, the next speakers; readable from the back of the hall. Viewers get the
//! same, with the listening picker.

use super::common::*;
use super::tr;
use crate::i18n::T;
use crate::state::{app, countdown, kind_label};
use floor_protocol::*;
use leptos::prelude::*;

#[component]
pub fn RoomView() -> impl IntoView {
    let app = app();
    let floor = move || app.state.with(|s| s.as_ref().and_then(|s| s.floor.clone()));
    view! {
        <div class="screen room">
            <div class="room-main">
                <SpeakerVideo large=true/>
                <div class="room-side">
                    {move || match floor() {
                        None => view! { <p class="room-name" id="floor-holder">{tr(T::NobodyHasFloor)}</p> }.into_any(),
                        Some(f) => {
                            let f2 = f.clone();
                            let over = move || f.remaining_ms(Millis(app.now.get())) < 0;
                            view! {
                                <p class="room-name" id="floor-holder">{app.name_of(f2.entry.delegation)}</p>
                                <p class="room-kind">{kind_label(app.lang.get(), &f2.entry.kind)}</p>
                                <p class="room-countdown" id="countdown" role="timer" class:over=over>
                                    {move || countdown(app.lang.get(), &f2, app.now.get())}
                                </p>
                            }.into_any()
                        }
                    }}
                    <CurrentItem/>
                    <NextSpeakers limit=5/>
                </div>
            </div>
        </div>
    }
}

/// A viewer: the floor, the list and the listening picker.
#[component]
pub fn ListenerView() -> impl IntoView {
    view! {
        <div class="screen listener">
            <div class="columns">
                <div class="column">
                    <CurrentItem/>
                    <FloorPanel/>
                    <NextSpeakers limit=10/>
                </div>
                <div class="column">
                    <SpeakerVideo/>
                    <ListeningPicker/>
                </div>
            </div>
        </div>
    }
}
