//! Pieces several screens share: the current item, the floor with its countdown, the
//! speakers list, the listening picker, the speaker's video.

use super::tr;
use crate::conn::command;
use crate::i18n::{rank_label, T};
use crate::state::{
    app, countdown, kind_label, queue_number, rough_duration, time_to_finish_ms, MediaStatus,
};
use floor_protocol::meeting::{Entry, ListStatus};
use floor_protocol::*;
use leptos::prelude::*;

#[component]
pub fn CurrentItem() -> impl IntoView {
    let app = app();
    let item = move || {
        app.state.with(|s| {
            s.as_ref()
                .and_then(|s| s.current_item.and_then(|i| s.item(i)))
                .map(|i| (i.number.clone(), i.title.clone(), i.list_status))
        })
    };
    view! {
        <section class="current-item" aria-labelledby="current-item-title">
            <h2 id="current-item-title">{tr(T::CurrentItem)}</h2>
            {move || match item() {
                Some((number, title, status)) => view! {
                    <p class="item" id="current-item"><span class="item-number">{number}</span>" "{title}</p>
                    <p class="list-status" data-list-status=format!("{status:?}")>{move || app.t(match status {
                        ListStatus::Open => T::ListOpen,
                        ListStatus::ClosingAnnounced => T::ListClosingAnnounced,
                        ListStatus::Closed => T::ListClosed,
                    })}</p>
                }.into_any(),
                None => view! { <p id="current-item">{tr(T::NoCurrentItem)}</p> }.into_any(),
            }}
        </section>
    }
}

/// Who has the floor, for how long; `large` for the room's screen.
#[component]
pub fn FloorPanel(#[prop(optional)] large: bool) -> impl IntoView {
    let app = app();
    let floor = move || app.state.with(|s| s.as_ref().and_then(|s| s.floor.clone()));
    view! {
        <section class=if large { "floor large" } else { "floor" } aria-labelledby="floor-title"
            data-holder=move || floor().map(|f| f.entry.delegation.to_string()).unwrap_or_default()>
            <h2 id="floor-title">{tr(T::TheFloor)}</h2>
            {move || match floor() {
                None => view! { <p id="floor-holder" class="nobody">{tr(T::NobodyHasFloor)}</p> }.into_any(),
                Some(f) => {
                    let name = app.name_of(f.entry.delegation);
                    let kind = kind_label(app.lang.get(), &f.entry.kind);
                    let paused = f.paused_at.is_some();
                    let attendance = f.attendance.map(|a| match a {
                        AttendanceMode::InPerson => T::InPerson,
                        AttendanceMode::Remote => T::Remote,
                    });
                    let f2 = f.clone();
                    // The booths' "slow down", for whoever can act on it: the chair and the
                    // secretariat, the speaker's own delegation, and the booths themselves.
                    let role = app.role();
                    let concerned = role.is_some_and(|r| r.presides() || r == Role::Interpreter)
                        || app.my_delegation() == Some(f.entry.delegation);
                    let asks = if large || !concerned { Vec::new() } else { f.slow_down.clone() };
                    let over = move || f.remaining_ms(Millis(app.now.get())) < 0;
                    view! {
                        <p id="floor-holder" class="holder">{name}</p>
                        <p class="kind">{kind}
                            {attendance.map(|a| view! { " · " <span class="attendance">{move || app.t(a)}</span> })}
                        </p>
                        <p id="countdown" role="timer" aria-live="off" class:over=over class="countdown">
                            {move || countdown(app.lang.get(), &f2, app.now.get())}
                        </p>
                        <Show when=move || paused><p class="paused">{tr(T::Paused)}</p></Show>
                        {(!asks.is_empty()).then(|| {
                            let channels = asks.iter().map(|a| a.channel.to_uppercase()).collect::<Vec<_>>().join(", ");
                            view! {
                                <p id="slow-down" class="slow-down" role="alert">
                                    {move || app.lang.get().fill(T::SlowDownAsked, &[&channels])}
                                </p>
                            }
                        })}
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The next speakers (as `next_speaker` would take them), at most `limit`.
#[component]
pub fn NextSpeakers(limit: usize) -> impl IntoView {
    let app = app();
    view! {
        <section class="next" aria-labelledby="next-title">
            <h2 id="next-title">{tr(T::NextSpeakers)}</h2>
            <ol id="next-speakers">
                {move || {
                    let q = app.state.with(|s| s.as_ref().map(crate::state::queue).unwrap_or_default());
                    q.into_iter().take(limit).map(|e| {
                        let lang = app.lang.get();
                        view! { <li>{app.name_of(e.delegation)}" — "{kind_label(lang, &e.kind)}</li> }
                    }).collect_view()
                }}
            </ol>
        </section>
    }
}

/// Where an entry is, to move it: its list and index.
fn list_of(entry: EntryId) -> Option<(Vec<EntryId>, usize)> {
    app().state.with_untracked(|s| {
        let s = s.as_ref()?;
        for item in &s.agenda {
            for list in [&item.statements, &item.replies] {
                if let Some(i) = list.iter().position(|e| e.id == entry) {
                    return Some((list.iter().map(|e| e.id).collect(), i));
                }
            }
        }
        None
    })
}

thread_local! {
    /// The entry a keyboard user just moved, whether down, and when: its row is drawn
    /// anew when the move comes back as an event, and the focus goes back to its button,
    /// so moving an entry several places is several presses, not a hunt for the list.
    static FOCUS_AFTER_MOVE: std::cell::Cell<Option<(EntryId, bool, f64)>> =
        const { std::cell::Cell::new(None) };
}

/// How long a move's focus request waits for its event (a refused move never comes).
const FOCUS_AFTER_MOVE_MS: f64 = 5_000.0;

fn move_by_keyboard(entry: EntryId, position: usize, down: bool) {
    FOCUS_AFTER_MOVE.with(|f| f.set(Some((entry, down, js_sys::Date::now()))));
    move_to(entry, position);
}

fn move_to(entry: EntryId, position: usize) {
    command(
        Command::MoveEntry {
            entry,
            position: position as u32,
        },
        if list_of(entry).is_some_and(|(_, i)| position < i) {
            T::MoveUp
        } else {
            T::MoveDown
        },
    );
}

/// One entry of a list; the chair gets its buttons, a delegate can withdraw its own.
#[component]
fn EntryRow(entry: Entry, chair: bool, movable: bool) -> impl IntoView {
    let app = app();
    let id = entry.id;
    let mine = Some(entry.delegation) == app.my_delegation();
    let name = app.name_of(entry.delegation);
    let kind = entry.kind.clone();
    let index = move || app.state.with(|_| list_of(id)).map(|(l, i)| (l.len(), i));
    // A statement's speaker's rank, followed from the state: the row is keyed by entry
    // and is not drawn anew when a rank is recorded.
    let rank = move || {
        app.state.with(|s| {
            s.as_ref()
                .and_then(|s| s.find_entry(id))
                .and_then(|(e, _)| e.rank)
        })
    };
    // A high-level segment: its statements are ordered by their speakers' rank.
    let by_rank = move || {
        movable
            && app.state.with(|s| {
                s.as_ref()
                    .and_then(|s| s.current_item.and_then(|i| s.item(i)))
                    .is_some_and(|i| i.rules.order_by_rank)
            })
    };
    let pick_rank = move |ev: leptos::ev::Event| {
        let picked = event_target_value(&ev);
        if let Some(rank) = ProtocolRank::ALL.into_iter().find(|r| r.as_str() == picked) {
            command(
                Command::SetSpeakerRank { entry: id, rank },
                T::CmdSetSpeakerRank,
            );
        }
    };
    let up_button = NodeRef::<leptos::html::Button>::new();
    let down_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        let (Some(up), Some(down)) = (up_button.get(), down_button.get()) else {
            return;
        };
        let wanted = FOCUS_AFTER_MOVE.with(|f| match f.get() {
            Some((e, down, at)) if e == id && js_sys::Date::now() - at < FOCUS_AFTER_MOVE_MS => {
                f.set(None);
                Some(down)
            }
            _ => None,
        });
        if let Some(wanted_down) = wanted {
            // The same direction if it can go further, else the other one.
            let target = if (wanted_down && !down.disabled()) || up.disabled() {
                down
            } else {
                up
            };
            let _ = target.focus();
        }
    });
    let drag_start = move |ev: leptos::ev::DragEvent| {
        if let Some(dt) = ev.data_transfer() {
            let _ = dt.set_data("text/plain", &id.to_string());
        }
    };
    let drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let from = ev
            .data_transfer()
            .and_then(|dt| dt.get_data("text/plain").ok())
            .and_then(|s| s.parse::<u64>().ok())
            .map(EntryId);
        if let (Some(from), Some((_, to))) = (from, list_of(id)) {
            if from != id {
                move_to(from, to);
            }
        }
    };
    view! {
        <li class="entry" class:mine=mine data-entry=id.to_string() data-delegation=entry.delegation.to_string()
            draggable=if chair && movable { "true" } else { "false" }
            on:dragstart=drag_start on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=drop>
            <span class="place" aria-hidden="true">{move || app.state.with(|s| s.as_ref().and_then(|s| queue_number(s, id))).map(|n| format!("{n}."))}</span>
            <span class="name">{name.clone()}</span>
            <span class="kind">{move || kind_label(app.lang.get(), &kind)}</span>
            <Show when=move || by_rank() || (movable && rank().is_some())>
                <span class="rank" data-rank=move || rank().map_or("", |r| r.as_str())>
                    {move || app.t(rank().map_or(T::RankUnset, rank_label))}
                </span>
            </Show>
            <span class="actions">
                <Show when=move || by_rank() && (chair || mine)>
                    <select data-action="rank" on:change=pick_rank
                        aria-label=move || format!("{} — {}", app.t(T::RankLabel), app.name_of(entry.delegation))>
                        <option value="" disabled=true selected=move || rank().is_none()>{tr(T::RankUnset)}</option>
                        {ProtocolRank::ALL.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=move || rank() == Some(r)>{tr(rank_label(r))}</option>
                        }).collect_view()}
                    </select>
                </Show>
                <Show when=move || chair>
                    <button type="button" data-action="give-floor" aria-label=move || format!("{} — {}", app.t(T::GiveFloor), app.name_of(entry.delegation))
                        on:click=move |_| command(Command::GiveFloor { entry: id }, T::GiveFloor)>{tr(T::GiveFloor)}</button>
                    <Show when=move || movable>
                        <button type="button" data-action="move-up" node_ref=up_button aria-label=move || format!("{} — {}", app.t(T::MoveUp), app.name_of(entry.delegation))
                            disabled=move || index().is_none_or(|(_, i)| i == 0)
                            on:click=move |_| if let Some((_, i)) = index() { if i > 0 { move_by_keyboard(id, i - 1, false) } }>"↑"</button>
                        <button type="button" data-action="move-down" node_ref=down_button aria-label=move || format!("{} — {}", app.t(T::MoveDown), app.name_of(entry.delegation))
                            disabled=move || index().is_none_or(|(n, i)| i + 1 >= n)
                            on:click=move |_| if let Some((_, i)) = index() { move_by_keyboard(id, i + 1, true) }>"↓"</button>
                    </Show>
                </Show>
                <Show when=move || chair || mine>
                    <button type="button" data-action="withdraw" aria-label=move || format!("{} — {}", app.t(T::Withdraw), app.name_of(entry.delegation))
                        on:click=move |_| command(Command::WithdrawEntry { entry: id }, T::Withdraw)>{tr(T::Withdraw)}</button>
                </Show>
            </span>
        </li>
    }
}

/// The speakers list of the current item, with points of order and motions ahead of it
/// and the rights of reply after it.
#[component]
pub fn SpeakersList(chair: bool) -> impl IntoView {
    let app = app();
    let interventions = move || {
        app.state.with(|s| {
            s.as_ref()
                .map(|s| s.interventions.clone())
                .unwrap_or_default()
        })
    };
    let statements = move || {
        app.state.with(|s| {
            s.as_ref()
                .and_then(|s| s.current_item.and_then(|i| s.item(i)))
                .map(|i| i.statements.clone())
                .unwrap_or_default()
        })
    };
    let replies = move || {
        app.state.with(|s| {
            s.as_ref()
                .and_then(|s| s.current_item.and_then(|i| s.item(i)))
                .map(|i| i.replies.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <section class="speakers" aria-labelledby="speakers-title">
            <h2 id="speakers-title">{tr(T::SpeakersList)}</h2>
            // How many wait and how long they would take at the session's time limits.
            <p class="list-count" id="list-count"
                data-waiting=move || app.state.with(|s| s.as_ref().map_or(0, |s| crate::state::queue(s).len())).to_string()>
                {move || {
                    let lang = app.lang.get();
                    let now = app.now.get();
                    app.state.with(|s| app.info.with(|i| match (s, i) {
                        (Some(s), Some(i)) => lang.fill(T::ListCount, &[
                            &crate::state::queue(s).len().to_string(),
                            &rough_duration(time_to_finish_ms(s, i, now)),
                        ]),
                        _ => String::new(),
                    }))
                }}
            </p>
            <Show when=move || chair><p class="hint">{tr(T::DragHint)}</p></Show>
            <Show when=move || !interventions().is_empty()>
                <h3>{tr(T::Interventions)}</h3>
                <ol class="interventions" id="interventions">
                    <For each=interventions key=|e| e.id let:e>
                        <EntryRow entry=e chair=chair movable=false/>
                    </For>
                </ol>
            </Show>
            <ol class="statements" id="speakers-list">
                <For each=statements key=|e| e.id let:e>
                    <EntryRow entry=e chair=chair movable=true/>
                </For>
            </ol>
            <Show when=move || statements().is_empty()><p class="empty">{tr(T::ListEmpty)}</p></Show>
            <Show when=move || !replies().is_empty()>
                <h3>{tr(T::Replies)}</h3>
                <ol class="replies" id="replies">
                    <For each=replies key=|e| e.id let:e>
                        <EntryRow entry=e chair=chair movable=true/>
                    </For>
                </ol>
            </Show>
        </section>
    }
}

/// The listening channel: the floor, or an interpretation with the floor quiet under it.
#[component]
pub fn ListeningPicker(#[prop(optional)] relay: bool) -> impl IntoView {
    let app = app();
    // The channels with a booth staffed (in the session's order), and whether an
    // interpreter's microphone is live in it now; an unstaffed channel carries nothing.
    let channels = move || {
        let configured = app.info.with(|i| {
            i.as_ref()
                .map(|i| i.rules.interpretation_channels.clone())
                .unwrap_or_default()
        });
        app.state.with(|s| {
            let booths = s.as_ref().map(|s| s.booths.as_slice()).unwrap_or_default();
            configured
                .into_iter()
                .filter_map(|c| {
                    let booth = booths.iter().find(|b| b.channel == c)?;
                    (!booth.interpreters.is_empty()).then(|| (c, booth.live.is_some()))
                })
                .collect::<Vec<_>>()
        })
    };
    let pick = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let channel = if v.is_empty() { None } else { Some(v) };
        app.channel.set(channel.clone());
        crate::media::listen(channel);
    };
    view! {
        <section class="listening" aria-labelledby="listening-title">
            <h2 id="listening-title">{move || app.t(if relay { T::Incoming } else { T::Listening })}</h2>
            <label for="channel">{tr(T::Channel)}</label>
            <select id="channel" data-action="channel" on:change=pick>
                <option value="" selected=move || app.channel.get().is_none()>{tr(T::FloorOriginal)}</option>
                {move || channels().into_iter().map(|(c, live)| {
                    let c2 = c.clone();
                    let lang = app.lang.get();
                    let name = if relay { lang.fill(T::RelayFrom, &[&c]) } else { c.to_uppercase() };
                    let label = if live { lang.fill(T::ChannelLive, &[&name]) } else { name };
                    view! { <option value=c.clone() data-live=live.to_string() selected=move || app.channel.get().as_deref() == Some(c2.as_str())>{label}</option> }
                }).collect_view()}
            </select>
            <Show when=move || !relay>
                <label class="check">
                    <input type="checkbox" id="low-original" prop:checked=move || app.low_original.get()
                        on:change=move |ev| app.low_original.set(event_target_checked(&ev))/>
                    {tr(T::OriginalLow)}
                </label>
            </Show>
            <MediaLine/>
        </section>
    }
}

#[component]
pub fn MediaLine() -> impl IntoView {
    let app = app();
    view! {
        <p class="media-status" id="media-status"
            data-state=move || match app.media.get() {
                MediaStatus::Off => "off",
                MediaStatus::Joining => "joining",
                MediaStatus::Connected => "connected",
                MediaStatus::Failed(_) => "failed",
            }>
            {move || match app.media.get() {
                MediaStatus::Off => String::new(),
                MediaStatus::Joining => app.t(T::MediaJoining).into(),
                MediaStatus::Connected => app.t(T::MediaOn).into(),
                MediaStatus::Failed(m) => m,
            }}
        </p>
    }
}

/// The floor video (the speaker, or the room's camera).
#[component]
pub fn SpeakerVideo(#[prop(optional)] large: bool) -> impl IntoView {
    let holder = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(div) = holder.get() {
            crate::media::attach_video(&div);
        }
    });
    view! {
        <figure class=if large { "video large" } else { "video" }>
            <div class="video-holder" node_ref=holder></div>
            <figcaption class="sr-only">{tr(T::SpeakerVideo)}</figcaption>
        </figure>
    }
}

/// Attendance and the quorum, from the state (docs/protocol.md 8.7).
#[component]
pub fn Quorum() -> impl IntoView {
    let app = app();
    let numbers = move || {
        let members = app.info.with(|i| {
            i.as_ref()
                .map(|i| (i.members(), i.rules.quorum_required(i.members())))
        });
        let present = app.state.with(|s| s.as_ref().map(|s| s.members_present()));
        members.zip(present).map(|((m, q), p)| (p, m, q))
    };
    view! {
        <section class="quorum" aria-labelledby="quorum-title">
            <h2 id="quorum-title">{tr(T::Attendance)}</h2>
            {move || numbers().map(|(p, m, q)| {
                let lang = app.lang.get();
                view! {
                    <p id="quorum">{lang.fill(T::QuorumLine, &[&p.to_string(), &m.to_string(), &q.to_string()])}
                        " — " <strong>{lang.t(if p >= q { T::QuorumMet } else { T::QuorumNotMet })}</strong></p>
                }
            })}
            <ul class="attendees">
                {move || app.state.with(|s| s.as_ref().map(|s| s.attendance.clone()).unwrap_or_default()).into_iter().map(|a| {
                    let lang = app.lang.get();
                    view! { <li>{app.name_of(a.delegation)}" — "{lang.t(match a.mode {
                        AttendanceMode::InPerson => T::InPerson,
                        AttendanceMode::Remote => T::Remote,
                    })}</li> }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Who is talking: the microphones' levels (chair, secretariat, room).
#[component]
pub fn Levels() -> impl IntoView {
    let app = app();
    view! {
        <section class="levels" aria-labelledby="levels-title">
            <h2 id="levels-title">{tr(T::WhoIsTalking)}</h2>
            {move || {
                let levels: Vec<_> = app.levels.get().into_iter().filter(|l| l.voice || l.dbov > -50).collect();
                if levels.is_empty() {
                    return view! { <p>{tr(T::Silence)}</p> }.into_any();
                }
                view! { <ul>{levels.into_iter().map(|l| {
                    let who = match l.delegation {
                        Some(d) => app.name_of(d),
                        None => crate::state::role_label(app.lang.get(), l.role).to_string(),
                    };
                    let width = format!("width: {}%", (127 + i32::from(l.dbov)) * 100 / 127);
                    view! { <li>
                        <span class="name">{who}</span>
                        <span class="meter" aria-hidden="true"><span style=width></span></span>
                        <span>{move || app.t(if l.heard { T::Heard } else { T::NotHeard })}</span>
                    </li> }
                }).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}

/// The session's documents this participant may read, with a download per language.
#[component]
pub fn Documents() -> impl IntoView {
    let app = app();
    // Kept live by the connection (`subscribe_documents`): no reload needed.
    let docs = Memo::new(move |_| {
        app.documents
            .with(|r| r.as_ref().map(|r| r.documents.clone()).unwrap_or_default())
    });
    let session = app
        .info
        .with_untracked(|i| i.as_ref().map(|i| i.meeting.session_id));
    let download =
        move |session: SessionId, doc: floor_protocol::DocumentId, lang: &'static str| {
            leptos::task::spawn_local(async move {
                let token = app
                    .auth
                    .with_untracked(|a| a.as_ref().map(|a| a.token.clone()))
                    .unwrap_or_default();
                let _ = crate::net::download(
                    &format!("/api/sessions/{session}/documents/{doc}/files/{lang}"),
                    &token,
                )
                .await;
            });
        };
    view! {
        <section class="documents" aria-labelledby="documents-title">
            <h2 id="documents-title">{tr(T::Documents)}</h2>
            <Show when=move || !docs.with(|d| d.is_empty()) fallback=|| view! { <p>{tr(T::NoDocuments)}</p> }>
                <ul>
                    {move || docs.get().into_iter().map(|d| {
                        let id = d.id;
                        // A revised text stays listed, marked with what replaced it.
                        let replaced = d.superseded_by.and_then(|r| docs.with(|all| all.iter().find(|x| x.id == r).map(|x| x.symbol.to_string())));
                        let superseded = replaced.is_some();
                        view! { <li class:superseded=superseded>
                            <span class="symbol">{d.symbol.to_string()}</span>" "{d.title.clone()}" "
                            {replaced.map(|r| view! { <em class="replaced">{move || app.lang.get().fill(T::ConsoleReplacedBy, &[&r])}</em>" " })}
                            {d.files.iter().map(|f| {
                                let lang = f.language.code();
                                view! { <button type="button" class="link" on:click=move |_| if let Some(s) = session { download(s, id, lang) }>{lang.to_uppercase()}</button> }
                            }).collect_view()}
                        </li> }
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}
