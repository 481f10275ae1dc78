//! The secretariat's console: sessions and their rules, the roster of delegations,
//! participants and their invitations, meetings and their agenda, the interpretation
//! booths and the document register; then the meeting itself, run as the chair can.
//! One file per panel. Everything goes to the server, which decides; a panel shows the
//! server's answer, and a refused form keeps what was typed with the reason beside the
//! field, in the reader's language.

mod booths;
mod delegations;
mod documents;
mod meetings;
mod participants;
mod room;
mod sessions;

use super::chair::ChairView;
use super::tr;
use crate::i18n::{Lang, T};
use crate::net;
use crate::state::app;
use floor_protocol::api::*;
use floor_protocol::ErrorCode;
use floor_protocol::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What every panel of the console shares: the session being set up and its roster and
/// participants as the server last listed them.
#[derive(Clone, Copy)]
pub struct Console {
    pub sessions: RwSignal<Vec<Session>>,
    pub session: RwSignal<Option<SessionId>>,
    pub delegations: RwSignal<Vec<Delegation>>,
    pub participants: RwSignal<Vec<Participant>>,
}

impl Console {
    fn current(&self) -> Option<Session> {
        let id = self.session.get()?;
        self.sessions
            .with(|s| s.iter().find(|s| s.id == id).cloned())
    }

    /// Read the sessions again (after one was created or its rules changed).
    pub fn reload_sessions(self) {
        spawn_local(async move {
            if let Ok(s) = net::get::<Vec<Session>>("/api/sessions", &token()).await {
                if self.session.get_untracked().is_none() {
                    self.session.set(s.last().map(|s| s.id));
                }
                self.sessions.set(s);
            }
        });
    }

    /// Read the roster and the participants of the current session again.
    pub fn reload_roster(self) {
        let Some(sid) = self.session.get_untracked() else {
            return;
        };
        spawn_local(async move {
            if let Ok(d) =
                net::get::<Vec<Delegation>>(&format!("/api/sessions/{sid}/delegations"), &token())
                    .await
            {
                self.delegations.set(d);
            }
            if let Ok(p) =
                net::get::<Vec<Participant>>(&format!("/api/sessions/{sid}/participants"), &token())
                    .await
            {
                self.participants.set(p);
            }
            // The meeting followed shows the new names too.
            super::refresh_info().await;
        });
    }

    pub fn delegation_name(&self, id: DelegationId) -> String {
        self.delegations
            .with(|ds| ds.iter().find(|d| d.id == id).map(|d| d.name.clone()))
            .unwrap_or_else(|| app().lang.get().fill(T::Delegation0, &[&id.to_string()]))
    }

    pub fn participant_name(&self, id: ParticipantId) -> String {
        self.participants
            .with(|ps| {
                ps.iter()
                    .find(|p| p.id == id)
                    .map(|p| p.display_name.clone())
            })
            .unwrap_or_else(|| format!("#{id}"))
    }
}

pub fn console() -> Console {
    expect_context::<Console>()
}

pub fn token() -> String {
    app()
        .auth
        .with_untracked(|a| a.as_ref().map(|a| a.token.clone()))
        .unwrap_or_default()
}

/// Why the server refused, in the reader's language: a typed refusal is worded by the
/// client; the console's own HTTP errors by their code; anything else as the server
/// said it.
pub fn refusal(lang: Lang, e: &net::HttpError) -> String {
    if e.rejection.is_some() {
        return e.text();
    }
    let key = match e.code {
        Some(ErrorCode::DelegationExists) => Some(T::ConsoleNameTaken),
        Some(ErrorCode::InvalidField) => Some(T::ConsoleFieldLength),
        Some(ErrorCode::DelegationRequired) => Some(T::ConsoleDelegationRequired),
        Some(ErrorCode::UnknownDelegation) => Some(T::ConsoleUnknownDelegation),
        Some(ErrorCode::Forbidden) => Some(T::ConsoleForbidden),
        Some(ErrorCode::ControlCharacter) => Some(T::ConsoleControlCharacter),
        Some(ErrorCode::EmptyFile)
        | Some(ErrorCode::UnrecognisedFileType)
        | Some(ErrorCode::FileTypeNotAllowed)
        | Some(ErrorCode::FileTypeMismatch) => Some(T::ConsoleFileType),
        Some(ErrorCode::FileTooLarge) => Some(T::ConsoleFileTooLarge),
        _ => None,
    };
    match key {
        Some(k) => lang.t(k).to_string(),
        None => lang.fill(T::Failed, &[&e.message]),
    }
}

/// A form's refusal, shown beside the field it is about (or the form's button).
#[component]
pub fn FieldError(id: &'static str, error: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <p class="field-error" id=id role="alert" hidden=move || error.with(|e| e.is_none())>
            {move || error.get()}
        </p>
    }
}

/// A command to the meeting followed, over HTTP so that the form that sent it hears the
/// answer (the event itself reaches every page over the WebSocket).
pub async fn meeting_command(command: Command) -> Result<CommandAccepted, net::HttpError> {
    let Some(meeting) = app().meeting_id() else {
        return Err(net::HttpError {
            status: 0,
            code: None,
            message: app().t(T::ConsoleOpenMeetingFirst).into(),
            rejection: None,
        });
    };
    net::post(
        &format!("/api/meetings/{meeting}/commands"),
        Some(&token()),
        &CommandRequest {
            command,
            request_id: None,
        },
    )
    .await
}

#[component]
pub fn SecretariatView() -> impl IntoView {
    let app = app();
    let console = Console {
        sessions: RwSignal::new(Vec::new()),
        session: RwSignal::new(None),
        delegations: RwSignal::new(Vec::new()),
        participants: RwSignal::new(Vec::new()),
    };
    provide_context(console);
    console.reload_sessions();
    // The session follows the meeting opened.
    Effect::new(move |_| {
        if let Some(sid) = app.info.with(|i| i.as_ref().map(|i| i.meeting.session_id)) {
            if console.session.get_untracked() != Some(sid) {
                console.session.set(Some(sid));
            }
        }
    });
    Effect::new(move |_| {
        console.session.track();
        console.reload_roster();
    });
    let has_session = move || console.session.with(|s| s.is_some());
    let has_meeting = move || app.info.with(|i| i.is_some());
    view! {
        <div class="screen secretariat">
            <nav class="console-nav" aria-label=tr(T::ConsoleTitle)>
                <a href="#console-sessions">{tr(T::Sessions)}</a>
                <a href="#console-delegations">{tr(T::Delegations)}</a>
                <a href="#console-participants">{tr(T::Participants)}</a>
                <a href="#console-meetings">{tr(T::Meetings)}</a>
                <a href="#console-booths">{tr(T::ConsoleBooths)}</a>
                <a href="#console-documents">{tr(T::Documents)}</a>
                <a href="#room" data-action="room-display">{tr(T::RoleRoom)}</a>
            </nav>
            <sessions::SessionsPanel/>
            <Show when=has_session>
                <div class="columns">
                    <div class="column">
                        <delegations::DelegationsPanel/>
                        <participants::ParticipantsPanel/>
                    </div>
                    <div class="column">
                        <meetings::MeetingsPanel/>
                        <Show when=has_meeting>
                            <meetings::AgendaPanel/>
                            <room::InTheRoom/>
                        </Show>
                    </div>
                </div>
                <Show when=has_meeting><booths::BoothsPanel/></Show>
                <documents::DocumentsPanel/>
                <Show when=move || has_meeting() && app.state.with(|s| s.is_some())>
                    <h2>{tr(T::RunMeeting)}</h2>
                    <ChairView/>
                </Show>
            </Show>
        </div>
    }
}
