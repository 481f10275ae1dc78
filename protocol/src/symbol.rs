//! UN document symbols (`E/CN.7/2023/L.2/Rev.1`): parsing and validation.
//!
//! A [`DocumentSymbol`] can only be obtained by parsing (or from parts that are checked the
//! same way), so holding one means the text was a well-formed symbol; [`std::fmt::Display`]
//! gives back its canonical text, and serde reads and writes it as that string.
//!
//! # Accepted grammar
//!
//! ```text
//! symbol   = body "/" year "/" series *( "/" suffix ) [ "*" / "**" ]
//! body     = "E/CN." n                ; ECOSOC functional commission: E/CN.7 CND, E/CN.15 CCPCJ
//! year     = 4DIGIT                   ; 1978 to 2100
//! series   = n                        ; a numbered document:            E/CN.7/2023/5
//!          / "L." n                   ; limited (drafts, resolutions):  E/CN.7/2023/L.2
//!          / "CRP." n                 ; conference room paper:          E/CN.7/2020/CRP.4
//!          / "INF/" n                 ; information series:             E/CN.7/2023/INF/1
//!          / "NGO/" n                 ; NGO statement:                  E/CN.7/2023/NGO/3
//! suffix   = "Rev." n / "Add." n / "Corr." n
//! n        = a number from 1 to 9999 written without leading zeros (commissions: 1 to 99)
//! ```
//!
//! Decisions, each following UN practice as printed on documents and in ODS:
//!
//! - **Bodies.** Only ECOSOC functional commissions (`E/CN.<n>`) are accepted; CND (`E/CN.7`)
//!   and CCPCJ (`E/CN.15`) are named, any other commission number 1 to 99 is accepted as is.
//!   General Assembly (`A/77/L.5`, session numbers not years), ECOSOC's own (`E/2023/L.5`),
//!   Security Council and treaty-body symbols follow other grammars and are refused with
//!   [`SymbolError::UnsupportedBody`] rather than guessed at.
//! - **Year.** Four digits from 1978, the year ECOSOC began putting the year into its
//!   symbols, to 2100.
//! - **Suffixes.** Each of `Rev.`, `Add.` and `Corr.` appears at most once: `Rev.2` replaces
//!   `Rev.1` (it is not "a revision of Rev.1"), and `Add.2` is the second addendum of the
//!   document, not an addendum to `Add.1`. The order carries meaning and both orders of
//!   `Rev.` and `Add.` are real: `…/L.1/Add.3/Rev.1` is a revised addendum, `…/L.1/Rev.1/Add.1`
//!   an addendum to a revised text. A corrigendum corrects the document named before it and
//!   is never itself revised or added to, so `Corr.` can only be last (`…/L.3/Rev.1/Corr.1`,
//!   not `…/Corr.1/Rev.1`). Other UN modifiers (`Amend.`, `Summary`) are refused.
//! - **Reissue marks.** A trailing `*` marks a reissue for technical reasons; `**` a second
//!   reissue. More than two is refused as a typing mistake.
//! - **Case.** Symbols are case-sensitive in print (`Rev.`, `CRP.`, `E/CN.`), and two spellings
//!   of one document would split the registry, so wrong case is *refused* with an error that
//!   gives the right spelling (`rev.1` → "should be written `Rev.1`") rather than silently
//!   rewritten. The only normalisation is trimming whitespace around the symbol.
//! - **Length.** Input longer than [`MAX_INPUT_LEN`] bytes, or a trimmed symbol longer than
//!   [`MAX_SYMBOL_LEN`] characters, is refused before it is looked at.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The longest trimmed symbol accepted. The longest canonical symbol the grammar allows,
/// `E/CN.99/2100/CRP.9999/Rev.9999/Add.9999/Corr.9999**`, has 51 characters.
pub const MAX_SYMBOL_LEN: usize = 64;
/// The longest input accepted, surrounding whitespace included, in bytes.
pub const MAX_INPUT_LEN: usize = 256;
/// The first year accepted (ECOSOC symbols carry the year since 1978).
pub const MIN_YEAR: u16 = 1978;
/// The last year accepted.
pub const MAX_YEAR: u16 = 2100;
/// The largest document, series, revision, addendum or corrigendum number.
pub const MAX_NUMBER: u16 = 9999;
/// The largest commission number in `E/CN.<n>`.
pub const MAX_COMMISSION: u8 = 99;
/// The most reissue marks (`*`) a symbol may carry.
pub const MAX_REISSUES: u8 = 2;

/// The body that issues the document: an ECOSOC functional commission, `E/CN.<n>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Body(u8);

impl Body {
    /// The Commission on Narcotic Drugs, `E/CN.7`.
    pub const CND: Body = Body(7);
    /// The Commission on Crime Prevention and Criminal Justice, `E/CN.15`.
    pub const CCPCJ: Body = Body(15);

    /// The functional commission `E/CN.<n>`, for `n` from 1 to [`MAX_COMMISSION`].
    pub fn functional_commission(n: u8) -> Option<Body> {
        (1..=MAX_COMMISSION).contains(&n).then_some(Body(n))
    }

    /// The `n` of `E/CN.<n>`.
    pub fn commission_number(self) -> u8 {
        self.0
    }

    /// "CND" or "CCPCJ"; `None` for other commissions.
    pub fn acronym(self) -> Option<&'static str> {
        match self {
            Body::CND => Some("CND"),
            Body::CCPCJ => Some("CCPCJ"),
            _ => None,
        }
    }
}

impl fmt::Display for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "E/CN.{}", self.0)
    }
}

/// The series of a document and its number in that series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Series {
    /// A numbered document of the session (`E/CN.7/2023/5`): reports, notes, agendas.
    Numbered(u16),
    /// Limited distribution, `L.<n>`: draft resolutions and decisions, the draft report.
    Limited(u16),
    /// Conference room paper, `CRP.<n>`: often English only and unedited.
    ConferenceRoomPaper(u16),
    /// Information series, `INF/<n>`: lists of participants and the like.
    Information(u16),
    /// Statement by a non-governmental organization, `NGO/<n>`.
    NgoStatement(u16),
}

impl Series {
    /// The number within the series: 2 for `L.2`, 5 for `5`.
    pub fn number(self) -> u16 {
        match self {
            Series::Numbered(n)
            | Series::Limited(n)
            | Series::ConferenceRoomPaper(n)
            | Series::Information(n)
            | Series::NgoStatement(n) => n,
        }
    }
}

impl fmt::Display for Series {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Series::Numbered(n) => write!(f, "{n}"),
            Series::Limited(n) => write!(f, "L.{n}"),
            Series::ConferenceRoomPaper(n) => write!(f, "CRP.{n}"),
            Series::Information(n) => write!(f, "INF/{n}"),
            Series::NgoStatement(n) => write!(f, "NGO/{n}"),
        }
    }
}

/// What a suffix does to the document named before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SuffixKind {
    /// `Rev.`: a revision, replacing the earlier text.
    Revision,
    /// `Add.`: an addendum, adding to the document.
    Addendum,
    /// `Corr.`: a corrigendum, correcting the document (perhaps in some languages only).
    Corrigendum,
}

impl SuffixKind {
    /// The word as printed: `Rev`, `Add`, `Corr`.
    pub fn prefix(self) -> &'static str {
        match self {
            SuffixKind::Revision => "Rev",
            SuffixKind::Addendum => "Add",
            SuffixKind::Corrigendum => "Corr",
        }
    }

    fn part(self) -> Part {
        match self {
            SuffixKind::Revision => Part::Revision,
            SuffixKind::Addendum => Part::Addendum,
            SuffixKind::Corrigendum => Part::Corrigendum,
        }
    }
}

impl fmt::Display for SuffixKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SuffixKind::Revision => "revision",
            SuffixKind::Addendum => "addendum",
            SuffixKind::Corrigendum => "corrigendum",
        })
    }
}

/// One `/Rev.<n>`, `/Add.<n>` or `/Corr.<n>` suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Suffix {
    Revision(u16),
    Addendum(u16),
    Corrigendum(u16),
}

impl Suffix {
    pub fn kind(self) -> SuffixKind {
        match self {
            Suffix::Revision(_) => SuffixKind::Revision,
            Suffix::Addendum(_) => SuffixKind::Addendum,
            Suffix::Corrigendum(_) => SuffixKind::Corrigendum,
        }
    }

    pub fn number(self) -> u16 {
        match self {
            Suffix::Revision(n) | Suffix::Addendum(n) | Suffix::Corrigendum(n) => n,
        }
    }

    fn new(kind: SuffixKind, n: u16) -> Suffix {
        match kind {
            SuffixKind::Revision => Suffix::Revision(n),
            SuffixKind::Addendum => Suffix::Addendum(n),
            SuffixKind::Corrigendum => Suffix::Corrigendum(n),
        }
    }
}

impl fmt::Display for Suffix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.kind().prefix(), self.number())
    }
}

/// A parsed, valid UN document symbol such as `E/CN.7/2023/L.2/Rev.1`.
///
/// Two symbols are equal exactly when their canonical texts are equal. The reissue mark is
/// part of the symbol as printed; [`DocumentSymbol::without_reissue`] drops it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentSymbol {
    body: Body,
    year: u16,
    series: Series,
    /// In printed order, filled from the front; no kind twice; a corrigendum only last.
    suffixes: [Option<Suffix>; 3],
    reissue: u8,
}

impl DocumentSymbol {
    /// Parses a symbol, trimming surrounding whitespace; see the module documentation for
    /// what is accepted.
    pub fn parse(input: &str) -> Result<DocumentSymbol, SymbolError> {
        parse(input)
    }

    /// The document `<body>/<year>/<series>`, checked like a parsed symbol.
    pub fn new(body: Body, year: u16, series: Series) -> Result<DocumentSymbol, SymbolError> {
        DocumentSymbol::parse(&format!("{body}/{year}/{series}"))
    }

    /// This symbol with `suffix` appended (and the reissue mark dropped), if the result is a
    /// valid symbol: `E/CN.7/2023/L.2` with `Rev.1` gives `E/CN.7/2023/L.2/Rev.1`.
    pub fn with_suffix(&self, suffix: Suffix) -> Result<DocumentSymbol, SymbolError> {
        DocumentSymbol::parse(&format!("{}/{suffix}", self.without_reissue()))
    }

    /// The issuing commission.
    pub fn body(&self) -> Body {
        self.body
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    pub fn series(&self) -> Series {
        self.series
    }

    /// The number within the series (2 for `…/L.2/Rev.1`).
    pub fn number(&self) -> u16 {
        self.series.number()
    }

    /// The suffixes in printed order.
    pub fn suffixes(&self) -> impl Iterator<Item = Suffix> + '_ {
        self.suffixes.iter().flatten().copied()
    }

    /// The `n` of `/Rev.<n>`, if any.
    pub fn revision(&self) -> Option<u16> {
        self.find(SuffixKind::Revision)
    }

    /// The `n` of `/Add.<n>`, if any.
    pub fn addendum(&self) -> Option<u16> {
        self.find(SuffixKind::Addendum)
    }

    /// The `n` of `/Corr.<n>`, if any.
    pub fn corrigendum(&self) -> Option<u16> {
        self.find(SuffixKind::Corrigendum)
    }

    /// How many times the document was reissued for technical reasons: the number of
    /// trailing `*` (0, 1 or 2).
    pub fn reissue(&self) -> u8 {
        self.reissue
    }

    /// A limited-distribution ("L") document: a draft resolution, decision or report.
    pub fn is_limited(&self) -> bool {
        matches!(self.series, Series::Limited(_))
    }

    /// The document family: the symbol without revision, addendum, corrigendum or reissue
    /// mark (`E/CN.7/2023/L.2` for `E/CN.7/2023/L.2/Rev.1*`).
    pub fn base(&self) -> DocumentSymbol {
        DocumentSymbol {
            suffixes: [None; 3],
            reissue: 0,
            ..*self
        }
    }

    /// The same symbol without its reissue mark.
    pub fn without_reissue(&self) -> DocumentSymbol {
        DocumentSymbol {
            reissue: 0,
            ..*self
        }
    }

    /// The last suffix, which says what this document is to the one named before it.
    pub fn last_suffix(&self) -> Option<Suffix> {
        self.suffixes().last()
    }

    /// For a revision (last suffix `/Rev.<n>`), the symbol whose text it replaces:
    /// `/Rev.<n-1>`, or the unrevised symbol for `Rev.1`. `None` for other symbols.
    /// (`…/L.1/Add.3/Rev.2` revises `…/L.1/Add.3/Rev.1`; `…/L.1/Rev.1/Add.1` is an addendum
    /// and revises nothing.)
    pub fn revises(&self) -> Option<DocumentSymbol> {
        match self.last_suffix()? {
            Suffix::Revision(1) => Some(self.drop_last()),
            Suffix::Revision(n) => Some(self.replace_last(Suffix::Revision(n - 1))),
            _ => None,
        }
    }

    /// For a corrigendum (last suffix `/Corr.<n>`), the symbol it corrects: the symbol
    /// without the corrigendum (`…/L.3/Rev.1` for `…/L.3/Rev.1/Corr.2`). `None` otherwise.
    pub fn corrects(&self) -> Option<DocumentSymbol> {
        match self.last_suffix()? {
            Suffix::Corrigendum(_) => Some(self.drop_last()),
            _ => None,
        }
    }

    /// For an addendum (last suffix `/Add.<n>`), the symbol it adds to (`…/L.1/Rev.1` for
    /// `…/L.1/Rev.1/Add.1`). `None` otherwise.
    pub fn addendum_to(&self) -> Option<DocumentSymbol> {
        match self.last_suffix()? {
            Suffix::Addendum(_) => Some(self.drop_last()),
            _ => None,
        }
    }

    fn find(&self, kind: SuffixKind) -> Option<u16> {
        self.suffixes()
            .find(|s| s.kind() == kind)
            .map(Suffix::number)
    }

    fn suffix_count(&self) -> usize {
        self.suffixes.iter().flatten().count()
    }

    fn drop_last(&self) -> DocumentSymbol {
        let mut out = self.without_reissue();
        if let Some(i) = self.suffix_count().checked_sub(1) {
            out.suffixes[i] = None;
        }
        out
    }

    fn replace_last(&self, suffix: Suffix) -> DocumentSymbol {
        let mut out = self.without_reissue();
        if let Some(i) = self.suffix_count().checked_sub(1) {
            out.suffixes[i] = Some(suffix);
        }
        out
    }
}

impl fmt::Display for DocumentSymbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.body, self.year, self.series)?;
        for suffix in self.suffixes() {
            write!(f, "/{suffix}")?;
        }
        for _ in 0..self.reissue {
            f.write_str("*")?;
        }
        Ok(())
    }
}

impl FromStr for DocumentSymbol {
    type Err = SymbolError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DocumentSymbol::parse(s)
    }
}

impl TryFrom<&str> for DocumentSymbol {
    type Error = SymbolError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        DocumentSymbol::parse(s)
    }
}

impl Serialize for DocumentSymbol {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DocumentSymbol {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl de::Visitor<'_> for Visitor {
            type Value = DocumentSymbol;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a UN document symbol such as \"E/CN.7/2023/L.2/Rev.1\"")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<DocumentSymbol, E> {
                DocumentSymbol::parse(v).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

/// The schema is a string; its pattern is a close approximation of the grammar (it does not
/// forbid a suffix kind appearing twice), the parser being the authority.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for DocumentSymbol {
    fn schema_name() -> String {
        "DocumentSymbol".to_owned()
    }

    fn json_schema(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        use schemars::schema::{InstanceType, Metadata, SchemaObject, StringValidation};
        const N: &str = "[1-9][0-9]{0,3}";
        let pattern = format!(
            "^E/CN\\.[1-9][0-9]?/[0-9]{{4}}/(?:{N}|L\\.{N}|CRP\\.{N}|INF/{N}|NGO/{N})\
             (?:/(?:Rev|Add)\\.{N}){{0,2}}(?:/Corr\\.{N})?\\*{{0,2}}$"
        );
        SchemaObject {
            instance_type: Some(InstanceType::String.into()),
            string: Some(Box::new(StringValidation {
                max_length: Some(MAX_SYMBOL_LEN as u32),
                min_length: None,
                pattern: Some(pattern),
            })),
            metadata: Some(Box::new(Metadata {
                description: Some(
                    "A UN document symbol of an ECOSOC functional commission, in canonical \
                     form, e.g. E/CN.7/2023/L.2/Rev.1."
                        .to_owned(),
                ),
                examples: vec![
                    "E/CN.7/2023/L.2/Rev.1".into(),
                    "E/CN.15/2024/CRP.4/Add.1".into(),
                ],
                ..Default::default()
            })),
            ..Default::default()
        }
        .into()
    }
}

/// Which number of a symbol an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The body, `E/CN.<n>`, as a whole.
    Body,
    /// The `<n>` of `E/CN.<n>`.
    Commission,
    Year,
    /// The number of a plainly numbered document (`E/CN.7/2023/5`).
    DocumentNumber,
    Limited,
    ConferenceRoomPaper,
    Information,
    NgoStatement,
    Revision,
    Addendum,
    Corrigendum,
}

impl Part {
    fn max(self) -> u16 {
        match self {
            Part::Commission => u16::from(MAX_COMMISSION),
            Part::Year => MAX_YEAR,
            _ => MAX_NUMBER,
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Body => "the commission (\"E/CN.7\" for CND, \"E/CN.15\" for CCPCJ)",
            Part::Commission => "the commission number (the 7 of \"E/CN.7\")",
            Part::Year => "the year (as in \"E/CN.7/2024/…\")",
            Part::DocumentNumber => "the document number (the 5 of \"E/CN.7/2024/5\")",
            Part::Limited => "the number after \"L.\"",
            Part::ConferenceRoomPaper => "the number after \"CRP.\"",
            Part::Information => "the number after \"INF/\"",
            Part::NgoStatement => "the number after \"NGO/\"",
            Part::Revision => "the revision number (after \"Rev.\")",
            Part::Addendum => "the addendum number (after \"Add.\")",
            Part::Corrigendum => "the corrigendum number (after \"Corr.\")",
        })
    }
}

/// Why a text is not a valid document symbol. Positions count characters from 1 in the
/// text as typed after trimming surrounding whitespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SymbolError {
    /// Nothing but whitespace.
    Empty,
    /// Longer than any symbol can be.
    TooLong {
        max: usize,
    },
    /// A space (or other whitespace) inside the symbol.
    Whitespace {
        position: usize,
    },
    /// A character outside ASCII, such as an Arabic-Indic or full-width digit.
    NonAscii {
        character: char,
        position: usize,
    },
    /// An ASCII character that no symbol contains (`-`, `#`, `\`…).
    UnexpectedCharacter {
        character: char,
        position: usize,
    },
    /// A `*` that is not at the end.
    MisplacedReissueMark {
        position: usize,
    },
    /// More than [`MAX_REISSUES`] trailing `*`.
    TooManyReissueMarks {
        count: usize,
    },
    LeadingSlash,
    TrailingSlash,
    /// `//`; the position is the first of the two.
    DoubleSlash {
        position: usize,
    },
    /// A symbol of another body (`A/77`, `E/2023`, `S/2023`…).
    UnsupportedBody {
        found: String,
    },
    /// Right letters, wrong case: `rev.1` for `Rev.1`.
    WrongCase {
        found: String,
        expected: String,
    },
    /// A part that must be there is not.
    Missing {
        part: Part,
    },
    /// `CRP4` for `CRP.4`.
    MissingDot {
        found: String,
        expected: String,
    },
    /// `INF.1` for `INF/1`, `Rev/1` for `Rev.1`.
    WrongSeparator {
        found: String,
        expected: String,
    },
    /// Not a number where one is expected.
    InvalidNumber {
        part: Part,
        found: String,
    },
    /// `L.0`, `Rev.0`: numbering starts at 1.
    ZeroNumber {
        part: Part,
    },
    /// `L.02`.
    LeadingZero {
        part: Part,
        found: String,
    },
    NumberTooLarge {
        part: Part,
        found: String,
    },
    /// The year is not four digits.
    InvalidYear {
        found: String,
    },
    YearOutOfRange {
        year: u16,
    },
    /// After the year: not a number, `L.`, `CRP.`, `INF/` or `NGO/`.
    UnknownSeries {
        found: String,
    },
    /// After the document number: not `Rev.`, `Add.` or `Corr.`.
    UnknownSuffix {
        found: String,
    },
    /// `/Rev.1/Rev.2`.
    DuplicateSuffix {
        kind: SuffixKind,
        first: String,
        second: String,
    },
    /// `/Corr.1/Rev.1`: a corrigendum is always last.
    SuffixAfterCorrigendum {
        found: String,
    },
}

impl fmt::Display for SymbolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SymbolError::Empty => f.write_str("the document symbol is empty"),
            SymbolError::TooLong { max } => write!(
                f,
                "the text is too long to be a document symbol (at most {max} characters)"
            ),
            SymbolError::Whitespace { position } => write!(
                f,
                "there is a space at character {position}; a document symbol has no spaces"
            ),
            SymbolError::NonAscii {
                character,
                position,
            } => write!(
                f,
                "character {position}, \"{character}\", is not allowed: a document symbol uses \
                 only Latin letters, the digits 0-9, \".\", \"/\" and \"*\" (check the keyboard \
                 layout)"
            ),
            SymbolError::UnexpectedCharacter {
                character,
                position,
            } => write!(
                f,
                "character {position}, \"{character}\", is not allowed: a document symbol uses \
                 only letters, digits, \".\", \"/\" and a final \"*\""
            ),
            SymbolError::MisplacedReissueMark { position } => write!(
                f,
                "the reissue mark \"*\" at character {position} may only come at the very end \
                 of the symbol"
            ),
            SymbolError::TooManyReissueMarks { count } => write!(
                f,
                "the symbol ends with {count} reissue marks \"*\"; at most {MAX_REISSUES} are \
                 allowed"
            ),
            SymbolError::LeadingSlash => f.write_str(
                "the symbol starts with \"/\"; it should start with the commission, e.g. \
                 \"E/CN.7/\"",
            ),
            SymbolError::TrailingSlash => f.write_str(
                "the symbol ends with \"/\"; either something is missing after it or the \"/\" \
                 should be removed",
            ),
            SymbolError::DoubleSlash { position } => {
                write!(f, "there are two \"/\" in a row at character {position}")
            }
            SymbolError::UnsupportedBody { found } => write!(
                f,
                "\"{found}\" is not an ECOSOC functional commission: only symbols starting \
                 \"E/CN.<number>/\" are accepted (\"E/CN.7\" for CND, \"E/CN.15\" for CCPCJ)"
            ),
            SymbolError::WrongCase { found, expected } => write!(
                f,
                "\"{found}\" should be written \"{expected}\" (document symbols are \
                 case-sensitive)"
            ),
            SymbolError::Missing { part } => write!(f, "{part} is missing"),
            SymbolError::MissingDot { found, expected } => write!(
                f,
                "\"{found}\" should be written \"{expected}\", with a dot before the number"
            ),
            SymbolError::WrongSeparator { found, expected } => {
                write!(f, "\"{found}\" should be written \"{expected}\"")
            }
            SymbolError::InvalidNumber { part, found } => {
                write!(f, "{part} should be a number, but it is \"{found}\"")
            }
            SymbolError::ZeroNumber { part } => {
                write!(f, "{part} cannot be 0; numbering starts at 1")
            }
            SymbolError::LeadingZero { part, found } => write!(
                f,
                "{part} is written \"{found}\"; write it without leading zeros, \"{}\"",
                found.trim_start_matches('0')
            ),
            SymbolError::NumberTooLarge { part, found } => write!(
                f,
                "{part}, \"{found}\", is too large (at most {})",
                part.max()
            ),
            SymbolError::InvalidYear { found } => write!(
                f,
                "the year should have four digits, as in \"E/CN.7/2024/…\", but it is \"{found}\""
            ),
            SymbolError::YearOutOfRange { year } => write!(
                f,
                "the year {year} is not plausible: it should be between {MIN_YEAR} and \
                 {MAX_YEAR}"
            ),
            SymbolError::UnknownSeries { found } => write!(
                f,
                "\"{found}\" is not a document number or series: after the year comes a number \
                 (\"5\"), \"L.<n>\", \"CRP.<n>\", \"INF/<n>\" or \"NGO/<n>\""
            ),
            SymbolError::UnknownSuffix { found } => write!(
                f,
                "\"{found}\" is not an accepted suffix: after the document number only \
                 \"/Rev.<n>\", \"/Add.<n>\" and \"/Corr.<n>\" may follow"
            ),
            SymbolError::DuplicateSuffix {
                kind,
                first,
                second,
            } => write!(
                f,
                "\"{first}\" and \"{second}\" are both in the symbol, but it can name only one \
                 {kind}: write only \"{second}\""
            ),
            SymbolError::SuffixAfterCorrigendum { found } => write!(
                f,
                "\"{found}\" cannot follow a corrigendum: \"/Corr.<n>\" always comes last (as \
                 in \"E/CN.7/2023/L.3/Rev.1/Corr.1\")"
            ),
        }
    }
}

impl std::error::Error for SymbolError {}

fn parse(input: &str) -> Result<DocumentSymbol, SymbolError> {
    if input.len() > MAX_INPUT_LEN {
        return Err(SymbolError::TooLong {
            max: MAX_SYMBOL_LEN,
        });
    }
    let s = input.trim();
    if s.is_empty() {
        return Err(SymbolError::Empty);
    }
    for (i, c) in s.chars().enumerate() {
        let position = i + 1;
        if c.is_whitespace() {
            return Err(SymbolError::Whitespace { position });
        }
        if !c.is_ascii() {
            return Err(SymbolError::NonAscii {
                character: c,
                position,
            });
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '*')) {
            return Err(SymbolError::UnexpectedCharacter {
                character: c,
                position,
            });
        }
    }
    // From here on the text is ASCII: byte offsets are character positions.
    if s.len() > MAX_SYMBOL_LEN {
        return Err(SymbolError::TooLong {
            max: MAX_SYMBOL_LEN,
        });
    }
    let core = s.trim_end_matches('*');
    let stars = s.len() - core.len();
    if let Some(i) = core.find('*') {
        return Err(SymbolError::MisplacedReissueMark { position: i + 1 });
    }
    if stars > usize::from(MAX_REISSUES) {
        return Err(SymbolError::TooManyReissueMarks { count: stars });
    }
    if core.is_empty() {
        return Err(SymbolError::Missing { part: Part::Body });
    }
    if core.starts_with('/') {
        return Err(SymbolError::LeadingSlash);
    }
    if core.ends_with('/') {
        return Err(SymbolError::TrailingSlash);
    }
    if let Some(i) = core.find("//") {
        return Err(SymbolError::DoubleSlash { position: i + 1 });
    }

    let segments: Vec<&str> = core.split('/').collect();
    let mut rest = segments.as_slice();

    let body = parse_body(&mut rest)?;
    let year = parse_year(&mut rest)?;
    let series = parse_series(&mut rest)?;

    let mut suffixes = [None; 3];
    let mut count = 0;
    while !rest.is_empty() {
        let suffix = parse_suffix(&mut rest)?;
        let previous = suffixes[..count].iter().flatten();
        if let Some(first) = previous
            .clone()
            .find(|s: &&Suffix| s.kind() == suffix.kind())
        {
            return Err(SymbolError::DuplicateSuffix {
                kind: suffix.kind(),
                first: first.to_string(),
                second: suffix.to_string(),
            });
        }
        if previous
            .clone()
            .any(|s| s.kind() == SuffixKind::Corrigendum)
        {
            return Err(SymbolError::SuffixAfterCorrigendum {
                found: suffix.to_string(),
            });
        }
        // No kind twice, so there are at most three.
        suffixes[count] = Some(suffix);
        count += 1;
    }

    Ok(DocumentSymbol {
        body,
        year,
        series,
        suffixes,
        // At most MAX_REISSUES, checked above.
        reissue: stars as u8,
    })
}

/// Takes the next segment.
fn next<'a>(rest: &mut &[&'a str]) -> Option<&'a str> {
    let (first, tail) = rest.split_first()?;
    *rest = tail;
    Some(*first)
}

fn parse_body(rest: &mut &[&str]) -> Result<Body, SymbolError> {
    let organ = next(rest).ok_or(SymbolError::Missing { part: Part::Body })?;
    let sub = rest.first().copied();
    let shown = || match sub {
        Some(sub) => format!("{organ}/{sub}"),
        None => organ.to_owned(),
    };
    let looks_like_commission = |sub: &str| sub.len() >= 2 && sub[..2].eq_ignore_ascii_case("CN");
    if organ != "E" {
        if organ.eq_ignore_ascii_case("E") && sub.is_some_and(looks_like_commission) {
            return Err(SymbolError::WrongCase {
                found: shown(),
                expected: shown().to_ascii_uppercase(),
            });
        }
        return Err(SymbolError::UnsupportedBody { found: shown() });
    }
    let Some(sub) = next(rest) else {
        return Err(SymbolError::Missing {
            part: Part::Commission,
        });
    };
    if !sub.starts_with("CN") {
        if looks_like_commission(sub) {
            return Err(SymbolError::WrongCase {
                found: format!("E/{sub}"),
                expected: format!("E/CN{}", &sub[2..]),
            });
        }
        return Err(SymbolError::UnsupportedBody {
            found: format!("E/{sub}"),
        });
    }
    let after = &sub[2..];
    let n = if let Some(digits) = after.strip_prefix('.') {
        parse_number(Part::Commission, digits)?
    } else if after.is_empty() {
        return Err(SymbolError::Missing {
            part: Part::Commission,
        });
    } else if after.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(SymbolError::MissingDot {
            found: format!("E/{sub}"),
            expected: format!("E/CN.{after}"),
        });
    } else {
        return Err(SymbolError::UnsupportedBody {
            found: format!("E/{sub}"),
        });
    };
    // parse_number bounds the commission to 1..=MAX_COMMISSION.
    u8::try_from(n)
        .ok()
        .and_then(Body::functional_commission)
        .ok_or(SymbolError::NumberTooLarge {
            part: Part::Commission,
            found: after[1..].to_owned(),
        })
}

fn parse_year(rest: &mut &[&str]) -> Result<u16, SymbolError> {
    let Some(text) = rest.first().copied() else {
        return Err(SymbolError::Missing { part: Part::Year });
    };
    if text.starts_with(|c: char| c.is_ascii_alphabetic()) {
        // `E/CN.7/L.2`: the year was left out; the segment belongs to what follows.
        return Err(SymbolError::Missing { part: Part::Year });
    }
    *rest = &rest[1..];
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SymbolError::InvalidYear {
            found: text.to_owned(),
        });
    }
    // Four ASCII digits always fit.
    let year: u16 = text.parse().unwrap_or(0);
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(SymbolError::YearOutOfRange { year });
    }
    Ok(year)
}

/// Splits `CRP.4` into `CRP` and `.4`.
fn split_word(segment: &str) -> (&str, &str) {
    let end = segment
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(segment.len());
    segment.split_at(end)
}

/// The canonical spelling of `word` among `words`, compared ignoring case.
fn canonical_word(word: &str, words: &[&'static str]) -> Option<&'static str> {
    words.iter().copied().find(|w| w.eq_ignore_ascii_case(word))
}

fn parse_series(rest: &mut &[&str]) -> Result<Series, SymbolError> {
    let segment = next(rest).ok_or(SymbolError::Missing {
        part: Part::DocumentNumber,
    })?;
    if segment.starts_with(|c: char| c.is_ascii_digit()) {
        return parse_number(Part::DocumentNumber, segment).map(Series::Numbered);
    }
    let (word, after) = split_word(segment);
    let unknown = || SymbolError::UnknownSeries {
        found: segment.to_owned(),
    };
    let canonical = canonical_word(word, &["L", "CRP", "INF", "NGO"]).ok_or_else(unknown)?;
    if canonical != word {
        let expected = match (canonical, after.is_empty(), rest.first()) {
            ("INF" | "NGO", true, Some(n)) => {
                return Err(SymbolError::WrongCase {
                    found: format!("{word}/{n}"),
                    expected: format!("{canonical}/{n}"),
                })
            }
            _ => format!("{canonical}{after}"),
        };
        return Err(SymbolError::WrongCase {
            found: segment.to_owned(),
            expected,
        });
    }
    match canonical {
        "L" => dotted(word, after, Part::Limited, rest, unknown).map(Series::Limited),
        "CRP" => dotted(word, after, Part::ConferenceRoomPaper, rest, unknown)
            .map(Series::ConferenceRoomPaper),
        "INF" => slashed(word, after, Part::Information, rest, unknown).map(Series::Information),
        _ => slashed(word, after, Part::NgoStatement, rest, unknown).map(Series::NgoStatement),
    }
}

/// The number of `L.<n>`, `CRP.<n>`, `Rev.<n>`…: `after` is what follows the word.
fn dotted(
    word: &str,
    after: &str,
    part: Part,
    rest: &[&str],
    unknown: impl Fn() -> SymbolError,
) -> Result<u16, SymbolError> {
    if let Some(digits) = after.strip_prefix('.') {
        return parse_number(part, digits);
    }
    if after.is_empty() {
        return match rest.first() {
            Some(n) if n.starts_with(|c: char| c.is_ascii_digit()) => {
                Err(SymbolError::WrongSeparator {
                    found: format!("{word}/{n}"),
                    expected: format!("{word}.{n}"),
                })
            }
            _ => Err(SymbolError::Missing { part }),
        };
    }
    if after.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(SymbolError::MissingDot {
            found: format!("{word}{after}"),
            expected: format!("{word}.{after}"),
        });
    }
    Err(unknown())
}

/// The number of `INF/<n>` and `NGO/<n>`, taken from the next segment.
fn slashed(
    word: &str,
    after: &str,
    part: Part,
    rest: &mut &[&str],
    unknown: impl Fn() -> SymbolError,
) -> Result<u16, SymbolError> {
    if after.is_empty() {
        let n = next(rest).ok_or(SymbolError::Missing { part })?;
        return parse_number(part, n);
    }
    let number = after.strip_prefix('.').unwrap_or(after);
    if number.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(SymbolError::WrongSeparator {
            found: format!("{word}{after}"),
            expected: format!("{word}/{number}"),
        });
    }
    Err(unknown())
}

fn parse_suffix(rest: &mut &[&str]) -> Result<Suffix, SymbolError> {
    let segment = next(rest).ok_or(SymbolError::TrailingSlash)?;
    let (word, after) = split_word(segment);
    let unknown = || SymbolError::UnknownSuffix {
        found: segment.to_owned(),
    };
    let canonical = canonical_word(word, &["Rev", "Add", "Corr"]).ok_or_else(unknown)?;
    if canonical != word {
        return Err(SymbolError::WrongCase {
            found: segment.to_owned(),
            expected: format!("{canonical}{after}"),
        });
    }
    let kind = match canonical {
        "Rev" => SuffixKind::Revision,
        "Add" => SuffixKind::Addendum,
        _ => SuffixKind::Corrigendum,
    };
    let n = dotted(word, after, kind.part(), rest, unknown)?;
    Ok(Suffix::new(kind, n))
}

/// A number from 1 to `part.max()`, in plain ASCII digits without leading zeros.
fn parse_number(part: Part, text: &str) -> Result<u16, SymbolError> {
    if text.is_empty() {
        return Err(SymbolError::Missing { part });
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SymbolError::InvalidNumber {
            part,
            found: text.to_owned(),
        });
    }
    if text.bytes().all(|b| b == b'0') {
        return Err(SymbolError::ZeroNumber { part });
    }
    if text.starts_with('0') {
        return Err(SymbolError::LeadingZero {
            part,
            found: text.to_owned(),
        });
    }
    let too_large = || SymbolError::NumberTooLarge {
        part,
        found: text.to_owned(),
    };
    if text.len() > 5 {
        return Err(too_large());
    }
    match text.parse::<u32>() {
        Ok(n) if n <= u32::from(part.max()) => Ok(n as u16),
        _ => Err(too_large()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use Series::{ConferenceRoomPaper as Crp, Information as Inf, Limited as L};
    use Series::{NgoStatement as Ngo, Numbered as Num};
    use Suffix::{Addendum as Add, Corrigendum as Corr, Revision as Rev};

    /// input, canonical text, commission, year, series, suffixes in order, reissue marks.
    type ValidRow = (
        &'static str,
        &'static str,
        u8,
        u16,
        Series,
        &'static [Suffix],
        u8,
    );

    #[rustfmt::skip]
    const VALID: &[ValidRow] = &[
        ("E/CN.7/2023/1",                      "E/CN.7/2023/1",            7, 2023, Num(1),  &[], 0),
        ("E/CN.15/2024/12",                    "E/CN.15/2024/12",         15, 2024, Num(12), &[], 0),
        ("E/CN.7/2023/L.2",                    "E/CN.7/2023/L.2",          7, 2023, L(2),    &[], 0),
        ("E/CN.7/2023/L.2/Rev.1",              "E/CN.7/2023/L.2/Rev.1",    7, 2023, L(2),    &[Rev(1)], 0),
        ("E/CN.7/2023/L.2/Rev.2",              "E/CN.7/2023/L.2/Rev.2",    7, 2023, L(2),    &[Rev(2)], 0),
        ("E/CN.7/2020/CRP.4",                  "E/CN.7/2020/CRP.4",        7, 2020, Crp(4),  &[], 0),
        ("E/CN.7/2020/CRP.4/Add.1",            "E/CN.7/2020/CRP.4/Add.1",  7, 2020, Crp(4),  &[Add(1)], 0),
        ("E/CN.15/2023/L.3/Rev.1/Corr.1",      "E/CN.15/2023/L.3/Rev.1/Corr.1", 15, 2023, L(3), &[Rev(1), Corr(1)], 0),
        ("E/CN.7/2023/INF/1",                  "E/CN.7/2023/INF/1",        7, 2023, Inf(1),  &[], 0),
        ("E/CN.15/2022/NGO/3",                 "E/CN.15/2022/NGO/3",      15, 2022, Ngo(3),  &[], 0),
        ("E/CN.7/2023/2/Add.1",                "E/CN.7/2023/2/Add.1",      7, 2023, Num(2),  &[Add(1)], 0),
        ("E/CN.7/2023/2/Corr.1",               "E/CN.7/2023/2/Corr.1",     7, 2023, Num(2),  &[Corr(1)], 0),
        ("E/CN.7/2023/2/Add.1/Corr.2",         "E/CN.7/2023/2/Add.1/Corr.2", 7, 2023, Num(2), &[Add(1), Corr(2)], 0),
        ("E/CN.7/2023/L.1/Add.3",              "E/CN.7/2023/L.1/Add.3",    7, 2023, L(1),    &[Add(3)], 0),
        // A revised addendum, and an addendum to a revised text: both orders are real.
        ("E/CN.7/2023/L.1/Add.3/Rev.1",        "E/CN.7/2023/L.1/Add.3/Rev.1", 7, 2023, L(1), &[Add(3), Rev(1)], 0),
        ("E/CN.7/2023/L.1/Rev.1/Add.1",        "E/CN.7/2023/L.1/Rev.1/Add.1", 7, 2023, L(1), &[Rev(1), Add(1)], 0),
        ("E/CN.7/2023/L.1/Rev.1/Add.1/Corr.1", "E/CN.7/2023/L.1/Rev.1/Add.1/Corr.1", 7, 2023, L(1), &[Rev(1), Add(1), Corr(1)], 0),
        ("E/CN.7/2023/L.2*",                   "E/CN.7/2023/L.2*",         7, 2023, L(2),    &[], 1),
        ("E/CN.7/2023/L.2/Rev.1**",            "E/CN.7/2023/L.2/Rev.1**",  7, 2023, L(2),    &[Rev(1)], 2),
        ("  E/CN.7/2023/L.2 \n",               "E/CN.7/2023/L.2",          7, 2023, L(2),    &[], 0),
        ("\u{a0}E/CN.7/2023/1\t",              "E/CN.7/2023/1",            7, 2023, Num(1),  &[], 0),
        ("E/CN.6/2024/3",                      "E/CN.6/2024/3",            6, 2024, Num(3),  &[], 0),
        ("E/CN.7/1978/1",                      "E/CN.7/1978/1",            7, 1978, Num(1),  &[], 0),
        ("E/CN.99/2100/9999",                  "E/CN.99/2100/9999",       99, 2100, Num(9999), &[], 0),
        ("E/CN.15/2023/INF/2/Rev.1",           "E/CN.15/2023/INF/2/Rev.1", 15, 2023, Inf(2), &[Rev(1)], 0),
        ("E/CN.7/2024/NGO/12/Corr.1*",         "E/CN.7/2024/NGO/12/Corr.1*", 7, 2024, Ngo(12), &[Corr(1)], 1),
        (
            "E/CN.99/2100/CRP.9999/Rev.9999/Add.9999/Corr.9999**",
            "E/CN.99/2100/CRP.9999/Rev.9999/Add.9999/Corr.9999**",
            99, 2100, Crp(9999), &[Rev(9999), Add(9999), Corr(9999)], 2,
        ),
    ];

    fn s(text: &str) -> String {
        text.to_owned()
    }

    #[rustfmt::skip]
    fn invalid() -> Vec<(String, SymbolError)> {
        use Part::*;
        use SymbolError as E;
        let dup = |kind, first: &str, second: &str| E::DuplicateSuffix { kind, first: s(first), second: s(second) };
        vec![
            (s(""),                              E::Empty),
            (s(" \t\n "),                        E::Empty),
            (s("E/CN.7/L.2"),                    E::Missing { part: Year }),
            (s("E/CN.7"),                        E::Missing { part: Year }),
            (s("E/CN.7/23/L.2"),                 E::InvalidYear { found: s("23") }),
            (s("E/CN.7/20234/1"),                E::InvalidYear { found: s("20234") }),
            (s("E/CN.7/1950/1"),                 E::YearOutOfRange { year: 1950 }),
            (s("E/CN.7/2023"),                   E::Missing { part: DocumentNumber }),
            (s("E/CN.7/2023/L."),                E::Missing { part: Limited }),
            (s("E/CN.7/2023/L"),                 E::Missing { part: Limited }),
            (s("E/CN.7/2023/L.0"),               E::ZeroNumber { part: Limited }),
            (s("E/CN.7/2023/L.02"),              E::LeadingZero { part: Limited, found: s("02") }),
            (s("E/CN.7/2023/L.12345"),           E::NumberTooLarge { part: Limited, found: s("12345") }),
            (s("E/CN.7/2023/L.2a"),              E::InvalidNumber { part: Limited, found: s("2a") }),
            (s("E/CN.7/2023/L.2/Rev."),          E::Missing { part: Revision }),
            (s("E/CN.7/2023/L.2/Rev.0"),         E::ZeroNumber { part: Revision }),
            (s("E/CN.7/2023/L.2/Corr.1/Rev.1"),  E::SuffixAfterCorrigendum { found: s("Rev.1") }),
            (s("E/CN.7/2023/L.2/Rev.1/Rev.2"),   dup(SuffixKind::Revision, "Rev.1", "Rev.2")),
            (s("E/CN.7/2023/2/Add.1/Add.2"),     dup(SuffixKind::Addendum, "Add.1", "Add.2")),
            (s("E/CN.7/2023/2/Corr.1/Corr.2"),   dup(SuffixKind::Corrigendum, "Corr.1", "Corr.2")),
            (s("E/CN.7/2020/CRP4"),              E::MissingDot { found: s("CRP4"), expected: s("CRP.4") }),
            (s("E/CN.7/2023/L.2/Rev1"),          E::MissingDot { found: s("Rev1"), expected: s("Rev.1") }),
            (s("E/CN7/2023/1"),                  E::MissingDot { found: s("E/CN7"), expected: s("E/CN.7") }),
            (s("E/CN.7/2023/L.2/"),              E::TrailingSlash),
            (s("/E/CN.7/2023/L.2"),              E::LeadingSlash),
            (s("E/CN.7//2023/L.2"),              E::DoubleSlash { position: 7 }),
            (s("e/cn.7/2023/1"),                 E::WrongCase { found: s("e/cn.7"), expected: s("E/CN.7") }),
            (s("E/cn.15/2023/1"),                E::WrongCase { found: s("E/cn.15"), expected: s("E/CN.15") }),
            (s("E/CN.7/2023/L.2/rev.1"),         E::WrongCase { found: s("rev.1"), expected: s("Rev.1") }),
            (s("E/CN.7/2023/crp.4"),             E::WrongCase { found: s("crp.4"), expected: s("CRP.4") }),
            (s("E/CN.7/2023/inf/1"),             E::WrongCase { found: s("inf/1"), expected: s("INF/1") }),
            (s("E/CN.7/2023/XYZ.1"),             E::UnknownSeries { found: s("XYZ.1") }),
            (s("E/CN.7/2023/L. 2"),              E::Whitespace { position: 15 }),
            (s("E/CN.7/2023/L.2*/Rev.1"),        E::MisplacedReissueMark { position: 16 }),
            (s("E/CN.7/2023/L.2***"),            E::TooManyReissueMarks { count: 3 }),
            (s("*"),                             E::Missing { part: Body }),
            // Full-width and Arabic-Indic digits.
            (s("E/CN.7/\u{ff12}\u{ff10}\u{ff12}\u{ff13}/1"), E::NonAscii { character: '\u{ff12}', position: 8 }),
            (s("E/CN.7/\u{662}\u{660}\u{662}\u{663}/1"),     E::NonAscii { character: '\u{662}', position: 8 }),
            (s("E/CN.7/2023/L.2#"),              E::UnexpectedCharacter { character: '#', position: 16 }),
            (s("E/CN.7/2023/L.2-Rev.1"),         E::UnexpectedCharacter { character: '-', position: 16 }),
            (format!("E/CN.7/2023/{}", "1".repeat(1000)),       E::TooLong { max: MAX_SYMBOL_LEN }),
            (format!("E/CN.7/2023/L.2/{}", "Rev.1/".repeat(10)), E::TooLong { max: MAX_SYMBOL_LEN }),
            (s("A/77/L.5"),                      E::UnsupportedBody { found: s("A/77") }),
            (s("E/2023/L.5"),                    E::UnsupportedBody { found: s("E/2023") }),
            (s("E"),                             E::Missing { part: Commission }),
            (s("E/CN./2023/1"),                  E::Missing { part: Commission }),
            (s("E/CN.0/2023/1"),                 E::ZeroNumber { part: Commission }),
            (s("E/CN.100/2023/1"),               E::NumberTooLarge { part: Commission, found: s("100") }),
            (s("E/CN.7/2023/L.2/Amend.1"),       E::UnknownSuffix { found: s("Amend.1") }),
            (s("E/CN.7/2023/2/1"),               E::UnknownSuffix { found: s("1") }),
            (s("E/CN.7/2023/INF.1"),             E::WrongSeparator { found: s("INF.1"), expected: s("INF/1") }),
            (s("E/CN.7/2023/L.2/Rev/1"),         E::WrongSeparator { found: s("Rev/1"), expected: s("Rev.1") }),
            (s("E/CN.7/2023/INF"),               E::Missing { part: Information }),
            (s("E/CN.7/2023/NGO/"),              E::TrailingSlash),
        ]
    }

    #[test]
    fn valid_symbols_parse_into_their_parts() {
        assert!(VALID.len() >= 20);
        for &(input, canonical, commission, year, series, suffixes, reissue) in VALID {
            let symbol = DocumentSymbol::parse(input)
                .unwrap_or_else(|e| panic!("{input:?} should parse, but: {e}"));
            assert_eq!(symbol.to_string(), canonical, "{input:?}");
            assert_eq!(symbol.body().commission_number(), commission, "{input:?}");
            assert_eq!(symbol.year(), year, "{input:?}");
            assert_eq!(symbol.series(), series, "{input:?}");
            assert_eq!(symbol.number(), series.number(), "{input:?}");
            assert_eq!(symbol.suffixes().collect::<Vec<_>>(), suffixes, "{input:?}");
            let find = |kind| {
                suffixes
                    .iter()
                    .find(|s| s.kind() == kind)
                    .map(|s| s.number())
            };
            assert_eq!(symbol.revision(), find(SuffixKind::Revision), "{input:?}");
            assert_eq!(symbol.addendum(), find(SuffixKind::Addendum), "{input:?}");
            assert_eq!(
                symbol.corrigendum(),
                find(SuffixKind::Corrigendum),
                "{input:?}"
            );
            assert_eq!(symbol.reissue(), reissue, "{input:?}");
            assert_eq!(symbol.is_limited(), matches!(series, L(_)), "{input:?}");
        }
    }

    #[test]
    fn invalid_symbols_are_refused_with_the_right_error() {
        let cases = invalid();
        assert!(cases.len() >= 25);
        for (input, expected) in cases {
            assert_eq!(DocumentSymbol::parse(&input), Err(expected), "{input:?}");
        }
    }

    #[test]
    fn display_then_parse_gives_the_same_symbol() {
        for &(input, ..) in VALID {
            let symbol = DocumentSymbol::parse(input).unwrap();
            let text = symbol.to_string();
            assert_eq!(DocumentSymbol::parse(&text), Ok(symbol), "{input:?}");
            assert_eq!(text.parse::<DocumentSymbol>().unwrap().to_string(), text);
        }
    }

    #[test]
    fn serde_writes_the_canonical_string_and_validates_on_reading() {
        for &(input, canonical, ..) in VALID {
            let symbol = DocumentSymbol::parse(input).unwrap();
            let json = serde_json::to_string(&symbol).unwrap();
            assert_eq!(json, serde_json::to_string(canonical).unwrap());
            let back: DocumentSymbol = serde_json::from_str(&json).unwrap();
            assert_eq!(back, symbol);
        }
        for (input, expected) in invalid() {
            let json = serde_json::to_string(&input).unwrap();
            let err = serde_json::from_str::<DocumentSymbol>(&json).unwrap_err();
            assert!(
                err.to_string().contains(&expected.to_string()),
                "{input:?}: {err}"
            );
        }
        assert!(serde_json::from_str::<DocumentSymbol>("7").is_err());
        // Whitespace around the string is normalised on reading too.
        let padded: DocumentSymbol = serde_json::from_str("\" E/CN.7/2023/L.2 \"").unwrap();
        assert_eq!(padded.to_string(), "E/CN.7/2023/L.2");
    }

    fn sym(text: &str) -> DocumentSymbol {
        DocumentSymbol::parse(text).unwrap()
    }

    #[test]
    fn base_is_the_document_family() {
        let cases = [
            ("E/CN.7/2023/L.2/Rev.1*", "E/CN.7/2023/L.2"),
            ("E/CN.15/2023/L.3/Rev.1/Corr.1", "E/CN.15/2023/L.3"),
            ("E/CN.7/2020/CRP.4/Add.1", "E/CN.7/2020/CRP.4"),
            ("E/CN.7/2023/INF/1", "E/CN.7/2023/INF/1"),
        ];
        for (symbol, base) in cases {
            assert_eq!(sym(symbol).base(), sym(base), "{symbol}");
        }
        assert_eq!(
            sym("E/CN.7/2023/L.2/Rev.1**").without_reissue(),
            sym("E/CN.7/2023/L.2/Rev.1")
        );
    }

    #[test]
    fn revises_corrects_and_addendum_to_name_the_related_document() {
        let revises = [
            ("E/CN.7/2023/L.2/Rev.1", Some("E/CN.7/2023/L.2")),
            ("E/CN.7/2023/L.2/Rev.3*", Some("E/CN.7/2023/L.2/Rev.2")),
            ("E/CN.7/2023/L.1/Add.3/Rev.1", Some("E/CN.7/2023/L.1/Add.3")),
            ("E/CN.7/2023/L.1/Rev.1/Add.1", None),
            ("E/CN.7/2023/L.2/Rev.1/Corr.1", None),
            ("E/CN.7/2023/L.2", None),
        ];
        for (symbol, expected) in revises {
            assert_eq!(sym(symbol).revises(), expected.map(sym), "{symbol}");
        }
        let corrects = [
            (
                "E/CN.15/2023/L.3/Rev.1/Corr.1",
                Some("E/CN.15/2023/L.3/Rev.1"),
            ),
            ("E/CN.7/2023/2/Corr.2*", Some("E/CN.7/2023/2")),
            ("E/CN.7/2023/2/Add.1/Corr.1", Some("E/CN.7/2023/2/Add.1")),
            ("E/CN.7/2023/2/Add.1", None),
        ];
        for (symbol, expected) in corrects {
            assert_eq!(sym(symbol).corrects(), expected.map(sym), "{symbol}");
        }
        let addendum_to = [
            ("E/CN.7/2023/L.1/Rev.1/Add.1", Some("E/CN.7/2023/L.1/Rev.1")),
            ("E/CN.7/2020/CRP.4/Add.2", Some("E/CN.7/2020/CRP.4")),
            ("E/CN.7/2023/L.1/Add.3/Rev.1", None),
        ];
        for (symbol, expected) in addendum_to {
            assert_eq!(sym(symbol).addendum_to(), expected.map(sym), "{symbol}");
        }
    }

    #[test]
    fn symbols_are_built_from_parts_with_the_same_checks() {
        let draft = DocumentSymbol::new(Body::CND, 2023, Series::Limited(2)).unwrap();
        assert_eq!(draft, sym("E/CN.7/2023/L.2"));
        assert_eq!(draft.body().acronym(), Some("CND"));
        assert_eq!(sym("E/CN.15/2023/1").body(), Body::CCPCJ);
        assert_eq!(Body::functional_commission(6).unwrap().acronym(), None);
        assert_eq!(Body::functional_commission(0), None);
        let revised = draft.with_suffix(Suffix::Revision(1)).unwrap();
        assert_eq!(revised.to_string(), "E/CN.7/2023/L.2/Rev.1");
        assert_eq!(revised.revises(), Some(draft));
        assert_eq!(
            revised.with_suffix(Suffix::Revision(2)),
            Err(SymbolError::DuplicateSuffix {
                kind: SuffixKind::Revision,
                first: s("Rev.1"),
                second: s("Rev.2"),
            })
        );
        assert_eq!(
            DocumentSymbol::new(Body::CND, 1900, Series::Numbered(1)),
            Err(SymbolError::YearOutOfRange { year: 1900 })
        );
        assert_eq!(
            DocumentSymbol::new(Body::CND, 2023, Series::Limited(0)),
            Err(SymbolError::ZeroNumber {
                part: Part::Limited
            })
        );
    }

    #[test]
    fn error_messages_say_what_is_wrong_and_where() {
        let message = |text: &str| DocumentSymbol::parse(text).unwrap_err().to_string();
        assert_eq!(
            message("E/CN.7/2023/L.2/Corr.1/Rev.1"),
            "\"Rev.1\" cannot follow a corrigendum: \"/Corr.<n>\" always comes last (as in \
             \"E/CN.7/2023/L.3/Rev.1/Corr.1\")"
        );
        assert_eq!(
            message("E/CN.7/2020/CRP4"),
            "\"CRP4\" should be written \"CRP.4\", with a dot before the number"
        );
        assert_eq!(
            message("E/CN.7/2023/L."),
            "the number after \"L.\" is missing"
        );
        assert_eq!(
            message("E/CN.7/2023/L.02"),
            "the number after \"L.\" is written \"02\"; write it without leading zeros, \"2\""
        );
        assert_eq!(
            message("E/CN.7/2023/L.2/Rev.1/Rev.2"),
            "\"Rev.1\" and \"Rev.2\" are both in the symbol, but it can name only one revision: \
             write only \"Rev.2\""
        );
        assert!(message("E/CN.7/23/1").contains("\"23\""));
        assert!(message("E/CN.7/2023/L. 2").contains("character 15"));
        for (input, _) in invalid() {
            let error = DocumentSymbol::parse(&input).unwrap_err();
            let boxed: Box<dyn std::error::Error> = Box::new(error.clone());
            assert!(!boxed.to_string().is_empty());
            assert!(!boxed.to_string().contains("  "), "{input:?}: {error}");
        }
    }

    #[test]
    fn ordering_groups_a_family_together() {
        let mut symbols = [
            sym("E/CN.7/2023/L.2/Rev.1"),
            sym("E/CN.7/2023/L.10"),
            sym("E/CN.7/2023/L.2"),
            sym("E/CN.7/2023/3"),
        ];
        symbols.sort();
        let texts: Vec<String> = symbols.iter().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            [
                "E/CN.7/2023/3",
                "E/CN.7/2023/L.2",
                "E/CN.7/2023/L.2/Rev.1",
                "E/CN.7/2023/L.10"
            ]
        );
    }

    #[cfg(feature = "schema")]
    #[test]
    fn schema_is_a_string_with_a_pattern() {
        let schema = schemars::schema_for!(DocumentSymbol);
        let json = serde_json::to_value(&schema).unwrap();
        assert_eq!(json["type"], "string");
        assert!(json["pattern"].as_str().unwrap().starts_with("^E/CN"));
    }
}
