//! Why a command was refused, in the user's language. The server sends every refusal
//! typed (`floor_protocol::Rejection`, with the facts that explain it) together with an
//! English sentence; the client builds its own sentence from the typed value, so that a
//! refusal reads in whichever of the six languages the user chose. The English sentence
//! of the frame is shown only when there is no typed refusal (transport errors).
//!
//! [`describe`] matches every variant without a catch-all arm: a new `Rejection` does not
//! compile until it is translated here (and its sentence added to [`crate::i18n`]).

use crate::i18n::{Lang, T};
use crate::state::{role_label, status_label, App};
use floor_protocol::{AgendaItemId, DelegationId, Rejection};
use leptos::prelude::*;

/// The refusal in `lang`, with delegation names from `names` and agenda items by id.
pub fn describe(lang: Lang, r: &Rejection, names: impl Fn(DelegationId) -> String) -> String {
    describe_with(lang, r, &names, &|item: AgendaItemId| item.to_string())
}

/// The refusal in the application's language, with the names of the roster and the
/// agenda numbers ("5 (a)") of the meeting followed where the client knows them.
pub fn for_app(app: App, r: &Rejection) -> String {
    let lang = app.lang.get_untracked();
    let item = |id: AgendaItemId| {
        app.state
            .with_untracked(|s| {
                s.as_ref()
                    .and_then(|s| s.item(id))
                    .map(|i| i.number.clone())
            })
            .unwrap_or_else(|| id.to_string())
    };
    describe_with(lang, r, &|d| app.name_of(d), &item)
}

/// The refusal in `lang`: `delegation` names a delegation, `item` an agenda item.
pub fn describe_with(
    lang: Lang,
    r: &Rejection,
    delegation: &dyn Fn(DelegationId) -> String,
    item: &dyn Fn(AgendaItemId) -> String,
) -> String {
    use Rejection::*;
    let t = |key: T| lang.t(key).to_string();
    let one = |key: T, a: &dyn ToString| lang.fill(key, &[&a.to_string()]);
    let two = |key: T, a: &dyn ToString, b: &dyn ToString| {
        lang.fill(key, &[&a.to_string(), &b.to_string()])
    };
    match r {
        NotPermitted { role, command } => two(
            T::RjNotPermitted,
            &role_label(lang, *role),
            &command_label(lang, command),
        ),
        NoDelegation => t(T::RjNoDelegation),
        UnknownDelegation { delegation: d } => one(T::RjUnknownDelegation, d),
        NotInDelegation {
            participant,
            delegation: d,
        } => two(T::RjNotInDelegation, participant, &delegation(*d)),
        UnknownAgendaItem { item: i } => one(T::RjUnknownAgendaItem, &item(*i)),
        NoCurrentItem => t(T::RjNoCurrentItem),
        UnknownEntry { entry } => one(T::RjUnknownEntry, entry),
        NotYourEntry { entry } => one(T::RjNotYourEntry, entry),
        WrongMeetingStatus { status, command } => two(
            T::RjWrongMeetingStatus,
            &lower_first(status_label(lang, *status)),
            &command_label(lang, command),
        ),
        DuplicateAgendaNumber { number } => one(T::RjDuplicateAgendaNumber, number),
        InvalidAgendaParent { parent } => one(T::RjInvalidAgendaParent, &item(*parent)),
        InvalidText { field, max_chars } => {
            two(T::RjInvalidText, &field_label(lang, field), max_chars)
        }
        ListClosed { item: i } => one(T::RjListClosed, &item(*i)),
        AlreadyInscribed {
            delegation: d,
            max_waiting,
        } => two(T::RjAlreadyInscribed, &delegation(*d), max_waiting),
        ReplyLimitReached {
            delegation: d,
            max_per_item,
        } => two(T::RjReplyLimitReached, &delegation(*d), max_per_item),
        AlreadyRaised { entry } => one(T::RjAlreadyRaised, entry),
        NgoInscribedByChair => t(T::RjNgoInscribedByChair),
        FloorOccupied { entry } => one(T::RjFloorOccupied, entry),
        FloorEmpty => t(T::NobodyHasFloor),
        AlreadyPaused => t(T::RjAlreadyPaused),
        NotPaused => t(T::RjNotPaused),
        InterventionPending { entry } => one(T::RjInterventionPending, entry),
        RulingPending { entry } => one(T::RjRulingPending, entry),
        NobodyWaiting => t(T::RjNobodyWaiting),
        NotMovable { entry } => one(T::RjNotMovable, entry),
        NothingToRule { entry } => one(T::RjNothingToRule, entry),
        NothingToAppeal { entry } => one(T::RjNothingToAppeal, entry),
        NoMoreSpeakersOnMotion {
            entry,
            in_favour: true,
            max,
        } => two(T::RjNoMoreSpeakersForMotion, max, entry),
        NoMoreSpeakersOnMotion {
            entry,
            in_favour: false,
            max,
        } => two(T::RjNoMoreSpeakersAgainstMotion, max, entry),
        ReplyReservedToStates { .. } => t(T::RjReplyReservedToStates),
        ListAlreadyThere { item: i } => one(T::RjListAlreadyThere, &item(*i)),
        UnknownProposal { proposal } => one(T::RjUnknownProposal, proposal),
        AlreadyDecided { proposal } => one(T::RjAlreadyDecided, proposal),
        UnknownVote { vote } => one(T::RjUnknownVote, vote),
        VoteInProgress { vote } => one(T::RjVoteInProgress, vote),
        VoteNotOpen { vote } => one(T::RjVoteNotOpen, vote),
        NoQuorum { present, required } => two(T::RjNoQuorum, present, required),
        NotAMember { delegation: d } => one(T::RjNotAMember, &delegation(*d)),
        AlreadyVoted { delegation: d } => one(T::RjAlreadyVoted, &delegation(*d)),
        NotYourTurn { called: Some(d) } => one(T::RjNotYourTurn, &delegation(*d)),
        NotYourTurn { called: None } => t(T::RjEveryoneCalled),
        RollCallIncomplete { remaining } => one(T::RjRollCallIncomplete, remaining),
        InvalidChoice => t(T::RjInvalidChoice),
        CountsRequired => t(T::RjCountsRequired),
        CountsNotAllowed => t(T::RjCountsNotAllowed),
        CountsExceedMembers { members } => one(T::RjCountsExceedMembers, members),
        CountsExceedPresent { present } => one(T::RjCountsExceedPresent, present),
        InvalidCandidates => t(T::RjInvalidCandidates),
        SponsorCannotExplain { proposal } => one(T::RjSponsorCannotExplain, proposal),
        NotARollCall { vote } => one(T::RjNotARollCall, vote),
        CountedByChair { vote } => one(T::RjCountedByChair, vote),
        DuplicateSymbol { symbol } => one(T::RjDuplicateSymbol, symbol),
        MissingOriginal { symbol, original } => two(T::RjMissingOriginal, symbol, original),
        UnknownDocument { document } => one(T::RjUnknownDocument, document),
        InvalidFiles { reason } => one(T::RjInvalidFiles, &files_reason(lang, reason)),
        NotAState { delegation: d } => one(T::RjNotAState, &delegation(*d)),
        NotADraft { document } => one(T::RjNotADraft, document),
        SponsorshipClosed { document } => one(T::RjSponsorshipClosed, document),
        AlreadySponsor { document } => one(T::RjAlreadySponsor, document),
        NotASponsor { document } => one(T::RjNotASponsor, document),
        UnknownChannel { channel } => one(T::RjUnknownChannel, &channel_label(channel)),
        NotAnInterpreter { participant } => one(T::RjNotAnInterpreter, participant),
        NotInBooth { channel } => one(T::RjNotInBooth, &channel_label(channel)),
        MicrophoneNotLive { channel } => one(T::RjMicrophoneNotLive, &channel_label(channel)),
        SlowDownJustAsked { channel } => one(T::RjSlowDownJustAsked, &channel_label(channel)),
        NotCheckedIn { participant } => one(T::RjNotCheckedIn, participant),
        NotPresent { delegation: d } => one(T::RjNotPresent, &delegation(*d)),
        NotProposalSponsor { proposal } => one(T::RjNotProposalSponsor, proposal),
        AmendedProposal { proposal } => one(T::RjAmendedProposal, proposal),
        ProposalWithdrawn { proposal } => one(T::RjProposalWithdrawn, proposal),
        VoteAskedFor {
            proposal,
            delegation: d,
        } => two(T::RjVoteAskedFor, &delegation(*d), proposal),
        NotDecided { proposal } => one(T::RjNotDecided, proposal),
        MotionNamesProposal => t(T::RjMotionNamesProposal),
        DecidedByVote { entry } => one(T::RjDecidedByVote, entry),
        BudgetImplicationsPending { proposal } => one(T::RjBudgetImplicationsPending, proposal),
        AmendsAnAmendment { proposal } => one(T::RjAmendsAnAmendment, proposal),
        AmendmentsFirst {
            proposal,
            amendment,
        } => two(T::RjAmendmentsFirst, amendment, proposal),
        AmendmentOutOfOrder { amendment, next } => two(T::RjAmendmentOutOfOrder, next, amendment),
        InvalidVotingOrder { proposal } => one(T::RjInvalidVotingOrder, proposal),
        InvalidDivision { proposal } => one(T::RjInvalidDivision, proposal),
        PartsFirst { proposal, part } => two(T::RjPartsFirst, part, proposal),
        NotAStatement { entry } => one(T::RjNotAStatement, entry),
        NotForTheRoom { command } => one(T::RjNotForTheRoom, &command_label(lang, command)),
        SecretBallotNotInTheRoom { vote } => one(T::RjSecretBallotNotInTheRoom, vote),
        InvalidSeats { seats, candidates } => two(T::RjInvalidSeats, seats, candidates),
        NoBallotToFollow { proposal } => one(T::RjNoBallotToFollow, proposal),
        ElectionUnderWay { proposal, vote } => two(T::RjElectionUnderWay, proposal, vote),
        InvalidAgendaPlace { item: i, after } => {
            two(T::RjInvalidAgendaPlace, &item(*i), &item(*after))
        }
        AgendaNotAdoptable { adopted: true } => t(T::RjAgendaAdoptedAlready),
        AgendaNotAdoptable { adopted: false } => t(T::RjAgendaEmpty),
        AgendaNotEmpty => t(T::RjAgendaNotEmpty),
        NotYourFloor => t(T::RjNotYourFloor),
        NotAnEarlierMeeting { meeting } => one(T::RjNotAnEarlierMeeting, meeting),
        InvalidTimeLimit { limit, secs } => {
            let label = floor_protocol::TimeLimitKind::ALL
                .into_iter()
                .find(|k| k.as_str() == limit)
                .map_or_else(
                    || limit.replace('_', " "),
                    |k| lang.t(crate::i18n::time_limit_label(k)).to_string(),
                );
            two(T::RjInvalidTimeLimit, &label, secs)
        }
    }
}

/// The catalogue key of a command, by its wire name (`Command::name` of the meeting,
/// `DocumentCommand::name` of the document register).
fn command_key(name: &str) -> Option<T> {
    Some(match name {
        "open_meeting" => T::CmdOpenMeeting,
        "suspend_meeting" => T::CmdSuspendMeeting,
        "resume_meeting" => T::CmdResumeMeeting,
        "close_meeting" => T::CmdCloseMeeting,
        "add_agenda_item" => T::CmdAddAgendaItem,
        "take_up_item" => T::CmdTakeUpItem,
        "check_in" => T::CmdCheckIn,
        "record_attendance" => T::CmdRecordAttendance,
        "request_floor" => T::CmdRequestFloor,
        "inscribe_speaker" => T::CmdInscribeSpeaker,
        "withdraw_entry" => T::CmdWithdrawEntry,
        "move_entry" => T::CmdMoveEntry,
        "announce_list_closing" => T::CmdAnnounceListClosing,
        "close_list" => T::CmdCloseList,
        "reopen_list" => T::CmdReopenList,
        "raise_point_of_order" => T::CmdRaisePointOfOrder,
        "raise_motion" => T::CmdRaiseMotion,
        "request_right_of_reply" => T::CmdRequestRightOfReply,
        "next_speaker" => T::CmdNextSpeaker,
        "give_floor" => T::CmdGiveFloor,
        "pause_speech" => T::CmdPauseSpeech,
        "resume_speech" => T::CmdResumeSpeech,
        "end_speech" => T::CmdEndSpeech,
        "rule" => T::CmdRule,
        "assign_interpreter" => T::CmdAssignInterpreter,
        "take_microphone" => T::CmdTakeMicrophone,
        "release_microphone" => T::CmdReleaseMicrophone,
        "ask_to_slow_down" => T::CmdAskToSlowDown,
        "table_proposal" => T::CmdTableProposal,
        "amend_proposal" => T::CmdAmendProposal,
        "adopt_without_vote" => T::CmdAdoptWithoutVote,
        "open_vote" => T::CmdOpenVote,
        "cast_vote" => T::CmdCastVote,
        "pass_member" => T::CmdPassMember,
        "close_vote" => T::CmdCloseVote,
        "publish" => T::CmdPublish,
        "add_files" => T::CmdAddFiles,
        "sign_on" => T::CmdSignOn,
        "sign_off" => T::CmdSignOff,
        "close_sponsorship" => T::CmdCloseSponsorship,
        "check_out" => T::CmdCheckOut,
        "record_departure" => T::CmdRecordDeparture,
        "withdraw_proposal" => T::CmdWithdrawProposal,
        "request_vote" => T::CmdRequestVote,
        "move_reconsideration" => T::CmdMoveReconsideration,
        "state_budget_implications" => T::CmdStateBudgetImplications,
        "set_voting_order" => T::CmdSetVotingOrder,
        "revise_orally" => T::CmdReviseOrally,
        "move_division" => T::CmdMoveDivision,
        "hear_on_motion" => T::CmdHearOnMotion,
        "put_to_vote" => T::CmdPutToVote,
        "appeal_ruling" => T::CmdAppealRuling,
        "set_item_rules" => T::CmdSetItemRules,
        "set_speaker_rank" => T::CmdSetSpeakerRank,
        "act_for_delegation" => T::CmdActForDelegation,
        "open_next_ballot" => T::CmdOpenNextBallot,
        "elect_by_acclamation" => T::CmdElectByAcclamation,
        "edit_agenda_item" => T::CmdEditAgendaItem,
        "move_agenda_item" => T::CmdMoveAgendaItem,
        "adopt_agenda" => T::CmdAdoptAgenda,
        "continue_from" => T::CmdContinueFrom,
        "pass_floor_microphone" => T::CmdPassFloorMicrophone,
        _ => return None,
    })
}

/// What the command does, as the verb of "may not ...". The command is a string on the
/// wire: one this catalogue does not know yet is shown by its name, as the server does.
fn command_label(lang: Lang, name: &str) -> String {
    match command_key(name) {
        Some(key) => lang.t(key).to_string(),
        None => name.replace('_', " "),
    }
}

/// The name of a text field (`InvalidText::field`, as the rules name it).
fn field_label(lang: Lang, field: &str) -> String {
    let key = match field {
        "number" => T::AgendaNumber,
        "title" => T::Title,
        "ruling" => T::FieldRuling,
        "group" => T::FieldGroup,
        "reference" => T::FieldReference,
        "agenda item" => T::FieldAgendaItem,
        "statement" => T::FieldStatement,
        "document" => T::FieldDocument,
        "text" => T::FieldText,
        other => return other.to_string(),
    };
    lang.t(key).to_string()
}

/// Why the files of a document were refused (`InvalidFiles::reason`, an English phrase
/// of the server's); a phrase this catalogue does not know is shown as it came.
fn files_reason(lang: Lang, reason: &str) -> String {
    let key = match reason {
        "at least one language version is needed" => T::FilesNoLanguage,
        "one file per language" => T::FilesOnePerLanguage,
        "a file is named by the content id its upload returned" => T::FilesContentId,
        "a restricted distribution names at least one delegation" => T::FilesDistribution,
        other => {
            return match other
                .strip_prefix("no file ")
                .and_then(|rest| rest.strip_suffix(" was uploaded to this session"))
            {
                Some(id) => lang.fill(T::FilesNotUploaded, &[id]),
                None => other.to_string(),
            }
        }
    };
    lang.t(key).to_string()
}

/// An interpretation channel as the booths show it ("FR").
fn channel_label(channel: &str) -> String {
    channel.to_uppercase()
}

/// A status label inside a sentence ("suspended", "suspendue"); scripts without case are
/// unchanged.
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use floor_protocol::meeting::MeetingStatus;
    use floor_protocol::*;

    /// One of every refusal. A new variant fails to compile in [`describe_with`] until it
    /// is translated; add it here too so that it is checked in the six languages.
    fn every_rejection() -> Vec<Rejection> {
        use Rejection::*;
        let d = DelegationId(12);
        vec![
            NotPermitted {
                role: Role::Delegate,
                command: "give_floor".into(),
            },
            NoDelegation,
            UnknownDelegation { delegation: d },
            NotInDelegation {
                participant: ParticipantId(41),
                delegation: d,
            },
            UnknownAgendaItem {
                item: AgendaItemId(9),
            },
            NoCurrentItem,
            UnknownEntry { entry: EntryId(77) },
            NotYourEntry { entry: EntryId(78) },
            WrongMeetingStatus {
                status: MeetingStatus::Suspended,
                command: "next_speaker".into(),
            },
            DuplicateAgendaNumber {
                number: "5 (a)".into(),
            },
            InvalidAgendaParent {
                parent: AgendaItemId(3),
            },
            InvalidText {
                field: "title".into(),
                max_chars: 300,
            },
            ListClosed {
                item: AgendaItemId(4),
            },
            AlreadyInscribed {
                delegation: d,
                max_waiting: 2,
            },
            ReplyLimitReached {
                delegation: d,
                max_per_item: 2,
            },
            AlreadyRaised { entry: EntryId(80) },
            NgoInscribedByChair,
            FloorOccupied { entry: EntryId(81) },
            FloorEmpty,
            AlreadyPaused,
            NotPaused,
            InterventionPending { entry: EntryId(82) },
            RulingPending { entry: EntryId(83) },
            NobodyWaiting,
            NotMovable { entry: EntryId(84) },
            NothingToRule { entry: EntryId(85) },
            NothingToAppeal { entry: EntryId(86) },
            NoMoreSpeakersOnMotion {
                entry: EntryId(87),
                in_favour: true,
                max: 2,
            },
            NoMoreSpeakersOnMotion {
                entry: EntryId(87),
                in_favour: false,
                max: 2,
            },
            ReplyReservedToStates { delegation: d },
            ListAlreadyThere {
                item: AgendaItemId(6),
            },
            UnknownProposal {
                proposal: ProposalId(7),
            },
            AlreadyDecided {
                proposal: ProposalId(8),
            },
            UnknownVote { vote: VoteId(10) },
            VoteInProgress { vote: VoteId(11) },
            VoteNotOpen { vote: VoteId(13) },
            NoQuorum {
                present: 17,
                required: 27,
            },
            NotAMember { delegation: d },
            AlreadyVoted { delegation: d },
            NotYourTurn { called: Some(d) },
            NotYourTurn { called: None },
            RollCallIncomplete { remaining: 5 },
            InvalidChoice,
            CountsRequired,
            CountsNotAllowed,
            CountsExceedMembers { members: 53 },
            CountsExceedPresent { present: 41 },
            InvalidCandidates,
            SponsorCannotExplain {
                proposal: ProposalId(14),
            },
            NotARollCall { vote: VoteId(15) },
            CountedByChair { vote: VoteId(16) },
            DuplicateSymbol {
                symbol: "E/CN.7/2024/L.2".into(),
            },
            MissingOriginal {
                symbol: "E/CN.7/2024/L.2/Rev.1".into(),
                original: "E/CN.7/2024/L.2".into(),
            },
            UnknownDocument {
                document: DocumentId(18),
            },
            InvalidFiles {
                reason: "one file per language".into(),
            },
            NotAState { delegation: d },
            NotADraft {
                document: DocumentId(19),
            },
            SponsorshipClosed {
                document: DocumentId(20),
            },
            AlreadySponsor {
                document: DocumentId(21),
            },
            NotASponsor {
                document: DocumentId(22),
            },
            UnknownChannel {
                channel: "pt".into(),
            },
            NotAnInterpreter {
                participant: ParticipantId(42),
            },
            NotInBooth {
                channel: "fr".into(),
            },
            MicrophoneNotLive {
                channel: "ar".into(),
            },
            SlowDownJustAsked {
                channel: "zh".into(),
            },
            NotCheckedIn {
                participant: ParticipantId(43),
            },
            NotPresent { delegation: d },
            NotProposalSponsor {
                proposal: ProposalId(23),
            },
            AmendedProposal {
                proposal: ProposalId(24),
            },
            ProposalWithdrawn {
                proposal: ProposalId(25),
            },
            VoteAskedFor {
                proposal: ProposalId(26),
                delegation: d,
            },
            NotDecided {
                proposal: ProposalId(27),
            },
            MotionNamesProposal,
            DecidedByVote { entry: EntryId(88) },
            BudgetImplicationsPending {
                proposal: ProposalId(28),
            },
            AmendsAnAmendment {
                proposal: ProposalId(29),
            },
            AmendmentsFirst {
                proposal: ProposalId(30),
                amendment: ProposalId(31),
            },
            AmendmentOutOfOrder {
                amendment: ProposalId(32),
                next: ProposalId(33),
            },
            InvalidVotingOrder {
                proposal: ProposalId(34),
            },
            InvalidDivision {
                proposal: ProposalId(35),
            },
            PartsFirst {
                proposal: ProposalId(36),
                part: ProposalId(37),
            },
            NotAStatement { entry: EntryId(89) },
            NotForTheRoom {
                command: "check_in".into(),
            },
            SecretBallotNotInTheRoom { vote: VoteId(12) },
            InvalidSeats {
                seats: 4,
                candidates: 3,
            },
            NoBallotToFollow {
                proposal: ProposalId(38),
            },
            ElectionUnderWay {
                proposal: ProposalId(39),
                vote: VoteId(13),
            },
            InvalidAgendaPlace {
                item: AgendaItemId(14),
                after: AgendaItemId(15),
            },
            AgendaNotAdoptable { adopted: true },
            AgendaNotAdoptable { adopted: false },
            AgendaNotEmpty,
            NotYourFloor,
            NotAnEarlierMeeting {
                meeting: MeetingId(16),
            },
            InvalidTimeLimit {
                limit: "point_of_order".into(),
                secs: 5,
            },
        ]
    }

    /// Names as the client shows a delegation it does not know: "Delegation 12".
    fn names(lang: Lang) -> impl Fn(DelegationId) -> String {
        move |d| lang.fill(T::Delegation0, &[&d.to_string()])
    }

    fn has_placeholder(s: &str) -> bool {
        let b = s.as_bytes();
        (0..b.len()).any(|i| {
            b[i] == b'{' && {
                let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
                digits > 0 && b.get(i + 1 + digits) == Some(&b'}')
            }
        })
    }

    /// The runs of digits of a sentence, in order.
    fn numbers(s: &str) -> Vec<String> {
        s.split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect()
    }

    fn channel(r: &Rejection) -> Option<&str> {
        match r {
            Rejection::UnknownChannel { channel }
            | Rejection::NotInBooth { channel }
            | Rejection::MicrophoneNotLive { channel }
            | Rejection::SlowDownJustAsked { channel } => Some(channel),
            _ => None,
        }
    }

    #[test]
    fn the_list_has_every_code_once() {
        let all = every_rejection();
        let mut codes: Vec<String> = all.iter().map(|r| r.code()).collect();
        codes.sort();
        codes.dedup();
        // NotYourTurn is there twice: someone called, and everyone called; so are
        // NoMoreSpeakersOnMotion (in favour, and against) and AgendaNotAdoptable (adopted
        // already, and nothing to adopt).
        assert_eq!(codes.len(), all.len() - 3);
    }

    #[test]
    fn every_refusal_reads_in_every_language() {
        for r in every_rejection() {
            for lang in Lang::ALL {
                let s = describe(lang, &r, names(lang));
                assert!(!s.trim().is_empty(), "{r:?} is empty in {lang:?}");
                assert!(!has_placeholder(&s), "{r:?} in {lang:?}: {s:?}");
                assert!(
                    !s.contains('_'),
                    "{r:?} in {lang:?} shows a wire name: {s:?}"
                );
                if lang != Lang::En {
                    assert_ne!(s, describe(Lang::En, &r, names(Lang::En)), "{r:?}");
                }
            }
        }
    }

    #[test]
    fn every_refusal_names_what_the_server_names() {
        // Every number of the server's sentence (ids, counts, limits) is in the client's,
        // in every language, and every channel (the client writes it in capitals).
        for r in every_rejection() {
            let server = r.message();
            for lang in Lang::ALL {
                let ours = describe(lang, &r, names(lang));
                let found = numbers(&ours);
                for n in numbers(&server) {
                    assert!(
                        found.contains(&n),
                        "{n} missing in {lang:?}: {ours:?} ({server:?})"
                    );
                }
                if let Some(c) = channel(&r) {
                    assert!(server.contains(c), "{server:?}");
                    assert!(ours.contains(&c.to_uppercase()), "{lang:?}: {ours:?}");
                }
            }
        }
    }

    #[test]
    fn the_english_matches_the_server_for_representative_refusals() {
        let en = |r: &Rejection| describe(Lang::En, r, names(Lang::En));
        let quorum = Rejection::NoQuorum {
            present: 17,
            required: 27,
        };
        assert_eq!(en(&quorum), quorum.message());
        assert_eq!(
            en(&Rejection::FloorOccupied { entry: EntryId(81) }),
            "Entry 81 holds the floor; end that speech first."
        );
        let booth = Rejection::MicrophoneNotLive {
            channel: "ar".into(),
        };
        assert_eq!(en(&booth).to_lowercase(), booth.message().to_lowercase());
        let text = Rejection::InvalidText {
            field: "title".into(),
            max_chars: 300,
        };
        assert!(en(&text).contains("300"), "{}", en(&text));
        assert_eq!(
            numbers(&en(&text)),
            numbers(&text.message()),
            "{}",
            en(&text)
        );
        let turn = Rejection::NotYourTurn {
            called: Some(DelegationId(12)),
        };
        assert!(en(&turn).starts_with("Delegation 12 is being called"));
        assert_eq!(
            en(&Rejection::NotYourTurn { called: None }),
            "Everyone has been called."
        );
        let files = Rejection::InvalidFiles {
            reason: "no file abc123 was uploaded to this session".into(),
        };
        assert_eq!(en(&files), files.message());
        assert_eq!(
            en(&Rejection::UnknownChannel {
                channel: "pt".into()
            }),
            "There is no interpretation channel PT."
        );
    }

    #[test]
    fn fields_are_filled_in_and_translated() {
        let r = Rejection::NotPermitted {
            role: Role::Delegate,
            command: "give_floor".into(),
        };
        assert_eq!(
            describe(Lang::Fr, &r, names(Lang::Fr)),
            "Un participant ayant le rôle « Délégué » ne peut pas donner la parole."
        );
        assert_eq!(
            describe(Lang::Zh, &r, names(Lang::Zh)),
            "角色为“代表”的与会者不得准予发言。"
        );
        let r = Rejection::WrongMeetingStatus {
            status: MeetingStatus::Suspended,
            command: "next_speaker".into(),
        };
        assert_eq!(
            describe(Lang::En, &r, names(Lang::En)),
            "The meeting is suspended; it is not possible to call the next speaker now."
        );
        assert_eq!(
            describe(Lang::Ru, &r, names(Lang::Ru)),
            "Заседание прервано; сейчас нельзя предоставить слово следующему оратору."
        );
        let r = Rejection::AlreadyInscribed {
            delegation: DelegationId(12),
            max_waiting: 2,
        };
        assert_eq!(
            describe(Lang::Es, &r, |_| "Chile".to_string()),
            "Chile ya tiene 2 declaración(es) pendiente(s) sobre este tema; la presidencia puede autorizar más."
        );
        let r = Rejection::ListClosed {
            item: AgendaItemId(4),
        };
        assert_eq!(
            describe_with(Lang::Ar, &r, &|_| String::new(), &|_| "5 (a)".to_string()),
            "أُقفلت قائمة المتكلمين في إطار البند 5 (a)؛ ولا يزال من الممكن ممارسة حق الرد."
        );
        let r = Rejection::InvalidText {
            field: "ruling".into(),
            max_chars: 2000,
        };
        assert_eq!(
            describe(Lang::Fr, &r, names(Lang::Fr)),
            "Le champ « Décision » est vide ou dépasse 2000 caractères."
        );
    }

    #[test]
    fn every_command_field_and_files_reason_of_the_server_is_translated() {
        // The wire names of `Command::name` and `DocumentCommand::name`.
        let commands = [
            "open_meeting",
            "suspend_meeting",
            "resume_meeting",
            "close_meeting",
            "add_agenda_item",
            "take_up_item",
            "check_in",
            "record_attendance",
            "request_floor",
            "inscribe_speaker",
            "withdraw_entry",
            "move_entry",
            "announce_list_closing",
            "close_list",
            "reopen_list",
            "raise_point_of_order",
            "raise_motion",
            "request_right_of_reply",
            "next_speaker",
            "give_floor",
            "pause_speech",
            "resume_speech",
            "end_speech",
            "rule",
            "assign_interpreter",
            "take_microphone",
            "release_microphone",
            "ask_to_slow_down",
            "table_proposal",
            "amend_proposal",
            "adopt_without_vote",
            "open_vote",
            "cast_vote",
            "pass_member",
            "close_vote",
            "publish",
            "add_files",
            "sign_on",
            "sign_off",
            "close_sponsorship",
            "check_out",
            "record_departure",
            "withdraw_proposal",
            "request_vote",
            "move_reconsideration",
            "state_budget_implications",
            "set_voting_order",
            "revise_orally",
            "move_division",
            "set_item_rules",
            "set_speaker_rank",
            "act_for_delegation",
            "open_next_ballot",
            "elect_by_acclamation",
            "edit_agenda_item",
            "move_agenda_item",
            "adopt_agenda",
            "continue_from",
            "pass_floor_microphone",
        ];
        let mut keys: Vec<T> = commands
            .iter()
            .map(|c| command_key(c).unwrap_or_else(|| panic!("{c} has no label")))
            .collect();
        keys.dedup();
        assert_eq!(keys.len(), commands.len());
        for lang in Lang::ALL {
            for field in [
                "number",
                "title",
                "ruling",
                "group",
                "reference",
                "agenda item",
                "statement",
                "document",
                "text",
            ] {
                if lang != Lang::En {
                    assert_ne!(field_label(lang, field), field, "{lang:?}");
                }
            }
            for reason in [
                "at least one language version is needed",
                "one file per language",
                "a file is named by the content id its upload returned",
                "a restricted distribution names at least one delegation",
            ] {
                assert_ne!(files_reason(lang, reason), "", "{lang:?}");
                if lang != Lang::En {
                    assert_ne!(files_reason(lang, reason), reason, "{lang:?}");
                }
            }
            assert!(files_reason(lang, "no file c-9 was uploaded to this session").contains("c-9"));
        }
        // Something this client does not know yet still reads as the server wrote it.
        assert_eq!(command_label(Lang::Fr, "merge_items"), "merge items");
        assert_eq!(files_reason(Lang::Fr, "too large"), "too large");
    }
}
