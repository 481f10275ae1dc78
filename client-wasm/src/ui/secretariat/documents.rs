//! The document register of the session: upload each language's file, type the symbol
//! (checked as it is typed by the protocol crate's parser, the one the server uses),
//! choose the distribution and publish; revise, correct or add to a document (a
//! `/Rev.n`, `/Corr.n` or `/Add.n` symbol, which the server links to its original); and
//! the history of each symbol, every revision, corrigendum and addendum in order.

use super::{console, refusal, token, FieldError};
use crate::i18n::{Lang, T};
use crate::net;
use crate::state::app;
use crate::ui::tr;
use floor_protocol::api::*;
use floor_protocol::document::*;
use floor_protocol::symbol::{DocumentSymbol, Part, Suffix, SymbolError};
use floor_protocol::*;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// A symbol's problem in the reader's language.
pub fn symbol_problem(lang: Lang, e: &SymbolError) -> String {
    let part = |p: &Part| match p {
        Part::Body => lang.t(T::SymPartBody).to_string(),
        Part::Year => lang.t(T::SymPartYear).to_string(),
        Part::DocumentNumber => lang.t(T::SymPartDocNumber).to_string(),
        Part::Commission => lang.fill(T::SymPartNumberAfter, &["E/CN."]),
        Part::Limited => lang.fill(T::SymPartNumberAfter, &["L."]),
        Part::ConferenceRoomPaper => lang.fill(T::SymPartNumberAfter, &["CRP."]),
        Part::Information => lang.fill(T::SymPartNumberAfter, &["INF/"]),
        Part::NgoStatement => lang.fill(T::SymPartNumberAfter, &["NGO/"]),
        Part::Revision => lang.fill(T::SymPartNumberAfter, &["Rev."]),
        Part::Addendum => lang.fill(T::SymPartNumberAfter, &["Add."]),
        Part::Corrigendum => lang.fill(T::SymPartNumberAfter, &["Corr."]),
    };
    use SymbolError::*;
    match e {
        Empty => lang.t(T::SymEmpty).into(),
        TooLong { max } => lang.fill(T::SymTooLong, &[&max.to_string()]),
        Whitespace { position } => lang.fill(T::SymSpace, &[&position.to_string()]),
        NonAscii {
            character,
            position,
        }
        | UnexpectedCharacter {
            character,
            position,
        } => lang.fill(
            T::SymCharacter,
            &[&character.to_string(), &position.to_string()],
        ),
        MisplacedReissueMark { .. } | TooManyReissueMarks { .. } => lang.t(T::SymReissue).into(),
        LeadingSlash | TrailingSlash | DoubleSlash { .. } => lang.t(T::SymSlash).into(),
        UnsupportedBody { found } => lang.fill(T::SymBody, &[found]),
        WrongCase { found, expected }
        | MissingDot { found, expected }
        | WrongSeparator { found, expected } => lang.fill(T::SymWrite, &[found, expected]),
        Missing { part: p } => lang.fill(T::SymMissing, &[&part(p)]),
        InvalidNumber { part: p, found } => lang.fill(T::SymNumber, &[&part(p), found]),
        ZeroNumber { part: p } => lang.fill(T::SymZero, &[&part(p)]),
        LeadingZero { found, .. } => {
            lang.fill(T::SymWrite, &[found, found.trim_start_matches('0')])
        }
        NumberTooLarge { part: p, found } => lang.fill(T::SymTooLarge, &[&part(p), found]),
        InvalidYear { found } => lang.fill(T::SymYear, &[found]),
        YearOutOfRange { year } => lang.fill(T::SymYear, &[&year.to_string()]),
        UnknownSeries { found } => lang.fill(T::SymSeries, &[found]),
        UnknownSuffix { found } => lang.fill(T::SymSuffix, &[found]),
        DuplicateSuffix { first, second, .. } => lang.fill(T::SymDuplicate, &[first, second]),
        SuffixAfterCorrigendum { found } => lang.fill(T::SymAfterCorr, &[found]),
    }
}

/// What a valid symbol is to the register: a new document, or a revision, corrigendum or
/// addendum of another symbol (which the server requires to be published already).
fn symbol_meaning(lang: Lang, s: &DocumentSymbol) -> String {
    if let Some(o) = s.revises() {
        lang.fill(T::SymRevises, &[&o.to_string()])
    } else if let Some(o) = s.corrects() {
        lang.fill(T::SymCorrects, &[&o.to_string()])
    } else if let Some(o) = s.addendum_to() {
        lang.fill(T::SymAddsTo, &[&o.to_string()])
    } else {
        lang.t(T::SymNewDocument).into()
    }
}

/// The symbol of the next revision, corrigendum or addendum of `doc` in `register`.
fn next_symbol(doc: &Document, register: &[Document], kind: Next) -> Option<DocumentSymbol> {
    let text = doc.symbol.without_reissue().to_string();
    let next = match kind {
        Next::Revision => match doc.symbol.last_suffix() {
            Some(Suffix::Revision(n)) => {
                let stem = text.strip_suffix(&format!("/Rev.{n}"))?;
                format!("{stem}/Rev.{}", n + 1)
            }
            _ => format!("{text}/Rev.1"),
        },
        Next::Corrigendum | Next::Addendum => {
            let (word, of): (&str, fn(&DocumentSymbol) -> Option<DocumentSymbol>) = match kind {
                Next::Corrigendum => ("Corr", |s| s.corrects()),
                _ => ("Add", |s| s.addendum_to()),
            };
            let n = register
                .iter()
                .filter(|d| of(&d.symbol) == Some(doc.symbol.without_reissue()))
                .count()
                + 1;
            format!("{text}/{word}.{n}")
        }
    };
    DocumentSymbol::parse(&next).ok()
}

#[derive(Clone, Copy, PartialEq)]
enum Next {
    Revision,
    Corrigendum,
    Addendum,
}

fn kind_label(kind: DocumentKind) -> T {
    match kind {
        DocumentKind::DraftResolution => T::DocDraftResolution,
        DocumentKind::ConferenceRoomPaper => T::DocConferenceRoomPaper,
        DocumentKind::Information => T::DocInformation,
        DocumentKind::NgoStatement => T::DocNgoStatement,
        DocumentKind::Report => T::DocReport,
        DocumentKind::Other => T::DocOther,
    }
}

const KINDS: [(DocumentKind, &str); 6] = [
    (DocumentKind::DraftResolution, "draft_resolution"),
    (DocumentKind::ConferenceRoomPaper, "conference_room_paper"),
    (DocumentKind::Information, "information"),
    (DocumentKind::NgoStatement, "ngo_statement"),
    (DocumentKind::Report, "report"),
    (DocumentKind::Other, "other"),
];

/// One language's file: uploading, uploaded, or refused.
#[derive(Clone, PartialEq)]
enum Upload {
    Sending,
    Stored(UploadedFile),
    Refused(String),
}

/// The publishing form, as typed: kept whole when the server refuses it.
#[derive(Clone, Copy)]
struct Draft {
    symbol: RwSignal<String>,
    title: RwSignal<String>,
    kind: RwSignal<DocumentKind>,
    status: RwSignal<DocumentStatus>,
    /// "general", "limited", "members" or "delegations".
    distribution: RwSignal<String>,
    named: RwSignal<Vec<DelegationId>>,
    agenda: RwSignal<String>,
    sponsor: RwSignal<String>,
    files: RwSignal<Vec<(Language, Upload)>>,
    error: RwSignal<Option<String>>,
}

/// Empty the page's file pickers, along with the files the draft holds.
fn clear_file_inputs() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for l in Language::ALL {
        if let Some(input) = document
            .get_element_by_id(&format!("doc-file-{}", l.code()))
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.set_value("");
        }
    }
}

impl Draft {
    fn prefill(&self, doc: &Document, symbol: DocumentSymbol) {
        self.symbol.set(symbol.to_string());
        self.title.set(doc.title.clone());
        self.kind.set(doc.kind);
        self.distribution.set(
            match &doc.distribution {
                Distribution::General => "general",
                Distribution::Limited => "limited",
                Distribution::Members => "members",
                Distribution::Delegations { .. } => "delegations",
            }
            .into(),
        );
        if let Distribution::Delegations { delegations } = &doc.distribution {
            self.named.set(delegations.clone());
        }
        self.agenda.set(doc.agenda_items.join(", "));
        self.files.set(Vec::new());
        clear_file_inputs();
        self.error.set(None);
    }
}

#[component]
pub fn DocumentsPanel() -> impl IntoView {
    let app = app();
    let console = console();
    let listed = RwSignal::new(Vec::<Document>::new());
    let reload = move || {
        let Some(sid) = console.session.get_untracked() else {
            return;
        };
        spawn_local(async move {
            if let Ok(d) =
                net::get::<Vec<Document>>(&format!("/api/sessions/{sid}/documents"), &token()).await
            {
                listed.set(d);
            }
        });
    };
    Effect::new(move |_| {
        console.session.track();
        reload();
    });
    // Live from the WebSocket when a meeting of this session is followed; else as listed.
    let register = Memo::new(move |_| {
        let sid = console.session.get();
        app.documents
            .with(|r| {
                r.as_ref()
                    .filter(|r| {
                        Some(r.session_id) == sid && r.documents.len() >= listed.with(|l| l.len())
                    })
                    .map(|r| r.documents.clone())
            })
            .unwrap_or_else(|| listed.get())
    });
    let draft = Draft {
        symbol: RwSignal::new(String::new()),
        title: RwSignal::new(String::new()),
        kind: RwSignal::new(DocumentKind::DraftResolution),
        status: RwSignal::new(DocumentStatus::AdvanceUnedited),
        distribution: RwSignal::new("general".into()),
        named: RwSignal::new(Vec::new()),
        agenda: RwSignal::new(String::new()),
        sponsor: RwSignal::new(String::new()),
        files: RwSignal::new(Vec::new()),
        error: RwSignal::new(None),
    };
    let symbol_field = NodeRef::<leptos::html::Input>::new();
    let start = move |doc: Document, next: Next| {
        if let Some(s) = next_symbol(&doc, &register.get_untracked(), next) {
            draft.prefill(&doc, s);
            if let Some(input) = symbol_field.get_untracked() {
                let _ = input.focus();
            }
        }
    };
    view! {
        <section class="card documents-console" id="console-documents" aria-labelledby="documents-console-title">
            <h2 id="documents-console-title">{tr(T::Documents)}</h2>
            <div class="columns">
                <div class="column">
                    <PublishForm draft=draft symbol_field=symbol_field on_published=move || reload()/>
                </div>
                <div class="column">
                    <History register=register start=start/>
                </div>
            </div>
        </section>
    }
}

#[component]
fn PublishForm(
    draft: Draft,
    symbol_field: NodeRef<leptos::html::Input>,
    on_published: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let app = app();
    let console = console();
    let parsed = Memo::new(move |_| {
        let s = draft.symbol.get();
        (!s.trim().is_empty()).then(|| DocumentSymbol::parse(&s))
    });
    let symbol_note = move || {
        let lang = app.lang.get();
        parsed.with(|p| match p {
            None => None,
            Some(Ok(s)) => Some((true, symbol_meaning(lang, s))),
            Some(Err(e)) => Some((false, symbol_problem(lang, e))),
        })
    };
    let upload = move |language: Language, input: web_sys::HtmlInputElement| {
        let Some(sid) = console.session.get_untracked() else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            draft.files.update(|f| f.retain(|(l, _)| *l != language));
            return;
        };
        let lang = app.lang.get_untracked();
        let set = move |u: Upload| {
            draft.files.update(|f| {
                f.retain(|(l, _)| *l != language);
                f.push((language, u));
                f.sort_by_key(|(l, _)| *l);
            })
        };
        set(Upload::Sending);
        spawn_local(async move {
            match net::upload::<UploadedFile>(
                &format!("/api/sessions/{sid}/files"),
                &token(),
                &file,
            )
            .await
            {
                Ok(stored) => set(Upload::Stored(stored)),
                Err(e) => set(Upload::Refused(refusal(lang, &e))),
            }
        });
    };
    let publish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(sid) = console.session.get_untracked() else {
            return;
        };
        let lang = app.lang.get_untracked();
        let symbol = match DocumentSymbol::parse(&draft.symbol.get_untracked()) {
            Ok(s) => s,
            Err(e) => return draft.error.set(Some(symbol_problem(lang, &e))),
        };
        if draft
            .files
            .with_untracked(|f| f.iter().any(|(_, u)| *u == Upload::Sending))
        {
            return draft
                .error
                .set(Some(lang.t(T::ConsoleStillUploading).into()));
        }
        let files = draft.files.with_untracked(|f| {
            f.iter()
                .filter_map(|(l, u)| match u {
                    Upload::Stored(s) => Some(DocumentFile {
                        language: *l,
                        content_id: s.content_id.clone(),
                        mime: String::new(),
                        size: 0,
                    }),
                    _ => None,
                })
                .collect::<Vec<_>>()
        });
        let distribution = match draft.distribution.get_untracked().as_str() {
            "limited" => Distribution::Limited,
            "members" => Distribution::Members,
            "delegations" => Distribution::Delegations {
                delegations: draft.named.get_untracked(),
            },
            _ => Distribution::General,
        };
        let command = DocumentCommand::Publish {
            symbol,
            title: draft.title.get_untracked(),
            kind: draft.kind.get_untracked(),
            status: draft.status.get_untracked(),
            distribution,
            agenda_items: draft
                .agenda
                .get_untracked()
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            files,
            main_sponsor: draft
                .sponsor
                .get_untracked()
                .parse::<i64>()
                .ok()
                .map(DelegationId),
            sponsors: Vec::new(),
        };
        spawn_local(async move {
            let answer = net::post::<_, DocumentCommandAccepted>(
                &format!("/api/sessions/{sid}/documents/commands"),
                Some(&token()),
                &DocumentCommandRequest { command },
            )
            .await;
            match answer {
                Ok(_) => {
                    draft.error.set(None);
                    draft.symbol.set(String::new());
                    draft.title.set(String::new());
                    draft.files.set(Vec::new());
                    clear_file_inputs();
                    on_published();
                }
                Err(e) => draft.error.set(Some(refusal(lang, &e))),
            }
        });
    };
    let distributions = [
        ("general", T::DistGeneral),
        ("limited", T::DistLimited),
        ("members", T::DistMembers),
        ("delegations", T::DistDelegations),
    ];
    view! {
        <form id="publish-form" class="publish" on:submit=publish>
            <h3>{tr(T::ConsolePublishTitle)}</h3>
            <label for="doc-symbol">{tr(T::ConsoleSymbol)}</label>
            <input id="doc-symbol" node_ref=symbol_field autocomplete="off" spellcheck="false" dir="ltr"
                aria-describedby="doc-symbol-note"
                aria-invalid=move || parsed.with(|p| matches!(p, Some(Err(_)))).to_string()
                prop:value=move || draft.symbol.get() on:input=move |ev| draft.symbol.set(event_target_value(&ev))/>
            <p id="doc-symbol-note" aria-live="polite"
                class=move || match symbol_note() { Some((true, _)) => "symbol-note ok", Some((false, _)) => "symbol-note field-error", None => "symbol-note" }
                data-valid=move || symbol_note().map(|(ok, _)| ok.to_string()).unwrap_or_default()>
                {move || symbol_note().map(|(_, t)| t)}
            </p>
            <label for="doc-title">{tr(T::Title)}</label>
            <input id="doc-title" prop:value=move || draft.title.get() on:input=move |ev| draft.title.set(event_target_value(&ev))/>
            <label for="doc-kind">{tr(T::Kind)}</label>
            <select id="doc-kind" on:change=move |ev| {
                let v = event_target_value(&ev);
                if let Some((k, _)) = KINDS.iter().find(|(_, s)| *s == v) { draft.kind.set(*k) }
            }>
                {KINDS.into_iter().map(|(k, s)| view! { <option value=s selected=move || draft.kind.get() == k>{tr(kind_label(k))}</option> }).collect_view()}
            </select>
            <label for="doc-status">{tr(T::ConsoleDocStatus)}</label>
            <select id="doc-status" on:change=move |ev| draft.status.set(
                if event_target_value(&ev) == "final" { DocumentStatus::Final } else { DocumentStatus::AdvanceUnedited })>
                <option value="advance_unedited" selected=move || draft.status.get() == DocumentStatus::AdvanceUnedited>{tr(T::DocAdvanceUnedited)}</option>
                <option value="final" selected=move || draft.status.get() == DocumentStatus::Final>{tr(T::DocFinal)}</option>
            </select>
            <fieldset class="distribution">
                <legend>{tr(T::ConsoleDistribution)}</legend>
                {distributions.into_iter().map(|(v, label)| view! {
                    <label class="check">
                        <input type="radio" name="doc-distribution" value=v prop:checked=move || draft.distribution.get() == v
                            on:change=move |_| draft.distribution.set(v.into())/>
                        {tr(label)}
                    </label>
                }).collect_view()}
                <Show when=move || draft.distribution.get() == "delegations">
                    <ul class="named">
                        {move || console.delegations.get().into_iter().map(|d| {
                            let id = d.id;
                            view! { <li><label class="check">
                                <input type="checkbox" prop:checked=move || draft.named.with(|n| n.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        draft.named.update(|n| { n.retain(|x| *x != id); if on { n.push(id) } })
                                    }/>
                                {d.name.clone()}
                            </label></li> }
                        }).collect_view()}
                    </ul>
                </Show>
            </fieldset>
            <label for="doc-agenda">{tr(T::ConsoleDocAgenda)}</label>
            <input id="doc-agenda" prop:value=move || draft.agenda.get() on:input=move |ev| draft.agenda.set(event_target_value(&ev))/>
            <Show when=move || draft.kind.get() == DocumentKind::DraftResolution>
                <label for="doc-sponsor">{tr(T::ConsoleMainSponsor)}</label>
                <select id="doc-sponsor" on:change=move |ev| draft.sponsor.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {move || console.delegations.get().into_iter().filter(|d| matches!(d.kind, DelegationKind::Member | DelegationKind::ObserverState)).map(|d| {
                        let v = d.id.to_string();
                        let v2 = v.clone();
                        view! { <option value=v selected=move || draft.sponsor.get() == v2>{d.name.clone()}</option> }
                    }).collect_view()}
                </select>
            </Show>
            <fieldset class="files">
                <legend>{tr(T::ConsoleFiles)}</legend>
                {Language::ALL.into_iter().map(|l| {
                    let id = format!("doc-file-{}", l.code());
                    let state = move || draft.files.with(|f| f.iter().find(|(x, _)| *x == l).map(|(_, u)| u.clone()));
                    view! {
                        <div class="file-row" data-language=l.code()>
                            <label for=id.clone()>{l.code().to_uppercase()}</label>
                            <input type="file" id=id accept=".pdf,.docx,.xlsx,.txt,application/pdf"
                                on:change=move |ev| {
                                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                        upload(l, input)
                                    }
                                }/>
                            <span class="upload-state" data-state=move || match state() {
                                None => "", Some(Upload::Sending) => "sending", Some(Upload::Stored(_)) => "stored", Some(Upload::Refused(_)) => "refused",
                            }>
                                {move || match state() {
                                    None => String::new(),
                                    Some(Upload::Sending) => app.t(T::ConsoleUploading).to_string(),
                                    Some(Upload::Stored(f)) => app.lang.get().fill(T::ConsoleUploaded, &[&f.size.div_ceil(1024).to_string()]),
                                    Some(Upload::Refused(why)) => why,
                                }}
                            </span>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <FieldError id="publish-error" error=draft.error/>
            <button type="submit" class="primary" data-action="publish">{tr(T::ConsolePublish)}</button>
        </form>
    }
}

/// Every symbol of the register, its revisions, corrigenda and addenda beneath it, oldest
/// first, with what replaced what; and the buttons that start a revision, a corrigendum
/// or an addendum of a document.
#[component]
fn History(
    register: Memo<Vec<Document>>,
    start: impl Fn(Document, Next) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let app = app();
    let families = move || {
        let docs = register.get();
        let mut bases: Vec<DocumentSymbol> = Vec::new();
        for d in &docs {
            let b = d.symbol.base();
            if !bases.contains(&b) {
                bases.push(b);
            }
        }
        bases
            .into_iter()
            .map(|b| {
                let members: Vec<Document> = docs
                    .iter()
                    .filter(|d| d.symbol.base() == b)
                    .cloned()
                    .collect();
                (b, members)
            })
            .collect::<Vec<_>>()
    };
    let symbol_of = move |id: DocumentId| {
        register.with(|r| r.iter().find(|d| d.id == id).map(|d| d.symbol.to_string()))
    };
    view! {
        <section class="register" aria-labelledby="register-title">
            <h3 id="register-title">{tr(T::ConsoleRegister)}</h3>
            <Show when=move || register.with(|r| !r.is_empty()) fallback=|| view! { <p>{tr(T::NoDocuments)}</p> }>
                <ul class="families" id="register">
                    {move || families().into_iter().map(|(base, members)| view! {
                        <li class="family" data-symbol=base.to_string()>
                            <h4 class="symbol">{base.to_string()}</h4>
                            <ol class="history">
                                {members.into_iter().map(|d| {
                                    let lang = app.lang.get();
                                    let current = d.superseded_by.is_none();
                                    let replaced = d.superseded_by.and_then(symbol_of);
                                    let languages = d.files.iter().map(|f| f.language.code().to_uppercase()).collect::<Vec<_>>().join(" ");
                                    let (d1, d2, d3) = (d.clone(), d.clone(), d.clone());
                                    let symbol = d.symbol.to_string();
                                    view! {
                                        <li class="revision" class:superseded=!current data-document=d.id.to_string() data-symbol=symbol.clone()>
                                            {let symbol = symbol.clone(); view! {
                                            <span class="symbol">{symbol.clone()}</span>" — "{d.title.clone()}
                                            " · "<span class="langs">{languages}</span>
                                            " · "{lang.t(kind_label(d.kind))}
                                            {replaced.map(|r| view! { " · "<em class="replaced">{lang.fill(T::ConsoleReplacedBy, &[&r])}</em> })}
                                            <span class="actions">
                                                <Show when=move || current>
                                                    <button type="button" data-action="revise" aria-label=format!("{} — {symbol}", lang.t(T::ConsoleRevise))
                                                        on:click={let d1 = d1.clone(); move |_| start(d1.clone(), Next::Revision)}>{tr(T::ConsoleRevise)}</button>
                                                </Show>
                                                <button type="button" data-action="corrigendum"
                                                    on:click=move |_| start(d2.clone(), Next::Corrigendum)>{tr(T::ConsoleCorrigendum)}</button>
                                                <button type="button" data-action="addendum"
                                                    on:click=move |_| start(d3.clone(), Next::Addendum)>{tr(T::ConsoleAddendum)}</button>
                                            </span>
                                            }}
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        </li>
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}
