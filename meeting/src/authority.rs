//! Which role may give which command, to a meeting ([`permits`]) and to the session's
//! document register ([`permits_document`]). (The chair never votes, rule 20: another
//! delegate of the chair's delegation votes for it.) The tables are the whole story: the
//! rules in [`crate::rules`] and [`crate::documents`] then check the roster, the meeting's
//! state or the register and, for delegates, that they act for their own delegation.

use floor_protocol::document::DocumentCommand;
use floor_protocol::{Command, Role};

/// Whether `role` may give `command` at all.
pub fn permits(role: Role, command: &Command) -> bool {
    use Command::*;
    match command {
        // Setting up the agenda and the booths, and recording others' attendance, is the
        // secretariat's work.
        AddAgendaItem { .. }
        | RecordAttendance { .. }
        | RecordDeparture { .. }
        | AssignInterpreter { .. } => role == Role::Secretariat,

        // The secretariat states what a proposal would cost, and gives the commands of a
        // delegation in the room (which `rules.rs` checks as the delegate's own).
        StateBudgetImplications { .. } | ActForDelegation { .. } => role == Role::Secretariat,

        // The booth's console.
        TakeMicrophone { .. } | ReleaseMicrophone { .. } | AskToSlowDown { .. } => {
            role == Role::Interpreter
        }

        // Running the meeting: the chair, and the secretariat when asked to.
        OpenMeeting
        | SuspendMeeting
        | ResumeMeeting
        | CloseMeeting
        | TakeUpItem { .. }
        | EditAgendaItem { .. }
        | MoveAgendaItem { .. }
        | AdoptAgenda
        | ContinueFrom { .. }
        | SetItemRules { .. }
        | InscribeSpeaker { .. }
        | MoveEntry { .. }
        | AnnounceListClosing { .. }
        | CloseList { .. }
        | ReopenList { .. }
        | NextSpeaker
        | GiveFloor { .. }
        | PauseSpeech
        | ResumeSpeech
        | EndSpeech
        | Rule { .. }
        | HearOnMotion { .. }
        | PutToVote { .. }
        | TableProposal { .. }
        | AmendProposal { .. }
        | AdoptWithoutVote { .. }
        | OpenVote { .. }
        | OpenNextBallot { .. }
        | ElectByAcclamation { .. }
        | PassMember { .. }
        | CloseVote { .. }
        | SetVotingOrder { .. } => role.presides(),

        // The delegation holding the floor passes its microphone; the chair may too.
        PassFloorMicrophone { .. } => role == Role::Delegate || role.presides(),

        // What a delegation does through its delegates.
        CheckIn { .. }
        | RequestFloor { .. }
        | RaisePointOfOrder { .. }
        | RaiseMotion { .. }
        | RequestRightOfReply { .. }
        | AppealRuling { .. }
        | CastVote { .. }
        | CheckOut
        | RequestVote { .. }
        | MoveReconsideration { .. }
        | MoveDivision { .. } => role == Role::Delegate,

        // A delegate withdraws its own entries, and withdraws or orally revises its
        // delegation's proposals; the presiding officers any entry, and a proposal on its
        // sponsors' behalf.
        // A delegate records its own speaker's rank too (the presiding officers any).
        WithdrawEntry { .. }
        | SetSpeakerRank { .. }
        | WithdrawProposal { .. }
        | ReviseOrally { .. } => role == Role::Delegate || role.presides(),
    }
}

/// Whether `role` may give `command` to the session's document register at all.
pub fn permits_document(role: Role, command: &DocumentCommand) -> bool {
    use DocumentCommand::*;
    match command {
        // The register is the secretariat's: it publishes, adds language versions and
        // closes a draft's list of sponsors once the draft is adopted.
        Publish { .. } | AddFiles { .. } | CloseSponsorship { .. } => role == Role::Secretariat,

        // A delegation co-sponsors a draft, or stops co-sponsoring it, through its
        // delegates (`documents.rs` checks that it is a State).
        SignOn { .. } | SignOff { .. } => role == Role::Delegate,
    }
}
