//! The ballot box of secret ballots. It keeps, per vote, only how many ballots went to
//! each choice: no row, key or log line per ballot, nothing that names the voter, no time
//! of casting. The meeting's log records who voted; the two meet only as totals when the
//! vote is closed. In-process by default; in Redis (counters only, never persisted here)
//! when nodes share a meeting.

use floor_protocol::vote::{Choice, Tally};
use floor_protocol::{MeetingId, VoteId};
use std::collections::HashMap;
use std::sync::Mutex;

pub enum BallotBox {
    InProcess(Mutex<HashMap<(MeetingId, VoteId), Tally>>),
    Redis {
        conn: redis::aio::MultiplexedConnection,
        prefix: String,
    },
}

fn field(choice: Choice) -> String {
    match choice {
        Choice::Yes => "yes".into(),
        Choice::No => "no".into(),
        Choice::Abstain => "abstain".into(),
        Choice::Candidate { index } => format!("c{index}"),
    }
}

impl BallotBox {
    pub fn in_process() -> Self {
        BallotBox::InProcess(Mutex::new(HashMap::new()))
    }

    fn key(prefix: &str, meeting: MeetingId, vote: VoteId) -> String {
        format!("{prefix}:ballots:{meeting}:{vote}")
    }

    /// Count one ballot.
    pub async fn add(
        &self,
        meeting: MeetingId,
        vote: VoteId,
        choice: Choice,
    ) -> anyhow::Result<()> {
        match self {
            BallotBox::InProcess(m) => {
                m.lock()
                    .expect("ballot box")
                    .entry((meeting, vote))
                    .or_default()
                    .add(choice);
                Ok(())
            }
            BallotBox::Redis { conn, prefix } => {
                let mut c = conn.clone();
                redis::cmd("HINCRBY")
                    .arg(Self::key(prefix, meeting, vote))
                    .arg(field(choice))
                    .arg(1)
                    .query_async::<i64>(&mut c)
                    .await?;
                Ok(())
            }
        }
    }

    /// The ballots counted so far.
    pub async fn count(&self, meeting: MeetingId, vote: VoteId) -> anyhow::Result<Tally> {
        match self {
            BallotBox::InProcess(m) => Ok(m
                .lock()
                .expect("ballot box")
                .get(&(meeting, vote))
                .cloned()
                .unwrap_or_default()),
            BallotBox::Redis { conn, prefix } => {
                let mut c = conn.clone();
                let fields: HashMap<String, u32> = redis::cmd("HGETALL")
                    .arg(Self::key(prefix, meeting, vote))
                    .query_async(&mut c)
                    .await?;
                let mut t = Tally::default();
                for (f, n) in fields {
                    let choice = match f.as_str() {
                        "yes" => Choice::Yes,
                        "no" => Choice::No,
                        "abstain" => Choice::Abstain,
                        other => match other.strip_prefix('c').and_then(|i| i.parse().ok()) {
                            Some(index) => Choice::Candidate { index },
                            None => continue,
                        },
                    };
                    for _ in 0..n {
                        t.add(choice);
                    }
                }
                Ok(t)
            }
        }
    }

    /// Empty the box once the result is in the log.
    pub async fn discard(&self, meeting: MeetingId, vote: VoteId) -> anyhow::Result<()> {
        match self {
            BallotBox::InProcess(m) => {
                m.lock().expect("ballot box").remove(&(meeting, vote));
                Ok(())
            }
            BallotBox::Redis { conn, prefix } => {
                let mut c = conn.clone();
                redis::cmd("DEL")
                    .arg(Self::key(prefix, meeting, vote))
                    .query_async::<i64>(&mut c)
                    .await?;
                Ok(())
            }
        }
    }
}
