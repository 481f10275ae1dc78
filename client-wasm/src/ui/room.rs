//! The room's screens: the speaker's video large with name and delegation, the
//! countdown, the next speakers; readable from the back of the hall. Viewers get the
//! same, with the listening picker.

use super::common::*;
use super::tr;
use crate::i18n::T;
use crate::state::{app, countdown_parts, kind_label};
use floor_protocol::*;
use leptos::prelude::*;

#[component]
pub fn RoomView() -> impl IntoView {
    let app = app();
    let floor = move || app.state.with(|s| s.as_ref().and_then(|s| s.floor.clone()));
    projector_mode();
    view! {
        <div class="screen room">
            <super::votes::VoteBoard/>
            <div class="room-main">
                <SpeakerVideo large=true/>
                <div class="room-side">
                    {move || match floor() {
                        None => view! { <p class="room-name" id="floor-holder">{tr(T::NobodyHasFloor)}</p> }.into_any(),
                        Some(f) => {
                            let f2 = f.clone();
                            let paused = f.paused_at.is_some();
                            let over = move || f.remaining_ms(Millis(app.now.get())) < 0;
                            view! {
                                <p class="room-name" id="floor-holder">{app.name_of(f2.entry.delegation)}</p>
                                <p class="room-kind">{kind_label(app.lang.get(), &f2.entry.kind)}</p>
                                <p class="room-countdown" id="countdown" role="timer" class:over=over>
                                    {move || {
                                        let (before, clock, after) = countdown_parts(app.lang.get(), &f2, app.now.get());
                                        view! { <span class="words">{before}</span><span class="clock">{clock}</span><span class="words">{after}</span> }
                                    }}
                                </p>
                                <Show when=move || paused><p class="room-paused" id="room-paused">{tr(T::Paused)}</p></Show>
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

/// The room's display is a projector screen: while it is shown, the page's chrome (header,
/// sign-out, language picker, notices) is hidden while `<html>` has `data-screen="projector"`.
fn projector_mode() {
    let set = |on: bool| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = if on {
                root.set_attribute("data-screen", "projector")
            } else {
                root.remove_attribute("data-screen")
            };
        }
    };
    set(true);
    on_cleanup(move || set(false));
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
