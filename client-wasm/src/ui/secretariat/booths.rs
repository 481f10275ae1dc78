//! Interpretation booths of the meeting followed: who is assigned to each channel, whose
//! microphone is live (from the meeting's state), and assigning an interpreter.

use super::{console, meeting_command, refusal, FieldError};
use crate::i18n::T;
use crate::state::app;
use crate::ui::tr;
use floor_protocol::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn BoothsPanel() -> impl IntoView {
    let app = app();
    let console = console();
    let channels = move || {
        app.info.with(|i| {
            i.as_ref()
                .map(|i| i.rules.interpretation_channels.clone())
                .unwrap_or_default()
        })
    };
    let booth = move |channel: &str| {
        app.state.with(|s| {
            s.as_ref()
                .and_then(|s| s.booths.iter().find(|b| b.channel == channel).cloned())
        })
    };
    let interpreter = RwSignal::new(String::new());
    let channel = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let assign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = app.lang.get_untracked();
        let Ok(p) = interpreter.get_untracked().parse::<i64>() else {
            error.set(Some(lang.t(T::ConsoleChooseInterpreter).into()));
            return;
        };
        let chosen = channel.get_untracked();
        let chosen = if chosen.is_empty() {
            channels().first().cloned().unwrap_or_default()
        } else {
            chosen
        };
        spawn_local(async move {
            let answer = meeting_command(Command::AssignInterpreter {
                participant: ParticipantId(p),
                channel: chosen,
            })
            .await;
            match answer {
                Ok(_) => error.set(None),
                Err(e) => error.set(Some(refusal(lang, &e))),
            }
        });
    };
    view! {
        <section class="card booths" id="console-booths" aria-labelledby="booths-title">
            <h2 id="booths-title">{tr(T::ConsoleBooths)}</h2>
            <table class="booth-table">
                <thead><tr>
                    <th scope="col">{tr(T::Channel)}</th>
                    <th scope="col">{tr(T::ConsoleInterpreters)}</th>
                    <th scope="col">{tr(T::ConsoleLiveMic)}</th>
                </tr></thead>
                <tbody>
                    {move || channels().into_iter().map(|c| {
                        let b = booth(&c);
                        let names = b.as_ref().map(|b| b.interpreters.iter().map(|p| console.participant_name(*p)).collect::<Vec<_>>().join(", ")).unwrap_or_default();
                        let live = b.as_ref().and_then(|b| b.live).map(|p| console.participant_name(p));
                        let is_live = live.is_some();
                        view! { <tr data-channel=c.clone() data-live=is_live.to_string()>
                            <th scope="row">{c.to_uppercase()}</th>
                            <td class="interpreters">{if names.is_empty() { app.t(T::ConsoleNobodyAssigned).to_string() } else { names }}</td>
                            <td class="live" class:on=is_live>{live.unwrap_or_else(|| app.t(T::ChannelSilent).to_string())}</td>
                        </tr> }
                    }).collect_view()}
                </tbody>
            </table>
            <form class="inline" on:submit=assign>
                <h3>{tr(T::ConsoleAssign)}</h3>
                <label for="booth-interpreter">{tr(T::RoleInterpreter)}</label>
                <select id="booth-interpreter" on:change=move |ev| interpreter.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {move || console.participants.get().into_iter().filter(|p| p.role == Role::Interpreter).map(|p| {
                        view! { <option value=p.id.to_string()>{p.display_name.clone()}</option> }
                    }).collect_view()}
                </select>
                <label for="booth-channel">{tr(T::Channel)}</label>
                <select id="booth-channel" on:change=move |ev| channel.set(event_target_value(&ev))>
                    {move || channels().into_iter().map(|c| view! { <option value=c.clone()>{c.to_uppercase()}</option> }).collect_view()}
                </select>
                <FieldError id="booth-error" error=error/>
                <button type="submit" data-action="assign-interpreter">{tr(T::ConsoleAssign)}</button>
            </form>
        </section>
    }
}
