//! Sessions: choose one, create one with its rules, change the rules of the current one
//! (time limits per kind of speaker, quorum, and the other settings of `SessionRules`).

use super::{console, refusal, token, FieldError};
use crate::i18n::{time_limit_label, Lang, T};
use crate::net;
use crate::state::app;
use crate::ui::tr;
use floor_protocol::api::*;
use floor_protocol::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The rules as typed: one text per number, so that what was typed stays when the
/// server refuses it.
#[derive(Clone, Copy)]
struct RulesDraft {
    limits: [RwSignal<String>; 9],
    waiting: RwSignal<String>,
    replies: RwSignal<String>,
    replies_taken: RwSignal<RepliesTaken>,
    quorum: RwSignal<String>,
    ngo_self: RwSignal<bool>,
    recordings_for_participants: RwSignal<bool>,
    channels: RwSignal<String>,
    right_of_reply: RwSignal<RightOfReplyFor>,
    adjourn_speakers: RwSignal<String>,
    closure_against: RwSignal<String>,
    reconsideration_against: RwSignal<String>,
    division_speakers: RwSignal<String>,
    /// A refusal, and the field it is about (`None`: the whole form).
    error: RwSignal<Option<String>>,
    error_field: RwSignal<Option<&'static str>>,
}

impl RulesDraft {
    fn new(rules: &SessionRules) -> RulesDraft {
        let d = RulesDraft {
            limits: std::array::from_fn(|_| RwSignal::new(String::new())),
            waiting: RwSignal::new(String::new()),
            replies: RwSignal::new(String::new()),
            replies_taken: RwSignal::new(RepliesTaken::EndOfItem),
            quorum: RwSignal::new(String::new()),
            ngo_self: RwSignal::new(false),
            recordings_for_participants: RwSignal::new(false),
            channels: RwSignal::new(String::new()),
            right_of_reply: RwSignal::new(RightOfReplyFor::States),
            adjourn_speakers: RwSignal::new(String::new()),
            closure_against: RwSignal::new(String::new()),
            reconsideration_against: RwSignal::new(String::new()),
            division_speakers: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            error_field: RwSignal::new(None),
        };
        d.fill(rules);
        d
    }

    fn fill(&self, r: &SessionRules) {
        for (i, kind) in TimeLimitKind::ALL.into_iter().enumerate() {
            self.limits[i].set(kind.of(&r.time_limits).to_string());
        }
        self.waiting.set(r.max_waiting_statements.to_string());
        self.replies.set(r.max_replies_per_item.to_string());
        self.replies_taken.set(r.replies_taken);
        self.quorum
            .set(r.quorum.map(|q| q.to_string()).unwrap_or_default());
        self.ngo_self.set(r.ngo_self_inscription);
        self.recordings_for_participants
            .set(r.sound_recordings_for_participants);
        self.channels.set(r.interpretation_channels.join(" "));
        self.right_of_reply.set(r.right_of_reply);
        self.adjourn_speakers
            .set(r.adjourn_debate_speakers.to_string());
        self.closure_against
            .set(r.closure_speakers_against.to_string());
        self.reconsideration_against
            .set(r.reconsideration_speakers_against.to_string());
        self.division_speakers.set(r.division_speakers.to_string());
        self.clear_error();
    }

    fn clear_error(&self) {
        self.error.set(None);
        self.error_field.set(None);
    }

    fn refuse(&self, field: Option<&'static str>, text: String) {
        self.error_field.set(field);
        self.error.set(Some(text));
    }

    /// The rules typed, or the first field that is not a whole number.
    fn read(&self, lang: Lang) -> Result<SessionRules, (&'static str, String)> {
        let number =
            |field: &'static str, s: RwSignal<String>| -> Result<u32, (&'static str, String)> {
                s.get_untracked()
                    .trim()
                    .parse::<u32>()
                    .map_err(|_| (field, lang.t(T::ConsoleWholeNumber).to_string()))
            };
        let mut limits = TimeLimits::default();
        for (i, kind) in TimeLimitKind::ALL.into_iter().enumerate() {
            kind.set(&mut limits, number(kind.as_str(), self.limits[i])?);
        }
        let quorum = match self.quorum.get_untracked().trim() {
            "" => None,
            _ => Some(number("quorum", self.quorum)?),
        };
        Ok(SessionRules {
            time_limits: limits,
            max_waiting_statements: number("waiting", self.waiting)?,
            max_replies_per_item: number("replies", self.replies)?,
            replies_taken: self.replies_taken.get_untracked(),
            quorum,
            ngo_self_inscription: self.ngo_self.get_untracked(),
            interpretation_channels: self
                .channels
                .get_untracked()
                .split([' ', ','])
                .filter(|c| !c.is_empty())
                .map(|c| c.to_lowercase())
                .collect(),
            right_of_reply: self.right_of_reply.get_untracked(),
            adjourn_debate_speakers: number("adjourn", self.adjourn_speakers)?,
            closure_speakers_against: number("closure", self.closure_against)?,
            reconsideration_speakers_against: number(
                "reconsideration",
                self.reconsideration_against,
            )?,
            division_speakers: number("division", self.division_speakers)?,
            sound_recordings_for_participants: self.recordings_for_participants.get_untracked(),
        })
    }
}

/// Why the server refused these rules, worded in the reader's language: the server ran
/// `SessionRules::check` on them, so running it here gives the same typed reason.
fn rules_refusal(
    lang: Lang,
    rules: &SessionRules,
    e: &net::HttpError,
) -> (Option<&'static str>, String) {
    if e.code != Some(floor_protocol::ErrorCode::InvalidRules) {
        return (None, refusal(lang, e));
    }
    match rules.check() {
        Err(RulesError::TimeLimit { kind, secs }) => (
            Some(kind.as_str()),
            lang.fill(
                T::ConsoleRuleTimeLimit,
                &[
                    &secs.to_string(),
                    &TIME_LIMIT_SECS.start().to_string(),
                    &TIME_LIMIT_SECS.end().to_string(),
                ],
            ),
        ),
        Err(RulesError::WaitingStatements) => {
            (Some("waiting"), lang.t(T::ConsoleRuleWaiting).into())
        }
        Err(RulesError::RepliesPerItem) => (Some("replies"), lang.t(T::ConsoleRuleReplies).into()),
        Err(RulesError::MotionSpeakers) => {
            // The first of the motion fields over the limit.
            let field = [
                ("adjourn", rules.adjourn_debate_speakers),
                ("closure", rules.closure_speakers_against),
                ("reconsideration", rules.reconsideration_speakers_against),
                ("division", rules.division_speakers),
            ]
            .into_iter()
            .find(|(_, n)| *n > 10)
            .map_or("adjourn", |(f, _)| f);
            (Some(field), lang.t(T::ConsoleRuleMotionSpeakers).into())
        }
        Err(RulesError::ZeroQuorum) => (Some("quorum"), lang.t(T::ConsoleRuleZeroQuorum).into()),
        Ok(()) => (None, lang.fill(T::Failed, &[&e.message])),
    }
}

/// The fields of the rules; `prefix` keeps the ids of two forms apart.
#[component]
fn RulesFields(draft: RulesDraft, prefix: &'static str) -> impl IntoView {
    let id = move |field: &str| format!("{prefix}-{field}");
    let invalid =
        move |field: &'static str| move || (draft.error_field.get() == Some(field)).to_string();
    let number = move |field: &'static str, label: T, value: RwSignal<String>| {
        let fid = id(field);
        view! {
            <label for=fid.clone()>{tr(label)}</label>
            <input id=fid type="text" inputmode="numeric" data-field=field aria-invalid=invalid(field)
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            <Show when=move || draft.error_field.get() == Some(field)>
                <p class="field-error" role="alert">{move || draft.error.get()}</p>
            </Show>
        }
    };
    view! {
        <fieldset class="rules">
            <legend>{tr(T::ConsoleTimeLimits)}</legend>
            {TimeLimitKind::ALL.into_iter().enumerate().map(|(i, kind)| number(kind.as_str(), time_limit_label(kind), draft.limits[i])).collect_view()}
        </fieldset>
        <fieldset class="rules">
            <legend>{tr(T::ConsoleRulesOther)}</legend>
            {number("quorum", T::ConsoleQuorum, draft.quorum)}
            {number("waiting", T::ConsoleWaitingStatements, draft.waiting)}
            {number("replies", T::ConsoleRepliesPerItem, draft.replies)}
            <label for=id("replies-taken")>{tr(T::ConsoleRepliesTaken)}</label>
            <select id=id("replies-taken") on:change=move |ev| draft.replies_taken.set(
                if event_target_value(&ev) == "end_of_day" { RepliesTaken::EndOfDay } else { RepliesTaken::EndOfItem })>
                <option value="end_of_item" selected=move || draft.replies_taken.get() == RepliesTaken::EndOfItem>{tr(T::ConsoleEndOfItem)}</option>
                <option value="end_of_day" selected=move || draft.replies_taken.get() == RepliesTaken::EndOfDay>{tr(T::ConsoleEndOfDay)}</option>
            </select>
            <label for=id("right-of-reply")>{tr(T::ConsoleReplyFor)}</label>
            <select id=id("right-of-reply") on:change=move |ev| draft.right_of_reply.set(
                if event_target_value(&ev) == "all_delegations" { RightOfReplyFor::AllDelegations } else { RightOfReplyFor::States })>
                <option value="states" selected=move || draft.right_of_reply.get() == RightOfReplyFor::States>{tr(T::ConsoleReplyStates)}</option>
                <option value="all_delegations" selected=move || draft.right_of_reply.get() == RightOfReplyFor::AllDelegations>{tr(T::ConsoleReplyAll)}</option>
            </select>
            {number("adjourn", T::ConsoleAdjournSpeakers, draft.adjourn_speakers)}
            {number("closure", T::ConsoleClosureSpeakers, draft.closure_against)}
            {number("reconsideration", T::ConsoleReconsiderationSpeakers, draft.reconsideration_against)}
            {number("division", T::ConsoleDivisionSpeakers, draft.division_speakers)}
            <label class="check">
                <input type="checkbox" id=id("ngo-self") prop:checked=move || draft.ngo_self.get()
                    on:change=move |ev| draft.ngo_self.set(event_target_checked(&ev))/>
                {tr(T::ConsoleNgoSelf)}
            </label>
            <label class="check">
                <input type="checkbox" id=id("recordings-for-participants") prop:checked=move || draft.recordings_for_participants.get()
                    on:change=move |ev| draft.recordings_for_participants.set(event_target_checked(&ev))/>
                {tr(T::ConsoleRecordingsForParticipants)}
            </label>
            <label for=id("channels")>{tr(T::ConsoleChannels)}</label>
            <input id=id("channels") prop:value=move || draft.channels.get() on:input=move |ev| draft.channels.set(event_target_value(&ev))/>
        </fieldset>
        <Show when=move || draft.error.with(|e| e.is_some()) && draft.error_field.get().is_none()>
            <p class="field-error" role="alert">{move || draft.error.get()}</p>
        </Show>
    }
}

#[component]
pub fn SessionsPanel() -> impl IntoView {
    let app = app();
    let console = console();
    let title = RwSignal::new(String::new());
    let body_symbol = RwSignal::new("E/CN.7".to_string());
    let title_error = RwSignal::new(None::<String>);
    let new_rules = RulesDraft::new(&SessionRules::default());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = app.lang.get_untracked();
        let rules = match new_rules.read(lang) {
            Ok(r) => r,
            Err((field, text)) => return new_rules.refuse(Some(field), text),
        };
        new_rules.clear_error();
        title_error.set(None);
        let body = NewSession {
            title: title.get_untracked(),
            body_symbol: body_symbol.get_untracked(),
            rules: Some(rules.clone()),
        };
        spawn_local(async move {
            match net::post::<_, Session>("/api/sessions", Some(&token()), &body).await {
                Ok(s) => {
                    title.set(String::new());
                    new_rules.fill(&SessionRules::default());
                    console.session.set(Some(s.id));
                    console.reload_sessions();
                }
                Err(e) if e.code == Some(floor_protocol::ErrorCode::InvalidField) => {
                    title_error.set(Some(refusal(lang, &e)))
                }
                Err(e) => {
                    let (field, text) = rules_refusal(lang, &rules, &e);
                    new_rules.refuse(field, text);
                }
            }
        });
    };

    // The current session's rules, to change.
    let rules = RulesDraft::new(&SessionRules::default());
    let saved = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(s) = console.current() {
            rules.fill(&s.rules);
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(sid) = console.session.get_untracked() else {
            return;
        };
        let lang = app.lang.get_untracked();
        saved.set(false);
        let typed = match rules.read(lang) {
            Ok(r) => r,
            Err((field, text)) => return rules.refuse(Some(field), text),
        };
        spawn_local(async move {
            let answer = net::put_json::<_, Session>(
                &format!("/api/sessions/{sid}/rules"),
                Some(&token()),
                &typed,
            )
            .await;
            match answer {
                Ok(s) => {
                    console.sessions.update(|all| {
                        if let Some(old) = all.iter_mut().find(|x| x.id == s.id) {
                            *old = s.clone();
                        }
                    });
                    rules.fill(&s.rules);
                    saved.set(true);
                    crate::ui::refresh_info().await;
                }
                Err(e) => {
                    let (field, text) = rules_refusal(lang, &typed, &e);
                    rules.refuse(field, text);
                }
            }
        });
    };
    view! {
        <section class="card console-sessions" id="console-sessions" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{tr(T::Sessions)}</h2>
            <Show when=move || console.sessions.with(|s| !s.is_empty()) fallback=|| view! { <p id="no-session">{tr(T::ConsoleNoSession)}</p> }>
                <label for="current-session">{tr(T::ConsoleCurrentSession)}</label>
                <select id="current-session" on:change=move |ev| {
                    if let Ok(id) = event_target_value(&ev).parse::<i64>() { console.session.set(Some(SessionId(id))) }
                }>
                    {move || console.sessions.get().into_iter().map(|s| {
                        let id = s.id;
                        view! { <option value=id.to_string() selected=move || console.session.get() == Some(id)>{s.title.clone()}</option> }
                    }).collect_view()}
                </select>
            </Show>
            <details class="new-session" open=move || console.sessions.with(|s| s.is_empty())>
                <summary>{tr(T::ConsoleNewSession)}</summary>
                <form id="new-session" on:submit=create>
                    <label for="session-title">{tr(T::Title)}</label>
                    <input id="session-title" prop:value=move || title.get() aria-invalid=move || title_error.with(|e| e.is_some()).to_string()
                        on:input=move |ev| title.set(event_target_value(&ev))/>
                    <FieldError id="session-title-error" error=title_error/>
                    <label for="session-body">{tr(T::ConsoleBodySymbol)}</label>
                    <input id="session-body" prop:value=move || body_symbol.get() on:input=move |ev| body_symbol.set(event_target_value(&ev))/>
                    <RulesFields draft=new_rules prefix="new-rules"/>
                    <button type="submit" data-action="create-session">{tr(T::ConsoleCreateSession)}</button>
                </form>
            </details>
            <Show when=move || console.session.with(|s| s.is_some())>
                <details class="session-rules">
                    <summary>{tr(T::ConsoleSessionRules)}</summary>
                    <form id="session-rules" on:submit=save>
                        <RulesFields draft=rules prefix="rules"/>
                        <button type="submit" data-action="save-rules">{tr(T::ConsoleSaveRules)}</button>
                        <Show when=move || saved.get()><p class="saved" role="status">{tr(T::ConsoleSaved)}</p></Show>
                    </form>
                </details>
            </Show>
        </section>
    }
}
