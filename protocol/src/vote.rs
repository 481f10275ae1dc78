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
    /// An election decided without a vote: these candidates elected by acclamation.
    ElectedByAcclamation { at: Millis, candidates: Vec<String> },
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
    /// In an election to several places: the candidates marked on the ballot (at most as
    /// many as the places, each once), as indices of the vote's candidates: `[0, 2]`.
    Candidates {
        #[cfg_attr(feature = "schema", schemars(with = "Vec<u32>"))]
        indices: CandidateSet,
    },
}

/// The candidates marked on one ballot: a set of indices below 64 (an election with more
/// candidates takes one mark per ballot). On the wire, the indices in ascending order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(into = "Vec<u32>", try_from = "Vec<u32>")]
pub struct CandidateSet(u64);

impl CandidateSet {
    /// Indices from 0 to 63.
    pub const LIMIT: u32 = 64;

    /// The set of `indices`, unless one is 64 or more or given twice.
    pub fn of(indices: &[u32]) -> Option<CandidateSet> {
        let mut bits = 0u64;
        for &i in indices {
            let bit = 1u64.checked_shl(i).filter(|_| i < Self::LIMIT)?;
            if bits & bit != 0 {
                return None;
            }
            bits |= bit;
        }
        Some(CandidateSet(bits))
    }

    pub fn indices(self) -> impl Iterator<Item = u32> {
        (0..Self::LIMIT).filter(move |i| self.0 & (1u64 << i) != 0)
    }

    pub fn len(self) -> u32 {
        self.0.count_ones()
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl From<CandidateSet> for Vec<u32> {
    fn from(set: CandidateSet) -> Vec<u32> {
        set.indices().collect()
    }
}

impl TryFrom<Vec<u32>> for CandidateSet {
    type Error = String;

    fn try_from(indices: Vec<u32>) -> Result<CandidateSet, String> {
        CandidateSet::of(&indices)
            .ok_or_else(|| "candidates marked must be distinct indices below 64".to_string())
    }
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
    /// Ballots that marked at least one candidate (elections only): with several places a
    /// ballot marks several candidates, so this, not the sum of `candidates`, is the
    /// number of members present and voting.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub candidate_ballots: u32,
}

impl Tally {
    /// Members present and voting: those casting an affirmative or negative vote (or,
    /// in an election, a vote for a candidate). Abstentions do not count.
    pub fn present_and_voting(&self) -> u32 {
        // A tally written before `candidate_ballots` existed had one mark per ballot.
        let candidate_ballots = match self.candidate_ballots {
            0 => self.candidates.iter().sum::<u32>(),
            n => n,
        };
        self.yes + self.no + candidate_ballots
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
                self.mark(index);
                self.candidate_ballots += 1;
            }
            Choice::Candidates { indices } => {
                for index in indices.indices() {
                    self.mark(index);
                }
                self.candidate_ballots += u32::from(!indices.is_empty());
            }
        }
    }

    fn mark(&mut self, index: u32) {
        let i = index as usize;
        if self.candidates.len() <= i {
            self.candidates.resize(i + 1, 0);
        }
        self.candidates[i] += 1;
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
    /// An election to several places (`Vote::seats` > 1): the candidates elected in this
    /// ballot (indices into its candidates, most votes first) and the places still to fill
    /// by further ballots (`open_next_ballot`); at least one was elected.
    ElectedSeveral {
        candidates: Vec<u32>,
        places_left: u32,
    },
    /// The vote could not be counted (e.g. ballots lost in a server failure); it must be
    /// taken again.
    Void {
        reason: String,
    },
}

impl Outcome {
    /// Whether this outcome decides what was voted on. A void vote decides nothing, and
    /// an election decides its proposal only once every place is filled.
    pub fn decides(&self) -> bool {
        match self {
            Outcome::Void { .. } | Outcome::NotElected => false,
            Outcome::ElectedSeveral { places_left, .. } => *places_left == 0,
            Outcome::Adopted | Outcome::Rejected | Outcome::Elected { .. } => true,
        }
    }
}

/// A drawing of lots between candidates with equal votes: the seed (hex of 32 random bytes
/// from the server), the candidates tied, and those drawn, in the order drawn. The `k`-th
/// draw takes `among'[u64(first 8 bytes of SHA-256(seed bytes ‖ k)) % among'.len()]`, where
/// `among'` is `among` without those drawn before (k counts from 0, one byte): anyone can
/// check it from the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Lot {
    pub seed: String,
    pub among: Vec<String>,
    pub drawn: Vec<String>,
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
    /// In a restricted ballot for one place, a tie decided by lot: who was drawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<Lot>,
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
    /// Places this ballot fills (elections; 1 otherwise).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub seats: u32,
    /// The ballot's number in its election: 1, then 2, 3, … for the restricted ballots
    /// that follow an inconclusive one.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub ballot: u32,
    /// A restricted ballot whose last candidates were tied in the ballot before: the lot
    /// that chose who goes on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<Lot>,
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

fn one() -> u32 {
    1
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

fn is_zero(n: &u32) -> bool {
    *n == 0
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

/// The votes a candidate needs in an election, and the candidates that have them, most
/// votes first (ties in the order of the ballot), at most `seats` of them. Candidates
/// tied for the last place that would take more than `seats` are all left out: the place
/// stays for the next ballot (or, in a restricted ballot for one place, for the lot).
pub fn elected_candidates(
    majority: Majority,
    tally: &Tally,
    members: u32,
    seats: u32,
) -> (u32, Vec<u32>) {
    let voting = tally.present_and_voting();
    let required = match majority {
        Majority::PresentAndVoting => voting / 2 + 1,
        Majority::TwoThirdsPresentAndVoting => (2 * voting).div_ceil(3).max(1),
        Majority::TwoThirdsOfMembers => (2 * members).div_ceil(3),
    };
    let mut with_majority: Vec<(u32, u32)> = tally
        .candidates
        .iter()
        .enumerate()
        .filter(|(_, v)| **v >= required && **v > 0)
        .map(|(i, v)| (i as u32, *v))
        .collect();
    with_majority.sort_by_key(|(i, v)| (std::cmp::Reverse(*v), *i));
    let seats = seats as usize;
    if with_majority.len() > seats {
        // Those tied with the first left out are left out too.
        let cut = with_majority[seats].1;
        with_majority.retain(|(_, v)| *v > cut);
    }
    (
        required,
        with_majority.into_iter().map(|(i, _)| i).collect(),
    )
}

/// The result of an election to one place: the candidate elected, if one has the
/// majority.
pub fn election_outcome(majority: Majority, tally: &Tally, members: u32) -> (u32, Outcome) {
    let (required, elected) = elected_candidates(majority, tally, members, 1);
    match elected.first() {
        Some(&candidate) => (required, Outcome::Elected { candidate }),
        None => (required, Outcome::NotElected),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_candidates_marked_on_a_ballot_are_a_list_of_distinct_indices_on_the_wire() {
        let marked = Choice::Candidates {
            indices: CandidateSet::of(&[4, 3]).unwrap(),
        };
        assert_eq!(
            serde_json::to_value(marked).unwrap(),
            json!({"kind": "candidates", "indices": [3, 4]})
        );
        assert_eq!(
            serde_json::from_value::<Choice>(json!({"kind": "candidates", "indices": [4, 3]}))
                .unwrap(),
            marked
        );
        for wrong in [json!([1, 1]), json!([64]), json!([-1])] {
            assert!(
                serde_json::from_value::<Choice>(json!({"kind": "candidates", "indices": wrong}))
                    .is_err(),
                "{wrong} accepted"
            );
        }
        assert_eq!(CandidateSet::of(&[63]).map(CandidateSet::len), Some(1));
        assert_eq!(
            CandidateSet::of(&[]).map(CandidateSet::is_empty),
            Some(true)
        );
    }
}
