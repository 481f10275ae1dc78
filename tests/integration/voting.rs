//! Decisions and votes through the real server: every member votes the same way whether in
//! the room or remote, the result reaches everyone at once, and a secret ballot leaves
//! nothing in the database that links a voter to a choice.

use floor_protocol::api::{MeetingRecord, MeetingView};
use floor_protocol::frames::ServerFrame;
use floor_protocol::vote::*;
use floor_protocol::*;
use floor_testkit::*;

pub(crate) async fn check_in_all(fx: &Fixture) {
    for (i, d) in fx.delegates.iter().enumerate() {
        let mode = if i % 2 == 0 {
            AttendanceMode::InPerson
        } else {
            AttendanceMode::Remote
        };
        d.command_ok(fx.meeting, Command::CheckIn { mode }).await;
    }
}

pub(crate) async fn table(fx: &Fixture, reference: &str) -> ProposalId {
    let accepted = fx
        .chair
        .command_ok(
            fx.meeting,
            Command::TableProposal {
                reference: reference.into(),
                title: "Draft resolution on the test of electronic voting".into(),
                sponsors: vec![fx.members[0].id],
                budget_implications: false,
                amends: None,
                text: String::new(),
            },
        )
        .await;
    match &accepted.events[0].event {
        Event::ProposalTabled { proposal } => proposal.id,
        e => panic!("{e:?}"),
    }
}

pub(crate) async fn open_vote(
    fx: &Fixture,
    proposal: ProposalId,
    method: VoteMethod,
    candidates: Vec<String>,
) -> Vote {
    let accepted = fx
        .chair
        .command_ok(
            fx.meeting,
            Command::OpenVote {
                proposal,
                method,
                majority: Majority::PresentAndVoting,
                candidates,
                seats: 1,
            },
        )
        .await;
    match &accepted.events[0].event {
        Event::VoteOpened { vote } => (**vote).clone(),
        e => panic!("{e:?}"),
    }
}

pub(crate) fn result_of(e: &EventEnvelope) -> Option<VoteResult> {
    match &e.event {
        Event::VoteClosed { result, .. } => Some(result.clone()),
        _ => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recorded_vote_is_sealed_until_the_result_which_everyone_gets_at_once() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 5).await;
    fx.open().await;

    // Without a quorum, no vote.
    let proposal = table(&fx, "E/CN.7/2026/L.2").await;
    let refused = fx
        .chair
        .command(
            fx.meeting,
            Command::OpenVote {
                proposal,
                method: VoteMethod::Recorded,
                majority: Majority::PresentAndVoting,
                candidates: vec![],
                seats: 1,
            },
        )
        .await;
    assert_eq!(refused.code(), "no_quorum");
    check_in_all(&fx).await;
    let vote = open_vote(&fx, proposal, VoteMethod::Recorded, vec![]).await;

    let mut watcher = Ws::connect(&node, &fx.participant(Role::Viewer, None).await).await;
    watcher.subscribe(fx.meeting).await;
    let choices = [
        Choice::Yes,
        Choice::Yes,
        Choice::No,
        Choice::Abstain,
        Choice::Yes,
    ];
    for ((member, d), c) in fx.members.iter().zip(&fx.delegates).zip(choices) {
        let accepted = d
            .command_ok(
                fx.meeting,
                Command::CastVote {
                    vote: vote.id,
                    choice: c,
                },
            )
            .await;
        // The voter's own answer shows its choice (to its own delegation only, see
        // `a_member_sees_its_own_recorded_vote_before_the_result_and_nobody_elses`).
        assert_eq!(
            accepted.events[0].event,
            Event::VoteCast {
                vote: vote.id,
                delegation: member.id,
                choice: Some(c),
                sealed: true,
            }
        );
    }
    let again = fx.delegates[0]
        .command(
            fx.meeting,
            Command::CastVote {
                vote: vote.id,
                choice: Choice::No,
            },
        )
        .await;
    assert_eq!(again.code(), "already_voted");
    let chair_votes = fx
        .chair
        .command(
            fx.meeting,
            Command::CastVote {
                vote: vote.id,
                choice: Choice::Yes,
            },
        )
        .await;
    assert_eq!(chair_votes.code(), "not_permitted");

    // Live progress: who has voted, not how.
    let view = fx.chair.view(fx.meeting).await;
    let open = view.state.open_vote().unwrap();
    assert_eq!(open.voted.len(), 5);
    assert!(open.choices.is_empty());

    let closed = fx
        .chair
        .command_ok(
            fx.meeting,
            Command::CloseVote {
                vote: vote.id,
                counts: None,
            },
        )
        .await
        .seq;
    let seen = watcher.events_through(fx.meeting, closed).await;
    for e in &seen {
        if let Event::VoteCast { choice, .. } = &e.event {
            assert_eq!(*choice, None, "no choice is shown before the result");
        }
    }
    let result = seen.iter().find_map(result_of).unwrap();
    assert_eq!(
        (result.tally.yes, result.tally.no, result.tally.abstain),
        (3, 1, 1)
    );
    assert_eq!(result.outcome, Outcome::Adopted);
    assert_eq!(result.by_member.len(), 5);
    assert_eq!(
        result.by_member[2],
        MemberVote {
            delegation: fx.members[2].id,
            choice: Choice::No
        }
    );

    let record: MeetingRecord = fx
        .chair
        .get_ok(&format!("/api/meetings/{}/record", fx.meeting))
        .await;
    let decision = &record.decisions[0];
    assert_eq!(decision.reference, "E/CN.7/2026/L.2");
    assert_eq!(decision.method, "recorded vote");
    assert_eq!(decision.by_member[2].delegation, fx.members[2].name);
    let csv = fx
        .chair
        .http
        .get(format!(
            "{}/api/meetings/{}/decisions.csv",
            node.base, fx.meeting
        ))
        .bearer_auth(fx.chair.token.as_ref().unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .contains(&format!("{}: no", fx.members[2].name)),
        "{csv}"
    );
}

/// The choice a `vote_cast` of `delegation` carries in `events`.
fn cast_by(events: &[EventEnvelope], delegation: DelegationId) -> Option<Option<Choice>> {
    events.iter().find_map(|e| match &e.event {
        Event::VoteCast {
            delegation: d,
            choice,
            ..
        } if *d == delegation => Some(*choice),
        _ => None,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_sees_its_own_recorded_vote_before_the_result_and_nobody_elses() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 3).await;
    fx.open().await;
    check_in_all(&fx).await;
    let proposal = table(&fx, "E/CN.7/2026/L.3").await;
    let vote = open_vote(&fx, proposal, VoteMethod::Recorded, vec![]).await;
    let (a, b) = (fx.members[0].id, fx.members[1].id);

    let mut own = Ws::connect(&node, &fx.delegates[0]).await;
    own.subscribe(fx.meeting).await;
    let mut other = Ws::connect(&node, &fx.delegates[1]).await;
    other.subscribe(fx.meeting).await;
    let mut chair = Ws::connect(&node, &fx.chair).await;
    chair.subscribe(fx.meeting).await;
    let before = fx.chair.view(fx.meeting).await.state.seq;

    let seq = fx.delegates[0]
        .command_ok(
            fx.meeting,
            Command::CastVote {
                vote: vote.id,
                choice: Choice::No,
            },
        )
        .await
        .seq;
    // Live: A's connection gets its own choice; B's and the chair's do not.
    let seen = own.events_through(fx.meeting, seq).await;
    assert_eq!(cast_by(&seen, a), Some(Some(Choice::No)));
    for ws in [&mut other, &mut chair] {
        let seen = ws.events_through(fx.meeting, seq).await;
        assert_eq!(cast_by(&seen, a), Some(None), "sealed for everyone else");
    }
    // B votes: A does not learn how.
    let seq = fx.delegates[1]
        .command_ok(
            fx.meeting,
            Command::CastVote {
                vote: vote.id,
                choice: Choice::Yes,
            },
        )
        .await
        .seq;
    let seen = own.events_through(fx.meeting, seq).await;
    assert_eq!(cast_by(&seen, b), Some(None));

    // A snapshot, a replay and the HTTP views show A its own choice only.
    let mut again = Ws::connect(&node, &fx.delegates[0]).await;
    let snapshot = again.subscribe(fx.meeting).await;
    let open = snapshot.open_vote().unwrap();
    assert_eq!(
        open.choices,
        vec![MemberVote {
            delegation: a,
            choice: Choice::No
        }]
    );
    assert_eq!(open.voted, vec![a, b]);
    again
        .send(&frames::ClientFrame::Unsubscribe {
            meeting_id: fx.meeting,
        })
        .await;
    again
        .send(&frames::ClientFrame::Subscribe {
            meeting_id: fx.meeting,
            since: Some(before),
        })
        .await;
    let replay = again.events_through(fx.meeting, seq).await;
    assert_eq!(cast_by(&replay, a), Some(Some(Choice::No)));
    assert_eq!(cast_by(&replay, b), Some(None));
    let view = fx.delegates[0].view(fx.meeting).await;
    assert_eq!(view.state.open_vote().unwrap().choices.len(), 1);
    let events: Vec<EventEnvelope> = fx.delegates[0]
        .get_ok(&format!(
            "/api/meetings/{}/events?since={before}",
            fx.meeting
        ))
        .await;
    assert_eq!(cast_by(&events, a), Some(Some(Choice::No)));
    assert_eq!(cast_by(&events, b), Some(None));
    // The chair and the secretariat see no choice at all before the result.
    for who in [&fx.chair, &fx.secretariat] {
        let view = who.view(fx.meeting).await;
        assert!(view.state.open_vote().unwrap().choices.is_empty());
    }
    let events: Vec<EventEnvelope> = fx
        .secretariat
        .get_ok(&format!(
            "/api/meetings/{}/events?since={before}",
            fx.meeting
        ))
        .await;
    assert_eq!(cast_by(&events, a), Some(None));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_roll_call_is_drawn_verifiably_and_called_in_un_order() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 5).await;
    fx.open().await;
    check_in_all(&fx).await;
    let proposal = table(&fx, "E/CN.7/2026/L.3").await;
    let vote = open_vote(&fx, proposal, VoteMethod::RollCall, vec![]).await;
    let rc = vote.roll_call.clone().unwrap();
    // The fixture's members are the first five States in UN order.
    assert_eq!(
        rc.un_order,
        fx.members.iter().map(|d| d.id).collect::<Vec<_>>()
    );
    assert!(
        floor_meeting::voting::verify_draw(&rc),
        "anyone can check the draw from the log"
    );

    let client_of =
        |d: DelegationId| &fx.delegates[fx.members.iter().position(|m| m.id == d).unwrap()];
    // The first called is absent and passed; the others answer in order.
    let first = rc.order[0];
    let out_of_turn = client_of(rc.order[1])
        .command(
            fx.meeting,
            Command::CastVote {
                vote: vote.id,
                choice: Choice::Yes,
            },
        )
        .await;
    assert_eq!(out_of_turn.code(), "not_your_turn");
    fx.chair
        .command_ok(fx.meeting, Command::PassMember { vote: vote.id })
        .await;
    for d in &rc.order[1..] {
        client_of(*d)
            .command_ok(
                fx.meeting,
                Command::CastVote {
                    vote: vote.id,
                    choice: Choice::No,
                },
            )
            .await;
    }
    let early = fx
        .chair
        .command(
            fx.meeting,
            Command::CloseVote {
                vote: vote.id,
                counts: None,
            },
        )
        .await;
    assert_eq!(early.code(), "roll_call_incomplete");
    // Called again at the end, the first member answers.
    client_of(first)
        .command_ok(
            fx.meeting,
            Command::CastVote {
                vote: vote.id,
                choice: Choice::Yes,
            },
        )
        .await;
    let closed = fx
        .chair
        .command_ok(
            fx.meeting,
            Command::CloseVote {
                vote: vote.id,
                counts: None,
            },
        )
        .await;
    let result = result_of(&closed.events[0]).unwrap();
    assert_eq!((result.tally.yes, result.tally.no), (1, 4));
    assert_eq!(result.outcome, Outcome::Rejected);
    assert_eq!(
        result
            .by_member
            .iter()
            .map(|m| m.delegation)
            .collect::<Vec<_>>(),
        rc.un_order,
        "the result lists members in UN order"
    );
}

/// What the PostgreSQL database holds, as text: every row of every table.
fn dump(db: &TestDb) -> String {
    let out = std::process::Command::new("pg_dump")
        .args(["--data-only", "--inserts", &db.url])
        .output()
        .expect("pg_dump (postgresql-client)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_ballot_leaves_nothing_in_the_database_that_links_voter_and_choice() {
    let db = TestDb::new(Backend::Postgres);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 5).await;
    fx.open().await;
    check_in_all(&fx).await;
    let proposal = table(&fx, "Election of the Second Vice-Chair").await;
    let candidates = vec![
        "Candidate from Albania".to_string(),
        "Candidate from Algeria".to_string(),
    ];
    let vote = open_vote(&fx, proposal, VoteMethod::SecretBallot, candidates).await;
    let ballots = [0, 1, 0, 0, 1];
    for (d, c) in fx.delegates.iter().zip(ballots) {
        d.command_ok(
            fx.meeting,
            Command::CastVote {
                vote: vote.id,
                choice: Choice::Candidate { index: c },
            },
        )
        .await;
    }

    // Inspected directly: who voted is there, how is not, for anyone.
    let before = dump(&db);
    for d in &fx.members {
        assert!(
            before.contains(&format!("\"delegation\":{}", d.id)),
            "voter {} is recorded",
            d.name
        );
    }
    assert!(
        !before.contains("\"index\""),
        "no ballot choice is stored while the ballot is open"
    );
    assert!(before.contains("\"choice\":null"));

    let closed = fx
        .chair
        .command_ok(
            fx.meeting,
            Command::CloseVote {
                vote: vote.id,
                counts: None,
            },
        )
        .await;
    let result = result_of(&closed.events[0]).unwrap();
    assert_eq!(result.tally.candidates, vec![3, 2]);
    assert_eq!(result.outcome, Outcome::Elected { candidate: 0 });
    assert!(result.by_member.is_empty());
    // After the result: the totals, and still nothing per voter.
    let after = dump(&db);
    assert_eq!(after.matches("\"index\"").count(), 0);
    assert!(after.contains("\"candidates\":[3,2]"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_thousand_watch_while_fifty_three_members_vote_at_once_each_vote_counted_once() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 53).await;
    fx.open().await;
    check_in_all(&fx).await;
    let proposal = table(&fx, "E/CN.7/2026/L.7").await;

    let mut watchers = Vec::new();
    for i in 0..2000 {
        let mut ws = Ws::connect(&node, &fx.delegates[i % 53]).await;
        ws.subscribe(fx.meeting).await;
        watchers.push(ws);
    }
    let vote = open_vote(&fx, proposal, VoteMethod::Recorded, vec![]).await;

    // All 53 members vote at the same moment: 27 yes, 25 no, 1 abstention.
    let mut casts = Vec::new();
    for (i, d) in fx.delegates.iter().enumerate() {
        let choice = match i {
            0..=26 => Choice::Yes,
            27..=51 => Choice::No,
            _ => Choice::Abstain,
        };
        let (d, meeting, vote) = (d.clone(), fx.meeting, vote.id);
        casts.push(tokio::spawn(async move {
            d.command_ok(meeting, Command::CastVote { vote, choice })
                .await
                .seq
        }));
    }
    for c in casts {
        c.await.unwrap();
    }
    let closed = fx
        .chair
        .command_ok(
            fx.meeting,
            Command::CloseVote {
                vote: vote.id,
                counts: None,
            },
        )
        .await
        .seq;

    let mut tasks = Vec::new();
    for mut ws in watchers {
        let meeting = fx.meeting;
        tasks.push(tokio::spawn(async move {
            let mut voted = Vec::new();
            let mut result = None;
            let mut last = None;
            loop {
                let e = ws
                    .wait_for(|f| match f {
                        ServerFrame::Event(e) if e.meeting_id == meeting => Some(e.clone()),
                        _ => None,
                    })
                    .await;
                if let Some(prev) = last {
                    assert_eq!(e.seq, prev + 1, "in order, no gap, no duplicate");
                }
                last = Some(e.seq);
                match &e.event {
                    Event::VoteCast { delegation, .. } => voted.push(*delegation),
                    Event::VoteClosed { result: r, .. } => result = Some(r.clone()),
                    _ => {}
                }
                if e.seq >= closed {
                    return (voted, result.unwrap());
                }
            }
        }));
    }
    for t in tasks {
        let (mut voted, result) = t.await.unwrap();
        assert_eq!(voted.len(), 53);
        voted.sort();
        voted.dedup();
        assert_eq!(voted.len(), 53, "each member's vote once");
        assert_eq!(
            (result.tally.yes, result.tally.no, result.tally.abstain),
            (27, 25, 1)
        );
        assert_eq!(result.outcome, Outcome::Adopted);
    }
}

/// The ballots marking candidates 0..n, for a ballot to several places.
fn marks(indices: &[u32]) -> Choice {
    Choice::Candidates {
        indices: CandidateSet::of(indices).unwrap(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_vice_chairs_elected_over_two_nodes_with_a_restricted_second_ballot() {
    // Two nodes sharing PostgreSQL and Redis: the ballots, cast through both, are counted
    // in Redis's ballot box, each ballot marking up to three candidates.
    let db = TestDb::new(Backend::Postgres);
    let channel = format!(
        "floor:test:election:{}:{}",
        std::process::id(),
        db.url.len()
    );
    let options = NodeOptions {
        redis_channel: Some(channel),
        ..Default::default()
    };
    let a = Node::start_with(&db, &options);
    let b = Node::start_with(&db, &options);
    let fx = Fixture::new(&a, 5).await;
    fx.open().await;
    check_in_all(&fx).await;
    let on_b = |c: &Client| Client {
        base: b.base.clone(),
        ..c.clone()
    };
    let proposal = table(&fx, "Election of three Vice-Chairs").await;
    let names = [
        "Ms. Ana Ruiz (Argentina)",
        "Mr. Karim Adel (Egypt)",
        "Ms. Mei Lin (China)",
        "Mr. Lars Berg (Denmark)",
    ];
    let opened = fx
        .chair
        .command_ok(
            fx.meeting,
            Command::OpenVote {
                proposal,
                method: VoteMethod::SecretBallot,
                majority: Majority::PresentAndVoting,
                candidates: names.iter().map(|n| n.to_string()).collect(),
                seats: 3,
            },
        )
        .await;
    let first = match &opened.events[0].event {
        Event::VoteOpened { vote } => vote.id,
        e => panic!("{e:?}"),
    };
    // Four marks for three places is refused, and changes nothing: the member then votes.
    let refused = fx.delegates[4]
        .command(
            fx.meeting,
            Command::CastVote {
                vote: first,
                choice: marks(&[0, 1, 2, 3]),
            },
        )
        .await;
    assert_eq!(refused.code(), "invalid_choice");
    // Ruiz and Adel on every ballot; Lin and Berg two each; one member abstains.
    let ballots = [
        marks(&[0, 1, 2]),
        marks(&[0, 1, 3]),
        marks(&[0, 1, 2]),
        marks(&[0, 1, 3]),
        Choice::Abstain,
    ];
    for (i, (d, choice)) in fx.delegates.iter().zip(ballots).enumerate() {
        let who = if i % 2 == 0 { d.clone() } else { on_b(d) };
        who.command_ok(
            fx.meeting,
            Command::CastVote {
                vote: first,
                choice,
            },
        )
        .await;
    }
    let closed = on_b(&fx.chair)
        .command_ok(
            fx.meeting,
            Command::CloseVote {
                vote: first,
                counts: None,
            },
        )
        .await;
    let result = result_of(&closed.events[0]).expect("the result");
    // Four ballots marked candidates (eleven marks): three votes needed.
    assert_eq!(result.tally.candidates, [4, 4, 2, 2]);
    assert_eq!((result.present_and_voting, result.required), (4, 3));
    assert_eq!(
        result.outcome,
        Outcome::ElectedSeveral {
            candidates: vec![0, 1],
            places_left: 1
        }
    );

    // The next ballot, restricted to Lin and Berg (two for one place), opened on node B.
    let next = on_b(&fx.chair)
        .command_ok(fx.meeting, Command::OpenNextBallot { proposal })
        .await;
    let second = match &next.events[0].event {
        Event::VoteOpened { vote } => (**vote).clone(),
        e => panic!("{e:?}"),
    };
    assert_eq!(second.candidates, [names[2], names[3]]);
    assert_eq!(
        (second.seats, second.ballot, second.lot.is_none()),
        (1, 2, true)
    );
    for (i, d) in fx.delegates.iter().enumerate() {
        let who = if i % 2 == 0 { d.clone() } else { on_b(d) };
        let index = u32::from(i == 4);
        who.command_ok(
            fx.meeting,
            Command::CastVote {
                vote: second.id,
                choice: Choice::Candidate { index },
            },
        )
        .await;
    }
    fx.chair
        .command_ok(
            fx.meeting,
            Command::CloseVote {
                vote: second.id,
                counts: None,
            },
        )
        .await;

    // Every node's view and the record agree: three elected, the election decided.
    for node in [&a, &b] {
        let view: MeetingView = Client {
            base: node.base.clone(),
            ..fx.chair.clone()
        }
        .view(fx.meeting)
        .await;
        let decided = view
            .state
            .proposal(proposal)
            .and_then(|p| p.decision.clone());
        assert_eq!(decided, Some(Decision::Voted { vote: second.id }));
    }
    let record: MeetingRecord = fx
        .secretariat
        .get_ok(&format!("/api/meetings/{}/record", fx.meeting))
        .await;
    let elected: Vec<String> = record
        .decisions
        .iter()
        .flat_map(|d| d.elected.clone())
        .collect();
    assert_eq!(elected, [names[0], names[1], names[2]]);
}
