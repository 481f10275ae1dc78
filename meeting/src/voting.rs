//! Decisions and voting: tabling proposals, decisions without a vote, opening a vote with
//! its quorum check, casting, roll calls drawn by lot, the result by the majority the vote
//! requires, and elections: to several places, restricted further ballots, ties decided
//! by lot, acclamation. Called from [`crate::rules`]; pure like the rest of the crate.

use crate::rules::MeetingContext;
use floor_protocol::event::Actor;
use floor_protocol::vote::*;
use floor_protocol::*;
use sha2::{Digest, Sha256};

const MAX_REFERENCE_CHARS: usize = 120;
const MAX_TITLE_CHARS: usize = 300;
const MAX_CANDIDATE_CHARS: usize = 200;
const MAX_PROPOSAL_TEXT_CHARS: usize = 5000;
const MAX_PART_CHARS: usize = 300;

pub(crate) struct Voting<'a> {
    pub ctx: &'a MeetingContext,
    pub state: &'a MeetingState,
    pub actor: &'a Actor,
    pub now: Millis,
}

/// What makes a vote a ballot of an election: its candidates (none for a yes/no vote),
/// the places it fills, its number among the election's ballots, and the lot that chose
/// who went on to it.
struct Ballot {
    candidates: Vec<String>,
    seats: u32,
    number: u32,
    lot: Option<Lot>,
}

impl Ballot {
    fn yes_no() -> Ballot {
        Ballot {
            candidates: Vec::new(),
            seats: 1,
            number: 1,
            lot: None,
        }
    }
}

fn text_ok(value: &str, max: usize) -> bool {
    let n = value.trim().chars().count();
    n > 0 && n <= max
}

impl Voting<'_> {
    fn proposal(&self, id: ProposalId) -> Result<&Proposal, Rejection> {
        self.state
            .proposal(id)
            .ok_or(Rejection::UnknownProposal { proposal: id })
    }

    fn undecided(&self, id: ProposalId) -> Result<&Proposal, Rejection> {
        let p = self.proposal(id)?;
        if p.withdrawn {
            return Err(Rejection::ProposalWithdrawn { proposal: id });
        }
        if p.decision.is_some() {
            return Err(Rejection::AlreadyDecided { proposal: id });
        }
        if let Some(v) = self.state.open_vote() {
            if v.proposal == id {
                return Err(Rejection::VoteInProgress { vote: v.id });
            }
        }
        Ok(p)
    }

    fn open(&self, id: VoteId) -> Result<&Vote, Rejection> {
        let v = self
            .state
            .vote(id)
            .ok_or(Rejection::UnknownVote { vote: id })?;
        if v.result.is_some() {
            return Err(Rejection::VoteNotOpen { vote: id });
        }
        Ok(v)
    }

    pub fn table(
        &self,
        reference: &str,
        title: &str,
        sponsors: &[DelegationId],
        budget_implications: bool,
        amends: Option<ProposalId>,
        text: &str,
    ) -> Result<Vec<Event>, Rejection> {
        if !text_ok(reference, MAX_REFERENCE_CHARS) {
            return Err(Rejection::InvalidText {
                field: "reference".into(),
                max_chars: MAX_REFERENCE_CHARS as u32,
            });
        }
        if !text_ok(title, MAX_TITLE_CHARS) {
            return Err(Rejection::InvalidText {
                field: "title".into(),
                max_chars: MAX_TITLE_CHARS as u32,
            });
        }
        let mut unique = Vec::new();
        for d in sponsors {
            if !self.ctx.delegations.contains_key(d) {
                return Err(Rejection::UnknownDelegation { delegation: *d });
            }
            if !unique.contains(d) {
                unique.push(*d);
            }
        }
        // An amendment has its text, and amends a proposal still before the meeting that
        // is not itself an amendment.
        let text = text.trim();
        if text.chars().count() > MAX_PROPOSAL_TEXT_CHARS || (amends.is_some() && text.is_empty()) {
            return Err(Rejection::InvalidText {
                field: "text".into(),
                max_chars: MAX_PROPOSAL_TEXT_CHARS as u32,
            });
        }
        if let Some(amended) = amends {
            if self.undecided(amended)?.amends.is_some() {
                return Err(Rejection::AmendsAnAmendment { proposal: amended });
            }
        }
        Ok(vec![Event::ProposalTabled {
            proposal: Box::new(Proposal {
                id: ProposalId(self.state.proposals.len() as u32 + 1),
                reference: reference.trim().to_string(),
                title: title.trim().to_string(),
                sponsors: unique,
                amended: false,
                decision: None,
                withdrawn: false,
                vote_requested_by: None,
                budget_implications,
                budget_statement: None,
                text: text.to_string(),
                amends,
                amendments: Vec::new(),
                oral_revisions: Vec::new(),
                part_of: None,
                parts: Vec::new(),
            }),
        }])
    }

    /// The chair sets the order in which the amendments to `proposal` are voted.
    pub fn set_voting_order(
        &self,
        proposal: ProposalId,
        amendments: &[ProposalId],
    ) -> Result<Vec<Event>, Rejection> {
        let p = self.undecided(proposal)?;
        let mut given = amendments.to_vec();
        given.sort();
        let mut known = p.amendments.clone();
        known.sort();
        if given != known {
            return Err(Rejection::InvalidVotingOrder { proposal });
        }
        Ok(vec![Event::VotingOrderSet {
            proposal,
            amendments: amendments.to_vec(),
        }])
    }

    /// The sponsors' oral revision, recorded before action on the proposal.
    pub fn revise_orally(&self, proposal: ProposalId, text: &str) -> Result<Vec<Event>, Rejection> {
        let p = self.undecided(proposal)?;
        let by = if self.actor.role.presides() {
            None
        } else {
            let delegation = self.actor.delegation.ok_or(Rejection::NoDelegation)?;
            if !p.sponsors.contains(&delegation) {
                return Err(Rejection::NotProposalSponsor { proposal });
            }
            Some(delegation)
        };
        if !text_ok(text, MAX_PROPOSAL_TEXT_CHARS) {
            return Err(Rejection::InvalidText {
                field: "text".into(),
                max_chars: MAX_PROPOSAL_TEXT_CHARS as u32,
            });
        }
        Ok(vec![Event::OralRevisionRecorded {
            proposal,
            text: text.trim().to_string(),
            by,
        }])
    }

    /// Whether the actor's delegation may move to divide `proposal` into `parts`: a member,
    /// a proposal still before the meeting, neither an amendment nor a part nor divided,
    /// and two parts or more. The parts, trimmed.
    pub fn may_divide(
        &self,
        proposal: ProposalId,
        parts: &[String],
    ) -> Result<Vec<String>, Rejection> {
        let delegation = self.actor.delegation.ok_or(Rejection::NoDelegation)?;
        if self.ctx.delegations.get(&delegation) != Some(&DelegationKind::Member) {
            return Err(Rejection::NotAMember { delegation });
        }
        let p = self.undecided(proposal)?;
        let divisible = p.amends.is_none() && p.part_of.is_none() && p.parts.is_empty();
        if !divisible || parts.len() < 2 || !parts.iter().all(|t| text_ok(t, MAX_PART_CHARS)) {
            return Err(Rejection::InvalidDivision { proposal });
        }
        Ok(parts.iter().map(|t| t.trim().to_string()).collect())
    }

    /// A division adopted: its parts as new proposals, numbered on from the last one, with
    /// the proposal's sponsors; nothing if the proposal was decided meanwhile.
    pub fn divided(&self, proposal: ProposalId, parts: &[String]) -> Option<Event> {
        let p = self.state.proposal(proposal)?;
        if p.decision.is_some() || p.withdrawn || !p.parts.is_empty() {
            return None;
        }
        let first = self.state.proposals.len() as u32 + 1;
        let parts = parts
            .iter()
            .enumerate()
            .map(|(i, text)| Proposal {
                id: ProposalId(first + i as u32),
                reference: format!("{}, part {}", p.reference, i + 1),
                title: p.title.clone(),
                sponsors: p.sponsors.clone(),
                amended: false,
                decision: None,
                withdrawn: false,
                vote_requested_by: None,
                budget_implications: false,
                budget_statement: None,
                text: text.clone(),
                amends: None,
                amendments: Vec::new(),
                oral_revisions: Vec::new(),
                part_of: Some(proposal),
                parts: Vec::new(),
            })
            .collect();
        Some(Event::ProposalDivided { proposal, parts })
    }

    /// The order of voting: a proposal is put once its amendments are decided, then its
    /// parts if divided; an amendment once those before it in the order are, and a part
    /// once the amendments and the parts before it are.
    fn in_order(&self, p: &Proposal) -> Result<(), Rejection> {
        if let Some(amendment) = self.state.next_amendment(p.id) {
            return Err(Rejection::AmendmentsFirst {
                proposal: p.id,
                amendment,
            });
        }
        if let Some(part) = self.state.next_part(p.id) {
            return Err(Rejection::PartsFirst {
                proposal: p.id,
                part,
            });
        }
        if let Some(whole) = p.part_of {
            if let Some(amendment) = self.state.next_amendment(whole) {
                return Err(Rejection::AmendmentsFirst {
                    proposal: whole,
                    amendment,
                });
            }
            if let Some(part) = self.state.next_part(whole).filter(|next| *next != p.id) {
                return Err(Rejection::PartsFirst {
                    proposal: whole,
                    part,
                });
            }
        }
        if let Some(next) = p
            .amends
            .and_then(|amended| self.state.next_amendment(amended))
            .filter(|next| *next != p.id)
        {
            return Err(Rejection::AmendmentOutOfOrder {
                amendment: p.id,
                next,
            });
        }
        Ok(())
    }

    /// The events that follow a decision on `proposal` (`outcome`): an amendment adopted
    /// amends the proposal it amends; the last part of a divided proposal rejected, when
    /// every other part was rejected too, rejects the proposal as a whole.
    pub fn after_decision(&self, proposal: ProposalId, outcome: &Outcome) -> Vec<Event> {
        let Some(p) = self.state.proposal(proposal) else {
            return Vec::new();
        };
        match (p.amends, p.part_of, outcome) {
            (Some(amended), _, Outcome::Adopted) => {
                vec![Event::ProposalAmended { proposal: amended }]
            }
            (_, Some(whole), Outcome::Rejected) => {
                let others_rejected = self.state.proposal(whole).is_some_and(|w| {
                    w.parts
                        .iter()
                        .filter(|part| **part != proposal)
                        .all(|part| self.rejected(*part))
                });
                if others_rejected {
                    vec![Event::ProposalRejectedInParts { proposal: whole }]
                } else {
                    Vec::new()
                }
            }
            _ => Vec::new(),
        }
    }

    /// Whether a proposal was decided, by a vote, against.
    fn rejected(&self, proposal: ProposalId) -> bool {
        match self
            .state
            .proposal(proposal)
            .and_then(|p| p.decision.as_ref())
        {
            Some(Decision::Voted { vote }) => self
                .state
                .vote(*vote)
                .and_then(|v| v.result.as_ref())
                .is_some_and(|r| r.outcome != Outcome::Adopted),
            Some(Decision::RejectedInParts { .. }) => true,
            Some(Decision::AdoptedWithoutVote { .. } | Decision::ElectedByAcclamation { .. })
            | None => false,
        }
    }

    /// The sponsors withdraw their proposal (or the chair or secretariat announces it):
    /// only before voting on it has begun and while it has not been amended.
    pub fn withdraw(&self, proposal: ProposalId) -> Result<Vec<Event>, Rejection> {
        let p = self.undecided(proposal)?;
        let by = if self.actor.role.presides() {
            None
        } else {
            let delegation = self.actor.delegation.ok_or(Rejection::NoDelegation)?;
            if !p.sponsors.contains(&delegation) {
                return Err(Rejection::NotProposalSponsor { proposal });
            }
            Some(delegation)
        };
        if p.amended {
            return Err(Rejection::AmendedProposal { proposal });
        }
        Ok(vec![Event::ProposalWithdrawn { proposal, by }])
    }

    /// A member asks for a vote (rule 57): the proposal is then not adopted without one.
    pub fn request_vote(&self, proposal: ProposalId) -> Result<Vec<Event>, Rejection> {
        let delegation = self.actor.delegation.ok_or(Rejection::NoDelegation)?;
        if self.ctx.delegations.get(&delegation) != Some(&DelegationKind::Member) {
            return Err(Rejection::NotAMember { delegation });
        }
        let p = self.undecided(proposal)?;
        if let Some(first) = p.vote_requested_by {
            return Err(Rejection::VoteAskedFor {
                proposal,
                delegation: first,
            });
        }
        Ok(vec![Event::VoteRequested {
            proposal,
            delegation,
        }])
    }

    /// Whether the actor's delegation may move to reconsider `proposal`: a member, and
    /// the proposal adopted or rejected.
    pub fn may_reconsider(&self, proposal: ProposalId) -> Result<(), Rejection> {
        let delegation = self.actor.delegation.ok_or(Rejection::NoDelegation)?;
        if self.ctx.delegations.get(&delegation) != Some(&DelegationKind::Member) {
            return Err(Rejection::NotAMember { delegation });
        }
        let p = self.proposal(proposal)?;
        if p.withdrawn {
            return Err(Rejection::ProposalWithdrawn { proposal });
        }
        if p.decision.is_none() {
            return Err(Rejection::NotDecided { proposal });
        }
        Ok(())
    }

    /// The secretariat's statement of a proposal's programme budget implications, before
    /// action on it (stated again, it replaces the earlier one).
    pub fn state_budget_implications(
        &self,
        proposal: ProposalId,
        statement: String,
        document: Option<String>,
    ) -> Result<Vec<Event>, Rejection> {
        self.undecided(proposal)?;
        Ok(vec![Event::BudgetImplicationsStated {
            proposal,
            statement,
            document,
        }])
    }

    /// Action on a proposal waits for its budget implications, if it has any.
    fn budget_stated(&self, p: &Proposal) -> Result<(), Rejection> {
        if p.awaits_budget_statement() {
            return Err(Rejection::BudgetImplicationsPending { proposal: p.id });
        }
        Ok(())
    }

    pub fn amend(&self, proposal: ProposalId) -> Result<Vec<Event>, Rejection> {
        self.undecided(proposal)?;
        Ok(vec![Event::ProposalAmended { proposal }])
    }

    pub fn adopt_without_vote(&self, proposal: ProposalId) -> Result<Vec<Event>, Rejection> {
        // Nothing else is decided while a vote is under way (rule 61).
        self.quiet_during_vote()?;
        let p = self.undecided(proposal)?;
        // A member asked for a vote: the chair puts it to the vote (rule 57).
        if let Some(delegation) = p.vote_requested_by {
            return Err(Rejection::VoteAskedFor {
                proposal,
                delegation,
            });
        }
        self.budget_stated(p)?;
        self.in_order(p)?;
        let mut events = vec![Event::AdoptedWithoutVote { proposal }];
        events.extend(self.after_decision(proposal, &Outcome::Adopted));
        Ok(events)
    }

    pub fn open_vote(
        &self,
        proposal: ProposalId,
        method: VoteMethod,
        majority: Majority,
        candidates: &[String],
        seats: u32,
    ) -> Result<Vec<Event>, Rejection> {
        self.may_open()?;
        let p = self.undecided(proposal)?;
        if let Some(ballot) = self.inconclusive_ballot(proposal) {
            return Err(Rejection::ElectionUnderWay {
                proposal,
                vote: ballot.id,
            });
        }
        self.budget_stated(p)?;
        self.in_order(p)?;
        let candidates = candidate_names(candidates)?;
        if !candidates.is_empty() && method != VoteMethod::SecretBallot {
            return Err(Rejection::InvalidCandidates);
        }
        if seats == 0 || seats > candidates.len().max(1) as u32 {
            return Err(Rejection::InvalidSeats {
                seats,
                candidates: candidates.len() as u32,
            });
        }
        self.opened(
            VoteSubject::Proposal,
            proposal,
            method,
            majority,
            Ballot {
                candidates,
                seats,
                number: 1,
                lot: None,
            },
        )
    }

    /// The next ballot of an election whose last ballot left places to fill: restricted
    /// to the candidates not yet elected with the most votes in it, at most twice the
    /// places left; candidates tied for the last of those places are drawn by lot. Same
    /// method and majority as the ballot before.
    pub fn open_next_ballot(&self, proposal: ProposalId) -> Result<Vec<Event>, Rejection> {
        self.may_open()?;
        self.undecided(proposal)?;
        let before = self
            .inconclusive_ballot(proposal)
            .ok_or(Rejection::NoBallotToFollow { proposal })?;
        let Some(result) = &before.result else {
            return Err(Rejection::NoBallotToFollow { proposal });
        };
        let (elected, places): (&[u32], u32) = match &result.outcome {
            Outcome::ElectedSeveral {
                candidates,
                places_left,
            } => (candidates, *places_left),
            _ => (&[], before.seats),
        };
        let votes = |i: usize| result.tally.candidates.get(i).copied().unwrap_or(0);
        let mut going_on: Vec<usize> = (0..before.candidates.len())
            .filter(|i| !elected.contains(&(*i as u32)))
            .collect();
        let limit = 2 * places as usize;
        let mut lot = None;
        if going_on.len() > limit {
            let mut by_votes = going_on.clone();
            by_votes.sort_by_key(|i| (std::cmp::Reverse(votes(*i)), *i));
            let cut = votes(by_votes[limit - 1]);
            let above: Vec<usize> = by_votes
                .iter()
                .copied()
                .filter(|i| votes(*i) > cut)
                .collect();
            let tied: Vec<usize> = by_votes
                .iter()
                .copied()
                .filter(|i| votes(*i) == cut)
                .collect();
            let need = limit - above.len();
            let mut chosen = above;
            if tied.len() > need {
                let names: Vec<String> =
                    tied.iter().map(|i| before.candidates[*i].clone()).collect();
                let drawn = self.lot(&names, need);
                chosen.extend(
                    tied.into_iter()
                        .filter(|i| drawn.drawn.contains(&before.candidates[*i])),
                );
                lot = Some(drawn);
            } else {
                chosen.extend(tied);
            }
            going_on.retain(|i| chosen.contains(i));
        }
        self.opened(
            VoteSubject::Proposal,
            proposal,
            before.method,
            before.majority,
            Ballot {
                candidates: going_on
                    .into_iter()
                    .map(|i| before.candidates[i].clone())
                    .collect(),
                seats: places,
                number: before.ballot + 1,
                lot,
            },
        )
    }

    /// Candidates elected without a vote: as many as there are places, by acclamation.
    pub fn elect_by_acclamation(
        &self,
        proposal: ProposalId,
        candidates: &[String],
    ) -> Result<Vec<Event>, Rejection> {
        self.quiet_during_vote()?;
        self.undecided(proposal)?;
        let candidates = candidate_names(candidates)?;
        if candidates.is_empty() {
            return Err(Rejection::InvalidCandidates);
        }
        Ok(vec![Event::ElectedByAcclamation {
            proposal,
            candidates,
        }])
    }

    /// The last counted ballot of an election on `proposal`, when it left places to fill.
    fn inconclusive_ballot(&self, proposal: ProposalId) -> Option<&Vote> {
        let (vote, result) = self.state.votes.iter().rev().find_map(|v| {
            let r = v.result.as_ref()?;
            let counted = v.subject == VoteSubject::Proposal
                && v.proposal == proposal
                && !matches!(r.outcome, Outcome::Void { .. });
            counted.then_some((v, r))
        })?;
        let open = matches!(
            result.outcome,
            Outcome::NotElected | Outcome::ElectedSeveral { .. }
        ) && !result.outcome.decides();
        open.then_some(vote)
    }

    /// Draw `n` of `among` by lot from the server's entropy, recorded with its seed.
    fn lot(&self, among: &[String], n: usize) -> Lot {
        Lot {
            seed: hex(&self.ctx.entropy),
            among: among.to_vec(),
            drawn: draw(&self.ctx.entropy, among, n),
        }
    }

    /// Nothing stands in the way of opening a vote: no vote open, nobody on the floor, no
    /// point of order, motion or appeal waiting.
    fn may_open(&self) -> Result<(), Rejection> {
        if let Some(v) = self.state.open_vote() {
            return Err(Rejection::VoteInProgress { vote: v.id });
        }
        if let Some(f) = &self.state.floor {
            return Err(Rejection::FloorOccupied { entry: f.entry.id });
        }
        // A point of order or motion raised before the vote is dealt with before it: once
        // the vote is open, only a point of order on its conduct is heard.
        if let Some(e) = self
            .state
            .awaiting_ruling
            .iter()
            .chain(self.state.interventions.iter())
            .next()
        {
            return Err(Rejection::InterventionPending { entry: e.id });
        }
        if let Some(entry) = self.state.appeal_waiting() {
            return Err(Rejection::InterventionPending { entry });
        }
        Ok(())
    }

    /// Open a vote on a motion or an appeal (the caller checked that it may be put now):
    /// a yes/no question decided by `majority` of the members present and voting.
    pub fn open_on(
        &self,
        subject: VoteSubject,
        method: VoteMethod,
        majority: Majority,
    ) -> Result<Vec<Event>, Rejection> {
        self.opened(subject, ProposalId(0), method, majority, Ballot::yes_no())
    }

    fn opened(
        &self,
        subject: VoteSubject,
        proposal: ProposalId,
        method: VoteMethod,
        majority: Majority,
        ballot: Ballot,
    ) -> Result<Vec<Event>, Rejection> {
        let members = self.ctx.members();
        let present = self.state.members_present();
        let required = self.ctx.rules.quorum_required(members);
        if present < required {
            return Err(Rejection::NoQuorum { present, required });
        }
        let roll_call = (method == VoteMethod::RollCall).then(|| self.draw());
        Ok(vec![Event::VoteOpened {
            vote: Box::new(Vote {
                id: VoteId(self.state.votes.len() as u32 + 1),
                proposal,
                subject,
                method,
                majority,
                candidates: ballot.candidates,
                seats: ballot.seats,
                ballot: ballot.number,
                lot: ballot.lot,
                opened_at: self.now,
                members,
                members_present: present,
                voted: Vec::new(),
                choices: Vec::new(),
                roll_call,
                result: None,
            }),
        }])
    }

    /// The roll call's draw by lot from the server's entropy, recorded with its seed.
    fn draw(&self) -> RollCall {
        let un_order = self.ctx.members_in_un_order();
        let seed = hex(&self.ctx.entropy);
        let first = drawn_index(&self.ctx.entropy, un_order.len());
        let mut order = un_order.clone();
        order.rotate_left(first);
        RollCall {
            seed,
            un_order,
            order,
            position: 0,
            passed: Vec::new(),
            second_round: false,
            absent: Vec::new(),
        }
    }

    pub fn cast(&self, vote: VoteId, choice: Choice) -> Result<Vec<Event>, Rejection> {
        let v = self.open(vote)?;
        if v.method == VoteMethod::ShowOfHands {
            return Err(Rejection::CountedByChair { vote });
        }
        let delegation = self.actor.delegation.ok_or(Rejection::NoDelegation)?;
        if self.ctx.delegations.get(&delegation) != Some(&DelegationKind::Member) {
            return Err(Rejection::NotAMember { delegation });
        }
        // Members present vote: checked in, or recorded present by the secretariat.
        if !self
            .state
            .attendance
            .iter()
            .any(|a| a.delegation == delegation)
        {
            return Err(Rejection::NotPresent { delegation });
        }
        if v.voted.contains(&delegation) {
            return Err(Rejection::AlreadyVoted { delegation });
        }
        let fits = match choice {
            Choice::Abstain => true,
            Choice::Yes | Choice::No => v.candidates.is_empty(),
            Choice::Candidate { index } => (index as usize) < v.candidates.len(),
            // A ballot for several places marks at most as many candidates as places.
            Choice::Candidates { indices } => {
                !indices.is_empty()
                    && indices.len() <= v.seats
                    && indices.indices().all(|i| (i as usize) < v.candidates.len())
            }
        };
        if !fits {
            return Err(Rejection::InvalidChoice);
        }
        if let Some(rc) = &v.roll_call {
            let called = rc.called();
            if called != Some(delegation) {
                return Err(Rejection::NotYourTurn { called });
            }
        }
        Ok(vec![Event::VoteCast {
            vote,
            delegation,
            // A secret ballot's choice never enters the log; the server's ballot box
            // counts it apart from who cast it.
            choice: (v.method != VoteMethod::SecretBallot).then_some(choice),
            sealed: v.method == VoteMethod::Recorded,
        }])
    }

    pub fn pass(&self, vote: VoteId) -> Result<Vec<Event>, Rejection> {
        let v = self.open(vote)?;
        let rc = v
            .roll_call
            .as_ref()
            .ok_or(Rejection::NotARollCall { vote })?;
        let delegation = rc.called().ok_or(Rejection::NotYourTurn { called: None })?;
        Ok(vec![Event::MemberPassed { vote, delegation }])
    }

    pub fn close(&self, vote: VoteId, counts: Option<&Tally>) -> Result<Vec<Event>, Rejection> {
        let v = self.open(vote)?;
        let mut by_member = Vec::new();
        let mut absent = Vec::new();
        let tally = match (v.method, counts) {
            (VoteMethod::ShowOfHands, None) => return Err(Rejection::CountsRequired),
            (VoteMethod::ShowOfHands, Some(c)) => {
                if !c.candidates.is_empty() {
                    return Err(Rejection::InvalidChoice);
                }
                // Summed without wrapping: a count near u32::MAX must not add up to a
                // small number and pass for a plausible vote.
                let hands = u64::from(c.yes) + u64::from(c.no) + u64::from(c.abstain);
                if hands > u64::from(v.members_present) {
                    return Err(Rejection::CountsExceedPresent {
                        present: v.members_present,
                    });
                }
                c.clone()
            }
            (_, Some(_)) => return Err(Rejection::CountsNotAllowed),
            (VoteMethod::SecretBallot, None) => {
                let counted = self.ctx.ballot_tally.clone().unwrap_or_default();
                if counted.ballots() != v.voted.len() as u32 {
                    let reason = format!(
                        "{} members voted but {} ballots were counted; the ballot must be taken again",
                        v.voted.len(),
                        counted.ballots()
                    );
                    return Ok(vec![closed(
                        vote,
                        counted,
                        0,
                        Outcome::Void { reason },
                        vec![],
                        vec![],
                    )]);
                }
                counted
            }
            (VoteMethod::Recorded | VoteMethod::RollCall, None) => {
                if let Some(rc) = &v.roll_call {
                    let remaining = remaining(rc);
                    if remaining > 0 {
                        return Err(Rejection::RollCallIncomplete { remaining });
                    }
                    absent = rc.absent.clone();
                }
                let mut t = Tally::default();
                for mv in &v.choices {
                    t.add(mv.choice);
                }
                by_member = v.choices.clone();
                by_member.sort_by_key(|m| {
                    let order = self.ctx.members_in_un_order();
                    order
                        .iter()
                        .position(|d| *d == m.delegation)
                        .unwrap_or(usize::MAX)
                });
                t
            }
        };
        let mut lot = None;
        let (required, outcome) = if v.candidates.is_empty() {
            let (required, adopted) = required_and_adopted(v.majority, &tally, v.members);
            (
                required,
                if adopted {
                    Outcome::Adopted
                } else {
                    Outcome::Rejected
                },
            )
        } else {
            let (required, elected) = elected_candidates(v.majority, &tally, v.members, v.seats);
            let outcome = match (v.seats, elected.first()) {
                (1, Some(&candidate)) => Outcome::Elected { candidate },
                (1, None) => match self.tie_decided_by_lot(v, &tally) {
                    Some((candidate, drawn)) => {
                        lot = Some(drawn);
                        Outcome::Elected { candidate }
                    }
                    None => Outcome::NotElected,
                },
                (_, None) => Outcome::NotElected,
                (seats, Some(_)) => Outcome::ElectedSeveral {
                    places_left: seats - elected.len() as u32,
                    candidates: elected,
                },
            };
            (required, outcome)
        };
        let mut event = closed(vote, tally, required, outcome, by_member, absent);
        if let Event::VoteClosed { result, .. } = &mut event {
            result.lot = lot;
        }
        Ok(vec![event])
    }

    /// A restricted ballot for one place (the second or a later ballot) in which the
    /// candidates with the most votes are tied: the place is decided by lot between them.
    fn tie_decided_by_lot(&self, v: &Vote, tally: &Tally) -> Option<(u32, Lot)> {
        let most = tally.candidates.iter().copied().max().filter(|m| *m > 0)?;
        let tied: Vec<usize> = (0..v.candidates.len())
            .filter(|i| tally.candidates.get(*i) == Some(&most))
            .collect();
        if v.ballot < 2 || tied.len() < 2 {
            return None;
        }
        let names: Vec<String> = tied.iter().map(|i| v.candidates[*i].clone()).collect();
        let drawn = self.lot(&names, 1);
        let winner = drawn.drawn.first()?;
        let index = v.candidates.iter().position(|c| c == winner)?;
        Some((index as u32, drawn))
    }

    /// Whether an explanation of vote on `proposal` may be inscribed now for `delegation`.
    pub fn may_explain(
        &self,
        proposal: ProposalId,
        delegation: DelegationId,
    ) -> Result<(), Rejection> {
        let p = self.proposal(proposal)?;
        if let Some(v) = self.state.open_vote() {
            return Err(Rejection::VoteInProgress { vote: v.id });
        }
        if p.sponsors.contains(&delegation) && !p.amended {
            return Err(Rejection::SponsorCannotExplain { proposal });
        }
        Ok(())
    }

    /// While a vote is open, only a point of order on its conduct is heard.
    pub fn quiet_during_vote(&self) -> Result<(), Rejection> {
        match self.state.open_vote() {
            Some(v) => Err(Rejection::VoteInProgress { vote: v.id }),
            None => Ok(()),
        }
    }
}

fn closed(
    vote: VoteId,
    tally: Tally,
    required: u32,
    outcome: Outcome,
    by_member: Vec<MemberVote>,
    absent: Vec<DelegationId>,
) -> Event {
    Event::VoteClosed {
        vote,
        result: VoteResult {
            present_and_voting: tally.present_and_voting(),
            tally,
            required,
            outcome,
            by_member,
            absent,
            lot: None,
        },
    }
}

/// Candidates' names as given, trimmed: each 1 to 200 characters, none twice (none at
/// all is a yes/no vote; the caller decides whether that is allowed).
fn candidate_names(candidates: &[String]) -> Result<Vec<String>, Rejection> {
    let names: Vec<String> = candidates.iter().map(|c| c.trim().to_string()).collect();
    let mut seen = names.clone();
    seen.sort();
    seen.dedup();
    if seen.len() != names.len() || !names.iter().all(|c| text_ok(c, MAX_CANDIDATE_CHARS)) {
        return Err(Rejection::InvalidCandidates);
    }
    Ok(names)
}

/// Check a lot from the log: the seed, decoded from hex, gives the candidates drawn.
pub fn verify_lot(lot: &Lot) -> bool {
    let Some(seed) = unhex(&lot.seed) else {
        return false;
    };
    draw(&seed, &lot.among, lot.drawn.len()) == lot.drawn
}

/// `n` of `among` drawn by lot from `seed`: the `k`-th from what is left, at
/// `drawn_index(seed ‖ k)` (one byte `k`, from 0). The server draws with it, and anyone
/// checks a lot from the log with it.
fn draw(seed: &[u8], among: &[String], n: usize) -> Vec<String> {
    let mut left = among.to_vec();
    (0..n.min(among.len()))
        .map(|k| {
            let mut s = seed.to_vec();
            s.push(k as u8);
            left.remove(drawn_index(&s, left.len()))
        })
        .collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    (0..text.len())
        .step_by(2)
        .map(|i| {
            text.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect()
}

/// Members still to be called in a roll call.
pub fn remaining(rc: &RollCall) -> u32 {
    let pos = rc.position as usize;
    if rc.second_round {
        rc.passed.len().saturating_sub(pos) as u32
    } else {
        (rc.order.len().saturating_sub(pos) + rc.passed.len()) as u32
    }
}

/// The index drawn by lot among `n`: the first eight bytes of SHA-256(seed), modulo `n`.
pub fn drawn_index(seed: &[u8], n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    let digest = Sha256::digest(seed);
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    (u64::from_be_bytes(first) % n as u64) as usize
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Check a roll call's draw from the log: the seed, decoded from hex, gives the first member.
pub fn verify_draw(rc: &RollCall) -> bool {
    let Some(seed) = unhex(&rc.seed) else {
        return false;
    };
    let first = drawn_index(&seed, rc.un_order.len());
    let mut expected = rc.un_order.clone();
    expected.rotate_left(first);
    expected == rc.order
}
