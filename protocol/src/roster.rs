//! Who takes part and under which rules: roles, delegations, attendance and the session's
//! configurable limits.

use crate::ids::*;
use serde::{Deserialize, Serialize};

/// What a participant may do (see `shared/domain.md`, "People and roles").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Secretariat,
    Chair,
    Delegate,
    Interpreter,
    Room,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Secretariat,
        Role::Chair,
        Role::Delegate,
        Role::Interpreter,
        Role::Room,
        Role::Viewer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Secretariat => "secretariat",
            Role::Chair => "chair",
            Role::Delegate => "delegate",
            Role::Interpreter => "interpreter",
            Role::Room => "room",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The chair and the secretariat run the meeting; the secretariat may do all the chair can.
    pub fn presides(self) -> bool {
        matches!(self, Role::Chair | Role::Secretariat)
    }
}

/// What kind of body a delegation is. Only members vote; all may speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DelegationKind {
    /// A Member State that is a member of the commission.
    Member,
    /// A Member State that is not a member of the commission (observer).
    ObserverState,
    /// An intergovernmental organization.
    Igo,
    /// A United Nations entity.
    UnEntity,
    /// A non-governmental organization in consultative status; speaks when the chair allows.
    Ngo,
}

impl DelegationKind {
    pub const ALL: [DelegationKind; 5] = [
        DelegationKind::Member,
        DelegationKind::ObserverState,
        DelegationKind::Igo,
        DelegationKind::UnEntity,
        DelegationKind::Ngo,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DelegationKind::Member => "member",
            DelegationKind::ObserverState => "observer_state",
            DelegationKind::Igo => "igo",
            DelegationKind::UnEntity => "un_entity",
            DelegationKind::Ngo => "ngo",
        }
    }

    pub fn parse(s: &str) -> Option<DelegationKind> {
        DelegationKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A delegation on a session's roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Delegation {
    pub id: DelegationId,
    pub session_id: SessionId,
    pub name: String,
    pub kind: DelegationKind,
}

/// A person (or device) taking part in a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Participant {
    pub id: ParticipantId,
    pub session_id: SessionId,
    pub display_name: String,
    pub role: Role,
    pub delegation_id: Option<DelegationId>,
}

/// How a participant attends a meeting. Both kinds are equal on every list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AttendanceMode {
    InPerson,
    Remote,
}

impl AttendanceMode {
    pub fn as_str(self) -> &'static str {
        match self {
            AttendanceMode::InPerson => "in_person",
            AttendanceMode::Remote => "remote",
        }
    }
}

/// A meeting's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingFormat {
    Hybrid,
    InPerson,
    Online,
    /// Only the chair and the secretariat are in the room; everyone else is remote.
    PodiumOnly,
}

impl MeetingFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingFormat::Hybrid => "hybrid",
            MeetingFormat::InPerson => "in_person",
            MeetingFormat::Online => "online",
            MeetingFormat::PodiumOnly => "podium_only",
        }
    }

    pub fn parse(s: &str) -> Option<MeetingFormat> {
        [
            MeetingFormat::Hybrid,
            MeetingFormat::InPerson,
            MeetingFormat::Online,
            MeetingFormat::PodiumOnly,
        ]
        .into_iter()
        .find(|f| f.as_str() == s)
    }
}

/// When rights of reply are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RepliesTaken {
    /// "Next speaker" reaches the replies once the item's statements are exhausted.
    EndOfItem,
    /// Replies wait for the end of the day: the chair gives them the floor explicitly.
    EndOfDay,
}

/// Speaking time limits in seconds, per kind of speaker. All configurable per session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct TimeLimits {
    /// A State speaking in its national capacity (member or observer).
    pub state_secs: u32,
    /// A statement on behalf of a group of States (a regional group, the EU).
    pub group_secs: u32,
    /// An intergovernmental organization or a UN entity.
    pub organization_secs: u32,
    /// A non-governmental organization.
    pub ngo_secs: u32,
    pub point_of_order_secs: u32,
    pub motion_secs: u32,
    pub first_reply_secs: u32,
    pub second_reply_secs: u32,
    /// An explanation of vote is brief (rule 60).
    pub explanation_of_vote_secs: u32,
}

impl TimeLimits {
    /// The time limit, in seconds, of an entry of `kind` by a delegation of
    /// `delegation` kind (`None`: not in the roster, timed as a State). The one place this
    /// is decided: the engine times the floor with it and the client estimates the time a
    /// list will take with it.
    pub fn secs_for(
        &self,
        kind: &crate::meeting::EntryKind,
        delegation: Option<DelegationKind>,
    ) -> u32 {
        use crate::command::Capacity;
        use crate::meeting::EntryKind;
        match kind {
            EntryKind::Statement {
                capacity: Capacity::OnBehalfOfGroup { .. },
            } => self.group_secs,
            EntryKind::Statement {
                capacity: Capacity::ExplanationOfVote { .. },
            } => self.explanation_of_vote_secs,
            EntryKind::Statement {
                capacity: Capacity::National,
            } => match delegation {
                Some(DelegationKind::Igo | DelegationKind::UnEntity) => self.organization_secs,
                Some(DelegationKind::Ngo) => self.ngo_secs,
                _ => self.state_secs,
            },
            EntryKind::RightOfReply { ordinal } if *ordinal <= 1 => self.first_reply_secs,
            EntryKind::RightOfReply { .. } => self.second_reply_secs,
            EntryKind::PointOfOrder => self.point_of_order_secs,
            EntryKind::Motion { .. } | EntryKind::OnMotion { .. } => self.motion_secs,
        }
    }
}

impl Default for TimeLimits {
    fn default() -> Self {
        // Figures from practice (shared/domain.md): 5 min for a State, 7 for a group;
        // replies 5 then 3 minutes.
        TimeLimits {
            state_secs: 300,
            group_secs: 420,
            organization_secs: 300,
            ngo_secs: 180,
            point_of_order_secs: 120,
            motion_secs: 120,
            first_reply_secs: 300,
            second_reply_secs: 180,
            explanation_of_vote_secs: 180,
        }
    }
}

/// The rules of procedure that a session may configure. Nothing in the rules engine is a
/// constant that is not here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct SessionRules {
    pub time_limits: TimeLimits,
    /// Statements a delegation may have waiting on one item's list, unless the chair allows more.
    pub max_waiting_statements: u32,
    /// Rights of reply a delegation may exercise per agenda item.
    pub max_replies_per_item: u32,
    pub replies_taken: RepliesTaken,
    /// Members present needed for a quorum; `None` means a majority of the members.
    pub quorum: Option<u32>,
    /// Whether an NGO may inscribe itself; otherwise the chair or the secretariat inscribes it.
    pub ngo_self_inscription: bool,
    /// Interpretation channels (language codes), the six official languages by default.
    pub interpretation_channels: Vec<String>,
    /// Who may exercise a right of reply: States (members and observer States) by default.
    pub right_of_reply: RightOfReplyFor,
    /// Speakers heard in favour of, and against, a motion to adjourn the debate (besides
    /// the mover); 2 and 2 by default.
    pub adjourn_debate_speakers: u32,
    /// Speakers heard against a motion for closure of the debate; 2 by default (none in favour).
    pub closure_speakers_against: u32,
    /// Speakers heard against a motion to reconsider a proposal; 2 by default (none in favour).
    pub reconsideration_speakers_against: u32,
    /// Speakers heard in favour of, and against, a motion for division; 2 and 2 by default.
    pub division_speakers: u32,
    /// Whether participants may download the meeting's sound recordings (rule 33); the
    /// secretariat always may. Off by default: the recordings serve the record and the
    /// précis-writers first.
    pub sound_recordings_for_participants: bool,
}

/// Which delegations may exercise a right of reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RightOfReplyFor {
    /// Members and observer States (the rules of procedure).
    #[default]
    States,
    /// Every delegation, organizations included.
    AllDelegations,
}

impl Default for SessionRules {
    fn default() -> Self {
        SessionRules {
            time_limits: TimeLimits::default(),
            max_waiting_statements: 1,
            max_replies_per_item: 2,
            replies_taken: RepliesTaken::EndOfItem,
            quorum: None,
            ngo_self_inscription: false,
            interpretation_channels: ["ar", "zh", "en", "fr", "ru", "es"]
                .map(String::from)
                .to_vec(),
            right_of_reply: RightOfReplyFor::States,
            adjourn_debate_speakers: 2,
            closure_speakers_against: 2,
            reconsideration_speakers_against: 2,
            division_speakers: 2,
            sound_recordings_for_participants: false,
        }
    }
}

/// One of the time limits of [`TimeLimits`], to name it in a form or a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeLimitKind {
    State,
    Group,
    Organization,
    Ngo,
    PointOfOrder,
    Motion,
    FirstReply,
    SecondReply,
    ExplanationOfVote,
}

impl TimeLimitKind {
    pub const ALL: [TimeLimitKind; 9] = [
        TimeLimitKind::State,
        TimeLimitKind::Group,
        TimeLimitKind::Organization,
        TimeLimitKind::Ngo,
        TimeLimitKind::PointOfOrder,
        TimeLimitKind::Motion,
        TimeLimitKind::FirstReply,
        TimeLimitKind::SecondReply,
        TimeLimitKind::ExplanationOfVote,
    ];

    /// The field's name in `TimeLimits` without `_secs` ("point_of_order").
    pub fn as_str(self) -> &'static str {
        match self {
            TimeLimitKind::State => "state",
            TimeLimitKind::Group => "group",
            TimeLimitKind::Organization => "organization",
            TimeLimitKind::Ngo => "ngo",
            TimeLimitKind::PointOfOrder => "point_of_order",
            TimeLimitKind::Motion => "motion",
            TimeLimitKind::FirstReply => "first_reply",
            TimeLimitKind::SecondReply => "second_reply",
            TimeLimitKind::ExplanationOfVote => "explanation_of_vote",
        }
    }

    fn english(self) -> &'static str {
        match self {
            TimeLimitKind::State => "state",
            TimeLimitKind::Group => "group",
            TimeLimitKind::Organization => "organization",
            TimeLimitKind::Ngo => "NGO",
            TimeLimitKind::PointOfOrder => "point of order",
            TimeLimitKind::Motion => "motion",
            TimeLimitKind::FirstReply => "first reply",
            TimeLimitKind::SecondReply => "second reply",
            TimeLimitKind::ExplanationOfVote => "explanation of vote",
        }
    }

    /// This limit in `limits`, in seconds.
    pub fn of(self, limits: &TimeLimits) -> u32 {
        *self.field(&mut limits.clone())
    }

    /// Set this limit in `limits`.
    pub fn set(self, limits: &mut TimeLimits, secs: u32) {
        *self.field(limits) = secs;
    }

    fn field(self, t: &mut TimeLimits) -> &mut u32 {
        match self {
            TimeLimitKind::State => &mut t.state_secs,
            TimeLimitKind::Group => &mut t.group_secs,
            TimeLimitKind::Organization => &mut t.organization_secs,
            TimeLimitKind::Ngo => &mut t.ngo_secs,
            TimeLimitKind::PointOfOrder => &mut t.point_of_order_secs,
            TimeLimitKind::Motion => &mut t.motion_secs,
            TimeLimitKind::FirstReply => &mut t.first_reply_secs,
            TimeLimitKind::SecondReply => &mut t.second_reply_secs,
            TimeLimitKind::ExplanationOfVote => &mut t.explanation_of_vote_secs,
        }
    }
}

/// The shortest and the longest time limit a session may set, in seconds.
pub const TIME_LIMIT_SECS: std::ops::RangeInclusive<u32> = 10..=3600;

/// Why a session's rules cannot be used: typed, so that a client can say it in its
/// reader's language and beside the field concerned. `Display` is the server's English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulesError {
    /// A time limit outside [`TIME_LIMIT_SECS`].
    TimeLimit { kind: TimeLimitKind, secs: u32 },
    /// `max_waiting_statements` outside 1 to 20.
    WaitingStatements,
    /// `max_replies_per_item` over 10.
    RepliesPerItem,
    /// A number of speakers on a motion (adjournment or closure of the debate,
    /// reconsideration, division) over 10.
    MotionSpeakers,
    /// A quorum of zero.
    ZeroQuorum,
}

impl std::fmt::Display for RulesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RulesError::TimeLimit { kind, secs } => write!(
                f,
                "The {} time limit must be between 10 seconds and one hour; it is {secs} s.",
                kind.english()
            ),
            RulesError::WaitingStatements => {
                f.write_str("A delegation may have between 1 and 20 statements waiting.")
            }
            RulesError::RepliesPerItem => {
                f.write_str("At most 10 rights of reply per delegation and item.")
            }
            RulesError::MotionSpeakers => {
                f.write_str("At most 10 speakers on each side of a motion.")
            }
            RulesError::ZeroQuorum => {
                f.write_str("A quorum of zero members would let nobody decide for everyone.")
            }
        }
    }
}

impl TimeLimits {
    /// The first time limit outside [`TIME_LIMIT_SECS`], if any, and its value.
    pub fn out_of_range(&self) -> Option<(TimeLimitKind, u32)> {
        TimeLimitKind::ALL
            .into_iter()
            .map(|kind| (kind, kind.of(self)))
            .find(|(_, secs)| !TIME_LIMIT_SECS.contains(secs))
    }
}

impl SessionRules {
    /// Refuse settings no meeting could run under, with a sentence saying which.
    pub fn validate(&self) -> Result<(), String> {
        self.check().map_err(|e| e.to_string())
    }

    /// Refuse settings no meeting could run under, saying which setting is wrong.
    pub fn check(&self) -> Result<(), RulesError> {
        if let Some((kind, secs)) = self.time_limits.out_of_range() {
            return Err(RulesError::TimeLimit { kind, secs });
        }
        if !(1..=20).contains(&self.max_waiting_statements) {
            return Err(RulesError::WaitingStatements);
        }
        if self.max_replies_per_item > 10 {
            return Err(RulesError::RepliesPerItem);
        }
        if self.adjourn_debate_speakers > 10
            || self.closure_speakers_against > 10
            || self.reconsideration_speakers_against > 10
            || self.division_speakers > 10
        {
            return Err(RulesError::MotionSpeakers);
        }
        if self.quorum == Some(0) {
            return Err(RulesError::ZeroQuorum);
        }
        Ok(())
    }

    /// Members that must be present for a quorum, given the number of members.
    pub fn quorum_required(&self, members: u32) -> u32 {
        self.quorum.unwrap_or(members / 2 + 1)
    }
}

/// What a token gives access to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Scope {
    /// Every session (secretariat accounts).
    All,
    /// Every meeting of one session.
    Session(SessionId),
    /// One meeting only.
    Meeting(MeetingId),
}

impl Scope {
    /// Whether this scope covers `meeting` of `session`.
    pub fn covers(self, session: SessionId, meeting: MeetingId) -> bool {
        match self {
            Scope::All => true,
            Scope::Session(s) => s == session,
            Scope::Meeting(m) => m == meeting,
        }
    }

    pub fn covers_session(self, session: SessionId) -> bool {
        match self {
            Scope::All => true,
            Scope::Session(s) => s == session,
            Scope::Meeting(_) => false,
        }
    }
}
