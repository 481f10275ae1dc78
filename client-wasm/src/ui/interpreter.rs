//! The interpreter's console: incoming sound (the floor, or relay from another booth),
//! the booth's microphone on and off (taking it from the partner is the handover),
//! push-to-mute, "slow down", and the speaker's video.

use super::common::*;
use super::tr;
use crate::conn::command;
use crate::i18n::T;
use crate::state::app;
use floor_protocol::*;
use leptos::prelude::*;

#[component]
pub fn InterpreterView() -> impl IntoView {
    let app = app();
    let me = app.my_participant();
    let booths = move || {
        app.state.with(|s| {
            s.as_ref()
                .map(|s| {
                    s.booths
                        .iter()
                        .filter(|b| me.is_some_and(|m| b.interpreters.contains(&m)))
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let cough_on = move || app.cough.set(true);
    let cough_off = move || app.cough.set(false);
    view! {
        <div class="screen interpreter">
            <div class="columns">
                <div class="column">
                    <FloorPanel/>
                    <Show when=move || !booths().is_empty() fallback=|| view! { <p id="no-booth">{tr(T::NotInBooth)}</p> }>
                        {move || booths().into_iter().map(|b| {
                            let channel = b.channel.clone();
                            let c_take = channel.clone();
                            let c_release = channel.clone();
                            let mine = b.live.is_some() && b.live == me;
                            let partner = b.live.is_some() && !mine;
                            view! {
                                <section class="booth" data-channel=channel.clone() data-live=mine.to_string() aria-label=app.lang.get().fill(T::Booth, &[&channel.to_uppercase()])>
                                    <h2>{app.lang.get().fill(T::Booth, &[&channel.to_uppercase()])}</h2>
                                    <p class="mic-state" class:live=mine>{
                                        if mine { app.lang.get().fill(T::MicIsLive, &[&channel.to_uppercase()]) }
                                        else if partner { app.t(T::PartnerLive).to_string() }
                                        else { app.t(T::ChannelSilent).to_string() }
                                    }</p>
                                    <button type="button" class="primary" data-action="take-mic" aria-pressed=mine.to_string() disabled=mine
                                        on:click=move |_| command(Command::TakeMicrophone { channel: c_take.clone() }, T::TakeMic)>{tr(T::TakeMic)}</button>
                                    <button type="button" data-action="release-mic" disabled=!mine
                                        on:click=move |_| command(Command::ReleaseMicrophone { channel: c_release.clone() }, T::ReleaseMic)>{tr(T::ReleaseMic)}</button>
                                </section>
                            }
                        }).collect_view()}
                        <section class="console" aria-label=tr(T::RoleInterpreter)>
                            <button type="button" data-action="cough" aria-pressed=move || app.cough.get().to_string()
                                on:pointerdown=move |_| cough_on() on:pointerup=move |_| cough_off() on:pointerleave=move |_| cough_off()
                                on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == " " || ev.key() == "Enter" { ev.prevent_default(); cough_on() }
                                on:keyup=move |_| cough_off()>{tr(T::Cough)}</button>
                            {move || booths().into_iter().map(|b| {
                                let channel = b.channel.clone();
                                view! {
                                    <button type="button" data-action="slow-down" data-channel=channel.clone()
                                        disabled=move || app.state.with(|s| s.as_ref().is_none_or(|s| s.floor.is_none()))
                                        on:click=move |_| command(Command::AskToSlowDown { channel: channel.clone() }, T::SlowDown)>{tr(T::SlowDown)}</button>
                                }
                            }).collect_view()}
                        </section>
                    </Show>
                </div>
                <div class="column">
                    <SpeakerVideo/>
                    <ListeningPicker relay=true/>
                </div>
            </div>
        </div>
    }
}
