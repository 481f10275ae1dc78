//! Decisions and votes: the chair's decisions panel (table a proposal, adopt it without a
//! vote, open a vote, see who has voted, call the roll, close the vote, put a motion or an
//! appeal to the vote), the delegate's voting panel (vote, explain a vote, appeal a
//! ruling) and the room's vote board. Every screen folds the meeting's state; what may be
//! done is the server's to decide, and a refusal comes back with its reason.

use super::tr;
use crate::conn::command;
use crate::i18n::{Lang, T};
use crate::state::{app, NoticeKind};
use floor_protocol::command::{Capacity, MotionKind};
use floor_protocol::meeting::EntryKind;
use floor_protocol::vote::*;
use floor_protocol::*;
use leptos::prelude::*;

// --- pure helpers (host-tested below)

/// One member's place on the vote board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardRow {
    pub delegation: DelegationId,
    /// `None`: called twice in a roll call without answering (absent).
    pub choice: Option<Choice>,
}

/// The members on the board after a recorded vote or roll call, in the order the server
/// gives them (UN order), then those absent at a roll call. Empty for other methods.
pub fn board_rows(result: &VoteResult) -> Vec<BoardRow> {
    let mut rows: Vec<BoardRow> = result
        .by_member
        .iter()
        .map(|m| BoardRow {
            delegation: m.delegation,
            choice: Some(m.choice),
        })
        .collect();
    for d in &result.absent {
        if !rows.iter().any(|r| r.delegation == *d) {
            rows.push(BoardRow {
                delegation: *d,
                choice: None,
            });
        }
    }
    rows
}

/// Columns and rows of the board's grid for `n` members: filled column by column, as a
/// hall's voting board reads, with at most 14 names to a column and at most 4 columns
/// (beyond that the columns grow longer).
pub fn board_grid(n: usize) -> (usize, usize) {
    if n == 0 {
        return (1, 0);
    }
    let columns = n.div_ceil(14).clamp(1, 4);
    (columns, n.div_ceil(columns))
}

/// What the page knows of its own delegation's vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnVote {
    NotVoted,
    /// Recorded; the choice when the server has shown it to this delegation.
    Voted(Option<Choice>),
}

pub fn own_vote(vote: &Vote, delegation: Option<DelegationId>) -> OwnVote {
    let Some(d) = delegation else {
        return OwnVote::NotVoted;
    };
    if !vote.voted.contains(&d) {
        return OwnVote::NotVoted;
    }
    OwnVote::Voted(
        vote.choices
            .iter()
            .find(|m| m.delegation == d)
            .map(|m| m.choice),
    )
}

/// The latest vote, if the room's board shows it: while it is open, and after its close
/// until the floor is given again.
pub fn board_vote(state: &MeetingState) -> Option<&Vote> {
    let v = state.votes.last()?;
    (v.result.is_none() || state.floor.is_none()).then_some(v)
}

pub fn choice_label(lang: Lang, vote: &Vote, choice: Choice) -> String {
    match choice {
        Choice::Yes => lang.t(T::VtYes).into(),
        Choice::No => lang.t(T::VtNo).into(),
        Choice::Abstain => lang.t(T::VtAbstain).into(),
        Choice::Candidate { index } => candidate_name(vote, index),
        Choice::Candidates { indices } => indices
            .indices()
            .map(|i| candidate_name(vote, i))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn candidate_name(vote: &Vote, index: u32) -> String {
    vote.candidates
        .get(index as usize)
        .cloned()
        .unwrap_or_else(|| format!("#{}", index + 1))
}

/// The candidates a result elects, in its order (most votes first).
pub fn elected_by(outcome: &Outcome) -> Vec<u32> {
    match outcome {
        Outcome::Elected { candidate } => vec![*candidate],
        Outcome::ElectedSeveral { candidates, .. } => candidates.clone(),
        _ => Vec::new(),
    }
}

/// An election on `proposal` whose last ballot left places to fill: the next ballot
/// follows (`open_next_ballot`).
pub fn election_under_way(state: &MeetingState, proposal: ProposalId) -> bool {
    state
        .votes
        .iter()
        .rev()
        .filter(|v| v.subject == VoteSubject::Proposal && v.proposal == proposal)
        .find_map(|v| {
            v.result
                .as_ref()
                .filter(|r| !matches!(r.outcome, Outcome::Void { .. }))
        })
        .is_some_and(|r| {
            matches!(
                r.outcome,
                Outcome::NotElected | Outcome::ElectedSeveral { .. }
            ) && !r.outcome.decides()
        })
}

/// What a member may answer: yes, no or abstain; in an election, a candidate or abstain.
pub fn ballot_choices(vote: &Vote) -> Vec<Choice> {
    if vote.candidates.is_empty() {
        vec![Choice::Yes, Choice::No, Choice::Abstain]
    } else {
        (0..vote.candidates.len() as u32)
            .map(|index| Choice::Candidate { index })
            .chain([Choice::Abstain])
            .collect()
    }
}

pub fn choice_code(choice: Option<Choice>) -> String {
    match choice {
        Some(Choice::Yes) => "yes".into(),
        Some(Choice::No) => "no".into(),
        Some(Choice::Abstain) => "abstain".into(),
        Some(Choice::Candidate { index }) => format!("candidate-{index}"),
        Some(Choice::Candidates { indices }) => indices
            .indices()
            .fold("candidates".to_string(), |code, i| format!("{code}-{i}")),
        None => "absent".into(),
    }
}

pub fn method_label(lang: Lang, method: VoteMethod) -> &'static str {
    lang.t(match method {
        VoteMethod::ShowOfHands => T::VtShowOfHands,
        VoteMethod::Recorded => T::VtRecorded,
        VoteMethod::RollCall => T::VtRollCall,
        VoteMethod::SecretBallot => T::VtSecretBallot,
    })
}

pub fn majority_label(lang: Lang, majority: Majority) -> &'static str {
    lang.t(match majority {
        Majority::PresentAndVoting => T::VtMajoritySimple,
        Majority::TwoThirdsPresentAndVoting => T::VtMajorityTwoThirds,
        Majority::TwoThirdsOfMembers => T::VtMajorityTwoThirdsMembers,
    })
}

/// The motions moved by name alone; reconsideration and division name a proposal and
/// are moved from the decisions panel.
pub const PLAIN_MOTIONS: [MotionKind; 4] = [
    MotionKind::SuspendMeeting,
    MotionKind::AdjournMeeting,
    MotionKind::AdjournDebate,
    MotionKind::CloseDebate,
];

/// A procedural motion picked among [`PLAIN_MOTIONS`], then moved with `on_move`.
#[component]
pub fn MotionPicker(
    /// The select's id (its label points at it).
    field: &'static str,
    /// The move button's `data-action`.
    action: &'static str,
    on_move: Callback<MotionKind>,
) -> impl IntoView {
    let app = app();
    let motion = RwSignal::new(MotionKind::SuspendMeeting);
    view! {
        <span class="move-motion">
            <label for=field>{tr(T::MotionLabel)}</label>
            <select id=field on:change=move |ev| {
                let v = event_target_value(&ev);
                if let Some(m) = PLAIN_MOTIONS.into_iter().find(|m| m.as_str() == v) { motion.set(m) }
            }>
                {move || PLAIN_MOTIONS.into_iter().map(|m| view! {
                    <option value=m.as_str()>{motion_label(app.lang.get(), m)}</option>
                }).collect_view()}
            </select>
            <button type="button" data-action=action
                on:click=move |_| on_move.run(motion.get_untracked())>{tr(T::MoveMotion)}</button>
        </span>
    }
}

/// The chair's last ruling on a point of order while it may be appealed: not appealed
/// yet, and no vote open.
pub fn appealable(state: &MeetingState) -> Option<EntryId> {
    state
        .last_ruling
        .as_ref()
        .filter(|r| r.appeal.is_none() && state.open_vote().is_none())
        .map(|r| r.entry)
}

pub fn motion_label(lang: Lang, motion: MotionKind) -> &'static str {
    lang.t(match motion {
        MotionKind::SuspendMeeting => T::VtMotionSuspend,
        MotionKind::AdjournMeeting => T::VtMotionAdjourn,
        MotionKind::AdjournDebate => T::VtMotionAdjournDebate,
        MotionKind::CloseDebate => T::VtMotionCloseDebate,
        MotionKind::Reconsider => T::VtMotionReconsider,
        MotionKind::Division => T::VtMotionDivision,
    })
}

/// What a vote decides, in words: the proposal's reference and title, the motion, or
/// the appeal.
pub fn subject_label(lang: Lang, state: &MeetingState, vote: &Vote) -> String {
    match vote.subject {
        VoteSubject::Proposal => state
            .proposal(vote.proposal)
            .map(|p| format!("{} — {}", p.reference, p.title))
            .unwrap_or_default(),
        VoteSubject::Motion { motion, .. } => {
            lang.fill(T::VtSubjectMotion, &[motion_label(lang, motion)])
        }
        VoteSubject::Appeal { .. } => lang.t(T::VtSubjectAppeal).into(),
    }
}

/// The result's headline: ADOPTED, REJECTED, the candidate elected, ...
pub fn outcome_label(lang: Lang, vote: &Vote, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Adopted => lang.t(T::VtAdopted).into(),
        Outcome::Rejected => lang.t(T::VtRejected).into(),
        Outcome::Elected { candidate } => lang.fill(
            T::VtElected,
            &[&choice_label(
                lang,
                vote,
                Choice::Candidate { index: *candidate },
            )],
        ),
        Outcome::ElectedSeveral {
            candidates,
            places_left,
        } => {
            let names: Vec<String> = candidates
                .iter()
                .map(|c| candidate_name(vote, *c))
                .collect();
            let elected = lang.fill(T::VtElected, &[&names.join("; ")]);
            match places_left {
                0 => elected,
                n => format!(
                    "{elected} — {}",
                    lang.fill(T::VtPlacesLeft, &[&n.to_string()])
                ),
            }
        }
        Outcome::NotElected => lang.t(T::VtNotElected).into(),
        Outcome::Void { .. } => lang.t(T::VtVoid).into(),
    }
}

fn outcome_code(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Adopted => "adopted",
        Outcome::Rejected => "rejected",
        Outcome::Elected { .. } | Outcome::ElectedSeveral { .. } => "elected",
        Outcome::NotElected => "not_elected",
        Outcome::Void { .. } => "void",
    }
}

fn method_code(method: VoteMethod) -> &'static str {
    match method {
        VoteMethod::ShowOfHands => "show_of_hands",
        VoteMethod::Recorded => "recorded",
        VoteMethod::RollCall => "roll_call",
        VoteMethod::SecretBallot => "secret_ballot",
    }
}

fn parse_method(code: &str) -> VoteMethod {
    match code {
        "show_of_hands" => VoteMethod::ShowOfHands,
        "roll_call" => VoteMethod::RollCall,
        "secret_ballot" => VoteMethod::SecretBallot,
        _ => VoteMethod::Recorded,
    }
}

fn parse_majority(code: &str) -> Majority {
    match code {
        "two_thirds_present_and_voting" => Majority::TwoThirdsPresentAndVoting,
        "two_thirds_of_members" => Majority::TwoThirdsOfMembers,
        _ => Majority::PresentAndVoting,
    }
}

/// The candidates typed one per line, without blank lines.
pub fn candidates_from(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

// --- signals read by the views

fn open_vote() -> Option<Vote> {
    app()
        .state
        .with(|s| s.as_ref().and_then(|s| s.open_vote().cloned()))
}

fn subject_of(vote: &Vote) -> String {
    let app = app();
    let lang = app.lang.get();
    app.state.with(|s| {
        s.as_ref()
            .map(|s| subject_label(lang, s, vote))
            .unwrap_or_default()
    })
}

fn names(ids: &[DelegationId]) -> String {
    let app = app();
    ids.iter()
        .map(|d| app.name_of(*d))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A refusal of a command sent from one panel, shown beside it: the notice that follows
/// the click, when it is a refusal (the reason in the reader's language).
#[derive(Clone, Copy)]
struct PanelAnswer {
    since: RwSignal<Option<u64>>,
}

impl PanelAnswer {
    fn new() -> PanelAnswer {
        PanelAnswer {
            since: RwSignal::new(None),
        }
    }

    fn send(self, c: Command, label: T) {
        let serial = app()
            .notice
            .with_untracked(|n| n.as_ref().map_or(0, |n| n.serial));
        self.since.set(Some(serial));
        command(c, label);
    }

    fn refusal(self) -> Option<String> {
        let since = self.since.get()?;
        app().notice.with(|n| {
            n.as_ref()
                .filter(|n| n.serial > since && n.kind == NoticeKind::Refused)
                .map(|n| n.text.clone())
        })
    }
}

// --- the chair

/// The chair's decisions: the vote under way, what awaits a decision, the proposals
/// before the meeting, and the forms to submit a proposal and open a vote.
#[component]
pub fn ChairDecisions() -> impl IntoView {
    let app = app();
    let answer = PanelAnswer::new();
    // Redrawn when the vote changes, not at every event: the counts typed for a show of
    // hands stay while the meeting goes on.
    let vote = Memo::new(move |_| open_vote());
    view! {
        <section class="decisions" id="decisions" aria-labelledby="decisions-title">
            <h2 id="decisions-title">{tr(T::VtDecisions)}</h2>
            <p role="alert" class="error" id="decisions-refusal">{move || answer.refusal()}</p>
            {move || vote.get().map(|v| view! { <ChairOpenVote vote=v answer=answer/> })}
            <AwaitingDecision answer=answer/>
            <Proposals answer=answer/>
            <Show when=move || app.state.with(|s| s.as_ref().is_some_and(|s| s.open_vote().is_none()))>
                <OpenVoteForm answer=answer/>
            </Show>
            <TableProposalForm answer=answer/>
        </section>
    }
}

#[component]
fn ChairOpenVote(vote: Vote, answer: PanelAnswer) -> impl IntoView {
    let app = app();
    let id = vote.id;
    let method = vote.method;
    let members = vote.members;
    let voted = vote.voted.clone();
    let called = vote.roll_call.as_ref().and_then(|rc| rc.called());
    let second_round = vote.roll_call.as_ref().is_some_and(|rc| rc.second_round);
    let yes = RwSignal::new(String::new());
    let no = RwSignal::new(String::new());
    let abstain = RwSignal::new(String::new());
    let number = |s: RwSignal<String>| s.get_untracked().trim().parse::<u32>().unwrap_or(0);
    let close = move |_| {
        let counts = (method == VoteMethod::ShowOfHands).then(|| Tally {
            yes: number(yes),
            no: number(no),
            abstain: number(abstain),
            candidates: Vec::new(),
            ..Tally::default()
        });
        answer.send(Command::CloseVote { vote: id, counts }, T::CmdCloseVote);
    };
    let count_field = move |field: &'static str, label: T, value: RwSignal<String>| {
        let input_id = format!("count-{field}");
        view! {
            <label for=input_id.clone()>{tr(label)}</label>
            <input id=input_id type="number" min="0" inputmode="numeric" class="count"
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        }
    };
    let subject = vote.clone();
    view! {
        <div class="open-vote" id="chair-open-vote" data-vote=id.to_string() data-method=method_code(method)>
            <p class="vote-banner">{tr(T::VtVoteOpen)}</p>
            <p class="vote-subject">{move || subject_of(&subject)}</p>
            <p>{move || method_label(app.lang.get(), method)}" · "{move || majority_label(app.lang.get(), vote.majority)}</p>
            <Show when=move || method != VoteMethod::ShowOfHands>
                <p id="voted-count" data-voted=voted.len().to_string()>{
                    let n = voted.len();
                    move || app.lang.get().fill(T::VtVotedCount, &[&n.to_string(), &members.to_string()])
                }</p>
                <p id="voted-names" class="voted-names">{
                    let voted = voted.clone();
                    move || if voted.is_empty() { app.t(T::VtNobodyVotedYet).to_string() } else { app.lang.get().fill(T::VtHaveVoted, &[&names(&voted)]) }
                }</p>
            </Show>
            {called.map(|d| view! {
                <p id="roll-called" class="called" data-delegation=d.to_string()>
                    {move || app.lang.get().fill(if second_round { T::VtCalledAgain } else { T::VtCalled }, &[&app.name_of(d)])}
                </p>
                <button type="button" data-action="pass-member" on:click=move |_| answer.send(Command::PassMember { vote: id }, T::CmdPassMember)>{tr(T::VtPass)}</button>
            })}
            <Show when=move || method == VoteMethod::ShowOfHands>
                <div class="counts">
                    {count_field("yes", T::VtInFavour, yes)}
                    {count_field("no", T::VtAgainst, no)}
                    {count_field("abstain", T::VtAbstentions, abstain)}
                </div>
            </Show>
            <button type="button" class="primary" data-action="close-vote" on:click=close>{tr(T::VtCloseVote)}</button>
        </div>
    }
}

/// Motions moved and an appeal made, which the chair may put to the vote.
#[component]
fn AwaitingDecision(answer: PanelAnswer) -> impl IntoView {
    let app = app();
    let waiting = Memo::new(move |_| {
        app.state.with(|s| {
            let Some(s) = s.as_ref() else {
                return Vec::new();
            };
            if s.open_vote().is_some() {
                return Vec::new();
            }
            let lang = app.lang.get();
            let mut out: Vec<(EntryId, String)> = s
                .awaiting_ruling
                .iter()
                .chain(s.interventions.iter())
                .filter_map(|e| match e.kind {
                    EntryKind::Motion { motion, .. } => Some((
                        e.id,
                        lang.fill(
                            T::VtMotionBy,
                            &[&app.name_of(e.delegation), motion_label(lang, motion)],
                        ),
                    )),
                    _ => None,
                })
                .collect();
            if let (Some(entry), Some(appeal)) = (
                s.appeal_waiting(),
                s.last_ruling.as_ref().and_then(|r| r.appeal.as_ref()),
            ) {
                out.push((
                    entry,
                    lang.fill(T::VtAppealBy, &[&app.name_of(appeal.delegation)]),
                ));
            }
            out
        })
    });
    view! {
        <Show when=move || waiting.with(|w| !w.is_empty())>
            <h3>{tr(T::VtAwaitingDecision)}</h3>
            <ul class="awaiting-decision" id="awaiting-decision">
                {move || waiting.get().into_iter().map(|(entry, text)| {
                    let method = RwSignal::new(VoteMethod::Recorded);
                    let field = format!("put-method-{entry}");
                    view! { <li data-entry=entry.to_string()>
                        <span>{text}</span>
                        <label for=field.clone()>{tr(T::VtMethod)}</label>
                        <select id=field on:change=move |ev| method.set(parse_method(&event_target_value(&ev)))>
                            {[VoteMethod::Recorded, VoteMethod::ShowOfHands, VoteMethod::RollCall].into_iter().map(|m| view! {
                                <option value=method_code(m)>{move || method_label(app.lang.get(), m)}</option>
                            }).collect_view()}
                        </select>
                        <button type="button" data-action="put-to-vote"
                            on:click=move |_| answer.send(Command::PutToVote { entry, method: method.get_untracked() }, T::VtPutToVote)>{tr(T::VtPutToVote)}</button>
                    </li> }
                }).collect_view()}
            </ul>
        </Show>
    }
}

fn decision_line(lang: Lang, state: &MeetingState, p: &Proposal) -> String {
    match &p.decision {
        None => lang.t(T::VtUndecided).into(),
        Some(Decision::AdoptedWithoutVote { .. }) => lang.t(T::VtAdoptedWithoutVote).into(),
        Some(Decision::ElectedByAcclamation { candidates, .. }) => {
            lang.fill(T::VtElectedByAcclamation, &[&candidates.join("; ")])
        }
        Some(Decision::RejectedInParts { .. }) => lang.t(T::VtRejectedInParts).into(),
        Some(Decision::Voted { vote }) => state
            .vote(*vote)
            .and_then(|v| {
                v.result
                    .as_ref()
                    .map(|r| outcome_label(lang, v, &r.outcome))
            })
            .unwrap_or_default(),
    }
}

#[component]
fn Proposals(answer: PanelAnswer) -> impl IntoView {
    let app = app();
    let proposals = move || {
        app.state
            .with(|s| s.as_ref().map(|s| s.proposals.clone()).unwrap_or_default())
    };
    view! {
        <h3>{tr(T::VtProposals)}</h3>
        <Show when=move || !proposals().is_empty() fallback=|| view! { <p class="empty">{tr(T::VtNoProposals)}</p> }>
            <ul class="proposals" id="proposals">
                {move || proposals().into_iter().map(|p| {
                    let id = p.id;
                    let undecided = p.decision.is_none();
                    let under_way = move || app.state.with(|s| s.as_ref().is_some_and(|s| s.open_vote().is_none() && election_under_way(s, id)));
                    let sponsors = p.sponsors.clone();
                    let status = {
                        let p = p.clone();
                        move || app.state.with(|s| s.as_ref().map(|s| decision_line(app.lang.get(), s, &p)).unwrap_or_default())
                    };
                    view! { <li data-proposal=id.to_string() data-decided=(!undecided).to_string()>
                        <span class="symbol">{p.reference.clone()}</span>" "{p.title.clone()}
                        {(!sponsors.is_empty()).then(|| view! {
                            <span class="sponsors">" · "{move || app.lang.get().fill(T::VtSponsoredBy, &[&names(&sponsors)])}</span>
                        })}
                        " · "<strong class="decision">{status}</strong>
                        <Show when=move || undecided && !under_way()>
                            <button type="button" data-action="adopt-without-vote"
                                on:click=move |_| answer.send(Command::AdoptWithoutVote { proposal: id }, T::CmdAdoptWithoutVote)>{tr(T::VtAdoptWithoutVote)}</button>
                        </Show>
                        <Show when=under_way>
                            <button type="button" class="primary" data-action="next-ballot"
                                on:click=move |_| answer.send(Command::OpenNextBallot { proposal: id }, T::CmdOpenNextBallot)>{tr(T::VtNextBallot)}</button>
                        </Show>
                    </li> }
                }).collect_view()}
            </ul>
        </Show>
    }
}

#[component]
fn OpenVoteForm(answer: PanelAnswer) -> impl IntoView {
    let app = app();
    let undecided = move || {
        app.state.with(|s| {
            s.as_ref()
                .map(|s| {
                    s.proposals
                        .iter()
                        .filter(|p| p.decision.is_none())
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    // The proposal picked; by default the latest one undecided.
    let picked = RwSignal::new(None::<ProposalId>);
    let method = RwSignal::new(VoteMethod::Recorded);
    let majority = RwSignal::new(Majority::PresentAndVoting);
    let candidates = RwSignal::new(String::new());
    let seats = RwSignal::new(String::from("1"));
    let proposal = move || {
        picked
            .get()
            .filter(|p| undecided().iter().any(|u| u.id == *p))
            .or_else(|| undecided().last().map(|p| p.id))
    };
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(proposal) = proposal() else { return };
        let method = method.get_untracked();
        let candidates = if method == VoteMethod::SecretBallot {
            candidates_from(&candidates.get_untracked())
        } else {
            Vec::new()
        };
        answer.send(
            Command::OpenVote {
                proposal,
                method,
                majority: majority.get_untracked(),
                // What the server checks, it checks: a field left unreadable is sent as 0
                // places and refused with the reason.
                seats: if candidates.is_empty() {
                    1
                } else {
                    seats.get_untracked().trim().parse().unwrap_or(0)
                },
                candidates,
            },
            T::CmdOpenVote,
        );
    };
    let acclaim = move |_| {
        let Some(proposal) = proposal() else { return };
        answer.send(
            Command::ElectByAcclamation {
                proposal,
                candidates: candidates_from(&candidates.get_untracked()),
            },
            T::CmdElectByAcclamation,
        );
    };
    let majorities = [
        (Majority::PresentAndVoting, "present_and_voting"),
        (
            Majority::TwoThirdsPresentAndVoting,
            "two_thirds_present_and_voting",
        ),
        (Majority::TwoThirdsOfMembers, "two_thirds_of_members"),
    ];
    view! {
        <Show when=move || !undecided().is_empty()>
            <form class="card open-vote-form" id="open-vote-form" on:submit=open>
                <h3>{tr(T::VtOpenVoteHeading)}</h3>
                <label for="vote-proposal">{tr(T::VtProposal)}</label>
                <select id="vote-proposal" on:change=move |ev| picked.set(event_target_value(&ev).parse::<u32>().ok().map(ProposalId))>
                    {move || undecided().into_iter().map(|p| {
                        let id = p.id;
                        view! { <option value=id.to_string() selected=move || proposal() == Some(id)>{format!("{} — {}", p.reference, p.title)}</option> }
                    }).collect_view()}
                </select>
                <label for="vote-method">{tr(T::VtMethod)}</label>
                <select id="vote-method" on:change=move |ev| method.set(parse_method(&event_target_value(&ev)))>
                    {[VoteMethod::Recorded, VoteMethod::RollCall, VoteMethod::ShowOfHands, VoteMethod::SecretBallot].into_iter().map(|m| view! {
                        <option value=method_code(m) selected=move || method.get() == m>{move || method_label(app.lang.get(), m)}</option>
                    }).collect_view()}
                </select>
                <label for="vote-majority">{tr(T::VtMajority)}</label>
                <select id="vote-majority" on:change=move |ev| majority.set(parse_majority(&event_target_value(&ev)))>
                    {majorities.into_iter().map(|(m, code)| view! {
                        <option value=code selected=move || majority.get() == m>{move || majority_label(app.lang.get(), m)}</option>
                    }).collect_view()}
                </select>
                <Show when=move || method.get() == VoteMethod::SecretBallot>
                    <label for="vote-candidates">{tr(T::VtCandidates)}</label>
                    <textarea id="vote-candidates" rows="4"
                        prop:value=move || candidates.get() on:input=move |ev| candidates.set(event_target_value(&ev))></textarea>
                    <label for="vote-seats">{tr(T::VtSeats)}</label>
                    <input id="vote-seats" type="number" min="1" inputmode="numeric" class="count"
                        prop:value=move || seats.get() on:input=move |ev| seats.set(event_target_value(&ev))/>
                </Show>
                <button type="submit" class="primary" data-action="open-vote">{tr(T::VtOpenVote)}</button>
                <Show when=move || method.get() == VoteMethod::SecretBallot>
                    <button type="button" data-action="elect-by-acclamation" on:click=acclaim>{tr(T::VtAcclaim)}</button>
                </Show>
            </form>
        </Show>
    }
}

#[component]
fn TableProposalForm(answer: PanelAnswer) -> impl IntoView {
    let app = app();
    let reference = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let sponsors = RwSignal::new(Vec::<DelegationId>::new());
    // The session's L. documents (draft proposals), to pick a reference from.
    let limited = Memo::new(move |_| {
        app.documents.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.documents
                        .iter()
                        .filter(|d| d.superseded_by.is_none() && d.symbol.is_limited())
                        .map(|d| (d.symbol.to_string(), d.title.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let delegations = move || {
        app.info.with(|i| {
            i.as_ref()
                .map(|i| i.delegations.clone())
                .unwrap_or_default()
        })
    };
    let on_reference = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        // A document picked from the list brings its title, unless one was typed.
        if title.get_untracked().trim().is_empty() {
            if let Some((_, t)) = limited
                .get_untracked()
                .into_iter()
                .find(|(s, _)| *s == value)
            {
                title.set(t);
            }
        }
        reference.set(value);
    };
    // Cleared when the proposal comes back as an event, not before: a refusal keeps
    // what was typed.
    let tabled_before = RwSignal::new(None::<usize>);
    Effect::new(move |_| {
        let count = app
            .state
            .with(|s| s.as_ref().map_or(0, |s| s.proposals.len()));
        if let Some(before) = tabled_before.get_untracked() {
            if count > before {
                let typed = reference.get_untracked();
                let ours = app.state.with_untracked(|s| {
                    s.as_ref()
                        .and_then(|s| s.proposals.last())
                        .is_some_and(|p| p.reference == typed.trim())
                });
                if ours {
                    reference.set(String::new());
                    title.set(String::new());
                    sponsors.set(Vec::new());
                    tabled_before.set(None);
                }
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tabled_before
            .set(Some(app.state.with_untracked(|s| {
                s.as_ref().map_or(0, |s| s.proposals.len())
            })));
        answer.send(
            Command::TableProposal {
                reference: reference.get_untracked(),
                title: title.get_untracked(),
                sponsors: sponsors.get_untracked(),
                amends: None,
                text: String::new(),
                budget_implications: false,
            },
            T::CmdTableProposal,
        );
    };
    view! {
        <form class="card table-proposal" id="table-proposal" on:submit=submit>
            <h3>{tr(T::VtTableHeading)}</h3>
            <label for="proposal-reference">{tr(T::VtReference)}</label>
            <input id="proposal-reference" list="limited-documents" autocomplete="off" maxlength="120"
                prop:value=move || reference.get() on:input=on_reference/>
            <datalist id="limited-documents">
                {move || limited.get().into_iter().map(|(s, t)| view! { <option value=s.clone()>{t}</option> }).collect_view()}
            </datalist>
            <label for="proposal-title">{tr(T::VtTitle)}</label>
            <input id="proposal-title" autocomplete="off" maxlength="300"
                prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
            <fieldset class="sponsors-pick">
                <legend>{tr(T::VtSponsors)}</legend>
                {move || delegations().into_iter().map(|d| {
                    let id = d.id;
                    view! { <label class="check">
                        <input type="checkbox" data-sponsor=id.to_string()
                            prop:checked=move || sponsors.with(|s| s.contains(&id))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                sponsors.update(|s| { s.retain(|x| *x != id); if on { s.push(id) } });
                            }/>
                        {d.name.clone()}
                    </label> }
                }).collect_view()}
            </fieldset>
            <button type="submit" data-action="table-proposal">{tr(T::VtSubmitProposal)}</button>
        </form>
    }
}

// --- the delegate

/// The delegate's voting panel: unmistakable while a vote is open; buttons for members
/// only (and in a roll call only when called); explanations of vote and an appeal
/// against a ruling where the state shows one.
#[component]
pub fn VotingPanel() -> impl IntoView {
    let app = app();
    let answer = PanelAnswer::new();
    let vote = Memo::new(move |_| open_vote());
    let mine = app.my_delegation();
    let member = move || {
        app.info.with(|i| {
            i.as_ref()
                .and_then(|i| mine.and_then(|d| i.delegation(d)))
                .is_some_and(|d| d.kind == DelegationKind::Member)
        })
    };
    let appealable = move || app.state.with(|s| s.as_ref().and_then(appealable));
    // Explanations are given before the vote opens or after it closes (rule 60); while it
    // is open the panel holds the vote alone.
    let explainable = move || {
        app.state.with(|s| {
            s.as_ref()
                .filter(|s| s.open_vote().is_none())
                .map(|s| {
                    s.proposals
                        .iter()
                        .filter(|p| {
                            !matches!(
                                p.decision,
                                Some(
                                    Decision::AdoptedWithoutVote { .. }
                                        | Decision::ElectedByAcclamation { .. }
                                )
                            )
                        })
                        .map(|p| (p.id, p.reference.clone(), p.decision.is_some()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section class="voting-panel" id="voting-panel"
            data-state=move || if vote.with(|v| v.is_some()) { "open" } else { "none" }
            aria-labelledby="voting-title">
            <h2 id="voting-title">{tr(T::VtVoting)}</h2>
            {move || match vote.get() {
                Some(v) => view! { <Ballot vote=v member=member() answer=answer/> }.into_any(),
                None => view! { <p class="no-vote">{tr(T::VtNoVoteOpen)}</p> }.into_any(),
            }}
            <p role="alert" class="error" id="vote-refusal">{move || answer.refusal()}</p>
            {move || appealable().map(|entry| view! {
                <button type="button" data-action="appeal-ruling"
                    on:click=move |_| answer.send(Command::AppealRuling { entry }, T::VtAppeal)>{tr(T::VtAppeal)}</button>
            })}
            <Show when=move || !explainable().is_empty()>
                <ul class="explain" id="explanations">
                    {move || explainable().into_iter().map(|(proposal, reference, after)| {
                        let key = if after { T::VtExplainAfter } else { T::VtExplainBefore };
                        view! { <li><button type="button" data-action="explain-vote" data-proposal=proposal.to_string()
                            on:click=move |_| answer.send(Command::RequestFloor { item: None, capacity: Capacity::ExplanationOfVote { proposal } }, T::KindExplanation)>
                            {move || app.lang.get().fill(key, &[&reference])}
                        </button></li> }
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn Ballot(vote: Vote, member: bool, answer: PanelAnswer) -> impl IntoView {
    let app = app();
    let id = vote.id;
    let mine = app.my_delegation();
    let own = own_vote(&vote, mine);
    let called = vote.roll_call.as_ref().map(|rc| rc.called());
    // In a roll call, a member answers when called; the buttons wait for that.
    let my_turn = match called {
        None => true,
        Some(c) => c.is_some() && c == mine,
    };
    let choices = ballot_choices(&vote);
    let secret = vote.method == VoteMethod::SecretBallot;
    // An election to several places: a ballot marks up to that many candidates.
    let several = vote.seats > 1 && !vote.candidates.is_empty();
    let v = vote.clone();
    let subject = vote.clone();
    let lang = move || app.lang.get();
    view! {
        <div class="ballot" data-vote=id.to_string() data-method=method_code(vote.method)>
            <p class="vote-banner">{tr(T::VtVoteOpen)}</p>
            <p class="vote-subject">{move || subject_of(&subject)}</p>
            <p>{move || method_label(lang(), vote.method)}" · "{move || majority_label(lang(), vote.majority)}</p>
            {match (member, called) {
                (false, _) => Some(view! { <p class="observer-note" id="observer-note">{tr(T::VtObserversDoNotVote)}</p> }.into_any()),
                (true, Some(Some(c))) if Some(c) == mine && own == OwnVote::NotVoted => Some(view! { <p class="called you" id="you-are-called">{tr(T::VtYouAreCalled)}</p> }.into_any()),
                (true, Some(Some(c))) => Some(view! { <p class="called">{move || lang().fill(T::VtCalled, &[&app.name_of(c)])}</p> }.into_any()),
                _ => None,
            }}
            {(member && several && own == OwnVote::NotVoted).then(|| view! { <SeveralPlaces vote=v.clone() answer=answer/> })}
            {(member && !several && (my_turn || own != OwnVote::NotVoted)).then(|| view! {
                <div class="choices" role="group" aria-label=tr(T::VtVoting)>
                    {choices.into_iter().map(|choice| {
                        let pressed = own == OwnVote::Voted(Some(choice));
                        let label = { let v = v.clone(); move || choice_label(lang(), &v, choice) };
                        view! {
                            <button type="button" class=format!("choice {}", choice_code(Some(choice))) data-action="vote" data-choice=choice_code(Some(choice))
                                aria-pressed=pressed.to_string()
                                on:click=move |_| answer.send(Command::CastVote { vote: id, choice }, T::CmdCastVote)>{label}</button>
                        }
                    }).collect_view()}
                </div>
            })}
            {match own {
                OwnVote::NotVoted => None,
                OwnVote::Voted(Some(choice)) => {
                    let v = v.clone();
                    Some(view! { <p class="my-vote" id="my-vote" data-choice=choice_code(Some(choice)) role="status">
                        {move || lang().fill(T::VtYouVoted, &[&choice_label(lang(), &v, choice)])}</p> }.into_any())
                }
                OwnVote::Voted(None) => Some(view! { <p class="my-vote" id="my-vote" data-choice="sealed" role="status">
                    {move || app.t(if secret { T::VtBallotCast } else { T::VtVoteRecorded })}</p> }.into_any()),
            }}
        </div>
    }
}

/// The ballot of an election to several places: up to `seats` candidates marked, then
/// cast at once (or an abstention).
#[component]
fn SeveralPlaces(vote: Vote, answer: PanelAnswer) -> impl IntoView {
    let app = app();
    let id = vote.id;
    let seats = vote.seats;
    let marked = RwSignal::new(Vec::<u32>::new());
    let ballot =
        move || CandidateSet::of(&marked.get()).filter(|m| !m.is_empty() && m.len() <= seats);
    let cast = move |_| {
        if let Some(indices) = ballot() {
            answer.send(
                Command::CastVote {
                    vote: id,
                    choice: Choice::Candidates { indices },
                },
                T::CmdCastVote,
            );
        }
    };
    view! {
        <fieldset class="choices several" id="several-places">
            <legend>{move || app.lang.get().fill(T::VtMarkUpTo, &[&seats.to_string()])}</legend>
            {vote.candidates.iter().enumerate().map(|(i, name)| {
                let index = i as u32;
                let field = format!("mark-{i}");
                let checked = move || marked.with(|m| m.contains(&index));
                view! { <div class="mark">
                    <input type="checkbox" id=field.clone() data-action="mark" data-candidate=i.to_string()
                        prop:checked=checked
                        on:change=move |_| marked.update(|m| if let Some(at) = m.iter().position(|x| *x == index) { m.remove(at); } else { m.push(index); })/>
                    <label for=field>{name.clone()}</label>
                </div> }
            }).collect_view()}
            <button type="button" class="primary" data-action="cast-ballot" disabled=move || ballot().is_none() on:click=cast>{tr(T::VtCastBallot)}</button>
            <button type="button" data-action="vote" data-choice="abstain"
                on:click=move |_| answer.send(Command::CastVote { vote: id, choice: Choice::Abstain }, T::CmdCastVote)>{tr(T::VtAbstain)}</button>
        </fieldset>
    }
}

// --- the room

/// The vote board of the room's display: while open, what is voted on and how many
/// members have voted; after the close, the totals, the majority required, the outcome,
/// and each member's vote for a recorded vote or a roll call.
#[component]
pub fn VoteBoard() -> impl IntoView {
    let app = app();
    let shown = Memo::new(move |_| {
        app.state
            .with(|s| s.as_ref().and_then(|s| board_vote(s).cloned()))
    });
    move || shown.get().map(|v| view! { <Board vote=v/> })
}

#[component]
fn Board(vote: Vote) -> impl IntoView {
    let app = app();
    let lang = move || app.lang.get();
    let subject = vote.clone();
    let state = if vote.result.is_some() {
        "closed"
    } else {
        "open"
    };
    let outcome = vote
        .result
        .as_ref()
        .map(|r| outcome_code(&r.outcome))
        .unwrap_or("");
    let body = match vote.result.clone() {
        None => {
            let n = vote.voted.len();
            let members = vote.members;
            let called = vote.roll_call.as_ref().and_then(|rc| rc.called());
            view! {
                <p class="board-banner">{tr(T::VtVoteOpen)}</p>
                <p class="board-count" id="board-voted" data-voted=n.to_string()>
                    {move || lang().fill(T::VtVotedCount, &[&n.to_string(), &members.to_string()])}</p>
                {called.map(|d| view! { <p class="board-called">{move || lang().fill(T::VtCalled, &[&app.name_of(d)])}</p> })}
            }
            .into_any()
        }
        Some(result) => {
            let v = vote.clone();
            // The places left go on a line of their own, under the names elected.
            let places_left = match result.outcome {
                Outcome::ElectedSeveral { places_left, .. } if places_left > 0 => Some(places_left),
                _ => None,
            };
            let headline = {
                let v = v.clone();
                let outcome = match result.outcome.clone() {
                    Outcome::ElectedSeveral { candidates, .. } => Outcome::ElectedSeveral {
                        candidates,
                        places_left: 0,
                    },
                    other => other,
                };
                move || outcome_label(lang(), &v, &outcome)
            };
            let t = result.tally.clone();
            let totals = if vote.candidates.is_empty() {
                view! {
                    <div class="total yes"><dt>{tr(T::VtInFavour)}</dt><dd id="total-yes">{t.yes}</dd></div>
                    <div class="total no"><dt>{tr(T::VtAgainst)}</dt><dd id="total-no">{t.no}</dd></div>
                    <div class="total abstain"><dt>{tr(T::VtAbstentions)}</dt><dd id="total-abstain">{t.abstain}</dd></div>
                }
                .into_any()
            } else {
                let elected = elected_by(&result.outcome);
                view! {
                    {vote.candidates.iter().enumerate().map(|(i, name)| {
                        let count = t.candidates.get(i).copied().unwrap_or(0);
                        view! { <div class="total candidate" class:elected=elected.contains(&(i as u32)) data-candidate=i.to_string()>
                            <dt>{name.clone()}</dt><dd>{count}</dd></div> }
                    }).collect_view()}
                    <div class="total abstain"><dt>{tr(T::VtAbstentions)}</dt><dd id="total-abstain">{t.abstain}</dd></div>
                }
                .into_any()
            };
            let rows = board_rows(&result);
            let (columns, grid_rows) = board_grid(rows.len());
            let grid = format!(
                "grid-template-columns: repeat({columns}, minmax(0, 24em)); grid-template-rows: repeat({grid_rows}, auto)"
            );
            let required = result.required;
            let voting = result.present_and_voting;
            let drawn = result.lot.as_ref().map(|l| l.drawn.join("; "));
            view! {
                <p class="board-outcome" id="board-outcome">{headline}</p>
                {places_left.map(|n| view! { <p class="board-places-left" id="board-places-left">{move || lang().fill(T::VtPlacesLeft, &[&n.to_string()])}</p> })}
                {drawn.map(|names| view! { <p class="board-lot" id="board-lot">{move || lang().fill(T::VtDrawnByLot, &[&names])}</p> })}
                <dl class="board-totals" id="board-totals">
                    {totals}
                    <div class="total required"><dt>{tr(T::VtRequiredMajority)}</dt><dd id="total-required">{required}</dd></div>
                    <div class="total voting"><dt>{tr(T::VtPresentAndVoting)}</dt><dd id="total-voting">{voting}</dd></div>
                </dl>
                {(!rows.is_empty()).then(|| view! {
                    <ol class="board-members" id="board-members" style=grid>
                        {rows.into_iter().map(|r| {
                            let v = v.clone();
                            let choice = r.choice;
                            view! { <li data-delegation=r.delegation.to_string() data-choice=choice_code(choice) class=format!("member {}", choice_code(choice))>
                                <span class="member-name">{app.name_of(r.delegation)}</span>
                                <span class="member-choice">{move || match choice {
                                    Some(c) => choice_label(lang(), &v, c),
                                    None => app.t(T::VtAbsent).to_string(),
                                }}</span>
                            </li> }
                        }).collect_view()}
                    </ol>
                })}
            }
            .into_any()
        }
    };
    view! {
        <section class="vote-board" id="vote-board" data-state=state data-outcome=outcome data-vote=vote.id.to_string()
            aria-labelledby="vote-board-subject">
            <h2 class="board-subject" id="vote-board-subject">{move || subject_of(&subject)}</h2>
            <p class="board-method">{move || method_label(lang(), vote.method)}" · "{move || majority_label(lang(), vote.majority)}
                {(vote.ballot > 1).then(|| view! { " · "<span id="board-ballot">{move || lang().fill(T::VtBallotNumber, &[&vote.ballot.to_string()])}</span> })}
            </p>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(by_member: &[(i64, Choice)], absent: &[i64]) -> VoteResult {
        VoteResult {
            tally: Tally::default(),
            present_and_voting: 0,
            required: 0,
            outcome: Outcome::Adopted,
            by_member: by_member
                .iter()
                .map(|(d, c)| MemberVote {
                    delegation: DelegationId(*d),
                    choice: *c,
                })
                .collect(),
            absent: absent.iter().map(|d| DelegationId(*d)).collect(),
            lot: None,
        }
    }

    #[test]
    fn the_board_keeps_the_servers_order_then_the_absent() {
        // The server gives the members in UN order (here 7, 2, 5); the board must not
        // re-sort them by id or name.
        let r = result(
            &[(7, Choice::No), (2, Choice::Yes), (5, Choice::Abstain)],
            &[9, 2],
        );
        let rows = board_rows(&r);
        let order: Vec<i64> = rows.iter().map(|r| r.delegation.0).collect();
        assert_eq!(order, vec![7, 2, 5, 9]);
        assert_eq!(rows[0].choice, Some(Choice::No));
        assert_eq!(rows[3].choice, None, "absent at the roll call");
    }

    #[test]
    fn the_grid_fills_columns_of_at_most_fourteen_and_four_columns_at_most() {
        assert_eq!(board_grid(0), (1, 0));
        assert_eq!(board_grid(3), (1, 3));
        assert_eq!(board_grid(14), (1, 14));
        assert_eq!(board_grid(15), (2, 8));
        assert_eq!(board_grid(53), (4, 14));
        assert_eq!(board_grid(193), (4, 49));
    }

    fn vote(voted: &[i64], choices: &[(i64, Choice)]) -> Vote {
        Vote {
            id: VoteId(1),
            proposal: ProposalId(1),
            subject: VoteSubject::Proposal,
            method: VoteMethod::Recorded,
            majority: Majority::PresentAndVoting,
            candidates: vec!["Ms. A".into(), "Mr. B".into()],
            seats: 1,
            ballot: 1,
            lot: None,
            opened_at: Millis(0),
            members: 3,
            members_present: 3,
            voted: voted.iter().map(|d| DelegationId(*d)).collect(),
            choices: choices
                .iter()
                .map(|(d, c)| MemberVote {
                    delegation: DelegationId(*d),
                    choice: *c,
                })
                .collect(),
            roll_call: None,
            result: None,
        }
    }

    #[test]
    fn own_vote_is_what_the_server_shows_of_it() {
        let v = vote(&[1, 2], &[(2, Choice::No)]);
        assert_eq!(own_vote(&v, None), OwnVote::NotVoted);
        assert_eq!(own_vote(&v, Some(DelegationId(3))), OwnVote::NotVoted);
        assert_eq!(own_vote(&v, Some(DelegationId(1))), OwnVote::Voted(None));
        assert_eq!(
            own_vote(&v, Some(DelegationId(2))),
            OwnVote::Voted(Some(Choice::No))
        );
    }

    #[test]
    fn the_board_shows_the_latest_vote_until_the_floor_is_given() {
        let mut s = MeetingState::new(MeetingId(1));
        assert!(board_vote(&s).is_none());
        s.votes.push(vote(&[], &[]));
        assert!(board_vote(&s).is_some(), "open");
        s.votes[0].result = Some(result(&[], &[]));
        assert!(board_vote(&s).is_some(), "closed, nobody has the floor");
    }

    #[test]
    fn labels_name_candidates_and_outcomes() {
        let v = vote(&[], &[]);
        assert_eq!(
            choice_label(Lang::En, &v, Choice::Candidate { index: 1 }),
            "Mr. B"
        );
        assert_eq!(
            outcome_label(Lang::En, &v, &Outcome::Elected { candidate: 0 }),
            Lang::En.fill(T::VtElected, &["Ms. A"])
        );
        assert_eq!(
            candidates_from(" Ms. A \n\n Mr. B\n"),
            vec!["Ms. A", "Mr. B"]
        );
    }

    #[test]
    fn an_election_to_several_places_names_those_elected_and_the_places_left() {
        let v = vote(&[], &[]);
        let both = Choice::Candidates {
            indices: CandidateSet::of(&[1, 0]).unwrap(),
        };
        assert_eq!(choice_label(Lang::En, &v, both), "Ms. A, Mr. B");
        assert_eq!(choice_code(Some(both)), "candidates-0-1");
        let partly = Outcome::ElectedSeveral {
            candidates: vec![1],
            places_left: 1,
        };
        assert_eq!(
            outcome_label(Lang::En, &v, &partly),
            "ELECTED: Mr. B — 1 place(s) still to fill"
        );
        // The election goes on while a place is left, and not once every place is filled.
        let mut state = MeetingState::new(MeetingId(1));
        let mut closed = v.clone();
        closed.result = Some(VoteResult {
            outcome: partly,
            ..result(&[], &[])
        });
        state.votes.push(closed.clone());
        assert!(election_under_way(&state, ProposalId(1)));
        closed.result = Some(VoteResult {
            outcome: Outcome::ElectedSeveral {
                candidates: vec![0, 1],
                places_left: 0,
            },
            ..result(&[], &[])
        });
        state.votes = vec![closed];
        assert!(!election_under_way(&state, ProposalId(1)));
        assert!(!election_under_way(&state, ProposalId(2)));
    }
}
