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
//!
//! Closing a vote empties its hash and leaves a marker for a day (`<key>:closed`); a
//! node's write checks the marker in the same script, so a late write from a node that
//! had not yet heard of the close cannot bring counters back after the result.

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

/// Add `n` to the counter a Redis field names: `yes`, `no`, `abstain`, `c<index>` (marks
/// for a candidate) or `ballots` (ballots that marked candidates). False if unknown.
fn add_field(t: &mut Tally, field: &str, n: u32) -> bool {
    match field {
        "yes" => t.yes += n,
        "no" => t.no += n,
        "abstain" => t.abstain += n,
        "ballots" => t.candidate_ballots += n,
        other => {
            let Some(i) = other
                .strip_prefix('c')
                .and_then(|i| i.parse::<usize>().ok())
            else {
                return false;
            };
            if t.candidates.len() <= i {
                t.candidates.resize(i + 1, 0);
            }
            t.candidates[i] += n;
        }
    }
    true
}

/// Write one node's counters unless the vote was closed (KEYS: hash, closed marker; ARGV:
/// field, count, field, count, ...). Answers 1 if written, 0 if the vote is closed.
/// The hash lives a week from its last write, so counters a failed close left behind do not
/// stay in Redis for ever (no vote stays open that long).
const WRITE_UNLESS_CLOSED: &str = "if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end \
     redis.call('HSET', KEYS[1], unpack(ARGV)) redis.call('EXPIRE', KEYS[1], 604800) return 1";
/// Empty a closed vote's hash and mark it closed (KEYS: hash, closed marker).
const EMPTY_AND_CLOSE: &str = "redis.call('DEL', KEYS[1]) \
     redis.call('SET', KEYS[2], '1', 'EX', 86400) return 1";

/// Each choice of a tally with its number of ballots (zero ones left out).
fn fields(t: &Tally) -> Vec<(String, u32)> {
    let mut out = vec![
        ("yes".to_string(), t.yes),
        ("no".to_string(), t.no),
        ("abstain".to_string(), t.abstain),
        ("ballots".to_string(), t.candidate_ballots),
    ];
    for (index, n) in t.candidates.iter().enumerate() {
        out.push((format!("c{index}"), *n));
    }
    out.retain(|(_, n)| *n > 0);
    out
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
                    if let Some((_, field)) = f.rsplit_once(':') {
                        add_field(&mut t, field, n);
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
                let key = r.key((meeting, vote));
                crate::bus::query::<i64>(
                    &r.conn,
                    redis::cmd("EVAL")
                        .arg(EMPTY_AND_CLOSE)
                        .arg(2)
                        .arg(&key)
                        .arg(format!("{key}:closed")),
                )
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
        let hash = self.key(key);
        let mut cmd = redis::cmd("EVAL");
        cmd.arg(WRITE_UNLESS_CLOSED)
            .arg(2)
            .arg(&hash)
            .arg(format!("{hash}:closed"));
        for (f, n) in fields(&tally) {
            cmd.arg(format!("{}:{f}", self.node)).arg(n);
        }
        if crate::bus::query::<i64>(&self.conn, &cmd).await? == 0 {
            // Closed on another node: the result is in the log, this count is moot.
            self.here.lock().expect("ballot box").remove(&key);
            self.unsynced.lock().expect("ballot box").remove(&key);
            return Ok(());
        }
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

    /// Against the shared Redis of the test machine (127.0.0.1:6379), under a prefix of
    /// this test's own: two nodes' boxes, the vote closed by one while the other still
    /// has a count to write.
    #[tokio::test]
    async fn a_count_written_late_does_not_bring_a_closed_votes_counters_back() {
        let client = redis::Client::open("redis://127.0.0.1:6379").unwrap();
        let conn = ConnectionManager::new(client).await.unwrap();
        let prefix = format!("floor:unit:{}:{}", std::process::id(), crate::db::now_ms());
        let a = BallotBox::redis(conn.clone(), prefix.clone(), "a".into());
        let b = BallotBox::redis(conn.clone(), prefix.clone(), "b".into());
        let (m, v) = (MeetingId(1), VoteId(1));
        assert_eq!(a.add(m, v, Choice::Yes).await, Counted::Now);
        assert_eq!(b.add(m, v, Choice::No).await, Counted::Now);
        let t = a.count(m, v).await.unwrap();
        assert_eq!((t.yes, t.no), (1, 1));
        // B counts one more but has not written it when A closes the vote.
        let BallotBox::Redis(rb) = &b else { panic!() };
        rb.here
            .lock()
            .unwrap()
            .get_mut(&(m, v))
            .unwrap()
            .add(Choice::Yes);
        a.discard(m, v).await.unwrap();
        b.write_pending(true).await;
        let left: HashMap<String, u32> =
            crate::bus::query(&conn, redis::cmd("HGETALL").arg(rb.key((m, v))))
                .await
                .unwrap();
        assert!(left.is_empty(), "counters came back: {left:?}");
        assert!(rb.here.lock().unwrap().is_empty(), "B dropped its count");
        let _: i64 = crate::bus::query(
            &conn,
            redis::cmd("DEL").arg(format!("{}:closed", rb.key((m, v)))),
        )
        .await
        .unwrap();
    }

    #[test]
    fn a_tally_goes_to_fields_and_back() {
        let mut t = Tally::default();
        for c in [
            Choice::Yes,
            Choice::Yes,
            Choice::Abstain,
            Choice::Candidate { index: 2 },
            Choice::Candidates {
                indices: floor_protocol::vote::CandidateSet::of(&[0, 2]).unwrap(),
            },
        ] {
            t.add(c);
        }
        let mut back = Tally::default();
        for (f, n) in fields(&t) {
            assert!(add_field(&mut back, &f, n), "{f} read back");
        }
        assert_eq!(back, t);
        assert_eq!(back.candidates, vec![1, 0, 2]);
        // Two ballots marked candidates (three marks): two members present and voting
        // besides the two yes.
        assert_eq!(back.present_and_voting(), 4);
        assert!(!add_field(&mut back, "maybe", 1));
    }
}
