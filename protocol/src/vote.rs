//! Decisions and voting: proposals, decisions without a vote, and votes by show of hands,
//! recorded vote, roll call and secret ballot, with the majority each requires
//! (rules 56–62 and 66 of the functional commissions' rules of procedure).

use crate::ids::*;
use serde::{Deserialize, Serialize};

/// Something the meeting decides on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Proposal {
    pub id: ProposalId,
    /// The document symbol (`E/CN.7/2026/L.2`) or a short reference ("oral amendment").
    pub reference: String,
    pub title: String,
    pub sponsors: Vec<DelegationId>,
    /// Amended since it was tabled (sponsors may then explain their vote).
    pub amended: bool,
    pub decision: Option<Decision>,
    /// Withdrawn by its sponsors before voting on it began; nothing more is done with it.
    #[serde(default)]
    pub withdrawn: bool,
    /// The first member that asked for a vote on it (rule 57): it is then not adopted
    /// without a vote.
    #[serde(default)]
    pub vote_requested_by: Option<DelegationId>,
    /// It involves expenditure: no action on it until the secretariat's statement of its
    /// programme budget implications is recorded (`budget_statement`).
    #[serde(default)]
    pub budget_implications: bool,
    #[serde(default)]
    pub budget_statement: Option<BudgetStatement>,
    /// The text: what an amendment adds, deletes or revises (empty for a proposal whose
    /// text is its document).
    #[serde(default)]
    pub text: String,
    /// The proposal this one amends, if it is an amendment.
    #[serde(default)]
    pub amends: Option<ProposalId>,
    /// The amendments to this proposal in the order they are voted: the one furthest
    /// removed in substance first (as the chair set it; otherwise as tabled).
    #[serde(default)]
    pub amendments: Vec<ProposalId>,
    /// Oral revisions read out by the sponsors before action, in order.
    #[serde(default)]
    pub oral_revisions: Vec<OralRevision>,
    /// The proposal this one is a part of, after a division.
    #[serde(default)]
    pub part_of: Option<ProposalId>,
    /// After a division: its parts, voted separately in this order before it.
    #[serde(default)]
    pub parts: Vec<ProposalId>,
}

/// An oral revision of a proposal, as read out and recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OralRevision {
    pub text: String,
    /// The sponsor delegation that read it out; `None` when presiding recorded it.
    pub by: Option<DelegationId>,
    pub at: Millis,
}

impl Proposal {
    /// Action may be taken on it only once its budget implications, if any, are stated.
    pub fn awaits_budget_statement(&self) -> bool {
        self.budget_implications && self.budget_statement.is_none()
    }
}

/// The secretariat's statement of a proposal's programme budget implications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BudgetStatement {
    /// What the secretariat read out (or a summary of the document).
    pub statement: String,
    /// The document that sets the implications out (`E/CN.7/2026/CRP.5`), if any.
    pub document: Option<String>,
    pub at: Millis,
}

/// How a proposal was decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Decision {
    /// "Adopted without a vote" (consensus).
    AdoptedWithoutVote { at: Millis },
    /// Put to a vote; the vote's result says what came of it.
    Voted { vote: VoteId },
    /// Divided, and every part rejected: the proposal is rejected as a whole, without a
    /// vote on it.
    RejectedInParts { at: Millis },
}

/// What a member answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Choice {
    Yes,
    No,
    Abstain,
    /// In an election: the candidate at this index of the vote's candidates.
    Candidate {
        index: u32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum VoteMethod {
    /// The chair counts hands and enters the figures.
    ShowOfHands,
    /// Each member votes electronically; the names are published with the result.
    Recorded,
    /// Members are called in English alphabetical order from one drawn by lot.
    RollCall,
    /// Elections: who voted is recorded, how each voted is not, anywhere.
    SecretBallot,
}

/// The majority a vote requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Majority {
    /// More yes than no among the members present and voting (rule 58); a tie fails.
    #[default]
    PresentAndVoting,
    /// Two thirds of the members present and voting.
    TwoThirdsPresentAndVoting,
    /// Two thirds of all members of the commission (e.g. 36 of 53 to schedule a
    /// substance under the 1971 Convention, article 17 (2)).
    TwoThirdsOfMembers,
}

/// Votes counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Tally {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    /// Votes per candidate, in the order of the vote's candidates (elections only).
    #[serde(default)]
    pub candidates: Vec<u32>,
}

impl Tally {
    /// Members present and voting: those casting an affirmative or negative vote (or,
    /// in an election, a vote for a candidate). Abstentions do not count.
    pub fn present_and_voting(&self) -> u32 {
        self.yes + self.no + self.candidates.iter().sum::<u32>()
    }

    pub fn ballots(&self) -> u32 {
        self.present_and_voting() + self.abstain
    }

    pub fn add(&mut self, choice: Choice) {
        match choice {
            Choice::Yes => self.yes += 1,
            Choice::No => self.no += 1,
            Choice::Abstain => self.abstain += 1,
            Choice::Candidate { index } => {
                let i = index as usize;
                if self.candidates.len() <= i {
                    self.candidates.resize(i + 1, 0);
                }
                self.candidates[i] += 1;
            }
        }
    }
}

/// The outcome of a vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    Adopted,
    Rejected,
    Elected {
        candidate: u32,
    },
    /// No candidate had the required majority; another ballot is needed.
    NotElected,
    /// The vote could not be counted (e.g. ballots lost in a server failure); it must be
    /// taken again.
    Void {
        reason: String,
    },
}

/// How a member voted, published with the result of a recorded vote or roll call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MemberVote {
    pub delegation: DelegationId,
    pub choice: Choice,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VoteResult {
    pub tally: Tally,
    pub present_and_voting: u32,
    /// Affirmative votes needed (for an election: votes a candidate needs).
    pub required: u32,
    pub outcome: Outcome,
    /// Each member's vote (recorded votes and roll calls; empty otherwise).
    pub by_member: Vec<MemberVote>,
    /// Members called twice in a roll call without answering.
    pub absent: Vec<DelegationId>,
}

/// The state of a roll call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RollCall {
    /// The draw by lot: hex of 32 random bytes. The first member called is
    /// `members_in_un_order[u64(first 8 bytes of SHA-256(seed)) % members]`; anyone can
    /// check it from the log.
    pub seed: String,
    /// Members in UN English alphabetical order (the base of the draw).
    pub un_order: Vec<DelegationId>,
    /// The calling order: `un_order` from the drawn member, wrapping around.
    pub order: Vec<DelegationId>,
    /// Index into `order` (first round) or `passed` (second round) of the member called.
    pub position: u32,
    /// Members passed in the first round, called again at the end.
    pub passed: Vec<DelegationId>,
    pub second_round: bool,
    /// Members passed in the second round too.
    pub absent: Vec<DelegationId>,
}

impl RollCall {
    /// The member being called, `None` once everyone has been called twice.
    pub fn called(&self) -> Option<DelegationId> {
        let list = if self.second_round {
            &self.passed
        } else {
            &self.order
        };
        list.get(self.position as usize).copied()
    }

    /// Move to the next member; after the first round, to the passed members.
    pub fn advance(&mut self) {
        self.position += 1;
        if !self.second_round && self.position as usize >= self.order.len() {
            self.second_round = true;
            self.position = 0;
        }
    }
}

/// What a vote decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VoteSubject {
    /// The vote's `proposal`.
    #[default]
    Proposal,
    /// A procedural motion (`entry`); adopted, it takes effect at once.
    Motion {
        entry: EntryId,
        motion: crate::command::MotionKind,
    },
    /// An appeal against the chair's ruling on the point of order `entry`: "yes" is for
    /// the appeal; adopted, the ruling is overruled, otherwise it stands.
    Appeal { entry: EntryId },
}

/// A vote, open or closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Vote {
    pub id: VoteId,
    /// The proposal voted on; 0 when the vote is on a motion or an appeal (`subject`).
    pub proposal: ProposalId,
    /// What the vote decides: the proposal, a motion or an appeal.
    #[serde(default)]
    pub subject: VoteSubject,
    pub method: VoteMethod,
    pub majority: Majority,
    /// Candidates of an election; empty for a yes/no vote.
    pub candidates: Vec<String>,
    pub opened_at: Millis,
    /// Members of the commission when the vote opened.
    pub members: u32,
    /// Members present when the vote opened (the quorum check).
    pub members_present: u32,
    /// Members that have voted, in order. Public: who voted is always recorded.
    pub voted: Vec<DelegationId>,
    /// How each voted, while that may be known: roll-call answers as given; recorded
    /// votes only on the server until the result (clients see an empty list); never for
    /// a secret ballot.
    pub choices: Vec<MemberVote>,
    pub roll_call: Option<RollCall>,
    pub result: Option<VoteResult>,
}

/// The number of affirmative votes needed, and whether `tally` reaches it.
pub fn required_and_adopted(majority: Majority, tally: &Tally, members: u32) -> (u32, bool) {
    let voting = tally.yes + tally.no;
    match majority {
        Majority::PresentAndVoting => (voting / 2 + 1, tally.yes > tally.no),
        Majority::TwoThirdsPresentAndVoting => {
            let required = (2 * voting).div_ceil(3).max(1);
            (required, voting > 0 && tally.yes >= required)
        }
        Majority::TwoThirdsOfMembers => {
            let required = (2 * members).div_ceil(3);
            (required, tally.yes >= required)
        }
    }
}

/// The result of an election: the candidate elected, if one has the majority.
pub fn election_outcome(majority: Majority, tally: &Tally, members: u32) -> (u32, Outcome) {
    let voting = tally.present_and_voting();
    let required = match majority {
        Majority::PresentAndVoting => voting / 2 + 1,
        Majority::TwoThirdsPresentAndVoting => (2 * voting).div_ceil(3).max(1),
        Majority::TwoThirdsOfMembers => (2 * members).div_ceil(3),
    };
    let best = tally
        .candidates
        .iter()
        .enumerate()
        .filter(|(_, v)| **v >= required && **v > 0)
        .max_by_key(|(_, v)| **v)
        .map(|(i, _)| i as u32);
    match best {
        Some(candidate) => (required, Outcome::Elected { candidate }),
        None => (required, Outcome::NotElected),
    }
}
