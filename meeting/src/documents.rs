//! The document register's rules: publishing (with revisions superseding and corrigenda
//! and addenda attaching), language versions, and sponsorship of draft resolutions.

use crate::authority::permits_document;
use crate::rules::MeetingContext;
use floor_protocol::document::*;
use floor_protocol::event::Actor;
use floor_protocol::*;

const MAX_TITLE_CHARS: usize = 500;
const MAX_ITEM_CHARS: usize = 16;
const MAX_ITEMS: usize = 30;

/// The reader an actor is, for distribution.
pub fn reader(ctx: &MeetingContext, actor: &Actor) -> Reader {
    Reader {
        role: actor.role,
        delegation: actor.delegation,
        delegation_kind: actor
            .delegation
            .and_then(|d| ctx.delegations.get(&d).copied()),
    }
}

/// Decide a command on the register: the events that follow, or why not.
pub fn decide_document(
    ctx: &MeetingContext,
    register: &Register,
    actor: &Actor,
    command: &DocumentCommand,
    now: Millis,
) -> Result<Vec<DocumentEvent>, Rejection> {
    use DocumentCommand::*;
    if !permits_document(actor.role, command) {
        return Err(Rejection::NotPermitted {
            role: actor.role,
            command: command.name().to_string(),
        });
    }
    match command {
        Publish {
            symbol,
            title,
            kind,
            status,
            distribution,
            agenda_items,
            files,
            main_sponsor,
            sponsors,
        } => {
            let n = title.trim().chars().count();
            if n == 0 || n > MAX_TITLE_CHARS {
                return Err(Rejection::InvalidText {
                    field: "title".into(),
                    max_chars: MAX_TITLE_CHARS as u32,
                });
            }
            if agenda_items.len() > MAX_ITEMS
                || agenda_items
                    .iter()
                    .any(|i| i.trim().is_empty() || i.chars().count() > MAX_ITEM_CHARS)
            {
                return Err(Rejection::InvalidText {
                    field: "agenda item".into(),
                    max_chars: MAX_ITEM_CHARS as u32,
                });
            }
            if register.by_symbol(symbol).is_some() {
                return Err(Rejection::DuplicateSymbol {
                    symbol: symbol.to_string(),
                });
            }
            check_files(files)?;
            if let Distribution::Delegations { delegations } = distribution {
                if delegations.is_empty() {
                    return Err(Rejection::InvalidFiles {
                        reason: "a restricted distribution names at least one delegation".into(),
                    });
                }
                for d in delegations {
                    ctx.delegations
                        .get(d)
                        .ok_or(Rejection::UnknownDelegation { delegation: *d })?;
                }
            }
            let original =
                |of: Option<symbol::DocumentSymbol>| -> Result<Option<&Document>, Rejection> {
                    match of {
                        None => Ok(None),
                        Some(o) => {
                            register
                                .by_symbol(&o)
                                .map(Some)
                                .ok_or(Rejection::MissingOriginal {
                                    symbol: symbol.to_string(),
                                    original: o.to_string(),
                                })
                        }
                    }
                };
            let revised = original(symbol.revises())?;
            let attached = original(symbol.corrects().or(symbol.addendum_to()))?;
            let (mut main, mut cosponsors) = (*main_sponsor, sponsors.clone());
            if *kind == DocumentKind::DraftResolution {
                if main.is_none() && cosponsors.is_empty() {
                    if let Some(r) = revised {
                        // A revised draft keeps its sponsors.
                        main = r.main_sponsor;
                        cosponsors = r.sponsors.clone();
                    }
                }
                for d in main.iter().chain(cosponsors.iter()) {
                    state_delegation(ctx, *d)?;
                }
                // Each sponsor once, in the order first named.
                let mut seen = Vec::with_capacity(cosponsors.len());
                cosponsors.retain(|d| {
                    let first = !seen.contains(d);
                    seen.push(*d);
                    first
                });
                cosponsors.retain(|d| Some(*d) != main);
            } else if main.is_some() || !cosponsors.is_empty() {
                return Err(Rejection::NotADraft {
                    document: DocumentId(register.documents.len() as u32 + 1),
                });
            }
            let mut files = files.clone();
            files.sort_by_key(|f| f.language);
            Ok(vec![DocumentEvent::Published {
                document: Box::new(Document {
                    id: DocumentId(register.documents.len() as u32 + 1),
                    symbol: *symbol,
                    title: title.trim().to_string(),
                    kind: *kind,
                    status: *status,
                    distribution: distribution.clone(),
                    agenda_items: agenda_items.iter().map(|i| i.trim().to_string()).collect(),
                    files,
                    published_at: now,
                    supersedes: revised.map(|r| r.id),
                    superseded_by: None,
                    attached_to: attached.map(|a| a.id),
                    attachments: Vec::new(),
                    main_sponsor: main,
                    sponsors: cosponsors,
                    sponsorship_closed: false,
                }),
            }])
        }
        AddFiles {
            document,
            status,
            files,
        } => {
            register
                .document(*document)
                .ok_or(Rejection::UnknownDocument {
                    document: *document,
                })?;
            check_files(files)?;
            Ok(vec![DocumentEvent::FilesAdded {
                document: *document,
                status: *status,
                files: files.clone(),
            }])
        }
        SignOn { document } | SignOff { document } => {
            let me = reader(ctx, actor);
            // A document outside one's distribution does not exist for one.
            let d = register
                .document(*document)
                .filter(|d| d.distribution.admits(&me))
                .ok_or(Rejection::UnknownDocument {
                    document: *document,
                })?;
            if d.kind != DocumentKind::DraftResolution {
                return Err(Rejection::NotADraft {
                    document: *document,
                });
            }
            if d.sponsorship_closed || d.superseded_by.is_some() {
                return Err(Rejection::SponsorshipClosed {
                    document: *document,
                });
            }
            let delegation = actor.delegation.ok_or(Rejection::NoDelegation)?;
            state_delegation(ctx, delegation)?;
            let sponsor = d.main_sponsor == Some(delegation) || d.sponsors.contains(&delegation);
            match command {
                SignOn { .. } if sponsor => Err(Rejection::AlreadySponsor {
                    document: *document,
                }),
                SignOn { .. } => Ok(vec![DocumentEvent::SponsorJoined {
                    document: *document,
                    delegation,
                }]),
                _ if !d.sponsors.contains(&delegation) => Err(Rejection::NotASponsor {
                    document: *document,
                }),
                _ => Ok(vec![DocumentEvent::SponsorLeft {
                    document: *document,
                    delegation,
                }]),
            }
        }
        CloseSponsorship { document } => {
            let d = register
                .document(*document)
                .ok_or(Rejection::UnknownDocument {
                    document: *document,
                })?;
            if d.kind != DocumentKind::DraftResolution {
                return Err(Rejection::NotADraft {
                    document: *document,
                });
            }
            if d.sponsorship_closed {
                return Err(Rejection::SponsorshipClosed {
                    document: *document,
                });
            }
            Ok(vec![DocumentEvent::SponsorshipClosed {
                document: *document,
            }])
        }
    }
}

/// Decide and fold; a refused command leaves the register as it was.
pub fn execute_document(
    ctx: &MeetingContext,
    register: &mut Register,
    actor: &Actor,
    command: &DocumentCommand,
    now: Millis,
) -> Result<Vec<DocumentEnvelope>, Rejection> {
    let events = decide_document(ctx, register, actor, command, now)?;
    Ok(crate::log::number_and_fold(register, actor, now, events))
}

fn state_delegation(ctx: &MeetingContext, d: DelegationId) -> Result<(), Rejection> {
    match ctx.delegations.get(&d) {
        None => Err(Rejection::UnknownDelegation { delegation: d }),
        Some(DelegationKind::Member | DelegationKind::ObserverState) => Ok(()),
        Some(_) => Err(Rejection::NotAState { delegation: d }),
    }
}

fn check_files(files: &[DocumentFile]) -> Result<(), Rejection> {
    let bad = |reason: &str| {
        Err(Rejection::InvalidFiles {
            reason: reason.into(),
        })
    };
    if files.is_empty() {
        return bad("at least one language version is needed");
    }
    let mut languages: Vec<Language> = files.iter().map(|f| f.language).collect();
    languages.sort();
    languages.dedup();
    if languages.len() != files.len() {
        return bad("one file per language");
    }
    let hex = |s: &str| {
        s.len() == 64
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    if !files.iter().all(|f| hex(&f.content_id)) {
        return bad("a file is named by the content id its upload returned");
    }
    Ok(())
}
