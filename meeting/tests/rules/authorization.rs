//! Who may give which command: the whole policy as one table for the meeting's commands,
//! and one for the commands on the session's document register.

use crate::helpers::*;
use floor_meeting::authority::{permits, permits_document};
use floor_meeting::decide;
use floor_meeting::documents::execute_document;
use floor_meeting::MeetingContext;
use floor_protocol::document::{
    Distribution, DocumentCommand, DocumentFile, DocumentKind, DocumentStatus, Language, Register,
};
use floor_protocol::roster::AttendanceMode;
use floor_protocol::symbol::DocumentSymbol;
use floor_protocol::vote::{Majority, VoteMethod};
use floor_protocol::*;

const Y: bool = true;
const N: bool = false;

/// Every command against every role. The columns follow `Role::ALL`.
/// Interpreters only work their booth's microphone; the room's device and viewers give no
/// command to the meeting at all.
#[rustfmt::skip]
const POLICY: [(&str, [bool; 6]); COMMAND_KINDS] = [
    //                          secretariat chair delegate interpreter room viewer
    ("open_meeting",            [Y,         Y,    N,       N,          N,   N]),
    ("suspend_meeting",         [Y,         Y,    N,       N,          N,   N]),
    ("resume_meeting",          [Y,         Y,    N,       N,          N,   N]),
    ("close_meeting",           [Y,         Y,    N,       N,          N,   N]),
    ("add_agenda_item",         [Y,         N,    N,       N,          N,   N]),
    ("take_up_item",            [Y,         Y,    N,       N,          N,   N]),
    ("check_in",                [N,         N,    Y,       N,          N,   N]),
    ("record_attendance",       [Y,         N,    N,       N,          N,   N]),
    ("request_floor",           [N,         N,    Y,       N,          N,   N]),
    ("inscribe_speaker",        [Y,         Y,    N,       N,          N,   N]),
    ("withdraw_entry",          [Y,         Y,    Y,       N,          N,   N]),
    ("move_entry",              [Y,         Y,    N,       N,          N,   N]),
    ("announce_list_closing",   [Y,         Y,    N,       N,          N,   N]),
    ("close_list",              [Y,         Y,    N,       N,          N,   N]),
    ("reopen_list",             [Y,         Y,    N,       N,          N,   N]),
    ("raise_point_of_order",    [N,         N,    Y,       N,          N,   N]),
    ("raise_motion",            [N,         N,    Y,       N,          N,   N]),
    ("request_right_of_reply",  [N,         N,    Y,       N,          N,   N]),
    ("next_speaker",            [Y,         Y,    N,       N,          N,   N]),
    ("give_floor",              [Y,         Y,    N,       N,          N,   N]),
    ("pause_speech",            [Y,         Y,    N,       N,          N,   N]),
    ("resume_speech",           [Y,         Y,    N,       N,          N,   N]),
    ("end_speech",              [Y,         Y,    N,       N,          N,   N]),
    ("rule",                    [Y,         Y,    N,       N,          N,   N]),
    ("assign_interpreter",      [Y,         N,    N,       N,          N,   N]),
    ("take_microphone",         [N,         N,    N,       Y,          N,   N]),
    ("release_microphone",      [N,         N,    N,       Y,          N,   N]),
    ("ask_to_slow_down",        [N,         N,    N,       Y,          N,   N]),
    ("table_proposal",          [Y,         Y,    N,       N,          N,   N]),
    ("amend_proposal",          [Y,         Y,    N,       N,          N,   N]),
    ("adopt_without_vote",      [Y,         Y,    N,       N,          N,   N]),
    ("open_vote",               [Y,         Y,    N,       N,          N,   N]),
    ("cast_vote",               [N,         N,    Y,       N,          N,   N]),
    ("pass_member",             [Y,         Y,    N,       N,          N,   N]),
    ("close_vote",              [Y,         Y,    N,       N,          N,   N]),
    ("hear_on_motion",          [Y,         Y,    N,       N,          N,   N]),
    ("put_to_vote",             [Y,         Y,    N,       N,          N,   N]),
    ("appeal_ruling",           [N,         N,    Y,       N,          N,   N]),
    ("check_out",               [N,         N,    Y,       N,          N,   N]),
    ("record_departure",        [Y,         N,    N,       N,          N,   N]),
    ("withdraw_proposal",       [Y,         Y,    Y,       N,          N,   N]),
    ("request_vote",            [N,         N,    Y,       N,          N,   N]),
    ("move_reconsideration",    [N,         N,    Y,       N,          N,   N]),
    ("state_budget_implications", [Y,       N,    N,       N,          N,   N]),
    ("set_voting_order",        [Y,         Y,    N,       N,          N,   N]),
    ("revise_orally",           [Y,         Y,    Y,       N,          N,   N]),
    ("move_division",           [N,         N,    Y,       N,          N,   N]),
    ("set_item_rules",          [Y,         Y,    N,       N,          N,   N]),
    ("set_speaker_rank",        [Y,         Y,    Y,       N,          N,   N]),
    ("act_for_delegation",      [Y,         N,    N,       N,          N,   N]),
    ("open_next_ballot",        [Y,         Y,    N,       N,          N,   N]),
    ("elect_by_acclamation",    [Y,         Y,    N,       N,          N,   N]),
    ("edit_agenda_item",        [Y,         Y,    N,       N,          N,   N]),
    ("move_agenda_item",        [Y,         Y,    N,       N,          N,   N]),
    ("adopt_agenda",            [Y,         Y,    N,       N,          N,   N]),
    ("continue_from",           [Y,         Y,    N,       N,          N,   N]),
    ("pass_floor_microphone",   [Y,         Y,    Y,       N,          N,   N]),
];

/// The table's columns are the roles in this order, and its rows one of each command.
#[test]
fn the_table_lists_every_role_and_every_command() {
    assert_eq!(
        Role::ALL,
        [
            Role::Secretariat,
            Role::Chair,
            Role::Delegate,
            Role::Interpreter,
            Role::Room,
            Role::Viewer
        ]
    );
    let commands = every_command();
    let kinds: Vec<usize> = commands.iter().map(variant).collect();
    assert_eq!(kinds, (0..COMMAND_KINDS).collect::<Vec<_>>());
    let names: Vec<&str> = commands.iter().map(|c| c.name()).collect();
    let rows: Vec<&str> = POLICY.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, rows);
}

/// A meeting where every command could make sense: open, item 1 under consideration,
/// Austria (entry 1) and Brazil (entry 2) inscribed, Chile's point of order (entry 3) waiting.
fn busy_meeting() -> Fixture {
    let mut f = Fixture::open();
    f.request(AUSTRIA);
    f.request(BRAZIL);
    f.point_of_order(CHILE);
    f
}

#[test]
fn each_role_may_give_exactly_the_commands_of_the_table() {
    let mut mismatches = Vec::new();
    for (command, (name, allowed)) in every_command().into_iter().zip(POLICY) {
        for (role, allowed) in Role::ALL.into_iter().zip(allowed) {
            if permits(role, &command) != allowed {
                mismatches.push(format!(
                    "{name}: {} {}",
                    role.as_str(),
                    if allowed {
                        "should be allowed"
                    } else {
                        "should be denied"
                    }
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

#[test]
fn a_denied_command_is_refused_as_not_permitted_and_changes_nothing() {
    for (command, (name, allowed)) in every_command().into_iter().zip(POLICY) {
        for (role, allowed) in Role::ALL.into_iter().zip(allowed) {
            let mut f = busy_meeting();
            let before = f.state.clone();
            let who = actor(role);
            let decided = decide(&f.ctx, &f.state, &who, &command, START);
            let not_permitted = Rejection::NotPermitted {
                role,
                command: name.to_string(),
            };
            if allowed {
                assert_ne!(decided, Err(not_permitted), "{name} by {role:?}");
            } else {
                assert_eq!(decided, Err(not_permitted.clone()), "{name} by {role:?}");
                assert_eq!(f.refused(who, command.clone()), not_permitted);
                assert_eq!(f.state, before);
            }
        }
    }
}

/// The permitted side of the table is real: in a meeting ready for it, each role gets each
/// of its commands accepted (not merely past the role check).
#[test]
fn each_permitted_command_is_accepted_in_a_meeting_ready_for_it() {
    use Command::*;
    for (command, (name, allowed)) in every_command().into_iter().zip(POLICY) {
        for (role, allowed) in Role::ALL.into_iter().zip(allowed) {
            if !allowed {
                continue;
            }
            let mut f = busy_meeting();
            // Bring the meeting to where the command applies.
            match &command {
                OpenMeeting => f = Fixture::new(),
                // Austria, following remotely, holds the floor.
                PassFloorMicrophone { .. } => {
                    f.check_in(delegate(AUSTRIA), AttendanceMode::Remote);
                    f.ok(chair(), rule(EntryId(3), false));
                    f.ok(chair(), NextSpeaker);
                }
                // A new meeting, nothing on its agenda yet, and an earlier one to continue.
                ContinueFrom { .. } => {
                    f = Fixture::new();
                    f.ctx.previous = Some(Box::new(MeetingState::new(EARLIER_MEETING)));
                }
                ResumeMeeting => {
                    f.ok(chair(), SuspendMeeting);
                }
                RequestFloor { .. } => {
                    f.ok(chair(), WithdrawEntry { entry: EntryId(1) });
                }
                ReopenList { .. } => {
                    f.ok(chair(), CloseList { item: None });
                }
                PauseSpeech | EndSpeech => {
                    f.ok(chair(), NextSpeaker);
                }
                ResumeSpeech => {
                    f.ok(chair(), NextSpeaker);
                    f.ok(chair(), PauseSpeech);
                }
                GiveFloor { .. } | NextSpeaker | RaisePointOfOrder { .. } | RaiseMotion { .. } => {
                    f.ok(chair(), rule(EntryId(3), false));
                }
                TakeMicrophone { .. } => {
                    f.ok(secretariat(), every_command()[24].clone());
                }
                ReleaseMicrophone { .. } => {
                    f.ok(secretariat(), every_command()[24].clone());
                    f.ok(interpreter(), every_command()[25].clone());
                }
                AskToSlowDown { .. } => {
                    f.ok(secretariat(), every_command()[24].clone());
                    f.ok(chair(), NextSpeaker);
                }
                AmendProposal { .. } | AdoptWithoutVote { .. } | ElectByAcclamation { .. } => {
                    f.ok(chair(), table_proposal(&[]));
                }
                OpenVote { .. } | CastVote { .. } | CloseVote { .. } | PassMember { .. } => {
                    // A quorum (three of the four members) and a clear floor.
                    f.ok(chair(), rule(EntryId(3), false));
                    for d in [AUSTRIA, BRAZIL, CHILE] {
                        f.check_in(delegate(d), AttendanceMode::Remote);
                    }
                    f.ok(chair(), table_proposal(&[]));
                    let method = if matches!(command, PassMember { .. }) {
                        VoteMethod::RollCall
                    } else {
                        VoteMethod::Recorded
                    };
                    if !matches!(command, OpenVote { .. }) {
                        f.ok(chair(), open_vote(method, Majority::PresentAndVoting));
                    }
                }
                // A first ballot in which nobody voted: no candidate elected.
                OpenNextBallot { .. } => {
                    f.ok(chair(), rule(EntryId(3), false));
                    for d in [AUSTRIA, BRAZIL, CHILE] {
                        f.check_in(delegate(d), AttendanceMode::Remote);
                    }
                    f.ok(chair(), table_proposal(&[]));
                    f.ok(
                        chair(),
                        OpenVote {
                            proposal: ProposalId(1),
                            method: VoteMethod::SecretBallot,
                            majority: Majority::PresentAndVoting,
                            candidates: vec!["Ms. Ana Ruiz".into(), "Mr. Lars Berg".into()],
                            seats: 1,
                        },
                    );
                    f.ok(
                        chair(),
                        CloseVote {
                            vote: VoteId(1),
                            counts: None,
                        },
                    );
                }
                HearOnMotion { .. } => {
                    // Denmark's motion for closure (entry 4) moved and awaiting its decision.
                    f.ok(chair(), rule(EntryId(3), false));
                    f.motion(DENMARK, MotionKind::CloseDebate);
                    f.ok(chair(), GiveFloor { entry: EntryId(4) });
                    f.ok(chair(), EndSpeech);
                }
                PutToVote { .. } => {
                    f.ok(chair(), rule(EntryId(3), false));
                    for d in [AUSTRIA, BRAZIL, CHILE] {
                        f.check_in(delegate(d), AttendanceMode::Remote);
                    }
                    f.motion(DENMARK, MotionKind::CloseDebate);
                }
                AppealRuling { .. } => {
                    f.ok(chair(), rule(EntryId(3), false));
                }
                CheckOut | RecordDeparture { .. } => {
                    f.check_in(delegate(AUSTRIA), AttendanceMode::Remote);
                    f.check_in(delegate(CHILE), AttendanceMode::InPerson);
                }
                // Austria's draft (proposal 1) before the meeting.
                WithdrawProposal { .. }
                | RequestVote { .. }
                | StateBudgetImplications { .. }
                | SetVotingOrder { .. }
                | ReviseOrally { .. } => {
                    f.ok(chair(), table_proposal(&[AUSTRIA]));
                }
                // A motion is raised once the point of order waiting is ruled on.
                MoveDivision { .. } => {
                    f.ok(chair(), rule(EntryId(3), false));
                    f.ok(chair(), table_proposal(&[AUSTRIA]));
                }
                MoveReconsideration { .. } => {
                    f.ok(chair(), rule(EntryId(3), false));
                    f.ok(chair(), table_proposal(&[]));
                    f.ok(
                        chair(),
                        AdoptWithoutVote {
                            proposal: ProposalId(1),
                        },
                    );
                }
                _ => {}
            }
            if let Err(r) = f.run(actor(role), command.clone()) {
                panic!("{name} by {role:?} was refused: {r:?}");
            }
        }
    }
}

// --- the document register

/// Every document command against every role, the columns as in [`POLICY`]. The register
/// is the secretariat's; delegates sign drafts on and off for their delegation.
#[rustfmt::skip]
const DOCUMENT_POLICY: [(&str, [bool; 6]); DOCUMENT_COMMAND_KINDS] = [
    //                          secretariat chair delegate interpreter room viewer
    ("publish",                 [Y,         N,    N,       N,          N,   N]),
    ("add_files",               [Y,         N,    N,       N,          N,   N]),
    ("sign_on",                 [N,         N,    Y,       N,          N,   N]),
    ("sign_off",                [N,         N,    Y,       N,          N,   N]),
    ("close_sponsorship",       [Y,         N,    N,       N,          N,   N]),
];

/// The number of kinds of document command.
const DOCUMENT_COMMAND_KINDS: usize = 5;

/// A document command's place in the declaration of `DocumentCommand`; no wildcard, so a
/// new command does not compile until the table lists it.
fn document_variant(command: &DocumentCommand) -> usize {
    use DocumentCommand::*;
    match command {
        Publish { .. } => 0,
        AddFiles { .. } => 1,
        SignOn { .. } => 2,
        SignOff { .. } => 3,
        CloseSponsorship { .. } => 4,
    }
}

/// The draft resolution published first: document 1, `E/CN.7/2026/L.2`, by Brazil.
const DRAFT: DocumentId = DocumentId(1);

/// A language version, named by a content id of 64 hexadecimal digits.
fn file(language: Language, digit: char) -> DocumentFile {
    DocumentFile {
        language,
        content_id: digit.to_string().repeat(64),
        mime: "application/pdf".into(),
        size: 1024,
    }
}

/// A draft resolution in English, its main sponsor Brazil.
fn publish_draft(symbol: &str) -> DocumentCommand {
    DocumentCommand::Publish {
        symbol: DocumentSymbol::parse(symbol).expect("a valid symbol"),
        title: "Promoting alternative development".into(),
        kind: DocumentKind::DraftResolution,
        status: DocumentStatus::AdvanceUnedited,
        distribution: Distribution::General,
        agenda_items: vec!["5".into()],
        files: vec![file(Language::En, 'e')],
        main_sponsor: Some(BRAZIL),
        sponsors: Vec::new(),
    }
}

/// One document command of each kind, in the order `DocumentCommand` declares them, all
/// about [`DRAFT`] (or publishing another draft).
fn every_document_command() -> Vec<DocumentCommand> {
    use DocumentCommand::*;
    vec![
        publish_draft("E/CN.7/2026/L.3"),
        AddFiles {
            document: DRAFT,
            status: DocumentStatus::Final,
            files: vec![file(Language::Fr, 'f')],
        },
        SignOn { document: DRAFT },
        SignOff { document: DRAFT },
        CloseSponsorship { document: DRAFT },
    ]
}

/// The session's register with [`DRAFT`] published, open for sponsors.
fn register_with_a_draft() -> (MeetingContext, Register) {
    let ctx = context(SessionRules::default());
    let mut register = Register::new(SessionId(1));
    execute_document(
        &ctx,
        &mut register,
        &secretariat(),
        &publish_draft("E/CN.7/2026/L.2"),
        START,
    )
    .expect("the draft is published");
    (ctx, register)
}

#[test]
fn the_document_table_lists_every_document_command() {
    let commands = every_document_command();
    let kinds: Vec<usize> = commands.iter().map(document_variant).collect();
    assert_eq!(kinds, (0..DOCUMENT_COMMAND_KINDS).collect::<Vec<_>>());
    let names: Vec<&str> = commands.iter().map(|c| c.name()).collect();
    let rows: Vec<&str> = DOCUMENT_POLICY.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, rows);
}

#[test]
fn each_role_may_give_exactly_the_document_commands_of_the_table() {
    let mut mismatches = Vec::new();
    for (command, (name, allowed)) in every_document_command().into_iter().zip(DOCUMENT_POLICY) {
        for (role, allowed) in Role::ALL.into_iter().zip(allowed) {
            if permits_document(role, &command) != allowed {
                mismatches.push(format!(
                    "{name}: {} {}",
                    role.as_str(),
                    if allowed {
                        "should be allowed"
                    } else {
                        "should be denied"
                    }
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

/// A denied document command is refused for the role before anything else is looked at:
/// naming a document that does not exist gets the same answer, so nobody learns what the
/// register holds by probing.
#[test]
fn a_denied_document_command_is_refused_as_not_permitted_and_changes_nothing() {
    use DocumentCommand::*;
    let nowhere = DocumentId(99);
    for (command, (name, allowed)) in every_document_command().into_iter().zip(DOCUMENT_POLICY) {
        let about_nothing = match command.clone() {
            AddFiles { status, files, .. } => AddFiles {
                document: nowhere,
                status,
                files,
            },
            SignOn { .. } => SignOn { document: nowhere },
            SignOff { .. } => SignOff { document: nowhere },
            CloseSponsorship { .. } => CloseSponsorship { document: nowhere },
            // Publishing again under the symbol already taken.
            Publish { .. } => publish_draft("E/CN.7/2026/L.2"),
        };
        for (role, allowed) in Role::ALL.into_iter().zip(allowed) {
            if allowed {
                continue;
            }
            let not_permitted = Rejection::NotPermitted {
                role,
                command: name.to_string(),
            };
            for command in [&command, &about_nothing] {
                let (ctx, mut register) = register_with_a_draft();
                let before = register.clone();
                let refused = execute_document(&ctx, &mut register, &actor(role), command, START);
                assert_eq!(refused, Err(not_permitted.clone()), "{name} by {role:?}");
                assert_eq!(register, before, "refused {name} changed the register");
            }
        }
    }
}

/// The permitted side of the table is real: each role gets each of its document commands
/// accepted in a register ready for it.
#[test]
fn each_permitted_document_command_is_accepted_in_a_register_ready_for_it() {
    for (command, (name, allowed)) in every_document_command().into_iter().zip(DOCUMENT_POLICY) {
        for (role, allowed) in Role::ALL.into_iter().zip(allowed) {
            if !allowed {
                continue;
            }
            let (ctx, mut register) = register_with_a_draft();
            let who = actor(role);
            if let DocumentCommand::SignOff { .. } = command {
                let sign_on = DocumentCommand::SignOn { document: DRAFT };
                execute_document(&ctx, &mut register, &who, &sign_on, START)
                    .expect("Austria signs on first");
            }
            let seq = register.seq;
            match execute_document(&ctx, &mut register, &who, &command, START) {
                Ok(events) => assert!(!events.is_empty() && register.seq > seq),
                Err(r) => panic!("{name} by {role:?} was refused: {r:?}"),
            }
        }
    }
}
