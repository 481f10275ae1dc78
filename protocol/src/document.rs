//! Documents: draft resolutions, conference room papers, information papers, NGO
//! statements and reports, each with a UN symbol, a version per language, a distribution
//! and (for drafts) sponsors. A session keeps them in its document register, an event log
//! of its own: publishing is a command, every entitled participant gets the event at once,
//! and nobody outside a document's distribution learns it exists.

use crate::event::Actor;
use crate::ids::*;
use crate::roster::{DelegationKind, Role};
use crate::symbol::DocumentSymbol;
use serde::{Deserialize, Serialize};

/// The six official languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Ar,
    Zh,
    En,
    Fr,
    Ru,
    Es,
}

impl Language {
    pub const ALL: [Language; 6] = [
        Language::Ar,
        Language::Zh,
        Language::En,
        Language::Fr,
        Language::Ru,
        Language::Es,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Language::Ar => "ar",
            Language::Zh => "zh",
            Language::En => "en",
            Language::Fr => "fr",
            Language::Ru => "ru",
            Language::Es => "es",
        }
    }

    pub fn parse(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    DraftResolution,
    ConferenceRoomPaper,
    Information,
    NgoStatement,
    Report,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    /// "Advance unedited version".
    AdvanceUnedited,
    Final,
}

/// Who may know that a document exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Distribution {
    /// Everyone, the webcast audience included.
    General,
    /// Everyone taking part in the session (not the webcast audience).
    Limited,
    /// Delegations of members of the commission (and the interpreters, who work from it).
    Members,
    /// The delegations named (and the interpreters).
    Delegations { delegations: Vec<DelegationId> },
}

/// Who is reading, as far as distribution is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reader {
    pub role: Role,
    pub delegation: Option<DelegationId>,
    pub delegation_kind: Option<DelegationKind>,
}

impl Distribution {
    /// Whether `reader` is entitled to the document (and to know it exists). The chair and
    /// the secretariat see everything.
    pub fn admits(&self, reader: &Reader) -> bool {
        if reader.role.presides() {
            return true;
        }
        match self {
            Distribution::General => true,
            Distribution::Limited => reader.role != Role::Viewer,
            Distribution::Members => {
                reader.role == Role::Interpreter
                    || (reader.role == Role::Delegate
                        && reader.delegation_kind == Some(DelegationKind::Member))
            }
            Distribution::Delegations { delegations } => {
                reader.role == Role::Interpreter
                    || (reader.role == Role::Delegate
                        && reader.delegation.is_some_and(|d| delegations.contains(&d)))
            }
        }
    }
}

/// One language version of a document: a stored file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DocumentFile {
    pub language: Language,
    /// The SHA-256 of the content (the file's name in storage), as returned by the upload.
    pub content_id: String,
    /// Filled in by the server from the upload; a client may leave it out.
    #[serde(default)]
    pub mime: String,
    #[serde(default)]
    pub size: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Document {
    pub id: DocumentId,
    pub symbol: DocumentSymbol,
    pub title: String,
    pub kind: DocumentKind,
    pub status: DocumentStatus,
    pub distribution: Distribution,
    /// Agenda item numbers as printed ("4 (a)").
    pub agenda_items: Vec<String>,
    pub files: Vec<DocumentFile>,
    pub published_at: Millis,
    /// The document this revision replaces.
    pub supersedes: Option<DocumentId>,
    /// The revision that replaced this one; the old text stays readable in the history.
    pub superseded_by: Option<DocumentId>,
    /// The document this corrigendum (or addendum) attaches to.
    pub attached_to: Option<DocumentId>,
    /// Corrigenda and addenda attached to this document.
    pub attachments: Vec<DocumentId>,
    pub main_sponsor: Option<DelegationId>,
    /// Co-sponsors, in the order they signed on.
    pub sponsors: Vec<DelegationId>,
    /// Set when the draft is adopted: nobody signs on or off any more.
    pub sponsorship_closed: bool,
}

/// Commands on a session's document register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum DocumentCommand {
    /// Secretariat: publish a document. A `/Rev.n` symbol supersedes the document it
    /// revises; a `/Corr.n` or `/Add.n` attaches to its document.
    Publish {
        symbol: DocumentSymbol,
        title: String,
        kind: DocumentKind,
        status: DocumentStatus,
        distribution: Distribution,
        #[serde(default)]
        agenda_items: Vec<String>,
        files: Vec<DocumentFile>,
        #[serde(default)]
        main_sponsor: Option<DelegationId>,
        #[serde(default)]
        sponsors: Vec<DelegationId>,
    },
    /// Secretariat: add language versions (or replace the advance version by the final one).
    AddFiles {
        document: DocumentId,
        status: DocumentStatus,
        files: Vec<DocumentFile>,
    },
    /// Delegate of a State: co-sponsor a draft resolution.
    SignOn { document: DocumentId },
    /// Delegate of a State: withdraw as co-sponsor.
    SignOff { document: DocumentId },
    /// Secretariat: the draft was adopted; the list of sponsors is final.
    CloseSponsorship { document: DocumentId },
}

impl DocumentCommand {
    pub fn name(&self) -> &'static str {
        match self {
            DocumentCommand::Publish { .. } => "publish",
            DocumentCommand::AddFiles { .. } => "add_files",
            DocumentCommand::SignOn { .. } => "sign_on",
            DocumentCommand::SignOff { .. } => "sign_off",
            DocumentCommand::CloseSponsorship { .. } => "close_sponsorship",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DocumentEvent {
    /// A new document; if it is a revision, `document.supersedes` names what it replaces.
    Published {
        document: Box<Document>,
    },
    FilesAdded {
        document: DocumentId,
        status: DocumentStatus,
        files: Vec<DocumentFile>,
    },
    SponsorJoined {
        document: DocumentId,
        delegation: DelegationId,
    },
    SponsorLeft {
        document: DocumentId,
        delegation: DelegationId,
    },
    SponsorshipClosed {
        document: DocumentId,
    },
}

impl DocumentEvent {
    pub fn name(&self) -> &'static str {
        match self {
            DocumentEvent::Published { .. } => "published",
            DocumentEvent::FilesAdded { .. } => "files_added",
            DocumentEvent::SponsorJoined { .. } => "sponsor_joined",
            DocumentEvent::SponsorLeft { .. } => "sponsor_left",
            DocumentEvent::SponsorshipClosed { .. } => "sponsorship_closed",
        }
    }

    /// The document the event is about.
    pub fn document(&self) -> DocumentId {
        match self {
            DocumentEvent::Published { document } => document.id,
            DocumentEvent::FilesAdded { document, .. }
            | DocumentEvent::SponsorJoined { document, .. }
            | DocumentEvent::SponsorLeft { document, .. }
            | DocumentEvent::SponsorshipClosed { document } => *document,
        }
    }
}

/// One event of a session's document register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DocumentEnvelope {
    pub session_id: SessionId,
    /// Position in the register's log, from 1. A participant sees only the events of
    /// documents they are entitled to, so the numbers they see may skip.
    pub seq: u64,
    pub at: Millis,
    pub actor: Actor,
    pub event: DocumentEvent,
}

/// A session's documents, folded from its register's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Register {
    pub session_id: SessionId,
    pub seq: u64,
    pub documents: Vec<Document>,
}

impl Register {
    pub fn new(session_id: SessionId) -> Self {
        Register {
            session_id,
            seq: 0,
            documents: Vec::new(),
        }
    }

    pub fn document(&self, id: DocumentId) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    pub fn by_symbol(&self, symbol: &DocumentSymbol) -> Option<&Document> {
        self.documents.iter().find(|d| d.symbol == *symbol)
    }

    fn document_mut(&mut self, id: DocumentId) -> Option<&mut Document> {
        self.documents.iter_mut().find(|d| d.id == id)
    }

    /// The documents `reader` may see, in publication order, each as `reader` sees it
    /// ([`Register::as_seen_by`]).
    pub fn visible_to(&self, reader: &Reader) -> Vec<Document> {
        self.documents
            .iter()
            .filter(|d| d.distribution.admits(reader))
            .map(|d| self.as_seen_by(d, reader))
            .collect()
    }

    /// Document `id` as `reader` sees it, or `None` if there is no such document or
    /// `reader` is not entitled to it (the two look the same).
    pub fn visible_document(&self, id: DocumentId, reader: &Reader) -> Option<Document> {
        self.document(id)
            .filter(|d| d.distribution.admits(reader))
            .map(|d| self.as_seen_by(d, reader))
    }

    /// What `reader` may know of `document`: its `superseded_by` and `attachments` keep
    /// only documents `reader` is entitled to, so a revision or corrigendum restricted to
    /// other delegations does not show through a document `reader` may read. This is
    /// exactly what folding the events `reader` receives gives (the event that links a
    /// restricted revision is never delivered to them), so a snapshot, a listing and the
    /// live events agree.
    pub fn as_seen_by(&self, document: &Document, reader: &Reader) -> Document {
        let admitted = |id: &DocumentId| {
            self.document(*id)
                .is_some_and(|d| d.distribution.admits(reader))
        };
        let mut seen = document.clone();
        seen.superseded_by = seen.superseded_by.filter(admitted);
        seen.attachments.retain(admitted);
        seen
    }

    pub fn apply(&mut self, e: &DocumentEnvelope) {
        self.seq = e.seq;
        match &e.event {
            DocumentEvent::Published { document } => {
                let d = (**document).clone();
                if let Some(old) = d.supersedes.and_then(|o| self.document_mut(o)) {
                    old.superseded_by = Some(d.id);
                }
                if let Some(base) = d.attached_to.and_then(|b| self.document_mut(b)) {
                    base.attachments.push(d.id);
                }
                self.documents.push(d);
            }
            DocumentEvent::FilesAdded {
                document,
                status,
                files,
            } => {
                if let Some(d) = self.document_mut(*document) {
                    d.status = *status;
                    for f in files {
                        d.files.retain(|x| x.language != f.language);
                        d.files.push(f.clone());
                    }
                    d.files.sort_by_key(|f| f.language);
                }
            }
            DocumentEvent::SponsorJoined {
                document,
                delegation,
            } => {
                if let Some(d) = self.document_mut(*document) {
                    if !d.sponsors.contains(delegation) {
                        d.sponsors.push(*delegation);
                    }
                }
            }
            DocumentEvent::SponsorLeft {
                document,
                delegation,
            } => {
                if let Some(d) = self.document_mut(*document) {
                    d.sponsors.retain(|s| s != delegation);
                }
            }
            DocumentEvent::SponsorshipClosed { document } => {
                if let Some(d) = self.document_mut(*document) {
                    d.sponsorship_closed = true;
                }
            }
        }
    }
}
