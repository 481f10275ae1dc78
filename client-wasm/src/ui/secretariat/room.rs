//! A delegation in the room: its representative raises the nameplate or answers aloud,
//! and the secretariat gives the request for it. Inscribing a statement is the
//! secretariat's own `inscribe_speaker`; everything else a delegate could do from a device
//! (a point of order, a right of reply, a motion, an appeal, a vote) goes as
//! `act_for_delegation`, decided as the delegation's own and recorded as made in the room.

use super::{console, meeting_command, refusal, FieldError};
use crate::i18n::{Lang, T};
use crate::state::app;
use crate::ui::tr;
use crate::ui::votes::{
    appealable, ballot_choices, choice_code, choice_label, subject_label, MotionPicker,
};
use floor_protocol::command::Capacity;
use floor_protocol::vote::VoteMethod;
use floor_protocol::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn InTheRoom() -> impl IntoView {
    let app = app();
    let console = console();
    let chosen = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let delegation = move |lang: Lang| match chosen.get_untracked().parse::<i64>() {
        Ok(d) => Some(DelegationId(d)),
        Err(_) => {
            done.set(None);
            error.set(Some(lang.t(T::ConsoleChooseDelegation).into()));
            None
        }
    };
    // Send the command `make` builds for the delegation chosen, and say what came of it.
    let send = move |make: Box<dyn Fn(DelegationId) -> Command>, label: T| {
        let lang = app.lang.get_untracked();
        let Some(d) = delegation(lang) else {
            return;
        };
        let command = make(d);
        spawn_local(async move {
            match meeting_command(command).await {
                Ok(_) => {
                    error.set(None);
                    done.set(Some(lang.fill(
                        T::RoomDone,
                        &[&console.delegation_name(d), lang.t(label)],
                    )));
                }
                // The refusal names the delegation it is about, as the panel serves many.
                Err(e) => {
                    done.set(None);
                    error.set(Some(format!(
                        "{}: {}",
                        console.delegation_name(d),
                        refusal(lang, &e)
                    )));
                }
            }
        });
    };
    let act = move |command: Command, label: T| {
        send(
            Box::new(move |delegation| Command::ActForDelegation {
                delegation,
                command: Box::new(command.clone()),
            }),
            label,
        )
    };
    let inscribe = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send(
            Box::new(|delegation| Command::InscribeSpeaker {
                delegation,
                item: None,
                capacity: Capacity::National,
                allow_additional: false,
            }),
            T::Inscribe,
        );
    };
    let open_vote = move || {
        app.state
            .with(|s| s.as_ref().and_then(|s| s.open_vote().cloned()))
    };
    let appealable = move || app.state.with(|s| s.as_ref().and_then(appealable));
    view! {
        <form class="card in-the-room" id="in-the-room" on:submit=inscribe aria-labelledby="in-the-room-title">
            <h2 id="in-the-room-title">{tr(T::RoomTitle)}</h2>
            <p class="hint">{tr(T::RoomHint)}</p>
            <label for="inscribe-delegation">{tr(T::Delegation)}</label>
            <select id="inscribe-delegation" on:change=move |ev| chosen.set(event_target_value(&ev))>
                <option value="">"—"</option>
                {move || console.delegations.get().into_iter().map(|d| {
                    view! { <option value=d.id.to_string()>{d.name.clone()}</option> }
                }).collect_view()}
            </select>
            <FieldError id="inscribe-error" error=error/>
            <p class="done" id="in-the-room-done" role="status">{move || done.get()}</p>
            <div class="actions">
                <button type="submit" data-action="inscribe">{tr(T::Inscribe)}</button>
                <button type="button" data-action="room-point-of-order"
                    on:click=move |_| act(Command::RaisePointOfOrder { about_voting: false }, T::RaisePointOfOrder)>{tr(T::RaisePointOfOrder)}</button>
                <button type="button" data-action="room-right-of-reply"
                    on:click=move |_| act(Command::RequestRightOfReply { item: None }, T::AskReply)>{tr(T::AskReply)}</button>
                {move || appealable().map(|entry| view! {
                    <button type="button" data-action="room-appeal"
                        on:click=move |_| act(Command::AppealRuling { entry }, T::VtAppeal)>{tr(T::VtAppeal)}</button>
                })}
            </div>
            <MotionPicker field="room-motion" action="room-motion"
                on_move=Callback::new(move |motion| act(Command::RaiseMotion { motion }, T::CmdRaiseMotion))/>
            {move || open_vote().map(|v| {
                let id = v.id;
                let lang = app.lang.get();
                let subject = app.state.with(|s| s.as_ref().map(|s| subject_label(lang, s, &v)).unwrap_or_default());
                if v.method == VoteMethod::SecretBallot {
                    return view! { <p class="room-vote secret" id="room-vote">{tr(T::RoomSecretBallot)}</p> }.into_any();
                }
                view! {
                    <fieldset class="room-vote" id="room-vote">
                        <legend>{lang.fill(T::RoomVote, &[&subject])}</legend>
                        {ballot_choices(&v).into_iter().map(|choice| {
                            let label = choice_label(lang, &v, choice);
                            view! {
                                <button type="button" data-action="room-vote" data-choice=choice_code(Some(choice))
                                    on:click=move |_| act(Command::CastVote { vote: id, choice }, T::CmdCastVote)>{label}</button>
                            }
                        }).collect_view()}
                    </fieldset>
                }.into_any()
            })}
        </form>
    }
}
