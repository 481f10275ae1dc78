//! The ballot box of secret ballots. It keeps, per vote, only how many ballots went to
//! each choice: no row, key or log line per ballot, nothing that names the voter, no time
//! of casting. The meeting's log records who voted; the two meet only as totals when the
//! vote is closed. In-process by default; in Redis (counters only, never persisted here)
//! when nodes share a meeting.
//!
//! With Redis, each node owns its counters: the hash of a vote has one field per node and
//! choice (`<node>:yes`), and a node writes the *absolute* number of ballots it counted
//! (`HSET`), from its own tally in memory. Writing an absolute number can be repeated
//! without counting anything twice, so a write that failed (Redis down or restarting) is
//! simply written again until it lands: from a retry loop, when the bus reconnects (which
//! also restores counters a restarted Redis lost), and before a close. The total is the
//! sum over nodes. If a node stops before its ballots reach Redis, they are missing from
//! the sum, the number of ballots differs from the number of members the log says voted,
//! and the result is `void`: never a wrong total.

use floor_protocol::vote::{Choice, Tally};
use floor_protocol::{MeetingId, VoteId};
use redis::aio::ConnectionManager;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

type BoxKey = (MeetingId, VoteId);

pub enum BallotBox {
    InProcess(Mutex<HashMap<BoxKey, Tally>>),
    Redis(RedisBallotBox),
}

/// Whether a ballot reached the box every node counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    /// In the shared count now.
    Now,
    /// Counted on this node only, for now: the shared box could not be written. The node
    /// keeps writing it; if the node stops first, the vote's result is `void`.
    Pending,
}

pub struct RedisBallotBox {
    conn: ConnectionManager,
    prefix: String,
    node: String,
    /// The ballots this node counted, per open vote: what its fields in Redis must say.
    here: Mutex<HashMap<BoxKey, Tally>>,
    /// Votes whose counters in Redis may be behind `here`.
    unsynced: Mutex<HashSet<BoxKey>>,
    /// One write at a time, so that an older absolute count never lands after a newer one.
    writing: tokio::sync::Mutex<()>,
}

fn field(choice: Choice) -> String {
    match choice {
        Choice::Yes => "yes".into(),
        Choice::No => "no".into(),
        Choice::Abstain => "abstain".into(),
        Choice::Candidate { index } => format!("c{index}"),
    }
}

fn choice(field: &str) -> Option<Choice> {
    Some(match field {
        "yes" => Choice::Yes,
        "no" => Choice::No,
        "abstain" => Choice::Abstain,
        other => Choice::Candidate {
            index: other.strip_prefix('c')?.parse().ok()?,
        },
    })
}

/// Each choice of a tally with its number of ballots (zero ones left out).
fn fields(t: &Tally) -> Vec<(String, u32)> {
    let mut out = vec![
        (field(Choice::Yes), t.yes),
        (field(Choice::No), t.no),
        (field(Choice::Abstain), t.abstain),
    ];
    for (index, n) in t.candidates.iter().enumerate() {
        out.push((
            field(Choice::Candidate {
                index: index as u32,
            }),
            *n,
        ));
    }
    out.retain(|(_, n)| *n > 0);
    out
}

fn add_n(t: &mut Tally, c: Choice, n: u32) {
    for _ in 0..n {
        t.add(c);
    }
}

impl BallotBox {
    pub fn in_process() -> Self {
        BallotBox::InProcess(Mutex::new(HashMap::new()))
    }

    pub fn redis(conn: ConnectionManager, prefix: String, node: String) -> Self {
        BallotBox::Redis(RedisBallotBox {
            conn,
            prefix,
            node,
            here: Mutex::new(HashMap::new()),
            unsynced: Mutex::new(HashSet::new()),
            writing: tokio::sync::Mutex::new(()),
        })
    }

    /// Count one ballot. Never fails: a ballot the shared box cannot take now is kept on
    /// this node and written later ([`Counted::Pending`]).
    pub async fn add(&self, meeting: MeetingId, vote: VoteId, choice: Choice) -> Counted {
        match self {
            BallotBox::InProcess(m) => {
                m.lock()
                    .expect("ballot box")
                    .entry((meeting, vote))
                    .or_default()
                    .add(choice);
                Counted::Now
            }
            BallotBox::Redis(r) => {
                r.here
                    .lock()
                    .expect("ballot box")
                    .entry((meeting, vote))
                    .or_default()
                    .add(choice);
                r.unsynced
                    .lock()
                    .expect("ballot box")
                    .insert((meeting, vote));
                match r.write((meeting, vote)).await {
                    Ok(()) => Counted::Now,
                    Err(e) => {
                        tracing::warn!(meeting = %meeting, vote = %vote, error = %e,
                            "the shared ballot box is unreachable; the ballot is kept on this node until it is");
                        Counted::Pending
                    }
                }
            }
        }
    }

    /// The ballots counted so far, by every node. Fails if this node's own ballots cannot
    /// be written first, or the box cannot be read.
    pub async fn count(&self, meeting: MeetingId, vote: VoteId) -> anyhow::Result<Tally> {
        match self {
            BallotBox::InProcess(m) => Ok(m
                .lock()
                .expect("ballot box")
                .get(&(meeting, vote))
                .cloned()
                .unwrap_or_default()),
            BallotBox::Redis(r) => {
                r.write((meeting, vote)).await?;
                let stored: HashMap<String, u32> =
                    crate::bus::query(&r.conn, redis::cmd("HGETALL").arg(r.key((meeting, vote))))
                        .await?;
                let mut t = Tally::default();
                for (f, n) in stored {
                    // `<node>:<choice>`; the node does not matter to the total.
                    if let Some(c) = f.rsplit_once(':').and_then(|(_, c)| choice(c)) {
                        add_n(&mut t, c, n);
                    }
                }
                Ok(t)
            }
        }
    }

    /// Empty the box once the result is in the log.
    pub async fn discard(&self, meeting: MeetingId, vote: VoteId) -> anyhow::Result<()> {
        self.forget(meeting, vote);
        match self {
            BallotBox::InProcess(_) => Ok(()),
            BallotBox::Redis(r) => {
                crate::bus::query::<i64>(&r.conn, redis::cmd("DEL").arg(r.key((meeting, vote))))
                    .await?;
                Ok(())
            }
        }
    }

    /// Drop this node's count of a vote whose result is in the log (closed here or on
    /// another node).
    pub fn forget(&self, meeting: MeetingId, vote: VoteId) {
        match self {
            BallotBox::InProcess(m) => {
                m.lock().expect("ballot box").remove(&(meeting, vote));
            }
            BallotBox::Redis(r) => {
                r.here.lock().expect("ballot box").remove(&(meeting, vote));
                r.unsynced
                    .lock()
                    .expect("ballot box")
                    .remove(&(meeting, vote));
            }
        }
    }

    /// Write the counts Redis may not have yet. With `all`, every open vote's count this
    /// node holds (after the bus reconnects: a restarted Redis may have lost them).
    pub async fn write_pending(&self, all: bool) {
        let BallotBox::Redis(r) = self else { return };
        if all {
            let here: Vec<BoxKey> = r.here.lock().expect("ballot box").keys().copied().collect();
            r.unsynced.lock().expect("ballot box").extend(here);
        }
        let keys: Vec<BoxKey> = r
            .unsynced
            .lock()
            .expect("ballot box")
            .iter()
            .copied()
            .collect();
        for key in keys {
            if let Err(e) = r.write(key).await {
                tracing::debug!(meeting = %key.0, vote = %key.1, error = %e, "writing ballot counts");
                return; // Redis is still away; the next round tries again.
            }
            tracing::info!(meeting = %key.0, vote = %key.1, "ballot counts written to the shared box");
        }
    }
}

impl RedisBallotBox {
    fn key(&self, (meeting, vote): BoxKey) -> String {
        format!("{}:ballots:{meeting}:{vote}", self.prefix)
    }

    /// Make this node's fields of a vote say what it counted.
    async fn write(&self, key: BoxKey) -> anyhow::Result<()> {
        let _one_at_a_time = self.writing.lock().await;
        let Some(tally) = self.here.lock().expect("ballot box").get(&key).cloned() else {
            return Ok(()); // Nothing counted here (or the vote is closed).
        };
        let mut cmd = redis::cmd("HSET");
        cmd.arg(self.key(key));
        for (f, n) in fields(&tally) {
            cmd.arg(format!("{}:{f}", self.node)).arg(n);
        }
        crate::bus::query::<i64>(&self.conn, &cmd).await?;
        // Written under the lock, and `add` marks the vote again after adding, so a
        // ballot added since the snapshot keeps the vote marked only if it changed.
        if self.here.lock().expect("ballot box").get(&key) == Some(&tally) {
            self.unsynced.lock().expect("ballot box").remove(&key);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_goes_to_fields_and_back() {
        let mut t = Tally::default();
        for c in [
            Choice::Yes,
            Choice::Yes,
            Choice::Abstain,
            Choice::Candidate { index: 2 },
        ] {
            t.add(c);
        }
        let mut back = Tally::default();
        for (f, n) in fields(&t) {
            add_n(&mut back, choice(&f).unwrap(), n);
        }
        assert_eq!(back.yes, 2);
        assert_eq!(back.no, 0);
        assert_eq!(back.abstain, 1);
        assert_eq!(back.candidates, vec![0, 0, 1]);
    }
}
